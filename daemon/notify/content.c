/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * content.c — what a notification shows, kept to show it again.
 *
 * Every notification carries a `default` action, what a click on its body
 * invokes: without one, GNOME launches the app's desktop entry and closes
 * it as dismissed by the user. A body click on a break replaces it with
 * the drills' steps, numbered, with the same buttons; on anything else
 * (the steps, a focus set) it shows the notification again (a fresh
 * banner, with its buttons: GNOME's list entries have none). It is never
 * an answer. A server without actions has no body click either: there the
 * body names the command that shows the steps. The servers that treat the
 * body click their own way are in server.c.
 */
#include "daemon/notify/content.h"

#include <glib/gi18n.h>

MobedContent *
mobed_content_new (const char                *summary,
                   const char                *body,
                   const MobedNotifierAction *actions,
                   guint                      n_actions,
                   const char                *hint,
                   gboolean                   urgent,
                   const char                *click_label)
{
  MobedContent *c = g_new0 (MobedContent, 1);

  c->summary = g_strdup (summary);
  c->body = g_strdup (body);
  c->hint = g_strdup (hint);
  c->urgent = urgent;
  c->n_actions = n_actions + 1;
  c->actions = g_new0 (MobedNotifierAction, n_actions + 1);
  /* The body click: most servers show no button for it (dunst lists it
   * in its menu, so it has a label). */
  c->actions[0] = (MobedNotifierAction) { g_strdup (MOBED_CONTENT_CLICK), g_strdup (click_label) };
  for (guint i = 0; i < n_actions; i++)
    c->actions[i + 1] = (MobedNotifierAction) { g_strdup (actions[i].id),
                                                g_strdup (actions[i].label) };
  return c;
}

MobedContent *
mobed_content_copy (const MobedContent *from)
{
  MobedContent *c = g_new0 (MobedContent, 1);

  c->summary = g_strdup (from->summary);
  c->body = g_strdup (from->body);
  c->short_body = g_strdup (from->short_body);
  c->short_hint = g_strdup (from->short_hint);
  c->hint = g_strdup (from->hint);
  c->urgent = from->urgent;
  c->again = from->again;
  c->steps_body = g_strdup (from->steps_body);
  c->steps_hint = g_strdup (from->steps_hint);
  c->picture = g_strdup (from->picture);
  c->n_actions = from->n_actions;
  c->actions = g_new0 (MobedNotifierAction, MAX (from->n_actions, 1));
  for (guint i = 0; i < from->n_actions; i++)
    c->actions[i] = (MobedNotifierAction) { g_strdup (from->actions[i].id),
                                            g_strdup (from->actions[i].label) };
  return c;
}

void
mobed_content_free (MobedContent *c)
{
  if (c == NULL)
    return;
  for (guint i = 0; i < c->n_actions; i++)
    {
      g_free ((char *) c->actions[i].id);
      g_free ((char *) c->actions[i].label);
    }
  g_free (c->actions);
  g_free (c->summary);
  g_free (c->body);
  g_free (c->short_body);
  g_free (c->short_hint);
  g_free (c->hint);
  g_free (c->steps_body);
  g_free (c->steps_hint);
  g_free (c->picture);
  g_free (c);
}

/* A click on the body of @shown brings up the drills' steps in place of
 * the break (same buttons, same picture), or the same again. */
MobedContent *
mobed_content_clicked (MobedContent *shown)
{
  shown->again = TRUE;
  if (shown->steps_body == NULL)
    return shown;
  g_free (shown->body);
  shown->body = g_steal_pointer (&shown->steps_body);
  /* mako shows the short form: the steps are what was asked for. */
  g_free (shown->short_body);
  shown->short_body = g_strdup (shown->body);
  g_free ((char *) shown->actions[0].label);
  /* TRANSLATORS: what a click on the notification's body does: it comes
   * back on screen with its buttons */
  shown->actions[0].label = g_strdup (_("Show again"));
  return shown;
}

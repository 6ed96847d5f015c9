/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notifier.c — libnotify adapter. Shows the break, turns button presses and
 * closes into answers for the daemon, and notices notification servers that
 * come and go (name-watch.c). It decides nothing about breaks.
 *
 * This is the main loop's side. It builds notifications (local work) and
 * hears what became of them; every call that talks to the server runs on
 * worker.c's thread, as a stalled server would otherwise stall mobed.
 *
 * Many servers close a notification by themselves once an action is pressed,
 * and report that close as "dismissed by the user". So the moment an action
 * arrives the notification is detached and taken down here, and the daemon
 * gets only the action. Nothing is updated in place: GNOME drops the
 * buttons of a notification updated while its banner is up, so a break
 * shown again (another drill, escalation) is a fresh notification after
 * the old one is closed.
 *
 * What a notification shows, and what a click on its body brings up, is
 * content.c's; the few servers that need telling apart are in server.c.
 *
 * The drill's picture goes as a hint naming its file: see worker.c.
 */
#include "daemon/notify/notifier.h"
#include "daemon/notify/notifier-private.h"
#include "daemon/notify/content.h"
#include "daemon/notify/display.h"
#include "daemon/notify/name-watch.h"
#include "daemon/notify/worker.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

/* NotificationClosed reason 2 in the notification spec. */
#define CLOSED_BY_USER 2

/* A server can own its name a moment before it answers Notify (a desktop
 * shell or dbusmock starting up): a show that fails while a server is on
 * the bus is tried again a few times, a second apart. */
#define SHOW_RETRIES 5

static void on_closed (NotifyNotification *n, MobedNotifier *self);

static gboolean
on_retry (gpointer user_data)
{
  MobedNotifier *self = user_data;

  self->retry_id = 0;
  mobed_notifier_show_waiting (self);
  return G_SOURCE_REMOVE;
}

static void
retry_later (MobedNotifier *self)
{
  if (!self->seen_server || self->retry_id != 0 || self->retries >= SHOW_RETRIES)
    return;
  self->retries++;
  self->retry_id = g_timeout_add_seconds (1, on_retry, self);
}

NotifyNotification *
mobed_notifier_detach (MobedNotifier *self)
{
  NotifyNotification *n = g_steal_pointer (&self->current);

  if (n != NULL)
    g_signal_handlers_disconnect_by_func (n, on_closed, self);
  return n;
}

static void
close_quietly (MobedNotifier *self, NotifyNotification *n)
{
  if (n != NULL)
    mobed_worker_close (self, n);
}

/* A show that failed is taken down, and tried again while a server is on
 * the bus (see SHOW_RETRIES). */
void
mobed_notifier_shown (MobedNotifier      *self,
                      NotifyNotification *n,
                      gboolean            ok,
                      gboolean            close_is_click,
                      const char         *error)
{
  if (self->dead || n != self->current)
    return;
  if (ok)
    {
      self->failing = FALSE;
      self->retries = 0;
      self->close_is_click = close_is_click;
      return;
    }
  g_object_unref (mobed_notifier_detach (self));
  mobed_notifier_keep_pending (self, g_steal_pointer (&self->shown));
  if (!self->failing)
    g_message ("Could not show the notification (%s); breaks go to the log "
               "until a notification server appears", error);
  self->failing = TRUE;
  retry_later (self);
}

static void
on_closed (NotifyNotification *n, MobedNotifier *self)
{
  int reason = notify_notification_get_closed_reason (n);
  g_autoptr(MobedContent) again = g_steal_pointer (&self->shown);

  g_object_unref (mobed_notifier_detach (self));
  if (reason == CLOSED_BY_USER && self->close_is_click && again != NULL)
    {
      g_debug ("The notification was clicked (its server closes it); showing %s",
               again->steps_body != NULL ? "the steps" : "it again");
      mobed_notifier_show_content (self, mobed_content_clicked (g_steal_pointer (&again)));
      return;
    }
  /* Expired or closed by the server is not the user's answer: the break
   * stays due and mobectl can still answer it. */
  if (reason == CLOSED_BY_USER)
    self->callbacks.answered ("dismissed", self->user_data);
  else
    g_debug ("Notification closed by the server (reason %d); the break stays due", reason);
}

void
mobed_notifier_on_action (NotifyNotification *n, char *action, gpointer user_data)
{
  MobedNotifier *self = user_data;
  g_autofree char *answer = g_strdup (action);
  g_autoptr(MobedContent) again = NULL;

  /* A button on an older notification still on screen answers nothing. */
  if (self->dead || n != self->current)
    return;
  if (g_str_equal (answer, MOBED_CONTENT_CLICK))
    again = g_steal_pointer (&self->shown);
  close_quietly (self, mobed_notifier_detach (self));
  g_clear_pointer (&self->shown, mobed_content_free);
  if (again != NULL)
    {
      g_debug ("The notification's body was clicked; showing %s",
               again->steps_body != NULL ? "the steps" : "it again");
      mobed_notifier_show_content (self, mobed_content_clicked (g_steal_pointer (&again)));
      return;
    }
  self->callbacks.answered (answer, self->user_data);
}

MobedNotifier *
mobed_notifier_new (const MobedNotifierCallbacks *callbacks, gpointer user_data)
{
  MobedNotifier *self = g_rc_box_new0 (MobedNotifier);

  self->callbacks = *callbacks;
  self->user_data = user_data;
  if (!notify_is_initted ())
    notify_init ("mobed");
  self->watch_id = mobed_name_watch_start (self);
  return self;
}

void
mobed_notifier_free (MobedNotifier *self)
{
  NotifyNotification *n;

  if (self == NULL)
    return;
  n = mobed_notifier_detach (self);
  g_clear_object (&n);
  g_clear_pointer (&self->shown, mobed_content_free);
  g_clear_pointer (&self->pending, mobed_content_free);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  self->dead = TRUE;
  g_rc_box_release (self);
}

/* Only for a notifier whose owner would not show it again itself. */
void
mobed_notifier_keep_pending (MobedNotifier *self, MobedContent *content)
{
  if (content == NULL)
    return;
  g_clear_pointer (&self->pending, mobed_content_free);
  if (self->callbacks.server_appeared == NULL)
    self->pending = content;
  else
    mobed_content_free (content);
}

void
mobed_notifier_show_content (MobedNotifier *self, MobedContent *content)
{
  NotifyNotification *n;

  /* After a failure, wait for a server to appear rather than failing (and
   * having libnotify warn) again on every break. */
  if (self->failing && !self->seen_server)
    {
      g_debug ("No notification server yet; the break is in the log only");
      mobed_notifier_keep_pending (self, content);
      return;
    }
  /* Whether there is a server is not known until the name watcher first
   * answers (a moment after start-up): what is asked for before waits for
   * that answer. Asking libnotify then, with no server yet, left its proxy
   * broken for the server that came next (a GObject critical under ASan). */
  if (!self->server_known)
    {
      g_clear_pointer (&self->pending, mobed_content_free);
      self->pending = content;
      return;
    }
  if (!self->seen_server && !mobed_display_present ())
    {
      if (!self->told_headless)
        g_message ("No notification server and no display (DISPLAY, WAYLAND_DISPLAY): "
                   "breaks go to the log, and none is started for them");
      self->told_headless = TRUE;
      mobed_notifier_keep_pending (self, content);
      return;
    }
  g_clear_pointer (&self->pending, mobed_content_free);
  close_quietly (self, mobed_notifier_detach (self));
  g_clear_pointer (&self->shown, mobed_content_free);

  n = notify_notification_new (content->summary, content->body, "mobed");
  notify_notification_set_timeout (n, NOTIFY_EXPIRES_NEVER);
  /* mobed plays its own chime; the server should not add a second sound. */
  notify_notification_set_hint (n, "suppress-sound", g_variant_new_boolean (TRUE));
  /* data/mobed.desktop: lets notification settings group mobed's notifications. */
  notify_notification_set_hint (n, "desktop-entry", g_variant_new_string ("mobed"));
  g_signal_connect (n, "closed", G_CALLBACK (on_closed), self);
  self->current = n;
  self->shown = mobed_content_copy (content);
  mobed_worker_show (self, g_object_ref (n), content);
}

void
mobed_notifier_show_waiting (MobedNotifier *self)
{
  if (self->current == NULL && self->callbacks.server_appeared != NULL)
    self->callbacks.server_appeared (self->user_data);
  else if (self->current == NULL && self->pending != NULL)
    mobed_notifier_show_content (self, g_steal_pointer (&self->pending));
}

void
mobed_notifier_show (MobedNotifier *self, const MobedNotifierBreak *shown)
{
  /* TRANSLATORS: notification buttons: the break is done, put it off
   * (the label is made in daemon.c), skip it, or show a different drill */
  const MobedNotifierAction actions[] = {
    { "done", C_("button", "Done") },
    { "snooze", shown->snooze_label },
    { "skip", C_("button", "Skip") },
    { "another", C_("button", "Another") },
  };
  MobedContent *c;

  c = mobed_content_new (shown->summary, shown->body, actions,
                         G_N_ELEMENTS (actions) - (shown->no_another ? 1 : 0),
                         /* TRANSLATORS: keep the commands; they are typed in a terminal */
                         _("Answer with: mobectl done · mobectl snooze · mobectl skip"),
                         shown->urgent,
                         shown->steps_body != NULL
                           /* TRANSLATORS: what a click on the break's body does:
                            * the notification shows the drill's steps instead */
                           ? _("Show the steps")
                           : _("Show again"));

  c->short_body = g_strdup (shown->short_body);
  c->again = shown->again;
  c->steps_body = g_strdup (shown->steps_body);
  c->steps_hint = g_strdup (shown->steps_hint);
  c->picture = g_strdup (shown->picture);
  /* TRANSLATORS: the safety line's shortest form and the commands that
   * answer a break, where there is room for one short line only (mako:
   * a third line would be cut); keep the commands as they are */
  c->short_hint = g_strdup (_("Stop if it hurts · mobectl done · snooze · skip"));
  mobed_notifier_show_content (self, c);
}

void
mobed_notifier_show_full (MobedNotifier             *self,
                          const char                *summary,
                          const char                *body,
                          const MobedNotifierAction *actions,
                          guint                      n_actions,
                          const char                *hint,
                          gboolean                   urgent)
{
  MobedContent *c;

  /* TRANSLATORS: what a click on the notification's body does: it comes
   * back on screen with its buttons */
  c = mobed_content_new (summary, body, actions, n_actions, hint, urgent, _("Show again"));
  mobed_notifier_show_content (self, c);
}

void
mobed_notifier_close (MobedNotifier *self)
{
  close_quietly (self, mobed_notifier_detach (self));
  g_clear_pointer (&self->shown, mobed_content_free);
}

gboolean
mobed_notifier_stop (void)
{
  return mobed_worker_stop ();
}

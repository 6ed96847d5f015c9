/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * current-break.c — the break that is due, as the user meets it: which
 * drills it suggests, how it goes on the screen (again when a notification
 * server turns up), what status says about it, and what the notification's
 * buttons mean. Kept apart from daemon.c, the hub that carries out the
 * scheduler's plans (a break starts, ends, is recorded): this file only
 * fills in and shows the break those plans make due.
 */
#include "daemon/current-break.h"
#include "daemon/daemon-private.h"

#include <glib/gi18n.h>

#include "core/duration.h"
#include "core/picker.h"
#include "daemon/clock.h"
#include "daemon/notify/break-view.h"
#include "daemon/notify/walk-view.h"

static gboolean
walk_due (MobedDaemon *self, MobedTime now)
{
  return mobed_scheduler_get_break_id (self->scheduler) != 0
         && mobed_scheduler_get_break_kind (self->scheduler, now.mono) == MOBED_BREAK_WALK;
}

GVariant *
mobed_current_break_variant (MobedDaemon *self, MobedTime now)
{
  g_autoptr(GVariant) view = NULL;
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (mobed_scheduler_get_break_id (self->scheduler) == 0)
    return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
  view = g_variant_ref_sink (
    mobed_break_view_variant (&self->choice, mobed_scheduler_get_due_wall (self->scheduler),
                              mobed_scheduler_get_snoozes (self->scheduler),
                              mobed_scheduler_get_snoozed_until (self->scheduler, now)));
  /* The kind goes beside what break-view says (a walk has no drills). */
  g_variant_iter_init (&iter, view);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_builder_add (&dict, "{sv}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&dict, "{sv}", "kind",
                         g_variant_new_string (mobed_break_kind_to_string (
                           walk_due (self, now) ? MOBED_BREAK_WALK : MOBED_BREAK_DRILLS)));
  if (walk_due (self, now))
    g_variant_builder_add (&dict, "{sv}", "walk_length",
                           g_variant_new_uint64 (self->config.walk_length_s));
  return g_variant_builder_end (&dict);
}

void
mobed_current_break_pick (MobedDaemon *self, MobedTime now, gboolean another)
{
  g_auto(MobedConfig) config = { 0 };

  /* A walk has no drills: nothing to choose, and none go in the history. */
  if (walk_due (self, now))
    {
      self->choice = (MobedChoice) { 0 };
      return;
    }
  mobed_config_copy (&config, &self->config);
  mobed_daemon_focus_avoid (self->focus, now, &config);
  if (!mobed_picker_pick (self->picker, &config, mobed_clock_local_day (now.wall),
                          another, &self->choice))
    {
      g_message ("No drill fits the allowed settings and exclusions; "
                 "suggesting a plain movement break");
      self->choice = (MobedChoice) { 0 };
    }
  g_clear_pointer (&self->choice_catalog, mobed_catalog_unref);
  self->choice_catalog = mobed_catalog_ref (self->catalog);
}

typedef enum {
  SHOW_STARTED,   /* fallen due, or back from a snooze: BreakStarted says so */
  SHOW_ANOTHER,   /* the same break with another drill */
  SHOW_AGAIN,     /* the same break, for a notification server that came */
} ShowWhy;

/* Puts the current break on screen. */
static void
show_break (MobedDaemon *self, MobedTime now, ShowWhy why)
{
  gboolean urgent = mobed_scheduler_get_escalated (self->scheduler);
  g_autofree char *line = mobed_break_view_line (&self->choice);
  g_autofree char *body = mobed_break_view_body (&self->choice);
  g_autofree char *short_body = mobed_break_view_short_body (&self->choice);
  g_autofree char *snooze = mobed_duration_format_human (self->config.snooze_s);
  /* TRANSLATORS: a notification button; %s is a length such as "5 min" */
  g_autofree char *label = g_strdup_printf (_("Snooze %s"), snooze);

  if (walk_due (self, now))
    {
      guint64 seed = mobed_scheduler_get_break_id (self->scheduler);
      g_autofree char *walk_line = mobed_walk_view_line (self->config.walk_length_s);
      g_autofree char *title = mobed_walk_view_title (self->config.walk_length_s);
      g_autofree char *walk_body = mobed_walk_view_body (seed);
      g_autofree char *walk_short = mobed_walk_view_short_body (seed);

      g_message ("%s: %s", why == SHOW_STARTED ? "Walk due" : "Walk shown again", walk_line);
      MobedNotifierBreak walk = {
        .summary = title, .body = walk_body, .short_body = walk_short,
        .snooze_label = label, .urgent = urgent, .again = self->releasing, .no_another = TRUE,
      };

      mobed_notifier_show (self->notifier, &walk);
      if (why == SHOW_STARTED)
        mobed_service_emit_break_started (self->service, mobed_current_break_variant (self, now));
      return;
    }

  /* The log is where a break goes when no notification server listens. */
  if (why == SHOW_STARTED)
    g_message ("Break due: %s", line);
  else if (why == SHOW_ANOTHER)
    g_message ("Another drill for the break: %s", line);
  else
    g_message ("Break shown again: %s", line);
  const MobedCatalog *catalog = self->choice_catalog ? self->choice_catalog : self->catalog;
  g_autofree char *steps = mobed_break_view_steps (&self->choice, catalog);
  g_autofree char *steps_hint = mobed_break_view_steps_hint (&self->choice);
  MobedNotifierBreak shown = {
    /* TRANSLATORS: the title of the break notification */
    .summary = _("Time to move"), .body = body, .short_body = short_body,
    .steps_body = steps, .steps_hint = steps_hint,
    .picture = mobed_break_view_picture (&self->choice, catalog),
    .snooze_label = label, .urgent = urgent, .again = self->releasing,
  };

  mobed_notifier_show (self->notifier, &shown);
  if (why == SHOW_STARTED)
    mobed_service_emit_break_started (self->service, mobed_current_break_variant (self, now));
}

void
mobed_current_break_show_started (MobedDaemon *self, MobedTime now)
{
  show_break (self, now, SHOW_STARTED);
}

gboolean
mobed_daemon_another (MobedDaemon *self, GError **error)
{
  MobedTime now = mobed_clock_now ();

  if (mobed_scheduler_get_break_id (self->scheduler) == 0)
    {
      g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_DUE,
                           "No break is due right now");
      return FALSE;
    }
  if (walk_due (self, now))
    {
      g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_INVALID,
                           "The break due is a walk: it has no drills to swap");
      return FALSE;
    }
  mobed_current_break_pick (self, now, TRUE);
  if (mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_DUE)
    show_break (self, now, SHOW_ANOTHER);
  mobed_daemon_publish (self, now);
  return TRUE;
}

gboolean
mobed_daemon_answer_event (MobedDaemon *self, const char *answer, MobedEvent *event)
{
  *event = (MobedEvent) { 0 };
  if (g_str_equal (answer, "done"))
    event->kind = MOBED_EVENT_DONE;
  else if (g_str_equal (answer, "skip"))
    event->kind = MOBED_EVENT_SKIP;
  else if (g_str_equal (answer, "snooze"))
    *event = (MobedEvent) { .kind = MOBED_EVENT_SNOOZE, .seconds = self->config.snooze_s };
  else if (g_str_equal (answer, "dismissed"))
    event->kind = MOBED_EVENT_DISMISS;
  else
    return FALSE;
  return TRUE;
}

static void
on_answered (const char *answer, gpointer user_data)
{
  MobedDaemon *self = user_data;
  g_autoptr(GError) error = NULL;
  MobedEvent event = { 0 };

  if (g_str_equal (answer, "another"))
    {
      if (!mobed_daemon_another (self, &error))
        g_debug ("'another' refused: %s", error->message);
      return;
    }
  if (!mobed_daemon_answer_event (self, answer, &event))
    {
      g_debug ("Ignoring notification action '%s'", answer);
      return;
    }
  mobed_daemon_handle (self, &event);
}

static void
on_server_appeared (gpointer user_data)
{
  MobedDaemon *self = user_data;

  if (mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_DUE)
    show_break (self, mobed_clock_now (), SHOW_AGAIN);
}

MobedNotifier *
mobed_current_break_notifier_new (MobedDaemon *self)
{
  const MobedNotifierCallbacks callbacks = { on_answered, on_server_appeared };

  return mobed_notifier_new (&callbacks, self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon.c — carries out the scheduler's plans. Every event, whether a D-Bus
 * call, a button press or the timer, goes through handle(): the scheduler
 * decides, then this file shows, closes, chimes, counts and publishes, and
 * arms the one timer for the next deadline. There is no polling. The break
 * itself, its drills and its notification, is current-break.c's.
 */
#include "daemon/daemon-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/config.h"
#include "store/config-files.h"
#include "store/history.h"
#include "core/workhours.h"
#include "core/picker.h"
#include "core/reasons.h"
#include "store/savedstate.h"
#include "core/scheduler.h"
#include "daemon/notify/chime.h"
#include "daemon/clock.h"
#include "daemon/config-watch.h"
#include "daemon/current-break.h"
#include "daemon/drill-source.h"
#include "daemon/presence/idle-monitor.h"
#include "daemon/notify/notifier.h"
#include "daemon/presence/lock-logind.h"
#include "daemon/presence/lock-screensaver.h"
#include "daemon/bus/service.h"
#include "daemon/test-clock.h"



/* When the current sitting stretch began, as if it had no gaps: unix µs,
 * whole seconds; 0 when walks are off. */
static gint64
sitting_since (MobedDaemon *self, MobedTime now)
{
  gint64 sat = mobed_scheduler_get_sitting (self->scheduler, now.mono);

  if (self->config.walk_every_s == 0)
    return 0;
  return (now.wall - sat) / G_USEC_PER_SEC * G_USEC_PER_SEC;
}

void
mobed_daemon_publish (MobedDaemon *self, MobedTime now)
{
  const char *warnings[MOBED_DAEMON_WARNINGS_MAX];
  /* Never read by name: it owns the string warnings[] may end with. */
  G_GNUC_UNUSED g_autofree char *more = mobed_daemon_settings_warnings (self, warnings);
  g_auto(GStrv) reasons = mobed_defer_reason_list (mobed_hold_reasons (self->hold));

  MobedStatus status = {
    .state = mobed_state_to_string (mobed_scheduler_get_state (self->scheduler)),
    /* Whole seconds, so the property does not twitch with clock-read jitter. */
    .next_break = mobed_scheduler_get_next_break (self->scheduler, now) / G_USEC_PER_SEC
                  * G_USEC_PER_SEC,
    .paused_until = mobed_scheduler_get_paused_until (self->scheduler, now),
    .count_resets_at = mobed_scheduler_get_count_resets_at (self->scheduler, now)
                       / G_USEC_PER_SEC * G_USEC_PER_SEC,
    .pause_reason = mobed_pause_log_reason (self->pauses),
    .current_break = mobed_current_break_variant (self, now),
    .today_done = mobed_break_log_today_done (self->log),
    .daily_goal = (guint) self->config.daily_goal,
    .snooze_length = self->config.snooze_s,
    .idle_source = mobed_idle_kind_name (self->idle != NULL
                                           ? mobed_idle_monitor_get_seeing_kind (self->idle)
                                           : MOBED_IDLE_NONE),
    .warnings = (const char *const *) warnings,
    .defer_reasons = (const char *const *) reasons,
    .microphone_app = mobed_hold_microphone_app (self->hold),
    .focus = mobed_daemon_focus_variant (self->focus, now),
    .next_break_kind = mobed_break_kind_to_string (
      mobed_scheduler_get_next_kind (self->scheduler, now)),
    .sitting_since = sitting_since (self, now),
    .focus_set = mobed_daemon_focus_set_variant (self->focus, now),
  };

  mobed_service_publish (self->service, &status);
}

static void
chime (MobedDaemon *self, const char *event_id, const char *description)
{
  if (self->config.sound)
    mobed_chime_play (self->chime, event_id, description);
}

static gboolean
on_timer (gpointer user_data)
{
  MobedDaemon *self = user_data;
  MobedEvent tick = { .kind = MOBED_EVENT_TICK };

  self->timer_id = 0;
  mobed_daemon_handle (self, &tick);
  return G_SOURCE_REMOVE;
}

/* One timer: the scheduler's deadline, local midnight when the day's count
 * turns over, the next start or end of working hours, the next look for
 * a camera or fullscreen window holding a break, or the focus plan's next
 * set, whichever is first. */
static void
arm_timer (MobedDaemon *self, gint64 deadline, MobedTime now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now.wall / G_USEC_PER_SEC);
  gint64 wait = mobed_clock_until_midnight (now);
  gint64 hours_change = mobed_work_hours_next_change (&self->hours, local);
  gint64 focus = mobed_daemon_focus_next_wall (self->focus);
  guint ms;

  if (deadline != MOBED_NEVER)
    wait = MIN (wait, deadline - now.mono);
  if (mobed_hold_next_look (self->hold) != MOBED_NEVER)
    wait = MIN (wait, mobed_hold_next_look (self->hold) - now.mono);
  if (focus != 0)
    wait = MIN (wait, focus - now.wall);
  if (hours_change >= 0)
    wait = MIN (wait, hours_change * G_USEC_PER_SEC);
  /* Round up: waking a hair early would only arm the same deadline again. */
  ms = (guint) CLAMP ((wait + 999) / 1000, 1, G_MAXINT32);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms, on_timer, self, NULL);
}

void
mobed_daemon_carry_out (MobedDaemon *self, const MobedPlan *plan, MobedTime now)
{
  if (plan->flags & MOBED_PLAN_RECORD)
    {
      const char *outcome = mobed_outcome_to_string (plan->record.outcome);

      g_message ("Break ended: %s", outcome);
      mobed_break_log_record (self->log, &plan->record,
                              self->choice_catalog ? self->choice_catalog : self->catalog,
                              &self->choice, mobed_hold_take_held (self->hold));
      mobed_service_emit_break_ended (self->service, outcome);
    }
  if (plan->flags & MOBED_PLAN_CLOSE)
    mobed_notifier_close (self->notifier);
  if (plan->flags & MOBED_PLAN_NEW_BREAK)
    mobed_current_break_pick (self, now, FALSE);
  if (plan->flags & MOBED_PLAN_SHOW)
    mobed_current_break_show_started (self, now);
  if (plan->flags & MOBED_PLAN_CHIME_START)
    /* TRANSLATORS: what the sound means, for sound settings and accessibility */
    chime (self, "bell", _("A movement break is due"));
  if (plan->flags & MOBED_PLAN_CHIME_DONE)
    chime (self, "complete", _("Movement break done"));
  if (plan->flags & MOBED_PLAN_CHIME_AGAIN)
    chime (self, "bell", _("A movement break is still waiting"));
}

/* @to_focus: the event is an answer from the focus set's notification. */
gboolean
mobed_daemon_handle_event (MobedDaemon *self, const MobedEvent *event, gboolean to_focus, GError **error)
{
  MobedTime now = mobed_clock_now ();
  const MobedEvent tick = { .kind = MOBED_EVENT_TICK };
  MobedPlan plan;
  gboolean ok;

  gboolean was_paused = mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_PAUSED;

  mobed_break_log_roll_today (self->log, now);
  mobed_daemon_sync_hours (self, now);
  /* Done, Snooze and Skip answer a focus set when no microbreak is up;
   * the scheduler still sees time pass. */
  to_focus = to_focus || mobed_daemon_focus_takes (self->focus, event);
  mobed_hold_before (self->hold, to_focus ? &tick : event, now);
  ok = mobed_scheduler_handle (self->scheduler, to_focus ? &tick : event, now, &plan, error);
  /* Even a refused event can carry what the passage of time did. */
  mobed_daemon_carry_out (self, &plan, now);
  mobed_hold_after (self->hold, now);
  if (to_focus)
    ok = mobed_daemon_focus_answer (self->focus, event, now, error);
  mobed_daemon_focus_sync (self->focus, now);
  mobed_pause_log_track (self->pauses, event, ok, was_paused, now);
  mobed_daemon_publish (self, now);
  arm_timer (self, plan.next_deadline, now);
  return ok;
}

void
mobed_daemon_handle (MobedDaemon *self, const MobedEvent *event)
{
  g_autoptr(GError) error = NULL;

  if (!mobed_daemon_handle_event (self, event, FALSE, &error))
    g_debug ("Event %d refused: %s", event->kind, error->message);
}

void
mobed_daemon_handle_focus (MobedDaemon *self, const MobedEvent *event)
{
  g_autoptr(GError) error = NULL;

  if (!mobed_daemon_handle_event (self, event, TRUE, &error))
    g_debug ("Focus answer refused: %s", error->message);
}

void
mobed_daemon_refresh (MobedDaemon *self)
{
  const MobedEvent tick = { .kind = MOBED_EVENT_TICK };

  mobed_daemon_handle (self, &tick);
}

/* Every presence source ends here; the scheduler hears of the user
 * leaving when the first reason begins and returning when the last ends. */
static void
presence_changed (MobedDaemon *self, MobedAwayReason reason, gboolean away, gint64 since)
{
  MobedEvent event;

  if (mobed_presence_update (&self->presence, reason, away, since, &event))
    mobed_daemon_handle (self, &event);
}

static void
on_logind (gboolean away, gpointer user_data)
{
  /* Lock and sleep are reported the moment they happen. */
  presence_changed (user_data, MOBED_AWAY_LOGIND, away, mobed_clock_now ().mono);
}

static void
on_shield (gboolean active, gpointer user_data)
{
  presence_changed (user_data, MOBED_AWAY_SCREENSAVER, active, mobed_clock_now ().mono);
}

static void
on_idle (gboolean away, gint64 since, gpointer user_data)
{
  presence_changed (user_data, MOBED_AWAY_IDLE, away, since);
}

static void
on_idle_source (gpointer user_data)
{
  MobedDaemon *self = user_data;

  mobed_daemon_publish (self, mobed_clock_now ());
}

void
mobed_daemon_watch_session (MobedDaemon *self)
{
  const MobedIdleMonitorCallbacks callbacks = { on_idle, on_idle_source };

  self->screensaver = mobed_screensaver_new (self->connection, on_shield, self);
  self->idle = mobed_idle_monitor_new (self->connection, mobed_logind_get_session (self->logind),
                                       (MobedIdleKind) self->config.idle_source,
                                       mobed_daemon_idle_threshold (self), &callbacks, self);
}

static void
on_hold_carry_out (const MobedPlan *plan, MobedTime now, gboolean releasing, gpointer user_data)
{
  MobedDaemon *self = user_data;

  self->releasing = releasing;
  mobed_daemon_carry_out (self, plan, now);
  self->releasing = FALSE;
}

static void
on_hold_changed (gpointer user_data)
{
  mobed_daemon_refresh (user_data);
}

static gboolean
on_focus_answer_event (const char *answer, MobedEvent *event, gpointer user_data)
{
  return mobed_daemon_answer_event (user_data, answer, event);
}

static void
on_focus_handle (const MobedEvent *event, gpointer user_data)
{
  mobed_daemon_handle_focus (user_data, event);
}

static void
on_focus_refresh (gpointer user_data)
{
  mobed_daemon_refresh (user_data);
}

MobedDaemon *
mobed_daemon_new (GMainLoop *loop, GError **error)
{
  MobedDaemon *self = g_new0 (MobedDaemon, 1);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *history_path = NULL;
  g_autofree char *state_path = NULL;
  MobedTime now = mobed_clock_now ();
  const MobedHoldCallbacks hold_callbacks = { on_hold_carry_out, on_hold_changed };

  self->catalog = mobed_drill_source_load (warnings, error);
  if (self->catalog == NULL)
    {
      g_free (self);
      return NULL;
    }
  self->picker = mobed_picker_new (self->catalog, g_random_int ());
  self->loop = g_main_loop_ref (loop);
  mobed_daemon_settings_load (self, warnings);
  history_path = mobed_history_default_path ();
  self->log = mobed_break_log_open (history_path, now);

  self->scheduler = mobed_scheduler_new (&self->config, now.mono);
  state_path = mobed_saved_state_default_path ();
  self->pauses = mobed_pause_log_new (state_path, self->log, self->scheduler);
  mobed_pause_log_restore (self->pauses, now);
  self->service = mobed_service_new (self);
  self->notifier = mobed_current_break_notifier_new (self);
  self->chime = mobed_chime_new ();
  mobed_daemon_settings_watch (self);
  self->logind = mobed_logind_new (on_logind, self);
  self->hold = mobed_hold_new (&self->config, self->scheduler, &hold_callbacks, self);
  {
    const MobedFocusHub hub = {
      &self->config, &self->catalog, &self->hours, self->scheduler, self->hold, self->chime,
      self->log, on_focus_answer_event, on_focus_handle, on_focus_refresh, self,
    };

    self->focus = mobed_daemon_focus_new (&hub, now);
  }
  g_message ("Presence: %s", mobed_logind_describe (self->logind));
  mobed_hold_configure (self->hold, now);
  return self;
}

MobedHistory *
mobed_daemon_history (MobedDaemon *self)
{
  return mobed_break_log_history (self->log);
}

MobedBreakLog *
mobed_daemon_break_log (MobedDaemon *self)
{
  return self->log;
}

MobedCatalog *
mobed_daemon_catalog (MobedDaemon *self)
{
  return self->catalog;
}

GVariant *
mobed_daemon_focus_method (MobedDaemon *self, const char *method, GVariant *params,
                           GError **error)
{
  GVariant *result = mobed_daemon_focus_call (self->focus, method, params, error);

  if (result != NULL)
    {
      g_variant_ref_sink (result);
      mobed_daemon_refresh (self);
    }
  return result;
}

GVariant *
mobed_daemon_focus_report (MobedDaemon *self, MobedTime now)
{
  return mobed_daemon_focus_stats (self->focus, now);
}

const MobedConfig *
mobed_daemon_config (MobedDaemon *self)
{
  return &self->config;
}

int
mobed_daemon_get_exit_code (MobedDaemon *self)
{
  return self->exit_code;
}

void
mobed_daemon_free (MobedDaemon *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  mobed_test_clock_unexport ();
  /* Nothing more for the notification server (a call under way may end). */
  mobed_notifier_stop ();
  /* The bus name is not given up here: it goes with the connection when
   * mobed exits (this is only ever called then). Releasing it on a bus
   * that is going away too, as at logout, makes GLib warn; closing the
   * connection first instead made GLib's own late subscriptions on it
   * critical. */
  self->owner_id = 0;
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_clear_pointer (&self->config_watch, mobed_config_watch_free);
  g_clear_pointer (&self->idle, mobed_idle_monitor_free);
  g_clear_pointer (&self->screensaver, mobed_screensaver_free);
  g_clear_pointer (&self->logind, mobed_logind_free);
  g_clear_pointer (&self->hold, mobed_hold_free);
  g_clear_pointer (&self->notifier, mobed_notifier_free);
  g_clear_pointer (&self->focus, mobed_daemon_focus_free);
  g_clear_pointer (&self->service, mobed_service_free);
  g_clear_pointer (&self->chime, mobed_chime_free);
  g_clear_pointer (&self->scheduler, mobed_scheduler_free);
  g_clear_pointer (&self->picker, mobed_picker_free);
  g_clear_pointer (&self->choice_catalog, mobed_catalog_unref);
  g_clear_pointer (&self->catalog, mobed_catalog_unref);
  g_clear_pointer (&self->pauses, mobed_pause_log_free);
  g_clear_pointer (&self->log, mobed_break_log_free);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->load_warnings, g_ptr_array_unref);
  mobed_config_clear (&self->config);
  g_free (self->config_path);
  g_free (self);
}

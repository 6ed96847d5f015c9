/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * service.c — the D-Bus face of mobed, in one place: each method's
 * handler unpacks its arguments, hands them to the daemon (an event, or a
 * question for the history or the catalog) and answers: a value, or the
 * daemon's error under a D-Bus name a client can act on. Nothing here
 * decides anything.
 */
#include "daemon/bus/service.h"

#include "core/reasons.h"
#include "daemon/bus/drill-list.h"
#include "daemon/bus/stats-view.h"
#include "daemon/clock.h"
#include "daemon/daemon.h"
#include "mobed-config.h"
#include "mobed-dbus.h"

#define OBJECT_PATH "/org/mobed/Daemon"

struct _MobedService {
  MobedDaemon      *daemon;
  MobedDBusDaemon1 *skeleton;
};

/* The scheduler's refusals travel under their own D-Bus names, so mobectl
 * (and any other client) can tell "not now" from "you got it wrong". */
static void
register_errors (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_dbus_error_register_error (MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_DUE,
                                   "org.mobed.Error.NotDue");
      g_dbus_error_register_error (MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_PAUSED,
                                   "org.mobed.Error.Paused");
      g_dbus_error_register_error (MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_PAUSED,
                                   "org.mobed.Error.NotPaused");
      g_dbus_error_register_error (MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_FOCUS_ACTIVE,
                                   "org.mobed.Error.FocusActive");
      g_dbus_error_register_error (MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NO_FOCUS,
                                   "org.mobed.Error.NoFocus");
      g_dbus_error_register_error (MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NO_SUCH_DRILL,
                                   "org.mobed.Error.NoSuchDrill");
      g_once_init_leave (&once, 1);
    }
}

static void
return_error (GDBusMethodInvocation *invocation, const GError *error)
{
  if ((error->domain == MOBED_SCHEDULER_ERROR && error->code != MOBED_SCHEDULER_ERROR_INVALID)
      || error->domain == G_DBUS_ERROR)
    g_dbus_method_invocation_return_gerror (invocation, error);
  else if (error->domain == MOBED_SCHEDULER_ERROR)
    g_dbus_method_invocation_return_error_literal (invocation, G_DBUS_ERROR,
                                                   G_DBUS_ERROR_INVALID_ARGS, error->message);
  else
    g_dbus_method_invocation_return_dbus_error (invocation, "org.mobed.Error.Failed",
                                                error->message);
}

static gboolean
send_event_full (MobedService *self, GDBusMethodInvocation *invocation, const MobedEvent *event)
{
  g_autoptr(GError) error = NULL;

  if (!mobed_daemon_handle_event (self->daemon, event, FALSE, &error))
    return_error (invocation, error);
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
send_event (MobedService *self, GDBusMethodInvocation *invocation,
            MobedEventKind kind, guint64 seconds)
{
  MobedEvent event = { .kind = kind, .seconds = seconds };

  return send_event_full (self, invocation, &event);
}

static gboolean
on_take_break (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  return send_event (self, invocation, MOBED_EVENT_TAKE_BREAK, 0);
}

static gboolean
on_done (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  return send_event (self, invocation, MOBED_EVENT_DONE, 0);
}

static gboolean
on_skip (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  return send_event (self, invocation, MOBED_EVENT_SKIP, 0);
}

static gboolean
on_snooze (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
           guint64 seconds, MobedService *self)
{
  return send_event (self, invocation, MOBED_EVENT_SNOOZE, seconds);
}

static gboolean
on_pause (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
          guint64 seconds, MobedService *self)
{
  return send_event (self, invocation, MOBED_EVENT_PAUSE, seconds);   /* 0 = until resumed */
}

static gboolean
on_pause_with_reason (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
                      guint64 seconds, const char *reason, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  MobedEvent event = { .kind = MOBED_EVENT_PAUSE, .seconds = seconds, .reason = reason };

  if (!mobed_pause_reason_check (reason, &error))
    {
      return_error (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  return send_event_full (self, invocation, &event);
}

static gboolean
on_resume (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  return send_event (self, invocation, MOBED_EVENT_RESUME, 0);
}

static gboolean
on_another (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  g_autoptr(GError) error = NULL;

  if (!mobed_daemon_another (self->daemon, &error))
    return_error (invocation, error);
  else
    mobed_dbus_daemon1_complete_another (iface, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_reload (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  mobed_daemon_reload (self->daemon, warnings);
  g_ptr_array_add (warnings, NULL);
  mobed_dbus_daemon1_complete_reload (iface, invocation, (const char *const *) warnings->pdata);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ListDrills, GetStats, GetHistory and GetPauses: options in, one
 * floating value out (@result, taken), or NULL and @error. */
static gboolean
answer_query (GDBusMethodInvocation *invocation, GVariant *result, GError *error)
{
  if (result == NULL)
    return_error (invocation, error);
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new_tuple (&result, 1));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_list_drills (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
                GVariant *options, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  GVariant *list = mobed_drill_list (mobed_daemon_catalog (self->daemon), options, &error);

  return answer_query (invocation, list, error);
}

/* GetStats: the counts with the focus plan's own entry. */
static GVariant *
stats (MobedDaemon *daemon, GVariant *options, GError **error)
{
  MobedTime now = mobed_clock_now ();
  g_auto(GVariantBuilder) out = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) counts = NULL;

  MobedBreakLog *log = mobed_daemon_break_log (daemon);

  mobed_break_log_roll_today (log, now);
  counts = mobed_stats_view_stats (mobed_break_log_history (log), mobed_daemon_catalog (daemon),
                                   options, mobed_break_log_today (log),
                                   (guint) mobed_daemon_config (daemon)->daily_goal, error);
  if (counts == NULL)
    return NULL;
  g_variant_ref_sink (counts);
  /* The focus plan is a separate dose: its own entry, not in the counts. */
  for (gsize i = 0; i < g_variant_n_children (counts); i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (counts, i);
      g_variant_builder_add_value (&out, entry);
    }
  g_variant_builder_add (&out, "{sv}", "focus", mobed_daemon_focus_report (daemon, now));
  return g_variant_builder_end (&out);
}

static gboolean
on_get_stats (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
              GVariant *options, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  GVariant *counts = stats (self->daemon, options, &error);

  return answer_query (invocation, counts, error);
}

static gboolean
on_get_history (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
                GVariant *options, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  MobedHistory *history = mobed_break_log_history (mobed_daemon_break_log (self->daemon));
  GVariant *rows = mobed_stats_view_history (history, options, &error);

  return answer_query (invocation, rows, error);
}

static gboolean
on_get_pauses (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
               GVariant *options, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  MobedHistory *history = mobed_break_log_history (mobed_daemon_break_log (self->daemon));
  GVariant *rows = mobed_stats_view_pauses (history, options, &error);

  return answer_query (invocation, rows, error);
}

static gboolean
on_get_focus_sets (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
                   GVariant *options, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  MobedHistory *history = mobed_break_log_history (mobed_daemon_break_log (self->daemon));
  GVariant *rows = mobed_stats_view_focus_sets (history, options, mobed_clock_now ().wall, &error);

  return answer_query (invocation, rows, error);
}

/* The focus methods: the daemon gets the method's name and arguments. */
static gboolean
on_focus (GDBusMethodInvocation *invocation, MobedService *self)
{
  g_autoptr(GError) error = NULL;
  GVariant *params = g_dbus_method_invocation_get_parameters (invocation);
  g_autoptr(GVariant) result =
      mobed_daemon_focus_method (self->daemon, g_dbus_method_invocation_get_method_name (invocation),
                                 params, &error);

  if (result == NULL)
    return_error (invocation, error);
  else if (g_variant_is_of_type (result, G_VARIANT_TYPE_UNIT))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new_tuple (&result, 1));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_start_focus (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
                const char *const *targets, GVariant *options, MobedService *self)
{
  return on_focus (invocation, self);
}

static gboolean
on_stop_focus (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, MobedService *self)
{
  return on_focus (invocation, self);
}

static gboolean
on_extend_focus (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, guint days,
                 MobedService *self)
{
  return on_focus (invocation, self);
}

static gboolean
on_keep_focus_dose (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation,
                    MobedService *self)
{
  return on_focus (invocation, self);
}

static gboolean
on_rate_focus (MobedDBusDaemon1 *iface, GDBusMethodInvocation *invocation, const char *answer,
               MobedService *self)
{
  return on_focus (invocation, self);
}

MobedService *
mobed_service_new (MobedDaemon *daemon)
{
  MobedService *self = g_new0 (MobedService, 1);

  register_errors ();
  self->daemon = daemon;
  self->skeleton = mobed_dbus_daemon1_skeleton_new ();
  mobed_dbus_daemon1_set_version (self->skeleton, MOBED_VERSION);
  mobed_dbus_daemon1_set_current_break (self->skeleton,
                                        g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  mobed_dbus_daemon1_set_focus (self->skeleton,
                                g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  mobed_dbus_daemon1_set_focus_set (self->skeleton,
                                    g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));

  g_signal_connect (self->skeleton, "handle-take-break", G_CALLBACK (on_take_break), self);
  g_signal_connect (self->skeleton, "handle-done", G_CALLBACK (on_done), self);
  g_signal_connect (self->skeleton, "handle-skip", G_CALLBACK (on_skip), self);
  g_signal_connect (self->skeleton, "handle-snooze", G_CALLBACK (on_snooze), self);
  g_signal_connect (self->skeleton, "handle-pause", G_CALLBACK (on_pause), self);
  g_signal_connect (self->skeleton, "handle-pause-with-reason",
                    G_CALLBACK (on_pause_with_reason), self);
  g_signal_connect (self->skeleton, "handle-resume", G_CALLBACK (on_resume), self);
  g_signal_connect (self->skeleton, "handle-another", G_CALLBACK (on_another), self);
  g_signal_connect (self->skeleton, "handle-reload", G_CALLBACK (on_reload), self);
  g_signal_connect (self->skeleton, "handle-list-drills", G_CALLBACK (on_list_drills), self);
  g_signal_connect (self->skeleton, "handle-get-stats", G_CALLBACK (on_get_stats), self);
  g_signal_connect (self->skeleton, "handle-get-history", G_CALLBACK (on_get_history), self);
  g_signal_connect (self->skeleton, "handle-get-pauses", G_CALLBACK (on_get_pauses), self);
  g_signal_connect (self->skeleton, "handle-get-focus-sets", G_CALLBACK (on_get_focus_sets), self);
  g_signal_connect (self->skeleton, "handle-start-focus", G_CALLBACK (on_start_focus), self);
  g_signal_connect (self->skeleton, "handle-stop-focus", G_CALLBACK (on_stop_focus), self);
  g_signal_connect (self->skeleton, "handle-extend-focus", G_CALLBACK (on_extend_focus), self);
  g_signal_connect (self->skeleton, "handle-rate-focus", G_CALLBACK (on_rate_focus), self);
  g_signal_connect (self->skeleton, "handle-keep-focus-dose", G_CALLBACK (on_keep_focus_dose), self);
  return self;
}

void
mobed_service_free (MobedService *self)
{
  if (self == NULL)
    return;
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
  g_signal_handlers_disconnect_by_data (self->skeleton, self);
  g_clear_object (&self->skeleton);
  g_free (self);
}

gboolean
mobed_service_export (MobedService *self, GDBusConnection *connection, GError **error)
{
  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, OBJECT_PATH, error);
}

void
mobed_service_publish (MobedService *self, const MobedStatus *status)
{
  MobedDBusDaemon1 *s = self->skeleton;
  g_autoptr(GVariant) current = g_variant_ref_sink (status->current_break);
  g_autoptr(GVariant) focus = g_variant_ref_sink (status->focus);
  g_autoptr(GVariant) focus_set = g_variant_ref_sink (status->focus_set);

  /* The generated setters only signal values that really changed. */
  mobed_dbus_daemon1_set_state (s, status->state);
  mobed_dbus_daemon1_set_next_break (s, status->next_break);
  mobed_dbus_daemon1_set_paused_until (s, status->paused_until);
  mobed_dbus_daemon1_set_count_resets_at (s, status->count_resets_at);
  mobed_dbus_daemon1_set_pause_reason (s, status->pause_reason);
  mobed_dbus_daemon1_set_current_break (s, current);
  mobed_dbus_daemon1_set_today_done (s, status->today_done);
  mobed_dbus_daemon1_set_daily_goal (s, status->daily_goal);
  mobed_dbus_daemon1_set_snooze_length (s, status->snooze_length);
  mobed_dbus_daemon1_set_idle_source (s, status->idle_source);
  mobed_dbus_daemon1_set_warnings (s, status->warnings);
  mobed_dbus_daemon1_set_defer_reasons (s, status->defer_reasons);
  mobed_dbus_daemon1_set_microphone_app (s, status->microphone_app != NULL
                                            ? status->microphone_app : "");
  mobed_dbus_daemon1_set_focus (s, focus);
  mobed_dbus_daemon1_set_next_break_kind (s, status->next_break_kind);
  mobed_dbus_daemon1_set_sitting_since (s, status->sitting_since);
  mobed_dbus_daemon1_set_focus_set (s, focus_set);
}

void
mobed_service_emit_break_started (MobedService *self, GVariant *current_break)
{
  mobed_dbus_daemon1_emit_break_started (self->skeleton, current_break);
}

void
mobed_service_emit_break_ended (MobedService *self, const char *outcome)
{
  mobed_dbus_daemon1_emit_break_ended (self->skeleton, outcome);
}

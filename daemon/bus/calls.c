/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-calls.c — the daemon's side of the D-Bus methods that service.c
 * has checked and handed over: the break's answers, another drill, reload,
 * the drill list, stats, history and pauses, and the focus plan's calls.
 */
#include "daemon/daemon-private.h"

#include "daemon/clock.h"
#include "daemon/bus/drill-list.h"
#include "daemon/bus/stats-view.h"

static gboolean
service_event (const MobedEvent *event, gpointer user_data, GError **error)
{
  return mobed_daemon_handle_event (user_data, event, FALSE, error);
}

static GVariant *
service_focus (const char *method, GVariant *params, gpointer user_data, GError **error)
{
  MobedDaemon *self = user_data;
  GVariant *result = mobed_daemon_focus_call (self, method, params, error);

  if (result != NULL)
    {
      g_variant_ref_sink (result);
      mobed_daemon_refresh (self);
    }
  return result;
}

static gboolean
service_another (gpointer user_data, GError **error)
{
  return mobed_daemon_another (user_data, error);
}

static gboolean
service_reload (gpointer user_data, GPtrArray *warnings, GError **error)
{
  return mobed_daemon_reload (user_data, warnings, error);
}

static GVariant *
service_list_drills (GVariant *options, gpointer user_data, GError **error)
{
  MobedDaemon *self = user_data;
  GVariant *list = mobed_drill_list (self->catalog, options, error);

  return list != NULL ? g_variant_ref_sink (list) : NULL;
}

static GVariant *
service_get_stats (GVariant *options, gpointer user_data, GError **error)
{
  MobedDaemon *self = user_data;
  MobedTime now = mobed_clock_now ();
  GVariant *stats;

  mobed_daemon_roll_today (self, now);
  stats = mobed_stats_view_stats (mobed_daemon_history (self), self->catalog, options, self->today,
                                  (guint) self->config.daily_goal, error);
  if (stats == NULL)
    return NULL;
  {
    g_auto(GVariantBuilder) out = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
    g_autoptr(GVariant) counts = g_variant_ref_sink (stats);

    /* The focus plan is a separate dose: its own entry, not in the counts. */
    for (gsize i = 0; i < g_variant_n_children (counts); i++)
      {
        g_autoptr(GVariant) entry = g_variant_get_child_value (counts, i);
        g_variant_builder_add_value (&out, entry);
      }
    g_variant_builder_add (&out, "{sv}", "focus", mobed_daemon_focus_stats (self, now));
    return g_variant_ref_sink (g_variant_builder_end (&out));
  }
}

static GVariant *
service_get_history (GVariant *options, gpointer user_data, GError **error)
{
  MobedDaemon *self = user_data;
  GVariant *rows = mobed_stats_view_history (mobed_daemon_history (self), options, error);

  return rows != NULL ? g_variant_ref_sink (rows) : NULL;
}

static GVariant *
service_get_pauses (GVariant *options, gpointer user_data, GError **error)
{
  MobedDaemon *self = user_data;
  GVariant *rows = mobed_stats_view_pauses (mobed_daemon_history (self), options, error);

  return rows != NULL ? g_variant_ref_sink (rows) : NULL;
}

const MobedServiceHandlers mobed_daemon_calls = {
  service_event, service_another, service_reload, service_list_drills, service_get_stats,
  service_get_history, service_get_pauses, service_focus,
};

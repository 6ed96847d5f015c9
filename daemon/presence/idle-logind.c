/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-logind.c — the last resort: the session's IdleHint and
 * IdleSinceHintMonotonic from systemd-logind, as the desktop sets them
 * (many never do, or only after their own, longer timeout). A change comes
 * as PropertiesChanged. A hint set before natural-break has passed gets one
 * timer, for the moment it does; nothing is asked of logind meanwhile.
 *
 * Nothing but the desktop sets the hint of a graphical session, and many
 * never do (sway, for one): a hint that was never set (its timestamps are
 * zero) is watched, but not reported as a working source until it is
 * first seen to change.
 */
#include "daemon/presence/idle-source.h"

#include <time.h>

#include "daemon/clock.h"

#define LOGIN1         "org.freedesktop.login1"
#define SESSION_IFACE  "org.freedesktop.login1.Session"
#define CALL_TIMEOUT   5000

typedef struct {
  MobedIdleSource  parent;
  GDBusConnection *bus;
  char            *session;
  guint            props_id;
  guint            timer_id;
  gboolean         idle;
  gint64           since;       /* mono µs (CLOCK_BOOTTIME) of the hint */
} LogindSource;

static gint64
monotonic_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void report (LogindSource *self);

static gboolean
on_timer (gpointer data)
{
  LogindSource *self = data;

  self->timer_id = 0;
  report (self);
  return G_SOURCE_REMOVE;
}

/* Tells the monitor what the hint means now; a hint short of the
 * threshold is looked at again when it is not. */
static void
report (LogindSource *self)
{
  MobedIdleMonitor *monitor = self->parent.monitor;
  gint64 idle = self->idle ? mobed_clock_now ().mono - self->since : 0;
  gint64 left = mobed_idle_monitor_get_threshold (monitor) - idle;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  mobed_idle_monitor_reading (monitor, idle);
  if (self->idle && left > 0)
    self->timer_id = g_timeout_add ((guint) MIN ((left + 999) / 1000, G_MAXINT32), on_timer, self);
}

/* IdleSinceHintMonotonic is CLOCK_MONOTONIC; mobed counts CLOCK_BOOTTIME. */
static void
take_hint (LogindSource *self, gboolean idle, guint64 since_monotonic)
{
  self->idle = idle;
  self->since = idle ? mobed_idle_boottime_of ((gint64) since_monotonic, monotonic_now (),
                                              mobed_clock_now ().mono)
                     : 0;
}

static void
on_properties (GDBusConnection *bus, const char *sender, const char *path,
               const char *iface, const char *signal, GVariant *params, gpointer data)
{
  LogindSource *self = data;
  g_autoptr(GVariant) changed = NULL;
  gboolean idle = self->idle;
  guint64 since = 0;

  g_variant_get (params, "(&s@a{sv}@as)", NULL, &changed, NULL);
  if (!g_variant_lookup (changed, "IdleHint", "b", &idle))
    return;
  mobed_idle_monitor_confirmed (self->parent.monitor);
  if (!g_variant_lookup (changed, "IdleSinceHintMonotonic", "t", &since) || since == 0)
    since = (guint64) monotonic_now ();
  take_hint (self, idle, since);
  report (self);
}

static void
logind_free (MobedIdleSource *source)
{
  LogindSource *self = (LogindSource *) source;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->props_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->props_id);
  g_clear_object (&self->bus);
  g_free (self->session);
  g_free (self);
}

static MobedIdleSource *
logind_open (MobedIdleMonitor *monitor, GError **error)
{
  const char *session = mobed_idle_monitor_get_logind_session (monitor);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) props = NULL;
  LogindSource *self;
  gboolean idle = FALSE;
  guint64 since = 0;

  if (session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no logind session");
      return NULL;
    }
  self = g_new0 (LogindSource, 1);
  self->parent = (MobedIdleSource) { &mobed_idle_logind, monitor };
  self->session = g_strdup (session);
  self->bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, error);
  if (self->bus != NULL)
    {
      self->props_id = g_dbus_connection_signal_subscribe (self->bus, LOGIN1,
                                                           "org.freedesktop.DBus.Properties",
                                                           "PropertiesChanged", session,
                                                           SESSION_IFACE,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_properties, self, NULL);
      reply = g_dbus_connection_call_sync (self->bus, LOGIN1, session,
                                           "org.freedesktop.DBus.Properties", "GetAll",
                                           g_variant_new ("(s)", SESSION_IFACE),
                                           G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE,
                                           CALL_TIMEOUT, NULL, error);
    }
  if (reply == NULL)
    {
      logind_free (&self->parent);
      return NULL;
    }
  g_variant_get (reply, "(@a{sv})", &props);
  if (!g_variant_lookup (props, "IdleHint", "b", &idle))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "the session has no IdleHint");
      logind_free (&self->parent);
      return NULL;
    }
  g_variant_lookup (props, "IdleSinceHintMonotonic", "t", &since);
  self->parent.unconfirmed = !idle && since == 0;
  take_hint (self, idle, since != 0 ? since : (guint64) monotonic_now ());
  report (self);
  return &self->parent;
}

static gboolean
logind_read (MobedIdleSource *source, gint64 *idle, GError **error)
{
  LogindSource *self = (LogindSource *) source;

  *idle = self->idle ? mobed_clock_now ().mono - self->since : 0;
  return TRUE;
}

static void
logind_threshold_changed (MobedIdleSource *source)
{
  report ((LogindSource *) source);
}

const MobedIdleSourceClass mobed_idle_logind = {
  .kind = MOBED_IDLE_LOGIND,
  .bus_name = NULL,
  .open = logind_open,
  .read = logind_read,
  .threshold_changed = logind_threshold_changed,
#ifdef MOBED_TEST_CLOCK
  .clock_moved = logind_threshold_changed,      /* either way: the hint's age again */
#endif
  .free = logind_free,
};

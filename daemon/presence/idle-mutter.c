/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-mutter.c — idle time on GNOME, from org.gnome.Mutter.IdleMonitor.
 * An idle watch at natural-break says when the user went away and a
 * user-active watch (one-shot) when they are back, so between those mobed
 * has nothing to ask and no timer runs. Each WatchFired is followed by one
 * GetIdletime, which dates the change exactly.
 *
 * While an application inhibits idle (org.gnome.SessionManager's
 * InhibitedActions has the idle bit, as when a video plays), Mutter's
 * watches stay silent; then the source asks GetIdletime on the monitor's
 * schedule instead: when the threshold could first be reached.
 */
#include "daemon/presence/idle-source.h"

#define MUTTER        "org.gnome.Mutter.IdleMonitor"
#define MUTTER_PATH   "/org/gnome/Mutter/IdleMonitor/Core"
#define MUTTER_IFACE  "org.gnome.Mutter.IdleMonitor"
#define SM            "org.gnome.SessionManager"
#define SM_PATH       "/org/gnome/SessionManager"
#define INHIBIT_IDLE  8           /* GsmInhibitorFlag: idle */
#define CALL_TIMEOUT  5000

typedef struct {
  MobedIdleSource  parent;
  GDBusConnection *bus;
  guint32          idle_watch, active_watch;   /* 0: none */
  guint            fired_id, sm_props_id, sm_owner_id;
  gboolean         inhibited;
} MutterSource;

static GVariant *
call (MutterSource *self, const char *method, GVariant *args, const char *reply_type,
      GError **error)
{
  return g_dbus_connection_call_sync (self->bus, MUTTER, MUTTER_PATH, MUTTER_IFACE, method,
                                      args, G_VARIANT_TYPE (reply_type),
                                      G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT, NULL, error);
}

static gboolean
get_idletime (MutterSource *self, gint64 *idle, GError **error)
{
  g_autoptr(GVariant) reply = call (self, "GetIdletime", NULL, "(t)", error);
  guint64 ms;

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(t)", &ms);
  *idle = (gint64) MIN (ms, (guint64) G_MAXINT64 / 1000) * 1000;
  return TRUE;
}

static gboolean
add_watch (MutterSource *self, gboolean active, guint32 *id, GError **error)
{
  g_autoptr(GVariant) reply = NULL;
  gint64 threshold = mobed_idle_monitor_get_threshold (self->parent.monitor);

  if (active)
    reply = call (self, "AddUserActiveWatch", NULL, "(u)", error);
  else
    reply = call (self, "AddIdleWatch", g_variant_new ("(t)", (guint64) (threshold / 1000)),
                  "(u)", error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", id);
  return TRUE;
}

/* Fire and forget: at shutdown or after Mutter left, nobody waits for it. */
static void
remove_watch (MutterSource *self, guint32 *id)
{
  if (*id == 0)
    return;
  g_dbus_connection_call (self->bus, MUTTER, MUTTER_PATH, MUTTER_IFACE, "RemoveWatch",
                          g_variant_new ("(u)", *id), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          CALL_TIMEOUT, NULL, NULL, NULL);
  *id = 0;
}

/* Takes a reading, and keeps a user-active watch armed while away. */
static void
take_reading (MutterSource *self)
{
  MobedIdleMonitor *monitor = self->parent.monitor;
  g_autoptr(GError) error = NULL;
  gint64 idle;

  if (!get_idletime (self, &idle, &error))
    {
      mobed_idle_monitor_failed (monitor, error->message);
      return;
    }
  mobed_idle_monitor_reading (monitor, idle);
  if (mobed_idle_monitor_is_away (monitor) && self->active_watch == 0
      && !add_watch (self, TRUE, &self->active_watch, &error))
    mobed_idle_monitor_failed (monitor, error->message);
}

static void
on_watch_fired (GDBusConnection *bus, const char *sender, const char *path,
                const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MutterSource *self = data;
  guint32 id;

  g_variant_get (params, "(u)", &id);
  if (id == 0 || (id != self->idle_watch && id != self->active_watch))
    return;                               /* another client's watch */
  if (id == self->active_watch)
    self->active_watch = 0;               /* it fires once */
  take_reading (self);
}

static void
set_inhibited (MutterSource *self, gboolean inhibited)
{
  if (inhibited == self->inhibited)
    return;
  self->inhibited = inhibited;
  g_debug ("Idle: %s", inhibited ? "an application inhibits idle; asking Mutter on a schedule"
                                 : "idle no longer inhibited; Mutter's watches report again");
  mobed_idle_monitor_set_polled (self->parent.monitor, inhibited);
}

static void
on_sm_properties (GDBusConnection *bus, const char *sender, const char *path,
                  const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MutterSource *self = data;
  g_autoptr(GVariant) changed = NULL;
  guint32 actions;

  g_variant_get (params, "(&s@a{sv}@as)", NULL, &changed, NULL);
  if (g_variant_lookup (changed, "InhibitedActions", "u", &actions))
    set_inhibited (self, (actions & INHIBIT_IDLE) != 0);
}

static void
read_inhibited (MutterSource *self)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = g_dbus_connection_call_sync (self->bus, SM, SM_PATH, "org.freedesktop.DBus.Properties",
                                       "Get", g_variant_new ("(ss)", SM, "InhibitedActions"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       CALL_TIMEOUT, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(v)", &value);
  /* No session manager: nothing inhibits. */
  set_inhibited (self, value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32)
                       && (g_variant_get_uint32 (value) & INHIBIT_IDLE) != 0);
}

static void
on_sm_owner (GDBusConnection *bus, const char *sender, const char *path,
             const char *iface, const char *signal, GVariant *params, gpointer data)
{
  read_inhibited (data);
}

static void
mutter_free (MobedIdleSource *source)
{
  MutterSource *self = (MutterSource *) source;
  guint *subs[] = { &self->fired_id, &self->sm_props_id, &self->sm_owner_id };

  remove_watch (self, &self->idle_watch);
  remove_watch (self, &self->active_watch);
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    if (*subs[i] != 0)
      g_dbus_connection_signal_unsubscribe (self->bus, *subs[i]);
  g_clear_object (&self->bus);
  g_free (self);
}

static MobedIdleSource *
mutter_open (MobedIdleMonitor *monitor, GError **error)
{
  GDBusConnection *bus = mobed_idle_monitor_get_session_bus (monitor);
  MutterSource *self;
  gint64 idle;

  if (bus == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "no session bus");
      return NULL;
    }
  self = g_new0 (MutterSource, 1);
  self->parent = (MobedIdleSource) { &mobed_idle_mutter, monitor };
  self->bus = g_object_ref (bus);
  /* Subscribed before the watch is added, so no firing can slip past. */
  self->fired_id = g_dbus_connection_signal_subscribe (bus, MUTTER, MUTTER_IFACE, "WatchFired",
                                                       MUTTER_PATH, NULL,
                                                       G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_watch_fired, self, NULL);
  /* Everything that can fail comes before the first reading is told. */
  if (!get_idletime (self, &idle, error) || !add_watch (self, FALSE, &self->idle_watch, error)
      || (idle >= mobed_idle_monitor_get_threshold (monitor)
          && !add_watch (self, TRUE, &self->active_watch, error)))
    {
      mutter_free (&self->parent);
      return NULL;
    }
  self->sm_props_id = g_dbus_connection_signal_subscribe (bus, SM,
                                                          "org.freedesktop.DBus.Properties",
                                                          "PropertiesChanged", SM_PATH, SM,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          on_sm_properties, self, NULL);
  self->sm_owner_id = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.DBus",
                                                          "org.freedesktop.DBus",
                                                          "NameOwnerChanged",
                                                          "/org/freedesktop/DBus", SM,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          on_sm_owner, self, NULL);
  read_inhibited (self);
  mobed_idle_monitor_reading (monitor, idle);
  return &self->parent;
}

static gboolean
mutter_read (MobedIdleSource *source, gint64 *idle, GError **error)
{
  return get_idletime ((MutterSource *) source, idle, error);
}

static void
mutter_threshold_changed (MobedIdleSource *source)
{
  MutterSource *self = (MutterSource *) source;
  g_autoptr(GError) error = NULL;

  remove_watch (self, &self->idle_watch);
  if (!add_watch (self, FALSE, &self->idle_watch, &error))
    mobed_idle_monitor_failed (source->monitor, error->message);
}

const MobedIdleSourceClass mobed_idle_mutter = {
  .kind = MOBED_IDLE_MUTTER,
  .bus_name = MUTTER,
  .open = mutter_open,
  .read = mutter_read,
  .threshold_changed = mutter_threshold_changed,
  .free = mutter_free,
};

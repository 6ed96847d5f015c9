/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presence-screensaver.c — follows org.gnome.ScreenSaver's ActiveChanged,
 * which gnome-shell (and the older gnome-screensaver) send when the lock
 * screen comes up or goes down. Where logind's Lock signal also arrives it
 * is the same absence; presence.c merges them. Asks GetActive when the
 * service appears, so a shield already up at start counts; a service that
 * leaves takes its shield with it. Nothing is started by asking.
 */
#include "daemon/presence/lock-screensaver.h"

#define SCREENSAVER  "org.gnome.ScreenSaver"
#define PATH         "/org/gnome/ScreenSaver"

struct _MobedScreenSaver {
  GDBusConnection *bus;
  void           (*changed) (gboolean active, gpointer user_data);
  gpointer         user_data;
  guint            active_id, owner_id;
  gboolean         active;
};

static void
set_active (MobedScreenSaver *self, gboolean active)
{
  if (active == self->active)
    return;
  self->active = active;
  g_debug ("GNOME screen shield %s", active ? "up" : "down");
  self->changed (active, self->user_data);
}

static void
ask_active (MobedScreenSaver *self)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean active = FALSE;

  reply = g_dbus_connection_call_sync (self->bus, SCREENSAVER, PATH, SCREENSAVER, "GetActive",
                                       NULL, G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &active);
  set_active (self, active);
}

static void
on_active_changed (GDBusConnection *bus, const char *sender, const char *path,
                   const char *iface, const char *signal, GVariant *params, gpointer data)
{
  gboolean active;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (params, "(b)", &active);
  set_active (data, active);
}

static void
on_owner_changed (GDBusConnection *bus, const char *sender, const char *path,
                  const char *iface, const char *signal, GVariant *params, gpointer data)
{
  const char *new_owner;

  g_variant_get (params, "(&s&s&s)", NULL, NULL, &new_owner);
  if (*new_owner == '\0')
    set_active (data, FALSE);
  else
    ask_active (data);
}

MobedScreenSaver *
mobed_screensaver_new (GDBusConnection *bus,
                       void           (*changed) (gboolean active, gpointer user_data),
                       gpointer         user_data)
{
  MobedScreenSaver *self = g_new0 (MobedScreenSaver, 1);

  self->bus = g_object_ref (bus);
  self->changed = changed;
  self->user_data = user_data;
  self->active_id = g_dbus_connection_signal_subscribe (bus, SCREENSAVER, SCREENSAVER,
                                                        "ActiveChanged", PATH, NULL,
                                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                                        on_active_changed, self, NULL);
  self->owner_id = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.DBus",
                                                       "org.freedesktop.DBus", "NameOwnerChanged",
                                                       "/org/freedesktop/DBus", SCREENSAVER,
                                                       G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_owner_changed, self, NULL);
  ask_active (self);
  return self;
}

void
mobed_screensaver_free (MobedScreenSaver *self)
{
  if (self == NULL)
    return;
  g_dbus_connection_signal_unsubscribe (self->bus, self->active_id);
  g_dbus_connection_signal_unsubscribe (self->bus, self->owner_id);
  g_clear_object (&self->bus);
  g_free (self);
}

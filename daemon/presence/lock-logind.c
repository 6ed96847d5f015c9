/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presence-logind.c — logind adapter. Finds the user's graphical session
 * ($XDG_SESSION_ID, else the user's Display session, which is how a systemd
 * user service finds it), follows its Lock/Unlock signals and LockedHint,
 * and the manager's PrepareForSleep. A delay inhibitor makes logind wait
 * for mobed to note the moment of going to sleep before the machine stops;
 * without it the note could come only after waking, and the sleep would not
 * count as time away. Without logind (a container, a test) it says so and
 * reports nothing.
 */
#include "daemon/presence/lock-logind.h"

#include <gio/gio.h>
#include <gio/gunixfdlist.h>
#include <unistd.h>

#define LOGIN1        "org.freedesktop.login1"
#define LOGIN1_PATH   "/org/freedesktop/login1"
#define MANAGER_IFACE "org.freedesktop.login1.Manager"
#define SESSION_IFACE "org.freedesktop.login1.Session"

struct _MobedLogind {
  void           (*changed) (gboolean away, gpointer user_data);
  gpointer         user_data;
  GDBusConnection *bus;
  char            *session;       /* object path, NULL if none found */
  guint            sleep_id, lock_id, unlock_id, props_id;
  int              inhibit_fd;    /* -1 when not holding one */
  gboolean         locked, asleep, away;
  char            *description;
};

static void
report (MobedLogind *self)
{
  gboolean away = self->locked || self->asleep;

  if (away == self->away)
    return;
  self->away = away;
  self->changed (away, self->user_data);
}

static void
take_inhibitor (MobedLogind *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  gint32 index;

  if (self->inhibit_fd >= 0)
    return;
  reply = g_dbus_connection_call_with_unix_fd_list_sync (
      self->bus, LOGIN1, LOGIN1_PATH, MANAGER_IFACE, "Inhibit",
      g_variant_new ("(ssss)", "sleep", "mobed",
                     "Noting when the computer sleeps, so the time asleep counts as a break",
                     "delay"),
      G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &fds, NULL, &error);
  if (reply == NULL)
    {
      g_debug ("No sleep inhibitor (%s); sleep is still noticed on waking", error->message);
      return;
    }
  g_variant_get (reply, "(h)", &index);
  self->inhibit_fd = g_unix_fd_list_get (fds, index, NULL);
}

static void
release_inhibitor (MobedLogind *self)
{
  if (self->inhibit_fd >= 0)
    close (self->inhibit_fd);
  self->inhibit_fd = -1;
}

static void
on_prepare_for_sleep (GDBusConnection *bus, const char *sender, const char *path,
                      const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MobedLogind *self = data;
  gboolean start;

  g_variant_get (params, "(b)", &start);
  g_debug ("logind: %s", start ? "going to sleep" : "woke up");
  self->asleep = start;
  report (self);
  /* Noted: let the machine sleep now, and be ready for the next time. */
  if (start)
    release_inhibitor (self);
  else
    take_inhibitor (self);
}

static void
on_lock (GDBusConnection *bus, const char *sender, const char *path,
         const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MobedLogind *self = data;

  self->locked = g_str_equal (signal, "Lock");
  g_debug ("logind: session %s", self->locked ? "locked" : "unlocked");
  report (self);
}

static void
on_properties (GDBusConnection *bus, const char *sender, const char *path,
               const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MobedLogind *self = data;
  g_autoptr(GVariant) changed = NULL;
  gboolean locked;

  g_variant_get (params, "(&s@a{sv}@as)", NULL, &changed, NULL);
  if (g_variant_lookup (changed, "LockedHint", "b", &locked))
    {
      self->locked = locked;
      report (self);
    }
}

static char *
find_session (MobedLogind *self, GError **error)
{
  g_autoptr(GVariant) reply = NULL;
  const char *id = g_getenv ("XDG_SESSION_ID");
  char *path = NULL;

  if (id != NULL && *id != '\0')
    {
      reply = g_dbus_connection_call_sync (self->bus, LOGIN1, LOGIN1_PATH, MANAGER_IFACE,
                                           "GetSession", g_variant_new ("(s)", id),
                                           G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                           5000, NULL, error);
      if (reply == NULL)
        return NULL;
      g_variant_get (reply, "(o)", &path);
      return path;
    }
  /* A user service has no session of its own: use the user's display one. */
  reply = g_dbus_connection_call_sync (self->bus, LOGIN1, LOGIN1_PATH, MANAGER_IFACE,
                                       "GetUser", g_variant_new ("(u)", (guint32) getuid ()),
                                       G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                       5000, NULL, error);
  if (reply != NULL)
    {
      const char *user;
      g_autoptr(GVariant) display = NULL;

      g_variant_get (reply, "(&o)", &user);
      display = g_dbus_connection_call_sync (self->bus, LOGIN1, user,
                                             "org.freedesktop.DBus.Properties", "Get",
                                             g_variant_new ("(ss)", "org.freedesktop.login1.User",
                                                            "Display"),
                                             G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                             5000, NULL, error);
      if (display != NULL)
        {
          g_autoptr(GVariant) value = NULL;
          g_variant_get (display, "(v)", &value);
          g_variant_get (value, "(so)", NULL, &path);
          if (g_strcmp0 (path, "/") == 0)
            g_clear_pointer (&path, g_free);
        }
    }
  if (path == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no graphical session");
  return path;
}

MobedLogind *
mobed_logind_new (void (*changed) (gboolean away, gpointer user_data), gpointer user_data)
{
  MobedLogind *self = g_new0 (MobedLogind, 1);
  g_autoptr(GError) error = NULL;

  self->changed = changed;
  self->user_data = user_data;
  self->inhibit_fd = -1;
  self->bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (self->bus == NULL)
    {
      self->description = g_strdup_printf ("no system bus (%s): lock and sleep are not seen",
                                           error->message);
      return self;
    }
  self->sleep_id = g_dbus_connection_signal_subscribe (self->bus, LOGIN1, MANAGER_IFACE,
                                                       "PrepareForSleep", LOGIN1_PATH, NULL,
                                                       G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_prepare_for_sleep, self, NULL);
  take_inhibitor (self);
  self->session = find_session (self, &error);
  if (self->session == NULL)
    {
      self->description = g_strdup_printf ("logind: sleep is seen; the session lock is not (%s)",
                                           error->message);
      return self;
    }
  self->lock_id = g_dbus_connection_signal_subscribe (self->bus, LOGIN1, SESSION_IFACE, "Lock",
                                                      self->session, NULL,
                                                      G_DBUS_SIGNAL_FLAGS_NONE, on_lock, self, NULL);
  self->unlock_id = g_dbus_connection_signal_subscribe (self->bus, LOGIN1, SESSION_IFACE, "Unlock",
                                                        self->session, NULL,
                                                        G_DBUS_SIGNAL_FLAGS_NONE, on_lock, self,
                                                        NULL);
  self->props_id = g_dbus_connection_signal_subscribe (self->bus, LOGIN1,
                                                       "org.freedesktop.DBus.Properties",
                                                       "PropertiesChanged", self->session,
                                                       SESSION_IFACE, G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_properties, self, NULL);
  self->description = g_strdup_printf ("logind: lock and sleep of session %s", self->session);
  return self;
}

void
mobed_logind_free (MobedLogind *self)
{
  if (self == NULL)
    return;
  if (self->bus != NULL)
    {
      guint *ids[] = { &self->sleep_id, &self->lock_id, &self->unlock_id, &self->props_id };
      for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
        if (*ids[i] != 0)
          g_dbus_connection_signal_unsubscribe (self->bus, *ids[i]);
    }
  release_inhibitor (self);
  g_clear_object (&self->bus);
  g_free (self->session);
  g_free (self->description);
  g_free (self);
}

const char *
mobed_logind_describe (MobedLogind *self)
{
  return self->description;
}

const char *
mobed_logind_get_session (MobedLogind *self)
{
  return self->session;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mako.c — mako's do-not-disturb. mako has no such switch of its own: by
 * convention (mako(5)'s example) it is a mode called "do-not-disturb"
 * whose criteria make every notification invisible, so mako accepts a
 * break and shows nothing. mako serves its own interface, fr.emersion.Mako,
 * under the notification server's name; a server that names itself
 * "mako" (GetServerInformation, asked once when it appears) has its modes
 * read with ListModes. Nothing announces a change of mode, so they are asked only when a
 * break is about to be shown and, while one is held, at the daemon's
 * recheck (daemon-defer.c), never on a beat of their own.
 *
 * The question is asynchronous, like every other D-Bus call mobed makes to
 * a desktop service (a stopped mako must not stop mobed): the first look
 * answers "asking", which holds the break for the few milliseconds until
 * the reply, and the reply is good for a second, long enough for the look
 * it triggers.
 */
#include "daemon/hold/mako.h"

#include <gio/gio.h>

#define NOTIFY_NAME "org.freedesktop.Notifications"
#define NOTIFY_PATH "/org/freedesktop/Notifications"
#define MAKO_PATH   "/fr/emersion/Mako"
#define MAKO_IFACE  "fr.emersion.Mako"
#define DND_MODE    "do-not-disturb"
#define FRESH_US    G_USEC_PER_SEC

struct _MobedMako {
  void            (*answered) (gpointer user_data);
  gpointer          user_data;
  guint             watch_id;
  GDBusConnection  *bus;          /* while mako is the notification server */
  GCancellable     *cancellable;  /* the question in flight */
  GCancellable     *who;          /* GetServerInformation in flight */
  gboolean          on;
  gint64            answered_at;  /* CLOCK_MONOTONIC µs; 0: no answer yet */
};

static void
forget (MobedMako *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->answered_at = 0;
  self->on = FALSE;
}

static void
on_server_info (GObject *object, GAsyncResult *result, gpointer data)
{
  MobedMako *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object),
                                                             result, &error);
  const char *name = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->who);
  if (reply == NULL)
    return;
  g_variant_get (reply, "(&s&s&s&s)", &name, NULL, NULL, NULL);
  if (g_str_equal (name, "mako"))
    {
      g_debug ("The notification server is mako: its do-not-disturb mode is asked at breaks");
      g_set_object (&self->bus, G_DBUS_CONNECTION (object));
    }
}

static void
on_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer data)
{
  MobedMako *self = data;

  forget (self);
  g_clear_object (&self->bus);
  g_cancellable_cancel (self->who);
  g_clear_object (&self->who);
  self->who = g_cancellable_new ();
  g_dbus_connection_call (bus, owner, NOTIFY_PATH, NOTIFY_NAME, "GetServerInformation", NULL,
                          G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000,
                          self->who, on_server_info, self);
}

static void
on_vanished (GDBusConnection *bus, const char *name, gpointer data)
{
  MobedMako *self = data;
  gboolean was_on = self->on;

  forget (self);
  g_cancellable_cancel (self->who);
  g_clear_object (&self->who);
  g_clear_object (&self->bus);
  if (was_on)
    self->answered (self->user_data);
}

static void
on_modes (GObject *object, GAsyncResult *result, gpointer data)
{
  MobedMako *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object),
                                                             result, &error);
  g_autofree const char **modes = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (reply == NULL)
    {
      g_debug ("mako did not list its modes (%s); taken as not holding breaks",
               error->message);
      self->on = FALSE;
    }
  else
    {
      g_variant_get (reply, "(^a&s)", &modes);
      self->on = g_strv_contains (modes, DND_MODE);
      g_debug ("mako's do-not-disturb mode is %s", self->on ? "on" : "off");
    }
  self->answered_at = g_get_monotonic_time ();
  self->answered (self->user_data);
}

MobedMakoDnd
mobed_mako_dnd (MobedMako *self)
{
  if (self->bus == NULL)
    return MOBED_MAKO_ABSENT;
  if (self->answered_at != 0 && g_get_monotonic_time () - self->answered_at <= FRESH_US)
    return self->on ? MOBED_MAKO_ON : MOBED_MAKO_OFF;
  if (self->cancellable == NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_dbus_connection_call (self->bus, NOTIFY_NAME, MAKO_PATH, MAKO_IFACE, "ListModes", NULL,
                              G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000,
                              self->cancellable, on_modes, self);
    }
  return MOBED_MAKO_ASKING;
}

MobedMako *
mobed_mako_new (void (*answered) (gpointer user_data), gpointer user_data)
{
  MobedMako *self = g_new0 (MobedMako, 1);

  self->answered = answered;
  self->user_data = user_data;
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, NOTIFY_NAME,
                                     G_BUS_NAME_WATCHER_FLAGS_NONE, on_appeared, on_vanished,
                                     self, NULL);
  return self;
}

void
mobed_mako_free (MobedMako *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  forget (self);
  g_cancellable_cancel (self->who);
  g_clear_object (&self->who);
  g_clear_object (&self->bus);
  g_free (self);
}

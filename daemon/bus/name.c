/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-bus.c — the daemon's bus name: export the API, then own
 * org.mobed.Daemon (replacing an owner on --replace), and end the main loop
 * with the right exit status when the name or the bus is lost.
 *
 * A second mobed is refused before it does anything else: main() asks the
 * bus whether the name has an owner before the daemon is built (reading
 * the history, the catalog, watching the desktop). The name itself is
 * still owned only once the API is exported, so that the first caller,
 * who may have started mobed by activation, finds it; two mobeds starting
 * at the same moment are told apart by the bus as before.
 */
#include "daemon/daemon-private.h"

#include <glib/gi18n.h>

#include "daemon/clock.h"
#include "daemon/test-clock.h"

#define BUS_NAME "org.mobed.Daemon"

static void
on_name_acquired (GDBusConnection *connection, const char *name, gpointer user_data)
{
  MobedDaemon *self = user_data;
  MobedEvent tick = { .kind = MOBED_EVENT_TICK };

  self->owned = TRUE;
  g_message ("mobed is running as %s", name);
  mobed_daemon_handle (self, &tick);
}

static void
on_name_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  MobedDaemon *self = user_data;

  if (connection == NULL || g_dbus_connection_is_closed (connection))
    {
      g_printerr ("%s\n", _("mobed: lost the session bus; exiting so mobed can be restarted"));
      self->exit_code = 1;
    }
  else if (self->owned)
    {
      g_message ("Another mobed took over %s; exiting", name);
      self->exit_code = 0;
    }
  else
    {
      mobed_daemon_refuse_second ();
      self->exit_code = 1;
    }
  g_main_loop_quit (self->loop);
}

static void
on_connection_closed (GDBusConnection *connection, gboolean remote_peer_vanished,
                      GError *error, gpointer user_data)
{
  MobedDaemon *self = user_data;

  if (error != NULL)
    g_printerr (_("mobed: the session bus connection closed: %s; exiting"), error->message);
  else
    g_printerr ("%s", _("mobed: the session bus connection closed; exiting"));
  g_printerr ("\n");
  self->exit_code = 1;
  g_main_loop_quit (self->loop);
}

gboolean
mobed_daemon_name_taken (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  /* No bus: mobed_daemon_start() says so, after the usual start-up. */
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", BUS_NAME), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

void
mobed_daemon_refuse_second (void)
{
  g_printerr ("%s\n", _("mobed: another mobed is already running on this session bus "
                         "(use --replace to take over)"));
}

gboolean
mobed_daemon_start (MobedDaemon *self, gboolean replace, GError **error)
{
  GBusNameOwnerFlags flags = G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT;

  self->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (self->connection == NULL)
    return FALSE;
  /* Exit non-zero ourselves, so systemd's Restart=on-failure brings us back. */
  g_dbus_connection_set_exit_on_close (self->connection, FALSE);
  g_signal_connect (self->connection, "closed", G_CALLBACK (on_connection_closed), self);
  mobed_daemon_watch_session (self);

  /* Export before owning the name, so the first caller sees real state. */
  mobed_daemon_publish (self, mobed_clock_now ());
  if (!mobed_service_export (self->service, self->connection, error)
      || !mobed_test_clock_export (self, self->connection, error))
    return FALSE;
  if (replace)
    flags |= G_BUS_NAME_OWNER_FLAGS_REPLACE;
  self->owner_id = g_bus_own_name_on_connection (self->connection, BUS_NAME, flags,
                                                 on_name_acquired, on_name_lost,
                                                 self, NULL);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-clock.c — org.mobed.Test1 (daemon/org.mobed.Test1.xml), compiled in
 * only with -Dtest_clock=true: Advance moves the offset daemon/clock.c adds,
 * then mobed looks at once at what its timers would have brought by then.
 * Its GLib timers still run on real time; every decision reads
 * mobed_clock_now(), so looking again is all a move takes.
 */
#include "daemon/test-clock.h"

#include "daemon/clock.h"
#include "daemon/daemon-private.h"
#include "mobed-test-dbus.h"

#define TEST_PATH "/org/mobed/Test"

static MobedTestDBusTest1 *skeleton;

static gboolean
on_advance (MobedTestDBusTest1 *object, GDBusMethodInvocation *invocation,
            guint64 microseconds, gpointer user_data)
{
  MobedDaemon *daemon = user_data;

  if (microseconds > (guint64) G_MAXINT32 * G_USEC_PER_SEC)
    {
      g_dbus_method_invocation_return_dbus_error (invocation,
                                                  "org.freedesktop.DBus.Error.InvalidArgs",
                                                  "At most 2^31 s at a time");
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  mobed_clock_advance ((gint64) microseconds);
  g_debug ("Test clock: %.3f s forward", (double) microseconds / G_USEC_PER_SEC);
  if (daemon->idle != NULL)
    mobed_idle_monitor_clock_moved (daemon->idle);
  mobed_daemon_refresh (daemon);
  mobed_test_dbus_test1_complete_advance (object, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

gboolean
mobed_test_clock_export (MobedDaemon *daemon, GDBusConnection *connection, GError **error)
{
  g_return_val_if_fail (skeleton == NULL, FALSE);
  skeleton = mobed_test_dbus_test1_skeleton_new ();
  g_signal_connect (skeleton, "handle-advance", G_CALLBACK (on_advance), daemon);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (skeleton), connection,
                                         TEST_PATH, error))
    {
      g_clear_object (&skeleton);
      return FALSE;
    }
  g_message ("This is a test build: org.mobed.Test1 at %s moves the clock", TEST_PATH);
  return TRUE;
}

void
mobed_test_clock_unexport (void)
{
  if (skeleton == NULL)
    return;
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (skeleton));
  g_clear_object (&skeleton);
}

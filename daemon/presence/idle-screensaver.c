/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-screensaver.c — idle time from org.freedesktop.ScreenSaver's
 * GetSessionIdleTime, which KDE Plasma (on X11) and some screen savers
 * answer. It announces nothing, so the monitor asks it: when the threshold
 * could first be reached, and at the back-poll beat while the user is away.
 * The answer is taken as milliseconds, which is what KDE gives. A service
 * that owns the name but refuses the call (GNOME Shell, KWin on Wayland)
 * does not count as working.
 */
#include "daemon/presence/idle-source.h"

#define SCREENSAVER       "org.freedesktop.ScreenSaver"
#define SCREENSAVER_PATH  "/org/freedesktop/ScreenSaver"
#define CALL_TIMEOUT      5000

typedef struct {
  MobedIdleSource  parent;
  GDBusConnection *bus;
} ScreenSaverSource;

static gboolean
screensaver_read (MobedIdleSource *source, gint64 *idle, GError **error)
{
  ScreenSaverSource *self = (ScreenSaverSource *) source;
  g_autoptr(GVariant) reply = NULL;
  guint32 ms;

  /* Never started just to be asked: only a running one counts. */
  reply = g_dbus_connection_call_sync (self->bus, SCREENSAVER, SCREENSAVER_PATH, SCREENSAVER,
                                       "GetSessionIdleTime", NULL, G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT, NULL,
                                       error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &ms);
  *idle = (gint64) ms * 1000;
  return TRUE;
}

static void
screensaver_free (MobedIdleSource *source)
{
  ScreenSaverSource *self = (ScreenSaverSource *) source;

  g_clear_object (&self->bus);
  g_free (self);
}

static MobedIdleSource *
screensaver_open (MobedIdleMonitor *monitor, GError **error)
{
  GDBusConnection *bus = mobed_idle_monitor_get_session_bus (monitor);
  ScreenSaverSource *self;
  gint64 idle;

  if (bus == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "no session bus");
      return NULL;
    }
  self = g_new0 (ScreenSaverSource, 1);
  self->parent = (MobedIdleSource) { &mobed_idle_screensaver, monitor };
  self->bus = g_object_ref (bus);
  if (!screensaver_read (&self->parent, &idle, error))
    {
      screensaver_free (&self->parent);
      return NULL;
    }
  mobed_idle_monitor_set_polled (monitor, TRUE);
  mobed_idle_monitor_reading (monitor, idle);
  return &self->parent;
}

static void
screensaver_threshold_changed (MobedIdleSource *source)
{
  /* Nothing to tell the service: the monitor asks again with the new one. */
}

const MobedIdleSourceClass mobed_idle_screensaver = {
  .kind = MOBED_IDLE_SCREENSAVER,
  .bus_name = SCREENSAVER,
  .open = screensaver_open,
  .read = screensaver_read,
  .threshold_changed = screensaver_threshold_changed,
  .free = screensaver_free,
};

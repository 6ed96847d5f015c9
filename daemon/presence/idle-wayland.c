/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-wayland.c — idle time on Wayland compositors that offer
 * ext-idle-notify-v1 (wlroots-based ones, KWin, COSMIC). One notification
 * object with natural-break as its timeout: the compositor sends "idled"
 * when the user has been idle that long and "resumed" at the next input,
 * so mobed asks nothing and runs no timer. The connection's socket sits in
 * the main loop; the compositor closing it is a failed source.
 *
 * The protocol's version 2 adds a notification that idle inhibitors (a
 * playing video) do not hold back: it is asked for when both the
 * wayland-protocols this is built against and the compositor have it.
 * Built against one without it (Debian 12's 1.31), absence behind an
 * inhibitor goes unseen.
 *
 * Compositors without ext-idle-notify-v1 but with KDE's older
 * org_kde_kwin_idle (sway 1.7 and other wlroots 0.15 ones, KWin 5; what
 * swayidle uses) are watched through that protocol the same way: one
 * timeout object, "idle" and "resumed". Without either, the session has
 * no Wayland idle source, and the X server (Xwayland) must not be asked
 * instead: it never sees input to Wayland windows (idle-monitor.c).
 */
#include "daemon/presence/idle-source.h"

#include "mobed-config.h"

#ifdef MOBED_HAVE_WAYLAND

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <wayland-client.h>

#include "ext-idle-notify-v1-client-protocol.h"
#ifdef MOBED_HAVE_KDE_IDLE
#include "kde-idle-client-protocol.h"
#endif

#ifdef EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
#define INPUT_IDLE_SINCE EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
#define NOTIFIER_VERSION INPUT_IDLE_SINCE
#else
#define NOTIFIER_VERSION 1
#endif

typedef struct {
  MobedIdleSource                  parent;
  struct wl_display               *display;
  struct wl_registry              *registry;
  struct wl_seat                  *seat;
  struct ext_idle_notifier_v1     *notifier;
  struct ext_idle_notification_v1 *notification;
#ifdef MOBED_HAVE_KDE_IDLE
  struct org_kde_kwin_idle         *kde_idle;
  struct org_kde_kwin_idle_timeout *kde_timeout;
#endif
  guint                            fd_id;
} WaylandSource;

static void
on_global (void *data, struct wl_registry *registry, uint32_t name, const char *interface,
           uint32_t version)
{
  WaylandSource *self = data;

  if (self->seat == NULL && strcmp (interface, wl_seat_interface.name) == 0)
    self->seat = wl_registry_bind (registry, name, &wl_seat_interface, 1);
  else if (self->notifier == NULL && strcmp (interface, ext_idle_notifier_v1_interface.name) == 0)
    self->notifier = wl_registry_bind (registry, name, &ext_idle_notifier_v1_interface,
                                       MIN (version, NOTIFIER_VERSION));
#ifdef MOBED_HAVE_KDE_IDLE
  else if (self->kde_idle == NULL && strcmp (interface, org_kde_kwin_idle_interface.name) == 0)
    self->kde_idle = wl_registry_bind (registry, name, &org_kde_kwin_idle_interface, 1);
#endif
}

static void
on_global_remove (void *data, struct wl_registry *registry, uint32_t name)
{
}

static const struct wl_registry_listener registry_listener = { on_global, on_global_remove };

static void
on_idled (void *data, struct ext_idle_notification_v1 *notification)
{
  WaylandSource *self = data;
  MobedIdleMonitor *monitor = self->parent.monitor;

  /* Sent when the timeout has passed without input: that long idle now. */
  mobed_idle_monitor_reading (monitor, mobed_idle_monitor_get_threshold (monitor));
}

static void
on_resumed (void *data, struct ext_idle_notification_v1 *notification)
{
  WaylandSource *self = data;

  mobed_idle_monitor_reading (self->parent.monitor, 0);
}

static const struct ext_idle_notification_v1_listener notification_listener = {
  on_idled, on_resumed,
};

#ifdef MOBED_HAVE_KDE_IDLE
static void
on_kde_idle (void *data, struct org_kde_kwin_idle_timeout *timeout)
{
  on_idled (data, NULL);
}

static void
on_kde_resumed (void *data, struct org_kde_kwin_idle_timeout *timeout)
{
  on_resumed (data, NULL);
}

static const struct org_kde_kwin_idle_timeout_listener kde_timeout_listener = {
  on_kde_idle, on_kde_resumed,
};
#endif

static void
make_notification (WaylandSource *self)
{
  gint64 threshold = mobed_idle_monitor_get_threshold (self->parent.monitor);
  uint32_t timeout_ms = (uint32_t) MIN (threshold / 1000, G_MAXUINT32);

#ifdef MOBED_HAVE_KDE_IDLE
  if (self->notifier == NULL)
    {
      g_clear_pointer (&self->kde_timeout, org_kde_kwin_idle_timeout_release);
      self->kde_timeout = org_kde_kwin_idle_get_idle_timeout (self->kde_idle, self->seat,
                                                              timeout_ms);
      org_kde_kwin_idle_timeout_add_listener (self->kde_timeout, &kde_timeout_listener, self);
      return;
    }
#endif
  g_clear_pointer (&self->notification, ext_idle_notification_v1_destroy);
#ifdef INPUT_IDLE_SINCE
  /* Input alone: a playing video that inhibits idle does not hide absence. */
  if (ext_idle_notifier_v1_get_version (self->notifier) >= INPUT_IDLE_SINCE)
    self->notification = ext_idle_notifier_v1_get_input_idle_notification (self->notifier,
                                                                           timeout_ms, self->seat);
  else
#endif
    self->notification = ext_idle_notifier_v1_get_idle_notification (self->notifier, timeout_ms,
                                                                     self->seat);
  ext_idle_notification_v1_add_listener (self->notification, &notification_listener, self);
}

static gboolean
flush (WaylandSource *self)
{
  /* A few bytes of requests: the socket buffer takes them at once. */
  return wl_display_flush (self->display) >= 0;
}

static gboolean
on_socket (int fd, GIOCondition condition, gpointer data)
{
  WaylandSource *self = data;

  if ((condition & (G_IO_ERR | G_IO_HUP)) != 0 || wl_display_dispatch (self->display) < 0
      || !flush (self))
    {
      self->fd_id = 0;
      mobed_idle_monitor_failed (self->parent.monitor, "the compositor closed the connection");
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
wayland_free (MobedIdleSource *source)
{
  WaylandSource *self = (WaylandSource *) source;

  g_clear_handle_id (&self->fd_id, g_source_remove);
  g_clear_pointer (&self->notification, ext_idle_notification_v1_destroy);
  g_clear_pointer (&self->notifier, ext_idle_notifier_v1_destroy);
#ifdef MOBED_HAVE_KDE_IDLE
  g_clear_pointer (&self->kde_timeout, org_kde_kwin_idle_timeout_release);
  g_clear_pointer (&self->kde_idle, org_kde_kwin_idle_destroy);
#endif
  g_clear_pointer (&self->seat, wl_seat_destroy);
  g_clear_pointer (&self->registry, wl_registry_destroy);
  if (self->display != NULL)
    {
      wl_display_flush (self->display);
      wl_display_disconnect (self->display);
    }
  g_free (self);
}

static gboolean
has_protocol (WaylandSource *self)
{
#ifdef MOBED_HAVE_KDE_IDLE
  if (self->kde_idle != NULL)
    return TRUE;
#endif
  return self->notifier != NULL;
}

static MobedIdleSource *
wayland_open (MobedIdleMonitor *monitor, GError **error)
{
  WaylandSource *self;

  if (g_getenv ("WAYLAND_DISPLAY") == NULL && g_getenv ("WAYLAND_SOCKET") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no WAYLAND_DISPLAY");
      return NULL;
    }
  self = g_new0 (WaylandSource, 1);
  self->parent = (MobedIdleSource) { &mobed_idle_wayland, monitor };
  self->display = wl_display_connect (NULL);
  if (self->display == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot connect to the compositor: %s",
                   g_strerror (errno));
      wayland_free (&self->parent);
      return NULL;
    }
  self->registry = wl_display_get_registry (self->display);
  wl_registry_add_listener (self->registry, &registry_listener, self);
  if (wl_display_roundtrip (self->display) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the compositor closed the connection");
      wayland_free (&self->parent);
      return NULL;
    }
  if (!has_protocol (self) || self->seat == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           !has_protocol (self)
                             ? "the compositor offers neither ext-idle-notify-v1 nor "
                               "org_kde_kwin_idle"
                             : "the compositor offers no seat");
      wayland_free (&self->parent);
      return NULL;
    }
  g_message ("Idle time on Wayland: through %s",
             self->notifier != NULL ? "ext-idle-notify-v1" : "org_kde_kwin_idle");
  make_notification (self);
  if (!flush (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the compositor closed the connection");
      wayland_free (&self->parent);
      return NULL;
    }
  self->fd_id = g_unix_fd_add (wl_display_get_fd (self->display),
                               G_IO_IN | G_IO_ERR | G_IO_HUP, on_socket, self);
  return &self->parent;
}

static gboolean
wayland_read (MobedIdleSource *source, gint64 *idle, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "Wayland idle protocols cannot be asked, only listened to");
  return FALSE;
}

/* A new notification starts its timeout afresh and is not idle, so it
 * would never send "resumed" for an absence the old one reported: that
 * absence ends here, and the new one reports the next. */
static void
wayland_threshold_changed (MobedIdleSource *source)
{
  WaylandSource *self = (WaylandSource *) source;

  make_notification (self);
  if (!flush (self))
    mobed_idle_monitor_failed (source->monitor, "the compositor closed the connection");
  else if (mobed_idle_monitor_is_away (source->monitor))
    mobed_idle_monitor_reading (source->monitor, 0);
}

#else /* !MOBED_HAVE_WAYLAND */

static MobedIdleSource *
wayland_open (MobedIdleMonitor *monitor, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "this mobed was built without Wayland support");
  return NULL;
}

#define wayland_read NULL
#define wayland_threshold_changed NULL
#define wayland_free NULL

#endif

const MobedIdleSourceClass mobed_idle_wayland = {
  .kind = MOBED_IDLE_WAYLAND,
  .bus_name = NULL,
  .open = wayland_open,
  .read = wayland_read,
  .threshold_changed = wayland_threshold_changed,
  .free = wayland_free,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-x11.c — idle time on an X11 session, from the X server's IDLETIME
 * counter (the SYNC extension), without asking on a schedule. Two alarms
 * sit on the counter: one fires when it climbs to natural-break (no input
 * that long: away), the other when it falls back below (input again:
 * back). The server sends each as an event on the connection, whose socket
 * is in the main loop, and mobed then reads the counter once; between the
 * two it is not woken at all, whether the user works or is away.
 *
 * Every X server since X.Org 7.3 (2007) has the counter, and SYNC cannot be
 * left out of one. The MIT-SCREEN-SAVER extension, which this source used
 * before, only answers when asked (its own events follow the server's
 * screen saver timeout, not mobed's), so it had to be asked while the user
 * was away to see them come back.
 *
 * The connection stays open while this source is in use: the alarms belong
 * to it. The server closing the connection is a failed source. In a Wayland session it is never tried (session.h).
 */
#include "daemon/presence/idle-source.h"
#include "daemon/presence/session.h"

#include "mobed-config.h"

#ifdef MOBED_HAVE_X11

#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>
#include <xcb/sync.h>

typedef struct {
  MobedIdleSource   parent;
  xcb_connection_t *c;
  uint8_t           alarm_notify;   /* the AlarmNotify event's code on this server */
  xcb_sync_counter_t idletime;
  xcb_sync_alarm_t  away;           /* the counter reaches natural-break */
  xcb_sync_alarm_t  back;           /* it falls below again */
  guint             fd_id;
} X11Source;

/* The alarms' attributes this source sets, in the order the protocol
 * lists them: counter, value type, value (hi, lo), test type, delta (hi,
 * lo), events. */
#define ALARM_ALL (XCB_SYNC_CA_COUNTER | XCB_SYNC_CA_VALUE_TYPE | XCB_SYNC_CA_VALUE \
                   | XCB_SYNC_CA_TEST_TYPE | XCB_SYNC_CA_DELTA | XCB_SYNC_CA_EVENTS)

static gint64
threshold_ms (X11Source *self)
{
  return MAX (mobed_idle_monitor_get_threshold (self->parent.monitor) / 1000, 1);
}

/* The away alarm fires as the counter goes from below natural-break to at
 * or above it; the back alarm as it goes from at or above to below: the
 * same line core/idle.c draws. A transition alarm with no delta stays
 * armed after it fires. */
static gint64
alarm_value (X11Source *self, xcb_sync_alarm_t alarm)
{
  return alarm == self->away ? threshold_ms (self) : threshold_ms (self) - 1;
}

static xcb_void_cookie_t
create_alarm (X11Source *self, xcb_sync_alarm_t alarm)
{
  guint64 value = (guint64) alarm_value (self, alarm);
  uint32_t values[] = {
    self->idletime,
    XCB_SYNC_VALUETYPE_ABSOLUTE,
    (uint32_t) (value >> 32), (uint32_t) value,
    alarm == self->away ? XCB_SYNC_TESTTYPE_POSITIVE_TRANSITION
                        : XCB_SYNC_TESTTYPE_NEGATIVE_TRANSITION,
    0, 0,
    TRUE,
  };

  return xcb_sync_create_alarm_checked (self->c, alarm, ALARM_ALL, values);
}

static void
move_alarm (X11Source *self, xcb_sync_alarm_t alarm)
{
  guint64 value = (guint64) alarm_value (self, alarm);
  uint32_t values[] = { (uint32_t) (value >> 32), (uint32_t) value };

  xcb_sync_change_alarm (self->c, alarm, XCB_SYNC_CA_VALUE, values);
}

/* Drops the events already read off the socket: they were sent before the
 * reply just read, which is newer news. */
static void
drop_queued_events (X11Source *self)
{
  xcb_generic_event_t *event;

  while ((event = xcb_poll_for_queued_event (self->c)) != NULL)
    free (event);
}

static gboolean
x11_read (MobedIdleSource *source, gint64 *idle, GError **error)
{
  X11Source *self = (X11Source *) source;
  xcb_sync_query_counter_reply_t *reply = xcb_sync_query_counter_reply (
      self->c, xcb_sync_query_counter (self->c, self->idletime), NULL);

  if (reply == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the X server did not say its idle time");
      return FALSE;
    }
  *idle = (((gint64) reply->counter_value.hi << 32) | reply->counter_value.lo) * 1000;
  free (reply);
  drop_queued_events (self);
  return TRUE;
}

/* Reads the counter and tells the monitor; FALSE when the server is gone
 * (the monitor has been told that instead). */
static gboolean
push_reading (X11Source *self)
{
  g_autoptr(GError) error = NULL;
  gint64 idle;

  if (!x11_read (&self->parent, &idle, &error))
    {
      mobed_idle_monitor_failed (self->parent.monitor, error->message);
      return FALSE;
    }
  mobed_idle_monitor_reading (self->parent.monitor, idle);
  return TRUE;
}

static gboolean
on_socket (int fd, GIOCondition condition, gpointer data)
{
  X11Source *self = data;
  xcb_generic_event_t *event;
  gboolean fired = FALSE;

  while ((event = xcb_poll_for_event (self->c)) != NULL)
    {
      if ((event->response_type & 0x7f) == self->alarm_notify)
        fired = TRUE;
      else if (event->response_type == 0)
        g_debug ("X11 error %u from a SYNC request",
                 ((xcb_generic_error_t *) event)->error_code);
      free (event);
    }
  if (xcb_connection_has_error (self->c) || (condition & (G_IO_ERR | G_IO_HUP)) != 0)
    {
      self->fd_id = 0;
      mobed_idle_monitor_failed (self->parent.monitor, "the X server closed the connection");
      return G_SOURCE_REMOVE;
    }
  if (fired && !push_reading (self))
    {
      self->fd_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The IDLETIME counter's id from the server's list of system counters.
 * The list is read by hand: libxcb 1.15 places each name two bytes off. */
static gboolean
find_idletime (X11Source *self, GError **error)
{
  xcb_sync_list_system_counters_reply_t *reply = xcb_sync_list_system_counters_reply (
      self->c, xcb_sync_list_system_counters (self->c), NULL);
  const guint8 *p, *end;
  gboolean found = FALSE;

  if (reply == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the X server did not list its SYNC counters");
      return FALSE;
    }
  /* Each entry: counter (4 bytes), resolution (8), name length (2), name,
   * padded to 4 bytes. */
  p = (const guint8 *) (reply + 1);
  end = p + (gsize) reply->length * 4;
  for (uint32_t i = 0; i < reply->counters_len && !found && end - p >= 14; i++)
    {
      uint32_t id;
      uint16_t len;

      memcpy (&id, p, sizeof id);
      memcpy (&len, p + 12, sizeof len);
      if (end - p - 14 < len)
        break;
      if (len == 8 && memcmp (p + 14, "IDLETIME", 8) == 0)
        {
          self->idletime = id;
          found = TRUE;
        }
      p += MIN ((gsize) (end - p), (14u + len + 3u) & ~3u);
    }
  free (reply);
  if (!found)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         "the X server has no IDLETIME counter");
  return found;
}

/* SYNC 3.0 or later, its event code, the counter and both alarms. */
static gboolean
set_up (X11Source *self, GError **error)
{
  const xcb_query_extension_reply_t *ext = xcb_get_extension_data (self->c, &xcb_sync_id);
  xcb_sync_initialize_reply_t *version;
  xcb_generic_error_t *failure;
  xcb_void_cookie_t cookies[2];

  if (ext == NULL || !ext->present)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "the X server has no SYNC extension");
      return FALSE;
    }
  self->alarm_notify = ext->first_event + XCB_SYNC_ALARM_NOTIFY;
  version = xcb_sync_initialize_reply (
      self->c, xcb_sync_initialize (self->c, XCB_SYNC_MAJOR_VERSION, XCB_SYNC_MINOR_VERSION),
      NULL);
  if (version == NULL || version->major_version < 3)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the X server's SYNC extension is too old (%u)",
                   version != NULL ? version->major_version : 0);
      free (version);
      return FALSE;
    }
  free (version);
  if (!find_idletime (self, error))
    return FALSE;
  self->away = xcb_generate_id (self->c);
  self->back = xcb_generate_id (self->c);
  cookies[0] = create_alarm (self, self->away);
  cookies[1] = create_alarm (self, self->back);
  for (guint i = 0; i < G_N_ELEMENTS (cookies); i++)
    if ((failure = xcb_request_check (self->c, cookies[i])) != NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "the X server refused an alarm on IDLETIME (error %u)",
                     failure->error_code);
        free (failure);
        return FALSE;
      }
  return TRUE;
}

static void
x11_free (MobedIdleSource *source)
{
  X11Source *self = (X11Source *) source;

  g_clear_handle_id (&self->fd_id, g_source_remove);
  if (self->c != NULL)
    xcb_disconnect (self->c);   /* the server drops the alarms with it */
  g_free (self);
}

static MobedIdleSource *
x11_open (MobedIdleMonitor *monitor, GError **error)
{
  const char *display = g_getenv ("DISPLAY");
  X11Source *self;
  gint64 idle;

  if (display == NULL || *display == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no DISPLAY");
      return NULL;
    }
  if (mobed_session_is_wayland ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "a Wayland session: its X server sees no input to Wayland windows");
      return NULL;
    }
  self = g_new0 (X11Source, 1);
  self->parent = (MobedIdleSource) { &mobed_idle_x11, monitor };
  self->c = xcb_connect (display, NULL);
  if (xcb_connection_has_error (self->c))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open display %s", display);
      x11_free (&self->parent);
      return NULL;
    }
  /* The alarms first: a crossing between the reading and them would be
   * missed; one between them and the reading is only read twice. */
  if (!set_up (self, error) || !x11_read (&self->parent, &idle, error))
    {
      x11_free (&self->parent);
      return NULL;
    }
  mobed_idle_monitor_reading (monitor, idle);
  self->fd_id = g_unix_fd_add (xcb_get_file_descriptor (self->c),
                               G_IO_IN | G_IO_ERR | G_IO_HUP, on_socket, self);
  return &self->parent;
}

/* The alarms move to the new natural-break; a transition alarm does not
 * fire for a line already crossed, so the counter is read once to settle
 * which side of it the user is on now. */
static void
x11_threshold_changed (MobedIdleSource *source)
{
  X11Source *self = (X11Source *) source;

  move_alarm (self, self->away);
  move_alarm (self, self->back);
  push_reading (self);
}

#else /* !MOBED_HAVE_X11 */

static MobedIdleSource *
x11_open (MobedIdleMonitor *monitor, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "this mobed was built without X11 support");
  return NULL;
}

#define x11_read NULL
#define x11_threshold_changed NULL
#define x11_free NULL

#endif

const MobedIdleSourceClass mobed_idle_x11 = {
  .kind = MOBED_IDLE_X11,
  .bus_name = NULL,
  .open = x11_open,
  .read = x11_read,
  .threshold_changed = x11_threshold_changed,
  .free = x11_free,
};

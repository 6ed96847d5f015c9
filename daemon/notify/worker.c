/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * worker.c — the one thread that talks to the notification server.
 *
 * libnotify's calls to the server are synchronous, and a server that has
 * stopped (SIGSTOP, a hung shell) holds each of them for D-Bus's 25 s
 * timeout: on the main loop that froze mobed, and `mobectl` with it, for
 * over a minute per break. So every call that talks to the server (asking
 * what it can show, Notify, CloseNotification) runs on one worker thread,
 * in the order asked; the main loop only builds notifications (local work)
 * and hears the results, and a stalled server delays the break, never
 * mobed. libnotify delivers a notification's signals (an action, a close)
 * in the main context, where its proxy was made for the worker (which has
 * no context of its own), so the answers reach the daemon on the main loop.
 * Every notification object is given up on the main loop too, never while
 * its signal could be running there.
 */
#include "daemon/notify/worker.h"
#include "daemon/notify/notifier-private.h"
#include "daemon/notify/server.h"

/* One call for the worker: show or close @n. */
typedef struct {
  MobedNotifier      *self;       /* a reference (g_rc_box) */
  NotifyNotification *n;          /* a reference */
  gboolean            close;
  MobedContent       *content;    /* show: what to show */
  gboolean            ok;         /* show: the result */
  gboolean            close_is_click;
  char               *error;
} Op;

static GThreadPool *worker;
/* The session bus libnotify talks on: once it is closed (logout), libnotify
 * is not called at all; it would only warn (and GDBus make a critical of
 * it) about a connection that is gone. */
static GDBusConnection *session_bus;
/* Under lock: set at exit (no more calls into libnotify), and whether a
 * call into libnotify is running on the worker. */
static GMutex   state_lock;
static GCond    state_cond;
static gboolean stopping;
static gboolean busy;

/* How long mobed, at exit, waits for a call under way to end. */
#define STOP_WAIT_US (2 * G_USEC_PER_SEC)

static gboolean
op_done (gpointer data)
{
  Op *op = data;

  if (!op->close)
    mobed_notifier_shown (op->self, op->n, op->ok, op->close_is_click, op->error);
  g_object_unref (op->n);
  mobed_content_free (op->content);
  g_free (op->error);
  g_rc_box_release (op->self);
  g_free (op);
  return G_SOURCE_REMOVE;
}

/* The drill's picture goes as the image-path hint only. Every server the
 * desktop suite runs (GNOME Shell, Plasma, xfce4-notifyd, dunst, mako)
 * loads and shows that file itself, so mobed never renders a picture
 * (image-data would mean gdk-pixbuf and librsvg in the daemon). The hint
 * is a file: URI, the spec's own form, which every server tried reads. */
static void
set_picture (NotifyNotification *n, const char *picture)
{
  g_autofree char *uri = NULL;

  if (picture == NULL)
    return;
  uri = g_filename_to_uri (picture, NULL, NULL);
  if (uri != NULL)
    notify_notification_set_hint (n, "image-path", g_variant_new_string (uri));
}

static void
run_show (Op *op)
{
  const MobedContent *c = op->content;
  g_autoptr(GError) error = NULL;
  MobedServer server;
  g_autofree char *text = NULL;

  mobed_server_ask (&server);
  if (server.buttons_drawn || c->hint == NULL)
    text = g_strdup (c->body);
  else if (server.actions && c->short_body != NULL)
    /* mako: 100 px high unless configured otherwise, and it cuts the rest
     * without a sign, so the commands come first and the cues stay out. */
    text = g_strdup_printf ("%s\n%s", c->short_body, c->short_hint);
  else if (!server.actions && c->steps_hint != NULL)
    text = g_strdup_printf ("%s\n%s\n%s", c->body, c->hint, c->steps_hint);
  else
    text = g_strdup_printf ("%s\n%s", c->body, c->hint);

  op->close_is_click = server.close_is_click;
  notify_notification_update (op->n, c->summary, text, "mobed");
  notify_notification_set_urgency (op->n, c->urgent || (c->again && server.files_while_open)
                                            ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
  set_picture (op->n, c->picture);
  for (guint i = 0; server.actions && i < c->n_actions; i++)
    if (!op->close_is_click || !g_str_equal (c->actions[i].id, MOBED_CONTENT_CLICK))
      notify_notification_add_action (op->n, c->actions[i].id, c->actions[i].label,
                                      mobed_notifier_on_action, op->self, NULL);
  op->ok = notify_notification_show (op->n, &error);
  if (!op->ok)
    op->error = g_strdup (error->message);
}

static void
run_op (gpointer data, gpointer pool_data)
{
  Op *op = data;

  g_mutex_lock (&state_lock);
  busy = !stopping && session_bus != NULL && !g_dbus_connection_is_closed (session_bus);
  g_mutex_unlock (&state_lock);
  if (!busy)
    {
      op->error = g_strdup ("the session bus is gone");
      g_main_context_invoke (NULL, op_done, op);
      return;
    }
  if (op->close)
    {
      g_autoptr(GError) error = NULL;

      if (!notify_notification_close (op->n, &error))
        g_debug ("Could not close the notification: %s", error->message);
    }
  else
    run_show (op);
  g_mutex_lock (&state_lock);
  busy = FALSE;
  g_cond_signal (&state_cond);
  g_mutex_unlock (&state_lock);
  /* The notification's last reference goes on the main loop, where its
   * signals run. */
  g_main_context_invoke (NULL, op_done, op);
}

static void
push (MobedNotifier *self, NotifyNotification *n, gboolean close, MobedContent *content)
{
  Op *op = g_new0 (Op, 1);

  if (worker == NULL)
    {
      worker = g_thread_pool_new (run_op, NULL, 1, FALSE, NULL);
      session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
    }
  op->self = g_rc_box_acquire (self);
  op->n = n;
  op->close = close;
  op->content = content;
  g_thread_pool_push (worker, op, NULL);
}

void
mobed_worker_show (MobedNotifier *self, NotifyNotification *n, MobedContent *content)
{
  push (self, n, FALSE, content);
}

void
mobed_worker_close (MobedNotifier *self, NotifyNotification *n)
{
  push (self, n, TRUE, NULL);
}

gboolean
mobed_worker_stop (void)
{
  gint64 until = g_get_monotonic_time () + STOP_WAIT_US;
  gboolean idle;

  g_mutex_lock (&state_lock);
  stopping = TRUE;
  /* A call to a live server ends in milliseconds; a stalled one is left. */
  while (busy && g_cond_wait_until (&state_cond, &state_lock, until))
    ;
  idle = !busy;
  g_mutex_unlock (&state_lock);
  return idle;
}

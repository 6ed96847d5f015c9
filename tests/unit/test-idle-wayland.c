/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-idle-wayland.c — mobed's ext-idle-notify-v1 client (daemon/idle-
 * wayland.c, through the idle monitor) against the protocol served by
 * libwayland-server. No compositor in Debian 12 that runs headless offers
 * the protocol to a test, so this file serves it: a wl_seat and the idle
 * notifier, in a thread of its own (the client's first round trip blocks),
 * over a socket pair handed to the client as WAYLAND_SOCKET, and sends
 * "idled" and "resumed" when a test says so. What is checked is what mobed
 * does with them: the timeout it asks for, away and back with their times,
 * a new natural-break, a compositor without the protocol, and one that
 * goes away.
 *
 * tests/meson.build builds this file twice. test-idle-wayland takes mobed
 * as Debian 12 builds it, against the system's version 1 of the protocol.
 * test-idle-wayland-v2 (MOBED_TEST_IDLE_NOTIFY_V2) compiles the idle
 * sources again against version 2, from unit/ext-idle-notify-v2-test.xml:
 * there a compositor offering 2 must be asked for the input-idle
 * notification, which idle inhibitors do not hold back, and one offering
 * only 1 for the plain one, with idled and resumed meaning the same.
 */
#include <glib-unix.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wayland-server.h>

#include "daemon/clock.h"
#include "daemon/presence/idle-monitor.h"
#ifdef MOBED_TEST_IDLE_NOTIFY_V2
#include "ext-idle-notify-v2-test-server-protocol.h"
#else
#include "ext-idle-notify-v1-server-protocol.h"
#endif

#define SEC G_GINT64_CONSTANT (1000000)

typedef enum { CMD_IDLED = 1, CMD_RESUMED, CMD_DISCONNECT, CMD_QUIT } Command;

typedef struct {
  struct wl_display    *display;
  struct wl_client     *client;
  struct wl_resource   *notification;   /* the newest, server thread only */
  int                   wake;           /* eventfd: a command is queued */
  struct wl_event_source *wake_source;
  GAsyncQueue          *commands;
  GThread              *thread;
  gboolean              quit;

  GMutex                lock;           /* guards what the tests read: */
  guint32               timeout_ms;     /* of the newest notification, */
  gboolean              input_only;     /* and whether it is the input-idle one */
  guint                 made, alive;
} Server;

typedef struct {
  Server           *server;
  int               offered;            /* the notifier's version, 0: none */
  MobedIdleMonitor *monitor;
  guint             aways, backs, source_changes;
  gint64            since;
} Fixture;

/* -- the server side ------------------------------------------------------ */

static void
on_notification_gone (struct wl_resource *resource)
{
  Server *server = wl_resource_get_user_data (resource);

  g_mutex_lock (&server->lock);
  server->alive--;
  g_mutex_unlock (&server->lock);
  if (server->notification == resource)
    server->notification = NULL;
}

static void
notification_destroy (struct wl_client *client, struct wl_resource *resource)
{
  wl_resource_destroy (resource);
}

static const struct ext_idle_notification_v1_interface notification_impl = {
  notification_destroy,
};

static void
notifier_destroy (struct wl_client *client, struct wl_resource *resource)
{
  wl_resource_destroy (resource);
}

static void
make_notification (struct wl_client *client, struct wl_resource *resource, uint32_t id,
                   uint32_t timeout, gboolean input_only)
{
  Server *server = wl_resource_get_user_data (resource);
  struct wl_resource *n = wl_resource_create (client, &ext_idle_notification_v1_interface,
                                              wl_resource_get_version (resource), id);

  wl_resource_set_implementation (n, &notification_impl, server, on_notification_gone);
  server->notification = n;
  g_mutex_lock (&server->lock);
  server->timeout_ms = timeout;
  server->input_only = input_only;
  server->made++;
  server->alive++;
  g_mutex_unlock (&server->lock);
}

static void
get_idle_notification (struct wl_client *client, struct wl_resource *resource, uint32_t id,
                       uint32_t timeout, struct wl_resource *seat)
{
  make_notification (client, resource, id, timeout, FALSE);
}

#ifdef EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
static void
get_input_idle_notification (struct wl_client *client, struct wl_resource *resource,
                             uint32_t id, uint32_t timeout, struct wl_resource *seat)
{
  make_notification (client, resource, id, timeout, TRUE);
}
#endif

static const struct ext_idle_notifier_v1_interface notifier_impl = {
  notifier_destroy, get_idle_notification,
#ifdef EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
  get_input_idle_notification,
#endif
};

static void
bind_notifier (struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
  struct wl_resource *r = wl_resource_create (client, &ext_idle_notifier_v1_interface,
                                              (int) version, id);

  wl_resource_set_implementation (r, &notifier_impl, data, NULL);
}

/* A seat with no capabilities: mobed only names it in its request. */
static const struct wl_seat_interface seat_impl = { 0 };

static void
bind_seat (struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
  struct wl_resource *r = wl_resource_create (client, &wl_seat_interface, 1, id);

  wl_resource_set_implementation (r, &seat_impl, data, NULL);
}

static int
on_command (int fd, uint32_t mask, void *data)
{
  Server *server = data;
  guint64 n;
  gpointer cmd;

  if (read (fd, &n, sizeof n) != sizeof n)
    return 0;
  while ((cmd = g_async_queue_try_pop (server->commands)) != NULL)
    switch (GPOINTER_TO_INT (cmd))
      {
      case CMD_IDLED:
        g_assert_nonnull (server->notification);
        ext_idle_notification_v1_send_idled (server->notification);
        break;
      case CMD_RESUMED:
        g_assert_nonnull (server->notification);
        ext_idle_notification_v1_send_resumed (server->notification);
        break;
      case CMD_DISCONNECT:
        wl_client_destroy (server->client);
        server->client = NULL;
        break;
      case CMD_QUIT:
      default:
        server->quit = TRUE;
        break;
      }
  return 0;
}

static gpointer
serve (gpointer data)
{
  Server *server = data;
  struct wl_event_loop *loop = wl_display_get_event_loop (server->display);

  while (!server->quit)
    {
      wl_display_flush_clients (server->display);
      wl_event_loop_dispatch (loop, -1);
    }
  return NULL;
}

/* A compositor on one end of a socket pair; the other end is the
 * client's, through WAYLAND_SOCKET. */
static Server *
server_new (int offered)
{
  Server *server = g_new0 (Server, 1);
  int fds[2];
  char fd_text[16];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  g_mutex_init (&server->lock);
  server->commands = g_async_queue_new ();
  server->display = wl_display_create ();
  server->client = wl_client_create (server->display, fds[0]);
  wl_global_create (server->display, &wl_seat_interface, 1, server, bind_seat);
  if (offered > 0)
    wl_global_create (server->display, &ext_idle_notifier_v1_interface, offered, server,
                      bind_notifier);
  server->wake = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  server->wake_source = wl_event_loop_add_fd (wl_display_get_event_loop (server->display),
                                              server->wake, WL_EVENT_READABLE, on_command,
                                              server);
  g_snprintf (fd_text, sizeof fd_text, "%d", fds[1]);
  /* Set before this test's thread starts; the last one has been joined. */
  setenv ("WAYLAND_SOCKET", fd_text, 1);
  server->thread = g_thread_new ("compositor", serve, server);
  return server;
}

static void
server_send (Server *server, Command cmd)
{
  guint64 one = 1;

  g_async_queue_push (server->commands, GINT_TO_POINTER (cmd));
  g_assert_cmpint (write (server->wake, &one, sizeof one), ==, sizeof one);
}

static void
server_free (Server *server)
{
  server_send (server, CMD_QUIT);
  g_thread_join (server->thread);
  wl_event_source_remove (server->wake_source);
  wl_display_destroy_clients (server->display);
  wl_display_destroy (server->display);
  close (server->wake);
  g_async_queue_unref (server->commands);
  g_mutex_clear (&server->lock);
  g_free (server);
  unsetenv ("WAYLAND_SOCKET");
}

/* -- the client side ------------------------------------------------------- */

static void
on_changed (gboolean away, gint64 since, gpointer data)
{
  Fixture *f = data;

  if (away)
    f->aways++;
  else
    f->backs++;
  f->since = since;
}

static void
on_source_changed (gpointer data)
{
  ((Fixture *) data)->source_changes++;
}

/* Runs the main loop until @done holds; the server answers from its thread. */
#define RUN_UNTIL(done)                                                          \
  G_STMT_START {                                                                 \
    gint64 give_up_ = g_get_monotonic_time () + 10 * SEC;                        \
    while (!(done))                                                              \
      {                                                                          \
        g_assert_cmpint (g_get_monotonic_time (), <, give_up_);                  \
        g_main_context_iteration (NULL, FALSE);                                  \
        g_usleep (1000);                                                         \
      }                                                                          \
  } G_STMT_END

static guint
made (Fixture *f, guint *alive, guint32 *timeout)
{
  guint n;

  g_mutex_lock (&f->server->lock);
  n = f->server->made;
  *alive = f->server->alive;
  *timeout = f->server->timeout_ms;
  g_mutex_unlock (&f->server->lock);
  return n;
}

/* The newest notification is the one version 2 adds exactly when the
 * compositor offers 2 (never in the version 1 build, which cannot offer it). */
static void
assert_kind_asked_for (Fixture *f)
{
  gboolean input_only;

  g_mutex_lock (&f->server->lock);
  input_only = f->server->input_only;
  g_mutex_unlock (&f->server->lock);
  g_assert_cmpint (input_only, ==, f->offered >= 2);
}

static void
setup (Fixture *f, gconstpointer offered)
{
  const MobedIdleMonitorCallbacks callbacks = { on_changed, on_source_changed };

  f->offered = GPOINTER_TO_INT (offered);
  f->server = server_new (f->offered);
  f->monitor = mobed_idle_monitor_new (NULL, NULL, MOBED_IDLE_WAYLAND, 2 * SEC, &callbacks, f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  mobed_idle_monitor_free (f->monitor);
  server_free (f->server);
}

static void
test_idled_and_resumed (Fixture *f, gconstpointer data)
{
  guint alive;
  guint32 timeout;
  gint64 before;

  g_assert_cmpint (mobed_idle_monitor_get_kind (f->monitor), ==, MOBED_IDLE_WAYLAND);
  RUN_UNTIL (made (f, &alive, &timeout) == 1);
  g_assert_cmpuint (timeout, ==, 2000);           /* natural-break, in ms */
  assert_kind_asked_for (f);

  before = mobed_clock_now ().mono;
  server_send (f->server, CMD_IDLED);
  RUN_UNTIL (f->aways == 1);
  /* Idled comes when the timeout has passed: away since the last input. */
  g_assert_cmpint (f->since, >=, before - 2 * SEC);
  g_assert_cmpint (f->since, <=, mobed_clock_now ().mono - 2 * SEC);

  before = mobed_clock_now ().mono;
  server_send (f->server, CMD_RESUMED);
  RUN_UNTIL (f->backs == 1);
  g_assert_cmpint (f->since, >=, before);
  g_assert_cmpint (f->since, <=, mobed_clock_now ().mono);
  g_assert_cmpuint (f->aways, ==, 1);
  g_assert_cmpuint (f->source_changes, ==, 0);
}

/* A new natural-break is a new notification (the old one destroyed); an
 * absence the old one reported ends, as the new one cannot resume it. */
static void
test_new_threshold (Fixture *f, gconstpointer data)
{
  guint alive;
  guint32 timeout;

  RUN_UNTIL (made (f, &alive, &timeout) == 1);
  server_send (f->server, CMD_IDLED);
  RUN_UNTIL (f->aways == 1);

  mobed_idle_monitor_configure (f->monitor, MOBED_IDLE_WAYLAND, 5 * 60 * SEC);
  g_assert_cmpuint (f->backs, ==, 1);
  RUN_UNTIL (made (f, &alive, &timeout) == 2 && alive == 1);
  g_assert_cmpuint (timeout, ==, 300000);
  assert_kind_asked_for (f);

  server_send (f->server, CMD_IDLED);
  RUN_UNTIL (f->aways == 2);
  g_assert_cmpint (f->since, <=, mobed_clock_now ().mono - 5 * 60 * SEC);
}

/* The compositor goes away: the source has failed, and with the socket
 * used up nothing else is found. */
static void
test_compositor_gone (Fixture *f, gconstpointer data)
{
  guint alive;
  guint32 timeout;

  RUN_UNTIL (made (f, &alive, &timeout) == 1);
  server_send (f->server, CMD_IDLED);
  RUN_UNTIL (f->aways == 1);
  server_send (f->server, CMD_DISCONNECT);
  RUN_UNTIL (f->source_changes == 1);
  g_assert_cmpint (mobed_idle_monitor_get_kind (f->monitor), ==, MOBED_IDLE_NONE);
  /* Nobody watches any more: the absence it reported ends. */
  g_assert_cmpuint (f->backs, ==, 1);
}

static void
test_without_the_protocol (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (mobed_idle_monitor_get_kind (f->monitor), ==, MOBED_IDLE_NONE);
  g_assert_cmpuint (f->aways + f->backs, ==, 0);
}

int
main (int argc, char **argv)
{
  /* The newest version the protocol description this is built with has. */
  int newest = ext_idle_notifier_v1_interface.version;

  g_test_init (&argc, &argv, NULL);
#ifdef MOBED_TEST_IDLE_NOTIFY_V2
  g_assert_cmpint (newest, ==, 2);              /* or it tests nothing new */
#endif
  g_unsetenv ("WAYLAND_DISPLAY");
#define ADD(path, fn, offered) \
  g_test_add ("/idle-wayland/" path, Fixture, GINT_TO_POINTER (offered), setup, fn, teardown)
  ADD ("idled-and-resumed", test_idled_and_resumed, newest);
  ADD ("new-threshold", test_new_threshold, newest);
  ADD ("compositor-gone", test_compositor_gone, newest);
  ADD ("without-the-protocol", test_without_the_protocol, 0);
  if (newest >= 2)
    {
      ADD ("version-1-compositor/idled-and-resumed", test_idled_and_resumed, 1);
      ADD ("version-1-compositor/new-threshold", test_new_threshold, 1);
    }
  return g_test_run ();
}

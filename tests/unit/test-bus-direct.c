/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-bus-direct.c — cli/bus-direct.c: which bus addresses it takes and
 * which it leaves to GDBus, and the exchange itself against a scripted
 * peer on a unix socket (a thread here): the request it sends, the replies,
 * errors, signals before the reply, a refused authentication, a peer that
 * hangs up, sends garbage or says nothing. The real bus and mobed are the
 * integration tests' (test_cli.py).
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cli/bus-direct.h"

static void
assert_address (const char *address, const char *name, gboolean abstract)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  gboolean got_abstract = !abstract;

  g_assert_true (mobectl_direct_address (address, &got, &got_abstract, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, name);
  g_assert_cmpint (got_abstract, ==, abstract);
}

static void
test_addresses (void)
{
  assert_address ("unix:path=/run/user/1000/bus", "/run/user/1000/bus", FALSE);
  assert_address ("unix:path=/run/user/1000/bus;", "/run/user/1000/bus", FALSE);
  assert_address ("unix:abstract=/tmp/dbus-Ab12,guid=0123456789abcdef0123456789abcdef",
                  "/tmp/dbus-Ab12", TRUE);
  assert_address ("unix:guid=0123,path=/tmp/with%20space%2c%3b", "/tmp/with space,;", FALSE);
}

/* Each of these is a form GDBus may know and this file leaves to it. */
static void
test_addresses_left_to_gdbus (void)
{
  g_autofree char *xs = g_strnfill (200, 'x');
  g_autofree char *long_path = g_strconcat ("unix:path=/", xs, NULL);
  const char *addresses[] = {
    "", "tcp:host=localhost,port=4711", "nonce-tcp:host=localhost,port=4711",
    "autolaunch:", "unixexec:path=/usr/bin/ssh", "launchd:env=X",
    "unix:path=/a;unix:path=/b", "unix:tmpdir=/tmp", "unix:dir=/tmp", "unix:runtime=yes",
    "unix:path=/a,abstract=b", "unix:path=", "unix:guid=0123", "unix:path",
    "unix:path=/a%zz", "unix:path=/a%00b", "unix:", long_path,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      char *name = NULL;
      gboolean abstract = FALSE;

      g_test_message ("address '%s'", addresses[i]);
      g_assert_false (mobectl_direct_address (addresses[i], &name, &abstract, &error));
      g_assert_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_NOT_SUPPORTED);
      g_assert_null (name);
    }
  {
    g_autoptr(GError) error = NULL;
    char *name = NULL;
    gboolean abstract = FALSE;

    g_assert_false (mobectl_direct_address (NULL, &name, &abstract, &error));
    g_assert_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_NOT_SUPPORTED);
  }
}

/* -- a scripted peer ------------------------------------------------------ */

typedef struct {
  char       *dir;
  char       *address;
  int         listen_fd;
  GBytes     *answer;     /* written once the whole request is in */
  gboolean    hang;       /* say nothing; wait for the client to go */
  GByteArray *request;    /* what the client sent */
  GThread    *thread;
} Peer;

/* The request is whole after "BEGIN\r\n" and two messages. */
static gboolean
request_complete (GByteArray *req)
{
  const char *begin = req->len > 0 ? memmem (req->data, req->len, "BEGIN\r\n", 7) : NULL;
  gsize pos;

  if (begin == NULL)
    return FALSE;
  pos = (gsize) (begin - (const char *) req->data) + 7;
  for (int i = 0; i < 2; i++)
    {
      gssize need;

      if (req->len - pos < 16)
        return FALSE;
      need = g_dbus_message_bytes_needed (req->data + pos, 16, NULL);
      g_assert_cmpint (need, >, 0);
      if (req->len - pos < (gsize) need)
        return FALSE;
      pos += (gsize) need;
    }
  return TRUE;
}

static gpointer
serve (gpointer data)
{
  Peer *p = data;
  int fd = accept (p->listen_fd, NULL, NULL);
  guint8 buf[4096];
  ssize_t n;

  g_assert_cmpint (fd, >=, 0);
  while (!request_complete (p->request) && (n = read (fd, buf, sizeof buf)) > 0)
    g_byte_array_append (p->request, buf, (guint) n);
  if (p->answer != NULL)
    {
      gsize len;
      const guint8 *answer = g_bytes_get_data (p->answer, &len);

      g_assert_cmpint (write (fd, answer, len), ==, (gssize) len);
    }
  if (p->hang)
    while (read (fd, buf, sizeof buf) > 0)
      ;
  close (fd);
  return NULL;
}

static void
peer_start (Peer *p, gboolean abstract, GBytes *answer)
{
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  g_autofree char *path = NULL;
  socklen_t len;

  p->dir = g_dir_make_tmp ("mobectl-direct-XXXXXX", NULL);
  path = g_build_filename (p->dir, "bus", NULL);
  if (abstract)
    {
      /* An abstract name of its own: the temp dir's is unique. */
      memcpy (sa.sun_path + 1, path, strlen (path));
      len = (socklen_t) (offsetof (struct sockaddr_un, sun_path) + 1 + strlen (path));
      p->address = g_strconcat ("unix:abstract=", path, NULL);
    }
  else
    {
      g_strlcpy (sa.sun_path, path, sizeof sa.sun_path);
      len = sizeof sa;
      p->address = g_strconcat ("unix:path=", path, ",guid=0123456789abcdef", NULL);
    }
  p->listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (p->listen_fd, >=, 0);
  g_assert_cmpint (bind (p->listen_fd, (struct sockaddr *) &sa, len), ==, 0);
  g_assert_cmpint (listen (p->listen_fd, 1), ==, 0);
  p->answer = answer;
  p->request = g_byte_array_new ();
  p->thread = g_thread_new ("peer", serve, p);
}

/* Waits for the peer to finish; returns what the client sent. */
static GByteArray *
peer_stop (Peer *p)
{
  g_autofree char *path = g_build_filename (p->dir, "bus", NULL);

  g_thread_join (p->thread);
  close (p->listen_fd);
  g_unlink (path);
  g_rmdir (p->dir);
  g_clear_pointer (&p->answer, g_bytes_unref);
  g_free (p->address);
  g_free (p->dir);
  return p->request;
}

static GVariant *
call (Peer *p, int timeout_ms, char **error_name, GError **error)
{
  return mobectl_direct_call (p->address, "org.mobed.Daemon", "/org/mobed/Daemon",
                              "org.freedesktop.DBus.Properties", "GetAll",
                              g_variant_new ("(s)", "org.mobed.Daemon1"),
                              G_VARIANT_TYPE ("(a{sv})"), timeout_ms, error_name, error);
}

/* An answer: the auth line, then each message serialised. */
static GBytes *
script (const char *auth_line, ...)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  GDBusMessage *m;
  va_list args;

  g_byte_array_append (out, (const guint8 *) auth_line, (guint) strlen (auth_line));
  va_start (args, auth_line);
  while ((m = va_arg (args, GDBusMessage *)) != NULL)
    {
      gsize size;
      g_autofree guchar *blob = g_dbus_message_to_blob (m, &size, G_DBUS_CAPABILITY_FLAGS_NONE,
                                                        NULL);

      g_assert_nonnull (blob);
      g_byte_array_append (out, blob, (guint) size);
      g_object_unref (m);
    }
  va_end (args);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

#define AUTH_OK "OK 0123456789abcdef0123456789abcdef\r\n"

static GDBusMessage *
reply (guint32 to, GVariant *body)
{
  GDBusMessage *m = g_dbus_message_new ();

  g_dbus_message_set_message_type (m, G_DBUS_MESSAGE_TYPE_METHOD_RETURN);
  g_dbus_message_set_serial (m, 100 + to);
  g_dbus_message_set_reply_serial (m, to);
  if (body != NULL)
    g_dbus_message_set_body (m, body);
  return m;
}

static GDBusMessage *
error_reply (guint32 to, const char *name, const char *text)
{
  GDBusMessage *m = reply (to, g_variant_new ("(s)", text));

  g_dbus_message_set_message_type (m, G_DBUS_MESSAGE_TYPE_ERROR);
  g_dbus_message_set_error_name (m, name);
  return m;
}

static GDBusMessage *
name_acquired (void)
{
  GDBusMessage *m = g_dbus_message_new_signal ("/org/freedesktop/DBus", "org.freedesktop.DBus",
                                               "NameAcquired");

  g_dbus_message_set_serial (m, 7);
  g_dbus_message_set_body (m, g_variant_new ("(s)", ":1.42"));
  return m;
}

static GVariant *
properties (void)
{
  GVariantDict d;

  g_variant_dict_init (&d, NULL);
  g_variant_dict_insert (&d, "State", "s", "working");
  g_variant_dict_insert (&d, "TodayDone", "u", 3);
  return g_variant_new ("(@a{sv})", g_variant_dict_end (&d));
}

/* The request: AUTH EXTERNAL with our uid in hex, BEGIN, Hello, the call. */
static void
assert_request (GByteArray *req)
{
  g_autofree char *uid = g_strdup_printf ("%u", (guint) getuid ());
  g_autoptr(GString) auth = g_string_new (NULL);
  g_autoptr(GDBusMessage) hello = NULL;
  g_autoptr(GDBusMessage) get_all = NULL;
  const char *s;
  gsize pos;
  gssize need;

  g_string_append_len (auth, "\0AUTH EXTERNAL ", 15);
  for (const char *c = uid; *c != '\0'; c++)
    g_string_append_printf (auth, "%02x", (guint) *c);
  g_string_append (auth, "\r\nBEGIN\r\n");
  g_assert_cmpuint (req->len, >, auth->len);
  g_assert_cmpmem (req->data, auth->len, auth->str, auth->len);
  pos = auth->len;
  need = g_dbus_message_bytes_needed (req->data + pos, req->len - pos, NULL);
  hello = g_dbus_message_new_from_blob (req->data + pos, (gsize) need, 0, NULL);
  g_assert_nonnull (hello);
  g_assert_cmpstr (g_dbus_message_get_member (hello), ==, "Hello");
  g_assert_cmpstr (g_dbus_message_get_destination (hello), ==, "org.freedesktop.DBus");
  g_assert_cmpuint (g_dbus_message_get_serial (hello), ==, 1);
  pos += (gsize) need;
  need = g_dbus_message_bytes_needed (req->data + pos, req->len - pos, NULL);
  get_all = g_dbus_message_new_from_blob (req->data + pos, (gsize) need, 0, NULL);
  g_assert_nonnull (get_all);
  g_assert_cmpuint (pos + (gsize) need, ==, req->len);      /* nothing else */
  g_assert_cmpint (g_dbus_message_get_message_type (get_all), ==, G_DBUS_MESSAGE_TYPE_METHOD_CALL);
  g_assert_cmpstr (g_dbus_message_get_destination (get_all), ==, "org.mobed.Daemon");
  g_assert_cmpstr (g_dbus_message_get_path (get_all), ==, "/org/mobed/Daemon");
  g_assert_cmpstr (g_dbus_message_get_interface (get_all), ==, "org.freedesktop.DBus.Properties");
  g_assert_cmpstr (g_dbus_message_get_member (get_all), ==, "GetAll");
  g_assert_cmpuint (g_dbus_message_get_serial (get_all), ==, 2);
  /* Activation allowed, as GDBus's call would. */
  g_assert_cmpint (g_dbus_message_get_flags (get_all), ==, G_DBUS_MESSAGE_FLAGS_NONE);
  g_variant_get (g_dbus_message_get_body (get_all), "(&s)", &s);
  g_assert_cmpstr (s, ==, "org.mobed.Daemon1");
}

/* A reply after Hello's and a signal, from a socket by path or abstract
 * name; and the request that was sent. */
static void
check_answer (gboolean abstract)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GByteArray) request = NULL;
  Peer p = { 0 };
  const char *state = NULL;
  guint32 done = 0;

  peer_start (&p, abstract,
              script (AUTH_OK, reply (1, g_variant_new ("(s)", ":1.42")), name_acquired (),
                      reply (2, properties ()), NULL));
  props = call (&p, -1, NULL, &error);
  request = peer_stop (&p);
  g_assert_no_error (error);
  g_assert_nonnull (props);
  if (props == NULL)
    return;
  g_assert_true (g_variant_is_of_type (props, G_VARIANT_TYPE ("(a{sv})")));
  dict = g_variant_get_child_value (props, 0);
  g_assert_true (g_variant_lookup (dict, "State", "&s", &state));
  g_assert_true (g_variant_lookup (dict, "TodayDone", "u", &done));
  g_assert_cmpstr (state, ==, "working");
  g_assert_cmpuint (done, ==, 3);
  assert_request (request);
}

static void
test_answer (void)
{
  check_answer (FALSE);
  check_answer (TRUE);
}

/* What a peer does, and the error the call must end with. */
typedef struct {
  const char *what;
  int         code;         /* a MobectlDirectError */
  const char *remote;       /* for a D-Bus error: its name */
  const char *text;         /* for a D-Bus error: its message */
} Failure;

static void
assert_failure (GBytes *answer, gboolean hang, int timeout_ms, const Failure *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autofree char *remote = NULL;
  Peer p = { 0 };

  g_test_message ("%s", f->what);
  p.hang = hang;
  peer_start (&p, FALSE, answer);
  props = call (&p, timeout_ms, &remote, &error);
  g_assert_null (props);
  g_assert_error (error, MOBECTL_DIRECT_ERROR, f->code);
  if (error != NULL)
    g_test_message ("  -> %s", error->message);
  g_assert_cmpstr (remote, ==, f->remote);
  if (f->text != NULL && error != NULL)
    g_assert_cmpstr (error->message, ==, f->text);
  g_byte_array_unref (peer_stop (&p));
}

static void
test_failures (void)
{
  assert_failure (script (AUTH_OK, reply (1, g_variant_new ("(s)", ":1.42")), name_acquired (),
                          error_reply (2, "org.freedesktop.DBus.Error.ServiceUnknown",
                                       "The name is not activatable"), NULL),
                  FALSE, -1,
                  &(Failure) { "the call's error reply", MOBECTL_DIRECT_ERROR_REMOTE,
                               "org.freedesktop.DBus.Error.ServiceUnknown",
                               "The name is not activatable" });
  assert_failure (script (AUTH_OK, error_reply (1, "org.freedesktop.DBus.Error.AccessDenied", "no"),
                          NULL),
                  FALSE, -1,
                  &(Failure) { "Hello refused", MOBECTL_DIRECT_ERROR_REMOTE,
                               "org.freedesktop.DBus.Error.AccessDenied", "no" });

  assert_failure (script (AUTH_OK, reply (1, g_variant_new ("(s)", ":1.42")),
                          reply (2, g_variant_new ("(s)", "not a dict")), NULL),
                  FALSE, -1,
                  &(Failure) { "a reply of the wrong type", MOBECTL_DIRECT_ERROR_FAILED });
  assert_failure (script ("REJECTED DBUS_COOKIE_SHA1\r\n", NULL), FALSE, -1,
                  &(Failure) { "authentication refused: left to GDBus", MOBECTL_DIRECT_ERROR_NOT_SUPPORTED });
  assert_failure (NULL, FALSE, -1,
                  &(Failure) { "hangs up without a word", MOBECTL_DIRECT_ERROR_FAILED });
  assert_failure (script (AUTH_OK, NULL), FALSE, -1,
                  &(Failure) { "hangs up after OK", MOBECTL_DIRECT_ERROR_FAILED });
  {
    g_autoptr(GBytes) whole = script (AUTH_OK, reply (1, g_variant_new ("(s)", ":1.42")),
                                      reply (2, properties ()), NULL);
    GBytes *half = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) - 10);

    assert_failure (half, FALSE, -1,
                    &(Failure) { "hangs up in the middle of the reply", MOBECTL_DIRECT_ERROR_FAILED });
  }
  {
    g_autoptr(GString) garbage = g_string_new (AUTH_OK);

    g_string_append (garbage, "this is no D-Bus message at all");
    assert_failure (g_string_free_to_bytes (g_steal_pointer (&garbage)), FALSE, -1,
                    &(Failure) { "garbage after OK", MOBECTL_DIRECT_ERROR_FAILED });
  }
  {
    g_autofree char *endless = g_strnfill (1000, 'x');

    assert_failure (g_bytes_new (endless, 1000), FALSE, -1,
                    &(Failure) { "an answer to AUTH that is no line", MOBECTL_DIRECT_ERROR_NOT_SUPPORTED });
  }
  /* Says nothing: the timeout given ends the wait. */
  assert_failure (NULL, TRUE, 50,
                  &(Failure) { "silent", MOBECTL_DIRECT_ERROR_FAILED });
}

static void
test_no_socket (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mobectl-direct-XXXXXX", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", dir, "/none", NULL);
  g_autoptr(GVariant) props = mobectl_direct_call (address, "org.mobed.Daemon",
                                                   "/org/mobed/Daemon",
                                                   "org.freedesktop.DBus.Properties", "GetAll",
                                                   g_variant_new ("(s)", "org.mobed.Daemon1"),
                                                   NULL, -1, NULL, &error);

  g_assert_null (props);
  g_assert_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_FAILED);
  g_assert_nonnull (error != NULL ? strstr (error->message, dir) : NULL);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/bus-direct/addresses", test_addresses);
  g_test_add_func ("/bus-direct/addresses-left-to-gdbus", test_addresses_left_to_gdbus);
  g_test_add_func ("/bus-direct/answer", test_answer);
  g_test_add_func ("/bus-direct/failures", test_failures);
  g_test_add_func ("/bus-direct/no-socket", test_no_socket);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bus-direct.c — one D-Bus call over a plain unix socket. A GDBusConnection
 * starts a worker thread, sends each message through it and waits there;
 * for a command that makes one call and exits, that set-up cost as much as
 * the call itself. Here the exchange is: connect, one write (AUTH EXTERNAL,
 * BEGIN, Hello and the call, pipelined as the protocol allows), then read
 * until the call's reply. The messages are written and read by
 * cli/dbus-wire.c, so this needs GLib alone, not GIO. Anything unusual
 * (another transport, another authentication) is left to GDBus, which the
 * caller falls back to on MOBECTL_DIRECT_ERROR_NOT_SUPPORTED.
 */
#include "cli/bus-direct.h"

#include "cli/dbus-wire.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define HELLO_SERIAL  1
#define CALL_SERIAL   2
/* "OK <32 hex digits>\r\n" is 37 bytes; a longer first line is no answer. */
#define AUTH_LINE_MAX 256

G_DEFINE_QUARK (mobectl-direct-error-quark, mobectl_direct_error)

static gboolean
not_supported (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
not_supported (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MOBECTL_DIRECT_ERROR,
                                                MOBECTL_DIRECT_ERROR_NOT_SUPPORTED, format, args));
  va_end (args);
  return FALSE;
}

gboolean
mobectl_direct_address (const char *address, char **ret_name, gboolean *ret_abstract,
                        GError **error)
{
  g_autofree char *keys_text = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *name = NULL;
  gboolean abstract = FALSE;
  gsize len;

  if (address == NULL || *address == '\0')
    return not_supported (error, "no session bus address is set");
  len = strlen (address);
  if (address[len - 1] == ';')
    len--;                                /* a list of one, ended */
  if (memchr (address, ';', len) != NULL)
    return not_supported (error, "the address lists more than one way to the bus");
  if (strncmp (address, "unix:", 5) != 0)
    return not_supported (error, "only unix: addresses are reached directly");

  keys_text = g_strndup (address + 5, len - 5);
  keys = g_strsplit (keys_text, ",", -1);
  for (char **kv = keys; *kv != NULL; kv++)
    {
      const char *eq = strchr (*kv, '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (eq == NULL)
        return not_supported (error, "'%s' in the address is not key=value", *kv);
      key = g_strndup (*kv, (gsize) (eq - *kv));
      /* NULL for a bad %-escape and for an escaped NUL. */
      value = g_uri_unescape_string (eq + 1, NULL);
      if (value == NULL)
        return not_supported (error, "the address's %s= value is not validly escaped", key);
      if (g_str_equal (key, "guid"))
        continue;                         /* GDBus checks it; the bus's own is fine */
      if (!g_str_equal (key, "path") && !g_str_equal (key, "abstract"))
        return not_supported (error, "unix:%s= addresses are not reached directly", key);
      if (name != NULL)
        return not_supported (error, "the address names its socket twice");
      name = g_steal_pointer (&value);
      abstract = g_str_equal (key, "abstract");
    }
  if (name == NULL || *name == '\0')
    return not_supported (error, "the address names no socket");
  /* sun_path holds the path and its NUL, or a NUL and the abstract name. */
  if (strlen (name) + 1 > sizeof ((struct sockaddr_un *) NULL)->sun_path)
    return not_supported (error, "the socket's name is too long for a direct connection");
  *ret_name = g_steal_pointer (&name);
  *ret_abstract = abstract;
  return TRUE;
}

static void
set_errno_error (GError **error, int saved, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
set_errno_error (GError **error, int saved, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_FAILED, "%s: %s", what,
               g_strerror (saved));
}

static int
connect_socket (const char *name, gboolean abstract, GError **error)
{
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  gsize len = strlen (name);
  socklen_t sa_len = (socklen_t) (offsetof (struct sockaddr_un, sun_path) + len + 1);
  int fd;

  /* An abstract name is a NUL and the name, counted by length alone. */
  memcpy (sa.sun_path + (abstract ? 1 : 0), name, len);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("cannot connect to the session bus"));
      return -1;
    }
  while (connect (fd, (struct sockaddr *) &sa, sa_len) < 0)
    {
      int saved = errno;

      if (saved == EINTR)
        continue;
      close (fd);
      set_errno_error (error, saved, _("cannot connect to the session bus at '%s'"), name);
      return -1;
    }
  return fd;
}

static gboolean
send_all (int fd, const guint8 *data, gsize len, GError **error)
{
  while (len > 0)
    {
      ssize_t n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, _("cannot write to the session bus"));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Reads what is there into @in, waiting until @deadline (monotonic µs). */
static gboolean
receive (int fd, GByteArray *in, gint64 deadline, GError **error)
{
  for (;;)
    {
      struct pollfd p = { .fd = fd, .events = POLLIN };
      gint64 left_ms = (deadline - g_get_monotonic_time () + 999) / 1000;
      guint8 buf[4096];
      ssize_t n;
      int ready;

      if (left_ms <= 0)
        {
          g_set_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_FAILED,
                       _("no answer on the session bus in time"));
          return FALSE;
        }
      ready = poll (&p, 1, (int) MIN (left_ms, G_MAXINT));
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready < 0)
        {
          set_errno_error (error, errno, _("cannot read from the session bus"));
          return FALSE;
        }
      if (ready == 0)
        continue;                         /* the deadline check says so */
      n = recv (fd, buf, sizeof buf, 0);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, _("cannot read from the session bus"));
          return FALSE;
        }
      if (n == 0)
        {
          g_set_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_FAILED,
                       _("the session bus closed the connection before answering"));
          return FALSE;
        }
      g_byte_array_append (in, buf, (guint) n);
      return TRUE;
    }
}

/* The server's answer to AUTH: anything but OK is a way GDBus may know. */
static gboolean
check_auth_line (const guint8 *line, gsize len, GError **error)
{
  g_autofree char *text = g_strndup ((const char *) line, len);

  g_strchomp (text);
  if (g_str_has_prefix (text, "OK "))
    return TRUE;
  return not_supported (error, "the bus did not take EXTERNAL authentication (it said '%s')",
                        g_str_is_ascii (text) ? text : "…");
}

/* What the bus sent cannot be read: a broken connection, as far as the
 * caller goes. */
static void
not_dbus (GError **error)
{
  if (error != NULL && *error != NULL)
    {
      (*error)->domain = MOBECTL_DIRECT_ERROR;
      (*error)->code = MOBECTL_DIRECT_ERROR_FAILED;
      g_prefix_error (error, _("the session bus sent something other than D-Bus: "));
    }
}

/* An error reply as MOBECTL_DIRECT_ERROR_REMOTE: its message, if it has
 * one, with its name in @error_name. */
static gboolean
error_reply (MobectlWireMessage *reply, char **error_name, GError **error)
{
  const char *message = NULL;

  if (reply->type != MOBECTL_WIRE_ERROR_REPLY)
    return FALSE;
  if (g_str_has_prefix (g_variant_get_type_string (reply->body), "(s"))
    g_variant_get_child (reply->body, 0, "&s", &message);
  g_set_error_literal (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_REMOTE,
                       message != NULL ? message : reply->error_name);
  if (error_name != NULL)
    *error_name = g_strdup (reply->error_name);
  return TRUE;
}

static GVariant *
take_reply (MobectlWireMessage *reply, const char *method, const GVariantType *reply_type,
            char **error_name, GError **error)
{
  if (error_reply (reply, error_name, error))
    return NULL;
  if (reply_type != NULL && !g_variant_is_of_type (reply->body, reply_type))
    {
      g_autofree char *wanted = g_variant_type_dup_string (reply_type);

      g_set_error (error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_FAILED,
                   _("'%s' answered with a '%s' where '%s' was expected"), method,
                   g_variant_get_type_string (reply->body), wanted);
      return NULL;
    }
  return g_variant_ref (reply->body);
}

/* AUTH EXTERNAL with our uid, BEGIN, Hello and the call, in one buffer: the
 * bus reads messages right after BEGIN, so nothing waits for the OK. */
static GByteArray *
request (const char *dest, const char *path, const char *interface, const char *method,
         GVariant *body, GError **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *uid = g_strdup_printf ("%u", (guint) getuid ());
  g_autoptr(GString) auth = g_string_new (NULL);

  g_string_append_c (auth, '\0');          /* the credentials byte */
  g_string_append (auth, "AUTH EXTERNAL ");
  for (const char *c = uid; *c != '\0'; c++)
    g_string_append_printf (auth, "%02x", (guint) (guchar) *c);
  g_string_append (auth, "\r\nBEGIN\r\n");
  g_byte_array_append (out, (const guint8 *) auth->str, (guint) auth->len);
  if (!mobectl_wire_append_call (out, HELLO_SERIAL, "org.freedesktop.DBus",
                                 "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello", NULL,
                                 error)
      || !mobectl_wire_append_call (out, CALL_SERIAL, dest, path, interface, method, body, error))
    return NULL;
  return g_steal_pointer (&out);
}

GVariant *
mobectl_direct_call (const char *address, const char *dest, const char *path,
                     const char *interface, const char *method, GVariant *params,
                     const GVariantType *reply_type, int timeout_ms, char **error_name,
                     GError **error)
{
  g_autoptr(GVariant) body = params != NULL ? g_variant_ref_sink (params) : NULL;
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GByteArray) in = g_byte_array_new ();
  g_autofree char *name = NULL;
  gboolean abstract = FALSE, authenticated = FALSE;
  gint64 deadline;
  gsize pos = 0;
  GVariant *ret = NULL;
  int fd;

  if (!mobectl_direct_address (address, &name, &abstract, error))
    return NULL;
  out = request (dest, path, interface, method, body, error);
  if (out == NULL)
    {
      /* A value the wire code does not send (a file handle): GDBus may. */
      if (error != NULL && *error != NULL)
        {
          (*error)->domain = MOBECTL_DIRECT_ERROR;
          (*error)->code = MOBECTL_DIRECT_ERROR_NOT_SUPPORTED;
        }
      return NULL;
    }
  /* -1 is GDBus's default, 25 s, which covers starting mobed by activation. */
  deadline = g_get_monotonic_time () + (gint64) (timeout_ms < 0 ? 25000 : timeout_ms) * 1000;
  fd = connect_socket (name, abstract, error);
  if (fd < 0)
    return NULL;
  if (!send_all (fd, out->data, out->len, error))
    goto out;

  while (receive (fd, in, deadline, error))
    {
      if (!authenticated)
        {
          const guint8 *nl = memchr (in->data, '\n', in->len);

          if (nl == NULL && in->len <= AUTH_LINE_MAX)
            continue;
          if (nl == NULL)
            {
              not_supported (error, "the bus's answer to AUTH is not a line");
              goto out;
            }
          if (!check_auth_line (in->data, (gsize) (nl - in->data), error))
            goto out;
          pos = (gsize) (nl - in->data) + 1;
          authenticated = TRUE;
        }
      /* Every whole message in the buffer: Hello's reply, NameAcquired,
       * perhaps other signals, then the call's reply. */
      while (in->len - pos >= 16)
        {
          g_auto(MobectlWireMessage) message = { 0 };
          gssize need = mobectl_wire_bytes_needed (in->data + pos, 16, error);

          if (need < 0)
            {
              not_dbus (error);
              goto out;
            }
          if (in->len - pos < (gsize) need)
            break;
          if (!mobectl_wire_read (in->data + pos, (gsize) need, &message, error))
            {
              not_dbus (error);
              goto out;
            }
          pos += (gsize) need;
          if (message.reply_serial == HELLO_SERIAL && error_reply (&message, error_name, error))
            goto out;
          if (message.reply_serial == CALL_SERIAL)
            {
              ret = take_reply (&message, method, reply_type, error_name, error);
              goto out;
            }
        }
      g_byte_array_remove_range (in, 0, (guint) pos);
      pos = 0;
    }

out:
  close (fd);
  return ret;
}

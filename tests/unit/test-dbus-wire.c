/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-dbus-wire.c — cli/dbus-wire.c held to GDBusMessage, GLib's own
 * implementation of the same specification: what it writes, GDBus reads
 * back the same; what GDBus writes (either byte order, any type), it reads
 * the same; and what breaks the rules (truncation, bad padding, bad
 * strings, too deep nesting, every single byte changed) is refused or read
 * as GDBus reads it, never anything else.
 */
#include <gio/gio.h>
#include <string.h>

#include "cli/dbus-wire.h"

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *v = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return v;                                  /* not floating */
}

/* Bodies of every kind the protocol carries. */
static const char *const bodies[] = {
  "('org.mobed.Daemon1',)",
  "(byte 0xff, true, int16 -2, uint16 65535, -7, uint32 4000000000, int64 -9000000000,"
  " uint64 18000000000000000000, 2.5, 'text ü €', objectpath '/org/mobed/Daemon',"
  " signature 'a{sv}')",
  "({'State': <'working'>, 'TodayDone': <uint32 3>, 'NextBreak': <int64 1700000000000000>,"
  " 'CurrentBreak': <@a{sv} {}>, 'Warnings': <@as []>,"
  " 'Focus': <{'drills': <[{'id': <'neck-circles'>, 'reps': <uint32 8>}]>}>},)",
  "(@a(yx) [], @a{sv} {}, @aay [], byte 1)",
  "([(byte 1, int64 2), (3, 4)], [[byte 1, 2], [], [3]])",
  "(<<<(byte 7, <'deep'>)>>>,)",
  "({'a': {'b': <[1, 2, 3]>}},)",
  "(@ad [1.5, -0.0, 1e300], [true, false, true])",
  "(@a{ub} {1: true, 2: false}, @a{ox} {'/a': 1})",
  "('',)",
};

static void
test_writes_what_gdbus_reads (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GVariant) body = parse (bodies[i]);
      g_autoptr(GByteArray) out = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GDBusMessage) m = NULL;

      g_test_message ("%s", bodies[i]);
      /* Something before it, as the auth lines are: alignment counts from
       * the message's own start. */
      g_byte_array_append (out, (const guint8 *) "abc", 3);
      g_assert_true (mobectl_wire_append_call (out, 42, "org.mobed.Daemon", "/org/mobed/Daemon",
                                               "org.mobed.Daemon1", "Method", body, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_dbus_message_bytes_needed (out->data + 3, out->len - 3, NULL), ==,
                       out->len - 3);
      m = g_dbus_message_new_from_blob (out->data + 3, out->len - 3, 0, &error);
      g_assert_no_error (error);
      g_assert_nonnull (m);
      if (m == NULL)
        continue;
      g_assert_cmpint (g_dbus_message_get_message_type (m), ==, G_DBUS_MESSAGE_TYPE_METHOD_CALL);
      g_assert_cmpuint (g_dbus_message_get_serial (m), ==, 42);
      g_assert_cmpstr (g_dbus_message_get_destination (m), ==, "org.mobed.Daemon");
      g_assert_cmpstr (g_dbus_message_get_path (m), ==, "/org/mobed/Daemon");
      g_assert_cmpstr (g_dbus_message_get_interface (m), ==, "org.mobed.Daemon1");
      g_assert_cmpstr (g_dbus_message_get_member (m), ==, "Method");
      g_assert_cmpint (g_dbus_message_get_flags (m), ==, G_DBUS_MESSAGE_FLAGS_NONE);
      g_assert_true (g_variant_equal (g_dbus_message_get_body (m), body));
    }
  {
    /* No body at all, as Hello has. */
    g_autoptr(GByteArray) out = g_byte_array_new ();
    g_autoptr(GDBusMessage) m = NULL;

    g_assert_true (mobectl_wire_append_call (out, 1, "org.freedesktop.DBus",
                                             "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                             "Hello", NULL, NULL));
    m = g_dbus_message_new_from_blob (out->data, out->len, 0, NULL);
    g_assert_nonnull (m);
    g_assert_null (m != NULL ? g_dbus_message_get_body (m) : NULL);
  }
  {
    /* A file handle cannot go this way; nothing is left half written. */
    g_autoptr(GByteArray) out = g_byte_array_new ();
    g_autoptr(GError) error = NULL;

    g_byte_array_append (out, (const guint8 *) "x", 1);
    g_assert_false (mobectl_wire_append_call (out, 1, NULL, "/", NULL, "M",
                                              g_variant_new ("(h)", 0), &error));
    g_assert_error (error, MOBECTL_WIRE_ERROR, MOBECTL_WIRE_ERROR_INVALID);
    g_assert_cmpuint (out->len, ==, 1);
  }
}

static GByteArray *
gdbus_blob (GDBusMessage *m, GDBusMessageByteOrder order)
{
  gsize size;
  guchar *blob;

  g_dbus_message_set_byte_order (m, order);
  blob = g_dbus_message_to_blob (m, &size, 0, NULL);
  g_assert_nonnull (blob);
  return g_byte_array_new_take (blob, size);
}

static GDBusMessage *
method_return (guint32 to, GVariant *body)
{
  GDBusMessage *m = g_dbus_message_new ();

  g_dbus_message_set_message_type (m, G_DBUS_MESSAGE_TYPE_METHOD_RETURN);
  g_dbus_message_set_serial (m, 7);
  g_dbus_message_set_reply_serial (m, to);
  g_dbus_message_set_sender (m, ":1.12");
  if (body != NULL)
    g_dbus_message_set_body (m, body);
  return m;
}

static void
test_reads_what_gdbus_writes (void)
{
  const GDBusMessageByteOrder orders[] = { G_DBUS_MESSAGE_BYTE_ORDER_LITTLE_ENDIAN,
                                           G_DBUS_MESSAGE_BYTE_ORDER_BIG_ENDIAN };

  for (gsize o = 0; o < G_N_ELEMENTS (orders); o++)
    for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(GVariant) body = parse (bodies[i]);
        g_autoptr(GDBusMessage) m = method_return (2, body);
        g_autoptr(GByteArray) blob = gdbus_blob (m, orders[o]);
        g_auto(MobectlWireMessage) read = { 0 };
        g_autoptr(GError) error = NULL;

        g_test_message ("%c %s", orders[o], bodies[i]);
        g_assert_cmpint (mobectl_wire_bytes_needed (blob->data, blob->len, NULL), ==, blob->len);
        g_assert_true (mobectl_wire_read (blob->data, blob->len, &read, &error));
        g_assert_no_error (error);
        g_assert_cmpint (read.type, ==, MOBECTL_WIRE_METHOD_RETURN);
        g_assert_cmpuint (read.serial, ==, 7);
        g_assert_cmpuint (read.reply_serial, ==, 2);
        g_assert_null (read.error_name);
        g_assert_true (read.body != NULL && g_variant_equal (read.body, body));
      }
  {
    g_autoptr(GDBusMessage) m = method_return (3, g_variant_new ("(s)", "No such thing"));
    g_autoptr(GByteArray) blob = NULL;
    g_auto(MobectlWireMessage) read = { 0 };
    const char *text = NULL;

    g_dbus_message_set_message_type (m, G_DBUS_MESSAGE_TYPE_ERROR);
    g_dbus_message_set_error_name (m, "org.mobed.Error.NotDue");
    blob = gdbus_blob (m, G_DBUS_MESSAGE_BYTE_ORDER_BIG_ENDIAN);
    g_assert_true (mobectl_wire_read (blob->data, blob->len, &read, NULL));
    g_assert_cmpint (read.type, ==, MOBECTL_WIRE_ERROR_REPLY);
    g_assert_cmpstr (read.error_name, ==, "org.mobed.Error.NotDue");
    g_variant_get (read.body, "(&s)", &text);
    g_assert_cmpstr (text, ==, "No such thing");
  }
  {
    /* A signal without a body reads as (). */
    g_autoptr(GDBusMessage) m = g_dbus_message_new_signal ("/a", "org.x", "Changed");
    g_autoptr(GByteArray) blob = NULL;
    g_auto(MobectlWireMessage) read = { 0 };

    g_dbus_message_set_serial (m, 9);
    blob = gdbus_blob (m, G_DBUS_MESSAGE_BYTE_ORDER_LITTLE_ENDIAN);
    g_assert_true (mobectl_wire_read (blob->data, blob->len, &read, NULL));
    g_assert_cmpint (read.type, ==, MOBECTL_WIRE_SIGNAL);
    g_assert_cmpuint (read.reply_serial, ==, 0);
    g_assert_cmpstr (g_variant_get_type_string (read.body), ==, "()");
  }
}

static GByteArray *
reply_blob (const char *body_text)
{
  g_autoptr(GVariant) body = parse (body_text);
  g_autoptr(GDBusMessage) m = method_return (2, body);

  return gdbus_blob (m, G_DBUS_MESSAGE_BYTE_ORDER_LITTLE_ENDIAN);
}

/* Refused, for the reason whose words are @words. */
static void
assert_refused (GByteArray *blob, const char *why, const char *words)
{
  g_auto(MobectlWireMessage) read = { 0 };
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", why);
  g_assert_false (mobectl_wire_read (blob->data, blob->len, &read, &error));
  g_assert_error (error, MOBECTL_WIRE_ERROR, MOBECTL_WIRE_ERROR_INVALID);
  if (error != NULL)
    {
      g_test_message ("  -> %s", error->message);
      g_assert_nonnull (strstr (error->message, words));
    }
  g_assert_null (read.body);
  g_assert_null (read.error_name);
}

/* Each broken the one way it names, at the end of the body. */
static void
test_refuses_what_breaks_the_rules (void)
{
  {
    g_autoptr(GByteArray) b = reply_blob ("(true,)");
    b->data[b->len - 4] = 2;
    assert_refused (b, "a boolean of 2", "a boolean of 2");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("('abcd',)");
    b->data[b->len - 3] = 0;
    assert_refused (b, "a NUL inside a string", "NUL");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("('abcd',)");
    b->data[b->len - 1] = 'x';
    assert_refused (b, "no NUL after a string", "NUL");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("('abcd',)");
    b->data[b->len - 3] = 0xff;
    assert_refused (b, "a string that is not UTF-8", "UTF-8");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("(objectpath '/ab',)");
    b->data[b->len - 2] = '/';
    assert_refused (b, "an object path ending in /", "not an object path");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("(<byte 1>,)");
    b->data[b->len - 3] = '{';
    assert_refused (b, "a variant whose signature is no type", "signature");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("(byte 1, int64 2)");
    b->data[b->len - 9] = 1;
    assert_refused (b, "padding that is not zero", "padding");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("(byte 1, int64 2)");
    b->data[3] = 2;
    assert_refused (b, "protocol version 2", "version 2");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("(byte 1,)");
    memset (b->data + 8, 0, 4);
    assert_refused (b, "serial 0", "serial 0");
  }
  {
    /* A return made an error: it has a reply serial but no error name. */
    g_autoptr(GByteArray) b = reply_blob ("('x',)");
    b->data[1] = MOBECTL_WIRE_ERROR_REPLY;
    assert_refused (b, "an error reply without a name", "without a name");
  }
  {
    g_autoptr(GString) deep = g_string_new ("(");
    g_autoptr(GByteArray) b = NULL;

    for (int i = 0; i < 33; i++)
      g_string_append (deep, "[");
    g_string_append (deep, "byte 1");
    for (int i = 0; i < 33; i++)
      g_string_append (deep, "]");
    g_string_append (deep, ",)");
    b = reply_blob (deep->str);
    assert_refused (b, "arrays nested 33 deep", "arrays nested");
  }
  {
    g_autoptr(GString) deep = g_string_new ("(");
    g_autoptr(GByteArray) b = NULL;

    for (int i = 0; i < 40; i++)
      g_string_append (deep, "<");
    g_string_append (deep, "byte 1");
    for (int i = 0; i < 40; i++)
      g_string_append (deep, ">");
    g_string_append (deep, ",)");
    b = reply_blob (deep->str);
    assert_refused (b, "variants nested 40 deep", "variants nested");
  }
  {
    g_autoptr(GByteArray) b = reply_blob ("(byte 1,)");
    g_autoptr(GError) error = NULL;

    b->data[0] = 'X';
    g_assert_cmpint (mobectl_wire_bytes_needed (b->data, b->len, &error), ==, -1);
    g_assert_error (error, MOBECTL_WIRE_ERROR, MOBECTL_WIRE_ERROR_INVALID);
    assert_refused (b, "neither 'l' nor 'B'", "first byte");
  }
}

/* Cut anywhere, the message is refused; changed anywhere, it is refused or
 * read exactly as GDBus reads it. */
static void
test_damage (void)
{
  g_autoptr(GByteArray) whole = reply_blob (bodies[2]);
  guint agreed = 0, refused = 0;

  for (gsize len = 0; len < whole->len; len++)
    {
      g_auto(MobectlWireMessage) read = { 0 };
      g_assert_false (mobectl_wire_read (whole->data, len, &read, NULL));
    }
  for (gsize i = 0; i < whole->len; i++)
    for (guint x = 1; x < 256; x <<= 1)
      {
        g_autoptr(GByteArray) b = g_byte_array_sized_new (whole->len);
        g_auto(MobectlWireMessage) read = { 0 };
        g_autoptr(GDBusMessage) m = NULL;

        g_byte_array_append (b, whole->data, whole->len);
        b->data[i] ^= (guint8) x;
        if (!mobectl_wire_read (b->data, b->len, &read, NULL))
          {
            refused++;
            continue;
          }
        m = g_dbus_message_new_from_blob (b->data, b->len, 0, NULL);
        if (m == NULL)
          {
            /* GDBus refuses more than the specification asks (a sender
             * that is no bus name, ...): the values we read still stand
             * on their own. */
            g_assert_true (g_variant_is_normal_form (read.body));
            continue;
          }
        agreed++;
        g_assert_true (g_dbus_message_get_body (m) != NULL
                       ? g_variant_equal (g_dbus_message_get_body (m), read.body)
                       : g_variant_n_children (read.body) == 0);
        g_assert_cmpuint (g_dbus_message_get_reply_serial (m), ==, read.reply_serial);
        g_assert_cmpuint (g_dbus_message_get_serial (m), ==, read.serial);
      }
  g_test_message ("%u changed messages read as GDBus reads them, %u refused", agreed, refused);
  g_assert_cmpuint (agreed, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/dbus-wire/writes-what-gdbus-reads", test_writes_what_gdbus_reads);
  g_test_add_func ("/dbus-wire/reads-what-gdbus-writes", test_reads_what_gdbus_writes);
  g_test_add_func ("/dbus-wire/refuses-what-breaks-the-rules", test_refuses_what_breaks_the_rules);
  g_test_add_func ("/dbus-wire/damage", test_damage);
  return g_test_run ();
}

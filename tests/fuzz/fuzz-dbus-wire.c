/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-dbus-wire.c — libFuzzer target for cli/dbus-wire.c, the D-Bus
 * message reader `mobectl status` runs on what comes from the bus.
 *
 * Input: the bytes of one message. Invariants: a message is read whole or
 * refused with a MOBECTL_WIRE_ERROR and nothing kept; a message read has a
 * body of the type its signature says, in normal form; written again as a
 * method call by the same file, the body reads back equal, both here and
 * through GDBusMessage (GLib's own implementation of the format).
 */
#include <string.h>

#include <gio/gio.h>

#include "cli/dbus-wire.h"
#include "tests/fuzz/fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_glib_setup ();
  return 0;
}

static void
check_round_trip (GVariant *body)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(MobectlWireMessage) again = { 0 };
  g_autoptr(GDBusMessage) gdbus = NULL;

  if (!mobectl_wire_append_call (out, 5, "org.example", "/", "org.example", "M", body, &error))
    {
      /* Only a file handle cannot go back out. */
      FUZZ_CHECK (strchr (g_variant_get_type_string (body), 'h') != NULL,
                  "cannot write a '%s': %s", g_variant_get_type_string (body), error->message);
      return;
    }
  FUZZ_CHECK (mobectl_wire_read (out->data, out->len, &again, &error), "cannot read back: %s",
              error->message);
  FUZZ_CHECK (g_variant_equal (again.body, body), "a different body read back");
  gdbus = g_dbus_message_new_from_blob (out->data, out->len, G_DBUS_CAPABILITY_FLAGS_NONE,
                                        &error);
  FUZZ_CHECK (gdbus != NULL, "GDBus cannot read what was written: %s", error->message);
  FUZZ_CHECK (g_dbus_message_get_body (gdbus) != NULL
              ? g_variant_equal (g_dbus_message_get_body (gdbus), body)
              : g_variant_n_children (body) == 0, "GDBus reads another body");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_auto(MobectlWireMessage) m = { 0 };
  g_autoptr(GError) error = NULL;

  if (size > 64 * 1024)
    return -1;
  if (size >= 16)
    {
      gssize need = mobectl_wire_bytes_needed (data, size, &error);

      FUZZ_CHECK ((need < 0) == (error != NULL), "bytes needed %zd with error %p", need,
                  (void *) error);
      g_clear_error (&error);
    }
  if (!mobectl_wire_read (data, size, &m, &error))
    {
      FUZZ_CHECK (error != NULL && error->domain == MOBECTL_WIRE_ERROR, "refused without error");
      FUZZ_CHECK (m.body == NULL && m.error_name == NULL, "something kept after refusing");
      return 0;
    }
  FUZZ_CHECK (error == NULL, "read with an error set");
  FUZZ_CHECK (m.body != NULL && g_variant_is_of_type (m.body, G_VARIANT_TYPE_TUPLE),
              "a body that is no tuple");
  FUZZ_CHECK (g_variant_is_normal_form (m.body), "a body not in normal form");
  FUZZ_CHECK (m.type != MOBECTL_WIRE_ERROR_REPLY || m.error_name != NULL, "a nameless error");
  check_round_trip (m.body);
  return 0;
}

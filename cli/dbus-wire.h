/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dbus-wire.h — D-Bus messages to and from bytes, with GLib alone (no GIO):
 * `mobectl status` reads mobed's properties without loading GIO, whose
 * start-up cost more than the whole call (see README, "Footprint"). It
 * writes method calls and reads any message; the values are GVariants, as
 * in GDBus, and tests/unit/test-dbus-wire.c holds it to GDBusMessage.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOBECTL_WIRE_ERROR (mobectl_wire_error_quark ())
GQuark mobectl_wire_error_quark (void);

typedef enum {
  MOBECTL_WIRE_ERROR_INVALID,     /* not a D-Bus message, or a value it cannot carry */
} MobectlWireError;

typedef enum {
  MOBECTL_WIRE_METHOD_CALL   = 1,
  MOBECTL_WIRE_METHOD_RETURN = 2,
  MOBECTL_WIRE_ERROR_REPLY   = 3,
  MOBECTL_WIRE_SIGNAL        = 4,
} MobectlWireType;

/* The parts of a message mobectl reads. */
typedef struct {
  MobectlWireType type;
  guint32         serial;
  guint32         reply_serial;   /* 0 when it has none */
  char           *error_name;     /* error replies only */
  GVariant       *body;           /* a tuple, () when there is no body */
} MobectlWireMessage;

void     mobectl_wire_message_clear (MobectlWireMessage *message);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MobectlWireMessage, mobectl_wire_message_clear)

/* Appends a method call to @out, little-endian; @body is a tuple or NULL.
 * Fails only for values D-Bus cannot carry (maybe types, file handles). */
gboolean mobectl_wire_append_call   (GByteArray *out, guint32 serial, const char *destination,
                                     const char *path, const char *interface, const char *member,
                                     GVariant *body, GError **error);

/* How many bytes the message that starts with @data (at least 16 bytes)
 * has in all, or -1 and @error when these cannot start one. */
gssize   mobectl_wire_bytes_needed  (const guint8 *data, gsize len, GError **error);

/* Reads the one message in @data[0..@len). Every value is checked as the
 * specification asks (alignment, lengths, UTF-8, paths, signatures,
 * nesting); anything else is MOBECTL_WIRE_ERROR_INVALID. */
gboolean mobectl_wire_read          (const guint8 *data, gsize len, MobectlWireMessage *message,
                                     GError **error);

G_END_DECLS

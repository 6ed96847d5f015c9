/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dbus-wire-private.h — what the two halves of the D-Bus wire code
 * (dbus-wire.c reads, dbus-wire-write.c writes) share: the specification's
 * limits, the header field codes, alignment and the error helper.
 */
#pragma once

#include <stdarg.h>

#include "cli/dbus-wire.h"

#define FIXED_HEADER     12                    /* up to the header fields' length */
#define MESSAGE_MAX      (128u * 1024 * 1024)  /* the specification's limits */
#define ARRAY_MAX        (64u * 1024 * 1024)
#define NESTING_MAX      32                    /* arrays, and structs, each */

enum { FIELD_PATH = 1, FIELD_INTERFACE, FIELD_MEMBER, FIELD_ERROR_NAME, FIELD_REPLY_SERIAL,
       FIELD_DESTINATION, FIELD_SENDER, FIELD_SIGNATURE };

static inline gboolean
invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Sets MOBECTL_WIRE_ERROR_INVALID; returns FALSE. */
static inline gboolean
invalid (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MOBECTL_WIRE_ERROR, MOBECTL_WIRE_ERROR_INVALID,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* The alignment of a type, from its first character. */
static inline gsize
alignment (const GVariantType *type)
{
  switch (g_variant_type_peek_string (type)[0])
    {
    case 'y': case 'g': case 'v':
      return 1;
    case 'n': case 'q':
      return 2;
    case 'b': case 'i': case 'u': case 'h': case 's': case 'o': case 'a':
      return 4;
    default:                                   /* x t d ( { */
      return 8;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dbus-wire-write.c — writing method calls in the D-Bus wire format
 * (always little-endian), for the one call `mobectl status` makes without
 * GIO. Offsets count from the start of the message, which may sit after
 * other bytes in the buffer (the authentication lines).
 */
#include "cli/dbus-wire-private.h"

#include <string.h>

typedef struct {
  GByteArray *out;
  gsize       base;       /* where the message starts in @out */
} Writer;

static void
pad (Writer *w, gsize align)
{
  static const guint8 zeros[8] = { 0 };
  gsize off = (w->out->len - w->base) % align;

  if (off != 0)
    g_byte_array_append (w->out, zeros, (guint) (align - off));
}

static void
put (Writer *w, gsize align, const void *bytes, gsize n)
{
  pad (w, align);
  g_byte_array_append (w->out, bytes, (guint) n);
}

static void
put_u32 (Writer *w, guint32 v)
{
  v = GUINT32_TO_LE (v);
  put (w, 4, &v, 4);
}

static void
put_signature (Writer *w, const char *sig)
{
  guint8 n = (guint8) strlen (sig);

  g_byte_array_append (w->out, &n, 1);
  g_byte_array_append (w->out, (const guint8 *) sig, (guint) n + 1);
}

static gboolean
put_value (Writer *w, GVariant *v, GError **error)
{
  switch (g_variant_classify (v))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      put_u32 (w, g_variant_get_boolean (v) ? 1 : 0);
      return TRUE;
    case G_VARIANT_CLASS_BYTE:
      {
        guint8 b = g_variant_get_byte (v);
        put (w, 1, &b, 1);
        return TRUE;
      }
    case G_VARIANT_CLASS_INT16:
    case G_VARIANT_CLASS_UINT16:
      {
        guint16 x = GUINT16_TO_LE (*(const guint16 *) g_variant_get_data (v));
        put (w, 2, &x, 2);
        return TRUE;
      }
    case G_VARIANT_CLASS_INT32:
    case G_VARIANT_CLASS_UINT32:
      put_u32 (w, *(const guint32 *) g_variant_get_data (v));
      return TRUE;
    case G_VARIANT_CLASS_INT64:
    case G_VARIANT_CLASS_UINT64:
    case G_VARIANT_CLASS_DOUBLE:
      {
        guint64 x;
        memcpy (&x, g_variant_get_data (v), 8);
        x = GUINT64_TO_LE (x);
        put (w, 8, &x, 8);
        return TRUE;
      }
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
      {
        gsize n;
        const char *s = g_variant_get_string (v, &n);
        put_u32 (w, (guint32) n);
        g_byte_array_append (w->out, (const guint8 *) s, (guint) n + 1);
        return TRUE;
      }
    case G_VARIANT_CLASS_SIGNATURE:
      put_signature (w, g_variant_get_string (v, NULL));
      return TRUE;
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr(GVariant) child = g_variant_get_variant (v);
        put_signature (w, g_variant_get_type_string (child));
        return put_value (w, child, error);
      }
    case G_VARIANT_CLASS_ARRAY:
      {
        gsize length_at, start, n = g_variant_n_children (v);
        guint32 length;

        put_u32 (w, 0);
        length_at = w->out->len - 4;
        pad (w, alignment (g_variant_type_element (g_variant_get_type (v))));
        start = w->out->len;
        for (gsize i = 0; i < n; i++)
          {
            g_autoptr(GVariant) child = g_variant_get_child_value (v, i);
            if (!put_value (w, child, error))
              return FALSE;
          }
        if (w->out->len - start > ARRAY_MAX)
          return invalid (error, "an array of more than %u bytes", ARRAY_MAX);
        length = GUINT32_TO_LE ((guint32) (w->out->len - start));
        memcpy (w->out->data + length_at, &length, 4);
        return TRUE;
      }
    case G_VARIANT_CLASS_TUPLE:
    case G_VARIANT_CLASS_DICT_ENTRY:
      pad (w, 8);
      for (gsize i = 0; i < g_variant_n_children (v); i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (v, i);
          if (!put_value (w, child, error))
            return FALSE;
        }
      return TRUE;
    case G_VARIANT_CLASS_HANDLE:
    case G_VARIANT_CLASS_MAYBE:
    default:
      return invalid (error, "a value of type '%s' cannot be sent here",
                      g_variant_get_type_string (v));
    }
}

static void
add_field (GVariantBuilder *fields, guint8 code, GVariant *value)
{
  g_variant_builder_add (fields, "(yv)", code, value);
}

gboolean
mobectl_wire_append_call (GByteArray *out, guint32 serial, const char *destination,
                          const char *path, const char *interface, const char *member,
                          GVariant *body, GError **error)
{
  g_auto(GVariantBuilder) fields = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(yv)"));
  g_autoptr(GVariant) sunk = body != NULL ? g_variant_ref_sink (body) : NULL;
  g_autoptr(GVariant) header = NULL;
  Writer w = { out, out->len };
  const guint8 start[4] = { 'l', MOBECTL_WIRE_METHOD_CALL, 0, 1 };
  gsize body_at, length_at;
  guint32 length;

  g_return_val_if_fail (sunk == NULL || g_variant_is_of_type (sunk, G_VARIANT_TYPE_TUPLE), FALSE);

  add_field (&fields, FIELD_PATH, g_variant_new_object_path (path));
  if (interface != NULL)
    add_field (&fields, FIELD_INTERFACE, g_variant_new_string (interface));
  add_field (&fields, FIELD_MEMBER, g_variant_new_string (member));
  if (destination != NULL)
    add_field (&fields, FIELD_DESTINATION, g_variant_new_string (destination));
  if (sunk != NULL && g_variant_n_children (sunk) > 0)
    {
      /* The tuple's type without its parentheses. */
      const char *t = g_variant_get_type_string (sunk);
      g_autofree char *sig = g_strndup (t + 1, strlen (t) - 2);
      add_field (&fields, FIELD_SIGNATURE, g_variant_new_signature (sig));
    }
  header = g_variant_ref_sink (g_variant_builder_end (&fields));

  g_byte_array_append (out, start, 4);
  put_u32 (&w, 0);                             /* the body's length, below */
  length_at = out->len - 4;
  put_u32 (&w, serial);
  if (!put_value (&w, header, error))
    goto fail;
  pad (&w, 8);
  body_at = out->len;
  if (sunk != NULL && !put_value (&w, sunk, error))
    goto fail;
  if (out->len - w.base > MESSAGE_MAX)
    {
      invalid (error, "a message of more than %u bytes", MESSAGE_MAX);
      goto fail;
    }
  length = GUINT32_TO_LE ((guint32) (out->len - body_at));
  memcpy (out->data + length_at, &length, 4);
  return TRUE;

fail:
  g_byte_array_set_size (out, (guint) w.base);
  return FALSE;
}

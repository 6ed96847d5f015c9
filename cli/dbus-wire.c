/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dbus-wire.c — reading the D-Bus wire format (the specification's
 * "Marshaling") into GVariants, so that `mobectl status` can do without
 * GIO; dbus-wire-write.c writes the call. Offsets are
 * counted from the start of the message, as alignment is; the body starts
 * on a multiple of 8, so a value's alignment is the same counted from
 * either. What comes from the bus is untrusted: every length is checked
 * against what is there before it is used.
 */
#include "cli/dbus-wire-private.h"

#include <string.h>

G_DEFINE_QUARK (mobectl-wire-error-quark, mobectl_wire_error)

void
mobectl_wire_message_clear (MobectlWireMessage *message)
{
  g_clear_pointer (&message->error_name, g_free);
  g_clear_pointer (&message->body, g_variant_unref);
}

typedef struct {
  const guint8 *data;
  gsize         len;       /* the end of what may be read now */
  gsize         pos;
  gboolean      big;       /* big-endian message */
  guint         arrays, structs;
} Reader;

static gboolean
skip_padding (Reader *r, gsize align, GError **error)
{
  gsize next = (r->pos + align - 1) / align * align;

  if (next > r->len)
    return invalid (error, "the message ends inside padding");
  for (; r->pos < next; r->pos++)
    if (r->data[r->pos] != 0)
      return invalid (error, "padding that is not zero at byte %" G_GSIZE_FORMAT, r->pos);
  return TRUE;
}

static const guint8 *
take (Reader *r, gsize align, gsize n, GError **error)
{
  const guint8 *p;

  if (!skip_padding (r, align, error))
    return NULL;
  if (r->len - r->pos < n)
    {
      invalid (error, "the message ends inside a value");
      return NULL;
    }
  p = r->data + r->pos;
  r->pos += n;
  return p;
}

static gboolean
take_u32 (Reader *r, guint32 *v, GError **error)
{
  const guint8 *p = take (r, 4, 4, error);

  if (p == NULL)
    return FALSE;
  memcpy (v, p, 4);
  *v = r->big ? GUINT32_FROM_BE (*v) : GUINT32_FROM_LE (*v);
  return TRUE;
}

/* @n bytes and a NUL, with no NUL inside: the text of s, o and g. */
static const char *
take_text (Reader *r, gsize n, GError **error)
{
  const guint8 *p = take (r, 1, n + 1, error);

  if (p == NULL)
    return NULL;
  if (p[n] != '\0' || memchr (p, '\0', n) != NULL)
    {
      invalid (error, "a string with a NUL inside or none at its end");
      return NULL;
    }
  return (const char *) p;
}

static const char *
take_signature (Reader *r, GError **error)
{
  const guint8 *n = take (r, 1, 1, error);
  const char *sig = n != NULL ? take_text (r, *n, error) : NULL;

  if (sig != NULL && !g_variant_is_signature (sig))
    {
      invalid (error, "'%s' is not a D-Bus signature", g_str_is_ascii (sig) ? sig : "…");
      return NULL;
    }
  return sig;
}

static GVariant *read_value (Reader *r, const GVariantType *type, GError **error);

static GVariant *
read_fixed (Reader *r, const GVariantType *type, GError **error)
{
  gsize size = alignment (type);
  const guint8 *p = take (r, size, size, error);
  guint8 bytes[8];
  gpointer copy;

  if (p == NULL)
    return NULL;
  /* Fixed values are stored in the host's order in a GVariant. */
  for (gsize i = 0; i < size; i++)
    bytes[i] = p[(r->big == (G_BYTE_ORDER == G_BIG_ENDIAN)) ? i : size - 1 - i];
  copy = g_memdup2 (bytes, size);
  return g_variant_new_from_data (type, copy, size, TRUE, g_free, copy);
}

static GVariant *
read_array (Reader *r, const GVariantType *type, GError **error)
{
  const GVariantType *element = g_variant_type_element (type);
  g_auto(GVariantBuilder) items = G_VARIANT_BUILDER_INIT (type);
  gsize saved_len = r->len, end;
  guint32 n;

  if (++r->arrays > NESTING_MAX)
    return invalid (error, "arrays nested more than %d deep", NESTING_MAX), NULL;
  if (!take_u32 (r, &n, error))
    return NULL;
  if (n > ARRAY_MAX)
    return invalid (error, "an array of %u bytes", n), NULL;
  /* The padding before the first element is there even with none. */
  if (!skip_padding (r, alignment (element), error))
    return NULL;
  if (r->len - r->pos < n)
    return invalid (error, "the message ends inside an array"), NULL;
  end = r->pos + n;
  r->len = end;
  while (r->pos < end)
    {
      GVariant *child = read_value (r, element, error);

      if (child == NULL)
        {
          r->len = saved_len;
          return NULL;
        }
      g_variant_builder_add_value (&items, child);
    }
  r->len = saved_len;
  r->arrays--;
  return g_variant_builder_end (&items);
}

static GVariant *
read_members (Reader *r, const GVariantType *type, GError **error)
{
  g_auto(GVariantBuilder) members = G_VARIANT_BUILDER_INIT (type);

  if (++r->structs > NESTING_MAX)
    return invalid (error, "structures nested more than %d deep", NESTING_MAX), NULL;
  if (!skip_padding (r, 8, error))
    return NULL;
  for (const GVariantType *t = g_variant_type_first (type); t != NULL; t = g_variant_type_next (t))
    {
      GVariant *child = read_value (r, t, error);

      if (child == NULL)
        return NULL;
      g_variant_builder_add_value (&members, child);
    }
  r->structs--;
  return g_variant_builder_end (&members);
}

static GVariant *
read_value (Reader *r, const GVariantType *type, GError **error)
{
  switch (g_variant_type_peek_string (type)[0])
    {
    case 'b':
      {
        guint32 b;
        if (!take_u32 (r, &b, error))
          return NULL;
        if (b > 1)
          return invalid (error, "a boolean of %u", b), NULL;
        return g_variant_new_boolean (b);
      }
    case 'y': case 'n': case 'q': case 'i': case 'u': case 'h': case 'x': case 't': case 'd':
      return read_fixed (r, type, error);
    case 's':
    case 'o':
      {
        const char *s;
        guint32 n;

        if (!take_u32 (r, &n, error) || (s = take_text (r, n, error)) == NULL)
          return NULL;
        if (!g_utf8_validate (s, n, NULL))
          return invalid (error, "a string that is not UTF-8"), NULL;
        if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
          return g_variant_new_string (s);
        if (!g_variant_is_object_path (s))
          return invalid (error, "'%s' is not an object path", s), NULL;
        return g_variant_new_object_path (s);
      }
    case 'g':
      {
        const char *sig = take_signature (r, error);
        return sig != NULL ? g_variant_new_signature (sig) : NULL;
      }
    case 'v':
      {
        const char *sig = take_signature (r, error);
        g_autoptr(GVariantType) inner = NULL;
        GVariant *child;

        if (sig == NULL)
          return NULL;
        if (!g_variant_type_string_is_valid (sig))
          return invalid (error, "a variant's signature '%s' is not one type", sig), NULL;
        /* A variant counts as a structure towards the nesting limit. */
        if (++r->structs > NESTING_MAX)
          return invalid (error, "variants nested more than %d deep", NESTING_MAX), NULL;
        inner = g_variant_type_new (sig);
        child = read_value (r, inner, error);
        r->structs--;
        return child != NULL ? g_variant_new_variant (child) : NULL;
      }
    case 'a':
      return read_array (r, type, error);
    case '(':
    case '{':
      return read_members (r, type, error);
    default:
      return invalid (error, "type '%s' in a message", g_variant_type_peek_string (type)), NULL;
    }
}

gssize
mobectl_wire_bytes_needed (const guint8 *data, gsize len, GError **error)
{
  guint32 body, fields;
  gsize total;

  g_return_val_if_fail (len >= 16, -1);
  if (data[0] != 'l' && data[0] != 'B')
    return invalid (error, "the first byte is not 'l' or 'B'"), -1;
  memcpy (&body, data + 4, 4);
  memcpy (&fields, data + FIXED_HEADER, 4);
  if (data[0] == 'B')
    {
      body = GUINT32_FROM_BE (body);
      fields = GUINT32_FROM_BE (fields);
    }
  else
    {
      body = GUINT32_FROM_LE (body);
      fields = GUINT32_FROM_LE (fields);
    }
  if (body > MESSAGE_MAX || fields > ARRAY_MAX)
    return invalid (error, "a message longer than D-Bus allows"), -1;
  total = ((gsize) 16 + fields + 7) / 8 * 8 + body;
  if (total > MESSAGE_MAX)
    return invalid (error, "a message longer than D-Bus allows"), -1;
  return (gssize) total;
}

/* Reads the header fields mobectl uses; checks each field's type. */
static gboolean
read_fields (GVariant *fields, MobectlWireMessage *m, const char **signature, GError **error)
{
  static const char field_types[] = { 0, 'o', 's', 's', 's', 'u', 's', 's', 'g', 'u' };
  GVariantIter iter;
  GVariant *value;
  guint8 code;

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_next (&iter, "(yv)", &code, &value))
    {
      g_autoptr(GVariant) v = value;

      if (code == 0)
        return invalid (error, "a header field with code 0");
      if (code >= G_N_ELEMENTS (field_types))
        continue;                              /* later versions may add fields */
      if (g_variant_get_type_string (v)[0] != field_types[code] || g_variant_get_type_string (v)[1])
        return invalid (error, "header field %u of type '%s'", code,
                        g_variant_get_type_string (v));
      if (code == FIELD_ERROR_NAME)
        {
          g_free (m->error_name);
          m->error_name = g_variant_dup_string (v, NULL);
        }
      else if (code == FIELD_REPLY_SERIAL)
        m->reply_serial = g_variant_get_uint32 (v);
      else if (code == FIELD_SIGNATURE)
        *signature = g_variant_get_string (v, NULL);
    }
  return TRUE;
}

gboolean
mobectl_wire_read (const guint8 *data, gsize len, MobectlWireMessage *m, GError **error)
{
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GVariantType) body_type = NULL;
  g_autofree char *tuple = NULL;
  const char *signature = "";
  Reader r = { data, len, 0, FALSE, 0, 0 };
  gssize need;
  guint32 body_len;

  memset (m, 0, sizeof *m);
  if (len < 16)
    return invalid (error, "a message shorter than its header");
  need = mobectl_wire_bytes_needed (data, len, error);
  if (need < 0)
    return FALSE;
  if ((gsize) need != len)
    return invalid (error, "a message of %" G_GSSIZE_FORMAT " bytes in %" G_GSIZE_FORMAT,
                    need, len);
  r.big = data[0] == 'B';
  if (data[1] == 0)
    return invalid (error, "a message of type 0");
  if (data[3] != 1)
    return invalid (error, "D-Bus protocol version %u", data[3]);
  m->type = data[1];
  r.pos = 4;
  if (!take_u32 (&r, &body_len, error) || !take_u32 (&r, &m->serial, error))
    return FALSE;
  if (m->serial == 0)
    return invalid (error, "a message with serial 0");
  fields = read_value (&r, G_VARIANT_TYPE ("a(yv)"), error);
  if (fields == NULL)
    goto fail;
  g_variant_ref_sink (fields);
  if (!read_fields (fields, m, &signature, error) || !skip_padding (&r, 8, error))
    goto fail;
  if ((m->type == MOBECTL_WIRE_METHOD_RETURN || m->type == MOBECTL_WIRE_ERROR_REPLY)
      && m->reply_serial == 0)
    {
      invalid (error, "a reply without a reply serial");
      goto fail;
    }
  if (m->type == MOBECTL_WIRE_ERROR_REPLY && m->error_name == NULL)
    {
      invalid (error, "an error without a name");
      goto fail;
    }
  tuple = g_strdup_printf ("(%s)", signature);
  body_type = g_variant_type_new (tuple);
  /* The body is a sequence of values, not a structure: no nesting level. */
  {
    g_auto(GVariantBuilder) body = G_VARIANT_BUILDER_INIT (body_type);

    for (const GVariantType *t = g_variant_type_first (body_type); t != NULL;
         t = g_variant_type_next (t))
      {
        GVariant *child;

        r.structs = 0;
        child = read_value (&r, t, error);
        if (child == NULL)
          goto fail;
        g_variant_builder_add_value (&body, child);
      }
    m->body = g_variant_ref_sink (g_variant_builder_end (&body));
  }
  if (r.pos != len)
    {
      invalid (error, "%" G_GSIZE_FORMAT " bytes after the body", len - r.pos);
      goto fail;
    }
  return TRUE;

fail:
  mobectl_wire_message_clear (m);
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog-value.c — one key of one drill in drills.ini, checked and read:
 * texts and their translations, steps, counts, flags, vocabulary lists,
 * tags and the picture's name. Every problem becomes one sentence naming
 * the file, the drill and the key. Apart from the drill as a whole
 * (catalog-drill.c) so each reader's rules stand on their own.
 */
#include "core/catalog-value.h"

#include <string.h>

#include "core/message.h"

void
mobed_drill_problem (DrillCheck *c, const char *key, const char *fmt, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  c->count++;
  if (c->problems == NULL)
    return;
  /* Ids, keys and values come from the file: keep problems readable. */
  {
    g_autofree char *full = key != NULL
      ? g_strdup_printf ("%s: drill '%s', key '%s': %s", c->path, c->id, key, msg)
      : g_strdup_printf ("%s: drill '%s': %s", c->path, c->id, msg);
    g_ptr_array_add (c->problems, mobed_message_text (full));
  }
}

gboolean
mobed_drill_valid_kebab (const char *s)
{
  gboolean prev_dash = TRUE;     /* no leading dash */

  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    {
      if (*s == '-')
        {
          if (prev_dash)
            return FALSE;
          prev_dash = TRUE;
        }
      else if (g_ascii_islower (*s) || g_ascii_isdigit (*s))
        prev_dash = FALSE;
      else
        return FALSE;
    }
  return !prev_dash;
}

/* A caution names several conditions, and German runs longer than
 * English, so it, the easier form and the why get a little more room than
 * a one-line summary; still one short paragraph a notification can carry. */
static gsize
max_length (const char *key)
{
  if (g_str_equal (key, "name"))
    return 60;
  return g_str_equal (key, "summary") ? 120 : 160;
}

/* Whether the raw value under @key is fit to hand to GLib's parsers: valid
 * UTF-8 with only the escapes GKeyFile knows. Checked before parsing
 * because GLib 2.74 itself warns (a GError set twice inside
 * g_key_file_get_string) on a value ending in a lone backslash. A missing
 * key is left to check_keys (catalog-drill.c). */
static gboolean
raw_usable (DrillCheck *c, GKeyFile *file, const char *key)
{
  g_autofree char *raw = g_key_file_get_value (file, c->id, key, NULL);

  if (raw == NULL)
    return FALSE;
  if (!g_utf8_validate (raw, -1, NULL))
    {
      mobed_drill_problem (c, key, "is not valid UTF-8 text");
      return FALSE;
    }
  for (const char *p = raw; *p != '\0'; p++)
    if (*p == '\\')
      {
        p++;
        if (*p == '\0' || strchr ("sntr\\;,", *p) == NULL)
          {
            mobed_drill_problem (c, key, "has a backslash that starts no known escape "
                                 "(\\s \\n \\t \\r \\\\ \\;)");
            return FALSE;
          }
      }
  return TRUE;
}

/* Checks one text as written under @key (the base or a translation), so a
 * catalog's problems are the same whatever the user's language. */
gboolean
mobed_drill_check_text (DrillCheck *c, GKeyFile *file, const char *key, const char *base)
{
  g_autofree char *text = NULL;

  if (!raw_usable (c, file, key))
    return FALSE;
  text = g_key_file_get_string (file, c->id, key, NULL);
  if (text == NULL)
    return FALSE;
  if (*g_strstrip (text) == '\0')
    mobed_drill_problem (c, key, "is empty");
  else if (g_utf8_strlen (text, -1) > (glong) max_length (base))
    mobed_drill_problem (c, key, "is longer than %" G_GSIZE_FORMAT " characters",
                         max_length (base));
  else
    return TRUE;
  return FALSE;
}

gboolean
mobed_drill_check_steps (DrillCheck *c, GKeyFile *file, const char *key)
{
  g_auto(GStrv) steps = NULL;
  guint n;

  if (!raw_usable (c, file, key))
    return FALSE;
  steps = g_key_file_get_string_list (file, c->id, key, NULL, NULL);
  if (steps == NULL)
    return FALSE;
  n = g_strv_length (steps);
  if (n < 2 || n > 6)
    {
      mobed_drill_problem (c, key, "has %u steps; write 2 to 6", n);
      return FALSE;
    }
  for (char **s = steps; *s != NULL; s++)
    if (*g_strstrip (*s) == '\0')
      {
        mobed_drill_problem (c, key, "has an empty step");
        return FALSE;
      }
  return TRUE;
}

/* The text in the user's language (translations were checked already). */
char *
mobed_drill_get_text (DrillCheck *c, GKeyFile *file, const char *key)
{
  char *text;

  if (!mobed_drill_check_text (c, file, key, key))
    return NULL;
  text = g_key_file_get_locale_string (file, c->id, key, NULL, NULL);
  return text != NULL ? g_strstrip (text) : NULL;
}

guint
mobed_drill_get_count (DrillCheck *c, GKeyFile *file, const char *key, guint min, guint max)
{
  g_autofree char *raw = g_key_file_get_value (file, c->id, key, NULL);
  guint64 n;

  if (raw == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (g_strstrip (raw), 10, 0, G_MAXUINT, &n, NULL))
    {
      mobed_drill_problem (c, key, "'%s' is not a whole number", raw);
      return 0;
    }
  if (n < min || n > max)
    {
      mobed_drill_problem (c, key, "%" G_GUINT64_FORMAT " is out of range (%u to %u)",
                           n, min, max);
      return 0;
    }
  return (guint) n;
}

gboolean
mobed_drill_get_flag (DrillCheck *c, GKeyFile *file, const char *key)
{
  g_autofree char *raw = g_key_file_get_value (file, c->id, key, NULL);

  if (raw == NULL)
    return FALSE;
  g_strstrip (raw);
  if (g_str_equal (raw, "true"))
    return TRUE;
  if (!g_str_equal (raw, "false"))
    mobed_drill_problem (c, key, "'%s' is not true or false", raw);
  return FALSE;
}

/* A ';' list of words from a vocabulary, turned into bits. */
guint
mobed_drill_get_bits (DrillCheck *c, GKeyFile *file, const char *key,
                      gboolean (*parse) (const char *, guint *))
{
  g_auto(GStrv) words = NULL;
  guint bits = 0;

  if (!raw_usable (c, file, key))
    return 0;
  words = g_key_file_get_string_list (file, c->id, key, NULL, NULL);
  if (words == NULL)
    return 0;
  for (char **w = words; *w != NULL; w++)
    {
      guint bit;

      if (!parse (g_strstrip (*w), &bit))
        mobed_drill_problem (c, key, "'%s' is not a known name", *w);
      else
        bits |= bit;
    }
  if (bits == 0 && words[0] == NULL)
    mobed_drill_problem (c, key, "is empty");
  return bits;
}

char **
mobed_drill_get_steps (DrillCheck *c, GKeyFile *file)
{
  char **steps;

  if (!mobed_drill_check_steps (c, file, "steps"))
    return NULL;
  steps = g_key_file_get_locale_string_list (file, c->id, "steps", NULL, NULL, NULL);
  for (char **s = steps; s != NULL && *s != NULL; s++)
    g_strstrip (*s);
  return steps;
}

char **
mobed_drill_get_tags (DrillCheck *c, GKeyFile *file)
{
  g_auto(GStrv) tags = NULL;

  if (!raw_usable (c, file, "good-for"))
    return NULL;
  tags = g_key_file_get_string_list (file, c->id, "good-for", NULL, NULL);

  for (char **t = tags; t != NULL && *t != NULL; t++)
    if (!mobed_drill_valid_kebab (g_strstrip (*t)))
      {
        mobed_drill_problem (c, "good-for", "'%s' is not a kebab-case tag (like neck-pain)",
                             *t);
        return NULL;
      }
  return g_steal_pointer (&tags);
}

/* A picture is named, not opened: core reads no files. A plain file name
 * is looked for in the picture folder (the shipped pictures, named by id),
 * an absolute path anywhere; anything between (a relative path with
 * folders in it) would depend on where mobed was started. Whether the
 * file is there is store/'s to check (mobed_catalog_load_full). */
char *
mobed_drill_get_picture (DrillCheck *c, GKeyFile *file)
{
  g_autofree char *text = NULL;

  if (!raw_usable (c, file, "picture"))
    return NULL;
  text = g_key_file_get_string (file, c->id, "picture", NULL);
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    mobed_drill_problem (c, "picture", "is empty (leave the key out for no picture)");
  else if (!g_path_is_absolute (text) && strchr (text, '/') != NULL)
    mobed_drill_problem (c, "picture", "'%s' is neither a file name in the picture folder "
                         "nor an absolute path", text);
  else if (g_str_equal (text, ".") || g_str_equal (text, ".."))
    mobed_drill_problem (c, "picture", "'%s' is not a file name", text);
  else
    return g_steal_pointer (&text);
  return NULL;
}

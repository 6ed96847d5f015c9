/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.c — loads and validates drills.ini. Every problem becomes one
 * sentence naming the file, the drill and the key, and the drill it belongs
 * to is left out; the rest of the file still loads. Writes no log.
 */
#include "core/catalog.h"

#include <string.h>

#include "core/message.h"

struct _MobedCatalog {
  GPtrArray  *drills;   /* MobedDrill*, in load order */
  GHashTable *by_id;    /* id → MobedDrill* (borrowed from drills) */
};

/* Keys a drill may have; a translation "name[de]" counts as its base key. */
static const char *const required_keys[] = {
  "name", "summary", "steps", "regions", "settings", "good-for",
  "reps-small", "reps-focus", "per-side", "seconds-per-rep",
};
static const char *const optional_keys[] = { "each-way", "caution", "easier", "why",
                                             "reps-max", "picture" };
static const char *const localized_keys[] = { "name", "summary", "steps", "caution", "easier",
                                              "why" };

typedef struct {
  const char *path;
  const char *id;
  GPtrArray  *problems;
  guint       count;       /* problems found for this drill */
} Check;

static void
drill_free (MobedDrill *d)
{
  g_free (d->id);
  g_free (d->name);
  g_free (d->summary);
  g_strfreev (d->steps);
  g_free (d->caution);
  g_free (d->easier);
  g_free (d->why);
  g_free (d->picture);
  g_strfreev (d->good_for);
  g_free (d);
}

MobedCatalog *
mobed_catalog_new (void)
{
  MobedCatalog *self = g_rc_box_new0 (MobedCatalog);

  self->drills = g_ptr_array_new_with_free_func ((GDestroyNotify) drill_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

static void
catalog_clear (MobedCatalog *self)
{
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->drills);
}

MobedCatalog *
mobed_catalog_ref (MobedCatalog *self)
{
  return g_rc_box_acquire (self);
}

void
mobed_catalog_unref (MobedCatalog *self)
{
  if (self != NULL)
    g_rc_box_release_full (self, (GDestroyNotify) catalog_clear);
}

static void problem (Check *c, const char *key, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
problem (Check *c, const char *key, const char *fmt, ...)
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

static gboolean
in_list (const char *const *list, gsize n, const char *key)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (list[i], key))
      return TRUE;
  return FALSE;
}

static gboolean
valid_kebab (const char *s)
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

static gboolean check_text  (Check *c, GKeyFile *file, const char *key, const char *base);
static gboolean check_steps (Check *c, GKeyFile *file, const char *key);

static void
check_keys (Check *c, GKeyFile *file)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, c->id, NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (char **k = keys; k != NULL && *k != NULL; k++)
    {
      g_autofree char *base = g_strdup (*k);
      char *bracket = strchr (base, '[');

      if (!g_hash_table_add (seen, *k))
        problem (c, *k, "appears more than once");
      if (bracket != NULL)
        {
          *bracket = '\0';
          if (!in_list (localized_keys, G_N_ELEMENTS (localized_keys), base))
            problem (c, *k, "only name, summary, steps, caution, easier and why can be translated");
          else if (!in_list (required_keys, G_N_ELEMENTS (required_keys), base)
                   && !g_key_file_has_key (file, c->id, base, NULL))
            /* A missing required key is reported below. A caution only in
             * translation would warn in one language and silently not in
             * the others. */
            problem (c, *k, "translates %s, a key the drill does not have", base);
          else if (g_str_equal (base, "steps"))
            check_steps (c, file, *k);
          else
            check_text (c, file, *k, base);
          continue;
        }
      if (!in_list (required_keys, G_N_ELEMENTS (required_keys), base)
          && !in_list (optional_keys, G_N_ELEMENTS (optional_keys), base))
        problem (c, *k, "unknown key");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (required_keys); i++)
    if (!g_key_file_has_key (file, c->id, required_keys[i], NULL))
      problem (c, required_keys[i], "missing (every drill needs it)");
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

/* Checks one text as written under @key (the base or a translation), so a
 * catalog's problems are the same whatever the user's language. */
/* Whether the raw value under @key is fit to hand to GLib's parsers: valid
 * UTF-8 with only the escapes GKeyFile knows. Checked before parsing
 * because GLib 2.74 itself warns (a GError set twice inside
 * g_key_file_get_string) on a value ending in a lone backslash. A missing
 * key is left to check_keys. */
static gboolean
raw_usable (Check *c, GKeyFile *file, const char *key)
{
  g_autofree char *raw = g_key_file_get_value (file, c->id, key, NULL);

  if (raw == NULL)
    return FALSE;
  if (!g_utf8_validate (raw, -1, NULL))
    {
      problem (c, key, "is not valid UTF-8 text");
      return FALSE;
    }
  for (const char *p = raw; *p != '\0'; p++)
    if (*p == '\\')
      {
        p++;
        if (*p == '\0' || strchr ("sntr\\;,", *p) == NULL)
          {
            problem (c, key, "has a backslash that starts no known escape "
                     "(\\s \\n \\t \\r \\\\ \\;)");
            return FALSE;
          }
      }
  return TRUE;
}

static gboolean
check_text (Check *c, GKeyFile *file, const char *key, const char *base)
{
  g_autofree char *text = NULL;

  if (!raw_usable (c, file, key))
    return FALSE;
  text = g_key_file_get_string (file, c->id, key, NULL);
  if (text == NULL)
    return FALSE;
  if (*g_strstrip (text) == '\0')
    problem (c, key, "is empty");
  else if (g_utf8_strlen (text, -1) > (glong) max_length (base))
    problem (c, key, "is longer than %" G_GSIZE_FORMAT " characters", max_length (base));
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_steps (Check *c, GKeyFile *file, const char *key)
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
      problem (c, key, "has %u steps; write 2 to 6", n);
      return FALSE;
    }
  for (char **s = steps; *s != NULL; s++)
    if (*g_strstrip (*s) == '\0')
      {
        problem (c, key, "has an empty step");
        return FALSE;
      }
  return TRUE;
}

/* The text in the user's language (translations were checked already). */
static char *
get_text (Check *c, GKeyFile *file, const char *key)
{
  char *text;

  if (!check_text (c, file, key, key))
    return NULL;
  text = g_key_file_get_locale_string (file, c->id, key, NULL, NULL);
  return text != NULL ? g_strstrip (text) : NULL;
}

static guint
get_count (Check *c, GKeyFile *file, const char *key, guint min, guint max)
{
  g_autofree char *raw = g_key_file_get_value (file, c->id, key, NULL);
  guint64 n;

  if (raw == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (g_strstrip (raw), 10, 0, G_MAXUINT, &n, NULL))
    {
      problem (c, key, "'%s' is not a whole number", raw);
      return 0;
    }
  if (n < min || n > max)
    {
      problem (c, key, "%" G_GUINT64_FORMAT " is out of range (%u to %u)", n, min, max);
      return 0;
    }
  return (guint) n;
}

static gboolean
get_flag (Check *c, GKeyFile *file, const char *key)
{
  g_autofree char *raw = g_key_file_get_value (file, c->id, key, NULL);

  if (raw == NULL)
    return FALSE;
  g_strstrip (raw);
  if (g_str_equal (raw, "true"))
    return TRUE;
  if (!g_str_equal (raw, "false"))
    problem (c, key, "'%s' is not true or false", raw);
  return FALSE;
}

/* A ';' list of words from a vocabulary, turned into bits. */
static guint
get_bits (Check *c, GKeyFile *file, const char *key,
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
        problem (c, key, "'%s' is not a known name", *w);
      else
        bits |= bit;
    }
  if (bits == 0 && words[0] == NULL)
    problem (c, key, "is empty");
  return bits;
}

static char **
get_steps (Check *c, GKeyFile *file)
{
  char **steps;

  if (!check_steps (c, file, "steps"))
    return NULL;
  steps = g_key_file_get_locale_string_list (file, c->id, "steps", NULL, NULL, NULL);
  for (char **s = steps; s != NULL && *s != NULL; s++)
    g_strstrip (*s);
  return steps;
}

static char **
get_tags (Check *c, GKeyFile *file)
{
  g_auto(GStrv) tags = NULL;

  if (!raw_usable (c, file, "good-for"))
    return NULL;
  tags = g_key_file_get_string_list (file, c->id, "good-for", NULL, NULL);

  for (char **t = tags; t != NULL && *t != NULL; t++)
    if (!valid_kebab (g_strstrip (*t)))
      {
        problem (c, "good-for", "'%s' is not a kebab-case tag (like neck-pain)", *t);
        return NULL;
      }
  return g_steal_pointer (&tags);
}

/* The most one focus set may have. The source's range counts a whole set,
 * both sides or directions, so a per-side drill's limits are halved. A
 * drill without reps-max may have 75 in all, or its own reps-focus if that
 * is more (a user's catalog written before the key existed keeps working),
 * but never more than 100 in all. */
static void
check_reps_max (Check *c, GKeyFile *file, MobedDrill *d)
{
  guint sides = d->per_side ? 2 : 1;

  if (d->reps_focus * sides > MOBED_DRILL_REPS_MAX_ANY)
    {
      problem (c, "reps-focus", "%u%s is %u in one set; at most %u in all, both sides "
               "counted", d->reps_focus, d->per_side ? " a side" : "",
               d->reps_focus * sides, MOBED_DRILL_REPS_MAX_ANY);
      return;
    }
  d->reps_max = MAX (MOBED_DRILL_REPS_MAX_USUAL / sides, d->reps_focus);
  if (!g_key_file_has_key (file, c->id, "reps-max", NULL))
    return;
  d->reps_max = get_count (c, file, "reps-max", 1, MOBED_DRILL_REPS_MAX_ANY / sides);
  if (d->reps_max > 0 && d->reps_focus > d->reps_max)
    problem (c, "reps-focus", "%u is more than reps-max (%u), the most one set may have",
             d->reps_focus, d->reps_max);
}

/* A picture is named, not opened: core reads no files. A plain file name
 * is looked for in the picture folder (the shipped pictures, named by id),
 * an absolute path anywhere; anything between (a relative path with
 * folders in it) would depend on where mobed was started. Whether the
 * file is there is store/'s to check (mobed_catalog_load_full). */
static char *
get_picture (Check *c, GKeyFile *file)
{
  g_autofree char *text = NULL;

  if (!raw_usable (c, file, "picture"))
    return NULL;
  text = g_key_file_get_string (file, c->id, "picture", NULL);
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    problem (c, "picture", "is empty (leave the key out for no picture)");
  else if (!g_path_is_absolute (text) && strchr (text, '/') != NULL)
    problem (c, "picture", "'%s' is neither a file name in the picture folder nor an "
             "absolute path", text);
  else if (g_str_equal (text, ".") || g_str_equal (text, ".."))
    problem (c, "picture", "'%s' is not a file name", text);
  else
    return g_steal_pointer (&text);
  return NULL;
}

static MobedDrill *
parse_drill (Check *c, GKeyFile *file)
{
  MobedDrill *d = g_new0 (MobedDrill, 1);

  d->id = g_strdup (c->id);
  if (!valid_kebab (c->id))
    problem (c, NULL, "the id must be kebab-case (lowercase letters, digits, dashes)");
  check_keys (c, file);
  d->name = get_text (c, file, "name");
  d->summary = get_text (c, file, "summary");
  d->steps = get_steps (c, file);
  /* Optional: most drills need no more than "keep it comfortable". */
  if (g_key_file_has_key (file, c->id, "caution", NULL))
    d->caution = get_text (c, file, "caution");
  /* Optional too: the source gives a gentler form for most drills, not all. */
  if (g_key_file_has_key (file, c->id, "easier", NULL))
    d->easier = get_text (c, file, "easier");
  if (g_key_file_has_key (file, c->id, "why", NULL))
    d->why = get_text (c, file, "why");
  /* Optional too: a user's drill may have a picture of its own, or none. */
  if (g_key_file_has_key (file, c->id, "picture", NULL))
    d->picture = get_picture (c, file);
  d->regions = get_bits (c, file, "regions", mobed_region_parse);
  d->settings = get_bits (c, file, "settings", mobed_setting_parse);
  d->good_for = get_tags (c, file);
  d->reps_small = get_count (c, file, "reps-small", 1, 100);
  d->reps_focus = get_count (c, file, "reps-focus", 1, MOBED_DRILL_REPS_MAX_ANY);
  d->seconds_per_rep = get_count (c, file, "seconds-per-rep", 1, 60);
  d->per_side = get_flag (c, file, "per-side");
  d->each_way = get_flag (c, file, "each-way");
  if (d->each_way && !d->per_side)
    problem (c, "each-way", "only makes sense with per-side=true");
  if (d->reps_small > d->reps_focus && d->reps_focus > 0)
    problem (c, "reps-small", "%u is more than reps-focus (%u): an everyday set is the "
             "smaller one", d->reps_small, d->reps_focus);
  check_reps_max (c, file, d);
  if (strlen (c->id) >= MOBED_DRILL_ID_MAX)
    problem (c, NULL, "the id is longer than %d characters", MOBED_DRILL_ID_MAX - 1);
  if (d->good_for == NULL)
    d->good_for = g_new0 (char *, 1);
  if (c->count > 0)
    g_clear_pointer (&d, drill_free);
  return d;
}

/* GKeyFile quietly merges a group that appears twice; catch it in the text.
 * Lines are walked in place: g_strsplit() looks for each "\n" with strstr(),
 * which ASan checks against the whole rest of the text, so a catalog of
 * 10,000 drills took minutes under the sanitizers. */
static void
report_duplicate_groups (const char *path, const char *text, gsize length,
                         GPtrArray *problems, GHashTable *duplicates)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *end = text + length;

  for (const char *line = text; line < end;)
    {
      const char *next = memchr (line, '\n', end - line);
      const char *stop = next != NULL ? next : end;
      g_autofree char *copy = g_strndup (line, stop - line);
      char *name = g_strstrip (copy);
      gsize len = strlen (name);

      line = next != NULL ? next + 1 : end;
      if (len < 3 || name[0] != '[' || name[len - 1] != ']')
        continue;
      name[len - 1] = '\0';
      name++;
      if (g_hash_table_contains (seen, name))
        {
          if (problems != NULL)
            {
              g_autofree char *full =
                g_strdup_printf ("%s: drill '%s': the id is used twice; both are left out",
                                 path, name);
              g_ptr_array_add (problems, mobed_message_text (full));
            }
          g_hash_table_add (duplicates, g_strdup (name));
        }
      else
        g_hash_table_add (seen, g_strdup (name));
    }
}

static void
add_or_replace (MobedCatalog *self, MobedDrill *drill)
{
  MobedDrill *old = g_hash_table_lookup (self->by_id, drill->id);

  if (old != NULL)
    {
      guint index;
      g_ptr_array_find (self->drills, old, &index);
      g_hash_table_replace (self->by_id, drill->id, drill);
      g_ptr_array_index (self->drills, index) = drill;
      drill_free (old);
      return;
    }
  g_ptr_array_add (self->drills, drill);
  g_hash_table_insert (self->by_id, drill->id, drill);
}

gboolean
mobed_catalog_parse (MobedCatalog *self, const char *text, gsize length, const char *path,
                     GPtrArray *problems, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GHashTable) duplicates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                     &local_error))
    {
      g_autofree char *full = g_strdup_printf ("%s: %s", path, local_error->message);
      g_autofree char *message = mobed_message_text (full);
      g_set_error_literal (error, local_error->domain, local_error->code, message);
      return FALSE;
    }
  report_duplicate_groups (path, text, length, problems, duplicates);

  groups = g_key_file_get_groups (file, NULL);
  for (char **g = groups; *g != NULL; g++)
    {
      Check check = { path, *g, problems, 0 };
      MobedDrill *drill;

      if (g_hash_table_contains (duplicates, *g))
        continue;
      drill = parse_drill (&check, file);
      if (drill != NULL)
        add_or_replace (self, drill);
    }
  return TRUE;
}

void
mobed_catalog_merge (MobedCatalog *self, MobedCatalog *from)
{
  gsize n = 0;
  /* Taken out of @from's array without being freed, then kept by @self. */
  g_autofree MobedDrill **drills = NULL;

  g_hash_table_remove_all (from->by_id);
  drills = (MobedDrill **) g_ptr_array_steal (from->drills, &n);
  for (gsize i = 0; i < n; i++)
    add_or_replace (self, drills[i]);
}

void
mobed_catalog_set_picture (MobedCatalog *self, guint i, const char *path)
{
  MobedDrill *d;

  g_return_if_fail (i < self->drills->len);
  d = g_ptr_array_index (self->drills, i);
  g_free (d->picture);
  d->picture = g_strdup (path);
}

guint
mobed_catalog_size (const MobedCatalog *self)
{
  return self->drills->len;
}

const MobedDrill *
mobed_catalog_nth (const MobedCatalog *self, guint i)
{
  g_return_val_if_fail (i < self->drills->len, NULL);
  return g_ptr_array_index (self->drills, i);
}

const MobedDrill *
mobed_catalog_find (const MobedCatalog *self, const char *id)
{
  return g_hash_table_lookup (self->by_id, id);
}

gboolean
mobed_drill_has_tag (const MobedDrill *drill, const char *tag)
{
  return g_strv_contains ((const char *const *) drill->good_for, tag);
}

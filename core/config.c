/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.c — reads mobed.conf (a GKeyFile). Every key is described once in
 * the table below: its group, type, range and where it lives in MobedConfig.
 * Writes no log: problems come back as warnings for the daemon to report.
 */
#include "core/config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "core/catalog.h"
#include "core/duration.h"
#include "core/idle.h"
#include "core/message.h"
#include "core/suggest.h"
#include "core/workhours.h"

typedef enum {
  KEY_DURATION, KEY_BOOLEAN, KEY_COUNT, KEY_SETTINGS, KEY_WORDS, KEY_DAYS, KEY_HOURS,
  KEY_CHOICE,               /* one word of .choices, stored as its index */
  KEY_DURATION_OFF,         /* a duration, or 0 / off for none */
  N_KEY_TYPES
} KeyType;

typedef struct {
  const char *group;
  const char *key;
  KeyType     type;
  gsize       offset;
  guint64     min, max;     /* seconds for durations, the count for counts */
  guint64     fallback;     /* the default */
  const char *const *choices;   /* KEY_CHOICE: the words, NULL-terminated */
} KeySpec;

#define FIELD(name) offsetof (MobedConfig, name)

static const KeySpec keys[] = {
  { "schedule", "interval",      KEY_DURATION, FIELD (interval_s),      1, 24 * 3600, 15 * 60 },
  { "schedule", "break-length",  KEY_DURATION, FIELD (break_length_s),  5, 15 * 60,   45 },
  { "schedule", "snooze",        KEY_DURATION, FIELD (snooze_s),        1, 12 * 3600, 5 * 60 },
  { "schedule", "expire-after",  KEY_DURATION, FIELD (expire_after_s),  1, 24 * 3600, 10 * 60 },
  { "schedule", "natural-break", KEY_DURATION, FIELD (natural_break_s), 1, 4 * 3600,  2 * 60 },
  { "schedule", "work-days",     KEY_DAYS,     FIELD (work_days),       1, 0x7f,      0x7f },
  { "schedule", "work-hours",    KEY_HOURS,    FIELD (work_hours),      0, 0,         0 },
  { "schedule", "walk-every",    KEY_DURATION_OFF, FIELD (walk_every_s), 10 * 60, 24 * 3600, 60 * 60 },
  { "schedule", "walk-length",   KEY_DURATION, FIELD (walk_length_s),   60, 60 * 60,  5 * 60 },
  { "notify",   "sound",         KEY_BOOLEAN,  FIELD (sound),           0, 1,         TRUE },
  { "notify",   "escalate",      KEY_BOOLEAN,  FIELD (escalate),        0, 1,         TRUE },
  { "presence", "max-defer",     KEY_DURATION, FIELD (max_defer_s),     1, 24 * 3600, 90 * 60 },
  { "presence", "respect-dnd",   KEY_BOOLEAN,  FIELD (respect_dnd),     0, 1,         TRUE },
  { "presence", "defer-fullscreen", KEY_BOOLEAN, FIELD (defer_fullscreen), 0, 1,      TRUE },
  { "presence", "defer-camera",  KEY_BOOLEAN,  FIELD (defer_camera),    0, 1,         TRUE },
  { "presence", "defer-microphone", KEY_BOOLEAN, FIELD (defer_microphone), 0, 1,      TRUE },
  { "presence", "defer-screen-share", KEY_BOOLEAN, FIELD (defer_screen_share), 0, 1,  TRUE },
  { "presence", "idle-source",   KEY_CHOICE,   FIELD (idle_source),     0, MOBED_IDLE_NONE,
    MOBED_IDLE_AUTO, mobed_idle_kind_names },
  { "goals",    "daily",         KEY_COUNT,    FIELD (daily_goal),      1, 100,       8 },
  { "drills",   "settings",      KEY_SETTINGS, FIELD (settings),        1, 63,
    MOBED_SETTING_SEATED | MOBED_SETTING_STANDING },
  { "drills",   "focus",         KEY_WORDS,    FIELD (focus),           0, 0,         0 },
  { "drills",   "exclude",       KEY_WORDS,    FIELD (exclude),         0, 0,         0 },
};

/* One key's value between the file and MobedConfig. It owns its list or
 * text; NULL there stands for none (an empty list, "" for work-hours). */
typedef struct {
  guint64 number;
  GStrv   words;            /* KEY_WORDS */
  char   *text;             /* KEY_HOURS */
} Value;

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->words, g_strfreev);
  g_clear_pointer (&value->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Value, value_clear)

/* Keys whose field is a pointer the config owns. */
static gboolean
owned (const KeySpec *spec)
{
  return spec->type == KEY_WORDS || spec->type == KEY_HOURS;
}

/* Copies @value into @config's field, freeing what the field held. */
static void
store (MobedConfig *config, const KeySpec *spec, const Value *value)
{
  char *field = (char *) config + spec->offset;

  if (spec->type == KEY_BOOLEAN)
    *(gboolean *) field = value->number != 0;
  else if (spec->type == KEY_WORDS)
    {
      GStrv *words = (GStrv *) (void *) field;

      g_strfreev (*words);
      *words = value->words != NULL ? g_strdupv (value->words) : g_new0 (char *, 1);
    }
  else if (spec->type == KEY_HOURS)
    {
      char **text = (char **) (void *) field;

      g_free (*text);
      *text = g_strdup (value->text != NULL ? value->text : "");
    }
  else
    *(guint64 *) field = value->number;
}

/* Copies @config's field into @value, which must hold nothing. */
static void
fetch (const MobedConfig *config, const KeySpec *spec, Value *value)
{
  const char *field = (const char *) config + spec->offset;

  if (spec->type == KEY_BOOLEAN)
    value->number = *(const gboolean *) field;
  else if (spec->type == KEY_WORDS)
    value->words = g_strdupv (*(char **const *) (const void *) field);
  else if (spec->type == KEY_HOURS)
    value->text = g_strdup (*(char *const *) (const void *) field);
  else
    value->number = *(const guint64 *) field;
}

void
mobed_config_init_defaults (MobedConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const Value v = { .number = keys[i].fallback };
      store (config, &keys[i], &v);
    }
}

void
mobed_config_clear (MobedConfig *config)
{
  g_return_if_fail (config != NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (owned (&keys[i]))
      {
        gpointer *field = (gpointer *) (void *) ((char *) config + keys[i].offset);

        if (keys[i].type == KEY_WORDS)
          g_strfreev (*field);
        else
          g_free (*field);
      }
  memset (config, 0, sizeof *config);
}

void
mobed_config_copy (MobedConfig *dst, const MobedConfig *src)
{
  g_return_if_fail (dst != NULL && src != NULL);

  if (dst == src)
    return;
  mobed_config_clear (dst);
  *dst = *src;
  /* Numbers came with the '='; the lists and text become dst's own. */
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (owned (&keys[i]))
      {
        gpointer *field = (gpointer *) (void *) ((char *) dst + keys[i].offset);

        if (keys[i].type == KEY_WORDS)
          *field = g_strdupv (*field);
        else
          *field = g_strdup (*field);
      }
}

static char *
describe (const KeySpec *spec, const Value *value)
{
  switch (spec->type)
    {
    case KEY_DURATION_OFF:
      if (value->number == 0)
        return g_strdup ("off");
      return mobed_duration_format (value->number);
    case KEY_DURATION:
      return mobed_duration_format (value->number);
    case KEY_BOOLEAN:
      return g_strdup (value->number ? "true" : "false");
    case KEY_SETTINGS:
      {
        GString *out = g_string_new (NULL);
        for (guint i = 0; i < MOBED_SETTING_COUNT; i++)
          if (value->number & (1u << i))
            g_string_append_printf (out, "%s%s", out->len ? "," : "",
                                    mobed_setting_name (1u << i));
        return g_string_free (out, FALSE);
      }
    case KEY_WORDS:
      return value->words != NULL && value->words[0] != NULL ? g_strjoinv (";", value->words)
                                                             : g_strdup ("(none)");
    case KEY_HOURS:
      return g_strdup (value->text != NULL && value->text[0] != '\0' ? value->text
                                                                      : "(all day)");
    case KEY_DAYS:
      {
        static const char *const names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
        GString *out = g_string_new (NULL);
        for (guint i = 0; i < 7; i++)
          if (value->number & (1u << i))
            g_string_append_printf (out, "%s%s", out->len ? "," : "", names[i]);
        return g_string_free (out, FALSE);
      }
    case KEY_CHOICE:
      return g_strdup (spec->choices[value->number]);
    case KEY_COUNT:
    default:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, value->number);
    }
}

static gboolean
parse_choice (const KeySpec *spec, const char *text, Value *ret, GError **error)
{
  g_autofree char *listed = NULL;

  for (guint i = 0; spec->choices[i] != NULL; i++)
    if (g_str_equal (text, spec->choices[i]))
      {
        ret->number = i;
        return TRUE;
      }
  listed = g_strjoinv (", ", (char **) spec->choices);
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "'%s' is not one of %s", text, listed);
  return FALSE;
}

/* A list of kebab-case words, separated by ',' or ';'. */
static gboolean
parse_words (const KeySpec *spec, const char *text, Value *ret, GError **error)
{
  g_auto(GStrv) words = g_regex_split_simple ("[,;]", text, 0, 0);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (char **w = words; *w != NULL; w++)
    {
      const char *word = g_strstrip (*w);
      guint bit;

      if (*word == '\0')
        continue;
      if (spec->type == KEY_SETTINGS)
        {
          if (!mobed_setting_parse (word, &bit))
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "'%s' is not a setting (seated, standing, space, doorway, "
                           "surface, floor)", word);
              return FALSE;
            }
          ret->number |= bit;
          continue;
        }
      for (const char *c = word; *c != '\0'; c++)
        if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
          {
            g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                         "'%s' is not a kebab-case name (like neck-pain)", word);
            return FALSE;
          }
      g_ptr_array_add (out, g_strdup (word));
    }
  if (out->len > MOBED_CONFIG_LIST_MAX)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "the list has more than %d words", MOBED_CONFIG_LIST_MAX);
      return FALSE;
    }
  if (spec->type == KEY_WORDS)
    {
      g_ptr_array_add (out, NULL);
      ret->words = (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
    }
  return TRUE;
}

/* Parses one raw value; on failure sets a sentence that quotes the value. */
static gboolean
parse_value (const KeySpec *spec, const char *raw, Value *ret, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (raw));
  g_auto(Value) v = { 0 };

  /* Checked first: the parsers and every message below assume UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "the value is not valid UTF-8 text");
      return FALSE;
    }

  switch (spec->type)
    {
    case KEY_DURATION_OFF:
      /* Zero is not a duration, but here it is the way to say "none". */
      if (g_str_equal (text, "0") || g_str_equal (text, "off"))
        {
          ret->number = 0;
          return TRUE;
        }
      if (!mobed_duration_parse (text, &v.number, error))
        return FALSE;
      break;
    case KEY_DURATION:
      /* Every language's words: the file must mean the same whatever
       * locale the daemon reading it runs in (a user service often has
       * none), and no word means one thing in one language and another
       * thing in the next. */
      if (!mobed_duration_parse_in (text, mobed_duration_all_languages, &v.number, error))
        return FALSE;
      break;
    case KEY_BOOLEAN:
      if (g_strcmp0 (text, "true") == 0)
        v.number = 1;
      else if (g_strcmp0 (text, "false") != 0)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is not true or false", text);
          return FALSE;
        }
      break;
    case KEY_SETTINGS:
    case KEY_WORDS:
      if (!parse_words (spec, text, &v, error))
        return FALSE;
      if (spec->type == KEY_WORDS)
        {
          *ret = v;
          v = (Value) { 0 };
          return TRUE;
        }
      break;
    case KEY_DAYS:
      {
        guint8 days;
        if (!mobed_work_days_parse (text, &days, error))
          return FALSE;
        v.number = days;
      }
      break;
    case KEY_HOURS:
      {
        MobedWorkHours hours = { 0 };
        GString *norm = g_string_new (NULL);

        if (!mobed_work_hours_parse (text, &hours, error))
          {
            g_string_free (norm, TRUE);
            return FALSE;
          }
        for (guint i = 0; i < hours.n_ranges; i++)
          g_string_append_printf (norm, "%s%02u:%02u-%02u:%02u", i ? "," : "",
                                  hours.start[i] / 60, hours.start[i] % 60,
                                  hours.end[i] / 60, hours.end[i] % 60);
        ret->text = g_string_free (norm, FALSE);
        return TRUE;
      }
    case KEY_CHOICE:
      if (!parse_choice (spec, text, &v, error))
        return FALSE;
      break;
    case KEY_COUNT:
    default:
      /* "-3" is a whole number, just not one the key allows: say so. */
      if (text[0] == '-' && g_ascii_string_to_signed (text, 10, G_MININT64, -1, NULL, NULL))
        {
          const Value lo = { .number = spec->min }, hi = { .number = spec->max };
          g_autofree char *lo_text = describe (spec, &lo);
          g_autofree char *hi_text = describe (spec, &hi);

          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is out of range (%s to %s)", text, lo_text, hi_text);
          return FALSE;
        }
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &v.number, NULL))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is not a whole number", text);
          return FALSE;
        }
      break;
    }

  if (v.number < spec->min || v.number > spec->max)
    {
      const Value lo = { .number = spec->min }, hi = { .number = spec->max };
      g_autofree char *shown = describe (spec, &v);
      g_autofree char *lo_text = describe (spec, &lo);
      g_autofree char *hi_text = describe (spec, &hi);

      if (spec->type == KEY_SETTINGS)
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                     "'%s' allows no setting at all", text);
      else
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                     "'%s' is out of range (%s to %s)", shown, lo_text, hi_text);
      return FALSE;
    }
  ret->number = v.number;
  return TRUE;
}

static const KeySpec *
find_key (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group) && g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
}

static gboolean
group_known (const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group))
      return TRUE;
  return FALSE;
}

static void
warn (GPtrArray *warnings, const char *path, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
warn (GPtrArray *warnings, const char *path, const char *fmt, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  /* Key names and values come from the file: keep warnings readable. */
  if (warnings != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s: %s", path, msg);
      g_ptr_array_add (warnings, mobed_message_text (full));
    }
}

/* " (did you mean 'interval'?)" for a key near one of @group's, or
 * " (it belongs in [notify])" for a key of another group; "" otherwise. */
static char *
key_hint (const char *group, const char *key)
{
  g_autoptr(GPtrArray) same = g_ptr_array_new ();
  const char *near;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (g_str_equal (keys[i].group, group))
        g_ptr_array_add (same, (gpointer) keys[i].key);
      else if (g_str_equal (keys[i].key, key))
        return g_strdup_printf (" (it belongs in [%s])", keys[i].group);
    }
  g_ptr_array_add (same, NULL);
  near = mobed_suggest (key, (const char *const *) same->pdata);
  return near != NULL ? g_strdup_printf (" (did you mean '%s'?)", near) : g_strdup ("");
}

/* Flags keys and groups we do not know: most often a typo that would
 * otherwise silently do nothing. */
static void
check_unknown (GKeyFile *file, const char *path, GPtrArray *warnings)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  g_autoptr(GPtrArray) known_groups = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (i == 0 || !g_str_equal (keys[i].group, keys[i - 1].group))
      g_ptr_array_add (known_groups, (gpointer) keys[i].group);
  g_ptr_array_add (known_groups, NULL);

  for (char **g = groups; *g != NULL; g++)
    {
      g_auto(GStrv) names = NULL;

      if (!group_known (*g))
        {
          const char *near = mobed_suggest (*g, (const char *const *) known_groups->pdata);

          if (near != NULL)
            warn (warnings, path, "unknown group [%s] (did you mean [%s]?); ignored", *g, near);
          else
            warn (warnings, path, "unknown group [%s]; ignored", *g);
          continue;
        }
      names = g_key_file_get_keys (file, *g, NULL, NULL);
      for (char **k = names; names != NULL && *k != NULL; k++)
        if (find_key (*g, *k) == NULL)
          {
            g_autofree char *hint = key_hint (*g, *k);

            warn (warnings, path, "[%s] unknown key '%s'%s; ignored", *g, *k, hint);
          }
    }
}

/* Good-for tags the catalog renamed, still read in focus= for a while.
 * rotator-cuff was both a tag (on the wide arm circles) and the id of the
 * rotator cuff drill, so `mobectl focus rotator-cuff` could only ever
 * mean the drill. */
static const struct { const char *old, *now; } renamed_tags[] = {
  { "rotator-cuff", "rotator-cuff-injury" },
};

static void
rename_old_tags (GStrv focus, const char *path, GPtrArray *warnings)
{
  for (char **w = focus; w != NULL && *w != NULL; w++)
    for (gsize i = 0; i < G_N_ELEMENTS (renamed_tags); i++)
      if (g_str_equal (*w, renamed_tags[i].old))
        {
          warn (warnings, path, "[drills] focus: '%s' is now called '%s' (the old name is "
                "also a drill's id); read as '%s', please change it", renamed_tags[i].old,
                renamed_tags[i].now, renamed_tags[i].now);
          g_free (*w);
          *w = g_strdup (renamed_tags[i].now);
        }
}

void
mobed_config_parse (MobedConfig *config,
                    GKeyFile    *file,
                    const char  *path,
                    GPtrArray   *warnings)
{
  MobedConfig next;

  g_return_if_fail (config != NULL && file != NULL && path != NULL);

  mobed_config_init_defaults (&next);
  check_unknown (file, path, warnings);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *spec = &keys[i];
      g_autofree char *raw = g_key_file_get_value (file, spec->group, spec->key, NULL);
      g_autoptr(GError) bad = NULL;
      g_auto(Value) value = { 0 };
      g_auto(Value) kept = { 0 };

      if (raw == NULL)
        continue;
      if (parse_value (spec, raw, &value, &bad))
        store (&next, spec, &value);
      else
        {
          g_autofree char *kept_text = NULL;

          fetch (config, spec, &kept);
          kept_text = describe (spec, &kept);
          store (&next, spec, &kept);
          warn (warnings, path, "[%s] %s: %s; keeping %s",
                spec->group, spec->key, bad->message, kept_text);
        }
    }
  rename_old_tags (next.focus, path, warnings);
  mobed_config_clear (config);
  *config = next;
}

guint
mobed_config_n_keys (void)
{
  return G_N_ELEMENTS (keys);
}

const char *
mobed_config_key_group (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (keys), NULL);
  return keys[index].group;
}

const char *
mobed_config_key_name (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (keys), NULL);
  return keys[index].key;
}

const char *
mobed_config_key_kind (guint index)
{
  static const char *const kinds[] = {
    [KEY_DURATION] = "duration", [KEY_BOOLEAN] = "boolean", [KEY_COUNT] = "count",
    [KEY_SETTINGS] = "settings", [KEY_WORDS] = "list", [KEY_DAYS] = "days",
    [KEY_HOURS] = "hours", [KEY_CHOICE] = "choice", [KEY_DURATION_OFF] = "duration-or-off",
  };

  /* A new type needs its word here too (UBSan found one missing). */
  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == N_KEY_TYPES);

  g_return_val_if_fail (index < G_N_ELEMENTS (keys), NULL);
  return kinds[keys[index].type];
}

int
mobed_config_find_key (const char *group, const char *key)
{
  const KeySpec *spec;

  g_return_val_if_fail (group != NULL && key != NULL, -1);
  spec = find_key (group, key);
  return spec != NULL ? (int) (spec - keys) : -1;
}

char *
mobed_config_key_value (const MobedConfig *config, guint index)
{
  const KeySpec *spec;
  g_auto(Value) value = { 0 };

  g_return_val_if_fail (config != NULL && index < G_N_ELEMENTS (keys), NULL);
  spec = &keys[index];
  fetch (config, spec, &value);
  /* describe() writes "(none)" and "(all day)" for people reading a
   * warning; the file spells both as an empty value. */
  if (spec->type == KEY_WORDS)
    return value.words != NULL ? g_strjoinv (";", value.words) : g_strdup ("");
  if (spec->type == KEY_HOURS)
    return g_strdup (value.text != NULL ? value.text : "");
  if (spec->type == KEY_SETTINGS)
    {
      g_autofree char *listed = describe (spec, &value);
      return g_strdelimit (g_steal_pointer (&listed), ",", ';');
    }
  return describe (spec, &value);
}

gboolean
mobed_config_check_value (guint index, const char *raw, GError **error)
{
  g_auto(Value) value = { 0 };

  g_return_val_if_fail (index < G_N_ELEMENTS (keys) && raw != NULL, FALSE);
  return parse_value (&keys[index], raw, &value, error);
}

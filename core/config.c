/*
 * config.c — reads mobed.conf (a GKeyFile). Every key is described once in
 * the table below: its group, type, range and where it lives in MobedConfig.
 * Writes no log: problems come back as warnings for the daemon to report.
 */
#include "core/config.h"

#include <errno.h>
#include <stddef.h>

#include "core/duration.h"

typedef enum { KEY_DURATION, KEY_BOOLEAN, KEY_COUNT } KeyType;

typedef struct {
  const char *group;
  const char *key;
  KeyType     type;
  gsize       offset;
  guint64     min, max;     /* seconds for durations, the count for counts */
  guint64     fallback;     /* the default */
} KeySpec;

#define FIELD(name) offsetof (MobedConfig, name)

static const KeySpec keys[] = {
  { "schedule", "interval",      KEY_DURATION, FIELD (interval_s),      1, 24 * 3600, 15 * 60 },
  { "schedule", "break-length",  KEY_DURATION, FIELD (break_length_s),  5, 15 * 60,   45 },
  { "schedule", "snooze",        KEY_DURATION, FIELD (snooze_s),        1, 12 * 3600, 5 * 60 },
  { "schedule", "expire-after",  KEY_DURATION, FIELD (expire_after_s),  1, 24 * 3600, 10 * 60 },
  { "schedule", "natural-break", KEY_DURATION, FIELD (natural_break_s), 1, 4 * 3600,  2 * 60 },
  { "notify",   "sound",         KEY_BOOLEAN,  FIELD (sound),           0, 1,         TRUE },
  { "goals",    "daily",         KEY_COUNT,    FIELD (daily_goal),      1, 100,       8 },
};

static void
store (MobedConfig *config, const KeySpec *spec, guint64 value)
{
  char *field = (char *) config + spec->offset;

  if (spec->type == KEY_BOOLEAN)
    *(gboolean *) field = value != 0;
  else
    *(guint64 *) field = value;
}

static guint64
fetch (const MobedConfig *config, const KeySpec *spec)
{
  const char *field = (const char *) config + spec->offset;

  if (spec->type == KEY_BOOLEAN)
    return *(const gboolean *) field;
  return *(const guint64 *) field;
}

void
mobed_config_init_defaults (MobedConfig *config)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    store (config, &keys[i], keys[i].fallback);
}

static char *
describe (const KeySpec *spec, guint64 value)
{
  if (spec->type == KEY_DURATION)
    return mobed_duration_format (value);
  if (spec->type == KEY_BOOLEAN)
    return g_strdup (value ? "true" : "false");
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

/* Parses one raw value; on failure sets a sentence that quotes the value. */
static gboolean
parse_value (const KeySpec *spec, const char *raw, guint64 *ret, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (raw));
  guint64 value;

  switch (spec->type)
    {
    case KEY_DURATION:
      if (!mobed_duration_parse (text, &value, error))
        return FALSE;
      break;
    case KEY_BOOLEAN:
      if (g_strcmp0 (text, "true") == 0)
        value = 1;
      else if (g_strcmp0 (text, "false") == 0)
        value = 0;
      else
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is not true or false", text);
          return FALSE;
        }
      break;
    case KEY_COUNT:
    default:
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is not a whole number", text);
          return FALSE;
        }
      break;
    }

  if (value < spec->min || value > spec->max)
    {
      g_autofree char *shown = describe (spec, value);
      g_autofree char *lo = describe (spec, spec->min);
      g_autofree char *hi = describe (spec, spec->max);
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "'%s' is out of range (%s to %s)", shown, lo, hi);
      return FALSE;
    }
  *ret = value;
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
  if (warnings != NULL)
    g_ptr_array_add (warnings, g_strdup_printf ("%s: %s", path, msg));
}

/* Flags keys and groups we do not know: most often a typo that would
 * otherwise silently do nothing. */
static void
check_unknown (GKeyFile *file, const char *path, GPtrArray *warnings)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);

  for (char **g = groups; *g != NULL; g++)
    {
      g_auto(GStrv) names = NULL;

      if (!group_known (*g))
        {
          warn (warnings, path, "unknown group [%s]; ignored", *g);
          continue;
        }
      names = g_key_file_get_keys (file, *g, NULL, NULL);
      for (char **k = names; names != NULL && *k != NULL; k++)
        if (find_key (*g, *k) == NULL)
          warn (warnings, path, "[%s] unknown key '%s'; ignored", *g, *k);
    }
}

gboolean
mobed_config_load (MobedConfig *config,
                   const char  *path,
                   GPtrArray   *warnings,
                   GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  MobedConfig next;

  g_return_val_if_fail (config != NULL && path != NULL, FALSE);

  mobed_config_init_defaults (&next);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          *config = next;
          return TRUE;
        }
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", path, local_error->message);
      return FALSE;
    }

  check_unknown (file, path, warnings);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *spec = &keys[i];
      g_autofree char *raw = g_key_file_get_value (file, spec->group, spec->key, NULL);
      g_autoptr(GError) bad = NULL;
      guint64 value;

      if (raw == NULL)
        continue;
      if (parse_value (spec, raw, &value, &bad))
        store (&next, spec, value);
      else
        {
          g_autofree char *kept = describe (spec, fetch (config, spec));
          store (&next, spec, fetch (config, spec));
          warn (warnings, path, "[%s] %s: %s; keeping %s",
                spec->group, spec->key, bad->message, kept);
        }
    }
  *config = next;
  return TRUE;
}

char *
mobed_config_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "mobed", "mobed.conf", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-keys.c — every key of mobed.conf, described once: its group, type,
 * range, default and the MobedConfig field it fills. Whatever walks a
 * config key by key (defaults, copy, clear, `mobectl config`'s listing)
 * goes through this table, so a new key is one line here.
 */
#include "core/config-keys.h"

#include <stddef.h>
#include <string.h>

#include "core/catalog.h"
#include "core/idle.h"

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

void
mobed_config_value_clear (Value *value)
{
  g_clear_pointer (&value->words, g_strfreev);
  g_clear_pointer (&value->text, g_free);
}

/* Keys whose field is a pointer the config owns. */
static gboolean
owned (const KeySpec *spec)
{
  return spec->type == KEY_WORDS || spec->type == KEY_HOURS;
}

void
mobed_config_store (MobedConfig *config, const KeySpec *spec, const Value *value)
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

void
mobed_config_fetch (const MobedConfig *config, const KeySpec *spec, Value *value)
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
      mobed_config_store (config, &keys[i], &v);
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

const KeySpec *
mobed_config_spec (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (keys), NULL);
  return &keys[index];
}

const KeySpec *
mobed_config_find_spec (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group) && g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
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
  spec = mobed_config_find_spec (group, key);
  return spec != NULL ? (int) (spec - keys) : -1;
}


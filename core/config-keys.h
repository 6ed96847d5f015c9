/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-keys.h — inside core/ only: the table of mobed.conf's keys and
 * the Value a key's setting travels in between the file and MobedConfig.
 * config-keys.c owns the table, config-value.c turns text into a Value and
 * back, config.c reads a whole file; this header is what they share.
 */
#pragma once

#include "core/config.h"

G_BEGIN_DECLS

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

/* One key's value between the file and MobedConfig. It owns its list or
 * text; NULL there stands for none (an empty list, "" for work-hours). */
typedef struct {
  guint64 number;
  GStrv   words;            /* KEY_WORDS */
  char   *text;             /* KEY_HOURS */
} Value;

void mobed_config_value_clear (Value *value);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Value, mobed_config_value_clear)

/* Key @index of the table, 0 to mobed_config_n_keys () - 1. */
const KeySpec *mobed_config_spec      (guint index);
/* [@group] @key, or NULL when mobed.conf has no such key. */
const KeySpec *mobed_config_find_spec (const char *group, const char *key);

/* Copies @value into @config's field for @spec, freeing what it held. */
void mobed_config_store (MobedConfig *config, const KeySpec *spec, const Value *value);
/* Copies @config's field for @spec into @value, which must hold nothing. */
void mobed_config_fetch (const MobedConfig *config, const KeySpec *spec, Value *value);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.h — mobed.conf: the user's settings, with defaults and ranges.
 * Loading never fails over a bad value: it becomes a warning and the key keeps
 * its previous value, so a typo cannot stop the reminders.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most words [drills] focus or exclude may hold. No buffer needs it:
 * a list far longer than any catalog is a mistake (a pasted file, say), and
 * the daemon logs one warning per word no drill knows, so such a list would
 * bury the real problems. 200 is ten times the shipped catalog and leaves
 * room for a large drills.ini of one's own. */
#define MOBED_CONFIG_LIST_MAX 200

typedef struct {
  guint64  interval_s;        /* [schedule] interval: active time between breaks */
  guint64  break_length_s;    /* [schedule] break-length: what a break asks for */
  guint64  snooze_s;          /* [schedule] snooze: default snooze */
  guint64  expire_after_s;    /* [schedule] expire-after: unanswered → missed */
  guint64  natural_break_s;   /* [schedule] natural-break: away this long resets */
  gboolean sound;             /* [notify] sound */
  gboolean escalate;          /* [notify] escalate: raise after ignored breaks */
  guint64  max_defer_s;       /* [presence] max-defer: held longer → missed */
  gboolean respect_dnd;       /* [presence] respect-dnd: do not disturb holds breaks */
  gboolean defer_fullscreen;  /* [presence] defer-fullscreen: so does a fullscreen window */
  gboolean defer_camera;      /* [presence] defer-camera: so does a camera in use */
  gboolean defer_microphone;  /* [presence] defer-microphone: so does audio being captured */
  gboolean defer_screen_share; /* [presence] defer-screen-share: so does a screen shared */
  guint64  idle_source;       /* [presence] idle-source: a MobedIdleKind */
  guint64  daily_goal;        /* [goals] daily: done breaks a day */
  guint64  settings;          /* [drills] settings: MobedSetting bits allowed */
  /* [drills] focus and exclude: kebab-case words. Never NULL in a config
   * that init_defaults, parse or copy filled: none is an empty vector, so
   * g_strv_contains() and g_strv_length() need no NULL check. */
  GStrv    focus;
  GStrv    exclude;
  guint64  work_days;         /* [schedule] work-days: bit 0 Monday … bit 6 Sunday */
  char    *work_hours;        /* [schedule] work-hours, normalized; "" is all day */
  guint64  walk_every_s;      /* [schedule] walk-every: sitting this long makes a walk; 0 off */
  guint64  walk_length_s;     /* [schedule] walk-length: away this long is a walk */
} MobedConfig;

/* A MobedConfig owns its lists and text, so it is never copied with '=':
 * mobed_config_copy() makes a copy that lives on its own, and
 * mobed_config_clear() frees one. g_auto(MobedConfig) c = { 0 }; clears on
 * scope exit. */

/* Fills @config with the defaults. @config must not hold lists (it is
 * overwritten, not cleared): a fresh or cleared one. */
void     mobed_config_init_defaults (MobedConfig *config);

/* Frees what @config owns and zeroes it; it may then be cleared again or
 * filled by init_defaults or copy. */
void     mobed_config_clear         (MobedConfig *config);

/* Makes @dst a copy of @src that outlives it, clearing @dst first: @dst must
 * be zeroed or a config. */
void     mobed_config_copy          (MobedConfig *dst, const MobedConfig *src);

/* Reads @file (read from @path, which warnings name) into @config. Keys
 * the file sets with a good value take it, keys it leaves out go back to
 * their default, and keys with a bad value keep what @config held, each
 * with a warning appended to @warnings (strings naming the file, group and
 * key). @config must be a config (init_defaults, copy or an earlier parse);
 * its old lists are freed. store/config-files.h reads the file itself. */
void     mobed_config_parse         (MobedConfig *config,
                                     GKeyFile    *file,
                                     const char  *path,
                                     GPtrArray   *warnings);

/* The keys mobed.conf knows, for `mobectl config`: index 0 to n_keys - 1,
 * in the order mobed.conf(5) documents them, grouped by group. */
guint        mobed_config_n_keys     (void);
const char  *mobed_config_key_group  (guint index);
const char  *mobed_config_key_name   (guint index);
/* "duration", "boolean", "count", "settings", "list", "days", "hours" or
 * "choice": what kind of value the key takes. */
const char  *mobed_config_key_kind   (guint index);
/* The index of [@group] @key, or -1 when mobed.conf has no such key. */
int          mobed_config_find_key   (const char *group, const char *key);

/* The value @config holds for key @index, written as mobed.conf takes it
 * (an empty list and all-day work hours are ""). */
char        *mobed_config_key_value  (const MobedConfig *config, guint index);

/* Whether @raw is a good value for key @index, by the rules loading uses;
 * if not, @error says why in the words a load warning would use. */
gboolean     mobed_config_check_value (guint index, const char *raw, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MobedConfig, mobed_config_clear)

G_END_DECLS

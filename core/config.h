/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.h — mobed.conf: the user's settings, with defaults and ranges.
 * Loading never fails over a bad value: it becomes a warning and the key keeps
 * its previous value, so a typo cannot stop the reminders.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOBED_CONFIG_WORDS_MAX 512

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
  guint64  idle_source;       /* [presence] idle-source: a MobedIdleKind */
  guint64  daily_goal;        /* [goals] daily: done breaks a day */
  guint64  settings;          /* [drills] settings: MobedSetting bits allowed */
  /* [drills] focus and exclude: ';'-joined kebab-case words. Fixed buffers
   * keep MobedConfig a plain value that can be copied and compared. */
  char     focus[MOBED_CONFIG_WORDS_MAX];
  char     exclude[MOBED_CONFIG_WORDS_MAX];
  guint64  work_days;         /* [schedule] work-days: bit 0 Monday … bit 6 Sunday */
  char     work_hours[MOBED_CONFIG_WORDS_MAX];  /* [schedule] work-hours, normalized */
} MobedConfig;

void     mobed_config_init_defaults (MobedConfig *config);

/* Reads @file (read from @path, which warnings name) into @config. Keys
 * the file sets with a good value take it, keys it leaves out go back to
 * their default, and keys with a bad value keep what @config held, each
 * with a warning appended to @warnings (strings naming the file, group and
 * key). store/config-files.h reads the file itself. */
void     mobed_config_parse         (MobedConfig *config,
                                     GKeyFile    *file,
                                     const char  *path,
                                     GPtrArray   *warnings);


G_END_DECLS

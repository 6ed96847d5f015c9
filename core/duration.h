/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * duration.h — parse and format the durations people type ("90s", "5m",
 * "1h30m", "1:30") so the config file and mobectl mean the same thing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOBED_DURATION_ERROR (mobed_duration_error_quark ())

typedef enum {
  MOBED_DURATION_ERROR_INVALID,   /* not a duration at all */
  MOBED_DURATION_ERROR_RANGE,     /* zero, or too long to represent */
} MobedDurationError;

GQuark   mobed_duration_error_quark (void);

/* Accepts <n><unit>... with units d, h, m, s (e.g. "1h30m", "45s", "2d"),
 * and "H:MM" (hours and minutes). Whitespace around the text is ignored.
 * Zero and anything above MOBED_DURATION_MAX_S are refused. */
#define MOBED_DURATION_MAX_S (G_GUINT64_CONSTANT (366) * 24 * 3600)

gboolean mobed_duration_parse  (const char *text,
                                guint64    *ret_seconds,
                                GError    **error);

/* Compact form that mobed_duration_parse() reads back: "1h30m", "45s". */
char    *mobed_duration_format (guint64 seconds);

/* For people, two largest units at most: "5 min", "1 h 30 min", "45 s". */
char    *mobed_duration_format_human (guint64 seconds);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * duration.h — parse and format the durations people type ("90s", "5m",
 * "1h30m", "1:30", "5 min", "1.5h", "20 minutes") so the config file and
 * mobectl mean the same thing.
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
 * and "H:MM" (hours and minutes). A number may have a decimal point
 * ("1.5h") as long as it comes to whole seconds; spaces may stand between
 * a number and its unit and between parts ("1 h 30 min"), and "and" may
 * join parts. Units may be words: s sec second(s), m min minute(s),
 * h hr hour(s), d day(s), in any case. Units must get smaller left to
 * right. Whitespace around the text is ignored. Zero and anything above
 * MOBED_DURATION_MAX_S are refused. */
#define MOBED_DURATION_MAX_S (G_GUINT64_CONSTANT (366) * 24 * 3600)

/* English only. */
gboolean mobed_duration_parse  (const char *text,
                                guint64    *ret_seconds,
                                GError    **error);

/* As mobed_duration_parse(), and also the unit words (and the decimal
 * comma) of each language in @languages, a NULL-terminated list of locale
 * names such as g_get_language_names() returns ("de_DE.UTF-8", "de", "C";
 * NULL is English only). German adds Sek/Sekunde(n), Minute(n),
 * Std/Stunde(n), Tag(e), "und" and "1,5 h". */
gboolean mobed_duration_parse_in (const char         *text,
                                  const char *const  *languages,
                                  guint64            *ret_seconds,
                                  GError            **error);

/* Every language the parser knows, for text that must read the same
 * whatever the locale of the program reading it (mobed.conf). */
extern const char *const mobed_duration_all_languages[];

/* Compact form that mobed_duration_parse() reads back: "1h30m", "45s". */
char    *mobed_duration_format (guint64 seconds);

/* For people, two largest units at most: "5 min", "1 h 30 min", "45 s". */
char    *mobed_duration_format_human (guint64 seconds);

G_END_DECLS

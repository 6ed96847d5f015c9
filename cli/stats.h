/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.h — `mobectl stats` pieces shared between the terminal view and
 * the SVG picture: fetching GetStats and reading its days.
 */
#pragma once

#include "cli/context.h"

G_BEGIN_DECLS

typedef struct {
  char    date[11];
  guint   offered, done, skipped, missed, dismissed, natural, snoozes;
  double  minutes;
  char  **regions;
  guint   walks, walks_done, longest_sitting_s;
} MobectlDay;

/* GetStats for @days days; NULL with @error. */
GVariant   *mobectl_stats_fetch     (MobectlContext *ctx, guint days, GError **error);
/* The "days" of a GetStats answer, oldest first (free with g_array_unref). */
GArray     *mobectl_stats_days      (GVariant *stats);
/* One day's counts (or the totals) from their a{sv}; free d->regions. */
void        mobectl_stats_read_day  (GVariant *dict, MobectlDay *d);
guint       mobectl_stats_uint      (GVariant *dict, const char *key);
/* Weekday of a YYYY-MM-DD date, 0 = Monday (0 if it is not a date). */
guint       mobectl_stats_weekday   (const char *date);
/* Shade 0–4 of a day's done count against the goal, for the heatmaps. */
guint       mobectl_stats_shade     (guint done, guint goal);
/* Prints @stats (GetStats' answer) and its @days as one JSON object. */
void        mobectl_stats_print_json (GVariant *stats, GArray *days);
/* "Wed 18 Nov" for a YYYY-MM-DD date, as the table shows days. */
char       *mobectl_stats_short_date (const char *date);
/* stats-walks.c: the walks and the longest sitting of each day, after the
 * table (nothing when the range has neither). */
void        mobectl_stats_print_walks (GArray *days, GVariant *totals);
/* Writes the SVG picture; FALSE with @error if the file cannot be written. */
gboolean    mobectl_stats_write_svg (const char *path, GVariant *range, GVariant *weeks,
                                     GError **error);

G_END_DECLS

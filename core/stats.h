/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.h — numbers about the break log for a range of local days:
 * counts by outcome, adherence, minutes moved, regions, top drills and
 * the streak of days meeting the daily goal. Pure: rows and "today" in,
 * numbers out.
 */
#pragma once

#include <glib.h>

#include "core/record.h"

G_BEGIN_DECLS

typedef struct {
  char   date[11];          /* YYYY-MM-DD, the user's local day */
  guint  offered;           /* every break, natural ones included */
  guint  done, skipped, missed, dismissed, natural;
  guint  snoozes;
  double minutes_moved;     /* reps × sides × seconds per rep of done drills */
  guint  regions;           /* MobedRegion bits moved in done breaks */
  guint  walks, walks_done; /* breaks that were walks (in the counts above too) */
  guint  longest_sat_s;     /* the longest sitting any break ended; over a range,
                             * the longest of its days */
} MobedStatsDay;

typedef struct {
  char  drill_id[MOBED_HISTORY_ID_MAX];
  guint done;
} MobedStatsDrill;

typedef struct {
  GArray        *days;          /* MobedStatsDay, oldest first, every day of the range */
  MobedStatsDay  totals;        /* over the range; date is empty */
  double         adherence;     /* done / (offered − natural); < 0 when nothing to judge */
  guint          goal;
  guint          streak_current;
  guint          streak_best;
  GArray        *top_drills;    /* MobedStatsDrill, most done first, at most 5 */
} MobedStats;

/* The local day a row belongs to, as the user lived it (its own offset). */
void        mobed_stats_row_date (const MobedHistoryRow *row, char date[11]);

/* Stats for the @n_days local days ending on @today (YYYY-MM-DD), from
 * @rows (any order). Streaks look at all of @rows: pass the whole log.
 * NULL if @today is not a date or @n_days is 0. */
MobedStats *mobed_stats_compute  (const MobedHistoryRow *rows, guint n_rows,
                                  const char *today, guint n_days, guint goal);
void        mobed_stats_free     (MobedStats *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedStats, mobed_stats_free)

G_END_DECLS

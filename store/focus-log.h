/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-log.h — focus plans in the history database: the plan itself, each
 * set's outcome and each check-in answer, and reading them back (after a
 * restart, and for stats). Writes go through mobed_history_exec, so they
 * wait in memory like break rows when the file is out of reach.
 */
#pragma once

#include <glib.h>

#include "core/focus.h"
#include "store/history.h"
#include "core/scheduler.h"

G_BEGIN_DECLS

typedef enum {
  MOBED_RATING_NONE,
  MOBED_RATING_BETTER,
  MOBED_RATING_SAME,
  MOBED_RATING_WORSE,
} MobedRating;

const char  *mobed_rating_to_string   (MobedRating rating);
MobedRating  mobed_rating_from_string (const char *text);

typedef struct {
  char  date[11];
  guint offered;         /* sets shown (answered or missed) */
  guint done;
} MobedFocusLogDay;

typedef struct {
  guint       day_index;
  MobedRating rating;
} MobedFocusLogRating;

/* A plan as the log knows it, for `mobectl focus` and stats. */
typedef struct {
  MobedFocusPlan plan;
  gint64         ended_wall;    /* 0 while active */
  GArray        *days;          /* MobedFocusLogDay, by date, days with sets only */
  guint          total_reps;    /* every rep of every done set, both sides */
  GArray        *ratings;       /* MobedFocusLogRating, oldest first */
} MobedFocusReport;

gboolean mobed_focus_log_start  (MobedHistory *history, const MobedFocusPlan *plan,
                                 gint32 utc_offset_s, GError **error);
gboolean mobed_focus_log_end    (MobedHistory *history, gint64 plan_id, gint64 now_wall,
                                 GError **error);
gboolean mobed_focus_log_extend (MobedHistory *history, gint64 plan_id, guint days,
                                 gint64 now_wall, GError **error);
/* The plan's drills and reps changed (made easier, or the old dose kept). */
gboolean mobed_focus_log_dose   (MobedHistory *history, const MobedFocusPlan *plan,
                                 gint64 now_wall, GError **error);
gboolean mobed_focus_log_set    (MobedHistory *history, gint64 plan_id, const char *day,
                                 guint set_number, gint64 due_wall, gint64 ended_wall,
                                 MobedOutcome outcome, guint snoozes, guint reps_done,
                                 GError **error);
gboolean mobed_focus_log_rate   (MobedHistory *history, gint64 plan_id, guint day_index,
                                 MobedRating rating, gint64 now_wall, GError **error);

/* The newest plan not ended; FALSE if none (or the log cannot be read). */
gboolean mobed_focus_log_active (MobedHistory *history, gint64 now_wall, MobedFocusPlan *plan);
/* Sets of @plan_id on @day already answered or missed, how many were done,
 * and when the last one ended. */
void     mobed_focus_log_day    (MobedHistory *history, gint64 plan_id, const char *day,
                                 gint64 now_wall, guint *resolved, guint *done,
                                 gint64 *last_end_wall);
/* A set as `mobectl history` lists it among the breaks. */
typedef struct {
  MobedFocusPlan plan;           /* its plan, with the drills and reps it has now */
  gint32         utc_offset_s;   /* the local offset when the plan began */
  gint64         due_wall, ended_wall;
  char           outcome[12];    /* done, skipped, dismissed or missed */
  guint          set_number;     /* 1-based, of its day */
  guint          snoozes;
  guint          reps_done;      /* every rep, both sides; 0 unless done */
} MobedFocusLogSet;

/* MobedFocusLogSet that fell due at or after @since_wall, newest first, at
 * most @limit (0 = all), from the file (sets still waiting in memory come
 * when written). A set whose plan this mobed cannot read is left out. */
GArray  *mobed_focus_log_sets   (MobedHistory *history, gint64 since_wall, guint limit,
                                 gint64 now_wall, GError **error);

/* The newest plan (active or not), or NULL if there never was one. */
MobedFocusReport *mobed_focus_log_report (MobedHistory *history, gint64 now_wall);
void              mobed_focus_report_free (MobedFocusReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedFocusReport, mobed_focus_report_free)

G_END_DECLS

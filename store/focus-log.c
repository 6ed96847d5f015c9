/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-log.c — focus plans, sets and check-ins in the history database.
 * See focus-log.h. Values are quoted with sqlite3_mprintf's %Q, so a plan
 * written while the file is out of reach can wait as plain SQL.
 */
#include "store/focus-log.h"

#include <sqlite3.h>

static const char *const rating_words[] = { "", "better", "same", "worse" };

const char *
mobed_rating_to_string (MobedRating rating)
{
  return (guint) rating < G_N_ELEMENTS (rating_words) ? rating_words[rating] : "";
}

MobedRating
mobed_rating_from_string (const char *text)
{
  for (guint i = 1; text != NULL && i < G_N_ELEMENTS (rating_words); i++)
    if (g_str_equal (text, rating_words[i]))
      return (MobedRating) i;
  return MOBED_RATING_NONE;
}

static gboolean
run (MobedHistory *history, gint64 now_wall, char *sql, GError **error)
{
  gboolean ok = mobed_history_exec (history, now_wall, sql, error);

  sqlite3_free (sql);
  return ok;
}

gboolean
mobed_focus_log_start (MobedHistory *history, const MobedFocusPlan *plan,
                       gint32 utc_offset_s, GError **error)
{
  g_autofree char *drills = mobed_focus_items_to_string (plan);

  return run (history, plan->id,
              sqlite3_mprintf ("INSERT INTO focus_plans (id, utc_offset_s, target, first_day,"
                               " days, sets_per_day, drills) VALUES (%lld, %d, %Q, %Q, %u, %u, %Q)",
                               (long long) plan->id, utc_offset_s, plan->target,
                               plan->first_day, plan->days, plan->sets_per_day, drills),
              error);
}

gboolean
mobed_focus_log_end (MobedHistory *history, gint64 plan_id, gint64 now_wall, GError **error)
{
  return run (history, now_wall,
              sqlite3_mprintf ("UPDATE focus_plans SET ended_us = %lld WHERE id = %lld",
                               (long long) now_wall, (long long) plan_id),
              error);
}

gboolean
mobed_focus_log_extend (MobedHistory *history, gint64 plan_id, guint days, gint64 now_wall,
                        GError **error)
{
  return run (history, now_wall,
              sqlite3_mprintf ("UPDATE focus_plans SET days = %u, ended_us = NULL"
                               " WHERE id = %lld", days, (long long) plan_id),
              error);
}

gboolean
mobed_focus_log_dose (MobedHistory *history, const MobedFocusPlan *plan, gint64 now_wall,
                      GError **error)
{
  g_autofree char *drills = mobed_focus_items_to_string (plan);

  return run (history, now_wall,
              sqlite3_mprintf ("UPDATE focus_plans SET drills = %Q WHERE id = %lld", drills,
                               (long long) plan->id),
              error);
}

gboolean
mobed_focus_log_set (MobedHistory *history, gint64 plan_id, const char *day, guint set_number,
                     gint64 due_wall, gint64 ended_wall, MobedOutcome outcome, guint snoozes,
                     guint reps_done, GError **error)
{
  return run (history, ended_wall,
              sqlite3_mprintf ("INSERT INTO focus_sets (plan_id, day, set_number, due_us,"
                               " ended_us, outcome, snoozes, reps_done)"
                               " VALUES (%lld, %Q, %u, %lld, %lld, %Q, %u, %u)",
                               (long long) plan_id, day, set_number, (long long) due_wall,
                               (long long) ended_wall, mobed_outcome_to_string (outcome),
                               snoozes, reps_done),
              error);
}

gboolean
mobed_focus_log_rate (MobedHistory *history, gint64 plan_id, guint day_index,
                      MobedRating rating, gint64 now_wall, GError **error)
{
  return run (history, now_wall,
              sqlite3_mprintf ("INSERT INTO focus_ratings (plan_id, day_index, at_us, answer)"
                               " VALUES (%lld, %u, %lld, %Q)", (long long) plan_id, day_index,
                               (long long) now_wall, mobed_rating_to_string (rating)),
              error);
}

/* Reads one plan row (id, target, first_day, days, sets_per_day, drills,
 * ended_us); FALSE if it does not make a plan this mobed can follow. */
static gboolean
read_plan (sqlite3_stmt *st, MobedFocusPlan *plan, gint64 *ended_wall)
{
  const char *target = (const char *) sqlite3_column_text (st, 1);
  const char *first = (const char *) sqlite3_column_text (st, 2);
  const char *drills = (const char *) sqlite3_column_text (st, 5);
  gint64 days = sqlite3_column_int64 (st, 3), sets = sqlite3_column_int64 (st, 4);

  *plan = (MobedFocusPlan) { .id = sqlite3_column_int64 (st, 0) };
  if (target == NULL || first == NULL || drills == NULL
      || days < 1 || days > MOBED_FOCUS_DAYS_MAX * 4 || sets < 1 || sets > MOBED_FOCUS_SETS_MAX
      || !mobed_focus_items_parse (drills, plan))
    return FALSE;
  g_strlcpy (plan->target, target, sizeof plan->target);
  g_strlcpy (plan->first_day, first, sizeof plan->first_day);
  plan->days = (guint) days;
  plan->sets_per_day = (guint) sets;
  if (ended_wall != NULL)
    *ended_wall = sqlite3_column_int64 (st, 6);
  return mobed_focus_day_index (plan, plan->first_day) == 0;
}

static gboolean
newest_plan (MobedHistory *history, gint64 now_wall, gboolean active_only,
             MobedFocusPlan *plan, gint64 *ended_wall)
{
  sqlite3 *db = mobed_history_db (history, now_wall);
  sqlite3_stmt *st = NULL;
  gboolean found = FALSE;

  if (db == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, active_only
                          ? "SELECT id, target, first_day, days, sets_per_day, drills, ended_us"
                            " FROM focus_plans WHERE ended_us IS NULL ORDER BY id DESC LIMIT 1"
                          : "SELECT id, target, first_day, days, sets_per_day, drills, ended_us"
                            " FROM focus_plans ORDER BY id DESC LIMIT 1",
                          -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    {
      found = read_plan (st, plan, ended_wall);
      if (!found)
        g_message ("The focus plan in the history cannot be read; it is left alone");
    }
  sqlite3_finalize (st);
  return found;
}

gboolean
mobed_focus_log_active (MobedHistory *history, gint64 now_wall, MobedFocusPlan *plan)
{
  return newest_plan (history, now_wall, TRUE, plan, NULL);
}

void
mobed_focus_log_day (MobedHistory *history, gint64 plan_id, const char *day, gint64 now_wall,
                     guint *resolved, guint *done, gint64 *last_end_wall)
{
  sqlite3 *db = mobed_history_db (history, now_wall);
  sqlite3_stmt *st = NULL;

  *resolved = *done = 0;
  *last_end_wall = 0;
  if (db == NULL
      || sqlite3_prepare_v2 (db, "SELECT count(*), coalesce(sum(outcome = 'done'), 0),"
                                 " coalesce(max(ended_us), 0) FROM focus_sets"
                                 " WHERE plan_id = ? AND day = ?", -1, &st, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (st);
      return;
    }
  sqlite3_bind_int64 (st, 1, plan_id);
  sqlite3_bind_text (st, 2, day, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      *resolved = (guint) sqlite3_column_int (st, 0);
      *done = (guint) sqlite3_column_int (st, 1);
      *last_end_wall = sqlite3_column_int64 (st, 2);
    }
  sqlite3_finalize (st);
}

MobedFocusReport *
mobed_focus_log_report (MobedHistory *history, gint64 now_wall)
{
  g_autoptr(MobedFocusReport) report = g_new0 (MobedFocusReport, 1);
  sqlite3 *db;
  sqlite3_stmt *st = NULL;

  if (!newest_plan (history, now_wall, FALSE, &report->plan, &report->ended_wall))
    return NULL;
  db = mobed_history_db (history, now_wall);
  report->days = g_array_new (FALSE, TRUE, sizeof (MobedFocusLogDay));
  report->ratings = g_array_new (FALSE, TRUE, sizeof (MobedFocusLogRating));
  if (sqlite3_prepare_v2 (db, "SELECT day, count(*), sum(outcome = 'done'), sum(reps_done)"
                              " FROM focus_sets WHERE plan_id = ? GROUP BY day ORDER BY day",
                          -1, &st, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (st, 1, report->plan.id);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          MobedFocusLogDay day = { .offered = (guint) sqlite3_column_int (st, 1),
                                   .done = (guint) sqlite3_column_int (st, 2) };

          g_strlcpy (day.date, (const char *) sqlite3_column_text (st, 0), sizeof day.date);
          report->total_reps += (guint) sqlite3_column_int (st, 3);
          g_array_append_val (report->days, day);
        }
    }
  sqlite3_finalize (st);
  if (sqlite3_prepare_v2 (db, "SELECT day_index, answer FROM focus_ratings WHERE plan_id = ?"
                              " ORDER BY at_us", -1, &st, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (st, 1, report->plan.id);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          MobedFocusLogRating r = {
            .day_index = (guint) sqlite3_column_int (st, 0),
            .rating = mobed_rating_from_string ((const char *) sqlite3_column_text (st, 1)),
          };
          g_array_append_val (report->ratings, r);
        }
    }
  sqlite3_finalize (st);
  return g_steal_pointer (&report);
}

GArray *
mobed_focus_log_sets (MobedHistory *history, gint64 since_wall, guint limit, gint64 now_wall,
                      GError **error)
{
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (MobedFocusLogSet));
  sqlite3 *db = mobed_history_db (history, now_wall);
  sqlite3_stmt *st = NULL;
  int rc;

  if (db == NULL)
    return g_steal_pointer (&sets);
  /* The plan's columns first, in read_plan's order. */
  if (sqlite3_prepare_v2 (db, "SELECT p.id, p.target, p.first_day, p.days, p.sets_per_day,"
                              " p.drills, p.ended_us, p.utc_offset_s, s.due_us, s.ended_us,"
                              " s.outcome, s.set_number, s.snoozes, s.reps_done"
                              " FROM focus_sets s JOIN focus_plans p ON p.id = s.plan_id"
                              " WHERE s.due_us >= ? ORDER BY s.due_us DESC, s.id DESC LIMIT ?",
                          -1, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, MOBED_HISTORY_ERROR, sqlite3_errcode (db),
                   "Could not read the focus sets: %s", sqlite3_errmsg (db));
      sqlite3_finalize (st);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, since_wall);
  sqlite3_bind_int64 (st, 2, limit > 0 ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      MobedFocusLogSet set = { 0 };
      const char *outcome = (const char *) sqlite3_column_text (st, 10);

      if (!read_plan (st, &set.plan, NULL))
        continue;
      set.utc_offset_s = sqlite3_column_int (st, 7);
      set.due_wall = sqlite3_column_int64 (st, 8);
      set.ended_wall = sqlite3_column_int64 (st, 9);
      g_strlcpy (set.outcome, outcome != NULL ? outcome : "", sizeof set.outcome);
      set.set_number = (guint) sqlite3_column_int (st, 11);
      set.snoozes = (guint) sqlite3_column_int (st, 12);
      set.reps_done = (guint) sqlite3_column_int (st, 13);
      g_array_append_val (sets, set);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, MOBED_HISTORY_ERROR, rc, "Could not read the focus sets: %s",
                   sqlite3_errmsg (db));
      sqlite3_finalize (st);
      return NULL;
    }
  sqlite3_finalize (st);
  return g_steal_pointer (&sets);
}

void
mobed_focus_report_free (MobedFocusReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->days, g_array_unref);
  g_clear_pointer (&report->ratings, g_array_unref);
  g_free (report);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.c — turns break rows into the numbers mobectl stats shows. A row's
 * day is the calendar day where it happened, from the UTC offset recorded
 * with it: DST switches and travel never move a break to another day.
 * Streaks skip days with no breaks at all (weekends, holidays) instead of
 * breaking on them; today counts once its goal is met and never breaks one.
 */
#include "core/stats.h"

#include <stdio.h>
#include <string.h>

#define TOP_DRILLS 5

void
mobed_stats_row_date (const MobedHistoryRow *row, char date[11])
{
  gint64 local = row->due_us / G_USEC_PER_SEC + row->utc_offset_s;
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (local);

  if (dt == NULL)
    {
      g_strlcpy (date, "0000-00-00", 11);
      return;
    }
  g_snprintf (date, 11, "%04d-%02d-%02d", g_date_time_get_year (dt),
              g_date_time_get_month (dt), g_date_time_get_day_of_month (dt));
}

/* Julian day number of "YYYY-MM-DD", 0 if it is not a date. */
static guint32
julian (const char *text)
{
  g_autoptr(GDate) d = g_date_new ();
  guint y, m, day;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &day) != 3
      || !g_date_valid_dmy (day, m, y))
    return 0;
  g_date_set_dmy (d, day, m, y);
  return g_date_get_julian (d);
}

static void
format_julian (guint32 j, char date[11])
{
  g_autoptr(GDate) d = g_date_new_julian (j);

  g_snprintf (date, 11, "%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d),
              g_date_get_day (d));
}

static void
count_row (MobedStatsDay *day, const MobedHistoryRow *row)
{
  day->offered++;
  day->snoozes += row->snoozes;
  if (row->kind == MOBED_BREAK_WALK)
    {
      day->walks++;
      if (row->outcome == MOBED_OUTCOME_DONE)
        day->walks_done++;
    }
  day->longest_sat_s = MAX (day->longest_sat_s, row->sat_s);
  switch (row->outcome)
    {
    case MOBED_OUTCOME_DONE:      day->done++; break;
    case MOBED_OUTCOME_SKIPPED:   day->skipped++; break;
    case MOBED_OUTCOME_MISSED:    day->missed++; break;
    case MOBED_OUTCOME_DISMISSED: day->dismissed++; break;
    case MOBED_OUTCOME_NATURAL:   day->natural++; break;
    case MOBED_OUTCOME_NONE:
    default:                      break;
    }
  for (guint i = 0; i < row->n_drills; i++)
    {
      const MobedHistoryDrill *d = &row->drills[i];
      if (d->reps_done == 0)
        continue;
      day->minutes_moved += (double) d->reps_done * MAX (d->sides, 1) * d->seconds_per_rep / 60.0;
      day->regions |= d->regions;
    }
}

static void
add_day (MobedStatsDay *sum, const MobedStatsDay *day)
{
  sum->offered += day->offered;
  sum->done += day->done;
  sum->skipped += day->skipped;
  sum->missed += day->missed;
  sum->dismissed += day->dismissed;
  sum->natural += day->natural;
  sum->snoozes += day->snoozes;
  sum->minutes_moved += day->minutes_moved;
  sum->regions |= day->regions;
  sum->walks += day->walks;
  sum->walks_done += day->walks_done;
  sum->longest_sat_s = MAX (sum->longest_sat_s, day->longest_sat_s);
}

static gint
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
streaks (MobedStats *self, const MobedHistoryRow *rows, guint n_rows, guint32 today)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;
  guint run = 0;

  /* Each active day maps to 1 + its done count. */
  for (guint i = 0; i < n_rows; i++)
    {
      char date[11];
      gpointer j;
      guint v;

      mobed_stats_row_date (&rows[i], date);
      j = GUINT_TO_POINTER (julian (date));
      v = GPOINTER_TO_UINT (g_hash_table_lookup (counts, j));
      v = MAX (v, 1) + (rows[i].outcome == MOBED_OUTCOME_DONE ? 1 : 0);
      g_hash_table_insert (counts, j, GUINT_TO_POINTER (v));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint j = GPOINTER_TO_UINT (key);
      if (j <= today)
        g_array_append_val (days, j);
    }
  g_array_sort (days, compare_uint);

  for (guint i = 0; i < days->len; i++)
    {
      guint j = g_array_index (days, guint, i);
      guint done = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (j))) - 1;

      if (done >= self->goal)
        run++;
      else if (j != today)        /* today is still going: it cannot break a run */
        run = 0;
      self->streak_best = MAX (self->streak_best, run);
    }
  self->streak_current = run;
}

static gint
most_done (gconstpointer a, gconstpointer b)
{
  const MobedStatsDrill *x = a, *y = b;

  if (x->done != y->done)
    return x->done < y->done ? 1 : -1;
  return strcmp (x->drill_id, y->drill_id);
}

static void
top_drills (MobedStats *self, const MobedHistoryRow *rows, guint n_rows,
            guint32 first, guint32 last)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n_rows; i++)
    {
      char date[11];
      guint32 j;

      mobed_stats_row_date (&rows[i], date);
      j = julian (date);
      if (j < first || j > last || rows[i].outcome != MOBED_OUTCOME_DONE)
        continue;
      for (guint k = 0; k < rows[i].n_drills; k++)
        {
          const char *id = rows[i].drills[k].drill_id;
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, id));
          g_hash_table_insert (counts, (gpointer) id, GUINT_TO_POINTER (n + 1));
        }
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MobedStatsDrill d = { .done = GPOINTER_TO_UINT (value) };
      g_strlcpy (d.drill_id, key, sizeof d.drill_id);
      g_array_append_val (self->top_drills, d);
    }
  g_array_sort (self->top_drills, most_done);
  if (self->top_drills->len > TOP_DRILLS)
    g_array_set_size (self->top_drills, TOP_DRILLS);
}

MobedStats *
mobed_stats_compute (const MobedHistoryRow *rows, guint n_rows,
                     const char *today, guint n_days, guint goal)
{
  guint32 last = julian (today), first;
  MobedStats *self;

  if (last == 0 || n_days == 0 || n_days > last)
    return NULL;
  first = last - n_days + 1;
  self = g_new0 (MobedStats, 1);
  self->goal = goal;
  self->days = g_array_sized_new (FALSE, TRUE, sizeof (MobedStatsDay), n_days);
  self->top_drills = g_array_new (FALSE, FALSE, sizeof (MobedStatsDrill));
  g_array_set_size (self->days, n_days);
  for (guint i = 0; i < n_days; i++)
    format_julian (first + i, g_array_index (self->days, MobedStatsDay, i).date);

  for (guint i = 0; i < n_rows; i++)
    {
      char date[11];
      guint32 j;

      mobed_stats_row_date (&rows[i], date);
      j = julian (date);
      if (j >= first && j <= last)
        count_row (&g_array_index (self->days, MobedStatsDay, j - first), &rows[i]);
    }
  for (guint i = 0; i < n_days; i++)
    add_day (&self->totals, &g_array_index (self->days, MobedStatsDay, i));

  self->adherence = self->totals.offered > self->totals.natural
    ? (double) self->totals.done / (self->totals.offered - self->totals.natural) : -1;
  streaks (self, rows, n_rows, last);
  top_drills (self, rows, n_rows, first, last);
  return self;
}

void
mobed_stats_free (MobedStats *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->days);
  g_array_unref (self->top_drills);
  g_free (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-stats.c — the numbers mobectl stats shows, from hand-built rows with
 * known answers: counts by outcome per local day, adherence, minutes and
 * regions moved, top drills, streaks of days meeting the goal, and local
 * days that stay right across DST switches and time-zone changes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/stats.h"

#define EPSILON 1e-9

typedef struct {
  GArray *rows;     /* MobedHistoryRow */
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->rows = g_array_new (FALSE, TRUE, sizeof (MobedHistoryRow));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_array_unref (f->rows);
}

/* Appends a break due at @dt, with the offset @dt has there. */
static MobedHistoryRow *
add_at (Fixture *f, GDateTime *dt, MobedOutcome outcome)
{
  MobedHistoryRow row = {
    .due_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC,
    .utc_offset_s = (gint32) (g_date_time_get_utc_offset (dt) / G_USEC_PER_SEC),
    .outcome = outcome,
  };

  row.ended_us = row.due_us + 60 * G_USEC_PER_SEC;
  g_array_append_val (f->rows, row);
  return &g_array_index (f->rows, MobedHistoryRow, f->rows->len - 1);
}

/* A break at local @y-@mo-@d @h:@mi in a place @offset_s east of UTC. */
static MobedHistoryRow *
add_row (Fixture *f, int y, int mo, int d, int h, int mi, gint32 offset_s, MobedOutcome outcome)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset_s);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);

  g_assert_nonnull (dt);
  return add_at (f, dt, outcome);
}

/* The same in a named zone, with whatever offset it has on that day. */
static MobedHistoryRow *
add_zoned (Fixture *f, const char *zone, int y, int mo, int d, int h, int mi,
           MobedOutcome outcome, gint32 expect_offset_s)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;
  MobedHistoryRow *row;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  row = add_at (f, dt, outcome);
  g_assert_cmpint (row->utc_offset_s, ==, expect_offset_s);    /* the zone data is what we think */
  return row;
}

/* Adds a drill; its reps count as done when the break was. */
static void
add_drill (MobedHistoryRow *row, const char *id, guint reps, guint seconds, guint sides,
           guint regions)
{
  MobedHistoryDrill *d = &row->drills[row->n_drills++];

  g_assert_cmpuint (row->n_drills, <=, 2);
  g_strlcpy (d->drill_id, id, sizeof d->drill_id);
  d->reps_offered = reps;
  d->reps_done = row->outcome == MOBED_OUTCOME_DONE ? reps : 0;
  d->seconds_per_rep = seconds;
  d->sides = sides;
  d->regions = regions;
}

static MobedStats *
compute (Fixture *f, const char *today, guint n_days, guint goal)
{
  MobedStats *s = mobed_stats_compute ((const MobedHistoryRow *) f->rows->data, f->rows->len,
                                       today, n_days, goal);

  g_assert_nonnull (s);
  g_assert_cmpuint (s->days->len, ==, n_days);
  return s;
}

static const MobedStatsDay *
day (MobedStats *s, guint i)
{
  return &g_array_index (s->days, MobedStatsDay, i);
}

static void
assert_counts (const MobedStatsDay *d, guint offered, guint done, guint skipped,
               guint missed, guint dismissed, guint natural, guint snoozes)
{
  g_assert_cmpuint (d->offered, ==, offered);
  g_assert_cmpuint (d->done, ==, done);
  g_assert_cmpuint (d->skipped, ==, skipped);
  g_assert_cmpuint (d->missed, ==, missed);
  g_assert_cmpuint (d->dismissed, ==, dismissed);
  g_assert_cmpuint (d->natural, ==, natural);
  g_assert_cmpuint (d->snoozes, ==, snoozes);
}

static void
assert_same_stats (MobedStats *a, MobedStats *b)
{
  g_assert_cmpuint (a->days->len, ==, b->days->len);
  for (guint i = 0; i < a->days->len; i++)
    {
      const MobedStatsDay *x = day (a, i), *y = day (b, i);
      g_assert_cmpstr (x->date, ==, y->date);
      assert_counts (x, y->offered, y->done, y->skipped, y->missed, y->dismissed,
                     y->natural, y->snoozes);
      g_assert_cmpfloat_with_epsilon (x->minutes_moved, y->minutes_moved, EPSILON);
      g_assert_cmpuint (x->regions, ==, y->regions);
    }
  g_assert_cmpuint (a->streak_current, ==, b->streak_current);
  g_assert_cmpuint (a->streak_best, ==, b->streak_best);
}

/* ---- counts, adherence, minutes, regions, top drills ---- */

static void
test_counts (Fixture *f, gconstpointer data)
{
  const char *dates[] = { "2026-06-04", "2026-06-05", "2026-06-06", "2026-06-07",
                          "2026-06-08", "2026-06-09", "2026-06-10" };
  const gint32 off = 2 * 3600;
  g_autoptr(MobedStats) week = NULL;
  g_autoptr(MobedStats) today = NULL;
  g_autoptr(MobedStats) month = NULL;

  add_row (f, 2026, 6, 10, 8, 0, off, MOBED_OUTCOME_DONE);
  add_row (f, 2026, 6, 4, 9, 0, off, MOBED_OUTCOME_DONE)->snoozes = 1;
  add_row (f, 2026, 6, 4, 10, 0, off, MOBED_OUTCOME_SKIPPED);
  add_row (f, 2026, 6, 6, 11, 0, off, MOBED_OUTCOME_MISSED);
  add_row (f, 2026, 6, 6, 12, 0, off, MOBED_OUTCOME_DISMISSED)->snoozes = 2;
  add_row (f, 2026, 6, 6, 13, 0, off, MOBED_OUTCOME_NATURAL);
  add_row (f, 2026, 6, 3, 23, 59, off, MOBED_OUTCOME_DONE);       /* before the week */
  add_row (f, 2026, 6, 11, 0, 0, off, MOBED_OUTCOME_SKIPPED);     /* after today */

  week = compute (f, "2026-06-10", 7, 3);
  g_assert_cmpuint (week->goal, ==, 3);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (day (week, i)->date, ==, dates[i]);
  assert_counts (day (week, 0), 2, 1, 1, 0, 0, 0, 1);
  assert_counts (day (week, 2), 3, 0, 0, 1, 1, 1, 2);
  assert_counts (day (week, 6), 1, 1, 0, 0, 0, 0, 0);
  for (guint i = 0; i < 7; i++)
    if (i != 0 && i != 2 && i != 6)
      {
        assert_counts (day (week, i), 0, 0, 0, 0, 0, 0, 0);
        g_assert_cmpfloat (day (week, i)->minutes_moved, ==, 0);
        g_assert_cmpuint (day (week, i)->regions, ==, 0);
      }
  assert_counts (&week->totals, 6, 2, 1, 1, 1, 1, 3);
  g_assert_cmpstr (week->totals.date, ==, "");

  today = compute (f, "2026-06-10", 1, 3);
  g_assert_cmpstr (day (today, 0)->date, ==, "2026-06-10");
  assert_counts (&today->totals, 1, 1, 0, 0, 0, 0, 0);

  month = compute (f, "2026-06-10", 30, 3);          /* across a month end */
  g_assert_cmpstr (day (month, 0)->date, ==, "2026-05-12");
  g_assert_cmpstr (day (month, 20)->date, ==, "2026-06-01");
  assert_counts (&month->totals, 7, 3, 1, 1, 1, 1, 3);

  g_assert_null (mobed_stats_compute (NULL, 0, "2026-06-10", 0, 3));
  g_assert_null (mobed_stats_compute (NULL, 0, "2026-02-30", 7, 3));
  g_assert_null (mobed_stats_compute (NULL, 0, "yesterday", 7, 3));
}

/* A walk on 2026-06-@d at @h:@mi UTC that ended @sat_s of sitting. */
static void
add_walk (Fixture *f, int d, int h, int mi, MobedOutcome outcome, guint sat_s)
{
  MobedHistoryRow *w = add_row (f, 2026, 6, d, h, mi, 0, outcome);

  w->kind = MOBED_BREAK_WALK;
  w->sat_s = sat_s;
}

/* Walks are breaks like any (in the outcome counts) and counted apart
 * too; each day keeps the longest sitting a break ended, the range the
 * longest of its days. */
static void
test_walks (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedStats) s = NULL;

  add_row (f, 2026, 6, 9, 9, 0, 0, MOBED_OUTCOME_DONE)->sat_s = 900;
  add_walk (f, 9, 10, 0, MOBED_OUTCOME_DONE, 3720);
  add_walk (f, 10, 11, 0, MOBED_OUTCOME_SKIPPED, 4000);
  add_walk (f, 10, 11, 30, MOBED_OUTCOME_MISSED, 5800);
  add_row (f, 2026, 6, 10, 12, 0, 0, MOBED_OUTCOME_NATURAL)->sat_s = 6100;
  s = compute (f, "2026-06-10", 2, 3);
  assert_counts (day (s, 0), 2, 2, 0, 0, 0, 0, 0);
  g_assert_cmpuint (day (s, 0)->walks, ==, 1);
  g_assert_cmpuint (day (s, 0)->walks_done, ==, 1);
  g_assert_cmpuint (day (s, 0)->longest_sat_s, ==, 3720);
  assert_counts (day (s, 1), 3, 0, 1, 1, 0, 1, 0);
  g_assert_cmpuint (day (s, 1)->walks, ==, 2);
  g_assert_cmpuint (day (s, 1)->walks_done, ==, 0);
  g_assert_cmpuint (day (s, 1)->longest_sat_s, ==, 6100);
  g_assert_cmpuint (s->totals.walks, ==, 3);
  g_assert_cmpuint (s->totals.walks_done, ==, 1);
  g_assert_cmpuint (s->totals.longest_sat_s, ==, 6100);
}

static void
test_adherence (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedStats) nothing = compute (f, "2026-06-10", 7, 3);
  g_autoptr(MobedStats) only_natural = NULL;
  g_autoptr(MobedStats) mixed = NULL;

  g_assert_cmpfloat (nothing->adherence, <, 0);

  add_row (f, 2026, 6, 9, 9, 0, 0, MOBED_OUTCOME_NATURAL);
  add_row (f, 2026, 6, 9, 10, 0, 0, MOBED_OUTCOME_NATURAL);
  only_natural = compute (f, "2026-06-10", 7, 3);
  g_assert_cmpuint (only_natural->totals.offered, ==, 2);
  g_assert_cmpfloat (only_natural->adherence, <, 0);

  /* 3 done of 3 + 1 + 1 judged: the two natural breaks do not count. */
  for (int h = 11; h < 14; h++)
    add_row (f, 2026, 6, 9, h, 0, 0, MOBED_OUTCOME_DONE);
  add_row (f, 2026, 6, 10, 9, 0, 0, MOBED_OUTCOME_SKIPPED);
  add_row (f, 2026, 6, 10, 10, 0, 0, MOBED_OUTCOME_MISSED);
  add_row (f, 2026, 5, 1, 10, 0, 0, MOBED_OUTCOME_SKIPPED);      /* outside the range */
  mixed = compute (f, "2026-06-10", 7, 3);
  g_assert_cmpfloat_with_epsilon (mixed->adherence, 3.0 / 5.0, EPSILON);
}

static void
test_minutes_regions (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedStats) s = NULL;
  MobedHistoryRow *r;

  /* 8 × 3 s + 10 × 4 s × 2 sides = 104 s. */
  r = add_row (f, 2026, 6, 9, 9, 0, 0, MOBED_OUTCOME_DONE);
  add_drill (r, "neck-rolls", 8, 3, 1, MOBED_REGION_NECK | MOBED_REGION_SHOULDERS);
  add_drill (r, "hip-circles", 10, 4, 2, MOBED_REGION_HIPS);
  /* Offered but not done: no minutes, no regions. */
  r = add_row (f, 2026, 6, 9, 10, 0, 0, MOBED_OUTCOME_SKIPPED);
  add_drill (r, "doorway-stretch", 5, 30, 1, MOBED_REGION_CHEST);
  r = add_row (f, 2026, 6, 10, 10, 0, 0, MOBED_OUTCOME_DISMISSED);
  add_drill (r, "doorway-stretch", 5, 30, 1, MOBED_REGION_CHEST);
  /* 6 × 5 s × 2 = 60 s. */
  r = add_row (f, 2026, 6, 10, 11, 0, 0, MOBED_OUTCOME_DONE);
  add_drill (r, "calf-raises", 6, 5, 2, MOBED_REGION_LEGS | MOBED_REGION_ANKLES_FEET);

  s = compute (f, "2026-06-10", 2, 3);
  g_assert_cmpfloat_with_epsilon (day (s, 0)->minutes_moved, 104.0 / 60, EPSILON);
  g_assert_cmpfloat_with_epsilon (day (s, 1)->minutes_moved, 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (s->totals.minutes_moved, 164.0 / 60, EPSILON);
  g_assert_cmpuint (day (s, 0)->regions, ==,
                    MOBED_REGION_NECK | MOBED_REGION_SHOULDERS | MOBED_REGION_HIPS);
  g_assert_cmpuint (day (s, 1)->regions, ==, MOBED_REGION_LEGS | MOBED_REGION_ANKLES_FEET);
  g_assert_cmpuint (s->totals.regions, ==,
                    MOBED_REGION_NECK | MOBED_REGION_SHOULDERS | MOBED_REGION_HIPS
                    | MOBED_REGION_LEGS | MOBED_REGION_ANKLES_FEET);
}

static void
test_top_drills (Fixture *f, gconstpointer data)
{
  /* Done counts: c 5, a 3, b 3, e 2, g 2, d 1, f 1. */
  const char *done[] = { "c", "a", "b", "c", "e", "g", "c", "a", "b", "d",
                         "c", "a", "b", "f", "c", "e", "g" };
  const char *want[] = { "c", "a", "b", "e", "g" };
  const guint want_done[] = { 5, 3, 3, 2, 2 };
  g_autoptr(MobedStats) s = NULL;
  MobedHistoryRow *r;

  for (guint i = 0; i < G_N_ELEMENTS (done); i += 2)
    {
      r = add_row (f, 2026, 6, 4 + i % 5, 8 + i / 2, 0, 0, MOBED_OUTCOME_DONE);
      add_drill (r, done[i], 5, 3, 1, MOBED_REGION_NECK);
      if (i + 1 < G_N_ELEMENTS (done))
        add_drill (r, done[i + 1], 5, 3, 1, MOBED_REGION_NECK);
    }
  /* Not done, or outside the range: not counted. */
  r = add_row (f, 2026, 6, 9, 20, 0, 0, MOBED_OUTCOME_SKIPPED);
  add_drill (r, "z", 5, 3, 1, 0);
  add_drill (r, "z", 5, 3, 1, 0);
  add_drill (add_row (f, 2026, 6, 10, 20, 0, 0, MOBED_OUTCOME_DISMISSED), "z", 5, 3, 1, 0);
  for (int d = 1; d < 4; d++)
    add_drill (add_row (f, 2026, 6, d, 9, 0, 0, MOBED_OUTCOME_DONE), "y", 5, 3, 1, 0);

  s = compute (f, "2026-06-10", 7, 3);
  g_assert_cmpuint (s->top_drills->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const MobedStatsDrill *d = &g_array_index (s->top_drills, MobedStatsDrill, i);
      g_assert_cmpstr (d->drill_id, ==, want[i]);
      g_assert_cmpuint (d->done, ==, want_done[i]);
    }
}

/* ---- streaks ---- */

/* @n done and @other skipped breaks on 2026-06-@d. */
static void
add_day (Fixture *f, int d, guint n, guint other)
{
  for (guint i = 0; i < n + other; i++)
    add_row (f, 2026, 6, d, 9 + i, 0, 3600, i < n ? MOBED_OUTCOME_DONE : MOBED_OUTCOME_SKIPPED);
}

static void
assert_streaks (Fixture *f, const char *today, guint goal, guint current, guint best)
{
  g_autoptr(MobedStats) s = compute (f, today, 7, goal);

  g_assert_cmpuint (s->streak_current, ==, current);
  g_assert_cmpuint (s->streak_best, ==, best);
}

static void
test_streak_weekend (Fixture *f, gconstpointer data)
{
  add_day (f, 4, 2, 0);          /* Thursday */
  add_day (f, 5, 3, 1);          /* Friday; nothing on the weekend */
  add_day (f, 8, 2, 0);          /* Monday */
  assert_streaks (f, "2026-06-08", 2, 3, 3);
  assert_streaks (f, "2026-06-10", 2, 3, 3);      /* quiet days since: still current */
  add_day (f, 9, 1, 2);          /* Tuesday below goal */
  assert_streaks (f, "2026-06-10", 2, 0, 3);
}

static void
test_streak_broken (Fixture *f, gconstpointer data)
{
  add_day (f, 1, 2, 0);
  add_day (f, 2, 2, 0);
  add_day (f, 3, 2, 0);
  add_day (f, 4, 2, 0);
  add_day (f, 5, 0, 1);          /* active, nothing done: breaks the run of 4 */
  add_row (f, 2026, 6, 6, 10, 0, 0, MOBED_OUTCOME_MISSED);   /* so does a missed-only day */
  add_day (f, 8, 2, 0);
  add_day (f, 9, 2, 0);
  assert_streaks (f, "2026-06-10", 2, 2, 4);
  /* The run before the range still counts: streaks see all rows. */
  {
    g_autoptr(MobedStats) s = compute (f, "2026-06-04", 1, 2);
    g_assert_cmpuint (s->streak_current, ==, 4);
  }
  /* Goal 3: no day met it. */
  assert_streaks (f, "2026-06-10", 3, 0, 0);
}

static void
test_streak_today (Fixture *f, gconstpointer data)
{
  add_day (f, 8, 2, 0);
  add_day (f, 9, 2, 0);
  add_day (f, 10, 1, 1);         /* today, not there yet: does not break */
  assert_streaks (f, "2026-06-10", 2, 2, 2);
  add_day (f, 11, 5, 0);         /* tomorrow (a clock ahead): not counted */
  assert_streaks (f, "2026-06-10", 2, 2, 2);
  add_row (f, 2026, 6, 10, 18, 0, 3600, MOBED_OUTCOME_DONE);     /* today meets it */
  assert_streaks (f, "2026-06-10", 2, 3, 3);
  /* Seen from the next day, a day below goal is final. */
  g_array_set_size (f->rows, 0);
  add_day (f, 8, 2, 0);
  add_day (f, 9, 1, 0);
  assert_streaks (f, "2026-06-10", 2, 0, 1);
}

/* ---- local days: DST, travel, midnight, TZ ---- */

static void
assert_date (const MobedHistoryRow *row, const char *want)
{
  char date[11];

  mobed_stats_row_date (row, date);
  g_assert_cmpstr (date, ==, want);
}

/* 00:30 and 23:30 local on a day with a DST switch; and the evening
 * before next to the night after. */
static void
check_dst_day (Fixture *f, const char *zone, int y, int mo, int d, gint32 before, gint32 after,
               const char *day_before, const char *the_day)
{
  g_autoptr(MobedStats) s = NULL;

  assert_date (add_zoned (f, zone, y, mo, d - 1, 23, 30, MOBED_OUTCOME_DONE, before), day_before);
  assert_date (add_zoned (f, zone, y, mo, d, 0, 30, MOBED_OUTCOME_DONE, before), the_day);
  assert_date (add_zoned (f, zone, y, mo, d, 23, 30, MOBED_OUTCOME_SKIPPED, after), the_day);
  s = compute (f, the_day, 3, 1);
  assert_counts (day (s, 0), 0, 0, 0, 0, 0, 0, 0);
  assert_counts (day (s, 1), 1, 1, 0, 0, 0, 0, 0);
  assert_counts (day (s, 2), 2, 1, 1, 0, 0, 0, 0);
  g_assert_cmpstr (day (s, 1)->date, ==, day_before);
  g_assert_cmpuint (s->streak_current, ==, 2);
}

static void
test_dst_berlin_spring (Fixture *f, gconstpointer data)
{
  check_dst_day (f, "Europe/Berlin", 2026, 3, 29, 3600, 7200, "2026-03-28", "2026-03-29");
}

static void
test_dst_berlin_autumn (Fixture *f, gconstpointer data)
{
  check_dst_day (f, "Europe/Berlin", 2026, 10, 25, 7200, 3600, "2026-10-24", "2026-10-25");
}

static void
test_dst_new_york (Fixture *f, gconstpointer data)
{
  /* 23:30 EDT is already 03:30 UTC the next day. */
  check_dst_day (f, "America/New_York", 2026, 3, 8, -5 * 3600, -4 * 3600, "2026-03-07", "2026-03-08");
}

static void
test_travel (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedStats) s = NULL;

  /* Tokyo in the evening and the next morning, then New York that
   * evening: in UTC the New York break is the latest, on its own day. */
  assert_date (add_row (f, 2026, 5, 10, 22, 0, 9 * 3600, MOBED_OUTCOME_DONE), "2026-05-10");
  assert_date (add_row (f, 2026, 5, 11, 8, 0, 9 * 3600, MOBED_OUTCOME_DONE), "2026-05-11");
  assert_date (add_row (f, 2026, 5, 10, 20, 0, -5 * 3600, MOBED_OUTCOME_SKIPPED), "2026-05-10");
  s = compute (f, "2026-05-11", 2, 1);
  assert_counts (day (s, 0), 2, 1, 1, 0, 0, 0, 0);
  assert_counts (day (s, 1), 1, 1, 0, 0, 0, 0, 0);
}

static void
test_midnight (Fixture *f, gconstpointer data)
{
  MobedHistoryRow *r = add_row (f, 2026, 3, 29, 0, 0, 3600, MOBED_OUTCOME_DONE);
  MobedHistoryRow before = *r;

  assert_date (r, "2026-03-29");
  before.due_us -= 1;
  assert_date (&before, "2026-03-28");
  assert_date (add_row (f, 2026, 1, 1, 0, 0, -5 * 3600, MOBED_OUTCOME_DONE), "2026-01-01");
  assert_date (add_row (f, 2025, 12, 31, 23, 59, 14 * 3600, MOBED_OUTCOME_DONE), "2025-12-31");
}

static void
set_tz (const char *tz)
{
  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

/* Rows recorded as the daemon does, from the local zone at the time; the
 * numbers then do not depend on the zone mobectl runs in. */
static void
test_tz_independent (Fixture *f, gconstpointer data)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  const char *zones[] = { "UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati" };
  g_autoptr(MobedStats) berlin = NULL;
  /* 2026-03-28 22:00 UTC onwards, every 45 minutes across the switch. */
  gint64 t = G_GINT64_CONSTANT (1774735200);

  set_tz ("Europe/Berlin");
  for (guint i = 0; i < 12; i++, t += 45 * 60)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
      MobedHistoryRow *r = add_at (f, dt, i % 3 ? MOBED_OUTCOME_DONE : MOBED_OUTCOME_SKIPPED);
      add_drill (r, i % 2 ? "neck-rolls" : "calf-raises", 4, 5, 1 + i % 2, MOBED_REGION_NECK);
    }
  g_assert_cmpint (g_array_index (f->rows, MobedHistoryRow, 0).utc_offset_s, ==, 3600);
  g_assert_cmpint (g_array_index (f->rows, MobedHistoryRow, 11).utc_offset_s, ==, 7200);
  berlin = compute (f, "2026-03-29", 3, 2);
  g_assert_cmpuint (day (berlin, 1)->offered, ==, 2);      /* 22:00 and 22:45 CET */
  g_assert_cmpuint (day (berlin, 2)->offered, ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(MobedStats) s = NULL;

      set_tz (zones[i]);
      s = compute (f, "2026-03-29", 3, 2);
      assert_same_stats (s, berlin);
    }
  set_tz (saved);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/stats/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("counts", test_counts);
  ADD ("adherence", test_adherence);
  ADD ("walks", test_walks);
  ADD ("minutes-regions", test_minutes_regions);
  ADD ("top-drills", test_top_drills);
  ADD ("streak/weekend", test_streak_weekend);
  ADD ("streak/broken", test_streak_broken);
  ADD ("streak/today", test_streak_today);
  ADD ("days/dst-berlin-spring", test_dst_berlin_spring);
  ADD ("days/dst-berlin-autumn", test_dst_berlin_autumn);
  ADD ("days/dst-new-york", test_dst_new_york);
  ADD ("days/travel", test_travel);
  ADD ("days/midnight", test_midnight);
  ADD ("days/tz-independent", test_tz_independent);
#undef ADD
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-workhours.c — working days and hours: what parses, what is refused,
 * inside or not, and when that next changes, across weekends and a DST
 * switch (Europe/Berlin, 2026-03-29: 02:00 jumps to 03:00).
 */
#include <string.h>

#include "core/workhours.h"

static MobedWorkHours
parse (const char *days, const char *ranges)
{
  MobedWorkHours h = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (mobed_work_days_parse (days, &h.days, &error));
  g_assert_true (mobed_work_hours_parse (ranges, &h, &error));
  g_assert_no_error (error);
  return h;
}

static GDateTime *
berlin (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  g_assert_nonnull (tz);
  return g_date_time_new (tz, y, mo, d, h, mi, 0);
}

static void
test_parse_days (void)
{
  guint8 d;
  g_autoptr(GError) error = NULL;

  g_assert_true (mobed_work_days_parse ("Mon-Fri", &d, NULL));
  g_assert_cmpuint (d, ==, 0x1f);
  g_assert_true (mobed_work_days_parse ("mon, wed ,FRI", &d, NULL));
  g_assert_cmpuint (d, ==, 0x15);
  g_assert_true (mobed_work_days_parse ("Fri-Mon", &d, NULL));    /* wraps */
  g_assert_cmpuint (d, ==, 0x71);
  g_assert_true (mobed_work_days_parse ("", &d, NULL));
  g_assert_cmpuint (d, ==, MOBED_ALL_DAYS);
  g_assert_false (mobed_work_days_parse ("Mon-Fry", &d, &error));
  g_assert_nonnull (strstr (error->message, "'Mon-Fry'"));
}

static void
test_parse_hours (void)
{
  MobedWorkHours h = { 0 };
  const char *bad[] = { "9-17", "09:00", "09:00-08:00", "09:00-12:00,11:00-13:00",
                        "13:00-14:00,09:00-10:00", "25:00-26:00", "09:60-10:00", "09:00-17:30x" };

  h = parse ("", "09:00-12:00, 13:00-17:30");
  g_assert_cmpuint (h.n_ranges, ==, 2);
  g_assert_cmpuint (h.start[1], ==, 13 * 60);
  g_assert_cmpuint (h.end[1], ==, 17 * 60 + 30);
  h = parse ("", "00:00-24:00");
  g_assert_cmpuint (h.end[0], ==, 1440);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      MobedWorkHours before = h;

      g_assert_false (mobed_work_hours_parse (bad[i], &h, &error));
      g_assert_nonnull (error);
      g_assert_cmpmem (&h, sizeof h, &before, sizeof before);     /* untouched */
    }
}

static void
test_inside (void)
{
  MobedWorkHours h = parse ("Mon-Fri", "09:00-12:00,13:00-17:30");
  g_autoptr(GDateTime) mon_10 = berlin (2026, 11, 23, 10, 0);
  g_autoptr(GDateTime) mon_1230 = berlin (2026, 11, 23, 12, 30);
  g_autoptr(GDateTime) mon_1729 = berlin (2026, 11, 23, 17, 29);
  g_autoptr(GDateTime) mon_1730 = berlin (2026, 11, 23, 17, 30);
  g_autoptr(GDateTime) sat_10 = berlin (2026, 11, 28, 10, 0);
  MobedWorkHours always = parse ("", "");

  g_assert_true (mobed_work_hours_inside (&h, mon_10));
  g_assert_false (mobed_work_hours_inside (&h, mon_1230));
  g_assert_true (mobed_work_hours_inside (&h, mon_1729));
  g_assert_false (mobed_work_hours_inside (&h, mon_1730));
  g_assert_false (mobed_work_hours_inside (&h, sat_10));
  g_assert_true (mobed_work_hours_inside (&always, sat_10));
  g_assert_cmpint (mobed_work_hours_next_change (&always, sat_10), ==, -1);
}

static void
test_next_change (void)
{
  MobedWorkHours h = parse ("Mon-Fri", "09:00-12:00,13:00-17:30");
  g_autoptr(GDateTime) mon_10 = berlin (2026, 11, 23, 10, 0);
  g_autoptr(GDateTime) mon_1230 = berlin (2026, 11, 23, 12, 30);
  g_autoptr(GDateTime) fri_18 = berlin (2026, 11, 27, 18, 0);
  MobedWorkHours days_only = parse ("Mon-Fri", "");
  g_autoptr(GDateTime) sun_20 = berlin (2026, 11, 29, 20, 0);

  g_assert_cmpint (mobed_work_hours_next_change (&h, mon_10), ==, 2 * 3600);
  g_assert_cmpint (mobed_work_hours_next_change (&h, mon_1230), ==, 30 * 60);
  /* Friday evening to Monday 09:00 across the weekend. */
  g_assert_cmpint (mobed_work_hours_next_change (&h, fri_18), ==, (2 * 24 + 15) * 3600);
  /* Whole days: Sunday evening to Monday midnight. */
  g_assert_cmpint (mobed_work_hours_next_change (&days_only, sun_20), ==, 4 * 3600);
}

static void
test_dst (void)
{
  MobedWorkHours h = parse ("", "09:00-17:00");
  /* Saturday 20:00 CET to Sunday 09:00 CEST is 12 h of real time, not 13. */
  g_autoptr(GDateTime) sat_20 = berlin (2026, 3, 28, 20, 0);
  g_autoptr(GDateTime) oct_sat_20 = berlin (2026, 10, 24, 20, 0);

  g_assert_cmpint (mobed_work_hours_next_change (&h, sat_20), ==, 12 * 3600);
  /* And in October the night is an hour longer. */
  g_assert_cmpint (mobed_work_hours_next_change (&h, oct_sat_20), ==, 14 * 3600);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workhours/parse-days", test_parse_days);
  g_test_add_func ("/workhours/parse-hours", test_parse_hours);
  g_test_add_func ("/workhours/inside", test_inside);
  g_test_add_func ("/workhours/next-change", test_next_change);
  g_test_add_func ("/workhours/dst", test_dst);
  return g_test_run ();
}

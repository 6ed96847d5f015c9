/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.c — reads the clocks; the only place in the daemon that does. A
 * test build (-Dtest_clock=true) adds an offset the tests move forward
 * through daemon/test-clock.c.
 */
#include "daemon/clock.h"

#include <time.h>

#ifdef MOBED_TEST_CLOCK
static gint64 test_offset;

void
mobed_clock_advance (gint64 us)
{
  test_offset += us;
}
#else
#define test_offset 0
#endif

MobedTime
mobed_clock_now (void)
{
  struct timespec ts;
  MobedTime now;

  clock_gettime (CLOCK_BOOTTIME, &ts);
  now.mono = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
  now.wall = g_get_real_time ();
  now.mono += test_offset;
  now.wall += test_offset;
  return now;
}

void
mobed_clock_local_date (gint64 wall, char buf[11])
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (wall / G_USEC_PER_SEC);

  g_snprintf (buf, 11, "%04d-%02d-%02d", g_date_time_get_year (dt),
              g_date_time_get_month (dt), g_date_time_get_day_of_month (dt));
}

gint32
mobed_clock_utc_offset (gint64 wall)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (wall / G_USEC_PER_SEC);

  return local != NULL ? (gint32) (g_date_time_get_utc_offset (local) / G_USEC_PER_SEC) : 0;
}

gint64
mobed_clock_until_midnight (MobedTime now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now.wall / G_USEC_PER_SEC);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (dt),
                                                   g_date_time_get_month (dt),
                                                   g_date_time_get_day_of_month (dt),
                                                   0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);

  return MAX (G_USEC_PER_SEC, g_date_time_difference (next, dt));
}

guint
mobed_clock_local_day (gint64 wall)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (wall / G_USEC_PER_SEC);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (dt),
                                          g_date_time_get_month (dt),
                                          g_date_time_get_year (dt));

  return g_date_get_julian (date);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * workhours.c — working days and hours. Times are minutes on the local wall
 * clock; the next change is found by stepping through the boundaries of
 * the coming days, so a DST day's shorter or longer night needs no special
 * case.
 */
#include "core/workhours.h"

#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (mobed-workhours-error-quark, mobed_workhours_error)

static const char *const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static int
day_index (const char *word)
{
  g_autofree char *lower = g_ascii_strdown (word, -1);

  for (int i = 0; i < 7; i++)
    if (g_str_equal (lower, day_names[i]))
      return i;
  return -1;
}

gboolean
mobed_work_days_parse (const char *text, guint8 *ret_days, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint8 days = 0;

  for (char **p = parts; *p != NULL; p++)
    {
      g_auto(GStrv) span = g_strsplit (g_strstrip (*p), "-", 2);
      int from, to;

      if (*span[0] == '\0' && span[1] == NULL)
        continue;
      from = day_index (g_strstrip (span[0]));
      to = span[1] != NULL ? day_index (g_strstrip (span[1])) : from;
      if (from < 0 || to < 0)
        {
          g_set_error (error, MOBED_WORKHOURS_ERROR, 0,
                       "'%s' is not a day or range of days (like Mon-Fri or Mon,Wed,Fri)", *p);
          return FALSE;
        }
      /* Wraps past Sunday: Fri-Mon is Friday to Monday. */
      for (int d = from;; d = (d + 1) % 7)
        {
          days |= 1u << d;
          if (d == to)
            break;
        }
    }
  *ret_days = days != 0 ? days : MOBED_ALL_DAYS;
  return TRUE;
}

static gboolean
parse_clock (const char *text, guint16 *ret)
{
  guint h, m;
  int used = 0;

  if (sscanf (text, "%2u:%2u%n", &h, &m, &used) != 2 || text[used] != '\0'
      || strlen (text) != 5 || m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;
  *ret = (guint16) (h * 60 + m);
  return TRUE;
}

gboolean
mobed_work_hours_parse (const char *text, MobedWorkHours *hours, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  MobedWorkHours out = { .days = hours->days ? hours->days : MOBED_ALL_DAYS };

  for (char **p = parts; *p != NULL; p++)
    {
      char *range = g_strstrip (*p);
      g_auto(GStrv) ends = NULL;
      guint16 start, end;

      if (*range == '\0')
        continue;
      ends = g_strsplit (range, "-", 2);
      if (ends[1] == NULL || !parse_clock (g_strstrip (ends[0]), &start)
          || !parse_clock (g_strstrip (ends[1]), &end))
        {
          g_set_error (error, MOBED_WORKHOURS_ERROR, 0,
                       "'%s' is not a range of times like 09:00-17:30", range);
          return FALSE;
        }
      if (start >= end)
        {
          g_set_error (error, MOBED_WORKHOURS_ERROR, 0, "'%s' ends before it starts", range);
          return FALSE;
        }
      if (out.n_ranges > 0 && start < out.end[out.n_ranges - 1])
        {
          g_set_error (error, MOBED_WORKHOURS_ERROR, 0,
                       "'%s' overlaps or comes before the range before it", range);
          return FALSE;
        }
      if (out.n_ranges == MOBED_WORK_RANGES_MAX)
        {
          g_set_error (error, MOBED_WORKHOURS_ERROR, 0, "more than %d ranges", MOBED_WORK_RANGES_MAX);
          return FALSE;
        }
      out.start[out.n_ranges] = start;
      out.end[out.n_ranges] = end;
      out.n_ranges++;
    }
  *hours = out;
  return TRUE;
}

static gboolean
inside_at (const MobedWorkHours *hours, int weekday, guint minute)
{
  if (!(hours->days & (1u << weekday)))
    return FALSE;
  if (hours->n_ranges == 0)
    return TRUE;
  for (guint i = 0; i < hours->n_ranges; i++)
    if (minute >= hours->start[i] && minute < hours->end[i])
      return TRUE;
  return FALSE;
}

gboolean
mobed_work_hours_inside (const MobedWorkHours *hours, GDateTime *local)
{
  return inside_at (hours, g_date_time_get_day_of_week (local) - 1,
                    g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
}

/* The wall-clock moment @minute on the day of @day_start (local midnight),
 * in @day_start's zone; DST gaps resolve as GLib does. */
static GDateTime *
at_minute (GDateTime *day_start, guint minute)
{
  return g_date_time_new (g_date_time_get_timezone (day_start),
                          g_date_time_get_year (day_start), g_date_time_get_month (day_start),
                          g_date_time_get_day_of_month (day_start),
                          minute / 60 % 24, minute % 60, 0);
}

gint64
mobed_work_hours_next_change (const MobedWorkHours *hours, GDateTime *local)
{
  gboolean now_inside = mobed_work_hours_inside (hours, local);
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (local),
                                                   g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  if (hours->days == MOBED_ALL_DAYS && hours->n_ranges == 0)
    return -1;
  /* Candidates: each range's start and end, and each midnight, over the
   * next eight days; the first one where inside-ness differs wins. */
  for (int day = 0; day <= 8; day++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_days (midnight, day);
      int weekday = g_date_time_get_day_of_week (start) - 1;
      guint16 marks[2 * MOBED_WORK_RANGES_MAX + 1];
      guint n = 0;

      marks[n++] = 0;
      for (guint i = 0; i < hours->n_ranges; i++)
        {
          marks[n++] = hours->start[i];
          if (hours->end[i] < 1440)
            marks[n++] = hours->end[i];
        }
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) mark = at_minute (start, marks[i]);
          GTimeSpan ahead = g_date_time_difference (mark, local);

          if (ahead <= 0)
            continue;
          if (inside_at (hours, weekday, marks[i]) != now_inside)
            return (ahead + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
        }
    }
  return -1;
}

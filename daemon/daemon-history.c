/*
 * daemon-history.c — the daemon's side of the break log: each ended break
 * is written, with its drills, before anyone hears it ended, and today's
 * done count is read from the log, the one place that knows.
 */
#include "daemon/daemon-private.h"

#include <string.h>

#include "core/stats.h"
#include "daemon/clock.h"
#include "daemon/stats-view.h"

/* Done breaks today, from the log: the one place that knows. */
static guint
count_done_today (MobedDaemon *self, MobedTime now)
{
  g_autoptr(GArray) rows = mobed_history_query (self->history, now.wall - G_GINT64_CONSTANT (26) * 3600 * G_USEC_PER_SEC,
                                                0, NULL);
  guint done = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const MobedHistoryRow *r = &g_array_index (rows, MobedHistoryRow, i);
      char date[11];

      mobed_stats_row_date (r, date);
      if (r->outcome == MOBED_OUTCOME_DONE && strcmp (date, self->today) == 0)
        done++;
    }
  return done;
}

/* The done count belongs to a local calendar day and starts over at midnight. */
void
mobed_daemon_roll_today (MobedDaemon *self, MobedTime now)
{
  char today[11];

  mobed_clock_local_date (now.wall, today);
  if (strcmp (today, self->today) != 0)
    {
      g_strlcpy (self->today, today, sizeof self->today);
      self->today_done = count_done_today (self, now);
    }
}

/* Writes the ended break to the log before anyone hears of it ending, so
 * a D-Bus reply to Done means it is on disk. */
void
mobed_daemon_record_break (MobedDaemon *self, const MobedRecord *rec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (rec->due_wall / G_USEC_PER_SEC);
  MobedHistoryRow row = {
    .due_us = rec->due_wall,
    .ended_us = rec->ended_wall,
    .utc_offset_s = local ? (gint32) (g_date_time_get_utc_offset (local) / G_USEC_PER_SEC) : 0,
    .outcome = rec->outcome,
    .snoozes = rec->snoozes,
    .escalated = rec->escalated,
  };
  gboolean had_problem = mobed_history_problem (self->history) != NULL;

  /* A natural break taken before one was due offered no drills. */
  if (rec->break_id != 0)
    mobed_stats_view_fill_row (&row, self->choice_catalog ? self->choice_catalog : self->catalog,
                               self->choice.items, self->choice.n,
                               rec->outcome == MOBED_OUTCOME_DONE);
  if (!mobed_history_add (self->history, &row, &error) && !had_problem)
    g_warning ("%s", mobed_history_problem (self->history));
  else if (had_problem && mobed_history_problem (self->history) == NULL)
    g_message ("The history is written to disk again");
}

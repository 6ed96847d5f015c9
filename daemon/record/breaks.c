/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-history.c — the daemon's side of the break log: each ended break
 * is written, with its drills, before anyone hears it ended, and today's
 * done count is read from the log, the one place that knows. Between uses
 * the file is closed and SQLite unloaded: a few writes an hour do not
 * keep its code resident all day.
 */
#include "daemon/daemon-private.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/stats.h"
#include "daemon/clock.h"
#include "daemon/bus/stats-view.h"

/* How long the log stays open after its last use: long enough that a
 * burst (a break answered, then `mobectl stats`) opens it once, short
 * enough to be closed before anyone measures mobed at rest. Reopening
 * costs about 2.5 ms of CPU. */
#define HISTORY_LINGER_S 2

static gboolean
close_history (gpointer user_data)
{
  MobedDaemon *self = user_data;

  self->history_idle_id = 0;
  mobed_history_close_idle (self->history);
#ifdef __GLIBC__
  /* What start-up or the burst just ended freed (SQLite's page cache among
   * it) goes back to the system rather than waiting in the heap. */
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

/* The log, to read or write now; closed again HISTORY_LINGER_S after its
 * last use. */
MobedHistory *
mobed_daemon_history (MobedDaemon *self)
{
  g_clear_handle_id (&self->history_idle_id, g_source_remove);
  self->history_idle_id = g_timeout_add_seconds (HISTORY_LINGER_S, close_history, self);
  return self->history;
}

void
mobed_daemon_history_free (MobedDaemon *self)
{
  g_clear_handle_id (&self->history_idle_id, g_source_remove);
  g_clear_pointer (&self->history, mobed_history_free);
}

/* Done breaks today, from the log: the one place that knows. */
static guint
count_done_today (MobedDaemon *self, MobedTime now)
{
  g_autoptr(GArray) rows = mobed_history_query (mobed_daemon_history (self), now.wall - G_GINT64_CONSTANT (26) * 3600 * G_USEC_PER_SEC,
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
  MobedHistoryRow row = {
    .due_us = rec->due_wall,
    .ended_us = rec->ended_wall,
    .utc_offset_s = mobed_clock_utc_offset (rec->due_wall),
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
  if (!mobed_history_add (mobed_daemon_history (self), &row, &error) && !had_problem)
    g_warning ("%s", mobed_history_problem (self->history));
  else if (had_problem && mobed_history_problem (self->history) == NULL)
    g_message ("The history is written to disk again");
}

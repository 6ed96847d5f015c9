/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * break-log.c — see break-log.h. Between uses the file is closed: a few
 * writes an hour need not keep SQLite's cache and a descriptor all day.
 */
#include "daemon/record/break-log.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/stats.h"
#include "daemon/clock.h"

/* How long the log stays open after its last use: long enough that a
 * burst (a break answered, then `mobectl stats`) opens it once, short
 * enough to be closed before anyone measures mobed at rest. Reopening
 * costs about 2.5 ms of CPU. */
#define HISTORY_LINGER_S 2

struct _MobedBreakLog {
  MobedHistory *history;
  guint         linger_id;
  char          today[11];      /* local date today_done counts */
  guint         today_done;
};

static gboolean
close_history (gpointer user_data)
{
  MobedBreakLog *self = user_data;

  self->linger_id = 0;
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
mobed_break_log_history (MobedBreakLog *self)
{
  g_clear_handle_id (&self->linger_id, g_source_remove);
  self->linger_id = g_timeout_add_seconds (HISTORY_LINGER_S, close_history, self);
  return self->history;
}

MobedBreakLog *
mobed_break_log_open (const char *path, MobedTime now)
{
  MobedBreakLog *self = g_new0 (MobedBreakLog, 1);

  self->history = mobed_history_open (path, now.wall);
  if (mobed_history_problem (self->history) != NULL)
    g_message ("%s", mobed_history_problem (self->history));
  mobed_break_log_roll_today (self, now);
  return self;
}

void
mobed_break_log_free (MobedBreakLog *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->linger_id, g_source_remove);
  g_clear_pointer (&self->history, mobed_history_free);
  g_free (self);
}

const char *
mobed_break_log_problem (MobedBreakLog *self)
{
  return mobed_history_problem (self->history);
}

const char *
mobed_break_log_today (MobedBreakLog *self)
{
  return self->today;
}

guint
mobed_break_log_today_done (MobedBreakLog *self)
{
  return self->today_done;
}

/* Done breaks today, from the log: the one place that knows. */
static guint
count_done_today (MobedBreakLog *self, MobedTime now)
{
  g_autoptr(GArray) rows = mobed_history_query (mobed_break_log_history (self), now.wall - G_GINT64_CONSTANT (26) * 3600 * G_USEC_PER_SEC,
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
mobed_break_log_roll_today (MobedBreakLog *self, MobedTime now)
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
mobed_break_log_record (MobedBreakLog *self, const MobedRecord *rec, const MobedCatalog *catalog,
                        const MobedChoice *choice, guint held_by)
{
  g_autoptr(GError) error = NULL;
  MobedHistoryRow row = {
    .due_us = rec->due_wall,
    .ended_us = rec->ended_wall,
    .utc_offset_s = mobed_clock_utc_offset (rec->due_wall),
    .outcome = rec->outcome,
    .snoozes = rec->snoozes,
    .escalated = rec->escalated,
    .kind = rec->kind,
    .sat_s = (guint) (rec->sat / G_USEC_PER_SEC),
    .held_by = held_by,
  };
  gboolean had_problem = mobed_history_problem (self->history) != NULL;

  /* A natural break taken before one was due offered no drills. */
  if (rec->break_id != 0)
    mobed_history_row_set_drills (&row, catalog, choice->items, choice->n,
                                  rec->outcome == MOBED_OUTCOME_DONE);
  if (!mobed_history_add (mobed_break_log_history (self), &row, &error) && !had_problem)
    g_message ("%s", mobed_history_problem (self->history));
  else if (had_problem && mobed_history_problem (self->history) == NULL)
    g_message ("The history is written to disk again");
  if (rec->outcome == MOBED_OUTCOME_DONE)
    self->today_done++;
}

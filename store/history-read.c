/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-read.c — reading the break log back: breaks (with their first
 * drills) and pauses since a time, newest first, the file's rows merged
 * with those still waiting in memory to be written.
 */
#include "store/history-private.h"

#include "core/catalog.h"
#include "core/reasons.h"

static void
read_drills (MobedHistory *self, MobedHistoryRow *row)
{
  sqlite3_stmt *st = history_statement (self, SQL_DRILLS_OF, NULL);

  if (st == NULL)
    return;
  sqlite3_bind_int64 (st, 1, row->id);
  while (sqlite3_step (st) == SQLITE_ROW && row->n_drills < G_N_ELEMENTS (row->drills))
    {
      MobedHistoryDrill *d = &row->drills[row->n_drills++];
      g_auto(GStrv) names = g_strsplit ((const char *) sqlite3_column_text (st, 5), ";", -1);

      g_strlcpy (d->drill_id, (const char *) sqlite3_column_text (st, 0), sizeof d->drill_id);
      d->reps_offered = (guint) sqlite3_column_int (st, 1);
      d->reps_done = (guint) sqlite3_column_int (st, 2);
      d->seconds_per_rep = (guint) sqlite3_column_int (st, 3);
      d->sides = (guint) sqlite3_column_int (st, 4);
      for (char **n = names; *n != NULL; n++)
        {
          guint bit;
          if (mobed_region_parse (*n, &bit))
            d->regions |= bit;
        }
    }
  sqlite3_reset (st);
}

/* "microphone;dunst-paused" → their bits; words this mobed does not know
 * (from a newer one) are left out. */
static guint
held_by_from_text (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", ";", -1);
  guint bits = 0;

  for (char **w = words; *w != NULL; w++)
    for (guint i = 0; i < MOBED_DEFER_COUNT; i++)
      if (g_strcmp0 (*w, mobed_defer_reason_name (1u << i)) == 0)
        bits |= 1u << i;
  return bits;
}

static MobedOutcome
outcome_from_string (const char *s)
{
  for (MobedOutcome o = MOBED_OUTCOME_DONE; o <= MOBED_OUTCOME_NATURAL; o++)
    if (g_strcmp0 (mobed_outcome_to_string (o), s) == 0)
      return o;
  return MOBED_OUTCOME_NONE;
}

static gint
newest_first (gconstpointer a, gconstpointer b)
{
  const MobedHistoryRow *x = a, *y = b;

  return x->due_us < y->due_us ? 1 : x->due_us > y->due_us ? -1 : 0;
}

/* @which, bound to @since_us and @limit, ready to step; NULL with @error
 * when it cannot be, and (without error) when there is no file to read,
 * only memory. A file closed while idle is opened again; one that could
 * not be written is left to the next write to retry. */
static sqlite3_stmt *
start_reading (MobedHistory *self, Sql which, gint64 since_us, guint limit, GError **error)
{
  gboolean damaged;
  sqlite3_stmt *st;

  if (self->db == NULL && !self->unwritable && !history_try_open (self, &damaged, error))
    {
      g_prefix_error (error, "reading the history: ");
      return NULL;
    }
  if (self->db == NULL)
    return NULL;
  st = history_statement (self, which, error);
  if (st == NULL)
    {
      g_prefix_error (error, "reading the history: ");
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, since_us);
  sqlite3_bind_int64 (st, 2, limit > 0 ? (gint64) limit : -1);
  return st;
}

/* After the last sqlite3_step() of @st, which returned @rc. */
static gboolean
end_reading (MobedHistory *self, sqlite3_stmt *st, int rc, GError **error)
{
  rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
  sqlite3_reset (st);
  if (rc != SQLITE_OK)
    return history_fail (self->db, rc, error, "reading the history");
  return TRUE;
}

GArray *
mobed_history_query (MobedHistory *self, gint64 since_us, guint limit, GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MobedHistoryRow));
  GError *local_error = NULL;
  sqlite3_stmt *st = start_reading (self, SQL_BREAKS_SINCE, since_us, limit, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (st != NULL)
    {
      int rc;

      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          MobedHistoryRow row = { 0 };

          row.id = sqlite3_column_int64 (st, 0);
          row.due_us = sqlite3_column_int64 (st, 1);
          row.ended_us = sqlite3_column_int64 (st, 2);
          row.utc_offset_s = sqlite3_column_int (st, 3);
          row.outcome = outcome_from_string ((const char *) sqlite3_column_text (st, 4));
          row.snoozes = (guint) sqlite3_column_int (st, 5);
          row.escalated = sqlite3_column_int (st, 6) != 0;
          if (!mobed_break_kind_from_string ((const char *) sqlite3_column_text (st, 7),
                                             &row.kind))
            row.kind = MOBED_BREAK_DRILLS;
          row.sat_s = (guint) sqlite3_column_int64 (st, 8);
          row.held_by = held_by_from_text ((const char *) sqlite3_column_text (st, 9));
          read_drills (self, &row);
          g_array_append_val (rows, row);
        }
      if (!end_reading (self, st, rc, error))
        return NULL;
    }
  for (guint i = 0; i < self->pending->len; i++)
    {
      MobedHistoryRow *row = &g_array_index (self->pending, MobedHistoryRow, i);
      if (row->due_us >= since_us)
        g_array_append_val (rows, *row);
    }
  g_array_sort (rows, newest_first);
  if (limit > 0 && rows->len > limit)
    g_array_set_size (rows, limit);
  return g_steal_pointer (&rows);
}

static gint
pause_newest_first (gconstpointer a, gconstpointer b)
{
  const MobedHistoryPause *x = a, *y = b;

  return x->start_us < y->start_us ? 1 : x->start_us > y->start_us ? -1 : 0;
}

GArray *
mobed_history_pauses (MobedHistory *self, gint64 since_us, guint limit, GError **error)
{
  g_autoptr(GArray) pauses = g_array_new (FALSE, FALSE, sizeof (MobedHistoryPause));
  GError *local_error = NULL;
  sqlite3_stmt *st = start_reading (self, SQL_PAUSES_SINCE, since_us, limit, &local_error);
  gint64 closed_at = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* An end still in memory closes what is open in the file, as writing
   * it will. Pauses still in memory all come after it (pause_end closes
   * those in memory), so only the first such end counts. */
  for (guint i = 0; i < self->pauses->len && closed_at == 0; i++)
    if (g_array_index (self->pauses, MobedHistoryPause, i).start_us == 0)
      closed_at = g_array_index (self->pauses, MobedHistoryPause, i).end_us;
  if (st != NULL)
    {
      int rc;

      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          MobedHistoryPause p = { 0 };
          const char *reason = (const char *) sqlite3_column_text (st, 3);

          p.start_us = sqlite3_column_int64 (st, 0);
          p.end_us = sqlite3_column_int64 (st, 1);
          p.utc_offset_s = sqlite3_column_int (st, 2);
          g_strlcpy (p.reason, reason != NULL ? reason : "", sizeof p.reason);
          if (p.end_us == 0)
            p.end_us = closed_at;
          g_array_append_val (pauses, p);
        }
      if (!end_reading (self, st, rc, error))
        return NULL;
    }
  for (guint i = 0; i < self->pauses->len; i++)
    {
      const MobedHistoryPause *p = &g_array_index (self->pauses, MobedHistoryPause, i);

      if (p->start_us != 0 && p->start_us >= since_us)
        g_array_append_val (pauses, *p);
    }
  g_array_sort (pauses, pause_newest_first);
  if (limit > 0 && pauses->len > limit)
    g_array_set_size (pauses, limit);
  return g_steal_pointer (&pauses);
}

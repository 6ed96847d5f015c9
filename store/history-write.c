/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-write.c — writing the break log: breaks with their drills, pauses
 * and the focus plans' SQL. What cannot be written (a full disk, a file
 * locked or out of reach) waits in memory, is named in mobectl status, and
 * is written ahead of the next row once the file takes writes again.
 */
#include "store/history-private.h"

#include "core/catalog.h"
#include "core/reasons.h"

static gboolean
write_row (MobedHistory *self, MobedHistoryRow *row, GError **error)
{
  g_auto(GStrv) held_names = mobed_defer_reason_list (row->held_by);
  g_autofree char *held_by = NULL;
  sqlite3_stmt *st;
  int rc;

  if (!history_run_plain (self, SQL_BEGIN, error))
    return FALSE;
  st = history_statement (self, SQL_ADD_BREAK, error);
  if (st == NULL)
    goto rollback;
  sqlite3_bind_int64 (st, 1, row->due_us);
  sqlite3_bind_int64 (st, 2, row->ended_us);
  sqlite3_bind_int (st, 3, row->utc_offset_s);
  sqlite3_bind_text (st, 4, mobed_outcome_to_string (row->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 5, (int) row->snoozes);
  sqlite3_bind_int (st, 6, row->escalated ? 1 : 0);
  sqlite3_bind_text (st, 7, mobed_break_kind_to_string (row->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 8, row->sat_s);
  held_by = g_strjoinv (";", held_names);
  sqlite3_bind_text (st, 9, held_by, -1, SQLITE_TRANSIENT);
  rc = history_run (self, st);
  row->id = sqlite3_last_insert_rowid (self->db);
  for (guint i = 0; rc == SQLITE_OK && i < row->n_drills; i++)
    {
      const MobedHistoryDrill *d = &row->drills[i];
      g_auto(GStrv) names = mobed_region_list (d->regions);
      g_autofree char *regions = g_strjoinv (";", names);

      st = history_statement (self, SQL_ADD_DRILL, error);
      if (st == NULL)
        goto rollback;
      sqlite3_bind_int64 (st, 1, row->id);
      sqlite3_bind_int (st, 2, (int) i);
      sqlite3_bind_text (st, 3, d->drill_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 4, (int) d->reps_offered);
      sqlite3_bind_int (st, 5, (int) d->reps_done);
      sqlite3_bind_int (st, 6, (int) d->seconds_per_rep);
      sqlite3_bind_int (st, 7, (int) d->sides);
      sqlite3_bind_text (st, 8, regions, -1, SQLITE_STATIC);
      rc = history_run (self, st);
    }
  if (rc != SQLITE_OK)
    {
      history_fail (self->db, rc, error, "writing a break");
      goto rollback;
    }
  /* Left open after a failed COMMIT, the transaction would make every
   * later BEGIN fail. */
  if (history_run_plain (self, SQL_COMMIT, error))
    return TRUE;

rollback:
  history_run_plain (self, SQL_ROLLBACK, NULL);
  row->id = 0;
  return FALSE;
}

/* Opens, closes (start 0: whatever is open in the file) or writes whole
 * (both ends) the pause @p. */
static gboolean
write_pause (MobedHistory *self, const MobedHistoryPause *p, GError **error)
{
  Sql which = p->start_us == 0 ? SQL_PAUSE_CLOSE : p->end_us == 0 ? SQL_PAUSE_OPEN
                                                                  : SQL_PAUSE_WHOLE;
  sqlite3_stmt *st = history_statement (self, which, error);
  int rc;

  if (st == NULL)
    return FALSE;
  if (which == SQL_PAUSE_CLOSE)
    sqlite3_bind_int64 (st, 1, p->end_us);
  else
    {
      sqlite3_bind_int64 (st, 1, p->start_us);
      sqlite3_bind_int (st, 2, p->utc_offset_s);
      sqlite3_bind_text (st, 3, p->reason, -1, SQLITE_STATIC);
      if (which == SQL_PAUSE_WHOLE)
        sqlite3_bind_int64 (st, 4, p->end_us);
    }
  rc = history_run (self, st);
  if (rc != SQLITE_OK)
    return history_fail (self->db, rc, error, "writing a pause");
  return TRUE;
}

/* Whether @error is about the file (full, unwritable, locked) rather than
 * the statement: only then does writing it again later make sense. */
static gboolean
worth_retrying (const GError *error)
{
  switch (error->code & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Writes what piled up in memory while the file could not be written. */
gboolean
history_flush_pending (MobedHistory *self, GError **error)
{
  while (self->pending->len > 0)
    {
      MobedHistoryRow row = g_array_index (self->pending, MobedHistoryRow, 0);

      row.id = 0;
      if (!write_row (self, &row, error))
        return FALSE;
      g_array_remove_index (self->pending, 0);
    }
  while (self->pauses->len > 0)
    {
      const MobedHistoryPause *p = &g_array_index (self->pauses, MobedHistoryPause, 0);

      if (!write_pause (self, p, error))
        return FALSE;
      g_array_remove_index (self->pauses, 0);
    }
  while (self->pending_sql->len > 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!history_exec (self->db, self->pending_sql->pdata[0], &local_error))
        {
          if (worth_retrying (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* Retrying a statement the database refuses would block every
           * write after it. */
          g_message ("Dropping a history write the database refuses: %s",
                     local_error->message);
        }
      g_ptr_array_remove_index (self->pending_sql, 0);
    }
  return TRUE;
}

/* Open, with everything waiting in memory written: ready for one more. */
gboolean
history_ready (MobedHistory *self, gint64 now_us, GError **error)
{
  if (!history_ensure_open (self, now_us, error) || !history_flush_pending (self, error))
    {
      if (self->problem == NULL && error != NULL && *error != NULL)
        history_set_problem (self, "History is kept in memory only (%s); mobed retries writing it",
                     (*error)->message);
      return FALSE;
    }
  if (self->moved_to == NULL)
    g_clear_pointer (&self->problem, g_free);
  return TRUE;
}

gboolean
mobed_history_add (MobedHistory *self, MobedHistoryRow *row, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (history_ready (self, row->ended_us, &local_error) && write_row (self, row, &local_error))
    return TRUE;
  if (self->problem == NULL)
    history_set_problem (self, "History is kept in memory only (%s); mobed retries writing it",
                 local_error->message);
  /* Kept for the next attempt, with an id that cannot clash with a stored one. */
  row->id = self->next_memory_id--;
  g_array_append_val (self->pending, *row);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
mobed_history_pause_begin (MobedHistory *self, gint64 start_us, gint32 utc_offset_s,
                           const char *reason, GError **error)
{
  MobedHistoryPause p = { .start_us = start_us, .utc_offset_s = utc_offset_s };

  g_strlcpy (p.reason, reason != NULL ? reason : "", sizeof p.reason);
  if (history_ready (self, start_us, error) && write_pause (self, &p, error))
    return TRUE;
  g_array_append_val (self->pauses, p);
  return FALSE;
}

gboolean
mobed_history_pause_end (MobedHistory *self, gint64 end_us, GError **error)
{
  const MobedHistoryPause close = { .start_us = 0, .end_us = end_us };
  gboolean in_memory = FALSE;

  /* A pause begun while only in memory is closed there, and written whole. */
  for (guint i = 0; i < self->pauses->len; i++)
    {
      MobedHistoryPause *p = &g_array_index (self->pauses, MobedHistoryPause, i);

      if (p->start_us != 0 && p->end_us == 0)
        {
          p->end_us = end_us;
          in_memory = TRUE;
        }
    }
  if (history_ready (self, end_us, error) && write_pause (self, &close, error))
    return TRUE;
  /* One open in the file is closed there later: kept like a row. */
  if (!in_memory)
    g_array_append_val (self->pauses, close);
  return FALSE;
}

gboolean
mobed_history_exec (MobedHistory *self, gint64 now_us, const char *sql, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  gboolean opened = history_ready (self, now_us, &local_error);

  if (opened && history_exec (self->db, sql, &local_error))
    return TRUE;
  if (opened && !worth_retrying (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->problem == NULL)
    history_set_problem (self, "History is kept in memory only (%s); mobed retries writing it",
                 local_error->message);
  g_ptr_array_add (self->pending_sql, g_strdup (sql));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history.c — the SQLite break log: opening, checking, migrating and
 * closing the file. WAL mode with synchronous=FULL: a write is a few times
 * an hour, so every answered break is on disk before the D-Bus reply goes
 * out, and a kill at any moment leaves the file whole. Schema changes are
 * forward migrations keyed on PRAGMA user_version. The file (and SQLite
 * with it, core/sqlite-lib.c) may be closed between uses and is opened
 * again when a row is written or read. Writing is history-write.c, reading
 * history-read.c.
 */
#include "store/history-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>


G_DEFINE_QUARK (mobed-history-error-quark, mobed_history_error)



static const char *const sql_text[SQL_COUNT] = {
  [SQL_BEGIN] = "BEGIN IMMEDIATE",
  [SQL_COMMIT] = "COMMIT",
  [SQL_ROLLBACK] = "ROLLBACK",
  [SQL_ADD_BREAK] = "INSERT INTO breaks (due_us, ended_us, utc_offset_s, outcome, snoozes,"
                    " escalated, kind, sat_s, held_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [SQL_ADD_DRILL] = "INSERT INTO break_drills (break_id, position, drill_id, reps_offered,"
                    " reps_done, seconds_per_rep, sides, regions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [SQL_PAUSE_OPEN] = "INSERT INTO pauses (start_us, utc_offset_s, reason) VALUES (?, ?, ?)",
  [SQL_PAUSE_CLOSE] = "UPDATE pauses SET end_us = ? WHERE end_us IS NULL",
  [SQL_PAUSE_WHOLE] = "INSERT INTO pauses (start_us, utc_offset_s, reason, end_us)"
                      " VALUES (?, ?, ?, ?)",
  [SQL_BREAKS_SINCE] = "SELECT id, due_us, ended_us, utc_offset_s, outcome, snoozes, escalated,"
                       " kind, sat_s, held_by"
                       " FROM breaks WHERE due_us >= ? ORDER BY due_us DESC, id DESC LIMIT ?",
  [SQL_DRILLS_OF] = "SELECT drill_id, reps_offered, reps_done, seconds_per_rep, sides, regions"
                    " FROM break_drills WHERE break_id = ? ORDER BY position LIMIT 2",
  [SQL_PAUSES_SINCE] = "SELECT start_us, ifnull(end_us, 0), utc_offset_s, reason FROM pauses"
                       " WHERE start_us >= ? ORDER BY start_us DESC, id DESC LIMIT ?",
};


/* migrations[v] takes a database from user_version v to v + 1. */
static const char *const migrations[MOBED_HISTORY_SCHEMA] = {
  /* 0 → 1: the first schema. */
  "CREATE TABLE breaks ("
  "  id INTEGER PRIMARY KEY,"
  "  due_us INTEGER NOT NULL,"
  "  ended_us INTEGER NOT NULL,"
  "  utc_offset_s INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL CHECK (outcome IN"
  "    ('done', 'skipped', 'dismissed', 'missed', 'natural')),"
  "  snoozes INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX breaks_due ON breaks (due_us);"
  "CREATE TABLE break_drills ("
  "  break_id INTEGER NOT NULL REFERENCES breaks (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  drill_id TEXT NOT NULL,"
  "  reps_offered INTEGER NOT NULL,"
  "  reps_done INTEGER NOT NULL,"
  "  seconds_per_rep INTEGER NOT NULL,"
  "  sides INTEGER NOT NULL,"
  "  PRIMARY KEY (break_id, position));"
  "CREATE TABLE pauses ("
  "  id INTEGER PRIMARY KEY,"
  "  start_us INTEGER NOT NULL,"
  "  end_us INTEGER);",
  /* 1 → 2: remember which regions each drill moved, so stats stay true
   * after the catalog changes. Older rows get '' (regions unknown). */
  "ALTER TABLE break_drills ADD COLUMN regions TEXT NOT NULL DEFAULT '';",
  /* 2 → 3: whether the break was shown raised (the attention ladder). */
  "ALTER TABLE breaks ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;",
  /* 3 → 4: rehab focus plans, their sets and the user's check-ins. Plans
   * are named by their start time so rows can refer to a plan written
   * while the file was out of reach. */
  "CREATE TABLE focus_plans ("
  "  id INTEGER PRIMARY KEY,"
  "  utc_offset_s INTEGER NOT NULL,"
  "  target TEXT NOT NULL,"
  "  first_day TEXT NOT NULL,"
  "  days INTEGER NOT NULL,"
  "  sets_per_day INTEGER NOT NULL,"
  "  drills TEXT NOT NULL,"
  "  ended_us INTEGER);"
  "CREATE TABLE focus_sets ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL,"
  "  day TEXT NOT NULL,"
  "  set_number INTEGER NOT NULL,"
  "  due_us INTEGER NOT NULL,"
  "  ended_us INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'dismissed', 'missed')),"
  "  snoozes INTEGER NOT NULL DEFAULT 0,"
  "  reps_done INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX focus_sets_plan ON focus_sets (plan_id, day);"
  "CREATE TABLE focus_ratings ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL,"
  "  day_index INTEGER NOT NULL,"
  "  at_us INTEGER NOT NULL,"
  "  answer TEXT NOT NULL CHECK (answer IN ('better', 'same', 'worse')));",
  /* 4 → 5: why a pause was taken ("meeting"); '' for none and older rows. */
  "ALTER TABLE pauses ADD COLUMN reason TEXT NOT NULL DEFAULT '';",
  /* 5 → 6: the local offset when a pause began, as breaks have, so its
   * times read as the user lived them. Older pauses get the offset this
   * machine's zone gives their start. */
  "ALTER TABLE pauses ADD COLUMN utc_offset_s INTEGER NOT NULL DEFAULT 0;"
  "UPDATE pauses SET utc_offset_s ="
  "  CAST(strftime('%s', start_us / 1000000, 'unixepoch', 'localtime') AS INTEGER)"
  "  - start_us / 1000000;",
  /* 6 → 7: walks. Which kind of break a row was (every older row was
   * drills) and how long the user had sat when it ended (0: unknown). */
  "ALTER TABLE breaks ADD COLUMN kind TEXT NOT NULL DEFAULT 'drills'"
  "  CHECK (kind IN ('drills', 'walk'));"
  "ALTER TABLE breaks ADD COLUMN sat_s INTEGER NOT NULL DEFAULT 0;",
  /* 7 → 8: what held the break back while it was due ("microphone",
   * "dunst-paused": core/reasons.h's words, ';' between them); '' for
   * nothing and for older rows. */
  "ALTER TABLE breaks ADD COLUMN held_by TEXT NOT NULL DEFAULT '';",
};

gboolean
history_fail (sqlite3 *db, int rc, GError **error, const char *what)
{
  g_set_error (error, MOBED_HISTORY_ERROR, rc, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
history_exec (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc == SQLITE_OK)
    return TRUE;
  g_set_error (error, MOBED_HISTORY_ERROR, rc, "%s", msg ? msg : sqlite3_errstr (rc));
  sqlite3_free (msg);
  return FALSE;
}

/* @which, prepared once for this connection and ready to bind; NULL with
 * @error if it cannot be prepared. Reset it when done with it. */
sqlite3_stmt *
history_statement (MobedHistory *self, Sql which, GError **error)
{
  sqlite3_stmt **st = &self->prepared[which];

  if (*st == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql_text[which], -1, SQLITE_PREPARE_PERSISTENT,
                                   st, NULL);
      if (rc != SQLITE_OK)
        {
          history_fail (self->db, rc, error, sql_text[which]);
          *st = NULL;
          return NULL;
        }
    }
  return *st;
}

/* Runs a statement that returns no rows and makes it ready for reuse. */
int
history_run (MobedHistory *self, sqlite3_stmt *st)
{
  int rc = sqlite3_step (st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);

  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return rc;
}

/* Runs one of the statements without parameters. */
gboolean
history_run_plain (MobedHistory *self, Sql which, GError **error)
{
  sqlite3_stmt *st = history_statement (self, which, error);
  int rc;

  if (st == NULL)
    return FALSE;
  rc = history_run (self, st);
  if (rc != SQLITE_OK)
    return history_fail (self->db, rc, error, sql_text[which]);
  return TRUE;
}

/* Closes the connection, its statements first (SQLite will not close a
 * connection with statements still prepared). With
 * @fold, the WAL is written back into the file first, as a last close
 * does; a close between uses leaves it (see history_try_open). */
static void
close_db (MobedHistory *self, gboolean fold)
{
  if (self->db == NULL)
    return;
  if (fold)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  for (guint i = 0; i < SQL_COUNT; i++)
    g_clear_pointer (&self->prepared[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

static int
pragma_int (sqlite3 *db, const char *sql, int *ret)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &st, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      *ret = sqlite3_column_int (st, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (st);
  return rc;
}

/* Damage worth moving the file aside for, as opposed to "cannot write". */
static gboolean
is_damage (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_FORMAT;
}

/* What each connection sets: WAL, every commit on disk before it returns,
 * and the foreign keys enforced. WAL stays set in the file; the rest is
 * per connection. */
#define PER_CONNECTION "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"

/* Takes @db, opened again on a file already checked, into use; on failure
 * it is closed. */
static gboolean
use_db (MobedHistory *self, sqlite3 *db, GError **error)
{
  if (!history_exec (db, PER_CONNECTION, error))
    {
      g_prefix_error (error, "%s: ", self->path);
      sqlite3_close (db);
      return FALSE;
    }
  self->db = db;
  return TRUE;
}

/* Opens, checks and migrates. FALSE with @damaged when the file itself is
 * bad; FALSE without it when it cannot be opened or written here. */
gboolean
history_try_open (MobedHistory *self, gboolean *damaged, GError **error)
{
  sqlite3 *db = NULL;
  g_autofree char *check = NULL;
  sqlite3_stmt *st = NULL;
  int rc, version = 0, fd;

  *damaged = FALSE;
  /* Create it 0600 ourselves: SQLite gives its -wal and -shm files the
   * same mode as the database. A database in memory has no file. */
  if (strcmp (self->path, IN_MEMORY_PATH) != 0)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) < 0)
        {
          int saved = errno;
          g_set_error (error, MOBED_HISTORY_ERROR, SQLITE_CANTOPEN,
                       "cannot create '%s': %s", dir, g_strerror (saved));
          return FALSE;
        }
      fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, MOBED_HISTORY_ERROR, SQLITE_CANTOPEN,
                       "cannot open '%s': %s", self->path, g_strerror (saved));
          *damaged = saved == EACCES && g_access (dir, W_OK) == 0;   /* the file, not the place */
          return FALSE;
        }
      close (fd);
    }

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (db, 2000);
  /* The connection may be closed between uses (mobed_history_close_idle):
   * writing the WAL back into the file on each of those closes would cost
   * more syncs than the rows themselves. Committed rows are as safe in the
   * WAL; SQLite writes it back as it grows, and the last close does. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  rc = pragma_int (db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    goto out;
  if (version > MOBED_HISTORY_SCHEMA)
    {
      g_set_error (error, MOBED_HISTORY_ERROR, SQLITE_FORMAT,
                   "'%s' has schema version %d, newer than this mobed knows (%d)",
                   self->path, version, MOBED_HISTORY_SCHEMA);
      *damaged = TRUE;
      goto fail;
    }
  /* Checked once; opened again after a close, the file is only checked
   * again if something else changed its schema. */
  if (self->checked && version == MOBED_HISTORY_SCHEMA)
    {
      if (use_db (self, db, error))
        return TRUE;
      *damaged = is_damage ((*error)->code);
      return FALSE;
    }
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &st, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      check = g_strdup ((const char *) sqlite3_column_text (st, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_OK)
    goto out;
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, MOBED_HISTORY_ERROR, SQLITE_CORRUPT,
                   "'%s' failed its integrity check: %s", self->path, check);
      *damaged = TRUE;
      goto fail;
    }
  if (!history_exec (db, PER_CONNECTION, error))
    {
      *damaged = is_damage ((*error)->code);
      goto fail;
    }
  for (int v = version; v < MOBED_HISTORY_SCHEMA; v++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;",
                                              migrations[v], v + 1);
      if (!history_exec (db, sql, error))
        {
          g_prefix_error (error, "migrating '%s' to version %d: ", self->path, v + 1);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          *damaged = is_damage ((*error)->code);
          goto fail;
        }
    }
  self->db = db;
  self->checked = TRUE;
  return TRUE;

out:
  history_fail (db, rc, error, self->path);
  *damaged = is_damage (rc);
fail:
  sqlite3_close (db);
  return FALSE;
}

/* Renames the database and its WAL files; a history is never deleted. */
static void
move_aside (MobedHistory *self, gint64 now_us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autofree char *stamp = g_date_time_format (t, "%Y%m%dT%H%M%SZ");
  const char *suffixes[] = { "", "-wal", "-shm" };

  self->checked = FALSE;
  g_free (self->moved_to);
  self->moved_to = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);
  /* Never over another moved file: a second damage in the same second
   * gets a counter. */
  for (guint n = 2; g_file_test (self->moved_to, G_FILE_TEST_EXISTS); n++)
    {
      g_free (self->moved_to);
      self->moved_to = g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, n);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (self->moved_to, suffixes[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
}

void
history_set_problem (MobedHistory *self, const char *fmt, ...)
{
  va_list args;

  g_free (self->problem);
  va_start (args, fmt);
  self->problem = g_strdup_vprintf (fmt, args);
  va_end (args);
}

/* Opens the file if it is not open yet. Damage found on the way is moved
 * aside once; after that a failure leaves history in memory. */
gboolean
history_ensure_open (MobedHistory *self, gint64 now_us, GError **error)
{
  g_autoptr(GError) first = NULL;
  gboolean damaged;

  if (self->db != NULL)
    return TRUE;
  self->unwritable = TRUE;
  if (!history_try_open (self, &damaged, &first))
    {
      if (!damaged)
        {
          history_set_problem (self, "History is kept in memory only (%s); mobed retries writing it",
                       first->message);
          g_propagate_error (error, g_steal_pointer (&first));
          return FALSE;
        }
      move_aside (self, now_us);
      if (!history_try_open (self, &damaged, error))
        {
          history_set_problem (self, "History is kept in memory only: %s", (*error)->message);
          return FALSE;
        }
      history_set_problem (self, "The history database was damaged (%s); it was moved to %s "
                   "and a new one started", first->message, self->moved_to);
    }
  self->unwritable = FALSE;
  return TRUE;
}

MobedHistory *
mobed_history_open (const char *path, gint64 now_us)
{
  MobedHistory *self = g_new0 (MobedHistory, 1);

  self->path = g_strdup (path);
  self->pending = g_array_new (FALSE, FALSE, sizeof (MobedHistoryRow));
  self->pauses = g_array_new (FALSE, FALSE, sizeof (MobedHistoryPause));
  self->pending_sql = g_ptr_array_new_with_free_func (g_free);
  self->next_memory_id = -1;
  history_ensure_open (self, now_us, NULL);
  return self;
}

void
mobed_history_free (MobedHistory *self)
{
  if (self == NULL)
    return;
  close_db (self, TRUE);
  g_array_unref (self->pending);
  g_array_unref (self->pauses);
  g_ptr_array_unref (self->pending_sql);
  g_free (self->path);
  g_free (self->moved_to);
  g_free (self->problem);
  g_free (self);
}

sqlite3 *
mobed_history_db (MobedHistory *self, gint64 now_us)
{
  return history_ready (self, now_us, NULL) ? self->db : NULL;
}

const char *
mobed_history_moved_to (MobedHistory *self)
{
  return self->moved_to;
}

gboolean
mobed_history_in_memory (MobedHistory *self)
{
  return self->unwritable;
}

void
mobed_history_close_idle (MobedHistory *self)
{
  /* Closing a database in memory would end it. */
  if (strcmp (self->path, IN_MEMORY_PATH) == 0)
    return;
  close_db (self, FALSE);
}

const char *
mobed_history_problem (MobedHistory *self)
{
  return self->problem;
}

char *
mobed_history_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "mobed", "history.db", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-test-util.h — helpers for the test-history*.c programs: rows
 * with known contents, a field-by-field row comparison, direct SQLite
 * access to check what is really on disk, the temp-dir fixture, a place
 * that cannot be written to, and pauses read back as text.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "core/catalog.h"
#include "store/history.h"

/* 2026-03-29 01:02:03 UTC, the time damaged files are moved aside at. */
#define NOW_US G_GINT64_CONSTANT (1774746123000000)
#define STAMP "20260329T010203Z"
#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

/* A break due at @due_us with @n_drills (0–2) drills; reps count as done
 * only when @outcome is done, as the daemon fills them in. */
static inline MobedHistoryRow
test_row (gint64 due_us, MobedOutcome outcome, guint n_drills)
{
  MobedHistoryRow row = {
    .due_us = due_us,
    .ended_us = due_us + 90 * G_USEC_PER_SEC,
    .utc_offset_s = 7200,
    .outcome = outcome,
    .snoozes = 2,
    /* Some rows raised by the attention ladder, so the flag round-trips. */
    .escalated = outcome == MOBED_OUTCOME_MISSED || outcome == MOBED_OUTCOME_SKIPPED,
    .n_drills = n_drills,
    /* A walk now and then (no drills), with the sitting it ended. */
    .kind = n_drills == 0 ? MOBED_BREAK_WALK : MOBED_BREAK_DRILLS,
    .sat_s = 3600 + n_drills,
  };
  const MobedHistoryDrill drills[2] = {
    { "neck-rolls", 8, 0, 3, 1, MOBED_REGION_NECK | MOBED_REGION_SHOULDERS },
    { "hip-circles", 10, 0, 4, 2, MOBED_REGION_HIPS | MOBED_REGION_LOW_BACK | MOBED_REGION_LEGS },
  };

  for (guint i = 0; i < n_drills; i++)
    {
      row.drills[i] = drills[i];
      if (outcome == MOBED_OUTCOME_DONE)
        row.drills[i].reps_done = row.drills[i].reps_offered;
    }
  return row;
}

/* Field by field: the struct has padding and unused drill slots. */
static inline void
assert_row_equal (const MobedHistoryRow *a, const MobedHistoryRow *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->due_us, ==, b->due_us);
  g_assert_cmpint (a->ended_us, ==, b->ended_us);
  g_assert_cmpint (a->utc_offset_s, ==, b->utc_offset_s);
  g_assert_cmpint (a->outcome, ==, b->outcome);
  g_assert_cmpuint (a->snoozes, ==, b->snoozes);
  g_assert_cmpint (a->escalated, ==, b->escalated);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->sat_s, ==, b->sat_s);
  g_assert_cmpuint (a->held_by, ==, b->held_by);
  g_assert_cmpuint (a->n_drills, ==, b->n_drills);
  for (guint i = 0; i < a->n_drills; i++)
    {
      const MobedHistoryDrill *x = &a->drills[i], *y = &b->drills[i];

      g_assert_cmpstr (x->drill_id, ==, y->drill_id);
      g_assert_cmpuint (x->reps_offered, ==, y->reps_offered);
      g_assert_cmpuint (x->reps_done, ==, y->reps_done);
      g_assert_cmpuint (x->seconds_per_rep, ==, y->seconds_per_rep);
      g_assert_cmpuint (x->sides, ==, y->sides);
      g_assert_cmpuint (x->regions, ==, y->regions);
    }
}

/* Deletes @path and everything under it, whatever the modes. */
static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

/* How many "<@path>.corrupt-*" files sit beside @path (not -wal/-shm). */
static inline guint
count_files (const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal")
        && !g_str_has_suffix (name, "-shm"))
      n++;
  return n;
}

/* Direct SQLite access, to check what is really on disk. */

static inline sqlite3 *
db_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static inline void
db_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* The first column of the first row as text ("" for NULL), or NULL. */
static inline char *
db_text (const char *path, const char *sql)
{
  sqlite3 *db = db_open (path);
  sqlite3_stmt *st = NULL;
  char *ret = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    ret = g_strdup (sqlite3_column_text (st, 0) ? (const char *) sqlite3_column_text (st, 0) : "");
  sqlite3_finalize (st);
  sqlite3_close (db);
  return ret;
}

static inline gint64
db_int (const char *path, const char *sql)
{
  g_autofree char *text = db_text (path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static inline void
assert_mode (const char *path, guint mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, mode);
}

/* Each test gets a temp dir; the history goes two levels below it. */
typedef struct {
  char *dir;
  char *state;      /* dir/state: the place made unreachable in one test */
  char *path;       /* dir/state/mobed/history.db */
} Fixture;

static inline void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("mobed-history-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->state = g_build_filename (f->dir, "state", NULL);
  f->path = g_build_filename (f->state, "mobed", "history.db", NULL);
}

static inline void
teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->state);
  g_free (f->dir);
}

static inline void
make_parent (Fixture *f)
{
  g_autofree char *parent = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
}

static inline void
assert_fresh_schema (const char *path)
{
  g_autofree char *mode = db_text (path, "PRAGMA journal_mode");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (db_int (path, "PRAGMA user_version"), ==, MOBED_HISTORY_SCHEMA);
}

static inline GArray *
query_all (MobedHistory *h)
{
  g_autoptr(GError) error = NULL;
  GArray *rows = mobed_history_query (h, G_MININT64, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows != NULL ? rows : g_array_new (FALSE, TRUE, sizeof (MobedHistoryRow));
}

/* Makes the place of @f->path impossible to create: a 0500 parent where
 * that stops writes, and where it does not (root), a regular file there. */
static inline gboolean
block_place (Fixture *f)
{
  g_autofree char *probe = g_build_filename (f->state, "probe", NULL);
  gboolean modes_work;

  g_assert_cmpint (g_mkdir (f->state, 0500), ==, 0);
  modes_work = access (f->state, W_OK) != 0 && g_mkdir (probe, 0700) < 0;
  g_rmdir (probe);
  if (!modes_work)
    {
      g_assert_cmpint (g_rmdir (f->state), ==, 0);
      g_assert_true (g_file_set_contents (f->state, "not a directory", -1, NULL));
    }
  return modes_work;
}

static inline void
unblock_place (Fixture *f, gboolean modes_work)
{
  if (modes_work)
    g_assert_cmpint (g_chmod (f->state, 0700), ==, 0);
  else
    {
      g_assert_cmpint (g_unlink (f->state), ==, 0);
      g_assert_cmpint (g_mkdir (f->state, 0700), ==, 0);
    }
}

/* The pauses as mobed_history_pauses() reads them, newest first:
 * "start-end:reason@offset", start and end in minutes from NOW_US, end
 * "open" while it runs. */
static inline char *
pauses_text (MobedHistory *h, gint64 since_us, guint limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pauses = mobed_history_pauses (h, since_us, limit, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (pauses);
  for (guint i = 0; pauses != NULL && i < pauses->len; i++)
    {
      const MobedHistoryPause *p = &g_array_index (pauses, MobedHistoryPause, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT "-", i ? " " : "",
                              (p->start_us - NOW_US) / MINUTE_US);
      if (p->end_us == 0)
        g_string_append (out, "open");
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT, (p->end_us - NOW_US) / MINUTE_US);
      g_string_append_printf (out, ":%s@%d", p->reason, p->utc_offset_s);
    }
  return g_string_free (out, FALSE);
}

#define ASSERT_PAUSES(h, since, limit, expected) \
  G_STMT_START { \
    g_autofree char *text_ = pauses_text (h, since, limit); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-history-migrate.c — history files mobed did not write at the current
 * schema: every earlier schema migrated forward keeping its rows, and
 * damaged or too-new files moved aside byte for byte (never deleted) with
 * a fresh history in their place.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "store/history.h"
#include "history-test-util.h"

/* The first migration in history.c (0 → 1), copied: a v1 file as an old
 * mobed wrote it. */
static const char v1_schema[] =
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
  "  end_us INTEGER);";

static void
test_migrate_v0 (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedHistory) h = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  MobedHistoryRow row = test_row (NOW_US, MOBED_OUTCOME_DONE, 1);

  make_parent (f);
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  h = mobed_history_open (f->path, NOW_US);
  g_assert_null (mobed_history_moved_to (h));
  g_assert_null (mobed_history_problem (h));
  g_assert_true (mobed_history_add (h, &row, &error));
  all = query_all (h);
  g_assert_cmpuint (all->len, ==, 1);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &row);
  assert_fresh_schema (f->path);
  g_assert_cmpint (count_files (f->path), ==, 0);
}

static void
test_migrate_v1 (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedHistory) h = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  MobedHistoryRow old = test_row (NOW_US - 60 * MINUTE_US, MOBED_OUTCOME_DONE, 2);
  MobedHistoryRow now = test_row (NOW_US, MOBED_OUTCOME_DONE, 2);
  sqlite3 *db;

  make_parent (f);
  db = db_open (f->path);
  db_exec (db, v1_schema);
  db_exec (db, "INSERT INTO breaks VALUES (7, 1774742523000000, 1774742613000000, 7200, 'done', 2);"
               "INSERT INTO break_drills VALUES (7, 0, 'neck-rolls', 8, 8, 3, 1);"
               "INSERT INTO break_drills VALUES (7, 1, 'hip-circles', 10, 10, 4, 2);"
               "PRAGMA user_version = 1;");
  sqlite3_close (db);

  h = mobed_history_open (f->path, NOW_US);
  g_assert_null (mobed_history_moved_to (h));
  g_assert_null (mobed_history_problem (h));
  assert_fresh_schema (f->path);

  /* The old row as test_row would have made it, but regions and sitting
   * unknown. */
  old.id = 7;
  old.drills[0].regions = old.drills[1].regions = 0;
  old.sat_s = 0;
  all = query_all (h);
  g_assert_cmpuint (all->len, ==, 1);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &old);

  g_assert_true (mobed_history_add (h, &now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (now.id, >, 7);
  g_clear_pointer (&all, g_array_unref);
  all = query_all (h);
  g_assert_cmpuint (all->len, ==, 2);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &now);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 1), &old);
}

/* A v3 file (before pauses had reasons or offsets): its pauses get ''
 * as their reason and the offset the local zone gives their start, an
 * open one can still be closed, and new ones keep theirs. */
static void
test_migrate_v3 (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedHistory) h = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pauses = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));
  sqlite3 *db;

  make_parent (f);
  db = db_open (f->path);
  db_exec (db, v1_schema);
  /* Migrations 1 → 2 and 2 → 3 of history.c, copied. */
  db_exec (db, "ALTER TABLE break_drills ADD COLUMN regions TEXT NOT NULL DEFAULT '';"
               "ALTER TABLE breaks ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;"
               "INSERT INTO pauses VALUES (4, 1774742523000000, 1774742823000000);"
               "INSERT INTO pauses VALUES (5, 1774743523000000, NULL);"
               "PRAGMA user_version = 3;");
  sqlite3_close (db);

  /* The zone the migration reads, fixed: five and a half hours east. */
  g_setenv ("TZ", "<+0530>-5:30", TRUE);
  tzset ();
  h = mobed_history_open (f->path, NOW_US);
  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
  g_assert_null (mobed_history_moved_to (h));
  g_assert_null (mobed_history_problem (h));
  assert_fresh_schema (f->path);
  g_assert_true (mobed_history_pause_end (h, NOW_US - 10 * MINUTE_US, &error));
  g_assert_true (mobed_history_pause_begin (h, NOW_US, -7 * 3600, "meeting", &error));
  g_assert_no_error (error);
  rows = db_text (f->path, "SELECT group_concat(id || ':' || ifnull(end_us, 'open') || ':'"
                           " || reason || ':' || utc_offset_s, ' ')"
                           " FROM (SELECT * FROM pauses ORDER BY id)");
  g_assert_cmpstr (rows, ==, "4:1774742823000000::19800 5:1774745523000000::19800 "
                             "6:open:meeting:-25200");
  pauses = mobed_history_pauses (h, G_MININT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pauses->len, ==, 3);
  g_assert_cmpint (g_array_index (pauses, MobedHistoryPause, 2).start_us, ==, 1774742523000000);
  g_assert_cmpint (g_array_index (pauses, MobedHistoryPause, 2).utc_offset_s, ==, 19800);
  g_assert_cmpstr (g_array_index (pauses, MobedHistoryPause, 2).reason, ==, "");
}

/* A v6 file (before walks): every break, drill and pause is still there,
 * the old breaks read as drills with their sitting unknown, and walks are
 * written and read beside them. */
static void
test_migrate_v6 (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedHistory) h = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *expected = NULL;
  MobedHistoryRow old = test_row (NOW_US - 60 * MINUTE_US, MOBED_OUTCOME_DONE, 2);
  MobedHistoryRow walk = test_row (NOW_US, MOBED_OUTCOME_DONE, 0);
  sqlite3 *db;

  make_parent (f);
  db = db_open (f->path);
  db_exec (db, v1_schema);
  /* Migrations 1 → 6 of history.c that touch breaks and pauses, copied
   * (the focus tables are not read here). */
  db_exec (db, "ALTER TABLE break_drills ADD COLUMN regions TEXT NOT NULL DEFAULT '';"
               "ALTER TABLE breaks ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;"
               "ALTER TABLE pauses ADD COLUMN reason TEXT NOT NULL DEFAULT '';"
               "ALTER TABLE pauses ADD COLUMN utc_offset_s INTEGER NOT NULL DEFAULT 0;"
               "INSERT INTO breaks VALUES (7, 1774742523000000, 1774742613000000, 7200, 'done',"
               "  2, 0);"
               "INSERT INTO break_drills VALUES (7, 0, 'neck-rolls', 8, 8, 3, 1,"
               "  'neck;shoulders');"
               "INSERT INTO break_drills VALUES (7, 1, 'hip-circles', 10, 10, 4, 2,"
               "  'hips;low-back;legs');"
               "INSERT INTO breaks VALUES (8, 1774742700000000, 1774742790000000, 7200, 'natural',"
               "  0, 0);"
               "INSERT INTO pauses VALUES (4, 1774742523000000, 1774742823000000, 'meeting', 3600);"
               "PRAGMA user_version = 6;");
  sqlite3_close (db);

  /* Only 6 → 7 runs: the focus tables, which it does not touch, are
   * left out of this file. */
  h = mobed_history_open (f->path, NOW_US);
  g_assert_null (mobed_history_moved_to (h));
  g_assert_null (mobed_history_problem (h));
  assert_fresh_schema (f->path);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM break_drills"), ==, 2);
  g_assert_cmpint (db_int (f->path, "SELECT count(*) FROM pauses"), ==, 1);

  old.id = 7;
  old.sat_s = 0;
  g_assert_true (mobed_history_add (h, &walk, &error));
  g_assert_no_error (error);
  all = query_all (h);
  g_assert_cmpuint (all->len, ==, 3);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &walk);
  g_assert_cmpint (g_array_index (all, MobedHistoryRow, 0).kind, ==, MOBED_BREAK_WALK);
  g_assert_cmpint (g_array_index (all, MobedHistoryRow, 1).id, ==, 8);
  g_assert_cmpint (g_array_index (all, MobedHistoryRow, 1).kind, ==, MOBED_BREAK_DRILLS);
  g_assert_cmpint (g_array_index (all, MobedHistoryRow, 1).outcome, ==, MOBED_OUTCOME_NATURAL);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 2), &old);
  kinds = db_text (f->path, "SELECT group_concat(id || ':' || kind || ':' || sat_s, ' ')"
                            " FROM (SELECT * FROM breaks ORDER BY id)");
  expected = g_strdup_printf ("7:drills:0 8:drills:0 %" G_GINT64_FORMAT ":walk:3600", walk.id);
  g_assert_cmpstr (kinds, ==, expected);
}

/* Opens @f->path, which holds @bytes, and checks it went to the side
 * unchanged and a new history works in its place. */
static void
assert_moved_aside (Fixture *f, const char *bytes, gsize len)
{
  g_autofree char *moved = g_strconcat (f->path, ".corrupt-" STAMP, NULL);
  g_autofree char *moved_bytes = NULL;
  g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  MobedHistoryRow row = test_row (NOW_US, MOBED_OUTCOME_SKIPPED, 2);
  gsize moved_len = 0;

  g_assert_cmpstr (mobed_history_moved_to (h), ==, moved);
  g_assert_nonnull (mobed_history_problem (h));
  g_assert_nonnull (strstr (mobed_history_problem (h) ? mobed_history_problem (h) : "", moved));
  g_test_message ("%s", mobed_history_problem (h));
  g_assert_false (mobed_history_in_memory (h));
  g_assert_true (g_file_get_contents (moved, &moved_bytes, &moved_len, NULL));
  g_assert_cmpmem (moved_bytes, moved_len, bytes, len);
  g_assert_cmpuint (count_files (f->path), ==, 1);

  all = query_all (h);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_true (mobed_history_add (h, &row, &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_array_unref);
  all = query_all (h);
  g_assert_cmpuint (all->len, ==, 1);
  assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &row);
  assert_fresh_schema (f->path);
  assert_mode (f->path, 0600);
}

static void
test_garbage (Fixture *f, gconstpointer data)
{
  char bytes[5000];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) (i * 7 + 3);
  make_parent (f);
  g_assert_true (g_file_set_contents (f->path, bytes, sizeof bytes, NULL));
  assert_moved_aside (f, bytes, sizeof bytes);
}

/* A real history with @n rows of two drills, closed; its bytes. */
static char *
write_real (Fixture *f, guint n, gsize *len)
{
  char *bytes = NULL;

  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
    for (guint i = 0; i < n; i++)
      {
        MobedHistoryRow row = test_row (NOW_US + i * MINUTE_US, MOBED_OUTCOME_DONE, 2);
        g_assert_true (mobed_history_add (h, &row, NULL));
      }
  }
  g_assert_true (g_file_get_contents (f->path, &bytes, len, NULL));
  return bytes;
}

static void
test_truncated (Fixture *f, gconstpointer data)
{
  gsize len;
  g_autofree char *bytes = write_real (f, 20, &len);

  g_assert_cmpuint (len, >, 1500);
  g_assert_true (g_file_set_contents (f->path, bytes, 1500, NULL));
  assert_moved_aside (f, bytes, 1500);
}

static void
test_future (Fixture *f, gconstpointer data)
{
  g_autofree char *bytes = NULL;
  gsize len;
  sqlite3 *db;

  make_parent (f);
  db = db_open (f->path);
  db_exec (db, "CREATE TABLE breaks (id INTEGER PRIMARY KEY, what TEXT);"
               "INSERT INTO breaks (what) VALUES ('from a newer mobed');"
               "PRAGMA user_version = 99;");
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  assert_moved_aside (f, bytes, len);
}

/* A multi-page file whose header is fine but whose breaks table is noise:
 * only PRAGMA quick_check can tell. */
static void
test_quick_check (Fixture *f, gconstpointer data)
{
  gsize len;
  g_autofree char *bytes = write_real (f, 60, &len);
  gint64 page_size = db_int (f->path, "PRAGMA page_size");
  gint64 root = db_int (f->path, "SELECT rootpage FROM sqlite_master WHERE name = 'breaks'");

  g_assert_cmpint (len / page_size, >=, 3);
  g_assert_cmpint (root, >, 1);
  g_assert_cmpint (root * page_size, <=, (gint64) len);
  memset (bytes + (root - 1) * page_size, 0xa5, page_size);
  g_assert_true (g_file_set_contents (f->path, bytes, len, NULL));
  assert_moved_aside (f, bytes, len);
}

/* "Never deleted": a second damaged file in the same second must not
 * replace the first one moved aside. */
static void
test_moved_twice (Fixture *f, gconstpointer data)
{
  g_autofree char *moved = g_strconcat (f->path, ".corrupt-" STAMP, NULL);
  g_autofree char *first = NULL;

  make_parent (f);
  g_assert_true (g_file_set_contents (f->path, "first damaged history, not SQLite", -1, NULL));
  mobed_history_free (mobed_history_open (f->path, NOW_US));
  g_assert_true (g_file_set_contents (f->path, "second damaged history", -1, NULL));
  mobed_history_free (mobed_history_open (f->path, NOW_US));

  g_assert_cmpint (count_files (f->path), ==, 2);
  g_assert_true (g_file_get_contents (moved, &first, NULL, NULL));
  g_assert_cmpstr (first, ==, "first damaged history, not SQLite");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check fails its test, and the others still run. */
  g_test_set_nonfatal_assertions ();
#define ADD(path, fn) g_test_add ("/history/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("migrate/v0", test_migrate_v0);
  ADD ("migrate/v1", test_migrate_v1);
  ADD ("migrate/v3", test_migrate_v3);
  ADD ("migrate/v6", test_migrate_v6);
  ADD ("damaged/garbage", test_garbage);
  ADD ("damaged/truncated", test_truncated);
  ADD ("damaged/future", test_future);
  ADD ("damaged/quick-check", test_quick_check);
  ADD ("damaged/twice-same-second", test_moved_twice);
#undef ADD
  return g_test_run ();
}

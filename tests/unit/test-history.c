/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-history.c — the SQLite break log: a private file in WAL mode at the
 * current schema, rows round-tripped field by field, forward migrations from
 * every earlier schema, damaged or too-new files moved aside byte for byte,
 * an unwritable place keeping rows in memory until it can write them, and
 * pauses as intervals, read back with what waits in memory. Crash safety
 * is the integration tests' job.
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
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

/* 2026-03-29 01:02:03 UTC, the time damaged files are moved aside at. */
#define NOW_US G_GINT64_CONSTANT (1774746123000000)
#define STAMP "20260329T010203Z"
#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static void
test_fresh (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  MobedHistoryRow row = test_row (NOW_US, MOBED_OUTCOME_DONE, 2);

  g_assert_false (mobed_history_in_memory (h));
  g_assert_null (mobed_history_problem (h));
  g_assert_null (mobed_history_moved_to (h));
  assert_mode (f->state, 0700);
  assert_mode (parent, 0700);
  assert_mode (f->path, 0600);

  g_assert_true (mobed_history_add (h, &row, &error));
  g_assert_no_error (error);
  assert_mode (wal, 0600);
  assert_fresh_schema (f->path);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  MobedHistoryRow rows[6], old5;
  const MobedOutcome outcomes[] = {
    MOBED_OUTCOME_NATURAL, MOBED_OUTCOME_DONE, MOBED_OUTCOME_SKIPPED,
    MOBED_OUTCOME_DISMISSED, MOBED_OUTCOME_MISSED, MOBED_OUTCOME_DONE,
  };

  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
    gint64 last_id = 0;

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        rows[i] = test_row (NOW_US + i * 20 * MINUTE_US, outcomes[i], i % 3);
        rows[i].snoozes = i;
        rows[i].utc_offset_s = i % 2 ? -5 * 3600 : 9 * 3600 + 1800;
        /* None, one, and every reason a break can be held for. */
        rows[i].held_by = i == 2 ? MOBED_DEFER_MICROPHONE
                          : i == 3 ? (1u << MOBED_DEFER_COUNT) - 1 : 0;
        g_assert_true (mobed_history_add (h, &rows[i], &error));
        g_assert_no_error (error);
        g_assert_cmpint (rows[i].id, >, last_id);    /* ids increase */
        last_id = rows[i].id;
      }
  }
  /* Every region and a longest id survive; a second row under an older id. */
  old5 = rows[5];
  memset (rows[5].drills[1].drill_id, 'x', MOBED_HISTORY_ID_MAX - 1);
  rows[5].drills[1].drill_id[MOBED_HISTORY_ID_MAX - 1] = '\0';
  rows[5].drills[1].regions = (1u << MOBED_REGION_COUNT) - 1;
  rows[5].due_us += 1;
  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
    g_autoptr(GArray) all = NULL;
    g_autoptr(GArray) two = NULL;
    g_autoptr(GArray) since = NULL;

    g_assert_true (mobed_history_add (h, &rows[5], &error));
    g_assert_no_error (error);
    g_assert_cmpint (rows[5].id, >, rows[4].id);

    all = query_all (h);       /* newest first, from a fresh open */
    g_assert_cmpuint (all->len, ==, 7);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &rows[5]);
    for (guint i = 1; i < 7; i++)
      assert_row_equal (&g_array_index (all, MobedHistoryRow, i), i == 1 ? &old5 : &rows[6 - i]);

    two = mobed_history_query (h, G_MININT64, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (two->len, ==, 2);
    assert_row_equal (&g_array_index (two, MobedHistoryRow, 0), &rows[5]);

    since = mobed_history_query (h, rows[3].due_us, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (since->len, ==, 4);       /* rows 3, 4 and both 5s */
    assert_row_equal (&g_array_index (since, MobedHistoryRow, 3), &rows[3]);
    g_assert_cmpint (g_array_index (since, MobedHistoryRow, 0).due_us, >=, rows[3].due_us);
  }
}

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

static void
test_unwritable (Fixture *f, gconstpointer data)
{
  gboolean modes_work = block_place (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  MobedHistoryRow first = test_row (NOW_US, MOBED_OUTCOME_DONE, 2);
  MobedHistoryRow second = test_row (NOW_US + 15 * MINUTE_US, MOBED_OUTCOME_SKIPPED, 1);

  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);

    g_assert_true (mobed_history_in_memory (h));
    g_assert_nonnull (mobed_history_problem (h));
    g_assert_null (mobed_history_moved_to (h));
    g_assert_false (mobed_history_add (h, &first, &error));
    g_assert_error (error, MOBED_HISTORY_ERROR, SQLITE_CANTOPEN);
    g_clear_error (&error);
    g_assert_cmpint (first.id, !=, 0);
    all = query_all (h);
    g_assert_cmpuint (all->len, ==, 1);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &first);
    g_clear_pointer (&all, g_array_unref);

    unblock_place (f, modes_work);
    g_assert_true (mobed_history_add (h, &second, &error));
    g_assert_no_error (error);
    g_assert_false (mobed_history_in_memory (h));
    g_assert_null (mobed_history_problem (h));
    g_assert_cmpint (second.id, >, 0);
    all = query_all (h);
    g_assert_cmpuint (all->len, ==, 2);
    g_clear_pointer (&all, g_array_unref);
  }

  /* On disk, each exactly once, first written first. */
  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);

    all = query_all (h);
    g_assert_cmpuint (all->len, ==, 2);
    first.id = g_array_index (all, MobedHistoryRow, 1).id;
    g_assert_cmpint (first.id, >, 0);
    g_assert_cmpint (first.id, <, second.id);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &second);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 1), &first);
  }
  assert_mode (f->path, 0600);
}

/* The pauses as mobed_history_pauses() reads them, newest first:
 * "start-end:reason@offset", start and end in minutes from NOW_US, end
 * "open" while it runs. */
static char *
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

static void
test_pauses (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);

    g_assert_true (mobed_history_pause_begin (h, NOW_US, 3600, NULL, &error));
    g_assert_true (mobed_history_pause_end (h, NOW_US + 30 * MINUTE_US, &error));
    g_assert_true (mobed_history_pause_begin (h, NOW_US + 90 * MINUTE_US, -18000, "meeting",
                                              &error));
    g_assert_no_error (error);
    rows = db_text (f->path, "SELECT group_concat(id || ':' || start_us || '-'"
                             " || ifnull(end_us, 'open') || ':' || reason || '@' || utc_offset_s,"
                             " ' ') FROM (SELECT * FROM pauses ORDER BY id)");
    g_assert_cmpstr (rows, ==, "1:1774746123000000-1774747923000000:@3600 "
                               "2:1774751523000000-open:meeting@-18000");
    ASSERT_PAUSES (h, G_MININT64, 0, "90-open:meeting@-18000 0-30:@3600");
    g_assert_true (mobed_history_pause_end (h, NOW_US + 100 * MINUTE_US, &error));
    g_assert_true (mobed_history_pause_begin (h, NOW_US + 100 * MINUTE_US, 0, "lunch · 🍜",
                                              &error));
    g_assert_no_error (error);
  }
  /* From the file alone, with limit and since as for breaks. */
  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
    g_autoptr(GArray) breaks = NULL;

    ASSERT_PAUSES (h, G_MININT64, 0, "100-open:lunch · 🍜@0 90-100:meeting@-18000 0-30:@3600");
    ASSERT_PAUSES (h, G_MININT64, 2, "100-open:lunch · 🍜@0 90-100:meeting@-18000");
    ASSERT_PAUSES (h, NOW_US + 90 * MINUTE_US, 0, "100-open:lunch · 🍜@0 90-100:meeting@-18000");
    ASSERT_PAUSES (h, NOW_US + 91 * MINUTE_US, 1, "100-open:lunch · 🍜@0");
    ASSERT_PAUSES (h, NOW_US + 101 * MINUTE_US, 0, "");
    /* Closed between uses, the file is opened again to read. */
    mobed_history_close_idle (h);
    ASSERT_PAUSES (h, G_MININT64, 1, "100-open:lunch · 🍜@0");
    breaks = query_all (h);
    g_assert_cmpuint (breaks->len, ==, 0);      /* pauses are not breaks */
  }
}

/* A pause begun while nothing can be written is written later. */
static void
test_unwritable_pause (Fixture *f, gconstpointer data)
{
  gboolean modes_work = block_place (f);
  g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
  g_autofree char *open = NULL;
  MobedHistoryRow row = test_row (NOW_US + 120 * MINUTE_US, MOBED_OUTCOME_DONE, 0);

  g_assert_false (mobed_history_pause_begin (h, NOW_US, 3600, NULL, NULL));
  ASSERT_PAUSES (h, G_MININT64, 0, "0-open:@3600");
  unblock_place (f, modes_work);
  g_assert_true (mobed_history_add (h, &row, NULL));
  open = db_text (f->path, "SELECT start_us || '-' || ifnull(end_us, 'open') FROM pauses");
  g_assert_cmpstr (open, ==, "1774746123000000-open");
  ASSERT_PAUSES (h, G_MININT64, 0, "0-open:@3600");      /* once, from the file */
  g_assert_true (mobed_history_pause_end (h, NOW_US + 60 * MINUTE_US, NULL));
  ASSERT_PAUSES (h, G_MININT64, 0, "0-60:@3600");
  g_clear_pointer (&open, g_free);
  open = db_text (f->path, "SELECT start_us || '-' || end_us FROM pauses");
  g_assert_cmpstr (open, ==, "1774746123000000-1774749723000000");
}

/* A whole pause while nothing can be written is kept too, not dropped. */
static void
test_unwritable_whole_pause (Fixture *f, gconstpointer data)
{
  gboolean modes_work = block_place (f);
  g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
  g_autofree char *closed = NULL;
  MobedHistoryRow row = test_row (NOW_US + 120 * MINUTE_US, MOBED_OUTCOME_DONE, 0);

  g_assert_false (mobed_history_pause_begin (h, NOW_US, -3600, "dentist · 3 pm", NULL));
  g_assert_false (mobed_history_pause_end (h, NOW_US + 60 * MINUTE_US, NULL));
  g_assert_false (mobed_history_pause_begin (h, NOW_US + 90 * MINUTE_US, -3600, "meeting", NULL));
  /* Read from memory: the file cannot be opened. */
  ASSERT_PAUSES (h, G_MININT64, 0, "90-open:meeting@-3600 0-60:dentist · 3 pm@-3600");
  ASSERT_PAUSES (h, NOW_US + 30 * MINUTE_US, 0, "90-open:meeting@-3600");
  ASSERT_PAUSES (h, G_MININT64, 1, "90-open:meeting@-3600");
  g_assert_false (mobed_history_pause_end (h, NOW_US + 100 * MINUTE_US, NULL));
  unblock_place (f, modes_work);
  g_assert_true (mobed_history_add (h, &row, NULL));
  ASSERT_PAUSES (h, G_MININT64, 0, "90-100:meeting@-3600 0-60:dentist · 3 pm@-3600");
  closed = db_text (f->path, "SELECT group_concat(start_us || '-' || ifnull(end_us, 'open') || ':'"
                             " || reason, ' ') FROM (SELECT * FROM pauses ORDER BY id)");
  g_assert_cmpstr (closed, ==, "1774746123000000-1774749723000000:dentist · 3 pm "
                               "1774751523000000-1774752123000000:meeting");
}

/* From now on the file @wal cannot grow: the next write fails as on a
 * full disk. */
typedef struct {
  struct rlimit saved;
  void (*old_handler) (int);
} SizeLimit;

static void
limit_size (const char *wal, SizeLimit *limit)
{
  struct rlimit small;
  GStatBuf st;

  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit->saved), ==, 0);
  small = limit->saved;
  small.rlim_cur = st.st_size;
  limit->old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
}

static void
unlimit_size (SizeLimit *limit)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit->saved), ==, 0);
  signal (SIGXFSZ, limit->old_handler);
}

/* A write that fails with the file open (a full disk, here a file size
 * limit) keeps the row and writes it with the next one. */
static void
test_write_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  MobedHistoryRow first = test_row (NOW_US, MOBED_OUTCOME_DONE, 2);
  MobedHistoryRow second = test_row (NOW_US + 15 * MINUTE_US, MOBED_OUTCOME_DONE, 1);
  MobedHistoryRow third = test_row (NOW_US + 30 * MINUTE_US, MOBED_OUTCOME_MISSED, 0);
  SizeLimit limit;

  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);

    g_assert_true (mobed_history_add (h, &first, &error));
    limit_size (wal, &limit);
    g_assert_false (mobed_history_add (h, &second, &error));
    unlimit_size (&limit);
    g_assert_nonnull (error);
    if (error != NULL)
      {
        g_test_message ("the write failed as wanted: %s", error->message);
        g_assert_true (error->domain == MOBED_HISTORY_ERROR);
      }
    g_clear_error (&error);
    all = query_all (h);
    g_assert_cmpuint (all->len, ==, 2);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &second);

    g_assert_true (mobed_history_add (h, &third, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);

    g_clear_pointer (&all, g_array_unref);
    all = query_all (h);
    g_assert_cmpuint (all->len, ==, 3);
    g_assert_cmpint (g_array_index (all, MobedHistoryRow, 1).due_us, ==, second.due_us);
  }
}

/* The end of a pause open in the file, when it cannot be written, waits
 * in memory like a row: it shows when read and closes that pause later,
 * not a pause begun after it. */
static void
test_pause_end_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *rows = NULL;
  MobedHistoryRow row = test_row (NOW_US + 120 * MINUTE_US, MOBED_OUTCOME_DONE, 1);
  SizeLimit limit;

  {
    g_autoptr(MobedHistory) h = mobed_history_open (f->path, NOW_US);
    g_autoptr(GError) error = NULL;

    g_assert_true (mobed_history_pause_begin (h, NOW_US, 7200, "meeting", NULL));
    limit_size (wal, &limit);
    g_assert_false (mobed_history_pause_end (h, NOW_US + 45 * MINUTE_US, &error));
    g_assert_false (mobed_history_pause_begin (h, NOW_US + 60 * MINUTE_US, 7200, NULL, NULL));
    unlimit_size (&limit);
    g_assert_nonnull (error);
    rows = db_text (f->path, "SELECT ifnull(end_us, 'open') FROM pauses");
    g_assert_cmpstr (rows, ==, "open");
    ASSERT_PAUSES (h, G_MININT64, 0, "60-open:@7200 0-45:meeting@7200");
    g_assert_true (mobed_history_add (h, &row, NULL));
    ASSERT_PAUSES (h, G_MININT64, 0, "60-open:@7200 0-45:meeting@7200");
  }
  g_clear_pointer (&rows, g_free);
  rows = db_text (f->path, "SELECT group_concat(start_us || '-' || ifnull(end_us, 'open') || ':'"
                           " || reason, ' ') FROM (SELECT * FROM pauses ORDER BY id)");
  g_assert_cmpstr (rows, ==, "1774746123000000-1774748823000000:meeting 1774749723000000-open:");
}

/* ":memory:" is SQLite's database in memory: no file of that name (or its
 * -wal) appears where mobed runs, and rows still round-trip. */
static void
test_in_memory (Fixture *f, gconstpointer data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  MobedHistoryRow first = test_row (NOW_US, MOBED_OUTCOME_DONE, 2);
  MobedHistoryRow second = test_row (NOW_US + 15 * MINUTE_US, MOBED_OUTCOME_SKIPPED, 1);

  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  {
    g_autoptr(MobedHistory) h = mobed_history_open (":memory:", NOW_US);

    g_assert_false (mobed_history_in_memory (h));   /* nothing went wrong */
    g_assert_null (mobed_history_problem (h));
    g_assert_true (mobed_history_add (h, &first, &error));
    g_assert_true (mobed_history_pause_begin (h, NOW_US + 5 * MINUTE_US, 0, NULL, &error));
    g_assert_true (mobed_history_pause_end (h, NOW_US + 10 * MINUTE_US, &error));
    g_assert_true (mobed_history_add (h, &second, &error));
    g_assert_no_error (error);
    g_assert_cmpint (first.id, >, 0);
    g_assert_cmpint (second.id, >, first.id);
    all = query_all (h);
    g_assert_cmpuint (all->len, ==, 2);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 0), &second);
    assert_row_equal (&g_array_index (all, MobedHistoryRow, 1), &first);
  }
  g_assert_false (g_file_test (":memory:", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (":memory:-wal", G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check fails its test, and the others still run. */
  g_test_set_nonfatal_assertions ();
#define ADD(path, fn) g_test_add ("/history/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("fresh", test_fresh);
  ADD ("round-trip", test_round_trip);
  ADD ("migrate/v0", test_migrate_v0);
  ADD ("migrate/v1", test_migrate_v1);
  ADD ("migrate/v3", test_migrate_v3);
  ADD ("migrate/v6", test_migrate_v6);
  ADD ("damaged/garbage", test_garbage);
  ADD ("damaged/truncated", test_truncated);
  ADD ("damaged/future", test_future);
  ADD ("damaged/quick-check", test_quick_check);
  ADD ("damaged/twice-same-second", test_moved_twice);
  ADD ("unwritable/rows", test_unwritable);
  ADD ("unwritable/pause-begun", test_unwritable_pause);
  ADD ("unwritable/pause-whole", test_unwritable_whole_pause);
  ADD ("write-failure", test_write_failure);
  ADD ("write-failure/pause-end", test_pause_end_failure);
  ADD ("pauses", test_pauses);
  ADD ("in-memory", test_in_memory);
#undef ADD
  return g_test_run ();
}

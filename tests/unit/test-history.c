/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-history.c — the SQLite break log: a private file in WAL mode at the
 * current schema, rows round-tripped field by field, pauses as intervals
 * read back newest first, and ":memory:" leaving no file behind. Older and
 * damaged files: test-history-migrate.c; a place or disk that cannot be
 * written: test-history-unwritable.c. Crash safety is the integration
 * tests' job.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "store/history.h"
#include "history-test-util.h"

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
  ADD ("pauses", test_pauses);
  ADD ("in-memory", test_in_memory);
#undef ADD
  return g_test_run ();
}

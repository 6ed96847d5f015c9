/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-history-unwritable.c — a history that cannot write: a place that
 * cannot be created keeps rows and pauses in memory until it can write
 * them, and a write that fails with the file open (a full disk) keeps the
 * row or pause end for the next write, losing nothing.
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "store/history.h"
#include "history-test-util.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check fails its test, and the others still run. */
  g_test_set_nonfatal_assertions ();
#define ADD(path, fn) g_test_add ("/history/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("unwritable/rows", test_unwritable);
  ADD ("unwritable/pause-begun", test_unwritable_pause);
  ADD ("unwritable/pause-whole", test_unwritable_whole_pause);
  ADD ("write-failure", test_write_failure);
  ADD ("write-failure/pause-end", test_pause_end_failure);
#undef ADD
  return g_test_run ();
}

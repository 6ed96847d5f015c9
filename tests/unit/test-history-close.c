/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-history-close.c — a history closed while idle
 * (mobed_history_close_idle) lets its file go (and with the connection,
 * SQLite's page cache), then opens it again for the next row or read,
 * losing nothing; a history in memory is never closed.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "store/history.h"

/* Whether this process has @path open. */
static gboolean
has_open (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *fd;

  while (dir != NULL && (fd = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", fd, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (g_strcmp0 (target, path) == 0)
        return TRUE;
    }
  return FALSE;
}

static MobedHistoryRow
row_at (gint64 due_us, MobedOutcome outcome)
{
  MobedHistoryRow row = {
    .due_us = due_us, .ended_us = due_us + 60 * G_USEC_PER_SEC, .utc_offset_s = 3600,
    .outcome = outcome, .n_drills = 1,
    .drills = { { "neck-rolls", 8, outcome == MOBED_OUTCOME_DONE ? 8 : 0, 3, 1, 0 } },
  };

  return row;
}

#define NOW_US G_GINT64_CONSTANT (1774746123000000)
#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static void
test_close_idle (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mobed-history-close-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  MobedHistory *h = mobed_history_open (path, NOW_US);
  MobedHistoryRow first = row_at (NOW_US, MOBED_OUTCOME_DONE);
  MobedHistoryRow second = row_at (NOW_US + 20 * MINUTE_US, MOBED_OUTCOME_SKIPPED);

  g_assert_true (has_open (path));
  g_assert_true (mobed_history_add (h, &first, &error));

  mobed_history_close_idle (h);
  g_assert_false (has_open (path));
  g_assert_false (mobed_history_in_memory (h));    /* closed is not lost */
  g_assert_null (mobed_history_problem (h));

  /* A write opens both again. */
  g_assert_true (mobed_history_add (h, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (second.id, >, first.id);
  mobed_history_close_idle (h);

  /* So does a read, and both rows are there. */
  rows = mobed_history_query (h, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows != NULL ? rows->len : 0, ==, 2);
  if (rows != NULL && rows->len == 2)
    {
      g_assert_cmpint (g_array_index (rows, MobedHistoryRow, 0).id, ==, second.id);
      g_assert_cmpint (g_array_index (rows, MobedHistoryRow, 1).outcome, ==, MOBED_OUTCOME_DONE);
    }

  /* Pauses too. */
  mobed_history_close_idle (h);
  g_assert_true (mobed_history_pause_begin (h, NOW_US + 30 * MINUTE_US, 3600, "meeting", &error));
  g_assert_no_error (error);

  mobed_history_free (h);
  g_assert_false (has_open (path));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* A database in memory cannot be closed and opened again: it stays. */
static void
test_memory_stays (void)
{
  g_autoptr(MobedHistory) h = mobed_history_open (":memory:", NOW_US);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  MobedHistoryRow row = row_at (NOW_US, MOBED_OUTCOME_DONE);

  g_assert_true (mobed_history_add (h, &row, &error));
  mobed_history_close_idle (h);
  rows = mobed_history_query (h, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows != NULL ? rows->len : 0, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
    g_test_add_func ("/history-close/history-close-idle", test_close_idle);
  g_test_add_func ("/history-close/history-in-memory-stays", test_memory_stays);
  return g_test_run ();
}

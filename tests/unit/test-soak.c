/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-soak.c — 30 working days at full speed through mobed's real core:
 * the scheduler (driven by sim.h's timer stand-in, with its checks on every
 * plan), the picker on the shipped drills.ini, and the history in a real
 * SQLite file in a temporary directory, written as the daemon writes it.
 *
 * Every day is the same script (arrive at 08:00, lunch away 12:00–12:45,
 * leave at 16:00; the breaks answered in a fixed cycle), so every day must
 * come out the same, and the numbers are checked against the counts worked
 * out below. Each evening the whole log is read back and the day's stats
 * computed, as `mobectl stats` makes the daemon do. At the end the file must
 * hold exactly the breaks the scheduler ended, and the heap must not have
 * grown after day 2 beyond HEAP_SLACK.
 *
 * The heap is mallinfo2()'s uordblks (bytes in use) in a plain build, with
 * glibc's per-thread cache off (meson sets GLIBC_TUNABLES; run by hand,
 * main() runs itself again with it): blocks parked there count as in use
 * and made the figure wander by ~15 KiB. Under ASan it is the sanitizer
 * allocator's count. Under valgrind neither sees the heap (both read 0);
 * memcheck's own leak check stands in there. SQLite's page cache grows
 * with the file (up to its cache_size), so its share is bounded by the
 * pages the file gained rather than held flat.
 */
#include <errno.h>
#include <malloc.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "sim.h"
#include "core/catalog.h"
#include "store/config-files.h"
#include "store/history.h"
#include "core/picker.h"
#include "core/stats.h"
#include "daemon/bus/stats-view.h"

#if defined(__SANITIZE_ADDRESS__)
/* From the sanitizer runtime's interface (sanitizer/allocator_interface.h,
 * which gcc's packages do not install). */
size_t __sanitizer_get_current_allocated_bytes (void);
#endif

#define DAYS 30
#define TCACHE_OFF "glibc.malloc.tcache_count=0"
/* Growth allowed after day 2 besides SQLite's page cache. One small block
 * (32 bytes with malloc's header) kept per break would be 22 KiB by day
 * 30. Measured: about 200 bytes. */
#define HEAP_SLACK (4 * 1024)
/* What SQLite's page cache may take per page the file gained: the page and
 * its bookkeeping. Measured: 4360 bytes for a 4096-byte page. */
#define PAGE_COST(page_size) ((page_size) + 512)

typedef enum { DONE, SKIP, SNOOZE, DISMISS, IGNORE, ANOTHER } Answer;

/* The answers, in turn, to the breaks of a day (after a snooze the break
 * comes back and is done). Seconds after the notification shows. */
static const struct { Answer answer; gint64 after; } cycle[] = {
  { DONE, 30 }, { DONE, 60 }, { SKIP, 5 }, { SNOOZE, 10 },
  { DISMISS, 3 }, { IGNORE, 0 }, { DONE, 45 }, { ANOTHER, 40 },
};

typedef struct {
  Sim          *sim;
  MobedCatalog *catalog;
  MobedPicker  *picker;
  MobedHistory *history;
  char         *dir, *path;
  MobedChoice   choice;
  GArray       *written;        /* MobedHistoryRow, as handed to the history */
  guint         today[MOBED_OUTCOME_NATURAL + 1];
  guint         today_snoozes;
  guint         picks;
} Soak;

static void
reserve (GArray *array, guint n)
{
  guint len = array->len;

  g_array_set_size (array, n);
  g_array_set_size (array, len);
}

static gsize
heap_in_use (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return __sanitizer_get_current_allocated_bytes ();
#else
  return mallinfo2 ().uordblks;
#endif
}

/* What the daemon does with a plan's record and new break (daemon.c's
 * carry_out, daemon-history.c's record_break), minus the desktop. */
static void
after_plan (Soak *s)
{
  const MobedPlan *plan = &s->sim->plan;

  if (plan->flags & MOBED_PLAN_RECORD)
    {
      const MobedRecord *rec = &plan->record;
      g_autoptr(GError) error = NULL;
      MobedHistoryRow row = {
        .due_us = rec->due_wall, .ended_us = rec->ended_wall, .utc_offset_s = 0,
        .outcome = rec->outcome, .snoozes = rec->snoozes, .escalated = rec->escalated,
      };

      if (rec->break_id != 0)
        mobed_stats_view_fill_row (&row, s->catalog, s->choice.items, s->choice.n,
                                   rec->outcome == MOBED_OUTCOME_DONE);
      g_assert_true (mobed_history_add (s->history, &row, &error));
      g_assert_no_error (error);
      g_assert_cmpint (row.id, >, 0);
      g_array_append_val (s->written, row);
      s->today[rec->outcome]++;
      s->today_snoozes += rec->snoozes;
    }
  if (plan->flags & MOBED_PLAN_NEW_BREAK)
    {
      g_assert_true (mobed_picker_pick (s->picker, &s->sim->config,
                                        (guint) (s->sim->now.wall / DAY), FALSE, &s->choice));
      s->picks++;
    }
}

static void
send (Soak *s, MobedEvent event)
{
  sim_ok (s->sim, event);
  after_plan (s);
}

/* The timer up to @target; FALSE at once if a break shows first (the sim
 * stops there), TRUE when @target is reached. */
static gboolean
run_to (Soak *s, gint64 target, MobedPlanFlags stop)
{
  while (sim_run (s->sim, target, MOBED_PLAN_RECORD | MOBED_PLAN_NEW_BREAK | stop))
    {
      after_plan (s);
      if (s->sim->plan.flags & stop)
        return FALSE;
    }
  return TRUE;
}

/* Answers the break on screen as the cycle says; a snoozed one comes back
 * and is done. Nothing is answered after @limit (the user left). */
static void
answer (Soak *s, guint k, gint64 limit)
{
  Answer a = cycle[k % G_N_ELEMENTS (cycle)].answer;
  gint64 at = s->sim->now.mono + cycle[k % G_N_ELEMENTS (cycle)].after * SEC;

  if (a == IGNORE || at >= limit)
    return;                     /* it expires, or the user leaves first */
  run_to (s, at, 0);
  g_assert_cmpint (mobed_scheduler_get_state (s->sim->sched), ==, MOBED_STATE_DUE);
  switch (a)
    {
    case DONE:
      send (s, EV (DONE));
      break;
    case SKIP:
      send (s, EV (SKIP));
      break;
    case DISMISS:
      send (s, EV (DISMISS));
      break;
    case ANOTHER:
      g_assert_true (mobed_picker_pick (s->picker, &s->sim->config,
                                        (guint) (s->sim->now.wall / DAY), TRUE, &s->choice));
      s->picks++;
      send (s, EV (DONE));
      break;
    case SNOOZE:
      send (s, EV_S (SNOOZE, s->sim->config.snooze_s));
      if (!run_to (s, limit, MOBED_PLAN_SHOW) && s->sim->now.mono + 20 * SEC < limit)
        {
          run_to (s, s->sim->now.mono + 20 * SEC, 0);
          send (s, EV (DONE));
        }
      break;
    case IGNORE:
    default:
      g_assert_not_reached ();
    }
}

/* At the desk from now until @limit, answering each break that shows. */
static void
work_until (Soak *s, gint64 limit, guint *k)
{
  while (!run_to (s, limit, MOBED_PLAN_SHOW))
    answer (s, (*k)++, limit);
}

static void
away_until (Soak *s, gint64 back)
{
  send (s, EV_AWAY (s->sim->now.mono));
  run_to (s, back, 0);
  send (s, EV (BACK));
}

/* The day's numbers from the file, through core/stats as the daemon
 * computes them for GetStats. */
static void
check_day_in_file (Soak *s, guint day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = mobed_history_query (s->history, 0, 0, &error);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (s->sim->now.wall / SEC);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");
  g_autoptr(MobedStats) stats = NULL;
  const MobedStatsDay *d;

  g_assert_no_error (error);
  stats = mobed_stats_compute ((const MobedHistoryRow *) rows->data, rows->len, date, 30, 8);
  g_assert_nonnull (stats);
  d = &g_array_index (stats->days, MobedStatsDay, stats->days->len - 1);
  g_assert_cmpstr (d->date, ==, date);
  g_assert_cmpuint (d->done, ==, s->today[MOBED_OUTCOME_DONE]);
  g_assert_cmpuint (d->skipped, ==, s->today[MOBED_OUTCOME_SKIPPED]);
  g_assert_cmpuint (d->dismissed, ==, s->today[MOBED_OUTCOME_DISMISSED]);
  g_assert_cmpuint (d->missed, ==, s->today[MOBED_OUTCOME_MISSED]);
  g_assert_cmpuint (d->natural, ==, s->today[MOBED_OUTCOME_NATURAL]);
  g_assert_cmpuint (d->snoozes, ==, s->today_snoozes);
  g_assert_cmpuint (stats->totals.offered, ==, MIN (day + 1, 30) * d->offered);
  g_assert_cmpuint (rows->len, ==, s->written->len);
}

/* Every row in the file is one the scheduler ended, and the other way round. */
static void
check_file_matches (Soak *s)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  guint i = 0;

  g_assert_cmpint (sqlite3_open_v2 (s->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT b.id, due_us, ended_us, outcome, snoozes,"
                                           " (SELECT count(*) FROM break_drills WHERE break_id = b.id),"
                                           " (SELECT group_concat(drill_id) FROM break_drills"
                                           "  WHERE break_id = b.id ORDER BY position)"
                                           " FROM breaks b ORDER BY b.id", -1, &st, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const MobedHistoryRow *w;
      GString *ids = g_string_new (NULL);

      g_assert_cmpuint (i, <, s->written->len);
      w = &g_array_index (s->written, MobedHistoryRow, i++);
      g_assert_cmpint (sqlite3_column_int64 (st, 0), ==, w->id);
      g_assert_cmpint (sqlite3_column_int64 (st, 1), ==, w->due_us);
      g_assert_cmpint (sqlite3_column_int64 (st, 2), ==, w->ended_us);
      g_assert_cmpstr ((const char *) sqlite3_column_text (st, 3), ==,
                       mobed_outcome_to_string (w->outcome));
      g_assert_cmpint (sqlite3_column_int (st, 4), ==, (int) w->snoozes);
      g_assert_cmpint (sqlite3_column_int (st, 5), ==, (int) w->n_drills);
      for (guint j = 0; j < w->n_drills; j++)
        g_string_append_printf (ids, "%s%s", j ? "," : "", w->drills[j].drill_id);
      g_assert_cmpstr ((const char *) sqlite3_column_text (st, 6), ==,
                       w->n_drills ? ids->str : NULL);
      g_string_free (ids, TRUE);
    }
  g_assert_cmpuint (i, ==, s->written->len);
  sqlite3_finalize (st);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (st, 0), ==, "ok");
  sqlite3_finalize (st);
  sqlite3_close (db);
}

/* The history file's size in pages, and the page size, through a connection
 * of our own (opened after the heap was read, closed before the next). */
static void
file_pages (const char *path, gint64 *pages, gint64 *page_size)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT page_count, page_size FROM"
                                           " pragma_page_count, pragma_page_size", -1, &st, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  *pages = sqlite3_column_int64 (st, 0);
  *page_size = sqlite3_column_int64 (st, 1);
  sqlite3_finalize (st);
  sqlite3_close (db);
}

static void
test_thirty_days (void)
{
  g_autofree char *ini = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "drills.ini",
                                                NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) figures = g_string_sized_new (64 * 1024);
  Soak s = { 0 };
  gsize heap[DAYS] = { 0 };
  gint64 cache[DAYS] = { 0 }, pages_day2 = 0, pages_end = 0, page_size = 0;
  gint64 midnight;
  guint first[MOBED_OUTCOME_NATURAL + 1] = { 0 }, first_snoozes = 0;

  s.sim = sim_new ();
  s.catalog = mobed_catalog_new ();
  g_assert_true (mobed_catalog_load (s.catalog, ini, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  s.picker = mobed_picker_new (s.catalog, 20261124);
  s.dir = g_dir_make_tmp ("mobed-soak-XXXXXX", &error);
  g_assert_no_error (error);
  s.path = g_build_filename (s.dir, "history.db", NULL);
  s.history = mobed_history_open (s.path, s.sim->now.wall);
  g_assert_null (mobed_history_problem (s.history));
  /* The test's own logs get all their room now, so that the heap figures
   * are mobed's: growing arrays here would look like a leak there. */
  s.written = g_array_sized_new (FALSE, FALSE, sizeof (MobedHistoryRow), 64 * DAYS);
  reserve (s.sim->records, 64 * DAYS);
  reserve (s.sim->shows, 64 * DAYS);
  g_byte_array_set_size (s.sim->ended, 64 * DAYS);
  g_byte_array_set_size (s.sim->ended, 1);

  /* Home until the first morning (UTC days; the rows say offset 0). */
  midnight = s.sim->now.mono + (DAY - s.sim->now.wall % DAY);
  away_until (&s, midnight + 8 * HOUR);

  for (guint day = 0; day < DAYS; day++)
    {
      guint k = 0;

      memset (s.today, 0, sizeof s.today);
      s.today_snoozes = 0;
      midnight = s.sim->now.mono - 8 * HOUR;
      work_until (&s, midnight + 12 * HOUR, &k);
      away_until (&s, midnight + 12 * HOUR + 45 * MINUTE);
      work_until (&s, midnight + 16 * HOUR, &k);
      send (&s, EV_AWAY (s.sim->now.mono));
      /* The evening's look at the stats, once leaving has been noted. */
      run_to (&s, midnight + 18 * HOUR, 0);
      check_day_in_file (&s, day);
      if (day == 0)
        {
          memcpy (first, s.today, sizeof first);
          first_snoozes = s.today_snoozes;
        }
      /* The same script every day: the same numbers. */
      g_assert_cmpmem (s.today, sizeof s.today, first, sizeof first);
      g_assert_cmpuint (s.today_snoozes, ==, first_snoozes);
      run_to (&s, midnight + DAY + 8 * HOUR, 0);
      send (&s, EV (BACK));
      heap[day] = heap_in_use ();
      cache[day] = sqlite3_memory_used ();
      g_string_append_printf (figures, "%s%zu", day ? " " : "", heap[day]);
      if (day == 1)
        file_pages (s.path, &pages_day2, &page_size);
    }

  /* What one day's script makes, worked out by hand (interval 15m,
   * expire-after 10m, snooze 5m, natural-break 2m; the count starts again
   * at each answer). Morning, breaks due 08:15:00, 08:30:30, …: done, done,
   * skipped, snoozed then done, dismissed, missed (09:37:08–09:47:08),
   * done, another then done, done, done, skipped, snoozed then done,
   * dismissed, and the one due 11:55:41 is still up when the user leaves
   * at 12:00: natural. Back at 12:45, breaks due 13:00:00, …: done,
   * another then done, done, done, skipped, snoozed then done, dismissed,
   * missed, done, another then done, done; leaving at 16:00 with 9:32
   * counted since 15:50:28 (over half the interval) is natural too. */
  g_test_message ("one day: done %u, skipped %u, dismissed %u, missed %u, natural %u, "
                  "snoozes %u", first[MOBED_OUTCOME_DONE], first[MOBED_OUTCOME_SKIPPED],
                  first[MOBED_OUTCOME_DISMISSED], first[MOBED_OUTCOME_MISSED],
                  first[MOBED_OUTCOME_NATURAL], first_snoozes);
  g_assert_cmpuint (first[MOBED_OUTCOME_DONE], ==, 16);
  g_assert_cmpuint (first[MOBED_OUTCOME_SKIPPED], ==, 3);
  g_assert_cmpuint (first[MOBED_OUTCOME_DISMISSED], ==, 3);
  g_assert_cmpuint (first[MOBED_OUTCOME_MISSED], ==, 2);
  g_assert_cmpuint (first[MOBED_OUTCOME_NATURAL], ==, 2);
  g_assert_cmpuint (first_snoozes, ==, 3);
  g_assert_cmpuint (s.picks, ==, DAYS * (25 + 3));     /* 25 breaks, 3 swapped */
  g_test_message ("heap in use after each day (bytes): %s", figures->str);

  check_file_matches (&s);
  g_assert_cmpuint (s.written->len, ==, DAYS * 26);

  file_pages (s.path, &pages_end, &page_size);
  g_test_message ("history file: %" G_GINT64_FORMAT " pages of %" G_GINT64_FORMAT
                  " bytes on day 2, %" G_GINT64_FORMAT " on day %u",
                  pages_day2, page_size, pages_end, DAYS);
  if (heap[1] == 0)
    g_test_message ("heap not measurable here (valgrind); memcheck checks for leaks instead");
  else
    {
      gssize grown = 0, grown_sqlite = 0;

      for (guint day = 2; day < DAYS; day++)
        {
          grown = MAX (grown, (gssize) (heap[day] - heap[1]));
          grown_sqlite = MAX (grown_sqlite, (gssize) (cache[day] - cache[1]));
        }
      g_test_message ("heap: %zu bytes on day 2, %zu on day %u; most above day 2: %zd bytes, "
                      "of which SQLite's page cache %zd (%" G_GINT64_FORMAT " pages more "
                      "in the file)", heap[1], heap[DAYS - 1], DAYS, grown, grown_sqlite,
                      pages_end - pages_day2);
      g_assert_cmpint (grown_sqlite, <=, (pages_end - pages_day2) * PAGE_COST (page_size));
      g_assert_cmpint (grown - grown_sqlite, <=, HEAP_SLACK);
    }

  mobed_history_free (s.history);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *p = g_strconcat (s.path, *suffix, NULL);
      g_unlink (p);
    }
  g_rmdir (s.dir);
  g_free (s.path);
  g_free (s.dir);
  g_array_unref (s.written);
  mobed_picker_free (s.picker);
  mobed_catalog_unref (s.catalog);
  sim_free (s.sim);
}

int
main (int argc, char **argv)
{
#if !defined(__SANITIZE_ADDRESS__)
  /* glibc reads its tunables at start: come back with the cache off. */
  if (g_strcmp0 (g_getenv ("GLIBC_TUNABLES"), TCACHE_OFF) != 0)
    {
      g_setenv ("GLIBC_TUNABLES", TCACHE_OFF, TRUE);
      execv ("/proc/self/exe", argv);
      g_printerr ("test-soak: could not run itself again: %s\n", g_strerror (errno));
      return 1;
    }
#endif
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/soak/thirty-days", test_thirty_days);
  return g_test_run ();
}

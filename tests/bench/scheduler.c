/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scheduler.c — bench-scheduler: a year of working days through mobed's
 * real core, as fast as the CPU goes, to show what the daemon's logic costs.
 *
 * 250 working days (Monday to Friday) of 8 hours at the desk, with a lunch
 * away from it, on synthetic clocks: the real scheduler (core/scheduler.c)
 * with the default mobed.conf decides when breaks come; for each one the
 * real picker (core/picker.c) chooses drills from the shipped drills.ini;
 * a seeded user answers every break (mostly done, some skipped, snoozed,
 * dismissed, swapped with "another", or left to expire); and every break
 * that ends is written, as the daemon writes it, to a real history file
 * (store/history.c: SQLite, WAL, synchronous=FULL) on tmpfs. Then the whole
 * year is read back and its stats computed (core/stats.c), as `mobectl
 * stats --days 365` makes the daemon do. Last, REOPENS more breaks are
 * written the way the daemon writes one between breaks: the file closed
 * before each (mobed_history_close_idle), so each write opens, writes and
 * closes; that costs per break, not per year, and is reported apart.
 *
 * What it reports is CPU time (CLOCK_PROCESS_CPUTIME_ID per phase, and
 * getrusage user + system for the whole run), not wall time.
 *
 *   bench-scheduler [--days N] [--seed S] [--data DIR] [--dir DIR] [--json]
 *
 * --data: where drills.ini is (default $MOBED_DATA_DIR, else BENCH_DATA_DIR
 * from the build); --dir: where the history file goes (default /dev/shm,
 * else $XDG_RUNTIME_DIR, else /tmp; the report names the file system).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <time.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "store/history.h"
#include "core/picker.h"
#include "core/scheduler.h"
#include "core/stats.h"

#ifndef BENCH_DATA_DIR
#define BENCH_DATA_DIR "data"
#endif

#define SEC    G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * SEC)
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

#define TMPFS_MAGIC 0x01021994
#define REOPENS 50

/* Monday 2 January 2023, 00:00 UTC; the clocks run on from there. */
#define W_START (G_GINT64_CONSTANT (1672617600) * SEC)
/* Some time after boot. */
#define M_START (1000 * SEC)

typedef struct {
  MobedConfig     config;
  MobedCatalog   *catalog;
  MobedPicker    *picker;
  MobedScheduler *sched;
  MobedHistory   *history;
  GRand          *user;
  MobedTime       now;
  gint64          deadline;        /* mono µs the scheduler wants a TICK */
  MobedChoice     choice;
  /* what the user will do about the break on screen, and when */
  MobedEventKind  answer;
  gint64          answer_at;       /* mono µs; MOBED_NEVER: no answer planned */
  gboolean        another;         /* press "Another" first */
  /* counts */
  guint           breaks;          /* breaks that fell due (new ones) */
  guint           shows;
  guint           picks;
  guint           rows;            /* rows written to the history */
  guint           events;          /* calls into the scheduler */
  guint           outcomes[MOBED_OUTCOME_NATURAL + 1];
  guint           write_errors;
  double          cpu_writes;      /* CPU spent in mobed_history_add */
} Bench;

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static double
tv_seconds (struct timeval tv)
{
  return (double) tv.tv_sec + (double) tv.tv_usec / 1e6;
}

static guint
local_day (gint64 wall)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (wall / SEC);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (dt),
                                          g_date_time_get_month (dt),
                                          g_date_time_get_year (dt));

  return g_date_get_julian (date);
}

/* As daemon.c's record_break() and stats-view.c's fill_row() do it. */
static void
record (Bench *b, const MobedRecord *rec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (rec->due_wall / SEC);
  MobedHistoryRow row = {
    .due_us = rec->due_wall,
    .ended_us = rec->ended_wall,
    .utc_offset_s = local ? (gint32) (g_date_time_get_utc_offset (local) / SEC) : 0,
    .outcome = rec->outcome,
    .snoozes = rec->snoozes,
  };

  if (rec->break_id != 0)
    for (guint i = 0; i < b->choice.n && i < G_N_ELEMENTS (row.drills); i++)
      {
        MobedHistoryDrill *d = &row.drills[row.n_drills++];
        const MobedOffer *o = &b->choice.items[i];
        const MobedDrill *drill = mobed_catalog_find (b->catalog, o->id);

        g_strlcpy (d->drill_id, o->id, sizeof d->drill_id);
        d->reps_offered = o->reps;
        d->reps_done = rec->outcome == MOBED_OUTCOME_DONE ? o->reps : 0;
        d->sides = o->unit == MOBED_REPS_TIMES ? 1 : 2;
        d->seconds_per_rep = drill != NULL ? drill->seconds_per_rep : 0;
        d->regions = drill != NULL ? drill->regions : 0;
      }
  double t0 = cpu_now ();
  gboolean ok = mobed_history_add (b->history, &row, &error);

  b->cpu_writes += cpu_now () - t0;
  if (!ok)
    {
      if (b->write_errors++ == 0)
        g_printerr ("bench-scheduler: writing the history: %s\n", error->message);
    }
  b->rows++;
  b->outcomes[rec->outcome]++;
}

/* The user sees a break and decides what to do about it. */
static void
plan_answer (Bench *b, gboolean after_snooze)
{
  guint r = (guint) g_rand_int_range (b->user, 0, 100);

  b->another = !after_snooze && g_rand_int_range (b->user, 0, 100) < 3;
  if (after_snooze)
    r = r < 85 ? 0 : 80;                    /* back from a snooze: mostly done */
  if (r < 72)
    {
      b->answer = MOBED_EVENT_DONE;
      b->answer_at = b->now.mono + g_rand_int_range (b->user, 20, 90) * SEC;
    }
  else if (r < 82)
    {
      b->answer = MOBED_EVENT_SKIP;
      b->answer_at = b->now.mono + g_rand_int_range (b->user, 2, 15) * SEC;
    }
  else if (r < 94)
    {
      b->answer = MOBED_EVENT_SNOOZE;
      b->answer_at = b->now.mono + g_rand_int_range (b->user, 2, 20) * SEC;
    }
  else if (r < 98)
    {
      b->answer = MOBED_EVENT_DISMISS;
      b->answer_at = b->now.mono + g_rand_int_range (b->user, 1, 10) * SEC;
    }
  else
    b->answer_at = MOBED_NEVER;             /* ignored: it expires (missed) */
}

/* What the daemon does with a plan (carry_out), minus the desktop. */
static void
carry_out (Bench *b, const MobedPlan *plan)
{
  b->deadline = plan->next_deadline;
  if (plan->flags & MOBED_PLAN_RECORD)
    {
      record (b, &plan->record);
      if (mobed_scheduler_get_break_id (b->sched) == 0)
        b->answer_at = MOBED_NEVER;
    }
  if (plan->flags & MOBED_PLAN_NEW_BREAK)
    {
      b->breaks++;
      b->picks++;
      if (!mobed_picker_pick (b->picker, &b->config, local_day (b->now.wall), FALSE, &b->choice))
        b->choice = (MobedChoice) { 0 };
    }
  if (plan->flags & MOBED_PLAN_SHOW)
    {
      b->shows++;
      plan_answer (b, !(plan->flags & MOBED_PLAN_NEW_BREAK));
    }
}

static void
send (Bench *b, MobedEvent event)
{
  g_autoptr(GError) error = NULL;
  MobedPlan plan;

  b->events++;
  /* A refused event (an answer the timer already settled) still carries
   * what time did; the daemon carries it out either way, and so do we. */
  mobed_scheduler_handle (b->sched, &event, b->now, &plan, &error);
  carry_out (b, &plan);
}

static void
set_mono (Bench *b, gint64 mono)
{
  if (mono <= b->now.mono)
    return;
  b->now.wall += mono - b->now.mono;
  b->now.mono = mono;
}

/* Runs the clocks to @until: deadlines get their TICK, the user answers. */
static void
run_until (Bench *b, gint64 until)
{
  for (;;)
    {
      gint64 next = MIN (b->deadline, b->answer_at);

      if (next > until)
        break;
      set_mono (b, next);
      if (b->answer_at <= b->deadline)
        {
          MobedEvent ev = { .kind = b->answer };

          b->answer_at = MOBED_NEVER;
          if (b->another)
            {
              b->picks++;
              b->another = FALSE;
              mobed_picker_pick (b->picker, &b->config, local_day (b->now.wall), TRUE,
                                 &b->choice);
            }
          if (ev.kind == MOBED_EVENT_SNOOZE)
            ev.seconds = b->config.snooze_s;
          send (b, ev);
        }
      else
        send (b, (MobedEvent) { .kind = MOBED_EVENT_TICK });
    }
  set_mono (b, until);
}

static void
away (Bench *b, gint64 length)
{
  send (b, (MobedEvent) { .kind = MOBED_EVENT_AWAY, .since = b->now.mono });
  /* Nobody answers a break from the corridor. */
  b->answer_at = MOBED_NEVER;
  run_until (b, b->now.mono + length);
  send (b, (MobedEvent) { .kind = MOBED_EVENT_BACK });
}

static const char *
fs_name (const char *dir)
{
  struct statfs st;

  if (statfs (dir, &st) != 0)
    return "unknown";
  return (unsigned long) st.f_type == TMPFS_MAGIC ? "tmpfs" : "not tmpfs";
}

static char *
default_dir (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    return g_strdup ("/dev/shm");
  if (runtime != NULL && g_file_test (runtime, G_FILE_TEST_IS_DIR))
    return g_strdup (runtime);
  return g_strdup (g_get_tmp_dir ());
}

static void
remove_history (const char *dir, const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gint days = 250;
  gint64 seed = 20240901;
  g_autofree char *data_dir = NULL, *base_dir = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days, "Working days to simulate (250)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the user and the picker", "S" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Where drills.ini is", "DIR" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &base_dir, "Where the history file goes", "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ini = NULL, *tmpl = NULL, *dir = NULL, *path = NULL;
  g_autoptr(GArray) rows = NULL;
  MobedStats *stats;
  Bench b = { 0 };
  struct rusage ru0, ru1;
  double cpu0, cpu_setup, cpu_sim, cpu_query, cpu_stats, cpu_reopen;
  gint64 wall0, wall_sim;
  guint weekdays = 0, calendar_days = 0;
  char today[11];

  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx, "Simulates a year of working days through mobed's "
                                     "scheduler, picker and history; reports CPU time.");
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || days < 1)
    {
      g_printerr ("bench-scheduler: %s\n", error ? error->message : "--days must be ≥ 1");
      return 2;
    }
  if (data_dir == NULL)
    data_dir = g_strdup (g_getenv ("MOBED_DATA_DIR") ? g_getenv ("MOBED_DATA_DIR")
                                                     : BENCH_DATA_DIR);
  if (base_dir == NULL)
    base_dir = default_dir ();

  getrusage (RUSAGE_SELF, &ru0);
  cpu0 = cpu_now ();

  /* Setup: what mobed does at start. */
  ini = g_build_filename (data_dir, "drills.ini", NULL);
  b.catalog = mobed_catalog_new ();
  if (!mobed_catalog_load (b.catalog, ini, problems, &error) || mobed_catalog_size (b.catalog) == 0)
    {
      g_printerr ("bench-scheduler: cannot load %s: %s\n", ini,
                  error ? error->message : "no usable drill");
      return 1;
    }
  tmpl = g_build_filename (base_dir, "mobed-bench-XXXXXX", NULL);
  dir = g_mkdtemp (tmpl) ? g_strdup (tmpl) : NULL;
  if (dir == NULL)
    {
      g_printerr ("bench-scheduler: cannot make a directory in %s\n", base_dir);
      return 1;
    }
  path = g_build_filename (dir, "history.db", NULL);
  mobed_config_init_defaults (&b.config);
  b.now = (MobedTime) { M_START, W_START };
  b.history = mobed_history_open (path, b.now.wall);
  if (mobed_history_in_memory (b.history))
    {
      g_printerr ("bench-scheduler: %s\n", mobed_history_problem (b.history));
      remove_history (dir, path);
      return 1;
    }
  b.picker = mobed_picker_new (b.catalog, (guint32) seed);
  b.user = g_rand_new_with_seed ((guint32) seed);
  b.sched = mobed_scheduler_new (&b.config, b.now.mono);
  b.answer_at = MOBED_NEVER;
  /* Overnight away from the desk before the first morning. */
  send (&b, (MobedEvent) { .kind = MOBED_EVENT_AWAY, .since = b.now.mono });
  cpu_setup = cpu_now () - cpu0;

  /* The year. */
  cpu0 = cpu_now ();
  wall0 = g_get_monotonic_time ();
  while (weekdays < (guint) days)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (b.now.wall / SEC);
      gint64 midnight = b.now.mono - (b.now.wall % DAY);
      gint64 arrive = midnight + 9 * HOUR + g_rand_int_range (b.user, -20, 21) * MINUTE;

      calendar_days++;
      if (g_date_time_get_day_of_week (dt) <= 5)
        {
          weekdays++;
          run_until (&b, arrive);
          send (&b, (MobedEvent) { .kind = MOBED_EVENT_BACK });
          run_until (&b, arrive + 4 * HOUR);
          away (&b, g_rand_int_range (b.user, 30, 61) * MINUTE);     /* lunch */
          run_until (&b, b.now.mono + 4 * HOUR);
          /* Home time: a break on screen is left behind. */
          send (&b, (MobedEvent) { .kind = MOBED_EVENT_AWAY, .since = b.now.mono });
          b.answer_at = MOBED_NEVER;
        }
      run_until (&b, midnight + DAY);
    }
  cpu_sim = cpu_now () - cpu0;
  wall_sim = g_get_monotonic_time () - wall0;

  /* A year of stats, as GetStats does it: the whole log read back, then
   * the numbers for the last 365 days. */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (b.now.wall / SEC - 1);
    g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_time_get_year (dt),
                g_date_time_get_month (dt), g_date_time_get_day_of_month (dt));
  }
  cpu0 = cpu_now ();
  rows = mobed_history_query (b.history, 0, 0, &error);
  cpu_query = cpu_now () - cpu0;
  if (rows == NULL)
    {
      g_printerr ("bench-scheduler: reading the history back: %s\n", error->message);
      remove_history (dir, path);
      return 1;
    }
  cpu0 = cpu_now ();
  stats = mobed_stats_compute ((const MobedHistoryRow *) rows->data, rows->len, today,
                               calendar_days, (guint) b.config.daily_goal);
  cpu_stats = cpu_now () - cpu0;
  getrusage (RUSAGE_SELF, &ru1);

  /* Breaks as the daemon writes them between breaks. */
  cpu0 = cpu_now ();
  for (guint i = 0; i < REOPENS; i++)
    {
      MobedHistoryRow row = g_array_index (rows, MobedHistoryRow, i % rows->len);

      mobed_history_close_idle (b.history);
      row.id = 0;
      row.due_us = b.now.wall + i * HOUR;
      row.ended_us = row.due_us + MINUTE;
      if (!mobed_history_add (b.history, &row, &error))
        {
          g_printerr ("bench-scheduler: writing after a close: %s\n", error->message);
          remove_history (dir, path);
          return 1;
        }
    }
  mobed_history_close_idle (b.history);
  cpu_reopen = (cpu_now () - cpu0) / REOPENS;

  {
    double user = tv_seconds (ru1.ru_utime) - tv_seconds (ru0.ru_utime);
    double sys = tv_seconds (ru1.ru_stime) - tv_seconds (ru0.ru_stime);
    double per_s = cpu_sim > 0 ? b.breaks / cpu_sim : 0;

    if (json)
      {
        g_print ("{\"days\": %u, \"calendar_days\": %u, \"breaks\": %u, \"shows\": %u, "
                 "\"picks\": %u, \"rows_written\": %u, \"rows_read\": %u, "
                 "\"scheduler_events\": %u, \"write_errors\": %u, "
                 "\"outcomes\": {\"done\": %u, \"skipped\": %u, \"dismissed\": %u, "
                 "\"missed\": %u, \"natural\": %u}, "
                 "\"adherence\": %.4f, \"streak_best\": %u, "
                 "\"cpu_setup_s\": %.6f, \"cpu_year_s\": %.6f, \"cpu_year_history_writes_s\": %.6f, \"wall_year_s\": %.6f, "
                 "\"cpu_query_s\": %.6f, \"cpu_stats_s\": %.6f, \"cpu_break_reopened_s\": %.6f, "
                 "\"cpu_user_s\": %.6f, \"cpu_sys_s\": %.6f, \"cpu_total_s\": %.6f, "
                 "\"breaks_per_cpu_s\": %.1f, \"history\": \"%s\", \"history_fs\": \"%s\", "
                 "\"seed\": %" G_GINT64_FORMAT "}\n",
                 weekdays, calendar_days, b.breaks, b.shows, b.picks, b.rows, rows->len,
                 b.events, b.write_errors,
                 b.outcomes[MOBED_OUTCOME_DONE], b.outcomes[MOBED_OUTCOME_SKIPPED],
                 b.outcomes[MOBED_OUTCOME_DISMISSED], b.outcomes[MOBED_OUTCOME_MISSED],
                 b.outcomes[MOBED_OUTCOME_NATURAL],
                 stats ? stats->adherence : -1.0, stats ? stats->streak_best : 0,
                 cpu_setup, cpu_sim, b.cpu_writes, wall_sim / 1e6, cpu_query, cpu_stats, cpu_reopen,
                 user, sys, user + sys, per_s, path, fs_name (dir), seed);
      }
    else
      {
        g_print ("bench-scheduler: %u working days (%u calendar days), default mobed.conf, seed %"
                 G_GINT64_FORMAT "\n", weekdays, calendar_days, seed);
        g_print ("  history file      %s (%s)\n", path, fs_name (dir));
        g_print ("  breaks            %u due, %u shown, %u picks, %u scheduler calls\n",
                 b.breaks, b.shows, b.picks, b.events);
        g_print ("  rows written      %u (done %u, skipped %u, dismissed %u, missed %u, "
                 "natural %u)%s\n", b.rows,
                 b.outcomes[MOBED_OUTCOME_DONE], b.outcomes[MOBED_OUTCOME_SKIPPED],
                 b.outcomes[MOBED_OUTCOME_DISMISSED], b.outcomes[MOBED_OUTCOME_MISSED],
                 b.outcomes[MOBED_OUTCOME_NATURAL],
                 b.write_errors ? " — SOME WRITES FAILED" : "");
        g_print ("  CPU, setup        %8.3f ms (drills.ini, history open)\n", cpu_setup * 1e3);
        g_print ("  CPU, the year     %8.3f ms (scheduler + picker + history writes; "
                 "wall %.3f ms)\n", cpu_sim * 1e3, wall_sim / 1e3);
        g_print ("    of which        %8.3f ms in mobed_history_add (SQLite, one transaction a row)\n",
                 b.cpu_writes * 1e3);
        g_print ("  CPU, read back    %8.3f ms (%u rows)\n", cpu_query * 1e3, rows->len);
        g_print ("  CPU, stats        %8.3f ms (%u days; adherence %.1f %%, best streak %u)\n",
                 cpu_stats * 1e3, calendar_days, stats ? 100 * stats->adherence : -1.0,
                 stats ? stats->streak_best : 0);
        g_print ("  CPU, whole run    %8.3f s (user %.3f + system %.3f, getrusage)\n",
                 user + sys, user, sys);
        g_print ("  CPU, one break    %8.3f ms as the daemon writes it between breaks (file\n"
                 "                    opened, row written, file closed; mean of %d)\n",
                 cpu_reopen * 1e3, REOPENS);
        g_print ("  breaks per second %8.0f (breaks due / CPU of the year)\n", per_s);
        g_print ("                    %8.0f without the history writes (scheduler + picker)\n",
                 cpu_sim > b.cpu_writes ? b.breaks / (cpu_sim - b.cpu_writes) : 0);
      }
  }

  mobed_stats_free (stats);
  mobed_scheduler_free (b.sched);
  mobed_config_clear (&b.config);
  mobed_picker_free (b.picker);
  mobed_history_free (b.history);
  mobed_catalog_unref (b.catalog);
  g_rand_free (b.user);
  remove_history (dir, path);
  return b.write_errors ? 1 : 0;
}

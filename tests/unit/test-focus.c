/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-focus.c — rehab focus plans: building a plan from a problem or from
 * drills (and refusing bad numbers), placing the day's sets, a simulated
 * three-day plan set by set (spread, never split, snooze moves the whole
 * set, check-ins), and the plan's life in a real history file.
 */
#include <glib/gstdio.h>

#include "core/focus-day.h"
#include "store/focus-log.h"
#include "core/picker.h"
#include "store/config-files.h"
#include "core/scheduler.h"

typedef struct {
  MobedCatalog *catalog;
  MobedConfig   config;
  MobedWorkHours hours;
  char         *dir;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                 "drills.ini", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  f->catalog = mobed_catalog_new ();
  g_assert_true (mobed_catalog_load (f->catalog, path, problems, NULL));
  mobed_config_init_defaults (&f->config);
  g_assert_true (mobed_work_hours_parse ("09:00-12:00,13:00-17:00", &f->hours, NULL));
  f->hours.days = 0x1f;     /* Monday to Friday */
  f->dir = g_dir_make_tmp ("mobed-focus-XXXXXX", NULL);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  mobed_catalog_unref (f->catalog);
  mobed_config_clear (&f->config);
}

static void
make (Fixture *f, const char *const *targets, MobedFocusRequest req, MobedFocusPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mobed_focus_plan_make (f->catalog, &f->config, targets, &req, plan, &error));
  g_assert_no_error (error);
}

static void
test_tag_proposal (Fixture *f, gconstpointer data)
{
  const char *const neck[] = { "neck-pain", NULL };
  const char *const back[] = { "low-back-pain", NULL };
  MobedFocusPlan plan;

  make (f, neck, (MobedFocusRequest) { 0 }, &plan);
  /* Its first good-for tag: neck circles before neck flexors. */
  g_assert_cmpuint (plan.n_items, ==, 2);
  g_assert_cmpstr (plan.items[0].drill_id, ==, "neck-circles");
  g_assert_cmpstr (plan.items[1].drill_id, ==, "neck-flexors");
  g_assert_cmpuint (plan.items[0].reps, ==, 40);        /* its reps-focus */
  g_assert_cmpuint (plan.sets_per_day, ==, MOBED_FOCUS_SETS_DEFAULT);
  g_assert_cmpuint (plan.days, ==, MOBED_FOCUS_DAYS_DEFAULT);
  g_assert_cmpstr (plan.target, ==, "neck-pain");

  /* Many drills help a low back: three at most, all doable at the desk
   * (the defaults allow seated and standing), none that needs the floor. */
  make (f, back, (MobedFocusRequest) { 0 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, MOBED_FOCUS_PROPOSE_MAX);
  for (guint i = 0; i < plan.n_items; i++)
    {
      const MobedDrill *d = mobed_catalog_find (f->catalog, plan.items[i].drill_id);
      g_assert_true (d->settings & f->config.settings);
      g_assert_cmpstr (d->good_for[0], ==, "low-back-pain");
    }

  /* An excluded drill is never proposed. */
  g_strfreev (f->config.exclude);
  f->config.exclude = g_strsplit ("neck-circles", ";", -1);
  make (f, neck, (MobedFocusRequest) { 0 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, 1);
  g_assert_cmpstr (plan.items[0].drill_id, ==, "neck-flexors");
}

static void
test_drills_and_numbers (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  const char *const two[] = { "wrist-circles", "neck-circles", "wrist-circles", NULL };
  MobedFocusPlan plan;

  make (f, crick, (MobedFocusRequest) { .sets = 3 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, 1);
  g_assert_cmpuint (plan.sets_per_day, ==, 3);
  /* 40 each way, 3 s a rep: 4 min a set. */
  g_assert_cmpuint (mobed_focus_set_seconds (&plan, f->catalog), ==, 240);

  make (f, two, (MobedFocusRequest) { .reps = 30, .days = 5 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, 2);     /* the repeat is one drill */
  g_assert_cmpuint (plan.items[0].reps, ==, 30);
  g_assert_cmpuint (plan.items[1].reps, ==, 30);
  g_assert_cmpuint (plan.days, ==, 5);
}

/* Near a set, the plan's drills join the exclusions of a copy of the
 * config: once each, after the user's own, and the original stays as the
 * user wrote it. */
static void
test_plan_exclude (Fixture *f, gconstpointer data)
{
  const char *const two[] = { "neck-circles", "wrist-circles", NULL };
  const char *const own[] = { "wrist-circles", NULL };
  const char *const near_set[] = { "wrist-circles", "neck-circles", NULL };
  g_auto(MobedConfig) near = { 0 };
  MobedFocusPlan plan;

  make (f, two, (MobedFocusRequest) { 0 }, &plan);
  g_strfreev (f->config.exclude);
  f->config.exclude = g_strdupv ((char **) own);
  mobed_config_copy (&near, &f->config);
  mobed_focus_plan_exclude (&plan, &near);
  g_assert_cmpstrv (near.exclude, near_set);
  g_assert_cmpstrv (f->config.exclude, own);
}

static void
expect_error (Fixture *f, const char *const *targets, MobedFocusRequest req, gint code,
              const char *words)
{
  g_autoptr(GError) error = NULL;
  MobedFocusPlan plan;

  g_assert_false (mobed_focus_plan_make (f->catalog, &f->config, targets, &req, &plan, &error));
  g_assert_error (error, MOBED_FOCUS_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  const char *const neck[] = { "neck-pain", NULL };
  const char *const none[] = { NULL };
  const char *const unknown[] = { "elbow-of-steel", NULL };
  const char *const six[] = { "neck-circles", "neck-flexors", "wrist-circles", "foot-circles",
                              "spinal-twist", "pelvic-circles", NULL };

  expect_error (f, neck, (MobedFocusRequest) { .reps = 500 }, MOBED_FOCUS_ERROR_INVALID,
                "Reps a set must be between 5 and 100, not 500");
  expect_error (f, neck, (MobedFocusRequest) { .sets = 4 }, MOBED_FOCUS_ERROR_INVALID,
                "Sets a day must be between 1 and 3");
  expect_error (f, neck, (MobedFocusRequest) { .days = 15 }, MOBED_FOCUS_ERROR_INVALID,
                "Days must be between 1 and 14");
  expect_error (f, unknown, (MobedFocusRequest) { 0 }, MOBED_FOCUS_ERROR_UNKNOWN,
                "'elbow-of-steel' is neither a drill nor a problem");
  expect_error (f, none, (MobedFocusRequest) { 0 }, MOBED_FOCUS_ERROR_INVALID, "Name a problem");
  expect_error (f, six, (MobedFocusRequest) { 0 }, MOBED_FOCUS_ERROR_INVALID, "at most 5 drills");
}

static GDateTime *
at (int y, int mo, int d, int h, int mi)
{
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

static gint64
wall (GDateTime *t)
{
  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static void
assert_at (gint64 w, int h, int mi)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (w / G_USEC_PER_SEC);

  g_assert_cmpint (g_date_time_get_hour (t) * 60 + g_date_time_get_minute (t), ==, h * 60 + mi);
}

static void
test_slots (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  MobedFocusPlan plan;
  g_autoptr(GDateTime) morning = at (2026, 11, 23, 8, 0);     /* a Monday */
  g_autoptr(GDateTime) saturday = at (2026, 11, 28, 10, 0);
  MobedWorkHours always = { .days = MOBED_ALL_DAYS };

  make (f, crick, (MobedFocusRequest) { .sets = 2 }, &plan);
  /* 09:00-17:00 in two halves: the middles are 11:00 and 15:00. */
  assert_at (mobed_focus_next_set (&plan, &f->hours, morning, 0, 0, 160), 11, 0);
  assert_at (mobed_focus_next_set (&plan, &f->hours, morning, 1, 0, 160), 15, 0);
  g_assert_cmpint (mobed_focus_next_set (&plan, &f->hours, morning, 2, 0, 160), ==, 0);
  /* The first set done late pushes the second two hours past it. */
  {
    g_autoptr(GDateTime) late = at (2026, 11, 23, 13, 40);
    assert_at (mobed_focus_next_set (&plan, &f->hours, morning, 1, wall (late), 160), 15, 40);
  }
  /* Too late for another before the day ends: none. */
  {
    g_autoptr(GDateTime) later = at (2026, 11, 23, 15, 1);
    g_assert_cmpint (mobed_focus_next_set (&plan, &f->hours, morning, 1, wall (later), 160),
                     ==, 0);
  }
  /* Not a working day: no sets. */
  g_assert_cmpint (mobed_focus_next_set (&plan, &f->hours, saturday, 0, 0, 160), ==, 0);
  /* No working hours set: the default day, every day. */
  plan.sets_per_day = 3;
  assert_at (mobed_focus_next_set (&plan, &always, saturday, 0, 0, 160), 10, 25);
  assert_at (mobed_focus_next_set (&plan, &always, saturday, 1, 0, 160), 13, 15);
  assert_at (mobed_focus_next_set (&plan, &always, saturday, 2, 0, 160), 16, 5);
}

/* Runs one day minute by minute from 07:00 to 20:00. @answer picks the
 * user's reply to each set shown (NONE + snooze, or an outcome); records
 * go to @log as "set-number:outcome". */
typedef MobedOutcome (*Answer) (guint set_number, guint times_shown, guint64 *snooze_s);

typedef struct {
  GPtrArray *log;
  guint      shown;
  guint      closed;
  guint      checkins;
  gint64     shown_at[8];
  gint64     ended_at[8];
} DayLog;

static void
note_step (DayLog *log, const MobedFocusStep *step, gint64 now)
{
  if (step->flags & MOBED_FOCUS_PLAN_SHOW)
    {
      log->shown_at[MIN (log->shown, 7u)] = now;
      log->shown++;
    }
  if (step->flags & MOBED_FOCUS_PLAN_CLOSE)
    log->closed++;
  if (step->flags & MOBED_FOCUS_PLAN_CHECKIN)
    log->checkins++;
  if (step->flags & MOBED_FOCUS_PLAN_RECORD)
    {
      g_ptr_array_add (log->log, g_strdup_printf ("%u:%s", step->set_number,
                                                  mobed_outcome_to_string (step->outcome)));
      log->ended_at[MIN (log->log->len - 1, 7u)] = step->ended_wall;
    }
}

static void
run_day (Fixture *f, MobedFocusDay *day, int y, int mo, int d, Answer answer,
         gboolean (*blocked) (int minute), DayLog *log)
{
  guint times_shown = 0;

  for (int minute = 7 * 60; minute < 20 * 60; minute++)
    {
      g_autoptr(GDateTime) now = at (y, mo, d, minute / 60, minute % 60);
      gboolean can_show = blocked == NULL || !blocked (minute);
      MobedFocusStep step;

      mobed_focus_day_tick (day, &f->hours, now, can_show, 160, 600, &step);
      note_step (log, &step, wall (now));
      /* Deadlines are never in the past: a timer armed on one would spin. */
      g_assert_true (step.next_wall == 0 || step.next_wall > wall (now));
      if (step.flags & MOBED_FOCUS_PLAN_SHOW)
        {
          guint64 snooze = 0;
          MobedOutcome out = answer (step.set_number, ++times_shown, &snooze);

          if (out == MOBED_OUTCOME_MISSED)
            continue;            /* no answer: let it time out */
          g_assert_true (mobed_focus_day_answer (day, out, snooze, now, &step));
          note_step (log, &step, wall (now));
          if (out != MOBED_OUTCOME_NONE)
            times_shown = 0;
        }
    }
}

static MobedOutcome
always_done (guint set, guint shown, guint64 *snooze)
{
  return MOBED_OUTCOME_DONE;
}

/* The first set is snoozed twice for 10 minutes, then done; the second is
 * left unanswered. */
static MobedOutcome
snooze_then_ignore (guint set, guint shown, guint64 *snooze)
{
  if (set == 1 && shown <= 2)
    {
      *snooze = 600;
      return MOBED_OUTCOME_NONE;
    }
  return set == 1 ? MOBED_OUTCOME_DONE : MOBED_OUTCOME_MISSED;
}

/* Away (locked, in a meeting) from 10:50 to 11:30. */
static gboolean
away_late_morning (int minute)
{
  return minute >= 10 * 60 + 50 && minute < 11 * 60 + 30;
}

static void
test_three_days (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  MobedFocusPlan plan;
  MobedFocusDay day;
  g_autoptr(GDateTime) start = at (2026, 11, 23, 7, 0);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

  make (f, crick, (MobedFocusRequest) { .sets = 2 }, &plan);
  g_strlcpy (plan.first_day, "2026-11-23", sizeof plan.first_day);
  mobed_focus_day_init (&day, &plan, start, 0, 0, 0);

  /* Day 1: both sets shown at their slots, done at once, one check-in. */
  {
    DayLog log = { .log = all };
    run_day (f, &day, 2026, 11, 23, always_done, NULL, &log);
    g_assert_cmpuint (log.shown, ==, 2);
    assert_at (log.shown_at[0], 11, 0);
    assert_at (log.shown_at[1], 15, 0);
    g_assert_cmpuint (log.checkins, ==, 1);
    g_assert_cmpuint (day.done, ==, 2);
  }
  /* Day 2: a snoozed set comes back whole, 10 minutes later each time;
   * it is recorded once, done, with its two snoozes; the second set is
   * still two hours after it; unanswered, it is missed after its length
   * plus the wait, and taken down. */
  {
    DayLog log = { .log = g_ptr_array_new_with_free_func (g_free) };
    run_day (f, &day, 2026, 11, 24, snooze_then_ignore, NULL, &log);
    g_assert_cmpuint (log.shown, ==, 4);
    assert_at (log.shown_at[0], 11, 0);
    assert_at (log.shown_at[1], 11, 10);
    assert_at (log.shown_at[2], 11, 20);
    assert_at (log.shown_at[3], 15, 0);
    g_assert_cmpuint (log.log->len, ==, 2);
    g_assert_cmpstr (log.log->pdata[0], ==, "1:done");
    g_assert_cmpstr (log.log->pdata[1], ==, "2:missed");
    /* 15:00 + 160 s + 600 s, on the first tick after. */
    assert_at (log.ended_at[1], 15, 13);
    g_assert_cmpuint (log.checkins, ==, 1);
    g_ptr_array_unref (log.log);
  }
  /* Day 3: away when the first set falls due: it waits, whole, and shows
   * when the user is back; the second keeps its distance. */
  {
    DayLog log = { .log = g_ptr_array_new_with_free_func (g_free) };
    run_day (f, &day, 2026, 11, 25, always_done, away_late_morning, &log);
    g_assert_cmpuint (log.shown, ==, 2);
    assert_at (log.shown_at[0], 11, 30);
    assert_at (log.shown_at[1], 15, 0);
    g_assert_cmpuint (log.log->len, ==, 2);
    g_ptr_array_unref (log.log);
  }
  g_assert_cmpint (mobed_focus_day_index (&plan, "2026-11-25"), ==, 2);
}

static void
test_shown_then_hidden (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  MobedFocusPlan plan;
  MobedFocusDay day;
  MobedFocusStep step;
  g_autoptr(GDateTime) t0 = at (2026, 11, 23, 11, 0);
  g_autoptr(GDateTime) t1 = at (2026, 11, 23, 11, 2);
  g_autoptr(GDateTime) t2 = at (2026, 11, 23, 11, 40);
  g_autoptr(GDateTime) night = at (2026, 11, 24, 0, 5);

  make (f, crick, (MobedFocusRequest) { .sets = 2 }, &plan);
  mobed_focus_day_init (&day, &plan, t0, 0, 0, 0);
  mobed_focus_day_tick (&day, &f->hours, t0, TRUE, 160, 600, &step);
  g_assert_true (step.flags & MOBED_FOCUS_PLAN_SHOW);
  /* The user locks the screen: the set comes down, unrecorded ... */
  mobed_focus_day_tick (&day, &f->hours, t1, FALSE, 160, 600, &step);
  g_assert_cmpint (step.flags, ==, MOBED_FOCUS_PLAN_CLOSE);
  /* ... and is back, still set 1, when they return much later. */
  mobed_focus_day_tick (&day, &f->hours, t2, TRUE, 160, 600, &step);
  g_assert_cmpint (step.flags, ==, MOBED_FOCUS_PLAN_SHOW);
  g_assert_cmpuint (step.set_number, ==, 1);
  /* No answer by midnight: missed, once, and the new day starts at 0. */
  mobed_focus_day_tick (&day, &f->hours, night, FALSE, 160, 600, &step);
  g_assert_true (step.flags & MOBED_FOCUS_PLAN_RECORD);
  g_assert_cmpint (step.outcome, ==, MOBED_OUTCOME_MISSED);
  g_assert_cmpuint (day.resolved, ==, 0);
  /* Nothing is up: an answer is refused. */
  g_assert_false (mobed_focus_day_answer (&day, MOBED_OUTCOME_DONE, 0, night, &step));
}

static void
test_log (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  g_autofree char *path = g_build_filename (f->dir, "history.db", NULL);
  g_autoptr(MobedHistory) history = NULL;
  g_autoptr(MobedFocusReport) report = NULL;
  MobedFocusPlan plan, back;
  guint resolved, done;
  gint64 last;
  gint64 t = G_GINT64_CONSTANT (1795000000) * G_USEC_PER_SEC;

  history = mobed_history_open (path, t);
  g_assert_null (mobed_focus_log_report (history, t));
  g_assert_false (mobed_focus_log_active (history, t, &back));

  make (f, crick, (MobedFocusRequest) { .sets = 3, .reps = 40 }, &plan);
  plan.id = t;
  g_strlcpy (plan.first_day, "2026-11-23", sizeof plan.first_day);
  g_strlcpy (plan.target, "it's a 'quoted' target", sizeof plan.target);
  g_assert_true (mobed_focus_log_start (history, &plan, 3600, NULL));
  g_assert_true (mobed_focus_log_set (history, plan.id, "2026-11-23", 1, t, t + 1, MOBED_OUTCOME_DONE,
                                      2, 80, NULL));
  g_assert_true (mobed_focus_log_set (history, plan.id, "2026-11-23", 2, t + 5, t + 9,
                                      MOBED_OUTCOME_SKIPPED, 0, 0, NULL));
  g_assert_true (mobed_focus_log_set (history, plan.id, "2026-11-24", 1, t + 10, t + 11,
                                      MOBED_OUTCOME_DONE, 0, 80, NULL));
  g_assert_true (mobed_focus_log_rate (history, plan.id, 0, MOBED_RATING_BETTER, t + 12, NULL));
  g_clear_pointer (&history, mobed_history_free);

  /* What a restarted daemon finds. */
  history = mobed_history_open (path, t);
  g_assert_true (mobed_focus_log_active (history, t, &back));
  g_assert_cmpint (back.id, ==, plan.id);
  g_assert_cmpstr (back.target, ==, plan.target);
  g_assert_cmpstr (back.first_day, ==, "2026-11-23");
  g_assert_cmpuint (back.sets_per_day, ==, 3);
  g_assert_cmpuint (back.n_items, ==, 1);
  g_assert_cmpuint (back.items[0].reps, ==, 40);
  mobed_focus_log_day (history, plan.id, "2026-11-23", t, &resolved, &done, &last);
  g_assert_cmpuint (resolved, ==, 2);
  g_assert_cmpuint (done, ==, 1);
  g_assert_cmpint (last, ==, t + 9);

  report = mobed_focus_log_report (history, t);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->days->len, ==, 2);
  g_assert_cmpuint (g_array_index (report->days, MobedFocusLogDay, 0).offered, ==, 2);
  g_assert_cmpuint (g_array_index (report->days, MobedFocusLogDay, 0).done, ==, 1);
  g_assert_cmpuint (report->total_reps, ==, 160);
  g_assert_cmpuint (report->ratings->len, ==, 1);
  g_assert_cmpint (g_array_index (report->ratings, MobedFocusLogRating, 0).rating, ==,
                   MOBED_RATING_BETTER);
  g_assert_cmpint (report->ended_wall, ==, 0);

  /* The sets as `mobectl history` lists them: newest first, with their
   * plan, from a time on, at most so many. */
  {
    g_autoptr(GArray) sets = mobed_focus_log_sets (history, G_MININT64, 0, t, NULL);
    const MobedFocusLogSet *s;

    g_assert_cmpuint (sets->len, ==, 3);
    s = &g_array_index (sets, MobedFocusLogSet, 0);
    g_assert_cmpint (s->due_wall, ==, t + 10);
    g_assert_cmpint (s->ended_wall, ==, t + 11);
    g_assert_cmpstr (s->outcome, ==, "done");
    g_assert_cmpuint (s->set_number, ==, 1);
    g_assert_cmpuint (s->reps_done, ==, 80);
    g_assert_cmpint (s->utc_offset_s, ==, 3600);
    g_assert_cmpstr (s->plan.target, ==, plan.target);
    g_assert_cmpuint (s->plan.sets_per_day, ==, 3);
    g_assert_cmpstr (s->plan.items[0].drill_id, ==, "neck-circles");
    s = &g_array_index (sets, MobedFocusLogSet, 1);
    g_assert_cmpstr (s->outcome, ==, "skipped");
    g_assert_cmpuint (s->set_number, ==, 2);
    g_assert_cmpuint (s->snoozes, ==, 0);
    g_assert_cmpuint (g_array_index (sets, MobedFocusLogSet, 2).snoozes, ==, 2);
    g_clear_pointer (&sets, g_array_unref);
    sets = mobed_focus_log_sets (history, t + 5, 1, t, NULL);
    g_assert_cmpuint (sets->len, ==, 1);
    g_assert_cmpint (g_array_index (sets, MobedFocusLogSet, 0).due_wall, ==, t + 10);
  }

  /* Extending keeps it active; ending stops it. */
  g_assert_true (mobed_focus_log_extend (history, plan.id, 6, t, NULL));
  g_assert_true (mobed_focus_log_active (history, t, &back));
  g_assert_cmpuint (back.days, ==, 6);
  g_assert_true (mobed_focus_log_end (history, plan.id, t + 20, NULL));
  g_assert_false (mobed_focus_log_active (history, t, &back));
  g_clear_pointer (&report, mobed_focus_report_free);
  report = mobed_focus_log_report (history, t);
  g_assert_cmpint (report->ended_wall, ==, t + 20);
}

/* A file that cannot be written: the plan waits in memory and reaches the
 * file, in order, once it can be written. */
static void
test_log_waits (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  g_autofree char *blocker = g_build_filename (f->dir, "state", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.db", NULL);
  g_autoptr(MobedHistory) history = NULL;
  MobedFocusPlan plan, back;
  gint64 t = G_GINT64_CONSTANT (1795000000) * G_USEC_PER_SEC;

  /* A file where the directory should be: even root cannot create it. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  history = mobed_history_open (path, t);
  g_assert_true (mobed_history_in_memory (history));
  make (f, crick, (MobedFocusRequest) { 0 }, &plan);
  plan.id = t;
  g_strlcpy (plan.first_day, "2026-11-23", sizeof plan.first_day);
  g_assert_false (mobed_focus_log_start (history, &plan, 0, NULL));
  g_assert_false (mobed_focus_log_set (history, plan.id, "2026-11-23", 1, t, t, MOBED_OUTCOME_DONE,
                                       0, 80, NULL));
  g_assert_false (mobed_focus_log_active (history, t, &back));

  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  g_assert_true (mobed_focus_log_active (history, t, &back));
  g_assert_cmpint (back.id, ==, plan.id);
  {
    guint resolved, done;
    gint64 last;
    mobed_focus_log_day (history, plan.id, "2026-11-23", t, &resolved, &done, &last);
    g_assert_cmpuint (done, ==, 1);
  }
}

/* A working day, minute by minute, with microbreaks (the real scheduler and
 * picker, every break done at once) and a focus plan of three sets: the
 * sets come whole, at their slots, only while no microbreak is up; the
 * microbreaks go on; and none within an hour of a set repeats its drills. */
static void
test_day_with_microbreaks (Fixture *f, gconstpointer data)
{
  const char *const targets[] = { "neck-circles", "wrist-circles", NULL };
  g_autoptr(MobedScheduler) sched = NULL;
  g_autoptr(MobedPicker) picker = mobed_picker_new (f->catalog, 7);
  MobedFocusPlan plan;
  MobedFocusDay day;
  guint microbreaks = 0, near_picks = 0, sets_shown = 0;
  gint64 set_ends[4] = { 0 };
  const MobedWorkHours always = { .days = MOBED_ALL_DAYS };
  g_autoptr(GDateTime) start = at (2026, 11, 23, 9, 0);
  gint64 wall0 = wall (start), mono0 = G_GINT64_CONSTANT (1000) * G_USEC_PER_SEC;
  guint64 set_s;

  f->config.interval_s = 20 * 60;
  f->config.expire_after_s = 5 * 60;
  make (f, targets, (MobedFocusRequest) { .sets = 3 }, &plan);
  g_strlcpy (plan.first_day, "2026-11-23", sizeof plan.first_day);
  set_s = mobed_focus_set_seconds (&plan, f->catalog);
  mobed_focus_day_init (&day, &plan, start, 0, 0, 0);
  sched = mobed_scheduler_new (&f->config, mono0);

  for (gint64 minute = 0; minute < 9 * 60; minute++)
    {
      MobedTime now = { mono0 + minute * 60 * G_USEC_PER_SEC,
                        wall0 + minute * 60 * G_USEC_PER_SEC };
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now.wall / G_USEC_PER_SEC);
      MobedEvent tick = { .kind = MOBED_EVENT_TICK }, done = { .kind = MOBED_EVENT_DONE };
      MobedPlan p;
      MobedFocusStep step;
      MobedState state;

      mobed_scheduler_handle (sched, &tick, now, &p, NULL);
      if (p.flags & MOBED_PLAN_NEW_BREAK)
        {
          g_auto(MobedConfig) config = { 0 };
          MobedChoice choice;
          gboolean near = mobed_focus_day_near_set (&day, &always, local, set_s, 3600);

          mobed_config_copy (&config, &f->config);
          if (near)
            {
              mobed_focus_plan_exclude (&plan, &config);
              near_picks++;
            }
          g_assert_true (mobed_picker_pick (picker, &config, 1, FALSE, &choice));
          for (guint i = 0; near && i < choice.n; i++)
            {
              g_assert_cmpstr (choice.items[i].id, !=, "neck-circles");
              g_assert_cmpstr (choice.items[i].id, !=, "wrist-circles");
            }
          microbreaks++;
        }
      state = mobed_scheduler_get_state (sched);
      mobed_focus_day_tick (&day, &always, local,
                            state == MOBED_STATE_WORKING || state == MOBED_STATE_SNOOZED,
                            set_s, f->config.expire_after_s, &step);
      if (step.flags & MOBED_FOCUS_PLAN_SHOW)
        {
          /* Never alongside a microbreak. */
          g_assert_cmpint (state, !=, MOBED_STATE_DUE);
          sets_shown++;
          g_assert_true (mobed_focus_day_answer (&day, MOBED_OUTCOME_DONE, 0, local, &step));
          set_ends[MIN (day.resolved, 3u)] = now.wall;
        }
      if (state == MOBED_STATE_DUE)
        mobed_scheduler_handle (sched, &done, now, &p, NULL);
    }
  g_assert_cmpuint (sets_shown, ==, 3);
  g_assert_cmpuint (day.done, ==, 3);
  /* The first at its slot on the default day; the others at least the gap
   * apart (a microbreak up at a slot pushes a set to the minute after). */
  assert_at (set_ends[1], 10, 25);
  g_assert_cmpint (set_ends[2] - set_ends[1], >=, (gint64) MOBED_FOCUS_GAP_S * G_USEC_PER_SEC);
  g_assert_cmpint (set_ends[3] - set_ends[2], >=, (gint64) MOBED_FOCUS_GAP_S * G_USEC_PER_SEC);
  /* A microbreak every 20 minutes or so, and some of them near a set. */
  g_assert_cmpuint (microbreaks, >=, 20);
  g_assert_cmpuint (near_picks, >=, 3);
  g_assert_cmpuint (near_picks, <, microbreaks);
}

/* "worse" eases the plan by about a third a time, never below the easy
 * floor, and says when it cannot go lower; over a three-day plan rated
 * worse each day, the doses only fall. */
static void
test_ease (Fixture *f, gconstpointer data)
{
  MobedFocusPlan plan = { .n_items = 3, .days = 3, .sets_per_day = 2 };
  guint before[3];

  g_strlcpy (plan.items[0].drill_id, "neck-circles", sizeof plan.items[0].drill_id);
  plan.items[0].reps = 30;
  g_strlcpy (plan.items[1].drill_id, "wrist-circles", sizeof plan.items[1].drill_id);
  plan.items[1].reps = 10;
  g_strlcpy (plan.items[2].drill_id, "spinal-twist", sizeof plan.items[2].drill_id);
  plan.items[2].reps = 4;

  g_assert_true (mobed_focus_plan_ease (&plan));
  g_assert_cmpuint (plan.items[0].reps, ==, 20);
  g_assert_cmpuint (plan.items[1].reps, ==, 6);
  g_assert_cmpuint (plan.items[2].reps, ==, MOBED_FOCUS_REPS_EASY);
  for (guint day = 1; day < plan.days; day++)
    {
      for (guint i = 0; i < plan.n_items; i++)
        before[i] = plan.items[i].reps;
      mobed_focus_plan_ease (&plan);
      for (guint i = 0; i < plan.n_items; i++)
        {
          g_assert_cmpuint (plan.items[i].reps, <=, before[i]);
          g_assert_cmpuint (plan.items[i].reps, >=, MOBED_FOCUS_REPS_EASY);
        }
    }
  g_assert_cmpuint (plan.items[0].reps, ==, 8);
  /* At the floor everywhere: nothing left to ease. */
  for (guint i = 0; i < plan.n_items; i++)
    plan.items[i].reps = MOBED_FOCUS_REPS_EASY;
  g_assert_false (mobed_focus_plan_ease (&plan));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/focus/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("ease", test_ease);
  ADD ("tag-proposal", test_tag_proposal);
  ADD ("drills-and-numbers", test_drills_and_numbers);
  ADD ("plan-exclude", test_plan_exclude);
  ADD ("bad-requests", test_bad_requests);
  ADD ("slots", test_slots);
  ADD ("three-days", test_three_days);
  ADD ("shown-then-hidden", test_shown_then_hidden);
  ADD ("day-with-microbreaks", test_day_with_microbreaks);
  ADD ("log", test_log);
  ADD ("log-waits", test_log_waits);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-focus-day.c — a focus plan's sets through the day: placing them in
 * the working hours, a simulated three-day plan set by set (spread, never
 * split, a snooze moves the whole set, check-ins), a set taken down and
 * shown again, and a day shared with the real scheduler's microbreaks.
 */
#include "core/focus-day.h"
#include "core/picker.h"
#include "core/scheduler.h"

#include "focus-test-util.h"

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

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/focus/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("slots", test_slots);
  ADD ("three-days", test_three_days);
  ADD ("shown-then-hidden", test_shown_then_hidden);
  ADD ("day-with-microbreaks", test_day_with_microbreaks);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-scheduler-walks.c — walks: an hour of sitting turns the next break
 * into a walk, being away for walk-length (or a walk answered Done) starts
 * the sitting over, skip and snooze behave as for any break, and
 * simulated working days show how many walks each kind of day gets.
 */
#include "sim.h"

#define INTERVAL  (15 * MINUTE)
#define NATURAL   (2 * MINUTE)
#define WALK_EVERY (60 * MINUTE)
#define WALK_LEN  (5 * MINUTE)

static MobedBreakKind
kind (Sim *sim)
{
  return mobed_scheduler_get_break_kind (sim->sched, sim->now.mono);
}

static const MobedRecord *
last_record (Sim *sim)
{
  g_assert_cmpuint (sim->records->len, >, 0);
  return &g_array_index (sim->records, SimRecord, sim->records->len - 1).rec;
}

/* Runs to the next new break and answers it with @answer at once. */
static MobedBreakKind
next_break (Sim *sim, MobedEventKind answer)
{
  MobedBreakKind k;

  g_assert_true (sim_run (sim, sim->now.mono + 24 * HOUR, MOBED_PLAN_NEW_BREAK));
  k = kind (sim);
  sim_ok (sim, (MobedEvent) { .kind = answer, .seconds = 300 });
  return k;
}

/* Breaks at the desk, answered at once: the first three are drills, the
 * one that falls due after an hour of sitting is a walk, and Done on it
 * starts the hour over. */
static void
test_walk_after_an_hour (void)
{
  g_autoptr(Sim) sim = sim_new ();

  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_DRILLS);
  for (guint i = 0; i < 3; i++)
    {
      /* Told ahead: the break after 45 min of sitting will be a walk. */
      g_assert_cmpint (mobed_scheduler_get_next_kind (sim->sched, sim->now), ==,
                       MOBED_BREAK_DRILLS);
      g_assert_cmpint (next_break (sim, MOBED_EVENT_DONE), ==, MOBED_BREAK_DRILLS);
    }
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 45 * MINUTE);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_DRILLS);
  g_assert_cmpint (mobed_scheduler_get_next_kind (sim->sched, sim->now), ==, MOBED_BREAK_WALK);
  /* Away, sitting stands still: no telling it will reach an hour. */
  sim_ok (sim, EV_AWAY (sim->now.mono));
  g_assert_cmpint (mobed_scheduler_get_next_kind (sim->sched, sim->now), ==, MOBED_BREAK_DRILLS);
  sim_ok (sim, EV (BACK));
  g_assert_cmpint (next_break (sim, MOBED_EVENT_DONE), ==, MOBED_BREAK_WALK);
  g_assert_cmpint (last_record (sim)->kind, ==, MOBED_BREAK_WALK);
  g_assert_cmpint (last_record (sim)->sat, ==, WALK_EVERY);
  g_assert_cmpint (last_record (sim)->outcome, ==, MOBED_OUTCOME_DONE);
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 0);
  /* Drills again, then the next walk an hour after the Done. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (next_break (sim, MOBED_EVENT_DONE), ==, MOBED_BREAK_DRILLS);
  g_assert_cmpint (last_record (sim)->kind, ==, MOBED_BREAK_DRILLS);
  g_assert_cmpint (last_record (sim)->sat, ==, 45 * MINUTE);
  g_assert_cmpint (next_break (sim, MOBED_EVENT_DONE), ==, MOBED_BREAK_WALK);
  g_assert_cmpint (sim->now.mono, ==, T0 + 2 * WALK_EVERY);
}

/* A skipped walk leaves the sitting as it was: the next break is a walk
 * again. A snoozed one comes back as the same walk. */
static void
test_skip_and_snooze (void)
{
  g_autoptr(Sim) sim = sim_new ();
  guint64 id;

  for (guint i = 0; i < 3; i++)
    next_break (sim, MOBED_EVENT_DONE);
  g_assert_cmpint (next_break (sim, MOBED_EVENT_SKIP), ==, MOBED_BREAK_WALK);
  g_assert_cmpint (last_record (sim)->outcome, ==, MOBED_OUTCOME_SKIPPED);
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, WALK_EVERY);
  g_assert_cmpint (next_break (sim, MOBED_EVENT_SNOOZE), ==, MOBED_BREAK_WALK);
  id = mobed_scheduler_get_break_id (sim->sched);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_WALK);
  sim_expect_show (sim, sim->now.mono + 5 * MINUTE, FALSE);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, id);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_WALK);
  sim_ok (sim, EV (DONE));
  g_assert_cmpint (last_record (sim)->kind, ==, MOBED_BREAK_WALK);
  g_assert_cmpuint (last_record (sim)->snoozes, ==, 1);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_DRILLS);
}

/* Away for walk-length is a walk of one's own: sitting starts over. Away
 * for less (though long enough for a natural break) is not. */
static void
test_absence_resets (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 10 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono));
  sim_advance_to (sim, sim->now.mono + WALK_LEN - SEC);
  sim_ok (sim, EV (BACK));
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 10 * MINUTE);

  sim_advance_to (sim, sim->now.mono + 40 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono - MINUTE));   /* idle: dated back */
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 49 * MINUTE);
  sim_advance_to (sim, sim->now.mono + WALK_LEN - MINUTE);
  sim_ok (sim, EV (BACK));
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 0);
  /* No line in the history for the walk itself, only the natural break. */
  g_assert_cmpint (last_record (sim)->kind, ==, MOBED_BREAK_DRILLS);
  g_assert_cmpint (last_record (sim)->outcome, ==, MOBED_OUTCOME_NATURAL);
  g_assert_cmpint (last_record (sim)->sat, ==, 49 * MINUTE);
}

/* A due walk waits for the user to be away walk-length, not just
 * natural-break; then it ends as natural, at that moment. */
static void
test_due_walk_taken_away (void)
{
  g_autoptr(Sim) sim = sim_new ();
  gint64 left;
  guint n;

  for (guint i = 0; i < 3; i++)
    next_break (sim, MOBED_EVENT_DONE);
  g_assert_true (sim_run (sim, sim->now.mono + HOUR, MOBED_PLAN_NEW_BREAK));
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_WALK);
  n = sim->records->len;
  left = sim->now.mono;
  sim_ok (sim, EV_AWAY (left));
  sim_advance_to (sim, left + NATURAL + MINUTE);
  g_assert_cmpuint (sim->records->len, ==, n);       /* still due */
  g_assert_cmpint (sim->deadline, ==, left + WALK_LEN);
  sim_advance_to (sim, left + WALK_LEN);
  g_assert_cmpuint (sim->records->len, ==, n + 1);
  g_assert_cmpint (last_record (sim)->outcome, ==, MOBED_OUTCOME_NATURAL);
  g_assert_cmpint (last_record (sim)->kind, ==, MOBED_BREAK_WALK);
  g_assert_cmpint (last_record (sim)->sat, ==, WALK_EVERY);
  g_assert_cmpint (sim->deadline, ==, MOBED_NEVER);
  sim_advance_to (sim, left + 20 * MINUTE);
  sim_ok (sim, EV (BACK));
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 0);
}

/* Do not disturb holds a walk like any break; max-defer ends it missed,
 * and the next break is a walk again. */
static void
test_held_walk (void)
{
  g_autoptr(Sim) sim = sim_new ();

  for (guint i = 0; i < 3; i++)
    next_break (sim, MOBED_EVENT_DONE);
  sim_ok (sim, EV (DEFER));
  sim_advance_to (sim, sim->now.mono + INTERVAL);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_DEFERRED);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_WALK);
  sim_advance_to (sim, sim->now.mono + 90 * MINUTE);
  g_assert_cmpint (last_record (sim)->outcome, ==, MOBED_OUTCOME_MISSED);
  g_assert_cmpint (last_record (sim)->kind, ==, MOBED_BREAK_WALK);
  sim_ok (sim, EV (UNDEFER));
  g_assert_cmpint (next_break (sim, MOBED_EVENT_DONE), ==, MOBED_BREAK_WALK);
}

/* walk-every 0: never a walk, and no sitting reported. Working hours
 * ending starts the sitting over for the next day. */
static void
test_off_and_hours (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim->config.walk_every_s = 0;
  sim_set_config (sim);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (next_break (sim, MOBED_EVENT_DONE), ==, MOBED_BREAK_DRILLS);
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 0);
  g_assert_cmpint (last_record (sim)->sat, ==, 0);

  sim->config.walk_every_s = 3600;
  sim_set_config (sim);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_WALK);
  sim_ok (sim, EV (OFF_HOURS));
  sim_advance_to (sim, sim->now.mono + 14 * HOUR);
  sim_ok (sim, EV (ON_HOURS));
  g_assert_cmpint (mobed_scheduler_get_sitting (sim->sched, sim->now.mono), ==, 0);
  g_assert_cmpint (kind (sim), ==, MOBED_BREAK_DRILLS);
}

/* Simulated days. */

typedef struct {
  gint64 at;        /* from the start of the day */
  gint64 away;      /* how long */
} Absence;

typedef struct {
  guint  breaks, walks, walks_done;
  gint64 longest;   /* the longest sitting seen in a record */
} DayResult;

/* Runs one working day of @length: every break is answered Done after
 * 30 s at the desk (a walk too when @walk_done, else it is skipped), and
 * the user leaves for each of @absences. */
static DayResult
run_day (Sim *sim, gint64 length, const Absence *absences, guint n, gboolean walk_done)
{
  DayResult r = { 0 };
  gint64 start = sim->now.mono;
  guint next = 0, first_record = sim->records->len;

  for (;;)
    {
      gint64 leave = next < n ? start + absences[next].at : start + length;

      if (sim_run (sim, leave, MOBED_PLAN_NEW_BREAK))
        {
          MobedBreakKind k = kind (sim);

          r.breaks++;
          if (k == MOBED_BREAK_WALK)
            r.walks++;
          sim_advance_to (sim, MIN (leave, sim->now.mono + 30 * SEC));
          if (mobed_scheduler_get_state (sim->sched) == MOBED_STATE_DUE)
            {
              gboolean done = k != MOBED_BREAK_WALK || walk_done;

              sim_ok (sim, done ? EV (DONE) : EV (SKIP));
              if (k == MOBED_BREAK_WALK && done)
                r.walks_done++;
            }
          continue;
        }
      if (next >= n)
        break;
      sim_ok (sim, EV_AWAY (sim->now.mono));
      sim_advance_to (sim, sim->now.mono + absences[next].away);
      sim_ok (sim, EV (BACK));
      next++;
    }
  for (guint i = first_record; i < sim->records->len; i++)
    r.longest = MAX (r.longest, g_array_index (sim->records, SimRecord, i).rec.sat);
  r.longest = MAX (r.longest, mobed_scheduler_get_sitting (sim->sched, sim->now.mono));
  return r;
}

static void
report (const char *name, const DayResult *r)
{
  g_autofree char *line =
    g_strdup_printf ("%-34s breaks %2u, walks prompted %u (done %u), longest sitting %u min",
                     name, r->breaks, r->walks, r->walks_done,
                     (guint) (r->longest / MINUTE));

  g_test_message ("%s", line);
  if (g_test_verbose ())
    g_print ("%s\n", line);
}

/* 09:00 to 17:30. Coffee walks mid-morning and mid-afternoon, a proper
 * lunch, a walk to a meeting room and back, and two short trips (under
 * walk-length) that do not count. */
static void
test_day_moving (void)
{
  g_autoptr(Sim) sim = sim_new ();
  const Absence day[] = {
    { 50 * MINUTE, 8 * MINUTE },               /* 09:50 coffee */
    { 95 * MINUTE, 3 * MINUTE },               /* 10:35 a quick trip */
    { 115 * MINUTE, 6 * MINUTE },              /* 10:55 to a meeting room */
    { 3 * HOUR + 15 * MINUTE, 45 * MINUTE },   /* 12:15 lunch */
    { 5 * HOUR, 7 * MINUTE },                  /* 14:00 coffee */
    { 5 * HOUR + 50 * MINUTE, 2 * MINUTE },    /* 14:50 a quick trip */
    { 6 * HOUR + 40 * MINUTE, 10 * MINUTE },   /* 15:40 a walk outside */
  };
  DayResult r = run_day (sim, 8 * HOUR + 30 * MINUTE, day, G_N_ELEMENTS (day), TRUE);

  report ("day with lunch and coffee walks:", &r);
  /* Only the stretches of more than an hour get one (11:01 to lunch,
   * the two after it); every other hour had its walk already. */
  g_assert_cmpuint (r.walks, <=, 3);
  g_assert_cmpuint (r.breaks, >, 15);
}

/* The same hours without once getting up: a walk an hour. */
static void
test_day_glued (void)
{
  g_autoptr(Sim) sim = sim_new ();
  DayResult r = run_day (sim, 8 * HOUR + 30 * MINUTE, NULL, 0, TRUE);
  DayResult skipping;

  report ("day glued to the chair:", &r);
  g_assert_cmpuint (r.walks, ==, 8);
  g_assert_cmpuint (r.walks_done, ==, 8);
  g_assert_cmpint (r.longest, <=, WALK_EVERY + INTERVAL);

  /* Skipping every walk: each break after the first hour is a walk. */
  g_clear_pointer (&sim, sim_free);
  sim = sim_new ();
  skipping = run_day (sim, 8 * HOUR + 30 * MINUTE, NULL, 0, FALSE);
  report ("glued, every walk skipped:", &skipping);
  g_assert_cmpuint (skipping.walks, >, r.walks);
  g_assert_cmpuint (skipping.breaks - skipping.walks, ==, 3);
  g_assert_cmpint (skipping.longest, >=, 8 * HOUR);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler/walks/after-an-hour", test_walk_after_an_hour);
  g_test_add_func ("/scheduler/walks/skip-and-snooze", test_skip_and_snooze);
  g_test_add_func ("/scheduler/walks/absence-resets", test_absence_resets);
  g_test_add_func ("/scheduler/walks/due-walk-taken-away", test_due_walk_taken_away);
  g_test_add_func ("/scheduler/walks/held", test_held_walk);
  g_test_add_func ("/scheduler/walks/off-and-hours", test_off_and_hours);
  g_test_add_func ("/scheduler/walks/day-moving", test_day_moving);
  g_test_add_func ("/scheduler/walks/day-glued", test_day_glued);
  return g_test_run ();
}

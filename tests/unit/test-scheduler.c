/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-scheduler.c — the break state machine, driven through sim.h the way
 * the daemon drives it: events at synthetic times and a TICK at every
 * deadline. Covers the answers, pause, presence and clock jumps one by one,
 * then a randomised week checked against invariants.
 */
#include "sim.h"

/* The defaults every test is written against (test_working_day checks). */
#define INTERVAL (15 * MINUTE)
#define EXPIRE   (10 * MINUTE)
#define SNOOZE   (5 * MINUTE)
#define NATURAL  (2 * MINUTE)

static void
test_working_day (void)
{
  g_autoptr(Sim) sim = sim_new ();
  const gint64 answer = 45 * SEC, end = T0 + 8 * HOUR;
  /* The first break at 15 m, then one every 15 m 45 s (the count restarts
   * at Done): 1 + (8 h - 15 m) / 15 m 45 s = 1 + 29.5, so 30 fit. */
  const guint expected = 1 + (guint) ((8 * HOUR - INTERVAL) / (INTERVAL + answer));
  gint64 next = T0 + INTERVAL;
  guint n = 0;

  g_assert_cmpint ((gint64) sim->config.interval_s * SEC, ==, INTERVAL);
  g_assert_cmpint ((gint64) sim->config.expire_after_s * SEC, ==, EXPIRE);
  g_assert_cmpint ((gint64) sim->config.snooze_s * SEC, ==, SNOOZE);
  g_assert_cmpint ((gint64) sim->config.natural_break_s * SEC, ==, NATURAL);
  g_assert_cmpuint (expected, ==, 30);
  g_assert_cmpint (sim->deadline, ==, next);
  while (sim_run (sim, end, MOBED_PLAN_SHOW))
    {
      g_assert_cmpint (sim->now.mono, ==, next);
      g_assert_true (sim->plan.flags & MOBED_PLAN_NEW_BREAK);
      g_assert_true (sim->plan.flags & MOBED_PLAN_CHIME_START);
      g_assert_cmpint (sim->deadline, ==, sim->now.mono + EXPIRE);
      sim_advance_to (sim, sim->now.mono + answer);
      sim_ok (sim, EV (DONE));
      g_assert_cmpint (sim->plan.flags, ==,
                       MOBED_PLAN_RECORD | MOBED_PLAN_CLOSE | MOBED_PLAN_CHIME_DONE);
      next = sim->now.mono + INTERVAL;
      g_assert_cmpint (sim->deadline, ==, next);
      n++;
    }
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpuint (sim->records->len, ==, expected);
  for (guint i = 0; i < sim->records->len; i++)
    {
      const SimRecord *r = &g_array_index (sim->records, SimRecord, i);

      g_assert_cmpint (r->rec.outcome, ==, MOBED_OUTCOME_DONE);
      g_assert_cmpuint (r->rec.break_id, ==, i + 1);
      g_assert_cmpuint (r->rec.snoozes, ==, 0);
      g_assert_cmpint (r->rec.due_wall, ==, W0 + INTERVAL + i * (INTERVAL + answer));
      g_assert_cmpint (r->rec.ended_wall, ==, r->rec.due_wall + answer);
    }
}

static void
test_snooze_chain (void)
{
  g_autoptr(Sim) sim = sim_new ();
  gint64 due_wall;

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  due_wall = sim->now.wall;
  for (guint i = 1; i <= 3; i++)
    {
      /* Answer a little later each time: the snooze runs from the answer. */
      sim_advance_to (sim, sim->now.mono + (i - 1) * MINUTE);
      sim_ok (sim, EV_S (SNOOZE, 300));
      g_assert_cmpint (sim->plan.flags, ==, MOBED_PLAN_CLOSE);
      g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_SNOOZED);
      g_assert_cmpint (sim->deadline, ==, sim->now.mono + SNOOZE);
      g_assert_cmpint (mobed_scheduler_get_snoozed_until (sim->sched, sim->now), ==,
                       sim->now.wall + SNOOZE);
      g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==,
                       sim->now.wall + SNOOZE);
      sim_expect_show (sim, sim->now.mono + SNOOZE, FALSE);
      g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 1);
      g_assert_cmpuint (mobed_scheduler_get_snoozes (sim->sched), ==, i);
      g_assert_cmpint (mobed_scheduler_get_due_wall (sim->sched), ==, due_wall);
    }
  sim_ok (sim, EV (DONE));
  sim_expect_record (sim, MOBED_OUTCOME_DONE, 1, 3, due_wall);
  g_assert_cmpuint (mobed_scheduler_get_snoozes (sim->sched), ==, 0);
}

static void
test_snooze_refused (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_refused (sim, EV_S (SNOOZE, 300), MOBED_SCHEDULER_ERROR_NOT_DUE);
  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_refused (sim, EV_S (SNOOZE, 0), MOBED_SCHEDULER_ERROR_INVALID);
  sim_refused (sim, EV_S (SNOOZE, MOBED_SNOOZE_MAX_S + 1), MOBED_SCHEDULER_ERROR_INVALID);
  sim_refused (sim, EV_S (SNOOZE, G_MAXUINT64), MOBED_SCHEDULER_ERROR_INVALID);
  /* Both ends of the range are allowed. */
  sim_ok (sim, EV_S (SNOOZE, MOBED_SNOOZE_MAX_S));
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + 12 * HOUR);
  sim_ok (sim, EV_S (SNOOZE, 1));
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + SEC);
  g_assert_cmpuint (mobed_scheduler_get_snoozes (sim->sched), ==, 2);
}

static void
test_expiry (void)
{
  g_autoptr(Sim) sim = sim_new ();
  const gint64 due = T0 + INTERVAL;

  sim_expect_show (sim, due, TRUE);
  g_assert_true (sim_run (sim, T0 + 3 * HOUR, MOBED_PLAN_RECORD));
  g_assert_cmpint (sim->now.mono, ==, due + EXPIRE);
  g_assert_true (sim->plan.flags & MOBED_PLAN_CLOSE);
  g_assert_false (sim->plan.flags & MOBED_PLAN_CHIME_DONE);
  sim_expect_record (sim, MOBED_OUTCOME_MISSED, 1, 0, W0 + INTERVAL);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_WORKING);
  /* The count restarts from the miss, not from when the break fell due. */
  sim_expect_show (sim, due + EXPIRE + INTERVAL, TRUE);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 2);
}

static void
test_pause_across_due (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 10 * MINUTE);
  sim_ok (sim, EV_S (PAUSE, 600));
  g_assert_cmpint (sim->plan.flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_PAUSED);
  g_assert_cmpint (sim->deadline, ==, T0 + 20 * MINUTE);
  g_assert_cmpint (mobed_scheduler_get_paused_until (sim->sched, sim->now), ==, W0 + 20 * MINUTE);
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==, W0 + 25 * MINUTE);

  /* Past the time the break would have come: nothing, and a frozen count. */
  sim->flags = 0;
  sim_advance_to (sim, T0 + 20 * MINUTE - 1);
  g_assert_cmpint (sim->flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, 10 * MINUTE);

  /* The pause ends by itself and the count goes on from 10 m. */
  sim_advance_to (sim, T0 + 20 * MINUTE);
  g_assert_cmpint (sim->flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_WORKING);
  g_assert_cmpint (mobed_scheduler_get_paused_until (sim->sched, sim->now), ==, 0);
  g_assert_cmpint (sim->deadline, ==, T0 + 25 * MINUTE);
  sim_expect_show (sim, T0 + 25 * MINUTE, TRUE);
}

static void
test_pause_indefinite (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 5 * MINUTE);
  sim_ok (sim, EV_S (PAUSE, 0));
  g_assert_cmpint (sim->deadline, ==, MOBED_NEVER);
  g_assert_cmpint (mobed_scheduler_get_paused_until (sim->sched, sim->now), ==, -1);
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==, 0);

  /* Leaving and coming back while paused starts nothing either. */
  sim->flags = 0;
  sim_advance_to (sim, T0 + HOUR);
  sim_ok (sim, EV_AWAY (sim->now.mono));
  sim_advance_to (sim, T0 + 2 * HOUR);
  sim_ok (sim, EV (BACK));
  sim_advance_to (sim, T0 + 5 * MINUTE + 3 * HOUR);
  g_assert_cmpint (sim->flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, 5 * MINUTE);

  sim_ok (sim, EV (RESUME));
  g_assert_cmpint (sim->plan.flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_WORKING);
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + 10 * MINUTE);
  sim_expect_show (sim, sim->now.mono + 10 * MINUTE, TRUE);
}

static void
test_pause_while_due (void)
{
  g_autoptr(Sim) sim = sim_new ();
  gint64 resumed;

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_advance_to (sim, T0 + 16 * MINUTE);
  sim_ok (sim, EV_S (SNOOZE, 60));
  sim_expect_show (sim, T0 + 17 * MINUTE, FALSE);
  sim_advance_to (sim, T0 + 18 * MINUTE);         /* 1 m of expiry used */

  sim_ok (sim, EV_S (PAUSE, 0));
  g_assert_cmpint (sim->plan.flags, ==, MOBED_PLAN_CLOSE);
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==, 0);
  sim->flags = 0;
  sim_advance_to (sim, T0 + 2 * HOUR);
  g_assert_cmpint (sim->flags, ==, 0);

  sim_ok (sim, EV (RESUME));
  resumed = sim->now.mono;
  /* The same break comes back: shown, not new, snoozes and due time kept. */
  g_assert_cmpint (sim->plan.flags, ==, MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_DUE);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 1);
  g_assert_cmpuint (mobed_scheduler_get_snoozes (sim->sched), ==, 1);
  g_assert_cmpint (mobed_scheduler_get_due_wall (sim->sched), ==, W0 + INTERVAL);
  g_assert_cmpint (sim->deadline, ==, resumed + EXPIRE - MINUTE);

  sim_ok (sim, EV (DONE));
  sim_expect_record (sim, MOBED_OUTCOME_DONE, 1, 1, W0 + INTERVAL);
}

static void
test_pause_refused (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + MINUTE);
  sim_refused (sim, EV (RESUME), MOBED_SCHEDULER_ERROR_NOT_PAUSED);
  sim_refused (sim, EV_S (PAUSE, MOBED_PAUSE_MAX_S + 1), MOBED_SCHEDULER_ERROR_INVALID);
  sim_refused (sim, EV_S (PAUSE, G_MAXUINT64), MOBED_SCHEDULER_ERROR_INVALID);
  sim_ok (sim, EV_S (PAUSE, MOBED_PAUSE_MAX_S));
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + 30 * DAY);
  sim_refused (sim, EV (TAKE_BREAK), MOBED_SCHEDULER_ERROR_PAUSED);
  /* A bad second pause leaves the first as it was. */
  sim_refused (sim, EV_S (PAUSE, MOBED_PAUSE_MAX_S + 1), MOBED_SCHEDULER_ERROR_INVALID);
  sim_ok (sim, EV (RESUME));
  sim_refused (sim, EV (RESUME), MOBED_SCHEDULER_ERROR_NOT_PAUSED);
}

static void
test_away_short (void)
{
  g_autoptr(Sim) sim = sim_new ();
  const gint64 left = T0 + 5 * MINUTE, away = NATURAL - SEC;

  sim_advance_to (sim, left);
  sim_ok (sim, EV_AWAY (left));
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_AWAY);
  g_assert_cmpint (sim->deadline, ==, left + NATURAL);
  sim_advance_to (sim, left + away);
  sim_ok (sim, EV (BACK));
  g_assert_cmpint (sim->plan.flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, 5 * MINUTE);
  /* Just short of a natural break: the break is late by the time away. */
  sim_expect_show (sim, T0 + INTERVAL + away, TRUE);
  g_assert_cmpuint (sim->records->len, ==, 0);
}

/* Away for longer than natural-break after counting @count: the count
 * resets, and only from half the interval up is that a natural break. */
static void
check_natural_threshold (gint64 count, gboolean recorded)
{
  g_autoptr(Sim) sim = sim_new ();
  const gint64 left = T0 + count;

  sim_advance_to (sim, left);
  sim_ok (sim, EV_AWAY (left));
  /* Exactly natural-break away is enough. */
  sim_advance_to (sim, left + NATURAL);
  g_assert_cmpint (!!(sim->plan.flags & MOBED_PLAN_RECORD), ==, recorded);
  g_assert_false (sim->plan.flags & (MOBED_PLAN_SHOW | MOBED_PLAN_CLOSE));
  g_assert_cmpuint (sim->records->len, ==, recorded ? 1 : 0);
  if (recorded)
    sim_expect_record (sim, MOBED_OUTCOME_NATURAL, 0, 0, W0 + count);
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, 0);
  g_assert_cmpint (sim->deadline, ==, MOBED_NEVER);
  sim_advance_to (sim, left + 10 * MINUTE);
  sim_ok (sim, EV (BACK));
  sim_expect_show (sim, sim->now.mono + INTERVAL, TRUE);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 1);
}

static void
test_away_natural_threshold (void)
{
  check_natural_threshold (INTERVAL / 2 - SEC, FALSE);
  check_natural_threshold (INTERVAL / 2, TRUE);
}

static void
test_away_while_due (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_advance_to (sim, T0 + 16 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono));
  g_assert_true (sim_run (sim, T0 + HOUR, MOBED_PLAN_RECORD));
  g_assert_cmpint (sim->now.mono, ==, T0 + 18 * MINUTE);
  g_assert_true (sim->plan.flags & MOBED_PLAN_CLOSE);
  sim_expect_record (sim, MOBED_OUTCOME_NATURAL, 1, 0, W0 + INTERVAL);
  g_assert_cmpint (sim->deadline, ==, MOBED_NEVER);
  sim_advance_to (sim, T0 + 20 * MINUTE);
  sim_ok (sim, EV (BACK));
  sim_expect_show (sim, T0 + 35 * MINUTE, TRUE);

  /* A snoozed break ends the same way. */
  sim_ok (sim, EV_S (SNOOZE, 300));
  sim_advance_to (sim, T0 + 36 * MINUTE);
  g_assert_cmpint (mobed_scheduler_get_snoozed_until (sim->sched, sim->now), ==,
                   sim->now.wall + 4 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono));
  /* Away, the snooze has no end time: it waits for the user. */
  g_assert_cmpint (mobed_scheduler_get_snoozed_until (sim->sched, sim->now), ==, 0);
  sim_advance_to (sim, T0 + 38 * MINUTE);
  sim_expect_record (sim, MOBED_OUTCOME_NATURAL, 2, 1, W0 + 35 * MINUTE);
}

/* While away no clock time for the next break is true: it is 0, and the
 * moment the count starts over is known until it has passed. */
static void
test_away_next_break_unknown (void)
{
  g_autoptr(Sim) sim = sim_new ();
  const gint64 left = T0 + 5 * MINUTE;

  g_assert_cmpint (mobed_scheduler_get_count_resets_at (sim->sched, sim->now), ==, 0);
  sim_advance_to (sim, left);
  sim_ok (sim, EV_AWAY (left - 30 * SEC));
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==, 0);
  g_assert_cmpint (mobed_scheduler_get_count_resets_at (sim->sched, sim->now), ==,
                   sim->now.wall - 30 * SEC + NATURAL);
  sim_advance_to (sim, left + HOUR);
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==, 0);
  g_assert_cmpint (mobed_scheduler_get_count_resets_at (sim->sched, sim->now), ==, 0);
  sim_ok (sim, EV (BACK));
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==,
                   sim->now.wall + INTERVAL);
}

static void
test_away_since_past (void)
{
  g_autoptr(Sim) sim = sim_new ();
  g_autoptr(Sim) late = sim_new ();

  /* Idle is noticed late: the minute since the user left is taken back. */
  sim_advance_to (sim, T0 + 10 * MINUTE);
  sim_ok (sim, EV_AWAY (T0 + 9 * MINUTE));
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, 9 * MINUTE);
  g_assert_cmpint (sim->deadline, ==, T0 + 9 * MINUTE + NATURAL);
  sim_advance_to (sim, T0 + 10 * MINUTE + 30 * SEC);
  sim_ok (sim, EV (BACK));
  sim_expect_show (sim, T0 + 10 * MINUTE + 30 * SEC + 6 * MINUTE, TRUE);

  /* Noticed after natural-break already passed: settled at once, from
   * when the user left, with the count as it stood then. */
  sim_advance_to (late, T0 + 10 * MINUTE);
  sim_ok (late, EV_AWAY (T0 + 7 * MINUTE + 30 * SEC));
  g_assert_true (late->plan.flags & MOBED_PLAN_RECORD);
  sim_expect_record (late, MOBED_OUTCOME_NATURAL, 0, 0, W0 + 7 * MINUTE + 30 * SEC);
  g_assert_cmpint (late->deadline, ==, MOBED_NEVER);
}

/* A fixed 4 h of answers, with the wall clock moved by @jumps[i] at step i.
 * Logs, per step, what must not depend on the wall clock. */
static GArray *
run_jump_script (const gint64 jumps[8], Sim **out)
{
  Sim *sim = sim_new ();
  GArray *log = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < 24; i++)
    {
      gint64 step = T0 + (i + 1) * 10 * MINUTE, next, snoozed;

      /* Alternate Done and a snooze; every fourth break is left to expire. */
      while (sim_run (sim, step, MOBED_PLAN_SHOW))
        {
          guint n = sim->shows->len;

          if (n % 4 == 1)
            sim_ok (sim, EV (DONE));
          else if (n % 4 == 2)
            sim_ok (sim, EV_S (SNOOZE, 300));
        }
      sim_jump_wall (sim, jumps[i % 8]);
      next = mobed_scheduler_get_next_break (sim->sched, sim->now);
      snoozed = mobed_scheduler_get_snoozed_until (sim->sched, sim->now);
      /* Deadlines stay put; what is shown to people moves with the clock. */
      g_array_append_vals (log, (gint64[]) { sim->deadline, next ? next - sim->now.wall : -1,
                                             snoozed ? snoozed - sim->now.wall : -1 }, 3);
    }
  *out = sim;
  return log;
}

static void
test_wall_clock_jumps (void)
{
  /* Hours forward and back, and DST's hour both ways. */
  const gint64 none[8] = { 0 };
  const gint64 jumps[8] = { 3 * HOUR, 0, -5 * HOUR, HOUR, 0, -HOUR, 7 * HOUR, -2 * HOUR };
  g_autoptr(Sim) a = NULL;
  g_autoptr(Sim) b = NULL;
  g_autoptr(GArray) log_a = run_jump_script (none, &a);
  g_autoptr(GArray) log_b = run_jump_script (jumps, &b);

  g_assert_cmpuint (a->shows->len, >, 10);
  g_assert_cmpmem (a->shows->data, a->shows->len * sizeof (gint64),
                   b->shows->data, b->shows->len * sizeof (gint64));
  g_assert_cmpmem (log_a->data, log_a->len * sizeof (gint64),
                   log_b->data, log_b->len * sizeof (gint64));
  g_assert_cmpuint (a->records->len, ==, b->records->len);
  for (guint i = 0; i < a->records->len; i++)
    {
      const SimRecord *ra = &g_array_index (a->records, SimRecord, i);
      const SimRecord *rb = &g_array_index (b->records, SimRecord, i);

      g_assert_true (ra->mono == rb->mono && ra->rec.outcome == rb->rec.outcome
                     && ra->rec.break_id == rb->rec.break_id);
    }
}

static void
test_dismiss (void)
{
  g_autoptr(Sim) sim = sim_new ();

  /* A close that comes after the break left the screen is stale news. */
  sim_advance_to (sim, T0 + MINUTE);
  sim_ok (sim, EV (DISMISS));
  g_assert_cmpint (sim->plan.flags, ==, 0);
  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_ok (sim, EV_S (SNOOZE, 60));
  sim_ok (sim, EV (DISMISS));
  g_assert_cmpint (sim->plan.flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_SNOOZED);
  sim_expect_show (sim, T0 + INTERVAL + MINUTE, FALSE);
  sim_ok (sim, EV_S (PAUSE, 0));
  sim_ok (sim, EV (DISMISS));
  g_assert_cmpint (sim->plan.flags, ==, 0);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 1);
  sim_ok (sim, EV (RESUME));

  sim_ok (sim, EV (DISMISS));
  g_assert_cmpint (sim->plan.flags, ==, MOBED_PLAN_RECORD | MOBED_PLAN_CLOSE);
  sim_expect_record (sim, MOBED_OUTCOME_DISMISSED, 1, 1, W0 + INTERVAL);
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + INTERVAL);
}

static void
test_done_after_expiry (void)
{
  g_autoptr(Sim) sim = sim_new ();
  g_autoptr(Sim) late = sim_new ();
  g_autoptr(GError) error = NULL;

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_advance_to (sim, T0 + INTERVAL + EXPIRE + SEC);
  sim_expect_record (sim, MOBED_OUTCOME_MISSED, 1, 0, W0 + INTERVAL);
  sim_refused (sim, EV (DONE), MOBED_SCHEDULER_ERROR_NOT_DUE);

  /* Done reaching the daemon before its timer did: still refused, and the
   * plan carries the miss so the daemon records it and closes the break. */
  sim_expect_show (late, T0 + INTERVAL, TRUE);
  sim_set_mono (late, T0 + INTERVAL + EXPIRE + SEC);
  g_assert_false (sim_send (late, EV (DONE), &error));
  g_assert_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_DUE);
  g_assert_cmpint (late->plan.flags, ==, MOBED_PLAN_RECORD | MOBED_PLAN_CLOSE);
  sim_expect_record (late, MOBED_OUTCOME_MISSED, 1, 0, W0 + INTERVAL);
  g_assert_cmpint (late->deadline, ==, late->now.mono + INTERVAL);
}

static void
test_set_config (void)
{
  g_autoptr(Sim) sim = sim_new ();
  g_autoptr(Sim) longer = sim_new ();

  sim_advance_to (sim, T0 + 10 * MINUTE);
  sim->config.interval_s = 5 * 60;
  sim_set_config (sim);
  g_assert_true (sim->plan.flags & MOBED_PLAN_NEW_BREAK);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_DUE);
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + EXPIRE);

  /* A longer interval keeps the count so far. */
  sim_advance_to (longer, T0 + 10 * MINUTE);
  longer->config.interval_s = 20 * 60;
  sim_set_config (longer);
  g_assert_cmpint (longer->plan.flags, ==, 0);
  g_assert_cmpint (longer->deadline, ==, T0 + 20 * MINUTE);
}

static void
test_take_break (void)
{
  g_autoptr(Sim) sim = sim_new ();

  /* Early, from working: a new break, and the count starts over after it. */
  sim_advance_to (sim, T0 + 5 * MINUTE);
  sim_ok (sim, EV (TAKE_BREAK));
  g_assert_cmpint (sim->plan.flags, ==,
                   MOBED_PLAN_SHOW | MOBED_PLAN_NEW_BREAK | MOBED_PLAN_CHIME_START);
  sim_ok (sim, EV (DONE));
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + INTERVAL);

  sim_expect_show (sim, T0 + 5 * MINUTE + INTERVAL, TRUE);
  sim_ok (sim, EV_S (SNOOZE, 300));
  sim_advance_to (sim, sim->now.mono + MINUTE);
  sim_ok (sim, EV (TAKE_BREAK));
  g_assert_cmpint (sim->plan.flags, ==, MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 2);
  g_assert_cmpuint (mobed_scheduler_get_snoozes (sim->sched), ==, 1);
  g_assert_cmpint (sim->deadline, ==, sim->now.mono + EXPIRE);

  /* Asked again while it is up: only raise it. */
  sim_ok (sim, EV (TAKE_BREAK));
  g_assert_cmpint (sim->plan.flags, ==, MOBED_PLAN_SHOW);
}

/* A timed pause that ends while the user has been away past natural-break
 * (they paused, then locked the screen or closed the lid). The break that
 * was due ends as natural; it must not also be shown and chimed, as the
 * daemon closes before it shows and would raise a break that is over. */
static void
test_pause_ends_while_away (void)
{
  g_autoptr(Sim) sim = sim_new ();
  MobedPlan plan;

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_advance_to (sim, T0 + 16 * MINUTE);
  sim_ok (sim, EV_S (PAUSE, 600));
  sim_advance_to (sim, T0 + 17 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono));
  g_assert_cmpint (sim->deadline, ==, T0 + 26 * MINUTE);

  /* The timer at the pause's end, checked by hand for a clear message. */
  sim_set_mono (sim, T0 + 26 * MINUTE);
  g_assert_true (mobed_scheduler_handle (sim->sched, &EV (TICK), sim->now, &plan, NULL));
  g_assert_true (plan.flags & MOBED_PLAN_RECORD);
  g_assert_cmpint (plan.record.outcome, ==, MOBED_OUTCOME_NATURAL);
  g_assert_cmpuint (plan.record.break_id, ==, 1);
  g_assert_cmpint (plan.flags & (MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START), ==, 0);
  sim_apply (sim, &plan);
}

/* A pause ends while the user is briefly away: the hidden break waits for
 * them and comes back (same break, no new pick) the moment they return. */
static void
test_pause_ends_while_briefly_away (void)
{
  g_autoptr(Sim) sim = sim_new ();
  MobedPlan plan;

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_advance_to (sim, T0 + 16 * MINUTE);
  sim_ok (sim, EV_S (PAUSE, 60));
  sim_advance_to (sim, T0 + 16 * MINUTE + 30 * SEC);
  sim_ok (sim, EV_AWAY (sim->now.mono));

  sim_set_mono (sim, T0 + 17 * MINUTE);          /* the pause ends; still away */
  g_assert_true (mobed_scheduler_handle (sim->sched, &EV (TICK), sim->now, &plan, NULL));
  g_assert_cmpint (plan.flags & (MOBED_PLAN_SHOW | MOBED_PLAN_RECORD), ==, 0);
  sim_apply (sim, &plan);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_AWAY);

  sim_set_mono (sim, T0 + 17 * MINUTE + 20 * SEC);   /* back before natural-break */
  g_assert_true (mobed_scheduler_handle (sim->sched, &EV (BACK), sim->now, &plan, NULL));
  g_assert_true (plan.flags & MOBED_PLAN_SHOW);
  g_assert_false (plan.flags & (MOBED_PLAN_NEW_BREAK | MOBED_PLAN_RECORD));
  sim_apply (sim, &plan);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_DUE);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler/working-day", test_working_day);
  g_test_add_func ("/scheduler/snooze/chain", test_snooze_chain);
  g_test_add_func ("/scheduler/snooze/refused", test_snooze_refused);
  g_test_add_func ("/scheduler/expiry", test_expiry);
  g_test_add_func ("/scheduler/pause/across-due", test_pause_across_due);
  g_test_add_func ("/scheduler/pause/indefinite", test_pause_indefinite);
  g_test_add_func ("/scheduler/pause/while-due", test_pause_while_due);
  g_test_add_func ("/scheduler/pause/refused", test_pause_refused);
  g_test_add_func ("/scheduler/away/short", test_away_short);
  g_test_add_func ("/scheduler/away/natural-threshold", test_away_natural_threshold);
  g_test_add_func ("/scheduler/away/while-due", test_away_while_due);
  g_test_add_func ("/scheduler/away/since-past", test_away_since_past);
  g_test_add_func ("/scheduler/away/next-break-unknown", test_away_next_break_unknown);
  g_test_add_func ("/scheduler/wall-clock-jumps", test_wall_clock_jumps);
  g_test_add_func ("/scheduler/dismiss", test_dismiss);
  g_test_add_func ("/scheduler/done-after-expiry", test_done_after_expiry);
  g_test_add_func ("/scheduler/set-config", test_set_config);
  g_test_add_func ("/scheduler/take-break", test_take_break);
  g_test_add_func ("/scheduler/pause/ends-while-away", test_pause_ends_while_away);
  g_test_add_func ("/scheduler/pause/ends-while-briefly-away", test_pause_ends_while_briefly_away);
  return g_test_run ();
}

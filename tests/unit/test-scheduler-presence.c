/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-scheduler-presence.c — the rules that make breaks fit real days:
 * do-not-disturb holds a due break back (never drops it) up to max-defer,
 * working hours stop the count, sleep across a due time is a natural break
 * rather than a break on waking, and ignored breaks raise the next one.
 */
#include "sim.h"

#include "core/idle.h"
#include "core/presence.h"

#define INTERVAL (15 * MINUTE)
#define EXPIRE   (10 * MINUTE)
#define NATURAL  (2 * MINUTE)
#define MAX_DEFER (90 * MINUTE)

static MobedState
state (Sim *sim)
{
  return mobed_scheduler_get_state (sim->sched);
}

/* Do-not-disturb began before the break fell due: it is held, its expiry
 * clock does not run, and it is shown the moment DND ends. */
static void
test_defer_holds_due_break (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 10 * MINUTE);
  sim_ok (sim, EV (DEFER));
  g_assert_false (sim_run (sim, T0 + 50 * MINUTE, MOBED_PLAN_SHOW));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DEFERRED);
  g_assert_cmpuint (sim->new_breaks, ==, 1);            /* it fell due at 15 m */
  g_assert_cmpuint (sim->records->len, ==, 0);          /* and did not expire */

  sim_ok (sim, EV (UNDEFER));
  g_assert_true (sim->plan.flags & MOBED_PLAN_SHOW);
  g_assert_true (sim->plan.flags & MOBED_PLAN_CHIME_START);
  g_assert_false (sim->plan.flags & MOBED_PLAN_NEW_BREAK);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DUE);
  /* Expiry counts from when it was shown. */
  sim_advance_to (sim, T0 + 50 * MINUTE + EXPIRE);
  sim_expect_record (sim, MOBED_OUTCOME_MISSED, 1, 0, W0 + INTERVAL);
}

static void
test_defer_takes_down_a_shown_break (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  sim_advance_to (sim, T0 + 16 * MINUTE);
  sim_ok (sim, EV (DEFER));
  g_assert_true (sim->plan.flags & MOBED_PLAN_CLOSE);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DEFERRED);
  sim_advance_to (sim, T0 + 40 * MINUTE);
  sim_ok (sim, EV (UNDEFER));
  g_assert_true (sim->plan.flags & MOBED_PLAN_SHOW);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 1);
  sim_ok (sim, EV (DONE));
  sim_expect_record (sim, MOBED_OUTCOME_DONE, 1, 0, W0 + INTERVAL);
}

/* A day of meetings: the held break ends as missed after max-defer and the
 * count starts again (the next one is held too). */
static void
test_max_defer (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_ok (sim, EV (DEFER));
  sim_advance_to (sim, T0 + INTERVAL + MAX_DEFER - SEC);
  g_assert_cmpuint (sim->records->len, ==, 0);
  sim_advance_to (sim, T0 + INTERVAL + MAX_DEFER);
  sim_expect_record (sim, MOBED_OUTCOME_MISSED, 1, 0, W0 + INTERVAL);
  g_assert_cmpuint (sim->shows->len, ==, 0);
  sim_advance_to (sim, T0 + 2 * INTERVAL + MAX_DEFER);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DEFERRED);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 2);
}

/* Away while a break is held: it was a natural break, never shown. */
static void
test_held_then_away_is_natural (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_ok (sim, EV (DEFER));
  sim_advance_to (sim, T0 + 20 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono));
  sim_advance_to (sim, T0 + 20 * MINUTE + NATURAL);
  sim_expect_record (sim, MOBED_OUTCOME_NATURAL, 1, 0, W0 + INTERVAL);
  sim_ok (sim, EV (BACK));
  sim_ok (sim, EV (UNDEFER));
  g_assert_cmpuint (sim->shows->len, ==, 0);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_WORKING);
}

/* "mobectl now" during do-not-disturb: the user asked, so it shows. */
static void
test_take_break_while_deferred (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_ok (sim, EV (DEFER));
  sim_advance_to (sim, T0 + 5 * MINUTE);
  sim_ok (sim, EV (TAKE_BREAK));
  g_assert_cmpint (sim->plan.flags & (MOBED_PLAN_SHOW | MOBED_PLAN_NEW_BREAK), ==,
                   MOBED_PLAN_SHOW | MOBED_PLAN_NEW_BREAK);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DUE);
  sim_ok (sim, EV (DONE));
  /* The next one is held again. */
  g_assert_false (sim_run (sim, T0 + 5 * MINUTE + 2 * INTERVAL, MOBED_PLAN_SHOW));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DEFERRED);
}

/* The daemon asks before each event whether a break would come on screen
 * by itself, and looks for a camera or a fullscreen window only then. */
static void
test_would_show (void)
{
  g_autoptr(Sim) sim = sim_new ();
  MobedEvent tick = EV (TICK), take = EV (TAKE_BREAK), undefer = EV (UNDEFER);
  MobedEvent resume = EV (RESUME);
  MobedTime due = { T0 + INTERVAL, W0 + INTERVAL };

  sim_set_mono (sim, T0 + INTERVAL - SEC);
  g_assert_false (mobed_scheduler_would_show (sim->sched, &tick, sim->now));
  /* Asked for: shown whatever holds, so nothing to look for. */
  g_assert_false (mobed_scheduler_would_show (sim->sched, &take, sim->now));
  g_assert_true (mobed_scheduler_would_show (sim->sched, &tick, due));
  /* Only a dry run: nothing fell due. */
  g_assert_cmpint (state (sim), ==, MOBED_STATE_WORKING);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, 0);

  /* A reason found at that moment holds the break before it is shown:
   * chosen (NEW_BREAK) but never on screen. */
  sim_set_mono (sim, T0 + INTERVAL);
  sim_ok (sim, EV (DEFER));
  g_assert_true (sim->plan.flags & MOBED_PLAN_NEW_BREAK);
  g_assert_false (sim->plan.flags & (MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DEFERRED);
  g_assert_false (mobed_scheduler_would_show (sim->sched, &tick, sim->now));
  /* Released, it would come up: the moment to look again. */
  g_assert_true (mobed_scheduler_would_show (sim->sched, &undefer, sim->now));
  sim_ok (sim, EV (UNDEFER));
  g_assert_true (sim->plan.flags & MOBED_PLAN_SHOW);
  /* On screen already: nothing more would show. */
  g_assert_false (mobed_scheduler_would_show (sim->sched, &tick, sim->now));

  /* The end of a snooze and of a pause bring it back: both are moments. */
  sim_ok (sim, EV_S (SNOOZE, 300));
  sim_set_mono (sim, sim->now.mono + 300 * SEC);
  g_assert_true (mobed_scheduler_would_show (sim->sched, &tick, sim->now));
  sim_ok (sim, EV (TICK));
  sim_ok (sim, EV_S (PAUSE, 0));
  g_assert_true (mobed_scheduler_would_show (sim->sched, &resume, sim->now));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_PAUSED);
}

static void
test_off_hours (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 10 * MINUTE);
  sim_ok (sim, EV (OFF_HOURS));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_OFF_HOURS);
  g_assert_cmpint (sim->deadline, ==, MOBED_NEVER);
  g_assert_cmpint (mobed_scheduler_get_next_break (sim->sched, sim->now), ==, 0);
  /* Overnight nothing happens; the morning count starts from zero. */
  sim_set_mono (sim, T0 + 14 * HOUR);
  sim_ok (sim, EV (ON_HOURS));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_WORKING);
  sim_expect_show (sim, T0 + 14 * HOUR + INTERVAL, TRUE);

  /* Hours ending while a break is up: it was never answered. */
  sim_advance_to (sim, T0 + 14 * HOUR + INTERVAL + MINUTE);
  sim_ok (sim, EV (OFF_HOURS));
  g_assert_true (sim->plan.flags & MOBED_PLAN_CLOSE);
  sim_expect_record (sim, MOBED_OUTCOME_MISSED, 1, 0, W0 + 14 * HOUR + INTERVAL);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_OFF_HOURS);
  /* Asked for off hours, a break is still given, and answered as usual. */
  sim_ok (sim, EV (TAKE_BREAK));
  g_assert_true (sim->plan.flags & MOBED_PLAN_SHOW);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_DUE);
  sim_ok (sim, EV (DONE));
  sim_expect_record (sim, MOBED_OUTCOME_DONE, 2, 0, sim->now.wall);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_OFF_HOURS);
  g_assert_cmpint (sim->deadline, ==, MOBED_NEVER);
}

/* The laptop sleeps at 14 min, a minute before a break, and wakes 8 h
 * later: no break pops up on waking; the absence was a natural break. */
static void
test_sleep_across_due (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 14 * MINUTE);
  sim_ok (sim, EV_AWAY (sim->now.mono));          /* PrepareForSleep(true) */
  sim_set_mono (sim, T0 + 14 * MINUTE + 8 * HOUR);  /* CLOCK_BOOTTIME ran on */
  sim_ok (sim, EV (BACK));                         /* the lid opens */
  g_assert_false (sim->flags & MOBED_PLAN_SHOW);
  g_assert_cmpint (state (sim), ==, MOBED_STATE_WORKING);
  sim_expect_record (sim, MOBED_OUTCOME_NATURAL, 0, 0, W0 + 14 * MINUTE);
  sim_expect_show (sim, T0 + 14 * MINUTE + 8 * HOUR + INTERVAL, TRUE);
}

/* The user's input in test_idle_polled: typing until 10 min, away, one
 * touch at 29 min 30 s, reading for a while, typing again from 31 min. */
static gint64
idle_at (gint64 t)
{
  if (t <= T0 + 10 * MINUTE)
    return 0;
  if (t < T0 + 29 * MINUTE + 30 * SEC)
    return t - (T0 + 10 * MINUTE);
  if (t < T0 + 31 * MINUTE)
    return t - (T0 + 29 * MINUTE + 30 * SEC);
  return 0;
}

/* A polled idle source (X11, the ScreenSaver interface) end to end: read
 * only when the threshold could be reached, away dated to the last input
 * (a natural break, as more than half the interval was worked), the
 * return found at the next beat and dated back to the first input, so the
 * next break comes a full interval after it. */
static void
test_idle_polled (void)
{
  g_autoptr(Sim) sim = sim_new ();
  MobedIdleTracker tracker = { NATURAL, FALSE };
  MobedPresence presence = { 0 };
  gint64 next = T0;
  guint readings = 0, readings_active = 0;

  while (next <= T0 + 31 * MINUTE)
    {
      MobedIdleVerdict v;
      MobedEvent ev;

      sim_advance_to (sim, next);
      v = mobed_idle_reading (&tracker, idle_at (next), next);
      readings++;
      if (!tracker.away && v.change == MOBED_IDLE_SAME)
        readings_active++;
      if (v.change != MOBED_IDLE_SAME
          && mobed_presence_update (&presence, MOBED_AWAY_IDLE,
                                    v.change == MOBED_IDLE_WENT_AWAY, v.since, &ev))
        sim_ok (sim, ev);
      if (v.change == MOBED_IDLE_WENT_AWAY)
        {
          g_assert_cmpint (sim->now.mono, ==, T0 + 12 * MINUTE);
          g_assert_cmpint (state (sim), ==, MOBED_STATE_AWAY);
          sim_expect_record (sim, MOBED_OUTCOME_NATURAL, 0, 0, W0 + 10 * MINUTE);
        }
      if (v.change == MOBED_IDLE_CAME_BACK)
        {
          g_assert_cmpint (sim->now.mono, ==, T0 + 30 * MINUTE);
          g_assert_cmpint (state (sim), ==, MOBED_STATE_WORKING);
          /* Back-dated: 30 s already count. */
          g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, 30 * SEC);
        }
      next = v.next;
    }
  /* While typing: at 0, 2, 4, 6, 8 and 10 min. Away: once a minute,
   * 12 to 30 min; the next would be 90 s after the return. */
  g_assert_cmpuint (readings_active, ==, 6);
  g_assert_cmpuint (readings, ==, 6 + 19);
  g_assert_cmpint (next, ==, T0 + 31 * MINUTE + 30 * SEC);
  g_assert_cmpuint (sim->records->len, ==, 1);
  sim_expect_show (sim, T0 + 29 * MINUTE + 30 * SEC + INTERVAL, TRUE);
}

/* The scheduler takes a return's date, but never one before the user left
 * or before the natural break the absence made. */
static void
test_back_dating_is_bounded (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim_advance_to (sim, T0 + 5 * MINUTE);
  sim_ok (sim, EV_AWAY (T0 + 4 * MINUTE));
  sim_advance_to (sim, T0 + 5 * MINUTE + 30 * SEC);
  sim_ok (sim, ((MobedEvent) { .kind = MOBED_EVENT_BACK, .since = T0 }));
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==,
                   4 * MINUTE + 90 * SEC);

  sim_ok (sim, EV_AWAY (sim->now.mono));
  sim_advance_to (sim, T0 + 20 * MINUTE);
  /* Settled at 7 min 30 s: counting from before that would double-count. */
  sim_ok (sim, ((MobedEvent) { .kind = MOBED_EVENT_BACK, .since = T0 + 6 * MINUTE }));
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==,
                   20 * MINUTE - (5 * MINUTE + 30 * SEC + NATURAL));
  /* From the future: now. */
  sim_ok (sim, EV_AWAY (sim->now.mono));
  sim_advance_to (sim, T0 + 21 * MINUTE);
  sim_ok (sim, ((MobedEvent) { .kind = MOBED_EVENT_BACK, .since = T0 + HOUR }));
  g_assert_cmpint (state (sim), ==, MOBED_STATE_WORKING);
  sim_advance_to (sim, T0 + 22 * MINUTE);
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==,
                   12 * MINUTE + 30 * SEC + MINUTE);
}

/* Two ignored breaks in a row raise the third (and chime again a minute
 * later if still unanswered); an answer brings it back down. */
static void
test_attention_ladder (void)
{
  g_autoptr(Sim) sim = sim_new ();
  const MobedRecord *last;

  sim_expect_show (sim, T0 + INTERVAL, TRUE);
  g_assert_false (sim->plan.flags & MOBED_PLAN_ESCALATE);
  sim_advance_to (sim, T0 + INTERVAL + EXPIRE);                       /* missed */
  sim_expect_show (sim, T0 + 2 * INTERVAL + EXPIRE, TRUE);
  g_assert_false (sim->plan.flags & MOBED_PLAN_ESCALATE);
  sim_ok (sim, EV (DISMISS));                                         /* dismissed */
  sim_expect_show (sim, T0 + 3 * INTERVAL + EXPIRE, TRUE);
  g_assert_true (sim->plan.flags & MOBED_PLAN_ESCALATE);
  g_assert_true (mobed_scheduler_get_escalated (sim->sched));
  g_assert_true (sim_run (sim, sim->now.mono + MOBED_CHIME_AGAIN_S * SEC, MOBED_PLAN_CHIME_AGAIN));
  g_assert_cmpint (sim->now.mono, ==, T0 + 3 * INTERVAL + EXPIRE + MOBED_CHIME_AGAIN_S * SEC);
  sim_ok (sim, EV (DONE));
  last = &g_array_index (sim->records, SimRecord, sim->records->len - 1).rec;
  g_assert_true (last->escalated);
  sim_expect_show (sim, sim->now.mono + INTERVAL, TRUE);
  g_assert_false (sim->plan.flags & MOBED_PLAN_ESCALATE);

  /* A skip is an answer too: it breaks a run of ignored breaks. */
  sim_ok (sim, EV (DISMISS));
  sim_expect_show (sim, sim->now.mono + INTERVAL, TRUE);
  sim_ok (sim, EV (SKIP));
  sim_expect_show (sim, sim->now.mono + INTERVAL, TRUE);
  sim_ok (sim, EV (DISMISS));
  sim_expect_show (sim, sim->now.mono + INTERVAL, TRUE);
  g_assert_false (sim->plan.flags & MOBED_PLAN_ESCALATE);
}

static void
test_ladder_off (void)
{
  g_autoptr(Sim) sim = sim_new ();

  sim->config.escalate = FALSE;
  sim_set_config (sim);
  for (int i = 0; i < 4; i++)
    {
      sim_expect_show (sim, sim->now.mono + INTERVAL, TRUE);
      g_assert_false (sim->plan.flags & MOBED_PLAN_ESCALATE);
      sim_ok (sim, EV (DISMISS));
    }
  g_assert_false (sim->flags & (MOBED_PLAN_ESCALATE | MOBED_PLAN_CHIME_AGAIN));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler/defer/holds-due-break", test_defer_holds_due_break);
  g_test_add_func ("/scheduler/defer/takes-down-a-shown-break", test_defer_takes_down_a_shown_break);
  g_test_add_func ("/scheduler/defer/max-defer", test_max_defer);
  g_test_add_func ("/scheduler/defer/held-then-away", test_held_then_away_is_natural);
  g_test_add_func ("/scheduler/defer/take-break", test_take_break_while_deferred);
  g_test_add_func ("/scheduler/defer/would-show", test_would_show);
  g_test_add_func ("/scheduler/off-hours", test_off_hours);
  g_test_add_func ("/scheduler/sleep-across-due", test_sleep_across_due);
  g_test_add_func ("/scheduler/idle/polled", test_idle_polled);
  g_test_add_func ("/scheduler/idle/back-dating-is-bounded", test_back_dating_is_bounded);
  g_test_add_func ("/scheduler/ladder/raises-and-lowers", test_attention_ladder);
  g_test_add_func ("/scheduler/ladder/off", test_ladder_off);
  return g_test_run ();
}

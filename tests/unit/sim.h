/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim.h — a stand-in for the daemon's timer loop, for test-scheduler.c. It
 * holds the two clocks, ticks the scheduler at each deadline it asks for,
 * and checks every plan against what the daemon relies on: a deadline in
 * the future, break ids handed out in order, each break ended once, records
 * in time order. Time is synthetic, so a week runs in milliseconds. At the
 * end, a simulated user who answers at random.
 */
#pragma once

#include "core/scheduler.h"

#define SEC    G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * SEC)
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/* Arbitrary start: some time after boot, on a November 2023 day. */
#define T0 (1000 * SEC)
#define W0 (G_GINT64_CONSTANT (1700000000) * SEC)

#define EV(k)         ((MobedEvent) { .kind = MOBED_EVENT_##k })
#define EV_S(k, s)    ((MobedEvent) { .kind = MOBED_EVENT_##k, .seconds = (s) })
#define EV_AWAY(t)    ((MobedEvent) { .kind = MOBED_EVENT_AWAY, .since = (t) })

typedef struct {
  MobedRecord rec;
  gint64      mono;           /* when the plan carrying it came */
} SimRecord;

typedef struct {
  MobedScheduler *sched;
  MobedConfig     config;
  MobedTime       now;
  gint64          last_event;   /* mono µs of the last event handled */
  gint64          deadline;
  MobedPlan       plan;         /* the last plan */
  MobedPlanFlags  flags;        /* all flags planned since a test cleared this */
  GArray         *records;      /* SimRecord */
  GArray         *shows;        /* mono µs of each SHOW */
  GByteArray     *ended;        /* ->data[id]: whether break id has ended */
  guint64         last_id;
  guint           new_breaks;
  guint           naturals;     /* natural records with break id 0 */
  gboolean        wall_jumped;  /* records may then run backwards in wall time */
} Sim;

static inline void
sim_free (Sim *sim)
{
  mobed_scheduler_free (sim->sched);
  mobed_config_clear (&sim->config);
  g_array_unref (sim->records);
  g_array_unref (sim->shows);
  g_byte_array_unref (sim->ended);
  g_free (sim);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sim, sim_free)

static inline void
sim_check_record (Sim *sim, const MobedRecord *rec)
{
  SimRecord entry = { *rec, sim->now.mono };

  g_assert_cmpint (rec->outcome, !=, MOBED_OUTCOME_NONE);
  g_assert_cmpint (rec->ended_wall, ==, sim->now.wall);
  if (rec->break_id == 0)
    {
      /* Only a natural break can come before any break was due. */
      g_assert_cmpint (rec->outcome, ==, MOBED_OUTCOME_NATURAL);
      g_assert_cmpuint (rec->snoozes, ==, 0);
      sim->naturals++;
    }
  else
    {
      g_assert_cmpuint (rec->break_id, <=, sim->last_id);
      g_assert_cmpuint (sim->ended->data[rec->break_id], ==, 0);
      sim->ended->data[rec->break_id] = 1;
    }
  if (!sim->wall_jumped)
    {
      g_assert_cmpint (rec->due_wall, <=, rec->ended_wall);
      if (sim->records->len > 0)
        g_assert_cmpint (rec->due_wall, >=,
                         g_array_index (sim->records, SimRecord, sim->records->len - 1).rec.ended_wall);
    }
  g_array_append_val (sim->records, entry);
}

/* What the daemon does with a plan, plus the checks. */
static inline void
sim_apply (Sim *sim, const MobedPlan *plan)
{
  guint64 current = mobed_scheduler_get_break_id (sim->sched);

  sim->plan = *plan;
  sim->flags |= plan->flags;
  sim->last_event = sim->now.mono;
  /* The daemon sleeps until the deadline; one not in the future would spin. */
  g_assert_cmpint (plan->next_deadline, >, sim->now.mono);
  sim->deadline = plan->next_deadline;

  if (plan->flags & MOBED_PLAN_NEW_BREAK)
    {
      /* A new break is shown at once, unless do-not-disturb holds it. */
      if (mobed_scheduler_get_state (sim->sched) != MOBED_STATE_DEFERRED)
        g_assert_true (plan->flags & MOBED_PLAN_SHOW);
      sim->last_id++;
      sim->new_breaks++;
      g_byte_array_append (sim->ended, (const guint8[]) { 0 }, 1);
    }
  /* Ids only go up: the current break, if any, is the newest one. */
  g_assert_true (current == 0 || current == sim->last_id);
  if (plan->flags & MOBED_PLAN_SHOW)
    {
      /* The daemon closes before it shows, so a SHOW must be for a break
       * still due after this plan, not one it ended or put aside. */
      g_assert_cmpuint (current, !=, 0);
      g_assert_cmpint (mobed_scheduler_get_state (sim->sched), !=, MOBED_STATE_PAUSED);
      g_assert_cmpint (mobed_scheduler_get_snoozed_until (sim->sched, sim->now), ==, 0);
      g_array_append_val (sim->shows, sim->now.mono);
    }
  if (plan->flags & MOBED_PLAN_RECORD)
    sim_check_record (sim, &plan->record);
}

/* Like the daemon, carries out the plan even when the event is refused. */
static inline gboolean
sim_send (Sim *sim, MobedEvent event, GError **error)
{
  MobedPlan plan;
  gboolean ok = mobed_scheduler_handle (sim->sched, &event, sim->now, &plan, error);

  sim_apply (sim, &plan);
  return ok;
}

static inline void
sim_ok (Sim *sim, MobedEvent event)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sim_send (sim, event, &error));
  g_assert_no_error (error);
}

/* With the sim caught up nothing is pending, so a refusal must leave no trace. */
static inline void
sim_refused (Sim *sim, MobedEvent event, MobedSchedulerError code)
{
  g_autoptr(GError) error = NULL;
  MobedState state = mobed_scheduler_get_state (sim->sched);
  guint64 id = mobed_scheduler_get_break_id (sim->sched);
  guint snoozes = mobed_scheduler_get_snoozes (sim->sched);
  gint64 count = mobed_scheduler_get_count (sim->sched, sim->now.mono);
  gint64 paused_until = mobed_scheduler_get_paused_until (sim->sched, sim->now);
  gint64 deadline = sim->deadline;

  g_assert_false (sim_send (sim, event, &error));
  g_assert_error (error, MOBED_SCHEDULER_ERROR, (int) code);
  g_assert_cmpint (sim->plan.flags, ==, 0);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, state);
  g_assert_cmpuint (mobed_scheduler_get_break_id (sim->sched), ==, id);
  g_assert_cmpuint (mobed_scheduler_get_snoozes (sim->sched), ==, snoozes);
  g_assert_cmpint (mobed_scheduler_get_count (sim->sched, sim->now.mono), ==, count);
  g_assert_cmpint (mobed_scheduler_get_paused_until (sim->sched, sim->now), ==, paused_until);
  g_assert_cmpint (sim->deadline, ==, deadline);
}

static inline Sim *
sim_new (void)
{
  Sim *sim = g_new0 (Sim, 1);

  mobed_config_init_defaults (&sim->config);
  sim->now = (MobedTime) { T0, W0 };
  sim->sched = mobed_scheduler_new (&sim->config, T0);
  sim->records = g_array_new (FALSE, FALSE, sizeof (SimRecord));
  sim->shows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sim->ended = g_byte_array_new ();
  g_byte_array_append (sim->ended, (const guint8[]) { 0 }, 1);   /* id 0 */
  /* The scheduler hands out no deadline until it is first asked. */
  sim_ok (sim, EV (TICK));
  return sim;
}

static inline void
sim_set_config (Sim *sim)
{
  MobedPlan plan;

  mobed_scheduler_set_config (sim->sched, &sim->config, sim->now, &plan);
  sim_apply (sim, &plan);
}

/* Moves both clocks; nothing is handled. */
static inline void
sim_set_mono (Sim *sim, gint64 mono)
{
  g_assert_cmpint (mono, >=, sim->now.mono);
  sim->now.wall += mono - sim->now.mono;
  sim->now.mono = mono;
}

static inline void
sim_jump_wall (Sim *sim, gint64 delta)
{
  sim->now.wall += delta;
  sim->wall_jumped = TRUE;
}

/* Runs the timer up to @target: each deadline on the way gets its TICK, as
 * the daemon's timeout would. Stops early, at that deadline, when a plan
 * has any of @stop, and then returns TRUE. */
static inline gboolean
sim_run (Sim *sim, gint64 target, MobedPlanFlags stop)
{
  for (guint i = 0; sim->deadline <= target; i++)
    {
      /* sim_apply sees every deadline move forward; this catches a loop
       * that moves forward by too little to ever finish. */
      g_assert_cmpuint (i, <, 10000);
      sim_set_mono (sim, sim->deadline);
      sim_ok (sim, EV (TICK));
      if (sim->plan.flags & stop)
        return TRUE;
    }
  sim_set_mono (sim, target);
  return FALSE;
}

static inline void
sim_advance_to (Sim *sim, gint64 target)
{
  sim_run (sim, target, 0);
}

/* Runs to the next SHOW, which must come exactly at @when. */
static inline void
sim_expect_show (Sim *sim, gint64 when, gboolean new_break)
{
  g_assert_true (sim_run (sim, when, MOBED_PLAN_SHOW));
  g_assert_cmpint (sim->now.mono, ==, when);
  g_assert_cmpint (!!(sim->plan.flags & MOBED_PLAN_NEW_BREAK), ==, new_break);
  g_assert_cmpint (mobed_scheduler_get_state (sim->sched), ==, MOBED_STATE_DUE);
}

/* The last record; its ended_wall is checked as it comes in. */
static inline void
sim_expect_record (Sim *sim, MobedOutcome outcome, guint64 id, guint snoozes, gint64 due_wall)
{
  const MobedRecord *rec;

  g_assert_cmpuint (sim->records->len, >, 0);
  rec = &g_array_index (sim->records, SimRecord, sim->records->len - 1).rec;
  g_assert_cmpstr (mobed_outcome_to_string (rec->outcome), ==, mobed_outcome_to_string (outcome));
  g_assert_cmpuint (rec->break_id, ==, id);
  g_assert_cmpuint (rec->snoozes, ==, snoozes);
  g_assert_cmpint (rec->due_wall, ==, due_wall);
}

/* The simulated user, for randomised runs. */

/* A stretch away: left up to a minute ago (but not before the last thing
 * that happened), back after 10 s to 6 m, either side of natural-break. */
static inline void
sim_user_away (Sim *sim, GRand *rand)
{
  gint64 ago = MIN (sim->now.mono - sim->last_event, g_rand_int_range (rand, 0, 60) * SEC);

  sim_ok (sim, EV_AWAY (sim->now.mono - ago));
  sim_advance_to (sim, sim->now.mono + g_rand_int_range (rand, 10, 360) * SEC);
  sim_ok (sim, EV (BACK));
}

/* The user's answer to a break on screen. */
static inline void
sim_user_answer (Sim *sim, GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
    case 1:
      sim_advance_to (sim, sim->now.mono + g_rand_int_range (rand, 0, 120) * SEC);
      /* A break ignored for a while may have expired meanwhile. */
      if (mobed_scheduler_get_state (sim->sched) == MOBED_STATE_DUE)
        sim_ok (sim, EV (DONE));
      break;
    case 2:
      sim_ok (sim, EV (SKIP));
      break;
    case 3:
      sim_ok (sim, EV_S (SNOOZE, g_rand_int_range (rand, 1, 900)));
      break;
    case 4:
      sim_ok (sim, EV (DISMISS));
      break;
    case 5:                     /* ignored: it expires, or a later answer comes */
      break;
    default:
      sim_user_away (sim, rand);
      break;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-scheduler-week.c — a working week through the scheduler with a
 * seeded, erratic user (answers, snoozes, ignores, walks off), checking the
 * invariants sim.h enforces on every plan rather than exact times.
 */
#include "sim.h"

static void
test_week (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(Sim) sim = sim_new ();
  guint outcomes[MOBED_OUTCOME_NATURAL + 1] = { 0 }, snoozed = 0, open;

  for (guint day = 0; day < 5; day++)
    {
      const gint64 end = T0 + day * DAY + 8 * HOUR;

      if (day > 0)
        {
          sim_advance_to (sim, T0 + day * DAY);
          sim_ok (sim, EV (BACK));
        }
      while (sim->now.mono < end)
        {
          gint64 until = MIN (end, sim->now.mono + g_rand_int_range (rand, 1, 1200) * SEC);
          guint r = g_rand_int_range (rand, 0, 12);

          if (sim_run (sim, until, MOBED_PLAN_SHOW)
              || (r == 0 && mobed_scheduler_get_state (sim->sched) == MOBED_STATE_DUE))
            sim_user_answer (sim, rand);
          else if (r == 1 && mobed_scheduler_get_state (sim->sched) != MOBED_STATE_PAUSED)
            sim_ok (sim, EV (TAKE_BREAK));
          else if (r == 2 && mobed_scheduler_get_state (sim->sched) == MOBED_STATE_WORKING)
            sim_ok (sim, EV_S (PAUSE, g_rand_int_range (rand, 1, 2400)));
          else if (r == 3 && mobed_scheduler_get_state (sim->sched) == MOBED_STATE_WORKING)
            sim_user_away (sim, rand);
        }
      /* Evening: resume, and leave until the morning (a natural break). */
      if (mobed_scheduler_get_state (sim->sched) == MOBED_STATE_PAUSED)
        sim_ok (sim, EV (RESUME));
      sim_ok (sim, EV_AWAY (sim->now.mono));
    }

  /* Every break started ended once, but for one still open at the end. */
  open = mobed_scheduler_get_break_id (sim->sched) != 0;
  for (guint64 id = 1; id <= sim->last_id; id++)
    g_assert_cmpuint (sim->ended->data[id], ==, id == mobed_scheduler_get_break_id (sim->sched) ? 0 : 1);
  g_assert_cmpuint (sim->records->len, ==, sim->new_breaks - open + sim->naturals);

  for (guint i = 0; i < sim->records->len; i++)
    {
      const MobedRecord *rec = &g_array_index (sim->records, SimRecord, i).rec;

      outcomes[rec->outcome]++;
      snoozed += rec->snoozes > 0;
    }
  g_test_message ("%u breaks; done %u, skipped %u, dismissed %u, missed %u, natural %u (%u "
                  "before one was due); %u snoozed", sim->new_breaks, outcomes[1], outcomes[2],
                  outcomes[3], outcomes[4], outcomes[5], sim->naturals, snoozed);
  /* The seed must have exercised every ending, or the invariants prove little. */
  for (guint o = MOBED_OUTCOME_DONE; o <= MOBED_OUTCOME_NATURAL; o++)
    g_assert_cmpuint (outcomes[o], >, 0);
  g_assert_cmpuint (sim->naturals, >, 0);
  g_assert_cmpuint (snoozed, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scheduler/week", test_week);
  return g_test_run ();
}

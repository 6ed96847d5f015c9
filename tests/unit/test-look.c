/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-look.c — the indicator's icon for each state, and the ring's steps
 * and their times, fed with times rather than read from a clock.
 */
#include <glib.h>

#include "indicator/look.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static const char *
icon (const char *state, const char *reason, gint64 next, gint64 now, gint64 *change)
{
  MobedLookInput in = { .state = state, .pause_reason = reason, .next_break = next,
                        .interval = 20 * MINUTE };
  return mobed_look_icon (&in, now, change);
}

static void
test_states (void)
{
  gint64 change = -1;

  g_assert_cmpstr (icon ("due", NULL, 0, 0, &change), ==, "mobed-indicator-due");
  g_assert_cmpint (change, ==, 0);
  g_assert_cmpstr (icon ("snoozed", NULL, 0, 0, &change), ==, "mobed-indicator-due");
  g_assert_cmpstr (icon ("deferred", NULL, 0, 0, &change), ==, "mobed-indicator-held");
  g_assert_cmpstr (icon ("paused", "", 0, 0, &change), ==, "mobed-indicator-paused");
  g_assert_cmpstr (icon ("paused", "lunch", 0, 0, &change), ==, "mobed-indicator-paused");
  g_assert_cmpstr (icon ("paused", "meeting", 0, 0, &change), ==, "mobed-indicator-meeting");
  g_assert_cmpstr (icon ("away", NULL, 0, 0, &change), ==, "mobed-indicator-away");
  g_assert_cmpstr (icon ("off-hours", NULL, 0, 0, &change), ==, "mobed-indicator-off-hours");
  g_assert_cmpstr (icon ("stopped", NULL, 0, 0, &change), ==, "mobed-indicator-stopped");
  g_assert_cmpstr (icon (NULL, NULL, 0, 0, &change), ==, "mobed-indicator-stopped");
  /* A state a newer mobed may add: not running is the safe reading. */
  g_assert_cmpstr (icon ("dancing", NULL, 0, 0, &change), ==, "mobed-indicator-stopped");
  g_assert_cmpint (change, ==, 0);
}

static void
test_ring_fills (void)
{
  gint64 next = 100 * MINUTE, change = 0;

  /* 20 min interval, 5 min a step: the icon and when it changes next. */
  g_assert_cmpstr (icon ("working", NULL, next, next - 20 * MINUTE, &change), ==,
                   "mobed-indicator-ring-0");
  g_assert_cmpint (change, ==, next - 15 * MINUTE);
  g_assert_cmpstr (icon ("working", NULL, next, next - 15 * MINUTE, &change), ==,
                   "mobed-indicator-ring-1");
  g_assert_cmpint (change, ==, next - 10 * MINUTE);
  g_assert_cmpstr (icon ("working", NULL, next, next - 10 * MINUTE - 1, &change), ==,
                   "mobed-indicator-ring-1");
  g_assert_cmpint (change, ==, next - 10 * MINUTE);
  g_assert_cmpstr (icon ("working", NULL, next, next - 6 * MINUTE, &change), ==,
                   "mobed-indicator-ring-2");
  g_assert_cmpstr (icon ("working", NULL, next, next - MINUTE, &change), ==,
                   "mobed-indicator-ring-3");
  g_assert_cmpint (change, ==, next);
  /* Due any moment, or no time known: full, and nothing more to wait for. */
  g_assert_cmpstr (icon ("working", NULL, next, next, &change), ==, "mobed-indicator-ring-4");
  g_assert_cmpint (change, ==, 0);
  g_assert_cmpstr (icon ("working", NULL, 0, next, &change), ==, "mobed-indicator-ring-4");
  g_assert_cmpint (change, ==, 0);
}

static void
test_ring_later_break (void)
{
  gint64 change = 0;

  /* More than an interval ahead (after a pause, or an away spell): empty
   * until a full interval is left. */
  g_assert_cmpuint (mobed_look_ring_step (100 * MINUTE, 20 * MINUTE, 50 * MINUTE, &change), ==, 0);
  g_assert_cmpint (change, ==, 85 * MINUTE);
  /* A broken interval never divides by zero. */
  g_assert_cmpuint (mobed_look_ring_step (100 * MINUTE, 0, 50 * MINUTE, &change), ==, 4);
  g_assert_cmpint (change, ==, 0);
}

static void
test_ring_steps_in_order (void)
{
  gint64 interval = 17 * MINUTE + 3, next = 1000 * MINUTE, now = next - 2 * interval;
  guint last = 0, changes = 0;

  /* Following the times it gives, the ring passes every step once. */
  while (TRUE)
    {
      gint64 change = 0;
      guint step = mobed_look_ring_step (next, interval, now, &change);

      g_assert_cmpuint (step, >=, last);
      g_assert_cmpuint (step, <=, last + 1);
      changes += step != last;
      last = step;
      if (change == 0)
        break;
      g_assert_cmpint (change, >, now);
      now = change;
    }
  g_assert_cmpuint (last, ==, MOBED_LOOK_RING_STEPS);
  g_assert_cmpuint (changes, ==, MOBED_LOOK_RING_STEPS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/look/states", test_states);
  g_test_add_func ("/look/ring-fills", test_ring_fills);
  g_test_add_func ("/look/ring-later-break", test_ring_later_break);
  g_test_add_func ("/look/ring-steps-in-order", test_ring_steps_in_order);
  return g_test_run ();
}

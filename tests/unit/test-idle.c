/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-idle.c — what idle readings mean (core/idle.c) and how the reasons
 * for being away add up (core/presence.c): when a polled source is asked
 * again, what away and back are dated to, and that a lock and an idle
 * spell make one absence.
 */
#include "core/idle.h"
#include "core/presence.h"

#define SEC    G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * SEC)
#define T0     (5000 * SEC)

static void
test_names (void)
{
  MobedIdleKind kind;

  for (guint i = 0; i < MOBED_IDLE_N_KINDS; i++)
    {
      g_assert_true (mobed_idle_kind_parse (mobed_idle_kind_name (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_cmpstr (mobed_idle_kind_name (MOBED_IDLE_MUTTER), ==, "mutter");
  g_assert_false (mobed_idle_kind_parse ("MUTTER", &kind));
  g_assert_false (mobed_idle_kind_parse ("", &kind));
  g_assert_false (mobed_idle_kind_parse (NULL, &kind));
}

/* While the user works, a polled source is asked once per threshold at
 * most: exactly when the threshold could first be reached. */
static void
test_next_reading_while_active (void)
{
  MobedIdleTracker t = { 2 * MINUTE, FALSE };
  MobedIdleVerdict v;

  v = mobed_idle_reading (&t, 0, T0);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_SAME);
  g_assert_cmpint (v.next, ==, T0 + 2 * MINUTE);

  /* 90 s idle at the next reading: input stopped at T0 + 30 s, so the
   * threshold comes 30 s from now, not a threshold from now. */
  v = mobed_idle_reading (&t, 90 * SEC, T0 + 2 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_SAME);
  g_assert_cmpint (v.next, ==, T0 + 2 * MINUTE + 30 * SEC);
  g_assert_false (t.away);

  /* A reading a hair short of it (another process's clock) does not ask
   * again at once. */
  v = mobed_idle_reading (&t, 2 * MINUTE - 1, T0 + 3 * MINUTE);
  g_assert_cmpint (v.next, ==, T0 + 3 * MINUTE + SEC / 10);

  /* A negative reading (a clock went back) is no idle time. */
  v = mobed_idle_reading (&t, -5 * SEC, T0 + 4 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_SAME);
  g_assert_cmpint (v.next, ==, T0 + 6 * MINUTE);
}

/* Reaching the threshold is away, dated to the last input; the return is
 * dated to the first input the later reading shows. */
static void
test_away_and_back_are_dated (void)
{
  MobedIdleTracker t = { 2 * MINUTE, FALSE };
  MobedIdleVerdict v;

  v = mobed_idle_reading (&t, 2 * MINUTE, T0 + 10 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_WENT_AWAY);
  g_assert_cmpint (v.since, ==, T0 + 8 * MINUTE);
  g_assert_true (t.away);
  /* Away: asked again at the back-poll beat (here a minute). */
  g_assert_cmpint (v.next, ==, T0 + 11 * MINUTE);

  v = mobed_idle_reading (&t, 3 * MINUTE, T0 + 11 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_SAME);
  g_assert_cmpint (v.next, ==, T0 + 12 * MINUTE);

  /* Back 20 s before this reading. */
  v = mobed_idle_reading (&t, 20 * SEC, T0 + 12 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_CAME_BACK);
  g_assert_cmpint (v.since, ==, T0 + 12 * MINUTE - 20 * SEC);
  g_assert_false (t.away);
  g_assert_cmpint (v.next, ==, T0 + 12 * MINUTE + 100 * SEC);

  /* An event source reports the threshold moment and input as readings. */
  v = mobed_idle_reading (&t, t.threshold, T0 + 20 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_WENT_AWAY);
  g_assert_cmpint (v.since, ==, T0 + 18 * MINUTE);
  v = mobed_idle_reading (&t, 0, T0 + 25 * MINUTE);
  g_assert_cmpint (v.change, ==, MOBED_IDLE_CAME_BACK);
  g_assert_cmpint (v.since, ==, T0 + 25 * MINUTE);
}

static void
test_back_poll (void)
{
  g_assert_cmpint (mobed_idle_back_poll (2 * MINUTE), ==, MINUTE);
  g_assert_cmpint (mobed_idle_back_poll (4 * 60 * MINUTE), ==, MINUTE);
  g_assert_cmpint (mobed_idle_back_poll (20 * SEC), ==, 20 * SEC);
  g_assert_cmpint (mobed_idle_back_poll (SEC / 2), ==, SEC);
}

static void
test_boottime_of (void)
{
  /* Suspend makes the boot clock run ahead of the monotonic one. */
  gint64 now_mono = 1000 * SEC, now_boot = 4000 * SEC;

  g_assert_cmpint (mobed_idle_boottime_of (now_mono - 30 * SEC, now_mono, now_boot), ==,
                   now_boot - 30 * SEC);
  /* A hint from the future (another process's clock read) is now. */
  g_assert_cmpint (mobed_idle_boottime_of (now_mono + SEC, now_mono, now_boot), ==, now_boot);
}

static void
test_presence_merges_reasons (void)
{
  MobedPresence p = { 0 };
  MobedEvent ev = { 0 };

  g_assert_true (mobed_presence_update (&p, MOBED_AWAY_IDLE, TRUE, T0, &ev));
  g_assert_cmpint (ev.kind, ==, MOBED_EVENT_AWAY);
  g_assert_cmpint (ev.since, ==, T0);
  /* The screen locks later: the same absence. */
  g_assert_false (mobed_presence_update (&p, MOBED_AWAY_LOGIND, TRUE, T0 + MINUTE, &ev));
  /* Input on the lock screen is not a return... */
  g_assert_false (mobed_presence_update (&p, MOBED_AWAY_IDLE, FALSE, T0 + 5 * MINUTE, &ev));
  /* ...unlocking is. */
  g_assert_true (mobed_presence_update (&p, MOBED_AWAY_LOGIND, FALSE, T0 + 6 * MINUTE, &ev));
  g_assert_cmpint (ev.kind, ==, MOBED_EVENT_BACK);
  g_assert_cmpint (ev.since, ==, T0 + 6 * MINUTE);
  g_assert_cmpuint (p.reasons, ==, 0);

  /* Saying the same twice changes nothing. */
  g_assert_false (mobed_presence_update (&p, MOBED_AWAY_SCREENSAVER, FALSE, T0, &ev));
  g_assert_true (mobed_presence_update (&p, MOBED_AWAY_SCREENSAVER, TRUE, T0, &ev));
  g_assert_false (mobed_presence_update (&p, MOBED_AWAY_SCREENSAVER, TRUE, T0 + SEC, &ev));
  g_assert_cmpuint (p.reasons, ==, MOBED_AWAY_SCREENSAVER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/idle/names", test_names);
  g_test_add_func ("/idle/next-reading-while-active", test_next_reading_while_active);
  g_test_add_func ("/idle/away-and-back-are-dated", test_away_and_back_are_dated);
  g_test_add_func ("/idle/back-poll", test_back_poll);
  g_test_add_func ("/idle/boottime-of", test_boottime_of);
  g_test_add_func ("/idle/presence-merges-reasons", test_presence_merges_reasons);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle.c — turns readings of the user's idle time into away and back, and
 * says when to read again. A source that can only be asked (the
 * freedesktop ScreenSaver, Mutter while idle is inhibited) is asked at the
 * first moment the threshold could be reached, never on a fixed beat: while
 * the user works, that is once per natural-break at most.
 */
#include "core/idle.h"

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

/* A reading taken a hair before the threshold (clocks of two processes,
 * whole-second readings) asks again this soon at the earliest, never in a
 * tight loop. */
#define MIN_WAIT (USEC_PER_SEC / 10)

const char *const mobed_idle_kind_names[] = {
  "auto", "mutter", "screensaver", "wayland", "x11", "logind", "none", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (mobed_idle_kind_names) == MOBED_IDLE_N_KINDS + 1);

const char *
mobed_idle_kind_name (MobedIdleKind kind)
{
  g_return_val_if_fail ((guint) kind < MOBED_IDLE_N_KINDS, "none");
  return mobed_idle_kind_names[kind];
}

gboolean
mobed_idle_kind_parse (const char *name, MobedIdleKind *kind)
{
  for (guint i = 0; i < MOBED_IDLE_N_KINDS; i++)
    if (g_strcmp0 (name, mobed_idle_kind_names[i]) == 0)
      {
        *kind = (MobedIdleKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Away, the user's return can only be seen by asking. It is back-dated to
 * the first input the answer shows, so the count loses nothing to a coarse
 * beat: a break falling due meanwhile comes at most one beat late, and
 * status says "away" that much too long. So the beat follows natural-break
 * (the granularity mobed counts absence in anyway), at most a minute, at
 * least a second. */
gint64
mobed_idle_back_poll (gint64 threshold)
{
  return CLAMP (threshold, USEC_PER_SEC, 60 * USEC_PER_SEC);
}

MobedIdleVerdict
mobed_idle_reading (MobedIdleTracker *tracker, gint64 idle, gint64 now)
{
  MobedIdleVerdict verdict = { MOBED_IDLE_SAME, 0, 0 };

  idle = MAX (idle, 0);
  if (idle >= tracker->threshold)
    {
      if (!tracker->away)
        {
          tracker->away = TRUE;
          verdict.change = MOBED_IDLE_WENT_AWAY;
          verdict.since = now - idle;
        }
      verdict.next = now + mobed_idle_back_poll (tracker->threshold);
      return verdict;
    }
  if (tracker->away)
    {
      tracker->away = FALSE;
      verdict.change = MOBED_IDLE_CAME_BACK;
      verdict.since = now - idle;
    }
  verdict.next = now + MAX (tracker->threshold - idle, MIN_WAIT);
  return verdict;
}

gint64
mobed_idle_boottime_of (gint64 monotonic, gint64 now_monotonic, gint64 now_boot)
{
  return now_boot - MAX (0, now_monotonic - monotonic);
}

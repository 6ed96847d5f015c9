/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * look.c — the indicator's icon for a state. Every look but the ring is
 * fixed until mobed says something new; the ring is the only thing that
 * moves by itself, and it says when, so the indicator can sleep until then
 * instead of ticking.
 */
#include "indicator/look.h"

static const char *const ring_names[MOBED_LOOK_RING_STEPS + 1] = {
  "mobed-indicator-ring-0", "mobed-indicator-ring-1", "mobed-indicator-ring-2",
  "mobed-indicator-ring-3", "mobed-indicator-ring-4",
};

guint
mobed_look_ring_step (gint64 next_break, gint64 interval, gint64 now, gint64 *ret_next_change)
{
  gint64 remaining = next_break - now;
  guint step;

  *ret_next_change = 0;
  if (interval <= 0 || remaining <= 0)
    return MOBED_LOOK_RING_STEPS;
  if (remaining >= interval)
    step = 0;
  else
    step = (guint) ((interval - remaining) * MOBED_LOOK_RING_STEPS / interval);
  /* Step k+1 is reached when no more than (STEPS-k-1)/STEPS of the interval
   * is left; a later break (the user was away) pushes it out again. */
  if (remaining > interval)
    *ret_next_change = next_break - interval * (MOBED_LOOK_RING_STEPS - 1) / MOBED_LOOK_RING_STEPS;
  else
    *ret_next_change = next_break - interval * (MOBED_LOOK_RING_STEPS - 1 - step)
                                    / MOBED_LOOK_RING_STEPS;
  /* Integer rounding can leave the boundary a microsecond early. */
  if (*ret_next_change <= now)
    *ret_next_change = now + 1;
  return step;
}

const char *
mobed_look_icon (const MobedLookInput *in, gint64 now, gint64 *ret_next_change)
{
  const char *state = in->state != NULL ? in->state : "stopped";
  gboolean meeting = in->pause_reason != NULL && g_str_equal (in->pause_reason, "meeting");

  *ret_next_change = 0;
  if (g_str_equal (state, "due") || g_str_equal (state, "snoozed"))
    return "mobed-indicator-due";
  if (g_str_equal (state, "deferred"))
    return "mobed-indicator-held";
  if (g_str_equal (state, "paused"))
    return meeting ? "mobed-indicator-meeting" : "mobed-indicator-paused";
  if (g_str_equal (state, "away"))
    return "mobed-indicator-away";
  if (g_str_equal (state, "off-hours"))
    return "mobed-indicator-off-hours";
  if (g_str_equal (state, "working"))
    {
      if (in->next_break <= 0)
        return ring_names[MOBED_LOOK_RING_STEPS];
      return ring_names[mobed_look_ring_step (in->next_break, in->interval, now,
                                              ret_next_change)];
    }
  return "mobed-indicator-stopped";
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * look.h — which icon the indicator shows for mobed's state, and when that
 * icon next changes by itself. Pure: the time is an argument.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Steps of the ring that fills up towards the next break: 0/4 .. 4/4. */
#define MOBED_LOOK_RING_STEPS 4

typedef struct {
  const char *state;         /* mobed's State; "stopped" when it is not running */
  const char *pause_reason;  /* PauseReason, "" or NULL for none */
  gint64      next_break;    /* NextBreak, unix µs; 0 for none */
  gint64      interval;      /* active time between breaks, µs */
} MobedLookInput;

/* The icon's name (without "-symbolic") for @in at @now. When it will
 * change by itself (a ring step), *ret_next_change is when, else 0. */
const char *mobed_look_icon (const MobedLookInput *in, gint64 now, gint64 *ret_next_change);

/* The ring step (0 .. MOBED_LOOK_RING_STEPS) at @now, with the time of the
 * next step in *ret_next_change (0 after the last). */
guint       mobed_look_ring_step (gint64 next_break, gint64 interval, gint64 now,
                                  gint64 *ret_next_change);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.h — the two clocks the scheduler is fed: CLOCK_BOOTTIME for
 * intervals (it keeps counting through suspend and never jumps) and the
 * wall clock for what people read.
 */
#pragma once

#include "core/scheduler.h"

G_BEGIN_DECLS

MobedTime mobed_clock_now (void);
#ifdef MOBED_TEST_CLOCK
/* Test builds: both clocks read @us later from now on. */
void      mobed_clock_advance (gint64 us);
#endif

/* Local calendar date "YYYY-MM-DD" of wall µs @wall, into @buf (11 bytes). */
void      mobed_clock_local_date (gint64 wall, char buf[11]);
/* A number for the local calendar day of @wall, one more each day. */
guint     mobed_clock_local_day (gint64 wall);
/* The local offset from UTC at wall µs @wall, in seconds: what history
 * rows keep so their times read as the user lived them. */
gint32    mobed_clock_utc_offset (gint64 wall);
/* Microseconds from @now until the next local midnight. */
gint64    mobed_clock_until_midnight (MobedTime now);

G_END_DECLS

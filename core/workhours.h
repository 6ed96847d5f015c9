/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * workhours.h — [schedule] work-days and work-hours: when breaks happen at
 * all. Parsing, "is this moment inside?", and "when does that next change?"
 * so the daemon can arm its one timer for it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOBED_WORKHOURS_ERROR (mobed_workhours_error_quark ())
GQuark mobed_workhours_error_quark (void);

#define MOBED_WORK_RANGES_MAX 8
#define MOBED_ALL_DAYS 0x7f          /* bit 0 = Monday … bit 6 = Sunday */

typedef struct {
  guint8  days;                       /* MOBED_ALL_DAYS when not set */
  guint   n_ranges;                   /* 0: all day */
  guint16 start[MOBED_WORK_RANGES_MAX];   /* minutes after local midnight */
  guint16 end[MOBED_WORK_RANGES_MAX];     /* exclusive; 1440 = midnight */
} MobedWorkHours;

/* "Mon-Fri", "Mon,Wed,Fri", "Sat-Sun", "" (every day). */
gboolean mobed_work_days_parse  (const char *text, guint8 *ret_days, GError **error);
/* "09:00-17:30" or several: "09:00-12:00,13:00-17:30"; "" = all day. Ranges
 * must be in order and must not overlap. */
gboolean mobed_work_hours_parse (const char *text, MobedWorkHours *hours, GError **error);

/* Whether @local (any time zone: its own wall clock is used) is inside. */
gboolean mobed_work_hours_inside      (const MobedWorkHours *hours, GDateTime *local);
/* Seconds from @local until inside-ness next changes, or -1 if never
 * (every day, all day). DST days are walked on their own wall clock. */
gint64   mobed_work_hours_next_change (const MobedWorkHours *hours, GDateTime *local);

G_END_DECLS

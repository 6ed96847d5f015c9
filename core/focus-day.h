/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-day.h — one day of a focus plan as it happens: when the next set is
 * due, showing it, answers (done, snooze, skip, closed), a set left
 * unanswered, and the daily "better, same or worse?" check-in. A set is
 * never split: snooze moves all of it, done records all of it. Pure: the
 * caller passes the time and whether a set may be shown now.
 */
#pragma once

#include <glib.h>

#include "core/focus.h"
#include "core/scheduler.h"
#include "core/workhours.h"

G_BEGIN_DECLS

typedef enum {
  MOBED_FOCUS_WAITING,     /* the next set (if any today) is not due yet */
  MOBED_FOCUS_SHOWN,       /* a set is up, waiting for an answer */
  MOBED_FOCUS_SNOOZED,     /* put off, or held back while the user could not see it */
} MobedFocusState;

typedef enum {
  MOBED_FOCUS_PLAN_SHOW    = 1 << 0,   /* raise the set's notification */
  MOBED_FOCUS_PLAN_CLOSE   = 1 << 1,   /* take it down */
  MOBED_FOCUS_PLAN_RECORD  = 1 << 2,   /* a set ended: see .outcome etc. */
  MOBED_FOCUS_PLAN_CHECKIN = 1 << 3,   /* the day's sets are over: ask how it goes */
} MobedFocusPlanFlags;

typedef struct {
  MobedFocusPlanFlags flags;
  MobedOutcome        outcome;      /* DONE, SKIPPED, DISMISSED or MISSED */
  guint               set_number;   /* 1-based, of the day */
  gint64              due_wall;
  gint64              ended_wall;
  guint               snoozes;
  gint64              next_wall;    /* call again then (wall µs), or 0 */
} MobedFocusStep;

typedef struct {
  MobedFocusPlan  plan;
  char            day[11];          /* the local day counted */
  guint           resolved;         /* sets answered or missed today */
  guint           done;
  gint64          last_end_wall;
  MobedFocusState state;
  gint64          due_wall;         /* the set's first due time */
  gint64          shown_wall;       /* when it was last raised */
  gint64          snoozed_until;
  guint           snoozes;
  gboolean        checked_in;       /* today's check-in was asked */
} MobedFocusDay;

/* Starts counting @plan's sets on the day of @local_now, with what the log
 * says happened earlier that day. */
void     mobed_focus_day_init   (MobedFocusDay        *self,
                                 const MobedFocusPlan *plan,
                                 GDateTime            *local_now,
                                 guint                 resolved,
                                 guint                 done,
                                 gint64                last_end_wall);

/* Moves time on to @local_now. @can_show: nothing else is on the user's
 * screen or in the way (no microbreak up, not paused, away, held back or
 * off hours); a set shown while that stops is taken down and comes back
 * when it holds again. @set_seconds is the set's length and @expire_s how
 * long a shown set waits for an answer beyond it before it counts missed. */
void     mobed_focus_day_tick   (MobedFocusDay        *self,
                                 const MobedWorkHours *hours,
                                 GDateTime            *local_now,
                                 gboolean              can_show,
                                 guint64               set_seconds,
                                 guint64               expire_s,
                                 MobedFocusStep       *step);

/* The user's answer to the set that is up or snoozed: @outcome DONE,
 * SKIPPED or DISMISSED, or NONE with @snooze_s to put it off. FALSE if no
 * set is up (nothing changes). Call tick afterwards for the next deadline. */
gboolean mobed_focus_day_answer (MobedFocusDay        *self,
                                 MobedOutcome          outcome,
                                 guint64               snooze_s,
                                 GDateTime            *local_now,
                                 MobedFocusStep       *step);

/* When the next set falls due if nothing gets in the way; 0 if none today. */
gint64   mobed_focus_day_next   (const MobedFocusDay  *self,
                                 const MobedWorkHours *hours,
                                 GDateTime            *local_now,
                                 guint64               set_seconds);

/* Whether @local_now is within @window_s of a set: since the last one
 * ended, or until the next falls due. */
gboolean mobed_focus_day_near_set (const MobedFocusDay  *self,
                                   const MobedWorkHours *hours,
                                   GDateTime            *local_now,
                                   guint64               set_seconds,
                                   guint64               window_s);

/* Adds @plan's drills to @config's exclusions, so a microbreak near a set
 * does not repeat them. */
void     mobed_focus_plan_exclude (const MobedFocusPlan *plan, MobedConfig *config);

G_END_DECLS

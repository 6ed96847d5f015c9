/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scheduler-private.h — the state shared by scheduler.c (phases, counting,
 * deadlines, what is shown) and scheduler-events.c (what each event does).
 * Only those two files include it.
 */
#pragma once

#include "core/scheduler.h"

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

typedef enum { PHASE_WORKING, PHASE_DUE, PHASE_SNOOZED } Phase;

struct _MobedScheduler {
  gint64   interval, expire_after, natural_break, max_defer;   /* µs */
  gboolean escalate;
  gint64   walk_every, walk_length;   /* µs; walk_every 0: no walks */

  Phase    phase;
  gint64   acc;            /* active µs this phase, before the running segment */
  gint64   seg_start;      /* mono µs the running segment began; -1: stopped */
  gint64   snooze_len;     /* µs, while snoozed */

  gboolean paused;
  gint64   paused_until;   /* mono µs, MOBED_NEVER = until resumed */

  gboolean away;
  gint64   away_since;     /* mono µs */
  gboolean away_settled;   /* this absence already counted as a natural break */

  gboolean deferred;       /* do not disturb: due breaks are held back */
  gboolean forced;         /* the user asked for this break: shown anyway */
  gint64   held_since;     /* mono µs a due break began to be held; -1 if not */
  gboolean off_hours;

  gboolean visible;        /* the break's notification is up */
  guint    ignored;        /* breaks missed or dismissed in a row */
  gboolean escalated;      /* the current break is shown raised */
  gint64   chime_again_at; /* mono µs of the second chime; MOBED_NEVER if none */

  guint64  last_id;
  guint64  break_id;       /* the due or snoozed break, 0 if none */
  guint    snoozes;
  gint64   due_wall;
  MobedBreakKind kind;     /* of the due or snoozed break */

  /* Sitting: present and in working hours, since the last walk. Runs on
   * its own clock, as a held break or a pause does not get anyone up. */
  gint64   sit_acc;        /* µs before the running stretch */
  gint64   sit_start;      /* mono µs the running stretch began; -1: stopped */
  gboolean walk_settled;   /* this absence already counted as a walk */
};

/* scheduler.c */
gboolean mobed_scheduler_counting      (MobedScheduler *self);
void     mobed_scheduler_stop_segment  (MobedScheduler *self, gint64 at);
void     mobed_scheduler_start_segment (MobedScheduler *self, gint64 now_mono);
void     mobed_scheduler_enter_phase   (MobedScheduler *self, Phase phase, gint64 now_mono);
void     mobed_scheduler_start_break   (MobedScheduler *self, MobedTime now, MobedPlan *plan);
void     mobed_scheduler_end_break     (MobedScheduler *self, MobedOutcome outcome, MobedTime now,
                                        MobedPlan *plan);
void     mobed_scheduler_resume        (MobedScheduler *self, MobedTime now);
/* Sitting starts or stops with presence and working hours; restart sets it
 * back to zero (a walk). */
void     mobed_scheduler_sync_sitting  (MobedScheduler *self, gint64 at);
void     mobed_scheduler_restart_sitting (MobedScheduler *self, gint64 at);
gboolean mobed_scheduler_walks_on      (MobedScheduler *self);

/* scheduler-events.c */
gboolean mobed_scheduler_apply_event   (MobedScheduler *self, const MobedEvent *event,
                                        MobedTime now, MobedPlan *plan, GError **error);

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scheduler.h — the break state machine. Events (the user's answers, pause,
 * presence, deadlines) go in with the current time; a plan comes out saying
 * what to show, close, chime and record, and when to call back.
 */
#pragma once

#include <glib.h>

#include "core/config.h"

G_BEGIN_DECLS

#define MOBED_SCHEDULER_ERROR (mobed_scheduler_error_quark ())

typedef enum {
  MOBED_SCHEDULER_ERROR_NOT_DUE,      /* answer with no break due */
  MOBED_SCHEDULER_ERROR_PAUSED,       /* TakeBreak while paused */
  MOBED_SCHEDULER_ERROR_NOT_PAUSED,   /* Resume while not paused */
  MOBED_SCHEDULER_ERROR_INVALID,      /* an argument out of range */
  MOBED_SCHEDULER_ERROR_FOCUS_ACTIVE, /* StartFocus while a focus plan runs */
  MOBED_SCHEDULER_ERROR_NO_FOCUS,     /* no focus plan to act on */
  MOBED_SCHEDULER_ERROR_NO_SUCH_DRILL, /* ListDrills for an id no drill has */
} MobedSchedulerError;

GQuark mobed_scheduler_error_quark (void);

/* Breaks ignored (missed or dismissed) in a row before the next is raised,
 * and how long a raised break waits before a second chime. */
#define MOBED_ESCALATE_AFTER   2
#define MOBED_CHIME_AGAIN_S    60

/* Snooze and pause bounds, seconds. */
#define MOBED_SNOOZE_MAX_S  (G_GUINT64_CONSTANT (12) * 3600)
#define MOBED_PAUSE_MAX_S   (G_GUINT64_CONSTANT (30) * 24 * 3600)

/* No deadline pending. */
#define MOBED_NEVER G_MAXINT64

/* A moment as two clocks, both in µs: @mono counts through suspend and never
 * jumps (CLOCK_BOOTTIME), @wall is what people read (unix time, may jump). */
typedef struct {
  gint64 mono;
  gint64 wall;
} MobedTime;

typedef enum {
  MOBED_STATE_WORKING,
  MOBED_STATE_DUE,
  MOBED_STATE_SNOOZED,
  MOBED_STATE_PAUSED,
  MOBED_STATE_AWAY,
  MOBED_STATE_DEFERRED,     /* a due break held back (do not disturb, a call) */
  MOBED_STATE_OFF_HOURS,    /* outside working hours: no breaks, no count */
} MobedState;

typedef enum {
  MOBED_OUTCOME_NONE,
  MOBED_OUTCOME_DONE,
  MOBED_OUTCOME_SKIPPED,
  MOBED_OUTCOME_DISMISSED,
  MOBED_OUTCOME_MISSED,
  MOBED_OUTCOME_NATURAL,
} MobedOutcome;

/* What a break asks for: drills at the desk, or (after long sitting) a
 * walk away from it. */
typedef enum {
  MOBED_BREAK_DRILLS,
  MOBED_BREAK_WALK,
} MobedBreakKind;

typedef enum {
  MOBED_EVENT_TICK,         /* a deadline came; also safe at any other time */
  MOBED_EVENT_TAKE_BREAK,
  MOBED_EVENT_DONE,
  MOBED_EVENT_SNOOZE,       /* .seconds */
  MOBED_EVENT_SKIP,
  MOBED_EVENT_DISMISS,      /* the user closed the notification */
  MOBED_EVENT_PAUSE,        /* .seconds, 0 = until RESUME */
  MOBED_EVENT_RESUME,
  MOBED_EVENT_AWAY,         /* .since: mono µs the user left (idle, lock, sleep) */
  MOBED_EVENT_BACK,         /* .since: mono µs the user came back; 0 = now */
  MOBED_EVENT_DEFER,        /* do not disturb began: hold due breaks back */
  MOBED_EVENT_UNDEFER,      /* it ended: a held break is shown */
  MOBED_EVENT_OFF_HOURS,    /* working hours ended */
  MOBED_EVENT_ON_HOURS,     /* working hours began: the count starts afresh */
} MobedEventKind;

typedef struct {
  MobedEventKind kind;
  guint64        seconds;
  gint64         since;
  /* PAUSE: why, for the daemon's status and history (NULL or "": none; see
   * core/reasons.h). The scheduler itself does not look at it. */
  const char    *reason;
} MobedEvent;

typedef enum {
  MOBED_PLAN_SHOW        = 1 << 0,  /* raise the break notification (again) */
  MOBED_PLAN_NEW_BREAK   = 1 << 1,  /* with SHOW: a fresh break, choose drills */
  MOBED_PLAN_CLOSE       = 1 << 2,  /* take the notification down */
  MOBED_PLAN_CHIME_START = 1 << 3,
  MOBED_PLAN_CHIME_DONE  = 1 << 4,
  MOBED_PLAN_RECORD      = 1 << 5,  /* a break ended: see .record */
  MOBED_PLAN_ESCALATE    = 1 << 6,  /* with SHOW: ignored breaks in a row; make it stay */
  MOBED_PLAN_CHIME_AGAIN = 1 << 7,  /* an escalated break is still unanswered */
} MobedPlanFlags;

typedef struct {
  MobedOutcome outcome;
  guint64      break_id;    /* 0: a natural break taken before one was due */
  gint64       due_wall;    /* when it first fell due (or the user left) */
  gint64       ended_wall;
  guint        snoozes;
  gboolean     escalated;   /* it was shown raised (see MOBED_PLAN_ESCALATE) */
  MobedBreakKind kind;      /* a walk mobed asked for, or drills */
  gint64       sat;         /* µs sat since the last walk, when it ended; 0 when
                             * walks are off */
} MobedRecord;

typedef struct {
  MobedPlanFlags flags;
  MobedRecord    record;
  gint64         next_deadline;   /* mono µs, or MOBED_NEVER */
} MobedPlan;

typedef struct _MobedScheduler MobedScheduler;

MobedScheduler *mobed_scheduler_new        (const MobedConfig *config, gint64 now_mono);
void            mobed_scheduler_free       (MobedScheduler *self);

/* Applies @event at @now. Deadlines that passed since the last call take
 * effect first, and their plan is returned even when the event itself is
 * refused (see MobedSchedulerError): Done just after expiry is refused, and
 * the plan records the break as missed. Carry the plan out either way. */
gboolean        mobed_scheduler_handle     (MobedScheduler   *self,
                                            const MobedEvent *event,
                                            MobedTime         now,
                                            MobedPlan        *plan,
                                            GError          **error);

/* Whether handling @event at @now would put a break on screen that the user
 * did not ask for: it fell due, its snooze or a pause ended, the user came
 * back, do not disturb cleared. That is the moment to look for reasons to
 * hold it back (a camera in use, a fullscreen window). Tried on a copy:
 * @self does not change. */
gboolean        mobed_scheduler_would_show (MobedScheduler   *self,
                                            const MobedEvent *event,
                                            MobedTime         now);

/* Takes new settings; the count so far is kept. */
void            mobed_scheduler_set_config (MobedScheduler    *self,
                                            const MobedConfig *config,
                                            MobedTime          now,
                                            MobedPlan         *plan);

MobedState      mobed_scheduler_get_state  (MobedScheduler *self);
/* The id of the break that is due or snoozed, else 0. */
guint64         mobed_scheduler_get_break_id (MobedScheduler *self);
guint           mobed_scheduler_get_snoozes  (MobedScheduler *self);
/* Wall µs the current break first fell due; 0 if none. */
gint64          mobed_scheduler_get_due_wall (MobedScheduler *self);
/* Wall µs a snooze ends, 0 unless snoozed (frozen while paused or away;
 * 0 while away, as it then hangs on the user's return). */
gint64          mobed_scheduler_get_snoozed_until (MobedScheduler *self, MobedTime now);
/* When the next break comes if the user stays active; 0 if none is
 * scheduled (a break is due, paused until resumed, or the user is away:
 * then it depends on when they come back). */
gint64          mobed_scheduler_get_next_break (MobedScheduler *self, MobedTime now);
/* While away: wall µs from when the absence is a natural break and the
 * count starts over. 0 once it has, and when not away. */
gint64          mobed_scheduler_get_count_resets_at (MobedScheduler *self, MobedTime now);
/* 0 when not paused, -1 when paused until resumed, else wall µs. */
gint64          mobed_scheduler_get_paused_until (MobedScheduler *self, MobedTime now);
/* Whether the current break is shown raised. */
gboolean        mobed_scheduler_get_escalated (MobedScheduler *self);
/* The kind of the break that is due or snoozed; with none, the kind the
 * next break would be if it came now. */
MobedBreakKind  mobed_scheduler_get_break_kind (MobedScheduler *self, gint64 now_mono);
/* The kind of the break due or snoozed; with none, the kind the next break
 * will be when it comes at get_next_break, if the user stays. */
MobedBreakKind  mobed_scheduler_get_next_kind (MobedScheduler *self, MobedTime now);
/* µs the user has sat (present, in working hours) since the last walk or
 * absence of walk-length; 0 when walks are off. */
gint64          mobed_scheduler_get_sitting (MobedScheduler *self, gint64 now_mono);
/* Active time counted toward the current phase, µs. */
gint64          mobed_scheduler_get_count  (MobedScheduler *self, gint64 now_mono);

const char     *mobed_state_to_string      (MobedState state);
const char     *mobed_outcome_to_string    (MobedOutcome outcome);
/* "drills" or "walk", as the history and D-Bus name them. */
const char     *mobed_break_kind_to_string (MobedBreakKind kind);
gboolean        mobed_break_kind_from_string (const char *text, MobedBreakKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedScheduler, mobed_scheduler_free)

G_END_DECLS

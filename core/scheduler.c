/*
 * scheduler.c — the break state machine. Turns events (the user's answers,
 * pause, presence) and the current time into a plan and the next deadline.
 * Reads no clock and does no I/O; the daemon carries the plan out.
 *
 * One counter drives every phase: active time, which runs only while the
 * user is present and breaks are not paused. In "working" it counts toward
 * the interval, in "due" toward expiry, in "snoozed" toward the snooze's end.
 * It is measured on the monotonic clock, so a wall-clock jump changes only
 * the times shown to people, never when a break comes.
 */
#include "core/scheduler.h"

G_DEFINE_QUARK (mobed-scheduler-error-quark, mobed_scheduler_error)

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

typedef enum { PHASE_WORKING, PHASE_DUE, PHASE_SNOOZED } Phase;

struct _MobedScheduler {
  gint64   interval, expire_after, natural_break;   /* µs */

  Phase    phase;
  gint64   acc;            /* active µs this phase, before the running segment */
  gint64   seg_start;      /* mono µs the running segment began; -1: stopped */
  gint64   snooze_len;     /* µs, while snoozed */

  gboolean paused;
  gint64   paused_until;   /* mono µs, MOBED_NEVER = until resumed */
  gboolean hidden;         /* a due break taken down for a pause, owed a SHOW */

  gboolean away;
  gint64   away_since;     /* mono µs */
  gboolean away_settled;   /* this absence already counted as a natural break */

  guint64  last_id;
  guint64  break_id;       /* the due or snoozed break, 0 if none */
  guint    snoozes;
  gint64   due_wall;
};

static void
apply_config (MobedScheduler *self, const MobedConfig *config)
{
  self->interval = (gint64) config->interval_s * USEC_PER_SEC;
  self->expire_after = (gint64) config->expire_after_s * USEC_PER_SEC;
  self->natural_break = (gint64) config->natural_break_s * USEC_PER_SEC;
}

MobedScheduler *
mobed_scheduler_new (const MobedConfig *config, gint64 now_mono)
{
  MobedScheduler *self = g_new0 (MobedScheduler, 1);

  apply_config (self, config);
  self->phase = PHASE_WORKING;
  self->seg_start = now_mono;
  self->paused_until = MOBED_NEVER;
  return self;
}

void
mobed_scheduler_free (MobedScheduler *self)
{
  g_free (self);
}

static gboolean
counting (MobedScheduler *self)
{
  return !self->paused && !self->away;
}

gint64
mobed_scheduler_get_count (MobedScheduler *self, gint64 now_mono)
{
  if (self->seg_start < 0)
    return self->acc;
  return self->acc + MAX (0, now_mono - self->seg_start);
}

static void
stop_segment (MobedScheduler *self, gint64 at)
{
  if (self->seg_start < 0)
    return;
  self->acc += MAX (0, at - self->seg_start);
  self->seg_start = -1;
}

static void
start_segment (MobedScheduler *self, gint64 now_mono)
{
  if (counting (self) && self->seg_start < 0)
    self->seg_start = now_mono;
}

static void
enter_phase (MobedScheduler *self, Phase phase, gint64 now_mono)
{
  self->phase = phase;
  self->acc = 0;
  self->seg_start = counting (self) ? now_mono : -1;
}

static gint64
phase_target (MobedScheduler *self)
{
  switch (self->phase)
    {
    case PHASE_DUE:     return self->expire_after;
    case PHASE_SNOOZED: return self->snooze_len;
    case PHASE_WORKING:
    default:            return self->interval;
    }
}

static void
record (MobedPlan *plan, MobedOutcome outcome, guint64 id,
        gint64 due_wall, gint64 ended_wall, guint snoozes)
{
  /* The machine ends at most one break per call; a second would be a bug. */
  g_return_if_fail (!(plan->flags & MOBED_PLAN_RECORD));
  plan->flags |= MOBED_PLAN_RECORD;
  plan->record = (MobedRecord) { outcome, id, due_wall, ended_wall, snoozes };
}

static void
end_break (MobedScheduler *self, MobedOutcome outcome, MobedTime now, MobedPlan *plan)
{
  record (plan, outcome, self->break_id, self->due_wall, now.wall, self->snoozes);
  /* Whatever was about to raise this break is moot now that it ended. */
  plan->flags &= ~(MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START);
  plan->flags |= MOBED_PLAN_CLOSE;
  self->hidden = FALSE;
  if (outcome == MOBED_OUTCOME_DONE)
    plan->flags |= MOBED_PLAN_CHIME_DONE;
  self->break_id = 0;
  self->snoozes = 0;
  self->due_wall = 0;
  enter_phase (self, PHASE_WORKING, now.mono);
}

static void
start_break (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  if (self->phase == PHASE_WORKING)
    {
      self->break_id = ++self->last_id;
      self->snoozes = 0;
      self->due_wall = now.wall;
      plan->flags |= MOBED_PLAN_NEW_BREAK;
    }
  plan->flags |= MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START;
  enter_phase (self, PHASE_DUE, now.mono);
}

/* A break hidden for a pause is still owed; it comes back once the user
 * is there to see it (an absence may yet turn it into a natural break). */
static void
reveal (MobedScheduler *self, MobedPlan *plan)
{
  if (!self->hidden || self->paused || self->away)
    return;
  self->hidden = FALSE;
  plan->flags |= MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START;
}

static void
resume (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  self->paused = FALSE;
  self->paused_until = MOBED_NEVER;
  start_segment (self, now.mono);
  reveal (self, plan);
}

/* Away long enough: the user moved on their own. A due break ends as
 * natural; otherwise the count restarts, and is recorded as a natural break
 * only if it had come at least halfway to the next one. */
static void
settle_natural (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  self->away_settled = TRUE;
  if (self->phase != PHASE_WORKING)
    {
      end_break (self, MOBED_OUTCOME_NATURAL, now, plan);
      return;
    }
  if (self->acc >= self->interval / 2)
    {
      gint64 left_wall = now.wall - (now.mono - self->away_since);
      record (plan, MOBED_OUTCOME_NATURAL, 0, left_wall, now.wall, 0);
    }
  enter_phase (self, PHASE_WORKING, now.mono);
}

/* Brings the machine up to @now: whatever deadline has passed takes effect. */
static void
advance (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  if (self->paused && self->paused_until != MOBED_NEVER && now.mono >= self->paused_until)
    resume (self, now, plan);
  if (self->paused)
    return;
  if (self->away)
    {
      if (!self->away_settled && now.mono >= self->away_since + self->natural_break)
        settle_natural (self, now, plan);
      return;
    }
  if (mobed_scheduler_get_count (self, now.mono) < phase_target (self))
    return;
  if (self->phase == PHASE_DUE)
    end_break (self, MOBED_OUTCOME_MISSED, now, plan);
  else
    start_break (self, now, plan);
}

static gint64
next_deadline (MobedScheduler *self)
{
  if (self->paused)
    return self->paused_until;
  if (self->away)
    return self->away_settled ? MOBED_NEVER : self->away_since + self->natural_break;
  return self->seg_start + (phase_target (self) - self->acc);
}

static gboolean
check_range (const char *what, guint64 seconds, guint64 max, GError **error)
{
  if (seconds >= 1 && seconds <= max)
    return TRUE;
  g_set_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_INVALID,
               "A %s of %" G_GUINT64_FORMAT " seconds is out of range "
               "(1 to %" G_GUINT64_FORMAT ")", what, seconds, max);
  return FALSE;
}

static gboolean
require_break (MobedScheduler *self, GError **error)
{
  if (self->phase != PHASE_WORKING)
    return TRUE;
  g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_DUE,
                       "No break is due right now");
  return FALSE;
}

static gboolean
apply_event (MobedScheduler *self, const MobedEvent *event, MobedTime now,
             MobedPlan *plan, GError **error)
{
  switch (event->kind)
    {
    case MOBED_EVENT_TICK:
      return TRUE;

    case MOBED_EVENT_TAKE_BREAK:
      if (self->paused)
        {
          g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_PAUSED,
                               "Breaks are paused; resume them first");
          return FALSE;
        }
      if (self->phase == PHASE_DUE)
        {
          self->hidden = FALSE;
          plan->flags |= MOBED_PLAN_SHOW;
        }
      else
        start_break (self, now, plan);
      return TRUE;

    case MOBED_EVENT_DONE:
    case MOBED_EVENT_SKIP:
      if (!require_break (self, error))
        return FALSE;
      end_break (self, event->kind == MOBED_EVENT_DONE ? MOBED_OUTCOME_DONE
                                                        : MOBED_OUTCOME_SKIPPED, now, plan);
      return TRUE;

    case MOBED_EVENT_DISMISS:
      /* Only a visible break can be dismissed; a late close is stale news. */
      if (self->phase == PHASE_DUE && !self->paused)
        end_break (self, MOBED_OUTCOME_DISMISSED, now, plan);
      return TRUE;

    case MOBED_EVENT_SNOOZE:
      if (!check_range ("snooze", event->seconds, MOBED_SNOOZE_MAX_S, error)
          || !require_break (self, error))
        return FALSE;
      self->snoozes++;
      self->hidden = FALSE;
      self->snooze_len = (gint64) event->seconds * USEC_PER_SEC;
      enter_phase (self, PHASE_SNOOZED, now.mono);
      plan->flags |= MOBED_PLAN_CLOSE;
      return TRUE;

    case MOBED_EVENT_PAUSE:
      if (event->seconds != 0
          && !check_range ("pause", event->seconds, MOBED_PAUSE_MAX_S, error))
        return FALSE;
      stop_segment (self, now.mono);
      if (self->phase == PHASE_DUE && !self->paused)
        {
          plan->flags |= MOBED_PLAN_CLOSE;
          self->hidden = TRUE;
        }
      self->paused = TRUE;
      self->paused_until = event->seconds == 0
        ? MOBED_NEVER : now.mono + (gint64) event->seconds * USEC_PER_SEC;
      return TRUE;

    case MOBED_EVENT_RESUME:
      if (!self->paused)
        {
          g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_PAUSED,
                               "Breaks are not paused");
          return FALSE;
        }
      resume (self, now, plan);
      return TRUE;

    case MOBED_EVENT_AWAY:
      if (self->away)
        return TRUE;
      {
        gint64 since = MIN (event->since, now.mono);
        /* Time already counted before the user left is taken back. */
        if (self->seg_start >= 0)
          stop_segment (self, MAX (since, self->seg_start));
        self->away = TRUE;
        self->away_since = since;
        self->away_settled = FALSE;
      }
      return TRUE;

    case MOBED_EVENT_BACK:
      if (self->away)
        {
          self->away = FALSE;
          start_segment (self, now.mono);
          reveal (self, plan);
        }
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
mobed_scheduler_handle (MobedScheduler   *self,
                        const MobedEvent *event,
                        MobedTime         now,
                        MobedPlan        *plan,
                        GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL && event != NULL && plan != NULL, FALSE);

  *plan = (MobedPlan) { 0 };
  advance (self, now, plan);
  /* An answer that time already settled (Done just after the break
   * expired) is refused by apply_event: the phase is back to working. */
  ok = apply_event (self, event, now, plan, error);
  if (ok)
    advance (self, now, plan);
  plan->next_deadline = next_deadline (self);
  return ok;
}

void
mobed_scheduler_set_config (MobedScheduler    *self,
                            const MobedConfig *config,
                            MobedTime          now,
                            MobedPlan         *plan)
{
  *plan = (MobedPlan) { 0 };
  advance (self, now, plan);
  apply_config (self, config);
  if (!(plan->flags & MOBED_PLAN_RECORD))
    advance (self, now, plan);
  plan->next_deadline = next_deadline (self);
}

MobedState
mobed_scheduler_get_state (MobedScheduler *self)
{
  if (self->paused)
    return MOBED_STATE_PAUSED;
  if (self->away)
    return MOBED_STATE_AWAY;
  switch (self->phase)
    {
    case PHASE_DUE:     return MOBED_STATE_DUE;
    case PHASE_SNOOZED: return MOBED_STATE_SNOOZED;
    case PHASE_WORKING:
    default:            return MOBED_STATE_WORKING;
    }
}

guint64
mobed_scheduler_get_break_id (MobedScheduler *self)
{
  return self->break_id;
}

guint
mobed_scheduler_get_snoozes (MobedScheduler *self)
{
  return self->snoozes;
}

gint64
mobed_scheduler_get_due_wall (MobedScheduler *self)
{
  return self->due_wall;
}

static gint64
remaining (MobedScheduler *self, gint64 now_mono)
{
  return MAX (0, phase_target (self) - mobed_scheduler_get_count (self, now_mono));
}

gint64
mobed_scheduler_get_snoozed_until (MobedScheduler *self, MobedTime now)
{
  if (self->phase != PHASE_SNOOZED)
    return 0;
  return now.wall + remaining (self, now.mono);
}

gint64
mobed_scheduler_get_next_break (MobedScheduler *self, MobedTime now)
{
  gint64 start = now.mono;

  if (self->phase == PHASE_DUE)
    return 0;
  if (self->paused)
    {
      if (self->paused_until == MOBED_NEVER)
        return 0;
      start = MAX (now.mono, self->paused_until);
    }
  return now.wall + (start - now.mono) + remaining (self, now.mono);
}

gint64
mobed_scheduler_get_paused_until (MobedScheduler *self, MobedTime now)
{
  if (!self->paused)
    return 0;
  if (self->paused_until == MOBED_NEVER)
    return -1;
  return now.wall + (self->paused_until - now.mono);
}

const char *
mobed_state_to_string (MobedState state)
{
  static const char *const names[] = { "working", "due", "snoozed", "paused", "away" };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), "working");
  return names[state];
}

const char *
mobed_outcome_to_string (MobedOutcome outcome)
{
  static const char *const names[] = {
    "none", "done", "skipped", "dismissed", "missed", "natural",
  };

  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (names), "none");
  return names[outcome];
}

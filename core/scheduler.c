/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scheduler.c — the break state machine. Turns events (the user's answers,
 * pause, presence, do-not-disturb, working hours) and the current time into
 * a plan and the next deadline. Reads no clock and does no I/O; the daemon
 * carries the plan out. What each event does is in scheduler-events.c.
 *
 * One counter drives every phase: active time, which runs only while the
 * user is present, inside working hours and breaks are not paused (nor a due
 * break held back). In "working" it counts toward the interval, in "due"
 * toward expiry, in "snoozed" toward the snooze's end. It is measured on the
 * monotonic clock, so a wall-clock jump changes only the times shown to
 * people, never when a break comes.
 *
 * Whether the notification is up is derived, not ordered about: a due break
 * should be visible unless paused, deferred or off hours (the last two give
 * way when the user asked for the break), and a break that
 * was hidden comes back only while the user is there to see it. The sync
 * compares that with what is shown and plans SHOW or CLOSE (sync_screen).
 *
 * Walks ride on the same breaks: a second clock counts sitting (present,
 * in working hours, since the last walk), and a break that falls due once
 * it reaches walk-every is a walk. An absence of walk-length is a walk
 * taken on one's own; a walk answered Done starts the sitting clock over.
 */
#include "core/scheduler-private.h"

G_DEFINE_QUARK (mobed-scheduler-error-quark, mobed_scheduler_error)

static void
apply_config (MobedScheduler *self, const MobedConfig *config)
{
  self->interval = (gint64) config->interval_s * USEC_PER_SEC;
  self->expire_after = (gint64) config->expire_after_s * USEC_PER_SEC;
  self->natural_break = (gint64) config->natural_break_s * USEC_PER_SEC;
  self->max_defer = (gint64) config->max_defer_s * USEC_PER_SEC;
  self->escalate = config->escalate;
  self->walk_every = (gint64) config->walk_every_s * USEC_PER_SEC;
  self->walk_length = (gint64) config->walk_length_s * USEC_PER_SEC;
}

MobedScheduler *
mobed_scheduler_new (const MobedConfig *config, gint64 now_mono)
{
  MobedScheduler *self = g_new0 (MobedScheduler, 1);

  apply_config (self, config);
  self->phase = PHASE_WORKING;
  self->seg_start = now_mono;
  self->paused_until = MOBED_NEVER;
  self->held_since = -1;
  self->chime_again_at = MOBED_NEVER;
  self->sit_start = now_mono;
  return self;
}

void
mobed_scheduler_free (MobedScheduler *self)
{
  g_free (self);
}

static gboolean
held (MobedScheduler *self)
{
  return self->phase == PHASE_DUE && self->deferred && !self->forced;
}

gboolean
mobed_scheduler_counting (MobedScheduler *self)
{
  return !self->paused && !self->away && !self->off_hours && !held (self);
}

gint64
mobed_scheduler_get_count (MobedScheduler *self, gint64 now_mono)
{
  if (self->seg_start < 0)
    return self->acc;
  return self->acc + MAX (0, now_mono - self->seg_start);
}

void
mobed_scheduler_stop_segment (MobedScheduler *self, gint64 at)
{
  if (self->seg_start < 0)
    return;
  self->acc += MAX (0, at - self->seg_start);
  self->seg_start = -1;
}

void
mobed_scheduler_start_segment (MobedScheduler *self, gint64 now_mono)
{
  if (mobed_scheduler_counting (self) && self->seg_start < 0)
    self->seg_start = now_mono;
}

void
mobed_scheduler_enter_phase (MobedScheduler *self, Phase phase, gint64 now_mono)
{
  self->phase = phase;
  self->acc = 0;
  self->seg_start = mobed_scheduler_counting (self) ? now_mono : -1;
}

gboolean
mobed_scheduler_walks_on (MobedScheduler *self)
{
  return self->walk_every > 0;
}

gint64
mobed_scheduler_get_sitting (MobedScheduler *self, gint64 now_mono)
{
  if (!mobed_scheduler_walks_on (self))
    return 0;
  if (self->sit_start < 0)
    return self->sit_acc;
  return self->sit_acc + MAX (0, now_mono - self->sit_start);
}

void
mobed_scheduler_sync_sitting (MobedScheduler *self, gint64 at)
{
  gboolean sitting = !self->away && !self->off_hours;

  if (sitting && self->sit_start < 0)
    self->sit_start = at;
  else if (!sitting && self->sit_start >= 0)
    {
      self->sit_acc += MAX (0, at - self->sit_start);
      self->sit_start = -1;
    }
}

void
mobed_scheduler_restart_sitting (MobedScheduler *self, gint64 at)
{
  self->sit_acc = 0;
  self->sit_start = -1;
  mobed_scheduler_sync_sitting (self, at);
}

MobedBreakKind
mobed_scheduler_get_break_kind (MobedScheduler *self, gint64 now_mono)
{
  if (self->break_id != 0)
    return self->kind;
  if (mobed_scheduler_walks_on (self)
      && mobed_scheduler_get_sitting (self, now_mono) >= self->walk_every)
    return MOBED_BREAK_WALK;
  return MOBED_BREAK_DRILLS;
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
record (MobedPlan *plan, const MobedRecord *rec)
{
  /* The machine ends at most one break per call; a second would be a bug. */
  g_return_if_fail (!(plan->flags & MOBED_PLAN_RECORD));
  plan->flags |= MOBED_PLAN_RECORD;
  plan->record = *rec;
}

void
mobed_scheduler_end_break (MobedScheduler *self, MobedOutcome outcome, MobedTime now,
                           MobedPlan *plan)
{
  MobedRecord rec = { outcome, self->break_id, self->due_wall, now.wall, self->snoozes,
                      self->escalated, self->kind,
                      mobed_scheduler_get_sitting (self, now.mono) };

  record (plan, &rec);
  /* A walk the user took (or was away for) ends the sitting; one skipped
   * or missed leaves it running, so the next break is a walk again. */
  if (self->kind == MOBED_BREAK_WALK
      && (outcome == MOBED_OUTCOME_DONE || outcome == MOBED_OUTCOME_NATURAL))
    mobed_scheduler_restart_sitting (self, now.mono);
  self->kind = MOBED_BREAK_DRILLS;
  if (outcome == MOBED_OUTCOME_DONE)
    plan->flags |= MOBED_PLAN_CHIME_DONE;
  /* The ladder: ignoring breaks raises the next one; an answer lowers it. */
  if (outcome == MOBED_OUTCOME_MISSED || outcome == MOBED_OUTCOME_DISMISSED)
    self->ignored++;
  else
    self->ignored = 0;
  self->break_id = 0;
  self->snoozes = 0;
  self->due_wall = 0;
  self->escalated = FALSE;
  self->forced = FALSE;
  self->chime_again_at = MOBED_NEVER;
  mobed_scheduler_enter_phase (self, PHASE_WORKING, now.mono);
}

void
mobed_scheduler_start_break (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  if (self->phase == PHASE_WORKING)
    {
      self->kind = mobed_scheduler_get_break_kind (self, now.mono);
      self->break_id = ++self->last_id;
      self->snoozes = 0;
      self->due_wall = now.wall;
      self->escalated = self->escalate && self->ignored >= MOBED_ESCALATE_AFTER;
      plan->flags |= MOBED_PLAN_NEW_BREAK;
    }
  mobed_scheduler_enter_phase (self, PHASE_DUE, now.mono);
}

void
mobed_scheduler_resume (MobedScheduler *self, MobedTime now)
{
  self->paused = FALSE;
  self->paused_until = MOBED_NEVER;
  mobed_scheduler_start_segment (self, now.mono);
}

/* Away long enough: the user moved on their own. A due break ends as
 * natural; otherwise the count restarts, and is recorded as a natural break
 * only if it had come at least halfway to the next one. */
static void
settle_natural (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  self->away_settled = TRUE;
  /* A due walk waits for the absence to last a walk's length. */
  if (self->phase != PHASE_WORKING && self->kind == MOBED_BREAK_WALK
      && mobed_scheduler_walks_on (self) && self->walk_length > self->natural_break)
    return;
  if (self->phase != PHASE_WORKING)
    {
      mobed_scheduler_end_break (self, MOBED_OUTCOME_NATURAL, now, plan);
      return;
    }
  if (self->acc >= self->interval / 2)
    {
      MobedRecord rec = { MOBED_OUTCOME_NATURAL, 0, now.wall - (now.mono - self->away_since),
                          now.wall, 0, FALSE, MOBED_BREAK_DRILLS,
                          mobed_scheduler_get_sitting (self, now.mono) };
      record (plan, &rec);
      self->ignored = 0;
    }
  mobed_scheduler_enter_phase (self, PHASE_WORKING, now.mono);
}

/* Away for walk-length: the user got up on their own, and sitting starts
 * over. A due walk ends as natural. The absence itself is no line in the
 * history (its natural break may be): a walk there is one mobed asked for. */
static void
settle_walk (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  if (self->phase != PHASE_WORKING && self->kind == MOBED_BREAK_WALK)
    {
      /* One record per call: a second would wait for the next one. */
      if (plan->flags & MOBED_PLAN_RECORD)
        return;
      mobed_scheduler_end_break (self, MOBED_OUTCOME_NATURAL, now, plan);
    }
  self->walk_settled = TRUE;
  mobed_scheduler_restart_sitting (self, now.mono);
}

/* Keeps the running segment in step with whether time counts: a break that
 * becomes held stops its expiry clock, one that is released restarts it. */
static void
sync_counting (MobedScheduler *self, gint64 now_mono)
{
  if (mobed_scheduler_counting (self))
    mobed_scheduler_start_segment (self, now_mono);
  else
    mobed_scheduler_stop_segment (self, now_mono);
  mobed_scheduler_sync_sitting (self, now_mono);
  if (held (self) && self->held_since < 0)
    self->held_since = now_mono;
  else if (!held (self))
    self->held_since = -1;
}

/* Brings the machine up to @now: whatever deadline has passed takes effect. */
static void
advance (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  if (self->paused && self->paused_until != MOBED_NEVER && now.mono >= self->paused_until)
    mobed_scheduler_resume (self, now);
  if (self->paused || self->off_hours)
    return;
  if (self->away)
    {
      if (!self->away_settled && now.mono >= self->away_since + self->natural_break)
        settle_natural (self, now, plan);
      if (mobed_scheduler_walks_on (self) && !self->walk_settled
          && now.mono >= self->away_since + self->walk_length)
        settle_walk (self, now, plan);
      return;
    }
  if (held (self))
    {
      /* Held too long (a day of meetings): it is over, counted as missed. */
      if (self->held_since >= 0 && now.mono >= self->held_since + self->max_defer)
        mobed_scheduler_end_break (self, MOBED_OUTCOME_MISSED, now, plan);
      return;
    }
  if (self->visible && self->escalated && now.mono >= self->chime_again_at)
    {
      plan->flags |= MOBED_PLAN_CHIME_AGAIN;
      self->chime_again_at = MOBED_NEVER;
    }
  if (mobed_scheduler_get_count (self, now.mono) < phase_target (self))
    return;
  if (self->phase == PHASE_DUE)
    mobed_scheduler_end_break (self, MOBED_OUTCOME_MISSED, now, plan);
  else
    mobed_scheduler_start_break (self, now, plan);
}

/* Plans SHOW or CLOSE where what should be on screen and what is differ. */
static void
sync_screen (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  gboolean want = self->phase == PHASE_DUE && !self->paused
                  && (self->forced || (!self->deferred && !self->off_hours));

  sync_counting (self, now.mono);
  if (want && !self->visible && !self->away)
    {
      self->visible = TRUE;
      plan->flags |= MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START;
      if (self->escalated)
        {
          plan->flags |= MOBED_PLAN_ESCALATE;
          if (self->chime_again_at == MOBED_NEVER)
            self->chime_again_at = now.mono + MOBED_CHIME_AGAIN_S * USEC_PER_SEC;
        }
    }
  else if (!want && self->visible)
    {
      /* Shown and hidden again within one call nets out to hidden. */
      self->visible = FALSE;
      plan->flags &= ~(MOBED_PLAN_SHOW | MOBED_PLAN_CHIME_START | MOBED_PLAN_ESCALATE);
      plan->flags |= MOBED_PLAN_CLOSE;
    }
  else if (want && self->visible && (plan->flags & MOBED_PLAN_SHOW) && self->escalated)
    plan->flags |= MOBED_PLAN_ESCALATE;     /* raised again on request: still raised */
}

static gint64
next_deadline (MobedScheduler *self)
{
  gint64 deadline;

  if (self->paused)
    return self->paused_until;
  if (self->off_hours)
    return MOBED_NEVER;
  if (self->away)
    {
      deadline = self->away_settled ? MOBED_NEVER : self->away_since + self->natural_break;
      /* Only a due walk needs the moment; otherwise sitting stands
       * still while away and is settled whenever the next call comes. */
      if (mobed_scheduler_walks_on (self) && !self->walk_settled
          && self->phase != PHASE_WORKING && self->kind == MOBED_BREAK_WALK)
        deadline = MIN (deadline, self->away_since + self->walk_length);
      return deadline;
    }
  if (held (self))
    return self->held_since + self->max_defer;
  deadline = self->seg_start + (phase_target (self) - self->acc);
  if (self->visible && self->escalated)
    deadline = MIN (deadline, self->chime_again_at);
  return deadline;
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
  sync_screen (self, now, plan);
  /* An answer that time already settled (Done just after the break
   * expired) is refused by the event: the phase is back to working. */
  ok = mobed_scheduler_apply_event (self, event, now, plan, error);
  if (ok)
    {
      sync_screen (self, now, plan);
      advance (self, now, plan);
    }
  sync_screen (self, now, plan);
  plan->next_deadline = next_deadline (self);
  return ok;
}

gboolean
mobed_scheduler_would_show (MobedScheduler *self, const MobedEvent *event, MobedTime now)
{
  /* The machine is plain values, so a struct copy is a full, free dry run. */
  MobedScheduler probe = *self;
  MobedPlan plan;

  g_return_val_if_fail (self != NULL && event != NULL, FALSE);

  /* A refused event still carries what the passage of time did. */
  mobed_scheduler_handle (&probe, event, now, &plan, NULL);
  return (plan.flags & MOBED_PLAN_SHOW) && !probe.forced;
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
  sync_screen (self, now, plan);
  plan->next_deadline = next_deadline (self);
}

MobedState
mobed_scheduler_get_state (MobedScheduler *self)
{
  if (self->paused)
    return MOBED_STATE_PAUSED;
  if (self->off_hours && !(self->phase == PHASE_DUE && self->forced))
    return MOBED_STATE_OFF_HOURS;
  if (self->away)
    return MOBED_STATE_AWAY;
  if (held (self))
    return MOBED_STATE_DEFERRED;
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

gboolean
mobed_scheduler_get_escalated (MobedScheduler *self)
{
  return self->escalated;
}

static gint64
remaining (MobedScheduler *self, gint64 now_mono)
{
  return MAX (0, phase_target (self) - mobed_scheduler_get_count (self, now_mono));
}

gint64
mobed_scheduler_get_snoozed_until (MobedScheduler *self, MobedTime now)
{
  /* Away, the snooze waits for the user: no clock time would stay true. */
  if (self->phase != PHASE_SNOOZED || (self->away && !self->paused))
    return 0;
  return now.wall + remaining (self, now.mono);
}

gint64
mobed_scheduler_get_next_break (MobedScheduler *self, MobedTime now)
{
  gint64 start = now.mono;

  /* Away, no clock time is true: the next break hangs on when the user
   * comes back (see mobed_scheduler_get_count_resets_at). */
  if (self->phase == PHASE_DUE || self->off_hours || (self->away && !self->paused))
    return 0;
  if (self->paused)
    {
      if (self->paused_until == MOBED_NEVER)
        return 0;
      start = MAX (now.mono, self->paused_until);
    }
  return now.wall + (start - now.mono) + remaining (self, now.mono);
}

MobedBreakKind
mobed_scheduler_get_next_kind (MobedScheduler *self, MobedTime now)
{
  gint64 next = mobed_scheduler_get_next_break (self, now);
  gint64 sat = mobed_scheduler_get_sitting (self, now.mono);

  if (self->break_id != 0 || next == 0 || !mobed_scheduler_walks_on (self))
    return mobed_scheduler_get_break_kind (self, now.mono);
  /* Sitting goes on until then only while it is running now. */
  if (self->sit_start >= 0)
    sat += MAX (0, next - now.wall);
  return sat >= self->walk_every ? MOBED_BREAK_WALK : MOBED_BREAK_DRILLS;
}

gint64
mobed_scheduler_get_count_resets_at (MobedScheduler *self, MobedTime now)
{
  if (!self->away || self->away_settled || self->paused || self->off_hours)
    return 0;
  return now.wall + (self->away_since + self->natural_break - now.mono);
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
  static const char *const names[] = {
    "working", "due", "snoozed", "paused", "away", "deferred", "off-hours",
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), "working");
  return names[state];
}

static const char *const kind_names[] = { "drills", "walk" };

const char *
mobed_break_kind_to_string (MobedBreakKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "drills");
  return kind_names[kind];
}

gboolean
mobed_break_kind_from_string (const char *text, MobedBreakKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (MobedBreakKind) i;
        return TRUE;
      }
  return FALSE;
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

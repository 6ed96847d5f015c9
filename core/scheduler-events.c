/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scheduler-events.c — what each event does to the break state machine.
 * Events only change state; scheduler.c then works out what that means for
 * the screen (SHOW, CLOSE) and the next deadline.
 */
#include "core/scheduler-private.h"

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
take_break (MobedScheduler *self, MobedTime now, MobedPlan *plan, GError **error)
{
  if (self->paused)
    {
      g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_PAUSED,
                           "Breaks are paused; resume them first");
      return FALSE;
    }
  /* Asked for: shown even under do-not-disturb or outside working hours. */
  self->forced = TRUE;
  if (self->phase == PHASE_DUE)
    {
      if (self->visible)
        plan->flags |= MOBED_PLAN_SHOW;       /* raise it again */
    }
  else
    mobed_scheduler_start_break (self, now, plan);
  return TRUE;
}

static gboolean
snooze (MobedScheduler *self, guint64 seconds, MobedTime now, GError **error)
{
  if (!check_range ("snooze", seconds, MOBED_SNOOZE_MAX_S, error) || !require_break (self, error))
    return FALSE;
  self->snoozes++;
  self->forced = FALSE;
  self->snooze_len = (gint64) seconds * USEC_PER_SEC;
  mobed_scheduler_enter_phase (self, PHASE_SNOOZED, now.mono);
  return TRUE;
}

static gboolean
start_pause (MobedScheduler *self, guint64 seconds, MobedTime now, GError **error)
{
  if (seconds != 0 && !check_range ("pause", seconds, MOBED_PAUSE_MAX_S, error))
    return FALSE;
  mobed_scheduler_stop_segment (self, now.mono);
  self->paused = TRUE;
  self->paused_until = seconds == 0 ? MOBED_NEVER
                                    : now.mono + (gint64) seconds * USEC_PER_SEC;
  return TRUE;
}

static void
away (MobedScheduler *self, gint64 since, MobedTime now)
{
  if (self->away)
    return;
  since = MIN (since, now.mono);
  /* Time already counted before the user left is taken back. */
  if (self->seg_start >= 0)
    mobed_scheduler_stop_segment (self, MAX (since, self->seg_start));
  self->away = TRUE;
  if (self->sit_start >= 0)
    mobed_scheduler_sync_sitting (self, MAX (since, self->sit_start));
  self->away_since = since;
  self->away_settled = FALSE;
  self->walk_settled = FALSE;
}

/* A source that learns of the return late (it had to ask) dates it back
 * to the first input: the count runs from there. Never before the user
 * left, nor before a natural break that the absence already made. */
static void
back (MobedScheduler *self, gint64 since, MobedTime now)
{
  gint64 from = now.mono;

  if (!self->away)
    return;
  if (since > 0)
    {
      gint64 earliest = self->away_since + (self->away_settled ? self->natural_break : 0);
      from = CLAMP (since, MIN (earliest, now.mono), now.mono);
    }
  self->away = FALSE;
  mobed_scheduler_start_segment (self, from);
  /* A walk's length away that time could not settle (the call had a
   * break to end already) still ends the sitting. */
  if (mobed_scheduler_walks_on (self) && !self->walk_settled
      && now.mono - self->away_since >= self->walk_length)
    mobed_scheduler_restart_sitting (self, from);
  else
    mobed_scheduler_sync_sitting (self, from);
}

/* Outside working hours there are no breaks and no count. A break still
 * pending when the day's hours end was never answered: missed. */
static void
off_hours (MobedScheduler *self, MobedTime now, MobedPlan *plan)
{
  if (self->off_hours)
    return;
  if (self->phase != PHASE_WORKING)
    mobed_scheduler_end_break (self, MOBED_OUTCOME_MISSED, now, plan);
  self->off_hours = TRUE;
  mobed_scheduler_enter_phase (self, PHASE_WORKING, now.mono);
  /* The day's sitting ends with it. */
  mobed_scheduler_restart_sitting (self, now.mono);
}

gboolean
mobed_scheduler_apply_event (MobedScheduler *self, const MobedEvent *event, MobedTime now,
                             MobedPlan *plan, GError **error)
{
  switch (event->kind)
    {
    case MOBED_EVENT_TICK:
      return TRUE;

    case MOBED_EVENT_TAKE_BREAK:
      return take_break (self, now, plan, error);

    case MOBED_EVENT_DONE:
    case MOBED_EVENT_SKIP:
      if (!require_break (self, error))
        return FALSE;
      mobed_scheduler_end_break (self, event->kind == MOBED_EVENT_DONE ? MOBED_OUTCOME_DONE
                                                                        : MOBED_OUTCOME_SKIPPED,
                                 now, plan);
      return TRUE;

    case MOBED_EVENT_DISMISS:
      /* Only a break on screen can be dismissed; a late close is stale news. */
      if (self->phase == PHASE_DUE && self->visible)
        mobed_scheduler_end_break (self, MOBED_OUTCOME_DISMISSED, now, plan);
      return TRUE;

    case MOBED_EVENT_SNOOZE:
      return snooze (self, event->seconds, now, error);

    case MOBED_EVENT_PAUSE:
      return start_pause (self, event->seconds, now, error);

    case MOBED_EVENT_RESUME:
      if (!self->paused)
        {
          g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_PAUSED,
                               "Breaks are not paused");
          return FALSE;
        }
      mobed_scheduler_resume (self, now);
      return TRUE;

    case MOBED_EVENT_AWAY:
      away (self, event->since, now);
      return TRUE;

    case MOBED_EVENT_BACK:
      back (self, event->since, now);
      return TRUE;

    case MOBED_EVENT_DEFER:
      self->deferred = TRUE;
      return TRUE;

    case MOBED_EVENT_UNDEFER:
      self->deferred = FALSE;
      return TRUE;

    case MOBED_EVENT_OFF_HOURS:
      off_hours (self, now, plan);
      return TRUE;

    case MOBED_EVENT_ON_HOURS:
      if (self->off_hours)
        {
          self->off_hours = FALSE;
          mobed_scheduler_enter_phase (self, PHASE_WORKING, now.mono);
        }
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

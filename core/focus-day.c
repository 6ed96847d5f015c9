/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-day.c — the day of a focus plan, set by set. See focus-day.h.
 */
#include "core/focus-day.h"

static void
date_of (GDateTime *local, char out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_time_get_year (local),
              g_date_time_get_month (local), g_date_time_get_day_of_month (local));
}

static gint64
wall_of (GDateTime *local)
{
  return g_date_time_to_unix (local) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (local);
}

void
mobed_focus_day_init (MobedFocusDay        *self,
                      const MobedFocusPlan *plan,
                      GDateTime            *local_now,
                      guint                 resolved,
                      guint                 done,
                      gint64                last_end_wall)
{
  *self = (MobedFocusDay) { .plan = *plan, .resolved = resolved, .done = done,
                            .last_end_wall = last_end_wall, .state = MOBED_FOCUS_WAITING };
  date_of (local_now, self->day);
  /* A day whose sets were all answered before a restart was asked already
   * (or is past asking): do not ask twice. */
  self->checked_in = resolved >= plan->sets_per_day;
}

static void
resolve (MobedFocusDay *self, MobedOutcome outcome, gint64 now, MobedFocusStep *step)
{
  step->flags |= MOBED_FOCUS_PLAN_RECORD;
  if (self->state == MOBED_FOCUS_SHOWN)
    step->flags |= MOBED_FOCUS_PLAN_CLOSE;
  step->outcome = outcome;
  step->set_number = self->resolved + 1;
  step->due_wall = self->due_wall;
  step->ended_wall = now;
  step->snoozes = self->snoozes;
  self->resolved++;
  if (outcome == MOBED_OUTCOME_DONE)
    self->done++;
  self->last_end_wall = now;
  self->state = MOBED_FOCUS_WAITING;
  self->snoozes = 0;
}

/* At midnight a set still up or put off is missed, and the count starts over. */
static void
roll_day (MobedFocusDay *self, GDateTime *local_now, gint64 now, MobedFocusStep *step)
{
  char today[11];

  date_of (local_now, today);
  if (g_str_equal (today, self->day))
    return;
  if (self->state != MOBED_FOCUS_WAITING)
    resolve (self, MOBED_OUTCOME_MISSED, now, step);
  g_strlcpy (self->day, today, sizeof self->day);
  self->resolved = self->done = 0;
  self->last_end_wall = 0;
  self->checked_in = FALSE;
}

gint64
mobed_focus_day_next (const MobedFocusDay  *self,
                      const MobedWorkHours *hours,
                      GDateTime            *local_now,
                      guint64               set_seconds)
{
  switch (self->state)
    {
    case MOBED_FOCUS_SNOOZED:
      return self->snoozed_until;
    case MOBED_FOCUS_SHOWN:
      return self->shown_wall;
    case MOBED_FOCUS_WAITING:
    default:
      return mobed_focus_next_set (&self->plan, hours, local_now, self->resolved,
                                   self->last_end_wall, set_seconds);
    }
}

static void
show (MobedFocusDay *self, gint64 now, guint64 wait_s, MobedFocusStep *step)
{
  step->flags |= MOBED_FOCUS_PLAN_SHOW;
  step->set_number = self->resolved + 1;
  self->state = MOBED_FOCUS_SHOWN;
  self->shown_wall = now;
  step->next_wall = now + (gint64) wait_s * G_USEC_PER_SEC;
}

void
mobed_focus_day_tick (MobedFocusDay        *self,
                      const MobedWorkHours *hours,
                      GDateTime            *local_now,
                      gboolean              can_show,
                      guint64               set_seconds,
                      guint64               expire_s,
                      MobedFocusStep       *step)
{
  gint64 now = wall_of (local_now);
  guint64 wait_s = set_seconds + expire_s;
  gint64 due;

  *step = (MobedFocusStep) { 0 };
  roll_day (self, local_now, now, step);

  if (self->state == MOBED_FOCUS_SHOWN)
    {
      if (!can_show)
        {
          /* Back on screen the moment the way is clear again. */
          step->flags |= MOBED_FOCUS_PLAN_CLOSE;
          self->state = MOBED_FOCUS_SNOOZED;
          self->snoozed_until = now;
          return;
        }
      if (now < self->shown_wall + (gint64) wait_s * G_USEC_PER_SEC)
        {
          step->next_wall = self->shown_wall + (gint64) wait_s * G_USEC_PER_SEC;
          return;
        }
      resolve (self, MOBED_OUTCOME_MISSED, now, step);
    }

  if (self->state == MOBED_FOCUS_SNOOZED)
    {
      if (now < self->snoozed_until)
        step->next_wall = self->snoozed_until;
      else if (can_show)
        show (self, now, wait_s, step);
      return;
    }

  due = mobed_focus_next_set (&self->plan, hours, local_now, self->resolved,
                              self->last_end_wall, set_seconds);
  if (due == 0)
    {
      if (self->resolved > 0 && !self->checked_in)
        {
          step->flags |= MOBED_FOCUS_PLAN_CHECKIN;
          self->checked_in = TRUE;
        }
      return;
    }
  if (now < due)
    {
      step->next_wall = due;
      return;
    }
  if (can_show)
    {
      self->due_wall = due;
      show (self, now, wait_s, step);
    }
}

gboolean
mobed_focus_day_answer (MobedFocusDay  *self,
                        MobedOutcome    outcome,
                        guint64         snooze_s,
                        GDateTime      *local_now,
                        MobedFocusStep *step)
{
  gint64 now = wall_of (local_now);

  *step = (MobedFocusStep) { 0 };
  if (self->state == MOBED_FOCUS_WAITING)
    return FALSE;
  if (outcome != MOBED_OUTCOME_NONE)
    {
      resolve (self, outcome, now, step);
      return TRUE;
    }
  /* The whole set moves: it comes back as one, never in pieces. */
  if (self->state == MOBED_FOCUS_SHOWN)
    step->flags |= MOBED_FOCUS_PLAN_CLOSE;
  self->state = MOBED_FOCUS_SNOOZED;
  self->snoozed_until = now + (gint64) snooze_s * G_USEC_PER_SEC;
  self->snoozes++;
  step->next_wall = self->snoozed_until;
  return TRUE;
}

gboolean
mobed_focus_day_near_set (const MobedFocusDay  *self,
                          const MobedWorkHours *hours,
                          GDateTime            *local_now,
                          guint64               set_seconds,
                          guint64               window_s)
{
  gint64 now = wall_of (local_now), near = (gint64) window_s * G_USEC_PER_SEC;
  gint64 next = mobed_focus_day_next (self, hours, local_now, set_seconds);

  return (self->last_end_wall != 0 && now - self->last_end_wall < near)
         || (next != 0 && next - now < near);
}

void
mobed_focus_plan_exclude (const MobedFocusPlan *plan, MobedConfig *config)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  g_strv_builder_addv (words, (const char **) config->exclude);
  for (guint i = 0; i < plan->n_items; i++)
    if (!g_strv_contains ((const char *const *) config->exclude, plan->items[i].drill_id))
      g_strv_builder_add (words, plan->items[i].drill_id);
  g_strfreev (config->exclude);
  config->exclude = g_strv_builder_end (words);
}

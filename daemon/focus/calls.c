/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * calls.c — the user's changes to a focus plan: StartFocus,
 * StopFocus, ExtendFocus and RateFocus on the bus (the check-in's buttons
 * come to the same rate and extend). plan.c carries the plan out.
 */
#include "daemon/focus/plan-private.h"

#include <glib/gi18n.h>

#include "daemon/clock.h"
#include "daemon/bus/focus-request.h"

static GVariant *
start (MobedDaemonFocus *self, GVariant *params, MobedTime now, GError **error)
{
  g_autofree const char **targets = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GError) local_error = NULL;
  MobedFocusRequest req;
  MobedFocusPlan plan;
  gboolean dry_run;

  g_variant_get (params, "(^a&s@a{sv})", &targets, &options);
  if (!mobed_focus_request_read (options, &req, &dry_run, error))
    return NULL;
  if (!mobed_focus_plan_make (*self->hub.catalog, self->hub.config, targets, &req, &plan, &local_error))
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS, local_error->message);
      return NULL;
    }
  plan.id = now.wall;
  mobed_clock_local_date (now.wall, plan.first_day);
  if (dry_run)
    return focus_plan_variant (self, &plan, NULL, now);
  if (self->active)
    {
      g_set_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_FOCUS_ACTIVE,
                   "A focus plan for %s is running; stop it first (mobectl focus --stop)",
                   focus_plan_of (self)->target);
      return NULL;
    }
  if (!mobed_focus_log_start (mobed_break_log_history (self->hub.log), &plan, mobed_clock_utc_offset (now.wall),
                              &local_error))
    g_message ("The focus plan is kept in memory for now: %s", local_error->message);
  g_array_set_size (self->ratings, 0);
  self->eased = FALSE;
  focus_begin (self, &plan, now);
  g_message ("Focus plan started for %s: %u drills, %u sets a day, %u days", plan.target,
             plan.n_items, plan.sets_per_day, plan.days);
  return focus_plan_variant (self, &plan, &self->day, now);
}

static gboolean
no_focus (GError **error)
{
  g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NO_FOCUS,
                       "No focus plan is running (start one with mobectl focus PROBLEM)");
  return FALSE;
}

/* The plan an answer or an extension is about: the running one, or one
 * that ended today or yesterday (its last check-in comes after its end). */
static MobedFocusPlan *
recent_plan (MobedDaemonFocus *self, MobedTime now)
{
  MobedDaemonFocus *f = self;
  char today[11];
  gint index;

  if (f->active)
    return focus_plan_of (self);
  if (!f->has_ended)
    return NULL;
  mobed_clock_local_date (now.wall, today);
  index = mobed_focus_day_index (&f->ended, today);
  return index >= 0 && index <= (gint) f->ended.days ? &f->ended : NULL;
}

gboolean
focus_extend (MobedDaemonFocus *self, guint days, MobedTime now, GError **error)
{
  MobedFocusPlan *plan = recent_plan (self, now);
  g_autoptr(GError) local_error = NULL;
  MobedFocusPlan copy;

  if (days < 1 || days > MOBED_FOCUS_DAYS_MAX)
    {
      g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                   "Days to add must be between 1 and %d, not %u", MOBED_FOCUS_DAYS_MAX, days);
      return FALSE;
    }
  if (plan == NULL)
    return no_focus (error);
  if (plan->days + days > TOTAL_DAYS_MAX)
    {
      g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                   "A focus plan runs at most %d days in all", TOTAL_DAYS_MAX);
      return FALSE;
    }
  copy = *plan;
  copy.days += days;
  if (!mobed_focus_log_extend (mobed_break_log_history (self->hub.log), copy.id, copy.days, now.wall,
                               &local_error))
    g_message ("The longer focus plan is kept in memory for now: %s", local_error->message);
  if (self->active)
    plan->days = copy.days;
  else
    focus_begin (self, &copy, now);
  g_message ("Focus plan for %s now runs %u days", copy.target, copy.days);
  return TRUE;
}

/* The "worse" answers the plan has had, this one included. */
static guint
worse_answers (MobedDaemonFocus *self)
{
  guint n = 0;

  for (guint i = 0; i < self->ratings->len; i++)
    n += g_array_index (self->ratings, MobedFocusLogRating, i).rating == MOBED_RATING_WORSE;
  return n;
}

/* Lowers the running plan's dose; the doses before and after go in @dict. */
static gboolean
ease (MobedDaemonFocus *self, MobedFocusPlan *plan, MobedTime now, GVariantBuilder *dict)
{
  g_auto(GVariantBuilder) doses = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(suu)"));
  g_autoptr(GError) error = NULL;
  MobedFocusPlan before = *plan;

  if (!mobed_focus_plan_ease (plan))
    return FALSE;
  self->eased = TRUE;
  self->before_ease = before;
  if (!mobed_focus_log_dose (mobed_break_log_history (self->hub.log), plan, now.wall, &error))
    g_message ("The easier focus plan is kept in memory for now: %s", error->message);
  for (guint i = 0; i < plan->n_items; i++)
    g_variant_builder_add (&doses, "(suu)", plan->items[i].drill_id, before.items[i].reps,
                           plan->items[i].reps);
  g_variant_builder_add (dict, "{sv}", "doses", g_variant_builder_end (&doses));
  g_message ("Focus plan for %s made easier after a \"worse\"", plan->target);
  return TRUE;
}

gboolean
focus_keep_dose (MobedDaemonFocus *self, MobedTime now, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  MobedFocusPlan *plan;

  if (!self->active)
    return no_focus (error);
  plan = focus_plan_of (self);
  if (!self->eased || self->before_ease.id != plan->id)
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                           "The focus plan's dose was not lowered; there is nothing to keep");
      return FALSE;
    }
  for (guint i = 0; i < plan->n_items; i++)
    plan->items[i].reps = self->before_ease.items[i].reps;
  self->eased = FALSE;
  if (!mobed_focus_log_dose (mobed_break_log_history (self->hub.log), plan, now.wall,
                             &local_error))
    g_message ("The focus plan's dose is kept in memory for now: %s", local_error->message);
  g_message ("Focus plan for %s keeps its old dose", plan->target);
  return TRUE;
}

GVariant *
focus_rate (MobedDaemonFocus *self, MobedRating rating, MobedTime now, GError **error)
{
  MobedFocusPlan *plan = recent_plan (self, now);
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GError) local_error = NULL;
  MobedFocusLogRating r = { .rating = rating };
  /* In English on the bus: mobectl says it in the user's language. */
  const char *advice = "", *message;
  char today[11];
  gint index;

  if (plan == NULL)
    {
      no_focus (error);
      return NULL;
    }
  mobed_clock_local_date (now.wall, today);
  index = CLAMP (mobed_focus_day_index (plan, today), 0, (gint) plan->days - 1);
  r.day_index = (guint) index;
  if (!mobed_focus_log_rate (mobed_break_log_history (self->hub.log), plan->id, r.day_index, rating, now.wall,
                             &local_error))
    g_message ("The check-in is kept in memory for now: %s", local_error->message);
  g_array_append_val (self->ratings, r);
  /* Worse: easier first (the source's advice: fewer reps, smaller and
   * slower), and if it is still worse, stop. */
  if (rating == MOBED_RATING_WORSE && worse_answers (self) == 1
      && index < (gint) plan->days - 1 && self->active && ease (self, plan, now, &dict))
    {
      advice = "eased";
      message = N_("Noted: from the next set the plan is easier, about a third fewer reps. "
                   "Go slower and keep the movement small. If it still feels worse, stop "
                   "(mobectl focus --stop). To keep the old dose: mobectl focus --keep-dose.");
    }
  else if (rating == MOBED_RATING_WORSE)
    {
      advice = "stop";
      message = N_("It feels worse: stop the plan (mobectl focus --stop). See a doctor or "
                   "physiotherapist if the pain stays or spreads, or comes with numbness, "
                   "tingling or dizziness.");
    }
  else if (index < (gint) plan->days - 1 && self->active)
    message = N_("Noted. Keep going; the plan asks again tomorrow.");
  else if (rating == MOBED_RATING_BETTER)
    {
      advice = "end-or-extend";
      message = N_("Good: it helps. End the plan here, or keep going a few more days "
                   "(mobectl focus --extend 3).");
    }
  else
    {
      advice = "stop";
      message = N_("No better after these days: dropping the plan is the sensible choice "
                   "(mobectl focus --stop). Try other drills, or see someone if it persists.");
    }
  g_message ("Focus check-in, day %d: %s", index + 1, mobed_rating_to_string (rating));
  g_variant_builder_add (&dict, "{sv}", "advice", g_variant_new_string (advice));
  g_variant_builder_add (&dict, "{sv}", "message", g_variant_new_string (message));
  return g_variant_builder_end (&dict);
}

GVariant *
mobed_daemon_focus_call (MobedDaemonFocus *self, const char *method, GVariant *params,
                         GError **error)
{
  MobedTime now = mobed_clock_now ();
  GVariant *result = NULL;

  if (g_str_equal (method, "StartFocus"))
    result = start (self, params, now, error);
  else if (g_str_equal (method, "StopFocus"))
    {
      if (!self->active)
        no_focus (error);
      else
        {
          focus_end_plan (self, now.wall, "stopped by the user");
          /* A check-in or its advice still up asks about a plan the user
           * just ended: it goes too (the set went with the plan). */
          mobed_notifier_close (self->checkin_note);
          self->checkin_final = FALSE;
          result = g_variant_new_tuple (NULL, 0);
        }
    }
  else if (g_str_equal (method, "ExtendFocus"))
    {
      guint days;

      g_variant_get (params, "(u)", &days);
      if (focus_extend (self, days, now, error))
        result = g_variant_new_tuple (NULL, 0);
    }
  else if (g_str_equal (method, "KeepFocusDose"))
    {
      if (focus_keep_dose (self, now, error))
        result = g_variant_new_tuple (NULL, 0);
    }
  else if (g_str_equal (method, "RateFocus"))
    {
      const char *answer;
      MobedRating rating;

      g_variant_get (params, "(&s)", &answer);
      rating = mobed_rating_from_string (answer);
      if (rating == MOBED_RATING_NONE)
        g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                     "Answer better, same or worse, not '%s'", answer);
      else
        result = focus_rate (self, rating, now, error);
    }
  else
    g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, "No method %s", method);
  return result;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-focus-call.c — the user's changes to a focus plan: StartFocus,
 * StopFocus, ExtendFocus and RateFocus on the bus (the check-in's buttons
 * come to the same rate and extend). daemon-focus.c carries the plan out.
 */
#include "daemon/focus/plan-private.h"

#include <glib/gi18n.h>

#include "daemon/clock.h"
#include "daemon/bus/focus-request.h"

static GVariant *
start (MobedDaemon *self, GVariant *params, MobedTime now, GError **error)
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
  if (!mobed_focus_plan_make (self->catalog, &self->config, targets, &req, &plan, &local_error))
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS, local_error->message);
      return NULL;
    }
  plan.id = now.wall;
  mobed_clock_local_date (now.wall, plan.first_day);
  if (dry_run)
    return focus_plan_variant (self, &plan, NULL, now);
  if (self->focus->active)
    {
      g_set_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_FOCUS_ACTIVE,
                   "A focus plan for %s is running; stop it first (mobectl focus --stop)",
                   focus_plan_of (self)->target);
      return NULL;
    }
  if (!mobed_focus_log_start (mobed_daemon_history (self), &plan, mobed_clock_utc_offset (now.wall),
                              &local_error))
    g_warning ("The focus plan is kept in memory for now: %s", local_error->message);
  g_array_set_size (self->focus->ratings, 0);
  focus_begin (self, &plan, now);
  g_message ("Focus plan started for %s: %u drills, %u sets a day, %u days", plan.target,
             plan.n_items, plan.sets_per_day, plan.days);
  return focus_plan_variant (self, &plan, &self->focus->day, now);
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
recent_plan (MobedDaemon *self, MobedTime now)
{
  MobedDaemonFocus *f = self->focus;
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
focus_extend (MobedDaemon *self, guint days, MobedTime now, GError **error)
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
  if (!mobed_focus_log_extend (mobed_daemon_history (self), copy.id, copy.days, now.wall,
                               &local_error))
    g_warning ("The longer focus plan is kept in memory for now: %s", local_error->message);
  if (self->focus->active)
    plan->days = copy.days;
  else
    focus_begin (self, &copy, now);
  g_message ("Focus plan for %s now runs %u days", copy.target, copy.days);
  return TRUE;
}

GVariant *
focus_rate (MobedDaemon *self, MobedRating rating, MobedTime now, GError **error)
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
  if (!mobed_focus_log_rate (mobed_daemon_history (self), plan->id, r.day_index, rating, now.wall,
                             &local_error))
    g_warning ("The check-in is kept in memory for now: %s", local_error->message);
  g_array_append_val (self->focus->ratings, r);
  if (index < (gint) plan->days - 1 && self->focus->active)
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
mobed_daemon_focus_call (MobedDaemon *self, const char *method, GVariant *params,
                         GError **error)
{
  MobedTime now = mobed_clock_now ();
  GVariant *result = NULL;

  if (g_str_equal (method, "StartFocus"))
    result = start (self, params, now, error);
  else if (g_str_equal (method, "StopFocus"))
    {
      if (!self->focus->active)
        no_focus (error);
      else
        {
          focus_end_plan (self, now.wall, "stopped by the user");
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

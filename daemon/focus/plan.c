/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan.c — carries out a rehab focus plan. The plan's day machine
 * (core/focus-day) is moved on with every event the daemon handles; each
 * set and each check-in gets a notification of its own, apart from the
 * microbreak's; sets and answers go to the history, which is also where a
 * restarted daemon finds the running plan.
 */
#include "daemon/focus/plan-private.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "core/duration.h"
#include "daemon/notify/break-view.h"
#include "daemon/clock.h"

/* A microbreak this close to a set leaves the set's drills out. */
#define AVOID_S 3600

static GDateTime *
local_at (gint64 wall)
{
  return g_date_time_new_from_unix_local (wall / G_USEC_PER_SEC);
}

MobedFocusPlan *
focus_plan_of (MobedDaemonFocus *self)
{
  return &self->day.plan;
}

static void
chime (MobedDaemonFocus *self, const char *event_id, const char *description)
{
  if (self->hub.config->sound)
    mobed_chime_play (self->hub.chime, event_id, description);
}

/* Every rep of a done set, both sides. */
static guint
set_reps (MobedDaemonFocus *self)
{
  MobedOffer offers[MOBED_FOCUS_DRILLS_MAX];
  guint n = mobed_focus_offers (focus_plan_of (self), *self->hub.catalog, offers), total = 0;

  for (guint i = 0; i < n; i++)
    total += offers[i].reps * (offers[i].unit == MOBED_REPS_TIMES ? 1 : 2);
  return total;
}

static void
show_set (MobedDaemonFocus *self, guint set_number)
{
  MobedFocusPlan *plan = focus_plan_of (self);
  MobedOffer offers[MOBED_FOCUS_DRILLS_MAX];
  guint n = mobed_focus_offers (plan, *self->hub.catalog, offers);
  g_autofree char *length = mobed_duration_format_human (mobed_focus_set_seconds (plan,
                                                                                  *self->hub.catalog));
  g_autofree char *snooze = mobed_duration_format_human (self->hub.config->snooze_s);
  /* TRANSLATORS: a notification button; %s is a length such as "5 min" */
  g_autofree char *snooze_label = g_strdup_printf (_("Snooze %s"), snooze);
  g_autofree char *first = n > 0 ? mobed_break_view_offer_line (&offers[0]) : g_strdup ("");
  /* TRANSLATORS: the title of a focus set's notification, e.g.
   * "Neck circles · 40 each way · set 1 of 2 today" */
  g_autofree char *title = g_strdup_printf (_("%s · set %u of %u today"), first, set_number,
                                            plan->sets_per_day);
  GString *body = g_string_new (NULL);
  const MobedDrill *drill;
  const MobedNotifierAction actions[] = {
    { "done", C_("button", "Done") },
    { "snooze", snooze_label },
    { "skip", C_("button", "Skip") },
  };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = mobed_break_view_offer_line (&offers[i]);

      if (i > 0 || n > 1)
        g_string_append_printf (body, "%s\n", line);
      g_string_append_printf (body, "%s\n", offers[i].summary);
      /* A set is many reps in one go: the drill's caution belongs where
       * it is done, not only in mobectl drills. */
      drill = mobed_catalog_find (*self->hub.catalog, offers[i].id);
      if (drill != NULL && drill->caution != NULL)
        g_string_append_printf (body, "%s\n", drill->caution);
    }
  /* TRANSLATORS: %s is a length such as "4 min" */
  g_string_append_printf (body, _("About %s, all in one go."), length);
  /* A set is many reps of one drill: the safety line matters most here. */
  g_string_append_printf (body, "\n%s", mobed_break_view_safety_line ());
  g_message ("Focus set %u of %u due: %s", set_number, plan->sets_per_day, plan->target);
  mobed_notifier_show_full (self->set_note, title, body->str, actions,
                            G_N_ELEMENTS (actions),
                            /* TRANSLATORS: keep the commands; they are typed in a terminal */
                            _("Answer with: mobectl done · mobectl snooze · mobectl skip"), FALSE);
  g_string_free (body, TRUE);
  /* TRANSLATORS: what the sound means, for sound settings and accessibility */
  chime (self, "bell", _("A focus set is due"));
}

static void
ask_checkin (MobedDaemonFocus *self, gboolean final)
{
  MobedFocusPlan *plan = focus_plan_of (self);
  gint day = mobed_focus_day_index (plan, self->day.day) + 1;
  g_autofree char *title = final
    /* TRANSLATORS: the title of the check-in at the end of a focus plan */
    ? g_strdup (_("Your focus plan is done"))
    /* TRANSLATORS: the title of the daily check-in of a focus plan */
    : g_strdup_printf (_("Focus plan: day %d of %u done"), day, plan->days);
  const MobedNotifierAction actions[] = {
    /* TRANSLATORS: answers to "how does it feel?" during a focus plan */
    { "better", C_("rating", "Better") },
    { "same", C_("rating", "Same") },
    { "worse", C_("rating", "Worse") },
  };

  self->checkin_final = final;
  mobed_notifier_show_full (self->checkin_note, title,
                            _("Since you started, does it feel better, the same, or worse?"),
                            actions, G_N_ELEMENTS (actions),
                            /* TRANSLATORS: keep the command; it is typed in a terminal */
                            _("Answer with: mobectl focus rate better|same|worse"), FALSE);
}

static void
record_set (MobedDaemonFocus *self, const MobedFocusStep *step)
{
  g_autoptr(GError) error = NULL;
  char day[11];
  guint reps = step->outcome == MOBED_OUTCOME_DONE ? set_reps (self) : 0;

  mobed_clock_local_date (step->due_wall, day);
  g_message ("Focus set %u ended: %s", step->set_number, mobed_outcome_to_string (step->outcome));
  if (!mobed_focus_log_set (mobed_break_log_history (self->hub.log), focus_plan_of (self)->id, day,
                            step->set_number, step->due_wall, step->ended_wall, step->outcome,
                            step->snoozes, reps, &error))
    g_message ("Focus set kept in memory for now: %s", error->message);
  if (step->outcome == MOBED_OUTCOME_DONE)
    /* TRANSLATORS: what the sound means, for sound settings and accessibility */
    chime (self, "complete", _("Focus set done"));
}

static void
carry_out (MobedDaemonFocus *self, const MobedFocusStep *step, gint day_index)
{
  if (step->flags & MOBED_FOCUS_PLAN_RECORD)
    record_set (self, step);
  if (step->flags & MOBED_FOCUS_PLAN_CLOSE)
    mobed_notifier_close (self->set_note);
  if (step->flags & MOBED_FOCUS_PLAN_SHOW)
    show_set (self, step->set_number);
  if (step->flags & MOBED_FOCUS_PLAN_CHECKIN)
    ask_checkin (self, day_index >= (gint) focus_plan_of (self)->days - 1);
}

void
focus_end_plan (MobedDaemonFocus *self, gint64 now_wall, const char *why)
{
  MobedDaemonFocus *f = self;
  g_autoptr(GError) error = NULL;

  g_message ("Focus plan for %s ended: %s", focus_plan_of (self)->target, why);
  if (!mobed_focus_log_end (mobed_break_log_history (self->hub.log), focus_plan_of (self)->id, now_wall, &error))
    g_message ("The end of the focus plan is kept in memory for now: %s", error->message);
  mobed_notifier_close (f->set_note);
  f->ended = f->day.plan;
  f->has_ended = TRUE;
  f->active = FALSE;
  f->next_wall = 0;
}

static gboolean
can_show (MobedDaemonFocus *self)
{
  MobedState state = mobed_scheduler_get_state (self->hub.scheduler);

  /* Do not disturb (or a camera, a fullscreen window seen holding a
   * microbreak) holds a focus set back just the same. */
  return (state == MOBED_STATE_WORKING || state == MOBED_STATE_SNOOZED)
         && mobed_hold_reasons (self->hub.hold) == 0;
}

void
mobed_daemon_focus_sync (MobedDaemonFocus *self, MobedTime now)
{
  MobedDaemonFocus *f = self;
  g_autoptr(GDateTime) local = local_at (now.wall);
  char today[11];
  MobedFocusStep step;
  gint index;

  if (!f->active || local == NULL)
    return;
  mobed_clock_local_date (now.wall, today);
  index = mobed_focus_day_index (focus_plan_of (self), today);
  mobed_focus_day_tick (&f->day, self->hub.hours, local, can_show (self) && index >= 0,
                        mobed_focus_set_seconds (focus_plan_of (self), *self->hub.catalog),
                        self->hub.config->expire_after_s, &step);
  /* A set of yesterday's left up is recorded before the plan may end. */
  carry_out (self, &step, index);
  if (index >= (gint) focus_plan_of (self)->days)
    {
      focus_end_plan (self, now.wall, "its last day is over");
      return;
    }
  f->next_wall = step.next_wall;
}

gint64
mobed_daemon_focus_next_wall (MobedDaemonFocus *self)
{
  return self->active ? self->next_wall : 0;
}

gboolean
mobed_daemon_focus_takes (MobedDaemonFocus *self, const MobedEvent *event)
{
  return self->active
         && (event->kind == MOBED_EVENT_DONE || event->kind == MOBED_EVENT_SNOOZE
             || event->kind == MOBED_EVENT_SKIP)
         && self->day.state != MOBED_FOCUS_WAITING
         && mobed_scheduler_get_break_id (self->hub.scheduler) == 0;
}

gboolean
mobed_daemon_focus_answer (MobedDaemonFocus *self, const MobedEvent *event, MobedTime now,
                           GError **error)
{
  g_autoptr(GDateTime) local = local_at (now.wall);
  MobedOutcome outcome = MOBED_OUTCOME_NONE;
  MobedFocusStep step;

  if (event->kind == MOBED_EVENT_DONE)
    outcome = MOBED_OUTCOME_DONE;
  else if (event->kind == MOBED_EVENT_SKIP)
    outcome = MOBED_OUTCOME_SKIPPED;
  else if (event->kind == MOBED_EVENT_DISMISS)
    outcome = MOBED_OUTCOME_DISMISSED;
  else if (event->seconds == 0 || event->seconds > MOBED_SNOOZE_MAX_S)
    {
      g_set_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_INVALID,
                   "A snooze must be between 1 second and 12 hours");
      return FALSE;
    }
  if (!mobed_focus_day_answer (&self->day, outcome, event->seconds, local, &step))
    {
      g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NOT_DUE,
                           "No focus set is due right now");
      return FALSE;
    }
  carry_out (self, &step, 0);
  return TRUE;
}

GVariant *
focus_plan_variant (MobedDaemonFocus *self, const MobedFocusPlan *plan, const MobedFocusDay *day,
              MobedTime now)
{
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_auto(GVariantBuilder) ratings = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(us)"));
  MobedOffer offers[MOBED_FOCUS_DRILLS_MAX];
  guint n = mobed_focus_offers (plan, *self->hub.catalog, offers);
  static const char *const states[] = { "waiting", "shown", "snoozed" };
  char today[11];

  mobed_clock_local_date (now.wall, today);
  g_variant_builder_add (&dict, "{sv}", "target", g_variant_new_string (plan->target));
  g_variant_builder_add (&dict, "{sv}", "first_day", g_variant_new_string (plan->first_day));
  g_variant_builder_add (&dict, "{sv}", "days", g_variant_new_uint32 (plan->days));
  g_variant_builder_add (&dict, "{sv}", "day",
                         g_variant_new_uint32 ((guint) CLAMP (mobed_focus_day_index (plan, today) + 1,
                                                              0, (gint) plan->days)));
  g_variant_builder_add (&dict, "{sv}", "sets_per_day", g_variant_new_uint32 (plan->sets_per_day));
  g_variant_builder_add (&dict, "{sv}", "drills", mobed_break_view_offers (offers, n));
  g_variant_builder_add (&dict, "{sv}", "set_seconds",
                         g_variant_new_uint64 (mobed_focus_set_seconds (plan, *self->hub.catalog)));
  if (day != NULL)
    {
      g_autoptr(GDateTime) local = local_at (now.wall);
      gint64 next = mobed_focus_day_next (day, self->hub.hours, local,
                                          mobed_focus_set_seconds (plan, *self->hub.catalog));

      g_variant_builder_add (&dict, "{sv}", "today_done", g_variant_new_uint32 (day->done));
      g_variant_builder_add (&dict, "{sv}", "today_answered", g_variant_new_uint32 (day->resolved));
      /* Whole seconds, so the property does not change with every read. */
      g_variant_builder_add (&dict, "{sv}", "next_set",
                             g_variant_new_int64 (next / G_USEC_PER_SEC * G_USEC_PER_SEC));
      g_variant_builder_add (&dict, "{sv}", "set_state",
                             g_variant_new_string (states[day->state]));
    }
  for (guint i = 0; i < self->ratings->len; i++)
    {
      const MobedFocusLogRating *r = &g_array_index (self->ratings, MobedFocusLogRating, i);
      g_variant_builder_add (&ratings, "(us)", r->day_index + 1, mobed_rating_to_string (r->rating));
    }
  g_variant_builder_add (&dict, "{sv}", "ratings", g_variant_builder_end (&ratings));
  return g_variant_builder_end (&dict);
}

GVariant *
mobed_daemon_focus_variant (MobedDaemonFocus *self, MobedTime now)
{
  if (!self->active)
    return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
  return focus_plan_variant (self, focus_plan_of (self), &self->day, now);
}

void
mobed_daemon_focus_avoid (MobedDaemonFocus *self, MobedTime now, MobedConfig *config)
{
  g_autoptr(GDateTime) local = local_at (now.wall);

  if (self->active && local != NULL
      && mobed_focus_day_near_set (&self->day, self->hub.hours, local,
                                   mobed_focus_set_seconds (focus_plan_of (self), *self->hub.catalog),
                                   AVOID_S))
    mobed_focus_plan_exclude (focus_plan_of (self), config);
}

GVariant *
mobed_daemon_focus_stats (MobedDaemonFocus *self, MobedTime now)
{
  g_autoptr(MobedFocusReport) report = mobed_focus_log_report (mobed_break_log_history (self->hub.log),
                                                               now.wall);
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_auto(GVariantBuilder) days = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_auto(GVariantBuilder) ratings = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(us)"));
  MobedOffer offers[MOBED_FOCUS_DRILLS_MAX];
  g_autoptr(GDateTime) first = NULL;
  char today[11];
  gint last;
  guint n;

  if (report == NULL)
    return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
  mobed_clock_local_date (now.wall, today);
  n = mobed_focus_offers (&report->plan, *self->hub.catalog, offers);
  /* Every day of the plan up to today (or its last), days without a set too. */
  last = MIN (mobed_focus_day_index (&report->plan, today), (gint) report->plan.days - 1);
  if (report->ended_wall != 0)
    {
      char ended[11];
      mobed_clock_local_date (report->ended_wall, ended);
      last = MIN (last, mobed_focus_day_index (&report->plan, ended));
    }
  first = g_date_time_new_local (atoi (report->plan.first_day), atoi (report->plan.first_day + 5),
                                 atoi (report->plan.first_day + 8), 12, 0, 0);
  for (gint i = 0; first != NULL && i <= last; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, i);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      guint weekday = (guint) g_date_time_get_day_of_week (day) - 1;
      guint offered = 0, done = 0;

      for (guint j = 0; j < report->days->len; j++)
        {
          const MobedFocusLogDay *d = &g_array_index (report->days, MobedFocusLogDay, j);
          if (g_str_equal (d->date, date))
            offered = d->offered, done = d->done;
        }
      g_variant_builder_open (&days, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&days, "{sv}", "date", g_variant_new_string (date));
      g_variant_builder_add (&days, "{sv}", "planned",
                             g_variant_new_uint32 ((self->hub.hours->days & (1u << weekday))
                                                   ? report->plan.sets_per_day : 0));
      g_variant_builder_add (&days, "{sv}", "offered", g_variant_new_uint32 (offered));
      g_variant_builder_add (&days, "{sv}", "done", g_variant_new_uint32 (done));
      g_variant_builder_close (&days);
    }
  for (guint i = 0; i < report->ratings->len; i++)
    {
      const MobedFocusLogRating *r = &g_array_index (report->ratings, MobedFocusLogRating, i);
      g_variant_builder_add (&ratings, "(us)", r->day_index + 1, mobed_rating_to_string (r->rating));
    }
  g_variant_builder_add (&dict, "{sv}", "target", g_variant_new_string (report->plan.target));
  g_variant_builder_add (&dict, "{sv}", "first_day", g_variant_new_string (report->plan.first_day));
  g_variant_builder_add (&dict, "{sv}", "days", g_variant_new_uint32 (report->plan.days));
  g_variant_builder_add (&dict, "{sv}", "sets_per_day",
                         g_variant_new_uint32 (report->plan.sets_per_day));
  g_variant_builder_add (&dict, "{sv}", "active",
                         g_variant_new_boolean (self->active
                                                && focus_plan_of (self)->id == report->plan.id));
  g_variant_builder_add (&dict, "{sv}", "drills", mobed_break_view_offers (offers, n));
  g_variant_builder_add (&dict, "{sv}", "total_reps", g_variant_new_uint32 (report->total_reps));
  g_variant_builder_add (&dict, "{sv}", "plan_days", g_variant_builder_end (&days));
  g_variant_builder_add (&dict, "{sv}", "ratings", g_variant_builder_end (&ratings));
  return g_variant_builder_end (&dict);
}

void
focus_begin (MobedDaemonFocus *self, const MobedFocusPlan *plan, MobedTime now)
{
  MobedDaemonFocus *f = self;
  g_autoptr(GDateTime) local = local_at (now.wall);
  guint resolved, done;
  gint64 last_end;
  char today[11];

  mobed_clock_local_date (now.wall, today);
  mobed_focus_log_day (mobed_break_log_history (self->hub.log), plan->id, today, now.wall, &resolved, &done,
                       &last_end);
  mobed_focus_day_init (&f->day, plan, local, resolved, done, last_end);
  f->active = TRUE;
}

static void
on_set_answered (const char *answer, gpointer user_data)
{
  MobedDaemonFocus *self = user_data;
  MobedEvent event;

  if (self->hub.answer_event (answer, &event, self->hub.user_data))
    self->hub.handle (&event, self->hub.user_data);
}

/* After a "worse": easier now (keep the old dose, or stop), or stop and
 * see someone; never "keep going" as it was. */
static void
advise_worse (MobedDaemonFocus *self, gboolean eased)
{
  const MobedNotifierAction easier[] = {
    /* TRANSLATORS: buttons after a focus plan was made easier */
    { "keep-dose", C_("button", "Keep the old dose") },
    { "end", C_("button", "Stop the plan") },
  };
  const MobedNotifierAction stop[] = {
    { "end", C_("button", "Stop the plan") },
  };

  if (eased)
    mobed_notifier_show_full (self->checkin_note, _("Easier from the next set"),
                              _("About a third fewer reps. Go slower and keep the movement "
                                "small. If it still feels worse, stop."),
                              easier, G_N_ELEMENTS (easier),
                              _("Answer with: mobectl focus --keep-dose · mobectl focus --stop"),
                              FALSE);
  else
    mobed_notifier_show_full (self->checkin_note, _("It feels worse: stop the plan"),
                              _("See a doctor or physiotherapist if the pain stays or spreads, "
                                "or comes with numbness, tingling or dizziness."),
                              stop, G_N_ELEMENTS (stop),
                              _("Answer with: mobectl focus --stop"), FALSE);
}

/* After the last day's answer: what now, as two buttons. */
static void
advise (MobedDaemonFocus *self, MobedRating rating)
{
  const MobedNotifierAction better[] = {
    /* TRANSLATORS: buttons after a focus plan that helped */
    { "end", C_("button", "End the plan") },
    { "extend", C_("button", "3 more days") },
  };
  const MobedNotifierAction not_better[] = {
    /* TRANSLATORS: buttons after a focus plan that did not help */
    { "end", C_("button", "Stop the plan") },
    { "extend", C_("button", "Keep going") },
  };
  gboolean good = rating == MOBED_RATING_BETTER;

  mobed_notifier_show_full (self->checkin_note,
                            good ? _("Good: it helps") : _("No better after these days"),
                            good ? _("End the plan here, or keep going a few more days?")
                                 : _("Dropping it is the sensible choice. Try other drills, "
                                     "or see someone if it persists."),
                            good ? better : not_better, 2,
                            _("Answer with: mobectl focus --stop · mobectl focus --extend 3"),
                            FALSE);
}

static void
on_checkin_answered (const char *answer, gpointer user_data)
{
  MobedDaemonFocus *self = user_data;
  g_autoptr(GError) error = NULL;
  MobedTime now = mobed_clock_now ();
  MobedRating rating = mobed_rating_from_string (answer);
  g_autoptr(GVariant) result = NULL;

  if (rating != MOBED_RATING_NONE)
    {
      result = focus_rate (self, rating, now, &error);
      if (result != NULL && rating == MOBED_RATING_WORSE)
        {
          const char *advice = NULL;

          g_variant_lookup (result, "advice", "&s", &advice);
          advise_worse (self, g_strcmp0 (advice, "eased") == 0);
        }
      else if (result != NULL && self->checkin_final)
        advise (self, rating);
      self->checkin_final = FALSE;
    }
  else if (g_str_equal (answer, "end") && self->active)
    focus_end_plan (self, now.wall, "ended at the check-in");
  else if (g_str_equal (answer, "extend"))
    focus_extend (self, EXTEND_DAYS, now, &error);
  else if (g_str_equal (answer, "keep-dose"))
    focus_keep_dose (self, now, &error);
  if (error != NULL)
    g_message ("Focus check-in answer '%s' not taken: %s", answer, error->message);
  self->hub.refresh (self->hub.user_data);
}

MobedDaemonFocus *
mobed_daemon_focus_new (const MobedFocusHub *hub, MobedTime now)
{
  MobedDaemonFocus *f = g_new0 (MobedDaemonFocus, 1);
  const MobedNotifierCallbacks set_callbacks = { on_set_answered, NULL };
  const MobedNotifierCallbacks checkin_callbacks = { on_checkin_answered, NULL };
  MobedHistory *history = mobed_break_log_history (hub->log);
  MobedFocusPlan plan;

  f->hub = *hub;
  f->ratings = g_array_new (FALSE, TRUE, sizeof (MobedFocusLogRating));
  f->set_note = mobed_notifier_new (&set_callbacks, f);
  f->checkin_note = mobed_notifier_new (&checkin_callbacks, f);
  if (mobed_focus_log_active (history, now.wall, &plan))
    {
      g_autoptr(MobedFocusReport) report = mobed_focus_log_report (history, now.wall);

      if (report != NULL && report->plan.id == plan.id)
        g_array_append_vals (f->ratings, report->ratings->data, report->ratings->len);
      focus_begin (f, &plan, now);
      g_message ("Focus plan for %s goes on (day %d of %u)", plan.target,
                 mobed_focus_day_index (&plan, f->day.day) + 1, plan.days);
    }
  return f;
}

void
mobed_daemon_focus_free (MobedDaemonFocus *f)
{
  if (f == NULL)
    return;
  g_clear_pointer (&f->set_note, mobed_notifier_free);
  g_clear_pointer (&f->checkin_note, mobed_notifier_free);
  g_array_unref (f->ratings);
  g_free (f);
}

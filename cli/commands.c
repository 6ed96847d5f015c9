/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * commands.c — mobectl's commands that act on the current break or pause:
 * parse the argument, make the call, say what happened. With --json each
 * ends by printing the status object, so scripts see one shape whatever
 * they changed.
 */
#include "cli/commands.h"

#include <glib/gi18n.h>

#include "cli/status.h"
#include "cli/text.h"
#include "core/duration.h"
#include "core/reasons.h"
#include "core/scheduler.h"

/* Runs a method with no reply, then fetches the properties for the report. */
static GVariant *
call_then_status (MobectlContext *ctx, const char *method, GVariant *params, int *ret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = mobectl_call (ctx, method, params, NULL, &error);
  GVariant *props;

  if (reply == NULL)
    {
      *ret = mobectl_bus_error (ctx, error);
      return NULL;
    }
  props = mobectl_get_all (ctx, &error);
  if (props == NULL)
    *ret = mobectl_bus_error (ctx, error);
  return props;
}

/* With --json the status object replaces the sentence. */
static int
report (MobectlContext *ctx, GVariant *props, const char *sentence)
{
  if (ctx->json)
    mobectl_status_print (props, TRUE);
  else
    g_print ("%s\n", sentence);
  return MOBECTL_EXIT_OK;
}

/* Out-of-range durations are usage errors too (exit 2), like bad syntax:
 * the limits are the scheduler's own, from core/scheduler.h. */
static gboolean
parse_duration (MobectlContext *ctx, const char *text, guint64 max, guint64 *seconds, int *ret)
{
  g_autoptr(GError) error = NULL;

  /* The user's languages, so a German speaker may type "20 Minuten". */
  if (!mobed_duration_parse_in (text, g_get_language_names (), seconds, &error))
    {
      *ret = mobectl_usage_error (ctx, "%s", error->message);
      return FALSE;
    }
  if (*seconds > max)
    {
      g_autofree char *longest = mobed_duration_format (max);
      /* TRANSLATORS: a duration too long for the command (snooze or pause) */
      *ret = mobectl_usage_error (ctx, _("'%s' is too long for %s (at most %s)"), text, ctx->verb,
                                  longest);
      return FALSE;
    }
  return TRUE;
}

int
mobectl_cmd_status (MobectlContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = NULL;

  if (ctx->follow)
    return mobectl_status_follow (ctx);
  props = mobectl_get_all (ctx, &error);
  if (props == NULL)
    return mobectl_bus_error (ctx, error);
  mobectl_status_print (props, ctx->json);
  return MOBECTL_EXIT_OK;
}

int
mobectl_cmd_now (MobectlContext *ctx, int argc, char **argv)
{
  int ret = MOBECTL_EXIT_OK;
  g_autoptr(GVariant) props = call_then_status (ctx, "TakeBreak", NULL, &ret);
  g_autofree char *line = NULL;
  g_autofree char *sentence = NULL;

  if (props == NULL)
    return ret;
  line = mobectl_status_break_line (props);
  sentence = g_strdup_printf (_("Break started: %s"), line ? line : _("(no drill)"));
  return report (ctx, props, sentence);
}

/* The focus set that Done, Snooze or Skip is about to answer, by mobed's
 * rule (one is up or snoozed, and no microbreak is), or NULL. Asked
 * before the call: afterwards the set is gone. */
static GVariant *
focus_set_to_answer (GVariant *props)
{
  g_autoptr(GVariant) brk = props != NULL ? mobectl_status_current_break (props) : NULL;

  return props != NULL && brk == NULL ? mobectl_status_focus_set (props) : NULL;
}

/* "Done: Neck circles · 40 each way (set 1 of 2 today, focus plan for
 * neck-pain)." or the same "Skipped:". */
static char *
focus_set_sentence (gboolean done, GVariant *set)
{
  g_autofree char *drills = mobectl_drills_line (set);
  g_autofree char *place = mobectl_focus_set_place (set);

  if (done)
    /* TRANSLATORS: after `mobectl done` answered a focus set: its drills,
     * then which set it was ("set 1 of 2 today, focus plan for neck-pain") */
    return g_strdup_printf (_("Done: %s (%s)."), drills, place);
  /* TRANSLATORS: after `mobectl skip` answered a focus set, as for done */
  return g_strdup_printf (_("Skipped: %s (%s)."), drills, place);
}

/* Done or Skip: the set they answered, or NULL for a microbreak. */
static GVariant *
answer (MobectlContext *ctx, const char *method, GVariant **set, int *ret)
{
  g_autoptr(GVariant) before = mobectl_get_all (ctx, NULL);

  *set = focus_set_to_answer (before);
  return call_then_status (ctx, method, NULL, ret);
}

int
mobectl_cmd_done (MobectlContext *ctx, int argc, char **argv)
{
  int ret = MOBECTL_EXIT_OK;
  g_autoptr(GVariant) set = NULL;
  g_autoptr(GVariant) props = answer (ctx, "Done", &set, &ret);
  g_autofree char *sentence = NULL;
  guint32 done = 0, goal = 0;

  if (props == NULL)
    return ret;
  if (set != NULL)
    {
      sentence = focus_set_sentence (TRUE, set);
      return report (ctx, props, sentence);
    }
  g_variant_lookup (props, "TodayDone", "u", &done);
  g_variant_lookup (props, "DailyGoal", "u", &goal);
  /* TRANSLATORS: breaks done today out of the daily goal; the plural follows the goal */
  sentence = g_strdup_printf (ngettext ("Done. %u of %u break today.",
                                        "Done. %u of %u breaks today.", goal), done, goal);
  return report (ctx, props, sentence);
}

int
mobectl_cmd_skip (MobectlContext *ctx, int argc, char **argv)
{
  int ret = MOBECTL_EXIT_OK;
  g_autoptr(GVariant) set = NULL;
  g_autoptr(GVariant) props = answer (ctx, "Skip", &set, &ret);
  g_autofree char *sentence = NULL;

  if (props == NULL)
    return ret;
  if (set == NULL)
    return report (ctx, props, _("Skipped."));
  sentence = focus_set_sentence (FALSE, set);
  return report (ctx, props, sentence);
}

int
mobectl_cmd_snooze (MobectlContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autofree char *length = NULL;
  g_autofree char *sentence = NULL;
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) set = NULL;
  guint64 seconds = 0;
  int ret = MOBECTL_EXIT_OK;

  if (argc == 1 && !parse_duration (ctx, argv[0], MOBED_SNOOZE_MAX_S, &seconds, &ret))
    return ret;
  before = mobectl_get_all (ctx, &error);
  if (argc == 0)
    {
      /* The default lives in the daemon's config, not in mobectl. */
      if (before == NULL)
        return mobectl_bus_error (ctx, error);
      g_variant_lookup (before, "SnoozeLength", "t", &seconds);
    }
  set = focus_set_to_answer (before);
  props = call_then_status (ctx, "Snooze", g_variant_new ("(t)", seconds), &ret);
  if (props == NULL)
    return ret;
  length = mobed_duration_format (seconds);
  {
    g_autoptr(GVariant) brk = g_variant_lookup_value (props, "CurrentBreak", NULL);
    g_autoptr(GVariant) now_set = mobectl_status_focus_set (props);
    gint64 until = 0;

    if (set != NULL && now_set != NULL)
      g_variant_lookup (now_set, "snoozed_until", "x", &until);
    else if (brk != NULL)
      g_variant_lookup (brk, "snoozed_until", "x", &until);
    if (set != NULL)
      {
        g_autofree char *drills = mobectl_drills_line (set);
        g_autofree char *place = mobectl_focus_set_place (set);
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until / G_USEC_PER_SEC);
        g_autofree char *clock = g_date_time_format (dt, "%H:%M");
        /* TRANSLATORS: after `mobectl snooze` put a focus set off: a length
         * such as 5m, a time of day, the set's drills and which set it is */
        sentence = g_strdup_printf (_("Snoozed the focus set for %s, until %s: %s (%s)."),
                                    length, clock, drills, place);
      }
    else if (until > 0)
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until / G_USEC_PER_SEC);
        g_autofree char *clock = g_date_time_format (dt, "%H:%M");
        /* TRANSLATORS: a length such as 5m, then a time of day */
        sentence = g_strdup_printf (_("Snoozed for %s, until %s."), length, clock);
      }
    else
      sentence = g_strdup_printf (_("Snoozed for %s."), length);
  }
  return report (ctx, props, sentence);
}

int
mobectl_cmd_another (MobectlContext *ctx, int argc, char **argv)
{
  int ret = MOBECTL_EXIT_OK;
  g_autoptr(GVariant) props = call_then_status (ctx, "Another", NULL, &ret);
  g_autofree char *line = NULL;
  g_autofree char *sentence = NULL;

  if (props == NULL)
    return ret;
  line = mobectl_status_break_line (props);
  /* TRANSLATORS: the drill that replaced the one offered before */
  sentence = g_strdup_printf (_("Now: %s"), line ? line : _("(no drill)"));
  return report (ctx, props, sentence);
}

/* Pauses for @seconds (0: until resumed) with @reason (NULL: none) and says
 * so; @meeting words it as a meeting. */
static int
pause_for (MobectlContext *ctx, guint64 seconds, const char *reason, gboolean meeting)
{
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *clock = NULL;
  gint64 until = 0;
  int ret = MOBECTL_EXIT_OK;

  if (reason != NULL && !mobed_pause_reason_check (reason, &error))
    return mobectl_usage_error (ctx, "%s", error->message);
  if (reason != NULL)
    props = call_then_status (ctx, "PauseWithReason", g_variant_new ("(ts)", seconds, reason),
                              &ret);
  else
    props = call_then_status (ctx, "Pause", g_variant_new ("(t)", seconds), &ret);
  if (props == NULL)
    return ret;
  g_variant_lookup (props, "PausedUntil", "x", &until);
  if (until > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until / G_USEC_PER_SEC);
      clock = g_date_time_format (dt, seconds < 20 * 3600 ? "%H:%M" : "%a %d %b %H:%M");
    }
  if (meeting)
    /* TRANSLATORS: %s is a time (and maybe a day) */
    sentence = g_strdup_printf (_("In a meeting until %s: no breaks till then."), clock);
  else if (seconds == 0)
    sentence = g_strdup (_("Paused until you run 'mobectl resume'."));
  else
    {
      g_autofree char *length = mobed_duration_format (seconds);
      /* TRANSLATORS: a length such as 1h30m, then a time (and maybe a day) */
      sentence = g_strdup_printf (_("Paused for %s, until %s."), length, clock);
    }
  if (reason != NULL && !meeting)
    {
      g_autofree char *said = g_steal_pointer (&sentence);
      /* TRANSLATORS: the sentence saying how long breaks are paused, then
       * the reason given with --reason */
      sentence = g_strdup_printf (_("%s Reason: %s."), said, mobectl_pause_reason_text (reason));
    }
  return report (ctx, props, sentence);
}

int
mobectl_cmd_pause (MobectlContext *ctx, int argc, char **argv)
{
  guint64 seconds = 0;   /* no argument: until `mobectl resume` */
  int ret = MOBECTL_EXIT_OK;

  if (argc == 1 && !parse_duration (ctx, argv[0], MOBED_PAUSE_MAX_S, &seconds, &ret))
    return ret;
  return pause_for (ctx, seconds, ctx->reason, FALSE);
}

int
mobectl_cmd_resume (MobectlContext *ctx, int argc, char **argv)
{
  int ret = MOBECTL_EXIT_OK;
  g_autoptr(GVariant) props = call_then_status (ctx, "Resume", NULL, &ret);
  g_autofree char *sentence = NULL;
  gint64 next = 0;

  if (props == NULL)
    return ret;
  g_variant_lookup (props, "NextBreak", "x", &next);
  if (next > 0)
    {
      g_autofree char *when = mobectl_when_text (next, g_get_real_time ());
      /* TRANSLATORS: %s is a time and how long until then: "14:05 (in 25 min)" */
      sentence = g_strdup_printf (_("Resumed. Next break at %s."), when);
    }
  else
    sentence = g_strdup (_("Resumed. A break is due now."));
  return report (ctx, props, sentence);
}

/* A meeting is a pause with the reason "meeting": an hour unless told, as
 * most meetings are, and a forgotten "meeting end" costs at most that. */
#define MEETING_DEFAULT_S 3600

int
mobectl_cmd_meeting (MobectlContext *ctx, int argc, char **argv)
{
  guint64 seconds = MEETING_DEFAULT_S;
  int ret = MOBECTL_EXIT_OK;

  if (argc == 1 && g_str_equal (argv[0], "end"))
    return mobectl_cmd_resume (ctx, 0, NULL);
  /* A length of zero is refused as a duration: a meeting always ends. */
  if (argc == 1 && !parse_duration (ctx, argv[0], MOBED_PAUSE_MAX_S, &seconds, &ret))
    return ret;
  return pause_for (ctx, seconds, MOBED_PAUSE_REASON_MEETING, TRUE);
}

int
mobectl_cmd_reload (MobectlContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = mobectl_call (ctx, "Reload", NULL, G_VARIANT_TYPE ("(as)"), &error);
  g_autoptr(GVariant) props = NULL;
  g_autofree const char **warnings = NULL;

  if (reply == NULL)
    return mobectl_bus_error (ctx, error);
  g_variant_get (reply, "(^a&s)", &warnings);
  for (const char **w = warnings; w != NULL && *w != NULL; w++)
    {
      /* TRANSLATORS: a problem mobed found in mobed.conf or drills.ini (in English) */
      g_printerr (_("mobectl: warning: %s"), *w);
      g_printerr ("\n");
    }
  if (!ctx->json)
    {
      g_print ("%s\n", _("Reloaded the configuration."));
      return MOBECTL_EXIT_OK;
    }
  props = mobectl_get_all (ctx, &error);
  if (props == NULL)
    return mobectl_bus_error (ctx, error);
  mobectl_status_print (props, TRUE);
  return MOBECTL_EXIT_OK;
}

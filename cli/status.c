/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * status.c — the status block and the one-line status. Reads only what the
 * daemon published; works out nothing but how to say it.
 */
#include "cli/status.h"

#include <glib/gi18n.h>

#include "cli/text.h"
#include "core/duration.h"

/* The status block's labels; the values start in one column, at least 13
 * characters in, further when a translated label is longer. */
enum { LABEL_STATE, LABEL_BREAK, LABEL_PAUSED, LABEL_REASON, LABEL_NEXT, LABEL_WAIT,
       LABEL_TODAY, LABEL_IDLE, LABEL_WARNING, LABEL_FOCUS_SET, LABEL_STEPS, N_LABELS };
static const char *const label_ids[N_LABELS] = {
  /* TRANSLATORS: the labels of `mobectl status`; the values line up after the longest.
   * "Reason:" is why breaks are paused ("meeting"); "Held by:" is followed by what will
   * hold the next break back, e.g. "do not disturb (dunst)" */
  N_("State:"), N_("Break:"), N_("Paused:"), N_("Reason:"), N_("Next break:"), N_("Held by:"),
  N_("Today:"), N_("Idle time:"), N_("Warning:"),
  /* TRANSLATORS: more labels of `mobectl status`: "Focus set:" is followed by
   * the focus set that is up, "Steps:" by the commands that show the drills'
   * steps, e.g. "mobectl drills neck-circles" */
  N_("Focus set:"), N_("Steps:"),
};
#define LABEL_MIN 13

/* Prints @id's label, padded to the value column. */
static void
print_label (int id)
{
  static int column = 0;
  g_autofree char *padded = NULL;

  if (column == 0)
    {
      const char *translated[N_LABELS + 1] = { NULL };
      for (int i = 0; i < N_LABELS; i++)
        translated[i] = _(label_ids[i]);
      column = mobectl_label_column (translated, 2, LABEL_MIN);
    }
  padded = mobectl_pad (_(label_ids[id]), column, FALSE);
  g_print ("%s", padded);
}

gint64
mobectl_prop_int64 (GVariant *props, const char *key)
{
  gint64 v = 0;

  g_variant_lookup (props, key, "x", &v);
  return v;
}

guint
mobectl_prop_uint (GVariant *props, const char *key)
{
  guint32 v = 0;

  g_variant_lookup (props, key, "u", &v);
  return v;
}

GVariant *
mobectl_status_current_break (GVariant *props)
{
  GVariant *brk = g_variant_lookup_value (props, "CurrentBreak", G_VARIANT_TYPE ("a{sv}"));

  if (brk != NULL && g_variant_n_children (brk) == 0)
    g_clear_pointer (&brk, g_variant_unref);
  return brk;
}

/* Why breaks are paused, or NULL when they are not or no reason was given. */
const char *
mobectl_status_pause_reason (GVariant *props)
{
  const char *reason = NULL;

  if (mobectl_prop_int64 (props, "PausedUntil") == 0
      || !g_variant_lookup (props, "PauseReason", "&s", &reason) || *reason == '\0')
    return NULL;
  return reason;
}

/* "do not disturb (dunst), camera in use", or NULL when nothing holds breaks. */
static char *
defer_text (GVariant *props)
{
  g_autofree const char **reasons = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  if (!g_variant_lookup (props, "DeferReasons", "^a&s", &reasons) || reasons[0] == NULL)
    return NULL;
  g_ptr_array_set_free_func (texts, g_free);
  for (const char **r = reasons; *r != NULL; r++)
    {
      const char *app = NULL;

      if (g_str_equal (*r, "microphone")
          && g_variant_lookup (props, "MicrophoneApp", "&s", &app) && *app != '\0')
        /* TRANSLATORS: a reason a break waits, then the application behind
         * it: "microphone in use (Firefox)" */
        g_ptr_array_add (texts, g_strdup_printf (C_("defer", "%s (%s)"),
                                                 mobectl_defer_reason_text (*r), app));
      else
        g_ptr_array_add (texts, g_strdup (mobectl_defer_reason_text (*r)));
    }
  g_ptr_array_add (texts, NULL);
  /* TRANSLATORS: the separator between reasons a break waits */
  return g_strjoinv (C_("defer", ", "), (char **) texts->pdata);
}

/* "deferred: camera in use" while a break is held, else the state word. */
static char *
state_text (GVariant *props)
{
  const char *state = "unknown";
  g_autofree char *why = defer_text (props);

  g_variant_lookup (props, "State", "&s", &state);
  if (g_str_equal (state, "deferred") && why != NULL)
    /* TRANSLATORS: the state, then why the break waits: "deferred: camera in use" */
    return g_strdup_printf (_("%s: %s"), mobectl_state_text (state), why);
  return g_strdup (mobectl_state_text (state));
}

char *
mobectl_when_text (gint64 when_us, gint64 now_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (when_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_us / G_USEC_PER_SEC);
  gint64 secs = MAX (0, (when_us - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  g_autofree char *clock = NULL;
  g_autofree char *delta = NULL;

  if (g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    clock = g_date_time_format (when, "%H:%M");
  else
    clock = g_date_time_format (when, "%a %d %b %H:%M");

  if (secs < 60)
    delta = g_strdup_printf ("%" G_GINT64_FORMAT " s", secs);
  else
    delta = mobed_duration_format_human ((guint64) (secs + 59) / 60 * 60);
  /* TRANSLATORS: a time and how long until then: "14:05 (in 25 min)" */
  return g_strdup_printf (_("%s (in %s)"), clock, delta);
}

char *
mobectl_status_break_line (GVariant *props)
{
  g_autoptr(GVariant) brk = mobectl_status_current_break (props);

  return brk != NULL ? mobectl_drills_line (brk) : NULL;
}

char *
mobectl_drills_line (GVariant *brk)
{
  g_autoptr(GVariant) drills = g_variant_lookup_value (brk, "drills", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  char *walk;

  walk = mobectl_status_walk_text (brk);
  if (walk != NULL)
    return walk;
  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *name = "?", *unit = NULL, *reps_text = "";
      g_autofree char *reps = NULL;
      guint32 n = 0;

      g_variant_lookup (d, "name", "&s", &name);
      /* reps_text is in English; from the count and unit it is said in
       * the user's language. */
      if (g_variant_lookup (d, "unit", "&s", &unit) && g_variant_lookup (d, "reps", "u", &n))
        reps = mobectl_reps_text (n, unit);
      else if (g_variant_lookup (d, "reps_text", "&s", &reps_text))
        reps = g_strdup (reps_text);
      g_ptr_array_add (parts, g_strdup_printf ("%s · %s", name, reps ? reps : ""));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" + ", (char **) parts->pdata);
}

/* Where mobed learns that the user stopped using the computer: the
 * IdleSource property in words, or NULL from a mobed too old to say. */
static const char *
idle_source_text (GVariant *props)
{
  static const struct { const char *name; const char *text; } sources[] = {
    /* TRANSLATORS: `mobectl status`, after "Idle time:": where it comes from */
    { "mutter",      N_("from GNOME (Mutter's idle monitor)") },
    { "screensaver", N_("from the desktop's screen saver service") },
    { "wayland",     N_("from the Wayland compositor (ext-idle-notify)") },
    { "x11",         N_("from the X server (its IDLETIME counter)") },
    { "logind",      N_("from logind's idle hint, when the desktop sets it") },
  };
  const char *name = NULL;

  if (!g_variant_lookup (props, "IdleSource", "&s", &name))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (name, sources[i].name))
      return _(sources[i].text);
  /* TRANSLATORS: `mobectl status`, after "Idle time:", when no idle source works */
  return _("not seen here, so natural breaks come only from locking the screen or sleep");
}

/* The focus set up or snoozed, then the commands that show the steps of
 * the microbreak's drills, or else of the set's. */
static void
print_focus_set (GVariant *props, gint64 now)
{
  g_autoptr(GVariant) set = mobectl_status_focus_set (props);
  g_autoptr(GVariant) brk = mobectl_status_current_break (props);
  g_autofree char *steps = NULL;

  if (set != NULL)
    {
      g_autofree char *text = mobectl_focus_set_text (set, now);
      print_label (LABEL_FOCUS_SET);
      g_print ("%s\n", text);
    }
  steps = brk != NULL ? mobectl_drills_steps_hint (brk)
                      : set != NULL ? mobectl_drills_steps_hint (set) : NULL;
  if (steps != NULL)
    {
      print_label (LABEL_STEPS);
      g_print ("%s\n", steps);
    }
}

/* Away, the next break has no clock time: it waits for the user. Until the
 * absence is long enough the count is kept; after that it starts over. */
static char *
away_next_text (GVariant *props, gint64 now)
{
  gint64 resets = mobectl_prop_int64 (props, "CountResetsAt");

  if (resets > 0)
    {
      g_autofree char *when = mobectl_when_text (resets, now);
      /* TRANSLATORS: `mobectl status` while away, after "Next break:"; %s is
       * a time and how long until then: "12:05 (in 2 min)" */
      return g_strdup_printf (_("counted on when you are back; away past %s, the count "
                                "starts over"), when);
    }
  /* TRANSLATORS: `mobectl status` while away, after "Next break:" */
  return g_strdup (_("a whole interval after you are back: being away started the "
                     "count over"));
}

void
mobectl_status_print_text (GVariant *props)
{
  gint64 now = g_get_real_time ();
  const char *state = "unknown";
  gint64 next = mobectl_prop_int64 (props, "NextBreak");
  gint64 paused = mobectl_prop_int64 (props, "PausedUntil");
  g_autofree char *line = mobectl_status_break_line (props);
  g_autofree char *shown_state = state_text (props);
  g_autofree char *why = defer_text (props);
  const char *reason = mobectl_status_pause_reason (props);

  g_variant_lookup (props, "State", "&s", &state);
  print_label (LABEL_STATE);
  g_print ("%s\n", shown_state);
  if (line != NULL)
    {
      g_autoptr(GVariant) brk = mobectl_status_current_break (props);
      gint64 until = 0;
      guint32 snoozes = 0;

      g_variant_lookup (brk, "snoozed_until", "x", &until);
      g_variant_lookup (brk, "snoozes", "u", &snoozes);
      print_label (LABEL_BREAK);
      if (until > 0)
        {
          g_autofree char *when = mobectl_when_text (until, now);
          g_print (_("%s (snoozed until %s)"), line, when);
        }
      else if (snoozes > 0)
        /* TRANSLATORS: the drills, then how many times the break was snoozed */
        g_print (_("%s (snoozed %u×)"), line, snoozes);
      else
        g_print ("%s", line);
      g_print ("\n");
    }
  print_focus_set (props, now);
  if (paused == -1)
    {
      print_label (LABEL_PAUSED);
      g_print ("%s\n", _("until you run 'mobectl resume'"));
    }
  else if (paused > 0)
    {
      g_autofree char *when = mobectl_when_text (paused, now);
      print_label (LABEL_PAUSED);
      /* TRANSLATORS: paused until a time */
      g_print (_("until %s"), when);
      g_print ("\n");
    }
  if (reason != NULL)
    {
      print_label (LABEL_REASON);
      g_print ("%s\n", mobectl_pause_reason_text (reason));
    }
  if (next > 0 && line == NULL)
    {
      g_autofree char *when = mobectl_when_text (next, now);
      g_autofree char *walk = mobectl_status_next_walk_text (props, now);
      print_label (LABEL_NEXT);
      g_print ("%s%s\n", when, walk != NULL ? walk : "");
    }
  else if (g_str_equal (state, "away") && line == NULL)
    {
      g_autofree char *text = away_next_text (props, now);
      print_label (LABEL_NEXT);
      g_print ("%s\n", text);
    }
  /* Do not disturb before a break is due: the next one will wait. */
  if (why != NULL && !g_str_equal (state, "deferred"))
    {
      print_label (LABEL_WAIT);
      g_print ("%s\n", why);
    }
  {
    guint done = mobectl_prop_uint (props, "TodayDone");
    guint goal = mobectl_prop_uint (props, "DailyGoal");
    print_label (LABEL_TODAY);
    /* TRANSLATORS: breaks done today out of the daily goal; the plural follows the goal */
    g_print (ngettext ("%u of %u break done", "%u of %u breaks done", goal), done, goal);
    g_print ("\n");
  }
  if (idle_source_text (props) != NULL)
    {
      print_label (LABEL_IDLE);
      g_print ("%s\n", idle_source_text (props));
    }
  {
    g_autofree const char **warnings = NULL;
    if (g_variant_lookup (props, "Warnings", "^a&s", &warnings))
      for (const char **w = warnings; *w != NULL; w++)
        {
          print_label (LABEL_WARNING);
          g_print ("%s\n", *w);
        }
  }
}

static char *
clock_text (gint64 us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_day_of_year (dt) == g_date_time_get_day_of_year (now)
      && g_date_time_get_year (dt) == g_date_time_get_year (now))
    return g_date_time_format (dt, "%H:%M");
  return g_date_time_format (dt, "%a %H:%M");
}

char *
mobectl_status_line (GVariant *props)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *drills = mobectl_status_break_line (props);
  g_autoptr(GVariant) brk = mobectl_status_current_break (props);
  g_autoptr(GVariant) set = mobectl_status_focus_set (props);
  g_autofree char *state = state_text (props);
  gint64 next = mobectl_prop_int64 (props, "NextBreak");
  gint64 paused = mobectl_prop_int64 (props, "PausedUntil");
  gint64 snoozed = 0;
  const char *word = NULL;

  if (brk != NULL)
    g_variant_lookup (brk, "snoozed_until", "x", &snoozed);
  g_string_append (line, state);
  if (paused > 0 || snoozed > 0)
    {
      g_autofree char *when = clock_text (paused > 0 ? paused : snoozed);
      g_string_append_c (line, ' ');
      g_string_append_printf (line, _("until %s"), when);
    }
  if (mobectl_status_pause_reason (props) != NULL)
    g_string_append_printf (line, " · %s",
                            mobectl_pause_reason_text (mobectl_status_pause_reason (props)));
  if (drills != NULL)
    g_string_append_printf (line, " · %s", drills);
  else if (set != NULL)
    {
      g_autofree char *text = mobectl_focus_set_short (set);
      g_string_append_printf (line, " · %s", text);
    }
  else if (next > 0)
    {
      g_autofree char *when = clock_text (next);
      g_string_append (line, " · ");
      /* TRANSLATORS: in the one-line status for status bars */
      g_string_append_printf (line, _("next break %s"), when);
    }
  else if (g_variant_lookup (props, "State", "&s", &word) && g_str_equal (word, "away"))
    {
      gint64 resets = mobectl_prop_int64 (props, "CountResetsAt");

      g_string_append (line, " · ");
      if (resets > 0)
        {
          g_autofree char *when = clock_text (resets);
          /* TRANSLATORS: in the one-line status while away: a time of day */
          g_string_append_printf (line, _("count resets if away past %s"), when);
        }
      else
        /* TRANSLATORS: in the one-line status while away, long enough that
         * the next break is a whole interval after the user returns */
        g_string_append (line, _("back to work resets the count"));
    }
  g_string_append (line, " · ");
  /* TRANSLATORS: in the one-line status for status bars: done/goal today */
  g_string_append_printf (line, _("%u/%u today"), mobectl_prop_uint (props, "TodayDone"),
                          mobectl_prop_uint (props, "DailyGoal"));
  return g_string_free (g_steal_pointer (&line), FALSE);
}

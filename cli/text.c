/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.c — mobectl's words in the user's language. The daemon's state and
 * outcome words are API values: JSON, CSV and D-Bus keep them in English,
 * and only what a person reads goes through these tables.
 */
#include "cli/text.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mobed-config.h"

typedef struct {
  const char *word;       /* as on D-Bus */
  const char *text;       /* NC_() marked, translated at use */
} Word;

static const Word states[] = {
  /* TRANSLATORS: mobed's states, as `mobectl status` shows them */
  { "working",   NC_("state", "working") },
  { "due",       NC_("state", "due") },
  { "snoozed",   NC_("state", "snoozed") },
  { "paused",    NC_("state", "paused") },
  { "away",      NC_("state", "away") },
  { "deferred",  NC_("state", "deferred") },
  { "off-hours", NC_("state", "off-hours") },
  { "unknown",   NC_("state", "unknown") },
  /* TRANSLATORS: status --follow, when mobed is not running */
  { "stopped",   NC_("state", "stopped") },
};

static const Word outcomes[] = {
  /* TRANSLATORS: how a break ended, in `mobectl history` */
  { "done",      NC_("outcome", "done") },
  { "skipped",   NC_("outcome", "skipped") },
  { "dismissed", NC_("outcome", "dismissed") },
  { "missed",    NC_("outcome", "missed") },
  { "natural",   NC_("outcome", "natural") },
  { "none",      NC_("outcome", "none") },
};

static const Word defer_reasons[] = {
  /* TRANSLATORS: why a due break waits, in `mobectl status` after "deferred:" */
  { "gnome-dnd",               NC_("defer", "do not disturb (GNOME)") },
  { "notifications-inhibited", NC_("defer", "do not disturb (notification server)") },
  { "dunst-paused",            NC_("defer", "do not disturb (dunst)") },
  { "xfce-dnd",                NC_("defer", "do not disturb (Xfce)") },
  { "fullscreen",              NC_("defer", "fullscreen window") },
  { "camera",                  NC_("defer", "camera in use") },
  { "gnome-app-off",           NC_("defer", "mobed's notifications are off (GNOME settings)") },
  { "xfce-app-muted",          NC_("defer", "mobed is muted (Xfce notification settings)") },
  { "mako-dnd",                NC_("defer", "do not disturb (mako)") },
  { "microphone",              NC_("defer", "microphone in use") },
  { "screen-share",            NC_("defer", "screen shared") },
};

static const char *
lookup (const Word *table, gsize n, const char *context, const char *word)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (table[i].word, word) == 0)
      return g_dpgettext2 (NULL, context, table[i].text);
  return word;
}

const char *
mobectl_state_text (const char *state)
{
  return lookup (states, G_N_ELEMENTS (states), "state", state);
}

const char *
mobectl_outcome_text (const char *outcome)
{
  return lookup (outcomes, G_N_ELEMENTS (outcomes), "outcome", outcome);
}

const char *
mobectl_pause_reason_text (const char *reason)
{
  /* The reason mobectl itself gives is said in the user's language; one
   * the user typed stays as typed. */
  if (g_strcmp0 (reason, "meeting") == 0)
    /* TRANSLATORS: the reason `mobectl meeting` pauses breaks for */
    return C_("pause reason", "meeting");
  return reason;
}

const char *
mobectl_defer_reason_text (const char *reason)
{
  return lookup (defer_reasons, G_N_ELEMENTS (defer_reasons), "defer", reason);
}

char *
mobectl_reps_text (guint reps, const char *unit)
{
  /* The same words as the notification's (daemon/notify/break-view.c). */
  if (g_strcmp0 (unit, "per-side") == 0)
    /* TRANSLATORS: repetitions of a drill done on the left, then on the right */
    return g_strdup_printf (ngettext ("%u per side", "%u per side", reps), reps);
  if (g_strcmp0 (unit, "each-way") == 0)
    /* TRANSLATORS: repetitions of a drill done in one direction, then the other */
    return g_strdup_printf (ngettext ("%u each way", "%u each way", reps), reps);
  return g_strdup_printf (ngettext ("%u time", "%u times", reps), reps);
}

int
mobectl_text_width (const char *text)
{
  return (int) g_utf8_strlen (text, -1);
}

char *
mobectl_pad (const char *text, int width, gboolean right)
{
  int fill = MAX (0, width - mobectl_text_width (text));
  g_autofree char *spaces = g_strnfill ((gsize) fill, ' ');

  return right ? g_strconcat (spaces, text, NULL) : g_strconcat (text, spaces, NULL);
}

int
mobectl_label_column (const char *const *labels, int gap, int min)
{
  int width = 0;

  for (const char *const *l = labels; *l != NULL; l++)
    width = MAX (width, mobectl_text_width (*l));
  return MAX (min, width + gap);
}

/* The parts of the user's locale every command needs (the terminal's
 * character set, messages, day and month names), and mobed's message
 * catalog: the installed one, or MOBED_LOCALEDIR's when running from a
 * build tree (<build>/po). The rest of the locale (numbers, collation, …)
 * is loaded only for the commands that use it: loading every category was
 * a tenth of what `mobectl status` costs. */
void
mobectl_init_i18n (void)
{
  const char *dir = g_getenv ("MOBED_LOCALEDIR");

  setlocale (LC_CTYPE, "");
  setlocale (LC_MESSAGES, "");
  setlocale (LC_TIME, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

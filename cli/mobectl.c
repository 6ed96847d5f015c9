/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mobectl.c — the command line for mobed: global options, the verb table
 * and --help. Each command is a function in commands.c; this file only
 * picks one and checks its argument count.
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "mobed-config.h"
#include "cli/commands.h"
#include "cli/text.h"
#include "core/suggest.h"

/* The texts are marked N_() here and translated where they are printed. */
typedef struct {
  const char *name;
  int         min_args, max_args;
  int       (*run) (MobectlContext *ctx, int argc, char **argv);
  const char *args;        /* shown after the name in usage lines, or NULL */
  const char *summary;     /* its line in --help */
  const char *details;     /* more for `mobectl VERB --help`, or NULL */
  gboolean    duration;    /* its argument is a DURATION: explain the syntax */
} MobectlVerb;

/* TRANSLATORS: in `mobectl snooze --help` and `mobectl pause --help`; keep
 * the compact examples and the units s, m, h, d as they are; in German
 * mobectl also reads Sekunden, Minuten, Stunden, Tage and "1,5 h" */
#define DURATION_HELP \
  N_("DURATION is like 90s, 5m, 1h30m or 1:30 (hours:minutes); units are s, m, h, d.\n" \
     "Spaces, words and decimals work too: 5 min, 1h 30m, 20 minutes, 1.5 hours.")

/* "1 hour and 30 minutes": the longest duration people write in words. */
#define DURATION_WORDS_MAX 5

/* The first entry runs when no command is given. */
static const MobectlVerb verbs[] = {
  { "status", 0, 0, mobectl_cmd_status, NULL,
    N_("Show the state, the next break and today's count"),
    /* TRANSLATORS: keep the option names; align the descriptions yourself */
    N_("Options for status:\n"
       "  --follow          print one line each time the status changes, until\n"
       "                    interrupted (with --json, one JSON object per line);\n"
       "                    for status bars such as waybar, i3blocks, polybar"), FALSE },
  { "now", 0, 0, mobectl_cmd_now, NULL,
    N_("Start a break now"), NULL, FALSE },
  { "done", 0, 0, mobectl_cmd_done, NULL,
    N_("Mark the current break as done"), NULL, FALSE },
  { "skip", 0, 0, mobectl_cmd_skip, NULL,
    N_("Skip the current break"), NULL, FALSE },
  /* TRANSLATORS: [DURATION], [ID]: the placeholders after a command's name */
  { "snooze", 0, 1, mobectl_cmd_snooze, N_("[DURATION]"),
    N_("Put the current break off (default: snooze in mobed.conf)"), NULL, TRUE },
  { "another", 0, 0, mobectl_cmd_another, NULL,
    N_("Swap the current break's drill for a different one"), NULL, FALSE },
  { "pause", 0, 1, mobectl_cmd_pause, N_("[DURATION]"),
    N_("Pause breaks for DURATION, or until resume"),
    /* TRANSLATORS: keep the option name; align the description yourself */
    N_("Without DURATION breaks stay paused until 'mobectl resume'.\n"
       "A pause survives a restart of mobed.\n"
       "\n"
       "Options for pause:\n"
       "  --reason TEXT     say why (one line, at most 64 characters); status\n"
       "                    shows it and the history keeps it"), TRUE },
  { "resume", 0, 0, mobectl_cmd_resume, NULL,
    N_("End a pause"), NULL, FALSE },
  { "meeting", 0, 1, mobectl_cmd_meeting, N_("[DURATION]"),
    /* TRANSLATORS: keep 'meeting end': mobectl reads it */
    N_("No breaks during a meeting (1h unless DURATION); 'meeting end' ends it"),
    N_("A meeting is a pause with the reason 'meeting'; 'mobectl meeting end'\n"
       "ends it, as 'mobectl resume' does."), TRUE },
  { "reload", 0, 0, mobectl_cmd_reload, NULL,
    N_("Make mobed read mobed.conf and drills.ini again and report problems"), NULL, FALSE },
  { "drills", 0, 1, mobectl_cmd_drills, N_("[ID]"),
    N_("List the drills, or show one with its steps"),
    /* TRANSLATORS: keep the option names and the words in parentheses after
     * --region and --setting (mobectl reads them); align the descriptions */
    N_("Options for drills:\n"
       "  --region REGION   only drills that move REGION (neck, shoulders, upper-back,\n"
       "                    chest, low-back, hips, legs, ankles-feet, wrists-forearms,\n"
       "                    breathing)\n"
       "  --for TAG         only drills good for TAG (neck-pain, typists, ...)\n"
       "  --setting WHERE   only drills you can do WHERE (seated, standing, space,\n"
       "                    doorway, surface, floor)\n"
       "  --open            with ID: show the drill's picture in the desktop's\n"
       "                    image viewer"), FALSE },
  { "stats", 0, 0, mobectl_cmd_stats, NULL,
    N_("Today at a glance and the last days: breaks, streak, regions"),
    N_("Options for stats:\n"
       "  --week            the last 7 days (the default)\n"
       "  --month           the last 30 days\n"
       "  --days N          the last N days (1 to 3660)\n"
       "  --heatmap         the last 12 weeks as a calendar grid\n"
       "  --svg FILE        write the chart, heatmap and regions as an SVG picture"), FALSE },
  { "history", 0, 0, mobectl_cmd_history, NULL,
    N_("The log of breaks and pauses, newest first"),
    /* TRANSLATORS: keep the option names; align the descriptions yourself */
    N_("Options for history:\n"
       "  --limit N         at most N entries (default 20; 0 for all)\n"
       "  --since DATE      entries from DATE (YYYY-MM-DD, local) on\n"
       "  --pauses          only the pauses: when, how long, and why\n"
       "  --csv             comma-separated values with a header row\n"
       "The table shows the pauses among the breaks; --json and --csv give\n"
       "the breaks only, or with --pauses the pauses only."), FALSE },
  /* TRANSLATORS: the placeholder after 'config' in usage lines */
  { "config", 0, 8, mobectl_cmd_config, N_("[ACTION]"),
    N_("Show every setting in force, or change mobed.conf"),
    /* TRANSLATORS: keep the words set, unset, edit, keys and the examples */
    N_("Without ACTION: every setting in force, grouped as in mobed.conf,\n"
       "with where it comes from (the default or a line of mobed.conf).\n"
       "ACTION is one of:\n"
       "  set KEY VALUE     check VALUE by mobed's rules, then write it to\n"
       "                    mobed.conf (comments and order kept); mobed reloads\n"
       "  unset KEY         remove KEY from mobed.conf: back to its default\n"
       "  edit              open mobed.conf in $VISUAL or $EDITOR; it is checked\n"
       "                    after saving, and you may edit again if it has errors\n"
       "  keys              list every KEY\n"
       "KEY is GROUP.KEY, like schedule.interval, or just the key when only one\n"
       "group has it: 'mobectl config set interval 20m'."), FALSE },
  /* TRANSLATORS: [TAG...]: good-for tags (problems) or drill ids */
  { "focus", 0, 8, mobectl_cmd_focus, N_("[TAG...]"),
    N_("Show, start or end a focus plan: whole sets for one problem, for a few days"),
    /* TRANSLATORS: keep the option names and the words better, same, worse */
    N_("Options for focus:\n"
       "  --sets N          sets a day, 1 to 3 (default 2)\n"
       "  --reps N          reps a set for every drill, 5 to 100 (default: each\n"
       "                    drill's own focus reps)\n"
       "  --days N          how many days, 1 to 14 (default 3)\n"
       "  --yes             start without asking\n"
       "  --stop            end the running plan\n"
       "  --extend N        add N days to the running (or just ended) plan\n"
       "  --keep-dose       keep the dose a \"worse\" answer lowered\n"
       "Without arguments: the running plan and today's sets.\n"
       "TAG is a problem drills are good for (see mobectl drills), e.g. neck-pain,\n"
       "or a drill id.\n"
       "'mobectl focus rate better|same|worse' answers the check-in."), FALSE },
};

/* Options that belong to one command; some take a value. */
typedef struct {
  const char  *name;
  const char  *verb;
  gboolean     takes_value;
  gsize        offset;        /* const char * or gboolean in MobectlContext */
} VerbOption;

#define VALUE(n, v, f) { n, v, TRUE, G_STRUCT_OFFSET (MobectlContext, f) }
#define FLAG(n, v, f)  { n, v, FALSE, G_STRUCT_OFFSET (MobectlContext, f) }

static const VerbOption verb_options[] = {
  FLAG ("--follow", "status", follow),
  VALUE ("--reason", "pause", reason),
  VALUE ("--region", "drills", region),
  VALUE ("--for", "drills", good_for),
  VALUE ("--setting", "drills", setting),
  FLAG ("--open", "drills", open),
  FLAG ("--week", "stats", week),
  FLAG ("--month", "stats", month),
  VALUE ("--days", "stats", days),
  FLAG ("--heatmap", "stats", heatmap),
  VALUE ("--svg", "stats", svg),
  VALUE ("--limit", "history", limit),
  VALUE ("--since", "history", since),
  FLAG ("--pauses", "history", pauses),
  FLAG ("--csv", "history", csv),
  VALUE ("--sets", "focus", sets),
  VALUE ("--reps", "focus", reps),
  VALUE ("--days", "focus", days),
  FLAG ("--yes", "focus", yes),
  FLAG ("--stop", "focus", stop),
  VALUE ("--extend", "focus", extend),
  FLAG ("--keep-dose", "focus", keep_dose),
};

/* The global options, in every --help. */
static const struct { const char *names; const char *help; } global_options[] = {
  { "--json", N_("Print the result as one JSON object") },
  { "-h, --help", N_("Show help (for a command: mobectl COMMAND --help)") },
  { "--version", N_("Print mobectl's version") },
};

static void
print_options_help (void)
{
  g_print ("%s\n", _("Options:"));
  for (gsize i = 0; i < G_N_ELEMENTS (global_options); i++)
    g_print ("  %-12s %s\n", global_options[i].names, _(global_options[i].help));
}

/* "snooze [DURATION]", its placeholder translated. */
static char *
verb_usage (const MobectlVerb *verb)
{
  if (verb->args == NULL)
    return g_strdup (verb->name);
  return g_strconcat (verb->name, " ", _(verb->args), NULL);
}

static void
print_help (void)
{
  g_autoptr(GPtrArray) usages = g_ptr_array_new_with_free_func (g_free);
  int column = 18;

  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      char *usage = verb_usage (&verbs[i]);
      g_ptr_array_add (usages, usage);
      column = MAX (column, mobectl_text_width (usage) + 1);
    }
  g_print ("%s\n\n%s\n\n%s\n",
           _("Usage: mobectl [OPTION...] [COMMAND] [ARGUMENT]"),
           _("Talk to mobed, the movement-break daemon. Without a command, shows the status."),
           /* TRANSLATORS: the heading of the list of commands in --help */
           _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autofree char *padded = mobectl_pad (usages->pdata[i], column, FALSE);
      g_print ("  %s %s\n", padded, _(verbs[i].summary));
    }
  g_print ("\n");
  print_options_help ();
  g_print ("\n%s\n",
           _("Exit status: 0 on success, 1 if mobed refused or could not be reached,\n"
             "2 on a usage error."));
}

static void
print_verb_help (const MobectlVerb *verb)
{
  g_autofree char *usage = verb_usage (verb);

  /* TRANSLATORS: %s is a command with its placeholder, such as "snooze [DURATION]" */
  g_print (_("Usage: mobectl %s"), usage);
  g_print ("\n\n%s.\n", _(verb->summary));
  if (verb->duration)
    g_print ("%s\n", _(DURATION_HELP));
  /* An option list is set apart by a blank line; a sentence follows on. */
  if (verb->details != NULL)
    g_print ("%s%s\n", g_str_has_prefix (verb->details, "Options") ? "\n" : "",
             _(verb->details));
  g_print ("\n");
  print_options_help ();
}

static const MobectlVerb *
find_verb (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verbs[i].name, name))
      return &verbs[i];
  return NULL;
}

/* The command nearest to a mistyped @name, or NULL. */
static const char *
nearest_verb (const char *name)
{
  const char *names[G_N_ELEMENTS (verbs) + 1];

  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    names[i] = verbs[i].name;
  names[G_N_ELEMENTS (verbs)] = NULL;
  return mobed_suggest (name, names);
}

/* The option nearest to a mistyped @arg ("--regoin=neck"), or NULL. */
static const char *
nearest_option (const char *arg)
{
  const char *names[G_N_ELEMENTS (verb_options) + 4];
  g_autofree char *name = g_strndup (arg, strcspn (arg, "="));
  gsize n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (verb_options); i++)
    names[n++] = verb_options[i].name;
  names[n++] = "--json";
  names[n++] = "--help";
  names[n++] = "--version";
  names[n] = NULL;
  return mobed_suggest (name, names);
}

/* "--region" and "--region=neck" both name --region. An option two
 * commands share (--days) is @verb's own when @verb has it. */
static const VerbOption *
find_verb_option (const char *arg, const char *verb)
{
  const VerbOption *found = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (verb_options); i++)
    {
      const VerbOption *o = &verb_options[i];
      gsize len = strlen (o->name);
      if (strncmp (arg, o->name, len) == 0
          && (arg[len] == '\0' || (arg[len] == '=' && o->takes_value)))
        {
          if (verb != NULL && g_str_equal (o->verb, verb))
            return o;
          if (found == NULL)
            found = o;
        }
    }
  return found;
}

int
main (int argc, char **argv)
{
  MobectlContext ctx = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const MobectlVerb *verb = NULL;
  gboolean help = FALSE, options_done = FALSE;
  const VerbOption *option_verb = NULL;
  g_autofree char *joined_duration = NULL;
  int ret;

  mobectl_init_i18n ();
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (options_done || a[0] != '-' || a[1] == '\0')
        g_ptr_array_add (args, argv[i]);
      else if (g_str_equal (a, "--"))
        options_done = TRUE;
      else if (g_str_equal (a, "--json"))
        ctx.json = TRUE;
      else if (g_str_equal (a, "-h") || g_str_equal (a, "--help"))
        help = TRUE;
      else if (find_verb_option (a, NULL) != NULL)
        {
          const VerbOption *opt = find_verb_option (a, args->len > 0 ? args->pdata[0] : NULL);

          if (opt->takes_value)
            {
              const char *eq = strchr (a, '=');
              const char *value = eq != NULL ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);

              if (value == NULL || *value == '\0')
                {
                  ctx.verb = opt->verb;      /* the hint points at its command's help */
                  return mobectl_usage_error (&ctx, _("'%s' needs a value"), opt->name);
                }
              G_STRUCT_MEMBER (const char *, &ctx, opt->offset) = value;
            }
          else
            G_STRUCT_MEMBER (gboolean, &ctx, opt->offset) = TRUE;
          if (option_verb != NULL && !g_str_equal (option_verb->verb, opt->verb))
            return mobectl_usage_error (&ctx, _("'%s' and '%s' belong to different commands"),
                                        option_verb->name, opt->name);
          option_verb = opt;
        }
      else if (g_str_equal (a, "--version"))
        {
          g_print ("mobectl %s\n", MOBED_VERSION);
          return MOBECTL_EXIT_OK;
        }
      else
        {
          const char *near;

          /* A verb seen earlier makes the hint point at its own help. */
          if (args->len > 0 && find_verb (args->pdata[0]) != NULL)
            ctx.verb = args->pdata[0];
          near = nearest_option (a);
          if (near != NULL)
            /* TRANSLATORS: a mistyped option, then the option it is close to */
            return mobectl_usage_error (&ctx, _("unknown option '%s' (did you mean '%s'?)"),
                                        a, near);
          return mobectl_usage_error (&ctx, _("unknown option '%s'"), a);
        }
    }

  if (args->len > 0)
    {
      verb = find_verb (args->pdata[0]);
      if (verb == NULL)
        {
          const char *near = nearest_verb (args->pdata[0]);

          if (near != NULL)
            /* TRANSLATORS: a mistyped command, then the command it is close to */
            return mobectl_usage_error (&ctx, _("unknown command '%s' (did you mean '%s'?)"),
                                        (char *) args->pdata[0], near);
          return mobectl_usage_error (&ctx, _("unknown command '%s'"), (char *) args->pdata[0]);
        }
      g_ptr_array_remove_index (args, 0);
    }
  if (verb == NULL)
    {
      if (help)
        {
          print_help ();
          return MOBECTL_EXIT_OK;
        }
      verb = &verbs[0];
    }
  ctx.verb = verb->name;
  /* "snooze 1h 30m" and "pause 20 minutes": a duration may come as words
   * the shell split apart, so they are read back as one text. */
  if (g_str_equal (verb->name, "meeting") && args->len > 1
      && g_str_equal (args->pdata[0], "end"))
    /* TRANSLATORS: keep 'meeting end'; %s is what came after it */
    return mobectl_usage_error (&ctx, _("'meeting end' takes nothing after it (got '%s')"),
                                (char *) args->pdata[1]);
  if (verb->duration && args->len > DURATION_WORDS_MAX)
    /* TRANSLATORS: %s is a command such as snooze; %d the most words a duration may have */
    return mobectl_usage_error (&ctx, _("'%s' takes one duration, of at most %d words"),
                                verb->name, DURATION_WORDS_MAX);
  if (verb->duration && args->len > 1)
    {
      g_ptr_array_add (args, NULL);          /* g_strjoinv needs the end marked */
      joined_duration = g_strjoinv (" ", (char **) args->pdata);
      g_ptr_array_set_size (args, 0);
      g_ptr_array_add (args, joined_duration);
    }
  if (option_verb != NULL && !g_str_equal (option_verb->verb, verb->name))
    {
      ctx.verb = option_verb->verb;      /* the hint points at the right help */
      return mobectl_usage_error (&ctx, _("'%s' only works with 'mobectl %s'"),
                                  option_verb->name, option_verb->verb);
    }
  if (help)
    {
      print_verb_help (verb);
      return MOBECTL_EXIT_OK;
    }
  if ((int) args->len < verb->min_args || (int) args->len > verb->max_args)
    {
      if (verb->max_args == 0)
        return mobectl_usage_error (&ctx, _("'%s' takes no arguments (got '%s')"),
                                    verb->name, (char *) args->pdata[0]);
      return mobectl_usage_error (&ctx, ngettext ("'%s' takes at most %d argument",
                                                  "'%s' takes at most %d arguments",
                                                  verb->max_args),
                                  verb->name, verb->max_args);
    }

  if (!mobectl_read_timeout (&ctx))
    return MOBECTL_EXIT_USAGE;
  /* status prints words, times and whole numbers only. */
  if (verb->run != mobectl_cmd_status)
    setlocale (LC_ALL, "");
  ret = verb->run (&ctx, (int) args->len, (char **) args->pdata);
  g_clear_object (&ctx.bus);
  return ret;
}

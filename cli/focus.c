/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus.c — `mobectl focus`: show, start, stop, extend and rate a rehab
 * focus plan. Numbers are checked here against the same bounds the daemon
 * uses, so a typo is a usage error before anything reaches the bus; a
 * problem or drill the daemon does not know is a usage error too.
 */
#include "cli/commands.h"
#include "cli/json-out.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/text.h"
#include "core/focus.h"

/* Reads @text as a whole number in [lo, hi]; else a usage error's exit code
 * in *@ret. */
static gboolean
read_number (MobectlContext *ctx, const char *option, const char *text, guint lo, guint hi,
             guint *value, int *ret)
{
  guint64 n;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, lo, hi, &n, NULL))
    {
      /* TRANSLATORS: e.g. "--sets must be a number from 1 to 3, not '0'" */
      *ret = mobectl_usage_error (ctx, _("%s must be a number from %u to %u, not '%s'"),
                                  option, lo, hi, text);
      return FALSE;
    }
  *value = (guint) n;
  return TRUE;
}

static const char *
str (GVariant *dict, const char *key)
{
  const char *s = "";

  g_variant_lookup (dict, key, "&s", &s);
  return s;
}

static guint
num (GVariant *dict, const char *key)
{
  guint32 n = 0;

  g_variant_lookup (dict, key, "u", &n);
  return n;
}

static gint64
when (GVariant *dict, const char *key)
{
  gint64 t = 0;

  g_variant_lookup (dict, key, "x", &t);
  return t;
}

static char *
clock_text (gint64 unix_us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (unix_us / G_USEC_PER_SEC);

  return t != NULL ? g_date_time_format (t, "%H:%M") : g_strdup ("?");
}

static void
print_drills (GVariant *plan)
{
  g_autoptr(GVariant) drills = g_variant_lookup_value (plan, "drills", G_VARIANT_TYPE ("aa{sv}"));

  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      g_autofree char *reps = mobectl_reps_text (num (d, "reps"), str (d, "unit"));

      g_print ("  %s · %s   (%s)\n", str (d, "name"), reps, str (d, "id"));
    }
}

static void
print_plan (GVariant *plan, gboolean running)
{
  guint64 seconds = 0;
  g_autoptr(GVariant) ratings = g_variant_lookup_value (plan, "ratings", G_VARIANT_TYPE ("a(us)"));

  g_variant_lookup (plan, "set_seconds", "t", &seconds);
  /* TRANSLATORS: %s is what the plan is for, e.g. "neck-pain" */
  g_print (_("Focus plan for %s:"), str (plan, "target"));
  g_print ("\n");
  print_drills (plan);
  /* TRANSLATORS: e.g. "2 sets a day", then " for 3 days", then ", about 4 min a set" */
  g_print (ngettext ("%u set a day", "%u sets a day", num (plan, "sets_per_day")),
           num (plan, "sets_per_day"));
  g_print (ngettext (" for %u day", " for %u days", num (plan, "days")), num (plan, "days"));
  g_print (_(", about %u min a set"), (guint) ((seconds + 59) / 60));
  g_print ("\n");
  if (!running)
    return;
  /* TRANSLATORS: e.g. "Day 2 of 3 · today 1 of 2 sets done" */
  g_print (_("Day %u of %u · today %u of %u sets done"), num (plan, "day"), num (plan, "days"),
           num (plan, "today_done"), num (plan, "sets_per_day"));
  g_print ("\n");
  if (g_str_equal (str (plan, "set_state"), "shown"))
    g_print ("%s\n", _("A set is up now: mobectl done when it is done"));
  else if (when (plan, "next_set") != 0 && when (plan, "next_set") <= g_get_real_time ())
    g_print ("%s\n", _("The next set is due now"));
  else if (when (plan, "next_set") != 0)
    {
      g_autofree char *at = clock_text (when (plan, "next_set"));
      /* TRANSLATORS: %s is a time of day such as 15:00 */
      g_print (_("Next set at %s"), at);
      g_print ("\n");
    }
  else
    g_print ("%s\n", _("No more sets today"));
  for (gsize i = 0; ratings != NULL && i < g_variant_n_children (ratings); i++)
    {
      guint32 day;
      const char *answer;

      g_variant_get_child (ratings, i, "(u&s)", &day, &answer);
      /* TRANSLATORS: a check-in answer, e.g. "Day 1: better" */
      g_print (_("Day %u: %s"), day, g_dpgettext2 (NULL, "rating", answer));
      g_print ("\n");
    }
}

/* The whole catalog (aa{sv}), for the words a plan's drills come with; NULL
 * if ListDrills fails, and those words are left out. */
static GVariant *
list_drills (MobectlContext *ctx)
{
  g_autoptr(GVariant) reply = NULL;

  reply = mobectl_call (ctx, "ListDrills", g_variant_new ("(@a{sv})",
                                                          g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                               NULL, 0)),
                        G_VARIANT_TYPE ("(aa{sv})"), NULL);
  return reply != NULL ? g_variant_get_child_value (reply, 0) : NULL;
}

/* The catalog's cautions for the plan's drills, so whoever takes on a plan
 * hears them before the first set, what a drill needs if not a chair or a
 * spot to stand, and a word for each drill whose set is above its usual
 * dose (--reps). The plan names drills by id; the cautions
 * and doses come from ListDrills. Printing the plan does not depend on it:
 * a failed call just leaves them out. */
static void
print_cautions (MobectlContext *ctx, GVariant *plan)
{
  g_autoptr(GVariant) drills = g_variant_lookup_value (plan, "drills", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GVariant) catalog = NULL;

  if (drills == NULL || g_variant_n_children (drills) == 0)
    return;
  catalog = list_drills (ctx);
  if (catalog == NULL)
    return;
  for (gsize i = 0; i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);

      for (gsize k = 0; k < g_variant_n_children (catalog); k++)
        {
          g_autoptr(GVariant) c = g_variant_get_child_value (catalog, k);
          const char *caution;

          g_autofree const char **where = NULL;

          if (!g_str_equal (str (c, "id"), str (d, "id")))
            continue;
          /* Only a drill named by id can be one the desk does not allow:
           * a problem's proposal keeps to the settings. Say what it needs. */
          if (g_variant_lookup (c, "settings", "^a&s", &where)
              && !g_strv_contains (where, "seated") && !g_strv_contains (where, "standing"))
            {
              g_autofree char *places = g_strjoinv (", ", (char **) where);

              /* TRANSLATORS: a drill's name and where it can be done, from
               * the settings vocabulary, e.g. "Doorway pectoralis major
               * needs: doorway" */
              g_print (_("%s needs: %s"), str (d, "name"), places);
              g_print ("\n");
            }
          if (num (d, "reps") > num (c, "reps_focus") && num (c, "reps_focus") > 0)
            {
              /* TRANSLATORS: a drill's name, the reps asked for and its usual
               * focus dose, e.g. "Neck circles: 60 is above the usual 40 a set." */
              g_print (_("%s: %u is above the usual %u a set."), str (d, "name"),
                       num (d, "reps"), num (c, "reps_focus"));
              g_print (" %s\n", _("Go easy, and drop back at the first sign it is too much."));
            }
          if (!g_variant_lookup (c, "caution", "&s", &caution))
            continue;
          /* TRANSLATORS: %s is a drill's name; a caution follows, e.g.
           * "Take care with Neck circles: Stop if you get dizzy..." */
          g_print (_("Take care with %s:"), str (d, "name"));
          g_print (" %s\n", caution);
        }
    }
}

/* After a "worse" that eased the plan: fewer reps is only the first of the
 * easier forms; the catalog's gentler version of each drill is the next.
 * Like the cautions, it is left out if ListDrills fails. */
static void
print_easier (MobectlContext *ctx, GVariant *doses)
{
  g_autoptr(GVariant) catalog = NULL;

  catalog = list_drills (ctx);
  if (catalog == NULL)
    return;
  for (gsize i = 0; i < g_variant_n_children (doses); i++)
    {
      const char *id;

      g_variant_get_child (doses, i, "(&suu)", &id, NULL, NULL);
      for (gsize k = 0; k < g_variant_n_children (catalog); k++)
        {
          g_autoptr(GVariant) c = g_variant_get_child_value (catalog, k);
          const char *easier;

          if (!g_str_equal (str (c, "id"), id) || !g_variant_lookup (c, "easier", "&s", &easier))
            continue;
          /* TRANSLATORS: a drill's name, then its gentler form, e.g.
           * "Wrist circles, more gently: Smaller, slower circles." */
          g_print (_("%s, more gently: %s"), str (c, "name"), easier);
          g_print ("\n");
        }
    }
}

/* {"focus": {...}} or {"focus": null} when @plan is empty. */
static void
json_plan (GVariant *plan)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GVariant) drills = g_variant_lookup_value (plan, "drills", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GVariant) ratings = g_variant_lookup_value (plan, "ratings", G_VARIANT_TYPE ("a(us)"));
  const char *const counts[] = { "days", "day", "sets_per_day", NULL };
  guint64 seconds = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "focus");
  if (g_variant_n_children (plan) == 0)
    {
      json_builder_add_null_value (b);
      json_builder_end_object (b);
      mobectl_json_print (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, str (plan, "target"));
  json_builder_set_member_name (b, "first_day");
  json_builder_add_string_value (b, str (plan, "first_day"));
  for (const char *const *c = counts; *c != NULL; c++)
    {
      json_builder_set_member_name (b, *c);
      json_builder_add_int_value (b, num (plan, *c));
    }
  g_variant_lookup (plan, "set_seconds", "t", &seconds);
  json_builder_set_member_name (b, "set_seconds");
  json_builder_add_int_value (b, (gint64) seconds);
  mobectl_json_add_drills (b, "drills", drills);
  if (g_variant_lookup (plan, "set_state", "&s", NULL))
    {
      json_builder_set_member_name (b, "today");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "done");
      json_builder_add_int_value (b, num (plan, "today_done"));
      json_builder_set_member_name (b, "answered");
      json_builder_add_int_value (b, num (plan, "today_answered"));
      json_builder_end_object (b);
      mobectl_json_add_time (b, "next_set", when (plan, "next_set"));
      json_builder_set_member_name (b, "set_state");
      json_builder_add_string_value (b, str (plan, "set_state"));
    }
  mobectl_json_add_ratings (b, "ratings", ratings);
  json_builder_end_object (b);
  json_builder_end_object (b);
  mobectl_json_print (b);
}

static int
show (MobectlContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = mobectl_get_all (ctx, &error);
  g_autoptr(GVariant) plan = NULL;

  if (props == NULL)
    return mobectl_bus_error (ctx, error);
  plan = g_variant_lookup_value (props, "Focus", G_VARIANT_TYPE ("a{sv}"));
  if (plan == NULL)
    plan = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  if (ctx->json)
    json_plan (plan);
  else if (g_variant_n_children (plan) == 0)
    g_print ("%s\n", _("No focus plan is running. Start one with: mobectl focus PROBLEM "
                       "(for example neck-pain; see mobectl drills for the good-for tags)"));
  else
    print_plan (plan, TRUE);
  return MOBECTL_EXIT_OK;
}

/* StartFocus's InvalidArgs is about what the user typed: a usage error. */
static int
start_error (MobectlContext *ctx, GError *error)
{
  g_autofree char *name = g_dbus_error_get_remote_error (error);

  if (g_strcmp0 (name, "org.freedesktop.DBus.Error.InvalidArgs") != 0)
    return mobectl_bus_error (ctx, error);
  g_dbus_error_strip_remote_error (error);
  return mobectl_usage_error (ctx, "%s", error->message);
}

static gboolean
confirmed (void)
{
  char answer[16] = "";

  g_print ("%s ", _("Start this plan? [y/N]"));
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  return answer[0] == 'y' || answer[0] == 'Y';
}

static int
start (MobectlContext *ctx, int argc, char **argv)
{
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) plan = NULL;
  guint sets = 0, reps = 0, days = 0;
  int ret = 0;
  gboolean ask;

  if (!read_number (ctx, "--sets", ctx->sets, 1, MOBED_FOCUS_SETS_MAX, &sets, &ret)
      || !read_number (ctx, "--reps", ctx->reps, MOBED_FOCUS_REPS_MIN, MOBED_FOCUS_REPS_MAX,
                       &reps, &ret)
      || !read_number (ctx, "--days", ctx->days, 1, MOBED_FOCUS_DAYS_MAX, &days, &ret))
    return ret;
  if (sets > 0)
    g_variant_builder_add (&options, "{sv}", "sets", g_variant_new_uint32 (sets));
  if (reps > 0)
    g_variant_builder_add (&options, "{sv}", "reps", g_variant_new_uint32 (reps));
  if (days > 0)
    g_variant_builder_add (&options, "{sv}", "days", g_variant_new_uint32 (days));
  /* Without --yes: first the plan as it would be, then a question on a
   * terminal; elsewhere only the plan, started by running again with --yes. */
  ask = !ctx->yes;
  if (ask)
    g_variant_builder_add (&options, "{sv}", "dry_run", g_variant_new_boolean (TRUE));
  reply = mobectl_call (ctx, "StartFocus",
                        g_variant_new ("(@as@a{sv})",
                                       g_variant_new_strv ((const char *const *) argv, argc),
                                       g_variant_builder_end (&options)),
                        G_VARIANT_TYPE ("(a{sv})"), &error);
  if (reply == NULL)
    return start_error (ctx, error);
  g_variant_get (reply, "(@a{sv})", &plan);
  if (ask)
    {
      if (ctx->json)
        {
          json_plan (plan);
          return MOBECTL_EXIT_OK;
        }
      print_plan (plan, FALSE);
      print_cautions (ctx, plan);
      if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
        {
          g_print ("%s\n", _("Not started: run again with --yes to start it."));
          return MOBECTL_EXIT_OK;
        }
      if (!confirmed ())
        {
          g_print ("%s\n", _("Not started."));
          return MOBECTL_EXIT_OK;
        }
      /* The same request, for real. */
      ctx->yes = TRUE;
      return start (ctx, argc, argv);
    }
  if (ctx->json)
    json_plan (plan);
  else
    {
      print_plan (plan, TRUE);
      print_cautions (ctx, plan);
      g_print ("%s\n", _("Started. Each set comes as its own notification; do it in one go."));
    }
  return MOBECTL_EXIT_OK;
}

static int
simple_call (MobectlContext *ctx, const char *method, GVariant *params, const char *said)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = mobectl_call (ctx, method, params, NULL, &error);

  if (reply == NULL)
    return start_error (ctx, error);
  if (!ctx->json)
    g_print ("%s\n", said);
  return MOBECTL_EXIT_OK;
}

static int
rate (MobectlContext *ctx, const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) advice = NULL;
  g_autoptr(GVariant) doses = NULL;

  if (!g_str_equal (answer, "better") && !g_str_equal (answer, "same")
      && !g_str_equal (answer, "worse"))
    return mobectl_usage_error (ctx, _("answer better, same or worse, not '%s'"), answer);
  reply = mobectl_call (ctx, "RateFocus", g_variant_new ("(s)", answer),
                        G_VARIANT_TYPE ("(a{sv})"), &error);
  if (reply == NULL)
    return start_error (ctx, error);
  g_variant_get (reply, "(@a{sv})", &advice);
  doses = g_variant_lookup_value (advice, "doses", G_VARIANT_TYPE ("a(suu)"));
  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rating");
      json_builder_add_string_value (b, answer);
      json_builder_set_member_name (b, "advice");
      json_builder_add_string_value (b, str (advice, "advice"));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, str (advice, "message"));
      if (doses != NULL)
        {
          json_builder_set_member_name (b, "doses");
          json_builder_begin_array (b);
          for (gsize i = 0; i < g_variant_n_children (doses); i++)
            {
              const char *id;
              guint32 before, after;

              g_variant_get_child (doses, i, "(&suu)", &id, &before, &after);
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_string_value (b, id);
              json_builder_set_member_name (b, "reps_before");
              json_builder_add_int_value (b, before);
              json_builder_set_member_name (b, "reps_after");
              json_builder_add_int_value (b, after);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      mobectl_json_print (b);
      return MOBECTL_EXIT_OK;
    }
  g_print ("%s\n", _(str (advice, "message")));
  for (gsize i = 0; doses != NULL && i < g_variant_n_children (doses); i++)
    {
      const char *id;
      guint32 before, after;

      g_variant_get_child (doses, i, "(&suu)", &id, &before, &after);
      g_print ("  %s: %u → %u\n", id, before, after);
    }
  if (doses != NULL)
    print_easier (ctx, doses);
  return MOBECTL_EXIT_OK;
}

int
mobectl_cmd_focus (MobectlContext *ctx, int argc, char **argv)
{
  guint extra = 0;
  int ret = 0;

  if (ctx->stop || ctx->extend != NULL || ctx->keep_dose)
    {
      if (argc > 0 || ctx->sets != NULL || ctx->reps != NULL || ctx->days != NULL || ctx->yes
          || ctx->stop + (ctx->extend != NULL) + ctx->keep_dose > 1)
        return mobectl_usage_error (ctx, "%s", _("--stop, --extend and --keep-dose go alone"));
      if (ctx->stop)
        return simple_call (ctx, "StopFocus", NULL, _("Focus plan stopped."));
      if (ctx->keep_dose)
        return simple_call (ctx, "KeepFocusDose", NULL,
                            _("The focus plan keeps its old dose."));
      if (!read_number (ctx, "--extend", ctx->extend, 1, MOBED_FOCUS_DAYS_MAX, &extra, &ret))
        return ret;
      return simple_call (ctx, "ExtendFocus", g_variant_new ("(u)", extra),
                          _("Focus plan extended."));
    }
  if (argc > 0 && g_str_equal (argv[0], "rate"))
    {
      if (argc != 2)
        return mobectl_usage_error (ctx, "%s", _("usage: mobectl focus rate better|same|worse"));
      return rate (ctx, argv[1]);
    }
  if (argc == 0)
    {
      if (ctx->sets != NULL || ctx->reps != NULL || ctx->days != NULL || ctx->yes)
        return mobectl_usage_error (ctx, "%s",
                                    _("name a problem or drills to start a plan with"));
      return show (ctx);
    }
  return start (ctx, argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drills.c — `mobectl drills`: the catalog the daemon loaded, as a table,
 * as one drill with its steps, or as JSON. Filters are checked here against
 * the fixed vocabularies so a typo is a usage error, not a trip to the bus;
 * a drill is found by id, name or prefix here too, with a "did you mean"
 * when nothing matches.
 */
#include "cli/commands.h"
#include "cli/json-out.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli/drill-lookup.h"
#include "cli/drill-open.h"
#include "cli/table.h"
#include "cli/text.h"
#include "core/catalog.h"
#include "core/suggest.h"

static char *
joined (GVariant *drill, const char *key, const char *sep)
{
  g_autofree const char **list = NULL;

  if (!g_variant_lookup (drill, key, "^a&s", &list))
    return g_strdup ("");
  return g_strjoinv (sep, (char **) list);
}

static const char *
text (GVariant *drill, const char *key)
{
  const char *s = "";

  g_variant_lookup (drill, key, "&s", &s);
  return s;
}

static guint
number (GVariant *drill, const char *key)
{
  guint32 n = 0;

  g_variant_lookup (drill, key, "u", &n);
  return n;
}

static gboolean
flag (GVariant *drill, const char *key)
{
  gboolean b = FALSE;

  g_variant_lookup (drill, key, "b", &b);
  return b;
}

static char *
reps_text (GVariant *drill, guint reps)
{
  if (!flag (drill, "per_side"))
    return mobectl_reps_text (reps, "times");
  return mobectl_reps_text (reps, flag (drill, "each_way") ? "each-way" : "per-side");
}

/* By display name, as people read the table, in the locale's order. */
static int
by_name (gconstpointer a, gconstpointer b)
{
  GVariant *da = *(GVariant *const *) a, *db = *(GVariant *const *) b;

  return g_utf8_collate (text (da, "name"), text (db, "name"));
}

/* The table with an ID and a NAME column where the terminal is wide
 * enough for them without cutting a word; else (80 columns) each drill's
 * id goes under its name, which leaves room for every tag whole. */
static void
print_table (GVariant *drills)
{
  /* TRANSLATORS: the column headers of `mobectl drills` */
  const char *headers[] = { _("ID"), _("NAME"), _("MOVES"), _("WHERE"), _("GOOD FOR") };
  /* TRANSLATORS: the first column of `mobectl drills` on a narrow terminal:
   * the drill's name with its id under it */
  const char *narrow_headers[] = { _("DRILL"), _("MOVES"), _("WHERE"), _("GOOD FOR") };
  const gboolean fixed[] = { TRUE, FALSE, FALSE, FALSE, FALSE };
  gsize n = g_variant_n_children (drills);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) narrow = g_ptr_array_new_with_free_func (g_free);
  int width = mobectl_terminal_width ();

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_variant_get_child_value (drills, i));
  g_ptr_array_sort (sorted, by_name);
  for (gsize i = 0; i < n; i++)
    {
      GVariant *d = sorted->pdata[i];
      g_autofree char *regions = joined (d, "regions", ", ");
      g_autofree char *settings = joined (d, "settings", ", ");
      g_autofree char *tags = joined (d, "good_for", ", ");

      g_ptr_array_add (cells, g_strdup (text (d, "id")));
      g_ptr_array_add (cells, g_strdup (text (d, "name")));
      g_ptr_array_add (narrow, g_strdup_printf ("%s\n(%s)", text (d, "name"), text (d, "id")));
      for (int k = 0; k < 2; k++)
        {
          GPtrArray *to = k == 0 ? cells : narrow;
          g_ptr_array_add (to, g_strdup (regions));
          g_ptr_array_add (to, g_strdup (settings));
          g_ptr_array_add (to, g_strdup (tags));
        }
    }
  if (!mobectl_table_print (headers, G_N_ELEMENTS (headers), cells, fixed, width, FALSE))
    mobectl_table_print (narrow_headers, G_N_ELEMENTS (narrow_headers), narrow, fixed + 1,
                         width, TRUE);
  if (n == 0)
    g_print ("%s\n", _("(no drill matches)"));
}

static void
print_one (GVariant *d)
{
  g_autofree const char **steps = NULL;
  const char *caution = NULL, *easier = NULL, *why = NULL;
  const char *picture = NULL;
  g_autofree char *regions = joined (d, "regions", ", ");
  g_autofree char *settings = joined (d, "settings", ", ");
  g_autofree char *tags = joined (d, "good_for", ", ");
  g_autofree char *small = reps_text (d, number (d, "reps_small"));
  g_autofree char *focus = reps_text (d, number (d, "reps_focus"));
  guint sides = flag (d, "per_side") ? 2 : 1;

  /* TRANSLATORS: the labels of `mobectl drills ID`; the values line up after the longest */
  const char *labels[] = { _("Moves:"), _("Where:"), _("Good for:"), _("Everyday:"),
                           _("Focus:"), NULL };
  int column = mobectl_label_column (labels, 1, 11);
  g_autofree char *moves = mobectl_pad (labels[0], column, FALSE);
  g_autofree char *where = mobectl_pad (labels[1], column, FALSE);
  g_autofree char *good = mobectl_pad (labels[2], column, FALSE);
  g_autofree char *everyday = mobectl_pad (labels[3], column, FALSE);
  g_autofree char *focus_label = mobectl_pad (labels[4], column, FALSE);
  guint seconds = number (d, "reps_small") * sides * number (d, "seconds_per_rep");

  g_print ("%s (%s)\n%s\n", text (d, "name"), text (d, "id"), text (d, "summary"));
  if (g_variant_lookup (d, "why", "&s", &why))
    /* TRANSLATORS: before what a drill is for, e.g. "Why: Moves the whole spine." */
    g_print ("%s %s\n", _("Why:"), why);
  g_print ("\n");
  if (g_variant_lookup (d, "steps", "^a&s", &steps))
    for (guint i = 0; steps[i] != NULL; i++)
      g_print ("  %u. %s\n", i + 1, steps[i]);
  if (g_variant_lookup (d, "caution", "&s", &caution))
    /* TRANSLATORS: before a drill's caution, e.g. "Take care: Only on an empty stomach." */
    g_print ("\n%s %s\n", _("Take care:"), caution);
  if (g_variant_lookup (d, "easier", "&s", &easier))
    /* TRANSLATORS: before a drill's gentler form, e.g.
     * "On a bad day: Keep the loop small." */
    g_print ("%s%s %s\n", caution != NULL ? "" : "\n", _("On a bad day:"), easier);
  if (g_variant_lookup (d, "picture", "&s", &picture))
    /* TRANSLATORS: before the path of a drill's picture file */
    g_print ("\n%s %s\n", _("Picture:"), picture);
  g_print ("\n%s%s\n%s%s\n", moves, regions, where, settings);
  g_print ("%s%s\n", good, *tags ? tags : _("(stiffness where it moves)"));
  g_print ("%s", everyday);
  /* TRANSLATORS: the everyday repetitions, then how long they take */
  g_print (_("%s (about %u s)"), small, seconds);
  g_print ("\n%s", focus_label);
  /* TRANSLATORS: the repetitions of one set when a region is the focus */
  g_print (_("%s a set"), focus);
  /* The same safety line as every break, then where to read when not to. */
  g_print ("\n%s\n", _("Go easy. If it tires, tightens or hurts, go smaller or slower; "
                        "if it still feels wrong, stop."));
  g_print ("%s\n", _("Numbness, tingling, dizziness, pain that spreads, or pain after an "
                     "injury or surgery: see a doctor or physiotherapist first (man mobed, "
                     "\"When not to\")."));
}

static void
add_strv (JsonBuilder *b, GVariant *d, const char *key)
{
  g_autofree const char **list = NULL;

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  if (g_variant_lookup (d, key, "^a&s", &list))
    for (const char **s = list; *s != NULL; s++)
      json_builder_add_string_value (b, *s);
  json_builder_end_array (b);
}

static void
print_json (GVariant *drills)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "drills");
  json_builder_begin_array (b);
  for (gsize i = 0; i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *strings[] = { "id", "name", "summary" };
      const char *numbers[] = { "reps_small", "reps_focus", "reps_max", "seconds_per_rep" };
      const char *lists[] = { "steps", "regions", "settings", "good_for" };
      /* Always present, null when none, so scripts need not test for them. */
      const char *optional[] = { "caution", "easier", "why", "picture" };

      json_builder_begin_object (b);
      for (gsize k = 0; k < G_N_ELEMENTS (strings); k++)
        {
          json_builder_set_member_name (b, strings[k]);
          json_builder_add_string_value (b, text (d, strings[k]));
        }
      for (gsize k = 0; k < G_N_ELEMENTS (lists); k++)
        add_strv (b, d, lists[k]);
      for (gsize k = 0; k < G_N_ELEMENTS (numbers); k++)
        {
          json_builder_set_member_name (b, numbers[k]);
          json_builder_add_int_value (b, number (d, numbers[k]));
        }
      json_builder_set_member_name (b, "per_side");
      json_builder_add_boolean_value (b, flag (d, "per_side"));
      json_builder_set_member_name (b, "each_way");
      json_builder_add_boolean_value (b, flag (d, "each_way"));
      for (gsize k = 0; k < G_N_ELEMENTS (optional); k++)
        {
          const char *value = NULL;

          json_builder_set_member_name (b, optional[k]);
          if (g_variant_lookup (d, optional[k], "&s", &value))
            json_builder_add_string_value (b, value);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  mobectl_json_print (b);
}

/* ListDrills with @options; NULL, having said why, on failure. */
static GVariant *
list_drills (MobectlContext *ctx, GVariant *options, int *ret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = mobectl_call (ctx, "ListDrills", g_variant_new ("(@a{sv})", options),
                                            G_VARIANT_TYPE ("(aa{sv})"), &error);

  if (reply == NULL)
    {
      *ret = mobectl_bus_error (ctx, error);
      return NULL;
    }
  return g_variant_get_child_value (reply, 0);
}

/* --for with a tag no drill has is a slip, not an empty answer: the
 * usage error says what it might have been. */
static gboolean
unknown_tag (MobectlContext *ctx, int *ret)
{
  g_auto(GVariantBuilder) none = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) all = list_drills (ctx, g_variant_builder_end (&none), ret);
  g_auto(GStrv) tags = NULL;
  const char *near;
  guint bit;

  if (all == NULL)
    return TRUE;             /* *ret says why */
  tags = mobectl_drill_tags (all);
  if (g_strv_contains ((const char *const *) tags, ctx->good_for))
    return FALSE;
  if (mobed_region_parse (ctx->good_for, &bit))
    {
      /* TRANSLATORS: --for got a region; keep the options as they are */
      *ret = mobectl_usage_error (ctx, _("no drill is good for '%s', which is a region: "
                                         "try --region %s"), ctx->good_for, ctx->good_for);
      return TRUE;
    }
  near = mobed_suggest (ctx->good_for, (const char *const *) tags);
  if (near != NULL)
    *ret = mobectl_usage_error (ctx, _("no drill is good for '%s' (did you mean '%s'?)"),
                                ctx->good_for, near);
  else
    *ret = mobectl_usage_error (ctx, _("no drill is good for '%s' (mobectl drills lists the "
                                       "tags under GOOD FOR)"), ctx->good_for);
  return TRUE;
}

int
mobectl_cmd_drills (MobectlContext *ctx, int argc, char **argv)
{
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) drills = NULL;
  int ret = MOBECTL_EXIT_OK;
  guint bit;

  if (ctx->region != NULL && !mobed_region_parse (ctx->region, &bit))
    {
      g_autofree char *names = mobed_region_names ();
      return mobectl_usage_error (ctx, _("'%s' is not a region (%s)"), ctx->region, names);
    }
  if (ctx->setting != NULL && !mobed_setting_parse (ctx->setting, &bit))
    {
      g_autofree char *names = mobed_setting_names ();
      return mobectl_usage_error (ctx, _("'%s' is not a setting (%s)"), ctx->setting, names);
    }
  if (ctx->good_for != NULL && *ctx->good_for == '\0')
    return mobectl_usage_error (ctx, _("'%s' needs a value"), "--for");
  if (ctx->open && argc == 0)
    /* TRANSLATORS: keep --open and ID */
    return mobectl_usage_error (ctx, _("--open needs a drill: mobectl drills ID --open"));
  if (ctx->region != NULL)
    g_variant_builder_add (&options, "{sv}", "region", g_variant_new_string (ctx->region));
  if (ctx->setting != NULL)
    g_variant_builder_add (&options, "{sv}", "setting", g_variant_new_string (ctx->setting));
  if (ctx->good_for != NULL)
    g_variant_builder_add (&options, "{sv}", "good_for", g_variant_new_string (ctx->good_for));

  /* The lookup by name or prefix happens here, over the drills the
   * filters leave, so it works with whatever names the catalog has. */
  drills = list_drills (ctx, g_variant_builder_end (&options), &ret);
  if (drills == NULL)
    return ret;
  if (g_variant_n_children (drills) == 0 && ctx->good_for != NULL && unknown_tag (ctx, &ret))
    return ret;
  if (argc == 1)
    {
      g_autoptr(GVariant) d = mobectl_drill_find (drills, argv[0]);

      if (d == NULL)
        return MOBECTL_EXIT_REFUSED;
      if (ctx->open)
        return mobectl_drill_open (d);
      if (ctx->json)
        {
          g_autoptr(GVariant) one = g_variant_ref_sink (g_variant_new_array (NULL, &d, 1));
          print_json (one);
        }
      else
        print_one (d);
      return MOBECTL_EXIT_OK;
    }
  if (ctx->json)
    print_json (drills);
  else
    print_table (drills);
  return MOBECTL_EXIT_OK;
}

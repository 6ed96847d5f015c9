/*
 * drills.c — `mobectl drills`: the catalog the daemon loaded, as a table,
 * as one drill with its steps, or as JSON. Filters are checked here against
 * the fixed vocabularies so a typo is a usage error, not a trip to the bus.
 */
#include "cli/commands.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "core/catalog.h"

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
    return g_strdup_printf ("%u times", reps);
  return g_strdup_printf (flag (drill, "each_way") ? "%u each way" : "%u per side", reps);
}

static void
print_table (GVariant *drills)
{
  const char *headers[] = { "ID", "NAME", "MOVES", "WHERE", "GOOD FOR" };
  gsize n = g_variant_n_children (drills);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  int width[4] = { 0 };

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      g_ptr_array_add (cells, g_strdup (text (d, "id")));
      g_ptr_array_add (cells, g_strdup (text (d, "name")));
      g_ptr_array_add (cells, joined (d, "regions", ","));
      g_ptr_array_add (cells, joined (d, "settings", ","));
      g_ptr_array_add (cells, joined (d, "good_for", ", "));
    }
  for (int c = 0; c < 4; c++)
    {
      width[c] = (int) strlen (headers[c]);
      for (gsize i = 0; i < n; i++)
        width[c] = MAX (width[c], (int) g_utf8_strlen (cells->pdata[i * 5 + c], -1));
    }
  g_print ("%-*s  %-*s  %-*s  %-*s  %s\n", width[0], headers[0], width[1], headers[1],
           width[2], headers[2], width[3], headers[3], headers[4]);
  for (gsize i = 0; i < n; i++)
    {
      char **row = (char **) &cells->pdata[i * 5];
      /* printf pads bytes, not characters: pad by hand for non-ASCII names. */
      for (int c = 0; c < 4; c++)
        g_print ("%s%*s  ", row[c], width[c] - (int) g_utf8_strlen (row[c], -1), "");
      g_print ("%s\n", row[4]);
    }
  if (n == 0)
    g_print ("(no drill matches)\n");
}

static void
print_one (GVariant *d)
{
  g_autofree const char **steps = NULL;
  g_autofree char *regions = joined (d, "regions", ", ");
  g_autofree char *settings = joined (d, "settings", ", ");
  g_autofree char *tags = joined (d, "good_for", ", ");
  g_autofree char *small = reps_text (d, number (d, "reps_small"));
  g_autofree char *focus = reps_text (d, number (d, "reps_focus"));
  guint sides = flag (d, "per_side") ? 2 : 1;

  g_print ("%s (%s)\n%s\n\n", text (d, "name"), text (d, "id"), text (d, "summary"));
  if (g_variant_lookup (d, "steps", "^a&s", &steps))
    for (guint i = 0; steps[i] != NULL; i++)
      g_print ("  %u. %s\n", i + 1, steps[i]);
  g_print ("\n%-11s%s\n%-11s%s\n", "Moves:", regions, "Where:", settings);
  g_print ("%-11s%s\n", "Good for:", *tags ? tags : "(stiffness where it moves)");
  g_print ("%-11s%s (about %u s)\n", "Everyday:", small,
           number (d, "reps_small") * sides * number (d, "seconds_per_rep"));
  g_print ("%-11s%s a set\n", "Focus:", focus);
  g_print ("Keep it in the comfortable range.\n");
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
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "drills");
  json_builder_begin_array (b);
  for (gsize i = 0; i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *strings[] = { "id", "name", "summary" };
      const char *numbers[] = { "reps_small", "reps_focus", "seconds_per_rep" };
      const char *lists[] = { "steps", "regions", "settings", "good_for" };

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
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  out = json_generator_to_data (gen, NULL);
  g_print ("%s\n", out);
}

int
mobectl_cmd_drills (MobectlContext *ctx, int argc, char **argv)
{
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) drills = NULL;
  guint bit;

  if (ctx->region != NULL && !mobed_region_parse (ctx->region, &bit))
    {
      g_autofree char *names = mobed_region_names ();
      return mobectl_usage_error (ctx, "'%s' is not a region (%s)", ctx->region, names);
    }
  if (ctx->setting != NULL && !mobed_setting_parse (ctx->setting, &bit))
    {
      g_autofree char *names = mobed_setting_names ();
      return mobectl_usage_error (ctx, "'%s' is not a setting (%s)", ctx->setting, names);
    }
  if (argc == 1)
    g_variant_builder_add (&options, "{sv}", "id", g_variant_new_string (argv[0]));
  if (ctx->region != NULL)
    g_variant_builder_add (&options, "{sv}", "region", g_variant_new_string (ctx->region));
  if (ctx->setting != NULL)
    g_variant_builder_add (&options, "{sv}", "setting", g_variant_new_string (ctx->setting));
  if (ctx->good_for != NULL)
    g_variant_builder_add (&options, "{sv}", "good_for", g_variant_new_string (ctx->good_for));

  reply = mobectl_call (ctx, "ListDrills", g_variant_new ("(@a{sv})", g_variant_builder_end (&options)),
                        G_VARIANT_TYPE ("(aa{sv})"), &error);
  if (reply == NULL)
    return mobectl_bus_error (ctx, error);
  drills = g_variant_get_child_value (reply, 0);
  if (ctx->json)
    print_json (drills);
  else if (argc == 1 && g_variant_n_children (drills) == 1)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, 0);
      print_one (d);
    }
  else
    print_table (drills);
  return MOBECTL_EXIT_OK;
}

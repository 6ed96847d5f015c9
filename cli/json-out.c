/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json-out.c — JsonBuilder to text. json-glib does the escaping; stdout
 * then holds one JSON document and nothing else.
 */
#include "cli/json-out.h"

char *
mobectl_json_text (JsonBuilder *builder, gboolean pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

void
mobectl_json_print (JsonBuilder *builder)
{
  g_autofree char *text = mobectl_json_text (builder, TRUE);

  g_print ("%s\n", text);
}

void
mobectl_json_add_time (JsonBuilder *b, const char *key, gint64 us)
{
  json_builder_set_member_name (b, key);
  if (us <= 0)
    json_builder_add_null_value (b);
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
      json_builder_add_string_value (b, text);
    }
}

void
mobectl_json_add_drills (JsonBuilder *b, const char *key, GVariant *drills)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *id = "", *name = "", *reps_text = "";
      guint32 reps = 0;
      gboolean per_side = FALSE;

      g_variant_lookup (d, "id", "&s", &id);
      g_variant_lookup (d, "name", "&s", &name);
      g_variant_lookup (d, "reps_text", "&s", &reps_text);
      g_variant_lookup (d, "reps", "u", &reps);
      g_variant_lookup (d, "per_side", "b", &per_side);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "reps");
      json_builder_add_int_value (b, reps);
      json_builder_set_member_name (b, "per_side");
      json_builder_add_boolean_value (b, per_side);
      json_builder_set_member_name (b, "reps_text");
      json_builder_add_string_value (b, reps_text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
mobectl_json_add_ratings (JsonBuilder *b, const char *key, GVariant *ratings)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (gsize i = 0; ratings != NULL && i < g_variant_n_children (ratings); i++)
    {
      guint32 day;
      const char *answer;

      g_variant_get_child (ratings, i, "(u&s)", &day, &answer);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "day");
      json_builder_add_int_value (b, day);
      json_builder_set_member_name (b, "answer");
      json_builder_add_string_value (b, answer);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-json.c — `mobectl stats --json`: the same numbers as the table and
 * the heatmap, for scripts: each day's counts, the totals, adherence, the
 * streak, the top drills and the newest focus plan.
 */
#include "cli/stats.h"
#include "cli/json-out.h"

#include <json-glib/json-glib.h>

static void
json_focus (JsonBuilder *b, GVariant *stats)
{
  g_autoptr(GVariant) focus = g_variant_lookup_value (stats, "focus", G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) days = NULL;
  g_autoptr(GVariant) ratings = NULL;
  g_autoptr(GVariant) drills = NULL;
  const char *target = "", *first_day = "";
  gboolean active = FALSE;

  json_builder_set_member_name (b, "focus");
  if (focus == NULL || g_variant_n_children (focus) == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  days = g_variant_lookup_value (focus, "plan_days", G_VARIANT_TYPE ("aa{sv}"));
  ratings = g_variant_lookup_value (focus, "ratings", G_VARIANT_TYPE ("a(us)"));
  drills = g_variant_lookup_value (focus, "drills", G_VARIANT_TYPE ("aa{sv}"));
  g_variant_lookup (focus, "target", "&s", &target);
  g_variant_lookup (focus, "first_day", "&s", &first_day);
  g_variant_lookup (focus, "active", "b", &active);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, target);
  json_builder_set_member_name (b, "first_day");
  json_builder_add_string_value (b, first_day);
  json_builder_set_member_name (b, "days");
  json_builder_add_int_value (b, mobectl_stats_uint (focus, "days"));
  json_builder_set_member_name (b, "sets_per_day");
  json_builder_add_int_value (b, mobectl_stats_uint (focus, "sets_per_day"));
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, active);
  mobectl_json_add_drills (b, "drills", drills);
  json_builder_set_member_name (b, "total_reps");
  json_builder_add_int_value (b, mobectl_stats_uint (focus, "total_reps"));
  json_builder_set_member_name (b, "plan_days");
  json_builder_begin_array (b);
  for (gsize i = 0; days != NULL && i < g_variant_n_children (days); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (days, i);
      const char *date = "";
      const char *const counts[] = { "planned", "offered", "done", NULL };

      g_variant_lookup (d, "date", "&s", &date);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, date);
      for (const char *const *c = counts; *c != NULL; c++)
        {
          json_builder_set_member_name (b, *c);
          json_builder_add_int_value (b, mobectl_stats_uint (d, *c));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  mobectl_json_add_ratings (b, "ratings", ratings);
  json_builder_end_object (b);
}

static void
add_counts (JsonBuilder *b, const MobectlDay *d)
{
  const struct { const char *key; guint value; } counts[] = {
    { "offered", d->offered }, { "done", d->done }, { "skipped", d->skipped },
    { "missed", d->missed }, { "dismissed", d->dismissed }, { "natural", d->natural },
    { "snoozes", d->snoozes }, { "walks", d->walks }, { "walks_done", d->walks_done },
    { "longest_sitting_s", d->longest_sitting_s },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].key);
      json_builder_add_int_value (b, counts[i].value);
    }
  json_builder_set_member_name (b, "minutes_moved");
  json_builder_add_double_value (b, d->minutes);
  json_builder_set_member_name (b, "regions");
  json_builder_begin_array (b);
  for (char **r = d->regions; r != NULL && *r != NULL; r++)
    json_builder_add_string_value (b, *r);
  json_builder_end_array (b);
}

void
mobectl_stats_print_json (GVariant *stats, GArray *days)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GVariant) totals_v = g_variant_lookup_value (stats, "totals", G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) top = g_variant_lookup_value (stats, "top_drills", G_VARIANT_TYPE ("aa{sv}"));
  MobectlDay totals = { 0 };
  double adherence = -1;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, d->date);
      add_counts (b, d);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  mobectl_stats_read_day (totals_v, &totals);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_counts (b, &totals);
  json_builder_end_object (b);
  g_strfreev (totals.regions);

  g_variant_lookup (stats, "adherence", "d", &adherence);
  json_builder_set_member_name (b, "adherence");
  if (adherence < 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, adherence);
  json_builder_set_member_name (b, "goal");
  json_builder_add_int_value (b, mobectl_stats_uint (stats, "goal"));
  json_builder_set_member_name (b, "streak");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "current");
  json_builder_add_int_value (b, mobectl_stats_uint (stats, "streak_current"));
  json_builder_set_member_name (b, "best");
  json_builder_add_int_value (b, mobectl_stats_uint (stats, "streak_best"));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "top_drills");
  json_builder_begin_array (b);
  for (gsize i = 0; top != NULL && i < g_variant_n_children (top); i++)
    {
      g_autoptr(GVariant) t = g_variant_get_child_value (top, i);
      const char *id = "", *name = "";

      g_variant_lookup (t, "id", "&s", &id);
      g_variant_lookup (t, "name", "&s", &name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "done");
      json_builder_add_int_value (b, mobectl_stats_uint (t, "done"));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_focus (b, stats);
  json_builder_end_object (b);

  mobectl_json_print (b);
}

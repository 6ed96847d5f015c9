/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-view.c — the daemon's side of GetStats, GetHistory, GetPauses and
 * GetFocusSets. It reads
 * the whole log for streaks (a year is a few thousand rows) and leaves
 * every word and picture to mobectl.
 */
#include "daemon/bus/stats-view.h"

#include <gio/gio.h>

#include "core/reasons.h"
#include "core/stats.h"

#define MAX_DAYS 3660

static void
clear_values (GVariant **values, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_clear_pointer (&values[i], g_variant_unref);
}

/* Fills @values (one per @known name) from @options; on a bad option it
 * frees what it had already taken and says which option was wrong. */
static gboolean
read_options (GVariant *options, const char *const *known, const char *const *types,
              GVariant **values, GError **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) owned = value;
      gsize i;

      for (i = 0; known[i] != NULL && !g_str_equal (known[i], key); i++)
        ;
      if (known[i] == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE (types[i])))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) known);

          if (known[i] == NULL)
            g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                         "Unknown option '%s' (known: %s)", key, list);
          else
            g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                         "Option '%s' must be of type '%s', not '%s'", key, types[i],
                         g_variant_get_type_string (value));
          clear_values (values, g_strv_length ((char **) known));
          return FALSE;
        }
      g_clear_pointer (&values[i], g_variant_unref);
      values[i] = g_steal_pointer (&owned);
    }
  return TRUE;
}

static GVariant *
region_names (guint bits)
{
  g_auto(GStrv) names = mobed_region_list (bits);

  return g_variant_new_strv ((const char *const *) names, -1);
}

static void
add_counts (GVariantBuilder *b, const MobedStatsDay *d)
{
  g_variant_builder_add (b, "{sv}", "offered", g_variant_new_uint32 (d->offered));
  g_variant_builder_add (b, "{sv}", "done", g_variant_new_uint32 (d->done));
  g_variant_builder_add (b, "{sv}", "skipped", g_variant_new_uint32 (d->skipped));
  g_variant_builder_add (b, "{sv}", "missed", g_variant_new_uint32 (d->missed));
  g_variant_builder_add (b, "{sv}", "dismissed", g_variant_new_uint32 (d->dismissed));
  g_variant_builder_add (b, "{sv}", "natural", g_variant_new_uint32 (d->natural));
  g_variant_builder_add (b, "{sv}", "snoozes", g_variant_new_uint32 (d->snoozes));
  g_variant_builder_add (b, "{sv}", "minutes_moved", g_variant_new_double (d->minutes_moved));
  g_variant_builder_add (b, "{sv}", "regions", region_names (d->regions));
  g_variant_builder_add (b, "{sv}", "walks", g_variant_new_uint32 (d->walks));
  g_variant_builder_add (b, "{sv}", "walks_done", g_variant_new_uint32 (d->walks_done));
  g_variant_builder_add (b, "{sv}", "longest_sitting_s", g_variant_new_uint32 (d->longest_sat_s));
}

GVariant *
mobed_stats_view_stats (MobedHistory *history, const MobedCatalog *catalog, GVariant *options,
                        const char *today, guint goal, GError **error)
{
  static const char *const known[] = { "days", NULL };
  static const char *const types[] = { "u" };
  GVariant *values[1] = { NULL };
  g_autoptr(GArray) rows = NULL;
  g_autoptr(MobedStats) stats = NULL;
  g_auto(GVariantBuilder) out = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_auto(GVariantBuilder) days = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_auto(GVariantBuilder) totals = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_auto(GVariantBuilder) top = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  guint n_days = 7;

  if (!read_options (options, known, types, values, error))
    return NULL;
  if (values[0] != NULL)
    {
      n_days = g_variant_get_uint32 (values[0]);
      g_variant_unref (values[0]);
    }
  if (n_days < 1 || n_days > MAX_DAYS)
    {
      g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                   "%u days is out of range (1 to %d)", n_days, MAX_DAYS);
      return NULL;
    }
  rows = mobed_history_query (history, G_MININT64, 0, error);
  if (rows == NULL)
    return NULL;
  stats = mobed_stats_compute ((const MobedHistoryRow *) rows->data, rows->len, today, n_days, goal);
  if (stats == NULL)
    {
      g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_FAILED, "Cannot compute stats for '%s'", today);
      return NULL;
    }

  for (guint i = 0; i < stats->days->len; i++)
    {
      const MobedStatsDay *d = &g_array_index (stats->days, MobedStatsDay, i);
      g_variant_builder_open (&days, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&days, "{sv}", "date", g_variant_new_string (d->date));
      add_counts (&days, d);
      g_variant_builder_close (&days);
    }
  add_counts (&totals, &stats->totals);
  for (guint i = 0; i < stats->top_drills->len; i++)
    {
      const MobedStatsDrill *t = &g_array_index (stats->top_drills, MobedStatsDrill, i);
      const MobedDrill *drill = mobed_catalog_find (catalog, t->drill_id);

      g_variant_builder_open (&top, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&top, "{sv}", "id", g_variant_new_string (t->drill_id));
      g_variant_builder_add (&top, "{sv}", "name",
                             g_variant_new_string (drill ? drill->name : t->drill_id));
      g_variant_builder_add (&top, "{sv}", "done", g_variant_new_uint32 (t->done));
      g_variant_builder_close (&top);
    }
  g_variant_builder_add (&out, "{sv}", "days", g_variant_builder_end (&days));
  g_variant_builder_add (&out, "{sv}", "totals", g_variant_builder_end (&totals));
  g_variant_builder_add (&out, "{sv}", "adherence", g_variant_new_double (stats->adherence));
  g_variant_builder_add (&out, "{sv}", "goal", g_variant_new_uint32 (stats->goal));
  g_variant_builder_add (&out, "{sv}", "streak_current", g_variant_new_uint32 (stats->streak_current));
  g_variant_builder_add (&out, "{sv}", "streak_best", g_variant_new_uint32 (stats->streak_best));
  g_variant_builder_add (&out, "{sv}", "top_drills", g_variant_builder_end (&top));
  return g_variant_builder_end (&out);
}

/* The options GetHistory and GetPauses share: "limit" (0 = all) and "since". */
static gboolean
read_log_options (GVariant *options, guint *limit, gint64 *since, GError **error)
{
  static const char *const known[] = { "limit", "since", NULL };
  static const char *const types[] = { "u", "x" };
  GVariant *values[2] = { NULL, NULL };

  *limit = 0;
  *since = G_MININT64;
  if (!read_options (options, known, types, values, error))
    return FALSE;
  if (values[0] != NULL)
    *limit = g_variant_get_uint32 (values[0]);
  if (values[1] != NULL)
    *since = g_variant_get_int64 (values[1]);
  clear_values (values, G_N_ELEMENTS (values));
  return TRUE;
}

GVariant *
mobed_stats_view_history (MobedHistory *history, GVariant *options, GError **error)
{
  g_auto(GVariantBuilder) out = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GArray) rows = NULL;
  guint limit;
  gint64 since;

  if (!read_log_options (options, &limit, &since, error))
    return NULL;
  rows = mobed_history_query (history, since, limit, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const MobedHistoryRow *r = &g_array_index (rows, MobedHistoryRow, i);
      g_auto(GVariantBuilder) drills = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));

      for (guint k = 0; k < r->n_drills; k++)
        {
          g_variant_builder_open (&drills, G_VARIANT_TYPE ("a{sv}"));
          g_variant_builder_add (&drills, "{sv}", "id", g_variant_new_string (r->drills[k].drill_id));
          g_variant_builder_add (&drills, "{sv}", "reps_offered",
                                 g_variant_new_uint32 (r->drills[k].reps_offered));
          g_variant_builder_add (&drills, "{sv}", "reps_done",
                                 g_variant_new_uint32 (r->drills[k].reps_done));
          g_variant_builder_add (&drills, "{sv}", "sides", g_variant_new_uint32 (r->drills[k].sides));
          g_variant_builder_close (&drills);
        }
      g_variant_builder_open (&out, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&out, "{sv}", "id", g_variant_new_int64 (r->id));
      g_variant_builder_add (&out, "{sv}", "due", g_variant_new_int64 (r->due_us));
      g_variant_builder_add (&out, "{sv}", "ended", g_variant_new_int64 (r->ended_us));
      g_variant_builder_add (&out, "{sv}", "utc_offset", g_variant_new_int32 (r->utc_offset_s));
      g_variant_builder_add (&out, "{sv}", "outcome",
                             g_variant_new_string (mobed_outcome_to_string (r->outcome)));
      g_variant_builder_add (&out, "{sv}", "snoozes", g_variant_new_uint32 (r->snoozes));
      g_variant_builder_add (&out, "{sv}", "kind",
                             g_variant_new_string (mobed_break_kind_to_string (r->kind)));
      g_variant_builder_add (&out, "{sv}", "sat_s", g_variant_new_uint32 (r->sat_s));
      {
        g_auto(GStrv) held_by = mobed_defer_reason_list (r->held_by);

        g_variant_builder_add (&out, "{sv}", "held_by",
                               g_variant_new_strv ((const char *const *) held_by, -1));
      }
      g_variant_builder_add (&out, "{sv}", "drills", g_variant_builder_end (&drills));
      g_variant_builder_close (&out);
    }
  return g_variant_builder_end (&out);
}

GVariant *
mobed_stats_view_pauses (MobedHistory *history, GVariant *options, GError **error)
{
  g_auto(GVariantBuilder) out = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GArray) pauses = NULL;
  guint limit;
  gint64 since;

  if (!read_log_options (options, &limit, &since, error))
    return NULL;
  pauses = mobed_history_pauses (history, since, limit, error);
  if (pauses == NULL)
    return NULL;
  for (guint i = 0; i < pauses->len; i++)
    {
      const MobedHistoryPause *p = &g_array_index (pauses, MobedHistoryPause, i);
      /* Checked when given, but the file is the user's to edit. */
      g_autofree char *reason = g_utf8_make_valid (p->reason, -1);

      g_variant_builder_open (&out, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&out, "{sv}", "start", g_variant_new_int64 (p->start_us));
      g_variant_builder_add (&out, "{sv}", "end", g_variant_new_int64 (p->end_us));
      g_variant_builder_add (&out, "{sv}", "utc_offset", g_variant_new_int32 (p->utc_offset_s));
      g_variant_builder_add (&out, "{sv}", "reason", g_variant_new_string (reason));
      g_variant_builder_close (&out);
    }
  return g_variant_builder_end (&out);
}

GVariant *
mobed_stats_view_focus_sets (MobedHistory *history, GVariant *options, gint64 now_wall,
                             GError **error)
{
  g_auto(GVariantBuilder) out = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GArray) sets = NULL;
  guint limit;
  gint64 since;

  if (!read_log_options (options, &limit, &since, error))
    return NULL;
  sets = mobed_focus_log_sets (history, since, limit, now_wall, error);
  if (sets == NULL)
    return NULL;
  for (guint i = 0; i < sets->len; i++)
    {
      const MobedFocusLogSet *s = &g_array_index (sets, MobedFocusLogSet, i);
      g_auto(GVariantBuilder) drills = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
      gboolean done = g_str_equal (s->outcome, "done");
      /* The user's file: a target written by hand may not be UTF-8. */
      g_autofree char *target = g_utf8_make_valid (s->plan.target, -1);

      for (guint k = 0; k < s->plan.n_items; k++)
        {
          const MobedFocusItem *item = &s->plan.items[k];

          g_variant_builder_open (&drills, G_VARIANT_TYPE ("a{sv}"));
          g_variant_builder_add (&drills, "{sv}", "id", g_variant_new_string (item->drill_id));
          g_variant_builder_add (&drills, "{sv}", "reps_offered", g_variant_new_uint32 (item->reps));
          g_variant_builder_add (&drills, "{sv}", "reps_done",
                                 g_variant_new_uint32 (done ? item->reps : 0));
          g_variant_builder_close (&drills);
        }
      g_variant_builder_open (&out, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&out, "{sv}", "due", g_variant_new_int64 (s->due_wall));
      g_variant_builder_add (&out, "{sv}", "ended", g_variant_new_int64 (s->ended_wall));
      g_variant_builder_add (&out, "{sv}", "utc_offset", g_variant_new_int32 (s->utc_offset_s));
      g_variant_builder_add (&out, "{sv}", "outcome", g_variant_new_string (s->outcome));
      g_variant_builder_add (&out, "{sv}", "snoozes", g_variant_new_uint32 (s->snoozes));
      g_variant_builder_add (&out, "{sv}", "target", g_variant_new_string (target));
      g_variant_builder_add (&out, "{sv}", "set", g_variant_new_uint32 (s->set_number));
      g_variant_builder_add (&out, "{sv}", "sets_per_day", g_variant_new_uint32 (s->plan.sets_per_day));
      g_variant_builder_add (&out, "{sv}", "reps_done", g_variant_new_uint32 (s->reps_done));
      g_variant_builder_add (&out, "{sv}", "drills", g_variant_builder_end (&drills));
      g_variant_builder_close (&out);
    }
  return g_variant_builder_end (&out);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-focus.c — focus sets in `mobectl history`: they are the other
 * dose beside microbreaks, so the log lists them among the breaks, each
 * saying which set of which plan it was. Their rows share the breaks'
 * keys (due, ended, outcome, snoozes, drills); history.c prints those.
 */
#include "cli/history-focus.h"

#include <glib/gi18n.h>

#include "cli/status.h"

GVariant *
mobectl_history_focus_sets (MobectlContext *ctx, GVariant *options, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GVariant) reply = mobectl_call (ctx, "GetFocusSets",
                                            g_variant_new ("(@a{sv})", options),
                                            G_VARIANT_TYPE ("(aa{sv})"), &local_error);

  if (reply != NULL)
    return g_variant_get_child_value (reply, 0);
  /* A mobed from before focus sets were listed: its breaks still are. */
  if (g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    return g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("a{sv}"), NULL, 0));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

char *
mobectl_history_focus_label (GVariant *row, gboolean translate)
{
  const char *target = "";
  guint32 number = 0, per_day = 0;

  g_variant_lookup (row, "target", "&s", &target);
  g_variant_lookup (row, "set", "u", &number);
  g_variant_lookup (row, "sets_per_day", "u", &per_day);
  if (!translate)
    return g_strdup_printf ("focus set %u of %u, plan for %s", number, per_day, target);
  /* TRANSLATORS: a focus set among the breaks of `mobectl history`: which
   * set of its day, then what its plan was started for */
  return g_strdup_printf (_("focus set %u of %u, plan for %s"), number, per_day, target);
}

void
mobectl_history_focus_json (JsonBuilder *b, GVariant *row)
{
  guint32 reps = 0;

  json_builder_set_member_name (b, "focus");
  if (row == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  g_variant_lookup (row, "reps_done", "u", &reps);
  json_builder_begin_object (b);
  mobectl_json_add_set_place (b, row);
  json_builder_set_member_name (b, "reps_done");
  json_builder_add_int_value (b, reps);
  json_builder_end_object (b);
}

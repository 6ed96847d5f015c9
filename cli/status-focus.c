/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * status-focus.c — a focus set in mobectl's status: the block, the
 * one-line status and the JSON say which set is up (drills, reps, set n of
 * m) from the FocusSet property, as they say which microbreak is from
 * CurrentBreak. Also the hint naming each drill's id.
 */
#include "cli/status.h"

#include <glib/gi18n.h>

#include "cli/json-out.h"

GVariant *
mobectl_status_focus_set (GVariant *props)
{
  GVariant *set = g_variant_lookup_value (props, "FocusSet", G_VARIANT_TYPE ("a{sv}"));

  if (set != NULL && g_variant_n_children (set) == 0)
    g_clear_pointer (&set, g_variant_unref);
  return set;
}

/* Put off with no time: held back while something is in the way. */
static gboolean
held (GVariant *set)
{
  const char *state = "";

  g_variant_lookup (set, "state", "&s", &state);
  return g_str_equal (state, "snoozed") && mobectl_prop_int64 (set, "snoozed_until") == 0;
}

char *
mobectl_focus_set_place (GVariant *set)
{
  const char *target = "";
  guint32 number = 0, per_day = 0;

  g_variant_lookup (set, "target", "&s", &target);
  g_variant_lookup (set, "set", "u", &number);
  g_variant_lookup (set, "sets_per_day", "u", &per_day);
  /* TRANSLATORS: which focus set: "set 1 of 2 today, focus plan for neck-pain";
   * the last %s is what the plan was started for, a tag or drill ids */
  return g_strdup_printf (_("set %u of %u today, focus plan for %s"), number, per_day, target);
}

char *
mobectl_focus_set_text (GVariant *set, gint64 now_us)
{
  g_autofree char *drills = mobectl_drills_line (set);
  g_autofree char *place = mobectl_focus_set_place (set);
  gint64 until = 0;

  g_variant_lookup (set, "snoozed_until", "x", &until);
  if (held (set))
    /* TRANSLATORS: a focus set held back while a microbreak, do not
     * disturb or the user's absence is in the way */
    return g_strdup_printf (_("%s (%s), shown when nothing is in the way"), drills, place);
  if (until > 0)
    {
      g_autofree char *when = mobectl_when_text (until, now_us);
      /* TRANSLATORS: the focus set's drills, which set it is, and the
       * end of its snooze: "…, snoozed until 14:05 (in 5 min)" */
      return g_strdup_printf (_("%s (%s), snoozed until %s"), drills, place, when);
    }
  /* TRANSLATORS: the focus set's drills, then which set it is */
  return g_strdup_printf (_("%s (%s)"), drills, place);
}

char *
mobectl_focus_set_short (GVariant *set)
{
  g_autofree char *drills = mobectl_drills_line (set);
  guint32 number = 0, per_day = 0;
  gint64 until = 0;

  g_variant_lookup (set, "set", "u", &number);
  g_variant_lookup (set, "sets_per_day", "u", &per_day);
  g_variant_lookup (set, "snoozed_until", "x", &until);
  if (held (set))
    /* TRANSLATORS: in the one-line status: a focus set held back (by a
     * microbreak, do not disturb, the user's absence), then its drills */
    return g_strdup_printf (_("focus set %u of %u waiting: %s"), number, per_day, drills);
  if (until > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until / G_USEC_PER_SEC);
      g_autofree char *clock = g_date_time_format (dt, "%H:%M");
      /* TRANSLATORS: in the one-line status: a focus set put off to a time
       * of day, then its drills */
      return g_strdup_printf (_("focus set %u of %u snoozed until %s: %s"), number, per_day,
                              clock, drills);
    }
  /* TRANSLATORS: in the one-line status: the focus set up, then its drills */
  return g_strdup_printf (_("focus set %u of %u: %s"), number, per_day, drills);
}

char *
mobectl_drills_steps_hint (GVariant *brk)
{
  g_autoptr(GVariant) drills = g_variant_lookup_value (brk, "drills", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *id = NULL;

      if (g_variant_lookup (d, "id", "&s", &id))
        g_ptr_array_add (parts, g_strdup_printf ("mobectl drills %s", id));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

void
mobectl_json_add_set_place (JsonBuilder *b, GVariant *set)
{
  const char *target = "";
  guint32 number = 0, per_day = 0;

  g_variant_lookup (set, "target", "&s", &target);
  g_variant_lookup (set, "set", "u", &number);
  g_variant_lookup (set, "sets_per_day", "u", &per_day);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, target);
  json_builder_set_member_name (b, "set");
  json_builder_add_int_value (b, number);
  json_builder_set_member_name (b, "sets_per_day");
  json_builder_add_int_value (b, per_day);
}

void
mobectl_json_add_focus_set (JsonBuilder *b, GVariant *props)
{
  g_autoptr(GVariant) set = mobectl_status_focus_set (props);
  g_autoptr(GVariant) drills = NULL;
  const char *state = "";
  guint32 snoozes = 0;

  json_builder_set_member_name (b, "focus_set");
  if (set == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  g_variant_lookup (set, "state", "&s", &state);
  g_variant_lookup (set, "snoozes", "u", &snoozes);
  json_builder_begin_object (b);
  mobectl_json_add_set_place (b, set);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state);
  mobectl_json_add_time (b, "due", mobectl_prop_int64 (set, "due"));
  json_builder_set_member_name (b, "snoozes");
  json_builder_add_int_value (b, snoozes);
  mobectl_json_add_time (b, "snoozed_until", mobectl_prop_int64 (set, "snoozed_until"));
  drills = g_variant_lookup_value (set, "drills", G_VARIANT_TYPE ("aa{sv}"));
  mobectl_json_add_drills (b, "drills", drills);
  json_builder_end_object (b);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * status-json.c — the status object for scripts (`--json`), the twin of the
 * status block in status.c.
 */
#include "cli/status.h"

#include <json-glib/json-glib.h>

#include "cli/json-out.h"

static void
add_break (JsonBuilder *b, GVariant *props)
{
  g_autoptr(GVariant) brk = mobectl_status_current_break (props);
  g_autoptr(GVariant) drills = NULL;
  guint32 snoozes = 0;

  json_builder_set_member_name (b, "current_break");
  if (brk == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  g_variant_lookup (brk, "snoozes", "u", &snoozes);
  json_builder_begin_object (b);
  mobectl_json_add_time (b, "due", mobectl_prop_int64 (brk, "due"));
  json_builder_set_member_name (b, "snoozes");
  json_builder_add_int_value (b, snoozes);
  mobectl_json_add_time (b, "snoozed_until", mobectl_prop_int64 (brk, "snoozed_until"));
  drills = g_variant_lookup_value (brk, "drills", G_VARIANT_TYPE ("aa{sv}"));
  mobectl_json_add_drills (b, "drills", drills);
  {
    const char *kind = "drills";
    guint64 length = 0;

    g_variant_lookup (brk, "kind", "&s", &kind);
    json_builder_set_member_name (b, "kind");
    json_builder_add_string_value (b, kind);
    if (g_variant_lookup (brk, "walk_length", "t", &length))
      {
        json_builder_set_member_name (b, "walk_length_s");
        json_builder_add_int_value (b, (gint64) length);
      }
  }
  json_builder_end_object (b);
}

/* "away": null unless away; then when the count starts over (null once it
 * has), as next_break is null while away. */
static void
add_away (JsonBuilder *b, GVariant *props, const char *state)
{
  gint64 resets = mobectl_prop_int64 (props, "CountResetsAt");

  json_builder_set_member_name (b, "away");
  if (!g_str_equal (state, "away"))
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  mobectl_json_add_time (b, "count_resets_at", resets);
  json_builder_set_member_name (b, "count_reset");
  json_builder_add_boolean_value (b, resets == 0);
  json_builder_end_object (b);
}

/* A string-list property as a JSON array, empty when it is missing. */
static void
add_strings (JsonBuilder *b, const char *key, GVariant *props, const char *property)
{
  g_autofree const char **strings = NULL;

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  if (g_variant_lookup (props, property, "^a&s", &strings))
    for (const char **s = strings; *s != NULL; s++)
      json_builder_add_string_value (b, *s);
  json_builder_end_array (b);
}

char *
mobectl_status_json (GVariant *props, gboolean pretty)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *state = "unknown";
  gint64 paused = mobectl_prop_int64 (props, "PausedUntil");

  g_variant_lookup (props, "State", "&s", &state);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state);
  mobectl_json_add_time (b, "next_break", mobectl_prop_int64 (props, "NextBreak"));
  json_builder_set_member_name (b, "paused");
  json_builder_add_boolean_value (b, paused != 0);
  mobectl_json_add_time (b, "paused_until", paused);
  json_builder_set_member_name (b, "pause_reason");
  if (mobectl_status_pause_reason (props) != NULL)
    json_builder_add_string_value (b, mobectl_status_pause_reason (props));
  else
    json_builder_add_null_value (b);
  add_away (b, props, state);
  add_break (b, props);
  {
    const char *kind = "drills";

    g_variant_lookup (props, "NextBreakKind", "&s", &kind);
    json_builder_set_member_name (b, "next_break_kind");
    json_builder_add_string_value (b, kind);
    mobectl_json_add_time (b, "sitting_since", mobectl_prop_int64 (props, "SittingSince"));
  }
  mobectl_json_add_focus_set (b, props);
  add_strings (b, "defer_reasons", props, "DeferReasons");
  {
    const char *app = NULL;
    json_builder_set_member_name (b, "microphone_app");
    if (g_variant_lookup (props, "MicrophoneApp", "&s", &app) && *app != '\0')
      json_builder_add_string_value (b, app);
    else
      json_builder_add_null_value (b);
  }
  add_strings (b, "warnings", props, "Warnings");
  {
    const char *idle = NULL;
    json_builder_set_member_name (b, "idle_source");
    if (g_variant_lookup (props, "IdleSource", "&s", &idle) && !g_str_equal (idle, "none"))
      json_builder_add_string_value (b, idle);
    else
      json_builder_add_null_value (b);
  }
  json_builder_set_member_name (b, "today");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "done");
  json_builder_add_int_value (b, mobectl_prop_uint (props, "TodayDone"));
  json_builder_set_member_name (b, "goal");
  json_builder_add_int_value (b, mobectl_prop_uint (props, "DailyGoal"));
  json_builder_end_object (b);
  json_builder_end_object (b);

  return mobectl_json_text (b, pretty);
}

void
mobectl_status_print (GVariant *props, gboolean json)
{
  if (json)
    {
      g_autofree char *text = mobectl_status_json (props, TRUE);
      g_print ("%s\n", text);
    }
  else
    mobectl_status_print_text (props);
}

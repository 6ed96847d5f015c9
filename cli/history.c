/*
 * history.c — `mobectl history`: the raw break log, newest first, as a
 * table, JSON, or CSV (RFC 4180: a header row, CRLF line ends, fields with
 * commas, quotes or line breaks quoted, quotes doubled) for spreadsheets.
 */
#include "cli/commands.h"
#include "cli/json-out.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cli/text.h"

#define DEFAULT_LIMIT 20

typedef struct {
  gint64      due, ended;
  gint32      offset;
  const char *outcome;
  guint       snoozes;
  GVariant   *drills;
} Row;

static void
read_row (GVariant *v, Row *r)
{
  memset (r, 0, sizeof *r);
  r->outcome = "";
  g_variant_lookup (v, "due", "x", &r->due);
  g_variant_lookup (v, "ended", "x", &r->ended);
  g_variant_lookup (v, "utc_offset", "i", &r->offset);
  g_variant_lookup (v, "outcome", "&s", &r->outcome);
  g_variant_lookup (v, "snoozes", "u", &r->snoozes);
  r->drills = g_variant_lookup_value (v, "drills", G_VARIANT_TYPE ("aa{sv}"));
}

/* The time as the user lived it: wall clock at the offset of the day. */
static char *
local_time (gint64 us, gint32 offset, const char *format)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = dt ? g_date_time_to_timezone (dt, tz) : NULL;

  return local ? g_date_time_format (local, format) : g_strdup ("?");
}

/* "neck-circles 8/8 + wrist-circles 10/10": reps done / offered. */
static char *
drills_text (GVariant *drills)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *id = "?";
      guint32 offered = 0, done = 0;

      g_variant_lookup (d, "id", "&s", &id);
      g_variant_lookup (d, "reps_offered", "u", &offered);
      g_variant_lookup (d, "reps_done", "u", &done);
      g_string_append_printf (out, "%s%s %u/%u", i ? " + " : "", id, done, offered);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
csv_field (GString *line, const char *text, gboolean last)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (line, '"');
      for (const char *c = text; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *c);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, text);
  g_string_append (line, last ? "\r\n" : ",");
}

static void
print_csv (GVariant *rows)
{
  GString *line = g_string_new ("due,ended,outcome,snoozes,response_s,drills\r\n");

  for (gsize i = 0; i < g_variant_n_children (rows); i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (rows, i);
      g_autofree char *due = NULL, *ended = NULL, *response = NULL, *drills = NULL;
      g_autofree char *snoozes = NULL;
      Row r;

      read_row (v, &r);
      due = local_time (r.due, r.offset, "%Y-%m-%dT%H:%M:%S%:z");
      ended = local_time (r.ended, r.offset, "%Y-%m-%dT%H:%M:%S%:z");
      response = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (0, r.ended - r.due) / G_USEC_PER_SEC);
      snoozes = g_strdup_printf ("%u", r.snoozes);
      drills = drills_text (r.drills);
      csv_field (line, due, FALSE);
      csv_field (line, ended, FALSE);
      csv_field (line, r.outcome, FALSE);
      csv_field (line, snoozes, FALSE);
      csv_field (line, response, FALSE);
      csv_field (line, drills, TRUE);
      g_clear_pointer (&r.drills, g_variant_unref);
    }
  fwrite (line->str, 1, line->len, stdout);
  g_string_free (line, TRUE);
}

static void
print_json (GVariant *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "breaks");
  json_builder_begin_array (b);
  for (gsize i = 0; i < g_variant_n_children (rows); i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (rows, i);
      g_autofree char *due = NULL, *ended = NULL;
      Row r;

      read_row (v, &r);
      due = local_time (r.due, r.offset, "%Y-%m-%dT%H:%M:%S%:z");
      ended = local_time (r.ended, r.offset, "%Y-%m-%dT%H:%M:%S%:z");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "due");
      json_builder_add_string_value (b, due);
      json_builder_set_member_name (b, "ended");
      json_builder_add_string_value (b, ended);
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, r.outcome);
      json_builder_set_member_name (b, "snoozes");
      json_builder_add_int_value (b, r.snoozes);
      json_builder_set_member_name (b, "response_s");
      json_builder_add_int_value (b, MAX (0, r.ended - r.due) / G_USEC_PER_SEC);
      json_builder_set_member_name (b, "drills");
      json_builder_begin_array (b);
      for (gsize k = 0; r.drills != NULL && k < g_variant_n_children (r.drills); k++)
        {
          g_autoptr(GVariant) d = g_variant_get_child_value (r.drills, k);
          const char *id = "";
          guint32 offered = 0, done = 0;

          g_variant_lookup (d, "id", "&s", &id);
          g_variant_lookup (d, "reps_offered", "u", &offered);
          g_variant_lookup (d, "reps_done", "u", &done);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, id);
          json_builder_set_member_name (b, "reps_offered");
          json_builder_add_int_value (b, offered);
          json_builder_set_member_name (b, "reps_done");
          json_builder_add_int_value (b, done);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      g_clear_pointer (&r.drills, g_variant_unref);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  mobectl_json_print (b);
}

/* The table for people: the outcome in the user's language, the columns
 * as wide as their translated headers need. */
static void
print_table (GVariant *rows)
{
  /* TRANSLATORS: the column headers of `mobectl history`: when the break
   * was due, how it ended, how often it was snoozed, seconds until it ended */
  const char *headers[] = { _("DUE"), _("OUTCOME"), _("SNOOZES"), _("RESPONSE"),
                            _("DRILLS (done/offered)") };
  int width[4] = { 16, 9, 7, 8 };
  gsize n = g_variant_n_children (rows);

  if (n == 0)
    {
      g_print ("%s\n", _("No breaks recorded yet."));
      return;
    }
  for (int c = 0; c < 4; c++)
    width[c] = MAX (width[c], mobectl_text_width (headers[c]));
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (rows, i);
      const char *outcome = "";

      g_variant_lookup (v, "outcome", "&s", &outcome);
      width[1] = MAX (width[1], mobectl_text_width (mobectl_outcome_text (outcome)));
    }
  {
    g_autofree char *due = mobectl_pad (headers[0], width[0], FALSE);
    g_autofree char *outcome = mobectl_pad (headers[1], width[1], FALSE);
    g_autofree char *snoozes = mobectl_pad (headers[2], width[2], TRUE);
    g_autofree char *response = mobectl_pad (headers[3], width[3], TRUE);

    g_print ("%s  %s  %s  %s  %s\n", due, outcome, snoozes, response, headers[4]);
  }
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (rows, i);
      g_autofree char *due = NULL, *drills = NULL, *response = NULL;
      g_autofree char *due_cell = NULL, *outcome = NULL, *snoozes = NULL, *response_cell = NULL;
      Row r;

      read_row (v, &r);
      due = local_time (r.due, r.offset, "%Y-%m-%d %H:%M");
      drills = drills_text (r.drills);
      response = g_strdup_printf ("%" G_GINT64_FORMAT " s", MAX (0, r.ended - r.due) / G_USEC_PER_SEC);
      due_cell = mobectl_pad (due, width[0], FALSE);
      outcome = mobectl_pad (mobectl_outcome_text (r.outcome), width[1], FALSE);
      snoozes = g_strdup_printf ("%*u", width[2], r.snoozes);
      response_cell = mobectl_pad (response, width[3], TRUE);
      g_print ("%s  %s  %s  %s  %s\n", due_cell, outcome, snoozes, response_cell,
               *drills ? drills : "-");
      g_clear_pointer (&r.drills, g_variant_unref);
    }
}

/* Local midnight starting @text (YYYY-MM-DD), as unix µs. */
static gboolean
parse_since (const char *text, gint64 *ret)
{
  guint y, m, d;
  int used = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (text, "%4u-%2u-%2u%n", &y, &m, &d, &used) != 3 || text[used] != '\0'
      || strlen (text) != 10 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *ret = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
  return TRUE;
}

int
mobectl_cmd_history (MobectlContext *ctx, int argc, char **argv)
{
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) rows = NULL;
  guint64 limit = DEFAULT_LIMIT;
  gint64 since;

  if (ctx->json && ctx->csv)
    return mobectl_usage_error (ctx, "%s", _("choose one of --json and --csv"));
  if (ctx->limit != NULL && !g_ascii_string_to_unsigned (ctx->limit, 10, 0, 1000000, &limit, NULL))
    return mobectl_usage_error (ctx, _("'%s' is not a number of breaks (0 for all)"), ctx->limit);
  g_variant_builder_add (&options, "{sv}", "limit", g_variant_new_uint32 ((guint32) limit));
  if (ctx->since != NULL)
    {
      if (!parse_since (ctx->since, &since))
        return mobectl_usage_error (ctx, _("'%s' is not a date like 2026-11-24"), ctx->since);
      g_variant_builder_add (&options, "{sv}", "since", g_variant_new_int64 (since));
    }
  reply = mobectl_call (ctx, "GetHistory", g_variant_new ("(@a{sv})", g_variant_builder_end (&options)),
                        G_VARIANT_TYPE ("(aa{sv})"), &error);
  if (reply == NULL)
    return mobectl_bus_error (ctx, error);
  rows = g_variant_get_child_value (reply, 0);
  if (ctx->json)
    print_json (rows);
  else if (ctx->csv)
    print_csv (rows);
  else
    print_table (rows);
  return MOBECTL_EXIT_OK;
}

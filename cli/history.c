/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history.c — `mobectl history`: the raw log, newest first. The table for
 * people has the pauses among the breaks; JSON and CSV (RFC 4180: a header
 * row, CRLF line ends, fields with commas, quotes or line breaks quoted,
 * quotes doubled) for scripts and spreadsheets hold the breaks, or with
 * --pauses the pauses, each in a shape of its own. Focus sets are among
 * the breaks in all three (history-focus.c), marked by their kind.
 */
#include "cli/commands.h"
#include "cli/history-entries.h"
#include "cli/history-focus.h"
#include "cli/json-out.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "core/duration.h"
#include "cli/text.h"

#define DEFAULT_LIMIT 20
#define ISO_FORMAT "%Y-%m-%dT%H:%M:%S%:z"
#define TABLE_FORMAT "%Y-%m-%d %H:%M"

typedef struct {
  gint64      due, ended;
  gint32      offset;
  const char *outcome;
  guint       snoozes;
  GVariant   *drills;
  const char *kind;             /* "drills" or "walk" */
  guint       sat_s;
  const char **held_by;         /* DeferReasons words; NULL for none */
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
  r->kind = "drills";
  g_variant_lookup (v, "kind", "&s", &r->kind);
  g_variant_lookup (v, "sat_s", "u", &r->sat_s);
  g_variant_lookup (v, "held_by", "^a&s", &r->held_by);
}

/* A walk's last column: it has no drills, so how long it ended a sitting. */
static char *
walk_text (const Row *r)
{
  if (r->sat_s < 60)
    /* TRANSLATORS: `mobectl history`, a break that was a walk */
    return g_strdup (_("walk"));
  /* TRANSLATORS: `mobectl history`, a walk and how long the user had sat
   * before it, in minutes */
  return g_strdup_printf (_("walk after %u min sitting"), r->sat_s / 60);
}

typedef struct {
  gint64      start, end;       /* end 0 while it runs */
  gint32      offset;
  const char *reason;           /* "" for none */
} Pause;

static void
read_pause (GVariant *v, Pause *p)
{
  memset (p, 0, sizeof *p);
  p->reason = "";
  g_variant_lookup (v, "start", "x", &p->start);
  g_variant_lookup (v, "end", "x", &p->end);
  g_variant_lookup (v, "utc_offset", "i", &p->offset);
  g_variant_lookup (v, "reason", "&s", &p->reason);
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

/* Breaks and focus sets; a focus set's drills end with its place. */
static void
print_csv (GArray *entries)
{
  GString *line = g_string_new ("due,ended,outcome,snoozes,response_s,drills,kind\r\n");

  for (guint i = 0; i < entries->len; i++)
    {
      const MobectlEntry *e = &g_array_index (entries, MobectlEntry, i);
      GVariant *v = e->row;
      g_autofree char *due = NULL, *ended = NULL, *response = NULL, *drills = NULL;
      g_autofree char *snoozes = NULL;
      Row r;

      read_row (v, &r);
      due = local_time (r.due, r.offset, ISO_FORMAT);
      ended = local_time (r.ended, r.offset, ISO_FORMAT);
      response = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (0, r.ended - r.due) / G_USEC_PER_SEC);
      snoozes = g_strdup_printf ("%u", r.snoozes);
      drills = drills_text (r.drills);
      csv_field (line, due, FALSE);
      csv_field (line, ended, FALSE);
      csv_field (line, r.outcome, FALSE);
      csv_field (line, snoozes, FALSE);
      csv_field (line, response, FALSE);
      if (e->kind == MOBECTL_ENTRY_FOCUS)
        {
          g_autofree char *label = mobectl_history_focus_label (v, FALSE);
          g_autofree char *text = g_strdup_printf ("%s · %s", drills, label);
          csv_field (line, text, FALSE);
        }
      else
        csv_field (line, drills, FALSE);
      csv_field (line, e->kind == MOBECTL_ENTRY_FOCUS ? "focus-set" : r.kind, TRUE);
      g_clear_pointer (&r.drills, g_variant_unref);
      g_clear_pointer (&r.held_by, g_free);
    }
  fwrite (line->str, 1, line->len, stdout);
  g_string_free (line, TRUE);
}

static void
print_json (GArray *entries)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "breaks");
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      const MobectlEntry *e = &g_array_index (entries, MobectlEntry, i);
      GVariant *v = e->row;
      g_autofree char *due = NULL, *ended = NULL;
      Row r;

      read_row (v, &r);
      due = local_time (r.due, r.offset, ISO_FORMAT);
      ended = local_time (r.ended, r.offset, ISO_FORMAT);
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
      json_builder_set_member_name (b, "sat_s");
      json_builder_add_int_value (b, r.sat_s);
      json_builder_set_member_name (b, "held_by");
      json_builder_begin_array (b);
      for (const char **w = r.held_by; w != NULL && *w != NULL; w++)
        json_builder_add_string_value (b, *w);
      json_builder_end_array (b);
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
      /* One word for what the row is: a break of drills, a walk, or a
       * focus plan's set. */
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, e->kind == MOBECTL_ENTRY_FOCUS ? "focus-set" : r.kind);
      mobectl_history_focus_json (b, e->kind == MOBECTL_ENTRY_FOCUS ? v : NULL);
      json_builder_end_object (b);
      g_clear_pointer (&r.drills, g_variant_unref);
      g_clear_pointer (&r.held_by, g_free);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  mobectl_json_print (b);
}

static void
print_pauses_csv (GVariant *pauses)
{
  GString *line = g_string_new ("start,end,reason\r\n");

  for (gsize i = 0; i < g_variant_n_children (pauses); i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (pauses, i);
      g_autofree char *start = NULL, *end = NULL;
      Pause p;

      read_pause (v, &p);
      start = local_time (p.start, p.offset, ISO_FORMAT);
      end = p.end > 0 ? local_time (p.end, p.offset, ISO_FORMAT) : g_strdup ("");
      csv_field (line, start, FALSE);
      csv_field (line, end, FALSE);
      csv_field (line, p.reason, TRUE);
    }
  fwrite (line->str, 1, line->len, stdout);
  g_string_free (line, TRUE);
}

static void
print_pauses_json (GVariant *pauses)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pauses");
  json_builder_begin_array (b);
  for (gsize i = 0; i < g_variant_n_children (pauses); i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (pauses, i);
      g_autofree char *start = NULL, *end = NULL;
      Pause p;

      read_pause (v, &p);
      start = local_time (p.start, p.offset, ISO_FORMAT);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, start);
      /* null while it runs, and for no reason, as status --json has it */
      json_builder_set_member_name (b, "end");
      if (p.end > 0)
        {
          end = local_time (p.end, p.offset, ISO_FORMAT);
          json_builder_add_string_value (b, end);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reason");
      if (*p.reason != '\0')
        json_builder_add_string_value (b, p.reason);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  mobectl_json_print (b);
}

/* How long @p lasted, or has lasted by @now, for people: "45 min", to the
 * minute once it is that long. */
static char *
pause_length (const Pause *p, gint64 now)
{
  gint64 end = p->end > 0 ? p->end : now;
  guint64 seconds = (guint64) (MAX (0, end - p->start) / G_USEC_PER_SEC);

  return mobed_duration_format_human (seconds < 60 ? seconds : seconds / 60 * 60);
}

/* The pauses alone, for people. */
static void
print_pauses_table (GVariant *pauses)
{
  /* TRANSLATORS: the column headers of `mobectl history --pauses`: when
   * the pause began and ended, how long it was, why it was taken */
  const char *headers[] = { _("START"), _("END"), _("LENGTH"), _("REASON") };
  /* TRANSLATORS: the end of a pause that still runs, in `mobectl history` */
  const char *running = C_("pause end", "now");
  int width[3] = { 16, 16, 6 };
  gsize n = g_variant_n_children (pauses);
  gint64 now = g_get_real_time ();

  if (n == 0)
    {
      g_print ("%s\n", _("No pauses recorded yet."));
      return;
    }
  for (int c = 0; c < 3; c++)
    width[c] = MAX (width[c], mobectl_text_width (headers[c]));
  width[1] = MAX (width[1], mobectl_text_width (running));
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (pauses, i);
      g_autofree char *length = NULL;
      Pause p;

      read_pause (v, &p);
      length = pause_length (&p, now);
      width[2] = MAX (width[2], mobectl_text_width (length));
    }
  {
    g_autofree char *start = mobectl_pad (headers[0], width[0], FALSE);
    g_autofree char *end = mobectl_pad (headers[1], width[1], FALSE);
    g_autofree char *length = mobectl_pad (headers[2], width[2], TRUE);

    g_print ("%s  %s  %s  %s\n", start, end, length, headers[3]);
  }
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (pauses, i);
      g_autofree char *start = NULL, *end = NULL, *length = NULL;
      g_autofree char *start_cell = NULL, *end_cell = NULL, *length_cell = NULL;
      Pause p;

      read_pause (v, &p);
      start = local_time (p.start, p.offset, TABLE_FORMAT);
      end = p.end > 0 ? local_time (p.end, p.offset, TABLE_FORMAT) : g_strdup (running);
      length = pause_length (&p, now);
      start_cell = mobectl_pad (start, width[0], FALSE);
      end_cell = mobectl_pad (end, width[1], FALSE);
      length_cell = mobectl_pad (length, width[2], TRUE);
      g_print ("%s  %s  %s  %s\n", start_cell, end_cell, length_cell,
               *p.reason ? mobectl_pause_reason_text (p.reason) : "-");
    }
}

/* A pause in the drills column: its reason and how long it was, or has
 * been so far. */
static char *
pause_text (const Pause *p, gint64 now)
{
  g_autofree char *length = pause_length (p, now);
  g_autofree char *lasted = NULL;

  if (p->end > 0)
    lasted = g_strdup (length);
  else
    /* TRANSLATORS: how long a pause that still runs has lasted: "12 min so far" */
    lasted = g_strdup_printf (_("%s so far"), length);
  if (*p->reason == '\0')
    return g_steal_pointer (&lasted);
  return g_strdup_printf ("%s · %s", mobectl_pause_reason_text (p->reason), lasted);
}

/* The table for people: the outcome in the user's language, the pauses
 * among the breaks, the columns as wide as their translated headers need. */
static void
print_table (GArray *entries)
{
  /* TRANSLATORS: the column headers of `mobectl history`: when the break
   * was due (or a pause began), how it ended, how often it was snoozed,
   * seconds until it ended */
  const char *headers[] = { _("DUE"), _("OUTCOME"), _("SNOOZES"), _("RESPONSE"),
                            _("DRILLS (done/offered)") };
  /* TRANSLATORS: in the outcome column of `mobectl history`, a pause
   * among the breaks */
  const char *paused = C_("outcome", "paused");
  int width[4] = { 16, 9, 7, 8 };
  gint64 now = g_get_real_time ();

  if (entries->len == 0)
    {
      g_print ("%s\n", _("No breaks recorded yet."));
      return;
    }
  for (int c = 0; c < 4; c++)
    width[c] = MAX (width[c], mobectl_text_width (headers[c]));
  for (guint i = 0; i < entries->len; i++)
    {
      const MobectlEntry *e = &g_array_index (entries, MobectlEntry, i);
      const char *outcome = "";

      if (e->kind == MOBECTL_ENTRY_PAUSE)
        outcome = paused;
      else if (g_variant_lookup (e->row, "outcome", "&s", &outcome))
        outcome = mobectl_outcome_text (outcome);
      width[1] = MAX (width[1], mobectl_text_width (outcome));
    }
  {
    g_autofree char *due = mobectl_pad (headers[0], width[0], FALSE);
    g_autofree char *outcome = mobectl_pad (headers[1], width[1], FALSE);
    g_autofree char *snoozes = mobectl_pad (headers[2], width[2], TRUE);
    g_autofree char *response = mobectl_pad (headers[3], width[3], TRUE);

    g_print ("%s  %s  %s  %s  %s\n", due, outcome, snoozes, response, headers[4]);
  }
  for (guint i = 0; i < entries->len; i++)
    {
      const MobectlEntry *e = &g_array_index (entries, MobectlEntry, i);
      g_autofree char *due = NULL, *drills = NULL, *response = NULL;
      g_autofree char *due_cell = NULL, *outcome = NULL, *snoozes = NULL, *response_cell = NULL;

      if (e->kind == MOBECTL_ENTRY_PAUSE)
        {
          Pause p;

          read_pause (e->row, &p);
          due = local_time (p.start, p.offset, TABLE_FORMAT);
          outcome = mobectl_pad (paused, width[1], FALSE);
          snoozes = g_strnfill ((gsize) width[2], ' ');
          response_cell = g_strnfill ((gsize) width[3], ' ');
          drills = pause_text (&p, now);
        }
      else
        {
          Row r;

          read_row (e->row, &r);
          due = local_time (r.due, r.offset, TABLE_FORMAT);
          drills = drills_text (r.drills);
          if (e->kind == MOBECTL_ENTRY_FOCUS)
            {
              g_autofree char *label = mobectl_history_focus_label (e->row, TRUE);
              g_autofree char *said = g_steal_pointer (&drills);
              drills = g_strdup_printf ("%s · %s", said, label);
            }
          if (*drills == '\0')
            g_free (g_steal_pointer (&drills));
          if (drills == NULL && g_str_equal (r.kind, "walk"))
            drills = walk_text (&r);
          response = g_strdup_printf ("%" G_GINT64_FORMAT " s",
                                      MAX (0, r.ended - r.due) / G_USEC_PER_SEC);
          outcome = mobectl_pad (mobectl_outcome_text (r.outcome), width[1], FALSE);
          snoozes = g_strdup_printf ("%*u", width[2], r.snoozes);
          response_cell = mobectl_pad (response, width[3], TRUE);
          g_clear_pointer (&r.drills, g_variant_unref);
          g_clear_pointer (&r.held_by, g_free);
        }
      due_cell = mobectl_pad (due, width[0], FALSE);
      g_print ("%s  %s  %s  %s  %s\n", due_cell, outcome, snoozes, response_cell,
               drills != NULL ? drills : "-");
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

/* GetHistory or GetPauses with @options: their rows (aa{sv}), or NULL. */
static GVariant *
fetch (MobectlContext *ctx, const char *method, GVariant *options, GError **error)
{
  g_autoptr(GVariant) reply = mobectl_call (ctx, method, g_variant_new ("(@a{sv})", options),
                                            G_VARIANT_TYPE ("(aa{sv})"), error);

  return reply != NULL ? g_variant_get_child_value (reply, 0) : NULL;
}

int
mobectl_cmd_history (MobectlContext *ctx, int argc, char **argv)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) rows = NULL;
  g_autoptr(GVariant) pauses = NULL;
  g_autoptr(GVariant) sets = NULL;
  g_autoptr(GArray) entries = NULL;
  guint64 limit = DEFAULT_LIMIT;
  gint64 since;

  if (ctx->json && ctx->csv)
    return mobectl_usage_error (ctx, "%s", _("choose one of --json and --csv"));
  if (ctx->limit != NULL && !g_ascii_string_to_unsigned (ctx->limit, 10, 0, 1000000, &limit, NULL))
    return mobectl_usage_error (ctx, _("'%s' is not a number of entries (0 for all)"), ctx->limit);
  g_variant_builder_add (&builder, "{sv}", "limit", g_variant_new_uint32 ((guint32) limit));
  if (ctx->since != NULL)
    {
      if (!parse_since (ctx->since, &since))
        return mobectl_usage_error (ctx, _("'%s' is not a date like 2026-11-24"), ctx->since);
      g_variant_builder_add (&builder, "{sv}", "since", g_variant_new_int64 (since));
    }
  options = g_variant_ref_sink (g_variant_builder_end (&builder));

  /* JSON and CSV keep one shape each: breaks (focus sets among them), or
   * with --pauses pauses. */
  if (!ctx->pauses && (rows = fetch (ctx, "GetHistory", options, &error)) == NULL)
    return mobectl_bus_error (ctx, error);
  if (!ctx->pauses && (sets = mobectl_history_focus_sets (ctx, options, &error)) == NULL)
    return mobectl_bus_error (ctx, error);
  if ((ctx->pauses || !(ctx->json || ctx->csv))
      && (pauses = fetch (ctx, "GetPauses", options, &error)) == NULL)
    return mobectl_bus_error (ctx, error);
  if (ctx->pauses && ctx->json)
    print_pauses_json (pauses);
  else if (ctx->pauses && ctx->csv)
    print_pauses_csv (pauses);
  else if (ctx->pauses)
    print_pauses_table (pauses);
  if (ctx->pauses)
    return MOBECTL_EXIT_OK;
  entries = mobectl_history_merge (rows, pauses, sets, (guint) limit);
  if (ctx->json)
    print_json (entries);
  else if (ctx->csv)
    print_csv (entries);
  else
    print_table (entries);
  return MOBECTL_EXIT_OK;
}

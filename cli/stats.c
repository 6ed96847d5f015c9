/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.c — `mobectl stats`: today at a glance, a table with a bar per day,
 * the streak, the regions moved, a 12-week heatmap (JSON is stats-json.c,
 * SVG stats-svg.c). Numbers come from the daemon's GetStats; this file only
 * lays them out. Colour only on a terminal, and never with NO_COLOR set.
 */
#include "cli/stats.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/table.h"
#include "cli/text.h"

#define BAR_WIDTH 16
#define HEATMAP_WEEKS 12

static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
static const char *const shades[] = { "·", "░", "▒", "▓", "█" };

static gboolean
use_colour (void)
{
  const char *no = g_getenv ("NO_COLOR");

  return isatty (STDOUT_FILENO) && (no == NULL || *no == '\0');
}

guint
mobectl_stats_uint (GVariant *dict, const char *key)
{
  guint32 v = 0;

  g_variant_lookup (dict, key, "u", &v);
  return v;
}

static void
day_clear (MobectlDay *d)
{
  g_strfreev (d->regions);
}

void
mobectl_stats_read_day (GVariant *dict, MobectlDay *d)
{
  const char *date = "";

  g_variant_lookup (dict, "date", "&s", &date);
  g_strlcpy (d->date, date, sizeof d->date);
  d->offered = mobectl_stats_uint (dict, "offered");
  d->done = mobectl_stats_uint (dict, "done");
  d->skipped = mobectl_stats_uint (dict, "skipped");
  d->missed = mobectl_stats_uint (dict, "missed");
  d->dismissed = mobectl_stats_uint (dict, "dismissed");
  d->natural = mobectl_stats_uint (dict, "natural");
  d->snoozes = mobectl_stats_uint (dict, "snoozes");
  g_variant_lookup (dict, "minutes_moved", "d", &d->minutes);
  d->walks = mobectl_stats_uint (dict, "walks");
  d->walks_done = mobectl_stats_uint (dict, "walks_done");
  d->longest_sitting_s = mobectl_stats_uint (dict, "longest_sitting_s");
  if (!g_variant_lookup (dict, "regions", "^as", &d->regions))
    d->regions = g_new0 (char *, 1);
}

GArray *
mobectl_stats_days (GVariant *stats)
{
  g_autoptr(GVariant) days = g_variant_lookup_value (stats, "days", G_VARIANT_TYPE ("aa{sv}"));
  GArray *out = g_array_new (FALSE, TRUE, sizeof (MobectlDay));

  g_array_set_clear_func (out, (GDestroyNotify) day_clear);
  for (gsize i = 0; days != NULL && i < g_variant_n_children (days); i++)
    {
      g_autoptr(GVariant) v = g_variant_get_child_value (days, i);
      MobectlDay d = { 0 };

      mobectl_stats_read_day (v, &d);
      g_array_append_val (out, d);
    }
  return out;
}

guint
mobectl_stats_shade (guint done, guint goal)
{
  if (done == 0)
    return 0;
  if (done >= goal)
    return 4;
  return 1 + MIN (2, done * 3 / MAX (goal, 1));
}

GVariant *
mobectl_stats_fetch (MobectlContext *ctx, guint days, GError **error)
{
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) reply = NULL;

  g_variant_builder_add (&options, "{sv}", "days", g_variant_new_uint32 (days));
  reply = mobectl_call (ctx, "GetStats", g_variant_new ("(@a{sv})", g_variant_builder_end (&options)),
                        G_VARIANT_TYPE ("(a{sv})"), error);
  return reply != NULL ? g_variant_get_child_value (reply, 0) : NULL;
}

/* "Wed 18 Nov" for a YYYY-MM-DD date. */
static char *
short_date (const char *date)
{
  guint y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3
      || (dt = g_date_time_new_local (y, m, d, 12, 0, 0)) == NULL)
    return g_strdup (date);
  return g_date_time_format (dt, "%a %d %b");
}

char *
mobectl_stats_short_date (const char *date)
{
  return short_date (date);
}

static char *
bar (guint done, guint scale)
{
  GString *out = g_string_new (NULL);
  guint eighths_total = scale > 0 ? (guint) ((guint64) done * BAR_WIDTH * 8 / scale) : 0;

  eighths_total = MIN (eighths_total, BAR_WIDTH * 8);
  for (guint i = 0; i < eighths_total / 8; i++)
    g_string_append (out, "█");
  g_string_append (out, eighths[eighths_total % 8]);
  return g_string_free (out, FALSE);
}

static char *
joined_regions (char **regions)
{
  /* TRANSLATORS: no body region moved yet today */
  return regions[0] != NULL ? g_strjoinv (", ", regions) : g_strdup (_("none yet"));
}

/* Prints @label then @items and a newline, broken at spaces to fit the
 * terminal (80 columns when it is not one), the lines after the first
 * under the first item: every region moved would run off the edge. */
static void
print_wrapped (const char *label, const char *items)
{
  int indent = mobectl_text_width (label), width = mobectl_terminal_width ();
  int column = indent;
  g_auto(GStrv) words = g_strsplit (items, " ", -1);
  g_autofree char *spaces = g_strnfill (indent, ' ');

  g_print ("%s", label);
  for (guint i = 0; words[i] != NULL; i++)
    {
      int needed = mobectl_text_width (words[i]) + (i > 0 ? 1 : 0);

      if (i > 0 && column + needed > width)
        {
          g_print ("\n%s%s", spaces, words[i]);
          column = indent + mobectl_text_width (words[i]);
        }
      else
        {
          g_print ("%s%s", i > 0 ? " " : "", words[i]);
          column += needed;
        }
    }
  g_print ("\n");
}

/* The drills done most on one line, or, where their names make it wider
 * than the terminal, continued under the first name: a comma never ends a
 * line with a name cut in two. */
static void
print_top (GVariant *stats)
{
  g_autoptr(GVariant) top = g_variant_lookup_value (stats, "top_drills", G_VARIANT_TYPE ("aa{sv}"));
  /* TRANSLATORS: the drills done most, each with its count */
  g_autofree char *label = g_strdup_printf (_("Top drills: %s"), "");
  int indent = mobectl_text_width (label), column = indent;
  int width = mobectl_terminal_width ();
  g_autofree char *spaces = g_strnfill (indent, ' ');

  if (top == NULL || g_variant_n_children (top) == 0)
    return;
  g_print ("%s", label);
  for (gsize i = 0; i < g_variant_n_children (top); i++)
    {
      g_autoptr(GVariant) t = g_variant_get_child_value (top, i);
      const char *name = "?";
      g_autofree char *entry = NULL;
      gboolean last = i + 1 == g_variant_n_children (top);
      int needed;

      g_variant_lookup (t, "name", "&s", &name);
      entry = g_strdup_printf ("%s (%u)%s", name, mobectl_stats_uint (t, "done"), last ? "" : ",");
      needed = mobectl_text_width (entry) + (i > 0 ? 1 : 0);
      if (i > 0 && column + needed > width)
        {
          g_print ("\n%s%s", spaces, entry);
          column = indent + mobectl_text_width (entry);
        }
      else
        {
          g_print ("%s%s", i > 0 ? " " : "", entry);
          column += needed;
        }
    }
  g_print ("\n");
}

/* The table's columns: the day, six counts, the minutes moved. */
#define N_COUNTS 6
#define N_CELLS (1 + N_COUNTS + 1)

static void
row_cells (char **cells, char *label, guint done, guint skipped, guint missed, guint dismissed,
           guint natural, guint snoozes, double minutes)
{
  const guint counts[N_COUNTS] = { done, skipped, missed, dismissed, natural, snoozes };

  cells[0] = label;
  for (int c = 0; c < N_COUNTS; c++)
    cells[1 + c] = g_strdup_printf ("%u", counts[c]);
  /* TRANSLATORS: minutes moved in a day, short, as in "4.5m" */
  cells[N_CELLS - 1] = g_strdup_printf (_("%.1fm"), minutes);
}

/* One row per day, then the totals, each column as wide as its widest cell. */
static void
print_rows (GArray *days, GVariant *totals, double total_minutes, guint goal, guint scale,
            gboolean colour)
{
  /* TRANSLATORS: the column headers of `mobectl stats`, at most 4 characters
   * if you can (done, skipped, missed, dismissed, away from the computer
   * (natural breaks), snoozes), then the minutes moved */
  const char *headers[N_CELLS] = { "", C_("column", "done"), C_("column", "skip"),
                                   C_("column", "miss"), C_("column", "shut"),
                                   C_("column", "away"), C_("column", "snz"),
                                   C_("column", "moved") };
  const int min_width[N_CELLS] = { 10, 4, 4, 4, 4, 4, 4, 6 };
  guint n_rows = days->len + 1;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_full (n_rows * N_CELLS, g_free);
  int width[N_CELLS];

  g_ptr_array_set_size (cells, n_rows * N_CELLS);
  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      row_cells ((char **) &cells->pdata[i * N_CELLS], short_date (d->date), d->done,
                 d->skipped, d->missed, d->dismissed, d->natural, d->snoozes, d->minutes);
    }
  /* TRANSLATORS: the last row of `mobectl stats`, the sums of the columns */
  row_cells ((char **) &cells->pdata[days->len * N_CELLS], g_strdup (_("total")),
             mobectl_stats_uint (totals, "done"), mobectl_stats_uint (totals, "skipped"),
             mobectl_stats_uint (totals, "missed"), mobectl_stats_uint (totals, "dismissed"),
             mobectl_stats_uint (totals, "natural"), mobectl_stats_uint (totals, "snoozes"),
             total_minutes);
  for (int c = 0; c < N_CELLS; c++)
    {
      width[c] = MAX (min_width[c], mobectl_text_width (headers[c]));
      for (guint r = 0; r < n_rows; r++)
        width[c] = MAX (width[c], mobectl_text_width (cells->pdata[r * N_CELLS + c]));
    }

  /* The day left-aligned, then two spaces; numbers right-aligned, one apart. */
  for (int c = 0; c < N_CELLS; c++)
    {
      g_autofree char *cell = mobectl_pad (headers[c], width[c], c > 0);
      g_print ("%s%s", c == 1 ? "  " : c > 1 ? " " : "", cell);
    }
  g_print ("\n");
  for (guint r = 0; r < n_rows; r++)
    {
      for (int c = 0; c < N_CELLS; c++)
        {
          g_autofree char *cell = mobectl_pad (cells->pdata[r * N_CELLS + c], width[c], c > 0);
          g_print ("%s%s", c == 1 ? "  " : c > 1 ? " " : "", cell);
        }
      if (r < days->len)
        {
          const MobectlDay *d = &g_array_index (days, MobectlDay, r);
          g_autofree char *b = bar (d->done, scale);

          if (*b != '\0')
            g_print ("  %s%s%s", colour ? (d->done >= goal ? "\033[32m" : "\033[33m") : "", b,
                     colour ? "\033[0m" : "");
        }
      g_print ("\n");
      if (r == days->len)
        g_print ("\n");
    }
}

/* What the short column headers stand for, and what a full bar is. */
static void
print_legend (guint goal, guint scale)
{
  /* TRANSLATORS: the legend under the table of `mobectl stats`: each short
   * header (as you translated them, context "column") with its meaning */
  g_print (_("%s: answered Done  %s: skipped  %s: not answered in time\n"
             "%s: notification closed  %s: a natural break (you were away)\n"
             "%s: snoozes  %s: minutes of drills"),
           C_("column", "done"), C_("column", "skip"), C_("column", "miss"),
           C_("column", "shut"), C_("column", "away"), C_("column", "snz"),
           C_("column", "moved"));
  g_print ("\n");
  if (scale > goal)
    /* TRANSLATORS: the bars' scale when a day did more than the goal */
    g_print (ngettext ("A full bar is %u done break, the most in a day here.",
                       "A full bar is %u done breaks, the most in a day here.", scale), scale);
  else
    /* TRANSLATORS: the bars' scale: the daily goal fills a bar */
    g_print (ngettext ("A full bar is %u done break, the daily goal.",
                       "A full bar is %u done breaks, the daily goal.", scale), scale);
  g_print ("\n\n");
}

/* The newest focus plan: sets done of planned per day, reps, check-ins. */
static void
print_focus (GVariant *stats)
{
  g_autoptr(GVariant) focus = g_variant_lookup_value (stats, "focus", G_VARIANT_TYPE ("a{sv}"));
  g_autoptr(GVariant) days = NULL;
  g_autoptr(GVariant) ratings = NULL;
  const char *target = "";
  gboolean active = FALSE;

  if (focus == NULL || g_variant_n_children (focus) == 0)
    return;
  days = g_variant_lookup_value (focus, "plan_days", G_VARIANT_TYPE ("aa{sv}"));
  ratings = g_variant_lookup_value (focus, "ratings", G_VARIANT_TYPE ("a(us)"));
  g_variant_lookup (focus, "target", "&s", &target);
  g_variant_lookup (focus, "active", "b", &active);
  g_print ("\n");
  /* TRANSLATORS: %s is what the plan is for; the second part says whether it runs */
  g_print (_("Focus plan for %s (%s):"), target, active ? _("running") : _("ended"));
  g_print ("\n  %s", _("Sets done:"));
  for (gsize i = 0; days != NULL && i < g_variant_n_children (days); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (days, i);
      const char *date = "";
      g_autofree char *shown = NULL;

      g_variant_lookup (d, "date", "&s", &date);
      shown = short_date (date);
      g_print ("%s %s %u/%u", i > 0 ? " ·" : "", shown, mobectl_stats_uint (d, "done"),
               mobectl_stats_uint (d, "planned"));
    }
  g_print ("\n  ");
  /* TRANSLATORS: every repetition of every done focus set */
  g_print (_("Reps: %u"), mobectl_stats_uint (focus, "total_reps"));
  for (gsize i = 0; ratings != NULL && i < g_variant_n_children (ratings); i++)
    {
      guint32 day;
      const char *answer;

      g_variant_get_child (ratings, i, "(u&s)", &day, &answer);
      /* TRANSLATORS: a check-in answer, e.g. "Day 1: better" */
      g_print (" · ");
      g_print (_("Day %u: %s"), day, g_dpgettext2 (NULL, "rating", answer));
    }
  g_print ("\n");
}

static void
print_table (GVariant *stats, GArray *days)
{
  gboolean colour = use_colour ();
  guint goal = mobectl_stats_uint (stats, "goal");
  guint scale = goal;
  const MobectlDay *today = &g_array_index (days, MobectlDay, days->len - 1);
  g_autofree char *today_regions = joined_regions (today->regions);
  g_autoptr(GVariant) totals = g_variant_lookup_value (stats, "totals", G_VARIANT_TYPE ("a{sv}"));
  double adherence = -1, total_minutes = 0;

  g_variant_lookup (stats, "adherence", "d", &adherence);
  g_variant_lookup (totals, "minutes_moved", "d", &total_minutes);
  for (guint i = 0; i < days->len; i++)
    scale = MAX (scale, g_array_index (days, MobectlDay, i).done);

  /* TRANSLATORS: today's done breaks out of the daily goal (the plural
   * follows the goal), and the minutes spent on drills */
  g_print (ngettext ("Today: %u of %u break done, %.1f min moved",
                     "Today: %u of %u breaks done, %.1f min moved", goal),
           today->done, goal, today->minutes);
  g_print ("\n");
  /* TRANSLATORS: the body regions moved today, or "none yet" */
  g_autofree char *moved = g_strdup_printf (_("Moved today: %s"), "");
  print_wrapped (moved, today_regions);
  g_print ("\n");
  print_rows (days, totals, total_minutes, goal, scale, colour);
  mobectl_stats_print_walks (days, totals);
  print_legend (goal, scale);
  if (adherence >= 0)
    {
      g_print (_("Adherence: %.0f%% of the breaks offered while you were here"), adherence * 100);
      g_print ("\n");
    }
  {
    guint current = mobectl_stats_uint (stats, "streak_current");
    /* TRANSLATORS: days in a row with the daily goal met, the goal, the best run */
    g_print (ngettext ("Streak: %u day with %u or more done (best %u)",
                       "Streak: %u days with %u or more done (best %u)", current),
             current, goal, mobectl_stats_uint (stats, "streak_best"));
    g_print ("\n");
  }
  print_top (stats);
  print_focus (stats);
}

guint
mobectl_stats_weekday (const char *date)
{
  guint y, m, d;
  g_autoptr(GDate) g = g_date_new ();

  if (sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_set_dmy (g, d, m, y);
  return g_date_get_weekday (g) - 1;
}

static void
print_heatmap (GVariant *stats, GArray *days)
{
  /* TRANSLATORS: weekdays, short, as the rows of `mobectl stats --heatmap` */
  static const char *const names[] = { NC_("weekday", "Mon"), NC_("weekday", "Tue"),
                                       NC_("weekday", "Wed"), NC_("weekday", "Thu"),
                                       NC_("weekday", "Fri"), NC_("weekday", "Sat"),
                                       NC_("weekday", "Sun") };
  guint goal = mobectl_stats_uint (stats, "goal");
  /* Column 0 starts on the Monday of the first week shown. */
  guint offset = days->len > 0
    ? mobectl_stats_weekday (g_array_index (days, MobectlDay, 0).date) : 0;
  guint weeks = (offset + days->len + 6) / 7;
  int column = 0;     /* the widest weekday name */
  g_autofree char *indent = NULL;

  for (guint row = 0; row < 7; row++)
    column = MAX (column, mobectl_text_width (g_dpgettext2 (NULL, "weekday", names[row])));
  g_print (ngettext ("Done breaks, last %u week (oldest on the left)",
                     "Done breaks, last %u weeks (oldest on the left)", HEATMAP_WEEKS),
           HEATMAP_WEEKS);
  g_print ("\n");
  for (guint row = 0; row < 7; row++)
    {
      g_autofree char *name = mobectl_pad (g_dpgettext2 (NULL, "weekday", names[row]), column,
                                           FALSE);
      g_print ("%s ", name);
      for (guint w = 0; w < weeks; w++)
        {
          guint slot = w * 7 + row;
          if (slot < offset || slot - offset >= days->len)
            g_print ("  ");
          else
            g_print (" %s", shades[mobectl_stats_shade (
                                g_array_index (days, MobectlDay, slot - offset).done, goal)]);
        }
      g_print ("\n");
    }
  indent = g_strnfill ((gsize) column + 1, ' ');
  g_print ("\n%s", indent);
  /* TRANSLATORS: the heatmap's legend; keep each symbol before its word */
  g_print (_("· none  ░ some  ▒ half  ▓ most  █ goal of %u met"), goal);
  g_print ("\n");
}

static gboolean
range_days (MobectlContext *ctx, guint *days, int *ret)
{
  guint64 n;

  if ((ctx->week ? 1 : 0) + (ctx->month ? 1 : 0) + (ctx->days ? 1 : 0) > 1)
    {
      *ret = mobectl_usage_error (ctx, "%s", _("choose one of --week, --month and --days"));
      return FALSE;
    }
  *days = ctx->month ? 30 : 7;
  if (ctx->days == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (ctx->days, 10, 1, 3660, &n, NULL))
    {
      *ret = mobectl_usage_error (ctx, _("'%s' is not a number of days (1 to 3660)"), ctx->days);
      return FALSE;
    }
  *days = (guint) n;
  return TRUE;
}

int
mobectl_cmd_stats (MobectlContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) stats = NULL;
  g_autoptr(GArray) days = NULL;
  guint n_days;
  int ret = MOBECTL_EXIT_OK;

  if (!range_days (ctx, &n_days, &ret))
    return ret;
  if (ctx->heatmap && (ctx->json || ctx->svg))
    return mobectl_usage_error (ctx, "%s", _("--heatmap is a picture for the terminal; "
                                             "--json and --svg carry the same days"));
  /* The grid is always twelve weeks: a range would be quietly ignored. */
  if (ctx->heatmap && (ctx->week || ctx->month || ctx->days))
    return mobectl_usage_error (ctx, "%s", _("--heatmap always shows the last 12 weeks; "
                                             "leave out --week, --month and --days"));
  stats = mobectl_stats_fetch (ctx, ctx->heatmap ? HEATMAP_WEEKS * 7 : n_days, &error);
  if (stats == NULL)
    return mobectl_bus_error (ctx, error);
  days = mobectl_stats_days (stats);
  if (days->len == 0)
    {
      g_printerr ("%s\n", _("mobectl: mobed sent no days"));
      return MOBECTL_EXIT_REFUSED;
    }

  if (ctx->svg != NULL)
    {
      g_autoptr(GVariant) weeks = mobectl_stats_fetch (ctx, HEATMAP_WEEKS * 7, &error);
      if (weeks == NULL)
        return mobectl_bus_error (ctx, error);
      if (!mobectl_stats_write_svg (ctx->svg, stats, weeks, &error))
        {
          g_printerr ("mobectl: %s\n", error->message);
          return MOBECTL_EXIT_REFUSED;
        }
      if (!ctx->json)
        {
          /* TRANSLATORS: %s is the SVG file written */
          g_print (_("Wrote %s"), ctx->svg);
          g_print ("\n");
        }
    }
  if (ctx->json)
    mobectl_stats_print_json (stats, days);
  else if (ctx->heatmap)
    print_heatmap (stats, days);
  else if (ctx->svg == NULL)
    print_table (stats, days);
  return MOBECTL_EXIT_OK;
}

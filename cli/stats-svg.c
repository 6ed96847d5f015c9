/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-svg.c — `mobectl stats --svg FILE`: one self-contained SVG with a
 * stacked bar per day of the range, the 12-week heatmap and the body
 * regions moved in the last seven days. Generic font families only, no
 * scripts, no external references: any browser or image viewer shows it.
 */
#include "cli/stats.h"

#include <gio/gio.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"

#define WIDTH 760
#define CHART_TOP 70
#define CHART_HEIGHT 180
#define CELL 16

typedef struct { const char *label; const char *colour; } Part;

/* Stacked bottom to top, in the order a good day reads. The labels are
 * translated at use (context "chart"). */
static const Part parts[] = {
  /* TRANSLATORS: the kinds of break in the chart of `mobectl stats --svg` */
  { NC_("chart", "done"), "#2e8b57" }, { NC_("chart", "natural break"), "#4682b4" },
  { NC_("chart", "skipped"), "#a9a9a9" }, { NC_("chart", "dismissed"), "#e0a030" },
  { NC_("chart", "missed"), "#cd5c5c" },
};

static const char *
part_label (gsize part)
{
  return g_dpgettext2 (NULL, "chart", parts[part].label);
}
static const char *const heat[] = { "#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127" };

static guint
part_value (const MobectlDay *d, gsize part)
{
  const guint values[] = { d->done, d->natural, d->skipped, d->dismissed, d->missed };

  return values[part];
}

static void
text (GString *svg, double x, double y, const char *anchor, const char *size,
      const char *fill, const char *content)
{
  g_autofree char *escaped = g_markup_escape_text (content, -1);

  g_string_append_printf (svg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\" "
                          "fill=\"%s\">%s</text>\n", x, y, anchor, size, fill, escaped);
}

#define WALK_COLOUR "#6a3d9a"

static gboolean
any_walks (GArray *days)
{
  for (guint i = 0; i < days->len; i++)
    if (g_array_index (days, MobectlDay, i).walks > 0
        || g_array_index (days, MobectlDay, i).longest_sitting_s > 0)
      return TRUE;
  return FALSE;
}

/* Under a day's bar: its walks as "done/prompted", and in the tooltip the
 * longest it was sat without one. */
static void
walk_mark (GString *svg, const MobectlDay *d, double x, double y)
{
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  if (d->walks == 0 && d->longest_sitting_s == 0)
    return;
  count = g_strdup_printf ("%u/%u", d->walks_done, d->walks);
  /* TRANSLATORS: the tooltip of a day's walks in the SVG chart; the last
   * number is minutes */
  title = g_strdup_printf (_("%s: %u of %u walks done, sat up to %u min"), d->date,
                           d->walks_done, d->walks, d->longest_sitting_s / 60);
  escaped = g_markup_escape_text (title, -1);
  g_string_append_printf (svg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                          "font-size=\"9\" fill=\"%s\"><title>%s</title>%s</text>\n",
                          x, y, WALK_COLOUR, escaped, count);
  if (d->longest_sitting_s >= 60)
    {
      g_autofree char *minutes = g_strdup_printf ("%u", d->longest_sitting_s / 60);
      text (svg, x, y + 12, "middle", "9", WALK_COLOUR, minutes);
    }
}

/* A step between the numbers of the y axis that gives four or five of
 * them, in whole breaks: 1, 2, 5, 10, 20, 50, ... */
static guint
axis_step (guint top)
{
  static const guint firsts[] = { 1, 2, 5 };

  for (guint scale = 1; scale < G_MAXUINT / 10; scale *= 10)
    for (gsize i = 0; i < G_N_ELEMENTS (firsts); i++)
      if (top / (firsts[i] * scale) <= 5)
        return firsts[i] * scale;
  return top;
}

/* The y axis: the count of breaks at each step, with a faint line across. */
static void
axis (GString *svg, guint top, double base)
{
  guint step = axis_step (top);

  for (guint n = 0; n <= top; n += step)
    {
      double y = base - (double) n * CHART_HEIGHT / top;
      g_autofree char *number = g_strdup_printf ("%u", n);

      if (n > 0)
        g_string_append_printf (svg, "<line x1=\"60\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                                "stroke=\"#e4e4e4\"/>\n", y, WIDTH - 20, y);
      text (svg, 54, y + 4, "end", "10", "#555", number);
    }
  {
    /* TRANSLATORS: the title of the y axis of the chart: how many breaks a day */
    g_autofree char *title = g_markup_escape_text (_("breaks"), -1);
    double mid = CHART_TOP + CHART_HEIGHT / 2.0;

    /* Upright along the axis, left of its numbers. */
    g_string_append_printf (svg, "<text x=\"26\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" "
                            "fill=\"#555\" transform=\"rotate(-90 26 %.1f)\">%s</text>\n",
                            mid, mid, title);
  }
}

static void
bars (GString *svg, GArray *days, guint goal)
{
  guint top = MAX (goal, 1);
  double slot = (WIDTH - 80.0) / MAX (days->len, 1);
  double width = MAX (2.0, slot * 0.7);
  double base = CHART_TOP + CHART_HEIGHT;
  guint label_every = days->len > 31 ? (days->len + 14) / 15 : days->len > 14 ? 2 : 1;

  for (guint i = 0; i < days->len; i++)
    top = MAX (top, g_array_index (days, MobectlDay, i).offered);
  axis (svg, top, base);
  g_string_append_printf (svg, "<line x1=\"60\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\"/>\n",
                          base, WIDTH - 20, base);
  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      double x = 60 + i * slot + (slot - width) / 2, y = base;

      for (gsize p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          double h = (double) part_value (d, p) * CHART_HEIGHT / top;
          if (h <= 0)
            continue;
          y -= h;
          g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                                  "fill=\"%s\"><title>%s: %u %s</title></rect>\n",
                                  x, y, width, h, parts[p].colour, d->date, part_value (d, p),
                                  part_label (p));
        }
      if (i % label_every == 0 || i == days->len - 1)
        text (svg, x + width / 2, base + 16, "middle", "10", "#333", d->date + 5);
      walk_mark (svg, d, x + width / 2, base + 32);
    }
  if (any_walks (days))
    /* TRANSLATORS: the SVG chart's row of walks done of prompted, at most
     * about 8 characters */
    {
      text (svg, 56, base + 32, "end", "10", WALK_COLOUR, C_("chart", "walks"));
      /* TRANSLATORS: the SVG chart's row of each day's longest sitting, in
       * minutes; at most about 8 characters */
      text (svg, 56, base + 44, "end", "10", WALK_COLOUR, C_("chart", "sat, min"));
    }
  {
    double goal_y = base - (double) goal * CHART_HEIGHT / top;
    /* TRANSLATORS: the line of the daily goal in the chart */
    g_autofree char *label = g_strdup_printf (_("goal %u"), goal);
    g_string_append_printf (svg, "<line x1=\"60\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#2e8b57\" "
                            "stroke-dasharray=\"4 3\"/>\n", goal_y, WIDTH - 20, goal_y);
    /* At the right end, above the line: the numbers have the left side. */
    text (svg, WIDTH - 20, goal_y - 4, "end", "10", "#2e8b57", label);
  }
  for (gsize p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      double x = 60 + p * 130;
      g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>\n",
                              x, CHART_TOP - 22, parts[p].colour);
      text (svg, x + 14, CHART_TOP - 13, "start", "11", "#333", part_label (p));
    }
}

static void
heatmap (GString *svg, GArray *days, guint goal, double top)
{
  /* Every other weekday: the grid is too dense for seven labels. */
  static const char *const names[] = { NC_("weekday", "Mon"), NULL, NC_("weekday", "Wed"), NULL,
                                       NC_("weekday", "Fri"), NULL, NC_("weekday", "Sun") };
  guint offset = days->len > 0 ? mobectl_stats_weekday (g_array_index (days, MobectlDay, 0).date) : 0;
  guint weeks = (days->len + 6) / 7;
  g_autofree char *heading = g_strdup_printf (ngettext ("Done breaks, last %u week",
                                                        "Done breaks, last %u weeks", weeks),
                                              weeks);

  text (svg, 20, top - 10, "start", "13", "#222", heading);
  for (guint row = 0; row < 7; row++)
    if (names[row] != NULL)
      text (svg, 48, top + row * (CELL + 2) + 12, "end", "10", "#555",
            g_dpgettext2 (NULL, "weekday", names[row]));
  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      guint slot = offset + i;
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;

      /* TRANSLATORS: a day in the SVG heatmap: its date and the breaks done */
      title = g_strdup_printf (ngettext ("%s: %u done", "%s: %u done", d->done), d->date, d->done);
      escaped = g_markup_escape_text (title, -1);
      g_string_append_printf (svg, "<rect x=\"%u\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"2\" "
                              "fill=\"%s\"><title>%s</title></rect>\n",
                              54 + (slot / 7) * (CELL + 2), top + (slot % 7) * (CELL + 2), CELL, CELL,
                              heat[mobectl_stats_shade (d->done, goal)], escaped);
    }
  /* TRANSLATORS: the heatmap's legend runs from "less" to "goal met" */
  text (svg, 54, top + 7 * (CELL + 2) + 14, "start", "10", "#555", _("less"));
  for (guint s = 0; s < G_N_ELEMENTS (heat); s++)
    g_string_append_printf (svg, "<rect x=\"%u\" y=\"%.1f\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>\n",
                            80 + s * 15, top + 7 * (CELL + 2) + 4, heat[s]);
  text (svg, 158, top + 7 * (CELL + 2) + 14, "start", "10", "#555", _("goal met"));
}

static void
regions (GString *svg, GArray *days, double top)
{
  g_autoptr(GHashTable) moved = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = days->len > 7 ? days->len - 7 : 0; i < days->len; i++)
    for (char **r = g_array_index (days, MobectlDay, i).regions; r && *r; r++)
      g_hash_table_add (moved, *r);
  text (svg, 330, top - 10, "start", "13", "#222", _("Regions moved in the last 7 days"));
  for (guint i = 0; i < MOBED_REGION_COUNT; i++)
    {
      const char *name = mobed_region_name (1u << i);
      gboolean yes = g_hash_table_contains (moved, name);
      double x = 330 + (i % 2) * 200, y = top + (i / 2) * 24;

      g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"180\" height=\"20\" rx=\"10\" "
                              "fill=\"%s\" stroke=\"#2e8b57\"/>\n", x, y, yes ? "#2e8b57" : "#ffffff");
      text (svg, x + 90, y + 14, "middle", "11", yes ? "#ffffff" : "#2e8b57", name);
    }
}

/* A file is replaced in one step (g_file_set_contents: a temporary file
 * renamed over it). Anything else that exists, /dev/stdout, /dev/null or a
 * FIFO, is written into: renaming over it would put a file in its place,
 * and as root that replaces the device. */
static gboolean
write_out (const char *path, const GString *svg, GError **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_file_set_contents (path, svg->str, (gssize) svg->len, error);
  file = g_file_new_for_path (path);
  out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
  return out != NULL
         && g_output_stream_write_all (G_OUTPUT_STREAM (out), svg->str, svg->len, NULL, NULL,
                                       error)
         && g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/* Why a file could not be written, from a GFileError code. */
static const char *
file_error_text (int code)
{
  static const struct { GFileError code; int errnum; } known[] = {
    { G_FILE_ERROR_NOENT, ENOENT }, { G_FILE_ERROR_ACCES, EACCES }, { G_FILE_ERROR_PERM, EPERM },
    { G_FILE_ERROR_ISDIR, EISDIR }, { G_FILE_ERROR_NOTDIR, ENOTDIR }, { G_FILE_ERROR_ROFS, EROFS },
    { G_FILE_ERROR_NOSPC, ENOSPC }, { G_FILE_ERROR_NAMETOOLONG, ENAMETOOLONG },
    { G_FILE_ERROR_LOOP, ELOOP }, { G_FILE_ERROR_IO, EIO }, { G_FILE_ERROR_EXIST, EEXIST },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if ((int) known[i].code == code)
      return g_strerror (known[i].errnum);
  return g_strerror (EIO);
}

gboolean
mobectl_stats_write_svg (const char *path, GVariant *range, GVariant *weeks, GError **error)
{
  g_autoptr(GArray) range_days = mobectl_stats_days (range);
  g_autoptr(GArray) week_days = mobectl_stats_days (weeks);
  g_autoptr(GString) svg = g_string_new (NULL);
  guint goal = mobectl_stats_uint (range, "goal");
  /* Room under the bars for the rows of walks and sitting, when there are any. */
  double lower = CHART_TOP + CHART_HEIGHT + 60 + (any_walks (range_days) ? 20 : 0);
  double height = lower + 7 * (CELL + 2) + 40;
  g_autofree char *title = NULL;
  g_autoptr(GError) failed = NULL;

  if (range_days->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("no days to draw"));
      return FALSE;
    }
  /* TRANSLATORS: the title of the SVG picture: the first and last dates */
  title = g_strdup_printf (_("mobed: breaks from %s to %s"),
                           g_array_index (range_days, MobectlDay, 0).date,
                           g_array_index (range_days, MobectlDay, range_days->len - 1).date);
  g_string_append_printf (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
                          "viewBox=\"0 0 %d %.0f\" font-family=\"sans-serif\">\n"
                          "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
                          WIDTH, height, WIDTH, height);
  text (svg, 20, 26, "start", "16", "#222", title);
  bars (svg, range_days, goal);
  heatmap (svg, week_days, goal, lower);
  regions (svg, week_days, lower);
  g_string_append (svg, "</svg>\n");
  if (!write_out (path, svg, &failed))
    {
      /* GLib's message names its temporary file beside @path: name the
       * path the user gave instead. */
      /* TRANSLATORS: the file given to --svg, then why it could not be written */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("could not write '%s': %s"), path,
                   failed->domain == G_FILE_ERROR ? file_error_text (failed->code)
                                                  : failed->message);
      return FALSE;
    }
  return TRUE;
}

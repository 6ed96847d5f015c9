/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-walks.c — the walks part of `mobectl stats`: per day, the walks
 * done of those prompted and the longest stretch sat without one, so a
 * day glued to the chair stands out from one with a lunch walk.
 */
#include "cli/stats.h"

#include <glib/gi18n.h>

#include "cli/text.h"
#include "core/duration.h"

static char *
sitting_text (guint seconds)
{
  if (seconds < 60)
    return g_strdup ("–");
  return mobed_duration_format_human (seconds / 60 * 60);
}

static void
print_line (const char *label, int width, guint done, guint prompted, guint sat_s)
{
  g_autofree char *padded = mobectl_pad (label, width, FALSE);
  g_autofree char *sat = sitting_text (sat_s);

  /* TRANSLATORS: `mobectl stats`, one day (or the total): the day, walks
   * done of those prompted, the longest sitting ("1 h 5 min") */
  g_print (_("  %s  %u of %u walks · sat up to %s"), padded, done, prompted, sat);
  g_print ("\n");
}

void
mobectl_stats_print_walks (GArray *days, GVariant *totals)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  /* TRANSLATORS: the last row of `mobectl stats`, the sums of the columns */
  const char *total = _("total");
  int width = mobectl_text_width (total);

  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      char *label = NULL;

      if (d->walks > 0 || d->longest_sitting_s > 0)
        {
          label = mobectl_stats_short_date (d->date);
          width = MAX (width, mobectl_text_width (label));
        }
      g_ptr_array_add (labels, label);
    }
  if (mobectl_stats_uint (totals, "walks") == 0
      && mobectl_stats_uint (totals, "longest_sitting_s") == 0)
    return;
  /* TRANSLATORS: `mobectl stats`, the heading of the walks part */
  g_print ("%s\n", _("Walks (done of prompted) and the longest sitting:"));
  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);

      if (labels->pdata[i] != NULL)
        print_line (labels->pdata[i], width, d->walks_done, d->walks, d->longest_sitting_s);
    }
  print_line (total, width, mobectl_stats_uint (totals, "walks_done"),
              mobectl_stats_uint (totals, "walks"), mobectl_stats_uint (totals, "longest_sitting_s"));
  g_print ("\n");
}

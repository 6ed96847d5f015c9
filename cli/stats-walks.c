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

void
mobectl_stats_print_walks (GArray *days, GVariant *totals)
{
  g_autofree char *longest = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      any = any || d->walks > 0 || d->longest_sitting_s > 0;
    }
  if (!any)
    return;
  /* TRANSLATORS: `mobectl stats`, the heading of the walks part */
  g_print ("%s\n", _("Walks (done of prompted) and the longest sitting:"));
  for (guint i = 0; i < days->len; i++)
    {
      const MobectlDay *d = &g_array_index (days, MobectlDay, i);
      g_autofree char *sat = NULL;

      if (d->walks == 0 && d->longest_sitting_s == 0)
        continue;
      sat = sitting_text (d->longest_sitting_s);
      /* TRANSLATORS: one day: its date, walks done of prompted, the longest sitting */
      g_print (_("  %s  %u of %u walks · sat up to %s"), d->date, d->walks_done, d->walks, sat);
      g_print ("\n");
    }
  longest = sitting_text (mobectl_stats_uint (totals, "longest_sitting_s"));
  /* TRANSLATORS: `mobectl stats`, the walks part's total line */
  g_print (_("  total       %u of %u walks · sat up to %s"),
           mobectl_stats_uint (totals, "walks_done"), mobectl_stats_uint (totals, "walks"),
           longest);
  g_print ("\n\n");
}

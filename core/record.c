/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record.c — the drills of a history row, from the break's offers. See
 * record.h.
 */
#include "core/record.h"

void
mobed_history_row_set_drills (MobedHistoryRow *row, const MobedCatalog *catalog,
                              const MobedOffer *offers, guint n_offers, gboolean done)
{
  row->n_drills = 0;
  for (guint i = 0; i < n_offers && i < G_N_ELEMENTS (row->drills); i++)
    {
      MobedHistoryDrill *d = &row->drills[row->n_drills++];
      const MobedDrill *drill = mobed_catalog_find (catalog, offers[i].id);

      g_strlcpy (d->drill_id, offers[i].id, sizeof d->drill_id);
      d->reps_offered = offers[i].reps;
      d->reps_done = done ? offers[i].reps : 0;
      d->sides = offers[i].unit == MOBED_REPS_TIMES ? 1 : 2;
      d->seconds_per_rep = drill != NULL ? drill->seconds_per_rep : 0;
      d->regions = drill != NULL ? drill->regions : 0;
    }
}

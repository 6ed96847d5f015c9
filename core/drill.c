/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill.c — how an offered drill is put into words, in one place so the
 * notification, the log and mobectl all say it the same way.
 */
#include "core/drill.h"

char *
mobed_offer_reps_text (const MobedOffer *offer)
{
  switch (offer->unit)
    {
    case MOBED_REPS_PER_SIDE:
      return g_strdup_printf ("%u per side", offer->reps);
    case MOBED_REPS_EACH_WAY:
      return g_strdup_printf ("%u each way", offer->reps);
    case MOBED_REPS_TIMES:
    default:
      return g_strdup_printf (offer->reps == 1 ? "%u time" : "%u times", offer->reps);
    }
}

char *
mobed_offer_line (const MobedOffer *offer)
{
  g_autofree char *reps = mobed_offer_reps_text (offer);

  return g_strdup_printf ("%s · %s", offer->name, reps);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill.h — a drill as a break offers it: what to do and how many times,
 * and the words that say so ("Neck circles · 10 each way").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MOBED_REPS_TIMES,      /* "12 times" */
  MOBED_REPS_PER_SIDE,   /* "10 per side": left, then right */
  MOBED_REPS_EACH_WAY,   /* "10 each way": one direction, then the other */
} MobedRepsUnit;

typedef struct {
  const char   *id;
  const char   *name;
  const char   *summary;
  guint         reps;
  MobedRepsUnit unit;
} MobedOffer;

/* "10 each way", "1 time" */
char *mobed_offer_reps_text (const MobedOffer *offer);
/* "Neck circles · 10 each way" */
char *mobed_offer_line      (const MobedOffer *offer);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record.h — a break and a pause as the history keeps them: plain values
 * that core/stats reads and store/history writes and reads back.
 */
#pragma once

#include <glib.h>

#include "core/catalog.h"
#include "core/picker.h"
#include "core/reasons.h"
#include "core/scheduler.h"

G_BEGIN_DECLS

#define MOBED_HISTORY_ID_MAX 64

typedef struct {
  char  drill_id[MOBED_HISTORY_ID_MAX];
  guint reps_offered;
  guint reps_done;          /* the offered reps when done, else 0 */
  guint seconds_per_rep;
  guint sides;              /* 2 when reps count per side or direction */
  guint regions;            /* MobedRegion bits */
} MobedHistoryDrill;

/* A plain value: rows are copied around freely. */
typedef struct {
  gint64            id;             /* assigned when stored; 0 before */
  gint64            due_us;         /* unix µs it fell due (or the user left) */
  gint64            ended_us;
  gint32            utc_offset_s;   /* local offset then: days are the user's days */
  MobedOutcome      outcome;
  guint             snoozes;
  gboolean          escalated;      /* shown raised after ignored breaks */
  MobedBreakKind    kind;           /* drills or a walk */
  guint             sat_s;          /* seconds sat since the last walk when it
                                     * ended; 0 if unknown or walks are off */
  guint             held_by;        /* MobedDeferReason bits that held it back */
  guint             n_drills;
  MobedHistoryDrill drills[2];
} MobedHistoryRow;

/* A pause as the log keeps it; a plain value too. */
typedef struct {
  gint64 start_us;
  gint64 end_us;                    /* 0 while it runs */
  gint32 utc_offset_s;              /* local offset when it began */
  char   reason[MOBED_PAUSE_REASON_BYTES];   /* "" for none */
} MobedHistoryPause;

/* The drills of the row for a break that just ended: @offers as the
 * break put them, their details from @catalog; @done, all reps done. */
void mobed_history_row_set_drills (MobedHistoryRow *row, const MobedCatalog *catalog,
                                   const MobedOffer *offers, guint n_offers, gboolean done);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus.h — a rehab focus plan: a few drills for one problem, done as whole
 * sets (many reps in one go) a few times a day for a few days, then judged.
 * Pure: checking what the user asked for, choosing the drills for a
 * good-for tag, and placing the day's sets. Reads no clock, does no I/O.
 */
#pragma once

#include <glib.h>

#include "core/catalog.h"
#include "core/config.h"
#include "core/drill.h"
#include "core/workhours.h"

G_BEGIN_DECLS

#define MOBED_FOCUS_ERROR (mobed_focus_error_quark ())
typedef enum {
  MOBED_FOCUS_ERROR_INVALID,     /* a number out of range, too many drills */
  MOBED_FOCUS_ERROR_UNKNOWN,     /* neither a drill id nor a good-for tag */
} MobedFocusError;
GQuark mobed_focus_error_quark (void);

/* Bounds, from the concentrated dose: 1-5 drills, 1-3 sets a day, a few
 * dozen reps a set, judged after a few days. REPS_MAX is the most any drill
 * may allow (its reps-max); most allow 75. */
#define MOBED_FOCUS_DRILLS_MAX   5
#define MOBED_FOCUS_PROPOSE_MAX  3
#define MOBED_FOCUS_SETS_MAX     3
#define MOBED_FOCUS_REPS_MIN     5
#define MOBED_FOCUS_REPS_MAX     MOBED_DRILL_REPS_MAX_ANY
#define MOBED_FOCUS_DAYS_MAX     14
#define MOBED_FOCUS_SETS_DEFAULT 2
#define MOBED_FOCUS_DAYS_DEFAULT 3
/* Sets closer than this are one long set, not several. */
#define MOBED_FOCUS_GAP_S        (2 * 3600)
/* The day sets spread over when no working hours are set, minutes. */
#define MOBED_FOCUS_DAY_START    (9 * 60)
#define MOBED_FOCUS_DAY_END      (17 * 60 + 30)
#define MOBED_FOCUS_TARGET_MAX   128

typedef struct {
  char  drill_id[MOBED_DRILL_ID_MAX];
  guint reps;                   /* per set, in the drill's own unit */
} MobedFocusItem;

/* A plain value. @id is the start time in wall µs: it names the plan in the
 * history even while the history is only in memory. */
typedef struct {
  gint64         id;
  char           target[MOBED_FOCUS_TARGET_MAX];   /* what was asked: "neck-pain" */
  char           first_day[11];                    /* YYYY-MM-DD, local */
  guint          days;
  guint          sets_per_day;
  guint          n_items;
  MobedFocusItem items[MOBED_FOCUS_DRILLS_MAX];
} MobedFocusPlan;

/* 0 in a field: the default (sets 2, days 3, each drill's reps-focus). */
typedef struct {
  guint sets;
  guint reps;
  guint days;
} MobedFocusRequest;

/* Builds a plan from @targets: drill ids are taken as they are; a good-for
 * tag brings its best-matching drills (see mobed_focus_propose). Checks
 * every number and names the culprit in @error. @plan's id and first_day
 * are left for the caller. */
gboolean mobed_focus_plan_make (const MobedCatalog      *catalog,
                                const MobedConfig       *config,
                                const char *const       *targets,
                                const MobedFocusRequest *request,
                                MobedFocusPlan          *plan,
                                GError                 **error);

/* The up to @max drills best for @tag, best first: drills whose first
 * good-for tag it is before those that list it later; only drills the user
 * can do where they are (config settings) and has not excluded. Returns
 * how many were written to @out. */
guint    mobed_focus_propose   (const MobedCatalog *catalog,
                                const MobedConfig  *config,
                                const char         *tag,
                                const MobedDrill  **out,
                                guint               max);

/* Why nothing can be offered for @target (a good-for tag or a region),
 * though some drill is for it: "no drill for 'shoulder-problems' can be
 * done with settings=seated,standing (wide-arm-circles needs space)". NULL
 * when some drill for it is doable, or no drill is for it at all. */
char    *mobed_focus_unreachable (const MobedCatalog *catalog,
                                  const MobedConfig  *config,
                                  const char         *target);

/* How a focus set of @reps compares with the drill's doses: up to
 * reps-focus is the usual dose, above it is allowed with a word of
 * warning, above reps-max is refused. */
typedef enum {
  MOBED_FOCUS_DOSE_USUAL,
  MOBED_FOCUS_DOSE_ABOVE_USUAL,
  MOBED_FOCUS_DOSE_TOO_MANY,
} MobedFocusDose;
MobedFocusDose mobed_focus_dose (const MobedDrill *drill, guint reps);

/* Seconds one whole set takes (every drill, both sides). */
guint64  mobed_focus_set_seconds (const MobedFocusPlan *plan, const MobedCatalog *catalog);

/* Which day of the plan @date (YYYY-MM-DD) is: 0 for the first; negative
 * before it; >= days after it. G_MININT if either date is malformed. */
gint     mobed_focus_day_index (const MobedFocusPlan *plan, const char *date);

/* When the next set of the day falls due, wall µs, or 0 if no other set
 * fits today. @resolved sets are already answered or missed today, the last
 * ending at @last_end_wall (0 if none). Sets spread evenly over the day's
 * working hours (or MOBED_FOCUS_DAY_START-END when they are not set), at
 * least MOBED_FOCUS_GAP_S apart, and a set must fit before the day ends. */
gint64   mobed_focus_next_set  (const MobedFocusPlan *plan,
                                const MobedWorkHours *hours,
                                GDateTime            *local_now,
                                guint                 resolved,
                                gint64                last_end_wall,
                                guint64               set_seconds);

/* Offers for a set, one per drill, borrowing names from @catalog; a drill
 * no longer in the catalog is left out. Returns how many. */
guint    mobed_focus_offers    (const MobedFocusPlan *plan,
                                const MobedCatalog   *catalog,
                                MobedOffer           *offers);

/* "neck-circles:40;wrist-circles:50" and back: how a plan's drills are
 * kept in the history. */
char    *mobed_focus_items_to_string (const MobedFocusPlan *plan);
gboolean mobed_focus_items_parse     (const char *text, MobedFocusPlan *plan);

/* A "worse" answer makes the plan easier: each drill loses about a third
 * of its reps (rounded down), never below MOBED_FOCUS_REPS_EASY; fewer reps
 * is the first of the easier forms the source gives, and the one mobed
 * can count. FALSE when no drill could go lower. */
#define MOBED_FOCUS_REPS_EASY 3
gboolean mobed_focus_plan_ease (MobedFocusPlan *plan);

G_END_DECLS

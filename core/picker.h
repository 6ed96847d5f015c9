/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * picker.h — chooses the drills for a break: one or two that fit its
 * length, only where the user can do them, spread over the body through the
 * day, leaning toward the user's trouble spots. Deterministic for a seed.
 */
#pragma once

#include <glib.h>

#include "core/catalog.h"
#include "core/config.h"
#include "core/drill.h"

G_BEGIN_DECLS

#define MOBED_PICK_MAX 2
/* Breaks a drill should not come back within, when the choice allows. */
#define MOBED_PICKER_RECENT 3

typedef struct {
  MobedOffer items[MOBED_PICK_MAX];   /* borrowed from the catalog */
  guint      n;
} MobedChoice;

typedef struct _MobedPicker MobedPicker;

/* @catalog must outlive the picker (or until mobed_picker_set_catalog). */
MobedPicker *mobed_picker_new          (const MobedCatalog *catalog, guint32 seed);
void         mobed_picker_free         (MobedPicker *self);
void         mobed_picker_set_catalog  (MobedPicker *self, const MobedCatalog *catalog);

/* Picks for a new break on local calendar day @day (any number that
 * changes at midnight: rotation over the body starts again each day).
 * With @replace_last the previous pick is swapped ("Another"): its drills
 * are avoided and its place in the recent history is taken. FALSE when no
 * drill is eligible (every one excluded, or none fits the settings). */
gboolean     mobed_picker_pick         (MobedPicker       *self,
                                        const MobedConfig *config,
                                        guint              day,
                                        gboolean           replace_last,
                                        MobedChoice       *choice);

/* Reps for @drill in a break of @seconds, or 0 if even its smallest
 * deliberate set does not fit. */
guint        mobed_picker_fit_reps     (const MobedDrill *drill, guint64 seconds);
/* Seconds one set of @reps takes (both sides when per-side). */
guint64      mobed_picker_set_seconds  (const MobedDrill *drill, guint reps);

/* Fills @offer from @drill with @reps. */
void         mobed_offer_from_drill    (MobedOffer *offer, const MobedDrill *drill, guint reps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedPicker, mobed_picker_free)

G_END_DECLS

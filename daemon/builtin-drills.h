/*
 * builtin-drills.h — TEMPORARY: a handful of drills compiled in until the
 * drill catalog (data/drills.ini) and the picker replace them.
 */
#pragma once

#include "core/drill.h"

G_BEGIN_DECLS

/* The drill for break number @break_id, moved on by @swaps "Another"s. */
const MobedOffer *mobed_builtin_drill_for (guint64 break_id, guint swaps);

G_END_DECLS

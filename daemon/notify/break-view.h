/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * break-view.h — what a break looks like from outside: the line naming its
 * drills, the notification body, and the CurrentBreak dictionary.
 */
#pragma once

#include <glib.h>

#include "core/picker.h"

G_BEGIN_DECLS

/* "Neck circles · 6 each way" in the user's language */
char     *mobed_break_view_offer_line (const MobedOffer *offer);
/* "Neck circles · 6 each way + Wrist circles · 10 each way" */
char     *mobed_break_view_line    (const MobedChoice *choice);
/* Each drill's line and cue, then the safety line. */
char     *mobed_break_view_body    (const MobedChoice *choice);
/* Each drill's line alone, one a line, then the safety line's short form:
 * for a server with little room. */
char     *mobed_break_view_short_body (const MobedChoice *choice);
/* The drills' steps, numbered under each drill's line, then the safety
 * line: what a click on the break brings up. NULL when the break has no
 * drill, or none of its drills is in @catalog. */
char     *mobed_break_view_steps   (const MobedChoice *choice, const MobedCatalog *catalog);
/* "Steps: mobectl drills neck-circles": for a server without a body
 * click. NULL when the break has no drill. */
char     *mobed_break_view_steps_hint (const MobedChoice *choice);
/* The first drill's picture that @catalog has (an absolute path), or NULL. */
const char *mobed_break_view_picture (const MobedChoice *choice, const MobedCatalog *catalog);
/* The line every break and focus set carries, in the user's language:
 * keep it easy, ease off when it tires or hurts, stop if that fails. */
const char *mobed_break_view_safety_line (void);
/* a{sv}: due, snoozes, snoozed_until, drills (see org.mobed.Daemon1.xml). */
/* aa{sv}: each offer's id, name, summary, reps, per_side, unit, reps_text. */
GVariant *mobed_break_view_offers  (const MobedOffer *offers, guint n);
GVariant *mobed_break_view_variant (const MobedChoice *choice,
                                    gint64             due_wall,
                                    guint              snoozes,
                                    gint64             snoozed_until);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presence.h — several sources say the user is away (a locked session, the
 * machine asleep, the screen shield, no input); the scheduler hears one
 * story: away from the first of them, back when none holds any more.
 */
#pragma once

#include <glib.h>

#include "core/scheduler.h"

G_BEGIN_DECLS

typedef enum {
  MOBED_AWAY_LOGIND      = 1 << 0,  /* session locked or machine asleep (logind) */
  MOBED_AWAY_SCREENSAVER = 1 << 1,  /* GNOME's screen shield is up */
  MOBED_AWAY_IDLE        = 1 << 2,  /* no input for natural-break */
} MobedAwayReason;

typedef struct {
  guint reasons;            /* MobedAwayReason bits that hold now */
} MobedPresence;

/* Notes that @reason began (@away) or ended at @since (mono µs). Returns
 * TRUE with @event set to AWAY or BACK when the user as a whole left or
 * came back; FALSE when another reason still holds, or nothing changed. */
gboolean mobed_presence_update (MobedPresence  *presence,
                                MobedAwayReason reason,
                                gboolean        away,
                                gint64          since,
                                MobedEvent     *event);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presence.c — merges the reasons for being away into the scheduler's
 * AWAY and BACK. A lock that follows an idle spell (or the other way
 * round) is one absence: away from the first reason, back only when the
 * last one ends, so input on a locked screen is not a return.
 */
#include "core/presence.h"

gboolean
mobed_presence_update (MobedPresence  *presence,
                       MobedAwayReason reason,
                       gboolean        away,
                       gint64          since,
                       MobedEvent     *event)
{
  guint before = presence->reasons;

  if (away)
    presence->reasons |= reason;
  else
    presence->reasons &= ~(guint) reason;
  if ((before != 0) == (presence->reasons != 0))
    return FALSE;
  *event = (MobedEvent) {
    .kind = presence->reasons != 0 ? MOBED_EVENT_AWAY : MOBED_EVENT_BACK,
    .since = since,
  };
  return TRUE;
}

/*
 * break-view.h — what a break looks like from outside: the drill it
 * offers, the notification body, and the CurrentBreak dictionary.
 */
#pragma once

#include <glib.h>

#include "core/drill.h"

G_BEGIN_DECLS

const MobedOffer *mobed_break_view_offer   (guint64 break_id, guint swaps);
/* "Neck circles · 10 each way\n<summary>\nKeep it in the comfortable range." */
char             *mobed_break_view_body    (const MobedOffer *offer);
/* a{sv}: due, snoozes, snoozed_until, drills (see org.mobed.Daemon1.xml). */
GVariant         *mobed_break_view_variant (const MobedOffer *offer,
                                            gint64            due_wall,
                                            guint             snoozes,
                                            gint64            snoozed_until);

G_END_DECLS

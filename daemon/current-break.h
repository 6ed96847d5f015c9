/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * current-break.h — the break that is due as the user meets it: its drills,
 * its notification and what that notification's buttons mean. Used by the
 * hub (daemon.c), which decides when a break starts and ends.
 */
#pragma once

#include "daemon/daemon.h"
#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

/* Status's CurrentBreak: an empty dictionary when no break is due. */
GVariant *mobed_current_break_variant (MobedDaemon *self, MobedTime now);
/* Chooses the current break's drills; @another swaps the last choice. */
void      mobed_current_break_pick    (MobedDaemon *self, MobedTime now, gboolean another);
/* Shows a break that has just fallen due (or come back from a snooze) and
 * emits BreakStarted. */
void      mobed_current_break_show_started (MobedDaemon *self, MobedTime now);
/* The event a notification button (or a close) stands for: done, skip,
 * snooze (the configured length) or dismissed; FALSE for anything else. */
gboolean  mobed_daemon_answer_event   (MobedDaemon *self, const char *answer, MobedEvent *event);
/* The notifier, its buttons and a server that turns up answered here. */
MobedNotifier *mobed_current_break_notifier_new (MobedDaemon *self);

G_END_DECLS

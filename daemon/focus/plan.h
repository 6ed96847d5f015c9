/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-focus.h — the daemon's side of a rehab focus plan (core/focus*):
 * its notifications, its D-Bus methods and property, its log. Called from
 * daemon.c with every event; only the daemon's files include it.
 */
#pragma once

#include "core/scheduler.h"

G_BEGIN_DECLS

typedef struct _MobedDaemon MobedDaemon;
typedef struct _MobedDaemonFocus MobedDaemonFocus;

/* Picks up the plan the log says is running. */
MobedDaemonFocus *mobed_daemon_focus_new  (MobedDaemon *daemon, MobedTime now);
void              mobed_daemon_focus_free (MobedDaemonFocus *focus);

/* Moves the plan's day on to @now: shows, takes down, records, asks. */
void      mobed_daemon_focus_sync      (MobedDaemon *self, MobedTime now);
/* Wall µs the plan next needs a call, or 0. */
gint64    mobed_daemon_focus_next_wall (MobedDaemon *self);
/* Whether @event (Done, Snooze, Skip) is for a focus set: one is up or
 * snoozed and no microbreak is. */
gboolean  mobed_daemon_focus_takes     (MobedDaemon *self, const MobedEvent *event);
gboolean  mobed_daemon_focus_answer    (MobedDaemon *self, const MobedEvent *event, MobedTime now,
                                        GError **error);
/* The Focus property. */
GVariant *mobed_daemon_focus_variant   (MobedDaemon *self, MobedTime now);
/* Adds the plan's drills to @config's exclusions within an hour of a set,
 * so a microbreak does not repeat them right before or after. */
void      mobed_daemon_focus_avoid     (MobedDaemon *self, MobedTime now, MobedConfig *config);
/* GetStats' "focus": the newest plan from the log, each of its days so far
 * with sets planned, shown and done, its reps and its check-ins; empty if
 * there never was a plan. */
GVariant *mobed_daemon_focus_stats     (MobedDaemon *self, MobedTime now);
/* StartFocus, StopFocus, ExtendFocus, RateFocus. */
GVariant *mobed_daemon_focus_call      (MobedDaemon *self, const char *method, GVariant *params,
                                        GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan.h — the daemon's side of a rehab focus plan (core/focus*): its
 * notifications, its D-Bus methods and property, its log. Called from
 * daemon.c with every event. The plan keeps its own state; what it reads
 * of the daemon's (the config, the catalog, working hours...) it is handed
 * once, as pointers that live as long as the daemon.
 */
#pragma once

#include "core/catalog.h"
#include "core/config.h"
#include "core/scheduler.h"
#include "core/workhours.h"
#include "daemon/hold/hold.h"
#include "daemon/notify/chime.h"
#include "daemon/record/break-log.h"

G_BEGIN_DECLS

typedef struct _MobedDaemonFocus MobedDaemonFocus;

typedef struct {
  const MobedConfig    *config;
  MobedCatalog *const  *catalog;   /* the daemon's, which a reload replaces */
  const MobedWorkHours *hours;
  MobedScheduler       *scheduler;
  MobedHold            *hold;
  MobedChime           *chime;
  MobedBreakLog        *log;
  /* The event a set notification's button stands for (see
   * mobed_daemon_answer_event), and handing it to the daemon. */
  gboolean (*answer_event) (const char *answer, MobedEvent *event, gpointer user_data);
  void     (*handle)       (const MobedEvent *event, gpointer user_data);
  /* After an answer that changed the plan outside an event. */
  void     (*refresh)      (gpointer user_data);
  gpointer              user_data;
} MobedFocusHub;

/* Picks up the plan the log says is running. */
MobedDaemonFocus *mobed_daemon_focus_new  (const MobedFocusHub *hub, MobedTime now);
void              mobed_daemon_focus_free (MobedDaemonFocus *focus);

/* Moves the plan's day on to @now: shows, takes down, records, asks. */
void      mobed_daemon_focus_sync      (MobedDaemonFocus *self, MobedTime now);
/* Wall µs the plan next needs a call, or 0. */
gint64    mobed_daemon_focus_next_wall (MobedDaemonFocus *self);
/* Whether @event (Done, Snooze, Skip) is for a focus set: one is up or
 * snoozed and no microbreak is. */
gboolean  mobed_daemon_focus_takes     (MobedDaemonFocus *self, const MobedEvent *event);
gboolean  mobed_daemon_focus_answer    (MobedDaemonFocus *self, const MobedEvent *event, MobedTime now,
                                        GError **error);
/* The Focus property. */
GVariant *mobed_daemon_focus_variant   (MobedDaemonFocus *self, MobedTime now);
/* The FocusSet property: the set up or snoozed, else empty (set-view.c). */
GVariant *mobed_daemon_focus_set_variant (MobedDaemonFocus *self, MobedTime now);
/* Adds the plan's drills to @config's exclusions within an hour of a set,
 * so a microbreak does not repeat them right before or after. */
void      mobed_daemon_focus_avoid     (MobedDaemonFocus *self, MobedTime now, MobedConfig *config);
/* GetStats' "focus": the newest plan from the log, each of its days so far
 * with sets planned, shown and done, its reps and its check-ins; empty if
 * there never was a plan. */
GVariant *mobed_daemon_focus_stats     (MobedDaemonFocus *self, MobedTime now);
/* StartFocus, StopFocus, ExtendFocus, RateFocus. */
GVariant *mobed_daemon_focus_call      (MobedDaemonFocus *self, const char *method, GVariant *params,
                                        GError **error);

G_END_DECLS

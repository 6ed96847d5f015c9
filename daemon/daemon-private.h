/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-private.h — the daemon's state, shared by the files that carry it:
 * daemon.c (events and plans), daemon-bus.c (the bus name's life) and
 * daemon-history.c (the break log and today's count). Only they include it.
 */
#pragma once

#include "daemon/daemon.h"

#include "core/config.h"
#include "store/history.h"
#include "core/reasons.h"
#include "core/picker.h"
#include "core/presence.h"
#include "store/savedstate.h"
#include "core/scheduler.h"
#include "core/workhours.h"
#include "daemon/notify/chime.h"
#include "daemon/config-watch.h"
#include "daemon/hold/dnd.h"
#include "daemon/hold/mako.h"
#include "daemon/focus/plan.h"
#include "daemon/presence/idle-monitor.h"
#include "daemon/notify/notifier.h"
#include "daemon/presence/lock-logind.h"
#include "daemon/presence/lock-screensaver.h"
#include "daemon/bus/service.h"

struct _MobedDaemon {
  GMainLoop       *loop;
  int              exit_code;

  char            *config_path;
  MobedConfig      config;
  GPtrArray       *load_warnings;  /* problems in the files last read, for status */
  char            *state_path;
  MobedSavedState  saved;
  MobedHistory    *history;        /* through mobed_daemon_history () */
  guint            history_idle_id;
  char             today[11];      /* local date today_done counts */
  guint            today_done;

  MobedScheduler  *scheduler;
  guint            timer_id;

  MobedCatalog    *catalog;
  MobedPicker     *picker;
  MobedChoice      choice;         /* the current break's drills */
  MobedCatalog    *choice_catalog; /* keeps @choice's strings alive over a reload */

  GDBusConnection *connection;
  guint            owner_id;
  gboolean         owned;
  MobedService    *service;
  MobedNotifier   *notifier;
  MobedChime      *chime;
  MobedConfigWatch *config_watch;
  MobedLogind     *logind;
  MobedScreenSaver *screensaver;   /* GNOME's lock screen */
  MobedIdleMonitor *idle;
  MobedPresence    presence;       /* why the user is away, if they are */
  MobedWorkHours   hours;
  gboolean         in_hours;       /* what the scheduler was last told */

  MobedDnd        *dnd;            /* NULL when respect-dnd is off */
  MobedMako       *mako;           /* the same */
  gboolean         mako_asking;    /* look() holds a break for mako's answer */
  gboolean         mako_was_asking; /* ...and did so the time before */
  gboolean         releasing;      /* carrying out the end of a hold */
  guint            due_reasons;    /* camera, fullscreen: found as a break came due */
  gint64           recheck_at;     /* mono µs to look for them again, or MOBED_NEVER */
  gint64           recheck_us;
  gboolean         deferred;       /* what the scheduler was last told */
  char            *camera_prefix;  /* "/dev/video" but in tests */
  MobedDaemonFocus *focus;         /* the rehab focus plan, if one runs */

  char             pause_reason[MOBED_PAUSE_REASON_BYTES];   /* of the pause on now */
};

/* daemon.c */
void mobed_daemon_handle   (MobedDaemon *self, const MobedEvent *event);
void mobed_daemon_publish  (MobedDaemon *self, MobedTime now);
void mobed_daemon_carry_out (MobedDaemon *self, const MobedPlan *plan, MobedTime now);
/* The event a notification button (or a close) stands for: done, skip,
 * snooze (the configured length) or dismissed; FALSE for anything else. */
gboolean mobed_daemon_answer_event (MobedDaemon *self, const char *answer, MobedEvent *event);
/* An answer from the focus set's notification. */
void mobed_daemon_handle_focus (MobedDaemon *self, const MobedEvent *event);
/* Lets time move on, publishes and re-arms the timer: after anything that
 * changed state outside an event. */
void mobed_daemon_refresh (MobedDaemon *self);
/* Every event goes through here; @to_focus: it is an answer from the
 * focus set's notification. */
gboolean mobed_daemon_handle_event (MobedDaemon *self, const MobedEvent *event,
                                    gboolean to_focus, GError **error);
/* Other drills for the break that is due (a button or AnotherDrill). */
gboolean mobed_daemon_another (MobedDaemon *self, GError **error);

/* daemon-calls.c: what service.c calls for each method. */
extern const MobedServiceHandlers mobed_daemon_calls;

/* daemon-defer.c: before an event, brings the scheduler's DEFER/UNDEFER in
 * line with the reasons, looking for a camera or a fullscreen window if the
 * event (NULL: none) would bring a break up; after it, forgets those once no
 * break is held. */
void  mobed_daemon_defer_init      (MobedDaemon *self);
void  mobed_daemon_defer_configure (MobedDaemon *self, MobedTime now);
void  mobed_daemon_defer_before    (MobedDaemon *self, const MobedEvent *event, MobedTime now);
void  mobed_daemon_defer_after     (MobedDaemon *self, MobedTime now);
/* MobedDeferReason bits that hold now. */
guint mobed_daemon_defer_reasons   (MobedDaemon *self);
void  mobed_daemon_defer_free      (MobedDaemon *self);
/* Starts the presence sources that live on the session bus. */
void mobed_daemon_watch_session (MobedDaemon *self);

/* daemon-pause.c: after each event, the pause's reason, its interval in the
 * history and state.ini; at start, the pause saved there. */
void        mobed_daemon_pause_track   (MobedDaemon *self, const MobedEvent *event,
                                        gboolean accepted, gboolean was_paused, MobedTime now);
void        mobed_daemon_pause_restore (MobedDaemon *self, MobedTime now);
/* "" when not paused or paused without a reason. */
const char *mobed_daemon_pause_reason  (MobedDaemon *self);

/* daemon-history.c */
MobedHistory *mobed_daemon_history (MobedDaemon *self);
void mobed_daemon_history_free  (MobedDaemon *self);
void mobed_daemon_roll_today    (MobedDaemon *self, MobedTime now);
void mobed_daemon_record_break  (MobedDaemon *self, const MobedRecord *rec);

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-private.h — the hub's state: the config, the scheduler, the
 * current break and the parts it owns (each part keeps its own state in
 * its own file: hold/, record/, notify/, presence/, focus/). Shared with
 * settings.c (the config the hub reads), current-break.c (the break that is
 * due) and bus/name.c (the bus name's life).
 */
#pragma once

#include "daemon/daemon.h"

#include "core/config.h"
#include "core/reasons.h"
#include "core/picker.h"
#include "core/presence.h"
#include "core/scheduler.h"
#include "core/workhours.h"
#include "daemon/notify/chime.h"
#include "daemon/config-watch.h"
#include "daemon/hold/hold.h"
#include "daemon/record/break-log.h"
#include "daemon/record/pause-log.h"
#include "daemon/focus/plan.h"
#include "daemon/presence/idle-monitor.h"
#include "daemon/notify/notifier.h"
#include "daemon/presence/lock-logind.h"
#include "daemon/presence/lock-screensaver.h"
#include "daemon/bus/service.h"

G_BEGIN_DECLS

struct _MobedDaemon {
  GMainLoop       *loop;
  int              exit_code;

  char            *config_path;
  MobedConfig      config;
  GPtrArray       *load_warnings;  /* problems in the files last read, for status */

  MobedScheduler  *scheduler;
  guint            timer_id;

  MobedCatalog    *catalog;
  MobedPicker     *picker;
  MobedChoice      choice;         /* the current break's drills */
  MobedCatalog    *choice_catalog; /* keeps @choice's strings alive over a reload */
  gboolean         releasing;      /* showing a break a hold just let go */

  /* The parts, each owning its own state. */
  MobedBreakLog    *log;
  MobedPauseLog    *pauses;
  MobedHold        *hold;
  MobedDaemonFocus *focus;         /* the rehab focus plan, if one runs */
  MobedNotifier    *notifier;
  MobedChime       *chime;
  MobedConfigWatch *config_watch;
  MobedLogind      *logind;
  MobedScreenSaver *screensaver;   /* GNOME's lock screen */
  MobedIdleMonitor *idle;
  MobedPresence     presence;      /* why the user is away, if they are */
  MobedWorkHours    hours;
  gboolean          in_hours;      /* what the scheduler was last told */

  /* The bus (bus/name.c, bus/service.c). */
  GDBusConnection *connection;
  guint            owner_id;
  gboolean         owned;
  MobedService    *service;
};

/* daemon.c */
void mobed_daemon_handle   (MobedDaemon *self, const MobedEvent *event);
void mobed_daemon_publish  (MobedDaemon *self, MobedTime now);
void mobed_daemon_carry_out (MobedDaemon *self, const MobedPlan *plan, MobedTime now);
/* An answer from the focus set's notification. */
void mobed_daemon_handle_focus (MobedDaemon *self, const MobedEvent *event);
/* Lets time move on, publishes and re-arms the timer: after anything that
 * changed state outside an event. */
void mobed_daemon_refresh (MobedDaemon *self);
/* Starts the presence sources that live on the session bus. */
void mobed_daemon_watch_session (MobedDaemon *self);
/* The history, to read or write now (the focus plan's tables too). */
MobedHistory *mobed_daemon_history (MobedDaemon *self);

/* settings.c: reads the config and the catalog's checks at start (the
 * catalog itself is loaded first), and watches the files for edits. */
void    mobed_daemon_settings_load  (MobedDaemon *self, GPtrArray *warnings);
void    mobed_daemon_settings_watch (MobedDaemon *self);
/* What status warns about (NULL-ended, into @warnings); returns a string
 * to free that @warnings may end with, or NULL. */
#define MOBED_DAEMON_WARNINGS_MAX 8
char   *mobed_daemon_settings_warnings (MobedDaemon *self,
                                        const char *warnings[MOBED_DAEMON_WARNINGS_MAX]);
/* Tells the scheduler when working hours begin or end; called before every
 * event, so the timer only has to wake up at the boundary. */
void    mobed_daemon_sync_hours     (MobedDaemon *self, MobedTime now);
/* [schedule] natural-break, in µs: how long without input is away. */
gint64  mobed_daemon_idle_threshold (MobedDaemon *self);

G_END_DECLS

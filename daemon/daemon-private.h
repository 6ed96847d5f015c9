/*
 * daemon-private.h — the daemon's state, shared by the files that carry it:
 * daemon.c (events and plans), daemon-bus.c (the bus name's life) and
 * daemon-history.c (the break log and today's count). Only they include it.
 */
#pragma once

#include "daemon/daemon.h"

#include "core/config.h"
#include "core/history.h"
#include "core/picker.h"
#include "core/savedstate.h"
#include "core/scheduler.h"
#include "core/workhours.h"
#include "daemon/chime.h"
#include "daemon/config-watch.h"
#include "daemon/notifier.h"
#include "daemon/presence-logind.h"
#include "daemon/service.h"

struct _MobedDaemon {
  GMainLoop       *loop;
  int              exit_code;

  char            *config_path;
  MobedConfig      config;
  char            *state_path;
  MobedSavedState  saved;
  MobedHistory    *history;
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
  MobedWorkHours   hours;
  gboolean         in_hours;       /* what the scheduler was last told */
};

/* daemon.c */
void mobed_daemon_handle  (MobedDaemon *self, const MobedEvent *event);
void mobed_daemon_publish (MobedDaemon *self, MobedTime now);

/* daemon-history.c */
void mobed_daemon_roll_today    (MobedDaemon *self, MobedTime now);
void mobed_daemon_record_break  (MobedDaemon *self, const MobedRecord *rec);

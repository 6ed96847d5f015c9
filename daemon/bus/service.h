/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * service.h — org.mobed.Daemon1 on the session bus: hands method calls to
 * the daemon and publishes its state as properties.
 */
#pragma once

#include <gio/gio.h>

#include "core/scheduler.h"

G_BEGIN_DECLS

typedef struct {
  const char *state;
  gint64      next_break;      /* unix µs, 0 none */
  gint64      paused_until;    /* 0, -1 or unix µs */
  gint64      count_resets_at; /* unix µs while away, until the count starts over; else 0 */
  const char *pause_reason;    /* "" when none */
  GVariant   *current_break;   /* a{sv}; floating or not, it is sunk */
  guint       today_done;
  guint       daily_goal;
  guint64     snooze_length;   /* s */
  const char *idle_source;     /* the idle source in use, or "none" */
  const char *const *warnings; /* NULL-terminated */
  const char *const *defer_reasons; /* NULL-terminated */
  const char *microphone_app;  /* "" unless audio capture holds breaks */
  GVariant   *focus;           /* a{sv}; floating or not, it is sunk */
  const char *next_break_kind; /* "drills" or "walk" */
  gint64      sitting_since;   /* unix µs, 0 when walks are off */
  GVariant   *focus_set;       /* a{sv}; floating or not, it is sunk */
} MobedStatus;

typedef struct _MobedService MobedService;
typedef struct _MobedDaemon MobedDaemon;

/* The methods go to @daemon, which outlives the service. */
MobedService *mobed_service_new    (MobedDaemon *daemon);
void          mobed_service_free   (MobedService *self);
gboolean      mobed_service_export (MobedService *self, GDBusConnection *connection, GError **error);
void          mobed_service_publish (MobedService *self, const MobedStatus *status);
void          mobed_service_emit_break_started (MobedService *self, GVariant *current_break);
void          mobed_service_emit_break_ended   (MobedService *self, const char *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedService, mobed_service_free)

G_END_DECLS

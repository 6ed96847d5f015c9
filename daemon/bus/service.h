/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * service.h — org.mobed.Daemon1 on the session bus: turns method calls into
 * scheduler events and publishes the daemon's state as properties.
 */
#pragma once

#include <gio/gio.h>

#include "core/scheduler.h"

G_BEGIN_DECLS

typedef struct {
  gboolean (*event)   (const MobedEvent *event, gpointer user_data, GError **error);
  gboolean (*another) (gpointer user_data, GError **error);
  /* Fills @warnings (strings) with what was wrong in the config. */
  gboolean (*reload)  (gpointer user_data, GPtrArray *warnings, GError **error);
  /* aa{sv} of drills matching @options (a{sv}), or NULL with @error. */
  GVariant *(*list_drills) (GVariant *options, gpointer user_data, GError **error);
  GVariant *(*get_stats)   (GVariant *options, gpointer user_data, GError **error);
  GVariant *(*get_history) (GVariant *options, gpointer user_data, GError **error);
  GVariant *(*get_pauses)  (GVariant *options, gpointer user_data, GError **error);
  /* StartFocus, StopFocus, ExtendFocus, RateFocus: @method is the D-Bus
   * method name, @params its arguments; returns the reply's one value, or a
   * floating empty tuple for none, or NULL with @error. */
  GVariant *(*focus) (const char *method, GVariant *params, gpointer user_data, GError **error);
} MobedServiceHandlers;

typedef struct {
  const char *state;
  gint64      next_break;      /* unix µs, 0 none */
  gint64      paused_until;    /* 0, -1 or unix µs */
  const char *pause_reason;    /* "" when none */
  GVariant   *current_break;   /* a{sv}; floating or not, it is sunk */
  guint       today_done;
  guint       daily_goal;
  guint64     snooze_length;   /* s */
  const char *idle_source;     /* the idle source in use, or "none" */
  const char *const *warnings; /* NULL-terminated */
  const char *const *defer_reasons; /* NULL-terminated */
  GVariant   *focus;           /* a{sv}; floating or not, it is sunk */
} MobedStatus;

typedef struct _MobedService MobedService;

MobedService *mobed_service_new    (const MobedServiceHandlers *handlers, gpointer user_data);
void          mobed_service_free   (MobedService *self);
gboolean      mobed_service_export (MobedService *self, GDBusConnection *connection, GError **error);
void          mobed_service_publish (MobedService *self, const MobedStatus *status);
void          mobed_service_emit_break_started (MobedService *self, GVariant *current_break);
void          mobed_service_emit_break_ended   (MobedService *self, const char *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedService, mobed_service_free)

G_END_DECLS

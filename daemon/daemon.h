/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon.h — mobed the service: owns the config, the scheduler, the one
 * timer and the adapters (D-Bus, notifications, sound), and carries out
 * the scheduler's plans.
 */
#pragma once

#include <gio/gio.h>

#include "core/catalog.h"
#include "core/config.h"
#include "core/scheduler.h"
#include "daemon/record/break-log.h"

G_BEGIN_DECLS

typedef struct _MobedDaemon MobedDaemon;

/* @loop is quit when the daemon must stop; see mobed_daemon_get_exit_code().
 * NULL with @error when there is no usable drill to suggest. */
MobedDaemon *mobed_daemon_new    (GMainLoop *loop, GError **error);
void         mobed_daemon_free   (MobedDaemon *self);
/* Exports the API, then asks for the bus name (replacing an owner if
 * @replace). Losing the name ends the loop. */
gboolean     mobed_daemon_start  (MobedDaemon *self, gboolean replace, GError **error);
/* Whether another mobed owns the bus name now: asked before anything else
 * starts, so a second mobed is refused at once. FALSE without a bus. */
gboolean     mobed_daemon_name_taken   (void);
/* Says on stderr that another mobed runs (and how to take over). */
void         mobed_daemon_refuse_second (void);
/* Re-reads mobed.conf and drills.ini. It cannot fail: a file that cannot
 * be read, or a bad value, keeps what was there before; each problem is
 * logged and appended to @warnings. */
void         mobed_daemon_reload (MobedDaemon *self, GPtrArray *warnings);
int          mobed_daemon_get_exit_code (MobedDaemon *self);

/* What the D-Bus methods (bus/service.c) hand to the daemon. */
/* Every event goes through here; @to_focus: it is an answer from the
 * focus set's notification. FALSE with @error when it is refused. */
gboolean mobed_daemon_handle_event (MobedDaemon *self, const MobedEvent *event,
                                    gboolean to_focus, GError **error);
/* Other drills for the break that is due (a button or AnotherDrill). */
gboolean mobed_daemon_another      (MobedDaemon *self, GError **error);
/* StartFocus, StopFocus, ExtendFocus, RateFocus: the reply's one value,
 * a floating empty tuple for none, or NULL with @error. */
GVariant *mobed_daemon_focus_method (MobedDaemon *self, const char *method, GVariant *params,
                                     GError **error);
MobedCatalog      *mobed_daemon_catalog   (MobedDaemon *self);
MobedBreakLog     *mobed_daemon_break_log (MobedDaemon *self);
const MobedConfig *mobed_daemon_config    (MobedDaemon *self);
/* GetStats' entry for the focus plan: the plan running or last ended. */
GVariant          *mobed_daemon_focus_report (MobedDaemon *self, MobedTime now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedDaemon, mobed_daemon_free)

G_END_DECLS

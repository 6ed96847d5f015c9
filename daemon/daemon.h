/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon.h — mobed the service: owns the config, the scheduler, the one
 * timer and the adapters (D-Bus, notifications, sound), and carries out
 * the scheduler's plans.
 */
#pragma once

#include <gio/gio.h>

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
/* Re-reads mobed.conf; problems are logged and appended to @warnings. */
gboolean     mobed_daemon_reload (MobedDaemon *self, GPtrArray *warnings, GError **error);
int          mobed_daemon_get_exit_code (MobedDaemon *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedDaemon, mobed_daemon_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-monitor.h — watches the user's idle time through the first idle
 * source that works here (or the one mobed.conf names), and reports away
 * and back. Probes again when an idle service comes or goes on the bus.
 */
#pragma once

#include <gio/gio.h>

#include "core/idle.h"

G_BEGIN_DECLS

typedef struct _MobedIdleMonitor MobedIdleMonitor;

typedef struct {
  /* No input for the threshold (@away, since @since) or input again
   * (back, since @since); both mono µs. */
  void (*changed)        (gboolean away, gint64 since, gpointer user_data);
  /* The source in use changed (see mobed_idle_monitor_get_seeing_kind). */
  void (*source_changed) (gpointer user_data);
} MobedIdleMonitorCallbacks;

/* @session may be NULL (then only Wayland, X11 and logind can work);
 * @wanted is MOBED_IDLE_AUTO, one source, or MOBED_IDLE_NONE. */
MobedIdleMonitor *mobed_idle_monitor_new       (GDBusConnection                 *session,
                                                const char                      *logind_session,
                                                MobedIdleKind                    wanted,
                                                gint64                           threshold,
                                                const MobedIdleMonitorCallbacks *callbacks,
                                                gpointer                         user_data);
void              mobed_idle_monitor_free      (MobedIdleMonitor *self);
/* New settings: another source probes afresh, another threshold is passed on. */
void              mobed_idle_monitor_configure (MobedIdleMonitor *self,
                                                MobedIdleKind     wanted,
                                                gint64            threshold);
/* The source in use; MOBED_IDLE_NONE when none works (or none is wanted). */
MobedIdleKind     mobed_idle_monitor_get_kind  (MobedIdleMonitor *self);
/* The same, but MOBED_IDLE_NONE while the source in use has not yet shown
 * that it can see the user (logind's IdleHint that nothing sets): what
 * status may name. */
MobedIdleKind     mobed_idle_monitor_get_seeing_kind (MobedIdleMonitor *self);
#ifdef MOBED_TEST_CLOCK
/* Test builds: mobed's clock was moved forward; what was due by now happens. */
void              mobed_idle_monitor_clock_moved (MobedIdleMonitor *self);
#endif

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedIdleMonitor, mobed_idle_monitor_free)

G_END_DECLS

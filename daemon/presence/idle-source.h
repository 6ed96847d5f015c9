/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-source.h — the one interface every idle source implements. A source
 * only reads how long the user has had no input, pushing readings when its
 * service announces something, or being asked on the monitor's schedule;
 * idle-monitor.c picks the source and decides what the readings mean.
 * Each source is one small file: idle-mutter.c, idle-screensaver.c,
 * idle-wayland.c, idle-x11.c, idle-logind.c.
 */
#pragma once

#include <gio/gio.h>

#include "core/idle.h"

G_BEGIN_DECLS

typedef struct _MobedIdleMonitor     MobedIdleMonitor;
typedef struct _MobedIdleSource      MobedIdleSource;
typedef struct _MobedIdleSourceClass MobedIdleSourceClass;

/* The start of every source's own struct. */
struct _MobedIdleSource {
  const MobedIdleSourceClass *klass;
  MobedIdleMonitor           *monitor;
  /* Set by open() for a source that has not yet shown it can see the
   * user; cleared through mobed_idle_monitor_confirmed(). */
  gboolean                    unconfirmed;
};

struct _MobedIdleSourceClass {
  MobedIdleKind kind;
  /* A session-bus name whose owner coming or going is worth a new probe. */
  const char   *bus_name;
  /* Starts watching; NULL with @error saying why it does not work here.
   * Pushes the first reading it took, if any, before it returns (a polled
   * source must: the monitor's schedule starts from it), and fails only
   * before that. */
  MobedIdleSource *(*open) (MobedIdleMonitor *monitor, GError **error);
  /* For sources the monitor asks (see mobed_idle_monitor_set_polled): the
   * user's idle time now, µs. FALSE with @error when the source broke. */
  gboolean (*read) (MobedIdleSource *self, gint64 *idle, GError **error);
  /* natural-break changed; the monitor's threshold already has the new value. */
  void     (*threshold_changed) (MobedIdleSource *self);
#ifdef MOBED_TEST_CLOCK
  /* Test builds: mobed's clock was moved forward (daemon/test-clock.c); a
   * source that keeps a timer on it looks again. NULL for the others. */
  void     (*clock_moved) (MobedIdleSource *self);
#endif
  void     (*free) (MobedIdleSource *self);
};

/* What a source may tell the monitor or ask it. */

/* The user has had no input for @idle µs, as of now. */
void             mobed_idle_monitor_reading       (MobedIdleMonitor *self, gint64 idle);
/* TRUE: read the source whenever the threshold could be reached (and, while
 * away, at the back-poll beat); FALSE: the source pushes its readings. */
void             mobed_idle_monitor_set_polled    (MobedIdleMonitor *self, gboolean polled);
/* The source stopped working (its service left, the display closed): the
 * monitor drops it and probes again, from the main loop. */
void             mobed_idle_monitor_failed        (MobedIdleMonitor *self, const char *why);
/* The source set its unconfirmed flag and has now seen a sign of life. */
void             mobed_idle_monitor_confirmed     (MobedIdleMonitor *self);
/* µs without input that count as away: natural-break. */
gint64           mobed_idle_monitor_get_threshold (MobedIdleMonitor *self);
/* Whether the readings so far say the user is away. */
gboolean         mobed_idle_monitor_is_away       (MobedIdleMonitor *self);
/* The session bus; NULL when mobed has none (a unit test). */
GDBusConnection *mobed_idle_monitor_get_session_bus (MobedIdleMonitor *self);
/* The logind session object path, or NULL. */
const char      *mobed_idle_monitor_get_logind_session (MobedIdleMonitor *self);

/* The sources; a build without Wayland or X11 support has a class whose
 * open() says so. */
extern const MobedIdleSourceClass mobed_idle_mutter;
extern const MobedIdleSourceClass mobed_idle_screensaver;
extern const MobedIdleSourceClass mobed_idle_wayland;
extern const MobedIdleSourceClass mobed_idle_x11;
extern const MobedIdleSourceClass mobed_idle_logind;

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle.h — what readings of the user's idle time mean, and when the next
 * reading is worth taking. The daemon's idle sources only read; these
 * decisions take the times as parameters, so tests can feed any day.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The idle sources, in the order mobed tries them ([presence] idle-source). */
typedef enum {
  MOBED_IDLE_AUTO,          /* the first that works, in the order below */
  MOBED_IDLE_MUTTER,        /* GNOME: org.gnome.Mutter.IdleMonitor */
  MOBED_IDLE_SCREENSAVER,   /* KDE and others: org.freedesktop.ScreenSaver */
  MOBED_IDLE_WAYLAND,       /* ext-idle-notify-v1 */
  MOBED_IDLE_X11,           /* the X server's IDLETIME counter (SYNC) */
  MOBED_IDLE_LOGIND,        /* the session's IdleHint: the last resort */
  MOBED_IDLE_NONE,          /* none: idle time is not watched */
  MOBED_IDLE_N_KINDS,
} MobedIdleKind;

/* "auto", "mutter", ... "none"; NULL-terminated, indexed by MobedIdleKind. */
extern const char *const mobed_idle_kind_names[];

const char *mobed_idle_kind_name  (MobedIdleKind kind);
gboolean    mobed_idle_kind_parse (const char *name, MobedIdleKind *kind);

typedef enum {
  MOBED_IDLE_SAME,          /* nothing changed */
  MOBED_IDLE_WENT_AWAY,     /* no input for the threshold: away since .since */
  MOBED_IDLE_CAME_BACK,     /* input again: back since .since */
} MobedIdleChange;

typedef struct {
  MobedIdleChange change;
  gint64          since;    /* mono µs input stopped (away) or resumed (back) */
  gint64          next;     /* mono µs a polled source should read again */
} MobedIdleVerdict;

/* What one source has said so far. */
typedef struct {
  gint64   threshold;       /* µs without input that is away: natural-break */
  gboolean away;
} MobedIdleTracker;

/* A reading: the user has had no input for @idle µs at @now (mono µs).
 * Below the threshold the next reading is due when the threshold could
 * first be reached; at or above it, after mobed_idle_back_poll(). */
MobedIdleVerdict mobed_idle_reading   (MobedIdleTracker *tracker, gint64 idle, gint64 now);

/* How often a source that cannot announce the user's return is read while
 * the user is away. */
gint64           mobed_idle_back_poll (gint64 threshold);

/* A moment on CLOCK_MONOTONIC (as logind's IdleSinceHintMonotonic gives
 * it) on mobed's CLOCK_BOOTTIME, from both clocks read at the same time;
 * never later than @now_boot. */
gint64           mobed_idle_boottime_of (gint64 monotonic, gint64 now_monotonic, gint64 now_boot);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * reasons.h — why breaks wait. The reasons a due break is held back (do not
 * disturb in one of its forms, a fullscreen window, a camera or microphone
 * in use, a screen shared) and the
 * label a pause carries ("meeting"). The names are API words, the same on
 * D-Bus and in JSON; mobectl says them in the user's language.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MOBED_DEFER_GNOME      = 1 << 0,  /* GNOME: notification banners turned off */
  MOBED_DEFER_INHIBITED  = 1 << 1,  /* the notification server says Inhibited (KDE...) */
  MOBED_DEFER_DUNST      = 1 << 2,  /* dunst is paused */
  MOBED_DEFER_XFCE       = 1 << 3,  /* xfce4-notifyd's do not disturb */
  MOBED_DEFER_FULLSCREEN = 1 << 4,  /* the active X11 window is fullscreen */
  MOBED_DEFER_CAMERA     = 1 << 5,  /* a process of the user's holds a camera open */
  MOBED_DEFER_GNOME_APP  = 1 << 6,  /* GNOME: mobed's own notifications switched off */
  MOBED_DEFER_XFCE_MUTED = 1 << 7,  /* xfce4-notifyd: mobed among the muted applications */
  MOBED_DEFER_MAKO       = 1 << 8,  /* mako's do-not-disturb mode */
  MOBED_DEFER_MICROPHONE = 1 << 9,  /* PipeWire: an application captures audio */
  MOBED_DEFER_SCREEN_SHARE = 1 << 10, /* PipeWire: a screencast is being consumed */
} MobedDeferReason;

#define MOBED_DEFER_COUNT 11
/* Watched all the time, reported as they change. */
#define MOBED_DEFER_DND    (MOBED_DEFER_GNOME | MOBED_DEFER_INHIBITED | MOBED_DEFER_DUNST \
                            | MOBED_DEFER_XFCE | MOBED_DEFER_GNOME_APP \
                            | MOBED_DEFER_XFCE_MUTED)
/* Looked for when a break is about to be shown, and again while they hold
 * (mako has no change signal). */
#define MOBED_DEFER_AT_DUE (MOBED_DEFER_FULLSCREEN | MOBED_DEFER_CAMERA | MOBED_DEFER_MAKO)
/* Looked for when a break is about to be shown too; while they hold it,
 * PipeWire's events say when they end. */
#define MOBED_DEFER_CALL   (MOBED_DEFER_MICROPHONE | MOBED_DEFER_SCREEN_SHARE)

/* "gnome-dnd", "notifications-inhibited", "dunst-paused", "xfce-dnd",
 * "fullscreen", "camera", "gnome-app-off", "xfce-app-muted", "mako-dnd",
 * "microphone", "screen-share";
 * NULL for anything but a single bit. */
const char *mobed_defer_reason_name (MobedDeferReason reason);
/* The names of the bits set in @bits, in the order above. */
GStrv       mobed_defer_reason_list (guint bits);

/* A pause's reason: one line of at most this many characters, which is at
 * most this many bytes with the terminating NUL. */
#define MOBED_PAUSE_REASON_MAX 64
#define MOBED_PAUSE_REASON_BYTES (MOBED_PAUSE_REASON_MAX * 4 + 1)
/* What `mobectl meeting` pauses for. */
#define MOBED_PAUSE_REASON_MEETING "meeting"

/* Checks a pause reason; "" means none. Errors are
 * MOBED_SCHEDULER_ERROR_INVALID with a sentence saying what is wrong. */
gboolean    mobed_pause_reason_check (const char *reason, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fullscreen.h — is the active window fullscreen? On X11, by the window
 * manager's EWMH hints: _NET_ACTIVE_WINDOW on the root window, and
 * _NET_WM_STATE_FULLSCREEN in that window's _NET_WM_STATE.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Asks the X server named by $DISPLAY: connects, asks, disconnects. Meant
 * for the moment a break is about to be shown, never for a loop. FALSE when
 * it cannot tell: no DISPLAY, no window manager that sets the hints, or a
 * mobed built without X11 support. */
gboolean mobed_fullscreen_active    (void);
/* Whether this mobed was built with the X11 check. */
gboolean mobed_fullscreen_supported (void);

G_END_DECLS

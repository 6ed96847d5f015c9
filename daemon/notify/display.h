/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * display.h — whether there is a graphical session for a notification
 * server to draw on, so that none is started on a text console.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when DISPLAY or WAYLAND_DISPLAY is set and not empty. */
gboolean mobed_display_present (void);

G_END_DECLS

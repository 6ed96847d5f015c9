/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * launch.h — the menu items that open something on the desktop: the
 * statistics picture and the settings file.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes `mobectl stats --svg` to the cache directory and opens it with
 * the desktop's viewer for SVG; failures are logged. */
void mobed_launch_statistics (void);

/* Opens mobed.conf with the desktop's editor, first copying the commented
 * template there when the user has none; failures are logged. */
void mobed_launch_settings   (void);

G_END_DECLS

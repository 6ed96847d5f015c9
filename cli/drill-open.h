/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-open.h — `mobectl drills ID --open`: a drill's picture in the
 * desktop's own image viewer.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hands the picture of @drill (an a{sv} from ListDrills) to the default
 * application for its type; returns the exit code, having said on
 * standard error why not when the drill has no picture or nothing opens it. */
int mobectl_drill_open (GVariant *drill);

G_END_DECLS

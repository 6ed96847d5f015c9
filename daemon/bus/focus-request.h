/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-request.h — the options of the D-Bus method StartFocus, read into
 * a core MobedFocusRequest. Apart from the daemon so that the fuzz target
 * for D-Bus arguments can call it.
 */
#pragma once

#include <glib.h>

#include "core/focus.h"

G_BEGIN_DECLS

/* Reads "sets", "reps", "days" (u, at least 1) and "dry_run" (b) from
 * @options (a{sv}); anything else, a wrong type or a 0 is InvalidArgs. */
gboolean mobed_focus_request_read (GVariant          *options,
                                   MobedFocusRequest *request,
                                   gboolean          *dry_run,
                                   GError           **error);

G_END_DECLS

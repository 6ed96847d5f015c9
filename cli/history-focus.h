/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-focus.h — focus sets among the breaks of `mobectl history`
 * (rows from GetFocusSets).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cli/context.h"

G_BEGIN_DECLS

/* GetFocusSets with @options (floating or not); an empty list from a mobed
 * too old to have it. NULL with @error when the call fails. */
GVariant *mobectl_history_focus_sets  (MobectlContext *ctx, GVariant *options, GError **error);
/* "focus set 1 of 2, plan for neck-pain": for the table in the user's
 * language (@translate), in English for CSV, which stays the same in
 * every language. */
char     *mobectl_history_focus_label (GVariant *row, gboolean translate);
/* Adds "focus": the set's plan and place, or null for a break (@row NULL). */
void      mobectl_history_focus_json  (JsonBuilder *b, GVariant *row);

G_END_DECLS

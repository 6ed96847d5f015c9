/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-lookup.h — finding a drill in ListDrills' answer by what the user
 * typed, for `mobectl drills WORD`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The drill (an a{sv} of @drills, an aa{sv}) @word names: its id or name
 * in any case, or the start of one when only one drill begins so. NULL,
 * having told the user on standard error what @word might have meant,
 * when none or several match. */
GVariant *mobectl_drill_find (GVariant *drills, const char *word);

/* Every good-for tag of @drills, each once, NULL-terminated. */
GStrv     mobectl_drill_tags (GVariant *drills);

G_END_DECLS

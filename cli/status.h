/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * status.h — renders the daemon's properties for a person or, with --json,
 * for a script.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Prints @props (a{sv} from GetAll) as the status block or one JSON object. */
void  mobectl_status_print      (GVariant *props, gboolean json);
/* The status block alone (status.c). */
void  mobectl_status_print_text (GVariant *props);

/* The status as one JSON object (status-json.c). */
char *mobectl_status_json       (GVariant *props, gboolean pretty);

/* One line for status bars: "working · next break 14:32 · 3/8 today". Only
 * clock times, so the line stays true until the next change. */
char *mobectl_status_line       (GVariant *props);

/* "Neck circles · 10 each way" for the current break, or NULL if none. */
char *mobectl_status_break_line (GVariant *props);

/* The same for a break or focus set dictionary's "drills". */
char *mobectl_drills_line       (GVariant *brk);

/* The FocusSet property, or NULL when no focus set is up or snoozed
 * (status-focus.c). */
GVariant *mobectl_status_focus_set (GVariant *props);
/* "set 1 of 2 today, focus plan for neck-pain" */
char *mobectl_focus_set_place   (GVariant *set);
/* For the status block: the drills, the set's place and a snooze's end. */
char *mobectl_focus_set_text    (GVariant *set, gint64 now_us);
/* For the one-line status: "focus set 1 of 2: Neck circles · 40 each way". */
char *mobectl_focus_set_short   (GVariant *set);
/* "mobectl drills neck-circles" for each drill of @brk, or NULL. */
char *mobectl_drills_steps_hint (GVariant *brk);
/* Adds a focus set's "target", "set" and "sets_per_day" (from a FocusSet
 * or GetFocusSets dictionary) to the object being built. */
void  mobectl_json_add_set_place (JsonBuilder *b, GVariant *set);
/* Adds "focus_set" (null, or the set) to a status object. */
void  mobectl_json_add_focus_set (JsonBuilder *b, GVariant *props);

/* "14:32 (in 12 min)"; a time on another day gets its weekday and date. */
char *mobectl_when_text         (gint64 when_us, gint64 now_us);

/* A property of @props, 0 when it is missing or of another type. */
gint64       mobectl_prop_int64          (GVariant *props, const char *key);
guint        mobectl_prop_uint           (GVariant *props, const char *key);
/* The CurrentBreak property, or NULL when no break is up. */
GVariant    *mobectl_status_current_break (GVariant *props);
/* Why breaks are paused, or NULL when they are not or no reason was given. */
const char  *mobectl_status_pause_reason  (GVariant *props);

/* status-walk.c: "Walk for 5 min" when @brk (CurrentBreak) is a walk, else
 * NULL; " · a walk (sitting for 1 h 5 min)" when the next break will be
 * one (NextBreakKind), else NULL. */
char     *mobectl_status_walk_text      (GVariant *brk);
char     *mobectl_status_next_walk_text (GVariant *props, gint64 now);

G_END_DECLS

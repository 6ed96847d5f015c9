/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json-out.h — the one way mobectl turns a finished JsonBuilder into text,
 * so every --json output is generated and printed alike.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The builder's document as text: indented when @pretty, else one line. */
char *mobectl_json_text  (JsonBuilder *builder, gboolean pretty);
/* @key: ISO 8601 local time with its offset, or null for @us <= 0 ("none"). */
void  mobectl_json_add_time   (JsonBuilder *builder, const char *key, gint64 us);
/* @key: drills as D-Bus gives them (aa{sv}, see CurrentBreak) as a list of
 * {id, name, reps, per_side, reps_text}; [] for NULL. */
void  mobectl_json_add_drills (JsonBuilder *builder, const char *key, GVariant *drills);
/* @key: a focus plan's check-ins (a(us), day and answer) as a list of
 * {day, answer}; [] for NULL. */
void  mobectl_json_add_ratings (JsonBuilder *builder, const char *key, GVariant *ratings);
/* Prints it indented, with a final newline. */
void  mobectl_json_print (JsonBuilder *builder);

G_END_DECLS

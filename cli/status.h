/*
 * status.h — renders the daemon's properties for a person or, with --json,
 * for a script.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints @props (a{sv} from GetAll) as the status block or one JSON object. */
void  mobectl_status_print      (GVariant *props, gboolean json);

/* The status as one JSON object. */
char *mobectl_status_json       (GVariant *props, gboolean pretty);

/* One line for status bars: "working · next break 14:32 · 3/8 today". Only
 * clock times, so the line stays true until the next change. */
char *mobectl_status_line       (GVariant *props);

/* "Neck circles · 10 each way" for the current break, or NULL if none. */
char *mobectl_status_break_line (GVariant *props);

/* "14:32 (in 12 min)"; a time on another day gets its weekday and date. */
char *mobectl_when_text         (gint64 when_us, gint64 now_us);

G_END_DECLS

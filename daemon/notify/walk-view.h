/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk-view.h — what a walk looks like from outside: its notification
 * title and body, and the log line. A walk has no drills, only a length
 * and a suggestion or two of where to go.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Time to get up: walk for 5 minutes", in the user's language. */
char *mobed_walk_view_title      (guint64 length_s);
/* Two suggestions, chosen by @seed (the break's id), and how to answer. */
char *mobed_walk_view_body       (guint64 seed);
/* One suggestion, for servers with room for little (mako). */
char *mobed_walk_view_short_body (guint64 seed);
/* "Walk for 5 min", in English for the log. */
char *mobed_walk_view_line       (guint64 length_s);

G_END_DECLS

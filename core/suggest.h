/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * suggest.h — "did you mean …?": the known word nearest to one the user
 * mistyped (a command, a config key, a drill id), by edit distance.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Edits (insert, delete, replace one character, or swap two neighbours)
 * that turn @a into @b, ignoring case; characters, not bytes. */
guint        mobed_suggest_distance (const char *a, const char *b);

/* The word of @candidates (NULL-terminated) nearest to @word, or NULL when
 * none is near enough to be a slip of the fingers: at most one edit for a
 * word of up to four characters, two up to eight, three beyond. An exact
 * match (in another case) counts as near. The first of equals wins. */
const char  *mobed_suggest          (const char         *word,
                                     const char *const  *candidates);

/* Finds what @word names among items that each have an id and a display
 * name (@ids and @names, the same length, NULL-terminated): an id or a
 * name equal to @word in any case, else the one id or name @word begins
 * (in any case). Returns the item's index, or -1 with @ret_candidates
 * (when not NULL) holding the indexes @word begins more than one of, in
 * order, or nothing when it begins none; mobed_suggest() over ids and
 * names then gives the nearest. */
int          mobed_suggest_lookup   (const char         *word,
                                     const char *const  *ids,
                                     const char *const  *names,
                                     GArray            **ret_candidates);

G_END_DECLS

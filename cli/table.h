/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.h — a table of text columns that fits the terminal: cells wrap at
 * spaces, and a word too long for its column is cut with "…".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The width to fit: COLUMNS when set to a number, else the terminal's when
 * standard output is one, else 80 (a pipe, a file, a test). */
int  mobectl_terminal_width (void);

/* Prints @headers (@n_columns of them) and the rows of @cells (row after
 * row, @n_columns cells each; a cell may hold line breaks) in columns two
 * spaces apart, at most @width characters wide. Each column is as wide as
 * its widest cell while that fits; otherwise the widest columns give way
 * first, each down to its longest word. A @fixed column never narrows (ids
 * people type). When even that is too wide, prints nothing and returns
 * FALSE, unless @may_cut: then words are cut short with "…". */
gboolean mobectl_table_print (const char *const *headers,
                              guint              n_columns,
                              GPtrArray         *cells,
                              const gboolean    *fixed,
                              int                width,
                              gboolean           may_cut);

G_END_DECLS

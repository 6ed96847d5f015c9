/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history.h — the break log in SQLite: one row per break the moment its
 * outcome is known, the drills it offered, and pauses as intervals. It
 * never refuses to work: a damaged file is moved aside and a fresh one
 * started, and a place it cannot write to leaves history in memory until
 * it can.
 */
#pragma once

#include <glib.h>

#include "core/record.h"

G_BEGIN_DECLS

/* Errors carry SQLite's result code as their code. */
#define MOBED_HISTORY_ERROR (mobed_history_error_quark ())
GQuark mobed_history_error_quark (void);

#define MOBED_HISTORY_SCHEMA 8          /* PRAGMA user_version this code writes */
typedef struct _MobedHistory MobedHistory;

/* Opens (creating, migrating) @path. Never fails: a corrupt, unreadable or
 * newer-than-known file is renamed to "@path.corrupt-<UTC time>" and a
 * fresh one started; if nothing can be written, history is kept in memory
 * and writing is retried on every add. @now_us names a moved file. */
MobedHistory *mobed_history_open        (const char *path, gint64 now_us);
void          mobed_history_free        (MobedHistory *self);

/* Stores @row (its id is set). Written in one transaction, or kept in
 * memory if the file cannot be written: then FALSE with @error, and the row
 * is written by a later add. */
gboolean      mobed_history_add         (MobedHistory *self, MobedHistoryRow *row, GError **error);
/* Pauses as intervals: begin writes an open one with its @reason ("" or
 * NULL: none; see core/reasons.h) and the local offset then, end closes
 * it. Either is kept in memory, as rows are, when it cannot be written. */
gboolean      mobed_history_pause_begin (MobedHistory *self, gint64 start_us,
                                         gint32 utc_offset_s, const char *reason,
                                         GError **error);
gboolean      mobed_history_pause_end   (MobedHistory *self, gint64 end_us, GError **error);

/* Runs @sql (one or more statements, values already quoted) in the log,
 * or keeps it in memory to run, in order, once the file can be written:
 * then FALSE with @error. For the focus plan tables (core/focus-log). */
gboolean      mobed_history_exec        (MobedHistory *self, gint64 now_us, const char *sql,
                                         GError **error);
/* The open database for reading, with everything kept in memory written
 * first; NULL while history lives in memory only. */
struct sqlite3 *mobed_history_db        (MobedHistory *self, gint64 now_us);
/* Closes the file, and with it SQLite's page cache, until the next add,
 * pause or query opens it again (the daemon calls it once it is done for
 * now). Rows kept in memory stay. A database in memory (":memory:") stays open. */
void          mobed_history_close_idle  (MobedHistory *self);

/* Rows that fell due at or after @since_us, newest first, at most @limit
 * (0 = all), including rows still waiting in memory. */
GArray       *mobed_history_query       (MobedHistory *self, gint64 since_us, guint limit,
                                         GError **error);
/* MobedHistoryPause that began at or after @since_us, newest first, at most
 * @limit (0 = all), including what is still waiting in memory. */
GArray       *mobed_history_pauses      (MobedHistory *self, gint64 since_us, guint limit,
                                         GError **error);

/* What went wrong on open, for `mobectl status`: the path a damaged file
 * was moved to, and whether history is only in memory (the last attempt to
 * open the file failed). NULL/FALSE if fine. */
const char   *mobed_history_moved_to    (MobedHistory *self);
gboolean      mobed_history_in_memory   (MobedHistory *self);
/* A sentence for the log and status, or NULL when all is well. */
const char   *mobed_history_problem     (MobedHistory *self);

/* $XDG_STATE_HOME/mobed/history.db */
char         *mobed_history_default_path (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedHistory, mobed_history_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-private.h — what history.c, history-write.c and history-read.c
 * share: the log's state and the SQL helpers. Nothing outside core/history*
 * includes it.
 */
#pragma once

#include "store/history.h"
#include <sqlite3.h>

G_BEGIN_DECLS

/* Every statement the log runs more than once: prepared on first use and
 * kept while the connection is open, as parsing them was most of the cost
 * of a write. */
typedef enum {
  SQL_BEGIN,
  SQL_COMMIT,
  SQL_ROLLBACK,
  SQL_ADD_BREAK,
  SQL_ADD_DRILL,
  SQL_PAUSE_OPEN,
  SQL_PAUSE_CLOSE,
  SQL_PAUSE_WHOLE,
  SQL_BREAKS_SINCE,
  SQL_DRILLS_OF,
  SQL_PAUSES_SINCE,
  SQL_COUNT
} Sql;

/* SQLite's name for a database that lives in memory and is never a file. */
#define IN_MEMORY_PATH ":memory:"

struct _MobedHistory {
  char    *path;
  sqlite3 *db;          /* NULL while closed or while history lives in memory only */
  sqlite3_stmt *prepared[SQL_COUNT];
  gboolean checked;     /* the file passed its check and is at MOBED_HISTORY_SCHEMA */
  gboolean unwritable;  /* the last open failed: history lives in memory */
  GArray  *pending;     /* MobedHistoryRow not yet written */
  /* MobedHistoryPause not yet written: end 0 is still open; start 0 is
   * the end of a pause already in the file. */
  GArray  *pauses;
  GPtrArray *pending_sql; /* SQL from mobed_history_exec not yet written */
  gint64   next_memory_id;
  char    *moved_to;
  char    *problem;
};

G_GNUC_INTERNAL gboolean history_fail (sqlite3 *db, int rc, GError **error, const char *what);
G_GNUC_INTERNAL gboolean history_exec (sqlite3 *db, const char *sql, GError **error);
/* @which, prepared once for this connection and ready to bind; NULL with
 * @error if it cannot be prepared. Reset it when done with it. */
G_GNUC_INTERNAL sqlite3_stmt *history_statement (MobedHistory *self, Sql which, GError **error);
/* Runs a statement that returns no rows and makes it ready for reuse. */
G_GNUC_INTERNAL int history_run (MobedHistory *self, sqlite3_stmt *st);
G_GNUC_INTERNAL gboolean history_run_plain (MobedHistory *self, Sql which, GError **error);
/* Opens, checks and migrates; FALSE with @damaged when the file itself is
 * damaged (worth moving aside) rather than out of reach. */
G_GNUC_INTERNAL gboolean history_try_open (MobedHistory *self, gboolean *damaged, GError **error);
/* Opens the file if it is not open yet; damage is moved aside once. */
G_GNUC_INTERNAL gboolean history_ensure_open (MobedHistory *self, gint64 now_us, GError **error);
G_GNUC_INTERNAL void history_set_problem (MobedHistory *self, const char *fmt, ...)
  G_GNUC_PRINTF (2, 3);
/* Writes what piled up in memory while the file could not be written. */
G_GNUC_INTERNAL gboolean history_flush_pending (MobedHistory *self, GError **error);
/* Open, with everything waiting in memory written: ready for one more. */
G_GNUC_INTERNAL gboolean history_ready (MobedHistory *self, gint64 now_us, GError **error);

G_END_DECLS

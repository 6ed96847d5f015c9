/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sqlite-lib.h — SQLite, loaded while it is used and unloaded after. mobed
 * writes a break a few times an hour and otherwise waits; linked for good,
 * SQLite's 1.3 MiB of code stayed resident all day for those few writes.
 *
 * Code that uses SQLite includes this header instead of <sqlite3.h> and is
 * written against the plain SQLite API: each sqlite3_* function listed
 * below is routed to the loaded library (the way SQLite's own sqlite3ext.h
 * routes an extension's calls), which the first call loads. Using one not
 * listed is a link error: add it to the list. A connection holds the
 * library (mobed_sqlite_hold) while it is open; mobed_sqlite_unload_unused
 * unloads it when no connection is open. Main thread only, like the
 * history it serves.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define MOBED_SQLITE_FUNCTIONS(F) \
  F (sqlite3_bind_int)            \
  F (sqlite3_bind_int64)          \
  F (sqlite3_bind_text)           \
  F (sqlite3_busy_timeout)        \
  F (sqlite3_clear_bindings)      \
  F (sqlite3_close)               \
  F (sqlite3_column_int)          \
  F (sqlite3_column_int64)        \
  F (sqlite3_column_text)         \
  F (sqlite3_db_config)           \
  F (sqlite3_errcode)             \
  F (sqlite3_errmsg)              \
  F (sqlite3_errstr)              \
  F (sqlite3_exec)                \
  F (sqlite3_finalize)            \
  F (sqlite3_free)                \
  F (sqlite3_last_insert_rowid)   \
  F (sqlite3_mprintf)             \
  F (sqlite3_open_v2)             \
  F (sqlite3_prepare_v2)          \
  F (sqlite3_prepare_v3)          \
  F (sqlite3_reset)               \
  F (sqlite3_step)

typedef struct {
#define MOBED_SQLITE_MEMBER(name) glib_typeof (name) *name;
  MOBED_SQLITE_FUNCTIONS (MOBED_SQLITE_MEMBER)
#undef MOBED_SQLITE_MEMBER
} MobedSqlite;

/* Loads the library (if it is not loaded) and keeps it loaded until the
 * matching mobed_sqlite_unhold: one hold per open connection. FALSE with
 * @error if it cannot be loaded. */
gboolean           mobed_sqlite_hold          (GError **error);
void               mobed_sqlite_unhold        (void);
/* Unloads the library if it is loaded and nothing holds it. */
void               mobed_sqlite_unload_unused (void);
/* Whether the library is loaded now (for tests). */
gboolean           mobed_sqlite_loaded        (void);

/* The library's functions, loading it if needed; a library that cannot be
 * loaded at all is a broken installation and ends the program (call
 * mobed_sqlite_hold first where that is to be handled). */
const MobedSqlite *mobed_sqlite               (void);

#ifndef MOBED_SQLITE_LIB_C
#define sqlite3_bind_int          (mobed_sqlite ()->sqlite3_bind_int)
#define sqlite3_bind_int64        (mobed_sqlite ()->sqlite3_bind_int64)
#define sqlite3_bind_text         (mobed_sqlite ()->sqlite3_bind_text)
#define sqlite3_busy_timeout      (mobed_sqlite ()->sqlite3_busy_timeout)
#define sqlite3_clear_bindings    (mobed_sqlite ()->sqlite3_clear_bindings)
#define sqlite3_close             (mobed_sqlite ()->sqlite3_close)
#define sqlite3_column_int        (mobed_sqlite ()->sqlite3_column_int)
#define sqlite3_column_int64      (mobed_sqlite ()->sqlite3_column_int64)
#define sqlite3_column_text       (mobed_sqlite ()->sqlite3_column_text)
#define sqlite3_db_config         (mobed_sqlite ()->sqlite3_db_config)
#define sqlite3_errcode           (mobed_sqlite ()->sqlite3_errcode)
#define sqlite3_errmsg            (mobed_sqlite ()->sqlite3_errmsg)
#define sqlite3_errstr            (mobed_sqlite ()->sqlite3_errstr)
#define sqlite3_exec              (mobed_sqlite ()->sqlite3_exec)
#define sqlite3_finalize          (mobed_sqlite ()->sqlite3_finalize)
#define sqlite3_free              (mobed_sqlite ()->sqlite3_free)
#define sqlite3_last_insert_rowid (mobed_sqlite ()->sqlite3_last_insert_rowid)
#define sqlite3_mprintf           (mobed_sqlite ()->sqlite3_mprintf)
#define sqlite3_open_v2           (mobed_sqlite ()->sqlite3_open_v2)
#define sqlite3_prepare_v2        (mobed_sqlite ()->sqlite3_prepare_v2)
#define sqlite3_prepare_v3        (mobed_sqlite ()->sqlite3_prepare_v3)
#define sqlite3_reset             (mobed_sqlite ()->sqlite3_reset)
#define sqlite3_step              (mobed_sqlite ()->sqlite3_step)
#endif

G_END_DECLS

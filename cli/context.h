/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.h — what every mobectl command gets: the bus, the output mode,
 * and the helpers that turn failures into messages and exit codes.
 */
#pragma once

#include <gio/gio.h>

#include "cli/names.h"

G_BEGIN_DECLS

/* Exit codes: 0 ok, 1 the daemon refused or could not be reached, 2 usage. */
enum { MOBECTL_EXIT_OK = 0, MOBECTL_EXIT_REFUSED = 1, MOBECTL_EXIT_USAGE = 2 };

/* How long a call waits for mobed's answer: GDBus's own default, unless
 * MOBECTL_TIMEOUT says otherwise. */
#define MOBECTL_TIMEOUT_DEFAULT_S 25
#define MOBECTL_TIMEOUT_MAX_S     3600

typedef struct {
  const char      *verb;     /* the command being run, for hints */
  gboolean         json;
  GDBusConnection *bus;      /* opened on first use */
  int              timeout_s;  /* for each call, from mobectl_read_timeout () */
  /* per-command options, NULL/FALSE when not given */
  const char      *region;     /* drills */
  const char      *setting;
  const char      *good_for;
  gboolean         open;
  const char      *days;       /* stats */
  const char      *svg;
  gboolean         week;
  gboolean         month;
  gboolean         heatmap;
  const char      *limit;      /* history */
  const char      *since;
  gboolean         csv;
  gboolean         pauses;
  gboolean         follow;     /* status */
  const char      *sets;       /* focus (and --days) */
  const char      *reps;
  const char      *extend;
  gboolean         yes;
  gboolean         stop;
  gboolean         keep_dose;
  const char      *reason;     /* pause */
} MobectlContext;

/* Sets ctx->timeout_s from MOBECTL_TIMEOUT, or to the default; FALSE,
 * having said why, when the variable is not a whole number of seconds. */
gboolean  mobectl_read_timeout (MobectlContext *ctx);

/* The session bus, opened on first use. */
GDBusConnection *mobectl_bus  (MobectlContext *ctx, GError **error);

/* Calls a method of org.mobed.Daemon1; D-Bus activation starts the daemon
 * if it is not running. Returns NULL with @error set on failure. */
GVariant *mobectl_call        (MobectlContext *ctx, const char *method,
                               GVariant *params, const GVariantType *reply_type,
                               GError **error);
/* All properties in one round trip, as a{sv}. */
GVariant *mobectl_get_all     (MobectlContext *ctx, GError **error);

/* Print "mobectl: <reason>" and a hint; return the exit code. */
int       mobectl_usage_error (MobectlContext *ctx, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
int       mobectl_bus_error   (MobectlContext *ctx, GError *error);

G_END_DECLS

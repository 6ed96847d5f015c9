/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * break-log.h — the daemon's side of the break log: each ended break is
 * written, with its drills, before anyone hears it ended; today's done
 * count is read from the log, the one place that knows; between uses the
 * file is closed.
 */
#pragma once

#include "core/catalog.h"
#include "core/picker.h"
#include "core/scheduler.h"
#include "store/history.h"

G_BEGIN_DECLS

typedef struct _MobedBreakLog MobedBreakLog;

/* Opens the log at @path (see mobed_history_open: it never fails). */
MobedBreakLog *mobed_break_log_open       (const char *path, MobedTime now);
void           mobed_break_log_free       (MobedBreakLog *self);
/* The history, to read or write now; closed again shortly after its last
 * use. */
MobedHistory  *mobed_break_log_history    (MobedBreakLog *self);
/* What is wrong with the file, or NULL. */
const char    *mobed_break_log_problem    (MobedBreakLog *self);
/* The done count belongs to a local calendar day and starts over at
 * midnight: call before reading it. */
void           mobed_break_log_roll_today (MobedBreakLog *self, MobedTime now);
const char    *mobed_break_log_today      (MobedBreakLog *self);
guint          mobed_break_log_today_done (MobedBreakLog *self);
/* Writes the break that ended (its drills from @choice, named in
 * @catalog; @held_by, the MobedDeferReason bits that held it back) and
 * counts it if done. */
void           mobed_break_log_record     (MobedBreakLog *self, const MobedRecord *rec,
                                           const MobedCatalog *catalog,
                                           const MobedChoice *choice, guint held_by);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedBreakLog, mobed_break_log_free)

G_END_DECLS

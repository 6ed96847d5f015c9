/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pause-log.h — what a pause leaves behind besides the scheduler's state:
 * its reason ("meeting"), an interval with that reason in the history, and
 * state.ini, so that a pause and its reason outlive a restart.
 */
#pragma once

#include "core/scheduler.h"
#include "daemon/record/break-log.h"

G_BEGIN_DECLS

typedef struct _MobedPauseLog MobedPauseLog;

/* Reads the pause saved at @state_path. @log and @scheduler are the
 * daemon's and outlive it. */
MobedPauseLog *mobed_pause_log_new     (const char *state_path, MobedBreakLog *log,
                                        MobedScheduler *scheduler);
void           mobed_pause_log_free    (MobedPauseLog *self);
/* At start: the pause saved before a restart, if it still runs. */
void           mobed_pause_log_restore (MobedPauseLog *self, MobedTime now);
/* After each event: @accepted, whether the scheduler took it;
 * @was_paused, whether it was paused before. */
void           mobed_pause_log_track   (MobedPauseLog *self, const MobedEvent *event,
                                        gboolean accepted, gboolean was_paused, MobedTime now);
/* "" when not paused or paused without a reason. */
const char    *mobed_pause_log_reason  (MobedPauseLog *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedPauseLog, mobed_pause_log_free)

G_END_DECLS

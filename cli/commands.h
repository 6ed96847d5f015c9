/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * commands.h — one function per mobectl command. Each takes its positional
 * arguments (already counted against the verb table) and returns the exit
 * code.
 */
#pragma once

#include "cli/context.h"

G_BEGIN_DECLS

int mobectl_cmd_status  (MobectlContext *ctx, int argc, char **argv);
int mobectl_status_follow (MobectlContext *ctx);
int mobectl_cmd_now     (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_done    (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_skip    (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_snooze  (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_another (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_pause   (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_resume  (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_meeting (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_reload  (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_drills  (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_stats   (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_history (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_focus   (MobectlContext *ctx, int argc, char **argv);
int mobectl_cmd_config  (MobectlContext *ctx, int argc, char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.h — `mobectl config`: mobed.conf read, checked and written from the
 * command line, by the same rules the daemon loads it with (core/config).
 * config.c shows and sets keys; config-edit.c runs the user's editor.
 */
#pragma once

#include "cli/context.h"

G_BEGIN_DECLS

/* $XDG_CONFIG_HOME/mobed/mobed.conf, as mobed reads it. */
char     *mobectl_config_path   (void);

/* Replaces the file at @path (or the file a symlink there points at, so a
 * dotfiles link survives) with @data in one step: a crash leaves the old
 * file or the new one, never half of either. Creates the folder. */
gboolean  mobectl_config_write  (const char *path, const char *data, gsize length,
                                 GError **error);

/* Checks @data as mobed would load it: FALSE if it is not a key file at
 * all (@error says where); otherwise adds one sentence per problem to
 * @warnings, as the daemon would log them, naming @path. */
gboolean  mobectl_config_check  (const char *path, const char *data, gsize length,
                                 GPtrArray *warnings, GError **error);

/* Asks a running mobed to read the file now and prints what it reports;
 * says so when mobed is not running (it reads the file when it starts).
 * Never starts mobed. */
void      mobectl_config_reload (MobectlContext *ctx);

int       mobectl_config_edit   (MobectlContext *ctx);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-source.h — where the daemon's drills come from: the shipped
 * catalog, then the user's own drills.ini on top (same id overrides).
 */
#pragma once

#include "core/catalog.h"
#include "core/config.h"

G_BEGIN_DECLS

/* Loads the shipped catalog ($MOBED_DATA_DIR/drills.ini when set, for
 * running from a build tree, else the installed one) and the user's
 * $XDG_CONFIG_HOME/mobed/drills.ini, with their pictures (the shipped ones
 * in the drills/ folder beside the shipped catalog). Problems are logged
 * and appended to @problems. NULL with @error when not one usable drill is left. */
MobedCatalog *mobed_drill_source_load (GPtrArray *problems, GError **error);

/* Words in @config's [drills] focus and exclude that match nothing in
 * @catalog (a typo would otherwise silently do nothing): logged and
 * appended, naming @path (the config file) and the nearest known word. */
void          mobed_drill_source_check_config (const MobedCatalog *catalog,
                                               const MobedConfig  *config,
                                               const char         *path,
                                               GPtrArray          *warnings);

/* For `mobed --check-catalog`: prints each problem; 0 if @path is clean. */
int           mobed_drill_source_check (const char *path);

G_END_DECLS

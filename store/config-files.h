/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-files.h — reads mobed.conf and drills.ini from disk and hands the
 * text to core/config and core/catalog, which parse it.
 */
#pragma once

#include "core/catalog.h"
#include "core/config.h"

G_BEGIN_DECLS

/* Reads @path into @config (see mobed_config_parse). A missing file means
 * all defaults. FALSE only when the file exists but cannot be read or is
 * not a key file at all; @config is then untouched. */
gboolean mobed_config_load  (MobedConfig *config, const char *path, GPtrArray *warnings,
                             GError **error);

/* Adds the drills of @path (see mobed_catalog_parse). FALSE when the file
 * cannot be read or is not a key file at all. */
gboolean mobed_catalog_load (MobedCatalog *self, const char *path, GPtrArray *problems,
                             GError **error);

/* The same, and each drill's picture checked: a file name is looked for
 * in @picture_dir, an absolute path where it says. A picture that cannot
 * be read is a problem naming @path, the drill and the file, and the
 * drill loads without it; a readable one is kept as an absolute path.
 * (mobed_catalog_load leaves pictures as written, unchecked.) */
gboolean mobed_catalog_load_full (MobedCatalog *self, const char *path,
                                  const char *picture_dir, GPtrArray *problems,
                                  GError **error);

/* $XDG_CONFIG_HOME/mobed/mobed.conf */
char    *mobed_config_default_path (void);

G_END_DECLS

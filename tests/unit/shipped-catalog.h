/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * shipped-catalog.h — the fixture of the tests that check what a user at
 * default settings gets: the shipped data/drills.ini, loaded without a
 * problem, and a default config to change per test.
 */
#pragma once

#include "core/catalog.h"
#include "core/config.h"
#include "store/config-files.h"

typedef struct {
  MobedCatalog *catalog;
  MobedConfig   config;
} Fixture;

static inline void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                 "drills.ini", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  f->catalog = mobed_catalog_new ();
  g_assert_true (mobed_catalog_load (f->catalog, path, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
  mobed_config_init_defaults (&f->config);
}

static inline void
teardown (Fixture *f, gconstpointer data)
{
  mobed_catalog_unref (f->catalog);
  mobed_config_clear (&f->config);
}

static inline const MobedDrill *
shipped_drill (Fixture *f, const char *id)
{
  const MobedDrill *d = mobed_catalog_find (f->catalog, id);

  g_assert_nonnull (d);
  return d;
}

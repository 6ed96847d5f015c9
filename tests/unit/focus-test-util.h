/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-test-util.h — what test-focus.c and test-focus-day.c share: the
 * shipped catalog, a default config, working hours 09:00-12:00 and
 * 13:00-17:00 on weekdays and a temp dir as the fixture, and making a plan
 * that must succeed.
 */
#pragma once

#include <stdlib.h>

#include "core/focus.h"
#include "core/workhours.h"
#include "store/config-files.h"

typedef struct {
  MobedCatalog *catalog;
  MobedConfig   config;
  MobedWorkHours hours;
  char         *dir;
} Fixture;

static inline void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                 "drills.ini", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  f->catalog = mobed_catalog_new ();
  g_assert_true (mobed_catalog_load (f->catalog, path, problems, NULL));
  mobed_config_init_defaults (&f->config);
  g_assert_true (mobed_work_hours_parse ("09:00-12:00,13:00-17:00", &f->hours, NULL));
  f->hours.days = 0x1f;     /* Monday to Friday */
  f->dir = g_dir_make_tmp ("mobed-focus-XXXXXX", NULL);
}

static inline void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  mobed_catalog_unref (f->catalog);
  mobed_config_clear (&f->config);
}

static inline void
make (Fixture *f, const char *const *targets, MobedFocusRequest req, MobedFocusPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mobed_focus_plan_make (f->catalog, &f->config, targets, &req, plan, &error));
  g_assert_no_error (error);
}

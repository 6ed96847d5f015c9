/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-test-util.h — the fixture the test-config*.c programs share: a temp
 * dir holding one mobed.conf, the warnings a load gives, and checks on lists
 * and on whole configs.
 */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "store/config-files.h"
#include "core/config.h"

typedef struct {
  char      *dir;
  char      *path;
  GPtrArray *warnings;
} Fixture;

static inline void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("mobed-config-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "mobed.conf", NULL);
  f->warnings = g_ptr_array_new_with_free_func (g_free);
}

static inline void
teardown (Fixture *f, gconstpointer data)
{
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->warnings);
}

static inline void
write_conf (Fixture *f, const char *text)
{
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
}

static inline gboolean
has_warning (Fixture *f, const char *a, const char *b)
{
  for (guint i = 0; i < f->warnings->len; i++)
    {
      const char *w = f->warnings->pdata[i];
      if (strstr (w, f->path) && strstr (w, a) && (b == NULL || strstr (w, b)))
        return TRUE;
    }
  return FALSE;
}

/* The words of @list, none for "": a list spelt as the file would. */
static inline void
assert_words (GStrv list, const char *expected)
{
  g_auto(GStrv) want = g_regex_split_simple (";", expected, 0, 0);

  g_assert_nonnull (list);                /* none is an empty vector */
  if (*expected == '\0')
    g_assert_cmpuint (g_strv_length (list), ==, 0);
  else
    g_assert_cmpstrv (list, want);
}

/* No focus, no exclusions, all day: the defaults of the owned fields. */
static inline void
assert_lists_default (const MobedConfig *c)
{
  assert_words (c->focus, "");
  assert_words (c->exclude, "");
  g_assert_cmpstr (c->work_hours, ==, "");
}

/* Field by field: the struct has padding that memcmp would compare too. */
static inline void
assert_config_equal (const MobedConfig *a, const MobedConfig *b)
{
  g_assert_cmpuint (a->interval_s, ==, b->interval_s);
  g_assert_cmpuint (a->break_length_s, ==, b->break_length_s);
  g_assert_cmpuint (a->snooze_s, ==, b->snooze_s);
  g_assert_cmpuint (a->expire_after_s, ==, b->expire_after_s);
  g_assert_cmpuint (a->natural_break_s, ==, b->natural_break_s);
  g_assert_cmpint (a->sound, ==, b->sound);
  g_assert_cmpuint (a->daily_goal, ==, b->daily_goal);
  g_assert_cmpuint (a->settings, ==, b->settings);
  g_assert_cmpstrv (a->focus, b->focus);
  g_assert_cmpstrv (a->exclude, b->exclude);
  g_assert_cmpint (a->escalate, ==, b->escalate);
  g_assert_cmpuint (a->max_defer_s, ==, b->max_defer_s);
  g_assert_cmpint (a->respect_dnd, ==, b->respect_dnd);
  g_assert_cmpint (a->defer_fullscreen, ==, b->defer_fullscreen);
  g_assert_cmpint (a->defer_camera, ==, b->defer_camera);
  g_assert_cmpint (a->defer_microphone, ==, b->defer_microphone);
  g_assert_cmpint (a->defer_screen_share, ==, b->defer_screen_share);
  g_assert_cmpuint (a->idle_source, ==, b->idle_source);
  g_assert_cmpuint (a->work_days, ==, b->work_days);
  g_assert_cmpstr (a->work_hours, ==, b->work_hours);
  g_assert_cmpuint (a->walk_every_s, ==, b->walk_every_s);
  g_assert_cmpuint (a->walk_length_s, ==, b->walk_length_s);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog-test-util.h — the fixture the test-catalog*.c programs share: a
 * temp dir holding one drills.ini, the catalog it loads into with the
 * problems found, a check that a problem names its drill and key, and a
 * valid drill written key by key so a test can change or drop one key.
 */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"

typedef struct {
  char         *dir;
  char         *path;
  GPtrArray    *problems;
  MobedCatalog *catalog;
} Fixture;

static inline void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("mobed-catalog-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "drills.ini", NULL);
  f->problems = g_ptr_array_new_with_free_func (g_free);
  f->catalog = mobed_catalog_new ();
}

static inline void
teardown (Fixture *f, gconstpointer data)
{
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->problems);
  mobed_catalog_unref (f->catalog);
}

static inline void
write_ini (Fixture *f, const char *text)
{
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
}

static inline void
load_ok (Fixture *f, const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mobed_catalog_load (f->catalog, path, f->problems, &error));
  g_assert_no_error (error);
}

/* Problems are sentences for people; what matters is that each names the
 * file, the drill and (where there is one) the key, so a user can find it. */
static inline gboolean
has_problem (Fixture *f, const char *id, const char *key, const char *text)
{
  g_autofree char *drill = g_strdup_printf ("drill '%s'", id);
  g_autofree char *named_key = key ? g_strdup_printf ("key '%s'", key) : NULL;

  for (guint i = 0; i < f->problems->len; i++)
    {
      const char *p = f->problems->pdata[i];
      if (strstr (p, f->path) && strstr (p, drill)
          && (named_key == NULL || strstr (p, named_key))
          && (text == NULL || strstr (p, text)))
        return TRUE;
    }
  return FALSE;
}

static inline void
print_problems (Fixture *f)
{
  for (guint i = 0; i < f->problems->len; i++)
    g_test_message ("problem: %s", (const char *) f->problems->pdata[i]);
}

/* A valid drill, key by key, so a variant can change or drop one. */
static const char *const good_keys[][2] = {
  { "name", "Good drill" },
  { "summary", "Move gently and easily." },
  { "steps", "Sit tall;Move;Rest" },
  { "regions", "neck;shoulders" },
  { "settings", "seated;standing" },
  { "good-for", "neck-pain" },
  { "reps-small", "10" },
  { "reps-focus", "30" },
  { "per-side", "false" },
  { "seconds-per-rep", "3" },
};

/* @key set to @value, or left out when @value is NULL; @extra appended. */
static inline void
append_drill (GString *out, const char *id, const char *key, const char *value,
              const char *extra)
{
  g_string_append_printf (out, "[%s]\n", id);
  for (gsize i = 0; i < G_N_ELEMENTS (good_keys); i++)
    {
      if (key == NULL || !g_str_equal (key, good_keys[i][0]))
        g_string_append_printf (out, "%s=%s\n", good_keys[i][0], good_keys[i][1]);
      else if (value != NULL)
        g_string_append_printf (out, "%s=%s\n", key, value);
    }
  if (extra != NULL)
    g_string_append (out, extra);
  g_string_append (out, "\n");
}

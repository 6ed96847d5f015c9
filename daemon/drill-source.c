/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-source.c — finds and loads the catalog files and reports what was
 * wrong with them. A broken drill is skipped; only an empty result stops
 * the daemon, because a reminder with nothing to suggest is no use.
 */
#include "daemon/drill-source.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mobed-config.h"
#include "core/focus.h"
#include "core/suggest.h"
#include "store/config-files.h"

static const char *
data_dir (void)
{
  const char *dir = g_getenv ("MOBED_DATA_DIR");

  return dir != NULL && *dir != '\0' ? dir : MOBED_PKGDATADIR;
}

static char *
shipped_path (void)
{
  return g_build_filename (data_dir (), "drills.ini", NULL);
}

/* The shipped pictures, one per drill, named by id: beside the shipped
 * catalog, so MOBED_DATA_DIR moves both. A user's drill names its own
 * picture there or by an absolute path. */
static char *
picture_dir (void)
{
  return g_build_filename (data_dir (), "drills", NULL);
}

static void
load_one (MobedCatalog *catalog, const char *path, gboolean required, GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pictures = picture_dir ();
  guint before = problems->len;

  if (!required && !g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (!mobed_catalog_load_full (catalog, path, pictures, problems, &error))
    g_ptr_array_add (problems, g_strdup (error->message));
  for (guint i = before; i < problems->len; i++)
    g_message ("Drill catalog: %s", (const char *) problems->pdata[i]);
}

MobedCatalog *
mobed_drill_source_load (GPtrArray *problems, GError **error)
{
  g_autoptr(MobedCatalog) catalog = mobed_catalog_new ();
  g_autofree char *shipped = shipped_path ();
  g_autofree char *user = g_build_filename (g_get_user_config_dir (), "mobed", "drills.ini",
                                            NULL);

  load_one (catalog, shipped, TRUE, problems);
  load_one (catalog, user, FALSE, problems);
  if (mobed_catalog_size (catalog) == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("no usable drill in %s or %s"), shipped, user);
      return NULL;
    }
  g_debug ("Loaded %u drills", mobed_catalog_size (catalog));
  return g_steal_pointer (&catalog);
}

int
mobed_drill_source_check (const char *path)
{
  g_autoptr(MobedCatalog) catalog = mobed_catalog_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *pictures = picture_dir ();

  if (!mobed_catalog_load_full (catalog, path, pictures, problems, &error))
    {
      fprintf (stderr, "mobed: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) problems->pdata[i]);
  if (problems->len > 0)
    {
      guint usable = mobed_catalog_size (catalog);
      /* TRANSLATORS: the start of "FILE: 2 problems; 19 drills usable" */
      g_autofree char *found = g_strdup_printf (ngettext ("%u problem", "%u problems",
                                                          problems->len), problems->len);
      /* TRANSLATORS: the end of "FILE: 2 problems; 19 drills usable" */
      g_autofree char *left = g_strdup_printf (ngettext ("%u drill usable", "%u drills usable",
                                                         usable), usable);

      /* TRANSLATORS: FILE: 2 problems; 19 drills usable */
      printf (_("%s: %s; %s"), path, found, left);
      printf ("\n");
      return 1;
    }
  printf (ngettext ("%s: %u drill, no problems", "%s: %u drills, no problems",
                    mobed_catalog_size (catalog)), path, mobed_catalog_size (catalog));
  printf ("\n");
  return 0;
}

static gboolean
some_drill_has_tag (const MobedCatalog *catalog, const char *tag)
{
  for (guint i = 0; i < mobed_catalog_size (catalog); i++)
    if (mobed_drill_has_tag (mobed_catalog_nth (catalog, i), tag))
      return TRUE;
  return FALSE;
}

static void
warn_config (GPtrArray *warnings, char *msg)
{
  g_message ("%s", msg);
  g_ptr_array_add (warnings, msg);
}

/* The catalog's ids, or its tags with the region names, for suggestions. */
static GPtrArray *
known_words (const MobedCatalog *catalog, gboolean tags)
{
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; i < mobed_catalog_size (catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (catalog, i);

      if (!tags)
        g_ptr_array_add (words, d->id);
      else
        for (char **t = d->good_for; t != NULL && *t != NULL; t++)
          g_ptr_array_add (words, *t);
    }
  for (guint bit = 1; tags && mobed_region_name (bit) != NULL; bit <<= 1)
    g_ptr_array_add (words, (gpointer) mobed_region_name (bit));
  g_ptr_array_add (words, NULL);
  return words;
}

/* " (did you mean 'wrist-circles'?)" or "". */
static char *
did_you_mean (const char *word, GPtrArray *known)
{
  const char *near = mobed_suggest (word, (const char *const *) known->pdata);

  return near != NULL ? g_strdup_printf (" (did you mean '%s'?)", near) : g_strdup ("");
}

void
mobed_drill_source_check_config (const MobedCatalog *catalog, const MobedConfig *config,
                                 const char *path, GPtrArray *warnings)
{
  g_autoptr(GPtrArray) ids = known_words (catalog, FALSE);
  g_autoptr(GPtrArray) tags = known_words (catalog, TRUE);
  guint bit;

  /* Named by file like mobed.conf's other warnings: the word may be in
   * the file, but the catalog decides whether it means anything. */
  for (char **w = config->focus; *w != NULL; w++)
    {
      g_autofree char *why = NULL;

      if (!mobed_region_parse (*w, &bit) && !some_drill_has_tag (catalog, *w))
        {
          g_autofree char *hint = did_you_mean (*w, tags);

          warn_config (warnings, g_strdup_printf ("%s: [drills] focus: '%s' is neither a region "
                                                  "nor a tag any drill has%s (see mobectl drills)",
                                                  path, *w, hint));
        }
      else if ((why = mobed_focus_unreachable (catalog, config, *w)) != NULL)
        warn_config (warnings, g_strdup_printf ("%s: [drills] focus: %s, so it changes nothing",
                                                path, why));
    }
  for (char **w = config->exclude; *w != NULL; w++)
    if (mobed_catalog_find (catalog, *w) == NULL)
      {
        g_autofree char *hint = did_you_mean (*w, ids);

        warn_config (warnings, g_strdup_printf ("%s: [drills] exclude: no drill has the id "
                                                "'%s'%s; nothing is left out for it",
                                                path, *w, hint));
      }
}

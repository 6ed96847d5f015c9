/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-files.c — the file side of mobed.conf and drills.ini; the
 * parsing is core's. See config-files.h.
 */
#include "store/config-files.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "core/message.h"

/* "PATH: what went wrong", in the words core/message gives errors. */
static void
set_file_error (GError **error, const char *path, const GError *cause)
{
  g_autofree char *full = g_strdup_printf ("%s: %s", path, cause->message);
  g_autofree char *message = mobed_message_text (full);

  g_set_error_literal (error, cause->domain, cause->code, message);
}

gboolean
mobed_config_load (MobedConfig *config, const char *path, GPtrArray *warnings, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (config != NULL && path != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          mobed_config_clear (config);
          mobed_config_init_defaults (config);
          return TRUE;
        }
      set_file_error (error, path, local_error);
      return FALSE;
    }
  mobed_config_parse (config, file, path, warnings);
  return TRUE;
}

gboolean
mobed_catalog_load (MobedCatalog *self, const char *path, GPtrArray *problems, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      set_file_error (error, path, local_error);
      return FALSE;
    }
  return mobed_catalog_parse (self, text, length, path, problems, error);
}

/* Why @file cannot be shown, or NULL when it can be read. */
static char *
unreadable (const char *file)
{
  GStatBuf st;

  if (g_stat (file, &st) != 0)
    return g_strdup (g_strerror (errno));
  if (!S_ISREG (st.st_mode))
    return g_strdup ("not a regular file");
  if (g_access (file, R_OK) != 0)
    return g_strdup (g_strerror (errno));
  return NULL;
}

/* Resolves each picture of @catalog (only the drills of @path) against
 * @picture_dir. A picture that is not there costs the drill its picture,
 * not its place: the text of a break says everything needed. */
static void
check_pictures (MobedCatalog *catalog, const char *path, const char *picture_dir,
                GPtrArray *problems)
{
  for (guint i = 0; i < mobed_catalog_size (catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (catalog, i);
      g_autofree char *file = NULL;
      g_autofree char *why = NULL;

      if (d->picture == NULL)
        continue;
      file = g_path_is_absolute (d->picture)
        ? g_strdup (d->picture) : g_build_filename (picture_dir, d->picture, NULL);
      why = unreadable (file);
      if (why != NULL && problems != NULL)
        {
          g_autofree char *full =
            g_strdup_printf ("%s: drill '%s', key 'picture': cannot read '%s' (%s); "
                             "the drill is shown without a picture", path, d->id, file, why);
          g_ptr_array_add (problems, mobed_message_text (full));
        }
      mobed_catalog_set_picture (catalog, i, why == NULL ? file : NULL);
    }
}

gboolean
mobed_catalog_load_full (MobedCatalog *self, const char *path, const char *picture_dir,
                         GPtrArray *problems, GError **error)
{
  g_autoptr(MobedCatalog) fresh = mobed_catalog_new ();

  /* Parsed apart from @self, so only this file's pictures are checked and
   * each problem names the file that asked for the picture. */
  if (!mobed_catalog_load (fresh, path, problems, error))
    return FALSE;
  check_pictures (fresh, path, picture_dir, problems);
  mobed_catalog_merge (self, fresh);
  return TRUE;
}

char *
mobed_config_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "mobed", "mobed.conf", NULL);
}

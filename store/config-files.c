/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-files.c — the file side of mobed.conf and drills.ini; the
 * parsing is core's. See config-files.h.
 */
#include "store/config-files.h"

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

char *
mobed_config_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "mobed", "mobed.conf", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * savedstate.c — reads and writes state.ini. Small and rewritten whole on
 * every change, so an atomic replace is all the crash safety it needs.
 */
#include "store/savedstate.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

gboolean
mobed_saved_state_load (MobedSavedState *state, const char *path, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  gint64 until;

  memset (state, 0, sizeof *state);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return FALSE;
    }

  until = g_key_file_get_int64 (file, "pause", "until", &local_error);
  if (local_error != NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR,
                                               G_KEY_FILE_ERROR_GROUP_NOT_FOUND)
      && !g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "%s: [pause] until: ", path);
      return FALSE;
    }
  g_clear_error (&local_error);
  if (until < -1)
    until = 0;

  state->paused_until = until;
  {
    g_autofree char *reason = g_key_file_get_string (file, "pause", "reason", NULL);

    if (until != 0 && reason != NULL && mobed_pause_reason_check (reason, NULL))
      g_strlcpy (state->pause_reason, reason, sizeof state->pause_reason);
  }
  return TRUE;
}

gboolean
mobed_saved_state_save (const MobedSavedState *state, const char *path, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length;

  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create '%s': %s", dir, g_strerror (saved));
      return FALSE;
    }
  g_key_file_set_comment (file, NULL, NULL, " mobed's own state (a pause); not for editing",
                          NULL);
  g_key_file_set_int64 (file, "pause", "until", state->paused_until);
  if (state->paused_until != 0 && state->pause_reason[0] != '\0')
    g_key_file_set_string (file, "pause", "reason", state->pause_reason);
  data = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
mobed_saved_state_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "mobed", "state.ini", NULL);
}

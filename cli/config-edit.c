/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-edit.c — `mobectl config edit`: mobed.conf in the user's editor.
 * The editor works on a copy; the real file changes only once the copy has
 * been checked by mobed's rules, or the user chose to keep it as it is.
 */
#include "cli/config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"

/* $VISUAL, then $EDITOR, then Debian's `editor` alternative, then vi. */
static char *
find_editor (void)
{
  const char *names[] = { g_getenv ("VISUAL"), g_getenv ("EDITOR") };
  g_autofree char *alternative = g_find_program_in_path ("editor");

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i] != NULL && *names[i] != '\0')
      return g_strdup (names[i]);
  return g_strdup (alternative != NULL ? "editor" : "vi");
}

static gboolean
run_editor (const char *editor, const char *file, GError **error)
{
  g_auto(GStrv) argv = NULL;
  g_autoptr(GStrvBuilder) full = g_strv_builder_new ();
  g_auto(GStrv) command = NULL;
  int status = 0;

  /* EDITOR may carry arguments ("code --wait"), as shells and git allow. */
  if (!g_shell_parse_argv (editor, NULL, &argv, error))
    return FALSE;
  g_strv_builder_addv (full, (const char **) argv);
  g_strv_builder_add (full, file);
  command = g_strv_builder_end (full);
  if (!g_spawn_sync (NULL, command, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

/* 'e' edit again, 's' save anyway, 'd' discard; end of input discards,
 * so a script that cannot answer loses nothing of the real file. */
static char
ask (void)
{
  for (;;)
    {
      char line[64];
      char answer;

      /* TRANSLATORS: mobectl reads the English letters e, s and d as the
       * answers; keep them in the question */
      g_print ("%s", _("What now? (e)dit again, (s)ave anyway, (d)iscard the changes [e]: "));
      fflush (stdout);
      if (fgets (line, sizeof line, stdin) == NULL)
        {
          g_print ("\n");
          return 'd';
        }
      g_strstrip (line);
      answer = line[0] == '\0' ? 'e' : g_ascii_tolower (line[0]);
      if (strchr ("esd", answer) != NULL)
        return answer;
    }
}

int
mobectl_config_edit (MobectlContext *ctx)
{
  g_autofree char *path = mobectl_config_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *editor = find_editor ();
  g_autoptr(GError) error = NULL;
  gsize original_length = 0;
  int fd, ret = MOBECTL_EXIT_OK;

  if (!g_file_get_contents (path, &original, &original_length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_printerr ("mobectl: %s\n", error->message);
          return MOBECTL_EXIT_REFUSED;
        }
      g_clear_error (&error);
      original = g_strdup ("");
    }
  /* Next to the real file, so a crash leaves the edit where it is found. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("mobectl: %s: %s\n", dir, g_strerror (errno));
      return MOBECTL_EXIT_REFUSED;
    }
  copy = g_build_filename (dir, ".mobed.conf.edit-XXXXXX", NULL);
  fd = g_mkstemp (copy);
  if (fd < 0)
    {
      g_printerr ("mobectl: %s: %s\n", copy, g_strerror (errno));
      return MOBECTL_EXIT_REFUSED;
    }
  close (fd);
  if (!g_file_set_contents (copy, original, (gssize) original_length, &error))
    {
      g_printerr ("mobectl: %s\n", error->message);
      g_unlink (copy);
      return MOBECTL_EXIT_REFUSED;
    }

  for (;;)
    {
      g_autofree char *edited = NULL;
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      gsize length = 0;
      gboolean readable;
      char answer;

      if (!run_editor (editor, copy, &error))
        {
          /* TRANSLATORS: %s is the editor command, then why it failed */
          g_printerr (_("mobectl: the editor '%s' failed: %s; mobed.conf is unchanged"),
                      editor, error->message);
          g_printerr ("\n");
          ret = MOBECTL_EXIT_REFUSED;
          break;
        }
      if (!g_file_get_contents (copy, &edited, &length, &error))
        {
          g_printerr ("mobectl: %s\n", error->message);
          ret = MOBECTL_EXIT_REFUSED;
          break;
        }
      if (length == original_length && memcmp (edited, original, length) == 0)
        {
          g_print ("%s\n", _("No changes."));
          break;
        }
      readable = mobectl_config_check (path, edited, length, warnings, &error);
      if (!readable)
        {
          g_printerr ("mobectl: %s\n", error->message);
          g_clear_error (&error);
        }
      for (guint i = 0; i < warnings->len; i++)
        {
          g_printerr (_("mobectl: warning: %s"), (char *) warnings->pdata[i]);
          g_printerr ("\n");
        }
      answer = readable && warnings->len == 0 ? 's' : ask ();
      if (answer == 'e')
        continue;
      if (answer != 's')
        {
          g_print ("%s\n", _("Discarded the changes; mobed.conf is unchanged."));
          ret = MOBECTL_EXIT_REFUSED;
          break;
        }
      if (!mobectl_config_write (path, edited, length, &error))
        {
          g_printerr ("mobectl: %s\n", error->message);
          ret = MOBECTL_EXIT_REFUSED;
          break;
        }
      /* TRANSLATORS: %s is mobed.conf's path */
      g_print (_("Saved %s."), path);
      g_print ("\n");
      mobectl_config_reload (ctx);
      break;
    }
  g_unlink (copy);
  return ret;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * launch.c — statistics and settings from the menu. Statistics hands the
 * picture to GIO, which asks the desktop which program opens it. Settings
 * runs `mobectl config edit` in a terminal, which checks the file when it
 * is saved; with no terminal it hands mobed.conf to the desktop's editor.
 * mobed watches mobed.conf, so a saved edit takes effect without a word
 * from the indicator.
 */
#include "indicator/launch.h"

#include <errno.h>
#include <gio/gio.h>

#include "mobed-config.h"

static void
open_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);

  if (uri == NULL || !g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_message ("could not open %s: %s", path, error->message);
}

static char *
mobectl_path (void)
{
  char *found = g_find_program_in_path ("mobectl");

  return found != NULL ? found : g_build_filename (MOBED_BINDIR, "mobectl", NULL);
}

static void
on_stats_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_message ("mobectl stats --svg failed: %s", error->message);
  else
    open_file (path);
}

void
mobed_launch_statistics (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "mobed", NULL);
  g_autofree char *path = g_build_filename (dir, "statistics.svg", NULL);
  g_autofree char *mobectl = mobectl_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_message ("could not make %s: %s", dir, g_strerror (errno));
      return;
    }
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            mobectl, "stats", "--svg", path, NULL);
  if (child == NULL)
    {
      g_message ("could not run %s: %s", mobectl, error->message);
      return;
    }
  g_subprocess_wait_check_async (child, NULL, on_stats_written, g_steal_pointer (&path));
}

/* The commented template mobed ships, where mobed itself finds its data. */
static char *
template_path (void)
{
  const char *dir = g_getenv ("MOBED_DATA_DIR");

  return g_build_filename (dir != NULL && *dir != '\0' ? dir : MOBED_PKGDATADIR,
                           "mobed.conf", NULL);
}

/* GIO finds the terminal for G_APP_INFO_CREATE_NEEDS_TERMINAL itself, from
 * a list of its own, and falls back to xterm even when there is none; so
 * the terminal is used only when one of those is there. Debian's GLib asks
 * x-terminal-emulator first. */
static gboolean
have_terminal (void)
{
  static const char *const known[] = {
    "x-terminal-emulator", "kgx", "gnome-terminal", "mate-terminal", "xfce4-terminal",
    "tilix", "konsole", "nxterm", "color-xterm", "rxvt", "dtterm", "xterm",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *found = g_find_program_in_path (known[i]);
      if (found != NULL)
        return TRUE;
    }
  return FALSE;
}

/* `mobectl config edit` in a terminal: FALSE when none could be started. */
static gboolean
edit_in_terminal (void)
{
  g_autofree char *mobectl = mobectl_path ();
  g_autofree char *quoted = g_shell_quote (mobectl);
  g_autofree char *command = g_strdup_printf ("%s config edit", quoted);
  g_autoptr(GAppInfo) app = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_terminal ())
    return FALSE;
  app = g_app_info_create_from_commandline (command, "mobed settings",
                                            G_APP_INFO_CREATE_NEEDS_TERMINAL, &error);
  if (app == NULL || !g_app_info_launch (app, NULL, NULL, &error))
    {
      g_message ("could not run %s in a terminal: %s", command, error->message);
      return FALSE;
    }
  return TRUE;
}

void
mobed_launch_settings (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "mobed", NULL);
  g_autofree char *path = g_build_filename (dir, "mobed.conf", NULL);
  g_autofree char *template = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* A first edit starts from the commented template, in either way. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      template = template_path ();
      if (!g_file_get_contents (template, &text, NULL, &error))
        {
          g_debug ("no template: %s", error->message);
          g_clear_error (&error);
        }
      if (g_mkdir_with_parents (dir, 0700) != 0
          || !g_file_set_contents_full (path, text != NULL ? text : "", -1,
                                        G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_message ("could not make %s: %s", path,
                     error != NULL ? error->message : g_strerror (errno));
          return;
        }
    }
  if (!edit_in_terminal ())
    open_file (path);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * front.c — mobectl's front door. `mobectl` and `mobectl status`, which
 * status bars and shell prompts run over and over, are answered here with
 * GLib alone: one GetAll on a socket of its own (bus-direct.c) and the
 * status block (status.c). Loading GIO and json-glib took longer than the
 * whole call, so every other command, and any trouble on the way, goes to
 * the whole of mobectl (mobectl-full) by exec, with the same arguments:
 * it says what went wrong in its usual words.
 */
#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mobed-config.h"
#include "cli/bus-direct.h"
#include "cli/names.h"
#include "cli/status.h"
#include "cli/text.h"

/* mobectl-full beside this program (a build tree), then where the install
 * puts it relative to bindir (so a DESTDIR or a moved prefix works), then
 * where it was installed. */
static char *
full_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;

  if (dir != NULL)
    {
      const char *near[] = { "mobectl-full", MOBECTL_FULL_FROM_BINDIR };

      for (gsize i = 0; i < G_N_ELEMENTS (near); i++)
        {
          g_autofree char *path = g_build_filename (dir, near[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
            return g_steal_pointer (&path);
        }
    }
  return g_strdup (MOBECTL_FULL_PATH);
}

static int
hand_over (char **argv)
{
  g_autofree char *path = full_path ();
  int saved;

  fflush (stdout);
  fflush (stderr);
  execv (path, argv);
  saved = errno;
  g_printerr (_("mobectl: cannot run %s: %s"), path, g_strerror (saved));
  g_printerr ("\n");
  return 1;
}

static gboolean
plain_status (int argc, char **argv)
{
  return argc == 1 || (argc == 2 && strcmp (argv[1], "status") == 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) props = NULL;

  if (!plain_status (argc, argv))
    return hand_over (argv);
  mobectl_init_i18n ();
  reply = mobectl_direct_call (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), MOBECTL_BUS_NAME,
                               MOBECTL_OBJECT_PATH, "org.freedesktop.DBus.Properties", "GetAll",
                               g_variant_new ("(s)", MOBECTL_INTERFACE),
                               G_VARIANT_TYPE ("(a{sv})"), -1, NULL, &error);
  if (reply == NULL)
    return hand_over (argv);    /* which tries again, and says what is wrong */
  g_variant_get (reply, "(@a{sv})", &props);
  mobectl_status_print_text (props);
  return 0;
}

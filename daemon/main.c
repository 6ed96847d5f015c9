/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c — mobed's entry point: options, signals, the main loop. Everything
 * else lives in daemon.c so tests can reach it.
 */
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mobed-config.h"
#include "daemon/daemon.h"
#include "daemon/drill-source.h"

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sighup (gpointer user_data)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_message ("Reloading the configuration (SIGHUP)");
  mobed_daemon_reload (user_data, warnings);
  return G_SOURCE_CONTINUE;
}

/* The user's locale, and mobed's message catalog: the installed one, or
 * MOBED_LOCALEDIR's when running from a build tree (<build>/po). */
static void
init_i18n (void)
{
  const char *dir = g_getenv ("MOBED_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(MobedDaemon) daemon = NULL;
  gboolean verbose = FALSE, replace = FALSE, version = FALSE;
  g_autofree char *check_catalog = NULL;
  const GOptionEntry entries[] = {
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &replace,
      N_("Take over from a mobed that is already running"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Log debugging detail"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { "check-catalog", 0, 0, G_OPTION_ARG_FILENAME, &check_catalog,
      N_("Check a drills.ini file for problems and exit (0: none)"),
      /* TRANSLATORS: the placeholder for a file name in mobed --help */
      N_("FILE") },
    { NULL }
  };

#ifdef __GLIBC__
  /* One heap for all threads: GLib's helper threads allocate little, and
   * an arena each would hold ~100 KiB all day for it. Before any thread. */
  mallopt (M_ARENA_MAX, 1);
#endif
  init_i18n ();
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("The movement-break daemon: reminds you to move a few times an hour.\n"
      "Talk to it with mobectl; settings live in $XDG_CONFIG_HOME/mobed/mobed.conf."));
  /* The domain translates the option descriptions marked N_() above. */
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mobed: %s\n", error->message);
      g_printerr ("%s\n", _("Try 'mobed --help' for more."));
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_("mobed: unexpected argument '%s'"), argv[1]);
      g_printerr ("\n%s\n", _("Try 'mobed --help' for more."));
      return 2;
    }
  if (version)
    {
      g_print ("mobed %s\n", MOBED_VERSION);
      return EXIT_SUCCESS;
    }
  if (check_catalog != NULL)
    return mobed_drill_source_check (check_catalog);
  if (verbose)
    g_log_set_debug_enabled (TRUE);

  if (!replace && mobed_daemon_name_taken ())
    {
      mobed_daemon_refuse_second ();
      return EXIT_FAILURE;
    }
  loop = g_main_loop_new (NULL, FALSE);
  daemon = mobed_daemon_new (loop, &error);
  if (daemon == NULL)
    {
      g_printerr (_("mobed: cannot start: %s"), error->message);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }
  /* Before the name is asked for: a stop can come as soon as it is owned. */
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_unix_signal_add (SIGHUP, on_sighup, daemon);
  if (!mobed_daemon_start (daemon, replace, &error))
    {
      g_printerr (_("mobed: could not connect to the session bus: %s"), error->message);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  g_main_loop_run (loop);
  return mobed_daemon_get_exit_code (daemon);
}

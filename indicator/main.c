/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c — mobed-indicator: options, the session bus, the main loop.
 */
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/text.h"
#include "indicator/indicator.h"
#include "mobed-config.h"

#define INSTANCE_NAME "org.mobed.Indicator"

/* Asks for INSTANCE_NAME without queueing; sets owned when we got it. */
static gboolean owned;

static gboolean
own_instance_name (GDBusConnection *bus, GError **error)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
    "RequestName", g_variant_new ("(su)", INSTANCE_NAME, 4u /* DO_NOT_QUEUE */),
    G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
  guint32 result = 0;

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &result);
  owned = result == 1 /* PRIMARY_OWNER */ || result == 4 /* ALREADY_OWNER */;
  return TRUE;
}

static gboolean
on_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  gboolean symbolic = FALSE, version = FALSE;
  const GOptionEntry entries[] = {
    { "symbolic", 's', 0, G_OPTION_ARG_NONE, &symbolic,
      N_("Use the one-colour icons, for panels that recolour them"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(MobedIndicator) indicator = NULL;
  const char *theme_path = g_getenv ("MOBED_INDICATOR_ICON_THEME_PATH");
  MobedIndicatorOptions opts = { 0 };
  guint sigint_id, sigterm_id;

  mobectl_init_i18n ();
  /* TRANSLATORS: mobed-indicator --help */
  options = g_option_context_new (NULL);
  g_option_context_set_summary (options, _("Shows mobed in the panel: the time to the next "
                                           "break, and a menu to answer, pause or open "
                                           "statistics."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("mobed-indicator: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("mobed-indicator %s\n", MOBED_VERSION);
      return 0;
    }
  if (argc > 1)
    {
      g_printerr (_("mobed-indicator: unexpected argument '%s'"), argv[1]);
      g_printerr ("\n");
      return 2;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_printerr (_("mobed-indicator: no session bus: %s"), error->message);
      g_printerr ("\n");
      return 1;
    }
  /* One indicator a session: the autostart entry and the systemd unit may
   * both start one, and two icons would only confuse. */
  if (!own_instance_name (bus, &error))
    {
      g_printerr ("mobed-indicator: %s\n", error->message);
      return 1;
    }
  if (!owned)
    {
      g_printerr ("%s\n", _("mobed-indicator: another one is already running"));
      return 0;
    }
  /* Icons installed under another prefix than the desktop's data
   * directories are still found: panels look in IconThemePath first. */
  if (theme_path == NULL && g_file_test (MOBED_ICONDIR, G_FILE_TEST_IS_DIR))
    theme_path = MOBED_ICONDIR;
  opts.icon_theme_path = theme_path;
  opts.symbolic = symbolic;
  loop = g_main_loop_new (NULL, FALSE);
  indicator = mobed_indicator_new (bus, loop, &opts, &error);
  if (indicator == NULL)
    {
      g_printerr ("mobed-indicator: %s\n", error->message);
      return 1;
    }
  sigint_id = g_unix_signal_add (SIGINT, on_quit, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  return 0;
}

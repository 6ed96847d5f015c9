/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-open.c — opens a drill's picture with the viewer the desktop
 * chose for its type (GIO's mimeapps.list lookup), so mobectl never has
 * to know which viewers exist or run one itself.
 */
#include "cli/drill-open.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "cli/context.h"

int
mobectl_drill_open (GVariant *drill)
{
  const char *id = "", *picture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_variant_lookup (drill, "id", "&s", &id);
  if (!g_variant_lookup (drill, "picture", "&s", &picture))
    {
      g_printerr (_("mobectl: the drill '%s' has no picture"), id);
      g_printerr ("\n");
      return MOBECTL_EXIT_REFUSED;
    }
  uri = g_filename_to_uri (picture, NULL, &error);
  if (uri == NULL
      || !g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      /* TRANSLATORS: the picture's file, then GIO's reason */
      g_printerr (_("mobectl: cannot open '%s': %s"), picture, error->message);
      g_printerr ("\n");
      return MOBECTL_EXIT_REFUSED;
    }
  return MOBECTL_EXIT_OK;
}

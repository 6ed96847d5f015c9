/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server.c — the notification server as mobed sees it. Most servers are
 * alike, but a few need telling apart: by their name from
 * GetServerInformation, asked with the capabilities before each show.
 */
#include "daemon/notify/server.h"

#include <libnotify/notify.h>
#include <string.h>

/* Servers that advertise actions but draw no buttons: their users answer
 * from a menu or a terminal, so the body says how (mako: `makoctl menu`). */
static const char *const no_buttons_drawn[] = { "mako", NULL };
/* Servers that draw `default` as one more button and never invoke it: a
 * click on the body closes the notification "by the user" instead
 * (xfce4-notifyd 0.7). There such a close is the body click. */
static const char *const body_click_closes[] = { "Xfce Notify Daemon", NULL };
/* Servers that file a notification silently in their list when it comes
 * while that list is open (GNOME Shell 43: its date menu marks it seen, and
 * drops its banner). Where the user asked to see the break again (a click
 * on it, in the banner or the list) or it comes back from do not disturb
 * (whose switch is in that very menu), it is sent critical: GNOME keeps a
 * critical banner waiting until the menu closes, and shows it with its
 * buttons until it is answered. */
static const char *const files_while_open[] = { "gnome-shell", NULL };

static char *
server_name (void)
{
  char *name = NULL;

  if (!notify_get_server_info (&name, NULL, NULL, NULL))
    return g_strdup ("");
  return name != NULL ? name : g_strdup ("");
}

/* A server just appearing may not answer GetCapabilities yet (libnotify's
 * proxy fails): then assume actions, the common case; a server without
 * them simply ignores the buttons. */
static gboolean
server_has_actions (void)
{
  GList *caps = notify_get_server_caps ();
  gboolean found;

  if (caps == NULL)
    {
      g_debug ("Could not ask the notification server what it can show; assuming buttons");
      return TRUE;
    }
  found = g_list_find_custom (caps, "actions", (GCompareFunc) strcmp) != NULL;
  g_list_free_full (caps, g_free);
  return found;
}

void
mobed_server_ask (MobedServer *ret_server)
{
  gboolean actions = server_has_actions ();
  g_autofree char *name = server_name ();

  ret_server->actions = actions;
  ret_server->buttons_drawn = actions && !g_strv_contains (no_buttons_drawn, name);
  ret_server->close_is_click = g_strv_contains (body_click_closes, name);
  ret_server->files_while_open = g_strv_contains (files_while_open, name);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * display.c — is there a display? With no notification server on the bus,
 * libnotify's calls ask the bus to start one (dunst, xfce4-notifyd and mako
 * install activation files): on a text console each such start fails and
 * the bus logs it, three times a break. The notifier asks this first.
 *
 * mobed's environment stands for the one the bus starts services in: under
 * systemd both are the user manager's, and a session that imports DISPLAY
 * for one (dbus-update-activation-environment --systemd) does it for both.
 */
#include "daemon/notify/display.h"

gboolean
mobed_display_present (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (x11 != NULL && *x11 != '\0') || (wayland != NULL && *wayland != '\0');
}

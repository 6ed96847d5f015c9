/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * session.h — what kind of graphical session mobed runs in. In a Wayland
 * session an X server is only Xwayland: it sees no input to Wayland
 * windows, and a compositor may start it only when someone connects
 * (sway does), so mobed never asks it for idle time or fullscreen windows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline gboolean
mobed_session_is_wayland (void)
{
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (wayland != NULL && *wayland != '\0') || g_getenv ("WAYLAND_SOCKET") != NULL
         || g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "wayland") == 0;
}

G_END_DECLS

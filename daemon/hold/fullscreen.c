/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fullscreen.c — the X11 fullscreen check, through xcb: a handful of round
 * trips on a connection that lives only as long as the question (a
 * connection kept open would add a socket and a buffer for an answer
 * needed a few times an hour). Built when libxcb is found (the meson
 * feature "fullscreen"); otherwise the check says "cannot tell". In a Wayland
 * session the X server is only Xwayland, which may not even be running
 * until someone connects: the check is not made there (session.h).
 */
#include "daemon/hold/fullscreen.h"

#ifdef MOBED_HAVE_XCB

#include <stdlib.h>
#include <string.h>

#include "daemon/presence/session.h"
#include <xcb/xcb.h>

static xcb_atom_t
atom (xcb_connection_t *c, xcb_intern_atom_cookie_t cookie)
{
  xcb_intern_atom_reply_t *reply = xcb_intern_atom_reply (c, cookie, NULL);
  xcb_atom_t a = reply != NULL ? reply->atom : XCB_ATOM_NONE;

  free (reply);
  return a;
}

static xcb_intern_atom_cookie_t
intern (xcb_connection_t *c, const char *name)
{
  /* only_if_exists: a server where no window manager made them has none. */
  return xcb_intern_atom (c, TRUE, (uint16_t) strlen (name), name);
}

/* The value of a 32-bit property of @window, or NULL; free() it. */
static xcb_get_property_reply_t *
property (xcb_connection_t *c, xcb_window_t window, xcb_atom_t name, xcb_atom_t type)
{
  xcb_get_property_reply_t *reply =
      xcb_get_property_reply (c, xcb_get_property (c, FALSE, window, name, type, 0, 64), NULL);

  if (reply != NULL && (reply->format != 32 || xcb_get_property_value_length (reply) < 4))
    {
      free (reply);
      return NULL;
    }
  return reply;
}

static gboolean
ask (xcb_connection_t *c, xcb_window_t root)
{
  xcb_intern_atom_cookie_t cookies[3] = {
    intern (c, "_NET_ACTIVE_WINDOW"), intern (c, "_NET_WM_STATE"),
    intern (c, "_NET_WM_STATE_FULLSCREEN"),
  };
  xcb_atom_t active_atom = atom (c, cookies[0]);
  xcb_atom_t state_atom = atom (c, cookies[1]);
  xcb_atom_t fullscreen_atom = atom (c, cookies[2]);
  xcb_get_property_reply_t *reply;
  xcb_window_t active;
  gboolean found = FALSE;

  if (active_atom == XCB_ATOM_NONE || state_atom == XCB_ATOM_NONE
      || fullscreen_atom == XCB_ATOM_NONE)
    return FALSE;
  reply = property (c, root, active_atom, XCB_ATOM_WINDOW);
  if (reply == NULL)
    return FALSE;
  active = *(xcb_window_t *) xcb_get_property_value (reply);
  free (reply);
  if (active == XCB_WINDOW_NONE)
    return FALSE;
  reply = property (c, active, state_atom, XCB_ATOM_ATOM);
  if (reply == NULL)
    return FALSE;
  {
    const xcb_atom_t *states = xcb_get_property_value (reply);
    int n = xcb_get_property_value_length (reply) / 4;

    for (int i = 0; i < n && !found; i++)
      found = states[i] == fullscreen_atom;
  }
  free (reply);
  g_debug ("Active window 0x%x is %sfullscreen", active, found ? "" : "not ");
  return found;
}

gboolean
mobed_fullscreen_active (void)
{
  const char *display = g_getenv ("DISPLAY");
  xcb_connection_t *c;
  xcb_screen_iterator_t screens;
  int screen = 0;
  gboolean found = FALSE;

  if (display == NULL || *display == '\0' || mobed_session_is_wayland ())
    return FALSE;
  c = xcb_connect (display, &screen);
  if (xcb_connection_has_error (c))
    g_debug ("Could not reach the X server %s to look for a fullscreen window", display);
  else
    {
      screens = xcb_setup_roots_iterator (xcb_get_setup (c));
      for (int i = 0; i < screen && screens.rem > 0; i++)
        xcb_screen_next (&screens);
      if (screens.rem > 0)
        found = ask (c, screens.data->root);
    }
  xcb_disconnect (c);
  return found;
}

gboolean
mobed_fullscreen_supported (void)
{
  return TRUE;
}

#else /* !MOBED_HAVE_XCB */

gboolean
mobed_fullscreen_active (void)
{
  return FALSE;
}

gboolean
mobed_fullscreen_supported (void)
{
  return FALSE;
}

#endif

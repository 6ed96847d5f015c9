/*
 * fullscreen.c — the X11 fullscreen check, through xcb: a handful of round
 * trips on a connection that lives only as long as the question. libxcb is
 * not linked but opened (dlopen) for the question and closed after it:
 * linked, it and the four libraries it pulls in would be mapped in mobed all
 * day for an answer needed a few times an hour, and a connection kept open
 * would add a socket and a buffer. Built when the xcb headers are found (the
 * meson option "fullscreen"); otherwise the check says "cannot tell".
 */
#include "daemon/fullscreen.h"

#ifdef MOBED_HAVE_XCB

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <xcb/xcb.h>

/* The xcb functions used, as found in the library just opened. */
static struct {
  __typeof__ (xcb_connect)                    *connect;
  __typeof__ (xcb_connection_has_error)       *connection_has_error;
  __typeof__ (xcb_disconnect)                 *disconnect;
  __typeof__ (xcb_get_setup)                  *get_setup;
  __typeof__ (xcb_setup_roots_iterator)       *setup_roots_iterator;
  __typeof__ (xcb_screen_next)                *screen_next;
  __typeof__ (xcb_intern_atom)                *intern_atom;
  __typeof__ (xcb_intern_atom_reply)          *intern_atom_reply;
  __typeof__ (xcb_get_property)               *get_property;
  __typeof__ (xcb_get_property_reply)         *get_property_reply;
  __typeof__ (xcb_get_property_value)         *get_property_value;
  __typeof__ (xcb_get_property_value_length)  *get_property_value_length;
} x;

static void *
open_xcb (void)
{
  void *lib = dlopen ("libxcb.so.1", RTLD_LAZY | RTLD_LOCAL);
  struct { void **slot; const char *name; } symbols[] = {
    { (void **) &x.connect, "xcb_connect" },
    { (void **) &x.connection_has_error, "xcb_connection_has_error" },
    { (void **) &x.disconnect, "xcb_disconnect" },
    { (void **) &x.get_setup, "xcb_get_setup" },
    { (void **) &x.setup_roots_iterator, "xcb_setup_roots_iterator" },
    { (void **) &x.screen_next, "xcb_screen_next" },
    { (void **) &x.intern_atom, "xcb_intern_atom" },
    { (void **) &x.intern_atom_reply, "xcb_intern_atom_reply" },
    { (void **) &x.get_property, "xcb_get_property" },
    { (void **) &x.get_property_reply, "xcb_get_property_reply" },
    { (void **) &x.get_property_value, "xcb_get_property_value" },
    { (void **) &x.get_property_value_length, "xcb_get_property_value_length" },
  };

  if (lib == NULL)
    {
      g_debug ("No libxcb to look for a fullscreen window: %s", dlerror ());
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    if ((*symbols[i].slot = dlsym (lib, symbols[i].name)) == NULL)
      {
        g_debug ("libxcb lacks %s", symbols[i].name);
        dlclose (lib);
        return NULL;
      }
  return lib;
}

static xcb_atom_t
atom (xcb_connection_t *c, xcb_intern_atom_cookie_t cookie)
{
  xcb_intern_atom_reply_t *reply = x.intern_atom_reply (c, cookie, NULL);
  xcb_atom_t a = reply != NULL ? reply->atom : XCB_ATOM_NONE;

  free (reply);
  return a;
}

static xcb_intern_atom_cookie_t
intern (xcb_connection_t *c, const char *name)
{
  /* only_if_exists: a server where no window manager made them has none. */
  return x.intern_atom (c, TRUE, (uint16_t) strlen (name), name);
}

/* The value of a 32-bit property of @window, or NULL; free() it. */
static xcb_get_property_reply_t *
property (xcb_connection_t *c, xcb_window_t window, xcb_atom_t name, xcb_atom_t type)
{
  xcb_get_property_reply_t *reply =
      x.get_property_reply (c, x.get_property (c, FALSE, window, name, type, 0, 64), NULL);

  if (reply != NULL && (reply->format != 32 || x.get_property_value_length (reply) < 4))
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
  active = *(xcb_window_t *) x.get_property_value (reply);
  free (reply);
  if (active == XCB_WINDOW_NONE)
    return FALSE;
  reply = property (c, active, state_atom, XCB_ATOM_ATOM);
  if (reply == NULL)
    return FALSE;
  {
    const xcb_atom_t *states = x.get_property_value (reply);
    int n = x.get_property_value_length (reply) / 4;

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
  void *lib;
  int screen = 0;
  gboolean found = FALSE;

  if (display == NULL || *display == '\0' || (lib = open_xcb ()) == NULL)
    return FALSE;
  c = x.connect (display, &screen);
  if (x.connection_has_error (c))
    g_debug ("Could not reach the X server %s to look for a fullscreen window", display);
  else
    {
      screens = x.setup_roots_iterator (x.get_setup (c));
      for (int i = 0; i < screen && screens.rem > 0; i++)
        x.screen_next (&screens);
      if (screens.rem > 0)
        found = ask (c, screens.data->root);
    }
  x.disconnect (c);
  dlclose (lib);
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

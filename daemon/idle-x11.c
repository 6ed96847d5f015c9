/*
 * idle-x11.c — idle time on an X11 session from the MIT-SCREEN-SAVER
 * extension (XScreenSaverQueryInfo). The extension announces nothing at a
 * threshold of mobed's choosing, so the monitor asks: when natural-break
 * could first be reached, and at the back-poll beat while the user is
 * away; never on a fixed short beat.
 *
 * The connection stays open while this source is in use: opening one
 * resets the server's idle counter (measured with Xvfb 21.1: a reading on
 * a fresh connection always said a few ms), so a connection per reading
 * would never see the user idle. It selects no events, so the server sends
 * nothing and the socket is not even in the main loop; a server gone is
 * noticed at the next reading. libX11 and libXss are loaded only when this
 * source is tried, so a GNOME, KDE or Wayland session never maps them
 * (they would add about half a MiB to mobed). Xlib's default error
 * handlers exit the process; these log instead, and a display that dies is
 * a failed reading, not an exit.
 */
#include "daemon/idle-source.h"

#include "mobed-config.h"

#ifdef MOBED_HAVE_X11

#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>

typedef struct {
  Display *(*open_display) (const char *);
  int      (*close_display) (Display *);
  XErrorHandler   (*set_error_handler) (XErrorHandler);
  XIOErrorHandler (*set_io_error_handler) (XIOErrorHandler);
  void     (*set_io_error_exit_handler) (Display *, XIOErrorExitHandler, void *);
  Bool     (*query_extension) (Display *, int *, int *);
  Status   (*query_info) (Display *, Drawable, XScreenSaverInfo *);
} XFuncs;

typedef struct {
  MobedIdleSource parent;
  Display        *display;
  gboolean        broken;     /* the connection died: no Xlib call but closing it */
} X11Source;

static XFuncs x;
static gboolean x_loaded;

static int
on_x_error (Display *display, XErrorEvent *event)
{
  g_debug ("X11 error %d (request %d)", event->error_code, event->request_code);
  return 0;
}

static int
on_x_io_error (Display *display)
{
  g_debug ("The X server connection broke");
  return 0;
}

static void
on_x_io_exit (Display *display, void *data)
{
  *(gboolean *) data = TRUE;      /* instead of exit(): the reading fails */
}

static gboolean
symbol (GModule *module, const char *name, gpointer *where, GError **error)
{
  if (g_module_symbol (module, name, where) && *where != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s has no %s",
               g_module_name (module), name);
  return FALSE;
}

/* Loads libX11 and libXss once; they stay for the life of the process. */
static gboolean
load_libraries (GError **error)
{
  GModule *xlib, *xss;

  if (x_loaded)
    return TRUE;
  xlib = g_module_open ("libX11.so.6", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  xss = g_module_open ("libXss.so.1", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (xlib == NULL || xss == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "cannot load %s (%s)",
                   xlib == NULL ? "libX11.so.6" : "libXss.so.1", g_module_error ());
      g_clear_pointer (&xlib, g_module_close);
      g_clear_pointer (&xss, g_module_close);
      return FALSE;
    }
  if (!symbol (xlib, "XOpenDisplay", (gpointer *) &x.open_display, error)
      || !symbol (xlib, "XCloseDisplay", (gpointer *) &x.close_display, error)
      || !symbol (xlib, "XSetErrorHandler", (gpointer *) &x.set_error_handler, error)
      || !symbol (xlib, "XSetIOErrorHandler", (gpointer *) &x.set_io_error_handler, error)
      || !symbol (xlib, "XSetIOErrorExitHandler", (gpointer *) &x.set_io_error_exit_handler,
                  error)
      || !symbol (xss, "XScreenSaverQueryExtension", (gpointer *) &x.query_extension, error)
      || !symbol (xss, "XScreenSaverQueryInfo", (gpointer *) &x.query_info, error))
    {
      g_module_close (xss);
      g_module_close (xlib);
      return FALSE;
    }
  g_module_make_resident (xlib);
  g_module_make_resident (xss);
  x.set_error_handler (on_x_error);
  x.set_io_error_handler (on_x_io_error);
  x_loaded = TRUE;
  return TRUE;
}

static gboolean
x11_read (MobedIdleSource *source, gint64 *idle, GError **error)
{
  X11Source *self = (X11Source *) source;
  XScreenSaverInfo info = { 0 };

  if (self->broken || !x.query_info (self->display, DefaultRootWindow (self->display), &info)
      || self->broken)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the X server did not answer XScreenSaverQueryInfo");
      return FALSE;
    }
  *idle = (gint64) info.idle * 1000;
  return TRUE;
}

static void
x11_free (MobedIdleSource *source)
{
  X11Source *self = (X11Source *) source;

  if (self->display != NULL)
    x.close_display (self->display);
  g_free (self);
}

static MobedIdleSource *
x11_open (MobedIdleMonitor *monitor, GError **error)
{
  X11Source *self;
  int event_base, error_base;
  gint64 idle;

  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no DISPLAY");
      return NULL;
    }
  if (!load_libraries (error))
    return NULL;
  self = g_new0 (X11Source, 1);
  self->parent = (MobedIdleSource) { &mobed_idle_x11, monitor };
  self->display = x.open_display (NULL);
  if (self->display == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open display %s",
                   g_getenv ("DISPLAY"));
      x11_free (&self->parent);
      return NULL;
    }
  x.set_io_error_exit_handler (self->display, on_x_io_exit, &self->broken);
  if (!x.query_extension (self->display, &event_base, &error_base))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "the X server has no MIT-SCREEN-SAVER extension");
      x11_free (&self->parent);
      return NULL;
    }
  if (!x11_read (&self->parent, &idle, error))
    {
      x11_free (&self->parent);
      return NULL;
    }
  mobed_idle_monitor_set_polled (monitor, TRUE);
  mobed_idle_monitor_reading (monitor, idle);
  return &self->parent;
}

static void
x11_threshold_changed (MobedIdleSource *source)
{
  /* The monitor asks again with the new threshold. */
}

#else /* !MOBED_HAVE_X11 */

static MobedIdleSource *
x11_open (MobedIdleMonitor *monitor, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "this mobed was built without X11 support");
  return NULL;
}

#define x11_read NULL
#define x11_threshold_changed NULL
#define x11_free NULL

#endif

const MobedIdleSourceClass mobed_idle_x11 = {
  .kind = MOBED_IDLE_X11,
  .bus_name = NULL,
  .open = x11_open,
  .read = x11_read,
  .threshold_changed = x11_threshold_changed,
  .free = x11_free,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xcb-lib.c — loads libxcb and libxcb-sync with GModule while something
 * holds them, and looks up the functions mobed uses. See xcb-lib.h.
 */
#include "daemon/xcb-lib.h"

#include <gio/gio.h>
#include <gmodule.h>

static MobedXcb xcb;
static GModule *modules[2];
static guint    holds[2];
static const char *const sonames[2] = { "libxcb.so.1", "libxcb-sync.so.1" };

static gboolean
symbol (GModule *module, const char *name, gpointer *where, GError **error)
{
  if (g_module_symbol (module, name, where) && *where != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s has no %s",
               g_module_name (module), name);
  return FALSE;
}

static gboolean
lookup (MobedXcbPart part, GModule *m, GError **error)
{
#define MOBED_XCB_LOOKUP(name) \
  if (!symbol (m, #name, (gpointer *) &xcb.name, error)) \
    return FALSE;

  if (part == MOBED_XCB_CORE)
    {
      MOBED_XCB_FUNCTIONS (MOBED_XCB_LOOKUP)
      return TRUE;
    }
#ifdef MOBED_HAVE_X11
  MOBED_XCB_LOOKUP (xcb_sync_id)
  MOBED_XCB_SYNC_FUNCTIONS (MOBED_XCB_LOOKUP)
  return TRUE;
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "this mobed was built without the SYNC extension");
  return FALSE;
#endif
#undef MOBED_XCB_LOOKUP
}

/* Every pointer into the library goes with it. */
static void
forget (MobedXcbPart part)
{
  if (part == MOBED_XCB_CORE)
    {
#define MOBED_XCB_CLEAR(name) xcb.name = NULL;
      MOBED_XCB_FUNCTIONS (MOBED_XCB_CLEAR)
      return;
    }
#ifdef MOBED_HAVE_X11
  xcb.xcb_sync_id = NULL;
  MOBED_XCB_SYNC_FUNCTIONS (MOBED_XCB_CLEAR)
#endif
#undef MOBED_XCB_CLEAR
}

static gboolean
hold (MobedXcbPart part, GError **error)
{
  GModule *m;

  if (modules[part] != NULL)
    {
      holds[part]++;
      return TRUE;
    }
  /* Local: nothing else in mobed resolves symbols against them. */
  m = g_module_open (sonames[part], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (m == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "cannot load %s (%s)",
                   sonames[part], g_module_error ());
      return FALSE;
    }
  if (!lookup (part, m, error))
    {
      forget (part);
      g_module_close (m);
      return FALSE;
    }
  modules[part] = m;
  holds[part] = 1;
  return TRUE;
}

static void
unhold (MobedXcbPart part)
{
  g_return_if_fail (holds[part] > 0);
  if (--holds[part] > 0)
    return;
  forget (part);
  g_module_close (g_steal_pointer (&modules[part]));
}

const MobedXcb *
mobed_xcb_acquire (MobedXcbPart part, GError **error)
{
  if (!hold (MOBED_XCB_CORE, error))
    return NULL;
  if (part == MOBED_XCB_SYNC && !hold (MOBED_XCB_SYNC, error))
    {
      unhold (MOBED_XCB_CORE);
      return NULL;
    }
  return &xcb;
}

void
mobed_xcb_release (MobedXcbPart part)
{
  if (part == MOBED_XCB_SYNC)
    unhold (MOBED_XCB_SYNC);
  unhold (MOBED_XCB_CORE);
}

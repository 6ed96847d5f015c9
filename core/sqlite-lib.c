/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sqlite-lib.c — loads SQLite with GModule, looks up the functions mobed
 * uses, and unloads it when nothing holds it. See sqlite-lib.h.
 */
#define MOBED_SQLITE_LIB_C
#include "core/sqlite-lib.h"

#include <gmodule.h>

#include "mobed-config.h"

static GModule    *module;
static guint       holds;
static MobedSqlite api;

static gboolean
load (GError **error)
{
  GModule *m;

  if (module != NULL)
    return TRUE;
  /* Local: nothing else in mobed resolves symbols against it. */
  m = g_module_open (MOBED_SQLITE_SONAME, G_MODULE_BIND_LOCAL);
  if (m == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "cannot load SQLite (%s): %s", MOBED_SQLITE_SONAME, g_module_error ());
      return FALSE;
    }
#define MOBED_SQLITE_LOOKUP(name)                                                   \
  if (!g_module_symbol (m, #name, (gpointer *) &api.name))                          \
    {                                                                               \
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,                   \
                   "cannot use SQLite (%s): it has no %s", MOBED_SQLITE_SONAME, #name); \
      g_module_close (m);                                                           \
      api = (MobedSqlite) { 0 };                                                    \
      return FALSE;                                                                 \
    }
  MOBED_SQLITE_FUNCTIONS (MOBED_SQLITE_LOOKUP)
#undef MOBED_SQLITE_LOOKUP
  module = m;
  return TRUE;
}

gboolean
mobed_sqlite_hold (GError **error)
{
  if (!load (error))
    return FALSE;
  holds++;
  return TRUE;
}

void
mobed_sqlite_unhold (void)
{
  g_return_if_fail (holds > 0);
  holds--;
}

void
mobed_sqlite_unload_unused (void)
{
  if (module == NULL || holds > 0)
    return;
  /* Every pointer into the library goes with it. */
  api = (MobedSqlite) { 0 };
  g_module_close (g_steal_pointer (&module));
}

gboolean
mobed_sqlite_loaded (void)
{
  return module != NULL;
}

const MobedSqlite *
mobed_sqlite (void)
{
  g_autoptr(GError) error = NULL;

  if (G_LIKELY (module != NULL) || load (&error))
    return &api;
  g_error ("%s", error->message);
}

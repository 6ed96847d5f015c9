/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus-request.c — StartFocus's options: each a known name with the right
 * type, and no zero that would quietly mean "default".
 */
#include "daemon/bus/focus-request.h"

#include <gio/gio.h>

gboolean
mobed_focus_request_read (GVariant *options, MobedFocusRequest *req, gboolean *dry_run,
                          GError **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  *req = (MobedFocusRequest) { 0 };
  *dry_run = FALSE;
  g_variant_iter_init (&iter, options);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      guint *field = g_str_equal (key, "sets") ? &req->sets
                     : g_str_equal (key, "reps") ? &req->reps
                     : g_str_equal (key, "days") ? &req->days : NULL;

      if (g_str_equal (key, "dry_run") && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        *dry_run = g_variant_get_boolean (value);
      else if (field != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32)
               && g_variant_get_uint32 (value) > 0)
        *field = g_variant_get_uint32 (value);
      else
        {
          g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                       field != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32)
                       ? "Option '%s' must be at least 1"
                       : field != NULL || g_str_equal (key, "dry_run")
                       ? "Option '%s' has the wrong type"
                       : "Unknown option '%s' (sets, reps, days, dry_run)", key);
          g_variant_unref (value);
          return FALSE;
        }
    }
  return TRUE;
}

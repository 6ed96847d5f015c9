/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.c — mobectl's D-Bus calls and error reporting. Calls go straight
 * through g_dbus_connection_call_sync rather than a generated proxy: a proxy
 * costs extra round trips (AddMatch, GetNameOwner, GetAll) before the first
 * call, and mobectl makes one call and exits.
 */
#include "cli/context.h"

#include <glib/gi18n.h>
#include <stdarg.h>

#include "cli/bus-direct.h"


static GDBusConnection *
bus (MobectlContext *ctx, GError **error)
{
  if (ctx->bus == NULL)
    ctx->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  return ctx->bus;
}

GDBusConnection *
mobectl_bus (MobectlContext *ctx, GError **error)
{
  return bus (ctx, error);
}

GVariant *
mobectl_call (MobectlContext *ctx, const char *method, GVariant *params,
              const GVariantType *reply_type, GError **error)
{
  GDBusConnection *connection = bus (ctx, error);

  if (connection == NULL)
    {
      if (params != NULL)
        g_variant_unref (g_variant_ref_sink (params));
      return NULL;
    }
  return g_dbus_connection_call_sync (connection, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH, MOBECTL_INTERFACE,
                                      method, params, reply_type,
                                      G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
}

/* GetAll when it is the command's only call: on a connection of its own
 * (cli/bus-direct.c), or through GDBus where that cannot be done. Its
 * errors become GDBus's, as the rest of mobectl reports those. */
static GVariant *
get_all_alone (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  GVariant *reply = mobectl_direct_call (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), MOBECTL_BUS_NAME,
                                         MOBECTL_OBJECT_PATH, "org.freedesktop.DBus.Properties",
                                         "GetAll", g_variant_new ("(s)", MOBECTL_INTERFACE),
                                         G_VARIANT_TYPE ("(a{sv})"), -1, &name, &local_error);

  if (reply != NULL)
    return reply;
  if (g_error_matches (local_error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_REMOTE))
    g_propagate_error (error, g_dbus_error_new_for_dbus_error (name, local_error->message));
  else if (g_error_matches (local_error, MOBECTL_DIRECT_ERROR, MOBECTL_DIRECT_ERROR_FAILED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, local_error->message);
  else
    g_debug ("Through GDBus: %s", local_error->message);
  return NULL;
}

GVariant *
mobectl_get_all (MobectlContext *ctx, GError **error)
{
  g_autoptr(GVariant) reply = NULL;
  GVariant *props;

  if (ctx->bus == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      reply = get_all_alone (&local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (reply == NULL)
    {
      GDBusConnection *connection = bus (ctx, error);

      if (connection == NULL)
        return NULL;
      reply = g_dbus_connection_call_sync (connection, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH,
                                           "org.freedesktop.DBus.Properties", "GetAll",
                                           g_variant_new ("(s)", MOBECTL_INTERFACE),
                                           G_VARIANT_TYPE ("(a{sv})"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
    }
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(@a{sv})", &props);
  return props;
}

int
mobectl_usage_error (MobectlContext *ctx, const char *fmt, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  /* It quotes what was typed, which may be any bytes: print valid text. */
  if (!g_utf8_validate (msg, -1, NULL))
    {
      char *valid = g_utf8_make_valid (msg, -1);
      g_free (msg);
      msg = valid;
    }
  g_printerr ("mobectl: %s\n", msg);
  if (ctx->verb != NULL)
    g_printerr (_("Try 'mobectl %s --help' for more."), ctx->verb);
  else
    g_printerr ("%s", _("Try 'mobectl --help' for the list of commands."));
  g_printerr ("\n");
  return MOBECTL_EXIT_USAGE;
}

/* Errors that mean "no mobed to talk to", as opposed to mobed saying no. */
static gboolean
unreachable (GError *error)
{
  g_autofree char *name = g_dbus_error_get_remote_error (error);

  if (name == NULL)
    return error->domain == G_IO_ERROR;   /* no bus, or the connection failed */
  return g_str_equal (name, "org.freedesktop.DBus.Error.ServiceUnknown")
         || g_str_equal (name, "org.freedesktop.DBus.Error.NameHasNoOwner")
         || g_str_equal (name, "org.freedesktop.DBus.Error.NoReply")
         || g_str_equal (name, "org.freedesktop.DBus.Error.UnknownObject")
         || g_str_has_prefix (name, "org.freedesktop.DBus.Error.Spawn")
         || g_str_has_prefix (name, "org.freedesktop.systemd1.");
}

/* mobed's refusals come in English (core/scheduler.c words them); the
 * ones known by their D-Bus name are said in the user's language, as long
 * as the text is the one this table knows. */
static const struct {
  const char *name;
  const char *message;
} refusals[] = {
  { "org.mobed.Error.NotDue", N_("No break is due right now") },
  { "org.mobed.Error.Paused", N_("Breaks are paused; resume them first") },
  { "org.mobed.Error.NotPaused", N_("Breaks are not paused") },
};

static const char *
refusal_text (const char *name, const char *message)
{
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (refusals); i++)
    if (g_str_equal (name, refusals[i].name) && g_str_equal (message, refusals[i].message))
      return _(refusals[i].message);
  return message;
}

int
mobectl_bus_error (MobectlContext *ctx, GError *error)
{
  gboolean down = unreachable (error);
  g_autofree char *name = g_dbus_error_get_remote_error (error);

  g_dbus_error_strip_remote_error (error);
  if (down)
    {
      g_printerr (_("mobectl: could not reach mobed: %s"), error->message);
      g_printerr ("\n%s\n",
                  _("Start it with 'systemctl --user start mobed', or run 'mobed' in a terminal."));
    }
  else
    g_printerr ("mobectl: %s\n", refusal_text (name, error->message));
  return MOBECTL_EXIT_REFUSED;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.c — mobectl's D-Bus calls and error reporting. Calls go straight
 * through g_dbus_connection_call_sync rather than a generated proxy: a proxy
 * costs extra round trips (AddMatch, GetNameOwner, GetAll) before the first
 * call, and mobectl makes one call and exits. Each call waits for mobed at
 * most ctx->timeout_s, once: a mobed that holds its name but does not answer
 * costs the user one timeout, never two.
 */
#include "cli/context.h"

#include <glib/gi18n.h>
#include <stdarg.h>

gboolean
mobectl_read_timeout (MobectlContext *ctx)
{
  const char *text = g_getenv ("MOBECTL_TIMEOUT");
  guint64 seconds;

  ctx->timeout_s = MOBECTL_TIMEOUT_DEFAULT_S;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, MOBECTL_TIMEOUT_MAX_S, &seconds, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      /* TRANSLATORS: keep MOBECTL_TIMEOUT, it is the environment variable's name */
      g_printerr (_("mobectl: MOBECTL_TIMEOUT must be a whole number of seconds from 1 to %d, "
                    "not '%s'"), MOBECTL_TIMEOUT_MAX_S, shown);
      g_printerr ("\n");
      return FALSE;
    }
  ctx->timeout_s = (int) seconds;
  return TRUE;
}

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

static GVariant *
call (MobectlContext *ctx, const char *interface, const char *method, GVariant *params,
      const GVariantType *reply_type, GError **error)
{
  GDBusConnection *connection = bus (ctx, error);

  if (connection == NULL)
    {
      if (params != NULL)
        g_variant_unref (g_variant_ref_sink (params));
      return NULL;
    }
  return g_dbus_connection_call_sync (connection, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH,
                                      interface, method, params, reply_type,
                                      G_DBUS_CALL_FLAGS_NONE, ctx->timeout_s * 1000, NULL, error);
}

GVariant *
mobectl_call (MobectlContext *ctx, const char *method, GVariant *params,
              const GVariantType *reply_type, GError **error)
{
  return call (ctx, MOBECTL_INTERFACE, method, params, reply_type, error);
}

GVariant *
mobectl_get_all (MobectlContext *ctx, GError **error)
{
  g_autoptr(GVariant) reply = call (ctx, "org.freedesktop.DBus.Properties", "GetAll",
                                    g_variant_new ("(s)", MOBECTL_INTERFACE),
                                    G_VARIANT_TYPE ("(a{sv})"), error);
  GVariant *props;

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

/* mobed's refusals, known by their D-Bus names and said in the user's
 * language; its own English words are printed only for the names this table
 * does not know (such as org.mobed.Error.Failed). */
static const struct {
  const char *name;
  const char *message;
} refusals[] = {
  { "org.mobed.Error.NotDue", N_("No break is due right now") },
  { "org.mobed.Error.Paused", N_("Breaks are paused; resume them first") },
  { "org.mobed.Error.NotPaused", N_("Breaks are not paused") },
  { "org.mobed.Error.FocusActive",
    N_("A focus plan is running; stop it first (mobectl focus --stop)") },
  { "org.mobed.Error.NoFocus",
    N_("No focus plan is running (start one with mobectl focus PROBLEM)") },
};

static const char *
refusal_text (const char *name, const char *message)
{
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (refusals); i++)
    if (g_str_equal (name, refusals[i].name))
      return _(refusals[i].message);
  return message;
}

int
mobectl_bus_error (MobectlContext *ctx, GError *error)
{
  gboolean down = unreachable (error);
  g_autofree char *name = g_dbus_error_get_remote_error (error);

  g_dbus_error_strip_remote_error (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_printerr (ngettext ("mobectl: mobed did not answer within %d second",
                            "mobectl: mobed did not answer within %d seconds", ctx->timeout_s),
                  ctx->timeout_s);
      g_printerr ("\n%s\n", _("It may be stopped or stuck; 'systemctl --user restart mobed' "
                              "restarts it."));
    }
  else if (down)
    {
      g_printerr (_("mobectl: could not reach mobed: %s"), error->message);
      g_printerr ("\n%s\n",
                  _("Start it with 'systemctl --user start mobed', or run 'mobed' in a terminal."));
    }
  else
    g_printerr ("mobectl: %s\n", refusal_text (name, error->message));
  return MOBECTL_EXIT_REFUSED;
}

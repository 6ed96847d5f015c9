/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * follow.c — `mobectl status --follow`: one line (or one JSON object) each
 * time the status changes, for status bars. It listens for the daemon's
 * PropertiesChanged signals and for the daemon coming and going; it never
 * polls, so between changes it costs nothing. Without a mobed it says so
 * and waits for one.
 */
#include "cli/commands.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/status.h"
#include "cli/text.h"

typedef struct {
  MobectlContext *ctx;
  GMainLoop      *loop;
  GVariantDict    props;      /* the daemon's properties as last heard */
  gboolean        running;
  char           *last;       /* the last line printed */
  int             ret;
} Follow;

static void
emit (Follow *f, const char *text)
{
  if (g_strcmp0 (text, f->last) == 0)
    return;
  g_free (f->last);
  f->last = g_strdup (text);
  if (printf ("%s\n", text) < 0 || fflush (stdout) != 0)
    {
      /* The reader went away (the status bar restarted): stop quietly. */
      f->ret = MOBECTL_EXIT_OK;
      g_main_loop_quit (f->loop);
    }
}

static void
show (Follow *f)
{
  g_autoptr(GVariant) props = NULL;
  g_autofree char *text = NULL;

  if (!f->running)
    {
      if (f->ctx->json)
        emit (f, "{\"state\":\"stopped\"}");
      else
        {
          g_autofree char *line = g_strdup_printf ("%s · %s", mobectl_state_text ("stopped"),
                                                   _("mobed is not running"));
          emit (f, line);
        }
      return;
    }
  props = g_variant_ref_sink (g_variant_dict_end (&f->props));
  g_variant_dict_init (&f->props, props);
  text = f->ctx->json ? mobectl_status_json (props, FALSE) : mobectl_status_line (props);
  emit (f, text);
}

static void
load_all (Follow *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = mobectl_get_all (f->ctx, &error);

  g_variant_dict_clear (&f->props);
  g_variant_dict_init (&f->props, props);
  f->running = props != NULL;
  if (props == NULL)
    g_debug ("GetAll failed: %s", error->message);
  show (f);
}

static void
on_properties_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params,
                       gpointer user_data)
{
  Follow *f = user_data;
  g_autoptr(GVariant) changed = NULL;
  g_autofree const char **invalidated = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_get (params, "(&s@a{sv}^a&s)", NULL, &changed, &invalidated);
  g_variant_iter_init (&iter, changed);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_dict_insert_value (&f->props, key, value);
      g_variant_unref (value);
    }
  show (f);
}

static void
on_name_owner_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params,
                       gpointer user_data)
{
  Follow *f = user_data;
  const char *new_owner;

  g_variant_get (params, "(&s&s&s)", NULL, NULL, &new_owner);
  if (*new_owner == '\0')
    {
      f->running = FALSE;
      show (f);
    }
  else
    load_all (f);
}

static gboolean
on_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;      /* removed with the others on the way out */
}

int
mobectl_status_follow (MobectlContext *ctx)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = mobectl_bus (ctx, &error);
  Follow f = { .ctx = ctx, .ret = MOBECTL_EXIT_OK };
  guint props_id, owner_id, sigint_id, sigterm_id;

  if (bus == NULL)
    return mobectl_bus_error (ctx, error);
  f.loop = g_main_loop_new (NULL, FALSE);
  g_variant_dict_init (&f.props, NULL);
  /* Subscribe first, then read: no change can fall between the two. */
  props_id = g_dbus_connection_signal_subscribe (bus, MOBECTL_BUS_NAME,
                                                 "org.freedesktop.DBus.Properties",
                                                 "PropertiesChanged", MOBECTL_OBJECT_PATH,
                                                 MOBECTL_INTERFACE, G_DBUS_SIGNAL_FLAGS_NONE,
                                                 on_properties_changed, &f, NULL);
  owner_id = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.DBus",
                                                 "org.freedesktop.DBus", "NameOwnerChanged",
                                                 "/org/freedesktop/DBus", MOBECTL_BUS_NAME,
                                                 G_DBUS_SIGNAL_FLAGS_NONE,
                                                 on_name_owner_changed, &f, NULL);
  /* Before the first line: a status bar may stop us as soon as it reads it. */
  sigint_id = g_unix_signal_add (SIGINT, on_quit, f.loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit, f.loop);
  load_all (&f);
  /* Not even D-Bus activation could start it (no activation file, or a
   * mobed that failed): a status bar started before mobed, or one that
   * outlives it, waits for it to appear, as for one that stops later. */
  if (!f.running)
    g_printerr ("%s\n", _("mobectl: mobed is not running; waiting for it to start"));
  g_main_loop_run (f.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_dbus_connection_signal_unsubscribe (bus, props_id);
  g_dbus_connection_signal_unsubscribe (bus, owner_id);
  g_variant_dict_clear (&f.props);
  g_main_loop_unref (f.loop);
  g_free (f.last);
  return f.ret;
}

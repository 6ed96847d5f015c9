/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-link.c — follows mobed as `mobectl status --follow` does, with the
 * same mirror of its properties (cli/props-mirror.c): the signals are
 * subscribed first and the properties read after, so no change falls
 * between the two; after that only signals update them. Calls are
 * asynchronous: the menu must never freeze while mobed starts up.
 */
#include "indicator/daemon-link.h"

#include "cli/names.h"
#include "cli/props-mirror.h"

struct _MobedLink {
  GDBusConnection    *bus;
  GCancellable       *cancel;
  MobedLinkChanged    changed;
  gpointer            user_data;
  MobectlPropsMirror *mirror;
};

static void
on_get_all (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MobedLink *link = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);
  g_autoptr(GVariant) props = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    g_message ("mobed is not running: %s", error->message);
  else
    g_variant_get (reply, "(@a{sv})", &props);
  mobectl_props_mirror_set (link->mirror, props);
}

/* @autostart: only the first read starts mobed; when it goes away later,
 * the user stopped it, and the indicator says so rather than undo that. */
static void
load_all (MobedLink *link, gboolean autostart)
{
  g_dbus_connection_call (link->bus, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH,
                          "org.freedesktop.DBus.Properties", "GetAll",
                          g_variant_new ("(s)", MOBECTL_INTERFACE),
                          G_VARIANT_TYPE ("(a{sv})"),
                          autostart ? G_DBUS_CALL_FLAGS_NONE
                                    : G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          -1, link->cancel, on_get_all, link);
}

static void
on_appeared (MobectlPropsMirror *mirror, gpointer user_data)
{
  load_all (user_data, FALSE);
}

static void
on_changed (MobectlPropsMirror *mirror, gpointer user_data)
{
  MobedLink *link = user_data;

  link->changed (link, link->user_data);
}

MobedLink *
mobed_link_new (GDBusConnection *bus, MobedLinkChanged changed, gpointer user_data)
{
  MobedLink *link = g_new0 (MobedLink, 1);

  link->bus = g_object_ref (bus);
  link->cancel = g_cancellable_new ();
  link->changed = changed;
  link->user_data = user_data;
  link->mirror = mobectl_props_mirror_new (bus, on_appeared, on_changed, link);
  load_all (link, TRUE);
  return link;
}

void
mobed_link_free (MobedLink *link)
{
  if (link == NULL)
    return;
  g_cancellable_cancel (link->cancel);
  mobectl_props_mirror_free (link->mirror);
  g_object_unref (link->cancel);
  g_object_unref (link->bus);
  g_free (link);
}

GVariant *
mobed_link_props (MobedLink *link)
{
  return mobectl_props_mirror_get (link->mirror);
}

static void
on_call (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree char *method = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_dbus_error_strip_remote_error (error);
      g_message ("mobed refused %s: %s", method, error->message);
    }
}

void
mobed_link_call (MobedLink *link, const char *method, GVariant *params)
{
  g_dbus_connection_call (link->bus, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH,
                          MOBECTL_INTERFACE, method, params, NULL, G_DBUS_CALL_FLAGS_NONE,
                          -1, link->cancel, on_call, g_strdup (method));
}

typedef struct {
  char           *id;
  MobedLinkSteps  done;
  gpointer        user_data;
} StepsCall;

static void
on_steps (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StepsCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);
  g_autoptr(GVariant) drills = NULL;
  g_autoptr(GVariant) drill = NULL;
  g_autofree const char **steps = NULL;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (reply != NULL)
        {
          drills = g_variant_get_child_value (reply, 0);
          if (g_variant_n_children (drills) > 0)
            {
              drill = g_variant_get_child_value (drills, 0);
              g_variant_lookup (drill, "steps", "^a&s", &steps);
            }
        }
      else
        g_message ("could not read the steps of %s: %s", call->id, error->message);
      call->done (call->id, steps, call->user_data);
    }
  g_free (call->id);
  g_free (call);
}

void
mobed_link_steps (MobedLink *link, const char *id, MobedLinkSteps done, gpointer user_data)
{
  StepsCall *call = g_new0 (StepsCall, 1);
  GVariantBuilder options;

  call->id = g_strdup (id);
  call->done = done;
  call->user_data = user_data;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "id", g_variant_new_string (id));
  g_dbus_connection_call (link->bus, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH,
                          MOBECTL_INTERFACE, "ListDrills", g_variant_new ("(a{sv})", &options),
                          G_VARIANT_TYPE ("(aa{sv})"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          link->cancel, on_steps, call);
}

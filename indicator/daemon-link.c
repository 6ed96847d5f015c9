/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-link.c — follows mobed as `mobectl status --follow` does: the
 * signals are subscribed first and the properties read after, so no change
 * falls between the two; after that only signals update them. Calls are
 * asynchronous: the menu must never freeze while mobed starts up.
 */
#include "indicator/daemon-link.h"

#include "cli/names.h"

struct _MobedLink {
  GDBusConnection  *bus;
  GCancellable     *cancel;
  MobedLinkChanged  changed;
  gpointer          user_data;
  GVariantDict      props;
  gboolean          running;
  guint             props_id;
  guint             owner_id;
};

static void
notify (MobedLink *link)
{
  link->changed (link, link->user_data);
}

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
  g_variant_dict_clear (&link->props);
  if (reply == NULL)
    {
      g_message ("mobed is not running: %s", error->message);
      g_variant_dict_init (&link->props, NULL);
      link->running = FALSE;
    }
  else
    {
      g_variant_get (reply, "(@a{sv})", &props);
      g_variant_dict_init (&link->props, props);
      link->running = TRUE;
    }
  notify (link);
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
on_properties_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params,
                       gpointer user_data)
{
  MobedLink *link = user_data;
  g_autoptr(GVariant) changed = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (params, "(&s@a{sv}@as)", NULL, &changed, NULL);
  g_variant_iter_init (&iter, changed);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_dict_insert_value (&link->props, key, value);
      g_variant_unref (value);
    }
  notify (link);
}

static void
on_name_owner_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params,
                       gpointer user_data)
{
  MobedLink *link = user_data;
  const char *new_owner;

  g_variant_get (params, "(&s&s&s)", NULL, NULL, &new_owner);
  if (*new_owner != '\0')
    {
      load_all (link, FALSE);
      return;
    }
  link->running = FALSE;
  g_variant_dict_clear (&link->props);
  g_variant_dict_init (&link->props, NULL);
  notify (link);
}

MobedLink *
mobed_link_new (GDBusConnection *bus, MobedLinkChanged changed, gpointer user_data)
{
  MobedLink *link = g_new0 (MobedLink, 1);

  link->bus = g_object_ref (bus);
  link->cancel = g_cancellable_new ();
  link->changed = changed;
  link->user_data = user_data;
  g_variant_dict_init (&link->props, NULL);
  link->props_id = g_dbus_connection_signal_subscribe (bus, MOBECTL_BUS_NAME,
                                                       "org.freedesktop.DBus.Properties",
                                                       "PropertiesChanged", MOBECTL_OBJECT_PATH,
                                                       MOBECTL_INTERFACE,
                                                       G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_properties_changed, link, NULL);
  link->owner_id = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.DBus",
                                                       "org.freedesktop.DBus",
                                                       "NameOwnerChanged",
                                                       "/org/freedesktop/DBus", MOBECTL_BUS_NAME,
                                                       G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_name_owner_changed, link, NULL);
  load_all (link, TRUE);
  return link;
}

void
mobed_link_free (MobedLink *link)
{
  if (link == NULL)
    return;
  g_cancellable_cancel (link->cancel);
  g_dbus_connection_signal_unsubscribe (link->bus, link->props_id);
  g_dbus_connection_signal_unsubscribe (link->bus, link->owner_id);
  g_variant_dict_clear (&link->props);
  g_object_unref (link->cancel);
  g_object_unref (link->bus);
  g_free (link);
}

GVariant *
mobed_link_props (MobedLink *link)
{
  g_autoptr(GVariant) props = NULL;

  if (!link->running)
    return NULL;
  /* The dict is ended and started again from its own value: the snapshot
   * is shared, not copied. */
  props = g_variant_ref_sink (g_variant_dict_end (&link->props));
  g_variant_dict_init (&link->props, props);
  return g_steal_pointer (&props);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * props-mirror.c — one copy of mobed's properties on the client side, for
 * `mobectl status --follow` and mobed-indicator, which had a copy each of
 * the same subscriptions and merging.
 */
#include "cli/props-mirror.h"

#include "cli/names.h"

struct _MobectlPropsMirror {
  GDBusConnection            *bus;
  MobectlPropsMirrorAppeared  appeared;
  MobectlPropsMirrorChanged   changed;
  gpointer                    user_data;
  GVariantDict                props;
  gboolean                    running;
  guint                       props_id;
  guint                       owner_id;
};

static void
on_properties_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params,
                       gpointer user_data)
{
  MobectlPropsMirror *mirror = user_data;
  g_autoptr(GVariant) changed = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  /* Invalidated names keep their last value: mobed sends every change with
   * its value and never invalidates one. */
  g_variant_get (params, "(&s@a{sv}@as)", NULL, &changed, NULL);
  g_variant_iter_init (&iter, changed);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_dict_insert_value (&mirror->props, key, value);
      g_variant_unref (value);
    }
  mirror->changed (mirror, mirror->user_data);
}

static void
on_name_owner_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params,
                       gpointer user_data)
{
  MobectlPropsMirror *mirror = user_data;
  const char *new_owner;

  g_variant_get (params, "(&s&s&s)", NULL, NULL, &new_owner);
  if (*new_owner != '\0')
    {
      mirror->appeared (mirror, mirror->user_data);
      return;
    }
  mobectl_props_mirror_set (mirror, NULL);
}

MobectlPropsMirror *
mobectl_props_mirror_new (GDBusConnection *bus, MobectlPropsMirrorAppeared appeared,
                          MobectlPropsMirrorChanged changed, gpointer user_data)
{
  MobectlPropsMirror *mirror = g_new0 (MobectlPropsMirror, 1);

  mirror->bus = g_object_ref (bus);
  mirror->appeared = appeared;
  mirror->changed = changed;
  mirror->user_data = user_data;
  g_variant_dict_init (&mirror->props, NULL);
  mirror->props_id = g_dbus_connection_signal_subscribe (bus, MOBECTL_BUS_NAME,
                                                         "org.freedesktop.DBus.Properties",
                                                         "PropertiesChanged", MOBECTL_OBJECT_PATH,
                                                         MOBECTL_INTERFACE,
                                                         G_DBUS_SIGNAL_FLAGS_NONE,
                                                         on_properties_changed, mirror, NULL);
  mirror->owner_id = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.DBus",
                                                         "org.freedesktop.DBus",
                                                         "NameOwnerChanged",
                                                         "/org/freedesktop/DBus", MOBECTL_BUS_NAME,
                                                         G_DBUS_SIGNAL_FLAGS_NONE,
                                                         on_name_owner_changed, mirror, NULL);
  return mirror;
}

void
mobectl_props_mirror_free (MobectlPropsMirror *mirror)
{
  if (mirror == NULL)
    return;
  g_dbus_connection_signal_unsubscribe (mirror->bus, mirror->props_id);
  g_dbus_connection_signal_unsubscribe (mirror->bus, mirror->owner_id);
  g_variant_dict_clear (&mirror->props);
  g_object_unref (mirror->bus);
  g_free (mirror);
}

void
mobectl_props_mirror_set (MobectlPropsMirror *mirror, GVariant *props)
{
  g_variant_dict_clear (&mirror->props);
  g_variant_dict_init (&mirror->props, props);
  mirror->running = props != NULL;
  mirror->changed (mirror, mirror->user_data);
}

GVariant *
mobectl_props_mirror_get (MobectlPropsMirror *mirror)
{
  g_autoptr(GVariant) props = NULL;

  if (!mirror->running)
    return NULL;
  /* The dict is ended and started again from its own value: the snapshot
   * is shared, not copied. */
  props = g_variant_ref_sink (g_variant_dict_end (&mirror->props));
  g_variant_dict_init (&mirror->props, props);
  return g_steal_pointer (&props);
}

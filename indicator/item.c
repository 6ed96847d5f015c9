/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * item.c — the StatusNotifierItem object. The properties are answered from
 * a few fields; a change sends the protocol's New* signal, after which
 * panels read the properties again. The item registers with
 * org.kde.StatusNotifierWatcher whenever one appears, since a panel that
 * restarts brings a new watcher that knows nothing of earlier items.
 */
#include "indicator/item.h"

#include <glib/gi18n.h>
#include <unistd.h>

#define ITEM_PATH      "/StatusNotifierItem"
#define ITEM_INTERFACE "org.kde.StatusNotifierItem"
#define WATCHER_NAME   "org.kde.StatusNotifierWatcher"

struct _MobedItem {
  GDBusConnection    *bus;
  GDBusNodeInfo      *info;
  char               *bus_name;
  char               *menu_path;
  char               *icon_theme_path;
  char               *icon;
  char               *tooltip;
  gboolean            attention;
  MobedItemActivated  activated;
  gpointer            user_data;
  guint               object_id;
  guint               own_id;
  guint               watch_id;
  gboolean            told_no_watcher;
  gboolean            ready;           /* the first state is in the properties */
  char               *watcher_owner;   /* the watcher's unique name, NULL while none */
};

static GVariant *
pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

static GVariant *
get_property (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
              const char *name, GError **error, gpointer user_data)
{
  MobedItem *item = user_data;

  if (g_str_equal (name, "Category"))
    return g_variant_new_string ("ApplicationStatus");
  if (g_str_equal (name, "Id"))
    return g_variant_new_string ("mobed");
  if (g_str_equal (name, "Title"))
    return g_variant_new_string ("mobed");
  if (g_str_equal (name, "Status"))
    return g_variant_new_string (item->attention ? "NeedsAttention" : "Active");
  if (g_str_equal (name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (name, "IconName") || g_str_equal (name, "AttentionIconName"))
    return g_variant_new_string (item->icon != NULL ? item->icon : "");
  if (g_str_equal (name, "IconThemePath"))
    return g_variant_new_string (item->icon_theme_path != NULL ? item->icon_theme_path : "");
  if (g_str_equal (name, "OverlayIconName") || g_str_equal (name, "AttentionMovieName"))
    return g_variant_new_string ("");
  if (g_str_has_suffix (name, "Pixmap"))
    return pixmaps ();
  if (g_str_equal (name, "ToolTip"))
    return g_variant_new ("(s@a(iiay)ss)", "", pixmaps (), "mobed",
                          item->tooltip != NULL ? item->tooltip : "");
  if (g_str_equal (name, "ItemIsMenu"))
    return g_variant_new_boolean (!item->attention);
  if (g_str_equal (name, "Menu"))
    return g_variant_new_object_path (item->menu_path);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", name);
  return NULL;
}

static void
method_call (GDBusConnection *bus, const char *sender, const char *path, const char *iface,
             const char *method, GVariant *params, GDBusMethodInvocation *invocation,
             gpointer user_data)
{
  MobedItem *item = user_data;

  /* ContextMenu, SecondaryActivate and Scroll have nothing to do: panels
   * show the menu themselves from the Menu property. */
  if (g_str_equal (method, "Activate"))
    item->activated (item, item->user_data);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL, { 0 } };

static void
emit (MobedItem *item, const char *signal, GVariant *params)
{
  g_dbus_connection_emit_signal (item->bus, NULL, ITEM_PATH, ITEM_INTERFACE, signal, params,
                                 NULL);
}

static void
on_registered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);

  if (reply == NULL)
    g_warning ("the panel refused the indicator: %s", error->message);
}

/* Registers with the watcher there is, once the item shows mobed's state:
 * a panel reads every property as soon as an item registers, and GNOME's
 * AppIndicator extension can lose an item whose New* signals arrive while
 * it is still reading them. */
static void
register_item (MobedItem *item)
{
  if (!item->ready || item->watcher_owner == NULL)
    return;
  g_debug ("registering with %s (%s)", WATCHER_NAME, item->watcher_owner);
  g_dbus_connection_call (item->bus, WATCHER_NAME, "/StatusNotifierWatcher", WATCHER_NAME,
                          "RegisterStatusNotifierItem", g_variant_new ("(s)", item->bus_name),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, on_registered,
                          NULL);
}

static void
on_watcher_appeared (GDBusConnection *bus, const char *name, const char *owner,
                     gpointer user_data)
{
  MobedItem *item = user_data;

  g_free (item->watcher_owner);
  item->watcher_owner = g_strdup (owner);
  register_item (item);
}

static void
on_watcher_vanished (GDBusConnection *bus, const char *name, gpointer user_data)
{
  MobedItem *item = user_data;

  g_clear_pointer (&item->watcher_owner, g_free);
  /* Said once per run: a panel that restarts is no news. */
  if (item->told_no_watcher)
    return;
  item->told_no_watcher = TRUE;
  /* TRANSLATORS: logged once while no panel shows status icons */
  g_message ("%s", _("No panel shows status icons right now (no StatusNotifierWatcher "
                     "on the session bus); the icon will appear when one starts."));
}

static void
on_name_acquired (GDBusConnection *bus, const char *name, gpointer user_data)
{
  MobedItem *item = user_data;

  if (item->watch_id == 0)
    item->watch_id = g_bus_watch_name_on_connection (bus, WATCHER_NAME,
                                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     on_watcher_appeared,
                                                     on_watcher_vanished, item, NULL);
}

MobedItem *
mobed_item_new (GDBusConnection *bus, const char *menu_path, const char *icon_theme_path,
                MobedItemActivated activated, gpointer user_data, GError **error)
{
  g_autoptr(GBytes) xml = g_resources_lookup_data ("/org/mobed/indicator/"
                                                   "org.kde.StatusNotifierItem.xml",
                                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  MobedItem *item;

  if (xml == NULL)
    return NULL;
  item = g_new0 (MobedItem, 1);
  item->bus = g_object_ref (bus);
  item->menu_path = g_strdup (menu_path);
  item->icon_theme_path = g_strdup (icon_theme_path);
  item->activated = activated;
  item->user_data = user_data;
  item->info = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), error);
  if (item->info != NULL)
    item->object_id = g_dbus_connection_register_object (bus, ITEM_PATH,
                                                         item->info->interfaces[0], &vtable,
                                                         item, NULL, error);
  if (item->object_id == 0)
    {
      mobed_item_free (item);
      return NULL;
    }
  /* The name the draft asks for: -PID-ID, one item per process here. */
  item->bus_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-1", (int) getpid ());
  item->own_id = g_bus_own_name_on_connection (bus, item->bus_name, G_BUS_NAME_OWNER_FLAGS_NONE,
                                               on_name_acquired, NULL, item, NULL);
  return item;
}

void
mobed_item_free (MobedItem *item)
{
  if (item == NULL)
    return;
  if (item->watch_id != 0)
    g_bus_unwatch_name (item->watch_id);
  if (item->own_id != 0)
    g_bus_unown_name (item->own_id);
  if (item->object_id != 0)
    g_dbus_connection_unregister_object (item->bus, item->object_id);
  g_clear_pointer (&item->info, g_dbus_node_info_unref);
  g_free (item->bus_name);
  g_free (item->menu_path);
  g_free (item->icon_theme_path);
  g_free (item->icon);
  g_free (item->tooltip);
  g_free (item->watcher_owner);
  g_object_unref (item->bus);
  g_free (item);
}

void
mobed_item_set_icon (MobedItem *item, const char *icon_name)
{
  if (g_strcmp0 (item->icon, icon_name) == 0)
    return;
  g_free (item->icon);
  item->icon = g_strdup (icon_name);
  emit (item, "NewIcon", NULL);
  emit (item, "NewAttentionIcon", NULL);
}

void
mobed_item_set_tooltip (MobedItem *item, const char *text)
{
  if (g_strcmp0 (item->tooltip, text) == 0)
    return;
  g_free (item->tooltip);
  item->tooltip = g_strdup (text);
  emit (item, "NewToolTip", NULL);
}

void
mobed_item_set_attention (MobedItem *item, gboolean attention)
{
  if (item->attention == attention)
    return;
  item->attention = attention;
  emit (item, "NewStatus", g_variant_new ("(s)", attention ? "NeedsAttention" : "Active"));
}

void
mobed_item_set_ready (MobedItem *item)
{
  if (item->ready)
    return;
  item->ready = TRUE;
  register_item (item);
}

const char *
mobed_item_bus_name (MobedItem *item)
{
  return item->bus_name;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * item.h — the StatusNotifierItem on the session bus: its properties, the
 * signals that tell panels they changed, and its registration with every
 * StatusNotifierWatcher that comes along.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MobedItem MobedItem;

/* The user clicked the icon (Activate). */
typedef void (*MobedItemActivated) (MobedItem *item, gpointer user_data);

/* Exports the item on @bus with the menu at @menu_path; @icon_theme_path
 * may be NULL. Fails only when the object cannot be exported. */
MobedItem *mobed_item_new          (GDBusConnection *bus, const char *menu_path,
                                    const char *icon_theme_path,
                                    MobedItemActivated activated, gpointer user_data,
                                    GError **error);
void       mobed_item_free         (MobedItem *item);

/* Each sends its signal only when the value changed. */
void       mobed_item_set_icon     (MobedItem *item, const char *icon_name);
void       mobed_item_set_tooltip  (MobedItem *item, const char *text);
/* A break is due: Status NeedsAttention, and a click no longer opens the
 * menu but asks for the drill (ItemIsMenu false). */
void       mobed_item_set_attention (MobedItem *item, gboolean attention);

/* The item shows mobed's state (or that it is not running): from now on
 * it registers with every watcher; before, it waits. */
void       mobed_item_set_ready    (MobedItem *item);

/* The bus name panels know the item by. */
const char *mobed_item_bus_name    (MobedItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedItem, mobed_item_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * menu.c — the menu's items, built once and then shown or hidden as the
 * state changes, so panels that keep the layout they read see stable ids.
 */
#include "indicator/menu.h"

#include <glib/gi18n.h>
#include <libdbusmenu-glib/client.h>
#include <libdbusmenu-glib/menuitem.h>
#include <libdbusmenu-glib/server.h>

struct _MobedMenu {
  DbusmenuServer     *server;
  DbusmenuMenuitem   *root;
  DbusmenuMenuitem   *status;
  DbusmenuMenuitem   *focus;
  DbusmenuMenuitem   *drills[MOBED_MENU_DRILLS];
  DbusmenuMenuitem   *actions[MOBED_MENU_N_ACTIONS];
  DbusmenuMenuitem   *pause_separator;
  MobedMenuActivated  activated;
  gpointer            user_data;
};

static DbusmenuMenuitem *
add (MobedMenu *menu, const char *label)
{
  DbusmenuMenuitem *item = dbusmenu_menuitem_new ();

  if (label != NULL)
    dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_LABEL, label);
  dbusmenu_menuitem_child_append (menu->root, item);
  g_object_unref (item);       /* the root holds it */
  return item;
}

static DbusmenuMenuitem *
add_separator (MobedMenu *menu)
{
  DbusmenuMenuitem *item = add (menu, NULL);

  dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_TYPE,
                                  DBUSMENU_CLIENT_TYPES_SEPARATOR);
  return item;
}

static DbusmenuMenuitem *
add_text (MobedMenu *menu)
{
  DbusmenuMenuitem *item = add (menu, "");

  dbusmenu_menuitem_property_set_bool (item, DBUSMENU_MENUITEM_PROP_ENABLED, FALSE);
  return item;
}

static void
on_item_activated (DbusmenuMenuitem *item, guint timestamp, gpointer user_data)
{
  MobedMenu *menu = user_data;

  for (int a = 0; a < MOBED_MENU_N_ACTIONS; a++)
    if (menu->actions[a] == item)
      menu->activated ((MobedMenuAction) a, menu->user_data);
}

static void
add_action (MobedMenu *menu, MobedMenuAction action, const char *label)
{
  DbusmenuMenuitem *item = add (menu, label);

  menu->actions[action] = item;
  g_signal_connect (item, DBUSMENU_MENUITEM_SIGNAL_ITEM_ACTIVATED,
                    G_CALLBACK (on_item_activated), menu);
}

/* Panels say when they open the menu: logged, for the tests of real
 * panels and for anyone wondering whether a click arrived. */
static gboolean
on_root_event (DbusmenuMenuitem *root, const char *name, GVariant *value, guint timestamp,
               gpointer user_data)
{
  g_debug ("menu event: %s", name);
  return FALSE;
}

static gboolean
on_about_to_show (DbusmenuMenuitem *root, gpointer user_data)
{
  g_debug ("menu event: about to show");
  return FALSE;
}

MobedMenu *
mobed_menu_new (const char *path, MobedMenuActivated activated, gpointer user_data)
{
  MobedMenu *menu = g_new0 (MobedMenu, 1);

  menu->activated = activated;
  menu->user_data = user_data;
  menu->root = dbusmenu_menuitem_new ();
  g_signal_connect (menu->root, DBUSMENU_MENUITEM_SIGNAL_EVENT, G_CALLBACK (on_root_event), NULL);
  g_signal_connect (menu->root, DBUSMENU_MENUITEM_SIGNAL_ABOUT_TO_SHOW,
                    G_CALLBACK (on_about_to_show), NULL);
  menu->status = add_text (menu);
  menu->focus = add_text (menu);
  add_separator (menu);
  add_action (menu, MOBED_MENU_TAKE_BREAK, _("Take a break now"));
  /* TRANSLATORS: menu items while a break is due */
  add_action (menu, MOBED_MENU_DONE, C_("menu", "Done"));
  add_action (menu, MOBED_MENU_SNOOZE, C_("menu", "Snooze"));
  add_action (menu, MOBED_MENU_SKIP, C_("menu", "Skip"));
  add_action (menu, MOBED_MENU_ANOTHER, _("Another drill"));
  for (int i = 0; i < MOBED_MENU_DRILLS; i++)
    {
      menu->drills[i] = add (menu, "");
      dbusmenu_menuitem_property_set_bool (menu->drills[i], DBUSMENU_MENUITEM_PROP_VISIBLE,
                                           FALSE);
    }
  menu->pause_separator = add_separator (menu);
  add_action (menu, MOBED_MENU_PAUSE_30, _("Pause for 30 minutes"));
  add_action (menu, MOBED_MENU_PAUSE_HOUR, _("Pause for 1 hour"));
  add_action (menu, MOBED_MENU_PAUSE_TOMORROW, _("Pause until tomorrow"));
  add_action (menu, MOBED_MENU_MEETING, _("Meeting for 1 hour"));
  add_action (menu, MOBED_MENU_END_MEETING, _("End meeting"));
  add_action (menu, MOBED_MENU_RESUME, _("Resume"));
  add_separator (menu);
  add_action (menu, MOBED_MENU_STATISTICS, _("Statistics"));
  add_action (menu, MOBED_MENU_SETTINGS, _("Settings…"));
  add_separator (menu);
  /* TRANSLATORS: quits the panel icon, not mobed */
  add_action (menu, MOBED_MENU_QUIT, _("Quit the indicator"));
  menu->server = dbusmenu_server_new (path);
  dbusmenu_server_set_root (menu->server, menu->root);
  return menu;
}

void
mobed_menu_free (MobedMenu *menu)
{
  if (menu == NULL)
    return;
  g_object_unref (menu->server);
  g_object_unref (menu->root);
  g_free (menu);
}

static void
set_visible (DbusmenuMenuitem *item, gboolean visible)
{
  if (dbusmenu_menuitem_property_get_bool (item, DBUSMENU_MENUITEM_PROP_VISIBLE) != visible)
    dbusmenu_menuitem_property_set_bool (item, DBUSMENU_MENUITEM_PROP_VISIBLE, visible);
}

static void
set_label (DbusmenuMenuitem *item, const char *label)
{
  if (g_strcmp0 (dbusmenu_menuitem_property_get (item, DBUSMENU_MENUITEM_PROP_LABEL), label) != 0)
    dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_LABEL, label);
}

void
mobed_menu_show (MobedMenu *menu, const MobedMenuView *view)
{
  DbusmenuMenuitem **a = menu->actions;
  gboolean can_pause = view->running && !view->paused;
  g_autofree char *snooze = NULL;

  set_label (menu->status, view->status);
  set_visible (menu->focus, view->focus != NULL);
  if (view->focus != NULL)
    set_label (menu->focus, view->focus);
  set_visible (a[MOBED_MENU_TAKE_BREAK], view->running && !view->paused && !view->break_up);
  if (view->snooze_s >= 60)
    /* TRANSLATORS: the Snooze item, with the configured snooze in minutes */
    snooze = g_strdup_printf (ngettext ("Snooze %u minute", "Snooze %u minutes",
                                        (gulong) (view->snooze_s / 60)),
                              (guint) (view->snooze_s / 60));
  set_label (a[MOBED_MENU_SNOOZE], snooze != NULL ? snooze : C_("menu", "Snooze"));
  for (MobedMenuAction i = MOBED_MENU_DONE; i <= MOBED_MENU_ANOTHER; i++)
    set_visible (a[i], view->break_up);
  if (!view->break_up)
    for (guint i = 0; i < MOBED_MENU_DRILLS; i++)
      set_visible (menu->drills[i], FALSE);
  set_visible (menu->pause_separator, view->running);
  set_visible (a[MOBED_MENU_PAUSE_30], can_pause);
  set_visible (a[MOBED_MENU_PAUSE_HOUR], can_pause);
  set_visible (a[MOBED_MENU_PAUSE_TOMORROW], can_pause);
  set_visible (a[MOBED_MENU_MEETING], can_pause);
  set_visible (a[MOBED_MENU_END_MEETING], view->running && view->meeting);
  set_visible (a[MOBED_MENU_RESUME], view->running && view->paused && !view->meeting);
}

void
mobed_menu_set_drill (MobedMenu *menu, guint index, const char *title,
                      const char *const *steps)
{
  DbusmenuMenuitem *drill;
  GList *old;

  g_return_if_fail (index < MOBED_MENU_DRILLS);
  drill = menu->drills[index];
  old = dbusmenu_menuitem_take_children (drill);
  g_list_free_full (old, g_object_unref);
  set_visible (drill, title != NULL);
  if (title == NULL)
    return;
  set_label (drill, title);
  if (steps != NULL && steps[0] != NULL)
    dbusmenu_menuitem_property_set (drill, DBUSMENU_MENUITEM_PROP_CHILD_DISPLAY,
                                    DBUSMENU_MENUITEM_CHILD_DISPLAY_SUBMENU);
  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    {
      DbusmenuMenuitem *step = dbusmenu_menuitem_new ();
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, steps[i]);

      dbusmenu_menuitem_property_set (step, DBUSMENU_MENUITEM_PROP_LABEL, text);
      dbusmenu_menuitem_child_append (drill, step);
      g_object_unref (step);
    }
}

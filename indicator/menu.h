/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * menu.h — the indicator's menu, served as com.canonical.dbusmenu by
 * libdbusmenu-glib. It only shows and hides its items; what an item does
 * is the caller's business (MobedMenuActivated).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MOBED_MENU_TAKE_BREAK,
  MOBED_MENU_DONE,
  MOBED_MENU_SNOOZE,
  MOBED_MENU_SKIP,
  MOBED_MENU_ANOTHER,
  MOBED_MENU_PAUSE_30,
  MOBED_MENU_PAUSE_HOUR,
  MOBED_MENU_PAUSE_TOMORROW,
  MOBED_MENU_MEETING,
  MOBED_MENU_END_MEETING,
  MOBED_MENU_RESUME,
  MOBED_MENU_STATISTICS,
  MOBED_MENU_SETTINGS,
  MOBED_MENU_QUIT,
  MOBED_MENU_N_ACTIONS
} MobedMenuAction;

/* What the menu shows; the texts are already in the user's language. */
typedef struct {
  const char *status;        /* the state line */
  const char *focus;         /* the focus plan's line, NULL when none runs */
  gboolean    running;       /* mobed answers */
  gboolean    break_up;      /* a break is due or snoozed */
  gboolean    paused;
  gboolean    meeting;       /* paused for a meeting */
  guint64     snooze_s;      /* the snooze length, for its label */
} MobedMenuView;

/* Up to this many drills have their steps in the menu (a break has one or two). */
#define MOBED_MENU_DRILLS 2

typedef struct _MobedMenu MobedMenu;
typedef void (*MobedMenuActivated) (MobedMenuAction action, gpointer user_data);

/* Serves the menu at @path on the session bus. */
MobedMenu *mobed_menu_new       (const char *path, MobedMenuActivated activated,
                                 gpointer user_data);
void       mobed_menu_free      (MobedMenu *menu);

void       mobed_menu_show      (MobedMenu *menu, const MobedMenuView *view);
/* Drill @index (< MOBED_MENU_DRILLS) of the current break: @title with
 * @steps as its submenu; NULL @title hides it. */
void       mobed_menu_set_drill (MobedMenu *menu, guint index, const char *title,
                                 const char *const *steps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedMenu, mobed_menu_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator.h — mobed-indicator's hub: keeps the icon, tooltip and menu in
 * step with mobed, and turns the menu's items into mobed's methods.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MobedIndicator MobedIndicator;

typedef struct {
  gboolean    symbolic;          /* the -symbolic icons, for panels that recolour */
  const char *icon_theme_path;   /* IconThemePath, NULL for none */
} MobedIndicatorOptions;

/* Starts following mobed (starting it by D-Bus activation) and puts the
 * item on @bus; quitting from the menu quits @loop. */
MobedIndicator *mobed_indicator_new  (GDBusConnection *bus, GMainLoop *loop,
                                      const MobedIndicatorOptions *options, GError **error);
void            mobed_indicator_free (MobedIndicator *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedIndicator, mobed_indicator_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presence-screensaver.h — GNOME's screen shield (org.gnome.ScreenSaver on
 * the session bus): while it is up the user is away.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MobedScreenSaver MobedScreenSaver;

/* @changed is called with TRUE when the shield comes up and FALSE when it
 * goes down (or the service leaves the bus while it was up). */
MobedScreenSaver *mobed_screensaver_new  (GDBusConnection *bus,
                                          void           (*changed) (gboolean active,
                                                                     gpointer user_data),
                                          gpointer         user_data);
void              mobed_screensaver_free (MobedScreenSaver *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedScreenSaver, mobed_screensaver_free)

G_END_DECLS

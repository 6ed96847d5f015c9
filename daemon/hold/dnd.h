/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dnd.h — the desktop's do not disturb, in its several forms: GNOME's
 * notification banners turned off, a notification server that says it is
 * Inhibited (KDE Plasma and others), dunst paused, xfce4-notifyd's do not
 * disturb. Each is watched for changes; none is polled.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedDnd MobedDnd;

/* @changed is called whenever mobed_dnd_get_reasons() changes. */
MobedDnd   *mobed_dnd_new         (void   (*changed) (gpointer user_data),
                                   gpointer user_data);
void        mobed_dnd_free        (MobedDnd *self);
/* MOBED_DEFER_GNOME, _INHIBITED, _DUNST and _XFCE bits that hold now. */
guint       mobed_dnd_get_reasons (MobedDnd *self);
/* A sentence for the log: what is watched. */
const char *mobed_dnd_describe    (MobedDnd *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedDnd, mobed_dnd_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * name-watch.h — follows the notification server's name on the session
 * bus, so that a break waits while there is none and reaches the next one.
 */
#pragma once

#include <glib.h>

#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

/* Starts following org.freedesktop.Notifications for @self; the id is
 * for g_bus_unwatch_name(). */
guint mobed_name_watch_start (MobedNotifier *self);

G_END_DECLS

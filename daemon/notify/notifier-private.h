/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notifier-private.h — what notifier.c (the main loop's side) offers the
 * other files of the notifier: worker.c reports back through it.
 */
#pragma once

#include <libnotify/notify.h>

#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

/* The worker's answer to a show of @n: @ok, or not and why (@error). */
void mobed_notifier_shown     (MobedNotifier      *self,
                               NotifyNotification *n,
                               gboolean            ok,
                               gboolean            close_is_click,
                               const char         *error);
/* A button of @n (shown for @user_data, the notifier) was pressed. */
void mobed_notifier_on_action (NotifyNotification *n, char *action, gpointer user_data);

G_END_DECLS

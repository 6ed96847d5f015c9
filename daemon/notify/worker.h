/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * worker.h — the thread that makes every call to the notification server,
 * so that a stalled server never holds up mobed's main loop.
 */
#pragma once

#include <libnotify/notify.h>

#include "daemon/notify/content.h"
#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

/* Both take @n (a reference) and hold @self (a g_rc_box) until the call is
 * over; calls run one at a time, in the order asked. */

/* Shows @content (taken) as @n; its buttons call mobed_notifier_on_action()
 * and the result goes to mobed_notifier_shown(), both on the main loop. */
void     mobed_worker_show  (MobedNotifier *self, NotifyNotification *n, MobedContent *content);
/* Takes @n off the screen. */
void     mobed_worker_close (MobedNotifier *self, NotifyNotification *n);
/* What mobed_notifier_stop() does: see notifier.h. */
gboolean mobed_worker_stop  (void);

G_END_DECLS

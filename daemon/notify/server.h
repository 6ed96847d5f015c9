/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server.h — what the notification server on the bus can show, asked
 * before each show, and whether it is one of the few that need telling
 * apart.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean actions;           /* it takes actions (buttons, the body click) */
  gboolean buttons_drawn;     /* and draws them: see no_buttons_drawn */
  gboolean close_is_click;    /* see body_click_closes */
  gboolean files_while_open;  /* see files_while_open */
} MobedServer;

/* Asks the server on the session bus through libnotify: a call that can
 * block, so made on the notifier's worker only. */
void mobed_server_ask (MobedServer *ret_server);

G_END_DECLS

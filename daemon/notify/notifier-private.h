/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notifier-private.h — the notifier's state and what notifier.c (the main
 * loop's side) offers the other files of the notifier: worker.c reports
 * back through it, and name-watch.c follows the server with it. Only
 * files in daemon/notify/ include it.
 */
#pragma once

#include <libnotify/notify.h>

#include "daemon/notify/content.h"
#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

struct _MobedNotifier {
  MobedNotifierCallbacks callbacks;
  gpointer               user_data;
  NotifyNotification    *current;
  MobedContent          *shown;          /* what current shows */
  guint                  watch_id;
  gboolean               dead;           /* freed; ops still out hold it */
  gboolean               close_is_click; /* current's server: see MobedServer */
  gboolean               seen_server;
  /* The name watcher has answered once: before that seen_server FALSE
   * means "not known yet", not "none". */
  gboolean               server_known;
  /* What could not be shown for want of a server, for a notifier whose
   * owner does not show again by itself (no server_appeared callback). */
  MobedContent          *pending;
  gboolean               failing;        /* the last show failed; logged once */
  gboolean               told_headless;  /* no server, no display: logged once */
  guint                  retry_id;       /* asks to show again: retry_later() */
  guint                  retries;
};

/* Puts @content (taken) up as a fresh notification, taking down the one
 * before; or keeps it waiting while there is no server to show it. */
void                mobed_notifier_show_content (MobedNotifier *self, MobedContent *content);
/* Where nothing is on screen, shows what waits for a server (through the
 * owner's server_appeared callback, or what is pending). */
void                mobed_notifier_show_waiting (MobedNotifier *self);
/* @content (taken, may be NULL) waits for a server to appear, in place of
 * what waited before. */
void                mobed_notifier_keep_pending (MobedNotifier *self, MobedContent *content);
/* Forgets the current notification without telling the daemon anything;
 * returns it (a reference) or NULL. */
NotifyNotification *mobed_notifier_detach       (MobedNotifier *self);

/* The worker's answer to a show of @n: @ok, or not and why (@error). */
void                mobed_notifier_shown        (MobedNotifier      *self,
                                                 NotifyNotification *n,
                                                 gboolean            ok,
                                                 gboolean            close_is_click,
                                                 const char         *error);
/* A button of @n (shown for @user_data, the notifier) was pressed. */
void                mobed_notifier_on_action    (NotifyNotification *n,
                                                 char               *action,
                                                 gpointer            user_data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * name-watch.c — notices notification servers that come and go. A server
 * that appears gets what waited for one; a server that leaves takes its
 * notification with it, and what it showed waits for the next. The
 * watcher's first answer, a moment after start-up, also says whether there
 * is a server at all: see server_known.
 */
#include "daemon/notify/name-watch.h"
#include "daemon/notify/notifier-private.h"

#include <gio/gio.h>

static void
on_name_appeared (GDBusConnection *connection, const char *name,
                  const char *owner, gpointer user_data)
{
  MobedNotifier *self = user_data;

  g_debug ("Notification server %s appeared", owner);
  self->seen_server = TRUE;
  self->server_known = TRUE;
  self->failing = FALSE;
  self->told_headless = FALSE;
  self->retries = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* The first report can come after a break was already shown on this
   * very server; only a break with nothing on screen needs showing. */
  mobed_notifier_show_waiting (self);
  g_clear_pointer (&self->pending, mobed_content_free);
}

static void
on_name_vanished (GDBusConnection *connection, const char *name, gpointer user_data)
{
  MobedNotifier *self = user_data;
  NotifyNotification *n = mobed_notifier_detach (self);
  gboolean first = !self->server_known;

  /* Its notification went with it; there is nothing left to close. What
   * it showed (or was about to: the first answer can come after a show was
   * asked for) waits for the next server. */
  g_clear_object (&n);
  mobed_notifier_keep_pending (self, g_steal_pointer (&self->shown));
  if (self->seen_server)
    g_message ("The notification server left the bus; breaks go to the log until one returns");
  self->seen_server = FALSE;
  self->server_known = TRUE;
  self->close_is_click = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* The first answer: what waited for it is shown now, or, with no
   * display either, goes to the log. */
  if (first && self->pending != NULL)
    mobed_notifier_show_content (self, g_steal_pointer (&self->pending));
}

guint
mobed_name_watch_start (MobedNotifier *self)
{
  return g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                           G_BUS_NAME_WATCHER_FLAGS_NONE,
                           on_name_appeared, on_name_vanished, self, NULL);
}

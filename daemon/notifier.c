/*
 * notifier.c — libnotify adapter. Shows the break, turns button presses and
 * closes into answers for the daemon, and notices notification servers that
 * come and go. It decides nothing about breaks.
 *
 * Many servers close a notification by themselves once an action is pressed,
 * and report that close as "dismissed by the user". So the moment an action
 * arrives the notification is detached and taken down here, and the daemon
 * gets only the action; a break that goes on ("another") gets a fresh one.
 */
#include "daemon/notifier.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>
#include <string.h>

/* NotificationClosed reason 2 in the notification spec. */
#define CLOSED_BY_USER 2

struct _MobedNotifier {
  MobedNotifierCallbacks callbacks;
  gpointer               user_data;
  NotifyNotification    *current;
  guint                  watch_id;
  gboolean               seen_server;
  gboolean               failing;     /* the last show failed; logged once */
  guint                  retry_id;    /* asks to show again, see retry_later() */
  guint                  retries;
};

/* A server can own its name a moment before it answers Notify (a desktop
 * shell or dbusmock starting up): a show that fails while a server is on
 * the bus is tried again a few times, a second apart. */
#define SHOW_RETRIES 5

static void on_closed (NotifyNotification *n, MobedNotifier *self);

/* Forgets the current notification without telling the daemon anything. */
static NotifyNotification *
detach (MobedNotifier *self)
{
  NotifyNotification *n = g_steal_pointer (&self->current);

  if (n != NULL)
    g_signal_handlers_disconnect_by_func (n, on_closed, self);
  return n;
}

static void
close_quietly (NotifyNotification *n)
{
  g_autoptr(GError) error = NULL;

  if (!notify_notification_close (n, &error))
    g_debug ("Could not close the notification: %s", error->message);
  g_object_unref (n);
}

static void
on_closed (NotifyNotification *n, MobedNotifier *self)
{
  int reason = notify_notification_get_closed_reason (n);

  g_object_unref (detach (self));
  /* Expired or closed by the server is not the user's answer: the break
   * stays due and mobectl can still answer it. */
  if (reason == CLOSED_BY_USER)
    self->callbacks.answered ("dismissed", self->user_data);
  else
    g_debug ("Notification closed by the server (reason %d); the break stays due", reason);
}

static void
on_action (NotifyNotification *n, char *action, gpointer user_data)
{
  MobedNotifier *self = user_data;
  g_autofree char *answer = g_strdup (action);

  /* A button on an older notification still on screen answers nothing. */
  if (n != self->current)
    return;
  close_quietly (detach (self));
  self->callbacks.answered (answer, self->user_data);
}

static void
on_name_appeared (GDBusConnection *connection, const char *name,
                  const char *owner, gpointer user_data)
{
  MobedNotifier *self = user_data;

  g_debug ("Notification server %s appeared", owner);
  self->seen_server = TRUE;
  self->failing = FALSE;
  self->retries = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* The first report can come after a break was already shown on this
   * very server; only a break with nothing on screen needs showing. */
  if (self->current == NULL && self->callbacks.server_appeared != NULL)
    self->callbacks.server_appeared (self->user_data);
}

static void
on_name_vanished (GDBusConnection *connection, const char *name, gpointer user_data)
{
  MobedNotifier *self = user_data;
  NotifyNotification *n = detach (self);

  /* Its notification went with it; there is nothing left to close. */
  g_clear_object (&n);
  if (self->seen_server)
    g_message ("The notification server left the bus; breaks go to the log until one returns");
  self->seen_server = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

static gboolean
on_retry (gpointer user_data)
{
  MobedNotifier *self = user_data;

  self->retry_id = 0;
  if (self->current == NULL)
    self->callbacks.server_appeared (self->user_data);
  return G_SOURCE_REMOVE;
}

static void
retry_later (MobedNotifier *self)
{
  if (!self->seen_server || self->retry_id != 0 || self->retries >= SHOW_RETRIES)
    return;
  self->retries++;
  self->retry_id = g_timeout_add_seconds (1, on_retry, self);
}

MobedNotifier *
mobed_notifier_new (const MobedNotifierCallbacks *callbacks, gpointer user_data)
{
  MobedNotifier *self = g_new0 (MobedNotifier, 1);

  self->callbacks = *callbacks;
  self->user_data = user_data;
  if (!notify_is_initted ())
    notify_init ("mobed");
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                     on_name_appeared, on_name_vanished, self, NULL);
  return self;
}

void
mobed_notifier_free (MobedNotifier *self)
{
  NotifyNotification *n;

  if (self == NULL)
    return;
  n = detach (self);
  g_clear_object (&n);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_free (self);
}

/* A server just appearing may not answer GetCapabilities yet (libnotify's
 * proxy fails): then assume actions, the common case; a server without
 * them simply ignores the buttons. */
static gboolean
server_has_actions (void)
{
  GList *caps = notify_get_server_caps ();
  gboolean found;

  if (caps == NULL)
    {
      g_debug ("Could not ask the notification server what it can show; assuming buttons");
      return TRUE;
    }
  found = g_list_find_custom (caps, "actions", (GCompareFunc) strcmp) != NULL;
  g_list_free_full (caps, g_free);
  return found;
}

void
mobed_notifier_show (MobedNotifier *self,
                     const char    *summary,
                     const char    *body,
                     const char    *snooze_label,
                     gboolean       urgent)
{
  /* TRANSLATORS: notification buttons: the break is done, put it off
   * (the label is made in daemon.c), skip it, or show a different drill */
  const MobedNotifierAction actions[] = {
    { "done", C_("button", "Done") },
    { "snooze", snooze_label },
    { "skip", C_("button", "Skip") },
    { "another", C_("button", "Another") },
  };

  mobed_notifier_show_full (self, summary, body, actions, G_N_ELEMENTS (actions),
                            /* TRANSLATORS: keep the commands; they are typed in a terminal */
                            _("Answer with: mobectl done · mobectl snooze · mobectl skip"),
                            urgent);
}

void
mobed_notifier_show_full (MobedNotifier             *self,
                          const char                *summary,
                          const char                *body,
                          const MobedNotifierAction *actions,
                          guint                      n_actions,
                          const char                *hint,
                          gboolean                   urgent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean has_actions;

  /* After a failure, wait for a server to appear rather than failing (and
   * having libnotify warn) again on every break. */
  if (self->failing && !self->seen_server)
    {
      g_debug ("No notification server yet; the break is in the log only");
      return;
    }
  has_actions = server_has_actions ();

  if (has_actions || hint == NULL)
    text = g_strdup (body);
  else
    text = g_strdup_printf ("%s\n%s", body, hint);
  if (self->current == NULL)
    {
      self->current = notify_notification_new (summary, text, "mobed");
      g_signal_connect (self->current, "closed", G_CALLBACK (on_closed), self);
    }
  else
    notify_notification_update (self->current, summary, text, "mobed");

  notify_notification_set_timeout (self->current, NOTIFY_EXPIRES_NEVER);
  notify_notification_set_urgency (self->current,
                                   urgent ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
  /* mobed plays its own chime; the server should not add a second sound. */
  notify_notification_set_hint (self->current, "suppress-sound", g_variant_new_boolean (TRUE));
  /* data/mobed.desktop: lets notification settings group mobed's notifications. */
  notify_notification_set_hint (self->current, "desktop-entry", g_variant_new_string ("mobed"));
  notify_notification_clear_actions (self->current);
  for (guint i = 0; has_actions && i < n_actions; i++)
    notify_notification_add_action (self->current, actions[i].id, actions[i].label,
                                    on_action, self, NULL);

  if (!notify_notification_show (self->current, &error))
    {
      NotifyNotification *n = detach (self);
      g_clear_object (&n);
      if (!self->failing)
        g_message ("Could not show the notification (%s); breaks go to the log "
                   "until a notification server appears", error->message);
      self->failing = TRUE;
      retry_later (self);
      return;
    }
  self->failing = FALSE;
  self->retries = 0;
}

void
mobed_notifier_close (MobedNotifier *self)
{
  NotifyNotification *n = detach (self);

  if (n != NULL)
    close_quietly (n);
}

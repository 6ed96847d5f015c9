/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dnd.c — watches the desktop's do not disturb. Four sources, each read once
 * when it appears and then followed by its change signal:
 *
 *  - the notification server's Inhibited property (org.freedesktop.Notifications;
 *    KDE Plasma and others) and dunst's paused property (org.dunstproject.cmd0
 *    on the same object), both through PropertiesChanged;
 *  - xfce4-notifyd's /do-not-disturb in xfconf, and whether mobed is
 *    among its /applications/muted_applications, through xfconfd's
 *    PropertyChanged, asked only while xfconfd is on the bus (never started
 *    for it);
 *  - GNOME's show-banners key, and the enable and show-banners keys GNOME
 *    Settings keeps for mobed's own notifications, through GSettings, only
 *    on a GNOME desktop with the schemas installed: elsewhere nobody honours
 *    those keys, and a value left over from a GNOME session must not hold
 *    every break on another desktop. It also keeps the dconf client out of
 *    mobed where it is no use.
 *
 * A muted or switched-off app is treated like do not disturb: those servers
 * accept each notification and show nothing, so without this a break would
 * be "due" on an empty screen and end as missed.
 *
 * A server that lacks a property (most lack Inhibited, all but dunst lack
 * paused) answers the read with an error: that source simply never holds.
 */
#include "daemon/hold/dnd.h"

#include <gio/gio.h>
#include <string.h>

#include "core/reasons.h"

#define PROPERTIES_IFACE "org.freedesktop.DBus.Properties"
#define NOTIFY_NAME      "org.freedesktop.Notifications"
#define NOTIFY_PATH      "/org/freedesktop/Notifications"
#define NOTIFY_IFACE     "org.freedesktop.Notifications"
#define DUNST_IFACE      "org.dunstproject.cmd0"
#define XFCONF_NAME      "org.xfce.Xfconf"
#define XFCONF_PATH      "/org/xfce/Xfconf"
#define XFCONF_IFACE     "org.xfce.Xfconf"
#define XFCE_CHANNEL     "xfce4-notifyd"
#define XFCE_PROPERTY    "/do-not-disturb"
#define XFCE_MUTED       "/applications/muted_applications"
#define GNOME_SCHEMA     "org.gnome.desktop.notifications"
#define GNOME_KEY        "show-banners"
#define GNOME_APP_SCHEMA "org.gnome.desktop.notifications.application"
/* GNOME's path for an app: its desktop file id (data/mobed.desktop). */
#define GNOME_APP_PATH   "/org/gnome/desktop/notifications/application/mobed/"
/* The application name xfce4-notifyd files mobed's notifications under:
 * libnotify's app name, notify_init ("mobed") in notifier.c. */
#define APP_NAME         "mobed"

/* One watched bus name: its owner's signals and the reads in flight. */
typedef struct {
  guint            watch_id;
  GDBusConnection *bus;           /* while the name has an owner */
  guint            signal_ids[2];
  GCancellable    *cancellable;   /* the reads for the current owner */
} Source;

struct _MobedDnd {
  void      (*changed) (gpointer user_data);
  gpointer    user_data;
  guint       reasons;
  Source      server, xfconf;
  GSettings  *gnome;
  GSettings  *gnome_app;
  char       *description;
};

/* A property read in flight; @self is only touched if not cancelled. */
typedef struct {
  MobedDnd *self;
  guint     reason;
} Read;

static gboolean mobed_muted (GVariant *value);

static void
set_reason (MobedDnd *self, guint reason, gboolean on)
{
  guint next = on ? self->reasons | reason : self->reasons & ~reason;

  if (next == self->reasons)
    return;
  self->reasons = next;
  g_debug ("Do not disturb: %s %s", mobed_defer_reason_name (reason), on ? "on" : "off");
  if (self->changed != NULL)
    self->changed (self->user_data);
}

static gboolean
boolean_of (GVariant *value, const char *what)
{
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value);
  g_debug ("Do not disturb: %s is not a boolean; taken as off", what);
  return FALSE;
}

static void
source_stop (Source *source)
{
  if (source->bus != NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (source->signal_ids); i++)
      if (source->signal_ids[i] != 0)
        g_dbus_connection_signal_unsubscribe (source->bus, source->signal_ids[i]);
  memset (source->signal_ids, 0, sizeof source->signal_ids);
  g_cancellable_cancel (source->cancellable);
  g_clear_object (&source->cancellable);
  g_clear_object (&source->bus);
}

static void
source_start (Source *source, GDBusConnection *bus)
{
  source_stop (source);
  source->bus = g_object_ref (bus);
  source->cancellable = g_cancellable_new ();
}

static void
on_read (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autofree Read *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             &error);
  g_autoptr(GVariant) value = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      /* Most servers have no such property: that source never holds. */
      g_debug ("Do not disturb: no %s here (%s)", mobed_defer_reason_name (read->reason),
               error->message);
      set_reason (read->self, read->reason, FALSE);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  set_reason (read->self, read->reason,
              read->reason == MOBED_DEFER_XFCE_MUTED
                ? mobed_muted (value)
                : boolean_of (value, mobed_defer_reason_name (read->reason)));
}

static void
read_property (MobedDnd *self, Source *source, const char *name, const char *path,
               const char *iface, const char *method, GVariant *args, guint reason)
{
  Read *read = g_new0 (Read, 1);

  read->self = self;
  read->reason = reason;
  g_dbus_connection_call (source->bus, name, path, iface, method, args, G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, source->cancellable,
                          on_read, read);
}

/* -- the notification server: Inhibited and dunst's paused ------------- */

static void
read_server (MobedDnd *self, const char *iface, const char *property, guint reason)
{
  read_property (self, &self->server, NOTIFY_NAME, NOTIFY_PATH, PROPERTIES_IFACE, "Get",
                 g_variant_new ("(ss)", iface, property), reason);
}

static void
on_server_properties (GDBusConnection *bus, const char *sender, const char *path,
                      const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MobedDnd *self = data;
  const char *changed_iface;
  g_autoptr(GVariant) changed = NULL;
  g_autofree const char **invalidated = NULL;
  const char *property;
  guint reason;

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (params, "(&s@a{sv}^a&s)", &changed_iface, &changed, &invalidated);
  if (g_str_equal (changed_iface, NOTIFY_IFACE))
    {
      property = "Inhibited";
      reason = MOBED_DEFER_INHIBITED;
    }
  else if (g_str_equal (changed_iface, DUNST_IFACE))
    {
      property = "paused";
      reason = MOBED_DEFER_DUNST;
    }
  else
    return;
  {
    g_autoptr(GVariant) value = g_variant_lookup_value (changed, property, NULL);

    if (value != NULL)
      set_reason (self, reason, boolean_of (value, property));
    else if (g_strv_contains (invalidated, property))
      read_server (self, changed_iface, property, reason);
  }
}

static void
on_server_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer data)
{
  MobedDnd *self = data;

  source_start (&self->server, bus);
  /* Subscribed before reading, so no change falls between the two. */
  self->server.signal_ids[0] = g_dbus_connection_signal_subscribe (
      bus, owner, PROPERTIES_IFACE, "PropertiesChanged", NOTIFY_PATH, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, on_server_properties, self, NULL);
  read_server (self, NOTIFY_IFACE, "Inhibited", MOBED_DEFER_INHIBITED);
  read_server (self, DUNST_IFACE, "paused", MOBED_DEFER_DUNST);
}

static void
on_server_vanished (GDBusConnection *bus, const char *name, gpointer data)
{
  MobedDnd *self = data;

  source_stop (&self->server);
  /* Cleared one by one; each clear that changes something is reported. */
  set_reason (self, MOBED_DEFER_INHIBITED, FALSE);
  set_reason (self, MOBED_DEFER_DUNST, FALSE);
}

/* -- xfconf: xfce4-notifyd's do not disturb ---------------------------- */

/* An array of application names (each a string in a variant), as
 * xfce4-notifyd keeps its muted ones. */
static gboolean
mobed_muted (GVariant *value)
{
  GVariantIter iter;
  GVariant *item;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE ("av")))
    return FALSE;
  g_variant_iter_init (&iter, value);
  while ((item = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) boxed = item;
      g_autoptr(GVariant) name = g_variant_get_variant (boxed);

      if (g_variant_is_of_type (name, G_VARIANT_TYPE_STRING)
          && g_str_equal (g_variant_get_string (name, NULL), APP_NAME))
        return TRUE;
    }
  return FALSE;
}

static void
on_xfconf_signal (GDBusConnection *bus, const char *sender, const char *path,
                  const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MobedDnd *self = data;
  const char *property = NULL;

  if (g_str_equal (signal, "PropertyChanged")
      && g_variant_is_of_type (params, G_VARIANT_TYPE ("(ssv)")))
    {
      g_autoptr(GVariant) value = NULL;

      g_variant_get (params, "(&s&sv)", NULL, &property, &value);
      if (g_str_equal (property, XFCE_PROPERTY))
        set_reason (self, MOBED_DEFER_XFCE, boolean_of (value, XFCE_PROPERTY));
      else if (g_str_equal (property, XFCE_MUTED))
        set_reason (self, MOBED_DEFER_XFCE_MUTED, mobed_muted (value));
    }
  else if (g_str_equal (signal, "PropertyRemoved")
           && g_variant_is_of_type (params, G_VARIANT_TYPE ("(ss)")))
    {
      g_variant_get (params, "(&s&s)", NULL, &property);
      if (g_str_equal (property, XFCE_PROPERTY))
        set_reason (self, MOBED_DEFER_XFCE, FALSE);
      else if (g_str_equal (property, XFCE_MUTED))
        set_reason (self, MOBED_DEFER_XFCE_MUTED, FALSE);
    }
}

static void
on_xfconf_appeared (GDBusConnection *bus, const char *name, const char *owner, gpointer data)
{
  MobedDnd *self = data;
  const char *signals[] = { "PropertyChanged", "PropertyRemoved" };

  source_start (&self->xfconf, bus);
  /* Only xfce4-notifyd's channel (arg0): other settings are none of ours. */
  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    self->xfconf.signal_ids[i] = g_dbus_connection_signal_subscribe (
        bus, owner, XFCONF_IFACE, signals[i], XFCONF_PATH, XFCE_CHANNEL,
        G_DBUS_SIGNAL_FLAGS_NONE, on_xfconf_signal, self, NULL);
  read_property (self, &self->xfconf, XFCONF_NAME, XFCONF_PATH, XFCONF_IFACE, "GetProperty",
                 g_variant_new ("(ss)", XFCE_CHANNEL, XFCE_PROPERTY), MOBED_DEFER_XFCE);
  read_property (self, &self->xfconf, XFCONF_NAME, XFCONF_PATH, XFCONF_IFACE, "GetProperty",
                 g_variant_new ("(ss)", XFCE_CHANNEL, XFCE_MUTED), MOBED_DEFER_XFCE_MUTED);
}

static void
on_xfconf_vanished (GDBusConnection *bus, const char *name, gpointer data)
{
  MobedDnd *self = data;

  source_stop (&self->xfconf);
  set_reason (self, MOBED_DEFER_XFCE, FALSE);
  set_reason (self, MOBED_DEFER_XFCE_MUTED, FALSE);
}

/* -- GNOME: org.gnome.desktop.notifications show-banners ---------------- */

static gboolean
on_gnome_desktop (void)
{
  const char *value = g_getenv ("XDG_CURRENT_DESKTOP");
  g_auto(GStrv) desktops = g_strsplit (value != NULL ? value : "", ":", -1);

  for (char **d = desktops; *d != NULL; d++)
    if (g_ascii_strcasecmp (*d, "GNOME") == 0)
      return TRUE;
  return FALSE;
}

static void
on_gnome_changed (GSettings *settings, const char *key, gpointer data)
{
  set_reason (data, MOBED_DEFER_GNOME, !g_settings_get_boolean (settings, GNOME_KEY));
}

static void
on_gnome_app_changed (GSettings *settings, const char *key, gpointer data)
{
  set_reason (data, MOBED_DEFER_GNOME_APP,
              !g_settings_get_boolean (settings, "enable")
              || !g_settings_get_boolean (settings, "show-banners"));
}

static void
watch_gnome (MobedDnd *self)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchema) app = NULL;

  /* Asked first: elsewhere not even the schema cache is read. */
  if (!on_gnome_desktop () || (source = g_settings_schema_source_get_default ()) == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, GNOME_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, GNOME_KEY))
    return;
  self->gnome = g_settings_new_full (schema, NULL, NULL);
  /* GSettings reports changes only of keys read after connecting. */
  g_signal_connect (self->gnome, "changed::" GNOME_KEY, G_CALLBACK (on_gnome_changed), self);
  on_gnome_changed (self->gnome, GNOME_KEY, self);

  app = g_settings_schema_source_lookup (source, GNOME_APP_SCHEMA, TRUE);
  if (app == NULL || !g_settings_schema_has_key (app, "enable")
      || !g_settings_schema_has_key (app, "show-banners"))
    return;
  self->gnome_app = g_settings_new_full (app, NULL, GNOME_APP_PATH);
  g_signal_connect (self->gnome_app, "changed", G_CALLBACK (on_gnome_app_changed), self);
  on_gnome_app_changed (self->gnome_app, NULL, self);
}

MobedDnd *
mobed_dnd_new (void (*changed) (gpointer user_data), gpointer user_data)
{
  MobedDnd *self = g_new0 (MobedDnd, 1);

  self->user_data = user_data;
  self->server.watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, NOTIFY_NAME,
                                            G_BUS_NAME_WATCHER_FLAGS_NONE, on_server_appeared,
                                            on_server_vanished, self, NULL);
  self->xfconf.watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, XFCONF_NAME,
                                            G_BUS_NAME_WATCHER_FLAGS_NONE, on_xfconf_appeared,
                                            on_xfconf_vanished, self, NULL);
  watch_gnome (self);
  /* What is known by now the caller reads; only later changes are news. */
  self->changed = changed;
  self->description = g_strdup_printf ("the notification server's Inhibited, dunst's paused, "
                                       "xfce4-notifyd's do-not-disturb and muted apps%s",
                                       self->gnome != NULL
                                         ? ", GNOME's show-banners and mobed's own switch"
                                         : "");
  return self;
}

void
mobed_dnd_free (MobedDnd *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->server.watch_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->xfconf.watch_id, g_bus_unwatch_name);
  source_stop (&self->server);
  source_stop (&self->xfconf);
  if (self->gnome != NULL)
    g_signal_handlers_disconnect_by_data (self->gnome, self);
  g_clear_object (&self->gnome);
  if (self->gnome_app != NULL)
    g_signal_handlers_disconnect_by_data (self->gnome_app, self);
  g_clear_object (&self->gnome_app);
  g_free (self->description);
  g_free (self);
}

guint
mobed_dnd_get_reasons (MobedDnd *self)
{
  return self->reasons;
}

const char *
mobed_dnd_describe (MobedDnd *self)
{
  return self->description;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idle-monitor.c — picks the idle source and runs it. The probe order is
 * here and only here: GNOME's Mutter, then the Wayland compositor's idle
 * protocol, SYNC's IDLETIME on X11 (never in a Wayland session, where the
 * X server is Xwayland and blind to Wayland input), the freedesktop
 * ScreenSaver, which can only be asked and so comes after the sources that
 * push their news (KDE on X11 offers both), and logind's IdleHint last, as
 * desktops set it unreliably. The first that works wins; mobed.conf can
 * name one, or none.
 *
 * A source may be in use without having shown that it can see the user:
 * logind's IdleHint stays unset on a desktop that never sets it. Such a
 * source is watched, but reported as none (the IdleSource property) until
 * its first sign of life: status must not name a source that is blind.
 *
 * Readings go through core/idle.c, which says whether the user is away and
 * when a source that must be asked is worth asking again; the one timer
 * here exists only for such a source. An idle service appearing or leaving
 * the session bus (watched by name, so no other bus traffic wakes mobed)
 * makes it probe again, when that could change the choice. A service takes
 * its name a moment before it answers (dbusmock does; so can a restarting
 * gnome-shell), so a service that has just arrived and does not answer yet
 * is tried again a few times, 1, 2 and 4 s later.
 */
#include "daemon/presence/idle-monitor.h"

#include "daemon/clock.h"
#include "daemon/presence/idle-source.h"

static const MobedIdleSourceClass *const probe_order[] = {
  &mobed_idle_mutter,
  &mobed_idle_wayland,
  &mobed_idle_x11,
  &mobed_idle_screensaver,
  &mobed_idle_logind,
};

struct _MobedIdleMonitor {
  MobedIdleMonitorCallbacks callbacks;
  gpointer                  user_data;
  GDBusConnection          *session;
  char                     *logind_session;
  MobedIdleKind             wanted;
  MobedIdleTracker          tracker;

  MobedIdleSource          *source;
  gboolean                  polled;
  gboolean                  failed;       /* the source broke; a probe is coming */
  guint                     poll_id;
  gint64                    poll_at;      /* mono µs the poll_id timer is for */
  guint                     reprobe_id;
  guint                     retry_id;
  guint                     retry_delay;  /* s; 0: no retry pending */
  guint                     arrived;      /* probe_order index of the service that came */
  guint                     name_ids[G_N_ELEMENTS (probe_order)];
  gboolean                  constructed;
};

static guint
position (MobedIdleKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (probe_order); i++)
    if (probe_order[i]->kind == kind)
      return i;
  return G_N_ELEMENTS (probe_order);
}

MobedIdleKind
mobed_idle_monitor_get_kind (MobedIdleMonitor *self)
{
  return self->source != NULL ? self->source->klass->kind : MOBED_IDLE_NONE;
}

MobedIdleKind
mobed_idle_monitor_get_seeing_kind (MobedIdleMonitor *self)
{
  return self->source != NULL && !self->source->unconfirmed ? self->source->klass->kind
                                                              : MOBED_IDLE_NONE;
}

void
mobed_idle_monitor_confirmed (MobedIdleMonitor *self)
{
  if (self->source == NULL || !self->source->unconfirmed)
    return;
  self->source->unconfirmed = FALSE;
  g_message ("Idle time: %s has now been seen to follow the user",
             mobed_idle_kind_name (self->source->klass->kind));
  if (self->constructed)
    self->callbacks.source_changed (self->user_data);
}

gint64
mobed_idle_monitor_get_threshold (MobedIdleMonitor *self)
{
  return self->tracker.threshold;
}

gboolean
mobed_idle_monitor_is_away (MobedIdleMonitor *self)
{
  return self->tracker.away;
}

GDBusConnection *
mobed_idle_monitor_get_session_bus (MobedIdleMonitor *self)
{
  return self->session;
}

const char *
mobed_idle_monitor_get_logind_session (MobedIdleMonitor *self)
{
  return self->logind_session;
}

static void read_now (MobedIdleMonitor *self);

static gboolean
on_poll (gpointer data)
{
  MobedIdleMonitor *self = data;

  self->poll_id = 0;
  read_now (self);
  return G_SOURCE_REMOVE;
}

void
mobed_idle_monitor_reading (MobedIdleMonitor *self, gint64 idle)
{
  gint64 now = mobed_clock_now ().mono;
  MobedIdleVerdict v;

  if (self->failed)
    return;
  v = mobed_idle_reading (&self->tracker, idle, now);
  if (self->polled)
    {
      /* Rounded up: a hair early would only ask again. */
      guint ms = (guint) CLAMP ((v.next - now + 999) / 1000, 1, G_MAXINT32);

      g_debug ("Idle: %" G_GINT64_FORMAT " ms without input; asking again in %u ms",
               idle / 1000, ms);
      g_clear_handle_id (&self->poll_id, g_source_remove);
      self->poll_id = g_timeout_add (ms, on_poll, self);
      self->poll_at = v.next;
    }
  else
    g_debug ("Idle: %" G_GINT64_FORMAT " ms without input", idle / 1000);
  if (v.change != MOBED_IDLE_SAME)
    self->callbacks.changed (v.change == MOBED_IDLE_WENT_AWAY, v.since, self->user_data);
}

static void
read_now (MobedIdleMonitor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 idle = 0;

  if (self->source == NULL || self->failed)
    return;
  if (self->source->klass->read (self->source, &idle, &error))
    mobed_idle_monitor_reading (self, idle);
  else
    mobed_idle_monitor_failed (self, error->message);
}

void
mobed_idle_monitor_set_polled (MobedIdleMonitor *self, gboolean polled)
{
  if (polled == self->polled)
    return;
  self->polled = polled;
  if (!polled)
    g_clear_handle_id (&self->poll_id, g_source_remove);
  else
    read_now (self);          /* not during open(): that pushes its first reading itself */
}

/* Forgets the source; an absence it reported ends, as nothing watches it. */
static void
drop_source (MobedIdleMonitor *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->source != NULL)
    self->source->klass->free (self->source);
  self->source = NULL;
  self->polled = FALSE;
  self->failed = FALSE;
  if (self->tracker.away)
    {
      self->tracker.away = FALSE;
      self->callbacks.changed (FALSE, mobed_clock_now ().mono, self->user_data);
    }
}

static void
probe (MobedIdleMonitor *self)
{
  MobedIdleKind before = mobed_idle_monitor_get_seeing_kind (self);
  g_autoptr(GString) why = g_string_new (NULL);

  drop_source (self);
  for (guint i = 0; i < G_N_ELEMENTS (probe_order) && self->wanted != MOBED_IDLE_NONE; i++)
    {
      const MobedIdleSourceClass *klass = probe_order[i];
      g_autoptr(GError) error = NULL;

      if (self->wanted != MOBED_IDLE_AUTO && klass->kind != self->wanted)
        continue;
      self->source = klass->open (self, &error);
      if (self->source != NULL)
        break;
      g_dbus_error_strip_remote_error (error);
      g_debug ("Idle source %s: %s", mobed_idle_kind_name (klass->kind), error->message);
      g_string_append_printf (why, "%s%s: %s", why->len ? "; " : "",
                              mobed_idle_kind_name (klass->kind), error->message);
    }

  if (self->source != NULL && self->source->unconfirmed)
    g_message ("Idle time: watching %s, which nothing has been seen to set yet (%s)",
               mobed_idle_kind_name (self->source->klass->kind), why->str);
  else if (self->source != NULL)
    g_message ("Idle time: watched through %s", mobed_idle_kind_name (self->source->klass->kind));
  else if (self->wanted == MOBED_IDLE_NONE)
    g_message ("Idle time: not watched (idle-source=none)");
  else
    g_message ("Idle time: no source works here (%s); natural breaks come only from "
               "locking the screen or sleep", why->str);
  /* The first probe is part of mobed_idle_monitor_new(): no news yet. */
  if (mobed_idle_monitor_get_seeing_kind (self) != before && self->constructed)
    self->callbacks.source_changed (self->user_data);
}

static gboolean on_retry (gpointer data);

/* After a probe for a service that arrived: did it win, or is it worth
 * another try? */
static void
maybe_retry (MobedIdleMonitor *self)
{
  if (self->retry_delay == 0 || self->arrived >= position (mobed_idle_monitor_get_kind (self))
      || self->retry_delay > 4)
    {
      self->retry_delay = 0;
      return;
    }
  self->retry_id = g_timeout_add_seconds (self->retry_delay, on_retry, self);
  self->retry_delay *= 2;
}

static gboolean
on_retry (gpointer data)
{
  MobedIdleMonitor *self = data;

  self->retry_id = 0;
  probe (self);
  maybe_retry (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_reprobe (gpointer data)
{
  MobedIdleMonitor *self = data;

  self->reprobe_id = 0;
  probe (self);
  maybe_retry (self);
  return G_SOURCE_REMOVE;
}

static void
reprobe_soon (MobedIdleMonitor *self)
{
  if (self->reprobe_id == 0)
    self->reprobe_id = g_idle_add (on_reprobe, self);
}

void
mobed_idle_monitor_failed (MobedIdleMonitor *self, const char *why)
{
  if (self->failed)
    return;
  g_message ("Idle source %s stopped working: %s",
             mobed_idle_kind_name (mobed_idle_monitor_get_kind (self)), why);
  self->failed = TRUE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  reprobe_soon (self);
}

/* An idle service came or went. Only a source the probe would try before
 * the one in use (or that one itself) can change the choice. */
static void
on_name_owner_changed (GDBusConnection *bus, const char *sender, const char *path,
                       const char *iface, const char *signal, GVariant *params, gpointer data)
{
  MobedIdleMonitor *self = data;
  const char *name, *old_owner, *new_owner;

  g_variant_get (params, "(&s&s&s)", &name, &old_owner, &new_owner);
  for (guint i = 0; i < G_N_ELEMENTS (probe_order); i++)
    {
      const MobedIdleSourceClass *klass = probe_order[i];

      if (g_strcmp0 (klass->bus_name, name) != 0)
        continue;
      if (self->wanted != MOBED_IDLE_AUTO && self->wanted != klass->kind)
        return;
      if (i > position (mobed_idle_monitor_get_kind (self)))
        return;
      g_debug ("%s %s the bus; probing idle sources again", name,
               *new_owner != '\0' ? "joined" : "left");
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->arrived = i;
      self->retry_delay = *new_owner != '\0' ? 1 : 0;
      reprobe_soon (self);
      return;
    }
}

MobedIdleMonitor *
mobed_idle_monitor_new (GDBusConnection                 *session,
                        const char                      *logind_session,
                        MobedIdleKind                    wanted,
                        gint64                           threshold,
                        const MobedIdleMonitorCallbacks *callbacks,
                        gpointer                         user_data)
{
  MobedIdleMonitor *self = g_new0 (MobedIdleMonitor, 1);

  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->session = session != NULL ? g_object_ref (session) : NULL;
  self->logind_session = g_strdup (logind_session);
  self->wanted = wanted;
  self->tracker.threshold = threshold;
  for (guint i = 0; i < G_N_ELEMENTS (probe_order) && session != NULL; i++)
    if (probe_order[i]->bus_name != NULL)
      self->name_ids[i] = g_dbus_connection_signal_subscribe (
          session, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
          "/org/freedesktop/DBus", probe_order[i]->bus_name, G_DBUS_SIGNAL_FLAGS_NONE,
          on_name_owner_changed, self, NULL);
  probe (self);
  self->constructed = TRUE;
  return self;
}

void
mobed_idle_monitor_configure (MobedIdleMonitor *self, MobedIdleKind wanted, gint64 threshold)
{
  gboolean new_threshold = threshold != self->tracker.threshold;

  self->tracker.threshold = threshold;
  if (wanted != self->wanted)
    {
      self->wanted = wanted;
      g_clear_handle_id (&self->reprobe_id, g_source_remove);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retry_delay = 0;
      probe (self);
      return;
    }
  if (!new_threshold || self->source == NULL || self->failed)
    return;
  self->source->klass->threshold_changed (self->source);
  if (self->polled)
    read_now (self);
}

#ifdef MOBED_TEST_CLOCK
void
mobed_idle_monitor_clock_moved (MobedIdleMonitor *self)
{
  if (self->poll_id != 0 && mobed_clock_now ().mono >= self->poll_at)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      read_now (self);
    }
  if (self->source != NULL && !self->failed && self->source->klass->clock_moved != NULL)
    self->source->klass->clock_moved (self->source);
}
#endif

void
mobed_idle_monitor_free (MobedIdleMonitor *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->reprobe_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->source != NULL)
    self->source->klass->free (self->source);
  for (guint i = 0; i < G_N_ELEMENTS (self->name_ids); i++)
    if (self->name_ids[i] != 0)
      g_dbus_connection_signal_unsubscribe (self->session, self->name_ids[i]);
  g_clear_object (&self->session);
  g_free (self->logind_session);
  g_free (self);
}

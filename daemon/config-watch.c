/*
 * config-watch.c — a GFileMonitor on the config directory. Editors save in
 * bursts (write a temp file, rename it over, touch it again), so events
 * only restart a short timer, and the reload happens once when it fires.
 * While the directory does not exist its parent is watched for it to
 * appear, so a user creating ~/.config/mobed later is noticed too.
 */
#include "daemon/config-watch.h"

#include <gio/gio.h>

#define SETTLE_MS 300

struct _MobedConfigWatch {
  char            *dir;
  char           **names;
  void           (*changed) (gpointer user_data);
  gpointer         user_data;
  GFileMonitor    *monitor;
  gboolean         watching_parent;
  guint            settle_id;
};

static void watch (MobedConfigWatch *self);

static gboolean
on_settled (gpointer user_data)
{
  MobedConfigWatch *self = user_data;

  self->settle_id = 0;
  g_debug ("Configuration files changed; reloading");
  self->changed (self->user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
interesting (MobedConfigWatch *self, GFile *file)
{
  g_autofree char *base = file ? g_file_get_basename (file) : NULL;

  if (base == NULL)
    return FALSE;
  if (self->watching_parent)
    return g_str_equal (base, "mobed");
  return g_strv_contains ((const char *const *) self->names, base);
}

static void
on_event (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
          gpointer user_data)
{
  MobedConfigWatch *self = user_data;

  if (!interesting (self, file) && !interesting (self, other))
    return;
  if (self->watching_parent)
    {
      /* The directory appeared (or went): watch the right thing now, and
       * reload in case it arrived with files in it. */
      watch (self);
    }
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, on_settled, self);
}

static void
watch (MobedConfigWatch *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (self->dir);
  g_autoptr(GFile) target = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  self->watching_parent = !g_file_query_exists (dir, NULL);
  target = self->watching_parent ? g_file_get_parent (dir) : g_object_ref (dir);
  self->monitor = g_file_monitor_directory (target, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_message ("Not watching %s for changes (%s); use mobectl reload after editing",
                 self->dir, error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_event), self);
}

MobedConfigWatch *
mobed_config_watch_new (const char *dir, const char *const *names,
                        void (*changed) (gpointer user_data), gpointer user_data)
{
  MobedConfigWatch *self = g_new0 (MobedConfigWatch, 1);

  self->dir = g_strdup (dir);
  self->names = g_strdupv ((char **) names);
  self->changed = changed;
  self->user_data = user_data;
  watch (self);
  return self;
}

void
mobed_config_watch_free (MobedConfigWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_strfreev (self->names);
  g_free (self->dir);
  g_free (self);
}

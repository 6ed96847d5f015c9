/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-watch.c — notices edits of the config directory through
 * GFileMonitor. Editors save in bursts (write a temp file, rename it over,
 * touch it again), so events only restart a short timer, and the reload
 * happens once when it fires.
 *
 * While the directory does not exist, its nearest existing ancestor is
 * watched for the next step of the path to appear, so a user creating
 * ~/.config/mobed later (or ~/.config itself) is noticed too. GFileMonitor
 * can watch a missing path itself, but its inotify backend does that by
 * looking every four seconds, which would wake mobed all day on every
 * machine whose user never made the directory.
 */
#include "daemon/config-watch.h"

#include <gio/gio.h>

#define SETTLE_MS 300

struct _MobedConfigWatch {
  char         *dir;
  char        **names;
  void        (*changed) (gpointer user_data);
  gpointer      user_data;
  GFileMonitor *monitor;
  /* NULL while the directory itself is watched; otherwise the name, in the
   * watched ancestor, of the next step toward it. */
  char         *awaited;
  guint         settle_id;
};

static gboolean watch (MobedConfigWatch *self);

static gboolean
on_settled (gpointer user_data)
{
  MobedConfigWatch *self = user_data;

  self->settle_id = 0;
  g_debug ("Configuration files changed; reloading");
  self->changed (self->user_data);
  return G_SOURCE_REMOVE;
}

static void
settle (MobedConfigWatch *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, on_settled, self);
}

static void
unwatch (MobedConfigWatch *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_pointer (&self->awaited, g_free);
}

static gboolean
ours (MobedConfigWatch *self, GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  if (name == NULL)
    return FALSE;
  if (self->awaited != NULL)
    return g_str_equal (name, self->awaited);
  return g_strv_contains ((const char *const *) self->names, name);
}

static void
on_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
            gpointer user_data)
{
  MobedConfigWatch *self = user_data;
  g_autoptr(GFile) watched = g_file_new_for_path (self->dir);

  /* The watched directory itself went (or was moved): look again for it
   * or the nearest ancestor, and read what is there now. */
  if ((event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED
       || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
      && self->awaited == NULL && g_file_equal (file, watched))
    {
      watch (self);
      settle (self);
      return;
    }
  if (!ours (self, file) && !ours (self, other))
    return;
  /* The next step toward the directory appeared: watch deeper, and reload
   * in case it arrived with files in it. */
  if (self->awaited != NULL)
    watch (self);
  settle (self);
}

/* Watches the directory, or the nearest ancestor that exists. Returns TRUE
 * when the directory (or a step toward it) turned out to exist by the time
 * the watch was in place: it appeared unseen, so the caller should reload. */
static gboolean
watch (MobedConfigWatch *self)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *target = g_strdup (self->dir);
      g_autofree char *awaited = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;

      unwatch (self);
      while (!g_file_test (target, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *parent = g_path_get_dirname (target);

          if (g_str_equal (parent, target))
            return FALSE;               /* not even "/" */
          g_free (awaited);
          awaited = g_path_get_basename (target);
          g_free (target);
          target = g_steal_pointer (&parent);
        }
      file = g_file_new_for_path (target);
      self->monitor = g_file_monitor_directory (file, G_FILE_MONITOR_NONE, NULL, &error);
      if (self->monitor == NULL)
        {
          g_message ("Not watching %s for changes (%s: %s); use mobectl reload after editing",
                     self->dir, target, error->message);
          return FALSE;
        }
      g_file_monitor_set_rate_limit (self->monitor, SETTLE_MS);
      g_signal_connect (self->monitor, "changed", G_CALLBACK (on_changed), self);
      self->awaited = g_steal_pointer (&awaited);
      if (self->awaited == NULL)
        return attempt > 0;
      {
        g_autofree char *next = g_build_filename (target, self->awaited, NULL);

        /* Made between the look and the watch: go one step further. */
        if (!g_file_test (next, G_FILE_TEST_IS_DIR))
          return attempt > 0;
      }
    }
  return TRUE;
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
  if (watch (self))
    settle (self);
  return self;
}

void
mobed_config_watch_free (MobedConfigWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  unwatch (self);
  g_strfreev (self->names);
  g_free (self->dir);
  g_free (self);
}

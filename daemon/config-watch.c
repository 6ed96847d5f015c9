/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-watch.c — notices edits of the config directory through inotify.
 * Editors save in bursts (write a temp file, rename it over, touch it
 * again), so events only restart a short timer, and the reload happens once
 * when it fires. While the directory does not exist, its nearest existing
 * ancestor is watched for the next step of the path to appear, so a user
 * creating ~/.config/mobed later (or ~/.config itself) is noticed too.
 *
 * Why not GFileMonitor: it brings GIO's VFS, its extension points and the
 * inotify backend's bookkeeping to life, about 0.3 MiB of a daemon that
 * otherwise holds 3 (issue 9's footprint), and it polls every four seconds
 * for paths that do not exist yet. One inotify descriptor on the main loop
 * does the same job here.
 */
#include "daemon/config-watch.h"

#include <errno.h>
#include <limits.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define SETTLE_MS 300

/* What matters in the directory itself: a file of ours written, renamed
 * over, touched, made or removed, and the directory going away. */
#define DIR_EVENTS (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO \
                    | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
/* In an ancestor: the next step toward the directory appearing, or the
 * ancestor itself going away. */
#define ANCESTOR_EVENTS (IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct _MobedConfigWatch {
  char            *dir;
  char           **names;
  void           (*changed) (gpointer user_data);
  gpointer         user_data;
  int              fd;
  guint            fd_source;
  int              wd;
  /* NULL while the directory itself is watched; otherwise the name, in the
   * watched ancestor, of the next step toward it. */
  char            *awaited;
  guint            settle_id;
};

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
  if (self->wd >= 0)
    inotify_rm_watch (self->fd, self->wd);
  self->wd = -1;
  g_clear_pointer (&self->awaited, g_free);
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
      int wd;

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
      wd = inotify_add_watch (self->fd, target, awaited ? ANCESTOR_EVENTS : DIR_EVENTS);
      if (wd < 0)
        {
          int saved = errno;

          g_message ("Not watching %s for changes (%s: %s); use mobectl reload after editing",
                     self->dir, target, g_strerror (saved));
          return FALSE;
        }
      self->wd = wd;
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

static gboolean
ours (MobedConfigWatch *self, const struct inotify_event *event)
{
  if (event->len == 0)
    return FALSE;
  if (self->awaited != NULL)
    return g_str_equal (event->name, self->awaited);
  return g_strv_contains ((const char *const *) self->names, event->name);
}

static gboolean
on_readable (int fd, GIOCondition condition, gpointer user_data)
{
  MobedConfigWatch *self = user_data;
  /* The kernel never splits an event across reads, and this buffer holds
   * at least one of the longest. */
  _Alignas (struct inotify_event) char buf[16 * (sizeof (struct inotify_event) + NAME_MAX + 1)];
  gboolean rewatch = FALSE, reload = FALSE;

  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      for (char *p = buf; p < buf + n;)
        {
          const struct inotify_event *event = (const struct inotify_event *) p;

          p += sizeof *event + event->len;
          if (event->mask & IN_Q_OVERFLOW)
            rewatch = reload = TRUE;
          else if (event->wd != self->wd)
            continue;                   /* a watch already given up */
          else if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT))
            rewatch = reload = TRUE;
          else if (ours (self, event))
            {
              /* The next step toward the directory appeared: watch deeper,
               * and reload in case it arrived with files in it. */
              rewatch = rewatch || self->awaited != NULL;
              reload = TRUE;
            }
        }
    }
  if (rewatch)
    watch (self);
  if (reload)
    settle (self);
  return G_SOURCE_CONTINUE;
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
  self->wd = -1;
  self->fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  if (self->fd < 0)
    {
      int saved = errno;

      g_message ("Not watching %s for changes (%s); use mobectl reload after editing",
                 dir, g_strerror (saved));
      return self;
    }
  self->fd_source = g_unix_fd_add (self->fd, G_IO_IN, on_readable, self);
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
  g_clear_handle_id (&self->fd_source, g_source_remove);
  g_free (self->awaited);
  if (self->fd >= 0)
    close (self->fd);
  g_strfreev (self->names);
  g_free (self->dir);
  g_free (self);
}

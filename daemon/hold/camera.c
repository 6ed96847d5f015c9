/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * camera.c — the /proc scan behind "a camera in use". Readlink on each
 * /proc/PID/fd/N of the user's own processes: a few hundred syscalls, done
 * only when a break falls due. Paths are parameters so tests can point it at
 * a fake device prefix.
 */
#include "daemon/hold/camera.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static gboolean
holds_device (const char *proc_root, const char *pid, const char *prefix)
{
  g_autofree char *fd_dir = g_build_filename (proc_root, pid, "fd", NULL);
  g_autoptr(GDir) dir = g_dir_open (fd_dir, 0, NULL);
  const char *fd;

  if (dir == NULL)
    return FALSE;               /* gone, or not ours to read */
  while ((fd = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, fd, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, prefix))
        return TRUE;
    }
  return FALSE;
}

pid_t
mobed_camera_user (const char *proc_root, const char *device_prefix, uid_t uid)
{
  g_autoptr(GDir) dir = g_dir_open (proc_root, 0, NULL);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      guint64 pid;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT32, &pid, NULL))
        continue;
      path = g_build_filename (proc_root, name, NULL);
      if (g_stat (path, &st) != 0 || st.st_uid != uid)
        continue;
      if (holds_device (proc_root, name, device_prefix))
        return (pid_t) pid;
    }
  return 0;
}

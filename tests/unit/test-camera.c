/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-camera.c — the camera scan against the real /proc: a child process
 * holding a file under a fake device prefix open is found, and is no longer
 * found once it closes it; other prefixes and other users are not matched.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/hold/camera.h"

typedef struct {
  char *dir;
  char *device;      /* "<dir>/video0": stands in for /dev/video0 */
  char *prefix;      /* "<dir>/video" */
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("mobed-camera-XXXXXX", NULL);
  f->device = g_build_filename (f->dir, "video0", NULL);
  f->prefix = g_build_filename (f->dir, "video", NULL);
  g_assert_true (g_file_set_contents (f->device, "", 0, NULL));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_unlink (f->device);
  g_rmdir (f->dir);
  g_free (f->device);
  g_free (f->prefix);
  g_free (f->dir);
}

/* A child that opens @path, says so on a pipe, and waits to be killed. */
static pid_t
spawn_holder (const char *path)
{
  int pipefd[2];
  pid_t pid;
  char ready;

  g_assert_cmpint (pipe (pipefd), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int fd = open (path, O_RDONLY);
      close (pipefd[0]);
      if (write (pipefd[1], fd >= 0 ? "y" : "n", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (pipefd[1]);
  g_assert_cmpint (read (pipefd[0], &ready, 1), ==, 1);
  g_assert_cmpint (ready, ==, 'y');
  close (pipefd[0]);
  return pid;
}

static void
reap (pid_t pid)
{
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

static void
test_found_while_open (Fixture *f, gconstpointer data)
{
  pid_t holder;

  g_assert_cmpint (mobed_camera_user ("/proc", f->prefix, getuid ()), ==, 0);
  holder = spawn_holder (f->device);
  g_assert_cmpint (mobed_camera_user ("/proc", f->prefix, getuid ()), ==, holder);
  /* Another prefix, or another user's processes, do not count. */
  g_assert_cmpint (mobed_camera_user ("/proc", "/nonexistent/video", getuid ()), ==, 0);
  g_assert_cmpint (mobed_camera_user ("/proc", f->prefix, getuid () + 4242), ==, 0);
  reap (holder);
  g_assert_cmpint (mobed_camera_user ("/proc", f->prefix, getuid ()), ==, 0);
}

static void
test_missing_proc (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (mobed_camera_user ("/nonexistent-proc", "/dev/video", getuid ()), ==, 0);
  /* A directory with entries that are not processes is simply skipped. */
  g_assert_cmpint (mobed_camera_user (f->dir, "/dev/video", getuid ()), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/camera/found-while-open", Fixture, NULL, setup, test_found_while_open, teardown);
  g_test_add ("/camera/missing-proc", Fixture, NULL, setup, test_missing_proc, teardown);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-savedstate.c — state.ini: a pause and its reason survive a round
 * trip, a missing file is a clean start, a damaged one is an error that
 * leaves a zeroed state, a bad reason is dropped, and files are private
 * (0600 in 0700).
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/savedstate.h"

static char *
temp_path (char **dir)
{
  *dir = g_dir_make_tmp ("mobed-state-XXXXXX", NULL);
  return g_build_filename (*dir, "sub", "state.ini", NULL);
}

static void
cleanup (char *dir, const char *path)
{
  g_autofree char *sub = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autofree char *sub = g_path_get_dirname (path);
  MobedSavedState out = { .paused_until = 1790000000123456 };
  MobedSavedState in;
  GStatBuf st;

  g_assert_true (mobed_saved_state_save (&out, path, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_true (mobed_saved_state_load (&in, path, NULL));
  g_assert_cmpint (in.paused_until, ==, out.paused_until);

  g_assert_cmpstr (in.pause_reason, ==, "");

  out.paused_until = -1;           /* until resumed */
  g_strlcpy (out.pause_reason, "meeting; room 4 · \"Ü\"", sizeof out.pause_reason);
  g_assert_true (mobed_saved_state_save (&out, path, NULL));
  g_assert_true (mobed_saved_state_load (&in, path, NULL));
  g_assert_cmpint (in.paused_until, ==, -1);
  g_assert_cmpstr (in.pause_reason, ==, out.pause_reason);

  /* Not paused: no reason is kept. */
  out.paused_until = 0;
  g_assert_true (mobed_saved_state_save (&out, path, NULL));
  g_assert_true (mobed_saved_state_load (&in, path, NULL));
  g_assert_cmpstr (in.pause_reason, ==, "");
  cleanup (dir, path);
}

/* A reason edited into something mobed would not take is dropped; the
 * pause itself stays. */
static void
test_bad_reason (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autofree char *sub = g_path_get_dirname (path);
  MobedSavedState in;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[pause]\nuntil=-1\nreason=two\\nlines\n", -1, NULL));
  g_assert_true (mobed_saved_state_load (&in, path, NULL));
  g_assert_cmpint (in.paused_until, ==, -1);
  g_assert_cmpstr (in.pause_reason, ==, "");
  cleanup (dir, path);
}

static void
test_missing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  MobedSavedState in;

  memset (&in, 0x5a, sizeof in);
  g_assert_true (mobed_saved_state_load (&in, path, NULL));
  g_assert_cmpint (in.paused_until, ==, 0);
  cleanup (dir, path);
}

static void
test_damaged (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autofree char *sub = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  MobedSavedState in;

  g_mkdir_with_parents (sub, 0700);
  g_assert_true (g_file_set_contents (path, "\x7f" "ELF garbage\n[[", -1, NULL));
  memset (&in, 0x5a, sizeof in);
  g_assert_false (mobed_saved_state_load (&in, path, &error));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (in.paused_until, ==, 0);
  g_clear_error (&error);

  /* A wrong type for the pause is an error naming the key. */
  g_assert_true (g_file_set_contents (path, "[pause]\nuntil=soon\n", -1, NULL));
  g_assert_false (mobed_saved_state_load (&in, path, &error));
  g_assert_nonnull (strstr (error->message, "[pause] until"));
  g_clear_error (&error);

  /* Leftovers from older versions are ignored. */
  g_assert_true (g_file_set_contents (path, "[today]\ndate=yesterday\ndone=3\n", -1, NULL));
  g_assert_true (mobed_saved_state_load (&in, path, &error));
  g_assert_cmpint (in.paused_until, ==, 0);
  cleanup (dir, path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/savedstate/round-trip", test_round_trip);
  g_test_add_func ("/savedstate/missing", test_missing);
  g_test_add_func ("/savedstate/damaged", test_damaged);
  g_test_add_func ("/savedstate/bad-reason", test_bad_reason);
  return g_test_run ();
}

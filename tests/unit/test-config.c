/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-config.c — mobed.conf as a whole file: the defaults, a file gone or
 * not a key file at all, configs copied and cleared, unknown keys and groups
 * (with a guess at what was meant), and the shipped data/mobed.conf agreeing
 * with the code. Key by key values: test-config-values.c.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "store/config-files.h"
#include "core/config.h"
#include "config-test-util.h"

static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };

  mobed_config_init_defaults (&c);
  g_assert_cmpuint (c.interval_s, ==, 15 * 60);
  g_assert_cmpuint (c.break_length_s, ==, 45);
  g_assert_cmpuint (c.snooze_s, ==, 5 * 60);
  g_assert_cmpuint (c.expire_after_s, ==, 10 * 60);
  g_assert_cmpuint (c.natural_break_s, ==, 2 * 60);
  g_assert_true (c.sound);
  g_assert_cmpuint (c.daily_goal, ==, 8);
  assert_lists_default (&c);
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[drills]\nfocus=neck-pain\nexclude=wrist-circles\n"
                 "[schedule]\nwork-hours=09:00-17:00\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (g_unlink (f->path), ==, 0);
  c.interval_s = 7;                       /* a deleted file means defaults again */
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.interval_s, ==, 15 * 60);
  /* The lists go back to none too (and the old ones are freed: the leak
   * checkers of the asan and valgrind passes see it). */
  assert_lists_default (&c);
  g_assert_cmpuint (f->warnings->len, ==, 0);
}

/* A copy owns its lists: it outlives the original, changing one leaves
 * the other alone, and copying onto a config replaces (and frees) what it
 * held. Use after free or a leak here fails the asan and valgrind passes. */
static void
test_copy_and_clear (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_auto(MobedConfig) copy = { 0 };
  g_auto(MobedConfig) never_filled = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[drills]\nfocus=neck-pain,typists\nexclude=wrist-circles\n"
                 "[schedule]\ninterval=5m\nwork-hours=09:00-12:00\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  mobed_config_copy (&copy, &c);
  assert_config_equal (&copy, &c);
  g_assert_true (copy.focus != c.focus && copy.exclude != c.exclude);
  g_assert_true (copy.work_hours != c.work_hours);

  mobed_config_clear (&c);
  g_assert_null (c.focus);
  g_assert_null (c.work_hours);
  g_assert_cmpuint (c.interval_s, ==, 0);
  mobed_config_clear (&c);                /* twice is harmless */
  assert_words (copy.focus, "neck-pain;typists");
  assert_words (copy.exclude, "wrist-circles");
  g_assert_cmpstr (copy.work_hours, ==, "09:00-12:00");
  g_assert_cmpuint (copy.interval_s, ==, 300);

  /* Onto a config that holds lists: they are replaced, not leaked. */
  mobed_config_init_defaults (&c);
  mobed_config_copy (&copy, &c);
  assert_config_equal (&copy, &c);
  assert_words (copy.focus, "");
  mobed_config_copy (&copy, &copy);       /* onto itself: nothing changes */
  assert_config_equal (&copy, &c);

  /* A copy of a config that only ever was zeroed is zeroed too. */
  mobed_config_copy (&copy, &never_filled);
  g_assert_null (copy.focus);
  g_assert_null (copy.exclude);
  g_assert_null (copy.work_hours);
}

/* A reload that fails whole keeps the lists as they were, and a later good
 * one replaces them. */
static void
test_failed_reload_keeps_lists (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[drills]\nfocus=neck-pain\nexclude=wrist-circles,neck-circles\n"
                 "[schedule]\nwork-hours=08:00-16:00\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));

  write_conf (f, "[drills\nfocus=typists\n");
  g_assert_false (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_words (c.focus, "neck-pain");
  assert_words (c.exclude, "wrist-circles;neck-circles");
  g_assert_cmpstr (c.work_hours, ==, "08:00-16:00");

  write_conf (f, "[drills]\nfocus=typists\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  assert_words (c.focus, "typists");
  assert_words (c.exclude, "");
  g_assert_cmpstr (c.work_hours, ==, "");
  g_assert_cmpuint (f->warnings->len, ==, 0);
}

static void
test_unknown_keys_and_groups (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[schedule]\nintervall=5m\ninterval=5m\n[sceduel]\nx=1\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.interval_s, ==, 300);
  g_assert_true (has_warning (f, "unknown key 'intervall'", "[schedule]"));
  g_assert_true (has_warning (f, "unknown group [sceduel]", NULL));
  g_assert_cmpuint (f->warnings->len, ==, 2);
}

/* A slip of the fingers gets the name it was meant to be; a key in the
 * wrong group gets its group; a word far from any gets no guess. */
static void
test_unknown_suggests (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[schedul]\ninterval=5m\n[schedule]\nintervall=5m\nsound=false\n"
                 "frobnicate=1\n[goals]\ndayly=3\n[zzzzzz]\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_true (has_warning (f, "unknown group [schedul] (did you mean [schedule]?); ignored",
                              NULL));
  g_assert_true (has_warning (f, "[schedule] unknown key 'intervall' (did you mean 'interval'?)",
                              NULL));
  g_assert_true (has_warning (f, "[schedule] unknown key 'sound' (it belongs in [notify])", NULL));
  g_assert_true (has_warning (f, "[schedule] unknown key 'frobnicate'; ignored", NULL));
  g_assert_true (has_warning (f, "[goals] unknown key 'dayly' (did you mean 'daily'?)", NULL));
  g_assert_true (has_warning (f, "unknown group [zzzzzz]; ignored", NULL));
  g_assert_cmpuint (f->warnings->len, ==, 6);
}

static void
test_not_a_key_file (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_auto(MobedConfig) before = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  c.interval_s = 99;
  mobed_config_copy (&before, &c);
  write_conf (f, "this is not\x01\x02 a key file\n[[[\n");
  g_assert_false (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, f->path));
  assert_config_equal (&c, &before);
}

static void
test_unreadable (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_auto(MobedConfig) before = { 0 };
  g_autoptr(GError) error = NULL;

  /* A directory where the file should be: fails even as root. */
  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);
  mobed_config_init_defaults (&c);
  mobed_config_copy (&before, &c);
  g_assert_false (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_nonnull (error);
  assert_config_equal (&c, &before);
  g_rmdir (f->path);
}

static void
test_shipped_config (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_auto(MobedConfig) defaults = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *shipped = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                    "mobed.conf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *uncommented = NULL;
  g_autoptr(GRegex) re = g_regex_new ("^#([a-z-]+=)", G_REGEX_MULTILINE, 0, NULL);

  /* As shipped, every key is commented out: loading gives the defaults. */
  mobed_config_init_defaults (&defaults);
  mobed_config_copy (&c, &defaults);
  g_assert_true (mobed_config_load (&c, shipped, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  assert_config_equal (&c, &defaults);

  /* Uncommented, each documented default must be a known key with the
   * value the code uses, so the file cannot drift from the code. */
  g_assert_true (g_file_get_contents (shipped, &text, NULL, NULL));
  uncommented = g_regex_replace (re, text, -1, 0, "\\1", 0, NULL);
  write_conf (f, uncommented);
  c.interval_s = 1;
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  /* focus and exclude are empty by default; the file shows examples. */
  assert_words (c.focus, "neck-pain;wrists-forearms");
  assert_words (c.exclude, "wide-arm-circles");
  g_strfreev (c.focus);
  g_strfreev (c.exclude);
  c.focus = g_strdupv (defaults.focus);
  c.exclude = g_strdupv (defaults.exclude);
  assert_config_equal (&c, &defaults);
  g_assert_nonnull (strstr (uncommented, "\ninterval=15m"));
  g_assert_nonnull (strstr (uncommented, "\ndaily=8"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/config/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("defaults", test_defaults);
  ADD ("missing-file", test_missing_file);
  ADD ("copy-and-clear", test_copy_and_clear);
  ADD ("failed-reload-keeps-lists", test_failed_reload_keeps_lists);
  ADD ("unknown-keys-and-groups", test_unknown_keys_and_groups);
  ADD ("unknown-suggests", test_unknown_suggests);
  ADD ("not-a-key-file", test_not_a_key_file);
  ADD ("unreadable", test_unreadable);
  ADD ("shipped-config", test_shipped_config);
  return g_test_run ();
}

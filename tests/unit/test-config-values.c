/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-config-values.c — mobed.conf key by key: good values load, and a bad
 * one becomes a warning naming file, group and key while that key keeps its
 * previous value (not the default).
 */
#include <glib/gstdio.h>
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "core/idle.h"
#include "config-test-util.h"

/* Walks: on by default, 0 or off turns them off, and a value out of range
 * or not a duration keeps the one before with a warning naming it. */
static void
test_walks (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  g_assert_cmpuint (c.walk_every_s, ==, 3600);
  g_assert_cmpuint (c.walk_length_s, ==, 300);

  write_conf (f, "[schedule]\nwalk-every=0\nwalk-length=10m\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  g_assert_cmpuint (c.walk_every_s, ==, 0);
  g_assert_cmpuint (c.walk_length_s, ==, 600);

  write_conf (f, "[schedule]\nwalk-every=45m\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.walk_every_s, ==, 45 * 60);
  g_assert_cmpuint (c.walk_length_s, ==, 300);      /* left out: the default */

  write_conf (f, "[schedule]\nwalk-every=off\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.walk_every_s, ==, 0);

  c.walk_every_s = 1800;
  c.walk_length_s = 120;
  write_conf (f, "[schedule]\nwalk-every=5m\nwalk-length=2h\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.walk_every_s, ==, 1800);
  g_assert_cmpuint (c.walk_length_s, ==, 120);
  g_assert_true (has_warning (f, "[schedule] walk-every", "out of range (10m to 1d)"));
  g_assert_true (has_warning (f, "[schedule] walk-every", "keeping 30m"));
  g_assert_true (has_warning (f, "[schedule] walk-length", "out of range"));
  g_assert_cmpuint (f->warnings->len, ==, 2);

  g_ptr_array_set_size (f->warnings, 0);
  c.walk_every_s = 0;
  write_conf (f, "[schedule]\nwalk-every=never\nwalk-length=0\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.walk_every_s, ==, 0);
  g_assert_true (has_warning (f, "[schedule] walk-every", "keeping off"));
  g_assert_true (has_warning (f, "[schedule] walk-length", "zero"));
  g_assert_cmpuint (f->warnings->len, ==, 2);
}

static void
test_good_values (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  write_conf (f, "# comment\n[schedule]\ninterval=2s\nbreak-length=1m\nsnooze=1:30\n"
                 "expire-after=20m\nnatural-break=3m\n[notify]\nsound=false\n"
                 "[goals]\ndaily=12\n");
  mobed_config_init_defaults (&c);
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  g_assert_cmpuint (c.interval_s, ==, 2);
  g_assert_cmpuint (c.break_length_s, ==, 60);
  g_assert_cmpuint (c.snooze_s, ==, 5400);
  g_assert_cmpuint (c.expire_after_s, ==, 1200);
  g_assert_cmpuint (c.natural_break_s, ==, 180);
  g_assert_false (c.sound);
  g_assert_cmpuint (c.daily_goal, ==, 12);
}

/* A bad value keeps the previous one, not the default: the user's last
 * good setting survives a typo made while editing. */
static void
test_bad_values_keep_previous (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  c.interval_s = 600;
  c.snooze_s = 120;
  c.sound = FALSE;
  c.daily_goal = 5;
  write_conf (f, "[schedule]\ninterval=banana\nsnooze=0s\nbreak-length=20m\n"
                 "expire-after=-3m\n[notify]\nsound=maybe\n[goals]\ndaily=1000\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.interval_s, ==, 600);
  g_assert_cmpuint (c.snooze_s, ==, 120);
  g_assert_cmpuint (c.break_length_s, ==, 45);
  g_assert_cmpuint (c.expire_after_s, ==, 600);
  g_assert_false (c.sound);
  g_assert_cmpuint (c.daily_goal, ==, 5);
  g_assert_true (has_warning (f, "[schedule] interval", "'banana'"));
  g_assert_true (has_warning (f, "[schedule] interval", "keeping 10m"));
  g_assert_true (has_warning (f, "[schedule] snooze", "zero"));
  g_assert_true (has_warning (f, "[schedule] break-length", "out of range"));
  g_assert_true (has_warning (f, "[schedule] expire-after", "negative"));
  g_assert_true (has_warning (f, "[notify] sound", "'maybe'"));
  g_assert_true (has_warning (f, "[goals] daily", "'1000'"));
  g_assert_cmpuint (f->warnings->len, ==, 6);
}

/* Each source can be forced by name; anything else is a warning that
 * lists the names, and the setting before stays. */
static void
test_idle_source (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  g_assert_cmpuint (c.idle_source, ==, MOBED_IDLE_AUTO);
  for (guint i = 0; i < MOBED_IDLE_N_KINDS; i++)
    {
      g_autofree char *text = g_strdup_printf ("[presence]\nidle-source= %s \n",
                                               mobed_idle_kind_names[i]);
      write_conf (f, text);
      g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
      g_assert_cmpuint (f->warnings->len, ==, 0);
      g_assert_cmpuint (c.idle_source, ==, i);
    }

  c.idle_source = MOBED_IDLE_X11;
  write_conf (f, "[presence]\nidle-source=Mutter\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.idle_source, ==, MOBED_IDLE_X11);
  g_assert_true (has_warning (f, "[presence] idle-source", "'Mutter' is not one of auto, mutter, "
                                 "screensaver, wayland, x11, logind, none; keeping x11"));
  write_conf (f, "[presence]\nidle-source=\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.idle_source, ==, MOBED_IDLE_X11);
  g_assert_true (has_warning (f, "[presence] idle-source", "'' is not one of"));
  write_conf (f, "[presence]\nidle-source=x11,logind\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.idle_source, ==, MOBED_IDLE_X11);
  g_assert_cmpuint (f->warnings->len, ==, 3);
  /* Left out, it is back to auto. */
  write_conf (f, "[presence]\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.idle_source, ==, MOBED_IDLE_AUTO);
}

static void
test_drills_group (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  g_assert_cmpuint (c.settings, ==, MOBED_SETTING_SEATED | MOBED_SETTING_STANDING);
  assert_words (c.focus, "");
  assert_words (c.exclude, "");
  write_conf (f, "[drills]\nsettings=seated; floor , doorway\nfocus=neck-pain,typists;\n"
                 "exclude= wrist-circles \n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  g_assert_cmpuint (c.settings, ==, MOBED_SETTING_SEATED | MOBED_SETTING_FLOOR
                                    | MOBED_SETTING_DOORWAY);
  assert_words (c.focus, "neck-pain;typists");
  assert_words (c.exclude, "wrist-circles");

  /* Bad lists keep the previous value, each with its own warning. */
  write_conf (f, "[drills]\nsettings=seated,couch\nfocus=Neck Pain\nexclude=,\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.settings, ==, MOBED_SETTING_SEATED | MOBED_SETTING_FLOOR
                                    | MOBED_SETTING_DOORWAY);
  assert_words (c.focus, "neck-pain;typists");
  assert_words (c.exclude, "");                 /* an empty list is a valid "none" */
  g_assert_true (has_warning (f, "[drills] settings", "'couch'"));
  g_assert_true (has_warning (f, "[drills] focus", "'Neck Pain'"));
  g_assert_cmpuint (f->warnings->len, ==, 2);

  g_ptr_array_set_size (f->warnings, 0);
  write_conf (f, "[drills]\nsettings=\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_true (has_warning (f, "[drills] settings", "no setting"));
}

static void
test_work_hours (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  g_assert_cmpuint (c.work_days, ==, 0x7f);
  g_assert_cmpstr (c.work_hours, ==, "");
  write_conf (f, "[schedule]\nwork-days=Mon-Fri\nwork-hours= 9:00-12:00 , 13:00-17:30\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_true (has_warning (f, "[schedule] work-hours", "'9:00-12:00'"));
  g_ptr_array_set_size (f->warnings, 0);
  write_conf (f, "[schedule]\nwork-days=Mon-Fri\nwork-hours=09:00-12:00, 13:00-17:30\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  g_assert_cmpuint (c.work_days, ==, 0x1f);
  g_assert_cmpstr (c.work_hours, ==, "09:00-12:00,13:00-17:30");
  write_conf (f, "[schedule]\nwork-days=Someday\nwork-hours=17:00-09:00\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.work_days, ==, 0x1f);                 /* kept */
  g_assert_cmpstr (c.work_hours, ==, "09:00-12:00,13:00-17:30");
  g_assert_true (has_warning (f, "[schedule] work-days", "'Someday'"));
  g_assert_true (has_warning (f, "[schedule] work-hours", "ends before it starts"));
}

static void
test_presence (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  g_assert_cmpuint (c.max_defer_s, ==, 90 * 60);
  g_assert_true (c.respect_dnd);
  g_assert_true (c.defer_fullscreen);
  g_assert_true (c.defer_camera);
  g_assert_true (c.defer_microphone);
  g_assert_true (c.defer_screen_share);
  write_conf (f, "[presence]\nmax-defer=2s\nrespect-dnd=false\ndefer-fullscreen=false\n"
                 "defer-camera=false\ndefer-microphone=false\ndefer-screen-share=false\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  g_assert_cmpuint (c.max_defer_s, ==, 2);
  g_assert_false (c.respect_dnd);
  g_assert_false (c.defer_fullscreen);
  g_assert_false (c.defer_camera);
  g_assert_false (c.defer_microphone);
  g_assert_false (c.defer_screen_share);

  /* Bad values keep what was there, each with its own warning. */
  write_conf (f, "[presence]\nmax-defer=25h\nrespect-dnd=yes\ndefer-fullscreen=1\n"
                 "defer-camera=\ndefer-microphone=on\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.max_defer_s, ==, 2);
  g_assert_false (c.defer_microphone);
  g_assert_true (has_warning (f, "[presence] defer-microphone", "'on' is not true or false"));
  g_assert_false (c.respect_dnd);
  g_assert_false (c.defer_fullscreen);
  g_assert_false (c.defer_camera);
  g_assert_true (has_warning (f, "[presence] max-defer", "out of range (1s to 1d)"));
  g_assert_true (has_warning (f, "[presence] respect-dnd", "'yes' is not true or false"));
  g_assert_true (has_warning (f, "[presence] defer-fullscreen", "keeping false"));
  g_assert_true (has_warning (f, "[presence] defer-camera", "is not true or false"));
  g_assert_cmpuint (f->warnings->len, ==, 5);

  g_ptr_array_set_size (f->warnings, 0);
  write_conf (f, "[presence]\nmax-defer=0s\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.max_defer_s, ==, 2);
  g_assert_true (has_warning (f, "[presence] max-defer", "keeping 2s"));
  /* Keys left out go back to their defaults. */
  g_assert_true (c.respect_dnd);
  g_assert_true (c.defer_camera);
  g_assert_true (c.defer_screen_share);
}

/* [drills] @key= a list of @n words, the last of them "tag-last". */
static char *
word_list (const char *key, guint n)
{
  g_autoptr(GString) text = g_string_new ("[drills]\n");

  g_string_append_printf (text, "%s=", key);
  for (guint i = 0; i + 1 < n; i++)
    g_string_append_printf (text, "tag-%u,", i);
  g_string_append (text, "tag-last\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Up to MOBED_CONFIG_LIST_MAX words load; one more is a warning naming the
 * key, and the list before stays. */
static void
test_long_list (Fixture *f, gconstpointer data)
{
  const char *const keys[] = { "focus", "exclude" };

  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_auto(MobedConfig) c = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *most = word_list (keys[k], MOBED_CONFIG_LIST_MAX);
      g_autofree char *too_many = word_list (keys[k], MOBED_CONFIG_LIST_MAX + 1);
      g_autofree char *kept = g_strdup_printf ("[drills]\n%s=neck-pain\n", keys[k]);
      g_autofree char *key = g_strdup_printf ("[drills] %s", keys[k]);
      g_autofree char *why = g_strdup_printf ("more than %d words; keeping neck-pain",
                                              MOBED_CONFIG_LIST_MAX);
      GStrv *list;

      mobed_config_init_defaults (&c);
      list = k == 0 ? &c.focus : &c.exclude;
      write_conf (f, most);
      g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
      g_assert_cmpuint (f->warnings->len, ==, 0);
      g_assert_cmpuint (g_strv_length (*list), ==, MOBED_CONFIG_LIST_MAX);
      g_assert_cmpstr ((*list)[MOBED_CONFIG_LIST_MAX - 1], ==, "tag-last");

      write_conf (f, kept);
      g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
      write_conf (f, too_many);
      g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
      assert_words (*list, "neck-pain");
      g_assert_true (has_warning (f, key, why));
      g_assert_cmpuint (f->warnings->len, ==, 1);
      g_ptr_array_set_size (f->warnings, 0);
    }
}

/* Durations as people write them, in any language mobed speaks: the file
 * reads the same whatever the daemon's locale. */
static void
test_duration_words (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[schedule]\ninterval=20 minutes\nsnooze=5 Minuten\nexpire-after=1.5h\n"
                 "natural-break=1 min 30 s\n[presence]\nmax-defer=1 hour and 30 minutes\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (f->warnings->len, ==, 0);
  g_assert_cmpuint (c.interval_s, ==, 1200);
  g_assert_cmpuint (c.snooze_s, ==, 300);
  g_assert_cmpuint (c.expire_after_s, ==, 5400);
  g_assert_cmpuint (c.natural_break_s, ==, 90);
  g_assert_cmpuint (c.max_defer_s, ==, 5400);
}

/* A negative count is out of range, not "not a whole number". */
static void
test_negative_count (Fixture *f, gconstpointer data)
{
  g_auto(MobedConfig) c = { 0 };
  g_autoptr(GError) error = NULL;

  mobed_config_init_defaults (&c);
  write_conf (f, "[goals]\ndaily=-3\n");
  g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
  g_assert_cmpuint (c.daily_goal, ==, 8);
  g_assert_true (has_warning (f, "[goals] daily: '-3' is out of range (1 to 100); keeping 8",
                              NULL));
  g_assert_cmpuint (f->warnings->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/config/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("walks", test_walks);
  ADD ("good-values", test_good_values);
  ADD ("bad-values-keep-previous", test_bad_values_keep_previous);
  ADD ("negative-count", test_negative_count);
  ADD ("duration-words", test_duration_words);
  ADD ("drills-group", test_drills_group);
  ADD ("presence", test_presence);
  ADD ("idle-source", test_idle_source);
  ADD ("long-list", test_long_list);
  ADD ("work-hours", test_work_hours);
  return g_test_run ();
}

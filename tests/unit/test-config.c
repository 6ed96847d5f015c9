/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-config.c — mobed.conf loading: defaults, good values, and every kind
 * of bad input, which must become a warning naming file, group and key while
 * that key keeps its previous value.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "core/idle.h"
#include "core/message.h"

typedef struct {
  char      *dir;
  char      *path;
  GPtrArray *warnings;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("mobed-config-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "mobed.conf", NULL);
  f->warnings = g_ptr_array_new_with_free_func (g_free);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->warnings);
}

static void
write_conf (Fixture *f, const char *text)
{
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
}

static gboolean
has_warning (Fixture *f, const char *a, const char *b)
{
  for (guint i = 0; i < f->warnings->len; i++)
    {
      const char *w = f->warnings->pdata[i];
      if (strstr (w, f->path) && strstr (w, a) && (b == NULL || strstr (w, b)))
        return TRUE;
    }
  return FALSE;
}

/* The words of @list, none for "": a list spelt as the file would. */
static void
assert_words (GStrv list, const char *expected)
{
  g_auto(GStrv) want = g_regex_split_simple (";", expected, 0, 0);

  g_assert_nonnull (list);                /* none is an empty vector */
  if (*expected == '\0')
    g_assert_cmpuint (g_strv_length (list), ==, 0);
  else
    g_assert_cmpstrv (list, want);
}

/* No focus, no exclusions, all day: the defaults of the owned fields. */
static void
assert_lists_default (const MobedConfig *c)
{
  assert_words (c->focus, "");
  assert_words (c->exclude, "");
  g_assert_cmpstr (c->work_hours, ==, "");
}

/* Field by field: the struct has padding that memcmp would compare too. */
static void
assert_config_equal (const MobedConfig *a, const MobedConfig *b)
{
  g_assert_cmpuint (a->interval_s, ==, b->interval_s);
  g_assert_cmpuint (a->break_length_s, ==, b->break_length_s);
  g_assert_cmpuint (a->snooze_s, ==, b->snooze_s);
  g_assert_cmpuint (a->expire_after_s, ==, b->expire_after_s);
  g_assert_cmpuint (a->natural_break_s, ==, b->natural_break_s);
  g_assert_cmpint (a->sound, ==, b->sound);
  g_assert_cmpuint (a->daily_goal, ==, b->daily_goal);
  g_assert_cmpuint (a->settings, ==, b->settings);
  g_assert_cmpstrv (a->focus, b->focus);
  g_assert_cmpstrv (a->exclude, b->exclude);
  g_assert_cmpint (a->escalate, ==, b->escalate);
  g_assert_cmpuint (a->max_defer_s, ==, b->max_defer_s);
  g_assert_cmpint (a->respect_dnd, ==, b->respect_dnd);
  g_assert_cmpint (a->defer_fullscreen, ==, b->defer_fullscreen);
  g_assert_cmpint (a->defer_camera, ==, b->defer_camera);
  g_assert_cmpint (a->defer_microphone, ==, b->defer_microphone);
  g_assert_cmpint (a->defer_screen_share, ==, b->defer_screen_share);
  g_assert_cmpuint (a->idle_source, ==, b->idle_source);
  g_assert_cmpuint (a->work_days, ==, b->work_days);
  g_assert_cmpstr (a->work_hours, ==, b->work_hours);
  g_assert_cmpuint (a->walk_every_s, ==, b->walk_every_s);
  g_assert_cmpuint (a->walk_length_s, ==, b->walk_length_s);
}

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

/* Every warning and error a hostile file makes is valid UTF-8 and short. */
static void
assert_readable (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, MOBED_MESSAGE_MAX);
}

static void
assert_warnings_readable (Fixture *f)
{
  for (guint i = 0; i < f->warnings->len; i++)
    assert_readable (f->warnings->pdata[i]);
}

static char *
repeat (char c, gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

/* Files that are not key files at all: refused whole, config untouched,
 * and the error short whatever the file held. */
static void
test_hostile_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree char *long_line = repeat ('x', 1 << 20);
  guint8 garbage[8192];
  g_auto(MobedConfig) c = { 0 };
  g_auto(MobedConfig) before = { 0 };

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;

      if (round == 0)
        g_assert_true (g_file_set_contents (f->path, (const char *) garbage, sizeof garbage, NULL));
      else
        write_conf (f, long_line);
      mobed_config_clear (&c);
      mobed_config_init_defaults (&c);
      c.snooze_s = 77;
      mobed_config_copy (&before, &c);
      g_assert_false (mobed_config_load (&c, f->path, f->warnings, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, f->path));
      assert_readable (error->message);
      assert_config_equal (&c, &before);
    }
}

/* Key files with hostile contents, one bad line at a time: the key keeps
 * its value and says so in a short warning; a good key beside it loads. */
static void
test_hostile_values (Fixture *f, gconstpointer data)
{
  g_autofree char *megabyte = repeat ('5', 1 << 20);
  g_autofree char *long_name = repeat ('k', 1 << 20);
  g_autofree char *mb_days = g_strconcat ("work-days=", megabyte, NULL);
  g_autofree char *mb_interval = g_strconcat ("interval=", megabyte, "m", NULL);
  g_autofree char *mb_key = g_strconcat (long_name, "=1", NULL);
  g_autofree char *mb_group = g_strconcat ("[", long_name, "]\nx=1", NULL);
  g_autofree char *long_list = NULL;
  const struct { const char *line; const char *warning; } bad[] = {
    /* huge */
    { "interval=99999999999999999999999h", "] interval:" },
    { mb_interval, "] interval:" },
    { "snooze=367d", "] snooze:" },
    { "expire-after=18446744073709551615s", "] expire-after:" },
    { "daily=18446744073709551616", "] daily:" },
    { "daily=100000", "] daily:" },
    { mb_days, "] work-days:" },
    { NULL /* long_list */, "] exclude:" },
    { mb_key, "unknown key 'kkkk" },
    { mb_group, "unknown group [kkkk" },
    /* wrong types */
    { "sound=1", "] sound:" },
    { "escalate=yes", "] escalate:" },
    { "natural-break=true", "] natural-break:" },
    { "break-length=45", "] break-length:" },
    { "daily=8.5", "] daily:" },
    { "daily=-1", "] daily:" },
    { "daily=eight", "] daily:" },
    { "settings=42", "] settings:" },
    { "focus=Neck Pain", "] focus:" },
    { "work-days=7", "] work-days:" },
    { "work-hours=banana", "] work-hours:" },
    { "max-defer=[1,2]", "] max-defer:" },
    /* not text */
    { "exclude=\xff\xfe\x80", "] exclude:" },
    { "sound=tr\xc3", "] sound:" },
  };
  const char *groups[] = { "schedule", "notify", "goals", "drills", "presence" };
  g_auto(MobedConfig) defaults = { 0 };

  /* A thousand drill ids: longer than a list may be. */
  {
    g_autoptr(GString) list = g_string_new ("exclude=");
    for (guint i = 0; i < 1000; i++)
      g_string_append_printf (list, "%sdrill-%u", i ? "," : "", i);
    long_list = g_string_free (g_steal_pointer (&list), FALSE);
  }
  mobed_config_init_defaults (&defaults);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *line = bad[i].line != NULL ? bad[i].line : long_list;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_auto(MobedConfig) c = { 0 };

      /* The line in every group: it is a known key in one of them. The
       * good key is a different one in each round. */
      for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
        g_string_append_printf (text, "[%s]\n%s\n", groups[g], line);
      g_string_append (text, g_str_has_prefix (line, "daily") ? "[notify]\nsound=false\n"
                                                               : "[goals]\ndaily=3\n");
      write_conf (f, text->str);
      g_ptr_array_set_size (f->warnings, 0);
      mobed_config_init_defaults (&c);
      g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
      g_assert_no_error (error);
      assert_warnings_readable (f);
      if (!has_warning (f, bad[i].warning, NULL))
        g_error ("no warning %s for a line starting '%.40s'", bad[i].warning, line);
      /* A megabyte quoted back is cut short, not dropped. */
      if (strlen (line) > 100000)
        g_assert_true (has_warning (f, bad[i].warning, "…"));
      if (g_str_has_prefix (line, "daily"))
        {
          g_assert_false (c.sound);
          c.sound = defaults.sound;
        }
      else
        {
          g_assert_cmpuint (c.daily_goal, ==, 3);
          c.daily_goal = defaults.daily_goal;
        }
      assert_config_equal (&c, &defaults);
    }
}

static void
test_message_text (Fixture *f, gconstpointer data)
{
  g_autofree char *short_text = mobed_message_text ("fine: ok");
  g_autofree char *bad_bytes = mobed_message_text ("a\xff" "b");
  g_autofree char *exact = repeat ('e', MOBED_MESSAGE_MAX);
  g_autofree char *exact_copy = mobed_message_text (exact);
  g_autofree char *huge = repeat ('h', 1 << 20);
  g_autofree char *huge_cut = mobed_message_text (huge);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autofree char *wide_cut = NULL;

  g_assert_cmpstr (short_text, ==, "fine: ok");
  g_assert_cmpstr (bad_bytes, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (exact_copy, ==, exact);
  g_assert_cmpuint (g_utf8_strlen (huge_cut, -1), ==, MOBED_MESSAGE_MAX);
  g_assert_true (g_str_has_suffix (huge_cut, "hh…"));
  /* Cut between characters, never inside one. */
  for (guint i = 0; i < MOBED_MESSAGE_MAX; i++)
    g_string_append (wide, "ü€");
  wide_cut = mobed_message_text (wide->str);
  g_assert_true (g_utf8_validate (wide_cut, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (wide_cut, -1), ==, MOBED_MESSAGE_MAX);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/config/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("walks", test_walks);
  ADD ("defaults", test_defaults);
  ADD ("missing-file", test_missing_file);
  ADD ("copy-and-clear", test_copy_and_clear);
  ADD ("failed-reload-keeps-lists", test_failed_reload_keeps_lists);
  ADD ("good-values", test_good_values);
  ADD ("bad-values-keep-previous", test_bad_values_keep_previous);
  ADD ("unknown-keys-and-groups", test_unknown_keys_and_groups);
  ADD ("unknown-suggests", test_unknown_suggests);
  ADD ("negative-count", test_negative_count);
  ADD ("duration-words", test_duration_words);
  ADD ("drills-group", test_drills_group);
  ADD ("presence", test_presence);
  ADD ("idle-source", test_idle_source);
  ADD ("long-list", test_long_list);
  ADD ("work-hours", test_work_hours);
  ADD ("not-a-key-file", test_not_a_key_file);
  ADD ("unreadable", test_unreadable);
  ADD ("shipped-config", test_shipped_config);
  ADD ("hostile-files", test_hostile_files);
  ADD ("hostile-values", test_hostile_values);
  ADD ("message-text", test_message_text);
  return g_test_run ();
}

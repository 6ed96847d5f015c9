/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-catalog.c — drills.ini loading: the shipped catalog is clean, a user
 * file overrides or extends the shipped one, translations follow the
 * user's language, pictures are found or reported, and a catalog of ten
 * thousand drills still loads and picks. Broken drills and hostile files:
 * test-catalog-malformed.c.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "core/picker.h"
#include "catalog-test-util.h"

static char *
shipped_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "drills.ini", NULL);
}

static void
test_shipped (Fixture *f, gconstpointer data)
{
  g_autofree char *shipped = shipped_path ();
  const MobedDrill *d;
  guint regions = 0, settings = 0;

  load_ok (f, shipped);
  print_problems (f);
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 21);

  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      d = mobed_catalog_nth (f->catalog, i);
      g_assert_true (mobed_catalog_find (f->catalog, d->id) == d);
      g_assert_nonnull (d->name);
      g_assert_nonnull (d->summary);
      g_assert_cmpuint (g_strv_length (d->steps), >=, 2);
      g_assert_cmpuint (g_strv_length (d->steps), <=, 6);
      g_assert_cmpuint (d->regions, !=, 0);
      g_assert_cmpuint (d->settings, !=, 0);
      g_assert_cmpuint (d->reps_small, <=, d->reps_focus);
      g_assert_true (!d->each_way || d->per_side);
      regions |= d->regions;
      settings |= d->settings;
    }
  /* The picker spreads breaks over the whole body, from every setting. */
  g_assert_cmpuint (regions, ==, (1u << MOBED_REGION_COUNT) - 1);
  g_assert_cmpuint (settings, ==, (1u << MOBED_SETTING_COUNT) - 1);

  d = mobed_catalog_find (f->catalog, "neck-circles");
  g_assert_nonnull (d);
  g_assert_cmpstr (d->name, ==, "Neck circles");
  g_assert_cmpuint (d->regions, ==, MOBED_REGION_NECK);
  g_assert_cmpuint (d->settings, ==, MOBED_SETTING_SEATED | MOBED_SETTING_STANDING);
  g_assert_true (d->per_side);
  g_assert_true (d->each_way);
  g_assert_cmpuint (d->reps_small, ==, 8);
  g_assert_cmpuint (d->reps_focus, ==, 40);
  g_assert_cmpuint (d->seconds_per_rep, ==, 3);
  g_assert_cmpuint (g_strv_length (d->steps), ==, 5);
  g_assert_true (mobed_drill_has_tag (d, "neck-pain"));
  g_assert_true (mobed_drill_has_tag (d, "headaches"));
  g_assert_false (mobed_drill_has_tag (d, "neck"));

  g_assert_nonnull (strstr (d->caution, "dizzy"));

  /* The drills with a known risk carry a caution; the rest carry none. */
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      const char *const careful[] = { "neck-circles", "neck-flexors", "abdominal-lift",
                                      "forward-bend", "deep-gluteal", "iliopsoas",
                                      "iliotibial-band", NULL };
      d = mobed_catalog_nth (f->catalog, i);
      g_assert_cmpint (d->caution != NULL, ==, g_strv_contains (careful, d->id));
    }

  d = mobed_catalog_find (f->catalog, "abdominal-lift");
  g_assert_nonnull (d);
  g_assert_nonnull (strstr (d->caution, "pregnant"));
  g_assert_cmpuint (d->reps_small, ==, 3);
  g_assert_false (d->per_side);
  g_assert_false (d->each_way);
  g_assert_null (mobed_catalog_find (f->catalog, "no-such-drill"));

  /* Every shipped drill names its picture, by id; mobed_catalog_load
   * leaves it as written (mobed_catalog_load_full checks the file). */
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      g_autofree char *want = NULL;

      d = mobed_catalog_nth (f->catalog, i);
      want = g_strconcat (d->id, ".svg", NULL);
      g_assert_cmpstr (d->picture, ==, want);
    }
}

#define TINY_SVG "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>\n"

/* The loader finds a picture by file name in the picture folder or by
 * absolute path, and keeps the absolute path; one that cannot be read is
 * one problem naming the catalog, the drill and the file, and the drill
 * loads all the same, without a picture. */
static void
test_pictures (Fixture *f, gconstpointer data)
{
  g_autofree char *pictures = g_build_filename (f->dir, "pictures", NULL);
  g_autofree char *named = g_build_filename (pictures, "named.svg", NULL);
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere.svg", NULL);
  g_autofree char *missing = g_build_filename (pictures, "gone.svg", NULL);
  g_autofree char *extra_abs = g_strdup_printf ("picture=%s\n", elsewhere);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const MobedDrill *d;

  g_assert_cmpint (g_mkdir (pictures, 0700), ==, 0);
  g_assert_true (g_file_set_contents (named, TINY_SVG, -1, NULL));
  g_assert_true (g_file_set_contents (elsewhere, TINY_SVG, -1, NULL));
  append_drill (text, "by-name", NULL, NULL, "picture=named.svg\n");
  append_drill (text, "by-path", NULL, NULL, extra_abs);
  append_drill (text, "gone", NULL, NULL, "picture=gone.svg\n");
  append_drill (text, "folder", NULL, NULL, "picture=.\n");
  append_drill (text, "none", NULL, NULL, NULL);
  write_ini (f, text->str);

  g_assert_true (mobed_catalog_load_full (f->catalog, f->path, pictures, f->problems, &error));
  g_assert_no_error (error);
  print_problems (f);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 4);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "by-name")->picture, ==, named);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "by-path")->picture, ==, elsewhere);
  g_assert_null (mobed_catalog_find (f->catalog, "none")->picture);
  d = mobed_catalog_find (f->catalog, "gone");
  g_assert_nonnull (d);
  g_assert_null (d->picture);
  g_assert_true (has_problem (f, "gone", "picture", missing));
  g_assert_true (has_problem (f, "gone", "picture", "without a picture"));
  g_assert_true (has_problem (f, "folder", "picture", "not a file name"));
  g_assert_cmpuint (f->problems->len, ==, 2);

  /* A second file replaces a drill and brings its own picture, checked
   * against the same folder; the drills before keep theirs. */
  g_ptr_array_set_size (f->problems, 0);
  text = (g_string_truncate (text, 0), text);
  append_drill (text, "gone", NULL, NULL, "picture=named.svg\n");
  write_ini (f, text->str);
  g_assert_true (mobed_catalog_load_full (f->catalog, f->path, pictures, f->problems, NULL));
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "gone")->picture, ==, named);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "by-path")->picture, ==, elsewhere);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 4);

  g_unlink (named);
  g_unlink (elsewhere);
  g_rmdir (pictures);
}

static void
test_not_a_key_file (Fixture *f, gconstpointer data)
{
  g_autofree char *shipped = shipped_path ();
  g_autoptr(GError) error = NULL;
  const MobedDrill *before;

  load_ok (f, shipped);
  before = mobed_catalog_find (f->catalog, "neck-circles");
  write_ini (f, "this is not\x01\x02 a key file\n[[[\n");
  g_assert_false (mobed_catalog_load (f->catalog, f->path, f->problems, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 21);
  g_assert_true (mobed_catalog_find (f->catalog, "neck-circles") == before);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autofree char *shipped = shipped_path ();
  g_autoptr(GError) error = NULL;

  load_ok (f, shipped);
  g_assert_false (mobed_catalog_load (f->catalog, f->path, f->problems, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 21);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static void
test_user_override (Fixture *f, gconstpointer data)
{
  g_autofree char *shipped = shipped_path ();
  g_autoptr(GString) text = g_string_new (NULL);
  const MobedDrill *d;
  guint index = G_MAXUINT;

  load_ok (f, shipped);
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    if (g_str_equal (mobed_catalog_nth (f->catalog, i)->id, "neck-circles"))
      index = i;
  g_assert_cmpuint (index, <, 21);

  append_drill (text, "neck-circles", "name", "My neck circles", NULL);
  write_ini (f, text->str);
  load_ok (f, f->path);
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 21);
  d = mobed_catalog_find (f->catalog, "neck-circles");
  g_assert_cmpstr (d->name, ==, "My neck circles");
  g_assert_false (d->per_side);                 /* all of it, not just the name */
  g_assert_cmpuint (d->reps_small, ==, 10);
  /* Same place in the list, so listings keep their order. */
  g_assert_true (mobed_catalog_nth (f->catalog, index) == d);

  g_string_truncate (text, 0);
  append_drill (text, "brand-new", NULL, NULL, NULL);
  write_ini (f, text->str);
  load_ok (f, f->path);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 22);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "brand-new")->name, ==, "Good drill");
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "neck-circles")->name, ==,
                   "My neck circles");
}

/* Sets, or with NULL unsets, an environment variable. */
static void
set_env (const char *name, const char *value)
{
  if (value != NULL)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

/* Loads f->path afresh under @language, then puts the environment back. */
static void
load_localized (Fixture *f, const char *language)
{
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *old_lc_all = g_strdup (g_getenv ("LC_ALL"));

  set_env ("LANGUAGE", language);
  set_env ("LC_ALL", NULL);
  mobed_catalog_unref (f->catalog);
  f->catalog = mobed_catalog_new ();
  load_ok (f, f->path);
  set_env ("LANGUAGE", old_language);
  set_env ("LC_ALL", old_lc_all);
}

/* GLib picks the translation from LANGUAGE (then LC_ALL, LC_MESSAGES, LANG)
 * on every lookup, without setlocale, so this needs no installed locale. */
static void
test_localized (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const MobedDrill *d;

  append_drill (text, "translated", NULL, NULL,
                "name[de]=Gute Übung\nsummary[de]=Sanft bewegen.\n"
                "steps[de]=Aufrecht sitzen;Bewegen;Ruhen;Atmen\n");
  write_ini (f, text->str);

  load_localized (f, "de");
  g_assert_cmpuint (f->problems->len, ==, 0);
  d = mobed_catalog_find (f->catalog, "translated");
  g_assert_cmpstr (d->name, ==, "Gute Übung");
  g_assert_cmpstr (d->summary, ==, "Sanft bewegen.");
  g_assert_cmpuint (g_strv_length (d->steps), ==, 4);
  g_assert_cmpstr (d->steps[0], ==, "Aufrecht sitzen");

  load_localized (f, "de_AT.UTF-8");        /* falls back to the language */
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "translated")->name, ==, "Gute Übung");

  load_localized (f, "fr");                  /* no French: the untranslated text */
  d = mobed_catalog_find (f->catalog, "translated");
  g_assert_cmpstr (d->name, ==, "Good drill");
  g_assert_cmpuint (g_strv_length (d->steps), ==, 3);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

/* A caution is optional and follows the user's language like summary. */
static void
test_caution (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_drill (text, "careful", NULL, NULL,
                "caution=Stop if it makes you dizzy.\n"
                "caution[de]=Aufhören, wenn dir schwindlig wird.\n");
  append_drill (text, "plain", NULL, NULL, NULL);
  write_ini (f, text->str);

  load_localized (f, "fr");
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "careful")->caution, ==,
                   "Stop if it makes you dizzy.");
  g_assert_null (mobed_catalog_find (f->catalog, "plain")->caution);

  load_localized (f, "de");
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpstr (mobed_catalog_find (f->catalog, "careful")->caution, ==,
                   "Aufhören, wenn dir schwindlig wird.");
  g_assert_null (mobed_catalog_find (f->catalog, "plain")->caution);
}

static void
test_refcount (Fixture *f, gconstpointer data)
{
  g_autofree char *shipped = shipped_path ();
  MobedCatalog *held;
  const MobedDrill *d;

  load_ok (f, shipped);
  d = mobed_catalog_find (f->catalog, "wrist-circles");
  /* A break holds its catalog across a reload that drops the daemon's. */
  held = mobed_catalog_ref (f->catalog);
  g_assert_true (held == f->catalog);
  g_clear_pointer (&f->catalog, mobed_catalog_unref);
  g_assert_cmpstr (d->name, ==, "Wrist circles");
  g_assert_cmpuint (mobed_catalog_size (held), ==, 21);
  g_assert_true (mobed_catalog_find (held, "wrist-circles") == d);
  mobed_catalog_unref (held);
  mobed_catalog_unref (NULL);                /* like g_object_unref's friends */
}

static void
test_vocabulary (Fixture *f, gconstpointer data)
{
  g_autofree char *regions = mobed_region_names ();
  g_autofree char *settings = mobed_setting_names ();
  g_auto(GStrv) list = mobed_region_list (MOBED_REGION_NECK | MOBED_REGION_BREATHING);
  g_auto(GStrv) none = mobed_setting_list (0);
  guint bit = 0;

  for (guint i = 0; i < MOBED_REGION_COUNT; i++)
    {
      const char *name = mobed_region_name (1u << i);
      g_assert_nonnull (name);
      g_assert_true (mobed_region_parse (name, &bit));
      g_assert_cmpuint (bit, ==, 1u << i);
      g_assert_nonnull (strstr (regions, name));
    }
  for (guint i = 0; i < MOBED_SETTING_COUNT; i++)
    {
      const char *name = mobed_setting_name (1u << i);
      g_assert_true (mobed_setting_parse (name, &bit));
      g_assert_cmpuint (bit, ==, 1u << i);
      g_assert_nonnull (strstr (settings, name));
    }
  g_assert_false (mobed_region_parse ("Neck", &bit));
  g_assert_false (mobed_setting_parse ("couch", &bit));
  g_assert_null (mobed_region_name (MOBED_REGION_NECK | MOBED_REGION_CHEST));
  g_assert_cmpstr (mobed_region_name (MOBED_REGION_WRISTS_FOREARMS), ==, "wrists-forearms");
  g_assert_cmpuint (g_strv_length (list), ==, 2);
  g_assert_cmpstr (list[0], ==, "neck");
  g_assert_cmpstr (list[1], ==, "breathing");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* Ten thousand drills load, every one usable, and the picker still picks
 * from them by the rules: only allowed settings, no repeat in a row. The
 * load time is printed (no limit: the machine is shared). */
static void
test_ten_thousand (Fixture *f, gconstpointer data)
{
  static const char *const regions[] = { "neck", "shoulders", "upper-back", "chest", "low-back",
                                         "hips", "legs", "ankles-feet", "wrists-forearms" };
  static const char *const settings[] = { "seated", "standing", "floor" };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MobedPicker) picker = NULL;
  g_auto(MobedConfig) config = { 0 };
  MobedChoice last = { 0 };
  gint64 t0;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text,
                            "[drill-%05u]\nname=Drill %u\nsummary=Move for drill %u.\n"
                            "steps=Start easy;Keep going\nregions=%s\nsettings=%s\n"
                            "good-for=tag-%u\nreps-small=%u\nreps-focus=20\nper-side=%s\n"
                            "seconds-per-rep=%u\n\n",
                            i, i, i, regions[i % G_N_ELEMENTS (regions)],
                            settings[i % G_N_ELEMENTS (settings)], i % 50, 3 + i % 8,
                            i % 2 ? "true" : "false", 2 + i % 3);
  write_ini (f, text->str);
  t0 = g_get_monotonic_time ();
  load_ok (f, f->path);
  g_test_message ("10,000 drills (%zu bytes) loaded in %.1f ms", text->len,
                  (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 10000);
  g_assert_nonnull (mobed_catalog_find (f->catalog, "drill-09999"));

  mobed_config_init_defaults (&config);
  picker = mobed_picker_new (f->catalog, 7);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 64; i++)
    {
      MobedChoice choice;

      g_assert_true (mobed_picker_pick (picker, &config, 1 + i / 32, FALSE, &choice));
      g_assert_cmpuint (choice.n, >=, 1);
      for (guint j = 0; j < choice.n; j++)
        {
          const MobedDrill *d = mobed_catalog_find (f->catalog, choice.items[j].id);

          g_assert_nonnull (d);
          g_assert_true (d->settings & config.settings);      /* no floor drills */
          g_assert_cmpuint (choice.items[j].reps, >, 0);
          for (guint k = 0; k < last.n; k++)
            g_assert_cmpstr (choice.items[j].id, !=, last.items[k].id);
        }
      last = choice;
    }
  g_test_message ("64 picks from 10,000 drills in %.1f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
}

/* No drills at all: it loads (nothing to warn about) and is empty, which
 * the daemon refuses; a picker on it picks nothing rather than failing. */
static void
test_no_drills (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedPicker) picker = NULL;
  g_auto(MobedConfig) config = { 0 };
  MobedChoice choice;

  write_ini (f, "# nothing here\n\n");
  load_ok (f, f->path);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 0);
  g_assert_cmpuint (f->problems->len, ==, 0);
  mobed_config_init_defaults (&config);
  picker = mobed_picker_new (f->catalog, 7);
  g_assert_false (mobed_picker_pick (picker, &config, 1, FALSE, &choice));
  g_assert_false (mobed_picker_pick (picker, &config, 1, TRUE, &choice));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/catalog/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("shipped", test_shipped);
  ADD ("not-a-key-file", test_not_a_key_file);
  ADD ("missing-file", test_missing_file);
  ADD ("user-override", test_user_override);
  ADD ("localized", test_localized);
  ADD ("caution", test_caution);
  ADD ("pictures", test_pictures);
  ADD ("refcount", test_refcount);
  ADD ("vocabulary", test_vocabulary);
  ADD ("ten-thousand", test_ten_thousand);
  ADD ("no-drills", test_no_drills);
  return g_test_run ();
}

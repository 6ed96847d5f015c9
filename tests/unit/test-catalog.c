/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-catalog.c — drills.ini loading: the shipped catalog is clean, every
 * kind of broken drill becomes one problem naming file, drill and key while
 * the rest of the file still loads, a user file overrides or extends the
 * shipped one, and translations follow the user's language.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "core/message.h"
#include "core/picker.h"

typedef struct {
  char         *dir;
  char         *path;
  GPtrArray    *problems;
  MobedCatalog *catalog;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("mobed-catalog-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "drills.ini", NULL);
  f->problems = g_ptr_array_new_with_free_func (g_free);
  f->catalog = mobed_catalog_new ();
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->problems);
  mobed_catalog_unref (f->catalog);
}

static char *
shipped_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "drills.ini", NULL);
}

static void
write_ini (Fixture *f, const char *text)
{
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
}

static void
load_ok (Fixture *f, const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mobed_catalog_load (f->catalog, path, f->problems, &error));
  g_assert_no_error (error);
}

/* Problems are sentences for people; what matters is that each names the
 * file, the drill and (where there is one) the key, so a user can find it. */
static gboolean
has_problem (Fixture *f, const char *id, const char *key, const char *text)
{
  g_autofree char *drill = g_strdup_printf ("drill '%s'", id);
  g_autofree char *named_key = key ? g_strdup_printf ("key '%s'", key) : NULL;

  for (guint i = 0; i < f->problems->len; i++)
    {
      const char *p = f->problems->pdata[i];
      if (strstr (p, f->path) && strstr (p, drill)
          && (named_key == NULL || strstr (p, named_key))
          && (text == NULL || strstr (p, text)))
        return TRUE;
    }
  return FALSE;
}

static void
print_problems (Fixture *f)
{
  for (guint i = 0; i < f->problems->len; i++)
    g_test_message ("problem: %s", (const char *) f->problems->pdata[i]);
}

/* A valid drill, key by key, so a variant can change or drop one. */
static const char *const good_keys[][2] = {
  { "name", "Good drill" },
  { "summary", "Move gently and easily." },
  { "steps", "Sit tall;Move;Rest" },
  { "regions", "neck;shoulders" },
  { "settings", "seated;standing" },
  { "good-for", "neck-pain" },
  { "reps-small", "10" },
  { "reps-focus", "30" },
  { "per-side", "false" },
  { "seconds-per-rep", "3" },
};

/* @key set to @value, or left out when @value is NULL; @extra appended. */
static void
append_drill (GString *out, const char *id, const char *key, const char *value,
              const char *extra)
{
  g_string_append_printf (out, "[%s]\n", id);
  for (gsize i = 0; i < G_N_ELEMENTS (good_keys); i++)
    {
      if (key == NULL || !g_str_equal (key, good_keys[i][0]))
        g_string_append_printf (out, "%s=%s\n", good_keys[i][0], good_keys[i][1]);
      else if (value != NULL)
        g_string_append_printf (out, "%s=%s\n", key, value);
    }
  if (extra != NULL)
    g_string_append (out, extra);
  g_string_append (out, "\n");
}

typedef struct {
  const char *test;        /* test path under /catalog/malformed/ */
  const char *id;          /* NULL: "broken" */
  const char *key;         /* key changed or (value NULL) left out */
  const char *value;
  const char *extra;       /* raw lines added */
  const char *want_key;    /* the key the problem must name, NULL for the id */
  const char *want_text;
} Variant;

static const Variant variants[] = {
  { "unknown-key", NULL, NULL, NULL, "colour=red\n", "colour", "unknown key" },
  { "unknown-region", NULL, "regions", "neck;elbows", NULL, "regions", "'elbows'" },
  { "unknown-setting", NULL, "settings", "seated;couch", NULL, "settings", "'couch'" },
  { "empty-regions", NULL, "regions", "", NULL, "regions", "empty" },
  { "missing-name", NULL, "name", NULL, NULL, "name", "missing" },
  { "missing-summary", NULL, "summary", NULL, NULL, "summary", "missing" },
  { "missing-steps", NULL, "steps", NULL, NULL, "steps", "missing" },
  { "missing-regions", NULL, "regions", NULL, NULL, "regions", "missing" },
  { "missing-settings", NULL, "settings", NULL, NULL, "settings", "missing" },
  { "missing-good-for", NULL, "good-for", NULL, NULL, "good-for", "missing" },
  { "missing-reps-small", NULL, "reps-small", NULL, NULL, "reps-small", "missing" },
  { "missing-reps-focus", NULL, "reps-focus", NULL, NULL, "reps-focus", "missing" },
  { "missing-per-side", NULL, "per-side", NULL, NULL, "per-side", "missing" },
  { "missing-seconds-per-rep", NULL, "seconds-per-rep", NULL, NULL, "seconds-per-rep",
    "missing" },
  { "reps-not-a-number", NULL, "reps-small", "ten", NULL, "reps-small", "'ten'" },
  { "reps-trailing-junk", NULL, "reps-focus", "30x", NULL, "reps-focus", "'30x'" },
  { "reps-negative", NULL, "reps-small", "-5", NULL, "reps-small", "'-5'" },
  { "reps-small-0", NULL, "reps-small", "0", NULL, "reps-small", "out of range" },
  { "reps-small-101", NULL, "reps-small", "101", NULL, "reps-small", "out of range" },
  { "reps-focus-201", NULL, "reps-focus", "201", NULL, "reps-focus", "out of range" },
  { "seconds-per-rep-0", NULL, "seconds-per-rep", "0", NULL, "seconds-per-rep",
    "out of range" },
  { "seconds-per-rep-61", NULL, "seconds-per-rep", "61", NULL, "seconds-per-rep",
    "out of range" },
  { "per-side-not-boolean", NULL, "per-side", "yes", NULL, "per-side", "'yes'" },
  { "bad-id", "Neck_Circles", NULL, NULL, NULL, NULL, "kebab-case" },
  { "bad-id-trailing-dash", "neck-", NULL, NULL, NULL, NULL, "kebab-case" },
  { "one-step", NULL, "steps", "Only this", NULL, "steps", "1 steps" },
  { "seven-steps", NULL, "steps", "a;b;c;d;e;f;g", NULL, "steps", "7 steps" },
  { "empty-step", NULL, "steps", "Sit;;Rest", NULL, "steps", "empty step" },
  { "blank-step", NULL, "steps", "Sit;  ;Rest", NULL, "steps", "empty step" },
  { "empty-name", NULL, "name", "  ", NULL, "name", "empty" },
  { "long-summary", NULL, "summary",
    "This summary goes on and on well past the length that a one-line cue in a "
    "notification could ever show to anyone at all, and then it keeps going", NULL, "summary", "longer" },
  { "bad-good-for", NULL, "good-for", "neck-pain;Neck Pain", NULL, "good-for",
    "'Neck Pain'" },
  { "each-way-without-per-side", NULL, NULL, NULL, "each-way=true\n", "each-way",
    "per-side" },
  { "translated-regions", NULL, NULL, NULL, "regions[de]=neck\n", "regions[de]",
    "translated" },
  { "translated-reps", NULL, NULL, NULL, "reps-small[de]=5\n", "reps-small[de]",
    "translated" },
  { "duplicated-key", NULL, NULL, NULL, "name=Second name\n", "name", "more than once" },
  /* Translations are checked whatever the language the check runs in. */
  { "empty-translation", NULL, NULL, NULL, "name[de]=\n", "name[de]", "empty" },
  { "one-step-translation", NULL, NULL, NULL, "steps[fr]=Un seul pas\n", "steps[fr]",
    "1 steps" },
  { "long-translated-summary", NULL, NULL, NULL,
    "summary[de]=" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "summary[de]", "longer than" },
  /* caution is optional, but when given it is checked like summary. */
  { "empty-caution", NULL, NULL, NULL, "caution=  \n", "caution", "empty" },
  { "long-caution", NULL, NULL, NULL,
    "caution=" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "caution", "longer than 160" },
  { "caution-not-utf8", NULL, NULL, NULL, "caution=Mind the \xff byte\n", "caution",
    "UTF-8" },
  { "empty-translated-caution", NULL, NULL, NULL, "caution=Go easy.\ncaution[de]=\n",
    "caution[de]", "empty" },
  { "translated-caution-alone", NULL, NULL, NULL, "caution[de]=Vorsicht.\n", "caution[de]",
    "does not have" },
  /* picture is optional, a file name in the picture folder or an absolute path. */
  { "empty-picture", NULL, NULL, NULL, "picture= \n", "picture", "empty" },
  { "picture-in-a-folder", NULL, NULL, NULL, "picture=pics/neck.svg\n", "picture",
    "neither a file name" },
  { "picture-dot-dot", NULL, NULL, NULL, "picture=..\n", "picture", "not a file name" },
  { "translated-picture", NULL, NULL, NULL, "picture=a.svg\npicture[de]=b.svg\n",
    "picture[de]", "translated" },
  { "small-above-focus", NULL, "reps-small", "50", NULL, "reps-small", "more than reps-focus" },
  { "long-id", "a-very-long-drill-id-that-goes-on-and-on-and-on-well-past-the-limit-x",
    NULL, NULL, NULL, NULL, "longer than 63" },
};

/* Each broken drill sits between two good ones: it alone is left out, with
 * exactly one problem, and its neighbours load. */
static void
test_malformed (Fixture *f, gconstpointer data)
{
  const Variant *v = data;
  const char *id = v->id ? v->id : "broken";
  g_autoptr(GString) text = g_string_new ("# a user's drills\n");

  append_drill (text, "good-before", NULL, NULL, NULL);
  append_drill (text, id, v->key, v->value, v->extra);
  append_drill (text, "good-after", NULL, NULL, NULL);
  write_ini (f, text->str);
  load_ok (f, f->path);
  print_problems (f);

  g_assert_true (has_problem (f, id, v->want_key, v->want_text));
  g_assert_cmpuint (f->problems->len, ==, 1);
  g_assert_null (mobed_catalog_find (f->catalog, id));
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 2);
  g_assert_nonnull (mobed_catalog_find (f->catalog, "good-before"));
  g_assert_nonnull (mobed_catalog_find (f->catalog, "good-after"));
}

static void
test_many_broken (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint in_file = 0;

  /* All the variants in one file: each is one problem, the good ones stay. */
  append_drill (text, "good-before", NULL, NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *id = g_strdup_printf ("broken-%" G_GSIZE_FORMAT, i);
      if (variants[i].id == NULL)
        {
          append_drill (text, id, variants[i].key, variants[i].value, variants[i].extra);
          in_file++;
        }
    }
  append_drill (text, "good-after", NULL, NULL, NULL);
  write_ini (f, text->str);
  load_ok (f, f->path);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 2);
  g_assert_cmpuint (f->problems->len, ==, in_file);
  g_assert_true (has_problem (f, "broken-0", "colour", "unknown key"));

  /* Without a problems array the same file loads the same way. */
  mobed_catalog_unref (f->catalog);
  f->catalog = mobed_catalog_new ();
  g_assert_true (mobed_catalog_load (f->catalog, f->path, NULL, NULL));
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 2);
}

static void
test_duplicate_ids (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* GKeyFile would quietly merge the two; neither can be trusted. */
  append_drill (text, "twice", "name", "First", NULL);
  append_drill (text, "good-one", NULL, NULL, NULL);
  append_drill (text, "twice", "name", "Second", NULL);
  write_ini (f, text->str);
  load_ok (f, f->path);
  print_problems (f);
  g_assert_null (mobed_catalog_find (f->catalog, "twice"));
  g_assert_nonnull (mobed_catalog_find (f->catalog, "good-one"));
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 1);
  g_assert_true (has_problem (f, "twice", NULL, "both are left out"));
  g_assert_cmpuint (f->problems->len, ==, 1);
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

/* A hostile file: a megabyte line, a megabyte value, bytes that are not
 * text. Every problem is short and readable, and the good drill loads. */
static void
test_hostile_file (Fixture *f, gconstpointer data)
{
  g_autofree char *megabyte = g_strnfill (1 << 20, 'x');
  g_autofree char *text = g_strconcat (
    "[good]\nname=Good\nsummary=Fine.\nsteps=One;Two\nregions=neck\nsettings=seated\n"
    "good-for=\nreps-small=5\nreps-focus=10\nper-side=false\nseconds-per-rep=3\n\n"
    "[huge]\nname=", megabyte, "\nsummary=", megabyte, "\nsteps=a;b\nregions=", megabyte,
    "\nsettings=seated\ngood-for=\nreps-small=", megabyte, "\nreps-focus=99999999999999999999\n"
    "per-side=maybe\nseconds-per-rep=-1\n", megabyte, "=1\n\n"
    "[bytes]\nname=\xff\xfe\nsummary=ok\nsteps=a;b\nregions=neck\nsettings=seated\n"
    "good-for=\nreps-small=5\nreps-focus=10\nper-side=false\nseconds-per-rep=3\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MobedCatalog) other = mobed_catalog_new ();
  g_autofree char *garbage_line = g_strconcat (megabyte, "\n", NULL);

  write_ini (f, text);
  load_ok (f, f->path);
  g_assert_cmpuint (mobed_catalog_size (f->catalog), ==, 1);
  g_assert_nonnull (mobed_catalog_find (f->catalog, "good"));
  g_assert_true (has_problem (f, "huge", "name", NULL));
  g_assert_true (has_problem (f, "huge", "reps-small", NULL));
  g_assert_true (has_problem (f, "bytes", "name", NULL));
  for (guint i = 0; i < f->problems->len; i++)
    {
      const char *p = f->problems->pdata[i];
      g_assert_true (g_utf8_validate (p, -1, NULL));
      g_assert_cmpuint (g_utf8_strlen (p, -1), <=, MOBED_MESSAGE_MAX);
    }
  /* Not a key file at all: one short error. */
  write_ini (f, garbage_line);
  g_assert_false (mobed_catalog_load (other, f->path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <=, MOBED_MESSAGE_MAX);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/catalog/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("shipped", test_shipped);
  ADD ("many-broken", test_many_broken);
  ADD ("duplicate-ids", test_duplicate_ids);
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
  ADD ("hostile-file", test_hostile_file);
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/catalog/malformed/%s", variants[i].test);
      g_test_add (path, Fixture, &variants[i], setup, test_malformed, teardown);
    }
  return g_test_run ();
}

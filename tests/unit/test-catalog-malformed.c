/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-catalog-malformed.c — drills.ini with broken drills: every kind of
 * mistake in a drill becomes one problem naming file, drill and key while
 * the rest of the file still loads; duplicate ids leave both out; a
 * hostile file gives only short, readable problems.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/message.h"
#include "catalog-test-util.h"

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
  ADD ("many-broken", test_many_broken);
  ADD ("duplicate-ids", test_duplicate_ids);
  ADD ("hostile-file", test_hostile_file);
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/catalog/malformed/%s", variants[i].test);
      g_test_add (path, Fixture, &variants[i], setup, test_malformed, teardown);
    }
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-focus-dose.c — focus doses stay in the source's range: the shipped
 * doses, --reps above the usual dose (allowed, flagged) and above the most
 * one set may have (refused, saying the limit), and the catalog keys that
 * carry it (reps-max), with the two other new keys, easier and why.
 */
#include <string.h>

#include "core/focus.h"
#include "shipped-catalog.h"

/* Every shipped focus dose is a mobilization set, 25 to 75 in all (both
 * sides or directions), and within the drill's most; only drills the
 * source allows more may go past 75, and none past 100. */
static void
test_shipped_doses (Fixture *f, gconstpointer data)
{
  const char *const allow_more[] = { "neck-circles", "neck-flexors", "spinal-twist", NULL };

  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (f->catalog, i);
      guint sides = d->per_side ? 2 : 1;

      if (d->regions != MOBED_REGION_BREATHING)
        g_assert_cmpuint (d->reps_focus * sides, >=, 25);
      g_assert_cmpuint (d->reps_focus, <=, d->reps_max);
      if (g_strv_contains (allow_more, d->id))
        {
          g_assert_cmpuint (d->reps_max * sides, ==, 100);
          g_assert_cmpuint (d->reps_focus * sides, <=, 80);
        }
      else
        g_assert_cmpuint (d->reps_max * sides, <=, MOBED_DRILL_REPS_MAX_USUAL);
    }
  /* The wide arm circles are easy to overdo: a lower dose and a lower top. */
  g_assert_cmpuint (shipped_drill (f, "wide-arm-circles")->reps_focus, ==, 20);
  g_assert_cmpuint (shipped_drill (f, "wide-arm-circles")->reps_max, ==, 30);
  /* A circle of the rib cage goes one way, then the other. */
  g_assert_true (shipped_drill (f, "chest-rotations")->each_way);
}

static void
test_dose_levels (Fixture *f, gconstpointer data)
{
  const MobedDrill *neck = shipped_drill (f, "neck-circles");
  const MobedDrill *cats = shipped_drill (f, "cats-and-dogs");
  const MobedDrill *arms = shipped_drill (f, "wide-arm-circles");
  const MobedDrill *psoas = shipped_drill (f, "iliopsoas");

  g_assert_cmpint (mobed_focus_dose (neck, 40), ==, MOBED_FOCUS_DOSE_USUAL);
  g_assert_cmpint (mobed_focus_dose (neck, 41), ==, MOBED_FOCUS_DOSE_ABOVE_USUAL);
  g_assert_cmpint (mobed_focus_dose (neck, 50), ==, MOBED_FOCUS_DOSE_ABOVE_USUAL);
  g_assert_cmpint (mobed_focus_dose (neck, 51), ==, MOBED_FOCUS_DOSE_TOO_MANY);
  g_assert_cmpint (mobed_focus_dose (cats, 30), ==, MOBED_FOCUS_DOSE_USUAL);
  g_assert_cmpint (mobed_focus_dose (cats, 75), ==, MOBED_FOCUS_DOSE_ABOVE_USUAL);
  g_assert_cmpint (mobed_focus_dose (cats, 76), ==, MOBED_FOCUS_DOSE_TOO_MANY);
  /* Per side: 37 a side is 74 in all. */
  g_assert_cmpint (mobed_focus_dose (psoas, 37), ==, MOBED_FOCUS_DOSE_ABOVE_USUAL);
  g_assert_cmpint (mobed_focus_dose (psoas, 38), ==, MOBED_FOCUS_DOSE_TOO_MANY);
  g_assert_cmpint (mobed_focus_dose (arms, 30), ==, MOBED_FOCUS_DOSE_ABOVE_USUAL);
  g_assert_cmpint (mobed_focus_dose (arms, 31), ==, MOBED_FOCUS_DOSE_TOO_MANY);
}

static gboolean
make (Fixture *f, const char *targets, guint reps, MobedFocusPlan *plan, GError **error)
{
  g_auto(GStrv) t = g_strsplit (targets, " ", -1);
  MobedFocusRequest req = { .reps = reps };

  return mobed_focus_plan_make (f->catalog, &f->config, (const char *const *) t, &req, plan,
                                error);
}

/* --reps: the drills' own most decides, and the refusal says it. */
static void
test_reps_capped (Fixture *f, gconstpointer data)
{
  MobedFocusPlan plan;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) too_many = NULL;
  g_autoptr(GError) arms = NULL;

  /* The neck allows up to 100 in all: a crick can take long sets. */
  g_assert_true (make (f, "neck-pain", 50, &plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan.items[0].reps, ==, 50);

  /* 38 a side is past what a low back set should be. */
  g_assert_false (make (f, "low-back-pain", 38, &plan, &too_many));
  g_assert_error (too_many, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_INVALID);
  g_test_message ("%s", too_many->message);
  g_assert_nonnull (strstr (too_many->message, "38 a side of"));
  g_assert_nonnull (strstr (too_many->message, "76 reps in one set"));
  g_assert_nonnull (strstr (too_many->message, "at most 37 a side"));
  g_assert_true (make (f, "low-back-pain", 37, &plan, NULL));
  g_assert_false (make (f, "cats-and-dogs", 76, &plan, NULL));
  g_assert_true (make (f, "cats-and-dogs", 75, &plan, NULL));

  g_assert_false (make (f, "wide-arm-circles", 31, &plan, &arms));
  g_assert_nonnull (strstr (arms->message, "31 each way of wide-arm-circles"));
  g_assert_nonnull (strstr (arms->message, "at most 30 each way"));

  /* Past any drill's most: the general bound, before any drill. */
  g_clear_error (&error);
  g_assert_false (make (f, "neck-circles", 101, &plan, &error));
  g_assert_nonnull (strstr (error->message, "between 5 and 100"));
}

/* A plan from the history with more reps than a drill allows today (a
 * catalog changed since) still reads: the history is not the place to
 * refuse it. The cap is for new plans. */
static void
test_history_keeps_reading (Fixture *f, gconstpointer data)
{
  MobedFocusPlan plan = { 0 };

  g_assert_true (mobed_focus_items_parse ("wide-arm-circles:40", &plan));
  g_assert_cmpuint (plan.items[0].reps, ==, 40);
  g_assert_false (mobed_focus_items_parse ("wide-arm-circles:101", &plan));
}

static GPtrArray *
parse (const char *extra, MobedCatalog **out)
{
  g_autoptr(GString) text = g_string_new ("[t]\nname=T\nsummary=Move.\nsteps=One;Two\n"
                                          "regions=neck\nsettings=seated\ngood-for=\n"
                                          "reps-small=10\nseconds-per-rep=3\n");
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  /* @extra may set these two itself. */
  if (strstr (extra, "reps-focus=") == NULL)
    g_string_append (text, "reps-focus=30\n");
  if (strstr (extra, "per-side=") == NULL)
    g_string_append (text, "per-side=false\n");
  g_string_append (text, extra);
  *out = mobed_catalog_new ();
  g_assert_true (mobed_catalog_parse (*out, text->str, text->len, "t.ini", problems, NULL));
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) problems->pdata[i]);
  return problems;
}

static void
assert_problem (const char *extra, const char *key, const char *text)
{
  g_autoptr(MobedCatalog) c = NULL;
  g_autoptr(GPtrArray) problems = parse (extra, &c);
  g_autofree char *named = g_strdup_printf ("key '%s'", key);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], named));
  g_assert_nonnull (strstr (problems->pdata[0], text));
  g_assert_null (mobed_catalog_find (c, "t"));
}

static void
test_catalog_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(MobedCatalog) c = NULL;
  g_autoptr(GPtrArray) problems = parse ("reps-max=40\nwhy=For the neck.\nwhy[de]=Für den "
                                         "Hals.\neasier=Smaller circles.\n"
                                         "easier[de]=Kleinere Kreise.\n", &c);
  const MobedDrill *t = mobed_catalog_find (c, "t");
  g_autoptr(MobedCatalog) plain = NULL;
  g_autoptr(GPtrArray) none = parse ("", &plain);
  const MobedDrill *p = mobed_catalog_find (plain, "t");

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (t->reps_max, ==, 40);
  g_assert_cmpstr (t->why, ==, "For the neck.");
  g_assert_cmpstr (t->easier, ==, "Smaller circles.");
  /* Optional: without them, 75 and nothing to say. */
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (p->reps_max, ==, MOBED_DRILL_REPS_MAX_USUAL);
  g_assert_null (p->why);
  g_assert_null (p->easier);

  assert_problem ("reps-max=101\n", "reps-max", "out of range");
  assert_problem ("reps-max=lots\n", "reps-max", "not a whole number");
  assert_problem ("reps-max=20\n", "reps-focus", "more than reps-max (20)");
  assert_problem ("reps-focus=101\n", "reps-focus", "out of range");
  /* Per side, every limit counts one side: half of the set. */
  assert_problem ("per-side=true\nreps-focus=51\n", "reps-focus", "102 in one set; at most 100");
  assert_problem ("per-side=true\nreps-max=51\n", "reps-max", "out of range (1 to 50)");
  {
    /* Written before reps-max: a larger reps-focus is its own most. */
    g_autoptr(MobedCatalog) old = NULL;
    g_autoptr(GPtrArray) fine = parse ("per-side=true\nreps-focus=40\n", &old);

    g_assert_cmpuint (fine->len, ==, 0);
    g_assert_cmpuint (mobed_catalog_find (old, "t")->reps_max, ==, 40);
  }
  assert_problem ("why=  \n", "why", "empty");
  assert_problem ("easier=\n", "easier", "empty");
  assert_problem ("easier[de]=Kleiner.\n", "easier[de]", "does not have");
  assert_problem ("why[de]=Warum.\n", "why[de]", "does not have");
  assert_problem ("reps-max[de]=40\n", "reps-max[de]", "can be translated");
  {
    g_autofree char *many = g_strnfill (161, 'a');
    g_autofree char *longer = g_strdup_printf ("why=%s\n", many);

    assert_problem (longer, "why", "longer than 160");
  }
}

/* Every shipped drill says why it is there and how to make it easier, in
 * English and in German. */
static void
test_shipped_advice (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                 "drills.ini", NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_assert_true (g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_TRANSLATIONS, NULL));
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (f->catalog, i);

      g_assert_nonnull (d->why);
      g_assert_nonnull (d->easier);
      g_assert_true (g_key_file_has_key (file, d->id, "why[de]", NULL));
      g_assert_true (g_key_file_has_key (file, d->id, "easier[de]", NULL));
    }
  /* The painful shoulder's gentlest form, from the source: a pendulum. */
  g_assert_nonnull (strstr (shipped_drill (f, "wide-arm-circles")->easier, "pendulum"));
}

int
main (int argc, char **argv)
{
  /* The English texts, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/focus-dose/shipped", test_shipped_doses);
  ADD ("/focus-dose/levels", test_dose_levels);
  ADD ("/focus-dose/reps-capped", test_reps_capped);
  ADD ("/focus-dose/history", test_history_keeps_reading);
  ADD ("/focus-dose/catalog-keys", test_catalog_keys);
  ADD ("/focus-dose/shipped-advice", test_shipped_advice);
#undef ADD
  return g_test_run ();
}

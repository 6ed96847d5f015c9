/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-picker.c — the picker's rules for a single break, on the shipped
 * catalog: picks fit the break and the user's settings, honour excludes,
 * size their sets to the time there is, replay for a seed, survive a
 * catalog reload, and "Another" swaps a pick without it counting. How
 * picks spread over days and weeks is test-picker-spread.c.
 */
#include "picker-test-util.h"

static void
exclude_all_but (Fixture *f, const char *const *keep)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      const char *id = mobed_catalog_nth (f->catalog, i)->id;
      if (keep == NULL || !g_strv_contains (keep, id))
        g_strv_builder_add (words, id);
    }
  g_strfreev (f->config.exclude);
  f->config.exclude = g_strv_builder_end (words);
}

/* Longer breaks leave room for a second drill: it must fit what the first
 * leaves, and the pair must still obey every rule. */
static void
test_long_break (Fixture *f, gconstpointer data)
{
  MobedChoice day[BREAKS_PER_DAY];
  guint pairs = 0;

  f->config.break_length_s = 90;
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, seed);

      run_day (f, p, 1, day, BREAKS_PER_DAY);
      assert_no_repeat_within (day, BREAKS_PER_DAY, MOBED_PICKER_RECENT);
      for (guint i = 0; i < BREAKS_PER_DAY; i++)
        pairs += day[i].n == 2;
    }
  g_test_message ("90 s breaks: %u of %u have two drills", pairs, 10 * BREAKS_PER_DAY);
  g_assert_cmpuint (pairs, >, 0);
}

/* assert_valid checks every drill against the settings. */
static void
test_settings (Fixture *f, gconstpointer data)
{
  MobedChoice day[BREAKS_PER_DAY];
  g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, 7);

  f->config.settings = MOBED_SETTING_SEATED;
  run_day (f, p, 1, day, BREAKS_PER_DAY);
  assert_no_repeat_within (day, BREAKS_PER_DAY, MOBED_PICKER_RECENT);

  /* Only two floor drills: they take turns. */
  f->config.settings = MOBED_SETTING_FLOOR;
  run_day (f, p, 2, day, BREAKS_PER_DAY);
  assert_no_repeat_within (day, BREAKS_PER_DAY, 1);
  for (guint i = 0; i < BREAKS_PER_DAY; i++)
    g_assert_true (choice_has (&day[i], "cats-and-dogs")
                   || choice_has (&day[i], "supine-lumbar-twist"));
}

static void
test_exclude_all_but_two (Fixture *f, gconstpointer data)
{
  const char *const keep[] = { "neck-circles", "chest-opening", NULL };
  g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, 3);
  MobedChoice day[BREAKS_PER_DAY];

  exclude_all_but (f, keep);
  run_day (f, p, 1, day, BREAKS_PER_DAY);
  for (guint i = 0; i < BREAKS_PER_DAY; i++)
    {
      g_assert_cmpuint (day[i].n, ==, 1);
      g_assert_true (g_strv_contains (keep, day[i].items[0].id));
      if (i > 0)
        g_assert_cmpstr (day[i].items[0].id, !=, day[i - 1].items[0].id);
    }
}

static void
test_nothing_eligible (Fixture *f, gconstpointer data)
{
  const char *const keep[] = { "wrist-circles", NULL };
  g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, 3);
  MobedChoice c;

  exclude_all_but (f, NULL);
  g_assert_false (mobed_picker_pick (p, &f->config, 1, FALSE, &c));
  g_assert_false (mobed_picker_pick (p, &f->config, 1, TRUE, &c));

  /* One drill left: "Another" gives it again rather than nothing. */
  exclude_all_but (f, keep);
  g_assert_true (mobed_picker_pick (p, &f->config, 1, FALSE, &c));
  g_assert_true (mobed_picker_pick (p, &f->config, 1, TRUE, &c));
  g_assert_cmpstr (c.items[0].id, ==, "wrist-circles");

  /* Neither floor drill fits its smallest deliberate set in 20 s. */
  set_list (&f->config.exclude, (const char *const[]) { NULL });
  f->config.settings = MOBED_SETTING_FLOOR;
  f->config.break_length_s = 20;
  g_assert_false (mobed_picker_pick (p, &f->config, 1, FALSE, &c));
  f->config.break_length_s = 40;
  g_assert_true (mobed_picker_pick (p, &f->config, 1, FALSE, &c));
  assert_valid (f, &c);
}

static void
test_seed (Fixture *f, gconstpointer data)
{
  MobedChoice a[BREAKS_PER_DAY], b[BREAKS_PER_DAY], c[BREAKS_PER_DAY];
  g_autoptr(MobedPicker) pa = mobed_picker_new (f->catalog, 42);
  g_autoptr(MobedPicker) pb = mobed_picker_new (f->catalog, 42);
  g_autoptr(MobedPicker) pc = mobed_picker_new (f->catalog, 43);
  gboolean differs = FALSE;

  run_day (f, pa, 1, a, BREAKS_PER_DAY);
  run_day (f, pb, 1, b, BREAKS_PER_DAY);
  run_day (f, pc, 1, c, BREAKS_PER_DAY);
  for (guint i = 0; i < BREAKS_PER_DAY; i++)
    {
      g_assert_cmpuint (a[i].n, ==, b[i].n);
      for (guint j = 0; j < a[i].n; j++)
        {
          g_assert_cmpstr (a[i].items[j].id, ==, b[i].items[j].id);
          g_assert_cmpuint (a[i].items[j].reps, ==, b[i].items[j].reps);
        }
      if (a[i].n != c[i].n || !g_str_equal (a[i].items[0].id, c[i].items[0].id))
        differs = TRUE;
    }
  g_assert_true (differs);
}

/* "Another" on every break of a day, for short and long breaks (long ones
 * often get a second drill): the new pick shares no drill with the one it
 * replaces, first or second. */
static void
test_another_differs (Fixture *f, gconstpointer data)
{
  const guint64 lengths[] = { 45, 90, 120 };

  for (gsize l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint32 seed = 1; seed <= 10; seed++)
      {
        g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, seed);

        f->config.break_length_s = lengths[l];
        for (guint i = 0; i < BREAKS_PER_DAY; i++)
          {
            MobedChoice offered, kept;

            g_assert_true (mobed_picker_pick (p, &f->config, 1, FALSE, &offered));
            g_assert_true (mobed_picker_pick (p, &f->config, 1, TRUE, &kept));
            assert_valid (f, &kept);
            g_assert_cmpstr (kept.items[0].id, !=, offered.items[0].id);
            if (choices_share (&kept, &offered))
              {
                g_test_fail_printf ("%" G_GUINT64_FORMAT " s, seed %u, break %u: \"Another\" "
                                    "offers again a drill it replaces (%s, %s)", lengths[l],
                                    seed, i, kept.items[0].id, kept.items[kept.n - 1].id);
                return;
              }
          }
      }
}

/* Five drills, each too long to leave room for a second: three breaks use
 * three of them, the fourth is offered one of the other two, and "Another"
 * must give the last one; the three before are still recent. */
static void
test_another_keeps_history (Fixture *f, gconstpointer data)
{
  const char *const keep[] = { "neck-circles", "wrist-circles", "rotator-cuff",
                               "spinal-twist", "foot-circles", NULL };

  exclude_all_but (f, keep);
  for (guint32 seed = 1; seed <= 50; seed++)
    {
      g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, seed);
      MobedChoice day[4], offered;

      run_day (f, p, 1, day, 3);
      g_assert_true (mobed_picker_pick (p, &f->config, 1, FALSE, &offered));
      g_assert_true (mobed_picker_pick (p, &f->config, 1, TRUE, &day[3]));
      g_assert_cmpuint (day[3].n, ==, 1);
      if (choices_share (&day[3], &day[0]))
        {
          g_test_fail_printf ("seed %u: \"Another\" for %s gives %s, done 3 breaks before",
                              seed, offered.items[0].id, day[3].items[0].id);
          return;
        }
      assert_no_repeat_within (day, 4, MOBED_PICKER_RECENT);
    }
}

static void
test_another_not_remembered (Fixture *f, gconstpointer data)
{
  /* Four drills, each too long to leave room for a second: one per break. */
  const char *const keep[] = { "neck-circles", "wrist-circles", "rotator-cuff",
                               "spinal-twist", NULL };
  guint came_back = 0;

  exclude_all_but (f, keep);
  for (guint32 seed = 1; seed <= 100; seed++)
    {
      g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, seed);
      MobedChoice replaced, kept, next;

      g_assert_true (mobed_picker_pick (p, &f->config, 1, FALSE, &replaced));
      g_assert_true (mobed_picker_pick (p, &f->config, 1, TRUE, &kept));
      g_assert_true (mobed_picker_pick (p, &f->config, 1, FALSE, &next));
      g_assert_cmpuint (kept.n, ==, 1);
      g_assert_cmpstr (kept.items[0].id, !=, replaced.items[0].id);
      g_assert_cmpstr (next.items[0].id, !=, kept.items[0].id);
      /* Had the replaced drill stayed in the history, it could not be
       * picked right after; not having been done, it is fair game. */
      if (g_str_equal (next.items[0].id, replaced.items[0].id))
        came_back++;
    }
  g_test_message ("the replaced drill came back next break in %u/100 days", came_back);
  g_assert_cmpuint (came_back, >, 0);
}

static void
test_set_catalog (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                 "drills.ini", NULL);
  g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, 9);
  MobedChoice day[4], c;

  /* A reload swaps the catalog under a picker with history; the history
   * holds ids of its own, so the old catalog can go. */
  run_day (f, p, 1, day, 4);
  mobed_catalog_unref (f->catalog);
  f->catalog = mobed_catalog_new ();
  g_assert_true (mobed_catalog_load (f->catalog, path, NULL, NULL));
  mobed_picker_set_catalog (p, f->catalog);
  g_assert_true (mobed_picker_pick (p, &f->config, 1, TRUE, &c));
  assert_valid (f, &c);
  run_day (f, p, 1, day, 4);
}

static void
test_fit_reps (Fixture *f, gconstpointer data)
{
  const MobedDrill *lift = shipped_drill (f, "abdominal-lift");        /* 3 × 10 s */
  const MobedDrill *circles = shipped_drill (f, "neck-circles");       /* 8 per side × 3 s */
  const MobedDrill *opening = shipped_drill (f, "chest-opening");      /* 12 × 3 s */
  const MobedDrill *psoas = shipped_drill (f, "iliopsoas");            /* 5 per side × 5 s */
  const MobedDrill *bend = shipped_drill (f, "forward-bend");          /* 5 × 8 s */

  g_assert_cmpuint (mobed_picker_set_seconds (lift, 3), ==, 30);
  g_assert_cmpuint (mobed_picker_set_seconds (circles, 8), ==, 48);
  g_assert_cmpuint (mobed_picker_set_seconds (opening, 12), ==, 36);

  /* Its own 3 lifts are the whole drill, not "fidgeting". */
  g_assert_cmpuint (mobed_picker_fit_reps (lift, 45), ==, 3);
  g_assert_cmpuint (mobed_picker_fit_reps (lift, 30), ==, 3);
  g_assert_cmpuint (mobed_picker_fit_reps (lift, 29), ==, 0);

  /* Per side the floor is 5 a side; otherwise 10. */
  g_assert_cmpuint (mobed_picker_fit_reps (circles, 3600), ==, 8);
  g_assert_cmpuint (mobed_picker_fit_reps (circles, 45), ==, 7);
  g_assert_cmpuint (mobed_picker_fit_reps (circles, 30), ==, 5);
  g_assert_cmpuint (mobed_picker_fit_reps (circles, 29), ==, 0);
  g_assert_cmpuint (mobed_picker_fit_reps (opening, 45), ==, 12);
  g_assert_cmpuint (mobed_picker_fit_reps (opening, 30), ==, 10);
  g_assert_cmpuint (mobed_picker_fit_reps (opening, 29), ==, 0);

  /* A slow drill whose set is at the minimum already may lose up to a
   * fifth, so the iliopsoas lunge (50 s whole) fits the default 45 s. */
  g_assert_cmpuint (mobed_picker_set_seconds (psoas, 5), ==, 50);
  g_assert_cmpuint (mobed_picker_fit_reps (psoas, 50), ==, 5);
  g_assert_cmpuint (mobed_picker_fit_reps (psoas, 45), ==, 4);
  g_assert_cmpuint (mobed_picker_fit_reps (psoas, 39), ==, 0);
  g_assert_cmpuint (mobed_picker_fit_reps (bend, 32), ==, 4);
  g_assert_cmpuint (mobed_picker_fit_reps (bend, 31), ==, 0);
}

static void
test_offer (Fixture *f, gconstpointer data)
{
  const MobedDrill *circles = shipped_drill (f, "neck-circles");
  MobedOffer o;
  g_autofree char *line = NULL;

  mobed_offer_from_drill (&o, circles, 7);
  g_assert_true (o.id == circles->id);
  g_assert_true (o.name == circles->name);
  g_assert_true (o.summary == circles->summary);
  g_assert_cmpuint (o.reps, ==, 7);
  g_assert_cmpint (o.unit, ==, MOBED_REPS_EACH_WAY);
  line = mobed_offer_line (&o);
  g_assert_cmpstr (line, ==, "Neck circles · 7 each way");

  mobed_offer_from_drill (&o, shipped_drill (f, "neck-flexors"), 5);
  g_assert_cmpint (o.unit, ==, MOBED_REPS_PER_SIDE);
  mobed_offer_from_drill (&o, shipped_drill (f, "chest-opening"), 12);
  g_assert_cmpint (o.unit, ==, MOBED_REPS_TIMES);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/picker/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("long-break", test_long_break);
  ADD ("settings", test_settings);
  ADD ("exclude-all-but-two", test_exclude_all_but_two);
  ADD ("nothing-eligible", test_nothing_eligible);
  ADD ("seed", test_seed);
  ADD ("another-not-remembered", test_another_not_remembered);
  ADD ("set-catalog", test_set_catalog);
  ADD ("fit-reps", test_fit_reps);
  ADD ("offer", test_offer);
  /* Last: a failing test stops the run unless -k is given. */
  ADD ("another-keeps-history", test_another_keeps_history);
  ADD ("another-differs", test_another_differs);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-focus-settings.c — focus plans keep to the user's settings: a
 * proposal never brings a drill that needs a place the settings rule out,
 * a problem whose drills all do is refused with the reason, and a focus=
 * tag that can change nothing is named. Also the drills that can be done
 * seated, and the renamed rotator-cuff tag.
 */
#include "core/focus.h"
#include "shipped-catalog.h"

static void
allow (Fixture *f, const char *settings)
{
  g_auto(GStrv) words = g_strsplit (settings, ";", -1);

  f->config.settings = 0;
  for (char **w = words; *w != NULL; w++)
    {
      guint bit;

      g_assert_true (mobed_setting_parse (*w, &bit));
      f->config.settings |= bit;
    }
}

/* The ids mobed_focus_propose gives for @tag, ';'-joined. */
static char *
proposed (Fixture *f, const char *tag)
{
  const MobedDrill *found[MOBED_FOCUS_PROPOSE_MAX];
  guint n = mobed_focus_propose (f->catalog, &f->config, tag, found, MOBED_FOCUS_PROPOSE_MAX);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, found[i]->id);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (";", (char **) ids->pdata);
}

/* The problems the issue named, at default settings (seated,standing):
 * nothing that needs a doorway, a bed's edge or room to swing. */
static void
test_default_settings (Fixture *f, gconstpointer data)
{
  const struct { const char *tag, *expected; } cases[] = {
    { "chest-tightness", "chest-opening;chest-rotations" },
    { "tennis-elbow",    "forearm-standing;wrist-circles" },
    { "typists",         "forearm-standing" },
    { "neck-pain",       "neck-circles;neck-flexors" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = proposed (f, cases[i].tag);

      g_assert_cmpstr (ids, ==, cases[i].expected);
    }
  /* Every proposal for every tag keeps to the settings. */
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    for (char **t = mobed_catalog_nth (f->catalog, i)->good_for; *t != NULL; t++)
      {
        const MobedDrill *found[MOBED_FOCUS_PROPOSE_MAX];
        guint n = mobed_focus_propose (f->catalog, &f->config, *t, found,
                                       MOBED_FOCUS_PROPOSE_MAX);

        for (guint k = 0; k < n; k++)
          g_assert_true (found[k]->settings & f->config.settings);
      }
}

/* Allowed places bring their drills back, in the order of their tags. */
static void
test_allowed_places (Fixture *f, gconstpointer data)
{
  g_autofree char *chest = NULL, *typists = NULL, *shoulder = NULL;

  allow (f, "seated;standing;doorway;surface;space");
  chest = proposed (f, "chest-tightness");
  typists = proposed (f, "typists");
  shoulder = proposed (f, "shoulder-problems");
  g_assert_cmpstr (chest, ==, "chest-opening;chest-rotations;doorway-pec");
  g_assert_cmpstr (typists, ==, "forearm-seated;forearm-standing");
  g_assert_cmpstr (shoulder, ==, "wide-arm-circles");
}

/* Only seated: the drills the catalog now says can be done seated. */
static void
test_seated_only (Fixture *f, gconstpointer data)
{
  g_autofree char *frozen = NULL, *typists = NULL;

  allow (f, "seated");
  frozen = proposed (f, "frozen-shoulder");
  typists = proposed (f, "typists");
  g_assert_cmpstr (frozen, ==, "rotator-cuff");
  g_assert_cmpstr (typists, ==, "forearm-standing");
}

/* A problem none of whose drills the user can do: refused, saying which
 * drill needs which place; a drill named by id is still taken. */
static void
test_unreachable_refused (Fixture *f, gconstpointer data)
{
  const char *shoulder[] = { "shoulder-problems", NULL };
  const char *by_id[] = { "doorway-pec", NULL };
  MobedFocusRequest req = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  MobedFocusPlan plan;

  g_assert_false (mobed_focus_plan_make (f->catalog, &f->config, shoulder, &req, &plan,
                                         &error));
  g_assert_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "wide-arm-circles needs space"));
  g_assert_nonnull (strstr (error->message, "settings=seated,standing"));
  g_assert_nonnull (strstr (error->message, "mobed.conf"));

  g_assert_true (mobed_focus_plan_make (f->catalog, &f->config, by_id, &req, &plan, NULL));
  g_assert_cmpuint (plan.n_items, ==, 1);

  why = mobed_focus_unreachable (f->catalog, &f->config, "shoulder-problems");
  g_assert_cmpstr (why, ==, "no drill for 'shoulder-problems' can be done with "
                   "settings=seated,standing (wide-arm-circles needs space)");
}

/* mobed_focus_unreachable: what the config check warns about. */
static void
test_unreachable (Fixture *f, gconstpointer data)
{
  g_autofree char *floor_only = NULL, *excluded = NULL;

  /* Some drill for it is doable, or no drill is for it at all: nothing. */
  g_assert_null (mobed_focus_unreachable (f->catalog, &f->config, "chest-tightness"));
  g_assert_null (mobed_focus_unreachable (f->catalog, &f->config, "neck"));
  g_assert_null (mobed_focus_unreachable (f->catalog, &f->config, "no-such-tag"));

  /* Only the floor: a region whose drills all stand or sit. */
  allow (f, "floor");
  floor_only = mobed_focus_unreachable (f->catalog, &f->config, "wrists-forearms");
  g_assert_nonnull (strstr (floor_only, "no drill for 'wrists-forearms'"));
  g_assert_nonnull (strstr (floor_only, "forearm-seated needs surface"));
  g_assert_nonnull (strstr (floor_only, "wrist-circles needs seated or standing"));

  /* Excluding the only doable drill says so. */
  allow (f, "seated;standing");
  g_strfreev (f->config.exclude);
  f->config.exclude = g_strsplit ("forearm-standing", ";", -1);
  excluded = mobed_focus_unreachable (f->catalog, &f->config, "typists");
  g_assert_cmpstr (excluded, ==, "no drill for 'typists' can be done with "
                   "settings=seated,standing (forearm-seated needs surface, "
                   "forearm-standing is excluded)");
}

/* The tag on the wide arm circles is no longer a drill's id; the old name
 * in focus= is read as the new one, with a warning. */
static void
test_renamed_tag (Fixture *f, gconstpointer data)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const MobedDrill *circles = mobed_catalog_find (f->catalog, "wide-arm-circles");

  g_assert_true (mobed_drill_has_tag (circles, "rotator-cuff-injury"));
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (f->catalog, i);

      for (char **t = d->good_for; *t != NULL; t++)
        if (mobed_catalog_find (f->catalog, *t) != NULL)
          g_test_fail_printf ("%s's tag %s is also a drill's id", d->id, *t);
    }

  g_assert_true (g_key_file_load_from_data (file, "[drills]\nfocus=neck;rotator-cuff\n", -1,
                                            G_KEY_FILE_NONE, NULL));
  mobed_config_parse (&f->config, file, "mobed.conf", warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "'rotator-cuff' is now called "
                                                "'rotator-cuff-injury'"));
  g_assert_cmpstr (f->config.focus[0], ==, "neck");
  g_assert_cmpstr (f->config.focus[1], ==, "rotator-cuff-injury");
  g_assert_null (f->config.focus[2]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/focus-settings/default", test_default_settings);
  ADD ("/focus-settings/allowed", test_allowed_places);
  ADD ("/focus-settings/seated-only", test_seated_only);
  ADD ("/focus-settings/refused", test_unreachable_refused);
  ADD ("/focus-settings/unreachable", test_unreachable);
  ADD ("/focus-settings/renamed-tag", test_renamed_tag);
#undef ADD
  return g_test_run ();
}

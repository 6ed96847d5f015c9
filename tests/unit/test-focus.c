/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-focus.c — rehab focus plans as such: building a plan from a problem
 * or from drills (and refusing bad numbers), the plan's drills kept out of
 * nearby microbreaks, easing it when it feels worse, and the plan's life in
 * a real history file. When the day's sets come is test-focus-day.c.
 */
#include <glib/gstdio.h>

#include "core/focus-day.h"
#include "store/focus-log.h"

#include "focus-test-util.h"

static void
test_tag_proposal (Fixture *f, gconstpointer data)
{
  const char *const neck[] = { "neck-pain", NULL };
  const char *const back[] = { "low-back-pain", NULL };
  MobedFocusPlan plan;

  make (f, neck, (MobedFocusRequest) { 0 }, &plan);
  /* Its first good-for tag: neck circles before neck flexors. */
  g_assert_cmpuint (plan.n_items, ==, 2);
  g_assert_cmpstr (plan.items[0].drill_id, ==, "neck-circles");
  g_assert_cmpstr (plan.items[1].drill_id, ==, "neck-flexors");
  g_assert_cmpuint (plan.items[0].reps, ==, 40);        /* its reps-focus */
  g_assert_cmpuint (plan.sets_per_day, ==, MOBED_FOCUS_SETS_DEFAULT);
  g_assert_cmpuint (plan.days, ==, MOBED_FOCUS_DAYS_DEFAULT);
  g_assert_cmpstr (plan.target, ==, "neck-pain");

  /* Many drills help a low back: three at most, all doable at the desk
   * (the defaults allow seated and standing), none that needs the floor. */
  make (f, back, (MobedFocusRequest) { 0 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, MOBED_FOCUS_PROPOSE_MAX);
  for (guint i = 0; i < plan.n_items; i++)
    {
      const MobedDrill *d = mobed_catalog_find (f->catalog, plan.items[i].drill_id);
      g_assert_true (d->settings & f->config.settings);
      g_assert_cmpstr (d->good_for[0], ==, "low-back-pain");
    }

  /* An excluded drill is never proposed. */
  g_strfreev (f->config.exclude);
  f->config.exclude = g_strsplit ("neck-circles", ";", -1);
  make (f, neck, (MobedFocusRequest) { 0 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, 1);
  g_assert_cmpstr (plan.items[0].drill_id, ==, "neck-flexors");
}

static void
test_drills_and_numbers (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  const char *const two[] = { "wrist-circles", "neck-circles", "wrist-circles", NULL };
  MobedFocusPlan plan;

  make (f, crick, (MobedFocusRequest) { .sets = 3 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, 1);
  g_assert_cmpuint (plan.sets_per_day, ==, 3);
  /* 40 each way, 3 s a rep: 4 min a set. */
  g_assert_cmpuint (mobed_focus_set_seconds (&plan, f->catalog), ==, 240);

  make (f, two, (MobedFocusRequest) { .reps = 30, .days = 5 }, &plan);
  g_assert_cmpuint (plan.n_items, ==, 2);     /* the repeat is one drill */
  g_assert_cmpuint (plan.items[0].reps, ==, 30);
  g_assert_cmpuint (plan.items[1].reps, ==, 30);
  g_assert_cmpuint (plan.days, ==, 5);
}

/* Near a set, the plan's drills join the exclusions of a copy of the
 * config: once each, after the user's own, and the original stays as the
 * user wrote it. */
static void
test_plan_exclude (Fixture *f, gconstpointer data)
{
  const char *const two[] = { "neck-circles", "wrist-circles", NULL };
  const char *const own[] = { "wrist-circles", NULL };
  const char *const near_set[] = { "wrist-circles", "neck-circles", NULL };
  g_auto(MobedConfig) near = { 0 };
  MobedFocusPlan plan;

  make (f, two, (MobedFocusRequest) { 0 }, &plan);
  g_strfreev (f->config.exclude);
  f->config.exclude = g_strdupv ((char **) own);
  mobed_config_copy (&near, &f->config);
  mobed_focus_plan_exclude (&plan, &near);
  g_assert_cmpstrv (near.exclude, near_set);
  g_assert_cmpstrv (f->config.exclude, own);
}

static void
expect_error (Fixture *f, const char *const *targets, MobedFocusRequest req, gint code,
              const char *words)
{
  g_autoptr(GError) error = NULL;
  MobedFocusPlan plan;

  g_assert_false (mobed_focus_plan_make (f->catalog, &f->config, targets, &req, &plan, &error));
  g_assert_error (error, MOBED_FOCUS_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  const char *const neck[] = { "neck-pain", NULL };
  const char *const none[] = { NULL };
  const char *const unknown[] = { "elbow-of-steel", NULL };
  const char *const six[] = { "neck-circles", "neck-flexors", "wrist-circles", "foot-circles",
                              "spinal-twist", "pelvic-circles", NULL };

  expect_error (f, neck, (MobedFocusRequest) { .reps = 500 }, MOBED_FOCUS_ERROR_INVALID,
                "Reps a set must be between 5 and 100, not 500");
  expect_error (f, neck, (MobedFocusRequest) { .sets = 4 }, MOBED_FOCUS_ERROR_INVALID,
                "Sets a day must be between 1 and 3");
  expect_error (f, neck, (MobedFocusRequest) { .days = 15 }, MOBED_FOCUS_ERROR_INVALID,
                "Days must be between 1 and 14");
  expect_error (f, unknown, (MobedFocusRequest) { 0 }, MOBED_FOCUS_ERROR_UNKNOWN,
                "'elbow-of-steel' is neither a drill nor a problem");
  expect_error (f, none, (MobedFocusRequest) { 0 }, MOBED_FOCUS_ERROR_INVALID, "Name a problem");
  expect_error (f, six, (MobedFocusRequest) { 0 }, MOBED_FOCUS_ERROR_INVALID, "at most 5 drills");
}

static void
test_log (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  g_autofree char *path = g_build_filename (f->dir, "history.db", NULL);
  g_autoptr(MobedHistory) history = NULL;
  g_autoptr(MobedFocusReport) report = NULL;
  MobedFocusPlan plan, back;
  guint resolved, done;
  gint64 last;
  gint64 t = G_GINT64_CONSTANT (1795000000) * G_USEC_PER_SEC;

  history = mobed_history_open (path, t);
  g_assert_null (mobed_focus_log_report (history, t));
  g_assert_false (mobed_focus_log_active (history, t, &back));

  make (f, crick, (MobedFocusRequest) { .sets = 3, .reps = 40 }, &plan);
  plan.id = t;
  g_strlcpy (plan.first_day, "2026-11-23", sizeof plan.first_day);
  g_strlcpy (plan.target, "it's a 'quoted' target", sizeof plan.target);
  g_assert_true (mobed_focus_log_start (history, &plan, 3600, NULL));
  g_assert_true (mobed_focus_log_set (history, plan.id, "2026-11-23", 1, t, t + 1, MOBED_OUTCOME_DONE,
                                      2, 80, NULL));
  g_assert_true (mobed_focus_log_set (history, plan.id, "2026-11-23", 2, t + 5, t + 9,
                                      MOBED_OUTCOME_SKIPPED, 0, 0, NULL));
  g_assert_true (mobed_focus_log_set (history, plan.id, "2026-11-24", 1, t + 10, t + 11,
                                      MOBED_OUTCOME_DONE, 0, 80, NULL));
  g_assert_true (mobed_focus_log_rate (history, plan.id, 0, MOBED_RATING_BETTER, t + 12, NULL));
  g_clear_pointer (&history, mobed_history_free);

  /* What a restarted daemon finds. */
  history = mobed_history_open (path, t);
  g_assert_true (mobed_focus_log_active (history, t, &back));
  g_assert_cmpint (back.id, ==, plan.id);
  g_assert_cmpstr (back.target, ==, plan.target);
  g_assert_cmpstr (back.first_day, ==, "2026-11-23");
  g_assert_cmpuint (back.sets_per_day, ==, 3);
  g_assert_cmpuint (back.n_items, ==, 1);
  g_assert_cmpuint (back.items[0].reps, ==, 40);
  mobed_focus_log_day (history, plan.id, "2026-11-23", t, &resolved, &done, &last);
  g_assert_cmpuint (resolved, ==, 2);
  g_assert_cmpuint (done, ==, 1);
  g_assert_cmpint (last, ==, t + 9);

  report = mobed_focus_log_report (history, t);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->days->len, ==, 2);
  g_assert_cmpuint (g_array_index (report->days, MobedFocusLogDay, 0).offered, ==, 2);
  g_assert_cmpuint (g_array_index (report->days, MobedFocusLogDay, 0).done, ==, 1);
  g_assert_cmpuint (report->total_reps, ==, 160);
  g_assert_cmpuint (report->ratings->len, ==, 1);
  g_assert_cmpint (g_array_index (report->ratings, MobedFocusLogRating, 0).rating, ==,
                   MOBED_RATING_BETTER);
  g_assert_cmpint (report->ended_wall, ==, 0);

  /* The sets as `mobectl history` lists them: newest first, with their
   * plan, from a time on, at most so many. */
  {
    g_autoptr(GArray) sets = mobed_focus_log_sets (history, G_MININT64, 0, t, NULL);
    const MobedFocusLogSet *s;

    g_assert_cmpuint (sets->len, ==, 3);
    s = &g_array_index (sets, MobedFocusLogSet, 0);
    g_assert_cmpint (s->due_wall, ==, t + 10);
    g_assert_cmpint (s->ended_wall, ==, t + 11);
    g_assert_cmpstr (s->outcome, ==, "done");
    g_assert_cmpuint (s->set_number, ==, 1);
    g_assert_cmpuint (s->reps_done, ==, 80);
    g_assert_cmpint (s->utc_offset_s, ==, 3600);
    g_assert_cmpstr (s->plan.target, ==, plan.target);
    g_assert_cmpuint (s->plan.sets_per_day, ==, 3);
    g_assert_cmpstr (s->plan.items[0].drill_id, ==, "neck-circles");
    s = &g_array_index (sets, MobedFocusLogSet, 1);
    g_assert_cmpstr (s->outcome, ==, "skipped");
    g_assert_cmpuint (s->set_number, ==, 2);
    g_assert_cmpuint (s->snoozes, ==, 0);
    g_assert_cmpuint (g_array_index (sets, MobedFocusLogSet, 2).snoozes, ==, 2);
    g_clear_pointer (&sets, g_array_unref);
    sets = mobed_focus_log_sets (history, t + 5, 1, t, NULL);
    g_assert_cmpuint (sets->len, ==, 1);
    g_assert_cmpint (g_array_index (sets, MobedFocusLogSet, 0).due_wall, ==, t + 10);
  }

  /* Extending keeps it active; ending stops it. */
  g_assert_true (mobed_focus_log_extend (history, plan.id, 6, t, NULL));
  g_assert_true (mobed_focus_log_active (history, t, &back));
  g_assert_cmpuint (back.days, ==, 6);
  g_assert_true (mobed_focus_log_end (history, plan.id, t + 20, NULL));
  g_assert_false (mobed_focus_log_active (history, t, &back));
  g_clear_pointer (&report, mobed_focus_report_free);
  report = mobed_focus_log_report (history, t);
  g_assert_cmpint (report->ended_wall, ==, t + 20);
}

/* A file that cannot be written: the plan waits in memory and reaches the
 * file, in order, once it can be written. */
static void
test_log_waits (Fixture *f, gconstpointer data)
{
  const char *const crick[] = { "neck-circles", NULL };
  g_autofree char *blocker = g_build_filename (f->dir, "state", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.db", NULL);
  g_autoptr(MobedHistory) history = NULL;
  MobedFocusPlan plan, back;
  gint64 t = G_GINT64_CONSTANT (1795000000) * G_USEC_PER_SEC;

  /* A file where the directory should be: even root cannot create it. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  history = mobed_history_open (path, t);
  g_assert_true (mobed_history_in_memory (history));
  make (f, crick, (MobedFocusRequest) { 0 }, &plan);
  plan.id = t;
  g_strlcpy (plan.first_day, "2026-11-23", sizeof plan.first_day);
  g_assert_false (mobed_focus_log_start (history, &plan, 0, NULL));
  g_assert_false (mobed_focus_log_set (history, plan.id, "2026-11-23", 1, t, t, MOBED_OUTCOME_DONE,
                                       0, 80, NULL));
  g_assert_false (mobed_focus_log_active (history, t, &back));

  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  g_assert_true (mobed_focus_log_active (history, t, &back));
  g_assert_cmpint (back.id, ==, plan.id);
  {
    guint resolved, done;
    gint64 last;
    mobed_focus_log_day (history, plan.id, "2026-11-23", t, &resolved, &done, &last);
    g_assert_cmpuint (done, ==, 1);
  }
}

/* "worse" eases the plan by about a third a time, never below the easy
 * floor, and says when it cannot go lower; over a three-day plan rated
 * worse each day, the doses only fall. */
static void
test_ease (Fixture *f, gconstpointer data)
{
  MobedFocusPlan plan = { .n_items = 3, .days = 3, .sets_per_day = 2 };
  guint before[3];

  g_strlcpy (plan.items[0].drill_id, "neck-circles", sizeof plan.items[0].drill_id);
  plan.items[0].reps = 30;
  g_strlcpy (plan.items[1].drill_id, "wrist-circles", sizeof plan.items[1].drill_id);
  plan.items[1].reps = 10;
  g_strlcpy (plan.items[2].drill_id, "spinal-twist", sizeof plan.items[2].drill_id);
  plan.items[2].reps = 4;

  g_assert_true (mobed_focus_plan_ease (&plan));
  g_assert_cmpuint (plan.items[0].reps, ==, 20);
  g_assert_cmpuint (plan.items[1].reps, ==, 6);
  g_assert_cmpuint (plan.items[2].reps, ==, MOBED_FOCUS_REPS_EASY);
  for (guint day = 1; day < plan.days; day++)
    {
      for (guint i = 0; i < plan.n_items; i++)
        before[i] = plan.items[i].reps;
      mobed_focus_plan_ease (&plan);
      for (guint i = 0; i < plan.n_items; i++)
        {
          g_assert_cmpuint (plan.items[i].reps, <=, before[i]);
          g_assert_cmpuint (plan.items[i].reps, >=, MOBED_FOCUS_REPS_EASY);
        }
    }
  g_assert_cmpuint (plan.items[0].reps, ==, 8);
  /* At the floor everywhere: nothing left to ease. */
  for (guint i = 0; i < plan.n_items; i++)
    plan.items[i].reps = MOBED_FOCUS_REPS_EASY;
  g_assert_false (mobed_focus_plan_ease (&plan));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/focus/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("ease", test_ease);
  ADD ("tag-proposal", test_tag_proposal);
  ADD ("drills-and-numbers", test_drills_and_numbers);
  ADD ("plan-exclude", test_plan_exclude);
  ADD ("bad-requests", test_bad_requests);
  ADD ("log", test_log);
  ADD ("log-waits", test_log_waits);
  return g_test_run ();
}

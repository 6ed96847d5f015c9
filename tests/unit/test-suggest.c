/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-suggest.c — the "did you mean" helper: its distance, how near a
 * word must be to get a suggestion, that far-off words get none, and the
 * lookup by id, name or unique prefix that mobectl drills uses.
 */
#include "core/suggest.h"

static void
test_distance (void)
{
  g_assert_cmpuint (mobed_suggest_distance ("status", "status"), ==, 0);
  g_assert_cmpuint (mobed_suggest_distance ("Status", "status"), ==, 0);
  g_assert_cmpuint (mobed_suggest_distance ("stauts", "status"), ==, 1);   /* a swap */
  g_assert_cmpuint (mobed_suggest_distance ("schedul", "schedule"), ==, 1);
  g_assert_cmpuint (mobed_suggest_distance ("kitten", "sitting"), ==, 3);
  g_assert_cmpuint (mobed_suggest_distance ("", "abc"), ==, 3);
  g_assert_cmpuint (mobed_suggest_distance ("Übung", "ubung"), ==, 1);    /* characters */
  g_assert_cmpuint (mobed_suggest_distance ("\xff", "a"), ==, G_MAXUINT);
}

static void
test_suggest (void)
{
  const char *const commands[] = { "status", "now", "done", "skip", "snooze", "stats", NULL };
  const char *const groups[] = { "schedule", "notify", "presence", "goals", "drills", NULL };
  g_autofree char *long_word = g_strnfill (200, 'a');

  g_assert_cmpstr (mobed_suggest ("stauts", commands), ==, "status");
  g_assert_cmpstr (mobed_suggest ("snoze", commands), ==, "snooze");
  g_assert_cmpstr (mobed_suggest ("DONE", commands), ==, "done");
  g_assert_cmpstr (mobed_suggest ("schedul", groups), ==, "schedule");
  g_assert_cmpstr (mobed_suggest ("goal", groups), ==, "goals");
  /* Nothing near: no guess. */
  g_assert_null (mobed_suggest ("frobnicate", commands));
  g_assert_null (mobed_suggest ("xyz", commands));
  g_assert_null (mobed_suggest ("", commands));
  g_assert_null (mobed_suggest (long_word, commands));
  g_assert_null (mobed_suggest ("status", NULL));
  /* Four letters allow one edit, not two. */
  g_assert_null (mobed_suggest ("dnoe", (const char *const[]) { "dome", NULL }));
}

static void
test_lookup (void)
{
  const char *const ids[] = { "neck-circles", "neck-flexors", "wrist-circles", "doorway-pec", NULL };
  const char *const names[] = { "Neck circles", "Neck flexor mobilizations", "Wrist circles",
                                "Chest stretch in a doorway", NULL };
  g_autoptr(GArray) more = NULL;

  g_assert_cmpint (mobed_suggest_lookup ("wrist-circles", ids, names, NULL), ==, 2);
  g_assert_cmpint (mobed_suggest_lookup ("WRIST-CIRCLES", ids, names, NULL), ==, 2);
  g_assert_cmpint (mobed_suggest_lookup ("neck flexor mobilizations", ids, names, NULL), ==, 1);
  g_assert_cmpint (mobed_suggest_lookup ("Neck circles", ids, names, NULL), ==, 0);
  g_assert_cmpint (mobed_suggest_lookup ("neck-f", ids, names, NULL), ==, 1);     /* id prefix */
  g_assert_cmpint (mobed_suggest_lookup ("chest str", ids, names, NULL), ==, 3);  /* name prefix */
  g_assert_cmpint (mobed_suggest_lookup ("door", ids, names, NULL), ==, 3);
  g_assert_cmpint (mobed_suggest_lookup ("w", ids, names, NULL), ==, 2);
  /* Begins two: both come back, in catalog order. */
  g_assert_cmpint (mobed_suggest_lookup ("neck", ids, names, &more), ==, -1);
  g_assert_nonnull (more);
  g_assert_cmpuint (more->len, ==, 2);
  g_assert_cmpint (g_array_index (more, int, 0), ==, 0);
  g_assert_cmpint (g_array_index (more, int, 1), ==, 1);
  g_clear_pointer (&more, g_array_unref);
  /* Begins none: nothing, and the suggester finds the near one. */
  g_assert_cmpint (mobed_suggest_lookup ("nekc-circles", ids, names, &more), ==, -1);
  g_assert_null (more);
  g_assert_cmpstr (mobed_suggest ("nekc-circles", ids), ==, "neck-circles");
  g_assert_cmpint (mobed_suggest_lookup ("", ids, names, &more), ==, -1);
  g_assert_null (more);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suggest/distance", test_distance);
  g_test_add_func ("/suggest/suggest", test_suggest);
  g_test_add_func ("/suggest/lookup", test_lookup);
  return g_test_run ();
}

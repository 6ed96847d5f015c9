/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-reasons.c — the names of the reasons a break waits, and which pause
 * reasons are taken: short printable one-liners, nothing else.
 */
#include <string.h>

#include "core/reasons.h"
#include "core/scheduler.h"

static void
test_defer_names (void)
{
  g_auto(GStrv) none = mobed_defer_reason_list (0);
  g_auto(GStrv) two = mobed_defer_reason_list (MOBED_DEFER_CAMERA | MOBED_DEFER_DUNST);
  g_auto(GStrv) all = mobed_defer_reason_list (MOBED_DEFER_DND | MOBED_DEFER_AT_DUE
                                                  | MOBED_DEFER_CALL);

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "dunst-paused");
  g_assert_cmpstr (two[1], ==, "camera");
  g_assert_cmpuint (g_strv_length (all), ==, MOBED_DEFER_COUNT);
  g_assert_cmpstr (mobed_defer_reason_name (MOBED_DEFER_GNOME), ==, "gnome-dnd");
  g_assert_cmpstr (mobed_defer_reason_name (MOBED_DEFER_INHIBITED), ==, "notifications-inhibited");
  g_assert_cmpstr (mobed_defer_reason_name (MOBED_DEFER_XFCE), ==, "xfce-dnd");
  g_assert_cmpstr (mobed_defer_reason_name (MOBED_DEFER_FULLSCREEN), ==, "fullscreen");
  g_assert_null (mobed_defer_reason_name (MOBED_DEFER_CAMERA | MOBED_DEFER_DUNST));
  g_assert_null (mobed_defer_reason_name (0));
  /* The two families do not overlap. */
  g_assert_cmpuint (MOBED_DEFER_DND & MOBED_DEFER_AT_DUE, ==, 0);
  g_assert_cmpuint ((MOBED_DEFER_DND | MOBED_DEFER_AT_DUE) & MOBED_DEFER_CALL, ==, 0);
}

static void
assert_bad (const char *reason, const char *why)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mobed_pause_reason_check (reason, &error));
  g_assert_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, why));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_pause_reasons (void)
{
  g_autofree char *longest = g_strnfill (MOBED_PAUSE_REASON_MAX, 'x');
  g_autofree char *too_long = g_strnfill (MOBED_PAUSE_REASON_MAX + 1, 'x');
  g_autoptr(GString) umlauts = g_string_new (NULL);

  g_assert_true (mobed_pause_reason_check ("", NULL));
  g_assert_true (mobed_pause_reason_check (MOBED_PAUSE_REASON_MEETING, NULL));
  g_assert_true (mobed_pause_reason_check ("dentist at 3", NULL));
  g_assert_true (mobed_pause_reason_check ("Mittagspause · Kantine", NULL));
  g_assert_true (mobed_pause_reason_check (longest, NULL));
  /* Characters, not bytes: 64 two-byte letters fit. */
  for (int i = 0; i < MOBED_PAUSE_REASON_MAX; i++)
    g_string_append (umlauts, "ä");
  g_assert_true (mobed_pause_reason_check (umlauts->str, NULL));
  g_string_append (umlauts, "ä");
  assert_bad (umlauts->str, "at most 64 characters; this one has 65");

  assert_bad (too_long, "at most 64 characters");
  assert_bad ("two\nlines", "one line");
  assert_bad ("tab\there", "control characters");
  assert_bad ("esc\033[31m", "control characters");
  assert_bad ("line\xe2\x80\xa8separator", "one line");
  assert_bad ("   ", "only spaces");
  assert_bad ("bad \xff utf-8", "UTF-8");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reasons/defer-names", test_defer_names);
  g_test_add_func ("/reasons/pause", test_pause_reasons);
  return g_test_run ();
}

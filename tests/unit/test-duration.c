/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-duration.c — the duration syntax shared by mobed.conf and mobectl:
 * what it accepts, what it refuses (and that the refusal quotes the text),
 * and that formatting reads back to the same value.
 */
#include <string.h>

#include "core/duration.h"

static void
assert_parses (const char *text, guint64 expected)
{
  g_autoptr(GError) error = NULL;
  guint64 seconds = 0;

  g_assert_true (mobed_duration_parse (text, &seconds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seconds, ==, expected);
}

static void
assert_refused (const char *text, MobedDurationError code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  guint64 seconds = 4242;

  g_assert_false (mobed_duration_parse (text, &seconds, &error));
  g_assert_error (error, MOBED_DURATION_ERROR, (int) code);
  g_assert_cmpuint (seconds, ==, 4242);           /* untouched on failure */
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_units (void)
{
  assert_parses ("90s", 90);
  assert_parses ("5m", 300);
  assert_parses ("2h", 7200);
  assert_parses ("1d", 86400);
  assert_parses ("1h30m", 5400);
  assert_parses ("1h30m15s", 5415);
  assert_parses ("1d2h", 93600);
  assert_parses ("  45s \n", 45);
  assert_parses ("0h5m", 300);
  assert_parses ("0005m", 300);
}

static void
test_clock_form (void)
{
  assert_parses ("1:30", 5400);
  assert_parses ("0:05", 300);
  assert_parses ("12:00", 43200);
  assert_refused ("1:5", MOBED_DURATION_ERROR_INVALID, "'1:5'");
  assert_refused ("1:60", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1:30:00", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused (":30", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("0:00", MOBED_DURATION_ERROR_RANGE, "zero");
}

static void
test_garbage (void)
{
  assert_refused ("banana", MOBED_DURATION_ERROR_INVALID, "'banana' is not a duration");
  assert_refused ("", MOBED_DURATION_ERROR_INVALID, "empty");
  assert_refused ("   ", MOBED_DURATION_ERROR_INVALID, "empty");
  assert_refused ("5x", MOBED_DURATION_ERROR_INVALID, "'5x'");
  assert_refused ("m5", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("5 m", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1.5h", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("30m1h", MOBED_DURATION_ERROR_INVALID, NULL);   /* units must shrink */
  assert_refused ("5m5m", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("5mm", MOBED_DURATION_ERROR_INVALID, NULL);
  /* A dash alone or before a word is not a negative number. */
  assert_refused ("-", MOBED_DURATION_ERROR_INVALID, "'-' is not a duration");
  assert_refused ("-m", MOBED_DURATION_ERROR_INVALID, "'-m' is not a duration");
  assert_refused ("--5m", MOBED_DURATION_ERROR_INVALID, NULL);
}

static void
test_missing_unit_hint (void)
{
  assert_refused ("10", MOBED_DURATION_ERROR_INVALID, "did you mean '10m'");
  assert_refused ("1h30", MOBED_DURATION_ERROR_INVALID, "'1h30'");
}

static void
test_range (void)
{
  assert_refused ("0s", MOBED_DURATION_ERROR_RANGE, "zero");
  assert_refused ("0", MOBED_DURATION_ERROR_RANGE, "zero");   /* not "did you mean '0m'" */
  assert_refused ("0m0s", MOBED_DURATION_ERROR_RANGE, "zero");
  assert_refused ("-5m", MOBED_DURATION_ERROR_RANGE, "negative");
  assert_refused ("367d", MOBED_DURATION_ERROR_RANGE, "too long");
  assert_refused ("99999999999999999999999s", MOBED_DURATION_ERROR_RANGE, "too long");
  assert_refused ("18446744073709551615h", MOBED_DURATION_ERROR_RANGE, NULL);
  assert_refused ("9999999:00", MOBED_DURATION_ERROR_RANGE, NULL);
  assert_parses ("366d", MOBED_DURATION_MAX_S);
}

static void
test_format_round_trip (void)
{
  const guint64 values[] = { 1, 59, 60, 61, 90, 300, 3599, 3600, 5400, 5415, 86400, 93784,
                             MOBED_DURATION_MAX_S };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = mobed_duration_format (values[i]);
      assert_parses (text, values[i]);
    }
  {
    g_autofree char *a = mobed_duration_format (5400);
    g_autofree char *b = mobed_duration_format (0);
    g_assert_cmpstr (a, ==, "1h30m");
    g_assert_cmpstr (b, ==, "0s");
  }
}

static void
test_format_human (void)
{
  const struct { guint64 s; const char *text; } cases[] = {
    { 0, "0 s" }, { 45, "45 s" }, { 60, "1 min" }, { 150, "2 min 30 s" },
    { 300, "5 min" }, { 3600, "1 h" }, { 5400, "1 h 30 min" },
    { 3605, "1 h" },            /* two units at most, and no "0 min" */
    { 90061, "1 d 1 h" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mobed_duration_format_human (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duration/units", test_units);
  g_test_add_func ("/duration/clock-form", test_clock_form);
  g_test_add_func ("/duration/garbage", test_garbage);
  g_test_add_func ("/duration/missing-unit-hint", test_missing_unit_hint);
  g_test_add_func ("/duration/range", test_range);
  g_test_add_func ("/duration/format-round-trip", test_format_round_trip);
  g_test_add_func ("/duration/format-human", test_format_human);
  return g_test_run ();
}

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
  assert_refused ("5 apples", MOBED_DURATION_ERROR_INVALID, "'5 apples' is not a duration");
  assert_refused ("5mx", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("5m,", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1.h", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused (".5h", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1.5.5h", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1.0000001h", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1.5s", MOBED_DURATION_ERROR_INVALID, "whole number of seconds");
  assert_refused ("and 5m", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("5m and", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("1 hour 30 minutes 2 hours", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("30m1h", MOBED_DURATION_ERROR_INVALID, NULL);   /* units must shrink */
  assert_refused ("5m5m", MOBED_DURATION_ERROR_INVALID, NULL);
  assert_refused ("5mm", MOBED_DURATION_ERROR_INVALID, NULL);
  /* A dash alone or before a word is not a negative number. */
  assert_refused ("-", MOBED_DURATION_ERROR_INVALID, "'-' is not a duration");
  assert_refused ("-m", MOBED_DURATION_ERROR_INVALID, "'-m' is not a duration");
  assert_refused ("--5m", MOBED_DURATION_ERROR_INVALID, NULL);
}

/* What people type when nobody told them the compact form. */
static void
test_words (void)
{
  assert_parses ("5min", 300);
  assert_parses ("5 min", 300);
  assert_parses ("5 m", 300);
  assert_parses ("5 mins", 300);
  assert_parses ("1.5h", 5400);
  assert_parses ("1.5 hours", 5400);
  assert_parses ("0.25h", 900);
  assert_parses ("1.5m", 90);
  assert_parses ("1h 30m", 5400);
  assert_parses ("1 h 30 min", 5400);
  assert_parses ("20 minutes", 1200);
  assert_parses ("1 minute", 60);
  assert_parses ("90 seconds", 90);
  assert_parses ("90 sec", 90);
  assert_parses ("2 hours", 7200);
  assert_parses ("2 hrs", 7200);
  assert_parses ("1 hour and 30 minutes", 5400);
  assert_parses ("2 days", 2 * 86400);
  assert_parses ("20 Minutes", 1200);
  assert_parses ("5M", 300);
  assert_parses ("1H30M", 5400);
  /* The human form mobectl prints reads back. */
  assert_parses ("2 min 30 s", 150);
  assert_parses ("1 d 1 h", 90000);
}

/* German words only for someone whose languages include German. */
#define GERMAN_ONLY 9

static void
test_languages (void)
{
  const char *const german[] = { "de_DE.UTF-8", "de_DE", "de", "C", NULL };
  const char *const austrian[] = { "de_AT", NULL };
  const char *const french[] = { "fr_FR.UTF-8", "fr", "C", NULL };
  const char *const deutsch_only[] = { "dex", NULL };
  const struct { const char *text; guint64 s; } cases[] = {
    /* German only: the first GERMAN_ONLY */
    { "20 Minuten", 1200 }, { "90 Sekunden", 90 }, { "5 Sek", 5 },
    { "2 Stunden", 7200 }, { "1 Stunde und 30 Minuten", 5400 }, { "1 Std", 3600 },
    { "2 Tage", 2 * 86400 }, { "1,5 h", 5400 }, { "1,5 Stunden", 5400 },
    /* the same in both */
    { "1 Minute", 60 }, { "5 min", 300 }, { "2 hours", 7200 }, { "1h30m", 5400 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 seconds = 0;

      g_assert_true (mobed_duration_parse_in (cases[i].text, german, &seconds, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (seconds, ==, cases[i].s);
      seconds = 0;
      g_assert_true (mobed_duration_parse_in (cases[i].text, austrian, &seconds, NULL));
      g_assert_cmpuint (seconds, ==, cases[i].s);
      seconds = 0;
      g_assert_true (mobed_duration_parse_in (cases[i].text, mobed_duration_all_languages,
                                              &seconds, NULL));
      g_assert_cmpuint (seconds, ==, cases[i].s);
    }
  /* Elsewhere the German words are refused with the usual message. */
  for (gsize i = 0; i < GERMAN_ONLY; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      guint64 seconds = 4242;

      g_assert_false (mobed_duration_parse_in (cases[i].text, french, &seconds, &error));
      g_assert_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "is not a duration"));
      g_assert_false (mobed_duration_parse_in (cases[i].text, deutsch_only, &seconds, &error2));
      g_assert_false (mobed_duration_parse (cases[i].text, &seconds, NULL));
      g_assert_cmpuint (seconds, ==, 4242);
    }
}

static void
test_missing_unit_hint (void)
{
  assert_refused ("10", MOBED_DURATION_ERROR_INVALID, "did you mean '10m'");
  assert_refused ("1h30", MOBED_DURATION_ERROR_INVALID, "'1h30'");
  assert_refused ("1h 30", MOBED_DURATION_ERROR_INVALID, "did you mean '1h 30m'");
  assert_refused ("1.5", MOBED_DURATION_ERROR_INVALID, "did you mean '1.5m'");
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
  g_test_add_func ("/duration/words", test_words);
  g_test_add_func ("/duration/languages", test_languages);
  g_test_add_func ("/duration/missing-unit-hint", test_missing_unit_hint);
  g_test_add_func ("/duration/range", test_range);
  g_test_add_func ("/duration/format-round-trip", test_format_round_trip);
  g_test_add_func ("/duration/format-human", test_format_human);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-duration.c — libFuzzer target for mobed_duration_parse(), the one
 * parser that both mobed.conf and mobectl's arguments go through.
 * Invariants: a parsed duration is 1 s to MOBED_DURATION_MAX_S, formatting
 * it reads back as the same number, ret_seconds is written only on success,
 * and every error is a MOBED_DURATION_ERROR with a UTF-8 message when the
 * text was UTF-8. The same holds with every language's unit words
 * (mobed_duration_parse_in), and what English reads, all languages read
 * as the same number.
 */
#include <string.h>

#include "core/duration.h"
#include "tests/fuzz/fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_glib_setup ();
  return 0;
}

static guint64
check_one (const char *text, const char *const *languages)
{
  g_autoptr(GError) error = NULL;
  const guint64 untouched = G_GUINT64_CONSTANT (0xdeadbeefcafe);
  guint64 seconds = untouched;

  if (!mobed_duration_parse_in (text, languages, &seconds, &error))
    {
      FUZZ_CHECK (error != NULL, "failed without an error for '%s'", text);
      FUZZ_CHECK (error->domain == MOBED_DURATION_ERROR, "error from another domain");
      FUZZ_CHECK (seconds == untouched, "ret_seconds written on failure");
      if (g_utf8_validate (text, -1, NULL))
        FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
      return 0;
    }

  FUZZ_CHECK (error == NULL, "succeeded with an error set");
  FUZZ_CHECK (seconds >= 1 && seconds <= MOBED_DURATION_MAX_S,
              "'%s' parsed to %" G_GUINT64_FORMAT " s, out of range", text, seconds);
  {
    g_autofree char *compact = mobed_duration_format (seconds);
    g_autofree char *human = mobed_duration_format_human (seconds);
    guint64 again = 0;

    FUZZ_CHECK (mobed_duration_parse (compact, &again, NULL) && again == seconds,
                "'%s' = %" G_GUINT64_FORMAT " s formats as '%s', which reads back as %"
                G_GUINT64_FORMAT, text, seconds, compact, again);
    FUZZ_CHECK (human != NULL && *human != '\0', "empty human form");
  }
  return seconds;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);   /* stops at a NUL */
  guint64 english, any;

  if (size > 4096)
    return -1;     /* nobody types that; keeps the fuzzer on short texts */

  english = check_one (text, NULL);
  any = check_one (text, mobed_duration_all_languages);
  FUZZ_CHECK (english == 0 || english == any,
              "'%s' is %" G_GUINT64_FORMAT " s in English but %" G_GUINT64_FORMAT
              " s with every language", text, english, any);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * duration.c — the one duration syntax of mobed, shared by mobed.conf and
 * mobectl: compact ("1h30m", "90s", "1:30") or as people write it ("5 min",
 * "1.5h", "1 hour 30 minutes", in German "20 Minuten" too). The caller says
 * which languages the user speaks; this file reads no locale. Errors quote
 * the text the user typed so they can see what to fix.
 */
#include "core/duration.h"

#include <string.h>

G_DEFINE_QUARK (mobed-duration-error-quark, mobed_duration_error)

#define HINT "try 90s, 5m, 1h30m or 1:30"

static gboolean
fail_invalid (const char *text, GError **error)
{
  g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_INVALID,
               "'%s' is not a duration (%s)", text, HINT);
  return FALSE;
}

static gboolean
fail_range (const char *text, GError **error)
{
  g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_RANGE,
               "'%s' is too long (the longest is 366 days)", text);
  return FALSE;
}

/* Unit words, matched without regard to case. English always; each other
 * language only when the caller says the user speaks it, because a word
 * only means something to someone who reads that language (and the letters
 * s, m, h, d stay the compact form everyone can type). */
typedef struct {
  const char *word;
  guint64     seconds;
} UnitWord;

#define DAY (G_GUINT64_CONSTANT (24) * 3600)

static const UnitWord english_units[] = {
  { "s", 1 }, { "sec", 1 }, { "secs", 1 }, { "second", 1 }, { "seconds", 1 },
  { "m", 60 }, { "min", 60 }, { "mins", 60 }, { "minute", 60 }, { "minutes", 60 },
  { "h", 3600 }, { "hr", 3600 }, { "hrs", 3600 }, { "hour", 3600 }, { "hours", 3600 },
  { "d", DAY }, { "day", DAY }, { "days", DAY },
  { NULL, 0 },
};

static const UnitWord german_units[] = {
  { "sek", 1 }, { "sekunde", 1 }, { "sekunden", 1 },
  { "minute", 60 }, { "minuten", 60 },
  { "std", 3600 }, { "stunde", 3600 }, { "stunden", 3600 },
  { "tag", DAY }, { "tage", DAY }, { "tagen", DAY },
  { NULL, 0 },
};

typedef struct {
  const char     *code;        /* the language part of a locale name */
  const UnitWord *units;
  const char     *and_word;    /* may join two parts: "1 hour and 30 minutes" */
  gboolean        decimal_comma;
} Language;

static const Language languages_known[] = {
  { "en", english_units, "and", FALSE },
  { "de", german_units, "und", TRUE },
};

const char *const mobed_duration_all_languages[] = { "en", "de", NULL };

/* "de", "de_AT", "de_DE.UTF-8" and "de@euro" all speak "de". */
static gboolean
speaks (const char *const *languages, const char *code)
{
  gsize len = strlen (code);

  if (g_str_equal (code, "en"))
    return TRUE;
  for (; languages != NULL && *languages != NULL; languages++)
    if (g_ascii_strncasecmp (*languages, code, len) == 0
        && strchr ("_.@", (*languages)[len]) != NULL)
      return TRUE;
  return FALSE;
}

/* Reads a run of decimal digits; FALSE if there is none. Saturates rather
 * than wrapping, so the range check can report a number too big. */
static gboolean
read_number (const char **p, guint64 *ret, guint *ret_digits)
{
  guint64 n = 0;
  guint digits = 0;
  const char *s = *p;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  for (; g_ascii_isdigit (*s); s++, digits++)
    {
      guint digit = *s - '0';
      if (n > (G_MAXUINT64 - digit) / 10)
        n = G_MAXUINT64;
      else
        n = n * 10 + digit;
    }
  *p = s;
  *ret = n;
  if (ret_digits != NULL)
    *ret_digits = digits;
  return TRUE;
}

/* "H:MM": minutes must be two digits below 60, so "1:5" is not a typo for 1:50. */
static gboolean
parse_clock_form (const char *s, const char *text, guint64 *ret, GError **error)
{
  guint64 hours, minutes;
  const char *p = s;

  if (!read_number (&p, &hours, NULL) || *p != ':')
    return fail_invalid (text, error);
  p++;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0')
    return fail_invalid (text, error);
  minutes = (p[0] - '0') * 10 + (p[1] - '0');
  if (minutes >= 60)
    return fail_invalid (text, error);
  if (hours > MOBED_DURATION_MAX_S / 3600)
    return fail_range (text, error);
  *ret = hours * 3600 + minutes * 60;
  return TRUE;
}

static void
skip_space (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

/* The seconds of the unit word at *p (a run of ASCII letters) in one of
 * the languages spoken, or 0 for no unit or an unknown word. */
static guint64
read_unit (const char **p, const char *const *languages)
{
  const char *s = *p;
  gsize len = 0;

  while (g_ascii_isalpha (s[len]))
    len++;
  if (len == 0)
    return 0;
  for (gsize l = 0; l < G_N_ELEMENTS (languages_known); l++)
    {
      if (!speaks (languages, languages_known[l].code))
        continue;
      for (const UnitWord *u = languages_known[l].units; u->word != NULL; u++)
        if (strlen (u->word) == len && g_ascii_strncasecmp (s, u->word, len) == 0)
          {
            *p = s + len;
            return u->seconds;
          }
    }
  return 0;
}

/* Skips "and" (or its translation) with the space after it, between parts. */
static void
skip_and (const char **p, const char *const *languages)
{
  for (gsize l = 0; l < G_N_ELEMENTS (languages_known); l++)
    {
      const char *word = languages_known[l].and_word;
      gsize len = strlen (word);

      if (speaks (languages, languages_known[l].code)
          && g_ascii_strncasecmp (*p, word, len) == 0 && g_ascii_isspace ((*p)[len]))
        {
          *p += len;
          skip_space (p);
          return;
        }
    }
}

static gboolean
decimal_comma (const char *const *languages)
{
  for (gsize l = 0; l < G_N_ELEMENTS (languages_known); l++)
    if (languages_known[l].decimal_comma && speaks (languages, languages_known[l].code))
      return TRUE;
  return FALSE;
}

/* Digits after a decimal point, at most this many: "1.5h" and "0.25h" are
 * what people write; a longer tail is a slip, not precision. */
#define FRACTION_DIGITS_MAX 6

gboolean
mobed_duration_parse_in (const char         *text,
                         const char *const  *languages,
                         guint64            *ret_seconds,
                         GError            **error)
{
  g_autofree char *s = NULL;
  const char *p;
  guint64 total = 0;
  guint64 last_unit = G_MAXUINT64;
  gboolean overflow = FALSE;
  gboolean comma = decimal_comma (languages);

  g_return_val_if_fail (text != NULL, FALSE);

  s = g_strstrip (g_strdup (text));
  if (*s == '\0')
    {
      g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_INVALID,
                   "an empty text is not a duration (%s)", HINT);
      return FALSE;
    }
  /* "-5m", but not a lone "-" or "-x": those are just not durations. */
  if (*s == '-' && g_ascii_isdigit (s[1]))
    {
      g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_RANGE,
                   "'%s' is negative; a duration must be longer than zero", text);
      return FALSE;
    }

  if (strchr (s, ':') != NULL)
    {
      if (!parse_clock_form (s, text, &total, error))
        return FALSE;
    }
  else
    {
      for (p = s; *p != '\0';)
        {
          guint64 n, unit, fraction = 0, scale = 1;
          guint digits = 0;

          if (p != s)
            skip_and (&p, languages);
          if (!read_number (&p, &n, NULL))
            return fail_invalid (text, error);
          if ((*p == '.' || (*p == ',' && comma)) && g_ascii_isdigit (p[1]))
            {
              p++;
              read_number (&p, &fraction, &digits);
              if (digits > FRACTION_DIGITS_MAX)
                return fail_invalid (text, error);
              for (guint i = 0; i < digits; i++)
                scale *= 10;
            }
          skip_space (&p);
          if (*p == '\0' && n == 0 && fraction == 0 && total == 0)
            {
              g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_RANGE,
                           "'%s' is zero; a duration must be longer than zero", text);
              return FALSE;
            }
          if (*p == '\0')
            {
              g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_INVALID,
                           "'%s' ends without a unit: did you mean '%sm'? (units are s, m, h, d)",
                           text, s);
              return FALSE;
            }
          unit = read_unit (&p, languages);
          /* Units must shrink left to right: "30m1h" is more likely a slip than intent. */
          if (unit == 0 || unit >= last_unit)
            return fail_invalid (text, error);
          /* A part must end here: "5mx" or "5m," is not a duration. */
          if (*p != '\0' && !g_ascii_isspace (*p) && !g_ascii_isdigit (*p))
            return fail_invalid (text, error);
          last_unit = unit;
          skip_space (&p);
          if (n > MOBED_DURATION_MAX_S / unit)
            overflow = TRUE;
          else
            {
              /* fraction < scale <= 10^6, so fraction * unit fits easily. */
              if (fraction * unit % scale != 0)
                {
                  g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_INVALID,
                               "'%s' is not a whole number of seconds (%s)", text, HINT);
                  return FALSE;
                }
              total += n * unit + fraction * unit / scale;
            }
        }
    }

  if (overflow || total > MOBED_DURATION_MAX_S)
    return fail_range (text, error);
  if (total == 0)
    {
      g_set_error (error, MOBED_DURATION_ERROR, MOBED_DURATION_ERROR_RANGE,
                   "'%s' is zero; a duration must be longer than zero", text);
      return FALSE;
    }
  *ret_seconds = total;
  return TRUE;
}

gboolean
mobed_duration_parse (const char *text, guint64 *ret_seconds, GError **error)
{
  return mobed_duration_parse_in (text, NULL, ret_seconds, error);
}

char *
mobed_duration_format (guint64 seconds)
{
  static const struct { char unit; guint64 size; } parts[] = {
    { 'd', 24 * 3600 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
  };
  GString *out;

  if (seconds == 0)
    return g_strdup ("0s");
  out = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint64 n = seconds / parts[i].size;
      if (n > 0)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT "%c", n, parts[i].unit);
      seconds %= parts[i].size;
    }
  return g_string_free (out, FALSE);
}

char *
mobed_duration_format_human (guint64 seconds)
{
  static const struct { const char *unit; guint64 size; } parts[] = {
    { "d", 24 * 3600 }, { "h", 3600 }, { "min", 60 }, { "s", 1 },
  };
  GString *out;
  guint shown = 0;

  if (seconds == 0)
    return g_strdup ("0 s");
  out = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (parts) && shown < 2; i++)
    {
      guint64 n = seconds / parts[i].size;
      seconds %= parts[i].size;
      if (n == 0)
        {
          if (shown > 0)
            break;          /* "1 h 0 min 5 s" reads worse than "1 h" */
          continue;
        }
      g_string_append_printf (out, "%s%" G_GUINT64_FORMAT " %s",
                              shown > 0 ? " " : "", n, parts[i].unit);
      shown++;
    }
  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * duration.c — the one duration syntax of mobed, shared by mobed.conf and
 * mobectl. Errors quote the text the user typed so they can see what to fix.
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

/* Reads a run of decimal digits; FALSE if there is none or it overflows. */
static gboolean
read_number (const char **p, guint64 *ret)
{
  guint64 n = 0;
  const char *s = *p;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  for (; g_ascii_isdigit (*s); s++)
    {
      guint digit = *s - '0';
      if (n > (G_MAXUINT64 - digit) / 10)
        n = G_MAXUINT64;          /* saturate; the range check reports it */
      else
        n = n * 10 + digit;
    }
  *p = s;
  *ret = n;
  return TRUE;
}

static guint64
unit_seconds (char unit)
{
  switch (unit)
    {
    case 'd': return 24 * 3600;
    case 'h': return 3600;
    case 'm': return 60;
    case 's': return 1;
    default:  return 0;
    }
}

/* "H:MM": minutes must be two digits below 60, so "1:5" is not a typo for 1:50. */
static gboolean
parse_clock_form (const char *s, const char *text, guint64 *ret, GError **error)
{
  guint64 hours, minutes;
  const char *p = s;

  if (!read_number (&p, &hours) || *p != ':')
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

gboolean
mobed_duration_parse (const char *text, guint64 *ret_seconds, GError **error)
{
  g_autofree char *s = NULL;
  const char *p;
  guint64 total = 0;
  guint64 last_unit = G_MAXUINT64;
  gboolean overflow = FALSE;

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
          guint64 n, unit;

          if (!read_number (&p, &n))
            return fail_invalid (text, error);
          if (*p == '\0' && n == 0 && total == 0)
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
          unit = unit_seconds (*p);
          /* Units must shrink left to right: "30m1h" is more likely a slip than intent. */
          if (unit == 0 || unit >= last_unit)
            return fail_invalid (text, error);
          last_unit = unit;
          p++;
          if (n > MOBED_DURATION_MAX_S / unit)
            overflow = TRUE;
          else
            total += n * unit;
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * suggest.c — the nearest known word to a mistyped one, for the "did you
 * mean" hints of mobectl and of mobed's warnings. Pure: words in, word out.
 */
#include "core/suggest.h"

/* Words longer than this are not typos of a command or key but pasted text:
 * they get no suggestion, and the table below stays small. */
#define WORD_MAX 64

guint
mobed_suggest_distance (const char *a, const char *b)
{
  g_autofree char *fa = NULL, *fb = NULL;
  g_autofree gunichar *ua = NULL, *ub = NULL;
  glong na = 0, nb = 0;
  guint d[WORD_MAX + 1][WORD_MAX + 1];

  g_return_val_if_fail (a != NULL && b != NULL, G_MAXUINT);

  if (!g_utf8_validate (a, -1, NULL) || !g_utf8_validate (b, -1, NULL))
    return G_MAXUINT;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  ua = g_utf8_to_ucs4_fast (fa, -1, &na);
  ub = g_utf8_to_ucs4_fast (fb, -1, &nb);
  if (na > WORD_MAX || nb > WORD_MAX)
    return G_MAXUINT;

  /* The optimal-string-alignment form of Damerau-Levenshtein: "stauts"
   * is one swap from "status", not two replacements. */
  for (glong i = 0; i <= na; i++)
    d[i][0] = i;
  for (glong j = 0; j <= nb; j++)
    d[0][j] = j;
  for (glong i = 1; i <= na; i++)
    for (glong j = 1; j <= nb; j++)
      {
        guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
        guint best = MIN (d[i - 1][j] + 1, d[i][j - 1] + 1);

        best = MIN (best, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && ua[i - 1] == ub[j - 2] && ua[i - 2] == ub[j - 1])
          best = MIN (best, d[i - 2][j - 2] + 1);
        d[i][j] = best;
      }
  return d[na][nb];
}

const char *
mobed_suggest (const char *word, const char *const *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  glong len;
  guint allowed;

  g_return_val_if_fail (word != NULL, NULL);

  if (candidates == NULL || !g_utf8_validate (word, -1, NULL))
    return NULL;
  len = g_utf8_strlen (word, -1);
  allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
  for (; *candidates != NULL; candidates++)
    {
      guint d = mobed_suggest_distance (word, *candidates);

      if (d < best_distance)
        {
          best = *candidates;
          best_distance = d;
        }
    }
  return best_distance <= allowed ? best : NULL;
}

static gboolean
has_prefix_casefold (const char *text, const char *prefix)
{
  g_autofree char *t = g_utf8_casefold (text, -1);
  g_autofree char *p = g_utf8_casefold (prefix, -1);

  return g_str_has_prefix (t, p);
}

static gboolean
equal_casefold (const char *a, const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

int
mobed_suggest_lookup (const char         *word,
                      const char *const  *ids,
                      const char *const  *names,
                      GArray            **ret_candidates)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (word != NULL && ids != NULL && names != NULL, -1);

  if (ret_candidates != NULL)
    *ret_candidates = NULL;
  if (*word == '\0' || !g_utf8_validate (word, -1, NULL))
    return -1;
  /* An exact id wins over a name, and a whole name over a prefix, so a
   * name that begins another ("Neck circles" and "Neck circles, big")
   * can still be asked for. */
  for (int i = 0; ids[i] != NULL; i++)
    if (equal_casefold (word, ids[i]))
      return i;
  for (int i = 0; names[i] != NULL; i++)
    if (g_utf8_validate (names[i], -1, NULL) && equal_casefold (word, names[i]))
      return i;
  for (int i = 0; ids[i] != NULL && names[i] != NULL; i++)
    if (has_prefix_casefold (ids[i], word)
        || (g_utf8_validate (names[i], -1, NULL) && has_prefix_casefold (names[i], word)))
      g_array_append_val (found, i);
  if (found->len == 1)
    return g_array_index (found, int, 0);
  if (found->len > 1 && ret_candidates != NULL)
    *ret_candidates = g_steal_pointer (&found);
  return -1;
}

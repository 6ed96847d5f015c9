/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.c — mobectl's tables that fit the terminal (mobectl drills): column
 * widths from the cells and the space there is, cells wrapped at spaces and
 * at line breaks.
 * Widths count characters, as the rest of mobectl does.
 */
#include "cli/table.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/text.h"

#define GAP 2
#define DEFAULT_WIDTH 80

int
mobectl_terminal_width (void)
{
  const char *columns = g_getenv ("COLUMNS");
  guint64 n;
  struct winsize ws;

  if (columns != NULL && g_ascii_string_to_unsigned (columns, 10, 20, 1000, &n, NULL))
    return (int) n;
  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return DEFAULT_WIDTH;
}

/* @text in lines of at most @width characters, broken at spaces; a word
 * longer than a line is cut, its end replaced by "…". */
static GPtrArray *
wrap (const char *text, int width)
{
  g_auto(GStrv) words = g_regex_split_simple ("( |\n)", text, 0, 0);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *line = g_string_new (NULL);

  width = MAX (width, 2);
  for (char **w = words; *w != NULL; w++)
    {
      g_autofree char *word = NULL;
      int len = mobectl_text_width (*w);

      /* The separators come back as words of their own: a line break
       * ends the line, a space only separates. */
      if (g_str_equal (*w, "\n"))
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
          continue;
        }
      if (**w == '\0' || g_str_equal (*w, " "))
        continue;
      if (len > width)
        {
          g_autofree char *head = g_utf8_substring (*w, 0, width - 1);
          word = g_strconcat (head, "…", NULL);
          len = width;
        }
      else
        word = g_strdup (*w);
      if (line->len > 0 && mobectl_text_width (line->str) + 1 + len > width)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, word);
    }
  g_ptr_array_add (lines, g_string_free (line, FALSE));
  return lines;
}

/* The longest word of @text: the narrowest its column can be without
 * cutting a word. */
static int
longest_word (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("[ \n]", text, 0, 0);
  int longest = 0;

  for (char **w = words; *w != NULL; w++)
    longest = MAX (longest, mobectl_text_width (*w));
  return longest;
}

/* Narrows @widths to fit @width, each column down to its floor at most,
 * one character at a time from the column with the most to give, so the
 * long lists give way before the short ones are touched. FALSE if the
 * floors alone are wider. */
static gboolean
fit (int *widths, const int *floors, guint n_columns, int width)
{
  int total = GAP * ((int) n_columns - 1);

  for (guint c = 0; c < n_columns; c++)
    total += widths[c];
  while (total > width)
    {
      int best = -1, spare = 0;

      for (guint c = 0; c < n_columns; c++)
        if (widths[c] - floors[c] > spare)
          {
            best = (int) c;
            spare = widths[c] - floors[c];
          }
      if (best < 0)
        return FALSE;
      widths[best]--;
      total--;
    }
  return TRUE;
}

static void
print_row (const char *const *row, const int *widths, guint n_columns)
{
  g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint height = 1;

  for (guint c = 0; c < n_columns; c++)
    {
      GPtrArray *lines = wrap (row[c], widths[c]);
      height = MAX (height, lines->len);
      g_ptr_array_add (wrapped, lines);
    }
  for (guint l = 0; l < height; l++)
    {
      GString *out = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          GPtrArray *lines = wrapped->pdata[c];
          const char *text = l < lines->len ? lines->pdata[l] : "";

          if (c + 1 < n_columns)
            {
              g_autofree char *cell = mobectl_pad (text, widths[c] + GAP, FALSE);
              g_string_append (out, cell);
            }
          else
            g_string_append (out, text);
        }
      /* No trailing spaces when the last cells of a line are empty. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_print ("%s\n", out->str);
      g_string_free (out, TRUE);
    }
}

/* Columns that must fit cut words when nothing else helps: as narrow as
 * this, a cut word still shows what it was. */
#define CUT_FLOOR 8

/* Narrows each column to its longest line once wrapped at @widths: a
 * column wrapped at spaces may need less than it got. Returns the width of
 * the table. */
static int
tighten (const char *const *headers, guint n_columns, GPtrArray *cells, int *widths)
{
  guint n_rows = cells->len / n_columns;
  int total = GAP * ((int) n_columns - 1);

  for (guint c = 0; c < n_columns; c++)
    {
      int used = 0;

      for (guint r = 0; r <= n_rows; r++)
        {
          g_autoptr(GPtrArray) lines = wrap (r < n_rows ? cells->pdata[r * n_columns + c]
                                                        : headers[c], widths[c]);
          for (guint l = 0; l < lines->len; l++)
            used = MAX (used, mobectl_text_width (lines->pdata[l]));
        }
      widths[c] = used;
      total += used;
    }
  return total;
}

gboolean
mobectl_table_print (const char *const *headers, guint n_columns, GPtrArray *cells,
                     const gboolean *fixed, int width, gboolean may_cut)
{
  g_autofree int *natural = g_new0 (int, n_columns);
  g_autofree int *widths = g_new0 (int, n_columns);
  g_autofree int *best = g_new0 (int, n_columns);
  g_autofree int *floors = g_new0 (int, n_columns);
  guint n_rows = cells->len / n_columns;
  gsize size = n_columns * sizeof (int);
  int target = width;

  for (guint c = 0; c < n_columns; c++)
    {
      natural[c] = mobectl_text_width (headers[c]);
      floors[c] = longest_word (headers[c]);
      for (guint r = 0; r < n_rows; r++)
        {
          const char *cell = cells->pdata[r * n_columns + c];

          natural[c] = MAX (natural[c], mobectl_text_width (cell));
          floors[c] = MAX (floors[c], longest_word (cell));
        }
      if (fixed[c])
        floors[c] = natural[c];
    }
  memcpy (widths, natural, size);
  if (!fit (widths, floors, n_columns, width))
    {
      if (!may_cut)
        return FALSE;
      for (guint c = 0; c < n_columns; c++)
        if (!fixed[c])
          floors[c] = MIN (floors[c], CUT_FLOOR);
      memcpy (widths, natural, size);
      fit (widths, floors, n_columns, width);     /* else it overflows: so be it */
    }
  tighten (headers, n_columns, cells, widths);
  memcpy (best, widths, size);
  /* Wrapping gave back what the words did not fill: offer it again, so
   * the table uses the width it may have, a few rounds at most. */
  for (int round = 0; round < 8; round++)
    {
      int used;

      memcpy (widths, natural, size);
      target += width - tighten (headers, n_columns, cells, best);
      if (!fit (widths, floors, n_columns, target))
        break;
      used = tighten (headers, n_columns, cells, widths);
      if (used > width)
        break;
      memcpy (best, widths, size);
      if (used == width || memcmp (widths, natural, size) == 0)
        break;
    }
  print_row (headers, best, n_columns);
  for (guint r = 0; r < n_rows; r++)
    print_row ((const char *const *) &cells->pdata[r * n_columns], best, n_columns);
  return TRUE;
}

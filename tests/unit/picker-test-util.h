/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * picker-test-util.h — what test-picker.c and test-picker-spread.c share:
 * the fixture of shipped-catalog.h, and the checks every pick and every
 * simulated working day must pass.
 */
#pragma once

#include "core/picker.h"
#include "shipped-catalog.h"

#define BREAKS_PER_DAY 32

/* Replaces @list (focus or exclude) with the words of @words. */
static inline void
set_list (GStrv *list, const char *const *words)
{
  g_strfreev (*list);
  *list = g_strdupv ((char **) words);
}

/* Everything a single pick must satisfy, whatever the config. */
static inline void
assert_valid (Fixture *f, const MobedChoice *c)
{
  guint64 total = 0;

  g_assert_cmpuint (c->n, >=, 1);
  g_assert_cmpuint (c->n, <=, MOBED_PICK_MAX);
  if (c->n == 2)
    g_assert_cmpstr (c->items[0].id, !=, c->items[1].id);
  for (guint j = 0; j < c->n; j++)
    {
      const MobedDrill *d = shipped_drill (f, c->items[j].id);
      guint deliberate = d->per_side ? 5 : 10;
      /* A set at or below the deliberate minimum may lose up to a fifth
       * (never to 3 or fewer); a larger one keeps the minimum. */
      guint floor = d->reps_small <= deliberate
                    ? MAX (MIN (d->reps_small, 4), d->reps_small - d->reps_small / 5)
                    : deliberate;

      g_assert_cmpuint (c->items[j].reps, >=, floor);
      g_assert_cmpuint (c->items[j].reps, <=, d->reps_small);
      g_assert_true (d->settings & f->config.settings);
      g_assert_false (g_strv_contains ((const char *const *) f->config.exclude, d->id));
      g_assert_true (c->items[j].name == d->name);
      total += mobed_picker_set_seconds (d, c->items[j].reps);
    }
  g_assert_cmpuint (total, <=, f->config.break_length_s);
}

static inline gboolean
choice_has (const MobedChoice *c, const char *id)
{
  for (guint j = 0; j < c->n; j++)
    if (g_str_equal (c->items[j].id, id))
      return TRUE;
  return FALSE;
}

static inline gboolean
choices_share (const MobedChoice *a, const MobedChoice *b)
{
  for (guint j = 0; j < a->n; j++)
    if (choice_has (b, a->items[j].id))
      return TRUE;
  return FALSE;
}

/* A working day: @n breaks on @day, each checked with assert_valid. */
static inline void
run_day (Fixture *f, MobedPicker *p, guint day, MobedChoice *out, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (mobed_picker_pick (p, &f->config, day, FALSE, &out[i]));
      assert_valid (f, &out[i]);
    }
}

static inline void
assert_no_repeat_within (const MobedChoice *c, guint n, guint window)
{
  for (guint i = 0; i < n; i++)
    for (guint back = 1; back <= window && back <= i; back++)
      if (choices_share (&c[i], &c[i - back]))
        {
          /* Not fatal, so the other tests still run and report. */
          g_test_fail_printf ("break %u repeats a drill from %u break(s) before (%s)",
                              i, back, c[i].items[0].id);
          return;
        }
}

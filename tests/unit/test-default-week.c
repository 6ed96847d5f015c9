/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-default-week.c — what a user at default settings is offered over a
 * seeded week, printed for people to read (issue 17's closing numbers):
 * breaks per region, how often each drill came, the abdominal lift's
 * count, the smallest everyday set, how much more often focus drills come,
 * and the largest set any focus plan proposes. The asserts hold the
 * README's and the catalog's claims to those numbers.
 */
#include "core/focus.h"
#include "core/picker.h"
#include "shipped-catalog.h"

/* 8 working hours at the default 15 min interval. */
#define BREAKS_PER_DAY 32
#define DAYS           7
#define SEED           2026

typedef struct {
  guint region_breaks[MOBED_REGION_COUNT];
  GHashTable *times;      /* drill id → times offered */
  guint items;            /* drills offered, first and second */
  guint smallest;         /* fewest reps in any offer */
  const char *smallest_id;
} Week;

static void
week_clear (Week *w)
{
  g_clear_pointer (&w->times, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Week, week_clear)

static guint
times (const Week *w, const char *id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (w->times, id));
}

static void
run_week (Fixture *f, guint32 seed, Week *w)
{
  g_autoptr(MobedPicker) p = mobed_picker_new (f->catalog, seed);

  *w = (Week) { .times = g_hash_table_new (g_str_hash, g_str_equal), .smallest = G_MAXUINT };
  for (guint day = 1; day <= DAYS; day++)
    for (guint i = 0; i < BREAKS_PER_DAY; i++)
      {
        MobedChoice c;
        guint regions = 0;

        g_assert_true (mobed_picker_pick (p, &f->config, day, FALSE, &c));
        for (guint j = 0; j < c.n; j++)
          {
            const MobedDrill *d = mobed_catalog_find (f->catalog, c.items[j].id);

            regions |= d->regions;
            w->items++;
            g_hash_table_insert (w->times, (gpointer) d->id,
                                 GUINT_TO_POINTER (times (w, d->id) + 1));
            if (c.items[j].reps < w->smallest)
              {
                w->smallest = c.items[j].reps;
                w->smallest_id = d->id;
              }
          }
        for (guint r = 0; r < MOBED_REGION_COUNT; r++)
          w->region_breaks[r] += (regions >> r) & 1;
      }
}

/* Offers of drills tagged @tag in a seeded week, over a few seeds. */
static guint
tagged_offers (Fixture *f, const char *tag)
{
  guint n = 0;

  for (guint32 seed = SEED; seed < SEED + 5; seed++)
    {
      g_auto(Week) w = { 0 };

      run_week (f, seed, &w);
      for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
        {
          const MobedDrill *d = mobed_catalog_nth (f->catalog, i);

          if (mobed_drill_has_tag (d, tag))
            n += times (&w, d->id);
        }
    }
  return n;
}

/* The largest set a focus plan proposes at default settings and default
 * doses, over every good-for tag in the catalog. */
static void
largest_focus_set (Fixture *f, guint *reps, char **reps_what, guint64 *seconds,
                   char **seconds_what)
{
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer tag;

  *reps = 0;
  *seconds = 0;
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    for (char **t = mobed_catalog_nth (f->catalog, i)->good_for; *t != NULL; t++)
      g_hash_table_add (tags, *t);
  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &tag, NULL))
    {
      const char *targets[] = { tag, NULL };
      MobedFocusRequest req = { 0 };
      MobedFocusPlan plan;
      g_autoptr(GError) error = NULL;
      guint64 s;

      /* A tag whose drills all need another place has no plan here. */
      if (!mobed_focus_plan_make (f->catalog, &f->config, targets, &req, &plan, &error))
        {
          g_assert_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_UNKNOWN);
          continue;
        }
      for (guint i = 0; i < plan.n_items; i++)
        {
          const MobedDrill *d = mobed_catalog_find (f->catalog, plan.items[i].drill_id);
          guint total = plan.items[i].reps * (d->per_side ? 2 : 1);

          g_assert_true (d->settings & f->config.settings);
          g_assert_cmpuint (plan.items[i].reps, <=, d->reps_max);
          if (total > *reps)
            {
              *reps = total;
              g_free (*reps_what);
              *reps_what = g_strdup_printf ("%s in a %s plan, %u %s", d->id, (char *) tag,
                                            plan.items[i].reps,
                                            !d->per_side ? "in all"
                                            : d->each_way ? "each way" : "per side");
            }
        }
      s = mobed_focus_set_seconds (&plan, f->catalog);
      if (s > *seconds)
        {
          *seconds = s;
          g_free (*seconds_what);
          *seconds_what = g_strdup (tag);
        }
    }
}

static void
test_default_week (Fixture *f, gconstpointer data)
{
  g_auto(Week) w = { 0 };
  g_autoptr(GString) regions = g_string_new (NULL);
  g_autoptr(GString) drills = g_string_new (NULL);
  g_autofree char *reps_what = NULL, *seconds_what = NULL;
  guint plain, focused, largest;
  guint64 longest;

  run_week (f, SEED, &w);
  for (guint r = 0; r < MOBED_REGION_COUNT; r++)
    g_string_append_printf (regions, " %s %u", mobed_region_name (1u << r),
                            w.region_breaks[r]);
  for (guint i = 0; i < mobed_catalog_size (f->catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (f->catalog, i);

      g_string_append_printf (drills, " %s %u", d->id, times (&w, d->id));
      /* Every drill the settings allow comes up, breath work aside. */
      if ((d->settings & f->config.settings) && d->regions != MOBED_REGION_BREATHING)
        g_assert_cmpuint (times (&w, d->id), >, 0);
    }
  g_test_message ("default week, seed %u, %u breaks of 45 s, %u drills offered",
                  SEED, DAYS * BREAKS_PER_DAY, w.items);
  g_test_message ("breaks per region:%s", regions->str);
  g_test_message ("times each drill came:%s", drills->str);
  g_assert_cmpuint (times (&w, "abdominal-lift"), ==, 0);
  g_assert_cmpuint (w.region_breaks[9], ==, 0);   /* breathing */
  {
    /* Asked for, at most once a day. */
    g_auto(Week) asked = { 0 };

    g_strfreev (f->config.focus);
    f->config.focus = g_strsplit ("stress", ";", -1);
    run_week (f, SEED, &asked);
    g_test_message ("abdominal lift: %u (opt-in only); with focus=stress, %u in the same "
                    "week", times (&w, "abdominal-lift"), times (&asked, "abdominal-lift"));
    g_assert_cmpuint (times (&asked, "abdominal-lift"), <=, DAYS);
    g_strfreev (f->config.focus);
    f->config.focus = g_new0 (char *, 1);
  }

  /* The README: a set is at least 10 (5 a side), except for slow drills
   * defined with fewer, which may lose up to a fifth. */
  g_test_message ("smallest everyday set: %u (%s)", w.smallest, w.smallest_id);
  g_assert_cmpuint (w.smallest, >=, 4);

  /* The README: focus drills come about twice as often. */
  plain = tagged_offers (f, "neck-pain");
  g_strfreev (f->config.focus);
  f->config.focus = g_strsplit ("neck-pain", ";", -1);
  focused = tagged_offers (f, "neck-pain");
  g_test_message ("focus=neck-pain: neck-pain drills offered %u times in 5 seeded weeks, "
                  "%u without (%.1f times)", focused, plain, (double) focused / plain);
  g_assert_cmpfloat ((double) focused / plain, >=, 1.6);
  g_assert_cmpfloat ((double) focused / plain, <=, 2.6);
  g_strfreev (f->config.focus);
  f->config.focus = g_new0 (char *, 1);

  largest_focus_set (f, &largest, &reps_what, &longest, &seconds_what);
  g_test_message ("largest focus set at default settings: %u reps (%s); longest set %"
                  G_GUINT64_FORMAT " s (%s)", largest, reps_what, longest, seconds_what);
  /* The source's worked example, 40 each way of neck circles, is the top. */
  g_assert_cmpuint (largest, <=, 80);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/default-week/printed", Fixture, NULL, setup, test_default_week, teardown);
  return g_test_run ();
}

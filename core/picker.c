/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * picker.c — the small-batch picker. For each break: keep the drills the
 * user can do where they are, drop the ones just done, weight the rest
 * toward body regions not yet moved today and toward the user's focus,
 * draw one at random (seeded, so tests can replay a day), then add a second
 * if the first leaves enough of the break. Breath work (the abdominal lift,
 * a breath-hold) is not part of the everyday rotation: it comes only when
 * the focus asks for it, at most once a day. Reads no clock and does no I/O.
 */
#include "core/picker.h"

#include <string.h>

/* Below this many reps a set stops being a drill and becomes fidgeting;
 * drills defined with fewer (the abdominal lift) keep their own number. */
#define MIN_DELIBERATE_REPS 10
/* 1-3 reps is squirming, not a drill: no set is trimmed to this or below. */
#define SQUIRMING_REPS 3
/* A second drill is worth adding only if this much of the break is left. */
#define MIN_SECOND_S 15
/* A region moved this many breaks ago counts as fresh again. */
#define FRESH_AFTER 8
/* Region rotation divides a just-moved region's weight by about 16, so the
 * focus weight must be large enough to survive it (measured: 4 gave focus
 * drills only ~1.5× their unfocused share, 8 gives ~1.85×). */
#define FOCUS_WEIGHT 8.0
/* Breathing is not a part of the body to spread movement over: a drill
 * that moves nothing else is breath work, offered only on request. */
#define BODY_REGIONS (((1u << MOBED_REGION_COUNT) - 1) & ~(guint) MOBED_REGION_BREATHING)

struct _MobedPicker {
  const MobedCatalog *catalog;
  GRand              *rand;
  guint               day;
  guint               breaks_today;
  guint               region_last[MOBED_REGION_COUNT];   /* break number, 0 = not today */
  guint               region_before[MOBED_REGION_COUNT]; /* before the last pick */
  char               *recent[MOBED_PICKER_RECENT][MOBED_PICK_MAX];  /* [0] = last break */
  char               *dropped[MOBED_PICK_MAX];  /* pushed out by the last pick */
  gboolean            breath_today;             /* breath work offered today */
  gboolean            breath_before;            /* before the last pick */
};

MobedPicker *
mobed_picker_new (const MobedCatalog *catalog, guint32 seed)
{
  MobedPicker *self = g_new0 (MobedPicker, 1);

  self->catalog = catalog;
  self->rand = g_rand_new_with_seed (seed);
  return self;
}

void
mobed_picker_free (MobedPicker *self)
{
  if (self == NULL)
    return;
  for (guint j = 0; j < MOBED_PICK_MAX; j++)
    {
      for (guint i = 0; i < MOBED_PICKER_RECENT; i++)
        g_free (self->recent[i][j]);
      g_free (self->dropped[j]);
    }
  g_rand_free (self->rand);
  g_free (self);
}

void
mobed_picker_set_catalog (MobedPicker *self, const MobedCatalog *catalog)
{
  self->catalog = catalog;
}

guint64
mobed_picker_set_seconds (const MobedDrill *drill, guint reps)
{
  return (guint64) reps * (drill->per_side ? 2 : 1) * drill->seconds_per_rep;
}

guint
mobed_picker_fit_reps (const MobedDrill *drill, guint64 seconds)
{
  guint64 per_rep = mobed_picker_set_seconds (drill, 1);
  guint64 most = seconds / per_rep;
  /* Per side, half the deliberate minimum on each side makes a full set. */
  guint deliberate = drill->per_side ? MIN_DELIBERATE_REPS / 2 : MIN_DELIBERATE_REPS;
  guint floor = MIN (drill->reps_small, deliberate);

  /* A slow drill whose everyday set is already at or below the deliberate
   * minimum (the iliopsoas lunge: 5 a side at 5 s, 50 s) would otherwise
   * never fit a default 45 s break, so its trouble spot (sitting all day)
   * would get nothing. Such a set may lose up to a fifth, rounded in the
   * set's favour, but never down into squirming: 4 slow lunges a side is
   * still "several times" each side. Larger sets keep the deliberate
   * minimum, and sets of 3 or fewer (the abdominal lift) stay whole. */
  if (drill->reps_small <= deliberate)
    floor = MAX (MIN (drill->reps_small, SQUIRMING_REPS + 1),
                 drill->reps_small - drill->reps_small / 5);

  if (most < floor)
    return 0;
  return (guint) MIN (most, drill->reps_small);
}

void
mobed_offer_from_drill (MobedOffer *offer, const MobedDrill *drill, guint reps)
{
  offer->id = drill->id;
  offer->name = drill->name;
  offer->summary = drill->summary;
  offer->reps = reps;
  offer->unit = !drill->per_side ? MOBED_REPS_TIMES
                : drill->each_way ? MOBED_REPS_EACH_WAY : MOBED_REPS_PER_SIDE;
}

static gboolean
matches_focus (const MobedDrill *d, const char *const *focus)
{
  for (char **t = d->good_for; *t != NULL; t++)
    if (g_strv_contains (focus, *t))
      return TRUE;
  for (guint i = 0; i < MOBED_REGION_COUNT; i++)
    if ((d->regions & (1u << i)) && g_strv_contains (focus, mobed_region_name (1u << i)))
      return TRUE;
  return FALSE;
}

/* The article's lift is three breath-holds a morning, not an everyday
 * microbreak: drills that move only the breathing are left to people who
 * ask for them (see matches_focus). */
static gboolean
is_breath_work (const MobedDrill *d)
{
  return d->regions != 0 && (d->regions & BODY_REGIONS) == 0;
}

static gboolean
in_recent (MobedPicker *self, const char *id, guint breaks)
{
  for (guint i = 0; i < MIN (breaks, MOBED_PICKER_RECENT); i++)
    for (guint j = 0; j < MOBED_PICK_MAX; j++)
      if (g_strcmp0 (self->recent[i][j], id) == 0)
        return TRUE;
  return FALSE;
}

/* How fresh a drill's body regions are today, 0 (all just moved) to 1
 * (none moved today). Breathing does not count; breath work, which comes
 * once a day at most, is always fresh. */
static double
novelty (MobedPicker *self, const MobedDrill *d)
{
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < MOBED_REGION_COUNT; i++)
    {
      guint age;

      if (!(d->regions & BODY_REGIONS & (1u << i)))
        continue;
      n++;
      if (self->region_last[i] == 0)
        {
          sum += 1.0;
          continue;
        }
      age = self->breaks_today + 1 - self->region_last[i];
      sum += (double) MIN (age, FRESH_AFTER) / FRESH_AFTER;
    }
  return n > 0 ? sum / n : 1.0;
}

static double
weight (MobedPicker *self, const MobedConfig *config, const MobedDrill *d, guint avoid_regions)
{
  double fresh = novelty (self, d);
  double w = 0.05 + fresh * fresh;

  if (matches_focus (d, (const char *const *) config->focus))
    w *= FOCUS_WEIGHT;
  if (d->regions & avoid_regions)
    w *= 0.1;          /* a second drill should move something else */
  return w;
}

/* Drills allowed at all: where the user is, not excluded, fitting @seconds,
 * not in @avoid; breath work only if the focus names it and none came
 * today. */
static GPtrArray *
eligible (MobedPicker *self, const MobedConfig *config, guint64 seconds,
          const char *const *avoid)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < mobed_catalog_size (self->catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (self->catalog, i);

      if (!(d->settings & config->settings) || g_strv_contains ((const char *const *) config->exclude, d->id)
          || mobed_picker_fit_reps (d, seconds) == 0
          || (avoid != NULL && g_strv_contains (avoid, d->id)))
        continue;
      if (is_breath_work (d)
          && (self->breath_today || !matches_focus (d, (const char *const *) config->focus)))
        continue;
      g_ptr_array_add (out, (gpointer) d);
    }
  return out;
}

/* Narrows @pool to drills not offered in the last @breaks breaks, unless
 * that would leave nothing (then FALSE and @pool as it was). */
static gboolean
drop_recent (MobedPicker *self, GPtrArray *pool, guint breaks)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < pool->len; i++)
    {
      const MobedDrill *d = pool->pdata[i];
      if (!in_recent (self, d->id, breaks))
        g_ptr_array_add (kept, (gpointer) d);
    }
  if (kept->len == 0)
    return FALSE;
  g_ptr_array_set_size (pool, 0);
  g_ptr_array_extend (pool, kept, NULL, NULL);
  return TRUE;
}

static const MobedDrill *
draw (MobedPicker *self, const MobedConfig *config, GPtrArray *pool, guint avoid_regions)
{
  g_autofree double *w = g_new (double, MAX (pool->len, 1));
  double total = 0, x;

  if (pool->len == 0)
    return NULL;
  for (guint i = 0; i < pool->len; i++)
    total += w[i] = weight (self, config, pool->pdata[i], avoid_regions);
  x = g_rand_double (self->rand) * total;
  for (guint i = 0; i < pool->len; i++)
    {
      if (x < w[i])
        return pool->pdata[i];
      x -= w[i];
    }
  return pool->pdata[pool->len - 1];
}

static void
remember (MobedPicker *self, const MobedChoice *choice)
{
  /* Kept, not freed: "Another" puts it back when it takes this pick out. */
  for (guint j = 0; j < MOBED_PICK_MAX; j++)
    {
      g_free (self->dropped[j]);
      self->dropped[j] = g_steal_pointer (&self->recent[MOBED_PICKER_RECENT - 1][j]);
    }
  memmove (self->recent[1], self->recent[0],
           sizeof self->recent[0] * (MOBED_PICKER_RECENT - 1));
  for (guint j = 0; j < MOBED_PICK_MAX; j++)
    self->recent[0][j] = j < choice->n ? g_strdup (choice->items[j].id) : NULL;

  memcpy (self->region_before, self->region_last, sizeof self->region_last);
  self->breath_before = self->breath_today;
  self->breaks_today++;
  for (guint j = 0; j < choice->n; j++)
    {
      const MobedDrill *d = mobed_catalog_find (self->catalog, choice->items[j].id);
      if (d != NULL && is_breath_work (d))
        self->breath_today = TRUE;
      for (guint i = 0; d != NULL && i < MOBED_REGION_COUNT; i++)
        if (d->regions & (1u << i))
          self->region_last[i] = self->breaks_today;
    }
}

static void
free_avoid (char *avoid[MOBED_PICK_MAX + 1])
{
  for (guint j = 0; j < MOBED_PICK_MAX; j++)
    g_clear_pointer (&avoid[j], g_free);
}

/* Takes the last pick back out of the history, returning its ids. */
static void
forget_last (MobedPicker *self, char *ids[MOBED_PICK_MAX])
{
  for (guint j = 0; j < MOBED_PICK_MAX; j++)
    ids[j] = g_steal_pointer (&self->recent[0][j]);
  memmove (self->recent[0], self->recent[1],
           sizeof self->recent[0] * (MOBED_PICKER_RECENT - 1));
  for (guint j = 0; j < MOBED_PICK_MAX; j++)
    self->recent[MOBED_PICKER_RECENT - 1][j] = g_steal_pointer (&self->dropped[j]);
  memcpy (self->region_last, self->region_before, sizeof self->region_last);
  self->breath_today = self->breath_before;
  if (self->breaks_today > 0)
    self->breaks_today--;
}

gboolean
mobed_picker_pick (MobedPicker       *self,
                   const MobedConfig *config,
                   guint              day,
                   gboolean           replace_last,
                   MobedChoice       *choice)
{
  char *avoid[MOBED_PICK_MAX + 1] = { NULL };
  g_autoptr(GPtrArray) pool = NULL;
  const MobedDrill *first, *second = NULL;
  guint64 length = config->break_length_s;
  guint reps;

  if (day != self->day)
    {
      self->day = day;
      self->breaks_today = 0;
      memset (self->region_last, 0, sizeof self->region_last);
      memset (self->region_before, 0, sizeof self->region_before);
      self->breath_today = self->breath_before = FALSE;
    }
  if (replace_last)
    forget_last (self, avoid);

  pool = eligible (self, config, length, (const char *const *) avoid);
  if (pool->len == 0 && replace_last)
    {
      g_ptr_array_unref (pool);
      pool = eligible (self, config, length, NULL);   /* nothing else: same again */
    }
  if (pool->len == 0)
    {
      free_avoid (avoid);
      return FALSE;
    }

  /* Nothing from the last few breaks if possible; never the last one's. */
  if (!drop_recent (self, pool, MOBED_PICKER_RECENT))
    drop_recent (self, pool, 1);
  first = draw (self, config, pool, 0);
  reps = mobed_picker_fit_reps (first, length);
  *choice = (MobedChoice) { 0 };
  mobed_offer_from_drill (&choice->items[choice->n++], first, reps);

  length -= mobed_picker_set_seconds (first, reps);
  if (length >= MIN_SECOND_S)
    {
      g_autoptr(GPtrArray) rest = eligible (self, config, length, (const char *const *) avoid);

      g_ptr_array_remove (rest, (gpointer) first);
      /* A second drill is a bonus: only a fresh one is worth it. */
      if (drop_recent (self, rest, MOBED_PICKER_RECENT))
        second = draw (self, config, rest, first->regions);
    }
  if (second != NULL)
    mobed_offer_from_drill (&choice->items[choice->n++], second,
                            mobed_picker_fit_reps (second, length));
  remember (self, choice);
  free_avoid (avoid);
  return TRUE;
}

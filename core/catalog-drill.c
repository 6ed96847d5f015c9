/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog-drill.c — one drill of drills.ini as a whole: which keys it may
 * have and which it needs, each key read (catalog-value.c), and the rules
 * that tie keys together (reps against reps-max, each-way with per-side).
 * A drill with any problem is left out, so the picker never meets half of
 * one.
 */
#include "core/catalog-drill.h"

#include <string.h>

/* Keys a drill may have; a translation "name[de]" counts as its base key. */
static const char *const required_keys[] = {
  "name", "summary", "steps", "regions", "settings", "good-for",
  "reps-small", "reps-focus", "per-side", "seconds-per-rep",
};
static const char *const optional_keys[] = { "each-way", "caution", "easier", "why",
                                             "reps-max", "picture" };
static const char *const localized_keys[] = { "name", "summary", "steps", "caution", "easier",
                                              "why" };

void
mobed_drill_free (MobedDrill *d)
{
  g_free (d->id);
  g_free (d->name);
  g_free (d->summary);
  g_strfreev (d->steps);
  g_free (d->caution);
  g_free (d->easier);
  g_free (d->why);
  g_free (d->picture);
  g_strfreev (d->good_for);
  g_free (d);
}

static gboolean
in_list (const char *const *list, gsize n, const char *key)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (list[i], key))
      return TRUE;
  return FALSE;
}

static void
check_keys (DrillCheck *c, GKeyFile *file)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, c->id, NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (char **k = keys; k != NULL && *k != NULL; k++)
    {
      g_autofree char *base = g_strdup (*k);
      char *bracket = strchr (base, '[');

      if (!g_hash_table_add (seen, *k))
        mobed_drill_problem (c, *k, "appears more than once");
      if (bracket != NULL)
        {
          *bracket = '\0';
          if (!in_list (localized_keys, G_N_ELEMENTS (localized_keys), base))
            mobed_drill_problem (c, *k, "only name, summary, steps, caution, easier and why "
                                 "can be translated");
          else if (!in_list (required_keys, G_N_ELEMENTS (required_keys), base)
                   && !g_key_file_has_key (file, c->id, base, NULL))
            /* A missing required key is reported below. A caution only in
             * translation would warn in one language and silently not in
             * the others. */
            mobed_drill_problem (c, *k, "translates %s, a key the drill does not have", base);
          else if (g_str_equal (base, "steps"))
            mobed_drill_check_steps (c, file, *k);
          else
            mobed_drill_check_text (c, file, *k, base);
          continue;
        }
      if (!in_list (required_keys, G_N_ELEMENTS (required_keys), base)
          && !in_list (optional_keys, G_N_ELEMENTS (optional_keys), base))
        mobed_drill_problem (c, *k, "unknown key");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (required_keys); i++)
    if (!g_key_file_has_key (file, c->id, required_keys[i], NULL))
      mobed_drill_problem (c, required_keys[i], "missing (every drill needs it)");
}

/* The most one focus set may have. The source's range counts a whole set,
 * both sides or directions, so a per-side drill's limits are halved. A
 * drill without reps-max may have 75 in all, or its own reps-focus if that
 * is more (a user's catalog written before the key existed keeps working),
 * but never more than 100 in all. */
static void
check_reps_max (DrillCheck *c, GKeyFile *file, MobedDrill *d)
{
  guint sides = d->per_side ? 2 : 1;

  if (d->reps_focus * sides > MOBED_DRILL_REPS_MAX_ANY)
    {
      mobed_drill_problem (c, "reps-focus", "%u%s is %u in one set; at most %u in all, "
                           "both sides counted", d->reps_focus, d->per_side ? " a side" : "",
                           d->reps_focus * sides, MOBED_DRILL_REPS_MAX_ANY);
      return;
    }
  d->reps_max = MAX (MOBED_DRILL_REPS_MAX_USUAL / sides, d->reps_focus);
  if (!g_key_file_has_key (file, c->id, "reps-max", NULL))
    return;
  d->reps_max = mobed_drill_get_count (c, file, "reps-max", 1,
                                       MOBED_DRILL_REPS_MAX_ANY / sides);
  if (d->reps_max > 0 && d->reps_focus > d->reps_max)
    mobed_drill_problem (c, "reps-focus", "%u is more than reps-max (%u), the most one set "
                         "may have", d->reps_focus, d->reps_max);
}

MobedDrill *
mobed_drill_parse (DrillCheck *c, GKeyFile *file)
{
  MobedDrill *d = g_new0 (MobedDrill, 1);

  d->id = g_strdup (c->id);
  if (!mobed_drill_valid_kebab (c->id))
    mobed_drill_problem (c, NULL, "the id must be kebab-case (lowercase letters, digits, "
                         "dashes)");
  check_keys (c, file);
  d->name = mobed_drill_get_text (c, file, "name");
  d->summary = mobed_drill_get_text (c, file, "summary");
  d->steps = mobed_drill_get_steps (c, file);
  /* Optional: most drills need no more than "keep it comfortable". */
  if (g_key_file_has_key (file, c->id, "caution", NULL))
    d->caution = mobed_drill_get_text (c, file, "caution");
  /* Optional too: the source gives a gentler form for most drills, not all. */
  if (g_key_file_has_key (file, c->id, "easier", NULL))
    d->easier = mobed_drill_get_text (c, file, "easier");
  if (g_key_file_has_key (file, c->id, "why", NULL))
    d->why = mobed_drill_get_text (c, file, "why");
  /* Optional too: a user's drill may have a picture of its own, or none. */
  if (g_key_file_has_key (file, c->id, "picture", NULL))
    d->picture = mobed_drill_get_picture (c, file);
  d->regions = mobed_drill_get_bits (c, file, "regions", mobed_region_parse);
  d->settings = mobed_drill_get_bits (c, file, "settings", mobed_setting_parse);
  d->good_for = mobed_drill_get_tags (c, file);
  d->reps_small = mobed_drill_get_count (c, file, "reps-small", 1, 100);
  d->reps_focus = mobed_drill_get_count (c, file, "reps-focus", 1,
                                         MOBED_DRILL_REPS_MAX_ANY);
  d->seconds_per_rep = mobed_drill_get_count (c, file, "seconds-per-rep", 1, 60);
  d->per_side = mobed_drill_get_flag (c, file, "per-side");
  d->each_way = mobed_drill_get_flag (c, file, "each-way");
  if (d->each_way && !d->per_side)
    mobed_drill_problem (c, "each-way", "only makes sense with per-side=true");
  if (d->reps_small > d->reps_focus && d->reps_focus > 0)
    mobed_drill_problem (c, "reps-small", "%u is more than reps-focus (%u): an everyday set "
                         "is the smaller one", d->reps_small, d->reps_focus);
  check_reps_max (c, file, d);
  if (strlen (c->id) >= MOBED_DRILL_ID_MAX)
    mobed_drill_problem (c, NULL, "the id is longer than %d characters",
                         MOBED_DRILL_ID_MAX - 1);
  if (d->good_for == NULL)
    d->good_for = g_new0 (char *, 1);
  if (c->count > 0)
    g_clear_pointer (&d, mobed_drill_free);
  return d;
}

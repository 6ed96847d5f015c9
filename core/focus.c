/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * focus.c — rehab focus plans: what a plan holds, which drills a problem
 * calls for, and where in the day its sets go. See focus.h.
 */
#include "core/focus.h"

#include <stdio.h>
#include <string.h>

#include "core/picker.h"

G_DEFINE_QUARK (mobed-focus-error-quark, mobed_focus_error)

static gint
tag_position (const MobedDrill *drill, const char *tag)
{
  for (gint i = 0; drill->good_for != NULL && drill->good_for[i] != NULL; i++)
    if (g_str_equal (drill->good_for[i], tag))
      return i;
  return -1;
}

/* Whether the user can do @d at all: where they said they are (settings=)
 * and not excluded. */
static gboolean
doable (const MobedDrill *d, const MobedConfig *config)
{
  return (d->settings & config->settings) != 0
         && !g_strv_contains ((const char *const *) config->exclude, d->id);
}

guint
mobed_focus_propose (const MobedCatalog *catalog,
                     const MobedConfig  *config,
                     const char         *tag,
                     const MobedDrill  **out,
                     guint               max)
{
  guint n = 0;

  /* A problem's own drills (the tag first in their good-for) before those
   * that list it later; catalog order breaks ties. A drill that needs a
   * place the settings rule out (a doorway, a bed's edge, room to swing)
   * is never proposed: mobed suggests nothing the user said they cannot
   * do, and naming the drill's id still asks for it. */
  for (guint rank = 0; n < max; rank++)
    {
      gboolean any_later = FALSE;

      for (guint i = 0; i < mobed_catalog_size (catalog) && n < max; i++)
        {
          const MobedDrill *d = mobed_catalog_nth (catalog, i);
          gint pos = tag_position (d, tag);

          if (pos < 0 || !doable (d, config))
            continue;
          if ((guint) pos == rank)
            out[n++] = d;
          else if ((guint) pos > rank)
            any_later = TRUE;
        }
      if (!any_later)
        break;
    }
  return n;
}

char *
mobed_focus_unreachable (const MobedCatalog *catalog,
                         const MobedConfig  *config,
                         const char         *target)
{
  g_autoptr(GString) needs = g_string_new (NULL);
  guint region = 0;
  gboolean any = FALSE;

  mobed_region_parse (target, &region);
  for (guint i = 0; i < mobed_catalog_size (catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (catalog, i);

      if (tag_position (d, target) < 0 && !(d->regions & region))
        continue;
      any = TRUE;
      if (doable (d, config))
        return NULL;
      if (needs->len > 0)
        g_string_append (needs, ", ");
      if (g_strv_contains ((const char *const *) config->exclude, d->id))
        g_string_append_printf (needs, "%s is excluded", d->id);
      else
        {
          g_auto(GStrv) where = mobed_setting_list (d->settings);
          g_autofree char *joined = g_strjoinv (" or ", where);

          g_string_append_printf (needs, "%s needs %s", d->id, joined);
        }
    }
  if (!any)
    return NULL;
  {
    g_auto(GStrv) allowed = mobed_setting_list (config->settings);
    g_autofree char *list = g_strjoinv (",", allowed);

    return g_strdup_printf ("no drill for '%s' can be done with settings=%s (%s)", target,
                            list, needs->str);
  }
}

MobedFocusDose
mobed_focus_dose (const MobedDrill *drill, guint reps)
{
  if (reps > drill->reps_max)
    return MOBED_FOCUS_DOSE_TOO_MANY;
  return reps > drill->reps_focus ? MOBED_FOCUS_DOSE_ABOVE_USUAL : MOBED_FOCUS_DOSE_USUAL;
}

static gboolean
has_item (const MobedFocusPlan *plan, const char *id)
{
  for (guint i = 0; i < plan->n_items; i++)
    if (g_str_equal (plan->items[i].drill_id, id))
      return TRUE;
  return FALSE;
}

static gboolean
add_item (MobedFocusPlan *plan, const MobedDrill *drill, guint reps, GError **error)
{
  if (has_item (plan, drill->id))
    return TRUE;
  if (plan->n_items == MOBED_FOCUS_DRILLS_MAX)
    {
      g_set_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_INVALID,
                   "A focus plan holds at most %d drills", MOBED_FOCUS_DRILLS_MAX);
      return FALSE;
    }
  if (reps != 0 && mobed_focus_dose (drill, reps) == MOBED_FOCUS_DOSE_TOO_MANY)
    {
      /* One set is done in one go: past this the joint is being worn, not
       * eased. The message says what is allowed, so the next try works. */
      const char *unit = !drill->per_side ? "" : drill->each_way ? " each way" : " a side";

      g_set_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_INVALID,
                   "%u%s of %s is %u reps in one set, more than anyone should do; at most "
                   "%u%s (the usual dose is %u)", reps, unit, drill->id,
                   reps * (drill->per_side ? 2 : 1), drill->reps_max, unit, drill->reps_focus);
      return FALSE;
    }
  g_strlcpy (plan->items[plan->n_items].drill_id, drill->id, MOBED_DRILL_ID_MAX);
  plan->items[plan->n_items].reps = reps != 0 ? reps : drill->reps_focus;
  plan->n_items++;
  return TRUE;
}

static gboolean
check_range (const char *what, guint value, guint lo, guint hi, GError **error)
{
  if (value == 0 || (value >= lo && value <= hi))
    return TRUE;
  g_set_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_INVALID,
               "%s must be between %u and %u, not %u", what, lo, hi, value);
  return FALSE;
}

gboolean
mobed_focus_plan_make (const MobedCatalog      *catalog,
                       const MobedConfig       *config,
                       const char *const       *targets,
                       const MobedFocusRequest *request,
                       MobedFocusPlan          *plan,
                       GError                 **error)
{
  g_autofree char *joined = NULL;

  *plan = (MobedFocusPlan) { 0 };
  if (!check_range ("Sets a day", request->sets, 1, MOBED_FOCUS_SETS_MAX, error)
      || !check_range ("Reps a set", request->reps, MOBED_FOCUS_REPS_MIN, MOBED_FOCUS_REPS_MAX,
                       error)
      || !check_range ("Days", request->days, 1, MOBED_FOCUS_DAYS_MAX, error))
    return FALSE;
  if (targets == NULL || targets[0] == NULL)
    {
      g_set_error_literal (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_INVALID,
                           "Name a problem (a good-for tag such as neck-pain) or drills");
      return FALSE;
    }
  for (const char *const *t = targets; *t != NULL; t++)
    {
      const MobedDrill *drill = mobed_catalog_find (catalog, *t);
      const MobedDrill *found[MOBED_FOCUS_PROPOSE_MAX];
      guint n;

      if (drill != NULL)
        {
          if (!add_item (plan, drill, request->reps, error))
            return FALSE;
          continue;
        }
      n = mobed_focus_propose (catalog, config, *t, found, MOBED_FOCUS_PROPOSE_MAX);
      if (n == 0)
        {
          g_autofree char *why = mobed_focus_unreachable (catalog, config, *t);

          if (why != NULL)
            {
              g_set_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_UNKNOWN,
                           "Cannot plan for it: %s; allow the place in mobed.conf "
                           "([drills] settings=) or name a drill", why);
              return FALSE;
            }
          g_set_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_UNKNOWN,
                       "'%s' is neither a drill nor a problem any drill is good for "
                       "(see mobectl drills)", *t);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        if (!add_item (plan, found[i], request->reps, error))
          return FALSE;
    }
  joined = g_strjoinv (" ", (char **) targets);
  if (g_strlcpy (plan->target, joined, sizeof plan->target) >= sizeof plan->target)
    {
      g_set_error (error, MOBED_FOCUS_ERROR, MOBED_FOCUS_ERROR_INVALID,
                   "Name at most a few problems or drills (%zu characters here)",
                   strlen (joined));
      return FALSE;
    }
  plan->sets_per_day = request->sets != 0 ? request->sets : MOBED_FOCUS_SETS_DEFAULT;
  plan->days = request->days != 0 ? request->days : MOBED_FOCUS_DAYS_DEFAULT;
  return TRUE;
}

guint64
mobed_focus_set_seconds (const MobedFocusPlan *plan, const MobedCatalog *catalog)
{
  guint64 total = 0;

  for (guint i = 0; i < plan->n_items; i++)
    {
      const MobedDrill *d = mobed_catalog_find (catalog, plan->items[i].drill_id);

      if (d != NULL)
        total += mobed_picker_set_seconds (d, plan->items[i].reps);
    }
  return total;
}

static gboolean
parse_date (const char *text, GDate *date)
{
  unsigned y, m, d;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gint
mobed_focus_day_index (const MobedFocusPlan *plan, const char *date)
{
  GDate first, other;

  if (!parse_date (plan->first_day, &first) || !parse_date (date, &other))
    return G_MININT;
  return g_date_days_between (&first, &other);
}

/* Wall µs of @minutes after local midnight on @local's day, read on that
 * day's own wall clock (DST days are 23 or 25 hours long). */
static gint64
at_minutes (GDateTime *local, guint minutes)
{
  g_autoptr(GDateTime) t = NULL;

  if (minutes >= 24 * 60)
    {
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                             g_date_time_get_month (local),
                                                             g_date_time_get_day_of_month (local),
                                                             0, 0, 0);
      t = g_date_time_add_days (midnight, 1);
    }
  else
    t = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local), (gint) minutes / 60,
                               (gint) minutes % 60, 0);
  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

gint64
mobed_focus_next_set (const MobedFocusPlan *plan,
                      const MobedWorkHours *hours,
                      GDateTime            *local_now,
                      guint                 resolved,
                      gint64                last_end_wall,
                      guint64               set_seconds)
{
  guint weekday = (guint) g_date_time_get_day_of_week (local_now) - 1;
  guint start = MOBED_FOCUS_DAY_START, end = MOBED_FOCUS_DAY_END;
  gint64 day_start, day_end, slot, due;

  if (resolved >= plan->sets_per_day || !(hours->days & (1u << weekday)))
    return 0;
  if (hours->n_ranges > 0)
    {
      start = hours->start[0];
      end = hours->end[hours->n_ranges - 1];
    }
  day_start = at_minutes (local_now, start);
  day_end = at_minutes (local_now, end);
  /* Set k sits in the middle of the k-th of sets_per_day equal parts. */
  slot = day_start + (day_end - day_start) * (2 * (gint64) resolved + 1)
                     / (2 * (gint64) plan->sets_per_day);
  due = slot;
  if (last_end_wall != 0)
    due = MAX (due, last_end_wall + (gint64) MOBED_FOCUS_GAP_S * G_USEC_PER_SEC);
  if (due + (gint64) set_seconds * G_USEC_PER_SEC > day_end)
    return 0;
  return due;
}

guint
mobed_focus_offers (const MobedFocusPlan *plan, const MobedCatalog *catalog, MobedOffer *offers)
{
  guint n = 0;

  for (guint i = 0; i < plan->n_items; i++)
    {
      const MobedDrill *d = mobed_catalog_find (catalog, plan->items[i].drill_id);

      if (d != NULL)
        mobed_offer_from_drill (&offers[n++], d, plan->items[i].reps);
    }
  return n;
}

char *
mobed_focus_items_to_string (const MobedFocusPlan *plan)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < plan->n_items; i++)
    g_string_append_printf (out, "%s%s:%u", i > 0 ? ";" : "", plan->items[i].drill_id,
                            plan->items[i].reps);
  return g_string_free (out, FALSE);
}

gboolean
mobed_focus_items_parse (const char *text, MobedFocusPlan *plan)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);

  plan->n_items = 0;
  for (char **p = parts; *p != NULL; p++)
    {
      const char *colon = strrchr (*p, ':');
      guint64 reps;
      char *end;

      if (colon == NULL || colon == *p || plan->n_items == MOBED_FOCUS_DRILLS_MAX
          || (gsize) (colon - *p) >= MOBED_DRILL_ID_MAX)
        return FALSE;
      reps = g_ascii_strtoull (colon + 1, &end, 10);
      if (*end != '\0' || end == colon + 1 || reps == 0 || reps > MOBED_FOCUS_REPS_MAX)
        return FALSE;
      memcpy (plan->items[plan->n_items].drill_id, *p, (gsize) (colon - *p));
      plan->items[plan->n_items].drill_id[colon - *p] = '\0';
      plan->items[plan->n_items].reps = (guint) reps;
      plan->n_items++;
    }
  return plan->n_items > 0;
}

gboolean
mobed_focus_plan_ease (MobedFocusPlan *plan)
{
  gboolean eased = FALSE;

  for (guint i = 0; i < plan->n_items; i++)
    {
      guint reps = plan->items[i].reps;
      guint lower = MAX (reps - (reps + 2) / 3, MOBED_FOCUS_REPS_EASY);

      if (lower < reps)
        {
          plan->items[i].reps = lower;
          eased = TRUE;
        }
    }
  return eased;
}

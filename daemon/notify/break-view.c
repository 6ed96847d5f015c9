/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * break-view.c — puts a break into the words and dictionaries the outside
 * sees: the notification in the user's language, the log line and the
 * D-Bus dictionary (whose reps_text is core's) in English.
 */
#include "daemon/notify/break-view.h"

#include <glib/gi18n.h>

/* Used when no drill is eligible (all excluded, say): still a break. The
 * log line keeps it in English, the notification says it in the user's
 * language. */
#define NO_DRILL N_("Stand up and move around for a moment")

/* "10 per side", in the user's language: core's mobed_offer_reps_text()
 * says it in English for the log and D-Bus (reps_text). */
static char *
reps_text (const MobedOffer *offer)
{
  switch (offer->unit)
    {
    case MOBED_REPS_PER_SIDE:
      /* TRANSLATORS: repetitions of a drill done on the left, then on the right */
      return g_strdup_printf (ngettext ("%u per side", "%u per side", offer->reps), offer->reps);
    case MOBED_REPS_EACH_WAY:
      /* TRANSLATORS: repetitions of a drill done in one direction, then the other */
      return g_strdup_printf (ngettext ("%u each way", "%u each way", offer->reps), offer->reps);
    case MOBED_REPS_TIMES:
    default:
      return g_strdup_printf (ngettext ("%u time", "%u times", offer->reps), offer->reps);
    }
}

/* One line, where people look, instead of a safety page nobody opens:
 * touching the edge of the range is the point, pushing through is not. */
const char *
mobed_break_view_safety_line (void)
{
  /* TRANSLATORS: the safety line at the end of every break and focus set */
  return _("Go easy. If it tires, tightens or hurts, go smaller or slower; if it still feels wrong, stop.");
}

char *
mobed_break_view_offer_line (const MobedOffer *offer)
{
  g_autofree char *reps = reps_text (offer);

  return g_strdup_printf ("%s · %s", offer->name, reps);
}

char *
mobed_break_view_line (const MobedChoice *choice)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (choice->n == 0)
    return g_strdup (NO_DRILL);
  for (guint i = 0; i < choice->n; i++)
    g_ptr_array_add (lines, mobed_offer_line (&choice->items[i]));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (" + ", (char **) lines->pdata);
}

char *
mobed_break_view_short_body (const MobedChoice *choice)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (choice->n == 0)
    g_ptr_array_add (lines, g_strdup (_(NO_DRILL)));
  for (guint i = 0; i < choice->n; i++)
    g_ptr_array_add (lines, mobed_break_view_offer_line (&choice->items[i]));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

char *
mobed_break_view_body (const MobedChoice *choice)
{
  GString *body = g_string_new (NULL);

  if (choice->n == 0)
    g_string_append_printf (body, "%s.\n", _(NO_DRILL));
  for (guint i = 0; i < choice->n; i++)
    {
      g_autofree char *line = mobed_break_view_offer_line (&choice->items[i]);
      g_string_append_printf (body, "%s\n%s\n", line, choice->items[i].summary);
    }
  /* The safety line is on every break, not just the first of the day. */
  g_string_append (body, mobed_break_view_safety_line ());
  return g_string_free (body, FALSE);
}

char *
mobed_break_view_steps (const MobedChoice *choice, const MobedCatalog *catalog)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < choice->n; i++)
    {
      const MobedDrill *drill = mobed_catalog_find (catalog, choice->items[i].id);
      g_autofree char *line = mobed_break_view_offer_line (&choice->items[i]);

      if (drill == NULL)
        continue;
      /* A blank line between two drills' lists keeps them apart. */
      g_string_append_printf (body, "%s%s\n", body->len > 0 ? "\n" : "", line);
      for (guint s = 0; drill->steps[s] != NULL; s++)
        g_string_append_printf (body, "%u. %s\n", s + 1, drill->steps[s]);
      /* Where someone reads how to do it is where they read who should
       * take care; the everyday break has room for neither. */
      if (drill->caution != NULL)
        g_string_append_printf (body, "%s\n", drill->caution);
    }
  if (body->len == 0)
    return NULL;
  g_string_append (body, mobed_break_view_safety_line ());
  return g_string_free (g_steal_pointer (&body), FALSE);
}

char *
mobed_break_view_steps_hint (const MobedChoice *choice)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (choice->n == 0)
    return NULL;
  for (guint i = 0; i < choice->n; i++)
    g_ptr_array_add (commands, g_strdup_printf ("mobectl drills %s", choice->items[i].id));
  g_ptr_array_add (commands, NULL);
  joined = g_strjoinv (" · ", (char **) commands->pdata);
  /* TRANSLATORS: on a break, where the notification cannot be clicked;
   * %s is one or two commands such as "mobectl drills neck-circles" */
  return g_strdup_printf (_("Steps: %s"), joined);
}

const char *
mobed_break_view_picture (const MobedChoice *choice, const MobedCatalog *catalog)
{
  for (guint i = 0; i < choice->n; i++)
    {
      const MobedDrill *drill = mobed_catalog_find (catalog, choice->items[i].id);

      if (drill != NULL && drill->picture != NULL)
        return drill->picture;
    }
  return NULL;
}

static const char *
unit_name (MobedRepsUnit unit)
{
  switch (unit)
    {
    case MOBED_REPS_PER_SIDE: return "per-side";
    case MOBED_REPS_EACH_WAY: return "each-way";
    case MOBED_REPS_TIMES:
    default:                  return "times";
    }
}

GVariant *
mobed_break_view_offers (const MobedOffer *offers, guint n)
{
  g_auto(GVariantBuilder) drills = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));

  for (guint i = 0; i < n; i++)
    {
      const MobedOffer *o = &offers[i];
      g_autofree char *reps = mobed_offer_reps_text (o);

      g_variant_builder_open (&drills, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&drills, "{sv}", "id", g_variant_new_string (o->id));
      g_variant_builder_add (&drills, "{sv}", "name", g_variant_new_string (o->name));
      g_variant_builder_add (&drills, "{sv}", "summary", g_variant_new_string (o->summary));
      g_variant_builder_add (&drills, "{sv}", "reps", g_variant_new_uint32 (o->reps));
      g_variant_builder_add (&drills, "{sv}", "per_side",
                             g_variant_new_boolean (o->unit != MOBED_REPS_TIMES));
      g_variant_builder_add (&drills, "{sv}", "unit", g_variant_new_string (unit_name (o->unit)));
      g_variant_builder_add (&drills, "{sv}", "reps_text", g_variant_new_string (reps));
      g_variant_builder_close (&drills);
    }
  return g_variant_builder_end (&drills);
}

GVariant *
mobed_break_view_variant (const MobedChoice *choice,
                          gint64             due_wall,
                          guint              snoozes,
                          gint64             snoozed_until)
{
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

  g_variant_builder_add (&dict, "{sv}", "due", g_variant_new_int64 (due_wall));
  g_variant_builder_add (&dict, "{sv}", "snoozes", g_variant_new_uint32 (snoozes));
  g_variant_builder_add (&dict, "{sv}", "snoozed_until", g_variant_new_int64 (snoozed_until));
  g_variant_builder_add (&dict, "{sv}", "drills",
                         mobed_break_view_offers (choice->items, choice->n));
  return g_variant_builder_end (&dict);
}

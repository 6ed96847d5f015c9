/*
 * break-view.c — puts a break into the words and dictionaries the outside
 * sees. The drill choice is TEMPORARY (builtin-drills.c) until the picker.
 */
#include "daemon/break-view.h"

#include "daemon/builtin-drills.h"

const MobedOffer *
mobed_break_view_offer (guint64 break_id, guint swaps)
{
  return mobed_builtin_drill_for (break_id, swaps);
}

char *
mobed_break_view_body (const MobedOffer *offer)
{
  g_autofree char *line = mobed_offer_line (offer);

  /* The safety line is on every break, not just the first of the day. */
  return g_strdup_printf ("%s\n%s\nKeep it in the comfortable range.", line, offer->summary);
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
mobed_break_view_variant (const MobedOffer *offer,
                          gint64            due_wall,
                          guint             snoozes,
                          gint64            snoozed_until)
{
  g_auto(GVariantBuilder) drills = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  g_autofree char *reps = mobed_offer_reps_text (offer);

  g_variant_builder_open (&drills, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&drills, "{sv}", "id", g_variant_new_string (offer->id));
  g_variant_builder_add (&drills, "{sv}", "name", g_variant_new_string (offer->name));
  g_variant_builder_add (&drills, "{sv}", "summary", g_variant_new_string (offer->summary));
  g_variant_builder_add (&drills, "{sv}", "reps", g_variant_new_uint32 (offer->reps));
  g_variant_builder_add (&drills, "{sv}", "per_side",
                         g_variant_new_boolean (offer->unit != MOBED_REPS_TIMES));
  g_variant_builder_add (&drills, "{sv}", "unit", g_variant_new_string (unit_name (offer->unit)));
  g_variant_builder_add (&drills, "{sv}", "reps_text", g_variant_new_string (reps));
  g_variant_builder_close (&drills);

  g_variant_builder_add (&dict, "{sv}", "due", g_variant_new_int64 (due_wall));
  g_variant_builder_add (&dict, "{sv}", "snoozes", g_variant_new_uint32 (snoozes));
  g_variant_builder_add (&dict, "{sv}", "snoozed_until", g_variant_new_int64 (snoozed_until));
  g_variant_builder_add (&dict, "{sv}", "drills", g_variant_builder_end (&drills));
  return g_variant_builder_end (&dict);
}

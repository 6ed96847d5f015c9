/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * set-view.c — the FocusSet property: the focus set that is on screen or
 * put off, as CurrentBreak has the microbreak, so that mobectl and a panel
 * indicator can name it. What the set is and when it comes is plan.c's.
 */
#include "daemon/focus/plan-private.h"

#include "daemon/notify/break-view.h"

GVariant *
mobed_daemon_focus_set_variant (MobedDaemonFocus *self, MobedTime now)
{
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));
  const MobedFocusDay *day = &self->day;
  const MobedFocusPlan *plan = &self->day.plan;
  MobedOffer offers[MOBED_FOCUS_DRILLS_MAX];
  guint n;
  gboolean snoozed = day->state == MOBED_FOCUS_SNOOZED;
  /* Held back while the user could not see it, a set waits with no time. */
  gint64 until = snoozed && day->snoozed_until > now.wall ? day->snoozed_until : 0;

  if (!self->active || day->state == MOBED_FOCUS_WAITING)
    return g_variant_builder_end (&dict);
  n = mobed_focus_offers (plan, *self->hub.catalog, offers);
  g_variant_builder_add (&dict, "{sv}", "target", g_variant_new_string (plan->target));
  g_variant_builder_add (&dict, "{sv}", "set", g_variant_new_uint32 (day->resolved + 1));
  g_variant_builder_add (&dict, "{sv}", "sets_per_day", g_variant_new_uint32 (plan->sets_per_day));
  g_variant_builder_add (&dict, "{sv}", "state", g_variant_new_string (snoozed ? "snoozed" : "shown"));
  g_variant_builder_add (&dict, "{sv}", "due", g_variant_new_int64 (day->due_wall));
  g_variant_builder_add (&dict, "{sv}", "snoozes", g_variant_new_uint32 (day->snoozes));
  /* Whole seconds, so the property does not change with every read. */
  g_variant_builder_add (&dict, "{sv}", "snoozed_until",
                         g_variant_new_int64 (until / G_USEC_PER_SEC * G_USEC_PER_SEC));
  g_variant_builder_add (&dict, "{sv}", "drills", mobed_break_view_offers (offers, n));
  return g_variant_builder_end (&dict);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk-view.c — the words of a walk: the notification's title and a
 * suggestion or two of where to walk, varied from one walk to the next so
 * they stay worth reading.
 */
#include "daemon/notify/walk-view.h"

#include <glib/gi18n.h>

#include "core/duration.h"

static const char *const ideas[] = {
  /* TRANSLATORS: suggestions in the walk notification, one or two at a time */
  N_("Take the stairs: up a floor and back down."),
  N_("Fill your water glass at the kitchen, not the nearest tap."),
  N_("Walk a lap of the floor, or once around the building."),
  N_("Step outside and walk to the next corner and back."),
  N_("Take your next call on your feet, walking."),
};

static guint
minutes (guint64 length_s)
{
  return (guint) MAX (1, (length_s + 59) / 60);
}

char *
mobed_walk_view_title (guint64 length_s)
{
  /* TRANSLATORS: the title of the walk notification; %u is whole minutes */
  return g_strdup_printf (ngettext ("Time to get up: walk for %u minute",
                                    "Time to get up: walk for %u minutes",
                                    minutes (length_s)),
                          minutes (length_s));
}

char *
mobed_walk_view_short_body (guint64 seed)
{
  return g_strdup (_(ideas[seed % G_N_ELEMENTS (ideas)]));
}

char *
mobed_walk_view_body (guint64 seed)
{
  const guint n = G_N_ELEMENTS (ideas);
  guint first = (guint) (seed % n);
  /* Never the same idea twice in one body. */
  guint second = (first + 1 + (guint) (seed / n % (n - 1))) % n;

  /* TRANSLATORS: the last line of the walk notification */
  return g_strdup_printf ("%s\n%s\n%s", _(ideas[first]), _(ideas[second]),
                          _("You have sat for a long stretch. Press Done when you are back."));
}

char *
mobed_walk_view_line (guint64 length_s)
{
  g_autofree char *len = mobed_duration_format (length_s);

  return g_strdup_printf ("walk for %s", len);
}

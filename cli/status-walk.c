/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * status-walk.c — how `mobectl status` says that a walk is due or comes
 * next, apart from status.c so the block's layout stays its own.
 */
#include "cli/status.h"

#include <glib/gi18n.h>

#include "core/duration.h"

char *
mobectl_status_walk_text (GVariant *brk)
{
  const char *kind = NULL;
  guint64 length = 0;
  g_autofree char *human = NULL;

  if (!g_variant_lookup (brk, "kind", "&s", &kind) || !g_str_equal (kind, "walk"))
    return NULL;
  g_variant_lookup (brk, "walk_length", "t", &length);
  human = mobed_duration_format_human (MAX (length, 60));
  /* TRANSLATORS: `mobectl status`, the break that is due: a walk of "5 min" */
  return g_strdup_printf (_("Walk for %s"), human);
}

char *
mobectl_status_next_walk_text (GVariant *props, gint64 now)
{
  const char *kind = NULL;
  gint64 since = mobectl_prop_int64 (props, "SittingSince");
  g_autofree char *human = NULL;

  if (!g_variant_lookup (props, "NextBreakKind", "&s", &kind) || !g_str_equal (kind, "walk")
      || since <= 0)
    return NULL;
  human = mobed_duration_format_human ((guint64) MAX (60, (now - since) / G_USEC_PER_SEC)
                                       / 60 * 60);
  /* TRANSLATORS: `mobectl status`, after the time of the next break: it will
   * be a walk, as the user has sat for "1 h 5 min" */
  return g_strdup_printf (_(" · a walk (sitting for %s)"), human);
}

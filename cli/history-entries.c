/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-entries.c — the log of `mobectl history` as one list: breaks,
 * pauses and focus sets, each from its own D-Bus method, merged newest
 * first. history.c prints them.
 */
#include "cli/history-entries.h"

static void
entry_clear (gpointer data)
{
  g_variant_unref (((MobectlEntry *) data)->row);
}

static gint
entry_newest_first (gconstpointer a, gconstpointer b)
{
  const MobectlEntry *x = a, *y = b;

  return x->when < y->when ? 1 : x->when > y->when ? -1 : 0;
}

static void
add_entries (GArray *entries, GVariant *rows, MobectlEntryKind kind)
{
  for (gsize i = 0; rows != NULL && i < g_variant_n_children (rows); i++)
    {
      MobectlEntry e = { 0, g_variant_get_child_value (rows, i), kind };
      g_variant_lookup (e.row, kind == MOBECTL_ENTRY_PAUSE ? "start" : "due", "x", &e.when);
      g_array_append_val (entries, e);
    }
}

GArray *
mobectl_history_merge (GVariant *rows, GVariant *pauses, GVariant *sets, guint limit)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (MobectlEntry));

  g_array_set_clear_func (entries, entry_clear);
  add_entries (entries, rows, MOBECTL_ENTRY_BREAK);
  add_entries (entries, pauses, MOBECTL_ENTRY_PAUSE);
  add_entries (entries, sets, MOBECTL_ENTRY_FOCUS);
  g_array_sort (entries, entry_newest_first);
  if (limit > 0 && entries->len > limit)
    g_array_set_size (entries, limit);
  return entries;
}

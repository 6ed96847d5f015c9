/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-lookup.c — `mobectl drills WORD`: the drill a word names, by id,
 * name or the start of either, over whatever the catalog mobed loaded
 * holds, and what to say when it names none or several (the nearest
 * drill, and --region or --for when the word is a region or a tag).
 */
#include "cli/drill-lookup.h"

#include <glib/gi18n.h>

#include "core/catalog.h"
#include "core/suggest.h"

/* The strings under @key of every drill, NULL-terminated; they belong to
 * @drills, the array does not own them. */
static GPtrArray *
strings_of (GVariant *drills, const char *key)
{
  GPtrArray *out = g_ptr_array_new ();

  for (gsize i = 0; i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *s = "";

      g_variant_lookup (d, key, "&s", &s);
      g_ptr_array_add (out, (gpointer) s);     /* @drills keeps the data alive */
    }
  g_ptr_array_add (out, NULL);
  return out;
}

GStrv
mobectl_drill_tags (GVariant *drills)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      g_autofree const char **tags = NULL;

      if (g_variant_lookup (d, "good_for", "^a&s", &tags))
        for (const char **t = tags; *t != NULL; t++)
          if (g_hash_table_add (seen, g_strdup (*t)))
            g_strv_builder_add (b, *t);
    }
  return g_strv_builder_end (b);
}

/* What else @word may have meant: the options that list drills by a
 * region or a tag of that name. */
static void
print_filter_hints (const char *word, const char *const *tags)
{
  guint bit;

  if (mobed_region_parse (word, &bit))
    {
      /* TRANSLATORS: %s is a body region; keep the command as it is */
      g_printerr (_("For the drills that move the %s: mobectl drills --region %s"), word, word);
      g_printerr ("\n");
    }
  if (g_strv_contains (tags, word))
    {
      /* TRANSLATORS: %s is a good-for tag such as neck-pain; keep the command */
      g_printerr (_("For the drills good for %s: mobectl drills --for %s"), word, word);
      g_printerr ("\n");
    }
}

GVariant *
mobectl_drill_find (GVariant *drills, const char *word)
{
  g_autoptr(GPtrArray) ids = strings_of (drills, "id");
  g_autoptr(GPtrArray) names = strings_of (drills, "name");
  g_autoptr(GArray) several = NULL;
  g_auto(GStrv) tags = mobectl_drill_tags (drills);
  int found = mobed_suggest_lookup (word, (const char *const *) ids->pdata,
                                    (const char *const *) names->pdata, &several);

  if (found >= 0)
    return g_variant_get_child_value (drills, found);
  if (several != NULL)
    {
      /* TRANSLATORS: %s is what was typed; a list of drills follows, one a line */
      g_printerr (_("mobectl: '%s' matches more than one drill:"), word);
      g_printerr ("\n");
      for (guint i = 0; i < several->len; i++)
        {
          int k = g_array_index (several, int, i);
          g_printerr ("  %s  (%s)\n", (const char *) ids->pdata[k], (const char *) names->pdata[k]);
        }
    }
  else
    {
      const char *near = mobed_suggest (word, (const char *const *) ids->pdata);

      if (near == NULL)
        near = mobed_suggest (word, (const char *const *) names->pdata);
      if (near != NULL)
        /* TRANSLATORS: what was typed, then the nearest drill id or name */
        g_printerr (_("mobectl: No drill has the id or name '%s' (did you mean '%s'?)"), word,
                    near);
      else
        g_printerr (_("mobectl: No drill has the id or name '%s'"), word);
      g_printerr ("\n");
    }
  print_filter_hints (word, (const char *const *) tags);
  return NULL;
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.c — the drill catalog: drills.ini files loaded into one list,
 * looked up by id, a later file's drill replacing an earlier one's. Reading
 * each drill is catalog-drill.c's; this file handles the file as a whole
 * (a group written twice, say). Writes no log.
 */
#include "core/catalog.h"

#include <string.h>

#include "core/catalog-drill.h"
#include "core/message.h"

struct _MobedCatalog {
  GPtrArray  *drills;   /* MobedDrill*, in load order */
  GHashTable *by_id;    /* id → MobedDrill* (borrowed from drills) */
};

MobedCatalog *
mobed_catalog_new (void)
{
  MobedCatalog *self = g_rc_box_new0 (MobedCatalog);

  self->drills = g_ptr_array_new_with_free_func ((GDestroyNotify) mobed_drill_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

static void
catalog_clear (MobedCatalog *self)
{
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->drills);
}

MobedCatalog *
mobed_catalog_ref (MobedCatalog *self)
{
  return g_rc_box_acquire (self);
}

void
mobed_catalog_unref (MobedCatalog *self)
{
  if (self != NULL)
    g_rc_box_release_full (self, (GDestroyNotify) catalog_clear);
}

/* GKeyFile quietly merges a group that appears twice; catch it in the text.
 * Lines are walked in place: g_strsplit() looks for each "\n" with strstr(),
 * which ASan checks against the whole rest of the text, so a catalog of
 * 10,000 drills took minutes under the sanitizers. */
static void
report_duplicate_groups (const char *path, const char *text, gsize length,
                         GPtrArray *problems, GHashTable *duplicates)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *end = text + length;

  for (const char *line = text; line < end;)
    {
      const char *next = memchr (line, '\n', end - line);
      const char *stop = next != NULL ? next : end;
      g_autofree char *copy = g_strndup (line, stop - line);
      char *name = g_strstrip (copy);
      gsize len = strlen (name);

      line = next != NULL ? next + 1 : end;
      if (len < 3 || name[0] != '[' || name[len - 1] != ']')
        continue;
      name[len - 1] = '\0';
      name++;
      if (g_hash_table_contains (seen, name))
        {
          if (problems != NULL)
            {
              g_autofree char *full =
                g_strdup_printf ("%s: drill '%s': the id is used twice; both are left out",
                                 path, name);
              g_ptr_array_add (problems, mobed_message_text (full));
            }
          g_hash_table_add (duplicates, g_strdup (name));
        }
      else
        g_hash_table_add (seen, g_strdup (name));
    }
}

static void
add_or_replace (MobedCatalog *self, MobedDrill *drill)
{
  MobedDrill *old = g_hash_table_lookup (self->by_id, drill->id);

  if (old != NULL)
    {
      guint index;
      g_ptr_array_find (self->drills, old, &index);
      g_hash_table_replace (self->by_id, drill->id, drill);
      g_ptr_array_index (self->drills, index) = drill;
      mobed_drill_free (old);
      return;
    }
  g_ptr_array_add (self->drills, drill);
  g_hash_table_insert (self->by_id, drill->id, drill);
}

gboolean
mobed_catalog_parse (MobedCatalog *self, const char *text, gsize length, const char *path,
                     GPtrArray *problems, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GHashTable) duplicates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                     &local_error))
    {
      g_autofree char *full = g_strdup_printf ("%s: %s", path, local_error->message);
      g_autofree char *message = mobed_message_text (full);
      g_set_error_literal (error, local_error->domain, local_error->code, message);
      return FALSE;
    }
  report_duplicate_groups (path, text, length, problems, duplicates);

  groups = g_key_file_get_groups (file, NULL);
  for (char **g = groups; *g != NULL; g++)
    {
      DrillCheck check = { path, *g, problems, 0 };
      MobedDrill *drill;

      if (g_hash_table_contains (duplicates, *g))
        continue;
      drill = mobed_drill_parse (&check, file);
      if (drill != NULL)
        add_or_replace (self, drill);
    }
  return TRUE;
}

void
mobed_catalog_merge (MobedCatalog *self, MobedCatalog *from)
{
  gsize n = 0;
  /* Taken out of @from's array without being freed, then kept by @self. */
  g_autofree MobedDrill **drills = NULL;

  g_hash_table_remove_all (from->by_id);
  drills = (MobedDrill **) g_ptr_array_steal (from->drills, &n);
  for (gsize i = 0; i < n; i++)
    add_or_replace (self, drills[i]);
}

void
mobed_catalog_set_picture (MobedCatalog *self, guint i, const char *path)
{
  MobedDrill *d;

  g_return_if_fail (i < self->drills->len);
  d = g_ptr_array_index (self->drills, i);
  g_free (d->picture);
  d->picture = g_strdup (path);
}

guint
mobed_catalog_size (const MobedCatalog *self)
{
  return self->drills->len;
}

const MobedDrill *
mobed_catalog_nth (const MobedCatalog *self, guint i)
{
  g_return_val_if_fail (i < self->drills->len, NULL);
  return g_ptr_array_index (self->drills, i);
}

const MobedDrill *
mobed_catalog_find (const MobedCatalog *self, const char *id)
{
  return g_hash_table_lookup (self->by_id, id);
}

gboolean
mobed_drill_has_tag (const MobedDrill *drill, const char *tag)
{
  return g_strv_contains ((const char *const *) drill->good_for, tag);
}

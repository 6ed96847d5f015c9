/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-list.c — ListDrills: checks the options, then copies each matching
 * drill into a dictionary. mobectl renders it; nothing here formats text.
 */
#include "daemon/bus/drill-list.h"

#include <gio/gio.h>

#include "core/scheduler.h"

typedef struct {
  char  *id;           /* copies: the option variants are freed as read */
  guint  region;       /* 0 = any */
  guint  setting;      /* 0 = any */
  char  *good_for;
} Filter;

static void
filter_clear (Filter *f)
{
  g_clear_pointer (&f->id, g_free);
  g_clear_pointer (&f->good_for, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Filter, filter_clear)

static gboolean
invalid (GError **error, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *fmt, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS, msg);
  return FALSE;
}

static gboolean
read_filter (GVariant *options, Filter *f, GError **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *next;

  g_variant_iter_init (&iter, options);
  /* iter_next, not iter_loop: a return from inside iter_loop would leak. */
  while (g_variant_iter_next (&iter, "{&sv}", &key, &next))
    {
      g_autoptr(GVariant) value = next;
      const char *text;

      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return invalid (error, "Option '%s' must be a string, not '%s'", key,
                        g_variant_get_type_string (value));
      text = g_variant_get_string (value, NULL);
      if (g_str_equal (key, "id"))
        {
          g_free (f->id);
          f->id = g_strdup (text);
        }
      else if (g_str_equal (key, "good_for"))
        {
          g_free (f->good_for);
          f->good_for = g_strdup (text);
        }
      else if (g_str_equal (key, "region"))
        {
          if (!mobed_region_parse (text, &f->region))
            {
              g_autofree char *names = mobed_region_names ();
              return invalid (error, "'%s' is not a region (%s)", text, names);
            }
        }
      else if (g_str_equal (key, "setting"))
        {
          if (!mobed_setting_parse (text, &f->setting))
            {
              g_autofree char *names = mobed_setting_names ();
              return invalid (error, "'%s' is not a setting (%s)", text, names);
            }
        }
      else
        return invalid (error, "Unknown option '%s' (known: id, region, setting, good_for)", key);
    }
  return TRUE;
}

static gboolean
matches (const MobedDrill *d, const Filter *f)
{
  return (f->id == NULL || g_str_equal (d->id, f->id))
         && (f->region == 0 || (d->regions & f->region))
         && (f->setting == 0 || (d->settings & f->setting))
         && (f->good_for == NULL || mobed_drill_has_tag (d, f->good_for));
}

static void
add_drill (GVariantBuilder *b, const MobedDrill *d)
{
  g_auto(GStrv) regions = mobed_region_list (d->regions);
  g_auto(GStrv) settings = mobed_setting_list (d->settings);

  g_variant_builder_open (b, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (b, "{sv}", "id", g_variant_new_string (d->id));
  g_variant_builder_add (b, "{sv}", "name", g_variant_new_string (d->name));
  g_variant_builder_add (b, "{sv}", "summary", g_variant_new_string (d->summary));
  g_variant_builder_add (b, "{sv}", "steps", g_variant_new_strv ((const char *const *) d->steps, -1));
  /* Left out, not empty, when the drill has none: absence says "none". */
  if (d->caution != NULL)
    g_variant_builder_add (b, "{sv}", "caution", g_variant_new_string (d->caution));
  if (d->easier != NULL)
    g_variant_builder_add (b, "{sv}", "easier", g_variant_new_string (d->easier));
  if (d->why != NULL)
    g_variant_builder_add (b, "{sv}", "why", g_variant_new_string (d->why));
  if (d->picture != NULL)
    g_variant_builder_add (b, "{sv}", "picture", g_variant_new_string (d->picture));
  g_variant_builder_add (b, "{sv}", "regions", g_variant_new_strv ((const char *const *) regions, -1));
  g_variant_builder_add (b, "{sv}", "settings", g_variant_new_strv ((const char *const *) settings, -1));
  g_variant_builder_add (b, "{sv}", "good_for",
                         g_variant_new_strv ((const char *const *) d->good_for, -1));
  g_variant_builder_add (b, "{sv}", "reps_small", g_variant_new_uint32 (d->reps_small));
  g_variant_builder_add (b, "{sv}", "reps_max", g_variant_new_uint32 (d->reps_max));
  g_variant_builder_add (b, "{sv}", "reps_focus", g_variant_new_uint32 (d->reps_focus));
  g_variant_builder_add (b, "{sv}", "per_side", g_variant_new_boolean (d->per_side));
  g_variant_builder_add (b, "{sv}", "each_way", g_variant_new_boolean (d->each_way));
  g_variant_builder_add (b, "{sv}", "seconds_per_rep", g_variant_new_uint32 (d->seconds_per_rep));
  g_variant_builder_close (b);
}

GVariant *
mobed_drill_list (const MobedCatalog *catalog, GVariant *options, GError **error)
{
  g_auto(GVariantBuilder) b = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_auto(Filter) filter = { 0 };

  if (!read_filter (options, &filter, error))
    return NULL;
  if (filter.id != NULL && mobed_catalog_find (catalog, filter.id) == NULL)
    {
      g_set_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_NO_SUCH_DRILL,
                   "No drill has the id '%s'", filter.id);
      return NULL;
    }
  for (guint i = 0; i < mobed_catalog_size (catalog); i++)
    {
      const MobedDrill *d = mobed_catalog_nth (catalog, i);
      if (matches (d, &filter))
        add_drill (&b, d);
    }
  return g_variant_builder_end (&b);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vocabulary.c — the fixed words of the catalog (regions, settings) and
 * their bits. One table each, shared by the loader, the picker's config and
 * mobectl's filters.
 */
#include "core/catalog.h"

static const char *const region_names[MOBED_REGION_COUNT] = {
  "neck", "shoulders", "upper-back", "chest", "low-back",
  "hips", "legs", "ankles-feet", "wrists-forearms", "breathing",
};

static const char *const setting_names[MOBED_SETTING_COUNT] = {
  "seated", "standing", "space", "doorway", "surface", "floor",
};

static const char *
bit_name (const char *const *names, guint count, guint bit)
{
  for (guint i = 0; i < count; i++)
    if (bit == 1u << i)
      return names[i];
  return NULL;
}

static gboolean
parse_name (const char *const *names, guint count, const char *name, guint *ret_bit)
{
  for (guint i = 0; i < count; i++)
    if (g_strcmp0 (names[i], name) == 0)
      {
        *ret_bit = 1u << i;
        return TRUE;
      }
  return FALSE;
}

const char *
mobed_region_name (MobedRegion region)
{
  return bit_name (region_names, MOBED_REGION_COUNT, region);
}

gboolean
mobed_region_parse (const char *name, guint *ret_bit)
{
  return parse_name (region_names, MOBED_REGION_COUNT, name, ret_bit);
}

const char *
mobed_setting_name (MobedSetting setting)
{
  return bit_name (setting_names, MOBED_SETTING_COUNT, setting);
}

gboolean
mobed_setting_parse (const char *name, guint *ret_bit)
{
  return parse_name (setting_names, MOBED_SETTING_COUNT, name, ret_bit);
}

static char *
join_all (const char *const *names, guint count)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", names[i]);
  return g_string_free (out, FALSE);
}

static GStrv
list_bits (const char *const *names, guint count, guint bits)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < count; i++)
    if (bits & (1u << i))
      g_strv_builder_add (b, names[i]);
  return g_strv_builder_end (b);
}

char *
mobed_region_names (void)
{
  return join_all (region_names, MOBED_REGION_COUNT);
}

char *
mobed_setting_names (void)
{
  return join_all (setting_names, MOBED_SETTING_COUNT);
}

GStrv
mobed_region_list (guint bits)
{
  return list_bits (region_names, MOBED_REGION_COUNT, bits);
}

GStrv
mobed_setting_list (guint bits)
{
  return list_bits (setting_names, MOBED_SETTING_COUNT, bits);
}

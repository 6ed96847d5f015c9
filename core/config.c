/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.c — reads a whole mobed.conf (a GKeyFile): each key the file sets
 * goes through config-value.c, and groups and keys the table
 * (config-keys.c) does not know are flagged with a hint. Writes no log:
 * problems come back as warnings for the daemon to report.
 */
#include "core/config.h"

#include "core/config-value.h"
#include "core/message.h"
#include "core/suggest.h"

static gboolean
group_known (const char *group)
{
  for (guint i = 0; i < mobed_config_n_keys (); i++)
    if (g_str_equal (mobed_config_key_group (i), group))
      return TRUE;
  return FALSE;
}

static void
warn (GPtrArray *warnings, const char *path, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
warn (GPtrArray *warnings, const char *path, const char *fmt, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  /* Key names and values come from the file: keep warnings readable. */
  if (warnings != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s: %s", path, msg);
      g_ptr_array_add (warnings, mobed_message_text (full));
    }
}

/* " (did you mean 'interval'?)" for a key near one of @group's, or
 * " (it belongs in [notify])" for a key of another group; "" otherwise. */
static char *
key_hint (const char *group, const char *key)
{
  g_autoptr(GPtrArray) same = g_ptr_array_new ();
  const char *near;

  for (guint i = 0; i < mobed_config_n_keys (); i++)
    {
      const KeySpec *spec = mobed_config_spec (i);

      if (g_str_equal (spec->group, group))
        g_ptr_array_add (same, (gpointer) spec->key);
      else if (g_str_equal (spec->key, key))
        return g_strdup_printf (" (it belongs in [%s])", spec->group);
    }
  g_ptr_array_add (same, NULL);
  near = mobed_suggest (key, (const char *const *) same->pdata);
  return near != NULL ? g_strdup_printf (" (did you mean '%s'?)", near) : g_strdup ("");
}

/* Flags keys and groups we do not know: most often a typo that would
 * otherwise silently do nothing. */
static void
check_unknown (GKeyFile *file, const char *path, GPtrArray *warnings)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  g_autoptr(GPtrArray) known_groups = g_ptr_array_new ();

  for (guint i = 0; i < mobed_config_n_keys (); i++)
    if (i == 0 || !g_str_equal (mobed_config_key_group (i), mobed_config_key_group (i - 1)))
      g_ptr_array_add (known_groups, (gpointer) mobed_config_key_group (i));
  g_ptr_array_add (known_groups, NULL);

  for (char **g = groups; *g != NULL; g++)
    {
      g_auto(GStrv) names = NULL;

      if (!group_known (*g))
        {
          const char *near = mobed_suggest (*g, (const char *const *) known_groups->pdata);

          if (near != NULL)
            warn (warnings, path, "unknown group [%s] (did you mean [%s]?); ignored", *g, near);
          else
            warn (warnings, path, "unknown group [%s]; ignored", *g);
          continue;
        }
      names = g_key_file_get_keys (file, *g, NULL, NULL);
      for (char **k = names; names != NULL && *k != NULL; k++)
        if (mobed_config_find_spec (*g, *k) == NULL)
          {
            g_autofree char *hint = key_hint (*g, *k);

            warn (warnings, path, "[%s] unknown key '%s'%s; ignored", *g, *k, hint);
          }
    }
}

/* Good-for tags the catalog renamed, still read in focus= for a while.
 * rotator-cuff was both a tag (on the wide arm circles) and the id of the
 * rotator cuff drill, so `mobectl focus rotator-cuff` could only ever
 * mean the drill. */
static const struct { const char *old, *now; } renamed_tags[] = {
  { "rotator-cuff", "rotator-cuff-injury" },
};

static void
rename_old_tags (GStrv focus, const char *path, GPtrArray *warnings)
{
  for (char **w = focus; w != NULL && *w != NULL; w++)
    for (gsize i = 0; i < G_N_ELEMENTS (renamed_tags); i++)
      if (g_str_equal (*w, renamed_tags[i].old))
        {
          warn (warnings, path, "[drills] focus: '%s' is now called '%s' (the old name is "
                "also a drill's id); read as '%s', please change it", renamed_tags[i].old,
                renamed_tags[i].now, renamed_tags[i].now);
          g_free (*w);
          *w = g_strdup (renamed_tags[i].now);
        }
}

void
mobed_config_parse (MobedConfig *config,
                    GKeyFile    *file,
                    const char  *path,
                    GPtrArray   *warnings)
{
  MobedConfig next;

  g_return_if_fail (config != NULL && file != NULL && path != NULL);

  mobed_config_init_defaults (&next);
  check_unknown (file, path, warnings);
  for (guint i = 0; i < mobed_config_n_keys (); i++)
    {
      const KeySpec *spec = mobed_config_spec (i);
      g_autofree char *raw = g_key_file_get_value (file, spec->group, spec->key, NULL);
      g_autoptr(GError) bad = NULL;
      g_auto(Value) value = { 0 };
      g_auto(Value) kept = { 0 };

      if (raw == NULL)
        continue;
      if (mobed_config_value_parse (spec, raw, &value, &bad))
        mobed_config_store (&next, spec, &value);
      else
        {
          g_autofree char *kept_text = NULL;

          mobed_config_fetch (config, spec, &kept);
          kept_text = mobed_config_value_describe (spec, &kept);
          mobed_config_store (&next, spec, &kept);
          warn (warnings, path, "[%s] %s: %s; keeping %s",
                spec->group, spec->key, bad->message, kept_text);
        }
    }
  rename_old_tags (next.focus, path, warnings);
  mobed_config_clear (config);
  *config = next;
}

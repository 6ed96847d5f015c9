/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-config.c — libFuzzer target for mobed_config_load(): the input is
 * the whole mobed.conf. Invariants (the ranges of mobed.conf(5)): whatever
 * the file holds, every loaded value is in its documented range, focus and
 * exclude are lists of at most MOBED_CONFIG_LIST_MAX non-empty kebab-case
 * words (never NULL), work-hours is text (never NULL), a failed load leaves the
 * config untouched, loading the same file again gives the same config, and
 * every warning is UTF-8 (Reload sends them over D-Bus as "as").
 */
#include <string.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "tests/fuzz/fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_glib_setup ();
  return 0;
}

static void
check_words (const char *field, char **words)
{
  FUZZ_CHECK (words != NULL, "%s is NULL, not an empty list", field);
  FUZZ_CHECK (g_strv_length (words) <= MOBED_CONFIG_LIST_MAX, "%s has %u words", field,
              g_strv_length (words));
  for (char **w = words; *w != NULL; w++)
    {
      FUZZ_CHECK (**w != '\0', "%s has an empty word", field);
      for (const char *c = *w; *c != '\0'; c++)
        FUZZ_CHECK (g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-',
                    "%s holds '%c': '%s'", field, *c, *w);
    }
}

#define IN_RANGE(field, lo, hi) \
  FUZZ_CHECK (c->field >= (lo) && c->field <= (hi), #field " = %" G_GUINT64_FORMAT \
              " is outside %" G_GUINT64_FORMAT "..%" G_GUINT64_FORMAT,          \
              (guint64) c->field, (guint64) (lo), (guint64) (hi))

static void
check_config (const MobedConfig *c)
{
  IN_RANGE (interval_s, 1, 24 * 3600);
  IN_RANGE (break_length_s, 5, 15 * 60);
  IN_RANGE (snooze_s, 1, 12 * 3600);
  IN_RANGE (expire_after_s, 1, 24 * 3600);
  IN_RANGE (natural_break_s, 1, 4 * 3600);
  FUZZ_CHECK (c->sound == TRUE || c->sound == FALSE, "sound = %d", c->sound);
  IN_RANGE (daily_goal, 1, 100);
  IN_RANGE (settings, 1, (1u << MOBED_SETTING_COUNT) - 1);
  check_words ("focus", c->focus);
  check_words ("exclude", c->exclude);
  FUZZ_CHECK (c->work_hours != NULL, "work_hours is NULL");
}

static gboolean
same_config (const MobedConfig *a, const MobedConfig *b)
{
  return a->interval_s == b->interval_s && a->break_length_s == b->break_length_s
         && a->snooze_s == b->snooze_s && a->expire_after_s == b->expire_after_s
         && a->natural_break_s == b->natural_break_s && a->sound == b->sound
         && a->daily_goal == b->daily_goal && a->settings == b->settings
         && g_strv_equal ((const char *const *) a->focus, (const char *const *) b->focus)
         && g_strv_equal ((const char *const *) a->exclude, (const char *const *) b->exclude)
         && a->work_days == b->work_days && strcmp (a->work_hours, b->work_hours) == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(MobedConfig) config = { 0 };
  g_auto(MobedConfig) before = { 0 };
  g_auto(MobedConfig) again = { 0 };

  if (size > 64 * 1024)
    return -1;     /* long inputs only slow the search; 1 MB lines are a unit test */
  path = fuzz_input_path (data, size);

  mobed_config_init_defaults (&config);
  check_config (&config);
  mobed_config_copy (&before, &config);
  if (!mobed_config_load (&config, path, warnings, &error))
    {
      FUZZ_CHECK (error != NULL, "failed without an error");
      FUZZ_CHECK (same_config (&config, &before), "a failed load changed the config");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL),
                  "error not UTF-8: '%s'", error->message);
      return 0;
    }
  FUZZ_CHECK (error == NULL, "succeeded with an error set");
  check_config (&config);
  fuzz_check_utf8_all (warnings, "warning");

  /* A reload of the same file: bad keys keep what the first load gave. */
  mobed_config_copy (&again, &config);
  g_ptr_array_set_size (warnings, 0);
  FUZZ_CHECK (mobed_config_load (&again, path, warnings, NULL), "second load failed");
  FUZZ_CHECK (same_config (&config, &again), "loading the file again changed the config");
  return 0;
}

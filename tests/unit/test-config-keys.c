/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-config-keys.c — the key table core/config.h lends `mobectl config`:
 * every key can be found, its value in force written back reads as the
 * same value, and a value is checked by exactly the rules loading uses.
 */
#include <glib.h>
#include <string.h>

#include "core/config.h"

/* What a value parses to, written out again: a round trip through a file. */
static char *
reparsed (guint index, const char *raw)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_auto(MobedConfig) config = { 0 };

  mobed_config_init_defaults (&config);
  g_key_file_set_value (file, mobed_config_key_group (index), mobed_config_key_name (index), raw);
  mobed_config_parse (&config, file, "test.conf", warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
  return mobed_config_key_value (&config, index);
}

static void
test_every_key_found (void)
{
  g_assert_cmpuint (mobed_config_n_keys (), >=, 18);
  for (guint i = 0; i < mobed_config_n_keys (); i++)
    {
      const char *group = mobed_config_key_group (i);
      const char *key = mobed_config_key_name (i);

      g_assert_cmpint (mobed_config_find_key (group, key), ==, (int) i);
      g_assert_nonnull (mobed_config_key_kind (i));
      g_assert_cmpstr (mobed_config_key_kind (i), !=, "");
    }
  g_assert_cmpint (mobed_config_find_key ("schedule", "nope"), ==, -1);
  g_assert_cmpint (mobed_config_find_key ("nope", "interval"), ==, -1);
  /* A key belongs to its own group only. */
  g_assert_cmpint (mobed_config_find_key ("goals", "interval"), ==, -1);
}

/* The default, as `mobectl config` writes it, is a good value that reads
 * back as itself: what the listing shows can be pasted into mobed.conf. */
static void
test_defaults_round_trip (void)
{
  g_auto(MobedConfig) config = { 0 };

  mobed_config_init_defaults (&config);
  for (guint i = 0; i < mobed_config_n_keys (); i++)
    {
      g_autofree char *value = mobed_config_key_value (&config, i);
      g_autofree char *again = reparsed (i, value);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s.%s=%s", mobed_config_key_group (i), mobed_config_key_name (i), value);
      g_assert_true (mobed_config_check_value (i, value, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, value);
    }
}

static void
test_values_written_as_the_file_spells_them (void)
{
  struct { const char *group, *key, *raw, *written; } cases[] = {
    { "schedule", "interval", "90m", "1h30m" },
    { "schedule", "work-hours", "9:00-12:00,13:00-17:30", NULL },
    { "schedule", "work-hours", "09:00-12:00, 13:00-17:30", "09:00-12:00,13:00-17:30" },
    { "schedule", "work-days", "Mon-Fri", "Mon,Tue,Wed,Thu,Fri" },
    { "drills", "settings", "standing,seated", "seated;standing" },
    { "drills", "exclude", "a-b, c-d", "a-b;c-d" },
    { "drills", "focus", "", "" },
    { "presence", "idle-source", "logind", "logind" },
    { "notify", "sound", "false", "false" },
    { "goals", "daily", "12", "12" },
    { "schedule", "walk-every", "off", "off" },
    { "schedule", "walk-every", "90m", "1h30m" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int index = mobed_config_find_key (cases[i].group, cases[i].key);
      g_autoptr(GError) error = NULL;
      gboolean good;

      g_assert_cmpint (index, >=, 0);
      good = mobed_config_check_value ((guint) index, cases[i].raw, &error);
      if (cases[i].written == NULL)
        {
          /* The loader refuses it: so does the check, with a reason. */
          g_assert_false (good);
          g_assert_nonnull (error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (good);
      {
        g_autofree char *value = reparsed ((guint) index, cases[i].raw);
        g_assert_cmpstr (value, ==, cases[i].written);
      }
    }
}

/* The check refuses what loading refuses, in the same words: the warning
 * loading gives contains the check's message. */
static void
test_check_matches_loading (void)
{
  const char *bad[][3] = {
    { "schedule", "interval", "20" },
    { "schedule", "interval", "0s" },
    { "goals", "daily", "abc" },
    { "goals", "daily", "0" },
    { "notify", "sound", "yes" },
    { "drills", "settings", "sofa" },
    { "drills", "exclude", "Neck Circles" },
    { "presence", "idle-source", "telepathy" },
    { "schedule", "work-days", "Funday" },
    { "schedule", "work-hours", "25:00-26:00" },
    { "schedule", "snooze", "\xff" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int index = mobed_config_find_key (bad[i][0], bad[i][1]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GKeyFile) file = g_key_file_new ();
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_auto(MobedConfig) config = { 0 };

      g_assert_cmpint (index, >=, 0);
      g_assert_false (mobed_config_check_value ((guint) index, bad[i][2], &error));
      g_assert_nonnull (error);
      mobed_config_init_defaults (&config);
      g_key_file_set_value (file, bad[i][0], bad[i][1], bad[i][2]);
      mobed_config_parse (&config, file, "test.conf", warnings);
      g_assert_cmpuint (warnings->len, ==, 1);
      g_test_message ("%s | %s", error->message, (char *) warnings->pdata[0]);
      /* Bytes that are not UTF-8 are shown escaped in the warning. */
      if (g_utf8_validate (bad[i][2], -1, NULL))
        g_assert_nonnull (strstr (warnings->pdata[0], error->message));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config-keys/every-key-found", test_every_key_found);
  g_test_add_func ("/config-keys/defaults-round-trip", test_defaults_round_trip);
  g_test_add_func ("/config-keys/written-as-the-file-spells-them",
                   test_values_written_as_the_file_spells_them);
  g_test_add_func ("/config-keys/check-matches-loading", test_check_matches_loading);
  return g_test_run ();
}

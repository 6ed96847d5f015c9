/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-config-hostile.c — mobed.conf files made to hurt: random bytes,
 * megabyte lines, huge numbers, wrong types, bytes that are not text. Each
 * is refused or warned about in a short, valid UTF-8 message, and the
 * message shortener itself cuts between characters.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "store/config-files.h"
#include "core/config.h"
#include "core/message.h"
#include "config-test-util.h"

/* Every warning and error a hostile file makes is valid UTF-8 and short. */
static void
assert_readable (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, MOBED_MESSAGE_MAX);
}

static void
assert_warnings_readable (Fixture *f)
{
  for (guint i = 0; i < f->warnings->len; i++)
    assert_readable (f->warnings->pdata[i]);
}

static char *
repeat (char c, gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

/* Files that are not key files at all: refused whole, config untouched,
 * and the error short whatever the file held. */
static void
test_hostile_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree char *long_line = repeat ('x', 1 << 20);
  guint8 garbage[8192];
  g_auto(MobedConfig) c = { 0 };
  g_auto(MobedConfig) before = { 0 };

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;

      if (round == 0)
        g_assert_true (g_file_set_contents (f->path, (const char *) garbage, sizeof garbage, NULL));
      else
        write_conf (f, long_line);
      mobed_config_clear (&c);
      mobed_config_init_defaults (&c);
      c.snooze_s = 77;
      mobed_config_copy (&before, &c);
      g_assert_false (mobed_config_load (&c, f->path, f->warnings, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, f->path));
      assert_readable (error->message);
      assert_config_equal (&c, &before);
    }
}

/* Key files with hostile contents, one bad line at a time: the key keeps
 * its value and says so in a short warning; a good key beside it loads. */
static void
test_hostile_values (Fixture *f, gconstpointer data)
{
  g_autofree char *megabyte = repeat ('5', 1 << 20);
  g_autofree char *long_name = repeat ('k', 1 << 20);
  g_autofree char *mb_days = g_strconcat ("work-days=", megabyte, NULL);
  g_autofree char *mb_interval = g_strconcat ("interval=", megabyte, "m", NULL);
  g_autofree char *mb_key = g_strconcat (long_name, "=1", NULL);
  g_autofree char *mb_group = g_strconcat ("[", long_name, "]\nx=1", NULL);
  g_autofree char *long_list = NULL;
  const struct { const char *line; const char *warning; } bad[] = {
    /* huge */
    { "interval=99999999999999999999999h", "] interval:" },
    { mb_interval, "] interval:" },
    { "snooze=367d", "] snooze:" },
    { "expire-after=18446744073709551615s", "] expire-after:" },
    { "daily=18446744073709551616", "] daily:" },
    { "daily=100000", "] daily:" },
    { mb_days, "] work-days:" },
    { NULL /* long_list */, "] exclude:" },
    { mb_key, "unknown key 'kkkk" },
    { mb_group, "unknown group [kkkk" },
    /* wrong types */
    { "sound=1", "] sound:" },
    { "escalate=yes", "] escalate:" },
    { "natural-break=true", "] natural-break:" },
    { "break-length=45", "] break-length:" },
    { "daily=8.5", "] daily:" },
    { "daily=-1", "] daily:" },
    { "daily=eight", "] daily:" },
    { "settings=42", "] settings:" },
    { "focus=Neck Pain", "] focus:" },
    { "work-days=7", "] work-days:" },
    { "work-hours=banana", "] work-hours:" },
    { "max-defer=[1,2]", "] max-defer:" },
    /* not text */
    { "exclude=\xff\xfe\x80", "] exclude:" },
    { "sound=tr\xc3", "] sound:" },
  };
  const char *groups[] = { "schedule", "notify", "goals", "drills", "presence" };
  g_auto(MobedConfig) defaults = { 0 };

  /* A thousand drill ids: longer than a list may be. */
  {
    g_autoptr(GString) list = g_string_new ("exclude=");
    for (guint i = 0; i < 1000; i++)
      g_string_append_printf (list, "%sdrill-%u", i ? "," : "", i);
    long_list = g_string_free (g_steal_pointer (&list), FALSE);
  }
  mobed_config_init_defaults (&defaults);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *line = bad[i].line != NULL ? bad[i].line : long_list;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_auto(MobedConfig) c = { 0 };

      /* The line in every group: it is a known key in one of them. The
       * good key is a different one in each round. */
      for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
        g_string_append_printf (text, "[%s]\n%s\n", groups[g], line);
      g_string_append (text, g_str_has_prefix (line, "daily") ? "[notify]\nsound=false\n"
                                                               : "[goals]\ndaily=3\n");
      write_conf (f, text->str);
      g_ptr_array_set_size (f->warnings, 0);
      mobed_config_init_defaults (&c);
      g_assert_true (mobed_config_load (&c, f->path, f->warnings, &error));
      g_assert_no_error (error);
      assert_warnings_readable (f);
      if (!has_warning (f, bad[i].warning, NULL))
        g_error ("no warning %s for a line starting '%.40s'", bad[i].warning, line);
      /* A megabyte quoted back is cut short, not dropped. */
      if (strlen (line) > 100000)
        g_assert_true (has_warning (f, bad[i].warning, "…"));
      if (g_str_has_prefix (line, "daily"))
        {
          g_assert_false (c.sound);
          c.sound = defaults.sound;
        }
      else
        {
          g_assert_cmpuint (c.daily_goal, ==, 3);
          c.daily_goal = defaults.daily_goal;
        }
      assert_config_equal (&c, &defaults);
    }
}

static void
test_message_text (Fixture *f, gconstpointer data)
{
  g_autofree char *short_text = mobed_message_text ("fine: ok");
  g_autofree char *bad_bytes = mobed_message_text ("a\xff" "b");
  g_autofree char *exact = repeat ('e', MOBED_MESSAGE_MAX);
  g_autofree char *exact_copy = mobed_message_text (exact);
  g_autofree char *huge = repeat ('h', 1 << 20);
  g_autofree char *huge_cut = mobed_message_text (huge);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autofree char *wide_cut = NULL;

  g_assert_cmpstr (short_text, ==, "fine: ok");
  g_assert_cmpstr (bad_bytes, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (exact_copy, ==, exact);
  g_assert_cmpuint (g_utf8_strlen (huge_cut, -1), ==, MOBED_MESSAGE_MAX);
  g_assert_true (g_str_has_suffix (huge_cut, "hh…"));
  /* Cut between characters, never inside one. */
  for (guint i = 0; i < MOBED_MESSAGE_MAX; i++)
    g_string_append (wide, "ü€");
  wide_cut = mobed_message_text (wide->str);
  g_assert_true (g_utf8_validate (wide_cut, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (wide_cut, -1), ==, MOBED_MESSAGE_MAX);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/config/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("hostile-files", test_hostile_files);
  ADD ("hostile-values", test_hostile_values);
  ADD ("message-text", test_message_text);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-catalog.c — libFuzzer target for mobed_catalog_load(): the input is
 * a whole drills.ini. Invariants (mobed-drills(5)): every drill that loads
 * has a kebab-case id under MOBED_DRILL_ID_MAX, a name (1-60 characters), a
 * summary (1-120), 2-6 non-empty steps, nonzero regions and settings from
 * their vocabularies, kebab-case good-for tags, reps-small 1-100 and no more
 * than reps-focus 1-200, seconds-per-rep 1-60, each-way only with per-side;
 * every string is UTF-8 (they go out in ListDrills); loading the same file
 * twice keeps the same drills; every problem is UTF-8 (Reload sends them);
 * and ListDrills can answer with the result.
 */
#include <dlfcn.h>
#include <string.h>

#include <gio/gio.h>
#include <sanitizer/lsan_interface.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "daemon/bus/drill-list.h"
#include "tests/fuzz/fuzz-common.h"

/*
 * GLib 2.74 leaks a GError in g_key_file_get_locale_string() when the
 * untranslated value has an escape that is not valid in a plain string
 * (any "\;" in a steps list, which is valid there): g_key_file_get_string()
 * returns the text and sets the error, and get_locale_string keeps the text
 * and drops the error. It is GLib's leak, not mobed's (see tests/lsan.supp).
 * A suppression would need the slow unwinder (Debian's GLib has no frame
 * pointers), which costs this target nine tenths of its speed, so instead
 * these two wrappers, which core/catalog-value.c links against in this program
 * only, call GLib's functions with LSan off and hand back copies made with
 * LSan on: a leak of what mobed receives is still reported.
 */
static gpointer
real_function (const char *name)
{
  gpointer fn = dlsym (RTLD_NEXT, name);

  if (fn == NULL)
    abort ();
  return fn;
}

static void
track_error (GError **error)
{
  if (error != NULL && *error != NULL)
    {
      GError *untracked = *error;
      *error = g_error_copy (untracked);
      g_error_free (untracked);
    }
}

gchar *
g_key_file_get_locale_string (GKeyFile *key_file, const gchar *group_name, const gchar *key,
                              const gchar *locale, GError **error)
{
  static gchar *(*real) (GKeyFile *, const gchar *, const gchar *, const gchar *, GError **);
  gchar *untracked, *text;

  if (real == NULL)
    real = real_function ("g_key_file_get_locale_string");
  __lsan_disable ();
  untracked = real (key_file, group_name, key, locale, error);
  __lsan_enable ();
  text = g_strdup (untracked);
  g_free (untracked);
  track_error (error);
  return text;
}

gchar **
g_key_file_get_locale_string_list (GKeyFile *key_file, const gchar *group_name, const gchar *key,
                                   const gchar *locale, gsize *length, GError **error)
{
  static gchar **(*real) (GKeyFile *, const gchar *, const gchar *, const gchar *, gsize *,
                          GError **);
  gchar **untracked, **list;

  if (real == NULL)
    real = real_function ("g_key_file_get_locale_string_list");
  __lsan_disable ();
  untracked = real (key_file, group_name, key, locale, length, error);
  __lsan_enable ();
  list = g_strdupv (untracked);
  g_strfreev (untracked);
  track_error (error);
  return list;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_glib_setup ();
  /* Translated keys (name[de]) are read for the user's language. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  return 0;
}

static gboolean
kebab (const char *s)
{
  gboolean dash = TRUE;

  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    {
      if (*s == '-' && dash)
        return FALSE;
      if (*s != '-' && !g_ascii_islower (*s) && !g_ascii_isdigit (*s))
        return FALSE;
      dash = *s == '-';
    }
  return !dash;
}

static void
check_text (const char *id, const char *what, const char *text, glong max)
{
  FUZZ_CHECK (text != NULL, "drill '%s': %s is NULL", id, what);
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL), "drill '%s': %s is not UTF-8", id, what);
  FUZZ_CHECK (*text != '\0' && g_utf8_strlen (text, -1) <= max,
              "drill '%s': %s '%s' is empty or longer than %ld", id, what, text, max);
}

static void
check_drill (const MobedCatalog *catalog, const MobedDrill *d)
{
  guint n_steps;

  FUZZ_CHECK (d != NULL, "NULL drill");
  FUZZ_CHECK (kebab (d->id) && strlen (d->id) < MOBED_DRILL_ID_MAX,
              "bad id '%s'", d->id ? d->id : "(null)");
  FUZZ_CHECK (mobed_catalog_find (catalog, d->id) == d, "find('%s') is another drill", d->id);
  check_text (d->id, "name", d->name, 60);
  check_text (d->id, "summary", d->summary, 120);
  FUZZ_CHECK (d->steps != NULL, "drill '%s': steps is NULL", d->id);
  n_steps = g_strv_length (d->steps);
  FUZZ_CHECK (n_steps >= 2 && n_steps <= 6, "drill '%s': %u steps", d->id, n_steps);
  for (char **s = d->steps; *s != NULL; s++)
    FUZZ_CHECK (**s != '\0' && g_utf8_validate (*s, -1, NULL),
                "drill '%s': empty or non-UTF-8 step", d->id);
  FUZZ_CHECK (d->regions != 0 && d->regions < (1u << MOBED_REGION_COUNT),
              "drill '%s': regions 0x%x", d->id, d->regions);
  FUZZ_CHECK (d->settings != 0 && d->settings < (1u << MOBED_SETTING_COUNT),
              "drill '%s': settings 0x%x", d->id, d->settings);
  FUZZ_CHECK (d->good_for != NULL, "drill '%s': good_for is NULL", d->id);
  for (char **t = d->good_for; *t != NULL; t++)
    FUZZ_CHECK (kebab (*t), "drill '%s': tag '%s'", d->id, *t);
  FUZZ_CHECK (d->reps_small >= 1 && d->reps_small <= 100, "drill '%s': reps_small %u",
              d->id, d->reps_small);
  FUZZ_CHECK (d->reps_focus >= 1 && d->reps_focus <= 200, "drill '%s': reps_focus %u",
              d->id, d->reps_focus);
  FUZZ_CHECK (d->reps_small <= d->reps_focus, "drill '%s': reps_small %u > reps_focus %u",
              d->id, d->reps_small, d->reps_focus);
  FUZZ_CHECK (d->seconds_per_rep >= 1 && d->seconds_per_rep <= 60,
              "drill '%s': seconds_per_rep %u", d->id, d->seconds_per_rep);
  FUZZ_CHECK ((d->per_side == TRUE || d->per_side == FALSE)
              && (d->each_way == TRUE || d->each_way == FALSE)
              && (!d->each_way || d->per_side), "drill '%s': per_side %d each_way %d",
              d->id, d->per_side, d->each_way);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path;
  g_autoptr(MobedCatalog) catalog = mobed_catalog_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) listed = NULL;
  guint n;

  if (size > 64 * 1024)
    return -1;     /* 10,000-drill catalogs are a unit test, not a fuzz input */
  path = fuzz_input_path (data, size);

  if (!mobed_catalog_load (catalog, path, problems, &error))
    {
      FUZZ_CHECK (error != NULL, "failed without an error");
      FUZZ_CHECK (mobed_catalog_size (catalog) == 0, "a failed load added drills");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL),
                  "error not UTF-8: '%s'", error->message);
      return 0;
    }
  FUZZ_CHECK (error == NULL, "succeeded with an error set");
  fuzz_check_utf8_all (problems, "problem");
  n = mobed_catalog_size (catalog);
  for (guint i = 0; i < n; i++)
    check_drill (catalog, mobed_catalog_nth (catalog, i));

  /* The user's file overriding the shipped one with the same drills. */
  FUZZ_CHECK (mobed_catalog_load (catalog, path, NULL, NULL), "second load failed");
  FUZZ_CHECK (mobed_catalog_size (catalog) == n, "%u drills, then %u after loading again",
              n, mobed_catalog_size (catalog));
  for (guint i = 0; i < n; i++)
    check_drill (catalog, mobed_catalog_nth (catalog, i));

  /* What ListDrills with no filter makes of it. */
  options = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  listed = mobed_drill_list (catalog, options, NULL);
  FUZZ_CHECK (listed != NULL && g_variant_n_children (listed) == n,
              "ListDrills lists %" G_GSIZE_FORMAT " of %u drills",
              listed ? g_variant_n_children (listed) : 0, n);
  return 0;
}

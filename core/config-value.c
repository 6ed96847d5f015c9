/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-value.c — one mobed.conf value: its text checked and parsed by the
 * rules of its key (durations, true/false, counts, word lists, days, hours,
 * choices), and a held value written back as text. Kept apart from reading
 * the file so `mobectl config` checks a value with exactly these rules.
 */
#include "core/config-value.h"

#include "core/catalog.h"
#include "core/duration.h"
#include "core/workhours.h"

char *
mobed_config_value_describe (const KeySpec *spec, const Value *value)
{
  switch (spec->type)
    {
    case KEY_DURATION_OFF:
      if (value->number == 0)
        return g_strdup ("off");
      return mobed_duration_format (value->number);
    case KEY_DURATION:
      return mobed_duration_format (value->number);
    case KEY_BOOLEAN:
      return g_strdup (value->number ? "true" : "false");
    case KEY_SETTINGS:
      {
        GString *out = g_string_new (NULL);
        for (guint i = 0; i < MOBED_SETTING_COUNT; i++)
          if (value->number & (1u << i))
            g_string_append_printf (out, "%s%s", out->len ? "," : "",
                                    mobed_setting_name (1u << i));
        return g_string_free (out, FALSE);
      }
    case KEY_WORDS:
      return value->words != NULL && value->words[0] != NULL ? g_strjoinv (";", value->words)
                                                             : g_strdup ("(none)");
    case KEY_HOURS:
      return g_strdup (value->text != NULL && value->text[0] != '\0' ? value->text
                                                                      : "(all day)");
    case KEY_DAYS:
      {
        static const char *const names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
        GString *out = g_string_new (NULL);
        for (guint i = 0; i < 7; i++)
          if (value->number & (1u << i))
            g_string_append_printf (out, "%s%s", out->len ? "," : "", names[i]);
        return g_string_free (out, FALSE);
      }
    case KEY_CHOICE:
      return g_strdup (spec->choices[value->number]);
    case KEY_COUNT:
    default:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, value->number);
    }
}

static gboolean
parse_choice (const KeySpec *spec, const char *text, Value *ret, GError **error)
{
  g_autofree char *listed = NULL;

  for (guint i = 0; spec->choices[i] != NULL; i++)
    if (g_str_equal (text, spec->choices[i]))
      {
        ret->number = i;
        return TRUE;
      }
  listed = g_strjoinv (", ", (char **) spec->choices);
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "'%s' is not one of %s", text, listed);
  return FALSE;
}

/* A list of kebab-case words, separated by ',' or ';'. */
static gboolean
parse_words (const KeySpec *spec, const char *text, Value *ret, GError **error)
{
  g_auto(GStrv) words = g_regex_split_simple ("[,;]", text, 0, 0);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (char **w = words; *w != NULL; w++)
    {
      const char *word = g_strstrip (*w);
      guint bit;

      if (*word == '\0')
        continue;
      if (spec->type == KEY_SETTINGS)
        {
          if (!mobed_setting_parse (word, &bit))
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "'%s' is not a setting (seated, standing, space, doorway, "
                           "surface, floor)", word);
              return FALSE;
            }
          ret->number |= bit;
          continue;
        }
      for (const char *c = word; *c != '\0'; c++)
        if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
          {
            g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                         "'%s' is not a kebab-case name (like neck-pain)", word);
            return FALSE;
          }
      g_ptr_array_add (out, g_strdup (word));
    }
  if (out->len > MOBED_CONFIG_LIST_MAX)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "the list has more than %d words", MOBED_CONFIG_LIST_MAX);
      return FALSE;
    }
  if (spec->type == KEY_WORDS)
    {
      g_ptr_array_add (out, NULL);
      ret->words = (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
    }
  return TRUE;
}

gboolean
mobed_config_value_parse (const KeySpec *spec, const char *raw, Value *ret, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (raw));
  g_auto(Value) v = { 0 };

  /* Checked first: the parsers and every message below assume UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "the value is not valid UTF-8 text");
      return FALSE;
    }

  switch (spec->type)
    {
    case KEY_DURATION_OFF:
      /* Zero is not a duration, but here it is the way to say "none". */
      if (g_str_equal (text, "0") || g_str_equal (text, "off"))
        {
          ret->number = 0;
          return TRUE;
        }
      if (!mobed_duration_parse (text, &v.number, error))
        return FALSE;
      break;
    case KEY_DURATION:
      /* Every language's words: the file must mean the same whatever
       * locale the daemon reading it runs in (a user service often has
       * none), and no word means one thing in one language and another
       * thing in the next. */
      if (!mobed_duration_parse_in (text, mobed_duration_all_languages, &v.number, error))
        return FALSE;
      break;
    case KEY_BOOLEAN:
      if (g_strcmp0 (text, "true") == 0)
        v.number = 1;
      else if (g_strcmp0 (text, "false") != 0)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is not true or false", text);
          return FALSE;
        }
      break;
    case KEY_SETTINGS:
    case KEY_WORDS:
      if (!parse_words (spec, text, &v, error))
        return FALSE;
      if (spec->type == KEY_WORDS)
        {
          *ret = v;
          v = (Value) { 0 };
          return TRUE;
        }
      break;
    case KEY_DAYS:
      {
        guint8 days;
        if (!mobed_work_days_parse (text, &days, error))
          return FALSE;
        v.number = days;
      }
      break;
    case KEY_HOURS:
      {
        MobedWorkHours hours = { 0 };
        GString *norm = g_string_new (NULL);

        if (!mobed_work_hours_parse (text, &hours, error))
          {
            g_string_free (norm, TRUE);
            return FALSE;
          }
        for (guint i = 0; i < hours.n_ranges; i++)
          g_string_append_printf (norm, "%s%02u:%02u-%02u:%02u", i ? "," : "",
                                  hours.start[i] / 60, hours.start[i] % 60,
                                  hours.end[i] / 60, hours.end[i] % 60);
        ret->text = g_string_free (norm, FALSE);
        return TRUE;
      }
    case KEY_CHOICE:
      if (!parse_choice (spec, text, &v, error))
        return FALSE;
      break;
    case KEY_COUNT:
    default:
      /* "-3" is a whole number, just not one the key allows: say so. */
      if (text[0] == '-' && g_ascii_string_to_signed (text, 10, G_MININT64, -1, NULL, NULL))
        {
          const Value lo = { .number = spec->min }, hi = { .number = spec->max };
          g_autofree char *lo_text = mobed_config_value_describe (spec, &lo);
          g_autofree char *hi_text = mobed_config_value_describe (spec, &hi);

          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is out of range (%s to %s)", text, lo_text, hi_text);
          return FALSE;
        }
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &v.number, NULL))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "'%s' is not a whole number", text);
          return FALSE;
        }
      break;
    }

  if (v.number < spec->min || v.number > spec->max)
    {
      const Value lo = { .number = spec->min }, hi = { .number = spec->max };
      g_autofree char *shown = mobed_config_value_describe (spec, &v);
      g_autofree char *lo_text = mobed_config_value_describe (spec, &lo);
      g_autofree char *hi_text = mobed_config_value_describe (spec, &hi);

      if (spec->type == KEY_SETTINGS)
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                     "'%s' allows no setting at all", text);
      else
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                     "'%s' is out of range (%s to %s)", shown, lo_text, hi_text);
      return FALSE;
    }
  ret->number = v.number;
  return TRUE;
}

char *
mobed_config_key_value (const MobedConfig *config, guint index)
{
  const KeySpec *spec;
  g_auto(Value) value = { 0 };

  g_return_val_if_fail (config != NULL && index < mobed_config_n_keys (), NULL);
  spec = mobed_config_spec (index);
  mobed_config_fetch (config, spec, &value);
  /* mobed_config_value_describe() writes "(none)" and "(all day)" for
   * people reading a warning; the file spells both as an empty value. */
  if (spec->type == KEY_WORDS)
    return value.words != NULL ? g_strjoinv (";", value.words) : g_strdup ("");
  if (spec->type == KEY_HOURS)
    return g_strdup (value.text != NULL ? value.text : "");
  if (spec->type == KEY_SETTINGS)
    {
      g_autofree char *listed = mobed_config_value_describe (spec, &value);
      return g_strdelimit (g_steal_pointer (&listed), ",", ';');
    }
  return mobed_config_value_describe (spec, &value);
}

gboolean
mobed_config_check_value (guint index, const char *raw, GError **error)
{
  g_auto(Value) value = { 0 };

  g_return_val_if_fail (index < mobed_config_n_keys () && raw != NULL, FALSE);
  return mobed_config_value_parse (mobed_config_spec (index), raw, &value, error);
}

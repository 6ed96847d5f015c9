/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.c — `mobectl config`: every setting in force and where it comes
 * from, and `config set` / `unset`, which check a value by the daemon's own
 * rules before the file is touched and keep the user's comments and order.
 */
#include "cli/config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/json-out.h"
#include "cli/text.h"
#include "core/config.h"
#include "core/suggest.h"

char *
mobectl_config_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "mobed", "mobed.conf", NULL);
}

gboolean
mobectl_config_write (const char *path, const char *data, gsize length, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *target = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot make the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* g_file_set_contents replaces a symlink with a file; people who keep
   * mobed.conf in a dotfiles repository expect the link to stay. */
  target = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? realpath (path, NULL) : NULL;
  return g_file_set_contents_full (target != NULL ? target : path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
mobectl_config_check (const char *path, const char *data, gsize length,
                      GPtrArray *warnings, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(MobedConfig) config = { 0 };

  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return FALSE;
    }
  mobed_config_init_defaults (&config);
  mobed_config_parse (&config, file, path, warnings);
  return TRUE;
}

void
mobectl_config_reload (MobectlContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **warnings = NULL;
  GDBusConnection *bus = mobectl_bus (ctx, &error);

  /* The file is written either way; mobed reads it when it next starts,
   * so this is not the moment to start one. */
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, MOBECTL_BUS_NAME, MOBECTL_OBJECT_PATH,
                                         MOBECTL_INTERFACE, "Reload", NULL,
                                         G_VARIANT_TYPE ("(as)"),
                                         G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                         ctx->timeout_s * 1000, NULL, &error);
  if (reply == NULL)
    {
      g_print ("%s\n", _("mobed is not running; it reads the file when it starts."));
      return;
    }
  g_variant_get (reply, "(^a&s)", &warnings);
  for (const char **w = warnings; w != NULL && *w != NULL; w++)
    {
      g_printerr (_("mobectl: warning: %s"), *w);
      g_printerr ("\n");
    }
  g_print ("%s\n", _("mobed has read it."));
}

/* The line of @path's text that sets [@group] @key, or 0. A key set twice
 * counts where GKeyFile takes it from: the last time. */
static guint
line_of (const char *text, const char *group, const char *key)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autofree char *current = NULL;
  guint found = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq;

      if (line[0] == '[')
        {
          char *end = strchr (line, ']');
          g_free (current);
          current = end != NULL ? g_strndup (line + 1, (gsize) (end - line - 1)) : NULL;
          continue;
        }
      if (line[0] == '#' || current == NULL || !g_str_equal (current, group))
        continue;
      eq = strchr (line, '=');
      if (eq == NULL)
        continue;
      *eq = '\0';
      if (g_str_equal (g_strchomp (line), key))
        found = i + 1;
    }
  return found;
}

typedef struct {
  const char *group, *key, *kind;
  char       *value;         /* in force */
  guint       line;          /* 0: the default */
  char       *refused;       /* the file's value was bad: why */
} Setting;

static void
setting_clear (gpointer data)
{
  Setting *s = data;
  g_free (s->value);
  g_free (s->refused);
}

static int
show (MobectlContext *ctx)
{
  g_autofree char *path = mobectl_config_path ();
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) settings = g_array_new (FALSE, TRUE, sizeof (Setting));
  g_auto(MobedConfig) config = { 0 };
  gsize length = 0;
  gboolean exists;

  g_array_set_clear_func (settings, setting_clear);
  exists = g_file_get_contents (path, &text, &length, &error);
  if (!exists && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_printerr ("mobectl: %s\n", error->message);
      return MOBECTL_EXIT_REFUSED;
    }
  g_clear_error (&error);
  mobed_config_init_defaults (&config);
  if (exists)
    {
      if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &error))
        {
          /* TRANSLATORS: %s is mobed.conf's path, then GLib's reason */
          g_printerr (_("mobectl: %s is not a valid settings file (%s); mobed uses the "
                        "defaults until it is fixed"), path, error->message);
          g_printerr ("\n");
        }
      else
        mobed_config_parse (&config, file, path, warnings);
    }

  for (guint i = 0; i < mobed_config_n_keys (); i++)
    {
      Setting s = {
        .group = mobed_config_key_group (i), .key = mobed_config_key_name (i),
        .kind = mobed_config_key_kind (i), .value = mobed_config_key_value (&config, i),
      };
      g_autofree char *raw = exists ? g_key_file_get_value (file, s.group, s.key, NULL) : NULL;
      g_autoptr(GError) bad = NULL;

      if (raw != NULL)
        {
          s.line = line_of (text, s.group, s.key);
          if (!mobed_config_check_value (i, raw, &bad))
            s.refused = g_strdup (bad->message);
        }
      g_array_append_val (settings, s);
    }

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "settings");
      json_builder_begin_array (b);
      for (guint i = 0; i < settings->len; i++)
        {
          Setting *s = &g_array_index (settings, Setting, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "group");
          json_builder_add_string_value (b, s->group);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, s->key);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, s->kind);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, s->value);
          /* "file" only when the file's own value is in force. */
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, s->line > 0 && s->refused == NULL ? "file"
                                                                              : "default");
          json_builder_set_member_name (b, "line");
          if (s->line > 0)
            json_builder_add_int_value (b, s->line);
          else
            json_builder_add_null_value (b);
          if (s->refused != NULL)
            {
              json_builder_set_member_name (b, "refused");
              json_builder_add_string_value (b, s->refused);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < warnings->len; i++)
        json_builder_add_string_value (b, warnings->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      mobectl_json_print (b);
      return MOBECTL_EXIT_OK;
    }

  /* The listing is itself a valid mobed.conf; where each value comes from
   * is a comment beside it. */
  g_print ("# %s\n", exists ? path : _("no mobed.conf yet: every setting is the default"));
  for (guint i = 0; i < settings->len; i++)
    {
      Setting *s = &g_array_index (settings, Setting, i);
      g_autofree char *assignment = g_strdup_printf ("%s=%s", s->key, s->value);
      g_autofree char *padded = mobectl_pad (assignment, 28, FALSE);
      g_autofree char *source = NULL;

      if (i == 0 || !g_str_equal (s->group, g_array_index (settings, Setting, i - 1).group))
        g_print ("%s[%s]\n", i == 0 ? "" : "\n", s->group);
      if (s->refused != NULL)
        /* TRANSLATORS: %u is a line of mobed.conf, %s why its value was refused */
        source = g_strdup_printf (_("default: line %u refused (%s)"), s->line, s->refused);
      else if (s->line > 0)
        /* TRANSLATORS: %u is the line of mobed.conf that sets the value */
        source = g_strdup_printf (_("mobed.conf line %u"), s->line);
      else
        source = g_strdup (_("default"));
      g_print ("%s # %s\n", padded, source);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      g_printerr (_("mobectl: warning: %s"), (char *) warnings->pdata[i]);
      g_printerr ("\n");
    }
  return MOBECTL_EXIT_OK;
}

/* "schedule.interval" or just "interval" when only one group has it; -1
 * after a usage error. */
static int
find_setting (MobectlContext *ctx, const char *name, int *ret)
{
  g_auto(GStrv) parts = g_strsplit (name, ".", 2);
  int found = -1;

  if (parts[0] != NULL && parts[1] != NULL)
    found = mobed_config_find_key (parts[0], parts[1]);
  else
    for (guint i = 0; i < mobed_config_n_keys (); i++)
      if (g_str_equal (mobed_config_key_name (i), name))
        {
          if (found >= 0)
            return *ret = mobectl_usage_error (ctx, _("'%s' is in more than one group: "
                                                      "name it as GROUP.KEY"), name), -1;
          found = (int) i;
        }
  if (found < 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *near;

      /* The nearest of GROUP.KEY and of the bare keys, as it was typed. */
      for (guint i = 0; i < mobed_config_n_keys (); i++)
        g_ptr_array_add (names, strchr (name, '.') != NULL
                                  ? g_strdup_printf ("%s.%s", mobed_config_key_group (i),
                                                     mobed_config_key_name (i))
                                  : g_strdup (mobed_config_key_name (i)));
      g_ptr_array_add (names, NULL);
      near = mobed_suggest (name, (const char *const *) names->pdata);
      if (near != NULL)
        /* TRANSLATORS: a setting mobed.conf does not have, and the nearest one */
        *ret = mobectl_usage_error (ctx, _("mobed.conf has no setting '%s': did you mean '%s'?"),
                                    name, near);
      else
        *ret = mobectl_usage_error (ctx, _("mobed.conf has no setting '%s' "
                                           "('mobectl config keys' lists them)"), name);
    }
  return found;
}

static int
set_or_unset (MobectlContext *ctx, gboolean set, const char *name, const char *given)
{
  g_autofree char *path = mobectl_config_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = given != NULL ? g_strstrip (g_strdup (given)) : NULL;
  g_autofree char *data = NULL;
  const char *group, *key;
  gsize length;
  int ret = MOBECTL_EXIT_OK;
  int index = find_setting (ctx, name, &ret);

  if (index < 0)
    return ret;
  group = mobed_config_key_group ((guint) index);
  key = mobed_config_key_name ((guint) index);
  if (set)
    {
      g_autoptr(GError) bad = NULL;

      /* One line in the file: a line break would start another key. */
      for (const char *c = value; *c != '\0'; c++)
        if (g_ascii_iscntrl (*c))
          return mobectl_usage_error (ctx, _("[%s] %s: a value is one line of text; "
                                             "mobed.conf is unchanged"), group, key);
      if (!mobed_config_check_value ((guint) index, value, &bad))
        /* TRANSLATORS: the group, the key, then why the value is wrong, as
         * mobed's own warning says it */
        return mobectl_usage_error (ctx, _("[%s] %s: %s; mobed.conf is unchanged"),
                                    group, key, bad->message);
    }

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS
                                  | G_KEY_FILE_KEEP_TRANSLATIONS, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* TRANSLATORS: %s is mobed.conf's path, then why it cannot be read */
          g_printerr (_("mobectl: cannot change %s: %s"), path, error->message);
          g_printerr ("\n");
          return MOBECTL_EXIT_REFUSED;
        }
      g_clear_error (&error);
      if (!set)
        {
          g_print (_("[%s] %s is not in mobed.conf: it has its default already."), group, key);
          g_print ("\n");
          return MOBECTL_EXIT_OK;
        }
    }

  if (set)
    g_key_file_set_value (file, group, key, value);
  else if (!g_key_file_remove_key (file, group, key, NULL))
    {
      g_print (_("[%s] %s is not in mobed.conf: it has its default already."), group, key);
      g_print ("\n");
      return MOBECTL_EXIT_OK;
    }
  data = g_key_file_to_data (file, &length, NULL);
  if (!mobectl_config_write (path, data, length, &error))
    {
      g_printerr (_("mobectl: cannot change %s: %s"), path, error->message);
      g_printerr ("\n");
      return MOBECTL_EXIT_REFUSED;
    }
  if (set)
    /* TRANSLATORS: group, key, the new value, then mobed.conf's path */
    g_print (_("Set [%s] %s=%s in %s."), group, key, value, path);
  else
    /* TRANSLATORS: group, key, then mobed.conf's path */
    g_print (_("Removed [%s] %s from %s: it is back to its default."), group, key, path);
  g_print ("\n");
  mobectl_config_reload (ctx);
  return MOBECTL_EXIT_OK;
}

int
mobectl_cmd_config (MobectlContext *ctx, int argc, char **argv)
{
  const char *action = argc > 0 ? argv[0] : NULL;

  if (action == NULL)
    return show (ctx);
  if (g_str_equal (action, "keys") && argc == 1)
    {
      for (guint i = 0; i < mobed_config_n_keys (); i++)
        g_print ("%s.%s\n", mobed_config_key_group (i), mobed_config_key_name (i));
      return MOBECTL_EXIT_OK;
    }
  if (g_str_equal (action, "edit") && argc == 1)
    return mobectl_config_edit (ctx);
  if (g_str_equal (action, "unset") && argc == 2)
    return set_or_unset (ctx, FALSE, argv[1], NULL);
  if (g_str_equal (action, "set") && argc >= 3)
    {
      /* `config set snooze 1h 30m` as well as `config set snooze "1h 30m"`. */
      g_autoptr(GString) value = g_string_new (argv[2]);

      /* argv is not NULL-terminated: join by count. */
      for (int i = 3; i < argc; i++)
        g_string_append_printf (value, " %s", argv[i]);
      return set_or_unset (ctx, TRUE, argv[1], value->str);
    }
  if (g_str_equal (action, "set"))
    return mobectl_usage_error (ctx, _("'config set' takes a setting and a value, "
                                       "like 'config set schedule.interval 20m'"));
  if (g_str_equal (action, "unset"))
    return mobectl_usage_error (ctx, _("'config unset' takes one setting, "
                                       "like 'config unset schedule.interval'"));
  if (g_str_equal (action, "keys") || g_str_equal (action, "edit"))
    return mobectl_usage_error (ctx, _("'config %s' takes no more arguments"), action);
  return mobectl_usage_error (ctx, _("unknown config action '%s' (set, unset, edit, keys)"),
                              action);
}

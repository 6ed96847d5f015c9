/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * follow.c — `mobectl status --follow`: one line (or one JSON object) each
 * time the status changes, for status bars. It listens for the daemon's
 * PropertiesChanged signals and for the daemon coming and going; it never
 * polls, so between changes it costs nothing. Without a mobed it says so
 * and waits for one.
 */
#include "cli/commands.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/props-mirror.h"
#include "cli/status.h"
#include "cli/text.h"

typedef struct {
  MobectlContext     *ctx;
  GMainLoop          *loop;
  MobectlPropsMirror *mirror;     /* the daemon's properties as last heard */
  char               *last;       /* the last line printed */
  int                 ret;
} Follow;

static void
emit (Follow *f, const char *text)
{
  if (g_strcmp0 (text, f->last) == 0)
    return;
  g_free (f->last);
  f->last = g_strdup (text);
  if (printf ("%s\n", text) < 0 || fflush (stdout) != 0)
    {
      /* The reader went away (the status bar restarted): stop quietly. */
      f->ret = MOBECTL_EXIT_OK;
      g_main_loop_quit (f->loop);
    }
}

static void
show (Follow *f)
{
  g_autoptr(GVariant) props = mobectl_props_mirror_get (f->mirror);
  g_autofree char *text = NULL;

  if (props == NULL)
    {
      if (f->ctx->json)
        emit (f, "{\"state\":\"stopped\"}");
      else
        {
          g_autofree char *line = g_strdup_printf ("%s · %s", mobectl_state_text ("stopped"),
                                                   _("mobed is not running"));
          emit (f, line);
        }
      return;
    }
  text = f->ctx->json ? mobectl_status_json (props, FALSE) : mobectl_status_line (props);
  emit (f, text);
}

/* TRUE when mobed answered. */
static gboolean
load_all (Follow *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) props = mobectl_get_all (f->ctx, &error);

  if (props == NULL)
    g_debug ("GetAll failed: %s", error->message);
  mobectl_props_mirror_set (f->mirror, props);
  return props != NULL;
}

static void
on_appeared (MobectlPropsMirror *mirror, gpointer user_data)
{
  load_all (user_data);
}

static void
on_changed (MobectlPropsMirror *mirror, gpointer user_data)
{
  show (user_data);
}

static gboolean
on_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;      /* removed with the others on the way out */
}

int
mobectl_status_follow (MobectlContext *ctx)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = mobectl_bus (ctx, &error);
  Follow f = { .ctx = ctx, .ret = MOBECTL_EXIT_OK };
  guint sigint_id, sigterm_id;

  if (bus == NULL)
    return mobectl_bus_error (ctx, error);
  f.loop = g_main_loop_new (NULL, FALSE);
  /* Subscribe first, then read: no change can fall between the two. */
  f.mirror = mobectl_props_mirror_new (bus, on_appeared, on_changed, &f);
  /* Before the first line: a status bar may stop us as soon as it reads it. */
  sigint_id = g_unix_signal_add (SIGINT, on_quit, f.loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit, f.loop);
  /* Not even D-Bus activation could start it (no activation file, or a
   * mobed that failed): a status bar started before mobed, or one that
   * outlives it, waits for it to appear, as for one that stops later. */
  if (!load_all (&f))
    g_printerr ("%s\n", _("mobectl: mobed is not running; waiting for it to start"));
  g_main_loop_run (f.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  mobectl_props_mirror_free (f.mirror);
  g_main_loop_unref (f.loop);
  g_free (f.last);
  return f.ret;
}

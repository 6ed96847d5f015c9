/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * settings.c — the daemon's settings: mobed.conf and drills.ini read at
 * start, read again when they are edited (config-watch.c), on SIGHUP or
 * Reload, and the problems found in them kept for status. Working hours
 * come from the config and are told to the scheduler here too.
 */
#include "daemon/daemon-private.h"

#include <glib/gi18n.h>

#include "daemon/clock.h"
#include "daemon/drill-source.h"
#include "store/config-files.h"

gint64
mobed_daemon_idle_threshold (MobedDaemon *self)
{
  return (gint64) self->config.natural_break_s * G_USEC_PER_SEC;
}

/* Status shows this many problems from the files; the rest are counted. */
#define SHOWN_LOAD_WARNINGS (MOBED_DAEMON_WARNINGS_MAX - 3)

/* What the user should know about: the history's state, then the problems
 * in mobed.conf and drills.ini as last read. Fills @warnings (NULL-ended);
 * returns a string to free, or NULL. */
char *
mobed_daemon_settings_warnings (MobedDaemon *self, const char *warnings[MOBED_DAEMON_WARNINGS_MAX])
{
  const char *problem = mobed_break_log_problem (self->log);
  guint n = 0, loaded = self->load_warnings->len;
  char *more = NULL;

  if (problem != NULL)
    warnings[n++] = problem;
  for (guint i = 0; i < MIN (loaded, SHOWN_LOAD_WARNINGS); i++)
    warnings[n++] = self->load_warnings->pdata[i];
  if (loaded > SHOWN_LOAD_WARNINGS)
    {
      guint rest = loaded - SHOWN_LOAD_WARNINGS;
      /* TRANSLATORS: a status warning after the first few problems found
       * in mobed.conf and drills.ini */
      more = g_strdup_printf (ngettext ("%u more problem in the configuration; "
                                        "'mobectl reload' lists them all",
                                        "%u more problems in the configuration; "
                                        "'mobectl reload' lists them all", rest), rest);
      warnings[n++] = more;
    }
  warnings[n] = NULL;
  return more;
}

/* Keeps a copy of the problems a load found, for status. */
static void
keep_load_warnings (MobedDaemon *self, GPtrArray *warnings, guint from)
{
  g_clear_pointer (&self->load_warnings, g_ptr_array_unref);
  self->load_warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = from; i < warnings->len; i++)
    g_ptr_array_add (self->load_warnings, g_strdup (warnings->pdata[i]));
}

/* Tells the scheduler when working hours begin or end; called before every
 * event, so the timer only has to wake up at the boundary. */
void
mobed_daemon_sync_hours (MobedDaemon *self, MobedTime now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now.wall / G_USEC_PER_SEC);
  gboolean inside = mobed_work_hours_inside (&self->hours, local);
  MobedEvent event = { .kind = inside ? MOBED_EVENT_ON_HOURS : MOBED_EVENT_OFF_HOURS };
  MobedPlan plan;

  if (inside == self->in_hours)
    return;
  self->in_hours = inside;
  g_message (inside ? "Working hours began" : "Working hours ended; no breaks until they begin");
  mobed_scheduler_handle (self->scheduler, &event, now, &plan, NULL);
  mobed_daemon_carry_out (self, &plan, now);
}

static void
load_hours (MobedDaemon *self)
{
  self->hours = (MobedWorkHours) { .days = (guint8) self->config.work_days };
  /* Checked when the config was read; a failure here leaves "always". */
  if (!mobed_work_hours_parse (self->config.work_hours, &self->hours, NULL))
    self->hours = (MobedWorkHours) { .days = MOBED_ALL_DAYS };
}

static void
load_config (MobedDaemon *self, GPtrArray *warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  if (!mobed_config_load (&self->config, self->config_path, found, &error))
    {
      g_message ("Could not read the configuration: %s; keeping the current settings",
                 error->message);
      g_ptr_array_add (warnings, g_strdup (error->message));
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      g_message ("%s", (const char *) found->pdata[i]);
      g_ptr_array_add (warnings, g_strdup (found->pdata[i]));
    }
}

/* A catalog that lost every drill is not taken: the old one stays. */
static void
reload_catalog (MobedDaemon *self, GPtrArray *warnings)
{
  g_autoptr(GError) error = NULL;
  MobedCatalog *fresh = mobed_drill_source_load (warnings, &error);

  if (fresh == NULL)
    {
      g_message ("Keeping the drills loaded before: %s", error->message);
      g_ptr_array_add (warnings, g_strdup (error->message));
      return;
    }
  mobed_catalog_unref (self->catalog);
  self->catalog = fresh;
  mobed_picker_set_catalog (self->picker, fresh);
}

void
mobed_daemon_reload (MobedDaemon *self, GPtrArray *warnings)
{
  MobedTime now = mobed_clock_now ();
  MobedPlan plan;
  guint before = warnings->len;

  load_config (self, warnings);
  load_hours (self);
  mobed_daemon_sync_hours (self, now);
  reload_catalog (self, warnings);
  mobed_drill_source_check_config (self->catalog, &self->config, self->config_path, warnings);
  keep_load_warnings (self, warnings, before);
  mobed_scheduler_set_config (self->scheduler, &self->config, now, &plan);
  mobed_daemon_carry_out (self, &plan, now);
  mobed_hold_configure (self->hold, now);
  if (self->idle != NULL)
    mobed_idle_monitor_configure (self->idle, (MobedIdleKind) self->config.idle_source,
                                  mobed_daemon_idle_threshold (self));
  g_message ("Configuration reloaded from %s", self->config_path);
  /* Reasons to hold breaks may have changed with it; this also publishes
   * and arms the timer. */
  mobed_daemon_handle (self, &(MobedEvent) { .kind = MOBED_EVENT_TICK });
}

static void
on_files_changed (gpointer user_data)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  mobed_daemon_reload (user_data, warnings);
}

void
mobed_daemon_settings_load (MobedDaemon *self, GPtrArray *warnings)
{
  self->config_path = mobed_config_default_path ();
  mobed_config_init_defaults (&self->config);
  load_config (self, warnings);
  load_hours (self);
  self->in_hours = TRUE;          /* the scheduler starts inside; sync corrects it */
  mobed_drill_source_check_config (self->catalog, &self->config, self->config_path, warnings);
  keep_load_warnings (self, warnings, 0);
}

void
mobed_daemon_settings_watch (MobedDaemon *self)
{
  const char *const watched[] = { "mobed.conf", "drills.ini", NULL };
  g_autofree char *dir = g_path_get_dirname (self->config_path);

  self->config_watch = mobed_config_watch_new (dir, watched, on_files_changed, self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicator.c — the hub. Everything is redone from mobed's properties
 * whenever they change; the only timer is the one for the ring's next step,
 * set to that moment, so between steps the indicator does not wake up.
 */
#include "indicator/indicator.h"

#include <glib/gi18n.h>

#include "cli/status.h"
#include "cli/text.h"
#include "core/config.h"
#include "indicator/daemon-link.h"
#include "indicator/item.h"
#include "indicator/launch.h"
#include "indicator/look.h"
#include "indicator/menu.h"

#define MENU_PATH "/org/mobed/Indicator/Menu"
/* Ring steps are shown at most this often, however short the interval. */
#define RING_MIN_GAP (60 * G_USEC_PER_SEC)

struct _MobedIndicator {
  GMainLoop  *loop;
  MobedLink  *link;
  MobedItem  *item;
  MobedMenu  *menu;
  gboolean    symbolic;
  gint64      interval;        /* µs, from mobed.conf */
  char       *state;           /* as last seen, to notice changes */
  const char *icon;            /* look's name, static */
  gint64      icon_changed;    /* when the ring last moved */
  guint       timer;
  char       *drill_ids;       /* the current break's drills, "a,b" */
};

/* The ring needs the interval, which mobed does not publish: it is read
 * from mobed.conf with mobed's own parser, so a bad value falls back as
 * mobed's does. */
static void
read_interval (MobedIndicator *self)
{
  g_auto(MobedConfig) config = { 0 };
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "mobed", "mobed.conf",
                                            NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  mobed_config_init_defaults (&config);
  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    mobed_config_parse (&config, file, path, warnings);
  self->interval = (gint64) config.interval_s * G_USEC_PER_SEC;
}

static void update (MobedIndicator *self);

static gboolean
on_timer (gpointer user_data)
{
  MobedIndicator *self = user_data;

  self->timer = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
arm (MobedIndicator *self, gint64 when, gint64 now)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  if (when <= 0)
    return;
  /* Whole seconds: the ring need not be punctual, and GLib can then wake
   * together with other programs' second timers. */
  self->timer = g_timeout_add_seconds ((guint) ((when - now + G_USEC_PER_SEC - 1)
                                                / G_USEC_PER_SEC),
                                       on_timer, self);
}

static void
show_icon (MobedIndicator *self, const char *icon, gint64 now)
{
  g_autofree char *name = NULL;

  if (self->icon == icon)
    return;
  self->icon = icon;
  if (g_str_has_prefix (icon, "mobed-indicator-ring-"))
    self->icon_changed = now;
  name = self->symbolic ? g_strconcat (icon, "-symbolic", NULL) : g_strdup (icon);
  mobed_item_set_icon (self->item, name);
}

static void
update_icon (MobedIndicator *self, GVariant *props, const char *state, gint64 now)
{
  MobedLookInput in = { .state = state, .interval = self->interval };
  gint64 next_change = 0;
  const char *icon;

  if (props != NULL)
    {
      g_variant_lookup (props, "PauseReason", "&s", &in.pause_reason);
      in.next_break = mobectl_prop_int64 (props, "NextBreak");
    }
  icon = mobed_look_icon (&in, now, &next_change);
  /* A ring step follows the last one by at least a minute; a new state
   * shows at once. */
  if (self->icon != NULL && self->icon != icon
      && g_str_has_prefix (self->icon, "mobed-indicator-ring-")
      && g_str_has_prefix (icon, "mobed-indicator-ring-")
      && now - self->icon_changed < RING_MIN_GAP)
    {
      arm (self, self->icon_changed + RING_MIN_GAP, now);
      return;
    }
  show_icon (self, icon, now);
  arm (self, next_change, now);
}

static char *
focus_line (GVariant *props)
{
  g_autoptr(GVariant) focus = g_variant_lookup_value (props, "Focus", G_VARIANT_TYPE ("a{sv}"));
  const char *target = "";
  guint32 day = 0, days = 0, done = 0, sets = 0;

  if (focus == NULL || g_variant_n_children (focus) == 0)
    return NULL;
  g_variant_lookup (focus, "target", "&s", &target);
  g_variant_lookup (focus, "day", "u", &day);
  g_variant_lookup (focus, "days", "u", &days);
  g_variant_lookup (focus, "today_done", "u", &done);
  g_variant_lookup (focus, "sets_per_day", "u", &sets);
  /* TRANSLATORS: the focus plan in the indicator's menu: what it is for,
   * day 2 of 3, sets done today of the sets a day */
  return g_strdup_printf (_("Focus: %s · day %u of %u · %u of %u sets today"),
                          target, day, days, done, sets);
}

static void
on_steps (const char *drill_id, const char *const *steps, gpointer user_data);

/* The drills' steps are asked for once per break, when its drills change. */
static void
update_drills (MobedIndicator *self, GVariant *props)
{
  g_autoptr(GVariant) brk = props != NULL ? mobectl_status_current_break (props) : NULL;
  g_autoptr(GVariant) drills = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  if (brk != NULL)
    drills = g_variant_lookup_value (brk, "drills", G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *id = "";

      g_variant_lookup (d, "id", "&s", &id);
      g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", id);
    }
  if (g_strcmp0 (ids->str, self->drill_ids) == 0)
    return;
  g_free (self->drill_ids);
  self->drill_ids = g_strdup (ids->str);
  for (guint i = 0; i < MOBED_MENU_DRILLS; i++)
    mobed_menu_set_drill (self->menu, i, NULL, NULL);
  for (gsize i = 0; drills != NULL && i < g_variant_n_children (drills); i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *id = "";

      if (i < MOBED_MENU_DRILLS && g_variant_lookup (d, "id", "&s", &id))
        mobed_link_steps (self->link, id, on_steps, self);
    }
}

static void
on_steps (const char *drill_id, const char *const *steps, gpointer user_data)
{
  MobedIndicator *self = user_data;
  g_autoptr(GVariant) props = mobed_link_props (self->link);
  g_autoptr(GVariant) brk = props != NULL ? mobectl_status_current_break (props) : NULL;
  g_autoptr(GVariant) drills = NULL;

  if (brk != NULL)
    drills = g_variant_lookup_value (brk, "drills", G_VARIANT_TYPE ("aa{sv}"));
  /* The answer may come after the break changed: it goes to the drill of
   * that id in the break as it is now, if it is still there. */
  for (gsize i = 0; drills != NULL && i < MIN (g_variant_n_children (drills), MOBED_MENU_DRILLS);
       i++)
    {
      g_autoptr(GVariant) d = g_variant_get_child_value (drills, i);
      const char *id = "", *name = "", *unit = "times";
      guint32 reps = 0;
      g_autofree char *reps_text = NULL;
      g_autofree char *title = NULL;

      g_variant_lookup (d, "id", "&s", &id);
      if (!g_str_equal (id, drill_id))
        continue;
      g_variant_lookup (d, "name", "&s", &name);
      g_variant_lookup (d, "unit", "&s", &unit);
      g_variant_lookup (d, "reps", "u", &reps);
      reps_text = mobectl_reps_text (reps, unit);
      title = g_strdup_printf ("%s · %s", name, reps_text);
      mobed_menu_set_drill (self->menu, (guint) i, title, steps);
    }
}

static void
update (MobedIndicator *self)
{
  /* Before the link is made, mobed is as good as stopped. */
  g_autoptr(GVariant) props = self->link != NULL ? mobed_link_props (self->link) : NULL;
  g_autofree char *line = NULL;
  g_autofree char *focus = NULL;
  const char *state = "stopped";
  gint64 now = g_get_real_time ();
  MobedMenuView view = { 0 };

  if (props != NULL)
    g_variant_lookup (props, "State", "&s", &state);
  if (g_strcmp0 (state, self->state) != 0)
    {
      /* A break ended or mobed came back: the interval may have been edited. */
      g_free (self->state);
      self->state = g_strdup (state);
      read_interval (self);
    }
  if (props != NULL)
    line = mobectl_status_line (props);
  else
    line = g_strdup_printf ("%s · %s", mobectl_state_text ("stopped"),
                            _("mobed is not running"));
  update_icon (self, props, state, now);
  mobed_item_set_tooltip (self->item, line);
  view.break_up = g_str_equal (state, "due") || g_str_equal (state, "snoozed")
                  || g_str_equal (state, "deferred");
  mobed_item_set_attention (self->item, g_str_equal (state, "due"));
  view.status = line;
  view.running = props != NULL;
  if (props != NULL)
    {
      const char *reason = mobectl_status_pause_reason (props);
      guint64 snooze = 0;

      focus = focus_line (props);
      view.focus = focus;
      view.paused = mobectl_prop_int64 (props, "PausedUntil") != 0;
      view.meeting = reason != NULL && g_str_equal (reason, "meeting");
      g_variant_lookup (props, "SnoozeLength", "t", &snooze);
      view.snooze_s = snooze;
    }
  mobed_menu_show (self->menu, &view);
  update_drills (self, props);
}

static void
on_changed (MobedLink *link, gpointer user_data)
{
  MobedIndicator *self = user_data;

  update (self);
  /* The first answer from mobed (or that there is none) is in. */
  mobed_item_set_ready (self->item);
}

/* Seconds from now to the next local midnight: "until tomorrow". */
static guint64
until_tomorrow (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);

  /* Rounded up: the pause ends at midnight, not a second before. */
  return (guint64) MAX (60, (g_date_time_difference (tomorrow, now) + G_USEC_PER_SEC - 1)
                            / G_USEC_PER_SEC);
}

static void
on_menu (MobedMenuAction action, gpointer user_data)
{
  MobedIndicator *self = user_data;
  g_autoptr(GVariant) props = mobed_link_props (self->link);
  guint64 snooze = 0;

  switch (action)
    {
    case MOBED_MENU_TAKE_BREAK:
      mobed_link_call (self->link, "TakeBreak", NULL);
      break;
    case MOBED_MENU_DONE:
      mobed_link_call (self->link, "Done", NULL);
      break;
    case MOBED_MENU_SNOOZE:
      if (props != NULL)
        g_variant_lookup (props, "SnoozeLength", "t", &snooze);
      mobed_link_call (self->link, "Snooze", g_variant_new ("(t)", snooze > 0 ? snooze : 300));
      break;
    case MOBED_MENU_SKIP:
      mobed_link_call (self->link, "Skip", NULL);
      break;
    case MOBED_MENU_ANOTHER:
      mobed_link_call (self->link, "Another", NULL);
      break;
    case MOBED_MENU_PAUSE_30:
      mobed_link_call (self->link, "Pause", g_variant_new ("(t)", (guint64) 30 * 60));
      break;
    case MOBED_MENU_PAUSE_HOUR:
      mobed_link_call (self->link, "Pause", g_variant_new ("(t)", (guint64) 60 * 60));
      break;
    case MOBED_MENU_PAUSE_TOMORROW:
      mobed_link_call (self->link, "Pause", g_variant_new ("(t)", until_tomorrow ()));
      break;
    case MOBED_MENU_MEETING:
      mobed_link_call (self->link, "PauseWithReason",
                       g_variant_new ("(ts)", (guint64) 60 * 60, "meeting"));
      break;
    case MOBED_MENU_END_MEETING:
    case MOBED_MENU_RESUME:
      mobed_link_call (self->link, "Resume", NULL);
      break;
    case MOBED_MENU_STATISTICS:
      mobed_launch_statistics ();
      break;
    case MOBED_MENU_SETTINGS:
      mobed_launch_settings ();
      break;
    case MOBED_MENU_QUIT:
      g_main_loop_quit (self->loop);
      break;
    case MOBED_MENU_N_ACTIONS:
    default:
      break;
    }
}

/* A click: while a break is up, show its drill again (TakeBreak does);
 * otherwise panels open the menu themselves (ItemIsMenu). */
static void
on_activate (MobedItem *item, gpointer user_data)
{
  MobedIndicator *self = user_data;

  if (self->state != NULL && (g_str_equal (self->state, "due")
                              || g_str_equal (self->state, "snoozed")))
    {
      g_debug ("Activate while due: showing the break again");
      mobed_link_call (self->link, "TakeBreak", NULL);
    }
  else
    g_debug ("Activate while %s: nothing to do", self->state);
}

MobedIndicator *
mobed_indicator_new (GDBusConnection *bus, GMainLoop *loop, const MobedIndicatorOptions *options,
                     GError **error)
{
  g_autoptr(MobedIndicator) self = g_new0 (MobedIndicator, 1);

  self->loop = g_main_loop_ref (loop);
  self->symbolic = options->symbolic;
  read_interval (self);
  /* The menu first: the item names it, and panels read it as soon as the
   * item registers. libdbusmenu puts it on the bus only when its own
   * g_bus_get() returns (through a GLib worker thread), which on a busy
   * machine can be after the item registered; it then sends LayoutUpdated,
   * and panels read the menu again on it. */
  self->menu = mobed_menu_new (MENU_PATH, on_menu, self);
  self->item = mobed_item_new (bus, MENU_PATH, options->icon_theme_path, on_activate, self,
                               error);
  if (self->item == NULL)
    return NULL;
  update (self);
  self->link = mobed_link_new (bus, on_changed, self);
  return g_steal_pointer (&self);
}

void
mobed_indicator_free (MobedIndicator *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);
  mobed_link_free (self->link);
  mobed_item_free (self->item);
  mobed_menu_free (self->menu);
  g_main_loop_unref (self->loop);
  g_free (self->state);
  g_free (self->drill_ids);
  g_free (self);
}

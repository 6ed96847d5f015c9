/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-dbus-args.c — libFuzzer target for the arguments of the daemon's
 * D-Bus methods, fed to the functions the handlers in daemon/bus/service.c call:
 *
 *   ListDrills(a{sv})  → mobed_drill_list()          (daemon/bus/drill-list.c)
 *   GetStats(a{sv})    → mobed_stats_view_stats()    (daemon/bus/stats-view.c)
 *   GetHistory(a{sv})  → mobed_stats_view_history()  (daemon/bus/stats-view.c)
 *   GetPauses(a{sv})   → mobed_stats_view_pauses()   (daemon/bus/stats-view.c)
 *   Snooze(t), Pause(t) → mobed_scheduler_handle()   (the daemon hands the
 *                         seconds on unchanged as a MobedEvent)
 *   PauseWithReason(ts) → mobed_pause_reason_check() (core/reasons.c), then
 *                         as Pause, with the reason in the event
 *   StartFocus(asa{sv}) → mobed_focus_request_read() (daemon/bus/focus-request.c)
 *                         and mobed_focus_plan_make() (core/focus.c)
 *   RateFocus(s)       → mobed_rating_from_string()  (store/focus-log.c)
 *
 * Input: byte 0 picks the method (byte % 9: ListDrills, GetStats,
 * GetHistory, Snooze, Pause, GetPauses, PauseWithReason, StartFocus,
 * RateFocus) and, for the calls that snooze or pause, the scheduler state
 * the call meets ((byte / 9) % 5: working, due, snoozed, paused, away);
 * the rest is the serialised argument, read with
 * g_variant_new_from_data() and taken in normal form, as GDBus delivers it.
 * The catalog is data/drills.ini; the history is a SQLite file in a temp
 * directory with a few weeks of breaks and pauses, one still running.
 *
 * Invariants: every call ends in an answer or a GError, never both; errors
 * are InvalidArgs (or the scheduler's own domain) with a UTF-8 message; an
 * answer has the documented type and fits in a D-Bus message; filters only
 * narrow the list, and "limit" caps the rows; an accepted snooze or pause
 * is in range and puts the scheduler in the state it names, with a
 * deadline not before now; an accepted pause reason is one short line; an
 * accepted focus plan holds drills of the catalog, each once, with every
 * number in its range.
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "core/catalog.h"
#include "store/config-files.h"
#include "core/config.h"
#include "store/focus-log.h"
#include "core/focus.h"
#include "store/history.h"
#include "core/reasons.h"
#include "core/scheduler.h"
#include "daemon/bus/drill-list.h"
#include "daemon/bus/focus-request.h"
#include "daemon/bus/stats-view.h"
#include "tests/fuzz/fuzz-common.h"

#define T0_MONO (G_GINT64_CONSTANT (1000) * G_USEC_PER_SEC)
#define T0_WALL (G_GINT64_CONSTANT (1710489600) * G_USEC_PER_SEC)   /* 2024-03-15 08:00 UTC */
#define TODAY   "2024-03-15"

static MobedCatalog *catalog;
static MobedHistory *history;
static char         *tmpdir;
static MobedConfig   config;

static void
cleanup (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&history, mobed_history_free);
  g_clear_pointer (&catalog, mobed_catalog_unref);
  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static void
fill_history (void)
{
  static const MobedOutcome outcomes[] = {
    MOBED_OUTCOME_DONE, MOBED_OUTCOME_SKIPPED, MOBED_OUTCOME_MISSED,
    MOBED_OUTCOME_DONE, MOBED_OUTCOME_DISMISSED, MOBED_OUTCOME_NATURAL, MOBED_OUTCOME_DONE,
  };

  for (guint i = 0; i < 60; i++)
    {
      MobedHistoryRow row = {
        .due_us = T0_WALL - (gint64) i * 9 * 3600 * G_USEC_PER_SEC,
        .utc_offset_s = i % 3 == 0 ? 3600 : -18000,
        .outcome = outcomes[i % G_N_ELEMENTS (outcomes)],
        .snoozes = i % 4,
        .n_drills = i % 3,
      };
      g_autoptr(GError) error = NULL;

      row.ended_us = row.due_us + 60 * G_USEC_PER_SEC;
      for (guint k = 0; k < row.n_drills; k++)
        {
          const MobedDrill *d = mobed_catalog_nth (catalog, (i + k) % mobed_catalog_size (catalog));
          g_strlcpy (row.drills[k].drill_id, d->id, sizeof row.drills[k].drill_id);
          row.drills[k].reps_offered = d->reps_small;
          row.drills[k].reps_done = row.outcome == MOBED_OUTCOME_DONE ? d->reps_small : 0;
          row.drills[k].seconds_per_rep = d->seconds_per_rep;
          row.drills[k].sides = d->per_side ? 2 : 1;
          row.drills[k].regions = d->regions;
        }
      if (!mobed_history_add (history, &row, &error))
        g_error ("Cannot fill the fuzz history: %s", error->message);
      /* An hour's pause after every third break. */
      if (i % 3 == 0
          && (!mobed_history_pause_begin (history, row.ended_us + 60 * G_USEC_PER_SEC,
                                          row.utc_offset_s, i % 2 ? "meeting" : "", &error)
              || !mobed_history_pause_end (history,
                                           row.ended_us + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC,
                                           &error)))
        g_error ("Cannot fill the fuzz history: %s", error->message);
    }
  /* and one that still runs */
  {
    g_autoptr(GError) error = NULL;

    if (!mobed_history_pause_begin (history, T0_WALL - 600 * G_USEC_PER_SEC, 3600, "lunch",
                                    &error))
      g_error ("Cannot fill the fuzz history: %s", error->message);
  }
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  fuzz_glib_setup ();
  catalog = mobed_catalog_new ();
  if (!mobed_catalog_load (catalog, MOBED_FUZZ_DRILLS, NULL, &error)
      || mobed_catalog_size (catalog) == 0)
    g_error ("Cannot load %s: %s", MOBED_FUZZ_DRILLS, error ? error->message : "no drills");
  tmpdir = g_dir_make_tmp ("mobed-fuzz-XXXXXX", &error);
  if (tmpdir == NULL)
    g_error ("%s", error->message);
  db = g_build_filename (tmpdir, "history.db", NULL);
  history = mobed_history_open (db, T0_WALL);
  fill_history ();
  mobed_config_init_defaults (&config);
  atexit (cleanup);
  return 0;
}

/* The answer must go out in a method return: serialise it as one. */
static void
check_sendable (GVariant *answer)
{
  g_autoptr(GDBusMessage) msg = g_dbus_message_new_signal ("/org/mobed/Daemon",
                                                           "org.mobed.Daemon1", "Fuzz");
  g_autoptr(GError) error = NULL;
  g_autofree guchar *blob = NULL;
  gsize len = 0;

  g_dbus_message_set_body (msg, g_variant_new_tuple (&answer, 1));
  blob = g_dbus_message_to_blob (msg, &len, G_DBUS_CAPABILITY_FLAGS_NONE, &error);
  FUZZ_CHECK (blob != NULL, "the answer cannot be sent: %s", error->message);
}

static void
check_answer (GVariant *answer, GError *error, const char *type)
{
  FUZZ_CHECK ((answer == NULL) != (error == NULL), "answer %p and error %p",
              (void *) answer, (void *) error);
  if (error != NULL)
    {
      FUZZ_CHECK (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS)
                  || g_error_matches (error, MOBED_SCHEDULER_ERROR,
                                      MOBED_SCHEDULER_ERROR_NO_SUCH_DRILL),
                  "error is not InvalidArgs or NoSuchDrill: %s", error->message);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
      return;
    }
  FUZZ_CHECK (g_variant_is_of_type (answer, G_VARIANT_TYPE (type)), "answer is '%s', not '%s'",
              g_variant_get_type_string (answer), type);
  check_sendable (answer);
}

static void
fuzz_options (guint method, GVariant *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) answer = NULL;

  switch (method)
    {
    case 0:
      answer = mobed_drill_list (catalog, options, &error);
      if (answer != NULL)
        g_variant_ref_sink (answer);
      check_answer (answer, error, "aa{sv}");
      if (answer != NULL)
        {
          gsize n = g_variant_n_children (answer);
          FUZZ_CHECK (n <= mobed_catalog_size (catalog), "%" G_GSIZE_FORMAT " drills listed", n);
          if (g_variant_lookup (options, "id", "&s", NULL))
            FUZZ_CHECK (n <= 1, "an id filter lists %" G_GSIZE_FORMAT " drills", n);
        }
      break;
    case 1:
      answer = mobed_stats_view_stats (history, catalog, options, TODAY, config.daily_goal, &error);
      if (answer != NULL)
        g_variant_ref_sink (answer);
      check_answer (answer, error, "a{sv}");
      break;
    default:
      answer = method == 2 ? mobed_stats_view_history (history, options, &error)
                           : mobed_stats_view_pauses (history, options, &error);
      if (answer != NULL)
        g_variant_ref_sink (answer);
      check_answer (answer, error, "aa{sv}");
      if (answer != NULL)
        {
          guint32 limit = 0;

          if (g_variant_lookup (options, "limit", "u", &limit) && limit > 0)
            FUZZ_CHECK (g_variant_n_children (answer) <= limit,
                        "%" G_GSIZE_FORMAT " rows for a limit of %u",
                        g_variant_n_children (answer), limit);
        }
      break;
    }
}

static MobedTime
at (gint64 seconds)
{
  return (MobedTime) { T0_MONO + seconds * G_USEC_PER_SEC, T0_WALL + seconds * G_USEC_PER_SEC };
}

static void
step (MobedScheduler *s, MobedEventKind kind, guint64 seconds, gint64 when)
{
  MobedEvent event = { .kind = kind, .seconds = seconds, .since = at (when).mono };
  MobedPlan plan;

  mobed_scheduler_handle (s, &event, at (when), &plan, NULL);
}

/* Snooze(t), Pause(t) or PauseWithReason(ts) with @seconds (and @reason,
 * already checked), in the state @state_pick leads to. */
static void
fuzz_seconds (gboolean pause, guint state_pick, guint64 seconds, const char *reason)
{
  g_autoptr(MobedScheduler) s = mobed_scheduler_new (&config, at (0).mono);
  g_autoptr(GError) error = NULL;
  gint64 due = (gint64) config.interval_s + 1;
  MobedEvent event = { .kind = pause ? MOBED_EVENT_PAUSE : MOBED_EVENT_SNOOZE, .seconds = seconds,
                       .reason = reason };
  MobedTime now;
  MobedPlan plan;
  gboolean ok;

  switch (state_pick)
    {
    case 1:                                                   /* due */
      step (s, MOBED_EVENT_TICK, 0, due);
      break;
    case 2:                                                   /* snoozed */
      step (s, MOBED_EVENT_TICK, 0, due);
      step (s, MOBED_EVENT_SNOOZE, 60, due + 1);
      break;
    case 3:                                                   /* paused */
      step (s, MOBED_EVENT_PAUSE, 0, 10);
      break;
    case 4:                                                   /* away */
      step (s, MOBED_EVENT_AWAY, 0, 10);
      break;
    default:
      break;
    }
  now = at (due + 2);
  ok = mobed_scheduler_handle (s, &event, now, &plan, &error);
  if (!ok)
    {
      FUZZ_CHECK (error != NULL && error->domain == MOBED_SCHEDULER_ERROR,
                  "refused without a scheduler error");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
    }
  else if (pause)
    {
      gint64 until = mobed_scheduler_get_paused_until (s, now);

      FUZZ_CHECK (seconds <= MOBED_PAUSE_MAX_S, "a pause of %" G_GUINT64_FORMAT " s accepted",
                  seconds);
      FUZZ_CHECK (mobed_scheduler_get_state (s) == MOBED_STATE_PAUSED, "not paused");
      FUZZ_CHECK (seconds == 0 ? until == -1 : until == now.wall + (gint64) seconds * G_USEC_PER_SEC,
                  "paused until %" G_GINT64_FORMAT " after Pause(%" G_GUINT64_FORMAT ")",
                  until, seconds);
    }
  else
    {
      FUZZ_CHECK (seconds >= 1 && seconds <= MOBED_SNOOZE_MAX_S,
                  "a snooze of %" G_GUINT64_FORMAT " s accepted", seconds);
      FUZZ_CHECK (mobed_scheduler_get_state (s) == MOBED_STATE_SNOOZED, "not snoozed");
    }
  FUZZ_CHECK (plan.next_deadline == MOBED_NEVER || plan.next_deadline >= now.mono,
              "next deadline %" G_GINT64_FORMAT " is before now %" G_GINT64_FORMAT,
              plan.next_deadline, now.mono);
  /* Time goes on past whatever was asked for. */
  step (s, MOBED_EVENT_TICK, 0, due + 2 + (gint64) MIN (seconds, MOBED_PAUSE_MAX_S) + 1);
  step (s, MOBED_EVENT_RESUME, 0, due + 3 + (gint64) MIN (seconds, MOBED_PAUSE_MAX_S) + 1);
}

/* PauseWithReason(ts): the reason is checked before the scheduler sees it. */
static void
fuzz_pause_with_reason (guint state_pick, GVariant *arg)
{
  g_autoptr(GError) error = NULL;
  const char *reason;
  guint64 seconds;

  g_variant_get (arg, "(t&s)", &seconds, &reason);
  if (!mobed_pause_reason_check (reason, &error))
    {
      FUZZ_CHECK (error != NULL && error->domain == MOBED_SCHEDULER_ERROR,
                  "a reason refused without a scheduler error");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
      return;
    }
  FUZZ_CHECK (g_utf8_strlen (reason, -1) <= MOBED_PAUSE_REASON_MAX
              && strlen (reason) < MOBED_PAUSE_REASON_BYTES,
              "a reason of %zu bytes accepted", strlen (reason));
  FUZZ_CHECK (strchr (reason, '\n') == NULL && strchr (reason, '\r') == NULL,
              "a reason of several lines accepted");
  fuzz_seconds (TRUE, state_pick, seconds, reason);
}

/* StartFocus(asa{sv}): the options, then the plan they ask for. */
static void
fuzz_start_focus (GVariant *arg)
{
  g_autofree const char **targets = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GError) error = NULL;
  MobedFocusRequest req;
  MobedFocusPlan plan;
  gboolean dry_run;

  g_variant_get (arg, "(^a&s@a{sv})", &targets, &options);
  if (!mobed_focus_request_read (options, &req, &dry_run, &error))
    {
      check_answer (NULL, error, "a{sv}");
      return;
    }
  memset (&plan, 0xa5, sizeof plan);
  if (!mobed_focus_plan_make (catalog, &config, targets, &req, &plan, &error))
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL),
                  "a plan refused without a readable error");
      return;
    }
  FUZZ_CHECK (error == NULL, "a plan made and an error set");
  FUZZ_CHECK (plan.n_items >= 1 && plan.n_items <= MOBED_FOCUS_DRILLS_MAX, "%u drills",
              plan.n_items);
  FUZZ_CHECK (plan.sets_per_day >= 1 && plan.sets_per_day <= MOBED_FOCUS_SETS_MAX,
              "%u sets a day", plan.sets_per_day);
  FUZZ_CHECK (plan.days >= 1 && plan.days <= MOBED_FOCUS_DAYS_MAX, "%u days", plan.days);
  FUZZ_CHECK (req.sets == 0 || plan.sets_per_day == req.sets, "asked %u sets, got %u",
              req.sets, plan.sets_per_day);
  FUZZ_CHECK (req.days == 0 || plan.days == req.days, "asked %u days, got %u", req.days,
              plan.days);
  FUZZ_CHECK (memchr (plan.target, '\0', sizeof plan.target) != NULL
              && g_utf8_validate (plan.target, -1, NULL), "the target is not a string");
  for (guint i = 0; i < plan.n_items; i++)
    {
      const MobedFocusItem *item = &plan.items[i];

      FUZZ_CHECK (mobed_catalog_find (catalog, item->drill_id) != NULL,
                  "drill '%.64s' is not in the catalog", item->drill_id);
      FUZZ_CHECK (req.reps == 0 ? item->reps >= 1
                  : item->reps == req.reps, "%u reps of %s", item->reps, item->drill_id);
      for (guint k = 0; k < i; k++)
        FUZZ_CHECK (!g_str_equal (plan.items[k].drill_id, item->drill_id),
                    "drill %s twice", item->drill_id);
    }
}

/* RateFocus(s): three words, and nothing else, are an answer. */
static void
fuzz_rate_focus (GVariant *arg)
{
  const char *answer;
  MobedRating rating;

  g_variant_get (arg, "(&s)", &answer);
  rating = mobed_rating_from_string (answer);
  FUZZ_CHECK ((rating != MOBED_RATING_NONE)
              == (g_str_equal (answer, "better") || g_str_equal (answer, "same")
                  || g_str_equal (answer, "worse")), "'%.64s' read as %d", answer, rating);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const types[] = { "a{sv}", "a{sv}", "a{sv}", "(t)", "(t)", "a{sv}", "(ts)",
                                       "(asa{sv})", "(s)" };
  guint method, state_pick;
  gpointer copy;
  g_autoptr(GVariant) raw = NULL;
  g_autoptr(GVariant) arg = NULL;

  if (size < 1 || size > 16 * 1024)
    return -1;
  method = data[0] % G_N_ELEMENTS (types);
  state_pick = (data[0] / G_N_ELEMENTS (types)) % 5;

  /* A copy of its own: GVariant wants its data aligned and kept alive. */
  copy = g_memdup2 (data + 1, size - 1);
  raw = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE (types[method]),
                                                     copy, size - 1, FALSE, g_free, copy));
  arg = g_variant_get_normal_form (raw);
  switch (method)
    {
    case 3:
    case 4:
      {
        guint64 seconds;

        g_variant_get (arg, "(t)", &seconds);
        fuzz_seconds (method == 4, state_pick, seconds, NULL);
      }
      break;
    case 6:
      fuzz_pause_with_reason (state_pick, arg);
      break;
    case 7:
      fuzz_start_focus (arg);
      break;
    case 8:
      fuzz_rate_focus (arg);
      break;
    default:                                  /* 0, 1, 2, 5: options */
      fuzz_options (method, arg);
      break;
    }
  return 0;
}

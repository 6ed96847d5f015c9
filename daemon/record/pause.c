/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-pause.c — what a pause leaves behind besides the scheduler's
 * state: its reason ("meeting"), an interval with that reason in the
 * history, and state.ini, so that a pause and its reason outlive a restart.
 */
#include "daemon/daemon-private.h"

#include "daemon/clock.h"

static void
save_state (MobedDaemon *self)
{
  g_autoptr(GError) error = NULL;

  if (!mobed_saved_state_save (&self->saved, self->state_path, &error))
    g_warning ("Could not save mobed's state: %s", error->message);
}

/* The end is kept as wall time because the monotonic clock starts over at
 * boot. */
static void
remember (MobedDaemon *self, MobedTime now)
{
  gint64 until = mobed_scheduler_get_paused_until (self->scheduler, now);
  const char *reason = until != 0 ? self->pause_reason : "";

  if (until == self->saved.paused_until && g_str_equal (reason, self->saved.pause_reason))
    return;
  self->saved.paused_until = until;
  g_strlcpy (self->saved.pause_reason, reason, sizeof self->saved.pause_reason);
  save_state (self);
}

void
mobed_daemon_pause_track (MobedDaemon *self, const MobedEvent *event, gboolean accepted,
                          gboolean was_paused, MobedTime now)
{
  gboolean is_paused = mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_PAUSED;

  if (accepted && event->kind == MOBED_EVENT_PAUSE)
    {
      const char *reason = event->reason != NULL ? event->reason : "";

      /* A new pause, or one replaced for another reason: its own interval. */
      if (was_paused && !g_str_equal (reason, self->pause_reason))
        mobed_history_pause_end (mobed_daemon_history (self), now.wall, NULL);
      if (!was_paused || !g_str_equal (reason, self->pause_reason))
        mobed_history_pause_begin (mobed_daemon_history (self), now.wall,
                                   mobed_clock_utc_offset (now.wall), reason, NULL);
      g_strlcpy (self->pause_reason, reason, sizeof self->pause_reason);
      if (*reason != '\0')
        g_message ("Paused: %s", reason);
    }
  else if (was_paused && !is_paused)
    {
      mobed_history_pause_end (mobed_daemon_history (self), now.wall, NULL);
      self->pause_reason[0] = '\0';
    }
  if (event->kind == MOBED_EVENT_PAUSE || event->kind == MOBED_EVENT_RESUME || !is_paused)
    remember (self, now);
}

const char *
mobed_daemon_pause_reason (MobedDaemon *self)
{
  return mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_PAUSED ? self->pause_reason
                                                                            : "";
}

void
mobed_daemon_pause_restore (MobedDaemon *self, MobedTime now)
{
  gint64 until = self->saved.paused_until;
  MobedEvent pause = { .kind = MOBED_EVENT_PAUSE };
  MobedPlan plan;

  if (until < 0 || until > now.wall)
    {
      if (until > 0)
        pause.seconds = MIN ((guint64) ((until - now.wall + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC),
                             MOBED_PAUSE_MAX_S);
      if (mobed_scheduler_handle (self->scheduler, &pause, now, &plan, NULL))
        {
          g_strlcpy (self->pause_reason, self->saved.pause_reason, sizeof self->pause_reason);
          g_message ("Still paused from before the restart%s%s",
                     self->pause_reason[0] != '\0' ? ": " : "", self->pause_reason);
          return;
        }
    }
  /* Not paused any more: a pause that ran out while mobed was down is
   * closed in the log at its end, one left open by a crash now. */
  mobed_history_pause_end (mobed_daemon_history (self), until > 0 ? until : now.wall, NULL);
  self->saved.paused_until = 0;
  self->saved.pause_reason[0] = '\0';
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hold.c — why a due break waits, and telling the scheduler. Two
 * kinds of reason:
 *
 *  - do not disturb (daemon/hold/dnd.c) is watched all the time and reported as
 *    it changes;
 *  - a camera in use, a fullscreen window and mako's do-not-disturb mode
 *    are looked for only at the moment a break would come on screen by
 *    itself (the scheduler says when: mobed_scheduler_would_show), and
 *    while one of them holds a break, again once a minute. Nothing tells
 *    mobed when a call ends or a film is closed, so some schedule is
 *    needed; a minute keeps it to one wakeup a minute, and only while a
 *    break is held, and shows the break at most a minute after the call, a
 *    delay nobody coming out of a call minds. mako's mode is a switch the
 *    user flips and expects to see the break at once after: while it
 *    holds, it is asked every MAKO_RECHECK_S instead. Audio being captured
 *    and a screen being shared (PipeWire, daemon/hold/pipewire.c) are
 *    looked for at the same moment, but PipeWire has events: mobed stays
 *    connected while the break is held and looks again when they say
 *    something changed, so a break held by a call shows the moment the
 *    call ends, with no schedule. Once no break is held they are
 *    forgotten (and PipeWire let go), and looked for afresh at the next.
 *
 * The scheduler only knows "deferred" or not: DEFER while any reason holds,
 * UNDEFER when the last one ends. Before releasing a break this file looks
 * for the second kind, so a break never flashes up between a paused dunst
 * and a camera that is still on.
 */
#include "daemon/hold/hold.h"

#include <unistd.h>

#include "core/reasons.h"
#include "daemon/clock.h"
#include "daemon/hold/camera.h"
#include "daemon/hold/dnd.h"
#include "daemon/hold/fullscreen.h"
#include "daemon/hold/mako.h"
#include "daemon/hold/pipewire.h"

#define RECHECK_S 60
#define MAKO_RECHECK_S 3

struct _MobedHold {
  const MobedConfig *config;
  MobedScheduler    *scheduler;
  MobedHoldCallbacks callbacks;
  gpointer           user_data;

  MobedDnd          *dnd;             /* NULL when respect-dnd is off */
  MobedMako         *mako;            /* the same */
  MobedPipewire     *pipewire;        /* NULL when both its keys are off */
  gboolean           mako_asking;     /* look() holds a break for mako's answer */
  gboolean           mako_was_asking; /* ...and did so the time before */
  guint              due_reasons;     /* camera, fullscreen, mako: found as a break came due */
  gint64             recheck_at;      /* mono µs to look for them again, or MOBED_NEVER */
  gint64             recheck_us;
  gboolean           deferred;        /* what the scheduler was last told */
  guint              held;            /* reasons that held the due break, for its record */
  char              *camera_prefix;   /* "/dev/video" but in tests */
};

static guint
watched (MobedHold *self)
{
  return self->dnd != NULL ? mobed_dnd_get_reasons (self->dnd) : 0;
}

const char *
mobed_hold_microphone_app (MobedHold *self)
{
  const char *app = NULL;

  if (!(self->due_reasons & MOBED_DEFER_MICROPHONE) || self->pipewire == NULL)
    return NULL;
  mobed_pipewire_microphone (self->pipewire, &app);
  return app;
}

guint
mobed_hold_reasons (MobedHold *self)
{
  return watched (self) | self->due_reasons;
}

/* The /proc scan and the X11 question: a few milliseconds, a few times an
 * hour. */
static guint
look (MobedHold *self)
{
  guint found = 0;

  if (self->config->defer_camera)
    {
      pid_t pid = mobed_camera_user ("/proc", self->camera_prefix, getuid ());

      if (pid != 0)
        {
          g_debug ("Process %d has a camera open", (int) pid);
          found |= MOBED_DEFER_CAMERA;
        }
    }
  if (self->config->defer_fullscreen && mobed_fullscreen_active ())
    found |= MOBED_DEFER_FULLSCREEN;
  /* Connects if not connected; while connected, what it says is current. */
  if (self->pipewire != NULL && mobed_pipewire_look (self->pipewire))
    {
      if (self->config->defer_microphone && mobed_pipewire_microphone (self->pipewire, NULL))
        found |= MOBED_DEFER_MICROPHONE;
      if (self->config->defer_screen_share && mobed_pipewire_screen_shared (self->pipewire))
        found |= MOBED_DEFER_SCREEN_SHARE;
    }
  /* "Asking" holds too, for the moment until mako answers. */
  self->mako_was_asking = self->mako_asking;
  self->mako_asking = FALSE;
  if (self->mako != NULL)
    switch (mobed_mako_dnd (self->mako))
      {
      case MOBED_MAKO_ASKING:
        self->mako_asking = TRUE;
        found |= MOBED_DEFER_MAKO;
        break;
      case MOBED_MAKO_ON:
        found |= MOBED_DEFER_MAKO;
        break;
      case MOBED_MAKO_ABSENT:
      case MOBED_MAKO_OFF:
        break;
      }
  return found;
}

static void
set_due (MobedHold *self, guint found, MobedTime now)
{
  if (found != self->due_reasons)
    {
      g_auto(GStrv) names = mobed_defer_reason_list (found != 0 ? found : self->due_reasons);
      g_autofree char *text = g_strjoinv (", ", names);

      /* The moment a question to mako is out is not worth a line. */
      if (found != 0 && self->mako_asking && found == MOBED_DEFER_MAKO)
        g_debug ("A break waits for mako to say whether it is in do-not-disturb");
      else if (found != 0)
        g_message ("A break waits: %s", text);
      else if (self->mako_was_asking && self->due_reasons == MOBED_DEFER_MAKO)
        g_debug ("mako is not in do-not-disturb");
      else if (mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_DEFERRED)
        g_message ("The break waits no longer for: %s", text);
    }
  self->due_reasons = found;
  /* PipeWire says when a call ends: no need to look again for that. */
  self->recheck_at = (found & ~MOBED_DEFER_CALL) == 0 ? MOBED_NEVER
                     : found == MOBED_DEFER_MAKO
                       ? now.mono + MIN (self->recheck_us, MAKO_RECHECK_S * G_USEC_PER_SEC)
                       : now.mono + self->recheck_us;
}

/* DEFER or UNDEFER, when that changes what the scheduler was told. */
static void
tell (MobedHold *self, gboolean deferred, MobedTime now)
{
  MobedEvent event = { .kind = deferred ? MOBED_EVENT_DEFER : MOBED_EVENT_UNDEFER };
  MobedPlan plan;

  if (deferred == self->deferred)
    return;
  self->deferred = deferred;
  mobed_scheduler_handle (self->scheduler, &event, now, &plan, NULL);
  /* A break shown now was held back: the notifier makes sure it is seen
   * (GNOME files it silently while its date menu, where the switch is, is
   * open). */
  self->callbacks.carry_out (&plan, now, !deferred, self->user_data);
}

/* A due break held now: what holds it goes into its record. */
static void
note_held (MobedHold *self)
{
  if (mobed_scheduler_get_state (self->scheduler) == MOBED_STATE_DEFERRED)
    self->held |= mobed_hold_reasons (self);
}

void
mobed_hold_before (MobedHold *self, const MobedEvent *event, MobedTime now)
{
  const MobedEvent undefer = { .kind = MOBED_EVENT_UNDEFER };
  gboolean looked = FALSE;

  if (self->due_reasons != 0 && now.mono >= self->recheck_at)
    {
      set_due (self, look (self), now);
      looked = TRUE;
    }
  /* Do not disturb just ended: a break it held may still have to wait. */
  if (self->deferred && mobed_hold_reasons (self) == 0 && !looked
      && mobed_scheduler_would_show (self->scheduler, &undefer, now))
    {
      set_due (self, look (self), now);
      looked = TRUE;
    }
  tell (self, mobed_hold_reasons (self) != 0, now);
  /* The event itself (the timer, a snooze ending, the user back) would
   * bring a break up: look first. */
  if (!self->deferred && !looked && event != NULL
      && mobed_scheduler_would_show (self->scheduler, event, now))
    {
      set_due (self, look (self), now);
      tell (self, self->due_reasons != 0, now);
    }
  note_held (self);
  /* The break comes on screen (or none was due): PipeWire is let go until
   * the next one. */
  if (!self->deferred && self->pipewire != NULL)
    mobed_pipewire_let_go (self->pipewire);
}

guint
mobed_hold_take_held (MobedHold *self)
{
  guint held = self->held;

  note_held (self);
  held |= self->held;
  self->held = 0;
  return held;
}

void
mobed_hold_after (MobedHold *self, MobedTime now)
{
  /* Answered, taken anyway, snoozed, paused or away: no break is held, and
   * what held it is looked for again next time. */
  if (self->due_reasons != 0
      && mobed_scheduler_get_state (self->scheduler) != MOBED_STATE_DEFERRED)
    {
      set_due (self, 0, now);
      tell (self, watched (self) != 0, now);
    }
  if (self->pipewire != NULL
      && mobed_scheduler_get_state (self->scheduler) != MOBED_STATE_DEFERRED)
    mobed_pipewire_let_go (self->pipewire);
}

static void
on_dnd_changed (gpointer user_data)
{
  MobedHold *self = user_data;

  self->callbacks.changed (self->user_data);
}

/* mako answered: whatever it held is looked at again now. */
static void
on_mako_answered (gpointer user_data)
{
  MobedHold *self = user_data;

  if (self->due_reasons & MOBED_DEFER_MAKO)
    self->recheck_at = mobed_clock_now ().mono;
  on_dnd_changed (self);
}

/* While a break is held: a call or a share began or ended; looked at again
 * now. */
static void
on_pipewire_changed (gpointer user_data)
{
  MobedHold *self = user_data;

  if (self->due_reasons != 0 || self->deferred)
    self->recheck_at = mobed_clock_now ().mono;
  on_dnd_changed (self);
}

MobedHold *
mobed_hold_new (const MobedConfig *config, MobedScheduler *scheduler,
                const MobedHoldCallbacks *callbacks, gpointer user_data)
{
  MobedHold *self = g_new0 (MobedHold, 1);
  const char *prefix = g_getenv ("MOBED_CAMERA_PREFIX");
  const char *recheck = g_getenv ("MOBED_RECHECK_SECONDS");
  guint64 seconds = RECHECK_S;

  /* Both for tests: a fake camera, and a recheck they need not wait a
   * minute for. */
  self->camera_prefix = g_strdup (prefix != NULL && *prefix != '\0' ? prefix : "/dev/video");
  if (recheck != NULL && !g_ascii_string_to_unsigned (recheck, 10, 1, 3600, &seconds, NULL))
    {
      g_message ("MOBED_RECHECK_SECONDS=%s is not 1 to 3600; using %d", recheck, RECHECK_S);
      seconds = RECHECK_S;
    }
  self->config = config;
  self->scheduler = scheduler;
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->recheck_us = (gint64) seconds * G_USEC_PER_SEC;
  self->recheck_at = MOBED_NEVER;
  if (self->config->defer_fullscreen && !mobed_fullscreen_supported ())
    g_message ("This mobed was built without X11 support: fullscreen windows are not seen");
  return self;
}

/* PipeWire is watched while either of its signals holds breaks. */
static void
configure_pipewire (MobedHold *self)
{
  gboolean wanted = self->config->defer_microphone || self->config->defer_screen_share;

  if (wanted && self->pipewire == NULL)
    {
      if (!mobed_pipewire_supported ())
        g_message ("This mobed was built without PipeWire: calls and screen sharing are not seen");
      self->pipewire = mobed_pipewire_new (on_pipewire_changed, self);
    }
  else if (!wanted && self->pipewire != NULL)
    {
      g_clear_pointer (&self->pipewire, mobed_pipewire_free);
      g_message ("Calls and screen sharing do not hold breaks "
                 "([presence] defer-microphone and defer-screen-share are false)");
    }
}

void
mobed_hold_configure (MobedHold *self, MobedTime now)
{
  if (self->config->respect_dnd && self->dnd == NULL)
    {
      self->dnd = mobed_dnd_new (on_dnd_changed, self);
      self->mako = mobed_mako_new (on_mako_answered, self);
      g_message ("Do not disturb: watching %s; mako's mode is asked when a break is due",
                 mobed_dnd_describe (self->dnd));
    }
  else if (!self->config->respect_dnd && self->dnd != NULL)
    {
      g_clear_pointer (&self->dnd, mobed_dnd_free);
      g_clear_pointer (&self->mako, mobed_mako_free);
      g_message ("Do not disturb is not respected ([presence] respect-dnd=false)");
    }
  configure_pipewire (self);
  /* defer-camera or defer-fullscreen may have just been turned off. */
  if (self->due_reasons != 0)
    self->recheck_at = now.mono;
}

gint64
mobed_hold_next_look (MobedHold *self)
{
  return self->recheck_at;
}

void
mobed_hold_free (MobedHold *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dnd, mobed_dnd_free);
  g_clear_pointer (&self->mako, mobed_mako_free);
  g_clear_pointer (&self->pipewire, mobed_pipewire_free);
  g_free (self->camera_prefix);
  g_free (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hold.h — why a due break waits, and telling the scheduler. It owns what
 * it watches (do not disturb, mako) and what it found when a break came
 * due (a camera, a fullscreen window, mako's mode, a call or a screen
 * share through PipeWire), and hands the daemon
 * the plans that DEFER and UNDEFER produce.
 */
#pragma once

#include "core/config.h"
#include "core/scheduler.h"

G_BEGIN_DECLS

typedef struct _MobedHold MobedHold;

typedef struct {
  /* A plan from DEFER or UNDEFER to carry out; @releasing: a held break
   * comes on screen now. */
  void (*carry_out) (const MobedPlan *plan, MobedTime now, gboolean releasing,
                     gpointer user_data);
  /* Something watched changed by itself: the daemon should look again
   * (handle a tick). */
  void (*changed)   (gpointer user_data);
} MobedHoldCallbacks;

/* @config and @scheduler are the daemon's and outlive the hold. */
MobedHold *mobed_hold_new       (const MobedConfig *config, MobedScheduler *scheduler,
                                 const MobedHoldCallbacks *callbacks, gpointer user_data);
void       mobed_hold_free      (MobedHold *self);
/* After the config changed: starts or stops watching do not disturb. */
void       mobed_hold_configure (MobedHold *self, MobedTime now);
/* Before an event: brings the scheduler's DEFER/UNDEFER in line with the
 * reasons, looking for a camera or a fullscreen window if @event (NULL:
 * none) would bring a break up. */
void       mobed_hold_before    (MobedHold *self, const MobedEvent *event, MobedTime now);
/* After it: forgets what was found once no break is held. */
void       mobed_hold_after     (MobedHold *self, MobedTime now);
/* MobedDeferReason bits that hold now. */
guint      mobed_hold_reasons   (MobedHold *self);
/* While audio capture holds breaks: the capturing application's name ("" if
 * it gives none); NULL otherwise. */
const char *mobed_hold_microphone_app (MobedHold *self);
/* The reasons that held the break now ending back while it was due (0:
 * none), and forgets them for the next break. */
guint      mobed_hold_take_held (MobedHold *self);
/* Monotonic µs of the next look while a break is held, or MOBED_NEVER. */
gint64     mobed_hold_next_look (MobedHold *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedHold, mobed_hold_free)

G_END_DECLS

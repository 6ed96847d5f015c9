/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mako.h — mako's do-not-disturb, asked when a break is about to be shown.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedMako MobedMako;

typedef enum {
  MOBED_MAKO_ABSENT,     /* no mako on the bus: nothing to hold */
  MOBED_MAKO_OFF,
  MOBED_MAKO_ON,
  MOBED_MAKO_ASKING,     /* asked just now; the answer comes through answered() */
} MobedMakoDnd;

/* @answered runs when an answer arrives (on the main loop). */
MobedMako    *mobed_mako_new  (void (*answered) (gpointer user_data), gpointer user_data);
void          mobed_mako_free (MobedMako *self);
/* Whether mako's do-not-disturb mode is on, as of an answer at most a
 * second old; otherwise asks anew. */
MobedMakoDnd  mobed_mako_dnd  (MobedMako *self);

G_END_DECLS

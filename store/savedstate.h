/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * savedstate.h — the little the daemon must remember across a restart that
 * is not history: an active pause and its reason.
 */
#pragma once

#include <glib.h>

#include "core/reasons.h"

G_BEGIN_DECLS

typedef struct {
  gint64 paused_until;   /* 0 not paused, -1 until resumed, else wall µs */
  char   pause_reason[MOBED_PAUSE_REASON_BYTES];   /* "" for none */
} MobedSavedState;

/* Missing file: a zeroed state and TRUE. An unreadable or malformed file is
 * an error; @state is zeroed so the daemon can carry on. A reason that is
 * not a good pause reason (see core/reasons.h) is dropped. */
gboolean mobed_saved_state_load (MobedSavedState *state, const char *path, GError **error);
/* Writes atomically (a crash leaves the old file or the new one), mode 0600,
 * creating the directory 0700. */
gboolean mobed_saved_state_save (const MobedSavedState *state, const char *path, GError **error);
/* $XDG_STATE_HOME/mobed/state.ini */
char    *mobed_saved_state_default_path (void);

G_END_DECLS

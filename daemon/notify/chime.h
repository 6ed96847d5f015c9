/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chime.h — the soft sound at the start and end of a break, played through
 * libcanberra from the user's freedesktop sound theme. libcanberra is
 * loaded at the first chime; its audio driver only while a sound plays.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedChime MobedChime;

MobedChime *mobed_chime_new  (void);
void        mobed_chime_free (MobedChime *self);
/* Plays a sound-theme event id ("bell", "complete"). Failures are logged
 * once and otherwise ignored: a missing sound never stops a break. */
void        mobed_chime_play (MobedChime *self, const char *event_id, const char *description);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedChime, mobed_chime_free)

G_END_DECLS

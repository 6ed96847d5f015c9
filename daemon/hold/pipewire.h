/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewire.h — is the user on a call or sharing the screen? Both go
 * through PipeWire on today's desktops: an application capturing audio is
 * a running Stream/Input/Audio node, a screen being shared a compositor's
 * screencast node that a client consumes (running). This looks at the
 * PipeWire graph when a break falls due and follows it while it is held.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedPipewire MobedPipewire;

/* Looks for the user's PipeWire at PIPEWIRE_REMOTE, else "pipewire-0" in
 * XDG_RUNTIME_DIR, but does not connect yet: without it, says so in one
 * line. Never NULL: a mobed built without PipeWire returns one that sees
 * nothing. */
MobedPipewire *mobed_pipewire_new       (void (*changed) (gpointer user_data), gpointer user_data);
void           mobed_pipewire_free      (MobedPipewire *self);
/* For a break about to be shown: connects (if not connected) and waits for
 * the graph as it is now (at most a second); from then on @changed runs on
 * the main loop whenever what the getters below say changes, until
 * mobed_pipewire_let_go(). FALSE when PipeWire cannot be reached (then the
 * getters say no). A PipeWire that goes away counts as no call. */
gboolean       mobed_pipewire_look      (MobedPipewire *self);
/* No break is held: disconnects, and the getters say no. */
void           mobed_pipewire_let_go    (MobedPipewire *self);
/* Whether an application is capturing audio now; @app (may be NULL) gets
 * its name, or "" when it gives none, valid until the next main loop turn. */
gboolean       mobed_pipewire_microphone (MobedPipewire *self, const char **app);
/* Whether a screencast is being consumed now. */
gboolean       mobed_pipewire_screen_shared (MobedPipewire *self);
/* Whether this mobed was built with PipeWire. */
gboolean       mobed_pipewire_supported (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedPipewire, mobed_pipewire_free)

G_END_DECLS

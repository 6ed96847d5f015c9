/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewire.h — is the user on a call or sharing the screen? Both go
 * through PipeWire on today's desktops: an application capturing audio is
 * a running Stream/Input/Audio node, a screen being shared a compositor's
 * screencast node that a client consumes (running). This watches the
 * PipeWire graph and says when either starts or ends.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedPipewire MobedPipewire;

/* Connects to the user's PipeWire (PIPEWIRE_REMOTE, else "pipewire-0" in
 * XDG_RUNTIME_DIR). Without one it says so in one line and waits for the
 * socket to appear; when PipeWire goes away it reconnects once it is back.
 * @changed runs on the main loop whenever what mobed_pipewire_get() says
 * changed. Never NULL: a mobed built without PipeWire returns a watcher
 * that sees nothing. */
MobedPipewire *mobed_pipewire_new       (void (*changed) (gpointer user_data), gpointer user_data);
void           mobed_pipewire_free      (MobedPipewire *self);
/* Whether an application is capturing audio now; @app (may be NULL) gets
 * its name, or "" when it gives none, valid until the next main loop turn. */
gboolean       mobed_pipewire_microphone (MobedPipewire *self, const char **app);
/* Whether a screencast is being consumed now. */
gboolean       mobed_pipewire_screen_shared (MobedPipewire *self);
/* Whether this mobed was built with PipeWire. */
gboolean       mobed_pipewire_supported (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedPipewire, mobed_pipewire_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notifier.h — the break notification: shown afresh each time (never
 * updated in place), with Done / Snooze / Skip / Another when the server
 * can show actions and the drill's picture where it shows images; a click
 * on its body brings up the drill's steps.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* "done", "snooze", "skip", "another", or "dismissed" (closed by the user) */
  void (*answered)        (const char *answer, gpointer user_data);
  /* A notification server came onto the bus: a due break can be shown now.
   * May be NULL. */
  void (*server_appeared) (gpointer user_data);
} MobedNotifierCallbacks;

/* A button: @id comes back through answered(). */
typedef struct {
  const char *id;
  const char *label;
} MobedNotifierAction;

typedef struct _MobedNotifier MobedNotifier;

MobedNotifier *mobed_notifier_new   (const MobedNotifierCallbacks *callbacks,
                                     gpointer                      user_data);
void           mobed_notifier_free  (MobedNotifier *self);

/* A break as it is put on screen. */
typedef struct {
  const char *summary;
  const char *body;
  /* What a server that draws no buttons and has little room (mako) shows
   * instead of @body, with a short line of the commands that answer. */
  const char *short_body;
  /* The drills' steps: a click on the body replaces the break with them
   * (same buttons). NULL: the click shows the break again. */
  const char *steps_body;
  /* Added to the body where the server has no actions at all (so no body
   * click either): the command that shows the steps. May be NULL. */
  const char *steps_hint;
  /* A picture of the drill shown beside the text where the server shows
   * images: an absolute path, or NULL. */
  const char *picture;
  const char *snooze_label;   /* names the snooze button ("Snooze 5 min") */
  /* Raised (critical urgency: it stays on screen) after breaks were
   * ignored. */
  gboolean    urgent;
  /* A break that was held back (do not disturb) and is shown now; on GNOME
   * it is raised too (see files_while_open in server.c). */
  gboolean    again;
  /* A walk: no drills to swap, so no Another button (the last). */
  gboolean    no_another;
} MobedNotifierBreak;

/* Shows the break as a fresh notification, taking down the one before. */
void           mobed_notifier_show  (MobedNotifier            *self,
                                     const MobedNotifierBreak *shown);
/* Any notification of mobed's (a focus set, a check-in): the same, with
 * its own buttons, and @hint added to the body (how to answer from a
 * terminal) when the server cannot show buttons. */
void           mobed_notifier_show_full (MobedNotifier             *self,
                                         const char                *summary,
                                         const char                *body,
                                         const MobedNotifierAction *actions,
                                         guint                      n_actions,
                                         const char                *hint,
                                         gboolean                   urgent);
void           mobed_notifier_close (MobedNotifier *self);
/* At exit: nothing more is sent to the notification server. Waits up to
 * 2 s for a call under way to end; FALSE if one still is (a stalled
 * server). */
gboolean       mobed_notifier_stop  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedNotifier, mobed_notifier_free)

G_END_DECLS

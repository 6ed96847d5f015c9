/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * content.h — what one of mobed's notifications shows, kept by the notifier
 * so that it can be shown again, and what a click on its body turns it into.
 */
#pragma once

#include <glib.h>

#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

/* The action a click on a notification's body invokes (see content.c). */
#define MOBED_CONTENT_CLICK "default"

typedef struct {
  char                *summary;
  char                *body;
  char                *short_body;  /* or NULL: see mobed_notifier_show() */
  char                *short_hint;
  char                *hint;
  /* actions[0] is the body click; ids and labels owned */
  MobedNotifierAction *actions;
  guint                n_actions;
  gboolean             urgent;
  gboolean             again;       /* asked for again: see files_while_open in server.c */
  char                *steps_body;  /* what a body click brings up, or NULL */
  char                *steps_hint;  /* see MobedNotifierBreak */
  char                *picture;     /* an absolute path, or NULL */
} MobedContent;

/* @summary and @body with the body click (labelled @click_label) and then
 * @actions as buttons; @hint is what the body adds where the server draws
 * no buttons. The fields for a break only are left NULL. */
MobedContent *mobed_content_new     (const char                *summary,
                                     const char                *body,
                                     const MobedNotifierAction *actions,
                                     guint                      n_actions,
                                     const char                *hint,
                                     gboolean                   urgent,
                                     const char                *click_label);
MobedContent *mobed_content_copy    (const MobedContent *from);
void          mobed_content_free    (MobedContent *c);
/* Turns @shown (taken) into what a click on its body brings up, and
 * returns it. */
MobedContent *mobed_content_clicked (MobedContent *shown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedContent, mobed_content_free)

G_END_DECLS

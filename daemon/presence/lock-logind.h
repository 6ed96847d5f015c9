/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presence-logind.h — the user's session lock and the machine's sleep, from
 * systemd-logind on the system bus: either one means the user is away.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedLogind MobedLogind;

/* @changed is called with TRUE when the session locks or the machine goes
 * to sleep, and FALSE when neither holds any more. */
MobedLogind *mobed_logind_new  (void   (*changed) (gboolean away, gpointer user_data),
                                gpointer user_data);
void         mobed_logind_free (MobedLogind *self);
/* A sentence for status and the log: what is watched, or why nothing is. */
const char  *mobed_logind_describe (MobedLogind *self);
/* The object path of the user's session, or NULL if none was found. */
const char  *mobed_logind_get_session (MobedLogind *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedLogind, mobed_logind_free)

G_END_DECLS

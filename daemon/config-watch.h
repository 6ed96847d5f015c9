/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-watch.h — notices edits to mobed.conf and drills.ini and reports
 * them once, after the editor is done writing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MobedConfigWatch MobedConfigWatch;

/* Watches @dir (the user's mobed config directory, which need not exist
 * yet) for changes to the files named in @names; calls @changed once things
 * have been quiet for a moment. */
MobedConfigWatch *mobed_config_watch_new  (const char         *dir,
                                           const char *const  *names,
                                           void              (*changed) (gpointer user_data),
                                           gpointer            user_data);
void              mobed_config_watch_free (MobedConfigWatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedConfigWatch, mobed_config_watch_free)

G_END_DECLS

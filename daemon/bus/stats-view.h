/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-view.h — GetStats, GetHistory and GetPauses: options checked, the log read,
 * core/stats run, and the answers put into dictionaries for D-Bus.
 */
#pragma once

#include <glib.h>

#include "core/catalog.h"
#include "core/drill.h"
#include "store/focus-log.h"
#include "store/history.h"

G_BEGIN_DECLS

/* a{sv} (see org.mobed.Daemon1.xml) or NULL with an InvalidArgs error. */
GVariant *mobed_stats_view_stats   (MobedHistory       *history,
                                    const MobedCatalog *catalog,
                                    GVariant           *options,
                                    const char         *today,
                                    guint               goal,
                                    GError            **error);
/* aa{sv}, newest first, or NULL with an error. */
GVariant *mobed_stats_view_history (MobedHistory *history,
                                    GVariant     *options,
                                    GError      **error);
/* aa{sv} of pauses, newest first, or NULL with an error. */
GVariant *mobed_stats_view_pauses  (MobedHistory *history,
                                    GVariant     *options,
                                    GError      **error);
/* aa{sv} of focus sets, newest first, or NULL with an error. */
GVariant *mobed_stats_view_focus_sets (MobedHistory *history,
                                       GVariant     *options,
                                       gint64        now_wall,
                                       GError      **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-view.h — GetStats, GetHistory and GetPauses: options checked, the log read,
 * core/stats run, and the answers put into dictionaries for D-Bus.
 */
#pragma once

#include <glib.h>

#include "core/catalog.h"
#include "core/drill.h"
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

/* The history row for a break that just ended. */
void      mobed_stats_view_fill_row (MobedHistoryRow    *row,
                                     const MobedCatalog *catalog,
                                     const MobedOffer   *offers,
                                     guint               n_offers,
                                     gboolean            done);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * drill-list.h — the catalog as ListDrills returns it: filtered by the
 * caller's options and turned into dictionaries.
 */
#pragma once

#include <glib.h>

#include "core/catalog.h"

G_BEGIN_DECLS

/* aa{sv}, or NULL with a G_DBUS_ERROR_INVALID_ARGS error naming the bad
 * option or value. */
GVariant *mobed_drill_list (const MobedCatalog *catalog, GVariant *options, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog-drill.h — inside core/ only: one group of a drills.ini read into
 * a MobedDrill, or left out with its problems said. catalog.c calls it for
 * each group of a file.
 */
#pragma once

#include "core/catalog-value.h"

G_BEGIN_DECLS

/* Reads group @c->id of @file into a new drill; NULL when it has any
 * problem (each one added to @c's problems, if any). */
MobedDrill *mobed_drill_parse (DrillCheck *c, GKeyFile *file);
void        mobed_drill_free  (MobedDrill *drill);

G_END_DECLS

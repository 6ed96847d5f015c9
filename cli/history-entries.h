/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history-entries.h — breaks, pauses and focus sets of `mobectl history`
 * in one list, newest first.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An entry of the log: a break, a pause or a focus set. */
typedef enum { MOBECTL_ENTRY_BREAK, MOBECTL_ENTRY_PAUSE, MOBECTL_ENTRY_FOCUS } MobectlEntryKind;

typedef struct {
  gint64           when;   /* due, or the pause's start */
  GVariant        *row;    /* its a{sv} from GetHistory, GetPauses or GetFocusSets */
  MobectlEntryKind kind;
} MobectlEntry;

/* Breaks, pauses and focus sets (any may be NULL) in one GArray of
 * MobectlEntry, newest first, at most @limit (0: all). */
GArray *mobectl_history_merge (GVariant *rows, GVariant *pauses, GVariant *sets, guint limit);

G_END_DECLS

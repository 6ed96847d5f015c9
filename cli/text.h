/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h — mobectl's words in the user's language: the state and outcome
 * words (which stay English in JSON, CSV and on D-Bus), repetitions, and
 * padding by characters so columns line up whatever the translation.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "due" → its translation for people; an unknown word comes back as is. */
const char *mobectl_state_text   (const char *state);
/* "skipped" → its translation for people; an unknown word comes back as is. */
const char *mobectl_outcome_text (const char *outcome);

/* A pause's reason for people: "meeting" translated, any other as is. */
const char *mobectl_pause_reason_text (const char *reason);
/* "camera" (a DeferReasons word) → "camera in use" for people; an unknown
 * word comes back as is. */
const char *mobectl_defer_reason_text (const char *reason);

/* "10 per side", "10 each way", "12 times"; @unit is CurrentBreak's
 * "per-side", "each-way" or "times". */
char       *mobectl_reps_text    (guint reps, const char *unit);

/* Characters @text takes on a terminal (one per character). */
int         mobectl_text_width   (const char *text);
/* @text padded with spaces to @width characters, on the right (left-aligned)
 * or, with @right, on the left. Never cut. */
char       *mobectl_pad          (const char *text, int width, gboolean right);
/* The column for labels: the widest of @labels (NULL-terminated) plus
 * @gap, and at least @min. */
int         mobectl_label_column (const char *const *labels, int gap, int min);

/* The user's language for messages, times and text (not numbers), from
 * the locale; MOBED_LOCALEDIR overrides where the catalogs are (tests). */
void        mobectl_init_i18n    (void);

G_END_DECLS

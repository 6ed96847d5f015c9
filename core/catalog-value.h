/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog-value.h — inside core/ only: reading one key of one drill in a
 * drills.ini, with each problem found turned into a sentence. Used by
 * catalog-drill.c, which puts a whole drill together from these.
 */
#pragma once

#include "core/catalog.h"

G_BEGIN_DECLS

/* The drill being read, and where its problems go. */
typedef struct {
  const char *path;
  const char *id;
  GPtrArray  *problems;
  guint       count;       /* problems found for this drill */
} DrillCheck;

/* Counts a problem with the drill, and adds a sentence naming file, drill
 * and @key (NULL: the drill as a whole) to @c's problems if it has any. */
void      mobed_drill_problem      (DrillCheck *c, const char *key, const char *fmt, ...)
                                    G_GNUC_PRINTF (3, 4);

/* Whether @s is a kebab-case name: lowercase words joined by single dashes. */
gboolean  mobed_drill_valid_kebab  (const char *s);

/* Check the text under @key (the base key @base or a translation of it), or
 * the steps list under @key, as written: TRUE when it is fit to use. */
gboolean  mobed_drill_check_text   (DrillCheck *c, GKeyFile *file, const char *key,
                                    const char *base);
gboolean  mobed_drill_check_steps  (DrillCheck *c, GKeyFile *file, const char *key);

/* The value of one key, or NULL / 0 / FALSE after reporting why not (or
 * when the key is missing, which checking the keys reports). Texts and
 * steps are in the user's language. */
char     *mobed_drill_get_text     (DrillCheck *c, GKeyFile *file, const char *key);
char    **mobed_drill_get_steps    (DrillCheck *c, GKeyFile *file);
guint     mobed_drill_get_count    (DrillCheck *c, GKeyFile *file, const char *key,
                                    guint min, guint max);
gboolean  mobed_drill_get_flag     (DrillCheck *c, GKeyFile *file, const char *key);
/* A ';' list of words from a vocabulary (@parse), turned into bits. */
guint     mobed_drill_get_bits     (DrillCheck *c, GKeyFile *file, const char *key,
                                    gboolean (*parse) (const char *, guint *));
char    **mobed_drill_get_tags     (DrillCheck *c, GKeyFile *file);
char     *mobed_drill_get_picture  (DrillCheck *c, GKeyFile *file);

G_END_DECLS

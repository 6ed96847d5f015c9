/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.h — the drill catalog: drills.ini files (GKeyFile, one group per
 * drill) loaded and validated into MobedDrill records. A broken drill is
 * reported and left out; it never takes the rest down with it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Body regions a drill moves, and where it can be done: fixed vocabularies,
 * kept as bit sets so the picker can compare them cheaply. */
typedef enum {
  MOBED_REGION_NECK            = 1 << 0,
  MOBED_REGION_SHOULDERS       = 1 << 1,
  MOBED_REGION_UPPER_BACK      = 1 << 2,
  MOBED_REGION_CHEST           = 1 << 3,
  MOBED_REGION_LOW_BACK        = 1 << 4,
  MOBED_REGION_HIPS            = 1 << 5,
  MOBED_REGION_LEGS            = 1 << 6,
  MOBED_REGION_ANKLES_FEET     = 1 << 7,
  MOBED_REGION_WRISTS_FOREARMS = 1 << 8,
  MOBED_REGION_BREATHING       = 1 << 9,
} MobedRegion;
#define MOBED_REGION_COUNT 10

typedef enum {
  MOBED_SETTING_SEATED   = 1 << 0,
  MOBED_SETTING_STANDING = 1 << 1,
  MOBED_SETTING_SPACE    = 1 << 2,
  MOBED_SETTING_DOORWAY  = 1 << 3,
  MOBED_SETTING_SURFACE  = 1 << 4,
  MOBED_SETTING_FLOOR    = 1 << 5,
} MobedSetting;
#define MOBED_SETTING_COUNT 6

/* A focus set's reps in all (both sides or directions): the source's
 * mobilization range ends at 75 a set; a drill may allow up to 100
 * (reps-max) where the source does, as it does for the neck. A per-side
 * drill's reps-focus and reps-max count one side, so half of these. */
#define MOBED_DRILL_REPS_MAX_USUAL 75
#define MOBED_DRILL_REPS_MAX_ANY   100

/* Ids are stored in the history in fixed fields of this size. */
#define MOBED_DRILL_ID_MAX 64

typedef struct {
  char    *id;
  char    *name;             /* in the user's language where translated */
  char    *summary;
  char   **steps;
  char    *caution;          /* who should take care, and how; NULL when none */
  char    *easier;           /* a gentler form for a bad day; NULL when none */
  char    *why;              /* what it is for, one line; NULL when none */
  char    *picture;          /* the picture's file as written (a file name in the
                              * picture folder or an absolute path); after
                              * mobed_catalog_load_full() an absolute path to a
                              * readable file, or NULL: no picture */
  guint    regions;          /* MobedRegion bits */
  guint    settings;         /* MobedSetting bits */
  char   **good_for;         /* kebab-case tags */
  guint    reps_small;       /* per set, everyday microbreak */
  guint    reps_focus;       /* per set, rehab */
  guint    reps_max;         /* the most one focus set may have, same unit */
  gboolean per_side;         /* reps count per side or direction */
  gboolean each_way;         /* with per_side: directions ("each way"), not sides */
  guint    seconds_per_rep;  /* one rep, one side */
} MobedDrill;

typedef struct _MobedCatalog MobedCatalog;

/* Reference-counted: a break keeps the catalog its drills came from alive
 * across a reload. */
MobedCatalog     *mobed_catalog_new    (void);
MobedCatalog     *mobed_catalog_ref    (MobedCatalog *self);
void              mobed_catalog_unref  (MobedCatalog *self);

/* Adds the drills of @text (@length bytes, read from @path, which
 * problems name); a drill whose id is already loaded replaces it (so a
 * user's file overrides the shipped one). Each broken drill is left out
 * with a sentence naming file, drill and key appended to @problems. FALSE
 * only when @text is not a key file at all. store/config-files.h reads
 * the file itself. */
gboolean          mobed_catalog_parse  (MobedCatalog *self,
                                        const char   *text,
                                        gsize         length,
                                        const char   *path,
                                        GPtrArray    *problems,
                                        GError      **error);

/* Moves every drill of @from into @self, replacing those with the same id
 * (as mobed_catalog_parse does); @from is left empty. */
void              mobed_catalog_merge  (MobedCatalog *self, MobedCatalog *from);
/* Sets the picture of the @i-th drill (NULL: none); for store/'s check. */
void              mobed_catalog_set_picture (MobedCatalog *self, guint i, const char *path);

guint             mobed_catalog_size   (const MobedCatalog *self);
const MobedDrill *mobed_catalog_nth    (const MobedCatalog *self, guint i);
const MobedDrill *mobed_catalog_find   (const MobedCatalog *self, const char *id);

gboolean          mobed_drill_has_tag  (const MobedDrill *drill, const char *tag);

/* Vocabulary lookups; names are the ones drills.ini uses. */
const char       *mobed_region_name    (MobedRegion region);
gboolean          mobed_region_parse   (const char *name, guint *ret_bit);
const char       *mobed_setting_name   (MobedSetting setting);
gboolean          mobed_setting_parse  (const char *name, guint *ret_bit);
/* "neck, shoulders, ..." for messages that list the choices. */
char             *mobed_region_names   (void);
char             *mobed_setting_names  (void);
/* The names of the bits set in @bits, as a NULL-terminated array. */
GStrv             mobed_region_list    (guint bits);
GStrv             mobed_setting_list   (guint bits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedCatalog, mobed_catalog_unref)

G_END_DECLS

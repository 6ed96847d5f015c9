/*
 * builtin-drills.c — TEMPORARY stand-in for the catalog and picker: rotates
 * through a few seated or standing drills so every break names something
 * real. Delete with the catalog issue.
 */
#include "daemon/builtin-drills.h"

static const MobedOffer drills[] = {
  { "neck-circles", "Neck circles",
    "Let your head roll slowly around in wide, easy circles.", 10, MOBED_REPS_EACH_WAY },
  { "wrist-circles", "Wrist circles",
    "Turn both hands around at the wrists in loose circles.", 15, MOBED_REPS_EACH_WAY },
  { "spinal-twist", "Spinal twist",
    "Stand and swing your torso gently from side to side, arms loose.", 10, MOBED_REPS_PER_SIDE },
  { "chest-opening", "Chest opening and closing",
    "Spread your arms wide to open the chest, then hug them back in.", 15, MOBED_REPS_TIMES },
  { "foot-circles", "Foot circles",
    "Lift one foot and draw slow circles with the ankle.", 10, MOBED_REPS_EACH_WAY },
};

const MobedOffer *
mobed_builtin_drill_for (guint64 break_id, guint swaps)
{
  return &drills[(break_id + swaps) % G_N_ELEMENTS (drills)];
}

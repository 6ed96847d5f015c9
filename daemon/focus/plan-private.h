/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan-private.h — what plan.c (carrying a plan out) and calls.c (the
 * user's changes to it) share.
 */
#pragma once

#include "core/focus-day.h"
#include "store/focus-log.h"
#include "daemon/focus/plan.h"
#include <gio/gio.h>

#include "daemon/notify/notifier.h"

G_BEGIN_DECLS

/* Days a check-in's "keep going" adds. */
#define EXTEND_DAYS 3
/* Plans run at most this long in all, extensions included. */
#define TOTAL_DAYS_MAX (4 * MOBED_FOCUS_DAYS_MAX)

struct _MobedDaemonFocus {
  MobedFocusHub   hub;
  gboolean        active;
  MobedFocusDay   day;
  gint64          next_wall;
  MobedNotifier  *set_note;
  MobedNotifier  *checkin_note;
  gboolean        checkin_final;   /* the check-in up is the plan's last */
  GArray         *ratings;         /* MobedFocusLogRating of the plan */
  gboolean        has_ended;       /* @ended: the plan that ended last */
  MobedFocusPlan  ended;
  gboolean        eased;           /* a "worse" lowered the dose: @before_ease */
  MobedFocusPlan  before_ease;
};

MobedFocusPlan *focus_plan_of      (MobedDaemonFocus *self);
/* Makes @plan the running one, at its place in today as the log tells. */
void            focus_begin        (MobedDaemonFocus *self, const MobedFocusPlan *plan,
                                    MobedTime now);
void            focus_end_plan     (MobedDaemonFocus *self, gint64 now_wall, const char *why);
/* The plan as the Focus property and StartFocus describe it; @day NULL
 * for a plan not running (a dry run). */
GVariant       *focus_plan_variant (MobedDaemonFocus *self, const MobedFocusPlan *plan,
                                    const MobedFocusDay *day, MobedTime now);
/* A check-in's answer, from RateFocus or the check-in's buttons. */
GVariant       *focus_rate         (MobedDaemonFocus *self, MobedRating rating, MobedTime now,
                                    GError **error);
gboolean        focus_extend       (MobedDaemonFocus *self, guint days, MobedTime now,
                                    GError **error);
/* Back to the dose before the last "worse" made the plan easier. */
gboolean        focus_keep_dose    (MobedDaemonFocus *self, MobedTime now, GError **error);

G_END_DECLS

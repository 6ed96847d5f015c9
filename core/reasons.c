/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * reasons.c — the names of the reasons a break waits, and what a pause's
 * reason may be: short, one line, printable, so it fits a status line and
 * a history column whatever a script passes.
 */
#include "core/reasons.h"

#include "core/scheduler.h"

static const char *const defer_names[MOBED_DEFER_COUNT] = {
  "gnome-dnd", "notifications-inhibited", "dunst-paused", "xfce-dnd", "fullscreen", "camera",
  "gnome-app-off", "xfce-app-muted", "mako-dnd", "microphone", "screen-share",
};

const char *
mobed_defer_reason_name (MobedDeferReason reason)
{
  for (guint i = 0; i < MOBED_DEFER_COUNT; i++)
    if ((guint) reason == 1u << i)
      return defer_names[i];
  return NULL;
}

GStrv
mobed_defer_reason_list (guint bits)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < MOBED_DEFER_COUNT; i++)
    if (bits & (1u << i))
      g_strv_builder_add (b, defer_names[i]);
  return g_strv_builder_end (b);
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_INVALID, message);
  return FALSE;
}

gboolean
mobed_pause_reason_check (const char *reason, GError **error)
{
  gboolean visible = FALSE;
  glong length;

  g_return_val_if_fail (reason != NULL, FALSE);

  if (*reason == '\0')
    return TRUE;
  if (!g_utf8_validate (reason, -1, NULL))
    return invalid (error, "A pause reason must be UTF-8 text");
  length = g_utf8_strlen (reason, -1);
  if (length > MOBED_PAUSE_REASON_MAX)
    {
      g_set_error (error, MOBED_SCHEDULER_ERROR, MOBED_SCHEDULER_ERROR_INVALID,
                   "A pause reason is at most %d characters; this one has %ld",
                   MOBED_PAUSE_REASON_MAX, length);
      return FALSE;
    }
  for (const char *p = reason; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return invalid (error, "A pause reason is one line of text, without control characters");
      if (!g_unichar_isspace (c))
        visible = TRUE;
    }
  if (!visible)
    return invalid (error, "A pause reason cannot be only spaces");
  return TRUE;
}

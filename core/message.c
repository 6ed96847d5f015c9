/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * message.c — keeps quoted file content from making unreadable or huge
 * messages for the log, D-Bus replies and `mobectl status`.
 */
#include "core/message.h"

#include <string.h>

char *
mobed_message_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= MOBED_MESSAGE_MAX)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, MOBED_MESSAGE_MAX - 1);
  return g_strconcat (head, "…", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * message.h — makes text from a user's file fit to be a message: warnings
 * and problems quote what the file says, and the file may say anything
 * (bytes that are not UTF-8, a line of a megabyte).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest message, in characters, before it is cut. */
#define MOBED_MESSAGE_MAX 512

/* A copy of @text that is valid UTF-8 (bad bytes become U+FFFD) and at most
 * MOBED_MESSAGE_MAX characters long, cut with "…" if it was longer. */
char *mobed_message_text (const char *text);

G_END_DECLS

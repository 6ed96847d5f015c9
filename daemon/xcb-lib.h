/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xcb-lib.h — libxcb, and for the X11 idle source libxcb-sync, loaded
 * while mobed talks to the X server and unloaded after. mobed links
 * neither: on a GNOME, KDE or Wayland session they (with libXau, libXdmcp
 * and what those bring) would be mapped all day for nothing, and the
 * fullscreen check needs them only for a moment before each break.
 *
 * Callers include this instead of the xcb headers' functions and call
 * through the table mobed_xcb_acquire returns; a function not listed
 * below is not there: add it. Main thread only.
 */
#pragma once

#include <glib.h>

#include "mobed-config.h"

#include <xcb/xcb.h>
#ifdef MOBED_HAVE_X11
#include <xcb/sync.h>
#endif

G_BEGIN_DECLS

#define MOBED_XCB_FUNCTIONS(F)           \
  F (xcb_connect)                        \
  F (xcb_connection_has_error)           \
  F (xcb_disconnect)                     \
  F (xcb_flush)                          \
  F (xcb_generate_id)                    \
  F (xcb_get_extension_data)             \
  F (xcb_get_file_descriptor)            \
  F (xcb_get_property)                   \
  F (xcb_get_property_reply)             \
  F (xcb_get_property_value)             \
  F (xcb_get_property_value_length)      \
  F (xcb_get_setup)                      \
  F (xcb_intern_atom)                    \
  F (xcb_intern_atom_reply)              \
  F (xcb_poll_for_event)                 \
  F (xcb_poll_for_queued_event)          \
  F (xcb_request_check)                  \
  F (xcb_screen_next)                    \
  F (xcb_setup_roots_iterator)

/* The SYNC extension (daemon/idle-x11.c). */
#define MOBED_XCB_SYNC_FUNCTIONS(F)        \
  F (xcb_sync_change_alarm)                \
  F (xcb_sync_create_alarm_checked)        \
  F (xcb_sync_initialize)                  \
  F (xcb_sync_initialize_reply)            \
  F (xcb_sync_list_system_counters)        \
  F (xcb_sync_list_system_counters_reply)  \
  F (xcb_sync_query_counter)               \
  F (xcb_sync_query_counter_reply)

#define MOBED_XCB_MEMBER(name) glib_typeof (name) *name;
typedef struct {
  MOBED_XCB_FUNCTIONS (MOBED_XCB_MEMBER)
#ifdef MOBED_HAVE_X11
  xcb_extension_t *xcb_sync_id;
  MOBED_XCB_SYNC_FUNCTIONS (MOBED_XCB_MEMBER)
#endif
} MobedXcb;
#undef MOBED_XCB_MEMBER

typedef enum {
  MOBED_XCB_CORE,           /* libxcb */
  MOBED_XCB_SYNC,           /* libxcb and libxcb-sync */
} MobedXcbPart;

/* Loads @part (unless loaded) and keeps it until the matching
 * mobed_xcb_release (@part); the last release unloads it. NULL with @error
 * when a library or one of its functions is missing. */
const MobedXcb *mobed_xcb_acquire (MobedXcbPart part, GError **error);
void            mobed_xcb_release (MobedXcbPart part);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bus-direct.h — one D-Bus method call on a connection of its own, made
 * over a plain unix socket without GDBusConnection: for `mobectl status`,
 * which makes one call and exits, and should cost little more than the
 * bus's own round trip.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOBECTL_DIRECT_ERROR (mobectl_direct_error_quark ())
GQuark mobectl_direct_error_quark (void);

typedef enum {
  MOBECTL_DIRECT_ERROR_NOT_SUPPORTED,  /* this way cannot be taken: use GDBus */
  MOBECTL_DIRECT_ERROR_FAILED,         /* no bus, a broken connection, no answer in time */
  MOBECTL_DIRECT_ERROR_REMOTE,         /* an error reply: its message, and its name apart */
} MobectlDirectError;

/* The unix socket that @address (a D-Bus address) names, when this file can
 * reach it: one "unix:" address with a path= or abstract= key, values
 * %-unescaped. @ret_name is the path, or the abstract name without its
 * leading NUL (@ret_abstract TRUE). FALSE with NOT_SUPPORTED and
 * the reason for any other form (tcp:, several addresses, unix:dir=, …),
 * which GDBus knows how to use. */
gboolean  mobectl_direct_address (const char *address, char **ret_name, gboolean *ret_abstract,
                                  GError **error);

/* Calls @method on @dest at @path in @interface, as
 * g_dbus_connection_call_sync would on the session bus: the bus's Hello,
 * then the call, sent in one write with the authentication before them,
 * and the reply read back; @reply_type as there (NULL: any). A D-Bus error
 * reply is MOBECTL_DIRECT_ERROR_REMOTE with its message, and its name in
 * @error_name if that is not NULL; a socket that cannot be reached or
 * closes, or a reply of the wrong type, is FAILED. NOT_SUPPORTED means
 * this way could not be taken at all (an address form or authentication it
 * does not do): use GDBus instead. */
GVariant *mobectl_direct_call    (const char *address, const char *dest, const char *path,
                                  const char *interface, const char *method, GVariant *params,
                                  const GVariantType *reply_type, int timeout_ms,
                                  char **error_name, GError **error);

G_END_DECLS

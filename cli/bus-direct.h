/*
 * bus-direct.h — one D-Bus method call on a connection of its own, made
 * over a plain unix socket without GDBusConnection: for `mobectl status`,
 * which makes one call and exits, and should cost little more than the
 * bus's own round trip.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The unix socket that @address (a D-Bus address) names, when this file can
 * reach it: one "unix:" address with a path= or abstract= key, values
 * %-unescaped. @ret_name is the path, or the abstract name without its
 * leading NUL (@ret_abstract TRUE). FALSE with G_IO_ERROR_NOT_SUPPORTED and
 * the reason for any other form (tcp:, several addresses, unix:dir=, …),
 * which GDBus knows how to use. */
gboolean  mobectl_direct_address (const char *address, char **ret_name, gboolean *ret_abstract,
                                  GError **error);

/* Calls @method on @dest at @path in @interface, as
 * g_dbus_connection_call_sync would on the session bus: the bus's Hello,
 * then the call, sent in one write with the authentication before them,
 * and the reply read back; @reply_type as there (NULL: any). Errors are
 * GDBus's: a D-Bus error reply as G_DBUS_ERROR with its remote name, a
 * socket that cannot be reached or closes as G_IO_ERROR.
 * G_IO_ERROR_NOT_SUPPORTED means this way could not be taken at all (an
 * address form or authentication it does not do): use GDBus instead. */
GVariant *mobectl_direct_call    (const char *address, const char *dest, const char *path,
                                  const char *interface, const char *method, GVariant *params,
                                  const GVariantType *reply_type, int timeout_ms, GError **error);

G_END_DECLS

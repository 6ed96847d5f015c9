/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * daemon-link.h — the indicator's view of mobed: its properties as last
 * heard (from PropertiesChanged and NameOwnerChanged, never by polling)
 * and its methods, called without waiting.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MobedLink MobedLink;

/* Called whenever the properties change or mobed comes or goes. */
typedef void (*MobedLinkChanged) (MobedLink *link, gpointer user_data);
/* A drill's steps, NULL when ListDrills failed. */
typedef void (*MobedLinkSteps) (const char *drill_id, const char *const *steps,
                                gpointer user_data);

/* Follows mobed on @bus; the first GetAll starts it by D-Bus activation. */
MobedLink *mobed_link_new     (GDBusConnection *bus, MobedLinkChanged changed,
                               gpointer user_data);
void       mobed_link_free    (MobedLink *link);

/* The properties (a{sv}), NULL while mobed is not running. */
GVariant  *mobed_link_props   (MobedLink *link);

/* Calls @method of org.mobed.Daemon1 (starting mobed if need be); a
 * refusal is logged, since a menu has nowhere to say it. */
void       mobed_link_call    (MobedLink *link, const char *method, GVariant *params);
/* Asks for the steps of drill @id. */
void       mobed_link_steps   (MobedLink *link, const char *id, MobedLinkSteps done,
                               gpointer user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobedLink, mobed_link_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * props-mirror.h — mobed's properties as last heard, kept up to date by its
 * PropertiesChanged and NameOwnerChanged signals, never by polling. Both
 * programs that follow mobed (`mobectl status --follow` and mobed-indicator)
 * use it; how they read all properties stays theirs, since one must answer
 * at once and the other may wait.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MobectlPropsMirror MobectlPropsMirror;

/* The properties changed, or mobed came or went. */
typedef void (*MobectlPropsMirrorChanged)  (MobectlPropsMirror *mirror, gpointer user_data);
/* mobed took its name: read all properties and hand them to
 * mobectl_props_mirror_set (). */
typedef void (*MobectlPropsMirrorAppeared) (MobectlPropsMirror *mirror, gpointer user_data);

/* Subscribes to both signals on @bus; mobed counts as stopped until the
 * first mobectl_props_mirror_set (). Read after this, not before, so that
 * no change falls between the read and the subscription. */
MobectlPropsMirror *mobectl_props_mirror_new  (GDBusConnection *bus,
                                               MobectlPropsMirrorAppeared appeared,
                                               MobectlPropsMirrorChanged changed,
                                               gpointer user_data);
void                mobectl_props_mirror_free (MobectlPropsMirror *mirror);

/* Replaces the properties with @props (a{sv} from GetAll), or with none
 * and mobed stopped when @props is NULL (the read failed); then calls
 * changed. */
void      mobectl_props_mirror_set (MobectlPropsMirror *mirror, GVariant *props);
/* The properties (a{sv}), NULL while mobed is not running. */
GVariant *mobectl_props_mirror_get (MobectlPropsMirror *mirror);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MobectlPropsMirror, mobectl_props_mirror_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * camera.h — is a camera in use? The one sign of a video call that needs no
 * permission: some process of the user's holds a video device open.
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Scans @proc_root ("/proc") for processes owned by @uid with an open file
 * descriptor whose target starts with @device_prefix ("/dev/video").
 * Called when a break falls due, never continuously. Processes that vanish
 * or cannot be read are skipped. Returns the first such pid, or 0. */
pid_t mobed_camera_user (const char *proc_root, const char *device_prefix, uid_t uid);

G_END_DECLS

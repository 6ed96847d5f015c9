/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * names.h — where mobectl finds mobed on the session bus.
 */
#pragma once

#define MOBECTL_BUS_NAME    "org.mobed.Daemon"
#define MOBECTL_OBJECT_PATH "/org/mobed/Daemon"
#define MOBECTL_INTERFACE   "org.mobed.Daemon1"

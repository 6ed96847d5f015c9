/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-clock.h — org.mobed.Test1, which lets the integration tests move
 * mobed's clock forward instead of waiting for real time to pass. Only a
 * build with -Dtest_clock=true has it; elsewhere these do nothing.
 */
#pragma once

#include "daemon/daemon.h"

G_BEGIN_DECLS

#ifdef MOBED_TEST_CLOCK
gboolean mobed_test_clock_export   (MobedDaemon *daemon, GDBusConnection *connection,
                                    GError **error);
void     mobed_test_clock_unexport (void);
#else
#define mobed_test_clock_export(daemon, connection, error) TRUE
#define mobed_test_clock_unexport() ((void) 0)
#endif

G_END_DECLS

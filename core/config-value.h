/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config-value.h — inside core/ only: one mobed.conf value, text to Value
 * and back, by the rules of its key. Loading a file (config.c) and
 * `mobectl config` (through config.h) both use it, so a value is judged
 * and shown the same way in both.
 */
#pragma once

#include "core/config-keys.h"

G_BEGIN_DECLS

/* Parses @raw as a value of @spec into @ret, which must hold nothing; on
 * failure @error is a sentence that quotes the value. */
gboolean mobed_config_value_parse    (const KeySpec *spec,
                                      const char    *raw,
                                      Value         *ret,
                                      GError       **error);

/* @value as a warning shows it to people ("(none)" for an empty list). */
char    *mobed_config_value_describe (const KeySpec *spec, const Value *value);

G_END_DECLS

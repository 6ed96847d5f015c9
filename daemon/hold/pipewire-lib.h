/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewire-lib.h — libpipewire-0.3, opened by name while mobed looks at
 * PipeWire and closed after, instead of linked. pipewire.c includes this
 * and calls pw_* as usual: the names below send each call to the opened
 * library.
 */
#pragma once

#ifdef MOBED_HAVE_PIPEWIRE
#include <glib.h>
#include <pipewire/impl.h>
#include <pipewire/pipewire.h>

/* The library's functions pipewire.c calls; the rest of the API it uses is
 * inline, through the objects' method tables. */
#define MOBED_PW_FUNCS(X) \
  X (pw_init) X (pw_deinit) X (pw_loop_new) X (pw_loop_destroy) X (pw_context_new) \
  X (pw_context_destroy) X (pw_context_load_module) X (pw_context_connect) \
  X (pw_core_disconnect) X (pw_properties_new) X (pw_proxy_add_object_listener) \
  X (pw_proxy_destroy)

typedef struct {
  void *handle;
#define MOBED_PW_MEMBER(f) __typeof__ (f) *f;
  MOBED_PW_FUNCS (MOBED_PW_MEMBER)
#undef MOBED_PW_MEMBER
} MobedPwLib;

/* Filled by mobed_pw_lib_open(), zero while the library is closed. */
extern MobedPwLib mobed_pw_lib;

/* Opens the library and runs pw_init(); TRUE at once if already open.
 * FALSE (said in one line) when it cannot be loaded or lacks a function. */
gboolean mobed_pw_lib_open  (void);
/* pw_deinit() and closes it; nothing when it is not open. */
void     mobed_pw_lib_close (void);

/* Not in pipewire-lib.c, which fills the table these read. */
#ifndef MOBED_PW_LIB_IMPLEMENTATION
#define pw_init mobed_pw_lib.pw_init
#define pw_deinit mobed_pw_lib.pw_deinit
#define pw_loop_new mobed_pw_lib.pw_loop_new
#define pw_loop_destroy mobed_pw_lib.pw_loop_destroy
#define pw_context_new mobed_pw_lib.pw_context_new
#define pw_context_destroy mobed_pw_lib.pw_context_destroy
#define pw_context_load_module mobed_pw_lib.pw_context_load_module
#define pw_context_connect mobed_pw_lib.pw_context_connect
#define pw_core_disconnect mobed_pw_lib.pw_core_disconnect
#define pw_properties_new mobed_pw_lib.pw_properties_new
#define pw_proxy_add_object_listener mobed_pw_lib.pw_proxy_add_object_listener
#define pw_proxy_destroy mobed_pw_lib.pw_proxy_destroy
#endif
#endif

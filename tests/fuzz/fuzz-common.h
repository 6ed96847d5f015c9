/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-common.h — what the libFuzzer targets in tests/fuzz/ share: the
 * input as a file the loaders can open (a memfd, rewritten in place each
 * iteration, so no disk is touched), GLib criticals made fatal, and
 * FUZZ_CHECK, which aborts with a sentence when an invariant breaks so that
 * libFuzzer keeps the input as a crash.
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                 \
  do {                                                                        \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "%s:%d: invariant broken: %s: ", __FILE__, __LINE__, \
                 #cond);                                                      \
        fprintf (stderr, __VA_ARGS__);                                        \
        fputc ('\n', stderr);                                                 \
        abort ();                                                             \
      }                                                                       \
  } while (0)

/* A critical or warning is a bug here (a g_return_if_fail tripped, a
 * GVariant refused a value; core/ never warns): abort, which libFuzzer
 * catches and keeps the input for. (g_log_set_always_fatal() would stop on
 * SIGTRAP instead, which libFuzzer does not handle: no input is kept.) */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                 gpointer user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return out;
}

static inline void
fuzz_glib_setup (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* Writes @data to one memfd and returns a path that opens it afresh
 * (/proc/self/fd/N), for loaders that take a file name. */
static inline const char *
fuzz_input_path (const uint8_t *data, size_t size)
{
  static int fd = -1;
  static char path[64];
  size_t done = 0;

  if (fd < 0)
    {
      fd = memfd_create ("mobed-fuzz-input", MFD_CLOEXEC);
      if (fd < 0)
        {
          perror ("memfd_create");
          abort ();
        }
      g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
    }
  if (ftruncate (fd, 0) != 0)
    abort ();
  while (done < size)
    {
      ssize_t n = pwrite (fd, data + done, size - done, (off_t) done);
      if (n <= 0)
        abort ();
      done += (size_t) n;
    }
  return path;
}

/* Every string that may travel in a D-Bus reply (Reload's warnings, an
 * error message) must be valid UTF-8, or GVariant refuses it. */
static inline void
fuzz_check_utf8_all (GPtrArray *strings, const char *what)
{
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    FUZZ_CHECK (g_utf8_validate (strings->pdata[i], -1, NULL),
                "%s %u is not UTF-8: '%s'", what, i, (const char *) strings->pdata[i]);
}

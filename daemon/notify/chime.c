/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chime.c — libcanberra adapter. A context is made for a chime and
 * destroyed once the sound is over, which unloads libcanberra's audio
 * driver and whatever it brought (ALSA, or libpulse with its thread and its
 * sound server connection): between breaks mobed holds no audio device.
 * Where there is no sound server and no device it does not try at all:
 * see sound_output_present().
 */
#include "daemon/notify/chime.h"

#include <canberra.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* How long after a chime to look whether it is still playing; the theme's
 * sounds last a second or two. Another chime meanwhile reuses the context. */
#define RELEASE_AFTER_S 5

struct _MobedChime {
  ca_context *ctx;
  guint32     last_id;      /* of the last sound started */
  guint       release_id;
  gboolean    warned;
};

MobedChime *
mobed_chime_new (void)
{
  return g_new0 (MobedChime, 1);
}

/* Lets the context go, and with it the audio driver. */
static void
release (MobedChime *self)
{
  g_clear_handle_id (&self->release_id, g_source_remove);
  if (self->ctx != NULL)
    ca_context_destroy (g_steal_pointer (&self->ctx));
}

void
mobed_chime_free (MobedChime *self)
{
  if (self == NULL)
    return;
  release (self);
  g_free (self);
}

static void
warn_once (MobedChime *self, const char *what, const char *why)
{
  if (self->warned)
    {
      g_debug ("Could not play a sound (%s): %s", what, why);
      return;
    }
  self->warned = TRUE;
  g_message ("Could not play '%s': %s; breaks continue without sound", what, why);
}

/* Lets the context go once the last sound has finished. */
static gboolean
release_when_quiet (gpointer user_data)
{
  MobedChime *self = user_data;
  int playing = 0;

  if (self->ctx != NULL
      && ca_context_playing (self->ctx, self->last_id, &playing) == CA_SUCCESS
      && playing)
    return G_SOURCE_CONTINUE;
  self->release_id = 0;
  release (self);
#ifdef __GLIBC__
  /* The sound's buffers and the driver's go back to the system. */
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

/* A playback device that mobed may open: /dev/snd/pcmC<card>D<dev>p. */
static gboolean
alsa_device_usable (const char *prefix)
{
  g_autofree char *dir_path = g_strconcat (prefix, "/dev/snd", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "pcmC") && g_str_has_suffix (name, "p"))
      {
        g_autofree char *path = g_build_filename (dir_path, name, NULL);

        if (access (path, R_OK | W_OK) == 0)
          return TRUE;
      }
  return FALSE;
}

/* Whether a sound can go anywhere: a sound server (PulseAudio, or
 * PipeWire with or without its Pulse socket) or a playback device mobed
 * may open. Without either, libcanberra falls back to ALSA, and ALSA,
 * finding no card, writes its own complaints straight to standard error
 * (a dozen "ALSA lib ..." lines a break on a text console) before
 * libcanberra can report the failure. Those lines are ALSA's, below
 * libcanberra, with no switch above it, so mobed does not ask for a sound
 * there is nothing to play it on. MOBED_SOUND_PREFIX (tests) goes before
 * /dev/snd. */
static gboolean
sound_output_present (void)
{
  const char *prefix = g_getenv ("MOBED_SOUND_PREFIX");
  const char *runtime = g_get_user_runtime_dir ();
  const char *const sockets[] = { "pulse/native", "pipewire-0", NULL };

  if (g_getenv ("PULSE_SERVER") != NULL)
    return TRUE;
  for (guint i = 0; sockets[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (runtime, sockets[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return alsa_device_usable (prefix != NULL ? prefix : "");
}

void
mobed_chime_play (MobedChime *self, const char *event_id, const char *description)
{
  int res;

  if (self->ctx == NULL && !sound_output_present ())
    {
      warn_once (self, event_id, "no sound server and no sound device");
      return;
    }
  if (self->ctx == NULL)
    {
      res = ca_context_create (&self->ctx);
      if (res < 0)
        {
          self->ctx = NULL;
          warn_once (self, event_id, ca_strerror (res));
          release (self);
          return;
        }
      ca_context_change_props (self->ctx,
                               CA_PROP_APPLICATION_NAME, "mobed",
                               CA_PROP_APPLICATION_ID, "org.mobed.Daemon",
                               NULL);
    }
  res = ca_context_play (self->ctx, ++self->last_id,
                         CA_PROP_EVENT_ID, event_id,
                         CA_PROP_EVENT_DESCRIPTION, description,
                         NULL);
  if (res < 0)
    {
      warn_once (self, event_id, ca_strerror (res));
      release (self);
      return;
    }
  g_clear_handle_id (&self->release_id, g_source_remove);
  self->release_id = g_timeout_add_seconds (RELEASE_AFTER_S, release_when_quiet, self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chime.c — libcanberra adapter. A context is made for a chime and
 * destroyed once the sound is over, which unloads libcanberra's audio
 * driver and whatever it brought (ALSA, or libpulse with its thread and its
 * sound server connection): between breaks mobed holds no audio device.
 */
#include "daemon/notify/chime.h"

#include <canberra.h>
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

void
mobed_chime_play (MobedChime *self, const char *event_id, const char *description)
{
  int res;

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

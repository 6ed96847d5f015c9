/*
 * chime.c — libcanberra adapter. The context is made on first use, so a
 * user with sound=false never loads an audio backend.
 */
#include "daemon/chime.h"

#include <canberra.h>

struct _MobedChime {
  ca_context *ctx;
  gboolean    warned;
};

MobedChime *
mobed_chime_new (void)
{
  return g_new0 (MobedChime, 1);
}

void
mobed_chime_free (MobedChime *self)
{
  if (self == NULL)
    return;
  if (self->ctx != NULL)
    ca_context_destroy (self->ctx);
  g_free (self);
}

static void
warn_once (MobedChime *self, const char *what, int code)
{
  if (self->warned)
    {
      g_debug ("Could not play a sound (%s): %s", what, ca_strerror (code));
      return;
    }
  self->warned = TRUE;
  g_message ("Could not play '%s': %s; breaks continue without sound",
             what, ca_strerror (code));
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
          warn_once (self, event_id, res);
          return;
        }
      ca_context_change_props (self->ctx,
                               CA_PROP_APPLICATION_NAME, "mobed",
                               CA_PROP_APPLICATION_ID, "org.mobed.Daemon",
                               NULL);
    }
  res = ca_context_play (self->ctx, 0,
                         CA_PROP_EVENT_ID, event_id,
                         CA_PROP_EVENT_DESCRIPTION, description,
                         NULL);
  if (res < 0)
    warn_once (self, event_id, res);
}

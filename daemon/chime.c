/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chime.c — libcanberra adapter. libcanberra is loaded (GModule) at the
 * first chime, not at start, so a user with sound=false never loads it; a
 * context is made for each chime and destroyed once the sound is over,
 * which unloads libcanberra's audio driver and whatever it brought (ALSA,
 * or libpulse with its thread and its sound server connection). The library
 * itself stays once loaded: unloading it leaks its own start-up state,
 * about 350 bytes each time (LeakSanitizer).
 */
#include "daemon/chime.h"

#include <canberra.h>
#include <gmodule.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mobed-config.h"

/* How long after a chime to look whether it is still playing; the theme's
 * sounds last a second or two. Another chime meanwhile reuses the context. */
#define RELEASE_AFTER_S 5

#define CANBERRA_FUNCTIONS(F) \
  F (ca_context_create)       \
  F (ca_context_destroy)      \
  F (ca_context_change_props) \
  F (ca_context_play)         \
  F (ca_context_playing)      \
  F (ca_strerror)

typedef struct {
#define CANBERRA_MEMBER(name) glib_typeof (name) *name;
  CANBERRA_FUNCTIONS (CANBERRA_MEMBER)
#undef CANBERRA_MEMBER
} Canberra;

struct _MobedChime {
  GModule    *module;
  Canberra    ca;
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
    self->ca.ca_context_destroy (g_steal_pointer (&self->ctx));
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

static gboolean
load (MobedChime *self, const char *event_id)
{
  GModule *m;

  if (self->module != NULL)
    return TRUE;
  m = g_module_open (MOBED_CANBERRA_SONAME, G_MODULE_BIND_LOCAL);
  if (m == NULL)
    {
      warn_once (self, event_id, g_module_error ());
      return FALSE;
    }
  g_module_make_resident (m);
#define CANBERRA_LOOKUP(name)                                        \
  if (!g_module_symbol (m, #name, (gpointer *) &self->ca.name))      \
    {                                                                \
      warn_once (self, event_id, MOBED_CANBERRA_SONAME " has no " #name); \
      self->ca = (Canberra) { 0 };                                   \
      g_module_close (m);                                            \
      return FALSE;                                                  \
    }
  CANBERRA_FUNCTIONS (CANBERRA_LOOKUP)
#undef CANBERRA_LOOKUP
  self->module = m;
  return TRUE;
}

/* Lets the context go once the last sound has finished. */
static gboolean
release_when_quiet (gpointer user_data)
{
  MobedChime *self = user_data;
  int playing = 0;

  if (self->ctx != NULL
      && self->ca.ca_context_playing (self->ctx, self->last_id, &playing) == CA_SUCCESS
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

  if (!load (self, event_id))
    return;
  if (self->ctx == NULL)
    {
      res = self->ca.ca_context_create (&self->ctx);
      if (res < 0)
        {
          self->ctx = NULL;
          warn_once (self, event_id, self->ca.ca_strerror (res));
          release (self);
          return;
        }
      self->ca.ca_context_change_props (self->ctx,
                                        CA_PROP_APPLICATION_NAME, "mobed",
                                        CA_PROP_APPLICATION_ID, "org.mobed.Daemon",
                                        NULL);
    }
  res = self->ca.ca_context_play (self->ctx, ++self->last_id,
                                  CA_PROP_EVENT_ID, event_id,
                                  CA_PROP_EVENT_DESCRIPTION, description,
                                  NULL);
  if (res < 0)
    {
      warn_once (self, event_id, self->ca.ca_strerror (res));
      release (self);
      return;
    }
  g_clear_handle_id (&self->release_id, g_source_remove);
  self->release_id = g_timeout_add_seconds (RELEASE_AFTER_S, release_when_quiet, self);
}

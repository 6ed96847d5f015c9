/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewire.c — watching the PipeWire graph for a call (audio being
 * captured) and a screen share, through libpipewire-0.3 on GLib's main
 * loop: the pw_loop's one fd is a GSource, so everything runs on mobed's
 * single thread and nothing runs unless PipeWire sends something.
 *
 * Which nodes count:
 *  - microphone: media.class "Stream/Input/Audio" in state running, the
 *    node an application's recording stream gets (what GNOME Shell's and
 *    Plasma's microphone indicators look at too). Peak meters set
 *    stream.monitor and are left out.
 *  - screen shared: the screencast node the compositor makes, in state
 *    running, which a node only reaches while something consumes it. How
 *    the compositors make it, read in their sources:
 *      GNOME mutter (src/backends/meta-screen-cast-stream-src.c):
 *        pw_stream_new (core, "meta-screen-cast-src", props) without a
 *        media.class, connected as an output video stream, so libpipewire
 *        gives it "Stream/Output/Video"; media.name "meta-screen-cast-src".
 *      KDE kwin (src/plugins/screencast/screencaststream.cpp):
 *        pw_stream_new (core, "kwin-screencast-<name>", NULL), an output
 *        video stream as well: "Stream/Output/Video".
 *      xdg-desktop-portal-wlr (src/screencast/pipewire_screencast.c):
 *        pw_stream_new (core, "xdpw-stream-XXXXXX", { media.class =
 *        "Video/Source" }), an output stream.
 *    So: any "Stream/Output/Video" node (only screencasters make output
 *    video streams), and any "Video/Source" node that is not a device (a
 *    camera's node carries device.api: v4l2 or libcamera).
 *
 * When: mobed connects only when a break is about to be shown (one round
 * trip, a few milliseconds), follows the graph's events while that break
 * is held, so it comes the moment the call ends, and lets go (closing the
 * library too) once no break is held. Staying connected all day would
 * cost 0.6 MiB of private memory for nothing between breaks (docs/
 * footprint.md has the measurements); connecting at each break costs
 * nothing between them, and there is no polling either way. Only the node
 * kinds above are bound, so music playing does not wake a held break.
 */
#include "daemon/hold/pipewire.h"

#include <glib-unix.h>

#ifdef MOBED_HAVE_PIPEWIRE
#include <errno.h>

#include "daemon/hold/pipewire-lib.h"

/* The longest mobed waits for PipeWire's answer when it looks. */
#define ANSWER_MS 1000

typedef enum { KIND_MICROPHONE, KIND_SCREEN } Kind;

typedef struct {
  MobedPipewire   *owner;
  struct pw_proxy *proxy;
  struct spa_hook  listener;
  Kind             kind;
  gboolean         running;
  gboolean         counts;      /* not a peak meter, not a camera */
  char            *app;
} Node;

struct _MobedPipewire {
  void           (*changed) (gpointer user_data);
  gpointer         user_data;
  struct pw_loop  *loop;
  GSource         *source;
  struct pw_context *context;
  struct pw_core  *core;
  struct spa_hook  core_listener;
  struct pw_registry *registry;
  struct spa_hook  registry_listener;
  GHashTable      *nodes;          /* global id → Node */
  gboolean         microphone;     /* what was last reported */
  gboolean         screen;
  char            *microphone_app;
  guint            lost_id;        /* idle: tear down after PipeWire left */
  guint            let_go_id;      /* idle: disconnect, no break being held */
  gboolean         quiet;          /* looking: no changed() from inside it */
  gboolean         absent;         /* the last look found no socket */
  int              sync_seq;       /* of the round trip being waited for */
  gboolean         synced;
  char            *socket_path;
};

static void
node_free (gpointer data)
{
  Node *node = data;

  spa_hook_remove (&node->listener);
  pw_proxy_destroy (node->proxy);
  g_free (node->app);
  g_free (node);
}

/* Reports a change in what counts, if there is one. */
static void
update (MobedPipewire *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean microphone = FALSE;
  gboolean screen = FALSE;
  const char *app = NULL;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node *node = value;

      if (!node->running || !node->counts)
        continue;
      if (node->kind == KIND_SCREEN)
        screen = TRUE;
      else if (!microphone)
        {
          microphone = TRUE;
          app = node->app;
        }
    }
  if (microphone == self->microphone && screen == self->screen
      && g_strcmp0 (app, self->microphone_app) == 0)
    return;
  if (microphone != self->microphone || g_strcmp0 (app, self->microphone_app) != 0)
    g_debug ("PipeWire: %s", microphone ? "audio is being captured" : "no audio capture");
  if (screen != self->screen)
    g_debug ("PipeWire: %s", screen ? "a screencast is consumed" : "no screencast consumed");
  self->microphone = microphone;
  self->screen = screen;
  g_free (self->microphone_app);
  self->microphone_app = g_strdup (app);
  if (!self->quiet)
    self->changed (self->user_data);
}

static char *
app_name (const struct spa_dict *props)
{
  static const char *const keys[] = {
    PW_KEY_APP_NAME, PW_KEY_APP_PROCESS_BINARY, PW_KEY_NODE_NAME,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = spa_dict_lookup (props, keys[i]);

      if (value != NULL && *value != '\0' && g_utf8_validate (value, -1, NULL))
        return g_utf8_make_valid (value, MIN (strlen (value), 64));
    }
  return g_strdup ("");
}

static void
on_node_info (void *data, const struct pw_node_info *info)
{
  Node *node = data;

  if (info->change_mask & PW_NODE_CHANGE_MASK_PROPS && info->props != NULL)
    {
      const char *monitor = spa_dict_lookup (info->props, PW_KEY_STREAM_MONITOR);

      if (node->kind == KIND_MICROPHONE)
        node->counts = !(monitor != NULL && spa_atob (monitor));
      else
        node->counts = spa_dict_lookup (info->props, PW_KEY_DEVICE_API) == NULL;
      g_free (node->app);
      node->app = app_name (info->props);
    }
  if (info->change_mask & PW_NODE_CHANGE_MASK_STATE)
    node->running = info->state == PW_NODE_STATE_RUNNING;
  update (node->owner);
}

static const struct pw_node_events node_events = {
  PW_VERSION_NODE_EVENTS,
  .info = on_node_info,
};

static void
on_global (void *data, uint32_t id, uint32_t permissions, const char *type,
           uint32_t version, const struct spa_dict *props)
{
  MobedPipewire *self = data;
  const char *class;
  Node *node;
  Kind kind;

  (void) permissions;
  (void) version;
  if (!spa_streq (type, PW_TYPE_INTERFACE_Node) || props == NULL)
    return;
  class = spa_dict_lookup (props, PW_KEY_MEDIA_CLASS);
  if (spa_streq (class, "Stream/Input/Audio"))
    kind = KIND_MICROPHONE;
  else if (spa_streq (class, "Stream/Output/Video") || spa_streq (class, "Video/Source"))
    kind = KIND_SCREEN;
  else
    return;
  node = g_new0 (Node, 1);
  node->owner = self;
  node->kind = kind;
  node->counts = TRUE;
  node->proxy = pw_registry_bind (self->registry, id, PW_TYPE_INTERFACE_Node,
                                  PW_VERSION_NODE, 0);
  if (node->proxy == NULL)
    {
      g_free (node);
      return;
    }
  pw_proxy_add_object_listener (node->proxy, &node->listener, &node_events, node);
  g_hash_table_replace (self->nodes, GUINT_TO_POINTER (id), node);
}

static void
on_global_remove (void *data, uint32_t id)
{
  MobedPipewire *self = data;

  if (g_hash_table_remove (self->nodes, GUINT_TO_POINTER (id)))
    update (self);
}

static const struct pw_registry_events registry_events = {
  PW_VERSION_REGISTRY_EVENTS,
  .global = on_global,
  .global_remove = on_global_remove,
};

static gboolean
dispatch_loop (gint fd, GIOCondition condition, gpointer data)
{
  MobedPipewire *self = data;

  (void) fd;
  (void) condition;
  pw_loop_enter (self->loop);
  pw_loop_iterate (self->loop, 0);
  pw_loop_leave (self->loop);
  return G_SOURCE_CONTINUE;
}

/* The loop, the context and the library itself exist only while
 * connected: kept, they would be 0.6 MiB of private memory all day. */
static void
drop_context (MobedPipewire *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  if (self->context != NULL)
    pw_context_destroy (self->context);
  if (self->loop != NULL)
    pw_loop_destroy (self->loop);
  self->context = NULL;
  self->loop = NULL;
  mobed_pw_lib_close ();
}

static gboolean
make_context (MobedPipewire *self)
{
  if (!mobed_pw_lib_open ())
    return FALSE;
  self->loop = pw_loop_new (NULL);
  if (self->loop == NULL)
    {
      mobed_pw_lib_close ();
      return FALSE;
    }
  /* No client.conf: its modules (client-node, adapter, metadata, the
   * session manager's) are for clients that make nodes, and cost about
   * 180 kB of private memory; a watcher needs only the protocol. PipeWire's
   * own log stays quiet: what matters reaches mobed's. */
  self->context = pw_context_new (self->loop,
                                  pw_properties_new (PW_KEY_CONFIG_NAME, "null",
                                                     "log.level", "0", NULL),
                                  0);
  if (self->context == NULL
      || pw_context_load_module (self->context, "libpipewire-module-protocol-native",
                                 NULL, NULL) == NULL)
    {
      g_debug ("PipeWire: cannot set up a client (%s)", g_strerror (errno));
      drop_context (self);
      return FALSE;
    }
  self->source = g_unix_fd_source_new (pw_loop_get_fd (self->loop), G_IO_IN);
  g_source_set_callback (self->source, G_SOURCE_FUNC (dispatch_loop), self, NULL);
  g_source_set_static_name (self->source, "mobed pipewire");
  g_source_attach (self->source, NULL);
  return TRUE;
}

static void
disconnect_core (MobedPipewire *self)
{
  g_hash_table_remove_all (self->nodes);
  if (self->registry != NULL)
    {
      spa_hook_remove (&self->registry_listener);
      pw_proxy_destroy ((struct pw_proxy *) self->registry);
      self->registry = NULL;
    }
  if (self->core != NULL)
    {
      spa_hook_remove (&self->core_listener);
      pw_core_disconnect (self->core);
      self->core = NULL;
    }
  drop_context (self);
}

/* PipeWire went away (stopped, or restarting) while a break was held: the
 * call it showed is over as far as mobed can tell. The next look connects
 * afresh. */
static gboolean
on_lost (gpointer data)
{
  MobedPipewire *self = data;

  self->lost_id = 0;
  g_message ("PipeWire went away");
  disconnect_core (self);
  update (self);
  return G_SOURCE_REMOVE;
}

static void
on_core_done (void *data, uint32_t id, int seq)
{
  MobedPipewire *self = data;

  if (id == PW_ID_CORE && seq == self->sync_seq)
    self->synced = TRUE;
}

static void
on_core_error (void *data, uint32_t id, int seq, int res, const char *message)
{
  MobedPipewire *self = data;

  (void) seq;
  if (id != PW_ID_CORE || res != -EPIPE)
    {
      g_debug ("PipeWire: error on object %u: %s", id, message);
      return;
    }
  /* Not from inside PipeWire's own dispatch. */
  if (self->lost_id == 0)
    self->lost_id = g_idle_add (on_lost, self);
}

static const struct pw_core_events core_events = {
  PW_VERSION_CORE_EVENTS,
  .done = on_core_done,
  .error = on_core_error,
};

/* Waits (up to @deadline, monotonic µs) until PipeWire has answered all
 * that was sent before: the registry's nodes, then the bound nodes' info. */
static gboolean
round_trip (MobedPipewire *self, gint64 deadline)
{
  self->synced = FALSE;
  self->sync_seq = pw_core_sync (self->core, PW_ID_CORE, 0);
  pw_loop_enter (self->loop);
  while (!self->synced && self->lost_id == 0)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0 || pw_loop_iterate (self->loop, (int) (left / 1000) + 1) < 0)
        break;
    }
  pw_loop_leave (self->loop);
  return self->synced;
}

static gboolean
connect_core (MobedPipewire *self)
{
  gint64 deadline = g_get_monotonic_time () + ANSWER_MS * 1000;

  if (!g_file_test (self->socket_path, G_FILE_TEST_EXISTS))
    {
      if (!self->absent)
        g_message ("No PipeWire at %s: calls and screen sharing are not seen", self->socket_path);
      self->absent = TRUE;
      return FALSE;
    }
  if (!make_context (self))
    return FALSE;
  self->core = pw_context_connect (self->context, NULL, 0);
  if (self->core == NULL)
    {
      g_debug ("PipeWire: cannot connect to %s (%s)", self->socket_path, g_strerror (errno));
      drop_context (self);
      return FALSE;
    }
  pw_core_add_listener (self->core, &self->core_listener, &core_events, self);
  self->registry = pw_core_get_registry (self->core, PW_VERSION_REGISTRY, 0);
  pw_registry_add_listener (self->registry, &self->registry_listener, &registry_events, self);
  if (!round_trip (self, deadline) || !round_trip (self, deadline))
    {
      g_debug ("PipeWire did not answer within %d ms", ANSWER_MS);
      disconnect_core (self);
      return FALSE;
    }
  if (self->absent)
    g_message ("PipeWire is here: calls and screen sharing hold breaks");
  self->absent = FALSE;
  return TRUE;
}

/* Where libpipewire looks for the socket. */
static char *
socket_path (void)
{
  const char *remote = g_getenv ("PIPEWIRE_REMOTE");
  const char *dir = g_getenv ("PIPEWIRE_RUNTIME_DIR");

  if (remote == NULL || *remote == '\0')
    remote = "pipewire-0";
  if (g_path_is_absolute (remote))
    return g_strdup (remote);
  if (dir == NULL || *dir == '\0')
    dir = g_get_user_runtime_dir ();
  return g_build_filename (dir, remote, NULL);
}

MobedPipewire *
mobed_pipewire_new (void (*changed) (gpointer user_data), gpointer user_data)
{
  MobedPipewire *self = g_new0 (MobedPipewire, 1);

  self->changed = changed;
  self->user_data = user_data;
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_free);
  self->socket_path = socket_path ();
  if (!g_file_test (self->socket_path, G_FILE_TEST_EXISTS))
    {
      g_message ("No PipeWire at %s: calls and screen sharing are not seen", self->socket_path);
      self->absent = TRUE;
    }
  return self;
}

void
mobed_pipewire_free (MobedPipewire *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->lost_id, g_source_remove);
  g_clear_handle_id (&self->let_go_id, g_source_remove);
  disconnect_core (self);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_free (self->microphone_app);
  g_free (self->socket_path);
  g_free (self);
}

gboolean
mobed_pipewire_look (MobedPipewire *self)
{
  gint64 start = g_get_monotonic_time ();

  g_clear_handle_id (&self->let_go_id, g_source_remove);
  if (self->core != NULL)
    return TRUE;
  self->quiet = TRUE;
  if (connect_core (self))
    {
      update (self);
      g_debug ("PipeWire: connected and looked in %.1f ms",
               (g_get_monotonic_time () - start) / 1000.0);
    }
  self->quiet = FALSE;
  return self->core != NULL;
}

static gboolean
on_let_go (gpointer data)
{
  MobedPipewire *self = data;

  self->let_go_id = 0;
  g_clear_handle_id (&self->lost_id, g_source_remove);
  disconnect_core (self);
  self->quiet = TRUE;
  update (self);
  self->quiet = FALSE;
  return G_SOURCE_REMOVE;
}

void
mobed_pipewire_let_go (MobedPipewire *self)
{
  /* Often asked from inside one of PipeWire's own events (the call ended,
   * the break shows): the connection goes once that has returned. */
  if (self->core != NULL && self->let_go_id == 0)
    self->let_go_id = g_idle_add (on_let_go, self);
}

gboolean
mobed_pipewire_microphone (MobedPipewire *self, const char **app)
{
  if (app != NULL)
    *app = self->microphone_app != NULL ? self->microphone_app : "";
  return self->microphone;
}

gboolean
mobed_pipewire_screen_shared (MobedPipewire *self)
{
  return self->screen;
}

gboolean
mobed_pipewire_supported (void)
{
  return TRUE;
}

#else /* !MOBED_HAVE_PIPEWIRE */

struct _MobedPipewire {
  int unused;
};

MobedPipewire *
mobed_pipewire_new (void (*changed) (gpointer user_data), gpointer user_data)
{
  (void) changed;
  (void) user_data;
  return g_new0 (MobedPipewire, 1);
}

void
mobed_pipewire_free (MobedPipewire *self)
{
  g_free (self);
}

gboolean
mobed_pipewire_look (MobedPipewire *self)
{
  (void) self;
  return FALSE;
}

void
mobed_pipewire_let_go (MobedPipewire *self)
{
  (void) self;
}

gboolean
mobed_pipewire_microphone (MobedPipewire *self, const char **app)
{
  (void) self;
  if (app != NULL)
    *app = "";
  return FALSE;
}

gboolean
mobed_pipewire_screen_shared (MobedPipewire *self)
{
  (void) self;
  return FALSE;
}

gboolean
mobed_pipewire_supported (void)
{
  return FALSE;
}

#endif

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
 * Only those nodes are bound, so music playing or a sink waking does not
 * wake mobed; the registry still says when any node comes or goes.
 */
#include "daemon/hold/pipewire.h"

#include <gio/gio.h>
#include <glib-unix.h>

#ifdef MOBED_HAVE_PIPEWIRE
#include <errno.h>
#include <pipewire/pipewire.h>

/* After the socket appears: tries to connect for up to 2 s. */
#define RETRY_MS 100
#define RETRIES 20

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
  gboolean         waiting;        /* for PipeWire, since the start or since it left */
  GFileMonitor    *socket_watch;   /* while there is no PipeWire */
  guint            retry_id;       /* the socket appeared: tries to connect */
  guint            retries;
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

static void watch_socket (MobedPipewire *self);
static gboolean connect_core (MobedPipewire *self);

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
}

/* PipeWire went away (stopped, or restarting). Its own socket may still be
 * there (systemd holds it open and starts PipeWire on the next connection),
 * so try at once; if that fails, wait for the socket to come back. */
static gboolean
on_lost (gpointer data)
{
  MobedPipewire *self = data;

  self->lost_id = 0;
  disconnect_core (self);
  update (self);
  if (!self->waiting)
    g_message ("PipeWire went away; mobed connects again when it is back");
  self->waiting = TRUE;
  if (!connect_core (self))
    watch_socket (self);
  return G_SOURCE_REMOVE;
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

/* The server's first word on a connection: it is really there. */
static void
on_core_info (void *data, const struct pw_core_info *info)
{
  MobedPipewire *self = data;

  (void) info;
  if (!self->waiting)
    return;
  self->waiting = FALSE;
  g_message ("PipeWire is here: calls and screen sharing hold breaks");
}

static const struct pw_core_events core_events = {
  PW_VERSION_CORE_EVENTS,
  .info = on_core_info,
  .error = on_core_error,
};

static gboolean
connect_core (MobedPipewire *self)
{
  self->core = pw_context_connect (self->context, NULL, 0);
  if (self->core == NULL)
    return FALSE;
  pw_core_add_listener (self->core, &self->core_listener, &core_events, self);
  self->registry = pw_core_get_registry (self->core, PW_VERSION_REGISTRY, 0);
  pw_registry_add_listener (self->registry, &self->registry_listener, &registry_events, self);
  return TRUE;
}

/* Connected, now or already: stops watching for the socket. */
static gboolean
connected_now (MobedPipewire *self)
{
  if (self->core == NULL && !connect_core (self))
    return FALSE;
  g_clear_object (&self->socket_watch);
  return TRUE;
}

static gboolean
on_retry (gpointer data)
{
  MobedPipewire *self = data;

  if (connected_now (self) || self->retries-- == 0)
    {
      self->retry_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_socket_event (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                 gpointer data)
{
  MobedPipewire *self = data;
  g_autofree char *path = g_file_get_path (file);

  (void) monitor;
  (void) other;
  if (event != G_FILE_MONITOR_EVENT_CREATED || g_strcmp0 (path, self->socket_path) != 0)
    return;
  if (connected_now (self))
    return;
  /* The socket file exists from bind(), a moment before PipeWire listens
   * on it: a refused first try is followed by a few more, and that is
   * all the retrying there is, once each time the socket appears. */
  self->retries = RETRIES;
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (RETRY_MS, on_retry, self);
}

/* Watches the socket's directory (not a timer) for the socket to appear. */
static void
watch_socket (MobedPipewire *self)
{
  g_autoptr(GFile) socket = g_file_new_for_path (self->socket_path);
  g_autoptr(GFile) dir = g_file_get_parent (socket);
  g_autoptr(GError) error = NULL;

  if (self->socket_watch != NULL || dir == NULL)
    return;
  self->socket_watch = g_file_monitor_directory (dir, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->socket_watch == NULL)
    {
      g_debug ("Cannot watch for PipeWire's socket: %s", error->message);
      return;
    }
  g_signal_connect (self->socket_watch, "changed", G_CALLBACK (on_socket_event), self);
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

MobedPipewire *
mobed_pipewire_new (void (*changed) (gpointer user_data), gpointer user_data)
{
  MobedPipewire *self = g_new0 (MobedPipewire, 1);

  self->changed = changed;
  self->user_data = user_data;
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_free);
  self->socket_path = socket_path ();
  pw_init (NULL, NULL);
  self->loop = pw_loop_new (NULL);
  if (self->loop == NULL)
    {
      g_message ("PipeWire: cannot make its loop (%s); calls and screen sharing are not seen",
                 g_strerror (errno));
      return self;
    }
  self->context = pw_context_new (self->loop, NULL, 0);
  if (self->context == NULL)
    {
      g_message ("PipeWire: cannot set up (%s); calls and screen sharing are not seen",
                 g_strerror (errno));
      return self;
    }
  self->source = g_unix_fd_source_new (pw_loop_get_fd (self->loop), G_IO_IN);
  g_source_set_callback (self->source, G_SOURCE_FUNC (dispatch_loop), self, NULL);
  g_source_set_static_name (self->source, "mobed pipewire");
  g_source_attach (self->source, NULL);
  if (!connect_core (self))
    {
      g_message ("No PipeWire at %s: calls and screen sharing are not seen until it starts",
                 self->socket_path);
      self->waiting = TRUE;
      watch_socket (self);
    }
  return self;
}

void
mobed_pipewire_free (MobedPipewire *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->lost_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->socket_watch);
  disconnect_core (self);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  g_clear_pointer (&self->context, pw_context_destroy);
  g_clear_pointer (&self->loop, pw_loop_destroy);
  pw_deinit ();
  g_free (self->microphone_app);
  g_free (self->socket_path);
  g_free (self);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pw-screencast.c — a stand-in for a compositor's screencast and for the
 * application that shows it, for tests/integration/test_pipewire.py. No
 * PipeWire tool makes or consumes video, so this does:
 *
 *   pw-screencast source NAME [CLASS]
 *       an output video stream named NAME, as the compositors make theirs
 *       (see daemon/hold/pipewire.c): without CLASS libpipewire calls it
 *       Stream/Output/Video (mutter, kwin); with CLASS "Video/Source" it is
 *       xdg-desktop-portal-wlr's shape. Prints its node id once it has one.
 *   pw-screencast watch ID
 *       a video capture stream linked to node ID, as a browser sharing the
 *       screen would be.
 *
 * Both run until SIGTERM or SIGINT. Frames are never sent: a node runs as
 * soon as it is linked, which is all mobed looks at.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pipewire/pipewire.h>
#include <spa/param/video/format-utils.h>

typedef struct {
  struct pw_main_loop *loop;
  struct pw_stream    *stream;
  struct spa_hook      listener;
  int                  printed;
} Tool;

static void
on_state (void *data, enum pw_stream_state old, enum pw_stream_state state, const char *error)
{
  Tool *tool = data;

  (void) old;
  if (state == PW_STREAM_STATE_ERROR)
    {
      fprintf (stderr, "pw-screencast: %s\n", error != NULL ? error : "stream error");
      pw_main_loop_quit (tool->loop);
    }
  if (state == PW_STREAM_STATE_PAUSED && !tool->printed)
    {
      /* The test reads this line to know the node exists. */
      printf ("%u\n", pw_stream_get_node_id (tool->stream));
      fflush (stdout);
      tool->printed = 1;
    }
}

static const struct pw_stream_events stream_events = {
  PW_VERSION_STREAM_EVENTS,
  .state_changed = on_state,
};

static void
on_signal (void *data, int signal_number)
{
  Tool *tool = data;

  (void) signal_number;
  pw_main_loop_quit (tool->loop);
}

static int
usage (void)
{
  fprintf (stderr, "usage: pw-screencast source NAME [CLASS] | watch ID\n");
  return 2;
}

int
main (int argc, char **argv)
{
  Tool tool = { 0 };
  uint8_t buffer[1024];
  struct spa_pod_builder b = SPA_POD_BUILDER_INIT (buffer, sizeof buffer);
  const struct spa_pod *params[1];
  struct pw_properties *props;
  struct pw_loop *loop;
  int source;
  uint32_t target = PW_ID_ANY;

  if (argc < 3)
    return usage ();
  source = strcmp (argv[1], "source") == 0;
  if (!source && strcmp (argv[1], "watch") != 0)
    return usage ();
  pw_init (&argc, &argv);
  tool.loop = pw_main_loop_new (NULL);
  loop = pw_main_loop_get_loop (tool.loop);
  pw_loop_add_signal (loop, SIGINT, on_signal, &tool);
  pw_loop_add_signal (loop, SIGTERM, on_signal, &tool);

  props = pw_properties_new (PW_KEY_MEDIA_TYPE, "Video", NULL);
  if (source && argc > 3)
    pw_properties_set (props, PW_KEY_MEDIA_CLASS, argv[3]);
  if (!source)
    {
      target = (uint32_t) strtoul (argv[2], NULL, 10);
      pw_properties_set (props, PW_KEY_MEDIA_CATEGORY, "Capture");
      pw_properties_set (props, PW_KEY_APP_NAME, "pw-screencast viewer");
    }
  tool.stream = pw_stream_new_simple (loop, source ? argv[2] : "screencast viewer", props,
                                      &stream_events, &tool);
  /* One fixed small raw format: the two ends agree on it at once. */
  params[0] = spa_pod_builder_add_object (&b,
      SPA_TYPE_OBJECT_Format, SPA_PARAM_EnumFormat,
      SPA_FORMAT_mediaType, SPA_POD_Id (SPA_MEDIA_TYPE_video),
      SPA_FORMAT_mediaSubtype, SPA_POD_Id (SPA_MEDIA_SUBTYPE_raw),
      SPA_FORMAT_VIDEO_format, SPA_POD_Id (SPA_VIDEO_FORMAT_BGRx),
      SPA_FORMAT_VIDEO_size, SPA_POD_Rectangle (&SPA_RECTANGLE (64, 64)),
      SPA_FORMAT_VIDEO_framerate, SPA_POD_Fraction (&SPA_FRACTION (0, 1)));
  if (pw_stream_connect (tool.stream, source ? PW_DIRECTION_OUTPUT : PW_DIRECTION_INPUT,
                         target,
                         source ? PW_STREAM_FLAG_DRIVER | PW_STREAM_FLAG_MAP_BUFFERS
                                : PW_STREAM_FLAG_AUTOCONNECT | PW_STREAM_FLAG_MAP_BUFFERS,
                         params, 1) < 0)
    {
      fprintf (stderr, "pw-screencast: cannot connect the stream\n");
      return 1;
    }
  pw_main_loop_run (tool.loop);
  pw_stream_destroy (tool.stream);
  pw_main_loop_destroy (tool.loop);
  pw_deinit ();
  return 0;
}

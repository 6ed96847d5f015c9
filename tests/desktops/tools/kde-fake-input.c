// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * kde-fake-input — real input for the KDE part of mobed's desktop suite
 * (tests/desktops/test_kde.py). It connects to KWin as a Wayland client and
 * sends pointer and keyboard events through KWin's org_kde_kwin_fake_input
 * protocol, which KWin feeds into its input pipeline like a device's events:
 * the idle notifier sees them, windows under the pointer get the clicks.
 *
 * Usage: kde-fake-input COMMAND... with the commands run in order:
 *   move DX DY     move the pointer by DX, DY (logical pixels)
 *   moveto X Y     put the pointer at X, Y (needs protocol version 3)
 *   click BUTTON   press and release left, right or middle
 *   key KEYCODE    press and release a Linux evdev key code (version 4)
 * Each command waits for KWin to have handled it (a round trip) before the
 * next. Exit status 0 on success, 1 on a usage error, 2 when KWin or the
 * protocol is missing or too old for a command.
 *
 * kde-fake-input - stays connected and reads commands from its input, one
 * command a line, answering each line with "ok" or "error: ..." on its
 * output, until end of input. Use this: KWin's virtual backend has no input
 * devices, and only while a fake input client is connected does the seat
 * have a pointer; each client connecting and leaving makes the programs
 * bind and drop their wl_pointer, and events sent before a program has
 * bound it are lost to that program.
 */

#include <linux/input-event-codes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wayland-client.h>

#include "fake-input-client-protocol.h"

static struct org_kde_kwin_fake_input *fake_input;
static uint32_t fake_input_version;

static void
on_global (void *data, struct wl_registry *registry, uint32_t name,
           const char *interface, uint32_t version)
{
  if (strcmp (interface, org_kde_kwin_fake_input_interface.name) != 0)
    return;
  fake_input_version = version < 4 ? version : 4;
  fake_input = wl_registry_bind (registry, name, &org_kde_kwin_fake_input_interface,
                                 fake_input_version);
}

static void
on_global_remove (void *data, struct wl_registry *registry, uint32_t name)
{
}

static const struct wl_registry_listener registry_listener = {
  .global = on_global,
  .global_remove = on_global_remove,
};

static int
parse_number (const char *text, double *out)
{
  char *end;
  *out = strtod (text, &end);
  return end != text && *end == '\0';
}

static int
button_code (const char *name, uint32_t *code)
{
  if (strcmp (name, "left") == 0)
    *code = BTN_LEFT;
  else if (strcmp (name, "right") == 0)
    *code = BTN_RIGHT;
  else if (strcmp (name, "middle") == 0)
    *code = BTN_MIDDLE;
  else
    return 0;
  return 1;
}

static int
usage (void)
{
  fprintf (stderr, "usage: kde-fake-input {move DX DY | moveto X Y | click left|right|middle"
                   " | key KEYCODE}...\n       kde-fake-input -   (commands on stdin)\n");
  return 1;
}

/* Runs the commands in words[0..n); 0, or the exit status of the failure. */
static int
run_commands (struct wl_display *display, int n, char **words)
{
  for (int i = 0; i < n; i++)
    {
      const char *cmd = words[i];
      double x, y;
      uint32_t code;
      if (strcmp (cmd, "move") == 0 || strcmp (cmd, "moveto") == 0)
        {
          if (i + 2 >= n || !parse_number (words[i + 1], &x) || !parse_number (words[i + 2], &y))
            return usage ();
          i += 2;
          if (cmd[4] == '\0')
            org_kde_kwin_fake_input_pointer_motion (fake_input, wl_fixed_from_double (x),
                                                    wl_fixed_from_double (y));
          else if (fake_input_version >= 3)
            org_kde_kwin_fake_input_pointer_motion_absolute (fake_input, wl_fixed_from_double (x),
                                                             wl_fixed_from_double (y));
          else
            {
              fprintf (stderr, "kde-fake-input: moveto needs fake_input version 3 (have %u)\n",
                       fake_input_version);
              return 2;
            }
        }
      else if (strcmp (cmd, "click") == 0)
        {
          if (i + 1 >= n || !button_code (words[i + 1], &code))
            return usage ();
          i += 1;
          org_kde_kwin_fake_input_button (fake_input, code, WL_POINTER_BUTTON_STATE_PRESSED);
          wl_display_roundtrip (display);
          org_kde_kwin_fake_input_button (fake_input, code, WL_POINTER_BUTTON_STATE_RELEASED);
        }
      else if (strcmp (cmd, "key") == 0)
        {
          if (i + 1 >= n || !parse_number (words[i + 1], &x) || x < 1 || x > 0xffff)
            return usage ();
          i += 1;
          if (fake_input_version < 4)
            {
              fprintf (stderr, "kde-fake-input: key needs fake_input version 4 (have %u)\n",
                       fake_input_version);
              return 2;
            }
          org_kde_kwin_fake_input_keyboard_key (fake_input, (uint32_t) x,
                                                WL_KEYBOARD_KEY_STATE_PRESSED);
          wl_display_roundtrip (display);
          org_kde_kwin_fake_input_keyboard_key (fake_input, (uint32_t) x,
                                                WL_KEYBOARD_KEY_STATE_RELEASED);
        }
      else
        return usage ();
      if (wl_display_roundtrip (display) < 0)
        {
          fprintf (stderr, "kde-fake-input: lost the Wayland connection\n");
          return 2;
        }
    }
  return 0;
}

/* Commands from stdin, a line each, each answered on stdout. */
static int
serve (struct wl_display *display)
{
  char line[512];

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("ready\n");
  while (fgets (line, sizeof line, stdin) != NULL)
    {
      char *words[16];
      int n = 0;
      for (char *w = strtok (line, " \t\n"); w != NULL && n < 16; w = strtok (NULL, " \t\n"))
        words[n++] = w;
      int status = run_commands (display, n, words);
      if (status == 2)
        return 2;
      printf (status == 0 ? "ok\n" : "error: bad command\n");
    }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    return usage ();
  struct wl_display *display = wl_display_connect (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "kde-fake-input: cannot connect to the Wayland display\n");
      return 2;
    }
  struct wl_registry *registry = wl_display_get_registry (display);
  wl_registry_add_listener (registry, &registry_listener, NULL);
  wl_display_roundtrip (display);
  if (fake_input == NULL)
    {
      fprintf (stderr, "kde-fake-input: the compositor offers no org_kde_kwin_fake_input\n");
      return 2;
    }
  // KWin ignores every request of a client that has not said who it is.
  org_kde_kwin_fake_input_authenticate (fake_input, "mobed desktop tests",
                                        "drive KDE Plasma with real input in a test session");
  wl_display_roundtrip (display);

  int status = strcmp (argv[1], "-") == 0 && argc == 2
               ? serve (display) : run_commands (display, argc - 1, argv + 1);

  org_kde_kwin_fake_input_destroy (fake_input);
  wl_registry_destroy (registry);
  wl_display_disconnect (display);
  return status;
}

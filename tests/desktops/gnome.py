# SPDX-License-Identifier: GPL-3.0-or-later
"""gnome.py — GNOME Shell 43 for the desktop suite: the real shell started
headless on a virtual monitor, real input through Mutter's RemoteDesktop,
screenshots through org.gnome.Shell.Screenshot, and small readers of the
shell's own state.

The shell runs with --unsafe-mode (a hidden option of Mutter 43) so that
org.gnome.Shell.Eval answers: GNOME 41 and later evaluate nothing
otherwise. Eval is used only to READ what GNOME shows (is a banner up,
with which buttons where, is the notification in the date menu's list,
where is the pointer); every action on the shell is real pointer or
keyboard input, or a settings change through the gsettings command.

Settings: the keyfile GSettings backend under the test's XDG_CONFIG_HOME,
shared by the shell, mobed and the gsettings command through the same
environment (GSETTINGS_BACKEND=keyfile), so nothing needs dconf-service
on the bus. The session bus activates only GNOME's notification helper
(gjs, org.gnome.Shell.Notifications), which the shell asks the bus to
start; it and anything else activated for this test is killed at cleanup,
found by the HOME in its environment.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktoptest import MOBECTL_BIN, MOBED_BIN, SLOWDOWN, DesktopTestCase, GLib

WIDTH, HEIGHT = 1280, 800

SHELL_NAME = 'org.gnome.Shell'
SHELL_PATH = '/org/gnome/Shell'
REMOTE_NAME = 'org.gnome.Mutter.RemoteDesktop'
REMOTE_PATH = '/org/gnome/Mutter/RemoteDesktop'
REMOTE_SESSION_IFACE = 'org.gnome.Mutter.RemoteDesktop.Session'
NOTIFICATIONS_SCHEMA = 'org.gnome.desktop.notifications'
APP_SCHEMA = 'org.gnome.desktop.notifications.application'
APP_PATH = '/org/gnome/desktop/notifications/application/mobed/'

BTN_LEFT = 0x110
KEY_ESCAPE = 0xff1b

# What GNOME's notification helper needs to be activated, and nothing else.
NOTIFICATIONS_SERVICE = """[D-BUS Service]
Name=org.gnome.Shell.Notifications
Exec=/usr/bin/gjs /usr/share/gnome-shell/org.gnome.Shell.Notifications
"""

# Settings in place before the shell starts: no animations (banners appear
# and leave at once, so positions read are where they stay).
INITIAL_SETTINGS = {
    'org/gnome/desktop/interface': {'enable-animations': 'false'},
    # No welcome dialog over the screen.
    'org/gnome/shell': {'welcome-dialog-last-shown-version': "'999'"},
}

# -- JavaScript run in the shell (read only) ------------------------------

# An actor's box on the stage, in pixels (null coordinates while it has
# none: not mapped, or not laid out yet).
JS_BOX = """(a) => {
    const [x, y] = a.get_transformed_position();
    const [w, h] = a.get_transformed_size();
    return {x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(h)};
  }"""

# The banner on screen (fully shown: messageTray's State.SHOWN): its
# notification's title, body and time stamp (set by each Notify, so it
# tells the break shown again from the banner before), whether hovered and
# expanded, its box and its buttons' boxes, its icon (as a string: a
# picture's URI) and the icon's box; null when no banner is up.
JS_BANNER = """(() => {
  const tray = Main.messageTray;
  const banner = tray._banner;
  if (!banner || !tray.visible || tray._notificationState !== 2 /* SHOWN */) return null;
  const box = """ + JS_BOX + """;
  const buttons = [];
  if (banner._buttonBox)
    for (const b of banner._buttonBox.get_children())
      buttons.push(Object.assign({label: b.label, mapped: b.mapped}, box(b)));
  const n = banner.notification;
  return {title: n.title, body: n.bannerBodyText,
          stamp: n.datetime.to_unix() * 1e6 + n.datetime.get_microsecond(),
          expanded: banner.expanded,
          hovered: tray._pointerInNotification, acknowledged: banner.notification.acknowledged,
          box: box(banner), buttons,
          gicon: n.gicon ? n.gicon.to_string() : null,
          icon: banner._iconBin ? box(banner._iconBin) : null};
})()"""

# Every notification GNOME holds (on a banner, queued for one, or only in
# the date menu's list), by source: title, time stamp, acknowledged (GNOME
# shows no banner for an acknowledged one), urgency (messageTray's: 1
# normal, 3 critical), the number of actions.
JS_NOTIFICATIONS = """(() => {
  const out = [];
  for (const source of Main.messageTray.getSources())
    for (const n of source.notifications)
      out.push({source: source.title, app: source.app ? source.app.get_id() : null,
                title: n.title, stamp: n.datetime.to_unix() * 1e6 + n.datetime.get_microsecond(),
                acknowledged: n.acknowledged, urgency: n.urgency,
                actions: n.actions.length});
  return out;
})()"""

JS_QUEUE = 'Main.messageTray._notificationQueue.map(n => n.title)'
JS_POINTER = 'global.get_pointer().slice(0, 2)'

# The date menu's clock button, and, while the menu is open, its list
# entries (title and box) and the Do Not Disturb switch's box.
JS_DATE_MENU = """(() => {
  const dm = Main.panel.statusArea.dateMenu;
  const box = """ + JS_BOX + """;
  const list = dm._messageList;
  const entries = [];
  for (const section of list._sectionList.get_children())
    for (const m of (section._messages || []))
      if (m.notification)
        entries.push(Object.assign({title: m.notification.title, mapped: m.mapped,
                                    stamp: m.notification.datetime.to_unix() * 1e6 +
                                           m.notification.datetime.get_microsecond()},
                                   box(m)));
  return {open: dm.menu.isOpen, clock: box(dm), entries,
          dnd: list._dndSwitch ? Object.assign({state: list._dndSwitch.state,
                                                mapped: list._dndSwitch.mapped},
                                               box(list._dndButton || list._dndSwitch)) : null};
})()"""


def centre(box):
    return box['x'] + box['w'] // 2, box['y'] + box['h'] // 2


class GnomeCase(DesktopTestCase):
    """GNOME Shell 43 on a 1280x800 virtual monitor, mobed started after
    it (the harness's start_mobed)."""

    shell = 'gnome'
    logind = True

    # -- fixture --------------------------------------------------------

    def _make_env(self):
        env = super()._make_env()
        env.update(XDG_CURRENT_DESKTOP='GNOME', XDG_SESSION_TYPE='wayland',
                   XDG_SESSION_DESKTOP='gnome', GSETTINGS_BACKEND='keyfile')
        keyfile = self.tmp / 'config' / 'glib-2.0' / 'settings' / 'keyfile'
        keyfile.parent.mkdir(parents=True)
        keyfile.write_text(''.join(
            f'[{group}]\n' + ''.join(f'{k}={v}\n' for k, v in keys.items()) + '\n'
            for group, keys in INITIAL_SETTINGS.items()))
        # GNOME knows mobed's notifications as the app of mobed.desktop only
        # if GLib accepts that entry, which it does only when its Exec is a
        # program on PATH (as installed); otherwise GNOME uses its generic
        # policy and ignores mobed's own notification settings.
        # The `mobed` there notes each start in a file: only GNOME starts
        # mobed through PATH (the harness runs MOBED_BIN itself), and a
        # second mobed lives only a moment (it finds the first on the bus).
        bin_dir = self.tmp / 'bin'
        bin_dir.mkdir()
        self.launches = self.tmp / 'mobed-launches'
        wrapper = bin_dir / 'mobed'
        wrapper.write_text(f'#!/bin/sh\necho "$$ $*" >> {self.launches}\n'
                           f'exec {os.path.abspath(MOBED_BIN)} "$@"\n')
        wrapper.chmod(0o755)
        (bin_dir / 'mobectl').symlink_to(os.path.abspath(MOBECTL_BIN))
        env['PATH'] = f'{bin_dir}:{env.get("PATH", "/usr/bin:/bin")}'
        # GNOME's own notification "Screen Lock disabled" (no GDM here)
        # comes once per user; this one has had it.
        shell_data = self.tmp / 'data' / 'gnome-shell'
        shell_data.mkdir()
        (shell_data / 'lock-warning-shown').touch()
        return env

    def start_session_bus(self):
        services = self.tmp / 'bus' / 'services'
        services.mkdir(parents=True, exist_ok=True)
        (services / 'org.gnome.Shell.Notifications.service').write_text(NOTIFICATIONS_SERVICE)
        return super().start_session_bus()

    def start_desktop(self):
        # Runs after the shell has been stopped (cleanups run last first).
        self.addCleanup(self.kill_strays)
        # Rarely (once in some dozens of starts, on a loaded machine) the
        # shell hangs while starting; its threads' stacks go to the log
        # (with gdb, if installed) and a second shell is started.
        for attempt in (1, 2):
            self.gnome_shell = self._spawn_shell()
            if self._shell_started(timeout=30):
                break
            self._note_hang(attempt)
        else:
            self.fail('gnome-shell never finished starting (twice)')
        self.wait_owner(self.bus, 'org.freedesktop.Notifications', self.gnome_shell,
                        'GNOME\'s notification helper', timeout=60)
        # mobed inherits the session's display, as in a real session.
        sockets = sorted((p for p in (self.tmp / 'runtime').glob('wayland-*')
                          if p.is_socket()), key=lambda p: p.stat().st_mtime)
        self.assertTrue(sockets, 'gnome-shell made no Wayland socket')
        self.env['WAYLAND_DISPLAY'] = sockets[-1].name
        self.remote = None

    def _spawn_shell(self):
        # Not with G_DEBUG=fatal-criticals: GNOME 43 logs criticals of its
        # own in ordinary use (clutter_seat_get_pointer on a banner's hover).
        env = {k: v for k, v in self.env.items() if k != 'G_DEBUG'}
        return self.spawn('gnome-shell', [
            'gnome-shell', '--headless', '--wayland', '--no-x11', '--unsafe-mode',
            '--virtual-monitor', f'{WIDTH}x{HEIGHT}'], env=env)

    def _shell_started(self, timeout):
        """Whether the shell's UI is up within @timeout s (Eval answers
        once it is)."""
        deadline = time.monotonic() + timeout * SLOWDOWN
        while time.monotonic() < deadline:
            if self.gnome_shell.poll() is not None:
                self.fail(f'gnome-shell exited with {self.gnome_shell.returncode} while starting')
            if self._eval_raw('Main.layoutManager.primaryMonitor !== null &&'
                              ' !Main.layoutManager._startingUp') == (True, 'true'):
                return True
            time.sleep(0.05)
        return False

    def _note_hang(self, attempt):
        pid = self.gnome_shell.pid
        sys.stderr.write(f'gnome-shell {pid} hung while starting (attempt {attempt})\n')
        log = self.logs[-1][1]
        with open(log, 'ab') as out:
            out.write(b'\n----- hung while starting; threads -----\n')
            for task in sorted(Path(f'/proc/{pid}/task').glob('*')):
                try:
                    out.write(f'{task.name} {(task / "comm").read_text().strip()} '
                              f'{(task / "wchan").read_text()}\n'.encode())
                except OSError:
                    pass
            out.flush()
            if shutil.which('gdb'):
                subprocess.run(['gdb', '-p', str(pid), '-batch', '-ex', 'thread apply all bt 30'],
                               stdout=out, stderr=subprocess.STDOUT, timeout=60, check=False)
        self.stop(self.gnome_shell, signal.SIGKILL)
        self.kill_strays()

    def kill_strays(self):
        """Kills what was started for this test and is not a child the
        harness stops (by pid, itself): the bus-activated notification
        helper and the like, known by the HOME in their environment."""
        for pid in self.session_processes():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def mobed_launches(self):
        """Starts of mobed through PATH (as from its desktop entry)."""
        return self.launches.read_text().splitlines() if self.launches.exists() else []

    # -- settings -------------------------------------------------------

    def gsettings(self, *args):
        """The gsettings command with the shared backend."""
        return self.run_tool('gsettings', *args).stdout.strip()

    def set_show_banners(self, on):
        self.gsettings('set', NOTIFICATIONS_SCHEMA, 'show-banners', 'true' if on else 'false')

    def set_app_key(self, key, on):
        """mobed's own switch in GNOME's notification settings."""
        self.gsettings('set', f'{APP_SCHEMA}:{APP_PATH}', key, 'true' if on else 'false')

    # -- reading the shell ------------------------------------------------

    def wait_until(self, cond, timeout, describe):
        """eventually(), failing with the message @describe() gives when it
        fails: what the shell shows then, not when the wait began."""
        return self.eventually(cond, timeout, describe)

    def _eval_raw(self, code):
        try:
            return self.call(self.bus, SHELL_NAME, SHELL_PATH, SHELL_NAME, 'Eval',
                             GLib.Variant('(s)', (code,)))
        except GLib.Error:
            return (False, '')

    def shell_eval(self, code):
        """The value of @code evaluated in the shell (JSON-decoded)."""
        ok, out = self._eval_raw(code)
        self.assertTrue(ok, f'Eval failed: {out}\n{code}')
        return json.loads(out) if out else None

    def banner(self):
        """The banner GNOME shows now (dict, see JS_BANNER), or None."""
        return self.shell_eval(JS_BANNER)

    def gnome_notifications(self):
        """Every notification GNOME holds (banner, queue or list)."""
        return self.shell_eval(JS_NOTIFICATIONS)

    def banner_queue(self):
        return self.shell_eval(JS_QUEUE)

    def pointer(self):
        return tuple(self.shell_eval(JS_POINTER))

    def date_menu(self):
        return self.shell_eval(JS_DATE_MENU)

    def wait_banner(self, title=None, timeout=15):
        """Waits for a banner (with @title, if given); returns it."""
        def shown():
            b = self.banner()
            return b if b is not None and title in (None, b['title']) else None
        return self.wait_until(shown, timeout,
                               lambda: f'no banner {title!r} within {timeout} s '
                               f'(banner: {self.banner()}, queue: {self.banner_queue()}, '
                               f'notifications: {self.gnome_notifications()})')

    def wait_no_banner(self, timeout=20):
        self.wait_until(lambda: self.banner() is None, timeout,
                        lambda: f'the banner stayed up: {self.banner()}')

    # -- real input -----------------------------------------------------

    def remote_session(self):
        """A started RemoteDesktop session (one per test)."""
        if self.remote is None:
            path = self.call(self.bus, REMOTE_NAME, REMOTE_PATH, REMOTE_NAME,
                             'CreateSession')[0]
            self.remote = path
            self.remote_call('Start')
            self.addCleanup(self._stop_remote)
        return self.remote

    def _stop_remote(self):
        try:
            self.remote_call('Stop')
        except GLib.Error:
            pass

    def remote_call(self, method, args=None):
        return self.call(self.bus, REMOTE_NAME, self.remote, REMOTE_SESSION_IFACE, method, args)

    def move_by(self, dx, dy):
        self.remote_session()
        self.remote_call('NotifyPointerMotionRelative', GLib.Variant('(dd)', (dx, dy)))

    def move_to(self, x, y):
        """Moves the real pointer to (@x, @y) with relative motion, checked
        against where the shell says the pointer is (a move is applied a
        moment after it is sent)."""
        for _ in range(5):
            start = self.pointer()
            if start == (x, y):
                return
            self.move_by(x - start[0], y - start[1])
            until = time.monotonic() + 2 * SLOWDOWN
            while self.pointer() == start and time.monotonic() < until:
                time.sleep(0.02)
        self.assertEqual(self.pointer(), (x, y), 'the pointer did not get there')

    def park_pointer(self):
        """The pointer to the bottom right, far from the hot corner and the
        banner."""
        self.move_to(WIDTH - 40, HEIGHT - 40)

    def click(self, x, y, button=BTN_LEFT):
        self.move_to(x, y)
        self.remote_call('NotifyPointerButton', GLib.Variant('(ib)', (button, True)))
        self.remote_call('NotifyPointerButton', GLib.Variant('(ib)', (button, False)))

    def key(self, keysym):
        self.remote_session()
        self.remote_call('NotifyKeyboardKeysym', GLib.Variant('(ub)', (keysym, True)))
        self.remote_call('NotifyKeyboardKeysym', GLib.Variant('(ub)', (keysym, False)))

    def wiggle(self):
        """Real user activity that touches nothing."""
        self.move_by(3, 0)
        self.move_by(-3, 0)

    def expanded_banner(self, title=None, timeout=15):
        """Hovers the banner until GNOME expands it; returns it (with its
        buttons where they now are)."""
        b = self.wait_banner(title, timeout=timeout)
        x, y = centre(b['box'])
        # The hover must start outside: a banner that pops up under the
        # pointer does not expand.
        if self.pointer()[1] < b['box']['y'] + b['box']['h']:
            self.park_pointer()
        self.move_to(x, b['box']['y'] + 20)
        def settled():
            # GNOME says "expanded" a frame before its layout follows: the
            # banner must have grown round its buttons, and stayed so.
            c = self.banner()
            if not (c and c['expanded'] and c['buttons']):
                return None
            bottom = c['box']['y'] + c['box']['h']
            if not all(x['mapped'] and x['x'] is not None and x['w'] and
                       c['box']['y'] < x['y'] and x['y'] + x['h'] <= bottom
                       for x in c['buttons']):
                return None
            time.sleep(0.1)
            return c if self.banner() == c else None
        return self.wait_until(settled, 10, lambda: f'the banner never expanded: {self.banner()}')

    def click_button(self, label, title=None):
        """A real click on the banner's button @label."""
        b = self.expanded_banner(title)
        button = next((x for x in b['buttons'] if x['label'] == label), None)
        self.assertIsNotNone(button, f'no button {label!r} on the banner: {b}')
        self.transcript.append(f'click {label!r} of {b}')
        self.click(*centre(button))
        self.transcript.append(f'after: pointer {self.pointer()}, banner {self.banner()}')

    def click_body(self, title=None):
        """A real click on the banner's body (its title line)."""
        b = self.wait_banner(title)
        self.click(b['box']['x'] + b['box']['w'] // 2, b['box']['y'] + 20)

    def open_date_menu(self):
        """A real click on the clock; waits until the menu is open and laid
        out (its entries and switch placed, and staying so)."""
        if not self.date_menu()['open']:
            self.click(*centre(self.date_menu()['clock']))

        def settled():
            m = self.date_menu()
            placed = m['open'] and m['dnd'] and m['dnd']['mapped'] and m['dnd']['w'] and all(
                e['x'] is not None and e['w'] for e in m['entries'] if e['mapped'])
            if not placed:
                return None
            time.sleep(0.1)
            return m if self.date_menu() == m else None
        return self.wait_until(settled, 5,
                               lambda: f'the date menu did not open: {self.date_menu()}')

    def close_date_menu(self):
        """A real Escape; waits until the menu is closed."""
        self.key(KEY_ESCAPE)
        self.eventually(lambda: not self.date_menu()['open'], 5, 'the date menu stayed open')

    # -- screenshots ----------------------------------------------------

    def screenshot(self, what):
        """A screenshot through GNOME's own service, checked for size and
        content; returns its path."""
        path = self.screenshot_path(what)
        if path.exists():
            path.unlink()
        if not getattr(self, '_owns_screenshot_name', False):
            # The service answers only callers owning one of a few names.
            reply = self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'RequestName',
                              GLib.Variant('(su)', ('org.gnome.Screenshot', 4)))
            self.assertEqual(reply[0], 1, 'could not own org.gnome.Screenshot')
            self._owns_screenshot_name = True
        ok, _ = self.call(self.bus, SHELL_NAME, '/org/gnome/Shell/Screenshot',
                          'org.gnome.Shell.Screenshot', 'Screenshot',
                          GLib.Variant('(bbs)', (False, False, str(path))))
        self.assertTrue(ok, 'org.gnome.Shell.Screenshot failed')
        self.check_screenshot(path, WIDTH, HEIGHT)
        return path



# SPDX-License-Identifier: GPL-3.0-or-later
"""sway.py — sway 1.7 with mako for the desktop suite: the real compositor
started headless (wlroots' headless backend, pixman renderer, one output),
mako started by sway's own config as in a user's session, real input
through sway's IPC (`swaymsg seat seat0 cursor move`), screenshots with
grim, and readers of what mako itself holds (`makoctl list`, whose JSON
is what mako answers on fr.emersion.Mako).

sway refuses to run as root, so everything of the session (the bus, sway,
mako, mobed and the tools that talk to them) runs as nobody (`user =
NOBODY`); the test itself stays root and reads /proc to find what sway
started.

mobed gets the environment sway gives the programs it starts: the config
has sway write its children's environment to a file, and the variables
sway put there (WAYLAND_DISPLAY, SWAYSOCK, I3SOCK and, with Xwayland,
DISPLAY) are copied into mobed's. sway 1.7 sets neither XDG_SESSION_TYPE
nor XDG_CURRENT_DESKTOP; a display manager does, from the session file,
so sway is started with them as a display manager would start it.
"""

import json
import os
import shutil
import socket
import time
from pathlib import Path

from desktoptest import NOBODY, NOTIFY_NAME, SLOWDOWN, DesktopTestCase, Gio, GLib

WIDTH, HEIGHT = 1280, 720        # wlroots' headless output

# mako 1.7's default border colour. Its default maximum height is 100 px;
# text that does not fit is cut (with an ellipsis if cut inside a line).
MAKO_BORDER = (0x4c, 0x78, 0x99)

# What sway gives the programs it starts and mobed must have too.
SWAY_SETS = ('WAYLAND_DISPLAY', 'SWAYSOCK', 'I3SOCK', 'DISPLAY')

# Notifications of this app name (the test's own) get room to spare.
UNCUT_APP = 'uncut'

MAKO_CONFIG = f"""\
[app-name={UNCUT_APP}]
height=1000

# The usual way to have do-not-disturb in mako: a mode that hides everything.
[mode=do-not-disturb]
invisible=1
"""

SWAY_CONFIG = """\
xwayland {xwayland}
exec env > {env_file}.part && mv {env_file}.part {env_file}
exec mako
"""


class SwayTestCase(DesktopTestCase):
    """Starts sway (with or without Xwayland) and mako for each test."""

    shell = 'sway'
    user = NOBODY
    xwayland = False
    sway_config_extra = ''       # more lines for sway's config (a bar, say)

    def start_desktop(self):
        # Runs after sway and everything it started are stopped: anything
        # of this session still alive (mako, a lazily started Xwayland,
        # the shells sway's `exec` leaves) carries this test's HOME.
        self.idle_sources = []
        self.bus.signal_subscribe(None, 'org.freedesktop.DBus.Properties', 'PropertiesChanged',
                                  '/org/mobed/Daemon', None, Gio.DBusSignalFlags.NONE,
                                  self._on_mobed_properties)

        config_home = Path(self.env['XDG_CONFIG_HOME'])
        env_file = Path(self.env['XDG_RUNTIME_DIR']) / 'sway-children.env'
        for sub, name, text in (
                ('mako', 'config', MAKO_CONFIG),
                ('sway', 'config', SWAY_CONFIG.format(
                    xwayland='enable' if self.xwayland else 'disable', env_file=env_file)
                 + self.sway_config_extra)):
            (config_home / sub).mkdir(exist_ok=True)
            (config_home / sub / name).write_text(text)
            os.chown(config_home / sub, self.user, self.user)
            os.chown(config_home / sub / name, self.user, self.user)

        if self.xwayland:
            # Xwayland's sockets go there. A real system makes it at boot
            # (systemd-tmpfiles, root's, mode 1777); a fresh container may
            # lack it, and one made by nobody would not be what X expects.
            try:
                os.mkdir('/tmp/.X11-unix')
                os.chmod('/tmp/.X11-unix', 0o1777)
            except FileExistsError:
                pass
        env = dict(self.env, WLR_BACKENDS='headless', WLR_LIBINPUT_NO_DEVICES='1',
                   WLR_RENDERER='pixman', WLR_HEADLESS_OUTPUTS='1',
                   XDG_SESSION_TYPE='wayland', XDG_CURRENT_DESKTOP='sway')
        self.sway = self.spawn('sway', ['sway', '-c', str(config_home / 'sway' / 'config')],
                               env=env)

        def children_env():
            if self.sway.poll() is not None:
                self.fail(f'sway exited with {self.sway.returncode} while starting')
            return env_file.exists() and env_file.read_text()
        text = self.eventually(children_env, 20, 'sway did not run its config\'s exec')
        given = dict(line.split('=', 1) for line in text.splitlines() if '=' in line)
        for var in ('XDG_SESSION_TYPE', 'XDG_CURRENT_DESKTOP', *SWAY_SETS):
            self.env.pop(var, None)
            if var in given:
                self.env[var] = given[var]
        self.assertIn('WAYLAND_DISPLAY', self.env, 'sway gave its children no WAYLAND_DISPLAY')
        self.assertEqual('DISPLAY' in self.env, self.xwayland,
                         f'DISPLAY given by sway with xwayland '
                         f'{"enable" if self.xwayland else "disable"}: {given.get("DISPLAY")}')

        self.wait_owner(self.bus, NOTIFY_NAME, self.sway, 'mako')
        self.assertEqual(Path(f'/proc/{self.owner_pid(NOTIFY_NAME)}/comm')
                         .read_text().strip(), 'mako', f'{NOTIFY_NAME} is not mako\'s')

    def _on_mobed_properties(self, _conn, _sender, _path, _iface, _name, args):
        if args[0] == 'org.mobed.Daemon1' and 'IdleSource' in args[1]:
            self.idle_sources.append(args[1]['IdleSource'])

    # -- processes of the session ----------------------------------------

    def poll(self, cond, timeout):
        """Like eventually(), but None when @timeout s pass: the caller
        then fails with what things look like at that moment."""
        deadline = time.monotonic() + timeout * SLOWDOWN
        while True:
            self.iterate()
            value = cond()
            if value or time.monotonic() > deadline:
                return value or None
            time.sleep(0.05)

    def wait_idle_source(self, want, timeout=10):
        if not self.poll(lambda: self.mobed_property('IdleSource') == want, timeout):
            self.fail(f'IdleSource is {self.mobed_property("IdleSource")!r} after {timeout} s, '
                      f'not {want!r} (sway 1.7 offers org_kde_kwin_idle)')

    # -- input, pictures, mako ------------------------------------------

    def move_pointer(self, dx=5, dy=5):
        """Real pointer motion on sway's seat, as a mouse would make it."""
        self.run_tool('swaymsg', '--', 'seat', 'seat0', 'cursor', 'move', str(dx), str(dy))

    def keep_active(self, until, timeout=20, step=0.3):
        """Moves the pointer back and forth every @step s until until()."""
        sign = [1]

        def moved():
            if until():
                return True
            self.move_pointer(5 * sign[0], 5 * sign[0])
            sign[0] = -sign[0]
            time.sleep(step)
            return until()
        return self.eventually(moved, timeout, 'the condition was not met while the '
                                               'pointer kept moving')

    def grim(self, what):
        """A screenshot of the output with grim, saved as @what; its path."""
        part = Path(self.env['XDG_RUNTIME_DIR']) / f'{what}.png'
        self.run_tool('grim', str(part))
        path = self.screenshot_path(what)
        shutil.copyfile(part, path)
        return path

    def makoctl(self, *args, check=True):
        return self.run_tool('makoctl', *args, check=check)

    def mako_list(self):
        """What mako holds: a list of {key: value} (id, app-name, summary,
        body, actions)."""
        data = json.loads(self.makoctl('list').stdout)['data'][0]
        return [{k: v['data'] for k, v in n.items()} for n in data]

    def mobed_notifications(self):
        return [n for n in self.mako_list() if n['app-name'] == 'mobed']

    def mako_boxes(self, rows):
        """Heights in pixels of the notifications mako draws (borders
        included), top to bottom, read in one column of a screenshot."""
        # mako's defaults: 300 px wide, top right, 10 px from the edges.
        column = [row[WIDTH - 10 - 150] for row in rows]
        heights, top = [], None
        for y, px in enumerate(column):
            if top is None and px == MAKO_BORDER:
                top = y
            elif top is not None and px == column[0]:      # the desktop again
                heights.append(y - top)
                top = None
        return heights

    def notify_uncut(self, summary, body):
        """Shows @summary and @body as a notification of the test's own,
        which mako draws with room to spare; its id."""
        return self.call(self.bus, NOTIFY_NAME, '/org/freedesktop/Notifications',
                         'org.freedesktop.Notifications', 'Notify',
                         GLib.Variant('(susssasa{sv}i)', (UNCUT_APP, 0, '', summary, body,
                                                          [], {}, 0)))[0]

    def connect_x(self):
        """Connects to the X display sway offers and leaves at once, as any
        X client would start: enough for sway to start Xwayland."""
        number = self.env['DISPLAY'].lstrip(':').split('.')[0]
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(f'/tmp/.X11-unix/X{number}')

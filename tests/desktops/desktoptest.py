# SPDX-License-Identifier: GPL-3.0-or-later
"""desktoptest.py — the common ground of the desktop suite: mobed run inside
a real desktop shell (GNOME Shell, KDE Plasma, sway + mako, Xfce's
xfce4-notifyd), headless, in a private session.

Per test: temporary HOME and XDG directories (mobed's desktop entry
installed in their data dir, so shells know the app), a private session
bus that activates nothing but what the test puts in its services
directory, optionally a private system bus carrying python3-dbusmock's
logind (the only stand-in: logind cannot run here), the shell itself (a
subclass's start_desktop()), then the real mobed from the build with a
short interval. Everything a test starts is stopped by pid when it ends;
the logs of every process are printed when it fails (always with
MOBED_TEST_VERBOSE=1). Waiting is on conditions polled with a deadline,
never a fixed sleep; MOBED_TEST_SLOWDOWN scales the deadlines.

Screenshots go to MOBED_E2E_OUTDIR (the build directory), named
desktop-<shell>-<what>.png, to be looked at; check_screenshot() proves one
is the right size and not blank.

A shell whose programs are missing exits 77 (skip), which scripts/test
counts as a failure: scripts/deps installs the `desktops` package set.
What these tests share with the integration and end-to-end tests
(processes, buses, logind, Xvfb, waiting, logs) is tests/common/harness.py.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'common'))

import harness  # noqa: E402
from pngfile import read_png  # noqa: E402,F401  (the desktop tests call desktoptest.read_png)
from harness import (BUS_NAME, IFACE, MOBECTL_BIN, MOBED_BIN, OBJ_PATH,  # noqa: E402,F401
                     SLOWDOWN, SOURCE, Gio, GLib)

HERE = Path(__file__).resolve().parent
BUILD = SOURCE / 'build'
DATA_DIR = Path(os.environ.get('MOBED_DATA_DIR', str(SOURCE / 'data')))
OUTDIR = Path(os.environ.get('MOBED_E2E_OUTDIR', str(BUILD)))

NOTIFY_NAME = 'org.freedesktop.Notifications'
NOTIFY_PATH = '/org/freedesktop/Notifications'

# The unprivileged user for shells that refuse root (sway).
NOBODY = 65534

CONFIG = {
    'schedule': {'interval': '3s', 'snooze': '1m', 'expire-after': '10m',
                 'natural-break': '10m'},
    'notify': {'sound': 'false'},
}


def config_text(config):
    lines = []
    for group, keys in config.items():
        lines.append(f'[{group}]')
        lines.extend(f'{k}={v}' for k, v in keys.items() if v is not None)
        lines.append('')
    return '\n'.join(lines)


def merge(base, overrides):
    out = {g: dict(keys) for g, keys in base.items()}
    for group, keys in (overrides or {}).items():
        out.setdefault(group, {}).update(keys)
    return out


class DesktopTestCase(harness.SessionTestCase):
    """The fixture: start_desktop() is the subclass's; everything else is here."""

    shell = 'desktop'            # names screenshots and logs
    user = None                  # NOBODY: run the bus, the shell and mobed unprivileged
    logind = False               # a private system bus with dbusmock's logind
    mobed_config = {}            # merged over CONFIG
    start_mobed_in_setup = True
    log_tail = 20000

    # -- fixture --------------------------------------------------------

    def setUp(self):
        self.tmp_prefix = f'mobed-{self.shell}-'
        super().setUp()
        self.mobed = None
        self.env = self._make_env()
        # After the processes spawn() started are stopped (cleanups run last
        # to first): what the shell or the bus started in turn.
        self.addCleanup(self.stop_session_processes)
        if self.user is not None:
            os.chmod(self.tmp, 0o755)
            for p in [self.tmp, *self.tmp.rglob('*')]:
                os.chown(p, self.user, self.user)
        if self.logind:
            # The session also as 'auto', which shells use for themselves
            # (real logind resolves it to the caller's session; the mock
            # does not).
            self.start_logind(('c1', 'auto'), self.user)
        self.start_session_bus()
        self.start_desktop()
        if self.start_mobed_in_setup:
            self.mobed = self.start_mobed()

    def start_desktop(self):
        """Starts the shell and sets what mobed must inherit in self.env."""
        raise NotImplementedError

    def tearDown(self):
        if self.mobed is not None:
            rc = self.stop(self.mobed)
            self.assertEqual(rc, 0, f'mobed exited with {rc} on SIGTERM (expected 0)')

    def _make_env(self):
        env = {k: v for k, v in os.environ.items()
               if k not in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS',
                            'DBUS_SYSTEM_BUS_ADDRESS', 'LANGUAGE', 'XAUTHORITY',
                            'SESSION_MANAGER', 'XDG_CURRENT_DESKTOP', 'XDG_SESSION_TYPE',
                            'XDG_SESSION_ID', 'XDG_SESSION_DESKTOP', 'DESKTOP_SESSION',
                            'SWAYSOCK', 'I3SOCK', 'XDG_DATA_DIRS', 'XDG_CONFIG_DIRS')}
        for var, sub in {'XDG_CONFIG_HOME': 'config', 'XDG_STATE_HOME': 'state',
                         'XDG_DATA_HOME': 'data', 'XDG_CACHE_HOME': 'cache',
                         'XDG_RUNTIME_DIR': 'runtime', 'HOME': 'home'}.items():
            (self.tmp / sub).mkdir(mode=0o700)
            env[var] = str(self.tmp / sub)
        # Shells know an app by its desktop entry: mobed's, as installed.
        apps = self.tmp / 'share' / 'applications'
        apps.mkdir(parents=True)
        shutil.copy(DATA_DIR / 'mobed.desktop', apps / 'mobed.desktop')
        # ...and its icon, where the shells' icon themes look.
        icons = self.tmp / 'share' / 'icons' / 'hicolor' / 'scalable' / 'apps'
        icons.mkdir(parents=True)
        shutil.copy(DATA_DIR / 'icons' / 'hicolor' / 'scalable' / 'apps' / 'mobed.svg', icons)
        env['XDG_DATA_DIRS'] = f'{self.tmp / "share"}:/usr/local/share:/usr/share'
        env.update(LC_ALL='C.UTF-8', G_DEBUG='fatal-criticals', G_MESSAGES_DEBUG='mobed',
                   MOBED_DATA_DIR=str(harness.data_dir_with_pictures(DATA_DIR, self.tmp)),
                   NO_AT_BRIDGE='1',
                   MOBED_CAMERA_PREFIX=str(self.tmp / 'no-camera'))
        (self.tmp / 'config' / 'mobed').mkdir()
        self.write_config()
        return env

    def write_config(self, overrides=None):
        path = self.tmp / 'config' / 'mobed' / 'mobed.conf'
        path.write_text(config_text(merge(merge(CONFIG, self.mobed_config), overrides)))
        self.own(path)

    # -- processes ------------------------------------------------------

    def own(self, path):
        if self.user is not None:
            os.chown(path, self.user, self.user)

    def as_user(self, argv):
        """@argv run as self.user (if set)."""
        if self.user is None:
            return list(argv)
        return ['setpriv', f'--reuid={self.user}', f'--regid={self.user}',
                '--clear-groups', '--'] + list(argv)

    def update_activation_environment(self, **variables):
        """Sets variables in the session bus's activation environment
        (what a bus-activated service such as xfce4-notifyd inherits)."""
        self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                  'org.freedesktop.DBus', 'UpdateActivationEnvironment',
                  GLib.Variant('(a{ss})', (variables,)))

    def start_mobed(self, *args):
        proc = self.spawn('mobed', [MOBED_BIN, *args])
        self.wait_owner(self.bus, BUS_NAME, proc, 'mobed')
        return proc

    def session_processes(self, comm=None):
        """{pid: comm} of live processes whose environment has this test's
        HOME (what the shell, the bus and mobed start inherit it), @comm
        ones only if given. This process's own children are left out:
        spawn() stops those."""
        home = f'HOME={self.env["HOME"]}'.encode()
        found = {}
        for entry in os.listdir('/proc'):
            if not entry.isdigit():
                continue
            try:
                name = Path(f'/proc/{entry}/comm').read_text().strip()
                if comm is not None and name != comm:
                    continue
                # The parent's pid comes after the name, which may hold spaces.
                ppid = int(Path(f'/proc/{entry}/stat').read_text().rsplit(')', 1)[1].split()[1])
                environ = Path(f'/proc/{entry}/environ').read_bytes().split(b'\0')
                if ppid != os.getpid() and home in environ:
                    found[int(entry)] = name
            except (OSError, IndexError, ValueError):
                pass        # gone meanwhile; a zombie has no environment
        return found

    def stop_session_processes(self):
        """Stops, by pid, what session_processes() finds: SIGTERM, and
        SIGKILL for what is left after 5 s (scaled)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            left = self.session_processes()
            for pid in left:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5 * SLOWDOWN
            while left and time.monotonic() < deadline:
                time.sleep(0.05)
                left = {p: c for p, c in self.session_processes().items() if p in left}
            if not left:
                return

    # -- mobed and commands ---------------------------------------------

    call = harness.SessionTestCase.dbus_call

    def call_mobed(self, method, *args, signature=None, timeout=10):
        params = GLib.Variant(signature, args) if signature else None
        return self.call(self.bus, BUS_NAME, OBJ_PATH, IFACE, method, params, timeout)

    def mobed_property(self, name):
        return self.call(self.bus, BUS_NAME, OBJ_PATH, 'org.freedesktop.DBus.Properties',
                         'Get', GLib.Variant('(ss)', (IFACE, name)))[0]

    def has_owner(self, name):
        return self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                         'org.freedesktop.DBus', 'NameHasOwner',
                         GLib.Variant('(s)', (name,)))[0]

    def run_tool(self, *argv, check=True, as_user=True, env=None, input=None):
        argv = self.as_user(argv) if as_user else list(argv)
        res = subprocess.run(argv, env=env or self.env, capture_output=True, text=True,
                             timeout=30 * SLOWDOWN, check=False, input=input)
        self.transcript.append(f'$ {" ".join(argv)}  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        if check and res.returncode != 0:
            self.fail(f'{" ".join(argv)} exited with {res.returncode}: {res.stderr.strip()}')
        return res

    def mobed_log(self):
        """What the mobed the test started last has logged so far."""
        path = [p for name, p in self.logs if name == 'mobed'][-1]
        return Path(path).read_text(errors='replace')

    def mobectl(self, *args, check=True):
        return self.run_tool(MOBECTL_BIN, *args, check=check)

    def status(self):
        return json.loads(self.mobectl('status', '--json').stdout)

    def state(self):
        return self.mobed_property('State')

    def wait_state(self, state, timeout=10):
        self.eventually(lambda: self.state() == state, timeout,
                        lambda: f'mobed never reached state {state!r} within {timeout} s '
                                f'(now {self.state()!r})')

    def wait_ended(self, outcome, timeout=10):
        """Waits for the next BreakEnded not yet looked at; checks its outcome."""
        seen = getattr(self, '_ended_seen', 0)
        ended = self.wait_signal('BreakEnded', seen + 1, timeout)
        self._ended_seen = seen + 1
        self.assertEqual(ended[seen], (outcome,), f'all BreakEnded so far: {ended}')

    def wait_due(self, timeout=20):
        """Waits for a break to be due (the next BreakStarted)."""
        seen = getattr(self, '_started_seen', 0)
        self.wait_signal('BreakStarted', seen + 1, timeout)
        self._started_seen = seen + 1
        self.wait_state('due', timeout)

    def outcomes(self):
        """Outcomes recorded in mobed's history, oldest first."""
        db = self.tmp / 'state' / 'mobed' / 'history.db'
        if not db.exists():
            return []
        with sqlite3.connect(f'file:{db}?mode=ro', uri=True) as conn:
            return [r[0] for r in conn.execute('SELECT outcome FROM breaks ORDER BY id')]

    # -- pictures -------------------------------------------------------

    def screenshot_path(self, what):
        OUTDIR.mkdir(parents=True, exist_ok=True)
        return OUTDIR / f'desktop-{self.shell}-{what}.png'

    def check_screenshot(self, path, width, height, min_colours=8):
        """The PNG at @path is @width x @height and not blank: it has at
        least @min_colours distinct colours and no colour covers all of it."""
        w, h, rows = read_png(path)
        self.assertEqual((w, h), (width, height), f'{path}: size')
        colours = {}
        for row in rows[::2]:
            for px in row[::2]:
                colours[px] = colours.get(px, 0) + 1
        total = sum(colours.values())
        self.assertGreaterEqual(len(colours), min_colours,
                                f'{path}: only {len(colours)} colours: blank?')
        self.assertLess(max(colours.values()), total, f'{path}: one colour everywhere')
        return rows


def main(programs=None):
    """Entry point of a test file: exit 77 (skip) when a program is
    missing; @programs maps each program to its Debian package."""
    harness.main({'dbus-daemon': 'dbus-daemon', **(programs or {})}, 'the desktop tests')

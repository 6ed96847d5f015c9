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
"""

import json
import os
import pwd
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib
from pathlib import Path

MISSING = None
try:
    import gi
    gi.require_version('Gio', '2.0')
    gi.require_version('GLib', '2.0')
    from gi.repository import Gio, GLib
except (ImportError, ValueError) as e:
    MISSING = f'python3-gi: {e}'

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1]
BUILD = SOURCE / 'build'
MOBED_BIN = os.environ.get('MOBED_BIN', str(BUILD / 'daemon' / 'mobed'))
MOBECTL_BIN = os.environ.get('MOBECTL_BIN', str(BUILD / 'cli' / 'mobectl'))
DATA_DIR = Path(os.environ.get('MOBED_DATA_DIR', str(SOURCE / 'data')))
OUTDIR = Path(os.environ.get('MOBED_E2E_OUTDIR', str(BUILD)))
PYTHON = '/usr/bin/python3'

SLOWDOWN = float(os.environ.get('MOBED_TEST_SLOWDOWN', '1'))
VERBOSE = os.environ.get('MOBED_TEST_VERBOSE') == '1'

BUS_NAME = 'org.mobed.Daemon'
OBJ_PATH = '/org/mobed/Daemon'
IFACE = 'org.mobed.Daemon1'
NOTIFY_NAME = 'org.freedesktop.Notifications'
NOTIFY_PATH = '/org/freedesktop/Notifications'

# The unprivileged user for shells that refuse root (sway).
NOBODY = 65534

CONFIG = {
    'schedule': {'interval': '3s', 'snooze': '1m', 'expire-after': '10m',
                 'natural-break': '10m'},
    'notify': {'sound': 'false'},
}

SESSION_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <!-- Only the services this test put here are activatable (no dunst). -->
  <servicedir>{dir}/services</servicedir>
  <policy context="default">
    <!-- root (the test) may talk to a bus run as an unprivileged user. -->
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

SYSTEM_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={path}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


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


def read_png(path):
    """(width, height, rows) of an 8-bit RGB or RGBA PNG, rows as lists of
    pixel tuples; enough to tell a blank picture from one with something
    on it, without a Python imaging library."""
    data = Path(path).read_bytes()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError(f'{path}: not a PNG file')
    pos, idat, width = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f'{path}: PNG of depth {depth}, colour type {colour}, '
                                 f'interlace {interlace}: only 8-bit RGB(A) is read here')
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xff
            elif f == 2:
                line[i] = (line[i] + b) & 0xff
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


class DesktopTestCase(unittest.TestCase):
    """The fixture: start_desktop() is the subclass's; everything else is here."""

    shell = 'desktop'            # names screenshots and logs
    user = None                  # NOBODY: run the bus, the shell and mobed unprivileged
    logind = False               # a private system bus with dbusmock's logind
    mobed_config = {}            # merged over CONFIG
    start_mobed_in_setup = True

    # -- fixture --------------------------------------------------------

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix=f'mobed-{self.shell}-'))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.addCleanup(self._dump_logs_if_failed)
        self.logs = []           # (title, path), printed on failure
        self.transcript = []     # commands run, printed on failure
        self.signals = []        # (name, args) of mobed's signals; ('State', s)
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
            self.start_logind()
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
                   MOBED_DATA_DIR=str(DATA_DIR), NO_AT_BRIDGE='1',
                   MOBED_CAMERA_PREFIX=str(self.tmp / 'no-camera'))
        (self.tmp / 'config' / 'mobed').mkdir()
        self.write_config()
        return env

    def write_config(self, overrides=None):
        path = self.tmp / 'config' / 'mobed' / 'mobed.conf'
        path.write_text(config_text(merge(merge(CONFIG, self.mobed_config), overrides)))
        if self.user is not None:
            os.chown(path, self.user, self.user)

    # -- processes ------------------------------------------------------

    def as_user(self, argv):
        """@argv run as self.user (if set)."""
        if self.user is None:
            return list(argv)
        return ['setpriv', f'--reuid={self.user}', f'--regid={self.user}',
                '--clear-groups', '--'] + list(argv)

    def spawn(self, name, argv, env=None, as_user=True, **kwargs):
        """Starts @argv with the test's environment (as self.user unless
        @as_user is false), its output in a log; stopped at cleanup."""
        path = self.tmp / f'{name}-{len(self.logs)}.log'
        log = open(path, 'wb')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append((name, path))
        argv = self.as_user(argv) if as_user else list(argv)
        proc = subprocess.Popen(argv, env=env or self.env, stdout=log,
                                stderr=subprocess.STDOUT, **kwargs)
        self.addCleanup(self.stop, proc)
        return proc

    def stop(self, proc, sig=signal.SIGTERM):
        """Stops @proc (if still running) and returns its exit status."""
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                return proc.wait(timeout=10 * SLOWDOWN)
            except subprocess.TimeoutExpired:
                proc.kill()
        return proc.wait()

    def read_fd_line(self, fd, proc, what, timeout=20):
        data = b''
        deadline = time.monotonic() + timeout * SLOWDOWN
        while not data.endswith(b'\n'):
            left = deadline - time.monotonic()
            if proc.poll() is not None or left <= 0:
                self.fail(f'{what} did not start (exit status {proc.poll()})')
            if select.select([fd], [], [], min(left, 0.5))[0]:
                chunk = os.read(fd, 256)
                if not chunk:
                    self.fail(f'{what} closed its pipe before saying where it is')
                data += chunk
        return data.decode().strip()

    def _start_bus(self, name, config_text_, argv_extra=()):
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        config = self.tmp / 'bus' / f'{name}.conf'
        config.write_text(config_text_)
        if self.user is not None:
            os.chown(config, self.user, self.user)
        proc = self.spawn(name, ['dbus-daemon', '--config-file', str(config), '--nofork',
                                 '--nopidfile', f'--print-address={w}', *argv_extra],
                          pass_fds=(w,))
        self.bus_procs = {**getattr(self, 'bus_procs', {}), name: proc}
        os.close(w)
        return self.read_fd_line(r, proc, name)

    def start_session_bus(self):
        """The private session bus; self.bus is the test's own connection,
        recording mobed's signals in self.signals."""
        (self.tmp / 'bus' / 'services').mkdir(parents=True, exist_ok=True)
        if self.user is not None:
            for p in (self.tmp / 'bus', self.tmp / 'bus' / 'services'):
                os.chown(p, self.user, self.user)
        address = self._start_bus('session-bus',
                                  SESSION_BUS_CONFIG.format(dir=self.tmp / 'bus'))
        self.env['DBUS_SESSION_BUS_ADDRESS'] = address
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(lambda bus=self.bus: bus.is_closed() or bus.close_sync(None))
        self.bus.signal_subscribe(None, None, None, OBJ_PATH, None, Gio.DBusSignalFlags.NONE,
                                  self._on_signal)
        return address

    def update_activation_environment(self, **variables):
        """Sets variables in the session bus's activation environment
        (what a bus-activated service such as xfce4-notifyd inherits)."""
        self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                  'org.freedesktop.DBus', 'UpdateActivationEnvironment',
                  GLib.Variant('(a{ss})', (variables,)))

    def start_logind(self):
        """A private system bus with dbusmock's logind template, a session
        'c1' of self.user (or root) named by XDG_SESSION_ID, and the same
        session also as 'auto', which shells use for themselves (real
        logind resolves it to the caller's session; the mock does not)."""
        (self.tmp / 'bus').mkdir(exist_ok=True)
        address = self._start_bus('system-bus', SYSTEM_BUS_CONFIG.format(
            path=self.tmp / 'bus' / 'system'))
        self.env['DBUS_SYSTEM_BUS_ADDRESS'] = address
        self.system_bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(lambda bus=self.system_bus: bus.is_closed() or bus.close_sync(None))
        mock = self.spawn('logind-mock', [PYTHON, '-m', 'dbusmock', '--system', '--template',
                                          'logind'], as_user=False)
        self.wait_owner(self.system_bus, 'org.freedesktop.login1', mock, 'the logind mock')
        uid = self.user if self.user is not None else os.getuid()
        name = pwd.getpwuid(uid).pw_name
        for sid in ('c1', 'auto'):
            self.call(self.system_bus, 'org.freedesktop.login1', '/org/freedesktop/login1',
                      'org.freedesktop.DBus.Mock', 'AddSession',
                      GLib.Variant('(ssusb)', (sid, 'seat0', uid, name, True)))
        self.env['XDG_SESSION_ID'] = 'c1'
        self.logind_mock = mock

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

    # -- failure output -------------------------------------------------

    def _failed(self):
        outcome = getattr(self, '_outcome', None)
        result = getattr(outcome, 'result', None)
        if result is not None and not hasattr(outcome, 'errors'):
            return any(getattr(t, 'test_case', t) is self
                       for t, _ in result.failures + result.errors)
        return any(err for _, err in getattr(outcome, 'errors', []) or [])

    def _dump_logs_if_failed(self):
        if not (VERBOSE or self._failed()):
            return
        out = sys.stderr
        for title, path in self.logs:
            out.write(f'\n----- {title} ({path}) -----\n')
            try:
                out.write(Path(path).read_text(errors='replace')[-20000:])
            except OSError as e:
                out.write(f'({e})\n')
        out.write('\n----- commands -----\n' + '\n'.join(self.transcript) + '\n')
        out.flush()

    # -- waiting, D-Bus and commands ------------------------------------

    def _on_signal(self, _conn, _sender, _path, iface, name, args):
        if iface == IFACE:
            self.signals.append((name, args.unpack()))
        elif name == 'PropertiesChanged' and args[0] == IFACE and 'State' in args[1]:
            self.signals.append(('State', args[1]['State']))

    def iterate(self):
        context = GLib.MainContext.default()
        while context.iteration(False):
            pass

    def eventually(self, cond, timeout=10, message=None):
        """Polls cond() (taking in D-Bus signals between tries) until it is
        truthy, and returns its value; fails after @timeout s (scaled) with
        @message (a callable is asked then, to describe the state at the end)."""
        deadline = time.monotonic() + timeout * SLOWDOWN
        while True:
            self.iterate()
            value = cond()
            if value:
                return value
            if time.monotonic() > deadline:
                if callable(message):
                    message = message()
                self.fail(message or f'condition not met within {timeout} s')
            time.sleep(0.05)

    def call(self, bus, name, path, iface, method, args=None, timeout=10):
        """A D-Bus call; the reply unpacked (a tuple)."""
        reply = bus.call_sync(name, path, iface, method, args, None, Gio.DBusCallFlags.NONE,
                              int(timeout * 1000 * SLOWDOWN), None)
        return reply.unpack() if reply is not None else ()

    def call_mobed(self, method, *args, signature=None, timeout=10):
        params = GLib.Variant(signature, args) if signature else None
        return self.call(self.bus, BUS_NAME, OBJ_PATH, IFACE, method, params, timeout)

    def mobed_property(self, name):
        return self.call(self.bus, BUS_NAME, OBJ_PATH, 'org.freedesktop.DBus.Properties',
                         'Get', GLib.Variant('(ss)', (IFACE, name)))[0]

    def owner_pid(self, bus, name):
        try:
            owner = self.call(bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'GetNameOwner',
                              GLib.Variant('(s)', (name,)))[0]
            return self.call(bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                             'org.freedesktop.DBus', 'GetConnectionUnixProcessID',
                             GLib.Variant('(s)', (owner,)))[0]
        except GLib.Error:
            return None

    def has_owner(self, name):
        return self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                         'org.freedesktop.DBus', 'NameHasOwner',
                         GLib.Variant('(s)', (name,)))[0]

    def wait_owner(self, bus, name, proc, what, timeout=20):
        """Waits until @name is owned (by @proc or a child of it)."""
        def owned():
            if proc is not None and proc.poll() is not None:
                self.fail(f'{what} exited with {proc.returncode} while starting')
            return self.owner_pid(bus, name) is not None
        self.eventually(owned, timeout, f'{what} did not take {name} within {timeout} s')

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

    def signal_args(self, name):
        return [args for sig, args in self.signals if sig == name]

    def wait_signal(self, name, count=1, timeout=10):
        return self.eventually(lambda: len(self.signal_args(name)) >= count
                               and self.signal_args(name), timeout,
                               f'fewer than {count} {name} signal(s) within {timeout} s '
                               f'(signals: {self.signals})')

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
    missing; @programs maps each program to its Debian package. With an
    argument Class.test_name, runs that test alone."""
    programs = {'dbus-daemon': 'dbus-daemon', **(programs or {})}
    missing = [f'{prog} (package {pkg})' for prog, pkg in programs.items()
               if shutil.which(prog) is None and not os.access(prog, os.X_OK)]
    if MISSING:
        missing.append(MISSING)
    if missing:
        print('SKIP: the desktop tests need ' + ', '.join(missing), file=sys.stderr)
        sys.exit(77)
    for binary in (MOBED_BIN, MOBECTL_BIN):
        if not os.access(binary, os.X_OK):
            print(f'ERROR: {binary} is not built (set MOBED_BIN/MOBECTL_BIN)', file=sys.stderr)
            sys.exit(1)
    unittest.main(module='__main__', testRunner=unittest.TextTestRunner(
        stream=sys.stdout, verbosity=2))

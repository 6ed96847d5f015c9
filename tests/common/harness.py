# SPDX-License-Identifier: GPL-3.0-or-later
"""harness.py — what the integration, end-to-end and desktop tests share:
a temporary directory per test, processes started with their output in a
log and stopped when the test ends, private dbus-daemons (a session bus
that activates only what the test puts in its services directory, and a
system bus), python3-dbusmock's logind on that system bus, an Xvfb X
server, waiting on conditions, and the logs printed when a test fails.

tests/integration/mobedtest.py (the real mobed against mocks),
tests/desktops/desktoptest.py (real shells) and tests/e2e/e2etest.py (the
real dunst, a desktop of desktoptest's) build on SessionTestCase. Where a
process's environment comes from differs: desktoptest keeps it in
self.env, mobedtest in os.environ (dbusmock's helpers read it there), so
SessionTestCase writes it through set_env().
"""

import os
import pwd
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

MISSING = None
try:
    import gi
    gi.require_version('Gio', '2.0')
    gi.require_version('GLib', '2.0')
    from gi.repository import Gio, GLib
except (ImportError, ValueError) as e:  # ValueError: gi without Gio typelib
    MISSING = f'python3-gi: {e}'

SOURCE = Path(__file__).resolve().parents[2]
BUILD = SOURCE / 'build'
MOBED_BIN = os.environ.get('MOBED_BIN', str(BUILD / 'daemon' / 'mobed'))
MOBECTL_BIN = os.environ.get('MOBECTL_BIN', str(BUILD / 'cli' / 'mobectl'))
PYTHON = '/usr/bin/python3'

# Scales every timeout, e.g. MOBED_TEST_SLOWDOWN=10 under valgrind.
SLOWDOWN = float(os.environ.get('MOBED_TEST_SLOWDOWN', '1'))
# MOBED_TEST_VERBOSE=1 prints the logs of passing tests too.
VERBOSE = os.environ.get('MOBED_TEST_VERBOSE') == '1'

BUS_NAME = 'org.mobed.Daemon'
OBJ_PATH = '/org/mobed/Daemon'
IFACE = 'org.mobed.Daemon1'
LOGIN1 = 'org.freedesktop.login1'

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{kind}</type>
  <listen>{listen}</listen>
  <auth>EXTERNAL</auth>
  {services}
  <policy context="default">
    <!-- root (the test) may talk to a bus run as an unprivileged user. -->
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# The tests' own drill picture (tests/data/picture.svg): bold, so a
# screenshot shows at a glance whether a notification server drew it.
TEST_PICTURE = SOURCE / 'tests' / 'data' / 'picture.svg'


def data_dir_with_pictures(data_dir, tmp):
    """@data_dir when its drills/ folder holds the drills' pictures, else a
    stand-in under @tmp with the same drills.ini and TEST_PICTURE as every
    drill's picture: in a tree without the pictures, mobed would report
    each as missing and show none, and tests expecting a clean catalog
    and pictures on screen would fail for a reason outside them."""
    data_dir = Path(data_dir)
    catalog = data_dir / 'drills.ini'
    if (data_dir / 'drills').is_dir() or not catalog.is_file():
        return data_dir
    stand_in = Path(tmp) / 'data-with-pictures'
    (stand_in / 'drills').mkdir(parents=True, exist_ok=True)
    (stand_in / 'drills.ini').unlink(missing_ok=True)
    (stand_in / 'drills.ini').symlink_to(catalog)
    for line in catalog.read_text(encoding='utf-8').splitlines():
        if line.startswith('[') and line.endswith(']'):
            picture = stand_in / 'drills' / f'{line[1:-1]}.svg'
            if not picture.exists():
                picture.symlink_to(TEST_PICTURE)
    return stand_in


class SessionTestCase(unittest.TestCase):
    """The fixture's common part; a subclass's setUp() calls this one first."""

    tmp_prefix = 'mobed-test-'
    log_tail = None              # print only this many last characters of each log

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix=self.tmp_prefix))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        # Cleanups run last to first: this one after the processes are gone,
        # also when setUp itself failed (tearDown then does not run).
        self.addCleanup(self._dump_logs_if_failed)
        self.logs = []           # (title, path) printed on failure
        self.transcript = []     # commands run, printed on failure
        self.signals = []        # (name, args) of mobed's signals; ('State', s)
        self.bus_procs = {}      # dbus-daemon processes by name

    # -- environment ------------------------------------------------------

    def set_env(self, name, value):
        """Sets a variable of what the test starts from now on."""
        self.env[name] = value

    def own(self, path):
        """Hands @path to the user the test's processes run as (if not root)."""

    def as_user(self, argv):
        """@argv as run as that user."""
        return list(argv)

    # -- processes --------------------------------------------------------

    def spawn(self, name, argv, env=None, as_user=True, **kwargs):
        """Starts @argv with the test's environment (as the test's user
        unless @as_user is false), its output in a log; stopped at cleanup."""
        path = self.tmp / f'{name}-{len(self.logs)}.log'
        log = open(path, 'wb')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append((name, path))
        argv = self.as_user(argv) if as_user else list(argv)
        proc = subprocess.Popen(argv, env=env or self.env, stdout=log,
                                stderr=subprocess.STDOUT, **kwargs)
        self.addCleanup(self.stop, proc)
        return proc

    def stop(self, proc, sig=signal.SIGTERM, must_exit=False):
        """Stops @proc (if still running) and returns its exit status; one
        that takes over 10 s (scaled) is killed, and with @must_exit the
        test fails."""
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                return proc.wait(timeout=10 * SLOWDOWN)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                if must_exit:
                    self.fail(f'{proc.args[0]} did not exit within 10 s of signal {sig}')
        return proc.wait()

    def read_fd_line(self, fd, proc, what, timeout=20):
        """The first line @proc writes to @fd (where it says where it is)."""
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

    def start_xvfb(self, width, height, *extra):
        """An X server on a free display; returns its DISPLAY."""
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        self.xvfb = self.spawn('Xvfb', ['Xvfb', '-displayfd', str(w), '-screen', '0',
                                        f'{width}x{height}x24', '-nolisten', 'tcp', *extra],
                               pass_fds=(w,))
        os.close(w)
        return ':' + self.read_fd_line(r, self.xvfb, 'Xvfb')

    # -- buses --------------------------------------------------------------

    def _start_bus(self, name, config_text):
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        config = self.tmp / 'bus' / f'{name}.conf'
        config.write_text(config_text)
        self.own(config)
        proc = self.spawn(name, ['dbus-daemon', '--config-file', str(config), '--nofork',
                                 '--nopidfile', f'--print-address={w}'], pass_fds=(w,))
        self.bus_procs[name] = proc
        os.close(w)
        return self.read_fd_line(r, proc, name)

    def connect(self, address):
        bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(lambda: bus.is_closed() or bus.close_sync(None))
        return bus

    def services_dir(self):
        """Where the session bus finds what it may activate (.service files)."""
        services = self.tmp / 'bus' / 'services'
        services.mkdir(parents=True, exist_ok=True)
        return services

    def start_session_bus(self):
        """The private session bus; self.bus is the test's own connection,
        recording mobed's signals in self.signals. Returns its address."""
        services = self.services_dir()
        for p in (services.parent, services):
            self.own(p)
        # Only the services this test put there are activatable.
        address = self._start_bus('session-bus', BUS_CONFIG.format(
            kind='session', listen=f'unix:dir={services.parent}',
            services=f'<servicedir>{services}</servicedir>'))
        self.set_env('DBUS_SESSION_BUS_ADDRESS', address)
        self.bus = self.connect(address)
        self.bus.signal_subscribe(None, None, None, OBJ_PATH, None, Gio.DBusSignalFlags.NONE,
                                  self._on_signal)
        return address

    def start_logind(self, sessions=('c1',), uid=None):
        """A private system bus with dbusmock's logind template and, for
        each name in @sessions, a session of @uid (the test's user); the
        first is this session (XDG_SESSION_ID). Call before mobed starts.
        Returns the sessions' object paths."""
        (self.tmp / 'bus').mkdir(exist_ok=True)
        address = self._start_bus('system-bus', BUS_CONFIG.format(
            kind='system', listen=f'unix:path={self.tmp / "bus" / "system"}', services=''))
        self.set_env('DBUS_SYSTEM_BUS_ADDRESS', address)
        self.system_bus = self.connect(address)
        self.logind_mock = self.spawn('logind-mock', [PYTHON, '-m', 'dbusmock', '--system',
                                                      '--template', 'logind'], as_user=False)
        self.wait_owner(self.system_bus, LOGIN1, self.logind_mock, 'the logind mock')
        uid = uid if uid is not None else os.getuid()
        name = pwd.getpwuid(uid).pw_name
        paths = [self.dbus_call(self.system_bus, LOGIN1, '/org/freedesktop/login1',
                           'org.freedesktop.DBus.Mock', 'AddSession',
                           GLib.Variant('(ssusb)', (sid, 'seat0', uid, name, True)))[0]
                 for sid in sessions]
        self.set_env('XDG_SESSION_ID', sessions[0])
        return paths

    def _on_signal(self, _conn, _sender, _path, iface, name, args):
        if iface == IFACE:
            self.signals.append((name, args.unpack()))
        elif name == 'PropertiesChanged' and args[0] == IFACE and 'State' in args[1]:
            self.signals.append(('State', args[1]['State']))

    def signal_args(self, name):
        return [args for sig, args in self.signals if sig == name]

    def states(self):
        """mobed's State changes so far, in order."""
        return self.signal_args('State')

    # -- waiting --------------------------------------------------------------

    def iterate(self):
        context = GLib.MainContext.default()
        while context.iteration(False):
            pass

    @staticmethod
    def _pause(seconds=0.02):
        """Waits @seconds, or less when something comes for the main context
        (a reply, a signal): a condition is looked at again then."""
        fired = []
        source = GLib.timeout_add(int(seconds * 1000), lambda: fired.append(True) and False)
        GLib.MainContext.default().iteration(True)
        if not fired:
            GLib.source_remove(source)

    def eventually(self, cond, timeout=10, message=None):
        """Looks at cond() (taking in D-Bus signals between looks) until it
        is truthy, and returns its value; fails after @timeout s (scaled)
        with @message (a callable is asked then, to describe the state at
        the end)."""
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
            self._pause()

    def wait_signal(self, name, count=1, timeout=10):
        """Waits until @count @name signals have arrived; returns their args."""
        return self.eventually(lambda: len(self.signal_args(name)) >= count
                               and self.signal_args(name), timeout,
                               lambda: f'fewer than {count} {name} signal(s) within {timeout} s '
                                       f'(signals: {self.signals})')

    # -- D-Bus ----------------------------------------------------------------

    def dbus_call(self, bus, name, path, iface, method, args=None, timeout=10):
        """A D-Bus call; the reply unpacked (a tuple)."""
        reply = bus.call_sync(name, path, iface, method, args, None, Gio.DBusCallFlags.NONE,
                              int(timeout * 1000 * SLOWDOWN), None)
        return reply.unpack() if reply is not None else ()

    def owner_pid(self, name, bus=None):
        """The pid of @name's owner on @bus (the session bus), or None."""
        bus = bus or self.bus
        try:
            owner = self.dbus_call(bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'GetNameOwner',
                              GLib.Variant('(s)', (name,)))[0]
            return self.dbus_call(bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                             'org.freedesktop.DBus', 'GetConnectionUnixProcessID',
                             GLib.Variant('(s)', (owner,)))[0]
        except GLib.Error:
            return None

    def wait_owner(self, bus, name, proc, what, timeout=20):
        """Waits until @name is owned (by @proc or a child of it)."""
        def owned():
            if proc is not None and proc.poll() is not None:
                self.fail(f'{what} exited with {proc.returncode} while starting')
            return self.owner_pid(name, bus) is not None
        self.eventually(owned, timeout, f'{what} did not take {name} within {timeout} s')

    # -- failure output -------------------------------------------------------

    def _failed(self):
        """Whether the test (or one of its subtests) has failed so far."""
        outcome = getattr(self, '_outcome', None)
        result = getattr(outcome, 'result', None)
        if result is not None and not hasattr(outcome, 'errors'):
            # Python >= 3.11 reports each failure to the result at once.
            return any(getattr(t, 'test_case', t) is self
                       for t, _ in result.failures + result.errors)
        return any(err for _, err in getattr(outcome, 'errors', []) or [])

    def _dump_logs_if_failed(self):
        if VERBOSE or self._failed():
            self.dump_logs()

    def dump_logs(self):
        out = sys.stderr
        for title, path in self.logs:
            out.write(f'\n----- {title} ({path}) -----\n')
            try:
                out.write(Path(path).read_text(errors='replace')[-(self.log_tail or 0):])
            except OSError as e:
                out.write(f'(unreadable: {e})\n')
        if self.transcript:
            out.write('\n----- commands -----\n' + '\n'.join(self.transcript) + '\n')
        out.flush()


def main(programs=None, what='these tests', missing=None):
    """Entry point of a test file: exit 77 (skip) when a program is missing
    (@programs maps each to its Debian package; @missing says what else
    is), 1 when mobed is not built or a test failed, 77 when a test skipped
    itself (it did not pass), else 0. With an argument Class.test_name,
    runs that test alone."""
    gone = [f'{prog} (package {pkg})' for prog, pkg in (programs or {}).items()
            if shutil.which(prog) is None and not os.access(prog, os.X_OK)]
    gone += [m for m in (MISSING, missing) if m]
    if gone:
        print(f'SKIP: {what} need ' + ', '.join(gone), file=sys.stderr)
        sys.exit(77)
    for binary in (MOBED_BIN, MOBECTL_BIN):
        if not os.access(binary, os.X_OK):
            print(f'ERROR: {binary} is not built (set MOBED_BIN/MOBECTL_BIN)', file=sys.stderr)
            sys.exit(1)
    prog = unittest.main(module='__main__', exit=False, testRunner=unittest.TextTestRunner(
        stream=sys.stdout, verbosity=2))
    result = prog.result
    if not result.wasSuccessful():
        sys.exit(1)
    # meson calls 77 SKIP, and scripts/test counts that as a failure.
    sys.exit(77 if result.skipped else 0)

# SPDX-License-Identifier: GPL-3.0-or-later
"""mobedtest.py — the harness for mobed's integration tests.

Each test gets its own private session bus, python-dbusmock's notification
daemon, temporary XDG directories and HOME, a mobed.conf written from a dict,
and the real `mobed` from the build tree (MOBED_BIN) with
G_DEBUG=fatal-warnings.  `mobectl` (MOBECTL_BIN) runs against that bus.
Waiting is done by iterating the GLib main context (assert_eventually), never
by fixed sleeps; time mobed would wait for (an interval, a snooze, expiry)
is not waited for at all: advance() moves mobed's clocks forward, through
org.mobed.Test1 in a build configured with -Dtest_clock=true (scripts/test's
are; without it, a test that moves the clock skips).  The daemon's log is
printed when a test fails (always with MOBED_TEST_VERBOSE=1).
MOBED_DATA_DIR (the drill catalog) defaults to the source tree's data/;
MOBED_TEST_SLOWDOWN scales the timeouts (valgrind).  The buses, logind's
mock, processes, waiting and logs are tests/common/harness.py's, shared
with the desktop and end-to-end tests; this harness keeps the test's
environment in os.environ, where dbusmock's helpers read it.

Per-test setup is declared with the @setup decorator (config overrides, the
notification server's capabilities or none at all, whether mobed starts, an
activation file for org.mobed.Daemon); a class may set the same knobs as
class attributes.  Without python3-dbusmock or python3-gi, main() exits 77.
"""

import contextlib
import copy
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'common'))

import harness  # noqa: E402
from harness import (BUS_NAME, IFACE, LOGIN1, MOBECTL_BIN, MOBED_BIN,  # noqa: E402
                     OBJ_PATH, SLOWDOWN, SOURCE, Gio, GLib)

MISSING = None
try:
    import dbusmock
except ImportError as e:
    MISSING = f'python3-dbusmock: {e}'
    _Mock = unittest.TestCase
else:
    # For its spawn_server(), spawn_server_template() and get_dbus(): the
    # buses are the harness's.
    _Mock = dbusmock.DBusTestCase

NOTIFY_NAME = 'org.freedesktop.Notifications'
NOTIFY_PATH = '/org/freedesktop/Notifications'
MOCK_IFACE = 'org.freedesktop.DBus.Mock'
TEST_PATH = '/org/mobed/Test'
TEST_IFACE = 'org.mobed.Test1'

DEFAULT_CONFIG = {
    'schedule': {'interval': '2s', 'snooze': '3s', 'expire-after': '60s',
                 'natural-break': '60s'},
    'notify': {'sound': 'false'},
}

ACTIONS_CAPS = 'body actions'

# In-signatures of the methods that take arguments; the rest take none.
METHOD_SIGNATURES = {'Snooze': '(t)', 'Pause': '(t)', 'PauseWithReason': '(ts)',
                     'StartFocus': '(asa{sv})', 'ExtendFocus': '(u)', 'RateFocus': '(s)'}

DRILL_LINE = re.compile(r'· \d+ (each way|per side|times)')


def setup(**options):
    """Per-test setup: config={group: {key: value or None}}, caps='body' or
    None (no notification server), daemon=False (do not start mobed),
    activatable=True (install an activation file before the bus starts),
    fatal_warnings=False (the test takes the notification server away, and
    libnotify warns about that)."""
    def decorate(func):
        func.mobed_setup = options
        return func
    return decorate


def merge_config(base, overrides):
    merged = copy.deepcopy(base)
    for group, keys in (overrides or {}).items():
        section = merged.setdefault(group, {})
        for key, value in keys.items():
            if value is None:
                section.pop(key, None)
            else:
                section[key] = value
    return merged


class DBusCallError(Exception):
    def __init__(self, name, message):
        super().__init__(f'{name}: {message}')
        self.name = name
        self.message = message


class MobedTestCase(harness.SessionTestCase, _Mock):
    # Class-wide defaults; @setup(...) on a test overrides them.
    config = {}
    caps = ACTIONS_CAPS
    start_mobed = True
    activatable = False

    # -- fixture ----------------------------------------------------------

    def setUp(self):
        super().setUp()
        opts = getattr(getattr(self, self._testMethodName), 'mobed_setup', {})
        self.daemon = None
        self.mock = None
        self.clock_offset = 0.0  # s advance() has moved mobed's clocks
        self.mock_clocks = []   # advance(seconds) of mocks that keep time
        self.config_path = self.tmp / 'config' / 'mobed' / 'mobed.conf'

        saved_env = dict(os.environ)
        self.addCleanup(self._restore_env, saved_env)
        xdg = {'XDG_CONFIG_HOME': 'config', 'XDG_STATE_HOME': 'state',
               'XDG_DATA_HOME': 'data', 'XDG_CACHE_HOME': 'cache',
               'XDG_RUNTIME_DIR': 'runtime', 'HOME': 'home'}
        for var, sub in xdg.items():
            (self.tmp / sub).mkdir(mode=0o700)
            os.environ[var] = str(self.tmp / sub)
        # No desktop leaks in from the caller: no X11/Wayland idle source,
        # no fullscreen window, no GNOME do-not-disturb, no real camera.
        for var in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS',
                    'DBUS_SYSTEM_BUS_ADDRESS', 'XDG_CURRENT_DESKTOP', 'XDG_SESSION_ID'):
            os.environ.pop(var, None)
        os.environ['GSETTINGS_BACKEND'] = 'memory'
        os.environ['MOBED_CAMERA_PREFIX'] = str(self.tmp / 'no-camera')
        os.environ.pop('LANGUAGE', None)
        os.environ['LC_ALL'] = 'C.UTF-8'
        # Any warning ends mobed: problems in the user's files are messages,
        # so a warning is a bug. libnotify itself warns when no notification
        # server can be reached, so tests without one, or that take it away
        # (fatal_warnings=False), make only criticals fatal.
        caps = opts.get('caps', self.caps)
        os.environ['G_DEBUG'] = ('fatal-warnings'
                                 if caps is not None and opts.get('fatal_warnings', True)
                                 else 'fatal-criticals')
        os.environ['G_MESSAGES_DEBUG'] = 'mobed'
        # The shipped drills.ini, uninstalled (meson may point elsewhere).
        os.environ.setdefault('MOBED_DATA_DIR', str(SOURCE / 'data'))
        os.environ['MOBED_DATA_DIR'] = str(harness.data_dir_with_pictures(
            os.environ['MOBED_DATA_DIR'], self.tmp))
        # All of this is in os.environ before the bus starts, so that a
        # D-Bus-activated mobed inherits it too.

        self.write_config(merge_config(self.config, opts.get('config')))
        if opts.get('activatable', self.activatable):
            (self.services_dir() / f'{BUS_NAME}.service').write_text(
                f'[D-BUS Service]\nName={BUS_NAME}\nExec={MOBED_BIN}\n')
        self.start_session_bus()

        if caps is not None:
            self.start_notification_server(caps)
        if opts.get('daemon', self.start_mobed):
            self.daemon = self.start_daemon()

    def tearDown(self):
        if self.daemon is not None:
            rc = self._terminate(self.daemon, signal.SIGTERM)
            self.daemon = None
            self.assertEqual(rc, 0, f'mobed exited with {rc} on SIGTERM (expected 0)')

    def _restore_env(self, saved):
        os.environ.clear()
        os.environ.update(saved)

    def pin_local_noon(self):
        """Gives this test, and the mobed and mobectl it starts, a time zone
        in which it is about noon now: for tests whose times of day must not
        wrap past midnight, whenever the suite happens to run. Call it before
        anything reads the local time."""
        t = time.gmtime()
        ahead = (12 * 60 - (t.tm_hour * 60 + t.tm_min) + 12 * 60) % (24 * 60) - 12 * 60
        # POSIX counts the offset the other way: "XXX-2:30" is UTC+2:30.
        sign = '-' if ahead >= 0 else '+'
        original = os.environ.get('TZ')
        os.environ['TZ'] = f'MBT{sign}{abs(ahead) // 60}:{abs(ahead) % 60:02d}'
        time.tzset()

        def restore():
            if original is None:
                os.environ.pop('TZ', None)
            else:
                os.environ['TZ'] = original
            time.tzset()
        self.addCleanup(restore)

    def set_env(self, name, value):
        os.environ[name] = value

    @property
    def env(self):
        """What the test starts runs with: os.environ as it is now."""
        return dict(os.environ)

    def write_config(self, overrides=None, extra=''):
        """Writes mobed.conf: DEFAULT_CONFIG with @overrides, then @extra text."""
        config = merge_config(DEFAULT_CONFIG, overrides)
        lines = []
        for group, keys in config.items():
            lines.append(f'[{group}]')
            lines.extend(f'{key}={value}' for key, value in keys.items())
            lines.append('')
        self.config_path.parent.mkdir(parents=True, exist_ok=True)
        self.config_path.write_text('\n'.join(lines) + extra)

    # -- processes ----------------------------------------------------------

    def start_notification_server(self, caps=ACTIONS_CAPS):
        log = open(self.tmp / 'notification-mock.log', 'ab')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append(('notification mock', log.name))
        self.mock, _ = self.spawn_server_template(
            'notification_daemon', {'capabilities': caps}, stdout=log)
        self.addCleanup(self._stop_notification_server)

    def _stop_notification_server(self):
        if self.mock is not None:
            self.mock.terminate()
            self.mock.wait(timeout=10)
            self.mock = None

    def start_daemon(self, *args, wait=True):
        """Starts mobed; with @wait, returns once it owns the bus name."""
        n = len(self.logs)
        path = self.tmp / f'mobed-{n}.log'
        log = open(path, 'wb')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append((f'mobed {" ".join(args)}'.strip(), path))
        self.daemon_started = now_us()
        proc = subprocess.Popen([MOBED_BIN, *args], env=self.env,
                                stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self._reap, proc)
        if wait:
            self.wait_for_owner(proc)
            if self.clock_offset:
                # A mobed started again goes on from the time the last one
                # was moved to, not back to the real one.
                self._call(BUS_NAME, TEST_PATH, TEST_IFACE, 'Advance',
                           GLib.Variant('(t)', (round(self.clock_offset * 1e6),)))
        return proc

    def wait_for_owner(self, proc, timeout=10):
        def owned():
            if proc.poll() is not None:
                self.fail(f'mobed exited with {proc.returncode} while starting')
            return self.owner_pid(BUS_NAME) == proc.pid
        self.assert_eventually(owned, timeout, 'mobed did not take the bus name')

    def stop_daemon(self, sig=signal.SIGTERM):
        """Stops the test's mobed with @sig and returns its exit status."""
        proc, self.daemon = self.daemon, None
        return self._terminate(proc, sig)

    def _terminate(self, proc, sig):
        return self.stop(proc, sig, must_exit=True)

    @staticmethod
    def _reap(proc):
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def mobectl(self, *args):
        """Runs mobectl on the test bus; returns (rc, stdout, stderr)."""
        res = subprocess.run([MOBECTL_BIN, *args], env=self.env, capture_output=True,
                             text=True, timeout=20 * SLOWDOWN, check=False)
        self.transcript.append(f'$ mobectl {" ".join(args)}  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        return res.returncode, res.stdout, res.stderr

    # -- waiting --------------------------------------------------------------

    def assert_eventually(self, cond, timeout=5, message=None):
        """Iterates the main context until cond() is truthy; returns its value."""
        return self.eventually(cond, timeout, message)

    def assert_stays(self, cond, duration, message=None):
        """Iterates the main context for @duration seconds; cond() must hold
        throughout. Only for what real time brings (a GLib timer of mobed's
        that does not follow its clock, a process elsewhere): for mobed's
        own deadlines, assert_holds."""
        deadline = time.monotonic() + duration
        while time.monotonic() < deadline:
            self.iterate()
            self.assertTrue(cond(), message)
            time.sleep(0.02)

    # -- mobed's clock ---------------------------------------------------------

    def advance(self, seconds):
        """Moves the clocks of this test's mobed @seconds forward and returns
        once mobed has done what fell due by then (as when its timer fires
        after a stall that long: move in steps to see each deadline pass).
        The mocks' clocks in mock_clocks move first, so what mobed asks
        them then is as of its new time."""
        for move in self.mock_clocks:
            move(seconds)
        try:
            self._call(BUS_NAME, TEST_PATH, TEST_IFACE, 'Advance',
                       GLib.Variant('(t)', (round(seconds * 1e6),)))
        except DBusCallError as e:
            if e.name.startswith('org.freedesktop.DBus.Error.Unknown'):
                self.skipTest('moving mobed\'s clock needs a build configured with '
                              '-Dtest_clock=true (scripts/test configures its builds so)')
            raise
        self.clock_offset += seconds

    def sync(self):
        """Returns once mobed has handled what the bus brought it before:
        the bus keeps the order, so a mock's signal sent before this call
        reaches mobed first, and mobed answers on its main loop."""
        self.get_prop('State')
        self.iterate()

    def assert_holds(self, cond, seconds=0, message=None, steps=4):
        """cond() holds now (after a round trip to mobed) and after each of
        @steps moves of mobed's clock that add up to @seconds: what
        assert_stays waited @seconds of real time for."""
        self.sync()
        self.assertTrue(cond(), message)
        for _ in range(steps if seconds else 0):
            self.advance(seconds / steps)
            self.sync()
            self.assertTrue(cond(), message)

    def now_us(self):
        """mobed's wall clock now, in unix µs: the real one plus what
        advance() added."""
        return now_us() + round(self.clock_offset * 1e6)

    # -- logind on a private system bus ---------------------------------------

    def start_logind(self):
        """A private system bus with dbusmock's logind on it and session c1
        of this user (XDG_SESSION_ID); call before mobed starts. Returns the
        logind mock's object and the session's (dbus-python)."""
        import dbus
        session, = super().start_logind()
        system = dbus.bus.BusConnection(os.environ['DBUS_SYSTEM_BUS_ADDRESS'])
        return (system.get_object(LOGIN1, '/org/freedesktop/login1'),
                system.get_object(LOGIN1, session))

    # -- mobed over D-Bus -----------------------------------------------------

    def wait_ended(self, outcome, timeout=10):
        ended = self.wait_signal('BreakEnded', timeout=timeout)
        self.assertEqual(ended[-1], (outcome,))

    def _call(self, name, path, iface, method, args=None, timeout=10):
        try:
            reply = self.bus.call_sync(name, path, iface, method, args, None,
                                       Gio.DBusCallFlags.NO_AUTO_START,
                                       int(timeout * 1000 * SLOWDOWN), None)
        except GLib.Error as e:
            remote = Gio.DBusError.get_remote_error(e) or str(e)
            message = re.sub(r'^GDBus\.Error:[^:]*: ', '', e.message)
            raise DBusCallError(remote, message) from None
        return reply.unpack() if reply is not None else ()

    def call(self, method, *args):
        """Calls an org.mobed.Daemon1 method; raises DBusCallError on error."""
        sig = METHOD_SIGNATURES.get(method)
        params = GLib.Variant(sig, args) if sig else None
        reply = self._call(BUS_NAME, OBJ_PATH, IFACE, method, params)
        return reply[0] if len(reply) == 1 else reply

    def assert_dbus_error(self, error_name, method, *args):
        with self.assertRaises(DBusCallError) as ctx:
            self.call(method, *args)
        self.assertEqual(ctx.exception.name, error_name,
                         f'{method}{args}: {ctx.exception.message}')
        return ctx.exception.message

    def get_prop(self, name):
        return self._call(BUS_NAME, OBJ_PATH, 'org.freedesktop.DBus.Properties', 'Get',
                          GLib.Variant('(ss)', (IFACE, name)))[0]

    @property
    def db_path(self):
        """mobed's history file in this test's XDG_STATE_HOME."""
        return self.tmp / 'state' / 'mobed' / 'history.db'

    def rows(self, sql, *args):
        """What @sql reads from the history file, read with SQLite itself."""
        with contextlib.closing(sqlite3.connect(self.db_path)) as db:
            return db.execute(sql, args).fetchall()

    def outcomes(self):
        """The outcome of each break in mobed's history, newest first."""
        reply = self._call(BUS_NAME, OBJ_PATH, IFACE, 'GetHistory',
                           GLib.Variant('(a{sv})', ({},)))
        return [row['outcome'] for row in reply[0]]

    def wait_state(self, state, timeout=10):
        self.assert_eventually(lambda: self.get_prop('State') == state, timeout,
                               f'State never became {state!r} within {timeout} s '
                               f'(last: {self.get_prop("State")!r})')

    # -- the notification mock ------------------------------------------------

    def _mock(self, method, args=None):
        return self._call(NOTIFY_NAME, NOTIFY_PATH, MOCK_IFACE, method, args)

    def notify_calls(self):
        """Notify calls so far as dicts, with the id the mock returned."""
        calls, next_id = [], 1
        for _, args in self._mock('GetMethodCalls', GLib.Variant('(s)', ('Notify',)))[0]:
            call = dict(zip(('app_name', 'replaces_id', 'app_icon', 'summary', 'body',
                             'actions', 'hints', 'expire_timeout'), args))
            if call['replaces_id']:
                call['id'] = call['replaces_id']
            else:
                call['id'], next_id = next_id, next_id + 1
            calls.append(call)
        return calls

    def close_calls(self):
        calls = self._mock('GetMethodCalls', GLib.Variant('(s)', ('CloseNotification',)))[0]
        return [args[0] for _, args in calls]

    def wait_notify(self, count=1, timeout=10):
        """Waits for the @count-th Notify call and returns it."""
        return self.assert_eventually(
            lambda: len(self.notify_calls()) >= count and self.notify_calls()[count - 1],
            timeout, f'no Notify call #{count} within {timeout} s')

    def _emit(self, name, signature, *args):
        # mobed's worker thread learns a notification's id when Notify
        # returns, and libnotify drops a signal for an id it does not know
        # yet. No person clicks within a millisecond of a banner appearing;
        # a test does, so it first lets mobed's main loop answer once.
        if self.owner_pid(BUS_NAME) is not None:
            try:
                self.get_prop('State')
            except GLib.Error:
                pass                # going away: the signal finds nobody either
        self._mock('EmitSignal', GLib.Variant('(sssav)', (
            NOTIFY_NAME, name, signature,
            [GLib.Variant(t, a) for t, a in zip(signature, args)])))

    def emit_action(self, notification_id, key):
        self._emit('ActionInvoked', 'us', notification_id, key)

    def emit_closed(self, notification_id, reason):
        self._emit('NotificationClosed', 'uu', notification_id, reason)


def local_hhmm(unix_us):
    return time.strftime('%H:%M', time.localtime(unix_us / 1e6))


def now_us():
    return int(time.time() * 1e6)


def main():
    """Entry point of a test file: exit 77 (skip) without the dependencies."""
    harness.main(what='the integration tests', missing=MISSING)


__all__ = ['MobedTestCase', 'DBusCallError', 'setup', 'main', 'local_hhmm', 'now_us',
           'DRILL_LINE', 'MOBED_BIN', 'MOBECTL_BIN', 'BUS_NAME', 'SLOWDOWN']

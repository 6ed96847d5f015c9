#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_idle.py — idle time: no input for natural-break is time away (a due
break ends as natural), input again is back, and mobed says where it learns
this. Each source against what stands in for its service here:
python3-dbusmock mocks of org.gnome.Mutter.IdleMonitor (firing WatchFired),
org.gnome.SessionManager (InhibitedActions) and org.freedesktop.ScreenSaver;
dbusmock's logind template (IdleHint) and gnome_screensaver template (the
lock screen); and a real Xvfb driven with xdotool for X11 (SYNC's IDLETIME).

Run all with `python3 test_idle.py`, one with
`python3 test_idle.py TestMutter.test_watch_fired_is_away_and_back`.
"""

import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dbus  # noqa: E402
import dbusmock  # noqa: E402

from mobedtest import SLOWDOWN, MobedTestCase, main, setup  # noqa: E402

MUTTER = ('org.gnome.Mutter.IdleMonitor', '/org/gnome/Mutter/IdleMonitor/Core',
          'org.gnome.Mutter.IdleMonitor')
SESSION_MANAGER = ('org.gnome.SessionManager', '/org/gnome/SessionManager',
                   'org.gnome.SessionManager')
SCREENSAVER = ('org.freedesktop.ScreenSaver', '/org/freedesktop/ScreenSaver',
               'org.freedesktop.ScreenSaver')

# The services' idle clock: last_input set by Touch or SetIdle; the idle
# time is how long ago that was. The clock moves only with Advance, with
# mobed's (the harness's advance() calls it first), never by itself: a mobed
# slow to start (ASan on a loaded machine) would otherwise find the user
# idle before the test has them leave.
CLOCK_NOW = 'getattr(self, "offset", 0.0)'
IDLE_NOW = f'max(0, int(({CLOCK_NOW} - getattr(self, "last_input", 0.0)) * 1000))'
CLOCK_METHODS = [
    ('Touch', '', '', f'self.last_input = {CLOCK_NOW}'),
    ('SetIdle', 't', '', f'self.last_input = {CLOCK_NOW} - args[0] / 1000.0'),
    ('Advance', 'd', '', 'self.offset = getattr(self, "offset", 0.0) + args[0]'),
]
# Mutter's watches: {id: interval ms}, 0 for a user-active watch, which
# fires once. Fire(id) sends WatchFired as Mutter would.
MUTTER_METHODS = CLOCK_METHODS + [
    ('GetIdletime', '', 't', 'ret = dbus.UInt64(' + IDLE_NOW + ')'),
    ('AddIdleWatch', 't', 'u',
     'self.watches = getattr(self, "watches", {}); '
     'self.next_id = getattr(self, "next_id", 0) + 1; '
     'self.watches[self.next_id] = args[0]; ret = self.next_id'),
    ('AddUserActiveWatch', '', 'u',
     'self.watches = getattr(self, "watches", {}); '
     'self.next_id = getattr(self, "next_id", 0) + 1; '
     'self.watches[self.next_id] = 0; ret = self.next_id'),
    ('RemoveWatch', 'u', '', 'getattr(self, "watches", {}).pop(args[0], None)'),
    ('ListWatches', '', 'a{ut}', 'ret = dbus.Dictionary(getattr(self, "watches", {}), '
                                 'signature="ut")'),
    ('Fire', 'u', '',
     'self.EmitSignal("org.gnome.Mutter.IdleMonitor", "WatchFired", "u", [args[0]]); '
     'self.watches.get(args[0], 1) == 0 and self.watches.pop(args[0])'),
]
SCREENSAVER_METHODS = CLOCK_METHODS + [
    ('GetSessionIdleTime', '', 'u', 'ret = dbus.UInt32(' + IDLE_NOW + ')'),
]

ACTIVE_LINE = re.compile(rb'Idle: (\d+) ms without input; asking again in (\d+) ms')
READING_LINE = re.compile(rb'Idle: \d+ ms without input')


class IdleTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h', 'natural-break': '2s', 'expire-after': '60s'}}
    start_mobed = False

    # -- mocks ----------------------------------------------------------------

    def spawn_mock(self, service, methods, properties=None):
        """A dbusmock server owning @service's name; returns (process, object).
        One with CLOCK_METHODS keeps time with mobed's clock."""
        name, path, iface = service
        log = open(self.tmp / f'{name}.log', 'ab')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append((name, log.name))
        proc = self.spawn_server(name, path, iface, stdout=log)
        self.addCleanup(self._stop_mock, proc)
        obj = self.get_dbus().get_object(name, path)
        mock = dbus.Interface(obj, dbusmock.MOCK_IFACE)
        mock.AddMethods(iface, methods)
        for prop, value in (properties or {}).items():
            mock.AddProperty(iface, prop, value)
        if any(m[0] == 'Advance' for m in methods):
            def advance(seconds):
                if proc.poll() is None:
                    obj.Advance(dbus.Double(seconds), dbus_interface=iface)
            self.mock_clocks.append(advance)
        return proc, obj

    @staticmethod
    def _stop_mock(proc):
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)

    def mock_calls(self, obj, method):
        return dbus.Interface(obj, dbusmock.MOCK_IFACE).GetMethodCalls(method)

    def start_mutter(self):
        proc, obj = self.spawn_mock(MUTTER, MUTTER_METHODS)
        obj.Touch(dbus_interface=MUTTER[2])
        return proc, obj

    def watches(self, mutter):
        return {int(k): int(v) for k, v in mutter.ListWatches(dbus_interface=MUTTER[2]).items()}

    def idle_watch(self, mutter):
        ids = [i for i, ms in self.watches(mutter).items() if ms > 0]
        self.assertEqual(len(ids), 1, f'not one idle watch: {self.watches(mutter)}')
        return ids[0]

    def active_watch(self, mutter):
        return self.assert_eventually(
            lambda: next((i for i, ms in self.watches(mutter).items() if ms == 0), None), 5,
            f'no user-active watch: {self.watches(mutter)}')

    # -- mobed ----------------------------------------------------------------

    def history(self):
        from gi.repository import GLib
        reply = self._call('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                           'GetHistory', GLib.Variant('(a{sv})', ({},)))
        return [row['outcome'] for row in reply[0]]

    def wait_source(self, name, timeout=10):
        self.assert_eventually(lambda: self.get_prop('IdleSource') == name, timeout,
                               f'IdleSource never became {name!r} '
                               f'(last: {self.get_prop("IdleSource")!r})')

    def mobed_log(self):
        return self.logs[self.daemon_log][1].read_bytes()

    def start(self):
        self.daemon_log = len(self.logs)
        self.daemon = self.start_daemon()

    def switches(self):
        """Context switches of all of mobed's threads so far."""
        total = 0
        for tid in os.listdir(f'/proc/{self.daemon.pid}/task'):
            try:
                with open(f'/proc/{self.daemon.pid}/task/{tid}/status', encoding='ascii') as f:
                    total += sum(int(line.split()[1]) for line in f
                                 if line.startswith(('voluntary_ctxt', 'nonvoluntary_ctxt')))
            except OSError:
                pass                # a thread that just ended
        return total

    def quiet_switches(self, seconds, settle=True):
        """mobed's context switches over @seconds in which nobody talks to it.

        The window opens once mobed has been still for 1 s (at most 10 s
        of waiting): on a loaded machine the tail of what the test just
        made it do (a state change's signals, the history file closing
        after its linger) can land after the test saw the new state, and
        is not a wakeup on a schedule. Anything periodic at 2 s or less,
        the back-poll these tests look for, still shows inside @seconds."""
        deadline = time.monotonic() + (10 * SLOWDOWN if settle else 0)
        last = self.switches()
        while time.monotonic() < deadline:
            time.sleep(1)
            now = self.switches()
            if now == last:
                break
            last = now
        before = self.switches()
        time.sleep(seconds)
        return self.switches() - before

    def take_break_then_leave(self, go_idle):
        """A break is due; the user leaves (@go_idle) and it ends as natural."""
        self.call('TakeBreak')
        self.wait_notify()
        go_idle()
        self.wait_ended('natural')
        self.wait_state('away')
        self.assertEqual(self.outcomes(), ['natural'])


class TestMutter(IdleTestCase):

    def setUp(self):
        super().setUp()
        self.mutter_proc, self.mutter = self.start_mutter()
        self.sm_proc, self.sm = self.spawn_mock(
            SESSION_MANAGER, [], {'InhibitedActions': dbus.UInt32(0)})
        self.start()

    def fire(self, watch):
        self.mutter.Fire(dbus.UInt32(watch), dbus_interface=MUTTER[2])

    def go_idle(self, ms=2000):
        self.mutter.SetIdle(dbus.UInt64(ms), dbus_interface=MUTTER[2])
        self.fire(self.idle_watch(self.mutter))

    def inhibit(self, actions):
        dbus.Interface(self.sm, dbusmock.MOCK_IFACE).UpdateProperties(
            SESSION_MANAGER[2], {'InhibitedActions': dbus.UInt32(actions)})

    def test_named_in_status(self):
        self.wait_source('mutter')
        self.assertEqual(self.watches(self.mutter), {self.idle_watch(self.mutter): 2000})
        rc, out, err = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Idle time: +from GNOME \(Mutter\'s idle monitor\)$')
        rc, out, err = self.mobectl('status', '--json')
        self.assertIn('"idle_source" : "mutter"', out)

    def test_watch_fired_is_away_and_back(self):
        self.wait_source('mutter')
        self.take_break_then_leave(self.go_idle)
        # Back at the next input: Mutter's one-shot user-active watch.
        watch = self.active_watch(self.mutter)
        self.mutter.Touch(dbus_interface=MUTTER[2])
        self.fire(watch)
        self.wait_state('working')
        # Away and back again: a new user-active watch each time.
        self.go_idle(3000)
        self.wait_state('away')
        second = self.active_watch(self.mutter)
        self.assertNotEqual(second, watch)
        self.mutter.Touch(dbus_interface=MUTTER[2])
        self.fire(second)
        self.wait_state('working')

    def test_someone_elses_watch_is_ignored(self):
        self.wait_source('mutter')
        self.mutter.SetIdle(dbus.UInt64(5000), dbus_interface=MUTTER[2])
        self.fire(999)
        self.assert_holds(lambda: self.get_prop('State') == 'working', 1)
        # Only the fired watch's GetIdletime follows, never one for 999.
        self.assertEqual(len(self.mock_calls(self.mutter, 'GetIdletime')), 1)

    def test_natural_break_length_is_the_watch(self):
        self.wait_source('mutter')
        first = self.idle_watch(self.mutter)
        self.write_config({'schedule': {'interval': '1h', 'natural-break': '5m'}})
        self.assert_eventually(lambda: list(self.watches(self.mutter).values()) == [300000], 5,
                               f'the idle watch did not follow natural-break: '
                               f'{self.watches(self.mutter)}')
        self.assertNotIn(first, self.watches(self.mutter))

    def test_inhibited_idle_is_asked_on_a_schedule(self):
        self.wait_source('mutter')
        self.call('TakeBreak')
        self.wait_notify()
        before = len(self.mock_calls(self.mutter, 'GetIdletime'))
        # A video plays: Mutter's watches stay silent, so mobed asks. The
        # first answer is ~0 s idle, so the next question waits for the
        # threshold: two or three questions, not one a second.
        self.mutter.Touch(dbus_interface=MUTTER[2])
        self.inhibit(8 | 4)
        self.assert_holds(lambda: self.get_prop('State') == 'due', 1.5)
        self.advance(0.5)
        self.wait_ended('natural')
        self.wait_state('away')
        asked = len(self.mock_calls(self.mutter, 'GetIdletime')) - before
        self.assertIn(asked, (2, 3), f'asked Mutter {asked} times on the way to away')
        # Back is seen at the back-poll beat (here natural-break, 2 s).
        self.assert_holds(lambda: self.get_prop('State') == 'away', 1.5)
        self.mutter.Touch(dbus_interface=MUTTER[2])
        self.assert_holds(lambda: self.get_prop('State') == 'away')
        self.advance(0.5)
        self.wait_state('working')
        # Inhibition over: no more questions, the watches report again.
        self.inhibit(4)
        self.sync()
        settled = len(self.mock_calls(self.mutter, 'GetIdletime'))
        self.assert_holds(lambda: len(self.mock_calls(self.mutter, 'GetIdletime')) == settled, 3,
                          'mobed kept asking Mutter after the inhibition ended')

    def test_mutter_leaving_and_coming_back(self):
        self.wait_source('mutter')
        self._stop_mock(self.mutter_proc)
        self.wait_source('none')
        self.mutter_proc, self.mutter = self.start_mutter()
        self.wait_source('mutter')
        self.idle_watch(self.mutter)

    def test_no_wakeups_between_breaks(self):
        """With Mutter, nothing wakes mobed between breaks: no poll, no timer
        but the break's. A polled source (the ScreenSaver interface) measured
        the same way shows what a wakeup looks like, so this can fail."""
        self.wait_source('mutter')
        # Start-up's own work ends: the history file, read at start, is
        # closed a couple of seconds after.
        def history_open():
            fds = f'/proc/{self.daemon.pid}/fd'
            for fd in os.listdir(fds):
                try:
                    if os.readlink(f'{fds}/{fd}').endswith('history.db'):
                        return True
                except FileNotFoundError:
                    pass            # closed since the listing: not open
            return False
        self.assert_eventually(lambda: not history_open(), 10, 'the history still open after start')
        quiet = self.quiet_switches(3)
        self.assertLessEqual(quiet, 1, f'mobed woke {quiet} times in 3 s with Mutter')

        self._stop_mock(self.mutter_proc)
        self.wait_source('none')
        _, saver = self.spawn_mock(SCREENSAVER, SCREENSAVER_METHODS)
        self.write_config({'schedule': {'interval': '1h', 'natural-break': '1s'}})
        self.wait_source('screensaver')
        saver.SetIdle(dbus.UInt64(60000), dbus_interface=SCREENSAVER[2])   # away: polled each 1 s
        self.wait_state('away')
        polled = self.quiet_switches(3, settle=False)
        self.assertGreaterEqual(polled, 2, 'the measurement did not see a 1 s poll')


class TestScreenSaver(IdleTestCase):

    def setUp(self):
        super().setUp()
        self.saver_proc, self.saver = self.spawn_mock(SCREENSAVER, SCREENSAVER_METHODS)
        self.saver.Touch(dbus_interface=SCREENSAVER[2])

    def test_away_and_back(self):
        self.start()
        self.wait_source('screensaver')
        rc, out, err = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Idle time: +from the desktop\'s screen saver service$')
        self.take_break_then_leave(lambda: self.advance(2))  # no input from now on
        # Input again is seen at the back-poll beat (natural-break, 2 s).
        self.advance(1.5)
        self.saver.Touch(dbus_interface=SCREENSAVER[2])
        self.assert_holds(lambda: self.get_prop('State') == 'away')
        self.advance(0.5)
        self.wait_state('working')

    @setup(config={'schedule': {'interval': '1h', 'natural-break': '10s'}})
    def test_asked_when_the_threshold_could_be_reached(self):
        self.saver.SetIdle(dbus.UInt64(4000), dbus_interface=SCREENSAVER[2])
        self.start()
        self.wait_source('screensaver')
        # 4 s idle at the first question: the next is 6 s later, not sooner.
        line = self.assert_eventually(lambda: ACTIVE_LINE.search(self.mobed_log()), 5)
        idle, wait = int(line.group(1)), int(line.group(2))
        self.assertGreaterEqual(idle, 4000)
        self.assertAlmostEqual(idle + wait, 10000, delta=2)
        self.assertEqual(len(self.mock_calls(self.saver, 'GetSessionIdleTime')), 1)

    def test_mutter_comes_first(self):
        _, mutter = self.start_mutter()
        self.start()
        self.wait_source('mutter')
        self.assertEqual(len(self.mock_calls(self.saver, 'GetSessionIdleTime')), 0)

    @setup(config={'presence': {'idle-source': 'screensaver'}})
    def test_forced_source(self):
        self.start_mutter()
        self.start()
        self.wait_source('screensaver')

    @setup(config={'presence': {'idle-source': 'none'}})
    def test_none_wanted(self):
        self.start()
        self.wait_source('none')
        rc, out, err = self.mobectl('status', '--json')
        self.assertIn('"idle_source" : null', out)
        self.assertEqual(len(self.mock_calls(self.saver, 'GetSessionIdleTime')), 0)
        # Reloaded with auto, it is found.
        self.write_config(self.config)
        self.wait_source('screensaver')

    def test_found_when_it_arrives(self):
        self._stop_mock(self.saver_proc)
        self.start()
        self.wait_source('none')
        _, self.saver = self.spawn_mock(SCREENSAVER, SCREENSAVER_METHODS)
        self.wait_source('screensaver')

    @setup(config={'presence': {'idle-source': 'x11s'}})
    def test_bad_idle_source_value(self):
        self.start()
        rc, out, err = self.mobectl('reload')
        self.assertIn("[presence] idle-source: 'x11s' is not one of auto, mutter, screensaver, "
                      "wayland, x11, logind, none; keeping auto", out + err)
        self.wait_source('screensaver')


class TestScreenSaverRefusing(IdleTestCase):
    """A service that owns the name but does not answer GetSessionIdleTime
    (GNOME Shell, KWin on Wayland) is not a source."""

    def test_refusing_service_is_not_used(self):
        self.spawn_mock(SCREENSAVER, [
            ('GetSessionIdleTime', '', 'u',
             'raise dbus.exceptions.DBusException("not here", '
             'name="org.freedesktop.DBus.Error.NotSupported")')])
        self.start()
        self.wait_source('none')
        self.assert_eventually(lambda: b'screensaver: not here' in self.mobed_log(), 5)


class TestGnomeLockScreen(IdleTestCase):
    """org.gnome.ScreenSaver's ActiveChanged: the lock screen is away."""

    def setUp(self):
        super().setUp()
        log = open(self.tmp / 'gnome-screensaver.log', 'ab')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append(('gnome_screensaver mock', log.name))
        self.shield_proc, obj = self.spawn_server_template('gnome_screensaver', {}, stdout=log)
        self.shield = dbus.Interface(obj, 'org.gnome.ScreenSaver')

    def test_lock_screen_is_away(self):
        self.start()
        self.call('TakeBreak')
        self.wait_notify()
        self.shield.SetActive(True)
        self.wait_state('away')
        self.advance(2)
        self.wait_ended('natural')
        self.shield.SetActive(False)
        self.wait_state('working')

    def test_up_before_mobed_starts(self):
        self.shield.SetActive(True)
        self.start()
        self.wait_state('away')
        # The service leaving takes its lock screen with it.
        self._stop_mock(self.shield_proc)
        self.wait_state('working')


class TestLogindIdle(IdleTestCase):
    """logind's IdleHint, the last resort, from dbusmock's logind template."""

    def setUp(self):
        super().setUp()
        _, session = self.start_logind()
        self.session = dbus.Interface(session, dbusmock.MOCK_IFACE)

    def idle_hint(self, idle):
        since = int(time.clock_gettime(time.CLOCK_MONOTONIC) * 1e6)
        self.session.UpdateProperties('org.freedesktop.login1.Session', {
            'IdleHint': dbus.Boolean(idle),
            'IdleSinceHintMonotonic': dbus.UInt64(since if idle else 0)})

    @setup(config={'schedule': {'interval': '1h', 'natural-break': '30s'}})
    def test_idle_hint(self):
        self.start()
        self.call('TakeBreak')
        self.wait_notify()
        # The hint comes at once; away once it is natural-break old. A
        # natural-break far longer than the test's own steps, crossed with
        # the test clock, keeps a slow machine from crossing it first.
        self.idle_hint(True)
        # Seen to change, the hint is a source status may name.
        self.wait_source('logind')
        self.assert_holds(lambda: self.get_prop('State') == 'due', 1.5)
        self.advance(30)
        self.wait_ended('natural')
        self.wait_state('away')
        self.idle_hint(False)
        self.wait_state('working')

    def test_a_hint_nothing_sets_is_not_named(self):
        # sway and others never set the hint: mobed watches it, but status
        # must not claim that it sees the user through it.
        self.start()
        self.assert_eventually(lambda: 'watching logind, which nothing has been seen to set'
                               in self.mobed_log().decode(), 5, 'mobed did not take up the hint')
        self.assertEqual(self.get_prop('IdleSource'), 'none')
        rc, out, err = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Idle time: +not seen here')
        self.idle_hint(False)
        self.wait_source('logind')


class TestX11(IdleTestCase):
    """A real X server (Xvfb), the IDLETIME counter of its SYNC extension, and
    xdotool moving the pointer as a user would."""
    config = {'schedule': {'interval': '3s', 'natural-break': '2s', 'expire-after': '60s'}}

    def setUp(self):
        for program in ('Xvfb', 'xdotool'):
            if shutil.which(program) is None:
                self.skipTest(f'{program} is not installed (scripts/deps installs it)')
        super().setUp()
        os.environ['DISPLAY'] = self.start_xvfb(640, 480)

    def move(self):
        x, y = self.position = (self.position[0] % 600 + 7, 100) if hasattr(self, 'position') \
            else (10, 100)
        subprocess.run(['xdotool', 'mousemove', str(x), str(y)], check=True,
                       timeout=10 * SLOWDOWN)

    def readings(self):
        """How many times mobed has read the idle time so far."""
        return len(READING_LINE.findall(self.mobed_log()))

    def x_sockets(self):
        """The inodes of mobed's sockets whose peer is a socket of
        /tmp/.X11-unix/: its connections to an X server (ss, iproute2)."""
        out = subprocess.run(['ss', '-xpn'], capture_output=True, text=True, check=True).stdout
        x_ends, ours = set(), {}
        for line in out.splitlines():
            f = line.split()
            if len(f) < 8:
                continue
            if '.X11-unix/' in f[4]:
                x_ends.add(f[5])
            if f'pid={self.daemon.pid},' in line:
                ours[f[5]] = f[7]
        return {inode for inode, peer in ours.items() if peer in x_ends}

    def open_sockets(self):
        fds = f'/proc/{self.daemon.pid}/fd'
        return {os.readlink(f'{fds}/{fd}')[8:-1] for fd in os.listdir(fds)
                if os.readlink(f'{fds}/{fd}').startswith('socket:[')}

    def test_no_input_is_a_natural_break_and_input_is_back(self):
        self.move()
        self.start()
        self.wait_source('x11')
        rc, out, err = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Idle time: +from the X server \(its IDLETIME counter\)$')
        # The user works (moving the pointer) until the break falls due...
        self.move()
        self.advance(3)
        self.wait_state('due')
        # ...then leaves: no input for natural-break.
        self.wait_ended('natural', timeout=10)
        self.wait_state('away')
        self.assertEqual(self.outcomes()[0], 'natural')
        self.move()
        self.wait_state('working', timeout=5)

    @setup(config={'schedule': {'interval': '1h', 'natural-break': '2s'}})
    def test_never_asked_on_a_schedule(self):
        """The server announces both crossings: mobed reads the counter once
        when it starts and once at each, never while the user works or is
        away. Asked as the ScreenSaver source is, it would read at least once
        in each 3 s below (at the 2 s threshold, or the 2 s back-poll)."""
        self.move()
        self.start()
        self.wait_source('x11')
        self.assertEqual(self.readings(), 1)
        # Working: input more often than natural-break.
        for _ in range(6):
            self.move()
            time.sleep(0.5)
        self.assertEqual(self.readings(), 1, 'mobed read the idle time while the user worked')
        # Away: one reading when the counter reached 2 s, then nothing.
        self.wait_state('away')
        self.assertEqual(self.readings(), 2)
        quiet = self.quiet_switches(3)
        self.assertEqual(self.readings(), 2, 'mobed read the idle time while the user was away')
        self.assertLessEqual(quiet, 1, f'mobed woke {quiet} times in 3 s away')
        # Back: one reading at the first input.
        self.move()
        self.wait_state('working', timeout=5)
        self.assertEqual(self.readings(), 3)

    @setup(config={'schedule': {'interval': '1h', 'natural-break': '60s'}})
    def test_new_natural_break_moves_the_alarms(self):
        self.move()
        self.start()
        self.wait_source('x11')
        time.sleep(2.5)
        self.assertEqual(self.get_prop('State'), 'working')
        # 2.5 s without input is away once natural-break is 2 s: the alarm
        # for 2 s will not fire for a line already crossed, so mobed reads...
        self.write_config({'schedule': {'interval': '1h', 'natural-break': '2s'}})
        self.wait_state('away')
        # ...and the return is seen against the new line, not 60 s.
        self.move()
        self.wait_state('working', timeout=5)

    def test_server_gone_is_no_source(self):
        self.move()
        self.start()
        self.wait_source('x11')
        connection = self.x_sockets()
        self.assertTrue(connection, 'no connection to the X server')
        # The server goes: its socket closes, and no X11 source is found.
        self._stop_mock(self.xvfb)
        self.wait_source('none', timeout=10)
        self.assertEqual(self.daemon.poll(), None, 'mobed exited with the X server')
        # The connection went with the source.
        self.assertFalse(connection & self.open_sockets(), "the gone X server's socket stayed open")

    def test_x11_comes_before_the_screen_saver_service(self):
        # KDE on X11 offers both: the X server pushes its news, the
        # ScreenSaver service must be asked (a return seen up to a minute late).
        self.spawn_mock(SCREENSAVER, SCREENSAVER_METHODS)
        self.move()
        self.start()
        self.wait_source('x11')

    def test_a_wayland_session_never_asks_the_x_server(self):
        # sway with Xwayland gives its children DISPLAY; Xwayland sees no
        # input to Wayland windows, and probing it would start a lazy one.
        os.environ['XDG_SESSION_TYPE'] = 'wayland'
        self.move()
        self.start()
        self.assert_eventually(lambda: b'a Wayland session' in self.mobed_log(), 5,
                               'mobed did not say why it left the X server alone')
        self.assertEqual(self.get_prop('IdleSource'), 'none')
        self.assertFalse(self.x_sockets(), 'mobed connected to the X server in a Wayland session')

if __name__ == '__main__':
    main()

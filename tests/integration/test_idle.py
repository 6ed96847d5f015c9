#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_idle.py — idle time from services on D-Bus: no input for
natural-break is time away (a due break ends as natural), input again is
back, and mobed says where it learns this. Each source against what stands
in for its service here: python3-dbusmock mocks of
org.gnome.Mutter.IdleMonitor (firing WatchFired), org.gnome.SessionManager
(InhibitedActions) and org.freedesktop.ScreenSaver; dbusmock's logind
template (IdleHint) and gnome_screensaver template (the lock screen). The X
server's idle time is test_idle_x11.py.

Run all with `python3 test_idle.py`, one with
`python3 test_idle.py TestMutter.test_watch_fired_is_away_and_back`.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dbus  # noqa: E402
import dbusmock  # noqa: E402

from idletest import (MUTTER, SCREENSAVER, SCREENSAVER_METHODS, SESSION_MANAGER,  # noqa: E402
                      IdleTestCase)
from mobedtest import main, setup  # noqa: E402

ACTIVE_LINE = re.compile(rb'Idle: (\d+) ms without input; asking again in (\d+) ms')


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


if __name__ == '__main__':
    main()

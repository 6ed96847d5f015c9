#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_presence.py — the session lock and the machine's sleep, from
python3-dbusmock's logind template on a private system bus: locking or
sleeping is time away, long enough it is a natural break, a break due
before it ends as natural, and mobed holds a delay inhibitor so it can note
the moment of going to sleep.

Run all with `python3 test_presence.py`, one with
`python3 test_presence.py TestLogind.test_lock_is_away`.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dbus  # noqa: E402
import dbusmock  # noqa: E402

from mobedtest import MobedTestCase, main, setup  # noqa: E402

MANAGER = 'org.freedesktop.login1.Manager'


class TestLogind(MobedTestCase):
    config = {'schedule': {'interval': '4s', 'natural-break': '2s', 'expire-after': '60s'}}
    start_mobed = False

    def setUp(self):
        super().setUp()
        # A private system bus with logind on it, before mobed starts.
        self.logind_obj, self.session = self.start_logind()
        self.daemon = self.start_daemon()

    def sleep_signal(self, start):
        dbus.Interface(self.logind_obj, dbusmock.MOCK_IFACE).EmitSignal(
            MANAGER, 'PrepareForSleep', 'b', [dbus.Boolean(start)])

    def history(self):
        from gi.repository import GLib
        reply = self._call('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                           'GetHistory', GLib.Variant('(a{sv})', ({},)))
        return [row['outcome'] for row in reply[0]]

    def test_lock_is_away(self):
        self.session.Lock(dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('away')
        self.session.Unlock(dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('working')

    def test_long_lock_is_a_natural_break(self):
        self.advance(2.5)                        # more than half the interval counted
        self.session.Lock(dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('away')
        self.assert_holds(lambda: self.outcomes() == [], 1.5)
        self.advance(0.5)
        self.assert_eventually(lambda: self.outcomes() == ['natural'], 6,
                               'a lock longer than natural-break was not a natural break')
        self.session.Unlock(dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('working')
        # The count started over at the natural break: no break for a while.
        self.assertGreater(self.get_prop('NextBreak'), 0)

    def test_locked_hint(self):
        self.session.SetLockedHint(True, dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('away')
        self.session.SetLockedHint(False, dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('working')

    def test_due_break_ends_natural_when_locked(self):
        self.advance(4)
        self.wait_state('due')
        self.wait_notify()
        self.session.Lock(dbus_interface='org.freedesktop.login1.Session')
        self.wait_state('away')
        self.advance(2)
        self.wait_ended('natural')
        # Closing goes through the notifier's worker thread: it may come just after.
        shown = self.notify_calls()[-1]['id']
        self.assert_eventually(lambda: shown in self.close_calls(), 5)

    def test_sleep_is_away_and_no_break_on_waking(self):
        self.advance(1)
        self.sleep_signal(True)
        self.wait_state('away')
        self.advance(4.5)                        # asleep past the interval
        self.sleep_signal(False)
        self.wait_state('working')
        self.assertEqual(self.notify_calls(), [], 'a break popped up on waking')
        self.assertEqual(self.signal_args('BreakStarted'), [])

    def test_holds_a_delay_inhibitor(self):
        def inhibitors():
            return dbus.Interface(self.logind_obj, MANAGER).ListInhibitors()
        self.assert_eventually(lambda: any(i[0] == 'sleep' and i[1] == 'mobed' and i[3] == 'delay'
                                           for i in inhibitors()), 5)
        # Released while asleep, taken again on waking.
        self.sleep_signal(True)
        self.assert_eventually(lambda: not any(i[1] == 'mobed' for i in inhibitors()), 5)
        self.sleep_signal(False)
        self.assert_eventually(lambda: any(i[1] == 'mobed' for i in inhibitors()), 5)


def today_and_other_day():
    names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    today = time.localtime().tm_wday
    return names[today], names[(today + 3) % 7]


class TestWorkHours(MobedTestCase):
    config = {'schedule': {'interval': '2s', 'work-days': today_and_other_day()[1]}}

    def test_off_hours_then_on(self):
        self.wait_state('off-hours')
        self.assertEqual(self.get_prop('NextBreak'), 0)
        self.assert_holds(lambda: self.get_prop('State') == 'off-hours', 2.5)
        self.assertEqual(self.notify_calls(), [], 'a break came outside working hours')
        # The user asks anyway: given, and answered as usual.
        self.call('TakeBreak')
        self.wait_notify()
        self.call('Done')
        self.wait_state('off-hours')
        # Today becomes a working day: the count starts and a break comes.
        self.write_config({'schedule': {'interval': '2s', 'work-days': today_and_other_day()[0]}})
        self.wait_state('working')
        self.advance(2)
        self.wait_state('due')
        rc, out, err = self.mobectl('status', '--json')
        self.assertEqual(rc, 0, err)


class TestAttentionLadder(MobedTestCase):
    config = {'schedule': {'interval': '1s'}}

    def urgency(self, n):
        return int(n['hints'].get('urgency', 1))

    def next_break(self, count):
        """The interval passes: the @count-th break's notification."""
        self.advance(1)
        return self.wait_notify(count)

    def test_ignored_breaks_raise_the_next(self):
        first = self.next_break(1)
        self.assertEqual(self.urgency(first), 1)
        self.emit_closed(first['id'], 2)                   # dismissed
        self.assertEqual(self.wait_signal('BreakEnded', 1)[-1], ('dismissed',))
        second = self.next_break(2)
        self.assertEqual(self.urgency(second), 1)
        self.emit_closed(second['id'], 2)
        self.wait_signal('BreakEnded', 2)
        third = self.next_break(3)
        self.assertEqual(self.urgency(third), 2, 'the third break was not raised')
        self.emit_action(third['id'], 'done')
        self.assertEqual(self.wait_signal('BreakEnded', 3)[2], ('done',))
        fourth = self.next_break(4)
        self.assertEqual(self.urgency(fourth), 1, 'done did not lower it again')
        from gi.repository import GLib
        rows = self._call('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                          'GetHistory', GLib.Variant('(a{sv})', ({},)))[0]
        self.assertEqual([r['outcome'] for r in rows][:3], ['done', 'dismissed', 'dismissed'])

    @setup(config={'notify': {'sound': 'false', 'escalate': 'false'}})
    def test_ladder_off(self):
        for i in (1, 2, 3):
            n = self.next_break(i)
            self.assertEqual(self.urgency(n), 1)
            self.emit_closed(n['id'], 2)
            self.assertEqual(self.wait_signal('BreakEnded', i)[i - 1], ('dismissed',))


class TestWithoutLogind(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    @setup(daemon=False)
    def test_runs_without_a_system_bus(self):
        os.environ['DBUS_SYSTEM_BUS_ADDRESS'] = f'unix:path={self.tmp}/no-such-socket'
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('State'), 'working')
        self.assert_eventually(
            lambda: 'lock and sleep are not seen' in self.logs[-1][1].read_text(), 5)


if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_walks.py — walks end to end, through python3-dbusmock's
notification server and mobed's test clock: after walk-every of sitting the
break that falls due is a walk (its own title, no Another button, its kind
on D-Bus and in `mobectl status`), Done starts the sitting over, and a
lock of walk-length (dbusmock's logind) does too where a shorter one does
not. History and stats count the walk apart.

Run all with `python3 test_walks.py`, one with
`python3 test_walks.py TestWalks.test_walk_due_and_done_restarts`.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MobedTestCase, main  # noqa: E402

SESSION = 'org.freedesktop.login1.Session'


class TestWalks(MobedTestCase):
    # Breaks every 8 min of activity; a walk after 10 min of sitting.
    config = {'schedule': {'interval': '8m', 'snooze': '3s', 'expire-after': '60m',
                           'natural-break': '60s', 'walk-every': '10m',
                           'walk-length': '2m'}}
    start_mobed = False

    def setUp(self):
        super().setUp()
        self.logind_obj, self.session = self.start_logind()
        self.daemon = self.start_daemon()

    def next_break(self, count):
        """Eight minutes on: break number @count is due and shown."""
        self.advance(8 * 60)
        self.wait_state('due')
        return self.wait_notify(count)

    def kind(self):
        return self.get_prop('CurrentBreak').get('kind')

    def away(self, seconds):
        self.session.Lock(dbus_interface=SESSION)
        self.wait_state('away')
        self.advance(seconds)
        self.session.Unlock(dbus_interface=SESSION)
        self.wait_state('working')

    def test_walk_due_and_done_restarts(self):
        first = self.next_break(1)
        self.assertEqual(self.kind(), 'drills')
        self.assertIn('another', first['actions'])
        self.emit_action(first['id'], 'done')
        self.wait_ended('done')
        # 8 min sat and 8 more to the next break: that one will be a walk.
        self.assertEqual(self.get_prop('NextBreakKind'), 'walk')

        # 16 min sat: the second break is a walk.
        walk = self.next_break(2)
        self.assertEqual(self.kind(), 'walk')
        self.assertEqual(self.get_prop('CurrentBreak')['walk_length'], 120)
        self.assertEqual(self.get_prop('CurrentBreak')['drills'], [])
        self.assertEqual(self.get_prop('NextBreakKind'), 'walk')
        self.assertEqual(walk['summary'], 'Time to get up: walk for 2 minutes')
        self.assertNotIn('another', walk['actions'])
        self.assertEqual(walk['actions'][2::2], ['done', 'snooze', 'skip'])
        rc, out, _ = self.mobectl('status')
        self.assertEqual(rc, 0)
        self.assertRegex(out, r'(?m)^Break: +Walk for 2 min$')
        rc, out, _ = self.mobectl('--json', 'status')
        st = json.loads(out)
        self.assertEqual(st['current_break']['kind'], 'walk')
        self.assertEqual(st['next_break_kind'], 'walk')
        self.assert_dbus_error('org.freedesktop.DBus.Error.InvalidArgs', 'Another')

        self.emit_action(walk['id'], 'done')
        self.wait_ended('done')
        # Sitting starts over at the Done: the next break is drills again.
        self.assertEqual(self.get_prop('NextBreakKind'), 'drills')
        self.assertAlmostEqual(self.get_prop('SittingSince'), self.now_us(), delta=5e6)
        third = self.next_break(3)
        self.assertEqual(self.kind(), 'drills')
        self.assertIn('another', third['actions'])
        self.call('Done')
        self.wait_ended('done')

        self.assertEqual(self.rows('SELECT kind, outcome FROM breaks ORDER BY id'),
                         [('drills', 'done'), ('walk', 'done'), ('drills', 'done')])
        (sat,), = self.rows("SELECT sat_s FROM breaks WHERE kind = 'walk'")
        self.assertGreaterEqual(sat, 16 * 60)
        rc, out, _ = self.mobectl('history')
        self.assertRegex(out, r'walk after 1[67] min sitting')
        rc, out, _ = self.mobectl('stats', '--json')
        today = json.loads(out)['days'][-1]
        self.assertEqual((today['walks'], today['walks_done']), (1, 1))
        self.assertGreaterEqual(today['longest_sitting_s'], 16 * 60)
        rc, out, _ = self.mobectl('stats')
        self.assertRegex(out, r'1 of 1 walks · sat up to 1[67] min')
        svg = self.tmp / 'stats.svg'
        rc, _, err = self.mobectl('stats', '--svg', str(svg))
        self.assertEqual(rc, 0, err)
        self.assertIn('>1/1</text>', svg.read_text())

    def test_away_for_walk_length_resets(self):
        # Seven minutes sat, then away for walk-length: sitting starts over,
        # so after 8 more minutes the break is drills, not a walk.
        self.advance(7 * 60)
        self.away(125)
        self.assertAlmostEqual(self.get_prop('SittingSince'), self.now_us(), delta=5e6)
        self.next_break(1)
        self.assertEqual(self.kind(), 'drills')

    def test_shorter_absence_does_not_reset(self):
        # Away for 90 s: long enough for a natural break (the break count
        # starts over) but not a walk: 7 + 8 min sat makes the break a walk.
        self.advance(7 * 60)
        self.away(90)
        self.next_break(1)
        self.assertEqual(self.kind(), 'walk')


class TestWalksOff(MobedTestCase):
    config = {'schedule': {'interval': '8m', 'expire-after': '60m', 'walk-every': '0'}}

    def test_no_walks(self):
        for n in (1, 2, 3):
            self.advance(8 * 60)
            self.wait_state('due')
            self.assertEqual(self.get_prop('CurrentBreak')['kind'], 'drills')
            self.assertIn('another', self.wait_notify(n)['actions'])
            self.call('Done')
            self.wait_ended('done')
        self.assertEqual(self.get_prop('NextBreakKind'), 'drills')
        self.assertEqual(self.get_prop('SittingSince'), 0)


if __name__ == '__main__':
    main()

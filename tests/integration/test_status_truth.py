#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_status_truth.py — what mobectl shows stays true (issue 21): away,
no stale clock time for the next break, only what will happen when the
user returns; a focus set on screen is named by status, --follow, --json
and the D-Bus properties, and done/snooze/skip say they answered it; the
history lists focus sets among the breaks; focus --stop takes the plan's
notifications down; status --follow waits for a mobed that is not there.

Run all with `python3 test_status_truth.py`, one with
`python3 test_status_truth.py TestAway.test_away_says_what_happens`.
"""

import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import test_cli  # noqa: E402
from mobedtest import MobedTestCase, local_hhmm, main  # noqa: E402

SESSION = 'org.freedesktop.login1.Session'


class TestAway(MobedTestCase):
    config = {'schedule': {'interval': '15m', 'natural-break': '2m'}}
    start_mobed = False

    def setUp(self):
        self.pin_local_noon()
        super().setUp()
        _, self.session = self.start_logind()
        self.daemon = self.start_daemon()

    def follow(self, *args):
        return test_cli.TestCliFollow.start_follow(self, *args)

    def next_line(self, lines):
        return test_cli.TestCliFollow.next_line(self, lines)

    def json_status(self):
        rc, out, err = self.mobectl('--json', 'status')
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def test_away_says_what_happens(self):
        _, lines = self.follow()
        self.assertRegex(self.next_line(lines), r'^working · next break \d\d:\d\d · 0/8 today$')
        self.advance(300)
        self.session.Lock(dbus_interface=SESSION)
        self.wait_state('away')
        resets = self.get_prop('CountResetsAt')
        self.assertAlmostEqual(resets, self.now_us() + 120e6, delta=2e6)
        self.assertEqual(self.get_prop('NextBreak'), 0)
        # Before natural-break: the count is kept if the user is back in time.
        self.assertEqual(self.next_line(lines),
                         f'away · count resets if away past {local_hhmm(resets)} · 0/8 today')
        st = self.json_status()
        self.assertIsNone(st['next_break'])
        self.assertIs(st['away']['count_reset'], False)
        self.assertAlmostEqual(test_cli.iso_to_us(st['away']['count_resets_at']), resets,
                               delta=1.1e6)
        rc, out, _ = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Next break: +counted on when you are back; away past '
                              rf'{local_hhmm(resets)} \(in [^)]+\), the count starts over$')

        # Away long enough: the count started over; no time is given at all.
        self.advance(120)
        self.assert_eventually(lambda: self.get_prop('CountResetsAt') == 0)
        self.assertEqual(self.next_line(lines), 'away · back to work resets the count · 0/8 today')
        # An hour's lunch later the same line is still true: nothing changed.
        self.advance(3600)
        self.sync()
        self.assertEqual(self.get_prop('NextBreak'), 0)
        st = self.json_status()
        self.assertIsNone(st['next_break'])
        self.assertEqual(st['away'], {'count_resets_at': None, 'count_reset': True})
        rc, out, _ = self.mobectl('status')
        self.assertIn('Next break:  a whole interval after you are back: being away started '
                      'the count over\n', out)
        self.assertNotRegex(out, r'\d\d:\d\d')

        # Back: a clock time again, a whole interval out.
        self.session.Unlock(dbus_interface=SESSION)
        self.wait_state('working')
        self.assertAlmostEqual(self.get_prop('NextBreak'), self.now_us() + 900e6, delta=2e6)
        self.assertRegex(self.next_line(lines), r'^working · next break \d\d:\d\d · 0/8 today$')
        self.assertIsNone(self.json_status()['away'])

    def test_follow_json_while_away(self):
        proc, lines = self.follow('--json')
        self.assertIsNone(json.loads(self.next_line(lines))['away'])
        self.session.Lock(dbus_interface=SESSION)
        away = json.loads(self.next_line(lines))
        self.assertEqual(away['state'], 'away')
        self.assertIsNone(away['next_break'])
        self.assertIs(away['away']['count_reset'], False)
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(10), 0)


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""test_meeting.py — pauses with a reason: `mobectl pause --reason TEXT`,
`mobectl meeting [DURATION|end]` and PauseWithReason on D-Bus. The reason
shows in `mobectl status` (and --json, and the --follow line), is kept with
the pause in the history and survives a restart; bad reasons and durations
are refused with a one-line reason (exit 2, InvalidArgs) and change nothing.

Run all with `python3 test_meeting.py`, one with
`python3 test_meeting.py TestMeeting.test_meeting_for_an_hour`.
"""

import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MOBECTL_BIN, MobedTestCase, local_hhmm, main, now_us  # noqa: E402

INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs'
HOUR_US = 3600 * 10**6


class TestMeeting(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def ok(self, *args):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        self.assertEqual(err, '')
        return out

    def status_lines(self):
        return self.ok('status').splitlines()

    def pauses(self):
        with sqlite3.connect(self.tmp / 'state' / 'mobed' / 'history.db') as db:
            return db.execute('SELECT start_us, end_us, reason FROM pauses ORDER BY id').fetchall()

    def assert_usage_error(self, args, reason):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 2, f'{args}: {out}{err}')
        self.assertEqual(out, '')
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, f'a reason and a hint, got: {err!r}')
        self.assertTrue(lines[0].startswith('mobectl: '), lines[0])
        self.assertIn(reason, lines[0])

    def test_pause_with_a_reason(self):
        out = self.ok('pause', '--reason', 'dentist', '45m')
        until = self.get_prop('PausedUntil')
        self.assertEqual(out, f'Paused for 45m, until {local_hhmm(until)}. Reason: dentist.\n')
        self.assertAlmostEqual(until, now_us() + 45 * 60 * 10**6, delta=5e6)
        self.assertEqual(self.get_prop('PauseReason'), 'dentist')
        lines = self.status_lines()
        self.assertIn('State:       paused', lines)
        self.assertEqual(lines[lines.index('State:       paused') + 2], 'Reason:      dentist')
        st = json.loads(self.ok('status', '--json'))
        self.assertEqual(st['pause_reason'], 'dentist')
        # The --follow line carries it too.
        proc = subprocess.Popen([MOBECTL_BIN, 'status', '--follow'], env=self.env,
                                stdout=subprocess.PIPE, text=True)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        self.assertRegex(proc.stdout.readline(),
                         rf'^paused until {local_hhmm(until)} · dentist · next break \d\d:\d\d'
                         r' · 0/8 today\n$')
        self.ok('resume')
        self.assertEqual(self.get_prop('PauseReason'), '')
        self.assertIsNone(json.loads(self.ok('status', '--json'))['pause_reason'])
        self.assertNotIn('Reason:', self.ok('status'))
        (start, end, reason), = self.pauses()
        self.assertLessEqual(start, end)
        self.assertEqual(reason, 'dentist')

    def test_meeting_for_an_hour(self):
        out = self.ok('meeting')
        until = self.get_prop('PausedUntil')
        self.assertAlmostEqual(until, now_us() + HOUR_US, delta=5e6)
        self.assertEqual(out, f'In a meeting until {local_hhmm(until)}: no breaks till then.\n')
        self.assertEqual(self.get_prop('PauseReason'), 'meeting')
        self.assertIn('Reason:      meeting', self.status_lines())
        out = self.ok('meeting', 'end')
        self.assertTrue(out.startswith('Resumed. Next break at '), out)
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.pauses()[0][2], 'meeting')
        self.assertIsNotNone(self.pauses()[0][1])

    def test_meeting_with_a_length_and_json(self):
        st = json.loads(self.ok('meeting', '30m', '--json'))
        self.assertEqual(st['state'], 'paused')
        self.assertEqual(st['pause_reason'], 'meeting')
        self.assertAlmostEqual(self.get_prop('PausedUntil'), now_us() + HOUR_US / 2, delta=5e6)

    def test_replacing_a_pause_splits_it_in_the_history(self):
        self.ok('pause', '--reason', 'lunch')
        self.ok('meeting', '20m')
        self.ok('pause', '--reason', 'meeting', '10m')     # same reason: same interval
        self.ok('resume')
        rows = self.pauses()
        self.assertEqual([r[2] for r in rows], ['lunch', 'meeting'])
        self.assertEqual(rows[0][1], rows[1][0], 'the meeting starts as the lunch pause ends')
        self.assertIsNotNone(rows[1][1])

    def test_reason_survives_a_restart(self):
        self.ok('meeting', '2h')
        until = self.get_prop('PausedUntil')
        self.assertIn('reason=meeting', (self.tmp / 'state' / 'mobed' / 'state.ini').read_text())
        self.assertEqual(self.stop_daemon(), 0)
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('PauseReason'), 'meeting')
        self.assertAlmostEqual(self.get_prop('PausedUntil'), until, delta=2e6)
        self.assertEqual([r[2] for r in self.pauses()], ['meeting'])

    def test_usage_errors_change_nothing(self):
        cases = [(('pause', '--reason', 'x' * 65, '5m'), 'at most 64 characters; this one has 65'),
                 (('pause', '--reason', 'two\nlines'), 'one line of text'),
                 (('pause', '--reason', '   '), 'cannot be only spaces'),
                 (('pause', '--reason'), "'--reason' needs a value"),
                 (('pause', '--reason=', '5m'), "'--reason' needs a value"),
                 (('status', '--reason', 'x'), "'--reason' only works with 'mobectl pause'"),
                 (('meeting', '--reason', 'x'), "'--reason' only works with 'mobectl pause'"),
                 (('meeting', 'soon'), "'soon' is not a duration"),
                 (('meeting', '0s'), "'0s' is zero"),
                 (('meeting', '31d'), "'31d' is too long for meeting (at most 30d)"),
                 (('meeting', 'end', 'now'), "'meeting' takes at most 1 argument")]
        for args, reason in cases:
            with self.subTest(args=args):
                self.assert_usage_error(args, reason)
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.pauses(), [])
        rc, out, err = self.mobectl('meeting', 'end')
        self.assertEqual((rc, out, err), (1, '', 'mobectl: Breaks are not paused\n'))

    def test_dbus(self):
        self.call('PauseWithReason', 60, 'meeting')
        self.assertEqual(self.get_prop('State'), 'paused')
        self.assertEqual(self.get_prop('PauseReason'), 'meeting')
        self.call('Resume')
        for seconds, reason, why in ((60, 'x' * 65, 'at most 64 characters'),
                                     (60, 'a\tb', 'without control characters'),
                                     (60, ' ', 'only spaces'),
                                     (31 * 86400, 'meeting', 'out of range (1 to 2592000)')):
            with self.subTest(reason=reason):
                message = self.assert_dbus_error(INVALID_ARGS, 'PauseWithReason', seconds, reason)
                self.assertIn(why, message)
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('PauseReason'), '')
        # "" is no reason: as Pause.
        self.call('PauseWithReason', 0, '')
        self.assertEqual(self.get_prop('PausedUntil'), -1)
        self.assertEqual(self.get_prop('PauseReason'), '')
        self.assertNotIn('Reason:', self.ok('status'))
        self.assertEqual([r[2] for r in self.pauses()], ['meeting', ''])


if __name__ == '__main__':
    main()

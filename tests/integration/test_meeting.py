#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_meeting.py — pauses with a reason: `mobectl pause --reason TEXT`,
`mobectl meeting [DURATION|end]` and PauseWithReason on D-Bus. The reason
shows in `mobectl status` (and --json, and the --follow line), is kept with
the pause in the history and survives a restart; bad reasons and durations
are refused with a one-line reason (exit 2, InvalidArgs) and change nothing.
The history shows the pauses: among the breaks in `mobectl history`, alone
with `mobectl history --pauses` (table, --json, --csv) and GetPauses.

Run all with `python3 test_meeting.py`, one with
`python3 test_meeting.py TestMeeting.test_meeting_for_an_hour`.
"""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import GLib  # noqa: E402

from mobedtest import (BUS_NAME, IFACE, MOBECTL_BIN, OBJ_PATH, DBusCallError,  # noqa: E402
                       MobedTestCase, local_hhmm, main, now_us)

INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs'
HOUR_US = 3600 * 10**6


class MeetingCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def ok(self, *args):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        self.assertEqual(err, '')
        return out

    def assert_usage_error(self, args, reason):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 2, f'{args}: {out}{err}')
        self.assertEqual(out, '')
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, f'a reason and a hint, got: {err!r}')
        self.assertTrue(lines[0].startswith('mobectl: '), lines[0])
        self.assertIn(reason, lines[0])


class TestMeeting(MeetingCase):

    def status_lines(self):
        return self.ok('status').splitlines()

    def pauses(self):
        return self.rows('SELECT start_us, end_us, reason FROM pauses ORDER BY id')

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
        # A time on another day than today gets its weekday ("Wed 00:05"):
        # near midnight the pause's end or the next break may be tomorrow.
        self.assertRegex(proc.stdout.readline(),
                         rf'^paused until (\w+ )?{local_hhmm(until)} · dentist · next break '
                         r'(\w+ )?\d\d:\d\d · 0/8 today\n$')
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
                 (('meeting', 'end', 'now'), "'meeting end' takes nothing after it (got 'now')"),
                 (('meeting', '45', 'apples'), "'45 apples' is not a duration")]
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



def iso_us(text):
    """Unix µs of an ISO 8601 time with offset, as mobectl prints them."""
    return int(datetime.fromisoformat(text).timestamp()) * 10**6


def local_offset(us):
    return int(datetime.fromtimestamp(us / 1e6).astimezone().utcoffset().total_seconds())


class TestPausesInHistory(MeetingCase):

    def get_pauses(self, **options):
        return self._call(BUS_NAME, OBJ_PATH, IFACE, 'GetPauses',
                          GLib.Variant('(a{sv})', (options,)))[0]

    def a_break_a_meeting_and_a_pause(self):
        """A done break, then a meeting that ended, then a pause for the
        dentist that still runs: newest first, the pause, the meeting, the
        break."""
        self.call('TakeBreak')
        self.call('Done')
        self.ok('meeting', '45m')
        self.ok('meeting', 'end')
        self.ok('pause', '--reason', 'dentist', '30m')

    def test_the_table_has_pauses_among_breaks(self):
        self.a_break_a_meeting_and_a_pause()
        lines = self.ok('history').splitlines()
        self.assertEqual(len(lines), 4, lines)
        self.assertRegex(lines[0], r'^DUE +OUTCOME +SNOOZES +RESPONSE +DRILLS \(done/offered\)$')
        minute = r'\d{4}-\d\d-\d\d \d\d:\d\d'
        # A pause has no snoozes and no response time: blank, not 0.
        self.assertRegex(lines[1], rf'^{minute}  paused {{24}}dentist · \d+ s so far$')
        self.assertRegex(lines[2], rf'^{minute}  paused {{24}}meeting · \d+ s$')
        self.assertRegex(lines[3], rf'^{minute}  done +0 +\d+ s  [a-z-]+ \d+/\d+')
        # The columns line up: each row's outcome starts where the header's does.
        self.assertEqual({line.index('OUTCOME' if n == 0 else line.split()[2])
                          for n, line in enumerate(lines)}, {18})
        # --limit counts entries of both kinds, newest first.
        lines = self.ok('history', '--limit', '2').splitlines()
        self.assertEqual([line.split()[2] for line in lines[1:]], ['paused', 'paused'])
        lines = self.ok('history', '--limit', '0').splitlines()
        self.assertEqual(len(lines), 4)

    def test_pauses_alone(self):
        self.a_break_a_meeting_and_a_pause()
        out = self.ok('history', '--pauses')
        lines = out.splitlines()
        self.assertEqual(len(lines), 3, out)
        self.assertRegex(lines[0], r'^START {11}  END {13}  LENGTH  REASON$')
        minute = r'\d{4}-\d\d-\d\d \d\d:\d\d'
        self.assertRegex(lines[1], rf'^{minute}  now {{13}}   *\d+ s  dentist$')
        self.assertRegex(lines[2], rf'^{minute}  {minute}   *\d+ s  meeting$')

        doc = json.loads(self.ok('history', '--pauses', '--json'))
        self.assertEqual(list(doc), ['pauses'])
        dentist, meeting = doc['pauses']
        self.assertEqual(set(dentist), {'start', 'end', 'reason'})
        self.assertEqual((dentist['reason'], dentist['end']), ('dentist', None))
        self.assertEqual(meeting['reason'], 'meeting')
        self.assertIsNotNone(meeting['end'])
        self.assertLessEqual(iso_us(meeting['start']), iso_us(meeting['end']))
        self.assertLessEqual(iso_us(meeting['end']), iso_us(dentist['start']))
        self.assertAlmostEqual(iso_us(dentist['start']), now_us(), delta=60e6)

        raw = subprocess.run([MOBECTL_BIN, 'history', '--pauses', '--csv'], env=self.env,
                             capture_output=True, timeout=30).stdout
        self.assertEqual(raw.count(b'\r\n'), 3, 'a header and two rows, CRLF')
        table = list(csv.reader(io.StringIO(raw.decode(), newline='')))
        self.assertEqual(table[0], ['start', 'end', 'reason'])
        self.assertEqual([(r[1], r[2]) for r in table[1:2]], [('', 'dentist')])
        self.assertEqual(table[2][0], meeting['start'])
        self.assertEqual(table[2][1:], [meeting['end'], 'meeting'])

        # --limit and --since work on pauses alone too.
        one = json.loads(self.ok('history', '--pauses', '--json', '--limit', '1'))['pauses']
        self.assertEqual([p['reason'] for p in one], ['dentist'])
        self.assertEqual(self.ok('history', '--pauses', '--since', '2999-01-01'),
                         'No pauses recorded yet.\n')
        self.assertEqual(self.ok('history', '--since', '2999-01-01'),
                         'No breaks recorded yet.\n')
        self.assertEqual(json.loads(self.ok('history', '--pauses', '--json', '--since',
                                            '2999-01-01')), {'pauses': []})

    def test_json_and_csv_keep_their_shape(self):
        self.a_break_a_meeting_and_a_pause()
        doc = json.loads(self.ok('history', '--json'))
        self.assertEqual(list(doc), ['breaks'])
        self.assertEqual([b['outcome'] for b in doc['breaks']], ['done'])
        table = list(csv.reader(io.StringIO(self.ok('history', '--csv'), newline='')))
        self.assertEqual(table[0], ['due', 'ended', 'outcome', 'snoozes', 'response_s', 'drills',
                                    'kind'])
        self.assertEqual([r[2] for r in table[1:]], ['done'])

    def test_get_pauses(self):
        start = now_us()
        self.call('PauseWithReason', 600, 'meeting')
        self.call('PauseWithReason', 600, '')           # another reason: a new interval
        running, meeting = self.get_pauses()
        self.assertEqual(set(running), {'start', 'end', 'utc_offset', 'reason'})
        self.assertEqual((running['reason'], running['end']), ('', 0))
        self.assertEqual(meeting['reason'], 'meeting')
        self.assertEqual(meeting['end'], running['start'])
        self.assertGreaterEqual(meeting['start'], start - 10**6)
        self.assertEqual(meeting['utc_offset'], local_offset(meeting['start']))
        self.call('Resume')
        ended = self.get_pauses()[0]
        self.assertGreaterEqual(ended['end'], ended['start'])
        self.assertLessEqual(ended['end'], now_us())
        self.assertEqual(len(self.get_pauses(limit=GLib.Variant('u', 1))), 1)
        self.assertEqual(len(self.get_pauses(limit=GLib.Variant('u', 0))), 2)
        later = self.get_pauses(since=GLib.Variant('x', meeting['start'] + 1))
        self.assertEqual([p['reason'] for p in later], [''])
        self.assertEqual(self.get_pauses(since=GLib.Variant('x', 2**63 - 1)), [])

    def test_get_pauses_refuses_bad_options(self):
        self.call('PauseWithReason', 600, 'meeting')
        cases = [('limit', GLib.Variant('s', 'all'), "'limit' must be of type 'u'"),
                 ('limit', GLib.Variant('i', 2), "'limit' must be of type 'u'"),
                 ('since', GLib.Variant('s', 'today'), "'since' must be of type 'x'"),
                 ('since', GLib.Variant('u', 0), "'since' must be of type 'x'"),
                 ('reason', GLib.Variant('s', 'x'), "Unknown option 'reason'")]
        for key, value, words in cases:
            with self.subTest(key=key, value=value):
                with self.assertRaises(DBusCallError) as ctx:
                    self.get_pauses(**{key: value})
                self.assertEqual(ctx.exception.name, INVALID_ARGS)
                self.assertIn(words, ctx.exception.message)
        with self.assertRaises(DBusCallError) as ctx:
            self._call(BUS_NAME, OBJ_PATH, IFACE, 'GetPauses', GLib.Variant('(s)', ('all',)))
        self.assertEqual(ctx.exception.name, INVALID_ARGS)
        self.assertEqual(self.get_prop('PauseReason'), 'meeting')
        self.assertEqual(len(self.get_pauses()), 1)

    def test_usage_errors(self):
        for args, reason in ((('history', '--pauses', '--bogus'), "unknown option '--bogus'"),
                             (('history', '--pauses', '--json', '--csv'),
                              'choose one of --json and --csv'),
                             (('history', '--pauses', '--limit', 'all'),
                              "'all' is not a number of entries (0 for all)"),
                             (('history', '--pauses', '--since', 'monday'),
                              "'monday' is not a date like 2026-11-24"),
                             (('status', '--pauses'),
                              "'--pauses' only works with 'mobectl history'"),
                             (('history', '--pauses=yes'), "unknown option '--pauses=yes'")):
            with self.subTest(args=args):
                self.assert_usage_error(args, reason)

    def test_reason_with_commas_and_quotes_in_csv(self):
        reason = 'lunch, "long"'
        self.ok('pause', '--reason', reason, '1h')
        raw = subprocess.run([MOBECTL_BIN, 'history', '--pauses', '--csv'], env=self.env,
                             capture_output=True, timeout=30).stdout.decode()
        self.assertTrue(raw.endswith(',"lunch, ""long"""\r\n'), raw)
        table = list(csv.reader(io.StringIO(raw, newline='')))
        self.assertEqual(table[1][2], reason)
        pauses = json.loads(self.ok('history', '--pauses', '--json'))['pauses']
        self.assertEqual(pauses[0]['reason'], reason)

    def test_running_pause_survives_a_restart_once(self):
        self.ok('meeting', '2h')
        self.assertEqual(self.stop_daemon(), 0)
        self.daemon = self.start_daemon()
        pauses = json.loads(self.ok('history', '--pauses', '--json'))['pauses']
        self.assertEqual([(p['reason'], p['end']) for p in pauses], [('meeting', None)])
        self.ok('meeting', 'end')
        (meeting,) = json.loads(self.ok('history', '--pauses', '--json'))['pauses']
        self.assertIsNotNone(meeting['end'])
        self.assertRegex(self.ok('history').splitlines()[1], r'  paused +meeting · \d+ s$')

if __name__ == '__main__':
    main()

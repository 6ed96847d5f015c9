#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_cli.py — mobectl's commands against the real mobed on a private
bus: what `status` prints for people and for scripts (--json), what each
action does and says, and `status --follow`. What goes wrong (usage errors,
refusals, reaching the bus) is test_cli_errors.py.

Run all with `python3 test_cli.py`, one with
`python3 test_cli.py TestCliStatus.test_status_idle`.
"""

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from clitest import CliTestCase, label  # noqa: E402
from mobedtest import MOBECTL_BIN, local_hhmm, main, now_us, setup  # noqa: E402

ISO_8601 = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d|Z)$')


def iso_to_us(text):
    from datetime import datetime
    return int(datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp() * 1e6)


# mobectl status writes a time on another day than today with its weekday
# and date ("Wed 25 Nov 00:05"): near midnight the next break or the end of
# a pause may fall tomorrow.
OTHER_DAY = r'(?:\w+ \d\d \w+ )?'


class TestCliStatus(CliTestCase):

    @setup(config={'schedule': {'interval': '10m'}})
    def test_status_idle(self):
        for args in ((), ('status',)):
            with self.subTest(args=args):
                out = self.ok(*args)
                next_break = self.get_prop('NextBreak')
                lines = out.splitlines()
                self.assertIn(label('State') + 'working', lines)
                self.assertIn(label('Today') + '0 of 8 breaks done', lines)
                self.assertIn(label('Idle time') + 'not seen here, so natural breaks come only '
                              'from locking the screen or sleep', lines)
                hhmm = local_hhmm(next_break)
                self.assertRegex(out, rf'(?m)^{label("Next break")}{OTHER_DAY}{hhmm} '
                                      r'\(in (10|9) min\)$')
                self.assertNotRegex(out, r'(?m)^(Break|Paused):')

    @setup(config={'schedule': {'interval': '40s'}})
    def test_status_next_break_in_seconds(self):
        out = self.ok('status')
        hhmm = local_hhmm(self.get_prop('NextBreak'))
        self.assertRegex(out, rf'(?m)^{label("Next break")}{OTHER_DAY}{hhmm} \(in (3\d|40) s\)$')

    def test_status_when_due(self):
        self.start_break()
        out = self.ok('status')
        self.assertIn(label('State') + 'due', out.splitlines())
        drill = self.get_prop('CurrentBreak')['drills'][0]
        self.assertRegex(out, rf'(?m)^{label("Break")}.*{re.escape(drill["name"])}')

    def test_status_when_paused_until_resume(self):
        self.ok('pause')
        out = self.ok('status')
        self.assertIn(label('State') + 'paused', out.splitlines())
        self.assertIn(label('Paused') + "until you run 'mobectl resume'", out.splitlines())

    def test_status_when_paused_for_an_hour(self):
        self.ok('pause', '1h')
        out = self.ok('status')
        hhmm = local_hhmm(self.get_prop('PausedUntil'))
        self.assertRegex(out, rf'(?m)^{label("Paused")}until {OTHER_DAY}{hhmm} \(in [^)]+\)$')

    def test_status_json(self):
        for args in (('--json',), ('--json', 'status'), ('status', '--json')):
            with self.subTest(args=args):
                st = self.json_status(*args)
                self.assertEqual(set(st), {'state', 'next_break', 'paused', 'paused_until',
                                           'pause_reason', 'current_break', 'today',
                                           'warnings', 'defer_reasons', 'idle_source', 'away', 'microphone_app',
                                           'focus_set', 'next_break_kind', 'sitting_since'})
                # interval=1h: by the next break the user will have sat for
                # walk-every (1h), so it will be a walk.
                self.assertEqual(st['next_break_kind'], 'walk')
                self.assertRegex(st['sitting_since'], ISO_8601)
                self.assertIsNone(st['pause_reason'])
                self.assertEqual(st['defer_reasons'], [])
                # No idle service, display or logind on the test's buses.
                self.assertIsNone(st['idle_source'])
                self.assertEqual(st['state'], 'working')
                self.assertEqual(st['warnings'], [])
                self.assertRegex(st['next_break'], ISO_8601)
                self.assertAlmostEqual(iso_to_us(st['next_break']),
                                       self.get_prop('NextBreak'), delta=1.1e6)
                self.assertIs(st['paused'], False)
                self.assertIsNone(st['paused_until'])
                self.assertIsNone(st['current_break'])
                self.assertEqual(st['today'], {'done': 0, 'goal': 8})

    def test_status_json_when_due(self):
        self.start_break()
        st = self.json_status('status', '--json')
        self.assertEqual(st['state'], 'due')
        self.assertIsNone(st['next_break'])
        cb, prop = st['current_break'], self.get_prop('CurrentBreak')
        self.assertEqual(set(cb), {'due', 'snoozes', 'snoozed_until', 'drills', 'kind'})
        self.assertEqual(cb['kind'], 'drills')
        self.assertRegex(cb['due'], ISO_8601)
        self.assertAlmostEqual(iso_to_us(cb['due']), prop['due'], delta=1.1e6)
        self.assertEqual(cb['snoozes'], 0)
        self.assertIsNone(cb['snoozed_until'])
        # "At least" these keys (design.md, JSON for scripts); more may follow.
        keys = ('id', 'name', 'reps', 'per_side')
        self.assertEqual([{k: d.get(k) for k in keys} for d in cb['drills']],
                         [{k: d[k] for k in keys} for d in prop['drills']])

    def test_status_json_when_paused(self):
        self.ok('pause')
        st = self.json_status('--json')
        self.assertEqual(st['state'], 'paused')
        self.assertIs(st['paused'], True)
        self.assertIsNone(st['paused_until'])
        self.assertIsNone(st['next_break'])
        self.ok('resume')
        self.ok('pause', '1h')
        st = self.json_status('--json')
        self.assertIs(st['paused'], True)
        self.assertRegex(st['paused_until'], ISO_8601)
        self.assertAlmostEqual(iso_to_us(st['paused_until']), now_us() + 3600e6, delta=5e6)


class TestCliActions(CliTestCase):

    def test_now(self):
        out = self.start_break()
        self.assertTrue(out.startswith('Break started: '), out)
        self.assertIn(self.get_prop('CurrentBreak')['drills'][0]['name'], out)
        self.wait_notify()

    def test_done(self):
        self.start_break()
        self.assertEqual(self.ok('done'), 'Done. 1 of 8 breaks today.\n')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('TodayDone'), 1)

    def test_skip(self):
        self.start_break()
        self.assertEqual(self.ok('skip'), 'Skipped.\n')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('TodayDone'), 0)

    def test_snooze_default_length(self):
        self.start_break()
        out = self.ok('snooze')
        self.assertTrue(out.startswith('Snoozed for '), out)
        self.assertEqual(self.get_prop('State'), 'snoozed')
        until = self.get_prop('CurrentBreak')['snoozed_until']
        self.assertAlmostEqual(until, now_us() + 3e6, delta=1.5e6)

    def test_snooze_durations(self):
        for text, seconds in (('90s', 90), ('1h30m', 5400), ('1:30', 5400), ('5m', 300)):
            with self.subTest(duration=text):
                self.start_break()
                out = self.ok('snooze', text)
                self.assertTrue(out.startswith('Snoozed for '), out)
                self.assertEqual(self.get_prop('State'), 'snoozed')
                until = self.get_prop('CurrentBreak')['snoozed_until']
                self.assertAlmostEqual(until, now_us() + seconds * 1e6, delta=2e6)

    def test_another(self):
        self.start_break()
        before = self.get_prop('CurrentBreak')['drills']
        out = self.ok('another')
        self.assertTrue(out.startswith('Now: '), out)
        after = self.get_prop('CurrentBreak')['drills']
        self.assertNotEqual([d['id'] for d in after], [d['id'] for d in before])
        self.assertIn(after[0]['name'], out)
        self.assertEqual(self.get_prop('State'), 'due')

    def test_pause_until_resume(self):
        self.assertEqual(self.ok('pause'), "Paused until you run 'mobectl resume'.\n")
        self.assertEqual(self.get_prop('PausedUntil'), -1)

    def test_pause_for_an_hour(self):
        out = self.ok('pause', '1h')
        hhmm = local_hhmm(self.get_prop('PausedUntil'))
        self.assertEqual(out, f'Paused for 1h, until {hhmm}.\n')

    def test_resume(self):
        self.ok('pause')
        out = self.ok('resume')
        self.assertTrue(out.startswith('Resumed. '), out)
        self.assertEqual(self.get_prop('State'), 'working')

    def test_reload(self):
        self.write_config({'schedule': {'interval': '1h', 'snooze': '7m'}})
        self.assertEqual(self.ok('reload'), 'Reloaded the configuration.\n')
        self.assertEqual(self.get_prop('SnoozeLength'), 420)

    def test_reload_warns_about_unknown_key(self):
        self.write_config({'schedule': {'interval': '1h', 'no-such-key': '1'}})
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, 'Reloaded the configuration.\n')
        warning = [line for line in err.splitlines() if 'no-such-key' in line]
        self.assertEqual(len(warning), 1, err)
        self.assertIn(str(self.config_path), warning[0])
        self.assertIn('schedule', warning[0])

    def test_reload_warns_about_bad_value(self):
        self.write_config({'schedule': {'interval': '1h', 'snooze': 'banana'}})
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        warning = [line for line in err.splitlines() if 'snooze' in line]
        self.assertEqual(len(warning), 1, err)
        self.assertIn(str(self.config_path), warning[0])
        self.assertIn('schedule', warning[0])
        self.assertEqual(self.get_prop('SnoozeLength'), 3)

    def test_actions_with_json_print_status(self):
        st = self.json_status('now', '--json')
        self.assertEqual(st['state'], 'due')
        self.assertIsNotNone(st['current_break'])
        drills = st['current_break']['drills']
        st = self.json_status('another', '--json')
        self.assertEqual(st['state'], 'due')
        self.assertNotEqual(st['current_break']['drills'], drills)
        st = self.json_status('--json', 'snooze', '10m')
        self.assertEqual(st['state'], 'snoozed')
        self.assertEqual(st['current_break']['snoozes'], 1)
        self.assertRegex(st['current_break']['snoozed_until'], ISO_8601)
        self.ok('now')
        st = self.json_status('done', '--json')
        self.assertEqual(st['state'], 'working')
        self.assertEqual(st['today'], {'done': 1, 'goal': 8})
        self.ok('now')
        st = self.json_status('skip', '--json')
        self.assertEqual(st['state'], 'working')
        self.assertEqual(st['today'], {'done': 1, 'goal': 8})
        st = self.json_status('reload', '--json')
        self.assertEqual(st['state'], 'working')
        st = self.json_status('pause', '--json')
        self.assertEqual(st['state'], 'paused')
        st = self.json_status('resume', '--json')
        self.assertEqual(st['state'], 'working')


class TestCliFollow(CliTestCase):
    """status --follow: a line per change, from signals."""

    def start_follow(self, *args):
        proc = subprocess.Popen([MOBECTL_BIN, 'status', '--follow', *args], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                bufsize=1)
        self.addCleanup(self._reap, proc)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line.rstrip('\n')) for line in proc.stdout],
                         daemon=True).start()
        return proc, lines

    def next_line(self, lines, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.iterate()
            try:
                return lines.get(timeout=0.05)
            except queue.Empty:
                pass
        self.fail('mobectl status --follow printed nothing new')

    def test_follow_lines(self):
        proc, lines = self.start_follow()
        first = self.next_line(lines)
        self.assertRegex(first, r'^working · next break (\w+ )?\d\d:\d\d · 0/8 today$')
        self.call('TakeBreak')
        self.assertRegex(self.next_line(lines), r'^due · .+ · \d+ (each way|per side|times)')
        self.call('Done')
        self.assertRegex(self.next_line(lines), r'^working · next break .* · 1/8 today$')
        self.call('Pause', 0)
        self.assertEqual(self.next_line(lines), 'paused · 1/8 today')
        self.call('Resume')
        self.next_line(lines)
        self.stop_daemon()
        self.assertEqual(self.next_line(lines), 'stopped · mobed is not running')
        self.daemon = self.start_daemon()
        self.assertRegex(self.next_line(lines), r'^working · ')
        self.assertIsNone(proc.poll())
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(10), 0)

    def test_follow_json(self):
        proc, lines = self.start_follow('--json')
        first = json.loads(self.next_line(lines))
        self.assertEqual(first['state'], 'working')
        self.call('TakeBreak')
        second = json.loads(self.next_line(lines))
        self.assertEqual(second['state'], 'due')
        self.assertTrue(second['current_break']['drills'])
        proc.send_signal(signal.SIGINT)
        self.assertEqual(proc.wait(10), 0)

    def test_follow_only_with_status(self):
        rc, _, err = self.mobectl('done', '--follow')
        self.assertEqual(rc, 2)
        self.assertIn("only works with 'mobectl status'", err)


if __name__ == '__main__':
    main()

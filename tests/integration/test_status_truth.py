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

from gi.repository import GLib  # noqa: E402

import test_cli  # noqa: E402
import test_focus  # noqa: E402
import test_i18n  # noqa: E402
from harness import IFACE, OBJ_PATH  # noqa: E402
from mobedtest import BUS_NAME, MobedTestCase, local_hhmm, main  # noqa: E402

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

    def test_snooze_waits_while_away(self):
        self.call('TakeBreak')
        self.call('Snooze', 300)
        self.assertGreater(self.get_prop('CurrentBreak')['snoozed_until'], 0)
        self.session.Lock(dbus_interface=SESSION)
        self.wait_state('away')
        self.assertEqual(self.get_prop('CurrentBreak')['snoozed_until'], 0)
        cb = self.json_status()['current_break']
        self.assertIsNone(cb['snoozed_until'])
        self.assertEqual(cb['snoozes'], 1)
        _, lines = self.follow()
        line = self.next_line(lines)
        self.assertRegex(line, r'^away · .+ · 0/8 today$')
        self.assertNotIn('until', line)
        rc, out, _ = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Break: +.+ \(snoozed 1×\)$')

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



class TestFocusSet(MobedTestCase):
    """A focus set on screen, with no microbreak for an hour (test_focus's
    setting: the day's only set is due as the plan starts)."""
    start_mobed = False

    def setUp(self):
        self.pin_local_noon()
        self.config = {'schedule': {'interval': '1h', 'snooze': '2s', 'expire-after': '1h',
                                    'work-hours': test_focus.window_around_now()}}
        super().setUp()
        self.daemon = self.start_daemon()

    def start_set(self, targets=('neck-circles',), sets=1):
        test_focus.TestFocus.start_plan(self, list(targets), sets=sets, days=1)
        return self.assert_eventually(lambda: test_focus.TestFocus.focus_notes(self)
                                      and test_focus.TestFocus.focus_notes(self)[-1])

    def ok(self, *args):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, err)
        return out

    def test_status_names_the_set(self):
        proc, lines = TestAway.follow(self)
        self.assertRegex(TestAway.next_line(self, lines), r'^working · next break ')
        self.start_set()
        self.assertEqual(TestAway.next_line(self, lines),
                         'working · focus set 1 of 1: Neck circles · 40 each way · 0/8 today')
        # The D-Bus property an indicator reads, beside CurrentBreak.
        prop = self.get_prop('FocusSet')
        self.assertEqual({k: prop[k] for k in ('target', 'set', 'sets_per_day', 'state',
                                               'snoozes', 'snoozed_until')},
                         {'target': 'neck-circles', 'set': 1, 'sets_per_day': 1,
                          'state': 'shown', 'snoozes': 0, 'snoozed_until': 0})
        self.assertEqual([(d['id'], d['reps_text']) for d in prop['drills']],
                         [('neck-circles', '40 each way')])
        self.assertEqual(self.get_prop('CurrentBreak'), {})
        out = self.ok('status')
        self.assertIn('Focus set:   Neck circles · 40 each way (set 1 of 1 today, focus plan for '
                      'neck-circles)\n', out)
        self.assertIn('Steps:       mobectl drills neck-circles\n', out)
        st = json.loads(self.ok('--json', 'status'))
        self.assertIsNone(st['current_break'])
        fs = st['focus_set']
        self.assertEqual((fs['target'], fs['set'], fs['sets_per_day'], fs['state'], fs['snoozes']),
                         ('neck-circles', 1, 1, 'shown', 0))
        self.assertIsNone(fs['snoozed_until'])
        self.assertEqual([(d['id'], d['reps']) for d in fs['drills']], [('neck-circles', 40)])
        self.assertAlmostEqual(test_cli.iso_to_us(fs['due']), prop['due'], delta=1.1e6)

        # Snoozed: mobectl says it answered the set, and until when.
        out = self.ok('snooze', '5m')
        until = self.get_prop('FocusSet')['snoozed_until']
        self.assertAlmostEqual(until, self.now_us() + 300e6, delta=2e6)
        self.assertEqual(out, f'Snoozed the focus set for 5m, until {local_hhmm(until)}: Neck '
                              'circles · 40 each way (set 1 of 1 today, focus plan for '
                              'neck-circles).\n')
        self.assertEqual(TestAway.next_line(self, lines),
                         f'working · focus set 1 of 1 snoozed until {local_hhmm(until)}: '
                         'Neck circles · 40 each way · 0/8 today')
        st = json.loads(self.ok('--json', 'status'))
        self.assertEqual((st['focus_set']['state'], st['focus_set']['snoozes']), ('snoozed', 1))
        self.assertAlmostEqual(test_cli.iso_to_us(st['focus_set']['snoozed_until']), until,
                               delta=1.1e6)
        self.assertRegex(self.ok('status'), r'\(set 1 of 1 today, focus plan for neck-circles\), '
                                            rf'snoozed until {local_hhmm(until)} \(in ')

        # Done answers the set and says so; then no set is named any more.
        self.assertEqual(self.ok('done'), 'Done: Neck circles · 40 each way (set 1 of 1 today, '
                                          'focus plan for neck-circles).\n')
        self.assert_eventually(lambda: self.get_prop('FocusSet') == {})
        self.assertRegex(TestAway.next_line(self, lines), r'^working · next break ')
        self.assertIsNone(json.loads(self.ok('--json', 'status'))['focus_set'])
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(10), 0)

    def test_skip_names_the_set(self):
        self.start_set(('neck-circles', 'wrist-circles'))
        self.assertEqual(self.ok('skip'), 'Skipped: Neck circles · 40 each way + Wrist circles · '
                                          '35 each way (set 1 of 1 today, focus plan for '
                                          'neck-circles wrist-circles).\n')
        self.assertEqual(self.rows('SELECT outcome FROM focus_sets'), [('skipped',)])

    def test_a_microbreak_is_answered_first(self):
        self.start_set()
        self.call('TakeBreak')
        # The microbreak holds the set back; done answers the microbreak.
        self.assert_eventually(lambda: self.get_prop('FocusSet').get('state') == 'snoozed')
        self.assertEqual(self.get_prop('FocusSet')['snoozed_until'], 0)
        out = self.ok('status')
        self.assertRegex(out, r'(?m)^Break: ')
        self.assertRegex(out, r'(?m)^Focus set:   Neck circles · 40 each way \(set 1 of 1 '
                              r'today, focus plan for neck-circles\), shown when nothing is in '
                              r'the way$')
        rc, out, _ = self.mobectl('--json', 'status')
        self.assertEqual(json.loads(out)['focus_set']['state'], 'snoozed')
        self.assertRegex(self.ok('done'), r'^Done\. 1 of 8 breaks today\.\n$')

    def test_stop_takes_the_set_down(self):
        note = self.start_set()
        self.assertEqual(self.ok('focus', '--stop'), 'Focus plan stopped.\n')
        self.assert_eventually(lambda: note['id'] in self.close_calls(), 5,
                               'the set stayed on screen after focus --stop')
        self.assertEqual(self.get_prop('FocusSet'), {})

    def test_stop_takes_the_checkin_down(self):
        self.start_set()
        self.ok('done')
        checkin = self.assert_eventually(
            lambda: [c for c in self.notify_calls() if c['summary'] == 'Your focus plan is done'])
        self.ok('focus', '--stop')
        self.assert_eventually(lambda: checkin[0]['id'] in self.close_calls(), 5,
                               'the check-in stayed on screen after focus --stop')


    def test_history_lists_sets_among_breaks(self):
        self.call('TakeBreak')
        self.call('Done')
        self.start_set()
        self.ok('done')
        self.assert_eventually(lambda: self.rows('SELECT count(*) FROM focus_sets') == [(1,)])
        rows = self._call(BUS_NAME, OBJ_PATH, IFACE, 'GetFocusSets',
                          GLib.Variant('(a{sv})', ({},)))[0]
        self.assertEqual([(r['outcome'], r['target'], r['set'], r['sets_per_day'], r['reps_done'])
                          for r in rows], [('done', 'neck-circles', 1, 1, 80)])
        self.assertEqual([(d['id'], d['reps_offered'], d['reps_done']) for d in rows[0]['drills']],
                         [('neck-circles', 40, 40)])
        # The table: the set among the breaks, saying which set of which
        # plan. It fell due at its slot of the day, before the break.
        out = self.ok('history')
        lines = out.splitlines()
        self.assertEqual(len(lines), 3, out)
        self.assertNotIn('focus set', lines[1])
        self.assertRegex(lines[2], r'^\d{4}-\d\d-\d\d \d\d:\d\d  done +0 +\d+ s  neck-circles '
                                   r'40/40 · focus set 1 of 1, plan for neck-circles$')
        # JSON: one list, each entry with its kind.
        doc = json.loads(self.ok('--json', 'history'))
        self.assertEqual([b['kind'] for b in doc['breaks']], ['drills', 'focus-set'])
        brk, focus = doc['breaks']
        self.assertEqual(focus['focus'], {'target': 'neck-circles', 'set': 1, 'sets_per_day': 1,
                                          'reps_done': 80})
        self.assertEqual(focus['outcome'], 'done')
        self.assertEqual(focus['drills'], [{'id': 'neck-circles', 'reps_offered': 40,
                                            'reps_done': 40}])
        self.assertIsNone(brk['focus'])
        # CSV: a kind column at the end.
        csv = self.ok('--csv', 'history').splitlines()
        self.assertEqual(csv[0], 'due,ended,outcome,snoozes,response_s,drills,kind')
        self.assertTrue(csv[1].endswith(',drills'), csv[1])
        self.assertRegex(csv[2], r',done,0,\d+,"neck-circles 40/40 · focus set 1 of 1, plan for '
                                 r'neck-circles",focus-set$')
        # --limit counts the sets with the breaks.
        doc = json.loads(self.ok('--json', 'history', '--limit', '1'))
        self.assertEqual([b['kind'] for b in doc['breaks']], ['drills'])


class TestFollowWaits(MobedTestCase):
    """status --follow with no mobed and no activation file to start one:
    it says mobed is not running and waits for it, as mobectl(1) says."""
    start_mobed = False
    config = {'schedule': {'interval': '1h'}}

    def test_waits_for_mobed(self):
        proc, lines = TestAway.follow(self)
        self.assertEqual(TestAway.next_line(self, lines), 'stopped · mobed is not running')
        self.assertIsNone(proc.poll(), 'status --follow gave up on a mobed that is not there')
        self.daemon = self.start_daemon()
        self.assertRegex(TestAway.next_line(self, lines), r'^working · next break ')
        self.stop_daemon()
        self.assertEqual(TestAway.next_line(self, lines), 'stopped · mobed is not running')
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(10), 0)
        self.assertEqual(proc.stderr.read(),
                         'mobectl: mobed is not running; waiting for it to start\n')

    def test_waits_for_mobed_json(self):
        proc, lines = TestAway.follow(self, '--json')
        self.assertEqual(json.loads(TestAway.next_line(self, lines)), {'state': 'stopped'})
        self.daemon = self.start_daemon()
        self.assertEqual(json.loads(TestAway.next_line(self, lines))['state'], 'working')
        proc.send_signal(signal.SIGINT)
        self.assertEqual(proc.wait(10), 0)

    def test_plain_status_still_fails(self):
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 1)
        self.assertEqual(out, '')
        self.assertIn('mobed', err)


class TestFocusSetGerman(MobedTestCase):
    """The same in German; what scripts read stays English."""
    start_mobed = False

    def setUp(self):
        if not test_i18n.have_german_locale():
            self.skipTest('no de_DE.UTF-8 locale (`locale -a`); scripts/deps generates it')
        self.pin_local_noon()
        self.config = {'schedule': {'interval': '1h', 'expire-after': '1h',
                                    'work-hours': test_focus.window_around_now()}}
        super().setUp()
        os.environ.update(test_i18n.GERMAN)
        self.daemon = self.start_daemon()

    def test_focus_set_in_german(self):
        test_focus.TestFocus.start_plan(self, ['neck-circles'], sets=1, days=1)
        self.assert_eventually(lambda: self.get_prop('FocusSet'))
        rc, out, err = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Fokus-Satz: +.+ \(Satz 1 von 1 heute, Fokusplan für '
                              r'neck-circles\)$')
        self.assertRegex(out, r'(?m)^Schritte: +mobectl drills neck-circles$')
        rc, out, err = self.mobectl('done')
        self.assertRegex(out, r'^Erledigt: .+ \(Satz 1 von 1 heute, Fokusplan für neck-circles\)\.\n$')
        self.assert_eventually(lambda: self.rows('SELECT count(*) FROM focus_sets') == [(1,)])
        rc, out, err = self.mobectl('history')
        self.assertIn('· Fokus-Satz 1 von 1, Plan für neck-circles\n', out)
        rc, out, err = self.mobectl('--csv', 'history')
        self.assertRegex(out, r'· focus set 1 of 1, plan for neck-circles",focus-set\r?\n$')


if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_focus.py — rehab focus plans end to end: mobectl and D-Bus start,
show, stop, extend and rate a plan; each set is its own notification
(Done, Snooze, Skip through ActionInvoked), never split, recorded once in
the history file; the check-in asks better/same/worse; a plan survives a
restart of mobed; bad input gets a clear error and starts nothing.

Sets are placed in the middle of the working day, so each test sets
work-hours to a window around now in which the only set of the day is
already due: it shows within a second of starting the plan.

Run all with `python3 test_focus.py`, one with
`python3 test_focus.py TestFocus.test_set_done_and_checkin`.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import GLib  # noqa: E402

from mobedtest import DBusCallError, MobedTestCase, main, setup  # noqa: E402

INVALID = 'org.freedesktop.DBus.Error.InvalidArgs'


def window_around_now():
    """work-hours from 20 min ago to 8 min ahead: the middle (the slot of a
    one-set day) is 6 min ago, and a 4-min set still fits before the end.
    The tests pin the local time near noon, so the window never wraps."""
    t = time.localtime()
    minute = t.tm_hour * 60 + t.tm_min
    start, end = minute - 20, minute + 8
    return f'{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}'


class TestFocus(MobedTestCase):
    start_mobed = False

    def setUp(self):
        self.pin_local_noon()
        # Microbreaks far off, so only focus sets come; a short snooze.
        self.config = {'schedule': {'interval': '1h', 'snooze': '2s', 'expire-after': '1h',
                                    'work-hours': window_around_now()}}
        super().setUp()
        self.daemon = self.start_daemon()

    def start_plan(self, targets, **options):
        opts = {k: GLib.Variant('b' if k == 'dry_run' else 'u', v) for k, v in options.items()}
        return self.call('StartFocus', targets, opts)

    def focus_notes(self):
        return [c for c in self.notify_calls() if 'set 1 of' in c['summary']]

    @setup(caps=None)
    def test_set_waits_for_a_notification_server(self):
        # No server and no display: the set is in the log only. Once a
        # server comes (the session's starts late), the set is shown; it
        # used to be dropped for good, and a set asked for in the moment
        # after start-up, before mobed had heard of the server, too.
        self.start_plan(['neck-circles'], sets=1, days=1)
        self.assert_eventually(lambda: 'Focus set 1 of 1 due' in self.daemon_log(), 10)
        self.start_notification_server()
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1], 10,
                                      'the set was not shown when a server came')
        self.assertEqual(note['summary'], 'Neck circles · 40 each way · set 1 of 1 today')

    def daemon_log(self):
        return Path(next(p for t, p in self.logs if t.startswith('mobed'))).read_text()

    def test_set_done_and_checkin(self):
        plan = self.start_plan(['neck-circles'], sets=1, days=1)
        self.assertEqual(plan['target'], 'neck-circles')
        self.assertEqual(plan['drills'][0]['reps_text'], '40 each way')
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.assertEqual(note['summary'], 'Neck circles · 40 each way · set 1 of 1 today')
        self.assertEqual(note['actions'][0::2], ['default', 'done', 'snooze', 'skip'])
        self.assertIn('all in one go', note['body'])
        # The same safety line as a microbreak, once, at the end.
        self.assertTrue(note['body'].endswith('\nGo easy. If it tires, tightens or hurts, go smaller or '
                                              'slower; if it still feels wrong, stop.'), note['body'])
        self.assertEqual(note['body'].count('Go easy.'), 1)
        # The drill's caution comes with the set, after its cue.
        self.assertIn('\nStop if you get dizzy', note['body'])
        self.assertEqual(self.get_prop('Focus')['set_state'], 'shown')
        # The microbreak is not touched by a focus set.
        self.assertEqual(self.get_prop('State'), 'working')

        self.emit_action(note['id'], 'done')
        self.assert_eventually(lambda: self.get_prop('Focus').get('today_done') == 1)
        rows = self.rows('SELECT set_number, outcome, reps_done FROM focus_sets')
        self.assertEqual(rows, [(1, 'done', 80)])
        self.assertEqual(self.rows('SELECT count(*) FROM breaks'), [(0,)])
        # Stats know the plan, apart from the microbreak counts.
        rc, out, err = self.mobectl('stats')
        self.assertEqual(rc, 0, err)
        self.assertIn('Focus plan for neck-circles (running):', out)
        self.assertRegex(out, r'Sets done: \w+ \d+ \w+ 1/1\n')
        self.assertIn('Reps: 80', out)
        rc, out, err = self.mobectl('--json', 'stats')
        doc = json.loads(out)
        self.assertEqual(doc['totals']['offered'], 0)
        self.assertEqual(doc['focus']['total_reps'], 80)
        self.assertTrue(doc['focus']['active'])
        self.assertEqual([(d['planned'], d['offered'], d['done']) for d in doc['focus']['plan_days']],
                         [(1, 1, 1)])

        # No other set fits today: the (last) check-in asks.
        checkin = self.assert_eventually(
            lambda: [c for c in self.notify_calls() if c['summary'] == 'Your focus plan is done'])
        self.assertEqual(checkin[0]['actions'][0::2], ['default', 'better', 'same', 'worse'])
        self.emit_action(checkin[0]['id'], 'same')
        advice = self.assert_eventually(
            lambda: [c for c in self.notify_calls() if c['summary'] == 'No better after these days'])
        self.assertEqual(advice[0]['actions'][0::2], ['default', 'end', 'extend'])
        self.assertEqual(self.get_prop('Focus')['ratings'], [(1, 'same')])
        self.assertEqual(self.rows('SELECT day_index, answer FROM focus_ratings'),
                         [(0, 'same')])
        # "Stop the plan" ends it.
        self.emit_action(advice[0]['id'], 'end')
        self.assert_eventually(lambda: self.get_prop('Focus') == {})
        ended = self.rows('SELECT ended_us FROM focus_plans')
        self.assertIsNotNone(ended[0][0])
        rc, out, err = self.mobectl('--json', 'stats')
        focus = json.loads(out)['focus']
        self.assertFalse(focus['active'])
        self.assertEqual(focus['ratings'], [{'day': 1, 'answer': 'same'}])
        rc, out, err = self.mobectl('stats')
        self.assertIn('Focus plan for neck-circles (ended):', out)
        self.assertIn('Day 1: same', out)

    def test_snooze_moves_the_whole_set(self):
        self.start_plan(['wrist-circles'], sets=1)
        first = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.emit_action(first['id'], 'snooze')
        self.assert_eventually(lambda: self.get_prop('Focus')['set_state'] == 'snoozed')
        # Closing goes through the notifier's worker thread: it may come just after.
        self.assert_eventually(lambda: first['id'] in self.close_calls(), 5)
        # Back, whole, as set 1 again after the 2 s snooze.
        self.advance(2)
        again = self.assert_eventually(lambda: len(self.focus_notes()) >= 2
                                       and self.focus_notes()[-1])
        self.assertEqual(again['summary'], first['summary'])
        # mobectl done answers the set: no microbreak is due.
        rc, out, err = self.mobectl('done')
        self.assertEqual(rc, 0, err)
        self.assert_eventually(lambda: self.rows('SELECT count(*) FROM focus_sets')
                               == [(1,)])
        self.assertEqual(self.rows('SELECT outcome, snoozes FROM focus_sets'),
                         [('done', 1)])
        # Nothing left to answer.
        rc, out, err = self.mobectl('done')
        self.assertEqual(rc, 1)
        self.assertIn('No break is due', err)

    def test_microbreaks_leave_out_the_focus_drills(self):
        self.start_plan(['neck-circles', 'wrist-circles'], sets=1)
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.emit_action(note['id'], 'skip')
        self.assert_eventually(lambda: self.rows('SELECT outcome FROM focus_sets')
                               == [('skipped',)])
        # Within the hour after a set, no microbreak repeats its drills.
        for _ in range(8):
            self.call('TakeBreak')
            ids = [d['id'] for d in self.get_prop('CurrentBreak')['drills']]
            self.assertTrue(ids)
            self.assertNotIn('neck-circles', ids)
            self.assertNotIn('wrist-circles', ids)
            self.call('Skip')

    def test_worse_makes_it_easier_then_says_stop(self):
        """A first "worse" (a check-in button) lowers the dose by about a
        third, with "keep the old dose" and "stop" on offer, never "keep
        going"; keeping the dose restores it; a second "worse" says stop and
        when to see someone."""
        plan = self.start_plan(['neck-circles'], sets=1, days=3)
        self.assertEqual(plan['drills'][0]['reps'], 40)
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.emit_action(note['id'], 'done')
        checkin = self.assert_eventually(
            lambda: [c for c in self.notify_calls() if 'better' in c['actions'][0::2]])
        self.emit_action(checkin[-1]['id'], 'worse')
        easier = self.assert_eventually(
            lambda: [c for c in self.notify_calls() if c['summary'] == 'Easier from the next set'])
        self.assertEqual(easier[0]['actions'][0::2], ['default', 'keep-dose', 'end'])
        self.assertEqual(self.get_prop('Focus')['drills'][0]['reps'], 26)
        # The easier dose is in the history: a restart keeps it.
        self.assertEqual(self.rows('SELECT drills FROM focus_plans'), [('neck-circles:26',)])
        # "Keep the old dose" puts it back.
        self.emit_action(easier[0]['id'], 'keep-dose')
        self.assert_eventually(lambda: self.get_prop('Focus')['drills'][0]['reps'] == 40)
        self.assertEqual(self.rows('SELECT drills FROM focus_plans'), [('neck-circles:40',)])
        rc, out, err = self.mobectl('focus', '--keep-dose')
        self.assertEqual(rc, 2, out)
        self.assertIn('nothing to keep', err)
        # Worse again: stop, and when to see someone; no "keep going".
        rc, out, err = self.mobectl('--json', 'focus', 'rate', 'worse')
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc['advice'], 'stop')
        self.assertIn('physiotherapist', doc['message'])
        self.assertNotIn('doses', doc)
        self.assertEqual(self.get_prop('Focus')['drills'][0]['reps'], 40)

    def test_worse_on_the_last_day_offers_only_stopping(self):
        self.start_plan(['neck-circles'], sets=1, days=1)
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.emit_action(note['id'], 'done')
        checkin = self.assert_eventually(
            lambda: [c for c in self.notify_calls() if c['summary'] == 'Your focus plan is done'])
        self.emit_action(checkin[0]['id'], 'worse')
        advice = self.assert_eventually(
            lambda: [c for c in self.notify_calls()
                     if c['summary'] == 'It feels worse: stop the plan'])
        self.assertEqual(advice[0]['actions'][0::2], ['default', 'end'])
        self.assertIn('numbness, tingling or dizziness', advice[0]['body'])
        self.assertFalse([c for c in self.notify_calls() if 'extend' in c['actions'][0::2]])

    def test_worse_from_mobectl_names_the_new_doses(self):
        self.start_plan(['neck-circles', 'wrist-circles'], sets=1, days=3)
        rc, out, err = self.mobectl('focus', 'rate', 'worse')
        self.assertEqual(rc, 0, err)
        self.assertIn('about a third fewer reps', out)
        self.assertIn('neck-circles: 40 → 26', out)
        rc, out, err = self.mobectl('focus', '--keep-dose')
        self.assertEqual(rc, 0, err)
        self.assertIn('keeps its old dose', out)
        rc, out, err = self.mobectl('focus', '--keep-dose', '--stop')
        self.assertEqual(rc, 2)

    def test_plan_survives_a_restart(self):
        rc, out, err = self.mobectl('focus', 'neck-pain', '--sets', '1', '--yes')
        self.assertEqual(rc, 0, err)
        self.assertIn('Neck circles · 40 each way', out)
        self.assertIn('Front-of-neck opener (neck flexors) · 25 per side', out)
        self.assertIn('Focus plan for neck-pain:', out)
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.emit_action(note['id'], 'done')
        self.assert_eventually(lambda: self.get_prop('Focus').get('today_done') == 1)
        rc, out, err = self.mobectl('focus', 'rate', 'better')
        self.assertEqual(rc, 0, err)
        self.assertIn('Keep going', out)

        self.stop_daemon()
        self.daemon = self.start_daemon()
        focus = self.get_prop('Focus')
        self.assertEqual(focus['target'], 'neck-pain')
        self.assertEqual(focus['day'], 1)
        self.assertEqual(focus['days'], 3)
        self.assertEqual(focus['today_done'], 1)
        self.assertEqual(focus['ratings'], [(1, 'better')])
        # The day's one set is done: it is not shown again.
        notes = len(self.notify_calls())
        self.assert_holds(lambda: len(self.notify_calls()) == notes
                          and self.get_prop('Focus')['set_state'] != 'shown', 1.5)

        rc, out, err = self.mobectl('--json', 'focus')
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)['focus']
        self.assertEqual(doc['today'], {'done': 1, 'answered': 1})
        self.assertEqual([d['id'] for d in doc['drills']], ['neck-circles', 'neck-flexors'])
        self.assertIsNone(doc['next_set'])
        rc, out, err = self.mobectl('focus')
        self.assertIn('Day 1 of 3 · today 1 of 1 sets done', out)
        self.assertIn('Day 1: better', out)

        rc, out, err = self.mobectl('focus', '--extend', '2')
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.get_prop('Focus')['days'], 5)
        rc, out, err = self.mobectl('focus', '--stop')
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.get_prop('Focus'), {})
        rc, out, err = self.mobectl('focus')
        self.assertIn('No focus plan is running', out)

    def test_dry_run_and_one_plan_at_a_time(self):
        plan = self.start_plan(['neck-pain'], dry_run=True)
        self.assertEqual([d['id'] for d in plan['drills']], ['neck-circles', 'neck-flexors'])
        self.assertEqual(plan['sets_per_day'], 2)
        self.assertEqual(self.get_prop('Focus'), {})
        # Without --yes and not on a terminal: shown, not started.
        rc, out, err = self.mobectl('focus', 'low-back-pain')
        self.assertEqual(rc, 0, err)
        self.assertIn('Not started', out)
        # The proposal says what the catalog's cautions say about its drills.
        rc, out, err = self.mobectl('focus', 'neck-pain')
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r'\nTake care with Neck circles: Stop if you get dizzy')
        self.assertRegex(out, r'\nTake care with Front-of-neck opener \(neck flexors\): Stop if')
        self.assertEqual(self.get_prop('Focus'), {})

        self.start_plan(['neck-pain'])
        msg = self.assert_dbus_error('org.mobed.Error.FocusActive', 'StartFocus',
                                     ['wrist-circles'], {})
        self.assertIn('stop it first', msg)
        rc, out, err = self.mobectl('focus', 'wrist-circles', '--yes')
        self.assertEqual(rc, 1)
        self.assertEqual(self.get_prop('Focus')['target'], 'neck-pain')

    def test_do_not_disturb_holds_a_set(self):
        iface = 'org.freedesktop.Notifications'
        self._mock('AddProperty', GLib.Variant('(ssv)', (iface, 'Inhibited',
                                                         GLib.Variant('b', False))))
        # mobed looks for the property when the server appears: start afresh.
        self.stop_daemon()
        self.daemon = self.start_daemon()
        self._mock('UpdateProperties', GLib.Variant('(sa{sv})', (iface, {
            'Inhibited': GLib.Variant('b', True)})))
        self.assert_eventually(lambda: self.get_prop('DeferReasons') == ['notifications-inhibited'])
        self.start_plan(['neck-circles'], sets=1)
        self.assert_holds(lambda: not self.focus_notes()
                          and self.get_prop('Focus')['set_state'] == 'waiting', 1.5)
        self._mock('UpdateProperties', GLib.Variant('(sa{sv})', (iface, {
            'Inhibited': GLib.Variant('b', False)})))
        note = self.assert_eventually(lambda: self.focus_notes() and self.focus_notes()[-1])
        self.assertIn('set 1 of 1 today', note['summary'])

    def test_bad_input(self):
        cases = [
            (['focus', 'neck-pain', '--sets', '0'], '--sets must be a number from 1 to 3'),
            (['focus', 'neck-pain', '--reps', '500'], '--reps must be a number from 5 to 100'),
            (['focus', 'neck-pain', '--days', 'soon'], "--days must be a number from 1 to 14"),
            (['focus', 'elbow-of-steel', '--yes'], "'elbow-of-steel' is neither a drill nor"),
            (['focus', 'rate', 'meh'], "answer better, same or worse, not 'meh'"),
            (['focus', 'rate'], 'usage: mobectl focus rate'),
            (['focus', '--stop', 'neck-pain'], '--stop, --extend and --keep-dose go alone'),
            (['focus', '--extend', '0'], '--extend must be a number from 1 to 14'),
            (['focus', '--sets', '2'], 'name a problem or drills'),
        ]
        for args, words in cases:
            rc, out, err = self.mobectl(*args)
            self.assertEqual(rc, 2, f'{args}: {err}')
            self.assertIn(words, err, args)
            self.assertEqual(len(err.strip().splitlines()), 2, err)   # reason + hint
        for targets, opts, words in [
            (['neck-pain'], {'sets': GLib.Variant('u', 0)}, "'sets' must be at least 1"),
            (['neck-pain'], {'reps': GLib.Variant('u', 500)}, 'Reps a set must be between'),
            (['neck-pain'], {'sets': GLib.Variant('s', 'two')}, "'sets' has the wrong type"),
            (['neck-pain'], {'colour': GLib.Variant('s', 'red')}, "Unknown option 'colour'"),
            ([], {}, 'Name a problem'),
            (['neck-circles'] * 1 + ['wrist-circles', 'foot-circles', 'spinal-twist',
                                     'pelvic-circles', 'neck-flexors'], {}, 'at most 5 drills'),
        ]:
            msg = self.assert_dbus_error(INVALID, 'StartFocus', targets, opts)
            self.assertIn(words, msg)
        self.assertIn('better, same or worse',
                      self.assert_dbus_error(INVALID, 'RateFocus', 'meh'))
        self.assert_dbus_error('org.mobed.Error.NoFocus', 'RateFocus', 'better')
        self.assert_dbus_error('org.mobed.Error.NoFocus', 'StopFocus')
        self.assert_dbus_error('org.mobed.Error.NoFocus', 'ExtendFocus', 3)
        self.assert_dbus_error(INVALID, 'ExtendFocus', 0)
        # Nothing was started, and mobed is still answering.
        self.assertEqual(self.get_prop('Focus'), {})
        self.assertEqual(self.rows('SELECT count(*) FROM focus_plans'), [(0,)])
        with self.assertRaises(DBusCallError):
            self.call('Done')


if __name__ == '__main__':
    main()

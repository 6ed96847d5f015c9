#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_daemon.py — the real mobed on a private bus: breaks falling due, the
notification and its buttons, the D-Bus API's properties and errors.

Run all with `python3 test_daemon.py`, one with
`python3 test_daemon.py TestBreakFlow.test_action_done`.
"""

import os
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import (BUS_NAME, DRILL_LINE, MOBED_BIN, SLOWDOWN,  # noqa: E402
                       MobedTestCase, main, now_us, setup)

ACTIONS = ['default', 'Show the steps', 'done', 'Done', 'snooze', 'Snooze 3 s', 'skip', 'Skip', 'another', 'Another']


def first_line(body):
    return body.split('\n', 1)[0]


class TestBreakFlow(MobedTestCase):
    """interval=2s: a break falls due by itself, answered through the notification."""

    def due_notification(self):
        """The interval passes: the first break and its notification."""
        self.advance(2)
        self.wait_state('due')
        return self.wait_notify()

    @setup(config={'notify': {'sound': 'true'}})
    def test_sound_without_sound_server_is_harmless(self):
        # With no sound server (a private XDG_RUNTIME_DIR), libcanberra
        # fails; mobed says so at most once and the breaks go on (a machine
        # whose ALSA device works may play the sounds instead).
        n = self.due_notification()
        self.emit_action(n['id'], 'done')
        self.wait_ended('done')
        self.call('TakeBreak')
        self.call('Done')
        log = self.logs[-1][1].read_text()
        self.assertLessEqual(log.count("breaks continue without sound"), 1, log)
        self.assertEqual(self.get_prop('TodayDone'), 2)

    @setup(config={'notify': {'sound': 'true'}})
    def test_audio_driver_only_for_a_chime(self):
        # libcanberra's audio driver (here ALSA's, which finds no card) is
        # loaded for a chime and let go after it, whether the sound played
        # or failed: between breaks mobed holds no audio device.
        def mapped(name):
            with open(f'/proc/{self.daemon.pid}/maps', encoding='utf-8') as f:
                return name in f.read()

        self.assertFalse(mapped('libcanberra-0.30/'), 'an audio driver loaded before any chime')
        n = self.due_notification()
        self.assert_eventually(lambda: not mapped('libcanberra-0.30/'), timeout=10,
                               message='the audio driver still mapped after the chime')
        self.emit_action(n['id'], 'done')
        self.wait_ended('done')
        self.assert_eventually(lambda: not mapped('libcanberra-0.30/'), timeout=10,
                               message='the audio driver still mapped after the second chime')
        self.assertFalse(mapped('libasound'))
        log = self.logs[-1][1].read_text()
        self.assertLessEqual(log.count("breaks continue without sound"), 1, log)

    @setup(config={'notify': {'sound': 'false'}})
    def test_no_audio_driver_without_sound(self):
        n = self.due_notification()
        self.emit_action(n['id'], 'done')
        self.wait_ended('done')
        with open(f'/proc/{self.daemon.pid}/maps', encoding='utf-8') as f:
            self.assertNotIn('libcanberra-0.30/', f.read())
        self.assertFalse(any('sound' in l for l in self.logs[-1][1].read_text().splitlines()
                             if 'without sound' in l))

    @setup(config={'schedule': {'interval': '1m'}})
    def test_break_falls_due_after_interval(self):
        # Due after the interval of activity, not before.
        self.assert_holds(lambda: self.get_prop('State') == 'working'
                          and not self.signal_args('BreakStarted'), 50)
        self.advance(10)
        self.wait_state('due')
        started = self.wait_signal('BreakStarted')
        current = self.get_prop('CurrentBreak')
        self.assertEqual(started[0][0], current)
        self.assertEqual(current['snoozes'], 0)
        self.assertEqual(current['snoozed_until'], 0)
        self.assertGreaterEqual(current['due'] - self.daemon_started, 60e6)
        self.assertLess(current['due'] - self.daemon_started, 63e6 * SLOWDOWN)
        self.assertGreaterEqual(len(current['drills']), 1)
        for drill in current['drills']:
            self.assertLessEqual({'id', 'name', 'summary', 'reps', 'per_side'}, set(drill))
            self.assertGreater(drill['reps'], 0)
        self.assertEqual(self.get_prop('NextBreak'), 0)

        n = self.wait_notify()
        self.assertEqual(n['app_name'], 'mobed')
        self.assertEqual(n['summary'], 'Time to move')
        self.assertRegex(first_line(n['body']), DRILL_LINE)
        self.assertIn(current['drills'][0]['name'], first_line(n['body']))
        # One safety line, the body's last: go easy, ease off, stop if need be.
        self.assertEqual(n['body'].split('\n')[-1], 'Go easy. If it tires, tightens or hurts, go smaller or slower; if it still feels wrong, stop.')
        self.assertEqual(n['expire_timeout'], 0)
        self.assertEqual(n['actions'], ACTIONS)

    @setup(config={'schedule': {'snooze': '5m'}})
    def test_snooze_label_follows_config(self):
        n = self.due_notification()
        self.assertEqual(n['actions'][4:6], ['snooze', 'Snooze 5 min'])
        self.assertEqual(self.get_prop('SnoozeLength'), 300)

    @setup(caps='body')
    def test_server_without_actions_gets_commands_in_body(self):
        n = self.due_notification()
        self.assertEqual(n['actions'], [])
        self.assertIn('mobectl done', n['body'])
        self.assertRegex(first_line(n['body']), DRILL_LINE)

    def test_mako_gets_the_short_safety_line(self):
        # mako draws no buttons and cuts a third line (the desktop suite's
        # sway test measures it): its body is the drill lines, then the
        # safety line's shortest form with the commands.
        from gi.repository import GLib
        self.bus.call_sync('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                           'org.freedesktop.DBus.Mock', 'AddMethod',
                           GLib.Variant('(sssss)', ('org.freedesktop.Notifications',
                                                    'GetServerInformation', '', 'ssss',
                                                    'ret = ("mako", "emersion", "1.7", "1.2")')),
                           None, 0, 5000, None)
        lines = self.due_notification()['body'].split('\n')
        self.assertRegex(lines[0], DRILL_LINE)
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines[-1], 'Stop if it hurts · mobectl done · snooze · skip')
        self.assertNotIn('Go easy.', '\n'.join(lines))

    def test_action_done(self):
        n = self.due_notification()
        self.emit_action(n['id'], 'done')
        self.wait_ended('done')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('TodayDone'), 1)
        self.assertEqual(self.get_prop('CurrentBreak'), {})

    def test_action_skip(self):
        n = self.due_notification()
        self.emit_action(n['id'], 'skip')
        self.wait_ended('skipped')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('TodayDone'), 0)

    def test_action_snooze(self):
        n = self.due_notification()
        self.emit_action(n['id'], 'snooze')
        self.wait_state('snoozed', timeout=2)
        current = self.get_prop('CurrentBreak')
        self.assertEqual(current['snoozes'], 1)
        self.assertAlmostEqual(current['snoozed_until'], self.now_us() + 3e6, delta=1.5e6)
        # Closing goes through the notifier's worker thread: it may come just after.
        self.assert_eventually(lambda: n['id'] in self.close_calls(), 5)
        self.assertEqual(self.signal_args('BreakEnded'), [])

        # The snooze (3 s) ends: the same break, the same drill, comes back.
        self.advance(3)
        again = self.wait_notify(count=2, timeout=10)
        self.assertEqual(first_line(again['body']), first_line(n['body']))
        self.wait_state('due', timeout=2)
        self.wait_signal('BreakStarted', count=2)
        self.assertEqual(self.get_prop('CurrentBreak')['snoozes'], 1)

    def test_action_another(self):
        # Many servers close a notification by themselves once a button is
        # pressed and report it as dismissed by the user; so the daemon takes
        # the old one down and raises a fresh one rather than updating it.
        n = self.due_notification()
        self.emit_action(n['id'], 'another')
        update = self.wait_notify(count=2, timeout=5)
        self.assertEqual(update['replaces_id'], 0, 'Another must raise a fresh notification')
        self.assertIn(n['id'], self.close_calls())
        self.assertRegex(first_line(update['body']), DRILL_LINE)
        self.assertNotEqual(first_line(update['body']), first_line(n['body']))
        self.assertEqual(self.get_prop('State'), 'due')
        self.assertEqual(self.signal_args('BreakEnded'), [])

    def test_dbus_another_raises_a_fresh_notification(self):
        # mobectl another: GNOME drops the buttons of a notification that is
        # updated while its banner is up, so it is closed and sent anew.
        n = self.due_notification()
        self.call('Another')
        again = self.wait_notify(count=2, timeout=5)
        self.assertEqual(again['replaces_id'], 0)
        self.assertIn(n['id'], self.close_calls())
        self.assertEqual(again['actions'], ACTIONS)
        self.assertEqual(self.signal_args('BreakEnded'), [])
        # Another drill for the same break is not a break falling due.
        log = self.logs[-1][1].read_text()
        self.assertEqual(log.count('Break due:'), 1, log)
        self.assertEqual(log.count('Another drill for the break:'), 1, log)

    def test_body_click_shows_the_steps(self):
        # The default action (a click on the body) is no answer: the break
        # comes back as a fresh notification showing its drills' steps,
        # numbered, with the same buttons, and the close the server sends
        # after it is not "dismissed". A click on the steps shows them again.
        n = self.due_notification()
        self.emit_action(n['id'], 'default')
        steps = self.wait_notify(count=2, timeout=5)
        self.emit_closed(n['id'], 2)
        self.assertEqual(steps['replaces_id'], 0)
        self.assertEqual(first_line(steps['body']), first_line(n['body']))
        self.assertIn('\n1. ', steps['body'])
        self.assertIn('\n2. ', steps['body'])
        self.assertEqual(steps['actions'], ['default', 'Show again'] + ACTIONS[2:])
        self.assert_holds(lambda: self.get_prop('State') == 'due', 1)
        self.assertEqual(self.signal_args('BreakEnded'), [])

        self.emit_action(steps['id'], 'default')
        again = self.wait_notify(count=3, timeout=5)
        self.assertEqual(again['body'], steps['body'])
        self.assertEqual(again['actions'], steps['actions'])
        self.emit_action(again['id'], 'done')
        self.wait_ended('done')

    def test_dismissed_by_user_ends_break(self):
        n = self.due_notification()
        self.emit_closed(n['id'], 2)
        self.wait_ended('dismissed')
        self.assertEqual(self.get_prop('State'), 'working')

    def test_expired_notification_keeps_break_due(self):
        n = self.due_notification()
        self.emit_closed(n['id'], 1)
        self.assert_holds(lambda: self.get_prop('State') == 'due' and
                          not self.signal_args('BreakEnded'), 1.0,
                          'an expired notification ended the break')
        # It can still be answered.
        self.call('Done')
        self.wait_ended('done')

    @setup(config={'schedule': {'expire-after': '30s'}})
    def test_unanswered_break_is_missed(self):
        self.due_notification()
        self.assert_holds(lambda: self.get_prop('State') == 'due', 20)
        self.advance(10)
        self.wait_ended('missed')
        self.assertNotEqual(self.get_prop('State'), 'due')
        self.assertEqual(self.get_prop('TodayDone'), 0)

    def test_next_break_after_done(self):
        self.due_notification()
        self.call('Done')
        self.wait_ended('done')
        next_break = self.get_prop('NextBreak')
        self.assertAlmostEqual(next_break, self.now_us() + 2e6, delta=1.5e6)
        self.advance(2)
        self.wait_notify(count=2, timeout=10)
        self.wait_signal('BreakStarted', count=2)


class TestDBusApi(MobedTestCase):
    """interval=1h: nothing falls due by itself; breaks start with TakeBreak."""
    config = {'schedule': {'interval': '1h'}}

    def test_initial_properties(self):
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 3600e6, delta=5e6)
        self.assertEqual(self.get_prop('PausedUntil'), 0)
        self.assertEqual(self.get_prop('CurrentBreak'), {})
        self.assertEqual(self.get_prop('TodayDone'), 0)
        self.assertEqual(self.get_prop('DailyGoal'), 8)
        self.assertEqual(self.get_prop('SnoozeLength'), 3)
        self.assertEqual(self.get_prop('Version'), '0.1.0')

    def test_take_break(self):
        self.call('TakeBreak')
        self.wait_state('due', timeout=2)
        self.wait_signal('BreakStarted')
        n = self.wait_notify()
        self.assertRegex(first_line(n['body']), DRILL_LINE)
        self.call('Done')
        self.wait_ended('done')
        self.assertEqual(self.get_prop('TodayDone'), 1)

    def test_another_swaps_the_drill(self):
        self.call('TakeBreak')
        first = self.wait_notify()
        before = self.get_prop('CurrentBreak')
        self.call('Another')
        after = self.get_prop('CurrentBreak')
        self.assertNotEqual([d['id'] for d in after['drills']],
                            [d['id'] for d in before['drills']])
        self.assertEqual(after['due'], before['due'], 'still the same break')
        shown = self.wait_notify(count=2)
        self.assertNotEqual(first_line(shown['body']), first_line(first['body']))
        self.assertIn(after['drills'][0]['name'], first_line(shown['body']))
        self.assertEqual(self.get_prop('State'), 'due')

    def test_answers_with_nothing_due(self):
        for method, args in (('Done', ()), ('Skip', ()), ('Snooze', (60,)), ('Another', ())):
            with self.subTest(method=method):
                self.assert_dbus_error('org.mobed.Error.NotDue', method, *args)
        self.assertEqual(self.get_prop('State'), 'working')

    def test_snooze_out_of_range(self):
        self.call('TakeBreak')
        self.wait_state('due', timeout=2)
        for seconds in (0, 2**64 - 1, 12 * 3600 + 1):
            with self.subTest(seconds=seconds):
                msg = self.assert_dbus_error('org.freedesktop.DBus.Error.InvalidArgs',
                                             'Snooze', seconds)
                self.assertRegex(msg, r'12 ?h|43200|12 hours', 'message names the range')
        self.assertEqual(self.get_prop('State'), 'due')
        self.call('Snooze', 12 * 3600)
        self.assertEqual(self.get_prop('State'), 'snoozed')

    def test_pause_out_of_range(self):
        msg = self.assert_dbus_error('org.freedesktop.DBus.Error.InvalidArgs',
                                     'Pause', 30 * 86400 + 1)
        self.assertRegex(msg, r'30 ?d|2592000|30 days', 'message names the range')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('PausedUntil'), 0)

    def test_resume_when_not_paused(self):
        self.assert_dbus_error('org.mobed.Error.NotPaused', 'Resume')

    def test_take_break_while_paused(self):
        self.call('Pause', 0)
        self.assert_dbus_error('org.mobed.Error.Paused', 'TakeBreak')
        self.assertEqual(self.get_prop('State'), 'paused')

    def test_pause_until_resume(self):
        self.call('Pause', 0)
        self.assertEqual(self.get_prop('State'), 'paused')
        self.assertEqual(self.get_prop('PausedUntil'), -1)
        self.assertEqual(self.get_prop('NextBreak'), 0)
        self.call('Resume')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('PausedUntil'), 0)
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 3600e6, delta=5e6)

    def test_pause_for_an_hour(self):
        self.call('Pause', 3600)
        self.assertEqual(self.get_prop('State'), 'paused')
        self.assertAlmostEqual(self.get_prop('PausedUntil'), now_us() + 3600e6, delta=5e6)

    def test_pause_survives_restart(self):
        self.call('Pause', 0)
        self.assertEqual(self.stop_daemon(), 0)
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('State'), 'paused')
        self.assertEqual(self.get_prop('PausedUntil'), -1)

    def test_timed_pause_survives_restart(self):
        self.call('Pause', 3600)
        until = self.get_prop('PausedUntil')
        self.assertEqual(self.stop_daemon(), 0)
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('State'), 'paused')
        self.assertAlmostEqual(self.get_prop('PausedUntil'), until, delta=2e6)

    def test_reload_returns_warnings(self):
        self.write_config({'schedule': {'interval': '1h', 'snooze': 'banana',
                                        'no-such-key': '1'}})
        warnings = self.call('Reload')
        text = '\n'.join(warnings)
        self.assertEqual(len(warnings), 2, text)
        self.assertIn(str(self.config_path), text)
        self.assertIn('snooze', text)
        self.assertIn('no-such-key', text)
        self.assertEqual(self.get_prop('SnoozeLength'), 3, 'a bad value keeps the old one')


class TestNoNotificationServer(MobedTestCase):
    """No org.freedesktop.Notifications on the bus until the test starts one."""
    caps = None
    config = {'schedule': {'interval': '1h'}}

    def test_runs_without_server(self):
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r'(?m)^State: +working$')
        rc, out, err = self.mobectl('now')
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.get_prop('State'), 'due')
        self.wait_signal('BreakStarted')

        self.start_notification_server()
        rc, out, err = self.mobectl('now')
        self.assertEqual(rc, 0, err)
        n = self.wait_notify()
        self.assertEqual(n['summary'], 'Time to move')
        self.assertRegex(first_line(n['body']), DRILL_LINE)
        self.assertEqual(n['actions'], ACTIONS)

    @setup(config={'schedule': {'interval': '4s'}})
    def test_next_break_reaches_server_that_appears_later(self):
        self.advance(4)
        self.wait_state('due')
        self.call('Skip')
        self.wait_ended('skipped')
        self.start_notification_server()
        self.advance(4)
        n = self.wait_notify(timeout=10)
        self.assertRegex(first_line(n['body']), DRILL_LINE)
        self.wait_signal('BreakStarted', count=2)


class TestLifecycle(MobedTestCase):
    """Starting, replacing, activating, signalling and stopping mobed."""
    config = {'schedule': {'interval': '1h'}}

    def run_mobed(self, *args):
        res = subprocess.run([MOBED_BIN, *args], env=self.env, capture_output=True,
                             text=True, timeout=10 * SLOWDOWN, check=False)
        self.transcript.append(f'$ mobed {" ".join(args)}  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        return res

    def test_second_instance_refused(self):
        res = self.run_mobed()
        self.assertEqual(res.returncode, 1)
        self.assertIn('already running', res.stderr)
        self.assertIn('--replace', res.stderr)
        # Refused before anything else starts: no other start-up line.
        self.assertEqual(len(res.stderr.strip().splitlines()), 1, res.stderr)
        self.assertIsNone(self.daemon.poll())
        self.assertEqual(self.owner_pid(BUS_NAME), self.daemon.pid)

    def test_replace_takes_over(self):
        first, self.daemon = self.daemon, None
        second = self.start_daemon('--replace')
        self.daemon = second
        self.assertEqual(first.wait(timeout=10 * SLOWDOWN), 0)
        self.assertEqual(self.owner_pid(BUS_NAME), second.pid)
        self.assertEqual(self.get_prop('Version'), '0.1.0')
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)

    @setup(daemon=False, activatable=True)
    def test_dbus_activation(self):
        self.assertIsNone(self.owner_pid(BUS_NAME))
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r'(?m)^State: +working$')
        pid = self.owner_pid(BUS_NAME)
        self.assertIsNotNone(pid, 'mobectl status did not activate mobed')
        self.addCleanup(self.kill_quietly, pid, signal.SIGKILL)
        self.assertEqual(self.get_prop('State'), 'working')
        os.kill(pid, signal.SIGTERM)
        self.assert_eventually(lambda: self.owner_pid(BUS_NAME) is None, 10,
                               'the activated mobed did not leave on SIGTERM')

    @staticmethod
    def kill_quietly(pid, sig):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass

    @setup(config={'schedule': {'interval': '10m'}})
    def test_sighup_reloads(self):
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 600e6, delta=5e6)
        self.write_config({'schedule': {'interval': '1h'}})
        self.daemon.send_signal(signal.SIGHUP)
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 3600e6)) < 10e6, 5,
            'NextBreak did not move to about an hour out after SIGHUP')
        # The file watch would reload too: the log shows SIGHUP did it.
        self.assert_eventually(
            lambda: 'Reloading the configuration (SIGHUP)' in self.logs[-1][1].read_text(), 5)
        self.assertIsNone(self.daemon.poll())

    def test_edits_are_picked_up_without_a_signal(self):
        self.write_config({'schedule': {'interval': '45m'}})
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 2700e6)) < 10e6, 5,
            'NextBreak did not follow an edit of mobed.conf')
        # An editor that writes a new file and renames it over the old one.
        tmp = self.config_path.with_suffix('.tmp')
        tmp.write_text('[schedule]\ninterval=2h\n[notify]\nsound=false\n')
        tmp.rename(self.config_path)
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 7200e6)) < 10e6, 5,
            'NextBreak did not follow a renamed-over mobed.conf')
        # A new drills.ini is picked up too.
        (self.config_path.parent / 'drills.ini').write_text(
            '[desk-pushups]\nname=Desk push-ups\nsummary=Push away from the desk edge.\n'
            'steps=Hands on the edge;Lower and push back\nregions=chest\nsettings=standing\n'
            'good-for=\nreps-small=10\nreps-focus=30\nper-side=false\nseconds-per-rep=3\n')
        self.assert_eventually(lambda: 'desk-pushups' in self.mobectl('drills')[1], 5)

    def test_edit_keeps_the_current_break(self):
        self.call('TakeBreak')
        before = self.get_prop('CurrentBreak')
        self.write_config({'schedule': {'interval': '20m', 'snooze': '2m'}})
        self.assert_eventually(lambda: self.get_prop('SnoozeLength') == 120, 5)
        self.assertEqual(self.get_prop('State'), 'due')
        self.assertEqual(self.get_prop('CurrentBreak'), before)

    @setup(daemon=False)
    def test_config_directory_created_later(self):
        shutil.rmtree(self.config_path.parent)
        self.daemon = self.start_daemon()
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 900e6, delta=5e6)
        self.write_config({'schedule': {'interval': '1h'}})
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 3600e6)) < 10e6, 5,
            'a config directory made after start was not noticed')

    @setup(daemon=False)
    def test_config_home_created_later(self):
        # Neither ~/.config nor ~/.config/mobed exists at start: both steps
        # of the path are waited for, one after the other.
        shutil.rmtree(self.config_path.parent.parent)
        self.daemon = self.start_daemon()
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 900e6, delta=5e6)
        self.config_path.parent.parent.mkdir()
        # The watch moves down a step before the next one (and reloads).
        self.assert_eventually(
            lambda: 'Configuration files changed' in self.logs[-1][1].read_text(), 5)
        self.write_config({'schedule': {'interval': '1h'}})
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 3600e6)) < 10e6, 5,
            'a config home and directory made after start were not noticed')

    def test_config_directory_removed_and_made_again(self):
        self.write_config({'schedule': {'interval': '45m'}})
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 2700e6)) < 10e6, 5)
        shutil.rmtree(self.config_path.parent)
        # Gone: the defaults again, as at a start without a file.
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 900e6)) < 10e6, 5,
            'removing the config directory was not noticed')
        self.write_config({'schedule': {'interval': '2h'}})
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 7200e6)) < 10e6, 5,
            'a config directory made again was not watched')
        # And edits inside the new directory are seen too.
        self.write_config({'schedule': {'interval': '30m'}})
        self.assert_eventually(
            lambda: abs(self.get_prop('NextBreak') - (now_us() + 1800e6)) < 10e6, 5,
            'an edit in the remade config directory was not noticed')

    def test_other_files_in_the_directory_are_ignored(self):
        # A file that is not ours changing does not reload (the log would say).
        (self.config_path.parent / 'notes.txt').write_text('hello\n')
        (self.config_path.parent / 'mobed.conf~').write_text('[schedule]\ninterval=1h\n')
        # Real time: the reload would come from a GLib timer 0.3 s after the
        # last event, and nothing shows the events were read.
        self.assert_stays(
            lambda: 'Configuration files changed' not in self.logs[-1][1].read_text(), 1)
        self.write_config({'schedule': {'interval': '45m'}})
        self.assert_eventually(
            lambda: 'Configuration files changed' in self.logs[-1][1].read_text(), 5)

    def test_sigint_exits_cleanly(self):
        self.assertEqual(self.stop_daemon(signal.SIGINT), 0)
        self.assert_eventually(lambda: self.owner_pid(BUS_NAME) is None, 5)

    def test_sigterm_exits_cleanly(self):
        self.assertEqual(self.stop_daemon(signal.SIGTERM), 0)
        self.assert_eventually(lambda: self.owner_pid(BUS_NAME) is None, 5)

    @setup(daemon=False)
    def test_version(self):
        res = self.run_mobed('--version')
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout.strip(), 'mobed 0.1.0')


if __name__ == '__main__':
    main()

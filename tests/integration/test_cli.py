#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_cli.py — mobectl against the real mobed on a private bus: what it
prints for people and for scripts (--json), its exit codes and its errors.

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
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio, GLib  # noqa: E402

from mobedtest import (BUS_NAME, MOBECTL_BIN, OBJ_PATH, SLOWDOWN, MobedTestCase,  # noqa: E402
                       local_hhmm, main, now_us, setup)

COMMANDS = ['status', 'now', 'done', 'skip', 'snooze', 'another', 'pause', 'resume', 'meeting',
            'reload', 'drills', 'stats', 'history']
ISO_8601 = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d|Z)$')
PREFIX = 'mobectl: '


def label(name):
    """A status line's label, padded to the value column."""
    return f'{name}:'.ljust(13)


def iso_to_us(text):
    from datetime import datetime
    return int(datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp() * 1e6)


# mobectl status writes a time on another day than today with its weekday
# and date ("Wed 25 Nov 00:05"): near midnight the next break or the end of
# a pause may fall tomorrow.
OTHER_DAY = r'(?:\w+ \d\d \w+ )?'


class CliTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def ok(self, *args):
        """Runs mobectl, expects exit 0 and a quiet stderr; returns stdout."""
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        self.assertEqual(err, '', f'mobectl {" ".join(args)} wrote to stderr')
        return out

    def json_status(self, *args):
        return json.loads(self.ok(*args))

    def start_break(self):
        out = self.ok('now')
        self.assertEqual(self.get_prop('State'), 'due')
        return out


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


class TestCliBus(CliTestCase):
    """How `mobectl status` finds the bus and how long it waits for mobed:
    through GDBus, as every other command, with one call and one timeout."""

    def status_with_env(self, **changes):
        env = {k: v for k, v in dict(self.env, **changes).items() if v is not None}
        # A session of its own: when the last process of a group with a
        # stopped member exits, the kernel sends that member SIGHUP and
        # SIGCONT, which would wake a mobed the test stopped.
        res = subprocess.run([MOBECTL_BIN, 'status'], env=env, capture_output=True, text=True,
                             timeout=60 * SLOWDOWN, check=False, start_new_session=True)
        shown = ' '.join(f'{k}={v}' for k, v in changes.items())
        self.transcript.append(f'$ {shown} mobectl status  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        return res.returncode, res.stdout, res.stderr

    def test_address_list(self):
        # Two addresses, the first with no bus: GDBus tries each in turn.
        missing = self.tmp / 'no-bus-here'
        address = f'unix:path={missing};' + os.environ['DBUS_SESSION_BUS_ADDRESS']
        rc, out, err = self.status_with_env(DBUS_SESSION_BUS_ADDRESS=address)
        self.assertEqual((rc, err), (0, ''))
        self.assertIn(label('State') + 'working', out.splitlines())

    def test_no_bus_at_the_address(self):
        missing = self.tmp / 'no-bus-here'
        rc, out, err = self.status_with_env(DBUS_SESSION_BUS_ADDRESS=f'unix:path={missing}')
        self.assertEqual(rc, 1, out + err)
        self.assertEqual(out, '')
        self.assertTrue(err.startswith('mobectl: could not reach mobed: '), err)

    @setup(daemon=False, caps=None)
    def test_bus_in_runtime_dir(self):
        # Where systemd starts the session bus, DBUS_SESSION_BUS_ADDRESS may
        # be unset and the bus is $XDG_RUNTIME_DIR/bus: mobectl finds it
        # there itself (issue 16: the hand-written client could not, and
        # handed the call on to a second program).
        socket = Path(os.environ['XDG_RUNTIME_DIR']) / 'bus'
        # The policy is session.conf's, without its service directories.
        conf = self.tmp / 'runtime-bus.conf'
        conf.write_text(f"""<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/>
  </policy>
</busconfig>
""")
        lines = subprocess.check_output(['dbus-daemon', '--fork', '--print-address=1',
                                         '--print-pid=1', f'--config-file={conf}'],
                                        text=True).split()
        address, pid = lines[0], int(lines[1])
        self.addCleanup(os.kill, pid, signal.SIGTERM)
        del os.environ['DBUS_SESSION_BUS_ADDRESS']
        self.daemon = self.start_daemon(wait=False)
        bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(bus.close_sync, None)

        def owned():
            reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                  'org.freedesktop.DBus', 'NameHasOwner',
                                  GLib.Variant('(s)', (BUS_NAME,)), None,
                                  Gio.DBusCallFlags.NONE, -1, None)
            return self.daemon.poll() is None and reply.unpack()[0]
        self.assert_eventually(owned, 10, 'mobed did not take its name on the runtime bus')
        for args in (['status'], []):
            with self.subTest(args=args):
                rc, out, err = self.mobectl(*args)
                self.assertEqual((rc, err), (0, ''))
                self.assertIn(label('State') + 'working', out.splitlines())

    def test_stopped_daemon_costs_one_timeout(self):
        # mobed holds its name but answers nothing: mobectl makes one call,
        # waits MOBECTL_TIMEOUT for it and gives up (issue 16: the
        # hand-written client waited, then handed the call on to wait
        # again). A monitor on the bus counts the calls that reach mobed.
        monitor = Gio.DBusConnection.new_for_address_sync(
            os.environ['DBUS_SESSION_BUS_ADDRESS'],
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(monitor.close_sync, None)
        seen = []

        # Calls seen are kept from GDBus, which would answer them, and a
        # monitor that sends anything is cut off.
        def watch(conn, message, incoming):
            if incoming and message.get_message_type() == Gio.DBusMessageType.METHOD_CALL:
                seen.append(message.get_member())
                return None
            return message
        monitor.add_filter(watch)
        monitor.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                          'org.freedesktop.DBus.Monitoring', 'BecomeMonitor',
                          GLib.Variant('(asu)', ([f"type='method_call',destination='{BUS_NAME}'"],
                                                 0)),
                          None, Gio.DBusCallFlags.NONE, -1, None)
        os.kill(self.daemon.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            rc, out, err = self.status_with_env(MOBECTL_TIMEOUT='2')
            self.transcript.append(f'(waited {time.monotonic() - started:.2f} s)')
            # A call of the test's own after mobectl has gone: the monitor
            # sees the bus's messages in order, so once it has this one it
            # has every call mobectl made.
            self.bus.send_message(Gio.DBusMessage.new_method_call(
                BUS_NAME, OBJ_PATH, 'org.freedesktop.DBus.Peer', 'Ping'),
                Gio.DBusSendMessageFlags.NONE)
            self.assert_eventually(lambda: 'Ping' in seen, 10, f'the monitor saw {seen}')
        finally:
            os.kill(self.daemon.pid, signal.SIGCONT)
        self.assertEqual(rc, 1, out + err)
        self.assertEqual(out, '')
        self.assertTrue(err.startswith('mobectl: mobed did not answer within 2 seconds\n'), err)
        self.assertEqual(seen, ['GetAll', 'Ping'])

    def test_timeout_must_be_whole_seconds(self):
        for value in ('0', 'soon', '1.5', '3601'):
            with self.subTest(value=value):
                rc, out, err = self.status_with_env(MOBECTL_TIMEOUT=value)
                self.assertEqual((rc, out), (2, ''))
                self.assertEqual(err, 'mobectl: MOBECTL_TIMEOUT must be a whole number of '
                                      f"seconds from 1 to 3600, not '{value}'\n")
        rc, out, err = self.status_with_env(MOBECTL_TIMEOUT='3600')
        self.assertEqual((rc, err), (0, ''))

    @setup(daemon=False, activatable=False)
    def test_no_daemon(self):
        # The bus answers for the missing name.
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 1, out + err)
        self.assertIn('mobectl: could not reach mobed: ', err)
        self.assertIn('org.mobed.Daemon', err)


class TestCliErrors(CliTestCase):

    def assert_usage_error(self, args, reason=None):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 2, f'mobectl {" ".join(args)}: {out}{err}')
        self.assertEqual(out, '')
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, f'a reason and a hint, got: {err!r}')
        self.assertRegex(lines[1], r"^Try 'mobectl( \S+)? --help'")
        if reason:
            self.assertIn(reason.lower(), lines[0].lower())

    def test_usage_errors(self):
        cases = [(('snooze', 'banana'), "'banana' is not a duration"),
                 (('snooze', '0'), "'0' is zero"),
                 (('snooze', '-5m'), None),
                 (('snooze', '13h'), "'13h' is too long for snooze (at most 12h)"),
                 (('pause', '31d'), "'31d' is too long for pause (at most 30d)"),
                 (('status', '--region', 'neck'), "only works with 'mobectl drills'"),
                 (('pause', 'soon'), "'soon' is not a duration"),
                 (('frobnicate',), 'unknown command'),
                 (('done', 'extra'), None),
                 (('--bogus',), None)]
        for args, reason in cases:
            with self.subTest(args=args):
                self.assert_usage_error(args, reason)
        self.assertEqual(self.get_prop('State'), 'working')
        # The hint names the help of the command the option belongs to.
        rc, _, err = self.mobectl('--region', 'neck')
        self.assertIn("Try 'mobectl drills --help'", err)

    def test_refused_when_nothing_due(self):
        for verb in ('done', 'skip', 'snooze', 'another'):
            with self.subTest(verb=verb):
                rc, out, err = self.mobectl(verb)
                self.assertEqual(rc, 1, out + err)
                self.assertEqual(out, '')
                self.assertTrue(err.startswith(PREFIX), err)
                self.assertIn('No break is due', err)

    def test_resume_when_not_paused(self):
        rc, out, err = self.mobectl('resume')
        self.assertEqual(rc, 1, out + err)
        self.assertTrue(err.startswith(PREFIX), err)

    def test_now_while_paused(self):
        self.ok('pause')
        rc, out, err = self.mobectl('now')
        self.assertEqual(rc, 1, out + err)
        self.assertTrue(err.startswith(PREFIX), err)

    @setup(daemon=False)
    def test_daemon_unreachable(self):
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 1, out + err)
        self.assertTrue(err.startswith(PREFIX), err)

    def test_help(self):
        rc, out, err = self.mobectl('--help')
        self.assertEqual(rc, 0, err)
        for command in COMMANDS:
            self.assertRegex(out, rf'(?m)^\s+{command}\b', f'--help lists {command}')
        for command in COMMANDS:
            with self.subTest(command=command):
                rc, out, err = self.mobectl(command, '--help')
                self.assertEqual(rc, 0, err)
                self.assertIn(f'mobectl {command}', out)
        self.assertEqual(self.get_prop('State'), 'working', '--help ran no command')

    @setup(daemon=False)
    def test_version(self):
        rc, out, err = self.mobectl('--version')
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.splitlines()[0], 'mobectl 0.1.0')


def help_verbs():
    """(verb, placeholder or None) for each command `mobectl --help` lists."""
    out = subprocess.run([MOBECTL_BIN, '--help'], capture_output=True, text=True,
                         check=True, env={**os.environ, 'LC_ALL': 'C.UTF-8'}).stdout
    commands = out.split('Commands:', 1)[1].split('\n\n', 1)[0]
    verbs = []
    for line in commands.splitlines():
        m = re.match(r'^  (\S+)(?: (\[[A-Z]+(?:\.\.\.)?\]))?  ', line)
        if m:
            verbs.append((m.group(1), m.group(2)))
    return verbs


def help_options(verb):
    """{option: takes a value} from `mobectl VERB --help`'s own option list."""
    out = subprocess.run([MOBECTL_BIN, verb, '--help'], capture_output=True, text=True,
                         check=True, env={**os.environ, 'LC_ALL': 'C.UTF-8'}).stdout
    own = out.split(f'Options for {verb}:', 1)
    if len(own) == 1:
        return {}
    options = {}
    for line in own[1].split('\n\n', 1)[0].splitlines():
        m = re.match(r'^  (--[a-z-]+)( [A-Z]+)?  ', line)
        if m:
            options[m.group(1)] = m.group(2) is not None
    return options


# Values each command's option refuses, and the reason words; None means
# it takes any text (a drill tag, a file name). A new option must be added
# here: the test fails until someone decides.
BAD_OPTION_VALUES = {
    ('drills', '--region'): [('elbow', 'not a region'), (b'\xff', 'not a region')],
    ('drills', '--setting'): [('sofa', 'not a setting')],
    ('drills', '--for'): None,
    ('stats', '--days'): [('0', 'number of days'), ('3661', 'number of days'),
                          ('-3', 'number of days'), ('3x', 'number of days'),
                          ('99999999999999999999', 'number of days')],
    ('stats', '--svg'): None,
    ('history', '--limit'): [('-1', 'number of entries'), ('x', 'number of entries'),
                             ('99999999999999999999', 'number of entries')],
    ('history', '--since'): [('2024-13-45', 'not a date'), ('yesterday', 'not a date'),
                             ('2024-02-30', 'not a date')],
    ('pause', '--reason'): [('x' * 65, 'at most 64'), ('a\nb', 'one line'), ('   ', 'spaces'),
                            (b'\xff', 'UTF-8')],
    ('focus', '--days'): [('0', '1 to 14'), ('15', '1 to 14'), ('x', '1 to 14'),
                          ('99999999999999999999', '1 to 14')],
    ('focus', '--sets'): [('0', '1 to 3'), ('4', '1 to 3'), ('-1', '1 to 3')],
    ('focus', '--reps'): [('4', '5 to 100'), ('101', '5 to 100'), ('ten', '5 to 100')],
    ('focus', '--extend'): [('0', '1 to 14'), ('15', '1 to 14'), ('x', '1 to 14')],
}
# What a command needs beside the option before it looks at the value.
VALUE_CONTEXT = {('focus', '--days'): ['neck-pain'], ('focus', '--sets'): ['neck-pain'],
                 ('focus', '--reps'): ['neck-pain']}

# Text no DURATION may be, and what the reason says.
BAD_DURATIONS = [('banana', 'not a duration'), ('0', 'zero'), ('0s', 'zero'),
                 ('-5m', 'negative'), ('-', 'not a duration'), ('5x', 'not a duration'),
                 ('1:99', 'not a duration'), ('1.5s', 'whole number of seconds'),
                 ('99999999999999999999d', 'too long'), ('31d', 'too long'),
                 (b'\xff\xfe', 'not a duration'), ('', 'empty')]


class TestCliArgumentShapes(CliTestCase):
    """Every bad shape of arguments, for every command and option that
    `mobectl --help` lists: exit 2, nothing on stdout, one line saying what
    is wrong and one pointing at the right --help, all valid UTF-8. No mobed
    runs and the bus is not there: a usage error must be found before any
    call (a call would fail with exit 1)."""
    start_mobed = False
    caps = None

    def setUp(self):
        super().setUp()
        os.environ['DBUS_SESSION_BUS_ADDRESS'] = f'unix:path={self.tmp}/no-bus-here'
        self.verbs = help_verbs()
        self.assertGreaterEqual(len(self.verbs), 12, self.verbs)
        self.options = {verb: help_options(verb) for verb, _ in self.verbs}

    def refused(self, args, reason=None, verb=None):
        """mobectl @args must be a usage error naming @reason, hinting at @verb's help."""
        argv = [MOBECTL_BIN] + [a if isinstance(a, bytes) else a.encode() for a in args]
        res = subprocess.run(argv, env=self.env, capture_output=True, timeout=20, check=False)
        shown = ' '.join(repr(a) for a in args)
        self.transcript.append(f'$ mobectl {shown}  -> {res.returncode}\n{res.stderr!r}')
        self.assertEqual(res.returncode, 2, f'mobectl {shown}: {res.stdout!r} {res.stderr!r}')
        self.assertEqual(res.stdout, b'', f'mobectl {shown}')
        err = res.stderr.decode('utf-8')          # raises on invalid UTF-8
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, f'mobectl {shown}: a reason and a hint, got {err!r}')
        self.assertTrue(lines[0].startswith('mobectl: '), lines[0])
        if reason:
            self.assertIn(reason.lower(), lines[0].lower(), f'mobectl {shown}')
        hint = f"Try 'mobectl {verb} --help'" if verb else "Try 'mobectl --help'"
        self.assertTrue(lines[1].startswith(hint), f'mobectl {shown}: {lines[1]!r}')

    def test_unknown_command_and_global_options(self):
        for args in (['frobnicate'], ['Status'], ['-'], ['stat'], [b'\xff\xfe']):
            with self.subTest(args=args):
                self.refused(args, 'unknown command')
        for args in (['--bogus'], ['-x'], ['--json=1'], ['--help=x'], ['--version=2'],
                     ['---'], [b'--\xff']):
            with self.subTest(args=args):
                self.refused(args, 'unknown option')

    def test_each_command(self):
        for verb, placeholder in self.verbs:
            most = 0 if placeholder is None else 1
            with self.subTest(verb=verb, shape='unknown option'):
                self.refused([verb, '--no-such-option'], 'unknown option', verb)
                self.refused([verb, '-q'], 'unknown option', verb)
            if placeholder == '[DURATION]':
                # The words of a duration may come as separate arguments
                # ("1h 30m"), up to five ("1 hour and 30 minutes").
                with self.subTest(verb=verb, shape='too many arguments'):
                    self.refused([verb] + ['a'] * 2, 'not a duration', verb)
                    self.refused([verb] + ['a'] * 6, verb, verb)
            elif placeholder is None or not placeholder.endswith('...]'):
                with self.subTest(verb=verb, shape='too many arguments'):
                    self.refused([verb] + ['a'] * (most + 1), verb, verb)
                    self.refused([verb] + ['a'] * (most + 5), verb, verb)
            if placeholder == '[DURATION]':
                for value, reason in BAD_DURATIONS:
                    with self.subTest(verb=verb, duration=value):
                        # '-5m' reads as an option unless after '--'.
                        dash = isinstance(value, str) and value.startswith('-') and value != '-'
                        self.refused([verb, value], 'unknown option' if dash else reason, verb)
                        self.refused([verb, '--', value], reason, verb)

    def test_each_option(self):
        owners = {}
        for verb, opts in self.options.items():
            for option in opts:
                owners.setdefault(option, []).append(verb)
        self.assertTrue(owners, 'no command lists options of its own')
        for option, verbs in owners.items():
            for verb in verbs:
                self.check_option(option, verb)
            takes_value = self.options[verbs[0]][option]
            # Every other command refuses it, and the hint names one of its own.
            value = ['x'] if takes_value else []
            for other, _ in self.verbs:
                if other not in verbs:
                    with self.subTest(option=option, command=other):
                        self.refused_by_owner([other, option] + value, option, verbs)
            if self.verbs[0][0] not in verbs:       # the default command
                with self.subTest(option=option, shape='without its command'):
                    self.refused_by_owner([option] + value, option, verbs)

    def check_option(self, option, verb):
        if not self.options[verb][option]:
            with self.subTest(option=option, verb=verb, shape='flag with a value'):
                self.refused([verb, f'{option}=yes'], 'unknown option', verb)
            return
        self.assertIn((verb, option), BAD_OPTION_VALUES,
                      f'{verb} {option} takes a value: say in BAD_OPTION_VALUES what it refuses')
        with self.subTest(option=option, verb=verb, shape='missing value'):
            self.refused([verb, option], 'needs a value', verb)
            self.refused([verb, f'{option}='], 'needs a value', verb)
            self.refused([verb, option, ''], 'needs a value', verb)
        context = VALUE_CONTEXT.get((verb, option), [])
        for value, reason in BAD_OPTION_VALUES[(verb, option)] or []:
            with self.subTest(option=option, verb=verb, value=value):
                joined = option.encode() + b'=' + (value if isinstance(value, bytes)
                                                   else value.encode())
                self.refused([verb, *context, option, value], reason, verb)
                self.refused([verb, *context, joined], reason, verb)

    def refused_by_owner(self, args, option, verbs):
        """A usage error saying @option belongs to one of @verbs, with that one's --help."""
        for verb in verbs:
            try:
                self.refused(args, f"only works with 'mobectl {verb}'", verb)
                return
            except AssertionError:
                if verb == verbs[-1]:
                    raise

if __name__ == '__main__':
    main()

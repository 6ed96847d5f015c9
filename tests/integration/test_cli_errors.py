#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_cli_errors.py — mobectl when something is wrong, against the real
mobed on a private bus: how it finds the bus and how long it waits for
mobed, usage errors and refused actions with their exit codes and
messages, --help and --version, and every bad shape of arguments for every
command and option `mobectl --help` lists.

Run all with `python3 test_cli_errors.py`, one with
`python3 test_cli_errors.py TestCliErrors.test_usage_errors`.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio, GLib  # noqa: E402

from clitest import CliTestCase, label  # noqa: E402
from mobedtest import BUS_NAME, MOBECTL_BIN, OBJ_PATH, SLOWDOWN, main, setup  # noqa: E402

COMMANDS = ['status', 'now', 'done', 'skip', 'snooze', 'another', 'pause', 'resume', 'meeting',
            'reload', 'drills', 'stats', 'history']
PREFIX = 'mobectl: '


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

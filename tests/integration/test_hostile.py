#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_hostile.py — the real mobed against hostile and broken input: a
mobed.conf of binary garbage or megabyte lines, a drills.ini of 10,000
drills or of none, D-Bus calls with wrong types and absurd values, two
clients answering one break at once, a state directory that cannot be
written or sits on a full file system, and no HOME. Nothing may crash,
every problem is said in a readable sentence, and no break is lost or
recorded twice.

Run all with `python3 test_hostile.py`, one with
`python3 test_hostile.py TestHostileConfig.test_binary_garbage`.
"""

import json
import os
import random
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio, GLib  # noqa: E402

from mobedtest import (BUS_NAME, IFACE, MOBED_BIN, OBJ_PATH, SLOWDOWN,  # noqa: E402
                       MobedTestCase, main, now_us)

MESSAGE_MAX = 512          # core/message.h: MOBED_MESSAGE_MAX
INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs'


class HostileCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def status_json(self):
        rc, out, err = self.mobectl('status', '--json')
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def warnings(self):
        return self.status_json()['warnings']

    def assert_readable(self, texts):
        for text in texts:
            self.assertLessEqual(len(text), MESSAGE_MAX, text[:200])
            self.assertNotIn('\ufffd' * 4, text)

    def assert_alive(self):
        self.assertIsNone(self.daemon.poll(), 'mobed died')
        self.assertEqual(self.owner_pid(BUS_NAME), self.daemon.pid)


class TestHostileConfig(HostileCase):
    """mobed.conf that is garbage: mobed starts with the defaults and says so
    in `mobectl status` until the file is fixed."""
    start_mobed = False

    def start_with_config(self, content):
        self.config_path.write_bytes(content)
        self.daemon = self.start_daemon()

    def assert_defaults(self):
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 900e6, delta=5e6)
        self.assertEqual(self.get_prop('SnoozeLength'), 300)
        self.assertEqual(self.get_prop('DailyGoal'), 8)

    def assert_fixed_by_edit(self):
        self.write_config({'schedule': {'interval': '1h'}})
        self.assert_eventually(lambda: self.warnings() == [], 5,
                               'the warning stayed after the file was fixed')
        self.assertAlmostEqual(self.get_prop('NextBreak'), now_us() + 3600e6, delta=5e6)

    def test_binary_garbage(self):
        garbage = bytes(random.Random(3).randrange(256) for _ in range(16384))
        self.start_with_config(garbage)
        self.assert_defaults()
        warnings = self.warnings()
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn(str(self.config_path), warnings[0])
        self.assert_readable(warnings)
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)
        self.assertIn(f'Warning:     {self.config_path}', out)
        # It still works as usual.
        self.call('TakeBreak')
        self.call('Done')
        self.assertEqual(self.get_prop('TodayDone'), 1)
        self.assert_fixed_by_edit()

    def test_megabyte_lines(self):
        mb = 1 << 20
        self.start_with_config(
            b'[schedule]\ninterval=' + b'5' * mb + b'm\nsnooze=' + b'x' * mb + b'\n'
            + b'k' * mb + b'=1\n[goals]\ndaily=3\n')
        self.assert_alive()
        self.assertEqual(self.get_prop('DailyGoal'), 3, 'the good key beside them was lost')
        self.assertEqual(self.get_prop('SnoozeLength'), 300)
        warnings = self.warnings()
        self.assertEqual(len(warnings), 3, warnings)
        self.assert_readable(warnings)
        for word in ('interval', 'snooze', 'unknown key'):
            self.assertTrue(any(word in w for w in warnings), (word, warnings))
        # A megabyte line that makes no key file at all.
        self.config_path.write_bytes(b'z' * mb + b'\n')
        self.assert_eventually(lambda: any('Key file' in w or 'key file' in w
                                           for w in self.warnings()), 5)
        self.assert_readable(self.warnings())
        warnings = self.call('Reload')
        self.assert_readable(warnings)
        self.assertEqual(self.get_prop('DailyGoal'), 3, 'an unreadable file changed settings')
        self.assert_fixed_by_edit()

    def test_many_problems_are_counted(self):
        self.start_with_config(b'[schedule]\n' + b''.join(
            b'no-such-key-%d=1\n' % i for i in range(40)))
        warnings = self.warnings()
        self.assertEqual(len(warnings), 6, warnings)
        self.assertIn('35 more problems', warnings[-1])
        self.assertEqual(len(self.call('Reload')), 40)

    def test_wrong_types(self):
        self.start_with_config(b'[schedule]\ninterval=true\nsnooze=5\n[notify]\nsound=1\n'
                               b'[goals]\ndaily=eight\n[drills]\nsettings=42\n')
        self.assert_defaults()
        warnings = self.warnings()
        self.assertEqual(len(warnings), 5, warnings)
        for key in ('interval', 'snooze', 'sound', 'daily', 'settings'):
            self.assertTrue(any(f'] {key}:' in w for w in warnings), (key, warnings))


class TestHostileCatalog(HostileCase):
    start_mobed = False

    def user_drills(self, text):
        path = self.config_path.parent / 'drills.ini'
        path.write_text(text)
        return path

    def test_ten_thousand_drills(self):
        regions = ['neck', 'shoulders', 'upper-back', 'chest', 'low-back', 'hips', 'legs']
        self.user_drills(''.join(
            f'[extra-{i:05d}]\nname=Extra {i}\nsummary=Move for extra {i}.\n'
            f'steps=Start easy;Keep going\nregions={regions[i % 7]}\nsettings=seated\n'
            f'good-for=\nreps-small=5\nreps-focus=20\nper-side=false\nseconds-per-rep=3\n\n'
            for i in range(10000)))
        if 'ASAN_OPTIONS' in os.environ:
            # scripts/test's ASan pass records a full stack for every malloc
            # (for readable leak reports); with 10,000 drills that alone
            # takes minutes. The quick unwinder still finds every error.
            os.environ['ASAN_OPTIONS'] += ':fast_unwind_on_malloc=1'
        start = time.monotonic()
        self.daemon = self.start_daemon()
        print(f'mobed with 10,021 drills owned its name after '
              f'{time.monotonic() - start:.2f} s')
        rc, out, err = self.mobectl('drills', '--json')
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(json.loads(out)['drills']), 10021)
        rc, out, err = self.mobectl('drills', 'extra-09999')
        self.assertEqual(rc, 0, err)
        self.assertIn('Extra 9999', out)
        for _ in range(5):
            self.call('TakeBreak')
            drills = self.get_prop('CurrentBreak')['drills']
            self.assertTrue(drills)
            self.call('Done')
        self.assertEqual(self.get_prop('TodayDone'), 5)

    def test_no_drills_anywhere(self):
        empty = self.tmp / 'empty-data'
        empty.mkdir()
        (empty / 'drills.ini').write_text('# no drills\n')
        os.environ['MOBED_DATA_DIR'] = str(empty)
        res = subprocess.run([MOBED_BIN], env=self.env, capture_output=True, text=True,
                             timeout=20 * SLOWDOWN, check=False)
        self.assertEqual(res.returncode, 1, res.stderr)
        self.assertIn('no usable drill', res.stderr)
        self.assertIn(str(empty / 'drills.ini'), res.stderr)
        self.assertIsNone(self.owner_pid(BUS_NAME))
        # The user's own drills are enough.
        self.user_drills('[mine]\nname=Mine\nsummary=Move.\nsteps=One;Two\nregions=neck\n'
                         'settings=seated\ngood-for=\nreps-small=5\nreps-focus=10\n'
                         'per-side=false\nseconds-per-rep=3\n')
        self.daemon = self.start_daemon()
        self.call('TakeBreak')
        self.assertEqual([d['id'] for d in self.get_prop('CurrentBreak')['drills']], ['mine'])

    def test_drills_emptied_while_running(self):
        self.daemon = self.start_daemon()
        empty = self.tmp / 'empty-data'
        empty.mkdir()
        # The user's file turns to garbage: the shipped drills stay.
        self.user_drills('\x01garbage ' * 100000)
        self.assert_eventually(lambda: self.warnings() != [], 5)
        self.assert_readable(self.warnings())
        self.call('TakeBreak')
        self.assertTrue(self.get_prop('CurrentBreak')['drills'])
        self.assert_alive()


def call_raw(test, method, params, iface=IFACE, path=OBJ_PATH):
    """A call with any parameters; returns the error name or None."""
    try:
        test.bus.call_sync(BUS_NAME, path, iface, method, params, None,
                           Gio.DBusCallFlags.NO_AUTO_START, int(10000 * SLOWDOWN), None)
    except GLib.Error as e:
        return Gio.DBusError.get_remote_error(e) or str(e)
    return None


class TestHostileDBus(HostileCase):

    def test_wrong_types(self):
        calls = [
            ('Snooze', GLib.Variant('(s)', ('5m',))),
            ('Snooze', GLib.Variant('(i)', (-5,))),
            ('Snooze', GLib.Variant('(tt)', (60, 60))),
            ('Snooze', None),
            ('Pause', GLib.Variant('(d)', (1.5,))),
            ('Pause', GLib.Variant('(u)', (60,))),
            ('Done', GLib.Variant('(s)', ('now',))),
            ('TakeBreak', GLib.Variant('(t)', (1,))),
            ('GetStats', GLib.Variant('(s)', ('days',))),
            ('GetStats', None),
            ('GetHistory', GLib.Variant('(as)', (['limit'],))),
            ('GetPauses', GLib.Variant('(as)', (['limit'],))),
            ('GetPauses', None),
            ('ListDrills', GLib.Variant('(a{ss})', ({'region': 'neck'},))),
            ('Reload', GLib.Variant('(b)', (True,))),
        ]
        for method, params in calls:
            with self.subTest(method=method, params=params):
                self.assertEqual(call_raw(self, method, params), INVALID_ARGS)
        self.assertEqual(call_raw(self, 'NoSuchMethod', None),
                         'org.freedesktop.DBus.Error.UnknownMethod')
        self.assertIsNotNone(call_raw(self, 'Done', None, iface='org.mobed.NoSuch1'))
        self.assertIsNotNone(call_raw(self, 'Done', None, path='/org/mobed/Elsewhere'))
        self.assertIsNotNone(call_raw(self, 'Set', GLib.Variant('(ssv)', (
            IFACE, 'State', GLib.Variant('s', 'paused'))),
            iface='org.freedesktop.DBus.Properties'))
        self.assert_alive()
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.signals, [])

    def test_wrong_option_types_and_values(self):
        def opts(method, **values):
            return call_raw(self, method, GLib.Variant('(a{sv})', (values,)))
        bad = [
            ('GetStats', {'days': GLib.Variant('s', '7')}),
            ('GetStats', {'days': GLib.Variant('u', 0)}),
            ('GetStats', {'days': GLib.Variant('u', 2**32 - 1)}),
            ('GetStats', {'no-such-option': GLib.Variant('b', True)}),
            ('GetHistory', {'limit': GLib.Variant('s', 'all')}),
            ('GetHistory', {'since': GLib.Variant('s', 'yesterday')}),
            ('GetPauses', {'limit': GLib.Variant('t', 5)}),
            ('GetPauses', {'since': GLib.Variant('s', 'yesterday')}),
            ('GetPauses', {'days': GLib.Variant('u', 7)}),
            ('ListDrills', {'region': GLib.Variant('s', 'elbow')}),
            ('ListDrills', {'region': GLib.Variant('u', 1)}),
            ('ListDrills', {'setting': GLib.Variant('s', 'x' * 100000)}),
        ]
        for method, values in bad:
            with self.subTest(method=method, values=values):
                self.assertEqual(opts(method, **values), INVALID_ARGS)
        # Extreme but well-typed: answered.
        for method, values in [('GetHistory', {'limit': GLib.Variant('u', 2**32 - 1)}),
                               ('GetHistory', {'since': GLib.Variant('x', -2**63)}),
                               ('GetHistory', {'since': GLib.Variant('x', 2**63 - 1)}),
                               ('GetPauses', {'limit': GLib.Variant('u', 2**32 - 1),
                                              'since': GLib.Variant('x', -2**63)}),
                               ('GetStats', {'days': GLib.Variant('u', 3660)})]:
            with self.subTest(method=method, values=values):
                self.assertIsNone(opts(method, **values))
        self.assert_alive()

    def test_absurd_durations(self):
        # Not due: a length out of range is refused as such; one in range, as not due.
        for seconds in (0, 12 * 3600 + 1, 2**63, 2**64 - 1):
            with self.subTest(snooze=seconds):
                self.assert_dbus_error(INVALID_ARGS, 'Snooze', seconds)
        self.assert_dbus_error('org.mobed.Error.NotDue', 'Snooze', 60)
        for seconds in (30 * 86400 + 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1):
            with self.subTest(pause=seconds):
                msg = self.assert_dbus_error(INVALID_ARGS, 'Pause', seconds)
                self.assertRegex(msg, r'30 ?d|2592000|30 days')
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.get_prop('PausedUntil'), 0)
        self.call('Pause', 30 * 86400)
        self.assertAlmostEqual(self.get_prop('PausedUntil'), now_us() + 30 * 86400e6, delta=5e6)
        self.call('Resume')
        self.call('TakeBreak')
        for seconds in (0, 12 * 3600 + 1, 2**63, 2**64 - 1):
            with self.subTest(snooze_due=seconds):
                self.assert_dbus_error(INVALID_ARGS, 'Snooze', seconds)
        self.assertEqual(self.get_prop('State'), 'due')
        self.assert_alive()

    def test_two_clients_race_one_break(self):
        """Two connections answer the same break at the same moment, over
        and over: each time one wins, the other hears NotDue, and the log
        holds one row per break."""
        other = Gio.DBusConnection.new_for_address_sync(
            os.environ['DBUS_SESSION_BUS_ADDRESS'],
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(other.close_sync, None)
        # (A snooze is no end: Done after it still applies, so it is not raced.)
        pairs = [('Done', 'Skip'), ('Skip', 'Done'), ('Done', 'Done'), ('Skip', 'Skip')]
        rounds = 40
        for n in range(rounds):
            self.call('TakeBreak')
            results = {}
            first, second = pairs[n % 4]

            def finish(conn, res, key):
                try:
                    conn.call_finish(res)
                    results[key] = 'ok'
                except GLib.Error as e:
                    results[key] = Gio.DBusError.get_remote_error(e)
            # Both sent before either reply is read.
            self.bus.call(BUS_NAME, OBJ_PATH, IFACE, first, None, None,
                          Gio.DBusCallFlags.NO_AUTO_START, -1, None, finish, 'a')
            other.call(BUS_NAME, OBJ_PATH, IFACE, second, None, None,
                       Gio.DBusCallFlags.NO_AUTO_START, -1, None, finish, 'b')
            self.assert_eventually(lambda: len(results) == 2, 10)
            self.assertEqual(sorted(results.values()), ['ok', 'org.mobed.Error.NotDue'],
                             (n, first, second, results))
            self.assertEqual(self.get_prop('State'), 'working')
        self.wait_signal('BreakEnded', count=rounds)
        self.assertEqual(len(self.signal_args('BreakEnded')), rounds)
        self.assertEqual(self.rows('SELECT count(*) FROM breaks'), [(rounds,)])
        self.assertEqual(self.rows('SELECT count(*) FROM (SELECT due_us FROM breaks'
                                   ' GROUP BY due_us HAVING count(*) > 1)'), [(0,)])


def can_mount_tmpfs(where):
    """Whether this process may mount a tmpfs (root or CAP_SYS_ADMIN)."""
    res = subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', str(where)],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        return res.stderr.strip() or f'mount exited {res.returncode}'
    subprocess.run(['umount', str(where)], check=True)
    return None


class TestStatePlaces(HostileCase):
    """Where history and state live cannot be written: breaks go on, history
    stays in memory with a warning, and is written once it can be."""
    start_mobed = False

    def mount_tmpfs(self, size):
        where = self.tmp / 'state'
        why = can_mount_tmpfs(where)
        if why is not None:
            self.skipTest(f'cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {why}')
        subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size},mode=0700', 'tmpfs',
                        str(where)], check=True)
        self.addCleanup(subprocess.run, ['umount', '-l', str(where)], check=False)
        return where

    def resize(self, where, size):
        subprocess.run(['mount', '-o', f'remount,size={size}', str(where)], check=True)

    def answer(self, outcome):
        self.call('TakeBreak')
        self.call(outcome)

    def assert_in_memory(self, done):
        warnings = self.warnings()
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn('kept in memory', warnings[0])
        self.assertEqual(self.get_prop('TodayDone'), done)
        rc, out, err = self.mobectl('history', '--json')
        self.assertEqual(rc, 0, err)
        return json.loads(out)['breaks']

    def test_tiny_tmpfs_from_the_start(self):
        where = self.mount_tmpfs('8k')
        self.daemon = self.start_daemon()
        for outcome in ('Done', 'Skip', 'Done'):
            self.answer(outcome)
        self.call('Pause', 0)
        self.call('Resume')
        self.assertEqual(len(self.assert_in_memory(2)), 3)
        # Room again: the next answer writes everything, once.
        self.resize(where, '4m')
        self.answer('Done')
        self.assertEqual([r[0] for r in self.rows('SELECT outcome FROM breaks ORDER BY due_us')],
                         ['done', 'skipped', 'done', 'done'])
        self.assertEqual(self.rows('SELECT count(*) FROM pauses WHERE end_us IS NOT NULL'),
                         [(1,)])
        self.assertEqual(self.warnings(), [])
        self.assertEqual(self.rows('PRAGMA integrity_check'), [('ok',)])
        self.assertEqual(self.stop_daemon(), 0)
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('TodayDone'), 3)

    def test_disk_fills_while_running(self):
        # Room for the WAL to grow by the pending rows (a few pages each)
        # once the filler goes.
        where = self.mount_tmpfs('1m')
        self.daemon = self.start_daemon()
        self.answer('Done')
        self.assertEqual(self.rows('SELECT count(*) FROM breaks'), [(1,)])
        # Something else fills the disk.
        filler = where / 'filler'
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b'\0' * 4096) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        answered = 1
        for outcome in ('Done', 'Skip', 'Done', 'Done') * 3:
            self.answer(outcome)
            answered += 1
        breaks = self.assert_in_memory(10)
        self.assertEqual(len(breaks), answered)
        self.assert_alive()
        # Space comes back: written at the next answer, nothing twice.
        filler.unlink()
        self.answer('Done')
        answered += 1
        self.assertEqual(self.rows('SELECT count(*) FROM breaks'), [(answered,)])
        self.assertEqual(self.rows('SELECT count(*) FROM (SELECT due_us FROM breaks'
                                   ' GROUP BY due_us HAVING count(*) > 1)'), [(0,)])
        self.assertEqual(self.rows('PRAGMA integrity_check'), [('ok',)])
        self.assertEqual(self.warnings(), [])

    def test_state_place_is_a_file(self):
        # As root chmod stops nothing, so a plain file takes the directory's place.
        (self.tmp / 'state').rmdir()
        (self.tmp / 'state').write_text('in the way')
        self.daemon = self.start_daemon()
        self.answer('Done')
        self.call('Pause', 600)
        self.assertEqual(self.get_prop('State'), 'paused')
        self.assertEqual(len(self.assert_in_memory(1)), 1)
        self.assert_eventually(lambda: 'Could not save' in self.logs[-1][1].read_text(), 5)


class TestNoHome(HostileCase):
    start_mobed = False

    def test_home_unset(self):
        del os.environ['HOME']
        self.daemon = self.start_daemon()
        self.call('TakeBreak')
        self.call('Done')
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)
        self.assertNotIn('Warning', out)
        self.assertEqual(self.rows("SELECT outcome FROM breaks"), [('done',)])

    def test_home_missing_and_no_xdg(self):
        # XDG_* unset: everything goes under HOME, which does not exist yet.
        home = self.tmp / 'no-such-home'
        for var in ('XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'):
            del os.environ[var]
        os.environ['HOME'] = str(home)
        self.daemon = self.start_daemon()
        self.call('TakeBreak')
        self.call('Done')
        self.call('Pause', 0)
        db = home / '.local' / 'state' / 'mobed' / 'history.db'
        with sqlite3.connect(db) as conn:
            self.assertEqual(conn.execute('SELECT outcome FROM breaks').fetchall(), [('done',)])
        self.assertEqual((home / '.local' / 'state' / 'mobed').stat().st_mode & 0o777, 0o700)
        self.assertTrue((home / '.local' / 'state' / 'mobed' / 'state.ini').exists())
        self.assertEqual(self.stop_daemon(), 0)
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('State'), 'paused')


if __name__ == '__main__':
    main()

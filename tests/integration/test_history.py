#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_history.py — the break log through the real daemon: answers show
up in `mobectl stats` and `mobectl history`, pauses are intervals, a damaged
database is moved aside (never deleted) and reported by `mobectl status`, a
place that cannot be written keeps history in memory until it can, and
kill -9 at random moments never loses an answered break or the file.

Run all with `python3 test_history.py`, one with
`python3 test_history.py TestHistory.test_answers_show_in_stats`.
"""

import csv
import io
import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio  # noqa: E402

from mobedtest import (BUS_NAME, IFACE, MOBECTL_BIN, OBJ_PATH, MobedTestCase,  # noqa: E402
                       main, setup)

KILLS = 120


class HistoryCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def json_out(self, *args):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def moved_files(self):
        return sorted(p for p in self.db_path.parent.iterdir() if '.corrupt-' in p.name)


class TestHistory(HistoryCase):

    @setup(config={'schedule': {'interval': '2s'}})
    def test_answers_show_in_stats(self):
        self.advance(2)
        n = self.wait_notify()
        self.emit_action(n['id'], 'done')
        self.wait_ended('done')
        self.call('TakeBreak')
        self.call('Snooze', 60)
        self.call('Skip')
        stats = self.json_out('stats', '--json')
        self.assertEqual(len(stats['days']), 7)
        today = stats['days'][-1]
        self.assertEqual((today['offered'], today['done'], today['skipped'], today['snoozes']),
                         (2, 1, 1, 1))
        self.assertGreater(today['minutes_moved'], 0)
        self.assertTrue(today['regions'])
        self.assertEqual(stats['totals']['done'], 1)
        self.assertAlmostEqual(stats['adherence'], 0.5)
        self.assertEqual(stats['streak'], {'current': 0, 'best': 0})
        self.assertEqual(stats['goal'], 8)
        self.assertEqual(len(stats['top_drills']), len(self.rows(
            "SELECT DISTINCT drill_id FROM break_drills JOIN breaks ON id = break_id"
            " WHERE outcome = 'done'")))
        month = self.json_out('stats', '--month', '--json')
        self.assertEqual(len(month['days']), 30)

        hist = self.json_out('history', '--json')['breaks']
        self.assertEqual([b['outcome'] for b in hist], ['skipped', 'done'])
        self.assertEqual(hist[0]['snoozes'], 1)
        self.assertTrue(all(d['reps_done'] == 0 for d in hist[0]['drills']))
        self.assertTrue(all(d['reps_done'] == d['reps_offered'] > 0 for d in hist[1]['drills']))
        rc, out, err = self.mobectl('history', '--csv')
        table = list(csv.reader(io.StringIO(out, newline='')))
        self.assertEqual(table[0], ['due', 'ended', 'outcome', 'snoozes', 'response_s', 'drills',
                                    'kind'])
        self.assertEqual([r[2] for r in table[1:]], ['skipped', 'done'])
        raw = subprocess.run([MOBECTL_BIN, 'history', '--csv'], env=self.env,
                             capture_output=True, timeout=20).stdout
        self.assertEqual(raw.count(b'\r\n'), 3, 'RFC 4180 lines end in CRLF')
        self.assertEqual(self.get_prop('TodayDone'), 1)

    def test_today_count_survives_restart(self):
        for _ in range(3):
            self.call('TakeBreak')
            self.call('Done')
        self.stop_daemon()
        self.daemon = self.start_daemon()
        self.assertEqual(self.get_prop('TodayDone'), 3)

    def test_pause_recorded_as_interval(self):
        self.call('Pause', 0)
        self.assertEqual(self.rows('SELECT count(*) FROM pauses WHERE end_us IS NULL'), [(1,)])
        self.call('Resume')
        (start, end), = self.rows('SELECT start_us, end_us FROM pauses')
        self.assertLessEqual(start, end)

    def test_files_are_private(self):
        self.call('TakeBreak')
        self.call('Done')
        self.assertEqual(self.db_path.parent.stat().st_mode & 0o777, 0o700)
        for suffix in ('', '-wal'):
            path = str(self.db_path) + suffix
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600, path)
        self.assertEqual(self.rows('PRAGMA journal_mode'), [('wal',)])

    def test_history_closed_while_unused(self):
        # Between uses the file is closed (a couple of seconds after the
        # last use), and SQLite's page cache with it; each use opens it again.
        def open_files():
            fds = Path(f'/proc/{self.daemon.pid}/fd')
            return [os.readlink(fd) for fd in fds.iterdir() if os.path.islink(fd)]

        self.assert_eventually(lambda: str(self.db_path) not in open_files(), timeout=10,
                               message='the history still open after start-up')
        self.call('TakeBreak')
        self.call('Done')
        self.assertEqual(self.rows("SELECT outcome FROM breaks"), [('done',)])
        self.assertEqual(self.get_prop('TodayDone'), 1)
        self.assert_eventually(lambda: str(self.db_path) not in open_files(), timeout=10,
                               message='the history still open after a break was written')
        # Read back through a fresh open.
        rows = self.json_out('history', '--json')
        self.assertEqual([r['outcome'] for r in rows['breaks']], ['done'])

    def test_bad_options(self):
        rc, _, err = self.mobectl('stats', '--days', 'lots')
        self.assertEqual(rc, 2)
        rc, _, err = self.mobectl('stats', '--week', '--month')
        self.assertEqual(rc, 2)
        rc, _, err = self.mobectl('history', '--since', 'yesterday')
        self.assertEqual(rc, 2)
        rc, _, err = self.mobectl('history', '--json', '--csv')
        self.assertEqual(rc, 2)
        rc, _, err = self.mobectl('history', '--days', '3')
        self.assertEqual(rc, 2)
        self.assertIn("only works with 'mobectl stats'", err)


def png_pixels_vary(path):
    """True if a PNG's decoded image data is not one repeated byte (blank)."""
    import zlib
    data = path.read_bytes()
    if not data.startswith(b'\x89PNG\r\n\x1a\n'):
        return False
    pos, idat = 8, b''
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], 'big')
        kind = data[pos + 4:pos + 8]
        if kind == b'IDAT':
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw[1:4096])) > 2 and len(set(raw)) > 8


class TestStatsPictures(HistoryCase):

    def answer_some(self):
        for outcome in ('Done', 'Done', 'Skip'):
            self.call('TakeBreak')
            self.call(outcome)

    def test_svg_renders(self):
        import shutil
        import xml.etree.ElementTree as ET
        self.answer_some()
        svg = self.tmp / 'stats.svg'
        rc, out, err = self.mobectl('stats', '--svg', str(svg))
        self.assertEqual((rc, err), (0, ''))
        root = ET.parse(svg).getroot()          # well-formed XML
        self.assertEqual(root.tag, '{http://www.w3.org/2000/svg}svg')
        text = svg.read_text()
        for forbidden in ('<script', 'href=', '@import', 'url('):
            self.assertNotIn(forbidden, text, 'the SVG must be self-contained')
        rsvg = shutil.which('rsvg-convert')
        self.assertIsNotNone(rsvg, 'rsvg-convert (librsvg2-bin) is needed; scripts/deps installs it')
        # Kept in the build directory to look at.
        png = Path(os.environ.get('MESON_BUILD_ROOT', str(self.tmp))) / 'stats-svg.png'
        subprocess.run([rsvg, '-o', str(png), str(svg)], check=True, timeout=30)
        self.assertTrue(png_pixels_vary(png), f'{png} looks blank')
        rc, _, err = self.mobectl('stats', '--svg', str(self.tmp / 'no' / 'such' / 'dir.svg'))
        self.assertEqual(rc, 1)
        self.assertIn('dir.svg', err)

    def test_svg_into_a_fifo_leaves_it_a_fifo(self):
        # A path that is not a regular file is written into, not renamed
        # over: as root, `--svg /dev/null` once put a plain file in place
        # of the device. A FIFO shows the same without root.
        import threading
        self.answer_some()
        fifo = self.tmp / 'chart.svg'
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
        reader.start()
        rc, out, err = self.mobectl('stats', '--svg', str(fifo))
        reader.join(20)
        self.assertEqual((rc, err), (0, ''))
        self.assertTrue(stat.S_ISFIFO(fifo.stat().st_mode), 'the FIFO was replaced by a file')
        self.assertTrue(got and got[0].startswith(b'<?xml'), got)

    def run_on_tty(self, *args, env=None):
        import pty
        controller, worker = pty.openpty()
        proc = subprocess.Popen([MOBECTL_BIN, *args], stdin=worker, stdout=worker,
                                stderr=worker, env=env or self.env, close_fds=True)
        os.close(worker)
        out = b''
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=20)
        os.close(controller)
        return out.decode()

    def test_colour_only_on_a_tty(self):
        self.answer_some()
        self.assertIn('\x1b[', self.run_on_tty('stats'))
        self.assertNotIn('\x1b[', self.run_on_tty('stats', env=dict(self.env, NO_COLOR='1')))
        rc, out, err = self.mobectl('stats')           # a pipe, not a terminal
        self.assertNotIn('\x1b[', out)
        self.assertIn('Streak:', out)

    def test_heatmap(self):
        self.answer_some()
        rc, out, err = self.mobectl('stats', '--heatmap')
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        grid = [line for line in lines if line[:3] in ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')]
        self.assertEqual(len(grid), 7)
        cells = sum(line.count('·') + sum(line.count(c) for c in '░▒▓█') for line in grid)
        self.assertEqual(cells, 84, out)                # 12 weeks of days
        self.assertRegex(out, r'goal of 8 met')
        rc, _, err = self.mobectl('stats', '--heatmap', '--json')
        self.assertEqual(rc, 2)


class TestDamagedHistory(HistoryCase):
    """Each case starts mobed on a prepared file."""
    start_mobed = False

    def start_on(self, content):
        self.db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.db_path.write_bytes(content)
        self.daemon = self.start_daemon()

    def check_moved(self, original):
        moved = self.moved_files()
        self.assertEqual(len(moved), 1, moved)
        self.assertEqual(moved[0].read_bytes(), original, 'the moved file must be untouched')
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)
        warning = [line for line in out.splitlines() if line.startswith('Warning:')]
        self.assertEqual(len(warning), 1, out)
        self.assertIn(str(moved[0]), warning[0])
        self.assertIn(str(moved[0]), self.json_out('status', '--json')['warnings'][0])
        # The fresh database works.
        self.call('TakeBreak')
        self.call('Done')
        self.assertEqual(self.rows("SELECT outcome FROM breaks"), [('done',)])
        self.assertEqual(self.rows('PRAGMA integrity_check'), [('ok',)])

    def test_garbage_bytes(self):
        garbage = bytes(random.Random(1).randrange(256) for _ in range(8192))
        self.start_on(garbage)
        self.check_moved(garbage)

    def test_truncated_file(self):
        with sqlite3.connect(self.db_path.parent.mkdir(mode=0o700, parents=True) or self.db_path) as db:
            db.execute('CREATE TABLE filler (x TEXT)')
            db.executemany('INSERT INTO filler VALUES (?)', [('x' * 500,)] * 200)
        truncated = self.db_path.read_bytes()[:5000]
        self.start_on(truncated)
        self.check_moved(truncated)

    def test_future_version(self):
        self.db_path.parent.mkdir(mode=0o700, parents=True)
        with sqlite3.connect(self.db_path) as db:
            db.execute('PRAGMA user_version = 99')
        future = self.db_path.read_bytes()
        self.start_on(future)
        self.check_moved(future)
        self.assertIn('newer than this mobed knows', self.mobectl('status')[1])

    def test_unwritable_place_keeps_history_in_memory(self):
        # As root a read-only directory does not stop writes, so the state
        # directory's place is taken by a plain file: mkdir fails the same way.
        blocker = self.db_path.parent
        blocker.write_text('not a directory')
        self.daemon = self.start_daemon()
        self.call('TakeBreak')
        self.call('Done')
        out = self.mobectl('status')[1]
        self.assertIn('Warning:', out)
        self.assertIn('kept in memory', out)
        self.assertEqual(self.get_prop('TodayDone'), 1)
        self.assertEqual(len(self.json_out('history', '--json')['breaks']), 1)
        # The place becomes writable: the next break writes both.
        blocker.unlink()
        self.call('TakeBreak')
        self.call('Skip')
        self.assertEqual(self.rows('SELECT outcome FROM breaks ORDER BY due_us'),
                         [('done',), ('skipped',)])
        self.assertNotIn('Warning:', self.mobectl('status')[1])


class TestCrashSafety(HistoryCase):
    start_mobed = False

    def test_kill_9_loses_nothing(self):
        """Answers breaks and kills mobed with SIGKILL at random moments,
        often in the middle of a call, KILLS times."""
        rng = random.Random(os.environ.get('MOBED_TEST_SEED', '20261124'))
        answered = 0          # Done calls whose reply arrived
        in_flight = 0         # Done calls cut off by the kill: may or may not be in
        # How long an answered break takes in this build (ASan is several
        # times slower): the kills come within a few of those after start.
        self.daemon = self.start_daemon()
        started = time.monotonic()
        for _ in range(5):
            self.call('TakeBreak')
            self.call('Done')
        window = max(0.08, 4 * (time.monotonic() - started) / 5)
        answered += 5
        self.stop_daemon(signal.SIGKILL)
        for _ in range(KILLS):
            self.daemon = self.start_daemon()
            conn = Gio.DBusConnection.new_for_address_sync(
                os.environ['DBUS_SESSION_BUS_ADDRESS'],
                Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
                Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
            counts = {'answered': 0, 'in_flight': 0}
            stop = threading.Event()

            def answer_breaks(conn=conn, counts=counts, stop=stop):
                while not stop.is_set():
                    try:
                        conn.call_sync(BUS_NAME, OBJ_PATH, IFACE, 'TakeBreak', None, None,
                                       Gio.DBusCallFlags.NO_AUTO_START, 5000, None)
                    except Exception:
                        return
                    counts['in_flight'] = 1
                    try:
                        conn.call_sync(BUS_NAME, OBJ_PATH, IFACE, 'Done', None, None,
                                       Gio.DBusCallFlags.NO_AUTO_START, 5000, None)
                    except Exception:
                        return
                    counts['in_flight'] = 0
                    counts['answered'] += 1

            worker = threading.Thread(target=answer_breaks)
            worker.start()
            time.sleep(rng.uniform(0, window))
            self.daemon.send_signal(signal.SIGKILL)
            self.daemon.wait()
            self.daemon = None
            stop.set()
            worker.join(10)
            self.assertFalse(worker.is_alive())
            conn.close_sync(None)
            answered += counts['answered']
            in_flight += counts['in_flight']

        self.assertEqual(self.rows('PRAGMA integrity_check'), [('ok',)])
        done = self.rows("SELECT count(*) FROM breaks WHERE outcome = 'done'")[0][0]
        self.assertGreaterEqual(done, answered, 'an answered break was lost')
        self.assertLessEqual(done, answered + in_flight, 'a break was recorded twice')
        dupes = self.rows('SELECT due_us, count(*) FROM breaks GROUP BY due_us HAVING count(*) > 1')
        self.assertEqual(dupes, [])
        orphans = self.rows('SELECT count(*) FROM break_drills WHERE break_id NOT IN '
                            '(SELECT id FROM breaks)')
        self.assertEqual(orphans, [(0,)])
        self.assertGreater(answered, KILLS // 2, 'too few breaks answered to mean much')
        print(f'{KILLS} kills within {window * 1000:.0f} ms of start, {answered} answered '
              f'breaks, {in_flight} cut off mid-call, {done} recorded')


if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_cli_output.py — what mobectl prints can be read: the drills table
fits the terminal and is sorted, stats explains its columns and its bars,
the SVG chart has numbers on its axis, and errors name what the user typed.

Run all with `python3 test_cli_output.py`, one with
`python3 test_cli_output.py TestStatsOutput.test_legend_and_scale`.
"""

import itertools
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MOBECTL_BIN, SLOWDOWN, MobedTestCase, main  # noqa: E402


class OutputTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def ok(self, *args, env=None):
        res = subprocess.run([MOBECTL_BIN, *args], env=dict(self.env, **(env or {})),
                             capture_output=True, text=True, timeout=20 * SLOWDOWN, check=False)
        self.transcript.append(f'$ mobectl {" ".join(args)}  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        self.assertEqual(res.returncode, 0, f'mobectl {" ".join(args)}: {res.stderr}')
        self.assertEqual(res.stderr, '')
        return res.stdout


class TestDrillsTable(OutputTestCase):

    def table(self, columns=None):
        env = {} if columns is None else {'COLUMNS': str(columns)}
        return self.ok('drills', env=env).splitlines()

    def test_fits_80_columns(self):
        drills = json.loads(self.ok('drills', '--json'))['drills']
        lines = self.table()
        for line in lines:
            self.assertLessEqual(len(line), 80, line)
            self.assertEqual(line, line.rstrip())
            self.assertNotRegex(line, r',\S', 'lists are joined with ", "')
        text = '\n'.join(lines)
        words = set(text.split())
        for d in drills:
            # Every id and tag is shown whole, nothing cut with "…".
            self.assertTrue(d['id'] in words or f'({d["id"]})' in words, d['id'])
            for tag in d['good_for']:
                self.assertTrue(tag in words or f'{tag},' in words, tag)
        self.assertNotIn('…', text)

    def test_sorted_by_name_and_wide(self):
        drills = json.loads(self.ok('drills', '--json'))['drills']
        lines = self.table(columns=250)
        self.assertEqual(len(lines), len(drills) + 1, 'one line a drill when there is room')
        self.assertGreater(max(len(line) for line in lines), 80)
        shown = [line.split()[0] for line in lines[1:]]
        by_id = {d['id']: d['name'] for d in drills}
        names = [by_id[i] for i in shown]
        self.assertEqual(names, sorted(names, key=str.casefold))
        # A narrow terminal still gets every drill, words cut if need be.
        narrow = self.table(columns=50)
        self.assertTrue(all(len(line) <= 50 for line in narrow), narrow)



class TestDrillsOnATerminal(OutputTestCase):

    def test_terminal_width_is_used(self):
        """On a terminal (and no COLUMNS), the table takes its width."""
        import fcntl
        import pty
        import struct
        import termios
        controller, worker = pty.openpty()
        fcntl.ioctl(worker, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 132, 0, 0))
        env = dict(self.env)
        env.pop('COLUMNS', None)
        proc = subprocess.Popen([MOBECTL_BIN, 'drills'], stdin=worker, stdout=worker,
                                stderr=worker, env=env, close_fds=True)
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
        self.assertEqual(proc.wait(timeout=20), 0, out)
        os.close(controller)
        lines = out.decode().replace('\r\n', '\n').splitlines()
        widest = max(len(line) for line in lines)
        self.assertGreater(widest, 80, 'a 132-column terminal got an 80-column table')
        self.assertLessEqual(widest, 132)
        self.assertRegex(lines[0], r'^ID +NAME ')


class TestStatsOutput(OutputTestCase):

    def answer_some(self, outcomes=('Done', 'Done', 'Skip')):
        for outcome in outcomes:
            self.call('TakeBreak')
            self.call(outcome)

    def test_legend_and_scale(self):
        self.answer_some()
        out = self.ok('stats')
        lines = out.splitlines()
        header = next(line for line in lines if line.split()[:2] == ['done', 'skip'])
        for column in header.split():
            self.assertRegex(out, rf'(?m)(^|  ){column}: \S', f'no legend for {column}')
        self.assertIn('shut: notification closed', out)
        self.assertIn('away: a natural break (you were away)', out)
        self.assertIn('snz: snoozes', out)
        self.assertIn('A full bar is 8 done breaks, the daily goal.', out)
        for line in lines:
            self.assertLessEqual(len(line), 80, line)
            self.assertEqual(line, line.rstrip(), 'no trailing spaces')

    def test_long_lists_wrap(self):
        # The regions moved break at the terminal's width, the lines after
        # the first indented.
        self.answer_some(('Done',) * 6)
        lines = self.ok('stats', env={'COLUMNS': '50'}).splitlines()
        out = '\n'.join(lines)
        for start in ('Moved today:',):
            i = next(n for n, line in enumerate(lines) if line.startswith(start))
            block = [lines[i]] + list(itertools.takewhile(lambda x: x.startswith('  '),
                                                          lines[i + 1:]))
            with self.subTest(start=start):
                self.assertGreater(len(block), 1, out)
                for line in block:
                    self.assertLessEqual(len(line), 50, line)

    def test_top_drills_wrap_between_names(self):
        # Several long names: the line goes on under the first name, each
        # line within the width unless one name alone is wider.
        self.answer_some(('Done',) * 6)
        os.environ['COLUMNS'] = '60'
        lines = self.ok('stats').splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith('Top drills: '))
        block = [lines[first]]
        indent = ' ' * len('Top drills: ')
        for line in lines[first + 1:]:
            if not line.startswith(indent) or line[len(indent)] == ' ':
                break
            block.append(line)
        for line in block:
            self.assertTrue(len(line) <= 60 or ', ' not in line[len(indent):], block)
        top = json.loads(self.ok('stats', '--json'))['top_drills']
        self.assertEqual(' '.join(line[len(indent):] for line in block),
                         ', '.join(f"{d['name']} ({d['done']})" for d in top))

    def test_scale_follows_the_best_day(self):
        self.write_config({'goals': {'daily': '1'}})
        self.ok('reload')
        self.answer_some(('Done', 'Done', 'Done'))
        self.assertIn('A full bar is 3 done breaks, the most in a day here.', self.ok('stats'))

    def test_heatmap_takes_no_range(self):
        for option in ('--month', '--week', '--days=30'):
            with self.subTest(option=option):
                rc, out, err = self.mobectl('stats', '--heatmap', option)
                self.assertEqual((rc, out), (2, ''))
                self.assertIn('--heatmap always shows the last 12 weeks', err)

    def test_svg_axis_and_bad_path(self):
        self.answer_some()
        svg = self.tmp / 'chart.svg'
        self.ok('stats', '--svg', str(svg))
        ns = {'s': 'http://www.w3.org/2000/svg'}
        texts = [t.text for t in ET.parse(svg).getroot().iterfind('s:text', ns)]
        numbers = [int(t) for t in texts if t and re.fullmatch(r'\d+', t)]
        self.assertIn(0, numbers)
        self.assertIn(8, numbers)                    # the goal is the top here
        self.assertIn('breaks', texts)
        self.assertIn('goal 8', texts)
        # A path that cannot be written is named as given, not as GLib's
        # temporary file beside it.
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(self.tmp)
        rc, out, err = self.mobectl('stats', '--svg', 'no/such/chart.svg')
        self.assertEqual((rc, out), (1, ''))
        self.assertEqual(err, "mobectl: could not write 'no/such/chart.svg': "
                              "No such file or directory\n")


if __name__ == '__main__':
    main()

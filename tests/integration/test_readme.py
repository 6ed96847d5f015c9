#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_readme.py — the README stays true: every mobectl command it shows
runs against the real mobed and succeeds. Placeholders like [DURATION] get
an example value; commands that answer a break get one to answer.

Run with `python3 test_readme.py`.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MOBECTL_BIN, MobedTestCase, main  # noqa: E402

README = Path(__file__).resolve().parents[2] / 'README.md'
EXAMPLES = {'[DURATION]': '5m', '[ID]': 'neck-circles', '[TAG...]': 'neck-pain', 'N': '3', 'R': 'neck', 'TAG': 'typists',
            'S': 'seated', 'DATE': '2026-01-01'}
NEEDS_BREAK = {'done', 'skip', 'snooze', 'another'}
SVG_PLACEHOLDER = '{svg}'


def readme_commands():
    """Every `mobectl ...` in inline code or code blocks, placeholders filled,
    in the order the README shows them (a focus plan is started before it
    is rated)."""
    text = README.read_text()
    found = [(m.start(), m.group(1)) for pattern, flags in (
        (r'`(mobectl(?: [^`]*)?)`', 0), (r'^\$ (mobectl.*)$', re.M), (r'"(mobectl [^"]*)"', 0))
        for m in re.finditer(pattern, text, flags)]
    commands = []
    for _, cmd in sorted(found):
        words = [EXAMPLES.get(w, w) for w in cmd.split()]
        if '--svg' in words:
            # A file of the test's own: mobectl replaces the file it writes
            # (write, then rename), which for /dev/null, run as root, left a
            # plain file in its place for the whole machine.
            words[words.index('--svg') + 1:] = [SVG_PLACEHOLDER]
        if words not in commands:
            commands.append(words)
    return commands


class TestReadme(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def test_every_command_runs(self):
        commands = readme_commands()
        self.assertGreater(len(commands), 15, 'found too few commands; is the README parsed?')
        svg = str(self.tmp / 'readme-stats.svg')
        for words in commands:
            words = [svg if w == SVG_PLACEHOLDER else w for w in words]
            with self.subTest(command=' '.join(words)):
                verb = words[1] if len(words) > 1 else 'status'
                if words[1:] == ['meeting', 'end']:
                    verb = 'resume'                 # it ends a pause as resume does
                paused = self.get_prop('State') == 'paused'
                if verb == 'resume' and not paused:
                    self.call('Pause', 0)
                elif paused and verb != 'resume':
                    self.call('Resume')
                if verb in NEEDS_BREAK and self.get_prop('State') not in ('due', 'snoozed'):
                    self.call('TakeBreak')
                if '--keep-dose' in words:
                    # Only a dose a "worse" lowered can be kept: rate one.
                    rc, out, err = self.mobectl('focus', 'neck-circles', '--yes')
                    rc, out, err = self.mobectl('focus', 'rate', 'worse')
                    self.assertEqual(rc, 0, err)
                if '--follow' in words:
                    proc = subprocess.Popen([MOBECTL_BIN, *words[1:]], env=self.env,
                                            stdout=subprocess.PIPE, text=True)
                    line = proc.stdout.readline()
                    proc.terminate()
                    self.assertEqual(proc.wait(10), 0)
                    self.assertTrue(line.strip(), 'status --follow printed nothing')
                    continue
                rc, out, err = self.mobectl(*words[1:])
                self.assertEqual(rc, 0, f'{" ".join(words)}: {err}')


if __name__ == '__main__':
    main()

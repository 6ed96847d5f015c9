#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_readme.py — the README and the man pages stay true: every example
they show (tests/docs/examples.py finds them) runs against the real mobed
and succeeds. mobectl commands run in the order shown, placeholders like
[DURATION] filled with an example value, and a break started first for
those that answer one; a mobed.conf shown loads with no warning; a drill
shown passes mobed --check-catalog. Commands of other programs (build,
install) are tried elsewhere: check_docs.py holds each to a reason.

Run with `python3 test_readme.py`.
"""

import os
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'docs'))

import examples  # noqa: E402
from mobedtest import MOBECTL_BIN, MOBED_BIN, MobedTestCase, main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {'[DURATION]': '5m', '[ID]': 'neck-circles', '[TAG...]': 'neck-pain', 'N': '3',
                'R': 'neck', 'TAG': 'typists', 'S': 'seated', 'DATE': '2026-01-01'}
NEEDS_BREAK = {'done', 'skip', 'snooze', 'another'}
SVG_PLACEHOLDER = '{svg}'


def commands(kind):
    """The commands of @kind, placeholders filled, each once, in order."""
    out = []
    for e in examples.all_examples(ROOT):
        if e.kind != kind:
            continue
        # Split as the shell would: an example may quote a value.
        words = [PLACEHOLDERS.get(w, w) for w in shlex.split(e.text)]
        if '--svg' in words:
            words[words.index('--svg') + 1:] = ['/dev/null']
        if (words, e.where) not in out and words not in [w for w, _ in out]:
            out.append((words, e.where))
    return out


class TestReadme(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def test_every_command_runs(self):
        found = commands('mobectl')
        # `mobectl config edit` runs the editor: one that changes nothing.
        self.set_env('VISUAL', 'true')
        self.assertGreater(len(found), 20, 'found too few commands; are the documents parsed?')
        self.assertTrue(any(where.startswith('mobectl.1') for _, where in found),
                        'no example from mobectl(1)')
        for words, where in found:
            with self.subTest(command=' '.join(words), where=where):
                self.run_example(words)

    def run_example(self, words):
        redirect = None
        if '>' in words:
            redirect = self.tmp / words[words.index('>') + 1]
            words = words[:words.index('>')]
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
            self.mobectl('focus', 'neck-circles', '--yes')
            rc, out, err = self.mobectl('focus', 'rate', 'worse')
            self.assertEqual(rc, 0, err)
        if '--follow' in words:
            proc = subprocess.Popen([MOBECTL_BIN, *words[1:]], env=self.env,
                                    stdout=subprocess.PIPE, text=True)
            line = proc.stdout.readline()
            proc.terminate()
            self.assertEqual(proc.wait(10), 0)
            self.assertTrue(line.strip(), 'status --follow printed nothing')
            return
        rc, out, err = self.mobectl(*words[1:])
        self.assertEqual(rc, 0, f'{" ".join(words)}: {err}')
        if redirect is not None:
            redirect.write_text(out)
            self.assertTrue(out.startswith('due,'), out[:80])    # the CSV header

    def test_mobed_commands(self):
        catalogs = [e for e in examples.all_examples(ROOT) if e.kind == 'catalog']
        catalog = self.tmp / 'example-drills.ini'
        catalog.write_text(catalogs[0].text if catalogs else '')
        found = commands('mobed')
        self.assertTrue(found, 'no mobed example found')
        for words, where in found:
            with self.subTest(command=' '.join(words), where=where):
                args = [str(catalog) if w == 'FILE' else w for w in words[1:]]
                res = subprocess.run([MOBED_BIN, *args], env=self.env, capture_output=True,
                                     text=True, timeout=30, check=False)
                self.assertEqual(res.returncode, 0, f'{" ".join(words)}: {res.stderr}')

    def test_config_examples_load_cleanly(self):
        found = [e for e in examples.all_examples(ROOT) if e.kind == 'config']
        self.assertGreaterEqual(len(found), 2, 'the README and mobed.conf(5) show one each')
        for e in found:
            with self.subTest(where=e.where):
                self.config_path.write_text(e.text)
                rc, out, err = self.mobectl('reload')
                self.assertEqual((rc, err), (0, ''), f'{e.where}: {err}')

    def test_catalog_examples_pass_the_check(self):
        found = [e for e in examples.all_examples(ROOT) if e.kind == 'catalog']
        self.assertTrue(found, 'mobed-drills(5) shows a drill')
        for e in found:
            with self.subTest(where=e.where):
                path = self.tmp / 'drills.ini'
                path.write_text(e.text)
                res = subprocess.run([MOBED_BIN, '--check-catalog', str(path)], env=self.env,
                                     capture_output=True, text=True, timeout=30, check=False)
                self.assertEqual(res.returncode, 0, f'{e.where}: {res.stdout}{res.stderr}')
                self.assertIn('no problems', res.stdout)


if __name__ == '__main__':
    main()

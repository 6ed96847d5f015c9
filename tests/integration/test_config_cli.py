#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_config_cli.py — `mobectl config`: the settings in force and where
they come from, `config set`/`unset` checked by mobed's own rules and
written keeping the user's comments, and `config edit` through an editor
that is a script.

Run all with `python3 test_config_cli.py`, one with
`python3 test_config_cli.py TestConfigSet.test_bad_values_refused`.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import (BUS_NAME, MOBECTL_BIN, SLOWDOWN, MobedTestCase,  # noqa: E402
                       main, setup)

SOURCE = Path(__file__).resolve().parents[2]

# One good and one bad value for each kind of key mobed.conf has, with
# the words the refusal must use.
BY_KIND = {
    'duration': ('schedule.snooze', '7m', '7', 'ends without a unit'),
    'boolean': ('notify.escalate', 'false', 'maybe', 'is not true or false'),
    'count': ('goals.daily', '5', 'abc', 'is not a whole number'),
    'settings': ('drills.settings', 'seated;standing;doorway', 'sofa', 'is not a setting'),
    'list': ('drills.exclude', 'neck-circles', 'Neck Circles', 'kebab-case'),
    'days': ('schedule.work-days', 'Mon-Fri', 'Funday', 'Funday'),
    'hours': ('schedule.work-hours', '09:00-17:00', '25:00-26:00', '25:00'),
    'choice': ('presence.idle-source', 'logind', 'telepathy', 'is not one of'),
}


class ConfigTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def run_ok(self, *args):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        return out, err

    def show_json(self):
        out, _ = self.run_ok('config', '--json')
        data = json.loads(out)
        return data, {f'{s["group"]}.{s["key"]}': s for s in data['settings']}

    def keys(self):
        out, _ = self.run_ok('config', 'keys')
        return out.split()

    def daemon_warnings(self):
        """What mobed itself says of the file as it is now."""
        return self.call('Reload')


class TestConfigShow(ConfigTestCase):
    def test_every_key_with_its_source(self):
        self.config_path.write_text('# mine\n[schedule]\ninterval=20m\n\n[goals]\ndaily=6\n')
        data, by_key = self.show_json()
        self.assertEqual(data['path'], str(self.config_path))
        self.assertEqual(sorted(by_key), sorted(self.keys()))
        self.assertEqual(by_key['schedule.interval']['value'], '20m')
        self.assertEqual(by_key['schedule.interval']['source'], 'file')
        self.assertEqual(by_key['schedule.interval']['line'], 3)
        self.assertEqual(by_key['goals.daily']['line'], 6)
        self.assertEqual(by_key['schedule.snooze']['source'], 'default')
        self.assertIsNone(by_key['schedule.snooze']['line'])
        self.assertEqual(by_key['schedule.snooze']['value'], '5m')
        self.assertEqual(data['warnings'], [])

        # The text form is itself a mobed.conf: the same values, and the
        # source as a comment.
        out, _ = self.run_ok('config')
        self.assertRegex(out, r'(?m)^\[schedule\]$')
        self.assertRegex(out, r'(?m)^interval=20m\s+# mobed\.conf line 3$')
        self.assertRegex(out, r'(?m)^snooze=5m\s+# default$')

    def test_refused_value_shows_the_default_and_why(self):
        self.config_path.write_text('[goals]\ndaily=lots\n')
        data, by_key = self.show_json()
        daily = by_key['goals.daily']
        self.assertEqual((daily['value'], daily['source'], daily['line']), ('8', 'default', 2))
        self.assertIn('not a whole number', daily['refused'])
        self.assertEqual(len(data['warnings']), 1)
        rc, out, err = self.mobectl('config')
        self.assertEqual(rc, 0)
        self.assertRegex(out, r'(?m)^daily=8\s+# default: line 2 refused \(.*whole number')
        # The same sentence mobed logs (without its "keeping" tail).
        self.assertIn(data['warnings'][0], self.daemon_warnings())
        self.assertIn(data['warnings'][0], err)

    @setup(daemon=False)
    def test_no_file(self):
        self.config_path.unlink()
        out, _ = self.run_ok('config')
        self.assertIn('no mobed.conf yet', out.splitlines()[0])
        _, by_key = self.show_json()
        self.assertTrue(all(s['source'] == 'default' for s in by_key.values()))

    @setup(daemon=False)
    def test_man_page_and_completions_know_every_key(self):
        man = (SOURCE / 'data/man/mobed.conf.5.scd').read_text()
        for name in self.keys():
            group, key = name.split('.')
            self.assertIn(f'*{key}*=', man, f'mobed.conf(5) does not document {name}')
        # The completions ask mobectl itself, so they cannot fall behind.
        for path in ('mobectl.bash', '_mobectl', 'mobectl.fish'):
            text = (SOURCE / 'data/completions' / path).read_text()
            self.assertIn('config keys', text, f'{path} does not complete config keys')


class TestConfigSet(ConfigTestCase):
    def test_set_keeps_comments_and_order_and_mobed_reloads(self):
        original = textwrap.dedent('''\
            # my settings
            [schedule]
            # an hour suits me
            interval=1h

            [notify]
            sound=false
            ''')
        self.config_path.write_text(original)
        self.call('Reload')
        out, err = self.run_ok('config', 'set', 'goals.daily', '5')
        self.assertIn('Set [goals] daily=5', out)
        self.assertIn('mobed has read it', out)
        # GKeyFile may set a blank line after the opening comment; every
        # line of the user's stays, in its order, and the new group follows.
        lines = [line for line in self.config_path.read_text().splitlines() if line]
        self.assertEqual(lines, [line for line in original.splitlines() if line]
                         + ['[goals]', 'daily=5'])
        self.assertEqual(json.loads(self.run_ok('status', '--json')[0])['today']['goal'], 5)

        # A key in an existing group goes into that group; the bare key
        # name works when one group has it.
        self.run_ok('config', 'set', 'snooze', '10m')
        lines = [line for line in self.config_path.read_text().splitlines() if line]
        self.assertEqual(lines[:5], ['# my settings', '[schedule]', '# an hour suits me',
                                     'interval=1h', 'snooze=10m'])

    def test_every_kind_good_and_bad(self):
        for kind, (name, good, bad, words) in BY_KIND.items():
            with self.subTest(kind=kind):
                before = self.config_path.read_bytes()
                rc, out, err = self.mobectl('config', 'set', name, bad)
                self.assertEqual(rc, 2, f'{name}={bad}: {out}{err}')
                self.assertIn(words, err)
                self.assertIn('mobed.conf is unchanged', err)
                self.assertEqual(self.config_path.read_bytes(), before)
                # mobed says the same of that value written by hand.
                group, key = name.split('.')
                refusal = re.search(r'\] [\w-]+: (.*); mobed\.conf is unchanged', err).group(1)
                self.config_path.write_text(before.decode() + f'\n[{group}]\n{key}={bad}\n')
                self.assertTrue(any(refusal in w for w in self.daemon_warnings()),
                                f'mobed words {name}={bad} otherwise')
                self.config_path.write_bytes(before)

                self.run_ok('config', 'set', name, good)
                _, by_key = self.show_json()
                self.assertEqual(by_key[name]['source'], 'file', name)
                self.assertEqual(self.daemon_warnings(), [], name)

    def test_value_in_two_arguments(self):
        # As the shell splits it when not quoted.
        self.run_ok('config', 'set', 'work-hours', '09:00-12:00,', '13:00-17:00')
        _, by_key = self.show_json()
        self.assertEqual(by_key['schedule.work-hours']['value'], '09:00-12:00,13:00-17:00')
        self.assertIn('work-hours=09:00-12:00, 13:00-17:00', self.config_path.read_text())

    def test_usage_errors(self):
        before = self.config_path.read_bytes()
        for args, words in [(('set', 'schedule.nope', '1'), "no setting 'schedule.nope'"),
                            (('set', 'schedule.intervl', '5m'),
                             "did you mean 'schedule.interval'?"),
                            (('unset', 'snoze'), "did you mean 'snooze'?"),
                            (('set', 'interval'), 'takes a setting and a value'),
                            (('unset',), 'takes one setting'),
                            (('frobnicate',), "unknown config action 'frobnicate'"),
                            (('keys', 'extra'), 'takes no more arguments'),
                            (('set', 'interval', '1m\n[x]'), 'one line of text')]:
            with self.subTest(args=args):
                rc, out, err = self.mobectl('config', *args)
                self.assertEqual(rc, 2, err)
                self.assertIn(words, err)
                self.assertIn("Try 'mobectl config --help'", err)
        self.assertEqual(self.config_path.read_bytes(), before)

    def test_unset(self):
        self.config_path.write_text('[schedule]\ninterval=1h\nsnooze=9m\n')
        out, _ = self.run_ok('config', 'unset', 'schedule.snooze')
        self.assertIn('back to its default', out)
        self.assertEqual(self.config_path.read_text(), '[schedule]\ninterval=1h\n')
        out, _ = self.run_ok('config', 'unset', 'schedule.snooze')
        self.assertIn('has its default already', out)

    def test_symlink_stays_a_symlink(self):
        real = self.tmp / 'dotfiles' / 'mobed.conf'
        real.parent.mkdir()
        real.write_text('[schedule]\ninterval=1h\n')
        self.config_path.unlink()
        self.config_path.symlink_to(real)
        self.run_ok('config', 'set', 'goals.daily', '4')
        self.assertTrue(self.config_path.is_symlink())
        self.assertIn('daily=4', real.read_text())

    def test_unreadable_file_is_left_alone(self):
        self.config_path.write_bytes(b'[schedule\ninterval=1h\n')
        rc, out, err = self.mobectl('config', 'set', 'goals.daily', '4')
        self.assertEqual(rc, 1)
        self.assertIn(f'cannot change {self.config_path}', err)
        self.assertEqual(self.config_path.read_bytes(), b'[schedule\ninterval=1h\n')

    @setup(daemon=False, activatable=True)
    def test_does_not_start_mobed(self):
        out, _ = self.run_ok('config', 'set', 'goals.daily', '4')
        self.assertIn('mobed is not running', out)
        self.assertIsNone(self.owner_pid(BUS_NAME))
        self.assertIn('daily=4', self.config_path.read_text())


class TestConfigEdit(ConfigTestCase):
    def editor(self, *contents, fail=False):
        """An editor that writes the next of @contents each time it runs."""
        script = self.tmp / 'editor.sh'
        for i, text in enumerate(contents):
            (self.tmp / f'edit-{i}').write_text(text)
        script.write_text(textwrap.dedent(f'''\
            #!/bin/sh
            n=$(cat {self.tmp}/runs 2>/dev/null || echo 0)
            echo $((n + 1)) > {self.tmp}/runs
            {'exit 3' if fail else ''}
            cp {self.tmp}/edit-$n "$1"
            '''))
        script.chmod(0o755)
        self.set_env('VISUAL', '')
        self.set_env('EDITOR', str(script))

    def edit(self, answers=''):
        res = subprocess.run([MOBECTL_BIN, 'config', 'edit'], env=self.env, input=answers,
                             capture_output=True, text=True, timeout=20 * SLOWDOWN,
                             check=False)
        return res.returncode, res.stdout, res.stderr

    def runs(self):
        return int((self.tmp / 'runs').read_text())

    def leftovers(self):
        return [p.name for p in self.config_path.parent.iterdir() if p.name != 'mobed.conf']

    def test_good_edit_is_saved_and_read(self):
        self.editor('[schedule]\ninterval=1h\n[goals]\ndaily=3\n')
        rc, out, err = self.edit()
        self.assertEqual(rc, 0, err)
        self.assertIn('Saved', out)
        self.assertIn('mobed has read it', out)
        self.assertEqual(json.loads(self.run_ok('status', '--json')[0])['today']['goal'], 3)
        self.assertEqual(self.leftovers(), [])

    def test_errors_offer_another_edit(self):
        self.editor('[goals]\ndaily=many\n', '[goals]\ndaily=2\n')
        rc, out, err = self.edit('e\n')
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.runs(), 2)
        self.assertIn('not a whole number', err)
        self.assertIn('(e)dit again', out)
        self.assertEqual(self.config_path.read_text(), '[goals]\ndaily=2\n')

    def test_discard_and_end_of_input_leave_the_file(self):
        before = self.config_path.read_bytes()
        for answers in ('d\n', '', 'x\nd\n'):
            with self.subTest(answers=answers):
                (self.tmp / 'runs').unlink(missing_ok=True)
                self.editor('[goals]\ndaily=many\n')
                rc, out, err = self.edit(answers)
                self.assertEqual(rc, 1)
                self.assertIn('mobed.conf is unchanged', out)
                self.assertEqual(self.config_path.read_bytes(), before)
                self.assertEqual(self.leftovers(), [])

    def test_save_anyway(self):
        self.editor('[goals]\ndaily=many\n')
        rc, out, err = self.edit('s\n')
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.config_path.read_text(), '[goals]\ndaily=many\n')

    def test_failing_editor_and_no_change(self):
        before = self.config_path.read_bytes()
        self.editor('[goals]\ndaily=2\n', fail=True)
        rc, out, err = self.edit()
        self.assertEqual(rc, 1)
        self.assertIn('failed', err)
        self.assertEqual(self.config_path.read_bytes(), before)
        (self.tmp / 'runs').unlink()
        self.editor(before.decode())
        rc, out, err = self.edit()
        self.assertEqual((rc, out.strip()), (0, 'No changes.'))
        self.assertEqual(self.leftovers(), [])


if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_catalog.py — the drill catalog through the real daemon: what a
break offers comes from drills.ini, `mobectl drills` shows what mobed
loaded, a user's drills.ini overrides by id, and a broken catalog is
reported without stopping mobed (unless nothing usable is left).

Run all with `python3 test_catalog.py`, one with
`python3 test_catalog.py TestCatalog.test_drills_json`.
"""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import DRILL_LINE, MOBED_BIN, MobedTestCase, main, setup  # noqa: E402

FIELDS = {'id', 'name', 'summary', 'steps', 'regions', 'settings', 'good_for',
          'reps_small', 'reps_focus', 'reps_max', 'per_side', 'each_way', 'seconds_per_rep',
          'caution', 'easier', 'why', 'picture'}

MY_DRILL = '''
[neck-circles]
name=Slow neck rolls
summary=My own way of rolling the neck.
steps=Sit tall;Roll slowly
regions=neck
settings=seated
good-for=neck-pain
reps-small=10
reps-focus=40
per-side=true
each-way=true
seconds-per-rep=2

[desk-pushups]
name=Desk push-ups
summary=Hands on the desk edge, lower your chest and push back.
steps=Hands on the desk edge;Lower and push back up
regions=chest;shoulders
settings=standing
good-for=
reps-small=10
reps-focus=30
per-side=false
seconds-per-rep=3

[broken-one]
name=Broken
regions=elbows
'''


def first_line(text):
    return text.split('\n', 1)[0]


class TestCatalog(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def drills_json(self, *args):
        rc, out, err = self.mobectl('drills', '--json', *args)
        self.assertEqual(rc, 0, err)
        return json.loads(out)['drills']

    def user_catalog(self, text):
        path = self.tmp / 'config' / 'mobed' / 'drills.ini'
        path.write_text(text)
        return path

    def test_drills_json(self):
        drills = self.drills_json()
        self.assertEqual(len(drills), 21)
        for d in drills:
            self.assertEqual(set(d), FIELDS, d['id'])
            self.assertTrue(2 <= len(d['steps']) <= 6, d['id'])
            self.assertTrue(d['regions'] and d['settings'], d['id'])

    def test_drills_table_and_filters(self):
        os.environ['COLUMNS'] = '250'               # id and name side by side
        rc, out, err = self.mobectl('drills')
        self.assertEqual(rc, 0, err)
        # header + 21; a wrapped cell's next lines start under the id
        rows = [line for line in out.splitlines() if not line.startswith(' ')]
        self.assertEqual(len(rows), 22)
        self.assertIn('neck-circles', out)
        neck = self.drills_json('--region', 'neck')
        self.assertTrue(neck and all('neck' in d['regions'] for d in neck))
        seated = self.drills_json('--setting=seated')
        self.assertTrue(seated and all('seated' in d['settings'] for d in seated))
        typists = self.drills_json('--for', 'typists')
        self.assertTrue(typists and all('typists' in d['good_for'] for d in typists))

    def test_one_drill_with_steps(self):
        rc, out, err = self.mobectl('drills', 'neck-circles')
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.startswith('Neck circles (neck-circles)'), out)
        self.assertRegex(out, r'\n  1\. .+\n  2\. ')
        self.assertIn('\n%s\n' % 'Go easy. If it tires, tightens or hurts, go smaller or slower; if it still feels wrong, stop.', out)
        # Where to read when the drills are not for you, or not yet.
        self.assertRegex(out, r'\nNumbness, tingling, dizziness, pain that spreads.*see a doctor')

    def test_caution(self):
        # A neck drill's caution comes after its steps, and before the numbers.
        for drill in ('neck-circles', 'neck-flexors'):
            rc, out, err = self.mobectl('drills', drill)
            self.assertEqual(rc, 0, err)
            self.assertRegex(out, r'\n  \d\. [^\n]+\n\nTake care: Stop if you get dizzy[^\n]*'
                             r'push the head back')
        rc, out, _ = self.mobectl('drills', 'wrist-circles')
        self.assertNotIn('Take care:', out)
        drills = {d['id']: d for d in self.drills_json()}
        self.assertIn('pregnant', drills['abdominal-lift']['caution'])
        self.assertIn('hip replacement', drills['deep-gluteal']['caution'])
        self.assertIsNone(drills['wrist-circles']['caution'])
        # On the bus a drill without one leaves the key out.
        listed = {d['id']: d for d in self.call_list({}).unpack()[0]}
        self.assertIn('desk', listed['iliopsoas']['caution'])
        self.assertNotIn('caution', listed['wrist-circles'])

    def test_drills_bad_input(self):
        rc, _, err = self.mobectl('drills', 'no-such-drill')
        self.assertEqual(rc, 1)
        self.assertIn("No drill has the id or name 'no-such-drill'", err)
        rc, _, err = self.mobectl('drills', '--region', 'elbow')
        self.assertEqual(rc, 2)
        self.assertIn("'elbow' is not a region", err)
        rc, _, err = self.mobectl('drills', '--setting', 'couch')
        self.assertEqual(rc, 2)
        rc, _, err = self.mobectl('status', '--region', 'neck')
        self.assertEqual(rc, 2)
        self.assertIn("only works with 'mobectl drills'", err)
        with self.assertRaises(Exception) as cm:
            self.call_list({'colour': ('s', 'red')})
        self.assertIn('InvalidArgs', str(cm.exception))
        # An unknown id has its own error name, which mobectl matches.
        with self.assertRaises(Exception) as cm:
            self.call_list({'id': ('s', 'no-such-drill')})
        self.assertIn('org.mobed.Error.NoSuchDrill', str(cm.exception))
        with self.assertRaises(Exception) as cm:
            self.call_list({'region': ('u', 3)})
        self.assertIn('must be a string', str(cm.exception))

    def call_list(self, options):
        from gi.repository import GLib
        variant = GLib.Variant('(a{sv})', ({k: GLib.Variant(t, v) for k, (t, v) in options.items()},))
        return self.bus.call_sync('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                                  'ListDrills', variant, None, 0, 5000, None)

    @setup(config={'schedule': {'interval': '2s'}})
    def test_break_names_a_catalog_drill(self):
        names = {d['name'] for d in self.drills_json()}
        self.advance(2)
        n = self.wait_notify()
        line = first_line(n['body'])
        self.assertRegex(line, DRILL_LINE)
        self.assertIn(line.split(' · ')[0], names)
        status = json.loads(self.mobectl('status', '--json')[1])
        offered = status['current_break']['drills']
        self.assertTrue(1 <= len(offered) <= 2)
        catalog = {d['id']: d for d in self.drills_json()}
        for d in offered:
            self.assertIn(d['id'], catalog)
            sides = 2 if catalog[d['id']]['per_side'] else 1
            # Every pick fits the default 45 s break.
            self.assertLessEqual(d['reps'] * sides * catalog[d['id']]['seconds_per_rep'], 45)
            # Only drills for the default settings (seated, standing).
            self.assertTrue({'seated', 'standing'} & set(catalog[d['id']]['settings']), d['id'])

    @setup(config={'drills': {'settings': 'seated', 'exclude': 'neck-circles'}})
    def test_settings_and_exclude_are_honoured(self):
        seen = set()
        for _ in range(8):
            self.assertEqual(self.mobectl('now')[0], 0)
            status = json.loads(self.mobectl('status', '--json')[1])
            seen.update(d['id'] for d in status['current_break']['drills'])
            self.assertEqual(self.mobectl('done')[0], 0)
        catalog = {d['id']: d for d in self.drills_json()}
        self.assertNotIn('neck-circles', seen)
        for drill_id in seen:
            self.assertIn('seated', catalog[drill_id]['settings'], drill_id)

    def test_user_catalog_overrides_and_adds(self):
        self.stop_daemon()
        self.user_catalog(MY_DRILL)
        self.daemon = self.start_daemon()
        drills = {d['id']: d for d in self.drills_json()}
        self.assertEqual(len(drills), 22)                     # 21 + desk-pushups
        self.assertEqual(drills['neck-circles']['name'], 'Slow neck rolls')
        self.assertIn('desk-pushups', drills)
        self.assertNotIn('broken-one', drills)
        log = self.logs[-1][1].read_text()
        self.assertRegex(log, r"drill 'broken-one', key 'regions': 'elbows' is not a known name")

    def test_json_carries_the_optional_fields(self):
        # Every shipped drill says why and how to go easier; reps_max is the
        # catalog's, or the usual top of 75 a set when it names none.
        drills = {d['id']: d for d in self.drills_json()}
        neck = drills['neck-circles']
        self.assertTrue(neck['why'].startswith('A stiff neck nearly always'), neck['why'])
        self.assertTrue(neck['easier'].startswith('Swing the head in half circles'),
                        neck['easier'])
        self.assertEqual(neck['reps_max'], 50)
        self.assertTrue(all(d['why'] and d['easier'] for d in drills.values()))
        # A drill without them has them as null, not left out.
        self.stop_daemon()
        self.user_catalog(MY_DRILL)
        self.daemon = self.start_daemon()
        mine = {d['id']: d for d in self.drills_json()}['desk-pushups']
        for key in ('caution', 'easier', 'why', 'picture'):
            self.assertIn(key, mine)
            self.assertIsNone(mine[key], key)
        self.assertEqual(mine['reps_max'], 75)

    def test_reload_takes_new_drills(self):
        self.user_catalog(MY_DRILL)
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0)
        self.assertIn("drill 'broken-one'", err)
        self.assertIn('desk-pushups', {d['id'] for d in self.drills_json()})

    def test_unknown_focus_and_exclude_are_reported(self):
        self.write_config({'drills': {'focus': 'neck-pain,nek-pain,wrists-forearms',
                                      'exclude': 'wrist-circles,wirst-circles'}})
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        self.assertIn("[drills] focus: 'nek-pain' is neither a region nor a tag", err)
        self.assertIn("[drills] exclude: no drill has the id 'wirst-circles'", err)
        # Named only as the suggestion for the misspelt one.
        self.assertNotIn("focus: 'neck-pain'", err)
        self.assertNotIn("'wrists-forearms'", err)
        self.assertNotIn("id 'wrist-circles'", err)

    @setup(daemon=False)
    def test_no_usable_drill_refuses_to_start(self):
        empty = self.tmp / 'empty-data'
        empty.mkdir()
        (empty / 'drills.ini').write_text('[only-broken]\nname=X\n')
        env = dict(self.env, MOBED_DATA_DIR=str(empty))
        proc = subprocess.run([MOBED_BIN], env=env, capture_output=True, text=True, timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('no usable drill', proc.stderr)
        self.assertIn("drill 'only-broken'", proc.stderr)

    @setup(daemon=False, caps=None)
    def test_check_catalog(self):
        shipped = os.environ['MOBED_DATA_DIR'] + '/drills.ini'
        proc = subprocess.run([MOBED_BIN, '--check-catalog', shipped], capture_output=True,
                              text=True, timeout=20)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn('21 drills, no problems', proc.stdout)
        broken = self.user_catalog(MY_DRILL)
        proc = subprocess.run([MOBED_BIN, '--check-catalog', str(broken)], capture_output=True,
                              text=True, timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(proc.stderr, re.escape(str(broken)) + r": drill 'broken-one', key 'summary'")
        self.assertIn('2 drills usable', proc.stdout)
        proc = subprocess.run([MOBED_BIN, '--check-catalog', str(self.tmp / 'nope.ini')],
                              capture_output=True, text=True, timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('nope.ini', proc.stderr)


if __name__ == '__main__':
    main()

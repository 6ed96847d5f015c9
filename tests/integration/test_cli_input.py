#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_cli_input.py — mobectl and mobed.conf forgive the way people type:
durations in words and with spaces (in German for a German speaker), and a
"did you mean" for a mistyped command, option, config group or key, drill
id or exclude= id. What stays refused keeps its message and exit status.

Run all with `python3 test_cli_input.py`, one with
`python3 test_cli_input.py TestDurationWords.test_pause_words`.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MOBECTL_BIN, SLOWDOWN, MobedTestCase, main, now_us, setup  # noqa: E402

GERMAN = {'LANGUAGE': 'de', 'LANG': 'de_DE.UTF-8', 'LC_ALL': 'de_DE.UTF-8'}


class InputTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def ok(self, *args, env=None):
        rc, out, err = self.run_mobectl(args, env)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        self.assertEqual(err, '', f'mobectl {" ".join(args)} wrote to stderr')
        return out

    def run_mobectl(self, args, env=None):
        if env is None:
            return self.mobectl(*args)
        res = subprocess.run([MOBECTL_BIN, *args], env=dict(self.env, **env),
                             capture_output=True, text=True, timeout=20 * SLOWDOWN, check=False)
        self.transcript.append(f'$ {env} mobectl {" ".join(args)}  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        return res.returncode, res.stdout, res.stderr

    def usage_error(self, *args, env=None):
        """Expects exit 2, nothing on stdout; returns the first stderr line."""
        rc, out, err = self.run_mobectl(args, env)
        self.assertEqual(rc, 2, f'mobectl {" ".join(args)}: {out}{err}')
        self.assertEqual(out, '')
        return err.splitlines()[0]

    def paused_for(self):
        """Seconds from now to the end of the pause."""
        return (self.get_prop('PausedUntil') - now_us()) / 1e6


class TestDurationWords(InputTestCase):

    def test_pause_words(self):
        cases = [(('5min',), 300), (('5 min',), 300), (('5', 'min'), 300),
                 (('1.5h',), 5400), (('1h 30m',), 5400), (('1h', '30m'), 5400),
                 (('20 minutes',), 1200), (('20', 'minutes'), 1200),
                 (('90 seconds',), 90), (('2 hours',), 7200), (('2', 'hours'), 7200),
                 (('1', 'hour', 'and', '30', 'minutes'), 5400)]
        for args, seconds in cases:
            with self.subTest(args=args):
                out = self.ok('pause', *args)
                self.assertTrue(out.startswith('Paused for '), out)
                self.assertAlmostEqual(self.paused_for(), seconds, delta=3)
                self.ok('resume')

    def test_snooze_and_meeting_words(self):
        self.ok('now')
        out = self.ok('snooze', '10', 'minutes')
        self.assertTrue(out.startswith('Snoozed for 10m'), out)
        until = self.get_prop('CurrentBreak')['snoozed_until']
        self.assertAlmostEqual((until - now_us()) / 1e6, 600, delta=3)
        self.ok('meeting', '45 min')
        self.assertAlmostEqual(self.paused_for(), 45 * 60, delta=3)
        self.ok('meeting', 'end')

    def test_german_words_for_german_speakers(self):
        for args, seconds in ((('20 Minuten',), 1200), (('1,5', 'Stunden'), 5400),
                              (('2 Stunden',), 7200), (('90 Sekunden',), 90),
                              (('20 minutes',), 1200)):
            with self.subTest(args=args):
                self.ok('pause', *args, env=GERMAN)
                self.assertAlmostEqual(self.paused_for(), seconds, delta=3)
                self.ok('resume')
        # In English the German words are not durations, as before.
        line = self.usage_error('pause', '20 Minuten')
        self.assertEqual(line, "mobectl: '20 Minuten' is not a duration "
                               "(try 90s, 5m, 1h30m or 1:30)")
        self.assertEqual(self.get_prop('State'), 'working')

    def test_still_refused(self):
        cases = [(('banana',), "mobectl: 'banana' is not a duration (try 90s, 5m, 1h30m or 1:30)"),
                 (('5', 'apples'), "mobectl: '5 apples' is not a duration"),
                 (('10',), "mobectl: '10' ends without a unit: did you mean '10m'?"),
                 (('1h', '30'), "mobectl: '1h 30' ends without a unit: did you mean '1h 30m'?"),
                 (('1.5s',), "mobectl: '1.5s' is not a whole number of seconds"),
                 (('0', 'minutes'), "mobectl: '0 minutes' is zero"),
                 (('13', 'hours'), "mobectl: '13 hours' is too long for snooze (at most 12h)")]
        self.ok('now')
        for args, start in cases:
            with self.subTest(args=args):
                self.assertTrue(self.usage_error('snooze', *args).startswith(start))
        self.assertEqual(self.get_prop('State'), 'due')
        # Over-long is a usage error for pause too (mobectl(1), EXIT STATUS).
        self.assertTrue(self.usage_error('pause', '31 days').startswith(
            "mobectl: '31 days' is too long for pause (at most 30d)"))

    def test_help_shows_the_words(self):
        out = self.ok('pause', '--help')
        self.assertIn('5 min, 1h 30m, 20 minutes, 1.5 hours', out)


class TestDidYouMean(InputTestCase):

    def test_unknown_command(self):
        self.assertEqual(self.usage_error('stauts'),
                         "mobectl: unknown command 'stauts' (did you mean 'status'?)")
        self.assertEqual(self.usage_error('snoze', '5m'),
                         "mobectl: unknown command 'snoze' (did you mean 'snooze'?)")
        self.assertEqual(self.usage_error('frobnicate'), "mobectl: unknown command 'frobnicate'")

    def test_unknown_option(self):
        self.assertEqual(self.usage_error('drills', '--regoin', 'neck'),
                         "mobectl: unknown option '--regoin' (did you mean '--region'?)")
        self.assertEqual(self.usage_error('--jsno'),
                         "mobectl: unknown option '--jsno' (did you mean '--json'?)")

    def test_german_hint(self):
        line = self.usage_error('stauts', env=dict(GERMAN, MOBED_LOCALEDIR=LOCALE_DIR))
        if 'unbekannt' not in line:
            self.skipTest('no German catalog or locale in this build')
        self.assertEqual(line, "mobectl: unbekannter Befehl 'stauts' (war 'status' gemeint?)")


class TestConfigHints(InputTestCase):

    def reload_warnings(self):
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        return err

    def test_unknown_group_and_key(self):
        self.write_config(extra='[schedul]\ninterval=5m\n[goals]\ndayly=3\n')
        err = self.reload_warnings()
        path = str(self.config_path)
        self.assertIn(f'{path}: unknown group [schedul] (did you mean [schedule]?); ignored', err)
        self.assertIn(f"{path}: [goals] unknown key 'dayly' (did you mean 'daily'?); ignored",
                      err)

    def test_negative_goal_is_out_of_range(self):
        self.write_config({'goals': {'daily': '-3'}})
        err = self.reload_warnings()
        self.assertIn("[goals] daily: '-3' is out of range (1 to 100); keeping 8", err)
        self.assertNotIn('whole number', err)

    def test_exclude_names_the_file_and_the_nearest_id(self):
        ids = [d['id'] for d in self.drills()]
        target = ids[len(ids) // 2]
        typo = target[:2] + target[3] + target[2] + target[4:]     # two letters swapped
        self.write_config({'drills': {'exclude': typo}})
        err = self.reload_warnings()
        self.assertIn(f"{self.config_path}: [drills] exclude: no drill has the id '{typo}' "
                      f"(did you mean '{target}'?)", err)
        self.assertEqual(self.get_prop('State'), 'working')

    def test_config_durations_in_words(self):
        self.write_config({'schedule': {'snooze': '7 minutes', 'interval': '1.5 hours'}})
        self.assertEqual(self.reload_warnings(), '')
        self.assertEqual(self.get_prop('SnoozeLength'), 420)

    def drills(self):
        return json.loads(self.ok('drills', '--json'))['drills']


class TestDrillsLookup(InputTestCase):
    """mobectl drills WORD, whatever names the catalog has: they are read
    from mobectl drills --json, not written here."""

    def setUp(self):
        super().setUp()
        self.drills = json.loads(self.ok('drills', '--json'))['drills']
        self.ids = [d['id'] for d in self.drills]
        self.names = [d['name'] for d in self.drills]

    def shown(self, word):
        """The id of the drill `mobectl drills WORD` shows."""
        out = self.ok('drills', word)
        first = out.splitlines()[0]
        self.assertTrue(first.endswith(')'), first)
        return first[first.rindex('(') + 1:-1]

    def unique_prefix(self, text):
        words = [w.casefold() for w in self.ids + self.names]
        for n in range(3, len(text)):
            prefix = text[:n].casefold()
            if sum(1 for w in set(words) if w.startswith(prefix)) == 1:
                return text[:n]
        return None

    def test_by_id_name_and_prefix(self):
        for d in self.drills:
            with self.subTest(drill=d['id']):
                self.assertEqual(self.shown(d['id']), d['id'])
                self.assertEqual(self.shown(d['id'].upper()), d['id'])
                if self.names.count(d['name']) == 1:
                    self.assertEqual(self.shown(d['name']), d['id'])
                    self.assertEqual(self.shown(d['name'].swapcase()), d['id'])
                for text in (d['id'], d['name']):
                    prefix = self.unique_prefix(text)
                    if prefix is not None:
                        self.assertEqual(self.shown(prefix), d['id'], prefix)
        # --json gives that one drill too.
        one = json.loads(self.ok('drills', self.names[0].lower(), '--json'))['drills']
        self.assertEqual([d['id'] for d in one], [self.ids[0]])

    def test_ambiguous_prefix_lists_the_drills(self):
        by_word = {}
        for i in self.ids:
            by_word.setdefault(i.split('-')[0], []).append(i)
        word, ids = next((w, ids) for w, ids in sorted(by_word.items())
                         if len(ids) > 1 and not any(n.casefold() == w for n in self.ids))
        rc, out, err = self.mobectl('drills', word)
        self.assertEqual(rc, 1)
        self.assertEqual(out, '')
        self.assertIn(f"mobectl: '{word}' matches more than one drill:", err)
        for i in ids:
            self.assertIn(f'  {i}  (', err)

    def test_region_word_points_at_region(self):
        regions = {r for d in self.drills for r in d['regions']}
        region = next(r for r in sorted(regions) if r not in self.ids)
        rc, out, err = self.mobectl('drills', region)
        self.assertNotEqual(rc, 2)
        if rc == 1:
            self.assertIn(f'mobectl drills --region {region}', err)

    def test_neck(self):
        """The issue's own example, when the catalog has neck drills."""
        if 'neck-circles' not in self.ids:
            self.skipTest('no neck-circles in this catalog')
        rc, out, err = self.mobectl('drills', 'neck')
        self.assertEqual(rc, 1)
        self.assertIn('neck-circles', err)
        self.assertIn('mobectl drills --region neck', err)

    def test_misspelt_id_suggests(self):
        target = max(self.ids, key=len)
        typo = target[:2] + target[3] + target[2] + target[4:]
        rc, out, err = self.mobectl('drills', typo)
        self.assertEqual(rc, 1)
        self.assertEqual(err, f"mobectl: No drill has the id or name '{typo}' "
                              f"(did you mean '{target}'?)\n")
        rc, out, err = self.mobectl('drills', 'qqqqqqqqqq')
        self.assertEqual((rc, err), (1, "mobectl: No drill has the id or name 'qqqqqqqqqq'\n"))

    def test_for_that_matches_nothing_known(self):
        tags = sorted({t for d in self.drills for t in d['good_for']})
        regions = sorted({r for d in self.drills for r in d['regions']})
        tag = max(tags, key=len)
        typo = tag[:-1]
        self.assertEqual(self.usage_error('drills', '--for', typo),
                         f"mobectl: no drill is good for '{typo}' (did you mean '{tag}'?)")
        region = next(r for r in regions if r not in tags)
        self.assertEqual(self.usage_error('drills', '--for', region),
                         f"mobectl: no drill is good for '{region}', which is a region: "
                         f"try --region {region}")
        self.assertTrue(self.usage_error('drills', '--for', 'qqqqqqqqqq').startswith(
            "mobectl: no drill is good for 'qqqqqqqqqq'"))
        # Known words that happen to match nothing together: an empty answer.
        settings = ('seated', 'standing', 'space', 'doorway', 'surface', 'floor')
        empty = next(((t, s) for t in tags for s in settings
                      if not any(t in d['good_for'] and s in d['settings']
                                 for d in self.drills)), None)
        if empty is not None:
            out = self.ok('drills', '--for', empty[0], '--setting', empty[1])
            self.assertIn('(no drill matches)', out)


LOCALE_DIR = os.environ.get('MOBED_LOCALEDIR') or os.path.join(
    os.environ.get('MESON_BUILD_ROOT', ''), 'po')

if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_i18n.py — the real mobed and mobectl in German: the notification,
the status block, the refusals, the tables. What scripts read stays English:
D-Bus values, JSON and CSV.

The message catalog comes from the build tree (MOBED_LOCALEDIR, else
$MESON_BUILD_ROOT/po, where meson's i18n module compiles po/de.po). Needs a
de_DE.UTF-8 locale (scripts/deps generates it with locale-gen); without one every
test exits 77.

Run all with `python3 test_i18n.py`, one with
`python3 test_i18n.py TestGerman.test_notification`.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MobedTestCase, main, setup  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2]
LOCALE_DIR = os.environ.get('MOBED_LOCALEDIR') or str(
    Path(os.environ.get('MESON_BUILD_ROOT', SOURCE / 'build')) / 'po')
GERMAN = {'LANGUAGE': 'de', 'LANG': 'de_DE.UTF-8', 'LC_ALL': 'de_DE.UTF-8',
          'MOBED_LOCALEDIR': LOCALE_DIR}
GERMAN_REPS = r'· \d+(-mal| pro Seite| in jede Richtung)'


def german_names():
    """Each shipped drill's German name, by id, from drills.ini."""
    names, drill = {}, None
    for line in (SOURCE / 'data' / 'drills.ini').read_text().splitlines():
        if line.startswith('['):
            drill = line.strip('[]')
        elif line.startswith('name[de]='):
            names[drill] = line.split('=', 1)[1]
    return names


def have_german_locale():
    try:
        names = subprocess.run(['locale', '-a'], capture_output=True, text=True,
                               check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return False
    return any(n.lower().replace('-', '') == 'de_de.utf8' for n in names)


class TestGerman(MobedTestCase):
    """mobed and mobectl started with LANGUAGE=de LC_ALL=de_DE.UTF-8."""
    config = {'schedule': {'interval': '1h'}}
    start_mobed = False

    def setUp(self):
        super().setUp()
        # After the harness set LC_ALL=C.UTF-8; restored by its cleanup.
        os.environ.update(GERMAN)
        self.daemon = self.start_daemon()

    def run_ok(self, *args):
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        self.assertEqual(err, '')
        return out

    @setup(config={'schedule': {'interval': '2s'}})
    def test_notification(self):
        self.advance(2)
        n = self.wait_notify()
        self.assertEqual(n['summary'], 'Zeit für Bewegung')
        self.assertEqual(n['actions'], ['default', 'Schritte zeigen', 'done', 'Erledigt', 'snooze', 'Später (3 s)',
                                        'skip', 'Überspringen', 'another', 'Andere Übung'])
        lines = n['body'].split('\n')
        self.assertRegex(lines[0], GERMAN_REPS)
        self.assertEqual(lines[-1], 'Locker bleiben. Wenn es ermüdet, spannt oder wehtut: kleiner '
                                    'oder langsamer; fühlt es sich dann noch falsch an, aufhören.')
        # The D-Bus API does not change with the daemon's language.
        self.assertEqual(self.get_prop('State'), 'due')
        for drill in self.get_prop('CurrentBreak')['drills']:
            self.assertRegex(drill['reps_text'], r'^\d+ (times?|per side|each way)$')

    @setup(caps='body')
    def test_commands_in_body_without_actions(self):
        self.call('TakeBreak')
        n = self.wait_notify()
        self.assertEqual(n['actions'], [])
        self.assertEqual(n['body'].split('\n')[-2],
                         'Antworten mit: mobectl done · mobectl snooze · mobectl skip')
        self.assertRegex(n['body'].split('\n')[-1],
                         r'^Schritte: mobectl drills [a-z-]+( · mobectl drills [a-z-]+)?$')

    def test_status_block(self):
        self.assertRegex(self.run_ok('now'), r'^Pause gestartet: .*' + GERMAN_REPS)
        out = self.run_ok('status')
        lines = out.splitlines()
        labels = {}
        for line in lines:
            label, rest = line.split(':', 1)
            labels[label] = rest.lstrip(' ')
            # Every value starts in the same column, after the longest label.
            self.assertEqual(len(line) - len(rest.lstrip(' ')), len('Nächste Pause:') + 2, out)
        self.assertEqual(labels['Zustand'], 'fällig', out)
        self.assertRegex(labels['Pause'], GERMAN_REPS)
        self.assertEqual(labels['Heute'], '0 von 8 Pausen erledigt')
        # Scripts read English.
        self.assertEqual(json.loads(self.run_ok('status', '--json'))['state'], 'due')

    def test_refusals(self):
        for args, message in ((('done',), 'Gerade ist keine Pause fällig'),
                              (('resume',), 'Die Pausen sind nicht ausgesetzt')):
            with self.subTest(args=args):
                rc, out, err = self.mobectl(*args)
                self.assertEqual(rc, 1)
                self.assertEqual(err, f'mobectl: {message}\n')
        rc, out, err = self.mobectl('drills', 'no-such-drill')
        self.assertEqual(rc, 1)
        self.assertEqual(err, "mobectl: Keine Übung hat die ID oder den Namen 'no-such-drill'\n")
        rc, out, err = self.mobectl('snooze', '13h')
        self.assertEqual(rc, 2)
        self.assertIn("'13h' ist zu lang für snooze (höchstens 12h)", err)

    def test_sentences_and_tables(self):
        self.run_ok('now')
        self.assertEqual(self.run_ok('done'), 'Erledigt. 1 von 8 Pausen heute.\n')
        history = self.run_ok('history').splitlines()
        self.assertRegex(history[0], r'^FÄLLIG +ERGEBNIS +VERSCHOBEN +REAKTION +ÜBUNGEN')
        self.assertIn(' erledigt ', history[1])
        self.assertIn(',done,', self.run_ok('history', '--csv'))
        self.assertEqual(json.loads(self.run_ok('history', '--json'))['breaks'][0]['outcome'],
                         'done')
        stats = self.run_ok('stats')
        self.assertIn('Heute: 1 von 8 Pausen erledigt', stats)
        self.assertRegex(stats, r'(?m)^gesamt ')
        self.assertRegex(stats, r'(?m)^Serie: ')
        heatmap = self.run_ok('stats', '--heatmap').splitlines()
        self.assertEqual([line[:3] for line in heatmap[1:8]],
                         ['Mo ', 'Di ', 'Mi ', 'Do ', 'Fr ', 'Sa ', 'So '])
        drills = self.run_ok('drills').splitlines()
        self.assertRegex(drills[0], r'^ÜBUNG +BEWEGT +WO +GUT FÜR$')      # 80 columns
        os.environ['COLUMNS'] = '250'
        drills = self.run_ok('drills').splitlines()
        self.assertRegex(drills[0], r'^ID +NAME +BEWEGT +WO +GUT FÜR$')
        # The catalog's caution in German, under the translated label.
        self.assertIn('\nVorsicht: Aufhören bei Schwindel', self.run_ok('drills', 'neck-circles'))
        # What it is for, and the gentler form, in German too.
        wrists = self.run_ok('drills', 'wrist-circles')
        self.assertIn('\nWozu: Anders als eine Dehnung', wrists)
        self.assertIn('\nAn schlechten Tagen: Kleinere, langsamere Kreise', wrists)

    def test_drills_in_german(self):
        # The catalog's own German: name, summary and steps.
        out = self.run_ok('drills', 'neck-circles')
        self.assertTrue(out.startswith('Kopfkreisen (neck-circles)\n'
                                       'Den Kopf langsam in großen, lockeren Kreisen rollen.\n'),
                        out)
        self.assertIn('\n  1. Aufrecht sitzen oder stehen, die Schultern locker\n'
                      '  2. Den Kopf langsam herumrollen,', out)
        # A name with its anatomical term, found by its German name too.
        out = self.run_ok('drills', 'ausfallschritt für die hüftbeuger')
        self.assertTrue(out.startswith('Ausfallschritt für die Hüftbeuger (Iliopsoas) '
                                       '(iliopsoas)\n'), out)
        # The break names its drills in German, each on its own line.
        self.call('TakeBreak')
        n = self.wait_notify()
        names = german_names()
        for drill in self.get_prop('CurrentBreak')['drills']:
            self.assertRegex(n['body'], r'(?m)^' + re.escape(names[drill['id']]) + ' · ')

    def test_pauses_in_the_history(self):
        self.run_ok('meeting')
        self.run_ok('meeting', 'end')
        self.run_ok('pause', '--reason', 'dentist')
        history = self.run_ok('history').splitlines()
        self.assertRegex(history[1], r' ausgesetzt +dentist · bisher \d+ s$')
        self.assertRegex(history[2], r' ausgesetzt +Besprechung · \d+ s$')
        pauses = self.run_ok('history', '--pauses').splitlines()
        self.assertRegex(pauses[0], r'^BEGINN +ENDE +DAUER +GRUND$')
        self.assertRegex(pauses[1], r'  jetzt +\d+ s  dentist$')
        # Scripts read the reason as given.
        self.assertEqual([p['reason'] for p in json.loads(self.run_ok('history', '--pauses',
                                                                      '--json'))['pauses']],
                         ['dentist', 'meeting'])
        self.assertEqual(self.run_ok('history', '--pauses', '--since', '2999-01-01'),
                         'Noch keine ausgesetzten Zeiten aufgezeichnet.\n')

    @setup(config={'schedule': {'interval': '10m', 'walk-every': '10m'}})
    def test_walk(self):
        # Ten minutes sat: the first break is a walk, said in German, with
        # no button for another drill.
        self.advance(600)
        n = self.wait_notify()
        self.assertEqual(n['summary'], 'Zeit aufzustehen: 5 Minuten gehen')
        self.assertEqual(n['actions'][2::2], ['done', 'snooze', 'skip'])
        self.assertEqual(n['body'].split('\n')[-1],
                         'Du sitzt schon lange am Stück. Drück „Erledigt“, wenn du zurück bist.')
        self.assertRegex(self.run_ok('status'), r'(?m)^Pause: +5 min gehen$')
        self.call('Done')
        self.wait_ended('done')
        self.assertRegex(self.run_ok('history'), r'Gehpause nach 10 Min\. Sitzen')


if __name__ == '__main__':
    if not have_german_locale():
        print('SKIP: no de_DE.UTF-8 locale (`locale -a`); scripts/deps generates it',
              file=sys.stderr)
        sys.exit(77)
    if not (Path(LOCALE_DIR) / 'de' / 'LC_MESSAGES' / 'mobed.mo').is_file():
        if shutil.which('msgfmt') is None:
            print('SKIP: gettext (msgfmt) is missing, so no catalog is built; scripts/deps '
                  'installs it', file=sys.stderr)
            sys.exit(77)
        print(f'ERROR: {LOCALE_DIR}/de/LC_MESSAGES/mobed.mo is not built', file=sys.stderr)
        sys.exit(1)
    main()

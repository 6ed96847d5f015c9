#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_pictures.py — a drill's picture and steps on the notification: the
break carries its drill's picture (the image-path hint, a file: URI) where
the catalog names one and the file is there; a picture that is missing is
a warning naming the catalog, the drill and the file, and the drill is
offered without it; a click on the body brings up the steps (see
test_daemon.py), and where the server has no actions the body names the
command that shows them.

Run all with `python3 test_pictures.py`, one with
`python3 test_pictures.py TestPictures.test_break_carries_its_picture`.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MobedTestCase, main, setup  # noqa: E402

TEST_PICTURE = Path(__file__).resolve().parents[1] / 'data' / 'picture.svg'

ONE_DRILL = '''[only-one]
name=Only drill
summary=Turn the head slowly, left and right.
steps=Sit tall;Turn the head to one side;Come back and turn to the other
regions=neck
settings=seated;standing
good-for=
reps-small=10
reps-focus=30
per-side=false
seconds-per-rep=2
'''


class TestPictures(MobedTestCase):
    """interval=1h: breaks start with TakeBreak."""
    config = {'schedule': {'interval': '1h'}}

    def start_with_catalog(self, extra=''):
        """mobed with a shipped catalog of one drill (with @extra lines)."""
        data = self.tmp / 'one-drill'
        (data / 'drills').mkdir(parents=True)
        (data / 'drills.ini').write_text(ONE_DRILL + extra)
        os.environ['MOBED_DATA_DIR'] = str(data)
        self.daemon = self.start_daemon()
        return data

    def take_break(self):
        self.call('TakeBreak')
        return self.wait_notify()

    def warnings(self):
        rc, out, err = self.mobectl('status', '--json')
        self.assertEqual(rc, 0, err)
        return json.loads(out)['warnings']

    def test_break_carries_its_picture(self):
        # The shipped drills name their pictures by id, in drills/ beside
        # the catalog; the notification points at the file.
        n = self.take_break()
        first = self.get_prop('CurrentBreak')['drills'][0]['id']
        picture = Path(os.environ['MOBED_DATA_DIR']) / 'drills' / f'{first}.svg'
        self.assertTrue(picture.is_file(), picture)
        self.assertEqual(n['hints'].get('image-path'), picture.as_uri())
        self.assertEqual(self.warnings(), [])

    @setup(daemon=False)
    def test_picture_by_absolute_path(self):
        self.start_with_catalog(f'picture={TEST_PICTURE}\n')
        n = self.take_break()
        self.assertEqual(n['hints'].get('image-path'), TEST_PICTURE.as_uri())
        # The steps carry the picture too.
        self.emit_action(n['id'], 'default')
        steps = self.wait_notify(count=2)
        self.assertEqual(steps['hints'].get('image-path'), TEST_PICTURE.as_uri())
        self.assertIn('1. Sit tall\n2. Turn the head to one side\n'
                      '3. Come back and turn to the other\n', steps['body'])

    def test_mobectl_drills_names_the_file(self):
        picture = Path(os.environ['MOBED_DATA_DIR']) / 'drills' / 'neck-circles.svg'
        rc, out, err = self.mobectl('drills', 'neck-circles')
        self.assertEqual(rc, 0, err)
        self.assertIn(f'\nPicture: {picture}\n', out)
        rc, out, err = self.mobectl('drills', '--json')
        self.assertEqual(rc, 0, err)
        drills = {d['id']: d for d in json.loads(out)['drills']}
        self.assertEqual(drills['neck-circles']['picture'], str(picture))

    @setup(daemon=False)
    def test_no_picture(self):
        self.start_with_catalog()
        rc, out, err = self.mobectl('drills', '--json')
        self.assertEqual(rc, 0, err)
        self.assertIsNone(json.loads(out)['drills'][0]['picture'])
        rc, out, err = self.mobectl('drills', 'only-one')
        self.assertNotIn('Picture:', out)
        n = self.take_break()
        self.assertNotIn('image-path', n['hints'])
        self.assertNotIn('image-data', n['hints'])
        self.assertEqual(self.warnings(), [])

    @setup(daemon=False)
    def test_missing_picture_is_a_warning(self):
        data = self.start_with_catalog('picture=only-one.svg\n')
        missing = data / 'drills' / 'only-one.svg'
        warnings = self.warnings()
        self.assertEqual(len(warnings), 1, warnings)
        for part in (str(data / 'drills.ini'), "drill 'only-one'", "key 'picture'",
                     str(missing), 'without a picture'):
            self.assertIn(part, warnings[0])
        # The drill is still listed and offered, without a picture.
        rc, out, err = self.mobectl('drills', '--json')
        self.assertEqual(rc, 0, err)
        self.assertIsNone(json.loads(out)['drills'][0]['picture'])
        n = self.take_break()
        self.assertTrue(n['body'].startswith('Only drill · '), n['body'])
        self.assertNotIn('image-path', n['hints'])

        # Once the file is there, a reload finds it.
        missing.symlink_to(TEST_PICTURE)
        rc, _out, err = self.mobectl('reload')
        self.assertEqual((rc, err), (0, ''))
        self.assertEqual(self.warnings(), [])

    @setup(daemon=False)
    def test_user_drill_with_its_own_picture(self):
        # A user's drills.ini: a plain file name is looked for among the
        # shipped pictures, an absolute path where it says.
        data = self.start_with_catalog('picture=only-one.svg\n')
        (data / 'drills' / 'only-one.svg').symlink_to(TEST_PICTURE)
        user = self.tmp / 'config' / 'mobed' / 'drills.ini'
        user.write_text(ONE_DRILL.replace('Only drill', 'My drill')
                        + 'picture=/nowhere/mine.svg\n')
        rc, _out, err = self.mobectl('reload')
        self.assertEqual(rc, 0)
        self.assertIn(f"{user}: drill 'only-one', key 'picture': cannot read "
                      "'/nowhere/mine.svg'", err)
        n = self.take_break()
        self.assertTrue(n['body'].startswith('My drill · '), n['body'])
        self.assertNotIn('image-path', n['hints'])

    @setup(config={'schedule': {'interval': '1h', 'break-length': '3m'}})
    def test_steps_of_each_drill(self):
        # A longer break has two drills: the steps of each, numbered from 1
        # under its own line, a blank line between, then the safety line.
        n = self.take_break()
        drills = self.get_prop('CurrentBreak')['drills']
        self.emit_action(n['id'], 'default')
        body = self.wait_notify(count=2)['body']
        self.assertEqual(len(drills), 2, drills)
        blocks = body.split('\n\n')
        self.assertEqual(len(blocks), len(drills), body)
        for block, drill in zip(blocks, drills):
            lines = block.split('\n')
            self.assertTrue(lines[0].startswith(drill['name'] + ' · '), body)
            self.assertEqual(lines[1][:3], '1. ', body)
            self.assertEqual(lines[2][:3], '2. ', body)
        self.assertTrue(body.endswith('if it still feels wrong, stop.'), body)

    @setup(daemon=False)
    def test_steps_carry_the_caution(self):
        # The drill's caution follows its steps, before the safety line.
        self.start_with_catalog('caution=Stop if you feel dizzy.\n')
        n = self.take_break()
        self.emit_action(n['id'], 'default')
        body = self.wait_notify(count=2)['body']
        self.assertIn('3. Come back and turn to the other\nStop if you feel dizzy.\nGo easy.', body)

    @setup(daemon=False, caps='body')
    def test_without_actions_the_body_names_the_command(self):
        # No actions, so no body click: the command that shows the steps.
        self.start_with_catalog()
        n = self.take_break()
        self.assertEqual(n['actions'], [])
        self.assertIn('\nSteps: mobectl drills only-one', n['body'])

    def test_with_actions_the_body_does_not(self):
        n = self.take_break()
        self.assertNotIn('mobectl drills', n['body'])


class TestOpenPicture(MobedTestCase):
    """`mobectl drills ID --open`: the picture goes to the viewer the
    desktop chose for image/svg+xml (here a script that writes down what
    it was given), found by GIO through this test's XDG directories."""
    config = {'schedule': {'interval': '1h'}}

    def fake_viewer(self):
        """Makes a script the default for SVG; returns the file it writes."""
        got = self.tmp / 'viewer-got'
        script = self.tmp / 'viewer.sh'
        script.write_text(f'#!/bin/sh\nprintf %s "$1" > {got}.part && mv {got}.part {got}\n')
        script.chmod(0o755)
        apps = Path(os.environ['XDG_DATA_HOME']) / 'applications'
        apps.mkdir(parents=True)
        (apps / 'mobed-test-viewer.desktop').write_text(
            '[Desktop Entry]\nType=Application\nName=Test viewer\n'
            f'Exec={script} %u\nMimeType=image/svg+xml;\n')
        (Path(os.environ['XDG_CONFIG_HOME']) / 'mimeapps.list').write_text(
            '[Default Applications]\nimage/svg+xml=mobed-test-viewer.desktop\n')
        return got

    def test_open_hands_the_picture_to_the_viewer(self):
        got = self.fake_viewer()
        picture = Path(os.environ['MOBED_DATA_DIR']) / 'drills' / 'neck-circles.svg'
        rc, out, err = self.mobectl('drills', 'neck circles', '--open')
        self.assertEqual((rc, out, err), (0, '', ''))
        # GIO passes a local file's path even for %u.
        self.assert_eventually(got.exists, message='the viewer was not started')
        self.assertEqual(got.read_text(), str(picture))

    def test_no_viewer(self):
        # No mimeapps.list and no system applications: nothing opens SVG.
        self.set_env('XDG_DATA_DIRS', str(self.tmp / 'no-apps'))
        rc, out, err = self.mobectl('drills', 'neck-circles', '--open')
        self.assertEqual((rc, out), (1, ''))
        picture = Path(os.environ['MOBED_DATA_DIR']) / 'drills' / 'neck-circles.svg'
        self.assertTrue(err.startswith(f"mobectl: cannot open '{picture}': "), err)
        self.assertGreater(len(err.split("': ", 1)[1].strip()), 0, 'no reason from GIO')

    @setup(daemon=False)
    def test_no_picture(self):
        data = self.tmp / 'one-drill'
        data.mkdir()
        (data / 'drills.ini').write_text(ONE_DRILL)
        os.environ['MOBED_DATA_DIR'] = str(data)
        self.daemon = self.start_daemon()
        got = self.fake_viewer()
        rc, out, err = self.mobectl('drills', 'only-one', '--open')
        self.assertEqual((rc, out, err), (1, '', "mobectl: the drill 'only-one' has no picture\n"))
        self.assertFalse(got.exists())

    def test_open_needs_a_drill(self):
        rc, out, err = self.mobectl('drills', '--open')
        self.assertEqual((rc, out), (2, ''))
        self.assertIn('--open needs a drill', err)


if __name__ == '__main__':
    main()

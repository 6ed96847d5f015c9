#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_focus_dose.py — issue 17 through mobectl: a focus plan's --reps
above a drill's usual dose is flagged, above its most refused with a clear
error; a problem's drills keep to the settings (refused with the reason
when none can be done, the same named on reload for focus=); the renamed
rotator-cuff tag; `mobectl drills ID` says why and how to go easier.

Run all with `python3 test_focus_dose.py`, one with
`python3 test_focus_dose.py TestFocusDose.test_reps_refused`.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import GLib  # noqa: E402

from mobedtest import MobedTestCase, main  # noqa: E402


class TestFocusDose(MobedTestCase):

    def test_reps_refused(self):
        # 38 a side of a per-side low back drill is 76 in one set: refused,
        # a usage error naming the drill and its limit; nothing starts.
        rc, out, err = self.mobectl('focus', 'low-back-pain', '--reps', '38', '--yes')
        self.assertEqual(rc, 2, err)
        self.assertIn('is 76 reps in one set, more than anyone should do', err)
        self.assertIn('at most 37 a side', err)
        self.assertEqual(self.get_prop('Focus'), {})
        rc, out, err = self.mobectl('focus', 'wide-arm-circles', '--reps', '31')
        self.assertEqual(rc, 2, err)
        self.assertIn('31 each way of wide-arm-circles', err)
        self.assertIn('at most 30 each way', err)

    def test_reps_above_usual_warned(self):
        rc, out, err = self.mobectl('focus', 'neck-circles', '--reps', '50')
        self.assertEqual(rc, 0, err)
        self.assertIn('Neck circles · 50 each way', out)
        self.assertIn('Neck circles: 50 is above the usual 40 a set. Go easy', out)
        # The usual dose says nothing of the kind.
        rc, out, err = self.mobectl('focus', 'neck-circles')
        self.assertEqual(rc, 0, err)
        self.assertNotIn('above the usual', out)

    def test_proposal_keeps_to_settings(self):
        rc, out, err = self.mobectl('focus', 'chest-tightness')
        self.assertEqual(rc, 0, err)
        self.assertIn('(chest-opening)', out)
        self.assertNotIn('doorway-pec', out)
        rc, out, err = self.mobectl('focus', 'shoulder-problems')
        self.assertEqual(rc, 2, err)
        self.assertIn('wide-arm-circles needs space', err)
        self.assertIn('settings=seated,standing', err)
        # Allowed, it comes back.
        self.write_config({'drills': {'settings': 'seated,standing,doorway,space'}})
        rc, _, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        rc, out, err = self.mobectl('focus', 'chest-tightness')
        self.assertIn('(doorway-pec)', out)
        rc, out, err = self.mobectl('focus', 'shoulder-problems')
        self.assertEqual(rc, 0, err)
        self.assertIn('(wide-arm-circles)', out)

    def test_named_drill_says_what_it_needs(self):
        # Named by id, a drill the settings leave out is still taken, with
        # what it needs said plainly.
        rc, out, err = self.mobectl('focus', 'doorway-pec')
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r'\n[^\n]+ needs: doorway\n')
        rc, out, err = self.mobectl('focus', 'neck-circles')
        self.assertNotIn('needs:', out)

    def test_worse_shows_the_gentler_forms(self):
        rc, out, err = self.mobectl('focus', 'neck-circles', 'wrist-circles', '--days', '3',
                                    '--yes')
        self.assertEqual(rc, 0, err)
        rc, out, err = self.mobectl('focus', 'rate', 'worse')
        self.assertEqual(rc, 0, err)
        self.assertIn('neck-circles: 40 → 26', out)
        self.assertRegex(out, r'\n[^\n]+, more gently: Swing the head in half circles')
        self.assertRegex(out, r'\n[^\n]+, more gently: Smaller, slower circles')
        # A second "worse" says stop: no gentler forms, no doses.
        rc, out, err = self.mobectl('focus', 'rate', 'worse')
        self.assertEqual(rc, 0, err)
        self.assertNotIn('more gently', out)

    def test_focus_config_warnings(self):
        self.write_config({'drills': {'focus': 'shoulder-problems,rotator-cuff,neck-pain'}})
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        self.assertIn("'rotator-cuff' is now called 'rotator-cuff-injury'", err)
        self.assertIn("[drills] focus: no drill for 'shoulder-problems' can be done with "
                      "settings=seated,standing (wide-arm-circles needs space)", err)
        self.assertIn("no drill for 'rotator-cuff-injury'", err)
        self.assertNotIn("'neck-pain'", err)

    def test_drill_why_and_easier(self):
        rc, out, err = self.mobectl('drills', 'wide-arm-circles')
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertTrue(lines[2].startswith('Why: One of the simplest drills'), out)
        self.assertRegex(out, r'\n  4\. [^\n]+\n\nOn a bad day: Lean on the desk[^\n]*pendulum')
        # After a caution, straight under it.
        rc, out, err = self.mobectl('drills', 'neck-circles')
        self.assertRegex(out, r'\nTake care: [^\n]+\nOn a bad day: ')
        reply = self.bus.call_sync('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                                   'ListDrills', GLib.Variant('(a{sv})', ({},)), None, 0, 5000,
                                   None)
        listed = {d['id']: d for d in reply.unpack()[0]}
        self.assertEqual(listed['wide-arm-circles']['reps_max'], 30)
        self.assertEqual(listed['cats-and-dogs']['reps_max'], 75)
        self.assertIn('pendulum', listed['wide-arm-circles']['easier'])
        self.assertIn('sitting', listed['iliopsoas']['why'])


if __name__ == '__main__':
    main()

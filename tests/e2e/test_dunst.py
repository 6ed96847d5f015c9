#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_dunst.py — mobed's breaks on a real desktop stack: Xvfb, a session
bus and the real dunst (see e2etest.py). A break comes up on screen with
mobed's icon and is answered from the command line, from the notification's
actions through dunst's context menu, and by closing it; and it comes back
when the notification server itself comes back. The break shows its
drill's picture where dunst puts an icon, and a click on it (dunst's left
click) brings up the drill's steps.

Run all with `python3 test_dunst.py`, one with
`python3 test_dunst.py TestDunst.test_break_on_screen_answered_with_mobectl`.
"""

import os
import re
import signal
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import screenshot  # noqa: E402
from e2etest import OUTDIR, DunstTestCase, main  # noqa: E402

SUMMARY = 'Time to move'
DRILL_LINE = re.compile(r'· \d+ (each way|per side|times)')

# Colours drawn on screen: the dunstrc's notification background and frame,
# and the arrow's flat fill in data/icons/.../mobed.svg (mobed's icon, which
# the drill's picture takes the place of).
BACKGROUND = (0x1c, 0x23, 0x26)
FRAME = (0x4f, 0xb3, 0xa5)
ICON_YELLOW = (0xf4, 0xc9, 0x5d)


class TestDunst(DunstTestCase):

    def wait_break_on_screen(self, count=1):
        """Waits until dunst shows break notification #@count; returns what
        dunst recorded of it."""
        record = self.wait_records(count)[count - 1]
        self.wait_displayed(1)
        return record

    def assert_break_record(self, record):
        self.assertEqual(record['summary'], SUMMARY)
        self.assertEqual(record['app_name'], 'mobed')
        self.assertRegex(record['body'].split('\n', 1)[0], DRILL_LINE)
        self.assertEqual(record['desktop_entry'], 'mobed')
        # dunst shows the drill's picture (the image-path hint) in place of
        # mobed's icon: the file of the break's first drill.
        first = self.status()['current_break']['drills'][0]['id']
        self.assertEqual(record['icon_path'], f'{self.env["MOBED_DATA_DIR"]}/drills/{first}.svg')

    def state_after_break(self):
        """The State mobed went to from the first break (before the next
        break falls due 2 s later and State goes back to due)."""
        def after():
            states = self.states()
            i = states.index('due') if 'due' in states else len(states)
            return states[i + 1:i + 2]
        return self.eventually(after, 10, f'State stayed due: {self.states()}')[0]

    def grab_when_drawn(self):
        """The screen once dunst has drawn the notification with the
        drill's picture: (image, the notification's box, the picture's)."""
        def drawn():
            image = screenshot.grab(self.display, self.env)
            n_bg, box = image.find_color(BACKGROUND)
            if n_bg < 10000 or box[2] <= 700 or box[1] >= 40:
                return None
            # The picture: what is drawn left of the text, inside the frame.
            strip = (box[0] + 4, box[1] + 4, box[0] + 70, box[3] - 4)
            n_pic, picture_box, colours = image.drawn_in(strip, BACKGROUND)
            # The box grows while a notification is laid out; one with a
            # many-coloured picture in it is the finished one.
            if n_pic > 500 and colours > 8:
                return image, box, picture_box
            return None
        return self.eventually(drawn, 10, 'the notification never appeared on the screen')

    def test_break_on_screen_answered_with_mobectl(self):
        record = self.wait_break_on_screen()
        self.assert_break_record(record)
        self.assertEqual(self.status()['state'], 'due')

        image, box, picture_box = self.grab_when_drawn()
        path = OUTDIR / 'e2e-notification.png'
        image.save_png(path)
        print(f'screenshot: {path} (notification at {box}, picture at {picture_box})')
        # The picture sits inside the notification, left of the text, at
        # dunstrc's 48 px, where mobed's own icon would be without one.
        self.assertLess(box[0], picture_box[0])
        self.assertLess(picture_box[2], box[0] + 100)
        # (An edge of antialiasing may show around it.)
        self.assertTrue(40 <= picture_box[2] - picture_box[0] <= 52, picture_box)
        self.assertEqual(image.find_color(ICON_YELLOW)[0], 0, 'mobed\'s icon, not the picture')
        self.assertIsNotNone(image.find_color(FRAME)[1], 'no frame around the notification')

        self.mobectl('done')
        self.wait_ended('done')
        # Closed by mobed, the notification went to dunst's history as shown.
        closed = self.wait_closed(record)
        self.assertEqual(closed['summary'], SUMMARY)
        self.assertEqual(closed['appname'], 'mobed')
        self.assertEqual(closed['body'], record['body'])
        self.assertEqual(self.status()['today']['done'], 1)
        self.assertEqual(self.state_after_break(), 'working')

    def test_snooze_chosen_in_dunst_menu(self):
        # `dunstctl context` opens dunst's context menu (dmenu), here
        # dunst_menu.py, which picks the action the test names in a file.
        record = self.wait_break_on_screen()
        Path(self.env['MOBED_E2E_PICK']).write_text('snooze')
        self.dunstctl('context')
        self.wait_state('snoozed')
        self.wait_closed(record)
        self.wait_displayed(0)      # nothing due for the minute of the snooze
        menu = Path(self.env['MOBED_E2E_MENU']).read_text(encoding='utf-8')
        for label, key in (('Done', 'done'), ('Snooze 1 min', 'snooze'), ('Skip', 'skip'),
                           ('Another', 'another')):
            self.assertIn(f'#{label} ({SUMMARY}) [{record["id"]},{key}]', menu)
        st = self.status()
        self.assertEqual(st['current_break']['snoozes'], 1)
        self.assertIsNotNone(st['current_break']['snoozed_until'])
        self.assertEqual(st['today']['done'], 0)
        self.assertEqual([s for s in self.signals if s[0] == 'BreakEnded'], [])

    def test_body_click_shows_the_steps(self):
        # A left click (do_action, as `dunstctl action 0`) invokes the
        # notification's default action: the break comes back, unanswered,
        # with its drill's steps and its picture.
        record = self.wait_break_on_screen()
        self.dunstctl('action', '0')
        self.wait_closed(record)
        steps = self.wait_records(2)[1]
        self.assertNotEqual(steps['id'], record['id'])
        self.assertEqual(steps['body'].split('\n')[0], record['body'].split('\n')[0])
        self.assertIn('\n1. ', steps['body'])
        self.assertEqual(steps['icon_path'], record['icon_path'])
        self.wait_displayed(1)
        image, _box, _picture_box = self.grab_when_drawn()
        path = OUTDIR / 'e2e-notification-steps.png'
        image.save_png(path)
        print(f'screenshot: {path}')
        self.assertEqual(self.status()['state'], 'due')
        self.assertEqual([s for s in self.signals if s[0] == 'BreakEnded'], [])

    def test_closed_in_dunst_is_dismissed(self):
        # `dunstctl close` closes it as the user: NotificationClosed reason 2.
        record = self.wait_break_on_screen()
        self.dunstctl('close')
        self.wait_closed(record)
        self.wait_ended('dismissed')
        self.assertEqual(self.state_after_break(), 'working')
        st = self.status()
        self.assertEqual(st['today']['done'], 0)
        if st['state'] == 'working':        # not yet the next break
            self.assertIsNone(st['current_break'])

    def test_break_shown_again_when_dunst_returns(self):
        first = self.wait_break_on_screen()
        self.assertEqual(self.stop(self.dunst, signal.SIGKILL), -signal.SIGKILL)
        self.eventually(lambda: self.owner_pid('org.freedesktop.Notifications') is None)
        self.assertEqual(self.status()['state'], 'due')

        self.dunst = self.start_dunst()
        again = self.wait_break_on_screen(count=2)
        self.assert_break_record(again)
        self.assertEqual(again['body'], first['body'], 'the same break, the same drill')
        self.assertEqual(self.status()['state'], 'due')
        # mobed holds the new notification: answering takes it down.
        self.mobectl('done')
        self.wait_ended('done')
        self.wait_closed(again)
        self.assertEqual(self.status()['today']['done'], 1)


if __name__ == '__main__':
    main()

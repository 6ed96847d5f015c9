#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_dunst.py — mobed's breaks on a real desktop stack: Xvfb, a session
bus and the real dunst (see e2etest.py). A break comes up on screen with
mobed's icon and is answered from the command line, from the notification's
actions through dunst's context menu, and by closing it; and it comes back
when the notification server itself comes back.

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
# and the flat fills of data/icons/.../mobed.svg (badge teal, arrow yellow).
BACKGROUND = (0x1c, 0x23, 0x26)
FRAME = (0x4f, 0xb3, 0xa5)
ICON_TEAL = (0x1f, 0x7a, 0x6d)
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
        # dunst found mobed's own icon for the icon name "mobed".
        self.assertTrue(record['icon_path'].endswith('/hicolor/scalable/apps/mobed.svg'),
                        f'dunst did not find the mobed icon: {record["icon_path"]!r}')

    def state_after_break(self):
        """The State mobed went to from the first break (before the next
        break falls due 2 s later and State goes back to due)."""
        def after():
            states = self.states()
            i = states.index('due') if 'due' in states else len(states)
            return states[i + 1:i + 2]
        return self.eventually(after, 10, f'State stayed due: {self.states()}')[0]

    def grab_when_drawn(self):
        """The screen once dunst has drawn the notification with its icon."""
        def drawn():
            image = screenshot.grab(self.display, self.env)
            n_bg, box = image.find_color(BACKGROUND)
            n_icon, icon_box = image.find_color(ICON_TEAL)
            # The box grows while a notification is laid out; one with the
            # icon inside its top-right box is the finished picture.
            if n_bg > 10000 and n_icon > 200 and box[2] > 700 and box[1] < 40:
                return image, box, icon_box
            return None
        return self.eventually(drawn, 10, 'the notification never appeared on the screen')

    def test_break_on_screen_answered_with_mobectl(self):
        record = self.wait_break_on_screen()
        self.assert_break_record(record)
        self.assertEqual(self.status()['state'], 'due')

        image, box, icon_box = self.grab_when_drawn()
        path = OUTDIR / 'e2e-notification.png'
        image.save_png(path)
        print(f'screenshot: {path} (notification at {box}, icon at {icon_box})')
        # The icon sits inside the notification, left of the text, at 48 px.
        self.assertLess(box[0], icon_box[0])
        self.assertLess(icon_box[2], box[0] + 100)
        self.assertTrue(40 <= icon_box[2] - icon_box[0] <= 48, icon_box)
        self.assertGreater(image.find_color(ICON_YELLOW)[0], 20, 'no arrow in the icon')
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

    def test_body_click_shows_the_break_again(self):
        # A left click (do_action, as `dunstctl action 0`) invokes the
        # notification's default action: the break comes back, unanswered.
        record = self.wait_break_on_screen()
        self.dunstctl('action', '0')
        self.wait_closed(record)
        again = self.wait_records(2)[1]
        self.assertNotEqual(again['id'], record['id'])
        self.assertEqual(again['body'], record['body'])
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

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_dnd_desktop.py — a due break waits for the desktop, on a real one
(see e2etest.py): the real dunst paused with `dunstctl set-paused true`
holds it back and unpausing shows it; a fullscreen window under a real EWMH
window manager (openbox, which sets _NET_ACTIVE_WINDOW and _NET_WM_STATE)
holds it back, and leaving fullscreen shows it.

Run all with `python3 test_dnd_desktop.py`, one with
`python3 test_dnd_desktop.py TestFullscreen.test_fullscreen_window`.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from e2etest import DunstTestCase, main  # noqa: E402

# Besides what every end-to-end test needs (e2etest.PROGRAMS).
PROGRAMS = {'openbox': 'openbox', 'wmctrl': 'wmctrl', 'xdotool': 'xdotool', 'xlogo': 'x11-apps'}


class HeldBreakCase(DunstTestCase):

    def _make_env(self):
        env = super()._make_env()
        # A minute between looks at the window would be a minute of waiting.
        env['MOBED_RECHECK_SECONDS'] = '1'
        return env

    def assert_held(self, reasons, how_long=1.5):
        """The break is due, held for @reasons, and nothing reaches dunst."""
        self.wait_state('deferred')
        self.assertEqual(self.status()['defer_reasons'], reasons)
        deadline = time.monotonic() + how_long
        while time.monotonic() < deadline:
            self.assertEqual(self.records(), [], 'dunst showed a held break')
            self.assertEqual(self.status()['state'], 'deferred')
            time.sleep(0.1)
        # Not even sent: dunst has nothing waiting either.
        self.assertEqual(int(self.dunstctl('count', 'waiting')), 0)
        self.assertEqual(self.displayed(), 0)


class TestDunstPaused(HeldBreakCase):

    def before_mobed(self):
        self.dunstctl('set-paused', 'true')

    def test_paused_then_resumed(self):
        self.assert_held(['dunst-paused'])
        line = next(line for line in self.mobectl('status').stdout.splitlines()
                    if line.startswith('State:'))
        self.assertEqual(line, 'State:       deferred: do not disturb (dunst)')
        self.dunstctl('set-paused', 'false')
        self.wait_records(1)
        self.wait_displayed(1)
        self.assertEqual(self.status()['state'], 'due')
        self.assertEqual(self.status()['defer_reasons'], [])


class TestFullscreen(HeldBreakCase):

    def before_mobed(self):
        # The window first, then the window manager, which takes over the
        # windows it finds: a window mapped while openbox is still starting
        # can go unmanaged, and then there is no active window at all.
        self.spawn('xlogo', ['xlogo'])
        self.window = self.eventually(self.xlogo_window, 10, 'xlogo never mapped a window')
        self.spawn('openbox', ['openbox', '--sm-disable'])
        self.eventually(self.managed, 10, 'openbox did not take over the window')
        self.run_tool('wmctrl', '-i', '-a', self.window)
        self.fullscreen('add')

    def managed(self):
        """Whether openbox lists the window among its clients."""
        res = self.run_tool('wmctrl', '-l', check=False)
        return res.returncode == 0 and f'0x{int(self.window):08x}' in res.stdout

    def xlogo_window(self):
        res = self.run_tool('xdotool', 'search', '--onlyvisible', '--class', 'xlogo', check=False)
        ids = res.stdout.split()
        return ids[0] if res.returncode == 0 and ids else None

    def geometry(self):
        out = self.run_tool('xdotool', 'getwindowgeometry', self.window).stdout
        return next(line.split()[-1] for line in out.splitlines() if 'Geometry:' in line)

    def fullscreen(self, how):
        self.run_tool('wmctrl', '-i', '-r', self.window, '-b', f'{how},fullscreen')
        # Done when openbox has laid the window out, active, over the screen.
        want = '800x600'
        self.eventually(lambda: (self.geometry() == want) == (how == 'add') and
                        self.run_tool('xdotool', 'getactivewindow').stdout.strip()
                        == self.window, 10, f'the window never went {how} fullscreen')

    def test_fullscreen_window(self):
        self.assert_held(['fullscreen'])
        self.assertIn('Active window', self.logs_text('mobed'))
        self.fullscreen('remove')
        self.wait_records(1)
        self.wait_displayed(1)
        self.assertEqual(self.status()['state'], 'due')
        self.assertEqual(self.status()['defer_reasons'], [])

    def logs_text(self, title):
        return ''.join(path.read_text(errors='replace') for name, path in self.logs
                       if name == title)


if __name__ == '__main__':
    main(PROGRAMS)

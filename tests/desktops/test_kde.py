# SPDX-License-Identifier: GPL-3.0-or-later
"""test_kde.py — mobed in a real KDE Plasma 5.27 session (kde.py starts
kwin_wayland, kactivitymanagerd and plasmashell headless; for KDE on X11,
Xvfb and ksmserver).

What only the real Plasma can tell: that mobed takes idle time from KWin
(ext-idle-notify-v1; KWin's ScreenSaver refuses GetSessionIdleTime on
Wayland) and sees real input through it, even with Xwayland's DISPLAY
set; that each of the four buttons plasmashell draws on the break's
popup, clicked with real pointer input, does what it says, and a click
on its text shows the drill's steps instead of ending the break; that the
popup shows the drill's picture; that
plasmashell's do-not-disturb (an app's Inhibit() and the tray applet's
switch) holds a break back and releases it; that KWin's screen lock is
seen as away; and that on X11, where ksmserver answers
org.freedesktop.ScreenSaver, mobed still takes the X server's own idle
counter, which tells it of a return at once.
"""

import os
import sys

import desktoptest
from desktoptest import GLib, NOTIFY_NAME, NOTIFY_PATH
from indicator import ORANGE, TEAL, WATCHER, IndicatorMixin, count_colour
from kde import (FAKE_INPUT, HEIGHT, KACTIVITYMANAGERD, PLASMA_DESKTOP_SHELL, QT_WAYLAND_PLUGIN,
                 SCREENSAVER, WIDTH, KwinTestCase, PlasmaX11TestCase)


def drill_ids(current_break):
    return [d['id'] for d in current_break.get('drills', [])]


class Idle(KwinTestCase):
    # natural-break is also the idle time mobed asks KWin to tell it
    # about; the allowed minimum is 1s. No break falls due meanwhile.
    mobed_config = {'schedule': {'natural-break': '2s', 'interval': '10m'}}

    def test_idle_from_kwin(self):
        """IdleSource is "wayland" (KWin's ext-idle-notify-v1), though
        Xwayland's DISPLAY is set too; without input mobed goes away,
        pointer motion through KWin brings it back at once."""
        self.assertIn('DISPLAY', self.env)
        self.eventually(lambda: self.mobed_property('IdleSource') == 'wayland', 10,
                        f'IdleSource is {self.mobed_property("IdleSource")!r}, not "wayland"')
        self.assertEqual(self.status()['idle_source'], 'wayland')
        for step in (5, -5):
            self.wait_state('away', 10)
            self.fake_input('move', step, step)
            self.wait_state('working', 2)
        self.assertEqual(self.mobed_property('IdleSource'), 'wayland')


class Buttons(KwinTestCase):
    """A break's popup, drawn by plasmashell, answered with real clicks."""

    def due_popup(self, what):
        self.park_pointer()
        self.wait_due()
        return self.wait_popup_buttons(4, what=what)

    def assert_picture(self, popup, buttons):
        """The drill's picture (the image-path hint) is drawn at the
        popup's right, between its title and its buttons, where plasmashell
        puts a notification's image: the picture's tile with its figure."""
        rows, _ = self.screenshot()
        right = popup['x'] + popup['width']
        area = {(x, y): rows[y][x * 3:x * 3 + 3]
                for y in range(popup['y'] + 30, buttons[0][1] - 15)
                for x in range(right - 60, right - 4)}
        # The pictures' tile (data/drills/figure.py's PAPER) and, on it, the
        # figure in ink: the tile is a compact square of about 48 px.
        paper, ink = (0xf7, 0xf1, 0xe6), (0x1d, 0x6b, 0x62)

        def near(px, colour, tolerance):
            return max(abs(a - b) for a, b in zip(px, colour)) <= tolerance

        tile = [xy for xy, px in area.items() if near(px, paper, 6)]
        self.assertGreater(len(tile), 500, f'no picture at the right of {popup}')
        width = max(x for x, _ in tile) - min(x for x, _ in tile)
        height = max(y for _, y in tile) - min(y for _, y in tile)
        self.assertTrue(36 <= width <= 56 and 36 <= height <= 64,
                        f'the picture at the right of {popup} is {width}x{height}')
        x0, y0 = min(x for x, _ in tile), min(y for _, y in tile)
        figure = [xy for xy, px in area.items() if near(px, ink, 40)
                  and x0 <= xy[0] <= x0 + width and y0 <= xy[1] <= y0 + height]
        self.assertGreater(len(figure), 20, f'no figure on the picture at {popup}')

    def test_done(self):
        """Done: the break ends as done and the popup goes."""
        popup, buttons = self.due_popup('break')
        self.assert_picture(popup, buttons)
        self.click(*buttons[0])
        self.wait_action_invoked('done')
        self.wait_ended('done')
        self.assertEqual(self.outcomes(), ['done'])
        self.park_pointer()
        self.wait_no_popup()
        self.assertEqual(self.state(), 'working')

    def test_snooze(self):
        """Snooze: the break is put off (snoozed once), nothing ends."""
        _, buttons = self.due_popup('break-snooze')
        self.click(*buttons[1])
        self.wait_action_invoked('snooze')
        self.wait_state('snoozed')
        self.assertEqual(self.mobed_property('CurrentBreak')['snoozes'], 1)
        self.assertEqual(self.signal_args('BreakEnded'), [])
        self.assertEqual(self.outcomes(), [])
        self.park_pointer()
        self.wait_no_popup()

    def test_skip(self):
        """Skip: the break ends as skipped."""
        _, buttons = self.due_popup('break-skip')
        self.click(*buttons[2])
        self.wait_action_invoked('skip')
        self.wait_ended('skipped')
        self.assertEqual(self.outcomes(), ['skipped'])
        self.park_pointer()
        self.wait_no_popup()

    def test_another_then_done(self):
        """Another: the break stays due with other drills, shown with its
        four buttons again; Done on that popup then ends it as done."""
        _, buttons = self.due_popup('break-before-another')
        before = drill_ids(self.mobed_property('CurrentBreak'))
        self.click(*buttons[3])
        self.wait_action_invoked('another')
        self.eventually(lambda: drill_ids(self.mobed_property('CurrentBreak')) not in ([], before),
                        10, f'CurrentBreak kept its drills {before} after Another')
        self.assertEqual(self.state(), 'due')
        self.assertEqual(self.signal_args('BreakEnded'), [])
        self.park_pointer()
        _, buttons = self.wait_popup_buttons(4, what='break-after-another')
        self.click(*buttons[0])
        self.wait_ended('done')
        self.assertEqual(self.outcomes(), ['done'])

    def test_body_click_shows_the_steps(self):
        """A click on the popup's text (its default action) does not end
        the break: it is shown again with the drill's steps (a taller
        popup), its picture and its buttons, and Done on that popup ends
        it as done."""
        popup, _ = self.due_popup('break-before-body-click')
        self.click(popup['x'] + popup['width'] // 2, popup['y'] + popup['height'] // 2)
        self.wait_action_invoked('default')
        self.park_pointer()
        # A fresh notification: plasmashell gives it a popup of its own.
        steps, buttons = self.wait_popup_buttons(4, not_id=popup['id'],
                                                 what='break-after-body-click')
        self.assertGreater(steps['height'], popup['height'], 'no steps on the new popup')
        self.assert_picture(steps, buttons)
        self.assertEqual(self.state(), 'due')
        self.assertEqual(self.signal_args('BreakEnded'), [])
        self.click(*buttons[0])
        self.wait_ended('done')
        self.assertEqual(self.outcomes(), ['done'])


class DoNotDisturb(KwinTestCase):
    def notifications_call(self, method, args):
        return self.call(self.bus, NOTIFY_NAME, NOTIFY_PATH, NOTIFY_NAME, method, args)

    def assert_held_then_shown(self, release):
        """With plasmashell's Inhibited on, a break falling due is held
        back (deferred, no popup); @release() ends that and it shows."""
        self.assertTrue(self.server_inhibited())
        self.park_pointer()
        self.wait_state('deferred', 20)
        self.assertIn('notifications-inhibited', self.mobed_property('DeferReasons'))
        self.assertEqual(self.notification_popups(), [])
        release()
        self.eventually(lambda: not self.server_inhibited(), 5, 'Inhibited stayed true')
        self.wait_state('due', 10)
        self.assertEqual(self.mobed_property('DeferReasons'), [])
        self.wait_popup_buttons(4)

    def test_app_inhibition(self):
        """org.freedesktop.Notifications Inhibit() (what a presentation or
        video app calls) holds the break; UnInhibit() lets it show."""
        cookie = self.notifications_call('Inhibit', GLib.Variant(
            '(ssa{sv})', ('org.mobed.test', 'showing slides', {})))[0]
        self.assert_held_then_shown(lambda: self.notifications_call(
            'UnInhibit', GLib.Variant('(u)', (cookie,))))

    def test_tray_switch(self):
        """The tray applet's do-not-disturb switch (its toggle, run through
        the applet's global shortcut) holds the break; off, it shows."""
        self.toggle_do_not_disturb()
        self.eventually(self.server_inhibited, 5, 'the do-not-disturb toggle set no Inhibited')
        self.wait_state('deferred', 20)
        # The tray shows the do-not-disturb bell.
        _, path = self.screenshot('do-not-disturb')
        self.check_screenshot(path, WIDTH, HEIGHT)
        self.assert_held_then_shown(self.toggle_do_not_disturb)


class Lock(KwinTestCase):
    mobed_config = {'schedule': {'interval': '10m'}}

    def test_lock_is_away(self):
        """KWin's screen lock (org.freedesktop.ScreenSaver.Lock) sets
        logind's LockedHint and mobed is away; logind's Unlock ends the
        lock and mobed is back to working."""
        self.wait_state('working')
        self.call(self.bus, SCREENSAVER, '/ScreenSaver', SCREENSAVER, 'Lock', timeout=20)
        self.eventually(self.screensaver_active, 10, 'the screen did not lock')
        self.wait_state('away', 10)
        self.eventually(self.locked_hint, 10, 'KWin set no LockedHint in logind')
        self.logind_unlock()
        # kscreenlocker ends its greeter on Unlock; on a busy machine (CI
        # runs two tests at once) that has taken more than 10 s.
        self.eventually(lambda: not self.screensaver_active(), 30,
                        'the lock did not end on logind\'s Unlock')
        self.wait_state('working', 10)


class Tray(IndicatorMixin, KwinTestCase):
    """mobed-indicator in Plasma's system tray: kded's StatusNotifierWatcher
    lists it, the tray draws its icon in the panel (found by the icons'
    colours in the panel's strip), its menu's items change mobed's state
    and the icon with it, and a real click on the icon while a break is due
    reaches the indicator (Activate) and shows the break again."""

    mobed_config = {'schedule': {'interval': '10m'}}

    def setUp(self):
        super().setUp()
        # The watcher is a kded module in Plasma 5, as in a real session.
        # The tray asks kded to load it when it starts; here kded comes
        # after plasmashell, so the test asks, as the tray would.
        kded = self.spawn('kded5', ['kded5'], env=dict(self.env, QT_QPA_PLATFORM='offscreen'))
        self.wait_owner(self.bus, 'org.kde.kded5', kded, 'kded5', timeout=30)
        loaded = self.call(self.bus, 'org.kde.kded5', '/kded', 'org.kde.kded5', 'loadModule',
                           GLib.Variant('(s)', ('statusnotifierwatcher',)))[0]
        self.assertTrue(loaded, 'kded5 did not load statusnotifierwatcher')
        self.wait_owner(self.bus, WATCHER, kded, 'kded5\'s StatusNotifierWatcher', timeout=30)

    def tray_strip(self):
        # Plasma's default panel: 44 px along the bottom, the tray at the right.
        return (WIDTH // 2, HEIGHT - 44, WIDTH // 2, 44)

    def wait_colour_in_tray(self, colour, what, minimum=4):
        def seen():
            rows, _ = self.screenshot()
            return count_colour(rows, self.tray_strip(), colour) >= minimum
        # The tray redraws on its own schedule, after the property change
        # reaches plasmashell; with two shells starting at once (CI runs two
        # tests in parallel) that once took longer than 20 s.
        self.eventually(seen, 45, f'no {colour} pixels in the tray ({what})')
        rows, path = self.screenshot(what)
        self.check_screenshot(path, WIDTH, HEIGHT)
        return rows

    def colour_centre(self, rows, colour):
        x0, y0, w, h = self.tray_strip()
        points = [(x, y) for y in range(y0, y0 + h) for x in range(x0, x0 + w)
                  if sum(abs(a - b) for a, b in zip(rows[y][3 * x:3 * x + 3], colour)) <= 40]
        return (sum(p[0] for p in points) // len(points), sum(p[1] for p in points) // len(points))

    def test_icon_menu_and_click(self):
        self.start_indicator()
        self.wait_registered()
        self.wait_icon('mobed-indicator-ring-0')
        # The empty ring's teal centre, drawn by the tray.
        self.wait_colour_in_tray(TEAL, 'indicator')

        self.menu_click('Pause for 30 minutes')
        self.wait_state('paused')
        self.wait_icon('mobed-indicator-paused')
        self.menu_click('Resume')
        self.wait_state('working')

        self.menu_click('Take a break now')
        self.wait_due()
        self.wait_icon('mobed-indicator-due')
        rows = self.wait_colour_in_tray(ORANGE, 'indicator-due', minimum=20)
        self.assertEqual(self.item_prop('Status'), 'NeedsAttention')

        # A real click on the orange icon: the tray calls Activate, which
        # shows the break again.
        self.click(*self.colour_centre(rows, ORANGE))
        self.eventually(lambda: 'Activate while due' in self.indicator_log(), 10,
                        lambda: f'the click did not reach the indicator:\n{self.indicator_log()}')
        self.park_pointer()

        self.menu_click('Done')
        self.wait_ended('done')
        self.wait_icon('mobed-indicator-ring-0')
        self.assertEqual(self.outcomes(), ['done'])


class X11(PlasmaX11TestCase):
    mobed_config = {'schedule': {'natural-break': '2s', 'interval': '10m'}}

    def test_x11_source_not_polled_screensaver(self):
        """KDE on X11 offers both the X server's IDLETIME counter and
        ksmserver's org.freedesktop.ScreenSaver: mobed takes the X11 one
        (IdleSource "x11", event-driven), so a return is seen at once."""
        self.assertGreaterEqual(self.screensaver_idle_ms(), 0)
        self.eventually(lambda: self.mobed_property('IdleSource') == 'x11', 10,
                        f'IdleSource is {self.mobed_property("IdleSource")!r}, not "x11"')
        for x in (100, 200):
            self.wait_state('away', 10)
            self.run_tool('xdotool', 'mousemove', str(x), str(x))
            self.wait_state('working', 2)
        self.assertEqual(self.status()['idle_source'], 'x11')


if __name__ == '__main__':
    wayland_tests = not any(a.startswith('X11') for a in sys.argv[1:])
    if wayland_tests and not os.access(FAKE_INPUT, os.X_OK):
        print(f'SKIP: {FAKE_INPUT} is not built (package plasma-wayland-protocols)',
              file=sys.stderr)
        sys.exit(77)
    if wayland_tests and not QT_WAYLAND_PLUGIN:
        print('SKIP: Qt has no Wayland platform plugin (package qtwayland5)', file=sys.stderr)
        sys.exit(77)
    if wayland_tests and not os.path.isdir(PLASMA_DESKTOP_SHELL):
        print('SKIP: plasmashell has no desktop shell (package plasma-desktop)', file=sys.stderr)
        sys.exit(77)
    desktoptest.main({'kwin_wayland': 'kwin-wayland', 'plasmashell': 'plasma-workspace',
                      KACTIVITYMANAGERD: 'kactivitymanagerd', 'ksmserver': 'plasma-workspace',
                      'Xvfb': 'xvfb', 'xdotool': 'xdotool'})

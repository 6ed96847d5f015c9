# SPDX-License-Identifier: GPL-3.0-or-later
"""test_xfce.py — mobed under Xfce's notification server, xfce4-notifyd
0.7, on an Xvfb X server with openbox as the window manager (see
desktoptest.py for the common ground).

xfce4-notifyd is bus-activated, as in a real Xfce session: the test's
session bus has activation files for it and for xfconfd (its settings),
and DISPLAY in its environment from the start. The break's popup is found
as an X window (xdotool), its four buttons in a screenshot of it, and
answered with real pointer clicks (XTEST, through xdotool): Done, Snooze,
Skip and Another each do what they say; a click on the notification's
body (which xfce4-notifyd answers by closing it, reason 2) does not end
the break, which comes back on a new popup showing the drill's steps;
the popup shows the drill's picture (the image-path hint); xfce4-notifyd's
do-not-disturb, set with xfconf-query as its settings dialog does, holds a
due break (and takes one on screen down) until it is switched off.

Run all with `/usr/bin/python3 test_xfce.py`, one with
`/usr/bin/python3 test_xfce.py TestXfceButtons.test_done`.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / 'e2e'))

import desktoptest  # noqa: E402
import screenshot  # noqa: E402
from desktoptest import SLOWDOWN, DesktopTestCase  # noqa: E402
from indicator import ORANGE, TEAL, WATCHER, IndicatorMixin, count_colour  # noqa: E402



def packaged_service(file_name, fallback):
    """The program a package's own D-Bus activation file starts (its path
    has the machine's multiarch triplet in it)."""
    try:
        text = (Path('/usr/share/dbus-1/services') / file_name).read_text()
    except OSError:
        return fallback
    return next((line.split('=', 1)[1].split()[0] for line in text.splitlines()
                 if line.startswith('Exec=')), fallback)


NOTIFYD = packaged_service('org.xfce.xfce4-notifyd.Notifications.service',
                           '/usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd')
XFCONFD = packaged_service('org.xfce.Xfconf.service',
                           '/usr/lib/x86_64-linux-gnu/xfce4/xfconf/xfconfd')

PROGRAMS = {'Xvfb': 'xvfb', 'openbox': 'openbox', 'xdotool': 'xdotool', 'wmctrl': 'wmctrl',
            'xwd': 'x11-apps', 'xfconf-query': 'xfconf', XFCONFD: 'xfconf',
            NOTIFYD: 'xfce4-notifyd'}

WIDTH, HEIGHT = 1024, 768

# mobed's buttons, in the order it sends them and xfce4-notifyd lays them out.
BUTTONS = ('done', 'snooze', 'skip', 'another')

SERVICE = """[D-BUS Service]
Name={name}
Exec={exec}
"""


class Popup:
    """A break notification as xfce4-notifyd put it on screen: its X
    window, where it is, and the middle of each of its buttons."""

    def __init__(self, window, box, buttons):
        self.window = window
        self.box = box              # (x, y, width, height) on the screen
        self.buttons = buttons      # {'done': (x, y), ...}

    def body_point(self):
        """A point on the text of the notification, between its top and
        its row of buttons: the summary and the drill's lines."""
        x, y, w, _h = self.box
        top_of_buttons = min(by for _bx, by in self.buttons.values())
        return x + w // 2, y + (top_of_buttons - y) // 3

    def __repr__(self):
        return f'Popup(window={self.window}, box={self.box}, buttons={self.buttons})'


def button_row(image, box, min_width=40):
    """The buttons drawn inside @box of @image: (x0, x1, y) of each along a
    screen row through them, left to right; [] while none are drawn. A
    button is a run of at least @min_width pixels unlike the window's
    background: a line of text breaks up into short runs, the icon's
    frame is one run, the row of buttons has the most."""
    x, y, w, h = box
    background = image.pixel(x + 4, y + 4)
    rows = []
    for row in range(y + 2, y + h - 2):
        runs, start = [], None
        for col in range(x + 2, x + w - 1):
            inside = col < x + w - 2 and image.pixel(col, row) != background
            if inside and start is None:
                start = col
            elif not inside and start is not None:
                if col - start >= min_width:
                    runs.append((start, col))
                start = None
        if runs:
            rows.append((row, runs))
    if not rows:
        return []
    most = max(len(runs) for _row, runs in rows)
    rows = [(row, runs) for row, runs in rows if len(runs) == most]
    # The middle one of the rows through the buttons: clear of their edges.
    row, runs = rows[len(rows) // 2]
    return [(x0, x1, row) for x0, x1 in runs]


class XfceTestCase(DesktopTestCase):
    """Xvfb, openbox and a session bus that activates xfce4-notifyd and
    xfconfd; mobed with XDG_CURRENT_DESKTOP=XFCE."""

    shell = 'xfce'

    def _make_env(self):
        env = super()._make_env()
        env['XDG_CURRENT_DESKTOP'] = 'XFCE'
        return env

    def start_session_bus(self):
        # xfce4-notifyd reads DISPLAY from the bus's environment when the
        # first Notify activates it: the X server comes before the bus.
        self.display = self.start_xvfb(WIDTH, HEIGHT, '-noreset')
        self.env['DISPLAY'] = self.display
        services = self.tmp / 'bus' / 'services'
        services.mkdir(parents=True)
        for name, program in (('org.freedesktop.Notifications', NOTIFYD),
                              ('org.xfce.Xfconf', XFCONFD)):
            (services / f'{name}.service').write_text(SERVICE.format(name=name, exec=program))
        address = super().start_session_bus()
        # G_DEBUG=fatal-criticals is for mobed; xfconfd logs a critical
        # when it loses its name as the bus goes away at the end.
        self.update_activation_environment(G_DEBUG='')
        return address

    def start_desktop(self):
        openbox = self.spawn('openbox', ['openbox', '--sm-disable'])
        # Registered after the bus: runs before it is stopped.

        def managing():
            if openbox.poll() is not None:
                self.fail(f'openbox exited with {openbox.returncode}')
            return self.run_tool('wmctrl', '-m', check=False).returncode == 0
        self.eventually(managing, 10, 'openbox did not start managing the screen')

    @staticmethod
    def running(pid):
        try:
            state = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ('Z', 'X')

    # -- the popup ------------------------------------------------------

    def xdotool_quiet(self, *args):
        """xdotool for polling: kept out of the transcript, which would
        otherwise be hundreds of identical searches."""
        return subprocess.run(['xdotool', *args], env=self.env, capture_output=True,
                              text=True, timeout=30 * SLOWDOWN, check=False)

    def popup_windows(self):
        """xfce4-notifyd's windows on screen (X window ids)."""
        res = self.xdotool_quiet('search', '--onlyvisible', '--class', 'xfce4-notifyd')
        return res.stdout.split() if res.returncode == 0 else []

    def window_box(self, window):
        res = self.xdotool_quiet('getwindowgeometry', '--shell', window)
        if res.returncode != 0:
            return None
        geometry = dict(line.split('=', 1) for line in res.stdout.split() if '=' in line)
        return tuple(int(geometry[k]) for k in ('X', 'Y', 'WIDTH', 'HEIGHT'))

    def grab(self):
        return screenshot.grab(self.display, self.env)

    def wait_popup(self, not_window=None, timeout=15):
        """Waits for a break popup (not @not_window) with its four buttons
        drawn; returns it as a Popup."""
        seen = {}

        def drawn():
            windows = [w for w in self.popup_windows() if w != not_window]
            seen['windows'] = windows
            if len(windows) != 1:
                return None
            box = self.window_box(windows[0])
            if box is None:
                return None
            row = button_row(self.grab(), box)
            seen['buttons'] = len(row)
            if len(row) != len(BUTTONS):
                return None
            return Popup(windows[0], box, {
                name: ((x0 + x1) // 2, y) for name, (x0, x1, y) in zip(BUTTONS, row)})
        try:
            return self.eventually(drawn, timeout)
        except self.failureException:
            pass
        # What was there instead says more than "not found".
        self.fail(f'no break popup with {len(BUTTONS)} buttons on the screen within '
                  f'{timeout} s (last seen: {seen})')

    def wait_popup_gone(self, popup, timeout=10):
        self.eventually(lambda: popup.window not in self.popup_windows(), timeout,
                        f'the popup {popup.window} stayed on the screen')

    def click(self, point):
        x, y = point
        self.run_tool('xdotool', 'mousemove', '--sync', str(x), str(y), 'click', '1')

    def save_screenshot(self, what):
        path = self.screenshot_path(what)
        self.grab().save_png(path)
        self.check_screenshot(path, WIDTH, HEIGHT)
        return path

    def drills(self):
        return [d['id'] for d in self.mobed_property('CurrentBreak').get('drills', [])]

    def assert_picture(self, popup, image=None):
        """The drill's picture (the image-path hint) is drawn at the
        popup's top left, where xfce4-notifyd puts an icon: many colours
        on the window's background, in a square of about 48 px."""
        image = image or self.grab()
        x, y, _w, _h = popup.box
        top_of_buttons = min(by for _bx, by in popup.buttons.values())
        background = image.pixel(x + 4, y + 4)
        count, box, colours = image.drawn_in((x + 4, y + 4, x + 70, top_of_buttons - 20),
                                             background)
        self.assertGreater(count, 1000, f'no picture in the popup {popup}')
        self.assertGreater(colours, 8, f'the picture in the popup {popup} is flat')
        self.assertTrue(40 <= box[2] - box[0] <= 64 and 40 <= box[3] - box[1] <= 64,
                        f'the picture is {box}')


class TestXfceButtons(XfceTestCase):
    """Each of the popup's buttons, clicked with the pointer."""

    def answer_with(self, button):
        self.wait_due()
        popup = self.wait_popup()
        self.click(popup.buttons[button])
        return popup

    def test_done(self):
        self.wait_due()
        popup = self.wait_popup()
        self.save_screenshot('popup')
        self.assert_picture(popup)
        self.click(popup.buttons['done'])
        self.wait_ended('done')
        self.wait_popup_gone(popup)
        self.eventually(lambda: self.outcomes() == ['done'], 5,
                        f'history: {self.outcomes()}')

    def test_snooze(self):
        popup = self.answer_with('snooze')
        self.wait_state('snoozed')
        self.wait_popup_gone(popup)
        # A snooze is not an outcome: the break goes on, counted, and is
        # written to the history once it ends.
        self.assertEqual(self.mobed_property('CurrentBreak')['snoozes'], 1)
        self.assertEqual(self.signal_args('BreakEnded'), [])
        self.assertEqual(self.outcomes(), [])

    def test_skip(self):
        popup = self.answer_with('skip')
        self.wait_ended('skipped')
        self.wait_popup_gone(popup)
        self.eventually(lambda: self.outcomes() == ['skipped'], 5,
                        f'history: {self.outcomes()}')

    def test_another_then_done(self):
        self.wait_due()
        popup = self.wait_popup()
        before = self.drills()
        self.click(popup.buttons['another'])
        self.eventually(lambda: self.drills() not in ([], before), 10,
                        f'the drill stayed {before}')
        # The break goes on, on a new popup whose buttons work.
        again = self.wait_popup(not_window=popup.window)
        self.save_screenshot('another')
        self.assertEqual(self.state(), 'due')
        self.assertEqual(self.signal_args('BreakEnded'), [])
        self.click(again.buttons['done'])
        self.wait_ended('done')
        self.eventually(lambda: self.outcomes() == ['done'], 5,
                        f'history: {self.outcomes()}')


class TestXfceBodyClick(XfceTestCase):
    """A click on the notification's text, not on a button."""

    def test_body_click_keeps_break(self):
        self.wait_due()
        popup = self.wait_popup()
        due = self.mobed_property('CurrentBreak')['due']
        self.click(popup.body_point())
        # xfce4-notifyd takes the popup down (closed, reason 2); the same
        # break comes back on a new one, still due, not answered, showing
        # the drill's numbered steps (taller) and its picture.
        self.wait_popup_gone(popup)
        again = self.wait_popup(not_window=popup.window)
        self.save_screenshot('body-click')
        self.assertGreater(again.box[3], popup.box[3] + 30, 'no steps on the new popup')
        self.assert_picture(again)
        self.assertNotIn(('dismissed',), self.signal_args('BreakEnded'),
                         'a click on the body ended the break as dismissed')
        self.assertEqual(self.state(), 'due')
        self.assertEqual(self.mobed_property('CurrentBreak')['due'], due)
        self.assertEqual(len(self.signal_args('BreakStarted')), 1)
        self.assertEqual(self.outcomes(), [])
        # The buttons of the popup it came back on answer it.
        self.click(again.buttons['done'])
        self.wait_ended('done')
        self.eventually(lambda: self.outcomes() == ['done'], 5,
                        f'history: {self.outcomes()}')


class TestXfceDoNotDisturb(XfceTestCase):
    """xfce4-notifyd's do-not-disturb, switched the way its settings dialog
    does, through xfconf."""

    start_mobed_in_setup = False

    def set_dnd(self, value):
        self.run_tool('xfconf-query', '-c', 'xfce4-notifyd', '-p', '/do-not-disturb',
                      '-n', '-t', 'bool', '-s', 'true' if value else 'false')

    def test_dnd_holds_break(self):
        self.set_dnd(True)
        self.mobed = self.start_mobed()
        self.wait_state('deferred', 15)
        self.assertIn('xfce-dnd', self.mobed_property('DeferReasons'))
        self.assertEqual(self.popup_windows(), [])
        # Nothing at all on the screen: the bare root window.
        path = self.screenshot_path('dnd-held')
        self.grab().save_png(path)
        _w, _h, rows = desktoptest.read_png(path)
        self.assertEqual(len({px for row in rows for px in row}), 1,
                         f'{path}: something was drawn while do-not-disturb was on')
        self.set_dnd(False)
        self.wait_popup()
        self.wait_state('due')
        self.assertNotIn('xfce-dnd', self.mobed_property('DeferReasons'))
        self.save_screenshot('dnd-off')

    def test_muted_app_holds_break(self):
        # xfce4-notifyd takes a muted app's notifications and shows nothing:
        # without this hold the break would be "due" on an empty screen.
        self.run_tool('xfconf-query', '-c', 'xfce4-notifyd', '-p',
                      '/applications/muted_applications', '-n', '-a', '-t', 'string',
                      '-s', 'mobed')
        self.mobed = self.start_mobed()
        self.wait_state('deferred', 15)
        self.assertIn('xfce-app-muted', self.mobed_property('DeferReasons'))
        self.assertEqual(self.popup_windows(), [])
        self.run_tool('xfconf-query', '-c', 'xfce4-notifyd', '-p',
                      '/applications/muted_applications', '-r')
        self.wait_popup()
        self.wait_state('due')
        self.assertNotIn('xfce-app-muted', self.mobed_property('DeferReasons'))

    def test_dnd_takes_shown_break_down(self):
        self.mobed = self.start_mobed()
        self.wait_due()
        popup = self.wait_popup()
        due = self.mobed_property('CurrentBreak')['due']
        self.set_dnd(True)
        self.wait_state('deferred')
        self.assertIn('xfce-dnd', self.mobed_property('DeferReasons'))
        self.wait_popup_gone(popup)
        self.set_dnd(False)
        again = self.wait_popup(not_window=popup.window)
        self.wait_state('due')
        # The same break, held and shown again; nothing answered it.
        self.assertEqual(self.mobed_property('CurrentBreak')['due'], due)
        self.assertEqual(self.signal_args('BreakEnded'), [])
        self.click(again.buttons['done'])
        self.wait_ended('done')


# One panel along the top holding only the Status Tray plugin, which shows
# StatusNotifierItems (and hosts the watcher) since xfce4-panel 4.16. In
# place before the panel starts, so it asks nothing about a first setup.
PANEL_CHANNEL = """<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="30"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="systray"/>
  </property>
</channel>
"""


class TestXfceTray(IndicatorMixin, XfceTestCase):
    """mobed-indicator in xfce4-panel's Status Tray: the plugin's watcher
    lists the item, the panel draws its icon (found by the icons' colours
    in the panel), the menu's items change mobed's state and the icon with
    it, and a real click (XTEST) on the due icon reaches the indicator."""

    mobed_config = {'schedule': {'interval': '10m'}}
    PANEL = (0, 0, WIDTH, 30)      # the tray is its only plugin: at the left

    def start_desktop(self):
        channel = (self.tmp / 'config' / 'xfce4' / 'xfconf' / 'xfce-perchannel-xml'
                   / 'xfce4-panel.xml')
        channel.parent.mkdir(parents=True)
        channel.write_text(PANEL_CHANNEL)
        super().start_desktop()
        panel = self.spawn('xfce4-panel', ['xfce4-panel'])
        self.wait_owner(self.bus, WATCHER, panel, 'xfce4-panel\'s Status Tray', timeout=30)

    def wait_colour_in_panel(self, colour, what, minimum=4):
        def seen():
            rows = self.grab().rows
            return count_colour(rows, self.PANEL, colour) >= minimum and rows
        rows = self.eventually(seen, 20, f'no {colour} pixels in the panel ({what})')
        self.save_screenshot(what)
        return rows

    def test_icon_menu_and_click(self):
        self.start_indicator()
        self.wait_registered()
        self.wait_icon('mobed-indicator-ring-0')
        self.wait_colour_in_panel(TEAL, 'indicator')

        self.menu_click('Pause until tomorrow')
        self.wait_state('paused')
        self.wait_icon('mobed-indicator-paused')
        self.menu_click('Resume')
        self.wait_state('working')

        self.menu_click('Take a break now')
        self.wait_due()
        self.wait_icon('mobed-indicator-due')
        rows = self.wait_colour_in_panel(ORANGE, 'indicator-due', minimum=20)
        x0, y0, w, h = self.PANEL
        points = [(x, y) for y in range(y0, y0 + h) for x in range(x0, x0 + w)
                  if sum(abs(a - b) for a, b in zip(rows[y][3 * x:3 * x + 3], ORANGE)) <= 40]
        self.click((sum(p[0] for p in points) // len(points),
                    sum(p[1] for p in points) // len(points)))
        self.eventually(lambda: 'Activate while due' in self.indicator_log(), 10,
                        lambda: f'the click did not reach the indicator:\n{self.indicator_log()}')
        self.save_screenshot('indicator-click')

        self.menu_click('Done')
        self.wait_ended('done')
        self.wait_icon('mobed-indicator-ring-0')


if __name__ == '__main__':
    desktoptest.main(dict(PROGRAMS, **{'xfce4-panel': 'xfce4-panel'}))

# SPDX-License-Identifier: GPL-3.0-or-later
"""test_sway.py — mobed in a real sway 1.7 session with mako 1.7 showing
its notifications (sway.py starts them headless, as nobody).

What only a real sway and mako can tell: that mobed takes idle time from
sway's org_kde_kwin_idle (the only idle protocol sway 1.7 offers) and sees
real input through it; that in a session with Xwayland it neither takes
idle time from the X server (blind to Wayland input) nor starts the lazy
Xwayland by connecting to it; that mako's do-not-disturb mode holds a break
back; that on mako, which draws no buttons, the notification says how
to answer, the answer given through mako ends the break and its default
action (a click) shows the drill's steps, and mako shows the drill's
picture; and whether mako's default size
shows all of the break.
"""

import configparser
import json
from pathlib import Path

import desktoptest
from desktoptest import read_png
from indicator import ORANGE, TEAL, WATCHER, IndicatorMixin, count_colour
from sway import HEIGHT, WIDTH, SwayTestCase


def longest_drill_only():
    """mobed.conf's [drills] keeping only the drill with the most text of
    those the default settings (seated, standing) allow: its break is the
    longest mobed shows (one drill, as no second is left to add)."""
    catalog = configparser.RawConfigParser()
    catalog.read(desktoptest.DATA_DIR / 'drills.ini', encoding='utf-8')
    fits = [d for d in catalog.sections()
            if {'seated', 'standing'} & set(catalog[d]['settings'].split(';'))]
    longest = max(fits, key=lambda d: len(catalog[d]['name']) + len(catalog[d]['summary']))
    return {'exclude': ','.join(d for d in catalog.sections() if d != longest)}


class IdleWithoutXwayland(SwayTestCase):
    # A short natural break (the allowed minimum is 1s) makes "away" quick
    # to reach: it is also the idle timeout mobed asks sway for.
    mobed_config = {'schedule': {'natural-break': '2s', 'interval': '10m'}}

    def test_idle_from_sway(self):
        """IdleSource is "wayland" (org_kde_kwin_idle); without input mobed
        goes away, pointer motion through sway brings it back at once."""
        self.wait_idle_source('wayland')
        self.assertEqual(self.status()['idle_source'], 'wayland')
        self.wait_state('away', 10)
        self.move_pointer()
        self.wait_state('working', 2)
        # And again: the source keeps following after a return.
        self.wait_state('away', 10)
        self.move_pointer(-5, -5)
        self.wait_state('working', 2)
        self.assertNotIn('x11', self.idle_sources)


class IdleWithXwayland(SwayTestCase):
    xwayland = True
    mobed_config = {'schedule': {'natural-break': '2s', 'interval': '3s'}}
    start_mobed_in_setup = False

    def test_idle_from_sway_not_xwayland(self):
        """With DISPLAY set (sway's lazy Xwayland), idle time still comes
        from sway, real input keeps mobed working until a break falls due,
        and mobed never starts Xwayland."""
        self.assertFalse(self.session_processes('Xwayland'),
                         'Xwayland runs before mobed started: sway 1.7 should start it lazily')
        self.mobed = self.start_mobed()
        self.wait_idle_source('wayland')
        self.wait_state('away', 10)
        self.move_pointer()
        self.wait_state('working', 2)

        # Three seconds of real input: never away, and a break falls due
        # (when mobed also checks for a fullscreen window).
        mark = len(self.signals)
        self.keep_active(lambda: self.signal_args('BreakStarted'), 20)
        self.wait_state('due', 5)
        self.assertNotIn(('State', 'away'), self.signals[mark:],
                         'mobed went away while the pointer kept moving')
        # No input: away again, a due break notwithstanding.
        self.wait_state('away', 10)

        self.assertEqual(self.mobed_property('IdleSource'), 'wayland')
        self.assertNotIn('x11', self.idle_sources, f'IdleSource went {self.idle_sources}')
        self.assertFalse(self.session_processes('Xwayland'),
                         'mobed started Xwayland (it connected to the X display)')

        # That the check above could see it: an X client starts it.
        self.connect_x()
        self.eventually(lambda: self.session_processes('Xwayland'), 10,
                        'no Xwayland after an X client connected: is it lazy at all?')


class MakoDoNotDisturb(SwayTestCase):
    start_mobed_in_setup = False

    def test_dnd_mode_holds_break(self):
        """mako's do-not-disturb mode holds a due break ("deferred",
        reason mako-dnd); leaving the mode shows it."""
        self.assertEqual(self.makoctl('mode', '-a', 'do-not-disturb').stdout.split(),
                         ['default', 'do-not-disturb'])
        self.mobed = self.start_mobed()
        if not self.poll(lambda: self.state() == 'deferred', 20):
            self.fail(f'no "deferred" within 20 s of mobed\'s start with mako in '
                      f'do-not-disturb: State {self.state()!r}, DeferReasons '
                      f'{self.mobed_property("DeferReasons")}, mako holds '
                      f'{self.mobed_notifications()}')
        self.assertIn('mako-dnd', self.mobed_property('DeferReasons'))
        self.assertEqual(self.mobed_notifications(), [], 'the held break went to mako')

        self.makoctl('mode', '-r', 'do-not-disturb')
        shown = self.eventually(self.mobed_notifications, 15,
                                'the break did not come when do-not-disturb ended')
        self.assertEqual(len(shown), 1, shown)
        self.assertEqual(self.state(), 'due')
        self.assertNotIn('mako-dnd', self.mobed_property('DeferReasons'))


class MakoNotification(SwayTestCase):
    mobed_config = {'drills': longest_drill_only()}

    def test_answer_through_mako(self):
        """The body says how to answer (mako has no buttons); the Done
        action invoked through mako ends the break as done."""
        self.wait_due()
        shown = self.eventually(self.mobed_notifications, 10, 'no notification of mobed\'s')
        self.assertEqual(len(shown), 1, shown)
        note = shown[0]
        self.assertIn('mobectl done', note['body'],
                      f'mako draws no buttons, yet the body does not say how to answer: '
                      f'{note["body"]!r}')
        self.assertIn('done', note['actions'], note['actions'])
        self.makoctl('invoke', '-n', str(note['id']), 'done')
        self.wait_ended('done')
        self.assertEqual(self.outcomes(), ['done'])
        self.eventually(lambda: not self.mobed_notifications(), 5,
                        'the answered break is still in mako')

    def test_default_action_shows_the_steps(self):
        """mako's left click invokes the default action (makoctl invoke
        with no action name sends the same): that never ends the break,
        mobed shows it again as a new notification with the drill's steps
        and the same actions (the click's own now shows them again)."""
        self.wait_due()
        first = self.eventually(self.mobed_notifications, 10, 'no notification of mobed\'s')[0]
        self.assertIn('default', first['actions'])
        self.makoctl('invoke', '-n', str(first['id']))
        again = self.eventually(lambda: [n for n in self.mobed_notifications()
                                         if n['id'] != first['id']], 5,
                                'mobed did not show the break again')
        self.assertEqual(len(again), 1, again)
        self.assertEqual(self.mobed_notifications(), again, 'the first one is still there')
        self.assertEqual(again[0]['actions'], dict(first['actions'], default='Show again'))
        self.assertIn('\n1. ', again[0]['body'])
        self.assertEqual(again[0]['app-icon'], first['app-icon'], 'the picture went')
        self.assertEqual(self.state(), 'due')
        self.assertEqual(self.signal_args('BreakEnded'), [])

    def test_body_not_cut(self):
        """mako shows all of the break in its default size (100 px high;
        what does not fit is cut): drawn again with room to spare, the
        same text takes no more room."""
        self.wait_due()
        note = self.eventually(self.mobed_notifications, 10, 'no notification of mobed\'s')[0]
        # mako draws a moment after it lists the notification (it loads
        # the drill's picture first).

        def drawn():
            path = self.grim('break')
            return len(self.mako_boxes(desktoptest.read_png(path)[2])) == 1 and path
        path = self.eventually(drawn, 5, 'mako did not draw the break')
        self.check_screenshot(path, WIDTH, HEIGHT)
        self.notify_uncut(note['summary'], note['body'])

        def both_drawn():
            path = self.grim('break-uncut')
            boxes = self.mako_boxes(self.check_screenshot(path, WIDTH, HEIGHT))
            return len(boxes) == 2 and (path, boxes)
        path, (copy, shown) = self.eventually(both_drawn, 5, 'mako did not show the copy')
        # mako puts the newest on top: the copy, with room to spare.
        self.assertEqual(shown, copy,
                         f'mako cut the break to {shown} px of its {copy} (see {path}, the '
                         f'copy with room to spare on top): summary {note["summary"]!r}, '
                         f'body {note["body"]!r}')



class SessionLife(SwayTestCase):
    """A second mobed, another drill, and logout, in a real session."""

    def test_second_mobed_refused_before_anything(self):
        res = self.run_tool(desktoptest.MOBED_BIN, check=False)
        self.assertEqual(res.returncode, 1)
        # One line, before any start-up (no history, catalog or idle lines).
        self.assertEqual(res.stderr.strip().splitlines(),
                         ['mobed: another mobed is already running on this session bus '
                          '(use --replace to take over)'])

    def test_another_is_no_new_break(self):
        self.wait_due()
        first = self.eventually(self.mobed_notifications, 10, 'no notification of mobed\'s')[0]
        self.mobectl('another')
        again = self.eventually(lambda: [n for n in self.mobed_notifications()
                                         if n['id'] != first['id']], 5,
                                'mobectl another showed nothing new')
        self.assertEqual(self.mobed_notifications(), again, 'the old one is still there')
        log = self.mobed_log()
        self.assertEqual(log.count('Break due:'), 1, log)
        self.assertEqual(log.count('Another drill for the break:'), 1, log)
        self.assertEqual(len(self.signal_args('BreakStarted')), 1)

    def test_logout_leaves_no_warning(self):
        # Logout stops the session bus and mobed together.
        self.wait_due()
        self.eventually(self.mobed_notifications, 10, 'no notification of mobed\'s')
        proc, self.mobed = self.mobed, None
        self.bus_procs['session-bus'].kill()
        proc.terminate()
        proc.wait(timeout=10 * desktoptest.SLOWDOWN)
        self.assertNotIn('WARNING', self.mobed_log())
        self.assertNotIn('CRITICAL', self.mobed_log())


class Tray(IndicatorMixin, SwayTestCase):
    """mobed-indicator in waybar's tray, waybar started by sway's config as
    in a user's session: waybar's StatusNotifierWatcher lists the item, the
    bar draws its icon (found by the icons' colours in the bar), the menu's
    items change mobed's state and the icon with it."""

    mobed_config = {'schedule': {'interval': '10m'}}
    BAR_HEIGHT = 30

    @property
    def sway_config_extra(self):
        bar = self.tmp / 'waybar'
        bar.mkdir(exist_ok=True)
        (bar / 'config').write_text(json.dumps({
            'layer': 'top', 'position': 'top', 'height': self.BAR_HEIGHT,
            'modules-right': ['tray'], 'tray': {'icon-size': 22, 'spacing': 6}}))
        (bar / 'style.css').write_text('window#waybar { background: #303030; }\n')
        for p in (bar, *bar.iterdir()):
            self.own(p)
        return f'exec waybar -c {bar / "config"} -s {bar / "style.css"}\n'

    def bar_strip(self):
        return (WIDTH // 2, 0, WIDTH // 2, self.BAR_HEIGHT)

    def wait_colour_in_bar(self, colour, what, minimum=4):
        def seen():
            _, _, rows = read_png(self.grim(what))
            packed = [b''.join(bytes(p) for p in row) for row in rows[:self.BAR_HEIGHT]]
            return count_colour(packed, self.bar_strip(), colour) >= minimum and packed
        return self.eventually(seen, 20, f'no {colour} pixels in waybar ({what})')

    def test_icon_menu_and_click(self):
        self.start_indicator()
        self.wait_registered()
        self.assertEqual(Path(f'/proc/{self.owner_pid(WATCHER)}/comm').read_text().strip(),
                         'waybar')
        self.wait_icon('mobed-indicator-ring-0')
        self.wait_colour_in_bar(TEAL, 'indicator')

        self.menu_click('Pause for 1 hour')
        self.wait_state('paused')
        self.wait_icon('mobed-indicator-paused')
        self.menu_click('Resume')
        self.wait_state('working')

        self.menu_click('Take a break now')
        self.wait_state('due')
        self.wait_icon('mobed-indicator-due')
        self.wait_colour_in_bar(ORANGE, 'indicator-due', minimum=20)
        # No real click here: waybar pops its menu up with a pointer grab,
        # which the headless seat (no input device) cannot give it.

        self.menu_click('Done')
        self.wait_ended('done')
        self.wait_icon('mobed-indicator-ring-0')


if __name__ == '__main__':
    desktoptest.main({'sway': 'sway', 'swaymsg': 'sway', 'mako': 'mako-notifier',
                      'makoctl': 'mako-notifier', 'busctl': 'systemd', 'jq': 'jq',
                      'grim': 'grim', 'Xwayland': 'xwayland', 'setpriv': 'util-linux',
                      'waybar': 'waybar'})

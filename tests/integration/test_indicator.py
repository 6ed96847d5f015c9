#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_indicator.py — mobed-indicator against the real mobed on a private
bus, with a stand-in StatusNotifierWatcher (the tests in tests/desktops/
put it in real panels). The menu is driven the way panels drive it:
com.canonical.dbusmenu's GetLayout to find an item, Event "clicked" to
press it; each press must change mobed's state, and each state its own
icon. Also: the tooltip is `mobectl status --follow`'s line; without a
watcher the indicator says so once and registers when one comes, and again
when it is replaced (a panel restarting); it starts mobed by D-Bus
activation; Statistics hands an SVG to the desktop's viewer.

Run all with `python3 test_indicator.py`, one with
`python3 test_indicator.py TestIndicator.test_pause_and_resume`.
"""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio, GLib  # noqa: E402

from mobedtest import (BUS_NAME, IFACE, MOBECTL_BIN, OBJ_PATH, MobedTestCase, main,
                       setup)  # noqa: E402

INDICATOR_BIN = os.environ.get('MOBED_INDICATOR_BIN',
                               str(Path(MOBECTL_BIN).parents[1] / 'indicator' / 'mobed-indicator'))
ITEM_PATH = '/StatusNotifierItem'
ITEM_IFACE = 'org.kde.StatusNotifierItem'
WATCHER = 'org.kde.StatusNotifierWatcher'
MENU_IFACE = 'com.canonical.dbusmenu'

WATCHER_XML = """<node><interface name="org.kde.StatusNotifierWatcher">
  <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
</interface></node>"""

NO_WATCHER = 'No panel shows status icons right now'


class Watcher:
    """The part of a panel an item talks to: it records who registered."""

    def __init__(self, test):
        self.test = test
        self.registered = []
        self.bus = test.connect(test.env['DBUS_SESSION_BUS_ADDRESS'])
        info = Gio.DBusNodeInfo.new_for_xml(WATCHER_XML).interfaces[0]
        self.object_id = self.bus.register_object('/StatusNotifierWatcher', info,
                                                  self._call, None, None)
        self.own_id = Gio.bus_own_name_on_connection(self.bus, WATCHER,
                                                     Gio.BusNameOwnerFlags.NONE, None, None)
        test.eventually(lambda: test.owner_pid(WATCHER) is not None, 5, 'the watcher took no name')

    def _call(self, _conn, sender, _path, _iface, method, args, invocation):
        self.registered.append((sender, args.unpack()[0]))
        invocation.return_value(None)

    def close(self):
        Gio.bus_unown_name(self.own_id)
        self.bus.unregister_object(self.object_id)
        self.test.eventually(lambda: self.test.owner_pid(WATCHER) is None, 5)


class IndicatorCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def setUp(self):
        super().setUp()
        # mobed-indicator looks for mobectl on PATH: the build's.
        self.set_env('PATH', f'{Path(MOBECTL_BIN).parent}:{os.environ["PATH"]}')

    def start_indicator(self, *args):
        proc = self.spawn('mobed-indicator', [INDICATOR_BIN, *args])
        self.indicator = proc
        name = f'org.kde.StatusNotifierItem-{proc.pid}-1'
        self.eventually(lambda: self.owner_pid(name) == proc.pid, 10,
                        'mobed-indicator did not take its bus name')
        self.item = name
        # libdbusmenu exports the menu once its own g_bus_get() has come
        # back, which goes through a GLib worker thread: on a loaded
        # machine that can be after the item registered. Panels re-read
        # the menu on the LayoutUpdated it sends then; the tests wait.
        self.eventually(self.menu_exported, 10, 'the menu was never exported')
        return proc

    def menu_exported(self):
        try:
            self.layout()
            return True
        except GLib.Error:
            return False

    def default_app(self, mime):
        """Makes the desktop's program for @mime one that writes down what
        it was given, in the file returned."""
        marker = self.tmp / 'opened'
        apps = Path(self.env['XDG_DATA_HOME']) / 'applications'
        apps.mkdir(parents=True, exist_ok=True)
        (apps / 'test-opener.desktop').write_text(
            '[Desktop Entry]\nType=Application\nName=Opener\n'
            f'Exec=/bin/sh -c \'echo "$1" > {marker}\' opener %u\nMimeType={mime};\n')
        (Path(self.env['XDG_CONFIG_HOME']) / 'mimeapps.list').write_text(
            f'[Default Applications]\n{mime}=test-opener.desktop\n')
        return marker

    def log_text(self):
        return Path(next(p for t, p in self.logs if t == 'mobed-indicator')).read_text()

    def item_prop(self, name):
        return self.dbus_call(self.bus, self.item, ITEM_PATH, 'org.freedesktop.DBus.Properties',
                              'Get', GLib.Variant('(ss)', (ITEM_IFACE, name)))[0]

    def icon(self):
        return self.item_prop('IconName')

    def wait_icon(self, name):
        self.eventually(lambda: self.icon() == name, 10,
                        lambda: f'icon {self.icon()!r}, not {name!r}')

    def layout(self):
        path = self.item_prop('Menu')
        return self.dbus_call(self.bus, self.item, path, MENU_IFACE, 'GetLayout',
                              GLib.Variant('(iias)', (0, -1, [])))[1]

    @staticmethod
    def _walk(node):
        yield node
        for child in node[2]:
            yield from IndicatorCase._walk(child)

    def items(self):
        """Every item of the menu a panel would show: (id, properties)."""
        return [(n[0], n[1]) for n in self._walk(self.layout())
                if n[1].get('visible', True)]

    def labels(self):
        return [p.get('label', '') for _, p in self.items()]

    def find(self, label):
        for item_id, props in self.items():
            if props.get('label', '').startswith(label):
                return item_id
        self.fail(f'no visible item {label!r} in {self.labels()}')

    def click(self, label):
        item_id = self.find(label)
        path = self.item_prop('Menu')
        self.dbus_call(self.bus, self.item, path, MENU_IFACE, 'Event',
                       GLib.Variant('(isvu)', (item_id, 'clicked', GLib.Variant('i', 0), 0)))

    def wait_visible(self, label, visible=True):
        self.eventually(lambda: any(x.startswith(label) for x in self.labels()) == visible, 10,
                        lambda: f'{label!r} {"not " if visible else ""}in {self.labels()}')


class TestIndicator(IndicatorCase):

    def setUp(self):
        super().setUp()
        self.watcher = Watcher(self)
        self.start_indicator()
        self.eventually(lambda: self.watcher.registered, 10, 'the item did not register')

    def test_registers_with_its_name_and_menu(self):
        sender, service = self.watcher.registered[0]
        self.assertEqual(service, self.item)
        self.assertEqual(self.item_prop('Id'), 'mobed')
        self.assertEqual(self.item_prop('Category'), 'ApplicationStatus')
        self.assertEqual(self.item_prop('Status'), 'Active')
        self.assertTrue(self.item_prop('ItemIsMenu'))
        self.assertTrue(self.item_prop('Menu').startswith('/'))
        # An hour to go, just started: the empty ring.
        self.wait_icon('mobed-indicator-ring-0')
        self.assertNotIn(NO_WATCHER, self.log_text())

    def test_tooltip_is_the_follow_line(self):
        follow = subprocess.Popen([MOBECTL_BIN, 'status', '--follow'], env=self.env,
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(self.stop, follow)
        line = follow.stdout.readline().rstrip('\n')
        self.assertRegex(line, r'^working · next break')
        self.eventually(lambda: self.item_prop('ToolTip')[3] == line, 10,
                        lambda: f'tooltip {self.item_prop("ToolTip")!r}, not {line!r}')
        self.assertEqual(self.item_prop('ToolTip')[2], 'mobed')

    def test_menu_while_working(self):
        self.wait_visible('working · next break')
        labels = self.labels()
        for label in ('Take a break now', 'Pause for 30 minutes', 'Pause for 1 hour',
                      'Pause until tomorrow', 'Meeting for 1 hour', 'Statistics', 'Settings…',
                      'Quit the indicator'):
            self.assertIn(label, labels)
        for label in ('Done', 'Skip', 'Resume', 'End meeting', 'Another drill'):
            self.assertNotIn(label, labels)

    def test_pause_and_resume(self):
        self.click('Pause for 30 minutes')
        self.wait_state('paused')
        until = self.get_prop('PausedUntil')
        self.assertAlmostEqual((until - self.now_us()) / 1e6, 1800, delta=30)
        self.wait_icon('mobed-indicator-paused')
        self.wait_visible('Resume')
        self.wait_visible('Pause for 1 hour', visible=False)
        self.click('Resume')
        self.wait_state('working')
        self.wait_icon('mobed-indicator-ring-0')

    def test_pause_until_tomorrow(self):
        self.click('Pause until tomorrow')
        self.wait_state('paused')
        until = GLib.DateTime.new_from_unix_local(self.get_prop('PausedUntil') // 10**6)
        self.assertEqual((until.get_hour(), until.get_minute()), (0, 0))

    def test_meeting(self):
        self.click('Meeting for 1 hour')
        self.wait_state('paused')
        self.assertEqual(self.get_prop('PauseReason'), 'meeting')
        self.wait_icon('mobed-indicator-meeting')
        self.wait_visible('End meeting')
        self.wait_visible('Resume', visible=False)
        self.click('End meeting')
        self.wait_state('working')
        self.wait_icon('mobed-indicator-ring-0')

    def test_break_from_the_menu(self):
        self.click('Take a break now')
        self.wait_state('due')
        self.wait_icon('mobed-indicator-due')
        self.eventually(lambda: self.item_prop('Status') == 'NeedsAttention', 10)
        self.assertFalse(self.item_prop('ItemIsMenu'))
        for label in ('Done', 'Snooze', 'Skip', 'Another drill'):
            self.wait_visible(label)
        self.wait_visible('Take a break now', visible=False)
        # The drill, its reps, and its steps as a submenu.
        drill = self.get_prop('CurrentBreak')['drills'][0]
        self.wait_visible(drill['name'])
        node = next(n for n in self._walk(self.layout())
                    if n[1].get('label', '').startswith(drill['name']))
        steps = self._call(BUS_NAME, OBJ_PATH, IFACE, 'ListDrills',
                           GLib.Variant('(a{sv})', ({'id': GLib.Variant('s', drill['id'])},))
                           )[0][0]['steps']
        self.assertEqual([c[1]['label'] for c in node[2]],
                         [f'{i}. {s}' for i, s in enumerate(steps, 1)])
        self.assertEqual(node[1].get('children-display'), 'submenu')

        self.click('Another drill')
        self.eventually(lambda: self.get_prop('CurrentBreak')['drills'][0]['id'] != drill['id'])
        self.click('Snooze')
        self.wait_state('snoozed')
        self.click('Done')
        self.wait_ended('done')
        self.wait_icon('mobed-indicator-ring-0')
        self.eventually(lambda: self.item_prop('Status') == 'Active', 10)

    def test_click_on_the_icon_shows_the_drill_again(self):
        self.call('TakeBreak')
        self.wait_state('due')
        self.wait_notify(1)
        self.wait_icon('mobed-indicator-due')
        self.dbus_call(self.bus, self.item, ITEM_PATH, ITEM_IFACE, 'Activate',
                       GLib.Variant('(ii)', (0, 0)))
        self.wait_notify(2)

    def test_skip(self):
        self.call('TakeBreak')
        self.wait_visible('Skip')
        self.click('Skip')
        self.wait_ended('skipped')

    def test_statistics_open_in_the_viewer(self):
        # A desktop whose viewer for SVG writes down what it was given.
        marker = self.default_app('image/svg+xml')
        self.click('Statistics')
        given = self.eventually(lambda: marker.exists() and marker.read_text().strip(), 20,
                                lambda: f'the viewer was not started\n{self.log_text()}')
        svg = Path(self.env['XDG_CACHE_HOME']) / 'mobed' / 'statistics.svg'
        # GIO hands a local file to the viewer by path or by URI.
        self.assertIn(given, (str(svg), svg.as_uri()), self.log_text())
        self.assertIn('<svg', svg.read_text(), self.log_text())

    def test_quit(self):
        self.click('Quit the indicator')
        self.eventually(lambda: self.indicator.poll() is not None, 10)
        self.assertEqual(self.indicator.returncode, 0)
        self.assertEqual(self.get_prop('State'), 'working', 'mobed goes on')

    def test_one_per_session(self):
        second = subprocess.run([INDICATOR_BIN], env=self.env, capture_output=True, text=True,
                                timeout=30)
        self.assertEqual(second.returncode, 0)
        self.assertEqual(second.stderr, 'mobed-indicator: another one is already running\n')
        self.assertEqual(len(self.watcher.registered), 1)

    def test_mobed_stopping_and_coming_back(self):
        self.stop_daemon()
        self.wait_icon('mobed-indicator-stopped')
        self.assertEqual(self.item_prop('ToolTip')[3], 'stopped · mobed is not running')
        self.wait_visible('Take a break now', visible=False)
        self.daemon = self.start_daemon()
        self.wait_icon('mobed-indicator-ring-0')


class TestIndicatorSettings(IndicatorCase):
    """Settings…: `mobectl config edit` in a terminal, else mobed.conf in the
    desktop's editor. PATH is the test's own, so no terminal of the machine's
    can be picked up."""

    def start_with_path(self, *dirs):
        self.set_env('PATH', ':'.join(str(d) for d in dirs))
        self.watcher = Watcher(self)
        self.start_indicator()
        self.eventually(lambda: self.watcher.registered, 10, 'the item did not register')

    def test_edit_in_a_terminal(self):
        # A terminal GIO knows, which writes down the command it was given.
        bin_dir = self.tmp / 'bin'
        bin_dir.mkdir()
        marker = self.tmp / 'terminal-args'
        term = bin_dir / 'xterm'
        term.write_text(f'#!/bin/sh\necho "$@" > {marker}\n')
        term.chmod(0o755)
        self.config_path.unlink()
        self.start_with_path(bin_dir, Path(MOBECTL_BIN).parent)
        self.click('Settings')
        args = self.eventually(lambda: marker.exists() and marker.read_text().strip(), 20,
                               lambda: f'no terminal was started\n{self.log_text()}')
        self.assertTrue(args.endswith(f'{MOBECTL_BIN} config edit'), args)
        # A first edit starts from the commented template.
        self.assertTrue(self.config_path.exists(), self.log_text())
        self.assertIn('[schedule]', self.config_path.read_text())

    def test_without_a_terminal_the_editor_opens_the_file(self):
        marker = self.default_app('text/plain')
        self.start_with_path(Path(MOBECTL_BIN).parent)
        self.click('Settings')
        given = self.eventually(lambda: marker.exists() and marker.read_text().strip(), 20,
                                lambda: f'the editor was not started\n{self.log_text()}')
        self.assertIn(given, (str(self.config_path), self.config_path.as_uri()))


class TestIndicatorSetting(IndicatorCase):

    @setup(daemon=False, activatable=True)
    def test_starts_mobed_by_activation(self):
        self.assertIsNone(self.owner_pid(BUS_NAME))
        Watcher(self)
        self.start_indicator()
        self.eventually(lambda: self.owner_pid(BUS_NAME) is not None, 10,
                        'mobed was not started')
        self.daemon = None      # the bus's child: stopped with the bus
        self.wait_icon('mobed-indicator-ring-0')

    def test_no_watcher_said_once_then_registered(self):
        self.start_indicator()
        self.eventually(lambda: NO_WATCHER in self.log_text(), 10,
                        'the indicator did not say there is no panel')
        watcher = Watcher(self)
        self.eventually(lambda: watcher.registered, 10, 'the item did not register')
        # The panel restarts: its new watcher gets the item again.
        watcher.close()
        again = Watcher(self)
        self.eventually(lambda: again.registered, 10, 'the item did not register again')
        self.assertEqual(again.registered[0][1], self.item)
        self.assertEqual(self.log_text().count(NO_WATCHER), 1)

    def test_symbolic_icons(self):
        Watcher(self)
        self.start_indicator('--symbolic')
        self.wait_icon('mobed-indicator-ring-0-symbolic')
        self.call('Pause', 600)
        self.wait_icon('mobed-indicator-paused-symbolic')

    def test_icons_exist(self):
        # Every name the indicator can show has its SVG, in both looks.
        status = Path(__file__).resolve().parents[2] / 'data' / 'icons' / 'hicolor' / \
            'scalable' / 'status'
        names = [f'ring-{i}' for i in range(5)] + ['due', 'held', 'paused', 'meeting', 'away',
                                                   'off-hours', 'stopped']
        for name in names:
            for suffix in ('', '-symbolic'):
                path = status / f'mobed-indicator-{name}{suffix}.svg'
                self.assertTrue(path.is_file(), path)
                self.assertIn('<svg', path.read_text())


if __name__ == '__main__':
    main()

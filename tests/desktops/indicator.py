# SPDX-License-Identifier: GPL-3.0-or-later
"""indicator.py — mobed-indicator in a real panel, for the desktop suite:
what the tests of each host (test_kde.py, test_gnome.py, test_sway.py,
test_xfce.py) share. A test case mixes IndicatorMixin into its shell's
case: the indicator's icons go where the host's icon theme looks (the
test's XDG data directory), the indicator starts with the test's session
environment, and the host's own StatusNotifierWatcher must list it. The
menu is driven as a panel drives it, with com.canonical.dbusmenu's
GetLayout and Event; where the icon is on screen is told by colour, the
icons' own teal and orange being nowhere else in the panels.
"""

import os
import shutil
from pathlib import Path

from desktoptest import DATA_DIR, MOBECTL_BIN, GLib

INDICATOR_BIN = os.environ.get('MOBED_INDICATOR_BIN',
                               str(Path(MOBECTL_BIN).parents[1] / 'indicator' / 'mobed-indicator'))
WATCHER = 'org.kde.StatusNotifierWatcher'
ITEM_PATH = '/StatusNotifierItem'
ITEM_IFACE = 'org.kde.StatusNotifierItem'
MENU_IFACE = 'com.canonical.dbusmenu'

# The icons' colours (data/icons/hicolor/scalable/status): the ring's teal
# and the due icon's orange.
TEAL = (0x2a, 0x9d, 0x8f)
ORANGE = (0xe0, 0x7a, 0x1f)


def count_colour(rows, box, colour, tolerance=40):
    """How many pixels in @box (x, y, width, height) of @rows (RGB bytes a
    row) are within @tolerance (summed over channels) of @colour."""
    x, y, w, h = box
    found = 0
    for row in rows[max(y, 0):y + h]:
        for xx in range(max(x, 0), min(x + w, len(row) // 3)):
            px = row[3 * xx:3 * xx + 3]
            if sum(abs(a - b) for a, b in zip(px, colour)) <= tolerance:
                found += 1
    return found


class IndicatorMixin:
    """Starts mobed-indicator in the test's session and talks to it."""

    indicator = None

    def _make_env(self):
        env = super()._make_env()
        # Before the shell starts, as a package installs them: shells scan
        # their icon directories once (Plasma's icon loader does).
        self.install_indicator_icons()
        return env

    def install_indicator_icons(self):
        """The status icons into the test's XDG data dir, under hicolor,
        where a host looks them up by name as it would under /usr/share."""
        src = DATA_DIR / 'icons' / 'hicolor' / 'scalable' / 'status'
        dst = self.tmp / 'share' / 'icons' / 'hicolor' / 'scalable' / 'status'
        dst.mkdir(parents=True, exist_ok=True)
        for svg in src.glob('*.svg'):
            shutil.copy(svg, dst / svg.name)
        for p in [dst.parent.parent, dst.parent, dst, *dst.iterdir()]:
            self.own(p)

    def start_indicator(self, *args, env=None):
        env = dict(env or self.env, G_MESSAGES_DEBUG='mobed-indicator')
        proc = self.spawn('mobed-indicator', [INDICATOR_BIN, *args], env=env)
        self.indicator = proc
        self.item_name = self.eventually(lambda: self._item_name(proc), 20,
                                         'mobed-indicator took no item name')
        return proc

    def _item_name(self, proc):
        if proc.poll() is not None:
            self.fail(f'mobed-indicator exited with {proc.returncode}')
        names = self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                          'org.freedesktop.DBus', 'ListNames')[0]
        for name in names:
            if name.startswith('org.kde.StatusNotifierItem-') and \
                    self.owner_pid(name) == self.indicator_pid(proc):
                return name
        return None

    def indicator_pid(self, proc):
        """The indicator's own pid (under setpriv, the same process)."""
        return proc.pid

    def indicator_log(self):
        path = [p for name, p in self.logs if name == 'mobed-indicator'][-1]
        return Path(path).read_text(errors='replace')

    # -- the host's watcher ----------------------------------------------------

    def registered_items(self):
        """The host's list of items; empty while it has no watcher (yet)."""
        try:
            return self.call(self.bus, WATCHER, '/StatusNotifierWatcher',
                             'org.freedesktop.DBus.Properties', 'Get',
                             GLib.Variant('(ss)', (WATCHER, 'RegisteredStatusNotifierItems')))[0]
        except GLib.Error:
            return []

    def wait_registered(self, timeout=20):
        """Waits until the host's watcher lists the item (by its bus name,
        or by the unique name of its connection, with or without a path)."""
        unique = self.call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                           'org.freedesktop.DBus', 'GetNameOwner',
                           GLib.Variant('(s)', (self.item_name,)))[0]

        def listed():
            return [i for i in self.registered_items()
                    if i.split('/')[0] in (self.item_name, unique)]
        return self.eventually(listed, timeout,
                               lambda: f'{WATCHER} lists {self.registered_items()}, not '
                                       f'{self.item_name} ({unique})')

    # -- the item and its menu -----------------------------------------------

    def item_prop(self, name):
        return self.call(self.bus, self.item_name, ITEM_PATH, 'org.freedesktop.DBus.Properties',
                         'Get', GLib.Variant('(ss)', (ITEM_IFACE, name)))[0]

    def wait_icon(self, name, timeout=10):
        self.eventually(lambda: self.item_prop('IconName') == name, timeout,
                        lambda: f'icon {self.item_prop("IconName")!r}, not {name!r}')

    def menu_layout(self):
        return self.call(self.bus, self.item_name, self.item_prop('Menu'), MENU_IFACE,
                         'GetLayout', GLib.Variant('(iias)', (0, -1, [])))[1]

    def menu_items(self):
        """(id, properties) of each visible item, depth first."""
        out, todo = [], [self.menu_layout()]
        while todo:
            node = todo.pop(0)
            if node[1].get('visible', True):
                out.append((node[0], node[1]))
            todo[:0] = list(node[2])
        return out

    def menu_click(self, label):
        """Presses the first visible item whose label starts with @label,
        as a panel does when it is clicked (Event "clicked")."""
        self.eventually(lambda: any(p.get('label', '').startswith(label)
                                    for _, p in self.menu_items()), 10,
                        lambda: f'no item {label!r} in '
                                f'{[p.get("label") for _, p in self.menu_items()]}')
        item_id = next(i for i, p in self.menu_items() if p.get('label', '').startswith(label))
        self.call(self.bus, self.item_name, self.item_prop('Menu'), MENU_IFACE, 'Event',
                  GLib.Variant('(isvu)', (item_id, 'clicked', GLib.Variant('i', 0), 0)))

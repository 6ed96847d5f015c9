#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_desktop_files.py — mobed's desktop integration files: the desktop
entry its notifications name (desktop-entry hint "mobed"), the autostart
entry, and the icon "mobed". They must pass `desktop-file-validate`
(desktop-file-utils), the icon must render at 48 px (`rsvg-convert`,
librsvg2-bin), and the build must install each where desktops look for it
(`meson introspect --installed` of MOBED_BUILD_ROOT). A missing program
exits 77.

Run all with `python3 test_desktop_files.py`, one with
`python3 test_desktop_files.py TestDesktopFiles.test_icon_renders`.
"""

import configparser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
DATA = SOURCE / 'data'
BUILD = Path(os.environ.get('MOBED_BUILD_ROOT', str(SOURCE / 'build')))
DESKTOP = DATA / 'mobed.desktop'
AUTOSTART = DATA / 'autostart' / 'mobed-autostart.desktop'
INDICATOR_AUTOSTART = DATA / 'autostart' / 'mobed-indicator-autostart.desktop'
INDICATOR_ICONS = DATA / 'icons' / 'hicolor' / 'scalable' / 'status'
ICON = DATA / 'icons' / 'hicolor' / 'scalable' / 'apps' / 'mobed.svg'
NOTIFIER = SOURCE / 'daemon' / 'notify' / 'notifier.c'
PROGRAMS = {'desktop-file-validate': 'desktop-file-utils', 'rsvg-convert': 'librsvg2-bin',
            'meson': 'meson'}


def entry(path):
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str    # keys are case-sensitive
    cp.read(path, encoding='utf-8')
    return cp['Desktop Entry']


class TestDesktopFiles(unittest.TestCase):

    def validate(self, path):
        res = subprocess.run(['desktop-file-validate', str(path)], capture_output=True,
                             text=True, timeout=30, check=False)
        # It prints hints and warnings too; any output is worth fixing.
        self.assertEqual((res.returncode, res.stdout + res.stderr), (0, ''))

    def test_desktop_entry(self):
        self.validate(DESKTOP)
        e = entry(DESKTOP)
        for key, value in (('Type', 'Application'), ('Name', 'mobed'), ('Exec', 'mobed'),
                           ('Icon', 'mobed'), ('NoDisplay', 'true'), ('Categories', 'Utility;')):
            self.assertEqual(e.get(key), value, key)
        self.assertTrue(e.get('Comment'))

    def test_autostart_entry(self):
        self.validate(AUTOSTART)
        e = entry(AUTOSTART)
        for key, value in (('Type', 'Application'), ('Exec', 'mobed'), ('Icon', 'mobed'),
                           ('NoDisplay', 'true'), ('X-GNOME-Autostart-enabled', 'true')):
            self.assertEqual(e.get(key), value, key)
        self.assertNotIn('Hidden', e)

    def test_indicator_autostart_entry(self):
        # The panel icon starts on the desktops whose panels show it, also
        # under systemd (no X-systemd-skip): one instance guards itself.
        self.validate(INDICATOR_AUTOSTART)
        e = entry(INDICATOR_AUTOSTART)
        for key, value in (('Type', 'Application'), ('Exec', 'mobed-indicator'),
                           ('NoDisplay', 'true'), ('X-GNOME-Autostart-enabled', 'true')):
            self.assertEqual(e.get(key), value, key)
        self.assertNotIn('X-systemd-skip', e)
        self.assertLessEqual({'KDE', 'GNOME', 'XFCE'}, set(e['OnlyShowIn'].split(';')))

    def test_indicator_icons_render(self):
        for svg in sorted(INDICATOR_ICONS.glob('*.svg')):
            with tempfile.TemporaryDirectory(prefix='mobed-icon-') as tmp:
                png = Path(tmp) / 'icon.png'
                subprocess.run(['rsvg-convert', '-w', '22', '-h', '22', '-o', str(png), str(svg)],
                               check=True, timeout=30)
                self.assertGreater(png.stat().st_size, 100, svg)

    def test_notifications_name_the_entry_and_icon(self):
        # The hint and the icon name in notifier.c are these files' names.
        code = NOTIFIER.read_text(encoding='utf-8')
        self.assertIn('"desktop-entry", g_variant_new_string ("mobed")', code)
        self.assertIn('notify_notification_new (content->summary, content->body, "mobed")', code)
        self.assertEqual(DESKTOP.stem, 'mobed')
        self.assertEqual(ICON.stem, entry(DESKTOP)['Icon'])

    def test_icon_renders(self):
        root = ET.parse(ICON).getroot()
        self.assertEqual(root.tag, '{http://www.w3.org/2000/svg}svg')
        self.assertEqual(root.get('viewBox'), '0 0 64 64', 'a square icon')
        self.assertLess(ICON.stat().st_size, 4096, 'a small icon')
        with tempfile.TemporaryDirectory(prefix='mobed-icon-') as tmp:
            png = Path(tmp) / 'mobed-48.png'
            subprocess.run(['rsvg-convert', '-w', '48', '-h', '48', '-o', str(png), str(ICON)],
                           check=True, timeout=30)
            data = png.read_bytes()
            self.assertEqual(data[:8], b'\x89PNG\r\n\x1a\n')
            self.assertEqual((int.from_bytes(data[16:20], 'big'),
                              int.from_bytes(data[20:24], 'big')), (48, 48))

    def test_install_layout(self):
        res = subprocess.run(['meson', 'introspect', '--installed', str(BUILD)],
                             capture_output=True, text=True, timeout=60, check=True)
        installed = {Path(src).resolve(): dest for src, dest in json.loads(res.stdout).items()}
        for src, tail in ((DESKTOP, '/share/applications/mobed.desktop'),
                          (ICON, '/share/icons/hicolor/scalable/apps/mobed.svg'),
                          (AUTOSTART, '/xdg/autostart/mobed.desktop')):
            dest = installed.get(src.resolve())
            self.assertIsNotNone(dest, f'{src} is not installed')
            self.assertTrue(dest.endswith(tail), f'{src} installs to {dest}')

def main():
    missing = [f'{prog} (package {pkg})' for prog, pkg in PROGRAMS.items()
               if shutil.which(prog) is None]
    if missing:
        print('SKIP: the desktop file tests need ' + ', '.join(missing), file=sys.stderr)
        sys.exit(77)
    unittest.main(module='__main__', testRunner=unittest.TextTestRunner(
        stream=sys.stdout, verbosity=2))


if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_dnd.py — do not disturb holds a due break back and never drops it:
the notification server's Inhibited property and dunst's paused property
(python3-dbusmock's notification daemon given those properties), xfconf's
xfce4-notifyd do-not-disturb (a small dbusmock xfconfd), GNOME's
show-banners (GSettings' keyfile backend with the real schema), and a camera
in use (a file this test holds open under a fake device prefix). Several
reasons can hold at once; the break comes when the last one ends, and after
max-defer it is missed.

Run all with `python3 test_dnd.py`, one with
`python3 test_dnd.py TestNotificationServer.test_dunst_paused`.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import MOBECTL_BIN, MobedTestCase, main, setup  # noqa: E402

from gi.repository import GLib  # noqa: E402  (mobedtest checked it is there)

NOTIFY_IFACE = 'org.freedesktop.Notifications'
DUNST_IFACE = 'org.dunstproject.cmd0'
XFCONF = ('org.xfce.Xfconf', '/org/xfce/Xfconf', 'org.xfce.Xfconf')
MOCK_IFACE = 'org.freedesktop.DBus.Mock'
GNOME_SCHEMA_DIR = '/usr/share/glib-2.0/schemas'


class DndTestCase(MobedTestCase):
    config = {'schedule': {'interval': '2s'}}

    def reasons(self):
        return list(self.get_prop('DeferReasons'))

    def status(self):
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)
        return out

    def state_line(self):
        return next(line for line in self.status().splitlines() if line.startswith('State:'))

    def fall_due(self, held_by=None):
        """The interval passes: the break falls due (and may be held). Once
        mobed has read what holds it (@held_by), as it does as it starts."""
        if held_by is not None:
            self.assert_eventually(lambda: self.reasons() == held_by, 5,
                                   f'mobed never saw {held_by} (last: {self.reasons()})')
        self.advance(int(self.config['schedule']['interval'][:-1]))

    def assert_held(self, reasons, how_long=1.0):
        """The break is due but held for @reasons, and stays off screen
        while mobed's clock moves @how_long seconds on."""
        self.wait_state('deferred')
        self.assertEqual(self.reasons(), reasons)
        shown = len(self.notify_calls())
        self.assert_holds(lambda: len(self.notify_calls()) == shown and
                          self.get_prop('State') == 'deferred', how_long,
                          'a held break came on screen')

    def history(self):
        rows = self._call('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                          'GetHistory', GLib.Variant('(a{sv})', ({},)))[0]
        return [row['outcome'] for row in rows]


class TestNotificationServer(DndTestCase):
    """Inhibited and dunst's paused, on the notification server's object."""

    start_mobed = False

    def add_property(self, iface, name, value):
        self._mock('AddProperty', GLib.Variant('(ssv)', (iface, name, GLib.Variant('b', value))))

    def set_property(self, iface, name, value):
        self._mock('UpdateProperties',
                   GLib.Variant('(sa{sv})', (iface, {name: GLib.Variant('b', value)})))

    def test_inhibited(self):
        self.add_property(NOTIFY_IFACE, 'Inhibited', False)
        self.daemon = self.start_daemon()
        self.set_property(NOTIFY_IFACE, 'Inhibited', True)
        self.assert_eventually(lambda: self.reasons() == ['notifications-inhibited'], 5)
        self.fall_due()
        self.assert_held(['notifications-inhibited'])
        self.assertEqual(self.state_line(),
                         'State:       deferred: do not disturb (notification server)')
        rc, out, err = self.mobectl('status', '--json')
        self.assertEqual(json.loads(out)['defer_reasons'], ['notifications-inhibited'])
        self.assertEqual(json.loads(out)['state'], 'deferred')
        self.set_property(NOTIFY_IFACE, 'Inhibited', False)
        self.wait_notify()
        self.wait_state('due')
        self.assertEqual(self.reasons(), [])
        self.assertEqual(self.signal_args('BreakStarted')[0][0]['snoozes'], 0)

    @setup(config={'schedule': {'interval': '1h'}})
    def test_held_by_before_a_break_is_due(self):
        self.add_property(DUNST_IFACE, 'paused', False)
        self.daemon = self.start_daemon()
        self.assertNotIn('Held by:', self.status())
        self.set_property(DUNST_IFACE, 'paused', True)
        self.assert_eventually(lambda: self.reasons() == ['dunst-paused'], 5)
        # No break yet: mobed is working, and says the next one will wait.
        lines = self.status().splitlines()
        self.assertEqual(lines[0], 'State:       working')
        self.assertIn('Held by:     do not disturb (dunst)', lines)
        rc, out, err = self.mobectl('status', '--json')
        self.assertEqual(json.loads(out)['defer_reasons'], ['dunst-paused'])
        self.assertEqual(json.loads(out)['state'], 'working')
        self.set_property(DUNST_IFACE, 'paused', False)
        self.assert_eventually(lambda: self.reasons() == [], 5)
        self.assertNotIn('Held by:', self.status())

    def test_dunst_paused_before_start(self):
        # Paused already when mobed starts: read once it sees the server.
        self.add_property(DUNST_IFACE, 'paused', True)
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['dunst-paused'])
        self.assert_held(['dunst-paused'])
        self.assertEqual(self.notify_calls(), [])
        self.assertEqual(self.state_line(), 'State:       deferred: do not disturb (dunst)')
        self.set_property(DUNST_IFACE, 'paused', False)
        self.wait_notify()
        self.call('Done')
        self.assertEqual(self.history(), ['done'])

    def test_several_reasons_until_the_last_ends(self):
        self.add_property(NOTIFY_IFACE, 'Inhibited', True)
        self.add_property(DUNST_IFACE, 'paused', True)
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['notifications-inhibited', 'dunst-paused'])
        self.assert_held(['notifications-inhibited', 'dunst-paused'])
        self.assertEqual(self.state_line(), 'State:       deferred: do not disturb (notification '
                                            'server), do not disturb (dunst)')
        self.set_property(NOTIFY_IFACE, 'Inhibited', False)
        self.assert_eventually(lambda: self.reasons() == ['dunst-paused'], 5)
        self.assert_held(['dunst-paused'])
        self.set_property(DUNST_IFACE, 'paused', False)
        self.wait_notify()
        self.wait_state('due')

    def test_shown_break_taken_down_and_back(self):
        self.add_property(DUNST_IFACE, 'paused', False)
        self.daemon = self.start_daemon()
        self.fall_due()
        first = self.wait_notify()
        self.set_property(DUNST_IFACE, 'paused', True)
        self.wait_state('deferred')
        self.assert_eventually(lambda: first['id'] in self.close_calls(), 5)
        self.set_property(DUNST_IFACE, 'paused', False)
        again = self.wait_notify(2)
        self.assertEqual(again['body'], first['body'], 'the held break is not the same break')
        self.assertEqual(self.signal_args('BreakEnded'), [])

    @setup(config={'presence': {'max-defer': '2s'}})
    def test_max_defer_is_missed_and_count_restarts(self):
        self.add_property(DUNST_IFACE, 'paused', True)
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['dunst-paused'])
        self.wait_state('deferred')
        self.assert_holds(lambda: self.get_prop('State') == 'deferred', 1.5)
        self.advance(0.5)
        self.wait_ended('missed')
        self.assertEqual(self.history(), ['missed'])
        self.assertEqual(self.notify_calls(), [])
        # The count started over: working, then the next break is held too.
        self.assertEqual(self.get_prop('CurrentBreak'), {})
        self.fall_due()
        self.wait_state('deferred')
        self.assertEqual(self.notify_calls(), [])

    @setup(config={'presence': {'respect-dnd': 'false'}})
    def test_respect_dnd_off(self):
        self.add_property(DUNST_IFACE, 'paused', True)
        self.add_property(NOTIFY_IFACE, 'Inhibited', True)
        self.daemon = self.start_daemon()
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])
        # Turned on by a reload: the break is taken down and held.
        self.write_config({'schedule': {'interval': '2s'}})
        rc, out, err = self.mobectl('reload')
        self.assertEqual(rc, 0, err)
        self.wait_state('deferred')
        self.assert_eventually(lambda: self.reasons() == ['notifications-inhibited',
                                                          'dunst-paused'], 5)

    def test_server_without_the_properties(self):
        # The plain template has neither property: nothing holds breaks.
        self.daemon = self.start_daemon()
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])

    @setup(fatal_warnings=False)
    def test_server_gone_clears_its_reasons(self):
        self.add_property(DUNST_IFACE, 'paused', True)
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['dunst-paused'])
        self.wait_state('deferred')
        self.mock.terminate()
        self.mock.wait(timeout=10)
        self.mock = None
        # Nobody left to say "paused": the break is due (in the log only).
        self.wait_state('due')
        self.assertEqual(self.reasons(), [])


class TestXfconf(DndTestCase):
    """xfce4-notifyd's do not disturb, from a small dbusmock xfconfd."""

    start_mobed = False

    def start_xfconf(self, value):
        log = open(self.tmp / 'xfconf-mock.log', 'ab')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append(('xfconf mock', log.name))
        proc = self.spawn_server(*XFCONF, stdout=log)
        self.addCleanup(self._reap, proc)
        if value is None:
            code = ("raise dbus.exceptions.DBusException('no such property', "
                    "name='org.xfce.Xfconf.Error.PropertyNotFound')")
        else:
            code = f"ret = dbus.Boolean({value}) if args == ['xfce4-notifyd', '/do-not-disturb'] " \
                   "else dbus.String('')"
        self._call(XFCONF[0], XFCONF[1], MOCK_IFACE, 'AddMethod', GLib.Variant(
            '(sssss)', (XFCONF[2], 'GetProperty', 'ss', 'v', code)))
        return proc

    def emit(self, signal, signature, *args):
        # Each av element is one argument; a 'v' argument is its own variant.
        values = [a if t == 'v' else GLib.Variant(t, a) for t, a in zip(signature, args)]
        self._call(XFCONF[0], XFCONF[1], MOCK_IFACE, 'EmitSignal', GLib.Variant(
            '(sssav)', (XFCONF[2], signal, signature, values)))

    def test_do_not_disturb(self):
        self.start_xfconf(True)
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['xfce-dnd'])
        self.assert_held(['xfce-dnd'])
        self.assertEqual(self.state_line(), 'State:       deferred: do not disturb (Xfce)')
        # Another channel's property of the same name is not ours.
        self.emit('PropertyChanged', 'ssv', 'xfwm4', '/do-not-disturb', GLib.Variant('b', False))
        self.assert_held(['xfce-dnd'], 0.5)
        self.emit('PropertyChanged', 'ssv', 'xfce4-notifyd', '/do-not-disturb',
                  GLib.Variant('b', False))
        self.wait_notify()
        self.emit('PropertyChanged', 'ssv', 'xfce4-notifyd', '/do-not-disturb',
                  GLib.Variant('b', True))
        self.wait_state('deferred')
        self.emit('PropertyRemoved', 'ss', 'xfce4-notifyd', '/do-not-disturb')
        self.wait_notify(2)

    def test_unset_property(self):
        self.start_xfconf(None)
        self.daemon = self.start_daemon()
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])


class TestGnome(DndTestCase):
    """GNOME's show-banners through GSettings' keyfile backend."""

    start_mobed = False

    def setUp(self):
        if not os.path.exists(os.path.join(GNOME_SCHEMA_DIR, 'org.gnome.desktop.notifications.'
                                                              'gschema.xml')):
            self.fail('the GNOME schema is missing (package gsettings-desktop-schemas)')
        super().setUp()
        os.environ['GSETTINGS_BACKEND'] = 'keyfile'
        self.keyfile = self.tmp / 'config' / 'glib-2.0' / 'settings' / 'keyfile'
        self.keyfile.parent.mkdir(parents=True)

    def show_banners(self, value):
        tmp = self.keyfile.with_suffix('.tmp')
        tmp.write_text(f'[org/gnome/desktop/notifications]\nshow-banners={value}\n')
        tmp.rename(self.keyfile)

    def test_show_banners_off(self):
        os.environ['XDG_CURRENT_DESKTOP'] = 'ubuntu:GNOME'
        self.show_banners('false')
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['gnome-dnd'])
        self.assert_held(['gnome-dnd'])
        self.assertEqual(self.state_line(), 'State:       deferred: do not disturb (GNOME)')
        self.show_banners('true')
        self.wait_notify()

    def test_not_on_other_desktops(self):
        # A setting left over from a GNOME session does not hold breaks in sway.
        os.environ['XDG_CURRENT_DESKTOP'] = 'sway'
        self.show_banners('false')
        self.daemon = self.start_daemon()
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])


class TestCamera(DndTestCase):
    """A camera in use: a file under MOBED_CAMERA_PREFIX held open."""

    config = {'schedule': {'interval': '3s'}}
    start_mobed = False

    def setUp(self):
        super().setUp()
        (self.tmp / 'dev').mkdir()
        os.environ['MOBED_CAMERA_PREFIX'] = str(self.tmp / 'dev' / 'video')
        os.environ['MOBED_RECHECK_SECONDS'] = '1'

    def open_camera(self):
        camera = open(self.tmp / 'dev' / 'video0', 'wb')  # noqa: SIM115
        self.addCleanup(camera.close)
        return camera

    def test_camera_in_use(self):
        camera = self.open_camera()
        self.daemon = self.start_daemon()
        # Looked for only when the break falls due, not before.
        self.assertEqual(self.get_prop('State'), 'working')
        self.assertEqual(self.reasons(), [])
        self.fall_due()
        self.assert_held(['camera'])
        self.assertEqual(self.state_line(), 'State:       deferred: camera in use')
        # The status bar line says it too.
        follow = subprocess.Popen([MOBECTL_BIN, 'status', '--follow'], env=self.env,
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(follow.wait)
        self.addCleanup(follow.kill)
        self.assertRegex(follow.stdout.readline(), r'^deferred: camera in use · .+ · 0/8 today\n$')
        log = self.logs[-1][1].read_text()
        self.assertIn('A break waits: camera', log)
        self.assertIn(f'Process {os.getpid()} has a camera open', log)
        # The call ends: looked at again within the recheck interval.
        camera.close()
        self.advance(1)
        self.wait_notify()
        self.wait_state('due')
        self.assertEqual(self.reasons(), [])

    def test_camera_and_dnd(self):
        # dunst is paused at the due time, so mobed does not look for a camera
        # then; when dunst resumes it looks, and the break waits on.
        self._mock('AddProperty', GLib.Variant('(ssv)', (DUNST_IFACE, 'paused',
                                                        GLib.Variant('b', True))))
        camera = self.open_camera()
        self.daemon = self.start_daemon()
        self.fall_due(held_by=['dunst-paused'])
        self.assert_held(['dunst-paused'])
        self._mock('UpdateProperties', GLib.Variant('(sa{sv})', (
            DUNST_IFACE, {'paused': GLib.Variant('b', False)})))
        self.assert_eventually(lambda: self.reasons() == ['camera'], 5)
        self.assert_held(['camera'])
        camera.close()
        self.advance(1)
        self.wait_notify()

    def test_taken_anyway(self):
        self.open_camera()
        self.daemon = self.start_daemon()
        self.fall_due()
        self.assert_held(['camera'])
        # Asked for, it shows; the camera is looked for afresh next time.
        self.call('TakeBreak')
        self.wait_notify()
        self.assertEqual(self.get_prop('State'), 'due')
        self.assertEqual(self.reasons(), [])
        self.call('Done')
        self.fall_due()
        self.assert_held(['camera'])

    @setup(config={'presence': {'defer-camera': 'false'}})
    def test_defer_camera_off(self):
        self.open_camera()
        self.daemon = self.start_daemon()
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])


if __name__ == '__main__':
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_pipewire.py — a call or a screen share holds a due break, seen
through a real PipeWire: Debian's pipewire and wireplumber run headless in
the test's private runtime directory and session bus. A microphone is a
null-sink virtual source that pw-record captures from; a screen share is
tests/integration/pw-screencast.c making a node shaped as mutter's, kwin's
or xdg-desktop-portal-wlr's screencast, and a viewer consuming it; music is
pw-play of a sine wave into a null sink.

Run all with `python3 test_pipewire.py`, one with
`python3 test_pipewire.py TestPipewire.test_microphone`.
"""

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import unittest
import wave
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import main, setup  # noqa: E402
from test_dnd import DndTestCase  # noqa: E402

from gi.repository import GLib  # noqa: E402  (mobedtest checked it is there)

SCREENCAST = os.environ.get('PW_SCREENCAST_BIN')
TOOLS = ('pipewire', 'wireplumber', 'pw-cli', 'pw-record', 'pw-play', 'pw-dump')


class PipewireTestCase(DndTestCase):
    config = {'schedule': {'interval': '3s'}}
    start_mobed = False

    def setUp(self):
        missing = [t for t in TOOLS if shutil.which(t) is None]
        if missing:
            raise unittest.SkipTest(f'not installed: {" ".join(missing)} (scripts/deps test)')
        if SCREENCAST is None:
            raise unittest.SkipTest('mobed is built without PipeWire (meson -Dpipewire)')
        super().setUp()
        self.socket = self.tmp / 'runtime' / 'pipewire-0'

    # -- the PipeWire side --------------------------------------------------

    def start_pipewire(self, session_manager=True):
        self.pipewire = self.spawn('pipewire', ['pipewire'])
        self.assert_eventually(self.socket.exists, 10, 'pipewire made no socket')
        if session_manager:
            # WirePlumber's Bluetooth monitor asks logind, and WirePlumber
            # gives up where systemd is not running (a container, a chroot
            # such as scripts/fresh-check's); these tests need no Bluetooth.
            quiet = Path(os.environ['XDG_CONFIG_HOME']) / 'wireplumber' / 'bluetooth.lua.d'
            quiet.mkdir(parents=True, exist_ok=True)
            (quiet / '80-mobed-test.lua').write_text('bluez_monitor.enabled = false\n')
            self.spawn('wireplumber', ['wireplumber'])
            # wireplumber is a client too: up once PipeWire lists it.
            self.assert_eventually(lambda: any(
                o['type'].endswith(':Client')
                and o['info']['props'].get('application.name') == 'WirePlumber'
                for o in self.dump()), 10, 'wireplumber did not connect')

    def dump(self):
        res = subprocess.run(['pw-dump'], env=self.env, capture_output=True, text=True,
                             timeout=20, check=False)
        return json.loads(res.stdout) if res.returncode == 0 and res.stdout.strip() else []

    def nodes(self):
        """(media.class, state, node.name) of each node."""
        return [(o['info']['props'].get('media.class'), o['info']['state'],
                 o['info']['props'].get('node.name'))
                for o in self.dump() if o['type'].endswith(':Node') and o.get('info')]

    def running(self, media_class):
        return any(c == media_class and s == 'running' for c, s, _ in self.nodes())

    def make_node(self, name, media_class):
        """A null-sink node that stays after pw-cli leaves."""
        subprocess.run(['pw-cli', 'create-node', 'adapter',
                        f'{{ factory.name=support.null-audio-sink node.name={name} '
                        f'media.class={media_class} object.linger=true '
                        'audio.position=[FL FR] }'],
                       env=self.env, capture_output=True, timeout=20, check=True)
        self.assert_eventually(lambda: any(n == name for _, _, n in self.nodes()), 10)

    def record(self):
        """An application capturing from the virtual microphone."""
        self.make_node('test-mic', 'Audio/Source/Virtual')
        rec = self.spawn('pw-record', ['pw-record', '--target', 'test-mic',
                                       str(self.tmp / 'recorded.wav')])
        self.assert_eventually(lambda: self.running('Stream/Input/Audio'), 10,
                               'pw-record never ran')
        return rec

    def screencast(self, name, media_class=None):
        """A screencast node, and its node id."""
        argv = [SCREENCAST, 'source', name] + ([media_class] if media_class else [])
        proc = subprocess.Popen(argv, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(self.stop, proc)
        line = proc.stdout.readline()
        self.assertRegex(line, r'^\d+\n$', 'the screencast made no node')
        return proc, line.strip()

    def watch(self, node_id, media_class):
        viewer = self.spawn('viewer', [SCREENCAST, 'watch', node_id])
        self.assert_eventually(lambda: self.running(media_class), 10,
                               'the screencast never ran')
        return viewer

    # -- mobed's side (the rest is DndTestCase's) --------------------------

    def pipewire_loaded(self):
        """Whether mobed has libpipewire mapped (it opens it only to ask)."""
        maps = (Path('/proc') / str(self.daemon.pid) / 'maps').read_text()
        return 'libpipewire-0.3' in maps

    def log(self):
        return next(path for name, path in reversed(self.logs)
                    if name.startswith('mobed')).read_text()


class TestPipewire(PipewireTestCase):

    def test_microphone(self):
        self.start_pipewire()
        self.daemon = self.start_daemon()
        rec = self.record()
        # Not looked for before a break is due: mobed is not connected, and
        # has not even loaded the library.
        self.assertEqual(self.reasons(), [])
        self.assertNotIn('Held by:', self.status())
        self.assertFalse(self.pipewire_loaded())
        self.fall_due()
        self.assert_held(['microphone'])
        self.assertTrue(self.pipewire_loaded())
        self.assertEqual(self.get_prop('MicrophoneApp'), 'pw-record')
        self.assertEqual(self.state_line(), 'State:       deferred: microphone in use (pw-record)')
        rc, out, err = self.mobectl('status', '--json')
        self.assertEqual(json.loads(out)['defer_reasons'], ['microphone'])
        self.assertEqual(json.loads(out)['microphone_app'], 'pw-record')
        self.assertIn('A break waits: microphone', self.log())
        # The call ends: PipeWire says so, and the break comes at once, with
        # no clock to move.
        self.stop(rec, must_exit=True)
        self.wait_notify()
        self.wait_state('due')
        self.assertEqual(self.reasons(), [])
        self.assertEqual(self.get_prop('MicrophoneApp'), '')
        # No break held: PipeWire is let go, the library closed.
        self.assert_eventually(lambda: not self.pipewire_loaded(), 5)
        # The history keeps what held the break.
        self.call('Done')
        rows = self._call('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                          'GetHistory', GLib.Variant('(a{sv})', ({},)))[0]
        self.assertEqual([(r['outcome'], r['held_by']) for r in rows], [('done', ['microphone'])])
        rc, out, err = self.mobectl('history', '--json')
        self.assertEqual(json.loads(out)['breaks'][0]['held_by'], ['microphone'])
        # The next break, not held, keeps nothing.
        self.fall_due()
        self.wait_notify(2)
        self.call('Skip')
        rc, out, err = self.mobectl('history', '--json')
        self.assertEqual([b['held_by'] for b in json.loads(out)['breaks']], [[], ['microphone']])

    def test_screencast_mutter(self):
        # mutter's and kwin's shape: an output video stream with no class set.
        self.start_pipewire()
        self.daemon = self.start_daemon()
        _, node = self.screencast('meta-screen-cast-src')
        self.assertIn('Stream/Output/Video', [c for c, _, _ in self.nodes()])
        self.assertFalse(self.running('Stream/Output/Video'))
        # Made but not shared: the break comes.
        self.fall_due()
        self.wait_notify()
        self.call('Done')
        viewer = self.watch(node, 'Stream/Output/Video')
        self.fall_due()
        self.assert_held(['screen-share'])
        self.assertEqual(self.state_line(), 'State:       deferred: screen shared')
        self.stop(viewer, must_exit=True)
        self.wait_notify(2)
        self.assertEqual(self.reasons(), [])

    def test_screencast_wlr(self):
        # xdg-desktop-portal-wlr's shape: Video/Source, named xdpw-stream-….
        self.start_pipewire()
        self.daemon = self.start_daemon()
        _, node = self.screencast('xdpw-stream-a1b2c3', 'Video/Source')
        self.watch(node, 'Video/Source')
        self.fall_due()
        self.assert_held(['screen-share'])

    def test_call_and_share_until_the_last_ends(self):
        self.start_pipewire()
        self.daemon = self.start_daemon()
        _, node = self.screencast('meta-screen-cast-src')
        rec = self.record()
        self.watch(node, 'Stream/Output/Video')
        self.fall_due()
        self.assert_held(['microphone', 'screen-share'])
        self.stop(rec, must_exit=True)
        self.assert_eventually(lambda: self.reasons() == ['screen-share'], 5)
        self.assert_held(['screen-share'])

    def test_music_holds_nothing(self):
        self.start_pipewire()
        self.make_node('test-speakers', 'Audio/Sink')
        sine = self.tmp / 'sine.wav'
        with wave.open(str(sine), 'wb') as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b''.join(struct.pack('<h', int(8000 * math.sin(i / 8000 * 2 * math.pi
                                                                           * 440)))
                                   for i in range(8000 * 120)))
        self.daemon = self.start_daemon()
        self.spawn('pw-play', ['pw-play', '--target', 'test-speakers', str(sine)])
        self.assert_eventually(lambda: self.running('Stream/Output/Audio'), 10,
                               'pw-play never ran')
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])

    @setup(config={'presence': {'defer-microphone': 'false'}})
    def test_microphone_off(self):
        self.start_pipewire()
        self.daemon = self.start_daemon()
        _, node = self.screencast('meta-screen-cast-src')
        self.record()
        self.watch(node, 'Stream/Output/Video')
        # Only the screen share counts.
        self.fall_due()
        self.assert_held(['screen-share'])

    @setup(config={'presence': {'defer-microphone': 'false', 'defer-screen-share': 'false'}})
    def test_both_off(self):
        self.start_pipewire()
        self.daemon = self.start_daemon()
        self.record()
        self.fall_due()
        self.wait_notify()
        self.assertEqual(self.reasons(), [])
        self.assertNotIn('PipeWire', self.log())

    def test_no_pipewire_then_restarts(self):
        self.daemon = self.start_daemon()
        self.assert_eventually(lambda: 'No PipeWire at' in self.log(), 5)
        # One line, and nothing else changes: the break comes as ever.
        self.fall_due()
        self.wait_notify()
        self.call('Done')
        self.assertEqual(self.log().count('PipeWire'), 1, self.log())
        # PipeWire starts: the next break due looks again.
        self.start_pipewire()
        rec = self.record()
        self.fall_due()
        self.assert_held(['microphone'])
        self.assertIn('PipeWire is here', self.log())
        # PipeWire stops while it holds a break: no call can be seen, so the
        # break comes.
        self.stop(self.pipewire, must_exit=True)
        self.wait_notify(2)
        self.assertIn('PipeWire went away', self.log())
        self.stop(rec)
        self.call('Done')
        # It comes back (as systemd restarts it): seen at the next break.
        self.start_pipewire()
        self.record()
        self.fall_due()
        self.assert_held(['microphone'])


if __name__ == '__main__':
    main()

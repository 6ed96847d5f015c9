#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_messages.py — what mobed writes to its terminal or journal stays
its own and says something: on a text console (no display) a break does
not make the bus start a notification server that cannot run, a missing
sound device is one sentence and no ALSA noise, and Ctrl-C leaves no GLib
warning.

Run all with `python3 test_messages.py`, one with
`python3 test_messages.py TestHeadless.test_no_server_started_without_display`.
"""

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mobedtest import NOTIFY_NAME, MobedTestCase, main, setup  # noqa: E402

HEADLESS = 'No notification server and no display (DISPLAY, WAYLAND_DISPLAY)'


class TestHeadless(MobedTestCase):
    """No notification server runs, but one is activatable (as dunst's
    activation file is on many systems): a stand-in records each start."""
    config = {'schedule': {'interval': '1h'}}

    def setUp(self):
        super().setUp()
        self.started = self.tmp / 'notification-server-started'
        script = self.tmp / 'fake-notification-server'
        script.write_text(f'#!/bin/sh\necho started >> {self.started}\nexit 1\n')
        script.chmod(0o755)
        (self.services_dir() / f'{NOTIFY_NAME}.service').write_text(
            f'[D-BUS Service]\nName={NOTIFY_NAME}\nExec={script}\n')
        self._call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                   'ReloadConfig')

    def log(self):
        return self.logs[-1][1].read_text()

    def break_in_log(self):
        self.call('TakeBreak')
        self.assert_eventually(lambda: 'Break due: ' in self.log(), 5)
        self.sync()

    @setup(caps=None, daemon=False)
    def test_no_server_started_without_display(self):
        self.daemon = self.start_daemon()
        for _ in range(2):
            self.break_in_log()
            self.call('Skip')
        self.assertFalse(self.started.exists(), 'a notification server was started')
        self.assertEqual(self.log().count(HEADLESS), 1, 'said once, not each break')
        rc, out, err = self.mobectl('status')
        self.assertEqual(rc, 0, err)

    @setup(caps=None, daemon=False)
    def test_started_with_a_display(self):
        """The same with DISPLAY set: then a server may well start, and the
        bus is asked for one."""
        os.environ['DISPLAY'] = ':97'
        self.daemon = self.start_daemon()
        self.break_in_log()
        self.assert_eventually(self.started.exists, 10, 'no server was asked for')
        self.assertNotIn(HEADLESS, self.log())

    @setup(caps=None, daemon=False)
    def test_server_that_appears_still_shows(self):
        """No display but a server on the bus (started by the session
        itself): breaks go to it as ever."""
        self.daemon = self.start_daemon()
        self.break_in_log()
        self.start_notification_server()
        self.wait_notify()
        self.assertFalse(self.started.exists())


class TestSoundAndSignals(MobedTestCase):
    config = {'schedule': {'interval': '1h'}, 'notify': {'sound': 'true'}}

    def setUp(self):
        # No sound server in the test's runtime directory, and no device.
        os.environ['MOBED_SOUND_PREFIX'] = '/nonexistent-mobed-sound'
        os.environ.pop('PULSE_SERVER', None)
        super().setUp()

    def test_no_sound_device_is_one_sentence(self):
        for _ in range(2):
            self.call('TakeBreak')
            self.wait_notify()
            self.call('Skip')
        self.sync()
        log = self.logs[-1][1].read_text()
        self.assertEqual(log.count("Could not play '"), 1, log)
        self.assertIn('no sound server and no sound device; breaks continue without sound', log)
        self.assertNotIn('ALSA', log)

    def test_ctrl_c_leaves_no_warning(self):
        self.call('TakeBreak')
        self.wait_notify()
        self.assertEqual(self.stop_daemon(signal.SIGINT), 0)
        log = self.logs[-1][1].read_text()
        self.assertNotIn('WARNING', log)
        self.assertNotIn('CRITICAL', log)


if __name__ == '__main__':
    main()

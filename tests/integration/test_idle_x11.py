#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_idle_x11.py — idle time from the X server: a real Xvfb, the
IDLETIME counter of its SYNC extension, and xdotool moving the pointer as a
user would. No input for natural-break is a natural break and input is
back; mobed reads the counter only when a line is crossed, follows a new
natural-break, lets a server that goes take its source along, prefers it
to the ScreenSaver service, and leaves it alone in a Wayland session.

Run all with `python3 test_idle_x11.py`, one with
`python3 test_idle_x11.py TestX11.test_never_asked_on_a_schedule`.
"""

import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from idletest import SCREENSAVER, SCREENSAVER_METHODS, IdleTestCase  # noqa: E402
from mobedtest import SLOWDOWN, main, setup  # noqa: E402

READING_LINE = re.compile(rb'Idle: \d+ ms without input')


class TestX11(IdleTestCase):
    """A real X server (Xvfb), the IDLETIME counter of its SYNC extension, and
    xdotool moving the pointer as a user would."""
    config = {'schedule': {'interval': '3s', 'natural-break': '2s', 'expire-after': '60s'}}

    def setUp(self):
        for program in ('Xvfb', 'xdotool'):
            if shutil.which(program) is None:
                self.skipTest(f'{program} is not installed (scripts/deps installs it)')
        super().setUp()
        os.environ['DISPLAY'] = self.start_xvfb(640, 480)

    def move(self):
        x, y = self.position = (self.position[0] % 600 + 7, 100) if hasattr(self, 'position') \
            else (10, 100)
        subprocess.run(['xdotool', 'mousemove', str(x), str(y)], check=True,
                       timeout=10 * SLOWDOWN)

    def readings(self):
        """How many times mobed has read the idle time so far."""
        return len(READING_LINE.findall(self.mobed_log()))

    def x_sockets(self):
        """The inodes of mobed's sockets whose peer is a socket of
        /tmp/.X11-unix/: its connections to an X server (ss, iproute2)."""
        out = subprocess.run(['ss', '-xpn'], capture_output=True, text=True, check=True).stdout
        x_ends, ours = set(), {}
        for line in out.splitlines():
            f = line.split()
            if len(f) < 8:
                continue
            if '.X11-unix/' in f[4]:
                x_ends.add(f[5])
            if f'pid={self.daemon.pid},' in line:
                ours[f[5]] = f[7]
        return {inode for inode, peer in ours.items() if peer in x_ends}

    def open_sockets(self):
        fds = f'/proc/{self.daemon.pid}/fd'
        return {os.readlink(f'{fds}/{fd}')[8:-1] for fd in os.listdir(fds)
                if os.readlink(f'{fds}/{fd}').startswith('socket:[')}

    def test_no_input_is_a_natural_break_and_input_is_back(self):
        self.move()
        self.start()
        self.wait_source('x11')
        rc, out, err = self.mobectl('status')
        self.assertRegex(out, r'(?m)^Idle time: +from the X server \(its IDLETIME counter\)$')
        # The user works (moving the pointer) until the break falls due...
        self.move()
        self.advance(3)
        self.wait_state('due')
        # ...then leaves: no input for natural-break.
        self.wait_ended('natural', timeout=10)
        self.wait_state('away')
        self.assertEqual(self.outcomes()[0], 'natural')
        self.move()
        self.wait_state('working', timeout=5)

    @setup(config={'schedule': {'interval': '1h', 'natural-break': '2s'}})
    def test_never_asked_on_a_schedule(self):
        """The server announces both crossings: mobed reads the counter once
        when it starts and once at each, never while the user works or is
        away. Asked as the ScreenSaver source is, it would read at least once
        in each 3 s below (at the 2 s threshold, or the 2 s back-poll)."""
        self.move()
        self.start()
        self.wait_source('x11')
        self.assertEqual(self.readings(), 1)
        # Working: input more often than natural-break.
        for _ in range(6):
            self.move()
            time.sleep(0.5)
        self.assertEqual(self.readings(), 1, 'mobed read the idle time while the user worked')
        # Away: one reading when the counter reached 2 s, then nothing.
        self.wait_state('away')
        self.assertEqual(self.readings(), 2)
        quiet = self.quiet_switches(3)
        self.assertEqual(self.readings(), 2, 'mobed read the idle time while the user was away')
        self.assertLessEqual(quiet, 1, f'mobed woke {quiet} times in 3 s away')
        # Back: one reading at the first input.
        self.move()
        self.wait_state('working', timeout=5)
        self.assertEqual(self.readings(), 3)

    @setup(config={'schedule': {'interval': '1h', 'natural-break': '60s'}})
    def test_new_natural_break_moves_the_alarms(self):
        self.move()
        self.start()
        self.wait_source('x11')
        time.sleep(2.5)
        self.assertEqual(self.get_prop('State'), 'working')
        # 2.5 s without input is away once natural-break is 2 s: the alarm
        # for 2 s will not fire for a line already crossed, so mobed reads...
        self.write_config({'schedule': {'interval': '1h', 'natural-break': '2s'}})
        self.wait_state('away')
        # ...and the return is seen against the new line, not 60 s.
        self.move()
        self.wait_state('working', timeout=5)

    def test_server_gone_is_no_source(self):
        self.move()
        self.start()
        self.wait_source('x11')
        connection = self.x_sockets()
        self.assertTrue(connection, 'no connection to the X server')
        # The server goes: its socket closes, and no X11 source is found.
        self._stop_mock(self.xvfb)
        self.wait_source('none', timeout=10)
        self.assertEqual(self.daemon.poll(), None, 'mobed exited with the X server')
        # The connection went with the source.
        self.assertFalse(connection & self.open_sockets(), "the gone X server's socket stayed open")

    def test_x11_comes_before_the_screen_saver_service(self):
        # KDE on X11 offers both: the X server pushes its news, the
        # ScreenSaver service must be asked (a return seen up to a minute late).
        self.spawn_mock(SCREENSAVER, SCREENSAVER_METHODS)
        self.move()
        self.start()
        self.wait_source('x11')

    def test_a_wayland_session_never_asks_the_x_server(self):
        # sway with Xwayland gives its children DISPLAY; Xwayland sees no
        # input to Wayland windows, and probing it would start a lazy one.
        os.environ['XDG_SESSION_TYPE'] = 'wayland'
        self.move()
        self.start()
        self.assert_eventually(lambda: b'a Wayland session' in self.mobed_log(), 5,
                               'mobed did not say why it left the X server alone')
        self.assertEqual(self.get_prop('IdleSource'), 'none')
        self.assertFalse(self.x_sockets(), 'mobed connected to the X server in a Wayland session')

if __name__ == '__main__':
    main()

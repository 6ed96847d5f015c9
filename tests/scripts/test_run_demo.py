#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_run_demo.py — `scripts/run --demo` keeps to itself (issue 18).

With a fake HOME and XDG directories, each test runs the real script
(MOBED_RUN_BUILDDIR points it at the meson build, so it neither installs
nor builds) and checks that:

- the demo's settings and the history of its breaks go to one temporary
  directory under TMPDIR, never to XDG_CONFIG_HOME or XDG_STATE_HOME, and
  that directory is gone, with mobed, once the script gets SIGTERM;
- without a session bus it starts a private one, prints how to reach it,
  and cleans up the same on Ctrl-C (SIGINT to its process group);
- with a mobed already owning org.mobed.Daemon it says so, names the ways
  out and exits non-zero without leaving anything behind.

The buses are private dbus-daemons with no service files. Needs
dbus-daemon, dbus-run-session and dbus-send (scripts/deps installs them);
exits 77 without them. No network. Run with `python3 test_run_demo.py`.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
SCRIPT = SOURCE / 'scripts' / 'run'
BUILD = Path(os.environ.get('MOBED_RUN_BUILDDIR') or SOURCE / 'build')
MOBED = BUILD / 'daemon' / 'mobed'
MOBECTL = BUILD / 'cli' / 'mobectl'
TIMEOUT = 15 * float(os.environ.get('MOBED_TEST_SLOWDOWN', '1'))

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <servicedir>{dir}/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def eventually(check, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError('timed out waiting for ' + what)
        time.sleep(0.05)


def tree(path):
    return sorted(str(p.relative_to(path)) for p in Path(path).rglob('*'))


class TestRunDemo(unittest.TestCase):

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix='mobed-run-demo-test-'))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        for d in ('home', 'config/mobed', 'state', 'tmp', 'runtime', 'bus/services'):
            (self.tmp / d).mkdir(parents=True)
        (self.tmp / 'runtime').chmod(0o700)
        # The user's own settings, which the demo must neither read nor change.
        (self.tmp / 'config/mobed/mobed.conf').write_text('[schedule]\ninterval=1h\n')
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ('DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY',
                                 'MOBED_RUN_PRIVATE_BUS', 'XDG_CACHE_HOME', 'XDG_DATA_HOME')}
        self.env.update(HOME=str(self.tmp / 'home'), XDG_CONFIG_HOME=str(self.tmp / 'config'),
                        XDG_STATE_HOME=str(self.tmp / 'state'), TMPDIR=str(self.tmp / 'tmp'),
                        XDG_RUNTIME_DIR=str(self.tmp / 'runtime'), MOBED_RUN_BUILDDIR=str(BUILD),
                        LC_ALL='C.UTF-8', LANGUAGE='')

    def spawn(self, argv, env, **kw):
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True, **kw)

        def stop():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
        self.addCleanup(stop)
        return proc

    def start_bus(self):
        config = self.tmp / 'bus' / 'session.conf'
        config.write_text(BUS_CONFIG.format(dir=self.tmp / 'bus'))
        bus = self.spawn(['dbus-daemon', '--config-file', str(config), '--nofork',
                          '--nopidfile', '--print-address=1'], self.env)
        address = bus.stdout.readline().strip()
        self.assertTrue(address.startswith('unix:'), address)
        self.env['DBUS_SESSION_BUS_ADDRESS'] = address
        return address

    def name_owned(self, address):
        res = subprocess.run(['dbus-send', '--bus=' + address, '--print-reply=literal',
                              '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus.NameHasOwner', 'string:org.mobed.Daemon'],
                             capture_output=True, text=True, check=False)
        return 'true' in res.stdout

    def mobectl(self, address, *args):
        env = dict(self.env, DBUS_SESSION_BUS_ADDRESS=address)
        res = subprocess.run([str(MOBECTL), *args], env=env, capture_output=True, text=True,
                             timeout=TIMEOUT, check=False)
        self.assertEqual(res.returncode, 0, f'mobectl {" ".join(args)}: {res.stderr}')
        return res.stdout

    def demo_dir(self):
        dirs = list((self.tmp / 'tmp').iterdir())
        self.assertEqual(len(dirs), 1, dirs)
        self.assertRegex(dirs[0].name, r'^mobed-demo\.')
        return dirs[0]

    def take_a_break(self, address):
        """A break answered through the demo's mobed, so it writes history."""
        self.mobectl(address, 'now')
        self.mobectl(address, 'done')
        history = self.mobectl(address, 'history', '--json')
        self.assertIn('"done"', history)

    def assert_untouched(self):
        self.assertEqual(tree(self.tmp / 'state'), [], 'the real XDG_STATE_HOME was written')
        self.assertEqual(tree(self.tmp / 'config'), ['mobed', 'mobed/mobed.conf'])
        self.assertEqual((self.tmp / 'config/mobed/mobed.conf').read_text(),
                         '[schedule]\ninterval=1h\n')
        self.assertEqual(tree(self.tmp / 'home'), [])

    def assert_all_gone(self, proc):
        eventually(lambda: not list((self.tmp / 'tmp').iterdir()),
                   'the demo directory to be removed')

        def group_gone():
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return True
            return False
        eventually(group_gone, 'the demo and its mobed to end')
        self.assert_untouched()

    def test_demo_keeps_to_its_own_directory(self):
        address = self.start_bus()
        run = self.spawn([str(SCRIPT), '--demo'], self.env)
        eventually(lambda: self.name_owned(address) or run.poll() is not None,
                   'the demo mobed on the bus')
        if run.poll() is not None:
            self.fail('scripts/run --demo ended: ' + run.communicate()[1])
        demo = self.demo_dir()
        self.assertIn('interval=20s', (demo / 'config/mobed/mobed.conf').read_text())
        self.take_a_break(address)
        eventually(lambda: (demo / 'state/mobed/history.db').is_file(),
                   'the history in the demo directory')
        self.assert_untouched()

        run.send_signal(signal.SIGTERM)          # the script alone, not its group
        out, err = run.communicate(timeout=TIMEOUT)
        self.assertIn('Demo: a break every 20 s', out)
        self.assertIn(str(demo), out)
        self.assert_all_gone(run)
        self.assertFalse(self.name_owned(address), 'the demo mobed outlived the script')

    def test_demo_without_a_bus_starts_a_private_one(self):
        self.assertNotIn('DBUS_SESSION_BUS_ADDRESS', self.env)
        run = self.spawn([str(SCRIPT), '--demo'], self.env)
        address = None
        for line in run.stdout:
            m = re.match(r"\s*export DBUS_SESSION_BUS_ADDRESS='(.*)'$", line)
            if m:
                address = m.group(1)
                break
        if address is None:
            self.fail('no bus address printed: ' + run.communicate()[1])
        eventually(lambda: self.name_owned(address), 'the demo mobed on the private bus')
        self.demo_dir()
        self.take_a_break(address)
        self.assert_untouched()

        os.killpg(run.pid, signal.SIGINT)        # Ctrl-C in the terminal
        out, err = run.communicate(timeout=TIMEOUT)
        self.assertIn('starting a private one with dbus-run-session', err)
        self.assert_all_gone(run)

    def test_refuses_when_a_mobed_is_running(self):
        address = self.start_bus()
        other = self.tmp / 'other'
        (other / 'config').mkdir(parents=True)
        running = self.spawn([str(MOBED)], dict(self.env, XDG_CONFIG_HOME=str(other / 'config'),
                                                XDG_STATE_HOME=str(other / 'state'),
                                                XDG_CACHE_HOME=str(other / 'cache'),
                                                MOBED_DATA_DIR=str(SOURCE / 'data')))
        eventually(lambda: self.name_owned(address), 'the running mobed on the bus')

        run = self.spawn([str(SCRIPT), '--demo'], self.env)
        out, err = run.communicate(timeout=TIMEOUT)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn('a mobed is already running', err)
        self.assertIn('systemctl --user stop mobed', err)
        self.assertIn('dbus-run-session -- scripts/run --demo', err)
        self.assertEqual(out, '')
        self.assertEqual(tree(self.tmp / 'tmp'), [])
        self.assert_untouched()
        self.assertIsNone(running.poll(), 'the running mobed was stopped')


if __name__ == '__main__':
    missing = [p for p in ('dbus-daemon', 'dbus-run-session', 'dbus-send') if not shutil.which(p)]
    if missing or not MOBED.is_file() or not MOBECTL.is_file():
        print('SKIP: needs %s and a built %s' % (', '.join(missing) or 'dbus', BUILD),
              file=sys.stderr)
        sys.exit(77)
    unittest.main(verbosity=2)

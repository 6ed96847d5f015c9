# SPDX-License-Identifier: GPL-3.0-or-later
"""e2etest.py — the harness for mobed's end-to-end tests on a real desktop
stack: an Xvfb X server on a free display (-displayfd), a private
dbus-daemon session bus, the real `dunst` notification daemon with the test
dunstrc (dunstrc.in), and the real `mobed` from the build (MOBED_BIN,
MOBECTL_BIN) with temporary XDG directories and HOME.

The tests look at the break the way a person would, through dunst: what it
displays (`dunstctl count displayed`), what it records for every
notification it puts on screen (dunst_record.py, a dunstrc `script` rule),
its history (`dunstctl history`), and the screen itself (screenshot.py).
Waiting is on conditions, polled, never a fixed sleep.  A missing program
or python3-gi exits 77 (skip); the logs of every process are printed when
a test fails (always with MOBED_TEST_VERBOSE=1).  MOBED_E2E_OUTDIR is where
screenshots go (meson sets the build root); MOBED_TEST_SLOWDOWN scales the
timeouts.
"""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

MISSING = None
try:
    import gi
    gi.require_version('Gio', '2.0')
    gi.require_version('GLib', '2.0')
    from gi.repository import Gio, GLib
except (ImportError, ValueError) as e:
    MISSING = f'python3-gi: {e}'

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1]
BUILD = SOURCE / 'build'
MOBED_BIN = os.environ.get('MOBED_BIN', str(BUILD / 'daemon' / 'mobed'))
MOBECTL_BIN = os.environ.get('MOBECTL_BIN', str(BUILD / 'cli' / 'mobectl'))
DATA_DIR = Path(os.environ.get('MOBED_DATA_DIR', str(SOURCE / 'data')))
OUTDIR = Path(os.environ.get('MOBED_E2E_OUTDIR', str(BUILD)))
ICON_DIR = SOURCE / 'data' / 'icons' / 'hicolor' / 'scalable' / 'apps'

# Programs the tests run, and the Debian package each comes in.
PROGRAMS = {'Xvfb': 'xvfb', 'dunst': 'dunst', 'dunstctl': 'dunst', 'dbus-daemon': 'dbus-daemon',
            'dbus-send': 'dbus-bin', 'busctl': 'systemd', 'xwd': 'x11-apps'}

SLOWDOWN = float(os.environ.get('MOBED_TEST_SLOWDOWN', '1'))
VERBOSE = os.environ.get('MOBED_TEST_VERBOSE') == '1'

BUS_NAME = 'org.mobed.Daemon'
OBJ_PATH = '/org/mobed/Daemon'
IFACE = 'org.mobed.Daemon1'
NOTIFY_NAME = 'org.freedesktop.Notifications'

CONFIG = """[schedule]
interval=2s
snooze=1m
expire-after=10m
natural-break=10m
[notify]
sound=false
"""

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <!-- No service files: nothing (not even dunst) is started by activation. -->
  <servicedir>{dir}/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class DesktopTestCase(unittest.TestCase):
    """Per test: Xvfb, a session bus, dunst and mobed, all torn down after."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix='mobed-e2e-'))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.addCleanup(self._dump_logs_if_failed)
        self.logs = []          # (title, path), printed on failure
        self.transcript = []    # commands run, printed on failure
        self.env = self._make_env()
        self.display = self._start_xvfb()
        self.env['DISPLAY'] = self.display
        self.bus = self._start_bus()
        self.dunst = self.start_dunst()
        self.before_mobed()
        self.mobed = self.start_mobed()

    def before_mobed(self):
        """Set the desktop up further before mobed starts (for subclasses)."""

    # -- environment and processes ------------------------------------------

    def _make_env(self):
        env = {k: v for k, v in os.environ.items()
               if k not in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS',
                            'LANGUAGE', 'XAUTHORITY', 'SESSION_MANAGER', 'XDG_CURRENT_DESKTOP')}
        for var, sub in {'XDG_CONFIG_HOME': 'config', 'XDG_STATE_HOME': 'state',
                         'XDG_DATA_HOME': 'data', 'XDG_CACHE_HOME': 'cache',
                         'XDG_RUNTIME_DIR': 'runtime', 'HOME': 'home'}.items():
            (self.tmp / sub).mkdir(mode=0o700)
            env[var] = str(self.tmp / sub)
        env.update(LC_ALL='C.UTF-8', G_DEBUG='fatal-criticals', G_MESSAGES_DEBUG='mobed',
                   MOBED_DATA_DIR=str(DATA_DIR), GSETTINGS_BACKEND='memory',
                   MOBED_CAMERA_PREFIX=str(self.tmp / 'no-camera'),
                   MOBED_E2E_RECORD=str(self.tmp / 'dunst-record.jsonl'),
                   MOBED_E2E_MENU=str(self.tmp / 'dunst-menu.txt'),
                   MOBED_E2E_PICK=str(self.tmp / 'dunst-pick'))
        (self.tmp / 'config' / 'mobed').mkdir()
        (self.tmp / 'config' / 'mobed' / 'mobed.conf').write_text(CONFIG)
        return env

    def spawn(self, name, argv, **kwargs):
        """Starts @argv with the test's environment, its output in a log."""
        path = self.tmp / f'{name}-{len(self.logs)}.log'
        log = open(path, 'wb')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append((name, path))
        proc = subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                **kwargs)
        self.addCleanup(self.stop, proc)
        return proc

    def stop(self, proc, sig=signal.SIGTERM):
        """Stops @proc (if still running) and returns its exit status."""
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                return proc.wait(timeout=10 * SLOWDOWN)
            except subprocess.TimeoutExpired:
                proc.kill()
        return proc.wait()

    def _read_fd_line(self, fd, proc, what, timeout=10):
        data = b''
        deadline = time.monotonic() + timeout * SLOWDOWN
        while not data.endswith(b'\n'):
            left = deadline - time.monotonic()
            if proc.poll() is not None or left <= 0:
                self.fail(f'{what} did not start (exit status {proc.poll()})')
            if select.select([fd], [], [], min(left, 0.5))[0]:
                chunk = os.read(fd, 256)
                if not chunk:
                    self.fail(f'{what} closed its pipe before saying where it is')
                data += chunk
        return data.decode().strip()

    def _start_xvfb(self):
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        # A TrueColor visual (-cc 4) as on real hardware, and a black root (-br).
        proc = self.spawn('Xvfb', ['Xvfb', '-displayfd', str(w), '-screen', '0', '800x600x24',
                                   '-cc', '4', '-br', '-nolisten', 'tcp', '-noreset'],
                          pass_fds=(w,))
        os.close(w)
        return ':' + self._read_fd_line(r, proc, 'Xvfb')

    def _start_bus(self):
        (self.tmp / 'bus' / 'services').mkdir(parents=True)
        config = self.tmp / 'bus' / 'session.conf'
        config.write_text(BUS_CONFIG.format(dir=self.tmp / 'bus'))
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        proc = self.spawn('dbus-daemon', ['dbus-daemon', '--config-file', str(config),
                                          '--nofork', '--nopidfile', f'--print-address={w}'],
                          pass_fds=(w,))
        os.close(w)
        self.env['DBUS_SESSION_BUS_ADDRESS'] = self._read_fd_line(r, proc, 'dbus-daemon')
        bus = Gio.DBusConnection.new_for_address_sync(
            self.env['DBUS_SESSION_BUS_ADDRESS'],
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.addCleanup(bus.close_sync, None)
        # mobed's signals in order: (name, args), and ('State', state) for
        # each change of its State property.
        self.signals = []
        bus.signal_subscribe(None, None, None, OBJ_PATH, None, Gio.DBusSignalFlags.NONE,
                             self._on_signal)
        return bus

    def _on_signal(self, _conn, _sender, _path, iface, name, args):
        if iface == IFACE:
            self.signals.append((name, args.unpack()))
        elif name == 'PropertiesChanged' and args[0] == IFACE and 'State' in args[1]:
            self.signals.append(('State', args[1]['State']))

    def states(self):
        """mobed's State changes so far, in order."""
        return [args for name, args in self.signals if name == 'State']

    def start_dunst(self):
        """Starts dunst with the test dunstrc; returns once it owns the
        notification name."""
        rc = self.tmp / 'dunstrc'
        if not rc.exists():
            # dunst runs these by path: executable copies, whatever the checkout.
            for script in ('dunst_menu.py', 'dunst_record.py'):
                shutil.copy(HERE / script, self.tmp / script)
                (self.tmp / script).chmod(0o755)
            rc.write_text((HERE / 'dunstrc.in').read_text()
                          .replace('@ICON_PATH@', str(ICON_DIR))
                          .replace('@MENU@', str(self.tmp / 'dunst_menu.py'))
                          .replace('@RECORD@', str(self.tmp / 'dunst_record.py')))
        proc = self.spawn('dunst', ['dunst', '-config', str(rc)])
        self.wait_owner(NOTIFY_NAME, proc, 'dunst')
        return proc

    def start_mobed(self):
        proc = self.spawn('mobed', [MOBED_BIN])
        self.wait_owner(BUS_NAME, proc, 'mobed')
        return proc

    def tearDown(self):
        rc = self.stop(self.mobed)
        self.assertEqual(rc, 0, f'mobed exited with {rc} on SIGTERM (expected 0)')

    # -- failure output -----------------------------------------------------

    def _dump_logs_if_failed(self):
        outcome = getattr(self, '_outcome', None)
        result = getattr(outcome, 'result', None)
        failed = result is not None and any(
            getattr(t, 'test_case', t) is self for t, _ in result.failures + result.errors)
        failed = failed or any(err for _, err in getattr(outcome, 'errors', []) or [])
        if not (VERBOSE or failed):
            return
        out = sys.stderr
        for title, path in self.logs + [('dunst record', self.tmp / 'dunst-record.jsonl')]:
            out.write(f'\n----- {title} ({path}) -----\n')
            try:
                out.write(Path(path).read_text(errors='replace'))
            except OSError as e:
                out.write(f'({e})\n')
        out.write('\n----- commands -----\n' + '\n'.join(self.transcript) + '\n')
        out.flush()

    # -- waiting and commands -----------------------------------------------

    def eventually(self, cond, timeout=10, message=None):
        """Polls cond() until it is truthy and returns its value."""
        deadline = time.monotonic() + timeout * SLOWDOWN
        context = GLib.MainContext.default()
        while True:
            while context.iteration(False):     # takes in mobed's signals
                pass
            value = cond()
            if value:
                return value
            if time.monotonic() > deadline:
                self.fail(message or f'condition not met within {timeout} s')
            time.sleep(0.05)

    def run_tool(self, *argv, check=True):
        res = subprocess.run(argv, env=self.env, capture_output=True, text=True,
                             timeout=20 * SLOWDOWN, check=False)
        self.transcript.append(f'$ {" ".join(argv)}  -> {res.returncode}\n'
                               f'{res.stdout}[stderr] {res.stderr}')
        if check and res.returncode != 0:
            self.fail(f'{" ".join(argv)} exited with {res.returncode}: {res.stderr.strip()}')
        return res

    def mobectl(self, *args, check=True):
        return self.run_tool(MOBECTL_BIN, *args, check=check)

    def status(self):
        return json.loads(self.mobectl('status', '--json').stdout)

    def dunstctl(self, *args):
        return self.run_tool('dunstctl', *args).stdout

    def displayed(self):
        return int(self.dunstctl('count', 'displayed'))

    def history(self):
        """dunst's history, newest first, as dicts of plain values."""
        data = json.loads(self.dunstctl('history'))['data'][0]
        return [{k: v['data'] for k, v in n.items()} for n in data]

    def records(self):
        """What dunst put on screen, oldest first (dunst_record.py)."""
        try:
            text = Path(self.env['MOBED_E2E_RECORD']).read_text(encoding='utf-8')
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in text.splitlines() if line.endswith('}')]

    def wait_records(self, count, timeout=10):
        return self.eventually(lambda: len(self.records()) >= count and self.records(),
                               timeout, f'dunst did not show notification #{count} '
                                        f'within {timeout} s')

    def wait_closed(self, record, timeout=10):
        """Waits until the notification dunst showed as @record is closed,
        that is, moved from dunst's displayed list to its history; returns
        its history entry.  (Counting what is displayed would race with the
        next break, due 2 s after an answer.)"""
        def closed():
            return next((n for n in self.history() if n['id'] == int(record['id'])), None)
        return self.eventually(closed, timeout, f'dunst still shows notification '
                                                f'{record["id"]} after {timeout} s')

    def wait_displayed(self, count, timeout=10):
        self.eventually(lambda: self.displayed() == count, timeout,
                        f'dunst never displayed {count} notification(s) within {timeout} s '
                        f'(now {self.displayed()})')

    def wait_ended(self, outcome, timeout=10):
        """Waits for mobed's BreakEnded signal and checks its outcome."""
        ended = self.eventually(
            lambda: [args for name, args in self.signals if name == 'BreakEnded'], timeout,
            f'no BreakEnded within {timeout} s (signals: {self.signals})')
        self.assertEqual(ended, [(outcome,)])

    def wait_state(self, state, timeout=10):
        self.eventually(lambda: self.status()['state'] == state, timeout,
                        f'mobed never reached state {state!r} within {timeout} s '
                        f'(now {self.status()["state"]!r})')

    def owner_pid(self, name):
        try:
            owner = self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                       'org.freedesktop.DBus', 'GetNameOwner',
                                       GLib.Variant('(s)', (name,)), None,
                                       Gio.DBusCallFlags.NONE, 5000, None).unpack()[0]
            return self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                      'org.freedesktop.DBus', 'GetConnectionUnixProcessID',
                                      GLib.Variant('(s)', (owner,)), None,
                                      Gio.DBusCallFlags.NONE, 5000, None).unpack()[0]
        except GLib.Error:
            return None

    def wait_owner(self, name, proc, what, timeout=10):
        def owned():
            if proc.poll() is not None:
                self.fail(f'{what} exited with {proc.returncode} while starting')
            return self.owner_pid(name) == proc.pid
        self.eventually(owned, timeout, f'{what} did not take {name} within {timeout} s')


def main(programs=None):
    """Entry point of a test file: exit 77 (skip) when something is missing;
    @programs names more programs the file needs, with their packages."""
    missing = [f'{prog} (package {pkg})' for prog, pkg in {**PROGRAMS, **(programs or {})}.items()
               if shutil.which(prog) is None]
    if MISSING:
        missing.append(MISSING)
    if missing:
        print('SKIP: the end-to-end tests need ' + ', '.join(missing), file=sys.stderr)
        sys.exit(77)
    for binary in (MOBED_BIN, MOBECTL_BIN):
        if not os.access(binary, os.X_OK):
            print(f'ERROR: {binary} is not built (set MOBED_BIN/MOBECTL_BIN)', file=sys.stderr)
            sys.exit(1)
    unittest.main(module='__main__', testRunner=unittest.TextTestRunner(
        stream=sys.stdout, verbosity=2))

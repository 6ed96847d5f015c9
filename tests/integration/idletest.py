# SPDX-License-Identifier: GPL-3.0-or-later
"""idletest.py — what test_idle.py and test_idle_x11.py share: the idle
services' names and the methods of their python3-dbusmock stand-ins (with an
idle clock that moves only with mobed's), and IdleTestCase: mocks started
on demand, mobed started by the test, its idle source, its log and its
wakeups.
"""

import os
import time

import dbus
import dbusmock

from mobedtest import SLOWDOWN, MobedTestCase

MUTTER = ('org.gnome.Mutter.IdleMonitor', '/org/gnome/Mutter/IdleMonitor/Core',
          'org.gnome.Mutter.IdleMonitor')
SESSION_MANAGER = ('org.gnome.SessionManager', '/org/gnome/SessionManager',
                   'org.gnome.SessionManager')
SCREENSAVER = ('org.freedesktop.ScreenSaver', '/org/freedesktop/ScreenSaver',
               'org.freedesktop.ScreenSaver')

# The services' idle clock: last_input set by Touch or SetIdle; the idle
# time is how long ago that was. The clock moves only with Advance, with
# mobed's (the harness's advance() calls it first), never by itself: a mobed
# slow to start (ASan on a loaded machine) would otherwise find the user
# idle before the test has them leave.
CLOCK_NOW = 'getattr(self, "offset", 0.0)'
IDLE_NOW = f'max(0, int(({CLOCK_NOW} - getattr(self, "last_input", 0.0)) * 1000))'
CLOCK_METHODS = [
    ('Touch', '', '', f'self.last_input = {CLOCK_NOW}'),
    ('SetIdle', 't', '', f'self.last_input = {CLOCK_NOW} - args[0] / 1000.0'),
    ('Advance', 'd', '', 'self.offset = getattr(self, "offset", 0.0) + args[0]'),
]
# Mutter's watches: {id: interval ms}, 0 for a user-active watch, which
# fires once. Fire(id) sends WatchFired as Mutter would.
MUTTER_METHODS = CLOCK_METHODS + [
    ('GetIdletime', '', 't', 'ret = dbus.UInt64(' + IDLE_NOW + ')'),
    ('AddIdleWatch', 't', 'u',
     'self.watches = getattr(self, "watches", {}); '
     'self.next_id = getattr(self, "next_id", 0) + 1; '
     'self.watches[self.next_id] = args[0]; ret = self.next_id'),
    ('AddUserActiveWatch', '', 'u',
     'self.watches = getattr(self, "watches", {}); '
     'self.next_id = getattr(self, "next_id", 0) + 1; '
     'self.watches[self.next_id] = 0; ret = self.next_id'),
    ('RemoveWatch', 'u', '', 'getattr(self, "watches", {}).pop(args[0], None)'),
    ('ListWatches', '', 'a{ut}', 'ret = dbus.Dictionary(getattr(self, "watches", {}), '
                                 'signature="ut")'),
    ('Fire', 'u', '',
     'self.EmitSignal("org.gnome.Mutter.IdleMonitor", "WatchFired", "u", [args[0]]); '
     'self.watches.get(args[0], 1) == 0 and self.watches.pop(args[0])'),
]
SCREENSAVER_METHODS = CLOCK_METHODS + [
    ('GetSessionIdleTime', '', 'u', 'ret = dbus.UInt32(' + IDLE_NOW + ')'),
]


class IdleTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h', 'natural-break': '2s', 'expire-after': '60s'}}
    start_mobed = False

    # -- mocks ----------------------------------------------------------------

    def spawn_mock(self, service, methods, properties=None):
        """A dbusmock server owning @service's name; returns (process, object).
        One with CLOCK_METHODS keeps time with mobed's clock."""
        name, path, iface = service
        log = open(self.tmp / f'{name}.log', 'ab')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append((name, log.name))
        proc = self.spawn_server(name, path, iface, stdout=log)
        self.addCleanup(self._stop_mock, proc)
        obj = self.get_dbus().get_object(name, path)
        mock = dbus.Interface(obj, dbusmock.MOCK_IFACE)
        mock.AddMethods(iface, methods)
        for prop, value in (properties or {}).items():
            mock.AddProperty(iface, prop, value)
        if any(m[0] == 'Advance' for m in methods):
            def advance(seconds):
                if proc.poll() is None:
                    obj.Advance(dbus.Double(seconds), dbus_interface=iface)
            self.mock_clocks.append(advance)
        return proc, obj

    @staticmethod
    def _stop_mock(proc):
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)

    def mock_calls(self, obj, method):
        return dbus.Interface(obj, dbusmock.MOCK_IFACE).GetMethodCalls(method)

    def start_mutter(self):
        proc, obj = self.spawn_mock(MUTTER, MUTTER_METHODS)
        obj.Touch(dbus_interface=MUTTER[2])
        return proc, obj

    def watches(self, mutter):
        return {int(k): int(v) for k, v in mutter.ListWatches(dbus_interface=MUTTER[2]).items()}

    def idle_watch(self, mutter):
        ids = [i for i, ms in self.watches(mutter).items() if ms > 0]
        self.assertEqual(len(ids), 1, f'not one idle watch: {self.watches(mutter)}')
        return ids[0]

    def active_watch(self, mutter):
        return self.assert_eventually(
            lambda: next((i for i, ms in self.watches(mutter).items() if ms == 0), None), 5,
            f'no user-active watch: {self.watches(mutter)}')

    # -- mobed ----------------------------------------------------------------

    def history(self):
        from gi.repository import GLib
        reply = self._call('org.mobed.Daemon', '/org/mobed/Daemon', 'org.mobed.Daemon1',
                           'GetHistory', GLib.Variant('(a{sv})', ({},)))
        return [row['outcome'] for row in reply[0]]

    def wait_source(self, name, timeout=10):
        self.assert_eventually(lambda: self.get_prop('IdleSource') == name, timeout,
                               f'IdleSource never became {name!r} '
                               f'(last: {self.get_prop("IdleSource")!r})')

    def mobed_log(self):
        return self.logs[self.daemon_log][1].read_bytes()

    def start(self):
        self.daemon_log = len(self.logs)
        self.daemon = self.start_daemon()

    def switches(self):
        """Context switches of all of mobed's threads so far."""
        total = 0
        for tid in os.listdir(f'/proc/{self.daemon.pid}/task'):
            try:
                with open(f'/proc/{self.daemon.pid}/task/{tid}/status', encoding='ascii') as f:
                    total += sum(int(line.split()[1]) for line in f
                                 if line.startswith(('voluntary_ctxt', 'nonvoluntary_ctxt')))
            except OSError:
                pass                # a thread that just ended
        return total

    def quiet_switches(self, seconds, settle=True):
        """mobed's context switches over @seconds in which nobody talks to it.

        The window opens once mobed has been still for 1 s (at most 10 s
        of waiting): on a loaded machine the tail of what the test just
        made it do (a state change's signals, the history file closing
        after its linger) can land after the test saw the new state, and
        is not a wakeup on a schedule. Anything periodic at 2 s or less,
        the back-poll these tests look for, still shows inside @seconds."""
        deadline = time.monotonic() + (10 * SLOWDOWN if settle else 0)
        last = self.switches()
        while time.monotonic() < deadline:
            time.sleep(1)
            now = self.switches()
            if now == last:
                break
            last = now
        before = self.switches()
        time.sleep(seconds)
        return self.switches() - before

    def take_break_then_leave(self, go_idle):
        """A break is due; the user leaves (@go_idle) and it ends as natural."""
        self.call('TakeBreak')
        self.wait_notify()
        go_idle()
        self.wait_ended('natural')
        self.wait_state('away')
        self.assertEqual(self.outcomes(), ['natural'])

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_security.py — what mobed may touch, checked on the real binaries:
its D-Bus name lives on the session bus only (on the system bus it is a
plain client of logind), its files are private whatever the umask, it runs
no other program (mobectl runs only the editor of `config edit`), and it opens only the kinds of socket that the systemd
unit's RestrictAddressFamilies= allows, and no namespaces.

Run all with `python3 test_security.py`, one with
`python3 test_security.py TestSecurity.test_files_private_under_any_umask`.
"""

import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dbus  # noqa: E402

from mobedtest import (BUS_NAME, MOBECTL_BIN, MOBED_BIN, SOURCE, MobedTestCase,  # noqa: E402
                       main, setup)

UNIT = SOURCE / 'systemd' / 'mobed.service.in'
# Calls that start another program; none may be mobed's or mobectl's own.
EXEC_SYMBOLS = re.compile(r'^(exec[lv]p?e?|execvpe|fexecve|system|popen|posix_spawnp?|'
                          r'g_spawn_\w+|g_subprocess_\w+)$')


def unit_setting(name):
    values = []
    for line in UNIT.read_text().splitlines():
        if line.startswith(name + '='):
            values += line.split('=', 1)[1].split()
    return values


class TestSecurity(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def test_runs_no_program(self):
        # mobed imports nothing that starts a program. mobectl starts one
        # program, the user's editor for `mobectl config edit`, and only
        # through g_spawn_sync (cli/config-edit.c); nothing else.
        nm = shutil.which('nm')
        self.assertIsNotNone(nm, 'nm (binutils) is needed')
        for binary, allowed in ((MOBED_BIN, []), (MOBECTL_BIN, ['g_spawn_check_wait_status', 'g_spawn_sync'])):
            with self.subTest(binary=binary):
                out = subprocess.run([nm, '--dynamic', '--undefined-only', binary],
                                     capture_output=True, text=True, check=True).stdout
                names = [line.split()[-1].split('@')[0] for line in out.splitlines() if line]
                self.assertGreater(len(names), 20, out)
                self.assertEqual(sorted(n for n in names if EXEC_SYMBOLS.match(n)), allowed)

    @setup(daemon=False)
    def test_files_private_under_any_umask(self):
        old = os.umask(0)
        try:
            self.daemon = self.start_daemon()
        finally:
            os.umask(old)
        self.call('TakeBreak')
        self.call('Done')
        self.call('Pause', 600)
        state = self.tmp / 'state' / 'mobed'
        self.assertEqual(state.stat().st_mode & 0o777, 0o700)
        for name in ('history.db', 'history.db-wal', 'history.db-shm', 'state.ini'):
            with self.subTest(file=name):
                self.assertEqual((state / name).stat().st_mode & 0o777, 0o600)
        self.assertEqual(sorted(p.name for p in state.iterdir()),
                         ['history.db', 'history.db-shm', 'history.db-wal', 'state.ini'])

    @setup(daemon=False, config={'notify': {'sound': 'true'}})
    def test_sockets_and_namespaces_match_the_unit(self):
        """Runs mobed under strace through a break with sound; every socket
        it opens must be of a family RestrictAddressFamilies= allows, and it
        must not make namespaces (RestrictNamespaces=yes) or run programs."""
        strace = shutil.which('strace')
        self.assertIsNotNone(strace, 'strace is needed; scripts/deps installs it')
        allowed = set(unit_setting('RestrictAddressFamilies'))
        self.assertTrue(allowed, 'the unit sets no RestrictAddressFamilies=')
        self.assertEqual(unit_setting('RestrictNamespaces'), ['yes'])
        if 'ASAN_OPTIONS' in os.environ:
            # LeakSanitizer cannot run under ptrace; ASan itself can.
            os.environ['ASAN_OPTIONS'] += ':detect_leaks=0'
        trace = self.tmp / 'strace.log'
        log = open(self.tmp / 'mobed-strace.log', 'wb')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append(('mobed under strace', log.name))
        proc = subprocess.Popen([strace, '-f', '-qq', '-o', str(trace), '-e',
                                 'trace=socket,socketpair,unshare,setns,clone,clone3,execve',
                                 MOBED_BIN], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self._reap, proc)
        mobed = self.assert_eventually(lambda: self.owner_pid(BUS_NAME), 20)
        for args in (('now',), ('done',), ('pause', '1h'), ('resume',), ('stats',)):
            rc, _, err = self.mobectl(*args)
            self.assertEqual(rc, 0, err)
        self.call('TakeBreak')
        self.wait_notify()
        self.call('Skip')
        # Stopped as systemd would; strace then exits with mobed's status.
        os.kill(mobed, signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=20), 0)
        text = trace.read_text()
        families = set(re.findall(r'socket(?:pair)?\((AF_\w+)', text))
        self.assertIn('AF_UNIX', families, text[:2000])
        self.assertLessEqual(families, allowed, 'mobed opened a socket the unit forbids')
        self.assertNotRegex(text, r'CLONE_NEW\w+', 'mobed made a namespace')
        self.assertNotRegex(text, r'\b(unshare|setns)\(', 'mobed entered a namespace')
        self.assertEqual(len(re.findall(r'\bexecve\(', text)), 1, 'mobed ran a program')


class TestSystemBus(MobedTestCase):
    """With logind on a private system bus, mobed talks to it but owns no
    name there; org.mobed.Daemon is on the session bus only."""
    config = {'schedule': {'interval': '1h'}}
    start_mobed = False

    def setUp(self):
        super().setUp()
        self.start_logind()
        self.daemon = self.start_daemon()

    def test_owns_no_system_name(self):
        system = dbus.SystemBus()
        bus = dbus.Interface(system.get_object('org.freedesktop.DBus', '/org/freedesktop/DBus'),
                             'org.freedesktop.DBus')

        def mobed_connections():
            found = []
            for name in bus.ListNames():
                if name.startswith(':'):
                    try:
                        if bus.GetConnectionUnixProcessID(name) == self.daemon.pid:
                            found.append(str(name))
                    except dbus.DBusException:
                        pass
            return found
        # mobed is on the system bus (it watches logind)...
        self.assert_eventually(mobed_connections, 10, 'mobed never connected to logind')
        mine = mobed_connections()
        # ...but every well-known name there belongs to someone else.
        for name in bus.ListNames():
            if not name.startswith(':'):
                self.assertNotIn(str(bus.GetNameOwner(name)), mine, f'mobed owns {name}')
        self.assertNotIn(BUS_NAME, [str(n) for n in bus.ListNames()])
        self.assertEqual(self.owner_pid(BUS_NAME), self.daemon.pid)


if __name__ == '__main__':
    main()

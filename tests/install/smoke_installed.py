#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""smoke_installed.py [PREFIX] — one break through the installed mobed.

Run by scripts/test's package pass after `apt-get install ./mobed_*.deb`,
against the programs under PREFIX (/usr). It starts a private session bus
the way a login does (dbus-daemon --session: the system's session.conf,
so the standard session services directories), with HOME and every XDG
directory in a temporary folder, and python3-dbusmock's notification
daemon. Then, as a user would:

- `mobectl status` starts mobed through the installed D-Bus activation
  file, and the process that took org.mobed.Daemon is PREFIX/bin/mobed;
- `mobectl now` brings a break, `mobectl done` answers it;
- `mobectl history --json` shows that break, done.

Nothing of the caller's desktop is used: a mobed already running for the
user is on another bus and keeps its own settings and history. Exits 0 on
success, 1 with what went wrong; every process it started is stopped.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PREFIX = sys.argv[1] if len(sys.argv) > 1 else '/usr'
MOBED = os.path.join(PREFIX, 'bin', 'mobed')
MOBECTL = os.path.join(PREFIX, 'bin', 'mobectl')
BUS_NAME = 'org.mobed.Daemon'
NOTIFY_NAME = 'org.freedesktop.Notifications'
# A loaded CI machine can take a while to start a process; this is a bound
# on waiting for a condition, not a sleep.
PATIENCE = 60


class Failure(Exception):
    pass


def bus_call(env, method, *args):
    """org.freedesktop.DBus.METHOD on the private bus, through dbus-send
    (dbus-bin), so the check needs no Python bindings of its own."""
    cmd = ['dbus-send', '--session', '--print-reply=literal', '--dest=org.freedesktop.DBus',
           '/org/freedesktop/DBus', 'org.freedesktop.DBus.' + method, *args]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=PATIENCE,
                         check=False)
    return res.returncode, res.stdout.strip()


def wait_for(what, predicate):
    """Polls PREDICATE until it holds; the only waits here are for other
    processes (a bus name to appear), which send us nothing to wait on."""
    deadline = time.monotonic() + PATIENCE
    while not predicate():
        if time.monotonic() > deadline:
            raise Failure('gave up waiting for ' + what)
        time.sleep(0.05)


def has_owner(env, name):
    rc, out = bus_call(env, 'NameHasOwner', 'string:' + name)
    return rc == 0 and out.endswith('true')


def owner_pid(env, name):
    rc, out = bus_call(env, 'GetConnectionUnixProcessID', 'string:' + name)
    if rc != 0:
        raise Failure('no process owns %s: %s' % (name, out))
    return int(out.split()[-1])


def mobectl(env, *args):
    res = subprocess.run([MOBECTL, *args], env=env, capture_output=True, text=True,
                         timeout=PATIENCE, check=False)
    print('$ mobectl %s  (exit %d)\n%s%s' % (' '.join(args), res.returncode, res.stdout,
                                             res.stderr), end='')
    if res.returncode != 0:
        raise Failure('mobectl %s exited with %d' % (' '.join(args), res.returncode))
    return res.stdout


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(PATIENCE)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def smoke(tmp):
    env = {'PATH': '/usr/bin:/bin', 'LC_ALL': 'C.UTF-8', 'HOME': os.path.join(tmp, 'home'),
           # Where a user session finds activation files: their own data
           # directory (empty here) and the system's. /usr/local is left
           # out, so a mobed installed there with meson cannot stand in.
           'XDG_DATA_DIRS': '/usr/share'}
    for var, sub in (('XDG_CONFIG_HOME', 'config'), ('XDG_STATE_HOME', 'state'),
                     ('XDG_DATA_HOME', 'data'), ('XDG_CACHE_HOME', 'cache'),
                     ('XDG_RUNTIME_DIR', 'runtime')):
        env[var] = os.path.join(tmp, sub)
    for d in [env['HOME']] + [env[v] for v in env if v.startswith('XDG_') and v != 'XDG_DATA_DIRS']:
        os.makedirs(d, mode=0o700, exist_ok=True)
    # No chime: the CI machine has no sound server to play it on.
    os.makedirs(os.path.join(env['XDG_CONFIG_HOME'], 'mobed'))
    with open(os.path.join(env['XDG_CONFIG_HOME'], 'mobed', 'mobed.conf'), 'w') as f:
        f.write('[notify]\nsound=false\n')

    procs = []
    activated = []
    try:
        # The bus mobed is activated from inherits this environment, as
        # the user's session bus passes the session's on.
        bus = subprocess.Popen(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                               env=env, stdout=subprocess.PIPE, text=True)
        procs.append(bus)
        address = bus.stdout.readline().strip()
        if not address:
            raise Failure('dbus-daemon --session printed no address')
        env['DBUS_SESSION_BUS_ADDRESS'] = address

        notify_log = open(os.path.join(tmp, 'notification-daemon.log'), 'w')
        procs.append(subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock', '--template',
                                       'notification_daemon'],
                                      env=dict(env, PYTHONDONTWRITEBYTECODE='1'),
                                      stdout=notify_log, stderr=subprocess.STDOUT))
        wait_for('the notification daemon', lambda: has_owner(env, NOTIFY_NAME))
        if has_owner(env, BUS_NAME):
            raise Failure('%s is taken before mobectl ran' % BUS_NAME)

        mobectl(env, 'status')
        pid = owner_pid(env, BUS_NAME)
        activated.append(pid)
        exe = os.readlink('/proc/%d/exe' % pid)
        if exe != os.path.realpath(MOBED):
            raise Failure('%s is owned by %s, not %s' % (BUS_NAME, exe, MOBED))
        print('activated: pid %d, %s' % (pid, exe))

        status = json.loads(mobectl(env, '--json', 'now'))
        if status.get('state') != 'due':
            raise Failure('after mobectl now the state is %r, not due' % status.get('state'))
        mobectl(env, 'done')
        breaks = json.loads(mobectl(env, 'history', '--json'))['breaks']
        if len(breaks) != 1 or breaks[0].get('outcome') != 'done':
            raise Failure('history after one break done: %r' % breaks)
    finally:
        for pid in activated:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in reversed(procs):
            stop(proc)
        for pid in activated:
            wait_for('mobed (pid %d) to exit' % pid, lambda p=pid: not os.path.exists('/proc/%d' % p)
                     or open('/proc/%d/stat' % p).read().split()[2] == 'Z')


def main():
    tmp = tempfile.mkdtemp(prefix='mobed-smoke-')
    try:
        smoke(tmp)
    except (Failure, OSError, ValueError, KeyError, subprocess.TimeoutExpired) as e:
        print('FAIL', e)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('installed mobed: activation, a break, done, history: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())

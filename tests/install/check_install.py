#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_install.py BUILDDIR PREFIX — installs the build into a temporary
DESTDIR and checks that every file lands where the distribution expects it
and that the installed D-Bus activation file starts the installed daemon.

The XDG autostart entry goes to SYSCONFDIR/xdg/autostart, where SYSCONFDIR
is the build's sysconfdir (relative ones under PREFIX). A throwaway
configuration of the source with --prefix=/usr, as the README installs,
checks that meson makes that /etc/xdg/autostart, the directory desktops
read (XDG_CONFIG_DIRS defaults to /etc/xdg), and that nothing else lands
outside /usr (meson introspect --installed: no build needed)."""

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def build_option(builddir, name):
    options = json.loads(subprocess.run(['meson', 'introspect', builddir, '--buildoptions'],
                                        capture_output=True, text=True, check=True).stdout)
    return next(o['value'] for o in options if o['name'] == name)


def check_usr_layout(failures):
    """The README's `meson setup ... --prefix=/usr`: the autostart entry in
    /etc/xdg/autostart, everything else under /usr."""
    with tempfile.TemporaryDirectory(prefix='mobed-usr-layout-') as builddir:
        res = subprocess.run(['meson', 'setup', builddir, SOURCE, '--prefix=/usr'],
                             capture_output=True, text=True, check=False)
        if res.returncode != 0:
            failures.append('meson setup --prefix=/usr failed: ' + res.stdout[-2000:] + res.stderr)
            return
        installed = json.loads(subprocess.run(['meson', 'introspect', builddir, '--installed'],
                                              capture_output=True, text=True,
                                              check=True).stdout).values()
    if '/etc/xdg/autostart/mobed.desktop' not in installed:
        failures.append('prefix /usr: autostart entry not at /etc/xdg/autostart/mobed.desktop: %r'
                        % [p for p in installed if 'autostart' in p])
    outside = [p for p in installed
               if not p.startswith('/usr/') and p not in ('/etc/xdg/autostart/mobed.desktop',
                                                      '/etc/xdg/autostart/mobed-indicator.desktop')]
    if outside:
        failures.append('prefix /usr: installed outside /usr: %r' % outside)


def main():
    builddir, prefix = sys.argv[1], sys.argv[2]
    failures = []
    sysconfdir = os.path.join(prefix, build_option(builddir, 'sysconfdir'))
    with tempfile.TemporaryDirectory(prefix='mobed-install-') as dest:
        subprocess.run(['meson', 'install', '-C', builddir, '--no-rebuild', '--quiet',
                        '--destdir', dest], check=True, stdout=subprocess.DEVNULL)
        root = dest + prefix

        def need(path, executable=False):
            full = os.path.join(root, path)
            if not os.path.isfile(full):
                failures.append('missing: ' + path)
            elif executable and not os.access(full, os.X_OK):
                failures.append('not executable: ' + path)
            return full

        need('bin/mobed', executable=True)
        mobectl = need('bin/mobectl', executable=True)
        # mobectl is one program: nothing of it goes to libexec.
        if os.path.exists(os.path.join(root, 'libexec', 'mobed')):
            failures.append('unexpected: libexec/mobed/')
        if os.access(mobectl, os.X_OK):
            res = subprocess.run([mobectl, '--version'], capture_output=True, text=True,
                                 timeout=30, check=False)
            if res.returncode != 0 or not res.stdout.startswith('mobectl '):
                failures.append('installed mobectl --version: %d %r %r'
                                % (res.returncode, res.stdout, res.stderr))
        need('share/mobed/mobed.conf')
        need('share/mobed/drills.ini')
        # A picture of every shipped drill, named by its id.
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data',
                               'drills.ini'), encoding='utf-8') as f:
            for drill in re.findall(r'^\[([^\]]+)\]\s*$', f.read(), re.M):
                need('share/mobed/drills/%s.svg' % drill)
        need('share/dbus-1/interfaces/org.mobed.Daemon1.xml')
        need('share/applications/mobed.desktop')
        need('share/icons/hicolor/scalable/apps/mobed.svg')
        need('share/metainfo/org.mobed.Daemon.metainfo.xml')
        service = None
        for d in ('share/dbus-1/services',):
            service = need(os.path.join(d, 'org.mobed.Daemon.service'))
        units = [os.path.join(dp, f) for dp, _, fs in os.walk(dest) for f in fs
                 if f == 'mobed.service']
        if len(units) != 1 or '/systemd/user/' not in units[0]:
            failures.append('systemd user unit not installed once under systemd/user: %r' % units)

        if service and os.path.isfile(service):
            cp = configparser.ConfigParser(interpolation=None)
            cp.read(service)
            exec_line = cp['D-BUS Service']['Exec']
            if exec_line != os.path.join(prefix, 'bin', 'mobed'):
                failures.append('D-Bus service Exec=%s, expected %s/bin/mobed' % (exec_line, prefix))
            if cp['D-BUS Service'].get('SystemdService') != 'mobed.service':
                failures.append('D-Bus service lacks SystemdService=mobed.service')
        installed = [os.path.relpath(os.path.join(dp, f), dest)
                     for dp, _, fs in os.walk(dest) for f in fs]
        if shutil.which('scdoc'):
            for page in ('man1/mobed.1', 'man1/mobectl.1', 'man5/mobed.conf.5',
                         'man5/mobed-drills.5'):
                if not any(p.endswith('/man/' + page) for p in installed):
                    failures.append('man page not installed: ' + page)
        # The message catalogs, one per language in po/LINGUAS (built when
        # gettext's msgfmt is there, as scripts/deps makes sure).
        if shutil.which('msgfmt'):
            linguas = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                                   'po', 'LINGUAS')
            with open(linguas, encoding='utf-8') as f:
                languages = [w for line in f if not line.startswith('#') for w in line.split()]
            for lang in languages:
                need(os.path.join('share', 'locale', lang, 'LC_MESSAGES', 'mobed.mo'))
        for suffix in ('/completions/mobectl', '/site-functions/_mobectl',
                       '/vendor_completions.d/mobectl.fish'):
            if not any(p.endswith(suffix) for p in installed):
                failures.append('completion not installed: *' + suffix)
        # The autostart entry, for desktops without systemd: only there;
        # with the indicator (built when libdbusmenu-glib is found), its
        # entry beside it, its unit, man page and icons.
        autostart = [os.path.join(sysconfdir, 'xdg', 'autostart', 'mobed.desktop')]
        indicator = os.path.isfile(os.path.join(root, 'bin', 'mobed-indicator'))
        if indicator:
            need('bin/mobed-indicator', executable=True)
            autostart.append(os.path.join(sysconfdir, 'xdg', 'autostart',
                                          'mobed-indicator.desktop'))
            for name in ('ring-0', 'ring-4', 'due', 'held', 'paused', 'meeting', 'away',
                         'off-hours', 'stopped'):
                for suffix in ('', '-symbolic'):
                    need('share/icons/hicolor/scalable/status/mobed-indicator-%s%s.svg'
                         % (name, suffix))
            if shutil.which('scdoc') and not any(p.endswith('/man/man1/mobed-indicator.1')
                                                 for p in installed):
                failures.append('man page not installed: man1/mobed-indicator.1')
            indicator_units = [os.path.join(dp, f) for dp, _, fs in os.walk(dest) for f in fs
                               if f == 'mobed-indicator.service']
            if len(indicator_units) != 1 or '/systemd/user/' not in indicator_units[0]:
                failures.append('mobed-indicator.service not installed once under '
                                'systemd/user: %r' % indicator_units)
            else:
                text = open(indicator_units[0]).read()
                for line in ('PartOf=graphical-session.target',
                             'ExecStart=%s/bin/mobed-indicator' % prefix):
                    if line not in text:
                        failures.append('mobed-indicator.service lacks ' + line)
        entries = sorted('/' + p for p in installed if '/autostart/' in p)
        if entries != sorted(autostart):
            failures.append('autostart entries: %r, expected only %r' % (entries, autostart))

        if units:
            text = open(units[0]).read()
            for line in ('Type=dbus', 'BusName=org.mobed.Daemon', 'Restart=on-failure',
                         'WantedBy=graphical-session.target', 'PartOf=graphical-session.target',
                         'ExecStart=%s/bin/mobed' % prefix):
                if line not in text:
                    failures.append('unit lacks ' + line)

    check_usr_layout(failures)

    for f in failures:
        print('FAIL', f)
    print('install layout: %d problem(s)' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

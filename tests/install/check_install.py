#!/usr/bin/python3
"""check_install.py BUILDDIR PREFIX — installs the build into a temporary
DESTDIR and checks that every file lands where the distribution expects it
and that the installed D-Bus activation file starts the installed daemon."""

import configparser
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    builddir, prefix = sys.argv[1], sys.argv[2]
    failures = []
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
        front = need('bin/mobectl', executable=True)
        need('libexec/mobed/mobectl-full', executable=True)
        # The front door finds mobectl-full from where it is, so the copy
        # under DESTDIR runs its own (nothing is installed at the prefix).
        if os.access(front, os.X_OK):
            res = subprocess.run([front, '--version'], capture_output=True, text=True,
                                 timeout=30, check=False)
            if res.returncode != 0 or not res.stdout.startswith('mobectl '):
                failures.append('installed mobectl --version: %d %r %r'
                                % (res.returncode, res.stdout, res.stderr))
        need('share/mobed/mobed.conf')
        need('share/mobed/drills.ini')
        need('share/dbus-1/interfaces/org.mobed.Daemon1.xml')
        need('share/applications/mobed.desktop')
        need('share/icons/hicolor/scalable/apps/mobed.svg')
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
                       '/vendor_completions.d/mobectl.fish', '/xdg/autostart/mobed.desktop'):
            if not any(p.endswith(suffix) for p in installed):
                failures.append('completion not installed: *' + suffix)

        if units:
            text = open(units[0]).read()
            for line in ('Type=dbus', 'BusName=org.mobed.Daemon', 'Restart=on-failure',
                         'WantedBy=graphical-session.target', 'PartOf=graphical-session.target',
                         'ExecStart=%s/bin/mobed' % prefix):
                if line not in text:
                    failures.append('unit lacks ' + line)

    for f in failures:
        print('FAIL', f)
    print('install layout: %d problem(s)' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

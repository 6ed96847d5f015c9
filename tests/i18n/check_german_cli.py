#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_german_cli.py MOBECTL MOBED LOCALEDIR — mobectl and mobed speak
German from the build tree's catalog (LOCALEDIR/de/LC_MESSAGES/mobed.mo,
found through MOBED_LOCALEDIR), and English again in the C locale.

`mobectl --help` lists the commands with German summaries, `mobectl
frobnicate` is a German usage error with exit 2, and `mobed --help`
describes its options in German. No bus is needed. Exits 77 when `locale
-a` has no de_DE.UTF-8 (scripts/deps generates it with locale-gen).
"""

import os
import shutil
import subprocess
import sys

# A few strings from po/de.po, as the programs must print them.
HELP_LINES = ['Befehle:', '  now                Jetzt eine Pause beginnen',
              '  snooze [DAUER]     Die aktuelle Pause verschieben (Vorgabe: snooze in mobed.conf)',
              'Optionen:']
ENGLISH_HELP = ['Commands:', '  now                 Start a break now', 'Options:']


def german_locale():
    try:
        names = subprocess.run(['locale', '-a'], capture_output=True, text=True,
                               check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    for name in names:
        if name.lower().replace('-', '') == 'de_de.utf8':
            return name
    return None


def run(argv, env):
    return subprocess.run(argv, capture_output=True, text=True, env=env, check=False)


def main():
    mobectl, mobed, localedir = sys.argv[1:4]
    locale = german_locale()
    if locale is None:
        print('SKIP: no de_DE.UTF-8 locale in `locale -a`; scripts/deps generates it',
              file=sys.stderr)
        return 77
    mo = os.path.join(localedir, 'de', 'LC_MESSAGES', 'mobed.mo')
    if not os.path.isfile(mo):
        if shutil.which('msgfmt') is None:
            print('SKIP: gettext (msgfmt) is missing, so no catalog is built; scripts/deps '
                  'installs it', file=sys.stderr)
            return 77
        print(f'FAIL {mo} is not built')
        return 1
    base = {k: v for k, v in os.environ.items()
            if k not in ('LANGUAGE', 'LANG', 'LC_ALL', 'LC_MESSAGES', 'DBUS_SESSION_BUS_ADDRESS')}
    german = dict(base, LANGUAGE='de', LANG='de_DE.UTF-8', LC_ALL='de_DE.UTF-8',
                  MOBED_LOCALEDIR=localedir)
    english = dict(base, LC_ALL='C.UTF-8', MOBED_LOCALEDIR=localedir)
    problems = []

    res = run([mobectl, '--help'], german)
    lines = res.stdout.splitlines()
    if res.returncode != 0:
        problems.append(f'mobectl --help exited {res.returncode}: {res.stderr}')
    for line in HELP_LINES:
        if line not in lines:
            problems.append(f'mobectl --help in German lacks {line!r}:\n{res.stdout}')

    res = run([mobectl, 'frobnicate'], german)
    if res.returncode != 2:
        problems.append(f'mobectl frobnicate exited {res.returncode}, expected 2')
    if res.stderr != ("mobectl: unbekannter Befehl 'frobnicate'\n"
                      "Die Liste der Befehle zeigt 'mobectl --help'.\n"):
        problems.append(f'mobectl frobnicate in German said {res.stderr!r}')

    res = run([mobed, '--help'], german)
    replace_line = '  -r, --replace             Ein bereits laufendes mobed ablösen'
    if replace_line not in res.stdout.splitlines():
        problems.append(f'mobed --help in German lacks the --replace line:\n{res.stdout}')

    # Without a German locale, the same catalog leaves everything English.
    res = run([mobectl, '--help'], english)
    for line in ENGLISH_HELP:
        if line not in res.stdout.splitlines():
            problems.append(f'mobectl --help in C.UTF-8 lacks {line!r}:\n{res.stdout}')

    for p in problems:
        print('FAIL', p)
    print(f'German mobectl and mobed ({locale}): {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

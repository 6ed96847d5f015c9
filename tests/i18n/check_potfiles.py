#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_potfiles.py SOURCE_ROOT — po/POTFILES.in lists every source file
with translatable strings, and only files that exist.

A .c file under daemon/ or cli/ that marks a string with _(), N_(), C_(),
NC_() or ngettext() must be listed, or its strings never reach the .pot
and stay English. Prints each problem and exits 1; exits 0 when the list
is right. Standard library only.
"""

import os
import re
import sys

DIRS = ('daemon', 'cli')
MARK = re.compile(r'(?<![\w])(?:N?C?_|ngettext)\s*\(')


def listed(potfiles):
    names = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                names.append(line)
    return names


def marked(root):
    found = []
    for d in DIRS:
        for dirpath, _, files in os.walk(os.path.join(root, d)):
            for name in files:
                if not name.endswith('.c'):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8') as f:
                    if MARK.search(f.read()):
                        found.append(os.path.relpath(path, root))
    return sorted(found)


def main():
    root = sys.argv[1]
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    names = listed(potfiles)
    problems = []
    for name in names:
        if not os.path.isfile(os.path.join(root, name)):
            problems.append(f'po/POTFILES.in names {name}, which does not exist')
    if len(set(names)) != len(names):
        problems.append('po/POTFILES.in names a file twice')
    for path in marked(root):
        if path not in names:
            problems.append(f'{path} has translatable strings but is not in po/POTFILES.in')
    for p in problems:
        print('FAIL', p)
    print(f'POTFILES.in: {len(names)} files, {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

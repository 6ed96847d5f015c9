#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_layout.py SOURCE_ROOT — the layering the README's "Hacking" section
promises, checked on every source file:

- core/ is pure: it includes no GIO, and nothing of store/, daemon/ or cli/;
  it reads no files and no clock.
- store/ includes nothing of daemon/ or cli/; cli/ nothing of daemon/, and
  daemon/ nothing of cli/; indicator/ nothing of daemon/ or store/.
- every folder under daemon/ has a meson.build that starts by saying what
  the folder is for.
- no library is loaded by name (g_module_open, dlopen) without an ELF
  .note.dlopen beside it.

Prints each problem and exits 1; exits 0 when all hold.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]([^>"]+)[>"]', re.M)
FORBIDDEN = {
    'core': ('gio/', 'store/', 'daemon/', 'cli/', 'sqlite3.h'),
    'store': ('daemon/', 'cli/'),
    'cli': ('daemon/',),
    'daemon': ('cli/',),
    # mobed-indicator is a D-Bus client like mobectl, whose status line it shares.
    'indicator': ('daemon/', 'store/'),
}
# What pure code must not call: files, directories, the clock.
CORE_CALLS = re.compile(r'\b(g_file_get_contents|g_key_file_load_from_file|g_file_set_contents'
                        r'\w*|fopen|g_dir_open|g_mkdir\w*|g_get_real_time|g_get_monotonic_time'
                        r'|clock_gettime|time\s*\(|g_get_user_\w+_dir)\b')
LOADER = re.compile(r'\b(g_module_open|dlopen)\s*\(')


def sources(root, top):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if name.endswith(('.c', '.h')):
                yield os.path.join(dirpath, name)


def main():
    root = sys.argv[1]
    problems = []
    for top, banned in FORBIDDEN.items():
        for path in sources(root, top):
            rel = os.path.relpath(path, root)
            text = open(path, encoding='utf-8').read()
            for inc in INCLUDE.findall(text):
                if inc.startswith(banned):
                    problems.append(f'{rel}: includes {inc}, which {top}/ must not')
            if top == 'core':
                for m in CORE_CALLS.finditer(text):
                    problems.append(f'{rel}: calls {m.group(1)}; core/ does no I/O')
            if LOADER.search(text) and '.note.dlopen' not in text:
                problems.append(f'{rel}: loads a library by name without a .note.dlopen')
    daemon = os.path.join(root, 'daemon')
    for name in sorted(os.listdir(daemon)):
        folder = os.path.join(daemon, name)
        if not os.path.isdir(folder):
            continue
        build = os.path.join(folder, 'meson.build')
        if not os.path.exists(build):
            problems.append(f'daemon/{name}/: no meson.build')
            continue
        lines = open(build, encoding='utf-8').read().splitlines()
        if len(lines) < 2 or not lines[1].startswith(f'# {name}/ — '):
            problems.append(f'daemon/{name}/meson.build: does not start by saying what '
                            f'{name}/ is for ("# {name}/ — ...")')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

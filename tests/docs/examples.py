#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""examples.py [SOURCE_ROOT] — every example the README and the man pages
show, found in one place so that none is left untried.

An example is
- in README.md: a line of a ```sh block (its comment cut off), a `$ `
  line of any block, a "mobectl ..." string of a ```json block, an
  ```ini block (a mobed.conf), and inline code that starts with mobectl
  or mobed;
- in a man page (data/man/*.scd): each bold line of the EXAMPLES (or
  EXAMPLE) section (*mobectl snooze 10m*, continued lines end with ++),
  and each ``` block of that section; and the ``` block of
  mobed-drills(5), a drill.

Each is an Example(kind, text, where): kind 'mobectl' or 'mobed' (a
command of ours: tests/integration/test_readme.py runs it against a real
mobed), 'name' (a bare `mobed`, the program named in a sentence), 'config' (loaded as mobed.conf there: no warning allowed),
'catalog' (checked with mobed --check-catalog there), or 'other' (a
command of another program: build, install, service manager). check_docs.py
requires every 'other' example to be listed in NOT_RUN with the reason it
is not run by these tests, so a new example cannot go untried unnoticed.

Run alone, it prints the examples it finds. Standard library only.
"""

import collections
import os
import re
import sys

Example = collections.namedtuple('Example', 'kind text where')

# Commands of other programs that the README shows, and where instead they
# are tried: none of them can run inside a test (they install packages,
# build the tree or start the user's own mobed).
NOT_RUN = {
    'scripts/run --demo': 'tests/scripts/test_run_demo.py runs it (the run-demo test)',
    'scripts/test': 'it runs every test suite, these included',
    'sudo apt build-dep ./': 'installs packages; the package pass (tests/install) builds',
    'dpkg-buildpackage -us -uc -b': 'the package pass (tests/install/package_pass.sh)',
    'cd .. && sudo apt install ./mobed_*.deb': 'installs system-wide; the package pass',
    'meson setup build-install --prefix=/usr': 'the install test (tests/install) does this '
                                              'into a temporary DESTDIR',
    'meson compile -C build-install': 'the install test',
    'sudo meson install -C build-install': 'installs system-wide; the install test',
    'systemctl --user enable --now mobed': 'starts the user\'s own service; the install '
                                           'test checks the unit',
    'cd packaging/arch': 'Arch packaging, not on this Debian build machine',
    'makepkg -si': 'Arch packaging (check_packaging.py keeps PKGBUILD in step)',
}

OURS = ('mobectl', 'mobed')
FENCE = re.compile(r'^```(\w*)\s*$')


def kind_of(command):
    """'mobectl', 'mobed', 'other', or 'name' for a bare `mobed`: the
    program's name in a sentence, not a command to run (a second mobed
    is refused)."""
    words = command.split()
    if words == ['mobed']:
        return 'name'
    return words[0] if words and words[0] in OURS else 'other'


def blocks(lines):
    """(language, first line number, [lines]) of each fenced block."""
    out, inside, lang, start, body = [], False, '', 0, []
    for n, line in enumerate(lines, 1):
        m = FENCE.match(line.strip())
        if m and not inside:
            inside, lang, start, body = True, m.group(1), n + 1, []
        elif line.strip() == '```' and inside:
            out.append((lang, start, body))
            inside = False
        elif inside:
            body.append(line)
    return out


def readme_examples(root):
    path = os.path.join(root, 'README.md')
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    found = []
    fenced = set()
    for lang, start, body in blocks(lines):
        fenced.update(range(start - 1, start + len(body) + 1))
        where = f'README.md:{start}'
        if lang == 'ini':
            found.append(Example('config', '\n'.join(body) + '\n', where))
            continue
        for i, line in enumerate(body):
            where = f'README.md:{start + i}'
            if lang == 'sh':
                command = line.split(' #')[0].strip()
            elif lang == 'json':
                for m in re.finditer(r'"((?:mobectl|mobed)(?: [^"]*)?)"', line):
                    found.append(Example(kind_of(m.group(1)), m.group(1), where))
                continue
            elif line.startswith('$ '):
                command = line[2:].strip()
            else:
                continue
            if command and not command.startswith('#'):
                found.append(Example(kind_of(command), command, where))
    for n, line in enumerate(lines, 1):
        if n in fenced:
            continue
        for m in re.finditer(r'`((?:mobectl|mobed)(?: [^`]*)?)`', line):
            found.append(Example(kind_of(m.group(1)), m.group(1), f'README.md:{n}'))
    # In the order the README shows them: a focus plan is started before
    # it is rated.
    return sorted(found, key=lambda e: int(e.where.split(':')[1]))


def man_sections(lines):
    """Maps each top-level heading (# NAME) to (first line number, lines)."""
    out, current = {}, None
    for n, line in enumerate(lines, 1):
        m = re.match(r'^# (.+?)\s*$', line)
        if m:
            current = m.group(1)
            out[current] = (n + 1, [])
        elif current is not None:
            out[current][1].append(line)
    return out


def man_examples(root):
    man_dir = os.path.join(root, 'data', 'man')
    found = []
    for name in sorted(os.listdir(man_dir)):
        if not name.endswith('.scd'):
            continue
        with open(os.path.join(man_dir, name), encoding='utf-8') as f:
            lines = f.read().split('\n')
        if name == 'mobed-drills.5.scd':
            for lang, start, body in blocks(lines):
                found.append(Example('catalog', '\n'.join(body) + '\n', f'{name}:{start}'))
        for title, (start, body) in man_sections(lines).items():
            if title not in ('EXAMPLES', 'EXAMPLE'):
                continue
            for lang, first, block in blocks(body):
                kind = 'config' if name == 'mobed.conf.5.scd' else 'other'
                found.append(Example(kind, '\n'.join(block) + '\n',
                                     f'{name}:{start + first - 1}'))
            for i, line in enumerate(body):
                m = re.fullmatch(r'\s*\*(.+)\*(?:\+\+)?\s*', line)
                if m:
                    command = m.group(1)
                    found.append(Example(kind_of(command), command, f'{name}:{start + i}'))
    return found


def all_examples(root):
    return readme_examples(root) + man_examples(root)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
    for e in all_examples(root):
        text = e.text if '\n' not in e.text else e.text.split('\n', 1)[0] + ' ...'
        print(f'{e.where:28} {e.kind:8} {text}')
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_docs.py SOURCE_ROOT MOBECTL MOBED — keeps the man pages in step
with the code.

Checks that
- every command listed by `mobectl --help` has its own entry (a line that
  starts with *command*) in the COMMANDS section of data/man/mobectl.1.scd;
- every option in `mobectl --help` and in each `mobectl COMMAND --help`
  has an entry (a line that starts with *--option*, or with another option
  of the same entry: *-h*, *--help*) in mobectl.1.scd;
- every option in `mobed --help` has an entry in mobed.1.scd;
- every key of data/mobed.conf (the `#key=` lines under each [group]) has an
  entry (*key*) in the [group] section of mobed.conf.5.scd, and that page
  names no group the file lacks;
- every key named in the header comment of data/drills.ini has an entry in
  mobed-drills.5.scd;
- every mobed man page that a page refers to, such as *mobed.conf*(5),
  exists;
- every example of the README and the man pages (tests/docs/examples.py
  finds them) is one that tests/integration/test_readme.py runs, or a
  command of another program listed with where it is tried instead;
and, the other way round, that the pages document no command, option or
config key the code no longer has.

Prints each problem and exits 1; exits 0 when everything is documented.
Standard library only.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import examples  # noqa: E402

MAN_DIR = os.path.join('data', 'man')

# In --help output: an option line starts with spaces and a dash; the
# options are in its first column, up to two spaces.
OPTION_LINE = re.compile(r'^\s+(-\S.*?)(?:\s{2,}|$)')
OPTION = re.compile(r'(?<![\w-])(--?[A-Za-z][\w-]*)')
# In scdoc a definition is a term line after a blank line, with its text on
# the following lines one tab further in. An entry for a command or key is
# such a term starting with the bold name (*reload*, *interval*=...); an
# option is documented when it is bold in a term that starts with an option
# (*-r*, *--replace*). Mentions in a synopsis or in running text do not count.
BOLD_OPTION = re.compile(r'\*(--?[A-Za-z][\w-]*)\*')
ENTRY = re.compile(r'^\*([a-z][a-z0-9-]*)\*')
HEADING = re.compile(r'^(#+)\s+(.*?)\s*$')
PAGE_REF = re.compile(r'\*((?:mobed|mobectl)[\w.-]*)\*\((\d)\)')


def run_help(argv):
    env = dict(os.environ, LC_ALL='C')
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if proc.returncode != 0:
        raise RuntimeError('%s exited with %d: %s' % (' '.join(argv), proc.returncode,
                                                      proc.stderr.decode(errors='replace')))
    return proc.stdout.decode(errors='replace')


def help_options(text):
    found = []
    for line in text.splitlines():
        m = OPTION_LINE.match(line)
        if m:
            found += OPTION.findall(m.group(1))
    return found


def help_commands(text):
    """The first word of each line of the Commands: block."""
    commands, inside = [], False
    for line in text.splitlines():
        if line.strip() == 'Commands:':
            inside = True
        elif inside and not line.strip():
            break
        elif inside:
            commands.append(line.split()[0])
    return commands


def read_page(root, name):
    path = os.path.join(root, MAN_DIR, name)
    with open(path, encoding='utf-8') as f:
        return f.read()


def sections(page):
    """Maps each heading's text to the lines under it (up to the next
    heading of any level)."""
    out, current = {}, None
    for line in page.splitlines():
        m = HEADING.match(line)
        if m:
            current = m.group(2)
            out.setdefault(current, [])
        elif current is not None:
            out[current].append(line)
    return out


def indent(line):
    return len(line) - len(line.lstrip('\t'))


def terms(lines):
    """The term lines of definition lists, without their leading tabs."""
    out = []
    for i, line in enumerate(lines):
        if not line.strip() or (i > 0 and lines[i - 1].strip()):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ''
        if following.strip() and indent(following) == indent(line) + 1:
            out.append(line.lstrip('\t'))
    return out


def option_entries(page):
    found = set()
    for term in terms(page.splitlines()):
        if term.startswith('*-'):
            found.update(BOLD_OPTION.findall(term))
    return found


def entries(lines):
    return {m.group(1) for m in map(ENTRY.match, terms(lines)) if m}


def conf_keys(path):
    """{group: [keys]} from the example config: `#key=` or `key=` lines."""
    groups, group = {}, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'^\[([\w-]+)\]\s*$', line)
            if m:
                group = m.group(1)
                groups.setdefault(group, [])
                continue
            m = re.match(r'^#?([a-z][a-z0-9-]*)=', line)
            if m and group is not None:
                groups[group].append(m.group(1))
    return groups


def catalog_header_keys(path):
    """The keys the header comment of drills.ini describes: comment lines
    with the key three spaces in ('#   name   display name')."""
    keys = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.startswith('#'):
                if line.strip():
                    break
                continue
            m = re.match(r'^#   ([a-z][a-z0-9-]*)\s', line)
            if m:
                keys.append(m.group(1))
    return keys


def main():
    if len(sys.argv) != 4:
        print(__doc__.split('\n\n')[0], file=sys.stderr)
        return 2
    root, mobectl, mobed = sys.argv[1:]
    missing = []
    counts = {}

    # mobectl: commands and their options.
    page = read_page(root, 'mobectl.1.scd')
    bold = option_entries(page)
    documented = entries(sections(page).get('COMMANDS', []))
    top = run_help([mobectl, '--help'])
    commands = help_commands(top)
    options = {o: 'mobectl --help' for o in help_options(top)}
    for cmd in commands:
        if cmd not in documented:
            missing.append('mobectl.1.scd: command %r has no entry under COMMANDS' % cmd)
        for o in help_options(run_help([mobectl, cmd, '--help'])):
            options.setdefault(o, 'mobectl %s --help' % cmd)
    for o, where in sorted(options.items()):
        if o not in bold:
            missing.append('mobectl.1.scd: option %s (from `%s`) is not documented' % (o, where))
    for cmd in sorted(documented - set(commands)):
        missing.append('mobectl.1.scd: documents command %r, which `mobectl --help` lacks' % cmd)
    for o in sorted(bold - set(options)):
        missing.append('mobectl.1.scd: documents option %s, which no mobectl --help lists' % o)
    counts['mobectl commands'] = len(commands)
    counts['mobectl options'] = len(options)

    # mobed: options.
    page = read_page(root, 'mobed.1.scd')
    bold = option_entries(page)
    mobed_options = sorted(set(help_options(run_help([mobed, '--help']))))
    for o in mobed_options:
        if o not in bold:
            missing.append('mobed.1.scd: option %s (from `mobed --help`) is not documented' % o)
    for o in sorted(bold - set(mobed_options)):
        missing.append('mobed.1.scd: documents option %s, which `mobed --help` lacks' % o)
    counts['mobed options'] = len(mobed_options)

    # mobed.conf: every key under its group.
    conf = conf_keys(os.path.join(root, 'data', 'mobed.conf'))
    page_sections = sections(read_page(root, 'mobed.conf.5.scd'))
    page_groups = {}
    for title, lines in page_sections.items():
        m = re.fullmatch(r'\[([\w-]+)\]', title)
        if m:
            page_groups[m.group(1)] = entries(lines)
    for group, keys in conf.items():
        if group not in page_groups:
            missing.append('mobed.conf.5.scd: no section "# [%s]"' % group)
            continue
        for key in keys:
            if key not in page_groups[group]:
                missing.append('mobed.conf.5.scd: key %s has no entry under [%s]' % (key, group))
        for key in sorted(page_groups[group] - set(keys)):
            missing.append('mobed.conf.5.scd: documents [%s] %s, which data/mobed.conf lacks'
                           % (group, key))
    for group in sorted(set(page_groups) - set(conf)):
        missing.append('mobed.conf.5.scd: section [%s] is not a group of data/mobed.conf' % group)
    counts['config keys'] = sum(len(k) for k in conf.values())

    # drills.ini: every key of the header.
    drill_keys = catalog_header_keys(os.path.join(root, 'data', 'drills.ini'))
    documented = entries(read_page(root, 'mobed-drills.5.scd').splitlines())
    for key in drill_keys:
        if key not in documented:
            missing.append('mobed-drills.5.scd: catalog key %s has no entry' % key)
    counts['catalog keys'] = len(drill_keys)

    # Cross references between the pages.
    pages = sorted(f for f in os.listdir(os.path.join(root, MAN_DIR)) if f.endswith('.scd'))
    for name in pages:
        for ref, section in set(PAGE_REF.findall(read_page(root, name))):
            if '%s.%s.scd' % (ref, section) not in pages:
                missing.append('%s: refers to %s(%s), which has no page' % (name, ref, section))

    # Examples: each is run by tests/integration/test_readme.py, or is a
    # command of another program listed in examples.NOT_RUN with the
    # reason; a new one of those must say where it is tried instead.
    found = examples.all_examples(root)
    others = {e.text for e in found if e.kind == 'other'}
    for e in found:
        if e.kind == 'other' and e.text not in examples.NOT_RUN:
            missing.append('%s: example %r is neither a mobectl or mobed command nor in '
                           'tests/docs/examples.py NOT_RUN (with where it is tried)'
                           % (e.where, e.text))
    for text in sorted(set(examples.NOT_RUN) - others):
        missing.append('tests/docs/examples.py: NOT_RUN lists %r, which no document shows'
                       % text)
    counts['examples'] = len(found)
    counts['examples run by test_readme.py'] = sum(
        1 for e in found if e.kind in ('mobectl', 'mobed', 'config', 'catalog'))

    # A parser that finds nothing would pass everything: refuse that.
    for what, n in counts.items():
        if n == 0:
            missing.append('found no %s to check; has the format changed?' % what)

    for m in missing:
        print('FAIL', m)
    print('docs: checked %s; %d problem(s)'
          % (', '.join('%d %s' % (n, what) for what, n in counts.items()), len(missing)))
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())

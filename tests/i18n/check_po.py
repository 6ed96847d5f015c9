#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_po.py SOURCE_ROOT — every po/*.po named in po/LINGUAS is valid and
complete against the sources as they are now.

A fresh template is made with xgettext from po/POTFILES.in, with the same
keywords as meson's glib preset, and each .po is merged with it (msgmerge,
in a temporary directory; the source tree is not touched). The result must
pass `msgfmt --check` with no untranslated and no fuzzy message, and the
.po may keep no translation the sources no longer use. On a failure,
`ninja mobed-pot mobed-update-po` in the build directory brings the .po up
to date for translating. Exits 77 when the gettext tools are missing.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2', '--from-code=UTF-8']
STATS = re.compile(r'(\d+) (translated|fuzzy|untranslated)')


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)


def statistics(stderr):
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for n, kind in STATS.findall(stderr):
        counts[kind] = int(n)
    return counts


def main():
    root = sys.argv[1]
    po_dir = os.path.join(root, 'po')
    tools = {t: shutil.which(t) for t in ('xgettext', 'msgmerge', 'msgfmt', 'msgattrib')}
    missing = [t for t, path in tools.items() if path is None]
    if missing:
        print('SKIP: gettext tools missing: ' + ', '.join(missing), file=sys.stderr)
        return 77
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f if not line.startswith('#') for w in line.split()]
    problems = []
    with tempfile.TemporaryDirectory(prefix='mobed-po-') as tmp:
        pot = os.path.join(tmp, 'mobed.pot')
        res = run([tools['xgettext'], '--package-name=mobed', '-D', root,
                   '--files-from=' + os.path.join(po_dir, 'POTFILES.in'), '-o', pot] + KEYWORDS)
        if res.returncode != 0:
            print(res.stderr)
            return 1
        for lang in languages:
            po = os.path.join(po_dir, lang + '.po')
            check = run([tools['msgfmt'], '--check', '--statistics', '-o', os.devnull, po])
            if check.returncode != 0:
                problems.append(f'{lang}.po: msgfmt --check failed:\n{check.stderr}')
                continue
            merged = os.path.join(tmp, lang + '.po')
            res = run([tools['msgmerge'], '--quiet', '-o', merged, po, pot])
            if res.returncode != 0:
                problems.append(f'{lang}.po: msgmerge failed:\n{res.stderr}')
                continue
            check = run([tools['msgfmt'], '--check', '--statistics', '-o', os.devnull, merged])
            counts = statistics(check.stderr)
            print(f'{lang}.po: {check.stderr.strip()}')
            if check.returncode != 0:
                problems.append(f'{lang}.po: msgfmt --check failed after merging:\n{check.stderr}')
            for kind in ('untranslated', 'fuzzy'):
                if counts[kind]:
                    select = '--only-fuzzy' if kind == 'fuzzy' else '--untranslated'
                    entries = run([tools['msgattrib'], select, '--no-obsolete', merged]).stdout
                    ids = re.findall(r'(?m)^msgid "(.+)"$', entries)
                    problems.append(f'{lang}.po: {counts[kind]} {kind} message(s): {ids}')
            obsolete = run([tools['msgattrib'], '--only-obsolete', merged]).stdout
            stale = re.findall(r'(?m)^#~ msgid "(.*)"$', obsolete)
            if stale:
                problems.append(f'{lang}.po: translations the sources no longer use: {stale}')
    for p in problems:
        print('FAIL', p)
    print(f'{len(languages)} language(s), {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

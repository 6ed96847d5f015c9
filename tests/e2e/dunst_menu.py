#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""dunst_menu.py — stands in for dmenu as the test dunst's context menu
(`dmenu =` in dunstrc). dunst writes one line per action of the
notification, `#Label (summary) [id,key]`, and invokes the line the menu
prints. This picks the action whose key the test wrote to the file
$MOBED_E2E_PICK, as a person choosing that button would, and keeps the
menu it was shown in $MOBED_E2E_MENU for the test to check."""

import os
import sys


def main():
    lines = sys.stdin.read().splitlines()
    with open(os.environ['MOBED_E2E_MENU'], 'a', encoding='utf-8') as f:
        f.write(''.join(line + '\n' for line in lines))
    try:
        with open(os.environ['MOBED_E2E_PICK'], encoding='utf-8') as f:
            want = ',' + f.read().strip() + ']'
    except FileNotFoundError:
        return 1
    for line in lines:
        if line.endswith(want):
            print(line)
            return 0
    return 1    # nothing chosen: dunst invokes nothing, like Escape in dmenu


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""dunst_record.py — run by the test dunst (a `script` rule in dunstrc) for
every notification it puts on screen. Appends what dunst made of it, one
JSON object a line, to $MOBED_E2E_RECORD: the test's view of the screen
that does not depend on reading pixels."""

import json
import os
import sys

FIELDS = ('APP_NAME', 'SUMMARY', 'BODY', 'ICON_PATH', 'URGENCY', 'ID', 'DESKTOP_ENTRY')


def main():
    record = {f.lower(): os.environ.get('DUNST_' + f, '') for f in FIELDS}
    # One write of one line: appends from quick successive runs do not mix.
    with open(os.environ['MOBED_E2E_RECORD'], 'a', encoding='utf-8') as f:
        f.write(json.dumps(record) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())

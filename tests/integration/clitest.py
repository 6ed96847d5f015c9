# SPDX-License-Identifier: GPL-3.0-or-later
"""clitest.py — what test_cli.py and test_cli_errors.py share: CliTestCase
(mobed with an hour between breaks, mobectl run expecting success) and the
label of a `mobectl status` line.
"""

import json

from mobedtest import MobedTestCase


def label(name):
    """A status line's label, padded to the value column."""
    return f'{name}:'.ljust(13)


class CliTestCase(MobedTestCase):
    config = {'schedule': {'interval': '1h'}}

    def ok(self, *args):
        """Runs mobectl, expects exit 0 and a quiet stderr; returns stdout."""
        rc, out, err = self.mobectl(*args)
        self.assertEqual(rc, 0, f'mobectl {" ".join(args)}: {err}')
        self.assertEqual(err, '', f'mobectl {" ".join(args)} wrote to stderr')
        return out

    def json_status(self, *args):
        return json.loads(self.ok(*args))

    def start_break(self):
        out = self.ok('now')
        self.assertEqual(self.get_prop('State'), 'due')
        return out

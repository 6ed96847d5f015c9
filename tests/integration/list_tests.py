#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""list_tests.py FILE... — prints the test ids in integration test files, one
per line, so meson can register each as its own test.

With one FILE each line is `Class.test_name` (the argument that file takes to
run that one test).  With several, each line is `FILE Class.test_name`.
Test files import even without python3-dbusmock (they exit 77 when run), so
the list is complete on any machine that configures the build.
"""

import importlib.util
import os
import sys
import unittest


def test_ids(path):
    path = os.path.abspath(path)
    sys.path.insert(0, os.path.dirname(path))
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def walk(suite):
        for item in suite:
            if isinstance(item, unittest.TestSuite):
                yield from walk(item)
            else:
                yield item

    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    for test in walk(suite):
        # id() is module.Class.test_name; the file runs Class.test_name.
        yield test.id().split('.', 1)[1]


def main(argv):
    if len(argv) < 2:
        print(f'Usage: {argv[0]} FILE...', file=sys.stderr)
        return 2
    files = argv[1:]
    for path in files:
        for test in test_ids(path):
            print(test if len(files) == 1 else f'{path} {test}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

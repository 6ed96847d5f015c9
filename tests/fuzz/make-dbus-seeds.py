#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-dbus-seeds.py — writes the seed corpus of fuzz-dbus-args.

Each seed is one byte choosing the method (and, for Snooze, Pause and
PauseWithReason, the scheduler state; see fuzz-dbus-args.c) followed by a
serialised GVariant: the a{sv} options of ListDrills, GetStats, GetHistory
and GetPauses, the (t) of Snooze and Pause, the (ts) of PauseWithReason,
the (asa{sv}) of StartFocus or the (s) of RateFocus. Run from anywhere; rewrites the seed-* and regression-*
files of tests/fuzz/corpus/dbus-args/.
"""
import os
import sys

from gi.repository import GLib

LIST, STATS, HISTORY, SNOOZE, PAUSE, PAUSES, PAUSE_REASON, START_FOCUS, RATE_FOCUS = range(9)
METHODS = 9
WORKING, DUE, SNOOZED, PAUSED, AWAY = range(5)


def options(d):
    return GLib.Variant('a{sv}', d)


SEEDS = {
    'list-none': (LIST, options({})),
    'list-id': (LIST, options({'id': GLib.Variant('s', 'neck-circles')})),
    'list-unknown-id': (LIST, options({'id': GLib.Variant('s', 'no-such-drill')})),
    'list-region': (LIST, options({'region': GLib.Variant('s', 'neck')})),
    'list-all-filters': (LIST, options({'region': GLib.Variant('s', 'hips'),
                                        'setting': GLib.Variant('s', 'floor'),
                                        'good_for': GLib.Variant('s', 'low-back-pain')})),
    'list-bad-region': (LIST, options({'region': GLib.Variant('s', 'elbows')})),
    'list-bad-setting': (LIST, options({'setting': GLib.Variant('s', 'moon')})),
    'list-wrong-type': (LIST, options({'region': GLib.Variant('u', 3)})),
    'list-unknown-key': (LIST, options({'colour': GLib.Variant('s', 'red')})),
    'list-nested': (LIST, options({'id': GLib.Variant('v', GLib.Variant('s', 'x'))})),
    'stats-none': (STATS, options({})),
    'stats-days': (STATS, options({'days': GLib.Variant('u', 30)})),
    'stats-days-zero': (STATS, options({'days': GLib.Variant('u', 0)})),
    'stats-days-max': (STATS, options({'days': GLib.Variant('u', 3660)})),
    'stats-days-huge': (STATS, options({'days': GLib.Variant('u', 0xffffffff)})),
    'stats-days-wrong-type': (STATS, options({'days': GLib.Variant('t', 7)})),
    'stats-twice': (STATS, options({'days': GLib.Variant('u', 7)})),
    'history-none': (HISTORY, options({})),
    'history-limit': (HISTORY, options({'limit': GLib.Variant('u', 5)})),
    'history-since': (HISTORY, options({'since': GLib.Variant('x', 1710000000000000)})),
    'history-since-min': (HISTORY, options({'since': GLib.Variant('x', -2**63),
                                            'limit': GLib.Variant('u', 0xffffffff)})),
    'history-bad': (HISTORY, options({'since': GLib.Variant('s', 'yesterday')})),
    'pauses-none': (PAUSES, options({})),
    'pauses-limit': (PAUSES, options({'limit': GLib.Variant('u', 2)})),
    'pauses-since': (PAUSES, options({'since': GLib.Variant('x', 1710000000000000),
                                      'limit': GLib.Variant('u', 0)})),
    'pauses-bad': (PAUSES, options({'limit': GLib.Variant('i', 2)})),
}
for state, sname in enumerate(['working', 'due', 'snoozed', 'paused', 'away']):
    for seconds in (0, 1, 300, 12 * 3600, 12 * 3600 + 1, 30 * 86400, 30 * 86400 + 1, 2**64 - 1):
        SEEDS[f'snooze-{sname}-{seconds}'] = (SNOOZE + METHODS * state,
                                              GLib.Variant('(t)', (seconds,)))
        SEEDS[f'pause-{sname}-{seconds}'] = (PAUSE + METHODS * state,
                                             GLib.Variant('(t)', (seconds,)))
    for rname, reason in (('meeting', 'meeting'), ('none', ''), ('spaces', '   '),
                          ('two-lines', 'a\nb'), ('long', 'x' * 65), ('longest', 'é' * 64),
                          ('line-separator', 'a\u2028b')):
        SEEDS[f'reason-{sname}-{rname}'] = (PAUSE_REASON + METHODS * state,
                                            GLib.Variant('(ts)', (2700, reason)))

FOCUS = {
    'tag': (['neck-pain'], {}),
    'tags-and-drill': (['neck-pain', 'low-back-pain', 'wrist-circles'],
                       {'sets': GLib.Variant('u', 3), 'reps': GLib.Variant('u', 12),
                        'days': GLib.Variant('u', 14), 'dry_run': GLib.Variant('b', True)}),
    'none': ([], {}),
    'unknown': (['no-such-problem'], {}),
    'too-many': (['neck-pain', 'low-back-pain', 'headaches', 'sciatica', 'tennis-elbow', 'typists'], {}),
    'zero': (['neck-pain'], {'sets': GLib.Variant('u', 0)}),
    'out-of-range': (['neck-pain'], {'reps': GLib.Variant('u', 500), 'days': GLib.Variant('u', 15)}),
    'wrong-type': (['neck-pain'], {'days': GLib.Variant('t', 3)}),
    'unknown-option': (['neck-pain'], {'colour': GLib.Variant('s', 'red')}),
}
for name, (targets, opts) in FOCUS.items():
    SEEDS[f'focus-{name}'] = (START_FOCUS, GLib.Variant('(asa{sv})', (targets, opts)))
for answer in ('better', 'same', 'worse', 'Better', '', 'better '):
    SEEDS[f'rate-{answer.strip().lower() or "empty"}{"-space" if answer.endswith(" ") else ""}'
          f'{"-capital" if answer[:1].isupper() else ""}'] = (RATE_FOCUS, GLib.Variant('(s)', (answer,)))

# The same key twice cannot be built as a Python dict: append by hand.
twice = GLib.VariantBuilder.new(GLib.VariantType.new('a{sv}'))
for n in (1, 9999):
    twice.add_value(GLib.Variant('{sv}', ('days', GLib.Variant('u', n))))
SEEDS['stats-twice'] = (STATS, twice.end())

# Inputs that found bugs, kept as regression cases (see README.md).
REGRESSIONS = {
    # ListDrills: an unknown option leaked the option's value (iter_loop left early).
    'list-unknown-option-leak': (LIST, options({'colour': GLib.Variant('s', 'red')})),
    # GetHistory/GetStats: a good option, then a bad one, leaked the good one's value.
    'history-good-then-bad-leak': (HISTORY, GLib.Variant('a{sv}', {})),
    'stats-good-then-bad-leak': (STATS, GLib.Variant('a{sv}', {})),
}
for name, first, bad, method in (('history-good-then-bad-leak', ('since', GLib.Variant('x', 0)),
                                  ('colour', GLib.Variant('s', 'red')), HISTORY),
                                 ('stats-good-then-bad-leak', ('days', GLib.Variant('u', 7)),
                                  ('days', GLib.Variant('s', 'seven')), STATS)):
    b = GLib.VariantBuilder.new(GLib.VariantType.new('a{sv}'))
    b.add_value(GLib.Variant('{sv}', first))
    b.add_value(GLib.Variant('{sv}', bad))
    REGRESSIONS[name] = (method, b.end())

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'dbus-args')
os.makedirs(out, exist_ok=True)
for name, (selector, value) in sorted(SEEDS.items()):
    with open(os.path.join(out, 'seed-' + name), 'wb') as f:
        f.write(bytes([selector]) + value.get_data_as_bytes().get_data())
for name, (selector, value) in sorted(REGRESSIONS.items()):
    with open(os.path.join(out, 'regression-' + name), 'wb') as f:
        f.write(bytes([selector]) + value.get_data_as_bytes().get_data())
print(f'{len(SEEDS)} seeds and {len(REGRESSIONS)} regression cases in {out}', file=sys.stderr)

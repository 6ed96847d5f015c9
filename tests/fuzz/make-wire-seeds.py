#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-wire-seeds.py — writes the seed corpus of fuzz-dbus-wire: messages
as GDBus writes them (both byte orders), of the kinds mobectl reads: the
replies to Hello and GetAll, an error reply, a signal. Run from anywhere;
rewrites tests/fuzz/corpus/dbus-wire/seed-*."""
import os

from gi.repository import Gio, GLib

LE = Gio.DBusMessageByteOrder.LITTLE_ENDIAN
BE = Gio.DBusMessageByteOrder.BIG_ENDIAN


def reply(to, body, error=None):
    m = Gio.DBusMessage.new()
    m.set_message_type(Gio.DBusMessageType.ERROR if error else Gio.DBusMessageType.METHOD_RETURN)
    m.set_serial(100 + to)
    m.set_reply_serial(to)
    m.set_sender('org.freedesktop.DBus' if to == 1 else ':1.7')
    m.set_destination(':1.42')
    if error:
        m.set_error_name(error)
    if body is not None:
        m.set_body(body)
    return m


props = GLib.Variant('(a{sv})', ({
    'State': GLib.Variant('s', 'working'),
    'TodayDone': GLib.Variant('u', 3),
    'NextBreak': GLib.Variant('x', 1700000000000000),
    'DeferReasons': GLib.Variant('as', ['camera']),
    'CurrentBreak': GLib.Variant('a{sv}', {
        'drills': GLib.Variant('aa{sv}', [{'id': GLib.Variant('s', 'neck-circles'),
                                           'reps': GLib.Variant('u', 8)}])}),
},))
signal = Gio.DBusMessage.new_signal('/org/freedesktop/DBus', 'org.freedesktop.DBus', 'NameAcquired')
signal.set_serial(2)
signal.set_body(GLib.Variant('(s)', (':1.42',)))
MESSAGES = {
    'hello': reply(1, GLib.Variant('(s)', (':1.42',))),
    'get-all': reply(2, props),
    'error': reply(2, GLib.Variant('(s)', ('The name is not activatable',)),
                   'org.freedesktop.DBus.Error.ServiceUnknown'),
    'signal': signal,
    'empty': reply(2, None),
    'all-types': reply(2, GLib.Variant('(ybnqiuxtdsogv)', (1, True, -2, 3, -4, 5, -6, 7, 0.5, 's',
                                                          '/o', 'a{sv}', GLib.Variant('ay', b'xy')))),
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'dbus-wire')
os.makedirs(out, exist_ok=True)
for name, m in MESSAGES.items():
    for order, tag in ((LE, 'l'), (BE, 'B')):
        m.set_byte_order(order)
        with open(os.path.join(out, f'seed-{name}-{tag}'), 'wb') as f:
            f.write(m.to_blob(Gio.DBusCapabilityFlags.NONE))

# SPDX-License-Identifier: GPL-3.0-or-later
"""kde.py — KDE Plasma 5.27 for the desktop suite: the real session
started headless, the way startplasma-wayland would, minus the parts that
need hardware or a login manager.

KwinTestCase (Wayland): kwin_wayland on a virtual 1280x800 output with
Xwayland, kactivitymanagerd, then plasmashell (the panel, the tray and the
notification server, which plasmashell draws popups for). mobed gets what
a Plasma Wayland session gives its programs: WAYLAND_DISPLAY, DISPLAY
(Xwayland's), XDG_SESSION_TYPE=wayland, XDG_CURRENT_DESKTOP=KDE.
/usr/bin/kwin_wayland carries the file capability cap_sys_resource, which a
container without it in its bounding set cannot exec; a plain copy (the
copy drops the capability) runs.

Real input goes through KWin's org_kde_kwin_fake_input protocol
(tools/kde-fake-input.c, in $MOBED_DESKTOP_TOOLS), which KWin feeds into
its input pipeline like a device's. The virtual output comes with no input
device, so the seat has a pointer only while a fake input client is
connected: one stays connected from before plasmashell starts to the end
of the test, taking commands on a pipe. Where things are on screen: KWin's own
scripting reports the windows and their geometry (a script calls back
into the test over D-Bus); what is inside plasmashell's popup is read
from a screenshot (org.kde.KWin.ScreenShot2) of that rectangle.

PlasmaX11TestCase: KDE on X11 as far as mobed can tell: an X server (Xvfb)
and Plasma's X11 session manager ksmserver, which on X11 hosts the screen
locker and so owns org.freedesktop.ScreenSaver (on Wayland KWin does).
"""

import glob
import json
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

from desktoptest import NOTIFY_NAME, NOTIFY_PATH, SLOWDOWN, DesktopTestCase, Gio, GLib

WIDTH, HEIGHT = 1280, 800

TOOLS = Path(os.environ.get('MOBED_DESKTOP_TOOLS',
                            str(Path(__file__).resolve().parents[2] / 'build' / 'tests'
                                / 'desktops')))
FAKE_INPUT = TOOLS / 'kde-fake-input'


def libexec(name):
    """A program of KDE's libexec directory (its path has the multiarch
    triplet in it), or @name alone when it is not installed."""
    found = sorted(glob.glob(f'/usr/lib/*/libexec/{name}')) + \
        sorted(glob.glob(f'/usr/libexec/{name}'))
    return found[0] if found else name


KACTIVITYMANAGERD = libexec('kactivitymanagerd')
PLASMA_DESKTOP_SHELL = '/usr/share/plasma/shells/org.kde.plasma.desktop'
QT_WAYLAND_PLUGIN = sorted(glob.glob('/usr/lib/*/qt5/plugins/platforms/libqwayland-generic.so'))

SCREENSAVER = 'org.freedesktop.ScreenSaver'
LOGIN1 = 'org.freedesktop.login1'

# What a script inside KWin says about its windows, through callDBus() to
# an object the test exports on its own connection.
PROBE_PATH = '/org/mobed/KdeTest'
PROBE_IFACE = 'org.mobed.KdeTest'
PROBE_XML = f"""<node><interface name="{PROBE_IFACE}">
  <method name="Windows"><arg name="json" type="s" direction="in"/></method>
</interface></node>"""
WINDOWS_SCRIPT = """\
var found = [];
var all = workspace.clientList();
for (var i = 0; i < all.length; i++) {
    var w = all[i];
    var g = w.frameGeometry;
    found.push({id: w.internalId.toString(), caption: w.caption,
                resourceClass: String(w.resourceClass), notification: w.notification,
                criticalNotification: w.criticalNotification,
                x: g.x, y: g.y, width: g.width, height: g.height});
}
callDBus(%s, %s, %s, "Windows", JSON.stringify(found));
"""


def write_png(path, width, height, rgb):
    """An 8-bit RGB PNG of @rgb (rows top to bottom, 3 bytes a pixel)."""
    stride = width * 3
    raw = b''.join(b'\0' + rgb[y * stride:(y + 1) * stride] for y in range(height))

    def chunk(kind, body):
        return (struct.pack('>I', len(body)) + kind + body
                + struct.pack('>I', zlib.crc32(kind + body)))
    Path(path).write_bytes(b'\x89PNG\r\n\x1a\n'
                           + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
                           + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))


def white_runs(row, x0, x1, min_length=12):
    """[(start, end)] of the stretches of near-white pixels between x0
    and x1 of @row (RGB bytes) at least @min_length long (end exclusive)."""
    runs, start = [], None
    for x in range(x0, x1 + 1):
        white = x < x1 and min(row[3 * x:3 * x + 3]) >= 240
        if white and start is None:
            start = x
        elif not white and start is not None:
            if x - start >= min_length:
                runs.append((start, x))
            start = None
    return runs


def find_buttons(rows, box, count):
    """Centres of the @count buttons in the bottom part of plasmashell's
    notification popup at @box (x, y, width, height) in a screenshot
    (rows of RGB bytes),
    left to right, or None when they are not (yet) all there. Breeze
    draws a button as a near-white face in a grey frame on the popup's
    grey background, and the only near-white inside the popup: the rows
    that cross every face (above and below the labels) hold exactly
    @count near-white stretches, at the same places."""
    x, y, w, h = box
    x0, x1 = max(x, 0), min(x + w, len(rows[0]) // 3)
    found = {}
    for yy in range(min(y + h, len(rows)) - 1, max(y + h // 3, 0), -1):
        runs = white_runs(rows[yy], x0, x1)
        if len(runs) == count:
            found.setdefault(tuple(runs), []).append(yy)
    if not found:
        return None
    # The faces' rows: the placement most rows agree on.
    runs, ys = max(found.items(), key=lambda item: len(item[1]))
    if len(ys) < 4:
        return None
    top, bottom = min(ys), max(ys)
    return [((a + b) // 2, (top + bottom) // 2) for a, b in runs]


class KdeSessionMixin:
    """What both KDE cases share: the session's processes and D-Bus."""

    shell = 'kde'
    logind = True

    def comm_of_owner(self, name):
        pid = self.owner_pid(name)
        return pid and Path(f'/proc/{pid}/comm').read_text().strip()

    def write_kde_config(self, name, text):
        (Path(self.env['XDG_CONFIG_HOME']) / name).write_text(text)

    def no_autolock(self):
        # The screen locker's default locks after 5 minutes without input,
        # which a slow run could reach; and KWin does not take screenshots
        # of a locked screen.
        self.write_kde_config('kscreenlockerrc', '[Daemon]\nAutolock=false\nLockOnResume=false\n')

    def ensure_x11_socket_dir(self):
        # Xwayland and Xvfb put their sockets there; a container may lack it,
        # and KWin then gives up on Xwayland and exits.
        path = Path('/tmp/.X11-unix')
        if not path.is_dir():
            path.mkdir(mode=0o1777, exist_ok=True)
            os.chmod(path, 0o1777)

    # -- logind (the mock) ---------------------------------------------

    def resolve_auto_session(self):
        """KWin's screen locker calls SetLockedHint on logind's session
        'auto', which real logind takes as the caller's own session; the
        mock has 'auto' as a session of its own. Made to set the hint on
        the test's session c1 too, the mock then does what logind does."""
        self.call(self.system_bus, LOGIN1, '/org/freedesktop/login1/session/auto',
                  'org.freedesktop.DBus.Mock', 'AddMethod', GLib.Variant('(sssss)', (
                      'org.freedesktop.login1.Session', 'SetLockedHint', 'b', '',
                      'self.UpdateProperties("", {"LockedHint": args[0]}); '
                      'objects["/org/freedesktop/login1/session/c1"].UpdateProperties('
                      '"", {"LockedHint": args[0]})')))

    def session_paths(self):
        return [f'/org/freedesktop/login1/session/{sid}' for sid in ('c1', 'auto')]

    def locked_hint(self):
        """LockedHint of the test's logind session c1, mobed's."""
        return self.call(self.system_bus, LOGIN1, '/org/freedesktop/login1/session/c1',
                         'org.freedesktop.DBus.Properties', 'Get', GLib.Variant(
                             '(ss)', ('org.freedesktop.login1.Session', 'LockedHint')))[0]

    def logind_unlock(self):
        """What `loginctl unlock-session` does: logind sends the session's
        Unlock signal, which KDE's screen locker obeys."""
        for path in self.session_paths():
            self.call(self.system_bus, LOGIN1, path, 'org.freedesktop.DBus.Mock', 'EmitSignal',
                      GLib.Variant('(sssav)', ('org.freedesktop.login1.Session', 'Unlock', '',
                                               [])))

    def screensaver_active(self):
        return self.call(self.bus, SCREENSAVER, '/ScreenSaver', SCREENSAVER, 'GetActive')[0]


class KwinTestCase(KdeSessionMixin, DesktopTestCase):
    """Plasma on Wayland, started for each test (about 2 s)."""

    def start_desktop(self):
        self.ensure_x11_socket_dir()
        self.no_autolock()
        self.resolve_auto_session()
        kwin = self.tmp / 'kwin_wayland'
        shutil.copy('/usr/bin/kwin_wayland', kwin)
        socket = f'wayland-mobed-{self.tmp.name}'
        display_file = Path(self.env['XDG_RUNTIME_DIR']) / 'kwin-display'
        session = dict(self.env, XDG_SESSION_TYPE='wayland', XDG_CURRENT_DESKTOP='KDE',
                       KDE_FULL_SESSION='true', KDE_SESSION_VERSION='5',
                       XDG_SESSION_DESKTOP='KDE')
        # KWin starts the programs named after its options once Xwayland is
        # up, with DISPLAY set: this one says which display that is.
        self.kwin = self.spawn('kwin', [
            str(kwin), '--virtual', '--xwayland', '--width', str(WIDTH), '--height', str(HEIGHT),
            '--socket', socket,
            f"sh -c 'printenv DISPLAY > {display_file}.part && mv {display_file}.part "
            f"{display_file}'"],
            env=dict(session, KWIN_SCREENSHOT_NO_PERMISSION_CHECKS='1',
                     KWIN_WAYLAND_NO_PERMISSION_CHECKS='1'))

        def started():
            if self.kwin.poll() is not None:
                self.fail(f'kwin_wayland exited with {self.kwin.returncode} while starting')
            return display_file.exists() and display_file.read_text().strip()
        display = self.eventually(started, 30, 'kwin_wayland did not start Xwayland')
        session.update(WAYLAND_DISPLAY=socket, DISPLAY=display)
        # Before plasmashell: the seat has a pointer only while a fake input
        # device exists, and plasmashell should find it there from the start.
        self.start_fake_input(session)
        qt = dict(session, QT_QPA_PLATFORM='wayland')
        kam = self.spawn('kactivitymanagerd', [KACTIVITYMANAGERD], env=qt)
        self.wait_owner(self.bus, 'org.kde.ActivityManager', kam, 'kactivitymanagerd')
        self.plasmashell = self.spawn('plasmashell', ['plasmashell', '--no-respawn'], env=qt)
        self.wait_owner(self.bus, NOTIFY_NAME, self.plasmashell, 'plasmashell', timeout=30)
        self.assertEqual(self.comm_of_owner(NOTIFY_NAME), 'plasmashell',
                         f'{NOTIFY_NAME} is not plasmashell\'s')
        self.assertEqual(self.comm_of_owner(SCREENSAVER), 'kwin_wayland')
        for var in ('WAYLAND_DISPLAY', 'DISPLAY', 'XDG_SESSION_TYPE', 'XDG_CURRENT_DESKTOP'):
            self.env[var] = session[var]
        # What plasmashell says it did (a button or the body clicked).
        self.actions_invoked = []
        self.bus.signal_subscribe(None, NOTIFY_NAME, 'ActionInvoked', NOTIFY_PATH, None,
                                  Gio.DBusSignalFlags.NONE, self._on_action_invoked)
        self._probe_replies = []
        self._probe_count = 0
        node = Gio.DBusNodeInfo.new_for_xml(PROBE_XML)
        reg = self.bus.register_object(PROBE_PATH, node.interfaces[0], self._on_probe, None, None)
        self.addCleanup(self.bus.unregister_object, reg)

    def _on_action_invoked(self, _conn, _sender, _path, _iface, _name, args):
        self.actions_invoked.append(args.unpack()[1])

    def wait_action_invoked(self, key, timeout=10):
        """Waits until plasmashell has sent ActionInvoked @key (which
        button, or "default" for the body, the server saw clicked)."""
        self.eventually(lambda: key in self.actions_invoked, timeout,
                        f'plasmashell sent no ActionInvoked {key!r} '
                        f'(it sent {self.actions_invoked})')

    # -- KWin's view of the windows -------------------------------------

    def _on_probe(self, _conn, _sender, _path, _iface, method, params, invocation):
        self._probe_replies.append(json.loads(params.unpack()[0]))
        invocation.return_value(None)

    def kwin_windows(self):
        """The windows KWin manages, each a dict with id, caption,
        resourceClass, notification, x, y, width, height: a script run
        inside KWin reports them."""
        self._probe_count += 1
        name = f'mobed-test-{self._probe_count}'
        path = self.tmp / f'{name}.js'
        path.write_text(WINDOWS_SCRIPT % tuple(json.dumps(s) for s in (
            self.bus.get_unique_name(), PROBE_PATH, PROBE_IFACE)))
        seen = len(self._probe_replies)
        script_id = self.call(self.bus, 'org.kde.KWin', '/Scripting', 'org.kde.kwin.Scripting',
                              'loadScript', GLib.Variant('(ss)', (str(path), name)))[0]
        self.assertGreaterEqual(script_id, 0, f'KWin did not load {path}')
        try:
            self.call(self.bus, 'org.kde.KWin', f'/{script_id}', 'org.kde.kwin.Script', 'run')
            self.eventually(lambda: len(self._probe_replies) > seen, 10,
                            'the script in KWin never reported its windows')
        finally:
            self.call(self.bus, 'org.kde.KWin', '/Scripting', 'org.kde.kwin.Scripting',
                      'unloadScript', GLib.Variant('(s)', (name,)))
        return self._probe_replies[seen]

    def notification_popups(self):
        return [w for w in self.kwin_windows()
                if w['notification'] or w['criticalNotification']]

    # -- pictures ----------------------------------------------------------

    def screenshot(self, what=None):
        """The screen as KWin composes it: (rows, each the RGB bytes of
        one line of pixels; path of the PNG written when @what names it)."""
        r, w = os.pipe()
        try:
            fds = Gio.UnixFDList.new()
            index = fds.append(w)
        finally:
            os.close(w)
        try:
            reply, _ = self.bus.call_with_unix_fd_list_sync(
                'org.kde.KWin.ScreenShot2', '/org/kde/KWin/ScreenShot2',
                'org.kde.KWin.ScreenShot2', 'CaptureActiveScreen',
                GLib.Variant('(a{sv}h)', ({}, index)), GLib.VariantType('(a{sv})'),
                Gio.DBusCallFlags.NONE, int(10000 * SLOWDOWN), fds, None)
            # The list holds its own copy of the pipe's end: closed, the
            # pipe ends when KWin is done with it.
            for fd in fds.steal_fds():
                os.close(fd)
            meta = reply.unpack()[0]
            self.assertEqual(meta.get('type'), 'raw', f'ScreenShot2 answered {meta}')
            width, height, stride = meta['width'], meta['height'], meta['stride']
            data = bytearray()
            while len(data) < stride * height:
                chunk = os.read(r, 1 << 20)
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(r)
        self.assertEqual(len(data), stride * height, f'short screenshot for {meta}')
        # QImage::Format_RGB32 (4), _ARGB32 (5), _ARGB32_Premultiplied (6):
        # 32-bit 0xAARRGGBB, so B, G, R, A in memory on a little-endian machine.
        self.assertIn(meta['format'], (4, 5, 6), f'screenshot in QImage format {meta["format"]}')
        packed = b''.join(bytes(data[y * stride:y * stride + width * 4]) for y in range(height))
        rgb = bytearray(width * height * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = packed[2::4], packed[1::4], packed[0::4]
        rgb = bytes(rgb)
        rows = [rgb[y * width * 3:(y + 1) * width * 3] for y in range(height)]
        path = None
        if what is not None:
            path = self.screenshot_path(what)
            write_png(path, width, height, rgb)
        return rows, path

    # -- input -------------------------------------------------------------

    def start_fake_input(self, env):
        """kde-fake-input, connected for the whole test, taking commands
        on its input (KWin's virtual backend has no input devices: the
        seat has a pointer only while a fake input client is connected, and
        a client coming and going for each command would make the programs
        drop their wl_pointer and miss events)."""
        path = self.tmp / f'kde-fake-input-{len(self.logs)}.log'
        log = open(path, 'wb')  # noqa: SIM115
        self.addCleanup(log.close)
        self.logs.append(('kde-fake-input', path))
        self._input = subprocess.Popen([str(FAKE_INPUT), '-'], env=env, stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=log)
        self.addCleanup(self.stop, self._input)
        self.addCleanup(self._input.stdin.close)
        self.assertEqual(self.read_fd_line(self._input.stdout.fileno(), self._input,
                                           'kde-fake-input'), 'ready')

    def fake_input(self, *commands):
        """Runs kde-fake-input's @commands (move DX DY, moveto X Y,
        click left, key CODE); returns once KWin has handled them."""
        line = ' '.join(map(str, commands))
        self._input.stdin.write(line.encode() + b'\n')
        self._input.stdin.flush()
        answer = self.read_fd_line(self._input.stdout.fileno(), self._input, 'kde-fake-input')
        self.transcript.append(f'kde-fake-input: {line} -> {answer}')
        self.assertEqual(answer, 'ok', f'kde-fake-input: {line}')

    def click(self, x, y):
        self.fake_input('moveto', x, y, 'click', 'left')

    def park_pointer(self):
        # Off the popup, the panel and the screen edges.
        self.fake_input('moveto', WIDTH // 3, HEIGHT // 3)

    # -- the notification popup ---------------------------------------------

    def wait_popup_buttons(self, count=4, not_id=None, what=None, timeout=15):
        """Waits until plasmashell shows exactly one notification popup
        (other than the window @not_id) with @count buttons, and returns
        (popup, button centres left to right). Geometry and picture must
        agree twice in a row: the popup slides in."""
        last = [None]

        def settled():
            popups = [p for p in self.notification_popups() if p['id'] != not_id]
            if len(popups) != 1:
                last[0] = None
                return None
            popup = popups[0]
            self.assertEqual(popup['resourceClass'], 'org.kde.plasmashell', f'popup: {popup}')
            rows, _ = self.screenshot()
            buttons = find_buttons(rows, (popup['x'], popup['y'], popup['width'],
                                          popup['height']), count)
            now = (popup['id'], popup['x'], popup['y'], popup['width'], popup['height'],
                   tuple(buttons or ()))
            stable = buttons and last[0] == now
            last[0] = now
            return stable and (popup, buttons)
        popup, buttons = self.eventually(
            settled, timeout, f'no settled notification popup with {count} buttons '
            f'(windows: {self.kwin_windows()})')
        if what is not None:
            rows, path = self.screenshot(what)
            self.check_screenshot(path, WIDTH, HEIGHT)
        return popup, buttons

    def wait_no_popup(self, timeout=10):
        self.eventually(lambda: not self.notification_popups(), timeout,
                        f'a notification popup stayed: {self.notification_popups()}')

    # -- do not disturb --------------------------------------------------------

    def server_inhibited(self):
        return self.call(self.bus, NOTIFY_NAME, NOTIFY_PATH, 'org.freedesktop.DBus.Properties',
                         'Get', GLib.Variant('(ss)', (NOTIFY_NAME, 'Inhibited')))[0]

    def toggle_do_not_disturb(self):
        """The notification applet's do-not-disturb toggle (its
        Globals.toggleDoNotDisturbMode, what a middle click on the tray's
        notification icon runs: inhibited until a year from now, or all
        inhibitions revoked; plasmashell's server then sets Inhibited),
        run through the applet's global shortcut in kglobalaccel, which
        KWin hosts."""
        self.call(self.bus, 'org.kde.kglobalaccel', '/component/plasmashell',
                  'org.kde.kglobalaccel.Component', 'invokeShortcut',
                  GLib.Variant('(s)', ('toggle do not disturb',)))


class PlasmaX11TestCase(KdeSessionMixin, DesktopTestCase):
    """KDE on X11 as mobed sees it: an X server (Xvfb) and Plasma's X11
    session manager, ksmserver, owning org.freedesktop.ScreenSaver."""

    def start_desktop(self):
        self.ensure_x11_socket_dir()
        self.no_autolock()
        display = self.start_xvfb(WIDTH, HEIGHT)
        session = dict(self.env, DISPLAY=display, XDG_SESSION_TYPE='x11',
                       XDG_CURRENT_DESKTOP='KDE', KDE_FULL_SESSION='true',
                       KDE_SESSION_VERSION='5', XDG_SESSION_DESKTOP='KDE')
        ksmserver = self.spawn('ksmserver', ['ksmserver'], env=session)
        self.wait_owner(self.bus, SCREENSAVER, ksmserver, 'ksmserver')
        self.assertEqual(self.comm_of_owner(SCREENSAVER), 'ksmserver')
        for var in ('DISPLAY', 'XDG_SESSION_TYPE', 'XDG_CURRENT_DESKTOP'):
            self.env[var] = session[var]

    def screensaver_idle_ms(self):
        return self.call(self.bus, SCREENSAVER, '/ScreenSaver', SCREENSAVER,
                         'GetSessionIdleTime')[0]

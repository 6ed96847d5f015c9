# SPDX-License-Identifier: GPL-3.0-or-later
"""e2etest.py — the end-to-end tests' desktop: an Xvfb X server and the
real `dunst` notification daemon with the test dunstrc (dunstrc.in), one
more desktop of tests/desktops/desktoptest.py, which brings the rest: the
private session bus, temporary XDG directories and HOME, the real `mobed`
and `mobectl` from the build, waiting on conditions and the logs printed
when a test fails.

The tests look at the break the way a person would, through dunst: what it
displays (`dunstctl count displayed`), what it records for every
notification it puts on screen (dunst_record.py, a dunstrc `script` rule),
its history (`dunstctl history`), and the screen itself (screenshot.py).
MOBED_E2E_OUTDIR is where screenshots go (meson sets the build root).
"""

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'desktops'))

import desktoptest  # noqa: E402
from desktoptest import NOTIFY_NAME, OUTDIR, DesktopTestCase  # noqa: E402,F401

ICON_DIR = desktoptest.SOURCE / 'data' / 'icons' / 'hicolor' / 'scalable' / 'apps'

# Programs the tests run, and the Debian package each comes in.
PROGRAMS = {'Xvfb': 'xvfb', 'dunst': 'dunst', 'dunstctl': 'dunst', 'dbus-daemon': 'dbus-daemon',
            'dbus-send': 'dbus-bin', 'busctl': 'systemd', 'xwd': 'x11-apps'}


class DunstTestCase(DesktopTestCase):
    """Per test: Xvfb, a session bus, dunst and mobed, all torn down after."""

    shell = 'dunst'
    mobed_config = {'schedule': {'interval': '2s'}}

    def _make_env(self):
        env = super()._make_env()
        env.update(GSETTINGS_BACKEND='memory',
                   MOBED_E2E_RECORD=str(self.tmp / 'dunst-record.jsonl'),
                   MOBED_E2E_MENU=str(self.tmp / 'dunst-menu.txt'),
                   MOBED_E2E_PICK=str(self.tmp / 'dunst-pick'))
        return env

    def start_desktop(self):
        # A TrueColor visual (-cc 4) as on real hardware, and a black root (-br).
        self.display = self.start_xvfb(800, 600, '-cc', '4', '-br', '-noreset')
        self.env['DISPLAY'] = self.display
        self.dunst = self.start_dunst()
        self.before_mobed()

    def before_mobed(self):
        """Set the desktop up further before mobed starts (for subclasses)."""

    def start_dunst(self):
        """Starts dunst with the test dunstrc; returns once it owns the
        notification name."""
        rc = self.tmp / 'dunstrc'
        if not rc.exists():
            # dunst runs these by path: executable copies, whatever the checkout.
            for script in ('dunst_menu.py', 'dunst_record.py'):
                shutil.copy(HERE / script, self.tmp / script)
                (self.tmp / script).chmod(0o755)
            rc.write_text((HERE / 'dunstrc.in').read_text()
                          .replace('@ICON_PATH@', str(ICON_DIR))
                          .replace('@MENU@', str(self.tmp / 'dunst_menu.py'))
                          .replace('@RECORD@', str(self.tmp / 'dunst_record.py')))
        proc = self.spawn('dunst', ['dunst', '-config', str(rc)])
        self.wait_owner(self.bus, NOTIFY_NAME, proc, 'dunst')
        return proc

    # -- what dunst shows -----------------------------------------------------

    def dunstctl(self, *args):
        return self.run_tool('dunstctl', *args).stdout

    def displayed(self):
        return int(self.dunstctl('count', 'displayed'))

    def history(self):
        """dunst's history, newest first, as dicts of plain values."""
        data = json.loads(self.dunstctl('history'))['data'][0]
        return [{k: v['data'] for k, v in n.items()} for n in data]

    def records(self):
        """What dunst put on screen, oldest first (dunst_record.py)."""
        try:
            text = Path(self.env['MOBED_E2E_RECORD']).read_text(encoding='utf-8')
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in text.splitlines() if line.endswith('}')]

    def wait_records(self, count, timeout=10):
        return self.eventually(lambda: len(self.records()) >= count and self.records(),
                               timeout, f'dunst did not show notification #{count} '
                                        f'within {timeout} s')

    def wait_closed(self, record, timeout=10):
        """Waits until the notification dunst showed as @record is closed,
        that is, moved from dunst's displayed list to its history; returns
        its history entry.  (Counting what is displayed would race with the
        next break, due 2 s after an answer.)"""
        def closed():
            return next((n for n in self.history() if n['id'] == int(record['id'])), None)
        return self.eventually(closed, timeout, f'dunst still shows notification '
                                                f'{record["id"]} after {timeout} s')

    def wait_displayed(self, count, timeout=10):
        self.eventually(lambda: self.displayed() == count, timeout,
                        lambda: f'dunst never displayed {count} notification(s) within '
                                f'{timeout} s (now {self.displayed()})')

    def dump_logs(self):
        self.logs.append(('dunst record', self.tmp / 'dunst-record.jsonl'))
        super().dump_logs()


def main(programs=None):
    """Entry point of a test file: exit 77 (skip) when something is missing;
    @programs names more programs the file needs, with their packages."""
    desktoptest.main({**PROGRAMS, **(programs or {})})

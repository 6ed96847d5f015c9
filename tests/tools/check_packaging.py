#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_packaging.py SOURCE_ROOT — keeps the packages in step with meson.

Checks that
- meson.build's project version is debian/changelog's newest version (a
  native package: the same number, no Debian revision), the Arch
  PKGBUILD's pkgver and the newest release in the AppStream metainfo, and
  that the metainfo's release date is the changelog entry's date;
- every dependency() name in the meson.build files meson reads (followed
  through subdir() from the top) has an Arch package in ARCH_PACKAGES
  below, and that package is in the PKGBUILD's depends or makedepends (a
  new dependency fails here until it is mapped);
- every package of debian/control's Build-Depends is one scripts/deps
  installs (build_pkgs, or pkg_pkgs for the packaging tools), and each
  Depends/Recommends relation that is not a substitution variable has an
  alternative in pkg_pkgs, so that the package pass installs nothing but
  mobed;
- the metainfo's screenshot URLs end in a path that is a file in the tree.

Prints each problem and exits 1; exits 0 when all agree. Standard library
only.
"""

import email.utils
import os
import re
import sys
import xml.etree.ElementTree as ET

# meson dependency() name -> Arch package providing its pkg-config file, or
# None where the package is not needed: those dependencies are optional and
# only name a directory, which meson.build falls back to under the prefix
# when the .pc file is missing, and the fallback is Arch's own path.
ARCH_PACKAGES = {
    'glib-2.0': 'glib2',
    'gio-2.0': 'glib2',
    'gio-unix-2.0': 'glib2',
    'json-glib-1.0': 'json-glib',
    'libcanberra': 'libcanberra',
    'libnotify': 'libnotify',
    'sqlite3': 'sqlite',
    'xcb': 'libxcb',
    'xcb-sync': 'libxcb',
    'libpipewire-0.3': 'libpipewire',
    'wayland-client': 'wayland',
    # Only for the tests, but in the same package as wayland-client.
    'wayland-server': 'wayland',
    'wayland-protocols': 'wayland-protocols',
    'dbusmenu-glib-0.4': 'libdbusmenu-glib',   # mobed-indicator's menu
    'systemd': 'systemd',
    'dbus-1': None,            # /usr/share/dbus-1/services
    'bash-completion': None,   # /usr/share/bash-completion/completions
    'fish': None,              # /usr/share/fish/vendor_completions.d
}
# Names in debian/control that a package of another name provides.
DEBIAN_PROVIDERS = {
    'debhelper-compat': 'debhelper',
    'default-dbus-session-bus': 'dbus-user-session',
    'dbus-session-bus': 'dbus-user-session',
}

METAINFO = os.path.join('data', 'org.mobed.Daemon.metainfo.xml')


def read(root, path):
    with open(os.path.join(root, path), encoding='utf-8') as f:
        return f.read()


def meson_files(root, subdir=''):
    """The meson.build files meson reads, from the top through subdir()."""
    path = os.path.join(subdir, 'meson.build')
    text = read(root, path)
    yield path, text
    code = '\n'.join(line.split('#', 1)[0] for line in text.splitlines())
    for sub in re.findall(r"\bsubdir\(\s*'([^']+)'", code):
        yield from meson_files(root, os.path.join(subdir, sub))


def meson_version(root):
    m = re.search(r"project\([^)]*?\bversion\s*:\s*'([^']+)'", read(root, 'meson.build'), re.S)
    return m.group(1) if m else None


def meson_dependencies(root):
    names = set()
    for _, text in meson_files(root):
        code = '\n'.join(line.split('#', 1)[0] for line in text.splitlines())
        names.update(re.findall(r"\bdependency\(\s*'([^']+)'", code))
    return names


def changelog_head(root):
    """(version, date) of debian/changelog's newest entry."""
    text = read(root, os.path.join('debian', 'changelog'))
    m = re.match(r'mobed \(([^)]+)\)', text)
    trailer = re.search(r'^ -- .+?>  (.+)$', text, re.M)
    date = None
    if trailer:
        date = email.utils.parsedate_to_datetime(trailer.group(1)).date()
    return (m.group(1) if m else None), date


def bash_array(text, name):
    """The words of NAME=(...) and NAME+=(...) in a shell file, comments
    dropped (they may hold parentheses); "${other[@]}" expansions are
    skipped."""
    words = []
    inside = False
    for line in text.splitlines():
        code = line.split('#', 1)[0]
        if not inside:
            m = re.match(r'\s*%s\+?=\((.*)' % re.escape(name), code)
            if not m:
                continue
            code, inside = m.group(1), True
        if ')' in code:
            code, inside = code.split(')', 1)[0], False
        for w in code.split():
            w = w.strip('\'"')
            if w and not w.startswith('$'):
                words.append(w)
    return words


def pkgbuild_var(text, name):
    m = re.search(r'^%s=(.*)$' % re.escape(name), text, re.M)
    return m.group(1).strip('\'"') if m else None


def control_relations(text, field):
    """[[alternative names]] of FIELD in debian/control, across paragraphs."""
    rels = []
    for m in re.finditer(r'^%s:(.*(?:\n[ \t].*)*)' % re.escape(field), text, re.M):
        value = ' '.join(line.split('#', 1)[0] for line in m.group(1).splitlines())
        for rel in value.split(','):
            alts = [re.sub(r'\s*[\(\[<].*', '', a).strip() for a in rel.split('|')]
            alts = [a for a in alts if a]
            if alts:
                rels.append(alts)
    return rels


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    problems = []

    version = meson_version(root)
    if not version:
        problems.append('meson.build: no project version found')
    deb_version, deb_date = changelog_head(root)
    if deb_version != version:
        problems.append('debian/changelog says %s, meson.build %s' % (deb_version, version))
    pkgbuild = read(root, os.path.join('packaging', 'arch', 'PKGBUILD'))
    pkgver = pkgbuild_var(pkgbuild, 'pkgver')
    if pkgver != version:
        problems.append('PKGBUILD pkgver=%s, meson.build %s' % (pkgver, version))

    metainfo = ET.parse(os.path.join(root, METAINFO)).getroot()
    releases = metainfo.findall('./releases/release')
    if not releases:
        problems.append(METAINFO + ': no release')
    else:
        newest = releases[0]    # AppStream lists the newest first
        if newest.get('version') != version:
            problems.append('%s: newest release %s, meson.build %s'
                            % (METAINFO, newest.get('version'), version))
        if deb_date is None or newest.get('date') != deb_date.isoformat():
            problems.append('%s: release %s dated %s, debian/changelog %s'
                            % (METAINFO, newest.get('version'), newest.get('date'), deb_date))
    for image in metainfo.iter('image'):
        path = re.sub(r'^https?://[^/]+/', '', (image.text or '').strip())
        if not os.path.isfile(os.path.join(root, path)):
            problems.append('%s: screenshot %s is no file of the tree (%s)'
                            % (METAINFO, image.text, path))

    arch_packages = set()
    for name in ('depends', 'makedepends'):
        arch_packages.update(bash_array(pkgbuild, name))
    for dep in sorted(meson_dependencies(root)):
        if dep not in ARCH_PACKAGES:
            problems.append("dependency('%s') has no Arch package in ARCH_PACKAGES of %s"
                            % (dep, os.path.basename(__file__)))
        elif ARCH_PACKAGES[dep] and ARCH_PACKAGES[dep] not in arch_packages:
            problems.append("dependency('%s'): %s is not in the PKGBUILD's depends or makedepends"
                            % (dep, ARCH_PACKAGES[dep]))

    deps = read(root, os.path.join('scripts', 'deps'))
    build_pkgs = set(bash_array(deps, 'build_pkgs'))
    pkg_pkgs = set(bash_array(deps, 'pkg_pkgs'))
    if not build_pkgs or not pkg_pkgs:
        problems.append('scripts/deps: build_pkgs or pkg_pkgs not found')
    control = read(root, os.path.join('debian', 'control'))
    build_depends = control_relations(control, 'Build-Depends')
    if not build_depends:
        problems.append('debian/control: no Build-Depends')
    for alts in build_depends:
        names = {DEBIAN_PROVIDERS.get(a, a) for a in alts}
        if not names & (build_pkgs | pkg_pkgs):
            problems.append('debian/control Build-Depends %s: not installed by scripts/deps'
                            % ' | '.join(alts))
    for field in ('Depends', 'Recommends'):
        for alts in control_relations(control, field):
            if any(a.startswith('$') for a in alts):
                continue
            if not {DEBIAN_PROVIDERS.get(a, a) for a in alts} & pkg_pkgs:
                problems.append('debian/control %s %s: not in pkg_pkgs of scripts/deps'
                                % (field, ' | '.join(alts)))

    for p in problems:
        print('FAIL', p)
    print('packaging: version %s, %d problem(s)' % (version, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

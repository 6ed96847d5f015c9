#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/install/package_pass.sh OUTDIR — scripts/test's package pass: the
# Debian package built, linted, installed, used and purged, as a user of
# the package would meet it.
#
# Steps, each one test in OUTDIR/testlog.json (meson's format, which
# scripts/test counts) with its output in OUTDIR/<step>.log:
#   copy     the working tree's files (git ls-files: no build directories)
#            into OUTDIR/src/mobed
#   build    dpkg-buildpackage -us -uc there: source and binary, so that
#            lintian sees debian/ itself too
#   lintian  no error and no warning on the .changes (info and pedantic
#            tags are shown, not counted)
#   install  apt-get install ./mobed_*.deb, which must bring nothing but
#            mobed (what it needs is in scripts/deps' pkg_pkgs), and the
#            user unit enabled
#   smoke    tests/install/smoke_installed.py: /usr/bin/mobed activated on a
#            private bus, a break, Done, the history
#   purge    apt-get purge mobed: every file dpkg listed is gone (but
#            directories other packages own), the unit's enable link too,
#            and the installed packages are the ones there were before
# A step whose step before failed is not run and counts as failed.
#
# The machine's package database is changed between install and purge
# only: a trap purges mobed on any exit or signal once it is installed.
# If mobed is already installed as a package, the pass refuses to start
# rather than replace and purge it. Everything mobed does runs on a
# private bus with temporary HOME and XDG directories, beside any mobed
# already running for the user.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: package_pass.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
testlog=$out/testlog.json
: >"$testlog"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "package pass: need root or sudo to run: $*" >&2
    return 1
  fi
}
# Another apt-get (scripts/deps of a parallel run) may hold dpkg's lock.
apt_get() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"
}
installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' mobed 2>/dev/null)" = installed ]
}

failed_before=""
# step NAME FUNCTION: runs FUNCTION with its output in NAME.log, records
# the result; after a failed step the rest are recorded as not run.
step() {
  local name=$1 fn=$2 start=$SECONDS result=OK
  if [ -n "$failed_before" ]; then
    echo "not run: $failed_before failed" >"$out/$name.log"
    result=FAIL
  elif ! "$fn" >"$out/$name.log" 2>&1; then
    result=FAIL
    failed_before=$name
    echo "----- package pass: $name failed; the end of $out/$name.log -----"
    tail -n 60 "$out/$name.log"
  fi
  printf '{"name": "package:%s", "result": "%s", "duration": %d}\n' \
    "$name" "$result" "$((SECONDS - start))" >>"$testlog"
  echo "package:$name $result ($((SECONDS - start)) s)"
}

# Paths mobed's maintainer scripts touch outside dpkg's file list: the
# enable link dh_installsystemduser's postinst makes and the state file of
# deb-systemd-helper. They must be as they were before once mobed is purged.
extra_paths=(/etc/systemd/user/graphical-session.target.wants/mobed.service
             /var/lib/systemd/deb-systemd-user-helper-enabled/mobed.service.dsh-also)
extra_before() {
  local p
  for p in "${extra_paths[@]}"; do
    if [ -e "$p" ] || [ -L "$p" ]; then echo "$p"; fi
  done
}

# The trap may run inside a step, whose output goes to its log: it speaks
# on the pass's own stderr, kept as fd 3.
exec 3>&2
we_installed=""
cleanup() {
  if [ -n "$we_installed" ] && installed; then
    echo "package pass: purging mobed on the way out" >&3
    apt_get purge -y -qq mobed >/dev/null 2>&1 ||
      echo "package pass: apt-get purge mobed FAILED: mobed is still installed" >&3
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

do_copy() {
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "the package pass installs a system package: run it as root or with sudo"
    return 1
  fi
  if installed; then
    echo "mobed is installed on this machine as a package: the package pass would"
    echo "replace it and purge it. Remove it first (apt-get purge mobed)."
    return 1
  fi
  rm -rf "$out/src"
  mkdir -p "$out/src/mobed"
  # The working tree as it is (new files too, uncommitted changes too),
  # without what git ignores: build directories, an earlier package build.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$root" && while IFS= read -r -d '' f; do
       [ -e "$f" ] && printf '%s\0' "$f"     # listed, but deleted in the tree
     done) |
    (cd "$root" && xargs -0 -r cp --parents -t "$out/src/mobed") || return 1
  [ -f "$out/src/mobed/debian/control" ]
}

do_build() {
  (cd "$out/src/mobed" && dpkg-buildpackage -us -uc)
}

do_lintian() {
  local changes=("$out"/src/mobed_*.changes)
  lintian --fail-on error,warning --display-info --pedantic "${changes[@]}"
}

do_install() {
  local debs=("$out"/src/mobed_*.deb) news
  [ ${#debs[@]} -eq 1 ] || { echo "expected one mobed_*.deb: ${debs[*]}"; return 1; }
  # What apt would install besides mobed would stay after the purge.
  news=$(apt-get install -s "${debs[0]}" | awk '$1 == "Inst" && $2 != "mobed" {print $2}')
  if [ -n "$news" ]; then
    echo "apt-get would also install: $news (add them to pkg_pkgs in scripts/deps)"
    return 1
  fi
  dpkg-query -W -f='${Package}\n' >"$out/packages-before"
  extra_before >"$out/extra-before"
  we_installed=1
  apt_get install -y "${debs[0]}" || return 1
  installed || { echo "mobed is not installed after apt-get install"; return 1; }
  dpkg -L mobed | grep -v '^/\.$' >"$out/files"
  # Enabled for every user (see debian/README.source).
  [ -L /etc/systemd/user/graphical-session.target.wants/mobed.service ] ||
    { echo "the user unit is not enabled"; return 1; }
  echo "installed: $(wc -l <"$out/files") paths"
}

do_smoke() {
  /usr/bin/python3 "$root/tests/install/smoke_installed.py" /usr
}

do_purge() {
  local bad=0 p status
  apt_get purge -y mobed || return 1
  # Purged, dpkg has forgotten mobed or knows it as not-installed.
  status=$(dpkg-query -W -f='${db:Status-Status}' mobed 2>/dev/null)
  if [ -n "$status" ] && [ "$status" != not-installed ]; then
    echo "mobed is still known to dpkg: $status"
    bad=1
  fi
  while IFS= read -r p; do
    [ -e "$p" ] || [ -L "$p" ] || continue
    # A shared directory (/usr/share/man/man1...) stays for its other owners.
    if [ -d "$p" ] && [ ! -L "$p" ] && dpkg-query -S "$p" >/dev/null 2>&1; then continue; fi
    echo "left behind: $p"
    bad=1
  done <"$out/files"
  if ! diff <(extra_before) "$out/extra-before"; then
    echo "the unit's enable link or deb-systemd-helper's state differ from before"
    bad=1
  fi
  if ! diff <(dpkg-query -W -f='${Package}\n') "$out/packages-before"; then
    echo "the installed packages differ from before the install"
    bad=1
  fi
  [ "$bad" -eq 0 ] && echo "purged: nothing of mobed left"
}

step copy do_copy
step build do_build
step lintian do_lintian
step install do_install
# The smoke test's failure must not skip the purge: it runs whenever mobed
# was installed.
step smoke do_smoke
smoke_failed=$failed_before
[ "$failed_before" = smoke ] && failed_before=""
step purge do_purge
[ -z "$smoke_failed" ] || failed_before=$smoke_failed
[ -z "$failed_before" ]

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/fuzz/run.sh — runs one libFuzzer target on its seed corpus, the way
# `meson test --suite fuzz` does in build-fuzz, and by hand for longer runs.
#
#   tests/fuzz/run.sh FUZZER SEEDS WORKDIR [libFuzzer options...]
#
# WORKDIR is emptied first and gets corpus/ (inputs found this run: libFuzzer
# writes new inputs to the first corpus directory, so the committed seeds stay
# as they are) and artifacts/ (crash-*, leak-*, timeout-* inputs). The
# dictionary tests/fuzz/<name of SEEDS>.dict is used if there is one. Options
# after WORKDIR go to libFuzzer (e.g. -runs=200000, -max_total_time=3600);
# -seed=1 unless one is given, so a CI run is repeatable.
set -eu
fuzzer=$1 seeds=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"

set -- -artifact_prefix="$work/artifacts/" -timeout=10 -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 "$@"
case " $* " in *" -seed="*) ;; *) set -- -seed=1 "$@" ;; esac
dict="$here/$(basename "$seeds").dict"
if [ -f "$dict" ]; then set -- -dict="$dict" "$@"; fi

# Defaults for a run by hand, the same as meson test's (see meson.build).
# UBSan only reports unless told to stop; a report must fail the run.
# G_SLICE=always-malloc: GLib 2.74's slice allocator would hide leaks.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/../lsan.supp}"
export G_SLICE=always-malloc
exec "$fuzzer" "$@" "$work/corpus" "$seeds"

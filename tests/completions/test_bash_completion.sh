#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_bash_completion.sh — drives data/completions/mobectl.bash the way bash
# does on <TAB> (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT, then
# _mobectl) in a bash started with --norc --noprofile, and checks COMPREPLY:
# commands (against `mobectl --help`), options, durations, regions and
# settings (against core/vocabulary.c), and drill ids and good-for tags from
# a real mobed on a private bus (against data/drills.ini), or nothing, and
# no error output, when mobed cannot be reached. The bash checks run twice:
# on their own and with bash-completion's helpers loaded (when installed).
# Also: the zsh and fish files parse, and fish completes a few lines.
# Prints TAP.
#
# Env (set by tests/meson.build): MOBECTL_BIN, MOBED_BIN, MOBED_SOURCE_DIR.
set -u

srcdir=${MOBED_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MOBECTL_BIN=${MOBECTL_BIN:-$srcdir/build/cli/mobectl}
MOBED_BIN=${MOBED_BIN:-$srcdir/build/daemon/mobed}
completions=$srcdir/data/completions
helpers=/usr/share/bash-completion/bash_completion

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mobed-compl-XXXXXX")
mobed_pid= bus_pid=
cleanup() {
    [ -n "$mobed_pid" ] && kill "$mobed_pid" 2>/dev/null && wait "$mobed_pid" 2>/dev/null
    [ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# The build's mobectl first on PATH; nothing from the caller's desktop.
export PATH=$(dirname "$MOBECTL_BIN"):$PATH
unset DISPLAY WAYLAND_DISPLAY LANGUAGE
export LC_ALL=C.UTF-8
for d in config state data cache runtime home files; do mkdir -m 700 "$tmp/$d"; done
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data \
       XDG_CACHE_HOME=$tmp/cache XDG_RUNTIME_DIR=$tmp/runtime HOME=$tmp/home
export MOBED_DATA_DIR=$srcdir/data
export DBUS_SESSION_BUS_ADDRESS=unix:path=$tmp/no-such-bus

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)) failed=$((failed + 1))
    echo "not ok $n - $1"
    shift
    printf '# %s\n' "$@"
}
words() { printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' '; }

# complete_words WORD... — COMPREPLY (sorted, one line) for the command line
# made of the words, completing the last one with the cursor at its end.
# Its stderr goes to $tmp/err.
complete_words() {
    bash --norc --noprofile -c '
        if [ "$MODE" = helpers ]; then . "$HELPERS"; fi
        . "$1"; shift
        complete -p mobectl >/dev/null || exit 1
        COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
        COMP_LINE="$*" COMP_LINE=${COMP_LINE// = /=} COMP_POINT=${#COMP_LINE}
        _mobectl mobectl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"
    ' bash "$completions/mobectl.bash" "$@" </dev/null 2>"$tmp/err" | sed '/^$/d' | sort | tr '\n' ' '
}

# expect DESCRIPTION "WANTED WORDS" WORD... — the completion of WORD... is
# exactly the wanted words (in any order), with nothing on stderr.
expect() {
    local what="$1 ($MODE)" want got
    want=$(words $2)
    shift 2
    got=$(complete_words "$@")
    if [ -s "$tmp/err" ]; then
        not_ok "$what" "stderr: $(cat "$tmp/err")"
    elif [ "$got" != "$want" ]; then
        not_ok "$what" "line:     mobectl ${*:2}<TAB>" "expected: $want" "got:      $got"
    else
        ok "$what"
    fi
}

# What the completions must offer, from where each is defined.
commands=$("$MOBECTL_BIN" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p')
vocabulary() {
    sed -n "/$1\[.*\] = {/,/};/p" "$srcdir/core/vocabulary.c" | grep -o '"[^"]*"' | tr -d '"'
}
regions=$(vocabulary region_names)
settings=$(vocabulary setting_names)
drill_ids=$(sed -n 's/^\[\(.*\)\]$/\1/p' "$srcdir/data/drills.ini")
tags=$(sed -n 's/^good-for=//p' "$srcdir/data/drills.ini" | tr ';' '\n' | sort -u)
durations="5m 10m 15m 30m 1h 2h"
# The options one command has on top of the global ones, from its --help.
verb_options() {
    "$MOBECTL_BIN" "$1" --help | sed -n '/^Options for /,/^$/s/^  \(--[a-z-]*\).*/\1/p'
}
global_options="--json --help --version"
config_keys=$("$MOBECTL_BIN" config keys)

for list in commands regions settings drill_ids tags; do
    count=$(words ${!list} | wc -w)
    if [ "$count" -ge 5 ]; then ok "found $count $list"; else not_ok "found $count $list"; fi
done
[ "$(words $regions | wc -w)" = 10 ] && ok "10 regions" || not_ok "10 regions" "$regions"
[ "$(words $settings | wc -w)" = 6 ] && ok "6 settings" || not_ok "6 settings" "$settings"
[ "$(words $drill_ids | wc -w)" = 21 ] && ok "21 drills" || not_ok "21 drills" "$drill_ids"

static_checks() {
    expect "commands" "$commands" mobectl ''
    expect "a command by its start" "snooze" mobectl sn
    expect "a command after --json" "snooze" mobectl --json sn
    expect "snooze durations" "$durations" mobectl snooze ''
    expect "pause durations" "$durations" mobectl pause ''
    expect "meeting: end or a duration" "end $durations" mobectl meeting ''
    expect "no guess for --reason" "" mobectl pause --reason ''
    expect "a duration after --reason TEXT" "$durations" mobectl pause --reason lunch ''
    expect "one duration only" "" mobectl snooze 5m ''
    expect "a unit after a number" "seconds minutes hours" mobectl pause 20 ''
    expect "a unit after a decimal" "hours" mobectl snooze 1.5 h
    expect "a unit after --reason TEXT and a number" "minutes" mobectl pause --reason lunch 45 mi
    expect "nothing after number and unit" "" mobectl pause 20 minutes ''
    expect "nothing after status" "" mobectl status ''
    expect "config actions" "set unset edit keys" mobectl config ''
    expect "config set: every setting" "$config_keys" mobectl config set ''
    expect "config unset: a setting by its start" "goals.daily" mobectl config unset go
    expect "nothing after config keys" "" mobectl config keys ''
    expect "regions" "$regions" mobectl drills --region ''
    expect "regions by their start" "low-back" mobectl drills --region lo
    expect "regions after --region=" "$regions" mobectl drills --region =
    expect "regions after --region=n" "neck" mobectl drills --region = n
    expect "regions after --region=n, one word" "--region=neck" mobectl drills --region=n
    expect "settings" "$settings" mobectl drills --setting ''
    expect "settings after --setting=s" "seated standing space surface" mobectl drills --setting = s
    expect "global options" "--json --help --version" mobectl --
    expect "global options after snooze" "--json --help --version" mobectl snooze --
    expect "drills options" "$global_options --region --for --setting --open" mobectl drills --
    local verb
    for verb in $commands; do
        expect "options of $verb" "$global_options $(verb_options "$verb")" mobectl "$verb" --
    done
    expect "an option after a valued one" "--heatmap" mobectl --json stats --days 7 --heat
    expect "nothing after --limit N" "" mobectl history --limit 5 ''
    expect "no guess for --days" "" mobectl stats --days ''
    cd "$tmp/files" || exit 1
    expect "files for --svg" "chart.svg notes.txt" mobectl stats --svg ''
    cd - >/dev/null || exit 1
}

# With mobed unreachable, drills and tags come out empty and quiet.
unreachable_checks() {
    expect "no drill ids $1" "" mobectl drills ''
    expect "no tags $1" "" mobectl drills --for ''
}

live_checks() {
    expect "drill ids from mobed" "$drill_ids" mobectl drills ''
    expect "drill ids by their start" "neck-circles neck-flexors" mobectl drills neck-
    expect "drill ids after filters" "$drill_ids" mobectl drills --region neck --setting = seated ''
    expect "one drill id only" "" mobectl drills neck-circles ''
    expect "good-for tags from mobed" "$tags" mobectl drills --for ''
    expect "good-for tags by their start" "neck-pain" mobectl drills --for neck
}

modes=(plain)
if [ -f "$helpers" ]; then modes+=(helpers); fi
touch "$tmp/files/chart.svg" "$tmp/files/notes.txt"
export HELPERS=$helpers
for MODE in "${modes[@]}"; do
    export MODE
    static_checks
    unreachable_checks "without a bus"
done

# A private bus that activates nothing, then the real mobed on it.
cat > "$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$tmp/bus</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
if ! dbus-daemon --config-file="$tmp/bus.conf" --fork --print-pid=3 3>"$tmp/bus.pid" 2>"$tmp/bus.log"; then
    not_ok "start a private bus" "$(cat "$tmp/bus.log")"
    echo "1..$n"
    exit 1
fi
bus_pid=$(cat "$tmp/bus.pid")
export DBUS_SESSION_BUS_ADDRESS=unix:path=$tmp/bus
for MODE in "${modes[@]}"; do
    unreachable_checks "with a bus but no mobed"
done

"$MOBED_BIN" >"$tmp/mobed.log" 2>&1 &
mobed_pid=$!
for _ in $(seq 100); do
    "$MOBECTL_BIN" status >/dev/null 2>&1 && break
    kill -0 "$mobed_pid" 2>/dev/null || break
    sleep 0.1
done
if "$MOBECTL_BIN" status >/dev/null 2>&1; then
    ok "mobed answers on the private bus"
    for MODE in "${modes[@]}"; do
        live_checks
    done
    got=$(MODE=plain complete_words mobectl drills '')
    case " $got" in
        *" neck-circles "*) ok "neck-circles among the drill ids" ;;
        *) not_ok "neck-circles among the drill ids" "got: $got" ;;
    esac
else
    not_ok "mobed answers on the private bus" "$(cat "$tmp/mobed.log")"
fi

# zsh and fish: the files parse; fish also completes (non-interactively).
if command -v zsh >/dev/null; then
    if out=$(zsh -n "$completions/_mobectl" 2>&1); then ok "zsh file parses"
    else not_ok "zsh file parses" "$out"; fi
else
    ok "zsh file parses # SKIP zsh not installed"
fi
fish_complete() {
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$completions/mobectl.fish" "$1" \
        2>"$tmp/err" | cut -f1 | sort | tr '\n' ' '
}
fish_expect() {
    local got
    got=$(fish_complete "$2")
    if [ -s "$tmp/err" ]; then not_ok "$1 (fish)" "stderr: $(cat "$tmp/err")"
    elif [ "$got" != "$(words $3)" ]; then not_ok "$1 (fish)" "expected: $(words $3)" "got:      $got"
    else ok "$1 (fish)"; fi
}
if command -v fish >/dev/null; then
    if out=$(fish --no-config --no-execute "$completions/mobectl.fish" 2>&1); then ok "fish file parses"
    else not_ok "fish file parses" "$out"; fi
    fish_expect "commands" "mobectl " "$commands"
    fish_expect "snooze durations" "mobectl snooze " "$durations"
    fish_expect "meeting: end or a duration" "mobectl meeting " "end $durations"
    fish_expect "a unit after a number" "mobectl pause 20 " "seconds minutes hours"
    fish_expect "regions" "mobectl drills --region " "$regions"
    fish_expect "settings" "mobectl drills --setting=" "$(printf -- '--setting=%s\n' $settings)"
    fish_expect "drill ids from mobed" "mobectl drills " "$drill_ids"
    fish_expect "config actions" "mobectl config " "set unset edit keys"
    fish_expect "config set: every setting" "mobectl config set " "$config_keys"
    for verb in $commands; do
        fish_expect "options of $verb" "mobectl $verb --" "$global_options $(verb_options "$verb")"
    done
else
    ok "fish file parses # SKIP fish not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]

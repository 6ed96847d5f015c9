# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for mobectl, the command line of mobed (movement breaks).
# Completes commands, global and per-command options, durations for
# snooze/pause/meeting (and a unit after a bare number: "20 minutes"),
# regions and settings for `drills --region/--setting`, a file for
# `stats --svg`, the drill ids and good-for tags that a running mobed knows
# (nothing, quietly, when mobed cannot be reached), and the settings of
# `config set/unset` (from `mobectl config keys`, which needs no mobed).
# Self-contained: needs none of bash-completion's helpers.

# Prints one column of `mobectl drills` (as wide as it likes, one line a
# drill): "id" (the first) or "tags" (the
# GOOD FOR list, the text after the last run of two spaces). $1 is the column,
# $2 the mobectl to run.
_mobectl_drills_column()
{
    local line tags header=1
    while IFS= read -r line; do
        if ((header)); then header=0; continue; fi
        [[ $line == '('* ]] && continue         # "(no drill matches)"
        if [[ $1 == id ]]; then
            printf '%s\n' "${line%% *}"
        else
            IFS=', ' read -ra tags <<< "${line##*  }"
            printf '%s\n' "${tags[@]}"
        fi
    done < <(COLUMNS=1000 timeout 3 "$2" drills 2>/dev/null < /dev/null)
}

_mobectl()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="status now done skip snooze another pause resume meeting reload drills stats history focus config"
    local regions="neck shoulders upper-back chest low-back hips legs ankles-feet wrists-forearms breathing"
    local settings="seated standing space doorway surface floor"
    local durations="5m 10m 15m 30m 1h 2h"
    local value_options="--region --for --setting --days --svg --limit --since --sets --reps --extend --reason"
    local cmd=mobectl verb= first= prefix= nargs=0 i words=

    # The mobectl being completed, if it was typed as a path.
    [[ ${COMP_WORDS[0]} == */* && -x ${COMP_WORDS[0]} ]] && cmd=${COMP_WORDS[0]}

    # "--region=ne": bash splits it as "--region" "=" "ne" when '=' is in
    # COMP_WORDBREAKS (the default), else it is one word.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]]; then
        prefix=${cur%%=*}= prev=${cur%%=*} cur=${cur#*=}
    fi

    # The command, and how many arguments it already has.
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ " $value_options " == *" ${COMP_WORDS[i]} "* ]]; then
            [[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
            ((i++))
        elif [[ ${COMP_WORDS[i]} != -* && ${COMP_WORDS[i]} != = ]]; then
            if [[ -z $verb ]]; then verb=${COMP_WORDS[i]}
            else ((nargs++ == 0)) && first=${COMP_WORDS[i]}; fi
        fi
    done

    case $prev in
        --region)  words=$regions ;;
        --setting) words=$settings ;;
        --for)     words=$(_mobectl_drills_column tags "$cmd" | sort -u) ;;
        --svg)     compopt -o filenames 2>/dev/null
                   COMPREPLY=($(compgen -P "$prefix" -f -- "$cur")); return ;;
        --days | --limit | --since | --sets | --reps | --extend | --reason) ;;   # a number, a date, a text
        *)
            if [[ $cur == -* ]]; then
                words="--json --help -h --version"
                case $verb in
                    status)  words+=" --follow" ;;
                    pause)   words+=" --reason" ;;
                    drills)  words+=" --region --for --setting --open" ;;
                    stats)   words+=" --week --month --days --heatmap --svg" ;;
                    history) words+=" --limit --since --pauses --csv" ;;
                    focus)   words+=" --sets --reps --days --yes --stop --extend --keep-dose" ;;
                esac
            elif [[ -z $verb ]]; then
                words=$commands
            elif ((nargs == 0)); then
                case $verb in
                    snooze | pause) words=$durations ;;
                    meeting) words="end $durations" ;;
                    drills) words=$(_mobectl_drills_column id "$cmd") ;;
                    config) words="set unset edit keys" ;;
                    focus)  words="rate $(_mobectl_drills_column tags "$cmd" | sort -u)"
                            words+=" $(_mobectl_drills_column id "$cmd")" ;;
                esac
            elif [[ $verb == config && ($first == set || $first == unset) ]]; then
                ((nargs == 1)) && words=$("$cmd" config keys 2>/dev/null)
            elif [[ $verb == @(snooze|pause|meeting) && $first =~ ^[0-9]+([.,][0-9]+)?$ ]]; then
                # A duration in words: "pause 20 minutes".
                ((nargs == 1)) && words="seconds minutes hours"
            elif [[ $verb == focus && $first == rate ]]; then
                ((nargs == 1)) && words="better same worse"
            elif [[ $verb == focus ]]; then
                words="$(_mobectl_drills_column tags "$cmd" | sort -u) $(_mobectl_drills_column id "$cmd")"
            fi ;;
    esac
    COMPREPLY=($(compgen -P "$prefix" -W "$words" -- "$cur"))
}

complete -F _mobectl mobectl

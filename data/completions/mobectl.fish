# SPDX-License-Identifier: GPL-3.0-or-later
# fish completion for mobectl, the command line of mobed (movement breaks).
# Completes commands, global and per-command options, durations for
# snooze/pause/meeting (and a unit after a bare number: "20 minutes"),
# regions and settings for `drills --region/--setting`, a file for
# `stats --svg`, the drill ids and good-for tags that a running mobed knows
# (nothing, quietly, when mobed cannot be reached), and the settings of
# `config set/unset` (from `mobectl config keys`, which needs no mobed).

set -l commands status now done skip snooze another pause resume meeting reload drills stats history focus config

# One column of `mobectl drills`: "id" (the first) or "tags" (the GOOD FOR
# list after the last run of two spaces), skipping the header line.
function __mobectl_drills_column
    set -l lines (env COLUMNS=1000 timeout 3 mobectl drills 2>/dev/null </dev/null)
    set -e lines[1]
    for line in (string match -v -- '(*' $lines)
        if test "$argv[1]" = id
            string replace -r -- ' .*' '' $line
        else
            string split -n -- ', ' (string replace -r -- '.*  ' '' $line)
        end
    end
end

# True when the command line has one of the commands $argv and ends with
# a bare number: the unit of a duration written in words ("pause 20 minutes").
function __mobectl_unit_after
    set -l words (commandline -opc)
    __fish_seen_subcommand_from $argv; or return 1
    string match -qr -- '^[0-9]+([.,][0-9]+)?$' $words[-1]
end

# True while the command line has one of the commands $argv and no
# argument after it yet (the values of --region, --for, --setting aside).
function __mobectl_first_arg_of
    set -l verb
    set -l value 0
    for w in (commandline -opc)[2..-1]
        if test $value = 1
            set value 0
        else if contains -- $w --region --for --setting --days --svg --limit --since --reason
            set value 1
        else if string match -q -- '-*' $w
            continue
        else if set -q verb[1]
            return 1
        else
            set verb $w
        end
    end
    contains -- "$verb" $argv
end

complete -c mobectl -f
complete -c mobectl -l json -d 'Print the result as one JSON object'
complete -c mobectl -s h -l help -d 'Show help'
complete -c mobectl -l version -d "Print mobectl's version"

complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a status -d "Show the state, the next break and today's count"
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a now -d 'Start a break now'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a done -d 'Mark the current break as done'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a skip -d 'Skip the current break'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a snooze -d 'Put the current break off'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a another -d "Swap the current break's drill"
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a pause -d 'Pause breaks for a while, or until resume'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a resume -d 'End a pause'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a meeting -d 'No breaks during a meeting, or end it'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a reload -d 'Read mobed.conf and drills.ini again'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a drills -d 'List the drills, or show one'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Today at a glance and the last days'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a history -d 'The log of breaks and pauses, newest first'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a focus -d 'Show, start or end a focus plan'
complete -c mobectl -n "not __fish_seen_subcommand_from $commands" -a config -d 'Show the settings, or change mobed.conf'

complete -c mobectl -n '__mobectl_first_arg_of snooze pause' -a '5m 10m 15m 30m 1h 2h' -d Duration
complete -c mobectl -n '__mobectl_first_arg_of meeting' -a '5m 10m 15m 30m 1h 2h' -d Duration
complete -c mobectl -n '__mobectl_first_arg_of meeting' -a end -d 'End the meeting'
complete -c mobectl -n '__mobectl_unit_after snooze pause meeting' -a 'seconds minutes hours' -d Unit
complete -c mobectl -n '__fish_seen_subcommand_from pause' -l reason -x -d 'Say why (one line)'

complete -c mobectl -n '__fish_seen_subcommand_from drills' -l region -x -d 'Only drills that move REGION' \
    -a 'neck shoulders upper-back chest low-back hips legs ankles-feet wrists-forearms breathing'
complete -c mobectl -n '__fish_seen_subcommand_from drills' -l setting -x -d 'Only drills you can do there' \
    -a 'seated standing space doorway surface floor'
complete -c mobectl -n '__fish_seen_subcommand_from drills' -l for -x -d 'Only drills good for TAG' \
    -a '(__mobectl_drills_column tags)'
complete -c mobectl -n '__fish_seen_subcommand_from drills' -l open -d "Show the drill's picture in the image viewer"
complete -c mobectl -n '__mobectl_first_arg_of drills' -a '(__mobectl_drills_column id)' -d Drill

complete -c mobectl -n '__fish_seen_subcommand_from status' -l follow -d 'A line each time the status changes'
complete -c mobectl -n '__fish_seen_subcommand_from stats' -l week -d 'The last 7 days'
complete -c mobectl -n '__fish_seen_subcommand_from stats' -l month -d 'The last 30 days'
complete -c mobectl -n '__fish_seen_subcommand_from stats' -l days -x -d 'The last N days'
complete -c mobectl -n '__fish_seen_subcommand_from stats' -l heatmap -d 'The last 12 weeks as a calendar grid'
complete -c mobectl -n '__fish_seen_subcommand_from stats' -l svg -r -F -d 'Write the charts as an SVG picture'

complete -c mobectl -n '__fish_seen_subcommand_from history' -l limit -x -d 'At most N entries'
complete -c mobectl -n '__fish_seen_subcommand_from history' -l since -x -d 'Entries from DATE (YYYY-MM-DD) on'
complete -c mobectl -n '__fish_seen_subcommand_from history' -l pauses -d 'Only the pauses, with their reasons'
complete -c mobectl -n '__fish_seen_subcommand_from history' -l csv -d 'Comma-separated values'

complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l sets -x -d 'Sets a day (1 to 3)'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l reps -x -d 'Reps a set (5 to 100)'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l days -x -d 'How many days (1 to 14)'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l yes -d 'Start without asking'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l stop -d 'End the running plan'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l extend -x -d 'Add N days to the plan'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -l keep-dose -d 'Keep the dose a "worse" lowered'
complete -c mobectl -n '__mobectl_first_arg_of focus' -a rate -d 'Answer the check-in'
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -a '(__mobectl_drills_column tags)' -d Problem
complete -c mobectl -n '__fish_seen_subcommand_from focus; and not __fish_seen_subcommand_from rate' -a '(__mobectl_drills_column id)' -d Drill
complete -c mobectl -n '__fish_seen_subcommand_from focus; and __fish_seen_subcommand_from rate' -a 'better same worse' -d Answer

complete -c mobectl -n '__mobectl_first_arg_of config' -a 'set unset' -d 'Change mobed.conf'
complete -c mobectl -n '__mobectl_first_arg_of config' -a edit -d 'Open mobed.conf in your editor'
complete -c mobectl -n '__mobectl_first_arg_of config' -a keys -d 'List every setting'
complete -c mobectl -n '__fish_seen_subcommand_from config; and __fish_seen_subcommand_from set unset; and test (count (commandline -opc)) -eq 3' -a '(mobectl config keys 2>/dev/null)' -d Setting

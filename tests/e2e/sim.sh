# shellcheck shell=bash
# Sourced by the scripts that run `ltx-sim` (tests/e2e/*.sh, scripts/main.sh, scripts/soak.sh):
# the simulator's start-up and stop, and the collection of everything a run writes for the
# secrets scan (tests/secrets_scan.py).
#
#   . tests/e2e/sim.sh
#   e2e_begin                      # $work (a new temporary directory), removed on exit with
#                                  # every process sim_start started or e2e_track was given
#   sim_start NAME ARGS...         # ltx-sim ($sim) --port 0 ARGS, logs in $work/NAME.out and
#                                  # NAME.err; sets sim_pid, sim_api, sim_storage
#   secrets_collect FILE...        # each line of the files is a record of the scan
#   secrets_text TEXT              # so is each line of TEXT
#   e2e_capture NAME CMD...        # runs CMD, its output shown and kept for the scan
#   secrets_scan MIN               # collects the logs of every simulator started, then fails
#                                  # on a `SECRET` in any record, or on fewer than MIN records
#
# Every token the scripts give either API holds `SECRET`, as in the rest of the suite. The
# records (one per line, `e2e:<script>\t<text>`, the format of tests/secrets.hpp) are kept in
# $work/secrets.log, and are appended to $LTX_SECRETS_LOG as well when it names a file: the
# suite-wide scan then counts them under the source `e2e`.

e2e_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
e2e_name="$(basename "$0" .sh)"
e2e_pids=()
e2e_sim_logs=()
e2e_captured=()

# e2e_begin: creates $work and the EXIT trap that stops the processes and removes $work. A
# script that defines e2e_stop has it run first (for its own processes).
e2e_begin() {
    work="$(mktemp -d)"
    e2e_secrets="$work/secrets.log"
    : >"$e2e_secrets"
    trap e2e_end EXIT
}

e2e_end() {
    if declare -F e2e_stop >/dev/null; then
        e2e_stop || true
    fi
    if [ "${#e2e_pids[@]}" -ne 0 ]; then
        kill "${e2e_pids[@]}" 2>/dev/null || true
        wait "${e2e_pids[@]}" 2>/dev/null || true
    fi
    rm -rf "$work"
}

# e2e_track PID: a process to stop on exit.
e2e_track() { e2e_pids+=("$1"); }

# sim_start NAME ARGS...: starts "$sim" --port 0 ARGS in the background and waits, at most
# 10 s, until it prints where its storage host listens. Fails, with its stderr, when it does
# not start.
sim_start() {
    local name="$1"
    shift
    "$sim" --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
    sim_pid=$!
    e2e_track "$sim_pid"
    e2e_sim_logs+=("$work/$name.out" "$work/$name.err")
    local _
    for _ in $(seq 1 200); do
        grep -qs '^storage on ' "$work/$name.out" && break
        kill -0 "$sim_pid" 2>/dev/null || break
        sleep 0.05
    done
    sim_api="$(sed -n 's/^listening on //p' "$work/$name.out")"
    sim_storage="$(sed -n 's/^storage on //p' "$work/$name.out")"
    if [ -z "$sim_storage" ]; then
        echo "the simulator did not start"
        cat "$work/$name.err"
        return 1
    fi
}

# e2e_records: a record of every line of stdin, escaped as tests/secrets.hpp does.
e2e_records() {
    sed -e 's/\\/\\\\/g' -e 's/\r/\\r/g' -e "s/^/e2e:$e2e_name\t/" >>"$e2e_secrets"
}

# secrets_collect FILE...: a record of every line of the files (a missing file has none).
secrets_collect() {
    local f
    for f in "$@"; do
        if [ -f "$f" ]; then
            e2e_records <"$f"
        fi
    done
}

# e2e_capture NAME CMD...: runs CMD, its output shown as usual and kept for the secrets scan
# (in $work/NAME.out and NAME.err, or $work/NAME.tty); returns CMD's status. On a terminal the
# command keeps one (util-linux `script`), so that `ltx` still draws its progress line.
e2e_capture() {
    local name="$1"
    shift
    if [ -t 2 ]; then
        local rc=0
        e2e_captured+=("$work/$name.tty")
        script -qefc "$(printf '%q ' "$@")" "$work/$name.tty" || rc=$?
        # Not output: the lines `script` adds, the first with the command line.
        sed -i -e '1{/^Script started on /d}' -e '${/^Script done on /d}' "$work/$name.tty"
        return "$rc"
    fi
    e2e_captured+=("$work/$name.out" "$work/$name.err")
    (
        set -o pipefail
        { { "$@" | tee "$work/$name.out"; } 2>&1 >&3 3>&- | tee "$work/$name.err" >&2; } 3>&1
    )
}

# secrets_text TEXT: a record of every line of TEXT.
secrets_text() {
    if [ -n "$1" ]; then
        printf '%s\n' "$1" | e2e_records
    fi
}

# secrets_scan MIN: collects the simulators' logs and what e2e_capture kept, then fails on a
# token in any record or on fewer than MIN records; appends the records to $LTX_SECRETS_LOG
# when set.
secrets_scan() {
    local all=()
    [ -n "${LTX_SECRETS_LOG:-}" ] && all=(--append-to "$LTX_SECRETS_LOG" --as e2e)
    secrets_collect "${e2e_sim_logs[@]}" "${e2e_captured[@]}"
    python3 "$e2e_dir/../secrets_scan.py" "$e2e_secrets" --source "e2e:$e2e_name=$1" \
        --token SECRET "${all[@]}" 2>&1 && return 0
    echo "FAILED: the secrets scan of $e2e_name"
    return 1
}

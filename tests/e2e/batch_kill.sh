#!/usr/bin/env bash
# `ltx batch` killed with SIGKILL three times at random moments against a faulty simulator
# (dropped connections, 5xx on POSTs), then resumed until every line is done. Every artifact must
# be on disk, the journal must say done for all 200 lines, and the simulator must have created
# exactly 200 jobs. A create the kill cut after it reached the server leaves an `unknown` line;
# the next run finds its job in GET scheduler by the replyRef journaled with the create, and
# waits on it instead of creating it again. That needs the job to be still running when the next
# run starts: jobs last 3 s here, the next run starts well within that.
#
#   batch_kill.sh LTX LTX_SIM FIXTURES_DIR
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
work="$(mktemp -d)"
seed=$RANDOM
"$sim" --port 0 --seed "$seed" --speed 3000 --token kill-token \
    --account batch@example.com:100000:50 --drop-rate 0.05 --fail-post-rate 0.1 \
    --exit-after 150 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
batch_pid=
cleanup() {
    [ -n "$batch_pid" ] && kill -9 "$batch_pid" 2>/dev/null
    kill "$sim_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    grep -q '^storage on ' "$work/sim.out" && break
    sleep 0.05
done
api="$(sed -n 's/^listening on //p' "$work/sim.out")"
storage="$(sed -n 's/^storage on //p' "$work/sim.out")"
[ -n "$api" ] || { echo "the simulator did not start"; cat "$work/sim.err"; exit 1; }
export USEAPI_TOKEN=kill-token
cd "$work"
fail() {
    echo "FAILED (simulator seed $seed): $*"
    echo "--- last runs:"
    tail -5 run.out 2>/dev/null
    tail -5 run.err 2>/dev/null
    exit 1
}
lt() { "$ltx" --base-url "$api/v1/ltxstudio/" "$@"; }
stats() {
    python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' \
        "$storage/_sim/stats"
}
field() { # field JSON NAME...: the value at that path
    python3 -c 'import json, sys
v = json.loads(sys.argv[1])
for k in sys.argv[2:]: v = v[k]
print(v)' "$@"
}
count() { # count STATE: lines of the journal in STATE (0 while a killed first run left no journal)
    [ -e batch.db ] || { echo 0; return; }
    local out n
    out="$(lt batch status batch.db --json)" || fail "ltx batch status failed"
    n="$(field "$out" counts "$1")" || fail "ltx batch status --json printed: $out"
    echo "$n"
}

# The upload is a POST too: a fault may end it; try again.
asset=
for _ in $(seq 1 10); do
    asset="$(lt assets upload "$fixtures/start.png" 2>/dev/null)" && break
done
[ -n "$asset" ] || fail "no upload"
for i in $(seq 1 200); do
    echo "{\"endpoint\":\"videos/ltx-create\",\"prompt\":\"clip $i\",\"startAssetId\":\"$asset\",\"out\":\"c$i.mp4\"}"
done >batch.jsonl
batch=(batch batch.jsonl --journal batch.db --out-dir out --poll-ms 100)
run() { lt "${batch[@]}" "$@" >>run.out 2>>run.err; }

# Three runs killed at random moments; after each, the lines left `submitting` are the creates
# the kill cut (each may or may not have reached the server). `ltx` is started as the
# background job itself, not inside a function or subshell: `$!` must be its pid, or the kill
# ends the shell around it and leaves it running beside the next run.
cut=0
for _ in 1 2 3; do
    "$ltx" --base-url "$api/v1/ltxstudio/" "${batch[@]}" >>run.out 2>>run.err &
    batch_pid=$!
    sleep "0.$((RANDOM % 9 + 1))"
    kill -9 "$batch_pid" 2>/dev/null
    wait "$batch_pid" 2>/dev/null
    status=$?
    batch_pid=
    [ "$status" -eq 137 ] || fail "the run ended with status $status before its SIGKILL"
    n="$(count submitting)" || exit 1
    cut=$((cut + n))
done
before="$(count done)" || exit 1
[ "$before" -lt 200 ] || fail "the kills came too late: $before lines already done"

# Resume: first as is (unknown lines looked up in GET scheduler, submitted jobs waited on,
# planned lines submitted), then with the `unknown` lines not found (5xx answers, creates cut
# before they reached the server) submitted again, until done.
run
rc=1
for _ in $(seq 1 10); do
    run --resubmit-unknown && { rc=0; break; }
done
[ "$rc" -eq 0 ] || fail "not done after 10 resumes"
[ "$(count done)" -eq 200 ] || fail "the journal does not say done for all 200 lines"
files="$(ls out | wc -l)"
[ "$files" -eq 200 ] || fail "expected 200 files, found $files"
for i in $(seq 1 200); do
    [ -s "out/c$i.mp4" ] || fail "out/c$i.mp4 is missing or empty"
done
s="$(stats)" || fail "no /_sim/stats"
created="$(field "$s" jobsCreated)"
dropped="$(field "$s" dropped)"
injected="$(field "$s" injected5xx)"
found="$(sed -n 's/^\([0-9]*\) unknown lines\{0,1\} found running.*/\1/p' run.out |
    awk '{ n += $1 } END { print n + 0 }')"
[ "$dropped" -gt 0 ] && [ "$injected" -gt 0 ] || fail "no fault was injected: $s"
[ "$created" -eq 200 ] || fail "$created jobs created for 200 lines ($cut creates cut, $found found)"
echo "200 lines, 3 SIGKILLs ($before done before the resume, $cut creates cut, $found found" \
    "running), $dropped drops, $injected 5xx: 200 jobs created, 200 files, journal all done"

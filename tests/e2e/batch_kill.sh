#!/usr/bin/env bash
# `ltx batch` killed with SIGKILL three times at random moments against a faulty simulator
# (dropped connections, 5xx on POSTs), then resumed until every line is done. Every artifact must
# be on disk, the journal must say done for all 200 lines, and the simulator must have created
# 200 jobs: one more only for a create that a kill cut after it reached the server and before
# its answer was journaled (such a line is `unknown`; resubmitting it may pay twice, which no
# client can avoid without the server's help), and none more otherwise.
#
#   batch_kill.sh LTX LTX_SIM FIXTURES_DIR
#
# Not a CI test yet: one Release run in eight failed, for a reason not found. Run it by hand:
#   bash tests/e2e/batch_kill.sh build/gcc/tools/ltx/ltx build/gcc/tools/ltx-sim/ltx-sim \
#       tools/ltx-sim/fixtures
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
work="$(mktemp -d)"
"$sim" --port 0 --seed 23 --speed 300 --token kill-token \
    --account batch@example.com:100000:20 --drop-rate 0.05 --fail-post-rate 0.1 \
    --exit-after 120 >"$work/sim.out" 2>"$work/sim.err" &
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
fail() { echo "FAILED: $*"; exit 1; }
lt() { "$ltx" --base-url "$api/v1/ltxstudio/" "$@"; }
stats() {
    python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' \
        "$storage/_sim/stats"
}
count() { # count STATE: lines of the journal in STATE
    lt batch status batch.db --json |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["counts"][sys.argv[1]])' "$1"
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
run() { lt batch batch.jsonl --journal batch.db --out-dir out --poll-ms 50 "$@" >>run.out 2>>run.err; }

# Three runs killed at random moments; after each, the lines left `submitting` are the creates
# the kill cut (each may or may not have reached the server).
cut=0
for k in 1 2 3; do
    run &
    batch_pid=$!
    sleep "0.$((RANDOM % 9 + 1))"
    kill -9 "$batch_pid" 2>/dev/null
    wait "$batch_pid" 2>/dev/null
    batch_pid=
    cut=$((cut + $(count submitting)))
done
before="$(count done)"
[ "$before" -lt 200 ] || fail "the kills came too late: $before lines already done"

# Resume: first as is (submitted jobs waited on, planned lines submitted), then with the
# `unknown` lines (faults and cut creates) submitted again, until done.
run
rc=1
for _ in $(seq 1 10); do
    run --resubmit-unknown && { rc=0; break; }
done
[ "$rc" -eq 0 ] || fail "not done after 10 resumes: $(tail -3 run.out)"
[ "$(count done)" -eq 200 ] || fail "the journal does not say done for all 200 lines"
files="$(ls out | wc -l)"
[ "$files" -eq 200 ] || fail "expected 200 files, found $files"
for i in $(seq 1 200); do
    [ -s "out/c$i.mp4" ] || fail "out/c$i.mp4 is missing or empty"
done
s="$(stats)" || fail "no /_sim/stats"
created="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["jobsCreated"])' "$s")"
dropped="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["dropped"])' "$s")"
injected="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["injected5xx"])' "$s")"
[ "$dropped" -gt 0 ] && [ "$injected" -gt 0 ] || fail "no fault was injected: $s"
[ "$created" -ge 200 ] || fail "only $created jobs created"
[ "$created" -le $((200 + cut)) ] ||
    fail "$created jobs created for 200 lines, with only $cut creates cut by a kill"
echo "200 lines, 3 SIGKILLs ($before done before the resume, $cut creates cut), $dropped drops," \
    "$injected 5xx: $created jobs created, 200 files, journal all done"

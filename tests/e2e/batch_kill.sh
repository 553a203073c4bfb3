#!/usr/bin/env bash
# `ltx batch` killed with SIGKILL three times at random moments against a faulty simulator
# (dropped connections, 5xx on POSTs), then resumed until every line is done. Every artifact must
# be on disk, the journal must say done for all 200 lines, and the simulator must have created
# exactly 200 jobs. A create the kill cut after it reached the server leaves an `unknown` line;
# the next run finds its job in GET scheduler by the replyRef journaled with the create, and
# waits on it instead of creating it again. That needs the job to be still running when a later
# run lists the running jobs (a killed run may die before its own look-up, leaving it to the
# next): jobs last 5 s here, and each killed run lasts at most 0.9 s.
#
#   batch_kill.sh LTX LTX_SIM FIXTURES_DIR
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
. "$(dirname "${BASH_SOURCE[0]}")/sim.sh"
e2e_begin
seed=$RANDOM
batch_pid=
# The killed run, before the simulator stops.
e2e_stop() { [ -n "$batch_pid" ] && kill -9 "$batch_pid" 2>/dev/null; }
# The token holds SECRET: the end of the script fails if it shows in any output or log.
sim_start sim --seed "$seed" --speed 5000 --no-url-lag --token kill-SECRET-token \
    --account batch@example.com:100000:50 --drop-rate 0.05 --fail-post-rate 0.1 \
    --exit-after 150 || exit 1
api="$sim_api" storage="$sim_storage"
export USEAPI_TOKEN=kill-SECRET-token
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
status() { # the journal as `ltx batch status --json` prints it (none while a killed first run
    # had not created it yet)
    [ -e batch.db ] || { echo '{"counts": {}, "lines": []}'; return; }
    local out rc=0
    out="$(lt batch status batch.db --json 2>>status.err)" || rc=$?
    secrets_text "$out"
    [ "$rc" -eq 0 ] || fail "ltx batch status failed" >&2
    printf '%s\n' "$out"
}
count() { # count STATE: lines of the journal in STATE
    local out
    out="$(status)" || exit 1
    python3 -c 'import json, sys; print(json.loads(sys.argv[1])["counts"].get(sys.argv[2], 0))' \
        "$out" "$1" || fail "ltx batch status --json printed: $out" >&2
}

# The upload is a POST too: a fault may end it; try again.
asset=
for _ in $(seq 1 10); do
    asset="$(lt assets upload "$fixtures/start.png" 2>>upload.err)" && break
done
secrets_text "$asset"
[ -n "$asset" ] || fail "no upload"
for i in $(seq 1 200); do
    echo "{\"endpoint\":\"videos/ltx-create\",\"prompt\":\"clip $i\",\"startAssetId\":\"$asset\",\"out\":\"c$i.mp4\"}"
done >batch.jsonl
batch=(batch batch.jsonl --journal batch.db --out-dir out --poll-ms 400)
run() { lt "${batch[@]}" "$@" >>run.out 2>>run.err; }

# Three runs killed at random moments: once a random number of its creates have been answered
# (1 to 40; the run prints a line for each on stderr), while the others of the burst are in
# flight, or after 0.9 s when fewer were. After each kill, the lines left `submitting` are the
# creates the kill cut (each may or may not have reached the server): cut.txt gets each one's
# line and replyRef. `ltx` is started as the background job itself, not inside a function or
# subshell: `$!` must be its pid, or the kill ends the shell around it and leaves it running
# beside the next run.
: >cut.txt
: >run.err
answered() { grep -c '  submitted  ' run.err; }
for _ in 1 2 3; do
    target=$(($(answered) + RANDOM % 40 + 1))
    "$ltx" --base-url "$api/v1/ltxstudio/" "${batch[@]}" >>run.out 2>>run.err &
    batch_pid=$!
    start_ns=$(date +%s%N)
    while [ "$(answered)" -lt "$target" ] && [ $(($(date +%s%N) - start_ns)) -lt 900000000 ]; do
        sleep 0.01
    done
    kill -9 "$batch_pid" 2>/dev/null
    wait "$batch_pid" 2>/dev/null
    status=$?
    batch_pid=
    [ "$status" -eq 137 ] || fail "the run ended with status $status before its SIGKILL"
    out="$(status)" || exit 1
    python3 -c 'import json, sys
for l in json.loads(sys.argv[1])["lines"]:
    if l["state"] == "submitting": print(l["line"], l.get("replyRef", ""))' "$out" >>cut.txt ||
        fail "ltx batch status --json printed: $out"
done
cut="$(wc -l <cut.txt)"
before="$(count done)" || exit 1
[ "$before" -lt 200 ] || fail "the kills came too late: $before lines already done"

# Resume until done: each run first looks up the `unknown` lines in GET scheduler (the ones
# found are waited on), waits on the submitted jobs, and submits the planned lines and the
# `unknown` ones not found (5xx answers, dropped connections, creates cut before they reached
# the server).
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
# A cut line done under the replyRef of the cut create was found running, not created again.
out="$(status)" || exit 1
found="$(python3 -c 'import json, sys
final = {l["line"]: l for l in json.loads(sys.argv[1])["lines"]}
cut = [line.split() for line in open("cut.txt")]
print(sum(1 for c in cut if len(c) == 2 and final[int(c[0])].get("replyRef") == c[1]))' "$out")" ||
    fail "cannot read the journal: $out"
[ "$dropped" -gt 0 ] && [ "$injected" -gt 0 ] || fail "no fault was injected: $s"
[ "$created" -eq 200 ] || fail "$created jobs created for 200 lines ($cut creates cut, $found found)"
# Every output of the runs, the status and upload errors, the stats and the simulator's log.
secrets_collect run.out run.err status.err upload.err
secrets_text "$s"
secrets_scan 300 || exit 1
echo "200 lines, 3 SIGKILLs ($before done before the resume, $cut creates cut, $found of them" \
    "found running), $dropped drops, $injected 5xx: 200 jobs created, 200 files, journal all done"

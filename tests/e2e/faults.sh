#!/usr/bin/env bash
# The CLI against a faulty simulator: 30% of GETs answered 5xx and a burst of 429s on the create
# POST. The video must still arrive, and exactly one job must have been created.
#
#   faults.sh LTX LTX_SIM FIXTURES_DIR
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
. "$(dirname "${BASH_SOURCE[0]}")/sim.sh"
e2e_begin
# The token holds SECRET: the end of the script fails if it shows in any output or log.
token=fault-SECRET-token
sim_start sim --seed 11 --speed 300 --token "$token" --fail-rate 0.3 --burst-429 3 \
    --verbose --exit-after 120 || exit 1
api="$sim_api" storage="$sim_storage"
export USEAPI_TOKEN="$token"
cd "$work"

fail() { echo "FAILED: $*"; exit 1; }
"$ltx" --base-url "$api/v1/ltxstudio/" videos create --prompt "Rain on a window" \
    --start "$fixtures/start.png" --out v.mp4 >create.out 2>create.err ||
    fail "create did not finish (exit $?): $(cat create.err)"
cmp -s v.mp4 "$fixtures/video-3s-160x90.mp4" || fail "the video is not the 3 s 16:9 one"

# Listing is a GET too, so it may meet a 5xx; the client retries it.
"$ltx" --base-url "$api/v1/ltxstudio/" --json assets list --filter videos >list.json 2>list.err ||
    fail "assets list failed: $(cat list.err)"
videos="$(grep -o '"jobId"' list.json | wc -l)"
[ "$videos" -eq 1 ] || fail "expected exactly one job, found $videos: $(cat list.json)"
# The faults did happen: the 429s were answered, and at least one GET got a 5xx.
[ "$(grep -c 'ltx-create -> 429' "$work/sim.err")" -eq 3 ] || fail "expected three 429s"
[ "$(grep -c 'ltx-create -> 200' "$work/sim.err")" -eq 1 ] || fail "expected one accepted create"
grep -q '^ltx-sim: GET .* -> 5[0-9][0-9]' "$work/sim.err" || fail "no GET met a 5xx"
# The storage host saw the download and no API token (it refuses and counts one).
stats="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' \
    "$storage/_sim/stats")" || fail "no /_sim/stats from the storage host"
grep -q '"storageAuthorized":0[,}]' <<<"$stats" || fail "the API token reached the storage host: $stats"
grep -q '"storageRequests":0[,}]' <<<"$stats" && fail "the storage host saw no request: $stats"
# Nothing the CLI printed, and nothing the simulator logged of every request, holds the token.
secrets_collect create.out create.err list.json list.err
secrets_text "$stats"
secrets_scan 15 || exit 1
echo "with 30% 5xx on GETs and three 429s on the create POST: one job, one video, no token sent to storage"

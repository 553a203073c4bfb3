#!/usr/bin/env bash
# Soak: ${LTX_SOAK_REQUESTS:-1000000} keep-alive polls, sync and async mixed, of the client
# against an ltx-sim process on loopback (benchmarks/soak/soak.cpp). It reads the resident
# memory and the open file descriptors of the simulator and of itself after a warm-up, at the
# middle and at the end, and fails unless the memory stays within 5 % and no descriptor is
# added. Not run in CI (it takes minutes); the README records a run.
#
#   bash scripts/soak.sh
#   LTX_SOAK_REQUESTS=100000 bash scripts/soak.sh
set -euo pipefail

root="${LTX_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
build="${LTX_BUILD_DIR:-$root/build/gcc}"
jobs="${LTX_JOBS:-2}"
requests="${LTX_SOAK_REQUESTS:-1000000}"

if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release \
        -DLTX_WARNINGS_AS_ERRORS=ON -DLTX_BUILD_BENCHMARKS=ON
fi
cmake --build "$build" -j "$jobs" --target ltx_soak ltx-sim

# The token holds SECRET: the run fails if it shows in what the soak printed or in the
# simulator's log.
sim="$build/tools/ltx-sim/ltx-sim"
. "$root/tests/e2e/sim.sh"
e2e_begin
sim_start sim --seed 5 --speed 0 --no-url-lag --token soak-SECRET-token \
    --exit-after 7200 --account soak@example.com:1000:50 || exit 1
api="$sim_api"
echo "soak: $requests requests against ltx-sim (pid $sim_pid) at $api"
e2e_capture soak "$build/benchmarks/ltx_soak" "$api/v1/ltxstudio/" soak-SECRET-token \
    "$root/tools/ltx-sim/fixtures/start.png" "$sim_pid" "$requests"
secrets_scan 3

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

work="$(mktemp -d)"
"$build/tools/ltx-sim/ltx-sim" --port 0 --seed 5 --speed 0 --no-url-lag --token soak-token \
    --exit-after 7200 --account soak@example.com:1000:50 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    grep -q '^storage on ' "$work/sim.out" && break
    sleep 0.05
done
api="$(sed -n 's/^listening on //p' "$work/sim.out")"
[ -n "$api" ] || { echo "soak: the simulator did not start"; cat "$work/sim.err"; exit 1; }
echo "soak: $requests requests against ltx-sim (pid $sim_pid) at $api"
"$build/benchmarks/ltx_soak" "$api/v1/ltxstudio/" soak-token \
    "$root/tools/ltx-sim/fixtures/start.png" "$sim_pid" "$requests"

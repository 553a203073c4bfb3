#!/usr/bin/env bash
# Builds ltx_benchmarks if needed, runs it briefly and prints ltx's ratios to its alternatives
# (encode vs a Boost.JSON document, decode vs parse + hand extraction, ...) and the allocation
# counts that have one (a status poll, sync and async) against the issue's targets. A missed target prints MISSED and still exits 0: CI machines are too noisy
# for timing to fail a build. The exit status is non-zero only when building or running fails.
#
#   bash scripts/bench.sh                       quick run (--benchmark_min_time=0.05)
#   LTX_BENCH_MIN_TIME=1 bash scripts/bench.sh  steadier numbers
#   bash scripts/bench.sh --benchmark_filter=encode   extra arguments go to the binary
#
# Without arguments it then runs scripts/compile-time.sh (see the end of this file).
#
# Build directory: $LTX_BUILD_DIR when set (scripts/test.sh passes its g++ Release build, which
# has the benchmarks on), else build/bench. Without a working CMake build the binary is built
# by hand from benchmarks/*.cpp.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${LTX_BUILD_DIR:-build/bench}"
jobs="${LTX_JOBS:-2}"
min_time="${LTX_BENCH_MIN_TIME:-0.05}"
binary="$build_dir/benchmarks/ltx_benchmarks"

build_with_cmake() {
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLTX_BUILD_BENCHMARKS=ON \
            >/dev/null
    fi
    cmake --build "$build_dir" --target ltx_benchmarks -j "$jobs"
}

build_by_hand() {
    echo "bench.sh: no CMake build of ltx_benchmarks; compiling benchmarks/*.cpp by hand"
    mkdir -p "$(dirname "$binary")"
    local libs=(-lbenchmark -lboost_json -lpthread)
    if grep -q '<ltx/asio' benchmarks/*.cpp; then
        libs+=(-lssl -lcrypto)
    fi
    "${CXX:-g++}" -O2 -DNDEBUG -std=c++20 -Iinclude benchmarks/*.cpp -o "$binary" "${libs[@]}"
}

if ! build_with_cmake; then
    build_by_hand
fi

echo "bench.sh: $binary --benchmark_min_time=$min_time $*"
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
status=0
"$binary" --benchmark_min_time="$min_time" --benchmark_color=false "$@" | tee "$output" || status=$?
if [ "$status" -ne 0 ]; then
    echo "bench.sh: ltx_benchmarks failed (exit $status)"
    exit "$status"
fi
if grep -q $'\033' "$output"; then
    echo "bench.sh: the output holds terminal escape codes despite --benchmark_color=false"
    exit 1
fi
if grep -q "MISSED" "$output"; then
    echo
    echo "bench.sh: MISSED targets (reported, not failed; timings on a shared machine are noisy):"
    grep "MISSED" "$output" | grep -v "target(s) MISSED" | sed 's/^/  /'
fi

# A full run (no arguments) ends with the compile-time ratio, by instructions too when valgrind
# is installed (scripts/setup.sh installs it): about two minutes. LTX_BENCH_COMPILE_TIME=0 skips it.
if [ "$#" -eq 0 ] && [ "${LTX_BENCH_COMPILE_TIME:-1}" = 1 ]; then
    echo
    instructions=0
    if command -v valgrind >/dev/null; then
        instructions=1
    fi
    LTX_COMPILE_INSTRUCTIONS="$instructions" bash scripts/compile-time.sh
fi

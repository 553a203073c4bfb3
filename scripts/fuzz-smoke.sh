#!/usr/bin/env bash
# Fuzz smoke run: builds the HTTP/1.1 response differential fuzzer (tests/fuzz/) with clang++
# and libFuzzer into build/fuzz, runs it for ${LTX_FUZZ_SECONDS:-60} seconds over a temporary
# copy of the seed corpus (the repository's corpus is never written), prints libFuzzer's final
# statistics, and fails if the fuzzer finds a crash or a mismatch. Crash inputs are kept in
# build/fuzz/ for reproduction: build/fuzz/http1_response_fuzz <file>.
#
#   bash scripts/fuzz-smoke.sh
#   LTX_FUZZ_SECONDS=300 bash scripts/fuzz-smoke.sh
set -euo pipefail

# One function, called on the last line: bash has read the whole file before running any of
# it, so editing the script during a long run cannot derail that run.
main() {
    local root seconds cxx out target rc execs rate # `work` stays global for the EXIT trap
    root="${LTX_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
    seconds="${LTX_FUZZ_SECONDS:-60}"
    cxx="${LTX_FUZZ_CXX:-clang++}"
    out="$root/build/fuzz"
    target="$out/http1_response_fuzz"
    mkdir -p "$out"

    echo "-- building $target with $cxx"
    "$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -Wall -Wextra -Wpedantic -Werror \
        -I"$root/include" "$root/tests/fuzz/http1_response_fuzz.cpp" -o "$target"

    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    cp -r "$root/tests/fuzz/corpus/http1_response" "$work/corpus"

    echo "-- fuzzing for ${seconds}s over a copy of tests/fuzz/corpus/http1_response"
    rc=0
    "$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
        -dict="$root/tests/fuzz/http1_response.dict" \
        -artifact_prefix="$out/" "$work/corpus" >"$work/log" 2>&1 || rc=$?

    grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::)' "$work/log" || true
    if [ "$rc" -ne 0 ]; then
        echo "-- the fuzzer failed (exit $rc); its last output:"
        tail -n 60 "$work/log"
        exit 1
    fi
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")"
    echo "-- fuzz smoke passed: ${execs:-?} executions in ${seconds}s (${rate:-?}/s)"
}

main "$@"

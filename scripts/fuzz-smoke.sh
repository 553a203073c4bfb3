#!/usr/bin/env bash
# Fuzz smoke run: builds every fuzz target of tests/fuzz/ (<name>_fuzz.cpp) with clang++,
# libFuzzer, ASan and UBSan into build/fuzz, runs each for ${LTX_FUZZ_SECONDS:-20} seconds
# over a temporary copy of its seed corpus tests/fuzz/corpus/<name> (the repository's corpus
# is never written) with its dictionary tests/fuzz/<name>.dict, ${LTX_JOBS:-2} targets at a
# time, prints libFuzzer's final statistics per target, and fails if any target fails to
# build or finds a crash (a broken property aborts). Crash inputs are kept in build/fuzz/ for
# reproduction: build/fuzz/<name>_fuzz <file>. A target is rebuilt only when a file it
# includes is newer than its binary (the compiler's dependency list, <name>_fuzz.d).
#
# With LTX_FUZZ_RUNS=N a target stops after N executions instead (LTX_FUZZ_SECONDS, if set,
# still bounds it): the long campaigns whose figures the README records.
#
#   bash scripts/fuzz-smoke.sh
#   LTX_FUZZ_SECONDS=300 LTX_FUZZ_TARGETS="url json_models" bash scripts/fuzz-smoke.sh
#   LTX_FUZZ_RUNS=10000000 LTX_JOBS=1 LTX_FUZZ_TARGETS=url bash scripts/fuzz-smoke.sh
set -euo pipefail

all_targets=(http1_response url http_date mime json_models webhook sim_multipart cli_request sim_http)

# The longest input each target is given (libFuzzer's -max_len); 4096 when not listed.
declare -A max_len=([json_models]=16384 [sim_multipart]=8192 [cli_request]=16384)

# One function per target run, then `main` on the last line: bash has read the whole file
# before running any of it, so editing the script during a long run cannot derail that run.

# up_to_date <bin> [input...]: the binary exists and is newer than every file its dependency
# list (<bin>.d, written by the compiler) names, and than each further input given.
up_to_date() {
    local bin="$1" dep
    shift
    [ -x "$bin" ] && [ -f "$bin.d" ] || return 1
    for dep in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$bin.d") "$@"; do
        [ "$dep" -nt "$bin" ] && return 1
    done
    return 0
}

# build <name>: compiles build/fuzz/<name>_fuzz, unless it is up to date. A target with a
# tests/fuzz/<name>.ignore is built with it as its coverage ignorelist: the functions it names
# run without coverage feedback (still under ASan and UBSan).
build() {
    local name="$1" bin="$out/$1_fuzz" start="$SECONDS" list ignore=()
    list="$root/tests/fuzz/$name.ignore"
    if [ -f "$list" ]; then
        ignore=(-fsanitize-coverage-ignorelist="$list")
    fi
    if up_to_date "$bin" "$list"; then
        echo "-- $name: $bin is up to date"
        return 0
    fi
    echo "-- $name: building $bin with $cxx"
    "$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all "${ignore[@]}" \
        -Wall -Wextra -Wpedantic -Werror -MMD -MF "$bin.d" -MT "$bin" \
        -I"$root/include" -I"$root/tools/ltx-sim" -I"$root/tools/ltx" \
        "$root/tests/fuzz/${name}_fuzz.cpp" -o "$bin.tmp" -lboost_json -lpng &&
        mv "$bin.tmp" "$bin" &&
        echo "-- $name: built in $((SECONDS - start))s"
}

# run <name>: builds then fuzzes one target; its output goes to $work/<name>.log.
run() {
    local name="$1" bin="$out/$1_fuzz" dict=() limit=() rc=0 started_at
    build "$name" || return 1
    mkdir -p "$work/$name"
    if [ -d "$root/tests/fuzz/corpus/$name" ]; then
        cp -r "$root/tests/fuzz/corpus/$name/." "$work/$name/"
    fi
    if [ -f "$root/tests/fuzz/$name.dict" ]; then
        dict=(-dict="$root/tests/fuzz/$name.dict")
    fi
    if [ -n "$runs" ]; then
        limit=(-runs="$runs")
        [ -n "${LTX_FUZZ_SECONDS:-}" ] && limit+=(-max_total_time="$seconds")
        echo "-- $name: fuzzing for $runs executions"
    else
        limit=(-max_total_time="$seconds")
        echo "-- $name: fuzzing for ${seconds}s"
    fi
    started_at="$SECONDS"
    "$bin" "${limit[@]}" -max_len="${max_len[$name]:-4096}" -timeout=10 \
        -print_final_stats=1 "${dict[@]}" -artifact_prefix="$out/$name-" "$work/$name" \
        >"$work/$name.fuzz.log" 2>&1 || rc=$?
    grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::)' "$work/$name.fuzz.log" || true
    if [ "$rc" -ne 0 ]; then
        echo "-- $name: the fuzzer failed (exit $rc); its last output:"
        tail -n 40 "$work/$name.fuzz.log"
        return 1
    fi
    local execs rate
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.fuzz.log")"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$name.fuzz.log")"
    echo "-- $name: passed, ${execs:-?} executions in $((SECONDS - started_at))s (${rate:-?}/s)"
}

main() {
    root="${LTX_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
    seconds="${LTX_FUZZ_SECONDS:-20}"
    runs="${LTX_FUZZ_RUNS:-}"
    cxx="${LTX_FUZZ_CXX:-clang++}"
    out="$root/build/fuzz"
    local jobs="${LTX_JOBS:-2}" targets name failed=() running=0
    read -r -a targets <<<"$(tr ',' ' ' <<<"${LTX_FUZZ_TARGETS:-${all_targets[*]}}")"
    for name in "${targets[@]}"; do
        if [ ! -f "$root/tests/fuzz/${name}_fuzz.cpp" ]; then
            echo "-- no fuzz target '$name' (tests/fuzz/${name}_fuzz.cpp); known: ${all_targets[*]}"
            exit 1
        fi
    done
    mkdir -p "$out"
    work="$(mktemp -d)" # global, for the EXIT trap
    trap 'rm -rf "$work"' EXIT

    # At most $jobs targets at a time; each one's output is printed whole when it ends.
    local started=0
    for name in "${targets[@]}"; do
        if [ "$running" -ge "$jobs" ]; then
            wait -n || true
            running=$((running - 1))
        fi
        (run "$name" >"$work/$name.log" 2>&1 && touch "$work/$name.ok"; cat "$work/$name.log") &
        running=$((running + 1))
        started=$((started + 1))
    done
    wait || true
    for name in "${targets[@]}"; do
        [ -f "$work/$name.ok" ] || failed+=("$name")
    done
    if [ "${#failed[@]}" -ne 0 ]; then
        echo "-- fuzz smoke FAILED: ${failed[*]} (of ${started} targets)"
        exit 1
    fi
    echo "-- fuzz smoke passed: ${targets[*]}, ${seconds}s each"
}

main "$@"

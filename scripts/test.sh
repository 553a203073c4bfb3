#!/usr/bin/env bash
# The test command of ltx, and all that CI (.ci/run) does. Runs every check in order, stops at
# the first failure, and ends with the line `N passed, 0 failed` (or `N passed, 1 failed`).
#
#   bash scripts/test.sh                 every step
#   bash scripts/test.sh gcc consumer    only the named steps, in the order given
#   bash scripts/test.sh --list          the steps and what each runs
#
# Build directories live under build/ (gitignored) and are reused between runs. Parallelism is
# min(nproc, 2) unless LTX_JOBS says otherwise. Optional hook scripts, run when present:
# scripts/bench.sh, scripts/fuzz-smoke.sh, scripts/extra-tests.sh; they get LTX_ROOT, LTX_JOBS
# and LTX_BUILD_DIR (the g++ Release build, with benchmarks) in their environment.
set -uo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"
jobs="${LTX_JOBS:-$(nproc)}"
if [ -z "${LTX_JOBS:-}" ] && [ "$jobs" -gt 2 ]; then
    jobs=2
fi
export LTX_ROOT="$root" LTX_JOBS="$jobs" LTX_BUILD_DIR="$root/build/gcc"

# ASan+UBSan: any report fails the test. meson takes the -fsanitize part as -Db_sanitize.
sanitize_options="-fno-sanitize-recover=all -fno-omit-frame-pointer"
sanitize_flags="-fsanitize=address,undefined $sanitize_options"
sanitize_env() {
    export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1"
    export UBSAN_OPTIONS="print_stacktrace=1"
}

# ---- helpers ---------------------------------------------------------------------------------

# cmake_configure <dir> <compiler> <build type> [cmake args...]: configure build/<dir>.
cmake_configure() {
    local dir="build/$1" cxx="$2" type="$3"
    shift 3
    cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE="$type" \
        -DLTX_WARNINGS_AS_ERRORS=ON "$@"
}

# cmake_build_test <dir>: build everything in build/<dir> and run its tests.
cmake_build_test() {
    cmake --build "build/$1" -j "$jobs"
    ctest --test-dir "build/$1" --output-on-failure -j "$jobs"
}

# The g++ Release build, which also builds the benchmarks and is installed for the consumers.
gcc_build() {
    cmake_configure gcc g++ Release -DLTX_BUILD_BENCHMARKS=ON
    cmake --build build/gcc -j "$jobs"
}

# pkg_config_consumer <pc dir> <sysroot or ""> <out dir>: builds and runs tests/consumer with
# nothing but `pkg-config --cflags --libs ltx-asio` from the installed .pc files.
pkg_config_consumer() {
    local pc=(env PKG_CONFIG_PATH="$1" PKG_CONFIG_SYSROOT_DIR="$2" pkg-config) flags=() source
    "${pc[@]}" --validate ltx
    "${pc[@]}" --validate ltx-asio
    [ -f "$("${pc[@]}" --variable=includedir ltx)/ltx/ltx.hpp" ] ||
        { echo "pkg-config: ltx's includedir holds no ltx/ltx.hpp"; return 1; }
    read -r -a flags <<<"$("${pc[@]}" --cflags --libs ltx-asio)"
    rm -rf "$3"
    mkdir -p "$3"
    for source in main main_asio; do
        g++ -std=c++20 -Wall -Wextra -Werror "tests/consumer/$source.cpp" "${flags[@]}" \
            -o "$3/$source"
        "$3/$source"
    done
}

skipped=100 # a step's exit status meaning "nothing to run here"

run_hook() { # <script>: run an optional hook script
    if [ ! -f "$1" ]; then
        echo "$1 does not exist"
        return "$skipped"
    fi
    local rc=0
    bash "$1" || rc=$?
    if [ "$rc" -eq "$skipped" ]; then
        rc=1
    fi
    return "$rc"
}

# ---- steps -----------------------------------------------------------------------------------

step_setup() { bash scripts/setup.sh; }

step_format() {
    local files=()
    mapfile -d '' files < <(find include tests tools examples benchmarks -type f \
        \( -name '*.hpp' -o -name '*.cpp' -o -name '*.ipp' \) -print0 2>/dev/null | sort -z)
    echo "clang-format --dry-run --Werror on ${#files[@]} files"
    if [ "${#files[@]}" -gt 0 ]; then
        clang-format --dry-run --Werror "${files[@]}"
    fi
}

step_amalgamate() { python3 tools/amalgamate.py --check; }

step_core_includes() { bash scripts/check-core-includes.sh; }

step_docs() { bash scripts/check-docs.sh; }

step_headers() { bash scripts/check-headers.sh; }

step_gcc() {
    gcc_build
    # Every text the tests check for a token is collected (tests/secrets.hpp) and scanned for
    # the tokens of both APIs (each holds SECRET); a source that collected too little fails too.
    # The end-to-end scripts add every output of their runs (tests/e2e/sim.sh, source e2e).
    local secrets="$root/build/gcc/secrets.log"
    rm -f "$secrets"
    LTX_SECRETS_LOG="$secrets" ctest --test-dir build/gcc --output-on-failure -j "$jobs" || return
    python3 tests/secrets_scan.py --self-test &&
        python3 tests/secrets_scan.py "$secrets" --source client=40 --source tools=40 \
            --source asio=41 --source sim=1000 --source e2e=600 --token SECRET || return
}

# sanitize_build <dir> <compiler> [cmake args...]: a Debug build with ASan+UBSan, and its tests.
sanitize_build() {
    local dir="$1" cxx="$2"
    shift 2
    sanitize_env
    cmake_configure "$dir" "$cxx" Debug -DLTX_BUILD_BENCHMARKS=OFF \
        -DCMAKE_CXX_FLAGS="$sanitize_flags" \
        -DCMAKE_EXE_LINKER_FLAGS="$sanitize_flags" "$@"
    cmake_build_test "$dir"
}

# clang++ with ASan+UBSan (warnings as errors, as in every build), every test layer,
# header-only. The compiled mode runs in the meson step, under g++'s ASan+UBSan.
step_clang() { sanitize_build clang clang++; }

# g++, so that the use_awaitable forms run under TSan as well (clang++ 14 with Asio 1.22
# compiles them out). -Wno-tsan: g++ 12 warns, as an error under -Werror, that TSan does not
# instrument std::atomic_thread_fence, which Asio's fenced blocks use; no report of the suite
# comes from one. The false positives that do come, from uninstrumented libstdc++, are listed
# one by one, with why, in scripts/tsan.supp. Only the layers that run threads: the reflect and
# http layers run none. In the compiled mode, which CMake builds nowhere else (meson runs it too).
# -O1 -g1: what TSan needs for speed and for reports with file and line, at about 60 % of the
# compile time of RelWithDebInfo's -O2 -g.
step_tsan() {
    export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/scripts/tsan.supp"
    cmake_configure tsan g++ RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
        -DLTX_BUILD_BENCHMARKS=OFF -DLTX_TEST_COMPILE_FAIL=OFF \
        -DLTX_TEST_LAYERS="client;asio;sim;batch;tools" -DLTX_TEST_MODES=compiled \
        -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer -Wno-tsan" \
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread"
    cmake_build_test tsan
}

# meson builds every layer with g++, ASan+UBSan and in the compiled mode (LTX_SEPARATE_COMPILATION):
# with clang's step (header-only) that runs the suite in both modes under both sanitizers, and the
# use_awaitable forms, which Asio 1.22 enables with g++ only (clang++ 14 compiles them out),
# under ASan+UBSan too.
step_meson() {
    sanitize_env
    local reconfigure=()
    if [ -f build/meson/build.ninja ]; then
        reconfigure=(--reconfigure)
    fi
    meson setup "${reconfigure[@]}" build/meson -Dcompiled_mode=true \
        -Db_sanitize=address,undefined -Dcpp_args="$sanitize_options"
    meson compile -C build/meson -j "$jobs"
    meson test -C build/meson --print-errorlogs --num-processes "$jobs"
    # What it installs for builds without meson: the headers and the pkg-config files.
    rm -rf build/meson-install
    meson install -C build/meson --no-rebuild --tags devel --destdir "$root/build/meson-install"
    local pc
    pc="$(find build/meson-install -name ltx.pc -print -quit)"
    [ -n "$pc" ] || { echo "meson install: no ltx.pc"; return 1; }
    pkg_config_consumer "$root/$(dirname "$pc")" "$root/build/meson-install" \
        build/meson-consumer-pkg-config
}

step_consumer() {
    gcc_build
    rm -rf build/install
    cmake --install build/gcc --prefix build/install
    local f
    for f in include/ltx/detail/config.hpp share/cmake/ltx/ltxConfig.cmake \
        share/cmake/ltx/ltxConfigVersion.cmake share/cmake/ltx/ltxTargets.cmake \
        share/cmake/ltx/ltxAsioTargets.cmake share/pkgconfig/ltx.pc share/pkgconfig/ltx-asio.pc; do
        [ -f "build/install/$f" ] || { echo "install: missing $f"; return 1; }
    done
    if [ -f single_include/ltx/ltx.hpp ]; then
        [ -f build/install/include/ltx-single/ltx/ltx.hpp ] ||
            { echo "install: missing include/ltx-single/ltx/ltx.hpp"; return 1; }
    fi

    echo "-- consumer, mode pkg-config"
    pkg_config_consumer "$root/build/install/share/pkgconfig" "" build/consumer-pkg-config

    local mode
    for mode in package subdirectory fetchcontent; do
        echo "-- consumer, mode $mode"
        rm -rf "build/consumer-$mode"
        cmake -S tests/consumer -B "build/consumer-$mode" -G Ninja -DCMAKE_CXX_COMPILER=g++ \
            -DLTX_CONSUMER_MODE="$mode" -DLTX_SOURCE_DIR="$root" \
            -DCMAKE_PREFIX_PATH="$root/build/install"
        cmake --build "build/consumer-$mode" -j "$jobs"
        ctest --test-dir "build/consumer-$mode" --output-on-failure
    done
}

step_benchmarks() {
    gcc_build
    if [ -f scripts/bench.sh ]; then
        bash scripts/bench.sh
    elif [ -x build/gcc/benchmarks/ltx_benchmarks ]; then
        echo "-- smoke run (scripts/bench.sh does not exist)"
        build/gcc/benchmarks/ltx_benchmarks --benchmark_min_time=0.01
    else
        echo "no benchmarks/*.cpp yet: nothing to build or run"
    fi
}

step_fuzz_smoke() { run_hook scripts/fuzz-smoke.sh; }

step_extra_tests() { run_hook scripts/extra-tests.sh; }

# ---- driver ----------------------------------------------------------------------------------

all_steps=(setup format amalgamate core-includes docs headers gcc clang tsan meson consumer
    benchmarks fuzz-smoke extra-tests)
declare -A describe=(
    [setup]="bash scripts/setup.sh: install the Debian packages that are missing"
    [format]="clang-format --dry-run --Werror over include/ tests/ tools/ examples/ benchmarks/"
    [amalgamate]="python3 tools/amalgamate.py --check: the single headers are up to date"
    [core-includes]="bash scripts/check-core-includes.sh: the core includes no Asio, no OpenSSL"
    [docs]="bash scripts/check-docs.sh: the reflection engine's public headers are mostly docs"
    [headers]="bash scripts/check-headers.sh: each header under include/ltx compiles alone"
    [gcc]="g++ Release build (-Werror, benchmarks on) + ctest, in build/gcc; then the secrets scan of what the tests saw"
    [clang]="clang++ Debug build with ASan+UBSan (-Werror, -fno-sanitize-recover=all), header-only, + ctest"
    [tsan]="g++ build with TSan at -O1 -g1 (halt_on_error, scripts/tsan.supp) of the threaded layers, compiled mode, + ctest"
    [meson]="meson setup/compile/test (g++, ASan+UBSan, compiled mode), in build/meson; its install's pkg-config files used"
    [consumer]="tests/consumer via pkg-config and find_package (install of build/gcc), add_subdirectory, FetchContent"
    [benchmarks]="build ltx_benchmarks; run scripts/bench.sh if present, else a smoke run"
    [fuzz-smoke]="bash scripts/fuzz-smoke.sh, if present"
    [extra-tests]="bash scripts/extra-tests.sh, if present"
)

if [ "${1:-}" = "--list" ]; then
    for s in "${all_steps[@]}"; do
        printf '%-14s %s\n' "$s" "${describe[$s]}"
    done
    exit 0
fi

steps=("$@")
if [ "${#steps[@]}" -eq 0 ]; then
    steps=("${all_steps[@]}")
fi
for s in "${steps[@]}"; do
    if [ -z "${describe[$s]+x}" ]; then
        echo "test.sh: unknown step '$s' (see --list)" >&2
        exit 2
    fi
done

passed=0
summary=()
start_all=$SECONDS
index=0
for s in "${steps[@]}"; do
    index=$((index + 1))
    echo
    echo "==== [$index/${#steps[@]}] $s: ${describe[$s]}"
    start=$SECONDS
    # A subshell, so each step runs under set -e and cannot change the driver's state.
    (
        set -euo pipefail
        "step_${s//-/_}"
    )
    rc=$?
    took=$((SECONDS - start))
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        summary+=("$(printf '  %-14s passed   %4ds' "$s" "$took")")
        echo "==== $s: passed in ${took}s"
    elif [ "$rc" -eq "$skipped" ]; then
        summary+=("$(printf '  %-14s skipped' "$s")")
        echo "==== $s: skipped"
    else
        summary+=("$(printf '  %-14s FAILED   %4ds (exit %d)' "$s" "$took" "$rc")")
        echo "==== $s: FAILED (exit $rc) after ${took}s"
        echo
        printf '%s\n' "${summary[@]}"
        echo "total $((SECONDS - start_all))s"
        echo "$passed passed, 1 failed"
        exit 1
    fi
done

echo
printf '%s\n' "${summary[@]}"
echo "total $((SECONDS - start_all))s"
echo "$passed passed, 0 failed"

#!/usr/bin/env bash
# Proves every header under include/ltx is self-contained: compiles, for each one, a translation
# unit that includes it twice (its include guard too) and nothing else, with -fsyntax-only and
# warnings as errors; stops at the first header that does not compile. impl/ files are left out:
# they are parts of the header that includes them at its end.
# Usage: bash scripts/check-headers.sh [repo root]   (compiler: $CXX, default g++; parallelism:
# $LTX_JOBS, default 2)
set -euo pipefail

root="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
export LTX_CHECK_CXX="${CXX:-g++}" LTX_CHECK_INCLUDE="$root/include"
jobs="${LTX_JOBS:-2}"

# check_header <path under include/>: exit 255 on failure, which stops xargs at once.
check_header() {
    local header="$1" defines=(-DASIO_NO_DEPRECATED)
    case "$header" in
    */src.hpp | src.hpp) defines+=(-DLTX_SEPARATE_COMPILATION) ;;
    esac
    local out
    if ! out="$(printf '#include <%s>\n#include <%s>\n' "$header" "$header" |
        "$LTX_CHECK_CXX" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror \
            "${defines[@]}" -I"$LTX_CHECK_INCLUDE" -x c++ - 2>&1)"; then
        printf '%s\n' "$out" | head -40 >&2
        echo "check-headers: <$header> does not compile alone" >&2
        exit 255
    fi
}
export -f check_header

mapfile -t headers < <(cd "$root/include" && find ltx -name '*.hpp' -not -path '*/impl/*' | sort)
echo "check-headers: ${#headers[@]} headers, each alone in a TU (twice), $LTX_CHECK_CXX, -j$jobs"
printf '%s\n' "${headers[@]}" | xargs -P "$jobs" -n 1 bash -c 'check_header "$1"' _
echo "check-headers: all ${#headers[@]} headers compile alone"

#!/usr/bin/env bash
# Proves the core pulls in no Asio, no OpenSSL and no SQLite: compiles a TU that includes
# <ltx/ltx.hpp> (from include/, then from single_include/ when generated) with -H and fails if any
# header it reads has `/asio/`, `asio.hpp`, `openssl/`, `sqlite3.h` or `ltx/batch/` in its path
# (ltx's own asio/ and batch/ folders too: the batch journal needs SQLite, the core must not).
# Usage: bash scripts/check-core-includes.sh [repo root]      (compiler: $CXX, default g++)
set -euo pipefail

root="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
cxx="${CXX:-g++}"

if [ ! -f "$root/include/ltx/ltx.hpp" ]; then
    echo "check-core-includes: include/ltx/ltx.hpp does not exist yet; nothing to check"
    exit 0
fi

forbidden='/asio/|asio\.hpp|openssl/|sqlite3\.h|ltx/batch/'
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '#include <ltx/ltx.hpp>\n' >"$tmp/core.cpp"

check() { # <include dir>
    local log="$tmp/headers.txt"
    if ! "$cxx" -std=c++20 -fsyntax-only -H -I"$1" "$tmp/core.cpp" 2>"$log"; then
        cat "$log" >&2
        echo "check-core-includes: <ltx/ltx.hpp> from $1 does not compile" >&2
        return 1
    fi
    # -H lists each header read as `<dots> <path>`, one per line, on stderr.
    local headers count
    headers="$(grep -E '^\.+ ' "$log" | sed -E 's/^\.+ //')"
    count="$(printf '%s\n' "$headers" | grep -c . || true)"
    if printf '%s\n' "$headers" | grep -E "$forbidden" >"$tmp/bad.txt"; then
        echo "check-core-includes: <ltx/ltx.hpp> from $1 includes $(sort -u "$tmp/bad.txt" | wc -l)" \
            "Asio, OpenSSL or SQLite headers; the first, with its include chain:" >&2
        # The include chain of the first offending header, from -H's nesting depth.
        awk '/^\.+ / {
                depth = index($0, " ") - 1; chain[depth] = substr($0, depth + 2)
                if (chain[depth] ~ forbidden) {
                    for (i = 1; i <= depth; i++) print "  " substr("          ", 1, i) chain[i]
                    exit
                }
            }' forbidden="$forbidden" "$log" >&2
        return 1
    fi
    echo "check-core-includes: <ltx/ltx.hpp> from ${1#"$root"/}: $count headers, no Asio, no OpenSSL, no SQLite"
}

check "$root/include"
if [ -f "$root/single_include/ltx/ltx.hpp" ]; then
    check "$root/single_include"
fi

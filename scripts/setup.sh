#!/usr/bin/env bash
# Installs the Debian packages that building and testing ltx needs.
# Idempotent: when every package is already installed it does not touch apt at all.
# Usage: bash scripts/setup.sh        (as root, or with sudo available)
set -euo pipefail

packages=(
    g++ clang cmake ninja-build meson pkg-config python3
    libboost1.81-dev libboost-json1.81-dev libasio-dev libssl-dev
    doctest-dev nlohmann-json3-dev libbenchmark-dev libcurl4-openssl-dev
    libclang-rt-14-dev clang-format ffmpeg nginx openssl libcli11-dev valgrind libpng-dev
    libsqlite3-dev
)

missing=()
for package in "${packages[@]}"; do
    # dpkg -s also succeeds for removed-but-not-purged packages, so read the status line.
    if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed$'; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup: all ${#packages[@]} packages are installed"
    exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

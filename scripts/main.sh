#!/usr/bin/env bash
# The main job of ltx, on a fresh Debian machine: installs what is missing, builds, and runs.
#
# For now the main job builds the example program that assembles an ltx-create request,
# validates it and prints the exact HTTP request it becomes (token redacted). The workflow
# against the bundled simulator (upload, create, wait, download) replaces it once the client,
# the Asio transport and ltx-sim land.
#
#   bash scripts/main.sh ["prompt"] [startAssetId]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build/main -G Ninja -DCMAKE_BUILD_TYPE=Release -DLTX_BUILD_TESTS=OFF \
    -DLTX_BUILD_BENCHMARKS=OFF -DLTX_BUILD_TOOLS=OFF -DLTX_BUILD_EXAMPLES=ON >/dev/null
cmake --build build/main --target ltx_example_build_request -j 2
build/main/examples/ltx_example_build_request "$@"

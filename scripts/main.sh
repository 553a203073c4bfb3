#!/usr/bin/env bash
# The main job of ltx on a fresh Debian machine: installs what is missing, builds the `ltx`
# command line and the `ltx-sim` simulator, and creates a video end to end: upload the start
# frame, create the job, follow its progress, download the MP4 (default ./out.mp4).
#
#   bash scripts/main.sh
#       against the bundled simulator, started on a free loopback port and stopped at the end
#   USEAPI_TOKEN=... LTX_BASE_URL=https://api.useapi.net/v1/ltxstudio/ bash scripts/main.sh
#       against the real API (costs credits)
#   LTX_API=lightricks bash scripts/main.sh
#       the official LTX API instead: upload, image-to-video as a v2 job, follow, download;
#       against the simulator, or with LTXV_API_KEY=... LTX_BASE_URL=https://api.ltx.video
#       against the real one (costs credits)
#
# LTX_PROMPT, LTX_START (an image file, an asset id, or for the official API a URI) and LTX_OUT
# change the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

bash scripts/setup.sh
cmake -S . -B build/main -G Ninja -DCMAKE_BUILD_TYPE=Release -DLTX_BUILD_TESTS=OFF \
    -DLTX_BUILD_BENCHMARKS=OFF -DLTX_BUILD_EXAMPLES=OFF -DLTX_BUILD_TOOLS=ON >/dev/null
cmake --build build/main --target ltx_cli ltx-sim -j 2

ltx="$root/build/main/tools/ltx/ltx"
sim="$root/build/main/tools/ltx-sim/ltx-sim"
prompt="${LTX_PROMPT:-A serene landscape with flowing water, golden hour}"
start="${LTX_START:-$root/tools/ltx-sim/fixtures/start.png}"
out="${LTX_OUT:-out.mp4}"

api="${LTX_API:-studio}"
case "$api" in
studio) key_var=USEAPI_TOKEN ;;
lightricks) key_var=LTXV_API_KEY ;;
*) echo "main: LTX_API is studio or lightricks, not $api" >&2; exit 2 ;;
esac

# create <base URL> [capture]: the main job against the API at that URL, with the key in
# $key_var; with `capture`, its output is also kept for the secrets scan (tests/e2e/sim.sh).
create() {
    local cmd
    if [ "$api" = lightricks ]; then
        cmd=("$ltx" --base-url "$1" lightricks image-to-video --image "$start" --prompt "$prompt"
            --model ltx-2-3-fast --duration 6 --resolution 1920x1080 --out "$out")
    else
        cmd=("$ltx" --base-url "$1" videos create --prompt "$prompt" --start "$start" --duration 5
            --out "$out")
    fi
    if [ "${2:-}" = capture ]; then
        e2e_capture ltx "${cmd[@]}"
    else
        "${cmd[@]}"
    fi
}

if [ -n "${!key_var:-}" ] && [ -n "${LTX_BASE_URL:-}" ]; then
    echo "main: creating a video with the API at $LTX_BASE_URL"
    create "$LTX_BASE_URL"
else
    # The simulator's token holds SECRET: the run fails if it shows in what ltx printed or in
    # the simulator's log.
    . tests/e2e/sim.sh
    e2e_begin
    token="main-SECRET-$RANDOM$RANDOM"
    sim_start sim --token "$token" --speed 4000 --exit-after 600 >&2 || exit 1
    url="$sim_api"
    echo "main: simulator at $url (set $key_var and LTX_BASE_URL to use the real API)"
    if [ "$api" = lightricks ]; then
        LTXV_API_KEY="$token" create "$url/" capture
    else
        USEAPI_TOKEN="$token" create "$url/v1/ltxstudio/" capture
    fi
    secrets_scan 2 >&2
fi

if command -v ffprobe >/dev/null; then
    ffprobe -v error -show_entries format=format_name,duration:stream=codec_name,width,height \
        -of default=noprint_wrappers=1 "$out"
fi

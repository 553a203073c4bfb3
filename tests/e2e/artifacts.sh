#!/usr/bin/env bash
# The simulator's videos, as ffprobe reads them: for every `duration` and `aspectRatio` of
# ltx-create, `ltx videos create` against `ltx-sim` saves an MP4 that lasts the duration (within
# one frame) and has the aspect ratio.
#
#   artifacts.sh LTX LTX_SIM FIXTURES_DIR
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
command -v ffprobe >/dev/null || { echo "ffprobe is missing (bash scripts/setup.sh installs it)"; exit 1; }
work="$(mktemp -d)"
"$sim" --port 0 --seed 3 --speed 0 --no-url-lag --token art-token --exit-after 300 \
    --account me@example.com:1000:50 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    grep -q '^storage on ' "$work/sim.out" && break
    sleep 0.05
done
api="$(sed -n 's/^listening on //p' "$work/sim.out")"
[ -n "$api" ] || { echo "the simulator did not start"; cat "$work/sim.err"; exit 1; }
export USEAPI_TOKEN=art-token
cd "$work"
asset="$("$ltx" --base-url "$api/v1/ltxstudio/" assets upload "$fixtures/start.png")" ||
    { echo "the upload failed"; exit 1; }

failures=0 checked=0
for duration in 3 5 7 9 15 30; do
    for aspect in 16:9 9:16 1:1; do
        out="v-$duration-${aspect/:/x}.mp4"
        if ! "$ltx" --base-url "$api/v1/ltxstudio/" videos create --prompt "Waves" \
            --start "$asset" --duration "$duration" --aspect-ratio "$aspect" --out "$out" \
            >/dev/null 2>"$work/err"; then
            echo "FAIL $duration s $aspect: ltx failed: $(cat "$work/err")"
            failures=$((failures + 1))
            continue
        fi
        read -r width height rate seconds < <(ffprobe -v error -select_streams v:0 \
            -show_entries stream=width,height,r_frame_rate:format=duration \
            -of default=noprint_wrappers=1:nokey=1 "$out" | tr '\n' ' ')
        # The aspect ratio exactly (w:h = a:b), the duration within one frame.
        verdict="$(python3 -c '
import sys
w, h, rate, secs, want, aspect = sys.argv[1:]
num, den = (int(x) for x in rate.split("/"))
a, b = (int(x) for x in aspect.split(":"))
ok_aspect = int(w) * b == int(h) * a
ok_duration = abs(float(secs) - float(want)) <= den / num
print("ok" if ok_aspect and ok_duration else "bad")
' "$width" "$height" "$rate" "$seconds" "$duration" "$aspect")"
        checked=$((checked + 1))
        if [ "$verdict" != ok ]; then
            echo "FAIL $duration s $aspect: ffprobe reads ${width}x$height, $seconds s at $rate fps"
            failures=$((failures + 1))
        fi
    done
done
[ "$checked" -eq 18 ] && [ "$failures" -eq 0 ] ||
    { echo "FAILED: $failures of 18 shapes wrong ($checked probed)"; exit 1; }
echo "ffprobe: all 18 durations x aspect ratios match the request"

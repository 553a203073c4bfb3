#!/usr/bin/env bash
# The simulator's artifacts, as ffprobe reads them, fetched through `ltx` from `ltx-sim`:
# - ltx-create (`ltx videos create`), every `duration` x `aspectRatio`: an MP4 that lasts the
#   duration (within one frame) and has the aspect ratio;
# - veo-create (`ltx videos veo-create`), every `duration` x `aspectRatio` each model takes (veo2:
#   5-8 s in 16:9 and 9:16; veo3 and veo3-fast: 8 s in 16:9): the same;
# - images/create (`ltx images create`), every `aspectRatio`: a PNG of the aspect ratio;
# - images/upscale (`ltx images upscale`) of each of those images, and of one upscale: a PNG
#   exactly twice the width and height of its source.
#
#   artifacts.sh LTX LTX_SIM FIXTURES_DIR
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
command -v ffprobe >/dev/null || { echo "ffprobe is missing (bash scripts/setup.sh installs it)"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/sim.sh"
e2e_begin
# The token holds SECRET: the end of the script fails if it shows in any output or log.
sim_start sim --fixtures "$fixtures" --seed 3 --speed 0 --no-url-lag --token art-SECRET-token \
    --exit-after 300 --account me@example.com:1000:50 || exit 1
api="$sim_api"
export USEAPI_TOKEN=art-SECRET-token
cd "$work" || exit 1
cli() { "$ltx" --base-url "$api/v1/ltxstudio/" "$@"; }
asset="$(cli assets upload "$fixtures/start.png" 2>"$work/err")" ||
    { echo "the upload failed"; exit 1; }
secrets_text "$asset"
secrets_collect "$work/err"

failures=0 checked=0
# fail WHAT WHY: counts a wrong shape.
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
# run WHAT ARGS...: runs ltx (stderr kept in $work/err, both collected for the secrets scan); a
# failure counts as a wrong shape.
run() {
    local what="$1" rc=0
    shift
    cli "$@" >"$work/out" 2>"$work/err" || rc=$?
    secrets_collect "$work/out" "$work/err"
    [ "$rc" -eq 0 ] && return 0
    fail "$what" "ltx failed: $(cat "$work/err")"
    return 1
}
# probe FILE: prints "codec width height rate seconds" of the first video stream as ffprobe reads
# them (seconds is N/A for an image).
probe() {
    ffprobe -v error -select_streams v:0 \
        -show_entries stream=codec_name,width,height,r_frame_rate:format=duration \
        -of default=noprint_wrappers=1:nokey=1 "$1" | tr '\n' ' '
}
# check_video WHAT FILE SECONDS ASPECT: the aspect ratio exactly (w:h = a:b), the duration within
# one frame.
check_video() {
    local codec width height rate seconds
    read -r codec width height rate seconds < <(probe "$2")
    checked=$((checked + 1))
    awk -v w="$width" -v h="$height" -v rate="$rate" -v secs="$seconds" -v want="$3" \
        -v aspect="$4" 'BEGIN {
            split(rate, r, "/"); split(aspect, a, ":"); d = secs - want
            exit !(w > 0 && w * a[2] == h * a[1] && (d < 0 ? -d : d) <= r[2] / r[1])
        }' ||
        fail "$1" "ffprobe reads $codec ${width}x$height, $seconds s at $rate fps"
}
# check_png WHAT FILE ASPECT: a PNG (codec png) whose w:h is the aspect ratio exactly; sets
# png_width and png_height.
check_png() {
    local codec rate seconds
    read -r codec png_width png_height rate seconds < <(probe "$2")
    checked=$((checked + 1))
    local a="${3%:*}" b="${3#*:}"
    [ "$codec" = png ] && [ "${png_width:-0}" -gt 0 ] && [ "$((png_width * b))" -eq "$((png_height * a))" ] ||
        fail "$1" "ffprobe reads $codec ${png_width}x$png_height"
}
# check_upscale WHAT FILE WIDTH HEIGHT: a PNG of exactly twice WIDTH x HEIGHT; sets png_width
# and png_height.
check_upscale() {
    local codec rate seconds
    read -r codec png_width png_height rate seconds < <(probe "$2")
    checked=$((checked + 1))
    [ "$codec" = png ] && [ "$png_width" = "$(($3 * 2))" ] && [ "$png_height" = "$(($4 * 2))" ] ||
        fail "$1" "ffprobe reads $codec ${png_width}x$png_height, the source is ${3}x$4"
}
# job_id: the job id of the last run, from ltx's stderr.
job_id() { sed -n 's/^job //p' "$work/err" | head -n 1; }

# ltx-create: 6 durations x 3 aspect ratios.
for duration in 3 5 7 9 15 30; do
    for aspect in 16:9 9:16 1:1; do
        what="ltx-create $duration s $aspect" out="v-$duration-${aspect/:/x}.mp4"
        run "$what" videos create --prompt "Waves" --start "$asset" --duration "$duration" \
            --aspect-ratio "$aspect" --out "$out" && check_video "$what" "$out" "$duration" "$aspect"
    done
done
# veo-create: each model's column of the reference.
for shape in veo2:5:16:9 veo2:6:16:9 veo2:7:16:9 veo2:8:16:9 veo2:5:9:16 veo2:6:9:16 \
    veo2:7:9:16 veo2:8:9:16 veo3:8:16:9 veo3-fast:8:16:9; do
    IFS=: read -r model duration a b <<<"$shape"
    what="veo-create $model $duration s $a:$b" out="veo-$model-$duration-${a}x$b.mp4"
    run "$what" videos veo-create --prompt "Waves" --start "$asset" --model "$model" \
        --duration "$duration" --aspect-ratio "$a:$b" --out "$out" &&
        check_video "$what" "$out" "$duration" "$a:$b"
done
# images/create in every aspect ratio, then images/upscale of each, and of one upscale.
for aspect in 16:9 9:16 1:1; do
    what="images create $aspect" out="image-${aspect/:/x}.png"
    run "$what" images create --prompt "A red door" --aspect-ratio "$aspect" --out "$out" || continue
    job="$(job_id)"
    check_png "$what" "$out" "$aspect"
    width="$png_width" height="$png_height"
    for round in 1 2; do
        [ "$round" = 2 ] && [ "$aspect" != 1:1 ] && break
        what="images upscale $round of the $aspect image" out="image-${aspect/:/x}-up$round.png"
        run "$what" images upscale --job-id "$job" --out "$out" || break
        job="$(job_id)"
        check_upscale "$what" "$out" "$width" "$height"
        width="$png_width" height="$png_height"
    done
done

# 18 ltx-create + 10 veo-create videos, 3 images, 4 upscales.
total=35
secrets_scan 80 || exit 1
[ "$checked" -eq "$total" ] && [ "$failures" -eq 0 ] ||
    { echo "FAILED: $failures of $total artifacts wrong ($checked probed)"; exit 1; }
echo "ffprobe: all $total artifacts match the request (18 ltx-create and 10 veo-create videos, 3 images, 4 upscales)"

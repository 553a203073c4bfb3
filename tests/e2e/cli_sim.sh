#!/usr/bin/env bash
# End to end: the `ltx` command line against `ltx-sim`, every subcommand, compared with golden
# output. The simulator runs with a fixed seed and instant jobs, so ids are reproducible; ports
# are replaced by placeholders before comparing.
#
#   cli_sim.sh LTX LTX_SIM FIXTURES_DIR GOLDEN_FILE        (LTX_UPDATE_GOLDEN=1 rewrites it)
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")" golden="$(abs "$4")"
. "$(dirname "${BASH_SOURCE[0]}")/sim.sh"
e2e_begin
# The tokens hold SECRET, like every token of the suite's secrets scan; the end of the script
# fails if one shows in anything the CLI or the simulator wrote.
# lx_token is the official API's key (LTXV_API_KEY).
token=e2e-SECRET-token wrong_token=wrong-SECRET-token lx_token=lx-SECRET-key
sim_start sim --seed 7 --speed 0 --no-url-lag --token "$token" --token "$lx_token" \
    --exit-after 120 --account me@example.com:50:2 || exit 1
api="$sim_api" storage="$sim_storage"

cd "$work"
out="$work/actual.txt"
# run TITLE ARGS...: runs ltx, records its exit code, stdout and stderr.
run() {
    local title="$1"
    shift
    echo "### $title" >>"$out"
    USEAPI_TOKEN="$token" "$ltx" --base-url "$api/v1/ltxstudio/" "$@" >"$work/o" 2>"$work/e"
    echo "exit $?" >>"$out"
    sed 's/^/out: /' "$work/o" >>"$out"
    sed 's/^/err: /' "$work/e" >>"$out"
}

cp "$fixtures/start.png" start.png
run "videos create from an image file" videos create --prompt "Waves at dusk" --start start.png --duration 5 --out v1.mp4
cmp -s v1.mp4 "$fixtures/video-5s-160x90.mp4" && echo "v1.mp4 is the 5 s 16:9 video" >>"$out"
job="$(sed -n 's/^err: job //p' "$out" | head -n 1)"
run "jobs get" jobs get "$job"
run "jobs get --json" --json jobs get "$job"
run "jobs wait" jobs wait "$job"
run "jobs download" jobs download "$job" --out v2.mp4
cmp -s v2.mp4 "$fixtures/video-5s-160x90.mp4" && echo "v2.mp4 is the 5 s 16:9 video" >>"$out"
run "assets upload" assets upload start.png
asset="$(tail -n 1 "$out" | sed -n 's/^out: //p')"
run "assets list" assets list --filter images --limit 5
run "videos create with an asset id and every option" videos create --prompt "A [fail] scene" --start "$asset" \
    --end "$asset" --model ltxv --duration 3 --aspect-ratio 9:16 --intensity low --seed 42 \
    --audio-sfx --reply-ref r1 --out v3.mp4
[ -e v3.mp4 ] && echo "v3.mp4 exists, but the job failed" >>"$out"
run "images create" images create --prompt "A red door" --aspect-ratio 9:16 --out frame.png
image_job="$(sed -n 's/^err: job //p' "$out" | tail -n 1)"
run "images create --json" --json images create --prompt "A blue door" --out frame2.png
image_asset="$(grep '^out: {' "$out" | tail -n 1 | sed -n 's/.*"fileId":"\(asset:[^"]*\)".*/\1/p')"
run "videos create from a generated image" videos create --prompt "The door opens" \
    --start "$image_asset" --duration 3 --out from-image.mp4
cmp -s from-image.mp4 "$fixtures/video-3s-160x90.mp4" && echo "from-image.mp4 is the 3 s 16:9 video" >>"$out"
run "images edit" images edit --prompt "Make it green" --reference frame.png --model nano-banana --out edited.png
run "images upscale" images upscale --job-id "$image_job" --out big.png
run "images create refuses a field its model does not take" images create --prompt p \
    --model nano-banana --style anime
run "videos veo-create" videos veo-create --prompt "Waves" --start "$asset" --duration 6 \
    --aspect-ratio 9:16 --out veo.mp4
cmp -s veo.mp4 "$fixtures/video-6s-90x160.mp4" && echo "veo.mp4 is the 6 s 9:16 video" >>"$out"
for f in frame.png frame2.png edited.png big.png; do
    echo "$f: $(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "$f")" >>"$out"
done
echo '{"prompt":"From a file","startAssetId":"'"$asset"'","duration":"9"}' >req.json
run "videos create --request --dry-run" --dry-run videos create --request req.json --seed 5
run "videos create with bad input" videos create --prompt "" --start "$asset" --poll-for-result 99
run "accounts get" accounts get me@example.com
run "accounts configure" accounts configure --cookie "lt_token=a; lt_refresh_token=b" --max-jobs 3
run "accounts configure with a bad cookie" accounts configure --cookie "session=1"
run "accounts set (the old verb)" accounts set --cookie "lt_token=c; lt_refresh_token=d"
run "accounts configure a second account" accounts configure --cookie "lt_token=e; lt_refresh_token=f; email=other@example.com" --max-jobs 2
run "accounts list" accounts list
run "accounts delete" accounts delete other@example.com
run "accounts delete an unknown account" accounts delete other@example.com
run "scheduler list (jobs are instant here)" scheduler list
run "scheduler cancel a finished job" scheduler cancel "$job"
# A job that runs for minutes, on a second simulator: the scheduler lists it until it is cancelled.
sim_start slow --seed 8 --speed 600000 --token "$token" --exit-after 120 \
    --account me@example.com:50:2 || exit 1
slow_api="$sim_api"
USEAPI_TOKEN="$token" "$ltx" --base-url "$slow_api/v1/ltxstudio/" videos create --prompt "Slow" \
    --start start.png --duration 5 --out slow.mp4 >"$work/creator.out" 2>"$work/creator.err" &
creator_pid=$!
e2e_track "$creator_pid"
for _ in $(seq 1 100); do
    grep -q '^job ' "$work/creator.err" && break
    sleep 0.05
done
slow_job="$(sed -n 's/^job //p' "$work/creator.err" | head -n 1)"
api_fast="$api"
api="$slow_api"
run "scheduler list with a running job" scheduler list
run "scheduler cancel a running job" scheduler cancel "$slow_job"
run "scheduler list after the cancel" scheduler list
api="$api_fast"
kill "$creator_pid" 2>/dev/null
wait "$creator_pid" 2>/dev/null
run "status, wait, download (the old verbs)" status "$job"
run "wait (the old verb)" wait "$job"
run "download (the old verb)" download "$job" --out v4.mp4
cmp -s v4.mp4 "$fixtures/video-5s-160x90.mp4" && echo "v4.mp4 is the 5 s 16:9 video" >>"$out"
run "create (the old verb)" --dry-run create --request req.json
run "unknown job" jobs get "email:me@example.com:00000000-0000-0000-0000-000000000000-type:video"
run "wrong token" --token "$wrong_token" jobs get "$job"
# Port 1 on loopback: nothing listens there, the connection is refused.
echo "### network failure" >>"$out"
USEAPI_TOKEN="$token" "$ltx" --base-url "http://127.0.0.1:1/v1/ltxstudio/" jobs get "$job" \
    >"$work/o" 2>"$work/e"
echo "exit $?" >>"$out"
sed 's/^/err: /' "$work/e" >>"$out"
secrets_collect "$work/o"

# The official LTX API on the same simulator: its key from LTXV_API_KEY, its paths at the root.
lrun() {
    local title="$1"
    shift
    echo "### lightricks: $title" >>"$out"
    LTXV_API_KEY="$lx_token" "$ltx" --base-url "$api/" lightricks "$@" >"$work/o" 2>"$work/e"
    echo "exit $?" >>"$out"
    sed 's/^/out: /' "$work/o" >>"$out"
    sed 's/^/err: /' "$work/e" >>"$out"
}
lrun "upload" upload start.png
lrun "image-to-video: upload, v2 job, download" image-to-video --image start.png --prompt "Waves" \
    --model ltx-2-3-fast --duration 6 --resolution 1080x1920 --out l1.mp4
cmp -s l1.mp4 "$fixtures/video-6s-90x160.mp4" && echo "l1.mp4 is the 6 s 9:16 video" >>"$out"
ljob="$(sed -n 's/^err: job //p' "$out" | tail -n 1)"
lrun "status" status image-to-video "$ljob"
lrun "status --json" --json status image-to-video "$ljob"
lrun "text-to-video --sync (v1)" text-to-video --sync --prompt "A lighthouse" --model ltx-2-5-pro \
    --duration 10 --resolution 1920x1080 --out l2.mp4
cmp -s l2.mp4 "$fixtures/video-10s-160x90.mp4" && echo "l2.mp4 is the 10 s 16:9 video" >>"$out"
lrun "outside the matrix" text-to-video --prompt p --model ltx-2-5-pro --duration 6 \
    --resolution 2560x1440
lrun "content filter" text-to-video --prompt "[filtered]" --model ltx-2-3-fast --duration 6 \
    --resolution 1920x1080
lrun "a failed job" retake --video "https://media.example/v.mp4" --start-time 0 --duration 2 \
    --prompt "[fail]"
lrun "dry run" --dry-run extend --video "https://media.example/v.mp4" --duration 2
lrun "unknown job" status retake 00000000-0000-0000-0000-000000000000

# Ports, the storage signature and expiry differ between runs; the rest must not.
sed -i -e "s#$slow_api#http://API2#g" -e "s#$api#http://API#g" -e "s#$storage#http://STORAGE#g" -e "s#${api#http://}#API#g" \
    -e 's/expires=[0-9]*&signature=[0-9a-f]*/expires=E\&signature=S/g' \
    -e 's/"expirationDateString":"[0-9]*"/"expirationDateString":"E"/g' \
    -e 's/"updated":[0-9]*/"updated":T/g' -e 's/"updatedUTC":"[^"]*"/"updatedUTC":"T"/g' \
    -e 's/"\(created\|completed\)_at":"[^"]*"/"\1_at":"T"/g' \
    -e 's/^\(out: email:[^ ]*  [^ ]*\)  .*/\1  STARTED  ELAPSED/' \
    -e 's/\[request id req_[0-9a-f-]*\]/[request id R]/g' -e 's/^out: completed: .*/out: completed: T/' \
    "$out"

# Every output, error and dry run of ltx, and every simulator log of the run.
secrets_collect "$out" "$work/creator.out" "$work/creator.err"
secrets_scan 200 || exit 1

if [ "${LTX_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$out" "$golden"
    echo "updated $golden"
    exit 0
fi
if ! diff -u "$golden" "$out"; then
    echo "FAILED: the output differs from $golden (LTX_UPDATE_GOLDEN=1 rewrites it)"
    exit 1
fi
echo "the CLI's output against the simulator matches $golden"

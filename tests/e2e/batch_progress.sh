#!/usr/bin/env bash
# What `ltx batch` shows on stderr, against the simulator. With stderr on a pseudo-terminal: the
# block of one line per job in flight (with what its polls said) and the total line appear, and
# the screen the run leaves (replayed through a small terminal model) holds one plain `done`
# line per input line and no block; interrupted, the message and no block. With stderr to a
# file: plain lines, no escape code.
#
#   batch_progress.sh LTX LTX_SIM FIXTURES_DIR
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ltx="$(abs "$1")" sim="$(abs "$2")" fixtures="$(abs "$3")"
work="$(mktemp -d)"
"$sim" --port 0 --speed 1500 --no-url-lag --token progress-token \
    --account batch@example.com:100000:4 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
cleanup() {
    kill "$sim_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    grep -qs '^storage on ' "$work/sim.out" && break
    sleep 0.05
done
api="$(sed -n 's/^listening on //p' "$work/sim.out")"
[ -n "$api" ] || { echo "the simulator did not start"; cat "$work/sim.err"; exit 1; }
export USEAPI_TOKEN=progress-token
cd "$work"
fail() {
    echo "FAILED: $*"
    exit 1
}
asset="$("$ltx" --base-url "$api/v1/ltxstudio/" assets upload "$fixtures/start.png")" ||
    fail "no upload"
for i in $(seq 1 6); do
    echo "{\"endpoint\":\"videos/ltx-create\",\"prompt\":\"clip $i\",\"startAssetId\":\"$asset\",\"out\":\"c$i.mp4\"}"
done >batch.jsonl
run=(--base-url "$api/v1/ltxstudio/" batch batch.jsonl --concurrency 2 --poll-ms 200)

# pty_run.py NAME [--interrupt|--resize] CMD...: runs CMD with stderr on a pseudo-terminal of 100
# columns by 30 rows, stderr's bytes into NAME.bin, stdout into NAME.out. With --interrupt, sends
# SIGINT once a frame shows two jobs running; with --resize, once a frame shows a job's poll,
# makes the terminal 45 columns wide and sends SIGWINCH, as a terminal does, and writes the
# offset in NAME.bin where that happened into NAME.resized. Exits with CMD's status.
cat >pty_run.py <<'PY'
import fcntl, os, pty, signal, struct, subprocess, sys, termios
name, args = sys.argv[1], sys.argv[2:]
interrupt = args[0] == "--interrupt"
resize = args[0] == "--resize"
if interrupt or resize:
    args = args[1:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
with open(name + ".out", "wb") as out:
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=slave)
os.close(slave)
data = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    data += chunk
    if interrupt and b" 2 running, " in data:
        p.send_signal(signal.SIGINT)
        interrupt = False
    if resize and b"  submitted  active " in data:
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 45, 0, 0))
        p.send_signal(signal.SIGWINCH)
        open(name + ".resized", "w").write(str(len(data)))
        resize = False
rc = p.wait()
open(name + ".bin", "wb").write(data)
sys.exit(rc)
PY

# screen.py NAME: prints the rows of the screen NAME.bin leaves (carriage return, new line,
# cursor up, erase to the end of the screen); fails on any other escape sequence.
cat >screen.py <<'PY'
import re, sys
raw = open(sys.argv[1] + ".bin", "rb").read().decode()
rows, row, col = [""], 0, 0
for m in re.finditer(r"\x1b\[(\d*)([A-Za-z])|([\r\n])|([^\x1b\r\n]+)", raw):
    if m.group(2) == "A":
        row = max(0, row - int(m.group(1) or 1))
    elif m.group(2) == "J":
        rows[row] = rows[row][:col]
        del rows[row + 1:]
    elif m.group(2):
        sys.exit("unexpected escape sequence %r" % m.group(0))
    elif m.group(3) == "\r":
        col = 0
    elif m.group(3) == "\n":
        row, col = row + 1, 0
        while len(rows) <= row:
            rows.append("")
    else:
        text = m.group(4)
        r = rows[row].ljust(col)
        rows[row] = r[:col] + text + r[col + len(text):]
        col += len(text)
for r in rows:
    if r:
        print(r)
PY

python3 pty_run.py tty "$ltx" "${run[@]}" --journal tty.db --out-dir out-tty ||
    fail "the run on a terminal failed: $(cat tty.bin)"
python3 screen.py tty >tty.screen || fail "$(cat tty.screen)"
python3 - <<'PY' || fail "the terminal output is not as expected (stdout: $(cat tty.out))"
import re, sys
raw = open("tty.bin", "rb").read().decode()
errors = []
# The frames drawn: a total line, and lines of jobs in flight with what their polls said.
totals = re.findall(r"\d+ done, \d+ failed, \d+ unknown, \d+ running, \d+ planned of 6 lines", raw)
if "0 done, 0 failed, 0 unknown, 2 running, 4 planned of 6 lines" not in totals:
    errors.append("no total line with the first two jobs running: %r" % totals[:5])
polled = set(re.findall(r"line (\d)  submitted  active \d+%  0:0\d  \S", raw))
if len(polled) < 6:
    errors.append("lines shown with their poll's progress: %s of 6" % sorted(polled))
block = [r for r in re.split(r"[\r\n]|\x1b\[\d*[AJ]", raw) if r.startswith("line ")]
if not block or any(len(r) > 99 for r in block):
    errors.append("no row of a job in flight, or one wider than the terminal")
# The screen the run leaves: one plain done line per input line, nothing else.
screen = open("tty.screen").read().splitlines()
for i in range(1, 7):
    done = [r for r in screen
            if re.fullmatch(r"%d  done  \S+  out-tty/c%d\.mp4 \(\d+ bytes\)" % (i, i), r)]
    if len(done) != 1:
        errors.append("line %d: %d done rows on the final screen" % (i, len(done)))
if len(screen) != 6:
    errors.append("the final screen holds more than the six done lines: %r" % screen)
if "6 lines: 6 done" not in open("tty.out").read():
    errors.append("no summary on stdout")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY

# Resized to 45 columns while jobs run: the rows of the frames drawn after it are cut to 44
# columns, those before were wider.
python3 pty_run.py resize --resize "$ltx" "${run[@]}" --journal resize.db --out-dir out-resize ||
    fail "the resized run failed: $(cat resize.bin)"
python3 - <<'PY' || fail "the block did not follow the resize: $(cat resize.bin)"
import re, sys
raw = open("resize.bin", "rb").read().decode()
at = int(open("resize.resized").read())
rows = lambda text: [r for r in re.split(r"[\r\n]|\x1b\[\d*[AJ]", text) if r.startswith("line ")]
before, after = rows(raw[:at]), rows(raw[at:])
errors = []
if not before or max(len(r) for r in before) <= 44:
    errors.append("no row wider than 44 columns before the resize: %r" % before[-3:])
if not any(len(r) == 44 for r in after):
    errors.append("no row cut to 44 columns after the resize: %r" % after[-3:])
if not after or len(after[-1]) > 44:
    errors.append("the last rows drawn are wider than 44 columns: %r" % after[-3:])
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY

# SIGINT while two jobs run: the block is cleared, the message stays, the run exits with 4.
python3 pty_run.py int --interrupt "$ltx" "${run[@]}" --journal int.db --out-dir out-int
rc=$?
[ "$rc" -eq 4 ] || fail "the interrupted run exited with $rc: $(cat int.bin)"
python3 screen.py int >int.screen || fail "$(cat int.screen)"
grep -qx 'ltx batch: interrupted; submitted jobs stay in int.db, run again to resume' int.screen ||
    fail "no interrupted message on the screen: $(cat int.screen)"
if grep -q '^line \|planned of' int.screen; then fail "the block stayed: $(cat int.screen)"; fi

# Stderr to a file: the plain lines of each transition, no escape code.
"$ltx" "${run[@]}" --journal file.db --out-dir out-file >file.out 2>file.err ||
    fail "the run to a file failed: $(cat file.err)"
if grep -q $'\x1b' file.err; then fail "escape codes in stderr written to a file"; fi
[ "$(grep -c '^[1-6]  submitted  ' file.err)" -eq 6 ] ||
    fail "not one submitted line per line: $(cat file.err)"
[ "$(grep -c '^[1-6]  done  ' file.err)" -eq 6 ] || fail "not one done line per line: $(cat file.err)"
grep -q '6 lines: 6 done' file.out || fail "no summary: $(cat file.out)"
echo "on a terminal: frames with the total and each line's progress, a final screen of 6 done" \
    "lines, rows cut to the width after a resize, the interrupted message kept; to a file: 12" \
    "plain lines, no escape code"

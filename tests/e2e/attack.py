#!/usr/bin/env python3
"""ltx-sim under attack.

Starts the simulator, then holds 2,000 idle connections, 100 slowloris connections (a header
line every half second, never finished), 10 requests announcing a 1 GiB body, 10 announcing
200 MiB and dribbling it, 200 garbage request lines and 20 header floods of 128 KiB, while a
normal client polls the API every 0.2 s. It fails unless every normal request is answered 200
within 2 s, the oversized and malformed requests are refused (413, 400 or a closed
connection), the simulator's resident memory grows by less than 64 MiB, and once the attack
closes its sockets the simulator still answers and its descriptors come back to within 8 of
where they were. Every answer it reads and everything the simulator printed go to the secrets
scan (tests/secrets_scan.py): the token holds SECRET, and the run fails if it shows in them.

    attack.py LTX_SIM
"""
import http.client
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import secrets_scan  # noqa: E402

TOKEN = "attack-SECRET-token"
SOURCE = "e2e:attack"
# What the run saw, for the secrets scan: the answers it read, the simulator's output.
seen = []
IDLE, SLOW, HUGE, DRIBBLE, GARBAGE, FLOODS = 2000, 100, 10, 10, 200, 20
ATTACK_SECONDS = 8.0
NORMAL_BOUND = 2.0
RSS_BOUND_KIB = 64 * 1024


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def answer_of(s, wait=3.0):
    """The status of the answer on s, 0 for a closed connection, None for no answer yet."""
    s.settimeout(wait)
    try:
        data = s.recv(4096)
    except socket.timeout:
        return None
    except OSError:
        return 0
    if not data:
        return 0
    seen.append(data.decode("utf-8", "replace"))
    parts = data.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1


def scan_seen():
    """The secrets scan of what the run saw; its records are also appended to LTX_SECRETS_LOG
    when set."""
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False, encoding="utf-8") as f:
        for text in seen:
            for line in text.splitlines():
                f.write(secrets_scan.record(SOURCE, line))
        path = f.name
    try:
        problems, counts = secrets_scan.scan(path, {SOURCE: 40}, ["SECRET"])
        if os.environ.get("LTX_SECRETS_LOG"):
            secrets_scan.append(path, os.environ["LTX_SECRETS_LOG"], "e2e")
    finally:
        os.unlink(path)
    print(f"attack: secrets scan of {counts.get(SOURCE, 0)} records")
    return ["secrets scan: " + p for p in problems]


def main():
    sim = sys.argv[1]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 8192)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    if want < IDLE + SLOW + 200:
        print(f"attack: only {want} descriptors may be opened here; {IDLE + SLOW + 200} needed")
        return 1

    sim_err = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
    proc = subprocess.Popen(
        [sim, "--port", "0", "--seed", "9", "--speed", "0", "--no-url-lag", "--token", TOKEN,
         "--exit-after", "120", "--account", "attack@example.com:1000:50"],
        stdout=subprocess.PIPE, stderr=sim_err, text=True)
    failures = []
    sockets = []
    try:
        port = None
        for line in proc.stdout:
            seen.append(line)
            if line.startswith("listening on "):
                port = int(line.rsplit(":", 1)[1])
            if line.startswith("storage on "):
                break
        if port is None:
            print("attack: the simulator did not start")
            return 1

        def normal_request():
            start = time.monotonic()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=NORMAL_BOUND + 3)
            try:
                c.request("GET", "/v1/ltxstudio/accounts",
                          headers={"Authorization": "Bearer " + TOKEN})
                r = c.getresponse()
                seen.append(r.read().decode("utf-8", "replace"))
                return r.status, time.monotonic() - start
            except OSError as e:
                return str(e), time.monotonic() - start
            finally:
                c.close()

        status, took = normal_request()
        if status != 200:
            print(f"attack: a normal request before the attack got {status}")
            return 1
        base_rss, base_fds = rss_kib(proc.pid), fds(proc.pid)

        # The normal client, polling all through the attack.
        normal = []
        stop = threading.Event()

        def poll():
            while not stop.is_set():
                normal.append(normal_request())
                stop.wait(0.2)

        poller = threading.Thread(target=poll)
        poller.start()

        for _ in range(IDLE):
            sockets.append(connect(port))
        slow = [connect(port) for _ in range(SLOW)]
        sockets += slow
        for s in slow:
            s.sendall(b"GET /v1/ltxstudio/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        huge = [connect(port) for _ in range(HUGE)]
        sockets += huge
        for s in huge:
            s.sendall(b"POST /v1/ltxstudio/assets/?type=image HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
                      b"Content-Type: image/png\r\nContent-Length: 1073741824\r\n\r\n")
        dribble = [connect(port) for _ in range(DRIBBLE)]
        sockets += dribble
        for s in dribble:
            s.sendall(b"POST /v1/ltxstudio/assets/?type=image HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
                      b"Content-Type: image/png\r\nContent-Length: 209715200\r\n\r\n")
        garbage = [connect(port) for _ in range(GARBAGE)]
        sockets += garbage
        for i, s in enumerate(garbage):
            s.sendall([b"\x00\xff\xfe GARBAGE\r\n\r\n", b"GET\r\n\r\n",
                       b"GET / HTTP/9.9\r\n\r\n", b"\r\n\r\n\r\n\r\nHELLO / HTTP/1.1 x\r\n\r\n"][i % 4])
        floods = [connect(port) for _ in range(FLOODS)]
        sockets += floods
        flood = b"GET /v1/ltxstudio/accounts HTTP/1.1\r\n" + b"X-Flood: " + b"a" * 100 + b"\r\n"
        for s in floods:
            try:
                s.sendall(flood * 1300)  # 128 KiB of header lines, twice the limit
            except OSError:
                pass  # refused part-way: the simulator closed it

        peak_rss = rss_kib(proc.pid)
        end = time.monotonic() + ATTACK_SECONDS
        while time.monotonic() < end:
            for i, s in enumerate(slow):
                try:
                    s.sendall(b"X-Slow-%d: x\r\n" % i)
                except OSError:
                    pass
            for s in dribble:
                try:
                    s.sendall(b"\x89PNG" * 256)  # 1 KiB each half second
                except OSError:
                    pass
            peak_rss = max(peak_rss, rss_kib(proc.pid))
            time.sleep(0.5)
        peak_rss = max(peak_rss, rss_kib(proc.pid))

        refusals = []
        for name, group, allowed in (("1 GiB body", huge, {413, 0}),
                                     ("garbage request line", garbage, {400, 0}),
                                     ("header flood", floods, {400, 431, 0})):
            got = [answer_of(s) for s in group]
            refusals.append(f"{name} " + ", ".join(
                f"{got.count(g)}x {g or 'closed'}" for g in sorted(set(got), key=str)))
            bad = [g for g in got if g not in allowed]
            if bad:
                failures.append(f"{name}: answers {sorted(set(map(str, bad)))}, not one of "
                                f"{sorted(allowed)}")
        stop.set()
        poller.join()
        slow_answers = [(st, t) for st, t in normal if st != 200 or t > NORMAL_BOUND]
        if not normal:
            failures.append("no normal request was made during the attack")
        if slow_answers:
            failures.append(f"{len(slow_answers)} of {len(normal)} normal requests failed or "
                            f"took over {NORMAL_BOUND} s: {slow_answers[:5]}")
        if peak_rss - base_rss >= RSS_BOUND_KIB:
            failures.append(f"memory grew from {base_rss} to {peak_rss} KiB")
        worst = max((t for _, t in normal), default=0.0)
        print(f"attack: {IDLE} idle, {SLOW} slowloris, {HUGE} 1 GiB, {DRIBBLE} dribbled, "
              f"{GARBAGE} garbage, {FLOODS} floods for {ATTACK_SECONDS:.0f} s; {len(normal)} "
              f"normal requests, slowest {worst * 1000:.0f} ms; RSS {base_rss} -> {peak_rss} "
              f"KiB (bound +{RSS_BOUND_KIB} KiB); fds {base_fds} -> {fds(proc.pid)}")
        print("attack: refused: " + "; ".join(refusals))

        for s in sockets:
            s.close()
        sockets = []
        deadline = time.monotonic() + 10
        while fds(proc.pid) > base_fds + 8 and time.monotonic() < deadline:
            time.sleep(0.1)
        after = fds(proc.pid)
        if after > base_fds + 8:
            failures.append(f"descriptors stayed at {after} (before the attack: {base_fds})")
        if proc.poll() is not None:
            failures.append(f"the simulator exited with {proc.returncode}")
        else:
            status, took = normal_request()
            if status != 200 or took > NORMAL_BOUND:
                failures.append(f"after the attack a normal request got {status} in {took:.2f} s")
    finally:
        for s in sockets:
            s.close()
        proc.kill()
        seen.append(proc.stdout.read())
        proc.wait()
        sim_err.seek(0)
        seen.append(sim_err.read())
    failures += scan_seen()
    for f in failures:
        print("FAIL " + f)
    print("attack: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

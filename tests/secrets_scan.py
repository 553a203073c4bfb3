#!/usr/bin/env python3
"""The suite-wide secrets scan: reads what the tests collected (tests/secrets.hpp) and fails on
any API token in it, and on a source that collected fewer records than expected.

    python3 tests/secrets_scan.py LOG --source client=200 --source tools=40 --token SECRET ...
    python3 tests/secrets_scan.py LOG --source e2e:faults=20 --token SECRET --append-to ALL --as e2e
    python3 tests/secrets_scan.py --self-test

With --append-to, the records of LOG are also appended to the file ALL (one write, so the test
processes that share ALL do not interleave inside them), their source renamed to --as: the
end-to-end scripts (tests/e2e/sim.sh) scan their own records, and add them to the suite-wide
collection when LTX_SECRETS_LOG names one.

Every token the tests give either API holds `SECRET`, so `--token SECRET` finds any of them;
further `--token` values add literal tokens. A finding names the source and the line, never the
token's surroundings beyond the record's first characters.
"""

import argparse
import os
import sys
import tempfile


def scan(path, minimum, tokens):
    """Returns the list of problems found in the log at `path`."""
    counts = {}
    problems = []
    with open(path, encoding="utf-8", errors="replace", newline="\n") as log:
        for number, line in enumerate(log, 1):
            source, _, text = line.rstrip("\n").partition("\t")
            counts[source] = counts.get(source, 0) + 1
            for token in tokens:
                if token in text:
                    problems.append(f"{path}:{number}: a token in output of {source}")
    for source, least in minimum.items():
        got = counts.get(source, 0)
        if got < least:
            problems.append(f"{source}: {got} records collected, expected at least {least}")
    return problems, counts


def record(source, text):
    """One record of the log, as tests/secrets.hpp writes it: CR, LF and backslashes escaped."""
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return f"{source}\t{escaped}\n"


def append(path, target, source):
    """Appends the records of the log at `path` to `target`, their source renamed `source`."""
    with open(path, encoding="utf-8", errors="replace", newline="\n") as log:
        records = "".join(source + "\t" + line.partition("\t")[2] for line in log)
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        data = records.encode("utf-8")
        assert os.write(fd, data) == len(data), "a short write to " + target
    finally:
        os.close(fd)


def self_test():
    """The scan finds a planted token and a missing source; a clean log passes."""
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as f:
        f.write("client\tunauthorized (401): Bearer <redacted>\n")
        f.write("tools\tltx: bad request: key-SECRET-lx leaked\n")
        planted = f.name
    problems, _ = scan(planted, {"client": 1, "tools": 1, "sim": 1}, ["SECRET"])
    assert any("tools" in p and "token" in p for p in problems), problems
    assert any(p.startswith("sim: 0 records") for p in problems), problems
    assert not any("client" in p for p in problems), problems
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as f:
        f.write("client\tfine\n")
        clean = f.name
    assert scan(clean, {"client": 1}, ["SECRET"])[0] == []
    with open(clean, "a", encoding="utf-8") as f:
        f.write(record("e2e", "a\\b\r\nc"))
    with open(clean, encoding="utf-8") as f:
        assert f.read().endswith("e2e\ta\\\\b\\r\\nc\n")
    append(planted, clean, "e2e")
    problems, counts = scan(clean, {"e2e": 2}, ["SECRET"])
    assert counts == {"client": 1, "e2e": 3}, counts
    assert any("e2e" in p and "token" in p for p in problems), problems
    print("secrets_scan: self-test passed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", nargs="?")
    parser.add_argument("--source", action="append", default=[],
                        help="NAME=N: at least N records from NAME")
    parser.add_argument("--token", action="append", default=[], help="a token to look for")
    parser.add_argument("--append-to", metavar="ALL",
                        help="also append the records of LOG to ALL")
    parser.add_argument("--as", dest="rename", default="e2e",
                        help="the source of the records appended to ALL (default e2e)")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        self_test()
        return 0
    if not args.log or not args.token:
        parser.error("a log and at least one --token are required")
    minimum = {}
    for item in args.source:
        name, _, least = item.partition("=")
        minimum[name] = int(least)
    problems, counts = scan(args.log, minimum, args.token)
    if args.append_to:
        append(args.log, args.append_to, args.rename)
    for p in problems:
        print("secrets_scan: " + p, file=sys.stderr)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"secrets_scan: {sum(counts.values())} records ({summary}); "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The suite-wide secrets scan: reads what the tests collected (tests/secrets.hpp) and fails on
any API token in it, and on a source that collected fewer records than expected.

    python3 tests/secrets_scan.py LOG --source client=200 --source tools=40 --token SECRET ...
    python3 tests/secrets_scan.py --self-test

Every token the tests give either API holds `SECRET`, so `--token SECRET` finds any of them;
further `--token` values add literal tokens. A finding names the source and the line, never the
token's surroundings beyond the record's first characters.
"""

import argparse
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
    print("secrets_scan: self-test passed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", nargs="?")
    parser.add_argument("--source", action="append", default=[],
                        help="NAME=N: at least N records from NAME")
    parser.add_argument("--token", action="append", default=[], help="a token to look for")
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
    for p in problems:
        print("secrets_scan: " + p, file=sys.stderr)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"secrets_scan: {sum(counts.values())} records ({summary}); "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

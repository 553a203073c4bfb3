#!/usr/bin/env python3
# Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
"""The doctest TEST_CASE names of ltx's test sources, found by reading them (no build needed).

meson cannot ask a test executable for its cases at build time, so meson.build registers one
test per name this script prints, and a check test per layer (--check) fails unless the names
match the executable's --list-test-cases one to one: a case the scan misses cannot go unrun.

  cases.py --meson FILE...        one line per case: <meson test name> TAB <--test-case filter>;
                                  cases with a doctest::skip decorator are left out
  cases.py --check EXE FILE...    compare the scan with `EXE --list-test-cases`, and check that
                                  each case's filter selects that case and no other
  cases.py FILE...                the names, one per line

Understood: TEST_CASE, TEST_CASE_FIXTURE, SCENARIO, TEST_CASE_TEMPLATE, TEST_CASE_TEMPLATE_DEFINE
with TEST_CASE_TEMPLATE_INVOKE (also from inside a function-like macro) and TYPE_TO_STRING, in the
file and in the headers it includes with quotes. Anything else is an error, not a silent skip.
"""

import os
import re
import subprocess
import sys


class ScanError(Exception):
    pass


class Case(str):
    """A test case's name; `skippable` when it carries a doctest::skip decorator, `conditional`
    when it sits in an #if block (e.g. the coroutine cases, which Asio 1.22 enables with g++
    only)."""

    def __new__(cls, name, skippable, conditional):
        case = super().__new__(cls, name)
        case.skippable = skippable
        case.conditional = conditional
        return case


def strip_comments(text):
    """The text with comments replaced by spaces (newlines kept); string literals untouched."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not text[i - 1].isalnum()):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            if end < 0:
                raise ScanError("unterminated raw string literal")
            end += len(m.group(1)) + 2
            out.append(text[i:end])
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(text, start):
    """The top-level arguments of the call whose '(' is at text[start], and the end index."""
    depth, args, cur, i = 0, [], [], start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
            if depth > 1:
                cur.append(c)
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur).strip())
                return args, i + 1
            cur.append(c)
        elif c == "," and depth == 1:
            args.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    raise ScanError("unbalanced parentheses")


ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "?": "?", "0": "\0"}


def is_skippable(arg):
    """Whether a test case's name argument carries a doctest::skip decorator: such a case is
    left out of --list-test-cases when its condition holds."""
    return re.search(r"\*\s*doctest\s*::\s*skip\b", arg) is not None


def string_value(arg, decorators=False):
    """The value of an argument made of adjacent string literals (followed by `* decorator...`
    for a test case's name); an error for anything else."""
    m = re.match(r'\s*((?:"(?:[^"\\]|\\.)*"\s*)+)(.*)$', arg, re.S)
    if not m or (m.group(2).strip() and not (decorators and m.group(2).startswith("*"))):
        raise ScanError(f"a test case name that is not a plain string literal: {arg}")
    value = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
    return re.sub(r"\\(.)", lambda e: ESCAPES[e.group(1)], value)


CALL = re.compile(r"\b(TEST_CASE|TEST_CASE_FIXTURE|SCENARIO|TEST_CASE_TEMPLATE|"
                  r"TEST_CASE_TEMPLATE_DEFINE|TEST_CASE_TEMPLATE_INVOKE|TEST_CASE_TEMPLATE_APPLY|"
                  r"TYPE_TO_STRING|TYPE_TO_STRING_AS|TEST_CASE_CLASS|SCENARIO_TEMPLATE\w*)\s*\(")
DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)\(([^)]*)\)((?:[^\n]*\\\n)*[^\n]*)", re.M)
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


def read_unit(path, tests_dir, seen):
    """The comment-free text of `path` and of the quoted includes under tests/, once each."""
    path = os.path.normpath(path)
    if path in seen:
        return ""
    seen.add(path)
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    parts = []
    for inc in INCLUDE.findall(text):
        for base in (os.path.dirname(path), tests_dir):
            candidate = os.path.normpath(os.path.join(base, inc))
            if os.path.isfile(candidate):
                if candidate.startswith(os.path.normpath(tests_dir) + os.sep):
                    parts.append(read_unit(candidate, tests_dir, seen))
                break
    parts.append(text)
    return "\n".join(parts)


def conditional_spans(text):
    """The spans of `text` inside #if/#ifdef/#ifndef blocks, include guards aside."""
    spans, stack = [], []
    for m in re.finditer(r"^[ \t]*#[ \t]*(if|ifdef|ifndef|endif)\b[ \t]*(\w*)", text, re.M):
        if m.group(1) != "endif":
            rest = text[m.end():]
            guard = m.group(1) == "ifndef" and re.match(
                r"\s*#[ \t]*define[ \t]+" + re.escape(m.group(2)) + r"\b", rest)
            stack.append((m.start(), bool(guard)))
        elif stack:
            start, guard = stack.pop()
            if not guard:
                spans.append((start, m.end()))
    return spans


def scan_unit(text):
    """The test case names one translation unit registers, in source order."""
    names, templates, type_names, macros = [], {}, {}, {}
    conditionals = conditional_spans(text)

    # Function-like macros that invoke templated cases with one of their parameters.
    for m in DEFINE.finditer(text):
        params = [p.strip() for p in m.group(2).split(",")]
        body = m.group(3).replace("\\\n", " ")
        for call in re.finditer(r"\bTEST_CASE_TEMPLATE_INVOKE\s*\(", body):
            args, _ = split_args(body, call.end() - 1)
            macros.setdefault(m.group(1), []).append((args[0], [params.index(a) if a in params
                                                                else a for a in args[1:]]))
    defines = [(m.start(), m.end()) for m in DEFINE.finditer(text)]

    def in_define(pos):
        return any(a <= pos < b for a, b in defines)

    invocations = []  # (template id, [type spellings])
    for m in CALL.finditer(text):
        if in_define(m.start()):
            continue
        kind = m.group(1)
        args, _ = split_args(text, m.end() - 1)
        conditional = any(a <= m.start() < b for a, b in conditionals)
        if kind in ("TEST_CASE", "SCENARIO"):
            name = string_value(args[0], decorators=True)
            names.append(Case(("Scenario: " + name) if kind == "SCENARIO" else name,
                              is_skippable(args[0]), conditional))
        elif kind == "TEST_CASE_FIXTURE":
            names.append(Case(string_value(args[1], decorators=True), is_skippable(args[1]),
                              conditional))
        elif kind == "TEST_CASE_TEMPLATE":
            invocations.append((None, string_value(args[0]), args[2:]))
        elif kind == "TEST_CASE_TEMPLATE_DEFINE":
            templates[args[2]] = string_value(args[0])
        elif kind == "TEST_CASE_TEMPLATE_INVOKE":
            invocations.append((args[0], None, args[1:]))
        elif kind == "TYPE_TO_STRING":
            type_names[args[0]] = args[0]
        elif kind == "TYPE_TO_STRING_AS":
            type_names[args[1]] = string_value(args[0])
        else:
            raise ScanError(f"{kind} is not understood by tests/cases.py")
    for name, uses in macros.items():
        for m in re.finditer(r"\b" + name + r"\s*\(", text):
            if in_define(m.start()):
                continue
            args, _ = split_args(text, m.end() - 1)
            for template_id, types in uses:
                invocations.append((template_id, None,
                                    [args[t] if isinstance(t, int) else t for t in types]))
    for template_id, name, types in invocations:
        if name is None:
            if template_id not in templates:
                raise ScanError(f"TEST_CASE_TEMPLATE_INVOKE of unknown {template_id}")
            name = templates[template_id]
        for t in types:
            if t not in type_names:
                raise ScanError(f"type {t} of a templated test case has no TYPE_TO_STRING")
            names.append(Case(f"{name}<{type_names[t]}>", False, False))
    return names


def scan(files, tests_dir):
    names = []
    for path in files:
        try:
            found = scan_unit(read_unit(path, tests_dir, set()))
        except ScanError as e:
            raise ScanError(f"{path}: {e}") from None
        for name in found:
            if ";" in name or "\n" in name:
                # CTest's discovery reads the names as a list: a ';' splits one case in two.
                raise ScanError(f"{path}: a test case name holds ';' or a newline: {name!r}")
        names += found
    return names


def wildcmp(s, wild):
    """doctest's filter match: '*' any run of characters, '?' any one character."""
    pattern = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in wild)
    return re.fullmatch(pattern, s, re.S) is not None


def test_case_filter(name):
    """The --test-case value that selects `name`: doctest splits filters at unescaped commas
    and reads '\\' before ',' or '\\' as an escape. '*' and '?' stay wildcards (doctest has no
    escape for them); --check proves that each such filter still selects one case only."""
    return name.replace("\\", "\\\\").replace(",", "\\,")


def check(exe, names):
    listed = subprocess.run([exe, "--list-test-cases", "--no-version"], check=True,
                            capture_output=True, text=True).stdout.splitlines()
    listed = [line for line in listed
              if line and not line.startswith("[doctest]") and not line.startswith("=====")]
    problems = []
    skipped = [n for n in names if n.skippable and n not in listed]
    compiled_out = [n for n in names if n.conditional and not n.skippable and n not in listed]
    names = [n for n in names if n not in skipped and n not in compiled_out]
    for name in sorted(set(names) | set(listed)):
        a, b = names.count(name), listed.count(name)
        if a != b:
            problems.append(f"  {name!r}: {a} in the sources, {b} in {os.path.basename(exe)}")
    for name in set(names):
        if names.count(name) > 1:
            problems.append(f"  {name!r}: {names.count(name)} cases share the name")
        wild = test_case_filter(name).replace("\\,", ",").replace("\\\\", "\\")
        hits = [other for other in listed if wildcmp(other, wild)]
        if hits != [name] and name in listed:
            problems.append(f"  {name!r}: its filter selects {hits}")
    if problems:
        print(f"{exe}: the scan of tests/cases.py disagrees with --list-test-cases:")
        print("\n".join(problems))
        return 1
    print(f"{os.path.basename(exe)}: {len(listed)} test cases, each found by the scan and "
          f"selected alone by its filter")
    for name in skipped:
        print(f"  skipped here (doctest::skip): {name}")
    for name in compiled_out:
        print(f"  compiled out here (#if): {name}")
    return 0


def main(argv):
    tests_dir = os.path.dirname(os.path.abspath(__file__))
    try:
        if argv[:1] == ["--check"]:
            return check(argv[1], scan(argv[2:], tests_dir))
        if argv[:1] == ["--meson"]:
            for name in scan(argv[1:], tests_dir):
                if name.skippable:
                    # Left out: run alone, a skipped case would pass without running (the
                    # check test reports it). scripts/extra-tests.sh runs the nginx ones.
                    continue
                # meson reserves ':' in test names (suite:name) and warns on each one.
                print(name.replace(":", "_").replace("\t", " ") + "\t" + test_case_filter(name))
            return 0
        for name in scan(argv, tests_dir):
            print(name)
        return 0
    except ScanError as e:
        print(f"tests/cases.py: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

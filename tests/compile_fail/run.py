#!/usr/bin/env python3
"""Compile-fail check for the meson build: compiles SOURCE and succeeds only if the compiler
fails with output matching REGEX (Python syntax; the list's regexes are simple enough to read
the same in CMake and Python).

usage: run.py REGEX SOURCE COMPILER [ARGS...]
"""
import re
import subprocess
import sys

regex, source, *command = sys.argv[1:]
result = subprocess.run(command + ["-fsyntax-only", source], capture_output=True, text=True)
output = result.stdout + result.stderr
if result.returncode == 0:
    sys.exit(f"{source} compiled, but it must not")
if not re.search(regex, output):
    sys.exit(f"{source} failed to compile, but the output does not match `{regex}`:\n{output}")
print(f"{source} fails to compile, as expected")

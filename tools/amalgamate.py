#!/usr/bin/env python3
"""Generates ltx's single headers from include/.

    python3 tools/amalgamate.py            # (re)write single_include/ltx/*.hpp
    python3 tools/amalgamate.py --check    # exit 1, printing a diff, if they are stale

single_include/ltx/ltx.hpp is include/ltx/ltx.hpp followed by include/ltx/client.hpp and, when it
exists, include/ltx/lightricks.hpp (the core and the clients of both APIs, so one header is all a
drop-in user needs), with every `#include <ltx/...>` replaced,
recursively, by the file's text: each file once, where it is first included. Other includes stay
as they are, and so do the include guards. single_include/ltx/ltx_asio.hpp is made the same way
from include/ltx/asio.hpp (when it exists), except that it starts with `#include "ltx.hpp"` and
leaves out every file that ltx.hpp already holds. The output depends only on the headers.
"""

import argparse
import difflib
import pathlib
import re
import sys

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
COMMAND = "python3 tools/amalgamate.py"


class Amalgamator:
    """Inlines the ltx headers reachable from one file, each at most once."""

    def __init__(self, include_root, already_inlined=()):
        self.include_root = include_root
        self.inlined = set(already_inlined)

    def resolve(self, delimiter, name, including_file):
        """The include-root-relative path of an ltx header, or None for any other include."""
        if name.startswith("ltx/"):
            path = self.include_root / name
            if not path.is_file():
                sys.exit(f"amalgamate: {including_file}: included file {name} does not exist")
            return name
        if delimiter == '"':
            path = (self.include_root / including_file).parent / name
            if path.is_file():
                try:
                    return path.resolve().relative_to(self.include_root.resolve()).as_posix()
                except ValueError:
                    return None
        return None

    def inline(self, relative):
        """The text of include_root/relative with its ltx includes expanded, as a list of lines."""
        self.inlined.add(relative)
        out = [f"// ---- begin {relative} ----\n"]
        text = (self.include_root / relative).read_text(encoding="utf-8")
        for line in text.splitlines(keepends=True):
            match = INCLUDE_RE.match(line)
            target = match and self.resolve(match.group(1), match.group(2), relative)
            if not target:
                out.append(line if line.endswith("\n") else line + "\n")
            elif target not in self.inlined:
                out.extend(self.inline(target))
        out.append(f"// ---- end {relative} ----\n")
        return out


def banner(source):
    return (
        f"// ltx: the single-header form of include/{source}.\n"
        f"// GENERATED FILE, DO NOT EDIT. Regenerate with `{COMMAND}`;\n"
        f"// CI fails when it is stale (`{COMMAND} --check`).\n"
    )


def generate(include_root):
    """Maps output file names to their expected content (empty when there is no umbrella)."""
    outputs = {}
    if not (include_root / "ltx/ltx.hpp").is_file():
        return outputs
    core = Amalgamator(include_root)
    # The single header is the whole core: <ltx/ltx.hpp> (models, engine) and the client.
    outputs["ltx.hpp"] = (banner("ltx/ltx.hpp and include/ltx/client.hpp")
                          + "".join(core.inline("ltx/ltx.hpp"))
                          + "".join(core.inline("ltx/client.hpp")))
    if (include_root / "ltx/lightricks.hpp").is_file():
        outputs["ltx.hpp"] += "".join(core.inline("ltx/lightricks.hpp"))
    if (include_root / "ltx/asio.hpp").is_file():
        asio = Amalgamator(include_root, core.inlined)
        outputs["ltx_asio.hpp"] = (
            banner("ltx/asio.hpp") + '#include "ltx.hpp"\n' + "".join(asio.inline("ltx/asio.hpp"))
        )
    return outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing them")
    parser.add_argument("--root", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parent.parent,
                        help="repository root (default: the one holding this script)")
    args = parser.parse_args()

    include_root = args.root / "include"
    out_dir = args.root / "single_include" / "ltx"
    expected = generate(include_root)
    if not expected:
        print("amalgamate: include/ltx/ltx.hpp does not exist; no single header to make")

    stale = []
    for name in sorted(set(expected) | {"ltx.hpp", "ltx_asio.hpp"}):
        path = out_dir / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        wanted = expected.get(name)
        if current == wanted:
            continue
        stale.append(name)
        if not args.check:
            if wanted is None:
                path.unlink()
                print(f"amalgamate: removed {path.relative_to(args.root)}")
            else:
                out_dir.mkdir(parents=True, exist_ok=True)
                path.write_text(wanted, encoding="utf-8")
                print(f"amalgamate: wrote {path.relative_to(args.root)}")
            continue
        diff = list(difflib.unified_diff(
            (current or "").splitlines(keepends=True), (wanted or "").splitlines(keepends=True),
            f"single_include/ltx/{name} (committed)", f"single_include/ltx/{name} (generated)"))
        sys.stdout.writelines(diff[:400])
        if len(diff) > 400:
            print(f"... {len(diff) - 400} more diff lines")

    if args.check and stale:
        print(f"amalgamate: stale: {', '.join(stale)}; run `{COMMAND}` and commit the result")
        return 1
    if not stale:
        print("amalgamate: single headers are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())

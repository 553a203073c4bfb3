#!/usr/bin/env bash
# The public headers of the reflection engine read as documentation: at least 40 % of their
# non-blank lines are doc comments (///), as in Boost.JSON's public headers. Tables and
# ladders belong in reflect/detail/ and reflect/impl/.
set -euo pipefail
cd "$(dirname "$0")/.."
min=40
failed=0
for f in include/ltx/reflect/validate.hpp include/ltx/reflect/json_write.hpp \
    include/ltx/reflect/json_read.hpp include/ltx/reflect/json_error.hpp; do
    read -r docs lines < <(awk '/^ *\/\/\//{d++} NF{n++} END{print d+0, n+0}' "$f")
    pct=$((100 * docs / lines))
    if [ "$pct" -lt "$min" ]; then
        echo "$f: $pct % doc lines ($docs of $lines), below $min %"
        failed=1
    else
        echo "$f: $pct % doc lines"
    fi
done
# No header tells its history: that belongs in commit messages.
if grep -rnE "were once|was once|no longer|used to be" include/ltx; then
    echo "headers above tell history; state the invariant instead"
    failed=1
fi
exit "$failed"

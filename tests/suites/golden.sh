#!/usr/bin/env bash
# Golden sentence files (tests/golden/*.test, see `dyad test --help`): every case must code exactly its
# expected events. The closing "N passed, M failed" line is dyad test's own. Cases that fail today are
# kept in tests/golden/pending/ and are not run here.
set -u
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
files=(tests/golden/*.test)
if [ ! -e "${files[0]}" ]; then echo "FAIL: no tests/golden/*.test files"; echo "0 passed, 1 failed"; exit 1; fi
"$DYAD" test "${files[@]}"

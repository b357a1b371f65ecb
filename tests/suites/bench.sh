#!/usr/bin/env bash
# bench.sh — bench/run --sample (issue 6) stays runnable: the first 300 Reuters-21578 stories coded with
# the built-in dictionary, TABARI's set and its compiled .dyc, each at -j 1 and -j N, with -j N writing
# the same bytes as -j 1 (bench/run exits 1 otherwise). It checks correctness only, never speed.
set -u
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
if [ ! -d ../shared/corpora/reuters21578 ] || ! command -v python3 >/dev/null; then
    echo "SKIP: ../shared/corpora/reuters21578 or python3 not found"; echo "0 passed, 0 failed"; exit 0
fi
pass=0 fail=0
out=$(python3 bench/run --dyad "$DYAD" --sample --jobs 2 2>&1); rc=$?
if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL bench/run --sample exit $rc"; echo "$out" | tail -20; fi
for dict in default tabari tabari.dyc; do
    for j in 1 2; do
        # a row per dictionary and -j, with a positive event count (column 6)
        if echo "$out" | awk -v d="$dict" -v j="$j" '$1 == d && $2 == j && $6 > 0 { found = 1 } END { exit !found }'; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL no row with events for $dict -j $j"
        fi
    done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

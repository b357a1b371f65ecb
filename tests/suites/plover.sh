#!/usr/bin/env bash
# PLOVER headlines (../shared/gold/plover-headlines): bench/measure-dicts fills the {country_1}, {city}...
# slots with real names, codes every headline with the built-in dictionary and compares the first
# event's `plover` field with the gold event type. Counted twice: the headlines as written (Title Case)
# and in sentence case. Neither count of right headlines may fall below the level reached so far
# (ratchets: raise them with every gain). Issue 3 aims at an accuracy >= 0.9.
set -u
MIN_RIGHT_TITLE=339     # of 375 headlines (0.904) on 2026-11-28
MIN_RIGHT_SENTENCE=339  # of 375 headlines (0.904) on 2026-11-28
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
if [ ! -f ../shared/gold/plover-headlines/synthetic_headlines.csv ]; then
    echo "SKIP: ../shared/gold/plover-headlines not found"; echo "0 passed, 0 failed"; exit 0
fi
if ! command -v python3 >/dev/null; then echo "SKIP: python3 not found"; echo "0 passed, 0 failed"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=$(bench/measure-dicts --dyad "$DYAD" --only default --keep "$tmp" 2>&1)
echo "$out" | sed -n '/PLOVER/,/sentence case/p'
pass=0 fail=0
check() {   # check NAME GOT MIN
    if [ -z "$2" ]; then echo "FAIL $1: no figure"; fail=$((fail + 1));
    elif [ "$2" -ge "$3" ]; then echo "ok   $1 $2 >= $3"; pass=$((pass + 1));
    else echo "FAIL $1 $2 < ratchet $3"; fail=$((fail + 1)); fi
}
check "plover right, headline case" "$(echo "$out" | sed -n 's/^headline case:.*plover right \([0-9]*\) .*/\1/p')" "$MIN_RIGHT_TITLE"
check "plover right, sentence case" "$(echo "$out" | sed -n 's/^sentence case:.*plover right \([0-9]*\) .*/\1/p')" "$MIN_RIGHT_SENTENCE"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

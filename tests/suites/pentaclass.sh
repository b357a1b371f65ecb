#!/usr/bin/env bash
# The built-in dictionary on real 2017-18 news (../shared/gold/conflibert-cameo, scored by ../shared/tools/score):
#   pentaclass: share of sentences with >= 1 event, and the first event's Phoenix pentaclass right (of those)
#   actors:     overlap F1 of events' source_text / target_text against the gold source and target spans
# Each figure must not fall below the level reached so far (ratchets: raise them with every gain).
# Issue 3 aims at >= 0.90 coded and >= 0.85 right; bench/measure-dicts prints the same beside Phoenix.
set -u
# Levels of 2026-11-28 without data/dict/50-leaders.dyad (in progress; with its draft: 0.90, 0.80, 0.86, 0.63).
MIN_CODED=0.96          # 2026-11-28 (1289 of 1349 = 0.9555: a comma span holding every verb is the main clause; before 0.95: agentless passives coded, actorless events only for force in a named place); Phoenix set: 0.90
MIN_RIGHT=0.85          # Phoenix set: 0.62
MIN_SOURCE_F1=0.88      # Phoenix set: 0.80
MIN_TARGET_F1=0.69      # 0.687 on 2026-11-28; Phoenix set: 0.60
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
score=../shared/tools/score
if [ ! -x "$score" ]; then echo "SKIP: $score not found"; echo "0 passed, 0 failed"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {   # check NAME GOT MIN
    if [ -z "$2" ]; then echo "FAIL $1: no figure"; fail=$((fail + 1)); return; fi
    if awk -v g="$2" -v m="$3" 'BEGIN { exit !(g + 0 >= m + 0) }'; then
        echo "ok   $1 $2 >= $3"; pass=$((pass + 1))
    else
        echo "FAIL $1 $2 < ratchet $3"; fail=$((fail + 1))
    fi
}
"$score" input pentaclass > "$tmp/pc.jsonl"
"$DYAD" code -o "$tmp/pc.out" "$tmp/pc.jsonl" 2>/dev/null
pc=$("$score" score pentaclass "$tmp/pc.out")
echo "$pc"
check "pentaclass coded" "$(echo "$pc" | sed -n 's/.*with an event \([0-9.]*\).*/\1/p')" "$MIN_CODED"
check "pentaclass right" "$(echo "$pc" | sed -n 's/.*class right \([0-9.]*\) of those.*/\1/p')" "$MIN_RIGHT"
"$score" input actors > "$tmp/ac.jsonl"
"$DYAD" code -o "$tmp/ac.out" "$tmp/ac.jsonl" 2>/dev/null
ac=$("$score" score actors "$tmp/ac.out")
echo "$ac"
check "source_text F1" "$(echo "$ac" | sed -n 's/.*source_text:.*F1 \([0-9.]*\).*/\1/p')" "$MIN_SOURCE_F1"
check "target_text F1" "$(echo "$ac" | sed -n 's/.*target_text:.*F1 \([0-9.]*\).*/\1/p')" "$MIN_TARGET_F1"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

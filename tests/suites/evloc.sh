#!/usr/bin/env bash
# Event places (issue 4) on ../shared/gold/event-location (news sentences with the event's location
# marked), scored by ../shared/tools/score: the share of sentences with a gold location whose event
# location names it, and the share of the locations dyad gives that are wrong. Ratchets: raise them
# with every gain. Sentences where the built-in dictionary codes no event cannot score (issue 4 aims
# at >= 0.80; bench/evloc-verb measures the place chosen for the gold verb, independent of coding).
set -u
MIN_RIGHT=0.82          # 2026-11-28: located right 0.82 of 2567 (2110: "X, capital of Y" places X by Y's cue; 2106: places before the verb weigh 1.2 not 1.5, broader ones more; 2103: a street or building "in" a town or a town's own is placed in the town; 2095: comma spans holding every verb kept, a pronoun standing for no actor leaves force unnamed; 0.81 before; 0.73 before agentless passives and actorless force were coded; 0.83 with actorless events everywhere, which made 3,572 junk events on Reuters: see unnamed.sh; was 0.53)
MAX_WRONG_SHARE=0.120   # 2026-11-28: 414 wrong of 3452 given (tickers, small capitals, "More", "Banco"; 2,113 of 2,567 located right); 0.122, 420 wrong of 3456 given (acronyms, small towns before "said", continents and seas; 2,112 of 2,567 located right); 0.123, 426 of 3453 (small towns starting longer names, "the Gulf", "chairman X"); before: 0.124, 428 of 3458; 0.126, 435 of 3449; 0.129, 446 of 3449; 0.132, 454 of 3449; 0.134, 423 of 3159)
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
score=../shared/tools/score
if [ ! -x "$score" ] || [ ! -r ../shared/gold/event-location/dev.jsonl ]; then
    echo "SKIP: $score or the event-location gold not found"; echo "0 passed, 0 failed"; exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {   # check NAME GOT LIMIT ge|le
    if [ -z "$2" ]; then echo "FAIL $1: no figure"; fail=$((fail + 1)); return; fi
    if awk -v g="$2" -v m="$3" -v op="$4" 'BEGIN { exit !(op == "ge" ? g + 0 >= m + 0 : g + 0 <= m + 0) }'; then
        echo "ok   $1 $2 ($4 $3)"; pass=$((pass + 1))
    else
        echo "FAIL $1 $2 beyond ratchet $3"; fail=$((fail + 1))
    fi
}
"$score" input evloc > "$tmp/el.jsonl"
"$DYAD" code -q -o "$tmp/el.out" "$tmp/el.jsonl" 2>/dev/null
el=$("$score" score evloc "$tmp/el.out")
echo "$el"
check "located right" "$(echo "$el" | sed -n 's/.*located right \([0-9.]*\);.*/\1/p')" "$MIN_RIGHT" ge
given=$(echo "$el" | sed -n 's/.*locations given \([0-9]*\),.*/\1/p')
wrong=$(echo "$el" | sed -n 's/.*wrong \([0-9]*\).*/\1/p')
share=$(awk -v w="${wrong:-0}" -v g="${given:-0}" 'BEGIN { if (g > 0) printf "%.3f", w / g }')
check "wrong share of given" "$share" "$MAX_WRONG_SHARE" le
# with the stage off no event has a place: the figure must drop to 0 (the suite can fail)
DYAD_NO_PLACES=1 "$DYAD" code -q -o "$tmp/off.out" "$tmp/el.jsonl" 2>/dev/null
off=$("$score" score evloc "$tmp/off.out" | sed -n 's/.*locations given \([0-9]*\),.*/\1/p')
check "no places when DYAD_NO_PLACES=1" "$off" 0 le
# a settlement nothing places is its words alone: no country, no coordinates (JSON null, not 0)
printf '{"id":"u","date":"2005-01-01","text":"Gunmen stormed the village of Qurqania, killing 39 people."}\n' > "$tmp/u.jsonl"
check "a place of its words alone has null coordinates" "$("$DYAD" code -q "$tmp/u.jsonl" | grep -c '"location":{"text":"Qurqania","name":null,"country":null,"admin1":null,"lat":null,"lon":null,"precision":null}')" 1 ge
# ... and keeps it through the store ('dyad code --db', 'dyad export')
"$DYAD" code -q --db "$tmp/u.db" "$tmp/u.jsonl" > /dev/null
check "... also after the store" "$("$DYAD" export "$tmp/u.db" | grep -c '"location":{"text":"Qurqania","name":null,"country":null,"admin1":null,"lat":null,"lon":null,"precision":null}')" 1 ge
# a continent or a sea is no one country's: not the Philippine town of Asia, not Papua New Guinea's Gulf
# province, and no actor's country for it (its words alone)
printf '%s\n' '{"id":"g1","date":"1987-03-15","text":"Iran attacked two tankers in the Gulf."}' \
    '{"id":"g2","date":"1987-03-15","text":"China sent troops to Asia."}' \
    '{"id":"g3","date":"1987-03-15","text":"Iran and Iraq fought. U.S. warships moved in the Gulf area, Iran said."}' > "$tmp/g.jsonl"
check "continents and seas are no town's or province's" "$("$DYAD" annotate --places "$tmp/g.jsonl" | grep -c -e '"country": "PNG"' -e '"country": "PHL"')" 0 le
check "... nor an actor's country" "$("$DYAD" code -q "$tmp/g.jsonl" | grep -c '"location":{"text":"Gulf","name":"')" 0 le
# a capital beats a small town of the story's country ("Washington" in a story about Britain is not
# Washington, Tyne and Wear); a tiny territory's capital is no more than a town (Douglas, Isle of Man)
printf '%s\n' '{"id":"w","date":"1987-03-15","text":"Britain protested. British officials spent two days in Washington talking to U.S. officials."}' > "$tmp/w.jsonl"
check "a capital beats a small town of the story's country" "$("$DYAD" annotate --places "$tmp/w.jsonl" | grep -c '"text": "Washington", "name": "Washington", "country": "USA"')" 1 ge
# a small town's name a story used to start a longer name names that all through the story ("Dome
# Petroleum Ltd ... Dome said": not Dome, Ghana)
printf '%s\n' '{"id":"d","date":"1987-03-15","text":"Dome Petroleum Ltd said its debt rose. Bankers will meet Dome in Calgary."}' > "$tmp/d.jsonl"
check "one sense of a name per story" "$("$DYAD" annotate --places "$tmp/d.jsonl" | grep -c '"name": "Dome"')" 0 le
# two first-level divisions of one name: the more populous ("Florida", "Maryland": the U.S. states, not
# Uruguay's or Liberia's)
printf '%s\n' '{"id":"f","date":"1987-03-15","text":"The bank opened offices in Florida and in Maryland."}' > "$tmp/f.jsonl"
check "divisions of one name: the more populous" "$("$DYAD" annotate --places "$tmp/f.jsonl" | grep -c '"country": "USA"')" 2 ge
# golden cases' '@ WORDS' field (tests/golden/places.test) is checked: a wrong place must fail
printf 'dict: default\n\nSyrian troops shelled rebel positions in Homs.\nSYRMIL ---REB 194 @ Hama\n' > "$tmp/wrong.test"
out=$("$DYAD" test "$tmp/wrong.test")
check "a golden case with the wrong place fails" "$(echo "$out" | grep -c '^FAIL .*wrong.test:3$')" 1 ge
check "... and says where the event was coded" "$(echo "$out" | grep -c 'coded   : {SYRMIL ---REB 194 @ Homs}')" 1 ge
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

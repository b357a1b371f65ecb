#!/usr/bin/env bash
# Robustness: pathological input finishes fast and whole, the limits hold with clear messages, every
# story is accounted for, malformed dictionary entries are skipped (or fatal with --strict) in every
# dictionary format, and the inputs that once crashed a fuzzer (tests/data/robust/) stay harmless.
# The big inputs are generated here (nothing big is committed). Each run has a timeout, must leave no
# sanitizer report and must finish within $ROBUST_SECONDS (default 60: generous for ASan on CI; a
# quadratic pass over 8 MB would take hours). Closing line: "N passed, M failed".
set -u
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
LIMIT=${ROBUST_SECONDS:-60}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0 rc=0

ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# run NAME ARGS...: dyad with ARGS (stdout, stderr, --stats kept in $t); a crash, a sanitizer report,
# a hang or a run over $LIMIT seconds is a failure of its own.
run() {
    local name=$1; shift
    rm -f "$t/stats.json"
    local t0 t1
    t0=$(date +%s%N)
    (timeout 600 "$DYAD" "$@" >"$t/out" 2>"$t/err"; exit $?) 2>/dev/null
    rc=$?
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    if [ "$rc" -ge 124 ] || grep -qE 'Sanitizer|runtime error:|Segmentation|Aborted|LeakSanitizer' "$t/err"; then
        bad "$name: crashed or hung (exit $rc)"; sed 's/^/    /' "$t/err" | head -n 20
    elif [ "$ms" -gt $((LIMIT * 1000)) ]; then
        bad "$name: took $((ms / 1000)) s, over $LIMIT s"
    else
        ok
    fi
    echo "time $name: ${ms} ms"
}
expect_rc() {   # expect_rc NAME WANT...
    local name=$1; shift
    for w in "$@"; do [ "$rc" -eq "$w" ] && { ok; return; }; done
    bad "$name: exit status $rc, want $*"; sed 's/^/    /' "$t/err" | head -n 5
}
expect_err() {   # expect_err NAME REGEX: stderr matches
    if grep -qE -- "$2" "$t/err"; then ok; else bad "$1: stderr does not match '$2'"; sed 's/^/    /' "$t/err" | head -n 5; fi
}
no_err() {   # no_err NAME REGEX: stderr does not match
    if grep -qE -- "$2" "$t/err"; then bad "$1: stderr matches '$2'"; sed 's/^/    /' "$t/err" | head -n 5; else ok; fi
}
stat_of() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$t/stats.json" 2>/dev/null; }
expect_stat() {   # expect_stat NAME KEY WANT: the --stats JSON has "KEY": WANT
    local got; got=$(stat_of "$2")
    if [ "$got" = "$3" ]; then ok; else bad "$1: $2 is '${got}', want $3"; fi
}
# accounted NAME: every story read ended as coded, without events or rejected (and the summary says so)
accounted() {
    local s c e r
    s=$(stat_of stories); c=$(stat_of coded); e=$(stat_of without_events); r=$(stat_of rejected)
    if [ -n "$s" ] && [ "$s" -eq $((c + e + r)) ]; then ok; else bad "$1: $s stories but $c coded + $e without events + $r rejected"; fi
    if grep -q "$s stories read: $c coded, $e without events, $r rejected" "$t/err"; then ok
    else bad "$1: the summary line does not give the counts"; tail -n 1 "$t/err" | sed 's/^/    /'; fi
}
good() { printf '{"id":"%s","date":"2019-03-15","text":"%s"}\n' "$1" "$2"; }
# words BYTES WORD...: the words repeated, space-separated, cut at BYTES bytes (no newline)
words() { local n=$1; shift; yes "$*" | head -c "$n" | tr '\n' ' '; }

# ---- pathological input: each finishes, within the time bound, with its story accounted for ----
MB8=8388608
words $MB8 attacked >"$t/word.txt"
run "8 MB of one word" code --date 2019-03-15 --stats "$t/stats.json" "$t/word.txt"
expect_rc "8 MB of one word" 0
expect_stat "8 MB of one word" stories 1
accounted "8 MB of one word"
# every word an actor or a verb: the coder's worst case (2 MB: ~10 s under ASan)
MB2=2097152
words $MB2 Russia attacked Ukraine and >"$t/dense.txt"
run "2 MB of events" code --date 2019-03-15 --stats "$t/stats.json" "$t/dense.txt"
expect_rc "2 MB of events" 0
expect_stat "2 MB of events" coded 1
# the 2,000-byte sentence cap: 2 MB without a stop is still a thousand sentences
if [ "$(stat_of sentences)" -ge $((MB2 / 2000)) ]; then ok; else bad "2 MB of events: $(stat_of sentences) sentences, want at least $((MB2 / 2000))"; fi
{ printf '{"id":"w","date":"2019-03-15","text":"'; words $MB8 said; printf '"}\n'; good after "France condemned Iran."; } >"$t/word.jsonl"
run "8 MB word line in JSONL" code --stats "$t/stats.json" "$t/word.jsonl"
expect_rc "8 MB word line in JSONL" 0
expect_stat "8 MB word line in JSONL" stories 2
accounted "8 MB word line in JSONL"

# TABARI and PETRARCH records are one sentence each (never split): 4 MB of events in one sentence
MB4=4194304
{ printf '190315 T-1\n'; words $MB4 Russia attacked Ukraine and; printf '\n\n'; printf '190315 T-2\nFrance condemned Iran.\n'; } >"$t/rec.tabari"
run "4 MB TABARI record" code --stats "$t/stats.json" "$t/rec.tabari"
expect_rc "4 MB TABARI record" 0
expect_stat "4 MB TABARI record" coded 2
{ printf '<Sentences>\n<Sentence date="20190315" id="P-1"><Text>'; words $MB4 Russia attacked Ukraine and
  printf '</Text></Sentence>\n<Sentence date="20190315" id="P-2"><Text>France condemned Iran.</Text></Sentence>\n</Sentences>\n'; } >"$t/rec.xml"
run "4 MB PETRARCH sentence" code --stats "$t/stats.json" "$t/rec.xml"
expect_rc "4 MB PETRARCH sentence" 0
expect_stat "4 MB PETRARCH sentence" coded 2
rm -f "$t/rec.tabari" "$t/rec.xml"

head -c 500000 /dev/zero | tr '\0' '"' >"$t/quotes.txt"
run "500,000 quotes" code --date 2019-03-15 --stats "$t/stats.json" "$t/quotes.txt"
expect_rc "500,000 quotes" 0
expect_stat "500,000 quotes" stories 1
{ printf '{"id":"q","date":"2019-03-15","text":"'; tr '\0' '"' <"$t/quotes.txt" | sed 's/"/\\"/g'; printf '"}\n'; } >"$t/quotes.jsonl"
run "500,000 escaped quotes in JSONL" code --stats "$t/stats.json" "$t/quotes.jsonl"
expect_rc "500,000 escaped quotes in JSONL" 0
expect_stat "500,000 escaped quotes in JSONL" stories 1
head -c 500000 /dev/zero | tr '\0' '"' | fold -w 100 | sed 's/^/Russia attacked Ukraine. /' >"$t/quotes2.txt"
run "quotes around sentences" code --date 2019-03-15 --stats "$t/stats.json" "$t/quotes2.txt"
expect_rc "quotes around sentences" 0
expect_stat "quotes around sentences" coded 1

head -c $MB8 /dev/zero >"$t/nul.bin"
for fmt in auto text jsonl tabari petrarch; do
    run "8 MB of NULs as $fmt" code --input "$fmt" --date 2019-03-15 --stats "$t/stats.json" "$t/nul.bin"
    expect_rc "8 MB of NULs as $fmt" 0 1
    accounted "8 MB of NULs as $fmt"
done

# random bytes from a fixed awk seed (the same every run), 2 MB, in every format
LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 2097152; i++) printf "%c", int(rand() * 256) }' >"$t/random.bin"
for fmt in auto text jsonl tabari petrarch; do
    run "random bytes as $fmt" code --input "$fmt" --date 2019-03-15 --stats "$t/stats.json" "$t/random.bin"
    expect_rc "random bytes as $fmt" 0 1
    accounted "random bytes as $fmt"
done

# a 50 MB line: over the default story limit (16 MiB), so rejected with its file:line and the limit
# named; the story after it is still coded
{ good a "Russia attacked Ukraine."; printf '{"id":"big","date":"2019-03-15","text":"'; words 52428800 The weather was fine.
  printf '"}\n'; good c "France condemned Iran."; } >"$t/line50.jsonl"
run "50 MB JSONL line" code --stats "$t/stats.json" "$t/line50.jsonl"
expect_rc "50 MB JSONL line" 1
expect_err "50 MB JSONL line" 'line50\.jsonl:2: story .* rejected: .*--max-story'
expect_stat "50 MB JSONL line" coded 2
expect_stat "50 MB JSONL line" rejected 1
accounted "50 MB JSONL line"
words 52428800 The weather was fine. >"$t/line50.txt"
run "50 MB plain-text line" code --date 2019-03-15 --stats "$t/stats.json" "$t/line50.txt"
expect_rc "50 MB plain-text line" 1
expect_err "50 MB plain-text line" 'line50\.txt:1: .*rejected: story is longer than the limit of 16777216 bytes'
rm -f "$t/line50.jsonl" "$t/line50.txt" "$t/word.txt" "$t/dense.txt" "$t/word.jsonl" "$t/nul.bin"

# ---- limits: --max-story, --max-sentence-tokens ----
words 3000 Russia attacked Ukraine. >"$t/3k.txt"
run "--max-story 2K" code --date 2019-03-15 --max-story 2K --stats "$t/stats.json" "$t/3k.txt"
expect_rc "--max-story 2K" 1
expect_err "--max-story 2K" '3k\.txt:1: story 3k\.txt rejected: story is longer than the limit of 2048 bytes \(--max-story\)'
run "--max-story 3000" code --date 2019-03-15 --max-story 3000 --stats "$t/stats.json" "$t/3k.txt"
expect_rc "--max-story 3000" 0
expect_stat "--max-story 3000" coded 1
{ good s1 "Russia attacked Ukraine."; good s2 "$(words 3000 France condemned Iran.)"; good s3 "China criticized Japan."; } >"$t/3k.jsonl"
run "--max-story in JSONL" code --max-story 2000 --stats "$t/stats.json" "$t/3k.jsonl"
expect_rc "--max-story in JSONL" 1
expect_err "--max-story in JSONL" '3k\.jsonl:2: story s2 rejected: .*limit of 2000 \(--max-story\)'
expect_stat "--max-story in JSONL" coded 2
for v in 0 -1 abc 12Q; do
    run "--max-story $v" code --max-story "$v" "$t/3k.jsonl"
    expect_rc "--max-story $v" 2
done
# a sentence of 300 tokens: cut to its first 12 with a warning naming the story; it still codes
good long "Russia attacked Ukraine $(words 1500 and then again)." >"$t/tokens.jsonl"
run "--max-sentence-tokens 12" code --max-sentence-tokens 12 --stats "$t/stats.json" "$t/tokens.jsonl"
expect_rc "--max-sentence-tokens 12" 0
expect_err "--max-sentence-tokens 12" 'tokens\.jsonl:1: story long: sentence 1 has [0-9]+ tokens, cut to the first 12'
expect_stat "--max-sentence-tokens 12" coded 1
if grep -q '"text":"Russia attacked Ukraine and then again and then again and then again"' "$t/out"; then ok
else bad "--max-sentence-tokens 12: the event's sentence is not the first 12 tokens"; head -c 300 "$t/out"; fi
run "no --max-sentence-tokens" code --stats "$t/stats.json" "$t/tokens.jsonl"
no_err "no --max-sentence-tokens" 'cut to the first'
run "--max-sentence-tokens 0" code --max-sentence-tokens 0 "$t/tokens.jsonl"
expect_rc "--max-sentence-tokens 0" 2

# ---- accounting: N good and M malformed lines ----
{
    for i in $(seq 1 30); do good "g$i" "Russia attacked Ukraine on day $i."; done           # lines 1-30: events
    for i in $(seq 1 10); do good "n$i" "The weather was fine on day $i."; done             # 31-40: no events
    printf '[1, 2]\n'                                                  # 41: not an object
    printf '{"id":"m2","date":"2019-03-15"}\n'                         # 42: no text
    printf '{"date":"2019-03-15","text":"Iran threatened Israel."}\n'  # 43: no id
    printf '{"id":"m4","date":"2019-02-30","text":"Iran threatened Israel."}\n'   # 44: bad date
    printf '{"id":"m5","date":"2019-03-15","text":""}\n'               # 45: empty text
    printf '{"id":"m6","date":"2019-03-15","text":17}\n'               # 46: text not a string
    printf '{"id":"m7","date":"2019-03-15","text":"cut off\n'          # 47: truncated line
    printf '\x00\xff{garbage\n'                                        # 48: junk
    good g31 "China criticized Japan."                                 # 49: events
} >"$t/acc.jsonl"
run "accounting" code --stats "$t/stats.json" "$t/acc.jsonl"
expect_rc "accounting" 1
expect_stat "accounting" stories 49
expect_stat "accounting" coded 31
expect_stat "accounting" without_events 10
expect_stat "accounting" rejected 8
accounted "accounting"
for l in 41 42 43 44 45 46 47 48; do expect_err "accounting: line $l" "acc\\.jsonl:$l: story .* rejected: "; done
if [ "$(grep -c 'rejected: ' "$t/err")" -eq 8 ]; then ok; else bad "accounting: $(grep -c 'rejected: ' "$t/err") rejections on stderr, want 8"; fi
head -n 40 "$t/acc.jsonl" >"$t/acc-good.jsonl"
run "accounting, all good" code --stats "$t/stats.json" "$t/acc-good.jsonl"
expect_rc "accounting, all good" 0
expect_stat "accounting, all good" rejected 0
accounted "accounting, all good"
# the same through stdin: the rejections say "-"
run "accounting from stdin" code --stats "$t/stats.json" - <"$t/acc.jsonl"
expect_rc "accounting from stdin" 1
expect_err "accounting from stdin" '^dyad: -:47: story .* rejected'
accounted "accounting from stdin"

# ---- dictionary errors in every format: warning with file:line, entry skipped; --strict: exit 3 ----
good d1 "Russia attacked Ukraine." >"$t/one.jsonl"
mkdir -p "$t/dyad"
cat >"$t/dyad/mini.dyad" <<'EOF'
# a dyad dictionary with three malformed entries (lines 4, 6, 8)
actor RUS = Russia
actor UKR = Ukraine
actor = Nowhere
verb 190 = attack
frobnicate XYZ = thing
verb 111 = condemn
pattern 190 attack: * { +
EOF
mkdir -p "$t/tabari"
cp tests/data/dict/mini/mini.project tests/data/dict/mini/mini.agents tests/data/dict/mini/mini.options "$t/tabari/"
{ printf 'ATLANTIS [ATL 99999-]\n'; cat tests/data/dict/mini/mini.actors; } >"$t/tabari/mini.actors"
{ printf 'CONDEMN [111\n'; cat tests/data/dict/mini/mini.verbs; } >"$t/tabari/mini.verbs"
mkdir -p "$t/petrarch"
cat >"$t/petrarch/Mini.actors.txt" <<'EOF'
RUSSIA_ [RUS]
UKRAINE_ [UKR]
BROKEN_ACTOR [BRK
ATLANTIS_ [ATL 99999-]
EOF
cat >"$t/petrarch/Mini.verbs.txt" <<'EOF'
--- ATTACK [190] ---
ATTACK
- * + {BROKEN [190]
- * WITHOUT CODE
EOF
for fmt in dyad:dyad/mini.dyad:4 tabari:tabari/mini.project:1 petrarch:petrarch:3; do
    name=${fmt%%:*}; rest=${fmt#*:}; path=$t/${rest%%:*}; line=${rest#*:}
    run "malformed $name entries" code --dict "$path" --stats "$t/stats.json" "$t/one.jsonl"
    expect_rc "malformed $name entries" 0
    expect_err "malformed $name entries" ":$line: warning: .*entry skipped"
    expect_stat "malformed $name entries" coded 1   # the rest of the dictionary still codes
    run "malformed $name entries, --strict" code --strict --dict "$path" "$t/one.jsonl"
    expect_rc "malformed $name entries, --strict" 3
    expect_err "malformed $name entries, --strict" ":$line: error: "
    expect_err "malformed $name entries, --strict" 'dictionary entries rejected \(--strict\)'
    run "dyad dict check ($name)" dict check --dict "$path"
    expect_rc "dyad dict check ($name)" 1
done
run "malformed dyad entries" code --dict "$t/dyad/mini.dyad" "$t/one.jsonl"
expect_err "malformed dyad entries: unknown kind" 'mini\.dyad:6: .*unknown entry'
expect_err "malformed dyad entries: pattern" 'mini\.dyad:8: warning'
run "malformed petrarch entries" code --dict "$t/petrarch" "$t/one.jsonl"
expect_err "malformed petrarch entries: actors" 'Mini\.actors\.txt:3: warning'
expect_err "malformed petrarch entries: verbs" 'Mini\.verbs\.txt:3: warning'
run "malformed tabari entries" code --dict "$t/tabari/mini.project" "$t/one.jsonl"
expect_err "malformed tabari entries: actors" 'mini\.actors:1: warning'
expect_err "malformed tabari entries: verbs" 'mini\.verbs:1: warning'

# ---- regression inputs (tests/data/robust/): what crashed or hung a fuzzer, replayed as it was found ----
# read-*: an input file, read in every format. dict-*: a dictionary, loaded as each format's files.
# (when-* are replayed by tests/unit/test_limits.c; tests/data/robust/README says where each came from.)
# A run over 10 s is a hang here: these inputs are small, each codes one sentence. A crash or hang
# reported but not yet fixed is listed in KNOWN_CRASHES: while it still fails it prints XFAIL and does
# not fail the suite; once it is fixed the sanitized run says so — take it off the list, and from then
# on the input guards against the bug coming back.
# exponential synset matching in src/code/coder.c (reported): the TABARI and PETRARCH verb readers
KNOWN_CRASHES=()   # all fixed; their inputs stay as regression tests
known() { local k; for k in "${KNOWN_CRASHES[@]}"; do [ "$k" = "$1" ] && return 0; done; return 1; }
replay() {   # replay NAME ARGS...: like run, but a known crash or hang is an XFAIL
    local name=$1; shift
    (timeout 10 "$DYAD" "$@" >"$t/out" 2>"$t/err"; exit $?) 2>/dev/null
    rc=$?
    local crashed=0
    if [ "$rc" -ge 124 ] || grep -qE 'Sanitizer|runtime error:|Segmentation|Aborted' "$t/err"; then crashed=1; fi
    if known "$name"; then
        if [ "$crashed" -eq 1 ]; then echo "XFAIL $name: still crashes or hangs (exit $rc; known, reported)"
        else
            [ -n "${SANITIZED:-}" ] && echo "NOTE $name: no longer fails: take it off KNOWN_CRASHES in $0"
            ok
        fi
    elif [ "$crashed" -eq 1 ]; then bad "$name: crashed or hung (exit $rc)"; sed 's/^/    /' "$t/err" | head -n 20
    else expect_rc "$name" 0 1 3; fi
}
printf 'Rebels attacked the town near the border.\n' >"$t/rebels.txt"
for f in tests/data/robust/read-*; do
    [ -e "$f" ] || continue
    for fmt in auto text jsonl tabari petrarch; do
        replay "$(basename "$f") as $fmt" code --input "$fmt" --date 1999-12-31 "$f"
    done
done
for f in tests/data/robust/dict-*; do
    [ -e "$f" ] || continue
    n=$(basename "$f")
    mkdir -p "$t/d/$n/petrarch"
    for ext in actors agents verbs options dyad; do cp "$f" "$t/d/$n/x.$ext"; done
    for k in actors agents verbs discards Issues; do cp "$f" "$t/d/$n/petrarch/Replay.$k.txt"; done
    for p in "$t/d/$n/x.actors" "$t/d/$n/x.agents" "$t/d/$n/x.verbs" "$t/d/$n/x.options" "$t/d/$n/x.dyad" \
             "$t/d/$n/petrarch"; do
        replay "$n as ${p##*/}" code --dict "$p" --date 2019-03-15 "$t/rebels.txt"
    done
done

echo "${pass} passed, ${fail} failed"
[ "$fail" -eq 0 ]

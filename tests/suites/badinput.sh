#!/usr/bin/env bash
# Bad input never crashes dyad: every good story around a bad one is still coded, errors name the file
# and line, and the exit status is the one `dyad code --help` documents (0 all stories coded, 1 some
# stories rejected, 2 bad command line, 3 an input or dictionary file could not be read).
# Inputs are written here with printf/awk (a fixed awk seed for the binary junk); dictionary:
# tests/data/dict/mini. Last, every tests/data/badinput/crash-* dictionary must not crash dyad (see
# KNOWN_CRASHES below). Closing line: "N passed, M failed".
set -u
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
DICT=tests/data/dict/mini/mini.project
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
rc=0

ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# run NAME ARGS...: dyad with ARGS (stdout, stderr and --stats kept in $t); a crash, a sanitizer report
# or a hang is a failure of its own.
run() {
    local name=$1; shift
    rm -f "$t/stats.json"
    (timeout 300 "$DYAD" "$@" >"$t/out" 2>"$t/err"; exit $?) 2>/dev/null
    rc=$?
    if [ "$rc" -ge 124 ] || grep -qE 'Sanitizer|runtime error:|Segmentation|Aborted' "$t/err"; then
        bad "$name: crashed or hung (exit $rc)"; sed 's/^/    /' "$t/err" | head -n 20
    else
        ok
    fi
}
# expect_rc NAME WANT...: the exit status is one of WANT
expect_rc() {
    local name=$1; shift
    for w in "$@"; do [ "$rc" -eq "$w" ] && { ok; return; }; done
    bad "$name: exit status $rc, want $*"; sed 's/^/    /' "$t/err" | head -n 5
}
# expect_err NAME REGEX: stderr matches
expect_err() {
    if grep -qE -- "$2" "$t/err"; then ok; else bad "$1: stderr does not match '$2'"; sed 's/^/    /' "$t/err" | head -n 5; fi
}
# expect_stat NAME KEY WANT: the --stats JSON has "KEY": WANT
expect_stat() {
    local got
    got=$(sed -n "s/.*\"$2\": \([0-9]*\).*/\1/p" "$t/stats.json" 2>/dev/null)
    if [ "$got" = "$3" ]; then ok; else bad "$1: $2 is '${got}', want $3"; fi
}
good() { printf '{"id":"%s","date":"2019-03-15","text":"%s"}\n' "$1" "$2"; }

# ---- a JSONL file with a malformed line in the middle ----
{
    good g1 "Russia attacked Ukraine near Kharkiv."
    printf '{"id":"b2","date":"2019-03-15","text":"Poland condemned\n'
    good g3 "France condemned Iran on Monday."
    printf '[1, 2\n'
    good g5 "China criticized Japan."
} >"$t/bad.jsonl"
run "malformed JSON" code --dict "$DICT" --stats "$t/stats.json" "$t/bad.jsonl"
expect_rc "malformed JSON" 1
expect_err "malformed JSON" 'bad\.jsonl:2:'
expect_err "malformed JSON" 'bad\.jsonl:4:'
expect_stat "malformed JSON" stories 5
expect_stat "malformed JSON" coded 3
expect_stat "malformed JSON" rejected 2

# ---- invalid UTF-8 bytes and NUL bytes: repaired, the story is still read and coded ----
{
    good u1 "Russia attacked Ukraine."
    printf '{"id":"u2","date":"2019-03-15","text":"Germany \xff\xfe praised \xc3 France on Friday \xe2\x82."}\n'
    printf '{"id":"u3","date":"2019-03-15","text":"Poland condemned\x00 Russia on Monday."}\n'
    printf '\x00\x00{"id":"u4","date":"2019-03-15","text":"Iran threatened Israel."}\n'
    good u5 "China criticized Japan."
} >"$t/utf8.jsonl"
run "invalid UTF-8 and NUL" code --dict "$DICT" --stats "$t/stats.json" "$t/utf8.jsonl"
expect_rc "invalid UTF-8 and NUL" 0 1
expect_stat "invalid UTF-8 and NUL" stories 5
# u1, u2 (repaired around the verb), u3 (the NUL is a space), u5; u4 may be rejected for its leading NULs
if [ "$rc" -eq 1 ]; then expect_stat "invalid UTF-8 and NUL" coded 4; expect_err "invalid UTF-8 and NUL" 'utf8\.jsonl:4:'
else expect_stat "invalid UTF-8 and NUL" coded 5; ok; fi
if iconv -f UTF-8 -t UTF-8 "$t/out" >/dev/null 2>&1; then ok; else bad "invalid UTF-8 and NUL: output is not valid UTF-8"; fi
if tr -d '\000' <"$t/out" | cmp -s - "$t/out"; then ok; else bad "invalid UTF-8 and NUL: NUL byte in the output"; fi

printf 'Germany \xff praised\x00 France \xc0\xaf on Friday.\n' >"$t/utf8.txt"
run "invalid UTF-8 in plain text" code --dict "$DICT" --date 2019-03-15 --stats "$t/stats.json" "$t/utf8.txt"
expect_rc "invalid UTF-8 in plain text" 0
expect_stat "invalid UTF-8 in plain text" coded 1

# ---- a story with no date and no --date ----
{
    good d1 "Russia attacked Ukraine."
    printf '{"id":"d2","text":"France condemned Iran."}\n'
    good d3 "China criticized Japan."
} >"$t/nodate.jsonl"
run "no date" code --dict "$DICT" --stats "$t/stats.json" "$t/nodate.jsonl"
expect_rc "no date" 1
expect_err "no date" 'nodate\.jsonl:2:.*date'
expect_stat "no date" coded 2
expect_stat "no date" rejected 1
printf 'Russia attacked Ukraine near Kharkiv.\n' >"$t/story.txt"
run "plain text without --date" code --dict "$DICT" --stats "$t/stats.json" "$t/story.txt"
expect_rc "plain text without --date" 1
expect_err "plain text without --date" 'story\.txt:1:.*date'
expect_stat "plain text without --date" rejected 1
run "plain text with --date" code --dict "$DICT" --date 2019-03-15 --stats "$t/stats.json" "$t/story.txt"
expect_rc "plain text with --date" 0
expect_stat "plain text with --date" coded 1

# ---- a missing input file: status 3, the files beside it are still coded ----
good m1 "Russia attacked Ukraine." >"$t/one.jsonl"
run "missing input" code --dict "$DICT" --stats "$t/stats.json" "$t/no-such-file.jsonl" "$t/one.jsonl"
expect_rc "missing input" 3
expect_err "missing input" 'no-such-file\.jsonl'
expect_stat "missing input" coded 1

# ---- unreadable dictionaries: status 3, the path named ----
run "missing dictionary" code --dict "$t/no-such.project" "$t/one.jsonl"
expect_rc "missing dictionary" 3
expect_err "missing dictionary" 'no-such\.project'
mkdir -p "$t/dict"
cp tests/data/dict/mini/mini.actors tests/data/dict/mini/mini.agents tests/data/dict/mini/mini.options "$t/dict/"
sed 's/mini\.verbs/absent.verbs/' tests/data/dict/mini/mini.project >"$t/dict/half.project"
run "dictionary naming a missing file" code --dict "$t/dict/half.project" "$t/one.jsonl"
expect_rc "dictionary naming a missing file" 3
expect_err "dictionary naming a missing file" 'absent\.verbs'
run "not a dictionary" code --dict /dev/null "$t/one.jsonl"
expect_rc "not a dictionary" 3
: >"$t/empty.dyc"
run "empty compiled dictionary" code --dict "$t/empty.dyc" "$t/one.jsonl"
expect_rc "empty compiled dictionary" 3
expect_err "empty compiled dictionary" 'empty\.dyc.*the file is empty'
# malformed entries are skipped with a warning naming file:line; the rest of the dictionary codes
cp tests/data/dict/mini/mini.project "$t/dict/mini.project"
{ printf 'ATTACK 190]\n- * + [\nCONDEMN [111\n'; cat tests/data/dict/mini/mini.verbs; } >"$t/dict/mini.verbs"
{ printf 'ATLANTIS [ATL 99999-]\n+ [\n'; cat tests/data/dict/mini/mini.actors; } >"$t/dict/mini.actors"
run "malformed dictionary entries" code --dict "$t/dict/mini.project" --stats "$t/stats.json" "$t/one.jsonl"
expect_rc "malformed dictionary entries" 0
expect_err "malformed dictionary entries" 'mini\.verbs:1:'
expect_err "malformed dictionary entries" 'mini\.actors:1:'
expect_stat "malformed dictionary entries" coded 1

# ---- binary junk: 100000 bytes from a fixed awk seed ----
LC_ALL=C awk 'BEGIN { srand(20240101); for (i = 0; i < 100000; i++) printf "%c", int(rand() * 256) }' >"$t/junk.bin"
for fmt in text jsonl tabari petrarch; do
    run "junk as $fmt" code --dict "$DICT" --input "$fmt" --date 2019-03-15 --stats "$t/stats.json" "$t/junk.bin"
    expect_rc "junk as $fmt" 0 1
    expect_err "junk as $fmt" 'stories read'
done
run "junk as text" code --dict "$DICT" --input text --date 2019-03-15 --stats "$t/stats.json" "$t/junk.bin"
expect_rc "junk as text" 0
expect_stat "junk as text" stories 1
run "junk, detected" code --dict "$DICT" --stats "$t/stats.json" "$t/junk.bin"
expect_rc "junk, detected" 0 1
{ good j1 "Russia attacked Ukraine."; cat "$t/junk.bin"; printf '\n'; good j2 "France condemned Iran."; } >"$t/junk.jsonl"
run "junk inside JSONL" code --dict "$DICT" --stats "$t/stats.json" "$t/junk.jsonl"
expect_rc "junk inside JSONL" 1
expect_stat "junk inside JSONL" coded 2
run "junk as a dictionary" code --dict "$t/junk.bin" "$t/one.jsonl"
expect_rc "junk as a dictionary" 0 3
cp "$t/junk.bin" "$t/dict/junk.verbs"
sed 's/mini\.verbs/junk.verbs/' tests/data/dict/mini/mini.project >"$t/dict/junk.project"
run "junk as a .verbs file" code --dict "$t/dict/junk.project" "$t/one.jsonl"
expect_rc "junk as a .verbs file" 0

# ---- empty input ----
: >"$t/empty.jsonl"
run "empty file" code --dict "$DICT" --stats "$t/stats.json" "$t/empty.jsonl"
expect_rc "empty file" 0
expect_stat "empty file" stories 0
printf '\n\n   \n\t\n' >"$t/blank.jsonl"
run "blank lines only" code --dict "$DICT" --stats "$t/stats.json" "$t/blank.jsonl"
expect_rc "blank lines only" 0
expect_stat "blank lines only" coded 0
run "empty stdin" code --dict "$DICT" --stats "$t/stats.json" </dev/null
expect_rc "empty stdin" 0
expect_stat "empty stdin" stories 0
run "empty test file" test "$t/empty.jsonl"
expect_rc "empty test file" 0

# ---- a 5 MB single line ----
filler() {   # filler N: N bytes of sentences without events, on one line
    awk -v n="$1" 'BEGIN { s = "The weather in the capital was fine again on Tuesday. "; for (k = 0; k < n; k += length(s)) printf "%s", s }'
}
{
    good b1 "Russia attacked Ukraine."
    printf '{"id":"b2","date":"2019-03-15","text":"Poland condemned Russia. '; filler 5242880; printf 'France condemned Iran."}\n'
    good b3 "China criticized Japan."
} >"$t/big.jsonl"
run "5 MB line" code --dict "$DICT" --stats "$t/stats.json" "$t/big.jsonl"
expect_rc "5 MB line" 0
expect_stat "5 MB line" stories 3
expect_stat "5 MB line" coded 3
expect_stat "5 MB line" events 4
{
    good c1 "Russia attacked Ukraine."
    printf '{"id":"c2","date":"2019-03-15","text":"'; filler 5242880; printf '\n'
    good c3 "China criticized Japan."
} >"$t/bigbad.jsonl"
run "5 MB malformed line" code --dict "$DICT" --stats "$t/stats.json" "$t/bigbad.jsonl"
expect_rc "5 MB malformed line" 1
expect_err "5 MB malformed line" 'bigbad\.jsonl:2:'
expect_stat "5 MB malformed line" coded 2
{ printf 'Poland condemned Russia. '; filler 5242880; } >"$t/big.txt"
run "5 MB text without a newline" code --dict "$DICT" --date 2019-03-15 --stats "$t/stats.json" "$t/big.txt"
expect_rc "5 MB text without a newline" 0
expect_stat "5 MB text without a newline" coded 1

# ---- bad command lines: status 2 ----
run "unknown option" code --no-such-option "$t/one.jsonl"
expect_rc "unknown option" 2
run "bad --date" code --dict "$DICT" --date 2019-13-45 "$t/one.jsonl"
expect_rc "bad --date" 2
run "bad --input" code --dict "$DICT" --input yaml "$t/one.jsonl"
expect_rc "bad --input" 2
run "--dict without a value" code --dict
expect_rc "--dict without a value" 2

# ---- dyad test: malformed golden files are errors naming file:line, a wrong expectation fails ----
{
    printf 'dict: %s\ndate: 2019-03-15\n\n' "$DICT"
    printf 'Russia attacked Ukraine.\nRUS UKR 190\n\n'          # passes
    printf 'Russia attacked Ukraine.\nUKR RUS 190\n\n'          # line 7: fails
    printf 'France condemned Iran.\nFRA IRN\n\n'                # line 11: two words
    printf 'China criticized Japan.\n\n'                        # line 13: no expectation
    printf 'colour: blue\n\n'                                   # line 15: unknown directive
    printf 'date: 2019-02-30\n\n'                               # line 17: bad date
    printf 'Poland condemned Russia.\n-\nPOL RUS 111\n\n'       # line 21: events after '-'
    printf 'Iran \xff\xfe threatened\x00 Israel.\nIRN ISR 130\n'  # line 23: repaired, passes
} >"$t/golden.test"
run "dyad test: malformed cases" test "$t/golden.test"
expect_rc "dyad test: malformed cases" 4
if grep -q "^FAIL $t/golden.test:7$" "$t/out"; then ok; else bad "dyad test: no 'FAIL file:7'"; fi
for l in 11 13 15 17 21; do
    if grep -q "^ERROR $t/golden.test:$l:" "$t/out"; then ok; else bad "dyad test: no 'ERROR file:$l:'"; sed 's/^/    /' "$t/out"; fi
done
if tail -n 1 "$t/out" | grep -qx '2 passed, 6 failed'; then ok; else bad "dyad test: closing line '$(tail -n 1 "$t/out")', want '2 passed, 6 failed'"; fi
run "dyad test: missing file" test "$t/no-such.test" "$t/golden.test"
expect_rc "dyad test: missing file" 3
printf 'dict: %s/no-such.project\nRussia attacked Ukraine.\nRUS UKR 190\n' "$t" >"$t/nodict.test"
run "dyad test: missing dictionary" test "$t/nodict.test"
expect_rc "dyad test: missing dictionary" 3
run "dyad test: no file" test
expect_rc "dyad test: no file" 2

# ---- dictionaries that crashed dyad (tests/data/badinput/crash-*, found by fuzz/ and by hand) ----
# Each must load (or be refused) and code a sentence without crashing. The ones in KNOWN_CRASHES are
# reported and not fixed yet: while they still crash they print XFAIL and do not fail the suite; once
# one is fixed the suite says so — take it off the list and it guards against the crash coming back.
KNOWN_CRASHES=""   # every crash found so far is fixed; its input stays here as a regression test
printf 'Rebels attacked the town near the border.\n' >"$t/rebels.txt"
for f in tests/data/badinput/crash-*; do
    [ -e "$f" ] || continue
    n=$(basename "$f")
    # in a subshell of its own, so that the shell's "Segmentation fault" notice does not clutter the log
    (timeout 300 "$DYAD" code --dict "$f" --date 2019-03-15 "$t/rebels.txt" >"$t/out" 2>"$t/err"; exit $?) 2>/dev/null
    rc=$?
    crashed=0
    if [ "$rc" -ge 124 ] || grep -qE 'Sanitizer|runtime error:|Segmentation|Aborted' "$t/err"; then crashed=1; fi
    case " $KNOWN_CRASHES " in
    *" $n "*)
        if [ "$crashed" -eq 1 ]; then echo "XFAIL $n: still crashes (exit $rc; known, reported)"
        else echo "NOTE $n: no longer crashes: remove it from KNOWN_CRASHES in $0"; ok; fi ;;
    *)
        if [ "$crashed" -eq 1 ]; then bad "$n: crashed (exit $rc)"; sed 's/^/    /' "$t/err" | head -n 20
        else expect_rc "$n" 0 1 3; fi ;;
    esac
done

echo "${pass} passed, ${fail} failed"
[ "$fail" -eq 0 ]

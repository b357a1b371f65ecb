#!/usr/bin/env bash
# `dyad dict check` and `dyad dict stats --per-country/--per-code` (issue 3): each kind of problem is
# found and named with its file:line (tests/data/dict/check/problems.dyad holds one of each), a clean
# dictionary passes with exit status 0, and the built-in dictionary's problem count may only go down
# (ratchet: lower MAX_BUILTIN with every fix). Closing line: "N passed, M failed".
set -u
MAX_BUILTIN=0           # problems `dyad dict check` finds in the built-in dictionary (2026-11-28: 20, then 0)
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
D=tests/data/dict/check
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
has() { if grep -qF -- "$2" "$t/out"; then ok; else bad "$1: no line '$2'"; sed 's/^/    /' "$t/out" | head -20; fi; }

"$DYAD" dict check --dict $D/problems.dyad >"$t/out" 2>"$t/err"; rc=$?
[ "$rc" -eq 1 ] && ok || bad "problems.dyad: exit $rc, expected 1"
has conflict "$D/problems.dyad:5: conflict: actor name 'MINAS_TIRITH'"
has duplicate "$D/problems.dyad:7: duplicate: actor name 'GONDOR'"
has overlap "$D/problems.dyad:9: overlap: roles ARNGOV and GONGOV"
has "unknown actor code" "$D/problems.dyad:13: unknown code: actor code MRDGOV"
has "agent conflict" "$D/problems.dyad:16: conflict: agent name 'STEWARD'"
has "duplicate pattern" "$D/problems.dyad:20: duplicate: pattern '* with +' of 'MEET'"
has "unknown event code" "$D/problems.dyad:22: unknown code: verb 'PONDER' has event code 0399"
has summary "7 problems: 2 duplicates, 2 conflicts, 1 overlapping roles, 2 unknown codes, 0 never apply"
grep -qF "problems.dyad:11:" "$t/err" && ok || bad "the role that ends before it starts is not rejected"

"$DYAD" dict check --dict $D/clean.dyad >"$t/out" 2>&1; rc=$?
[ "$rc" -eq 0 ] && ok || bad "clean.dyad: exit $rc, expected 0"
has clean "0 problems"

# an empty dictionary: nothing to sort (qsort of nothing was undefined behaviour, found by fuzz_dict)
"$DYAD" dict check --dict $D/empty.dyad >"$t/out" 2>&1; rc=$?
[ "$rc" -eq 0 ] && ok || bad "empty.dyad: exit $rc, expected 0"
has empty "0 problems"
"$DYAD" dict stats --per-country --per-code --dict $D/empty.dyad >"$t/out" 2>&1
has "empty per code" "0231	0"

# coding with an empty dictionary: no events, exit 0, no sanitizer report (fuzz_dict_code found an
# offset applied to a NULL item array in the token cache's lookup: clang's UBSan reports it, gcc's does
# not, so scripts/fuzz-smoke in .ci/run is the check that catches that one)
printf 'Russia attacked Ukraine near Kharkiv on Tuesday.\n' | "$DYAD" code --dict $D/empty.dyad --date 2019-03-15 >"$t/out" 2>"$t/err"; rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$t/out" ] && ! grep -qE 'runtime error|Sanitizer' "$t/err"; then ok; else bad "empty dictionary: exit $rc"; head -5 "$t/err"; fi

"$DYAD" dict stats --per-country --dict $D/problems.dyad >"$t/out" 2>/dev/null
has "per country header" "code	names"
has "per country ARN" "ARN	4"
has "per country GON" "GON	3"
"$DYAD" dict stats --per-code --dict $D/clean.dyad >"$t/out" 2>/dev/null
has "per code 036" "036	2"
has "per code zero" "0231	0"

# the built-in dictionary: every CAMEO code has a pattern, and the check finds at most MAX_BUILTIN problems
"$DYAD" dict stats --per-code >"$t/out" 2>/dev/null
zero=$(awk -F'\t' 'NR > 1 && length($1) >= 3 && $2 == 0' "$t/out" | wc -l)
[ "$zero" -eq 0 ] && ok || bad "built-in: $zero CAMEO codes without a pattern: $(awk -F'\t' 'NR > 1 && length($1) >= 3 && $2 == 0 {printf "%s ", $1}' "$t/out")"
"$DYAD" dict check >"$t/out" 2>&1
got=$(sed -n 's/^\([0-9]*\) problems:.*/\1/p' "$t/out")
if [ -n "$got" ] && [ "$got" -le "$MAX_BUILTIN" ]; then ok; else bad "built-in dictionary: ${got:-no} problems, the ratchet is $MAX_BUILTIN"; grep -v "^0 " "$t/out" | head -30; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

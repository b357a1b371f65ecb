#!/usr/bin/env bash
# The dictionary cache (DYAD_CACHE_DIR; dict_cache.c): a run that finds text dictionaries in the cache codes
# exactly as a run that parses them and prints the same warnings; a file whose bytes changed (same size, same
# time) is parsed again, also a file a .project names; a damaged, cut or unwritable cache is passed over without
# a message; --no-cache, an empty DYAD_CACHE_DIR, --strict and folders write nothing; at most 8 entries are
# kept. Dictionary: a copy of tests/data/dict/mini with one malformed entry. Closing line: "N passed, M failed".
set -u
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

cp -r tests/data/dict/mini "$t/dict"
printf 'BROKEN_ACTOR [USA\n' >> "$t/dict/mini.actors"     # a '[' without ']': a warning on every parse
P="$t/dict/mini.project"
printf '{"id":"s1","date":"2020-01-05","text":"France accused the United States of spying on its embassy in Paris."}\n' > "$t/in.jsonl"
printf '{"id":"s2","date":"2020-01-06","text":"Germany praised Russia for the agreement."}\n' >> "$t/in.jsonl"
export DYAD_CACHE_DIR="$t/cache"

# code NAME ARGS...: dyad code on the stories, stdout in $t/NAME.out, stderr (without the closing count, whose
# seconds vary) in $t/NAME.err, exit status in $t/NAME.rc
code() {
    local name=$1; shift
    "$DYAD" code "$@" "$t/in.jsonl" > "$t/$name.out" 2> "$t/$name.raw"
    echo $? > "$t/$name.rc"
    grep -v ' stories read: ' "$t/$name.raw" > "$t/$name.err"
    if grep -qE 'Sanitizer|runtime error:' "$t/$name.raw"; then bad "$name: sanitizer report"; sed 's/^/    /' "$t/$name.raw" | head; fi
}
entries() { find "$t/cache" -name '*.dyc' 2>/dev/null | wc -l; }
same() { cmp -s "$t/$1.out" "$t/$2.out" && cmp -s "$t/$1.err" "$t/$2.err" && cmp -s "$t/$1.rc" "$t/$2.rc"; }

code plain --no-cache --dict "$P"
check "--no-cache writes no entry" '[ "$(entries)" -eq 0 ]'
check "the malformed entry warns" 'grep -q "mini.actors:.*warning" "$t/plain.err"'
check "the stories code to events" 'grep -q "\"code\":\"1125\"" "$t/plain.out"'
code miss --dict "$P"
check "a first run writes one entry" '[ "$(entries)" -eq 1 ]'
check "a first run codes as a plain one" 'same miss plain'
code hit --dict "$P"
check "a run from the cache codes and warns as a plain one" 'same hit plain'

# a cache filled by a quiet run (validate -q prints nothing) still gives a later run its warnings
rm -rf "$t/cache"
"$DYAD" validate -q --dict "$P" ../shared/gold/tabari-validate/Validate.text > /dev/null 2> "$t/quiet.err"
check "validate -q prints no warning and fills the cache" '! grep -q warning "$t/quiet.err" && [ "$(entries)" -eq 1 ]'
code loud --dict "$P"
check "the warnings of a quiet parse are printed from the cache" 'same loud plain'

# a changed file, same size and time: parsed again (USA's name given FRA's code in place)
cp -p "$t/dict/mini.actors" "$t/actors.orig"
sed -i 's/^UNITED_STATES_ \[USA\]/UNITED_STATES_ [FRA]/' "$t/dict/mini.actors"
touch -r "$t/actors.orig" "$t/dict/mini.actors"
check "the edit kept the size" '[ "$(stat -c %s "$t/dict/mini.actors")" -eq "$(stat -c %s "$t/actors.orig")" ]'
code edited_plain --no-cache --dict "$P"
code edited --dict "$P"
check "an edited file (same size and time) is not read from the cache" 'same edited edited_plain && ! cmp -s "$t/edited.out" "$t/plain.out"'
cp -p "$t/actors.orig" "$t/dict/mini.actors"
code restored --dict "$P"
check "the file restored codes as before" 'same restored plain'
# the same through a file given directly, not through the .project
code direct_plain --no-cache --dict "$t/dict/mini.actors" --dict "$t/dict/mini.verbs"
code direct --dict "$t/dict/mini.actors" --dict "$t/dict/mini.verbs"
code direct_hit --dict "$t/dict/mini.actors" --dict "$t/dict/mini.verbs"
check "files given directly: from the cache as parsed" 'same direct direct_plain && same direct_hit direct_plain'
sed -i 's/^UNITED_STATES_ \[USA\]/UNITED_STATES_ [FRA]/' "$t/dict/mini.actors"
touch -r "$t/actors.orig" "$t/dict/mini.actors"
code direct_edit_plain --no-cache --dict "$t/dict/mini.actors" --dict "$t/dict/mini.verbs"
code direct_edit --dict "$t/dict/mini.actors" --dict "$t/dict/mini.verbs"
check "an edited file given directly is parsed again" 'same direct_edit direct_edit_plain && ! cmp -s "$t/direct_edit.out" "$t/direct.out"'
cp -p "$t/actors.orig" "$t/dict/mini.actors"

# damaged entries: a word of a pattern changed (the compiled form still reads well: only the footer's hash tells),
# bytes overwritten in the middle, the file cut short, the footer alone; each time the run
# codes as a plain one, says nothing of it, and the entry is made again
rm -rf "$t/cache"
code refill --dict "$P"
e=$(find "$t/cache" -name '*.dyc' | head -n 1)
size=$(stat -c %s "$e")
for how in string middle cut footer; do
    code refill --dict "$P"
    e=$(find "$t/cache" -name '*.dyc' | head -n 1)
    case $how in
        string) python3 -c 'import sys; p = sys.argv[1]; b = open(p, "rb").read(); open(p, "wb").write(b.replace(b"SPYING", b"SPYINQ", 1))' "$e";;
        middle) head -c 4096 /dev/urandom | dd of="$e" bs=1 seek=$((size / 3)) conv=notrunc status=none;;
        cut) truncate -s $((size / 2)) "$e";;
        footer) tail -c 40 "$e" > "$t/footer"; mv "$t/footer" "$e";;
    esac
    code damaged_$how --dict "$P"
    check "a damaged entry ($how) codes as a plain run, silently" "same damaged_$how plain"
    code after_$how --dict "$P"
    check "after a damaged entry ($how) the cache works again" "same after_$how plain && [ \"\$(stat -c %s \"\$(find \"$t/cache\" -name '*.dyc' | head -n 1)\")\" -eq $size ]"
done

# a cache that cannot be written: coded as usual, no message
DYAD_CACHE_DIR=/dev/null/cache code unwritable --dict "$P"
check "an unwritable cache folder is passed over" 'same unwritable plain'
# turned off: nothing written
rm -rf "$t/cache"
DYAD_CACHE_DIR= code off --dict "$P"
check "an empty DYAD_CACHE_DIR turns the cache off" 'same off plain && [ ! -e "$t/cache" ]'
code strict --strict --dict "$P"
check "--strict fails on the malformed entry and writes no entry" '[ "$(cat "$t/strict.rc")" -eq 3 ] && [ "$(entries)" -eq 0 ]'
code folder --dict tests/data/dict/petrarch
check "a folder is not cached" '[ "$(entries)" -eq 0 ] && [ "$(cat "$t/folder.rc")" -eq 0 ]'
code missing --dict "$t/dict/none.verbs"
code missing_plain --no-cache --dict "$t/dict/none.verbs"
check "a missing file fails as without the cache" 'same missing missing_plain && [ "$(cat "$t/missing.rc")" -eq 3 ] && [ "$(entries)" -eq 0 ]'

# at most 8 entries: ten versions of the .project (the key is made of the files given), a line apart
for i in $(seq 10); do
    echo "version $i" >> "$P"
    code version --dict "$P"
done
check "at most 8 entries are kept" '[ "$(entries)" -eq 8 ]'
check "the latest version is among them (a hit)" 'code version2 --dict "$P"; [ "$(entries)" -eq 8 ] && cmp -s "$t/version.out" "$t/version2.out"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

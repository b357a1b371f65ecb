#!/usr/bin/env bash
# parallel.sh — `dyad code -j N`: the same bytes as -j 1 (JSONL and TSV, both dictionaries, several files,
# rejected stories in between), and memory that stays bounded on a large input.
set -u
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
cd "$(dirname "$0")/../.."
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Stories made from the bundled examples: each one again under new ids and dates, with every few
# hundred a line that is not JSON (rejected, and must not shift the output).
gen() {   # gen COPIES > FILE
    python3 - "$1" <<'EOF'
import json, sys
src = [json.loads(l) for l in open("examples/stories.jsonl") if l.strip()]
n = int(sys.argv[1])
for i in range(n):
    s = dict(src[i % len(src)])
    s["id"] = f"par-{i}"
    s["date"] = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    print(json.dumps(s))
    if i % 400 == 399:
        print("{not json")
EOF
}
gen 3000 > "$tmp/a.jsonl"
gen 700 > "$tmp/b.jsonl"

# same_output NAME ARGS...: -j 1, -j 2 and -j 4 write the same bytes and the same summary
same_output() {
    local name=$1; shift
    "$DYAD" code -j 1 "$@" > "$tmp/j1" 2> "$tmp/e1"
    local s1=$?
    [ -s "$tmp/j1" ] || { bad "$name: -j 1 wrote nothing (exit $s1)"; return; }
    for j in 2 4; do
        "$DYAD" code -j $j "$@" > "$tmp/jn" 2> "$tmp/en"
        local sn=$?
        if cmp -s "$tmp/j1" "$tmp/jn" && [ "$s1" = "$sn" ] &&
           diff -q <(grep -v ' s)$' "$tmp/e1" | sed 's/ ([0-9.]* s)$//') \
                   <(grep -v ' s)$' "$tmp/en" | sed 's/ ([0-9.]* s)$//') > /dev/null &&
           [ "$(tail -n 1 "$tmp/e1" | sed 's/ ([0-9.]* s)$//')" = "$(tail -n 1 "$tmp/en" | sed 's/ ([0-9.]* s)$//')" ]; then
            ok
        else
            bad "$name: -j $j differs from -j 1 (exit $s1 / $sn)"
            cmp "$tmp/j1" "$tmp/jn" | head -n 3
            tail -n 2 "$tmp/e1" "$tmp/en"
        fi
    done
}

same_output "jsonl, built-in dictionary" -q "$tmp/a.jsonl" "$tmp/b.jsonl"
same_output "tsv" --format tsv -q "$tmp/a.jsonl"
same_output "tabari format" --format tabari -q "$tmp/b.jsonl"
same_output "phoenix format (events numbered across batches)" --format phoenix -q "$tmp/a.jsonl"
same_output "summary and rejections" "$tmp/a.jsonl"
T=../shared/dictionaries/tabari
if [ -d "$T" ]; then
    same_output "TABARI dictionaries" -q --dict $T/CAMEO.091003.master.verbs --dict $T/CountryInfo.120116.actors \
        --dict $T/Internatnl.120521.actors --dict $T/PSU.120522.agents --dict $T/CAMEO.09b5.options "$tmp/b.jsonl"
fi
# batches that finish out of order: a first batch of long stories (one thread codes it while the others
# code, park and write the batches after it), then many short stories; the parking fills and waits
python3 - > "$tmp/slow.jsonl" <<'EOF'
import json
src = [json.loads(l) for l in open("examples/stories.jsonl") if l.strip()]
long_text = " ".join(s["text"] for s in src) * 40
for i in range(64):
    print(json.dumps({"id": f"long-{i}", "date": "2020-01-02", "text": long_text}))
for i in range(3000):
    s = src[i % len(src)]
    print(json.dumps({"id": f"short-{i}", "date": "2020-01-03", "text": s["text"][:300]}))
EOF
same_output "batches finishing out of order" -q "$tmp/slow.jsonl"
# stdin works the same
"$DYAD" code -j 1 -q < "$tmp/b.jsonl" > "$tmp/s1" 2>/dev/null
"$DYAD" code -j 3 -q < "$tmp/b.jsonl" > "$tmp/s3" 2>/dev/null
if [ -s "$tmp/s1" ] && cmp -s "$tmp/s1" "$tmp/s3"; then ok; else bad "stdin: -j 3 differs from -j 1"; fi
# -o FILE, and --stats counts that agree
"$DYAD" code -j 1 -q -o "$tmp/o1" --stats "$tmp/st1" "$tmp/a.jsonl" 2>/dev/null
"$DYAD" code -j 4 -q -o "$tmp/o4" --stats "$tmp/st4" "$tmp/a.jsonl" 2>/dev/null
if cmp -s "$tmp/o1" "$tmp/o4" && [ "$(sed 's/"seconds".*//' "$tmp/st1")" = "$(sed 's/"seconds".*//' "$tmp/st4")" ]; then ok
else bad "-o / --stats: -j 4 differs from -j 1"; fi
# bad values are usage errors
for v in x -1 2x; do
    "$DYAD" code -j "$v" "$tmp/b.jsonl" > /dev/null 2>&1
    if [ $? -eq 2 ]; then ok; else bad "-j $v is not a usage error"; fi
done
# --profile prints the stages without changing the events
"$DYAD" code -j 2 -q --profile "$tmp/b.jsonl" > "$tmp/p" 2> "$tmp/pe"
if cmp -s "$tmp/p" "$tmp/s1" && grep -q 'profile: dictionary load .*split .*match .*code .*dates .*places .*write' "$tmp/pe"; then ok; else bad "--profile"; fi
"$DYAD" code -q --profile "$tmp/b.jsonl" > "$tmp/p1" 2> "$tmp/pe1"
if cmp -s "$tmp/p1" "$tmp/s1" && grep -q 'profile: dictionary load .*split .*match .*code .*dates .*places .*write .*-j 1)' "$tmp/pe1"; then ok; else bad "--profile -j 1"; fi

# The compiled dictionary (dyad dict compile): the same events as the files it was compiled from; a
# damaged one is refused (exit 3), not trusted.
# (b.jsonl has rejected lines: dyad code exits 1 on it)
"$DYAD" dict compile -q -o "$tmp/def.dyc" > /dev/null 2>&1
"$DYAD" code -q --dict "$tmp/def.dyc" "$tmp/b.jsonl" > "$tmp/c1" 2>/dev/null
if [ -s "$tmp/c1" ] && cmp -s "$tmp/c1" "$tmp/s1"; then ok; else bad "compiled built-in dictionary: other events"; fi
if [ -d "$T" ]; then
    TD=(--dict $T/CAMEO.091003.master.verbs --dict $T/CountryInfo.120116.actors --dict $T/Internatnl.120521.actors
        --dict $T/PSU.120522.agents --dict $T/CAMEO.09b5.options)
    "$DYAD" dict compile -q "${TD[@]}" -o "$tmp/tab.dyc" > /dev/null 2>&1
    "$DYAD" code -q "${TD[@]}" "$tmp/b.jsonl" > "$tmp/t1" 2>/dev/null
    "$DYAD" code -q -j 2 --dict "$tmp/tab.dyc" "$tmp/b.jsonl" > "$tmp/t2" 2>/dev/null
    if [ -s "$tmp/t1" ] && cmp -s "$tmp/t1" "$tmp/t2"; then ok; else bad "compiled TABARI dictionaries: other events"; fi
fi
head -c 5000 "$tmp/def.dyc" > "$tmp/bad.dyc"
"$DYAD" code -q --dict "$tmp/bad.dyc" "$tmp/b.jsonl" > /dev/null 2>&1
if [ $? -eq 3 ]; then ok; else bad "a damaged .dyc is not refused with exit 3"; fi
head -c 8 "$tmp/def.dyc" > "$tmp/bad.dyc"   # the magic alone, whatever the format's version
"$DYAD" code -q --dict "$tmp/bad.dyc" "$tmp/b.jsonl" > /dev/null 2>&1
if [ $? -eq 3 ]; then ok; else bad "a header-only .dyc is not refused with exit 3"; fi
"$DYAD" dict compile --dict "$tmp/def.dyc" > /dev/null 2>&1
if [ $? -eq 2 ]; then ok; else bad "dict compile without -o is not a usage error"; fi

# Bounded memory: an ~18 MB input (85 times the small one) must not need much more memory than the small
# one: the reader streams and at most a few batches per thread are in flight.
peak() {   # peak ARGS...: the peak RSS of `dyad code ARGS` in KB
    python3 - "$DYAD" "$@" <<'EOF'
import resource, subprocess, sys
subprocess.run([sys.argv[1], "code"] + sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
}
gen 60000 > "$tmp/big.jsonl"
# AddressSanitizer keeps freed memory in quarantine (256 MB by default): keep it small for this measure
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4"
small=$(peak -j 4 -q "$tmp/b.jsonl")
big=$(peak -j 4 -q "$tmp/big.jsonl")
size=$(($(wc -c < "$tmp/big.jsonl") / 1024))
# the bound: what the small input needs plus 16 MB for batches in flight, less than the input itself
if [ "$size" -gt 16384 ] && [ "$big" -lt $((small + 16384)) ]; then ok
else bad "memory: peak RSS ${big} KB on a ${size} KB input (small input: ${small} KB)"; fi
rm -f "$tmp/big.jsonl"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

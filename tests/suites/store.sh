#!/usr/bin/env bash
# The event store end to end: `dyad code --db` on tests/data/store (three stories, a line with a bad date,
# a line that is not JSON) with a small TABARI dictionary, checked with the sqlite3 shell: the rows, a
# second run that adds nothing, --resume skipping every stored story, rejected stories kept with their reason.
set -u
: "${DYAD:?DYAD must name the dyad binary}"
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/tests/data/store
dict=$data/mini.project
input=$data/stories.jsonl
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$tmp/e.sqlite

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# same NAME GOT WANT
same() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }
# has NAME FILE TEXT: FILE contains TEXT
has() { if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1: '$3' not in $(basename "$2")"; sed 's/^/    /' "$2"; fi; }
q() { sqlite3 -batch "$db" "$1" 2>&1; }

if ! command -v sqlite3 >/dev/null; then
    echo "FAIL: the sqlite3 shell is missing (scripts/install-deps installs it)"; echo "0 passed, 1 failed"; exit 1
fi

# What dyad codes without a store: the events the store must hold.
"$DYAD" code --dict "$dict" "$input" > "$tmp/plain.jsonl" 2> /dev/null
want_events=$(wc -l < "$tmp/plain.jsonl")
same "the input codes into 3 events" "$want_events" 3

# ---- first run ----
"$DYAD" code --dict "$dict" --db "$db" "$input" > "$tmp/out1" 2> "$tmp/err1"; st=$?
same "first run: exit 1 (some stories rejected)" "$st" 1
same "first run: nothing on stdout" "$(wc -c < "$tmp/out1")" 0
has "first run: summary" "$tmp/err1" "5 stories read: 2 coded, 1 without events, 2 rejected"
same "stories by status" "$(q "SELECT group_concat(status || '=' || n, ' ') FROM
    (SELECT status, count(*) AS n FROM stories GROUP BY status ORDER BY status)")" "coded=2 no_events=1 rejected=1"
same "events stored = events coded" "$(q "SELECT count(*) FROM events")" "$want_events"
same "sentences stored" "$(q "SELECT count(*) FROM sentences")" 5
same "an event row, as in the JSONL" \
    "$(q "SELECT story_id, sentence, date, source, target, code, root, quad_class, source_text, target_text, pattern
          FROM events WHERE code = '190'")" \
    "st-1|1|2024-02-10|RUS|UKR|190|19|4|Russia|Ukraine|ATTACKED"
same "goldstein matches the JSONL" \
    "$(q "SELECT printf('%.1f', goldstein) FROM events WHERE code = '051'")" \
    "$(sed -n 's/.*"code":"051".*"goldstein":\([-0-9.]*\).*/\1/p' "$tmp/plain.jsonl")"
same "the story's own fields" "$(q "SELECT title, source, url, line, sentences, events FROM stories WHERE story_id = 'st-1'")" \
    "Border clash|Test Wire|https://example.org/st-1|1|2|1"
same "story without events" "$(q "SELECT status, sentences, events FROM stories WHERE story_id = 'st-3'")" "no_events|1|0"
same "malformed line stored as rejected with its reason" \
    "$(q "SELECT status, line, reason LIKE '%date%2024-02-30%', events FROM stories WHERE story_id = 'st-4'")" \
    "rejected|4|1|0"
same "a line without an id is not stored" "$(q "SELECT count(*) FROM stories WHERE line = 5")" 0
same "full-text search finds a sentence" \
    "$(q "SELECT s.story_id || ':' || s.sentence FROM sentences_fts JOIN sentences s ON s.sentence_id = sentences_fts.rowid
          WHERE sentences_fts MATCH 'grain'")" "st-2:1"
same "dyad_monthly" "$(q "SELECT source, target, month, quad_class, events FROM dyad_monthly WHERE source = 'POL'")" \
    "POL|UKR|2024-02|1|2"
same "top_actors" "$(q "SELECT actor || '=' || events FROM top_actors LIMIT 1")" "UKR=3"
# Mark every row: a story written again gets a new coded_at, one left alone keeps the mark.
q "UPDATE stories SET coded_at = 'marked'"

# ---- the same input again: replaced, never duplicated ----
"$DYAD" code --dict "$dict" --db "$db" "$input" > /dev/null 2> "$tmp/err2"; st=$?
same "second run: exit 1" "$st" 1
same "second run: same event count (idempotent)" "$(q "SELECT count(*) FROM events")" "$want_events"
same "second run: same story count" "$(q "SELECT count(*) FROM stories")" 4
same "second run: same sentence count" "$(q "SELECT count(*) FROM sentences")" 5
same "second run: every story written again" "$(q "SELECT count(*) FROM stories WHERE coded_at = 'marked'")" 0
same "second run: one full-text hit, not two" "$(q "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'grain'")" 1
same "database and full-text index intact" \
    "$(q "PRAGMA integrity_check; INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check');")" "ok"

# ---- --resume: every stored story is skipped; rejected ones are read (and rejected) again ----
q "UPDATE stories SET coded_at = 'marked'"
"$DYAD" code --dict "$dict" --db "$db" --resume "$input" > /dev/null 2> "$tmp/err3"; st=$?
same "resume: exit 1 (the rejected lines are still rejected)" "$st" 1
has "resume: all three stored stories skipped" "$tmp/err3" "5 stories read: 0 coded, 0 without events, 2 rejected, 3 skipped; 0 sentences, 0 events"
same "resume: event count unchanged" "$(q "SELECT count(*) FROM events")" "$want_events"
same "resume: stored stories left alone, the rejected one written again" \
    "$(q "SELECT group_concat(story_id || '=' || (coded_at = 'marked'), ' ') FROM (SELECT * FROM stories ORDER BY story_id)")" \
    "st-1=1 st-2=1 st-3=1 st-4=0"

# ---- --db with -o: both ----
"$DYAD" code --dict "$dict" --db "$tmp/both.sqlite" -o "$tmp/both.jsonl" "$input" > "$tmp/out4" 2> /dev/null
same "--db with -o: the JSONL as without the store" "$(cmp -s "$tmp/both.jsonl" "$tmp/plain.jsonl" && echo same)" same
same "--db with -o: the store too" "$(sqlite3 -batch "$tmp/both.sqlite" "SELECT count(*) FROM events")" "$want_events"
same "--db with -o: nothing on stdout" "$(wc -c < "$tmp/out4")" 0

# ---- usage ----
"$DYAD" code --dict "$dict" --resume "$input" > /dev/null 2> "$tmp/err5"; st=$?
same "--resume without --db: exit 2" "$st" 2
echo "not a database, only text" > "$tmp/text.sqlite"
"$DYAD" code --dict "$dict" --db "$tmp/text.sqlite" "$input" > /dev/null 2> "$tmp/err6"; st=$?
same "--db on a file that is not a database: exit 3" "$st" 3
has "--db on a file that is not a database: says so" "$tmp/err6" "not a database"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

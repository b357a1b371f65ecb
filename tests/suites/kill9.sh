#!/usr/bin/env bash
# kill -9 during `dyad code --db` leaves a consistent store, and running the same command again (with or
# without --resume) completes it with exactly the events of one clean run: no partial story, no duplicate.
# The input (a few thousand generated JSONL stories, several events each) is written here; the run is killed
# once the store holds its first committed batch. When a run ends before it can be killed (a fast
# machine), the input is doubled and the suite starts again. Closing line: "N passed, M failed".
set -u
: "${DYAD:?DYAD must name the dyad binary}"
case "$DYAD" in */*) DYAD="$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")";; esac
t=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$t"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }
q() { sqlite3 -batch "$1" "$2" 2>/dev/null; }

if ! command -v sqlite3 >/dev/null; then
    echo "FAIL: the sqlite3 shell is missing (scripts/install-deps installs it)"; echo "0 passed, 1 failed"; exit 1
fi

# gen N: N stories of four reported events each, told apart by id, date and actors (deterministic)
gen() {
    awk -v n="$1" 'BEGIN {
        split("Russia Ukraine France Germany China Japan Iran Israel Poland Turkey Egypt India", a, " ")
        split("attacked condemned praised criticized met threatened accused", v, " ")
        for (i = 1; i <= n; i++) {
            s = ""
            for (k = 0; k < 4; k++) {
                x = a[1 + (i * 7 + k * 3) % 12]; y = a[1 + (i * 5 + k * 11 + 1) % 12]; if (x == y) y = "Egypt"
                s = s x " " v[1 + (i + k) % 7] " " y " on Tuesday, officials said. The weather was mild. "
            }
            printf "{\"id\":\"s%05d\",\"date\":\"2019-%02d-%02d\",\"text\":\"%s\"}\n", i, 1 + i % 12, 1 + i % 28, s
        }
    }'
}

# What a store holds, in a form to compare: stories with their counts, then every event.
dump() {
    q "$1" "SELECT story_id, status, sentences, events FROM stories ORDER BY story_id;
           SELECT story_id, sentence, source, target, code FROM events ORDER BY story_id, sentence, event_id;"
}

# Every stored story agrees with itself (its sentences and events rows match its counts) and with the
# clean run (same counts, same events): a story is in the store whole or not at all.
consistent() {   # consistent NAME DB
    same "$1: integrity_check" "$(q "$2" 'PRAGMA integrity_check')" ok
    same "$1: stories whose rows disagree with their counts" "$(q "$2" "SELECT count(*) FROM stories s WHERE
        s.events != (SELECT count(*) FROM events e WHERE e.story_id = s.story_id) OR
        s.sentences != (SELECT count(*) FROM sentences x WHERE x.story_id = s.story_id)")" 0
    same "$1: events or sentences without a story" "$(q "$2" "SELECT (SELECT count(*) FROM events WHERE story_id NOT IN
        (SELECT story_id FROM stories)) + (SELECT count(*) FROM sentences WHERE story_id NOT IN (SELECT story_id FROM stories))")" 0
    dump "$2" >"$t/part.dump"
    # each line of the partial store's dump is in the clean one's (sorted, so comm can tell)
    local extra
    extra=$(sort "$t/part.dump" | comm -23 - <(sort "$t/clean.dump") | head -n 3)
    same "$1: stored stories and events that a clean run does not have" "$extra" ""
}

# kill_run DB: start the run in the background, kill -9 it once a batch is committed. Prints how many
# stories were stored; fails (status 1) when the run ended before it could be killed.
kill_run() {
    rm -f "$1" "$1-wal" "$1-shm"
    "$DYAD" code --db "$1" "$t/in.jsonl" >/dev/null 2>"$t/killed.err" &
    pid=$!
    local n=0 i
    for i in $(seq 1 1200); do   # up to 60 s
        kill -0 "$pid" 2>/dev/null || break
        n=$(q "$1" 'SELECT count(*) FROM stories' || echo 0)
        [ "${n:-0}" -ge 1000 ] && break
        sleep 0.05
    done
    if ! kill -9 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; pid=""; return 1; fi
    wait "$pid" 2>/dev/null
    pid=""
    n=$(q "$1" 'SELECT count(*) FROM stories')
    [ "${n:-0}" -lt "$total" ] || return 1   # it finished between the last look and the kill
    echo "$n"
}

total=4000
for attempt in 1 2 3; do
    gen "$total" >"$t/in.jsonl"
    # the clean run: what the store must hold in the end
    "$DYAD" code --db "$t/clean.db" "$t/in.jsonl" 2>"$t/clean.err"
    dump "$t/clean.db" >"$t/clean.dump"
    if a=$(kill_run "$t/a.db") && b=$(kill_run "$t/b.db"); then break; fi
    echo "note: a run ended before it was killed ($total stories); doubling the input"
    total=$((total * 2)); a=""; rm -f "$t"/*.db*
done
if [ -z "${a:-}" ]; then
    bad "could not kill a run mid-way (tried up to $total stories)"; echo "${pass} passed, ${fail} failed"; exit 1
fi
# the clean store holds what dyad codes without one
want=$("$DYAD" code "$t/in.jsonl" 2>/dev/null | wc -l)
if [ "$want" -ge "$total" ]; then ok "the input codes into $want events"; else bad "the input codes into $want events only"; fi
same "clean run: events" "$(q "$t/clean.db" 'SELECT count(*) FROM events')" "$want"
echo "note: killed after $a and $b of $total stories"
if [ "$a" -gt 0 ] && [ "$a" -lt "$total" ]; then ok "first kill: mid-run, some stories stored"; else bad "first kill: $a stories stored"; fi
consistent "after kill -9" "$t/a.db"
consistent "after the second kill -9" "$t/b.db"

# The same command again: stories already stored are replaced, so nothing is there twice.
"$DYAD" code --db "$t/a.db" "$t/in.jsonl" 2>"$t/rerun.err"; st=$?
same "rerun: exit status" "$st" 0
dump "$t/a.db" >"$t/a.dump"
if cmp -s "$t/a.dump" "$t/clean.dump"; then ok "rerun: the store equals a clean run's"; else bad "rerun: the store differs from a clean run's"; diff "$t/clean.dump" "$t/a.dump" | head -n 5; fi
same "rerun: events" "$(q "$t/a.db" 'SELECT count(*) FROM events')" "$want"
consistent "rerun" "$t/a.db"

# --resume: the stored stories are skipped, the rest coded.
"$DYAD" code --db "$t/b.db" --resume "$t/in.jsonl" 2>"$t/resume.err"; st=$?
same "--resume: exit status" "$st" 0
if grep -q ", $b skipped" "$t/resume.err"; then ok "--resume: skipped the $b stored stories"
else bad "--resume: summary does not say '$b skipped'"; sed 's/^/    /' "$t/resume.err" | tail -n 2; fi
dump "$t/b.db" >"$t/b.dump"
if cmp -s "$t/b.dump" "$t/clean.dump"; then ok "--resume: the store equals a clean run's"; else bad "--resume: the store differs from a clean run's"; diff "$t/clean.dump" "$t/b.dump" | head -n 5; fi
same "--resume: events" "$(q "$t/b.db" 'SELECT count(*) FROM events')" "$want"
same "--resume: sentences" "$(q "$t/b.db" 'SELECT count(*) FROM sentences')" "$(q "$t/clean.db" 'SELECT count(*) FROM sentences')"
# the full-text index follows the sentences table (an external-content FTS5 index that missed a
# delete or an insert would give a different count)
same "--resume: full-text index" "$(q "$t/b.db" "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'weather'")" \
    "$(q "$t/clean.db" "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'weather'")"

echo "${pass} passed, ${fail} failed"
[ "$fail" -eq 0 ]

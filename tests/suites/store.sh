#!/usr/bin/env bash
# The event store end to end: `dyad code --db` on tests/data/store (three stories, a line with a bad date,
# a line that is not JSON) with a small TABARI dictionary, checked with the sqlite3 shell: the rows, a
# second run that adds nothing, --resume skipping every stored story, rejected stories kept with their reason;
# dedup across stories on tests/data/store/dedup.jsonl with exact counts; every export format against its
# column spec (GDELT's against the codebook's header-row file in ../shared).
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

# ---- dedup across stories: tests/data/store/dedup.jsonl, seven stories, eight mentions ----
# RUS>UKR 190: d-1 (03-01, Wire A), d-2 (03-01, Wire B), d-3 (03-02, Wire A, two sentences), d-4 (03-03,
# Wire C); UKR>RUS 190: d-6 (03-01); POL>UKR 036: d-5 (no source); POL>UKR 051: d-7.
ddb=$tmp/dedup.sqlite
dq() { sqlite3 -batch "$ddb" "$1" 2>&1; }
# one line per unique event: dyad code first..last mentions/sources/articles [stories of its mentions]
unique_rows() {
    dq "SELECT group_concat(r, ' | ') FROM (SELECT u.source || '>' || u.target || ' ' || u.code || ' ' ||
          substr(u.date, 6) || '..' || substr(u.last_date, 6) || ' ' || u.mentions || '/' || u.sources || '/' ||
          u.articles || ' [' || (SELECT group_concat(story_id, ',') FROM (SELECT e.story_id FROM event_mentions m
          JOIN events e ON e.event_id = m.event_id WHERE m.unique_id = u.unique_id ORDER BY e.event_id)) || ']' AS r
          FROM unique_events u ORDER BY u.unique_id)"
}
"$DYAD" code --dict "$dict" --db "$ddb" --stats "$tmp/dd.json" "$data/dedup.jsonl" > /dev/null 2> "$tmp/err7"; st=$?
same "dedup: exit 0" "$st" 0
same "dedup: eight mentions stored" "$(dq "SELECT count(*) FROM events")" 8
same "dedup: unique events with their counts (window 1 day)" "$(unique_rows)" \
    "POL>UKR 036 03-01..03-01 1/0/1 [d-5] | POL>UKR 051 03-01..03-01 1/1/1 [d-7] | RUS>UKR 190 03-01..03-02 4/2/3 [d-1,d-2,d-3,d-3] | RUS>UKR 190 03-03..03-03 1/1/1 [d-4] | UKR>RUS 190 03-01..03-01 1/1/1 [d-6]"
same "dedup: every mention linked once" "$(dq "SELECT count(*), count(DISTINCT event_id) FROM event_mentions")" "8|8"
same "dedup: mentions add up" "$(dq "SELECT sum(mentions) FROM unique_events")" 8
has "dedup: the summary counts unique events" "$tmp/err7" "the store has 5 unique events"
has "dedup: --stats has unique_events" "$tmp/dd.json" '"unique_events": 5'
has "dedup: --stats has the counts by status" "$tmp/dd.json" '"coded": 7, "without_events": 0, "rejected": 0, "skipped": 0'
first=$(unique_rows)
"$DYAD" code --dict "$dict" --db "$ddb" "$data/dedup.jsonl" > /dev/null 2>&1
same "dedup: a second run gives the same unique events" "$(unique_rows)" "$first"
"$DYAD" code --dict "$dict" --db "$ddb" --dedup-window 0 "$data/dedup.jsonl" > /dev/null 2>&1
same "dedup: --dedup-window 0 (same day only)" "$(dq "SELECT group_concat(mentions || '/' || sources || '/' || articles, ' ')
    FROM (SELECT * FROM unique_events WHERE source = 'RUS' ORDER BY unique_id)")" "2/2/2 2/1/1 1/1/1"
same "dedup: --dedup-window 0 kept in meta" "$(dq "SELECT value FROM meta WHERE key = 'dedup_window'")" 0
"$DYAD" code --dict "$dict" --db "$ddb" --dedup-window 2 "$data/dedup.jsonl" > /dev/null 2>&1
same "dedup: --dedup-window 2" "$(dq "SELECT group_concat(mentions || '/' || sources || '/' || articles, ' ')
    FROM (SELECT * FROM unique_events WHERE source = 'RUS' ORDER BY unique_id)")" "5/3/4"
same "dedup: --dedup-window 2, all unique events" "$(dq "SELECT count(*) FROM unique_events")" 4
"$DYAD" code --dict "$dict" --db "$ddb" --dedup-window soon "$data/dedup.jsonl" > /dev/null 2> "$tmp/err8"; st=$?
same "dedup: a bad --dedup-window: exit 2" "$st" 2
"$DYAD" code --dict "$dict" --db "$ddb" "$data/dedup.jsonl" > /dev/null 2>&1   # back to the default window

# ---- exports: dyad export DB --format F, each format against its column spec ----
# header NAME FILE WANT: the first line of FILE, tabs shown as |
header() { same "$1" "$(head -n 1 "$2" | tr '\t' '|')" "$3"; }
# col FILE ROW NAME: the value of column NAME (by the header) in data row ROW (1 = first after the header)
col() { awk -F'\t' -v row="$2" -v name="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
        NR == row + 1 { print (c ? $c : "NO SUCH COLUMN") }' "$1"; }
# widths FILE: the distinct field counts of its lines
widths() { awk -F'\t' '{ print NF }' "$1" | sort -u | tr '\n' ' '; }
for f in jsonl tsv csv tabari gdelt icews phoenix; do
    "$DYAD" export "$ddb" --format "$f" -o "$tmp/x.$f" 2> "$tmp/xerr"; st=$?
    same "export --format $f: exit 0" "$st" 0
done
"$DYAD" code --dict "$dict" "$data/dedup.jsonl" > "$tmp/dd-plain.jsonl" 2> /dev/null
same "export jsonl: the same lines as dyad code writes" "$(cmp -s "$tmp/x.jsonl" "$tmp/dd-plain.jsonl" && echo same)" same
"$DYAD" code --dict "$dict" --format tsv "$data/dedup.jsonl" > "$tmp/dd-plain.tsv" 2> /dev/null
same "export tsv: the same lines as dyad code writes" "$(cmp -s "$tmp/x.tsv" "$tmp/dd-plain.tsv" && echo same)" same
"$DYAD" code --dict "$dict" --format csv "$data/dedup.jsonl" > "$tmp/dd-plain.csv" 2> /dev/null
same "export csv: the same as dyad code writes" "$(cmp -s "$tmp/x.csv" "$tmp/dd-plain.csv" && echo same)" same
same "csv: RFC 4180 rows end CRLF" "$(grep -c $'\r$' "$tmp/x.csv")" 9
same "csv: header" "$(head -n 1 "$tmp/x.csv" | tr -d '\r')" "$(head -n 1 "$tmp/x.tsv" | tr '\t' ',')"
same "tabari: one line per mention" "$(wc -l < "$tmp/x.tabari")" 8

# GDELT 2.0: the 61 columns of the codebook's header-row file, in its order; one row per unique event
spec=$root/../shared/ontology/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv
if [ -r "$spec" ]; then
    want=$(awk -F, 'NR > 1 { print $1 }' "$spec" | paste -sd'|')
    header "gdelt: the header is the codebook's 61 columns in order" "$tmp/x.gdelt" "$want"
else
    echo "SKIP gdelt header against the codebook file: $spec is missing"
fi
same "gdelt: 61 columns on every line" "$(widths "$tmp/x.gdelt")" "61 "
same "gdelt: one row per unique event" "$(($(wc -l < "$tmp/x.gdelt") - 1))" 5
g=$tmp/x.gdelt; r=3   # unique event 3: RUS>UKR 190 of 03-01..03-02
same "gdelt: a known row" "$(for c in GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name \
    Actor1CountryCode Actor1Type1Code Actor2Code Actor2CountryCode IsRootEvent EventCode EventBaseCode EventRootCode \
    QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone ActionGeo_CountryCode SOURCEURL; do
    printf '%s=%s ' "$c" "$(col "$g" $r "$c")"; done)" \
    "GLOBALEVENTID=3 SQLDATE=20240301 MonthYear=202403 Year=2024 FractionDate=2024.1671 Actor1Code=RUS Actor1Name=Russia Actor1CountryCode=RUS Actor1Type1Code= Actor2Code=UKR Actor2CountryCode=UKR IsRootEvent= EventCode=190 EventBaseCode=190 EventRootCode=19 QuadClass=4 GoldsteinScale=-10.0 NumMentions=4 NumSources=2 NumArticles=3 AvgTone= ActionGeo_CountryCode= SOURCEURL=https://example.org/d-1 "
# ActionGeo_*: the place stored with the event's first mention (whatever src/where found), in GDELT's terms
same "gdelt: ActionGeo is the stored place of the event" \
    "$(for c in ActionGeo_Type ActionGeo_Lat ActionGeo_Long; do printf '%s|' "$(col "$g" $r "$c")"; done)" \
    "$(dq "SELECT CASE location_precision WHEN 'country' THEN 1 WHEN 'admin1' THEN iif(location_country = 'USA', 2, 5)
        WHEN 'city' THEN iif(location_country = 'USA', 3, 4) ELSE '' END || '|' ||
        iif(location_lat IS NULL, '', printf('%.5f', location_lat)) || '|' ||
        iif(location_lon IS NULL, '', printf('%.5f', location_lon)) || '|'
        FROM events WHERE event_id = (SELECT first_event_id FROM unique_events WHERE unique_id = 3)")"
same "gdelt: DATEADDED is YYYYMMDDHHMMSS" "$(col "$g" 1 DATEADDED | grep -cE '^20[0-9]{12}$')" 1
same "gdelt: no source named, NumSources left empty" "$(col "$g" 1 NumSources)|$(col "$g" 1 NumArticles)" "|1"

header "icews: the event-file header" "$tmp/x.icews" \
    "Event ID|Event Date|Source Name|Source Sectors|Source Country|Event Text|CAMEO Code|Intensity|Target Name|Target Sectors|Target Country|Story ID|Sentence Number|Publisher|City|District|Province|Country|Latitude|Longitude"
same "icews: 20 columns on every line" "$(widths "$tmp/x.icews")" "20 "
same "icews: one row per mention" "$(($(wc -l < "$tmp/x.icews") - 1))" 8
same "icews: a known row (d-3, sentence 2)" "$(awk -F'\t' '$12 == "d-3" && $13 == 2' "$tmp/x.icews" | cut -f 2-3,5,7-9,11-14 | tr '\t' '|')" \
    "2024-03-02|Moscow|Russian Federation|190|-10.0|Kyiv|Ukraine|d-3|2|Wire A"

header "phoenix: the data set's header" "$tmp/x.phoenix" \
    "EventID|Date|Year|Month|Day|SourceActorFull|SourceActorEntity|SourceActorRole|SourceActorAttribute|TargetActorFull|TargetActorEntity|TargetActorRole|TargetActorAttribute|EventCode|EventRootCode|QuadClass|GoldsteinScore|Issues|Lat|Lon|LocationName|StateName|CountryCode|SentenceID|URLs|NewsSources"
same "phoenix: 26 columns on every line" "$(widths "$tmp/x.phoenix")" "26 "
same "phoenix: a known row (the RUS>UKR event of 03-01, reported four times)" \
    "$(sed -n 4p "$tmp/x.phoenix" | cut -f 1-18,24- | tr '\t' '|')" \
    "3|20240301|2024|3|1|RUS|RUS|||UKR|UKR|||190|19|4|-10.0||d-1_1|https://example.org/d-1;https://example.org/d-2;https://example.org/d-3|Wire A;Wire B"
same "phoenix: Lat, Lon, LocationName, CountryCode are the stored place" \
    "$(sed -n 4p "$tmp/x.phoenix" | cut -f 19-21,23 | tr '\t' '|')" \
    "$(dq "SELECT iif(location_lat IS NULL, '', printf('%.5f', location_lat)) || '|' ||
        iif(location_lon IS NULL, '', printf('%.5f', location_lon)) || '|' || ifnull(location_name, '') || '|' ||
        ifnull(location_country, '') FROM events WHERE event_id = (SELECT first_event_id FROM unique_events WHERE unique_id = 3)")"

"$DYAD" code --dict "$dict" --format gdelt "$data/dedup.jsonl" > "$tmp/code.gdelt" 2> /dev/null
same "code --format gdelt: one row per mention, 61 columns" "$(($(wc -l < "$tmp/code.gdelt") - 1)) $(widths "$tmp/code.gdelt")" "8 61 "
"$DYAD" export "$tmp/missing.sqlite" > /dev/null 2>&1; st=$?
same "export of a missing store: exit 3" "$st" 3
same "export of a missing store: no file made" "$(ls "$tmp/missing.sqlite" 2> /dev/null)" ""
"$DYAD" export "$ddb" --format xml > /dev/null 2>&1; st=$?
same "export --format xml: exit 2" "$st" 2

# ---- progress: a line on a terminal during long runs, nothing when stderr is a file; the summary always ----
if grep -q "stories/s" "$tmp/err7"; then bad "progress: not shown when stderr is a file"; else ok "progress: not shown when stderr is a file"; fi
if command -v script > /dev/null; then
    # long enough (several seconds with --db) for the line to be drawn, which starts after one second
    awk 'BEGIN { for (i = 0; i < 12000; i++) printf "{\"id\": \"m-%d\", \"date\": \"2024-03-%02d\", \"text\": \"Russia attacked Ukraine. Poland met Ukraine.\"}\n", i, i % 28 + 1 }' > "$tmp/many.jsonl"
    script -qec "'$DYAD' code --dict '$dict' --db '$tmp/many.sqlite' '$tmp/many.jsonl'" /dev/null < /dev/null | tr '\r' '\n' > "$tmp/tty.out"
    has "progress: on a terminal, stories/s and events" "$tmp/tty.out" " stories, "
    if grep -qE '^[0-9]+ stories, [0-9]+ events, [0-9]+ stories/s, [0-9]+%, [0-9]+:[0-9]{2} left' "$tmp/tty.out"; then
        ok "progress: the share read and the time left (the input's size is known)"
    else
        bad "progress: no 'N stories, N events, N stories/s, N%, M:SS left' line"; head -c 600 "$tmp/tty.out"
    fi
    has "progress: the closing summary after it" "$tmp/tty.out" "12000 stories read: 12000 coded"
else
    echo "SKIP progress on a terminal: no 'script' command (util-linux)"
fi

# "-o -" is standard output (the usual convention), with or without a store: no file named "-" is made
# (the runs are made in $tmp, where such a file would appear).
dyad_abs=$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")
(cd "$tmp" && "$dyad_abs" code --dict "$dict" -o - "$input" > "$tmp/dash.jsonl" 2> /dev/null)
same "code -o -: the events on standard output" "$(cmp -s "$tmp/dash.jsonl" "$tmp/plain.jsonl" && echo same)" same
(cd "$tmp" && "$dyad_abs" code --dict "$dict" --db "$tmp/dash.sqlite" -o - "$input" > "$tmp/dash-db.jsonl" 2> /dev/null)
same "code --db -o -: the events on standard output too" "$(cmp -s "$tmp/dash-db.jsonl" "$tmp/plain.jsonl" && echo same)" same
(cd "$tmp" && "$dyad_abs" annotate --timex -o - "$input" > "$tmp/dash-ann.jsonl" 2> /dev/null)
same "annotate -o -: the expressions on standard output" "$([ -s "$tmp/dash-ann.jsonl" ] && echo written)" written
same "-o -: no file named '-'" "$([ -e "$tmp/-" ] && echo made || echo none)" none

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

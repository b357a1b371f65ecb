#!/usr/bin/env bash
# The HTML report end to end: `dyad report` on the bundled examples (coded with --db), checked as a file
# (self-contained: no fetches, the data embedded) and loaded in headless Chromium: it must render with no
# console error, its JS must fill every part (actors, dyads, timeline, map, table), and the table filters
# must work. A screenshot is kept under the build folder. SKIPs (and says so) when chromium is missing.
set -u
: "${DYAD:?DYAD must name the dyad binary}"
root=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
art=$(cd "$(dirname "$DYAD")" && pwd)/report   # build/report/ or build-san/report/: kept, not committed
mkdir -p "$art"
db=$tmp/events.sqlite
html=$art/report.html

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }
has() { if grep -qE -- "$3" "$2"; then ok "$1"; else bad "$1: /$3/ not in $(basename "$2")"; fi; }
hasnt() { if grep -qE -- "$3" "$2"; then bad "$1: /$3/ found in $(basename "$2")"; grep -oE -- "$3" "$2" | head -3; else ok "$1"; fi; }
q() { sqlite3 -batch "$db" "$1" 2>&1; }

# ---- the README's main command, then the report ----
"$DYAD" code --db "$db" "$root/examples/stories.jsonl" > /dev/null 2> "$tmp/code.err"; st=$?
same "code --db the examples: exit 0" "$st" 0
events=$(q "SELECT count(*) FROM events")
[ "$events" -gt 20 ] && ok "the examples give events ($events)" || bad "the examples give only '$events' events"
"$DYAD" report "$db" -o "$html" 2> "$tmp/report.err"; st=$?
same "report: exit 0" "$st" 0
same "report: nothing on stderr" "$(cat "$tmp/report.err")" ""
[ -s "$html" ] && ok "report: the file is written" || bad "report: no file"

# ---- the file: one page, nothing fetched ----
has "file: an HTML page" "$html" '^<!DOCTYPE html>'
hasnt "file: no external script, style, image or frame" "$html" '<(script|link|img|iframe|source|embed|object)[^>]*(src|href)='
hasnt "file: no url() or @import in the CSS" "$html" '(url\(|@import)'
hasnt "file: no fetch/XMLHttpRequest/WebSocket in the JS" "$html" '(fetch\(|XMLHttpRequest|WebSocket|importScripts)'
has "file: the data is embedded" "$html" '<script type="application/json" id="data">'
has "file: the land outline is inline" "$html" '<path id="land" d="M'
# report.c writes one row of the events array per line, the array's first on the "events" line
same "file: one embedded row per event" "$(($(sed -n '/^"events":\[/,/^"stories":/p' "$html" | wc -l) - 1))" "$events"
"$DYAD" report "$tmp/none.sqlite" -o "$tmp/none.html" > /dev/null 2>&1; st=$?
same "report of a missing store: exit 3" "$st" 3
"$DYAD" report > /dev/null 2>&1; st=$?
same "report without a store: exit 2" "$st" 2

# ---- in the browser ----
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIP the Chromium render checks: no chromium here (scripts/install-deps installs it)"
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]; exit
fi
# Every fetch would fail: nothing resolves. The page must not need any.
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
        --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$(mktemp -d -p "$tmp")" "$@"
}
# The sanitizer's preload must not reach Chromium (it is not built with it).
unset LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS
chrome --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "file://$html" > "$tmp/dom.html" 2> "$tmp/chrome.log"
has "chromium: rendered (the JS ran to its end)" "$tmp/dom.html" '<body data-rendered="yes"'
hasnt "chromium: no uncaught error on the page" "$tmp/dom.html" 'data-error='
hasnt "chromium: no console error" "$tmp/chrome.log" '(Uncaught|ERROR:CONSOLE|CONSOLE.*(Error|error))'
hasnt "chromium: no request left the page" "$tmp/chrome.log" '(ERR_NAME_NOT_RESOLVED|net::ERR_)'
# part ID [FILE]: the element <svg id=ID ...> ... </svg> of the rendered page (first closing tag)
part() {
    python3 -c 'import re, sys; m = re.search(r"<svg id=\"%s\".*?</svg>" % sys.argv[1], open(sys.argv[2]).read(), re.S)
print(m.group(0) if m else "")' "$1" "${2:-$tmp/dom.html}"
}
actors=$(q "SELECT count(*) FROM (SELECT * FROM top_actors LIMIT 15)")
same "chromium: one bar per top actor" "$(part actors | grep -o '<rect' | wc -l)" "$actors"
# the dyads of known countries, both directions together, most events first (as report.c's dyads_sql)
pairs="SELECT min(source, target) AS a, max(source, target) AS b, count(*) AS n FROM events WHERE source NOT LIKE '---%'
       AND target NOT LIKE '---%' AND source <> target GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
same "chromium: one row per top dyad" "$(part dyads | grep -o '<g class="dyad-row' | wc -l)" \
    "$(q "SELECT count(*) FROM ($pairs LIMIT 15)")"
top=$(q "SELECT a || '|' || b FROM ($pairs) LIMIT 1")
has "chromium: the timeline shows the top dyad ($top)" "$tmp/dom.html" "<svg id=\"timeline\"[^>]*data-dyad=\"$top\""
# one bar segment per (week, QuadClass) of that dyad; weeks start on Monday
same "chromium: the timeline's bars are the dyad's weeks by QuadClass" \
    "$(part timeline | grep -o '<rect[^>]*fill="var(--q[1-4])"' | wc -l)" \
    "$(q "SELECT count(DISTINCT date(date, '-6 days', 'weekday 1') || quad_class) FROM events
          WHERE min(source, target) || '|' || max(source, target) = '$top' AND quad_class IS NOT NULL")"
has "chromium: the map draws the land" "$tmp/dom.html" '<use href="#land"'
located=$(q "SELECT count(DISTINCT printf('%.3f,%.3f', location_lat, location_lon)) FROM events WHERE location_lat IS NOT NULL")
same "chromium: the map has a circle per place" "$(part map | grep -o '<circle' | wc -l)" "$located"
shown=$(( events < 300 ? events : 300 ))
same "chromium: the table has a row per event" "$(grep -o '<tr class="ev">' "$tmp/dom.html" | wc -l)" "$shown"
has "chromium: the table says how many" "$tmp/dom.html" "id=\"event-count\">$events of $events events"
has "chromium: the sentence behind an event is shown" "$tmp/dom.html" 'shelled residential areas of Kharkiv'

# The filters: a copy of the page that types into them before its first drawing of the table.
filtered() {   # filtered JS-STATEMENTS: the number of table rows after them
    sed "s@^  drawTable();\$@  $1 drawTable();@" "$html" > "$tmp/filtered.html"
    chrome --virtual-time-budget=5000 --dump-dom "file://$tmp/filtered.html" 2> /dev/null | grep -o '<tr class="ev">' | wc -l
}
want=$(q "SELECT count(*) FROM events e JOIN sentences s ON s.story_id = e.story_id AND s.sentence = e.sentence
          WHERE lower(s.text) LIKE '%kharkiv%' OR lower(ifnull(e.location_name, '')) LIKE '%kharkiv%'")
[ "$want" -gt 0 ] && [ "$want" -lt "$events" ] && ok "filters: 'kharkiv' is in some sentences ($want)" || bad "filters: bad test data ($want)"
same "filters: the text filter keeps the matching events" "$(filtered '$("f-text").value = "kharkiv";')" "$want"
same "filters: the root filter (19, fight)" "$(filtered '$("f-root").value = "19";')" "$(q "SELECT count(*) FROM events WHERE root = '19'")"
same "filters: the QuadClass filter (1)" "$(filtered '$("f-quad").value = "1";')" "$(q "SELECT count(*) FROM events WHERE quad_class = 1")"
same "filters: the dyad filter ($top)" "$(filtered "\$(\"f-dyad\").value = \"$top\";")" \
    "$(q "SELECT count(*) FROM events WHERE min(source, target) || '|' || max(source, target) = '$top'")"

chrome --screenshot="$art/report.png" --window-size=1280,2000 --virtual-time-budget=5000 "file://$html" > /dev/null 2>&1
if [ -s "$art/report.png" ] && [ "$(head -c 8 "$art/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
    ok "chromium: screenshot kept: $art/report.png"
else
    bad "chromium: no screenshot"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

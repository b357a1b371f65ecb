/* report.c — the HTML report of a store: the data as JSON inside one page that draws itself (report_page.c). */
#include "report/report.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

/* The page's parts (report_page.c): everything before the data, and everything after it. */
extern const char report_page_head[], report_page_tail[];

/* The events embedded: the newest REPORT_MAX_EVENTS, each with its sentence, story and unique event. */
static const char events_sql[] =
    "SELECT e.event_id, e.date, e.source, e.target, e.code, e.root, e.quad_class, e.goldstein, e.story_id,\n"
    "  e.sentence, t.text, e.source_text, e.target_text, e.location_lat, e.location_lon, e.location_name,\n"
    "  e.location_country, u.mentions, u.sources, u.articles, m.unique_id\n"
    "FROM events e\n"
    "LEFT JOIN sentences t ON t.story_id = e.story_id AND t.sentence = e.sentence\n"
    "LEFT JOIN event_mentions m ON m.event_id = e.event_id LEFT JOIN unique_events u ON u.unique_id = m.unique_id\n"
    "ORDER BY e.date DESC, e.event_id LIMIT %d";

/* Stories that have embedded events (title, source, url for the table's links). */
static const char stories_sql[] =
    "SELECT story_id, date, title, source, url FROM stories WHERE story_id IN\n"
    "  (SELECT story_id FROM events ORDER BY date DESC, event_id LIMIT %d)";

static const char summary_sql[] =
    "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM stories WHERE status = 'coded'),\n"
    "  (SELECT count(*) FROM stories WHERE status = 'no_events'), (SELECT count(*) FROM stories WHERE status = 'rejected'),\n"
    "  (SELECT count(*) FROM sentences), (SELECT count(*) FROM events), (SELECT count(*) FROM unique_events),\n"
    "  (SELECT min(date) FROM events), (SELECT max(date) FROM events),\n"
    "  (SELECT count(*) FROM events WHERE location_lat IS NOT NULL), (SELECT count(*) FROM top_actors)";

/* Every dyad (either direction) with its events by QuadClass: the whole store, not only what is embedded.
   Actors of unknown country ("---GOV") are left out: "some government" is no side of a dyad. */
static const char dyads_sql[] =
    "SELECT min(source, target), max(source, target), count(*), sum(quad_class = 1), sum(quad_class = 2),\n"
    "  sum(quad_class = 3), sum(quad_class = 4), avg(goldstein)\n"
    "FROM events WHERE source NOT LIKE '---%' AND target NOT LIKE '---%' AND source <> target\n"
    "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 200";

static void json_text(strbuf *b, const char *s)
{
    if (!s) { sb_adds(b, "null"); return; }
    sb_addc(b, '"');
    sb_add_json(b, s, strlen(s));
    sb_addc(b, '"');
}

/* One SQLite value as JSON. Floats with six significant digits: coordinates to about a metre. */
static void json_column(strbuf *b, sqlite3_stmt *q, int i)
{
    switch (sqlite3_column_type(q, i)) {
    case SQLITE_NULL: sb_adds(b, "null"); break;
    case SQLITE_INTEGER: sb_addf(b, "%lld", (long long)sqlite3_column_int64(q, i)); break;
    case SQLITE_FLOAT: sb_addf(b, "%.7g", sqlite3_column_double(q, i)); break;
    default: json_text(b, (const char *)sqlite3_column_text(q, i)); break;
    }
}

/* The rows of a query as a JSON array of arrays; -1 on an SQL error. */
static int json_rows(strbuf *b, sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        return -1;
    }
    sb_addc(b, '[');
    int rc, n = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sb_adds(b, n++ ? ",\n[" : "[");
        for (int i = 0; i < sqlite3_column_count(q); i++) {
            if (i) sb_addc(b, ',');
            json_column(b, q, i);
        }
        sb_addc(b, ']');
    }
    sb_addc(b, ']');
    if (rc != SQLITE_DONE) snprintf(err, errlen, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The CAMEO names the page shows: the twenty roots and every code that occurs. */
static int json_codes(strbuf *b, sqlite3 *db, char *err, size_t errlen)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT DISTINCT code FROM events ORDER BY code", -1, &q, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        return -1;
    }
    sb_addc(b, '{');
    int n = 0;
    for (int root = 1; root <= 20; root++) {   /* the roots, whether or not they occur */
        char code[3] = {(char)('0' + root / 10), (char)('0' + root % 10), 0};
        const cameo_info *ci = cameo_lookup(code);
        if (!ci) continue;
        sb_adds(b, n++ ? "," : "");
        json_text(b, code);
        sb_addc(b, ':');
        json_text(b, ci->name);
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(q, 0);
        const cameo_info *ci = code ? cameo_lookup(code) : NULL;
        if (!ci || strlen(code) <= 2) continue;
        sb_adds(b, n++ ? "," : "");
        json_text(b, code);
        sb_addc(b, ':');
        json_text(b, ci->name);
    }
    sb_addc(b, '}');
    sqlite3_finalize(q);
    return 0;
}

/* The data object the page reads: {"name", "generated", "limit", "summary", "actors", "dyads", "codes",
   "events", "stories"}; the column order of each array is the SELECT's (the page's JS names them). */
static int build_data(strbuf *b, sqlite3 *db, const char *name, char *err, size_t errlen)
{
    char sql[1024], when[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    sb_adds(b, "{\"name\":");
    json_text(b, name);
    sb_adds(b, ",\"generated\":");
    json_text(b, when);
    sb_addf(b, ",\"limit\":%d,\n\"summary\":", REPORT_MAX_EVENTS);
    if (json_rows(b, db, summary_sql, err, errlen) != 0) return -1;
    sb_adds(b, ",\n\"actors\":");
    if (json_rows(b, db, "SELECT actor, events FROM top_actors LIMIT 20", err, errlen) != 0) return -1;
    sb_adds(b, ",\n\"dyads\":");
    if (json_rows(b, db, dyads_sql, err, errlen) != 0) return -1;
    sb_adds(b, ",\n\"codes\":");
    if (json_codes(b, db, err, errlen) != 0) return -1;
    sb_adds(b, ",\n\"events\":");
    snprintf(sql, sizeof sql, events_sql, REPORT_MAX_EVENTS);
    if (json_rows(b, db, sql, err, errlen) != 0) return -1;
    sb_adds(b, ",\n\"stories\":");
    snprintf(sql, sizeof sql, stories_sql, REPORT_MAX_EVENTS);
    if (json_rows(b, db, sql, err, errlen) != 0) return -1;
    sb_adds(b, "}");
    return 0;
}

/* Write JSON inside <script>: "<" becomes \u003c, so no "</script>" or "<!--" in a sentence can end it. */
static void put_script_json(FILE *out, const strbuf *b)
{
    size_t run = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->s[i] != '<') continue;
        fwrite(b->s + run, 1, i - run, out);
        fputs("\\u003c", out);
        run = i + 1;
    }
    fwrite(b->s + run, 1, b->len - run, out);
}

int report_write(store *st, const char *name, FILE *out, char *err, size_t errlen)
{
    strbuf data;
    sb_init(&data);
    const char *base = strrchr(name, '/');
    if (build_data(&data, store_sqlite(st), base ? base + 1 : name, err, errlen) != 0) {
        sb_free(&data);
        return -1;
    }
    fputs(report_page_head, out);
    fputs("<script type=\"application/json\" id=\"data\">", out);
    put_script_json(out, &data);
    fputs("</script>\n<svg id=\"world-shape\" width=\"0\" height=\"0\" style=\"position:absolute\"><defs>"
          "<path id=\"land\" d=\"", out);
    fputs(world_outline_path, out);
    fputs("\"/></defs></svg>\n", out);
    fputs(report_page_tail, out);
    sb_free(&data);
    if (ferror(out)) { snprintf(err, errlen, "writing the report failed"); return -1; }
    return 0;
}

/* test_store.c — unit tests for the event store: rows written, replaced, rejected, searched and summarised. */
#include "check.h"
#include "store/store.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/dyad-test-store-XXXXXX";
static char path[256];

/* Story 1: two sentences, three events (one with a code the CAMEO table does not know). */
static char text1[] = "Russia attacked Ukraine near Kharkiv. Poland met Ukraine in Warsaw.";
static char id1[] = "wire-1", title1[] = "Border clash", source1[] = "Test Wire", url1[] = "https://example.org/1";
static char file1[] = "in.jsonl";
/* Story 2: one sentence, no events. */
static char text2[] = "Heavy snow closed the mountain passes.";
static char id2[] = "wire-2";

static story make_story(char *id, char *text, ymd date)
{
    return (story){.id = id, .text = text, .len = strlen(text), .date = date, .file = file1, .line = 1};
}

static event make_event(const story *st, int sentence, span sent, const char *src, const char *tgt, const char *code)
{
    event e;
    memset(&e, 0, sizeof e);
    e.story = st;
    e.sentence = sentence;
    e.sent = sent;
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.target, sizeof e.target, "%s", tgt);
    snprintf(e.code, sizeof e.code, "%s", code);
    return e;
}

/* ---- reading back with the sqlite3 API ---- */

static sqlite3 *db;

static void db_open(void) { CHECK_INT(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK); }
static void db_close(void) { sqlite3_close(db); db = NULL; }

/* The first column of the first row as an integer; -1 when there is no row, -2 when it is NULL. */
static long long q_int(const char *sql)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        printf("ERROR %s: %s\n", sql, sqlite3_errmsg(db));
        return -3;
    }
    long long v = -1;
    if (sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_type(q, 0) == SQLITE_NULL ? -2 : sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* The first row's columns joined with '|' ("NULL" for NULL); "(no row)" when there is none. */
static const char *q_row(const char *sql)
{
    static char out[1024];
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        snprintf(out, sizeof out, "ERROR %s", sqlite3_errmsg(db));
        return out;
    }
    snprintf(out, sizeof out, "(no row)");
    if (sqlite3_step(q) == SQLITE_ROW) {
        size_t n = 0;
        out[0] = 0;
        for (int i = 0; i < sqlite3_column_count(q); i++) {
            const char *v = (const char *)sqlite3_column_text(q, i);
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "", v ? v : "NULL");
            if (n >= sizeof out) break;
        }
    }
    sqlite3_finalize(q);
    return out;
}

/* ---- tests ---- */

static store *open_store(void)
{
    char err[256] = "";
    store *st = store_open(path, err, sizeof err);
    if (!st) printf("ERROR store_open: %s\n", err);
    CHECK(st != NULL);
    return st;
}

/* Put story 1 (coded) and story 2 (no events) in one transaction. */
static void put_two(store *st)
{
    static story s1, s2;
    s1 = make_story(id1, text1, 20240210);
    s1.title = title1;
    s1.source = source1;
    s1.url = url1;
    s2 = make_story(id2, text2, 20240311);
    s2.line = 2;
    span sents1[] = {{0, 37}, {38, 67}};
    event ev[3];
    ev[0] = make_event(&s1, 1, sents1[0], "RUS", "UKR", "190");
    ev[0].source_span = (span){0, 6};
    ev[0].target_span = (span){16, 23};
    ev[0].pattern = "ATTACKED";
    ev[0].pattern_where = "mini.verbs";
    ev[0].pattern_line = 1;   /* stored as "file:line", as the JSONL writes it */
    static const place kharkiv = {.name = "Kharkiv", .country = "UKR", .admin1 = "Kharkiv Oblast", .lat = 49.99,
                                  .lon = 36.23, .precision = PLACE_CITY};
    ev[0].location = &kharkiv;
    ev[0].location_span = (span){29, 36};
    ev[0].date_precision = DATE_DAY;
    ev[0].date_span = (span){0, 0};
    ev[1] = make_event(&s1, 2, sents1[1], "POL", "UKR", "036");
    ev[1].source_span = (span){38, 44};
    ev[1].date = 20240301;   /* an event dated apart from its story */
    ev[1].issues = "RUMOR";
    ev[2] = make_event(&s1, 2, sents1[1], "POL", "---", "999");   /* no such CAMEO code */
    span sents2[] = {{0, (uint32_t)strlen(text2)}};
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &s1, "coded", NULL, 2, sents1, ev, 3), 0);
    CHECK_INT(store_put_story(st, &s2, "no_events", NULL, 1, sents2, NULL, 0), 0);
    CHECK_INT(store_commit(st), 0);
}

static void test_schema(void)
{
    store *st = open_store();
    store_close(st);
    db_open();
    CHECK_STR(q_row("SELECT value FROM meta WHERE key = 'schema_version'"), "2");
    CHECK_STR(q_row("PRAGMA journal_mode"), "wal");
    CHECK_INT(q_int("SELECT count(*) FROM sqlite_master WHERE name IN ('stories', 'sentences', 'sentences_fts', "
                    "'events', 'dyad_monthly', 'top_actors', 'events_dyad', 'events_date', 'events_code', "
                    "'unique_events', 'event_mentions')"), 11);
    /* the events columns are the JSONL field names (less text, which is in sentences) */
    const char *want[] = {"story_id", "sentence", "date", "source", "target", "code", "root", "quad_class", "goldstein",
                          "plover", "source_text", "target_text", "pattern", "pattern_where", "issues",
                          "date_precision", "date_text", "location_text", "location_name", "location_country",
                          "location_admin1", "location_lat", "location_lon", "location_precision"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('events') WHERE name = '%s'", want[i]);
        CHECK_INT(q_int(sql), 1);
    }
    db_close();
}

static void test_put(void)
{
    store *st = open_store();
    put_two(st);
    CHECK(store_has_story(st, id1));
    CHECK(store_has_story(st, id2));
    CHECK(!store_has_story(st, "wire-404"));
    CHECK(!store_has_story(st, NULL));
    store_close(st);

    db_open();
    CHECK_INT(q_int("SELECT count(*) FROM stories"), 2);
    CHECK_INT(q_int("SELECT count(*) FROM sentences"), 3);
    CHECK_INT(q_int("SELECT count(*) FROM events"), 3);
    CHECK_STR(q_row("SELECT story_id, date, title, source, url, file, line, status, reason, sentences, events "
                    "FROM stories WHERE story_id = 'wire-1'"),
              "wire-1|2024-02-10|Border clash|Test Wire|https://example.org/1|in.jsonl|1|coded|NULL|2|3");
    CHECK_STR(q_row("SELECT status, reason, sentences, events, title FROM stories WHERE story_id = 'wire-2'"),
              "no_events|NULL|1|0|NULL");
    CHECK_INT(q_int("SELECT count(*) FROM stories WHERE coded_at GLOB '20[0-9][0-9]-[01][0-9]-[0-3][0-9]T*Z'"), 2);
    CHECK_STR(q_row("SELECT text FROM sentences WHERE story_id = 'wire-1' AND sentence = 2"),
              "Poland met Ukraine in Warsaw.");
    CHECK_STR(q_row("SELECT story_id, sentence, date, source, target, code, root, quad_class, plover, source_text, "
                    "target_text, pattern, pattern_where, issues FROM events WHERE code = '190'"),
              "wire-1|1|2024-02-10|RUS|UKR|190|19|4|ASSAULT|Russia|Ukraine|ATTACKED|mini.verbs:1|NULL");
    /* goldstein is the CAMEO table's value, stored as a number */
    const cameo_info *ci = cameo_lookup("190");
    CHECK(ci != NULL);
    sqlite3_stmt *q;
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT goldstein, typeof(goldstein) FROM events WHERE code = '190'", -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK(ci && fabs(sqlite3_column_double(q, 0) - ci->goldstein) < 1e-9);
    CHECK_STR((const char *)sqlite3_column_text(q, 1), "real");
    sqlite3_finalize(q);
    CHECK_STR(q_row("SELECT date_precision, date_text, location_text, location_name, location_country, "
                    "location_admin1, printf('%.2f %.2f', location_lat, location_lon), location_precision "
                    "FROM events WHERE code = '190'"),
              "day|NULL|Kharkiv|Kharkiv|UKR|Kharkiv Oblast|49.99 36.23|city");
    CHECK_STR(q_row("SELECT date_precision, location_name, location_lat FROM events WHERE code = '036'"),
              "story|NULL|NULL");
    /* the event's own date wins over the story's; a missing target span is NULL */
    CHECK_STR(q_row("SELECT date, source_text, target_text, issues, root FROM events WHERE code = '036'"),
              "2024-03-01|Poland|NULL|RUMOR|03");
    /* an unknown code: no root, QuadClass, Goldstein or PLOVER invented */
    CHECK_STR(q_row("SELECT source, target, root, quad_class, goldstein, plover FROM events WHERE code = '999'"),
              "POL|---|NULL|NULL|NULL|NULL");
    db_close();
}

static void test_replace(void)
{
    /* The same story id again, now with one sentence and one event: the old rows go. */
    store *st = open_store();
    story s1 = make_story(id1, text1, 20240210);
    span sents[] = {{0, 37}};
    event ev = make_event(&s1, 1, sents[0], "RUS", "UKR", "190");
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &s1, "coded", NULL, 1, sents, &ev, 1), 0);
    CHECK_INT(store_put_story(st, &s1, "coded", NULL, 1, sents, &ev, 1), 0);   /* twice in one batch */
    CHECK_INT(store_commit(st), 0);
    store_close(st);
    db_open();
    CHECK_INT(q_int("SELECT count(*) FROM stories"), 2);
    CHECK_INT(q_int("SELECT count(*) FROM stories WHERE story_id = 'wire-1'"), 1);
    CHECK_INT(q_int("SELECT count(*) FROM events WHERE story_id = 'wire-1'"), 1);
    CHECK_INT(q_int("SELECT count(*) FROM sentences WHERE story_id = 'wire-1'"), 1);
    CHECK_STR(q_row("SELECT sentences, events, title FROM stories WHERE story_id = 'wire-1'"), "1|1|NULL");
    /* the full-text index followed: the dropped sentence is no longer found */
    CHECK_INT(q_int("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'warsaw'"), 0);
    CHECK_INT(q_int("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'kharkiv'"), 1);
    db_close();
}

static void test_rejected(void)
{
    store *st = open_store();
    static char id[] = "wire-9";
    story s = {.id = id, .file = file1, .line = 9};   /* rejected before it had a date or text */
    story anon = {.file = file1, .line = 10};
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &s, "rejected", "no \"text\" field", 0, NULL, NULL, 0), 0);
    CHECK_INT(store_put_story(st, &anon, "rejected", "not valid JSON", 0, NULL, NULL, 0), -1);
    CHECK(strstr(store_error(st), "without an id") != NULL);
    CHECK_INT(store_commit(st), 0);
    CHECK(!store_has_story(st, id));   /* --resume tries a rejected story again */
    store_close(st);
    db_open();
    CHECK_STR(q_row("SELECT status, reason, date, line, sentences, events FROM stories WHERE story_id = 'wire-9'"),
              "rejected|no \"text\" field|NULL|9|0|0");
    CHECK_INT(q_int("SELECT count(*) FROM stories WHERE status = 'rejected'"), 1);
    db_close();
}

static void test_fts(void)
{
    db_open();
    CHECK_STR(q_row("SELECT s.story_id, s.sentence FROM sentences_fts f JOIN sentences s ON s.sentence_id = f.rowid "
                    "WHERE sentences_fts MATCH 'snow'"),
              "wire-2|1");
    CHECK_INT(q_int("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'ukraine'"), 1);
    CHECK_INT(q_int("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'zanzibar'"), 0);
    db_close();
}

static void test_views(void)
{
    /* Fresh events: RUS→UKR twice in February (190, 190), UKR→RUS once in March (036). */
    store *st = open_store();
    static char id[] = "wire-5", text[] = "Russia attacked Ukraine. Russia attacked Ukraine again.";
    story s = make_story(id, text, 20240215);
    span sents[] = {{0, 24}, {25, 55}};
    event ev[3] = {make_event(&s, 1, sents[0], "RUS", "UKR", "190"), make_event(&s, 2, sents[1], "RUS", "UKR", "190"),
                   make_event(&s, 2, sents[1], "UKR", "RUS", "036")};
    ev[2].date = 20240302;
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &s, "coded", NULL, 2, sents, ev, 3), 0);
    CHECK_INT(store_commit(st), 0);
    store_close(st);
    db_open();
    /* with wire-1's remaining RUS→UKR 190 of 2024-02-10 that makes three */
    CHECK_STR(q_row("SELECT events, quad_class, mean_goldstein = (SELECT goldstein FROM events WHERE code = '190' "
                    "LIMIT 1) FROM dyad_monthly WHERE source = 'RUS' AND target = 'UKR' AND month = '2024-02'"),
              "3|4|1");
    CHECK_STR(q_row("SELECT events, quad_class FROM dyad_monthly WHERE source = 'UKR' AND month = '2024-03'"), "1|1");
    CHECK_INT(q_int("SELECT count(*) FROM dyad_monthly"), 2);
    CHECK_STR(q_row("SELECT actor, events FROM top_actors"), "RUS|4");
    CHECK_STR(q_row("SELECT group_concat(actor || '=' || events, ' ') FROM top_actors"), "RUS=4 UKR=4");
    CHECK_INT(q_int("SELECT count(*) FROM top_actors WHERE actor = '---'"), 0);
    db_close();
}

static void test_uncommitted(void)
{
    /* A batch that was never committed is gone after close: an interrupted run keeps whole batches. */
    store *st = open_store();
    static char id[] = "wire-lost", text[] = "Nothing was kept.";
    story s = make_story(id, text, 20240101);
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &s, "no_events", NULL, 0, NULL, NULL, 0), 0);
    CHECK(store_has_story(st, id));   /* visible inside its own transaction */
    store_close(st);
    st = open_store();
    CHECK(!store_has_story(st, id));
    store_close(st);
}

/* ---- cross-story dedup ---- */

static char dd_text[] = "Russia attacked Ukraine.";
static char dd_ids[6][8] = {"dd-1", "dd-2", "dd-3", "dd-4", "dd-5", "dd-6"};
static char dd_src_a[] = "Wire A", dd_src_b[] = "Wire B";

/* Six stories: RUS→UKR 190 on 03-01 (Wire A), 03-01 (Wire B), 03-02 (Wire A, twice in the story),
   03-03 (no source), 03-05 (Wire B); and UKR→RUS 190 on 03-01 (Wire B): the other direction. */
static void put_dedup_set(store *st)
{
    static story s[6];
    static const ymd dates[6] = {20240301, 20240301, 20240302, 20240303, 20240305, 20240301};
    char *sources[6] = {dd_src_a, dd_src_b, dd_src_a, NULL, dd_src_b, dd_src_b};
    span sent = {0, (uint32_t)strlen(dd_text)};
    CHECK_INT(store_begin(st), 0);
    for (int i = 0; i < 6; i++) {
        s[i] = make_story(dd_ids[i], dd_text, dates[i]);
        s[i].source = sources[i];
        event ev[2] = {make_event(&s[i], 1, sent, i == 5 ? "UKR" : "RUS", i == 5 ? "RUS" : "UKR", "190"),
                       make_event(&s[i], 1, sent, "RUS", "UKR", "190")};
        CHECK_INT(store_put_story(st, &s[i], "coded", NULL, 1, &sent, ev, i == 2 ? 2 : 1), 0);
    }
    CHECK_INT(store_commit(st), 0);
}

static void test_dedup(void)
{
    /* a fresh file: only the dedup set */
    char p2[300];
    snprintf(p2, sizeof p2, "%s/dedup.sqlite", dir);
    char err[256];
    store *st = store_open(p2, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return;
    put_dedup_set(st);
    /* window 1: 03-01, 03-01, 03-02 x2 are one event (first day 03-01, last 03-02); 03-03 is two days after
       the first day: a new event, which 03-05 does not join (two days after 03-03) */
    CHECK_INT(store_dedup(st, 1), 4);
    CHECK_INT(store_dedup(st, 0), 5);   /* the same day only: 03-01 | 03-02 | 03-03 | 03-05 | UKR>RUS */
    CHECK_INT(store_dedup(st, 2), 3);   /* 03-01..03-03 | 03-05 | UKR>RUS */
    CHECK_INT(store_dedup(st, 1), 4);
    store_close(st);

    CHECK_INT(sqlite3_open_v2(p2, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_STR(q_row("SELECT group_concat(source || '>' || target || ':' || mentions || '/' || sources || '/' || articles "
                    "|| '@' || substr(date, 9) || '-' || substr(last_date, 9), ' ') FROM "
                    "(SELECT * FROM unique_events ORDER BY unique_id)"),
              "RUS>UKR:4/2/3@01-02 RUS>UKR:1/0/1@03-03 RUS>UKR:1/1/1@05-05 UKR>RUS:1/1/1@01-01");
    /* every mention is linked, to the event of its own dyad and days */
    CHECK_INT(q_int("SELECT count(*) FROM event_mentions"), 7);
    CHECK_INT(q_int("SELECT count(*) FROM events e LEFT JOIN event_mentions m USING (event_id) WHERE m.unique_id IS NULL"), 0);
    CHECK_STR(q_row("SELECT group_concat(story_id, ',') FROM (SELECT e.story_id FROM event_mentions m JOIN events e "
                    "USING (event_id) WHERE m.unique_id = 1 ORDER BY e.event_id)"),
              "dd-1,dd-2,dd-3,dd-3");
    CHECK_INT(q_int("SELECT first_event_id = (SELECT min(event_id) FROM events) FROM unique_events WHERE unique_id = 1"), 1);
    CHECK_STR(q_row("SELECT root, quad_class, plover FROM unique_events WHERE unique_id = 1"), "19|4|ASSAULT");
    CHECK_STR(q_row("SELECT value FROM meta WHERE key = 'dedup_window'"), "1");
    db_close();

    /* a replaced story unlinks its old mentions; store_dedup_ensure notices and rebuilds */
    st = store_open(p2, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return;
    static story again;
    again = make_story(dd_ids[1], dd_text, 20240301);
    span sent = {0, (uint32_t)strlen(dd_text)};
    event ev[3] = {make_event(&again, 1, sent, "RUS", "UKR", "190"), make_event(&again, 1, sent, "RUS", "UKR", "190"),
                   make_event(&again, 1, sent, "RUS", "UKR", "190")};
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &again, "coded", NULL, 1, &sent, ev, 3), 0);
    CHECK_INT(store_commit(st), 0);
    CHECK_INT(store_dedup_ensure(st), 0);
    store_close(st);
    CHECK_INT(sqlite3_open_v2(p2, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_STR(q_row("SELECT mentions || '/' || sources || '/' || articles FROM unique_events WHERE unique_id = 1"), "6/1/3");
    CHECK_INT(q_int("SELECT count(*) FROM event_mentions"), 9);
    db_close();
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[320];
        snprintf(p, sizeof p, "%s%s", p2, suffix[i]);
        unlink(p);
    }
}

/* ---- reading back ---- */

typedef struct {
    int n;
    char first[512];
    long mentions;
    const char *urls_seen;
} walk;

static int collect(void *ctx, const event *e, const store_row *r)
{
    walk *w = ctx;
    w->n++;
    {   /* the last row's fields (rows come in event_id order) */
        char d[11];
        date_format(e->date, d);
        size_t sl = e->sent.end - e->sent.start, tl = e->source_span.end - e->source_span.start;
        snprintf(w->first, sizeof w->first, "%s|%d|%s|%s|%s|%s|%.*s|%.*s|%s|%s|%s|%.2f|%d", e->story->id, e->sentence,
                 d, e->source, e->target, e->code, (int)sl, e->story->text + e->sent.start, (int)tl,
                 e->story->text + e->source_span.start, e->pattern_where ? e->pattern_where : "NULL",
                 e->story->title ? e->story->title : "NULL", e->location ? e->location->name : "NULL",
                 e->location ? e->location->lat : 0.0, e->date_precision);
        w->mentions = r->mentions;
    }
    return 0;
}

static void test_read_back(void)
{
    /* the main file: wire-1 (replaced: one RUS→UKR 190), wire-5 (three events), wire-9 rejected */
    store *st = open_store();
    if (!st) return;
    /* one more story whose event has everything: spans, pattern, place, date precision */
    static char id[] = "wire-7", text[] = "GENEVA - Poland met Ukraine in Geneva on Monday.", title[] = "Talks";
    static story s;
    s = make_story(id, text, 20240220);
    s.title = title;
    static const place geneva = {.name = "Geneva", .country = "CHE", .admin1 = "Geneva", .lat = 46.20222,
                                 .lon = 6.14569, .precision = PLACE_CITY};
    span sent = {9, 48};
    event e = make_event(&s, 1, sent, "POL", "UKR", "036");
    e.source_span = (span){9, 15};
    e.target_span = (span){20, 27};
    e.pattern = "MET_";
    e.pattern_where = "mini.verbs";
    e.pattern_line = 4;
    e.location = &geneva;
    e.location_span = (span){31, 37};
    e.date = 20240219;
    e.date_precision = DATE_DAY;
    e.date_span = (span){38, 47};
    CHECK_INT(store_begin(st), 0);
    CHECK_INT(store_put_story(st, &s, "coded", NULL, 1, &sent, &e, 1), 0);
    CHECK_INT(store_commit(st), 0);
    CHECK_INT(store_dedup(st, 1), 4);
    walk w = {0};
    CHECK_INT(store_each_event(st, false, collect, &w), 0);
    CHECK_INT(w.n, 5);
    CHECK_STR(w.first, "wire-7|1|2024-02-19|POL|UKR|036|Poland met Ukraine in Geneva on Monday.|Poland|mini.verbs:4|Talks|"
                       "Geneva|46.20|1");
    CHECK_INT(w.mentions, 1);
    store_close(st);
    db_open();
    CHECK_STR(q_row("SELECT name, country, printf('%.2f', lat), events FROM top_places"), "Geneva|CHE|46.20|1");
    CHECK_STR(q_row("SELECT group_concat(story_id) FROM events WHERE location_lat BETWEEN 46 AND 46.5 "
                    "AND location_lon BETWEEN 6 AND 6.5"), "wire-7");
    db_close();
    st = open_store();
    if (!st) return;
    walk u = {0};
    CHECK_INT(store_each_event(st, true, collect, &u), 0);
    /* RUS→UKR 190 of 02-10 and 02-15 are five days apart: two events; UKR→RUS; POL→UKR */
    CHECK_INT(u.n, 4);
    store_close(st);
}

static void test_migrate(void)
{
    /* A version-1 store (events without the date and place columns) is upgraded, its rows kept. */
    char p1[300];
    snprintf(p1, sizeof p1, "%s/v1.sqlite", dir);
    CHECK_INT(sqlite3_open(p1, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
                               "INSERT INTO meta VALUES ('schema_version', '1');"
                               "CREATE TABLE stories(story_id TEXT PRIMARY KEY, date TEXT, title TEXT, source TEXT, "
                               "url TEXT, file TEXT, line INTEGER, status TEXT NOT NULL, reason TEXT, sentences INTEGER, "
                               "events INTEGER, coded_at TEXT);"
                               "CREATE TABLE events(event_id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES "
                               "stories ON DELETE CASCADE, sentence INTEGER, date TEXT, source TEXT, target TEXT, code TEXT, "
                               "root TEXT, quad_class INTEGER, goldstein REAL, plover TEXT, source_text TEXT, "
                               "target_text TEXT, pattern TEXT, pattern_where TEXT, issues TEXT);"
                               "INSERT INTO stories(story_id, status) VALUES ('old-1', 'coded');"
                               "INSERT INTO events(story_id, source, target, code) VALUES ('old-1', 'RUS', 'UKR', '190');",
                           NULL, NULL, NULL), SQLITE_OK);
    db_close();
    char err[256] = "";
    store *st = store_open(p1, err, sizeof err);
    if (!st) printf("ERROR migrate: %s\n", err);
    CHECK(st != NULL);
    store_close(st);
    CHECK_INT(sqlite3_open_v2(p1, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_STR(q_row("SELECT value FROM meta WHERE key = 'schema_version'"), "2");
    CHECK_STR(q_row("SELECT source, target, code, location_lat, date_precision FROM events"), "RUS|UKR|190|NULL|NULL");
    CHECK_INT(q_int("SELECT count(*) FROM sqlite_master WHERE name IN ('unique_events', 'event_mentions', 'sentences_fts')"), 3);
    db_close();
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[320];
        snprintf(p, sizeof p, "%s%s", p1, suffix[i]);
        unlink(p);
    }
}

static void test_refuse(void)
{
    char err[256] = "";
    /* a file that is not a database */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/not.sqlite", dir);
    FILE *f = fopen(bad, "w");
    CHECK(f != NULL);
    if (f) { fputs("this is not a database, just some text that is long enough to have a header\n", f); fclose(f); }
    CHECK(store_open(bad, err, sizeof err) == NULL);
    CHECK(strstr(err, "not a database") != NULL);
    unlink(bad);
    /* a store of another schema version */
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", NULL, NULL, NULL), SQLITE_OK);
    db_close();
    err[0] = 0;
    CHECK(store_open(path, err, sizeof err) == NULL);
    CHECK(strstr(err, "schema version 99") != NULL);
    store_close(NULL);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    snprintf(path, sizeof path, "%s/events.sqlite", dir);
    RUN(test_schema);
    RUN(test_put);
    RUN(test_replace);
    RUN(test_rejected);
    RUN(test_fts);
    RUN(test_views);
    RUN(test_uncommitted);
    RUN(test_read_back);
    RUN(test_dedup);
    RUN(test_migrate);
    RUN(test_refuse);
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
    return check_done();
}

/* store.c — the embedded event store: stories, sentences and events in one SQLite file (`dyad code --db`). */
#include "store/store.h"
#include "store/store_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns added in schema version 2 (the event's date precision and expression, and its place); a
   version-1 store gets them by ALTER TABLE, so its rows stay. */
#define EVENT_COLUMNS_V2                                                                                  \
    "  date_precision TEXT, date_text TEXT, location_text TEXT, location_name TEXT, location_country TEXT,\n" \
    "  location_admin1 TEXT, location_lat REAL, location_lon REAL, location_precision TEXT"
static const char *const v2_columns[] = {"date_precision TEXT", "date_text TEXT", "location_text TEXT",
                                         "location_name TEXT", "location_country TEXT", "location_admin1 TEXT",
                                         "location_lat REAL", "location_lon REAL", "location_precision TEXT"};

/* Debian's SQLite (3.40) is built with FTS5 (ENABLE_FTS5), so the sentences are full-text indexed.
   sentences has its own INTEGER PRIMARY KEY because an external-content FTS index refers to rows by
   rowid, and VACUUM may renumber the implicit rowid of a table that has none. */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE IF NOT EXISTS stories(\n"
    "  story_id TEXT PRIMARY KEY, date TEXT, title TEXT, source TEXT, url TEXT, file TEXT, line INTEGER,\n"
    "  status TEXT NOT NULL CHECK (status IN ('coded', 'no_events', 'rejected')), reason TEXT,\n"
    "  sentences INTEGER, events INTEGER, coded_at TEXT);\n"
    "CREATE TABLE IF NOT EXISTS sentences(\n"
    "  sentence_id INTEGER PRIMARY KEY,\n"
    "  story_id TEXT NOT NULL REFERENCES stories ON DELETE CASCADE, sentence INTEGER NOT NULL, text TEXT,\n"
    "  UNIQUE(story_id, sentence));\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(text, content='sentences', content_rowid='sentence_id');\n"
    "CREATE TRIGGER IF NOT EXISTS sentences_fts_insert AFTER INSERT ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(rowid, text) VALUES (new.sentence_id, new.text);\n"
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS sentences_fts_delete AFTER DELETE ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.sentence_id, old.text);\n"
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS sentences_fts_update AFTER UPDATE ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.sentence_id, old.text);\n"
    "  INSERT INTO sentences_fts(rowid, text) VALUES (new.sentence_id, new.text);\n"
    "END;\n"
    "CREATE TABLE IF NOT EXISTS events(\n"
    "  event_id INTEGER PRIMARY KEY,\n"
    "  story_id TEXT NOT NULL REFERENCES stories ON DELETE CASCADE, sentence INTEGER, date TEXT,\n"
    "  source TEXT, target TEXT, code TEXT, root TEXT, quad_class INTEGER, goldstein REAL, plover TEXT,\n"
    "  source_text TEXT, target_text TEXT, pattern TEXT, pattern_where TEXT, issues TEXT,\n"
    EVENT_COLUMNS_V2 ");\n"
    "CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, date);\n"
    "CREATE INDEX IF NOT EXISTS events_date ON events(date);\n"
    "CREATE INDEX IF NOT EXISTS events_code ON events(code);\n"
    /* for the cascade when a story is replaced, and for joins from stories */
    "CREATE INDEX IF NOT EXISTS events_story ON events(story_id, sentence);\n"
    /* Events per directed dyad, month and QuadClass, with their mean Goldstein weight. */
    "CREATE VIEW IF NOT EXISTS dyad_monthly(source, target, month, quad_class, events, mean_goldstein) AS\n"
    "  SELECT source, target, substr(date, 1, 7), quad_class, count(*), avg(goldstein)\n"
    "  FROM events GROUP BY source, target, substr(date, 1, 7), quad_class;\n"
    /* Events that name an actor as source or target (once when it is both); '---' (no actor) left out. */
    "CREATE VIEW IF NOT EXISTS top_actors(actor, events) AS\n"
    "  SELECT actor, count(*) FROM (\n"
    "    SELECT source AS actor FROM events WHERE source <> '---'\n"
    "    UNION ALL SELECT target FROM events WHERE target <> '---' AND target IS NOT source)\n"
    "  GROUP BY actor ORDER BY count(*) DESC, actor;\n"
    /* Cross-story dedup (store_dedup): one row per event however many stories report it, and the link
       from every mention (a row of events) to it. Rebuilt as a whole, so they hold no state of their own. */
    "CREATE TABLE IF NOT EXISTS unique_events(\n"
    "  unique_id INTEGER PRIMARY KEY, source TEXT, target TEXT, code TEXT, root TEXT, quad_class INTEGER,\n"
    "  goldstein REAL, plover TEXT, date TEXT, last_date TEXT, mentions INTEGER, sources INTEGER,\n"
    "  articles INTEGER, first_event_id INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS event_mentions(\n"
    "  event_id INTEGER PRIMARY KEY REFERENCES events ON DELETE CASCADE, unique_id INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS event_mentions_unique ON event_mentions(unique_id);\n"
    "CREATE INDEX IF NOT EXISTS unique_events_dyad ON unique_events(source, target, date);\n"
    /* Events per place, most first: where things happen (and, with a bounding box on location_lat and
       location_lon, what happened near a place). */
    "CREATE VIEW IF NOT EXISTS top_places(name, country, lat, lon, events, mean_goldstein) AS\n"
    "  SELECT location_name, location_country, location_lat, location_lon, count(*), avg(goldstein)\n"
    "  FROM events WHERE location_lat IS NOT NULL\n"
    "  GROUP BY location_name, location_country, location_lat, location_lon ORDER BY count(*) DESC, location_name;\n"
    "CREATE INDEX IF NOT EXISTS events_place ON events(location_lat, location_lon);\n";



enum { S_BEGIN, S_COMMIT, S_SAVE, S_RELEASE, S_UNDO, S_DEL, S_STORY, S_SENT, S_EVENT, S_HAS, S_COUNT };

static const char *const stmt_sql[S_COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_SAVE] = "SAVEPOINT put_story",
    [S_RELEASE] = "RELEASE put_story",
    [S_UNDO] = "ROLLBACK TO put_story",
    [S_DEL] = "DELETE FROM stories WHERE story_id = ?1",
    [S_STORY] = "INSERT INTO stories(story_id, date, title, source, url, file, line, status, reason, sentences, "
                "events, coded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [S_SENT] = "INSERT INTO sentences(story_id, sentence, text) VALUES (?1, ?2, ?3)",
    [S_EVENT] = "INSERT INTO events(story_id, sentence, date, source, target, code, root, quad_class, goldstein, "
                "plover, source_text, target_text, pattern, pattern_where, issues, date_precision, date_text, "
                "location_text, location_name, location_country, location_admin1, location_lat, location_lon, "
                "location_precision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    [S_HAS] = "SELECT 1 FROM stories WHERE story_id = ?1 AND status IN ('coded', 'no_events')",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[S_COUNT];
    char err[512];
};

static int fail(store *st)
{
    snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
    return -1;
}

int store_fail(store *st) { return fail(st); }

sqlite3 *store_sqlite(store *st) { return st->db; }

int store_exec(store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    snprintf(st->err, sizeof st->err, "%s", msg ? msg : sqlite3_errmsg(st->db));
    sqlite3_free(msg);
    return -1;
}

/* Run a statement that returns no rows (or whose rows do not matter) and make it ready again. */
static int run(store *st, int which)
{
    sqlite3_stmt *q = st->stmt[which];
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {}
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? 0 : fail(st);
}

/* Binders: NULL and "" both mean "none" for optional text, as in the JSONL writer. */
static void bind_opt(sqlite3_stmt *q, int i, const char *s)
{
    if (s && *s) sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, i);
}

/* The text of a span of the story, clamped to the text; NULL for the empty span when null_when_empty. */
static void bind_span(sqlite3_stmt *q, int i, const story *s, span sp, bool null_when_empty)
{
    if ((null_when_empty && sp.start == 0 && sp.end == 0) || !s->text) { sqlite3_bind_null(q, i); return; }
    size_t end = sp.end < s->len ? sp.end : s->len;
    size_t start = sp.start < end ? sp.start : end;
    sqlite3_bind_text(q, i, s->text + start, (int)(end - start), SQLITE_STATIC);
}

static void bind_date(sqlite3_stmt *q, int i, ymd d, char buf[11])
{
    date_format(d, buf);
    bind_opt(q, i, buf);
}

/* The pattern's origin as the JSONL writes it, "file:line" (the line only when known). */
static void bind_where(sqlite3_stmt *q, int i, const event *e, char *buf, size_t n)
{
    if (e->pattern_where && *e->pattern_where && e->pattern_line > 0) {
        int k = snprintf(buf, n, "%s:%d", e->pattern_where, e->pattern_line);
        if (k > 0 && (size_t)k < n) { sqlite3_bind_text(q, i, buf, k, SQLITE_STATIC); return; }
    }
    bind_opt(q, i, e->pattern_where);
}

/* The event's place in seven columns from `i` on (text, name, country, admin1, lat, lon, precision);
   all NULL when the place is unknown. */
static void bind_place(sqlite3_stmt *q, int i, const story *s, const event *e)
{
    const place *p = e->location;
    if (!p) {
        for (int k = 0; k < 7; k++) sqlite3_bind_null(q, i + k);
        return;
    }
    bind_span(q, i, s, e->location_span, true);
    bind_opt(q, i + 1, p->name);
    bind_opt(q, i + 2, p->country);
    bind_opt(q, i + 3, p->admin1);
    sqlite3_bind_double(q, i + 4, p->lat);
    sqlite3_bind_double(q, i + 5, p->lon);
    bind_opt(q, i + 6, place_precision_name(p->precision));
}

/* The schema version already in the file: 0 when the file has no meta table yet, -1 on error. */
static int stored_version(store *st)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", -1,
                           &q, NULL) != SQLITE_OK)
        return fail(st);
    int has = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    if (has <= 0) return has < 0 ? fail(st) : 0;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &q, NULL) != SQLITE_OK)
        return fail(st);
    int v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    return v;
}

static int create_schema(store *st)
{
    int v = stored_version(st);
    if (v < 0) return -1;
    if (v != 0 && v != 1 && v != STORE_SCHEMA_VERSION) {
        snprintf(st->err, sizeof st->err, "the store has schema version %d; this dyad writes version %d", v,
                 STORE_SCHEMA_VERSION);
        return -1;
    }
    char *msg = NULL;
    strbuf sql;
    sb_init(&sql);
    sb_adds(&sql, "BEGIN;\n");
    if (v == 1)   /* version 1 lacks the date and place columns; everything else is created if absent */
        for (size_t i = 0; i < sizeof v2_columns / sizeof *v2_columns; i++)
            sb_addf(&sql, "ALTER TABLE events ADD COLUMN %s;\n", v2_columns[i]);
    sb_adds(&sql, schema_sql);
    sb_addf(&sql, "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '%d');\nCOMMIT;",
            STORE_SCHEMA_VERSION);
    int rc = sqlite3_exec(st->db, sql.s, NULL, NULL, &msg);
    sb_free(&sql);
    if (rc != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "%s", msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        if (!sqlite3_get_autocommit(st->db)) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

store *store_open(const char *path, char *err, size_t errlen)
{
    store *st = xcalloc(1, sizeof *st);
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        if (err && errlen) snprintf(err, errlen, "%s", st->db ? sqlite3_errmsg(st->db) : "out of memory");
        store_close(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, 5000);   /* a reader (the sqlite3 shell) may hold the file for a moment */
    char *msg = NULL;
    int ok = sqlite3_exec(st->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                          NULL, NULL, &msg) == SQLITE_OK;
    if (!ok) {
        snprintf(st->err, sizeof st->err, "%s", msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
    }
    if (ok) ok = create_schema(st) == 0;
    for (int i = 0; ok && i < S_COUNT; i++) {
        if (sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL) != SQLITE_OK) {
            fail(st);
            ok = 0;
        }
    }
    if (!ok) {
        if (err && errlen) snprintf(err, errlen, "%s", st->err);
        store_close(st);
        return NULL;
    }
    return st;
}

int store_begin(store *st) { return run(st, S_BEGIN); }

int store_commit(store *st) { return run(st, S_COMMIT); }

static int put_rows(store *st, const story *s, const char *status, const char *reason, int nsentences,
                    const span *sents, const event *ev, size_t nev)
{
    char date[11], where[320];
    if (run(st, S_DEL) != 0) return -1;

    sqlite3_stmt *q = st->stmt[S_STORY];
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    bind_date(q, 2, s->date, date);
    bind_opt(q, 3, s->title);
    bind_opt(q, 4, s->source);
    bind_opt(q, 5, s->url);
    bind_opt(q, 6, s->file);
    if (s->line > 0) sqlite3_bind_int64(q, 7, s->line);
    else sqlite3_bind_null(q, 7);
    sqlite3_bind_text(q, 8, status, -1, SQLITE_STATIC);
    bind_opt(q, 9, reason);
    sqlite3_bind_int(q, 10, nsentences);
    sqlite3_bind_int64(q, 11, (sqlite3_int64)nev);
    if (run(st, S_STORY) != 0) return -1;

    q = st->stmt[S_SENT];
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    for (int i = 0; sents && i < nsentences; i++) {
        sqlite3_bind_int(q, 2, i + 1);
        bind_span(q, 3, s, sents[i], false);
        if (run(st, S_SENT) != 0) return -1;
    }

    q = st->stmt[S_EVENT];
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    for (size_t i = 0; i < nev; i++) {
        const event *e = &ev[i];
        const cameo_info *ci = cameo_lookup(e->code);
        char root[3];
        cameo_root(e->code, root);
        sqlite3_bind_int(q, 2, e->sentence);
        bind_date(q, 3, e->date ? e->date : s->date, date);
        sqlite3_bind_text(q, 4, e->source, (int)strnlen(e->source, ACTOR_CODE_MAX), SQLITE_STATIC);
        sqlite3_bind_text(q, 5, e->target, (int)strnlen(e->target, ACTOR_CODE_MAX), SQLITE_STATIC);
        sqlite3_bind_text(q, 6, e->code, (int)strnlen(e->code, EVENT_CODE_MAX), SQLITE_STATIC);
        if (ci) {
            bind_opt(q, 7, root);
            sqlite3_bind_int(q, 8, ci->quad_class);
            sqlite3_bind_double(q, 9, ci->goldstein);
            bind_opt(q, 10, ci->plover);
        } else {   /* a code the CAMEO table does not know, not even its root: no values are made up */
            sqlite3_bind_null(q, 7);
            sqlite3_bind_null(q, 8);
            sqlite3_bind_null(q, 9);
            sqlite3_bind_null(q, 10);
        }
        bind_span(q, 11, s, e->source_span, true);
        bind_span(q, 12, s, e->target_span, true);
        bind_opt(q, 13, e->pattern);
        bind_where(q, 14, e, where, sizeof where);
        bind_opt(q, 15, e->issues);
        sqlite3_bind_text(q, 16, date_precision_name(e->date_precision), -1, SQLITE_STATIC);
        bind_span(q, 17, s, e->date_span, true);
        bind_place(q, 18, s, e);
        if (run(st, S_EVENT) != 0) return -1;
    }
    return 0;
}

int store_put_story(store *st, const story *s, const char *status, const char *reason, int nsentences,
                    const span *sents, const event *ev, size_t nev)
{
    if (!s->id || !*s->id) { snprintf(st->err, sizeof st->err, "a story without an id cannot be stored"); return -1; }
    sqlite3_bind_text(st->stmt[S_DEL], 1, s->id, -1, SQLITE_STATIC);
    /* A savepoint makes the story all-or-nothing: a failure keeps the earlier copy, and the batch goes on. */
    if (run(st, S_SAVE) != 0) return -1;
    if (put_rows(st, s, status, reason, nsentences, sents, ev, nev) != 0) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        run(st, S_UNDO);
        run(st, S_RELEASE);
        memcpy(st->err, keep, sizeof keep);
        return -1;
    }
    return run(st, S_RELEASE);
}

bool store_has_story(store *st, const char *id)
{
    if (!id || !*id) return false;
    sqlite3_stmt *q = st->stmt[S_HAS];
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(st);
    return rc == SQLITE_ROW;
}

const char *store_error(const store *st) { return st ? st->err : ""; }

void store_close(store *st)
{
    if (!st) return;
    if (st->db && !sqlite3_get_autocommit(st->db)) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < S_COUNT; i++) sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    free(st);
}

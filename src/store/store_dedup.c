/* store_dedup.c — cross-story dedup: the same event reported by many stories becomes one unique event. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The running cluster while walking events in (source, target, code, date) order. */
typedef struct {
    char *source, *target, *code;
    bool dated;
    int32_t first_day;   /* the cluster's earliest day: the window is measured from it, so it never creeps */
    long id;
} cluster;

static void cluster_free(cluster *c)
{
    free(c->source);
    free(c->target);
    free(c->code);
    memset(c, 0, sizeof *c);
}

static bool same_text(const char *a, const unsigned char *b)
{
    if (!a || !b) return !a && !b;
    return strcmp(a, (const char *)b) == 0;
}

static char *dup_col(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? xstrdup((const char *)t) : NULL;
}

/* Whether the row (source, target, code, date) belongs to cluster c; otherwise c becomes a new one. */
static void place_row(cluster *c, sqlite3_stmt *q, int window)
{
    const unsigned char *d = sqlite3_column_text(q, 4);
    ymd date = d ? date_parse((const char *)d, strlen((const char *)d)) : 0;
    int32_t day = date ? date_to_days(date) : 0;
    bool same = c->id && same_text(c->source, sqlite3_column_text(q, 1)) &&
                same_text(c->target, sqlite3_column_text(q, 2)) && same_text(c->code, sqlite3_column_text(q, 3)) &&
                c->dated == (date != 0) && (!date || day - c->first_day <= window);
    if (same) return;
    long id = c->id + 1;
    cluster_free(c);
    *c = (cluster){.source = dup_col(q, 1), .target = dup_col(q, 2), .code = dup_col(q, 3), .dated = date != 0,
                   .first_day = day, .id = id};
}

/* Link every event to its cluster in event_mentions. */
static int link_mentions(store *st, int window)
{
    sqlite3 *db = store_sqlite(st);
    sqlite3_stmt *q = NULL, *ins = NULL;
    /* undated rows sort first (NULL), and ties on the date go by event_id: the numbering is reproducible */
    if (sqlite3_prepare_v2(db, "SELECT event_id, source, target, code, date FROM events "
                               "ORDER BY source, target, code, date, event_id", -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO event_mentions(event_id, unique_id) VALUES (?1, ?2)", -1, &ins,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return store_fail(st);
    }
    cluster c = {0};
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        place_row(&c, q, window);
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(q, 0));
        sqlite3_bind_int64(ins, 2, c.id);
        if (sqlite3_step(ins) != SQLITE_DONE) { rc = SQLITE_ERROR; break; }
        sqlite3_reset(ins);
    }
    int result = rc == SQLITE_DONE ? 0 : store_fail(st);
    cluster_free(&c);
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    return result;
}

/* The counts of each unique event from its mentions (root, QuadClass etc. are the same for all of them:
   they follow from the code). */
static const char fill_unique_sql[] =
    "INSERT INTO unique_events(unique_id, source, target, code, root, quad_class, goldstein, plover, date,\n"
    "  last_date, mentions, sources, articles, first_event_id)\n"
    "SELECT m.unique_id, e.source, e.target, e.code, e.root, e.quad_class, e.goldstein, e.plover, min(e.date),\n"
    "  max(e.date), count(*), count(DISTINCT s.source), count(DISTINCT e.story_id), min(e.event_id)\n"
    "FROM event_mentions m JOIN events e ON e.event_id = m.event_id JOIN stories s ON s.story_id = e.story_id\n"
    "GROUP BY m.unique_id;\n";

/* One integer from a query; `dflt` when there is no row or it is NULL. */
static long long query_int(store *st, const char *sql, long long dflt)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, &q, NULL) != SQLITE_OK) return dflt;
    long long v = dflt;
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

int store_dedup(store *st, int window_days)
{
    if (window_days < 0) window_days = 0;
    if (store_exec(st, "BEGIN IMMEDIATE; DELETE FROM event_mentions; DELETE FROM unique_events;") != 0) return -1;
    char meta[128];
    snprintf(meta, sizeof meta, "INSERT OR REPLACE INTO meta(key, value) VALUES ('dedup_window', '%d');", window_days);
    if (link_mentions(st, window_days) != 0 || store_exec(st, fill_unique_sql) != 0 || store_exec(st, meta) != 0 ||
        store_exec(st, "COMMIT;") != 0) {
        /* straight to SQLite, so that the error kept is the one that stopped the rebuild */
        sqlite3_exec(store_sqlite(st), "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return (int)query_int(st, "SELECT count(*) FROM unique_events", 0);
}

int store_dedup_ensure(store *st)
{
    long long events = query_int(st, "SELECT count(*) FROM events", 0);
    long long linked = query_int(st, "SELECT count(*) FROM event_mentions", 0);
    long long counted = query_int(st, "SELECT sum(mentions) FROM unique_events", 0);
    if (events == linked && events == counted) return 0;
    int window = (int)query_int(st, "SELECT value FROM meta WHERE key = 'dedup_window'", STORE_DEDUP_WINDOW);
    return store_dedup(st, window) < 0 ? -1 : 0;
}

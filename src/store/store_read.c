/* store_read.c — stored events read back as events (with their story and place), for `dyad export`. */
#include "store/store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The columns both walks select, in this order (the C below reads them by these indexes). */
enum {
    C_EVENT_ID, C_STORY_ID, C_SENTENCE, C_DATE, C_DATE_PRECISION, C_DATE_TEXT, C_SOURCE, C_TARGET, C_CODE,
    C_SOURCE_TEXT, C_TARGET_TEXT, C_PATTERN, C_PATTERN_WHERE, C_ISSUES, C_LOC_TEXT, C_LOC_NAME, C_LOC_COUNTRY,
    C_LOC_ADMIN1, C_LOC_LAT, C_LOC_LON, C_LOC_PRECISION, C_SENT_TEXT, C_TITLE, C_STORY_SOURCE, C_URL, C_CODED_AT,
    C_UNIQUE_ID, C_MENTIONS, C_SOURCES, C_ARTICLES, C_URLS, C_NEWS_SOURCES
};

#define SELECT_COLUMNS                                                                                        \
    "SELECT e.event_id, e.story_id, e.sentence, e.date, e.date_precision, e.date_text, e.source, e.target,\n" \
    "  e.code, e.source_text, e.target_text, e.pattern, e.pattern_where, e.issues, e.location_text,\n"        \
    "  e.location_name, e.location_country, e.location_admin1, e.location_lat, e.location_lon,\n"            \
    "  e.location_precision, t.text, s.title, s.source, s.url, s.coded_at, u.unique_id, u.mentions,\n"        \
    "  u.sources, u.articles,\n"

/* every mention's url and source, each once, in a stable order */
#define MENTION_LIST(col)                                                                                    \
    "(SELECT group_concat(v, ';') FROM (SELECT DISTINCT s2." col " AS v FROM event_mentions m2\n"            \
    "   JOIN events e2 ON e2.event_id = m2.event_id JOIN stories s2 ON s2.story_id = e2.story_id\n"          \
    "   WHERE m2.unique_id = u.unique_id AND s2." col " IS NOT NULL ORDER BY v))"

static const char mentions_sql[] =
    SELECT_COLUMNS "  s.url, s.source\n"
    "FROM events e JOIN stories s ON s.story_id = e.story_id\n"
    "LEFT JOIN sentences t ON t.story_id = e.story_id AND t.sentence = e.sentence\n"
    "LEFT JOIN event_mentions m ON m.event_id = e.event_id LEFT JOIN unique_events u ON u.unique_id = m.unique_id\n"
    "ORDER BY e.event_id";

static const char unique_sql[] =
    SELECT_COLUMNS "  " MENTION_LIST("url") ",\n  " MENTION_LIST("source") "\n"
    "FROM unique_events u JOIN events e ON e.event_id = u.first_event_id\n"
    "JOIN stories s ON s.story_id = e.story_id\n"
    "LEFT JOIN sentences t ON t.story_id = e.story_id AND t.sentence = e.sentence\n"
    "ORDER BY u.unique_id";

/* One row rebuilt: the texts the spans point into live in one buffer, which is the story's text. */
typedef struct {
    story s;
    event e;
    place p;
    strbuf text;
} rebuilt;

static const char *col(sqlite3_stmt *q, int i) { return (const char *)sqlite3_column_text(q, i); }

/* Append column i to the text buffer and return its span ({0,0} when NULL, as the writers expect). */
static span add_text(rebuilt *r, sqlite3_stmt *q, int i)
{
    const char *t = col(q, i);
    if (!t) return (span){0, 0};
    uint32_t start = (uint32_t)r->text.len;
    sb_adds(&r->text, t);
    return (span){start, (uint32_t)r->text.len};
}

static int precision_from(const char *const *names, int n, const char *s, int dflt)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0) return i;
    return dflt;
}

static void copy_code(char *dst, size_t n, const char *s) { snprintf(dst, n, "%s", s ? s : ""); }

static void rebuild_place(rebuilt *r, sqlite3_stmt *q)
{
    static const char *const places[] = {"", "city", "admin1", "country"};
    /* a place of its words alone (src/where: a settlement nothing places) has no coordinates */
    bool coords = sqlite3_column_type(q, C_LOC_LAT) != SQLITE_NULL;
    if (!coords && sqlite3_column_type(q, C_LOC_TEXT) == SQLITE_NULL) return;
    r->p = (place){.name = col(q, C_LOC_NAME), .admin1 = col(q, C_LOC_ADMIN1),
                   .lat = coords ? sqlite3_column_double(q, C_LOC_LAT) : NAN,
                   .lon = coords ? sqlite3_column_double(q, C_LOC_LON) : NAN,
                   .precision = (uint8_t)precision_from(places, 4, col(q, C_LOC_PRECISION), 0)};
    copy_code(r->p.country, sizeof r->p.country, col(q, C_LOC_COUNTRY));
    r->e.location = &r->p;
}

static void rebuild(rebuilt *r, sqlite3_stmt *q)
{
    static const char *const dates[] = {"story", "day", "month", "year"};
    sb_clear(&r->text);
    memset(&r->e, 0, sizeof r->e);
    /* the sentence first: a span that starts at 0 and is empty would read as "none" */
    span sent = add_text(r, q, C_SENT_TEXT);
    span src = add_text(r, q, C_SOURCE_TEXT), tgt = add_text(r, q, C_TARGET_TEXT);
    span dtext = add_text(r, q, C_DATE_TEXT), ltext = add_text(r, q, C_LOC_TEXT);
    const char *d = col(q, C_DATE);
    r->s = (story){.id = (char *)col(q, C_STORY_ID), .text = r->text.s, .len = r->text.len,
                   .title = (char *)col(q, C_TITLE), .source = (char *)col(q, C_STORY_SOURCE),
                   .url = (char *)col(q, C_URL)};
    event *e = &r->e;
    e->story = &r->s;
    e->sentence = sqlite3_column_int(q, C_SENTENCE);
    e->sent = sent;
    e->source_span = src;
    e->target_span = tgt;
    e->date_span = dtext;
    e->location_span = ltext;
    e->date = d ? date_parse(d, strlen(d)) : 0;
    e->date_precision = (uint8_t)precision_from(dates, 4, col(q, C_DATE_PRECISION), DATE_STORY);
    copy_code(e->source, sizeof e->source, col(q, C_SOURCE));
    copy_code(e->target, sizeof e->target, col(q, C_TARGET));
    copy_code(e->code, sizeof e->code, col(q, C_CODE));
    e->pattern = col(q, C_PATTERN);
    e->pattern_where = col(q, C_PATTERN_WHERE);   /* already "file:line"; pattern_line stays 0 */
    e->issues = col(q, C_ISSUES);
    rebuild_place(r, q);
}

static store_row row_meta(sqlite3_stmt *q, bool unique)
{
    store_row m = {
        .event_id = (long)sqlite3_column_int64(q, unique ? C_UNIQUE_ID : C_EVENT_ID),
        .unique_id = (long)sqlite3_column_int64(q, C_UNIQUE_ID),
        .mentions = (long)sqlite3_column_int64(q, C_MENTIONS),
        .sources = (long)sqlite3_column_int64(q, C_SOURCES),
        .articles = (long)sqlite3_column_int64(q, C_ARTICLES),
        .coded_at = col(q, C_CODED_AT),
        .urls = col(q, C_URLS),
        .news_sources = col(q, C_NEWS_SOURCES),
    };
    return m;
}

int store_each_event(store *st, bool unique, store_event_fn fn, void *ctx)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(store_sqlite(st), unique ? unique_sql : mentions_sql, -1, &q, NULL) != SQLITE_OK)
        return store_fail(st);
    rebuilt r;
    memset(&r, 0, sizeof r);
    sb_init(&r.text);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        rebuild(&r, q);
        store_row m = row_meta(q, unique);
        stop = fn(ctx, &r.e, &m);
    }
    int result = stop ? stop : rc == SQLITE_DONE ? 0 : store_fail(st);
    sb_free(&r.text);
    sqlite3_finalize(q);
    return result;
}

/* output.c — event writers: JSONL (default), TSV and CSV with a header, TABARI's event-file layout. */
#include "output/output.h"
#include "output/output_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Output is collected in memory and written in chunks of about this size: one fwrite per many events. */
enum { FLUSH_AT = 64 * 1024 };

struct writer {
    FILE *f;
    output_format fmt;
    strbuf buf;
    bool failed;    /* a write failed; later output is dropped and writer_close reports it */
    long next_id;   /* ids of events written without a store behind them */
    char added[24]; /* when the writer was opened, YYYY-MM-DDTHH:MM:SSZ */
};

/* The field names, written once: the lists below and the JSON keys are all made from these. */
#define CORE_FIELDS(X)                                                                            \
    X(story_id) X(sentence) X(text) X(date) X(date_precision) X(date_text) X(source) X(target)     \
    X(code) X(root) X(quad_class) X(goldstein) X(plover) X(source_text) X(target_text) X(pattern)  \
    X(pattern_where) X(issues) X(location)
#define STORY_FIELDS(X) X(title) X(story_source) X(url)

#define NAME(f) #f,
const char *const output_fields[] = {CORE_FIELDS(NAME) NULL};
const char *const output_story_fields[] = {STORY_FIELDS(NAME) NULL};

/* ,"key": with its length, so that a key costs one append */
#define JSON_KEY(f) {",\"" #f "\":", sizeof ",\"" #f "\":" - 1},
static const struct { const char *s; size_t n; } json_keys[] = {CORE_FIELDS(JSON_KEY) STORY_FIELDS(JSON_KEY)};

#define ONE(f) +1
enum { N_CORE = 0 CORE_FIELDS(ONE), N_ALL = N_CORE STORY_FIELDS(ONE) };
_Static_assert(N_CORE == 19 && N_ALL == 22, "fill_row sets exactly these values");
enum { F_LOCATION = 18 };   /* JSON: an object; TSV: the columns below */
static const char *const location_columns[] = {"location_text", "location_name", "location_country",
                                                "location_admin1", "location_lat", "location_lon",
                                                "location_precision"};

static const char *const format_names[FORMAT_COUNT] = {
    [FORMAT_JSONL] = "jsonl", [FORMAT_TSV] = "tsv", [FORMAT_CSV] = "csv", [FORMAT_TABARI] = "tabari",
    [FORMAT_GDELT] = "gdelt", [FORMAT_ICEWS] = "icews", [FORMAT_PHOENIX] = "phoenix"};
const char output_format_names[] = "jsonl|tsv|csv|tabari|gdelt|icews|phoenix";

int output_format_parse(const char *name)
{
    for (int i = 0; name && i < FORMAT_COUNT; i++)
        if (strcmp(name, format_names[i]) == 0) return i;
    return -1;
}

bool output_format_unique(output_format f) { return f == FORMAT_GDELT || f == FORMAT_PHOENIX; }

/* ---- one event as a row of typed values, shared by the JSONL and TSV writers ---- */

typedef enum { V_NULL, V_STR, V_INT, V_TENTHS, V_LOCATION } vkind;

typedef struct {
    vkind kind;
    const char *s;   /* V_STR: bytes (not NUL-terminated) */
    size_t n;
    long i;          /* V_INT: the number; V_TENTHS: the number times ten, rounded */
} value;

typedef struct {
    value v[N_ALL];
    const event *e;           /* for the location's parts */
    char date[11], root[3];   /* storage the values point into */
    char where[320];
} row;

static value v_null(void) { return (value){.kind = V_NULL}; }
static value v_str(const char *s, size_t n) { return (value){.kind = V_STR, .s = s, .n = n}; }
static value v_int(long i) { return (value){.kind = V_INT, .i = i}; }
/* NULL and "" both mean "none" for optional strings. */
static value v_opt(const char *s) { return s && *s ? v_str(s, strlen(s)) : v_null(); }

/* The text of a span of the story, clamped to the text so a bad span cannot read past it. */
static value v_span(const story *st, span sp, bool null_when_empty)
{
    if (null_when_empty && sp.start == 0 && sp.end == 0) return v_null();
    if (!st || !st->text) return null_when_empty ? v_null() : v_str("", 0);
    size_t end = sp.end < st->len ? sp.end : st->len;
    size_t start = sp.start < end ? sp.start : end;
    return v_str(st->text + start, end - start);
}

/* FILE:LINE of the pattern, as snprintf("%s:%d") wrote it (~900 instructions a call, once per event);
   left as FILE alone when it does not fit, as before. */
static void where_line(row *r, const char *where, int line)
{
    char digits[16], *d = digits + sizeof digits;
    for (unsigned u = (unsigned)line; u; u /= 10) *--d = (char)('0' + u % 10);
    size_t nw = strlen(where), nd = (size_t)(digits + sizeof digits - d);
    if (nw + 1 + nd >= sizeof r->where) return;
    memcpy(r->where, where, nw);
    r->where[nw] = ':';
    memcpy(r->where + nw + 1, d, nd);
    r->v[16] = v_str(r->where, nw + 1 + nd);
}

static void fill_row(const event *e, row *r)
{
    const story *st = e->story;
    const cameo_info *ci = cameo_lookup(e->code);
    date_format(e->date ? e->date : st ? st->date : 0, r->date);
    cameo_root(e->code, r->root);
    value *v = r->v;   /* in the order of CORE_FIELDS, then STORY_FIELDS */
    r->e = e;
    v[0] = st ? v_opt(st->id) : v_null();
    v[1] = v_int(e->sentence);
    v[2] = v_span(st, e->sent, false);
    v[3] = v_opt(r->date);
    v[4] = v_opt(date_precision_name(e->date_precision));
    v[5] = v_span(st, e->date_span, true);
    v[6] = v_str(e->source, strnlen(e->source, ACTOR_CODE_MAX));
    v[7] = v_str(e->target, strnlen(e->target, ACTOR_CODE_MAX));
    v[8] = v_str(e->code, strnlen(e->code, EVENT_CODE_MAX));
    v[9] = v_opt(r->root);
    v[10] = ci ? v_int(ci->quad_class) : v_null();
    v[11] = ci ? (value){.kind = V_TENTHS, .i = lround(ci->goldstein * 10)} : v_null();
    v[12] = ci ? v_opt(ci->plover) : v_null();
    v[13] = v_span(st, e->source_span, true);
    v[14] = v_span(st, e->target_span, true);
    v[15] = v_opt(e->pattern);
    v[16] = v_opt(e->pattern_where);
    if (e->pattern_where && e->pattern_line > 0) where_line(r, e->pattern_where, e->pattern_line);
    v[17] = v_opt(e->issues);
    v[18] = e->location ? (value){.kind = V_LOCATION} : v_null();
    v[19] = st ? v_opt(st->title) : v_null();
    v[20] = st ? v_opt(st->source) : v_null();
    v[21] = st ? v_opt(st->url) : v_null();
}

/* Decimal digits of a non-negative number; printf is slow for this on the hot path. */
static void add_digits(strbuf *b, unsigned long u)
{
    char tmp[24], *p = tmp + sizeof tmp;
    do *--p = (char)('0' + u % 10); while (u /= 10);
    sb_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Coordinates with five decimals (about a metre), by hand for the same locale reason as numbers; nothing
   for a place without coordinates (NaN: a settlement the gazetteer lacks, its country unknown). */
void add_coord(strbuf *b, double x)
{
    if (isnan(x)) return;
    long v = lround(x * 100000);
    if (v < 0) { sb_addc(b, '-'); v = -v; }
    if (v < 0) {   /* LONG_MIN stays negative: printf's way, as before */
        sb_addf(b, "%ld.%05ld", v / 100000, v % 100000);
        return;
    }
    add_digits(b, (unsigned long)v / 100000);
    char frac[6] = {'.'};
    for (int k = 5, r = (int)(v % 100000); k >= 1; k--, r /= 10) frac[k] = (char)('0' + r % 10);
    sb_add(b, frac, 6);
}

/* Numbers by hand: "%.1f" would also follow the locale's decimal separator and break JSON. */
static void add_number(strbuf *b, const value *v)
{
    unsigned long u = v->i < 0 ? 0UL - (unsigned long)v->i : (unsigned long)v->i;
    if (v->i < 0) sb_addc(b, '-');
    if (v->kind == V_INT) { add_digits(b, u); return; }
    add_digits(b, u / 10);
    sb_addc(b, '.');
    sb_addc(b, (char)('0' + u % 10));
}

/* ---- JSONL ---- */

static void json_str(strbuf *b, const char *s, size_t n)
{
    sb_addc(b, '"');
    sb_add_json(b, s, n);
    sb_addc(b, '"');
}

static void json_opt(strbuf *b, const char *s)
{
    if (s && *s) json_str(b, s, strlen(s));
    else sb_add(b, "null", 4);
}

/* "location": {"text","name","country","admin1","lat","lon","precision"} */
static void json_location(strbuf *b, const event *e)
{
    const place *p = e->location;
    value t = v_span(e->story, e->location_span, true);
    sb_add(b, "{\"text\":", 8);
    if (t.kind == V_STR) json_str(b, t.s, t.n);
    else sb_add(b, "null", 4);
    sb_add(b, ",\"name\":", 8);
    json_opt(b, p->name);
    sb_add(b, ",\"country\":", 11);
    json_opt(b, p->country);
    sb_add(b, ",\"admin1\":", 10);
    json_opt(b, p->admin1);
    sb_add(b, ",\"lat\":", 7);
    if (isnan(p->lat)) sb_add(b, "null", 4);
    else add_coord(b, p->lat);
    sb_add(b, ",\"lon\":", 7);
    if (isnan(p->lon)) sb_add(b, "null", 4);
    else add_coord(b, p->lon);
    sb_add(b, ",\"precision\":", 13);
    json_opt(b, place_precision_name(p->precision));
    sb_addc(b, '}');
}

static void json_value(strbuf *b, const value *v)
{
    if (v->kind == V_NULL) { sb_add(b, "null", 4); return; }
    if (v->kind != V_STR) { add_number(b, v); return; }
    sb_addc(b, '"');
    sb_add_json(b, v->s, v->n);
    sb_addc(b, '"');
}

static void json_event(strbuf *b, const row *r)
{
    sb_addc(b, '{');
    for (int i = 0; i < N_ALL; i++) {
        /* The story's own fields appear only when it has them: most input has none. */
        if (i >= N_CORE && r->v[i].kind == V_NULL) continue;
        sb_add(b, json_keys[i].s + !i, json_keys[i].n - !i);   /* no comma before the first */
        if (r->v[i].kind == V_LOCATION) json_location(b, r->e);
        else json_value(b, &r->v[i]);
    }
    sb_add(b, "}\n", 2);
}

/* ---- TSV and CSV ---- */

/* Tabs and line breaks inside a value would shift columns or split the row: they become spaces. */
void tsv_text(strbuf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r') continue;
        sb_add(b, s + run, i - run);
        sb_addc(b, ' ');
        run = i + 1;
    }
    sb_add(b, s + run, n - run);
}

/* RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled; the text is
   kept whole (unlike TSV, CSV can carry line breaks). */
static void csv_text(strbuf *b, const char *s, size_t n)
{
    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
        sb_add(b, s, n);
        return;
    }
    sb_addc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"') continue;
        sb_add(b, s + run, i + 1 - run);   /* up to and with the quote, which is then written again */
        sb_addc(b, '"');
        run = i + 1;
    }
    sb_add(b, s + run, n - run);
    sb_addc(b, '"');
}

/* One delimited table: TSV or CSV differ only in the separator, the quoting and the line end. */
typedef struct {
    strbuf *b;
    bool csv;
} table;

static void cell(const table *t, const char *s, size_t n) { (t->csv ? csv_text : tsv_text)(t->b, s, n); }
static void cells(const table *t, const char *s) { if (s) cell(t, s, strlen(s)); }
static void sep(const table *t) { sb_addc(t->b, t->csv ? ',' : '\t'); }
static void row_end(const table *t) { sb_adds(t->b, t->csv ? "\r\n" : "\n"); }

static void table_header(const table *t)
{
    for (int i = 0; i < N_ALL; i++) {
        if (i) sep(t);
        if (i == F_LOCATION) {
            for (size_t k = 0; k < sizeof location_columns / sizeof *location_columns; k++) {
                if (k) sep(t);
                cells(t, location_columns[k]);
            }
            continue;
        }
        cells(t, i < N_CORE ? output_fields[i] : output_story_fields[i - N_CORE]);
    }
    row_end(t);
}

static void table_location(const table *t, const event *e)
{
    const place *p = e->location;
    if (!p) {
        for (int k = 0; k < 6; k++) sep(t);
        return;
    }
    value v = v_span(e->story, e->location_span, true);
    if (v.kind == V_STR) cell(t, v.s, v.n);
    sep(t);
    cells(t, p->name);
    sep(t);
    cells(t, p->country);
    sep(t);
    cells(t, p->admin1);
    sep(t);
    add_coord(t->b, p->lat);
    sep(t);
    add_coord(t->b, p->lon);
    sep(t);
    cells(t, place_precision_name(p->precision));
}

static void table_event(const table *t, const row *r)
{
    for (int i = 0; i < N_ALL; i++) {
        const value *v = &r->v[i];
        if (i) sep(t);
        if (i == F_LOCATION) table_location(t, r->e);
        else if (v->kind == V_STR) cell(t, v->s, v->n);
        else if (v->kind != V_NULL) add_number(t->b, v);
    }
    row_end(t);
}

/* ---- TABARI: YYMMDD, source, target, code, LABEL ---- */

static void tabari_event(strbuf *b, const event *e)
{
    ymd d = e->date ? e->date : e->story ? e->story->date : 0;
    sb_addf(b, "%02d%02d%02d\t", d / 10000 % 100, d / 100 % 100, d % 100);
    tsv_text(b, e->source, strnlen(e->source, ACTOR_CODE_MAX));
    sb_addc(b, '\t');
    tsv_text(b, e->target, strnlen(e->target, ACTOR_CODE_MAX));
    sb_addc(b, '\t');
    tsv_text(b, e->code, strnlen(e->code, EVENT_CODE_MAX));
    sb_addc(b, '\t');
    /* TABARI's LABEL column: the code's name in capitals; empty for a code the table lacks. */
    const cameo_info *ci = cameo_lookup(e->code);
    size_t at = b->len;
    if (ci) sb_adds(b, ci->name);
    for (size_t i = at; i < b->len; i++) b->s[i] = (char)to_upper((unsigned char)b->s[i]);
    sb_addc(b, '\n');
}

/* ---- the writer ---- */

static void flush(writer *w)
{
    if (w->buf.len && !w->failed && fwrite(w->buf.s, 1, w->buf.len, w->f) != w->buf.len) w->failed = true;
    sb_clear(&w->buf);
}

writer *writer_open(FILE *f, output_format fmt)
{
    writer *w = xmalloc(sizeof *w);
    *w = (writer){.f = f, .fmt = fmt, .next_id = 1};
    sb_init(&w->buf);
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm)) strftime(w->added, sizeof w->added, "%Y-%m-%dT%H:%M:%SZ", &tm);
    table t = {&w->buf, fmt == FORMAT_CSV};
    if (fmt == FORMAT_TSV || fmt == FORMAT_CSV) table_header(&t);
    else if (output_columns(fmt, NULL)) tables_header(&w->buf, fmt);
    return w;
}

void writer_event(writer *w, const event *e) { writer_event_meta(w, e, NULL); }

/* What a coded event knows of itself without the store: one mention in one article. */
static event_meta own_meta(writer *w, const event *e)
{
    const story *st = e->story;
    return (event_meta){.id = w->next_id++, .mentions = 1, .articles = 1,
                        .sources = st && st->source && *st->source ? 1 : 0, .added = w->added};
}

void writer_event_meta(writer *w, const event *e, const event_meta *m)
{
    if (w->fmt == FORMAT_TABARI) {
        tabari_event(&w->buf, e);
    } else if (w->fmt == FORMAT_GDELT || w->fmt == FORMAT_ICEWS || w->fmt == FORMAT_PHOENIX) {
        event_meta own = m ? *m : own_meta(w, e);
        tables_event(&w->buf, w->fmt, e, &own);
    } else {
        row r;
        fill_row(e, &r);
        table t = {&w->buf, w->fmt == FORMAT_CSV};
        if (w->fmt == FORMAT_JSONL) json_event(&w->buf, &r);
        else table_event(&t, &r);
    }
    if (w->buf.len >= FLUSH_AT) flush(w);
}

int writer_close(writer *w)
{
    if (!w) return 0;
    flush(w);
    /* fflush reports what the stdio buffer could not write (disk full, closed pipe). */
    if (fflush(w->f) != 0 || ferror(w->f)) w->failed = true;
    bool failed = w->failed;
    sb_free(&w->buf);
    free(w);
    return failed ? -1 : 0;
}

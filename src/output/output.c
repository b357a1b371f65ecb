/* output.c — event writers: JSONL (default), TSV and CSV with a header, TABARI's event-file layout. */
#include "output/output.h"
#include "output/output_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Output is collected in memory and written in chunks of about this size: one fwrite per many events. */
enum { FLUSH_AT = 64 * 1024 };

/* The memo tables' slots (see jw_code_fields, jw_pattern_fields, jw_place_fields), each found by a hash's
   top bits: Reuters has ~200 codes, ~1,200 patterns and ~3,000 places, and with 64 slots a third of the
   patterns and places missed (each miss writes the fields again and copies them into the slot). */
enum { MEMO_BITS = 8, MEMO_SLOTS = 1 << MEMO_BITS };

/* See jw_code_fields. */
enum { CODE_KEY = 16, CODE_FIELDS_MAX = 512 };
_Static_assert(EVENT_CODE_MAX <= CODE_KEY, "a code fits a key");
/* Each memo slot starts a cache line (the writer is allocated so), so that a hit reads as few lines as
   can be: the key, then the fields written (json_event prefetches them). */
typedef struct {
    _Alignas(64) bool set;
    uint64_t a, b;
    size_t n;
    char fields[CODE_FIELDS_MAX];
} code_memo;

/* See jw_pattern_fields. */
enum { PATTERN_RAW = 128, PATTERN_FIELDS_MAX = 512 };
typedef struct {
    _Alignas(64) const char *pattern, *where;   /* the event's pointers: the slot's key, not its proof */
    int line;
    bool set;
    size_t npat, nwhere, where_at; /* strlen of each (not NULL), where the file starts in raw */
    char raw[PATTERN_RAW];         /* the pattern, NUL, the file, NUL: what the fields were written from */
    size_t n;
    char fields[PATTERN_FIELDS_MAX];
} pattern_memo;

/* See jw_place_fields. */
enum { PLACE_RAW = 128, PLACE_FIELDS_MAX = 512 };
typedef struct {
    _Alignas(64) const place *p;   /* the slot's key, not its proof */
    place copy;                    /* the place as written (its strings' pointers, coordinates, country) */
    size_t nname, nadmin;          /* strlen of each (0 when NULL) */
    char raw[PLACE_RAW];           /* the name, NUL, the admin1, NUL: what the fields were written from */
    size_t n;
    char fields[PLACE_FIELDS_MAX];
} place_memo;

struct writer {
    FILE *f;
    output_format fmt;
    strbuf buf;
    bool failed;    /* a write failed; later output is dropped and writer_close reports it */
    long next_id;   /* ids of events written without a store behind them */
    char added[24]; /* when the writer was opened, YYYY-MM-DDTHH:MM:SSZ */
    /* cameo_lookup's answers for the codes met so far, by a hash of the code: a lookup is a binary
       search with strcmp (~400 instructions), once per event, over a few dozen distinct codes */
    struct {
        bool set;
        char code[EVENT_CODE_MAX];
        const cameo_info *ci;
    } memo[64];
    /* the JSON of the fields that follow from an event code (code to plover), per code met: the code's
       bytes, zero-padded to CODE_KEY, as two words */
    code_memo codes[MEMO_SLOTS];
    /* ,"pattern":..,"pattern_where":.. per pattern met: an event's pattern comes from its dictionary,
       and a few hundred patterns make most events */
    pattern_memo patterns[MEMO_SLOTS];
    /* ,"name":.. to the location's closing brace, per place met (a story names its places again and again) */
    place_memo places[MEMO_SLOTS];
    ymd last_date;       /* the date written last and its YYYY-MM-DD (the events of a story share theirs) */
    char last_date_s[11];
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

/* ,"key": with its length, padded to KEY_ROOM bytes so that a key is copied as one fixed-size block */
enum { KEY_ROOM = 24 };
#define JSON_KEY(f) {",\"" #f "\":", sizeof ",\"" #f "\":" - 1},
static const struct { char s[KEY_ROOM]; size_t n; } json_keys[] = {CORE_FIELDS(JSON_KEY) STORY_FIELDS(JSON_KEY)};

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

/* The text of a span of the story, clamped to the text so a bad span cannot read past it. Always inlined
   (as are jw_span, jw_opt and jw_story_field below): GCC kept them out of line, and inlined at each field
   their flags are constants and the value needs no struct (13 M instructions on Reuters, a tenth of the
   writer). */
static inline __attribute__((always_inline)) value v_span(const story *st, span sp, bool null_when_empty)
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

/* cameo_lookup(code) through the writer's memo (the table is fixed for the life of the program). */
static const cameo_info *code_info(writer *w, const char *code)
{
    size_t n = strnlen(code, EVENT_CODE_MAX);
    if (n == EVENT_CODE_MAX) return cameo_lookup(code);
    unsigned h = 0;
    for (size_t i = 0; i < n; i++) h = h * 31 + (unsigned char)code[i];
    size_t k = h % (sizeof w->memo / sizeof *w->memo);
    if (!w->memo[k].set || memcmp(w->memo[k].code, code, n + 1) != 0) {
        w->memo[k].set = true;
        memcpy(w->memo[k].code, code, n + 1);
        w->memo[k].ci = cameo_lookup(code);
    }
    return w->memo[k].ci;
}

static void fill_row(writer *w, const event *e, row *r)
{
    const story *st = e->story;
    const cameo_info *ci = code_info(w, e->code);
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

/* ---- numbers, written in place by hand: printf is slow on the hot path and "%.1f" would follow the
   locale's decimal separator and break JSON ---- */

/* Room a number may take: a long's digits, a sign, a point, and printf's way with LONG_MIN below. */
enum { NUMBER_MAX = 48 };

/* "00" to "99": two digits at once (a division by 10 a digit was most of a number's time). */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                  "8081828384858687888990919293949596979899";

/* The decimal digits of u at o; returns the end. Below 100 (sentence numbers, most coordinates) without a
   loop. */
static char *put_digits(char *o, unsigned long u)
{
    if (u < 10) {
        *o = (char)('0' + u);
        return o + 1;
    }
    if (u < 100) {
        memcpy(o, digit_pairs + 2 * u, 2);
        return o + 2;
    }
    size_t nd = 1;
    for (unsigned long t = u; t >= 10; t /= 10) nd++;
    for (char *d = o + nd; d > o; u /= 10) *--d = (char)('0' + u % 10);
    return o + nd;
}

/* A coordinate with five decimals (about a metre); nothing for a place without coordinates (NaN: a
   settlement the gazetteer lacks, its country unknown). */
static char *put_coord(char *o, double x)
{
    if (isnan(x)) return o;
    long v = lround(x * 100000);
    if (v < 0) { *o++ = '-'; v = -v; }
    if (v < 0)   /* LONG_MIN stays negative: printf's way, as before */
        return o + snprintf(o, NUMBER_MAX - 1, "%ld.%05ld", v / 100000, v % 100000);
    o = put_digits(o, (unsigned long)v / 100000);
    /* the five decimals: one digit, then two pairs */
    unsigned r = (unsigned)(v % 100000);
    o[0] = '.';
    o[1] = (char)('0' + r / 10000);
    r %= 10000;
    memcpy(o + 2, digit_pairs + 2 * (r / 100), 2);
    memcpy(o + 4, digit_pairs + 2 * (r % 100), 2);
    return o + 6;
}

/* A V_INT or V_TENTHS value. */
static char *put_number(char *o, const value *v)
{
    unsigned long u = v->i < 0 ? 0UL - (unsigned long)v->i : (unsigned long)v->i;
    if (v->i < 0) *o++ = '-';
    if (v->kind == V_INT) return put_digits(o, u);
    o = put_digits(o, u / 10);
    *o++ = '.';
    *o++ = (char)('0' + u % 10);
    return o;
}

/* The strbuf forms, for the tables: room for one number, then in place. */
void add_coord(strbuf *b, double x)
{
    if (b->len + NUMBER_MAX + 1 > b->cap) sb_grow(b, NUMBER_MAX);
    b->len = (size_t)(put_coord(b->s + b->len, x) - b->s);
    b->s[b->len] = 0;
}

static void add_number(strbuf *b, const value *v)
{
    if (b->len + NUMBER_MAX + 1 > b->cap) sb_grow(b, NUMBER_MAX);
    b->len = (size_t)(put_number(b->s + b->len, v) - b->s);
    b->s[b->len] = 0;
}

/* ---- JSONL, written straight from the event ----
   Each piece makes its own room (jw_room: the worst case of its key and value, every string byte
   escaped six-fold) and then writes without a check, a NUL or a call per byte. Strings the writer makes
   itself (dates, precision names, CAMEO roots) are plain ASCII and go unescaped; the fields that follow
   from the event code alone (code, root, quad_class, goldstein, plover) are kept written out per code. */

/* The write cursor inside the writer's buffer. */
typedef struct {
    strbuf *b;
    char *o;
} jw;

/* Room for `need` more bytes at the cursor (and the NUL written at the end). */
static inline void jw_room(jw *j, size_t need)
{
    size_t at = (size_t)(j->o - j->b->s);
    if (at + need + 1 <= j->b->cap) return;
    j->b->len = at;
    sb_grow(j->b, need);
    j->o = j->b->s + at;
}

/* Room for a string value (or null) of n bytes, with its quotes. */
static size_t str_room(size_t n) { return JSON_ESCAPED_MAX(n) + 2; }

static char *put(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}

static char *put_null(char *o) { return put(o, "null", 4); }

/* Most strings are short (codes, ids, actor words): up to 16 bytes they are tested as one word (two
   overlapping loads from 8 bytes on, or the bytes and space padding below 8), up to 48 as two or three
   blocks of 16, and stored whole when nothing needs escaping, without the call; the rest goes to
   json_escape_to, which gives the same bytes. */
static inline uint64_t load_short(const char *s, size_t n)
{
    uint64_t x = 0;
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4), memcpy(&hi, s + n - 4, 4);
        x = (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
    } else if (n >= 2) {
        uint16_t lo, hi;
        memcpy(&lo, s, 2), memcpy(&hi, s + n - 2, 2);
        x = (uint64_t)lo | (uint64_t)hi << (8 * (n - 2));
    } else if (n == 1) {
        x = (unsigned char)s[0];
    }
    return x | (~0ULL << (8 * n) & SWAR_ONES * ' ');
}

static inline char *escape(char *o, const char *s, size_t n)
{
#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
    if (n >= 8 && n <= 16) {
        uint64_t a = load8(s), b = load8(s + n - 8);
        if (!(swar_json(a) | swar_json(b))) {
            memcpy(o, &a, 8), memcpy(o + n - 8, &b, 8);
            return o + n;
        }
    } else if (n < 8) {
        uint64_t x = load_short(s, n);
        if (!swar_json(x)) {
            memcpy(o, &x, 8);   /* the string, then spaces inside the room reserved */
            return o + n;
        }
    } else if (n <= 48) {   /* titles (Reuters': most of 33-48 bytes), places, the words of an actor */
        if (json_first16(s) == 16 && json_first16(s + n - 16) == 16 && (n <= 32 || json_first16(s + 16) == 16)) {
            memcpy(o, s, 16), memcpy(o + n - 16, s + n - 16, 16);
            if (n > 32) memcpy(o + 16, s + 16, 16);
            return o + n;
        }
    }
#endif
    return json_escape_to(o, s, n);
}

/* strnlen(s, ACTOR_CODE_MAX) of an event's actor array, read whole (16 bytes at a time with SSE2: the call
   was a tenth of the actors' fields); the bytes after the NUL do not count. */
_Static_assert(ACTOR_CODE_MAX == 32, "actor_len reads two blocks of 16");
static inline size_t actor_len(const char s[ACTOR_CODE_MAX])
{
#if defined(__SSE2__)
    __m128i zero = _mm_setzero_si128();
    unsigned z = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)s), zero));
    if (z) return (size_t)__builtin_ctz(z);
    z = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + 16)), zero));
    return z ? 16 + (size_t)__builtin_ctz(z) : ACTOR_CODE_MAX;
#else
    return strnlen(s, ACTOR_CODE_MAX);
#endif
}

static char *put_str(char *o, const char *s, size_t n)
{
    *o++ = '"';
    o = escape(o, s, n);
    *o++ = '"';
    return o;
}

/* A string that needs no escaping (made by the writer: ASCII letters, digits, '-'). */
static char *put_plain(char *o, const char *s, size_t n)
{
    *o++ = '"';
    o = put(o, s, n);
    *o++ = '"';
    return o;
}

/* ,"key": (no comma before the first field), copied as one fixed-size block. */
static char *put_key(char *o, int f)
{
    memcpy(o, json_keys[f].s + !f, KEY_ROOM - 1);
    return o + json_keys[f].n - !f;
}

static inline __attribute__((always_inline)) void jw_str(jw *j, int f, const char *s, size_t n)
{
    jw_room(j, KEY_ROOM + str_room(n));
    j->o = put_str(put_key(j->o, f), s, n);
}

static inline __attribute__((always_inline)) void jw_null(jw *j, int f)
{
    jw_room(j, KEY_ROOM + 4);
    j->o = put_null(put_key(j->o, f));
}

/* NULL and "" both mean "none" for optional strings. */
static inline __attribute__((always_inline)) void jw_opt(jw *j, int f, const char *s)
{
    if (s && *s) jw_str(j, f, s, strlen(s));
    else jw_null(j, f);
}

/* A span of the story's text, as v_span gives it. */
static inline __attribute__((always_inline)) void jw_span(jw *j, int f, const story *st, span sp, bool null_when_empty)
{
    value v = v_span(st, sp, null_when_empty);
    if (v.kind == V_STR) jw_str(j, f, v.s, v.n);
    else jw_null(j, f);
}

/* FILE:LINE as where_line makes it (FILE alone, or null, when it does not fit), escaped in two parts:
   JSON escapes byte by byte, and ':' and digits need none. */
static void jw_pattern_where(jw *j, const char *where, int line)
{
    if (!where || line <= 0) { jw_opt(j, 16, where); return; }
    char digits[16], *d = digits + sizeof digits;
    for (unsigned u = (unsigned)line; u; u /= 10) *--d = (char)('0' + u % 10);
    size_t nw = strlen(where), nd = (size_t)(digits + sizeof digits - d);
    if (nw + 1 + nd >= sizeof ((row *)0)->where) { jw_opt(j, 16, where); return; }
    jw_room(j, KEY_ROOM + str_room(nw) + 1 + nd);
    char *o = put_key(j->o, 16);
    *o++ = '"';
    o = escape(o, where, nw);
    *o++ = ':';
    o = put(o, d, nd);
    *o++ = '"';
    j->o = o;
}

/* Whether the string s (not NULL) is the n bytes at raw, without reading s past its NUL. */
static bool same_str(const char *s, const char *raw, size_t n) { return strncmp(s, raw, n + 1) == 0; }

/* The pattern memo's slot for the event: found by the event's pointers and line. */
static pattern_memo *pattern_slot(writer *w, const event *e)
{
    uint64_t key = (uint64_t)(uintptr_t)e->pattern * 0x9E3779B97F4A7C15ULL ^
                   (uint64_t)(uintptr_t)e->pattern_where * 0xC2B2AE3D27D4EB4FULL ^
                   (uint64_t)(unsigned)e->pattern_line * 0x165667B19E3779F9ULL;
    return &w->patterns[key >> (64 - MEMO_BITS)];
}

/* The pattern and its FILE:LINE through the writer's memo (m: pattern_slot's): the slot is used only when
   the strings it was written from are still the event's (a dictionary freed and another loaded may reuse
   the pointers). A miss writes them as before and keeps what it wrote when it fits. */
static void jw_pattern_fields(jw *j, pattern_memo *m, const event *e)
{
    const char *pat = e->pattern, *where = e->pattern_where;
    if (m->set && m->pattern == pat && m->where == where && m->line == e->pattern_line &&
        (!pat || same_str(pat, m->raw, m->npat)) && (!where || same_str(where, m->raw + m->where_at, m->nwhere))) {
        jw_room(j, m->n);
        j->o = put(j->o, m->fields, m->n);
        return;
    }
    size_t at = (size_t)(j->o - j->b->s);
    jw_opt(j, 15, pat);
    jw_pattern_where(j, where, e->pattern_line);
    size_t n = (size_t)(j->o - j->b->s) - at;
    size_t npat = pat ? strlen(pat) : 0, nwhere = where ? strlen(where) : 0;
    if (n > sizeof m->fields || npat + nwhere + 2 > sizeof m->raw) return;
    /* member by member: a compound literal would clear all of raw and fields first */
    m->pattern = pat, m->where = where, m->line = e->pattern_line, m->set = true;
    m->npat = npat, m->nwhere = nwhere, m->where_at = npat + 1, m->n = n;
    if (pat) memcpy(m->raw, pat, npat + 1);
    if (where) memcpy(m->raw + npat + 1, where, nwhere + 1);
    memcpy(m->fields, j->b->s + at, n);
}

/* Room for the fields that follow from the code alone, and the fields themselves:
   ,"code":..,"root":..,"quad_class":..,"goldstein":..,"plover":.. */
static size_t code_fields_room(size_t n, const cameo_info *ci)
{
    return 5 * KEY_ROOM + str_room(n) + str_room(2) + 2 * NUMBER_MAX + (ci && ci->plover ? str_room(strlen(ci->plover)) : 4);
}

static char *put_code_fields(char *o, const char *code, size_t n, const cameo_info *ci)
{
    char root[3];
    cameo_root(code, root);
    o = put_str(put_key(o, 8), code, n);
    o = put_key(o, 9);
    o = root[0] ? put_plain(o, root, strlen(root)) : put_null(o);
    o = put_key(o, 10);
    o = ci ? put_number(o, &(value){.kind = V_INT, .i = ci->quad_class}) : put_null(o);
    o = put_key(o, 11);
    o = ci ? put_number(o, &(value){.kind = V_TENTHS, .i = lround(ci->goldstein * 10)}) : put_null(o);
    o = put_key(o, 12);
    o = ci && ci->plover && *ci->plover ? put_str(o, ci->plover, strlen(ci->plover)) : put_null(o);
    return o;
}

/* The code memo's key: the code's bytes up to its NUL (strnlen's, at most EVENT_CODE_MAX), zero-padded to
   CODE_KEY, as two words; read from the event's array whole (the bytes past the NUL are cleared). */
_Static_assert(EVENT_CODE_MAX == 12, "code_key reads 8 + 4 bytes");
typedef struct {
    uint64_t a, b;
    size_t n;   /* strnlen(code, EVENT_CODE_MAX) */
} code_key;

static code_key key_of_code(const char code[EVENT_CODE_MAX])
{
    uint64_t a = load8_le(code), b = load4_le(code + 8), m = swar_below(a, 1);
    if (m) {
        size_t k = swar_first(m);
        return (code_key){k ? a & ~0ULL >> (64 - 8 * k) : 0, 0, k};
    }
    m = swar_below(b, 1);   /* bytes 12..15 of b are zero: n is 12 when 8..11 hold no NUL */
    size_t k = swar_first(m);
    return (code_key){a, k ? b & ~0ULL >> (64 - 8 * k) : 0, 8 + k};
}

static code_memo *code_slot(writer *w, code_key k)
{
    return &w->codes[(size_t)(((k.a * 0x9E3779B97F4A7C15ULL) ^ (k.b * 0xC2B2AE3D27D4EB4FULL)) >> (64 - MEMO_BITS))];
}

/* The code's fields through the writer's memo (m: code_slot's for k): written out once per code met (the
   CAMEO table is fixed for the life of the program), then copied. Fields too long for a slot are written
   each time. */
static void jw_code_fields(jw *j, code_memo *m, const char *code, code_key k)
{
    if (m->set && m->a == k.a && m->b == k.b) {
        jw_room(j, m->n);
        j->o = put(j->o, m->fields, m->n);
        return;
    }
    const cameo_info *ci = cameo_lookup(code);
    if (code_fields_room(k.n, ci) <= sizeof m->fields) {
        m->set = true, m->a = k.a, m->b = k.b;
        m->n = (size_t)(put_code_fields(m->fields, code, k.n, ci) - m->fields);
        jw_room(j, m->n);
        j->o = put(j->o, m->fields, m->n);
        return;
    }
    jw_room(j, code_fields_room(k.n, ci));
    j->o = put_code_fields(j->o, code, k.n, ci);
}

/* The place's own fields: ,"name":..,"country":..,"admin1":..,"lat":..,"lon":..,"precision":..} */
static void jw_place(jw *j, const place *p)
{
    size_t nname = p->name ? strlen(p->name) : 0, ncountry = strnlen(p->country, sizeof p->country),
           nadmin = p->admin1 ? strlen(p->admin1) : 0;
    const char *prec = place_precision_name(p->precision);
    size_t nprec = strlen(prec);
    jw_room(j, 80 + str_room(nname) + str_room(ncountry) + str_room(nadmin) + 2 * NUMBER_MAX + str_room(nprec));
    char *o = j->o;
    o = put(o, ",\"name\":", 8);
    o = nname ? put_str(o, p->name, nname) : put_null(o);
    o = put(o, ",\"country\":", 11);
    o = ncountry ? put_str(o, p->country, ncountry) : put_null(o);
    o = put(o, ",\"admin1\":", 10);
    o = nadmin ? put_str(o, p->admin1, nadmin) : put_null(o);
    o = put(o, ",\"lat\":", 7);
    o = isnan(p->lat) ? put_null(o) : put_coord(o, p->lat);
    o = put(o, ",\"lon\":", 7);
    o = isnan(p->lon) ? put_null(o) : put_coord(o, p->lon);
    o = put(o, ",\"precision\":", 13);
    o = nprec ? put_plain(o, prec, nprec) : put_null(o);
    *o++ = '}';
    j->o = o;
}

/* Whether *p is still the place a memo slot was written from: the same values, and its strings the same
   bytes (a gazetteer freed and another loaded may reuse the pointers). */
static bool same_place(const place_memo *m, const place *p)
{
    const place *c = &m->copy;
    return c->name == p->name && c->admin1 == p->admin1 && c->precision == p->precision &&
           memcmp(c->country, p->country, sizeof c->country) == 0 && memcmp(&c->lat, &p->lat, sizeof c->lat) == 0 &&
           memcmp(&c->lon, &p->lon, sizeof c->lon) == 0 && (!p->name || same_str(p->name, m->raw, m->nname)) &&
           (!p->admin1 || same_str(p->admin1, m->raw + m->nname + 1, m->nadmin));
}

static place_memo *place_slot(writer *w, const place *p)
{
    return &w->places[(uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL >> (64 - MEMO_BITS)];
}

/* jw_place through the writer's memo (m: place_slot's); a miss writes as before and keeps what it wrote
   when it fits. */
static void jw_place_fields(jw *j, place_memo *m, const place *p)
{
    if (m->p == p && same_place(m, p)) {
        jw_room(j, m->n);
        j->o = put(j->o, m->fields, m->n);
        return;
    }
    size_t at = (size_t)(j->o - j->b->s);
    jw_place(j, p);
    size_t n = (size_t)(j->o - j->b->s) - at;
    size_t nname = p->name ? strlen(p->name) : 0, nadmin = p->admin1 ? strlen(p->admin1) : 0;
    if (n > sizeof m->fields || nname + nadmin + 2 > sizeof m->raw) return;
    m->p = p;
    m->copy = *p;
    m->nname = nname, m->nadmin = nadmin, m->n = n;
    if (p->name) memcpy(m->raw, p->name, nname + 1);
    if (p->admin1) memcpy(m->raw + nname + 1, p->admin1, nadmin + 1);
    memcpy(m->fields, j->b->s + at, n);
}

/* "location": {"text","name","country","admin1","lat","lon","precision"} */
static void jw_location(jw *j, place_memo *m, const event *e)
{
    const place *p = e->location;
    if (!p) { jw_null(j, F_LOCATION); return; }
    value t = v_span(e->story, e->location_span, true);
    jw_room(j, KEY_ROOM + 8 + (t.kind == V_STR ? str_room(t.n) : 4));
    char *o = put_key(j->o, F_LOCATION);
    o = put(o, "{\"text\":", 8);
    j->o = t.kind == V_STR ? put_str(o, t.s, t.n) : put_null(o);
    jw_place_fields(j, m, p);
}

/* The story's own fields appear only when it has them: most input has none. */
static inline __attribute__((always_inline)) void jw_story_field(jw *j, int f, const char *s)
{
    if (s && *s) jw_str(j, f, s, strlen(s));
}

/* The first `lines` cache lines of a memo slot: what a hit reads (its key, the strings it compares, and
   the fields of a usual size). A macro: a prefetch in a function the compiler does not inline has no
   effect it can see and is dropped. */
#define PREFETCH_SLOT(m, lines)                                                                           \
    do {                                                                                                  \
        for (size_t line_ = 0; line_ < (lines); line_++) __builtin_prefetch((const char *)(m) + 64 * line_); \
    } while (0)

static void json_event(writer *w, const event *e)
{
    const story *st = e->story;
    jw j = {&w->buf, NULL};
    /* The memo slots are looked up last but found first: other stages ran since the last event and
       evicted them (samples: a third of the writer's time waited on their first load), so their lines
       are fetched while the text and the actors are written. */
    code_key ck = key_of_code(e->code);
    code_memo *cm = code_slot(w, ck);
    pattern_memo *pm = pattern_slot(w, e);
    place_memo *lm = e->location ? place_slot(w, e->location) : NULL;
    PREFETCH_SLOT(cm, 3);   /* key 32 bytes, fields ~100 */
    PREFETCH_SLOT(pm, 4);   /* key and raw ~90 bytes, fields from 184: ~70 */
    if (lm) PREFETCH_SLOT(lm, 5);   /* key and raw ~90 bytes, fields from 208: ~100 */
    /* room for the fixed-size pieces up to the text: {, the id's key, the sentence number */
    if (w->buf.len + 2 * KEY_ROOM + NUMBER_MAX + 2 > w->buf.cap) sb_grow(&w->buf, 2 * KEY_ROOM + NUMBER_MAX + 1);
    j.o = w->buf.s + w->buf.len;
    *j.o++ = '{';
    if (st) jw_opt(&j, 0, st->id);
    else jw_null(&j, 0);
    j.o = put_number(put_key(j.o, 1), &(value){.kind = V_INT, .i = e->sentence});
    jw_span(&j, 2, st, e->sent, false);
    /* the date and its precision: written by the writer, no escapes */
    ymd d = e->date ? e->date : st ? st->date : 0;
    if (d != w->last_date || !w->last_date_s[0]) {
        date_format(d, w->last_date_s);
        w->last_date = d;
    }
    const char *date = w->last_date_s;
    const char *prec = date_precision_name(e->date_precision);
    size_t nprec = strlen(prec);
    jw_room(&j, 2 * KEY_ROOM + 12 + str_room(nprec));
    j.o = put_key(j.o, 3);
    j.o = date[0] ? put_plain(j.o, date, 10) : put_null(j.o);   /* YYYY-MM-DD or nothing */
    j.o = put_key(j.o, 4);
    j.o = nprec ? put_plain(j.o, prec, nprec) : put_null(j.o);
    jw_span(&j, 5, st, e->date_span, true);
    jw_str(&j, 6, e->source, actor_len(e->source));
    jw_str(&j, 7, e->target, actor_len(e->target));
    jw_code_fields(&j, cm, e->code, ck);
    jw_span(&j, 13, st, e->source_span, true);
    jw_span(&j, 14, st, e->target_span, true);
    jw_pattern_fields(&j, pm, e);
    jw_opt(&j, 17, e->issues);
    jw_location(&j, lm, e);
    if (st) {
        jw_story_field(&j, 19, st->title);
        jw_story_field(&j, 20, st->source);
        jw_story_field(&j, 21, st->url);
    }
    jw_room(&j, 2);
    j.o = put(j.o, "}\n", 2);
    w->buf.len = (size_t)(j.o - w->buf.s);
    w->buf.s[w->buf.len] = 0;
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
    writer *w = xaligned(_Alignof(writer), sizeof *w);   /* the memo slots start cache lines */
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
    if (w->fmt == FORMAT_JSONL) {
        json_event(w, e);
    } else if (w->fmt == FORMAT_TABARI) {
        tabari_event(&w->buf, e);
    } else if (w->fmt == FORMAT_GDELT || w->fmt == FORMAT_ICEWS || w->fmt == FORMAT_PHOENIX) {
        event_meta own = m ? *m : own_meta(w, e);
        tables_event(&w->buf, w->fmt, e, &own);
    } else {
        row r;
        fill_row(w, e, &r);
        table t = {&w->buf, w->fmt == FORMAT_CSV};
        table_event(&t, &r);
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

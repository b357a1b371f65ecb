/* read_jsonl.c — JSON Lines input: one story object per line ("id", "text", "date", optional fields). */
#include "read/read_internal.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/text.h"

/* The longest line worth parsing. JSON escapes can triple a text's bytes ("\u00e9" for a 2-byte
   character), and the other fields need some room; longer lines are dropped unread. */
static size_t line_limit(size_t max_story)
{
    const size_t extra = (size_t)1 << 20;
    if (max_story > (SIZE_MAX - extra) / 3) return SIZE_MAX - 1;
    return max_story * 3 + extra;
}

/* Quote a value in a reason: short, and without control characters that would garble a terminal. */
static void add_quoted(strbuf *why, const char *s, size_t n)
{
    sb_addc(why, '"');
    for (size_t i = 0; i < n && i < 40; i++)
        sb_addc(why, (unsigned char)s[i] < 0x20 ? '?' : s[i]);
    if (n > 40) sb_adds(why, "...");
    sb_addc(why, '"');
}

static char *dup_string(json_t *v, size_t *fixes)
{
    size_t len;
    return read_repair(json_string_value(v), json_string_length(v), &len, fixes);
}

static bool get_id(json_t *o, story *s, strbuf *why)
{
    json_t *v = json_object_get(o, "id");
    char num[64];
    if (!v) { sb_adds(why, "no \"id\""); return false; }
    if (json_is_string(v)) {
        if (json_string_length(v) == 0) { sb_adds(why, "empty \"id\""); return false; }
        s->id = dup_string(v, &s->utf8_fixes);
        return true;
    }
    if (json_is_integer(v)) snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v)) snprintf(num, sizeof num, "%.17g", json_real_value(v));
    else { sb_adds(why, "\"id\" must be a string or a number"); return false; }
    s->id = xstrdup(num);
    return true;
}

/* valid: t is known to be valid UTF-8 (the fast path's strings, see dup_val), copied as it is. */
static bool text_value(story *s, const char *t, size_t n, size_t max, strbuf *why, bool valid)
{
    if (read_blank(t, n)) { sb_adds(why, "empty \"text\""); return false; }
    if (n > max) { sb_addf(why, "\"text\" is %zu bytes, over the limit of %zu (--max-story)", n, max); return false; }
    if (valid) s->text = xstrndup(t, n), s->len = n;
    else read_set_text(s, t, n, false);
    return true;
}

static bool get_text(json_t *o, story *s, size_t max, strbuf *why)
{
    json_t *v = json_object_get(o, "text");
    if (!json_is_string(v)) { sb_adds(why, v ? "\"text\" is not a string" : "no \"text\""); return false; }
    return text_value(s, json_string_value(v), json_string_length(v), max, why, false);
}

/* "YYYY-MM-DD", "YYYYMMDD", or an ISO date-time whose first ten bytes are the date. */
static ymd parse_date_string(const char *d, size_t n)
{
    if (n > 10 && (d[10] == 'T' || d[10] == ' ')) n = 10;
    return date_parse(d, n);
}

static bool date_value(story *s, const char *d, size_t n, strbuf *why)
{
    s->date = parse_date_string(d, n);
    if (!s->date) {
        sb_adds(why, "bad \"date\" ");
        add_quoted(why, d, n);
        sb_adds(why, ": want YYYY-MM-DD");
    }
    return s->date != 0;
}

static bool get_date(json_t *o, story *s, ymd fallback, strbuf *why)
{
    json_t *v = json_object_get(o, "date");
    if (!v || json_is_null(v)) {
        s->date = fallback;
        if (!s->date) sb_adds(why, "no date: give \"date\" or --date YYYY-MM-DD");
        return s->date != 0;
    }
    char num[32];
    const char *d = num;
    size_t n;
    if (json_is_string(v)) { d = json_string_value(v); n = json_string_length(v); }
    else if (json_is_integer(v)) n = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else { sb_adds(why, "bad \"date\": want a string YYYY-MM-DD"); return false; }
    return date_value(s, d, n, why);
}

static char *get_optional(json_t *o, const char *key, size_t *fixes)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? dup_string(v, fixes) : NULL;
}

static read_status from_object(reader *r, json_t *o, story *s, strbuf *why)
{
    if (!json_is_object(o)) { sb_adds(why, "not a JSON object"); return READ_REJECT; }
    if (!get_id(o, s, why) || !get_text(o, s, r->max_story, why) || !get_date(o, s, r->opt.default_date, why))
        return READ_REJECT;
    s->title = get_optional(o, "title", &s->utf8_fixes);
    s->source = get_optional(o, "source", &s->utf8_fixes);
    s->url = get_optional(o, "url", &s->utf8_fixes);
    return READ_STORY;
}

/* ---- The fast path: a line that is one flat object of string values, as archives write them ----
   jansson builds a tree of every line (150 k instructions a Reuters story); this decodes the six
   fields in one pass. Anything else (numbers, null, nesting, a missing id, text or date, a repeated
   field, \u0000 or surrogate escapes, malformed JSON) goes to jansson as before, so rejections and
   their reasons do not change. */

enum { F_ID, F_TEXT, F_DATE, F_TITLE, F_SOURCE, F_URL, NFIELDS };

typedef struct {
    const char *s;
    size_t n;
    bool set;
} str_val;

typedef struct {
    const char *p, *end;
    char *out;   /* where the next decoded string goes */
} jscan;

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* "\uXXXX" at p (past the u) as UTF-8 at *o; false for what is left to jansson. */
static bool put_u_escape(const char *p, const char *end, char **o)
{
    int cp = end - p >= 4 ? hex4(p) : -1;
    if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    unsigned char *u = (unsigned char *)*o;
    if (cp < 0x80) *u++ = (unsigned char)cp;
    else if (cp < 0x800) *u++ = (unsigned char)(0xC0 | cp >> 6), *u++ = (unsigned char)(0x80 | (cp & 0x3F));
    else *u++ = (unsigned char)(0xE0 | cp >> 12), *u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)),
         *u++ = (unsigned char)(0x80 | (cp & 0x3F));
    *o = (char *)u;
    return true;
}

/* One escape at p (past the backslash) decoded to *o; false for what is left to jansson. */
static bool put_escape(const char **pp, const char *end, char **o)
{
    const char *p = *pp;
    if (p >= end) return false;
    char e = *p, d;
    switch (e) {
    case '"': case '\\': case '/': d = e; break;
    case 'b': d = '\b'; break;
    case 'f': d = '\f'; break;
    case 'n': d = '\n'; break;
    case 'r': d = '\r'; break;
    case 't': d = '\t'; break;
    case 'u':
        if (!put_u_escape(p + 1, end, o)) return false;
        *pp = p + 5;
        return true;
    default: return false;
    }
    *(*o)++ = d;
    *pp = p + 1;
    return true;
}

/* Copies the bytes at p to o up to the first quote, backslash or control, sixteen at a time
   (json_first16), then eight, always whole: the caller's o is behind p in a buffer the size of the line
   and p has the bytes left, so what is written at o fits. Stops short of the last 7 bytes before end
   (the byte loop takes those); returns how many bytes were plain. */
static size_t copy_plain(const char *p, const char *end, char *o, unsigned *high)
{
    const char *s = p;
    while (end - p >= 16) {
        size_t k = json_first16_high(p, high);
        memcpy(o, p, 16);
        if (k < 16) return (size_t)(p - s) + k;
        p += 16, o += 16;
    }
    while (end - p >= 8) {
        uint64_t x = load8_le(p), m = swar_json(x);
        *high |= (x & SWAR_HIGHS) != 0;
        memcpy(o, p, 8);
        if (m) return (size_t)(p - s) + swar_first(m);
        p += 8, o += 8;
    }
    return (size_t)(p - s);
}

/* The one-character escapes, by the byte after the backslash: the byte they stand for (0: \u or none). */
static const char SIMPLE_ESCAPE[128] = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b', ['f'] = '\f',
                                        ['n'] = '\n', ['r'] = '\r', ['t'] = '\t'};

/* copy_plain's sixteen-byte loop that also decodes the one-character escapes in place (a news text has
   one, mostly \n, every ~55 bytes: leaving the loop for each was a third of the decoding). *pp and *oo
   move on; stops at a byte it does not take (a quote, a control, another escape, a backslash at the end)
   with true, or with false when fewer than 16 bytes are left (copy_plain then takes over). */
static bool copy_escaped16(const char **pp, const char *end, char **oo, unsigned *high)
{
    const char *p = *pp;
    char *o = *oo;
    bool stopped = false;
    while (end - p >= 16) {
        size_t k = json_first16_high(p, high);
        memcpy(o, p, 16);
        if (k == 16) { p += 16, o += 16; continue; }
        p += k, o += k;
        unsigned char e = end - p >= 2 ? (unsigned char)p[1] : 0;
        if (*p != '\\' || e >= 0x80 || !SIMPLE_ESCAPE[e]) { stopped = true; break; }
        *o++ = SIMPLE_ESCAPE[e], p += 2;
    }
    *pp = p, *oo = o;
    return stopped;
}

/* A string of fewer than 16 bytes without an escape, a control or a byte from 0x80 up, at p (past its
   opening quote): keys, ids, dates. Its length, or -1 when it is not one (then decoded as any other). */
static ptrdiff_t short_plain(const char *p, const char *end)
{
    if (end - p < 16) return -1;
    unsigned high = 0;
    size_t k = json_first16_high(p, &high);
    /* high: bit i for byte i with SSE2, else 1 for any byte of the 16 (refused whenever k > 0) */
    if (k == 16 || p[k] != '"' || (high & ((1u << k) - 1))) return -1;
    return (ptrdiff_t)k;
}

/* The string whose opening quote is at sc->p, decoded; sc->p moves past its closing quote. A short plain
   string is used where it stands, in the line; others are decoded into sc->out. Decoded strings are never
   longer than their JSON, so one buffer the size of the line holds them all.
   A string with bytes from 0x80 up is checked for UTF-8 here, decoded, and refused when invalid (the
   line is then repaired and read again): the line is not checked as a whole first. The decoded string
   is valid exactly when its JSON was: an escape decodes to a whole character whose first byte is no
   continuation byte, so it can neither complete nor hide a broken sequence next to it. */
static bool scan_string(jscan *sc, str_val *v)
{
    const char *p = sc->p + 1;
    ptrdiff_t plain = short_plain(p, sc->end);
    if (plain >= 0) {
        *v = (str_val){p, (size_t)plain, true};
        sc->p = p + plain + 1;
        return true;
    }
    char *o = sc->out;
    unsigned high = 0;
    *v = (str_val){o, 0, true};
    for (;;) {
        if (!copy_escaped16(&p, sc->end, &o, &high)) {   /* the last few bytes */
            size_t k = copy_plain(p, sc->end, o, &high);
            p += k, o += k;
        }
        if (p >= sc->end) return false;
        unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        if (c < 0x20) return false;   /* jansson refuses raw control characters */
        if (c != '\\') { high |= c >= 0x80, *o++ = (char)c, p++; continue; }
        unsigned char e = p + 1 < sc->end ? (unsigned char)p[1] : 0;
        if (e < 0x80 && SIMPLE_ESCAPE[e]) { *o++ = SIMPLE_ESCAPE[e], p += 2; continue; }   /* \n: most of them */
        p++;
        if (!put_escape(&p, sc->end, &o)) return false;
    }
    v->n = (size_t)(o - v->s);
    if (high && utf8_first_invalid(v->s, v->n) < v->n) return false;
    sc->out = o;
    sc->p = p + 1;
    return true;
}

/* The field a key names, or -1: by its length first, then its bytes (comparisons of a known length,
   which the compiler does in place; a loop of strlen and memcmp calls was most of a member's time). */
static int field_of(const str_val *key)
{
    const char *k = key->s;
    switch (key->n) {
    case 2: return !memcmp(k, "id", 2) ? F_ID : -1;
    case 3: return !memcmp(k, "url", 3) ? F_URL : -1;
    case 4: return !memcmp(k, "text", 4) ? F_TEXT : !memcmp(k, "date", 4) ? F_DATE : -1;
    case 5: return !memcmp(k, "title", 5) ? F_TITLE : -1;
    case 6: return !memcmp(k, "source", 6) ? F_SOURCE : -1;
    default: return -1;
    }
}

/* One "key": "value" member at p (at the key's quote); *p moves past it. */
static bool scan_member(jscan *sc, const char **pp, str_val f[NFIELDS])
{
    str_val key, val;
    sc->p = *pp;
    if (sc->p >= sc->end || *sc->p != '"' || !scan_string(sc, &key)) return false;
    const char *p = skip_ws(sc->p, sc->end);
    if (p >= sc->end || *p != ':') return false;
    sc->p = skip_ws(p + 1, sc->end);
    if (sc->p >= sc->end || *sc->p != '"' || !scan_string(sc, &val)) return false;
    int k = field_of(&key);
    if (k >= 0) {
        if (f[k].set) return false;   /* jansson keeps the last; rare enough to leave to it */
        f[k] = val;
    }
    *pp = skip_ws(sc->p, sc->end);
    return true;
}

/* The line [p, end) as a flat object of strings: its six fields into f. */
static bool scan_object(jscan *sc, const char *p, str_val f[NFIELDS])
{
    p = skip_ws(p, sc->end);
    if (p >= sc->end || *p != '{') return false;
    do {
        p = skip_ws(p + 1, sc->end);
        if (!scan_member(sc, &p, f)) return false;
    } while (p < sc->end && *p == ',');
    return p < sc->end && *p == '}' && skip_ws(p + 1, sc->end) == sc->end;
}

/* The fast path's strings need no UTF-8 check of their own: the line was valid (or repaired) as a whole,
   a string ends at an ASCII quote, and its escapes decode to UTF-8 of U+0001..U+FFFF without surrogates,
   so read_repair would find nothing to fix. */
static char *dup_val(const str_val *v)
{
    return v->set ? xstrndup(v->s, v->n) : NULL;
}

/* A story's strings in one allocation (story.block), the text first: one malloc and one free a story
   instead of three to five (the id, the text and the title of every Reuters story). */
static void strings_in_block(story *s, const str_val f[NFIELDS])
{
    static const int order[] = {F_TEXT, F_ID, F_TITLE, F_SOURCE, F_URL};
    char **dest[] = {&s->text, &s->id, &s->title, &s->source, &s->url};
    size_t total = 0;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (f[order[i]].set) total += f[order[i]].n + 1;
    char *b = xmalloc(total);
    s->block = b;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        const str_val *v = &f[order[i]];
        if (!v->set) continue;   /* NULL, as dup_val leaves it */
        memcpy(b, v->s, v->n);
        b[v->n] = 0;
        *dest[i] = b;
        b += v->n + 1;
    }
    s->len = f[F_TEXT].n;
}

/* The fast path: true when it took the line (*st then says how), false to hand it to jansson. */
static bool from_flat_line(reader *r, const char *p, size_t n, story *s, strbuf *why, read_status *st)
{
    str_val f[NFIELDS] = {{0}};
    sb_clear(&r->decoded);
    sb_grow(&r->decoded, n);
    jscan sc = {p, p + n, r->decoded.s};
    bool ok = scan_object(&sc, p, f) && f[F_ID].set && f[F_ID].n && f[F_TEXT].set && f[F_DATE].set;
    /* a story taken (the checks of text_value and date_value passing, nothing said): its strings in one
       block; a refused one is made as before, reasons and all */
    ymd date = ok ? parse_date_string(f[F_DATE].s, f[F_DATE].n) : 0;
    if (date && !read_blank(f[F_TEXT].s, f[F_TEXT].n) && f[F_TEXT].n <= r->max_story) {
        strings_in_block(s, f);
        s->date = date;
        *st = READ_STORY;
        return true;
    }
    if (ok) {
        s->id = dup_val(&f[F_ID]);
        *st = READ_REJECT;
        if (text_value(s, f[F_TEXT].s, f[F_TEXT].n, r->max_story, why, true) && date_value(s, f[F_DATE].s, f[F_DATE].n, why)) {
            s->title = dup_val(&f[F_TITLE]);
            s->source = dup_val(&f[F_SOURCE]);
            s->url = dup_val(&f[F_URL]);
            *st = READ_STORY;
        }
    }
    return ok;
}

/* The line [p, p + n) (not NUL-terminated) as a story. */
static read_status from_line(reader *r, const char *p, size_t n, story *s, strbuf *why)
{
    char *fixed = NULL;
    read_status st;
    /* The fast path takes a valid line in one pass (it checks the strings' UTF-8 as it decodes them, and
       outside them takes ASCII only), so it goes first; a line it refuses is checked as before. */
    if (from_flat_line(r, p, n, s, why, &st)) return st;
    /* jansson refuses invalid UTF-8 outright; repair first so one bad byte does not lose a story. */
    if (utf8_first_invalid(p, n) < n) {
        p = fixed = read_repair(p, n, &n, &s->utf8_fixes);
        if (from_flat_line(r, p, n, s, why, &st)) {
            free(fixed);
            return st;
        }
    }
    json_error_t err;
    json_t *o = json_loadb(p, n, JSON_ALLOW_NUL, &err);
    free(fixed);
    if (!o) {
        sb_addf(why, "not valid JSON: %s (column %d)", err.text, err.column);
        return READ_REJECT;
    }
    st = from_object(r, o, s, why);
    json_decref(o);
    return st;
}

read_status read_jsonl(reader *r, story *s, strbuf *why)
{
    size_t limit = line_limit(r->max_story);
    for (;;) {
        long at = r->line;
        bool overlong;
        const char *line;
        size_t n;
        if (!rd_line_ref(r, &r->lb, limit, &overlong, &line, &n)) return READ_EOF;
        s->line = at;
        read_status st = READ_REJECT;
        if (overlong)
            sb_addf(why, "line is longer than %zu bytes (stories are limited to %zu bytes: --max-story)", limit,
                    r->max_story);
        else if (read_blank(line, n)) continue;
        else st = from_line(r, line, n, s, why);
        if (r->lb.cap > ((size_t)1 << 20)) sb_free(&r->lb), sb_free(&r->decoded);   /* do not keep one huge line's buffers */
        return st;
    }
}

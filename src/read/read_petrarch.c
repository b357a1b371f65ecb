/* read_petrarch.c — PETRARCH XML input: a streaming scanner for <Sentence> elements (no XML library). */
#include "read/read_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/text.h"

#define ATTR_MAX 4096   /* attribute values kept; the rest of an absurd value is dropped */

/* What the body of one <Sentence> held. */
typedef struct {
    bool in_text, saw_text;
    bool too_big, truncated, nested;
} sentence;

/* ---- entities ---- */

static void add_utf8(strbuf *b, uint32_t cp)
{
    char u[4];
    if (cp < 0x80) { sb_addc(b, (char)cp); return; }
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F));
        sb_add(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | (cp >> 6 & 0x3F)); u[2] = (char)(0x80 | (cp & 0x3F));
        sb_add(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
        sb_add(b, u, 4);
    }
}

/* The code point an entity name (between '&' and ';') stands for; -1 when it is not one we know. */
static long entity_value(const char *e, size_t n)
{
    static const struct { const char *name; char c; } named[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strlen(named[i].name) == n && memcmp(e, named[i].name, n) == 0) return named[i].c;
    if (n < 2 || e[0] != '#') return -1;
    bool hex = e[1] == 'x' || e[1] == 'X';
    size_t i = hex ? 2 : 1;
    if (i == n) return -1;
    long v = 0;
    for (; i < n; i++) {
        int c = (unsigned char)e[i], d;
        if (is_digit(c)) d = c - '0';
        else if (hex && to_lower(c) >= 'a' && to_lower(c) <= 'f') d = to_lower(c) - 'a' + 10;
        else return -1;
        v = v * (hex ? 16 : 10) + d;
        if (v > 0x10FFFF) v = 0x110000;   /* saturate: still "a number", but not a character */
    }
    return v;
}

/* Decode the five named entities and character references; anything else stays as written. */
static void decode_entities(const char *s, size_t n, strbuf *out, size_t *fixes)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&') continue;
        size_t window = n - i - 1 < 12 ? n - i - 1 : 12;
        const char *semi = memchr(s + i + 1, ';', window);
        long cp = semi ? entity_value(s + i + 1, (size_t)(semi - s - i - 1)) : -1;
        if (cp < 0) continue;
        sb_add(out, s + run, i - run);
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            (*fixes)++;   /* not a character: the same replacement utf8_repair makes */
            sb_adds(out, cp == 0 ? " " : "\xEF\xBF\xBD");
        } else add_utf8(out, (uint32_t)cp);
        i = (size_t)(semi - s);
        run = i + 1;
    }
    sb_add(out, s + run, n - run);
}

/* ---- scanning ---- */

/* The next bytes are `lit` followed by white space, '>' or '/', so a tag name exactly. */
static bool at_tag(reader *r, const char *lit)
{
    size_t k = strlen(lit);
    if (!rd_looking_at(r, lit)) return false;
    if (!rd_want(r, k + 1)) return true;   /* cut off right after the name: still that tag */
    int c = (unsigned char)r->buf[r->pos + k];
    return is_space(c) || c == '>' || c == '/';
}

/* Longest prefix of pat that ends the text pat[0..m) + c (pat is short: plain search is fine). */
static size_t match_step(const char *pat, size_t m, int c)
{
    for (size_t k = m + 1; k > 0; k--)
        if ((unsigned char)pat[k - 1] == c && memcmp(pat, pat + m - (k - 1), k - 1) == 0) return k;
    return 0;
}

/* Consume through `pat`; what went by is kept in `keep` (when not NULL) up to `cap` bytes.
   False at end of input. */
static bool skip_past(reader *r, const char *pat, strbuf *keep, size_t cap)
{
    size_t m = 0, n = strlen(pat);
    int c;
    while ((c = rd_get(r)) >= 0) {
        if (keep && keep->len < cap) sb_addc(keep, (char)c);
        if ((m = match_step(pat, m, c)) == n) return true;
    }
    return false;
}

/* At '<': consume markup up to and including '>', stopping short of a stray '<' (junk must not
   swallow the next element). What it consumed goes to `keep` (when not NULL) up to `cap` bytes.
   Returns the byte before '>' (so '/' for an empty element). */
static int skip_tag(reader *r, strbuf *keep, size_t cap)
{
    int c = rd_get(r), prev = 0;
    if (keep && c >= 0) sb_addc(keep, (char)c);
    while ((c = rd_peek(r)) >= 0 && c != '<') {
        rd_get(r);
        if (keep && keep->len < cap) sb_addc(keep, (char)c);
        if (c == '>') return prev;
        prev = c;
    }
    return 0;
}

static void read_name(reader *r, strbuf *name)
{
    int c;
    sb_clear(name);
    while ((c = rd_peek(r)) >= 0 && !is_space(c) && c != '=' && c != '>' && c != '/' && c != '<') {
        if (name->len < 64) sb_addc(name, (char)c);
        rd_get(r);
    }
    if (name->len == 0 && c >= 0 && c != '>' && c != '/' && c != '<') rd_get(r);   /* always move on */
}

static void skip_space(reader *r)
{
    int c;
    while ((c = rd_peek(r)) >= 0 && is_space(c)) rd_get(r);
}

/* An attribute value, quoted or bare, into r->val (raw, entities not yet decoded). */
static void read_value(reader *r)
{
    sb_clear(&r->val);
    int q = rd_peek(r), c;
    if (q == '"' || q == '\'') rd_get(r);
    else q = 0;
    while ((c = rd_peek(r)) >= 0 && c != '<') {
        if (q ? c == q : (is_space(c) || c == '>')) break;
        if (r->val.len < ATTR_MAX) sb_addc(&r->val, (char)c);
        rd_get(r);
    }
    if (q && c == q) rd_get(r);
}

static char *decoded_value(reader *r, size_t *fixes)
{
    strbuf d;
    sb_init(&d);
    decode_entities(r->val.s ? r->val.s : "", r->val.len, &d, fixes);
    size_t n = d.len;
    char *v = read_repair(d.s ? d.s : "", d.len, &n, fixes);
    sb_free(&d);
    read_collapse_space(v, n);
    return v;
}

/* The attributes of <Sentence ...>: id into s->id, the date text into *date. Returns -1 when the
   input ends inside the tag, 1 for an empty element (<Sentence .../>), 0 otherwise. */
static int read_attrs(reader *r, story *s, char **date)
{
    strbuf name;
    sb_init(&name);
    int res = -1, c;
    for (;;) {
        skip_space(r);
        if ((c = rd_peek(r)) < 0) break;
        if (c == '<') { res = 0; break; }   /* a tag left open: its body starts here */
        if (c == '>') { rd_get(r); res = 0; break; }
        if (c == '/') {
            rd_get(r);
            if (rd_peek(r) == '>') { rd_get(r); res = 1; break; }
            continue;
        }
        read_name(r, &name);
        skip_space(r);
        if (rd_peek(r) != '=') continue;
        rd_get(r);
        skip_space(r);
        read_value(r);
        char **slot = name.len == 2 && !memcmp(name.s, "id", 2) ? &s->id
                    : name.len == 4 && !memcmp(name.s, "date", 4) ? date : NULL;
        if (slot) { free(*slot); *slot = decoded_value(r, &s->utf8_fixes); }
    }
    sb_free(&name);
    return res;
}

/* Append to the note (and the text, inside <Text>) while the record stays under the limit. */
static void keep_bytes(reader *r, sentence *st, const char *p, size_t n)
{
    if (st->too_big) return;
    sb_add(&r->note, p, n);
    if (st->in_text) sb_add(&r->text, p, n);
    if (r->note.len > r->max_story) st->too_big = true;
}

/* Character data up to the next '<'. */
static void take_run(reader *r, sentence *st)
{
    const char *p = r->buf + r->pos;
    const char *lt = memchr(p, '<', r->end - r->pos);
    size_t n = lt ? (size_t)(lt - p) : r->end - r->pos;
    keep_bytes(r, st, p, n);
    rd_skip(r, n);
}

/* <![CDATA[...]]> (its opening already consumed): kept raw in the note; in the text it is escaped,
   since the text is entity-decoded at the end. False when the input ends inside it. */
static bool take_cdata(reader *r, sentence *st)
{
    strbuf raw;
    sb_init(&raw);
    bool closed = skip_past(r, "]]>", &raw, r->max_story + 1);
    if (!st->too_big) {
        sb_adds(&r->note, "<![CDATA[");
        sb_add(&r->note, raw.s ? raw.s : "", raw.len);
        size_t n = closed ? raw.len - 3 : raw.len;
        for (size_t i = 0; st->in_text && i < n; i++) {
            if (raw.s[i] == '&') sb_adds(&r->text, "&amp;");
            else if (raw.s[i] == '<') sb_adds(&r->text, "&lt;");
            else sb_addc(&r->text, raw.s[i]);
        }
        if (r->note.len > r->max_story || r->text.len > r->max_story) st->too_big = true;
    }
    sb_free(&raw);
    return closed;
}

/* One piece of markup inside the body. False when the sentence ends here. */
static bool body_markup(reader *r, sentence *st)
{
    if (rd_looking_at(r, "<!--")) {   /* comments are dropped: a commented-out <EventCoding> is not expected */
        rd_skip(r, 4);
        st->truncated = !skip_past(r, "-->", NULL, 0);
        return !st->truncated;
    }
    if (rd_looking_at(r, "<![CDATA[")) {
        rd_skip(r, 9);
        st->truncated = !take_cdata(r, st);
        return !st->truncated;
    }
    if (at_tag(r, "</Sentence")) { skip_tag(r, NULL, 0); return false; }
    if (at_tag(r, "<Sentence")) { st->nested = true; return false; }   /* left for the next call */
    bool open_text = at_tag(r, "<Text"), close_text = at_tag(r, "</Text");
    if (open_text && st->saw_text && r->text.len) sb_addc(&r->text, ' ');
    int last = skip_tag(r, st->too_big ? NULL : &r->note, r->max_story + 1);   /* tags are never text */
    if (r->note.len > r->max_story) st->too_big = true;
    if (open_text) { st->saw_text = true; st->in_text = last != '/'; }
    if (close_text) st->in_text = false;
    return true;
}

static void read_body(reader *r, sentence *st)
{
    for (;;) {
        int c = rd_peek(r);
        if (c < 0) { st->truncated = true; return; }
        if (c != '<') take_run(r, st);
        else if (!body_markup(r, st) || st->truncated) return;
    }
}

/* ---- one record ---- */

static read_status finish(reader *r, story *s, const sentence *st, const char *date, strbuf *why)
{
    if (st->truncated) { sb_adds(why, "input ends inside <Sentence> (no </Sentence>)"); return READ_REJECT; }
    if (st->nested) { sb_adds(why, "<Sentence> not closed before the next <Sentence>"); return READ_REJECT; }
    if (st->too_big) {
        sb_addf(why, "<Sentence> is longer than the limit of %zu bytes (--max-story)", r->max_story);
        return READ_REJECT;
    }
    if (!s->id || !*s->id) { sb_adds(why, "<Sentence> has no id"); return READ_REJECT; }
    s->date = date ? date_parse(date, strlen(date)) : r->opt.default_date;
    if (date && !s->date) { sb_addf(why, "bad date \"%.40s\": want YYYYMMDD", date); return READ_REJECT; }
    if (!s->date) { sb_adds(why, "no date: give date=\"YYYYMMDD\" or --date YYYY-MM-DD"); return READ_REJECT; }
    strbuf dec;
    sb_init(&dec);
    decode_entities(r->text.s ? r->text.s : "", r->text.len, &dec, &s->utf8_fixes);
    read_set_text(s, dec.s ? dec.s : "", dec.len, true);
    sb_free(&dec);
    if (!s->len) { sb_adds(why, st->saw_text ? "empty <Text>" : "<Sentence> has no <Text>"); return READ_REJECT; }
    size_t n;
    s->note = read_repair(r->note.s ? r->note.s : "", r->note.len, &n, &s->utf8_fixes);
    s->one_sentence = true;
    return READ_STORY;
}

/* At "<Sentence": the whole element. */
static read_status read_sentence(reader *r, story *s, strbuf *why)
{
    rd_skip(r, 9);
    sentence st = {0};
    char *date = NULL;
    sb_clear(&r->text);
    sb_clear(&r->note);
    int shape = read_attrs(r, s, &date);
    if (shape < 0) st.truncated = true;
    else if (shape == 0) read_body(r, &st);
    read_status res = finish(r, s, &st, date, why);
    free(date);
    if (r->note.cap > ((size_t)1 << 20)) { sb_free(&r->note); sb_free(&r->text); }
    return res;
}

read_status read_petrarch(reader *r, story *s, strbuf *why)
{
    for (;;) {
        int c = rd_peek(r);
        if (c < 0) return READ_EOF;
        if (c != '<') {   /* character data between elements means nothing here */
            const char *p = r->buf + r->pos;
            const char *lt = memchr(p, '<', r->end - r->pos);
            rd_skip(r, lt ? (size_t)(lt - p) : r->end - r->pos);
        } else if (rd_looking_at(r, "<!--")) {   /* a commented-out <Sentence> stays out */
            rd_skip(r, 4);
            skip_past(r, "-->", NULL, 0);
        } else if (rd_looking_at(r, "<![CDATA[")) {
            rd_skip(r, 9);
            skip_past(r, "]]>", NULL, 0);
        } else if (at_tag(r, "<Sentence")) {
            s->line = r->line;
            return read_sentence(r, s, why);
        } else {
            skip_tag(r, NULL, 0);
        }
    }
}

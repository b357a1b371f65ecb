/* read_tabari.c — TABARI record input: "YYMMDD ID" header, text lines, blank line; slash-star comments. */
#include "read/read_internal.h"

#include <stdlib.h>
#include <string.h>
#include "text/text.h"

/* One record being assembled. */
typedef struct {
    bool in_comment;   /* a comment runs on past the end of the line */
    bool too_big;
} record;

/* Append text with white space collapsed: runs (and line joins) become one space. */
static void add_text(strbuf *t, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_space((unsigned char)p[i])) sb_addc(t, p[i]);
        else if (t->len && t->s[t->len - 1] != ' ') sb_addc(t, ' ');
    }
}

static const char *find2(const char *p, size_t n, char a, char b)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == a && p[i + 1] == b) return p + i;
    return NULL;
}

/* Split one text line between the record's text and its note (the comments, without delimiters). */
static void add_line(record *rec, const char *p, size_t n, strbuf *text, strbuf *note)
{
    const char *end = p + n;
    while (p < end) {
        const char *mark = rec->in_comment ? find2(p, (size_t)(end - p), '*', '/') : find2(p, (size_t)(end - p), '/', '*');
        const char *stop = mark ? mark : end;
        if (rec->in_comment) sb_add(note, p, (size_t)(stop - p));
        else add_text(text, p, (size_t)(stop - p));
        if (!mark) break;
        if (!rec->in_comment && note->len) sb_addc(note, '\n');   /* separate successive comments */
        if (!rec->in_comment) add_text(text, " ", 1);             /* a comment still parts two words */
        rec->in_comment = !rec->in_comment;
        p = mark + 2;
    }
    if (rec->in_comment) sb_addc(note, '\n');
    else add_text(text, " ", 1);
}

/* Read the record's lines up to a blank line (a blank line also ends an unclosed comment). */
static void read_body(reader *r, record *rec, size_t *fixes)
{
    bool overlong;
    while (rd_line(r, &r->lb, r->max_story + 1, &overlong)) {
        if (read_blank(r->lb.s, r->lb.len)) break;
        size_t n = r->lb.len;
        char *line = read_repair(r->lb.s, n, &n, fixes);
        if (overlong) rec->too_big = true;
        if (!rec->too_big) add_line(rec, line, n, &r->text, &r->note);
        if (r->text.len > r->max_story || r->note.len > r->max_story) rec->too_big = true;
        free(line);
    }
}

/* Header "DATE ID [anything]": the date's digits and the id, as spans of the line. The id may also
   be glued to the date by one punctuation character ("950101*INTRO", as in TABARI's demo). */
static void split_header(const char *h, size_t n, size_t f[4])
{
    size_t i = 0;
    while (i < n && is_space((unsigned char)h[i])) i++;
    f[0] = i;
    while (i < n && is_digit((unsigned char)h[i])) i++;
    f[1] = i;
    if (i < n && !is_space((unsigned char)h[i])) {
        if (f[1] == f[0] || is_alnum((unsigned char)h[i])) {   /* not a date: keep the field whole */
            while (i < n && !is_space((unsigned char)h[i])) i++;
            f[1] = i;
        } else i++;   /* the glue */
    }
    while (i < n && is_space((unsigned char)h[i])) i++;
    f[2] = i;
    while (i < n && !is_space((unsigned char)h[i])) i++;
    f[3] = i;
}

static ymd header_date(const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit((unsigned char)d[i])) return 0;
    return n == 6 || n == 8 ? date_parse(d, n) : 0;
}

static void add_excerpt(strbuf *why, const char *s, size_t n)
{
    sb_addc(why, '"');
    sb_add(why, s, n < 40 ? n : 40);
    if (n > 40) sb_adds(why, "...");
    sb_addc(why, '"');
}

/* The record whose header is in r->lb. */
static read_status read_record(reader *r, story *s, strbuf *why)
{
    size_t n = r->lb.len, f[4];
    char *head = read_repair(r->lb.s, n, &n, &s->utf8_fixes);
    split_header(head, n, f);
    s->date = header_date(head + f[0], f[1] - f[0]);
    if (f[3] > f[2]) s->id = xstrndup(head + f[2], f[3] - f[2]);
    record rec = {false, false};
    sb_clear(&r->text);
    sb_clear(&r->note);
    read_body(r, &rec, &s->utf8_fixes);   /* always: a bad record is skipped whole */
    read_status st = READ_REJECT;
    if (!s->date) {
        sb_adds(why, "bad record header ");
        add_excerpt(why, head, n);
        sb_adds(why, ": want YYMMDD (or YYYYMMDD) and an id");
    } else if (!s->id) sb_adds(why, "record header has no id");
    else if (rec.too_big) sb_addf(why, "record is longer than the limit of %zu bytes (--max-story)", r->max_story);
    else if (read_blank(r->text.s, r->text.len)) sb_adds(why, "record has no text");
    else st = READ_STORY;
    if (st == READ_STORY) {
        s->one_sentence = true;
        s->len = read_collapse_space(r->text.s, r->text.len);
        s->text = sb_take(&r->text);
        if (r->note.len) s->note = xstrdup(r->note.s);
    }
    free(head);
    return st;
}

read_status read_tabari(reader *r, story *s, strbuf *why)
{
    bool overlong;
    for (;;) {
        long at = r->line;
        if (!rd_line(r, &r->lb, r->max_story + 1, &overlong)) return READ_EOF;
        if (read_blank(r->lb.s, r->lb.len) || r->lb.s[0] == '#') continue;   /* between records */
        s->line = at;
        return read_record(r, s, why);
    }
}

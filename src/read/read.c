/* read.c — opening inputs, buffered byte input, format detection and the shared story helpers. */
#include "read/read_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "text/text.h"

#define READ_BUF_START ((size_t)64 << 10)
/* Detection never peeks further than this: past it the input is plain text. */
#define READ_PEEK_MAX ((size_t)1 << 20)

static const char *const format_names[] = {"auto", "text", "jsonl", "tabari", "petrarch"};

int input_format_parse(const char *name)
{
    for (int i = 0; name && i < (int)(sizeof format_names / sizeof *format_names); i++)
        if (strcmp(name, format_names[i]) == 0) return i;
    return -1;
}

const char *input_format_name(input_format f)
{
    if ((int)f < 0 || (size_t)f >= sizeof format_names / sizeof *format_names) return "?";
    return format_names[f];
}

/* ---- buffered input ---- */

/* The same through fgets, which stops at a newline too but copies from stdio's buffer in blocks (a getc
   a byte was ~17 instructions a byte of input). fgets does not say how many bytes it read, and a line
   can hold NUL bytes: the window is filled with '\n' first, so its last NUL is the one fgets wrote.
   False when fgets read nothing (end of input or an error, which are then recorded). */
enum { FILL_WINDOW = 4096 };
static bool rd_fill_line(reader *r)
{
    size_t w = r->cap - r->end < FILL_WINDOW ? r->cap - r->end : FILL_WINDOW;
    char *at = r->buf + r->end;
    memset(at, '\n', w);
    if (!fgets(at, (int)w, r->f)) {
        r->eof = true;
        if (ferror(r->f)) r->ioerr = true;
        return true;
    }
    size_t len = strlen(at);   /* the terminator, unless the line holds a NUL (then no '\n' is before it) */
    if (!(len && at[len - 1] == '\n') && len + 1 < w) {
        len = w - 1;
        while (at[len]) len--;   /* the last NUL: everything after it is still the filling */
    }
    r->end += len;
    return true;
}

/* A regular file, in whole blocks up to the buffer's room: no window to clear, no line at a time. A read
   cut short by an I/O error keeps the bytes it got; the next one records the error. */
static void rd_fill_block(reader *r)
{
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got) return;
    r->eof = true;
    if (ferror(r->f)) r->ioerr = true;
}

/* Append bytes up to the end of a line (or of the buffer). Reading stops at a newline so that a
   live pipe is never waited on for more than the line in hand; a regular file is read in blocks. */
static void rd_fill_some(reader *r)
{
    if (r->blocks && r->end < r->cap) { rd_fill_block(r); return; }
    if (r->cap - r->end >= 2 && rd_fill_line(r)) return;
    while (r->end < r->cap) {
        int c = getc_unlocked(r->f);
        if (c == EOF) {
            r->eof = true;
            if (ferror(r->f)) r->ioerr = true;
            return;
        }
        r->buf[r->end++] = (char)c;
        if (c == '\n') return;
    }
}

bool rd_want(reader *r, size_t n)
{
    if (r->end - r->pos >= n) return true;
    if (r->pos > 0) {   /* keep the unconsumed bytes at the front: room for more */
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->pos = 0;
    }
    if (n > r->cap) {
        size_t cap = r->cap;
        while (cap < n) cap *= 2;
        r->buf = xrealloc(r->buf, cap);
        r->cap = cap;
    }
    while (r->end < n && !r->eof) rd_fill_some(r);
    return r->end >= n;
}

bool rd_looking_at(reader *r, const char *lit)
{
    size_t k = strlen(lit);
    return rd_want(r, k) && memcmp(r->buf + r->pos, lit, k) == 0;
}

void rd_skip(reader *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (r->buf[r->pos + i] == '\n') r->line++;
    r->pos += n;
}

int rd_line(reader *r, strbuf *out, size_t limit, bool *overlong)
{
    sb_clear(out);
    size_t total = 0;
    bool any = false, nl_seen = false;
    while (!nl_seen && (r->pos < r->end || rd_want(r, 1))) {
        any = true;
        const char *p = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        size_t room = limit > out->len ? limit - out->len : 0;
        sb_add(out, p, take < room ? take : room);
        total += take;
        r->pos += take;
        if (nl) { r->pos++; r->line++; nl_seen = true; }
    }
    if (!any) return 0;
    if (total <= limit && out->len && out->s[out->len - 1] == '\r') out->s[--out->len] = 0;
    *overlong = total > limit;
    return 1;
}

int rd_line_ref(reader *r, strbuf *out, size_t limit, bool *overlong, const char **line, size_t *n)
{
    const char *p = r->buf + r->pos;
    size_t avail = r->end - r->pos;
    const char *nl = avail ? memchr(p, '\n', avail) : NULL;
    if (!nl || (size_t)(nl - p) > limit) {   /* not whole in the buffer, or too long: rd_line's way */
        int got = rd_line(r, out, limit, overlong);
        *line = out->s, *n = out->len;
        return got;
    }
    size_t len = (size_t)(nl - p);
    r->pos += len + 1;
    r->line++;
    if (len && p[len - 1] == '\r') len--;   /* as rd_line drops it */
    *overlong = false;
    *line = p, *n = len;
    return 1;
}

/* ---- story helpers ---- */

char *read_repair(const char *s, size_t n, size_t *len, size_t *fixes)
{
    if (utf8_first_invalid(s, n) == n) {
        *len = n;
        return xstrndup(s, n);
    }
    size_t f = 0;
    char *t = utf8_repair(s, n, len, &f);
    *fixes += f;
    return t;
}

size_t read_collapse_space(char *s, size_t n)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_space((unsigned char)s[i])) s[j++] = s[i];
        else if (j > 0 && s[j - 1] != ' ') s[j++] = ' ';
    }
    if (j > 0 && s[j - 1] == ' ') j--;
    s[j] = 0;
    return j;
}

bool read_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i])) return false;
    return true;
}

void read_set_text(story *s, const char *t, size_t n, bool collapse)
{
    s->text = read_repair(t, n, &s->len, &s->utf8_fixes);
    if (collapse) s->len = read_collapse_space(s->text, s->len);
}

void story_free(story *s)
{
    if (!s) return;
    if (s->block) {
        free(s->block);
    } else {
        free(s->id);
        free(s->text);
        free(s->title);
        free(s->source);
        free(s->url);
    }
    free(s->note);
    memset(s, 0, sizeof *s);
}

/* ---- format detection ---- */

/* The byte k places after pos, or -1 when the input ends (or peeking would go too far). */
static int peek_at(reader *r, size_t k)
{
    if (k >= READ_PEEK_MAX || !rd_want(r, k + 1)) return -1;
    return (unsigned char)r->buf[r->pos + k];
}

static bool peek_is(reader *r, size_t k, const char *lit)
{
    size_t n = strlen(lit);
    for (size_t i = 0; i < n; i++)
        if (peek_at(r, k + i) != (unsigned char)lit[i]) return false;
    return true;
}

static size_t peek_skip_space(reader *r, size_t k)
{
    int c;
    while ((c = peek_at(r, k)) >= 0 && is_space(c)) k++;
    return k;
}

/* `<` at k: the PETRARCH root elements, possibly after XML comments. */
static bool detect_xml(reader *r, size_t k)
{
    while (peek_is(r, k, "<!--")) {
        k += 4;
        while (peek_at(r, k) >= 0 && !peek_is(r, k, "-->")) k++;
        if (peek_at(r, k) < 0) return false;
        k = peek_skip_space(r, k + 3);
    }
    return peek_is(r, k, "<Sentence") || peek_is(r, k, "<Validation") || peek_is(r, k, "<?xml");
}

bool read_tabari_header(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && is_digit((unsigned char)s[d])) d++;
    /* 8 digits are TABARI's YYYY mode; only a real date counts, so "12345678 people" stays text */
    bool dated = (d == 6 || d == 8) && date_parse(s, d);
    if (d != 6 && !dated) return false;
    size_t i = d;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i > d) return i < n && !is_space((unsigned char)s[i]);
    /* "950101*INTRO": an id glued on by punctuation, taken only after a real date */
    return dated && i + 1 < n && !is_alnum((unsigned char)s[i]) && !is_space((unsigned char)s[i + 1]);
}

/* The first line that is neither blank nor a '#' comment: is it a record header? */
static bool detect_tabari(reader *r)
{
    size_t k = 0;
    for (;;) {
        size_t start = k;
        int c;
        while ((c = peek_at(r, k)) >= 0 && c != '\n') k++;
        rd_want(r, k);   /* the whole line is buffered now: look at it in place */
        const char *line = r->buf + r->pos + start;
        size_t n = k - start;
        if (!read_blank(line, n) && line[0] != '#') return read_tabari_header(line, n);
        if (c < 0) return false;
        k++;
    }
}

static input_format detect(reader *r)
{
    size_t k = peek_skip_space(r, 0);
    int c = peek_at(r, k);
    if (c == '{') return INPUT_JSONL;
    if (c == '<') return detect_xml(r, k) ? INPUT_PETRARCH : INPUT_TEXT;
    if (c < 0) return INPUT_TEXT;
    return detect_tabari(r) ? INPUT_TABARI : INPUT_TEXT;
}

/* ---- opening and reading ---- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static reader *reader_new(FILE *f, bool own, const char *name, const read_options *opt)
{
    reader *r = xcalloc(1, sizeof *r);
    r->f = f;
    r->own_f = own;
    r->name = xstrdup(name);
    if (opt) r->opt = *opt;
    r->max_story = r->opt.max_story ? r->opt.max_story : READ_DEFAULT_MAX_STORY;
    if (r->max_story > SIZE_MAX / 8) r->max_story = SIZE_MAX / 8;   /* limit arithmetic cannot overflow */
    if (r->opt.default_id) r->text_id = xstrdup(r->opt.default_id);
    else r->text_id = xstrdup(strcmp(name, "-") == 0 ? "stdin" : base_name(name));
    r->line = 1;
    r->cap = READ_BUF_START;
    r->buf = xmalloc(r->cap);
    struct stat sb;
    r->blocks = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
    /* A byte-order mark would spoil the first JSON line or TABARI header. */
    if (rd_looking_at(r, "\xEF\xBB\xBF")) rd_skip(r, 3);
    input_format want = r->opt.format;
    bool known = want > INPUT_AUTO && want <= INPUT_PETRARCH;
    r->format = known ? want : detect(r);
    return r;
}

reader *reader_open(const char *path, const read_options *opt)
{
    if (!path || strcmp(path, "-") == 0) return reader_new(stdin, false, "-", opt);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    return reader_new(f, true, path, opt);
}

reader *reader_open_file(FILE *f, const char *name, const read_options *opt)
{
    if (!f) return NULL;
    return reader_new(f, false, name ? name : "-", opt);
}

input_format reader_format(const reader *r) { return r->format; }

read_status reader_next(reader *r, story *s, strbuf *why)
{
    memset(s, 0, sizeof *s);
    if (!why) why = &r->why;
    sb_clear(why);
    s->file = r->name;
    read_status st = READ_EOF;
    switch (r->format) {
    case INPUT_JSONL: st = read_jsonl(r, s, why); break;
    case INPUT_TABARI: st = read_tabari(r, s, why); break;
    case INPUT_PETRARCH: st = read_petrarch(r, s, why); break;
    default: st = read_text(r, s, why); break;
    }
    if (st == READ_EOF && r->ioerr && !r->ioerr_told) {
        /* The input broke off: say so once rather than pretend it ended. */
        r->ioerr_told = true;
        s->line = r->line;
        sb_adds(why, "read error: the input could not be read to its end");
        return READ_REJECT;
    }
    return st;
}

void reader_close(reader *r)
{
    if (!r) return;
    if (r->own_f) fclose(r->f);
    free(r->name);
    free(r->text_id);
    free(r->buf);
    sb_free(&r->lb);
    sb_free(&r->text);
    sb_free(&r->note);
    sb_free(&r->val);
    sb_free(&r->why);
    sb_free(&r->decoded);
    free(r);
}

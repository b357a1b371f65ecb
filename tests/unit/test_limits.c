/* test_limits.c — unit tests for the size limits (story, sentence, token) and the fuzzers' when-* inputs. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "read/read.h"
#include "text/text.h"
#include "when/when.h"

/* The splitter's cap (SENT_MAX in src/text/sentence.c) and the tokeniser's (MAX_TOKEN in token.c). */
#define SENT_MAX 2000
#define MAX_TOKEN 2048

/* ---- helpers ---- */

/* n bytes of `unit` repeated (the last copy cut short); malloc'd, NUL-terminated. */
static char *repeat(const char *unit, size_t n)
{
    char *s = malloc(n + 1);
    size_t k = strlen(unit);
    for (size_t i = 0; i < n; i++) s[i] = unit[i % k];
    s[n] = 0;
    return s;
}

typedef struct {
    int stories, rejects;
    size_t last_len;      /* text length of the last story read */
    char why[200];        /* reason of the first reject */
    long why_line;        /* its line */
} tally;

/* Read every story of `text` in `format` with the given story limit. */
static tally drain(const char *text, input_format format, size_t max_story)
{
    tally t = {0};
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    read_options o = {0};
    o.format = format;
    o.default_date = 20240101;
    o.max_story = max_story;
    reader *r = reader_open_file(f, "limits", &o);
    strbuf why;
    sb_init(&why);
    story s;
    read_status st;
    while ((st = reader_next(r, &s, &why)) != READ_EOF) {
        if (st == READ_STORY) { t.stories++; t.last_len = s.len; }
        else if (!t.rejects++) { snprintf(t.why, sizeof t.why, "%s", why.s ? why.s : ""); t.why_line = s.line; }
        story_free(&s);
    }
    sb_free(&why);
    reader_close(r);
    fclose(f);
    return t;
}

/* ---- story size, per reader: exactly the limit is read, one byte more is rejected, reading goes on ---- */

static void text_at_limit(void)
{
    char *s = repeat("Russia attacked Ukraine. ", 1000);
    tally t = drain(s, INPUT_TEXT, 1000);
    CHECK_INT(t.stories, 1);
    CHECK_INT(t.last_len, 1000);
    t = drain(s, INPUT_TEXT, 999);
    CHECK_INT(t.stories, 0);
    CHECK_INT(t.rejects, 1);
    CHECK(strstr(t.why, "999 bytes") && strstr(t.why, "--max-story"));
    free(s);
}

static void jsonl_at_limit(void)
{
    char *body = repeat("word ", 100);
    body[99] = 'x';   /* no trailing space: the text is exactly 100 bytes of content */
    size_t n = strlen(body) * 3 + 400;
    char *in = malloc(n);
    snprintf(in, n, "{\"id\":\"a\",\"text\":\"%s\"}\n{\"id\":\"b\",\"text\":\"%s\"}\n"
                    "{\"id\":\"c\",\"text\":\"short\"}\n", body, body);
    tally t = drain(in, INPUT_JSONL, 100);
    CHECK_INT(t.stories, 3);
    t = drain(in, INPUT_JSONL, 99);
    CHECK_INT(t.stories, 1);              /* "c" still read after the two rejects */
    CHECK_INT(t.rejects, 2);
    CHECK_INT(t.why_line, 1);
    CHECK(strstr(t.why, "over the limit of 99") && strstr(t.why, "--max-story"));
    free(in);
    free(body);
}

/* A line so long that it is not even parsed: rejected unread, with the next line still read. */
static void jsonl_overlong_line(void)
{
    size_t big = (size_t)3 << 20;   /* longer than 3 x 64 + 1 MiB */
    char *in = malloc(big + 200);
    strcpy(in, "{\"id\":\"a\",\"text\":\"");
    size_t k = strlen(in);
    memset(in + k, 'a', big);
    strcpy(in + k + big, "\"}\n{\"id\":\"b\",\"text\":\"after\"}\n");
    tally t = drain(in, INPUT_JSONL, 64);
    CHECK_INT(t.rejects, 1);
    CHECK_INT(t.stories, 1);
    CHECK_INT(t.last_len, 5);
    CHECK(strstr(t.why, "line is longer than") != NULL);
    free(in);
}

static void tabari_over_limit(void)
{
    char *long_text = repeat("Russia attacked Ukraine. ", 400);
    size_t n = strlen(long_text) + 200;
    char *in = malloc(n);
    snprintf(in, n, "240101 A-1\n%s\n\n240101 A-2\nFrance condemned Iran.\n\n", long_text);
    tally t = drain(in, INPUT_TABARI, 200);
    CHECK_INT(t.rejects, 1);
    CHECK_INT(t.stories, 1);
    CHECK_INT(t.why_line, 1);
    CHECK(strstr(t.why, "--max-story") != NULL);
    t = drain(in, INPUT_TABARI, 0);       /* 0: the default limit (16 MiB) */
    CHECK_INT(t.stories, 2);
    free(in);
    free(long_text);
}

static void petrarch_over_limit(void)
{
    char *long_text = repeat("Russia attacked Ukraine. ", 400);
    size_t n = strlen(long_text) + 400;
    char *in = malloc(n);
    snprintf(in, n, "<Sentences>\n<Sentence date=\"20240101\" id=\"P-1\"><Text>%s</Text></Sentence>\n"
                    "<Sentence date=\"20240101\" id=\"P-2\"><Text>France condemned Iran.</Text></Sentence>\n"
                    "</Sentences>\n", long_text);
    tally t = drain(in, INPUT_PETRARCH, 200);
    CHECK_INT(t.rejects, 1);
    CHECK_INT(t.stories, 1);
    CHECK(strstr(t.why, "--max-story") != NULL);
    free(in);
    free(long_text);
}

/* ---- sentence size: no span over the cap, spans in order, cut at character boundaries ---- */

static int spans_ok(const char *text, size_t n, const span *v, size_t cnt)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < cnt; i++) {
        if (v[i].start < prev || v[i].end <= v[i].start || v[i].end > n) return 0;
        if (v[i].end - v[i].start > SENT_MAX) return 0;
        if ((text[v[i].start] & 0xC0) == 0x80) return 0;                 /* starts inside a character */
        if (v[i].end < n && (text[v[i].end] & 0xC0) == 0x80) return 0;   /* ends inside one */
        prev = v[i].end;
    }
    return 1;
}

static void check_split(const char *unit, size_t n, size_t min_sentences)
{
    char *s = repeat(unit, n);
    span *v;
    size_t cnt = split_sentences(s, n, &v);
    check_current = unit;
    CHECK(spans_ok(s, n, v, cnt));
    CHECK(cnt >= min_sentences);
    free(v);
    free(s);
}

static void sentence_cap(void)
{
    const size_t mb = (size_t)1 << 20;
    check_split("attacked ", mb, mb / SENT_MAX);            /* one word repeated, no stop */
    check_split("x", mb, mb / SENT_MAX);                    /* no white space at all: cut at the cap */
    check_split("\xC3\xA9", mb, mb / SENT_MAX);             /* é without spaces: cut between characters */
    check_split("\xE2\x80\x9C", mb, mb / SENT_MAX);         /* “ repeated: openers only */
    check_split("\"", mb, mb / SENT_MAX);                   /* quotes: closers that never close a stop */
    check_split(".", mb, 1);                                /* a stop run as long as the text */
    check_split(". ", mb, 1);
    check_split("Mr. ", mb, mb / SENT_MAX);                 /* an abbreviation that never ends a sentence */
    check_split("\xC2\xA0", mb, 0);                         /* NBSP only: white space, no sentence */
    check_split("a\n", mb, mb / SENT_MAX);                  /* line breaks but no paragraph */
}

/* ---- tokens: none longer than the tokeniser's cap, whatever the span handed to it ---- */
/* (The cap is checked before each character, so a token may pass it by the last one's 1-3 more bytes;
   the normalised length must still be exact, not wrapped round in its uint16_t.) */

static void check_tokens(const char *unit, size_t n)
{
    char *s = repeat(unit, n);
    token_list tl = {0};
    tokenize(s, (span){0, (uint32_t)n}, &tl);
    check_current = unit;
    int ok = tl.n > 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < tl.n && ok; i++) {
        const token *t = &tl.t[i];
        ok = t->start >= prev && t->end > t->start && t->end <= n && t->end - t->start < MAX_TOKEN + 4 &&
             strlen(tok_norm(&tl, i)) == t->norm_len;
        prev = t->end;
    }
    CHECK(ok);
    token_list_free(&tl);
    free(s);
}

static void token_cap(void)
{
    check_tokens("a", 100000);                      /* one enormous word */
    check_tokens("\xEF\xB7\xBA", 30000);            /* U+FDFA: one character decomposes to 18 */
    check_tokens("e\xCC\x81", 30000);               /* e + combining accent, repeated */
    check_tokens("U.", 30000);                      /* an abbreviation that never ends */
    check_tokens("1,", 30000);                      /* a number that never ends */
    check_tokens("war-", 30000);                    /* a hyphenated word that never ends */
    check_tokens("'s", 30000);
}

/* ---- time expressions: the inputs that crashed fuzz/fuzz_when.c, replayed the way it ran them then ---- */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = malloc(1 << 16);
    *n = fread(s, 1, 1 << 16, f);
    fclose(f);
    return s;
}

/* The first fuzz_when.c (it has changed since; the inputs stay valid this way): the whole input repaired,
   split, tokenised, and each sentence through when_find against the anchor its first byte picks. */
static void when_replay(const char *path)
{
    static const ymd anchors[] = {0, 20190315, 20200229, 20190101, 20191231, 19991231, 20240301, 20000101};
    size_t size, len;
    char *data = slurp(path, &size);
    CHECK(data != NULL);
    if (!data) return;
    ymd anchor = size ? anchors[(unsigned char)data[0] % (sizeof anchors / sizeof *anchors)] : 0;
    char *text = utf8_repair(data, size, &len, NULL);
    span *sents;
    size_t n = split_sentences(text, len, &sents);
    token_list tl = {0};
    timex_list out = {0};
    for (size_t i = 0; i < n; i++) {
        tokenize(text, sents[i], &tl);
        size_t from = out.n;
        when_find(text, sents[i], &tl, anchor, &out);
        for (size_t k = from; k < out.n; k++)
            CHECK(out.t[k].at.start >= sents[i].start && out.t[k].at.end <= sents[i].end &&
                  memchr(out.t[k].value, 0, sizeof out.t[k].value));
    }
    CHECK(1);   /* reached the end without a sanitizer report */
    timex_list_free(&out);
    token_list_free(&tl);
    free(sents);
    free(text);
    free(data);
}

static void when_regressions(void)
{
    DIR *d = opendir("tests/data/robust");
    CHECK(d != NULL);
    if (!d) return;
    struct dirent *e;
    int replayed = 0;
    char path[512];
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "when-", 5) != 0) continue;
        snprintf(path, sizeof path, "tests/data/robust/%s", e->d_name);
        check_current = e->d_name;
        when_replay(path);
        replayed++;
    }
    closedir(d);
    CHECK(replayed >= 2);   /* the inputs are there: a missing folder must not pass quietly */
}

int main(void)
{
    RUN(text_at_limit);
    RUN(jsonl_at_limit);
    RUN(jsonl_overlong_line);
    RUN(tabari_over_limit);
    RUN(petrarch_over_limit);
    RUN(sentence_cap);
    RUN(token_cap);
    RUN(when_regressions);
    return check_done();
}

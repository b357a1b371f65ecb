/* test_read_fast.c — the JSONL reader's fast path against jansson: escapes at every offset of a word; a
   regular file (read in blocks) against the same bytes through a pipe (read a line at a time). */
#include "check.h"
#include "read/read.h"
#include "text/text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string body drawn from what the scanner treats apart: escapes of every kind, raw UTF-8,
   quotes and backslashes (escaped), runs of plain ASCII of every length, and now and then a raw byte
   that is invalid UTF-8 (the line is then repaired before it is scanned). */
static void random_body(strbuf *b, unsigned *seed, bool invalid)
{
    static const char *const pieces[] = {"\\n", "\\\"", "\\\\", "\\/", "\\t", "\\r", "\\b", "\\f", "\\u00e9",
                                         "\\u20ac", "\\u0001", "\\u001f", "\\uFFFD", "\\u0041", "\xc3\xa9",
                                         "\xe2\x80\x9c", "\xf0\x9f\x98\x80", " ", "."};
    size_t n = (size_t)rand_r(seed) % 120;
    for (size_t i = 0; i < n; i++) {
        unsigned r = (unsigned)rand_r(seed);
        if (r % 3) {
            for (unsigned k = r / 3 % 11; k; k--) sb_addc(b, (char)('a' + (r + k) % 26));
        } else {
            sb_adds(b, pieces[r / 3 % (sizeof pieces / sizeof *pieces)]);
        }
        /* broken sequences of every kind: a bad lead, truncated before a quote, an escape or ASCII,
           overlong, a surrogate, past U+10FFFF, a stray continuation byte */
        static const char *const bad[] = {"\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\xc0\xaf", "\xe0\x80\xaf",
                                          "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\xbf\xbf", "\xf5\x80"};
        if (invalid && r % 17 == 0) sb_adds(b, bad[r / 17 % (sizeof bad / sizeof *bad)]);
    }
}

/* The fields as jansson decodes the (repaired) line: the reader's slow path. */
static void jansson_fields(const char *line, size_t n, char **text, size_t *text_len, char **title)
{
    size_t fixes = 0, len;
    char *fixed = utf8_repair(line, n, &len, &fixes);
    json_error_t err;
    json_t *o = json_loadb(fixed, len, 0, &err);
    free(fixed);
    *text = NULL, *title = NULL, *text_len = 0;
    if (!o) return;
    json_t *t = json_object_get(o, "text"), *ti = json_object_get(o, "title");
    *text_len = json_string_length(t);
    *text = xstrndup(json_string_value(t), *text_len);
    *title = xstrdup(json_string_value(ti));
    json_decref(o);
}

static void test_escapes_everywhere(void)
{
    unsigned seed = 11;
    for (int round = 0; round < 2000; round++) {
        strbuf line;
        sb_init(&line);
        sb_adds(&line, "{\"id\":\"r\",\"date\":\"2024-01-02\",\"title\":\"");
        random_body(&line, &seed, round % 4 == 3);
        sb_adds(&line, "\",\"text\":\"x");   /* never blank */
        random_body(&line, &seed, round % 4 == 3);
        sb_adds(&line, "\"}");
        char *want_text, *want_title;
        size_t want_len;
        jansson_fields(line.s, line.len, &want_text, &want_len, &want_title);
        CHECK(want_text != NULL);
        FILE *f = tmpfile();
        CHECK(f != NULL);
        if (!f || !want_text) { sb_free(&line); free(want_text); free(want_title); if (f) fclose(f); continue; }
        fwrite(line.s, 1, line.len, f);
        rewind(f);
        reader *r = reader_open_file(f, "t.jsonl", NULL);
        story s;
        strbuf why;
        sb_init(&why);
        CHECK_INT(reader_next(r, &s, &why), READ_STORY);
        CHECK(s.len == want_len && s.text && memcmp(s.text, want_text, want_len) == 0);
        CHECK_STR(s.title, want_title);
        story_free(&s);
        reader_close(r);
        fclose(f);
        sb_free(&why);
        sb_free(&line);
        free(want_text);
        free(want_title);
    }
}

/* Every story of f as "status|line|id|date|len|text|why" lines, malloc'd. */
static char *all_stories(FILE *f)
{
    read_options o = {.format = INPUT_JSONL};
    reader *r = reader_open_file(f, "x", &o);
    strbuf out, why;
    sb_init(&out), sb_init(&why);
    story s;
    read_status st;
    while ((st = reader_next(r, &s, &why)) != READ_EOF) {
        sb_addf(&out, "%d|%ld|%s|%d|%zu|", (int)st, s.line, s.id ? s.id : "-", (int)s.date, s.len);
        if (s.text) sb_add(&out, s.text, s.len);
        sb_addf(&out, "|%s\n", why.s ? why.s : "");
        story_free(&s);
    }
    reader_close(r);
    sb_free(&why);
    sb_add(&out, "", 0);
    return sb_take(&out);
}

/* Lines across the 64 KB buffer's edges, one longer than it, a NUL inside a line, CRLF, blank lines and
   no final newline: read from a regular file in blocks, the stories are those read through a pipe. */
static void test_blocks_and_pipe(void)
{
    strbuf in;
    sb_init(&in);
    for (int i = 0; i < 300; i++) {
        sb_addf(&in, "{\"id\":\"s%d\",\"date\":\"2024-01-02\",\"text\":\"", i);
        for (int k = 0; k < (i * 7919) % 1500 + (i == 150 ? 70000 : 0); k++) sb_addc(&in, (char)('a' + k % 26));
        sb_adds(&in, i % 50 == 7 ? "\"}\r\n" : i % 60 == 9 ? "\"}\n\n" : "\"}\n");
        static const char with_nul[] = "{\"id\":\"nul\",\"te\0xt\":\"a\"}\n";
        if (i == 200) sb_add(&in, with_nul, sizeof with_nul - 1);
    }
    sb_adds(&in, "{\"id\":\"last\",\"date\":\"2024-01-02\",\"text\":\"end\"}");
    char path[] = "/tmp/dyad-test-blocks-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w+b");
    fwrite(in.s, 1, in.len, f);
    rewind(f);
    char *from_file = all_stories(f);
    fclose(f);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "cat %s", path);
    FILE *p = popen(cmd, "r");
    char *from_pipe = p ? all_stories(p) : NULL;
    if (p) pclose(p);
    remove(path);
    CHECK(from_pipe && strcmp(from_file, from_pipe) == 0);
    CHECK(strstr(from_file, "|s150|") && strstr(from_file, "|last|") && strstr(from_file, "|nul|"));
    free(from_file), free(from_pipe);
    sb_free(&in);
}

int main(void)
{
    RUN(test_escapes_everywhere);
    RUN(test_blocks_and_pipe);
    return check_done();
}

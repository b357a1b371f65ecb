/* test_read_fast.c — the JSONL reader's fast path against jansson: escapes at every offset of a word. */
#include "check.h"
#include "read/read.h"
#include "text/text.h"

#include <jansson.h>
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
        if (invalid && r % 17 == 0) sb_addc(b, (char)0xff);
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
    for (int round = 0; round < 400; round++) {
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

int main(void)
{
    RUN(test_escapes_everywhere);
    return check_done();
}

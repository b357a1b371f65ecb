/* test_read_fast.c — the JSONL reader's fast path against jansson: escapes at every offset of a word; a
   regular file (read in blocks) against the same bytes through a pipe (read a line at a time). */
#include "check.h"
#include "read/read.h"
#include "read/read_internal.h"
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

/* A temporary file holding line, read from its start (NULL when none can be made). */
static FILE *file_of(const strbuf *line)
{
    FILE *f = tmpfile();
    if (!f) return NULL;
    fwrite(line->s, 1, line->len, f);
    rewind(f);
    return f;
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
        FILE *f = file_of(&line);
        CHECK(f != NULL);
        if (!f || !want_text) { sb_free(&line); free(want_text); free(want_title); if (f) fclose(f); continue; }
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

/* jansson's string at key, or NULL. */
static char *jansson_string(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? xstrndup(json_string_value(v), json_string_length(v)) : NULL;
}

static bool same_opt(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

/* Short values and keys, which the fast path takes where they stand when they need no decoding: every
   field of the story against jansson, values of 0-20 bytes (plain, or with an escape, a control, a byte
   from 0x80 up at any place), unknown keys of the same kinds, in random order and spacing, so that a
   string ends at every distance from the end of the line. */
static void test_short_strings(void)
{
    static const char *const odd[] = {"\\n", "\\\"", "\\u00e9", "\xc3\xa9", "\\/", "\x01", "\xff"};
    static const char *const keys[] = {"id", "date", "title", "source", "url", "xy", "tex", "texts", "t\\u0065xt",
                                       "\xc3\xa9", "source_", "i"};
    unsigned seed = 29;
    for (int round = 0; round < 4000; round++) {
        strbuf line;
        sb_init(&line);
        sb_adds(&line, "{\"text\":\"x y\",\"date\":\"2024-01-02\"");
        int nf = rand_r(&seed) % 6;
        bool has_id = false;
        for (int f = 0; f < nf || !has_id; f++) {
            const char *key = f >= nf ? "id" : keys[rand_r(&seed) % (int)(sizeof keys / sizeof *keys)];
            if (!strcmp(key, "date")) key = "url";
            has_id |= !strcmp(key, "id");
            sb_addf(&line, ",%s\"%s\"%s:%s\"", rand_r(&seed) % 4 ? "" : " ", key, rand_r(&seed) % 3 ? "" : " ",
                    rand_r(&seed) % 3 ? "" : " ");
            size_t n = (size_t)rand_r(&seed) % 21;
            for (size_t k = 0; k < n; k++) sb_addc(&line, (char)('a' + rand_r(&seed) % 26));
            if (rand_r(&seed) % 3 == 0) sb_adds(&line, odd[rand_r(&seed) % (int)(sizeof odd / sizeof *odd)]);
            if (rand_r(&seed) % 2) sb_adds(&line, "qq");
            sb_addc(&line, '"');
        }
        sb_adds(&line, rand_r(&seed) % 2 ? "}" : " } ");
        size_t fixes = 0, len = line.len;   /* jansson on the line as the reader gives it: repaired when invalid */
        bool invalid = utf8_first_invalid(line.s, line.len) < line.len;
        char *fixed = invalid ? utf8_repair(line.s, line.len, &len, &fixes) : NULL;
        json_error_t err;
        json_t *o = json_loadb(invalid ? fixed : line.s, len, 0, &err);
        free(fixed);
        FILE *f = file_of(&line);
        CHECK(f != NULL);
        if (!f) { sb_free(&line); if (o) json_decref(o); continue; }
        reader *r = reader_open_file(f, "t.jsonl", NULL);
        story s;
        strbuf why;
        sb_init(&why);
        read_status st = reader_next(r, &s, &why);
        char *id = o ? jansson_string(o, "id") : NULL, *jtext = o ? jansson_string(o, "text") : NULL;
        bool blank = !jtext || strspn(jtext, " \t\n\r") == strlen(jtext);   /* "t\u0065xt":"" replaces the text */
        free(jtext);
        if (o && id && *id && !blank) {
            char *title = jansson_string(o, "title"), *source = jansson_string(o, "source"), *url = jansson_string(o, "url"),
                 *text = jansson_string(o, "text");
            CHECK_INT(st, READ_STORY);
            CHECK(st == READ_STORY && same_opt(s.id, id) && same_opt(s.title, title) && same_opt(s.source, source) &&
                  same_opt(s.url, url) && s.date == 20240102 && same_opt(s.text, text));
            free(title), free(source), free(url), free(text);
        } else {
            CHECK_INT(st, READ_REJECT);
        }
        free(id);
        if (o) json_decref(o);
        story_free(&s);
        reader_close(r);
        fclose(f);
        sb_free(&why);
        sb_free(&line);
    }
}

/* A story the fast path takes has its strings in one block (story.block), each as jansson reads it, the
   absent ones NULL; a story it refuses (a bad date, a blank or too long text) is made as before: no
   block, the reason the same. */
static void test_one_block(void)
{
    static const char *const lines[] = {
        "{\"id\":\"a1\",\"date\":\"2024-01-02\",\"text\":\"Gondor praised Arnor.\"}",
        "{\"text\":\"T\\u00e9xt\\n\",\"url\":\"http://x/y\",\"id\":\"b\",\"source\":\"wire\",\"date\":\"20240102\",\"title\":\"\"}",
        "{\"id\":\"c\",\"title\":\"A \\\"quoted\\\" title that runs past sixteen bytes\",\"date\":\"2024-01-02T10:00\",\"text\":\"x\",\"source\":\"\"}",
        "{\"id\":\"d\",\"date\":\"2024-13-02\",\"text\":\"Bad date.\",\"title\":\"t\"}",
        "{\"id\":\"e\",\"date\":\"2024-01-02\",\"text\":\"  \\n \",\"title\":\"t\"}",
        "{\"id\":\"f\",\"date\":\"2024-01-02\",\"text\":\"0123456789012345678901234\"}",
    };
    static const char *const keys[] = {"id", "text", "title", "source", "url"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        strbuf line, why;
        sb_init(&line), sb_init(&why);
        sb_adds(&line, lines[i]);
        FILE *f = file_of(&line);
        if (!f) { CHECK(f != NULL); sb_free(&line); continue; }
        read_options o = {.max_story = 24};   /* the last line's text is one byte too long */
        reader *r = reader_open_file(f, "t.jsonl", &o);
        story s;
        read_status st = reader_next(r, &s, &why);
        bool taken = i < 3;
        CHECK_INT(st, taken ? READ_STORY : READ_REJECT);
        CHECK(taken ? s.block != NULL : s.block == NULL);
        if (!taken) CHECK(why.len > 0 && s.id && s.id[0] == "def"[i - 3]);
        json_error_t err;
        json_t *obj = json_loads(lines[i], 0, &err);
        CHECK(obj != NULL);
        for (size_t k = 0; taken && obj && k < sizeof keys / sizeof *keys; k++) {
            const char *got = k == 0 ? s.id : k == 1 ? s.text : k == 2 ? s.title : k == 3 ? s.source : s.url;
            json_t *v = json_object_get(obj, keys[k]);
            if (!v) { CHECK(got == NULL); continue; }
            CHECK(got != NULL && strcmp(got, json_string_value(v)) == 0);
            if (k == 1) CHECK(s.len == json_string_length(v));
        }
        json_decref(obj);
        story_free(&s);
        reader_close(r);
        fclose(f);
        sb_free(&why), sb_free(&line);
    }
}

/* rd_line_ref (the line where it lies in the buffer) against rd_line (a copy): the same bytes, the same
   overlong flag and line count, for lines across the buffer's edges, longer than the limit, with CR, CR
   CR, NUL, empty, and a last line without a newline; from a file (blocks) and a pipe (a line at a time). */
static void test_line_in_place(void)
{
    strbuf text;
    sb_init(&text);
    unsigned seed = 5;
    for (int i = 0; i < 400; i++) {
        unsigned r = (unsigned)rand_r(&seed);
        size_t len = r % 7 == 0 ? 60000 + r % 20000 : r % 300;
        for (size_t k = 0; k < len; k++) sb_addc(&text, (char)('a' + (int)((r + k) % 26)));
        if (r % 11 == 0) sb_add(&text, "x\0y", 3);
        sb_adds(&text, r % 5 == 0 ? "\r\n" : r % 13 == 0 ? "\r\r\n" : "\n");
    }
    sb_adds(&text, "last line, no newline\r");
    for (int pipe_it = 0; pipe_it < 2; pipe_it++)
        for (size_t limit = 100; limit < 200000; limit *= 1000) {
            FILE *fa = pipe_it ? fmemopen(text.s, text.len, "rb") : file_of(&text);
            FILE *fb = pipe_it ? fmemopen(text.s, text.len, "rb") : file_of(&text);
            if (!fa || !fb) { CHECK(fa && fb); if (fa) fclose(fa); if (fb) fclose(fb); continue; }
            read_options o = {.format = INPUT_JSONL};
            reader *ra = reader_open_file(fa, "a", &o), *rb = reader_open_file(fb, "b", &o);
            strbuf la, lb;
            sb_init(&la), sb_init(&lb);
            size_t lines = 0, bad = 0;
            for (;;) {
                bool oa = false, ob = false;
                const char *p;
                size_t n;
                int ga = rd_line(ra, &la, limit, &oa), gb = rd_line_ref(rb, &lb, limit, &ob, &p, &n);
                if (ga != gb) { bad++; break; }
                if (!ga) break;
                lines++;
                bad += oa != ob || n != la.len || (n && memcmp(p, la.s, n) != 0) || ra->line != rb->line;
            }
            CHECK(lines > 400);
            CHECK_INT((long)bad, 0);
            sb_free(&la), sb_free(&lb);
            reader_close(ra), reader_close(rb);
            fclose(fa), fclose(fb);
        }
    sb_free(&text);
}

int main(void)
{
    RUN(test_escapes_everywhere);
    RUN(test_blocks_and_pipe);
    RUN(test_short_strings);
    RUN(test_one_block);
    RUN(test_line_in_place);
    return check_done();
}

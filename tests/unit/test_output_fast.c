/* test_output_fast.c — the JSON writer's in-place escaping against a byte-by-byte version: every length
   up to a few words, the byte to escape at every offset (the whole-word stores and the short tail); the
   JSONL writer's short strings, FILE:LINE and per-code fields against the same. */
#include "check.h"
#include "reference.h"
#include "base/util.h"
#include "output/output.h"
#include "output/output_internal.h"

#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_every_offset(void)
{
    static const char specials[] = "\"\\\n\t\r\x01\x1f";
    char s[40], out[JSON_ESCAPED_MAX(40)];
    strbuf want, got;
    sb_init(&want), sb_init(&got);
    for (size_t n = 0; n <= sizeof s; n++)
        for (size_t at = 0; at <= n; at++)   /* at == n: no byte to escape */
            for (size_t k = 0; k < sizeof specials - 1; k++) {
                for (size_t i = 0; i < n; i++) s[i] = (char)(i % 2 ? 0xC3 : 'a' + (int)(i % 26));   /* high bytes too */
                if (at < n) s[at] = specials[k];
                sb_clear(&want), sb_clear(&got);
                json_escape_reference(&want, s, n);
                char *end = json_escape_to(out, s, n);
                sb_add(&want, "", 0);   /* a buffer even when nothing was escaped */
                CHECK((size_t)(end - out) == want.len && memcmp(out, want.s, want.len) == 0);
                sb_add_json(&got, s, n);
                CHECK(got.s && got.len == want.len && memcmp(got.s, want.s, want.len) == 0 && got.s[got.len] == 0);
            }
    sb_free(&want), sb_free(&got);
}

/* Longer than one reservation chunk, with escapes across the chunk boundary. */
static void test_long(void)
{
    size_t n = 10000;
    char *s = xmalloc(n);
    for (size_t i = 0; i < n; i++) s[i] = i % 97 == 0 ? '\n' : i % 89 == 0 ? '"' : (char)('a' + (int)(i % 26));
    strbuf want, got;
    sb_init(&want), sb_init(&got);
    sb_adds(&got, "x");
    sb_adds(&want, "x");
    json_escape_reference(&want, s, n);
    sb_add_json(&got, s, n);
    CHECK(got.len == want.len && memcmp(got.s, want.s, want.len) == 0);
    sb_free(&want), sb_free(&got);
    free(s);
}

/* One JSONL line for e (without its newline), malloc'd. */
static char *jsonl(const event *e)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    writer *w = writer_open(f, FORMAT_JSONL);
    writer_event(w, e);
    CHECK_INT(writer_close(w), 0);
    fclose(f);
    if (len && out[len - 1] == '\n') out[len - 1] = 0;
    return out;
}

/* Whether line holds "key": with the escaped form of s (n bytes) as its string value. */
static bool has_field(const char *line, const char *key, const char *s, size_t n)
{
    strbuf want;
    sb_init(&want);
    sb_addf(&want, "\"%s\":\"", key);
    json_escape_reference(&want, s, n);
    sb_addc(&want, '"');
    bool ok = strstr(line, want.s) != NULL;
    sb_free(&want);
    return ok;
}

/* The writer's own short-string paths (whole words up to 16 bytes, two or three blocks of 16 up to 48):
   every length around them with each byte to escape at each offset, in the id, the title, the actors
   (whose arrays hold other bytes after the NUL), the pattern and FILE of FILE:LINE. */
static void test_short_fields(void)
{
    static const char specials[] = "\"\\\n\t\x01\x1f";
    char text[] = "Gondor praised Arnor.";
    char s[56];
    for (size_t n = 1; n < sizeof s; n++)
        for (size_t at = 0; at <= n; at++)
            for (size_t k = 0; k < sizeof specials - 1; k++) {
                for (size_t i = 0; i < n; i++) s[i] = (char)(i % 3 == 2 ? 0xC3 : 'a' + (int)(i % 26));
                if (at < n) s[at] = specials[k];
                s[n] = 0;
                story st = {.id = s, .title = s, .text = text, .len = strlen(text), .date = 20240102};
                event e;
                memset(&e, 0, sizeof e);
                e.story = &st;
                e.sentence = 1;
                e.sent = (span){0, 21};
                bool actors = n < ACTOR_CODE_MAX;
                memset(e.source, 'Q', sizeof e.source), memset(e.target, '"', sizeof e.target);
                if (actors) memcpy(e.source, s, n + 1), memcpy(e.target, s, n + 1);
                strcpy(e.code, "051");
                e.pattern = s;
                e.pattern_where = s;
                e.pattern_line = 7;
                char *line = jsonl(&e);
                char where[64];
                snprintf(where, sizeof where, "%s:7", s);
                CHECK(has_field(line, "story_id", s, n) && has_field(line, "title", s, n) &&
                      (!actors || (has_field(line, "source", s, n) && has_field(line, "target", s, n))) &&
                      has_field(line, "pattern", s, n) && has_field(line, "pattern_where", where, n + 2));
                free(line);
            }
}

/* The actors' lengths, read from their arrays whole: every length from empty to the last byte before
   the array's end, whatever follows the NUL (a NUL too, a byte to escape, a letter). */
static void test_actor_lengths(void)
{
    char text[] = "Gondor praised Arnor.", id[] = "s1";
    story st = {.id = id, .text = text, .len = strlen(text), .date = 20240102};
    static const char after[] = {0, '"', 'Z'};
    for (size_t n = 0; n < ACTOR_CODE_MAX; n++)
        for (size_t k = 0; k < sizeof after; k++) {
            event e;
            memset(&e, 0, sizeof e);
            e.story = &st;
            e.sent = (span){0, 21};
            strcpy(e.code, "051");
            memset(e.source, after[k], sizeof e.source), memset(e.target, after[k], sizeof e.target);
            for (size_t i = 0; i < n; i++) e.source[i] = (char)('A' + (int)(i % 26)), e.target[i] = (char)('a' + (int)(i % 26));
            e.source[n] = e.target[n] = 0;
            char *line = jsonl(&e);
            CHECK(has_field(line, "source", e.source, n) && has_field(line, "target", e.target, n));
            free(line);
        }
}

/* FILE:LINE as before: ":LINE" for an empty FILE, FILE alone when the two would not fit 320 bytes. */
static void test_pattern_where(void)
{
    char text[] = "Gondor praised Arnor.", id[] = "s1";
    story st = {.id = id, .text = text, .len = strlen(text), .date = 20240102};
    event e;
    memset(&e, 0, sizeof e);
    e.story = &st;
    e.sent = (span){0, 21};
    strcpy(e.code, "051");
    e.pattern_where = "";
    e.pattern_line = 12;
    char *line = jsonl(&e);
    CHECK(strstr(line, "\"pattern_where\":\":12\"") != NULL);
    free(line);
    char big[330];
    memset(big, 'f', sizeof big - 1);
    big[sizeof big - 1] = 0;
    for (size_t n = 310; n < sizeof big; n++) {
        big[n] = 0;
        e.pattern_where = big;
        e.pattern_line = 123;   /* n + 4 bytes with its colon: FILE alone from 316 on */
        line = jsonl(&e);
        char tail[8];
        snprintf(tail, sizeof tail, "%s", n + 4 < 320 ? ":123\"" : "\",\"");
        const char *at = strstr(line, "\"pattern_where\":\"");
        CHECK(at && strncmp(at + 17 + n, tail, strlen(tail)) == 0);
        free(line);
        big[n] = 'f';
    }
}

/* The fields that follow from the code (kept per code by the writer) are right for every code of the
   table and for unknown ones of every length (the memo's key reads the code's array whole: its NUL at
   each place), met in an order that makes codes share the writer's slots; in the last round the bytes
   after the code's NUL are not zero (they must not count). Each event is written by a fresh writer (its
   line is checked) and by one writer for all (which must give the same lines: its memo is met again). */
static void test_code_fields(void)
{
    char text[] = "Gondor praised Arnor.", id[] = "s1";
    story st = {.id = id, .text = text, .len = strlen(text), .date = 20240102};
    const char *extra[] = {"99", "0\"1", "12345678901", "1", "12345", "123456", "1234567", "12345678",
                           "123456789", "1234567890", "0101", "010"};
    size_t ncodes = cameo_count(), nextra = sizeof extra / sizeof *extra;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    writer *w = writer_open(f, FORMAT_JSONL);
    strbuf lines;
    sb_init(&lines);
    for (size_t round = 0; round < 3; round++)
        for (size_t i = 0; i < ncodes + nextra; i++) {
            event e;
            memset(&e, 0, sizeof e);
            if (round == 2) memset(e.code, 'Z' + (int)(i % 3), sizeof e.code);
            e.story = &st;
            e.sent = (span){0, 21};
            size_t k = round == 1 ? ncodes + nextra - 1 - i : i;   /* backwards once */
            snprintf(e.code, sizeof e.code, "%s", k < ncodes ? cameo_at(k)->code : extra[k - ncodes]);
            char *line = jsonl(&e);
            writer_event(w, &e);
            sb_adds(&lines, line);
            sb_addc(&lines, '\n');
            const cameo_info *ci = cameo_lookup(e.code);
            char root[3], want[400];
            cameo_root(e.code, root);
            strbuf code;
            sb_init(&code);
            json_escape_reference(&code, e.code, strlen(e.code));
            if (ci)
                snprintf(want, sizeof want, "\"code\":\"%s\",\"root\":%s%s%s,\"quad_class\":%d,\"goldstein\":%.1f,\"plover\":%s%s%s,",
                         code.s, *root ? "\"" : "", *root ? root : "null", *root ? "\"" : "", ci->quad_class,
                         ci->goldstein, *ci->plover ? "\"" : "", *ci->plover ? ci->plover : "null", *ci->plover ? "\"" : "");
            else
                snprintf(want, sizeof want, "\"code\":\"%s\",\"root\":%s%s%s,\"quad_class\":null,\"goldstein\":null,\"plover\":null,",
                         code.s, *root ? "\"" : "", *root ? root : "null", *root ? "\"" : "");
            CHECK(strstr(line, want) != NULL);
            sb_free(&code);
            free(line);
        }
    CHECK_INT(writer_close(w), 0);
    fclose(f);
    CHECK(len == lines.len && memcmp(out, lines.s, len) == 0);
    sb_free(&lines);
    free(out);
}

/* One writer for many events gives each the line a fresh writer gives it, whatever the writer keeps from
   event to event (the pattern and place memos): places and patterns from a few buffers whose bytes change between events (the
   same pointers, other strings: a dictionary freed and another loaded), NULLs, other lines. */
static void test_kept_fields(void)
{
    char text[] = "Gondor praised Arnor.", id[] = "s1";
    story st = {.id = id, .text = text, .len = strlen(text), .date = 20240102};
    char pool[6][40];
    for (size_t b = 0; b < 6; b++) snprintf(pool[b], sizeof pool[b], "PAT%zu", b);
    char names[2][24] = {"Minas", "Anorien"};
    place places[3] = {{.name = names[0], .country = "GON", .admin1 = names[1], .lat = 1.5, .lon = 2.25, .precision = 1},
                       {.name = names[1], .country = "ARN", .lat = NAN, .lon = NAN, .precision = 3},
                       {.name = "Bree", .country = "ERI", .admin1 = "Shire", .lat = -3, .lon = 4, .precision = 2}};
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    writer *w = writer_open(f, FORMAT_JSONL);
    strbuf want;
    sb_init(&want);
    unsigned seed = 12345;
    for (int i = 0; i < 3000; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        if (r % 7 == 0) {   /* rewrite a buffer in place: same pointer, another string */
            char *p = pool[r / 7 % 6];
            size_t n = 1 + r / 42 % 30;
            for (size_t k = 0; k < n; k++) p[k] = (char)('a' + (r >> (k % 16)) % 26);
            if (r % 5 == 0) p[n / 2] = '"';
            p[n] = 0;
        }
        event e;
        memset(&e, 0, sizeof e);
        e.story = &st;
        e.sentence = 1;
        e.sent = (span){0, 21};
        strcpy(e.code, "051");
        e.pattern = r % 11 == 0 ? NULL : pool[r % 3];
        e.pattern_where = r % 13 == 0 ? NULL : pool[3 + r / 3 % 3];
        e.pattern_line = (int)(r / 9 % 4);
        if (r % 4) {   /* a place from a few, whose values and strings change in place */
            place *pl = &places[r / 4 % 3];
            unsigned m = r / 12 % 8;   /* one change at a time, so that each alone must be seen */
            if (m == 0) snprintf(names[r / 96 % 2], sizeof names[0], "%s%c", r % 2 ? "Q\"" : "Gondor", 'a' + (int)(r / 18 % 26));
            if (m == 1) pl->name = r % 3 == 0 ? NULL : names[r / 96 % 2];
            if (m == 2) pl->admin1 = r % 3 == 0 ? NULL : names[r / 96 % 2];
            if (m == 3) pl->lat = r % 7 == 0 ? NAN : (double)(r % 1000) / 7;
            if (m == 4) pl->lon = -(double)(r % 997) / 3;
            if (m == 5) pl->country[r % 3] = (char)('A' + r / 3 % 26);
            if (m == 6) pl->precision = (uint8_t)(1 + r % 3);
            e.location = pl;
            e.location_span = (span){0, 6};
        }
        writer_event(w, &e);
        char *line = jsonl(&e);
        sb_adds(&want, line);
        sb_addc(&want, '\n');
        free(line);
    }
    CHECK_INT(writer_close(w), 0);
    fclose(f);
    CHECK(len == want.len && memcmp(out, want.s, len) == 0);
    sb_free(&want);
    free(out);
}

/* Coordinates written by hand against printf's "%ld.%05ld" of the rounded value: random ones of every
   size and sign, and each fraction 0-99999 once. */
static void test_coordinates_random(void)
{
    strbuf b;
    sb_init(&b);
    unsigned seed = 77;
    for (long i = 0; i < 300000; i++) {
        double x;
        if (i < 100000) x = (double)i / 100000 + (double)(i % 181);
        else x = ((double)rand_r(&seed) / RAND_MAX - 0.5) * (i % 3 == 0 ? 360 : i % 3 == 1 ? 2 : 2e7);
        sb_clear(&b);
        add_coord(&b, x);
        long v = lround(x * 100000);
        char want[64];
        snprintf(want, sizeof want, "%s%ld.%05ld", v < 0 ? "-" : "", labs(v) / 100000, labs(v) % 100000);
        if (strcmp(b.s, want) != 0) { CHECK_STR(b.s, want); break; }
    }
    CHECK(true);
    sb_free(&b);
}

int main(void)
{
    RUN(test_every_offset);
    RUN(test_long);
    RUN(test_short_fields);
    RUN(test_actor_lengths);
    RUN(test_pattern_where);
    RUN(test_code_fields);
    RUN(test_kept_fields);
    RUN(test_coordinates_random);
    return check_done();
}

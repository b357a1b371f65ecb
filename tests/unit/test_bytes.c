/* test_bytes.c — unit tests for the byte-level fast paths (eight bytes at a time, no printf): each must
   give what the plain byte-by-byte or printf version gives, on random and edge-case input. */
#include "check.h"
#include "reference.h"
#include "base/util.h"
#include "output/output_internal.h"
#include "read/read.h"
#include "text/text.h"

#include <math.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>

/* Random bytes drawn mostly from the ones the scans care about: controls, quote, backslash, NUL, high. */
static void random_bytes(char *s, size_t n, unsigned *seed)
{
    static const char pick[] = "aZ \"\\\n\t\r\x01\x1f\x7f\x80\xc3\xa9\xe2\x82\xac\xff\xf0\x9f\x98\x80";
    for (size_t i = 0; i < n; i++) {
        unsigned r = (unsigned)rand_r(seed);
        s[i] = r % 4 ? (char)('a' + r % 26) : pick[r / 4 % (sizeof pick)];   /* sizeof: NUL included */
    }
}

static void test_json_escape(void)
{
    unsigned seed = 7;
    char s[300];
    strbuf fast, plain;
    sb_init(&fast), sb_init(&plain);
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)rand_r(&seed) % sizeof s;
        random_bytes(s, n, &seed);
        if (round % 3 == 0) memset(s, 'x', n / 2);   /* long plain runs, then specials */
        sb_clear(&fast), sb_clear(&plain);
        sb_add_json(&fast, s, n);
        json_escape_reference(&plain, s, n);
        CHECK(fast.len == plain.len && memcmp(fast.s, plain.s, fast.len) == 0);
    }
    sb_free(&fast), sb_free(&plain);
}

/* The first byte that is NUL or starts no valid UTF-8 sequence, as utf8proc decodes. */
static size_t first_invalid_plain(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0) return i;
        i += (size_t)k;
    }
    return n;
}

static void test_utf8_scan(void)
{
    unsigned seed = 11;
    char s[200];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)rand_r(&seed) % sizeof s;
        random_bytes(s, n, &seed);
        size_t keep = (size_t)rand_r(&seed) % (n + 1);
        for (size_t i = 0; i < keep; i++) s[i] = (char)('a' + i % 26);   /* an ASCII run of any length */
        CHECK_INT(utf8_first_invalid(s, n), first_invalid_plain(s, n));
    }
    CHECK_INT(utf8_first_invalid("abcdefgh\0ijk", 12), 8);
    CHECK_INT(utf8_first_invalid("abcdefghijklmno\x80", 16), 15);
    CHECK_INT(utf8_first_invalid("abcdefghijklmnop", 16), 16);
}

static void test_date_format(void)
{
    static const ymd dates[] = {20240305, 19870101, 99991231, 10101, 1, 5, 101, 123456789, 2147483647};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        char got[11], want[16];
        ymd d = dates[i];
        date_format(d, got);
        snprintf(want, sizeof want, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
        CHECK_STR(got, want);
    }
    char none[11] = "x";
    date_format(0, none);
    CHECK_STR(none, "");
}

static void test_coordinates(void)
{
    static const double xs[] = {0, -0.0, 1, -1, 12.5186, -12.5186, 0.000004, -0.000004, 0.000005, -0.000006,
                                179.999999, -180, 90, 45.123455, 1e6, -123456.7};
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        sb_clear(&b);
        add_coord(&b, xs[i]);
        long v = lround(xs[i] * 100000);
        char want[64];
        snprintf(want, sizeof want, "%s%ld.%05ld", v < 0 ? "-" : "", labs(v) / 100000, labs(v) % 100000);
        CHECK_STR(b.s, want);
    }
    sb_clear(&b);
    add_coord(&b, NAN);
    CHECK_INT(b.len, 0);
    sb_free(&b);
}

/* Lines longer than the reader's fill window, a NUL byte inside a line (read as U+0000, then repaired),
   and no final newline: every story arrives whole, with its own length. */
static void test_reader_lines(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f) return;
    static const size_t sizes[] = {10, 4094, 4095, 4096, 4097, 9000, 70000};
    enum { N = sizeof sizes / sizeof *sizes };
    static const char nul_line[] = "{\"id\":\"nul\",\"date\":\"2024-01-02\",\"text\":\"a\0b\"}\n";
    for (size_t k = 0; k < N; k++) {
        fprintf(f, "{\"id\":\"s%zu\",\"date\":\"2024-01-02\",\"text\":\"", k);
        for (size_t i = 0; i < sizes[k]; i++) fputc(i % 50 == 49 ? ' ' : 'a' + (int)(i % 26), f);
        fputs("\"}\n", f);
        if (k == 2) fwrite(nul_line, 1, sizeof nul_line - 1, f);
    }
    fputs("{\"id\":\"last\",\"date\":\"2024-01-02\",\"text\":\"no newline\"}", f);
    rewind(f);
    reader *r = reader_open_file(f, "t.jsonl", NULL);
    story s;
    strbuf why;
    sb_init(&why);
    size_t got[N + 2] = {0}, k = 0;
    bool last_ok = false;
    while (reader_next(r, &s, &why) == READ_STORY) {
        if (k < N + 2) got[k] = s.len;
        if (k == N + 1) last_ok = strcmp(s.text, "no newline") == 0;
        k++;
        story_free(&s);
    }
    CHECK_INT(k, N + 2);
    for (size_t i = 0, j = 0; i < N + 1 && i < k; i++) {
        if (i == 3) { CHECK_INT(got[i], 3); continue; }   /* "a", the NUL repaired, "b" */
        CHECK_INT(got[i], sizes[j++]);
    }
    CHECK(last_ok);
    reader_close(r);
    sb_free(&why);
    fclose(f);
}

/* xzeroed: every byte zero, across pages, over memory used before (calloc may hand back a freed block) and fresh */
static void test_xzeroed(void)
{
    for (int round = 0; round < 2; round++) {
        size_t n = 3 * 4096 + 17;
        unsigned char *p = xzeroed(n, 3);
        size_t nonzero = 0;
        for (size_t i = 0; i < 3 * n; i++) nonzero += p[i] != 0;
        CHECK_INT(nonzero, 0);
        memset(p, 0xab, 3 * n);
        free(p);
    }
    unsigned char *one = xzeroed(0, 8);   /* never NULL */
    CHECK(one != NULL);
    free(one);
}

/* The cache's content hash: every single-bit change of a 100-byte text, at every length up to it (so each tail
   length and the 16-byte steps), changes both halves; a zero byte added changes it; the same bytes give the same
   hash wherever they lie. */
static void test_hash128(void)
{
    unsigned char a[101], b[101 + 16];
    for (int i = 0; i < 101; i++) a[i] = (unsigned char)(i * 37 + 11);
    int same = 0;
    for (size_t n = 1; n <= 100; n++) {
        hash128 h = hash128_bytes(a, n);
        for (size_t i = 0; i < n; i++)
            for (int bit = 0; bit < 8; bit++) {
                a[i] ^= (unsigned char)(1 << bit);
                hash128 g = hash128_bytes(a, n);
                a[i] ^= (unsigned char)(1 << bit);
                same += g.lo == h.lo || g.hi == h.hi;
            }
        unsigned char z[101];
        memcpy(z, a, n);
        z[n] = 0;
        hash128 longer = hash128_bytes(z, n + 1);
        same += longer.lo == h.lo || longer.hi == h.hi;
        memcpy(b + n % 16, a, n);   /* the same bytes at another alignment */
        hash128 moved = hash128_bytes(b + n % 16, n);
        CHECK(moved.lo == h.lo && moved.hi == h.hi);
    }
    CHECK_INT(same, 0);
    hash128 e1 = hash128_bytes("", 0), e2 = hash128_bytes(a, 0);
    CHECK(e1.lo == e2.lo && e1.hi == e2.hi);
}

int main(void)
{
    RUN(test_json_escape);
    RUN(test_utf8_scan);
    RUN(test_date_format);
    RUN(test_coordinates);
    RUN(test_reader_lines);
    RUN(test_xzeroed);
    RUN(test_hash128);
    return check_done();
}

/* test_output_fast.c — the JSON writer's in-place escaping against a byte-by-byte version: every length
   up to a few words, the byte to escape at every offset (the whole-word stores and the short tail). */
#include "check.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static void escape_plain(strbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') sb_adds(b, "\\\"");
        else if (c == '\\') sb_adds(b, "\\\\");
        else if (c == '\n') sb_adds(b, "\\n");
        else if (c == '\t') sb_adds(b, "\\t");
        else if (c == '\r') sb_adds(b, "\\r");
        else if (c < 0x20) sb_addf(b, "\\u%04x", c);
        else sb_addc(b, (char)c);
    }
}

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
                escape_plain(&want, s, n);
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
    escape_plain(&want, s, n);
    sb_add_json(&got, s, n);
    CHECK(got.len == want.len && memcmp(got.s, want.s, want.len) == 0);
    sb_free(&want), sb_free(&got);
    free(s);
}

int main(void)
{
    RUN(test_every_offset);
    RUN(test_long);
    return check_done();
}

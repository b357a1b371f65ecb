/* utf8.c — UTF-8 validation and repair (U+FFFD for bad sequences, spaces for stray controls). */
#include "text/text.h"
#include "base/util.h"

/* Bytes in the longest prefix of s[0..n) that could start a well-formed sequence
   (Unicode table 3-7), and whether that prefix is a complete sequence. The ranges on the
   second byte rule out overlongs (E0 80.., F0 80..), surrogates (ED A0..) and code points
   above U+10FFFF (F4 90..); a lead byte C0, C1 or F5..FF is never valid. */
static size_t seq_prefix(const unsigned char *s, size_t n, bool *complete)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need;
    *complete = false;
    if (c < 0x80) { *complete = true; return 1; }
    if (c < 0xC2 || c > 0xF4) return 1;
    if (c < 0xE0) need = 2;
    else if (c < 0xF0) need = 3;
    else need = 4;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    size_t i = 1;
    for (; i < need && i < n; i++) {
        if (s[i] < lo || s[i] > hi) break;
        lo = 0x80, hi = 0xBF;   /* only the second byte has a narrowed range */
    }
    *complete = (i == need);
    return i;
}

/* C0 controls other than tab, newline and carriage return (NUL included). */
static bool bad_control(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

size_t utf8_first_invalid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* fast path for ASCII, eight bytes at a time: none is NUL or has its high bit set */
        while (i + 8 <= n && !((load8(u + i) & SWAR_HIGHS) | swar_below(load8(u + i), 1))) i += 8;
        if (i >= n) break;
        if (u[i] >= 0x01 && u[i] < 0x80) { i++; continue; }
        if (u[i] == 0) return i;
        bool ok;
        size_t len = seq_prefix(u + i, n - i, &ok);
        if (!ok) return i;
        i += len;
    }
    return n;
}

char *utf8_repair(const char *s, size_t n, size_t *out_len, size_t *fixes)
{
    const unsigned char *u = (const unsigned char *)s;
    strbuf b;
    sb_init(&b);
    sb_add(&b, "", 0);   /* the result is never NULL, even for empty input */
    size_t run = 0, nfix = 0, i = 0;   /* valid bytes are copied in runs, not one by one */
    while (i < n) {
        bool ok = true;
        size_t len = 1;
        if (u[i] >= 0x80) len = seq_prefix(u + i, n - i, &ok);
        else ok = !bad_control(u[i]);
        if (ok) { i += len; continue; }
        sb_add(&b, s + run, i - run);
        /* A control is one byte; a broken sequence is replaced as one unit (its maximal
           well-formed prefix), as Unicode recommends, so "E2 82" gives one U+FFFD, not two. */
        if (u[i] < 0x80) sb_addc(&b, ' ');
        else sb_add(&b, "\xEF\xBF\xBD", 3);
        nfix++;
        i += len;
        run = i;
    }
    sb_add(&b, s + run, n - run);
    if (out_len) *out_len = b.len;
    if (fixes) *fixes = nfix;
    return sb_take(&b);
}

/* util.c — memory, growable strings, dates and diagnostics shared by every stage. */
#include "base/util.h"
#include "base/embedded.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "dyad: out of memory (asked for %zu bytes)\n", n);
    exit(EXIT_NOMEM);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory(n);
    return p;
}

void *xaligned(size_t align, size_t n)
{
    size_t size = (n + align - 1) / align * align;   /* aligned_alloc wants a multiple of the alignment */
    void *p = aligned_alloc(align, size ? size : align);
    if (!p) out_of_memory(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) out_of_memory(n * size);
    return p;
}

void *xzeroed(size_t n, size_t size)
{
    void *p = xcalloc(n, size);
    /* a zero written a page (volatile: the compiler knows calloc's bytes are zero and would drop the stores)
       makes each page the process's own now, one fault each; a memset would write every byte again */
    volatile char *c = p;
    for (size_t i = 0; i < n * size; i += 4096) c[i] = 0;
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory(n);
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

void sb_init(strbuf *b) { b->s = NULL; b->len = b->cap = 0; }
void sb_free(strbuf *b) { free(b->s); sb_init(b); }
void sb_clear(strbuf *b) { b->len = 0; if (b->s) b->s[0] = 0; }

void sb_grow(strbuf *b, size_t more)
{
    if (b->len + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + more + 1) cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
}

void sb_adds(strbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

void sb_addf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) { sb_add(b, tmp, (size_t)n); return; }
    sb_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The escape of a byte swar_json flags, written at o; returns the end. */
static char *json_escape_at(char *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char e = c == '"' ? '"' : c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : 0;
    *o++ = '\\';
    if (e) { *o++ = e; return o; }
    o[0] = 'u', o[1] = '0', o[2] = '0', o[3] = hex[c >> 4], o[4] = hex[c & 15];
    return o + 5;
}

/* The last n < 8 bytes at s as one little-endian word without reading past them, the rest of the word
   spaces, which need no escape. */
static inline uint64_t load_tail(const char *s, size_t n)
{
    return load_upto8_le(s, n) | (~0ULL << (8 * n) & SWAR_ONES * ' ');
}

/* Sixteen bytes at a time (json_first16), then eight, always stored whole and the output then advanced
   to the first byte to escape, so a run of plain bytes costs one store a block and an escape no byte loop.
   The last bytes (or a short string) go as one more word when none needs escaping, else one by one. */
char *json_escape_to(char *o, const char *s, size_t n)
{
    size_t i = 0;
    while (n - i >= 16) {
        size_t k = json_first16(s + i);
        __builtin_memcpy(o, s + i, 16);
        if (k == 16) { o += 16, i += 16; continue; }
        o = json_escape_at(o + k, (unsigned char)s[i + k]);
        i += k + 1;
    }
    while (n - i >= 8) {
        uint64_t special = swar_json(load8_le(s + i));
        __builtin_memcpy(o, s + i, 8);
        if (!special) { o += 8, i += 8; continue; }
        size_t k = swar_first(special);
        o = json_escape_at(o + k, (unsigned char)s[i + k]);
        i += k + 1;
    }
    if (i == n) return o;
    uint64_t x = load_tail(s + i, n - i);
    if (!swar_json(x)) {
        store8_le(o, x);
        return o + (n - i);
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') *o++ = (char)c;
        else o = json_escape_at(o, c);
    }
    return o;
}

/* At most this many input bytes are escaped per reservation: room for the worst case without
   reserving six times a whole story at once. */
enum { JSON_CHUNK = 4096 };

void sb_add_json(strbuf *b, const char *s, size_t n)
{
    size_t at = 0;
    do {
        size_t k = n - at < JSON_CHUNK ? n - at : JSON_CHUNK;
        if (b->len + JSON_ESCAPED_MAX(k) + 1 > b->cap) sb_grow(b, JSON_ESCAPED_MAX(k));
        b->len = (size_t)(json_escape_to(b->s + b->len, s + at, k) - b->s);
        at += k;
    } while (at < n);
    b->s[b->len] = 0;
}

char *sb_take(strbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    sb_init(b);
    return s;
}

bool date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    int max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return d <= max;
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

ymd date_parse(const char *s, size_t n)
{
    int y, m, d;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        y = digits(s, 4); m = digits(s + 5, 2); d = digits(s + 8, 2);
    } else if (n == 8) {
        y = digits(s, 4); m = digits(s + 4, 2); d = digits(s + 6, 2);
    } else if (n == 6) {
        y = digits(s, 2); m = digits(s + 2, 2); d = digits(s + 4, 2);
        if (y >= 0) y += y < 30 ? 2000 : 1900;
    } else {
        return 0;
    }
    if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d)) return 0;
    return y * 10000 + m * 100 + d;
}

/* Days from civil, after Howard Hinnant's public-domain algorithm description. */
int32_t date_to_days(ymd v)
{
    int y = v / 10000, m = v / 100 % 100, d = v % 100;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

ymd date_from_days(int32_t z)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return y * 10000 + m * 100 + d;
}

/* By hand: snprintf cost ~1,700 instructions a call, once per event written. */
void date_format(ymd d, char out[11])
{
    if (d <= 0) { out[0] = 0; return; }
    int y = d / 10000 % 10000, m = d / 100 % 100, day = d % 100;
    out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10);
    out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
    out[7] = '-', out[8] = (char)('0' + day / 10), out[9] = (char)('0' + day % 10);
    out[10] = 0;
}

static void diag_emit(diag *d, const char *kind, const char *file, long line, const char *fmt, va_list ap)
{
    if (!d || !d->out) return;
    fprintf(d->out, "%s: ", d->prog ? d->prog : "dyad");
    if (file && line > 0) fprintf(d->out, "%s:%ld: ", file, line);
    else if (file) fprintf(d->out, "%s: ", file);
    fprintf(d->out, "%s: ", kind);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
}

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
{
    if (d) d->warnings++;
    va_list ap;
    va_start(ap, fmt);
    diag_emit(d, "warning", file, line, fmt, ap);
    va_end(ap);
}

void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
{
    if (d) d->errors++;
    va_list ap;
    va_start(ap, fmt);
    diag_emit(d, "error", file, line, fmt, ap);
    va_end(ap);
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    strbuf b;
    sb_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) sb_add(&b, tmp, n);
    int err = ferror(f);
    fclose(f);
    if (err) { sb_free(&b); errno = EIO; return NULL; }
    if (len) *len = b.len;
    return sb_take(&b);
}

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h;
}

bool has_suffix_ci(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    if (n < k) return false;
    for (size_t i = 0; i < k; i++)
        if (to_lower((unsigned char)s[n - k + i]) != suf[i]) return false;
    return true;
}

static inline uint64_t rotl64(uint64_t x, int r) { return x << r | x >> (64 - r); }

/* The last step of MurmurHash3: each input bit flips about half the output bits. */
static inline uint64_t avalanche64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

/* Four lanes, each folding in one word of every 32 bytes by multiply, xor and rotate (order matters: the
   product of the lane's state feeds the next step; four independent chains keep the multiplier busy); the tail
   is padded with zeros and the length mixed in at the end, so "ab" and "ab\0" differ. */
static inline uint64_t lane_step(uint64_t h, uint64_t w, uint64_t k) { return rotl64(h ^ w * 0xc2b2ae3d27d4eb4fULL, 31) * k; }

static inline uint64_t word_at(const unsigned char *s) { uint64_t w; memcpy(&w, s, 8); return w; }

hash128 hash128_bytes(const void *p, size_t n)
{
    const uint64_t k1 = 0x9e3779b97f4a7c15ULL, k3 = 0x165667b19e3779f9ULL;
    const unsigned char *s = p;
    uint64_t h0 = k1, h1 = k3, h2 = ~k1, h3 = ~k3;   /* four scalars, not an array: kept in registers */
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        h0 = lane_step(h0, word_at(s + i), k1), h1 = lane_step(h1, word_at(s + i + 8), k3);
        h2 = lane_step(h2, word_at(s + i + 16), k1), h3 = lane_step(h3, word_at(s + i + 24), k3);
    }
    if (i < n) {
        unsigned char tail[32] = {0};
        memcpy(tail, s + i, n - i);
        h0 = lane_step(h0, word_at(tail), k1), h1 = lane_step(h1, word_at(tail + 8), k3);
        h2 = lane_step(h2, word_at(tail + 16), k1), h3 = lane_step(h3, word_at(tail + 24), k3);
    }
    uint64_t a = h0 ^ rotl64(h2, 17) ^ n, b = h1 ^ rotl64(h3, 43) ^ n;
    a += b, b += a;
    a = avalanche64(a), b = avalanche64(b);
    a += b, b += a;
    return (hash128){a, b};
}

const embedded_file *embedded_find(const char *name)
{
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

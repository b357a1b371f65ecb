/* util.h — memory, growable strings, dates and diagnostics shared by every stage. */
#ifndef DYAD_UTIL_H
#define DYAD_UTIL_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Allocation that never returns NULL: out of memory is reported and exits (status 70). */
void *xmalloc(size_t n);
void *xaligned(size_t align, size_t n);   /* align: a power of two; free() frees it */
void *xcalloc(size_t n, size_t size);
/* n * size zero bytes, written now: for a table probed (read) before it is written. calloc's fresh pages stay
   the kernel's shared zero page until written, so a probe's read maps that page and the write after it faults
   again: two faults a page where writing to each page first takes one (faults are dear on a VM). For tables
   that are mostly touched; a sparse one is better left to calloc. */
void *xzeroed(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow an array `p` of `cap` elements so that index `need` fits. */
#define GROW(p, cap, need)                                                      \
    do {                                                                        \
        if ((size_t)(need) >= (size_t)(cap)) {                                  \
            size_t ncap_ = (cap) ? (size_t)(cap) * 2 : 16;                      \
            while (ncap_ <= (size_t)(need)) ncap_ *= 2;                         \
            (p) = xrealloc((p), ncap_ * sizeof *(p));                           \
            (cap) = ncap_;                                                      \
        }                                                                       \
    } while (0)

/* A growable, always NUL-terminated byte string. */
typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_clear(strbuf *b);
/* Make room for `more` bytes and the NUL (the slow path of the appends below). */
void sb_grow(strbuf *b, size_t more);
/* The appends are inline: they run millions of times per corpus (output, tokens), and a call each cost
   more than the copy. */
static inline void sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) sb_grow(b, n);
    if (n) __builtin_memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}
void sb_adds(strbuf *b, const char *s);
static inline void sb_addc(strbuf *b, char c)
{
    if (b->len + 2 > b->cap) sb_grow(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = 0;
}
void sb_addf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append `s` (n bytes) as the inside of a JSON string: quotes, backslashes and controls escaped. */
void sb_add_json(strbuf *b, const char *s, size_t n);
/* Detach the buffer (caller frees); the strbuf is left empty. */
char *sb_take(strbuf *b);

/* Dates are kept as the integer yyyymmdd (0 = unknown). */
typedef int32_t ymd;
/* Parse YYYY-MM-DD, YYYYMMDD or YYMMDD (TABARI: 00-29 → 20xx, else 19xx). 0 when not a valid date. */
ymd date_parse(const char *s, size_t n);
bool date_valid(int y, int m, int d);
/* Days since 1970-01-01 and back, for date arithmetic. */
int32_t date_to_days(ymd d);
ymd date_from_days(int32_t days);
/* Writes YYYY-MM-DD (11 bytes with NUL). */
void date_format(ymd d, char out[11]);

/* Eight bytes at a time (SWAR), for the byte scans on the hot path (JSON, UTF-8, escaping): a word is
   tested at once and only a word that holds a byte of interest is looked at byte by byte. */
static inline uint64_t load8(const void *p)
{
    uint64_t x;
    __builtin_memcpy(&x, p, 8);
    return x;
}
#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGHS 0x8080808080808080ULL
/* Non-zero when some byte of x is below n (n <= 128; bytes >= 0x80 never count). */
static inline uint64_t swar_below(uint64_t x, unsigned n) { return (x - SWAR_ONES * n) & ~x & SWAR_HIGHS; }
/* Non-zero when some byte of x equals c. */
static inline uint64_t swar_has(uint64_t x, unsigned char c) { return swar_below(x ^ (SWAR_ONES * c), 1); }

/* Room json_escape_to may use for n bytes: six out for one in (\u00XX), and whole words stored. */
#define JSON_ESCAPED_MAX(n) (6 * (size_t)(n) + 8)
/* Writes s (n bytes) at o as the inside of a JSON string, as sb_add_json does, and returns the end;
   o must have room for JSON_ESCAPED_MAX(n) bytes. For writers that reserve once for many fields. */
char *json_escape_to(char *o, const char *s, size_t n);

/* Diagnostics: every problem with input names its file and line. */
typedef struct {
    FILE *out;          /* where warnings go (stderr normally; NULL = silent) */
    long warnings;      /* counted even when silent */
    long errors;
    const char *prog;   /* prefix, e.g. "dyad" */
} diag;

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_error(diag *d, const char *file, long line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Read a whole file; NULL with errno set on failure. *len excludes the added NUL. */
char *read_file(const char *path, size_t *len);

/* ASCII helpers that do not depend on the locale. */
static inline bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
static inline bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static inline int to_upper(int c) { return is_lower(c) ? c - 32 : c; }
static inline int to_lower(int c) { return is_upper(c) ? c + 32 : c; }

/* Whether s ends with suf (lower case), in any case: file names' extensions. */
bool has_suffix_ci(const char *s, const char *suf);

/* FNV-1a, for hash tables keyed by strings. */
uint64_t hash_bytes(const void *p, size_t n);
/* A 128-bit hash of a file's bytes, to tell whether it changed (the dictionary cache's key): 16 bytes a
   step, ~10 instructions, so a few MB of dictionaries hash in a fraction of a millisecond. Not for adversaries. */
typedef struct {
    uint64_t lo, hi;
} hash128;
hash128 hash128_bytes(const void *p, size_t n);

/* Exit statuses, documented in man/dyad.1. */
enum {
    EXIT_OK = 0,
    EXIT_REJECTED = 1,   /* finished, but some stories were rejected (see the summary) */
    EXIT_USAGE = 2,      /* bad command line */
    EXIT_INPUT = 3,      /* an input or dictionary file could not be read at all */
    EXIT_VALIDATE = 4,   /* dyad validate: some records failed */
    EXIT_NOMEM = 70,     /* out of memory */
};

/* ---- Finding the first byte of interest (the scans that copy up to it: JSON in and out, sentences) ----
   A SWAR mask is exact at its lowest flagged byte only (a borrow can flag bytes above a true hit), so the
   words are taken in little-endian order, where that byte comes first in memory. */
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
static inline uint64_t load8_le(const void *p)
{
    uint64_t x = load8(p);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}
/* The byte at which a non-zero SWAR mask of a load8_le word flags first. */
static inline size_t swar_first(uint64_t m) { return (size_t)__builtin_ctzll(m) / 8; }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define TO_LE64(x) __builtin_bswap64(x)
#define TO_LE32(x) __builtin_bswap32(x)
#define TO_LE16(x) __builtin_bswap16(x)
#else
#define TO_LE64(x) (x)
#define TO_LE32(x) (x)
#define TO_LE16(x) (x)
#endif
static inline uint64_t load4_le(const void *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return TO_LE32(v); }
static inline uint64_t load2_le(const void *p) { uint16_t v; __builtin_memcpy(&v, p, 2); return (uint16_t)TO_LE16(v); }
static inline void store8_le(void *p, uint64_t x) { x = TO_LE64(x); __builtin_memcpy(p, &x, 8); }
/* The n <= 8 bytes at p as one little-endian word, zero above them, without reading past them (two
   overlapping loads: the bytes they share are the same, so ORing them is exact). */
static inline uint64_t load_upto8_le(const void *p, size_t n)
{
    const char *s = p;
    if (n >= 4) return load4_le(s) | load4_le(s + n - 4) << (8 * (n - 4));
    if (n >= 2) return load2_le(s) | load2_le(s + n - 2) << (8 * (n - 2));
    return n ? (unsigned char)s[0] : 0;
}
/* to_lower of each byte of a word whose bytes are all below 0x80 (no carry can cross a byte then): a byte
   from 'A' to 'Z' gains 0x20. */
static inline uint64_t swar_lower_ascii(uint64_t x)
{
    uint64_t from_a = x + SWAR_ONES * (0x80 - 'A'), past_z = x + SWAR_ONES * (0x80 - 'Z' - 1);
    return x | (from_a & ~past_z & SWAR_HIGHS) >> 2;
}
/* The bytes JSON escapes: controls, the quote and the backslash. */
static inline uint64_t swar_json(uint64_t x) { return swar_below(x, 0x20) | swar_has(x, '"') | swar_has(x, '\\'); }

/* The first of the 16 bytes at p that JSON escapes (0..15), 16 when none, and the bytes from 0x80 up among
   the 16 ORed into *high (SSE2: bit k for byte k; else 1 for any): the JSONL reader learns in the same pass
   whether a string needs its UTF-8 checked. SSE2 where the machine has it (every x86-64: a quarter of the
   instructions of two SWAR words), else two SWAR words. */
static inline size_t json_first16_high(const void *p, unsigned *high)
{
#if defined(__SSE2__)
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);   /* x <= 0x1F */
    __m128i q = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
    *high |= (unsigned)_mm_movemask_epi8(x);
    unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, q));
    return bits ? (size_t)__builtin_ctz(bits) : 16;
#else
    uint64_t a = load8_le(p), b = load8_le((const char *)p + 8);
    *high |= ((a | b) & SWAR_HIGHS) != 0;
    uint64_t m = swar_json(a);
    if (m) return swar_first(m);
    m = swar_json(b);
    return m ? 8 + swar_first(m) : 16;
#endif
}

/* json_first16_high without the high bytes (the compiler drops their test). */
static inline size_t json_first16(const void *p)
{
    unsigned unused = 0;
    return json_first16_high(p, &unused);
}

#endif

/* sentence.c — splits English wire-news text into sentences in one linear pass. */
#include "text/text.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A sentence never grows past this many bytes: a run with no stop (a table, a list, binary
   junk) is cut at its last white space before the limit, or, when it has none, at the
   limit itself (moved back to a character boundary). Later stages are then never handed
   an unbounded sentence. */
#define SENT_MAX 2000

/* How far to look back for the word before a stop and ahead for the word after it:
   abbreviations and sentence starters are short, and the bound keeps each stop O(1). */
#define LOOK_BACK 32
#define LOOK_AHEAD 64

/* What the word before a single '.' says about whether the period ends the sentence. */
enum abbr_class {
    AB_NONE,     /* ordinary word: the period ends the sentence */
    AB_NEVER,    /* title or connective (Mr., Gen., vs., e.g.): never the end */
    AB_NUMBER,   /* No. / Vol.: not the end when a number follows */
    AB_MAYBE,    /* U.S., Inc., Sept., initials: the end only before a typical sentence opener */
};

typedef struct {
    const char *word;   /* lower case, without the final period */
    enum abbr_class cls;
} abbr;

static const abbr ABBRS[] = {
    {"mr", AB_NEVER}, {"mrs", AB_NEVER}, {"ms", AB_NEVER}, {"messrs", AB_NEVER},
    {"dr", AB_NEVER}, {"drs", AB_NEVER}, {"prof", AB_NEVER}, {"gen", AB_NEVER},
    {"gens", AB_NEVER}, {"lt", AB_NEVER}, {"col", AB_NEVER}, {"maj", AB_NEVER},
    {"sgt", AB_NEVER}, {"capt", AB_NEVER}, {"cmdr", AB_NEVER}, {"adm", AB_NEVER},
    {"brig", AB_NEVER}, {"cpl", AB_NEVER}, {"pvt", AB_NEVER}, {"gov", AB_NEVER},
    {"govs", AB_NEVER}, {"sen", AB_NEVER}, {"sens", AB_NEVER}, {"rep", AB_NEVER},
    {"reps", AB_NEVER}, {"rev", AB_NEVER}, {"hon", AB_NEVER}, {"pres", AB_NEVER},
    {"supt", AB_NEVER}, {"vs", AB_NEVER}, {"v", AB_NEVER}, {"e.g", AB_NEVER},
    {"i.e", AB_NEVER}, {"cf", AB_NEVER}, {"approx", AB_NEVER},
    {"no", AB_NUMBER}, {"nos", AB_NUMBER}, {"vol", AB_NUMBER}, {"fig", AB_NUMBER},
    {"pp", AB_NUMBER}, {"art", AB_NUMBER},
    {"jr", AB_MAYBE}, {"sr", AB_MAYBE}, {"st", AB_MAYBE}, {"mt", AB_MAYBE},
    {"ft", AB_MAYBE}, {"co", AB_MAYBE}, {"cos", AB_MAYBE}, {"corp", AB_MAYBE},
    {"inc", AB_MAYBE}, {"ltd", AB_MAYBE}, {"bros", AB_MAYBE}, {"etc", AB_MAYBE},
    {"a.m", AB_MAYBE}, {"p.m", AB_MAYBE}, {"u.s", AB_MAYBE}, {"u.n", AB_MAYBE},
    {"u.k", AB_MAYBE}, {"e.u", AB_MAYBE}, {"u.s.a", AB_MAYBE}, {"ave", AB_MAYBE},
    {"blvd", AB_MAYBE}, {"dept", AB_MAYBE}, {"assn", AB_MAYBE},
};

/* Abbreviations that are also ordinary words ("in Jan." but "to mar."; "Ill." but
   "fell ill."): they count only when capitalised. Months before a day, U.S. states after a
   town (AP style). */
static const char *const CAP_ABBRS[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "va", "vt", "wash", "wis", "wyo", "rd",
};

/* Words that typically open a news sentence. After "U.S." or "Inc." a capitalised word is
   usually a name ("the U.S. Embassy"), so these abbreviations end a sentence only before one
   of these. Titles and nouns are left out on purpose ("U.S. President Bush"), and so are
   "and", "to", "of", "for"...: they rarely open a sentence, while text that capitalises
   every word after "U.S." (Reuters-21578 does) is full of "U.S. And Japan". */
static const char *const STARTERS[] = {
    "the", "a", "an", "he", "she", "it", "its", "they", "we", "i", "you", "in", "on", "at",
    "but", "so", "if", "as", "this", "that", "these", "those", "there", "their", "his",
    "her", "our", "when", "while", "after", "before", "since", "during", "although",
    "though", "however", "meanwhile", "also", "yet", "still", "then", "now", "today",
    "yesterday", "earlier", "later", "some", "many", "most", "several", "all", "both",
    "each", "according", "despite", "under", "what", "who", "why", "how", "where",
    "because", "no", "not", "one", "other", "such", "last", "next",
};

typedef struct {
    const unsigned char *t;
    size_t n;
    span *v;
    size_t cnt, cap;
} splitter;

/* The same for a byte from 0x80 up (kept out of line: ASCII is nearly every call). */
static size_t ws_len_wide(const unsigned char *t, size_t i, size_t n)
{
    unsigned char c = t[i];
    if (c == 0xC2 && i + 1 < n) return (t[i + 1] == 0xA0 || t[i + 1] == 0x85) ? 2 : 0;
    if (i + 2 >= n) return 0;
    if (c == 0xE2 && t[i + 1] == 0x80 && (t[i + 2] <= 0x8A || t[i + 2] == 0xA8 || t[i + 2] == 0xA9 || t[i + 2] == 0xAF))
        return 3;
    if (c == 0xE2 && t[i + 1] == 0x81 && t[i + 2] == 0x9F) return 3;
    if (c == 0xE3 && t[i + 1] == 0x80 && t[i + 2] == 0x80) return 3;
    return 0;
}

/* Byte length of the white-space character at t[i], or 0. Besides ASCII this knows NBSP,
   the U+2000 spaces, line/paragraph separators, U+202F, U+205F, U+3000 and NEL. */
static inline size_t ws_len(const unsigned char *t, size_t i, size_t n)
{
    unsigned char c = t[i];
    if (c < 0x80) return is_space(c) ? 1 : 0;
    return ws_len_wide(t, i, n);
}

#if defined(__SSE2__)
/* The bytes of x that are ASCII white space (is_space: ' ' and \t \n \v \f \r), as 0xFF. */
static inline __m128i ascii_ws16(__m128i x)
{
    __m128i ctl = _mm_sub_epi8(x, _mm_set1_epi8(9));   /* \t \n \v \f \r: 0..4 */
    return _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(_mm_min_epu8(ctl, _mm_set1_epi8(4)), ctl));
}
#endif

/* Past the white space at i. ASCII white space is stepped over 16 bytes at a time with SSE2 (ws_len takes
   such a byte alone), the rest by ws_len. */
static size_t skip_ws(const splitter *sp, size_t i)
{
#if defined(__SSE2__)
    while (i <= sp->n && sp->n - i >= 16) {
        unsigned other = ~(unsigned)_mm_movemask_epi8(ascii_ws16(_mm_loadu_si128((const __m128i *)(sp->t + i)))) & 0xFFFFu;
        if (other) { i += (size_t)__builtin_ctz(other); break; }
        i += 16;
    }
#endif
    size_t w;
    while (i < sp->n && (w = ws_len(sp->t, i, sp->n)) > 0) i += w;
    return i;
}

/* Byte length of a 3-byte sequence E2 80 x at t[i] when x is one of `lasts`, else 0. */
static size_t e280_len(const unsigned char *t, size_t i, size_t n, const char *lasts)
{
    if (i + 2 >= n || t[i] != 0xE2 || t[i + 1] != 0x80 || t[i + 2] == 0) return 0;
    return strchr(lasts, t[i + 2]) ? 3 : 0;
}

/* A sentence stop: . ? ! or the ellipsis character U+2026. */
static size_t stop_len(const unsigned char *t, size_t i, size_t n)
{
    if (t[i] == '.' || t[i] == '?' || t[i] == '!') return 1;
    return e280_len(t, i, n, "\xA6");
}

/* The ASCII closers and openers below, as bits of a byte's entry (a table: these are asked at every
   stop and every word after one). */
enum { Q_CLOSER = 1, Q_OPENER = 2 };
static const uint8_t QUOTE[128] = {['"'] = Q_CLOSER | Q_OPENER, ['\''] = Q_CLOSER | Q_OPENER, [')'] = Q_CLOSER,
                                   [']'] = Q_CLOSER, ['}'] = Q_CLOSER, ['('] = Q_OPENER, ['['] = Q_OPENER,
                                   ['{'] = Q_OPENER};

/* A closing quote or bracket that belongs to the sentence before it: " ' ) ] } ’ ” ». */
static size_t closer_len(const unsigned char *t, size_t i, size_t n)
{
    if (t[i] < 0x80) return QUOTE[t[i]] & Q_CLOSER ? 1 : 0;
    if (t[i] == 0xC2 && i + 1 < n && t[i + 1] == 0xBB) return 2;
    return e280_len(t, i, n, "\x99\x9D");
}

/* An opening quote or bracket that may precede the first word of a sentence: " ' ( [ ‘ “ „ «. */
static size_t opener_len(const unsigned char *t, size_t i, size_t n)
{
    if (t[i] < 0x80) return QUOTE[t[i]] & Q_OPENER ? 1 : 0;
    if (t[i] == 0xC2 && i + 1 < n && t[i + 1] == 0xAB) return 2;
    return e280_len(t, i, n, "\x98\x9C\x9E");
}

/* Adds text[a..b) trimmed of white space, when anything is left. */
static void emit(splitter *sp, size_t a, size_t b)
{
    /* every caller's start is past white space already (skip_ws's): one byte tested, not skip_ws's call */
    if (a < sp->n && ws_len(sp->t, a, sp->n) > 0) a = skip_ws(sp, a);
    while (b > a) {
        /* the last character starts at the last byte that is not a UTF-8 continuation byte */
        size_t c = b - 1;
        while (c > a && (sp->t[c] & 0xC0) == 0x80) c--;
        if (ws_len(sp->t, c, b) == 0) break;
        b = c;
    }
    if (b <= a) return;
    GROW(sp->v, sp->cap, sp->cnt);
    sp->v[sp->cnt++] = (span){(uint32_t)a, (uint32_t)b};
}

/* The bytes of a word the list tables compare (see word_key). */
enum { WORD_KEY = 16 };

/* Copies t[a..b) lower-cased into buf (size LOOK_BACK + 1), zero-padded to WORD_KEY bytes at least
   (find_word reads them at once); false when it does not fit. */
static bool lower_word(const unsigned char *t, size_t a, size_t b, char *buf)
{
    size_t n = b - a;
    if (n > LOOK_BACK) return false;
    if (n <= WORD_KEY) {   /* nearly every word: two words of ASCII lower-cased at once */
        uint64_t x = n >= 8 ? load8_le(t + a) : load_upto8_le(t + a, n);
        uint64_t y = n > 8 ? load_upto8_le(t + a + 8, n - 8) : 0;
        if (!((x | y) & SWAR_HIGHS)) {
            store8_le(buf, swar_lower_ascii(x));
            store8_le(buf + 8, swar_lower_ascii(y));
            buf[n] = 0;
            return true;
        }
    }
    memset(buf, 0, WORD_KEY);
    for (size_t i = a; i < b; i++) buf[i - a] = (char)to_lower(t[i]);
    buf[b - a] = 0;
    return true;
}

/* The three word lists above as hash tables, built once (pthread_once, from split_sentences): asked at
   every '.', a binary search with strcmp was still a sixth of the splitter's time. A word is its bytes up
   to its NUL (strcmp's view of it), zero-padded to 16: list words are short, and a longer word is in
   no list. Each word keeps the index of its first entry in its list. */
#define NELEM(a) (sizeof (a) / sizeof (a)[0])
enum { WORD_SLOTS = 256, WORD_BITS = 1024 };
typedef struct {
    uint64_t a, b;   /* the padded bytes; a == 0: an empty slot (no list word is empty) */
    int at;
} word_slot;
/* bits: a bit per hash (other bits of it than the slot's) set for each list word. Nearly every word asked
   is in no list, and the slots (6 KB a table, probed at random once per '.') were out of the cache by the
   next sentence: in samples find_word took four times its share of instructions. The bits are two lines
   a table; a word whose bit is clear is in no list, without a slot read. */
typedef struct {
    uint64_t bits[WORD_BITS / 64];
    word_slot slot[WORD_SLOTS];
} word_table;
static word_table abbrs_table, caps_table, starters_table;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* False when w is too long to be a list word. */
static bool word_key(const char *w, uint64_t *a, uint64_t *b)
{
    char pad[WORD_KEY] = {0};
    size_t n = strnlen(w, WORD_KEY);
    if (n == WORD_KEY) return false;
    memcpy(pad, w, n);
    *a = load8_le(pad), *b = load8_le(pad + 8);
    return true;
}

static uint64_t word_hash64(uint64_t a, uint64_t b) { return (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL); }
static size_t word_hash(uint64_t h64) { return (size_t)(h64 >> 56) % WORD_SLOTS; }
static size_t word_bit(uint64_t h64) { return (size_t)(h64 >> 40) % WORD_BITS; }

static void table_add(word_table *t, const char *w, int at)
{
    uint64_t a, b;
    if (!word_key(w, &a, &b) || !a) return;
    uint64_t h64 = word_hash64(a, b);
    t->bits[word_bit(h64) / 64] |= 1ULL << (word_bit(h64) % 64);
    size_t h = word_hash(h64);
    while (t->slot[h].a && !(t->slot[h].a == a && t->slot[h].b == b)) h = (h + 1) % WORD_SLOTS;
    if (!t->slot[h].a) t->slot[h] = (word_slot){a, b, at};   /* a repeated word keeps its first index */
}

static void build_tables(void)
{
    for (size_t i = 0; i < NELEM(ABBRS); i++) table_add(&abbrs_table, ABBRS[i].word, (int)i);
    for (size_t i = 0; i < NELEM(CAP_ABBRS); i++) table_add(&caps_table, CAP_ABBRS[i], (int)i);
    for (size_t i = 0; i < NELEM(STARTERS); i++) table_add(&starters_table, STARTERS[i], (int)i);
}

/* word_key of a word lower_word wrote (zero-padded to WORD_KEY): its two words loaded at once, the bytes
   from its first NUL on cleared (a NUL of the text itself ends it, as for strnlen). */
static bool buf_key(const char *w, uint64_t *a, uint64_t *b)
{
    uint64_t x = load8_le(w), y = load8_le(w + 8), m = swar_below(x, 1);
    if (m) {
        size_t k = swar_first(m);
        x = k ? x & ~0ULL >> (64 - 8 * k) : 0;
        y = 0;
    } else if ((m = swar_below(y, 1))) {
        size_t k = swar_first(m);
        y = k ? y & ~0ULL >> (64 - 8 * k) : 0;
    } else {
        return false;   /* 16 bytes without a NUL: longer than any list word */
    }
    *a = x, *b = y;
    return true;
}

/* The list index of the first entry equal to w (lower_word's buffer), or -1. */
static int find_word(const word_table *t, const char *w)
{
    uint64_t a, b;
    if (!buf_key(w, &a, &b) || !a) return -1;
    uint64_t h64 = word_hash64(a, b);
    if (!(t->bits[word_bit(h64) / 64] >> (word_bit(h64) % 64) & 1)) return -1;
    for (size_t h = word_hash(h64); t->slot[h].a; h = (h + 1) % WORD_SLOTS)
        if (t->slot[h].a == a && t->slot[h].b == b) return t->slot[h].at;
    return -1;
}

/* ---- the lists for tests (text.h) ---- */

static const char *list_word(int list, size_t i)
{
    if (list == 0) return i < NELEM(ABBRS) ? ABBRS[i].word : NULL;
    if (list == 1) return i < NELEM(CAP_ABBRS) ? CAP_ABBRS[i] : NULL;
    if (list == 2) return i < NELEM(STARTERS) ? STARTERS[i] : NULL;
    return NULL;
}

const char *sentence_list_word(int list, size_t i) { return list_word(list, i); }

int sentence_list_find(int list, const char *w)
{
    static const word_table *const tables[] = {&abbrs_table, &caps_table, &starters_table};
    pthread_once(&tables_once, build_tables);
    char buf[LOOK_BACK + 1] = {0};   /* as lower_word leaves it: zero-padded */
    size_t n = strlen(w);
    if (list < 0 || list > 2 || n > LOOK_BACK) return -1;
    memcpy(buf, w, n);
    return find_word(tables[list], buf);
}

int sentence_list_find_walk(int list, const char *w)
{
    const char *x;
    for (size_t i = 0; (x = list_word(list, i)); i++)
        if (strcmp(x, w) == 0) return (int)i;
    return -1;
}

/* True for "W", "J.R.R", "U.S.S.R": single letters joined by dots (initials, acronyms). */
static bool dotted_letters(const char *w)
{
    if (!*w) return false;
    for (size_t i = 0; w[i]; i += 2) {
        if (!is_alpha((unsigned char)w[i])) return false;
        if (w[i + 1] == 0) return true;
        if (w[i + 1] != '.') return false;
    }
    return false;
}

/* Whether the byte before t[a] ends white space or an opening quote (which may be
   multi-byte: NBSP, “), i.e. whether a word may start at a. */
static bool space_before(const splitter *sp, size_t a)
{
    const unsigned char *t = sp->t;
    if (t[a - 1] < 0x80) return is_space(t[a - 1]);
    for (size_t k = 2; k <= 3 && k <= a; k++)
        if (ws_len(t, a - k, a) == k || opener_len(t, a - k, a) == k) return true;
    return false;
}

/* How far back from `dot` (not before `from`) the bytes are ASCII and no white space, looked at 16 at once
   with SSE2: word_class's byte loop then carries on from there, where it would have got to itself (16 bytes
   are within LOOK_BACK). The byte before is white space, a byte from 0x80 up, or `from`; or, when all 16
   are word bytes, the loop goes on. Without SSE2 (or before the 16th byte of the text) the loop does it all. */
static size_t word_back(const unsigned char *t, size_t from, size_t dot)
{
#if defined(__SSE2__)
    if (dot >= 16) {
        size_t p0 = dot - 16;
        __m128i x = _mm_loadu_si128((const __m128i *)(t + p0));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(ascii_ws16(x), x));   /* x: from 0x80 up */
        size_t low = from > p0 ? from - p0 : 0;
        bits &= 0xFFFFu & (~0u << low);
        if (!bits) return p0 + low;
        return p0 + (size_t)(31 - __builtin_clz(bits)) + 1;
    }
#endif
    (void)t, (void)from;
    return dot;
}

/* How the word ending just before the '.' at `dot` (and starting at or after `from`) bears
   on the period. */
static enum abbr_class word_class(const splitter *sp, size_t from, size_t dot)
{
    size_t a = word_back(sp->t, from, dot);
    while (a > from && dot - a <= LOOK_BACK && !space_before(sp, a)) {
        if (sp->t[a - 1] >= 0x80) return AB_NONE;   /* abbreviations are ASCII */
        a--;
    }
    if (dot - a > LOOK_BACK) return AB_NONE;
    size_t o;
    while (a < dot && (o = opener_len(sp->t, a, dot)) > 0) a += o;   /* ("Gen. ... */
    char w[LOOK_BACK + 1];
    if (a == dot || !lower_word(sp->t, a, dot, w)) return AB_NONE;
    int k = find_word(&abbrs_table, w);
    if (k >= 0) return ABBRS[k].cls;
    if (is_upper(sp->t[a]) && find_word(&caps_table, w) >= 0) return AB_MAYBE;
    if (dotted_letters(w)) {
        /* A lone lower-case letter ("plan b.") is a word, not an initial. */
        if (w[1] == 0 && is_lower(sp->t[a])) return AB_NONE;
        return AB_MAYBE;
    }
    return AB_NONE;
}

/* The first word after a stop: where it starts (its own bytes are read only when they matter, after
   an abbreviation that may end a sentence: starts_with_starter). */
typedef struct {
    size_t at;          /* first byte of the word (after white space and opening quotes) */
    bool para;          /* a paragraph break came first */
} next_word;

static void read_next(const splitter *sp, size_t k, next_word *nw)
{
    size_t i = k, lim = k + LOOK_AHEAD < sp->n ? k + LOOK_AHEAD : sp->n, w, nl = 0;
    nw->para = false;
    while (i < lim && (w = ws_len(sp->t, i, sp->n)) > 0) {
        if (sp->t[i] == '\n' && ++nl >= 2) nw->para = true;
        i += w;
    }
    while (i < lim && (w = opener_len(sp->t, i, sp->n)) > 0) i += w;
    nw->at = i;
}

/* Whether the word at i (ASCII letters only, short, ending cleanly: not "I-95" or "A.") is a typical
   sentence opener. */
static bool starts_with_starter(const splitter *sp, size_t i)
{
    size_t e = i;
    while (e < sp->n && e - i < LOOK_BACK && is_alpha(sp->t[e])) e++;
    bool clean = e == sp->n || (!is_alnum(sp->t[e]) && sp->t[e] != '-' && sp->t[e] != '.' && sp->t[e] < 0x80);
    char w[LOOK_BACK + 1];
    return e > i && clean && lower_word(sp->t, i, e, w) && find_word(&starters_table, w) >= 0;
}

/* Whether lower-case code point starts at t[i] ("he said", "über"). */
static bool lower_at(const splitter *sp, size_t i)
{
    if (sp->t[i] < 0x80) return is_lower(sp->t[i]);
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(sp->t + i, (utf8proc_ssize_t)(sp->n - i), &cp);
    return len > 0 && utf8proc_islower(cp);
}

/* Decides whether the stop run t[i..j), followed by closers up to k and then white space or
   the end, ends the sentence that began at `start`. */
static bool ends_sentence(const splitter *sp, size_t start, size_t i, size_t j, size_t k)
{
    next_word nw;
    read_next(sp, k, &nw);
    if (nw.para || nw.at >= sp->n) return true;
    /* A lower-case continuation means a quoted question or an ellipsis inside the
       sentence ("Why?" he asked); a following stop means a spaced ". . ." */
    if (lower_at(sp, nw.at) || stop_len(sp->t, nw.at, sp->n)) return false;
    if (j != i + 1 || sp->t[i] != '.') return true;
    switch (word_class(sp, start, i)) {
    case AB_NEVER: return false;
    case AB_NUMBER: return !is_digit(sp->t[nw.at]);
    case AB_MAYBE: return starts_with_starter(sp, nw.at);
    default: return true;
    }
}

/* At a '\n': true, with *next at the text after it, when only white space separates it
   from another '\n' (a blank line). */
static bool para_break(const splitter *sp, size_t i, size_t *next)
{
    size_t k = i + 1, w;
    while (k < sp->n && sp->t[k] != '\n' && (w = ws_len(sp->t, k, sp->n)) > 0) k += w;
    if (k >= sp->n || sp->t[k] != '\n') return false;
    *next = skip_ws(sp, k);
    return true;
}

/* The last white space in [start, i) that the forward scan stepped on, or start when there is none.
   Only a sentence that reaches SENT_MAX needs it, so it is looked for backwards then rather than tracked
   at every space. The forward scan looks at every byte that can start white space but one: it steps over
   the inside of each character it recognises, and ws_len takes E2 80 x for any x up to 0x8A, so an ASCII
   space or control as the x of such a (malformed) sequence was stepped over with its E2. */
static size_t last_ws_before(const splitter *sp, size_t start, size_t i)
{
    const unsigned char *t = sp->t;
    for (size_t p = i; p > start; p--) {
        size_t q = p - 1;
        if (ws_len(t, q, sp->n) == 0) continue;
        if (q >= start + 2 && t[q - 2] == 0xE2 && t[q - 1] == 0x80 && t[q] < 0x80) continue;   /* E2 80 x: its E2 */
        return q;
    }
    return start;
}

/* Where to cut a sentence that reached SENT_MAX at i: its last white space, else the limit. */
static size_t cap_cut(const splitter *sp, size_t start, size_t i)
{
    size_t last_ws = last_ws_before(sp, start, i);
    if (last_ws > start) return last_ws;
    size_t cut = start + SENT_MAX;
    while (cut > start && (sp->t[cut] & 0xC0) == 0x80) cut--;
    return cut > start ? cut : start + SENT_MAX;
}

/* split_sentences' fast loop: 1 for the bytes where the loop can only step on (visible ASCII that is no
   stop, the space, and the controls but the line break: the tests below do nothing at them but i++); 0 for
   a line break, . ? ! and every byte from 0x80 up. */
static const uint8_t PLAIN[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* What the byte after a line break or a stop says, when it is visible ASCII: AFTER_BREAK, the line break
   joins two lines of one paragraph (para_break needs white space or another break next); AFTER_STOP as
   well, the stop ends nothing ("5.93", "U.S.A": no stop or closer follows to extend the run, and no white
   space ends it). The main loop would step over either with i++ and nothing else. */
enum { AFTER_BREAK = 1, AFTER_STOP = 2 };
static const uint8_t AFTER[128] = {
    ['#'] = 3, ['$'] = 3, ['%'] = 3, ['&'] = 3, ['*'] = 3, ['+'] = 3, [','] = 3, ['-'] = 3, ['/'] = 3,
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3, ['8'] = 3, ['9'] = 3,
    [':'] = 3, [';'] = 3, ['<'] = 3, ['='] = 3, ['>'] = 3, ['@'] = 3,
    ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3, ['H'] = 3, ['I'] = 3,
    ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3,
    ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
    ['\\'] = 3, ['^'] = 3, ['_'] = 3, ['`'] = 3,
    ['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3, ['i'] = 3,
    ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3,
    ['s'] = 3, ['t'] = 3, ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3,
    ['|'] = 3, ['~'] = 3,
    /* stops and closers extend a stop's run; a line break before them is still stepped over */
    ['!'] = AFTER_BREAK, ['.'] = AFTER_BREAK, ['?'] = AFTER_BREAK, ['"'] = AFTER_BREAK, ['\''] = AFTER_BREAK,
    [')'] = AFTER_BREAK, [']'] = AFTER_BREAK, ['}'] = AFTER_BREAK, ['('] = 3, ['['] = 3, ['{'] = 3,
};

/* Whether the candidate byte at t[q] (not PLAIN) is one the main loop would only step over. */
static inline bool passes(const unsigned char *t, size_t q, size_t n)
{
    if (q + 1 >= n || t[q + 1] >= 0x80) return false;
    uint8_t after = AFTER[t[q + 1]];
    return t[q] == '\n' ? after & AFTER_BREAK : t[q] < 0x80 && (after & AFTER_STOP);
}

/* The first byte in [i, cap) that is not PLAIN and that the main loop would not just step over, or cap:
   sixteen bytes at a time with SSE2 where the machine has it, eight (SWAR: the lowest flagged byte of the
   mask is exact, so the scan starts again after a byte passed over) elsewhere and after, then byte by
   byte for the last few. */
static size_t next_candidate(const unsigned char *t, size_t i, size_t cap, size_t n)
{
#if defined(__SSE2__)
    while (cap - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(t + i));
        __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')),
                                    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('?')), _mm_cmpeq_epi8(x, _mm_set1_epi8('!'))));
        __m128i nl = _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(nl, stop), x));   /* x: from 0x80 up */
        for (; bits; bits &= bits - 1) {
            size_t q = i + (size_t)__builtin_ctz(bits);
            if (!passes(t, q, n)) return q;
        }
        i += 16;
    }
#endif
    while (cap - i >= 8) {
        uint64_t x = load8_le(t + i);
        uint64_t m = (x & SWAR_HIGHS) | swar_has(x, '\n') | swar_has(x, '.') | swar_has(x, '?') | swar_has(x, '!');
        if (!m) { i += 8; continue; }
        size_t q = i + swar_first(m);
        if (!passes(t, q, n)) return q;
        i = q + 1;
    }
    for (; i < cap; i++)
        if (!PLAIN[t[i]] && !passes(t, i, n)) break;
    return i;
}

size_t split_sentences(const char *text, size_t n, span **out)
{
    pthread_once(&tables_once, build_tables);
    splitter sp = {(const unsigned char *)text, n, NULL, 0, 0};
    size_t start = skip_ws(&sp, 0), i = start, w, s;
    while (i < n) {
        /* The cut never rescans: nothing between the cut and i can end a sentence
           (no white space there), so the scan carries on from i. */
        while (i - start >= SENT_MAX) {
            size_t cut = cap_cut(&sp, start, i);
            emit(&sp, start, cut);
            start = skip_ws(&sp, cut);
            if (start > i) i = start;   /* the cut's white space ran past i */
        }
        if (i >= n) break;
        /* Most bytes are visible ASCII or spaces, where none of the tests below can fire: the scan jumps
           to the next byte that can (a line break, a stop, a byte from 0x80 up), up to the cap. */
        size_t cap = start + SENT_MAX < n ? start + SENT_MAX : n;
        i = next_candidate(sp.t, i, cap, n);
        if (i >= cap) continue;   /* before the cap, the checks above cannot fire: on to the byte */
        /* Runs of stops and closers end at the cap, so that a sentence that ends in one is
           within it; a run cut short is followed by no white space, so it is no stop. */
        size_t lim = cap, next;
        if (sp.t[i] == '\n') {
            if (para_break(&sp, i, &next)) {
                emit(&sp, start, i);
                start = i = next;
            } else {
                i++;   /* a line break inside a sentence: white space, no stop */
            }
        } else if ((s = stop_len(sp.t, i, lim)) > 0) {
            size_t j = i + s, k;
            while (j < lim && (s = stop_len(sp.t, j, lim)) > 0) j += s;
            for (k = j; k < lim && (s = closer_len(sp.t, k, lim)) > 0;) k += s;
            if ((k == n || ws_len(sp.t, k, n)) && ends_sentence(&sp, start, i, j, k)) {
                emit(&sp, start, k);
                start = i = skip_ws(&sp, k);
            } else {
                i = k;
            }
        } else if ((w = ws_len(sp.t, i, n)) > 0) {
            i += w;
        } else {
            i++;
        }
    }
    while (n - start > SENT_MAX) {   /* white space stepped over at the very end */
        size_t cut = cap_cut(&sp, start, n);
        emit(&sp, start, cut);
        start = skip_ws(&sp, cut);
    }
    emit(&sp, start, n);
    if (!sp.v) sp.v = xmalloc(sizeof *sp.v);   /* always something the caller can free */
    *out = sp.v;
    return sp.cnt;
}

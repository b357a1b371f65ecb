/* token.c — splits a sentence into word, number and punctuation tokens with normalised forms. */
#include "text/text.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A word longer than this many source bytes is cut into several tokens (at a character
   boundary). No real word comes near it; the bound keeps norm_len within uint16_t even when
   decomposition makes the normalised form longer than the source. */
#define MAX_TOKEN 2048
/* Bytes of the pool past its last norm's NUL that tokenize and token_list_copy leave allocated: a reader may
   load eight bytes from any norm's start (the token cache's head, dict_marks_sentence). */
#define TOKEN_POOL_SLACK 8
/* Room reserved in the pool for one normalised character (decomposed, upper-cased). */
#define CP_ROOM 64

/* Character classes, as far as tokenisation cares. */
enum cls {
    C_END,       /* past the span */
    C_SPACE,     /* ASCII and Unicode white space, controls */
    C_IGNORE,    /* combining marks, soft hyphen, BOM: part of a word, nothing in its norm */
    C_LETTER,    /* letters (any script), '_', non-ASCII digits */
    C_DIGIT,     /* 0-9 */
    C_APOS,      /* ' ‘ ’ ‚ ‛ ʼ  → ' */
    C_HYPHEN,    /* - U+2010 U+2011: may join two parts of a word */
    C_DASH,      /* en/em dashes, minus: punctuation "-" */
    C_QUOTE,     /* " “ ” „ ‟ « » → " */
    C_ELLIPSIS,  /* … → "..." */
    C_PUNCT,     /* anything else visible: its own token */
};

typedef struct {
    int32_t cp;
    uint32_t len;
    enum cls cls;
} chr;

typedef struct {
    const unsigned char *t;
    size_t begin, end;   /* the sentence span */
    token_list *out;
} tok_ctx;

/* A word found by scan_word: norm comes from [start, wend); the token covers [start, tend). */
typedef struct {
    size_t start, wend, tend;
    bool poss;
} word_span;

/* Punctuation that normalises to ASCII and must be told apart from its Unicode category;
   C_END means "not one of these". */
static enum cls classify_special(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: return C_APOS;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: return C_QUOTE;
    case 0x2010: case 0x2011: return C_HYPHEN;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE58: case 0xFE63:
    case 0xFF0D: return C_DASH;
    case 0x2026: return C_ELLIPSIS;
    case 0x200B: return C_SPACE;   /* zero-width space separates words, unlike other Cf */
    default: return C_END;
    }
}

/* ASCII classes by table: most news is ASCII, and the scanner asks for a character's class
   several times (abbreviation, letter run, joiner, norm), so this is the tokenizer's inner loop.
   Controls and '_' are white space ("Dol_Amroth": TABARI texts join words with '_', dictionaries
   match them as words). */
#define S_ C_SPACE
#define L_ C_LETTER
#define D_ C_DIGIT
#define A_ C_APOS
#define H_ C_HYPHEN
#define Q_ C_QUOTE
#define P_ C_PUNCT
static const uint8_t ASCII_CLS[128] = {
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    S_, P_, Q_, P_, P_, P_, P_, A_, P_, P_, P_, P_, P_, H_, P_, P_,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, P_, P_, P_, P_,
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, S_,
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, S_,
};
#undef S_
#undef L_
#undef D_
#undef A_
#undef H_
#undef Q_
#undef P_

/* Bytes of ASCII letters and digits (word_cls of ASCII_CLS); every byte from 0x80 up is 0. */
static const uint8_t ASCII_WORD[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static enum cls classify(int32_t cp)
{
    if (cp < 0x80) return (enum cls)ASCII_CLS[cp];
    enum cls c = classify_special(cp);
    if (c != C_END) return c;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
        return C_IGNORE;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    default:
        return C_PUNCT;
    }
}

/* cp normalised (upper-case, accents stripped) as UTF-8 at out; returns its bytes (at most
   CP_ROOM / 2). Decomposing one character at a time with utf8proc_decompose_char gives what
   utf8proc_map(DECOMPOSE|STRIPMARK) would, without allocating. Hangul syllables are kept whole
   rather than split into jamo. */
static size_t norm_cp(int32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)to_upper(cp); return 1; }
    utf8proc_int32_t d[8] = {cp};
    utf8proc_ssize_t n = 1;
    if (cp < 0xAC00 || cp > 0xD7A3) {
        n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, NULL);
        if (n < 0 || n > 8) d[0] = cp, n = 1;
    }
    size_t len = 0;
    for (utf8proc_ssize_t k = 0; k < n; k++)
        len += (size_t)utf8proc_encode_char(utf8proc_toupper(d[k]), (utf8proc_uint8_t *)out + len);
    return len;
}

/* What the tokenizer asks utf8proc about the two-byte characters below U+0300 (Latin-1, Latin
   Extended A and B: accented names), worked out once with the very same calls: decoding and
   decomposing them one by one was most of the cost of the gazetteer's 9,500 accented names. */
#define LATIN_END 0x300
typedef struct {
    uint8_t cls, upper, lower, nlen;   /* nlen 0: norm longer than the room here, ask utf8proc */
    char norm[12];
} latin_info;
static latin_info LATIN[LATIN_END - 0x80];
static pthread_once_t latin_once = PTHREAD_ONCE_INIT;

static void latin_init(void)
{
    for (int32_t cp = 0x80; cp < LATIN_END; cp++) {
        latin_info *e = &LATIN[cp - 0x80];
        char buf[CP_ROOM];
        size_t n = norm_cp(cp, buf);
        *e = (latin_info){(uint8_t)classify(cp), utf8proc_isupper(cp), utf8proc_islower(cp), 0, {0}};
        if (n <= sizeof e->norm) memcpy(e->norm, buf, n), e->nlen = (uint8_t)n;
    }
}

static const latin_info *latin(int32_t cp)
{
    if (cp < 0x80 || cp >= LATIN_END) return NULL;
    pthread_once(&latin_once, latin_init);
    return &LATIN[cp - 0x80];
}

/* The character at byte i, when it is not ASCII. A byte that does not start valid UTF-8 is one
   U+FFFD punctuation character, so unrepaired input still tokenises. */
static chr char_wide(const tok_ctx *c, size_t i)
{
    if (c->t[i] >= 0xC2 && c->t[i] < 0xC0 + (LATIN_END >> 6) && i + 1 < c->end && (c->t[i + 1] & 0xC0) == 0x80) {
        int32_t cp = (c->t[i] & 0x1F) << 6 | (c->t[i + 1] & 0x3F);   /* what utf8proc_iterate gives */
        return (chr){cp, 2, (enum cls)latin(cp)->cls};
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(c->t + i, (utf8proc_ssize_t)(c->end - i), &cp);
    if (len <= 0) return (chr){0xFFFD, 1, C_PUNCT};
    return (chr){cp, (uint32_t)len, classify(cp)};
}

/* The character at byte i; ASCII inline, as the scanner asks for each several times. */
static inline chr char_at(const tok_ctx *c, size_t i)
{
    if (i >= c->end) return (chr){0, 0, C_END};
    if (c->t[i] < 0x80) return (chr){c->t[i], 1, (enum cls)ASCII_CLS[c->t[i]]};
    return char_wide(c, i);
}

static bool word_cls(enum cls k) { return k == C_LETTER || k == C_DIGIT; }

/* End of a letter.letter. abbreviation starting at i ("U.S.", "U.S.S.R", "a.m."), or 0.
   Every part is a single letter, at least two of them; a final dot is included. */
static size_t abbrev_end(const tok_ctx *c, size_t i)
{
    /* most words: two ASCII letters or digits in a row are no single-letter part */
    if (i + 1 < c->end && ASCII_WORD[c->t[i]] && ASCII_WORD[c->t[i + 1]]) return 0;
    size_t j = i, endp = 0;
    int parts = 0;
    while (j - i < MAX_TOKEN) {
        chr l = char_at(c, j);
        if (l.cls != C_LETTER || l.cp == '_') break;
        size_t k = j + l.len;
        chr nx = char_at(c, k);
        if (word_cls(nx.cls)) break;   /* a longer part: not (or no longer) an abbreviation */
        parts++;
        if (nx.cp == '.') { j = endp = k + 1; continue; }
        endp = k;
        break;
    }
    return parts >= 2 ? endp : 0;
}

/* Past the run of letters, digits and ignorables at i, stopping at MAX_TOKEN bytes from
   `start`. A combining accent after the last letter belongs to the word ("Cafe\u0301"). */
static size_t letter_run(const tok_ctx *c, size_t start, size_t i)
{
    size_t lim = c->end < start + MAX_TOKEN ? c->end : start + MAX_TOKEN;
    const unsigned char *t = c->t;
    for (;;) {
        /* ASCII letters and digits, the common case, byte by byte (no ASCII byte is C_IGNORE) */
        while (i < lim && ASCII_WORD[t[i]]) i++;
        if (i >= lim || c->t[i] < 0x80) return i;
        chr ch = char_wide(c, i);
        if (!word_cls(ch.cls) && ch.cls != C_IGNORE) return i;
        i += ch.len;
    }
}

/* Whether text[a..b) is a pronoun or adverb whose 's is "is"/"has", not a possessive. The words are packed
   into numbers, first letter lowest, and so is text[a..b) with every byte | 0x20: for a letter that is its
   lower case, and no other byte becomes one (every possessive word of a story comes here). */
#define PK2(a, b) ((uint64_t)(a) | (uint64_t)(b) << 8)
#define PK3(a, b, c) (PK2(a, b) | (uint64_t)(c) << 16)
#define PK4(a, b, c, d) (PK3(a, b, c) | (uint64_t)(d) << 24)
#define PK5(a, b, c, d, e) (PK4(a, b, c, d) | (uint64_t)(e) << 32)
static bool contraction_word(const tok_ctx *c, size_t a, size_t b)
{
    static const uint64_t W[] = {
        PK2('i', 't'), PK2('h', 'e'), PK3('s', 'h', 'e'), PK4('t', 'h', 'a', 't'), PK4('w', 'h', 'a', 't'),
        PK3('w', 'h', 'o'), PK5('t', 'h', 'e', 'r', 'e'), PK4('h', 'e', 'r', 'e'), PK5('w', 'h', 'e', 'r', 'e'),
        PK3('l', 'e', 't'), PK3('h', 'o', 'w'), PK4('w', 'h', 'e', 'n'), PK3('w', 'h', 'y'), PK4('t', 'h', 'i', 's'),
    };
    if (b - a < 2 || b - a > 5) return false;
    uint64_t v = 0;   /* n bytes, none of them 0 after | 0x20: only a word of the same length can be equal */
    for (size_t k = b; k > a; k--) v = v << 8 | (c->t[k - 1] | 0x20u);
    for (size_t k = 0; k < sizeof W / sizeof W[0]; k++)
        if (v == W[k]) return true;
    return false;
}
#undef PK2
#undef PK3
#undef PK4
#undef PK5

/* Whether the word at `start` follows an opening single quote ("the 'experts' said"),
   so that an apostrophe after it closes the quote rather than marking a plural possessive. */
static bool after_open_quote(const tok_ctx *c, size_t start)
{
    size_t q;
    if (start > c->begin && c->t[start - 1] == '\'') q = start - 1;
    else if (start >= c->begin + 3 && c->t[start - 3] == 0xE2 && c->t[start - 2] == 0x80 &&
             (c->t[start - 1] == 0x98 || c->t[start - 1] == 0x99))
        q = start - 3;
    else return false;
    if (q == c->begin) return true;
    unsigned char b = c->t[q - 1];
    return b < 0x80 && !is_alnum(b) && b != '_';
}

/* At an apostrophe at i after a word part: possessive, contraction or the end of the word. */
static size_t apostrophe(const tok_ctx *c, word_span *w, size_t i, chr ap)
{
    size_t k = i + ap.len;
    chr nx = char_at(c, k);
    if (nx.cls == C_LETTER) {
        bool lone_s = (nx.cp == 's' || nx.cp == 'S') && !word_cls(char_at(c, k + 1).cls);
        if (lone_s && !contraction_word(c, w->start, i)) {
            w->wend = i, w->tend = k + 1, w->poss = true;   /* "Dagolath's" */
            return 0;
        }
        return k;   /* "ISN'T", "O'NEILL", "IT'S" */
    }
    bool plural = c->t[i - 1] == 's' || c->t[i - 1] == 'S';
    if (nx.cls != C_DIGIT && plural && !after_open_quote(c, w->start)) {
        w->wend = i, w->tend = k, w->poss = true;   /* "Journalists'" */
        return 0;
    }
    w->wend = w->tend = i;
    return 0;
}

/* What follows a word part at i: where the word goes on, or 0 when it ended (w filled in). */
static size_t joiner(const tok_ctx *c, word_span *w, size_t i)
{
    chr ch = char_at(c, i);
    w->wend = w->tend = i;
    if (i - w->start >= MAX_TOKEN) return 0;
    if (ch.cls == C_HYPHEN) {
        chr nx = char_at(c, i + ch.len);
        if (word_cls(nx.cls)) return i + ch.len;                     /* "WAR-TORN", "12-YEAR" */
        if (nx.cls == C_SPACE) w->wend = w->tend = i + ch.len;     /* "ANTI- GONDOR" */
        return 0;
    }
    if (ch.cls == C_APOS) return apostrophe(c, w, i, ch);
    if ((ch.cp == ',' || ch.cp == '.') && is_digit(c->t[i - 1]) && char_at(c, i + 1).cls == C_DIGIT)
        return i + 1;                                                 /* "50,000", "11.8" */
    return 0;
}

/* Finds the extent of the word or number starting at i. */
static void scan_word(const tok_ctx *c, size_t i, word_span *w)
{
    w->start = i;
    w->poss = false;
    size_t ab = abbrev_end(c, i);
    if (ab) {
        w->wend = w->tend = ab;
        if (word_cls(char_at(c, ab).cls)) return;   /* "U.S.Army": the abbreviation alone */
        i = ab;
    }
    for (;;) {
        i = letter_run(c, w->start, i);
        size_t next = joiner(c, w, i);
        if (!next) return;
        i = next;
    }
}

static void put_cp(token_list *l, int32_t cp)
{
    const latin_info *e = latin(cp);
    if (e && e->nlen) {
        memcpy(l->pool + l->plen, e->norm, e->nlen);
        l->plen += e->nlen;
        return;
    }
    l->plen += norm_cp(cp, l->pool + l->plen);
}

/* ---- norm_hash: eight bytes a multiply ----
   Chunks of eight bytes (little-endian loads) and a last one of the 0-7 bytes left, zero-padded, each
   xor-ed in and multiplied; then the length. The tokenizer's fast path feeds it the chunks it has in
   hand (plain_tokens), everything else calls norm_hash: both must give the same value. */
#define NH_K 0x9E3779B97F4A7C15ULL
static inline uint64_t nh_step(uint64_t h, uint64_t chunk) { return (h ^ chunk) * NH_K; }
static inline uint32_t nh_end(uint64_t h, size_t n)
{
    h = (h ^ n) * NH_K;
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

uint32_t norm_hash(const char *s, size_t n)
{
    uint64_t h = 0, x = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) h = nh_step(h, load8(s + i));
    size_t r = n - i;
    if (r && n >= 8) {
        x = load8(s + n - 8) >> (8 * (8 - r));   /* overlapping: no byte outside s[0..n) is read */
    } else if (r >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4), memcpy(&b, s + n - 4, 4);
        x = a | ((uint64_t)b >> (8 * (8 - r))) << 32;   /* b's last r - 4 bytes; none for r = 4 */
    } else {
        for (size_t k = r; k > 0; k--) x = x << 8 | (unsigned char)s[k - 1];
    }
    return nh_end(nh_step(h, x), n);
}

/* new_token and end_norm run once per token: inlined, whatever the compiler would judge (-1 % of a run) */
static inline __attribute__((always_inline)) token *new_token(token_list *l, size_t start, size_t end, uint8_t kind)
{
    GROW(l->t, l->cap, l->n);
    token *t = &l->t[l->n++];
    *t = (token){.start = (uint32_t)start, .end = (uint32_t)end, .norm = (uint32_t)l->plen, .kind = kind};
    return t;
}

/* Ends the norm begun at t->norm with a NUL; its hash. */
static inline __attribute__((always_inline)) void end_norm(token_list *l, token *t)
{
    GROW(l->pool, l->pcap, l->plen);
    t->norm_len = (uint16_t)(l->plen - t->norm);
    t->hash = norm_hash(l->pool + t->norm, t->norm_len);
    l->pool[l->plen++] = 0;
}

/* TF_HYPHEN for a word whose norm has a hyphen inside (not its first or last byte). */
static void mark_hyphen(const token_list *l, token *t)
{
    const char *w = l->pool + t->norm;
    if (t->kind != TOK_WORD || t->norm_len <= 2) return;
    for (size_t k = 1; k + 1 < t->norm_len; k++)
        if (w[k] == '-') { t->flags |= TF_HYPHEN; return; }
}

static bool upper_cp(int32_t cp)
{
    const latin_info *e = latin(cp);
    return cp < 0x80 ? is_upper(cp) : e ? e->upper : utf8proc_isupper(cp);
}

static bool lower_cp(int32_t cp)
{
    const latin_info *e = latin(cp);
    return cp < 0x80 ? is_lower(cp) : e ? e->lower : utf8proc_islower(cp);
}

/* What emit_word does with each ASCII byte of a word, by its class (ASCII_CLS): AN_KEEP, its
   upper-case form goes to the norm (letters, digits, the . and , inside numbers, ' and -); AN_WORD,
   the token is a word, not a number (letters, ' and -); AN_LOWER / AN_UPPER, the letter's case
   (AN_UPPER is the top bit: f >> 3 counts upper-case letters). */
enum { AN_KEEP = 1, AN_WORD = 2, AN_LOWER = 4, AN_UPPER = 8 };
static const uint8_t ASCII_NORM[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 0, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 3, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,
    11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 1, 1, 1, 1, 0,
    1, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 1, 1, 1, 0,
};
/* ASCII upper-cased */
#define U8(c) (uint8_t)((c) >= 'a' && (c) <= 'z' ? (c) - 32 : (c))
#define U8x8(c) U8(c), U8(c + 1), U8(c + 2), U8(c + 3), U8(c + 4), U8(c + 5), U8(c + 6), U8(c + 7)
static const uint8_t ASCII_UPPER[128] = {U8x8(0), U8x8(8), U8x8(16), U8x8(24), U8x8(32), U8x8(40), U8x8(48),
                                         U8x8(56), U8x8(64), U8x8(72), U8x8(80), U8x8(88), U8x8(96),
                                         U8x8(104), U8x8(112), U8x8(120)};
#undef U8x8
#undef U8

/* emit_word's loop for a word of ASCII bytes only (most news is ASCII): the same norm and flags
   without decoding, a pool check or a branch per character. False, with nothing changed, at the
   first byte that is not ASCII (emit_word then takes the long way). */
static bool ascii_norm(token_list *l, const unsigned char *s, const word_span *w, token *t)
{
    GROW(l->pool, l->pcap, l->plen + (w->wend - w->start) + 1);
    char *o = l->pool + l->plen;
    unsigned upper = 0, all = 0, high = 0;
    /* the bytes past plen are scratch until plen moves: a word found not to be ASCII leaves nothing */
    for (size_t i = w->start; i < w->wend; i++) {
        unsigned b = s[i];
        high |= b;
        b &= 0x7F;
        unsigned f = ASCII_NORM[b];
        *o = (char)ASCII_UPPER[b];
        o += f & AN_KEEP;
        all |= f;
        upper += f >> 3;
    }
    if (high & 0x80) return false;
    if (all & AN_WORD) t->kind = TOK_WORD;
    l->plen = (size_t)(o - l->pool);
    if (is_upper(s[w->start])) t->flags |= TF_CAP;
    if (upper >= 2 && !(all & AN_LOWER)) t->flags |= TF_ALLCAPS;
    return true;
}

static void emit_word(const tok_ctx *c, const word_span *w)
{
    token_list *l = c->out;
    token *t = new_token(l, w->start, w->tend, TOK_NUMBER);
    if (ascii_norm(l, c->t, w, t)) {
        if (w->poss) t->flags |= TF_POSS;
        end_norm(l, t);
        mark_hyphen(l, t);
        return;
    }
    int upper = 0, lower = 0;
    for (size_t i = w->start; i < w->wend;) {
        chr ch = char_at(c, i);
        GROW(l->pool, l->pcap, l->plen + CP_ROOM);
        if (ch.cls == C_LETTER) {
            t->kind = TOK_WORD;
            upper += upper_cp(ch.cp), lower += lower_cp(ch.cp);
            if (i == w->start && upper_cp(ch.cp)) t->flags |= TF_CAP;
        }
        if (ch.cls == C_LETTER || ch.cls == C_DIGIT) put_cp(l, ch.cp);
        else if (ch.cls == C_APOS) l->pool[l->plen++] = '\'', t->kind = TOK_WORD;
        else if (ch.cls == C_HYPHEN) l->pool[l->plen++] = '-', t->kind = TOK_WORD;
        else if (ch.cls == C_PUNCT) l->pool[l->plen++] = (char)ch.cp;   /* the . and , kept inside */
        i += ch.len;
    }
    if (upper >= 2 && lower == 0) t->flags |= TF_ALLCAPS;
    if (w->poss) t->flags |= TF_POSS;
    end_norm(l, t);
    mark_hyphen(l, t);
}

static void emit_punct(const tok_ctx *c, size_t i, chr ch)
{
    token_list *l = c->out;
    token *t = new_token(l, i, i + ch.len, TOK_PUNCT);
    GROW(l->pool, l->pcap, l->plen + 8);
    const char *s = NULL;
    switch (ch.cls) {
    case C_APOS: s = "'"; break;
    case C_QUOTE: s = "\""; break;
    case C_HYPHEN: case C_DASH: s = "-"; break;
    case C_ELLIPSIS: s = "..."; break;
    default: break;
    }
    if (s) {
        memcpy(l->pool + l->plen, s, strlen(s));
        l->plen += strlen(s);
    } else if (ch.cp == 0xFFFD && ch.len == 1) {   /* a stray byte */
        memcpy(l->pool + l->plen, "\xEF\xBF\xBD", 3);
        l->plen += 3;
    } else {
        memcpy(l->pool + l->plen, c->t + i, ch.len);   /* ASCII, or a symbol such as € kept as is */
        l->plen += ch.len;
    }
    end_norm(l, t);
}

/* ---- the ASCII fast path ----
   Most tokens of news are plain: runs of ASCII letters and digits ended by a space or plain punctuation
   ("said", "Gondor", "1990"), and single ASCII punctuation marks. plain_tokens makes those itself, with
   the list's arrays and counts in registers, and finds a plain word's end, its upper-cased norm, kind
   and case in one pass of eight bytes a step (SWAR, little-endian loads). At anything else -- a word
   whose run ends at a joiner, a possible abbreviation dot or a non-ASCII byte, any non-ASCII
   character -- it returns, and scan_word/emit_word/emit_punct take that token, as they take every
   token when the fast path is off: both give the same tokens. */

static bool fast_path = true;   /* tokenize_plain_words (tests) */
void tokenize_plain_words(bool on) { fast_path = on; }

/* plain_tokens makes room for what this many bytes can hold at once, then checks nothing per token. */
enum { PLAIN_STRETCH = 4096 };

/* The eight bytes at p, zero from the span's end on: loads stay within the span (the rare case out of line,
   taking what it needs from c: no register kept for it in the caller's loop). */
static __attribute__((noinline)) uint64_t load_tail8(const tok_ctx *c, const unsigned char *p)
{
    const unsigned char *begin = c->t + c->begin, *end = c->t + c->end;
    if (p >= end) return 0;
    if (end - begin >= 8) return load8(end - 8) >> (8 * (p + 8 - end));
    uint64_t x = 0;
    for (const unsigned char *k = end; k > p; k--) x = x << 8 | k[-1];
    return x;
}

/* After a run of ASCII letters and digits, by the byte that ends it: PE_END, the run is a token
   for scan_word too (space, plain punctuation); PE_NOT, scan_word may go on (hyphen, apostrophe,
   any byte from 0x80 up: a letter, an accent, a curly apostrophe...); PE_DOT, '.' or ',' (which
   may join digits, or follow a single letter in an abbreviation). */
enum { PE_END, PE_NOT, PE_DOT };
static const uint8_t PLAIN_END[256] = {
    ['\''] = PE_NOT, ['-'] = PE_NOT, ['.'] = PE_DOT, [','] = PE_DOT,
#define R16(b) [b] = PE_NOT, [b + 1] = PE_NOT, [b + 2] = PE_NOT, [b + 3] = PE_NOT, [b + 4] = PE_NOT, \
    [b + 5] = PE_NOT, [b + 6] = PE_NOT, [b + 7] = PE_NOT, [b + 8] = PE_NOT, [b + 9] = PE_NOT, [b + 10] = PE_NOT, \
    [b + 11] = PE_NOT, [b + 12] = PE_NOT, [b + 13] = PE_NOT, [b + 14] = PE_NOT, [b + 15] = PE_NOT
    R16(0x80), R16(0x90), R16(0xA0), R16(0xB0), R16(0xC0), R16(0xD0), R16(0xE0), R16(0xF0),
#undef R16
};

/* Whether the run of ASCII letters and digits [i, r) is a whole token: what follows ends it for
   scan_word too. */
static inline bool plain_end(const unsigned char *t, size_t end, size_t i, size_t r)
{
    if (r >= end) return true;
    unsigned e = PLAIN_END[t[r]];
    if (e == PE_END) return true;
    if (e == PE_NOT) return false;
    if (is_digit(t[r - 1]) && r + 1 < end && is_digit(t[r + 1])) return false;   /* "50,000" */
    return t[r] == ',' || r - i >= 2;   /* "U.S.": a single letter and a dot may begin an abbreviation */
}

/* At least two letters, all upper-case, in the upper-cased norm of a word with no lower-case letter. */
static bool two_letters(const char *norm, size_t n)
{
    int k = 0;
    for (size_t j = 0; j < n && k < 2; j++) k += is_upper(norm[j]);
    return k >= 2;
}

#define ONES(b) (SWAR_ONES * (b))

/* The run of ASCII letters and digits at p, eight bytes a step: its upper-cased bytes written at o (eight at a
   time: the bytes past the run are scratch), norm_hash's chunks folded into *h, its letters (0x80 of a byte)
   and lower-case letters (0x40) or-ed into *acc. Returns the run's end, or NULL when the word would reach
   MAX_TOKEN - 8 bytes from q (the general scanner cuts such words). */
static inline __attribute__((always_inline)) const unsigned char *
plain_run(const tok_ctx *c, const unsigned char *end, const unsigned char *q, const unsigned char *p, char *o,
          uint64_t *h, uint64_t *acc)
{
    for (;;) {
        /* bytes from the span's end or the first non-ASCII byte on are zero: no letter, no digit */
        uint64_t x = p + 8 <= end ? load8(p) : load_tail8(c, p), hi = x & SWAR_HIGHS;
        if (hi) x &= ((hi & -hi) >> 7) - 1;
        uint64_t y = x | ONES(0x20);
        uint64_t let = (y + ONES(0x80 - 'a')) & ~(y + ONES(0x7F - 'z')) & SWAR_HIGHS;
        uint64_t dig = (x + ONES(0x80 - '0')) & ~(x + ONES(0x7F - '9')) & SWAR_HIGHS;
        uint64_t small = let & x << 2;   /* letters with the 0x20 bit: lower case */
        uint64_t stop = (let | dig) ^ SWAR_HIGHS;
        x ^= small >> 2;   /* upper-cased */
        memcpy(o + (p - q), &x, 8);
        if (__builtin_expect(stop != 0, 1)) {   /* most words end in their first eight bytes: laid out straight */
            uint64_t bytes = (stop ^ (stop - 1)) >> 8;   /* the bytes before the first that is no letter or digit */
            *h = nh_step(*h, x & bytes);   /* norm_hash's last chunk (of a word of one run): zero-padded */
            *acc |= (let | small >> 1) & bytes;
            return p + ((unsigned)__builtin_ctzll(stop) >> 3);   /* unsigned: no sign extension on the word-to-word chain */
        }
        *h = nh_step(*h, x);
        *acc |= let | small >> 1;
        p += 8;
        if (p - q > MAX_TOKEN - 8) return NULL;
    }
}

enum { J_JOINED = 1, J_HYPHEN = 2 };   /* below the bits plain_run sets in acc */

/* *t = {start, end, norm, hash, norm_len | kind << 16 | flags << 24} in three stores (little-endian, as
   plain_tokens is): the compiler would otherwise gather the four 32-bit fields in a vector register first. */
static inline void put_token(token *t, uint32_t start, uint32_t end, uint32_t norm, uint32_t hash, uint32_t len_kind_flags)
{
    _Static_assert(offsetof(token, end) == 4 && offsetof(token, norm) == 8 && offsetof(token, hash) == 12 &&
                   offsetof(token, norm_len) == 16 && offsetof(token, kind) == 18 && offsetof(token, flags) == 19 &&
                   sizeof(token) == 20, "put_token writes a token's fields in this order");
    uint64_t a = start | (uint64_t)end << 32, b = norm | (uint64_t)hash << 32;
    memcpy((char *)t, &a, 8);
    memcpy((char *)t + 8, &b, 8);
    memcpy((char *)t + 16, &len_kind_flags, 4);
}

/* The plain tokens from i on, until the span ends or a token begins that is not plain: returns
   where it stopped. *first: no word has been made yet (the next gets TF_FIRST). */
static __attribute__((noinline)) size_t plain_tokens(const tok_ctx *c, size_t i, bool *first)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    token_list *l = c->out;
    const unsigned char *const t = c->t, *const end = t + c->end;
    /* tokens that begin before `lim`: at most one a byte, and in the pool two bytes a byte (a mark and
       its NUL), the last word running on for up to MAX_TOKEN bytes, its last chunk eight bytes past */
    size_t stretch = c->end - i < PLAIN_STRETCH ? c->end - i : PLAIN_STRETCH;
    GROW(l->t, l->cap, l->n + stretch);
    GROW(l->pool, l->pcap, l->plen + 2 * stretch + MAX_TOKEN + 9);
    /* write pointers rather than base and count: fewer registers in the loop */
    token *tp = l->t + l->n;
    char *const pool = l->pool;
    char *o = pool + l->plen;
    const unsigned char *q = t + i, *const lim = q + stretch;
    token *const made = tp;
    while (q < lim) {
        unsigned b = *q;
        if (b >= 0x80) break;
        if (ASCII_CLS[b] == C_SPACE) { q++; continue; }
        if (!ASCII_WORD[b]) {   /* a mark: what emit_punct makes of an ASCII one */
            put_token(tp++, (uint32_t)(q - t), (uint32_t)(q - t) + 1, (uint32_t)(o - pool), nh_end(nh_step(0, b), 1),
                      1 | (uint32_t)TOK_PUNCT << 16);
            o[0] = (char)b, o[1] = 0, o += 2;
            q++;
            /* "said, the": one white space byte and a word, straight to it (every byte up to ' ' is C_SPACE) */
            if (q + 1 >= lim || *q > ' ' || !ASCII_WORD[q[1]]) continue;
            q++;
        }
        for (;;) {   /* a word at q; then the next, as long as one white space byte and a letter or digit follow */
            /* acc: a byte with its high bit set is a letter, with the next bit a lower-case one; and J_JOINED,
               J_HYPHEN in its low bits (one register less in the loop) */
            uint64_t acc = 0, h = 0;
            const unsigned char *p = q;
            for (;;) {   /* runs of letters and digits, joined as joiner joins them: "50,000", "11.8", "war-torn" */
                p = plain_run(c, end, q, p, o, &h, &acc);
                if (!p) goto done;   /* scan_word cuts long words */
                if (p + 1 >= end || PLAIN_END[*p] == PE_END) break;   /* the common case: a space, a plain mark */
                bool join = *p == '-' ? ASCII_WORD[p[1]] : (*p == '.' || *p == ',') && is_digit(p[-1]) && is_digit(p[1]);
                if (!join) break;
                acc |= *p == '-' ? J_JOINED | J_HYPHEN : J_JOINED;
                o[p - q] = (char)*p;   /* kept in the norm as it is */
                p++;
                if (p - q > MAX_TOKEN - 8) goto done;
            }
            size_t len = (size_t)(p - q);
            uint8_t flags = is_upper(*q) ? TF_CAP : 0;
            const unsigned char *stop_at = p;
            if (p < end && PLAIN_END[*p] != PE_END) {   /* what follows may belong to the word */
                /* "Dagolath's": a possessive 's is part of the token, not of its norm (apostrophe) */
                if (p + 1 < end && *p == '\'' && (p[1] == 's' || p[1] == 'S') && (p + 2 == end || (p[2] < 0x80 && !ASCII_WORD[p[2]])) &&
                    !contraction_word(c, (size_t)(q - t), (size_t)(p - t)))
                    stop_at = p + 2, flags |= TF_POSS;
                else if (!plain_end(t, c->end, (size_t)(q - t), (size_t)(p - t)))
                    goto done;
            }
            bool letters = acc & SWAR_HIGHS;
            uint8_t kind = letters || (acc & J_HYPHEN) ? TOK_WORD : TOK_NUMBER;
            if (letters && !(acc & (SWAR_HIGHS >> 1)) && two_letters(o, len)) flags |= TF_ALLCAPS;
            if (acc & J_HYPHEN) flags |= TF_HYPHEN;   /* joined only between letters or digits: inside the word */
            put_token(tp++, (uint32_t)(q - t), (uint32_t)(stop_at - t), (uint32_t)(o - pool),
                      acc & J_JOINED ? norm_hash(o, len) : nh_end(h, len), (uint32_t)len | (uint32_t)kind << 16 | (uint32_t)flags << 24);
            o[len] = 0;
            o += len + 1;
            q = stop_at;
            /* the commonest case by far: one space (or a line's end: every byte up to ' ' is C_SPACE) and the next
               word (reading q[1] needs q + 1 < end) */
            if (q + 1 >= lim || *q > ' ' || !ASCII_WORD[q[1]]) break;
            q++;
        }
    }
done:
    l->n = (size_t)(tp - l->t), l->plen = (size_t)(o - pool);
    /* TF_FIRST here rather than a test per word: the first word is nearly always the first token */
    for (token *k = made; *first && k < tp; k++)
        if (k->kind == TOK_WORD) k->flags |= TF_FIRST, *first = false;
    return (size_t)(q - t);
#else
    (void)c, (void)first;
    return i;
#endif
}

#undef ONES

void tokenize(const char *text, span s, token_list *out)
{
    tok_ctx c = {(const unsigned char *)text, s.start, s.end, out};
    out->n = 0;
    out->plen = 0;
    bool first = true;
    for (size_t i = s.start; i < s.end;) {
        if (fast_path) {   /* plain tokens, a stretch at a time, until one is not plain */
            size_t from;
            do from = i, i = plain_tokens(&c, i, &first);
            while (i > from && i < s.end);
            if (i >= s.end) break;
        }
        if (c.t[i] == ' ') { i++; continue; }   /* the commonest byte: white space, nothing more */
        chr ch = char_at(&c, i);
        if (ch.cls == C_SPACE || ch.cls == C_IGNORE) {
            i += ch.len;
        } else if (word_cls(ch.cls)) {
            word_span w;
            scan_word(&c, i, &w);
            emit_word(&c, &w);
            token *t = &out->t[out->n - 1];
            if (first && t->kind == TOK_WORD) t->flags |= TF_FIRST, first = false;
            i = w.tend;
        } else {
            emit_punct(&c, i, ch);
            i += ch.len;
        }
    }
    /* TOKEN_POOL_SLACK readable bytes after the last norm's NUL: the token cache reads a norm's head in
       one eight-byte load (dict_marks_sentence) */
    GROW(out->pool, out->pcap, out->plen + TOKEN_POOL_SLACK);
}

void token_list_copy(token_list *dst, const token_list *src)
{
    if (src->n > dst->cap) dst->t = xrealloc(dst->t, src->n * sizeof *dst->t), dst->cap = src->n;
    if (src->plen + TOKEN_POOL_SLACK > dst->pcap)   /* the slack tokenize leaves, kept */
        dst->pool = xrealloc(dst->pool, src->plen + TOKEN_POOL_SLACK), dst->pcap = src->plen + TOKEN_POOL_SLACK;
    if (src->n) memcpy(dst->t, src->t, src->n * sizeof *dst->t);
    if (src->plen) memcpy(dst->pool, src->pool, src->plen);
    dst->n = src->n;
    dst->plen = src->plen;
}

void token_list_free(token_list *l)
{
    free(l->t);
    free(l->pool);
    *l = (token_list){0};
}

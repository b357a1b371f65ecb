/* text.h — UTF-8 checking and repair, sentence splitting and tokenisation with byte offsets. */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A byte range [start, end) in a story's text. */
typedef struct {
    uint32_t start, end;
} span;

/* ---- UTF-8 ---- */

/* Offset of the first invalid UTF-8 sequence (or NUL byte) in s[0..n), or n when all is valid. */
size_t utf8_first_invalid(const char *s, size_t n);

/* A copy of s[0..n) that is valid UTF-8: invalid sequences become U+FFFD, NUL bytes a space,
   other C0 controls but tab/newline/CR a space. Returns malloc'd text; *out_len its length;
   *fixes (may be NULL) the number of replacements. Offsets shift only where bytes were replaced. */
char *utf8_repair(const char *s, size_t n, size_t *out_len, size_t *fixes);

/* ---- sentences ---- */

/* Split text[0..n) into sentences. Knows news abbreviations (U.S., Sept., Gen., Jr., Mr.),
   initials (George W. Bush), decimals (11.8), ellipses, and closing quotes/brackets after the
   final stop. Leading/trailing white space is not part of a sentence. Returns the number of
   sentences; *out is malloc'd (caller frees). */
size_t split_sentences(const char *text, size_t n, span **out);
/* For tests of the splitter's word lists (0 abbreviations, 1 capitalised abbreviations, 2 sentence
   starters): the i-th word of a list (NULL past its end), and the index of the first entry equal to the
   lower-case word w (-1 when none) by the splitter's lookup (bit filter, then table) and by a plain walk. */
const char *sentence_list_word(int list, size_t i);
int sentence_list_find(int list, const char *w);
int sentence_list_find_walk(int list, const char *w);

/* ---- datelines ---- */

/* Wire stories open with a dateline: "KYIV (Reuters) - ", "ANKARA, March 4 - ", "PARIS — ". Returns the
   offset where the story proper begins (after the dash), or 0 when the text has no dateline. The
   dateline's place name is text[0..*place_end). */
size_t dateline_end(const char *text, size_t n, size_t *place_end);

/* ---- tokens ---- */

enum token_kind { TOK_WORD = 1, TOK_NUMBER, TOK_PUNCT };

enum token_flag {
    TF_CAP = 1,        /* first letter upper-case in the source ("Restore") */
    TF_ALLCAPS = 2,    /* every letter upper-case, at least two letters ("NATO") */
    TF_POSS = 4,       /* followed by a possessive 's / ' that was split off ("Dagolath's") */
    TF_FIRST = 8,      /* first word of the sentence */
    TF_HYPHEN = 16,    /* a word with a hyphen inside its norm, neither first nor last ("WAR-TORN", not "ANTI-") */
};

typedef struct {
    uint32_t start, end;   /* bytes in the story text (includes a possessive 's) */
    uint32_t norm;         /* offset of the normalised form in token_list.pool (NUL-terminated) */
    uint32_t hash;         /* norm_hash of the norm, worked out while the tokenizer had its bytes at hand */
    /* hash to flags in this order, eight bytes: the token cache reads them with one load (token_key) */
    uint16_t norm_len;
    uint8_t kind;          /* enum token_kind */
    uint8_t flags;         /* enum token_flag */
} token;

/* The tokens of one sentence plus their normalised forms. Reused across sentences: no
   allocation per token once the arrays have grown. */
typedef struct {
    token *t;
    size_t n, cap;
    char *pool;
    size_t plen, pcap;
} token_list;

/* Tokenise text[s.start..s.end) into `out` (cleared first).
   Normalised form: upper-case, accents stripped (Ç→C, ü→U), curly quotes → ' and ",
   dashes → -, NBSP → space. Words keep inner hyphens, apostrophes and abbreviation dots
   ("WAR-TORN", "ISN'T", "U.S."), a trailing hyphen ("ANTI-"); "'s" is split off and flagged
   TF_POSS on the word. Numbers keep , and . between digits ("50,000", "11.8").
   Every other visible character is its own TOK_PUNCT token ("," "." "\"" "(" ...). */
void tokenize(const char *text, span s, token_list *out);
/* For tests: false sends every word through the general scanner instead of the eight-bytes-a-step path
   for plain ASCII words (both must give the same tokens). Not for use while other threads tokenize. */
void tokenize_plain_words(bool on);
void token_list_free(token_list *l);
/* A hash of the n bytes at s (token.hash for a token's norm): tables keyed by normalised words can
   find a token without reading its text again. Whoever changes a token's norm sets its hash anew. */
uint32_t norm_hash(const char *s, size_t n);
/* dst becomes a copy of src (its arrays reused). */
void token_list_copy(token_list *dst, const token_list *src);

static inline const char *tok_norm(const token_list *l, size_t i) { return l->pool + l->t[i].norm; }

/* A token's hash, norm_len, kind and flags as one number: the hash in the low 32 bits, then norm_len, kind,
   and flags in the top 8 (one load where the layout allows: the token cache's probe reads nothing else). */
#define TOKEN_KEY_LEN 32
#define TOKEN_KEY_KIND 48
#define TOKEN_KEY_FLAGS 56
static inline uint64_t token_key(const token *t)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    _Static_assert(offsetof(token, norm_len) == offsetof(token, hash) + 4 && offsetof(token, kind) == offsetof(token, hash) + 6 &&
                   offsetof(token, flags) == offsetof(token, hash) + 7, "token_key loads hash..flags at once");
    uint64_t v;
    memcpy(&v, &t->hash, sizeof v);
    return v;
#else
    return t->hash | (uint64_t)t->norm_len << TOKEN_KEY_LEN | (uint64_t)t->kind << TOKEN_KEY_KIND |
           (uint64_t)t->flags << TOKEN_KEY_FLAGS;
#endif
}

#endif

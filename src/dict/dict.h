/* dict.h — the in-memory dictionary every reader compiles into: actors, agents, verbs, synsets, discards. */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "base/util.h"
#include "event/event.h"
#include "text/text.h"

/* ---- phrases ----
   A phrase is a sequence of elements. Words carry how they match a token and whether they must
   directly follow the element before them ('_' in the dictionary files) or may have words in between
   (a space). */

enum word_mode {
    WM_STEM,      /* "ARGENTIN" matches any word that starts with it */
    WM_EXACT,     /* "RESOLUTION_" matches that word only */
    WM_NOUN,      /* actor "LIBYA_": the word, or with a regular noun ending (S, ES) */
    WM_VERB,      /* verb "DEPART_": the word, or with a regular verb ending (S ES ED D EN ING) */
    WM_FIXED,     /* "BAN=": exactly the word, no ending at all */
};

enum elem_kind {
    PE_WORD = 1,
    PE_VERB,      /* '*': where the verb stands in a pattern */
    PE_TARGET,    /* '+': the target actor */
    PE_SOURCE,    /* '$': the source actor */
    PE_COMPOUND,  /* '%': a compound actor (both sides of a symmetric event) */
    PE_SKIP,      /* '^': skip one actor */
    PE_SET,       /* '&SYNSET' or '{ a | b }': any one of a set of phrases */
};

typedef struct {
    uint8_t kind;
    uint8_t adjacent : 1;   /* must directly follow the previous element */
    uint8_t mode : 7;       /* enum word_mode, for PE_WORD */
    uint16_t len;       /* PE_WORD: strlen(word), so matching never measures it again */
    int set;            /* PE_SET: index in dict.sets */
    const char *word;   /* PE_WORD: upper-case text */
} pelem;
/* 16 bytes, not 24 (the two flags share a byte, the set sits before the word): TABARI's set has ~150,000
   elements, which a compiled load writes into fresh memory and the coder's matching reads */
_Static_assert(sizeof(pelem) == 16, "a phrase element is 16 bytes");

typedef struct {
    pelem *e;
    int n;
} phrase;

/* A synset (&NAME) or an alternative group ({ A | B C }). */
typedef struct {
    char *name;         /* "&CURRENCY", or NULL for an anonymous { | } group */
    phrase *alts;
    int n, cap;
} phrase_set;

/* ---- codes ---- */

enum code_flag {
    CF_NULL = 1,       /* [---]: recognised, but codes nothing */
    CF_DISCARD = 2,    /* [###]: the sentence is not coded at all */
    CF_COMPLEX = 4,    /* [+++]: the sentence is too complex to code */
    CF_DOMINANT = 8,   /* [031!]: this verb wins over the others in the sentence */
    CF_WEAK = 16,      /* [023?]: an attribution verb ("said"): a later verb in the clause wins */
};

typedef struct {
    char code[EVENT_CODE_MAX];    /* "064"; "" for null/discard/complex */
    char code2[EVENT_CODE_MAX];   /* "032:033" → the paired event (target→source); "" when none */
    uint8_t flags;
} event_code;

/* Where an entry came from, for error messages and the `pattern` field of events. */
typedef struct {
    const char *file;
    int line;
} origin;

/* ---- actors ---- */

typedef struct {
    char code[ACTOR_CODE_MAX];    /* "USAGOV", "---" (null), "###" (discard), "+++" (complex) */
    ymd from, to;                 /* valid from..to inclusive; 0 = open */
} dated_code;

typedef struct {
    phrase *names;                /* the name and its synonyms */
    dated_code *codes;
    int nnames, ncodes;           /* (after both pointers: 40 bytes, not 48; TABARI's set has 30,000 actors) */
    origin at;
} actor_entry;

/* ---- agents ---- */

typedef struct {
    phrase name;
    char code[ACTOR_CODE_MAX];    /* "GOV", "GOVFRM" */
    bool prefix;                  /* "NGM~": goes before the country code; "~GOV": after */
    origin at;
} agent_entry;

/* ---- verbs ---- */

typedef struct {
    phrase p;           /* the whole pattern, '*' included */
    int verb_at;        /* index of the '*' element: before it the upper match, after it the lower */
    event_code code;
    int words;          /* literal words in the pattern: longer patterns win */
    char *text;         /* the pattern as written, for output */
    origin at;
    /* Filled by dict_prepare: ids of the literal words the pattern needs outside { } and &synsets.
       A pattern is only tried on a sentence where every one of them occurs (none: always tried). */
    const uint32_t *need;
    int nneed;
} verb_pattern;

typedef struct {
    phrase *forms;      /* root and its forms ("BREAK_", "BROKE_", "BROKEN_DOWN_") */
    int nforms;
    event_code code;    /* the root's default code */
    verb_pattern *pats;
    int npats;
    char *text;         /* the root as written */
    origin at;
} verb_entry;

/* ---- everything else ---- */

typedef struct {
    phrase name;
    event_code code;    /* discard / complex / null or time shift below */
    int shift_days;     /* <TIME> entries: [-7] → -7 */
    bool story;         /* Phoenix '+' discards: drop the whole story */
    origin at;
} misc_entry;

typedef struct {
    phrase name;
    char *issue;        /* "EDUCATION" */
    origin at;
} issue_entry;

/* TABARI's .options settings that change coding. Defaults are TABARI's. */
typedef struct {
    int max_verbs;        /* COMPLEX: VERBS[n]; 0 = no limit */
    int max_conj;         /* COMPLEX: CONJ[n] */
    bool noactprior;      /* COMPLEX: NOACTPRIOR — no actor before the verb makes it complex */
    bool convert_agent;   /* SET: CONVERT AGENT — a lone agent codes as "~MOS" */
    enum { CODE_BY_CLAUSE, CODE_BY_SENTENCE, CODE_ALL } code_by;
    int comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
    int min_words;        /* SET: MINIMUM WORDS */
    bool time_shift;      /* SET: TIME SHIFT */
    /* TABARI reproduces TABARI's own choices (for its validation suite and its users); dyad's style
       reads more like a parse: agents spread over a compound ("Arnor and Gondor ambassadors"), a lone
       agent is an actor of unknown country ("---GOV"), agents join across a noun phrase ("Dagolath's
       first Deputy Prime Minister"), a pronoun never makes the source its own target, and an
       event whose target is missing is kept with target "---". */
    enum { STYLE_DYAD, STYLE_TABARI } style;
    int forward;          /* pronouns with no actor before them in their sentence stand for the previous
                             sentence's actor: 0 off, 1 its whole code (dyad), 2 its country only (TABARI FORWARD:) */
    char default_source[ACTOR_CODE_MAX], default_target[ACTOR_CODE_MAX];
    bool default_prior, default_after;
} code_options;

void code_options_default(code_options *o);

/* Word index: every phrase is filed under its first literal word. */
typedef struct index_item {
    const char *word;     /* first word, upper-case */
    uint32_t len;         /* strlen(word) */
    uint8_t mode;
    uint8_t kind;         /* IX_ACTOR, IX_AGENT, IX_VERB, IX_NOUN ... */
    uint8_t shape;        /* enum item_shape: what of its phrase the token cache asks, set when indexed */
    int entry;            /* index into the array of that kind */
    int name;             /* which name/form of the entry */
    const uint32_t *need; /* dict_prepare: the phrase's words after the first (ids, as for patterns) */
    int nneed;
    uint32_t hash;        /* hash_bytes of word, its low half (in what was padding): dict_group_index does not hash again */
    struct index_item *next;
} index_item;
_Static_assert(sizeof(index_item) == 48, "an index item keeps its size: the hash fills padding");

enum index_kind { IX_ACTOR = 1, IX_AGENT, IX_VERB, IX_NOUN, IX_ADJ, IX_TIME, IX_DISCARD, IX_ISSUE };
/* An item's phrase as the token cache's tc_item_starts sees it: one word, several words (none of which a
   possessive token may start), or an element that is no word. (A phrase of no word is not indexed.) */
enum item_shape { SHAPE_ONE_WORD, SHAPE_WORDS, SHAPE_NOT_WORDS };

typedef struct dict {
    actor_entry *actors;   int nactors, cap_actors;
    agent_entry *agents;   int nagents, cap_agents;
    verb_entry *verbs;     int nverbs, cap_verbs;
    misc_entry *misc;      int nmisc, cap_misc;       /* nouns, adjectives, time, discards */
    issue_entry *issues;   int nissues, cap_issues;
    phrase_set *sets;      int nsets, cap_sets;
    code_options opt;

    /* hash index: word → items whose phrase starts with it (stems: by the stem) */
    index_item **buckets;
    index_item **bucket_last;   /* each bucket's last item: dict_index_at appends without walking the chain */
    size_t nbuckets, nitems;
    size_t longest_stem;
    struct dict_groups *groups;   /* the buckets as groups of one word's items (dict_group_index), or NULL */
    uint64_t *word_bits;    /* a bit per first word's hash (DICT_WORD_BITS of them, the hash's top bits): most
                               prefixes dict_lookup tries start no phrase, and a clear bit says so without a walk
                               (while the groups are current, lookups ask the groups' own bits, sized for them) */

    /* what loading saw */
    long read[12], rejected;     /* entries read per index_kind; rejected entries */
    char **files;  int nfiles;  /* file names kept for origins */
    void *arena;                /* strings live here */
    diag *dg;
    struct dict_words *words;   /* interned pattern words for the coder's prefilter (dict_prepare) */
    bool strict;
    bool whole_words;           /* while reading: a word without '_' matches whole, not as a stem */
    struct dict_sources *sources;   /* while the cache loads text files: each file read, with its hash */
    /* The first bulk_actors actors (and so on) have every array (names, codes, forms, patterns) and every
       phrase's elements in bulk blocks or in the mapped file: a compiled file read into an empty dictionary.
       dict_free passes over them, not piece by piece (TABARI's .dyc: 115,000 pointers looked up at each exit).
       Code that moves such an entry's array out of bulk lowers the count below it (read_pattern does). */
    int bulk_actors, bulk_agents, bulk_verbs, bulk_misc, bulk_issues;
} dict;

dict *dict_new(diag *dg);
void dict_free(dict *d);

/* Load a dictionary: a dyad dictionary folder, a TABARI .project file, a single TABARI .actors /
   .agents / .verbs / .options file, or a folder of PETRARCH/Phoenix files. Detected by name and
   content. Returns 0, or -1 when the path cannot be read at all (the reason reported in d->dg). */
int dict_load(dict *d, const char *path);

/* Readers per format (dict_load dispatches). Each returns 0 or -1 (file unreadable). */
int dict_read_tabari_project(dict *d, const char *path);
int dict_read_tabari_actors(dict *d, const char *path);
int dict_read_tabari_agents(dict *d, const char *path);
int dict_read_tabari_verbs(dict *d, const char *path);
int dict_read_tabari_options(dict *d, const char *path);
int dict_read_petrarch_dir(dict *d, const char *path);
int dict_read_petrarch_actors(dict *d, const char *path);
int dict_read_petrarch_agents(dict *d, const char *path);
int dict_read_petrarch_discards(dict *d, const char *path);
int dict_read_petrarch_issues(dict *d, const char *path);
int dict_read_petrarch_verbs(dict *d, const char *path);
int dict_read_dyad_dir(dict *d, const char *path);
int dict_read_dyad_file(dict *d, const char *path);
/* dyad entries from memory (the built-in dictionary); `name` is what messages call the text. */
int dict_read_dyad_text(dict *d, const char *name, const char *text, size_t len);
/* The dictionary compiled into dyad (the .dyad files under data/dict). Into an empty dictionary it is
   read from the compiled form the build made of them (DICT_IMAGE, embedded; no parsing), else from the
   text; the two load the same entries. */
int dict_load_default(dict *d);
#define DICT_IMAGE "gen/dict.dyc"
/* Whether dict_load_default(d) would read the compiled form. */
bool dict_default_image(const dict *d);
/* Apply one TABARI options line ("COMPLEX: VERBS[5] ..."); false when not understood. */
bool dict_apply_option(dict *d, const char *line);

/* ---- building blocks shared by the readers ---- */

/* A dictionary file read into lines, each NUL-terminated in place ("\r\n" ends accepted). The text is followed by
   DICT_LINES_PAD zero bytes (its NUL among them), so that a scan may read a line 16 bytes at a time. */
enum { DICT_LINES_PAD = 16 };
typedef struct {
    char *buf;
    char **line;
    int n;
} dict_lines;

/* False (reported in d->dg, naming the file) when the file cannot be read. */
bool dict_read_lines(dict *d, const char *path, dict_lines *L);
void dict_free_lines(dict_lines *L);

/* A copy of s[0..n) in the dictionary's arena. */
const char *dict_str(dict *d, const char *s, size_t n);
/* n zeroed bytes that live until dict_free, for many arrays at once (a compiled dictionary's load: phrase
   elements, index items, actors' names and codes, verbs' forms and patterns): dict_free frees the block,
   not the pieces that lie in it. Code that grows such an array of an entry already in the dictionary
   must copy it out first when dict_in_bulk says it lies in one (read_pattern does, for a verb's patterns). */
void *dict_bulk(dict *d, size_t n);
/* The bytes of the file at path (*len of them), mapped read-only until dict_free: a bulk block whose bytes come
   from the page cache, neither copied nor cleared. NULL with errno set (EINVAL: an empty file). A file cut short
   by another program while it is mapped ends the process (SIGBUS) when the cut bytes are read: dyad's own
   `dict compile` writes a new file and renames it, which leaves a mapped one whole. */
const void *dict_map_file(dict *d, const char *path, size_t *len);
bool dict_in_bulk(const dict *d, const void *p);
/* The kept name of a file (stable for origins). */
const char *dict_file(dict *d, const char *path);

/* Parse a TABARI phrase ("UNITED_ARAB_EMIRATES", "- SAID * TO { A | B }") into elements.
   `in_pattern`: '*', '+', '$', '%', '^', '&', '{ | }' are operators. `ending`: the mode for a word
   that ends in '_' (WM_NOUN for actors, WM_VERB for verb roots, WM_EXACT in patterns).
   Returns false with *why set on a malformed phrase. */
bool dict_parse_phrase(dict *d, const char *s, size_t n, bool in_pattern, int ending, phrase *out, const char **why);

/* The elements of a pattern other than '*' (its `words`). */
int dict_pattern_words(const phrase *p);

/* Parse "[064]", "[032:033]", "[---]", "[031!]". False when malformed. */
bool dict_parse_event_code(const char *s, size_t n, event_code *out);

/* Find or create the synset named `name` ("&CURRENCY"). */
int dict_synset(dict *d, const char *name);

/* Add entries; the dictionary takes ownership of the phrase arrays. Names are indexed. */
int dict_add_actor(dict *d, actor_entry *a);
int dict_add_agent(dict *d, agent_entry *a);
int dict_add_verb(dict *d, verb_entry *v);
int dict_add_misc(dict *d, int kind, misc_entry *m);
int dict_add_issue(dict *d, issue_entry *e);
/* Index an extra name of an entry (e.g. a verb form added later). */
void dict_index(dict *d, const phrase *p, int kind, int entry, int name);
/* The same in an item's memory given from dict_bulk (NULL: its own allocation). */
void dict_index_at(dict *d, const phrase *p, int kind, int entry, int name, index_item *mem);
/* What indexing phrase p reads of it: its first word (NULL: p cannot be indexed), that word's hash_bytes,
   length and mode, and the item's shape. dict_index_key_at indexes a phrase by it, without reading the
   phrase again (a compiled file's loader works keys out in entry order, then indexes in chain order). */
typedef struct {
    const char *word;
    uint64_t hash;
    uint32_t len;
    uint8_t mode, shape;
} dict_index_key;
dict_index_key dict_index_key_of(const phrase *p);
void dict_index_key_at(dict *d, const dict_index_key *k, int kind, int entry, int name, index_item *mem);

/* Report a rejected entry: counted, and a warning naming file:line (an error with --strict). */
void dict_reject(dict *d, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Items whose first word can match the token `word` (exact words, and stems that prefix it).
   Calls fn for each; stops early when fn returns false. */
void dict_lookup(const dict *d, const char *word, bool (*fn)(const index_item *it, void *ctx), void *ctx);
/* dict_lookup less the items whose first word has `shorter` bytes or fewer: the same items, in the same order,
   of the longer prefixes only (a hyphenated word's question, "is it known whole?", skips its first part's). */
void dict_lookup_longer(const dict *d, const char *word, size_t shorter, bool (*fn)(const index_item *it, void *ctx),
                        void *ctx);

/* dict_lookup's items for the word of n bytes (a NUL after them), appended to (*items)[*count ..] (grown with
   GROW as needed, *cap its room): the same items in the same order, without a call per item (the token cache). */
void dict_lookup_append(const dict *d, const char *word, size_t n, const index_item ***items, size_t *count, size_t *cap);
/* The same for the first n bytes of a token of tn >= n bytes (possessive poss), less the items of any first word
   none of whose items' modes may end at the token (dict_ending_matches of the rest of it): their items cannot start a
   name there, and are not read (the token cache's new words: with TABARI's set 9 in 10 of the items found are nouns
   filed under a shorter word, "PRESIDENT" for "PRESIDENTIAL"). Only grouped items are passed over (dict_group_index):
   the caller still tests every item it keeps. (The cache asks it only while the groups are not current: otherwise it
   finds a token's groups in its own table of texts, dict_group_at, and takes their items by dict_group_starting.) */
void dict_lookup_starting(const dict *d, const char *word, size_t n, size_t tn, bool poss, const index_item ***items,
                          size_t *count, size_t *cap);

/* The grouped index (dict_group_index) slot by slot, for a table of its own that finds a token's groups with its word
   ids in one probe a prefix (the token cache): its number of slots, 0 when the groups are not current (lookups walk
   the buckets), and of groups (*ngroups). */
size_t dict_group_slots(const dict *d, size_t *ngroups);
/* Group slot j: its word, the word's length and first eight bytes (word_head8, read here rather than in the word), its
   items' range in the groups' order (first, count) and a bit (1 << mode) per match mode of its items. */
typedef struct {
    const char *word;
    uint64_t head;
    uint32_t len, first, count;
    unsigned modes;
} dict_group_view;
/* False for an empty slot. */
bool dict_group_at(const dict *d, size_t j, dict_group_view *g);
/* The word of the group whose items begin at `first`. */
const char *dict_group_item_word(const dict *d, uint32_t first);
/* Whether d holds the token caches' texts (a compiled file's, lent from it) and they are what a cache would work
   out for d as it is: every slot, bit, entry of several modes and start (the check of put_token_texts's tests). */
bool dict_token_texts_same(const dict *d);
/* Whether d's table of interned words (a compiled file's, lent from it) finds each word as intern made it: its
   hash intern's, and a probe for its text meeting the chain that holds it (the check of put_prepared's tests). */
bool dict_word_table_same(const dict *d);
/* The length of that word (a compiled file's token texts are checked against it). */
uint32_t dict_group_item_len(const dict *d, uint32_t first);
/* What dict_lookup_starting appends for the prefix of len bytes of a word of n when that prefix is the word of the
   group of items (first, count) and one of the group's modes may end at the token (the caller asks that first, as
   dict_lookup_starting does): the same items, in the same order. */
void dict_group_starting(const dict *d, uint32_t first, uint32_t count, size_t len, size_t n, const index_item ***items,
                         size_t *ni, size_t *cap);

/* a and b hold n equal bytes (memcmp(a, b, n) == 0). Words are short: compared here, several bytes a load, with loads that
   overlap rather than a byte loop for the tail, and never a byte past a + n or b + n. */
static inline bool dict_same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8), memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        memcpy(&x, a + n - 8, 8), memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x, y, u, v;
        memcpy(&x, a, 4), memcpy(&y, b, 4), memcpy(&u, a + n - 4, 4), memcpy(&v, b + n - 4, 4);
        return x == y && u == v;
    }
    if (n >= 2) {   /* 2 or 3 bytes: two loads that overlap for 3 */
        uint16_t x, y, u, v;
        memcpy(&x, a, 2), memcpy(&y, b, 2), memcpy(&u, a + n - 2, 2), memcpy(&v, b + n - 2, 2);
        return x == y && u == v;
    }
    return n == 0 || a[0] == b[0];
}

/* word_matches_n once the token's first dn bytes are known to be the dictionary word dw's: may the rn bytes
   `rest` that follow (and the possessive) end a word of this mode? Inline for the token cache, whose
   lookup compared the bytes already. */
static inline bool dict_ending_matches(const char *dw, size_t dn, int mode, const char *rest, size_t rn, bool poss)
{
    if (mode == WM_STEM) return true;
    if (mode == WM_EXACT || mode == WM_FIXED) return !rn && !poss;
    if (mode == WM_NOUN) return !rn || (rn == 1 && rest[0] == 'S') || (rn == 2 && rest[0] == 'E' && rest[1] == 'S');
    /* WM_VERB: regular endings; a possessive is never a verb */
    if (poss) return false;
    if (!rn) return true;
    /* the regular endings -S, -ES, -ED, -EN, -ING, by length (a strlen and memcmp each cost more) */
    if (rn == 1 && rest[0] == 'S') return true;
    if (rn == 2 && rest[0] == 'E' && (rest[1] == 'S' || rest[1] == 'D' || rest[1] == 'N')) return true;
    if (rn == 3 && rest[0] == 'I' && rest[1] == 'N' && rest[2] == 'G') return true;
    if (dn && dw[dn - 1] == 'E' && rn == 1 && (rest[0] == 'D' || rest[0] == 'N')) return true;
    return false;
}

/* May a word of one of these modes (a bit 1 << mode each), the first len bytes of a token of tn bytes (possessive
   poss), end there? A word group's test before its items are read (dict_lookup_starting, the token cache). */
static inline bool dict_modes_may_end(unsigned modes, const char *tok, size_t len, size_t tn, bool poss)
{
    for (; modes; modes &= modes - 1)
        if (dict_ending_matches(tok, len, __builtin_ctz(modes), tok + len, tn - len, poss)) return true;
    return false;
}

/* Does a dictionary word match a text token? `poss`: the token carried a possessive 's. */
bool word_matches(const char *dword, int mode, const char *tok, bool poss);
/* The same with both lengths known (the coder's hot path). */
bool word_matches_n(const char *dw, size_t dn, int mode, const char *tok, size_t tn, bool poss);

/* ---- the coder's prefilter (dict_compile.c) ----
   dict_prepare interns every literal word of the verb patterns (one id per word and match mode) and
   lists for each pattern what it needs: the words outside { } and synsets, and the sets themselves
   (a set is possible when one of its alternatives has all it needs). A pattern is only tried on a
   sentence where all of it is possible. Index items (actor, agent, noun ... names) list the words
   of their phrase after the first, so that a long name is only tried where all its words occur.
   dict_prepare changes the dictionary, so it runs before coders share it across threads (coder_new
   calls it; it only rebuilds when entries were added since). A dictionary changed afterwards stays
   correct: patterns and names it has not seen need nothing. */
void dict_prepare(dict *d);
/* The index's buckets as groups of items of one first word (dict_prepare does it): a lookup compares a
   word once, not every item of the bucket (TABARI's set files 300 names under "THE"). Items indexed
   afterwards make the groups stale: lookups then walk the buckets as before. */
void dict_group_index(dict *d);
/* A compiled file's part for the groups (dict_compile.c writes and reads it; dict.c knows the groups' layout): written
   at b's end (b: the file so far), read at p < end, at offset off in the file. */
void dict_groups_write(const dict *d, strbuf *b);
/* Whether d's groups are a compiled file's (lent) and the same as dict_group_index builds for d (a test's check). */
bool dict_groups_same_built(dict *d);
const unsigned char *dict_groups_read(dict *d, const unsigned char *p, const unsigned char *end, size_t off,
                                      const index_item *items, size_t n, bool lend, bool *used);
void dict_words_free(struct dict_words *w);

/* How a table's words begin, for lookups by every prefix of a token (dict_lookup, the token cache's word
   ids): a bit per first byte of a one-byte word and per first two bytes of a longer one. A token whose
   first byte and first two bytes have no bit has no prefix in the table, and its lookup is skipped: a third
   of the distinct tokens of news are numbers, which begin no word of most dictionaries. */
typedef struct {
    uint64_t one[256 / 64];
    uint64_t two[65536 / 64];
} word_starts;

static inline void word_starts_add(word_starts *s, const char *w, size_t n)
{
    unsigned a = (unsigned char)w[0];
    if (n == 1) s->one[a / 64] |= (uint64_t)1 << (a % 64);
    else if (n >= 2) {
        unsigned ab = a << 8 | (unsigned char)w[1];
        s->two[ab / 64] |= (uint64_t)1 << (ab % 64);
    }
}

/* The first eight bytes of the n at s, zero-padded, reading none past them: a table's words keep theirs, so
   that a prefix of up to eight bytes is compared as one number, without reading the word. */
static inline uint64_t word_head8(const char *s, size_t n)
{
    uint64_t x = 0;
    memcpy(&x, s, n < 8 ? n : 8);
    return x;
}

/* What of word_head8 h (of a word of at least len bytes) its first len bytes hold. */
static inline uint64_t word_head_prefix(uint64_t h, size_t len)
{
    return len >= 8 ? h : h & (((uint64_t)1 << (8 * len)) - 1);
}

/* Can a word of the table be a prefix of the n bytes at t (n >= 1)? */
static inline bool word_starts_may(const word_starts *s, const char *t, size_t n)
{
    unsigned a = (unsigned char)t[0];
    if (s->one[a / 64] >> (a % 64) & 1) return true;
    if (n < 2) return false;
    unsigned ab = a << 8 | (unsigned char)t[1];
    return s->two[ab / 64] >> (ab % 64) & 1;
}

enum { NEED_SET = 1u << 31 };   /* a need that is a set index, not a word id */
#define DICT_NEED_NONE UINT32_MAX   /* dict_first_needs: the pattern needs nothing */
/* The first need of each pattern of verb v (DICT_NEED_NONE when it needs nothing), in pattern
   order: the coder's first look at every pattern, from one compact array. NULL when the verb
   changed since dict_prepare. */
const uint32_t *dict_first_needs(const dict *d, int v);
/* As dict_first_needs, the second need of each pattern when it is a word (most patterns that pass the
   first look fail on it); DICT_NEED_NONE when there is none, or it is a set. */
const uint32_t *dict_second_needs(const dict *d, int v);
/* dict_first_needs, and dict_second_needs into *second, in one call (best_pattern asks both of every verb). */
const uint32_t *dict_pattern_needs(const dict *d, int v, const uint32_t **second);
/* Does verb v have a pattern coded [###]? 1 or 0; -1 when the verb changed since dict_prepare. */
int dict_verb_discards(const dict *d, int v);
/* The indexes of verb v's [###] patterns, ascending, *n of them; NULL when the verb changed since dict_prepare. */
const uint32_t *dict_verb_discard_patterns(const dict *d, int v, size_t *n);

/* One sentence's marks: which interned words occur in it, and (memo) which sets are possible. */
typedef struct {
    uint8_t *mark;          /* per interned word (and one past them: always current): == mark_gen when it occurs */
    uint32_t *set;          /* == gen: decided */
    uint8_t *set_ok;
    size_t nword, nset;
    uint32_t gen;           /* the sentence's number: sets decided, token cache entries stamped */
    uint8_t mark_gen;       /* the sentence's mark: a byte a word, so that TABARI's 25,769 words take 26 KB and stay
                               in the first-level cache, where 103 KB of uint32_t did not (every scan of names and
                               patterns reads them at random); the marks are cleared when it wraps, every 255 sentences */
    struct dict_tokcache *cache;   /* tokens seen before: their marks and lookups (dict_marks_token_cached) */
    uint32_t *seen;                /* the word ids marked in this sentence that key a grouped verb's pattern
                                      list (dict_verb_candidates' only question), each once; others may be there */
    size_t nseen, capseen;
    bool track;                    /* keep `seen` (the dictionary has verbs dict_verb_candidates serves) */
    uint64_t *bits;                /* dict_verb_candidates' scratch */
    size_t capbits;
} dict_marks;

/* A new sentence: forget the previous one's marks (no clearing: the generation moves on). m->word has
   room for one id past the dictionary's words, always marked (dict_token_items). */
void dict_marks_begin(const dict *d, dict_marks *m);
/* Mark every interned word the token matches (as word_matches_n would). Mark the whole sentence before
   asking dict_needs_met: a set's answer is kept for the rest of the sentence. */
void dict_marks_token(const dict *d, dict_marks *m, const char *tok, size_t tn, bool poss);
/* Can a pattern with these needs match the marked sentence? False only when it certainly cannot. */
bool dict_needs_met(const dict *d, dict_marks *m, const uint32_t *need, int n);
/* Can alternative alt of set s (dict.sets) match this sentence? As dict_needs_met: false only when it cannot. */
bool dict_alt_possible(const dict *d, dict_marks *m, int s, int alt);
/* The first need of each alternative of set s when it is a word (DICT_NEED_NONE: none, or a set), for a
   look before dict_alt_possible; NULL when the set changed since dict_prepare. */
const uint32_t *dict_alt_first_needs(const dict *d, int s);
/* dict_marks_token through a per-thread cache of the tokens seen before (most tokens of news are):
   also keeps what dict_lookup finds for the token. Returns the token's entry for dict_lookup_needed,
   valid until the next dict_marks_begin, or -1 (not cached: dict_lookup_needed then looks up).
   *note: a byte kept with the entry for the caller's own facts about the word (0 until set), so that
   they too are worked out once per distinct token; NULL for -1. */
int32_t dict_marks_token_cached(const dict *d, dict_marks *m, const char *tok, size_t tn, bool poss, uint8_t **note);
/* dict_marks_token_cached for every word and number of a sentence (TOK_WORD, TOK_NUMBER) in one call, by
   the tokens' hashes: entry[i] as it returns; note[i] the entry's note, note_of(norm) when still 0 (kept
   then), or for a token the cache does not take. Other tokens: entry -1, note 0. (A token whose hash is
   not norm_hash of its norm is still marked right, but gets an entry of its own.) Each norm must be followed
   by a NUL in the pool, as the tokenizer leaves it: short ones are read up to it. */
void dict_marks_sentence(const dict *d, dict_marks *m, const token_list *tl, int32_t *entry, uint8_t *note,
                         uint8_t (*note_of)(const char *word));
/* A hint: the sentence tl will be marked soon (dict_marks_sentence). Asks for the token cache's slots its
   first words probe, so that they arrive while the caller does other work; changes nothing else. */
void dict_marks_prefetch(const dict_marks *m, const token_list *tl);
/* dict_lookup(d, word, fn, ctx) for the token whose entry dict_marks_token_cached returned, without
   hashing or comparing: the same items in the same order, less those whose first needed word
   (index_item.need[0]) is not marked in the sentence, and less those whose phrase cannot start at this
   token (a coded kind, all words, the first matching the token, a possessive only closing it): for callers
   that would pass over them anyway. */
void dict_lookup_needed(const dict *d, const dict_marks *m, int32_t entry, const char *word,
                        bool (*fn)(const index_item *it, void *ctx), void *ctx);
/* What dict_lookup_needed walks, for callers that walk it themselves (the coder, at every word): the
   index items of the token whose entry dict_marks_token_cached returned that can start there (as for
   dict_lookup_needed: their first word matched), in dict_lookup's order, and
   beside each its first needed word (none: the dictionary's word count, an id whose mark dict_marks_begin
   keeps current, m->mark[words] == m->mark_gen, so that a scan tests the mark alone). Returns how many; 0 when the entry is -1
   (dict_lookup then) or the token starts no name. */
uint32_t dict_token_items(const dict_marks *m, int32_t entry, const index_item *const **items, const uint32_t **first);
void dict_marks_free(dict_marks *m);
/* Does an index item whose first word is longer than `shorter` bytes start at the whole word w of n bytes (no
   possessive: what dict_lookup_longer(d, w, shorter, ..) finds an item of that word_matches w)? 1 or 0, from the
   texts of m's token cache (the word ids' and groups' table a new token's prefixes are looked up in, so that a
   hyphenated word's question warms the lines its marking reads next); -1 when they cannot tell (no cache yet, or
   one not current for d, or d's index not grouped): ask dict_lookup_longer then. */
int dict_known_whole(const dict *d, const dict_marks *m, const char *w, size_t n, size_t shorter);
/* The patterns of verb v a sentence may fit, by its marks: those that need no word, and those whose
   longest needed word it has (the rest cannot fit: dict_needs_met would say no). Their indexes go
   to *buf (grown as needed), ascending; returns how many, or SIZE_MAX when the verb has too few patterns to be worth it
   (or changed since dict_prepare): scan dict_first_needs then. */
size_t dict_verb_candidates(const dict *d, dict_marks *m, int v, uint32_t **buf, size_t *cap);
/* dict_verb_candidates' indexes in no particular order (each once): for a caller that breaks ties by the
   index itself, without the bitmap that puts them in order. SIZE_MAX when dict_verb_candidates' is. */
size_t dict_verb_candidates_any(const dict *d, dict_marks *m, int v, uint32_t **buf, size_t *cap);
/* What best_pattern asks of verb v, in one call: *first as dict_first_needs; *look, for pattern k, its
   first and second word needs at look[2k] and look[2k + 1], to be looked at in m->word (none, or a set:
   an id this call stamps present), so that a pattern the sentence cannot fit fails
   on a look with no test first. Returns dict_verb_candidates_any's answer (SIZE_MAX: scan them all).
   *first and *look NULL when the verb changed since dict_prepare, m was begun with another dictionary,
   or the dictionary has no words. */
size_t dict_verb_scan(const dict *d, dict_marks *m, int v, const uint32_t **first, const uint32_t **look,
                      uint32_t **buf, size_t *cap);
/* Where each pattern of verb v keeps its needs: pool[at .. at + n), in pattern order (the pattern's own
   need and nneed, from a compact array: a pattern that passes the looks but lacks a later need is turned
   away without reading the pattern, a cache miss of its own). NULL when the verb changed since dict_prepare. */
typedef struct { uint32_t at, n; } dict_need_span;
/* Verb v's first form when it is one word, as a token of it would carry it: its length << 32 | its norm_hash
   (0: the first form is not one word), into *key; false when the verb changed since dict_prepare. The coder
   asks it of a bare verb after "the X" (is the token the lemma itself?) without reading the verb's forms. */
bool dict_verb_lemma(const dict *d, int v, uint64_t *key);
const dict_need_span *dict_verb_need_spans(const dict *d, int v, const uint32_t **pool);
/* dict_verb_scan and dict_verb_need_spans in one call (best_pattern's, once a verb use): the looks, the first
   needs, the pool and the verb's spans, all NULL when dict_verb_scan's *first would be; returns
   dict_verb_scan's answer. One check of the verb, not two, and no argument on the stack. look16, when the
   dictionary has fewer than 65,535 words (NULL otherwise): looks as `look` has them, in 16 bits, but of
   pattern k's two longest word needs (of equals the earlier; the id every sentence has when it has fewer):
   a sentence lacks more of them than of its first two. After the verb's last pattern's pair, look16[2 npats]
   and look16[2 npats + 1] are that id too: a scan for the next pattern the sentence passes ends there. */
typedef struct {
    const uint32_t *first, *look, *pool;
    const dict_need_span *spans;
    const uint16_t *look16;
} dict_verb_view;
size_t dict_verb_scan_view(const dict *d, dict_marks *m, int v, dict_verb_view *view, uint32_t **buf, size_t *cap);

/* The compiled form: `dyad dict compile` writes the loaded dictionary (dict_write_compiled, 0 or -1 with
   errno), and `--dict FILE.dyc` reads it back (dict_load sends .dyc files to dict_read_compiled) without
   parsing anything. Layered after other dictionaries its options replace theirs. */
int dict_write_compiled(const dict *d, const char *path);
int dict_read_compiled(dict *d, const char *path);
/* The compiled form's bytes, into the empty b (its alignment counts from b's start; dict_write_compiled writes them). */
void dict_compiled_bytes(const dict *d, strbuf *b);
/* The n bytes at s as the file at path, written beside it and renamed over it (a reader that has the old file
   mapped keeps it whole). 0, or -1 with errno set. */
int dict_write_file(const char *path, const char *s, size_t n);
/* A compiled form's len bytes at data, which d's bulk blocks hold (dict_map_file's mapping). */
int dict_read_compiled_mapped(dict *d, const char *name, const void *data, size_t len);

/* The cache of compiled text dictionaries (dict_cache.c). Text files given to --dict are parsed once; what the
   parse made is kept as a .dyc in a cache folder under a key of this dyad (`salt`: its build) and the files'
   contents, with the warnings the parse printed, and later loads of the same files read that instead. A file
   that changed (its bytes, not its time) makes a new entry. */
typedef struct {
    char *path;
    uint64_t size;
    hash128 hash;
} dict_source;
typedef struct dict_sources {
    dict_source *s;
    int n, cap;
} dict_sources;
/* Called by the readers with each file's bytes: recorded while d->sources is set. */
void dict_note_source(dict *d, const char *path, const void *bytes, size_t n);
enum {
    DICT_CACHE_UNUSED = 1,    /* the paths are not all text files the cache takes: d untouched, load them plainly */
    DICT_CACHE_DISCARD = 2,   /* a cache entry failed to load: discard d, load the paths plainly into a new one */
};
/* Load paths[0..n) into the empty d through the cache folder dir: 0 (loaded, from the cache or parsed and then
   stored), -1 (a file could not be loaded: reported in d->dg as dict_load reports it) or a DICT_CACHE_ code.
   The cache is an optimisation: an entry that cannot be written or read is passed over without a message. */
int dict_cache_load(dict *d, const char *const *paths, int n, const char *dir, const void *salt, size_t nsalt);
/* The same from bytes in memory (the built-in dictionary's, embedded); `name` is what messages call them.
   `lasting`: the bytes outlive the dictionary, which then points into them instead of copying strings. */
int dict_read_compiled_mem(dict *d, const char *name, const void *data, size_t len, bool lasting);

/* The code of an actor on a date ("" when none applies). */
const char *actor_code_on(const actor_entry *a, ymd date);

#endif

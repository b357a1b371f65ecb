/* where_internal.h — what the gazetteer (gazetteer.c) shares with the mention finder (where.c). */
#ifndef DYAD_WHERE_INTERNAL_H
#define DYAD_WHERE_INTERNAL_H
#include <stdint.h>
#include "where/where.h"

/* Feature types, as in the TSV's last column. */
enum gz_kind { GZ_COUNTRY = 1, GZ_ADMIN1, GZ_REGION, GZ_CAPITAL, GZ_CITY,
               GZ_CONTEXT /* no place: a word that tells the country ("Syrian", "Knesset") */ };

/* One entry of the name index: a folded name ("NEW YORK") and the places it names. A prefix of a
   longer name ("NEW") is an entry too, with count 0 unless it is also a name itself: the finder stops
   extending a match when no entry has that prefix. */
typedef struct {           /* 16 bytes: the table has some 260,000 slots */
    uint32_t hash;          /* norm_hash(key): a token's hash when its norm is the key */
    uint32_t key;           /* in gazetteer.keys */
    uint32_t first;         /* place indices in gazetteer.cand[first .. first+count) */
    uint16_t klen;          /* 0 = empty slot */
    uint16_t count;
} gz_slot;

struct gazetteer {
    char *buf;              /* the TSV, its fields NUL-terminated in place */
    place *p;
    uint32_t *pop;
    uint8_t *kind;          /* enum gz_kind */
    size_t n;
    gz_slot *slots;
    size_t nslots;          /* a power of two */
    char *keys;
    uint32_t *cand;
    int max_tokens;         /* the longest name, in tokens */
    uint32_t *countries;    /* the places of type country */
    size_t ncountries;
    uint64_t *first_words;  /* GZ_FIRST_BITS bits: bit norm_hash(k) % GZ_FIRST_BITS of every key k without a
                               space (gz_word_entry) */
    uint64_t *later_words;  /* the same bits of the last words of keys with a space ("YORK" of "NEW YORK") */
};

/* The first-word filter's size: some 40,000 one-word keys in 2^20 bits (128 KB, in the image) leave one
   bit in 25 set, so a word that starts no name is turned away by one load most of the time. */
#define GZ_FIRST_BITS (1u << 20)

/* Is the norm its own key (gz_key_add would copy it unchanged): no hyphen, apostrophe or space, no byte
   twice in a row? norm[n] must be readable (a token's norm ends in a NUL): words of up to 15 bytes are
   read in one or two loads that stop there. */
static inline bool gz_fold_free_chunk(uint64_t x, size_t m)   /* m bytes of x, the rest zero */
{
    uint64_t same = swar_below(x ^ (x >> 8), 1);   /* byte j: x[j] == x[j + 1]; x[m] is a zero */
    if (m < 8) same &= (1ULL << 8 * m) - 1;
    return !(same | swar_has(x, '-') | swar_has(x, '\'') | swar_has(x, ' '));
}
static inline bool gz_fold_free(const char *norm, size_t n)
{
    if (n >= 8 && n <= 15)   /* [0, 8) and [n - 8, n) overlap: every pair of neighbours is in one */
        return gz_fold_free_chunk(load8(norm), 8) && gz_fold_free_chunk(load8(norm + n - 8), 8);
    if (n < 8) {
        uint64_t x = 0;
        if (n >= 4) {   /* two loads of 4 that end at norm[n - 1] (n = 4: the same four) */
            uint32_t a, b;
            memcpy(&a, norm, 4), memcpy(&b, norm + n - 4, 4);
            x = a | (uint64_t)b << 8 * (n - 4);
        } else {
            for (size_t k = n; k > 0; k--) x = x << 8 | (unsigned char)norm[k - 1];
        }
        return gz_fold_free_chunk(x, n);
    }
    for (size_t i = 0; i < n; i++)
        if ((i && norm[i] == norm[i - 1]) || norm[i] == '-' || norm[i] == '\'' || norm[i] == ' ') return false;
    return true;
}

/* Is the bit of a norm_hash set in a filter (first_words, later_words)? */
static inline bool gz_bit(const uint64_t *bits, uint32_t hash)
{
    uint32_t b = hash & (GZ_FIRST_BITS - 1);
    return bits[b >> 6] >> (b & 63) & 1;
}
static inline bool gz_first_bit(const gazetteer *g, uint32_t hash) { return gz_bit(g->first_words, hash); }

/* The country entry of ISO alpha-3 code `iso3`, or NULL. */
const place *gz_country(const gazetteer *g, const char *iso3);

/* Append a token's normalised form to a lookup key, loosened for transliteration: hyphens are spaces
   ("AL-BAB" = "AL BAB"), apostrophes go ("DARA'A" = "DARAA"), doubled letters count once
   ("DARAYYA" = "DARAYA", "RAQQA" = "RAQA"). Names and text go through it alike; the key
   began at key->s + start. */
void gz_key_add(strbuf *key, size_t start, const char *norm, size_t n);

/* The index entry for a folded key, or NULL. */
const gz_slot *gz_lookup(const gazetteer *g, const char *key, size_t klen);
/* The same, given the key's norm_hash: a word that is its own key (gz_fold_free) is looked up by the hash
   the tokenizer gave it, without a copy. */
const gz_slot *gz_lookup_hashed(const gazetteer *g, const char *key, size_t klen, uint32_t hash);

/* The index entry of a word alone (its norm, n bytes, and norm_hash), when the shortcuts tell it: *s the
   entry (NULL: none) and true; false when the word must be folded into a key to be looked up. A key is
   never changed by folding it again, so a key equal to the norm is the norm's; a norm that is its own key
   and whose bit is clear starts no name. Most capitalised words of news start none. */
static inline bool gz_word_entry(const gazetteer *g, const char *norm, size_t n, uint32_t hash, const gz_slot **s)
{
    *s = gz_first_bit(g, hash) ? gz_lookup_hashed(g, norm, n, hash) : NULL;
    return *s || gz_fold_free(norm, n);
}

/* Can a key that ends in a space go on with this word (its norm and norm_hash) and be in the index? False
   only when it cannot: a norm that is its own key and no key's last word. */
static inline bool gz_may_go_on(const gazetteer *g, const char *norm, size_t n, uint32_t hash)
{
    return gz_bit(g->later_words, hash) || !gz_fold_free(norm, n);
}

#endif

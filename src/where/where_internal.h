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
    uint32_t hash;          /* the low half of hash_bytes(key) */
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
};

/* The country entry of ISO alpha-3 code `iso3`, or NULL. */
const place *gz_country(const gazetteer *g, const char *iso3);

/* Append a token's normalised form to a lookup key, loosened for transliteration: hyphens are spaces
   ("AL-BAB" = "AL BAB"), apostrophes go ("DARA'A" = "DARAA"), doubled letters count once
   ("DARAYYA" = "DARAYA", "RAQQA" = "RAQA"). Names and text go through it alike; the key
   began at key->s + start. */
void gz_key_add(strbuf *key, size_t start, const char *norm, size_t n);

/* hash_bytes (FNV-1a) a byte at a time: a key's hash can be carried on as its pieces are appended. */
#define GZ_FNV_OFFSET 1469598103934665603ULL
#define GZ_FNV_PRIME 1099511628211ULL

/* gz_key_add, and *hash carried on over the bytes it appends: from GZ_FNV_OFFSET at the key's start, it
   is then hash_bytes of the whole key (gz_lookup_hashed). */
void gz_key_fold(strbuf *key, size_t start, const char *norm, size_t n, uint64_t *hash);

/* The index entry for a folded key, or NULL. */
const gz_slot *gz_lookup(const gazetteer *g, const char *key, size_t klen);
/* The same, given the key's hash_bytes. */
const gz_slot *gz_lookup_hashed(const gazetteer *g, const char *key, size_t klen, uint64_t hash);

#endif

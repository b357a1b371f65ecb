/* The token cache's layout (dict_compile.c), for callers that read an entry inline: dict_token_items. */
#ifndef DYAD_DICT_TOKCACHE_H
#define DYAD_DICT_TOKCACHE_H

#include "dict/dict.h"

typedef struct {
    uint64_t key;               /* tc_key: hash, length and possessive flag, compared at once */
    uint64_t head;              /* the word's first eight bytes, zero-padded (tc_head) */
    uint64_t head2;             /* its next eight (bytes 8..15), zero-padded: most words are found without
                                   reading their bytes in tc->text, another line a token */
    uint32_t text_at;
    uint32_t ids_at;            /* tc->ids[ids_at ..]: the nids interned words the token matches (then */
                                /* TC_MIN_IDS more of padding: ids nwords), */
    uint32_t items_at;          /* tc->items[items_at ..]: dict_lookup's nitems candidates, in its order */
    uint32_t gen;               /* the marks' generation its ids were last stamped in (tc_stamp): a word seen
                                   again in a sentence ("THE", "OF") stamps nothing; 0: not in the current one */
    uint16_t nids, nkeys;       /* the first nkeys ids: those that key a grouped verb's list (dict_marks.seen) */
    uint16_t nitems;            /* (a token with more ids or items than a uint16_t holds is not cached) */
    uint8_t note;               /* the caller's (dict_marks_token_cached's *note) */
    uint32_t first_ids[4];      /* tc->ids[ids_at .. ids_at + 4), padding included: the built-in dictionary's
                                   stamp reads them here, in the line it has just read, not in a third array */
} tc_entry;

/* What the coder's name scan reads of a cached candidate item, in one record: its first need (the scan's
   look at every candidate), and what decides most candidates once that need is in the sentence, beside it
   rather than behind the item's pointer: the item, its need list and its phrase are each a cache miss of their
   own (TABARI's set: several candidates a word), and three arrays were three misses for a word the first
   look passed. The item itself is not here but at the same place in tc->items (the few candidates that read
   it read that pointer too): 16 bytes a record, four to a line and none across two, where the scan waited
   on 24 (TABARI's set: 30,475 records over Reuters, 731 KB at 24 bytes, which beside the rest did not stay in the
   second-level cache). */
typedef struct {
    uint32_t first;             /* its first need, as item_first[] */
    uint32_t second;            /* the item's last need (of two or more), or nwords (always current) when it has fewer:
                                   a name's last words tell most (TABARI's set, Reuters: of the 46,400 names of three
                                   needs and more whose first two were in a sentence, 45,800 lacked their last) */
    int32_t entry;              /* it->entry */
    uint8_t kind;               /* it->kind */
    uint8_t nneed;              /* it->nneed, or 255 for more */
    uint8_t name;               /* it->name (which name of the entry: the phrase lex_candidate_met matches), or 255
                                   for 255 and more (the item tells) */
    bool one_word;              /* a one-word name of a coded kind the scan takes as it is (no needs; not an
                                   actor of three letters or fewer, which the acronym rule looks at) */
} tc_cand;
_Static_assert(sizeof(tc_cand) == 16, "the name scan reads a candidate record per look: keep it at 16 bytes");

/* The word table's and the index's probe in one, as the token cache's new words ask it (tc_add_ids): a slot per
   text that is a word of the table, the first word of index items (a group of dict_group_index), or both, holding
   what the table's slot and entry hold between them (two lines read one after the other for each prefix that is a
   word) and where its group's items lie. Before, a new token probed each of its prefixes twice, in two tables behind two
   filters of their own, with two hashes (TABARI's set: 13,800 of its 17,984 index words are no word of the table). */
typedef struct {
    uint64_t head, head2;       /* the text's first eight bytes and its next eight, zero-padded (word_head8) */
    uint32_t at;                /* the text's entry (its id) plus one; with `more`, its entries' place in the
                                   texts' others[] plus one; 0: no word of the table */
    uint32_t first;             /* its index group's items: the groups' item[first .. first + count) */
    unsigned count : 24;        /* 0: no group (a word filing more is not grouped, dict_group_index) */
    unsigned modes : 8;         /* that group's modes (word_group.modes): tc_add_items passes over a group none of whose
                                   modes may end at the token, and reads no record of the group's for the others */
    uint16_t len;               /* 0: an empty slot (so that the table comes empty from zeroed pages: untouched ones
                                   cost nothing); no hash is kept: the slot is found by the text's (FNV-1a, 32 bits:
                                   wentry.hash), and the length and sixteen bytes held here decide */
    uint8_t mode;               /* that entry's mode (without `more`) */
    bool more;                  /* the text is a word of several modes (wentry.same_text): its entries are listed in
                                   others[] (their chain in the word table was two misses a word, 17 % of tc_add) */
} tc_wslot;

/* An entry of a text of several modes, in the order of its chain in the word table (the newest first). */
typedef struct {
    uint32_t id;
    uint8_t mode;
    bool last;                  /* the text's last */
} tc_other;

/* A prefix of a new token that is an index group's word (tc_add_ids finds them, tc_add_items takes their items). */
typedef struct {
    uint32_t len, first, count, modes;
} tc_found;

struct dict_tokcache {
    const dict *d;              /* what the entries were worked out for */
    const struct dict_words *w;
    size_t nitems, nwords, npool;
    tc_entry *e;  size_t n;     /* room for TC_MAX entries (tc_clear) */
    int32_t *slot; size_t nslots;
    char *text;   size_t ntext, captext;
    uint32_t *ids; size_t nids, capids;
    const index_item **items; size_t nitem, capitem;
    uint32_t *item_first;       /* per item: its first need, for dict_lookup_needed; none: nwords, whose mark
                                   dict_marks_begin keeps current (a scan tests the mark alone) */
    tc_cand *item_cand;         /* per item: what the name scan reads (tc_cand) */
    size_t capfirst;            /* of item_first and item_cand */
    const struct tc_texts *t;   /* the texts a new token's prefixes are looked up in: the dictionary's, or own */
    struct tc_texts *own;       /* this cache's, when the dictionary's cannot serve (tc_texts_of) */
    tc_found *found;            /* the groups a new token's prefixes are, shortest first */
    size_t nfound, capfound;
};

/* The word table's and the index groups' texts as a new token's prefixes ask for them (tc_add_ids). The same for every
   thread's cache: worked out once for a dictionary, by the first cache that needs them, and read by all (2 MB and
   8.6 M instructions with TABARI's set, each thread's own before). */
struct tc_texts {
    const struct dict_words *w; /* what they were worked out for */
    const struct dict_groups *groups;   /* the groups the slots name (d->groups); NULL when they were not current
                                           (tc_add_items then asks dict_lookup_starting) */
    size_t nitems;              /* d->nitems then */
    uint64_t *wbits;            /* a bit per text's hash (tc_word_bit): most prefixes tc_add_ids tries are */
    size_t capwbits;            /* no text, and one bit says so without walking the table's probe chain */
    unsigned wshift;
    tc_wslot *wslot;            /* the texts, open addressing by hash (tc_wslots), in wslot_mem on a 32-byte */
    void *wslot_mem;            /* boundary (a slot in one line) */
    size_t nwslots, capwslots, ntexts, longest;
    tc_other *others;           /* the entries of the texts of several modes (tc_wslot.more), a few KB */
    size_t nothers;
    word_starts wstarts;        /* how the texts begin: tc_add_ids skips a token none begins */
    bool lent;                  /* wslot, wbits and others lie in the mapped .dyc (get_token_texts): not freed, and
                                   never worked out again (tc_wslots is not called on these) */
};

/* dict_token_items, inline: the coder asks it of every word of a sentence (a call cost ~20 instructions). */
static inline uint32_t tc_token_items(const dict_marks *m, int32_t k, const index_item *const **items,
                                      const uint32_t **first)
{
    const struct dict_tokcache *tc = m->cache;
    if (k < 0 || !tc || !tc->e[k].nitems) return 0;   /* an empty dictionary has no item arrays to offset into */
    *items = tc->items + tc->e[k].items_at;
    *first = tc->item_first + tc->e[k].items_at;
    return tc->e[k].nitems;
}

#endif

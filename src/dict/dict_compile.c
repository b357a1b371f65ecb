/* dict_compile.c — the dictionary compiled for speed: interned pattern words and each pattern's needs. */
#include "dict/dict.h"
#include "dict/dict_tokcache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One interned word: its text and match mode. Words with the same text and other modes are chained,
   so one probe of the table finds them all. */
typedef struct {
    const char *word;
    uint64_t head;      /* its first eight bytes, zero-padded: a text of eight or fewer is compared here, without
                           reading its bytes (the token cache's new words probe every prefix) */
    uint32_t hash;      /* FNV-1a of the text, low bits */
    uint16_t len;
    uint8_t mode;
    int32_t same_text;  /* next entry with the same text (another mode), -1 */
} wentry;


struct dict_words {
    wentry *e;
    size_t n, cap;
    int32_t *slot;      /* open addressing over the texts: first entry with that text, -1 empty */
    size_t nslots;
    uint32_t *pool;     /* every pattern's and set alternative's needs, one after the other */
    size_t npool, cappool;
    bool pool_lent;     /* pool lies in a mapped .dyc (get_prepared): not freed, never grown (dict_prepare makes a new table) */
    bool slot_lent;     /* slot too (a table read from a .dyc is never interned into: dict_prepare makes a new one) */
    size_t *alt_at;     /* needs of set alternative k: pool[alt_at[k] .. alt_at[k + 1]) */
    size_t *set_alt;    /* alternatives of set s: k in [set_alt[s], set_alt[s + 1]) */
    uint32_t *alt_first; /* alternative k's first need when it is a word (DICT_NEED_NONE: none, or a set) */
    uint16_t *alt_look16; /* the same as a word to look at (none, or a set: id n, which dict_marks_begin
                            stamps in every sentence, as for look),
                            in 16 bits when every id fits, else NULL: set_possible's scan, one test an
                            alternative and half the bytes (the built-in synsets have ~12 alternatives) */
    size_t longest;     /* longest interned text: longer token prefixes cannot be found */
    uint32_t *first;    /* each pattern's first need (DICT_NEED_NONE: none), verb by verb */
    uint32_t *second;   /* and its second need when that is a word (DICT_NEED_NONE: none, or a set) */
    uint32_t *look;     /* pattern k's first and second needs at look[2k], look[2k + 1] as words to look at:
                           none or a set is id n, which dict_marks_begin stamps in every sentence */
    uint16_t *look16;   /* for the coder's scan: pattern k's two longest word needs (of equals the earlier;
                           id n when it has fewer) at look16[2(k + v)], look16[2(k + v) + 1] (v: its verb),
                           each verb's pairs followed by (n, n), which every sentence passes: the scan
                           needs no bound test a pattern. In 16 bits when every id,
                           n too, fits (TABARI's set: 25,769 words), else NULL. Half the bytes of look to
                           stream, and long words are rarer than a pattern's first ones ("TO", "THE") */
    size_t *first_at;   /* verb v's patterns: first[first_at[v] .. first_at[v + 1]) */
    dict_need_span *spans;   /* each pattern's needs in the pool, verb by verb as first (dict_verb_need_spans) */
    uint64_t *lemma;    /* per verb: its first form's word when the form is one word, as dict_verb_lemma has it */
    uint8_t *discards;  /* verb v has a [###] pattern */
    uint32_t *disc;     /* the [###] patterns of verb v: disc[disc_at[v] .. disc_at[v + 1]), ascending */
    size_t *disc_at;
    /* Verbs with many patterns: their patterns grouped by first need (dict_verb_candidates) */
    struct verb_groups { size_t bits_at, keys_at, always_at; uint32_t nalways; uint8_t grouped; } *vg;   /* per verb: its "always" patterns (bits, and cand[always_at ..] of nalways) */
    uint64_t *bits;     /* for each grouped verb, a bit per pattern: set when it needs no word first */
    size_t nbits, capbits;
    struct group_slot { int32_t v; uint32_t id; size_t at; uint32_t n; } *gslot;   /* (verb, word) → list */
    uint64_t *keys;     /* for each grouped verb (vg.keys_at), a bit per word id: some list is under it */
    uint64_t *anykey;   /* a bit per word id: it keys a list of some grouped verb (the token cache's nkeys) */
    size_t ngslots, ngrouped;
    struct tc_texts *texts;   /* the token caches' texts (tc_texts_of), NULL until a cache first needs them */
    uint32_t *cand;     /* pattern indexes, each list ascending */
    size_t ncand, capcand;
    int nverbs, nsets;  /* what the dictionary held when this was built */
    long npats;
    size_t nitems, nalts;
};

enum { FNV_OFFSET = 2166136261u, FNV_PRIME = 16777619u };

static uint32_t fnv_step(uint32_t h, unsigned char c) { return (h ^ c) * FNV_PRIME; }

static void tc_texts_free(struct tc_texts *t);

void dict_words_free(struct dict_words *w)
{
    if (!w) return;
    free(w->e);
    if (!w->slot_lent) free(w->slot);
    if (!w->pool_lent) free(w->pool);
    free(w->alt_at);
    free(w->set_alt);
    free(w->alt_first);
    free(w->alt_look16);
    free(w->first);
    free(w->second);
    free(w->look);
    free(w->look16);
    free(w->first_at);
    free(w->spans);
    free(w->lemma);
    free(w->discards);
    free(w->disc);
    free(w->disc_at);
    free(w->vg);
    free(w->bits);
    free(w->gslot);
    free(w->keys);
    free(w->anykey);
    free(w->cand);
    tc_texts_free(w->texts);
    free(w);
}

/* The slot holding `word` (len bytes, hash h), or the empty slot where it would go. */
static size_t find_slot(const struct dict_words *w, const char *word, size_t len, uint32_t h)
{
    size_t mask = w->nslots - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
        int32_t i = w->slot[s];
        if (i < 0) return s;
        const wentry *e = &w->e[i];
        if (e->hash == h && e->len == len && dict_same_bytes(e->word, word, len)) return s;
    }
}

/* An empty table with room for about `want` words at most half full, so that dict_prepare does not grow
   it again and again (TABARI's set: six times, 2 M instructions a load). */
static void init_slots(struct dict_words *w, size_t want)
{
    w->nslots = 1024;
    while (w->nslots < 2 * want) w->nslots *= 2;
    w->slot = xmalloc(w->nslots * sizeof *w->slot);
    memset(w->slot, 0xff, w->nslots * sizeof *w->slot);
}

static void grow_slots(struct dict_words *w)
{
    size_t old = w->nslots;
    int32_t *prev = w->slot;
    w->nslots = old ? old * 2 : 1024;
    w->slot = xmalloc(w->nslots * sizeof *w->slot);
    memset(w->slot, 0xff, w->nslots * sizeof *w->slot);
    for (size_t s = 0; s < old; s++) {
        if (prev[s] < 0) continue;
        const wentry *e = &w->e[prev[s]];
        w->slot[find_slot(w, e->word, e->len, e->hash)] = prev[s];
    }
    free(prev);
}

/* The id of (word, mode), added when new. Ids are entry indexes. */
static uint32_t intern(struct dict_words *w, const char *word, size_t len, uint8_t mode)
{
    uint32_t h = FNV_OFFSET;
    for (size_t i = 0; i < len; i++) h = fnv_step(h, (unsigned char)word[i]);
    /* at most half full, so that a miss (most token prefixes) ends within a probe or two */
    if ((w->n + 1) * 2 > w->nslots) grow_slots(w);
    size_t s = find_slot(w, word, len, h);
    for (int32_t i = w->slot[s]; i >= 0; i = w->e[i].same_text)
        if (w->e[i].mode == mode) return (uint32_t)i;
    GROW(w->e, w->cap, w->n);
    wentry *e = &w->e[w->n];
    *e = (wentry){word, word_head8(word, len), h, (uint16_t)len, mode, w->slot[s]};
    w->slot[s] = (int32_t)w->n;
    if (len > w->longest) w->longest = len;
    return (uint32_t)w->n++;
}

static long count_patterns(const dict *d)
{
    long n = 0;
    for (int i = 0; i < d->nverbs; i++) n += d->verbs[i].npats;
    return n;
}

/* Append to the pool what phrase p needs: its top-level words, and its sets. A word inside { } or a
   synset is one choice among others, so it is not needed itself; its set is. */
static void add_need(struct dict_words *w, uint32_t need)
{
    GROW(w->pool, w->cappool, w->npool);
    w->pool[w->npool++] = need;
}

/* Append to the pool what phrase p needs: its top-level words, then its sets (words first: they are
   one look each, and the coder checks the first need inline). A word inside { } or a synset is one
   choice among others, so it is not needed itself; its set is. */
static void add_needs(struct dict_words *w, const phrase *p)
{
    for (int i = 0; i < p->n; i++) {
        const pelem *e = &p->e[i];
        if (e->kind == PE_WORD && e->len && e->len < 65535) add_need(w, intern(w, e->word, e->len, e->mode));
    }
    for (int i = 0; i < p->n; i++)
        if (p->e[i].kind == PE_SET) add_need(w, NEED_SET | (uint32_t)p->e[i].set);
}

/* Each set alternative's first need when it is a word (DICT_NEED_NONE: none, or a set), from its needs. */
static void alt_firsts(struct dict_words *w, size_t nalts)
{
    w->alt_first = xmalloc((nalts + 1) * sizeof *w->alt_first);
    for (size_t k = 0; k < nalts; k++)
        w->alt_first[k] = w->alt_at[k] < w->alt_at[k + 1] && !(w->pool[w->alt_at[k]] & NEED_SET) ? w->pool[w->alt_at[k]]
                                                                                                 : DICT_NEED_NONE;
}

static void prepare_sets(const dict *d, struct dict_words *w)
{
    size_t nalts = 0;
    for (int s = 0; s < d->nsets; s++) nalts += (size_t)d->sets[s].n;
    w->set_alt = xmalloc(((size_t)d->nsets + 1) * sizeof *w->set_alt);
    w->alt_at = xmalloc((nalts + 1) * sizeof *w->alt_at);
    size_t k = 0;
    for (int s = 0; s < d->nsets; s++) {
        w->set_alt[s] = k;
        for (int a = 0; a < d->sets[s].n; a++) {
            w->alt_at[k++] = w->npool;
            add_needs(w, &d->sets[s].alts[a]);
        }
    }
    w->set_alt[d->nsets] = k;
    w->alt_at[k] = w->npool;
    w->nsets = d->nsets;
    w->nalts = nalts;
    alt_firsts(w, nalts);
}

/* The phrase an index item stands for. */
static const phrase *item_phrase(const dict *d, const index_item *it)
{
    switch (it->kind) {
    case IX_ACTOR: return &d->actors[it->entry].names[it->name];
    case IX_AGENT: return &d->agents[it->entry].name;
    case IX_VERB: return &d->verbs[it->entry].forms[it->name];
    case IX_ISSUE: return &d->issues[it->entry].name;
    default: return &d->misc[it->entry].name;
    }
}

/* Index items: the words after the first of an all-word phrase (the coder's match_words needs every
   one of them, in order; the first is what the lookup found). Offsets first: the pool may move. */
static void prepare_items(dict *d, struct dict_words *w)
{
    size_t *start = xmalloc((d->nitems + 1) * sizeof *start), k = 0;
    for (size_t b = 0; b < d->nbuckets; b++)
        for (index_item *it = d->buckets[b]; it && k < d->nitems; it = it->next, k++) {
            start[k] = w->npool;
            /* only a phrase of several words all words has needs: the item's shape tells, without reading its
               phrase (a miss or two an item, in chain order) */
            if (it->shape != SHAPE_WORDS) continue;
            const phrase *p = item_phrase(d, it);
            bool words = p->n > 1;
            for (int i = 0; i < p->n && words; i++) words = p->e[i].kind == PE_WORD && p->e[i].len && p->e[i].len < 65535;
            for (int i = 1; i < p->n && words; i++) add_need(w, intern(w, p->e[i].word, p->e[i].len, p->e[i].mode));
        }
    start[k] = w->npool;
    k = 0;
    for (size_t b = 0; b < d->nbuckets; b++)
        for (index_item *it = d->buckets[b]; it && k < d->nitems; it = it->next, k++) {
            it->nneed = (int)(start[k + 1] - start[k]);
            it->need = it->nneed ? w->pool + start[k] : NULL;
        }
    free(start);
    w->nitems = d->nitems;
}

/* Verbs with at least this many patterns are grouped: below it a scan of the first needs is cheaper. */
enum { GROUP_MIN = 200 };

static size_t group_hash(int v, uint32_t id, size_t mask)
{
    return (size_t)(((uint64_t)(uint32_t)v << 32 | id) * 0x9E3779B97F4A7C15ULL >> 32) & mask;
}

static struct group_slot *group_find(const struct dict_words *w, int v, uint32_t id)
{
    size_t mask = w->ngslots - 1;
    for (size_t s = group_hash(v, id, mask);; s = (s + 1) & mask) {
        struct group_slot *g = &w->gslot[s];
        if (g->v < 0 || (g->v == v && g->id == id)) return g;
    }
}

static void add_cand(struct dict_words *w, uint32_t k)
{
    GROW(w->cand, w->capcand, w->ncand);
    w->cand[w->ncand++] = k;
}

typedef struct { uint32_t first, k; } first_pat;

static int first_pat_cmp(const void *a, const void *b)
{
    const first_pat *x = a, *y = b;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

/* The word a grouped pattern is listed under: one of the words it needs (a pattern can only fit a
   sentence that has them all, so any will do), the one least likely to be in a sentence. With no
   counts of words in news at hand, the longest stands for the rarest (the first is often "TO",
   "THE", "WITH"): with TABARI's verbs, 3,000 Reuters stories, −14 M instructions; the last word
   needed did worse than the first, the word fewest patterns need a little worse than the longest.
   DICT_NEED_NONE: the pattern needs no word (none, or only sets). */
static uint32_t group_key(const struct dict_words *w, const verb_pattern *vp)
{
    uint32_t key = DICT_NEED_NONE;
    for (int i = 0; i < vp->nneed; i++) {
        uint32_t id = vp->need[i];
        if ((id & NEED_SET) || id >= w->n) continue;
        if (key == DICT_NEED_NONE || w->e[id].len > w->e[key].len) key = id;   /* the first of equals */
    }
    return key;
}

/* For each verb with many patterns: the patterns that need no word (none, or only sets) in one
   list, and those listed under word id X (group_key) in another, found by (verb, X). A sentence then
   visits only the lists of the words it has. */
static void prepare_groups(const dict *d, struct dict_words *w)
{
    w->vg = xcalloc((size_t)d->nverbs + 1, sizeof *w->vg);
    size_t ngroups = 0, nverbs = 0, nkeys = (w->n + 63) / 64;
    for (int v = 0; v < d->nverbs; v++)
        if (d->verbs[v].npats >= GROUP_MIN) ngroups += (size_t)d->verbs[v].npats, nverbs++;
    w->keys = xcalloc(nverbs * nkeys + 1, sizeof *w->keys);
    w->anykey = xcalloc(nkeys + 1, sizeof *w->anykey);
    w->ngslots = 16;
    while (w->ngslots < 2 * ngroups) w->ngslots *= 2;
    w->gslot = xmalloc(w->ngslots * sizeof *w->gslot);
    for (size_t s = 0; s < w->ngslots; s++) w->gslot[s].v = -1;
    first_pat *fp = NULL;
    size_t capfp = 0;
    for (int v = 0; v < d->nverbs; v++) {
        int np = d->verbs[v].npats;
        if (np < GROUP_MIN) continue;
        size_t nfp = 0, nwords = ((size_t)np + 63) / 64;
        w->vg[v] = (struct verb_groups){w->nbits, (size_t)w->ngrouped * nkeys, 0, 0, 1};
        w->ngrouped++;
        GROW(w->bits, w->capbits, w->nbits + nwords);
        memset(w->bits + w->nbits, 0, nwords * sizeof *w->bits);
        w->nbits += nwords;
        for (int k = 0; k < np; k++) {
            uint32_t key = group_key(w, &d->verbs[v].pats[k]);
            if (key == DICT_NEED_NONE) {
                w->bits[w->vg[v].bits_at + (size_t)k / 64] |= 1ULL << (k % 64);
            } else {
                GROW(fp, capfp, nfp);
                fp[nfp++] = (first_pat){key, (uint32_t)k};
            }
        }
        /* the "always" patterns once more as a list, for dict_verb_candidates_any */
        w->vg[v].always_at = w->ncand;
        for (int k = 0; k < np; k++)
            if (w->bits[w->vg[v].bits_at + (size_t)k / 64] >> (k % 64) & 1) add_cand(w, (uint32_t)k), w->vg[v].nalways++;
        qsort(fp, nfp, sizeof *fp, first_pat_cmp);
        for (size_t i = 0; i < nfp;) {
            struct group_slot *g = group_find(w, v, fp[i].first);
            *g = (struct group_slot){v, fp[i].first, w->ncand, 0};
            w->keys[w->vg[v].keys_at + fp[i].first / 64] |= 1ULL << (fp[i].first % 64);
            w->anykey[fp[i].first / 64] |= 1ULL << (fp[i].first % 64);
            for (; i < nfp && fp[i].first == g->id; i++, g->n++) add_cand(w, fp[i].k);
        }
    }
    free(fp);
}

/* The prefilter tables if verb v is one dict_prepare worked them out for, unchanged since (its patterns
   still as many); NULL otherwise: every per-verb lookup below then has no answer and the coder does without.
   Always inline: called, it cost its callers (one to five a verb use) ~20 instructions each (~3 M on Reuters). */
static inline __attribute__((always_inline)) const struct dict_words *verb_words(const dict *d, int v)
{
    const struct dict_words *w = d->words;
    if (!w || v < 0 || v >= w->nverbs || v >= d->nverbs) return NULL;
    return w->first_at[v + 1] - w->first_at[v] == (size_t)d->verbs[v].npats ? w : NULL;
}

size_t dict_verb_candidates(const dict *d, dict_marks *m, int v, uint32_t **buf, size_t *cap)
{
    const struct dict_words *w = verb_words(d, v);
    if (!w || !w->vg[v].grouped) return SIZE_MAX;
    /* marks not sized for these ids (or not listed), or so many words that the scan is as cheap */
    if (m->nword < w->n || !m->track || m->nseen * 2 > (size_t)d->verbs[v].npats) return SIZE_MAX;
    /* a bit per pattern: the verb's "always" ones, then those of each word the sentence has; read in
       order, they give the indexes ascending */
    size_t np = (size_t)d->verbs[v].npats, nwords = (np + 63) / 64, n = 0;
    if (nwords > m->capbits) m->bits = xrealloc(m->bits, nwords * sizeof *m->bits), m->capbits = nwords;
    memcpy(m->bits, w->bits + w->vg[v].bits_at, nwords * sizeof *m->bits);
    /* most of the sentence's words key no list of this verb: its bit says so before a probe */
    const uint64_t *keys = w->keys + w->vg[v].keys_at;
    for (size_t i = 0; i < m->nseen; i++) {
        uint32_t id = m->seen[i];
        if (id >= w->n || !(keys[id / 64] >> (id % 64) & 1)) continue;
        const struct group_slot *g = group_find(w, v, id);
        for (uint32_t j = 0; g->v >= 0 && j < g->n; j++) {
            uint32_t k = w->cand[g->at + j];
            m->bits[k / 64] |= 1ULL << (k % 64);
        }
    }
    if (np > *cap) *buf = xrealloc(*buf, np * sizeof **buf), *cap = np;
    for (size_t i = 0; i < nwords; i++)
        for (uint64_t x = m->bits[i]; x; x &= x - 1) (*buf)[n++] = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(x));
    return n;
}

/* dict_verb_candidates_any once the verb is known to be grouped and current, and the marks sized.
   Out of line: dict_verb_scan, which most verbs leave before this, then saves no registers. */
static __attribute__((noinline)) size_t candidates_unordered(const dict *d, dict_marks *m, int v, uint32_t **buf, size_t *cap)
{
    const struct dict_words *w = d->words;
    if (!m->track || m->nseen * 2 > (size_t)d->verbs[v].npats) return SIZE_MAX;
    /* each pattern sits in one list only (its key's, or the "always" one): appended as they stand, no
       bitmap to clear and read back in order */
    size_t np = (size_t)d->verbs[v].npats, n = 0;
    if (np > *cap) *buf = xrealloc(*buf, np * sizeof **buf), *cap = np;
    uint32_t *out = *buf;
    const struct verb_groups *g0 = &w->vg[v];
    /* memcpy, vectorised, where a loop of one index a step could not be (out and the lists might alias as
       far as gcc knows): ~5 indexes a list with TABARI's SAY, 208 k lists on Reuters */
    memcpy(out, w->cand + g0->always_at, g0->nalways * sizeof *out);
    n = g0->nalways;
    const uint64_t *keys = w->keys + g0->keys_at;
    for (size_t i = 0; i < m->nseen; i++) {
        uint32_t id = m->seen[i];
        if (id >= w->n || !(keys[id / 64] >> (id % 64) & 1)) continue;
        const struct group_slot *g = group_find(w, v, id);
        if (g->v < 0) continue;
        memcpy(out + n, w->cand + g->at, g->n * sizeof *out);
        n += g->n;
    }
    return n;
}

size_t dict_verb_candidates_any(const dict *d, dict_marks *m, int v, uint32_t **buf, size_t *cap)
{
    const struct dict_words *w = verb_words(d, v);
    if (!w || !w->vg[v].grouped || m->nword < w->n) return SIZE_MAX;
    return candidates_unordered(d, m, v, buf, cap);
}

/* look16: each pattern's two longest word needs, when the dictionary's ids fit in 16 bits. The first is
   group_key's choice too (the first of equals): best_pattern does not test it again for a listed pattern. */
static void prepare_longest_looks(const dict *d, struct dict_words *w, long npats)
{
    w->look16 = w->n < UINT16_MAX ? xmalloc(((size_t)npats + (size_t)d->nverbs + 1) * 2 * sizeof *w->look16) : NULL;
    uint32_t none = (uint32_t)w->n;
    size_t k = 0;
    for (int v = 0; w->look16 && v < d->nverbs; v++) {
        for (int p = 0; p < d->verbs[v].npats; p++, k++) {
            const verb_pattern *vp = &d->verbs[v].pats[p];
            uint32_t a = none, b = none;   /* the longest, the next */
            for (int i = 0; i < vp->nneed; i++) {
                uint32_t id = vp->need[i];
                if ((id & NEED_SET) || id >= none) continue;
                if (a == none || w->e[id].len > w->e[a].len) b = a, a = id;
                else if (b == none || w->e[id].len > w->e[b].len) b = id;
            }
            w->look16[2 * (k + (size_t)v)] = (uint16_t)a;
            w->look16[2 * (k + (size_t)v) + 1] = (uint16_t)b;
        }
        w->look16[2 * (k + (size_t)v)] = w->look16[2 * (k + (size_t)v) + 1] = (uint16_t)none;   /* the verb's end */
    }
}

/* Each verb's patterns' first needs in one compact array, and whether it has a [###] pattern: what
   the coder asks of every pattern of every verb in a sentence (TABARI's SAY has thousands). */
static void prepare_first_needs(const dict *d, struct dict_words *w, long npats)
{
    w->first = xmalloc(((size_t)npats + 1) * sizeof *w->first);
    w->second = xmalloc(((size_t)npats + 1) * sizeof *w->second);
    w->look = xmalloc(((size_t)npats + 1) * 2 * sizeof *w->look);
    w->first_at = xmalloc(((size_t)d->nverbs + 1) * sizeof *w->first_at);
    w->spans = xmalloc(((size_t)npats + 1) * sizeof *w->spans);
    w->lemma = xmalloc(((size_t)d->nverbs + 1) * sizeof *w->lemma);
    w->discards = xcalloc((size_t)d->nverbs + 1, 1);
    w->disc_at = xmalloc(((size_t)d->nverbs + 1) * sizeof *w->disc_at);
    size_t k = 0, ndisc = 0, capdisc = 0;
    for (int v = 0; v < d->nverbs; v++) {
        w->first_at[v] = k;
        w->disc_at[v] = ndisc;
        const phrase *f = d->verbs[v].nforms ? &d->verbs[v].forms[0] : NULL;
        size_t flen = f && f->n == 1 && f->e[0].kind == PE_WORD ? strlen(f->e[0].word) : 0;
        w->lemma[v] = flen && flen < 65535 ? (uint64_t)flen << 32 | norm_hash(f->e[0].word, flen) : 0;
        for (int p = 0; p < d->verbs[v].npats; p++, k++) {
            const verb_pattern *vp = &d->verbs[v].pats[p];
            w->first[k] = vp->nneed ? vp->need[0] : DICT_NEED_NONE;
            w->second[k] = vp->nneed > 1 && !(vp->need[1] & NEED_SET) ? vp->need[1] : DICT_NEED_NONE;
            w->look[2 * k] = w->first[k] < w->n ? w->first[k] : (uint32_t)w->n;
            w->look[2 * k + 1] = w->second[k] < w->n ? w->second[k] : (uint32_t)w->n;
            w->spans[k] = (dict_need_span){vp->nneed ? (uint32_t)(vp->need - w->pool) : 0, (uint32_t)vp->nneed};
            if (!(vp->code.flags & CF_DISCARD)) continue;
            w->discards[v] = 1;
            GROW(w->disc, capdisc, ndisc);
            w->disc[ndisc++] = (uint32_t)p;
        }
    }
    w->first_at[d->nverbs] = k;
    w->disc_at[d->nverbs] = ndisc;
    prepare_longest_looks(d, w, npats);
    /* here, not with alt_first: n is final only once the patterns' words are in */
    w->alt_look16 = w->n < UINT16_MAX ? xmalloc((w->nalts + 1) * sizeof *w->alt_look16) : NULL;
    for (size_t a = 0; w->alt_look16 && a < w->nalts; a++)
        w->alt_look16[a] = (uint16_t)(w->alt_first[a] < w->n ? w->alt_first[a] : w->n);
    prepare_groups(d, w);
}

const uint32_t *dict_first_needs(const dict *d, int v)
{
    const struct dict_words *w = verb_words(d, v);
    return w ? w->first + w->first_at[v] : NULL;
}

const uint32_t *dict_second_needs(const dict *d, int v)
{
    const uint32_t *first = dict_first_needs(d, v);
    return first ? d->words->second + (first - d->words->first) : NULL;
}

bool dict_verb_lemma(const dict *d, int v, uint64_t *key)
{
    const struct dict_words *w = verb_words(d, v);
    if (!w) return false;
    *key = w->lemma[v];
    return true;
}

const dict_need_span *dict_verb_need_spans(const dict *d, int v, const uint32_t **pool)
{
    const struct dict_words *w = verb_words(d, v);
    if (!w) return NULL;
    *pool = w->pool;
    return w->spans + w->first_at[v];
}

size_t dict_verb_scan(const dict *d, dict_marks *m, int v, const uint32_t **first, const uint32_t **look,
                      uint32_t **buf, size_t *cap)
{
    const struct dict_words *w = verb_words(d, v);
    *first = *look = NULL;
    /* marks begun for this dictionary (words 0 .. n - 1, and slot n: dict_marks_begin allocates it; with
       no words at all there may be no array) */
    if (!w || m->nword < w->n || !w->n) return SIZE_MAX;
    size_t at = w->first_at[v];
    m->mark[w->n] = m->mark_gen;   /* id n: what none or a set looks at, present in every sentence */
    *first = w->first + at;
    *look = w->look + 2 * at;
    return w->vg[v].grouped ? candidates_unordered(d, m, v, buf, cap) : SIZE_MAX;
}

size_t dict_verb_scan_view(const dict *d, dict_marks *m, int v, dict_verb_view *view, uint32_t **buf, size_t *cap)
{
    const struct dict_words *w = verb_words(d, v);
    /* as dict_verb_scan: marks begun for this dictionary, which has words */
    if (!w || m->nword < w->n || !w->n) {
        *view = (dict_verb_view){NULL, NULL, NULL, NULL, NULL};
        return SIZE_MAX;
    }
    size_t at = w->first_at[v];
    m->mark[w->n] = m->mark_gen;   /* id n: what none or a set looks at, present in every sentence */
    *view = (dict_verb_view){w->first + at, w->look + 2 * at, w->pool, w->spans + at,
                             w->look16 ? w->look16 + 2 * (at + (size_t)v) : NULL};
    /* grouped, from the verb's count of patterns (verb_words read it, and the coder just did): prepare_groups
       grouped exactly the verbs of GROUP_MIN or more, and verb_words found the count unchanged since.
       vg[v], 32 bytes a verb, was a cache miss in most calls: 70 % of this function's samples. */
    return d->verbs[v].npats >= GROUP_MIN ? candidates_unordered(d, m, v, buf, cap) : SIZE_MAX;
}

const uint32_t *dict_pattern_needs(const dict *d, int v, const uint32_t **second)
{
    const uint32_t *first = dict_first_needs(d, v);
    *second = first ? d->words->second + (first - d->words->first) : NULL;
    return first;
}

int dict_verb_discards(const dict *d, int v)
{
    const struct dict_words *w = verb_words(d, v);
    return w ? w->discards[v] : -1;
}

const uint32_t *dict_verb_discard_patterns(const dict *d, int v, size_t *n)
{
    const struct dict_words *w = verb_words(d, v);
    if (!w) return NULL;
    static const uint32_t none[1] = {0};
    *n = w->disc_at[v + 1] - w->disc_at[v];
    return *n ? w->disc + w->disc_at[v] : none;
}

static size_t count_alts(const dict *d)
{
    size_t n = 0;
    for (int s = 0; s < d->nsets; s++) n += (size_t)d->sets[s].n;
    return n;
}

/* d->words was worked out for d as it is (no entries added since: a compiled dictionary comes prepared, and
   a synset alternative read over it must count too). */
static bool prepared_current(const dict *d, long npats)
{
    return d->words && d->words->nverbs == d->nverbs && d->words->npats == npats && d->words->nsets == d->nsets &&
           d->words->nitems == d->nitems && d->words->nalts == count_alts(d);
}

void dict_prepare(dict *d)
{
    long npats = count_patterns(d);
    if (prepared_current(d, npats)) return;
    struct dict_words *w = xcalloc(1, sizeof *w);
    w->nverbs = d->nverbs;
    w->npats = npats;
    init_slots(w, (size_t)npats + d->nitems);   /* a new word per pattern and name, about, at most */
    prepare_sets(d, w);
    /* first pass: the needs of every pattern go to the pool as offsets (the pool may move) */
    size_t *start = xmalloc(((size_t)npats + 1) * sizeof *start);
    long k = 0;
    for (int v = 0; v < d->nverbs; v++)
        for (int p = 0; p < d->verbs[v].npats; p++, k++) {
            const verb_pattern *vp = &d->verbs[v].pats[p];
            start[k] = w->npool;
            add_needs(w, &vp->p);
        }
    start[k] = w->npool;
    prepare_items(d, w);   /* the last to add to the pool: from here on it stays where it is */
    k = 0;
    for (int v = 0; v < d->nverbs; v++)
        for (int p = 0; p < d->verbs[v].npats; p++, k++) {
            verb_pattern *vp = &d->verbs[v].pats[p];
            vp->nneed = (int)(start[k + 1] - start[k]);
            vp->need = vp->nneed ? w->pool + start[k] : NULL;
        }
    free(start);
    prepare_first_needs(d, w, npats);
    dict_words_free(d->words);   /* every pattern and item points into the new pool by now */
    d->words = w;
    dict_group_index(d);
}

/* ---- the token cache: what the dictionary says about a token, worked out once per thread ----
   News repeats its words: a story's "SAID", "THE", "GOVERNMENT" come back sentence after sentence. The
   first time a token (its norm and possessive flag) is seen, the interned words it matches (what
   dict_marks_token stamps) and the index items its prefixes find (what dict_lookup calls back, in the
   same order) are kept; afterwards a token costs one hash probe. Entries hold offsets into pools, so
   growing a pool moves nothing a caller holds. The cache is emptied when the dictionary changes or it
   grows past TC_MAX entries (a bound on memory for endless input); never within a sentence. Its layout is
   in dict_tokcache.h (the coder reads entries inline). */
enum { TC_MAX = 1 << 17 };
_Static_assert(sizeof(tc_entry) == 64, "a cache entry is probed per word: keep it at 64 bytes");
_Static_assert(sizeof(tc_wslot) == 32, "a new token's prefix reads one slot: two in a line, none across two");

static void stamp(dict_marks *m, uint32_t id);

/* The bit of a text's hash in t->wbits: the hash's top bits after a multiply (its low bits pick slots). */
static inline bool tc_word_bit(const struct tc_texts *t, uint32_t h)
{
    uint32_t b = (uint32_t)(h * 0x9E3779B1u) >> t->wshift;
    return (t->wbits[b / 64] >> (b % 64)) & 1;
}

static inline void tc_set_word_bit(struct tc_texts *t, uint32_t h)
{
    uint32_t b = (uint32_t)(h * 0x9E3779B1u) >> t->wshift;
    t->wbits[b / 64] |= (uint64_t)1 << (b % 64);
}

/* The word of slot x of d's texts (its bytes past the sixteen the slot holds are compared there): the table's
   entry's, or else its group's. */
static const char *tc_wslot_word(const struct tc_texts *t, const dict *d, const tc_wslot *x)
{
    if (!x->at) return dict_group_item_word(d, x->first);
    return d->words->e[x->more ? t->others[x->at - 1].id : x->at - 1].word;
}

/* t->wbits and t->wstarts emptied for up to `texts` texts: 12 bits or more a text, so that few absent prefixes share
   a bit (TABARI's set: 64 KB). tc_wslot_put sets them. */
static void tc_word_bits(struct tc_texts *t, size_t texts)
{
    unsigned lg = 6;
    while (lg < 31 && ((size_t)1 << lg) < 12 * texts) lg++;
    size_t nw = ((size_t)1 << lg) / 64;
    if (nw > t->capwbits) free(t->wbits), t->wbits = xmalloc(nw * sizeof *t->wbits), t->capwbits = nw;
    memset(t->wbits, 0, nw * sizeof *t->wbits);
    t->wshift = 32 - lg;
    memset(&t->wstarts, 0, sizeof t->wstarts);
}

/* Puts a text of d (len bytes, its first eight in head, FNV hash h) in t->wslot, with its bit and its start, or finds it
   there: its slot. Its bytes are read past the eighth only: the word table's entries and the groups keep their heads,
   and a word's bytes lie elsewhere (a miss a word, most of the texts' building when read for the head). */
static tc_wslot *tc_wslot_put(struct tc_texts *t, const dict *d, const char *word, size_t len, uint64_t head, uint32_t h)
{
    const size_t mask = t->nwslots - 1;
    const uint64_t head2 = len > 8 ? word_head8(word + 8, len - 8) : 0;
    size_t s = h & mask;
    for (; t->wslot[s].len; s = (s + 1) & mask) {
        const tc_wslot *x = &t->wslot[s];
        if (x->len == len && x->head == head && x->head2 == head2 &&
            (len <= 16 || dict_same_bytes(tc_wslot_word(t, d, x) + 16, word + 16, len - 16)))
            return &t->wslot[s];
    }
    t->ntexts++;
    if (len > t->longest) t->longest = len;
    tc_set_word_bit(t, h);
    const char first[2] = {(char)(head & 0xff), (char)(head >> 8 & 0xff)};
    word_starts_add(&t->wstarts, first, len);
    t->wslot[s] = (tc_wslot){.head = head, .head2 = head2, .len = (uint16_t)len};
    return &t->wslot[s];
}

/* The texts of several modes, whose newest entries are among chained[0..n), listed in t->others (their slots' `at`
   and `more` set so): first the slots of those that are the newest (while every `at` is still an entry), then the
   lists. */
static void tc_list_others(struct tc_texts *t, const dict *d, const uint32_t *chained, size_t n)
{
    const struct dict_words *w = d->words;
    tc_wslot **head = xmalloc((n ? n : 1) * sizeof *head);
    size_t nhead = 0, nothers = 0;
    for (size_t k = 0; k < n; k++) {
        const wentry *e = &w->e[chained[k]];
        tc_wslot *x = tc_wslot_put(t, d, e->word, e->len, e->head, e->hash);   /* found: put in the entries' pass */
        if (x->at - 1 == chained[k]) head[nhead++] = x;
    }
    for (size_t k = 0; k < nhead; k++)
        for (int32_t i = (int32_t)head[k]->at - 1; i >= 0; i = w->e[i].same_text) nothers++;
    t->others = xrealloc(t->others, (nothers ? nothers : 1) * sizeof *t->others);
    t->nothers = 0;
    for (size_t k = 0; k < nhead; k++) {
        tc_wslot *x = head[k];
        const uint32_t at = (uint32_t)t->nothers + 1;
        for (int32_t i = (int32_t)x->at - 1; i >= 0; i = w->e[i].same_text)
            t->others[t->nothers++] = (tc_other){(uint32_t)i, w->e[i].mode, w->e[i].same_text < 0};
        x->at = at, x->more = true;
    }
    free(head);
}

/* t for d: the word table's texts (each text's first entry: the one its slot holds) and, when current, the index's
   groups (their words with them), at most two thirds full (TABARI's set: 38,000 texts in 65,536 slots of 32 bytes). */
static void tc_wslots(struct tc_texts *t, const dict *d)
{
    const struct dict_words *w = d->words;
    size_t ngroups = 0, texts = 0, gslots = w ? dict_group_slots(d, &ngroups) : 0;
    for (size_t s = 0; w && s < w->nslots; s++) texts += w->slot[s] >= 0;
    size_t n = 64;
    while (2 * n < 3 * (texts + ngroups)) n *= 2;
    if (n > t->capwslots) {
        free(t->wslot_mem);
        t->wslot_mem = xzeroed(n + 1, sizeof *t->wslot);   /* probed, then written: a fault a page */
        t->wslot = (tc_wslot *)(((uintptr_t)t->wslot_mem + 31) & ~(uintptr_t)31);
        t->capwslots = n;
    } else {
        memset(t->wslot, 0, n * sizeof *t->wslot);
    }
    t->nwslots = n;
    t->ntexts = t->longest = 0;
    tc_word_bits(t, texts + ngroups);
    t->w = w;
    t->groups = gslots ? d->groups : NULL;
    t->nitems = d->nitems;
    /* the entries in id order (one after the other in memory, not at random through w->slot): a text's last entry
       is the one its slot in w holds (the newest, whose same_text chain goes to the older ones), and is put last */
    uint32_t *chained = NULL;   /* the entries with older ones of their text */
    size_t nchained = 0, capchained = 0;
    for (size_t i = 0; w && i < w->n; i++) {
        const wentry *e = &w->e[i];
        tc_wslot *x = tc_wslot_put(t, d, e->word, e->len, e->head, e->hash);
        x->at = (uint32_t)i + 1, x->mode = e->mode;
        if (e->same_text >= 0) {
            GROW(chained, capchained, nchained);
            chained[nchained++] = (uint32_t)i;
        }
    }
    tc_list_others(t, d, chained, nchained);
    free(chained);
    for (size_t j = 0; j < gslots; j++) {
        dict_group_view g;
        /* a prefix of a cached token is 1 to 65534 bytes: no other group can be one */
        if (!dict_group_at(d, j, &g) || !g.len || g.len >= 65535) continue;
        uint32_t h = FNV_OFFSET;   /* the word table's hash (intern's), its first eight bytes from the head */
        for (size_t i = 0; i < g.len; i++)
            h = fnv_step(h, i < 8 ? (unsigned char)(g.head >> 8 * i) : (unsigned char)g.word[i]);
        tc_wslot *x = tc_wslot_put(t, d, g.word, g.len, g.head, h);
        x->first = g.first, x->count = g.count, x->modes = g.modes;
    }
}

static void tc_texts_free(struct tc_texts *t)
{
    if (!t) return;
    if (!t->lent) free(t->wbits), free(t->wslot_mem), free(t->others);
    free(t);
}

bool dict_token_texts_same(const dict *d)
{
    const struct tc_texts *t = d->words ? d->words->texts : NULL;
    size_t ngroups;
    if (!t || !dict_group_slots(d, &ngroups)) return false;
    struct tc_texts *u = xcalloc(1, sizeof *u);
    tc_wslots(u, d);
    bool same = t->groups == u->groups && t->nitems == u->nitems && t->w == u->w && t->nwslots == u->nwslots &&
                t->ntexts == u->ntexts && t->longest == u->longest && t->wshift == u->wshift && t->nothers == u->nothers &&
                !memcmp(t->wslot, u->wslot, u->nwslots * sizeof *u->wslot) &&
                !memcmp(t->wbits, u->wbits, ((size_t)1 << (32 - u->wshift)) / 64 * sizeof *u->wbits) &&
                !memcmp(&t->wstarts, &u->wstarts, sizeof u->wstarts);
    for (size_t i = 0; same && i < u->nothers; i++)
        same = t->others[i].id == u->others[i].id && t->others[i].mode == u->others[i].mode && t->others[i].last == u->others[i].last;
    tc_texts_free(u);
    return same;
}

bool dict_word_table_same(const dict *d)
{
    const struct dict_words *w = d->words;
    if (!w || !w->nslots) return false;
    for (size_t i = 0; i < w->n; i++) {
        const wentry *e = &w->e[i];
        uint32_t h = FNV_OFFSET;
        for (size_t k = 0; k < e->len; k++) h = fnv_step(h, (unsigned char)e->word[k]);
        if (e->hash != h || e->head != word_head8(e->word, e->len)) return false;
        int32_t at = w->slot[find_slot(w, e->word, e->len, h)], j = at;
        while (j >= 0 && (size_t)j != i) j = w->e[j].same_text;
        if (j < 0) return false;
    }
    return true;
}

/* Guards the dictionary's texts (dict_words.texts) while the first cache to need them works them out. */
static pthread_mutex_t texts_lock = PTHREAD_MUTEX_INITIALIZER;

/* The texts for d: the dictionary's, worked out by the first cache that asks (under texts_lock; they never change
   afterwards, so the threads read them freely), while its index groups are those they name; else the cache's own
   (the groups gone stale, or rebuilt since). */
static const struct tc_texts *tc_texts_of(struct dict_tokcache *tc, const dict *d)
{
    size_t ngroups;
    struct dict_words *w = d->words;
    if (w && dict_group_slots(d, &ngroups)) {
        pthread_mutex_lock(&texts_lock);
        if (!w->texts) w->texts = xcalloc(1, sizeof *w->texts), tc_wslots(w->texts, d);
        const struct tc_texts *t = w->texts;
        pthread_mutex_unlock(&texts_lock);
        if (t->groups == d->groups && t->nitems == d->nitems) return t;
    }
    if (!tc->own) tc->own = xcalloc(1, sizeof *tc->own);
    tc_wslots(tc->own, d);
    return tc->own;
}

static void tc_clear(struct dict_tokcache *tc, const dict *d)
{
    tc->d = d;
    tc->w = d->words;
    tc->nitems = d->nitems;
    tc->nwords = d->words ? d->words->n : 0;
    tc->npool = d->words ? d->words->npool : 0;
    tc->n = tc->ntext = tc->nids = tc->nitem = 0;
    if (!tc->slot) tc->nslots = 2 * TC_MAX, tc->slot = xmalloc(tc->nslots * sizeof *tc->slot);
    memset(tc->slot, 0xff, tc->nslots * sizeof *tc->slot);
    /* Room for all TC_MAX entries at once, on a 64-byte boundary (an entry is one cache line, read whole by one
       probe): doubled as the cache filled, each step copied the whole array (8 MB over a run, a miss a line);
       reserved, a page costs nothing until an entry is written in it. Entry 0 exists to be asked for
       (prefetch_entry) before any is made. */
    if (!tc->e) tc->e = xaligned(64, TC_MAX * sizeof *tc->e);
    /* The pools likewise, for what a full cache of news needs (Reuters, TABARI's set: 9 bytes of text, 6 ids with
       their padding and half an item a word): GROW takes them further when a text needs more. */
    if (!tc->text) {
        tc->captext = TC_MAX * 16, tc->text = xmalloc(tc->captext);
        tc->capids = TC_MAX * 8, tc->ids = xmalloc(tc->capids * sizeof *tc->ids);
        tc->capitem = tc->capfirst = TC_MAX * 2, tc->items = xmalloc(tc->capitem * sizeof *tc->items);
        tc->item_first = xmalloc(tc->capfirst * sizeof *tc->item_first);
        tc->item_cand = xmalloc(tc->capfirst * sizeof *tc->item_cand);
    }
    tc->t = tc_texts_of(tc, d);
}

static inline __attribute__((always_inline)) bool tc_current(const struct dict_tokcache *tc, const dict *d)
{
    return tc->d == d && tc->w == d->words && tc->nitems == d->nitems &&
           tc->nwords == (d->words ? d->words->n : 0) && tc->npool == (d->words ? d->words->npool : 0) &&
           (!tc->t->groups || tc->t->groups == d->groups);   /* (the texts of the same words: read last) */
}

static void tc_free(struct dict_tokcache *tc)
{
    if (!tc) return;
    free(tc->e); free(tc->slot); free(tc->text); free(tc->ids); free(tc->items); free(tc->item_first);
    free(tc->item_cand);
    tc_texts_free(tc->own);
    free(tc->found);
    free(tc);
}

/* The slot of t's text that is the first len bytes of tok (FNV hash h, its first sixteen bytes in head and head2, as
   word_head8 has them), or NULL. */
static inline __attribute__((always_inline)) const tc_wslot *tc_text_at(const struct tc_texts *t, const dict *d,
                                                                      const char *tok, size_t len, uint32_t h,
                                                                      uint64_t head, uint64_t head2)
{
    const size_t mask = t->nwslots - 1;
    const uint64_t prefix = word_head_prefix(head, len), prefix2 = len > 8 ? word_head_prefix(head2, len - 8) : 0;
    for (size_t s = h & mask; t->wslot[s].len; s = (s + 1) & mask) {
        const tc_wslot *x = &t->wslot[s];
        if (x->len == len && x->head == prefix && x->head2 == prefix2 &&
            (len <= 16 || dict_same_bytes(tc_wslot_word(t, d, x) + 16, tok + 16, len - 16)))
            return x;
    }
    return NULL;
}

/* tc_add_ids for the prefix of len bytes of the token tok (tn bytes, poss), whose hash h has its bit in the texts':
   the group it names (tc->found) and the word ids it matches (tc->ids). */
static inline __attribute__((always_inline)) void tc_add_prefix(struct dict_tokcache *tc, const char *tok, size_t tn,
                                                               bool poss, size_t len, uint32_t h, uint64_t head,
                                                               uint64_t head2)
{
    const struct tc_texts *t = tc->t;
    const tc_wslot *x = tc_text_at(t, tc->d, tok, len, h, head, head2);
    if (!x) return;
    if (x->count) {
        GROW(tc->found, tc->capfound, tc->nfound);
        tc->found[tc->nfound++] = (tc_found){(uint32_t)len, x->first, x->count, x->modes};
    }
    /* the text's words have the token's first len bytes: only their endings are left to test, on the token's own
       bytes (word_matches_n would read each word's again); a word's mode is in the slot, a text's of several modes
       in the texts' others[] */
    if (!x->at) return;
    if (!x->more) {
        if (dict_ending_matches(tok, len, x->mode, tok + len, tn - len, poss)) {
            GROW(tc->ids, tc->capids, tc->nids);
            tc->ids[tc->nids++] = x->at - 1;
        }
        return;
    }
    for (const tc_other *o = &t->others[x->at - 1];; o++) {
        if (dict_ending_matches(tok, len, o->mode, tok + len, tn - len, poss)) {
            GROW(tc->ids, tc->capids, tc->nids);
            tc->ids[tc->nids++] = o->id;
        }
        if (o->last) break;
    }
}

/* dict_marks_token's matching, collecting ids instead of stamping them, and the prefixes that are index groups' words
   (tc->found, for tc_add_items): one probe of one table a prefix for both. */
static void tc_add_ids(struct dict_tokcache *tc, const struct dict_words *w, const char *tok, size_t tn, bool poss)
{
    const struct tc_texts *t = tc->t;
    tc->nfound = 0;
    if (!t->ntexts || !tn || !word_starts_may(&t->wstarts, tok, tn)) return;
    size_t max = tn < t->longest ? tn : t->longest;
    uint32_t h = FNV_OFFSET;
    const uint64_t head = word_head8(tok, tn), head2 = tn > 8 ? word_head8(tok + 8, tn - 8) : 0;
    /* In two passes, a batch of prefixes at a time: the prefixes whose bit is set, their slots asked for, then their
       slots probed, in the same order. Probed as each was found, a slot's miss (2 MB of them with TABARI's set) was
       waited for before the next prefix's bit was read; asked for together, they arrive together. */
    enum { BATCH = 32 };
    uint32_t hs[BATCH];
    uint16_t lens[BATCH];
    for (size_t len = 1; len <= max;) {
        size_t nb = 0;
        for (; len <= max && nb < BATCH; len++) {
            h = fnv_step(h, (unsigned char)tok[len - 1]);
            if (!tc_word_bit(t, h)) continue;   /* no text has this hash */
            __builtin_prefetch(&t->wslot[h & (t->nwslots - 1)]);
            hs[nb] = h, lens[nb++] = (uint16_t)len;
        }
        for (size_t b = 0; b < nb; b++) tc_add_prefix(tc, tok, tn, poss, lens[b], hs[b], head, head2);
    }
}

int dict_known_whole(const dict *d, const dict_marks *m, const char *w, size_t n, size_t shorter)
{
    const struct dict_tokcache *tc = m->cache;
    /* the texts answer for the groups they were worked out with, while those are d's current index */
    if (!tc || !tc_current(tc, d) || !tc->t->groups || n >= 65535) return -1;
    const struct tc_texts *t = tc->t;
    if (!t->ntexts || !n || !word_starts_may(&t->wstarts, w, n)) return 0;
    size_t max = n < t->longest ? n : t->longest;
    uint32_t h = FNV_OFFSET;
    const uint64_t head = word_head8(w, n), head2 = n > 8 ? word_head8(w + 8, n - 8) : 0;
    for (size_t len = 1; len <= max; len++) {
        h = fnv_step(h, (unsigned char)w[len - 1]);
        if (len <= shorter || !tc_word_bit(t, h)) continue;
        const tc_wslot *x = tc_text_at(t, d, w, len, h, head, head2);
        /* a group's items match the whole word when one of their modes may end where it ends */
        if (x && x->count && dict_modes_may_end(x->modes, w, len, n, false)) return 1;
    }
    return 0;
}

/* Moves the ids that key a grouped verb's list (w->anykey) to the front of id[0..n), returning how many:
   only those need to join the sentence's `seen` list, the others are just stamped. */
static uint32_t tc_keys_first(const struct dict_words *w, uint32_t *id, uint32_t n)
{
    uint32_t nk = 0;
    if (!w || !w->ngrouped) return 0;
    for (uint32_t i = 0; i < n; i++)
        if (id[i] < w->n && (w->anykey[id[i] / 64] >> (id[i] % 64) & 1)) {
            uint32_t x = id[i];
            id[i] = id[nk], id[nk++] = x;
        }
    return nk;
}

/* Can the name of item it start at the token tok (tn bytes, poss)? Not when the coder's match_words would
   fail on the token itself: a phrase with other than words (a marker of a kind it does not take, or an
   element no word), a first word that does not match the token as word_matches_n has it, a possessive
   token starting a name of several words ("Ithilen's government radio"). An item of a kind the coder
   ignores starts nothing either. */
static inline bool tc_item_starts(const index_item *it, const char *tok, size_t tn, bool poss)
{
    if (it->kind < IX_ACTOR || it->kind > IX_ISSUE || it->kind == IX_TIME) return false;
    /* most fail here (TABARI's set: ~7 in 8), on the item's own copy of its first word, without reading the
       phrase: that word is the phrase's first element when that is a word, and else the phrase fails below.
       The lookup that found the item compared its bytes with the token's (word_matches_n less that compare) */
    if (tn < it->len || !dict_ending_matches(it->word, it->len, it->mode, tok + it->len, tn - it->len, poss)) return false;
    /* the rest from the item's shape, not its phrase (two or three more misses an item): a phrase of words
       begins with the item's own word, whose bytes and ending were just found to match */
    switch (it->shape) {
    case SHAPE_NOT_WORDS: return false;
    case SHAPE_WORDS: return !poss;
    default: return true;
    }
}

/* dict_lookup's items for the word of entry e (tn bytes, poss), appended to tc->items without a callback per
   item (TABARI's set: ~7 a new token), less those that cannot start a name at this token (tc_item_starts: the
   lookup already passed over the words whose items' modes all fail it, dict_lookup_starting), and beside each
   its first need for dict_lookup_needed. The coder then knows the first word matched. */
static void tc_add_items(const dict *d, struct dict_tokcache *tc, const tc_entry *e, size_t tn, bool poss)
{
    const char *word = tc->text + e->text_at;
    size_t from = tc->nitem;
    /* strlen, as dict_lookup takes the word: a token with a NUL inside looks up what comes before it */
    size_t n = strlen(word);
    if (!tc->t->groups) dict_lookup_starting(d, word, n, tn, poss, &tc->items, &tc->nitem, &tc->capitem);
    else   /* the groups tc_add_ids found, longest first, as dict_lookup_starting walks them */
        for (size_t k = tc->nfound; k-- > 0;) {
            const tc_found *f = &tc->found[k];
            /* the group's test of its modes, on the slot's copy of them (most groups found are nouns' shorter stems
               whose ending the token does not take): no record of the group is read, its items' range is here too */
            if (f->len <= n && dict_modes_may_end(f->modes, word, f->len, tn, poss))
                dict_group_starting(d, f->first, f->count, f->len, n, &tc->items, &tc->nitem, &tc->capitem);
        }
    size_t kept = from;
    for (size_t k = from; k < tc->nitem; k++)
        if (tc_item_starts(tc->items[k], word, tn, poss)) tc->items[kept++] = tc->items[k];
    tc->nitem = kept;
    if (tc->nitem > tc->capfirst) {
        tc->capfirst = tc->capitem;
        tc->item_first = xrealloc(tc->item_first, tc->capfirst * sizeof *tc->item_first);
        tc->item_cand = xrealloc(tc->item_cand, tc->capfirst * sizeof *tc->item_cand);
    }
    for (size_t k = from; k < tc->nitem; k++) {
        const index_item *it = tc->items[k];
        tc->item_first[k] = it->nneed ? it->need[0] : (uint32_t)tc->nwords;
        tc->item_cand[k] = (tc_cand){.first = tc->item_first[k],
                                .second = it->nneed > 1 ? it->need[it->nneed - 1] : (uint32_t)tc->nwords, .entry = it->entry,
                                .kind = it->kind, .nneed = (uint8_t)(it->nneed < 255 ? it->nneed : 255),
                                .name = (uint8_t)(it->name >= 0 && it->name < 255 ? it->name : 255),
                                .one_word = !it->nneed && it->kind >= IX_ACTOR && it->kind <= IX_ADJ &&
                                            (it->kind != IX_ACTOR || it->len > 3)};
    }
}

/* What an entry is found by, less its bytes: the norm's norm_hash (the tokenizer's token.hash), its length
   (under 65535) and the possessive flag, where token_key has them: a token's key is token_key & TC_KEY_MASK.
   The slot is the hash's (a word and its possessive probe from the same slot). */
#define TC_KEY_MASK ((((uint64_t)1 << TOKEN_KEY_KIND) - 1) | (uint64_t)TF_POSS << TOKEN_KEY_FLAGS)
static inline uint64_t tc_key(uint32_t h, size_t tn, bool poss)
{
    return h | (uint64_t)tn << TOKEN_KEY_LEN | (uint64_t)(poss ? TF_POSS : 0) << TOKEN_KEY_FLAGS;
}

/* The first eight bytes of the n at s, zero-padded, where s[n] is readable and NUL (a token's norm): short
   words are loaded in pieces that end at that NUL at the latest. */
static inline uint64_t tc_head(const char *s, size_t n)
{
    if (n >= 7) return load8(s);   /* for 7, the eighth byte is the NUL */
    uint16_t a;
    uint32_t b;
    if (n >= 3) {   /* 3 and 4: four bytes (the fourth of 3 is the NUL); 5 and 6: two more */
        memcpy(&b, s, 4);
        if (n < 5) return b;
        memcpy(&a, s + 4, 2);
        return b | (uint64_t)a << 32;
    }
    if (!n) return 0;
    memcpy(&a, s, 2);   /* the second byte of 1 is the NUL */
    return a;
}

/* tc_head of a norm of n bytes at s followed by a NUL and at least seven more readable bytes (the tokenizer's
   pool keeps that slack, text.h): one load and a mask, no branch on the length (its dispatch mispredicted). */
static inline uint64_t tc_head_slack(const char *s, size_t n)
{
    /* the mask from a table rather than a shift: a shift needs a branch for 8 and more (shifting by 64) */
    static const uint64_t KEEP[9] = {0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF,
                                     0xFFFFFFFFFFFFFF, ~(uint64_t)0};
    return load8(s) & KEEP[n < 8 ? n : 8];
}

/* head2 of a norm of n bytes at s with sixteen readable bytes from s: bytes 8..15, zero-padded (0 for n <= 8). */
static inline uint64_t tc_tail_slack(const char *s, size_t n)
{
    static const uint64_t KEEP[17] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF,
                                      0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, ~(uint64_t)0};
    return load8(s + 8) & KEEP[n < 16 ? n : 16];
}

/* The cache entry of a token, or -1 when it has none yet. */
static inline int32_t tc_find(const struct dict_tokcache *tc, const char *tok, size_t tn, bool poss, uint32_t h)
{
    if (tn >= 65535) return -1;   /* never cached (tc_add); nor would the length fit the key */
    size_t mask = tc->nslots - 1;
    const uint64_t key = tc_key(h, tn, poss);
    for (size_t s = h & mask; tc->slot[s] >= 0; s = (s + 1) & mask) {
        const tc_entry *e = &tc->e[tc->slot[s]];
        if (e->key == key && dict_same_bytes(tc->text + e->text_at, tok, tn)) return tc->slot[s];
    }
    return -1;
}

/* Padding after every entry's ids in tc->ids: see tc_add. */
#define TC_MIN_IDS 4
_Static_assert(TC_MIN_IDS == 4 && sizeof ((tc_entry *)0)->first_ids == TC_MIN_IDS * sizeof(uint32_t),
               "dict_marks_sentence stamps four ids without a test, from first_ids");

/* A new cache entry for a token tc_find did not find: its ids and lookups worked out. -1 when the cache is
   full or the token too long (the caller then marks it the uncached way). */
static __attribute__((noinline)) int32_t tc_add(const dict *d, struct dict_tokcache *tc, const char *tok, size_t tn,
                                                bool poss, uint32_t h)
{
    if (tn >= 65535 || tc->n >= TC_MAX) return -1;
    size_t mask = tc->nslots - 1, s = h & mask;
    while (tc->slot[s] >= 0) s = (s + 1) & mask;
    GROW(tc->text, tc->captext, tc->ntext + tn + 1);
    tc_entry *e = &tc->e[tc->n];
    *e = (tc_entry){.key = tc_key(h, tn, poss), .text_at = (uint32_t)tc->ntext, .ids_at = (uint32_t)tc->nids,
                    .items_at = (uint32_t)tc->nitem};
    memcpy(tc->text + tc->ntext, tok, tn);
    tc->text[tc->ntext + tn] = 0;
    e->head = tc_head(tc->text + e->text_at, tn);   /* the copy ends with a NUL, whatever tok does */
    e->head2 = tn > 8 ? tc_head(tc->text + e->text_at + 8, tn - 8) : 0;
    tc->ntext += tn + 1;
    tc_add_ids(tc, d->words, tok, tn, poss);
    tc_add_items(d, tc, e, tn, poss);
    size_t nids = tc->nids - e->ids_at, nitems = tc->nitem - e->items_at;
    if (nids > UINT16_MAX || nitems > UINT16_MAX) {   /* too many for the entry's counts: not cached */
        tc->nids = e->ids_at, tc->nitem = e->items_at, tc->ntext = e->text_at;
        return -1;
    }
    e->nids = (uint16_t)nids;
    e->nkeys = nids ? (uint16_t)tc_keys_first(d->words, tc->ids + e->ids_at, e->nids) : 0;   /* ids may be NULL */
    e->nitems = (uint16_t)nitems;
    /* followed by TC_MIN_IDS of the always-current id nwords (dict_marks_begin), whose stamp changes nothing:
       dict_marks_sentence stamps that many without a test from where its loop would start (0, or after the
       keys), and loops only for more (Reuters: built-in 0.02 % of words have more than 4 ids, TABARI's set 16 %) */
    GROW(tc->ids, tc->capids, tc->nids + TC_MIN_IDS - 1);
    for (uint32_t pad = 0; pad < TC_MIN_IDS; pad++) tc->ids[tc->nids++] = (uint32_t)tc->nwords;
    memcpy(e->first_ids, tc->ids + e->ids_at, sizeof e->first_ids);
    tc->slot[s] = (int32_t)tc->n;
    return (int32_t)tc->n++;
}

static struct dict_tokcache *tc_of(const dict *d, dict_marks *m)
{
    if (!m->cache) m->cache = xcalloc(1, sizeof *m->cache), tc_clear(m->cache, d);
    return m->cache;
}

/* Stamps entry k's ids in the sentence's marks. */
static inline void tc_stamp(const struct dict_tokcache *tc, dict_marks *m, int32_t k)
{
    tc_entry *e = &tc->e[k];
    if (!e->nids || m->nword < tc->nwords || e->gen == m->gen) return;   /* stamped already in this sentence */
    e->gen = m->gen;
    const uint32_t *id = tc->ids + e->ids_at;
    uint8_t *word = m->mark, gen = m->mark_gen;
    uint32_t i = 0;
    if (m->track && e->nkeys) {
        GROW(m->seen, m->capseen, m->nseen + e->nkeys);
        uint32_t *seen = m->seen;
        size_t ns = m->nseen;
        for (; i < e->nkeys; i++)   /* stamp() without a capacity check per id */
            if (word[id[i]] != gen) word[id[i]] = gen, seen[ns++] = id[i];
        m->nseen = ns;
    }
    for (; i < e->nids; i++) word[id[i]] = gen;
}

int32_t dict_marks_token_cached(const dict *d, dict_marks *m, const char *tok, size_t tn, bool poss, uint8_t **note)
{
    struct dict_tokcache *tc = tc_of(d, m);
    uint32_t h = norm_hash(tok, tn);
    int32_t k = tc_find(tc, tok, tn, poss, h);
    if (k < 0) k = tc_add(d, tc, tok, tn, poss, h);
    if (k < 0) {
        dict_marks_token(d, m, tok, tn, poss);
        *note = NULL;
        return -1;
    }
    *note = &tc->e[k].note;
    tc_stamp(tc, m, k);
    return k;
}

/* dict_marks_sentence's view of the cache, in locals: the stores into entry[] and note[] (bytes, which may
   alias anything as far as the compiler knows) would otherwise make it reload every field per token. */
typedef struct {
    const int32_t *slot;
    size_t mask;
    tc_entry *e;
    const char *text;
    const uint32_t *ids;
} tc_view;

static inline tc_view tc_view_of(const struct dict_tokcache *tc)
{
    return (tc_view){tc->slot, tc->nslots - 1, tc->e, tc->text, tc->ids};
}

/* How far ahead dict_marks_sentence asks for a token's slot and entry. Its dependent loads a token miss the
   first-level caches for most words (the other stages have run between two sentences) and were most of its
   time; asked for a few tokens early they arrive while the tokens before are worked on. The entry's id list
   is not asked for: finding its address loads the entry (a real load, not a prefetch) eight tokens ahead,
   which waited more than the list's own miss cost (TABARI's set, paired 0.966 without it; most words' ids
   are in the entry: first_ids). The helpers must be inlined: called, GCC finds they have no effect (a
   prefetch changes nothing) and drops them. */
enum { PF_SLOT = 32, PF_ENTRY = 16 };

static inline __attribute__((always_inline)) void prefetch_slot(const tc_view *v, const token *t)
{
    __builtin_prefetch(&v->slot[t->hash & v->mask]);
}

static inline __attribute__((always_inline)) void prefetch_entry(const tc_view *v, const token *t)
{
    /* an empty slot (a new word, a mark) asks for entry 0 instead: no branch, whose outcome follows the text
       (a prefetch of an address never faults, and entry 0 is soon read anyway) */
    const int32_t k = v->slot[t->hash & v->mask];
    __builtin_prefetch(&v->e[k & ~(k >> 31)]);
}

/* Before token 0: what the loop's look-ahead would have asked for the first tokens (most of a sentence). */
static inline __attribute__((always_inline)) void marks_prefetch_start(const tc_view *v, const token *tok, size_t n)
{
    for (size_t i = 0; i < n && i < PF_SLOT; i++) prefetch_slot(v, &tok[i]);
    for (size_t i = 0; i < n && i < PF_ENTRY; i++) prefetch_entry(v, &tok[i]);
}

/* At token i: the loads of tokens further on. */
static inline __attribute__((always_inline)) void marks_prefetch(const tc_view *v, const token *tok, size_t i, size_t n)
{
    if (i + PF_SLOT < n) prefetch_slot(v, &tok[i + PF_SLOT]);
    if (i + PF_ENTRY < n) prefetch_entry(v, &tok[i + PF_ENTRY]);
}

/* How dict_marks_sentence stamps: every id of every word (no `seen` list to keep: the built-in dictionary);
   once per distinct word of the sentence, listing the ids that key a grouped verb's patterns in `seen`
   (tc_stamp: TABARI's set); or not at all (marks not sized for the dictionary). */
enum marks_how { MS_PLAIN, MS_TRACK, MS_NONE };

/* dict_marks_sentence's loop: one copy per way of stamping (a constant each) rather than a test per token. */
static inline __attribute__((always_inline)) void marks_sentence(const dict *d, dict_marks *m, struct dict_tokcache *tc,
                                                                 const token_list *tl, int32_t *entry, uint8_t *note,
                                                                 uint8_t (*note_of)(const char *word),
                                                                 const enum marks_how how)
{
    tc_view v = tc_view_of(tc);
    const token *tok = tl->t;
    const char *pool = tl->pool;
    /* a norm with eight bytes of the pool from its start is read in one load (the tokenizer leaves slack
       after the last norm; a list built elsewhere may not: its last norms take tc_head) */
    const size_t pcap = tl->pcap;
    const size_t n = tl->n;
    uint8_t *const word = m->mark, gen = m->mark_gen;
    const uint32_t sentence = m->gen;   /* an entry's gen: its ids stamped in this sentence (MS_TRACK) */
    marks_prefetch_start(&v, tok, n);
    for (size_t i = 0; i < n; i++) {
        marks_prefetch(&v, tok, i, n);
        const token *t = &tok[i];
        const uint64_t tk = token_key(t);
        const uint8_t kind = (uint8_t)(tk >> TOKEN_KEY_KIND);
        if (kind != TOK_WORD && kind != TOK_NUMBER) {
            entry[i] = -1, note[i] = 0;
            continue;
        }
        const char *w = pool + t->norm;
        const size_t len = (uint16_t)(tk >> TOKEN_KEY_LEN);
        /* norm_len is a uint16_t: the key holds it; 65535 itself matches no entry (tc_add takes none) */
        const bool slack = __builtin_expect((size_t)t->norm + 16 <= pcap, 1);
        const uint64_t key = tk & TC_KEY_MASK, head = slack ? tc_head_slack(w, len) : tc_head(w, len),
                       head2 = slack ? tc_tail_slack(w, len) : len > 8 ? tc_head(w + 8, len - 8) : 0;
        int32_t k;
        for (size_t s = (uint32_t)tk & v.mask;; s = (s + 1) & v.mask) {
            k = v.slot[s];
            if (k < 0) break;
            const tc_entry *e = &v.e[k];
            if (e->key == key && e->head == head && e->head2 == head2 &&
                (len <= 16 || dict_same_bytes(v.text + e->text_at + 16, w + 16, len - 16)))
                break;
        }
        if (k < 0) {
            const bool poss = (t->flags & TF_POSS) != 0;
            k = tc_add(d, tc, w, len, poss, t->hash);
            v = tc_view_of(tc);
            if (k < 0) {
                dict_marks_token(d, m, w, len, poss);
                entry[i] = -1, note[i] = note_of(w);
                continue;
            }
        }
        tc_entry *e = &v.e[k];
        if (how == MS_PLAIN) {   /* no gen test here: stamping again is cheaper than the test (built-in dictionary) */
            /* the first TC_MIN_IDS without a test on nids (its exit mispredicted): padded with an id whose
               mark is current anyway */
            const uint32_t nids = e->nids, *id = e->first_ids;
            word[id[0]] = gen, word[id[1]] = gen, word[id[2]] = gen, word[id[3]] = gen;
            for (uint32_t j = TC_MIN_IDS; j < nids; j++) word[v.ids[e->ids_at + j]] = gen;
        } else if (how == MS_TRACK && e->gen != sentence) {   /* tc_stamp, with the locals at hand */
            e->gen = sentence;
            const uint32_t nids = e->nids, nk = e->nkeys;
            /* most words have TC_MIN_IDS or fewer (TABARI's set: 84 % of Reuters' words): their ids are read in
               the entry's own line (first_ids), the list in tc->ids only for more */
            const uint32_t *id = nids <= TC_MIN_IDS ? e->first_ids : v.ids + e->ids_at;
            uint32_t j = 0;
            if (nk) {
                GROW(m->seen, m->capseen, m->nseen + nk);
                uint32_t *seen = m->seen;
                size_t ns = m->nseen;
                for (; j < nk; j++)
                    if (word[id[j]] != gen) word[id[j]] = gen, seen[ns++] = id[j];
                m->nseen = ns;
            }
            if (nids <= TC_MIN_IDS) {   /* the keys again, and the padding: current anyway */
                word[id[0]] = gen, word[id[1]] = gen, word[id[2]] = gen, word[id[3]] = gen;
            } else {   /* padded: TC_MIN_IDS after nids */
                word[id[j]] = gen, word[id[j + 1]] = gen, word[id[j + 2]] = gen, word[id[j + 3]] = gen;
                for (j += TC_MIN_IDS; j < nids; j++) word[id[j]] = gen;
            }
        }
        entry[i] = k;
        uint8_t nt = e->note;
        if (!nt) nt = e->note = note_of(w);
        note[i] = nt;
    }
}

/* The slots of the first PF_ENTRY tokens: at a sentence's start the loop's look-ahead has asked for nothing
   yet, and marks_prefetch_start loads these slots at once (a miss each, for most sentences: 2 % of a run).
   A sentence's tokens made early (coder_next_sentence) have them asked for while the sentence before is
   coded. (The later slots marks_prefetch_start only asks for: it waits on none of them.) */
void dict_marks_prefetch(const dict_marks *m, const token_list *tl)
{
    const struct dict_tokcache *tc = m->cache;
    if (!tc || !tc->slot) return;
    for (size_t i = 0; i < tl->n && i < PF_ENTRY; i++) __builtin_prefetch(&tc->slot[tl->t[i].hash & (tc->nslots - 1)]);
}

void dict_marks_sentence(const dict *d, dict_marks *m, const token_list *tl, int32_t *entry, uint8_t *note,
                         uint8_t (*note_of)(const char *word))
{
    struct dict_tokcache *tc = tc_of(d, m);
    if (m->nword < tc->nwords) marks_sentence(d, m, tc, tl, entry, note, note_of, MS_NONE);
    else if (!m->track) marks_sentence(d, m, tc, tl, entry, note, note_of, MS_PLAIN);
    else marks_sentence(d, m, tc, tl, entry, note, note_of, MS_TRACK);
}

void dict_lookup_needed(const dict *d, const dict_marks *m, int32_t k, const char *word,
                        bool (*fn)(const index_item *it, void *ctx), void *ctx)
{
    const struct dict_tokcache *tc = m->cache;
    if (k < 0 || !tc) {
        dict_lookup(d, word, fn, ctx);
        return;
    }
    const tc_entry *e = &tc->e[k];
    if (!e->nitems) return;   /* also: an empty dictionary has no item arrays to offset into */
    const index_item *const *it = tc->items + e->items_at;
    const uint32_t *first = tc->item_first + e->items_at, nword = (uint32_t)m->nword;
    const uint8_t *mark = m->mark, gen = m->mark_gen;
    for (uint32_t i = 0; i < e->nitems; i++) {
        if (first[i] < nword && mark[first[i]] != gen) continue;   /* its first other word is not in the sentence */
        if (!fn(it[i], ctx)) return;
    }
}

uint32_t dict_token_items(const dict_marks *m, int32_t k, const index_item *const **items, const uint32_t **first)
{
    return tc_token_items(m, k, items, first);
}

/* Word id occurs in the sentence; the first time, it joins the sentence's list (dict_verb_candidates). */
static void stamp(dict_marks *m, uint32_t id)
{
    if (m->mark[id] == m->mark_gen) return;
    m->mark[id] = m->mark_gen;
    if (!m->track) return;
    GROW(m->seen, m->capseen, m->nseen);
    m->seen[m->nseen++] = id;
}

void dict_marks_begin(const dict *d, dict_marks *m)
{
    m->nseen = 0;
    m->track = d->words && d->words->ngrouped;   /* the list only serves grouped verbs */
    const struct dict_words *w = d->words;
    size_t nw = w ? w->n : 0, ns = w ? (size_t)w->nsets : 0;
    if (nw > m->nword || ns > m->nset || !m->mark) {   /* an empty dictionary too: mark[0] is "no need" */
        /* mark[nw]: always present, for the token cache's "no need" and dict_verb_scan's "no word needed" */
        m->mark = xrealloc(m->mark, nw + 1);
        m->set = xrealloc(m->set, (ns ? ns : 1) * sizeof *m->set);
        m->set_ok = xrealloc(m->set_ok, ns ? ns : 1);
        m->nword = nw;
        m->nset = ns;
        m->gen = 0;
        m->mark_gen = 0;
    }
    /* the token cache is only emptied between sentences: entries handed out stay valid for one */
    if (m->cache && (!tc_current(m->cache, d) || m->cache->n >= TC_MAX)) tc_clear(m->cache, d);
    if (++m->gen <= 1) {   /* new arrays, or the generation wrapped (to 0: never-stamped words would look current) */
        if (m->nset) memset(m->set, 0, m->nset * sizeof *m->set);
        for (size_t k = 0; m->cache && k < m->cache->n; k++) m->cache->e[k].gen = 0;   /* nor entries stamped */
        m->gen = 1;
    }
    if (++m->mark_gen <= 1) {   /* new arrays, or the byte wrapped: every 255 sentences, 26 KB at most to clear */
        if (m->nword) memset(m->mark, 0, m->nword);
        m->mark_gen = 1;
    }
    m->mark[nw] = m->mark_gen;   /* always current: an item that needs no word (item_first) is never absent */
}

void dict_marks_free(dict_marks *m)
{
    free(m->mark);
    free(m->set);
    free(m->set_ok);
    free(m->seen);
    free(m->bits);
    tc_free(m->cache);
    memset(m, 0, sizeof *m);
}

void dict_marks_token(const dict *d, dict_marks *m, const char *tok, size_t tn, bool poss)
{
    const struct dict_words *w = d->words;
    if (!w || !w->n || m->nword < w->n) return;
    size_t max = tn < w->longest ? tn : w->longest;
    size_t mask = w->nslots - 1;
    uint32_t h = FNV_OFFSET;
    /* every interned word matches a prefix of the token (stems, endings): probe each prefix once */
    for (size_t len = 1; len <= max; len++) {
        h = fnv_step(h, (unsigned char)tok[len - 1]);
        for (size_t s = h & mask; w->slot[s] >= 0; s = (s + 1) & mask) {
            const wentry *e = &w->e[w->slot[s]];
            if (e->hash != h || e->len != len || !dict_same_bytes(e->word, tok, len)) continue;
            for (int32_t i = w->slot[s]; i >= 0; i = w->e[i].same_text)
                if (word_matches_n(w->e[i].word, len, w->e[i].mode, tok, tn, poss)) stamp(m, (uint32_t)i);
            break;
        }
    }
}

static bool needs_met(const dict *d, dict_marks *m, const uint32_t *need, int n, int depth);

/* The first alternative k in [k, end) whose first word the sentence has, or that has none (a set, or
   nothing): end when none. Most alternatives are a word or two the sentence lacks and end here, in a loop
   that keeps its five values in registers (inline in set_possible, gcc kept the marks on the stack). From
   alt_look16 when the dictionary has it (none is id n there, always present), else from alt_first. */
static inline __attribute__((always_inline)) size_t next_alt_maybe(const struct dict_words *w, const uint8_t *word,
                                                                   uint8_t gen, size_t k, size_t end)
{
    const uint16_t *look = w->alt_look16;
    const uint32_t *first = w->alt_first;
    if (look) {
        for (; k < end; k++)
            if (word[look[k]] == gen) break;
    } else {
        for (; k < end; k++)
            if (first[k] == DICT_NEED_NONE || word[first[k]] == gen) break;
    }
    return k;
}

/* Is one alternative of set s possible? Memoised per sentence. While a set is being decided it counts
   as possible, so that synsets naming each other end (and "possible" is never wrong the other way). */
static bool set_possible(const dict *d, dict_marks *m, uint32_t s, int depth)
{
    const struct dict_words *w = d->words;
    if (s >= (uint32_t)w->nsets || s >= m->nset || depth > 8) return true;
    if (m->set[s] == m->gen) return m->set_ok[s];
    m->set[s] = m->gen;
    m->set_ok[s] = 1;
    bool ok = false;
    /* in locals: the byte stores into set_ok could alias them as far as the compiler knows */
    const uint8_t *word = m->mark, gen = m->mark_gen;
    for (size_t k = w->set_alt[s], end = w->set_alt[s + 1]; !ok && (k = next_alt_maybe(w, word, gen, k, end)) < end; k++)
        ok = needs_met(d, m, w->pool + w->alt_at[k], (int)(w->alt_at[k + 1] - w->alt_at[k]), depth + 1);
    m->set_ok[s] = ok;
    return ok;
}

static bool needs_met(const dict *d, dict_marks *m, const uint32_t *need, int n, int depth)
{
    /* words come first (add_needs): one look each; sets may recurse */
    for (int i = 0; i < n; i++) {
        if (!(need[i] & NEED_SET)) {
            if (m->mark[need[i]] != m->mark_gen) return false;
        } else if (!set_possible(d, m, need[i] & ~(uint32_t)NEED_SET, depth)) {
            return false;
        }
    }
    return true;
}

bool dict_needs_met(const dict *d, dict_marks *m, const uint32_t *need, int n)
{
    /* marks not sized for this dictionary (dict_marks_begin not called since it grew): no opinion */
    if (!n || !d->words || m->nword < d->words->n || m->nset < (size_t)d->words->nsets) return true;
    return needs_met(d, m, need, n, 0);
}

const uint32_t *dict_alt_first_needs(const dict *d, int s)
{
    const struct dict_words *w = d->words;
    if (!w || s < 0 || s >= w->nsets || s >= d->nsets) return NULL;
    if (w->set_alt[s + 1] - w->set_alt[s] != (size_t)d->sets[s].n) return NULL;   /* changed since dict_prepare */
    return w->alt_first + w->set_alt[s];
}

bool dict_alt_possible(const dict *d, dict_marks *m, int s, int alt)
{
    const struct dict_words *w = d->words;
    if (!w || m->nword < w->n || m->nset < (size_t)w->nsets || s < 0 || s >= w->nsets) return true;
    size_t k = w->set_alt[s] + (size_t)alt;
    if (alt < 0 || k >= w->set_alt[s + 1]) return true;
    return needs_met(d, m, w->pool + w->alt_at[k], (int)(w->alt_at[k + 1] - w->alt_at[k]), 1);
}

/* ---- the compiled form (.dyc): the loaded dictionary written out, read back by mmap ----
   Everything a text reader builds, in order: the origins' file names once in a table, every string of the
   entries (the phrases' words, names, texts) once in another (dyc_texts), named by their place in it. Reading it
   back is copying, not parsing, and what holds no pointer is aligned in the file and used where it lies, once
   checked: actors' codes, the needs' pool, the interned words' table, the index's groups (dict_groups_write) and
   the token caches' texts (put_token_texts). The index is written bucket by bucket in chain order, because the
   order in which lookups see candidates decides ties (and the groups name the items by their place in it). Host
   byte order and struct sizes are checked in the header: the file is a cache for this build of dyad on this
   machine, not an interchange format. */

#define DYC_MAGIC "DYADDYCB"
enum { DYC_NULL = UINT32_MAX };

static void put_u32(strbuf *b, uint32_t v) { sb_add(b, (const char *)&v, sizeof v); }
static void put_raw(strbuf *b, const void *p, size_t n) { sb_add(b, p, n); }

/* Length, bytes and a NUL: an image that outlives the dictionary (the embedded one) lends its strings. */
static void put_str(strbuf *b, const char *s)
{
    if (!s) { put_u32(b, DYC_NULL); return; }
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    sb_add(b, s, n + 1);
}

/* Elements of every phrase written, so that the reader takes them from one block. */
static uint64_t count_elems(const dict *d)
{
    uint64_t n = 0;
    for (int i = 0; i < d->nsets; i++)
        for (int a = 0; a < d->sets[i].n; a++) n += (uint64_t)d->sets[i].alts[a].n;
    for (int i = 0; i < d->nactors; i++)
        for (int k = 0; k < d->actors[i].nnames; k++) n += (uint64_t)d->actors[i].names[k].n;
    for (int i = 0; i < d->nagents; i++) n += (uint64_t)d->agents[i].name.n;
    for (int i = 0; i < d->nverbs; i++) {
        for (int k = 0; k < d->verbs[i].nforms; k++) n += (uint64_t)d->verbs[i].forms[k].n;
        for (int k = 0; k < d->verbs[i].npats; k++) n += (uint64_t)d->verbs[i].pats[k].p.n;
    }
    for (int i = 0; i < d->nmisc; i++) n += (uint64_t)d->misc[i].name.n;
    for (int i = 0; i < d->nissues; i++) n += (uint64_t)d->issues[i].name.n;
    return n;
}

/* The texts of the phrases' words (and of the interned words, which are some of them), each once, in the order
   they first appear: an element names its word by its place in this table. Written as the count n, the n + 1
   offsets of the texts in the bytes that follow (the last: their length), then the texts, each with its NUL.
   A load checks the table once (get_texts) and takes each element's word and length from the offsets, where it
   read each word inline with two bounds checks and a memchr (TABARI's set: 150,000 words, ~40,000 texts). */
typedef struct {
    strbuf bytes;
    uint32_t *off;          /* text i starts at off[i] */
    size_t n, cap;
    uint32_t *slot;         /* open addressing by hash_bytes: text index + 1, 0 empty */
    size_t nslots;
} dyc_texts;

static uint32_t text_index(dyc_texts *t, const char *word)
{
    size_t len = strlen(word);
    if (2 * (t->n + 1) > t->nslots) {   /* at most half full: rehash into twice the slots */
        size_t ns = t->nslots ? 2 * t->nslots : 4096;
        uint32_t *slot = xcalloc(ns, sizeof *slot);
        for (size_t i = 0; i < t->n; i++) {
            size_t at = hash_bytes(t->bytes.s + t->off[i], t->off[i + 1] - t->off[i] - 1) & (ns - 1);
            while (slot[at]) at = (at + 1) & (ns - 1);
            slot[at] = (uint32_t)i + 1;
        }
        free(t->slot);
        t->slot = slot, t->nslots = ns;
    }
    size_t at = hash_bytes(word, len) & (t->nslots - 1);
    for (; t->slot[at]; at = (at + 1) & (t->nslots - 1)) {
        uint32_t i = t->slot[at] - 1;
        if (t->off[i + 1] - t->off[i] - 1 == len && !memcmp(t->bytes.s + t->off[i], word, len)) return i;
    }
    if (t->n + 2 > t->cap) t->cap = t->cap ? 2 * t->cap : 4096, t->off = xrealloc(t->off, t->cap * sizeof *t->off);
    t->off[t->n] = (uint32_t)t->bytes.len;
    sb_add(&t->bytes, word, len + 1);
    t->off[t->n + 1] = (uint32_t)t->bytes.len;
    t->slot[at] = (uint32_t)++t->n;
    return (uint32_t)t->n - 1;
}

static void put_texts(strbuf *b, const dyc_texts *t)
{
    put_u32(b, (uint32_t)t->n);
    uint32_t none = 0;
    put_raw(b, t->n ? t->off : &none, (t->n + 1) * sizeof *t->off);
    sb_add(b, t->bytes.s, t->bytes.len);
}

static void texts_free(dyc_texts *t)
{
    sb_free(&t->bytes);
    free(t->off), free(t->slot);
}

/* A string of an entry (a set's name, a pattern's or verb's text, an issue) as its text's index, DYC_NULL for none:
   the load takes it from the checked table, without a bounds check and a memchr of its own (TABARI's set: 18,000). */
static void put_text(strbuf *b, dyc_texts *t, const char *s)
{
    put_u32(b, s ? text_index(t, s) : DYC_NULL);
}

/* An element: kind, adjacent, mode, a zero byte, the set, its word's text index (DYC_NULL: none): 12 bytes. */
enum { DYC_ELEM = 12 };
static void put_phrase(strbuf *b, dyc_texts *t, const phrase *p)
{
    put_u32(b, (uint32_t)p->n);
    for (int i = 0; i < p->n; i++) {
        const pelem *e = &p->e[i];
        uint8_t k[4] = {e->kind, e->adjacent, e->mode, 0};
        put_raw(b, k, 4);
        put_u32(b, (uint32_t)e->set);
        put_u32(b, e->kind == PE_WORD && e->word ? text_index(t, e->word) : DYC_NULL);
    }
}

/* The files origins name, each once, in the order they first appear: an origin is written as its file's
   place in this table (TABARI's set: 49,231 origins, whose names inline took 3 MB of a 10 MB file). */
typedef struct {
    const char **name;
    uint32_t n, cap, last;
} dyc_files;

static uint32_t file_index(dyc_files *f, const char *file)
{
    if (f->last < f->n && (f->name[f->last] == file || strcmp(f->name[f->last], file) == 0)) return f->last;
    for (f->last = 0; f->last < f->n; f->last++)
        if (strcmp(f->name[f->last], file) == 0) return f->last;
    GROW(f->name, f->cap, f->n);
    f->name[f->n] = file;
    return f->last = f->n++;
}

static void put_origin(strbuf *b, dyc_files *f, origin at)
{
    put_u32(b, at.file ? file_index(f, at.file) : DYC_NULL);
    put_u32(b, (uint32_t)at.line);
}

static void put_code(strbuf *b, const event_code *c) { put_raw(b, c, sizeof *c); }

/* Zero bytes up to a multiple of align: what follows can be lent in place (get_codes). The entries start on
   such a multiple in the file, so that a place in them is aligned as its offset in the file is. */
enum { DYC_ALIGN = 8 };
static void put_pad(strbuf *b, size_t align)
{
    while (b->len % align) sb_add(b, "", 1);
}

static void put_entries(strbuf *b, dyc_files *f, dyc_texts *t, const dict *d)
{
    put_u32(b, (uint32_t)d->nsets);
    for (int i = 0; i < d->nsets; i++) {
        put_text(b, t, d->sets[i].name);
        put_u32(b, (uint32_t)d->sets[i].n);
        for (int a = 0; a < d->sets[i].n; a++) put_phrase(b, t, &d->sets[i].alts[a]);
    }
    put_u32(b, (uint32_t)d->nactors);
    for (int i = 0; i < d->nactors; i++) {
        const actor_entry *a = &d->actors[i];
        put_u32(b, (uint32_t)a->nnames);
        for (int k = 0; k < a->nnames; k++) put_phrase(b, t, &a->names[k]);
        put_u32(b, (uint32_t)a->ncodes);
        put_pad(b, _Alignof(dated_code));
        put_raw(b, a->codes, (size_t)a->ncodes * sizeof *a->codes);
        put_origin(b, f, a->at);
    }
    put_u32(b, (uint32_t)d->nagents);
    for (int i = 0; i < d->nagents; i++) {
        const agent_entry *a = &d->agents[i];
        put_phrase(b, t, &a->name);
        put_raw(b, a->code, sizeof a->code);
        put_u32(b, a->prefix);
        put_origin(b, f, a->at);
    }
    put_u32(b, (uint32_t)d->nverbs);
    for (int i = 0; i < d->nverbs; i++) {
        const verb_entry *v = &d->verbs[i];
        put_u32(b, (uint32_t)v->nforms);
        for (int k = 0; k < v->nforms; k++) put_phrase(b, t, &v->forms[k]);
        put_code(b, &v->code);
        put_u32(b, (uint32_t)v->npats);
        for (int k = 0; k < v->npats; k++) {
            const verb_pattern *vp = &v->pats[k];
            put_phrase(b, t, &vp->p);
            put_u32(b, (uint32_t)vp->verb_at);
            put_code(b, &vp->code);
            put_u32(b, (uint32_t)vp->words);
            put_text(b, t, vp->text);
            put_origin(b, f, vp->at);
        }
        put_text(b, t, v->text);
        put_origin(b, f, v->at);
    }
    put_u32(b, (uint32_t)d->nmisc);
    for (int i = 0; i < d->nmisc; i++) {
        const misc_entry *m = &d->misc[i];
        put_phrase(b, t, &m->name);
        put_code(b, &m->code);
        put_u32(b, (uint32_t)m->shift_days);
        put_u32(b, m->story);
        put_origin(b, f, m->at);
    }
    put_u32(b, (uint32_t)d->nissues);
    for (int i = 0; i < d->nissues; i++) {
        put_phrase(b, t, &d->issues[i].name);
        put_text(b, t, d->issues[i].issue);
        put_origin(b, f, d->issues[i].at);
    }
}

/* intern's hash of a fixed text: a file written by a build that hashed otherwise is refused (its hashes and table
   would not find the words this build looks up). */
static uint32_t fnv_probe(void)
{
    static const char probe[] = "DYAD word table";
    uint32_t h = FNV_OFFSET;
    for (size_t i = 0; i < sizeof probe - 1; i++) h = fnv_step(h, (unsigned char)probe[i]);
    return h;
}

/* w's table of texts again, sized for its words alone as a load sized it (init_slots; dict_prepare sized it for every
   pattern and name, twice the slots): each text's newest entry (the head of its chain) put, in id order, in the first
   empty slot from its hash, which is where a probe (find_slot) meets it. In id order, not w's slot order: the same
   words give the same table whatever w's own (a .dyc compiled from a .dyc is the one compiled from the text). */
static int32_t *compact_slots(const struct dict_words *w, size_t *nslots)
{
    size_t n = 1024;
    while (n < 2 * w->n) n *= 2;
    int32_t *slot = xmalloc(n * sizeof *slot);
    memset(slot, 0xff, n * sizeof *slot);
    uint8_t *older = xcalloc(w->n + 1, 1);   /* an entry with a newer one of its text: no head */
    for (size_t i = 0; i < w->n; i++)
        if (w->e[i].same_text >= 0) older[w->e[i].same_text] = 1;
    for (size_t i = 0; i < w->n; i++) {
        if (older[i]) continue;
        size_t at = w->e[i].hash & (n - 1);
        while (slot[at] >= 0) at = (at + 1) & (n - 1);
        slot[at] = (int32_t)i;
    }
    free(older);
    *nslots = n;
    return slot;
}

/* The slots of a table read from a file: each empty (-1) or an entry below nwords, one empty at least (a probe
   ends). Eight at a time (a table's slots are a power of two): one unsigned test a slot, which the compiler
   makes a vector's. */
static bool good_slots(const int32_t *slot, size_t n, uint32_t nwords)
{
    uint32_t over = 0, empty = 0;
    for (size_t s = 0; s + 8 <= n; s += 8)
        for (size_t k = 0; k < 8; k++) {
            uint32_t v = (uint32_t)slot[s + k] + 1;   /* 0: empty; 1 .. nwords: an entry */
            over |= v > nwords;
            empty += v == 0;
        }
    for (size_t s = n & ~(size_t)7; s < n; s++) {
        uint32_t v = (uint32_t)slot[s] + 1;
        over |= v > nwords;
        empty += v == 0;
    }
    return !over && empty;
}

/* What dict_prepare works out, so that a load does not intern every pattern's and name's words again
   (TABARI's set: 88,000 interns, 20 M instructions a start): the interned words in id order (text, mode, hash,
   the older entry of the text) and their table, the pool of needs, and how many needs each set alternative,
   pattern and name (in index order) has, in the pool's order. The rest (first needs, verbs' pattern groups) is
   quickly derived on load. */
static void put_prepared(strbuf *b, dyc_texts *t, const dict *d)
{
    if (!prepared_current(d, count_patterns(d))) dict_prepare((dict *)d);   /* sets need pointers: no coder runs yet */
    const struct dict_words *w = d->words;
    put_u32(b, (uint32_t)w->n);
    for (size_t i = 0; i < w->n; i++) {   /* 13 bytes: text, mode, hash, the older entry of its text */
        put_u32(b, text_index(t, w->e[i].word));
        put_raw(b, &w->e[i].mode, 1);
        put_u32(b, w->e[i].hash);
        put_u32(b, (uint32_t)w->e[i].same_text);
    }
    /* the table of texts, used where it lies (get_prepared): a load interns nothing */
    size_t nslots;
    int32_t *slot = compact_slots(w, &nslots);
    put_u32(b, fnv_probe());
    put_u32(b, (uint32_t)nslots);
    put_pad(b, _Alignof(int32_t));
    put_raw(b, slot, nslots * sizeof *slot);
    free(slot);
    put_u32(b, (uint32_t)w->npool);
    put_pad(b, _Alignof(uint32_t));   /* lent in place (get_prepared) */
    put_raw(b, w->pool, w->npool * sizeof *w->pool);
    size_t nalts = w->set_alt[w->nsets];
    for (size_t k = 0; k < nalts; k++) put_u32(b, (uint32_t)(w->alt_at[k + 1] - w->alt_at[k]));
    for (int v = 0; v < d->nverbs; v++)
        for (int p = 0; p < d->verbs[v].npats; p++) put_u32(b, (uint32_t)d->verbs[v].pats[p].nneed);
    for (size_t k = 0; k < d->nbuckets; k++)
        for (const index_item *it = d->buckets[k]; it; it = it->next) put_u32(b, (uint32_t)it->nneed);
}

/* The n bytes at s as the file at path: written beside it and renamed over it, so that a program that has the
   old file mapped (dict_map_file) keeps it whole, and a write cut short leaves no half file under the name. A
   path that is there and no regular file (/dev/stdout) is written in place. 0, or -1 with errno set. */
int dict_write_file(const char *path, const char *s, size_t n)
{
    struct stat st;
    bool in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    char *tmp = NULL;
    if (!in_place) {
        size_t len = strlen(path) + 32;
        tmp = xmalloc(len);
        snprintf(tmp, len, "%s.tmp-%ld", path, (long)getpid());
    }
    FILE *f = fopen(tmp ? tmp : path, "wb");
    bool ok = f && fwrite(s, 1, n, f) == n;
    if (f && fclose(f) != 0) ok = false;
    if (tmp && ok && rename(tmp, path) != 0) ok = false;
    int e = errno;
    if (tmp && !ok) unlink(tmp);
    free(tmp);
    errno = e;
    return ok ? 0 : -1;
}

/* The token caches' texts (tc_wslots) as a load of this file will have them: the slots (32-aligned in the file), the
   bits, the entries of texts of several modes and how the texts begin, used where they lie (get_token_texts). A
   cache's first token then builds nothing (TABARI's set: 9.8 M instructions, and 2 MB of fresh pages, ~530 faults,
   in every run). None (a 0) when the groups are not current: a load then works them out as before. */
static void put_token_texts(strbuf *b, const dict *d)
{
    size_t ngroups;
    const struct dict_words *w = d->words;
    if (!w || !dict_group_slots(d, &ngroups)) { put_u32(b, 0); return; }
    struct tc_texts *t = xcalloc(1, sizeof *t);
    tc_wslots(t, d);
    uint32_t lg = 32 - t->wshift;
    uint32_t head[6] = {1, (uint32_t)t->nwslots, lg, (uint32_t)t->ntexts, (uint32_t)t->longest, (uint32_t)t->nothers};
    put_raw(b, head, sizeof head);
    put_pad(b, 32);
    put_raw(b, t->wslot, t->nwslots * sizeof *t->wslot);
    put_raw(b, t->wbits, ((size_t)1 << lg) / 64 * sizeof *t->wbits);
    for (size_t i = 0; i < t->nothers; i++) {   /* field by field: no padding byte of the struct's in the file */
        const tc_other *o = &t->others[i];
        uint8_t tail[4] = {o->mode, o->last, 0, 0};
        put_u32(b, o->id);
        put_raw(b, tail, sizeof tail);
    }
    put_raw(b, &t->wstarts, sizeof t->wstarts);
    tc_texts_free(t);
}

int dict_write_compiled(const dict *d, const char *path)
{
    strbuf b;
    sb_init(&b);
    dict_compiled_bytes(d, &b);
    int r = dict_write_file(path, b.s, b.len);
    sb_free(&b);
    return r;
}

void dict_compiled_bytes(const dict *d, strbuf *b)
{
    sb_add(b, DYC_MAGIC, 8);
    put_u32(b, (uint32_t)sizeof(code_options));
    put_u32(b, (uint32_t)sizeof(event_code));
    put_u32(b, (uint32_t)sizeof(dated_code));
    put_raw(b, &d->opt, sizeof d->opt);
    put_raw(b, d->read, sizeof d->read);
    put_raw(b, &d->rejected, sizeof d->rejected);
    uint64_t elems = count_elems(d);
    put_raw(b, &elems, sizeof elems);
    /* the entries and the prepared part go after the tables of the files and texts they name, which writing them
       makes; the index, chain by chain (kind, entry, name: the word is the phrase's first word), between them */
    strbuf entries, rest;
    sb_init(&entries);
    sb_init(&rest);
    dyc_files files = {0};
    dyc_texts texts = {0};
    sb_init(&texts.bytes);
    put_entries(&entries, &files, &texts, d);
    put_pad(&entries, DYC_ALIGN);   /* what follows is padded by its offset in the file (the needs' pool) */
    put_u32(&rest, (uint32_t)d->nitems);
    for (size_t k = 0; k < d->nbuckets; k++)
        for (const index_item *it = d->buckets[k]; it; it = it->next) {
            put_u32(&rest, it->kind);
            put_u32(&rest, (uint32_t)it->entry);
            put_u32(&rest, (uint32_t)it->name);
        }
    put_prepared(&rest, &texts, d);   /* (prepares d: its groups are current after) */
    put_u32(b, files.n);
    for (uint32_t i = 0; i < files.n; i++) put_str(b, files.name[i]);
    free(files.name);
    put_texts(b, &texts);
    texts_free(&texts);
    put_pad(b, DYC_ALIGN);
    sb_add(b, entries.s, entries.len);
    sb_add(b, rest.s, rest.len);
    sb_free(&entries);
    sb_free(&rest);
    dict_groups_write(d, b);
    put_token_texts(b, d);
}

/* The index keys of the names this file's entries brought, worked out as each name is read, while its elements
   and word are in the cache: the items come later in chain (hash) order, and working out each key there read its
   entry, its phrase and its word, each a miss (TABARI's set: a third of its load); a pass over the entries after
   reading them read them all again. An actor's or a verb's names: keys[actor_at[e] .. actor_at[e + 1]) (e
   counted from the file's first); agents', misc entries' and issues' from keys[agents], [misc], [issues]. */
typedef struct {
    dict_index_key *keys;
    size_t nkeys, capkeys;
    uint32_t *actor_at, *verb_at;
    uint32_t nactors, nverbs, agents, nagents, misc, nmisc, issues, nissues;
} name_keys;

/* Reading: a cursor over the mapped file. Any overrun or nonsense marks it bad; the reader then stops. */
typedef struct {
    const unsigned char *p, *end, *start;
    bool bad;
    bool skim;      /* reading set headers: phrases are skipped, their set indexes not checked yet */
    int set_base;   /* the dictionary's sets before this file: set indexes in phrases shift by it */
    const char **files;         /* the files origins name (dict_file's kept names), by their place in the file's table */
    uint32_t nfiles;
    const char *text;           /* the phrases' words (put_texts), each with its NUL: in the file, or a copy */
    const unsigned char *text_off;   /* text i is text + off[i], of off[i + 1] - off[i] - 1 bytes (u32s, in the file) */
    uint32_t ntexts;
    bool lend;                  /* the bytes outlive the dictionary: strings point into them */
    bool lend_arrays;           /* and lie in a bulk block of it (a mapped file): actors' codes and the needs' pool
                                   point into them too */
    pelem *elems;               /* every phrase's elements, from one block (dict_bulk) */
    size_t nelems, used_elems;
    char *room;                 /* the entries' arrays (names, codes, forms, patterns): bulk blocks too */
    size_t nroom;
    bool check_nul;             /* strings may hold a NUL (a file from elsewhere): look */
    name_keys nk;               /* the names' index keys, as they are read */
    index_item *items;          /* the index's items, in the file's order (get_index) */
    size_t nitems;              /* how many */
} dyc;

enum { DYC_BLOCK = 256 * 1024 };

/* Zeroed room for n bytes, 8-aligned, from the load's bulk blocks: one allocation for many arrays, freed
   with the dictionary (dict_bulk says what that asks of code that grows them later). */
static void *dyc_alloc(dict *d, dyc *r, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n > r->nroom) {
        r->nroom = n > DYC_BLOCK ? n : DYC_BLOCK;
        r->room = dict_bulk(d, r->nroom);
    }
    void *p = r->room;
    r->room += n;
    r->nroom -= n;
    return p;
}

static bool take(dyc *r, void *out, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) { r->bad = true; memset(out, 0, n); return false; }
    memcpy(out, r->p, n);
    r->p += n;
    return true;
}

/* put_pad's bytes, by the cursor's offset in the file. */
static void skip_pad(dyc *r, size_t align)
{
    size_t pad = (align - (size_t)(r->p - r->start) % align) % align;
    if ((size_t)(r->end - r->p) < pad) r->bad = true;
    else r->p += pad;
}

static uint32_t get_u32(dyc *r)
{
    uint32_t v = 0;
    take(r, &v, sizeof v);
    return v;
}

/* A u32 where a count checked before says the file holds it: read without a bounds check of its own. */
static inline uint32_t u32_at(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* A count of things that take at least `least` bytes each: never more than the file can hold (by a product,
   not a division: one a phrase). */
static int get_count(dyc *r, size_t least)
{
    uint32_t n = get_u32(r);
    if ((uint64_t)n * least > (size_t)(r->end - r->p) || n > INT32_MAX) { r->bad = true; return 0; }
    return (int)n;
}

static const char *get_str_n(dict *d, dyc *r, uint32_t *len)
{
    uint32_t n = get_u32(r);
    *len = 0;
    if (n == DYC_NULL || r->bad) return NULL;
    /* a NUL inside would make strlen disagree with the length: only a damaged file has one (the
       embedded image is this build's own) */
    if (n >= (size_t)(r->end - r->p) || r->p[n] || (r->check_nul && memchr(r->p, 0, n))) { r->bad = true; return NULL; }
    const char *s = r->lend ? (const char *)r->p : dict_str(d, (const char *)r->p, n);
    r->p += n + 1;
    *len = n;
    return s;
}

static const char *get_str(dict *d, dyc *r)
{
    uint32_t n;
    return get_str_n(d, r, &n);
}

/* Text i of the table (i < r->ntexts): its length from the offsets. */
static inline const char *text_at(const dyc *r, uint32_t i, uint32_t *len)
{
    uint32_t at, next;
    memcpy(&at, r->text_off + 4 * (size_t)i, 4);
    memcpy(&next, r->text_off + 4 * (size_t)i + 4, 4);
    *len = next - at - 1;
    return r->text + at;
}

/* put_text's string: text i of the table, or NULL. */
static const char *get_text(dyc *r)
{
    uint32_t t = get_u32(r), len;
    if (t < r->ntexts) return text_at(r, t, &len);
    if (t != DYC_NULL) r->bad = true;
    return NULL;
}

static void get_phrase(dict *d, dyc *r, phrase *p)
{
    p->n = get_count(r, DYC_ELEM);   /* so all its elements lie in the file: no bounds check an element */
    if (p->n && (size_t)p->n > r->nelems - r->used_elems) { r->bad = true; p->n = 0; }
    p->e = p->n ? r->elems + r->used_elems : NULL;
    r->used_elems += (size_t)p->n;
    const unsigned char *q = r->p;
    for (int i = 0; i < p->n; i++, q += DYC_ELEM) {
        /* made whole in registers, then stored at once: a bit field set in place would read the fresh page
           first (mapping the zero page), then fault again to write it */
        pelem e = {.kind = q[0], .adjacent = q[1] & 1, .mode = q[2] & 127};
        uint32_t set, t, n;
        memcpy(&set, q + 4, 4);
        memcpy(&t, q + 8, 4);
        if (t < r->ntexts) {
            e.word = text_at(r, t, &n);
            e.len = (uint16_t)(n < 65535 ? n : 65535);
        } else if (t != DYC_NULL) {
            r->bad = true;
        }
        e.set = (int)set + (e.kind == PE_SET ? r->set_base : 0);
        if (q[1] > 1 || q[2] > WM_FIXED) r->bad = true;   /* what pelem's bit fields would cut */
        if (e.kind == PE_WORD && !e.word) r->bad = true;
        if (e.kind == PE_SET && !r->skim && (e.set < 0 || e.set >= d->nsets)) r->bad = true;
        p->e[i] = e;
    }
    r->p = q;
}

/* The table of files origins name (put_origin's), as the dictionary keeps their names. */
static void get_files(dict *d, dyc *r)
{
    r->nfiles = (uint32_t)get_count(r, 5);
    r->files = xmalloc(((size_t)r->nfiles + 1) * sizeof *r->files);
    for (uint32_t i = 0; i < r->nfiles; i++) {
        const char *name = get_str(d, r);
        r->files[i] = name ? dict_file(d, name) : NULL;
        if (!name) r->bad = true;
    }
}

/* The bytes of s[0 .. n) that are zero, eight at a time: (x & 0x7F..) + 0x7F.. sets each byte's high bit
   unless its low bits are zero, or x sets it: what is left clear is a zero byte (no carry crosses bytes). */
static size_t count_zero_bytes(const unsigned char *s, size_t n)
{
    const uint64_t low7 = SWAR_ONES * 0x7F;
    size_t zeros = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = load8(s + i);
        uint64_t z = ~(((x & low7) + low7) | x | low7);   /* 0x80 in each zero byte */
        zeros += (size_t)((z >> 7) * SWAR_ONES >> 56);    /* their count, summed in the top byte */
    }
    for (; i < n; i++) zeros += !s[i];
    return zeros;
}

/* The table of the phrases' words (put_texts), checked once: offsets rising from 0 to the bytes' end, a NUL
   ending each text and no other NUL (with check_nul), so that each text's length is its strlen. */
static void get_texts(dict *d, dyc *r)
{
    uint32_t n = (uint32_t)get_count(r, 5);   /* an offset and a NUL a text, at least */
    const unsigned char *off = r->p;
    if (r->bad || (size_t)(r->end - r->p) / 4 < (size_t)n + 1) { r->bad = true; return; }
    r->p += 4 * ((size_t)n + 1);
    uint32_t at = 0, next;
    memcpy(&at, off, 4);
    bool good = at == 0;
    for (uint32_t i = 0; i < n && good; i++, at = next) {
        memcpy(&next, off + 4 * ((size_t)i + 1), 4);
        good = next > at && next <= (size_t)(r->end - r->p) && !r->p[next - 1];
    }
    const unsigned char *bytes = r->p;
    if (!good || (r->check_nul && count_zero_bytes(bytes, at) != n)) { r->bad = true; return; }
    r->p += at;
    r->text = r->lend ? (const char *)bytes : dict_str(d, (const char *)bytes, at);
    r->text_off = off;
    r->ntexts = n;
}

/* The index key of a name just read (its elements still in the cache); none once the file is bad (what
   get_phrase left may be half a phrase, and get_index reads no key then). */
static void add_name_key(dyc *r, const phrase *p)
{
    GROW(r->nk.keys, r->nk.capkeys, r->nk.nkeys);
    dict_index_key *k = &r->nk.keys[r->nk.nkeys++];
    *k = r->bad ? (dict_index_key){0} : dict_index_key_of(p);
}

static void free_name_keys(name_keys *nk)
{
    free(nk->keys), free(nk->actor_at), free(nk->verb_at);
    *nk = (name_keys){0};
}

/* An origin: its file's place in the table (DYC_NULL: none) and its line, with one bounds check. */
static origin get_origin(dyc *r)
{
    origin at = {NULL, 0};
    if (r->bad || (size_t)(r->end - r->p) < 8) { r->bad = true; return at; }
    uint32_t n = u32_at(r->p);
    at.line = (int)u32_at(r->p + 4);
    r->p += 8;
    if (n < r->nfiles) at.file = r->files[n];
    else if (n != DYC_NULL) r->bad = true;
    return at;
}

static void get_sets(dict *d, dyc *r)
{
    int n = get_count(r, 8);
    /* every set first (phrases may name later ones), then their alternatives */
    const unsigned char *at = r->p;
    for (int pass = 0; pass < 2 && !r->bad; pass++) {
        r->p = at;
        r->skim = !pass;
        for (int i = 0; i < n && !r->bad; i++) {
            const char *name = get_text(r);
            int na = get_count(r, 4);
            if (!pass) {
                GROW(d->sets, d->cap_sets, d->nsets);
                d->sets[d->nsets++] = (phrase_set){(char *)name, NULL, 0, 0};
            }
            phrase_set *s = &d->sets[r->set_base + i];
            for (int a = 0; a < na && !r->bad; a++) {
                phrase p = {0};
                size_t used = r->used_elems;
                get_phrase(d, r, &p);
                if (!pass) { r->used_elems = used; continue; }
                GROW(s->alts, s->cap, s->n);
                s->alts[s->n++] = p;
            }
        }
    }
}

/* An actor's n codes: in a mapped file, where they lie (TABARI's set: 1.7 MB that a copy wrote into fresh
   memory, page fault by page fault; nothing changes a loaded actor's codes, and dict_free leaves what lies in
   a bulk block); otherwise copied. A code that does not end in a NUL within its bytes marks the file bad. */
static dated_code *get_codes(dict *d, dyc *r, int n)
{
    skip_pad(r, _Alignof(dated_code));
    size_t bytes = (size_t)n * sizeof(dated_code);
    dated_code *c;
    if (r->lend_arrays && n && !r->bad && (size_t)(r->end - r->p) >= bytes &&
        (uintptr_t)r->p % _Alignof(dated_code) == 0) {
        c = (dated_code *)r->p;
        r->p += bytes;
    } else {
        c = dyc_alloc(d, r, bytes + sizeof *c);
        take(r, c, bytes);
    }
    for (int i = 0; i < n; i++)
        if (c[i].code[sizeof c[i].code - 1]) r->bad = true;
    return c;
}

static void get_actors(dict *d, dyc *r)
{
    int n = get_count(r, 16);
    if (n) GROW(d->actors, d->cap_actors, d->nactors + n - 1);   /* room for all at once */
    r->nk.actor_at = xmalloc(((size_t)n + 1) * sizeof *r->nk.actor_at);
    r->nk.actor_at[0] = 0;
    if (n) GROW(r->nk.keys, r->nk.capkeys, r->nk.nkeys + (size_t)n * 2);   /* most actors have a name or two */
    for (int i = 0; i < n && !r->bad; i++) {
        actor_entry a = {0};
        a.nnames = get_count(r, 4);
        a.names = dyc_alloc(d, r, ((size_t)a.nnames + 1) * sizeof *a.names);
        for (int k = 0; k < a.nnames; k++) get_phrase(d, r, &a.names[k]), add_name_key(r, &a.names[k]);
        a.ncodes = get_count(r, sizeof(dated_code));
        a.codes = get_codes(d, r, a.ncodes);
        a.at = get_origin(r);
        GROW(d->actors, d->cap_actors, d->nactors);
        d->actors[d->nactors++] = a;
        r->nk.actor_at[++r->nk.nactors] = (uint32_t)r->nk.nkeys;
    }
}

static void get_agents(dict *d, dyc *r)
{
    int n = get_count(r, 16);
    if (n) GROW(d->agents, d->cap_agents, d->nagents + n - 1);   /* room for all at once: no copy as they come */
    r->nk.agents = (uint32_t)r->nk.nkeys;
    for (int i = 0; i < n && !r->bad; i++) {
        agent_entry a = {0};
        get_phrase(d, r, &a.name);
        add_name_key(r, &a.name);
        r->nk.nagents++;
        take(r, a.code, sizeof a.code);
        a.code[sizeof a.code - 1] = 0;
        a.prefix = get_u32(r) != 0;
        a.at = get_origin(r);
        GROW(d->agents, d->cap_agents, d->nagents);
        d->agents[d->nagents++] = a;
    }
}

static void get_code(dyc *r, event_code *c)
{
    take(r, c, sizeof *c);
    c->code[sizeof c->code - 1] = c->code2[sizeof c->code2 - 1] = 0;
}

static void get_verbs(dict *d, dyc *r)
{
    int n = get_count(r, 16);
    if (n) GROW(d->verbs, d->cap_verbs, d->nverbs + n - 1);   /* room for all at once */
    r->nk.verb_at = xmalloc(((size_t)n + 1) * sizeof *r->nk.verb_at);
    r->nk.verb_at[0] = (uint32_t)r->nk.nkeys;
    for (int i = 0; i < n && !r->bad; i++) {
        verb_entry v = {0};
        v.nforms = get_count(r, 4);
        v.forms = dyc_alloc(d, r, ((size_t)v.nforms + 1) * sizeof *v.forms);
        for (int k = 0; k < v.nforms; k++) get_phrase(d, r, &v.forms[k]), add_name_key(r, &v.forms[k]);
        get_code(r, &v.code);
        v.npats = get_count(r, 16);
        v.pats = dyc_alloc(d, r, ((size_t)v.npats + 1) * sizeof *v.pats);
        for (int k = 0; k < v.npats && !r->bad; k++) {
            verb_pattern *vp = &v.pats[k];
            get_phrase(d, r, &vp->p);
            vp->verb_at = (int)get_u32(r);
            if (vp->verb_at < 0 || vp->verb_at >= vp->p.n) r->bad = true;
            get_code(r, &vp->code);
            vp->words = (int)get_u32(r);
            vp->text = (char *)get_text(r);
            vp->at = get_origin(r);
        }
        v.text = (char *)get_text(r);
        v.at = get_origin(r);
        GROW(d->verbs, d->cap_verbs, d->nverbs);
        d->verbs[d->nverbs++] = v;
        r->nk.verb_at[++r->nk.nverbs] = (uint32_t)r->nk.nkeys;
    }
}

static void get_misc(dict *d, dyc *r)
{
    int n = get_count(r, 16);
    if (n) GROW(d->misc, d->cap_misc, d->nmisc + n - 1);   /* room for all at once */
    r->nk.misc = (uint32_t)r->nk.nkeys;
    for (int i = 0; i < n && !r->bad; i++) {
        misc_entry m = {0};
        get_phrase(d, r, &m.name);
        add_name_key(r, &m.name);
        r->nk.nmisc++;
        get_code(r, &m.code);
        m.shift_days = (int)get_u32(r);
        m.story = get_u32(r) != 0;
        m.at = get_origin(r);
        GROW(d->misc, d->cap_misc, d->nmisc);
        d->misc[d->nmisc++] = m;
    }
    n = get_count(r, 12);
    r->nk.issues = (uint32_t)r->nk.nkeys;
    for (int i = 0; i < n && !r->bad; i++) {
        issue_entry e = {0};
        get_phrase(d, r, &e.name);
        add_name_key(r, &e.name);
        r->nk.nissues++;
        e.issue = (char *)get_text(r);
        e.at = get_origin(r);
        GROW(d->issues, d->cap_issues, d->nissues);
        d->issues[d->nissues++] = e;
    }
}

/* The key of name `name` of this file's entry e of `kind` (as item_phrase finds the phrase), or NULL when
   the file names no such entry or name (a damaged file). */
static const dict_index_key *name_key(const name_keys *nk, uint32_t kind, uint32_t e, uint32_t name)
{
    switch (kind) {
    case IX_ACTOR:
        return e < nk->nactors && name < nk->actor_at[e + 1] - nk->actor_at[e] ? &nk->keys[nk->actor_at[e] + name] : NULL;
    case IX_VERB:
        return e < nk->nverbs && name < nk->verb_at[e + 1] - nk->verb_at[e] ? &nk->keys[nk->verb_at[e] + name] : NULL;
    case IX_AGENT: return e < nk->nagents ? &nk->keys[nk->agents + e] : NULL;
    case IX_ISSUE: return e < nk->nissues ? &nk->keys[nk->issues + e] : NULL;
    default: return e < nk->nmisc ? &nk->keys[nk->misc + e] : NULL;
    }
}

/* The key of the item whose kind, entry and name lie at q, or NULL (a damaged file). */
static inline const dict_index_key *item_key(const name_keys *nk, const unsigned char *q)
{
    uint32_t kind = u32_at(q), name = u32_at(q + 8);
    return kind >= IX_ACTOR && kind <= IX_ISSUE && (int)name >= 0 ? name_key(nk, kind, u32_at(q + 4), name) : NULL;
}

/* The index items, in chain order; entries shift by what the dictionary held before this file. */
static void get_index(dict *d, dyc *r, const int base[IX_ISSUE + 1])
{
    int n = get_count(r, 12);
    if (r->bad) return;   /* the entries may be cut short: their keys are not all there */
    index_item *items = r->items = n ? dict_bulk(d, (size_t)n * sizeof *items) : NULL;
    r->nitems = (size_t)n;
    const unsigned char *q = r->p;   /* n items of 12 bytes: get_count saw them in the file */
    r->p += 12 * (size_t)n;
    /* the keys lie in entry order, the items come in chain (hash) order: each key read was a miss (1.4 MB of them
       for TABARI's set), a third of this function's time. The key AHEAD items on is found and asked for now, and
       kept in a ring until its item comes. */
    enum { AHEAD = 12, RING = 16 };
    const dict_index_key *ring[RING];
    for (int i = 0; i < AHEAD && i < n; i++) ring[i] = item_key(&r->nk, q + 12 * (size_t)i);
    for (int i = 0; i < n && !r->bad; i++, q += 12) {
        if (i + AHEAD < n) {
            const dict_index_key *f = ring[(i + AHEAD) % RING] = item_key(&r->nk, q + 12 * AHEAD);
            if (f) __builtin_prefetch(f);
        }
        uint32_t kind = u32_at(q), entry = u32_at(q + 4), name = u32_at(q + 8);
        const dict_index_key *k = ring[i % RING];
        if (!k) { r->bad = true; break; }
        if (k->word) dict_index_key_at(d, k, (int)kind, (int)entry + base[kind], (int)name, &items[i]);
    }
    free_name_keys(&r->nk);   /* now: what the load allocates next reuses their memory, not fresh pages */
}

/* n needs at r's cursor, checked: words below nwords, sets below nsets. */
static bool good_needs(const uint32_t *pool, size_t n, size_t nwords, int nsets)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t v = pool[i];
        if ((v & NEED_SET) ? (v & ~(uint32_t)NEED_SET) >= (uint32_t)nsets : v >= nwords) return false;
    }
    return true;
}

/* Count k of the counts at q (the file holds them: checked once), added to *at: never past the pool. */
static uint32_t nneed_at(dyc *r, const unsigned char *q, size_t k, size_t *at, size_t npool)
{
    uint32_t n = u32_at(q + 4 * k);
    if (n > npool - *at) { r->bad = true; return 0; }
    *at += n;
    return n;
}

/* put_prepared's part. `fresh`: the file was read into an empty dictionary, so what it says is the whole
   dictionary's and becomes d->words (as dict_prepare would make it); otherwise it is read past and
   dict_prepare works everything out later. */
static void get_prepared(dict *d, dyc *r, bool fresh)
{
    struct dict_words *w = xcalloc(1, sizeof *w);
    w->nverbs = d->nverbs;
    w->npats = count_patterns(d);
    uint32_t nw = (uint32_t)get_count(r, 13);
    w->e = xmalloc(((size_t)nw + 1) * sizeof *w->e);   /* every word's entry at once */
    w->cap = (size_t)nw + 1;
    /* each: its text's index, its mode, its hash and the older entry of its text (-1: none), as intern made them:
       entries of 13 bytes that get_count saw in the file. An older entry comes before (its chain ends); a hash is
       taken as written (a wrong one only hides its word, as a wrong letter would) */
    const unsigned char *q = r->p;
    r->p += 13 * (size_t)nw;
    for (uint32_t i = 0; i < nw && !r->bad; i++, q += 13) {
        uint32_t t = u32_at(q), len = 0;
        int32_t same = (int32_t)u32_at(q + 9);
        const char *word = t < r->ntexts ? text_at(r, t, &len) : NULL;
        if (!len || len >= 65535 || q[4] > WM_FIXED || same < -1 || same >= (int32_t)i) { r->bad = true; break; }
        w->e[i] = (wentry){word, word_head8(word, len), u32_at(q + 5), (uint16_t)len, q[4], same};
        if (len > w->longest) w->longest = len;
    }
    w->n = r->bad ? 0 : nw;
    if (get_u32(r) != fnv_probe()) r->bad = true;
    /* the table: a power of two of slots, each empty (-1) or an entry, one empty at least (a probe ends) */
    uint32_t nslots = (uint32_t)get_count(r, 4);
    skip_pad(r, _Alignof(int32_t));
    if (r->bad || nslots < 2 || (nslots & (nslots - 1)) || (size_t)(r->end - r->p) / 4 < nslots) {
        r->bad = true;
        nslots = 0;
    }
    const int32_t *slot = (const int32_t *)(uintptr_t)r->p;
    if (nslots && (!r->lend || (uintptr_t)slot % _Alignof(int32_t))) {   /* a copy, where the bytes do not last */
        int32_t *own = xmalloc(nslots * sizeof *own);
        memcpy(own, r->p, nslots * sizeof *own);
        slot = own;
    } else {
        w->slot_lent = true;
    }
    if (!good_slots(slot, nslots, (uint32_t)w->n)) r->bad = true;
    r->p += 4 * (size_t)nslots;
    w->slot = (int32_t *)(uintptr_t)slot;
    w->nslots = nslots;
    uint32_t npool = (uint32_t)get_count(r, 4);
    skip_pad(r, _Alignof(uint32_t));
    w->npool = w->cappool = npool;
    size_t bytes = (size_t)npool * sizeof *w->pool;
    if (r->lend_arrays && !r->bad && (size_t)(r->end - r->p) >= bytes && (uintptr_t)r->p % _Alignof(uint32_t) == 0) {
        w->pool = (uint32_t *)(uintptr_t)r->p;   /* in a mapped file, the pool is used where it lies (~350 KB for TABARI's set) */
        w->pool_lent = true;
        r->p += bytes;
    } else {
        w->pool = xmalloc(bytes + sizeof *w->pool);
        take(r, w->pool, bytes);
    }
    if (!r->bad && !good_needs(w->pool, npool, w->n, d->nsets)) r->bad = true;
    /* the pool's order: set alternatives, patterns, names (dict_prepare's); their counts are read where they lie */
    size_t at = 0, nalts = 0;
    for (int s = 0; s < d->nsets; s++) nalts += (size_t)d->sets[s].n;
    size_t nunits = (size_t)w->npats + d->nitems, from;
    const unsigned char *counts = r->p;
    if (r->bad || (size_t)(r->end - r->p) / 4 < nalts + nunits) r->bad = true, nalts = nunits = 0;
    else r->p += 4 * (nalts + nunits);
    w->set_alt = xmalloc(((size_t)d->nsets + 1) * sizeof *w->set_alt);
    w->alt_at = xmalloc((nalts + 1) * sizeof *w->alt_at);
    for (int s = 0, k = 0; s < d->nsets; s++) {
        w->set_alt[s] = (size_t)k;
        for (int a = 0; a < d->sets[s].n && (size_t)k < nalts; a++, k++) w->alt_at[k] = at, nneed_at(r, counts, (size_t)k, &at, npool);
    }
    w->set_alt[d->nsets] = nalts;
    w->alt_at[nalts] = at;
    w->nsets = d->nsets;
    w->nalts = nalts;
    alt_firsts(w, nalts);
    /* the patterns' and names' counts, all checked before any of them is set */
    from = at;
    const unsigned char *unit = counts + 4 * nalts;
    for (size_t u = 0; u < nunits; u++) nneed_at(r, unit, u, &at, npool);
    if (at != npool) r->bad = true;
    w->nitems = d->nitems;
    if (!fresh || r->bad) {
        dict_words_free(w);
        return;
    }
    size_t u = 0;
    for (int v = 0; v < d->nverbs; v++)
        for (int p = 0; p < d->verbs[v].npats; p++, u++) {
            verb_pattern *vp = &d->verbs[v].pats[p];
            uint32_t n = u32_at(unit + 4 * u);
            vp->nneed = (int)n, vp->need = n ? w->pool + from : NULL, from += n;
        }
    for (size_t b = 0; b < d->nbuckets; b++)
        for (index_item *it = d->buckets[b]; it && u < nunits; it = it->next, u++) {
            uint32_t n = u32_at(unit + 4 * u);
            it->nneed = (int)n, it->need = n ? w->pool + from : NULL, from += n;
        }
    prepare_first_needs(d, w, w->npats);
    dict_words_free(d->words);
    d->words = w;
}

/* The groups (dict_groups_write's part): into an empty dictionary, the file's, used where they lie; or, when the file
   has none or they cannot be lent (bytes that do not last, or out of line), built as a text load builds them. */
static void get_groups(dict *d, dyc *r, bool use)
{
    bool used = false;
    const unsigned char *p = r->bad ? NULL : dict_groups_read(d, r->p, r->end, (size_t)(r->p - r->start),
                                                              use ? r->items : NULL, r->nitems, r->lend, &used);
    if (!p) { r->bad = true; return; }
    r->p = p;
    if (use && !used) dict_group_index(d);
}

/* Slot x of a file's token texts names what a load of it has: an entry of the word table (at, or others[] with
   more) and an index group (first, count), a mode the table knows; an empty slot (len 0) names nothing. Checked so
   that tc_add_ids and tc_wslot_word never read past an array or a word: a text of more than sixteen bytes has its
   bytes past the slot's sixteen read from its word, whose length must be the slot's; a shorter one's word is not
   read (looking its length up too read the word table at random: ~40 % of the check). */
static bool good_wslot(const dict *d, const struct tc_texts *t, const tc_wslot *x)
{
    const struct dict_words *w = d->words;
    unsigned char more;
    memcpy(&more, (const char *)x + offsetof(tc_wslot, more), 1);   /* a bool's byte: any value a damaged file has */
    if (more > 1 || (!x->at && !x->count)) return false;
    if (x->count && (size_t)x->first + x->count > d->nitems) return false;
    if (!x->at) return x->len <= 16 || dict_group_item_len(d, x->first) == x->len;
    uint32_t id = x->at - 1;
    if (more) {
        if (id >= t->nothers) return false;
        id = t->others[id].id;
    } else if (id >= w->n || x->mode > WM_FIXED) {
        return false;
    }
    return x->len <= 16 || w->e[id].len == x->len;
}

/* The entries of texts of several modes: ids of the word table, known modes, each list ended (the last's last). */
static bool good_others(const struct dict_words *w, const tc_other *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char last;
        memcpy(&last, (const char *)&o[i] + offsetof(tc_other, last), 1);
        if (o[i].id >= w->n || o[i].mode > WM_FIXED || last > 1 || (i == n - 1 && !last)) return false;
    }
    return true;
}

/* put_token_texts' part: into a fresh dictionary whose bytes outlive it, checked and used where it lies (d->words's
   texts, which tc_texts_of hands every cache); otherwise read past (a cache works them out as before). */
static void get_token_texts(dict *d, dyc *r, bool use)
{
    _Static_assert(sizeof(tc_other) == 8, "put_token_texts writes an entry of several modes in 8 bytes");
    uint32_t head[6] = {0};
    take(r, head, 4);
    if (!head[0]) return;
    take(r, head + 1, sizeof head - 4);
    size_t nslots = head[1], lg = head[2], nbits = lg >= 6 && lg <= 31 ? ((size_t)1 << lg) / 64 : 0, nothers = head[5];
    skip_pad(r, 32);
    const unsigned char *at = r->p;
    size_t bytes = nslots * sizeof(tc_wslot) + nbits * 8 + nothers * sizeof(tc_other) + sizeof(word_starts);
    if (r->bad || !nbits || nslots < 2 || (nslots & (nslots - 1)) || nslots > (size_t)(r->end - r->p) / sizeof(tc_wslot) ||
        nothers > (size_t)(r->end - r->p) / 8 || bytes > (size_t)(r->end - r->p) || head[4] >= 65535) {
        r->bad = true;
        return;
    }
    r->p += bytes;
    size_t ngroups;
    if (!use || !r->lend || !d->words || !dict_group_slots(d, &ngroups) || (uintptr_t)at % 32) return;
    struct tc_texts *t = xcalloc(1, sizeof *t);
    *t = (struct tc_texts){.w = d->words, .groups = d->groups, .nitems = d->nitems, .wbits = (uint64_t *)(uintptr_t)(at + nslots * sizeof(tc_wslot)),
                           .wshift = 32 - (unsigned)lg, .wslot = (tc_wslot *)(uintptr_t)at, .nwslots = nslots, .ntexts = head[3],
                           .longest = head[4], .nothers = nothers, .lent = true};
    t->others = (tc_other *)(uintptr_t)(at + nslots * sizeof(tc_wslot) + nbits * 8);
    memcpy(&t->wstarts, (const unsigned char *)t->others + nothers * sizeof(tc_other), sizeof t->wstarts);
    bool good = good_others(d->words, t->others, nothers);
    size_t empty = 0;
    for (size_t s = 0; s < nslots && good; s++) {
        if (!t->wslot[s].len) empty++;
        else good = good_wslot(d, t, &t->wslot[s]);
    }
    if (!good || !empty) {   /* a probe would read a wrong word, or never meet an empty slot */
        tc_texts_free(t);
        r->bad = true;
        return;
    }
    tc_texts_free(d->words->texts);
    d->words->texts = t;
}

static int read_compiled(dict *d, const char *name, const void *data, size_t len, bool lend, bool check_nul,
                         bool in_bulk);

int dict_read_compiled(dict *d, const char *path)
{
    size_t len = 0;
    const void *data = dict_map_file(d, path, &len);
    if (!data) {
        /* dict_map_file's EINVAL: an empty file, which strerror would call an invalid argument */
        diag_error(d->dg, path, 0, "cannot read dictionary: %s", errno == EINVAL ? "the file is empty" : strerror(errno));
        return -1;
    }
    return read_compiled(d, path, data, len, true, true, true);
}

int dict_read_compiled_mapped(dict *d, const char *name, const void *data, size_t len)
{
    return read_compiled(d, name, data, len, true, true, true);
}

int dict_read_compiled_mem(dict *d, const char *name, const void *data, size_t len, bool lasting)
{
    /* bytes that do not last are a caller's file (checked); lasting ones are this build's own image */
    return read_compiled(d, name, data, len, lasting, !lasting, false);
}

/* lend: the bytes outlive the dictionary (strings point into them); check_nul: look for a NUL inside
   every string (a file from elsewhere; the embedded image is this build's own); in_bulk: the bytes lie in a
   bulk block of d (dict_map_file's), so that arrays too may point into them. */
static int read_compiled(dict *d, const char *name, const void *data, size_t len, bool lend, bool check_nul,
                         bool in_bulk)
{
    const char *path = name;
    dyc r = {.p = (const unsigned char *)data, .end = (const unsigned char *)data + len, .start = data,
             .set_base = d->nsets, .lend = lend, .lend_arrays = lend && in_bulk, .check_nul = check_nul};
    char magic[8];
    take(&r, magic, 8);
    code_options opt;
    long read[12], rejected;
    if (memcmp(magic, DYC_MAGIC, 8) != 0 || get_u32(&r) != sizeof(code_options) || get_u32(&r) != sizeof(event_code) ||
        get_u32(&r) != sizeof(dated_code)) {
        diag_error(d->dg, path, 0, "not a compiled dictionary of this dyad (dyad dict compile makes one)");
        return -1;
    }
    take(&r, &opt, sizeof opt);
    take(&r, read, sizeof read);
    take(&r, &rejected, sizeof rejected);
    uint64_t elems = 0;
    take(&r, &elems, sizeof elems);
    if (elems > (size_t)(r.end - r.p) / DYC_ELEM) r.bad = true;
    r.nelems = r.bad ? 0 : (size_t)elems;
    r.elems = r.nelems ? dict_bulk(d, r.nelems * sizeof *r.elems) : NULL;
    int base[IX_ISSUE + 1] = {0};
    /* into an empty dictionary, what the file says dict_prepare made is the whole dictionary's */
    bool fresh = !d->nactors && !d->nagents && !d->nverbs && !d->nmisc && !d->nissues && !d->nsets && !d->nitems;
    base[IX_ACTOR] = d->nactors; base[IX_AGENT] = d->nagents; base[IX_VERB] = d->nverbs;
    base[IX_NOUN] = base[IX_ADJ] = base[IX_TIME] = base[IX_DISCARD] = d->nmisc; base[IX_ISSUE] = d->nissues;
    get_files(d, &r);
    get_texts(d, &r);
    skip_pad(&r, DYC_ALIGN);
    get_sets(d, &r);
    get_actors(d, &r);
    get_agents(d, &r);
    get_verbs(d, &r);
    get_misc(d, &r);
    skip_pad(&r, DYC_ALIGN);
    get_index(d, &r, base);
    get_prepared(d, &r, fresh);
    get_groups(d, &r, fresh && !r.bad);
    get_token_texts(d, &r, fresh && !r.bad);
    free(r.files);
    free_name_keys(&r.nk);
    bool whole = r.p == r.end;
    if (r.bad || !whole) {
        diag_error(d->dg, path, 0, "compiled dictionary is damaged (compile it again)");
        return -1;
    }
    if (fresh) {   /* every array of the entries read came from bulk blocks (dyc_alloc, elems) or the file */
        d->bulk_actors = d->nactors, d->bulk_agents = d->nagents, d->bulk_verbs = d->nverbs;
        d->bulk_misc = d->nmisc, d->bulk_issues = d->nissues;
    }
    d->opt = opt;
    for (int i = 0; i < 12; i++) d->read[i] += read[i];
    d->rejected += rejected;
    return 0;
}

/* dict.c — the dictionary model: string arena, word index, phrase and code parsing, format dispatch. */
#include "dict/dict.h"
#include "base/embedded.h"
#include "dict/dict_read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- arena: dictionary strings live until dict_free ---- */

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    bool bulk;          /* a dict_bulk block: what lies in it is not freed piece by piece */
    char *map;          /* a file's bytes mapped for the dictionary's life (dict_map_file), in place of data[] */
    _Alignas(16) char data[];   /* arrays of structs live here too (dict_bulk) */
} chunk;

static inline const char *chunk_bytes(const chunk *c) { return c->map ? c->map : c->data; }

/* A new chunk for n bytes (8-aligned already), taken from at once. Arena chunks grow from 64 KB to 1 MB,
   so that a large dictionary has few of them (dict_free looks a pointer up among them). Nothing in a
   chunk is freed piece by piece: each is marked bulk. */
static void *arena_alloc_new(dict *d, size_t n)
{
    chunk *c = d->arena;
    size_t want = c && c->cap >= 65536 ? (c->cap < (1u << 20) ? c->cap * 2 : (size_t)1 << 20) : 65536;
    size_t cap = n > want ? n : want;
    chunk *nc = xmalloc(sizeof *nc + cap);
    nc->next = c;
    nc->used = n;
    nc->cap = cap;
    nc->bulk = true;
    nc->map = NULL;
    d->arena = nc;
    return nc->data;
}

static inline void *arena_alloc(dict *d, size_t n)
{
    chunk *c = d->arena;
    n = (n + 7) & ~(size_t)7;
    if (__builtin_expect(!c || c->used + n > c->cap, 0)) return arena_alloc_new(d, n);
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

/* Room for at most `max` bytes at the arena's end, to write a string of a length not known yet; then
   arena_commit says how many were used. */
static char *arena_room(dict *d, size_t max)
{
    chunk *c = d->arena;
    if (!c || c->used + max + 8 > c->cap) {
        arena_alloc(d, max + 8);   /* a chunk with room; give the bytes back */
        c = d->arena;
        c->used -= (max + 8 + 7) & ~(size_t)7;
    }
    return c->data + c->used;
}

static void arena_commit(dict *d, size_t n)
{
    chunk *c = d->arena;
    c->used += (n + 7) & ~(size_t)7;
}

void *dict_keep(dict *d, const void *p, size_t n)
{
    if (!n) return NULL;
    void *q = arena_alloc(d, n);
    memcpy(q, p, n);
    return q;
}

/* A full chunk, put behind the one arena_alloc fills. */
static void add_bulk(dict *d, chunk *c, size_t n)
{
    c->used = c->cap = n;   /* full: arena_alloc never adds to it */
    c->bulk = true;
    chunk *head = d->arena;
    if (head) c->next = head->next, head->next = c;
    else d->arena = c;
}

void *dict_bulk(dict *d, size_t n)
{
    chunk *c = xcalloc(1, sizeof *c + n);
    add_bulk(d, c, n);
    return c->data;
}

const void *dict_map_file(dict *d, const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    void *p = NULL;
    if (fstat(fd, &st) != 0) {
        /* errno says why */
    } else if (st.st_size == 0) {
        errno = EINVAL;   /* empty: nothing to read */
    } else {
        /* MAP_POPULATE: the loader reads every byte at once, so the pages are mapped in one go, not a fault each */
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p == MAP_FAILED) p = NULL;
    }
    int e = errno;
    close(fd);
    errno = e;
    if (!p) return NULL;
    chunk *c = xcalloc(1, sizeof *c);
    c->map = p;
    add_bulk(d, c, (size_t)st.st_size);
    *len = (size_t)st.st_size;
    return p;
}

/* The bulk blocks of a dictionary (arena chunks included), sorted, to tell what dict_free must leave
   to them by a binary search. */
typedef struct {
    const char *lo, *hi;
} bulk_range;

typedef struct {
    bulk_range *r;
    int n;
    int last, prev, prev2;   /* the ranges that held the pointers asked about last: the next one is mostly in one
                                of them (an entry's array in one block, its phrases' elements in another, an
                                actor's codes in a third: a mapped file's) */
} bulk_ranges;

static int range_cmp(const void *a, const void *b)
{
    const char *x = ((const bulk_range *)a)->lo, *y = ((const bulk_range *)b)->lo;
    return x < y ? -1 : x > y;
}

static bulk_ranges bulk_of(const dict *d)
{
    bulk_ranges r = {NULL, 0, 0, 0, 0};
    int n = 0;
    for (const chunk *c = d->arena; c; c = c->next) n += c->bulk;
    if (!n) return r;
    r.r = xmalloc((size_t)n * sizeof *r.r);
    for (const chunk *c = d->arena; c; c = c->next)
        if (c->bulk) r.r[r.n++] = (bulk_range){chunk_bytes(c), chunk_bytes(c) + c->cap};
    qsort(r.r, (size_t)r.n, sizeof *r.r, range_cmp);
    return r;
}

static bool in_bulk(bulk_ranges *r, const void *p)
{
    const char *q = p;
    if (q >= r->r[r->last].lo && q < r->r[r->last].hi) return true;
    if (q >= r->r[r->prev].lo && q < r->r[r->prev].hi) return true;
    if (q >= r->r[r->prev2].lo && q < r->r[r->prev2].hi) return true;
    int lo = 0, hi = r->n;   /* the last range starting at or before q is the only one that can hold it */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (r->r[mid].lo <= q) lo = mid + 1;
        else hi = mid;
    }
    if (lo > 0 && q < r->r[lo - 1].hi) { r->prev2 = r->prev; r->prev = r->last; r->last = lo - 1; return true; }
    return false;
}

bool dict_in_bulk(const dict *d, const void *p)
{
    for (const chunk *c = d->arena; c; c = c->next)
        if (c->bulk && (const char *)p >= chunk_bytes(c) && (const char *)p < chunk_bytes(c) + c->cap) return true;
    return false;
}

/* free(p) unless p lies in a bulk block. */
static void free_owned(bulk_ranges *r, void *p)
{
    if (!r->n || !in_bulk(r, p)) free(p);
}

const char *dict_str(dict *d, const char *s, size_t n)
{
    char *p = arena_alloc(d, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* A regular file read whole into a buffer of its size and DICT_LINES_PAD zero bytes (read() copies in the kernel;
   read_file's growing buffer copied it again and again); NULL with errno set, or when it is not a regular file
   (read_file then, which takes pipes too). */
static char *read_regular(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        size_t n = (size_t)st.st_size, got = 0;
        buf = xmalloc(n + DICT_LINES_PAD);
        for (;;) {
            ssize_t k = read(fd, buf + got, n - got);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) break;
            got += (size_t)k;
            if (got == n) break;
        }
        memset(buf + got, 0, DICT_LINES_PAD);
        *len = got;   /* a file cut short while read: what was there */
    } else {
        errno = 0;
    }
    int e = errno;
    close(fd);
    errno = e;
    return buf;
}

bool dict_read_lines(dict *d, const char *path, dict_lines *L)
{
    size_t len;
    memset(L, 0, sizeof *L);
    L->buf = read_regular(path, &len);
    if (!L->buf && !errno && (L->buf = read_file(path, &len))) {   /* a pipe: its text padded likewise */
        L->buf = xrealloc(L->buf, len + DICT_LINES_PAD);
        memset(L->buf + len, 0, DICT_LINES_PAD);
    }
    if (!L->buf) {
        diag_error(d->dg, path, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    dict_note_source(d, path, L->buf, len);
    /* room for lines of 24 bytes on average at once (TABARI's are ~27): GROW copies past that */
    int cap = (int)(len / 24 < 1u << 24 ? len / 24 : 1u << 24) + 16;
    L->line = xmalloc((size_t)cap * sizeof *L->line);
    char *s = L->buf, *end = L->buf + len;
    while (s < end) {
        char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e) e = end;
        *e = 0;
        if (e > s && e[-1] == '\r') e[-1] = 0;
        GROW(L->line, cap, L->n);
        L->line[L->n++] = s;
        s = e + 1;
    }
    return true;
}

void dict_free_lines(dict_lines *L)
{
    free(L->buf);
    free(L->line);
}

const char *dict_file(dict *d, const char *path)
{
    for (int i = 0; i < d->nfiles; i++)
        if (strcmp(d->files[i], path) == 0) return d->files[i];
    d->files = xrealloc(d->files, (size_t)(d->nfiles + 1) * sizeof *d->files);
    return d->files[d->nfiles++] = xstrdup(path);
}

void code_options_default(code_options *o)
{
    memset(o, 0, sizeof *o);
    o->code_by = CODE_BY_CLAUSE;
    /* TABARI's defaults for comma-delimited clauses: internal and final clauses of 2..10 words are
       dropped; initial ones are kept (BMIN > BMAX never fires). */
    o->comma_min = 2; o->comma_max = 10;
    o->comma_emin = 2; o->comma_emax = 10;
    o->comma_bmin = 255; o->comma_bmax = 0;
    o->min_words = 0;
    o->noactprior = true;
    o->forward = 1;   /* dyad never takes the source from after the verb unless told to */
}

dict *dict_new(diag *dg)
{
    dict *d = xcalloc(1, sizeof *d);
    d->dg = dg;
    d->nbuckets = 1 << 14;
    d->buckets = xcalloc(d->nbuckets, sizeof *d->buckets);
    d->bucket_last = xzeroed(d->nbuckets, sizeof *d->bucket_last);   /* read, then written: a fault a page */
    code_options_default(&d->opt);
    return d;
}

static void phrase_free(bulk_ranges *r, phrase *p) { free_owned(r, p->e); }

struct dict_groups;
static void dict_groups_free(struct dict_groups *g);

void dict_free(dict *d)
{
    if (!d) return;
    bulk_ranges bulk = bulk_of(d);
    /* the entries below d->bulk_*: nothing of theirs to free but the blocks */
    for (int i = d->bulk_actors; i < d->nactors; i++) {
        for (int j = 0; j < d->actors[i].nnames; j++) phrase_free(&bulk, &d->actors[i].names[j]);
        free_owned(&bulk, d->actors[i].names);
        free_owned(&bulk, d->actors[i].codes);
    }
    for (int i = d->bulk_agents; i < d->nagents; i++) phrase_free(&bulk, &d->agents[i].name);
    for (int i = d->bulk_verbs; i < d->nverbs; i++) {
        verb_entry *v = &d->verbs[i];
        for (int j = 0; j < v->nforms; j++) phrase_free(&bulk, &v->forms[j]);
        for (int j = 0; j < v->npats; j++) phrase_free(&bulk, &v->pats[j].p);
        free_owned(&bulk, v->forms);
        free_owned(&bulk, v->pats);
    }
    for (int i = d->bulk_misc; i < d->nmisc; i++) phrase_free(&bulk, &d->misc[i].name);
    for (int i = d->bulk_issues; i < d->nissues; i++) phrase_free(&bulk, &d->issues[i].name);
    for (int i = 0; i < d->nsets; i++) {
        for (int j = 0; j < d->sets[i].n; j++) phrase_free(&bulk, &d->sets[i].alts[j]);
        free(d->sets[i].alts);
    }
    free(d->actors); free(d->agents); free(d->verbs); free(d->misc); free(d->issues); free(d->sets);
    /* index items all lie in the arena or in bulk blocks (dict_index_at): nothing to walk */
    free(bulk.r);
    free(d->buckets);
    free(d->bucket_last);
    free(d->word_bits);
    dict_groups_free(d->groups);
    dict_words_free(d->words);
    for (int i = 0; i < d->nfiles; i++) free(d->files[i]);
    free(d->files);
    for (chunk *c = d->arena; c;) {
        chunk *n = c->next;
        if (c->map) munmap(c->map, c->cap);
        free(c);
        c = n;
    }
    free(d);
}

void dict_reject(dict *d, const char *file, int line, const char *fmt, ...)
{
    d->rejected++;
    if (!d->dg || !d->dg->out) { if (d->dg) d->dg->warnings++; return; }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (d->strict) diag_error(d->dg, file, line, "%s", msg);
    else diag_warn(d->dg, file, line, "%s (entry skipped)", msg);
}

/* ---- the word index ---- */

/* d->word_bits: 2^19 bits (64 KB), under 1 in 10 set by TABARI's ~45,000 first words. The bit of a hash is
   its top bits (its low bits pick the bucket). */
enum { DICT_WORD_BITS_LG = 19 };
static inline uint64_t word_bit_at(uint64_t h) { return h >> (64 - DICT_WORD_BITS_LG); }

void dict_index(dict *d, const phrase *p, int kind, int entry, int name)
{
    dict_index_at(d, p, kind, entry, name, NULL);
}

dict_index_key dict_index_key_of(const phrase *p)
{
    /* phrases are found through their first word; one with none cannot be indexed */
    const pelem *first = NULL;
    for (int i = 0; i < p->n && !first; i++)
        if (p->e[i].kind == PE_WORD) first = &p->e[i];
    if (!first) return (dict_index_key){0};
    /* an element's len is capped at 65535: only a longer word is measured */
    dict_index_key k = {.word = first->word, .len = first->len < 65535 ? first->len : (uint32_t)strlen(first->word),
                        .mode = first->mode, .shape = SHAPE_ONE_WORD};
    for (int i = 0; i < p->n; i++)
        if (p->e[i].kind != PE_WORD) k.shape = SHAPE_NOT_WORDS;
    if (k.shape != SHAPE_NOT_WORDS && p->n > 1) k.shape = SHAPE_WORDS;
    k.hash = hash_bytes(k.word, k.len);
    return k;
}

void dict_index_at(dict *d, const phrase *p, int kind, int entry, int name, index_item *mem)
{
    dict_index_key k = dict_index_key_of(p);
    if (k.word) dict_index_key_at(d, &k, kind, entry, name, mem);
}

void dict_index_key_at(dict *d, const dict_index_key *k, int kind, int entry, int name, index_item *mem)
{
    index_item *it = mem ? mem : arena_alloc(d, sizeof *it);
    it->word = k->word;
    it->len = k->len;
    it->need = NULL;   /* needs nothing until dict_prepare says otherwise */
    it->nneed = 0;
    it->mode = k->mode;
    it->hash = (uint32_t)k->hash;
    it->kind = (uint8_t)kind;
    it->shape = k->shape;
    it->entry = entry;
    it->name = name;
    uint64_t h = k->hash;
    size_t b = h & (d->nbuckets - 1);
    if (!d->word_bits) d->word_bits = xcalloc(((size_t)1 << DICT_WORD_BITS_LG) / 64, sizeof *d->word_bits);
    d->word_bits[word_bit_at(h) / 64] |= (uint64_t)1 << (word_bit_at(h) % 64);
    /* append, so that lookups see entries in file order (TABARI's set files 300 names under "THE": walking
       the chain for each was a sixth of loading it) */
    it->next = NULL;
    if (d->bucket_last[b]) d->bucket_last[b]->next = it;
    else d->buckets[b] = it;
    d->bucket_last[b] = it;
    d->nitems++;
    if (k->len > d->longest_stem) d->longest_stem = k->len;
}

/* dict_group_index's groups, one a word, in an open-addressed table by hash (slot[hash & mask], then the next; a
   count of 0 is an empty slot): a lookup reads the word's group where it reads its slot, not a bucket's range first
   (another line, read before it, for each prefix of a new token that may be a word). A group's items, in chain
   order, item[group.first .. group.first + group.count). No pointer: a compiled file carries the table, used where
   it lies (dict_groups_read); a word of more than eight bytes is compared past its head in its first item's word. */
typedef struct {
    uint64_t head;       /* its first eight bytes, zero-padded (word_head8): a word of eight or fewer is compared
                            here, without reading its bytes (a miss of their own for each word looked up) */
    uint64_t zero;       /* (0: the group stays 32 bytes, and the file's bytes the same from compile to compile) */
    uint32_t hash;       /* hash_bytes of the word, its low half (which picks the slot): most other words differ in it */
    uint32_t len, first;
    unsigned count : 24; /* (a word filing more items is not grouped) */
    unsigned modes : 8;  /* a bit (1 << mode) per match mode of its items: dict_lookup_starting passes over a word none
                            of whose modes ends at the token, without reading its items */
} word_group;
_Static_assert(WM_FIXED < 8, "word_group.modes holds a bit per match mode");
_Static_assert(sizeof(word_group) == 32, "a group is read by one probe: two in a cache line, none across two");
enum { GROUP_MAX_ITEMS = (1 << 24) - 1 };


struct dict_groups {
    size_t nitems;       /* d->nitems when built: current while it is */
    word_group *slot;    /* in slot_mem, on a 64-byte boundary */
    void *slot_mem;
    size_t mask, ngroups;
    uint64_t *bits;      /* a bit per group's hash (group_bit): d->word_bits sized for this index, 8 bits or more a */
    unsigned shift;      /* word, so that a small one's bits stay in the cache (the built-in dictionary: 8 KB, not 64) */
    const index_item **item;
    word_starts starts;  /* of the groups' words: lookup_each skips a word none of them begins */
    bool lent;           /* slot and bits lie in a compiled file (dict_groups_read): not freed */
};

/* The bit of a word's hash in g->bits: top bits of the hash's low half after a multiply (its low bits pick slots). */
static inline size_t group_bit(const struct dict_groups *g, uint64_t h)
{
    return (uint32_t)((uint32_t)h * 0x9E3779B1u) >> g->shift;
}

static void dict_groups_free(struct dict_groups *g)
{
    if (!g) return;
    if (!g->lent) free(g->slot_mem), free(g->bits);
    free(g->item), free(g);
}

void dict_group_index(dict *d)
{
    dict_groups_free(d->groups);
    struct dict_groups *g = xcalloc(1, sizeof *g);
    g->nitems = d->nitems;
    uint32_t *at = xmalloc((d->nbuckets + 1) * sizeof *at);   /* bucket b's groups: group[at[b] .. at[b + 1]) */
    word_group *group = xmalloc((d->nitems ? d->nitems : 1) * sizeof *group);
    const char **word = xmalloc((d->nitems ? d->nitems : 1) * sizeof *word);   /* group j's word, while building */
    g->item = xmalloc((d->nitems ? d->nitems : 1) * sizeof *g->item);
    uint32_t *of = xmalloc((d->nitems ? d->nitems : 1) * sizeof *of);   /* each item's group, in walk order */
    size_t ng = 0, k = 0;
    bool fits = true;   /* no word files more than GROUP_MAX_ITEMS items */
    for (size_t b = 0; b < d->nbuckets; b++) {
        at[b] = (uint32_t)ng;
        for (const index_item *it = d->buckets[b]; it; it = it->next, k++) {
            const uint64_t head = word_head8(it->word, it->len);
            size_t j = at[b];
            /* the same word: the same length and first eight bytes, and the same bytes after them */
            while (j < ng && !(group[j].len == it->len && group[j].head == head &&
                               (it->len <= 8 || dict_same_bytes(word[j] + 8, it->word + 8, it->len - 8))))
                j++;
            if (j == ng) {
                word[ng] = it->word;
                group[ng++] = (word_group){.head = head, .hash = it->hash, .len = it->len};
                char first[8];   /* the word's first bytes, from its head */
                memcpy(first, &head, sizeof first);
                word_starts_add(&g->starts, first, it->len);
            }
            if (group[j].count == GROUP_MAX_ITEMS) fits = false;
            else group[j].count++;
            group[j].modes |= (uint8_t)(1u << it->mode);
            of[k] = (uint32_t)j;
        }
    }
    free(word);
    if (!fits) {   /* lookups walk the buckets */
        free(of), free(group), free(at), free(g->item), free(g);
        d->groups = NULL;
        return;
    }
    /* the table at most half full: an absent word (a prefix whose word_bits bit another word set) meets an
       empty slot within a probe or two; on a 64-byte boundary, so that no group lies across two lines */
    size_t nslots = 64;
    while (nslots < 2 * ng) nslots *= 2;
    g->mask = nslots - 1;
    g->ngroups = ng;
    g->slot_mem = xzeroed(nslots + 2, sizeof *g->slot);   /* probed, then written: each page faults once */
    g->slot = (word_group *)(((uintptr_t)g->slot_mem + 63) & ~(uintptr_t)63);
    unsigned lg = 9;
    while (lg < 31 && ((size_t)1 << lg) < 8 * ng) lg++;
    g->shift = 32 - lg;
    g->bits = xcalloc(((size_t)1 << lg) / 64, sizeof *g->bits);
    uint32_t *where = xmalloc((ng ? ng : 1) * sizeof *where);   /* group j's slot */
    for (size_t j = 0, first = 0; j < ng; j++) {   /* each group's place in item[] and in the table */
        group[j].first = (uint32_t)first;
        first += group[j].count;
        size_t s = group[j].hash & g->mask;
        while (g->slot[s].count) s = (s + 1) & g->mask;
        g->slot[s] = group[j];
        where[j] = (uint32_t)s;
        const size_t bit = group_bit(g, group[j].hash);
        g->bits[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
    for (size_t j = 0; j < ng; j++) g->slot[where[j]].count = 0;   /* counted again as it is filled */
    k = 0;
    for (size_t b = 0; b < d->nbuckets; b++)
        for (const index_item *it = d->buckets[b]; it; it = it->next, k++) {
            word_group *w = &g->slot[where[of[k]]];
            g->item[w->first + w->count++] = it;
        }
    free(of), free(where), free(group), free(at);
    d->groups = g;
}

/* Can an item of this mode match a token longer than its word? */
static inline bool goes_on(int mode) { return mode == WM_STEM || mode == WM_NOUN || mode == WM_VERB; }

/* Where dict_lookup_starting looks: a token of tn bytes (possessive poss), of which the word looked up is the first n. */
typedef struct {
    size_t tn;
    bool poss;
} start_at;

/* dict_lookup's walk for a word of n bytes; inline, so that dict_lookup_append's sink is no call per item. With
   `at` (dict_lookup_starting), a word's group whose modes cannot end at the token is passed over. */
static inline __attribute__((always_inline)) void lookup_each(const dict *d, const char *word, size_t n,
                                                              bool (*fn)(const index_item *it, void *ctx), void *ctx,
                                                              const start_at *at, size_t shortest)
{
    size_t max = n < d->longest_stem ? n : d->longest_stem;
    const struct dict_groups *groups = d->groups && d->groups->nitems == d->nitems ? d->groups : NULL;
    if (groups && n && !word_starts_may(&groups->starts, word, n)) return;   /* no index word begins so */
    /* The hash of every prefix in one pass (FNV-1a, as hash_bytes: the same buckets), so that probing
       each length does not hash the token again and again. Longer words probe from scratch. */
    uint64_t hs[64];
    uint64_t h = 1469598103934665603ULL;
    const uint64_t whead = word_head8(word, n);   /* the groups' heads are compared with its prefixes' */
    for (size_t i = 0; i < max && i < 64; i++) { h ^= (unsigned char)word[i]; h *= 1099511628211ULL; hs[i] = h; }
    /* Every prefix of the token may be a stem in the dictionary: probe each length. */
    for (size_t len = max; len >= shortest; len--) {
        uint64_t hl = len <= 64 ? hs[len - 1] : hash_bytes(word, len);
        if (groups ? !(groups->bits[group_bit(groups, hl) / 64] >> (group_bit(groups, hl) % 64) & 1)
                   : !(d->word_bits[word_bit_at(hl) / 64] >> (word_bit_at(hl) % 64) & 1))
            continue;   /* no phrase starts so */
        if (groups) {   /* the word's group, if any: its items in the order the bucket has them */
            for (size_t j = hl & groups->mask; groups->slot[j].count; j = (j + 1) & groups->mask) {
                const word_group *w = &groups->slot[j];
                if (w->hash != (uint32_t)hl || w->len != len || w->head != word_head_prefix(whead, len) ||
                    (len > 8 && !dict_same_bytes(groups->item[w->first]->word + 8, word + 8, len - 8)))
                    continue;
                if (at && !dict_modes_may_end(w->modes, word, len, at->tn, at->poss)) break;   /* none of its items starts here */
                for (uint32_t q = w->first; q < w->first + w->count; q++) {
                    const index_item *it = groups->item[q];
                    if (len < n && !goes_on(it->mode)) continue;
                    if (!fn(it, ctx)) return;
                }
                break;   /* one group a word */
            }
            continue;
        }
        for (const index_item *it = d->buckets[hl & (d->nbuckets - 1)]; it; it = it->next) {
            if (it->len != len || !dict_same_bytes(it->word, word, len)) continue;
            if (len < n && !goes_on(it->mode)) continue;
            if (!fn(it, ctx)) return;
        }
    }
}

void dict_lookup(const dict *d, const char *word, bool (*fn)(const index_item *it, void *ctx), void *ctx)
{
    if (!d->word_bits) return;   /* nothing indexed */
    lookup_each(d, word, strlen(word), fn, ctx, NULL, 1);
}

void dict_lookup_longer(const dict *d, const char *word, size_t shorter, bool (*fn)(const index_item *it, void *ctx),
                        void *ctx)
{
    if (!d->word_bits) return;
    lookup_each(d, word, strlen(word), fn, ctx, NULL, shorter + 1);
}

typedef struct {
    const index_item **items;
    size_t n, cap;
} item_sink;

static inline bool append_item(const index_item *it, void *ctx)
{
    item_sink *s = ctx;
    if (s->n >= s->cap) GROW(s->items, s->cap, s->n);
    s->items[s->n++] = it;
    return true;
}

void dict_lookup_append(const dict *d, const char *word, size_t n, const index_item ***items, size_t *count, size_t *cap)
{
    if (!d->word_bits) return;
    item_sink s = {*items, *count, *cap};
    lookup_each(d, word, n, append_item, &s, NULL, 1);
    *items = s.items, *count = s.n, *cap = s.cap;
}

void dict_lookup_starting(const dict *d, const char *word, size_t n, size_t tn, bool poss, const index_item ***items,
                          size_t *count, size_t *cap)
{
    if (!d->word_bits) return;
    item_sink s = {*items, *count, *cap};
    const start_at at = {tn, poss};
    lookup_each(d, word, n, append_item, &s, &at, 1);
    *items = s.items, *count = s.n, *cap = s.cap;
}

/* The grouped index's table, slot by slot, for a caller that keeps its words in a table of its own (the token
   cache's: one probe a prefix finds both its word ids and its group). */
size_t dict_group_slots(const dict *d, size_t *ngroups)
{
    const struct dict_groups *g = d->groups && d->groups->nitems == d->nitems ? d->groups : NULL;
    *ngroups = g ? g->ngroups : 0;
    return g ? g->mask + 1 : 0;
}

bool dict_group_at(const dict *d, size_t j, dict_group_view *g)
{
    const word_group *w = &d->groups->slot[j];
    if (!w->count) return false;
    *g = (dict_group_view){d->groups->item[w->first]->word, w->head, w->len, w->first, w->count, w->modes};
    return true;
}

/* An item and its place in the index's chain order (dict_groups_write). */
typedef struct {
    const index_item *it;
    uint32_t at;
} placed;

static int placed_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const placed *)a)->it, y = (uintptr_t)((const placed *)b)->it;
    return x < y ? -1 : x > y;
}

/* The groups as a compiled file carries them (put at b's end, which is their offset in the file): 0 when they are not
   current (a load then builds them, dict_group_index); else 1, the slots' count, the groups', the bits' lg and
   the items', then (64-aligned in the file) the slots, the bits, each item's place in the index (chain order: the
   file's order of items) by group, and the starts. */
void dict_groups_write(const dict *d, strbuf *b)
{
    const struct dict_groups *g = d->groups && d->groups->nitems == d->nitems ? d->groups : NULL;
    uint32_t none = 0;
    if (!g) { sb_add(b, (const char *)&none, 4); return; }
    /* each item's place in chain order, found by its address: the pairs sorted by address */
    placed *p = xmalloc((d->nitems + 1) * sizeof *p);
    size_t n = 0;
    for (size_t k = 0; k < d->nbuckets; k++)
        for (const index_item *it = d->buckets[k]; it && n < d->nitems; it = it->next, n++) p[n] = (placed){it, (uint32_t)n};
    qsort(p, n, sizeof *p, placed_cmp);
    unsigned lg = 32 - g->shift;
    uint32_t head[5] = {1, (uint32_t)(g->mask + 1), (uint32_t)g->ngroups, lg, (uint32_t)n};
    sb_add(b, (const char *)head, sizeof head);
    while (b->len % 64) sb_add(b, "", 1);
    sb_add(b, (const char *)g->slot, (g->mask + 1) * sizeof *g->slot);
    sb_add(b, (const char *)g->bits, ((size_t)1 << lg) / 64 * sizeof *g->bits);
    for (size_t q = 0; q < n; q++) {
        size_t lo = 0, hi = n;   /* the pair of item q's address */
        while (lo + 1 < hi) {
            size_t mid = (lo + hi) / 2;
            if ((uintptr_t)p[mid].it <= (uintptr_t)g->item[q]) lo = mid;
            else hi = mid;
        }
        sb_add(b, (const char *)&p[lo].at, 4);
    }
    sb_add(b, (const char *)&g->starts, sizeof g->starts);
    free(p);
}

/* dict_groups_write's part at p (before end, at offset `off` in the file): when `items` (the file's n items, in chain
   order, read into an empty dictionary) and the bytes last (`lend`), the groups are d's, their slots and bits used
   where they lie; checked so that a lookup never reads past an item's word or the items, and its probe ends. The
   cursor after them, or NULL (a damaged file). *used: whether d has them (else dict_group_index builds them). */
const unsigned char *dict_groups_read(dict *d, const unsigned char *p, const unsigned char *end, size_t off,
                                      const index_item *items, size_t n, bool lend, bool *used)
{
    *used = false;
    uint32_t head[5];
    if (end - p < 4) return NULL;
    memcpy(head, p, 4);
    if (!head[0]) return p + 4;
    if (end - p < 20) return NULL;
    memcpy(head, p, sizeof head);
    p += sizeof head, off += sizeof head;
    size_t pad = (64 - off % 64) % 64, nslots = head[1], lg = head[3], nitems = head[4];
    size_t nbits = lg >= 9 && lg <= 31 ? ((size_t)1 << lg) / 64 : 0;
    if (!nbits || nslots < 64 || (nslots & (nslots - 1)) || (size_t)(end - p) < pad) return NULL;
    p += pad;
    size_t left = (size_t)(end - p);
    if (nslots > left / sizeof(word_group) || nitems > left / 4 ||
        nslots * sizeof(word_group) + nbits * 8 + nitems * 4 + sizeof(word_starts) > left)
        return NULL;
    const unsigned char *slots = p, *bits = p + nslots * sizeof(word_group), *at = bits + nbits * 8;
    const unsigned char *starts = at + nitems * 4;
    const unsigned char *after = starts + sizeof(word_starts);
    if (!items || nitems != n || n != d->nitems || !lend || (uintptr_t)slots % 64) return after;
    struct dict_groups *g = xcalloc(1, sizeof *g);
    *g = (struct dict_groups){.nitems = n, .slot = (word_group *)(uintptr_t)slots, .mask = nslots - 1, .ngroups = head[2],
                              .bits = (uint64_t *)(uintptr_t)bits, .shift = 32 - (unsigned)lg, .lent = true};
    g->item = xmalloc((n ? n : 1) * sizeof *g->item);
    bool good = true;
    for (size_t q = 0; q < n && good; q++) {
        uint32_t i;
        memcpy(&i, at + 4 * q, 4);
        good = i < n;
        g->item[q] = items + (good ? i : 0);
    }
    memcpy(&g->starts, starts, sizeof g->starts);
    size_t empty = 0;
    for (size_t s = 0; s < nslots && good; s++) {
        const word_group *w = &g->slot[s];
        if (!w->count) { empty++; continue; }
        good = (size_t)w->first + w->count <= n && (w->len <= 8 || g->item[w->first]->len == w->len);
    }
    if (!good || !empty) { dict_groups_free(g); return NULL; }
    dict_groups_free(d->groups);
    d->groups = g;
    *used = true;
    return after;
}

bool dict_groups_same_built(dict *d)
{
    struct dict_groups *lent = d->groups;
    if (!lent || !lent->lent) return false;
    d->groups = NULL;
    dict_group_index(d);
    struct dict_groups *built = d->groups;
    bool same = built && built->mask == lent->mask && built->ngroups == lent->ngroups && built->shift == lent->shift &&
                built->nitems == lent->nitems &&
                !memcmp(built->slot, lent->slot, (built->mask + 1) * sizeof *built->slot) &&
                !memcmp(built->bits, lent->bits, ((size_t)1 << (32 - built->shift)) / 64 * sizeof *built->bits) &&
                !memcmp(built->item, lent->item, built->nitems * sizeof *built->item) &&
                !memcmp(&built->starts, &lent->starts, sizeof built->starts);
    dict_groups_free(built);
    d->groups = lent;
    return same;
}

const char *dict_group_item_word(const dict *d, uint32_t first)
{
    return d->groups->item[first]->word;
}

uint32_t dict_group_item_len(const dict *d, uint32_t first)
{
    return d->groups->item[first]->len;
}

void dict_group_starting(const dict *d, uint32_t first, uint32_t count, size_t len, size_t n, const index_item ***items,
                         size_t *ni, size_t *cap)
{
    const struct dict_groups *groups = d->groups;
    item_sink s = {*items, *ni, *cap};
    for (uint32_t q = first; q < first + count; q++) {
        const index_item *it = groups->item[q];
        if (len < n && !goes_on(it->mode)) continue;
        append_item(it, &s);
    }
    *items = s.items, *ni = s.n, *cap = s.cap;
}

bool word_matches_n(const char *dw, size_t dn, int mode, const char *tok, size_t tn, bool poss)
{
    if (tn < dn || !dict_same_bytes(tok, dw, dn)) return false;   /* short words: no memcmp call */
    return dict_ending_matches(dw, dn, mode, tok + dn, tn - dn, poss);
}

bool word_matches(const char *dw, int mode, const char *tok, bool poss)
{
    return word_matches_n(dw, strlen(dw), mode, tok, strlen(tok), poss);
}

/* ---- phrases ---- */

/* The elements of the runs being parsed, innermost last: a run's elements are e[base..n). A finished
   run is copied out whole (exactly its size), so nothing is grown element by element. */
typedef struct {
    pelem *e;
    int n, cap;
    pelem local[32];
} elem_stack;

static inline void push_elem(elem_stack *st, pelem e)
{
    if (__builtin_expect(st->n >= st->cap, 0)) {
        int cap = st->cap * 2;
        pelem *ne = xmalloc((size_t)cap * sizeof *ne);
        memcpy(ne, st->e, (size_t)st->n * sizeof *ne);
        if (st->e != st->local) free(st->e);
        st->e = ne;
        st->cap = cap;
    }
    st->e[st->n++] = e;
}

/* The run e[base..n) as a phrase: in the arena when `kept` (lives until dict_free, never freed or
   grown), else its own allocation (the caller's to free). The stack drops the run. */
static phrase take_run(dict *d, elem_stack *st, int base, bool kept)
{
    phrase p = {NULL, st->n - base};
    size_t bytes = (size_t)p.n * sizeof *p.e;
    if (p.n) {
        p.e = kept ? arena_alloc(d, bytes) : xmalloc(bytes);
        for (int i = 0; i < p.n; i++) p.e[i] = st->e[base + i];   /* a few elements: no memcpy call */
    }
    st->n = base;
    return p;
}

int dict_synset(dict *d, const char *name)
{
    for (int i = 0; i < d->nsets; i++)
        if (d->sets[i].name && strcmp(d->sets[i].name, name) == 0) return i;
    GROW(d->sets, d->cap_sets, d->nsets);
    phrase_set *s = &d->sets[d->nsets];
    memset(s, 0, sizeof *s);
    s->name = (char *)dict_str(d, name, strlen(name));
    return d->nsets++;
}

static int new_group(dict *d)
{
    GROW(d->sets, d->cap_sets, d->nsets);
    memset(&d->sets[d->nsets], 0, sizeof d->sets[0]);
    return d->nsets++;
}

static void set_add(phrase_set *s, phrase p)
{
    if (s->n >= s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4;
        s->alts = xrealloc(s->alts, (size_t)s->cap * sizeof *s->alts);
    }
    s->alts[s->n++] = p;
}

/* What ends a literal word, by bit: always (white space, '_'); inside a group ('|', '}'); in a pattern
   ('{', '&'). One table look a byte instead of seven comparisons. */
enum { STOP_ALWAYS = 1, STOP_GROUP = 2, STOP_PATTERN = 4 };
/* Each byte's upper-case form (low 8 bits) and its stop bits (above), so that the word loop makes one
   table look a byte for both. */
#define WC_STOP(c) ((c) == ' ' || (c) == '\t' || (c) == '_' ? STOP_ALWAYS : (c) == '|' || (c) == '}' ? STOP_GROUP \
                    : (c) == '{' || (c) == '&' ? STOP_PATTERN : 0)
#define WC(c) (uint16_t)(((c) >= 'a' && (c) <= 'z' ? (c) - 32 : (c)) | WC_STOP(c) << 8)
#define WC4(c) WC(c), WC(c + 1), WC(c + 2), WC(c + 3)
#define WC16(c) WC4(c), WC4(c + 4), WC4(c + 8), WC4(c + 12)
#define WC64(c) WC16(c), WC16(c + 16), WC16(c + 32), WC16(c + 48)
static const uint16_t word_char[256] = {WC64(0), WC64(64), WC64(128), WC64(192)};

/* Parses one run of the phrase grammar onto the stack; stops at '|' or '}' when inside a group. */
/* { } groups nest this deep at most: real patterns use one level; a deeper one is an error, not a
   stack overflow. */
#define MAX_GROUP_DEPTH 8

static bool parse_run(dict *d, const char **sp, const char *end, bool in_pattern, int ending,
                      int depth, elem_stack *st, bool kept, const char **why)
{
    bool in_group = depth > 0;
    const int base = st->n;
    const uint8_t stop = (uint8_t)(STOP_ALWAYS | (in_group ? STOP_GROUP : 0) | (in_pattern ? STOP_PATTERN : 0));
    const char *s = *sp;
    bool adjacent = false;   /* the next element must directly follow the previous one */
    while (s < end) {
        char c = *s;
        if (c == ' ' || c == '\t') { s++; adjacent = false; continue; }
        if (c == '_') { s++; adjacent = true; continue; }
        if (in_group && (c == '|' || c == '}')) break;
        pelem e = {0};
        e.adjacent = st->n > base ? adjacent : 0;
        adjacent = false;
        if (in_pattern && c == '{') {
            if (depth >= MAX_GROUP_DEPTH) { *why = "{ } groups nested too deeply"; return false; }
            s++;
            int g = new_group(d);
            for (;;) {
                int ab = st->n;
                if (!parse_run(d, &s, end, in_pattern, ending, depth + 1, st, kept, why)) { st->n = ab; return false; }
                if (st->n > ab) set_add(&d->sets[g], take_run(d, st, ab, kept));
                if (s >= end) { *why = "'{' without '}'"; return false; }
                if (*s++ == '}') break;
            }
            if (!d->sets[g].n) { *why = "empty { } group"; return false; }
            e.kind = PE_SET;
            e.set = g;
            push_elem(st, e);
            continue;
        }
        if (in_pattern && c == '&') {
            const char *b = s++;
            while (s < end && (is_alnum(*s) || *s == '-' || (unsigned char)*s >= 0x80)) s++;
            if (s - b < 2) { *why = "'&' without a synset name"; return false; }
            char name[128];
            size_t n = (size_t)(s - b) < sizeof name - 1 ? (size_t)(s - b) : sizeof name - 1;
            memcpy(name, b, n);
            name[n] = 0;
            for (size_t i = 0; i < n; i++) name[i] = (char)to_upper(name[i]);
            e.kind = PE_SET;
            e.set = dict_synset(d, name);
            push_elem(st, e);
            continue;
        }
        if (in_pattern && (c == '*' || c == '+' || c == '$' || c == '%' || c == '^')) {
            s++;
            e.kind = c == '*' ? PE_VERB : c == '+' ? PE_TARGET : c == '$' ? PE_SOURCE : c == '%' ? PE_COMPOUND : PE_SKIP;
            push_elem(st, e);
            continue;
        }
        if (c == '{' || c == '}' || c == '|' || c == '[' || c == ']') { *why = "unexpected bracket"; return false; }
        /* a literal word: up to white space, '_' or an operator, upper-cased straight into the arena */
        const char *b = s;
        char *w = arena_room(d, (size_t)(end - s) + 1);
        const unsigned char *q = (const unsigned char *)s, *qe = (const unsigned char *)end;
        const unsigned stop8 = (unsigned)stop << 8;
        char *o = w;
        for (unsigned v; q < qe && !((v = word_char[*q]) & stop8); q++) *o++ = (char)v;
        s = (const char *)q;
        size_t n = (size_t)(s - b);
        bool open = false, fixed = false;
        if (n && b[n - 1] == '~') { open = true; n--; }
        else if (n && b[n - 1] == '=') { fixed = true; n--; }
        if (!n) continue;
        w[n] = 0;
        arena_commit(d, n + 1);
        e.kind = PE_WORD;
        e.word = w;
        e.len = (uint16_t)(n < 65535 ? n : 65535);
        /* '_' right after a word closes it: the word must match whole (with the kind's endings) */
        bool closed = s < end && *s == '_';
        e.mode = fixed ? WM_FIXED : open ? WM_STEM : closed || d->whole_words ? (uint8_t)ending : WM_STEM;
        /* Treebank-style contractions in PETRARCH files: "DID N'T" is the word "DIDN'T" */
        if (n == 3 && !memcmp(w, "N'T", 3) && st->n > base && st->e[st->n - 1].kind == PE_WORD) {
            pelem *prev = &st->e[st->n - 1];
            size_t pl = strlen(prev->word);
            char *joined = arena_alloc(d, pl + 4);
            memcpy(joined, prev->word, pl);
            memcpy(joined + pl, "N'T", 4);
            prev->word = joined;
            prev->len = (uint16_t)(pl + 3 < 65535 ? pl + 3 : 65535);   /* capped, as every element's */
            prev->mode = e.mode;
            continue;
        }
        push_elem(st, e);
    }
    *sp = s;
    return true;
}

static bool parse_phrase(dict *d, const char *s, size_t n, bool in_pattern, int ending, bool kept, phrase *out,
                         const char **why)
{
    out->e = NULL;
    out->n = 0;
    elem_stack st;
    st.e = st.local;
    st.n = 0;
    st.cap = (int)(sizeof st.local / sizeof st.local[0]);
    const char *p = s;
    *why = NULL;
    bool ok = parse_run(d, &p, s + n, in_pattern, ending, 0, &st, kept, why);
    if (ok && p < s + n) { *why = "unbalanced '|' or '}'"; ok = false; }
    if (ok && !st.n) { *why = "empty phrase"; ok = false; }
    if (ok) *out = take_run(d, &st, 0, kept);
    if (st.e != st.local) free(st.e);
    return ok;
}

bool dict_parse_phrase(dict *d, const char *s, size_t n, bool in_pattern, int ending, phrase *out, const char **why)
{
    return parse_phrase(d, s, n, in_pattern, ending, false, out, why);
}

bool dict_parse_phrase_kept(dict *d, const char *s, size_t n, bool in_pattern, int ending, phrase *out, const char **why)
{
    return parse_phrase(d, s, n, in_pattern, ending, true, out, why);
}

int dict_pattern_words(const phrase *p)
{
    int n = 0;
    for (int i = 0; i < p->n; i++) n += p->e[i].kind != PE_VERB;   /* + $ % ^ and sets count too */
    return n;
}

bool dict_parse_event_code(const char *s, size_t n, event_code *out)
{
    memset(out, 0, sizeof *out);
    while (n && is_space(*s)) { s++; n--; }
    while (n && is_space(s[n - 1])) n--;
    if (n && *s == '[') {
        if (s[n - 1] != ']') return false;   /* "[064" is malformed */
        s++;
        n -= 2;
    }
    while (n && is_space(s[n - 1])) n--;
    while (n && is_space(*s)) { s++; n--; }
    if (!n) return false;
    if (n == 3 && !memcmp(s, "---", 3)) { out->flags = CF_NULL; return true; }
    if (n == 3 && !memcmp(s, "###", 3)) { out->flags = CF_DISCARD; return true; }
    if (n == 3 && !memcmp(s, "+++", 3)) { out->flags = CF_COMPLEX; return true; }
    if (s[n - 1] == '!') { out->flags |= CF_DOMINANT; n--; }
    else if (s[n - 1] == '?') { out->flags |= CF_WEAK; n--; }
    const char *colon = memchr(s, ':', n);
    size_t n1 = colon ? (size_t)(colon - s) : n;
    if (!n1 || n1 >= EVENT_CODE_MAX) return false;
    for (size_t i = 0; i < n1; i++)
        if (!is_alnum(s[i]) && s[i] != '-') return false;
    memcpy(out->code, s, n1);
    for (size_t i = 0; i < n1; i++) out->code[i] = (char)to_upper(out->code[i]);
    if (colon) {
        size_t n2 = n - n1 - 1;
        if (!n2 || n2 >= EVENT_CODE_MAX) return false;
        memcpy(out->code2, colon + 1, n2);
        for (size_t i = 0; i < n2; i++) {
            if (!is_alnum(out->code2[i]) && out->code2[i] != '-') return false;
            out->code2[i] = (char)to_upper(out->code2[i]);
        }
    }
    return true;
}

/* ---- adding entries ---- */

int dict_add_actor(dict *d, actor_entry *a)
{
    GROW(d->actors, d->cap_actors, d->nactors);
    int i = d->nactors++;
    d->actors[i] = *a;
    for (int j = 0; j < a->nnames; j++) dict_index(d, &a->names[j], IX_ACTOR, i, j);
    d->read[IX_ACTOR]++;
    return i;
}

int dict_add_agent(dict *d, agent_entry *a)
{
    GROW(d->agents, d->cap_agents, d->nagents);
    int i = d->nagents++;
    d->agents[i] = *a;
    dict_index(d, &a->name, IX_AGENT, i, 0);
    d->read[IX_AGENT]++;
    return i;
}

int dict_add_verb(dict *d, verb_entry *v)
{
    GROW(d->verbs, d->cap_verbs, d->nverbs);
    int i = d->nverbs++;
    d->verbs[i] = *v;
    for (int j = 0; j < v->nforms; j++) dict_index(d, &v->forms[j], IX_VERB, i, j);
    d->read[IX_VERB]++;
    return i;
}

int dict_add_misc(dict *d, int kind, misc_entry *m)
{
    GROW(d->misc, d->cap_misc, d->nmisc);
    int i = d->nmisc++;
    d->misc[i] = *m;
    dict_index(d, &m->name, kind, i, 0);
    d->read[kind]++;
    return i;
}

int dict_add_issue(dict *d, issue_entry *e)
{
    GROW(d->issues, d->cap_issues, d->nissues);
    int i = d->nissues++;
    d->issues[i] = *e;
    dict_index(d, &e->name, IX_ISSUE, i, 0);
    d->read[IX_ISSUE]++;
    return i;
}

const char *actor_code_on(const actor_entry *a, ymd date)
{
    for (int i = 0; i < a->ncodes; i++) {
        const dated_code *c = &a->codes[i];
        if (date && c->from && date < c->from) continue;
        if (date && c->to && date > c->to) continue;
        return c->code;
    }
    return "";
}

/* ---- options ---- */

static const char *skip_ws(const char *s) { while (*s && is_space(*s)) s++; return s; }

static bool starts_ci(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (to_upper((unsigned char)*s) != *word) return false;
    return true;
}

static int bracket_int(const char *s, const char *key, int dflt)
{
    const char *p = strstr(s, key);
    if (!p) return dflt;
    p += strlen(key);
    while (*p == ' ') p++;
    if (*p == '[' || *p == '=') p++;
    while (*p == ' ') p++;
    return is_digit(*p) ? atoi(p) : dflt;
}

static void bracket_code(const char *s, const char *key, char *out)
{
    const char *p = strstr(s, key);
    out[0] = 0;
    if (!p || !(p = strchr(p, '['))) return;
    p++;
    size_t n = 0;
    while (p[n] && p[n] != ']' && n < ACTOR_CODE_MAX - 1) n++;
    memcpy(out, p, n);
    out[n] = 0;
}

bool dict_apply_option(dict *d, const char *line)
{
    char up[512];
    size_t n = 0;
    for (const char *s = skip_ws(line); *s && n < sizeof up - 1; s++) up[n++] = (char)to_upper((unsigned char)*s);
    up[n] = 0;
    code_options *o = &d->opt;
    if (starts_ci(up, "COMPLEX:")) {
        o->max_verbs = bracket_int(up, "VERBS", 0);
        o->max_conj = bracket_int(up, "CONJ", 0);
        o->noactprior = strstr(up, "NOACTPRIOR") != NULL;
        return true;
    }
    if (starts_ci(up, "DEFAULT:")) {
        if (strstr(up, "OFF")) {
            o->default_source[0] = o->default_target[0] = 0;
            o->default_prior = o->default_after = false;
            return true;
        }
        bracket_code(up, "SOURCE", o->default_source);
        bracket_code(up, "TARGET", o->default_target);
        o->default_prior = strstr(up, "PRIOR") != NULL;
        o->default_after = strstr(up, "AFTER") != NULL;
        return true;
    }
    if (starts_ci(up, "COMMA:")) {
        if (strstr(up, "OFF")) {
            o->comma_min = o->comma_emin = o->comma_bmin = 255;
            o->comma_max = o->comma_emax = o->comma_bmax = 0;
            return true;
        }
        o->comma_min = bracket_int(up, " MIN", o->comma_min);
        o->comma_max = bracket_int(up, " MAX", o->comma_max);
        o->comma_emin = bracket_int(up, "EMIN", o->comma_emin);
        o->comma_emax = bracket_int(up, "EMAX", o->comma_emax);
        o->comma_bmin = bracket_int(up, "BMIN", o->comma_bmin);
        o->comma_bmax = bracket_int(up, "BMAX", o->comma_bmax);
        return true;
    }
    if (starts_ci(up, "SET:")) {
        const char *p = skip_ws(up + 4);
        bool on = strstr(p, "TRUE") != NULL;
        if (starts_ci(p, "CONVERT AGENT")) o->convert_agent = on;
        else if (starts_ci(p, "TIME SHIFT")) o->time_shift = on;
        else if (starts_ci(p, "CODE BY SENTENCE")) o->code_by = CODE_BY_SENTENCE;
        else if (starts_ci(p, "CODE BY CLAUSE")) o->code_by = CODE_BY_CLAUSE;
        else if (starts_ci(p, "CODE ALL")) o->code_by = CODE_ALL;
        else if (starts_ci(p, "MINIMUM WORDS")) o->min_words = bracket_int(p, "WORDS", 0);
        return true;   /* other SET: lines only change TABARI's screen and files */
    }
    if (starts_ci(up, "FORWARD:")) {
        o->forward = strstr(up, " OFF") ? 0 : 2;
        return true;
    }
    if (starts_ci(up, "OUTPUT:") || starts_ci(up, "LABEL:")) return true;
    return false;
}

/* ---- format dispatch ---- */

static bool dir_has_dyad_files(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(dir))) found = has_suffix_ci(e->d_name, ".dyad");
    closedir(dir);
    return found;
}

/* Nothing loaded yet: what the built-in dictionary's compiled form holds is then exactly what reading
   its text would give. Layered over other entries, the text is read (synsets and verbs found by name
   join earlier ones there, which a compiled form does not do). */
static bool dict_is_empty(const dict *d)
{
    code_options fresh;
    code_options_default(&fresh);
    return !d->nactors && !d->nagents && !d->nverbs && !d->nmisc && !d->nissues && !d->nsets && !d->nitems &&
           !d->nfiles && !d->rejected && !d->words && !memcmp(&d->opt, &fresh, sizeof fresh);
}

bool dict_default_image(const dict *d)
{
    const embedded_file *img = embedded_find(DICT_IMAGE);
    return img && img->len && dict_is_empty(d);
}

int dict_load_default(dict *d)
{
    /* the compiled form the build made of the text (scripts/mkimages.c: none in its first stage, and an
       empty one when the text had anything to report, so that the text is read and reports it) */
    if (dict_default_image(d)) {
        const embedded_file *img = embedded_find(DICT_IMAGE);
        return dict_read_compiled_mem(d, img->name, img->data, img->len, true);
    }
    int n = 0;
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (has_suffix_ci(f->name, ".dyad")) { dict_read_dyad_text(d, f->name, f->data, f->len); n++; }
    if (!n) { diag_error(d->dg, NULL, 0, "this dyad was built without its dictionary"); return -1; }
    return 0;
}

int dict_load(dict *d, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_error(d->dg, path, 0, "cannot read dictionary: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        /* A dyad folder has dyad's own files; anything else is read as PETRARCH/Phoenix. */
        if (dir_has_dyad_files(path)) return dict_read_dyad_dir(d, path);
        return dict_read_petrarch_dir(d, path);
    }
    if (has_suffix_ci(path, ".dyad")) return dict_read_dyad_file(d, path);
    if (has_suffix_ci(path, ".dyc")) return dict_read_compiled(d, path);
    if (has_suffix_ci(path, ".project")) return dict_read_tabari_project(d, path);
    if (has_suffix_ci(path, ".actors")) return dict_read_tabari_actors(d, path);
    if (has_suffix_ci(path, ".agents")) return dict_read_tabari_agents(d, path);
    if (has_suffix_ci(path, ".verbs")) return dict_read_tabari_verbs(d, path);
    if (has_suffix_ci(path, ".options")) return dict_read_tabari_options(d, path);
    diag_error(d->dg, path, 0, "not a dictionary dyad knows: give a dyad dictionary folder, a TABARI "
                              ".project/.actors/.agents/.verbs file, or a folder of PETRARCH files");
    return -1;
}

/* gazetteer.c — loads data/gazetteer.tsv and indexes every place by its folded names. */
#include "where/where_internal.h"
#include "where/gazetteer.h"
#include "base/embedded.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A (folded name, place) pair gathered before the index is built; place UINT32_MAX = a prefix only. */
typedef struct {            /* 16 bytes: there are some 120,000 while loading */
    uint64_t hash;
    uint32_t key : 22, klen : 10;
    uint32_t place;
} gz_pair;

#define MAX_KEYS (1u << 22)   /* bytes of folded names the pairs can address */

typedef struct {
    gz_pair *v;
    size_t n, cap;
    strbuf keys;
    strbuf names;          /* place names and admin1 names, NUL-terminated (becomes gazetteer.buf) */
    uint32_t *name_at, *admin_at;   /* offsets into names until it stops growing; admin_at 0 = none */
    token_list tl;
    int max_tokens;
} gz_build;

/* Cut line at tabs into at most `max` NUL-terminated fields; returns how many. */
static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *s = line; n < max && (s = strchr(s, '\t'));) {   /* strchr: 18 M instr byte by byte */
        *s++ = 0;
        f[n++] = s;
    }
    return n;
}

static int kind_of(const char *s)
{
    if (!strcmp(s, "country")) return GZ_COUNTRY;
    if (!strcmp(s, "admin1")) return GZ_ADMIN1;
    if (!strcmp(s, "region")) return GZ_REGION;
    if (!strcmp(s, "capital")) return GZ_CAPITAL;
    if (!strcmp(s, "context")) return GZ_CONTEXT;
    return GZ_CITY;
}

static uint8_t precision_of(int kind)
{
    return kind == GZ_COUNTRY ? PLACE_COUNTRY : kind == GZ_ADMIN1 || kind == GZ_REGION ? PLACE_ADMIN1 : PLACE_CITY;
}

static void add_pair(gz_build *b, size_t key, size_t klen, uint32_t at)
{
    GROW(b->v, b->cap, b->n);
    b->v[b->n++] = (gz_pair){hash_bytes(b->keys.s + key, klen), (uint32_t)key, (uint32_t)klen & 1023, at};
}

/* Whether tokenize would cut name[0..len) at its spaces into upper-cased copies of the words:
   ASCII letters and digits only, no leading, trailing or doubled space. Most names are such ("New
   York"); folding them here skips the tokenizer, which was most of the load (90 M instructions). */
static bool plain_name(const char *name, size_t len)
{
    if (name[0] == ' ' || name[len - 1] == ' ') return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!is_alnum(c) && (c != ' ' || name[i + 1] == ' ')) return false;
    }
    return true;
}

/* add_name for a plain_name: the same keys and pairs, without tokenize. */
static void add_plain_name(gz_build *b, const char *name, size_t len, uint32_t at)
{
    char up[256];
    size_t key = b->keys.len;
    int words = 0;
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        while (i + n < len && name[i + n] != ' ') up[n] = (char)to_upper(name[i + n]), n++;
        if (words++) sb_addc(&b->keys, ' ');
        gz_key_add(&b->keys, key, up, n);
        i += n + 1;
        add_pair(b, key, b->keys.len - key, i >= len ? at : UINT32_MAX);
    }
    if (words > b->max_tokens) b->max_tokens = words;
}

/* Fold a name the way sentences are folded (tokenize: upper case, no accents), tokens joined by
   one space; the name and each of its prefixes are added. */
static void add_name(gz_build *b, const char *name, size_t len, uint32_t at)
{
    if (!len || len > 200 || b->keys.len + 4 * len + 64 >= MAX_KEYS) return;   /* keys must fit gz_pair */
    if (plain_name(name, len)) { add_plain_name(b, name, len, at); return; }
    tokenize(name, (span){0, (uint32_t)len}, &b->tl);
    if (!b->tl.n) return;
    size_t key = b->keys.len;
    for (size_t i = 0; i < b->tl.n; i++) {
        if (i) sb_addc(&b->keys, ' ');
        gz_key_add(&b->keys, key, tok_norm(&b->tl, i), b->tl.t[i].norm_len);
        add_pair(b, key, b->keys.len - key, i + 1 == b->tl.n ? at : UINT32_MAX);
    }
    if ((int)b->tl.n > b->max_tokens) b->max_tokens = (int)b->tl.n;
}

void gz_key_add(strbuf *key, size_t start, const char *norm, size_t n)
{
    /* folded straight from the norm into the key: folding only drops bytes */
    if (key->len + n + 1 > key->cap) sb_grow(key, n);
    size_t w = key->len;
    char *s = key->s;
    for (size_t r = 0; r < n; r++) {
        char c = norm[r] == '-' ? ' ' : norm[r];
        if (c == '\'') continue;
        if (w > start && s[w - 1] == c && (is_alpha(c) || c == ' ')) continue;
        s[w++] = c;
    }
    key->len = w;
    s[w] = 0;
}

/* A coordinate: "-12.5186". The digits as an integer divided by a power of ten is what strtod
   gives (both are exact doubles and the division rounds once), for a fraction of the cost (strtod
   was 59 M instructions of the load); anything else goes to strtod. */
static double coord(const char *s)
{
    static const double P10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    const char *p = s + (*s == '-');
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (; *p; p++, digits++) {
        if (*p == '.' && frac < 0) { frac = 0; digits--; continue; }
        if (!is_digit(*p) || digits >= 15) return strtod(s, NULL);
        m = m * 10 + (uint64_t)(*p - '0');
        frac += frac >= 0;
    }
    if (!digits || frac > 9) return strtod(s, NULL);
    double v = (double)m / P10[frac < 0 ? 0 : frac];
    return *s == '-' ? -v : v;
}

/* A population: digits, else whatever strtoul makes of it. */
static uint32_t count_of(const char *s)
{
    uint32_t v = 0;
    int k = 0;
    for (; is_digit(s[k]) && k < 9; k++) v = v * 10 + (uint32_t)(s[k] - '0');
    return k && !s[k] ? v : (uint32_t)strtoul(s, NULL, 10);
}

/* Read one data line into place i; false when it is malformed. */
static bool read_place(gazetteer *g, gz_build *b, char *line, uint32_t i)
{
    char *f[9];
    if (split_fields(line, f, 9) != 9) return false;
    place *p = &g->p[i];
    /* names are kept in one pool; the pointers are set once it has stopped growing */
    b->name_at[i] = (uint32_t)b->names.len;
    sb_add(&b->names, f[0], strlen(f[0]) + 1);
    b->admin_at[i] = 0;
    if (*f[4]) {
        b->admin_at[i] = (uint32_t)b->names.len;
        sb_add(&b->names, f[4], strlen(f[4]) + 1);
    }
    memcpy(p->country, f[3], 3);
    p->country[3] = 0;
    p->lat = coord(f[5]);
    p->lon = coord(f[6]);
    g->pop[i] = count_of(f[7]);
    g->kind[i] = (uint8_t)kind_of(f[8]);
    p->precision = precision_of(g->kind[i]);
    add_name(b, f[0], strlen(f[0]), i);
    add_name(b, f[1], strlen(f[1]), i);
    for (char *a = f[2]; *a;) {
        char *bar = strchr(a, '|');
        size_t n = bar ? (size_t)(bar - a) : strlen(a);
        add_name(b, a, n, i);
        a += n + (bar != NULL);
    }
    return true;
}

/* Group number of every pair (pairs of one name share one, numbered in order of first appearance);
   *ngroups gets how many, (*first)[k] group k's first pair. One hash pass instead of a sort: the
   load used to heapsort its 70,000 pairs (37 M instructions). */
static uint32_t *group_pairs(const gz_build *b, size_t *ngroups, uint32_t **first)
{
    size_t tsz = 16;
    while (tsz < 2 * b->n) tsz *= 2;
    uint32_t *head = xmalloc(tsz * sizeof *head);   /* group numbers, UINT32_MAX = empty */
    memset(head, 0xff, tsz * sizeof *head);
    uint32_t *group = xmalloc((b->n + 1) * sizeof *group);
    uint32_t *f = xmalloc((b->n + 1) * sizeof *f);
    size_t ng = 0;
    for (size_t i = 0; i < b->n; i++) {
        size_t h = (size_t)b->v[i].hash & (tsz - 1);
        while (head[h] != UINT32_MAX && b->v[f[head[h]]].hash != b->v[i].hash) h = (h + 1) & (tsz - 1);
        if (head[h] == UINT32_MAX) f[ng] = (uint32_t)i, head[h] = (uint32_t)ng++;
        group[i] = head[h];
    }
    free(head);
    *ngroups = ng;
    *first = f;
    return group;
}

/* Group the pairs by name and lay them out as an open-addressing table of names → place lists.
   Pairs come in file order, place by place, so each name's places are already ascending: the
   lists are those a sort by (name, place) gave, duplicates dropped. A list may be followed by
   unused room in cand (the places reserved for its prefix-only and duplicate pairs). */
static void build_index(gazetteer *g, gz_build *b)
{
    size_t names;
    uint32_t *first;
    uint32_t *group = group_pairs(b, &names, &first);
    uint32_t *at = xcalloc(names + 1, sizeof *at);   /* each list's start, then its end */
    for (size_t i = 0; i < b->n; i++) at[group[i] + 1]++;
    for (size_t k = 0; k < names; k++) at[k + 1] += at[k];
    g->cand = xmalloc((b->n + 1) * sizeof *g->cand);
    uint32_t *end = xmalloc((names + 1) * sizeof *end);
    memcpy(end, at, names * sizeof *end);
    for (size_t i = 0; i < b->n; i++) {
        uint32_t k = group[i], pl = b->v[i].place;
        /* a 64-bit FNV collision between two different names would merge them; not worth a check */
        if (pl != UINT32_MAX && (end[k] == at[k] || g->cand[end[k] - 1] != pl)) g->cand[end[k]++] = pl;
    }
    g->nslots = 16;
    while (g->nslots * 3 < names * 4) g->nslots *= 2;   /* at most 3/4 full */
    g->slots = xcalloc(g->nslots, sizeof *g->slots);
    for (size_t k = 0; k < names; k++) {
        const gz_pair *v = &b->v[first[k]];
        size_t count = end[k] - at[k];
        gz_slot s = {norm_hash(b->keys.s + v->key, v->klen), v->key, at[k], (uint16_t)v->klen,
                     (uint16_t)(count < UINT16_MAX ? count : UINT16_MAX)};
        size_t h = s.hash & (g->nslots - 1);
        while (g->slots[h].klen) h = (h + 1) & (g->nslots - 1);
        g->slots[h] = s;
    }
    free(group);
    free(first);
    free(at);
    free(end);
}

static void set_bit(uint64_t *bits, uint32_t hash)
{
    uint32_t b = hash & (GZ_FIRST_BITS - 1);
    bits[b >> 6] |= 1ULL << (b & 63);
}

/* gazetteer.first_words: the bits of the keys a word alone can be (no space in them); later_words: those of
   the words after the last space of the others. */
static void mark_words(gazetteer *g)
{
    g->first_words = xcalloc(GZ_FIRST_BITS / 64, sizeof *g->first_words);
    g->later_words = xcalloc(GZ_FIRST_BITS / 64, sizeof *g->later_words);
    for (size_t i = 0; i < g->nslots; i++) {
        const gz_slot *s = &g->slots[i];
        if (!s->klen) continue;
        const char *k = g->keys + s->key;
        size_t last = s->klen;
        while (last > 0 && k[last - 1] != ' ') last--;
        if (!last) set_bit(g->first_words, s->hash);
        else set_bit(g->later_words, norm_hash(k + last, s->klen - last));
    }
}

/* A first-level division's population, which the data leaves 0: the sum of its towns'. Only ties between
   divisions of the same name read it (where.c's prior): "Florida" is the U.S. state before Uruguay's
   department. Divisions are found by country and name in an open-addressing table. */
static void weigh_divisions(gazetteer *g)
{
    size_t cap = 16;
    while (cap < 4 * g->n) cap <<= 1;
    uint32_t *slot = xmalloc(cap * sizeof *slot);   /* place index + 1; 0 empty */
    memset(slot, 0, cap * sizeof *slot);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < g->n; i++) {
            const place *p = &g->p[i];
            bool division = g->kind[i] == GZ_ADMIN1;
            if (!p->admin1 || (pass == 0) != division || (!division && g->kind[i] != GZ_CITY && g->kind[i] != GZ_CAPITAL))
                continue;
            size_t h = (size_t)(hash_bytes(p->admin1, strlen(p->admin1)) ^ hash_bytes(p->country, 3)) & (cap - 1);
            for (; slot[h]; h = (h + 1) & (cap - 1)) {
                const place *q = &g->p[slot[h] - 1];
                if (!memcmp(q->country, p->country, 3) && !strcmp(q->admin1, p->admin1)) break;
            }
            if (division) {
                if (!slot[h]) slot[h] = (uint32_t)i + 1;   /* the first of a name twice in a country */
            } else if (slot[h]) {
                uint32_t d = slot[h] - 1;
                g->pop[d] = g->pop[d] + g->pop[i] < g->pop[d] ? UINT32_MAX : g->pop[d] + g->pop[i];
            }
        }
    free(slot);
}

gazetteer *gazetteer_from_tsv(const char *tsv, size_t len)
{
    gazetteer *g = xcalloc(1, sizeof *g);
    size_t lines = 1;
    for (const char *nl = tsv; (nl = memchr(nl, '\n', len - (size_t)(nl - tsv))); nl++) lines++;   /* 16 M instr byte by byte */
    g->p = xcalloc(lines, sizeof *g->p);
    g->pop = xcalloc(lines, sizeof *g->pop);
    g->kind = xcalloc(lines, sizeof *g->kind);
    gz_build b = {0};
    sb_init(&b.keys);
    sb_init(&b.names);
    sb_addc(&b.names, 0);   /* offset 0 means "none" */
    b.name_at = xmalloc(lines * sizeof *b.name_at);
    b.admin_at = xmalloc(lines * sizeof *b.admin_at);
    strbuf line;
    sb_init(&line);
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(tsv + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - tsv) : len;
        sb_clear(&line);
        sb_add(&line, tsv + at, end - at);
        if (line.len && line.s[0] != '#' && read_place(g, &b, line.s, (uint32_t)g->n)) g->n++;
        at = end + 1;
    }
    sb_free(&line);
    build_index(g, &b);
    g->buf = sb_take(&b.names);
    for (size_t i = 0; i < g->n; i++) {
        g->p[i].name = g->buf + b.name_at[i];
        g->p[i].admin1 = b.admin_at[i] ? g->buf + b.admin_at[i] : NULL;
    }
    weigh_divisions(g);
    g->countries = xmalloc((g->n + 1) * sizeof *g->countries);
    /* in code order, for gz_country's binary search (some 250: an insertion sort is enough) */
    for (size_t i = 0; i < g->n; i++) {
        if (g->kind[i] != GZ_COUNTRY) continue;
        size_t k = g->ncountries++;
        while (k > 0 && memcmp(g->p[g->countries[k - 1]].country, g->p[i].country, 3) > 0) {
            g->countries[k] = g->countries[k - 1];
            k--;
        }
        g->countries[k] = (uint32_t)i;
    }
    g->keys = sb_take(&b.keys);
    g->max_tokens = b.max_tokens;
    mark_words(g);
    free(b.v);
    free(b.name_at);
    free(b.admin_at);
    token_list_free(&b.tl);
    return g;
}

/* ---- the compiled image (gazetteer.h) ----
   Header, then the arrays one after the other, each starting on 8 bytes: places (name and admin1 as
   offsets into the names, admin1 0 = none), populations, kinds, slots, candidates, countries, keys,
   names, the word filters. The sizes of place and gz_slot are in the header: an image of another build is refused. */

#define GZ_IMAGE_MAGIC "DYADGZI3"

typedef struct {
    char magic[8];
    uint32_t place_size, slot_size;
    uint64_t n, nslots, ncand, ncountries, keys_len, buf_len;
    int64_t max_tokens;
} gz_image_head;

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static void add_section(strbuf *out, const void *p, size_t n)
{
    sb_add(out, p, n);
    while (out->len & 7) sb_addc(out, 0);
}

/* How far each array of g is used: the built arrays carry no lengths of their own. */
static void image_sizes(const gazetteer *g, gz_image_head *h)
{
    for (size_t i = 0; i < g->nslots; i++) {
        const gz_slot *s = &g->slots[i];
        if (!s->klen) continue;
        if (s->key + s->klen + 1u > h->keys_len) h->keys_len = s->key + s->klen + 1u;   /* with its NUL */
        if (s->first + s->count > h->ncand) h->ncand = s->first + s->count;
    }
    for (size_t i = 0; i < g->n; i++) {
        const place *p = &g->p[i];
        size_t end = (size_t)(p->name - g->buf) + strlen(p->name) + 1;
        if (p->admin1) {
            size_t a = (size_t)(p->admin1 - g->buf) + strlen(p->admin1) + 1;
            if (a > end) end = a;
        }
        if (end > h->buf_len) h->buf_len = end;
    }
}

void gazetteer_image(const gazetteer *g, strbuf *out)
{
    gz_image_head h = {GZ_IMAGE_MAGIC, sizeof(place), sizeof(gz_slot), g->n, g->nslots, 0, g->ncountries, 0, 0,
                       g->max_tokens};
    image_sizes(g, &h);
    add_section(out, &h, sizeof h);
    for (size_t i = 0; i < g->n; i++) {
        const place *q = &g->p[i];
        place p;
        memcpy(&p, q, sizeof p);   /* every field, and the padding as calloc left it: the same image each build */
        p.name = (const char *)(uintptr_t)(q->name - g->buf);
        p.admin1 = (const char *)(uintptr_t)(q->admin1 ? q->admin1 - g->buf : 0);
        sb_add(out, (const char *)&p, sizeof p);
    }
    add_section(out, "", 0);
    add_section(out, (const char *)g->pop, g->n * sizeof *g->pop);
    add_section(out, (const char *)g->kind, g->n * sizeof *g->kind);
    add_section(out, (const char *)g->slots, g->nslots * sizeof *g->slots);
    add_section(out, (const char *)g->cand, h.ncand * sizeof *g->cand);
    add_section(out, (const char *)g->countries, g->ncountries * sizeof *g->countries);
    add_section(out, g->keys, h.keys_len);
    add_section(out, g->buf, h.buf_len);
    add_section(out, (const char *)g->first_words, GZ_FIRST_BITS / 8);
    add_section(out, (const char *)g->later_words, GZ_FIRST_BITS / 8);
}

/* The next array of an image: `n` items of `size` bytes at *at, or NULL past the end. */
static const char *take_section(const char *data, size_t len, size_t *at, uint64_t n, size_t size)
{
    if (n > (len - *at) / size) return NULL;
    const char *p = data + *at;
    *at += pad8((size_t)n * size);
    if (*at > len) *at = len;
    return p;
}

/* The gazetteer laid out in an image (8-byte aligned, kept for the life of the process: its arrays
   are used where they are); NULL when the bytes are not an image of this build. */
static gazetteer *gazetteer_from_image(const char *data, size_t len)
{
    gz_image_head h;
    if (len < sizeof h || ((uintptr_t)data & 7)) return NULL;
    memcpy(&h, data, sizeof h);
    if (memcmp(h.magic, GZ_IMAGE_MAGIC, 8) || h.place_size != sizeof(place) || h.slot_size != sizeof(gz_slot) ||
        !h.nslots || (h.nslots & (h.nslots - 1)) || !h.buf_len || !h.keys_len)
        return NULL;
    size_t at = pad8(sizeof h);
    const char *places = take_section(data, len, &at, h.n, sizeof(place));
    const char *pop = take_section(data, len, &at, h.n, sizeof(uint32_t));
    const char *kind = take_section(data, len, &at, h.n, 1);
    const char *slots = take_section(data, len, &at, h.nslots, sizeof(gz_slot));
    const char *cand = take_section(data, len, &at, h.ncand, sizeof(uint32_t));
    const char *countries = take_section(data, len, &at, h.ncountries, sizeof(uint32_t));
    const char *keys = take_section(data, len, &at, h.keys_len, 1);
    const char *buf = take_section(data, len, &at, h.buf_len, 1);
    const char *first_words = take_section(data, len, &at, GZ_FIRST_BITS / 8, 1);
    const char *later_words = take_section(data, len, &at, GZ_FIRST_BITS / 8, 1);
    if (!places || !pop || !kind || !slots || !cand || !countries || !keys || !buf || !first_words || !later_words ||
        keys[h.keys_len - 1] ||
        buf[h.buf_len - 1])
        return NULL;
    gazetteer *g = xcalloc(1, sizeof *g);
    /* the places hold pointers, so they are the one array copied (place by place: one memcpy of it all
       is a byte-wise `rep movsb`); the rest is used in place */
    g->p = xmalloc((h.n + 1) * sizeof *g->p);
    for (size_t i = 0; i < h.n; i++) {
        place q;
        memcpy(&q, places + i * sizeof q, sizeof q);
        uintptr_t name = (uintptr_t)q.name, admin = (uintptr_t)q.admin1;
        q.name = buf + (name < h.buf_len ? name : 0);
        q.admin1 = admin && admin < h.buf_len ? buf + admin : NULL;
        g->p[i] = q;
    }
    g->n = h.n;
    g->pop = (uint32_t *)(uintptr_t)pop;
    g->kind = (uint8_t *)(uintptr_t)kind;
    g->slots = (gz_slot *)(uintptr_t)slots;
    g->nslots = h.nslots;
    g->cand = (uint32_t *)(uintptr_t)cand;
    g->countries = (uint32_t *)(uintptr_t)countries;
    g->ncountries = h.ncountries;
    g->keys = (char *)(uintptr_t)keys;
    g->buf = (char *)(uintptr_t)buf;
    g->first_words = (uint64_t *)(uintptr_t)first_words;
    g->later_words = (uint64_t *)(uintptr_t)later_words;
    g->max_tokens = (int)h.max_tokens;
    return g;
}

void gazetteer_free(gazetteer *g)
{
    if (!g) return;
    const embedded_file *img = embedded_find(GAZETTEER_IMAGE);
    if (img && (const char *)g->slots >= img->data && (const char *)g->slots < img->data + img->len) {
        free(g->p);   /* the rest lives in the image */
        free(g);
        return;
    }
    free(g->buf);
    free(g->p);
    free(g->pop);
    free(g->kind);
    free(g->slots);
    free(g->keys);
    free(g->cand);
    free(g->countries);
    free(g->first_words);
    free(g->later_words);
    free(g);
}

size_t gazetteer_size(const gazetteer *g) { return g ? g->n : 0; }

const gz_slot *gz_lookup(const gazetteer *g, const char *key, size_t klen)
{
    return gz_lookup_hashed(g, key, klen, norm_hash(key, klen));
}

const gz_slot *gz_lookup_hashed(const gazetteer *g, const char *key, size_t klen, uint32_t h)
{
    for (size_t i = h & (g->nslots - 1);; i = (i + 1) & (g->nslots - 1)) {
        const gz_slot *s = &g->slots[i];
        if (!s->klen) return NULL;
        if (s->hash == h && s->klen == klen && !memcmp(g->keys + s->key, key, klen)) return s;
    }
}

/* A country code's three bytes as one number, in memcmp's order. */
static inline uint32_t iso3_key(const char *s)
{
    return (uint32_t)(unsigned char)s[0] << 16 | (uint32_t)(unsigned char)s[1] << 8 | (unsigned char)s[2];
}

const place *gz_country(const gazetteer *g, const char *iso3)
{
    uint32_t want = iso3_key(iso3);
    size_t lo = 0, hi = g->ncountries;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t c = iso3_key(g->p[g->countries[mid]].country);
        if (c == want) return &g->p[g->countries[mid]];
        if (c < want) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static gazetteer *default_g;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

/* The image the build made from the TSV (scripts/mkimages.c) when there is one; the TSV itself otherwise
   (the first-stage build that makes the image, or an image this build cannot read). */
static void load_default(void)
{
    const embedded_file *img = embedded_find(GAZETTEER_IMAGE);
    if (img && (default_g = gazetteer_from_image(img->data, img->len))) return;
    const embedded_file *f = embedded_find("data/gazetteer.tsv");
    if (f) default_g = gazetteer_from_tsv(f->data, f->len);
}

const gazetteer *gazetteer_default(void)
{
    pthread_once(&default_once, load_default);
    return default_g;
}

bool gazetteer_default_is_image(void)
{
    const gazetteer *g = gazetteer_default();
    const embedded_file *img = embedded_find(GAZETTEER_IMAGE);
    return g && img && (const char *)g->slots >= img->data && (const char *)g->slots < img->data + img->len;
}

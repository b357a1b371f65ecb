/* gazetteer.c — loads data/gazetteer.tsv and indexes every place by its folded names. */
#include "where/where_internal.h"
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
    for (char *s = line; *s && n < max; s++)
        if (*s == '\t') { *s = 0; f[n++] = s + 1; }
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

/* Fold a name the way sentences are folded (tokenize: upper case, no accents), tokens joined by
   one space; the name and each of its prefixes are added. */
static void add_name(gz_build *b, const char *name, size_t len, uint32_t at)
{
    if (!len || len > 200 || b->keys.len + 4 * len + 64 >= MAX_KEYS) return;   /* keys must fit gz_pair */
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
    for (size_t i = 0; i < n; i++) {
        char c = norm[i] == '-' ? ' ' : norm[i];
        if (c == '\'') continue;
        if (key->len > start && key->s[key->len - 1] == c && (is_alpha(c) || c == ' ')) continue;
        sb_addc(key, c);
    }
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
    p->lat = strtod(f[5], NULL);
    p->lon = strtod(f[6], NULL);
    g->pop[i] = (uint32_t)strtoul(f[7], NULL, 10);
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

static bool pair_less(const gz_pair *a, const gz_pair *b)
{
    return a->hash != b->hash ? a->hash < b->hash : a->place < b->place;
}

static void sift_down(gz_pair *v, size_t i, size_t n)
{
    for (size_t c; (c = 2 * i + 1) < n; i = c) {
        if (c + 1 < n && pair_less(&v[c], &v[c + 1])) c++;
        if (!pair_less(&v[i], &v[c])) return;
        gz_pair t = v[i];
        v[i] = v[c];
        v[c] = t;
    }
}

/* Heapsort, not qsort: glibc's qsort takes a copy-sized buffer, and the load's peak memory counts. */
static void sort_pairs(gz_pair *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;) sift_down(v, i, n);
    for (size_t k = n; k-- > 1;) {
        gz_pair t = v[0];
        v[0] = v[k];
        v[k] = t;
        sift_down(v, 0, k);
    }
}

/* Sort the pairs by name and lay them out as an open-addressing table of names → place lists. */
static void build_index(gazetteer *g, gz_build *b)
{
    sort_pairs(b->v, b->n);
    size_t names = 0;
    for (size_t i = 0; i < b->n; i++) names += !i || b->v[i].hash != b->v[i - 1].hash;
    g->nslots = 16;
    while (g->nslots * 3 < names * 4) g->nslots *= 2;   /* at most 3/4 full */
    g->slots = xcalloc(g->nslots, sizeof *g->slots);
    g->cand = xmalloc((b->n + 1) * sizeof *g->cand);
    size_t nc = 0;
    for (size_t i = 0; i < b->n;) {
        size_t j = i;
        gz_slot s = {(uint32_t)b->v[i].hash, b->v[i].key, (uint32_t)nc, (uint16_t)b->v[i].klen, 0};
        /* a 64-bit FNV collision between two different names would merge them; not worth a check */
        for (; j < b->n && b->v[j].hash == b->v[i].hash; j++)
            if (b->v[j].place != UINT32_MAX && (j == i || b->v[j].place != b->v[j - 1].place))
                g->cand[nc++] = b->v[j].place;
        s.count = (uint16_t)(nc - s.first < UINT16_MAX ? nc - s.first : UINT16_MAX);
        size_t h = s.hash & (g->nslots - 1);
        while (g->slots[h].klen) h = (h + 1) & (g->nslots - 1);
        g->slots[h] = s;
        i = j;
    }
}

gazetteer *gazetteer_from_tsv(const char *tsv, size_t len)
{
    gazetteer *g = xcalloc(1, sizeof *g);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += tsv[i] == '\n';
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
    g->countries = xmalloc((g->n + 1) * sizeof *g->countries);
    for (size_t i = 0; i < g->n; i++)
        if (g->kind[i] == GZ_COUNTRY) g->countries[g->ncountries++] = (uint32_t)i;
    g->keys = sb_take(&b.keys);
    g->max_tokens = b.max_tokens;
    free(b.v);
    free(b.name_at);
    free(b.admin_at);
    token_list_free(&b.tl);
    return g;
}

void gazetteer_free(gazetteer *g)
{
    if (!g) return;
    free(g->buf);
    free(g->p);
    free(g->pop);
    free(g->kind);
    free(g->slots);
    free(g->keys);
    free(g->cand);
    free(g->countries);
    free(g);
}

size_t gazetteer_size(const gazetteer *g) { return g ? g->n : 0; }

const gz_slot *gz_lookup(const gazetteer *g, const char *key, size_t klen)
{
    uint32_t h = (uint32_t)hash_bytes(key, klen);
    for (size_t i = h & (g->nslots - 1);; i = (i + 1) & (g->nslots - 1)) {
        const gz_slot *s = &g->slots[i];
        if (!s->klen) return NULL;
        if (s->hash == h && s->klen == klen && !memcmp(g->keys + s->key, key, klen)) return s;
    }
}

const place *gz_country(const gazetteer *g, const char *iso3)
{
    for (size_t i = 0; i < g->ncountries; i++)
        if (!memcmp(g->p[g->countries[i]].country, iso3, 3)) return &g->p[g->countries[i]];
    return NULL;
}

static gazetteer *default_g;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
    const embedded_file *f = embedded_find("data/gazetteer.tsv");
    if (f) default_g = gazetteer_from_tsv(f->data, f->len);
}

const gazetteer *gazetteer_default(void)
{
    pthread_once(&default_once, load_default);
    return default_g;
}

/* test_images.c — the compiled images the build embeds (built-in dictionary, gazetteer) hold exactly what
   their text gives, so that they are current with data/ and load the same dictionary and places. */
#include "check.h"
#include "base/embedded.h"
#include "dict/dict.h"
#include "where/gazetteer.h"
#include "where/where_internal.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static bool same_place(const place *a, const place *b)
{
    return same_str(a->name, b->name) && same_str(a->admin1, b->admin1) && !memcmp(a->country, b->country, 4) &&
           !memcmp(&a->lat, &b->lat, sizeof a->lat) && !memcmp(&a->lon, &b->lon, sizeof a->lon) &&
           a->precision == b->precision;
}

/* Every array the lookups read, compared with the gazetteer built from the TSV. */
static void test_gazetteer_image(void)
{
    CHECK(embedded_find(GAZETTEER_IMAGE) != NULL);
    CHECK(gazetteer_default_is_image());
    const gazetteer *g = gazetteer_default();
    const embedded_file *tsv = embedded_find("data/gazetteer.tsv");
    CHECK(g && tsv);
    if (!g || !tsv) return;
    gazetteer *t = gazetteer_from_tsv(tsv->data, tsv->len);
    CHECK_INT(g->n, t->n);
    CHECK_INT(g->nslots, t->nslots);
    CHECK_INT(g->ncountries, t->ncountries);
    CHECK_INT(g->max_tokens, t->max_tokens);
    if (g->n != t->n || g->nslots != t->nslots || g->ncountries != t->ncountries) { gazetteer_free(t); return; }
    size_t bad = 0;
    for (size_t i = 0; i < g->n; i++)
        bad += !same_place(&g->p[i], &t->p[i]) || g->pop[i] != t->pop[i] || g->kind[i] != t->kind[i];
    for (size_t i = 0; i < g->nslots; i++) {
        const gz_slot *a = &g->slots[i], *b = &t->slots[i];
        bad += memcmp(a, b, sizeof *a) != 0;
        if (a->klen && !memcmp(a, b, sizeof *a))
            bad += memcmp(g->keys + a->key, t->keys + b->key, a->klen) ||
                   memcmp(g->cand + a->first, t->cand + b->first, a->count * sizeof *g->cand);
    }
    bad += memcmp(g->countries, t->countries, g->ncountries * sizeof *g->countries) != 0;
    CHECK_INT(bad, 0);
    /* lookups through it answer as the TSV's do */
    const gz_slot *s = gz_lookup(g, "NEW YORK", 8);
    CHECK(s && s->count > 0);
    CHECK(gz_country(g, "CHE") && !strcmp(gz_country(g, "CHE")->country, "CHE"));
    gazetteer_free(t);
}

/* The dictionary written out compiled, for comparing two loads byte for byte. */
static char *compiled(const dict *d, size_t *len)
{
    char path[] = "/tmp/dyad-test-images-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    close(fd);
    char *s = dict_write_compiled(d, path) == 0 ? read_file(path, len) : NULL;
    unlink(path);
    return s;
}

/* How many patterns and index items have other needs in a than in b (what dict_prepare works out, or a
   compiled dictionary holds), and how many verbs other first needs; items are compared in chain order, with
   their keys (word, mode, shape) and what they stand for. */
static size_t prepared_differ(const dict *a, const dict *b)
{
    size_t bad = a->nverbs != b->nverbs || a->nitems != b->nitems || a->nbuckets != b->nbuckets;
    for (int v = 0; !bad && v < a->nverbs; v++) {
        for (int p = 0; p < a->verbs[v].npats && p < b->verbs[v].npats; p++) {
            const verb_pattern *x = &a->verbs[v].pats[p], *y = &b->verbs[v].pats[p];
            bad += x->nneed != y->nneed || (x->nneed && memcmp(x->need, y->need, (size_t)x->nneed * sizeof *x->need));
        }
        const uint32_t *fa = dict_first_needs(a, v), *fb = dict_first_needs(b, v);
        bad += !fa || !fb || memcmp(fa, fb, (size_t)a->verbs[v].npats * sizeof *fa) != 0;
        bad += dict_verb_discards(a, v) != dict_verb_discards(b, v);
    }
    for (size_t k = 0; !bad && k < a->nbuckets; k++) {
        const index_item *x = a->buckets[k], *y = b->buckets[k];
        for (; x && y; x = x->next, y = y->next) {
            bad += x->nneed != y->nneed || (x->nneed && memcmp(x->need, y->need, (size_t)x->nneed * sizeof *x->need));
            /* a compiled dictionary's items take their keys in entry order (name_keys_of), not from their phrases */
            bad += x->len != y->len || strcmp(x->word, y->word) != 0 || x->mode != y->mode || x->kind != y->kind ||
                   x->shape != y->shape || x->entry != y->entry || x->name != y->name;
        }
        bad += x != NULL || y != NULL;
    }
    for (int s = 0; !bad && s < a->nsets; s++) {
        const uint32_t *fa = dict_alt_first_needs(a, s), *fb = dict_alt_first_needs(b, s);
        bad += !fa || !fb || memcmp(fa, fb, (size_t)a->sets[s].n * sizeof *fa) != 0;
    }
    return bad;
}

static void test_dict_image(void)
{
    diag quiet = {NULL, 0, 0, "dyad"};
    const embedded_file *img = embedded_find(DICT_IMAGE);
    CHECK(img && img->len > 0);   /* the built-in text loads with nothing to report */
    dict *a = dict_new(&quiet);
    CHECK(dict_default_image(a));
    CHECK_INT(dict_load_default(a), 0);
    dict *b = dict_new(&quiet);
    for (const embedded_file *f = embedded_files; f->name; f++) {
        size_t n = strlen(f->name);
        if (n > 5 && !strcmp(f->name + n - 5, ".dyad")) dict_read_dyad_text(b, f->name, f->data, f->len);
    }
    CHECK_INT(quiet.warnings + quiet.errors, 0);
    CHECK_INT(a->nitems, b->nitems);
    CHECK_INT(a->longest_stem, b->longest_stem);
    CHECK_INT(a->nverbs, b->nverbs);
    CHECK(!memcmp(&a->opt, &b->opt, sizeof a->opt));
    /* the image holds what dict_prepare works out: loaded, the dictionary is prepared as the text's is */
    struct dict_words *w = a->words;
    CHECK(w != NULL);
    dict_prepare(a);
    CHECK(a->words == w);   /* nothing to redo */
    dict_prepare(b);
    CHECK_INT(prepared_differ(a, b), 0);
    size_t na = 0, nb = 0;
    char *ca = compiled(a, &na), *cb = compiled(b, &nb);
    CHECK(ca && cb && na == nb && !memcmp(ca, cb, na));
    /* the origin of an entry, as pattern_where shows it */
    CHECK(a->nverbs && a->verbs[0].at.file && !strncmp(a->verbs[0].at.file, "data/dict/", 10));
    CHECK(a->nverbs && b->nverbs && same_str(a->verbs[0].at.file, b->verbs[0].at.file) &&
          a->verbs[0].at.line == b->verbs[0].at.line);
    /* over other entries the text is read: the image is for an empty dictionary only */
    CHECK(!dict_default_image(a));
    free(ca);
    free(cb);
    dict_free(a);
    dict_free(b);
}

/* Entries read over the compiled built-in dictionary: a pattern for one of its verbs grows that verb's
   patterns, which the image's load put in a block of its own (they move out first; ASan checks the frees). */
static void test_layered_over_image(void)
{
    diag quiet = {NULL, 0, 0, "dyad"};
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load_default(d), 0);
    int v = -1;
    for (int i = 0; i < d->nverbs && v < 0; i++)
        if (d->verbs[i].text && !strcmp(d->verbs[i].text, "ORDER")) v = i;
    CHECK(v >= 0);
    if (v < 0) { dict_free(d); return; }
    int before = d->verbs[v].npats;
    CHECK(dict_in_bulk(d, d->verbs[v].pats));
    CHECK_INT(d->bulk_verbs, d->nverbs);   /* dict_free passes over them all */
    CHECK(dict_token_texts_same(d));       /* the image's token texts, lent from it */
    CHECK(dict_word_table_same(d));        /* and its interned words' table */
    CHECK(dict_groups_same_built(d));      /* and its index's groups */
    CHECK_INT(d->bulk_actors, d->nactors);
    const char *extra = "pattern 100 order: * the_withdrawal_of +\n"
                        "actor XYZ = Zembla\n"
                        "synset &TALKS = parley\n";
    dict_read_dyad_text(d, "extra.dyad", extra, strlen(extra));
    CHECK_INT(quiet.warnings + quiet.errors, 0);
    CHECK_INT(d->verbs[v].npats, before + 1);
    CHECK(!dict_in_bulk(d, d->verbs[v].pats));
    CHECK(d->bulk_verbs <= v);   /* so that dict_free frees the moved patterns (ASan) */
    CHECK_STR(d->verbs[v].pats[before].text, "* the_withdrawal_of +");
    CHECK_STR(d->verbs[v].pats[before].at.file, "extra.dyad");
    CHECK_INT(d->verbs[v].pats[0].at.line > 0, 1);
    int talks = dict_synset(d, "&TALKS");
    const phrase_set *set = &d->sets[talks];
    CHECK(set->n > 1 && set->alts[set->n - 1].e[0].word && !strcmp(set->alts[set->n - 1].e[0].word, "PARLEY"));
    /* the image came prepared; a layer that only adds a synset alternative is prepared again too */
    dict_prepare(d);
    CHECK(dict_alt_first_needs(d, talks) != NULL);
    const char *alt = "synset &TALKS = powwow\n";
    dict_read_dyad_text(d, "alt.dyad", alt, strlen(alt));
    CHECK(dict_alt_first_needs(d, talks) == NULL);   /* changed since dict_prepare */
    dict_prepare(d);
    const uint32_t *af = dict_alt_first_needs(d, talks);
    CHECK(af != NULL && af[d->sets[talks].n - 1] != DICT_NEED_NONE);
    /* a second built-in layer is read from the text, over the first */
    CHECK(!dict_default_image(d));
    CHECK_INT(dict_load_default(d), 0);
    dict_free(d);
}

int main(void)
{
    RUN(test_gazetteer_image);
    RUN(test_dict_image);
    RUN(test_layered_over_image);
    return check_done();
}

/* test_dict_tabari.c — unit tests for the TABARI dictionary readers (src/dict/dict_tabari.c): .actors,
   .agents, .verbs, .options and .project files, with smoke tests on ../shared when it is there. */
#include "check.h"
#include "dict/dict.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define FIX "tests/data/dict/tabari/"

static diag quiet;   /* warnings counted, not printed */

static dict *fresh(void)
{
    quiet = (diag){NULL, 0, 0, "dyad"};
    return dict_new(&quiet);
}

/* A phrase as text: words joined by '_' when adjacent, ' ' otherwise; operators as written. */
static const char *text_of(const dict *d, const phrase *p)
{
    static char buf[512];
    size_t n = 0;
    buf[0] = 0;
    for (int i = 0; i < p->n && n < sizeof buf - 64; i++) {
        const pelem *e = &p->e[i];
        if (i) buf[n++] = e->adjacent ? '_' : ' ';
        const char *w = e->kind == PE_WORD ? e->word : e->kind == PE_VERB ? "*" : e->kind == PE_TARGET ? "+"
                      : e->kind == PE_SOURCE ? "$" : e->kind == PE_COMPOUND ? "%" : e->kind == PE_SKIP ? "^"
                      : e->kind == PE_SET ? (d->sets[e->set].name ? d->sets[e->set].name : "{}") : "?";
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", w);
    }
    return buf;
}

static const actor_entry *find_actor(const dict *d, const char *name)
{
    for (int i = 0; i < d->nactors; i++)
        for (int j = 0; j < d->actors[i].nnames; j++)
            if (!strcmp(text_of(d, &d->actors[i].names[j]), name)) return &d->actors[i];
    return NULL;
}

static const agent_entry *find_agent(const dict *d, const char *name)
{
    for (int i = 0; i < d->nagents; i++)
        if (!strcmp(text_of(d, &d->agents[i].name), name)) return &d->agents[i];
    return NULL;
}

static const verb_entry *find_verb(const dict *d, const char *form)
{
    for (int i = 0; i < d->nverbs; i++)
        for (int j = 0; j < d->verbs[i].nforms; j++)
            if (!strcmp(text_of(d, &d->verbs[i].forms[j]), form)) return &d->verbs[i];
    return NULL;
}

static const misc_entry *find_misc(const dict *d, const char *name)
{
    for (int i = 0; i < d->nmisc; i++)
        if (!strcmp(text_of(d, &d->misc[i].name), name)) return &d->misc[i];
    return NULL;
}

/* Is the phrase found through the word index under `word`? */
typedef struct {
    int kind, entry;
    bool hit;
} probe;

static bool probe_fn(const index_item *it, void *ctx)
{
    probe *p = ctx;
    if (it->kind == p->kind && it->entry == p->entry) p->hit = true;
    return true;
}

static bool indexed(const dict *d, const char *word, int kind, const void *entry)
{
    int idx = -1;
    if (kind == IX_ACTOR) idx = (int)((const actor_entry *)entry - d->actors);
    else if (kind == IX_AGENT) idx = (int)((const agent_entry *)entry - d->agents);
    else if (kind == IX_VERB) idx = (int)((const verb_entry *)entry - d->verbs);
    else idx = (int)((const misc_entry *)entry - d->misc);
    probe p = {kind, idx, false};
    dict_lookup(d, word, probe_fn, &p);
    return p.hit;
}

/* ---- actors ---- */

static void test_actors(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_actors(d, FIX "mini.actors"), 0);
    CHECK_INT(d->nactors, 15);
    CHECK_INT(d->read[IX_ACTOR], 15);
    CHECK_INT(d->read[IX_NOUN], 2);
    CHECK_INT(d->read[IX_ADJ], 2);
    /* missing ']', bad character, bad date, a bad code line inside an entry, '+' outside an entry,
       a code line outside an entry, a name without a code */
    CHECK_INT(d->rejected, 7);
    CHECK_INT(quiet.warnings, 7);
    CHECK_INT(quiet.errors, 0);

    /* <NOUN> and <ADJECTIVE> sections */
    const misc_entry *m = find_misc(d, "GOATHERDS");
    CHECK(m != NULL);
    if (m) CHECK(indexed(d, "GOATHERDS", IX_NOUN, m));
    m = find_misc(d, "BORDER_GUARDS");
    CHECK(m != NULL);
    if (m) { CHECK_INT(m->name.e[0].mode, WM_NOUN); CHECK_INT(m->name.e[1].mode, WM_NOUN); }
    m = find_misc(d, "WICKED");
    CHECK(m != NULL);
    if (m) CHECK(indexed(d, "WICKED", IX_ADJ, m));
    CHECK(find_actor(d, "GOATHERDS") == NULL);   /* section words are no actors */

    /* one-line entries */
    const actor_entry *a = find_actor(d, "VALDORIA");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->ncodes, 1);
        CHECK_STR(actor_code_on(a, 20000101), "VAL");
        CHECK_INT(a->at.line, 11);
        CHECK_STR(a->at.file, FIX "mini.actors");
        CHECK_INT(a->names[0].e[0].mode, WM_STEM);
    }
    a = find_actor(d, "KESTRI");
    CHECK(a != NULL);
    if (a) {
        CHECK(indexed(d, "KESTRIA", IX_ACTOR, a));
        CHECK(word_matches(a->names[0].e[0].word, a->names[0].e[0].mode, "KESTRIAN", false));
    }
    a = find_actor(d, "BOROVIA");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->names[0].e[0].mode, WM_NOUN);
        CHECK(!word_matches(a->names[0].e[0].word, a->names[0].e[0].mode, "BOROVIAN", false));
    }
    a = find_actor(d, "KIWI");
    CHECK(a != NULL);
    if (a) CHECK_INT(a->names[0].e[0].mode, WM_FIXED);
    a = find_actor(d, "UNITED KINGDOM");   /* a space: not adjacent */
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "GBR");
    CHECK(find_actor(d, "GREAT_BRITAIN") != NULL);
    a = find_actor(d, "OSTLAND");          /* two codes on one line */
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->ncodes, 2);
        CHECK_STR(actor_code_on(a, 20001231), "OST");
        CHECK_STR(actor_code_on(a, 20010101), "OSTGOV");
    }
    a = find_actor(d, "TRIPLE_ALLIANCE");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "VAL/KES/BOR");
    a = find_actor(d, "BLACK_RIDERS");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "###");
    a = find_actor(d, "CROQUET");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "+++");
    a = find_actor(d, "SCARECROW");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "---");

    /* rejected entries are gone, the good ones around them stay */
    CHECK(find_actor(d, "MISSING_BRACKET") == NULL);
    CHECK(find_actor(d, "BAD_CHARACTER") == NULL);
    CHECK(find_actor(d, "BAD_DATE") == NULL);
    CHECK(find_actor(d, "ORPHAN_SYNONYM") == NULL);
    CHECK(find_actor(d, "NAME_WITHOUT_CODE") == NULL);
    CHECK(find_actor(d, "AFTER_FINISH") == NULL);     /* after ~~FINISH */
    CHECK(find_actor(d, "GOOD_AFTER_ALL") != NULL);

    /* codes on following lines; "<800418" ends the day before */
    a = find_actor(d, "ZIMBABWE");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->ncodes, 2);
        CHECK_STR(actor_code_on(a, 19700101), "RHO");
        CHECK_STR(actor_code_on(a, 19800417), "RHO");
        CHECK_STR(actor_code_on(a, 19800418), "ZWE");
        CHECK_STR(actor_code_on(a, 20200101), "ZWE");
    }

    /* a multi-line entry: synonyms, dated codes, a commented-out and a rejected code line */
    a = find_actor(d, "NELSON_MANDELA");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 3);
        CHECK(find_actor(d, "MADIBA") == a);
        CHECK(find_actor(d, "MANDELA") == a);
        CHECK_INT(a->names[2].e[0].mode, WM_NOUN);
        CHECK(indexed(d, "MADIBA", IX_ACTOR, a));
        CHECK(indexed(d, "MANDELA", IX_ACTOR, a));
        CHECK(indexed(d, "NELSON", IX_ACTOR, a));
        CHECK_INT(a->ncodes, 3);
        CHECK_INT(a->at.line, 29);
        CHECK_STR(actor_code_on(a, 19900211), "ZAFELI");    /* before */
        CHECK_STR(actor_code_on(a, 19940509), "ZAFELI");
        CHECK_STR(actor_code_on(a, 19940510), "ZAFGOV");    /* the range, inclusive */
        CHECK_STR(actor_code_on(a, 19970101), "ZAFGOV");
        CHECK_STR(actor_code_on(a, 19990614), "ZAFGOV");
        CHECK_STR(actor_code_on(a, 19990615), "ZAFELI");    /* ">990614" starts the day after */
        CHECK_STR(actor_code_on(a, 20100101), "ZAFELI");
        if (a->ncodes == 3) {
            CHECK_INT(a->codes[0].from, 0);
            CHECK_INT(a->codes[0].to, 19940509);
            CHECK_INT(a->codes[1].from, 19940510);
            CHECK_INT(a->codes[1].to, 19990614);
            CHECK_INT(a->codes[2].from, 19990615);
            CHECK_INT(a->codes[2].to, 0);
        }
    }

    /* a one-line entry continued by synonyms, one of them with its own code */
    a = find_actor(d, "KESTRIAN_NAVY");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 3);
        CHECK(find_actor(d, "KESTRIAN_FLEET") == a);
        CHECK(find_actor(d, "KESTRIAN_WARSHIPS") == a);
        CHECK_STR(actor_code_on(a, 20000101), "KESNAV");
    }
    dict_free(d);
}

/* '#' and ';' comment lines inside a multi-line entry. */
static void test_actor_comments(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_actors(d, FIX "comments.actors"), 0);
    const actor_entry *a = find_actor(d, "ARDALAN");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 2);
        CHECK_INT(a->ncodes, 2);
        CHECK_STR(actor_code_on(a, 20000101), "ARD");
        CHECK_STR(actor_code_on(a, 20200102), "ARD");   /* the undated code comes first */
    }
    CHECK(find_actor(d, "CORVINIA") != NULL);
    /* Fixed (regression test): a line holding only a ';' comment ends a multi-line actor entry as a blank line does
       (a '#' line does not): BELMARK loses its code line, is rejected as "actor has no [CODE]",
       and its "[BEL]" line is rejected as a code block outside an entry. */
    CHECK_INT(d->nactors, 3);
    CHECK_INT(d->rejected, 0);
    a = find_actor(d, "BELMARK");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "BEL");
    dict_free(d);
}

/* Code blocks that hold a date and no code (TABARI calls them incorrect). */
static void test_actor_date_codes(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_actors(d, FIX "datecodes.actors"), 0);
    const actor_entry *a = find_actor(d, "DELTA_LAND");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20000101), "DEL");
    /* Fixed (regression test): "[991201-010114]" (a date range with no code) and "[AAA950601-990815]" (code and date
       run together) are taken as the actor codes "991201-010114" and "AAA950601-990815" instead of
       being rejected; "[123456]" alone is rejected as "date without a code". */
    CHECK_INT(d->rejected, 3);
    CHECK(find_actor(d, "ALPHA_LAND") == NULL);
    CHECK(find_actor(d, "BETA_LAND") == NULL);
    CHECK(find_actor(d, "GAMMA_LAND") == NULL);
    dict_free(d);
}

/* ---- loading many names, codes and pattern words (arena storage) and the compiled form from a file ---- */

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/dyad-test-load-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    size_t n = strlen(text);
    bool ok = write(fd, text, n) == (ssize_t)n;
    close(fd);
    return ok ? path : NULL;
}

/* An actor of 61 names and 72 codes (a '+' line's codes are read to the line's end, past a comment, as
   ever), and a
   pattern of 40 words with a group of 35: more than any array starts with, so every one must grow. */
static void test_large_entries(void)
{
    char *text = xmalloc(65536);
    size_t n = (size_t)snprintf(text, 65536, "MANYNAME_0 [MNY]\n");
    for (int i = 1; i < 60; i++) n += (size_t)snprintf(text + n, 65536 - n, "+MANYNAME_%d\n", i);
    for (int i = 0; i < 69; i++) n += (size_t)snprintf(text + n, 65536 - n, "[C%02d 9%d0101-9%d1231]\n", i, i % 10, i % 10);
    n += (size_t)snprintf(text + n, 65536 - n, "+LATENAME [LTE] ; formerly [OLD]\n\nOTHER_LAND_ [OTH]\n");
    char *path = write_temp(text);
    CHECK(path != NULL);
    dict *d = fresh();
    if (path) { CHECK_INT(dict_read_tabari_actors(d, path), 0); unlink(path); }
    const actor_entry *a = find_actor(d, "MANYNAME_59");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 61);
        CHECK_INT(a->ncodes, 72);   /* MNY, 69 dated ones, LTE and (a synonym's codes run to the line's end) OLD */
        CHECK_STR(a->codes[70].code, "LTE");
        CHECK_STR(a->codes[71].code, "OLD");
        CHECK_STR(a->codes[69].code, "C68");
        CHECK_INT(a->codes[69].from, 19980101);
        CHECK_STR(text_of(d, &a->names[60]), "LATENAME");
    }
    CHECK(indexed(d, "MANYNAME", IX_ACTOR, a));
    CHECK(find_actor(d, "OTHER_LAND") != NULL);

    n = (size_t)snprintf(text, 65536, "RUN [010]\n- * ");
    for (int i = 0; i < 39; i++) n += (size_t)snprintf(text + n, 65536 - n, "W%d ", i);
    n += (size_t)snprintf(text + n, 65536 - n, "{ ");
    for (int i = 0; i < 35; i++) n += (size_t)snprintf(text + n, 65536 - n, "%sG%d", i ? " | " : "", i);
    snprintf(text + n, 65536 - n, " } [011]\n");
    path = write_temp(text);
    if (path) { CHECK_INT(dict_read_tabari_verbs(d, path), 0); unlink(path); }
    const verb_entry *v = find_verb(d, "RUN");
    CHECK(v != NULL);
    if (v && v->npats == 1) {
        const phrase *p = &v->pats[0].p;
        CHECK_INT(p->n, 41);
        CHECK_STR(p->e[39].word, "W38");
        CHECK_INT(p->e[40].kind, PE_SET);
        const phrase_set *g = &d->sets[p->e[40].set];
        CHECK_INT(g->n, 35);
        if (g->n == 35) CHECK_STR(g->alts[34].e[0].word, "G34");
    } else CHECK(!"RUN has one pattern");

    /* the compiled form read back from its file lends the file's strings: the same entries */
    char dyc[64];
    snprintf(dyc, sizeof dyc, "/tmp/dyad-test-load-%d.dyc", (int)getpid());
    CHECK_INT(dict_write_compiled(d, dyc), 0);
    dict *c = fresh();
    CHECK_INT(dict_read_compiled(c, dyc), 0);
    CHECK_INT(c->nactors, d->nactors);
    a = find_actor(c, "MANYNAME_59");
    CHECK(a && a->nnames == 61 && a->ncodes == 72);
    v = find_verb(c, "RUN");
    CHECK(v && v->npats == 1 && v->pats[0].p.n == 41);
    if (v && v->npats == 1 && v->pats[0].p.n == 41) CHECK_STR(v->pats[0].p.e[39].word, "W38");
    /* it comes prepared (the writer prepared d): every pattern's and name's needs as dict_prepare made d's */
    CHECK(c->words != NULL);
    size_t differ = 0, needs = 0;
    for (int i = 0; i < c->nverbs && i < d->nverbs; i++)
        for (int k = 0; k < c->verbs[i].npats && k < d->verbs[i].npats; k++) {
            const verb_pattern *x = &c->verbs[i].pats[k], *y = &d->verbs[i].pats[k];
            differ += x->nneed != y->nneed || (x->nneed && memcmp(x->need, y->need, (size_t)x->nneed * sizeof *x->need));
            needs += (size_t)x->nneed;
        }
    for (size_t k = 0; k < c->nbuckets && c->nbuckets == d->nbuckets; k++)
        for (const index_item *x = c->buckets[k], *y = d->buckets[k]; x && y; x = x->next, y = y->next) {
            differ += x->nneed != y->nneed || (x->nneed && memcmp(x->need, y->need, (size_t)x->nneed * sizeof *x->need));
            needs += (size_t)x->nneed;
            /* the loader works out each item's key in entry order (name_keys_of), not from its phrase: the
               same word, shape and entry as the text load's item, in the same chain order */
            differ += x->len != y->len || strcmp(x->word, y->word) != 0 || x->mode != y->mode || x->kind != y->kind ||
                      x->shape != y->shape || x->entry != y->entry || x->name != y->name;
        }
    CHECK_INT(differ, 0);
    CHECK_INT(c->nitems, d->nitems);
    CHECK(needs >= 40);
    /* actors' codes are lent from the mapped file: the same codes as d's */
    size_t code_differ = 0;
    for (int i = 0; i < c->nactors && c->nactors == d->nactors; i++)
        code_differ += c->actors[i].ncodes != d->actors[i].ncodes ||
                       memcmp(c->actors[i].codes, d->actors[i].codes, (size_t)d->actors[i].ncodes * sizeof(dated_code));
    CHECK_INT(code_differ, 0);
    /* c's file is mapped while c lives: compiling to it again writes a new file and renames it over the old,
       which leaves c's bytes whole. Here an empty dictionary, much shorter: written in place, it would cut c's
       mapping short, and reading c's last strings below would end the test (SIGBUS). No file is left beside. */
    dict *empty = fresh();
    CHECK_INT(dict_write_compiled(empty, dyc), 0);
    dict_free(empty);
    v = find_verb(c, "RUN");
    CHECK(v && v->npats == 1 && v->pats[0].p.n == 41);
    if (v && v->npats == 1 && v->pats[0].p.n == 41) CHECK_STR(v->pats[0].p.e[39].word, "W38");
    char beside[96];
    snprintf(beside, sizeof beside, "%s.tmp-%d", dyc, (int)getpid());
    CHECK(access(beside, F_OK) != 0);
    CHECK_INT(dict_write_compiled(d, dyc), 0);
    dict_free(c);
    /* dict_map_file: an empty file is refused (EINVAL), a missing one too (ENOENT) */
    char *none = write_temp("");
    size_t mlen = 99;
    c = fresh();
    errno = 0;
    CHECK(none && dict_map_file(c, none, &mlen) == NULL && errno == EINVAL && mlen == 99);
    if (none) unlink(none);
    errno = 0;
    CHECK(dict_map_file(c, "/nonexistent/dyad.dyc", &mlen) == NULL && errno == ENOENT);
    dict_free(c);
    /* an actor's code that fills its bytes with no NUL (a damaged file) is refused, lent or not */
    size_t clen;
    char *cbytes = read_file(dyc, &clen);
    char *code = NULL;
    for (size_t i = 0; cbytes && !code && i + sizeof(dated_code) <= clen; i++)
        if (!memcmp(cbytes + i, "C05", 4)) code = cbytes + i;
    CHECK(code != NULL);
    if (code) {
        memset(code, 'X', ACTOR_CODE_MAX);
        FILE *f = fopen(dyc, "wb");
        if (f) { fwrite(cbytes, 1, clen, f); fclose(f); }
        dict *bad = fresh();
        CHECK_INT(dict_read_compiled(bad, dyc), -1);
        dict_free(bad);
        CHECK_INT(dict_write_compiled(d, dyc), 0);
    }
    free(cbytes);
    /* cut short inside what dict_prepare worked out (its last count): damaged */
    size_t flen;
    char *fbytes = read_file(dyc, &flen);
    if (fbytes && flen > 4) {
        FILE *f = fopen(dyc, "wb");
        if (f) { fwrite(fbytes, 1, flen - 4, f); fclose(f); }
        c = fresh();
        CHECK_INT(dict_read_compiled(c, dyc), -1);
        dict_free(c);
        f = fopen(dyc, "wb");
        if (f) { fwrite(fbytes, 1, flen, f); fclose(f); }
    }
    free(fbytes);
    /* a NUL inside a word (a damaged file) is still refused, though strings are lent */
    size_t len;
    char *bytes = read_file(dyc, &len);
    char *w = NULL;
    for (size_t i = 0; bytes && !w && i + 8 <= len; i++)
        if (!memcmp(bytes + i, "MANYNAME", 8)) w = bytes + i;
    CHECK(w != NULL);
    if (w) {
        w[3] = 0;
        FILE *f = fopen(dyc, "wb");
        if (f) { fwrite(bytes, 1, len, f); fclose(f); }
        c = fresh();
        CHECK_INT(dict_read_compiled(c, dyc), -1);
        dict_free(c);
    }
    free(bytes);
    unlink(dyc);
    dict_free(d);
    free(text);
}

/* The texts table of a .dyc (put_texts) in bytes[0 .. len): where its count lies (after the header and the files'
   table), or 0 when the file is too short. The layout is dict_compile.c's, for the damage tests below. */
static size_t dyc_texts_at(const char *bytes, size_t len)
{
    size_t at = 8 + 3 * 4 + sizeof(code_options) + 13 * sizeof(long) + 8;
    uint32_t nfiles, n;
    if (at + 4 > len) return 0;
    memcpy(&nfiles, bytes + at, 4);
    at += 4;
    for (uint32_t i = 0; i < nfiles; i++) {
        if (at + 4 > len) return 0;
        memcpy(&n, bytes + at, 4);
        at += 4 + (n == UINT32_MAX ? 0 : (size_t)n + 1);
    }
    return at + 4 <= len ? at : 0;
}

/* The .dyc of d with one change (change(bytes, len, ctx) says whether it made it) refused: -1 from the load. */
static void dyc_refused(const dict *d, const char *what, bool (*change)(char *bytes, size_t len))
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/dyad-test-texts-%d.dyc", (int)getpid());
    CHECK_INT(dict_write_compiled(d, path), 0);
    size_t len;
    char *bytes = read_file(path, &len);
    bool changed = bytes && change(bytes, len);
    if (!changed) fprintf(stderr, "  %s: nothing to change\n", what);
    CHECK(changed);
    if (changed) {
        FILE *f = fopen(path, "wb");
        if (f) { fwrite(bytes, 1, len, f); fclose(f); }
        dict *c = fresh();
        int r = dict_read_compiled(c, path);
        if (r != -1) fprintf(stderr, "  %s: not refused\n", what);
        CHECK_INT(r, -1);
        dict_free(c);
    }
    free(bytes);
    unlink(path);
}

/* texts' count n at t, offsets at t + 4, bytes after the n + 1 offsets */
static uint32_t texts_n(const char *b, size_t t) { uint32_t n; memcpy(&n, b + t, 4); return n; }
static uint32_t text_off(const char *b, size_t t, uint32_t i) { uint32_t o; memcpy(&o, b + t + 4 + 4 * (size_t)i, 4); return o; }

static bool texts_not_rising(char *b, size_t len)
{
    size_t t = dyc_texts_at(b, len);
    if (!t || texts_n(b, t) < 3) return false;
    uint32_t next = text_off(b, t, 2);
    memcpy(b + t + 4 + 4, &next, 4);   /* text 1 starts where text 2 does */
    return true;
}

static bool text_without_nul(char *b, size_t len)
{
    size_t t = dyc_texts_at(b, len);
    if (!t || texts_n(b, t) < 2) return false;
    size_t bytes = t + 4 + 4 * ((size_t)texts_n(b, t) + 1);
    b[bytes + text_off(b, t, 1) - 1] = 'X';   /* text 0's NUL */
    return true;
}

static bool texts_past_end(char *b, size_t len)
{
    size_t t = dyc_texts_at(b, len);
    if (!t || !texts_n(b, t)) return false;
    uint32_t n = texts_n(b, t), huge = (uint32_t)len;
    memcpy(b + t + 4 + 4 * (size_t)n, &huge, 4);   /* the last offset past the file's end */
    return true;
}

/* The first set's first alternative's first element (the entries start, 8-aligned, after the texts): its word's
   text index set to `to`. */
static bool first_elem_text(char *b, size_t len, uint32_t to)
{
    size_t t = dyc_texts_at(b, len);
    if (!t) return false;
    size_t at = t + 4 + 4 * ((size_t)texts_n(b, t) + 1) + text_off(b, t, texts_n(b, t));
    at = (at + 7) & ~(size_t)7;
    uint32_t nsets, na, ne;
    if (at + 4 > len) return false;
    memcpy(&nsets, b + at, 4);
    at += 4;
    if (!nsets || at + 4 > len) return false;
    at += 4;   /* the set's name: its text's index */
    if (at + 8 > len) return false;
    memcpy(&na, b + at, 4);
    memcpy(&ne, b + at + 4, 4);
    at += 8;
    if (!na || !ne || at + 12 > len || b[at] != PE_WORD) return false;
    memcpy(b + at + 8, &to, 4);
    return true;
}

static bool elem_text_out_of_range(char *b, size_t len)
{
    size_t t = dyc_texts_at(b, len);
    return t && first_elem_text(b, len, texts_n(b, t));
}

static bool word_without_text(char *b, size_t len) { return first_elem_text(b, len, UINT32_MAX); }

/* The token texts' section (put_token_texts), the file's last: its header {1, slots, lg, texts, longest, others},
   then (32-aligned) the slots, the bits, the others and the starts, to the end. Where its slots start, or 0. */
static size_t token_slots_at(const char *b, size_t len)
{
    for (size_t at = 0; at + 24 <= len; at += 4) {
        uint32_t h[6];
        memcpy(h, b + at, sizeof h);
        if (h[0] != 1 || h[1] < 64 || (h[1] & (h[1] - 1)) || h[2] < 6 || h[2] > 31) continue;
        size_t slots = (at + 24 + 31) & ~(size_t)31;
        size_t end = slots + (size_t)h[1] * 32 + ((size_t)1 << h[2]) / 64 * 8 + (size_t)h[5] * 8 + sizeof(word_starts);
        if (end == len) return slots;
    }
    return 0;
}

/* The offset of the first token slot (32 bytes: its entry `at` at 16, its word's length at 28) that pick takes, or 0. */
static size_t token_slot_where(const char *b, size_t len, bool (*pick)(uint16_t n, uint32_t entry, bool arg), bool arg)
{
    size_t s = token_slots_at(b, len);
    for (size_t at = s; s && at + 32 <= len; at += 32) {
        uint16_t n;
        uint32_t entry;
        memcpy(&n, b + at + 28, 2);
        memcpy(&entry, b + at + 16, 4);
        if (pick(n, entry, arg)) return at;
    }
    return 0;
}

static bool slot_in_use(uint16_t n, uint32_t entry, bool unused) { (void)unused; return n && entry; }

/* The first slot in use: its entry (`at`) past the word table */
static bool token_slot_past_table(char *b, size_t len)
{
    size_t at = token_slot_where(b, len, slot_in_use, false);
    if (!at) return false;
    uint32_t entry = 0xFFFFFFF0u;
    memcpy(b + at + 16, &entry, 4);
    return true;
}

static bool slot_long(uint16_t n, uint32_t entry, bool of_table) { return n > 16 && (entry != 0) == of_table; }

/* ... or the length of one of more than sixteen bytes (whose bytes past the slot's are read from its word) one more
   than its word's: a word of the table's (`at` set) or an index group's only */
static bool token_slot_longer(char *b, size_t len, bool of_table)
{
    size_t at = token_slot_where(b, len, slot_long, of_table);
    if (!at) return false;
    uint16_t n;
    memcpy(&n, b + at + 28, 2);
    n++;
    memcpy(b + at + 28, &n, 2);
    return true;
}

static bool table_slot_longer(char *b, size_t len) { return token_slot_longer(b, len, true); }

/* The groups' section (dict_groups_write): {1, slots, groups, lg, items}, then (64-aligned) the slots (32 bytes: head,
   0, hash, len, first, count and modes), the bits, the items' places and the starts; the token texts' flag (1) after.
   Where the slots start (their count and the items' at *nslots, *nitems), or 0. */
static size_t group_slots_at(const char *b, size_t len, uint32_t *nslots, uint32_t *nitems, uint32_t *lg)
{
    for (size_t at = 0; at + 20 <= len; at += 4) {
        uint32_t h[5];
        memcpy(h, b + at, sizeof h);
        if (h[0] != 1 || h[1] < 64 || (h[1] & (h[1] - 1)) || h[2] >= h[1] || h[3] < 9 || h[3] > 31) continue;
        size_t slots = (at + 20 + 63) & ~(size_t)63;
        size_t end = slots + (size_t)h[1] * 32 + ((size_t)1 << h[3]) / 64 * 8 + (size_t)h[4] * 4 + sizeof(word_starts);
        uint32_t next;
        if (end + 4 > len) continue;
        memcpy(&next, b + end, 4);
        if (next != 1) continue;
        *nslots = h[1], *nitems = h[4], *lg = h[3];
        return slots;
    }
    return 0;
}

/* The first group's count so large that its items run past the index */
static bool group_past_items(char *b, size_t len)
{
    uint32_t n, items, lg;
    size_t s = group_slots_at(b, len, &n, &items, &lg);
    for (uint32_t i = 0; s && i < n; i++) {
        uint32_t cm;
        memcpy(&cm, b + s + 32 * (size_t)i + 28, 4);
        if (!(cm & 0xffffff)) continue;
        cm = (cm & 0xff000000u) | (items + 1);
        memcpy(b + s + 32 * (size_t)i + 28, &cm, 4);
        return true;
    }
    return false;
}

/* An item's place past the index */
static bool group_item_past(char *b, size_t len)
{
    uint32_t n, items, lg;
    size_t s = group_slots_at(b, len, &n, &items, &lg);
    if (!s || !items) return false;
    size_t places = s + (size_t)n * 32 + ((size_t)1 << lg) / 64 * 8;
    uint32_t past = items;
    memcpy(b + places + 4 * (size_t)(items / 2), &past, 4);
    return true;
}

/* The interned words' table (put_prepared): after intern's hash of a fixed text, the count of slots, then (4-aligned)
   the slots. Where they start (their count at *n), or 0. */
static size_t word_slots_at(const char *b, size_t len, uint32_t *n)
{
    const char fixed[] = "DYAD word table";
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof fixed - 1; i++) h = (h ^ (unsigned char)fixed[i]) * 16777619u;
    for (size_t at = 0; at + 8 <= len; at++) {
        uint32_t v;
        memcpy(&v, b + at, 4);
        if (v != h) continue;
        memcpy(n, b + at + 4, 4);
        size_t slots = (at + 8 + 3) & ~(size_t)3;
        return slots + 4 * (size_t)*n <= len ? slots : 0;
    }
    return 0;
}

static bool word_slot_past_table(char *b, size_t len)
{
    uint32_t n;
    size_t s = word_slots_at(b, len, &n);
    if (!s || !n) return false;
    int32_t past = 1 << 30;
    memcpy(b + s + 4 * (size_t)(n / 2), &past, 4);
    return true;
}

static bool word_slots_full(char *b, size_t len)
{
    uint32_t n;
    size_t s = word_slots_at(b, len, &n);
    if (!s) return false;
    for (uint32_t i = 0; i < n; i++) {
        int32_t v;
        memcpy(&v, b + s + 4 * (size_t)i, 4);
        if (v < 0) v = 0, memcpy(b + s + 4 * (size_t)i, &v, 4);   /* no empty slot: a probe for an absent text never ends */
    }
    return true;
}
static bool group_slot_longer(char *b, size_t len) { return token_slot_longer(b, len, false); }

/* A .dyc names each phrase's word by its place in a table of texts, checked once at load: a table whose
   offsets do not rise, whose text lacks its NUL or runs past the file, or an element naming no text or one past
   the table, is a damaged file. */
static void test_compiled_texts(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_verbs(d, FIX "mini.verbs"), 0);   /* its first set's first word: RUPEE */
    CHECK(d->nsets >= 1);
    /* words of more than sixteen bytes: a verb's (an index group's only) and a pattern's (the word table's only) */
    char *longer = write_temp("INTERNATIONALIZED_  [010]\n- * CONSTITUTIONALITY +  [011]\n");
    CHECK(longer && dict_read_tabari_verbs(d, longer) == 0);
    if (longer) unlink(longer);
    static const struct {
        const char *what;
        bool (*damage)(char *, size_t);
    } cases[] = {
        {"offsets not rising", texts_not_rising},
        {"a text without its NUL", text_without_nul},
        {"a text past the end", texts_past_end},
        {"an element's text past the table", elem_text_out_of_range},
        {"a word element without a text", word_without_text},
        {"a token text's entry past the table", token_slot_past_table},
        {"a word slot past the words", word_slot_past_table},
        {"a group's items past the index", group_past_items},
        {"an item's place past the index", group_item_past},
        {"no empty word slot", word_slots_full},
        {"a token text longer than its word (of the table)", table_slot_longer},
        {"a token text longer than its word (of a group)", group_slot_longer},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) dyc_refused(d, cases[i].what, cases[i].damage);
    /* unchanged, the same file loads */
    char ok[64];
    snprintf(ok, sizeof ok, "/tmp/dyad-test-texts-ok-%d.dyc", (int)getpid());
    CHECK_INT(dict_write_compiled(d, ok), 0);
    dict *c = fresh();
    CHECK_INT(dict_read_compiled(c, ok), 0);
    CHECK_INT(c->nverbs, d->nverbs);
    CHECK(dict_token_texts_same(c));
    CHECK(dict_word_table_same(c));
    CHECK(dict_groups_same_built(c));
    if (c->nsets >= 1 && d->nsets >= 1 && c->sets[0].n && d->sets[0].n)
        CHECK_STR(c->sets[0].alts[0].e[0].word, d->sets[0].alts[0].e[0].word);
    dict_free(c);
    unlink(ok);
    dict_free(d);
}

/* ---- agents ---- */

static void test_agents(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_agents(d, FIX "mini.agents"), 0);
    CHECK_INT(d->nagents, 8);
    CHECK_INT(d->read[IX_AGENT], 8);
    CHECK_INT(d->rejected, 3);   /* no [code], a code without '~', "[~]" */

    const agent_entry *a = find_agent(d, "MINISTER");
    CHECK(a != NULL);
    if (a) {
        CHECK_STR(a->code, "GOV");
        CHECK(!a->prefix);
        CHECK_INT(a->name.e[0].mode, WM_NOUN);
        CHECK_INT(a->at.line, 2);
        CHECK(indexed(d, "MINISTERS", IX_AGENT, a));
    }
    a = find_agent(d, "FOREIGN_MINISTER");
    CHECK(a != NULL);
    if (a) { CHECK_STR(a->code, "GOVFRM"); CHECK(!a->prefix); }
    a = find_agent(d, "HUMAN_RIGHTS_ACTIVISTS");
    CHECK(a != NULL);
    if (a) { CHECK_STR(a->code, "NGM"); CHECK(a->prefix); }
    a = find_agent(d, "REBEL");
    CHECK(a != NULL);
    if (a) {
        CHECK_STR(a->code, "REB");
        CHECK_INT(a->name.e[0].mode, WM_STEM);
        CHECK(indexed(d, "REBELLION", IX_AGENT, a));
    }
    a = find_agent(d, "POLICE");
    CHECK(a != NULL);
    if (a) CHECK_STR(a->code, "COP");
    /* braces list other forms of the same agent */
    a = find_agent(d, "ENVOY");
    const agent_entry *b = find_agent(d, "ENVOYS");
    CHECK(a != NULL && b != NULL && a != b);
    if (a && b) { CHECK_STR(b->code, "GOV"); CHECK_INT(b->at.line, a->at.line); }
    CHECK(find_agent(d, "NO_CODE_AGENT") == NULL);
    CHECK(find_agent(d, "COUNTRY_CODE_AGENT") == NULL);
    CHECK(find_agent(d, "EMPTY_AGENT") == NULL);
    CHECK(find_agent(d, "AFTER_FINISH") == NULL);
    dict_free(d);
}

/* ---- verbs ---- */

static void test_verbs(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_verbs(d, FIX "mini.verbs"), 0);
    CHECK_INT(d->nverbs, 12);
    CHECK_INT(d->read[IX_VERB], 12);
    CHECK_INT(d->read[0], 6);         /* synset members */
    CHECK_INT(d->read[IX_TIME], 6);
    /* stray synset member, time entry without shift, pattern and forms before any verb, pattern
       without code, pattern without '*', unclosed '{', bad pattern code, verb without code, a
       pattern after it, verb with a bad code */
    CHECK_INT(d->rejected, 11);

    /* synsets */
    const phrase_set *s = &d->sets[dict_synset(d, "&CURRENCY")];
    CHECK_INT(s->n, 3);
    if (s->n == 3) {
        CHECK_STR(text_of(d, &s->alts[0]), "RUPEE");
        CHECK_INT(s->alts[0].e[0].mode, WM_STEM);
        CHECK_INT(s->alts[1].e[0].mode, WM_EXACT);   /* "EURO_" */
        CHECK_STR(text_of(d, &s->alts[2]), "STERLING_POUND");
    }
    CHECK_INT(d->sets[dict_synset(d, "&LINKS")].n, 3);

    /* <TIME> */
    const misc_entry *m = find_misc(d, "YESTERDAY");
    CHECK(m != NULL);
    if (m) { CHECK_INT(m->shift_days, -1); CHECK_INT(m->code.flags, 0); CHECK(indexed(d, "YESTERDAY", IX_TIME, m)); }
    m = find_misc(d, "FORTNIGHT_AGO");
    CHECK(m != NULL);
    if (m) CHECK_INT(m->shift_days, -14);
    m = find_misc(d, "IN_TEN_DAYS");
    CHECK(m != NULL);
    if (m) CHECK_INT(m->shift_days, 10);
    m = find_misc(d, "LONG_LONG_AGO");
    CHECK(m != NULL);
    if (m) CHECK_INT(m->code.flags, CF_DISCARD);
    m = find_misc(d, "WHEN_PIGS_FLY");
    CHECK(m != NULL);
    if (m) CHECK_INT(m->code.flags, CF_COMPLEX);
    m = find_misc(d, "SOMEDAY");
    CHECK(m != NULL);
    if (m) CHECK_INT(m->code.flags, CF_NULL);
    CHECK(find_misc(d, "NO_SHIFT_HERE") == NULL);

    /* a root with patterns */
    const verb_entry *v = find_verb(d, "RESTORE");
    CHECK(v != NULL);
    if (v) {
        CHECK_STR(v->code.code, "064");
        CHECK_STR(v->text, "RESTORE");
        CHECK_INT(v->at.line, 25);
        CHECK_INT(v->forms[0].e[0].mode, WM_STEM);
        CHECK(indexed(d, "RESTORED", IX_VERB, v));
        CHECK_INT(v->npats, 3);
    }
    if (v && v->npats == 3) {
        const verb_pattern *p = &v->pats[0];
        CHECK_STR(p->text, "* FULL_DIPLOMATIC_TIES");
        CHECK_INT(p->verb_at, 0);
        CHECK_STR(p->code.code, "064");
        CHECK_INT(p->p.n, 4);
        CHECK_INT(p->words, 3);
        CHECK_INT(p->at.line, 26);
        p = &v->pats[1];
        CHECK_STR(text_of(d, &p->p), "* &LINKS TIES");
        CHECK_INT(p->p.e[1].set, dict_synset(d, "&LINKS"));
        CHECK_STR(p->code.code, "061");
        p = &v->pats[2];
        CHECK_STR(p->text, "SAID_* TO RESUME_TALKS");
        CHECK_INT(p->verb_at, 1);          /* one word before the verb: the upper part */
        CHECK_INT(p->p.e[1].adjacent, 1);
        CHECK_INT(p->p.e[0].mode, WM_EXACT);
        CHECK_STR(p->code.code, "036");
        CHECK_INT(p->words, 4);
    }

    /* '_' roots and '=' roots */
    v = find_verb(d, "DEPART");
    CHECK(v != NULL);
    if (v) {
        CHECK_INT(v->forms[0].e[0].mode, WM_VERB);
        CHECK(indexed(d, "DEPARTING", IX_VERB, v));
        CHECK_INT(v->npats, 0);
    }
    v = find_verb(d, "BAN");
    CHECK(v != NULL);
    if (v) { CHECK_INT(v->forms[0].e[0].mode, WM_FIXED); CHECK(!indexed(d, "BANNED", IX_VERB, v)); }

    /* { forms } */
    v = find_verb(d, "BREAK");
    CHECK(v != NULL);
    if (v) {
        CHECK_INT(v->nforms, 4);
        CHECK(find_verb(d, "BROKE") == v);
        CHECK(find_verb(d, "BROKEN_OFF") == v);
        CHECK(indexed(d, "BROKE", IX_VERB, v));
        CHECK_INT(v->forms[1].e[0].mode, WM_VERB);
        CHECK_INT(v->npats, 2);
    }
    if (v && v->npats == 2) {
        const verb_pattern *p = &v->pats[0];
        CHECK_INT(p->verb_at, 1);
        CHECK_INT(p->p.e[0].kind, PE_TARGET);
        CHECK_INT(p->p.e[3].kind, PE_SOURCE);
        CHECK_STR(p->code.code, "161");
        CHECK_INT(p->words, 3);            /* + FROM $ */
    }

    /* paired, dominant and weak codes */
    v = find_verb(d, "ARRIVE");
    CHECK(v != NULL);
    if (v) { CHECK_STR(v->code.code, "032"); CHECK_STR(v->code.code2, "033"); }
    v = find_verb(d, "ATTEND");
    CHECK(v != NULL);
    if (v) { CHECK_STR(v->code.code, "031"); CHECK_INT(v->code.flags, CF_DOMINANT); }
    v = find_verb(d, "REPORT");
    CHECK(v != NULL);
    if (v) { CHECK_STR(v->code.code, "023"); CHECK_INT(v->code.flags, CF_WEAK); }

    /* patterns with every operator; the malformed ones are rejected and the good ones stay */
    v = find_verb(d, "MEET");
    CHECK(v != NULL);
    if (v) CHECK_INT(v->npats, 3);
    if (v && v->npats == 3) {
        CHECK_STR(text_of(d, &v->pats[0].p), "% *");
        CHECK_INT(v->pats[0].p.e[0].kind, PE_COMPOUND);
        CHECK_INT(v->pats[0].verb_at, 1);
        CHECK_STR(text_of(d, &v->pats[1].p), "$ * WITH +");
        CHECK_INT(v->pats[1].verb_at, 1);
        CHECK_STR(text_of(d, &v->pats[2].p), "* ^ WITH +");
        CHECK_INT(v->pats[2].p.e[1].kind, PE_SKIP);
        CHECK_INT(v->pats[2].at.line, 41);
    }

    /* null, discard and complex roots */
    v = find_verb(d, "ACCORD");
    CHECK(v != NULL);
    if (v) {
        CHECK_INT(v->code.flags, CF_NULL);
        CHECK_INT(v->npats, 1);
        if (v->npats) CHECK_STR(v->pats[0].code.code, "081");
    }
    v = find_verb(d, "PLAY_FOOTBALL");
    CHECK(v != NULL);
    if (v) CHECK_INT(v->code.flags, CF_DISCARD);
    v = find_verb(d, "FLY_KITES");
    CHECK(v != NULL);
    if (v) { CHECK_INT(v->code.flags, CF_COMPLEX); CHECK_INT(v->npats, 0); }

    /* groups and synsets in patterns */
    v = find_verb(d, "GIVE");
    CHECK(v != NULL);
    if (v) CHECK_INT(v->npats, 2);
    if (v && v->npats == 2) {
        const pelem *e = &v->pats[0].p.e[1];
        CHECK_INT(e->kind, PE_SET);
        CHECK(d->sets[e->set].name == NULL);
        CHECK_INT(d->sets[e->set].n, 2);
        CHECK_INT(v->pats[1].p.e[1].set, dict_synset(d, "&CURRENCY"));
        CHECK_STR(v->pats[1].code.code, "071");
    }

    CHECK(find_verb(d, "NO_CODE_VERB") == NULL);
    CHECK(find_verb(d, "BAD_CODE_VERB") == NULL);
    CHECK(find_verb(d, "ORPHAN_FORMS") == NULL);
    CHECK(find_verb(d, "AFTER_FINISH") == NULL);
    dict_free(d);
}

/* ---- options ---- */

static void test_options(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_options(d, FIX "mini.options"), 0);
    CHECK_INT(d->rejected, 1);        /* NONSENSE: LINE; the line after ~~ is not read */
    CHECK_INT(d->opt.max_verbs, 4);
    CHECK_INT(d->opt.max_conj, 3);
    CHECK(d->opt.noactprior);
    CHECK_INT(d->opt.code_by, CODE_ALL);
    CHECK_INT(d->opt.min_words, 3);
    CHECK_INT(d->opt.forward, 2);
    CHECK_STR(d->opt.default_source, "DEF");
    CHECK_STR(d->opt.default_target, "TGT");
    CHECK(!d->opt.default_prior);
    CHECK(d->opt.default_after);
    CHECK_INT(d->opt.comma_min, 3);
    CHECK_INT(d->opt.comma_max, 7);
    CHECK_INT(d->opt.comma_emax, 10);   /* untouched */
    dict_free(d);
}

/* ---- project ---- */

static void test_project(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_project(d, FIX "mini.project"), 0);
    CHECK_INT(d->nactors, 15);
    CHECK_INT(d->nagents, 8);
    CHECK_INT(d->nverbs, 12);
    CHECK_INT(d->read[IX_TIME], 6);
    CHECK_INT(d->rejected, 7 + 3 + 11 + 1);
    CHECK_INT(quiet.errors, 0);
    /* files found beside the project, in the project's order */
    CHECK_INT(d->nfiles, 4);
    if (d->nfiles == 4) {
        CHECK_STR(d->files[0], FIX "mini.actors");
        CHECK_STR(d->files[1], FIX "mini.verbs");
        CHECK_STR(d->files[2], FIX "mini.agents");
        CHECK_STR(d->files[3], FIX "mini.options");
    }
    /* a project is TABARI: its style, and the options file overrides TABARI's defaults */
    CHECK_INT(d->opt.style, STYLE_TABARI);
    CHECK_INT(d->opt.min_words, 3);
    CHECK_INT(d->opt.forward, 2);
    CHECK_INT(d->opt.code_by, CODE_ALL);
    const verb_entry *v = find_verb(d, "BREAK");
    CHECK(v != NULL);
    if (v) CHECK_STR(v->at.file, FIX "mini.verbs");
    dict_free(d);

    /* dict_load dispatches on the name */
    d = fresh();
    CHECK_INT(dict_load(d, FIX "mini.project"), 0);
    CHECK_INT(d->nactors, 15);
    CHECK_INT(d->nverbs, 12);
    dict_free(d);
    d = fresh();
    CHECK_INT(dict_load(d, FIX "mini.actors"), 0);
    CHECK_INT(d->nactors, 15);
    CHECK_INT(d->nverbs, 0);
    CHECK_INT(d->opt.style, STYLE_DYAD);   /* a lone file does not change the style */
    dict_free(d);
    d = fresh();
    CHECK_INT(dict_load(d, FIX "mini.agents"), 0);
    CHECK_INT(d->nagents, 8);
    dict_free(d);
    d = fresh();
    CHECK_INT(dict_load(d, FIX "mini.verbs"), 0);
    CHECK_INT(d->nverbs, 12);
    dict_free(d);
    d = fresh();
    CHECK_INT(dict_load(d, FIX "mini.options"), 0);
    CHECK_INT(d->opt.max_verbs, 4);
    dict_free(d);
    d = fresh();
    CHECK_INT(dict_load(d, FIX "mini.text"), -1);   /* not there */
    CHECK_INT(quiet.errors, 1);
    dict_free(d);
}

/* ---- missing files ---- */

static void test_missing(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_tabari_actors(d, FIX "no-such-file.actors"), -1);
    CHECK_INT(dict_read_tabari_agents(d, FIX "no-such-file.agents"), -1);
    CHECK_INT(dict_read_tabari_verbs(d, FIX "no-such-file.verbs"), -1);
    CHECK_INT(dict_read_tabari_options(d, FIX "no-such-file.options"), -1);
    CHECK_INT(dict_read_tabari_project(d, FIX "no-such-file.project"), -1);
    CHECK_INT(quiet.errors, 5);
    CHECK_INT(d->nactors + d->nagents + d->nverbs, 0);
    dict_free(d);

    /* a project naming a missing file: -1, and what could be read is read */
    d = fresh();
    CHECK_INT(dict_read_tabari_project(d, FIX "missing.project"), -1);
    CHECK_INT(quiet.errors, 1);
    CHECK_INT(d->nactors, 0);
    CHECK_INT(d->nverbs, 12);
    dict_free(d);
}

/* ---- the shared TABARI files ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_shared_validate(void)
{
    const char *path = "../shared/gold/tabari-validate/Validate.project";
    if (access(path, R_OK) != 0) { printf("SKIP %s: not found\n", path); return; }
    dict *d = fresh();
    double t = now();
    CHECK_INT(dict_read_tabari_project(d, path), 0);
    printf("Validate.project: %d actors, %d agents, %d verbs, %ld rejected in %.1f ms\n", d->nactors, d->nagents,
           d->nverbs, d->rejected, (now() - t) * 1000);
    /* counted by hand: entries before ~~FINISH, outside <NOUN>/<ADJECTIVE>; every agent line; every
       verb root; the <TIME> entries that are not patterns */
    CHECK_INT(d->nactors, 120);
    CHECK_INT(d->nagents, 86);
    CHECK_INT(d->nverbs, 283);
    CHECK_INT(d->read[IX_NOUN], 8);
    CHECK_INT(d->read[IX_ADJ], 5);
    CHECK_INT(d->read[IX_TIME], 10);
    CHECK_INT(d->rejected, 0);   /* the broken code blocks in TABARI.Demo.actors are commented out */
    CHECK_INT(d->opt.max_verbs, 5);
    CHECK_INT(d->opt.max_conj, 4);
    CHECK(d->opt.noactprior);
    CHECK_INT(d->opt.style, STYLE_TABARI);
    /* entries the suite leans on */
    const actor_entry *a = find_actor(d, "GOLLUM");
    CHECK(a != NULL);
    if (a) {
        CHECK(find_actor(d, "SMEAGOL") == a);
        CHECK_INT(a->ncodes, 3);   /* the two broken code lines are commented out with '#' */
        CHECK_STR(actor_code_on(a, 19920102), "HOB");
        CHECK_STR(actor_code_on(a, 19970101), "HOBGOV");
        CHECK_STR(actor_code_on(a, 20000101), "HOBREB");
    }
    const verb_entry *v = find_verb(d, "BREAK");
    CHECK(v != NULL);
    if (v) CHECK(find_verb(d, "BROKEN_DOWN") == v);
    CHECK(d->sets[dict_synset(d, "&CURRENCY")].n > 5);
    dict_free(d);
}

/* Every item dict_lookup calls back, in order, into a list. */
typedef struct {
    const index_item **it;
    size_t n, cap;
} item_list;

static bool collect_item(const index_item *it, void *ctx)
{
    item_list *l = ctx;
    GROW(l->it, l->cap, l->n);
    l->it[l->n++] = it;
    return true;
}

/* dict_lookup through the grouped index (dict_group_index) finds what the plain bucket walk finds, in the
   same order: for every first word of the index, longer words it may begin ("-S", "-ING", an unrelated
   tail) and its shorter prefixes. */
static void same_lookups_grouped(dict *d)
{
    dict_prepare(d);
    CHECK(d->groups != NULL);
    item_list a = {0}, b = {0};
    size_t words = 0, differ = 0, found = 0;
    char w[300];
    static const char *const tails[] = {"", "S", "ING", "XQZ"};
    for (size_t k = 0; k < d->nbuckets; k++)
        for (const index_item *it = d->buckets[k]; it; it = it->next) {
            for (size_t t = 0; t < 4 + it->len && it->len < 200; t++) {
                if (t < 4) snprintf(w, sizeof w, "%s%s", it->word, tails[t]);
                else snprintf(w, sizeof w, "%.*s", (int)(t - 4), it->word);   /* its prefixes */
                struct dict_groups *g = d->groups;
                a.n = b.n = 0;
                dict_lookup(d, w, collect_item, &b);   /* grouped */
                d->groups = NULL;
                dict_lookup(d, w, collect_item, &a);   /* the buckets walked */
                d->groups = g;
                words++;
                found += a.n;
                differ += a.n != b.n || (a.n && memcmp(a.it, b.it, a.n * sizeof *a.it) != 0);
            }
        }
    CHECK(words > 100000);
    CHECK(found > 100000);
    CHECK_INT((long)differ, 0);
    free(a.it), free(b.it);
}

/* dict_lookup_longer(w, k) is dict_lookup(w) less the items whose first word has k bytes or fewer, in the
   same order: for hyphenated words made of every index word ("AL-", "-GORE", both sides) cut at every length. */
static void same_lookups_longer(const dict *d)
{
    item_list all = {0}, longer = {0};
    size_t words = 0, differ = 0, kept = 0;
    char w[300];
    for (size_t k = 0; k < d->nbuckets; k++)
        for (const index_item *it = d->buckets[k]; it; it = it->next) {
            if (it->len > 200) continue;
            for (int side = 0; side < 2; side++) {
                snprintf(w, sizeof w, side ? "%s-BACKED" : "PRO-%s", it->word);
                all.n = 0;
                dict_lookup(d, w, collect_item, &all);
                for (size_t cut = 0; cut <= strlen(w); cut += 1 + cut / 4) {
                    longer.n = 0;
                    dict_lookup_longer(d, w, cut, collect_item, &longer);
                    size_t j = 0;
                    for (size_t i = 0; i < all.n; i++) {
                        if (all.it[i]->len <= cut) continue;
                        differ += j >= longer.n || longer.it[j] != all.it[i];
                        j++;
                    }
                    differ += j != longer.n;
                    kept += longer.n;
                    words++;
                }
            }
        }
    CHECK(words > 100000);
    CHECK(kept > 10000);
    CHECK_INT((long)differ, 0);
    free(all.it), free(longer.it);
}

/* whole_word: the coder's question of a hyphenated word, asked of the index (dict_lookup_longer) */
typedef struct {
    const char *w;
    bool found;
} whole_ask;

static bool whole_item(const index_item *it, void *ctx)
{
    whole_ask *a = ctx;
    if (!word_matches(it->word, it->mode, a->w, false)) return true;
    a->found = true;
    return false;
}

/* dict_known_whole (the token cache's texts) answers as dict_lookup_longer's items do (is one of them a match of the
   whole word?): hyphenated and plain words made of every index word, with endings, cut at every length, asked with
   the first part's length and with other lengths to pass over. Without a cache, or once the index changed (`change`:
   an actor added to d, which must be read from text files, whose arrays may grow), it cannot tell (-1). */
static void same_known_whole(dict *d, bool change)
{
    dict_marks m = {0};
    const char *w0 = "THE";
    uint8_t *note;
    CHECK_INT(dict_known_whole(d, &m, w0, 3, 0), -1);   /* no cache yet */
    dict_marks_begin(d, &m);
    dict_marks_token_cached(d, &m, w0, 3, false, &note);
    size_t words = 0, differ = 0, whole = 0, unknown = 0;
    char w[300];
    static const char *const forms[] = {"PRO-%s", "%s-BACKED", "%s", "%sS", "%sED", "%s'S", "%sING-%s"};
    for (size_t k = 0; k < d->nbuckets; k++)
        for (const index_item *it = d->buckets[k]; it; it = it->next) {
            if (it->len > 100) continue;
            for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
                snprintf(w, sizeof w, forms[f], it->word, it->word);
                size_t n = strlen(w);
                for (size_t cut = n, step = 1; cut > 0; cut = cut > step ? cut - step : 0, step = 1 + (n - cut) / 3) {
                    w[cut] = 0;
                    const char *hy = strchr(w, '-');
                    size_t shorter[3] = {hy ? (size_t)(hy - w) : 0, 0, cut / 2};
                    for (int s = 0; s < 3; s++) {
                        whole_ask a = {w, false};
                        dict_lookup_longer(d, w, shorter[s], whole_item, &a);
                        int known = dict_known_whole(d, &m, w, cut, shorter[s]);
                        unknown += known < 0;
                        differ += known != a.found;
                        whole += a.found;
                        words++;
                    }
                }
            }
        }
    printf("  known whole: %zu words, %zu known, %zu differ\n", words, whole, differ);
    CHECK(words > 100000);
    CHECK(whole > 10000 && whole < words - 10000);
    CHECK_INT((long)unknown, 0);
    CHECK_INT((long)differ, 0);
    /* an item indexed after the texts were worked out: they no longer answer for the index */
    phrase p = {0};
    const char *why = NULL;
    if (!change) {
        dict_marks_free(&m);
        return;
    }
    if (dict_parse_phrase(d, "ZQXJ_WORD", 9, false, WM_NOUN, &p, &why)) {
        actor_entry a = {.names = xmalloc(sizeof *a.names), .nnames = 1};
        a.names[0] = p;
        a.codes = xcalloc(1, sizeof *a.codes), a.ncodes = 1;
        snprintf(a.codes[0].code, sizeof a.codes[0].code, "ZZZ");
        dict_add_actor(d, &a);
        CHECK_INT(dict_known_whole(d, &m, "ZQXJ-WORD", 9, 4), -1);
    } else {
        CHECK(false);
    }
    dict_marks_free(&m);
}

static void test_shared_cameo(void)
{
    const char *dir = "../shared/dictionaries/tabari/";
    char path[256];
    snprintf(path, sizeof path, "%sCAMEO.091003.master.verbs", dir);
    if (access(path, R_OK) != 0) { printf("SKIP %s: not found\n", path); return; }
    dict *d = fresh();
    double t = now();
    static const char *const files[] = {"CAMEO.091003.master.verbs", "CountryInfo.120116.actors",
                                        "Internatnl.120521.actors", "PSU.120522.agents", "CAMEO.09b5.options"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s%s", dir, files[i]);
        CHECK_INT(dict_load(d, path), 0);
    }
    long patterns = 0;
    for (int i = 0; i < d->nverbs; i++) patterns += d->verbs[i].npats;
    printf("shared TABARI CAMEO dictionaries: %d actors, %d agents, %d verbs, %ld patterns, %ld rejected in %.1f ms\n",
           d->nactors, d->nagents, d->nverbs, patterns, d->rejected, (now() - t) * 1000);
    CHECK_INT(d->nactors, 30313);
    CHECK_INT(d->nagents, 2131);
    CHECK_INT(d->nverbs, 1216);
    CHECK_INT(patterns, 15571);
    /* what is rejected is broken in the files: "{ WILL | WOULD ]" in 11 patterns, a NUL byte in a
       name, a name line without codes, a "Source:" line */
    CHECK(d->rejected <= 20);
    CHECK(d->rejected * 200 < d->nactors + d->nagents + d->nverbs + patterns);   /* under 0.5% */
    /* a multi-line entry followed directly by the next one, no blank line between */
    const actor_entry *a = find_actor(d, "ANIBAL_CAVACO_SILVA");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->ncodes, 2);
        CHECK_STR(actor_code_on(a, 19900101), "PRTGOV");
        CHECK_STR(actor_code_on(a, 19800101), "PRTELI");
        CHECK_STR(actor_code_on(a, 20000101), "PRTELI");
    }
    a = find_actor(d, "ANTONIO_GUTERRES");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 19980101), "PRTGOV");
    same_lookups_grouped(d);
    same_lookups_longer(d);
    /* compiled and read back, the groups come with the file, lent: the same lookups as the buckets walked */
    char dyc[64];
    snprintf(dyc, sizeof dyc, "/tmp/dyad-test-cameo-%d.dyc", (int)getpid());
    CHECK_INT(dict_write_compiled(d, dyc), 0);
    dict *c = fresh();
    CHECK_INT(dict_read_compiled(c, dyc), 0);
    const struct dict_groups *built = c->groups;
    CHECK(dict_token_texts_same(c));   /* the token texts come with the file, as a cache would work them out */
    CHECK(dict_word_table_same(c));    /* and the table of interned words, as intern makes it */
    CHECK(dict_groups_same_built(c));  /* and the index's groups, as dict_group_index builds them */
    same_lookups_grouped(c);
    CHECK(c->groups == built);   /* not rebuilt by dict_prepare */
    same_known_whole(c, false);
    dict_free(c);
    /* from bytes that do not last (a caller's buffer, cleared and freed once read): everything copied, the groups and
       the token texts built as a text load builds them; ASan sees any pointer left into the buffer */
    size_t blen;
    char *bytes = read_file(dyc, &blen);
    dict *m = fresh();
    CHECK(bytes && dict_read_compiled_mem(m, dyc, bytes, blen, false) == 0);
    if (bytes) memset(bytes, 0, blen);
    free(bytes);
    CHECK(!dict_groups_same_built(m));   /* built, not lent */
    CHECK(dict_word_table_same(m));
    same_lookups_grouped(m);
    same_lookups_longer(m);
    dict_free(m);
    unlink(dyc);
    same_known_whole(d, true);
    dict_free(d);
}

int main(void)
{
    RUN(test_actors);
    RUN(test_actor_comments);
    RUN(test_actor_date_codes);
    RUN(test_large_entries);
    RUN(test_compiled_texts);
    RUN(test_agents);
    RUN(test_verbs);
    RUN(test_options);
    RUN(test_project);
    RUN(test_missing);
    RUN(test_shared_validate);
    RUN(test_shared_cameo);
    return check_done();
}

/* test_dict_petrarch.c — unit tests for the PETRARCH/Phoenix dictionary readers, with smoke tests on ../shared. */
#include "check.h"
#include "dict/dict.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FIX "tests/data/dict/petrarch/"

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
                      : e->kind == PE_SOURCE ? "$" : e->kind == PE_SET ? (d->sets[e->set].name ? d->sets[e->set].name : "{}")
                      : "?";
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

static const issue_entry *find_issue(const dict *d, const char *name)
{
    for (int i = 0; i < d->nissues; i++)
        if (!strcmp(text_of(d, &d->issues[i].name), name)) return &d->issues[i];
    return NULL;
}

static const misc_entry *find_misc(const dict *d, const char *name)
{
    for (int i = 0; i < d->nmisc; i++)
        if (!strcmp(text_of(d, &d->misc[i].name), name)) return &d->misc[i];
    return NULL;
}

/* ---- actors ---- */

static void test_actors(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_actors(d, FIX "Test.actors.txt"), 0);
    CHECK_INT(d->nactors, 6);
    /* orphaned synonyms, bad date + no code left, no code, broken bracket, range ending before it starts */
    CHECK_INT(d->rejected, 6);

    const actor_entry *a = find_actor(d, "FREEDONIA");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 4);
        CHECK_STR(actor_code_on(a, 20240101), "FRE");
        CHECK_INT(a->names[0].e[0].mode, WM_NOUN);
        CHECK(find_actor(d, "FREEDONIA_CITY") == a);
        /* PETRARCH does not stem: an unmarked word is whole, with noun endings */
        CHECK(find_actor(d, "GRAND FENWICK") == a);
        CHECK_INT(a->names[3].e[1].mode, WM_NOUN);
        CHECK_INT(a->names[3].e[1].adjacent, 0);
        CHECK_INT(a->at.line, 6);
    }
    CHECK(find_actor(d, "BOGUS_ACTOR") == NULL);     /* inside a multi-line comment */
    CHECK(find_actor(d, "ORPHAN_SYNONYM") == NULL);
    CHECK(find_actor(d, "AFTER_STOP") == NULL);      /* after ---STOP--- */
    CHECK(find_actor(d, "BROKEN_SYNONYM") == NULL);
    CHECK(find_actor(d, "SYLVANIA") != NULL);

    a = find_actor(d, "RUFUS_T_FIREFLY");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->ncodes, 3);
        CHECK_STR(actor_code_on(a, 19320601), "FRE");     /* before: the undated default */
        CHECK_STR(actor_code_on(a, 19330101), "FREELI");  /* inside, inclusive */
        CHECK_STR(actor_code_on(a, 19331231), "FREELI");
        CHECK_STR(actor_code_on(a, 19340101), "FREGOV");  /* ">331231" starts the day after */
        CHECK_STR(actor_code_on(a, 20200101), "FREGOV");
    }
    a = find_actor(d, "TRENTINO");
    CHECK(a != NULL);
    if (a) {
        CHECK_STR(actor_code_on(a, 19331231), "SYLGOV");  /* "<19340101" ends the day before */
        CHECK_STR(actor_code_on(a, 19340101), "SYLELI");
    }
    /* consecutive names without codes share the codes that follow */
    a = find_actor(d, "KONG_ISLAND");
    CHECK(a != NULL && find_actor(d, "KONG_ISLE") == a);
    if (a) {
        CHECK_STR(actor_code_on(a, 19250101), "KNG");
        CHECK_STR(actor_code_on(a, 19400101), "");
    }
    a = find_actor(d, "MARSHALL");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->ncodes, 3);
        CHECK_STR(actor_code_on(a, 20000601), "MRSGOV");
        CHECK_STR(actor_code_on(a, 20050601), "MRSMIL");
        CHECK_STR(actor_code_on(a, 19990601), "MRS");
    }
    CHECK_INT(d->read[IX_ACTOR], 6);
    dict_free(d);
}

/* ---- agents ---- */

static void test_agents(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_agents(d, FIX "Test.agents.txt"), 0);
    CHECK_INT(d->nagents, 25);
    CHECK_INT(d->rejected, 6);
    /* !MACRO! expansion: every alternative, no plurals added */
    CHECK(find_agent(d, "PALACE_WARDEN") != NULL);
    CHECK(find_agent(d, "PALACE_WARDENS") != NULL);
    CHECK(find_agent(d, "PALACE_KEEPER") != NULL);
    CHECK(find_agent(d, "PALACE_KEEPERS") == NULL);
    CHECK(find_agent(d, "COLONEL_OF_KEEPER") != NULL);
    CHECK(find_agent(d, "MAJOR_OF_WARDENS") != NULL);
    CHECK(find_agent(d, "CIRCLE_RING!LOOP!") != NULL);   /* a substitution is not expanded again */
    const agent_entry *a = find_agent(d, "PALACE_WARDEN");
    if (a) { CHECK_STR(a->code, "SEC"); CHECK(!a->prefix); }
    /* regular plurals */
    CHECK(find_agent(d, "TREASURERS") != NULL);
    a = find_agent(d, "DEPUTIES");
    CHECK(a != NULL);
    if (a) CHECK_STR(a->code, "GOV");
    CHECK(find_agent(d, "ENVOYS") != NULL);
    CHECK(find_agent(d, "BOSSES") != NULL);
    CHECK(find_agent(d, "MAGISTRATES") != NULL);
    /* {} means no plural; {X} gives the plural */
    CHECK(find_agent(d, "POLICE") != NULL);
    CHECK(find_agent(d, "POLICES") == NULL);
    CHECK(find_agent(d, "ATTORNEYS_GENERAL") != NULL);
    CHECK(find_agent(d, "ATTORNEY_GENERALS") == NULL);
    a = find_agent(d, "HUMAN_RIGHTS_GROUPS");
    CHECK(a != NULL);
    if (a) { CHECK_STR(a->code, "NGO"); CHECK(a->prefix); }
    CHECK(find_agent(d, "CHANCELLOR") == NULL);
    CHECK(find_agent(d, "SPY") == NULL);
    CHECK(find_agent(d, "SMUGGLER") == NULL);
    a = find_agent(d, "TREASURER");
    /* whole words: PETRARCH's plurals are entries of their own */
    if (a) { CHECK_INT(a->name.e[0].mode, WM_EXACT); CHECK_INT(a->at.line, 9); }
    dict_free(d);
}

/* ---- discards ---- */

static void test_discards(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_discards(d, FIX "Test.discards.txt"), 0);
    CHECK_INT(d->read[IX_DISCARD], 4);
    CHECK_INT(d->rejected, 1);
    const misc_entry *m = find_misc(d, "GRAND_FENWICK_OPEN");   /* PETRARCH: consecutive words */
    CHECK(m != NULL);
    if (m) {
        CHECK(m->story);
        CHECK_INT(m->code.flags, CF_DISCARD);
        CHECK_INT(m->name.e[0].mode, WM_EXACT);
        CHECK_INT(m->name.e[2].mode, WM_STEM);   /* a final word without '_' is a stem */
    }
    m = find_misc(d, "CROQUET");
    CHECK(m != NULL && !m->story);
    m = find_misc(d, "QUIDDITCH_MATCH");
    CHECK(m != NULL);
    if (m) CHECK_INT(m->name.e[1].mode, WM_EXACT);
    m = find_misc(d, "ESPN9");
    CHECK(m != NULL && m->story);
    dict_free(d);
}

/* ---- issues ---- */

static void test_issues(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_issues(d, FIX "Test.IssueCoding.txt"), 0);
    CHECK_INT(d->nissues, 9);
    CHECK_INT(d->rejected, 2);
    const issue_entry *e = find_issue(d, "AARDVARK");
    CHECK(e != NULL);
    if (e) { CHECK_STR(e->issue, "ANTEATERS"); CHECK_INT(e->name.e[0].mode, WM_NOUN); }
    e = find_issue(d, "GIANT_ANTEATER");
    CHECK(e != NULL);
    if (e) { CHECK_INT(e->name.e[0].mode, WM_EXACT); CHECK_INT(e->name.e[1].mode, WM_NOUN); }
    CHECK(find_issue(d, "BUTTERFLY") != NULL);
    e = find_issue(d, "BUTTERFLIES");
    CHECK(e != NULL);
    if (e) { CHECK_STR(e->issue, "INSECTS"); CHECK_INT(e->name.e[0].mode, WM_EXACT); }
    e = find_issue(d, "MIGRATE");
    CHECK(e != NULL);
    if (e) CHECK_INT(e->name.e[0].mode, WM_VERB);
    CHECK(find_issue(d, "MIGRATING") != NULL);
    /* '+': both "PRE SCHOOL" (consecutive) and "PRE-SCHOOL" */
    e = find_issue(d, "PRE_SCHOOL");
    CHECK(e != NULL);
    if (e) CHECK_INT(e->name.e[1].mode, WM_NOUN);
    CHECK(find_issue(d, "PRE-SCHOOL") != NULL);
    e = find_issue(d, "ZOOKEEPER");   /* no [CODE]: the section's category */
    CHECK(e != NULL);
    if (e) CHECK_STR(e->issue, "ZOOLOGY");
    CHECK(find_issue(d, "NOT_AN_ISSUE") == NULL);
    dict_free(d);
}

/* ---- verbs ---- */

static void test_verbs(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_verbs(d, FIX "Test.verbs.txt"), 0);
    CHECK_INT(d->nverbs, 3);
    /* pattern before a verb, verb outside a block, 3 bad patterns, bad header, transformation,
       block with patterns and no verb */
    CHECK_INT(d->rejected, 8);
    CHECK_INT(d->read[0], 6);   /* synset members */

    const verb_entry *v = find_verb(d, "PARLEY");
    CHECK(v != NULL);
    if (v) {
        CHECK_INT(v->nforms, 10);
        CHECK_STR(v->code.code, "040");            /* the block's code, also for NEGOTIATE [043] */
        CHECK(find_verb(d, "NEGOTIATE") == v);
        CHECK(find_verb(d, "CONFERRED") == v);
        CHECK(find_verb(d, "SAT_DOWN") == v);       /* '+' marks the verb word: dropped */
        CHECK_INT(v->forms[0].e[0].mode, WM_VERB);
        CHECK_STR(v->text, "PARLEY");
        CHECK_INT(v->npats, 4);
    }
    if (v && v->npats == 4) {
        const verb_pattern *p = &v->pats[0];
        CHECK_STR(p->text, "* WITH +");
        CHECK_INT(p->verb_at, 0);
        CHECK_STR(p->code.code, "042");
        CHECK_STR(p->code.code2, "043");
        CHECK_INT(p->p.e[1].mode, WM_EXACT);      /* PETRARCH matches pattern words whole */
        CHECK_INT(p->p.e[2].kind, PE_TARGET);
        p = &v->pats[1];
        CHECK_INT(p->verb_at, 1);
        CHECK_INT(p->p.e[0].kind, PE_SOURCE);
        CHECK_INT(p->p.e[2].kind, PE_SET);
        CHECK_INT(p->p.e[2].set, dict_synset(d, "&GIFT"));
        CHECK_STR(p->code.code, "051");
        p = &v->pats[2];
        CHECK_INT(p->verb_at, 1);
        CHECK_STR(p->code.code, "");               /* "[:173]": only the paired event */
        CHECK_STR(p->code.code2, "173");
        p = &v->pats[3];
        CHECK_STR(text_of(d, &p->p), "* + OVER_TEA");
        CHECK_STR(p->code.code, "046");
        CHECK_INT(p->at.line, 25);
    }
    v = find_verb(d, "FEUD");
    CHECK(v != NULL);
    if (v) {
        CHECK_INT(v->code.flags, CF_NULL);          /* a header without a code */
        CHECK_INT(v->npats, 1);
        if (v->npats) CHECK_INT(v->pats[0].code.flags, CF_NULL);
    }
    v = find_verb(d, "DUEL");                        /* a root with a code outside a block */
    CHECK(v != NULL && find_verb(d, "SPAR") == v);
    if (v) { CHECK_STR(v->code.code, "182"); CHECK_INT(v->npats, 1); }
    CHECK(find_verb(d, "SCOLD") == NULL);
    CHECK(find_verb(d, "WANDER") == NULL);

    /* synsets: a label ending in '_' closes its members' words; PETRARCH reads spaces as '_' */
    const phrase_set *s = &d->sets[dict_synset(d, "&AUXVERB")];
    CHECK_INT(s->n, 2);
    if (s->n) CHECK_INT(s->alts[0].e[0].mode, WM_EXACT);
    s = &d->sets[dict_synset(d, "&GIFT")];
    CHECK_INT(s->n, 3);
    if (s->n == 3) {
        CHECK_STR(text_of(d, &s->alts[2]), "GOLDEN_GOOSE");
        CHECK_INT(s->alts[0].e[0].mode, WM_EXACT);
    }
    CHECK_INT(d->sets[dict_synset(d, "&LATER")].n, 1);
    dict_free(d);
}

/* CAMEO.2.0 (PETRARCH-2): ( ) and { } without '|' only group words. */
static void test_cameo2(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_verbs(d, FIX "both/CAMEO.2.0.txt"), 0);
    CHECK_INT(d->rejected, 0);
    const verb_entry *v = find_verb(d, "HURRY");
    CHECK(v != NULL);
    if (v) {
        CHECK_INT(v->nforms, 5);
        CHECK_INT(v->code.flags, CF_NULL);
        CHECK_INT(v->npats, 4);
    }
    if (v && v->npats == 4) {
        CHECK_STR(text_of(d, &v->pats[0].p), "* TO BORDER");
        CHECK_STR(v->pats[0].text, "* (TO BORDER)");
        CHECK_STR(text_of(d, &v->pats[1].p), "* ARMS SHIPMENT");
        CHECK_INT(v->pats[2].p.e[1].kind, PE_SET);   /* { A | B } stays a set */
        CHECK_STR(v->pats[3].code.code2, "173");
    }
    dict_free(d);
}

/* ---- folders ---- */

static void test_dir(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_dir(d, FIX), 0);
    CHECK_INT(d->nactors, 6);
    CHECK_INT(d->nagents, 25);
    CHECK_INT(d->read[IX_DISCARD], 4);
    CHECK_INT(d->nissues, 9);
    CHECK_INT(d->nverbs, 3);
    CHECK_INT(d->rejected, 6 + 6 + 1 + 2 + 8);
    CHECK_INT(quiet.warnings, d->rejected + 1);   /* + notes.xml; prepositions are ignored quietly */
    CHECK(find_verb(d, "ABOUT") == NULL);
    /* files are read in name order: IssueCoding, actors, agents, discards, verbs */
    CHECK(d->nfiles >= 5);
    if (d->nfiles >= 5) {
        CHECK_STR(d->files[0], FIX "Test.IssueCoding.txt");
        CHECK(strstr(d->files[4], "Test.verbs.txt") != NULL);
    }
    dict_free(d);

    /* with both, the verbpatterns file is read and CAMEO.2.0 is not */
    d = fresh();
    CHECK_INT(dict_read_petrarch_dir(d, FIX "both"), 0);
    CHECK_INT(d->nverbs, 1);
    CHECK(find_verb(d, "GREET") != NULL);
    CHECK(find_verb(d, "HURRY") == NULL);
    dict_free(d);

    /* dict_load sends a folder without dyad.dict here */
    d = fresh();
    CHECK_INT(dict_load(d, FIX "both"), 0);
    CHECK_INT(d->nverbs, 1);
    dict_free(d);
}

static void test_unreadable(void)
{
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_actors(d, FIX "no-such-file.txt"), -1);
    CHECK_INT(dict_read_petrarch_agents(d, FIX "no-such-file.txt"), -1);
    CHECK_INT(dict_read_petrarch_verbs(d, FIX "no-such-file.txt"), -1);
    CHECK_INT(dict_read_petrarch_issues(d, FIX "no-such-file.txt"), -1);
    CHECK_INT(dict_read_petrarch_discards(d, FIX "no-such-file.txt"), -1);
    CHECK_INT(dict_read_petrarch_dir(d, FIX "no-such-folder"), -1);
    CHECK_INT(quiet.errors, 6);
    char tmpl[] = "/tmp/dyad-petr-XXXXXX";
    char *empty = mkdtemp(tmpl);
    CHECK(empty != NULL);
    if (empty) {
        CHECK_INT(dict_read_petrarch_dir(d, empty), -1);   /* nothing to read */
        rmdir(empty);
    }
    dict_free(d);
}

/* Junk made of the characters the formats care about: no reader may crash or leak on it. */
/* Comments cut out mid-line (the rest of the line is moved up over them), and an entry's arrays reused
   after a rejected entry: each actor keeps exactly its own names and codes. */
static void test_comment_cuts(void)
{
    char path[] = "/tmp/dyad-petr-cuts-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    static const char text[] =
        "ALPHA_<!-- renamed 2001 -->LAND_ [ALP] # a comment\n"
        "+ALPHANIA_ [ALP2 <!-- a second -->] ; another\n"
        "\n"
        "BAD_{_NAME [BAD]\n"
        "+ORPHANED_ [ORP]\n"
        "\n"
        "GAMMA_<!-- spans\n"
        "lines -->STATE_ [GAM] [GA#1]\n";
    bool ok = write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1);
    close(fd);
    CHECK(ok);
    dict *d = fresh();
    CHECK_INT(dict_read_petrarch_actors(d, path), 0);
    unlink(path);
    const actor_entry *a = find_actor(d, "ALPHA_LAND");
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 2);
        CHECK_STR(text_of(d, &a->names[1]), "ALPHANIA");
        CHECK_INT(a->ncodes, 2);
        CHECK_STR(a->codes[0].code, "ALP2");   /* undated codes: the later first */
    }
    CHECK(find_actor(d, "ORPHANED") == NULL);
    a = find_actor(d, "GAMMA");   /* a name alone on its line: the next name shares its codes */
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(a->nnames, 2);
        CHECK_STR(text_of(d, &a->names[1]), "STATE");
        CHECK_INT(a->ncodes, 2);
        CHECK_STR(a->codes[1].code, "GAM");
        CHECK_STR(a->codes[0].code, "GA#1");
    }
    CHECK_INT(d->nactors, 2);
    dict_free(d);
}

static void test_junk(void)
{
    static const char alphabet[] = "[]{}()<>!=+-_~&*$%^#;:|/\"' \t\n\n\nAZYES0159-<!---->";
    unsigned seed = 12345;
    char path[] = "/tmp/dyad-petr-junk-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    close(fd);
    int (*readers[])(dict *, const char *) = {dict_read_petrarch_actors, dict_read_petrarch_agents,
                                              dict_read_petrarch_discards, dict_read_petrarch_issues,
                                              dict_read_petrarch_verbs};
    for (int round = 0; round < 60; round++) {
        FILE *f = fopen(path, "wb");
        if (!f) break;
        int len = 200 + round * 40;
        for (int i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            fputc(round % 10 == 9 ? (int)(r & 0xff) : alphabet[r % (sizeof alphabet - 1)], f);
        }
        fclose(f);
        for (size_t k = 0; k < sizeof readers / sizeof readers[0]; k++) {
            dict *d = fresh();
            CHECK_INT(readers[k](d, path), 0);
            dict_free(d);
        }
    }
    unlink(path);
}

/* ---- the real dictionaries in ../shared, when present ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long total_read(const dict *d)
{
    long n = 0;
    for (int k = 0; k < 8; k++) n += d->read[k];
    return n;
}

static long patterns(const dict *d)
{
    long n = 0;
    for (int i = 0; i < d->nverbs; i++) n += d->verbs[i].npats;
    return n;
}

static void print_counts(const char *what, const dict *d, double secs)
{
    printf("  %-36s actors %6ld  agents %5ld  verbs %4ld (patterns %5ld, synset members %4ld)  discards %4ld  "
           "issues %5ld  rejected %3ld  %.3f s\n", what, d->read[IX_ACTOR], d->read[IX_AGENT], d->read[IX_VERB],
           patterns(d), d->read[0], d->read[IX_DISCARD], d->read[IX_ISSUE], d->rejected, secs);
}

/* Each file on its own (for the counts), then the folder as dict_load reads it. */
static dict *smoke_dir(const char *dir, const char *const *files)
{
    for (int i = 0; files[i]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        dict *d = fresh();
        double t0 = now();
        int rc = strstr(files[i], "actors") ? dict_read_petrarch_actors(d, path)
               : strstr(files[i], "agents") ? dict_read_petrarch_agents(d, path)
               : strstr(files[i], "discards") ? dict_read_petrarch_discards(d, path)
               : strstr(files[i], "Issue") ? dict_read_petrarch_issues(d, path)
               : dict_read_petrarch_verbs(d, path);
        CHECK_INT(rc, 0);
        print_counts(files[i], d, now() - t0);
        dict_free(d);
    }
    dict *d = fresh();
    double t0 = now();
    CHECK_INT(dict_read_petrarch_dir(d, dir), 0);
    print_counts("(whole folder)", d, now() - t0);
    return d;
}

static void test_shared_phoenix(void)
{
    const char *dir = "../shared/dictionaries/phoenix";
    if (access(dir, R_OK) != 0) { printf("  (skipped: %s not found)\n", dir); return; }
    static const char *const files[] = {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt", "Phoenix.IssueCoding.txt",
        "CAMEO.verbpatterns.150430.txt", "CAMEO.2.0.txt", NULL};
    printf("Phoenix dictionaries (%s):\n", dir);
    dict *d = smoke_dir(dir, files);
    CHECK(d->read[IX_ACTOR] > 10000);
    CHECK(d->read[IX_AGENT] > 1000);
    CHECK(d->read[IX_VERB] > 300);
    CHECK(patterns(d) > 5000);
    CHECK(d->read[IX_DISCARD] > 100);
    CHECK(d->read[IX_ISSUE] > 1000);
    CHECK(d->rejected * 200 < total_read(d));   /* under 0.5 % */
    const actor_entry *a = find_actor(d, "AFGHANISTAN");
    CHECK(a != NULL);
    if (a) CHECK_STR(actor_code_on(a, 20100101), "AFG");
    CHECK(find_verb(d, "ABANDON") != NULL);
    dict_free(d);
}

static void test_shared_petr_unittest(void)
{
    const char *dir = "../shared/gold/petr-unittest";
    if (access(dir, R_OK) != 0) { printf("  (skipped: %s not found)\n", dir); return; }
    static const char *const files[] = {"PETR.Validate.actors.txt", "PETR.Validate.agents.txt",
        "PETR.Validate.discards.txt", "PETR.Validate.verbs.txt", NULL};
    printf("PETRARCH validation dictionaries (%s):\n", dir);
    dict *d = smoke_dir(dir, files);
    CHECK(d->read[IX_ACTOR] > 100);
    CHECK(d->read[IX_AGENT] > 100);
    CHECK(d->read[IX_VERB] > 200);
    CHECK(d->read[IX_DISCARD] > 5);
    CHECK(d->rejected < 10);
    dict_free(d);
}

int main(void)
{
    RUN(test_actors);
    RUN(test_agents);
    RUN(test_discards);
    RUN(test_issues);
    RUN(test_verbs);
    RUN(test_cameo2);
    RUN(test_dir);
    RUN(test_unreadable);
    RUN(test_comment_cuts);
    RUN(test_junk);
    RUN(test_shared_phoenix);
    RUN(test_shared_petr_unittest);
    return check_done();
}

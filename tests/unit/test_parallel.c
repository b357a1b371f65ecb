/* test_parallel.c — coders on several threads over one shared dictionary, and the pattern prefilter
   (dict_prepare, dict_marks_*) that must never rule out a pattern that fits. */
#include "check.h"
#include "code/code.h"

#include <pthread.h>
#include <stdlib.h>

static diag quiet;

/* A small dyad dictionary: patterns with words, a synset, a { } group and synsets naming each other. */
static const char mini[] =
    "actor ARN = Arnor\n"
    "actor GON = Gondor\n"
    "synset &TALKS = talks_ | negotiation\n"
    "synset &LOOPA = &LOOPB | truce\n"
    "synset &LOOPB = &LOOPA\n"
    "verb 010 = hold | held\n"
    "pattern 043 hold: * &TALKS with_ +\n"
    "pattern 057 hold: * { signing | ceremony } with_ +\n"
    "pattern 074 hold: * &LOOPA with_ +\n";

static dict *load_mini(void)
{
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_read_dyad_text(d, "mini", mini, sizeof mini - 1), 0);
    CHECK_INT(d->rejected, 0);
    dict_prepare(d);
    return d;
}

/* The first event's code for one sentence ("" when none). */
static void first_code(const dict *d, coder *c, const char *text, char out[EVENT_CODE_MAX])
{
    story s = {.id = "t", .text = (char *)text, .len = strlen(text), .date = 20200101};
    event_list ev = {0};
    code_sentence(c, &s, 1, (span){0, (uint32_t)s.len}, NULL, &ev, NULL);
    snprintf(out, EVENT_CODE_MAX, "%s", ev.n ? ev.e[0].code : "");
    event_list_free(&ev);
    (void)d;
}

static void test_prefilter_keeps_fitting_patterns(void)
{
    dict *d = load_mini();
    coder *c = coder_new(d);
    char code[EVENT_CODE_MAX];
    first_code(d, c, "Arnor held talks with Gondor.", code);
    CHECK_STR(code, "043");
    first_code(d, c, "Arnor held negotiations with Gondor.", code);
    CHECK_STR(code, "043");
    first_code(d, c, "Arnor held a ceremony with Gondor.", code);
    CHECK_STR(code, "057");
    first_code(d, c, "Arnor held a truce with Gondor.", code);   /* through the synset loop */
    CHECK_STR(code, "074");
    first_code(d, c, "Arnor held a meeting with Gondor.", code);   /* no pattern: the root */
    CHECK_STR(code, "010");
    coder_free(c);
    dict_free(d);
}

static void test_marks(void)
{
    dict *d = load_mini();
    const verb_entry *v = &d->verbs[0];
    CHECK_INT(v->npats, 3);
    /* "* &TALKS with_ +": the word WITH and the set */
    CHECK_INT(v->pats[0].nneed, 2);
    CHECK(!(v->pats[0].need[0] & NEED_SET));
    CHECK(v->pats[0].need[1] & NEED_SET);
    /* a sentence is marked whole before any question is asked (sets are decided once per sentence) */
    dict_marks m = {0};
    dict_marks_begin(d, &m);
    dict_marks_token(d, &m, "WITH", 4, false);
    CHECK(!dict_needs_met(d, &m, v->pats[0].need, v->pats[0].nneed));   /* no talks */
    dict_marks_begin(d, &m);
    dict_marks_token(d, &m, "WITH", 4, false);
    dict_marks_token(d, &m, "TALKS", 5, false);
    CHECK(dict_needs_met(d, &m, v->pats[0].need, v->pats[0].nneed));
    CHECK(!dict_needs_met(d, &m, v->pats[1].need, v->pats[1].nneed));   /* no signing, no ceremony */
    /* a new sentence forgets the old marks */
    dict_marks_begin(d, &m);
    CHECK(!dict_needs_met(d, &m, v->pats[0].need, v->pats[0].nneed));
    dict_marks_token(d, &m, "WITH", 4, false);
    dict_marks_token(d, &m, "SIGNINGS", 8, false);   /* a stem matches longer words */
    CHECK(dict_needs_met(d, &m, v->pats[1].need, v->pats[1].nneed));
    dict_marks_free(&m);
    /* prepared twice: nothing changes */
    const uint32_t *need = v->pats[0].need;
    dict_prepare(d);
    CHECK(v->pats[0].need == need);
    dict_free(d);
}

/* Entries added after dict_prepare (and before the next coder_new) are still found: they need nothing. */
static void test_added_after_prepare(void)
{
    dict *d = load_mini();
    coder *c = coder_new(d);
    static const char more[] = "actor MOR = Mordor Land\npattern 036 hold: * meeting_ with_ +\n";
    CHECK_INT(dict_read_dyad_text(d, "more", more, sizeof more - 1), 0);
    char code[EVENT_CODE_MAX];
    first_code(d, c, "Mordor Land held talks with Gondor.", code);
    CHECK_STR(code, "043");
    first_code(d, c, "Arnor held a meeting with Gondor.", code);
    CHECK_STR(code, "036");
    coder_free(c);
    dict_free(d);
}

/* ---- threads ---- */

static const char *const sentences[] = {
    "Russian forces shelled residential areas of Kharkiv overnight, Ukrainian officials said on Monday.",
    "Ukraine's foreign minister condemned the attack and urged Western allies to send more air defence systems.",
    "NATO foreign ministers met in Brussels on Tuesday to discuss support for Ukraine.",
    "China and Brazil signed a trade agreement on Friday.",
    "Israeli troops arrested three Palestinians in the West Bank.",
    "The United States imposed sanctions on Iran over its nuclear programme.",
    "Egypt hosted talks between Israel and Hamas on a ceasefire in Gaza.",
    "Protesters in Kenya clashed with police in Nairobi.",
};
enum { NSENT = sizeof sentences / sizeof *sentences, ROUNDS = 40, THREADS = 4 };

typedef struct {
    const dict *d;
    coder *c;
    strbuf got;   /* every event of every round, as text */
} job;

static void code_all(const dict *d, coder *c, strbuf *out)
{
    event_list ev = {0};
    for (int i = 0; i < NSENT; i++) {
        story s = {.id = "t", .text = (char *)sentences[i], .len = strlen(sentences[i]), .date = 20240304};
        ev.n = 0;
        coder_new_story(c);
        code_sentence(c, &s, 1, (span){0, (uint32_t)s.len}, NULL, &ev, NULL);
        for (size_t k = 0; k < ev.n; k++) sb_addf(out, "%d %s %s %s\n", i, ev.e[k].source, ev.e[k].target, ev.e[k].code);
    }
    event_list_free(&ev);
    (void)d;
}

static void *run_job(void *arg)
{
    job *j = arg;
    for (int r = 0; r < ROUNDS; r++) code_all(j->d, j->c, &j->got);
    return NULL;
}

static void test_threads_share_a_dictionary(void)
{
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load_default(d), 0);
    strbuf want;
    sb_init(&want);
    coder *c = coder_new(d);
    for (int r = 0; r < ROUNDS; r++) code_all(d, c, &want);
    coder_free(c);
    CHECK(want.len > 0);
    job jobs[THREADS];
    pthread_t tid[THREADS];
    /* coders are made before the threads start (coder_new prepares the dictionary) */
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){d, coder_new(d), {0}};
        sb_init(&jobs[i].got);
    }
    for (int i = 0; i < THREADS; i++) CHECK_INT(pthread_create(&tid[i], NULL, run_job, &jobs[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(tid[i], NULL);
        CHECK_STR(jobs[i].got.s, want.s);
        coder_free(jobs[i].c);
        sb_free(&jobs[i].got);
    }
    sb_free(&want);
    dict_free(d);
}

int main(void)
{
    RUN(test_prefilter_keeps_fitting_patterns);
    RUN(test_marks);
    RUN(test_added_after_prepare);
    RUN(test_threads_share_a_dictionary);
    return check_done();
}

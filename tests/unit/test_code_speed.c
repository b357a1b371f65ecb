/* test_code_speed.c — unit tests for the pattern prefilter's shortcuts (dict_compile.c): each must say what the full check says. */
#include "check.h"
#include "reference.h"
#include "code/code.h"
#include "base/util.h"
#include "dict/dict_tokcache.h"   /* tc_cand: the name scan's records beside the items */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Codes text as the one sentence of a story dated 2024-03-04 (events to ev, the trace to trace if not NULL). */
static coded_status code_one(coder *c, const char *text, event_list *ev, strbuf *trace)
{
    story s = {0};
    s.id = "t";
    s.text = (char *)text;
    s.len = strlen(text);
    s.date = date_parse("2024-03-04", 10);
    return code_sentence(c, &s, 1, (span){0, (uint32_t)s.len}, NULL, ev, trace);
}

static diag quiet;

static const char *const SENTENCES[] = {
    "Russian-backed rebels attacked the town of Kramatorsk on Monday, officials said.",
    "Iran and Iraq signed a peace agreement and agreed to hold talks on the ceasefire, the United Nations said.",
    "The government imposed a state of emergency after protesters held a rally against the sanctions.",
    "Israel said it would send humanitarian aid and medical supplies to Gaza, and denied the raid.",
    "Police arrested the leader of the opposition, who had called for a general strike.",
    "The players played football in the stadium while the president said he would visit Moscow.",
};
#define NSENT (sizeof SENTENCES / sizeof SENTENCES[0])

#define TABARI "../shared/dictionaries/tabari/"

/* The built-in dictionary, and TABARI's verbs and actors when ../shared has them (NULL otherwise). */
static dict *load_builtin(void)
{
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load_default(d), 0);
    dict_prepare(d);
    return d;
}

static dict *load_tabari(void)
{
    const char *verbs = TABARI "CAMEO.091003.master.verbs", *actors = TABARI "CountryInfo.120116.actors";
    if (access(verbs, R_OK) != 0 || access(actors, R_OK) != 0) {
        printf("skip TABARI's dictionary: no %s\n", verbs);
        return NULL;
    }
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, verbs), 0);
    CHECK_INT(dict_load(d, actors), 0);
    dict_prepare(d);
    return d;
}

/* Marks for sentence k: every token marked, as the coder marks them. */
static void mark_sentence(const dict *d, dict_marks *m, token_list *tl, size_t k)
{
    tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, tl);
    dict_marks_begin(d, m);
    for (size_t i = 0; i < tl->n; i++)
        dict_marks_token(d, m, tok_norm(tl, i), tl->t[i].norm_len, (tl->t[i].flags & TF_POSS) != 0);
}

/* dict_verb_discard_patterns: exactly the verb's [###] patterns, ascending; and dict_verb_discards agrees. */
static void check_discard_lists(const dict *d)
{
    size_t verbs_with = 0;
    for (int v = 0; v < d->nverbs; v++) {
        size_t n = 99;
        const uint32_t *list = dict_verb_discard_patterns(d, v, &n);
        CHECK(list != NULL);
        if (!list) return;
        size_t j = 0;
        bool ok = true;
        for (int p = 0; p < d->verbs[v].npats; p++) {
            if (!(d->verbs[v].pats[p].code.flags & CF_DISCARD)) continue;
            ok = ok && j < n && list[j] == (uint32_t)p;
            j++;
        }
        CHECK(ok && j == n);
        CHECK_INT(dict_verb_discards(d, v), n > 0);
        verbs_with += n > 0;
    }
    CHECK(dict_verb_discard_patterns(d, -1, &(size_t){0}) == NULL);
    CHECK(dict_verb_discard_patterns(d, d->nverbs, &(size_t){0}) == NULL);
    printf("  %zu verbs with [###] patterns\n", verbs_with);
}

/* dict_second_needs: need[1] of each pattern when it is a word, else DICT_NEED_NONE. A pattern whose
   second need is an unmarked word is one dict_needs_met rules out. */
static void check_second_needs(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    long ruled_out = 0;
    for (int v = 0; v < d->nverbs; v++) {
        const uint32_t *second = dict_second_needs(d, v), *first = dict_first_needs(d, v);
        CHECK(second != NULL && first != NULL);
        if (!second || !first) return;
        bool ok = true;
        for (int p = 0; p < d->verbs[v].npats; p++) {
            const verb_pattern *vp = &d->verbs[v].pats[p];
            uint32_t want = vp->nneed > 1 && !(vp->need[1] & NEED_SET) ? vp->need[1] : DICT_NEED_NONE;
            ok = ok && second[p] == want;
        }
        CHECK(ok);
    }
    for (size_t k = 0; k < NSENT; k++) {
        mark_sentence(d, &m, &tl, k);
        bool ok = true;
        for (int v = 0; v < d->nverbs; v++) {
            const uint32_t *second = dict_second_needs(d, v);
            for (int p = 0; p < d->verbs[v].npats; p++) {
                if (second[p] == DICT_NEED_NONE || m.mark[second[p]] == m.mark_gen) continue;
                ruled_out++;
                const verb_pattern *vp = &d->verbs[v].pats[p];
                ok = ok && !dict_needs_met(d, &m, vp->need, vp->nneed);
            }
        }
        CHECK(ok);
    }
    printf("  %ld patterns ruled out by their second need\n", ruled_out);
    dict_marks_free(&m);
    token_list_free(&tl);
}

/* dict_alt_possible, which looks at each alternative's first word inline (dict_alt_first_needs, which
   the coder also looks at itself): an alternative of words only
   is possible exactly when each of its words matches some token of the sentence (word_matches_n, the
   matcher's own test), and a set is possible exactly when one of its alternatives is. */
static void check_alt_possible(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    long possible = 0, impossible = 0;
    for (size_t k = 0; k < NSENT; k++) {
        mark_sentence(d, &m, &tl, k);
        bool ok = true;
        for (int s = 0; s < d->nsets; s++) {
            bool any = false;
            const uint32_t *alt_first = dict_alt_first_needs(d, s);
            ok = ok && alt_first != NULL;
            for (int a = 0; a < d->sets[s].n && alt_first; a++) {
                bool fast = dict_alt_possible(d, &m, s, a);
                /* the coder's look at the first word: it turns away only what dict_alt_possible does */
                if (alt_first[a] != DICT_NEED_NONE && m.mark[alt_first[a]] != m.mark_gen) ok = ok && !fast;
                any = any || fast;
                if (fast) possible++;
                else impossible++;
                /* a plain alternative of words only: possible exactly when every word occurs somewhere */
                const phrase *p = &d->sets[s].alts[a];
                bool words_only = p->n > 0;
                for (int i = 0; i < p->n; i++) words_only = words_only && p->e[i].kind == PE_WORD && p->e[i].len;
                if (!words_only) continue;
                bool all = true;
                for (int i = 0; i < p->n && all; i++) {
                    bool seen = false;
                    for (size_t t = 0; t < tl.n && !seen; t++)
                        seen = (tl.t[t].kind == TOK_WORD || tl.t[t].kind == TOK_NUMBER) &&
                               word_matches_n(p->e[i].word, p->e[i].len, p->e[i].mode, tok_norm(&tl, t), tl.t[t].norm_len,
                                              (tl.t[t].flags & TF_POSS) != 0);
                    all = seen;
                }
                ok = ok && fast == all;
                /* ... and a words-only alternative's first need is its first word's */
                if (words_only && p->e[0].len < 65535) ok = ok && alt_first[a] != DICT_NEED_NONE;
            }
            /* a set is possible (a pattern needing it passes) exactly when one of its alternatives is */
            uint32_t need = NEED_SET | (uint32_t)s;
            ok = ok && dict_needs_met(d, &m, &need, 1) == any;
        }
        CHECK(ok);
    }
    CHECK(possible > 0 && impossible > 0);
    printf("  set alternatives: %ld possible, %ld not\n", possible, impossible);
    dict_marks_free(&m);
    token_list_free(&tl);
}

/* Does a candidate's record (tc_cand) say what its item says? The name scan decides most candidates from it. */
static bool cand_agrees(const tc_cand *cd, const index_item *it, uint32_t nword)
{
    bool one_word = !it->nneed && it->kind >= IX_ACTOR && it->kind <= IX_ADJ && (it->kind != IX_ACTOR || it->len > 3);
    return cd->first == (it->nneed ? it->need[0] : nword) &&
           cd->second == (it->nneed > 1 ? it->need[it->nneed - 1] : nword) && cd->entry == it->entry && cd->kind == it->kind &&
           (cd->nneed == it->nneed || (cd->nneed == 255 && it->nneed >= 255)) && cd->one_word == one_word &&
           (cd->name == it->name || (cd->name == 255 && it->name >= 255));
}

/* dict_token_items: a token's items in dict_lookup's order with each one's first need beside it (none: the
   word count, whose mark is always current); kept
   where that need is no word or a marked one, they are what dict_lookup_needed calls back. */
static void check_token_items(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    static item_list needed;
    size_t items = 0;
    for (size_t k = 0; k < NSENT; k++) {
        tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, &tl);
        dict_marks_begin(d, &m);
        int32_t *e = cache_entries(d, &m, &tl);
        bool ok = true;
        for (size_t i = 0; i < tl.n; i++) {
            const index_item *const *it = NULL;
            const uint32_t *first = NULL;
            uint32_t n = dict_token_items(&m, e[i], &it, &first);
            needed.n = 0;
            dict_lookup_needed(d, &m, e[i], tok_norm(&tl, i), collect_item, &needed);
            size_t j = 0;
            for (uint32_t a = 0; a < n; a++) {
                ok = ok && first[a] == (it[a]->nneed ? it[a]->need[0] : (uint32_t)m.nword) && m.mark[m.nword] == m.mark_gen;
                ok = ok && cand_agrees(&m.cache->item_cand[m.cache->e[e[i]].items_at + a], it[a], (uint32_t)m.nword);
                if (first[a] < m.nword && m.mark[first[a]] != m.mark_gen) continue;
                ok = ok && j < needed.n && needed.it[j] == it[a];
                j++;
            }
            ok = ok && j == needed.n;
            items += n;
        }
        CHECK(ok);
        free(e);
    }
    CHECK(items > 0);
    CHECK_INT(dict_token_items(&m, -1, &(const index_item *const *){NULL}, &(const uint32_t *){NULL}), 0);
    dict_marks_free(&m);
    token_list_free(&tl);
}

static void check_candidates_any(const dict *d);
static void check_verb_scan(const dict *d);
static void check_need_spans(const dict *d);
static void check_verb_lemma(const dict *d);

static void test_builtin(void)
{
    dict *d = load_builtin();
    check_discard_lists(d);
    check_second_needs(d);
    check_alt_possible(d);
    check_token_items(d);
    check_verb_scan(d);
    check_need_spans(d);
    check_verb_lemma(d);
    dict_free(d);
}


static void test_tabari(void)
{
    dict *d = load_tabari();
    if (!d) return;
    check_discard_lists(d);
    check_second_needs(d);
    check_alt_possible(d);
    check_token_items(d);
    check_candidates_any(d);
    check_verb_scan(d);
    check_need_spans(d);
    check_verb_lemma(d);
    dict_free(d);
}

/* A sentence of more than 256 clauses: the first 255 boundaries split it, the rest is one last clause
   (mark_clauses keeps the ends of the first 255). One event a clause (the first, by clause): 256. */
static void test_many_clauses(void)
{
    dict *d = load_builtin();
    strbuf text;
    sb_init(&text);
    static const char *const land[20] = {"Russia", "Ukraine", "France", "Germany", "Spain", "Italy", "Poland", "Norway",
        "Sweden", "Finland", "Japan", "China", "India", "Brazil", "Mexico", "Canada", "Egypt", "Kenya", "Chile", "Peru"};
    for (int k = 0; k < 300; k++) {   /* 300 different pairs: no two events alike */
        int a = k % 20, b = (a + 1 + k / 20) % 20;
        if (k) sb_adds(&text, " ; ");
        sb_addf(&text, "%s attacked %s", land[a], land[b]);
    }
    sb_adds(&text, ".");
    coder *c = coder_new(d);
    event_list ev = {0};
    CHECK_INT(code_one(c, text.s, &ev, NULL), CODED_EVENTS);
    CHECK_INT(ev.n, 256);
    event_list_free(&ev);
    coder_free(c);
    sb_free(&text);
    dict_free(d);
}

/* ---- round 9c: the coder's sentence-level shortcuts, each against the plain way ---- */

/* The coder's tokens for text (after hyphens are split), as its trace lists them: "NORM NORM'S ...". */
static void coder_norms(coder *c, const char *text, strbuf *out)
{
    strbuf trace;
    sb_init(&trace);
    event_list ev = {0};
    code_one(c, text, &ev, &trace);
    const char *p = strstr(trace.s ? trace.s : "", "tokens:"), *end = p ? strchr(p, '\n') : NULL;
    for (p = p ? p + 7 : NULL; p && p < end; ) {   /* " 12:NORM" each: the number left out */
        const char *colon = strchr(p, ':'), *next = colon;
        while (next < end && *next != ' ') next++;
        if (out->len) sb_adds(out, " ");
        sb_addf(out, "%.*s", (int)(next - colon - 1), colon + 1);
        p = next;
    }
    event_list_free(&ev);
    sb_free(&trace);
}

/* split_hyphens: after the first word that splits, the later words are no longer copied one by one
   (they keep their norms where they are in the pool). The plain way: each word alone in a sentence,
   where it is the first (or only) hyphenated word; a sentence of such words must read as the words'
   tokens one after another. Random sentences of hyphenated words that split, that do not, and plain ones. */
static void test_hyphen_split_later(void)
{
    static const char *const words[] = {"Russian-backed", "Al-Gore", "war-torn", "pro-Western", "Iran-Iraq",
        "cease-fire", "Kurdish-held", "self-defense", "Israeli-Palestinian", "rebels", "attacked", "the", "town",
        "Iran's", "police", "and", "Moscow-based", "state-run", "Sino-Soviet", "U.N.-sponsored", "Gaza", "Tehran-backed's"};
    enum { NW = sizeof words / sizeof words[0] };
    dict *d = load_builtin();
    coder *c = coder_new(d);
    strbuf alone[NW];
    for (int w = 0; w < NW; w++) {
        sb_init(&alone[w]);
        coder_norms(c, words[w], &alone[w]);
        CHECK(alone[w].len > 0);
    }
    CHECK(strstr(alone[0].s, "RUSSIAN BACKED") != NULL);   /* the test needs words that split */
    unsigned long long seed = 12345;
    int split_later = 0;
    for (int round = 0; round < 400; round++) {
        strbuf text, want, got;
        sb_init(&text), sb_init(&want), sb_init(&got);
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int n = 2 + (int)(seed >> 60), hyphens = 0;
        for (int k = 0; k < n; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            int w = (int)((seed >> 33) % NW);
            hyphens += strchr(words[w], '-') != NULL;
            sb_addf(&text, "%s%s", k ? " " : "", words[w]);
            sb_addf(&want, "%s%s", k ? " " : "", alone[w].s);
        }
        split_later += hyphens > 1;
        coder_norms(c, text.s, &got);
        CHECK_STR(got.s, want.s);
        sb_free(&text), sb_free(&want), sb_free(&got);
    }
    CHECK(split_later > 100);
    for (int w = 0; w < NW; w++) sb_free(&alone[w]);
    coder_free(c);
    dict_free(d);
}

/* The plain way to the coder's tokens: tokenize, each hyphenated word as its tokens alone (alone_of),
   and "word ' S" (a lone quote after a gap, S right after it) joined into WORD'S, as join_loose_possessives
   does. The coder skips both rewrites when one walk finds no hyphen and no lone quote. */
static void plain_norms(const char *text, const char *const *words, strbuf *alone, int nw, strbuf *out)
{
    token_list tl = {0};
    tokenize(text, (span){0, (uint32_t)strlen(text)}, &tl);
    for (size_t i = 0; i < tl.n; i++) {
        const token *t = &tl.t[i];
        const char *w = tok_norm(&tl, i);
        if (out->len) sb_adds(out, " ");
        bool loose = i + 2 < tl.n && t->kind == TOK_WORD && tl.t[i + 1].kind == TOK_PUNCT && !strcmp(tok_norm(&tl, i + 1), "'") &&
                     tl.t[i + 1].start > t->end && tl.t[i + 2].kind == TOK_WORD && !strcmp(tok_norm(&tl, i + 2), "S") &&
                     tl.t[i + 2].start == tl.t[i + 1].end;
        int k = 0;
        while (k < nw && ((size_t)strlen(words[k]) != t->end - t->start || strncmp(words[k], text + t->start, t->end - t->start))) k++;
        if (k < nw && (t->flags & TF_HYPHEN)) sb_addf(out, "%s%s", alone[k].s, loose && !(t->flags & TF_POSS) ? "'S" : "");
        else sb_addf(out, "%s%s", w, (t->flags & TF_POSS) || loose ? "'S" : "");
        if (loose) i += 2;
    }
    token_list_free(&tl);
}

static void test_hyphen_apostrophe_gate(void)
{
    static const char *const words[] = {"Russian-backed", "Al-Gore", "war-torn", "Iran-Iraq", "Moscow-based", "rebels",
        "Russia", "'", "s", "'s", "the", "police", "said", ",", "Gaza", "state-run", "O'Neill", "Tehran-backed's", "\u2019"};
    enum { NW = sizeof words / sizeof words[0] };
    dict *d = load_builtin();
    coder *c = coder_new(d);
    strbuf alone[NW];
    for (int w = 0; w < NW; w++) {
        sb_init(&alone[w]);
        coder_norms(c, words[w], &alone[w]);
    }
    unsigned long long seed = 777;
    int joined = 0;
    for (int round = 0; round < 600; round++) {
        strbuf text, want, got;
        sb_init(&text), sb_init(&want), sb_init(&got);
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int n = 2 + (int)(seed >> 60), prev = 0;
        for (int k = 0; k < n; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            int w = (int)((seed >> 33) % NW);
            /* "Russia 's", "Russia's", "Russia ' s": quotes and S with gaps or none (words stay apart) */
            bool glue = (seed >> 20) % 3 == 0 && (!strcmp(words[w], "s") || words[w][0] == '\'' || words[w][0] == ',') &&
                        !strchr(words[prev], '-');   /* a hyphenated word stays as it is alone */
            sb_addf(&text, "%s%s", k && !glue ? " " : "", words[w]);
            prev = w;
        }
        coder_norms(c, text.s, &got);
        plain_norms(text.s, words, alone, NW, &want);
        CHECK_STR(got.s, want.s);
        joined += strstr(want.s, "'S") != NULL;
        sb_free(&text), sb_free(&want), sb_free(&got);
    }
    CHECK(joined > 20);
    for (int w = 0; w < NW; w++) sb_free(&alone[w]);
    coder_free(c);
    dict_free(d);
}

/* Events of one sentence as text: "code source target" each. */
static void events_of(coder *c, const char *text, strbuf *out)
{
    event_list ev = {0};
    code_one(c, text, &ev, NULL);
    for (size_t k = 0; k < ev.n; k++) sb_addf(out, "%s %s %s;", ev.e[k].code, ev.e[k].source, ev.e[k].target);
    event_list_free(&ev);
}

/* prev_token / next_token take i - 1 and i + 1 when no token of the sentence is elided (any_elided):
   a sentence coded right after one with a dropped clause must code as it does in a fresh coder. */
static void test_elided_neighbours(void)
{
    static const char *const elided[] = {
        "Russia, which the raid angered, attacked Ukraine.",
        "The rebels, who Israel said had attacked the town, denied the raid.",
        "Iran, whose leaders visited Moscow last week, signed an agreement with Iraq.",
    };
    static const char *const plain[] = {
        "The raid angered Russia.", "Police arrested the leader of the opposition.",
        "Iran and Iraq signed a peace agreement.", "After the embassy raid Israel denied the attack.",
        "Russia attacked Ukraine on Monday.", "The restore of the accord was welcomed by France.",
    };
    dict *d = load_builtin();
    int differ = 0, coded = 0;
    for (size_t a = 0; a < sizeof elided / sizeof *elided; a++)
        for (size_t b = 0; b < sizeof plain / sizeof *plain; b++) {
            coder *fresh = coder_new(d), *used = coder_new(d);
            strbuf want, got, first;
            sb_init(&want), sb_init(&got), sb_init(&first);
            events_of(fresh, plain[b], &want);
            events_of(used, elided[a], &first);
            events_of(used, plain[b], &got);
            differ += strcmp(want.s ? want.s : "", got.s ? got.s : "") != 0;
            coded += want.len > 0;
            sb_free(&want), sb_free(&got), sb_free(&first);
            coder_free(fresh), coder_free(used);
        }
    CHECK_INT(differ, 0);
    CHECK(coded > 0);
    /* the elided clause sits between determiner and verb: the verb's neighbour is "the", two tokens
       back, so "raid" is a noun (with i - 1 taken as its neighbour it codes a 190 of the embassy) */
    coder *c = coder_new(d);
    strbuf got;
    sb_init(&got);
    events_of(c, "Russia said the embassy, which officials saw, raid angered Ukraine.", &got);
    CHECK_STR(got.s, "010 RUS RUSGOV;");
    sb_free(&got);
    coder_free(c);
    dict_free(d);
}

/* set_token_arrays: the per-token arrays are laid out anew for each sentence's length in two blocks,
   each cleared by one memset. Random sentences of every length (actors, verbs, determiners, clauses),
   coded one after another by one coder, must code as each does in a fresh coder. */
static void test_token_arrays_reuse(void)
{
    static const char *const vocab[] = {"Russia", "Ukraine", "Israel", "Gaza", "Iran", "Iraq", "police", "rebels",
        "the", "a", "government", "attacked", "said", "denied", "raid", "arrested", "signed", "agreement", "with",
        ",", ",", "who", "which", "and", "after", "Jailed", "activist", "ends", "hunger", "strike", "internationally",
        "recognised", "meeting", "visited", "Moscow", "condemned", "the", "attack", "on", "Monday", ":", "as", "its",
        "army", "killed", "protesters", "were", "by", "troops", "talks", "held"};
    enum { NV = sizeof vocab / sizeof vocab[0] };
    dict *d = load_builtin();
    coder *c = coder_new(d);
    unsigned long long seed = 99;
    int differ = 0, coded = 0;
    for (int round = 0; round < 300; round++) {
        strbuf text, want, got;
        sb_init(&text), sb_init(&want), sb_init(&got);
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int n = 1 + (int)((seed >> 33) % 40);
        for (int k = 0; k < n; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            sb_addf(&text, "%s%s", k ? " " : "", vocab[(seed >> 33) % NV]);
        }
        sb_adds(&text, ".");
        coder *fresh = coder_new(d);
        events_of(fresh, text.s, &want);
        coder_free(fresh);
        coder_new_story(c);   /* what a story carries to its next sentence (pronouns) is not the point here */
        events_of(c, text.s, &got);
        differ += strcmp(got.s ? got.s : "", want.s ? want.s : "") != 0;
        coded += want.len > 0;
        sb_free(&text), sb_free(&want), sb_free(&got);
    }
    CHECK_INT(differ, 0);
    CHECK(coded > 100);
    coder_free(c);
    dict_free(d);
}

/* ---- round 9d: clause coding (coder.c's code_clause and what only it calls) ---- */

/* Actors whose codes have [###] or [+++] among their parts, and near misses ("XX+++", "#+#", "##"). */
static const char *const FLAG_ACTORS[][2] = {
    {"ALPHALAND", "AAA/###"}, {"BETALAND", "BBB/+++/CCC"}, {"GAMMALAND", "GGG"}, {"DELTALAND", "###/DDD"},
    {"EPSILAND", "EEE/XX+++"}, {"ZETALAND", "#+#/ZZZ"}, {"ETALAND", "HHH//##"}, {"THETALAND", "+++"},
    {"IOTALAND", "III/JJJ"}, {"KAPPALAND", "###/+++"}, {"MULAND", "+++X"}, {"NULAND", "####"}, {"XILAND", "##"},
};
#define NFLAG (sizeof FLAG_ACTORS / sizeof FLAG_ACTORS[0])

/* The flags expand's parts carry, as the plain code_flags_of had them: split at '/', compare whole parts. */
static int reference_flags(const char *code)
{
    int flags = 0;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", code);
    for (char *part = strtok(buf, "/"); part; part = strtok(NULL, "/")) {
        if (!strcmp(part, "###")) flags |= 2;
        if (!strcmp(part, "+++")) flags |= 4;
    }
    return flags;
}

static coded_status status_of_flags(int flags)
{
    return flags & 2 ? CODED_DISCARD : flags & 4 ? CODED_COMPLEX : CODED_EVENTS;
}

/* code_flags_of reads the parts of a code in place (no copies): every pair of these actors, alone and in a
   compound, discards or gives up on the sentence exactly when one part of theirs is "###" or "+++". */
static void test_code_flags(void)
{
    char path[] = "/tmp/dyad-flags-XXXXXX.actors";   /* the name tells dict_load the format */
    int fd = mkstemps(path, 7);
    CHECK(fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w");
    for (size_t i = 0; i < NFLAG; i++) fprintf(f, "%s_  [%s]\n", FLAG_ACTORS[i][0], FLAG_ACTORS[i][1]);
    fclose(f);
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, "tests/data/code/world.verbs"), 0);
    CHECK_INT(dict_load(d, path), 0);
    unlink(path);
    coder *c = coder_new(d);
    story s = {0};
    s.id = "flags";
    s.date = date_parse("2024-03-04", 10);
    strbuf text;
    sb_init(&text);
    size_t checked = 0, flagged = 0;
    for (size_t a = 0; a < NFLAG; a++)
        for (size_t b = 0; b < NFLAG; b++)
            for (int form = 0; form < 2; form++) {
                size_t x = (a + b + 1) % NFLAG;   /* a third actor, for the compound */
                sb_clear(&text);
                if (form == 0) sb_addf(&text, "%s attacked %s.", FLAG_ACTORS[a][0], FLAG_ACTORS[b][0]);
                else sb_addf(&text, "%s and %s attacked %s.", FLAG_ACTORS[a][0], FLAG_ACTORS[x][0], FLAG_ACTORS[b][0]);
                int flags = reference_flags(FLAG_ACTORS[a][1]) | reference_flags(FLAG_ACTORS[b][1]) |
                            (form ? reference_flags(FLAG_ACTORS[x][1]) : 0);
                s.text = text.s;
                s.len = text.len;
                event_list ev = {0};
                coder_new_story(c);
                coded_status st = code_sentence(c, &s, 1, (span){0, (uint32_t)text.len}, NULL, &ev, NULL);
                if (st != status_of_flags(flags)) printf("  %s: %d, want %d\n", text.s, (int)st, (int)status_of_flags(flags));
                CHECK_INT(st, status_of_flags(flags));
                checked++;
                flagged += flags != 0;
                event_list_free(&ev);
            }
    CHECK(checked == 2 * NFLAG * NFLAG && flagged > 0 && flagged < checked);
    sb_free(&text);
    coder_free(c);
    dict_free(d);
}

/* Events of one sentence with the built-in dictionary (dyad style). */
static size_t event_count(coder *c, const char *text)
{
    event_list ev = {0};
    coder_new_story(c);
    code_one(c, text, &ev, NULL);
    size_t n = ev.n;
    event_list_free(&ev);
    return n;
}

/* `negated` measures a word by its token's norm_len, not strlen: the two agree because the tokenizer
   ends a word at a NUL byte (random text with NULs and stray bytes, every word and number token); and
   the negations still stop the event, near misses do not. */
static void test_clause_shortcuts(void)
{
    static const char pieces[][8] = {"NOT", "N'T", "DIDN", "\0", "'", "T", " ", "NO", "NEVER", "\xc3\xa9", "a", "-", "7", "\xff"};
    unsigned seed = 12345;
    token_list tl = {0};
    size_t words = 0;
    bool same = true;
    for (int round = 0; round < 3000; round++) {
        char text[96];
        size_t n = 0;
        for (int k = 0; k < 12; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t len = p[0] ? strlen(p) : 1;   /* the "\0" piece is one NUL byte */
            memcpy(text + n, p, len);
            n += len;
        }
        tokenize(text, (span){0, (uint32_t)n}, &tl);
        for (size_t i = 0; i < tl.n; i++) {
            if (tl.t[i].kind != TOK_WORD && tl.t[i].kind != TOK_NUMBER) continue;
            same = same && strlen(tok_norm(&tl, i)) == tl.t[i].norm_len;
            words++;
        }
    }
    CHECK(same && words > 5000);
    token_list_free(&tl);

    dict *d = load_builtin();
    coder *c = coder_new(d);
    CHECK(event_count(c, "Russia attacked Ukraine.") > 0);
    CHECK_INT(event_count(c, "Russia did not attack Ukraine."), 0);
    CHECK_INT(event_count(c, "Russia didn't attack Ukraine."), 0);
    CHECK_INT(event_count(c, "Russia never attacked Ukraine."), 0);
    CHECK_INT(event_count(c, "Russia wouldn't attack Ukraine."), 0);
    CHECK_INT(event_count(c, "Russia no longer attacked Ukraine."), 0);
    CHECK(event_count(c, "Russia now attacked Ukraine.") > 0);      /* NOW: three letters, not NOT */
    CHECK(event_count(c, "Russia, Nott said, attacked Ukraine.") > 0);
    coder_free(c);
    dict_free(d);
}

/* The matcher decides which alternatives of a set can match at all once per element, not at every
   position: synsets and { } groups still match where they did, a literal still beats a synset
   (answers of the matcher before the change, by `dyad explain` on tests/data/code's dictionary). */
static void test_set_matching(void)
{
    static const char *const cases[][2] = {
        {"Valdoria attacked Kestria with rockets.", "195"},
        {"Valdoria attacked Kestria yesterday with missiles and tanks.", "194"},
        {"Valdoria attacked Kestria with armoured vehicles.", "194"},
        {"Valdoria attacked Kestria, which has warplanes.", "190"},
        {"Valdoria attacked Kestria with armoured rockets.", "195"},
        {"Valdoria attacked Kestria with old tanks.", "194"},
        {"Valdoria attacked Kestria.", "190"},
    };
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, "tests/data/code/world.actors"), 0);
    CHECK_INT(dict_load(d, "tests/data/code/world.agents"), 0);
    CHECK_INT(dict_load(d, "tests/data/code/world.verbs"), 0);
    coder *c = coder_new(d);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        event_list ev = {0};
        coder_new_story(c);
        code_one(c, cases[k][0], &ev, NULL);
        CHECK_INT(ev.n, 1);
        CHECK_STR(ev.n ? ev.e[0].code : "", cases[k][1]);
        event_list_free(&ev);
    }
    coder_free(c);
    dict_free(d);
}

/* dict_pattern_needs: dict_first_needs and dict_second_needs in one call, for every verb (and out of range). */
static void check_pattern_needs(const dict *d)
{
    bool same = true;
    for (int v = -1; v <= d->nverbs; v++) {
        const uint32_t *second = (const uint32_t *)1, *first = dict_pattern_needs(d, v, &second);
        same = same && first == dict_first_needs(d, v) && second == dict_second_needs(d, v);
    }
    CHECK(same);
}

static void test_pattern_needs(void)
{
    dict *d = load_builtin();
    check_pattern_needs(d);
    dict_free(d);
    if ((d = load_tabari())) {
        check_pattern_needs(d);
        dict_free(d);
    }
}

/* expand copies a mention's code parts in the same pass that finds their ends: every part, empty ones
   left out, compounds member by member (answers of the strchr/strlen/memcpy version, by `dyad explain`). */
static void test_code_parts(void)
{
    static const char *const cases[][2] = {
        {"Iotaland attacked Gammaland.", "III>GGG JJJ>GGG"},
        {"Etaland attacked Gammaland.", "HHH>GGG ##>GGG"},
        {"Gammaland attacked Lambdaland.", "GGG>LLL GGG>MMM"},
        {"Iotaland and Lambdaland attacked Gammaland.", "III>GGG JJJ>GGG LLL>GGG MMM>GGG"},
        /* only_itself: one code a side compared directly, the others expanded */
        {"Gammaland attacked Gammaland.", "GGG>---"},
        {"Iotaland attacked Iotaland.", "III>--- JJJ>---"},
        {"Gammaland attacked Iotaland.", "GGG>III GGG>JJJ"},
        {"Etaland attacked Etaland.", "HHH>--- ##>---"},
        {"Iotaland and Gammaland attacked Gammaland.", "III>--- JJJ>--- GGG>---"},
        {"Gammaland said it attacked Gammaland.", "GGG>---"},
    };
    char path[] = "/tmp/dyad-parts-XXXXXX.actors";
    int fd = mkstemps(path, 7);
    CHECK(fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w");
    fputs("IOTALAND_  [III/JJJ]\nGAMMALAND_  [GGG]\nETALAND_  [HHH//##]\nLAMBDALAND_  [/LLL/MMM/]\n", f);
    fclose(f);
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, "tests/data/code/world.verbs"), 0);
    CHECK_INT(dict_load(d, path), 0);
    unlink(path);
    coder *c = coder_new(d);
    strbuf got;
    sb_init(&got);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        event_list ev = {0};
        coder_new_story(c);
        code_one(c, cases[k][0], &ev, NULL);
        sb_clear(&got);
        for (size_t i = 0; i < ev.n; i++) sb_addf(&got, "%s%s>%s", i ? " " : "", ev.e[i].source, ev.e[i].target);
        CHECK_STR(got.s, cases[k][1]);
        event_list_free(&ev);
    }
    sb_free(&got);
    coder_free(c);
    dict_free(d);
}

/* best_pattern asks passive_object, and runs the passive search, only when some pattern of a passive's
   shape had its needs met: passives that pick a pattern, and passives and actives that do not (answers of
   the base binary, by `dyad explain`, built-in dictionary). */
static void test_passive_search(void)
{
    static const char *const cases[][2] = {
        {"Curfew lifted in Aleppo.", "--->SYR 0813"},
        {"A ceasefire was agreed by Russia and Ukraine.", "RUS>--- 0871 UKR>--- 0871"},
        {"The embargo was imposed on Iraq by France.", ""},
        {"A state of emergency was declared by Egypt.", "EGY>--- 1724"},
        {"Three soldiers were killed in Najaf.", "--->IRQMIL 190"},
        {"Sanctions on Iran were lifted.", "--->IRN 163"},
        {"Kyiv was attacked.", "--->UKR 190"},
        {"Martial law was declared in Kenya.", "--->--- 1724"},
        /* passive_by looks for "by" before the "be" and participle tests */
        {"Kyiv was attacked by Russia.", "RUS>UKR 190"},
        {"Kyiv was attacked yesterday by Russia.", "RUS>UKR 190"},
        {"Kyiv attacked by Russia.", "RUS>UKR 190"},
        {"Russia rejected accusations by Ukraine.", "RUS>UKR 016"},
        {"Kyiv was fiercely attacked by Russia.", "RUS>UKR 190"},
        {"Kyiv attacked yesterday by Russia.", "UKR>RUS 190"},
        {"Ukraine was criticised by the Russian army.", "RUSMIL>UKR 111"},
        /* only_itself's single codes */
        {"Egypt attacked Egypt.", "EGY>--- 190"},
        {"Egyptian police arrested Egyptian protesters.", "EGYCOP>EGYOPP 173"},
        {"Egypt's army attacked Egypt.", "EGYMIL>EGY 190"},
    };
    dict *d = load_builtin();
    coder *c = coder_new(d);
    strbuf got;
    sb_init(&got);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        event_list ev = {0};
        coder_new_story(c);
        code_one(c, cases[k][0], &ev, NULL);
        sb_clear(&got);
        sb_adds(&got, "");
        for (size_t i = 0; i < ev.n; i++) sb_addf(&got, "%s%s>%s %s", i ? " " : "", ev.e[i].source, ev.e[i].target, ev.e[i].code);
        CHECK_STR(got.s, cases[k][1]);
        event_list_free(&ev);
    }
    sb_free(&got);
    coder_free(c);
    dict_free(d);
}

/* A sentence of words that TABARI's patterns need (random verbs' patterns), some twice. */
static void random_need_sentence(const dict *d, unsigned *seed, char *buf, size_t cap)
{
    size_t n = 0, words = 2 + *seed % 60;
    buf[0] = 0;
    for (size_t k = 0; k < words; k++) {
        *seed = *seed * 1103515245u + 12345u;
        const verb_entry *ve = &d->verbs[(*seed >> 8) % (unsigned)d->nverbs];
        if (!ve->npats) continue;
        *seed = *seed * 1103515245u + 12345u;
        const phrase *p = &ve->pats[(*seed >> 8) % (unsigned)ve->npats].p;
        const pelem *e = &p->e[(*seed >> 3) % (unsigned)p->n];
        if (e->kind != PE_WORD || n + strlen(e->word) + 2 >= cap) continue;
        n += (size_t)snprintf(buf + n, cap - n, "%s ", e->word);
    }
}

/* Sentence k of a run (the test sentences first, then random ones of the pattern words) into text, tokenized
   into tl and marked token by token the plain way (dict_marks_token), the reference for the shortcuts. */
static void mark_sentence_k(const dict *d, dict_marks *m, token_list *tl, size_t k, unsigned *seed, char *text,
                            size_t cap)
{
    if (k < NSENT) snprintf(text, cap, "%s", SENTENCES[k]);
    else random_need_sentence(d, seed, text, cap);
    tokenize(text, (span){0, (uint32_t)strlen(text)}, tl);
    dict_marks_begin(d, m);
    for (size_t i = 0; i < tl->n; i++)
        dict_marks_token(d, m, tok_norm(tl, i), tl->t[i].norm_len, (tl->t[i].flags & TF_POSS) != 0);
}

/* dict_verb_scan: for every verb, *first is dict_first_needs', and the two looks of each pattern say
   "present" exactly when the old tests (a need below m.nword whose word is not stamped is absent) say
   so, for the first and the second need (dict_second_needs); the candidates are dict_verb_candidates_any's.
   On the test sentences and random ones of the dictionary's pattern words, across the generation's wrap
   (the id every sentence has must be stamped again after it). */
/* dict_verb_lemma: a verb's first form, when one word, as a token of it carries it (length and norm_hash); 0
   for a verb whose first form is not one word. */
static void check_verb_lemma(const dict *d)
{
    size_t lemmas = 0;
    bool ok = true;
    for (int v = 0; v < d->nverbs; v++) {
        uint64_t key = 1;
        ok = ok && dict_verb_lemma(d, v, &key);
        const phrase *f = d->verbs[v].nforms ? &d->verbs[v].forms[0] : NULL;
        bool one = f && f->n == 1 && f->e[0].kind == PE_WORD;
        if (one) {
            const char *w = f->e[0].word;
            ok = ok && key == ((uint64_t)strlen(w) << 32 | norm_hash(w, strlen(w)));
            lemmas++;
        } else {
            ok = ok && key == 0;
        }
    }
    CHECK(ok);
    CHECK(lemmas > 0);
    CHECK(!dict_verb_lemma(d, -1, &(uint64_t){0}) && !dict_verb_lemma(d, d->nverbs, &(uint64_t){0}));
}

/* dict_verb_need_spans: each pattern's needs where the pattern has them (best_pattern reads them there
   instead of from the pattern). */
static void check_need_spans(const dict *d)
{
    size_t patterns = 0, with_needs = 0;
    bool ok = true;
    for (int v = 0; v < d->nverbs; v++) {
        const uint32_t *pool = NULL;
        const dict_need_span *sp = dict_verb_need_spans(d, v, &pool);
        ok = ok && sp != NULL;
        for (int p = 0; sp && p < d->verbs[v].npats; p++, patterns++) {
            const verb_pattern *vp = &d->verbs[v].pats[p];
            ok = ok && sp[p].n == (uint32_t)vp->nneed && (!vp->nneed || pool + sp[p].at == vp->need);
            with_needs += vp->nneed > 0;
        }
    }
    CHECK(ok);
    CHECK(patterns > 0 && with_needs > 0);
    CHECK(dict_verb_need_spans(d, -1, &(const uint32_t *){NULL}) == NULL);
    CHECK(dict_verb_need_spans(d, d->nverbs, &(const uint32_t *){NULL}) == NULL);
}

static void check_verb_scan(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    uint32_t *a = NULL, *b = NULL;
    size_t capa = 0, capb = 0, looked = 0, present = 0;
    unsigned seed = 5;
    char text[1024];
    for (size_t k = 0; k < 600 + NSENT; k++) {
        if (k == NSENT + 300) m.gen = UINT32_MAX;   /* the next dict_marks_begin wraps */
        mark_sentence_k(d, &m, &tl, k, &seed, text, sizeof text);
        for (int v = -1; v <= d->nverbs; v++) {
            const uint32_t *first = NULL, *look = NULL, *second = NULL, *f = dict_pattern_needs(d, v, &second);
            size_t n = dict_verb_scan(d, &m, v, &first, &look, &a, &capa);
            CHECK(first == f && (look != NULL) == (f != NULL));
            CHECK(n == dict_verb_candidates_any(d, &m, v, &b, &capb));
            if (n != SIZE_MAX && n == dict_verb_candidates_any(d, &m, v, &b, &capb)) CHECK(!memcmp(a, b, n * sizeof *a));
            if (!f || !look) continue;
            for (int p = 0; p < d->verbs[v].npats; p++) {
                bool had1 = !(f[p] < m.nword && m.mark[f[p]] != m.mark_gen), had2 = !(second[p] < m.nword && m.mark[second[p]] != m.mark_gen);
                bool got1 = m.mark[look[2 * p]] == m.mark_gen, got2 = m.mark[look[2 * p + 1]] == m.mark_gen;
                if (had1 != got1 || had2 != got2) { CHECK(false); break; }
                looked++, present += got1 && got2;
            }
        }
    }
    CHECK(looked > 0 && present > 0 && present < looked);
    free(a);
    free(b);
    dict_marks_free(&m);
    token_list_free(&tl);
}

/* dict_verb_candidates_any: the indexes dict_verb_candidates lists, each once, for every verb, on the
   test sentences and 2,000 random ones of TABARI's pattern words (best_pattern breaks ties by the index,
   so the order may differ, the set may not). */
static void check_candidates_any(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    uint32_t *a = NULL, *b = NULL;
    size_t capa = 0, capb = 0, lists = 0, listed = 0;
    unsigned seed = 11;
    char text[1024];
    for (size_t k = 0; k < 2000 + NSENT; k++) {
        mark_sentence_k(d, &m, &tl, k, &seed, text, sizeof text);
        for (int v = 0; v < d->nverbs; v++) {
            size_t na = dict_verb_candidates(d, &m, v, &a, &capa);
            size_t nb = dict_verb_candidates_any(d, &m, v, &b, &capb);
            CHECK(na == nb);
            if (na == SIZE_MAX || na != nb) continue;
            lists++, listed += na;
            /* each listed once: mark them in the ordered list (ascending, so a search finds them) */
            uint8_t *hit = xcalloc(na + 1, 1);
            bool same = true;
            for (size_t j = 0; j < nb && same; j++) {
                size_t lo = 0, hi = na;
                while (lo < hi) { size_t mid = (lo + hi) / 2; if (a[mid] < b[j]) lo = mid + 1; else hi = mid; }
                same = lo < na && a[lo] == b[j] && !hit[lo];
                if (same) hit[lo] = 1;
            }
            CHECK(same);
            free(hit);
        }
    }
    CHECK(lists > 1000 && listed > lists);
    free(a);
    free(b);
    dict_marks_free(&m);
    token_list_free(&tl);
}

/* best_pattern with dict_verb_candidates_any: of two patterns that fit as well, the earlier wins, though
   the later one's word comes first in the sentence (and so first in the list). A verb of 200 patterns
   (enough to be grouped); one needs only a synset (the "always" list). The base binary's answers. */
static void test_candidates_tie(void)
{
    dict *d = load_builtin();
    strbuf text, got;
    sb_init(&text);
    sb_init(&got);
    sb_adds(&text, "verb 130 = zork\npattern 131 zork: * zebra +\npattern 132 zork: * quokka +\n"
                   "pattern 133 zork: * &TALKS +\n");
    for (int k = 0; k < 200; k++) sb_addf(&text, "pattern 134 zork: * wug%c%c +\n", 'a' + k / 26, 'a' + k % 26);
    dict_read_dyad_text(d, "tie.dyad", text.s, text.len);
    CHECK_INT(quiet.errors, 0);
    dict_prepare(d);
    static const char *const cases[][2] = {
        {"Russia zorked quokka zebra Ukraine.", "131 RUS UKR;"},
        {"Russia zorked zebra quokka Ukraine.", "131 RUS UKR;"},
        {"Russia zorked quokka Ukraine.", "132 RUS UKR;"},
        {"Russia zorked talks Ukraine.", "133 RUS UKR;"},
        {"Russia zorked talks wugbe Ukraine.", "134 RUS UKR;"},   /* a literal beats a synset */
        {"Russia zorked wugbe wugba Ukraine.", "134 RUS UKR;"},
    };
    coder *c = coder_new(d);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        sb_clear(&got);
        sb_adds(&got, "");
        coder_new_story(c);
        events_of(c, cases[k][0], &got);
        CHECK_STR(got.s, cases[k][1]);
    }
    coder_free(c);
    sb_free(&text);
    sb_free(&got);
    dict_free(d);
}

/* ---- round 10a: the name scan (the token cache's items, coder.c's lex_candidate_met) ---- */

/* The token cache keeps, of dict_lookup's items, those the plain rule lets start at the token, in
   dict_lookup's order (lex_candidate_met then skips the first word's compare): every index word with
   endings, cut short, possessive or not, and random words of their letters. */
static void check_starting_items(const dict *d)
{
    static const char *const endings[] = {"", "S", "ES", "ED", "EN", "ING", "D", "X", "ER"};
    dict_marks m = {0};
    static item_list all;
    unsigned long long seed = 777;
    long kept = 0, dropped = 0, tokens = 0;
    bool ok = true;
    char tok[128];
    dict_marks_begin(d, &m);
    for (size_t b = 0; b < d->nbuckets && ok; b++)
        for (const index_item *it = d->buckets[b]; it && ok; it = it->next) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            if (it->len > 100 || (seed >> 60) > 3) continue;   /* a quarter of the items' words */
            const char *end = endings[(seed >> 33) % 9];
            size_t n = it->len;
            if ((seed >> 40) % 5 == 0 && n > 1) n--;   /* cut a letter */
            if ((seed >> 44) % 7 == 0) {   /* letters of the word shuffled */
                memcpy(tok, it->word, n);
                for (size_t i = 0; i < n; i++) tok[i] = it->word[(seed >> (i % 20)) % it->len];
                tok[n] = 0;
            } else {
                snprintf(tok, sizeof tok, "%.*s%s", (int)n, it->word, end);
            }
            bool poss = (seed >> 50) % 3 == 0;
            uint8_t *note;
            int32_t e = dict_marks_token_cached(d, &m, tok, strlen(tok), poss, &note);
            if (e < 0) continue;
            tokens++;
            const index_item *const *items = NULL;
            const uint32_t *first = NULL;
            uint32_t ni = dict_token_items(&m, e, &items, &first);
            all.n = 0;
            dict_lookup(d, tok, collect_item, &all);
            uint32_t j = 0;
            for (size_t a = 0; a < all.n; a++) {
                if (!plain_can_start(d, all.it[a], tok, poss)) { dropped++; continue; }
                ok = ok && j < ni && items[j] == all.it[a];
                j++, kept++;
            }
            ok = ok && j == ni;
        }
    CHECK(ok);
    CHECK(kept > 1000 && dropped > 100 && tokens > 1000);
    printf("  starting items: %ld kept, %ld dropped, %ld tokens\n", kept, dropped, tokens);
    dict_marks_free(&m);
}

/* check(d) on the built-in dictionary, then on TABARI's set when ../shared has it. */
static void on_both_dictionaries(void (*check)(const dict *d))
{
    dict *d = load_builtin();
    check(d);
    dict_free(d);
    d = load_tabari();
    if (!d) return;
    check(d);
    dict_free(d);
}

static void test_starting_items(void) { on_both_dictionaries(check_starting_items); }

/* The same when the caches cannot use the dictionary's texts (tc_texts_of): names of new words added and the index
   grouped again after the texts were worked out (each cache then works out its own, naming the new groups), and the
   groups gone (no group in the texts: the items come from dict_lookup_starting's walk of the buckets). */
static void test_starting_items_own_texts(void)
{
    dict *d = load_builtin();
    check_starting_items(d);   /* the dictionary's texts */
    strbuf add;
    sb_init(&add);
    for (int i = 0; i < 400; i++)
        sb_addf(&add, "actor ZZ%c = Zorb%c%c%c | Wug%c%c Land\n", 'A' + i % 26, 'a' + i % 26, 'a' + i / 26 % 26, 'q' + i % 7,
                'a' + i % 26, 'b' + i / 26 % 20);
    CHECK_INT(dict_read_dyad_text(d, "added", add.s, add.len), 0);
    sb_free(&add);
    dict_group_index(d);
    check_starting_items(d);
    struct dict_groups *g = d->groups;
    d->groups = NULL;
    check_starting_items(d);
    d->groups = g;
    dict_free(d);
}

/* Events and trace of one sentence as text. */
static void coded_text(coder *c, const char *text, strbuf *out)
{
    strbuf trace;
    sb_init(&trace);
    event_list ev = {0};
    code_one(c, text, &ev, &trace);
    sb_clear(out);
    sb_adds(out, trace.s ? trace.s : "");
    for (size_t i = 0; i < ev.n; i++) sb_addf(out, "|%s>%s %s", ev.e[i].source, ev.e[i].target, ev.e[i].code);
    event_list_free(&ev);
    sb_free(&trace);
}

/* The name scan's shortcuts against the plain scan (coder_name_shortcuts off: dict_lookup and lex_candidate at
   every word): the token cache's lists of names that can start at the token, the first word not compared
   again, one-word names decided inline, long lists (THE, A, OF with TABARI's set) remembered per sentence and
   replayed when the word comes again. Random sentences of such words and the names that follow them, coded
   one after another by one coder, give the events and trace of a fresh plain coder; sentences with more long
   lists than the memo holds included. */
static void test_long_list_memo(void)
{
    static const char *const files[] = {"CAMEO.091003.master.verbs", "CountryInfo.120116.actors", "Internatnl.120521.actors",
        "PSU.120522.agents", "CAMEO.09b5.options"};
    char path[256];
    dict *d = dict_new(&quiet);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, TABARI "%s", files[f]);
        if (access(path, R_OK) != 0) {
            printf("skip test_long_list_memo: no %s\n", path);
            dict_free(d);
            return;
        }
        CHECK_INT(dict_load(d, path), 0);
    }
    dict_prepare(d);
    static const char *const words[] = {"the", "The", "a", "of", "and", "in", "to", "new", "national", "united",
        "States", "Nations", "Kingdom", "people's", "republic", "government", "China", "south", "Africa", "north",
        "Korea", "president", "minister", "foreign", "army", "police", "party", "democratic", "front", "islamic",
        "attacked", "said", "met", "accused", "Iran", "Iraq", "Israel", "Soviet", "Union", "European", "community",
        "central", "bank", "ministry", "of", "defence", "the", "THE", "liberation", "organization", "council"};
    enum { NW = sizeof words / sizeof words[0] };
    /* the test needs long lists: count the words that have one */
    dict_marks m = {0};
    dict_marks_begin(d, &m);
    int long_words = 0;
    for (int w = 0; w < NW; w++) {
        char up[64];
        size_t n = strlen(words[w]);
        for (size_t i = 0; i <= n; i++) up[i] = (char)(words[w][i] >= 'a' && words[w][i] <= 'z' ? words[w][i] - 32 : words[w][i]);
        uint8_t *note;
        int32_t e = dict_marks_token_cached(d, &m, up, n, false, &note);
        const index_item *const *it;
        const uint32_t *first;
        long_words += e >= 0 && dict_token_items(&m, e, &it, &first) >= 40;
    }
    dict_marks_free(&m);
    CHECK(long_words >= 10);   /* more than the memo's 8 lists */
    /* and words two one-word names of the same rank start with (actors, agents, nouns and adjectives, verbs:
       the first found wins the tie), e.g. a noun and an adjective, or a stem and the whole word */
    static const int rank[IX_ADJ + 1] = {0, 5, 4, 2, 3, 3};
    static item_list found;
    const char *ties[16];
    int nties = 0;
    for (size_t b = 0; b < d->nbuckets && nties < 16; b++)
        for (const index_item *it = d->buckets[b]; it && nties < 16; it = it->next) {
            if (it->nneed || it->kind > IX_ADJ || it->len <= 3 || it->len > 30) continue;
            found.n = 0;
            dict_lookup(d, it->word, collect_item, &found);
            int seen[6] = {0};
            bool tie = false;
            for (size_t a = 0; a < found.n; a++) {
                const index_item *o = found.it[a];
                if (o->nneed || o->kind > IX_ADJ || (o->kind == IX_ACTOR && o->len <= 3)) continue;
                if (!plain_can_start(d, o, it->word, false)) continue;
                tie = tie || seen[rank[o->kind]]++;
            }
            if (tie) ties[nties++] = it->word;
        }
    printf("  ties: %d\n", nties);
    CHECK(nties >= 8);
    coder *c = coder_new(d);
    strbuf text, want, got;
    sb_init(&text), sb_init(&want), sb_init(&got);
    unsigned long long seed = 4242;
    int differ_from_empty = 0;
    for (int round = 0; round < 600; round++) {
        sb_clear(&text);
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int n = 4 + (int)((seed >> 33) % 40);
        for (int k = 0; k < n; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t w = (seed >> 33) % (NW + (size_t)nties);
            sb_addf(&text, "%s%s", k ? " " : "", w < NW ? words[w] : ties[w - NW]);
        }
        sb_adds(&text, ".");
        coded_text(c, text.s, &got);
        coder *fresh = coder_new(d);
        coder_name_shortcuts(fresh, false);
        coded_text(fresh, text.s, &want);
        coder_free(fresh);
        CHECK_STR(got.s, want.s);
        differ_from_empty += strchr(want.s, '|') != NULL;
    }
    CHECK(differ_from_empty > 50);   /* sentences with events */
    printf("  long lists: %d words, %d sentences with events\n", long_words, differ_from_empty);
    sb_free(&text), sb_free(&want), sb_free(&got);
    coder_free(c);
    dict_free(d);
}

/* ---- round 16: the next sentence tokenized early (coder_next_sentence) ---- */

/* Codes the sentences of text (spans sp[0..n)) as one story with coder c, naming each call's next sentence
   when hint says (1: the right one, 2: a wrong span), into out: each sentence's events and its tokens as
   coder_tokens gives them. */
static void story_coded(coder *c, char *text, const span *sp, int n, int hint, strbuf *out)
{
    story s = {0};
    s.id = "t";
    s.text = text;
    s.len = strlen(text);
    s.date = date_parse("2024-03-04", 10);
    coder_new_story(c);
    for (int i = 0; i < n; i++) {
        if (hint == 1 && i + 1 < n) coder_next_sentence(c, sp[i + 1]);
        if (hint == 2 && i + 1 < n) coder_next_sentence(c, (span){sp[i + 1].start, sp[i + 1].end - 1});
        event_list ev = {0};
        code_sentence(c, &s, i + 1, sp[i], NULL, &ev, NULL);
        for (size_t k = 0; k < ev.n; k++) sb_addf(out, "%s %s %s;", ev.e[k].code, ev.e[k].source, ev.e[k].target);
        event_list_free(&ev);
        const token_list *tl = coder_tokens(c);
        for (size_t k = 0; k < tl->n; k++)
            sb_addf(out, " %u-%u:%s/%x", tl->t[k].start, tl->t[k].end, tok_norm(tl, k), (unsigned)tl->t[k].flags);
        sb_addc(out, '\n');
    }
}

/* The tokens made early are the ones tokenize makes, and only the call they were made for takes them: the
   same events and tokens with the hint, with a wrong one, and for another story later put at the same
   address with the same spans (its own bytes, not the tokens of the last story's unused hint). */
static void test_tokens_ahead(void)
{
    dict *d = load_builtin();
    coder *hinted = coder_new(d), *plain = coder_new(d);
    int stories = 0, differ = 0;
    for (size_t a = 0; a < NSENT; a++) {
        strbuf text, want, got, wrong;
        sb_init(&text), sb_init(&want), sb_init(&got), sb_init(&wrong);
        span sp[4];
        for (int k = 0; k < 4; k++) {   /* four sentences, one of them with a hyphen and a possessive */
            sp[k].start = (uint32_t)text.len;
            sb_adds(&text, k == 2 ? "Iran's pro-government militia attacked Iraq's army." : SENTENCES[(a + (size_t)k) % NSENT]);
            sp[k].end = (uint32_t)text.len;
            sb_adds(&text, " ");
        }
        story_coded(plain, text.s, sp, 4, 0, &want);
        story_coded(hinted, text.s, sp, 4, 1, &got);
        story_coded(hinted, text.s, sp, 4, 2, &wrong);
        differ += strcmp(got.s, want.s) != 0 || strcmp(wrong.s, want.s) != 0;
        /* a hint whose call never comes (the story ends), then another story in the same buffer */
        coder_next_sentence(hinted, sp[1]);
        event_list ev = {0};
        story s = {.id = "t", .text = text.s, .len = text.len, .date = date_parse("2024-03-04", 10)};
        code_sentence(hinted, &s, 1, sp[0], NULL, &ev, NULL);
        event_list_free(&ev);
        for (uint32_t k = sp[1].start; k < sp[1].end; k++)
            if (text.s[k] >= 'a' && text.s[k] <= 'y') text.s[k]++;   /* other words, the same spans */
        sb_free(&want), sb_free(&got), sb_init(&want), sb_init(&got);
        story_coded(plain, text.s, sp, 4, 0, &want);
        coder_new_story(hinted);
        event_list ev2 = {0};
        code_sentence(hinted, &s, 2, sp[1], NULL, &ev2, NULL);   /* sp[1] again: its new bytes' tokens */
        const token_list *tl = coder_tokens(hinted);
        token_list fresh = {0};
        tokenize(text.s, sp[1], &fresh);
        differ += tl->n != fresh.n || (fresh.n && strcmp(tok_norm(tl, 0), tok_norm(&fresh, 0)) != 0);
        token_list_free(&fresh);
        event_list_free(&ev2);
        stories++;
        sb_free(&text), sb_free(&want), sb_free(&got), sb_free(&wrong);
    }
    CHECK_INT(differ, 0);
    CHECK_INT(stories, (int)NSENT);
    coder_free(hinted), coder_free(plain);
    dict_free(d);
}

/* The word needs of pattern vp, longest first (of equals the earlier), into out (at most 64); how many.
   The pattern's word needs are its words in order (dict_prepare's add_needs): their lengths are theirs. */
static int word_needs_by_length(const verb_pattern *vp, uint32_t nword, uint32_t *out)
{
    int n = 0, j = 0;
    size_t len[64];
    for (int i = 0; i < vp->p.n && j < vp->nneed && n < 64; i++) {
        const pelem *e = &vp->p.e[i];
        if (e->kind != PE_WORD || !e->len || e->len >= 65535) continue;
        uint32_t id = vp->need[j++];
        if ((id & NEED_SET) || id >= nword) continue;
        len[n] = e->len, out[n++] = id;
    }
    for (int i = 1; i < n; i++)   /* insertion sort, stable: equals keep their order */
        for (int k = i; k > 0 && len[k] > len[k - 1]; k--) {
            uint32_t t = out[k];
            size_t tl = len[k];
            out[k] = out[k - 1], len[k] = len[k - 1];
            out[k - 1] = t, len[k - 1] = tl;
        }
    return n;
}

/* look16's two ids for vp: its two longest word needs, nword (the id every sentence has) for each missing */
static bool longest_looks_ok(const verb_pattern *vp, const uint16_t *l, uint32_t nword)
{
    uint32_t w[64];
    int n = word_needs_by_length(vp, nword, w);
    return l[0] == (n > 0 ? w[0] : nword) && l[1] == (n > 1 ? w[1] : nword);
}

/* Does the marked sentence have vp's two longest word needs (all of them, when it has fewer)? */
static bool longest_two_present(const verb_pattern *vp, const dict_marks *m)
{
    uint32_t w[64];
    int n = word_needs_by_length(vp, (uint32_t)m->nword, w);
    for (int i = 0; i < n && i < 2; i++)
        if (m->mark[w[i]] != m->mark_gen) return false;
    return true;
}

/* dict_verb_scan_view: the looks (and look16, the two longest word needs in 16 bits), first needs and candidates of dict_verb_scan
   and the pool and spans of dict_verb_need_spans, for every verb and out of range, on the test sentences and random ones of the
   dictionary's pattern words; all NULL for marks begun with no dictionary. */
static void check_verb_scan_view(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    uint32_t *a = NULL, *b = NULL;
    size_t capa = 0, capb = 0, views = 0, views16 = 0, lists = 0;
    unsigned seed = 17;
    char text[1024];
    dict_verb_view view = {NULL, NULL, NULL, NULL, NULL};
    CHECK(dict_verb_scan_view(d, &m, 0, &view, &a, &capa) == SIZE_MAX && !view.first && !view.look && !view.spans);
    for (size_t k = 0; k < 300 + NSENT; k++) {
        mark_sentence_k(d, &m, &tl, k, &seed, text, sizeof text);
        for (int v = -1; v <= d->nverbs; v++) {
            const uint32_t *first = NULL, *look = NULL, *pool = NULL;
            size_t n = dict_verb_scan(d, &m, v, &first, &look, &a, &capa);
            const dict_need_span *spans = first ? dict_verb_need_spans(d, v, &pool) : NULL;
            size_t nv = dict_verb_scan_view(d, &m, v, &view, &b, &capb);
            CHECK(nv == n && view.first == first && view.look == look && view.spans == spans);
            CHECK(!spans || view.pool == pool);
            if (n != SIZE_MAX && nv == n) {
                CHECK(!memcmp(a, b, n * sizeof *a));
                lists++;
                /* best_pattern tests only the second of a listed pattern's look16: the first is its key */
                for (size_t j = 0; view.look16 && j < n; j++)
                    if (m.mark[view.look16[2 * b[j]]] != m.mark_gen) {
                        CHECK(false);
                        break;
                    }
            }
            views += view.first != NULL;
            /* the 16-bit looks, wherever given (dictionaries of under 65,535 words), are the two longest
               word needs; a pattern the sentence has them both of, and only such, passes them */
            for (int p = 0; view.look16 && p < d->verbs[v].npats; p++) {
                const uint16_t *l = view.look16 + 2 * p;
                bool met = m.mark[l[0]] == m.mark_gen && m.mark[l[1]] == m.mark_gen;
                if (!longest_looks_ok(&d->verbs[v].pats[p], l, (uint32_t)m.nword) ||
                    met != longest_two_present(&d->verbs[v].pats[p], &m)) {
                    CHECK(false);
                    break;
                }
            }
            views16 += view.look16 != NULL;
            /* the verb's end pair, which every sentence has: best_pattern's scan stops there at the latest */
            if (view.look16) {
                const uint16_t *end = view.look16 + 2 * d->verbs[v].npats;
                CHECK(end[0] == m.nword && end[1] == m.nword && m.mark[end[0]] == m.mark_gen);
            }
        }
    }
    CHECK(views > 0 && views16 == views);   /* both dictionaries have fewer than 65,535 words */
    printf("  verb views: %zu, candidate lists %zu\n", views, lists);
    free(a);
    free(b);
    dict_marks_free(&m);
    token_list_free(&tl);
}

static void test_verb_scan_view(void) { on_both_dictionaries(check_verb_scan_view); }

/* Is set `name` possible in `text`, by dict_needs_met (set_possible's scan of the alternatives' first words,
   alt_look16) and by dict_alt_possible alternative by alternative (no scan)? Both into *scan, *each. */
static void set_possible_both(const dict *d, const char *name, const char *text, bool *scan, bool *each)
{
    dict_marks m = {0};
    token_list tl = {0};
    tokenize(text, (span){0, (uint32_t)strlen(text)}, &tl);
    dict_marks_begin(d, &m);
    for (size_t i = 0; i < tl.n; i++)
        dict_marks_token(d, &m, tok_norm(&tl, i), tl.t[i].norm_len, (tl.t[i].flags & TF_POSS) != 0);
    int s = 0;
    while (s < d->nsets && (!d->sets[s].name || strcmp(d->sets[s].name, name))) s++;
    CHECK(s < d->nsets);
    uint32_t need = NEED_SET | (uint32_t)s;
    *scan = dict_needs_met(d, &m, &need, 1);
    *each = false;
    for (int a = 0; a < d->sets[s].n; a++) *each = *each || dict_alt_possible(d, &m, s, a);
    dict_marks_free(&m);
    token_list_free(&tl);
}

/* set_possible's scan (alt_look16: an alternative that begins with a set, or needs nothing, is looked at as
   the id every sentence has): synsets whose alternatives name other synsets are possible exactly when one
   of their alternatives is, and when their words say so. */
static void test_nested_set_scan(void)
{
    static const char text[] = "synset &ARMS = rockets | missiles\n"
                               "synset &HEAVY = &ARMS | tanks\n"
                               "synset &EITHER = &HEAVY | &ARMS\n"
                               "verb attack [190]\n"
                               "pattern attack: - * + with &EITHER [195]\n";
    static const struct { const char *text; bool arms, heavy; } cases[] = {
        {"Valdoria attacked Kestria with rockets.", true, true},
        {"Valdoria attacked Kestria with missiles.", true, true},
        {"Valdoria attacked Kestria with tanks.", false, true},
        {"Valdoria attacked Kestria with guns.", false, false},
    };
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_read_dyad_text(d, "nested.dyad", text, sizeof text - 1), 0);
    dict_prepare(d);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bool scan, each;
        set_possible_both(d, "&ARMS", cases[k].text, &scan, &each);
        CHECK(scan == cases[k].arms && each == cases[k].arms);
        set_possible_both(d, "&HEAVY", cases[k].text, &scan, &each);
        CHECK(scan == cases[k].heavy && each == cases[k].heavy);
        set_possible_both(d, "&EITHER", cases[k].text, &scan, &each);
        CHECK(scan == cases[k].heavy && each == cases[k].heavy);
    }
    dict_free(d);
}

/* ---- round 16: code_sentence's early exit for sentences with no live actor (codes_nothing) ---- */

/* One sentence coded by c (as the whole story, or followed by another line), its status, events and trace. */
static void no_actor_coded(coder *c, const char *sentence, bool alone, const code_options *o, strbuf *out)
{
    char text[256];
    snprintf(text, sizeof text, "%s%s", sentence, alone ? "" : " Another line follows here.");
    story s = {.id = "t", .text = text, .len = strlen(text), .date = date_parse("2024-03-04", 10)};
    for (int traced = 0; traced < 2; traced++) {
        strbuf trace;
        sb_init(&trace);
        event_list ev = {0};
        coder_new_story(c);
        coded_status st = code_sentence(c, &s, 1, (span){0, (uint32_t)strlen(sentence)}, o, &ev, traced ? &trace : NULL);
        sb_addf(out, "%d:", (int)st);
        for (size_t i = 0; i < ev.n; i++) sb_addf(out, " %s>%s %s", ev.e[i].source, ev.e[i].target, ev.e[i].code);
        sb_addf(out, "|%s\n", trace.s ? trace.s : "");
        event_list_free(&ev);
        sb_free(&trace);
    }
}

/* The exit against the full path (coder_no_actor_exit off): sentences with and without actors, a count
   before a conflict verb, a place after a force verb, a headline story, a [+++] pattern, a negation, a
   passive, a verb coded [+++] whose pattern wins in one clause only, in both styles, with and without default actors, give the same status, events and trace.
   Each condition of codes_nothing is needed: dropping one makes some of these differ. */
static void test_no_actor_exit(void)
{
    char path[] = "/tmp/dyad-noactor-XXXXXX.verbs";
    int fd = mkstemps(path, 6);
    CHECK(fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w");
    fputs("PONDER  [---]\n- * CHESS  [+++]\n- * CARDS  [043]\n- * GUNS  [190]\nSHELL  [195]\nPICKET  [141]\nBLAME  [112]\n"
          "DITHER  [+++]\n- * ABOUT  [051]\n", f);
    fclose(f);
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, "tests/data/code/world.verbs"), 0);
    CHECK_INT(dict_load(d, path), 0);
    unlink(path);
    dict_prepare(d);
    static const char *const leads[] = {"", "Hundreds ", "Some 300 ", "Dozens more ", "About ", "The men ", "They ", "It "};
    static const char *const verbs[] = {"praised", "shelled", "picketed", "blamed", "pondered chess", "pondered cards",
                                        "were shelled", "did not shell", "will shell", "attacked",
                                        "dithered and then dithered about cards", "pondered guns"};
    static const char *const tails[] = {"", " the building", " in Azaz", " near the town of Azaz", " in March"};
    static const char *const ends[] = {".", ""};
    coder *fast = coder_new(d), *full = coder_new(d);
    coder_no_actor_exit(full, false);
    strbuf a, b, text;
    sb_init(&a), sb_init(&b), sb_init(&text);
    int cases = 0, differ = 0, none = 0;
    for (int opt = 0; opt < 5; opt++) {
        code_options o = d->opt;
        o.style = opt == 1 ? STYLE_TABARI : STYLE_DYAD;
        if (opt >= 2) snprintf(o.default_source, sizeof o.default_source, "USA");
        if (opt >= 3) snprintf(o.default_target, sizeof o.default_target, "RUS");
        o.default_prior = opt == 2 || opt == 4;
        o.default_after = opt == 4;
        for (size_t l = 0; l < sizeof leads / sizeof *leads; l++)
            for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++)
                for (size_t t = 0; t < sizeof tails / sizeof *tails; t++)
                    for (size_t e = 0; e < 2; e++)
                        for (int alone = 0; alone < 2; alone++) {
                            sb_clear(&text), sb_clear(&a), sb_clear(&b);
                            sb_addf(&text, "%s%s%s%s", leads[l], verbs[v], tails[t], ends[e]);
                            if (!leads[l][0]) text.s[0] = (char)(text.s[0] - 'a' + 'A');
                            no_actor_coded(fast, text.s, alone, &o, &a);
                            no_actor_coded(full, text.s, alone, &o, &b);
                            if (strcmp(a.s, b.s) != 0 && differ++ < 5) printf("  %s (%d, %d):\n%s---\n%s", text.s, opt, alone, a.s, b.s);
                            none += !strncmp(a.s, "1:|", 3);
                            cases++;
                        }
    }
    CHECK_INT(differ, 0);
    CHECK(none > cases / 4 && cases == 5 * 8 * 12 * 5 * 2 * 2);
    /* crowd_subject's words (its lists, copied): each count, and each hedge before a number, makes a crowd
       that shells (an event with no actor), in prose; crowd_word's table of lengths and first letters
       passes over none of them; a word of neither list makes none */
    static const char *const counts[] = {"Hundreds", "Thousands", "Dozens", "Scores", "Crowds", "Tens", "Two",
        "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Twenty", "Fifty"};
    static const char *const hedges[] = {"Over", "Some", "About", "Nearly", "Almost", "More", "Than", "At", "Least", "Of"};
    int crowds = 0;
    for (size_t k = 0; k < sizeof counts / sizeof *counts + sizeof hedges / sizeof *hedges + 1; k++) {
        size_t nc = sizeof counts / sizeof *counts, nh = sizeof hedges / sizeof *hedges;
        sb_clear(&text), sb_clear(&a);
        if (k < nc) sb_addf(&text, "%s shelled.", counts[k]);
        else if (k < nc + nh) sb_addf(&text, "%s 300 shelled.", hedges[k - nc]);
        else sb_adds(&text, "Bananas shelled.");
        no_actor_coded(fast, text.s, false, NULL, &a);
        bool crowd = strstr(a.s, "--->--- 195") != NULL;
        if (crowd != (k < nc + nh)) printf("  %s: %s", text.s, a.s);
        crowds += crowd;
    }
    CHECK_INT(crowds, (int)(sizeof counts / sizeof *counts + sizeof hedges / sizeof *hedges));
    sb_free(&a), sb_free(&b), sb_free(&text);
    coder_free(fast), coder_free(full);
    dict_free(d);
}

int main(void)
{
    RUN(test_many_clauses);
    RUN(test_builtin);
    RUN(test_tabari);
    RUN(test_hyphen_split_later);
    RUN(test_hyphen_apostrophe_gate);
    RUN(test_elided_neighbours);
    RUN(test_token_arrays_reuse);
    RUN(test_code_flags);
    RUN(test_clause_shortcuts);
    RUN(test_set_matching);
    RUN(test_pattern_needs);
    RUN(test_code_parts);
    RUN(test_passive_search);
    RUN(test_candidates_tie);
    RUN(test_starting_items);
    RUN(test_starting_items_own_texts);
    RUN(test_long_list_memo);
    RUN(test_tokens_ahead);
    RUN(test_verb_scan_view);
    RUN(test_nested_set_scan);
    RUN(test_no_actor_exit);
    return check_done();
}

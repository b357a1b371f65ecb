/* test_dict_core.c — unit tests for the dictionary model (src/dict/dict.c): word matching, phrase and
   event-code parsing, TABARI options, the word index and dated actor codes. */
#include "check.h"
#include "dict/dict.h"
#include "dict/verb_forms.h"

#include <stdlib.h>

static diag quiet;   /* warnings counted, not printed */

static dict *fresh(void)
{
    quiet = (diag){NULL, 0, 0, "dyad"};
    return dict_new(&quiet);
}

/* Parse s as a phrase; false (with *why) when malformed. */
static bool parse(dict *d, const char *s, bool in_pattern, int ending, phrase *out, const char **why)
{
    return dict_parse_phrase(d, s, strlen(s), in_pattern, ending, out, why);
}

/* ---- word_matches ---- */

static void test_match_stem(void)
{
    CHECK(word_matches("ARGENTIN", WM_STEM, "ARGENTINA", false));
    CHECK(word_matches("ARGENTIN", WM_STEM, "ARGENTINE", false));
    CHECK(word_matches("ARGENTIN", WM_STEM, "ARGENTINIANS", false));
    CHECK(word_matches("ARGENTIN", WM_STEM, "ARGENTIN", false));
    CHECK(word_matches("ARGENTIN", WM_STEM, "ARGENTINA", true));     /* "Argentina's" */
    CHECK(!word_matches("ARGENTIN", WM_STEM, "ARGENT", false));      /* shorter than the stem */
    CHECK(!word_matches("ARGENTIN", WM_STEM, "XARGENTINA", false));  /* a stem anchors at the start */
    CHECK(!word_matches("ARGENTIN", WM_STEM, "ARGENTUM", false));
    CHECK(!word_matches("ARGENTIN", WM_STEM, "", false));
}

static void test_match_exact(void)
{
    CHECK(word_matches("RESOLUTION", WM_EXACT, "RESOLUTION", false));
    CHECK(!word_matches("RESOLUTION", WM_EXACT, "RESOLUTIONS", false));
    CHECK(!word_matches("RESOLUTION", WM_EXACT, "RESOLUTIONARY", false));
    CHECK(!word_matches("RESOLUTION", WM_EXACT, "RESOLUTE", false));
    CHECK(!word_matches("RESOLUTION", WM_EXACT, "RESOLUTION", true));  /* "resolution's" is another word */
    CHECK(!word_matches("RESOLUTION", WM_EXACT, "REVOLUTION", false));
}

static void test_match_noun(void)
{
    CHECK(word_matches("LIBYA", WM_NOUN, "LIBYA", false));
    CHECK(word_matches("LIBYA", WM_NOUN, "LIBYA", true));      /* "Libya's" */
    CHECK(word_matches("LIBYA", WM_NOUN, "LIBYAS", false));
    CHECK(word_matches("BOSS", WM_NOUN, "BOSSES", false));
    CHECK(word_matches("BOSS", WM_NOUN, "BOSSES", true));      /* "bosses'" */
    CHECK(word_matches("FORCE", WM_NOUN, "FORCES", false));
    CHECK(!word_matches("LIBYA", WM_NOUN, "LIBYAN", false));   /* not a noun ending */
    CHECK(!word_matches("LIBYA", WM_NOUN, "LIBYANS", false));
    CHECK(!word_matches("LIBYA", WM_NOUN, "LIBYAED", false));
    CHECK(!word_matches("LIBYA", WM_NOUN, "LIBY", false));
    CHECK(!word_matches("ESTONIA", WM_NOUN, "ESTONIAN", false));
}

static void test_match_verb(void)
{
    /* every regular ending */
    CHECK(word_matches("DEPART", WM_VERB, "DEPART", false));
    CHECK(word_matches("DEPART", WM_VERB, "DEPARTS", false));
    CHECK(word_matches("DEPART", WM_VERB, "DEPARTES", false));
    CHECK(word_matches("DEPART", WM_VERB, "DEPARTED", false));
    CHECK(word_matches("DEPART", WM_VERB, "DEPARTEN", false));
    CHECK(word_matches("DEPART", WM_VERB, "DEPARTING", false));
    /* invalid endings */
    CHECK(!word_matches("DEPART", WM_VERB, "DEPARTX", false));
    CHECK(!word_matches("DEPART", WM_VERB, "DEPARTINK", false));
    CHECK(!word_matches("DEPART", WM_VERB, "DEPARTINGS", false));
    CHECK(!word_matches("DEPART", WM_VERB, "DEPARTD", false));     /* D alone needs a root ending in E */
    CHECK(!word_matches("DEPART", WM_VERB, "DEPARTN", false));
    CHECK(!word_matches("DEPART", WM_VERB, "DEPARTMENT", false));
    CHECK(!word_matches("DEPART", WM_VERB, "DEPAR", false));
    /* roots ending in E take D and N */
    CHECK(word_matches("DEPLORE", WM_VERB, "DEPLORED", false));
    CHECK(word_matches("DEPLORE", WM_VERB, "DEPLORES", false));
    CHECK(word_matches("TAKE", WM_VERB, "TAKEN", false));
    CHECK(!word_matches("DEPLORE", WM_VERB, "DEPLOREZ", false));
    CHECK(!word_matches("DEPLORE", WM_VERB, "DEPLOREX", false));
    /* a possessive is never a verb */
    CHECK(!word_matches("DEPART", WM_VERB, "DEPART", true));
    CHECK(!word_matches("DEPLORE", WM_VERB, "DEPLORES", true));
    CHECK(!word_matches("ARM", WM_VERB, "ARMS", true));
    CHECK(word_matches("ARM", WM_VERB, "ARMS", false));
    CHECK(word_matches("ARM", WM_VERB, "ARMED", false));
}

static void test_match_fixed(void)
{
    CHECK(word_matches("BAN", WM_FIXED, "BAN", false));
    CHECK(!word_matches("BAN", WM_FIXED, "BANING", false));
    CHECK(!word_matches("BAN", WM_FIXED, "BANED", false));
    CHECK(!word_matches("BAN", WM_FIXED, "BANS", false));
    CHECK(!word_matches("BAN", WM_FIXED, "BANNED", false));
    CHECK(!word_matches("BAN", WM_FIXED, "BAN", true));
    CHECK(!word_matches("MOUSE", WM_FIXED, "MOUSES", false));
    CHECK(word_matches("MOUSE", WM_FIXED, "MOUSE", false));
}

/* ---- dict_parse_phrase ---- */

static void test_phrase_words(void)
{
    dict *d = fresh();
    phrase p;
    const char *why = "unset";

    CHECK(parse(d, "UNITED_ARAB_EMIRATES", false, WM_NOUN, &p, &why));
    CHECK(why == NULL);
    CHECK_INT(p.n, 3);
    if (p.n == 3) {
        CHECK_INT(p.e[0].kind, PE_WORD);
        CHECK_STR(p.e[0].word, "UNITED");
        CHECK_STR(p.e[2].word, "EMIRATES");
        CHECK_INT(p.e[0].adjacent, 0);
        CHECK_INT(p.e[1].adjacent, 1);
        CHECK_INT(p.e[2].adjacent, 1);
        CHECK_INT(p.e[0].mode, WM_NOUN);    /* '_' after a word closes it */
        CHECK_INT(p.e[1].mode, WM_NOUN);
        CHECK_INT(p.e[2].mode, WM_STEM);    /* the last word has no '_': a stem */
    }
    free(p.e);

    /* a trailing '_' closes the last word; lower case is raised */
    CHECK(parse(d, "libya_", false, WM_NOUN, &p, &why));
    CHECK_INT(p.n, 1);
    if (p.n == 1) { CHECK_STR(p.e[0].word, "LIBYA"); CHECK_INT(p.e[0].mode, WM_NOUN); }
    free(p.e);

    /* the ending the caller asks for: verb roots */
    CHECK(parse(d, "DEPART_", false, WM_VERB, &p, &why));
    CHECK(p.n == 1 && p.e[0].mode == WM_VERB);
    free(p.e);

    /* a space: words in between are allowed */
    CHECK(parse(d, "AL GORE", false, WM_NOUN, &p, &why));
    CHECK_INT(p.n, 2);
    if (p.n == 2) {
        CHECK_INT(p.e[1].adjacent, 0);
        CHECK_INT(p.e[0].mode, WM_STEM);
        CHECK_INT(p.e[1].mode, WM_STEM);
    }
    free(p.e);

    /* '~' keeps a word open even before '_'; '=' fixes it */
    CHECK(parse(d, "THE_NEAT~_PLACE", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 3);
    if (p.n == 3) {
        CHECK_INT(p.e[0].mode, WM_EXACT);
        CHECK_STR(p.e[1].word, "NEAT");
        CHECK_INT(p.e[1].mode, WM_STEM);
        CHECK_INT(p.e[1].adjacent, 1);
        CHECK_INT(p.e[2].adjacent, 1);
    }
    free(p.e);
    CHECK(parse(d, "BAN=", false, WM_VERB, &p, &why));
    CHECK(p.n == 1 && p.e[0].mode == WM_FIXED && !strcmp(p.e[0].word, "BAN"));
    free(p.e);
    CHECK(parse(d, "MOUSE=", false, WM_NOUN, &p, &why));
    CHECK(p.n == 1 && p.e[0].mode == WM_FIXED && !strcmp(p.e[0].word, "MOUSE"));
    free(p.e);

    /* whole_words (PETRARCH): an unmarked word is whole, '~' still opens it */
    d->whole_words = true;
    CHECK(parse(d, "GRAND FENWICK PORT~", false, WM_NOUN, &p, &why));
    CHECK_INT(p.n, 3);
    if (p.n == 3) {
        CHECK_INT(p.e[0].mode, WM_NOUN);
        CHECK_INT(p.e[1].mode, WM_NOUN);
        CHECK_INT(p.e[2].mode, WM_STEM);
    }
    free(p.e);
    d->whole_words = false;

    /* outside patterns the operator characters are letters of a name */
    CHECK(parse(d, "AT&T", false, WM_NOUN, &p, &why));
    CHECK(p.n == 1 && !strcmp(p.e[0].word, "AT&T"));
    free(p.e);
    CHECK(parse(d, "U.S.", false, WM_NOUN, &p, &why));
    CHECK(p.n == 1 && !strcmp(p.e[0].word, "U.S."));
    free(p.e);

    /* treebank contractions join the word before */
    CHECK(parse(d, "DID N'T", true, WM_EXACT, &p, &why));
    CHECK(p.n == 1 && !strcmp(p.e[0].word, "DIDN'T"));
    free(p.e);
    /* extra blanks are no elements */
    CHECK(parse(d, "  ROHAN   RIDERS  ", false, WM_NOUN, &p, &why));
    CHECK_INT(p.n, 2);
    free(p.e);
    dict_free(d);
}

static void test_phrase_operators(void)
{
    dict *d = fresh();
    phrase p;
    const char *why;

    CHECK(parse(d, "+ KNOWN_ * IN_ $", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 5);
    if (p.n == 5) {
        CHECK_INT(p.e[0].kind, PE_TARGET);
        CHECK_INT(p.e[1].kind, PE_WORD);
        CHECK_INT(p.e[1].mode, WM_EXACT);
        CHECK_INT(p.e[2].kind, PE_VERB);
        CHECK_INT(p.e[2].adjacent, 0);     /* "KNOWN_ *": '_' closes the word, the blank leaves a gap */
        CHECK_INT(p.e[3].kind, PE_WORD);
        CHECK_INT(p.e[4].kind, PE_SOURCE);
        CHECK_INT(p.e[4].adjacent, 0);
    }
    free(p.e);
    /* "IN_*": the verb directly after IN; "IN_ *": IN closed, words may come between */
    CHECK(parse(d, "IN_*", true, WM_EXACT, &p, &why));
    CHECK(p.n == 2 && p.e[0].mode == WM_EXACT && p.e[1].kind == PE_VERB && p.e[1].adjacent == 1);
    free(p.e);
    CHECK(parse(d, "IN_ *", true, WM_EXACT, &p, &why));
    CHECK(p.n == 2 && p.e[0].mode == WM_EXACT && p.e[1].kind == PE_VERB && p.e[1].adjacent == 0);
    free(p.e);
    CHECK(parse(d, "IN *", true, WM_EXACT, &p, &why));
    CHECK(p.n == 2 && p.e[0].mode == WM_STEM && p.e[1].adjacent == 0);
    free(p.e);

    CHECK(parse(d, "% HAVE * ^ ^ +", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 6);
    if (p.n == 6) {
        CHECK_INT(p.e[0].kind, PE_COMPOUND);
        CHECK_INT(p.e[2].kind, PE_VERB);
        CHECK_INT(p.e[3].kind, PE_SKIP);
        CHECK_INT(p.e[4].kind, PE_SKIP);
        CHECK_INT(p.e[5].kind, PE_TARGET);
        CHECK_INT(p.e[3].adjacent, 0);
    }
    free(p.e);

    /* in a pattern a word stops at '{' and '&' */
    CHECK(parse(d, "* NEW_&TIETYPES_RELATIONS", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 4);
    if (p.n == 4) {
        CHECK_INT(p.e[1].mode, WM_EXACT);
        CHECK_INT(p.e[2].kind, PE_SET);
        CHECK_INT(p.e[2].adjacent, 1);
        CHECK_INT(p.e[2].set, dict_synset(d, "&TIETYPES"));
        CHECK_INT(p.e[3].adjacent, 1);
        CHECK_STR(p.e[3].word, "RELATIONS");
    }
    free(p.e);
    int sets = d->nsets;
    /* the same synset, however it is written */
    CHECK(parse(d, "* &tietypes TIES", true, WM_EXACT, &p, &why));
    CHECK(p.n == 3 && p.e[1].kind == PE_SET && p.e[1].set == dict_synset(d, "&TIETYPES"));
    CHECK_INT(d->nsets, sets);
    CHECK_STR(d->sets[dict_synset(d, "&TIETYPES")].name, "&TIETYPES");
    free(p.e);

    /* an anonymous group */
    CHECK(parse(d, "SAID * TO { ATTEND | GO_HOME }", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 4);
    if (p.n == 4) {
        CHECK_INT(p.e[1].kind, PE_VERB);
        CHECK_INT(p.e[3].kind, PE_SET);
        const phrase_set *g = &d->sets[p.e[3].set];
        CHECK(g->name == NULL);
        CHECK_INT(g->n, 2);
        if (g->n == 2) {
            CHECK_INT(g->alts[0].n, 1);
            CHECK_STR(g->alts[0].e[0].word, "ATTEND");
            CHECK_INT(g->alts[1].n, 2);
            CHECK_STR(g->alts[1].e[1].word, "HOME");
            CHECK_INT(g->alts[1].e[1].adjacent, 1);
            CHECK_INT(g->alts[1].e[0].adjacent, 0);
            CHECK_INT(g->alts[1].e[0].mode, WM_EXACT);
        }
    }
    free(p.e);

    /* a group joined by '_' on both sides, with a closed word inside */
    CHECK(parse(d, "* DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 4);
    if (p.n == 4) {
        CHECK_INT(p.e[2].kind, PE_SET);
        CHECK_INT(p.e[2].adjacent, 1);
        CHECK_INT(p.e[3].adjacent, 1);
        const phrase_set *g = &d->sets[p.e[2].set];
        CHECK_INT(g->n, 2);
        if (g->n == 2) {
            CHECK_INT(g->alts[0].e[0].mode, WM_EXACT);
            CHECK_INT(g->alts[1].e[0].mode, WM_STEM);
        }
    }
    free(p.e);

    /* a synset inside a group */
    CHECK(parse(d, "INCHING { &TIETYPES | CLOSER } *", true, WM_EXACT, &p, &why));
    CHECK_INT(p.n, 3);
    if (p.n == 3) {
        const phrase_set *g = &d->sets[p.e[1].set];
        CHECK_INT(g->n, 2);
        if (g->n == 2) CHECK_INT(g->alts[0].e[0].kind, PE_SET);
        CHECK_INT(p.e[2].kind, PE_VERB);
    }
    free(p.e);
    dict_free(d);
}

static void test_phrase_malformed(void)
{
    dict *d = fresh();
    static pelem dummy;
    phrase p = {&dummy, 99};
    const char *why = NULL;

    CHECK(!parse(d, "* TO { ATTEND | GO", true, WM_EXACT, &p, &why));
    CHECK(why != NULL);
    CHECK(p.e == NULL && p.n == 0);
    why = NULL;
    CHECK(!parse(d, "* TO ATTEND }", true, WM_EXACT, &p, &why));
    CHECK(why != NULL);
    why = NULL;
    CHECK(!parse(d, "* TO ATTEND | GO", true, WM_EXACT, &p, &why));
    CHECK(why != NULL);
    why = NULL;
    CHECK(!parse(d, "* { } TALKS", true, WM_EXACT, &p, &why));
    CHECK(why != NULL && strstr(why, "empty") != NULL);
    why = NULL;
    CHECK(!parse(d, "* { | } TALKS", true, WM_EXACT, &p, &why));
    CHECK(why != NULL);
    why = NULL;
    CHECK(!parse(d, "* & TALKS", true, WM_EXACT, &p, &why));
    CHECK(why != NULL && strstr(why, "synset") != NULL);
    why = NULL;
    CHECK(!parse(d, "", false, WM_NOUN, &p, &why));
    CHECK(why != NULL && strstr(why, "empty") != NULL);
    CHECK(p.n == 0);
    why = NULL;
    CHECK(!parse(d, "   ", false, WM_NOUN, &p, &why));
    CHECK(why != NULL && strstr(why, "empty") != NULL);
    why = NULL;
    CHECK(!parse(d, "_ _", false, WM_NOUN, &p, &why));
    CHECK(why != NULL);
    why = NULL;
    CHECK(!parse(d, "~", false, WM_NOUN, &p, &why));
    CHECK(why != NULL);
    /* brackets in a name */
    why = NULL;
    CHECK(!parse(d, "GONDOR [GON", false, WM_NOUN, &p, &why));
    CHECK(why != NULL);
    why = NULL;
    CHECK(!parse(d, "GONDOR { X | Y }", false, WM_NOUN, &p, &why));
    CHECK(why != NULL);
    /* a failed parse leaves the dictionary usable */
    CHECK(parse(d, "GONDOR", false, WM_NOUN, &p, &why));
    CHECK_INT(p.n, 1);
    free(p.e);
    dict_free(d);
}

/* ---- dict_parse_event_code ---- */

static bool ec(const char *s, event_code *out) { return dict_parse_event_code(s, strlen(s), out); }

static void test_event_code(void)
{
    event_code c;
    CHECK(ec("[064]", &c));
    CHECK_STR(c.code, "064");
    CHECK_STR(c.code2, "");
    CHECK_INT(c.flags, 0);

    CHECK(ec("[032:033]", &c));
    CHECK_STR(c.code, "032");
    CHECK_STR(c.code2, "033");
    CHECK_INT(c.flags, 0);

    CHECK(ec("[---]", &c));
    CHECK_INT(c.flags, CF_NULL);
    CHECK_STR(c.code, "");
    CHECK(ec("[###]", &c));
    CHECK_INT(c.flags, CF_DISCARD);
    CHECK_STR(c.code, "");
    CHECK(ec("[+++]", &c));
    CHECK_INT(c.flags, CF_COMPLEX);
    CHECK_STR(c.code, "");

    CHECK(ec("[031!]", &c));
    CHECK_STR(c.code, "031");
    CHECK_INT(c.flags, CF_DOMINANT);
    CHECK(ec("[023?]", &c));
    CHECK_STR(c.code, "023");
    CHECK_INT(c.flags, CF_WEAK);

    /* blanks, no brackets, letters (upper-cased), four digits */
    CHECK(ec("  [ 064 ]  ", &c));
    CHECK_STR(c.code, "064");
    CHECK(ec("0231", &c));
    CHECK_STR(c.code, "0231");
    CHECK(ec("[sdf]", &c));
    CHECK_STR(c.code, "SDF");
    CHECK(ec("[174K]", &c));
    CHECK_STR(c.code, "174K");
    CHECK(ec("[032:032]", &c));
    CHECK_STR(c.code2, "032");
    CHECK(ec("[1717]", &c));
    CHECK_STR(c.code, "1717");

    /* malformed */
    CHECK(!ec("[]", &c));
    CHECK(!ec("", &c));
    CHECK(!ec("[   ]", &c));
    CHECK(!ec("[06 4]", &c));
    CHECK(!ec("[06$]", &c));
    CHECK(!ec("[064:]", &c));
    CHECK(!ec("[064:03*]", &c));
    CHECK(!ec("[!]", &c));
    CHECK(!ec("[0123456789012]", &c));     /* longer than any code */
    CHECK(!ec("[064:0123456789012]", &c));
    /* Fixed (regression test): dict_parse_event_code accepts a code with an unclosed bracket ("[064" → "064"); the
       header promises false for a malformed code. The TABARI readers look for ']' themselves, so
       this only bites other callers. */
    CHECK(!ec("[064", &c));
}

/* ---- dict_apply_option ---- */

static bool same_options(const code_options *a, const code_options *b)
{
    return a->max_verbs == b->max_verbs && a->max_conj == b->max_conj && a->noactprior == b->noactprior &&
           a->convert_agent == b->convert_agent && a->code_by == b->code_by && a->comma_min == b->comma_min &&
           a->comma_max == b->comma_max && a->comma_emin == b->comma_emin && a->comma_emax == b->comma_emax &&
           a->comma_bmin == b->comma_bmin && a->comma_bmax == b->comma_bmax && a->min_words == b->min_words &&
           a->time_shift == b->time_shift && a->style == b->style && a->forward == b->forward &&
           !strcmp(a->default_source, b->default_source) && !strcmp(a->default_target, b->default_target) &&
           a->default_prior == b->default_prior && a->default_after == b->default_after;
}

static void test_options(void)
{
    dict *d = fresh();
    code_options *o = &d->opt;
    /* defaults */
    CHECK_INT(o->max_verbs, 0);
    CHECK(o->noactprior);
    CHECK_INT(o->code_by, CODE_BY_CLAUSE);
    CHECK_INT(o->comma_min, 2);
    CHECK_INT(o->comma_max, 10);
    CHECK_INT(o->forward, 1);
    CHECK(!o->convert_agent);
    CHECK_STR(o->default_source, "");

    CHECK(dict_apply_option(d, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"));
    CHECK_INT(o->max_verbs, 5);
    CHECK_INT(o->max_conj, 4);
    CHECK(o->noactprior);
    CHECK(dict_apply_option(d, "COMPLEX: VERBS[6] ACTORS[6] EXPLAIN"));
    CHECK_INT(o->max_verbs, 6);
    CHECK_INT(o->max_conj, 0);
    CHECK(!o->noactprior);
    CHECK(dict_apply_option(d, "  complex: verbs[2] noactprior"));   /* case and leading blanks */
    CHECK_INT(o->max_verbs, 2);
    CHECK(o->noactprior);

    CHECK(dict_apply_option(d, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER"));
    CHECK_STR(o->default_source, "DEFSRC");
    CHECK_STR(o->default_target, "DEFTAR");
    CHECK(o->default_prior);
    CHECK(o->default_after);
    CHECK(dict_apply_option(d, "DEFAULT: OFF"));
    CHECK_STR(o->default_source, "");
    CHECK_STR(o->default_target, "");
    CHECK(!o->default_prior);
    CHECK(!o->default_after);
    CHECK(dict_apply_option(d, "DEFAULT: SOURCE [USA] TARGET [ISR] AFTER"));
    CHECK_STR(o->default_source, "USA");
    CHECK_STR(o->default_target, "ISR");
    CHECK(!o->default_prior);
    CHECK(o->default_after);
    CHECK(dict_apply_option(d, "DEFAULT: OFF"));
    CHECK(dict_apply_option(d, "DEFAULT: TARGET [ISR] PRIOR"));
    CHECK_STR(o->default_source, "");
    CHECK_STR(o->default_target, "ISR");
    CHECK(o->default_prior);

    CHECK(dict_apply_option(d, "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 7 BMIN = 1 BMAX = 8}"));
    CHECK_INT(o->comma_min, 4);
    CHECK_INT(o->comma_max, 6);
    CHECK_INT(o->comma_emin, 3);
    CHECK_INT(o->comma_emax, 7);
    CHECK_INT(o->comma_bmin, 1);
    CHECK_INT(o->comma_bmax, 8);
    CHECK(dict_apply_option(d, "COMMA: EMAX = 9"));   /* the others stay */
    CHECK_INT(o->comma_emax, 9);
    CHECK_INT(o->comma_min, 4);
    CHECK_INT(o->comma_bmax, 8);
    CHECK(dict_apply_option(d, "COMMA: OFF"));
    CHECK(o->comma_min > o->comma_max);
    CHECK(o->comma_emin > o->comma_emax);
    CHECK(o->comma_bmin > o->comma_bmax);

    CHECK(dict_apply_option(d, "SET: CODE ALL"));
    CHECK_INT(o->code_by, CODE_ALL);
    CHECK(dict_apply_option(d, "SET: CODE BY SENTENCE"));
    CHECK_INT(o->code_by, CODE_BY_SENTENCE);
    CHECK(dict_apply_option(d, "SET: CODE BY CLAUSE"));
    CHECK_INT(o->code_by, CODE_BY_CLAUSE);
    CHECK(dict_apply_option(d, "SET: MINIMUM WORDS = 4"));
    CHECK_INT(o->min_words, 4);
    CHECK(dict_apply_option(d, "SET: MINIMUM WORDS = 12"));
    CHECK_INT(o->min_words, 12);
    CHECK(dict_apply_option(d, "SET: CONVERT AGENT = TRUE"));
    CHECK(o->convert_agent);
    CHECK(dict_apply_option(d, "SET: CONVERT AGENT = FALSE"));
    CHECK(!o->convert_agent);
    CHECK(dict_apply_option(d, "SET: TIME SHIFT = TRUE"));
    CHECK(o->time_shift);
    /* SET: lines about TABARI's screen are accepted and change nothing that codes */
    code_options before = *o;
    CHECK(dict_apply_option(d, "SET: SKIP RECORDS = FALSE"));
    CHECK(dict_apply_option(d, "OUTPUT: ACTOR MATCH ID"));
    CHECK(dict_apply_option(d, "LABEL: 010=YIELD"));
    CHECK(same_options(&before, o));

    CHECK(dict_apply_option(d, "FORWARD: ^^*****NNN*SSS DOC"));
    CHECK_INT(o->forward, 2);
    CHECK(dict_apply_option(d, "FORWARD: ^********^*** OFF"));
    CHECK_INT(o->forward, 0);

    before = *o;
    CHECK(!dict_apply_option(d, "FROBNICATE: EVERYTHING"));
    CHECK(!dict_apply_option(d, ""));
    CHECK(!dict_apply_option(d, "VERBS[5]"));
    CHECK(!dict_apply_option(d, "COMPLEX VERBS[5]"));   /* no colon */
    CHECK(same_options(&before, o));
    dict_free(d);
}

/* ---- the word index ---- */

static int add_actor(dict *d, const char *name, const char *code)
{
    actor_entry a = {0};
    const char *why;
    a.names = xmalloc(sizeof *a.names);
    if (!dict_parse_phrase(d, name, strlen(name), false, WM_NOUN, &a.names[0], &why)) { free(a.names); return -1; }
    a.nnames = 1;
    a.codes = xcalloc(1, sizeof *a.codes);
    a.ncodes = 1;
    snprintf(a.codes[0].code, sizeof a.codes[0].code, "%s", code);
    return dict_add_actor(d, &a);
}

static int add_verb(dict *d, const char *root, const char *code)
{
    verb_entry v = {0};
    const char *why;
    v.forms = xmalloc(sizeof *v.forms);
    if (!dict_parse_phrase(d, root, strlen(root), false, WM_VERB, &v.forms[0], &why)) { free(v.forms); return -1; }
    v.nforms = 1;
    dict_parse_event_code(code, strlen(code), &v.code);
    return dict_add_verb(d, &v);
}

typedef struct {
    int n;
    int kinds[16], entries[16];
    const char *words[16];
    int stop_after;   /* 0: never */
} hits;

static bool collect(const index_item *it, void *ctx)
{
    hits *h = ctx;
    if (h->n < 16) {
        h->kinds[h->n] = it->kind;
        h->entries[h->n] = it->entry;
        h->words[h->n] = it->word;
    }
    h->n++;
    return !(h->stop_after && h->n >= h->stop_after);
}

static bool found(const hits *h, int kind, int entry)
{
    for (int i = 0; i < h->n && i < 16; i++)
        if (h->kinds[i] == kind && h->entries[i] == entry) return true;
    return false;
}

static void test_lookup(void)
{
    dict *d = fresh();
    int arg = add_actor(d, "ARGENTIN", "ARG");
    int lby = add_actor(d, "LIBYA_", "LBY");
    int uae = add_actor(d, "UNITED_ARAB_EMIRATES", "UAE");
    int uk = add_actor(d, "UNITED_KINGDOM", "GBR");
    int ban = add_verb(d, "BAN=", "[191]");
    int dep = add_verb(d, "DEPART_", "[032]");
    CHECK(arg == 0 && lby == 1 && uae == 2 && uk == 3);
    CHECK(ban == 0 && dep == 1);
    CHECK_INT(d->read[IX_ACTOR], 4);
    CHECK_INT(d->read[IX_VERB], 2);
    CHECK_INT(d->nitems, 6);
    CHECK_INT(d->longest_stem, 8);    /* ARGENTIN */

    hits h = {0};
    dict_lookup(d, "ARGENTINA", collect, &h);
    CHECK_INT(h.n, 1);
    CHECK(found(&h, IX_ACTOR, arg));
    h = (hits){0};
    dict_lookup(d, "ARGENTIN", collect, &h);
    CHECK(found(&h, IX_ACTOR, arg));
    h = (hits){0};
    dict_lookup(d, "ARGENT", collect, &h);   /* shorter than the stem */
    CHECK_INT(h.n, 0);

    /* a noun word is offered for longer tokens too; word_matches decides */
    h = (hits){0};
    dict_lookup(d, "LIBYA", collect, &h);
    CHECK(found(&h, IX_ACTOR, lby));
    h = (hits){0};
    dict_lookup(d, "LIBYAS", collect, &h);
    CHECK(found(&h, IX_ACTOR, lby));

    /* both phrases that start with UNITED, in file order */
    h = (hits){0};
    dict_lookup(d, "UNITED", collect, &h);
    CHECK_INT(h.n, 2);
    CHECK(found(&h, IX_ACTOR, uae) && found(&h, IX_ACTOR, uk));
    if (h.n == 2) CHECK(h.entries[0] == uae && h.entries[1] == uk);
    /* early stop */
    h = (hits){0};
    h.stop_after = 1;
    dict_lookup(d, "UNITED", collect, &h);
    CHECK_INT(h.n, 1);

    /* a fixed word is only offered for itself */
    h = (hits){0};
    dict_lookup(d, "BAN", collect, &h);
    CHECK(found(&h, IX_VERB, ban));
    h = (hits){0};
    dict_lookup(d, "BANNED", collect, &h);
    CHECK(!found(&h, IX_VERB, ban));
    h = (hits){0};
    dict_lookup(d, "DEPARTED", collect, &h);
    CHECK(found(&h, IX_VERB, dep));

    /* nothing */
    h = (hits){0};
    dict_lookup(d, "GONDOR", collect, &h);
    CHECK_INT(h.n, 0);
    h = (hits){0};
    dict_lookup(d, "", collect, &h);
    CHECK_INT(h.n, 0);

    /* an exact (pattern-style) word is found for itself only */
    misc_entry m = {0};
    const char *why;
    CHECK(dict_parse_phrase(d, "RESOLUTION_", 11, false, WM_EXACT, &m.name, &why));
    int res = dict_add_misc(d, IX_NOUN, &m);
    CHECK_INT(d->read[IX_NOUN], 1);
    h = (hits){0};
    dict_lookup(d, "RESOLUTION", collect, &h);
    CHECK(found(&h, IX_NOUN, res));
    h = (hits){0};
    dict_lookup(d, "RESOLUTIONS", collect, &h);
    CHECK(!found(&h, IX_NOUN, res));
    dict_free(d);
}

/* ---- actor codes on a date ---- */

static void test_actor_code_on(void)
{
    dated_code codes[3] = {
        {"HOB", 0, 19950531},
        {"HOBGOV", 19950601, 19990815},
        {"HOBREB", 19990817, 0},
    };
    actor_entry a = {0};
    a.codes = codes;
    a.ncodes = 3;
    CHECK_STR(actor_code_on(&a, 19900101), "HOB");
    CHECK_STR(actor_code_on(&a, 19950531), "HOB");      /* inclusive end */
    CHECK_STR(actor_code_on(&a, 19950601), "HOBGOV");   /* inclusive start */
    CHECK_STR(actor_code_on(&a, 19970101), "HOBGOV");
    CHECK_STR(actor_code_on(&a, 19990815), "HOBGOV");
    CHECK_STR(actor_code_on(&a, 19990816), "");         /* a day no code covers */
    CHECK_STR(actor_code_on(&a, 19990817), "HOBREB");
    CHECK_STR(actor_code_on(&a, 20300101), "HOBREB");
    CHECK_STR(actor_code_on(&a, 0), "HOB");              /* no date: the first code */

    /* an undated code after a dated one is the fallback */
    dated_code z[2] = {{"RHO", 0, 19790605}, {"ZBW", 0, 0}};
    actor_entry b = {0};
    b.codes = z;
    b.ncodes = 2;
    CHECK_STR(actor_code_on(&b, 19790605), "RHO");
    CHECK_STR(actor_code_on(&b, 19790606), "ZBW");
    CHECK_STR(actor_code_on(&b, 19500101), "RHO");

    actor_entry none = {0};
    CHECK_STR(actor_code_on(&none, 20000101), "");
}

/* ---- synsets, reject counting ---- */

static void test_synset_and_reject(void)
{
    dict *d = fresh();
    int a = dict_synset(d, "&CURRENCY");
    int b = dict_synset(d, "&TIETYPES");
    CHECK(a != b);
    CHECK_INT(dict_synset(d, "&CURRENCY"), a);
    CHECK_INT(d->nsets, 2);
    CHECK_STR(d->sets[a].name, "&CURRENCY");
    CHECK_INT(d->sets[a].n, 0);

    dict_reject(d, "x.verbs", 3, "bad %s", "thing");
    dict_reject(d, "x.verbs", 4, "bad");
    CHECK_INT(d->rejected, 2);
    CHECK_INT(quiet.warnings, 2);

    /* file names are kept once */
    const char *f1 = dict_file(d, "a/b.actors");
    const char *f2 = dict_file(d, "a/b.actors");
    const char *f3 = dict_file(d, "a/c.actors");
    CHECK(f1 == f2);
    CHECK(f1 != f3);
    CHECK_INT(d->nfiles, 2);
    CHECK_STR(dict_str(d, "GONDORIAN", 6), "GONDOR");
    dict_free(d);
}

/* ---- verb forms (verb_forms.c, and the dyad reader that adds them) ---- */

static bool collect_form(const char *form, size_t n, void *ctx)
{
    strbuf *b = ctx;
    if (b->len) sb_addc(b, ' ');
    sb_add(b, form, n);
    return true;
}

static void check_forms(const char *lemma, const char *want)
{
    strbuf b;
    sb_init(&b);
    verb_forms(lemma, strlen(lemma), collect_form, &b);
    CHECK_STR(b.s ? b.s : "", want);
    sb_free(&b);
}

static void test_verb_forms(void)
{
    check_forms("take", "taken took taking");
    check_forms("TAKE", "taken took taking");          /* any case */
    check_forms("submit", "submitted submitting");     /* doubled consonants come from the table */
    check_forms("stage", "staging");                   /* e dropped before -ing */
    check_forms("carry", "carried carries");           /* y → ied (table and rule: given once), ies */
    check_forms("die", "dying");                       /* ie → ying */
    check_forms("meet", "met");
    check_forms("agree", "");                          /* agreed, agreeing: plain endings match them */
    check_forms("pray", "");                           /* vowel + y keeps its y */
    check_forms("zzz", "");
    check_forms("ta", "");                             /* a prefix of a lemma is not that lemma */

    /* the reader adds them to the lemma's first word and keeps the rest of a phrasal verb */
    dict *d = fresh();
    const char *text = "verb 192 = take over\nverb 036 = meet | met\n";
    dict_read_dyad_text(d, "t.dyad", text, strlen(text));
    CHECK_INT(d->nverbs, 2);
    CHECK_INT(d->verbs[0].nforms, 4);                  /* take over, taken over, took over, taking over */
    CHECK_STR(d->verbs[0].forms[2].e[0].word, "TOOK");
    CHECK_STR(d->verbs[0].forms[2].e[1].word, "OVER");
    CHECK_INT(d->verbs[1].nforms, 2);                  /* "met" written once, not added twice */
    CHECK_INT((int)d->rejected, 0);
    dict_free(d);
}

int main(void)
{
    RUN(test_match_stem);
    RUN(test_match_exact);
    RUN(test_match_noun);
    RUN(test_match_verb);
    RUN(test_match_fixed);
    RUN(test_phrase_words);
    RUN(test_phrase_operators);
    RUN(test_phrase_malformed);
    RUN(test_event_code);
    RUN(test_options);
    RUN(test_lookup);
    RUN(test_actor_code_on);
    RUN(test_synset_and_reject);
    RUN(test_verb_forms);
    return check_done();
}

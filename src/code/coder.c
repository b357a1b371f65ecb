/* coder.c — codes one sentence: finds actors, agents and verbs, marks clauses, matches verb patterns. */
#include "code/code.h"
#include "dict/dict_tokcache.h"   /* tc_token_items: dict_token_items inline, per word */

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- per-sentence working state (reused between sentences: no allocation per token) ---- */

enum mention_kind { MK_ACTOR = 1, MK_AGENT, MK_PRONOUN };

typedef struct {
    int first, last;            /* token range, inclusive */
    uint8_t kind;
    char code[ACTOR_CODE_MAX];
    int entry;                  /* actor or agent index */
    int group;                  /* compound group id, -1 when alone */
    int refers;                 /* pronouns: the mention they stand for, -1 when unresolved */
    bool dropped;
    bool forwarded;             /* a pronoun standing for the previous sentence's actor */
    char agent[ACTOR_CODE_MAX]; /* the agent code it took ("GOV"), to spread over its compound */
    bool agent_prefix;
    int agent_at;               /* the agent's first token */
    bool lone;                  /* an agent with no country ("---GOV") */
    bool own;                   /* "its army": the actor's own agent, bound only by patterns */
} mention;

typedef struct {
    int first, last;            /* token range of the verb phrase */
    int entry;                  /* verb index */
    bool dropped;               /* turned into a noun (determiner, capital) or elided */
} verb_use;

/* long_names' memo for the sentence being coded: for each token cache entry with a long name list
   scanned already (THE, A, OF recur: 4 in 10 scans with TABARI's set), the positions in its list whose
   first need the sentence has. The marks do not change while the phrases are found, so a scan of the
   same list finds the same names. Full: scans are not remembered. */
enum { LONG_MEMO_LISTS = 8, LONG_MEMO_NAMES = 64 };
typedef struct {
    int32_t entry[LONG_MEMO_LISTS];
    uint16_t from[LONG_MEMO_LISTS + 1];   /* list j's positions: at[from[j] .. from[j + 1]); from[0] 0 */
    uint16_t at[LONG_MEMO_NAMES];
    int n;          /* emptied by find_phrases: marks and cache entries are the sentence's */
} long_scan_memo;

enum tok_role { R_NONE = 0, R_CONJ, R_DET, R_NOUN, R_ADJ, R_PRON, R_COMMA, R_BOUNDARY };

enum { CROWD_LONGEST = 9 };   /* crowd_word's longest word (THOUSANDS) */
static void crowd_pairs(uint32_t pairs[CROWD_LONGEST + 1]);

struct coder {
    const dict *d;
    double *match_seconds;   /* --profile: where the tokenizing + matching time goes; NULL: not timed */
    token_list tl;
    token_list split;    /* scratch for split_hyphens; after a split, the sentence's tokens as tokenized */
    token_list ahead;    /* the next sentence's tokens, made early (coder_next_sentence): valid while ahead_text */
    const char *ahead_text;   /* the text they were made of (NULL: none), and their span */
    span ahead_span;
    span next;           /* coder_next_sentence's span, for the next code_sentence call only (next_set) */
    bool next_set;
    bool split_used;     /* split_hyphens swapped the lists: `split` holds tokenize's output */
    struct whole_memo *whole;   /* splits_at_hyphens' dictionary answers, by word (NULL until the first) */
    uint8_t *role;       /* enum tok_role per token */
    int *mention_at;     /* mention whose first token this is, -1 */
    int *in_mention;     /* mention covering this token, -1 */
    int *verb_at;        /* verb use starting here, -1 */
    uint8_t *elided;     /* inside a dropped subordinate clause */
    int *ints;           /* mention_at, in_mention and verb_at, one after the other (set_token_arrays) */
    uint8_t *bytes;      /* role and elided, one after the other */
    bool any_elided;
    uint32_t apostrophe_hash;   /* norm_hash of "'": hyphen_or_apostrophe */     /* some token of the sentence is elided: else the neighbours of i are i - 1 and i + 1 */
    int *clause_end;     /* mark_clauses: the last token of each clause but the last */
    int32_t *tok_entry;  /* the token's entry in the dictionary's token cache (mark_words), -1 */
    uint8_t *fw;         /* function_word of each word token (mark_words), 0 for the others */
    int *joints;         /* list_joints: the tokens that may hold a comma or end a clause, in order */
    int njoints;
    size_t cap;
    mention *m; size_t nm, capm;
    verb_use *v; size_t nv, capv;
    int ngroups;
    const story *story;
    const code_options *opt;
    char fwd[ACTOR_CODE_MAX];   /* actor carried to the next sentence's pronouns ("He also said...") */
    const char *issue;          /* the sentence's issue (first found), for its events */
    size_t first_event;         /* index in the output of this sentence's first event */
    bool discard_sentence;      /* a sentence-level discard phrase was seen */
    bool discard_story;         /* a story-level discard phrase: nothing in this story is coded */
    ymd date;
    strbuf *trace;
    dict_marks marks;           /* the pattern prefilter: which dictionary words occur in the sentence */
    uint32_t *cand; size_t capcand;   /* best_pattern: the patterns of a verb worth trying */
    long_scan_memo long_seen;   /* long_names: what the scans of long name lists found in this sentence */
    bool plain_names;           /* coder_name_shortcuts(c, false): the name scan by dict_lookup alone */
    bool marked;                /* marks are up to date for this sentence */
    const char *format_file;    /* dyad_file: the file asked last (NULL: none, not dyad's) */
    bool format_dyad;
    struct verb_exit *verb_exit;   /* verb_exit: per verb entry, what its codes may make with no actor */
    int nverb_exit;
    uint32_t *exit_pats; size_t nexit_pats, capexit_pats;   /* verb_exit's lists of patterns */
    uint32_t crowd_pairs[CROWD_LONGEST + 1];   /* crowd_pairs: crowd_word's words by length and first letter */
    bool no_actor_exit;         /* coder_no_actor_exit: codes_nothing may end a sentence early (the default) */
};

/* ---- small helpers ---- */

static const char *norm(const coder *c, int i) { return tok_norm(&c->tl, (size_t)i); }
static bool is_word(const coder *c, int i) { return c->tl.t[i].kind == TOK_WORD || c->tl.t[i].kind == TOK_NUMBER; }
static bool is_poss(const coder *c, int i) { return (c->tl.t[i].flags & TF_POSS) != 0; }
/* Token i's norm is the one character ch ("," ";" "'"). */
static bool norm_is(const coder *c, int i, char ch) { const char *w = norm(c, i); return w[0] == ch && !w[1]; }
static bool word_is(const coder *c, int i, const char *w) { return is_word(c, i) && norm(c, i)[0] == w[0] && strcmp(norm(c, i), w) == 0; }

static bool in_list(const char *w, const char *const *list)
{
    /* called for most tokens: the first two letters rule out nearly every entry without a call */
    for (; *list; list++)
        if (w[0] == (*list)[0] && (!w[0] || w[1] == (*list)[1]) && strcmp(w, *list) == 0) return true;
    return false;
}

static const char *const determiners[] = {"A", "AN", "THE", NULL};
static const char *const conjunctions[] = {"AND", "OR", "BUT", "NOR", NULL};
static const char *const pronouns[] = {"HE", "SHE", "IT", "THEY", "HIM", "HER", "HIS", "ITS", "THEIR", "THEM", NULL};
static const char *const subordinators[] = {"WHEN", "WHILE", "AFTER", "BEFORE", "BECAUSE", "SINCE", "UNTIL",
                                             "ALTHOUGH", "THOUGH", "WHEREAS", "UNLESS", NULL};
static const char *const acronym_words[] = {"US", "IS", "WHO", "ICE", "IT", "AM", "AN", "AT", "IN", "ON", "NO", "OR", "ME",
                                              NULL};
static const char *const be_forms[] = {"WAS", "WERE", "BEEN", "BE", "IS", "ARE", "BEING", "AM", NULL};
/* past participles of event verbs that end in neither -ED nor -EN ("was shot", "were held") */
static const char *const irregular_participles[] = {"SHOT", "HIT", "HELD", "CAUGHT", "STRUCK", "HURT", "FOUGHT",
    "SENT", "LED", "BUILT", "CUT", "FOUND", "KEPT", "LEFT", "MET", "PUT", "SET", "SOLD", "BOUGHT", "BROUGHT",
    "TAUGHT", "WON", "LOST", "BURNT", "SPENT", "SOUGHT", "TOLD", "HUNG", "SHUT", "QUIT", "SPLIT", "SPREAD",
    "LAID", "PAID", "SAID", "MADE", "HEARD", "BOUND", "FED", NULL};

/* asked of nearly every verb (passive_by, passive_object): the list is read only for a short word
   ending as one of its words does */
static bool irregular_participle(const char *w, size_t n)
{
    return n >= 3 && n <= 7 && strchr("TDKNGE", w[n - 1]) && in_list(w, irregular_participles);
}

/* "Pakistan Denounces Peru Over Border Clash": words a headline in title case may leave in lower case
   (title_case) */
static const char *const title_minor[] = {"WITH", "FROM", "INTO", "ONTO", "OVER", "AMID", "AMIDST", "AFTER", "ABOUT",
                                          "UNDER", "UPON", "THAN", "THAT", "NEAR", "THROUGH", "AGAINST", "DURING",
                                          "ACROSS", "BETWEEN", "AMONG", "ALONG", "WITHIN", "AROUND", "TOWARD", "TOWARDS",
                                          "HAVE", "HAS", "WILL", "THIS", "BEEN", "WERE", NULL};

/* Which of the lists above a word is in: asked of every word by find_phrases and mark_clauses, so it
   is worked out once per distinct word (kept in the token cache's note, FW_KNOWN: worked out).
   FW_BE, FW_IRREGULAR and FW_MINOR answer be_forms, irregular_participle and title_minor for the later
   stages (c->marked). */
enum { FW_DET = 1, FW_CONJ = 2, FW_PRON = 4, FW_SUB = 8, FW_BE = 16, FW_IRREGULAR = 32, FW_MINOR = 64, FW_KNOWN = 128 };

/* The lists' words with their flags, in a table built once from the lists (pthread_once): a word is
   its bytes packed in a number (fw_key), one multiply and a compare, not six list walks (~430
   instructions a distinct word). No list word is longer than FW_LONGEST; fw_init checks it. */
enum { FW_SLOTS = 256, FW_LONGEST = 8 };
static struct fw_slot { uint64_t key; uint8_t flags; } fw_table[FW_SLOTS];
static bool fw_table_ok;   /* every list word fits: the table is used */
static pthread_once_t fw_once = PTHREAD_ONCE_INIT;

/* w's bytes packed in a number, the first in the low byte (a word has no NUL: no two words share one);
   0 for the empty word and past FW_LONGEST bytes (no list holds such a word). */
static uint64_t fw_key(const char *w)
{
    uint64_t key = 0;
    for (unsigned n = 0; w[n]; n++) {
        if (n == FW_LONGEST) return 0;
        key |= (uint64_t)(unsigned char)w[n] << (8 * n);
    }
    return key;
}

/* The slot of key (not 0), or the empty slot where it would go. */
static struct fw_slot *fw_slot_of(uint64_t key)
{
    for (uint64_t s = (key * 0x9E3779B97F4A7C15ull) >> 56;; s++) {
        struct fw_slot *e = &fw_table[s % FW_SLOTS];
        if (!e->key || e->key == key) return e;
    }
}

static void fw_add(const char *const *list, uint8_t flag, size_t *used)
{
    for (; *list; list++) {
        uint64_t key = fw_key(*list);
        if (!key || *used + 1 >= FW_SLOTS / 2) { fw_table_ok = false; return; }
        if (flag == FW_IRREGULAR && !irregular_participle(*list, strlen(*list))) continue;   /* as function_word asked */
        struct fw_slot *e = fw_slot_of(key);
        if (!e->key) e->key = key, ++*used;
        e->flags |= flag;
    }
}

static void fw_init(void)
{
    size_t used = 0;
    fw_table_ok = true;
    fw_add(determiners, FW_DET, &used);
    fw_add(conjunctions, FW_CONJ, &used);
    fw_add(pronouns, FW_PRON, &used);
    fw_add(subordinators, FW_SUB, &used);
    fw_add(be_forms, FW_BE, &used);
    fw_add(irregular_participles, FW_IRREGULAR, &used);
    fw_add(title_minor, FW_MINOR, &used);
}

/* What the lists say of w: as the in_list calls below, from the table. */
static uint8_t function_word(const char *w)
{
    pthread_once(&fw_once, fw_init);
    if (!fw_table_ok)   /* a list word too long for the table (cannot happen with the lists above) */
        return (uint8_t)((in_list(w, determiners) ? FW_DET : 0) | (in_list(w, conjunctions) ? FW_CONJ : 0) |
                         (in_list(w, pronouns) ? FW_PRON : 0) | (in_list(w, subordinators) ? FW_SUB : 0) |
                         (in_list(w, be_forms) ? FW_BE : 0) | (irregular_participle(w, strlen(w)) ? FW_IRREGULAR : 0) |
                         (in_list(w, title_minor) ? FW_MINOR : 0) | FW_KNOWN);
    uint64_t key = fw_key(w);
    if (!key) return FW_KNOWN;
    return (uint8_t)(fw_slot_of(key)->flags | FW_KNOWN);
}

/* Is code exactly the three characters c3 ("---", "###")? Tested for every mention and event: strcmp was a
   call each time (~270,000 a run), and these bytes stop at the first that differs (a shorter code's NUL). */
static inline bool code_is3(const char *code, const char *c3)
{
    return code[0] == c3[0] && code[1] == c3[1] && code[2] == c3[2] && !code[3];
}

/* snprintf(dst, size, "%s%s", a, b) (b may be NULL) without printf's machinery, which cost a few
   hundred instructions a call (~4 % of a run): as much of a, then b, as fits, always terminated. */
static void code_copy(char *dst, size_t size, const char *a, const char *b)
{
    size_t n = 0;
    for (; *a && n + 1 < size; a++) dst[n++] = *a;
    for (; b && *b && n + 1 < size; b++) dst[n++] = *b;
    dst[n] = 0;
}

void event_list_free(event_list *l)
{
    free(l->e);
    l->e = NULL;
    l->n = l->cap = 0;
}

void coder_new_story(coder *c)
{
    c->ahead_text = NULL;   /* another story's text may lie where the last one's did */
    c->next_set = false;
    c->fwd[0] = 0;
    c->discard_story = false;
}

bool coder_story_discarded(const coder *c) { return c->discard_story; }

const token_list *coder_tokens(const coder *c) { return c->split_used ? &c->split : &c->tl; }

void coder_give_tokens(coder *c, token_list *into)
{
    token_list *mine = c->split_used ? &c->split : &c->tl, given = *mine;
    *mine = *into;
    mine->n = mine->plen = 0;
    *into = given;
}

coder *coder_new(const dict *d)
{
    coder *c = xcalloc(1, sizeof *c);
    c->d = d;
    c->apostrophe_hash = norm_hash("'", 1);
    c->no_actor_exit = true;
    crowd_pairs(c->crowd_pairs);
    /* builds the shared prefilter tables now, before the dictionary is shared between threads */
    dict_prepare((dict *)d);
    return c;
}

void coder_name_shortcuts(coder *c, bool on) { c->plain_names = !on; }

void coder_no_actor_exit(coder *c, bool on) { c->no_actor_exit = on; }

void coder_free(coder *c)
{
    if (!c) return;
    token_list_free(&c->tl);
    token_list_free(&c->split);
    token_list_free(&c->ahead);
    free(c->ints); free(c->bytes); free(c->clause_end);
    free(c->tok_entry); free(c->fw); free(c->joints);
    free(c->m); free(c->v);
    dict_marks_free(&c->marks);
    free(c->cand);
    free(c->whole);
    free(c->verb_exit);
    free(c->exit_pats);
    free(c);
}

const char *coded_status_name(coded_status st)
{
    switch (st) {
    case CODED_EVENTS: return "coded";
    case CODED_NONE: return "no events";
    case CODED_DISCARD: return "discarded";
    case CODED_COMPLEX: return "complex";
    case CODED_SHORT: return "too short";
    }
    return "?";
}

static void ensure_capacity(coder *c, size_t n)
{
    if (n <= c->cap) return;
    size_t cap = c->cap ? c->cap : 64;
    while (cap < n) cap *= 2;
    c->ints = xrealloc(c->ints, 3 * cap * sizeof(int));
    c->bytes = xrealloc(c->bytes, 2 * cap);
    c->clause_end = xrealloc(c->clause_end, cap * sizeof(int));
    c->tok_entry = xrealloc(c->tok_entry, cap * sizeof(int32_t));
    c->fw = xrealloc(c->fw, cap);
    c->joints = xrealloc(c->joints, cap * sizeof(int));
    c->cap = cap;
}

/* The per-token arrays for a sentence of `stride` tokens (ensure_capacity made room): the three of -1
   laid one after the other, and the two of 0, so that one memset clears each kind. */
static void set_token_arrays(coder *c, size_t stride)
{
    c->mention_at = c->ints;
    c->in_mention = c->ints + stride;
    c->verb_at = c->ints + 2 * stride;
    memset(c->ints, 0xff, 3 * stride * sizeof *c->ints);   /* -1 is all bits set */
    c->role = c->bytes;
    c->elided = c->bytes + stride;
    memset(c->bytes, 0, 2 * stride);
}

#define TRACE(...) do { if (c->trace) sb_addf(c->trace, __VA_ARGS__); } while (0)

/* ---- matching dictionary phrases against the text ---- */

/* Match a plain word phrase (actors, agents, verb forms, nouns) forward from token i.
   Words joined by '_' must be adjacent; a space allows words in between. A possessive can
   only close a phrase. Returns the last token matched, or -1. */
static int match_words_from(const coder *c, const phrase *p, int k0, int i, int limit, int *nwords);
static int match_words(const coder *c, const phrase *p, int i, int limit, int *nwords)
{
    return match_words_from(c, p, 0, i, limit, nwords);
}

/* match_words from the phrase's word k0 on, at token i: the words before it are taken as matched (the
   token cache's items come with their first word matched, tc_item_starts). */
static int match_words_from(const coder *c, const phrase *p, int k0, int i, int limit, int *nwords)
{
    int pos = i;
    int words = k0;
    for (int k = k0; k < p->n; k++) {
        const pelem *e = &p->e[k];
        if (e->kind != PE_WORD) return -1;
        int found = -1;
        for (int j = pos; j < limit; j++) {
            if (is_word(c, j) && word_matches_n(e->word, e->len, e->mode, norm(c, j), c->tl.t[j].norm_len, is_poss(c, j))) {
                if (is_poss(c, j) && k + 1 < p->n) return -1;   /* "Ithilen's government radio" */
                found = j;
                break;
            }
            if (k == 0 || e->adjacent) break;
            if (c->tl.t[j].kind == TOK_PUNCT && strcmp(norm(c, j), ",") != 0 && strcmp(norm(c, j), "\"") != 0) break;
        }
        if (found < 0) return -1;
        pos = found + 1;
        words++;
    }
    *nwords = words;
    return pos - 1;
}

static bool mostly_caps(const coder *c);

typedef struct {
    const coder *c;
    int at, limit;
    int best_last, best_words, best_kind, best_entry, best_prio;
} lex_probe;

static int kind_priority(int kind)
{
    switch (kind) {
    case IX_ACTOR: return 5;
    case IX_AGENT: return 4;
    case IX_NOUN: case IX_ADJ: return 3;
    case IX_VERB: return 2;
    default: return 1;
    }
}

static bool lex_candidate_met_at(int kind, int entry, int name, lex_probe *lp, bool first_matched);
/* lex_candidate_met's rule for the item `it` (the kind, entry and name of its phrase are all it reads of the item) */
static inline bool lex_candidate_met(const index_item *it, lex_probe *lp, bool first_matched)
{
    return lex_candidate_met_at(it->kind, it->entry, it->name, lp, first_matched);
}

static bool lex_candidate(const index_item *it, void *ctx)
{
    lex_probe *lp = ctx;
    /* a name whose other words are not in the sentence cannot match: most candidates end here */
    const dict_marks *mk = &lp->c->marks;
    for (int j = 0; j < it->nneed; j++) {
        /* a name needs words only (dict_prepare), looked at here; an id the marks do not cover (not sized
           for this dictionary) goes to dict_needs_met, which then has no opinion */
        uint32_t id = it->need[j];
        if (id >= mk->nword) {
            if (!dict_needs_met(lp->c->d, (dict_marks *)mk, it->need, it->nneed)) return true;
            break;
        }
        if (mk->mark[id] != mk->mark_gen) return true;
    }
    return lex_candidate_met(it, lp, false);
}

/* lex_candidate once the name's needs are known to be met (name_candidate looked at them all).
   first_matched: the item comes from the token cache, which kept only names whose words are all plain
   words and whose first one matches this token (tc_item_starts): a one-word name matches as it is, a
   longer one from its second word on. */
static bool lex_candidate_met_at(int kind, int entry, int name, lex_probe *lp, bool first_matched)
{
    const dict *d = lp->c->d;
    const phrase *p;
    switch (kind) {
    case IX_ACTOR: p = &d->actors[entry].names[name]; break;
    case IX_AGENT: p = &d->agents[entry].name; break;
    case IX_VERB: p = &d->verbs[entry].forms[name]; break;
    case IX_NOUN: case IX_ADJ: p = &d->misc[entry].name; break;
    case IX_DISCARD: case IX_ISSUE: {
        /* markers: they do not take the words, they only flag the sentence */
        const phrase *mp = kind == IX_DISCARD ? &d->misc[entry].name : &d->issues[entry].name;
        int w = 0;
        if (!(first_matched && mp->n == 1) && match_words_from(lp->c, mp, first_matched && mp->n, lp->at + (first_matched && mp->n), lp->limit, &w) < 0) return true;
        coder *cc = (coder *)lp->c;
        if (kind == IX_ISSUE) {
            if (!cc->issue) cc->issue = d->issues[entry].issue;
        } else if (d->misc[entry].story) {
            cc->discard_story = true;
        } else {
            cc->discard_sentence = true;
        }
        return true;
    }
    default: return true;
    }
    /* Longest phrase wins; at equal length actors beat agents beat nouns beat verbs. A match takes all
       p->n words: a name that could not beat the best so far is not tried (most single words, once a
       longer name has matched) */
    int prio = kind_priority(kind);
    if (p->n < lp->best_words || (p->n == lp->best_words && prio <= lp->best_prio)) return true;
    /* "US" is the United States, "us" a pronoun, "uses" a verb: a name that is also a common word
       matches only itself, in capitals, in a sentence not all in capitals (dyad style) */
    if (kind == IX_ACTOR && p->n == 1 && lp->c->opt->style == STYLE_DYAD && p->e[0].len <= 3 &&   /* the list: 2-3 letters */
        in_list(p->e[0].word, acronym_words) &&
        (!(lp->c->tl.t[lp->at].flags & TF_ALLCAPS) || strcmp(norm(lp->c, lp->at), p->e[0].word) != 0 || mostly_caps(lp->c)))
        return true;
    int words = 1, last = lp->at;
    if (!first_matched) last = match_words(lp->c, p, lp->at, lp->limit, &words);
    else if (p->n != 1) last = match_words_from(lp->c, p, p->n > 0, lp->at + (p->n > 0), lp->limit, &words);
    if (last < 0) return true;
    if (words > lp->best_words || (words == lp->best_words && prio > lp->best_prio)) {
        lp->best_words = words;
        lp->best_last = last;
        lp->best_kind = kind;
        lp->best_entry = entry;
        lp->best_prio = prio;
    }
    return true;
}

/* lex_candidate_met for a one-word name of a coded kind, other than an actor of three letters or fewer (the
   acronym rule), whose word the token cache matched: it matches the token alone, and wins as a longer match
   would, by lex_candidate_met's rule (a name of one word beats no match, and one word of a lower kind). */
static inline void one_word_name(int kind, int entry, lex_probe *lp)
{
    int prio = kind_priority(kind);
    if (lp->best_words > 1 || (lp->best_words == 1 && prio <= lp->best_prio)) return;
    lp->best_words = 1;
    lp->best_last = lp->at;
    lp->best_kind = kind;
    lp->best_entry = entry;
    lp->best_prio = prio;
}

/* name_candidate's way on for a candidate its record does not decide (a marker, a short actor name that may be a
   common word, a name whose needs are all there or not covered by the marks). Most are decided from the record
   too (its kind, entry and name are what lex_candidate_met reads of the item); the item is read, from the token
   cache's item list at the record's place, only for a name of three needs or more, a need the marks do not
   cover, or a name index past the record's byte. Out of line, so that the scans keep no register for it. */
static __attribute__((noinline)) void name_candidate_item(const tc_cand *cd, lex_probe *lp)
{
    const dict_marks *mk = &lp->c->marks;
    /* its needs are in the sentence: the first (the scan's look) and its other one (name_candidate's) */
    if (cd->name != 255 && (cd->nneed < 2 || (cd->nneed == 2 && cd->second < mk->nword))) {
        lex_candidate_met_at(cd->kind, cd->entry, cd->name, lp, true);
        return;
    }
    const struct dict_tokcache *tc = mk->cache;
    const index_item *it = tc->items[cd - tc->item_cand];
    if (!cd->nneed) { lex_candidate_met(it, lp, true); return; }   /* the one-word names of no coded kind */
    if (cd->nneed >= 2 && cd->second >= mk->nword) { lex_candidate(it, lp); return; }
    int nneed = cd->nneed < 255 ? cd->nneed : it->nneed;
    for (int j = 1; j < nneed - 1; j++) {   /* the first (the scan's look) and the last (the record's) are there */
        uint32_t id = it->need[j];
        if (id >= mk->nword) { lex_candidate(it, lp); return; }
        if (mk->mark[id] != mk->mark_gen) return;
    }
    lex_candidate_met(it, lp, true);
}

/* lex_candidate's first test, inline in the name scans, for the cached candidate whose record is cd and whose first
   need the sentence has: read from the record, not from the item, whose line is a miss of its own. Most candidates
   are decided here: a one-word name taken as it is, or a name that lacks its last need (a call costs
   lex_candidate's saving of registers). A need the marks do not cover goes to lex_candidate, which decides as
   before. */
static inline void name_candidate(const tc_cand *cd, lex_probe *lp)
{
    if (cd->one_word) { one_word_name(cd->kind, cd->entry, lp); return; }   /* most candidates (no needs) */
    const dict_marks *mk = &lp->c->marks;
    if (cd->nneed >= 2 && cd->second < mk->nword && mk->mark[cd->second] != mk->mark_gen) return;
    name_candidate_item(cd, lp);
}

static int add_mention(coder *c, int first, int last, int kind, const char *code, int entry)
{
    GROW(c->m, c->capm, c->nm);
    mention *m = &c->m[c->nm];
    memset(m, 0, sizeof *m);
    m->first = first;
    m->last = last;
    m->kind = (uint8_t)kind;
    code_copy(m->code, sizeof m->code, code, NULL);
    m->entry = entry;
    m->group = -1;
    m->refers = -1;
    c->mention_at[first] = (int)c->nm;
    for (int i = first; i <= last; i++)
        if (c->in_mention[i] < 0) c->in_mention[i] = (int)c->nm;
    return (int)c->nm++;
}

static void mark_words(coder *c);

/* The first of the needs [f, end) the sentence has (DICT_NEED_NONE: needs nothing), end when none.
   Out of line for a token with many names (THE: 17 % of the names scanned with the built-in
   dictionary, 28 % with TABARI's), where inside code_sentence mark and gen were reloaded from the
   stack for each name: here they stay in registers, four names a loop turn. */
enum { NAME_SCAN_LONG = 40 };
static __attribute__((noinline)) const uint32_t *first_present(const uint32_t *f, const uint32_t *end,
                                                               const uint8_t *mark, uint8_t gen)
{
#define PRESENT(k) (mark[f[k]] == gen)   /* a name needing nothing has the id whose mark is always current */
    for (; end - f >= 4; f += 4) {
        if (PRESENT(0)) return f;
        if (PRESENT(1)) return f + 1;
        if (PRESENT(2)) return f + 2;
        if (PRESENT(3)) return f + 3;
    }
    for (; f < end; f++)
        if (PRESENT(0)) return f;
#undef PRESENT
    return end;
}

/* lookup_needed's loop for a token (cache entry k) with NAME_SCAN_LONG names or more, out of line: see
   first_present. A list scanned before in this sentence is not scanned again (long_scan_memo). */
static __attribute__((noinline)) void long_names(coder *c, int32_t k, const uint32_t *first, const tc_cand *cand,
                                                 uint32_t n, lex_probe *lp)
{
    long_scan_memo *ms = &c->long_seen;
    for (int j = 0; j < ms->n; j++)
        if (ms->entry[j] == k) {
            for (int a = ms->from[j]; a < ms->from[j + 1]; a++) name_candidate(&cand[ms->at[a]], lp);
            return;
        }
    const uint8_t *mark = c->marks.mark, gen = c->marks.mark_gen;
    const uint32_t *end = first + n;
    int j = ms->n, a = ms->from[j];
    bool keep = j < LONG_MEMO_LISTS;
    for (const uint32_t *f = first; (f = first_present(f, end, mark, gen)) != end; f++) {
        if (keep && a < LONG_MEMO_NAMES) ms->at[a++] = (uint16_t)(f - first);
        else keep = false;
        name_candidate(&cand[f - first], lp);
    }
    if (keep) ms->entry[j] = k, ms->from[j + 1] = (uint16_t)a, ms->n = j + 1;
}

/* What the name scan reads for every word, loaded once a sentence: find_phrases stores bytes (roles),
   which may alias anything, so fields read through c were loaded again after each store. */
typedef struct {
    const tc_entry *e;                         /* the token cache's entries, NULL without a cache */
    const uint32_t *item_first;                /* (a long list's first needs: first_present's four a step) */
    const tc_cand *item_cand;
    const uint8_t *mark;
    uint8_t gen;
} name_scan;

static name_scan name_scan_of(const coder *c)
{
    const struct dict_tokcache *tc = c->marks.cache;
    /* the marks cover every id of the cache's first needs (dict_marks_begin sizes them for the dictionary);
       were they not, each word is looked up (lookup_needed's dict_lookup) */
    bool sized = tc && c->marks.nword >= tc->nwords && !c->plain_names;
    return (name_scan){sized ? tc->e : NULL, sized ? tc->item_first : NULL, sized ? tc->item_cand : NULL,
                       c->marks.mark, c->marks.mark_gen};
}

/* dict_lookup_needed(.., lex_candidate, lp) for word i (token cache entry k), its loop here, where
   lex_candidate is inlined and the scan over names whose first other word the sentence lacks (most:
   TABARI's set files ~60 under THE) keeps its registers: a call per word, not per name. The entry is
   read as tc_token_items does. Returns false, *lp not set, when no name can start at word i (lp is
   only set up for a word with a candidate). */
static inline __attribute__((always_inline)) bool lookup_needed(coder *c, const name_scan *ns, int32_t k, int i,
                                                                int n, lex_probe *lp)
{
    uint32_t ni = k >= 0 && ns->e ? ns->e[k].nitems : 0;
    if (!ni) {
        if (k >= 0 && ns->e) return false;
        *lp = (lex_probe){c, i, n, -1, 0, 0, -1, 0};
        dict_lookup(c->d, norm(c, i), lex_candidate, lp);
        return true;
    }
    const tc_cand *cand = ns->item_cand + ns->e[k].items_at;
    if (ni >= NAME_SCAN_LONG) {
        *lp = (lex_probe){c, i, n, -1, 0, 0, -1, 0};
        long_names(c, k, ns->item_first + ns->e[k].items_at, cand, ni, lp);
        return true;
    }
    const uint8_t *mark = ns->mark, gen = ns->gen;
    const tc_cand *f = cand, *end = cand + ni;
    while (f < end && mark[f->first] != gen) f++;
    if (f == end) return false;   /* most tokens: every name's first need is absent */
    *lp = (lex_probe){c, i, n, -1, 0, 0, -1, 0};
    for (;;) {
        name_candidate(f, lp);
        for (f++; f < end && mark[f->first] != gen; f++) {}
        if (f == end) return true;
    }
}

/* The codes of the actors and agents find_phrases named (mentions from `first` on): an actor's code on the story's
   date (actor_code_on), an agent's own. Worked out once the sentence is scanned, not as each name is found: the
   entries (asked for when found) and the actors' codes, which lie at random in the dictionary (a miss each, and
   two for an actor: most of actor_code_on's time), then arrive during the scan, and the codes' misses overlap. */
static void mention_codes(coder *c, size_t first)
{
    const dict *d = c->d;
    for (size_t k = first; k < c->nm; k++)
        if (c->m[k].kind == MK_ACTOR) __builtin_prefetch(d->actors[c->m[k].entry].codes);
    for (size_t k = first; k < c->nm; k++) {
        mention *m = &c->m[k];
        if (m->kind == MK_ACTOR) code_copy(m->code, sizeof m->code, actor_code_on(&d->actors[m->entry], c->date), NULL);
        else if (m->kind == MK_AGENT) code_copy(m->code, sizeof m->code, d->agents[m->entry].code, NULL);
    }
}

/* Left to right: the longest dictionary phrase at each word becomes an actor, agent, noun or verb. */
static void find_phrases(coder *c)
{
    int n = (int)c->tl.n;
    if (!c->marked) mark_words(c);   /* lex_candidate asks which words the sentence has */
    c->long_seen.n = 0;   /* new marks, maybe a new cache */
    const name_scan ns = name_scan_of(c);
    /* none of these arrays moves while the phrases are found (add_mention writes into them) */
    const token *t = c->tl.t;
    const uint8_t *fw = c->fw;
    const int32_t *entry = c->tok_entry;
    const int *in_mention = c->in_mention;
    uint8_t *role = c->role;
    const size_t first_mention = c->nm;
    for (int i = 0; i < n; i++) {
        if ((t[i].kind != TOK_WORD && t[i].kind != TOK_NUMBER) || in_mention[i] >= 0) continue;
        if (fw[i] & FW_PRON) { role[i] = R_PRON; add_mention(c, i, i, MK_PRONOUN, "", -1); continue; }
        lex_probe lp;   /* set by lookup_needed when some name may start here */
        if (!lookup_needed(c, &ns, entry[i], i, n, &lp) || lp.best_last < 0) {
            if (fw[i] & FW_DET) role[i] = R_DET;
            else if (fw[i] & FW_CONJ) role[i] = R_CONJ;
            continue;
        }
        switch (lp.best_kind) {
        case IX_ACTOR:   /* its code after the scan (actor_codes) */
            __builtin_prefetch(&c->d->actors[lp.best_entry]);
            add_mention(c, i, lp.best_last, MK_ACTOR, "", lp.best_entry);
            break;
        case IX_AGENT:
            __builtin_prefetch(c->d->agents[lp.best_entry].code);
            add_mention(c, i, lp.best_last, MK_AGENT, "", lp.best_entry);
            break;
        case IX_NOUN: case IX_ADJ:
            for (int j = i; j <= lp.best_last; j++) role[j] = lp.best_kind == IX_NOUN ? R_NOUN : R_ADJ;
            break;
        case IX_VERB:
            /* marked_verbs reads the entry's code first, for every verb of the sentence (TABARI's set: a miss for
               most, 65 % of its samples): asked for now, it arrives while the rest of the sentence is scanned */
            __builtin_prefetch(&c->d->verbs[lp.best_entry].code.flags);
            GROW(c->v, c->capv, c->nv);
            c->v[c->nv] = (verb_use){i, lp.best_last, lp.best_entry, false};
            c->verb_at[i] = (int)c->nv++;
            break;
        }
        /* words inside a gapped phrase stay free for other matches; adjacent ones are consumed */
        if (lp.best_kind == IX_VERB || lp.best_kind == IX_NOUN || lp.best_kind == IX_ADJ) i = lp.best_last;
        else i = c->m[c->nm - 1].last;
    }
    mention_codes(c, first_mention);
}

/* ---- hyphenated words ---- */

typedef struct {
    const char *word;
    bool found;
} whole_probe;

/* Does some dictionary phrase start with this whole word (not just a prefix of it)? (known_whole asks only
   the items whose stems are longer than the word's first part.) */
static bool whole_word_item(const index_item *it, void *ctx)
{
    whole_probe *wp = ctx;
    if (!word_matches(it->word, it->mode, wp->word, false)) return true;
    wp->found = true;
    return false;
}

static void copy_token(token_list *dst, const token_list *src, const token *t, const char *norm_text, size_t len,
                       uint32_t start, uint32_t end)
{
    GROW(dst->t, dst->cap, dst->n);
    if (dst->plen + len + 1 > dst->pcap) {
        size_t cap = dst->pcap ? dst->pcap : 256;
        while (cap < dst->plen + len + 1) cap *= 2;
        dst->pool = xrealloc(dst->pool, cap);
        dst->pcap = cap;
    }
    token *n = &dst->t[dst->n++];
    *n = *t;
    n->start = start;
    n->end = end;
    n->norm = (uint32_t)dst->plen;
    n->norm_len = (uint16_t)len;
    memcpy(dst->pool + dst->plen, norm_text, len);
    dst->pool[dst->plen + len] = 0;
    dst->plen += len + 1;
    (void)src;
}

/* "Al-Gore", "Russian-backed": a hyphenated word that the dictionary does not know as a whole is read
   as its parts (TABARI's hyphen conversion), so "AL GORE" or "RUSSIAN" can match. */
/* A word with a hyphen inside (not first or last): the tokenizer flags it. */
static inline bool hyphenated(const token_list *tl, size_t i) { return tl->t[i].flags & TF_HYPHEN; }

/* Hyphenated token i is read as its parts. */
/* Does the dictionary know hyphenated word w (n bytes, norm_hash h) as a whole? Its lookup probes every
   prefix of a long word, and the same words come back ("U.S.-BACKED", "SO-CALLED"): the answer is kept,
   per coder, in a table of one entry a slot (a word that collides replaces the one there), for as long as
   the dictionary has the same items. Words longer than an entry holds are looked up each time. */
enum { WHOLE_SLOTS = 1024, WHOLE_LEN = 30 };
typedef struct {
    uint32_t hash;
    uint8_t len, whole;   /* len 0: empty */
    char word[WHOLE_LEN];
} whole_entry;
struct whole_memo {
    size_t nitems;   /* c->d->nitems when filled */
    whole_entry e[WHOLE_SLOTS];
};

static bool known_whole(coder *c, const char *w, size_t n, uint32_t h)
{
    if (!c->whole || c->whole->nitems != c->d->nitems) {
        if (!c->whole) c->whole = xmalloc(sizeof *c->whole);
        memset(c->whole, 0, sizeof *c->whole);
        c->whole->nitems = c->d->nitems;
    }
    whole_entry *e = &c->whole->e[h % WHOLE_SLOTS];
    if (n && n <= WHOLE_LEN && e->len == n && e->hash == h && !memcmp(e->word, w, n)) return e->whole;
    whole_probe wp = {w, false};
    /* a stem no longer than the first part ("AL" in "AL-GORE") does not know the hyphenated word: those
       prefixes are not looked up (TABARI's set: most of their items were, one call each) */
    const char *hy = strchr(w, '-');
    const size_t shorter = hy ? (size_t)(hy - w) : 0;
    /* the token cache's texts answer with the groups' modes, reading no item (and the word, when it stays whole,
       has its prefixes looked up there next); the dictionary's index when they cannot */
    int known = dict_known_whole(c->d, &c->marks, w, strlen(w), shorter);
    if (known >= 0) wp.found = known;
    else dict_lookup_longer(c->d, w, shorter, whole_word_item, &wp);
    if (n && n <= WHOLE_LEN) {
        e->hash = h, e->len = (uint8_t)n, e->whole = wp.found;
        memcpy(e->word, w, n);
    }
    return wp.found;
}

static bool splits_at_hyphens(coder *c, const char *text, size_t i)
{
    const token_list *tl = &c->tl;
    const token *t = &tl->t[i];
    const char *w = tok_norm(tl, i);
    if (w[t->norm_len - 1] == '-') return false;
    /* the parts must line up with ASCII hyphens in the source, or the offsets would be wrong */
    size_t src_h = 0, norm_h = 0;
    for (uint32_t b = t->start; b < t->end; b++) src_h += text[b] == '-';
    for (size_t b = 0; b < t->norm_len; b++) norm_h += w[b] == '-';
    if (src_h != norm_h) return false;
    return !known_whole(c, w, t->norm_len, t->hash);
}

/* Token i's parts, one token each, at the end of out. */
static void add_hyphen_parts(token_list *out, const token_list *tl, size_t i, const char *text)
{
    const token *t = &tl->t[i];
    const char *w = tok_norm(tl, i);
    uint32_t sb = t->start;
    size_t nb = 0;
    for (size_t k = 0; k <= t->norm_len; k++) {
        if (k < t->norm_len && w[k] != '-') continue;
        uint32_t se = sb;
        while (se < t->end && text[se] != '-') se++;
        bool last = k == t->norm_len;
        token part = *t;
        part.flags = (uint8_t)(last ? t->flags : (t->flags & ~TF_POSS));
        part.flags &= (uint8_t)~TF_HYPHEN;   /* split at every hyphen: none is left inside a part */
        part.hash = norm_hash(w + nb, k - nb);
        if (nb) part.flags &= (uint8_t)~TF_FIRST;
        if (k > nb) copy_token(out, tl, &part, w + nb, k - nb, sb, last ? t->end : se);
        nb = k + 1;
        sb = se + 1;
    }
}

/* "Al-Gore", "Russian-backed": a hyphenated word that the dictionary does not know as a whole is read
   as its parts (TABARI's hyphen conversion), so "AL GORE" or "RUSSIAN" can match. Nothing is copied
   unless a word splits; then the tokens before it are copied whole, with the pool (their offsets hold). */
static void split_hyphens(coder *c, const char *text)
{
    token_list *tl = &c->tl;
    size_t first = 0;
    bool hyphen = false;
    for (; first < tl->n; first++) {
        if (!hyphenated(tl, first)) continue;
        hyphen = true;
        if (splits_at_hyphens(c, text, first)) break;
    }
    token_list *out = &c->split;
    if (first == tl->n) {
        /* as before this was made lazy: a sentence with a hyphenated word has its tokens in `split`
           too (coder_tokens reads them there, after join_loose_possessives) */
        if (hyphen) token_list_copy(out, tl), c->split_used = true;
        return;
    }
    GROW(out->t, out->cap, first);
    GROW(out->pool, out->pcap, tl->plen);
    memcpy(out->t, tl->t, first * sizeof *tl->t);
    memcpy(out->pool, tl->pool, tl->plen);
    out->n = first;
    out->plen = tl->plen;
    add_hyphen_parts(out, tl, first, text);
    /* the whole pool came along: a word that stays whole keeps its norm where it is, and only the
       parts' norms are added at the pool's end */
    for (size_t i = first + 1; i < tl->n; i++) {
        if (hyphenated(tl, i) && splits_at_hyphens(c, text, i)) {
            add_hyphen_parts(out, tl, i, text);
            continue;
        }
        GROW(out->t, out->cap, out->n);
        out->t[out->n++] = tl->t[i];
    }
    token_list tmp = *tl;
    *tl = *out;
    *out = tmp;
    c->split_used = true;
}

/* One walk over the tokens for the two rare rewrites above and below: TF_HYPHEN when some word has a
   hyphen inside (split_hyphens has work), SEEN_APOSTROPHE when some token is a lone "'" (a loose
   possessive may follow). Neither rewrite adds or removes what the other looks for. */
enum { SEEN_APOSTROPHE = 0x100 };
static unsigned hyphen_or_apostrophe(const token_list *tl, uint32_t apostrophe_hash)
{
    unsigned seen = 0;
    for (const token *t = tl->t, *end = t + tl->n; t < end; t++) {
        seen |= t->flags;
        /* the token's hash first: a load and a compare rather than kind, length and pool */
        if (t->hash == apostrophe_hash && t->kind == TOK_PUNCT && t->norm_len == 1 && tl->pool[t->norm] == '\'')
            seen |= SEEN_APOSTROPHE;
    }
    return seen & (TF_HYPHEN | SEEN_APOSTROPHE);
}

/* "Russia 's Supreme Court": text tokenized before it reached dyad keeps the possessive apart. The "'"
   and "s" are dropped and the word before them becomes the possessive it is. */
static void join_loose_possessives(coder *c)
{
    token_list *tl = &c->tl;
    bool any = false;
    for (size_t i = 0; i + 2 < tl->n && !any; i++)
        any = tl->t[i + 1].kind == TOK_PUNCT && !strcmp(tok_norm(tl, i + 1), "'") && tl->t[i + 1].start > tl->t[i].end;
    if (!any) return;
    token_list *out = &c->split;
    out->n = 0;
    out->plen = 0;
    for (size_t i = 0; i < tl->n; i++) {
        token t = tl->t[i];
        bool loose = i + 2 < tl->n && t.kind == TOK_WORD && tl->t[i + 1].kind == TOK_PUNCT &&
                     !strcmp(tok_norm(tl, i + 1), "'") && tl->t[i + 1].start > t.end && tl->t[i + 2].kind == TOK_WORD &&
                     !strcmp(tok_norm(tl, i + 2), "S") && tl->t[i + 2].start == tl->t[i + 1].end;
        if (loose) t.flags |= TF_POSS;
        copy_token(out, tl, &t, tok_norm(tl, i), t.norm_len, t.start, t.end);
        if (loose) i += 2;
    }
    token_list tmp = *tl;
    *tl = *out;
    *out = tmp;
}

/* ---- verbs that are really nouns ---- */

static bool mostly_caps(const coder *c)
{
    int words = 0, caps = 0;
    for (size_t i = 0; i < c->tl.n; i++) {
        if (c->tl.t[i].kind != TOK_WORD) continue;
        words++;
        caps += (c->tl.t[i].flags & TF_ALLCAPS) != 0;
    }
    return words && caps * 2 > words;
}

/* "Pakistan Denounces Peru Over Border Clash": a headline in title case, where capitals say nothing
   about names. Short words, prepositions and auxiliaries may stay lower-case ("over", "with", "will"),
   and a word or two more ("southern"). */
static bool title_case(const coder *c)
{
    int words = 0, caps = 0;
    for (size_t i = 0; i < c->tl.n; i++) {
        const token *t = &c->tl.t[i];
        if (t->kind != TOK_WORD || t->norm_len <= 3) continue;
        if (!(t->flags & TF_CAP) && (c->marked ? (c->fw[i] & FW_MINOR) != 0 : in_list(tok_norm(&c->tl, i), title_minor)))
            continue;
        words++;
        caps += (t->flags & TF_CAP) != 0;
    }
    return words >= 3 && caps * 10 > words * 8;
}

static int prev_token(const coder *c, int i)
{
    if (!c->any_elided) return i > 0 ? i - 1 : -1;
    for (i--; i >= 0; i--)
        if (!c->elided[i]) return i;
    return -1;
}

static int next_token(const coder *c, int i)
{
    if (!c->any_elided) return i + 1 < (int)c->tl.n ? i + 1 : -1;
    for (i++; i < (int)c->tl.n; i++)
        if (!c->elided[i]) return i;
    return -1;
}

/* The verb's token is its lemma as written in the dictionary, with no ending ("raid", not "raided"). */
static bool bare_lemma(const coder *c, const verb_use *v)
{
    /* most verbs here are not their lemma: the token's length and hash against the lemma's tell it without
       reading the verb's forms (three misses); equal ones are compared in full */
    uint64_t key;
    const token *t = &c->tl.t[v->first];
    if (dict_verb_lemma(c->d, v->entry, &key) && key != ((uint64_t)t->norm_len << 32 | t->hash)) return false;
    const phrase *f = &c->d->verbs[v->entry].forms[0];
    return f->n == 1 && f->e[0].kind == PE_WORD && !strcmp(f->e[0].word, norm(c, v->first));
}

static bool participle(const coder *c, const verb_use *v);

static bool word_is_punct(const coder *c, int i, const char *punct)
{
    return c->tl.t[i].kind == TOK_PUNCT && !strcmp(norm(c, i), punct);
}

/* "the internationally recognised", "Libya's democratically elected": an -ly adverb opening a noun phrase */
static bool adverb_opening(const coder *c, int p, int pp)
{
    if (!is_word(c, p) || c->in_mention[p] >= 0 || c->verb_at[p] >= 0) return false;
    size_t n = strlen(norm(c, p));
    if (n < 5 || strcmp(norm(c, p) + n - 2, "LY") != 0) return false;
    return pp < 0 || c->role[pp] == R_DET || c->tl.t[pp].kind == TOK_PUNCT || is_poss(c, pp);
}

static void verbs_to_nouns(coder *c)
{
    int caps = -1;   /* worked out on first need: most sentences never ask (title_case walks every word) */
    for (size_t k = 0; k < c->nv; k++) {
        verb_use *v = &c->v[k];
        /* a verb phrase cut by a dropped clause ("brushed, aside reports ...,") is no verb (most sentences
           drop none: any_elided, which elide sets, spares the walk) */
        for (int i = v->first; c->any_elided && i <= v->last; i++)
            if (c->elided[i]) { v->dropped = true; break; }
        if (v->dropped) continue;
        int p = prev_token(c, v->first);
        /* "the restore", "an accord": a determiner makes the word a noun */
        if (p >= 0 && c->role[p] == R_DET) { v->dropped = true; continue; }
        /* dyad style: "after the embassy raid": determiner, noun, bare verb form → a noun compound */
        int pp = prev_token(c, p);
        if (c->opt->style == STYLE_DYAD && pp >= 0 && c->role[pp] == R_DET && is_word(c, p) &&
            (c->role[p] == R_NONE || c->in_mention[p] >= 0) &&
            !(c->tl.t[p].flags & TF_CAP) && (c->in_mention[p] < 0 || c->m[c->in_mention[p]].lone) &&
            c->verb_at[p] < 0 && v->first == v->last && bare_lemma(c, v)) {
            v->dropped = true;
            continue;
        }
        /* dyad style: "Jailed activist ends hunger strike", "Germany: imprisoned critic ...", "the
           internationally recognised government": a participle opening the sentence, a headline's part
           after a colon or a noun phrase after an adverb in -ly, right before an actor, describes it */
        int nx = next_token(c, v->last);
        if (c->opt->style == STYLE_DYAD && v->first == v->last && participle(c, v) &&
            (p < 0 || word_is_punct(c, p, ":") || adverb_opening(c, p, pp)) && nx >= 0 && c->mention_at[nx] >= 0) {
            v->dropped = true;
            continue;
        }
        /* dyad style: "during a weekly briefing", "the first meeting": determiner, plain word, -ing form */
        size_t vl = c->tl.t[v->last].norm_len;
        if (c->opt->style == STYLE_DYAD && pp >= 0 && c->role[pp] == R_DET && is_word(c, p) && c->role[p] == R_NONE &&
            c->in_mention[p] < 0 && c->verb_at[p] < 0 && !(c->tl.t[p].flags & TF_CAP) && v->first == v->last && vl > 4 &&
            !strcmp(norm(c, v->last) + vl - 3, "ING")) {
            v->dropped = true;
            continue;
        }
        /* "about To Restore": a capitalised word inside a sentence is a name, not a verb */
        const token *t = &c->tl.t[v->first];
        if ((t->flags & TF_CAP) && !(t->flags & TF_FIRST)) {
            if (caps < 0) caps = mostly_caps(c) || (c->opt->style == STYLE_DYAD && title_case(c));
            if (!caps) v->dropped = true;
        }
    }
}

/* ---- actors: null codes, agents, compounds, pronouns ---- */

static const verb_pattern *best_pattern_in(coder *c, const verb_use *v, int lo, int hi);
static bool discard_may_win(coder *c, const verb_use *v);

/* A verb coded [###] or [+++] (with no pattern that says otherwise) decides the whole sentence,
   wherever it stands: "... before playing football" is sport, not politics. */
static coded_status marked_verbs(coder *c)
{
    for (size_t k = 0; k < c->nv; k++) {
        const verb_use *v = &c->v[k];
        if (v->dropped) continue;
        const verb_entry *ve = &c->d->verbs[v->entry];
        bool marked = (ve->code.flags & (CF_DISCARD | CF_COMPLEX)) != 0;
        int discards = marked ? 0 : dict_verb_discards(c->d, v->entry);   /* known since dict_prepare */
        if (discards >= 0) marked = marked || discards;
        for (int i = 0; discards < 0 && i < ve->npats && !marked; i++)
            marked = (ve->pats[i].code.flags & CF_DISCARD) != 0;
        if (!marked) continue;
        /* marked only by [###] patterns: only one of them winning discards the sentence, so when none
           fits at all the search for the best of all the verb's patterns (TABARI's SAY: 1,467) is spared */
        if (!(ve->code.flags & (CF_DISCARD | CF_COMPLEX)) && !discard_may_win(c, v)) continue;
        const verb_pattern *vp = best_pattern_in(c, v, 0, (int)c->tl.n - 1);
        int flags = vp ? vp->code.flags : ve->code.flags;
        if (flags & CF_DISCARD) { TRACE("discard: verb %s\n", ve->text); return CODED_DISCARD; }
        if ((flags & CF_COMPLEX) && !vp) { TRACE("complex: verb %s\n", ve->text); return CODED_COMPLEX; }
    }
    return CODED_EVENTS;
}

static bool code_has(const char *code, const char *part)
{
    /* the country code is the first three characters; agents come after */
    size_t n = strlen(code);
    return n > 3 && strstr(code + 3, part) != NULL;
}

static void compose(char out[ACTOR_CODE_MAX], const char *actor, const char *agent, bool prefix)
{
    if (prefix) {
        if (strncmp(actor, agent, strlen(agent)) == 0) code_copy(out, ACTOR_CODE_MAX, actor, NULL);
        else code_copy(out, ACTOR_CODE_MAX, agent, actor);
    } else {
        if (code_has(actor, agent)) code_copy(out, ACTOR_CODE_MAX, actor, NULL);
        else code_copy(out, ACTOR_CODE_MAX, actor, agent);
    }
}

/* compose(), and in dyad style: "Islamic State fighters" are the armed group itself, and "the junta's
   soldiers" or "government troops" are the state's forces, not its government's ("---GOVMIL"). */
static void compose_dyad(const coder *c, char out[ACTOR_CODE_MAX], const char *actor, const char *agent, bool prefix)
{
    static const char *const armed[] = {"REB", "UAF", "MIL", NULL};
    static const char *const forces[] = {"MIL", "COP", "SPY", NULL};
    size_t n = strlen(actor);
    if (c->opt->style == STYLE_DYAD && !prefix && !strncmp(actor, "IMG", 3) && in_list(agent, armed)) {
        snprintf(out, ACTOR_CODE_MAX, "%s", actor);
        return;
    }
    if (c->opt->style == STYLE_DYAD && !prefix && n == 6 && !strcmp(actor + 3, "GOV") && in_list(agent, forces)) {
        snprintf(out, ACTOR_CODE_MAX, "%.3s%.3s", actor, agent);
        return;
    }
    compose(out, actor, agent, prefix);
}

/* The live mention that ends right before token i (skipping a possessive's gap), or -1. */
static int mention_ending_before(const coder *c, int i)
{
    int p = prev_token(c, i);
    if (p < 0) return -1;
    int m = c->in_mention[p];
    if (m < 0 || c->m[m].dropped || c->m[m].last != p) return -1;
    return m;
}

static int mention_starting_after(const coder *c, int i, bool allow_preposition)
{
    int n = next_token(c, i);
    if (n < 0) return -1;
    if (allow_preposition && (word_is(c, n, "OF") || word_is(c, n, "IN") ||
                              (c->opt->style == STYLE_DYAD && word_is(c, n, "FROM")))) {
        bool in = word_is(c, n, "IN");
        n = next_token(c, n);
        if (n >= 0 && c->role[n] == R_DET) n = next_token(c, n);
        /* dyad style: "villagers in northern Nigeria": up to two lower-case words before the place */
        for (int k = 0; in && c->opt->style == STYLE_DYAD && k < 2 && n >= 0 && is_word(c, n) && c->mention_at[n] < 0 &&
                        c->in_mention[n] < 0 && c->verb_at[n] < 0 && !(c->tl.t[n].flags & TF_CAP) && c->role[n] == R_NONE;
             k++)
            n = next_token(c, n);
        if (n < 0) return -1;
    }
    int m = c->mention_at[n];
    if (m < 0 || c->m[m].dropped) return -1;
    return m;
}

/* dyad style: the actor of the noun phrase an agent ends ("Dagolath's first Deputy Prime Minister"):
   up to three plain words between them, no verb, punctuation or other actor. */
/* Lists as static arrays, not compound literals: a literal's pointers were stored on the stack at every
   call (resolve_actors' entry cost ~60 instructions with both inlined). */
static const char *const phrase_prepositions[] = {"OF", "IN", "FROM", "FOR", "TO", "WITH", "BY", "ON", "AT", "BETWEEN",
                                                  "AMONG", "AGAINST", "OVER", "AMID", "DURING", "FOLLOWING", "INTO", NULL};
static const char *const owning_pronouns[] = {"ITS", "THEIR", "HIS", "HER", NULL};
static const char *const relative_words[] = {"WHICH", "WHO", "WHOM", "WHOSE", "THAT", "WHERE", "WHEN", NULL};

static int actor_across_phrase(const coder *c, int agent_first)
{
    int p = agent_first;
    for (int gap = 0; gap <= 3; gap++) {
        p = prev_token(c, p);
        if (p < 0 || !is_word(c, p) || c->verb_at[p] >= 0 || c->role[p] == R_CONJ || c->role[p] == R_PRON) return -1;
        int m = c->in_mention[p];
        if (m >= 0 && !c->m[m].dropped) return c->m[m].kind == MK_ACTOR && c->m[m].last == p && gap > 0 ? m : -1;
        /* "Mexico after the embassy raid": a determiner or "after" starts another phrase */
        if (c->role[p] == R_DET || (c->fw[p] & FW_SUB)) return -1;   /* fw: the subordinators list, once a word */
        if (in_list(norm(c, p), phrase_prepositions)) return -1;
    }
    return -1;
}

static void merge_into(coder *c, int keep, int gone)
{
    mention *k = &c->m[keep], *g = &c->m[gone];
    int first = k->first < g->first ? k->first : g->first;
    int last = k->last > g->last ? k->last : g->last;
    g->dropped = true;
    k->first = first;
    k->last = last;
    c->mention_at[first] = keep;
    for (int i = first; i <= last; i++)
        if (c->in_mention[i] == gone || c->in_mention[i] < 0) c->in_mention[i] = keep;
}

/* dyad style: "Britain's Foreign Office", "Russia's Gazprom": a state's possessive right before one of
   its own actors is part of that actor's name. */
static void join_owned_actors(coder *c)
{
    for (size_t k = 0; k < c->nm; k++) {
        mention *a = &c->m[k];
        if (a->dropped || a->kind != MK_ACTOR || !is_poss(c, a->last) || strlen(a->code) != 3) continue;
        int n = next_token(c, a->last);
        int b = n >= 0 ? c->mention_at[n] : -1;
        if (b < 0 || b == (int)k || c->m[b].dropped || c->m[b].kind != MK_ACTOR) continue;
        if (strlen(c->m[b].code) <= 3 || strncmp(c->m[b].code, a->code, 3) != 0) continue;
        merge_into(c, b, (int)k);
    }
}

static void resolve_actors(coder *c, const code_options *o)
{
    for (size_t k = 0; k < c->nm; k++) {
        mention *m = &c->m[k];
        if (m->kind == MK_ACTOR && (!m->code[0] || code_is3(m->code, "---"))) m->dropped = true;   /* null actor: a noun */
    }
    /* agents attach to the actor next to them: "Arnor security officials", "human rights activists in Arnor" */
    for (size_t k = 0; k < c->nm; k++) {
        mention *g = &c->m[k];
        if (g->kind != MK_AGENT || g->dropped) continue;
        const agent_entry *ag = &c->d->agents[g->entry];
        const char *acode = ag->code;
        int p = prev_token(c, g->first);
        /* dyad style: "put its army on alert", "recalled its ambassador from Spain": the actor's own
           agent, neither a target nor joined to the next country (each owning pronoun is a pronoun: the
           word's class rules out the others without the call) */
        if (o->style == STYLE_DYAD && p >= 0 && is_word(c, p) && (c->fw[p] & FW_PRON) &&
            in_list(norm(c, p), owning_pronouns)) {
            /* kept for patterns that name it ("withdraw + from"), but never taken as the target */
            g->kind = MK_ACTOR;
            g->lone = g->own = true;
            compose(g->code, "---", acode, false);
            continue;
        }
        bool former = p >= 0 && word_is(c, p, "FORMER");
        if (former) acode = "ELI";
        int a = mention_ending_before(c, former ? p : g->first);
        if (a < 0 || c->m[a].kind != MK_ACTOR) a = mention_starting_after(c, g->last, true);
        if ((a < 0 || c->m[a].kind != MK_ACTOR) && o->style == STYLE_DYAD) a = actor_across_phrase(c, g->first);
        if (a >= 0 && c->m[a].kind == MK_ACTOR) {
            char code[ACTOR_CODE_MAX];
            compose_dyad(c, code, c->m[a].code, acode, ag->prefix && !former);
            int pa = prev_token(c, c->m[a].first);
            if (pa >= 0 && word_is(c, pa, "FORMER") && strcmp(acode, "ELI") != 0) compose(code, c->m[a].code, "ELI", false);
            code_copy(c->m[a].code, sizeof c->m[a].code, code, NULL);
            code_copy(c->m[a].agent, sizeof c->m[a].agent, acode, NULL);
            c->m[a].agent_prefix = ag->prefix && !former;
            c->m[a].agent_at = g->first;
            merge_into(c, a, (int)k);
            TRACE("agent %s joins actor -> %s\n", ag->code, code);
        } else if (o->convert_agent) {
            g->kind = MK_ACTOR;
            size_t len = strlen(acode) < ACTOR_CODE_MAX - 2 ? strlen(acode) : ACTOR_CODE_MAX - 2;
            if (ag->prefix) { memcpy(g->code, acode, len); g->code[len] = '~'; }
            else { g->code[0] = '~'; memcpy(g->code + 1, acode, len); }
            g->code[len + 1] = 0;
        } else if (o->style == STYLE_DYAD) {
            /* "students", "officials": people of unknown country */
            g->kind = MK_ACTOR;
            g->lone = true;
            compose(g->code, "---", acode, ag->prefix && !former);
        } else {
            g->dropped = true;
        }
    }
    /* "former Gondor prosecutors" handled above; "former Arnor" alone is an elite */
    if (o->style == STYLE_DYAD) join_owned_actors(c);
}

static bool noun_like(const coder *c, int i);

enum join { JOIN_NONE, JOIN_COMMA, JOIN_CONJ };

/* How two actor mentions are joined: "A, B" (comma), "A and the evil B" (conjunction), or not at all.
   "awful and evil minister" joins adjectives, not actors. */
static int join_between(const coder *c, int from, int to)
{
    int kind = JOIN_COMMA, loose = 0;
    bool any = false, comma = false;
    for (int i = from + 1; i < to; i++) {
        if (c->elided[i]) continue;
        const char *w = norm(c, i);
        any = true;
        if (!strcmp(w, ",")) { comma = true; continue; }
        if (c->role[i] == R_CONJ && strcmp(w, "BUT") != 0) {
            if (noun_like(c, prev_token(c, i)) && noun_like(c, next_token(c, i))) return JOIN_NONE;
            kind = JOIN_CONJ;
            continue;
        }
        if (c->role[i] == R_DET || c->role[i] == R_ADJ) continue;
        /* dyad style: "Fornost and the evil awful Gondor" without a list of adjectives */
        if (c->opt->style == STYLE_DYAD && kind == JOIN_CONJ && is_word(c, i) && c->verb_at[i] < 0 &&
            c->role[i] == R_NONE && !(c->tl.t[i].flags & TF_CAP) && ++loose <= 2)
            continue;
        return JOIN_NONE;
    }
    if (any && !comma) return JOIN_CONJ;   /* "the evil Arnor awful Gondor": only adjectives between */
    return any ? kind : JOIN_NONE;
}

static bool live_verb_at(const coder *c, int i) { return i >= 0 && c->verb_at[i] >= 0 && !c->v[c->verb_at[i]].dropped; }

/* A verb that cannot be a noun's plain form: "praised", "says", "shot" (not "force", "patrol") */
static bool past_or_third_person(const coder *c, int i)
{
    const char *w = norm(c, i);
    size_t n = strlen(w);
    return (n > 3 && (!strcmp(w + n - 2, "ED") || (w[n - 1] == 'S' && w[n - 2] != 'S'))) || irregular_participle(w, n);
}

/* "soldiers patrolled Goma and the province governor praised them": after "and", an actor followed
   by its own verb is a new subject, not a second object of the verb before the first actor. */
static bool new_subject(const coder *c, int a, int b)
{
    int q = next_token(c, c->m[b].last);
    if (q >= 0 && !live_verb_at(c, q) && c->role[q] == R_NONE && strlen(norm(c, q)) > 4 &&
        !strcmp(norm(c, q) + strlen(norm(c, q)) - 2, "LY"))
        q = next_token(c, q);   /* "the governor later praised them" */
    if (!live_verb_at(c, q) || !past_or_third_person(c, q)) return false;   /* "a police force" */
    int by = next_token(c, q);
    if (by >= 0 && word_is(c, by, "BY")) return false;   /* "forces backed by Russia" */
    for (int i = c->m[a].first - 1; i >= 0; i--) {
        /* "demanded that the army and the RSF agree": the compound is the subject of the "that" clause;
           "after establishing a foothold, the army and the rebels launched": of the main clause */
        if (c->role[i] == R_BOUNDARY || word_is_punct(c, i, ";") || word_is_punct(c, i, ",") || word_is(c, i, "THAT") ||
            (c->fw[i] & FW_SUB))
            return false;
        if (live_verb_at(c, i)) return true;
    }
    return false;
}

/* Actors joined by commas and a conjunction form a compound: one event per member. A run needs a
   conjunction ("Lions, tigers, and Gondor" is no compound) and ends at its last conjunction
   ("Ithilen and Dagolath, the Osgiliath newspaper" leaves the newspaper out). */
static void find_compounds(coder *c)
{
    int list[256], nl = 0;
    for (size_t k = 0; k < c->nm && nl < 256; k++) {
        const mention *m = &c->m[k];
        if (!m->dropped && m->kind == MK_ACTOR) list[nl++] = (int)k;
    }
    int i = 0;
    while (i < nl) {
        int j = i, last_conj = -1;
        while (j + 1 < nl) {
            int jn = join_between(c, c->m[list[j]].last, c->m[list[j + 1]].first);
            if (jn == JOIN_CONJ && c->opt->style == STYLE_DYAD && new_subject(c, list[j], list[j + 1])) jn = JOIN_NONE;
            if (jn == JOIN_NONE) break;
            if (jn == JOIN_CONJ) last_conj = j + 1;
            j++;
        }
        if (last_conj > i) {
            int id = c->ngroups++;
            for (int k = i; k <= last_conj; k++) c->m[list[k]].group = id;
            i = last_conj + 1;
        } else {
            i++;
        }
    }
}

/* dyad style, inside a compound: an agent standing outside the list applies to every member ("the
   ambassadors of Arnor, Osgiliath and Gondor"), and a lone agent takes the country of the actors it
   is listed with ("Danish media and government"). */
static void spread_agents(coder *c)
{
    if (c->opt->style != STYLE_DYAD) return;
    for (size_t k = 0; k < c->nm; k++) {
        const mention *a = &c->m[k];
        if (a->dropped || a->group < 0) continue;
        if (a->lone) continue;
        bool outside = a->agent[0];
        /* "Valdoria and the Kestrian government": the determiner makes the agent the last member's own */
        int before = prev_token(c, a->first);
        if (outside && a->agent_at > a->first && before >= 0 && c->role[before] == R_DET) outside = false;
        for (size_t j = 0; j < c->nm && outside; j++) {
            const mention *b = &c->m[j];
            if (j == k || b->dropped || b->group != a->group) continue;
            if (!(a->agent_at < b->first) && !(a->agent_at > b->last)) outside = false;
            if (a->agent_at > b->first && a->agent_at < a->first) outside = false;   /* between members */
            if (a->agent_at < b->last && a->agent_at > a->last) outside = false;
        }
        for (size_t j = 0; j < c->nm; j++) {
            mention *b = &c->m[j];
            if (j == k || b->dropped || b->group != a->group || b->kind != MK_ACTOR) continue;
            char code[ACTOR_CODE_MAX];
            if (b->lone && strncmp(a->code, "---", 3) != 0) {
                snprintf(code, sizeof code, "%.3s%s", a->code, b->code + 3);
                code_copy(b->code, sizeof b->code, code, NULL);
                b->lone = false;
            } else if (outside && !b->agent[0] && !b->lone) {
                compose(code, b->code, a->agent, a->agent_prefix);
                code_copy(b->code, sizeof b->code, code, NULL);
                code_copy(b->agent, sizeof b->agent, a->agent, NULL);
                b->agent_at = a->agent_at;
            }
        }
    }
}

static void resolve_pronouns(coder *c)
{
    int first = -1;
    for (size_t k = 0; k < c->nm; k++) {
        mention *m = &c->m[k];
        if (m->dropped || m->kind == MK_AGENT) continue;
        if (m->kind == MK_ACTOR) { if (first < 0) first = (int)k; continue; }
        /* TABARI's rule: a pronoun stands for the sentence's first actor (or its compound); with
           none before it, for the actor carried over from the previous sentence */
        if (first < 0) {
            if (c->opt->forward && c->fwd[0]) {
                m->kind = MK_ACTOR;
                m->forwarded = true;
                code_copy(m->code, sizeof m->code, c->fwd, NULL);
            } else {
                m->dropped = true;
            }
            continue;
        }
        m->refers = first;
    }
}

/* ---- clauses ---- */

static bool comma_in_compound(const coder *c, int i)
{
    if (!c->ngroups) return false;   /* most sentences: no compound (groups come only from find_compounds) */
    int a = -1, b = -1;
    for (int j = i - 1; j >= 0; j--) if (c->in_mention[j] >= 0 && !c->m[c->in_mention[j]].dropped) { a = c->in_mention[j]; break; }
    for (int j = i + 1; j < (int)c->tl.n; j++) if (c->in_mention[j] >= 0 && !c->m[c->in_mention[j]].dropped) { b = c->in_mention[j]; break; }
    return a >= 0 && b >= 0 && c->m[a].group >= 0 && c->m[a].group == c->m[b].group;
}

/* The first count above max (count_words' cap), without overflow for a SET option's largest int. */
static int past(int max) { return max < INT_MAX ? max + 1 : INT_MAX; }

/* The words in [from, to) not elided, counted up to `cap` (the callers only ask whether there are
   more than cap - 1: a long span is not read to its end). */
static int count_words(const coder *c, int from, int to, int cap)
{
    int n = 0;
    for (int i = from; i < to && n < cap; i++) n += is_word(c, i) && !c->elided[i];
    return n;
}

static void elide(coder *c, int from, int to)
{
    for (int i = from; i < to; i++) c->elided[i] = 1;
    c->any_elided |= from < to;
    TRACE("subordinate clause dropped: tokens %d..%d\n", from, to - 1);
}

static bool has_actor_and_verb(const coder *c, int from, int to)
{
    /* "Valdoria, which Kestria attacked last year, praised ...": a relative clause is still an aside */
    if (from < to && is_word(c, from) &&
        in_list(norm(c, from), relative_words))
        return false;
    bool actor = false;
    for (int i = from; i < to; i++) {
        int m = c->mention_at[i];
        if (m >= 0 && !c->m[m].dropped && c->m[m].kind != MK_AGENT) actor = true;
        if (actor && c->verb_at[i] >= 0) return true;
    }
    return false;
}

/* dyad style: "Last month, two Muslims attacked a conference in Garland, Tex.": a comma span that holds
   every verb of the sentence but attributions ("..., police said") is its main clause, not an aside */
static bool holds_every_verb(const coder *c, int from, int to)
{
    bool inside = false;
    for (int i = 0; i < (int)c->tl.n; i++) {
        if (c->elided[i] || c->verb_at[i] < 0) continue;
        if (c->d->verbs[c->v[c->verb_at[i]].entry].code.flags & CF_WEAK) continue;
        if (i < from || i >= to) return false;
        inside = true;
    }
    return inside;
}

/* Punctuation, conjunctions, subordinators and words of two letters from A ("as"): the only tokens that can
   hold a comma (drop_comma_clauses) or end a clause (mark_clauses), listed once a sentence so that
   neither walks all its tokens. After find_phrases (function words known); roles and elisions
   change later, so the list is a superset the callers test as before. R_CONJ is only given to a
   word with FW_CONJ, R_BOUNDARY only to a comma. */
static void list_joints(coder *c)
{
    const token *t = c->tl.t;
    const uint8_t *fw = c->fw;
    const char *pool = c->tl.pool;
    int n = (int)c->tl.n, k = 0, *joints = c->joints;
    /* without a branch: which tokens are joints follows no pattern the predictor learns (a missed guess a
       few tokens made this loop 1 % of the run); every token is written, only joints advance k */
    for (int i = 0; i < n; i++) {
        joints[k] = i;
        k += (t[i].kind == TOK_PUNCT) | ((fw[i] & (FW_CONJ | FW_SUB)) != 0) | ((t[i].norm_len == 2) & (pool[t[i].norm] == 'A'));
    }
    c->njoints = k;
}

/* The first joint from joints[k] on that is a comma (njoints: none). */
static int next_comma(const coder *c, int k)
{
    const token *t = c->tl.t;
    const char *pool = c->tl.pool;
    for (; k < c->njoints; k++) {
        const token *tk = &t[c->joints[k]];
        if (tk->kind == TOK_PUNCT && tk->norm_len == 1 && pool[tk->norm] == ',') return k;
    }
    return k;
}

/* TABARI drops comma-delimited clauses of a few words: appositions, asides, attributions ("officials
   said"). Internal clauses go first, left to right; a dropped clause takes both its commas with it, so
   "X, aside, Y did Z" keeps "Y did Z" rather than treating it as a final clause. */
static void drop_comma_clauses(coder *c, const code_options *o)
{
    int n = (int)c->tl.n;
    int commas[256], nc = 0;
    bool used[256];
    for (int k = 0; (k = next_comma(c, k)) < c->njoints && nc < 256; k++)
        if (!comma_in_compound(c, c->joints[k])) commas[nc++] = c->joints[k];
    if (!nc) return;
    memset(used, 0, (size_t)nc);   /* most sentences have no comma: 256 bytes cleared only when one has */
    int end = n;
    while (end > 0 && c->tl.t[end - 1].kind == TOK_PUNCT) end--;
    for (int k = 0; k + 1 < nc; k++) {
        if (used[k]) continue;
        int w = count_words(c, commas[k] + 1, commas[k + 1], past(o->comma_max));
        if (w < o->comma_min || w > o->comma_max) continue;
        /* dyad style: "On Saturday, rebels captured the town, 100 km west of ...": a clause with an
           actor and a verb of its own is a clause, not an aside */
        if (o->style == STYLE_DYAD && (has_actor_and_verb(c, commas[k] + 1, commas[k + 1]) ||
                                       holds_every_verb(c, commas[k] + 1, commas[k + 1])))
            continue;
        elide(c, commas[k], commas[k + 1] + 1);
        used[k] = used[k + 1] = true;
    }
    if (!used[nc - 1]) {
        int we = count_words(c, commas[nc - 1] + 1, end, past(o->comma_emax));
        if (we >= o->comma_emin && we <= o->comma_emax) {
            /* dyad style keeps an attribution ("officials said on Friday") as a clause of its own */
            if (o->style == STYLE_DYAD) c->role[commas[nc - 1]] = R_BOUNDARY;
            else elide(c, commas[nc - 1], end);
            used[nc - 1] = true;
        }
    }
    if (!used[0]) {
        int wb = count_words(c, 0, commas[0], past(o->comma_bmax));
        if (wb >= o->comma_bmin && wb <= o->comma_bmax) elide(c, 0, commas[0] + 1);
    }
}

static bool noun_like(const coder *c, int i)
{
    return i >= 0 && (c->role[i] == R_NOUN || c->role[i] == R_ADJ);
}

static bool verb_ahead(const coder *c, int i)
{
    for (int j = i + 1; j < (int)c->tl.n; j++) {
        if (c->elided[j]) continue;
        if (c->role[j] == R_CONJ || c->role[j] == R_BOUNDARY) return false;
        if (c->tl.t[j].kind == TOK_PUNCT && (!strcmp(norm(c, j), ";") || !strcmp(norm(c, j), "."))) return false;
        int v = c->verb_at[j];
        if (v >= 0 && !c->v[v].dropped) return true;
    }
    return false;
}

static int live_mention(const coder *c, int m);

/* dyad style: "civilians were killed as Syrian forces launched air strikes": "as" starts a clause when
   an actor follows it with a finite verb of its own; "as well as", "such as", "as part of", "known
   as Hamas", "as forces backed by Iran" and "said ... as" (the attribution gives way) do not. */
static bool as_clause(const coder *c, int i)
{
    if (!word_is(c, i, "AS")) return false;
    int p = prev_token(c, i);
    if (p >= 0 && (word_is(c, p, "SUCH") || word_is(c, p, "WELL") || word_is(c, p, "SAME"))) return false;
    int q = next_token(c, i);
    while (q >= 0 && c->role[q] == R_DET) q = next_token(c, q);
    int m = q >= 0 ? live_mention(c, c->in_mention[q]) : -1;
    if (m < 0 || c->m[m].first != q || c->m[m].kind == MK_AGENT) return false;
    int v = next_token(c, c->m[m].last);
    if (!live_verb_at(c, v) || !past_or_third_person(c, v)) return false;
    int by = next_token(c, v);
    if (by >= 0 && word_is(c, by, "BY")) return false;
    /* "Demonstrators claim victory as Saudi Arabia agrees": a claim gives way to the later verb */
    for (int k = i - 1; k >= 0; k--)
        if (live_verb_at(c, k)) return !(c->d->verbs[c->v[c->verb_at[k]].entry].code.flags & CF_WEAK);
    return true;
}

/* The first joint from joints[k] on that mark_clauses must look at (njoints: none): not elided, and a
   conjunction, a boundary, punctuation or (dyad style) a subordinator or a word of two letters ("as"). */
static int clause_candidate(const coder *c, int k, bool dyad)
{
    const uint8_t *elided = c->elided, *role = c->role, *fw = c->fw;
    const token *t = c->tl.t;
    for (; k < c->njoints; k++) {
        int i = c->joints[k];
        if (elided[i]) continue;
        if (role[i] == R_CONJ || role[i] == R_BOUNDARY || t[i].kind == TOK_PUNCT) return k;
        if (dyad && ((fw[i] & FW_SUB) || t[i].norm_len == 2)) return k;   /* "as": as_clause */
    }
    return k;
}

/* Split at conjunctions that join clauses, not actors or nouns ("sheep and goats"). The clauses' last
   tokens go to c->clause_end, the first 255 of them (the rest of a longer sentence is one last clause);
   returns how many. */
static int mark_clauses(coder *c, const code_options *o)
{
    int ends = 0;
    if (o->code_by == CODE_BY_SENTENCE) return 0;
    const bool dyad = o->style == STYLE_DYAD;
    for (int k = 0; (k = clause_candidate(c, k, dyad)) < c->njoints && ends < 255; k++) {
        int i = c->joints[k];
        bool boundary = false;
        if (c->role[i] == R_CONJ) {
            int p = prev_token(c, i), q = next_token(c, i);
            bool in_compound = comma_in_compound(c, i);
            bool nouns = noun_like(c, p) && (noun_like(c, q) || (q >= 0 && c->role[q] == R_DET));
            boundary = !in_compound && !nouns;
            /* dyad style: "drones and missiles at Israel" joins nouns; only a verb after the
               conjunction makes a new clause */
            if (boundary && o->style == STYLE_DYAD) boundary = verb_ahead(c, i);
        } else if (c->role[i] == R_BOUNDARY || (c->tl.t[i].kind == TOK_PUNCT && norm_is(c, i, ';'))) {
            boundary = true;
        } else if (o->style == STYLE_DYAD && is_word(c, i) && (c->fw[i] & FW_SUB) && verb_ahead(c, i)) {
            /* "... were killed when Russian missiles struck Kyiv": the subordinate clause has its own subject */
            boundary = true;
        } else if (o->style == STYLE_DYAD && as_clause(c, i)) {
            boundary = true;
        }
        if (boundary) c->clause_end[ends++] = i;
    }
    return ends;
}

/* ---- pattern matching ---- */

typedef struct {
    coder *c;
    int lo, hi;            /* tokens the match may use: [lo, hi] */
    int source, target;    /* mentions bound by $ and + (or %) */
    bool compound;         /* % bound: the event is symmetric within the compound */
    int score;             /* how much text the match covers: longer patterns win */
    long steps;            /* work done on this pattern: a budget keeps pathological synsets linear */
} pmatch;

typedef struct seq {
    const pelem *e;
    int n, i;
    const struct seq *up;
} seq;

static bool match_from(pmatch *pm, const seq *s, int pos, bool adj, int dir);
static bool match_word(pmatch *pm, const seq *s, const pelem *e, int pos, bool adj, int dir, bool nadj);
static bool match_set(pmatch *pm, const seq *s, const pelem *e, int pos, bool adj, int dir);

/* A first or second need (dict_first_needs, dict_second_needs, dict_alt_first_needs) is a word the
   sentence lacks. */
static inline bool absent(uint32_t need, const uint8_t *word, uint32_t nword, uint8_t gen)
{
    return need < nword && word[need] != gen;
}

/* Continue with the sequence after element s->i was matched and the text position moved to pos. */
static bool advance(pmatch *pm, const seq *s, int pos, bool adj, int dir)
{
    seq next = *s;
    next.i += dir;
    return match_from(pm, &next, pos, adj, dir);
}

static int live_mention(const coder *c, int m)
{
    if (m < 0 || c->m[m].dropped || c->m[m].kind == MK_AGENT) return -1;
    return m;
}

/* match_from's walk for an actor element: from p on (step dir, inside [lo, hi]), past elided tokens, the
   first token in a mention; with adj only the first token not elided may be it. Outside [lo, hi] when there
   is none. As next_word_from: a loop of its own, its values in registers. */
static inline __attribute__((always_inline)) int next_mention_from(const coder *c, int p, int dir, int lo, int hi,
                                                                  bool adj)
{
    const uint8_t *elided = c->elided;
    const int *in_mention = c->in_mention;
    int none = dir > 0 ? hi + 1 : lo - 1;
    if (hi < lo) return none;
    unsigned width = (unsigned)(hi - lo);   /* p inside [lo, hi]: (unsigned)(p - lo) <= width */
    if (adj) {
        while ((unsigned)(p - lo) <= width && elided[p]) p += dir;
        return (unsigned)(p - lo) <= width && in_mention[p] >= 0 ? p : none;
    }
    for (; (unsigned)(p - lo) <= width; p += dir)
        if (!elided[p] && in_mention[p] >= 0) return p;
    return none;
}

/* Try element s->i at text position pos (dir +1: forward, -1: backward). `adj`: it must sit exactly
   at pos; otherwise any later (earlier) position may be used. */
/* No real pattern needs more than a few thousand steps on a sentence; synsets that name each other
   over and over could need exponentially many. Past this budget the pattern simply does not match. */
#define MATCH_BUDGET 200000

static bool match_from(pmatch *pm, const seq *s, int pos, bool adj, int dir)
{
    coder *c = pm->c;
    if (++pm->steps > MATCH_BUDGET) return false;
    if (s->i < 0 || s->i >= s->n) {
        if (!s->up) return true;
        /* a set alternative is done: go on in the enclosing sequence */
        const seq *up = s->up;
        bool nadj = dir > 0 ? (up->i + 1 < up->n ? up->e[up->i + 1].adjacent : false) : up->e[up->i].adjacent;
        if (dir > 0 && up->i + 1 >= up->n) nadj = false;
        return advance(pm, up, pos, nadj, dir);
    }
    const pelem *e = &s->e[s->i];
    bool nadj_fwd = s->i + 1 < s->n ? s->e[s->i + 1].adjacent : false;
    bool nadj = dir > 0 ? nadj_fwd : e->adjacent;
    if (e->kind == PE_WORD) return match_word(pm, s, e, pos, adj, dir, nadj);
    if (e->kind == PE_SET) return match_set(pm, s, e, pos, adj, dir);
    bool actor = e->kind == PE_SOURCE || e->kind == PE_TARGET || e->kind == PE_COMPOUND || e->kind == PE_SKIP;
    if (!actor) return false;   /* ('*' in a set, say) the loop below would do nothing */
    /* only tokens in a mention can bind an actor: next_mention_from walks past the others */
    for (int p = pos; (p = next_mention_from(c, p, dir, pm->lo, pm->hi, adj)) >= pm->lo && p <= pm->hi; p += dir) {
        switch (e->kind) {
        case PE_SOURCE: case PE_TARGET: case PE_COMPOUND: case PE_SKIP: {
            int m = live_mention(c, c->in_mention[p]);
            if (m < 0) break;
            const mention *mm = &c->m[m];
            if ((dir > 0 && mm->first != p) || (dir < 0 && mm->last != p)) break;
            if (e->kind == PE_COMPOUND && mm->group < 0) break;
            int save_s = pm->source, save_t = pm->target;
            bool save_c = pm->compound;
            if (e->kind == PE_SOURCE) pm->source = m;
            else if (e->kind == PE_TARGET) pm->target = m;
            else if (e->kind == PE_COMPOUND) pm->compound = true, pm->source = m;
            int np = dir > 0 ? mm->last + 1 : mm->first - 1;
            if (advance(pm, s, np, nadj, dir)) { pm->score += 4; return true; }
            pm->source = save_s; pm->target = save_t; pm->compound = save_c;
            break;
        }
        default:
            break;
        }
        if (adj) break;
    }
    return false;
}

/* Token p is a word whose norm begins with byte b (any word when b is 0): the first letters tell most
   words apart without a call (word_matches_n compares them too). */
static inline __attribute__((always_inline)) bool word_begins(const token *t, const char *pool, int p, char b)
{
    return (t[p].kind == TOK_WORD || t[p].kind == TOK_NUMBER) && (!b || pool[t[p].norm] == b);
}

/* match_word's walk: from p on (step dir, inside [lo, hi]), past elided tokens, the first word_begins(b);
   with adj only the first token not elided may be it. Outside [lo, hi] when there is none. Loops of their
   own, one range test a token and no test of adj in them, so that their values stay in registers (the
   matcher around them calls out): ~10 instructions a token before, 7 now. */
static inline __attribute__((always_inline)) int next_word_from(const coder *c, int p, int dir, int lo, int hi,
                                                               char b, bool adj)
{
    const uint8_t *elided = c->elided;
    const token *t = c->tl.t;
    const char *pool = c->tl.pool;
    int none = dir > 0 ? hi + 1 : lo - 1;
    if (hi < lo) return none;
    unsigned width = (unsigned)(hi - lo);   /* p inside [lo, hi]: (unsigned)(p - lo) <= width */
    if (adj) {
        while ((unsigned)(p - lo) <= width && elided[p]) p += dir;
        return (unsigned)(p - lo) <= width && word_begins(t, pool, p, b) ? p : none;
    }
    if (b) {   /* b known not 0: the test of b out of the loop */
        for (; (unsigned)(p - lo) <= width; p += dir)
            if (!elided[p] && word_begins(t, pool, p, b)) return p;
        return none;
    }
    for (; (unsigned)(p - lo) <= width; p += dir)
        if (!elided[p] && word_begins(t, pool, p, 0)) return p;
    return none;
}

/* match_from for a word element: its own loop over the positions (the element's kind is not asked
   again at each one). Elided tokens are stepped over, even where the word must sit at pos. */
static bool match_word(pmatch *pm, const seq *s, const pelem *e, int pos, bool adj, int dir, bool nadj)
{
    const coder *c = pm->c;
    char b = e->len ? e->word[0] : 0;
    for (int p = pos; (p = next_word_from(c, p, dir, pm->lo, pm->hi, b, adj)) >= pm->lo && p <= pm->hi; p += dir) {
        if (word_matches_n(e->word, e->len, e->mode, norm(c, p), c->tl.t[p].norm_len, is_poss(c, p)) &&
            advance(pm, s, p + dir, nadj, dir)) {
            pm->score += 4;
            return true;
        }
        if (adj) break;
    }
    return false;
}

/* Can alternative a of set `set` (dictionary set index si) match the marked sentence at all? Its first
   word looked at here (most end there), then all it needs. The same at every position. */
static bool alt_viable(coder *c, const uint32_t *alt_first, int si, int a)
{
    if (alt_first && absent(alt_first[a], c->marks.mark, (uint32_t)c->marks.nword, c->marks.mark_gen)) return false;
    return !c->marked || dict_alt_possible(c->d, &c->marks, si, a);
}

/* match_from for a set element: each alternative, in order, at each position. Which alternatives can
   match at all does not depend on the position: the first 64 are worked out once, before the loop. */
static bool match_set(pmatch *pm, const seq *s, const pelem *e, int pos, bool adj, int dir)
{
    coder *c = pm->c;
    /* synsets may name each other, even in a loop ("&A = &B", "&B = &A"): stop at a depth no real
       dictionary reaches instead of recursing for ever */
    int depth = 0;
    for (const seq *q = s; q; q = q->up) depth++;
    if (depth > 8) return false;
    const phrase_set *set = &c->d->sets[e->set];
    const uint32_t *alt_first = c->marked ? dict_alt_first_needs(c->d, e->set) : NULL;
    uint64_t viable = 0;   /* bit a: alternative a (< 64) may match */
    bool any = false;
    for (int p = pos; p >= pm->lo && p <= pm->hi; p += dir) {
        if (c->elided[p]) continue;
        if (!any) {   /* first position reached: decide the alternatives now (none when no position is) */
            any = true;
            for (int a = 0; a < set->n && a < 64; a++)
                if (alt_viable(c, alt_first, e->set, a)) viable |= 1ull << a;
        }
        for (int a = 0; a < set->n; a++) {
            if (a < 64 ? !(viable >> a & 1) : !alt_viable(c, alt_first, e->set, a)) continue;
            seq inner = {set->alts[a].e, set->alts[a].n, dir > 0 ? 0 : set->alts[a].n - 1, s};
            if (match_from(pm, &inner, p, adj, dir)) { pm->score -= 1; return true; }   /* a literal beats a synset */
        }
        if (adj) break;
    }
    return false;
}

/* Does pattern vp fit the verb use v inside clause tokens [lo, hi]? */
static bool pattern_fits(coder *c, const verb_pattern *vp, const verb_use *v, int lo, int hi, pmatch *pm)
{
    pm->c = c;
    pm->source = pm->target = -1;
    pm->compound = false;
    pm->score = 0;
    pm->steps = 0;
    const pelem *e = vp->p.e;
    int va = vp->verb_at, n = vp->p.n;
    /* upper part: the elements before '*', matched backwards from the verb */
    if (va > 0) {
        pm->lo = lo; pm->hi = v->first - 1;
        seq up = {e, va, va - 1, NULL};
        if (!match_from(pm, &up, v->first - 1, e[va].adjacent, -1)) return false;
    }
    if (va + 1 < n) {
        int s = pm->source, t = pm->target;
        bool cp = pm->compound;
        pm->lo = v->last + 1; pm->hi = hi;
        seq low = {e + va + 1, n - va - 1, 0, NULL};
        bool ok = match_from(pm, &low, v->last + 1, e[va + 1].adjacent, +1);
        if (pm->source < 0) pm->source = s;
        if (pm->target < 0) pm->target = t;
        pm->compound = pm->compound || cp;
        if (!ok) return false;
    }
    return true;
}

/* ---- events ---- */

static bool participle_word(const coder *c, int i);

/* "killed", "beaten", "thrown", "shot", "shot dead": the verb's last (or first) word reads as a past
   participle */
static bool participle(const coder *c, const verb_use *v)
{
    return participle_word(c, v->last) || (v->first != v->last && participle_word(c, v->first));
}

/* in_list(norm(c, p), be_forms), from the word's class once the sentence's words are classed */
static bool be_form(const coder *c, int p)
{
    return c->marked && is_word(c, p) ? (c->fw[p] & FW_BE) != 0 : in_list(norm(c, p), be_forms);
}

static bool participle_word(const coder *c, int i)
{
    const char *w = norm(c, i);
    size_t n = c->tl.t[i].norm_len;   /* a verb's word: no NUL inside */
    /* the two last letters compared in place: a strcmp call each cost more than the test */
    char a = n > 3 ? w[n - 2] : 0, b = n > 3 ? w[n - 1] : 0;
    return (n > 3 && ((a == 'E' && (b == 'D' || b == 'N')) || (a == 'W' && b == 'N'))) ||
           (c->marked && is_word(c, i) ? (c->fw[i] & FW_IRREGULAR) != 0 : irregular_participle(w, n));
}

static bool passive_by(coder *c, const verb_use *v, int hi, int *agent)
{
    /* "by" right after the verb, or one word later: looked for first, since most verbs have neither and
       then need no "be" or participle test */
    int q1 = next_token(c, v->last);
    if (q1 < 0 || q1 > hi) return false;
    bool by1 = word_is(c, q1, "BY");
    int q2 = by1 ? -1 : next_token(c, q1);
    bool by2 = q2 >= 0 && q2 <= hi && word_is(c, q2, "BY");
    if (!by1 && !by2) return false;
    int p = prev_token(c, v->first);
    if (p >= 0 && !be_form(c, p)) p = prev_token(c, p);   /* "was fiercely opposed" */
    bool be = p >= 0 && is_word(c, p) && be_form(c, p);
    /* dyad style: "Six officials indicted by grand jury": a headline's participle needs no "was" when
       "by" follows it at once ("rejected accusations by the US" is active) */
    if (!be && !(c->opt->style == STYLE_DYAD && participle(c, v))) return false;
    int q = by1 ? q1 : be && by2 ? q2 : -1;   /* "opposed earlier by": after a "be" only */
    if (q < 0) return false;
    int m = next_token(c, q);
    if (m >= 0 && c->role[m] == R_DET) m = next_token(c, m);
    if (m < 0 || m > hi) return false;
    int mm = live_mention(c, c->mention_at[m]);
    if (mm < 0) return false;
    *agent = mm;
    return true;
}

static bool is_be(const coder *c, int p) { return p >= 0 && is_word(c, p) && be_form(c, p); }

/* "IS fighters attacked": a "be" (or the word after it) inside an actor's name makes no passive */
static bool in_actor_name(const coder *c, int be, int verb)
{
    for (int i = be; i < verb; i++)
        if (c->in_mention[i] >= 0 && !c->m[c->in_mention[i]].dropped) return true;
    return false;
}

/* "were killed", "was fiercely criticised" with no "by ...": a passive whose doer is not named. */
static bool passive_without_agent(coder *c, const verb_use *v, int hi)
{
    int p = prev_token(c, v->first);
    if (!is_be(c, p)) p = prev_token(c, p);
    if (!is_be(c, p) || in_actor_name(c, p, v->first)) return false;
    int agent;
    return participle(c, v) && !passive_by(c, v, hi, &agent);
}

typedef struct {
    int flags;          /* CF_DISCARD / CF_COMPLEX seen */
    int last_source;    /* subject carried over to the next clause */
    int dominant;       /* 1 + index of the first event of a dominant verb ([031!]); 0 none */
    size_t unnamed_from[8], unnamed_to[8];   /* the events of agentless passives (drop_unnamed_passives) */
    int nunnamed;
    /* a clause that coded nothing: its first actor is last_source, unless it has none; looked for only when
       last_source is read (carried_source), since most such clauses end their sentence (zero: none) */
    bool pending;
    int pending_lo, pending_hi;
} sentence_state;

static int first_mention_between(const coder *c, int from, int to, int src);

/* ss->last_source, once the pending clause's first actor (if any) is looked for. Mentions and elisions do
   not change while clauses are coded: the answer is the one the clause would have found at its end. */
static int carried_source(const coder *c, sentence_state *ss)
{
    if (ss->pending) {
        ss->pending = false;
        int clause_first = first_mention_between(c, ss->pending_lo, ss->pending_hi, -1);
        if (clause_first >= 0) ss->last_source = clause_first;
    }
    return ss->last_source;
}

/* Mark which interned pattern words occur in the sentence (once per sentence, when first needed). */
static void mark_words(coder *c)
{
    c->marked = true;
    dict_marks_begin(c->d, &c->marks);
    /* each word's function_word is kept in the token cache's note: worked out once per distinct word */
    dict_marks_sentence(c->d, &c->marks, &c->tl, c->tok_entry, c->fw, function_word);
}

/* Can the pattern fit at all? The words and sets it needs must occur somewhere in the sentence. */
static bool pattern_possible(coder *c, const verb_pattern *vp)
{
    if (!vp->nneed) return true;
    if (!c->marked) mark_words(c);
    /* most patterns fail on their first word: look at it here, without a call */
    uint32_t n0 = vp->need[0];
    if (!(n0 & NEED_SET) && n0 < c->marks.nword && c->marks.mark[n0] != c->marks.mark_gen) return false;
    return dict_needs_met(c->d, &c->marks, vp->need, vp->nneed);
}

static bool is_be(const coder *c, int p);
static bool participle(const coder *c, const verb_use *v);
static bool dyad_format(const origin *at);

/* dyad_format, asked for a verb of nearly every clause (~25,000 times on 3,000 stories): the answer
   for the file asked last is kept (files are interned: one pointer a file) */
static inline __attribute__((always_inline)) bool dyad_file(coder *c, const origin *at)
{
    if (at->file != c->format_file) c->format_file = at->file, c->format_dyad = dyad_format(at);
    return c->format_dyad;
}

/* dyad style: a passive whose object stands before the verb: "sanctions on Iran were lifted", or a
   headline's "Curfew lifted in Aleppo" (a participle after a plain word, no actor before it). */
static bool passive_object(const coder *c, const verb_use *v, int lo)
{
    if (c->opt->style != STYLE_DYAD || !participle(c, v)) return false;
    int p = prev_token(c, v->first);
    if (p < lo || p < 0) return false;
    if (is_be(c, p) || is_be(c, prev_token(c, p))) return true;
    if (!is_word(c, p) || c->role[p] == R_DET || c->verb_at[p] >= 0) return false;
    for (int i = lo; i < v->first; i++)
        if (!c->elided[i] && live_mention(c, c->in_mention[i]) >= 0) return false;
    return true;
}

/* Can pattern vp be fitted to a passive: "* object words", words and sets only after the verb? */
static bool passive_shape(const verb_pattern *vp)
{
    if (vp->verb_at != 0 || vp->p.n < 2) return false;
    for (int k = 1; k < vp->p.n; k++)
        if (vp->p.e[k].kind != PE_WORD && vp->p.e[k].kind != PE_SET) return false;
    return true;
}

/* A pattern "* object words" fitted to a passive: the words are looked for before the verb. */
static bool passive_pattern_fits(coder *c, const verb_pattern *vp, const verb_use *v, int lo, pmatch *pm)
{
    const pelem *e = vp->p.e;
    int n = vp->p.n;
    if (!passive_shape(vp)) return false;
    pm->c = c;
    pm->source = pm->target = -1;
    pm->compound = false;
    pm->score = 0;
    pm->steps = 0;
    pm->lo = lo;
    pm->hi = v->first - 1;
    seq words = {e + 1, n - 1, 0, NULL};
    return match_from(pm, &words, lo, false, +1);
}

/* A first need that is a set already found impossible in this sentence (the marks' memo, which
   dict_needs_met fills): many patterns start with a synset, and would each ask again. */
static inline bool set_ruled_out(const coder *c, uint32_t need)
{
    uint32_t s = need & ~(uint32_t)NEED_SET;
    return (need & NEED_SET) && s < c->marks.nset && c->marks.set[s] == c->marks.gen && !c->marks.set_ok[s];
}

/* Pattern vp, when it fits better than *win (the earlier wins a tie), becomes *win with its match in *best.
   *shaped: set when vp is possible and has a passive's shape (the passive search can only pick such a one). */
static inline void try_possible(coder *c, const verb_pattern *vp, const verb_use *v, int lo, int hi,
                                const verb_pattern **win, pmatch *best, bool *shaped)
{
    pmatch pm;
    if (!*shaped && passive_shape(vp)) *shaped = true;
    if (!pattern_fits(c, vp, v, lo, hi, &pm)) return;
    /* the earlier pattern wins a tie: patterns come in order, except from dict_verb_candidates_any */
    if (!*win || pm.score > best->score || (pm.score == best->score && vp < *win)) { *win = vp; *best = pm; }
}

static inline void try_pattern(coder *c, const verb_pattern *vp, const verb_use *v, int lo, int hi,
                               const verb_pattern **win, pmatch *best, bool *shaped)
{
    if (pattern_possible(c, vp)) try_possible(c, vp, v, lo, hi, win, best, shaped);
}

/* pattern_possible for pattern k of a verb that passed its looks, from its span of needs in the pool
   (dict_verb_need_spans) rather than from the pattern: most that pass the looks fail here (TABARI's set:
   ~350,000 of ~450,000 on Reuters), and the pattern itself is then never read. The marks are sized (the
   looks are only given then), so dict_needs_met decides as pattern_possible would. */
static inline bool span_possible(coder *c, const uint32_t *pool, const dict_need_span *spans, int k)
{
    dict_need_span sp = spans[k];
    /* the first need read here, where dict_needs_met reads it too, not from dict_first_needs' array: one
       cache miss a pattern that passes its looks instead of two */
    return !sp.n || (!set_ruled_out(c, pool[sp.at]) && dict_needs_met(c->d, &c->marks, pool + sp.at, (int)sp.n));
}

/* The first pattern's looks at or after p (pairs, up to end) that the sentence has both of, end when
   none: the scan over all of a verb's patterns, where most fail their first look. Apart from best_pattern
   so that the loop keeps its values in registers (inline there, gcc left `look` on the stack: eight
   instructions a failing pattern, not five). Over look16 (the two longest word needs in 16 bits: half the
   bytes to stream, fewer patterns pass, and the pair after the verb's last passes, so that the loop has no
   bound to test: three instructions a failing pattern) and, for dictionaries of more words, over look. */
static inline __attribute__((always_inline)) const uint16_t *next_looks_met16(const uint8_t *word, uint8_t gen,
                                                                              const uint16_t *p)
{
    while (word[p[0]] != gen || word[p[1]] != gen) p += 2;   /* the verb's end pair passes: no bound */
    return p;
}

static inline __attribute__((always_inline)) const uint32_t *next_looks_met(const uint8_t *word, uint8_t gen,
                                                                            const uint32_t *p, const uint32_t *end)
{
    for (; p < end; p += 2)
        if (word[p[0]] == gen && word[p[1]] == gen) break;
    return p;
}

/* The best pattern of the verb, or NULL for the root's own code. */
static const verb_pattern *best_pattern(coder *c, const verb_use *v, int lo, int hi, pmatch *best)
{
    const verb_entry *ve = &c->d->verbs[v->entry];
    const verb_pattern *win = NULL;
    if (!c->marked) mark_words(c);
    if (!ve->npats) return NULL;   /* the root's own code: no pattern to try, no passive search */
    /* pattern_possible's first looks, from the compact arrays: most patterns end here. A verb with many
       patterns: only those whose key word the sentence has, in no order (try_pattern breaks ties by the index) */
    dict_verb_view view;
    size_t listed = dict_verb_scan_view(c->d, &c->marks, v->entry, &view, &c->cand, &c->capcand);
    const uint32_t *first = view.first, *look = view.look, *pool = view.pool;
    const dict_need_span *spans = view.spans;
    bool shaped = false;   /* try_pattern: a possible pattern of a passive's shape was seen */
    const uint8_t *word = c->marks.mark, gen = c->marks.mark_gen;
    if (listed != SIZE_MAX) {
        /* a listed pattern's key is its longest word need (present), look16's first: its second is the test */
        const uint16_t *l16 = view.look16;
        for (size_t j = 0; l16 && j < listed; j++) {
            int k = (int)c->cand[j];
            if (word[l16[2 * k + 1]] == gen && span_possible(c, pool, spans, k))
                try_possible(c, &ve->pats[k], v, lo, hi, &win, best, &shaped);
        }
        for (size_t j = 0; !l16 && j < listed; j++) {   /* a dictionary of 65,535 words or more */
            int k = (int)c->cand[j];
            if (word[look[2 * k]] == gen && word[look[2 * k + 1]] == gen && span_possible(c, pool, spans, k))
                try_possible(c, &ve->pats[k], v, lo, hi, &win, best, &shaped);
        }
    } else if (first) {
        /* the first looks with no test before them (look: id n for none) */
        const uint16_t *l16 = view.look16;
        if (l16) {
            for (const uint16_t *p = l16, *end = l16 + 2 * (size_t)ve->npats; (p = next_looks_met16(word, gen, p)) < end;
                 p += 2) {
                int k = (int)((size_t)(p - l16) / 2);
                if (span_possible(c, pool, spans, k))
                    try_possible(c, &ve->pats[k], v, lo, hi, &win, best, &shaped);
            }
        } else {
            for (const uint32_t *p = look, *end = look + 2 * (size_t)ve->npats; (p = next_looks_met(word, gen, p, end)) < end;
                 p += 2) {
                int k = (int)((size_t)(p - look) / 2);
                if (span_possible(c, pool, spans, k))
                    try_possible(c, &ve->pats[k], v, lo, hi, &win, best, &shaped);
            }
        }
    } else {
        for (int k = 0; k < ve->npats; k++) try_pattern(c, &ve->pats[k], v, lo, hi, &win, best, &shaped);
    }
    /* dyad's own format only: other verb files write their passives as patterns, and are large. The passive
       search picks a pattern of a passive's shape whose needs are met: the scan above asked pattern_possible
       of every pattern that can pass those looks, so with none (`shaped` false) there is nothing to find. */
    bool passive = !win && shaped && dyad_file(c, &ve->at) && passive_object(c, v, lo);
    if (passive && !c->marked) mark_words(c);
    for (int k = 0; passive && !win && k < ve->npats; k++) {
        pmatch pm;
        const verb_pattern *vp = &ve->pats[k];
        if (first && (word[look[2 * k]] != gen || word[look[2 * k + 1]] != gen)) continue;
        /* the pattern's shape before its other needs: passive_pattern_fits rejects the others at once */
        if (!passive_shape(vp)) continue;
        if (vp->nneed && !dict_needs_met(c->d, &c->marks, vp->need, vp->nneed)) continue;
        if (!passive_pattern_fits(c, vp, v, lo, &pm)) continue;
        if (!win || pm.score > best->score) { win = vp; *best = pm; }
    }
    return win;
}

static const verb_pattern *best_pattern_in(coder *c, const verb_use *v, int lo, int hi)
{
    pmatch pm;
    return best_pattern(c, v, lo, hi, &pm);
}

/* Can one of the verb's [###] patterns be best_pattern_in's answer over the whole sentence? Only if
   one of them fits, or if the passive search (which may pick any pattern) would run. */
static bool discard_may_win(coder *c, const verb_use *v)
{
    const verb_entry *ve = &c->d->verbs[v->entry];
    size_t n;
    const uint32_t *list = dict_verb_discard_patterns(c->d, v->entry, &n);
    if (!list || (ve->npats && dyad_file(c, &ve->at) && passive_object(c, v, 0))) return true;
    for (size_t j = 0; j < n; j++) {
        pmatch pm;
        const verb_pattern *vp = &ve->pats[list[j]];
        if (pattern_possible(c, vp) && pattern_fits(c, vp, v, 0, (int)c->tl.n - 1, &pm)) return true;
    }
    return false;
}


/* Pseudo-mentions: the options' default actors, and a compound member taken on its own
   (split_compound) as mention index + ALONE. */
enum { DEFAULT_SOURCE = -2, DEFAULT_TARGET = -3, NO_TARGET = -4, NO_SOURCE = -5, ALONE = 1 << 20 };

/* One actor of an event: its code (a mention can stand for several: "[FRO/BIL/SAM]") and mention. */
typedef struct {
    char code[ACTOR_CODE_MAX];
    int m;
} actor_ref;

static int resolve(const coder *c, int m)
{
    if (m >= ALONE) m -= ALONE;
    if (m >= 0 && c->m[m].kind == MK_PRONOUN) m = c->m[m].refers;
    return m;
}

/* The flags (CF_DISCARD, CF_COMPLEX) of one part of a code: "###", "+++". */
static int part_flags(const char *part, size_t len)
{
    if (len != 3 || part[0] != part[1] || part[1] != part[2]) return 0;
    return part[0] == '#' ? CF_DISCARD : part[0] == '+' ? CF_COMPLEX : 0;
}

/* The parts of mention m's code ("FRO/BIL/SAM") from out[n] on, at most up to out[max - 1]; returns the
   new count. out NULL: nothing is copied, and the parts' flags are or-ed into *flags instead
   (code_flags_of: the same parts expand would copy, without the copies). */
static int add_codes(const coder *c, int m, actor_ref *out, int n, int max, int *flags)
{
    const char *code = c->m[m].code;   /* a mention's code is shorter than ACTOR_CODE_MAX: so is each part */
    while (*code && n < max) {
        size_t len = 0;   /* up to the next '/' or the end: one pass, no strchr + strlen (+ memcpy) calls */
        if (out)
            for (; code[len] && code[len] != '/'; len++) out[n].code[len] = code[len];
        else
            while (code[len] && code[len] != '/') len++;
        if (len && len < ACTOR_CODE_MAX) {
            if (out) {
                out[n].code[len] = 0;
                out[n].m = m;
            } else {
                *flags |= part_flags(code, len);
            }
            n++;
        }
        code += len + (code[len] == '/');
    }
    return n;
}

/* The actors a mention stands for: itself, its compound's members, or what a pronoun refers to.
   out NULL: add_codes' flags only, into *flags. */
static int expand_into(const coder *c, int m, actor_ref *out, int max, int *flags)
{
    if (m == DEFAULT_SOURCE || m == DEFAULT_TARGET || m == NO_TARGET || m == NO_SOURCE) {
        const char *code = m == DEFAULT_SOURCE ? c->opt->default_source : m == DEFAULT_TARGET ? c->opt->default_target : "---";
        if (out) {
            code_copy(out[0].code, sizeof out[0].code, code, NULL);
            out[0].m = -1;
        } else if (max > 0) {
            *flags |= part_flags(code, strlen(code));   /* code_copy keeps all of a code of 3 */
        }
        return max > 0;
    }
    if (m >= ALONE) return add_codes(c, m - ALONE, out, 0, max, flags);
    m = resolve(c, m);
    if (m < 0) return 0;
    if (c->m[m].group < 0) return add_codes(c, m, out, 0, max, flags);
    int n = 0;
    for (size_t k = 0; k < c->nm; k++)
        if (!c->m[k].dropped && c->m[k].group == c->m[m].group && c->m[k].kind == MK_ACTOR)
            n = add_codes(c, (int)k, out, n, max, flags);
    return n;
}

static int expand(const coder *c, int m, actor_ref *out, int max) { return expand_into(c, m, out, max, NULL); }

static span mention_span(const coder *c, int m)
{
    span s = {c->tl.t[c->m[m].first].start, c->tl.t[c->m[m].last].end};
    return s;
}

static void emit(coder *c, event_list *out, const story *st, int sentence_no, span sent, const actor_ref *src,
                 const actor_ref *tgt, const char *code, const verb_use *v, const verb_pattern *vp)
{
    for (size_t k = c->first_event; k < out->n; k++) {
        const event *e = &out->e[k];
        if (e->sentence == sentence_no && e->story == st && !strcmp(e->source, src->code) && !strcmp(e->target, tgt->code) &&
            !strcmp(e->code, code))
            return;   /* the same event twice in one sentence is one event */
    }
    GROW(out->e, out->cap, out->n);
    event *e = &out->e[out->n++];
    memset(e, 0, sizeof *e);
    e->story = st;
    e->sentence = sentence_no;
    e->sent = sent;
    code_copy(e->source, sizeof e->source, src->code, NULL);
    code_copy(e->target, sizeof e->target, tgt->code, NULL);
    code_copy(e->code, sizeof e->code, code, NULL);
    if (src->m >= 0) e->source_span = mention_span(c, src->m);
    if (tgt->m >= 0) e->target_span = mention_span(c, tgt->m);
    e->verb_span = (span){c->tl.t[v->first].start, c->tl.t[v->last].end};
    const verb_entry *ve = &c->d->verbs[v->entry];
    e->pattern = vp ? vp->text : ve->text;
    e->pattern_where = vp ? vp->at.file : ve->at.file;
    e->pattern_line = vp ? vp->at.line : ve->at.line;
    e->issues = c->issue;
    e->date = st->date;
    TRACE("event %s %s %s (%s)\n", src->code, tgt->code, code, e->pattern);
}

/* A state's code starts with its three-letter country ("EGY", "EGYGOV"); IGOs, "---" and groups don't. */
static bool country_of(const char *code)
{
    return is_upper(code[0]) && is_upper(code[1]) && is_upper(code[2]) && strncmp(code, "IGO", 3) != 0 &&
           strncmp(code, "NGO", 3) != 0 && strncmp(code, "NGM", 3) != 0 && strncmp(code, "IMG", 3) != 0;
}

static bool after_locative(const coder *c, int m)
{
    int p = prev_token(c, c->m[m].first);
    if (p >= 0 && c->role[p] == R_DET) p = prev_token(c, p);
    return p >= 0 && is_word(c, p) &&
           in_list(norm(c, p), (const char *const[]){"IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", NULL});
}

/* "rioted in Harare": the place's preposition comes right after a verb, with no object between */
static bool locative_after_verb(const coder *c, int m)
{
    int p = prev_token(c, c->m[m].first);
    if (p >= 0 && c->role[p] == R_DET) p = prev_token(c, p);
    p = prev_token(c, p);
    for (size_t k = 0; p >= 0 && k < c->nv; k++)
        if (!c->v[k].dropped && c->v[k].first <= p && p <= c->v[k].last) return true;
    return false;
}

/* The state itself or its organs (government, forces, police, courts, parliament): their acts in a
   place of their own country fall on its people ("the junta imposed a curfew in Yangon"). */
static bool state_actor(const char *code)
{
    static const char *const organs[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", NULL};
    return country_of(code) && (code[3] == 0 || in_list(code + 3, organs));
}

/* dyad style: "Egypt arrested the opposition leader": a state's own institutions named without a country
   (opposition, government, parliament, elites) belong to the state acting on them. Judges and
   journalists keep no country: courts abroad and foreign correspondents are news too. */
static void lone_takes_country(const coder *c, const actor_ref *src, actor_ref *tgt)
{
    static const char *const domestic[] = {"OPP", "GOV", "LEG", "ELI", NULL};
    /* "Al-Shabaab fighters massacred civilians": people attacked by a country's own rebels are that
       country's (a state's forces may act abroad, so they are left out) */
    static const char *const people[] = {"CVL", "EDU", "REL", "LAB", NULL};
    if (c->opt->style != STYLE_DYAD || strncmp(tgt->code, "---", 3) != 0 || !country_of(src->code)) return;
    bool rebel_source = strlen(src->code) >= 6 && (!strncmp(src->code + 3, "REB", 3) || !strncmp(src->code + 3, "UAF", 3));
    if (!in_list(tgt->code + 3, domestic) && !(rebel_source && in_list(tgt->code + 3, people))) return;
    char code[ACTOR_CODE_MAX];
    snprintf(code, sizeof code, "%.3s%s", src->code, tgt->code + 3);
    if (!strcmp(code, src->code)) return;   /* "the government criticised officials": not itself */
    memcpy(tgt->code, code, sizeof code);
}

/* "he was captured in Pakistan": neither doer nor victim is an actor, yet the event happened */
static bool unnamed_pair(const actor_ref *src, const actor_ref *tgt)
{
    return src->m < 0 && tgt->m < 0 && code_is3(src->code, "---") && code_is3(tgt->code, "---");
}

/* dyad style: "three soldiers were killed in Najaf": a victim with no country, of a doer not named,
   is of the country of the place it happened (a place after "in", "at", "near" coded as a country);
   only for force (CAMEO 17-20): a statement "in Canada" is not about Canadians */
static bool force_code(const char *code)
{
    return (code[0] == '1' && code[1] >= '7' && code[1] <= '9') || (code[0] == '2' && code[1] == '0');
}

/* Protest, a show of force or force (CAMEO 14-20): the events that still happened when no actor is named */
static bool protest_or_force(const char *code)
{
    return force_code(code) || !strncmp(code, "14", 2) || !strncmp(code, "15", 2);
}

static void lone_takes_place(const coder *c, const actor_ref *src, actor_ref *tgt, const char *code_of_event)
{
    if (c->opt->style != STYLE_DYAD || !code_is3(src->code, "---") || strncmp(tgt->code, "---", 3) != 0 ||
        !tgt->code[3] || !force_code(code_of_event))
        return;
    for (size_t k = 0; k < c->nm; k++) {
        const mention *m = &c->m[k];
        if (m->dropped || m->kind != MK_ACTOR || strlen(m->code) != 3 || !country_of(m->code) || !after_locative(c, (int)k))
            continue;
        char code[ACTOR_CODE_MAX];
        snprintf(code, sizeof code, "%.3s%s", m->code, tgt->code + 3);
        memcpy(tgt->code, code, sizeof code);
        return;
    }
}

static void emit_pairs(coder *c, event_list *out, const story *st, int sno, span sent, int src, int tgt,
                       const event_code *ec, bool symmetric, const verb_use *v, const verb_pattern *vp)
{
    actor_ref ss[32], tt[32];
    int ns = expand(c, src, ss, 32), nt = expand(c, tgt, tt, 32);
    /* dyad style: "the foreign ministry said China harassed its fishing boats": what "its" owns is the
       state's, not its ministry's */
    if (c->opt->style == STYLE_DYAD && tgt >= 0 && tgt < ALONE && c->m[tgt].kind == MK_PRONOUN &&
        word_is(c, c->m[tgt].first, "ITS"))
        for (int j = 0; j < nt; j++)
            if (country_of(tt[j].code)) tt[j].code[3] = 0;
    if (ns == 1)
        for (int j = 0; j < nt; j++) {
            lone_takes_country(c, &ss[0], &tt[j]);
            lone_takes_place(c, &ss[0], &tt[j], ec->code);
        }
    if (symmetric) {
        /* "%": every pair inside the compound; with a paired code, (a,b) gets the first code and
           (b,a) the second */
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < ns; j++) {
                if (!strcmp(ss[i].code, ss[j].code)) continue;
                if (ec->code2[0] && i > j) continue;
                emit(c, out, st, sno, sent, &ss[i], &ss[j], ec->code, v, vp);
                if (ec->code2[0]) emit(c, out, st, sno, sent, &ss[j], &ss[i], ec->code2, v, vp);
            }
        return;
    }
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < nt; j++) {
            if (!strcmp(ss[i].code, tt[j].code) && !unnamed_pair(&ss[i], &tt[j])) continue;   /* no actor does something to itself */
            emit(c, out, st, sno, sent, &ss[i], &tt[j], ec->code, v, vp);
            if (ec->code2[0]) emit(c, out, st, sno, sent, &tt[j], &ss[i], ec->code2, v, vp);
        }
}

static bool one_code(const coder *c, int m);

/* A referent: the mention, or its compound. */
static long referent(const coder *c, int m)
{
    if (m < 0) return m;
    m = resolve(c, m);
    if (m < 0) return -1;
    return c->m[m].group >= 0 ? 1000000L + c->m[m].group : m;
}

static const char *single_code(const coder *c, int m);

/* Should `cand` be passed over as the target of `src`? The same single actor, or a pronoun that
   points back at the source ("its dealings", "assist them"), unless the source is named and the
   pronoun is plural ("presented their credentials" after a compound). */
static bool same_as_source(const coder *c, int cand, int src)
{
    if (src < 0 || cand < 0) return false;
    actor_ref a[4], b[4];
    /* most often one code on each side (single_code): read in place, not copied out by expand; a0 and b0
       are the first codes either way */
    const char *a0 = single_code(c, cand), *b0 = a0 ? single_code(c, src) : NULL;
    int na = 1, nb = 1;
    if (!b0) {
        na = expand(c, cand, a, 4), nb = expand(c, src, b, 4);
        a0 = a[0].code, b0 = b[0].code;   /* read only when na (nb) is at least 1 */
    }
    if (na == 1 && nb == 1 && !strcmp(a0, b0)) return true;
    /* dyad style: "the White House and the US State Department": a compound of one state is that state */
    if (c->opt->style == STYLE_DYAD && na == 1 && nb > 1 && !strcmp(a0, b0) && one_code(c, src)) return true;
    /* dyad style: "supporters in Zimbabwe rioted in Harare": a place of the source's own country
       after "in"/"at"/"near" is where it happened, not what it was done to */
    if (c->opt->style == STYLE_DYAD && na == 1 && nb >= 1 && strlen(a0) == 3 && country_of(a0) &&
        country_of(b0) && !strncmp(a0, b0, 3) && after_locative(c, cand) &&
        (!state_actor(b0) || locative_after_verb(c, cand)))
        return true;
    /* dyad style: "India deployed additional troops to Ladakh": forces with no country, moved by a
       state, are its own */
    if (c->opt->style == STYLE_DYAD && na == 1 && nb >= 1 && !strcmp(a0, "---MIL") && country_of(b0))
        return true;
    if (c->m[cand].kind != MK_PRONOUN || referent(c, cand) != referent(c, src)) return false;
    const char *w = norm(c, c->m[cand].first);
    bool plural = !strcmp(w, "THEIR");
    int s0 = src >= ALONE ? src - ALONE : src;
    if (c->opt->style == STYLE_DYAD) return true;
    return !(plural && s0 >= 0 && c->m[s0].kind != MK_PRONOUN);
}

static bool usable(const coder *c, int m)
{
    return m >= 0 && !(c->m[m].kind == MK_PRONOUN && c->m[m].refers < 0) && !c->m[m].own;
}

static int first_mention_between(const coder *c, int from, int to, int src)
{
    for (int i = from < 0 ? 0 : from; i <= to; i++) {
        if (c->mention_at[i] < 0 || c->elided[i]) continue;   /* most tokens start no mention */
        int m = live_mention(c, c->mention_at[i]);
        if (!usable(c, m) || (src >= 0 && (m == src || same_as_source(c, m, src)))) continue;
        return m;
    }
    return -1;
}

static int last_mention_between(const coder *c, int from, int to, int src)
{
    for (int i = to; i >= from && i >= 0; i--) {
        if (c->elided[i]) continue;
        int m = live_mention(c, c->in_mention[i]);
        if (m < 0 || c->m[m].last != i || !usable(c, m)) continue;
        if (src >= 0 && (m == src || same_as_source(c, m, src))) continue;
        return m;
    }
    return -1;
}

/* Whether an actor m stands for is coded [###] or [+++]: what expand(c, m, x, 32) lists, compared
   part by part without copying the parts. */
static const char *single_code(const coder *c, int m);

static void code_flags_of(const coder *c, int m, sentence_state *ss)
{
    const char *one = single_code(c, m);   /* most often one code: its own flags */
    if (one) {
        if (one[0] && one[1] && one[2] && !one[3]) ss->flags |= part_flags(one, 3);
        return;
    }
    int flags = 0;
    expand_into(c, m, NULL, 32, &flags);
    ss->flags |= flags;
}

/* NOT, NEVER, NO, or ending in N'T ("DIDN'T"; not "N'T" alone): by length, without strcmp calls */
static inline bool negation_word_n(const char *w, size_t n)
{
    return (n == 2 && w[0] == 'N' && w[1] == 'O') || (n == 3 && !memcmp(w, "NOT", 3)) || (n == 5 && !memcmp(w, "NEVER", 5)) ||
           (n > 3 && w[n - 3] == 'N' && w[n - 2] == '\'' && w[n - 1] == 'T');
}

static bool negation_word(const char *w) { return negation_word_n(w, strlen(w)); }

/* "did not attack", "hasn't met", "will never recognise": a negation among the three words before the
   verb (dyad style: no event, unless a pattern says what the negated verb means). */
static bool negated(const coder *c, const verb_use *v, int lo)
{
    int p = v->first;
    for (int k = 0; k < 3; k++) {
        p = prev_token(c, p);
        if (p < lo || p < 0 || !is_word(c, p)) return false;
        /* a word's norm_len is its strlen: the tokenizer ends a word at a NUL (test_clause_shortcuts) */
        if (negation_word_n(norm(c, p), c->tl.t[p].norm_len)) return true;
        if (live_mention(c, c->in_mention[p]) >= 0) return false;
    }
    return false;
}

/* dyad style: "will send aid", "would release the prisoners", "plans to meet": a verb under a future or
   intention word (up to three words before it, no actor between). */
static bool future_verb(const coder *c, const verb_use *v, int lo)
{
    static const char *const future[] = {"WILL", "WOULD", "SHALL", "'LL", NULL};
    static const char *const intend[] = {"PLAN", "PLANS", "PLANNED", "PLANNING", "INTEND", "INTENDS", "INTENDED",
                                         "READY", "WILLING", "PREPARED", NULL};
    int p = v->first;
    for (int k = 0; k < 3; k++) {
        p = prev_token(c, p);
        if (p < lo || p < 0 || !is_word(c, p) || live_mention(c, c->in_mention[p]) >= 0) return false;
        /* the list's words start with W, S or an apostrophe: others are ruled out without the call */
        const char *w = norm(c, p);
        if ((w[0] == 'W' || w[0] == 'S' || w[0] == '\'') && in_list(w, future)) return true;
        if (word_is(c, p, "TO")) {
            int q = prev_token(c, p);
            return q >= lo && q >= 0 && is_word(c, q) && in_list(norm(c, q), intend);
        }
    }
    return false;
}

/* Was the entry read from a file in dyad's own format? */
static bool dyad_format(const origin *at)
{
    size_t n = at->file ? strlen(at->file) : 0;
    return n > 5 && !strcmp(at->file + n - 5, ".dyad");
}

/* What intending a cooperative act codes (CAMEO 03): meeting (04) -> 036, material cooperation (06) ->
   031x, aid (07) -> 033x, yielding (08) -> 034x/035x. Other roots keep their code (a verb of force
   under "will" is no event of its own kind in CAMEO, and threats are coded by their own verbs). */
static bool intent_code(const char *code, char out[EVENT_CODE_MAX])
{
    static const char *const table[][2] = {
        {"04", "036"}, {"060", "031"}, {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"},
        {"070", "033"}, {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"075", "033"},
        {"080", "035"}, {"081", "0351"}, {"082", "0352"}, {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"},
        {"0834", "0344"}, {"083", "034"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"}, {"087", "0356"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!strncmp(code, table[i][0], strlen(table[i][0]))) {
            snprintf(out, EVENT_CODE_MAX, "%s", table[i][1]);
            return true;
        }
    return false;
}

static bool phrase_has_negation(const dict *d, const pelem *e, int n, int depth)
{
    for (int i = 0; i < n; i++) {
        if (e[i].kind == PE_WORD && negation_word(e[i].word)) return true;
        if (e[i].kind == PE_SET && depth < 4) {
            const phrase_set *set = &d->sets[e[i].set];
            for (int a = 0; a < set->n; a++)
                if (phrase_has_negation(d, set->alts[a].e, set->alts[a].n, depth + 1)) return true;
        }
    }
    return false;
}

static bool pattern_has_negation(const dict *d, const verb_pattern *vp)
{
    return phrase_has_negation(d, vp->p.e, vp->verb_at, 0);
}

/* dyad style: no actor at all before the verb ("a roadside bomb killed ..."), so its doer is unknown;
   a pronoun with nothing to stand for or a name coded as no actor ("Mr Nobody") is a doer left uncoded. */
static bool doer_unnamed(const coder *c, int lo, const verb_use *v)
{
    for (size_t k = 0; k < c->nm; k++) {
        const mention *m = &c->m[k];
        if (m->first < lo || m->first >= v->first || c->elided[m->first]) continue;
        if (m->kind == MK_PRONOUN || (m->kind == MK_ACTOR && (!m->code[0] || code_is3(m->code, "---")))) return false;
    }
    return true;
}

/* "In March, they captured Abu Zubaydah in Pakistan": "they" or "he" standing for no actor (none
   before it, none carried over) is people unnamed, the doer of force, its show or protest (CAMEO
   14-20); other events ("they expect sales in Japan to rise") are not worth an unnamed doer, nor is
   "it", which stands for an actor (a state, a group) the text has not given */
static bool orphan_pronoun_doer(const coder *c, int lo, const verb_use *v, const char *code)
{
    if (!protest_or_force(code)) return false;
    bool orphan = false;
    for (size_t k = 0; k < c->nm; k++) {
        const mention *m = &c->m[k];
        if (m->first < lo || m->first >= v->first || c->elided[m->first]) continue;
        if (m->kind != MK_PRONOUN || !m->dropped || word_is(c, m->first, "IT") || word_is(c, m->first, "ITS")) return false;
        orphan = true;
    }
    return orphan;
}

/* "Palestinians demonstrated in the Gaza Strip and the West Bank": a target that is only the source
   itself (its own places) leaves the event with no target rather than with no event */
/* The one code mention m stands for, when it is a single mention whose code has one part ("EGYGOV", not
   "FRO/BIL", not a compound or a default): expand would give exactly it. NULL otherwise. */
static const char *single_code(const coder *c, int m)
{
    if (m == NO_SOURCE || m == NO_TARGET) return "---";
    if (m >= ALONE) m -= ALONE;
    else if (m >= 0 && (m = resolve(c, m)) >= 0 && c->m[m].group >= 0) return NULL;
    if (m < 0) return NULL;
    const char *code = c->m[m].code;
    for (const char *q = code; *q; q++)
        if (*q == '/') return NULL;
    return code[0] ? code : NULL;
}

static bool only_itself(const coder *c, int src, int tgt)
{
    if (src < 0 && src != NO_SOURCE) return false;
    if (tgt < 0) return false;
    /* most often one code on each side: compared without expanding both into 32 copies */
    const char *one_s = single_code(c, src), *one_t = one_s ? single_code(c, tgt) : NULL;
    if (one_t) return !strcmp(one_s, one_t);
    actor_ref s[32], t[32];
    int ns = expand(c, src, s, 32), nt = expand(c, tgt, t, 32);
    for (int j = 0; j < nt; j++) {
        bool found = false;
        for (int i = 0; i < ns && !found; i++) found = !strcmp(s[i].code, t[j].code);
        if (!found) return false;
    }
    return nt > 0;
}

/* dyad style: "paid his respects to a soldier killed in Afghanistan": a participle right after an
   actor that is the object of an earlier verb, and followed by no object of its own, is a passive
   with no "be" (a reduced relative clause); returns that actor, or -1 */
static int reduced_relative(const coder *c, int lo, const verb_use *v)
{
    static const char *const after[] = {"IN", "ON", "AT", "NEAR", "DURING", "OUTSIDE", "INSIDE", "AFTER", "WHEN",
                                        "WHILE", "LAST", "EARLIER", "YESTERDAY", ",", ".", NULL};
    int p = prev_token(c, v->first), q = next_token(c, v->last);
    if (p < lo || !participle(c, v) || q < 0 || !in_list(norm(c, q), after)) return -1;
    int m = live_mention(c, c->in_mention[p]);
    if (m < 0 || c->m[m].last != p || c->m[m].kind != MK_ACTOR) return -1;
    /* the object of a preposition ("to a soldier", "of civilians"), not a subject after "that" */
    static const char *const preps[] = {"TO", "OF", "FOR", "WITH", "AGAINST", "AMONG", "FROM", "ABOUT", "INCLUDING", NULL};
    int b = prev_token(c, c->m[m].first);
    while (b >= lo && (c->role[b] == R_DET || c->tl.t[b].kind == TOK_NUMBER)) b = prev_token(c, b);
    if (b < lo || !is_word(c, b) || !in_list(norm(c, b), preps)) return -1;
    for (int i = b - 1; i >= lo; i--)
        if (live_verb_at(c, i)) return m;
    return -1;
}

/* dyad style, a passive with no "by ...": its subject is the victim and the doer is "---" ("he was
   captured in Pakistan": neither is an actor). An actor after the verb other than a place ("was
   criticized over its dispute with Eriador") keeps PETRARCH's reading: subject -> that actor. */
/* Can w be one of names_a_place's prepositions (IN AT NEAR ALONG INSIDE ACROSS OUTSIDE)? By its length and
   first letter: the list is read for few words (codes_nothing asks of every word of the sentence) */
static bool may_be_locative(const token *t, const char *w)
{
    switch (t->norm_len) {
    case 2: return w[0] == 'I' || w[0] == 'A';
    case 4: return w[0] == 'N';
    case 5: return w[0] == 'A';
    case 6: return w[0] == 'I' || w[0] == 'A';
    case 7: return w[0] == 'O';
    default: return false;
    }
}

/* Does the clause name where it happened: "in", "at", "near"... then, within a few words, a capitalised
   name that is no month or weekday ("in Kabul", "near the Syrian border town of Azaz")? */
static bool names_a_place(const coder *c, int lo, int hi)
{
    static const char *const locative[] = {"IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "ALONG", NULL};
    static const char *const not_places[] = {"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
        "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
        "FRIDAY", "SATURDAY", "SUNDAY", NULL};
    for (int p = lo < 0 ? 0 : lo; p < hi && p + 1 < (int)c->tl.n; p++) {
        if (!may_be_locative(&c->tl.t[p], norm(c, p)) || !is_word(c, p) || !in_list(norm(c, p), locative)) continue;
        /* the name may follow a few lower-case words: "in the northern town of Azaz" */
        for (int q = p + 1; q < (int)c->tl.n && q <= p + 6 && c->tl.t[q].kind == TOK_WORD && c->verb_at[q] < 0; q++)
            if ((c->tl.t[q].flags & (TF_CAP | TF_ALLCAPS)) && !in_list(norm(c, q), not_places)) return true;
    }
    return false;
}

/* "Hundreds rally in capital", "Dozens march", "Six indicted by grand jury": a clause that opens with
   nothing but a count of people has a subject, a crowd no dictionary names. Only for conflict
   (CAMEO 10-20): on business news a count before a verb is mostly a noun read as a verb ("About 1,900
   notes", "92 broker-dealer funds") or "one said" */
/* crowd_subject's words: 2 a count of people (a number, "HUNDREDS"), 1 a hedge that may come with one
   ("SOME", "AT LEAST"), 0 neither */
static const char *const crowd_counts[] = {"HUNDREDS", "THOUSANDS", "DOZENS", "SCORES", "CROWDS", "TENS", "TWO",
    "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE", "TWENTY", "FIFTY", NULL};
static const char *const crowd_hedges[] = {"OVER", "SOME", "ABOUT", "NEARLY", "ALMOST", "MORE", "THAN", "AT", "LEAST", "OF", NULL};

/* The two lists' words by length (up to CROWD_LONGEST) and first letter, a bit each: crowd_word reads the
   lists only for a word whose pair is some list word's (codes_nothing asks of the word before every verb) */
static void crowd_pairs(uint32_t pairs[CROWD_LONGEST + 1])
{
    memset(pairs, 0, (CROWD_LONGEST + 1) * sizeof *pairs);
    for (int l = 0; l < 2; l++)
        for (const char *const *w = l ? crowd_hedges : crowd_counts; *w; w++) {
            size_t n = strlen(*w);
            if (n <= CROWD_LONGEST && **w >= 'A' && **w <= 'Z') pairs[n] |= 1u << (**w - 'A');
            else pairs[0] = UINT32_MAX;   /* a word the table cannot hold: every word is read (no shortcut) */
        }
}

static int crowd_word(const coder *c, int p)
{
    if (c->tl.t[p].kind == TOK_NUMBER) return 2;
    if (!is_word(c, p)) return 0;
    const char *w = norm(c, p);
    size_t n = c->tl.t[p].norm_len;
    if (c->crowd_pairs[0] != UINT32_MAX &&
        (n > CROWD_LONGEST || w[0] < 'A' || w[0] > 'Z' || !(c->crowd_pairs[n] & (1u << (w[0] - 'A')))))
        return 0;
    if (in_list(w, crowd_counts)) return 2;
    return in_list(w, crowd_hedges) ? 1 : 0;
}

static bool crowd_subject(const coder *c, int lo, const verb_use *v, const char *code)
{
    if (code[0] != '1' && code[0] != '2') return false;
    bool count = false;
    for (int p = lo < 0 ? 0 : lo; p < v->first; p++) {
        int w = crowd_word(c, p);
        if (!w) return false;
        count = count || w == 2;
    }
    return count;
}

/* Can crowd_subject hold for verb v in a clause of any start: the words right before the verb, back to the
   first that is neither a count nor a hedge, hold a count (a clause starting later holds fewer of them) */
static bool crowd_may_open(const coder *c, const verb_use *v)
{
    for (int p = v->first - 1; p >= 0; p--) {
        int w = crowd_word(c, p);
        if (w != 1) return w == 2;
    }
    return false;
}

/* A headline: a story that is one short line, with no closing stop ("Nationwide curfew imposed
   following protests", "Concessions made to secure peace"). Headlines drop their subject far more
   often than prose does, so an event with no actor in one is news, not a figure of speech; a line of
   prose, quoted speech ("...to offer is our cooperation.\"") or a table ("Qtly div 10 cts\n Pay ...")
   is none. Its first verb only: a later one is mostly a noun ("Curfew lifted in Kano after talks").
   A bare verb that codes nothing by itself before it is mostly a noun ("Power plant disabled by ...") */
static bool bare_null_verb(const coder *c, const verb_use *v)
{
    const verb_entry *ve = &c->d->verbs[v->entry];
    return (ve->code.flags & CF_NULL) && v->first == v->last && !strcmp(norm(c, v->first), ve->text);
}

/* The story is one short line with no closing stop: headline's test of the text, whatever the verb */
static bool one_line_story(const coder *c)
{
    size_t n = c->tl.n;
    if (!c->story || n < 3 || n > 16) return false;
    const char *text = c->story->text;
    for (size_t b = 0; b < c->story->len; b++) {
        if (b >= c->tl.t[0].start && b < c->tl.t[n - 1].end ? text[b] == '\n' : !isspace((unsigned char)text[b]))
            return false;
    }
    size_t last = n - 1;
    while (last > 0 && (word_is_punct(c, (int)last, "\"") || word_is_punct(c, (int)last, "'"))) last--;
    return !(word_is_punct(c, (int)last, ".") || word_is_punct(c, (int)last, "?") || word_is_punct(c, (int)last, "!"));
}

static bool headline(const coder *c, const verb_use *v)
{
    for (size_t k = 0; k < c->nv; k++)
        if (!c->v[k].dropped && c->v[k].first < v->first && !bare_null_verb(c, &c->v[k])) return false;
    return one_line_story(c);
}

/* An event with no actor on either side is kept only for force, its show or protest (CAMEO 14-20)
   where the clause names a place: "the man detonated the device in Kabul" is an event to map;
   "the study was released", "strike the Exchange Control Act", "the crash wiped out billions" are not */
static bool unnamed_event_ok(const coder *c, int lo, int hi, const verb_use *v, const char *code)
{
    return (protest_or_force(code) && names_a_place(c, lo, hi)) ||
           crowd_subject(c, lo, v, code) || headline(c, v);
}

/* "they are committed to opening up", "is expected to visit": a participle before "to" says how the
   subject stands, not what was done to it (force aside: "were forced to flee") */
static bool state_before_to(const coder *c, const verb_use *v, const char *code)
{
    int n = v->last + 1;   /* "to" after the verb, or the last word of a phrasal one ("COMMIT TO") */
    return (word_is(c, v->last, "TO") || (n < (int)c->tl.n && word_is(c, n, "TO"))) && !force_code(code);
}

static bool passive_victim(const coder *c, int lo, int hi, const verb_use *v, const char *code, int *src, int *tgt)
{
    int subject = first_mention_between(c, lo, v->first - 1, -1);
    if (subject < 0 && !unnamed_event_ok(c, lo, hi, v, code)) return false;
    int named = resolve(c, subject);   /* "civilians were killed as Syrian forces ...": a lone agent is a victim */
    if (*tgt >= 0 && *tgt < ALONE && !after_locative(c, *tgt) && *src >= 0 && named >= 0 && !c->m[named].lone) return false;
    if (subject < 0) subject = NO_TARGET;
    *src = NO_SOURCE;
    *tgt = subject;
    return true;
}

/* The members of a compound, split: the first as source, the rest as target ("Bree and Arnor are
   to restore ties" with no other target codes BRE→ARN). */
static bool split_compound(const coder *c, int m, int *first, int *rest)
{
    m = resolve(c, m);
    if (m < 0 || c->m[m].group < 0) return false;
    int a = -1, b = -1;
    for (size_t k = 0; k < c->nm; k++) {
        if (c->m[k].dropped || c->m[k].group != c->m[m].group || c->m[k].kind != MK_ACTOR) continue;
        if (a < 0) a = (int)k;
        else if (b < 0) b = (int)k;
    }
    if (a < 0 || b < 0) return false;
    *first = a + ALONE;
    *rest = b + ALONE;
    return true;
}

/* Do all the actors a mention stands for share one code? */
static bool one_code(const coder *c, int m)
{
    actor_ref x[32];
    int n = expand(c, m, x, 32);
    for (int i = 1; i < n; i++)
        if (strcmp(x[i].code, x[0].code) != 0) return false;
    return n > 0;
}

/* "Russian and Syrian warplanes are striking Daesh, he added": a singular pronoun stands for one
   speaker, never for a compound whose members could act on each other */
static bool singular_pronoun(const coder *c, int m)
{
    static const char *const singular[] = {"HE", "SHE", "IT", "HIS", "HER", "HIM", "ITS", NULL};
    return m >= 0 && m < (int)c->nm && c->m[m].kind == MK_PRONOUN && in_list(norm(c, c->m[m].first), singular);
}

/* The target for verb v and source src when no pattern bound one. */
static int find_target(coder *c, const verb_use *v, int lo, int hi, int *src, bool source_after)
{
    const code_options *o = c->opt;
    int tgt = first_mention_between(c, v->last + 1, hi, *src);
    if (source_after && tgt >= 0 && referent(c, tgt) == referent(c, *src)) tgt = -1;
    int sm = *src >= ALONE ? *src - ALONE : *src;   /* the mention behind a split compound member */
    if (tgt >= 0 && source_after && sm >= 0 && c->m[tgt].first < c->m[sm].first) tgt = -1;
    if (tgt < 0 && sm >= 0 && !source_after) {
        int from = c->m[sm].last + 1 > lo ? c->m[sm].last + 1 : lo;
        tgt = last_mention_between(c, from, v->first - 1, *src);
        if (tgt >= 0 && referent(c, tgt) == referent(c, *src)) tgt = -1;
    }
    if (tgt >= 0) return tgt;
    if (o->default_target[0] && o->default_after && !source_after) return DEFAULT_TARGET;
    int a, b;
    if (*src >= 0 && !(o->style == STYLE_DYAD && singular_pronoun(c, *src)) && split_compound(c, *src, &a, &b)) {
        *src = a;
        return b;
    }
    if (o->default_target[0]) return DEFAULT_TARGET;
    return -1;
}

/* What a code may make of a clause with no actor: VB_STATUS a [###] or [+++] (the sentence's status),
   VB_CONFLICT a code of CAMEO 10-20 (crowd_subject), VB_FORCE of 14-20 (protest_or_force); VB_KNOWN: worked
   out. A verb's root gives its bits; its patterns that give any are in the verb's list instead, asked per
   sentence: such a pattern is mostly a phrase ("ONCE SAID", TABARI's SAID has 26 of 10-20) whose words the
   sentence lacks. */
enum { VB_KNOWN = 1, VB_STATUS = 2, VB_CONFLICT = 4, VB_FORCE = 8 };
enum { EXIT_LISTED = 8 };   /* a verb's patterns of 10-20 listed at most (3 or 24: a little more work) */

struct verb_exit {
    uint8_t bits;             /* VB_* of the root's code (and of the patterns not listed) */
    uint32_t first, n;        /* its patterns with VB_* bits and no actor: c->exit_pats[first, first + n) */
};

static uint8_t code_bits(const event_code *ec)
{
    return (uint8_t)((ec->flags & (CF_DISCARD | CF_COMPLEX) ? VB_STATUS : 0) |
                     (ec->code[0] == '1' || ec->code[0] == '2' ? VB_CONFLICT : 0) |
                     (protest_or_force(ec->code) ? VB_FORCE : 0));
}

/* A pattern with '$', '+', '%' or '^' in its own sequence (not inside a set) fits only where match_from finds a
   live mention for that element: never in a sentence with none */
static bool needs_actor(const verb_pattern *vp)
{
    for (int k = 0; k < vp->p.n; k++) {
        int kind = vp->p.e[k].kind;
        if (kind == PE_SOURCE || kind == PE_TARGET || kind == PE_COMPOUND || kind == PE_SKIP) return true;
    }
    return false;
}

/* Worked out once per verb entry and coder (TABARI's SAY has 1,467 patterns), over the patterns that can fit
   with no actor: codes_nothing's only use */
static const struct verb_exit *verb_exit(coder *c, int entry)
{
    if (entry >= c->nverb_exit) {
        int n = c->d->nverbs > entry ? c->d->nverbs : entry + 1;
        c->verb_exit = xrealloc(c->verb_exit, (size_t)n * sizeof *c->verb_exit);
        memset(c->verb_exit + c->nverb_exit, 0, (size_t)(n - c->nverb_exit) * sizeof *c->verb_exit);
        c->nverb_exit = n;
    }
    struct verb_exit *x = &c->verb_exit[entry];
    if (!x->bits) {
        const verb_entry *ve = &c->d->verbs[entry];
        uint8_t b = VB_KNOWN | code_bits(&ve->code);
        int events = 0;   /* patterns of 10-20 with no actor */
        for (int i = 0; i < ve->npats; i++)
            events += !needs_actor(&ve->pats[i]) && (code_bits(&ve->pats[i].code) & ~VB_STATUS);
        x->first = (uint32_t)c->nexit_pats;
        for (int i = 0; i < ve->npats; i++) {
            uint8_t pb = needs_actor(&ve->pats[i]) ? 0 : code_bits(&ve->pats[i].code);
            /* many (TABARI's SAID: over EXIT_LISTED) would cost more to ask each sentence than the crowd and
               place tests they may spare: their bits are the verb's own */
            if (!(pb & VB_STATUS) && events > EXIT_LISTED) b |= pb, pb = 0;
            if (!pb) continue;
            GROW(c->exit_pats, c->capexit_pats, c->nexit_pats + 1);
            c->exit_pats[c->nexit_pats++] = (uint32_t)i;
        }
        x->n = (uint32_t)c->nexit_pats - x->first;
        x->bits = b;
    }
    return x;
}

/* The VB_* bits of verb v in this sentence: its root's, and those of its listed patterns that can fit in some
   clause (none fits where the sentence lacks a word it needs: pattern_possible, which best_pattern and its
   passive search ask first) */
static uint8_t verb_bits_here(coder *c, const verb_use *v, const struct verb_exit *x)
{
    const verb_entry *ve = &c->d->verbs[v->entry];
    uint8_t b = x->bits;
    /* pattern_possible's first look, from the verb's compact array of first needs (NULL: the verb changed since
       dict_prepare), before the pattern: most listed patterns fail on it, and the pattern was a miss each */
    const uint32_t *first = c->marked && x->n ? dict_first_needs(c->d, v->entry) : NULL;
    for (uint32_t j = 0; j < x->n; j++) {
        const uint32_t k = c->exit_pats[x->first + j];
        if (first && first[k] != DICT_NEED_NONE && !(first[k] & NEED_SET) && first[k] < c->marks.nword &&
            c->marks.mark[first[k]] != c->marks.mark_gen)
            continue;
        const verb_pattern *vp = &ve->pats[k];
        if (pattern_possible(c, vp)) b |= code_bits(&vp->code);
    }
    return b;
}

/* Can the clauses code nothing at all, so that code_sentence may skip them (CODED_NONE, nothing else
   changed)? With no live mention (actor, pronoun standing for one, actor agent), code_clause finds no
   source or target (first_mention_between, carried_source, passive_by, reduced_relative: -1) and no
   pattern with $, + or % fits; what is left is a default source, a verb's [###] or [+++], and dyad's events
   with no actor (unnamed_event_ok, passive_victim: a headline, a crowd before a conflict verb, a place
   for protest or force). Each is ruled out over the whole sentence, which holds every clause. */
static bool codes_nothing(coder *c)
{
    const code_options *o = c->opt;
    /* a default source stands in for the missing actor; a default target (find_target) never makes an event
       without a source */
    if (!c->no_actor_exit || (o->default_source[0] && o->default_prior)) return false;
    for (size_t k = 0; k < c->nm; k++)
        if (live_mention(c, (int)k) >= 0) return false;
    bool dyad = o->style == STYLE_DYAD;
    if (dyad && one_line_story(c)) return false;   /* headline: an event of any code (there is a live verb) */
    int named_place = -1;   /* names_a_place over the sentence: asked once, when a verb needs it */
    for (size_t k = 0; k < c->nv; k++) {
        const verb_use *v = &c->v[k];
        if (v->dropped || c->elided[v->first]) continue;
        const struct verb_exit *x = verb_exit(c, v->entry);
        uint8_t b = verb_bits_here(c, v, x);
        if (b & VB_STATUS) return false;
        if (!dyad) continue;
        if ((b & VB_CONFLICT) && crowd_may_open(c, v)) return false;
        if ((b & VB_FORCE) && named_place < 0) named_place = names_a_place(c, 0, (int)c->tl.n - 1);
        if ((b & VB_FORCE) && named_place) return false;
    }
    return true;
}

/* Code one clause [lo, hi]: its first verb that codes (every verb with SET: CODE ALL), the actor
   before it (or the subject carried over from the clause before), the target after it. */
static void code_clause(coder *c, int lo, int hi, sentence_state *ss, event_list *out, const story *st, int sno,
                        span sent)
{
    const code_options *o = c->opt;
    const verb_use *cand[64];
    int nv = 0;
    /* the clause's verbs, listed without a branch per verb (which of a sentence's verbs are in this clause
       follows no pattern the predictor learns): each is written, only those in the clause advance nv */
    for (size_t k = 0; k < c->nv && nv < 64; k++) {
        const verb_use *v = &c->v[k];
        cand[nv] = v;
        nv += !v->dropped & !c->elided[v->first] & (v->first >= lo) & (v->last <= hi);
    }
    bool coded = false;
    int after_weak = -1, weak_k = -1;
    const verb_pattern *weak_vp = NULL;   /* pass 0's best pattern for verb weak_k: pass 1 asks again */
    pmatch weak_pm = {0};
    /* dyad style: when the verbs after "said" code nothing, "said" itself is the event (pass 1) */
    for (int pass = 0; pass < 2 && !coded; pass++) {
    if (pass == 1 && (weak_k < 0 || o->style != STYLE_DYAD)) break;
    if (pass == 1) after_weak = -1;
    for (int k = pass ? weak_k : 0; k < (pass ? weak_k + 1 : nv); k++) {
        const verb_use *v = cand[k];
        const verb_entry *ve = &c->d->verbs[v->entry];
        pmatch pm = {0};
        /* nothing best_pattern reads changes while a clause is coded: the weak verb's answer stands */
        const verb_pattern *vp = pass ? weak_vp : best_pattern(c, v, lo, hi, &pm);
        if (pass) pm = weak_pm;
        const event_code *ec = vp ? &vp->code : &ve->code;
        TRACE("verb %s at tokens %d..%d -> %s%s%s\n", ve->text, v->first, v->last, vp ? "pattern " : "root ",
              vp ? vp->text : "", ec->flags & CF_NULL ? " [---]" : "");
        if (ec->flags & CF_DISCARD) { ss->flags |= CF_DISCARD; return; }
        if (ec->flags & CF_COMPLEX) { ss->flags |= CF_COMPLEX; return; }
        if (ec->flags & CF_NULL) continue;
        if (o->style == STYLE_DYAD && negated(c, v, lo) && !(vp && pattern_has_negation(c->d, vp))) {
            TRACE("verb %s is negated: no event\n", ve->text);
            continue;
        }
        /* "said" gives way to a later verb in the same clause, whose subject follows it
           ("Valdoria said Kestria attacked Borovia") */
        if ((ec->flags & CF_WEAK) && k + 1 < nv && !pass) {
            if (o->style == STYLE_DYAD) after_weak = v->last + 1;   /* TABARI keeps the speaker */
            if (weak_k < 0) weak_k = k, weak_vp = vp, weak_pm = pm;
            continue;
        }
        /* dyad style: "three soldiers were killed in Najaf": the subject is the victim, the doer unnamed;
           but forces "put on high alert" or "mobilized" show their own force (CAMEO 15) */
        bool victim = o->style == STYLE_DYAD && !(vp && (pm.source >= 0 || pm.target >= 0)) &&
                      strncmp(ec->code, "15", 2) != 0 && passive_without_agent(c, v, hi) && !state_before_to(c, v, ec->code);
        int source = after_weak > lo ? first_mention_between(c, after_weak, v->first - 1, -1) : -1;
        if (source < 0) source = first_mention_between(c, lo, v->first - 1, -1);
        bool source_after = false;
        if (source < 0 && !coded) source = carried_source(c, ss);
        if (source < 0 && o->default_source[0] && o->default_prior) source = DEFAULT_SOURCE;
        if (source == -1 && !o->noactprior) {
            /* no actor before the verb: TABARI (without NOACTPRIOR) takes the first one after it */
            source = first_mention_between(c, v->last + 1, hi, -1);
            source_after = source >= 0;
        }
        int src = vp && pm.source >= 0 ? pm.source : source;
        int tgt = vp && pm.target >= 0 ? pm.target : -1;
        bool symmetric = vp && pm.compound;
        if (vp && pm.target >= 0 && pm.source < 0 && (src < 0 || referent(c, src) == referent(c, tgt))) {
            /* "+ WAS * DEAD": the target is bound, the source is another actor */
            src = first_mention_between(c, lo, hi, tgt);
        }
        if (!symmetric && tgt < 0) {
            if (source_after) {
                int a, b;
                if (split_compound(c, src, &a, &b)) { src = a; tgt = b; }
                else tgt = find_target(c, v, lo, hi, &src, true);
            } else {
                tgt = find_target(c, v, lo, hi, &src, false);
            }
            /* dyad style: "China and India negotiated": with no other target the compound's members
               act on each other, both ways */
            if (o->style == STYLE_DYAD && src >= ALONE && tgt >= ALONE) {
                src -= ALONE;
                tgt = -1;
                symmetric = true;
                /* "the White House and the State Department declined to comment": one state twice */
                if (one_code(c, src)) { symmetric = false; tgt = NO_TARGET; }
            }
        }
        if (!(vp && (pm.source >= 0 || pm.target >= 0))) {
            int agent;
            if (passive_by(c, v, hi, &agent)) { tgt = src; src = agent; }
        }
        /* dyad style: "a roadside bomb killed three soldiers": the doer is not named, the victim is */
        if (src == -1 && !symmetric && tgt >= 0 && o->style == STYLE_DYAD &&
            (doer_unnamed(c, lo, v) || orphan_pronoun_doer(c, lo, v, ec->code)) &&
            !passive_without_agent(c, v, hi))   /* "X was arrested for helping Y": Y is not the target */
            src = NO_SOURCE;
        /* dyad style: "the man detonated the device", "they patrolled the parks", "thousands
           demonstrated": force, its show or protest (CAMEO 14-20) with no actor on either side still happened */
        if (src == -1 && tgt == -1 && !symmetric && o->style == STYLE_DYAD && unnamed_event_ok(c, lo, hi, v, ec->code)) {
            src = NO_SOURCE;
            tgt = NO_TARGET;
        }
        /* "soldiers and militants were killed": the compound's members are victims, not each other's foes */
        bool unnamed = victim && !(vp && pm.compound) && passive_victim(c, after_weak > lo ? after_weak : lo, hi, v, ec->code, &src, &tgt);
        int relative = o->style == STYLE_DYAD && !victim && !(vp && (pm.source >= 0 || pm.target >= 0)) &&
                       force_code(ec->code) ? reduced_relative(c, lo, v) : -1;
        if (relative >= 0) {
            src = NO_SOURCE;
            tgt = relative;
            unnamed = true;
        }
        if (unnamed) symmetric = false;
        if (!symmetric && o->style == STYLE_DYAD && only_itself(c, src, tgt)) tgt = NO_TARGET;
        if (!symmetric && tgt == -1 && src != -1 && o->style == STYLE_DYAD) tgt = NO_TARGET;   /* "officials said" */
        if (src == -1 || (!symmetric && tgt == -1)) break;
        code_flags_of(c, src, ss);
        if (!symmetric) code_flags_of(c, tgt, ss);
        if (ss->flags & (CF_DISCARD | CF_COMPLEX)) return;
        size_t before = out->n;
        event_code intent;
        if (o->style == STYLE_DYAD && dyad_file(c, vp ? &vp->at : &ve->at) && future_verb(c, v, lo) &&
            intent_code(ec->code, intent.code)) {
            /* "Japan will send aid to Turkey": an intention to cooperate, not the act (dyad's own format
               says so; TABARI and PETRARCH verb files write their own "WILL *" patterns) */
            intent.flags = ec->flags;
            intent.code2[0] = 0;
            if (ec->code2[0] && !intent_code(ec->code2, intent.code2))
                snprintf(intent.code2, sizeof intent.code2, "%s", ec->code2);
            ec = &intent;
        }
        emit_pairs(c, out, st, sno, sent, src, tgt, ec, symmetric, v, vp);
        if (unnamed && ss->nunnamed < 8) {
            ss->unnamed_from[ss->nunnamed] = before;
            ss->unnamed_to[ss->nunnamed++] = out->n;
        }
        if ((ec->flags & CF_DOMINANT) && out->n > before) ss->dominant = (int)before + 1;
        if (src >= 0) ss->last_source = src, ss->pending = false;
        coded = true;
        if (o->code_by != CODE_ALL) return;
    }
    }
    /* the clause's first actor carries over when nothing was coded: looked for when a later clause asks
       (carried_source) */
    if (!coded && carried_source(c, ss) < 0) ss->pending = true, ss->pending_lo = lo, ss->pending_hi = hi;
}

/* Whether any verb is left to code (code_clause's candidates: not dropped, not elided). */
static bool live_verbs(const coder *c)
{
    for (size_t k = 0; k < c->nv; k++)
        if (!c->v[k].dropped && !c->elided[c->v[k].first]) return true;
    return false;
}

/* "Several civilians were killed when Russian missiles struck Kyiv": an agentless passive's events
   give way to an event of the same CAMEO root whose doer is named ("..., activists reported" does not). */
static void drop_unnamed_passives(event_list *out, size_t before, sentence_state *ss)
{
    if (!ss->nunnamed || ss->dominant || out->n - before > 64) return;
    bool passive[64] = {false}, gone[64] = {false};
    for (int k = 0; k < ss->nunnamed; k++)
        for (size_t i = ss->unnamed_from[k]; i < ss->unnamed_to[k]; i++) passive[i - before] = true;
    for (size_t i = before; i < out->n; i++)
        for (size_t j = before; j < out->n && passive[i - before]; j++)
            if (!passive[j - before] && !code_is3(out->e[j].source, "---") && !strncmp(out->e[i].code, out->e[j].code, 2))
                gone[i - before] = true;
    size_t keep = before;
    for (size_t i = before; i < out->n; i++)
        if (!gone[i - before]) out->e[keep++] = out->e[i];
    out->n = keep;
}

/* What the next sentence's pronouns will stand for: this sentence's first source, or — when that
   source was itself carried over — its target (TABARI's behaviour). */
static void remember_forward(coder *c, const event_list *out, size_t first)
{
    if (!c->opt->forward || out->n <= first) return;
    const event *e = &out->e[first];
    bool carried = false;
    for (size_t k = 0; k < c->nm; k++)
        if (c->m[k].forwarded && !c->m[k].dropped && e->source_span.end &&
            c->tl.t[c->m[k].first].start == e->source_span.start)
            carried = true;
    const char *code = carried ? e->target : e->source;
    size_t n = c->opt->forward == 2 && strlen(code) > 3 ? 3 : strlen(code);
    if (code_is3(code, "---")) return;
    memcpy(c->fwd, code, n);
    c->fwd[n] = 0;
}

void coder_time_matching(coder *c, double *seconds) { c->match_seconds = seconds; }

void coder_next_sentence(coder *c, span next) { c->next = next, c->next_set = true; }

/* The sentence's tokens: those made early when they were made of this very span of this text (the same
   bytes, as the story is not changed between two of its sentences), else tokenize's. Either way, what was
   made early is used up. */
static void sentence_tokens(coder *c, const story *st, span sent)
{
    if (c->ahead_text == st->text && c->ahead_span.start == sent.start && c->ahead_span.end == sent.end) {
        token_list t = c->tl;
        c->tl = c->ahead, c->ahead = t;
    } else {
        tokenize(st->text, sent, &c->tl);
    }
    c->ahead_text = NULL;
}

/* Once this sentence's words are looked up: the next one's tokens (next, when the caller named it for this
   call), and their token cache slots asked for (dict_marks_prefetch), so that they arrive while this
   sentence is coded. */
static void tokens_ahead(coder *c, const story *st, const span *next)
{
    if (!next || next->end <= next->start || next->end > st->len) return;
    tokenize(st->text, *next, &c->ahead);
    c->ahead_text = st->text, c->ahead_span = *next;
    dict_marks_prefetch(&c->marks, &c->ahead);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

coded_status code_sentence(coder *c, const story *st, int sentence_no, span sent, const code_options *opt,
                           event_list *out, strbuf *trace)
{
    double t0 = c->match_seconds ? seconds_now() : 0;
    if (!opt) opt = &c->d->opt;
    c->trace = trace;
    c->story = st;
    c->opt = opt;
    c->date = st->date;
    /* the hint is for this call only: a call that returns before using it leaves none behind */
    span next_span = c->next;
    const span *next = c->next_set ? &next_span : NULL;
    c->next_set = false;
    sentence_tokens(c, st, sent);
    c->split_used = false;
    unsigned seen = hyphen_or_apostrophe(&c->tl, c->apostrophe_hash);
    if (seen & TF_HYPHEN) split_hyphens(c, st->text);
    if (opt->style == STYLE_DYAD && (seen & SEEN_APOSTROPHE)) join_loose_possessives(c);
    c->marked = false;
    size_t n = c->tl.n;
    ensure_capacity(c, n + 1);
    set_token_arrays(c, n + 1);
    c->any_elided = false;
    c->nm = c->nv = 0;
    c->ngroups = 0;
    if (trace) {
        sb_adds(trace, "tokens:");
        for (size_t i = 0; i < n; i++) sb_addf(trace, " %zu:%s%s", i, tok_norm(&c->tl, i), c->tl.t[i].flags & TF_POSS ? "'S" : "");
        sb_addc(trace, '\n');
    }
    if (opt->min_words) {
        int words = 0;
        for (size_t i = 0; i < n; i++) words += c->tl.t[i].kind == TOK_WORD;
        if (words < opt->min_words) return CODED_SHORT;
    }

    c->issue = NULL;
    c->discard_sentence = false;
    c->first_event = out->n;
    find_phrases(c);
    tokens_ahead(c, st, next);
    if (c->match_seconds) *c->match_seconds += seconds_now() - t0;
    if (c->discard_sentence || c->discard_story) {
        TRACE("discard: %s-level discard phrase\n", c->discard_story ? "story" : "sentence");
        return CODED_DISCARD;
    }
    for (size_t k = 0; k < c->nm; k++)
        if (c->m[k].kind == MK_ACTOR && code_is3(c->m[k].code, "###")) {
            TRACE("discard: actor at token %d\n", c->m[k].first);
            return CODED_DISCARD;
        }
    /* no verb: no event, and what follows only sorts out actors and clauses, which a trace shows */
    if (!c->nv && !trace) return CODED_NONE;
    resolve_actors(c, opt);
    find_compounds(c);
    spread_agents(c);
    list_joints(c);
    drop_comma_clauses(c, opt);
    for (size_t k = 0; k < c->nm; k++)
        if (c->elided[c->m[k].first]) c->m[k].dropped = true;
    verbs_to_nouns(c);
    coded_status marked = marked_verbs(c);
    if (marked != CODED_EVENTS) return marked;
    resolve_pronouns(c);
    if (trace) {
        for (size_t k = 0; k < c->nm; k++) {
            const mention *m = &c->m[k];
            if (m->dropped) continue;
            sb_addf(trace, "%s %s at tokens %d..%d%s\n", m->kind == MK_PRONOUN ? "pronoun" : "actor",
                    m->kind == MK_PRONOUN && m->refers >= 0 ? c->m[m->refers].code : m->code, m->first, m->last,
                    m->group >= 0 ? " (compound)" : "");
        }
    }
    if (!live_verbs(c)) return CODED_NONE;   /* events come only from verbs: no clause would code one */
    if (!trace && codes_nothing(c)) return CODED_NONE;
    int nends = mark_clauses(c, opt);
    sentence_state ss = {.last_source = -1};
    size_t before = out->n;
    int lo = 0;
    for (int cl = 0; cl <= nends; cl++) {
        int hi = cl < nends ? c->clause_end[cl] : (int)n - 1;
        if (hi < lo) hi = lo;   /* a sentence of no tokens is still one clause at 0 */
        code_clause(c, lo, hi, &ss, out, st, sentence_no, sent);
        if (ss.flags & (CF_DISCARD | CF_COMPLEX)) break;
        lo = hi + 1;
        if (lo >= (int)n) break;
    }
    if (ss.flags & (CF_DISCARD | CF_COMPLEX)) {
        out->n = before;
        return ss.flags & CF_DISCARD ? CODED_DISCARD : CODED_COMPLEX;
    }
    drop_unnamed_passives(out, before, &ss);
    remember_forward(c, out, before);
    if (ss.dominant) {
        /* a dominant verb's events replace the others of the sentence */
        size_t keep = before;
        const char *dom_pattern = out->e[ss.dominant - 1].pattern;
        for (size_t k = before; k < out->n; k++)
            if (out->e[k].pattern == dom_pattern) out->e[keep++] = out->e[k];
        out->n = keep;
    }
    return out->n > before ? CODED_EVENTS : CODED_NONE;
}

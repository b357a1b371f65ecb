/* reference.h — the slow, obvious versions unit tests hold the fast paths against, shared by the tests. */
#ifndef DYAD_TEST_REFERENCE_H
#define DYAD_TEST_REFERENCE_H
#include "base/util.h"
#include "dict/dict.h"

/* JSON string escaping a byte at a time: what every fast escaper must write. */
static inline void json_escape_reference(strbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') sb_adds(b, "\\\"");
        else if (c == '\\') sb_adds(b, "\\\\");
        else if (c == '\n') sb_adds(b, "\\n");
        else if (c == '\t') sb_adds(b, "\\t");
        else if (c == '\r') sb_adds(b, "\\r");
        else if (c < 0x20) sb_addf(b, "\\u%04x", c);
        else sb_addc(b, (char)c);
    }
}

/* The index items a lookup hands its callback, collected (the first 4,096). */
typedef struct {
    const index_item *it[4096];
    size_t n;
} item_list;

static inline bool collect_item(const index_item *it, void *ctx)
{
    item_list *l = ctx;
    if (l->n < 4096) l->it[l->n++] = it;
    return true;
}

/* The phrase the coder matches for an index item (lex_candidate_met's switch), NULL for a kind it ignores. */
static inline const phrase *coded_phrase(const dict *d, const index_item *it)
{
    switch (it->kind) {
    case IX_ACTOR: return &d->actors[it->entry].names[it->name];
    case IX_AGENT: return &d->agents[it->entry].name;
    case IX_VERB: return &d->verbs[it->entry].forms[it->name];
    case IX_NOUN: case IX_ADJ: case IX_DISCARD: return &d->misc[it->entry].name;
    case IX_ISSUE: return &d->issues[it->entry].name;
    default: return NULL;
    }
}

/* The plain rule, from match_words' first turn: can the phrase start at a word token tok? Its elements
   must all be words (match_words fails at the first that is not), the first must match the token, and a
   possessive token can only close a phrase. */
static inline bool plain_can_start(const dict *d, const index_item *it, const char *tok, bool poss)
{
    const phrase *p = coded_phrase(d, it);
    if (!p) return false;
    if (!p->n) return true;
    for (int k = 0; k < p->n; k++)
        if (p->e[k].kind != PE_WORD) return false;
    if (poss && p->n > 1) return false;
    return word_matches(p->e[0].word, p->e[0].mode, tok, poss);
}

/* Each token of tl through the sentence's token cache (dict_marks_begin first): its entry, -1 none; one
   more slot than tokens. The caller frees. */
static inline int32_t *cache_entries(const dict *d, dict_marks *m, const token_list *tl)
{
    int32_t *e = xmalloc((tl->n + 1) * sizeof *e);
    for (size_t i = 0; i < tl->n; i++) {
        uint8_t *note;
        e[i] = dict_marks_token_cached(d, m, tok_norm(tl, i), tl->t[i].norm_len, tl->t[i].flags & TF_POSS, &note);
    }
    return e;
}

#endif

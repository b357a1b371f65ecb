/* dict_dyad.c — reader for dyad's own dictionary format: one entry per line, documented in docs/dictionaries.md.

   actor    RUS = Russia | Russian Federation | Russian* | Moscow | the Kremlin
   actor    Dmitry Medvedev | Dmitri Medvedev = RUSGOV 2008-05-07..2012-05-07, RUSGOV 2012-05-08..2020-01-16, RUSELI
   agent    ~MIL = troops | soldiers | army            (NGM~ = ... for a prefix agent)
   verb     036 = meet                                 (a lemma gets its regular endings and, from
                                                       data/verb-forms.tsv, its irregular forms: met)
   pattern  036 meet: * talks with +                   (TABARI pattern syntax after the colon)
   synset   &CURRENCY = dollar | euro | yen
   discard  sentence = world cup | premier league      (story = ... drops the whole story)
   issue    ELECTIONS = election | ballot
   option   COMMA: OFF                                 (a TABARI options line)

   In names, words are consecutive; a word ending in '*' is a stem ("Russian*" matches Russians);
   other words match whole, with plural endings. Lines may continue with a trailing '\'. */
#include "dict/dict.h"
#include "dict/verb_forms.h"
#include "text/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    dict *d;
    const char *file;
    int line;
    strbuf tmp;
    token_list toks;
    int *verb_at;          /* verbs by lemma (find_verb): open addressing, -1 empty; NULL until needed */
    size_t verb_slots;     /* a power of two, at most half full */
    int verbs_seen;        /* d->verbs[0..verbs_seen) are in it */
} dyad_reader;

static const char *skip_ws(const char *s) { while (*s == ' ' || *s == '\t') s++; return s; }

static size_t rtrim(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    return n;
}

/* A name ("the White House", "Russian*", "Côte d'Ivoire") as a phrase of consecutive words. The
   name goes through the same tokenizer as the news text, so both are folded alike (case, accents,
   "U.S.", possessives). */
static bool parse_name(dyad_reader *r, const char *s, size_t n, int ending, phrase *out, const char **why)
{
    n = rtrim(s, n);
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    if (!n) { *why = "empty name"; return false; }
    for (size_t i = 0; i < n; i++)
        if (s[i] == '_' || s[i] == '[' || s[i] == ']' || s[i] == '{' || s[i] == '}' || s[i] == '&' || s[i] == '|') {
            *why = "names may not contain _ [ ] { } & |";
            return false;
        }
    tokenize(s, (span){0, (uint32_t)n}, &r->toks);
    sb_clear(&r->tmp);
    for (size_t i = 0; i < r->toks.n; i++) {
        const token *t = &r->toks.t[i];
        const char *w = tok_norm(&r->toks, i);
        if (t->kind == TOK_PUNCT) {
            /* "Russia*": the word before is a stem */
            if (!strcmp(w, "*") && r->tmp.len && r->tmp.s[r->tmp.len - 1] == '_') r->tmp.s[r->tmp.len - 1] = '~';
            continue;
        }
        if (r->tmp.len && r->tmp.s[r->tmp.len - 1] == '~') sb_addc(&r->tmp, '_');
        sb_adds(&r->tmp, w);
        sb_addc(&r->tmp, '_');
    }
    if (!r->tmp.len) { *why = "name has no words"; return false; }
    if (r->tmp.s[r->tmp.len - 1] == '~') sb_addc(&r->tmp, ' ');
    return dict_parse_phrase(r->d, r->tmp.s, r->tmp.len, false, ending, out, why);
}

/* Split "a | b | c" and call fn for each part. */
static bool each_alt(dyad_reader *r, const char *s, size_t n, bool (*fn)(dyad_reader *, const char *, size_t, void *),
                     void *ctx)
{
    size_t i = 0;
    while (i <= n) {
        size_t b = i;
        while (i < n && s[i] != '|') i++;
        if (!fn(r, s + b, i - b, ctx)) return false;
        i++;
    }
    return true;
}

/* ---- actors ---- */

static bool parse_role(const char *s, size_t n, dated_code *c, const char **why)
{
    memset(c, 0, sizeof *c);
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    n = rtrim(s, n);
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t') k++;
    if (!k || k >= ACTOR_CODE_MAX) { *why = "bad actor code"; return false; }
    for (size_t i = 0; i < k; i++) {
        if (!is_alnum(s[i]) && s[i] != '-') { *why = "bad character in actor code"; return false; }
        c->code[i] = (char)to_upper(s[i]);
    }
    const char *p = s + k;
    size_t m = n - k;
    while (m && (*p == ' ' || *p == '\t')) { p++; m--; }
    if (!m) return true;
    /* FROM..TO, either side may be empty or '*': open */
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < m; i++)
        if (p[i] == '.' && p[i + 1] == '.') { dots = p + i; break; }
    if (!dots) { *why = "dates must read FROM..TO (YYYY-MM-DD; either side may be left open)"; return false; }
    size_t fl = (size_t)(dots - p), tl = m - fl - 2;
    const char *t = dots + 2;
    fl = rtrim(p, fl);
    while (tl && (*t == ' ')) { t++; tl--; }
    if (fl && !(fl == 1 && *p == '*') && !(c->from = date_parse(p, fl))) { *why = "bad start date"; return false; }
    if (tl && !(tl == 1 && *t == '*') && !(c->to = date_parse(t, tl))) { *why = "bad end date"; return false; }
    if (c->from && c->to && c->to < c->from) { *why = "role ends before it starts"; return false; }
    return true;
}

static bool add_actor_name(dyad_reader *r, const char *s, size_t n, void *ctx)
{
    actor_entry *a = ctx;
    phrase p;
    const char *why;
    if (!parse_name(r, s, n, WM_NOUN, &p, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return false; }
    a->names = xrealloc(a->names, (size_t)(a->nnames + 1) * sizeof *a->names);
    a->names[a->nnames++] = p;
    return true;
}

static void free_actor(actor_entry *a)
{
    for (int i = 0; i < a->nnames; i++) free(a->names[i].e);
    free(a->names);
    free(a->codes);
}

/* "NAMES = ROLE, ROLE" or "CODE = NAMES" (a code is upper-case letters and digits only). */
static bool looks_like_code(const char *s, size_t n)
{
    n = rtrim(s, n);
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    if (!n || n >= ACTOR_CODE_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(s[i]) && !is_digit(s[i]) && s[i] != '-') return false;
    return n >= 3;
}

static void read_actor(dyad_reader *r, const char *s)
{
    const char *eq = strchr(s, '=');
    if (!eq) { dict_reject(r->d, r->file, r->line, "actor needs '=': CODE = names, or names = ROLES"); return; }
    actor_entry a = {0};
    a.at = (origin){r->file, r->line};
    const char *left = s, *right = eq + 1;
    size_t ln = (size_t)(eq - s), rn = strlen(right);
    const char *names = left, *roles = right;
    size_t nn = ln, rl = rn;
    if (looks_like_code(left, ln)) { names = right; nn = rn; roles = left; rl = ln; }
    /* roles: comma separated */
    int cap = 0;
    size_t i = 0;
    while (i <= rl) {
        size_t b = i;
        while (i < rl && roles[i] != ',') i++;
        dated_code c;
        const char *why;
        if (!parse_role(roles + b, i - b, &c, &why)) {
            dict_reject(r->d, r->file, r->line, "%s", why);
            free_actor(&a);
            return;
        }
        GROW(a.codes, cap, a.ncodes);
        a.codes[a.ncodes++] = c;
        i++;
    }
    /* dated roles are tried before the open-ended default (actor_code_on takes the first that fits) */
    for (int k = 0; k + 1 < a.ncodes; k++)
        if (!a.codes[k].from && !a.codes[k].to) {
            dated_code t = a.codes[k];
            memmove(&a.codes[k], &a.codes[k + 1], (size_t)(a.ncodes - k - 1) * sizeof t);
            a.codes[a.ncodes - 1] = t;
            break;
        }
    if (!each_alt(r, names, nn, add_actor_name, &a)) { free_actor(&a); return; }
    dict_add_actor(r->d, &a);
}

/* ---- agents ---- */

typedef struct {
    char code[ACTOR_CODE_MAX];
    bool prefix;
} agent_ctx;

static bool add_agent_name(dyad_reader *r, const char *s, size_t n, void *ctx)
{
    agent_ctx *ac = ctx;
    agent_entry a = {0};
    const char *why;
    if (!parse_name(r, s, n, WM_NOUN, &a.name, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return false; }
    memcpy(a.code, ac->code, sizeof a.code);
    a.prefix = ac->prefix;
    a.at = (origin){r->file, r->line};
    dict_add_agent(r->d, &a);
    return true;
}

static void read_agent(dyad_reader *r, const char *s)
{
    const char *eq = strchr(s, '=');
    if (!eq) { dict_reject(r->d, r->file, r->line, "agent needs '=': ~CODE = names (or CODE~ = names)"); return; }
    const char *c = skip_ws(s);
    size_t cn = rtrim(c, (size_t)(eq - c));
    agent_ctx ac = {{0}, false};
    if (cn < 2 || (c[0] != '~' && c[cn - 1] != '~')) {
        dict_reject(r->d, r->file, r->line, "agent code must be ~CODE (after the country) or CODE~ (before it)");
        return;
    }
    ac.prefix = c[0] != '~';
    const char *code = ac.prefix ? c : c + 1;
    size_t len = cn - 1;
    if (len >= ACTOR_CODE_MAX) { dict_reject(r->d, r->file, r->line, "agent code too long"); return; }
    for (size_t i = 0; i < len; i++) {
        if (!is_alnum(code[i])) { dict_reject(r->d, r->file, r->line, "bad character in agent code"); return; }
        ac.code[i] = (char)to_upper(code[i]);
    }
    each_alt(r, eq + 1, strlen(eq + 1), add_agent_name, &ac);
}

/* ---- verbs and patterns ---- */

static bool read_code(dyad_reader *r, const char **s, event_code *ec)
{
    const char *p = skip_ws(*s);
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != '=') n++;
    if (!n || !dict_parse_event_code(p, n, ec)) {
        dict_reject(r->d, r->file, r->line, "bad event code '%.*s' (a CAMEO code such as 036, 032:033, ---)", (int)n, p);
        return false;
    }
    *s = p + n;
    return true;
}

/* Put verb v in the lemma table; a later verb of the same lemma takes the slot (find_verb wants the last). */
static void verb_table_put(dyad_reader *r, int v)
{
    const char *t = r->d->verbs[v].text;
    if (!t) return;
    size_t mask = r->verb_slots - 1;
    for (size_t h = hash_bytes(t, strlen(t)) & mask;; h = (h + 1) & mask)
        if (r->verb_at[h] < 0 || !strcmp(r->d->verbs[r->verb_at[h]].text, t)) { r->verb_at[h] = v; return; }
}

/* The table holding every verb of the dictionary so far, made or grown on demand. */
static void verb_table_update(dyad_reader *r)
{
    const dict *d = r->d;
    if ((size_t)d->nverbs * 2 >= r->verb_slots) {
        size_t n = 64;
        while (n <= (size_t)d->nverbs * 2) n *= 2;
        free(r->verb_at);
        r->verb_at = xmalloc(n * sizeof *r->verb_at);
        memset(r->verb_at, 0xff, n * sizeof *r->verb_at);
        r->verb_slots = n;
        r->verbs_seen = 0;
    }
    for (; r->verbs_seen < d->nverbs; r->verbs_seen++) verb_table_put(r, r->verbs_seen);
}

/* The last verb whose lemma is `lemma` (patterns name their verb by it), or -1. A table rather than a walk
   back over the verbs: a walk was half of reading the built-in dictionary (3,000 patterns × 860 verbs). */
static int find_verb(dyad_reader *r, const char *lemma)
{
    verb_table_update(r);
    size_t mask = r->verb_slots - 1;
    for (size_t h = hash_bytes(lemma, strlen(lemma)) & mask;; h = (h + 1) & mask) {
        int v = r->verb_at[h];
        if (v < 0) return -1;
        if (!strcmp(r->d->verbs[v].text, lemma)) return v;
    }
}

static bool add_verb_form(dyad_reader *r, const char *s, size_t n, void *ctx)
{
    verb_entry *v = ctx;
    phrase p;
    const char *why;
    if (!parse_name(r, s, n, WM_VERB, &p, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return false; }
    v->forms = xrealloc(v->forms, (size_t)(v->nforms + 1) * sizeof *v->forms);
    v->forms[v->nforms++] = p;
    return true;
}

static bool same_words(const phrase *a, const phrase *b)
{
    if (a->n != b->n) return false;
    for (int i = 0; i < a->n; i++)
        if (a->e[i].kind != b->e[i].kind || (a->e[i].word && strcmp(a->e[i].word, b->e[i].word))) return false;
    return true;
}

/* A generated form ("took" + the rest of the lemma, " over"), added unless the line lists it. */
typedef struct {
    dyad_reader *r;
    verb_entry *v;
    const char *rest;
} generated;

static bool add_generated_form(const char *form, size_t n, void *ctx)
{
    generated *g = ctx;
    char text[256];
    snprintf(text, sizeof text, "%.*s%s", (int)n, form, g->rest);
    phrase p;
    const char *why;
    if (!parse_name(g->r, text, strlen(text), WM_VERB, &p, &why)) return true;
    for (int i = 0; i < g->v->nforms; i++)
        if (same_words(&p, &g->v->forms[i])) { free(p.e); return true; }
    g->v->forms = xrealloc(g->v->forms, (size_t)(g->v->nforms + 1) * sizeof *g->v->forms);
    g->v->forms[g->v->nforms++] = p;
    return true;
}

/* The lemma's first word with its irregular and spelling-changed forms (verb_forms.c), so that
   "verb 192 = take over" also matches "took over", "taken over". */
static void add_inflections(dyad_reader *r, verb_entry *v, const char *lemma, size_t n)
{
    size_t head = 0;
    while (head < n && lemma[head] != ' ' && lemma[head] != '\t') head++;
    char rest[200];
    snprintf(rest, sizeof rest, "%.*s", (int)(n - head), lemma + head);
    generated g = {r, v, rest};
    verb_forms(lemma, head, add_generated_form, &g);
}

static void upper_copy(char *out, size_t cap, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) out[k++] = (char)to_upper((unsigned char)s[i]);
    out[k] = 0;
}

static void read_verb(dyad_reader *r, const char *s)
{
    verb_entry v = {0};
    if (!read_code(r, &s, &v.code)) return;
    const char *eq = strchr(s, '=');
    if (!eq) { dict_reject(r->d, r->file, r->line, "verb needs '=': CODE = lemma | irregular forms"); return; }
    v.at = (origin){r->file, r->line};
    const char *forms = eq + 1;
    const char *bar = strchr(forms, '|');
    const char *f = skip_ws(forms);
    size_t ln = rtrim(f, bar ? (size_t)(bar - f) : strlen(f));
    char lemma[128];
    upper_copy(lemma, sizeof lemma, f, ln);
    v.text = (char *)dict_str(r->d, lemma, strlen(lemma));
    if (!each_alt(r, forms, strlen(forms), add_verb_form, &v)) {
        for (int i = 0; i < v.nforms; i++) free(v.forms[i].e);
        free(v.forms);
        return;
    }
    add_inflections(r, &v, f, ln);
    dict_add_verb(r->d, &v);
}

static void read_pattern(dyad_reader *r, const char *s)
{
    verb_pattern vp = {0};
    if (!read_code(r, &s, &vp.code)) return;
    const char *colon = strchr(s, ':');
    if (!colon) { dict_reject(r->d, r->file, r->line, "pattern needs 'CODE lemma: pattern'"); return; }
    const char *l = skip_ws(s);
    char lemma[128];
    upper_copy(lemma, sizeof lemma, l, rtrim(l, (size_t)(colon - l)));
    int vi = find_verb(r, lemma);
    if (vi < 0) { dict_reject(r->d, r->file, r->line, "pattern for '%s', which no earlier verb line defines", lemma); return; }
    const char *p = skip_ws(colon + 1);
    size_t pn = rtrim(p, strlen(p));
    const char *why;
    if (!dict_parse_phrase(r->d, p, pn, true, WM_EXACT, &vp.p, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return; }
    vp.verb_at = -1;
    for (int i = 0; i < vp.p.n; i++)
        if (vp.p.e[i].kind == PE_VERB) { vp.verb_at = i; break; }
    if (vp.verb_at < 0) { free(vp.p.e); dict_reject(r->d, r->file, r->line, "pattern has no '*' for the verb"); return; }
    vp.words = dict_pattern_words(&vp.p);
    vp.text = (char *)dict_str(r->d, p, pn);
    vp.at = (origin){r->file, r->line};
    verb_entry *v = &r->d->verbs[vi];
    if (dict_in_bulk(r->d, v->pats)) {   /* a verb of a compiled dictionary: its patterns move out to grow */
        if (vi < r->d->bulk_verbs) r->d->bulk_verbs = vi;   /* dict_free must free them (d->bulk_verbs) */
        verb_pattern *own = xmalloc((size_t)(v->npats + 1) * sizeof *own);
        memcpy(own, v->pats, (size_t)v->npats * sizeof *own);
        v->pats = own;
    } else {
        v->pats = xrealloc(v->pats, (size_t)(v->npats + 1) * sizeof *v->pats);
    }
    v->pats[v->npats++] = vp;
}

/* ---- synsets, discards, issues ---- */

static bool add_synset_member(dyad_reader *r, const char *s, size_t n, void *ctx)
{
    phrase_set *set = &r->d->sets[*(int *)ctx];
    phrase p;
    const char *why;
    const char *b = s;
    while (n && (*b == ' ' || *b == '\t')) { b++; n--; }
    n = rtrim(b, n);
    if (!dict_parse_phrase(r->d, b, n, true, WM_EXACT, &p, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return false; }
    if (set->n >= set->cap) {
        set->cap = set->cap ? set->cap * 2 : 4;
        set->alts = xrealloc(set->alts, (size_t)set->cap * sizeof *set->alts);
    }
    set->alts[set->n++] = p;
    return true;
}

static void read_synset(dyad_reader *r, const char *s)
{
    const char *p = skip_ws(s);
    const char *eq = strchr(p, '=');
    if (*p != '&' || !eq) { dict_reject(r->d, r->file, r->line, "synset needs '&NAME = words | words'"); return; }
    char name[128];
    upper_copy(name, sizeof name, p, rtrim(p, (size_t)(eq - p)));
    int set = dict_synset(r->d, name);
    each_alt(r, eq + 1, strlen(eq + 1), add_synset_member, &set);
}

typedef struct {
    bool story;
    const char *issue;
} misc_ctx;

static bool add_discard(dyad_reader *r, const char *s, size_t n, void *ctx)
{
    misc_ctx *mc = ctx;
    misc_entry m = {0};
    const char *why;
    if (!parse_name(r, s, n, WM_NOUN, &m.name, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return false; }
    m.code.flags = CF_DISCARD;
    m.story = mc->story;
    m.at = (origin){r->file, r->line};
    dict_add_misc(r->d, IX_DISCARD, &m);
    return true;
}

static void read_discard(dyad_reader *r, const char *s)
{
    const char *p = skip_ws(s);
    const char *eq = strchr(p, '=');
    misc_ctx mc = {false, NULL};
    if (eq && !strncmp(p, "story", 5)) mc.story = true;
    else if (!eq || strncmp(p, "sentence", 8) != 0) {
        dict_reject(r->d, r->file, r->line, "discard needs 'sentence = words' or 'story = words'");
        return;
    }
    each_alt(r, eq + 1, strlen(eq + 1), add_discard, &mc);
}

static bool add_issue(dyad_reader *r, const char *s, size_t n, void *ctx)
{
    misc_ctx *mc = ctx;
    issue_entry e = {0};
    const char *why;
    if (!parse_name(r, s, n, WM_NOUN, &e.name, &why)) { dict_reject(r->d, r->file, r->line, "%s", why); return false; }
    e.issue = (char *)mc->issue;
    e.at = (origin){r->file, r->line};
    dict_add_issue(r->d, &e);
    return true;
}

static void read_issue(dyad_reader *r, const char *s)
{
    const char *p = skip_ws(s);
    const char *eq = strchr(p, '=');
    if (!eq) { dict_reject(r->d, r->file, r->line, "issue needs 'NAME = words | words'"); return; }
    char name[128];
    upper_copy(name, sizeof name, p, rtrim(p, (size_t)(eq - p)));
    misc_ctx mc = {false, dict_str(r->d, name, strlen(name))};
    each_alt(r, eq + 1, strlen(eq + 1), add_issue, &mc);
}

/* ---- files ---- */

static void read_entry(dyad_reader *r, char *line)
{
    char *hash = NULL;
    for (char *p = line; *p; p++)
        if (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t')) { hash = p; break; }
    if (hash) *hash = 0;
    const char *s = skip_ws(line);
    if (!*s) return;
    size_t k = 0;
    while (s[k] && s[k] != ' ' && s[k] != '\t') k++;
    const char *rest = s + k;
    static const struct { const char *kind; void (*fn)(dyad_reader *, const char *); } kinds[] = {
        {"actor", read_actor}, {"agent", read_agent}, {"verb", read_verb}, {"pattern", read_pattern},
        {"synset", read_synset}, {"discard", read_discard}, {"issue", read_issue},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].kind) == k && !strncmp(s, kinds[i].kind, k)) { kinds[i].fn(r, rest); return; }
    if (k == 6 && !strncmp(s, "option", 6)) {
        if (!dict_apply_option(r->d, skip_ws(rest))) dict_reject(r->d, r->file, r->line, "option not understood");
        return;
    }
    dict_reject(r->d, r->file, r->line, "unknown entry '%.*s' (actor, agent, verb, pattern, synset, discard, issue, option)",
                (int)(k > 40 ? 40 : k), s);
}

/* Read dyad entries from text (a file's contents); `name` is what messages call it. */
int dict_read_dyad_text(dict *d, const char *name, const char *text, size_t len)
{
    dyad_reader r = {d, dict_file(d, name), 0, {0}, {0}, NULL, 0, 0};
    sb_init(&r.tmp);
    strbuf entry;
    sb_init(&entry);
    size_t i = 0;
    int first_line = 0;
    while (i < len) {
        size_t b = i;
        while (i < len && text[i] != '\n') i++;
        r.line++;
        size_t n = i - b;
        if (n && text[b + n - 1] == '\r') n--;
        if (!entry.len) first_line = r.line;
        if (n && text[b + n - 1] == '\\') { sb_add(&entry, text + b, n - 1); sb_addc(&entry, ' '); i++; continue; }
        sb_add(&entry, text + b, n);
        if (memchr(entry.s, 0, entry.len)) dict_reject(d, r.file, r.line, "NUL byte in line");
        else {
            int save = r.line;
            r.line = first_line;
            read_entry(&r, entry.s);
            r.line = save;
        }
        sb_clear(&entry);
        i++;
    }
    if (entry.len) { r.line = first_line; read_entry(&r, entry.s); }
    sb_free(&entry);
    sb_free(&r.tmp);
    token_list_free(&r.toks);
    free(r.verb_at);
    return 0;
}

int dict_read_dyad_file(dict *d, const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) { diag_error(d->dg, path, 0, "cannot read: %s", strerror(errno)); return -1; }
    dict_note_source(d, path, text, len);
    int rc = dict_read_dyad_text(d, path, text, len);
    free(text);
    return rc;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int dict_read_dyad_dir(dict *d, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) { diag_error(d->dg, path, 0, "cannot read: %s", strerror(errno)); return -1; }
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".dyad")) {
            GROW(names, cap, n);
            names[n++] = xstrdup(e->d_name);
        }
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof *names, by_name);
    int rc = n ? 0 : -1;
    if (!n) diag_error(d->dg, path, 0, "no .dyad files in this folder");
    for (int i = 0; i < n; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        if (dict_read_dyad_file(d, full) != 0) rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

/* dict_check.c — checks of a loaded dictionary's content (duplicates, conflicts, role dates, codes) and per-code counts. */
#include "dict/dict_check.h"

#include <stdlib.h>
#include <string.h>
#include "event/event.h"

/* CAMEO's actor roots that no country entry defines: international and transnational actors, and the
   "---" of an actor whose country is unknown. */
static const char *const generic_roots[] = {"---", "IGO", "IMG", "MNC", "NGM", "NGO", "UIS", "INT", NULL};

/* ---- phrases as text, to compare names ---- */

/* The phrase as written ("CECILIA_MALMSTROM"), then after a \x01 the match mode of each word: names
   that read the same but match differently ("LIBYA_" vs "LIBYA") are different names. */
static void phrase_key(const dict *d, const phrase *p, strbuf *b)
{
    sb_clear(b);
    for (int i = 0; i < p->n; i++) {
        const pelem *e = &p->e[i];
        if (i) sb_addc(b, e->adjacent ? '_' : ' ');
        switch (e->kind) {
        case PE_WORD: sb_add(b, e->word, e->len); break;
        case PE_SET: {
            const phrase_set *s = &d->sets[e->set];
            if (s->name) sb_adds(b, s->name);
            else sb_addf(b, "{#%d}", e->set);
            break;
        }
        default: sb_addc(b, "?W*+$%^&"[e->kind < 8 ? e->kind : 0]); break;
        }
    }
    sb_addc(b, '\x01');
    for (int i = 0; i < p->n; i++) sb_addc(b, (char)('0' + p->e[i].mode));
}

/* One name of one entry, keyed by its text. */
typedef struct {
    char *key;
    int entry;
    const char *code;     /* agents: their code; actors: their codes joined */
    origin at;
} named;

static int by_key_then_order(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static void report(FILE *out, origin at, const char *kind, const char *fmt, const char *a, const char *b,
                   origin other)
{
    if (!out) return;
    fprintf(out, "%s:%d: %s: ", at.file ? at.file : "?", at.line, kind);
    fprintf(out, fmt, a, b);
    if (other.file) fprintf(out, " (first at %s:%d)", other.file, other.line);
    fputc('\n', out);
}

/* Sorted by text, equal names sit side by side: the first (in lookup order) is the one that applies. */
static void check_names(named *v, size_t n, const char *what, FILE *out, dict_findings *f)
{
    if (n) qsort(v, n, sizeof *v, by_key_then_order);
    size_t first = 0;   /* the start of the run of equal names v[i] belongs to */
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[first].key, v[i].key)) { first = i; continue; }
        if (v[first].entry == v[i].entry) continue;
        bool same = !strcmp(v[first].code, v[i].code);
        if (same) f->duplicates++; else f->conflicts++;
        *strchr(v[i].key, '\x01') = 0;   /* the name as written, for the message */
        report(out, v[i].at, same ? "duplicate" : "conflict",
               same ? "%s name '%s' is listed twice with the same code" : "%s name '%s' has another code here, which never applies",
               what, v[i].key, v[first].at);
    }
    for (size_t i = 0; i < n; i++) free(v[i].key);
}

static void actor_codes_text(const actor_entry *a, strbuf *b)
{
    sb_clear(b);
    for (int k = 0; k < a->ncodes; k++) {
        char from[11] = "", to[11] = "";
        if (a->codes[k].from) date_format(a->codes[k].from, from);
        if (a->codes[k].to) date_format(a->codes[k].to, to);
        sb_addf(b, "%s%s %s..%s", k ? ", " : "", a->codes[k].code, from, to);
    }
}

static void check_actor_names(const dict *d, FILE *out, dict_findings *f)
{
    size_t n = 0, cap = 0;
    named *v = NULL;
    strbuf key, codes;
    sb_init(&key); sb_init(&codes);
    char **texts = xcalloc((size_t)d->nactors + 1, sizeof *texts);
    for (int i = 0; i < d->nactors; i++) {
        const actor_entry *a = &d->actors[i];
        actor_codes_text(a, &codes);
        texts[i] = sb_take(&codes);
        for (int j = 0; j < a->nnames; j++) {
            phrase_key(d, &a->names[j], &key);
            GROW(v, cap, n + 1);
            v[n++] = (named){xstrdup(key.s ? key.s : ""), i, texts[i], a->at};
        }
    }
    check_names(v, n, "actor", out, f);
    for (int i = 0; i < d->nactors; i++) free(texts[i]);
    free(texts); free(v); sb_free(&key); sb_free(&codes);
}

static void check_agent_names(const dict *d, FILE *out, dict_findings *f)
{
    named *v = xcalloc((size_t)d->nagents + 1, sizeof *v);
    strbuf key;
    sb_init(&key);
    for (int i = 0; i < d->nagents; i++) {
        phrase_key(d, &d->agents[i].name, &key);
        v[i] = (named){xstrdup(key.s ? key.s : ""), i, d->agents[i].code, d->agents[i].at};
    }
    check_names(v, (size_t)d->nagents, "agent", out, f);
    free(v); sb_free(&key);
}

/* ---- roles ---- */

/* Two dated roles of one person share more than the change-over day: which applies is an accident
   of the order they are written in. Roles with the same code may overlap (a term renewed). A role that
   ends before it starts never applies. */
static void check_roles(const dict *d, FILE *out, dict_findings *f)
{
    for (int i = 0; i < d->nactors; i++) {
        const actor_entry *a = &d->actors[i];
        for (int k = 0; k < a->ncodes; k++) {
            const dated_code *x = &a->codes[k];
            if (x->from && x->to && x->to < x->from) {
                f->never++;
                report(out, a->at, "never", "role %s ends before it starts%s", x->code, "", (origin){0});
            }
            for (int m = k + 1; m < a->ncodes; m++) {
                const dated_code *y = &a->codes[m];
                /* an open side ("..2016-09-29") is the usual way to say "until then, after the
                   roles written before it", so only two fully dated roles are compared */
                if (!x->from || !x->to || !y->from || !y->to || !strcmp(x->code, y->code)) continue;
                int32_t lo = date_to_days(x->from > y->from ? x->from : y->from);
                int32_t hi = date_to_days(x->to < y->to ? x->to : y->to);
                if (hi - lo >= 1) {
                    f->overlaps++;
                    report(out, a->at, "overlap", "roles %s and %s overlap by more than a day", x->code, y->code, (origin){0});
                }
            }
        }
    }
}

/* ---- codes ---- */

static bool event_code_known(const event_code *c)
{
    if (c->flags & (CF_NULL | CF_DISCARD | CF_COMPLEX)) return true;
    if (!c->code[0]) return true;
    const cameo_info *k = cameo_lookup(c->code);
    if (!k || strcmp(k->code, c->code)) return false;
    if (c->code2[0]) { k = cameo_lookup(c->code2); return k && !strcmp(k->code, c->code2); }
    return true;
}

static void check_event_codes(const dict *d, FILE *out, dict_findings *f)
{
    for (int i = 0; i < d->nverbs; i++) {
        const verb_entry *v = &d->verbs[i];
        if (!event_code_known(&v->code)) {
            f->unknown_codes++;
            report(out, v->at, "unknown code", "verb '%s' has event code %s, which is not in the CAMEO table",
                   v->text ? v->text : "?", v->code.code, (origin){0});
        }
        for (int j = 0; j < v->npats; j++) {
            const verb_pattern *p = &v->pats[j];
            if (event_code_known(&p->code)) continue;
            f->unknown_codes++;
            report(out, p->at, "unknown code", "pattern '%s' has event code %s, which is not in the CAMEO table",
                   p->text ? p->text : "?", p->code.code, (origin){0});
        }
    }
}

static bool root_known(const dict *d, const char *code)
{
    if (strlen(code) < 3) return false;
    for (int g = 0; generic_roots[g]; g++)
        if (!strncmp(code, generic_roots[g], 3)) return true;
    for (int i = 0; i < d->nactors; i++)
        for (int k = 0; k < d->actors[i].ncodes; k++)
            if (!strcmp(d->actors[i].codes[k].code, (char[4]){code[0], code[1], code[2], 0})) return true;
    for (int i = 0; i < d->nagents; i++)
        if (!strncmp(d->agents[i].code, code, 3)) return true;
    return false;
}

/* An actor code whose first three letters no country, organisation or agent defines is most often a
   typing slip ("RSUGOV"). Codes repeat a lot, so each distinct root is judged once. */
static void check_actor_codes(const dict *d, FILE *out, dict_findings *f)
{
    char (*seen)[4] = NULL;
    bool *ok = NULL;
    size_t n = 0, cap = 0, okcap = 0;
    for (int i = 0; i < d->nactors; i++) {
        const actor_entry *a = &d->actors[i];
        for (int k = 0; k < a->ncodes; k++) {
            const char *c = a->codes[k].code;
            if (!strcmp(c, "###") || !strcmp(c, "+++") || !strcmp(c, "---")) continue;
            size_t s = 0;
            while (s < n && strncmp(seen[s], c, 3)) s++;
            if (s == n) {
                GROW(seen, cap, n + 1);
                GROW(ok, okcap, n + 1);
                memcpy(seen[n], c, 3); seen[n][3] = 0;
                ok[n] = root_known(d, c);
                n++;
            }
            if (ok[s]) continue;
            f->unknown_codes++;
            report(out, a->at, "unknown code", "actor code %s: no country or organisation %s is defined", c, seen[s], (origin){0});
        }
    }
    free(seen); free(ok);
}

/* ---- entries that can never match ---- */

static void check_empty(const dict *d, FILE *out, dict_findings *f)
{
    for (int i = 0; i < d->nactors; i++) {
        const actor_entry *a = &d->actors[i];
        if (!a->ncodes) { f->never++; report(out, a->at, "never", "actor with no code%s%s", "", "", (origin){0}); }
        for (int j = 0; j < a->nnames; j++)
            if (!a->names[j].n) { f->never++; report(out, a->at, "never", "actor with an empty name%s%s", "", "", (origin){0}); }
    }
    for (int i = 0; i < d->nverbs; i++) {
        const verb_entry *v = &d->verbs[i];
        for (int j = 0; j < v->npats; j++)
            for (int k = 0; k < j; k++)
                if (v->pats[k].text && v->pats[j].text && !strcmp(v->pats[k].text, v->pats[j].text)) {
                    bool same = !strcmp(v->pats[k].code.code, v->pats[j].code.code);
                    if (same) f->duplicates++; else f->conflicts++;
                    report(out, v->pats[j].at, same ? "duplicate" : "conflict",
                           "pattern '%s' of '%s' is written twice: the second never applies",
                           v->pats[j].text, v->text ? v->text : "?", v->pats[k].at);
                    break;
                }
    }
}

long dict_check(const dict *d, FILE *out, dict_findings *f)
{
    memset(f, 0, sizeof *f);
    check_actor_names(d, out, f);
    check_agent_names(d, out, f);
    check_roles(d, out, f);
    check_event_codes(d, out, f);
    check_actor_codes(d, out, f);
    check_empty(d, out, f);
    return f->duplicates + f->conflicts + f->overlaps + f->unknown_codes + f->never;
}

/* ---- counts per code ---- */

typedef struct { char code[ACTOR_CODE_MAX]; long n; } code_count;

static int by_code(const void *a, const void *b)
{
    return strcmp(((const code_count *)a)->code, ((const code_count *)b)->code);
}

static void count_code(code_count **v, size_t *n, size_t *cap, const char *code, size_t len, long add)
{
    for (size_t i = 0; i < *n; i++)
        if (strlen((*v)[i].code) == len && !strncmp((*v)[i].code, code, len)) { (*v)[i].n += add; return; }
    GROW(*v, *cap, *n + 1);
    code_count *c = &(*v)[(*n)++];
    memset(c, 0, sizeof *c);
    memcpy(c->code, code, len < sizeof c->code ? len : sizeof c->code - 1);
    c->n = add;
}

static void print_counts(code_count *v, size_t n, FILE *out)
{
    if (n) qsort(v, n, sizeof *v, by_code);
    for (size_t i = 0; i < n; i++) fprintf(out, "%s\t%ld\n", v[i].code, v[i].n);
    free(v);
}

/* Names per root: the first three letters of the entry's first code (six for IGO/NGO...: "IGOUNO"),
   so a person counts for the country they act for. */
void dict_stats_per_country(const dict *d, FILE *out)
{
    code_count *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < d->nactors; i++) {
        const actor_entry *a = &d->actors[i];
        if (!a->ncodes) continue;
        const char *c = a->codes[0].code;
        size_t len = strlen(c) < 3 ? strlen(c) : 3;
        if (len == 3 && strlen(c) >= 6 && (!strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3) || !strncmp(c, "IMG", 3))) len = 6;
        count_code(&v, &n, &cap, c, len, a->nnames);
    }
    fprintf(out, "code\tnames\n");
    print_counts(v, n, out);
}

/* Patterns per CAMEO code (a verb's own code counts once, for its bare form), every code of the table
   listed, so codes no pattern reaches show as 0. */
void dict_stats_per_code(const dict *d, FILE *out)
{
    code_count *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; cameo_at(i); i++) count_code(&v, &n, &cap, cameo_at(i)->code, strlen(cameo_at(i)->code), 0);
    for (int i = 0; i < d->nverbs; i++) {
        const verb_entry *vb = &d->verbs[i];
        if (vb->code.code[0]) count_code(&v, &n, &cap, vb->code.code, strlen(vb->code.code), 1);
        for (int j = 0; j < vb->npats; j++)
            if (vb->pats[j].code.code[0])
                count_code(&v, &n, &cap, vb->pats[j].code.code, strlen(vb->pats[j].code.code), 1);
    }
    fprintf(out, "code\tpatterns\n");
    print_counts(v, n, out);
}

/* dict_tabari.c — readers for TABARI's .project, .actors, .agents, .verbs and .options files. */
#include "dict/dict.h"
#include "dict/dict_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif



/* What content_len must look at: brackets, ';', '#' and the line's NUL. The line is read sixteen bytes at a time
   (SSE2: the lines of dict_read_lines are followed by DICT_LINES_PAD readable bytes), a mask of those bytes a
   block, else a table look a byte. */
#if defined(__SSE2__)
static inline unsigned specials16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_setzero_si128()), _mm_cmpeq_epi8(x, _mm_set1_epi8('['))),
                               _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(']')), _mm_cmpeq_epi8(x, _mm_set1_epi8(';'))));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('#'))));
}
#endif

/* Whether the special byte at s[i] ends the line's content; depth counts open brackets. */
static inline bool ends_content(const char *s, size_t i, int *depth)
{
    char c = s[i];
    if (!c) return true;
    if (c == '[') ++*depth;
    else if (c == ']') --*depth;
    else if (*depth <= 0 && c == ';') return true;
    else if (*depth <= 0 && c == '#' && i > 0 && is_space(s[i - 1])) return true;
    return false;
}

/* Cut a line at its comment: ';' outside brackets (TABARI), or '#' after white space (Phoenix). */
static size_t content_len(const char *s)
{
    int depth = 0;
    size_t i = 0;
#if defined(__SSE2__)
    for (size_t at = 0;; at += 16) {
        unsigned m = specials16(s + at);
        for (; m; m &= m - 1)
            if (ends_content(s, i = at + (size_t)__builtin_ctz(m), &depth)) goto end;
    }
end:
#else
    static const uint8_t special[256] = {[0] = 1, ['['] = 1, [']'] = 1, [';'] = 1, ['#'] = 1};
    for (;; i++) {
        while (!special[(unsigned char)s[i]]) i++;
        if (ends_content(s, i, &depth)) break;
    }
#endif
    while (i && is_space(s[i - 1])) i--;
    return i;
}

static const char *ltrim(const char *s) { while (*s && is_space(*s)) s++; return s; }

/* "YYMMDD" or "YYYYMMDD" → date; 0 when malformed. A day past the month's end ("040931", common in
   the public CountryInfo files) is read as the month's last day, as TABARI did, rather than losing the
   whole entry. */
static ymd parse_dict_date(const char *s, size_t n)
{
    ymd d = date_parse(s, n);
    if (d || (n != 6 && n != 8)) return d;
    char tmp[9];
    memcpy(tmp, s, n);
    tmp[n] = 0;
    for (int day = 30; day >= 28; day--) {
        tmp[n - 2] = (char)('0' + day / 10);
        tmp[n - 1] = (char)('0' + day % 10);
        int old = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
        if (old > day && old <= 31 && (d = date_parse(tmp, n))) return d;
    }
    return 0;
}

static ymd shift_day(ymd d, int by) { return date_from_days(date_to_days(d) + by); }

/* Byte classes for code blocks, one table look instead of a chain of comparisons: white space (as
   is_space), '<' or '>', a digit, a byte a code may hold (letters, digits, - # + ~ /), '-'. */
enum { CB_SPACE = 1, CB_ANGLE = 2, CB_DIGIT = 4, CB_CODE = 8, CB_DASH = 16 };
#define CB_LETTERS(c) [c] = CB_CODE, [c + 32] = CB_CODE
static const uint8_t code_byte[256] = {
    [' '] = CB_SPACE, ['\t'] = CB_SPACE, ['\n'] = CB_SPACE, ['\r'] = CB_SPACE, ['\f'] = CB_SPACE, ['\v'] = CB_SPACE,
    ['<'] = CB_ANGLE, ['>'] = CB_ANGLE,
    ['0'] = CB_DIGIT | CB_CODE, ['1'] = CB_DIGIT | CB_CODE, ['2'] = CB_DIGIT | CB_CODE, ['3'] = CB_DIGIT | CB_CODE,
    ['4'] = CB_DIGIT | CB_CODE, ['5'] = CB_DIGIT | CB_CODE, ['6'] = CB_DIGIT | CB_CODE, ['7'] = CB_DIGIT | CB_CODE,
    ['8'] = CB_DIGIT | CB_CODE, ['9'] = CB_DIGIT | CB_CODE,
    ['-'] = CB_CODE | CB_DASH, ['#'] = CB_CODE, ['+'] = CB_CODE, ['~'] = CB_CODE, ['/'] = CB_CODE,
    CB_LETTERS('A'), CB_LETTERS('B'), CB_LETTERS('C'), CB_LETTERS('D'), CB_LETTERS('E'), CB_LETTERS('F'),
    CB_LETTERS('G'), CB_LETTERS('H'), CB_LETTERS('I'), CB_LETTERS('J'), CB_LETTERS('K'), CB_LETTERS('L'),
    CB_LETTERS('M'), CB_LETTERS('N'), CB_LETTERS('O'), CB_LETTERS('P'), CB_LETTERS('Q'), CB_LETTERS('R'),
    CB_LETTERS('S'), CB_LETTERS('T'), CB_LETTERS('U'), CB_LETTERS('V'), CB_LETTERS('W'), CB_LETTERS('X'),
    CB_LETTERS('Y'), CB_LETTERS('Z'),
};
#define CB(c) code_byte[(unsigned char)(c)]

/* One "[CODE]", "[CODE <YYMMDD]", "[CODE >YYMMDD]", "[CODE YYMMDD-YYMMDD]" block. */
static bool parse_dated_code(const char *s, size_t n, dated_code *out, const char **why)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < n && (CB(s[i]) & CB_SPACE)) i++;
    size_t b = i;
    while (i < n && !(CB(s[i]) & (CB_SPACE | CB_ANGLE | CB_DIGIT))) i++;
    /* codes may contain digits after letters (G77); take the alphanumeric run before the date part */
    while (i < n && !(CB(s[i]) & (CB_SPACE | CB_ANGLE))) i++;
    size_t cn = i - b;
    if (cn && cn < n && is_digit(s[b]) && cn == 6) { *why = "date without a code"; return false; }
    if (!cn) { *why = "empty code"; return false; }
    if (cn >= ACTOR_CODE_MAX) { *why = "code too long"; return false; }
    unsigned seen = CB_CODE;   /* every byte's class, and-ed (is each a code byte?) and or-ed (a dash?) */
    unsigned dash = 0;
    for (size_t k = 0; k < cn; k++) {
        unsigned c = CB(s[b + k]);
        seen &= c;
        dash |= c;
        out->code[k] = (char)(s[b + k] - ((unsigned)(s[b + k] - 'a') < 26u ? 32 : 0));
    }
    if (!seen) { *why = "bad character in code"; return false; }   /* (the caller drops *out then) */
    if (is_digit(s[b])) { *why = "code block without a code (a date alone?)"; return false; }
    if ((dash & CB_DASH) && !(cn == 3 && !memcmp(s + b, "---", 3))) { *why = "code and date run together"; return false; }
    while (i < n && is_space(s[i])) i++;
    if (i >= n) return true;
    char op = s[i];
    if (op == '<' || op == '>') {
        i++;
        while (i < n && (CB(s[i]) & CB_SPACE)) i++;
        size_t db = i;
        while (i < n && (CB(s[i]) & CB_DIGIT)) i++;
        ymd d = parse_dict_date(s + db, i - db);
        if (!d) { *why = "bad date"; return false; }
        if (op == '<') out->to = shift_day(d, -1);
        else out->from = shift_day(d, 1);
        return true;
    }
    size_t db = i;
    while (i < n && (CB(s[i]) & CB_DIGIT)) i++;
    ymd d1 = parse_dict_date(s + db, i - db);
    while (i < n && (CB(s[i]) & CB_SPACE)) i++;
    if (!d1 || i >= n || s[i] != '-') { *why = "bad date range"; return false; }
    i++;
    while (i < n && (CB(s[i]) & CB_SPACE)) i++;
    db = i;
    while (i < n && (CB(s[i]) & CB_DIGIT)) i++;
    ymd d2 = parse_dict_date(s + db, i - db);
    if (!d2) { *why = "bad date range"; return false; }
    out->from = d1;
    out->to = d2;
    return true;
}

/* The actor being read: its arrays are the reader's, reused from entry to entry; finish_actor gives the
   dictionary copies of exactly their size in the arena. */
typedef struct {
    actor_entry a;
    int cap_names, cap_codes;
} actor_draft;

/* Parse every [...] block of s[0..n); appends to the draft's codes. */
static bool parse_code_blocks(const char *s, size_t n, actor_draft *r, const char **why)
{
    const char *end = s + n;
    actor_entry *a = &r->a;
    while ((s = memchr(s, '[', (size_t)(end - s)))) {
        const char *e = memchr(s, ']', (size_t)(end - s));
        if (!e) { *why = "'[' without ']'"; return false; }
        dated_code c;
        if (!parse_dated_code(s + 1, (size_t)(e - s - 1), &c, why)) return false;
        GROW(a->codes, r->cap_codes, a->ncodes);
        a->codes[a->ncodes++] = c;
        s = e + 1;
    }
    return true;
}

/* Forget the entry (its phrases stay in the arena until dict_free; the arrays are kept for the next). */
static void actor_discard(actor_draft *r)
{
    r->a.nnames = r->a.ncodes = 0;
}

static bool add_name(dict *d, actor_draft *r, const char *s, size_t n, const char **why)
{
    phrase p;
    if (!dict_parse_phrase_kept(d, s, n, false, WM_NOUN, &p, why)) return false;
    GROW(r->a.names, r->cap_names, r->a.nnames);
    r->a.names[r->a.nnames++] = p;
    return true;
}

static void finish_actor(dict *d, actor_draft *r, bool *open)
{
    if (!*open) return;
    *open = false;
    actor_entry *a = &r->a;
    if (!a->ncodes) {
        dict_reject(d, a->at.file, a->at.line, "actor has no [CODE]");
        actor_discard(r);
        return;
    }
    actor_entry kept = *a;
    kept.names = dict_keep(d, a->names, (size_t)a->nnames * sizeof *a->names);
    kept.codes = dict_keep(d, a->codes, (size_t)a->ncodes * sizeof *a->codes);
    dict_add_actor(d, &kept);
    actor_discard(r);
}

static void add_word_list(dict *d, int kind, const char *s, size_t n, origin at)
{
    misc_entry m = {0};
    const char *why;
    if (!dict_parse_phrase_kept(d, s, n, false, WM_NOUN, &m.name, &why)) {
        dict_reject(d, at.file, at.line, "%s", why);
        return;
    }
    m.at = at;
    dict_add_misc(d, kind, &m);
}

/* Actors: also used for Phoenix .actors.txt files, which share the layout. */
int dict_read_tabari_actors(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    const char *file = dict_file(d, path);
    /* room for an entry every other line at once (TABARI's files have about that), not grown 30,000 times */
    GROW(d->actors, d->cap_actors, d->nactors + L.n / 2);
    actor_draft a = {0};
    bool open = false;
    int section = 0;   /* IX_NOUN / IX_ADJ inside <NOUN> / <ADJECTIVE> */
    for (int i = 0; i < L.n; i++) {
        const char *raw = L.line[i];
        const char *s = ltrim(raw);
        size_t n = content_len(s);
        origin at = {file, i + 1};
        if (s[0] == '~' && s[1] == '~') break;
        if (!n || *s == '#' || (*s == '<' && !strncmp(s, "<!--", 4)) || (s[0] == '/' && s[1] == '/')) {
            if (!*s) finish_actor(d, &a, &open);   /* only a blank line ends an entry, not a comment */
            continue;
        }
        if (*s == '<') {
            if (!strncmp(s, "<NOUN>", 6)) { finish_actor(d, &a, &open); section = IX_NOUN; continue; }
            if (!strncmp(s, "<ADJECTIVE>", 11)) { finish_actor(d, &a, &open); section = IX_ADJ; continue; }
            if (s[1] == '/') { section = 0; continue; }
        }
        if (section) { add_word_list(d, section, s, n, at); continue; }
        const char *why = NULL;
        if (*s == '+') {
            if (!open) { dict_reject(d, file, i + 1, "synonym '+' outside an actor entry"); continue; }
            const char *b = memchr(s, '[', n);
            size_t nn = b ? (size_t)(b - s - 1) : n - 1;
            if (!add_name(d, &a, s + 1, nn, &why)) { dict_reject(d, file, i + 1, "%s", why); continue; }
            /* the codes of a synonym line are read to the line's end, comment and all (as ever) */
            if (b && !parse_code_blocks(b, strlen(b), &a, &why)) dict_reject(d, file, i + 1, "%s", why);
            continue;
        }
        if (*s == '[') {
            if (!open) { dict_reject(d, file, i + 1, "code block outside an actor entry"); continue; }
            if (!parse_code_blocks(s, n < 511 ? n : 511, &a, &why)) dict_reject(d, file, i + 1, "%s", why);
            continue;
        }
        /* a new entry: NAME [codes...] or NAME alone, with codes and synonyms on following lines */
        finish_actor(d, &a, &open);
        a.a.at = at;
        open = true;
        const char *b = memchr(s, '[', n);
        size_t nn = b ? (size_t)(b - s) : n;
        while (nn && is_space(s[nn - 1])) nn--;
        if (!add_name(d, &a, s, nn, &why)) {
            dict_reject(d, file, i + 1, "%s", why);
            actor_discard(&a);
            open = false;
            continue;
        }
        if (b) {
            size_t k = (size_t)(s + n - b) < 1023 ? (size_t)(s + n - b) : 1023;
            if (!parse_code_blocks(b, k, &a, &why)) {
                dict_reject(d, file, i + 1, "%s", why);
                actor_discard(&a);
                open = false;
                continue;
            }
            /* A one-line entry is complete unless synonyms or code lines follow it. */
            const char *next = i + 1 < L.n ? ltrim(L.line[i + 1]) : "";
            if (*next != '+' && *next != '[') finish_actor(d, &a, &open);
        }
    }
    finish_actor(d, &a, &open);
    free(a.a.names);
    free(a.a.codes);
    dict_free_lines(&L);
    return 0;
}

int dict_read_tabari_agents(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    const char *file = dict_file(d, path);
    for (int i = 0; i < L.n; i++) {
        const char *s = ltrim(L.line[i]);
        size_t n = content_len(s);
        if (!strncmp(s, "~~", 2)) break;
        if (!n || *s == '#' || !strncmp(s, "//", 2) || (*s == '<' && !strncmp(s, "<!--", 4))) continue;
        const char *b = memchr(s, '[', n), *e = b ? memchr(b, ']', (size_t)(s + n - b)) : NULL;
        if (!b || !e) { dict_reject(d, file, i + 1, "agent has no [~CODE]"); continue; }
        agent_entry a = {0};
        a.at = (origin){file, i + 1};
        const char *c = b + 1;
        while (c < e && is_space(*c)) c++;
        const char *ce = e;
        while (ce > c && is_space(ce[-1])) ce--;
        if (ce - c < 2 || (*c != '~' && ce[-1] != '~')) { dict_reject(d, file, i + 1, "agent code must be [~XXX] or [XXX~]"); continue; }
        a.prefix = *c != '~';
        const char *cs = a.prefix ? c : c + 1;
        size_t cn = (size_t)(ce - c) - 1;
        if (cn >= ACTOR_CODE_MAX || !cn) { dict_reject(d, file, i + 1, "bad agent code"); continue; }
        for (size_t k = 0; k < cn; k++) a.code[k] = (char)to_upper(cs[k]);
        size_t nn = (size_t)(b - s);
        while (nn && is_space(s[nn - 1])) nn--;
        /* Phoenix agents: "NAME {PLURAL FORMS} [~CODE]" — the braces list other forms */
        const char *brace = memchr(s, '{', nn);
        size_t namelen = brace ? (size_t)(brace - s) : nn;
        while (namelen && is_space(s[namelen - 1])) namelen--;
        const char *why;
        if (!dict_parse_phrase_kept(d, s, namelen, false, WM_NOUN, &a.name, &why)) { dict_reject(d, file, i + 1, "%s", why); continue; }
        dict_add_agent(d, &a);
        if (brace) {
            const char *be = memchr(brace, '}', nn - (size_t)(brace - s));
            const char *p = brace + 1;
            while (be && p < be) {
                while (p < be && is_space(*p)) p++;
                const char *w = p;
                while (p < be && !is_space(*p)) p++;
                if (p > w) {
                    agent_entry b2 = a;
                    if (dict_parse_phrase_kept(d, w, (size_t)(p - w), false, WM_NOUN, &b2.name, &why)) dict_add_agent(d, &b2);
                }
            }
        }
    }
    dict_free_lines(&L);
    return 0;
}

int dict_read_tabari_options(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    const char *file = dict_file(d, path);
    for (int i = 0; i < L.n; i++) {
        const char *s = ltrim(L.line[i]);
        if (!*s || !strncmp(s, "//", 2) || *s == '#') continue;
        if (!strncmp(s, "~~", 2)) break;
        if (!dict_apply_option(d, s)) dict_reject(d, file, i + 1, "option not understood: %.60s", s);
    }
    dict_free_lines(&L);
    return 0;
}

/* "- SAID * TO ATTEND [082]" → pattern; false with why when malformed. */
static bool parse_pattern(dict *d, const char *s, size_t n, verb_pattern *vp, const char **why)
{
    const char *b = NULL;
    for (size_t k = n; k-- > 0;)
        if (s[k] == '[') { b = s + k; break; }
    if (!b) { *why = "pattern has no [CODE]"; return false; }
    const char *e = memchr(b, ']', (size_t)(s + n - b));
    if (!e) { *why = "'[' without ']'"; return false; }
    if (!dict_parse_event_code(b, (size_t)(e - b + 1), &vp->code)) { *why = "bad event code"; return false; }
    const char *p = s;
    while (p < b && (*p == '-' || is_space(*p))) p++;
    size_t pn = (size_t)(b - p);
    while (pn && is_space(p[pn - 1])) pn--;
    if (!dict_parse_phrase_kept(d, p, pn, true, WM_EXACT, &vp->p, why)) return false;
    vp->verb_at = -1;
    for (int i = 0; i < vp->p.n; i++)
        if (vp->p.e[i].kind == PE_VERB) { vp->verb_at = i; break; }
    if (vp->verb_at < 0) { *why = "pattern has no '*' for the verb"; return false; }   /* its elements stay in the arena */
    vp->words = dict_pattern_words(&vp->p);
    vp->text = (char *)dict_str(d, p, pn);
    return true;
}

static void finish_verb(dict *d, verb_entry *v, bool *open)
{
    if (!*open) return;
    *open = false;
    dict_add_verb(d, v);
    memset(v, 0, sizeof *v);
}

static void read_synset_line(dict *d, int *cur, const char *s, size_t n, origin at)
{
    if (*s == '&') {
        char name[128];
        size_t k = 0;
        while (k < n && k < sizeof name - 1 && !is_space(s[k])) { name[k] = (char)to_upper(s[k]); k++; }
        name[k] = 0;
        *cur = dict_synset(d, name);
        return;
    }
    if (*s != '+' || *cur < 0) { dict_reject(d, at.file, at.line, "synset member outside a synset"); return; }
    phrase p;
    const char *why;
    if (!dict_parse_phrase_kept(d, s + 1, n - 1, true, WM_EXACT, &p, &why)) { dict_reject(d, at.file, at.line, "%s", why); return; }
    phrase_set *set = &d->sets[*cur];
    if (set->n >= set->cap) {
        set->cap = set->cap ? set->cap * 2 : 4;
        set->alts = xrealloc(set->alts, (size_t)set->cap * sizeof *set->alts);
    }
    set->alts[set->n++] = p;
    d->read[0]++;
}

static void read_time_line(dict *d, const char *s, size_t n, origin at)
{
    if (*s == '-') return;   /* time patterns ("- * AND A WEEK") are not supported yet */
    const char *b = memchr(s, '[', n), *e = b ? memchr(b, ']', (size_t)(s + n - b)) : NULL;
    if (!b || !e) { dict_reject(d, at.file, at.line, "time entry has no [SHIFT]"); return; }
    misc_entry m = {0};
    m.at = at;
    const char *c = b + 1;
    while (c < e && is_space(*c)) c++;
    if (*c == '#') m.code.flags = CF_DISCARD;
    else if (*c == '+' && c[1] == '+') m.code.flags = CF_COMPLEX;
    else if (*c == '-' && !is_digit(c[1])) m.code.flags = CF_NULL;
    else m.shift_days = atoi(c);
    size_t nn = (size_t)(b - s);
    while (nn && is_space(s[nn - 1])) nn--;
    const char *why;
    if (!dict_parse_phrase_kept(d, s, nn, false, WM_EXACT, &m.name, &why)) { dict_reject(d, at.file, at.line, "%s", why); return; }
    dict_add_misc(d, IX_TIME, &m);
}

int dict_read_tabari_verbs(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    const char *file = dict_file(d, path);
    verb_entry v = {0};
    bool open = false;
    int section = 0, synset = -1;
    enum { SEC_SYN = 1, SEC_TIME };
    int pcap = 0, fcap = 0;
    for (int i = 0; i < L.n; i++) {
        const char *s = ltrim(L.line[i]);
        size_t n = content_len(s);
        origin at = {file, i + 1};
        if (s[0] == '~' && s[1] == '~') break;
        if (!n || *s == '#' || (s[0] == '/' && s[1] == '/') || (*s == '<' && !strncmp(s, "<!--", 4))) continue;
        if (*s == '<') {
            if (!strncmp(s, "<SYNSETS>", 9)) { section = SEC_SYN; continue; }
            if (!strncmp(s, "<TIME>", 6)) { section = SEC_TIME; continue; }
            if (s[1] == '/') { section = 0; continue; }
        }
        if (section == SEC_SYN) { read_synset_line(d, &synset, s, n, at); continue; }
        if (section == SEC_TIME) { read_time_line(d, s, n, at); continue; }
        const char *why = NULL;
        if (*s == '-' && n > 1 && is_space(s[1])) {
            if (!open) { dict_reject(d, file, i + 1, "pattern before any verb"); continue; }
            verb_pattern vp = {0};
            if (!parse_pattern(d, s, n, &vp, &why)) { dict_reject(d, file, i + 1, "%s", why); continue; }
            vp.at = at;
            GROW(v.pats, pcap, v.npats);
            v.pats[v.npats++] = vp;
            continue;
        }
        if (*s == '{') {
            /* forms of the root: { ACTING_ ACTXD_ ACTUALITY } */
            if (!open) { dict_reject(d, file, i + 1, "verb forms before any verb"); continue; }
            const char *e = memchr(s, '}', n);
            const char *p = s + 1;
            const char *end = e ? e : s + n;
            while (p < end) {
                while (p < end && is_space(*p)) p++;
                const char *w = p;
                while (p < end && !is_space(*p)) p++;
                if (p == w) break;
                phrase ph;
                if (!dict_parse_phrase_kept(d, w, (size_t)(p - w), false, WM_VERB, &ph, &why)) { dict_reject(d, file, i + 1, "%s", why); continue; }
                GROW(v.forms, fcap, v.nforms);
                v.forms[v.nforms++] = ph;
            }
            continue;
        }
        /* a verb root: WORDS [CODE] */
        finish_verb(d, &v, &open);
        pcap = fcap = 0;
        const char *b = memchr(s, '[', n);
        const char *e = b ? memchr(b, ']', (size_t)(s + n - b)) : NULL;
        if (!b || !e) { dict_reject(d, file, i + 1, "verb has no [CODE]"); continue; }
        v.at = at;
        if (!dict_parse_event_code(b, (size_t)(e - b + 1), &v.code)) { dict_reject(d, file, i + 1, "bad event code"); continue; }
        size_t nn = (size_t)(b - s);
        while (nn && is_space(s[nn - 1])) nn--;
        phrase ph;
        if (!dict_parse_phrase_kept(d, s, nn, false, WM_VERB, &ph, &why)) { dict_reject(d, file, i + 1, "%s", why); continue; }
        fcap = 4;   /* most roots list a few forms: room for them at once */
        v.forms = xmalloc((size_t)fcap * sizeof *v.forms);
        v.forms[0] = ph;
        v.nforms = 1;
        v.text = (char *)dict_str(d, s, nn);
        open = true;
    }
    finish_verb(d, &v, &open);
    dict_free_lines(&L);
    return 0;
}

int dict_read_tabari_project(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path + 1) : 0;
    if (dl >= sizeof dir) dl = 0;
    memcpy(dir, path, dl);
    dir[dl] = 0;
    int rc = 0;
    d->opt.min_words = 8;   /* TABARI's defaults: SET: MINIMUM WORDS = 8, no FORWARD: */
    d->opt.forward = 0;
    d->opt.style = STYLE_TABARI;
    for (int i = 0; i < L.n; i++) {
        const char *s = ltrim(L.line[i]);
        static const struct { const char *tag; int (*fn)(dict *, const char *); } tags[] = {
            {"<actorsfile>", dict_read_tabari_actors},
            {"<verbsfile>", dict_read_tabari_verbs},
            {"<agentsfile>", dict_read_tabari_agents},
            {"<optionsfile>", dict_read_tabari_options},
        };
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            size_t tl = strlen(tags[t].tag);
            if (strncmp(s, tags[t].tag, tl) != 0) continue;
            const char *f = ltrim(s + tl);
            size_t fl = 0;
            while (f[fl] && !is_space(f[fl])) fl++;
            char full[8192];
            snprintf(full, sizeof full, "%s%.*s", f[0] == '/' ? "" : dir, (int)fl, f);
            if (tags[t].fn(d, full) != 0) rc = -1;
        }
    }
    dict_free_lines(&L);
    return rc;
}

/* dict_petrarch.c — readers for PETRARCH / Phoenix dictionary files (actors, agents, discards, issues, verbs) and their folders. */
#include "dict/dict.h"
#include "dict/dict_read.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- lines and comments ---- */



static bool is_blank(const char *s)
{
    while (*s && is_space(*s)) s++;
    return !*s;
}

/* Cuts comments out of a line in place and trims it. Comments are '#' or ';' outside [...] (PETRARCH
   and the TABARI files it inherited), and <!-- ... -->, which may span lines (*in_xml carries that). */
/* The bytes clean_line must look at; the others are kept as they are, a run at a time. */
static const uint8_t clean_special[256] = {[0] = 1, ['<'] = 1, ['['] = 1, [']'] = 1, ['#'] = 1, [';'] = 1};

static char *clean_line(char *s, bool *in_xml)
{
    char *w = s, *r = s;
    int depth = 0;
    while (*r) {
        if (*in_xml) {
            char *e = strstr(r, "-->");
            if (!e) break;
            r = e + 3;
            *in_xml = false;
            continue;
        }
        if (w == r) {   /* nothing cut yet: pass over the plain bytes where they are */
            while (!clean_special[(unsigned char)*r]) r++;
            w = r;
        } else {
            while (!clean_special[(unsigned char)*r]) *w++ = *r++;
        }
        if (!*r) break;
        if (*r == '<' && !strncmp(r, "<!--", 4)) { *in_xml = true; r += 4; continue; }
        if (*r == '[') depth++;
        else if (*r == ']' && depth) depth--;
        else if (!depth && (*r == '#' || *r == ';')) break;
        *w++ = *r++;
    }
    *w = 0;
    while (w > s && is_space(w[-1])) *--w = 0;
    while (is_space(*s)) s++;
    return s;
}

static size_t trim_end(const char *s, size_t n)
{
    while (n && is_space(s[n - 1])) n--;
    return n;
}

static bool has_ci(const char *s, const char *sub)
{
    size_t k = strlen(sub);
    for (; *s; s++) {
        size_t i = 0;
        while (i < k && s[i] && to_lower((unsigned char)s[i]) == to_lower((unsigned char)sub[i])) i++;
        if (i == k) return true;
    }
    return false;
}

/* ---- phrase text ----
   PETRARCH does not stem: every word of a name is a whole word. In dyad's phrase syntax a word is
   closed by a following '_', so each word that is not already followed by one gets it. */
static void close_words(strbuf *b, const char *s, size_t n, bool drop_plus)
{
    sb_clear(b);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (drop_plus && c == '+') continue;    /* '+' marks the verb word of a multi-word verb */
        if (is_space(c)) {
            if (b->len && b->s[b->len - 1] != '_' && b->s[b->len - 1] != ' ') sb_addc(b, '_');
            if (b->len && b->s[b->len - 1] != ' ') sb_addc(b, ' ');
            continue;
        }
        sb_addc(b, c);
    }
    if (b->len && b->s[b->len - 1] != '_' && b->s[b->len - 1] != ' ') sb_addc(b, '_');
}

/* PETRARCH matches synset members and discards as consecutive words: spaces become '_'. */
static void join_words(strbuf *b, const char *s, size_t n)
{
    sb_clear(b);
    for (size_t i = 0; i < n; i++) {
        if (!is_space(s[i])) sb_addc(b, s[i]);
        else if (b->len && b->s[b->len - 1] != '_') sb_addc(b, '_');
    }
}

static bool parse_closed(dict *d, strbuf *tmp, const char *s, size_t n, int ending, bool drop_plus,
                         phrase *p, const char **why)
{
    close_words(tmp, s, n, drop_plus);
    if (!tmp->len) { *why = "empty phrase"; p->e = NULL; p->n = 0; return false; }
    return dict_parse_phrase_kept(d, tmp->s, tmp->len, false, ending, p, why);
}

/* ---- actors ---- */

static ymd shift_day(ymd d, int by) { return date_from_days(date_to_days(d) + by); }

static bool code_char_ok(char c)
{
    return is_alnum(c) || c == '-' || c == '#' || c == '+' || c == '~' || c == '/' || c == '_' || c == '.';
}

/* A date of 6 (YYMMDD) or 8 (YYYYMMDD) digits at s[*i]; 0 when malformed. */
static ymd take_date(const char *s, size_t n, size_t *i)
{
    while (*i < n && is_space(s[*i])) (*i)++;
    size_t b = *i;
    while (*i < n && is_digit(s[*i])) (*i)++;
    return date_parse(s + b, *i - b);
}

/* The inside of one "[CODE]", "[CODE <D]", "[CODE >D]" or "[CODE D-D]" block. */
static bool parse_dated(const char *s, size_t n, dated_code *out, const char **why)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < n && is_space(s[i])) i++;
    size_t b = i;
    while (i < n && !is_space(s[i]) && s[i] != '<' && s[i] != '>') i++;
    size_t cn = i - b;
    if (!cn) { *why = "empty actor code"; return false; }
    if (cn >= ACTOR_CODE_MAX) { *why = "actor code too long"; return false; }
    if (is_digit(s[b]) && cn >= 6) { *why = "date without an actor code"; return false; }
    for (size_t k = 0; k < cn; k++) {
        if (!code_char_ok(s[b + k])) { *why = "bad character in actor code"; return false; }
        out->code[k] = (char)to_upper(s[b + k]);
    }
    while (i < n && is_space(s[i])) i++;
    if (i == n) return true;
    if (s[i] == '<' || s[i] == '>') {
        char op = s[i++];
        ymd d = take_date(s, n, &i);
        if (!d) { *why = "bad date"; return false; }
        /* as in the TABARI reader: "<D" ends the day before D, ">D" starts the day after */
        if (op == '<') out->to = shift_day(d, -1);
        else out->from = shift_day(d, 1);
    } else {
        out->from = take_date(s, n, &i);
        while (i < n && is_space(s[i])) i++;
        if (!out->from || i >= n || s[i] != '-') { *why = "bad date range"; return false; }
        i++;
        out->to = take_date(s, n, &i);
        if (!out->to) { *why = "bad date range"; return false; }
        if (out->to < out->from) { *why = "date range ends before it starts"; return false; }
    }
    while (i < n && is_space(s[i])) i++;
    if (i != n) { *why = "junk after the date"; return false; }
    return true;
}

typedef struct {
    dict *d;
    const char *file;
    actor_entry a;
    int cap_names, cap_codes;
    enum { A_NONE, A_OPEN, A_SKIP } state;   /* A_SKIP: the entry's name was rejected */
    strbuf tmp;
} actor_reader;

/* Forget the entry: its phrases stay in the arena until dict_free; the arrays are kept for the next one
   (actor_finish gives the dictionary copies of exactly their size). */
static void actor_clear(actor_reader *r)
{
    r->a.nnames = r->a.ncodes = 0;
}

/* PETRARCH uses an undated code only when no dated one applies, and a later undated code replaces an
   earlier one: put dated codes first (in file order), then undated ones, latest first. */
static void order_codes(actor_entry *a)
{
    dated_code local[16];
    dated_code *o = a->ncodes <= 16 ? local : xmalloc((size_t)a->ncodes * sizeof *o);
    int k = 0;
    for (int i = 0; i < a->ncodes; i++)
        if (a->codes[i].from || a->codes[i].to) o[k++] = a->codes[i];
    for (int i = a->ncodes; i-- > 0;)
        if (!a->codes[i].from && !a->codes[i].to) o[k++] = a->codes[i];
    memcpy(a->codes, o, (size_t)a->ncodes * sizeof *o);
    if (o != local) free(o);
}

static void actor_finish(actor_reader *r)
{
    if (r->state == A_OPEN && !r->a.ncodes) dict_reject(r->d, r->file, r->a.at.line, "actor has no [CODE]");
    if (r->state == A_OPEN && r->a.ncodes) {
        order_codes(&r->a);
        actor_entry kept = r->a;
        kept.names = dict_keep(r->d, r->a.names, (size_t)r->a.nnames * sizeof *r->a.names);
        kept.codes = dict_keep(r->d, r->a.codes, (size_t)r->a.ncodes * sizeof *r->a.codes);
        dict_add_actor(r->d, &kept);
    }
    actor_clear(r);
    r->state = A_NONE;
}

/* Every "[...]" block in s[0..n) is a code of the open entry. */
static bool actor_codes(actor_reader *r, const char *s, size_t n, const char **why)
{
    const char *end = s + n;
    while ((s = memchr(s, '[', (size_t)(end - s)))) {
        const char *e = memchr(s, ']', (size_t)(end - s));
        if (!e) { *why = "'[' without ']'"; return false; }
        dated_code c;
        if (!parse_dated(s + 1, (size_t)(e - s - 1), &c, why)) return false;
        GROW(r->a.codes, r->cap_codes, r->a.ncodes);
        r->a.codes[r->a.ncodes++] = c;
        s = e + 1;
    }
    return true;
}

static bool actor_name(actor_reader *r, const char *s, size_t n, const char **why)
{
    phrase p;
    if (!parse_closed(r->d, &r->tmp, s, n, WM_NOUN, false, &p, why)) return false;
    GROW(r->a.names, r->cap_names, r->a.nnames);
    r->a.names[r->a.nnames++] = p;
    return true;
}

/* "NAME [codes]": starts a new entry, unless the open one has no codes yet: PETRARCH gives
   consecutive names the codes that follow them all ("GHURABA_AL_SHAM_" / "GHURABA_AL-SHAM_" / "[X]"). */
static void actor_name_line(actor_reader *r, const char *s, int line)
{
    if (r->state != A_OPEN || r->a.ncodes) {
        actor_finish(r);
        r->a.at = (origin){r->file, line};
    }
    const char *b = strchr(s, '[');
    size_t n = b ? (size_t)(b - s) : strlen(s);
    const char *why = NULL;
    if (!actor_name(r, s, trim_end(s, n), &why) || (b && !actor_codes(r, b, strlen(b), &why))) {
        dict_reject(r->d, r->file, line, "%s", why);
        actor_clear(r);
        r->state = A_SKIP;
        return;
    }
    r->state = A_OPEN;
}

/* "+SYNONYM [codes]" or "[CODE ...]" inside an entry. */
static void actor_more(actor_reader *r, const char *s, int line)
{
    if (r->state == A_SKIP) return;
    if (r->state == A_NONE) {
        /* one rejection for the orphaned group, not one per line */
        dict_reject(r->d, r->file, line, *s == '+' ? "synonym '+' outside an actor entry" : "code outside an actor entry");
        r->state = A_SKIP;
        return;
    }
    const char *why = NULL;
    const char *b = strchr(s, '[');
    if (*s == '+') {
        size_t n = b ? (size_t)(b - s - 1) : strlen(s + 1);
        if (!actor_name(r, s + 1, trim_end(s + 1, n), &why)) { dict_reject(r->d, r->file, line, "%s", why); return; }
    }
    if (b && !actor_codes(r, b, strlen(b), &why)) dict_reject(r->d, r->file, line, "%s", why);
}

int dict_read_petrarch_actors(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    actor_reader r = {.d = d, .file = dict_file(d, path)};
    sb_init(&r.tmp);
    bool in_xml = false;
    for (int i = 0; i < L.n; i++) {
        bool blank = !in_xml && is_blank(L.line[i]);
        char *s = clean_line(L.line[i], &in_xml);
        if (blank) actor_finish(&r);    /* a blank line ends an entry; a comment line does not */
        if (!*s || *s == '<') continue;
        if (!strncmp(s, "~~", 2) || strstr(s, "---STOP---")) break;
        if (*s == '+' || *s == '[') actor_more(&r, s, i + 1);
        else actor_name_line(&r, s, i + 1);
    }
    actor_finish(&r);
    free(r.a.names);
    free(r.a.codes);
    sb_free(&r.tmp);
    dict_free_lines(&L);
    return 0;
}

/* ---- agents ---- */

typedef struct {
    char *name;      /* without the '!'s */
    char **alt;
    int nalt;
} marker;

typedef struct {
    dict *d;
    const char *file;
    marker *mk;
    int nmk, cap_mk;
    strbuf tmp;
} agent_reader;

static void markers_free(agent_reader *r)
{
    for (int i = 0; i < r->nmk; i++) {
        for (int j = 0; j < r->mk[i].nalt; j++) free(r->mk[i].alt[j]);
        free(r->mk[i].alt);
        free(r->mk[i].name);
    }
    free(r->mk);
}

static marker *find_marker(agent_reader *r, const char *name, size_t n)
{
    for (int i = r->nmk; i-- > 0;)
        if (strlen(r->mk[i].name) == n && !strncmp(r->mk[i].name, name, n)) return &r->mk[i];
    return NULL;
}

/* "!PERSON! = MAN, MEN, WOMAN": a later definition of the same marker replaces the earlier one. */
static void define_marker(agent_reader *r, const char *s, int line)
{
    const char *a = strchr(s, '!'), *b = a ? strchr(a + 1, '!') : NULL, *eq = b ? strchr(b, '=') : NULL;
    if (!a || !b || !eq || b == a + 1) { dict_reject(r->d, r->file, line, "substitution marker incorrectly defined"); return; }
    marker m = {xstrndup(a + 1, (size_t)(b - a - 1)), NULL, 0};
    int cap = 0;
    for (const char *p = eq + 1; *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        const char *w = p;
        while (n && is_space(*w)) { w++; n--; }
        n = trim_end(w, n);
        if (n) {
            GROW(m.alt, cap, m.nalt);
            m.alt[m.nalt++] = xstrndup(w, n);
        }
        p = c ? c + 1 : p + strlen(p);
    }
    if (!m.nalt) {
        free(m.name);
        dict_reject(r->d, r->file, line, "substitution marker has no alternatives");
        return;
    }
    GROW(r->mk, r->cap_mk, r->nmk);
    r->mk[r->nmk++] = m;
}

static bool agent_add(agent_reader *r, const agent_entry *proto, const char *s, size_t n, const char **why)
{
    agent_entry a = *proto;
    /* whole words: the plurals PETRARCH means are added as entries of their own ("POLICE {}" has none) */
    if (!parse_closed(r->d, &r->tmp, s, n, WM_EXACT, false, &a.name, why)) return false;
    dict_add_agent(r->d, &a);
    return true;
}

/* Every combination of the markers in s[from..], added as agents; false (why set) on an unknown
   marker. Text put in by a substitution is not searched again, so "!X! = A!X!" cannot loop, and
   `budget` bounds the number of combinations. */
static bool expand_markers(agent_reader *r, const agent_entry *proto, const char *s, size_t from, int *budget,
                           const char **why)
{
    const char *a = strchr(s + from, '!');
    if (!a) {
        if (--*budget < 0) { *why = "too many substitution combinations"; return false; }
        return agent_add(r, proto, s, strlen(s), why);
    }
    const char *b = strchr(a + 1, '!');
    if (!b) { *why = "substitution marker without a closing '!'"; return false; }
    const marker *m = find_marker(r, a + 1, (size_t)(b - a - 1));
    if (!m) { *why = "unknown substitution marker"; return false; }
    strbuf x;
    sb_init(&x);
    bool ok = true;
    for (int i = 0; ok && i < m->nalt; i++) {
        sb_clear(&x);
        sb_add(&x, s, (size_t)(a - s));
        sb_adds(&x, m->alt[i]);
        size_t next = x.len;
        sb_adds(&x, b + 1);
        ok = expand_markers(r, proto, x.s, next, budget, why);
    }
    sb_free(&x);
    return ok;
}

/* PETRARCH's regular plural of the phrase's last word: Y → IES (after a consonant), S X Z CH SH → +ES, else +S. */
static void make_plural(strbuf *out, const char *s, size_t n)
{
    while (n && (s[n - 1] == '_' || is_space(s[n - 1]))) n--;
    sb_clear(out);
    if (!n) return;
    int c = to_upper((unsigned char)s[n - 1]), p = n > 1 ? to_upper((unsigned char)s[n - 2]) : 0;
    bool vowel = p && strchr("AEIOU", p);
    if (c == 'Y' && n > 1 && !vowel) { sb_add(out, s, n - 1); sb_adds(out, "IES"); return; }
    sb_add(out, s, n);
    if (c == 'S' || c == 'X' || c == 'Z' || ((c == 'H') && (p == 'C' || p == 'S'))) sb_adds(out, "ES");
    else sb_adds(out, "S");
}

/* "[~GOV]" (after the actor code) or "[NGO~]" (before it). */
static bool agent_code(const char *s, size_t n, agent_entry *a, const char **why)
{
    while (n && is_space(*s)) { s++; n--; }
    n = trim_end(s, n);
    if (n < 2 || (*s != '~' && s[n - 1] != '~')) { *why = "agent code must be [~XXX] or [XXX~]"; return false; }
    a->prefix = *s != '~';
    const char *c = a->prefix ? s : s + 1;
    size_t cn = n - 1;
    if (cn >= ACTOR_CODE_MAX) { *why = "agent code too long"; return false; }
    for (size_t k = 0; k < cn; k++) {
        if (!code_char_ok(c[k]) || c[k] == '~') { *why = "bad character in agent code"; return false; }
        a->code[k] = (char)to_upper(c[k]);
    }
    a->code[cn] = 0;
    return true;
}

static void agent_line(agent_reader *r, const char *s, int line)
{
    const char *b = strchr(s, '['), *e = b ? strchr(b, ']') : NULL;
    if (!b || !e) { dict_reject(r->d, r->file, line, "agent has no [~CODE]"); return; }
    agent_entry a = {.at = {r->file, line}};
    const char *why = NULL;
    if (!agent_code(b + 1, (size_t)(e - b - 1), &a, &why)) { dict_reject(r->d, r->file, line, "%s", why); return; }
    size_t n = trim_end(s, (size_t)(b - s));
    const char *brace = memchr(s, '{', n), *close = brace ? memchr(brace, '}', n - (size_t)(brace - s)) : NULL;
    if (brace && !close) { dict_reject(r->d, r->file, line, "'{' without '}'"); return; }
    size_t nn = trim_end(s, brace ? (size_t)(brace - s) : n);
    char *name = xstrndup(s, nn);
    if (strchr(name, '!')) {
        /* substituted forms get no plurals (PETRARCH); the caps keep a hostile line cheap */
        int budget = 1024, bangs = 0;
        for (const char *p = name; (p = strchr(p, '!')); p++) bangs++;
        if (bangs > 16) why = "too many substitution markers";
        else expand_markers(r, &a, name, 0, &budget, &why);
        if (why) dict_reject(r->d, r->file, line, "%s", why);
        free(name);
        return;
    }
    if (!agent_add(r, &a, name, nn, &why)) { dict_reject(r->d, r->file, line, "%s", why); free(name); return; }
    free(name);
    strbuf pl;
    sb_init(&pl);
    if (brace) sb_add(&pl, brace + 1, (size_t)(close - brace - 1));   /* "{}" → no plural */
    else make_plural(&pl, s, nn);
    size_t pn = trim_end(pl.s ? pl.s : "", pl.len);
    const char *ps = pl.s;
    while (pn && is_space(*ps)) { ps++; pn--; }
    if (pn && !agent_add(r, &a, ps, pn, &why)) dict_reject(r->d, r->file, line, "plural: %s", why);
    sb_free(&pl);
}

int dict_read_petrarch_agents(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    agent_reader r = {.d = d, .file = dict_file(d, path)};
    sb_init(&r.tmp);
    bool in_xml = false;
    for (int i = 0; i < L.n; i++) {
        char *s = clean_line(L.line[i], &in_xml);
        if (!*s || *s == '<') continue;   /* '<' lines are tags such as <Combine>, not agents */
        if (!strncmp(s, "~~", 2) || strstr(s, "---STOP---")) break;
        const char *b = strchr(s, '['), *eq = strchr(s, '=');
        if (*s == '!' && eq && (!b || eq < b)) define_marker(&r, s, i + 1);
        else agent_line(&r, s, i + 1);
    }
    markers_free(&r);
    sb_free(&r.tmp);
    dict_free_lines(&L);
    return 0;
}

/* ---- discards ---- */

/* PETRARCH looks a discard up as a substring that starts at a word: the words are consecutive and
   whole, except the last, which is a stem unless it ends with '_'. */
int dict_read_petrarch_discards(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    const char *file = dict_file(d, path);
    strbuf tmp;
    sb_init(&tmp);
    bool in_xml = false;
    for (int i = 0; i < L.n; i++) {
        char *s = clean_line(L.line[i], &in_xml);
        if (!*s || *s == '<') continue;
        misc_entry m = {.at = {file, i + 1}};
        m.code.flags = CF_DISCARD;
        if (*s == '+') { m.story = true; s++; }
        while (is_space(*s)) s++;
        join_words(&tmp, s, strlen(s));
        const char *why = "empty discard";
        if (!tmp.len || !dict_parse_phrase_kept(d, tmp.s, tmp.len, false, WM_EXACT, &m.name, &why)) {
            dict_reject(d, file, i + 1, "%s", why);
            continue;
        }
        dict_add_misc(d, IX_DISCARD, &m);
    }
    sb_free(&tmp);
    dict_free_lines(&L);
    return 0;
}

/* ---- issues ----
   "n:WORD" is a noun (its regular plurals match too), "v:WORD" a verb (regular forms), and "A+B"
   stands for both "A B" and "A-B". The words of an issue phrase are consecutive and whole. */

#define ISSUE_WORDS 32

typedef struct {
    strbuf text;
    int mode;         /* WM_EXACT, WM_NOUN or WM_VERB */
    bool has_alt;     /* a regular form the word mode does not cover: ACADEMIES, MIGRATING */
} iword;

/* Strips "N:" / "V:" from the start of a piece; returns the word mode it asks for. */
static int issue_prefix(const char **s, size_t *n)
{
    if (*n > 2 && (*s)[1] == ':') {
        int c = to_upper((unsigned char)**s);
        if (c == 'N' || c == 'V') { *s += 2; *n -= 2; return c == 'N' ? WM_NOUN : WM_VERB; }
    }
    return WM_EXACT;
}

/* Splits the phrase into words; `hyphen`: '+' joins with '-' (else it separates words). */
static int issue_words(const char *s, size_t n, bool hyphen, iword *w)
{
    int nw = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_space(s[i])) i++;
        if (i >= n) break;
        if (nw == ISSUE_WORDS) return -1;
        iword *cur = &w[nw++];
        sb_clear(&cur->text);
        cur->mode = WM_EXACT;
        while (i < n && !is_space(s[i])) {
            size_t b = i;
            while (i < n && !is_space(s[i]) && s[i] != '+') i++;
            const char *p = s + b;
            size_t pn = i - b;
            cur->mode = issue_prefix(&p, &pn);
            sb_add(&cur->text, p, pn);
            if (i < n && s[i] == '+') {
                i++;
                if (hyphen) sb_addc(&cur->text, '-');
                else if (i < n && !is_space(s[i])) {
                    if (nw == ISSUE_WORDS) return -1;
                    cur = &w[nw++];
                    sb_clear(&cur->text);
                    cur->mode = WM_EXACT;
                }
            }
        }
    }
    for (int k = 0; k < nw; k++) {
        const strbuf *t = &w[k].text;
        char last = t->len ? (char)to_upper((unsigned char)t->s[t->len - 1]) : 0;
        w[k].has_alt = (w[k].mode == WM_NOUN && last == 'Y') || (w[k].mode == WM_VERB && last == 'E');
    }
    return nw;
}

/* Adds one issue for the combination `alts` (bit k: word k in its alternative form); false when the
   phrase is malformed (rejected). */
static bool issue_add(dict *d, strbuf *tmp, iword *w, int nw, unsigned alts, const char *issue, origin at)
{
    sb_clear(tmp);
    for (int k = 0; k < nw; k++) {
        const strbuf *t = &w[k].text;
        if (alts >> k & 1) {
            sb_add(tmp, t->s, t->len - 1);
            sb_adds(tmp, w[k].mode == WM_NOUN ? "IES" : "ING");
        } else {
            sb_add(tmp, t->s, t->len);
        }
        sb_addc(tmp, '_');
    }
    issue_entry e = {.issue = (char *)issue, .at = at};
    const char *why;
    if (!dict_parse_phrase_kept(d, tmp->s, tmp->len, false, WM_EXACT, &e.name, &why)) {
        dict_reject(d, at.file, at.line, "%s", why);
        return false;
    }
    /* one element per word, unless a word vanished ("~"): then the modes cannot be placed */
    if (e.name.n == nw)
        for (int k = 0; k < nw; k++)
            if (!(alts >> k & 1) && e.name.e[k].kind == PE_WORD && e.name.e[k].mode == WM_EXACT)
                e.name.e[k].mode = (uint8_t)w[k].mode;
    dict_add_issue(d, &e);
    return true;
}

static void issue_line(dict *d, strbuf *tmp, iword *w, const char *s, const char *category, origin at)
{
    const char *b = strchr(s, '[');
    const char *issue = category;
    if (b) {
        const char *e = strchr(b, ']');
        const char *c = b + 1;
        while (c < (e ? e : b) && is_space(*c)) c++;
        size_t cn = e ? trim_end(c, (size_t)(e - c)) : 0;
        if (!e || !cn) { dict_reject(d, at.file, at.line, e ? "empty issue code" : "'[' without ']'"); return; }
        issue = dict_str(d, c, cn);
    }
    if (!issue) { dict_reject(d, at.file, at.line, "issue phrase has no [CODE] and no <ISSUE CATEGORY>"); return; }
    size_t n = trim_end(s, b ? (size_t)(b - s) : strlen(s));
    for (int hyphen = 0; hyphen < 2; hyphen++) {
        if (hyphen && !memchr(s, '+', n)) break;
        int nw = issue_words(s, n, hyphen, w);
        if (nw <= 0) { dict_reject(d, at.file, at.line, nw ? "issue phrase too long" : "empty issue phrase"); return; }
        unsigned mask = 0;
        int nalt = 0;
        for (int k = 0; k < nw; k++)
            if (w[k].has_alt && nalt < 6) { mask |= 1u << k; nalt++; }
        /* every subset of the words with alternatives */
        for (unsigned sub = 0;; sub = (sub - mask) & mask) {
            if (!issue_add(d, tmp, w, nw, sub, issue, at)) return;   /* one rejection per line */
            if (sub == mask) break;
        }
    }
}

/* CATEGORY="X" of an <ISSUE ...> line, or NULL. */
static const char *issue_category(dict *d, const char *s)
{
    const char *c = strstr(s, "CATEGORY");
    if (!c || !(c = strchr(c, '"'))) return NULL;
    const char *e = strchr(c + 1, '"');
    return e && e > c + 1 ? dict_str(d, c + 1, (size_t)(e - c - 1)) : NULL;
}

int dict_read_petrarch_issues(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    const char *file = dict_file(d, path);
    strbuf tmp;
    sb_init(&tmp);
    iword w[ISSUE_WORDS];
    for (int k = 0; k < ISSUE_WORDS; k++) sb_init(&w[k].text);
    const char *category = NULL;
    bool in_xml = false;
    for (int i = 0; i < L.n; i++) {
        char *s = clean_line(L.line[i], &in_xml);
        if (!*s || *s == '~') continue;   /* '~' / '~~': exclusion phrases, not issues */
        if (!strncmp(s, "<ISSUE", 6)) { category = issue_category(d, s); continue; }
        if (!strncmp(s, "</", 2)) { category = NULL; continue; }
        if (*s == '<') continue;
        issue_line(d, &tmp, w, s, category, (origin){file, i + 1});
    }
    for (int k = 0; k < ISSUE_WORDS; k++) sb_free(&w[k].text);
    sb_free(&tmp);
    dict_free_lines(&L);
    return 0;
}

/* ---- verbs ---- */

typedef struct {
    dict *d;
    const char *file;
    verb_entry v;
    int cap_forms, cap_pats;
    enum { V_NONE, V_BLOCK, V_LOOSE, V_SKIP } state;  /* V_LOOSE: a root with a code outside any block */
    bool in_synset, syn_plain;    /* syn_plain: the label ended in '_' (no plurals: members are closed) */
    int synset;                   /* -1 after a rejected label: its members are skipped */
    strbuf tmp;
} verb_reader;

static void verb_clear(verb_reader *r)
{
    /* the phrases' elements stay in the arena until dict_free */
    free(r->v.forms);
    free(r->v.pats);
    memset(&r->v, 0, sizeof r->v);
    r->cap_forms = r->cap_pats = 0;
}

static void verb_finish(verb_reader *r)
{
    /* an empty block loses nothing; patterns without a verb are lost, so say so */
    if ((r->state == V_BLOCK || r->state == V_LOOSE) && !r->v.nforms && r->v.npats)
        dict_reject(r->d, r->file, r->v.at.line, "verb block has patterns but no verb");
    if ((r->state == V_BLOCK || r->state == V_LOOSE) && r->v.nforms) {
        dict_add_verb(r->d, &r->v);
        memset(&r->v, 0, sizeof r->v);
        r->cap_forms = r->cap_pats = 0;
    }
    verb_clear(r);
    r->state = V_NONE;
}

/* An event code; "[:173]" (PETRARCH-2: only the paired event, target → source) has an empty first code. */
static bool parse_code(const char *s, size_t n, event_code *out)
{
    while (n && is_space(*s)) { s++; n--; }
    n = trim_end(s, n);
    if (!n || *s != ':') return dict_parse_event_code(s, n, out);
    char buf[2 * EVENT_CODE_MAX];
    if (n + 2 > sizeof buf) return false;
    buf[0] = '0';
    memcpy(buf + 1, s, n);
    if (!dict_parse_event_code(buf, n + 1, out)) return false;
    out->code[0] = 0;
    return true;
}

/* PETRARCH-2 (CAMEO.2.0) groups words with ( ) and { } that only mark phrases: flatten them. A { }
   with '|' inside is a TABARI set of alternatives and stays. */
static void flatten_groups(strbuf *b, const char *s, size_t n)
{
    sb_clear(b);
    sb_add(b, s, n);
    for (size_t i = 0; i < b->len; i++) {
        char c = b->s[i];
        if (c == '(' || c == ')') b->s[i] = ' ';
        if (c != '{') continue;
        size_t j = i + 1;
        while (j < b->len && b->s[j] != '}' && b->s[j] != '|' && b->s[j] != '{') j++;
        if (j < b->len && b->s[j] == '}') b->s[i] = b->s[j] = ' ';
    }
}

/* "- SAID * TO ATTEND [082]" → pattern; false with why when malformed. */
static bool parse_pattern(verb_reader *r, const char *s, size_t n, verb_pattern *vp, const char **why)
{
    const char *b = NULL;
    for (size_t k = n; k-- > 0;)
        if (s[k] == '[') { b = s + k; break; }
    if (!b) { *why = "pattern has no [CODE]"; return false; }
    const char *e = memchr(b, ']', (size_t)(s + n - b));
    if (!e) { *why = "'[' without ']'"; return false; }
    if (!parse_code(b + 1, (size_t)(e - b - 1), &vp->code)) { *why = "bad event code"; return false; }
    const char *p = s;
    while (p < b && (*p == '-' || is_space(*p))) p++;
    size_t pn = trim_end(p, (size_t)(b - p));
    flatten_groups(&r->tmp, p, pn);
    if (!dict_parse_phrase_kept(r->d, r->tmp.s, r->tmp.len, true, WM_EXACT, &vp->p, why)) return false;
    vp->verb_at = -1;
    for (int i = 0; i < vp->p.n; i++)
        if (vp->p.e[i].kind == PE_VERB) { vp->verb_at = i; break; }
    if (vp->verb_at < 0) { vp->p.e = NULL; *why = "pattern has no '*' for the verb"; return false; }   /* (its elements stay in the arena) */
    vp->words = dict_pattern_words(&vp->p);
    vp->text = (char *)dict_str(r->d, p, pn);
    return true;
}

static void verb_pattern_line(verb_reader *r, const char *s, int line)
{
    if (r->state == V_SKIP) return;
    if (r->state == V_NONE) { dict_reject(r->d, r->file, line, "pattern before any verb"); return; }
    verb_pattern vp = {.at = {r->file, line}};
    const char *why = NULL;
    if (!parse_pattern(r, s, strlen(s), &vp, &why)) { dict_reject(r->d, r->file, line, "%s", why); return; }
    GROW(r->v.pats, r->cap_pats, r->v.npats);
    r->v.pats[r->v.npats++] = vp;
}

/* "--- NAME [code] ---" starts a block; without a code the verbs alone code nothing ("---"). */
static void verb_header(verb_reader *r, const char *s, int line)
{
    verb_finish(r);
    r->v.at = (origin){r->file, line};
    const char *b = strchr(s, '['), *e = b ? strchr(b, ']') : NULL;
    event_code c = {.flags = CF_NULL};
    if (b && (!e || !parse_code(b + 1, (size_t)(e - b - 1), &c))) {
        dict_reject(r->d, r->file, line, "bad event code in verb block header");
        r->state = V_SKIP;
        return;
    }
    r->v.code = c;
    r->state = V_BLOCK;
}

static bool verb_form(verb_reader *r, const char *s, size_t n, const char **why)
{
    phrase p;
    if (!parse_closed(r->d, &r->tmp, s, n, WM_VERB, true, &p, why)) return false;
    GROW(r->v.forms, r->cap_forms, r->v.nforms);
    r->v.forms[r->v.nforms++] = p;
    return true;
}

/* The forms listed in "{SAYS SAID SAYING}", from p up to the closing brace. */
static void verb_brace_forms(verb_reader *r, const char *p, const char *close, int line)
{
    const char *why = NULL;
    while (p < close) {
        while (p < close && is_space(*p)) p++;
        const char *w = p;
        while (p < close && !is_space(*p)) p++;
        if (p > w && !verb_form(r, w, (size_t)(p - w), &why)) dict_reject(r->d, r->file, line, "form: %s", why);
    }
}

/* "SAY {SAYS SAID SAYING} [code]" or "+CLEAR_UP {+CLEARS_UP ...}": a root and its forms. Inside a
   block, a root's own code ("EXPRESS [0110]") is checked but not kept: the block is one verb_entry
   with the block's code. */
static void verb_root_line(verb_reader *r, const char *s, int line)
{
    if (r->state == V_SKIP) return;
    const char *b = strchr(s, '['), *e = b ? strchr(b, ']') : NULL;
    event_code c = {0};
    if (b && (!e || !parse_code(b + 1, (size_t)(e - b - 1), &c))) { dict_reject(r->d, r->file, line, "bad event code"); return; }
    if (r->state != V_BLOCK) {
        /* outside a block, a root with a code starts an entry of its own (TABARI style) */
        if (!b && r->state == V_NONE) { dict_reject(r->d, r->file, line, "verb outside a --- block ---"); return; }
        if (b) {
            verb_finish(r);
            r->v.at = (origin){r->file, line};
            r->v.code = c;
            r->state = V_LOOSE;
        }
    }
    size_t n = b ? (size_t)(b - s) : strlen(s);
    const char *brace = memchr(s, '{', n), *close = brace ? memchr(brace, '}', n - (size_t)(brace - s)) : NULL;
    if (brace && !close) { dict_reject(r->d, r->file, line, "'{' without '}'"); return; }
    size_t rn = trim_end(s, brace ? (size_t)(brace - s) : n);
    const char *why = NULL;
    if (!verb_form(r, s, rn, &why)) { dict_reject(r->d, r->file, line, "%s", why); return; }
    if (!r->v.text) r->v.text = (char *)dict_str(r->d, s, rn);
    if (brace) verb_brace_forms(r, brace + 1, close, line);
}

/* "&NAME" (a trailing '_' means: no plurals) and its "+MEMBER" lines. */
static void synset_label(verb_reader *r, const char *s, int line)
{
    size_t n = 1;
    while (s[n] && (is_alnum(s[n]) || s[n] == '-' || s[n] == '_')) n++;
    r->in_synset = true;
    r->synset = -1;
    if (n < 2 || s[n] || n > 120) { dict_reject(r->d, r->file, line, "bad synset name"); return; }
    r->syn_plain = s[n - 1] == '_';
    while (n > 1 && s[n - 1] == '_') n--;
    char name[128];
    for (size_t i = 0; i < n; i++) name[i] = (char)to_upper(s[i]);
    name[n] = 0;
    r->synset = dict_synset(r->d, name);
}

static void synset_member(verb_reader *r, const char *s, int line)
{
    if (r->synset < 0) return;
    s++;
    while (is_space(*s)) s++;
    join_words(&r->tmp, s, strlen(s));
    if (r->syn_plain && r->tmp.len && r->tmp.s[r->tmp.len - 1] != '_') sb_addc(&r->tmp, '_');
    phrase p;
    const char *why = "empty synset member";
    if (!r->tmp.len || !dict_parse_phrase_kept(r->d, r->tmp.s, r->tmp.len, true, WM_EXACT, &p, &why)) {
        dict_reject(r->d, r->file, line, "%s", why);
        return;
    }
    phrase_set *set = &r->d->sets[r->synset];
    GROW(set->alts, set->cap, set->n);
    set->alts[set->n++] = p;
    r->d->read[0]++;
}

static void verb_line(verb_reader *r, const char *s, int line)
{
    if (*s == '+' && r->in_synset) { synset_member(r, s, line); return; }
    r->in_synset = false;
    if (!strncmp(s, "---", 3)) verb_header(r, s, line);
    else if (*s == '&') synset_label(r, s, line);
    else if (*s == '-') verb_pattern_line(r, s, line);
    else if (*s == '~') dict_reject(r->d, r->file, line, "PETRARCH-2 transformations are not supported");
    else if (*s != '<') verb_root_line(r, s, line);   /* '<' lines are section tags */
}

int dict_read_petrarch_verbs(dict *d, const char *path)
{
    dict_lines L;
    if (!dict_read_lines(d, path, &L)) return -1;
    verb_reader r = {.d = d, .file = dict_file(d, path), .synset = -1};
    sb_init(&r.tmp);
    bool in_xml = false;
    /* PETRARCH matches pattern words whole ("IN" is not "INTO"); TABARI reads them as stems */
    bool was = d->whole_words;
    d->whole_words = true;
    for (int i = 0; i < L.n; i++) {
        char *s = clean_line(L.line[i], &in_xml);
        if (!*s) continue;
        if (!strncmp(s, "~~", 2) || strstr(s, "---STOP---")) break;
        verb_line(&r, s, i + 1);
    }
    verb_finish(&r);
    d->whole_words = was;
    sb_free(&r.tmp);
    dict_free_lines(&L);
    return 0;
}

/* ---- folders ---- */

enum pkind { PK_SKIP, PK_UNKNOWN, PK_ACTORS, PK_AGENTS, PK_DISCARDS, PK_ISSUES, PK_VERBS, PK_VERBS2 };

/* Does the file look like a PETRARCH verbs file ("--- NAME [code] ---" near its start)? */
static bool sniff_verbs(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char line[512];
    bool found = false;
    for (int i = 0; i < 5000 && !found && fgets(line, sizeof line, f); i++)
        found = !strncmp(line, "---", 3) && strstr(line + 3, "---") && strchr(line, '[');
    fclose(f);
    return found;
}

static int classify(const char *name, const char *path)
{
    if (name[0] == '.' || has_ci(name, "preposition")) return PK_SKIP;
    if (!strncmp(name, "LICENSE", 7) || !strncmp(name, "README", 6)) return PK_SKIP;
    if (has_ci(name, "verbpatterns")) return PK_VERBS;
    if (has_ci(name, "actors")) return PK_ACTORS;
    if (has_ci(name, "agents")) return PK_AGENTS;
    if (has_ci(name, "discards")) return PK_DISCARDS;
    if (has_ci(name, "issue")) return PK_ISSUES;
    if (has_ci(name, "verbs")) return PK_VERBS;
    size_t n = strlen(name);
    bool txt = n > 4 && !strcmp(name + n - 4, ".txt");
    if (txt && (!strncmp(name, "CAMEO", 5) || sniff_verbs(path))) return PK_VERBS2;
    return PK_UNKNOWN;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The regular files in `dir`, sorted by name. */
static char **list_dir(const char *dir, int *n)
{
    DIR *dh = opendir(dir);
    if (!dh) return NULL;
    char **names = NULL;
    int cap = 0;
    *n = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        GROW(names, cap, *n);
        names[(*n)++] = xstrdup(de->d_name);
    }
    closedir(dh);
    if (*n) qsort(names, (size_t)*n, sizeof *names, by_name);
    return names ? names : xcalloc(1, sizeof *names);
}

/* Reads one classified file: 1 when read, 0 when skipped, -1 when unreadable. `patterns`: the folder
   has a verbpatterns file, which CAMEO.2.0 (PETRARCH-2) repeats in another syntax: read only one. */
static int read_kind(dict *d, int kind, const char *path, bool patterns)
{
    int (*fn)(dict *, const char *) = NULL;
    switch (kind) {
    case PK_ACTORS: fn = dict_read_petrarch_actors; break;
    case PK_AGENTS: fn = dict_read_petrarch_agents; break;
    case PK_DISCARDS: fn = dict_read_petrarch_discards; break;
    case PK_ISSUES: fn = dict_read_petrarch_issues; break;
    case PK_VERBS: fn = dict_read_petrarch_verbs; break;
    case PK_VERBS2: fn = patterns ? NULL : dict_read_petrarch_verbs; break;
    case PK_UNKNOWN: diag_warn(d->dg, path, 0, "not a PETRARCH dictionary file (skipped)"); break;
    default: break;
    }
    if (!fn) return 0;
    return fn(d, path) == 0 ? 1 : -1;
}

int dict_read_petrarch_dir(dict *d, const char *dir)
{
    int n;
    char **names = list_dir(dir, &n);
    if (!names) {
        diag_error(d->dg, dir, 0, "cannot read folder: %s", strerror(errno));
        return -1;
    }
    int *kind = xcalloc((size_t)n + 1, sizeof *kind);
    bool patterns = false;
    char path[4096];
    int dl = (int)strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;   /* "dict/" → "dict/x.txt" in origins, not "dict//x.txt" */
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%.*s/%s", dl, dir, names[i]);
        kind[i] = classify(names[i], path);
        if (kind[i] == PK_VERBS && has_ci(names[i], "verbpatterns")) patterns = true;
    }
    int rc = 0, used = 0;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%.*s/%s", dl, dir, names[i]);
        int r = read_kind(d, kind[i], path, patterns);
        if (r) used++;
        if (r < 0) rc = -1;
    }
    if (!used) {
        diag_error(d->dg, dir, 0, "no PETRARCH dictionary files (*actors*, *agents*, *verbs*, ...) in this folder");
        rc = -1;
    }
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    free(kind);
    return rc;
}

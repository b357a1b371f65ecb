/* cmd_test.c — `dyad test`: golden sentence files, expected vs coded events.

   A golden file is plain text that anyone can extend without writing C (the idea of jq's .test
   files). Lines:

       # a comment (a line whose first character is '#'; ignored anywhere)
       dict: tests/data/dict/mini/mini.project   the dictionary for the cases that follow
       date: 2019-03-15                          the story date for the cases that follow

       Russian troops attacked Ukrainian positions near Kharkiv.
       RUSMIL UKR 190

       The weather was fine on Tuesday.
       -

   A case is one sentence line followed by one line per expected event, "SOURCE TARGET CODE", or a
   single "-" when the sentence must code no events; a blank line (or the end of the file) ends it.
   "SOURCE TARGET CODE @ WORDS" also wants the event's location named by WORDS (the place's words in
   the sentence, as location.text has them; "@ -": no location), for the first event of that triple.
   Events compare as sets: order and repeats do not matter. Each sentence is coded as a story of its
   own, as one sentence (never split), dated by the last `date:` line.

   A `dict:` path is taken from the current directory (the repository root when run by the test
   suites), or else from the test file's folder; `dict: default` is the dictionary built into dyad.
   A dictionary is loaded once per path and shared by every file that names it. Before the first
   `dict:` the --dict option applies, else the built-in dictionary (as for `dyad code`). Before the
   first `date:` the --date option applies, else 2000-01-01 (as `dyad explain`).
   Directives are lower-case words before a ':' at the start of a case; an unknown one is an error.

   Output: for each failing case "FAIL file:line", the sentence, the expected and the coded events;
   malformed cases print "ERROR file:line: why" and count as failures. Closing line: "N passed,
   M failed". Exit status 0 all passed, 4 some failed, 3 a test file or dictionary could not be read,
   2 bad command line. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char test_help[] =
    "usage: dyad test [--dict PATH] [--date YYYY-MM-DD] [-q] FILE...\n"
    "\n"
    "Runs golden sentence files: each case is a sentence line followed by its expected events,\n"
    "one 'SOURCE TARGET CODE' per line (any order), or '-' for none; a blank line ends the case.\n"
    "'SOURCE TARGET CODE @ WORDS' also wants the event's location named by WORDS ('@ -': none).\n"
    "'# ...' lines are comments; 'dict: PATH' and 'date: YYYY-MM-DD' lines set the dictionary and\n"
    "the story date for the cases after them; before the first ones --dict (else the built-in\n"
    "dictionary, also named 'default') and --date (else 2000-01-01) apply.\n"
    "Prints every failing case (FAIL file:line, the sentence, expected vs coded events), then\n"
    "'N passed, M failed'. -q prints the closing line only.\n"
    "Exit status: 0 all cases pass; 4 some fail; 3 a file or dictionary cannot be read; 2 usage.\n";

/* An event as compared: its codes, and the words of its location ("-" none; "" not checked). */
typedef struct { char src[ACTOR_CODE_MAX], tgt[ACTOR_CODE_MAX], code[EVENT_CODE_MAX], loc[64]; } triple;

typedef struct {
    triple *t;
    int n, cap;
} triples;

static const triple *find_triple(const triples *ts, const char *a, const char *b, const char *c)
{
    for (int i = 0; i < ts->n; i++)
        if (!strcmp(ts->t[i].src, a) && !strcmp(ts->t[i].tgt, b) && !strcmp(ts->t[i].code, c)) return &ts->t[i];
    return NULL;
}

/* Is expected event x among the coded ones, with its location when it names one? */
static bool has_triple(const triples *got, const triple *x)
{
    const triple *g = find_triple(got, x->src, x->tgt, x->code);
    return g && (!x->loc[0] || !strcmp(g->loc, x->loc));
}

static void add_triple(triples *ts, const char *a, const char *b, const char *c, const char *loc)
{
    if (find_triple(ts, a, b, c)) return;
    GROW(ts->t, ts->cap, ts->n);
    triple *t = &ts->t[ts->n++];
    snprintf(t->src, sizeof t->src, "%s", a);
    snprintf(t->tgt, sizeof t->tgt, "%s", b);
    snprintf(t->code, sizeof t->code, "%s", c);
    snprintf(t->loc, sizeof t->loc, "%s", loc);
}

/* ---- dictionaries, loaded once per path ---- */

typedef struct {
    char *path;        /* as resolved (the cache key) */
    dict *d;           /* NULL when it could not be loaded */
    coder *c;
} dict_slot;

typedef struct {
    dict_slot **s;     /* one allocation per slot: pointers to slots stay valid as the cache grows */
    int n, cap;
    diag *dg;
    bool strict;
} dict_cache;

static dict_slot *cache_get(dict_cache *dc, const char *path)
{
    for (int i = 0; i < dc->n; i++)
        if (!strcmp(dc->s[i]->path, path)) return dc->s[i];
    GROW(dc->s, dc->cap, dc->n);
    dict_slot *sl = dc->s[dc->n++] = xcalloc(1, sizeof *sl);
    sl->path = xstrdup(path);
    sl->d = dict_new(dc->dg);
    sl->d->strict = dc->strict;
    sl->c = NULL;
    int rc = !strcmp(path, "default") ? dict_load_default(sl->d) : dict_load(sl->d, path);
    if (rc != 0 || (dc->strict && sl->d->rejected)) {
        if (dc->strict && sl->d->rejected) fprintf(stderr, "dyad test: %s: %ld entries rejected (--strict)\n", path, sl->d->rejected);
        dict_free(sl->d);
        sl->d = NULL;
    } else {
        sl->c = coder_new(sl->d);
    }
    return sl;
}

static void cache_free(dict_cache *dc)
{
    for (int i = 0; i < dc->n; i++) {
        coder_free(dc->s[i]->c);
        dict_free(dc->s[i]->d);
        free(dc->s[i]->path);
        free(dc->s[i]);
    }
    free(dc->s);
}

/* ---- one run over the files ---- */

typedef struct {
    const cli_options *o;
    dict_cache cache;
    dict_slot *cli_dict;    /* --dict, or NULL (the built-in dictionary) */
    int pass, fail;
    bool unreadable;        /* a test file or a dictionary could not be read */
    event_list ev;
} run;

/* Per file: where the cases stand. */
typedef struct {
    const char *file;
    dict_slot *dict;
    ymd date;
    /* the case being read */
    bool open;
    long line;              /* of the sentence */
    char *sentence;
    size_t len;
    triples exp;
    bool none;
    const char *error;      /* first problem found in the case, NULL when fine */
    long error_line;
} file_state;

static void report_error(run *r, const char *file, long line, const char *why)
{
    printf("ERROR %s:%ld: %s\n", file, line, why);
    r->fail++;
}

static void print_triples(const char *label, const triples *t)
{
    printf("    %s:", label);
    if (!t->n) printf(" (none)");
    for (int i = 0; i < t->n; i++)
        printf(" {%s %s %s%s%s}", t->t[i].src, t->t[i].tgt, t->t[i].code, t->t[i].loc[0] ? " @ " : "", t->t[i].loc);
    printf("\n");
}

static void finish_case(run *r, file_state *fs)
{
    if (!fs->open) return;
    fs->open = false;
    if (fs->error) report_error(r, fs->file, fs->error_line, fs->error);
    else if (!fs->exp.n && !fs->none) report_error(r, fs->file, fs->line, "case has no expected events (write '-' for none)");
    else if (!fs->dict && !(fs->dict = cache_get(&r->cache, "default"))->d) {
        report_error(r, fs->file, fs->line, "the built-in dictionary could not be loaded");
        r->unreadable = true;
    }
    else if (!fs->dict->d) report_error(r, fs->file, fs->line, "the dictionary could not be loaded");
    else {
        size_t fixed_len = 0;
        char *text = utf8_repair(fs->sentence, fs->len, &fixed_len, NULL);
        char id[64];
        snprintf(id, sizeof id, "test-%ld", fs->line);
        story s = {0};
        s.id = id;
        s.date = fs->date;
        s.text = text;
        s.len = fixed_len;
        s.file = fs->file;
        s.line = fs->line;
        s.one_sentence = true;
        code_story(fs->dict->c, &s, &fs->dict->d->opt, &r->ev, NULL);
        triples got = {0};
        for (size_t i = 0; i < r->ev.n; i++) {
            const event *e = &r->ev.e[i];
            char loc[64] = "-";
            if (e->location && e->location_span.end > e->location_span.start)
                snprintf(loc, sizeof loc, "%.*s", (int)(e->location_span.end - e->location_span.start), text + e->location_span.start);
            add_triple(&got, e->source, e->target, e->code, loc);
        }
        bool same = got.n == fs->exp.n;
        for (int i = 0; same && i < fs->exp.n; i++)
            same = has_triple(&got, &fs->exp.t[i]);
        if (same) r->pass++;
        else {
            r->fail++;
            if (!r->o->quiet) {
                printf("FAIL %s:%ld\n    %s\n", fs->file, fs->line, text);
                print_triples("expected", &fs->exp);
                print_triples("coded   ", &got);
            }
        }
        free(got.t);
        free(text);
    }
    free(fs->sentence);
    fs->sentence = NULL;
    fs->exp.n = 0;
    fs->none = false;
    fs->error = NULL;
}

static void case_error(file_state *fs, long line, const char *why)
{
    if (fs->error) return;
    fs->error = why;
    fs->error_line = line;
}

/* The dictionary a `dict:` line names: "default" (the built-in one), a path from the current
   directory, or else beside the test file. */
static dict_slot *resolve_dict(run *r, const char *file, const char *path)
{
    if (strcmp(path, "default") != 0 && path[0] != '/' && access(path, F_OK) != 0) {
        const char *slash = strrchr(file, '/');
        if (slash) {
            strbuf b;
            sb_init(&b);
            sb_addf(&b, "%.*s%s", (int)(slash - file + 1), file, path);
            if (access(b.s, F_OK) == 0) {
                dict_slot *sl = cache_get(&r->cache, b.s);
                sb_free(&b);
                return sl;
            }
            sb_free(&b);
        }
    }
    return cache_get(&r->cache, path);
}

/* An expectation line: "SOURCE TARGET CODE" or "-". */
static void read_expectation(file_state *fs, long line, char *s)
{
    if (!strcmp(s, "-")) {
        if (fs->exp.n) case_error(fs, line, "'-' (no events) after expected events");
        fs->none = true;
        return;
    }
    if (fs->none) { case_error(fs, line, "expected events after '-' (no events)"); return; }
    char *loc = strchr(s, '@');   /* "SOURCE TARGET CODE @ WORDS": the location's words */
    if (loc) {
        *loc++ = 0;
        while (*loc && is_space(*loc)) loc++;
        size_t n = strlen(loc);
        while (n && is_space(loc[n - 1])) loc[--n] = 0;
        if (!n || n >= sizeof fs->exp.t->loc) { case_error(fs, line, "'@' wants the location's words (or '-'), at most 63 bytes"); return; }
    }
    char *f[4];
    int nf = 0;
    for (char *p = s; *p && nf < 4;) {
        while (*p && is_space(*p)) p++;
        if (!*p) break;
        f[nf++] = p;
        while (*p && !is_space(*p)) p++;
        if (*p) *p++ = 0;
    }
    if (nf != 3) { case_error(fs, line, "an expected event is 'SOURCE TARGET CODE' (three words) or '-'"); return; }
    if (strlen(f[0]) >= ACTOR_CODE_MAX || strlen(f[1]) >= ACTOR_CODE_MAX || strlen(f[2]) >= EVENT_CODE_MAX) {
        case_error(fs, line, "actor or event code too long");
        return;
    }
    add_triple(&fs->exp, f[0], f[1], f[2], loc ? loc : "");
}

/* "word:" at the start of a line, lower-case letters only: a directive. Returns the value or NULL. */
static char *directive(char *s, char *name, size_t namecap)
{
    size_t i = 0;
    while (is_lower(s[i]) && i + 1 < namecap) { name[i] = s[i]; i++; }
    if (!i || s[i] != ':') return NULL;
    name[i] = 0;
    char *v = s + i + 1;
    while (*v && is_space(*v)) v++;
    return v;
}

static void run_file(run *r, const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) {
        printf("ERROR %s: cannot read the test file\n", path);
        r->fail++;
        r->unreadable = true;
        return;
    }
    file_state fs = {0};
    fs.file = path;
    fs.dict = r->cli_dict;
    fs.date = r->o->read.default_date ? r->o->read.default_date : 20000101;
    long lineno = 0;
    for (char *s = buf; s < buf + len;) {
        char *e = memchr(s, '\n', (size_t)(buf + len - s));
        if (!e) e = buf + len;
        *e = 0;
        char *next = e + 1;
        lineno++;
        size_t n = (size_t)(e - s);
        while (n && is_space(s[n - 1])) s[--n] = 0;
        if (s[0] == '#') { s = next; continue; }
        char *t = s;
        while (*t && is_space(*t)) t++;
        if (!*t) { finish_case(r, &fs); s = next; continue; }
        if (!fs.open) {
            char name[32];
            char *v = directive(t, name, sizeof name);
            if (v) {
                if (!strcmp(name, "dict")) {
                    if (!*v) report_error(r, path, lineno, "'dict:' needs a path");
                    else {
                        fs.dict = resolve_dict(r, path, v);
                        if (!fs.dict->d) {
                            printf("ERROR %s:%ld: cannot load the dictionary %s\n", path, lineno, v);
                            r->unreadable = true;
                        }
                    }
                } else if (!strcmp(name, "date")) {
                    ymd d = date_parse(v, strlen(v));
                    if (!d) report_error(r, path, lineno, "'date:' wants YYYY-MM-DD");
                    else fs.date = d;
                } else {
                    report_error(r, path, lineno, "unknown directive (known: dict:, date:)");
                }
                s = next;
                continue;
            }
            fs.open = true;
            fs.line = lineno;
            fs.len = n - (size_t)(t - s);   /* the whole line, NUL bytes included (repaired when coded) */
            fs.sentence = xmalloc(fs.len + 1);
            memcpy(fs.sentence, t, fs.len);
            fs.sentence[fs.len] = 0;
        } else {
            read_expectation(&fs, lineno, t);
        }
        s = next;
    }
    finish_case(r, &fs);
    free(fs.exp.t);
    free(buf);
}

int cmd_test(int argc, char **argv)
{
    cli_options o;
    int k = cli_parse(argc, argv, &o, "test");
    if (k < 0) return EXIT_USAGE;
    if (k < argc) {
        if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) { fputs(test_help, stdout); return EXIT_OK; }
        fprintf(stderr, "dyad test: unknown option '%s'\n%s", argv[k], test_help);
        return EXIT_USAGE;
    }
    if (!o.nfiles) { fputs(test_help, stderr); return EXIT_USAGE; }
    if (o.ndicts > 1) { fprintf(stderr, "dyad test: give at most one --dict\n"); return EXIT_USAGE; }
    diag dg = {o.quiet ? NULL : stderr, 0, 0, "dyad"};
    run r = {0};
    r.o = &o;
    r.cache.dg = &dg;
    r.cache.strict = o.strict;
    /* --dict; without it the built-in dictionary, loaded when a case needs it */
    if (o.ndicts) {
        r.cli_dict = cache_get(&r.cache, o.dicts[0]);
        if (!r.cli_dict->d) {
            fprintf(stderr, "dyad test: cannot load the dictionary %s\n", o.dicts[0]);
            cache_free(&r.cache);
            return EXIT_INPUT;
        }
    }
    for (int i = 0; i < o.nfiles; i++) run_file(&r, o.files[i]);
    printf("%d passed, %d failed\n", r.pass, r.fail);
    event_list_free(&r.ev);
    cache_free(&r.cache);
    if (r.unreadable) return EXIT_INPUT;
    return r.fail ? EXIT_VALIDATE : EXIT_OK;
}

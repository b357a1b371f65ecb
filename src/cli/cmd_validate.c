/* cmd_validate.c — `dyad validate`: TABARI validation records and PETRARCH unit tests, expected vs coded. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static const char validate_help[] =
    "usage: dyad validate [--dict PATH]... [--no-cache] [-q] FILE\n"
    "\n"
    "Runs a validation suite: a TABARI validation text (its dictionaries come from the .project\n"
    "file beside it that names it) or a PETRARCH unit-test XML (its <Environment> names the\n"
    "dictionaries). Prints each record whose events differ from the expected ones, then\n"
    "'N passed, M failed'. Exit status 0 when all pass, 4 when some fail.\n";

typedef struct { char src[ACTOR_CODE_MAX], tgt[ACTOR_CODE_MAX], code[EVENT_CODE_MAX]; } triple;

typedef struct {
    triple *t;
    int n, cap;
} triples;

static void add_triple(triples *ts, const char *a, size_t an, const char *b, size_t bn, const char *c, size_t cn)
{
    if (an >= ACTOR_CODE_MAX || bn >= ACTOR_CODE_MAX || cn >= EVENT_CODE_MAX) return;
    for (int i = 0; i < ts->n; i++)
        if (!strncmp(ts->t[i].src, a, an) && !ts->t[i].src[an] && !strncmp(ts->t[i].tgt, b, bn) && !ts->t[i].tgt[bn] &&
            !strncmp(ts->t[i].code, c, cn) && !ts->t[i].code[cn])
            return;
    GROW(ts->t, ts->cap, ts->n);
    triple *t = &ts->t[ts->n++];
    memcpy(t->src, a, an); t->src[an] = 0;
    memcpy(t->tgt, b, bn); t->tgt[bn] = 0;
    memcpy(t->code, c, cn); t->code[cn] = 0;
}

static size_t trim(const char **s, size_t n)
{
    while (n && is_space(**s)) { (*s)++; n--; }
    while (n && is_space((*s)[n - 1])) n--;
    return n;
}

/* Expectations in a TABARI record comment: { SRC / TGT / CODE }, {---}, {+++}, {###}, { OPTION: ... } */
typedef struct {
    triples exp;
    bool none, complex, discard, option;
} expectation;

static void parse_tabari_note(const char *note, expectation *x, dict *d)
{
    memset(x, 0, sizeof *x);
    if (!note) return;
    for (const char *p = note; (p = strchr(p, '{'));) {
        const char *e = strchr(p, '}');
        if (!e) break;
        const char *in = p + 1;
        size_t n = trim(&in, (size_t)(e - p - 1));
        if (n >= 7 && !strncmp(in, "OPTION:", 7)) {
            char line[512];
            const char *o = in + 7;
            size_t on = trim(&o, n - 7);
            if (on >= sizeof line) on = sizeof line - 1;
            memcpy(line, o, on);
            line[on] = 0;
            dict_apply_option(d, line);
            x->option = true;
        } else if (n == 3 && !strncmp(in, "---", 3)) x->none = true;
        else if (n == 3 && !strncmp(in, "+++", 3)) x->complex = true;
        else if (n == 3 && !strncmp(in, "###", 3)) x->discard = true;
        else {
            const char *s1 = memchr(in, '/', n);
            const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(in + n - s1 - 1)) : NULL;
            if (s1 && s2 && !memchr(s2 + 1, '/', (size_t)(in + n - s2 - 1))) {
                const char *a = in, *b = s1 + 1, *c = s2 + 1;
                size_t an = trim(&a, (size_t)(s1 - in)), bn = trim(&b, (size_t)(s2 - s1 - 1)), cn = trim(&c, (size_t)(in + n - s2 - 1));
                if (an && bn && cn) add_triple(&x->exp, a, an, b, bn, c, cn);
            }
        }
        p = e + 1;
    }
    /* an option line in an unterminated { OPTION: ... */ 
    if (!x->option) {
        const char *o = strstr(note, "OPTION:");
        if (o) {
            char line[512];
            o += 7;
            size_t on = 0;
            while (o[on] && o[on] != '*' && o[on] != '}' && o[on] != '\n' && on < sizeof line - 1) { line[on] = o[on]; on++; }
            line[on] = 0;
            dict_apply_option(d, line);
            x->option = true;
        }
    }
}

static bool same_set(const triples *a, const event_list *ev)
{
    triples got = {0};
    for (size_t i = 0; i < ev->n; i++)
        add_triple(&got, ev->e[i].source, strlen(ev->e[i].source), ev->e[i].target, strlen(ev->e[i].target), ev->e[i].code,
                   strlen(ev->e[i].code));
    bool same = got.n == a->n;
    for (int i = 0; same && i < a->n; i++) {
        bool found = false;
        for (int j = 0; j < got.n && !found; j++)
            found = !strcmp(a->t[i].src, got.t[j].src) && !strcmp(a->t[i].tgt, got.t[j].tgt) && !strcmp(a->t[i].code, got.t[j].code);
        same = found;
    }
    free(got.t);
    return same;
}

static void print_events(const char *label, const event_list *ev)
{
    printf("    %s:", label);
    if (!ev->n) printf(" (none)");
    for (size_t i = 0; i < ev->n; i++) printf(" {%s %s %s}", ev->e[i].source, ev->e[i].target, ev->e[i].code);
    printf("\n");
}

/* The .project beside a TABARI text whose <textfile> names it. */
static bool find_project(const char *text_path, char *out, size_t outn)
{
    const char *slash = strrchr(text_path, '/');
    const char *base = slash ? slash + 1 : text_path;
    size_t dl = slash ? (size_t)(slash - text_path + 1) : 0;
    char cand[4096];
    snprintf(cand, sizeof cand, "%.*s", (int)dl, text_path);
    /* try NAME.project for NAME.text first, then Validate.project */
    const char *dot = strrchr(base, '.');
    size_t bl = dot ? (size_t)(dot - base) : strlen(base);
    if (snprintf(out, outn, "%s%.*s.project", cand, (int)bl, base) >= (int)outn) return false;
    FILE *f = fopen(out, "r");
    if (f) { fclose(f); return true; }
    return false;
}

static int validate_tabari(const cli_options *o, const char *path, diag *dg)
{
    char project[4096];
    dict *d;
    if (o->ndicts) d = cli_load_dicts(o, dg);
    else {
        if (!find_project(path, project, sizeof project)) {
            fprintf(stderr, "dyad validate: no .project beside %s: give --dict FILE.project\n", path);
            return EXIT_INPUT;
        }
        cli_options with_project = *o;   /* loaded as --dict would load it (through the cache) */
        with_project.dicts[0] = project;
        with_project.ndicts = 1;
        d = cli_load_dicts(&with_project, dg);
    }
    if (!d) return EXIT_INPUT;
    read_options ro = o->read;
    ro.format = INPUT_TABARI;
    reader *r = reader_open(path, &ro);
    if (!r) { fprintf(stderr, "dyad validate: cannot read %s\n", path); dict_free(d); return EXIT_INPUT; }
    coder *c = coder_new(d);
    event_list ev = {0};
    story s;
    strbuf why;
    sb_init(&why);
    int pass = 0, fail = 0, info_ok = 0, info_n = 0;
    char prev_story[128] = "";
    read_status st;
    while ((st = reader_next(r, &s, &why)) != READ_EOF) {
        if (st == READ_REJECT) { story_free(&s); sb_clear(&why); continue; }
        if (s.id && !strcmp(s.id, "FINAL-01")) { story_free(&s); break; }
        expectation x;
        parse_tabari_note(s.note, &x, d);
        bool counted = !x.option && !x.complex && !x.discard && (x.exp.n || x.none);
        /* FORWARD: records whose ids differ only after the last '-' belong to one story */
        const char *dash = s.id ? strrchr(s.id, '-') : NULL;
        size_t plen = dash ? (size_t)(dash - s.id) : 0;
        bool continues = plen && plen == strlen(prev_story) && !strncmp(s.id, prev_story, plen);
        snprintf(prev_story, sizeof prev_story, "%.*s", (int)plen, s.id ? s.id : "");
        coded_status cs = code_story_keep(c, &s, &d->opt, &ev, NULL, continues);
        if (counted) {
            if (same_set(&x.exp, &ev)) pass++;
            else {
                fail++;
                if (!o->quiet) {
                    printf("FAIL %s (%s:%ld)\n", s.id, s.file, s.line);
                    printf("    expected:");
                    if (!x.exp.n) printf(" (none)");
                    for (int i = 0; i < x.exp.n; i++) printf(" {%s %s %s}", x.exp.t[i].src, x.exp.t[i].tgt, x.exp.t[i].code);
                    printf("\n");
                    print_events("coded   ", &ev);
                }
            }
        } else if (x.complex || x.discard) {
            info_n++;
            info_ok += (x.complex && cs == CODED_COMPLEX) || (x.discard && cs == CODED_DISCARD) || !ev.n;
        }
        free(x.exp.t);
        story_free(&s);
    }
    printf("tabari: %d/%d standard records coded as expected (%.1f%%); %d/%d complex/discard records left uncoded\n",
           pass, pass + fail, pass + fail ? 100.0 * pass / (pass + fail) : 0.0, info_ok, info_n);
    printf("%d passed, %d failed\n", pass, fail);
    sb_free(&why);
    event_list_free(&ev);
    coder_free(c);
    reader_close(r);
    dict_free(d);
    return fail ? EXIT_VALIDATE : EXIT_OK;
}

/* attribute value inside a tag text */
static bool attr(const char *tag, size_t n, const char *name, char *out, size_t outn)
{
    size_t nl = strlen(name);
    for (const char *p = tag; p + nl + 2 < tag + n; p++) {
        if (strncmp(p, name, nl) != 0 || p[nl] != '=' || p[nl + 1] != '"') continue;
        if (p > tag && !is_space(p[-1])) continue;
        const char *v = p + nl + 2, *e = memchr(v, '"', (size_t)(tag + n - v));
        if (!e) return false;
        size_t vn = (size_t)(e - v) < outn - 1 ? (size_t)(e - v) : outn - 1;
        memcpy(out, v, vn);
        out[vn] = 0;
        return true;
    }
    return false;
}

static int validate_petrarch(const cli_options *o, const char *path, diag *dg)
{
    dict *d;
    if (o->ndicts) d = cli_load_dicts(o, dg);
    else {
        /* the XML's <Environment> names the dictionary files, beside the XML */
        size_t len;
        char *xml = read_file(path, &len);
        if (!xml) { fprintf(stderr, "dyad validate: cannot read %s\n", path); return EXIT_INPUT; }
        d = dict_new(dg);
        const char *slash = strrchr(path, '/');
        int dl = slash ? (int)(slash - path + 1) : 0;
        static const struct { const char *tag; int (*fn)(dict *, const char *); } files[] = {
            {"<Verbfile>", dict_read_petrarch_verbs}, {"<Actorfile>", dict_read_petrarch_actors},
            {"<Agentfile>", dict_read_petrarch_agents}, {"<Discardfile>", dict_read_petrarch_discards},
        };
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
            const char *t = strstr(xml, files[i].tag);
            if (!t) continue;
            t += strlen(files[i].tag);
            const char *e = strchr(t, '<');
            if (!e) continue;
            char full[4096];
            snprintf(full, sizeof full, "%.*s%.*s", dl, path, (int)(e - t), t);
            files[i].fn(d, full);
        }
        free(xml);
    }
    if (!d) return EXIT_INPUT;
    read_options ro = o->read;
    ro.format = INPUT_PETRARCH;
    reader *r = reader_open(path, &ro);
    if (!r) { fprintf(stderr, "dyad validate: cannot read %s\n", path); dict_free(d); return EXIT_INPUT; }
    coder *c = coder_new(d);
    event_list ev = {0};
    story s;
    strbuf why;
    sb_init(&why);
    int expected = 0, found = 0, pass = 0, fail = 0;
    read_status st;
    while ((st = reader_next(r, &s, &why)) != READ_EOF) {
        if (st == READ_REJECT) { story_free(&s); sb_clear(&why); continue; }
        code_story(c, &s, &d->opt, &ev, NULL);
        int exp_here = 0, found_here = 0;
        triples exp = {0};
        for (const char *p = s.note ? s.note : ""; (p = strstr(p, "<EventCoding"));) {
            const char *e = strchr(p, '>');
            if (!e) break;
            char sc[64] = "", tc[64] = "", ec[64] = "";
            attr(p, (size_t)(e - p), "sourcecode", sc, sizeof sc);
            attr(p, (size_t)(e - p), "targetcode", tc, sizeof tc);
            attr(p, (size_t)(e - p), "eventcode", ec, sizeof ec);
            add_triple(&exp, sc, strlen(sc), tc, strlen(tc), ec, strlen(ec));
            p = e;
        }
        for (int i = 0; i < exp.n; i++) {
            exp_here++;
            for (size_t j = 0; j < ev.n; j++)
                if (!strcmp(ev.e[j].source, exp.t[i].src) && !strcmp(ev.e[j].target, exp.t[i].tgt) && !strcmp(ev.e[j].code, exp.t[i].code)) {
                    found_here++;
                    break;
                }
        }
        expected += exp_here;
        found += found_here;
        if (exp_here) {
            if (found_here == exp_here) pass++;
            else {
                fail++;
                if (!o->quiet) {
                    printf("FAIL %s (%s:%ld)\n    expected:", s.id, s.file, s.line);
                    for (int i = 0; i < exp.n; i++) printf(" {%s %s %s}", exp.t[i].src, exp.t[i].tgt, exp.t[i].code);
                    printf("\n");
                    print_events("coded   ", &ev);
                }
            }
        }
        free(exp.t);
        story_free(&s);
    }
    printf("petrarch: %d/%d expected events found (%.1f%%)\n", found, expected, expected ? 100.0 * found / expected : 0.0);
    printf("%d passed, %d failed\n", pass, fail);
    sb_free(&why);
    event_list_free(&ev);
    coder_free(c);
    reader_close(r);
    dict_free(d);
    return fail ? EXIT_VALIDATE : EXIT_OK;
}

int cmd_validate(int argc, char **argv)
{
    cli_options o;
    int k = cli_parse(argc, argv, &o, "validate");
    if (k < 0) return EXIT_USAGE;
    if (k < argc) {
        if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) { fputs(validate_help, stdout); return EXIT_OK; }
        fprintf(stderr, "dyad validate: unknown option '%s'\n%s", argv[k], validate_help);
        return EXIT_USAGE;
    }
    if (o.nfiles != 1) { fputs(validate_help, stderr); return EXIT_USAGE; }
    diag dg = {o.quiet ? NULL : stderr, 0, 0, "dyad"};
    const char *path = o.files[0];
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "dyad validate: cannot read %s\n", path); return EXIT_INPUT; }
    int ch;
    while ((ch = fgetc(f)) != EOF && is_space(ch)) {}
    fclose(f);
    return ch == '<' ? validate_petrarch(&o, path, &dg) : validate_tabari(&o, path, &dg);
}

/* cli.c — option parsing, dictionary loading and the per-story coding loop shared by the commands. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static bool need_value(int i, int argc, const char *opt)
{
    if (i + 1 < argc) return true;
    fprintf(stderr, "dyad: %s needs a value\n", opt);
    return false;
}

int cli_parse(int argc, char **argv, cli_options *o, const char *cmd)
{
    memset(o, 0, sizeof *o);
    o->format = FORMAT_JSONL;
    o->read.format = INPUT_AUTO;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dict") || !strcmp(a, "-d")) {
            if (!need_value(i, argc, a)) return -1;
            if (o->ndicts >= 16) { fprintf(stderr, "dyad: at most 16 --dict\n"); return -1; }
            o->dicts[o->ndicts++] = argv[++i];
        } else if (!strcmp(a, "--input")) {
            if (!need_value(i, argc, a)) return -1;
            int f = input_format_parse(argv[++i]);
            if (f < 0) { fprintf(stderr, "dyad: --input takes text, jsonl, tabari or petrarch, not '%s'\n", argv[i]); return -1; }
            o->read.format = (input_format)f;
        } else if (!strcmp(a, "--format") || !strcmp(a, "-f")) {
            if (!need_value(i, argc, a)) return -1;
            int f = output_format_parse(argv[++i]);
            if (f < 0) { fprintf(stderr, "dyad: --format takes jsonl, tsv or tabari, not '%s'\n", argv[i]); return -1; }
            o->format = (output_format)f;
        } else if (!strcmp(a, "--date")) {
            if (!need_value(i, argc, a)) return -1;
            o->read.default_date = date_parse(argv[i + 1], strlen(argv[i + 1]));
            if (!o->read.default_date) { fprintf(stderr, "dyad: --date wants YYYY-MM-DD, not '%s'\n", argv[i + 1]); return -1; }
            i++;
        } else if (!strcmp(a, "--id")) {
            if (!need_value(i, argc, a)) return -1;
            o->read.default_id = argv[++i];
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (!need_value(i, argc, a)) return -1;
            o->out_path = argv[++i];
        } else if (!strcmp(a, "--stats")) {
            if (!need_value(i, argc, a)) return -1;
            o->stats_path = argv[++i];
        } else if (!strcmp(a, "--db")) {
            if (!need_value(i, argc, a)) return -1;
            o->db_path = argv[++i];
        } else if (!strcmp(a, "--resume")) {
            o->resume = true;
        } else if (!strcmp(a, "--strict")) {
            o->strict = true;
        } else if (!strcmp(a, "--json")) {
            o->json = true;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = true;
        } else if (a[0] == '-' && a[1] && strcmp(a, "-") != 0) {
            return i;   /* the command decides (e.g. --help) */
        } else {
            if (o->nfiles >= 256) { fprintf(stderr, "dyad %s: at most 256 files\n", cmd); return -1; }
            o->files[o->nfiles++] = a;
        }
    }
    return argc;
}

dict *cli_load_dicts(const cli_options *o, diag *dg)
{
    dict *d = dict_new(dg);
    d->strict = o->strict;
    if (!o->ndicts && dict_load_default(d) != 0) { dict_free(d); return NULL; }
    /* --dict given more than once layers the files: later entries are found alongside earlier ones */
    for (int i = 0; i < o->ndicts; i++) {
        if (!strcmp(o->dicts[i], "default")) {
            if (dict_load_default(d) != 0) { dict_free(d); return NULL; }
        } else if (dict_load(d, o->dicts[i]) != 0) {
            dict_free(d);
            return NULL;
        }
    }
    if (o->strict && d->rejected) {
        fprintf(stderr, "dyad: %ld dictionary entries rejected (--strict)\n", d->rejected);
        dict_free(d);
        return NULL;
    }
    return d;
}

coded_status code_story(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences)
{
    return code_story_keep(c, s, opt, events, nsentences, false);
}

/* The coding loop; the sentence spans go to *sents_out (caller frees) when it is not NULL. */
static coded_status code_story_at(coder *c, const story *s, const code_options *opt, event_list *events,
                                  int *nsentences, bool continues, span **sents_out)
{
    events->n = 0;
    if (!continues) coder_new_story(c);
    span *sents = NULL;
    size_t n;
    if (s->one_sentence) {
        sents = xmalloc(sizeof *sents);
        sents[0] = (span){0, (uint32_t)s->len};
        n = 1;
    } else {
        /* a dateline ("KYIV (Reuters) - ") is not part of the first sentence */
        size_t skip = dateline_end(s->text, s->len, NULL);
        n = split_sentences(s->text + skip, s->len - skip, &sents);
        for (size_t i = 0; i < n; i++) { sents[i].start += (uint32_t)skip; sents[i].end += (uint32_t)skip; }
    }
    coded_status worst = CODED_NONE;
    for (size_t i = 0; i < n; i++) {
        coded_status st = code_sentence(c, s, (int)i + 1, sents[i], opt, events, NULL);
        if (st == CODED_EVENTS) worst = CODED_EVENTS;
        else if (worst != CODED_EVENTS && st != CODED_NONE) worst = st;
    }
    if (sents_out) *sents_out = sents;
    else free(sents);
    if (nsentences) *nsentences = (int)n;
    return events->n ? CODED_EVENTS : worst;
}

coded_status code_story_keep(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences,
                             bool continues)
{
    return code_story_at(c, s, opt, events, nsentences, continues, NULL);
}

coded_status code_story_sents(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences,
                              span **sents)
{
    return code_story_at(c, s, opt, events, nsentences, false, sents);
}

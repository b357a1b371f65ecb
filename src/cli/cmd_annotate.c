/* cmd_annotate.c — `dyad annotate --timex`: the time expressions of each story, one JSON line each. */
#include "cli/cli.h"
#include "when/when.h"
#include "where/where.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char annotate_help[] =
    "usage: dyad annotate --timex [--input FMT] [--date YYYY-MM-DD] [--id ID] [-o FILE] [FILE...]\n"
    "\n"
    "Writes the expressions found in each story as JSONL, one per line. Same readers as 'dyad code'.\n"
    "  --timex         time expressions: story_id, start, end (byte offsets into the story text, end\n"
    "                  exclusive), text, type (DATE, TIME, DURATION, SET) and the TIMEX3 value, resolved\n"
    "                  against the story's date\n"
    "  --places        place mentions: story_id, start, end, text, and the place it names: name,\n"
    "                  country (ISO alpha-3), admin1, lat, lon, precision (city, admin1, country)\n"
    "  --input FMT     force the input format: text, jsonl, tabari, petrarch\n"
    "  --date DATE     date for stories that carry none\n"
    "  -o FILE         write to FILE instead of stdout (- is stdout)\n"
    "Exit status: 0 all stories read; 1 some stories rejected; 2 usage; 3 an input could not be read.\n";

/* The sentences of a story as `dyad code` splits them (dateline left out). Caller frees. */
static size_t story_sentences(const story *s, span **out)
{
    if (s->one_sentence) {
        *out = xmalloc(sizeof **out);
        (*out)[0] = (span){0, (uint32_t)s->len};
        return 1;
    }
    size_t skip = dateline_end(s->text, s->len, NULL);
    size_t n = split_sentences(s->text + skip, s->len - skip, out);
    for (size_t i = 0; i < n; i++) { (*out)[i].start += (uint32_t)skip; (*out)[i].end += (uint32_t)skip; }
    return n;
}

static void write_timexes(FILE *out, const story *s, token_list *tl, timex_list *tx, strbuf *line)
{
    span *sents = NULL;
    size_t n = story_sentences(s, &sents);
    when_story(tx);
    for (size_t i = 0; i < n; i++) {
        tokenize(s->text, sents[i], tl);
        tx->n = 0;
        when_find(s->text, sents[i], tl, s->date, tx);
        for (size_t k = 0; k < tx->n; k++) {
            const timex *t = &tx->t[k];
            sb_clear(line);
            sb_adds(line, "{\"story_id\": \"");
            sb_add_json(line, s->id ? s->id : "", s->id ? strlen(s->id) : 0);
            sb_addf(line, "\", \"start\": %u, \"end\": %u, \"text\": \"", t->at.start, t->at.end);
            sb_add_json(line, s->text + t->at.start, t->at.end - t->at.start);
            sb_addf(line, "\", \"type\": \"%s\", \"value\": \"", timex_type_name(t->type));
            sb_add_json(line, t->value, strlen(t->value));
            sb_adds(line, "\"}\n");
            fwrite(line->s, 1, line->len, out);
        }
    }
    free(sents);
}

static void json_field(strbuf *line, const char *key, const char *value)
{
    sb_addf(line, ", \"%s\": ", key);
    if (!value || !*value) { sb_adds(line, "null"); return; }
    sb_addc(line, '"');
    sb_add_json(line, value, strlen(value));
    sb_addc(line, '"');
}

static void write_places(FILE *out, const story *s, story_places *sp, strbuf *line)
{
    span *sents = NULL;
    size_t n = story_sentences(s, &sents);
    where_story(gazetteer_default(), s->text, s->len, sents, n, NULL, sp);
    for (size_t k = 0; k < sp->mentions.n; k++) {
        const place_mention *m = &sp->mentions.m[k];
        if (!m->p) continue;
        sb_clear(line);
        sb_adds(line, "{\"story_id\": \"");
        sb_add_json(line, s->id ? s->id : "", s->id ? strlen(s->id) : 0);
        sb_addf(line, "\", \"start\": %u, \"end\": %u, \"text\": \"", m->at.start, m->at.end);
        sb_add_json(line, s->text + m->at.start, m->at.end - m->at.start);
        sb_addc(line, '"');
        json_field(line, "name", m->p->name);
        json_field(line, "country", m->p->country);
        json_field(line, "admin1", m->p->admin1);
        sb_addf(line, ", \"lat\": %.5f, \"lon\": %.5f", m->p->lat, m->p->lon);
        json_field(line, "precision", m->unresolved ? "country" : place_precision_name(m->p->precision));
        sb_adds(line, "}\n");
        fwrite(line->s, 1, line->len, out);
    }
    free(sents);
}

/* Annotates one input; -1 when it could not be opened. Counts rejected stories in *rejected. */
static int annotate_file(const char *path, const cli_options *o, FILE *out, long *rejected, bool want_timex,
                         bool want_places)
{
    reader *r = reader_open(path, &o->read);
    if (!r) {
        fprintf(stderr, "dyad: cannot read %s: %s\n", path ? path : "stdin", strerror(errno));
        return -1;
    }
    story s;
    strbuf why, line;
    sb_init(&why);
    sb_init(&line);
    token_list tl = {0};
    timex_list tx = {0};
    story_places sp = {0};
    read_status st;
    while ((st = reader_next(r, &s, &why)) != READ_EOF) {
        if (st == READ_REJECT) {
            (*rejected)++;
            cli_report_rejected(&s, &why);
            sb_clear(&why);
        } else {
            if (want_timex) write_timexes(out, &s, &tl, &tx, &line);
            if (want_places) write_places(out, &s, &sp, &line);
        }
        story_free(&s);
    }
    token_list_free(&tl);
    timex_list_free(&tx);
    story_places_free(&sp);
    sb_free(&why);
    sb_free(&line);
    reader_close(r);
    return 0;
}

int cmd_annotate(int argc, char **argv)
{
    bool want_timex = false, places = false;
    /* --timex / --places are this command's own; the rest are the shared options */
    char *args[argc + 1];
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && !strcmp(argv[i], "--timex")) want_timex = true;
        else if (i > 0 && !strcmp(argv[i], "--places")) places = true;
        else args[n++] = argv[i];
    }
    args[n] = NULL;
    cli_options o;
    int k = cli_parse(n, args, &o, "annotate");
    if (k < 0) return EXIT_USAGE;
    if (k < n) {
        if (!strcmp(args[k], "--help") || !strcmp(args[k], "-h")) { fputs(annotate_help, stdout); return EXIT_OK; }
        fprintf(stderr, "dyad annotate: unknown option '%s'\n%s", args[k], annotate_help);
        return EXIT_USAGE;
    }
    if (places && !gazetteer_default()) {
        fprintf(stderr, "dyad annotate: the gazetteer could not be loaded\n");
        return EXIT_INPUT;
    }
    if (!want_timex && !places) {
        fprintf(stderr, "dyad annotate: say what to annotate: --timex and/or --places\n%s", annotate_help);
        return EXIT_USAGE;
    }
    FILE *out = stdout;
    if (o.out_path && !(out = cli_open_output(o.out_path))) {
        fprintf(stderr, "dyad: cannot write %s: %s\n", o.out_path, strerror(errno));
        return EXIT_INPUT;
    }
    int status = EXIT_OK;
    long rejected = 0;
    for (int i = 0; i < (o.nfiles ? o.nfiles : 1); i++)
        if (annotate_file(o.nfiles ? o.files[i] : NULL, &o, out, &rejected, want_timex, places) != 0) status = EXIT_INPUT;
    if (out != stdout) fclose(out);
    else fflush(out);
    if (status == EXIT_OK && rejected) status = EXIT_REJECTED;
    return status;
}

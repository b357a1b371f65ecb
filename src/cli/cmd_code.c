/* cmd_code.c — `dyad code`: stories in, events out, every story accounted for. */
#include "cli/cli.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char code_help[] =
    "usage: dyad code [--dict PATH]... [--input FMT] [--date YYYY-MM-DD] [--id ID]\n"
    "                 [--format jsonl|tsv|tabari] [-o FILE] [--stats FILE] [--strict] [FILE...]\n"
    "\n"
    "Codes news stories into CAMEO events. Input is auto-detected (plain text, JSONL\n"
    "{\"id\",\"date\",\"text\"}, TABARI records, PETRARCH XML); stdin when no FILE.\n"
    "  --dict PATH     dictionary: TABARI .project, PETRARCH/Phoenix folder, dyad folder (repeatable)\n"
    "  --input FMT     force the input format: text, jsonl, tabari, petrarch\n"
    "  --date DATE     date for stories that carry none (plain text needs it)\n"
    "  --id ID         story id for plain text (default: the file name)\n"
    "  --format FMT    jsonl (default), tsv, tabari\n"
    "  -o FILE         write events to FILE instead of stdout\n"
    "  --stats FILE    write the run's counts as JSON\n"
    "  --strict        fail on any malformed dictionary entry\n"
    "Exit status: 0 all stories coded; 1 some stories rejected (see stderr); 2 usage;\n"
    "3 an input or dictionary could not be read.\n";

typedef struct {
    long stories, coded, empty, rejected, sentences, events, discarded, complex;
} run_counts;

static void write_stats(const char *path, const run_counts *rc, double secs)
{
    FILE *f = fopen(path, "w");
    if (!f) { fprintf(stderr, "dyad: cannot write %s: %s\n", path, strerror(errno)); return; }
    fprintf(f, "{\"stories\": %ld, \"coded\": %ld, \"without_events\": %ld, \"rejected\": %ld, "
               "\"sentences\": %ld, \"events\": %ld, \"discarded\": %ld, \"complex\": %ld, \"seconds\": %.3f}\n",
            rc->stories, rc->coded, rc->empty, rc->rejected, rc->sentences, rc->events, rc->discarded, rc->complex, secs);
    fclose(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int code_file(const char *path, const cli_options *o, const dict *d, coder *c, writer *w, run_counts *rc,
                     double t0)
{
    reader *r = reader_open(path, &o->read);
    if (!r) {
        fprintf(stderr, "dyad: cannot read %s: %s\n", path ? path : "stdin", strerror(errno));
        return -1;
    }
    bool progress = !o->quiet && isatty(2);
    story s;
    strbuf why;
    sb_init(&why);
    event_list ev = {0};
    read_status st;
    while ((st = reader_next(r, &s, &why)) != READ_EOF) {
        rc->stories++;
        if (st == READ_REJECT) {
            rc->rejected++;
            fprintf(stderr, "dyad: %s:%ld: story %s rejected: %s\n", s.file ? s.file : "-", s.line,
                    s.id ? s.id : "(no id)", why.s ? why.s : "unreadable");
            story_free(&s);
            sb_clear(&why);
            continue;
        }
        int ns = 0;
        coded_status cs = code_story(c, &s, &d->opt, &ev, &ns);
        rc->sentences += ns;
        rc->events += (long)ev.n;
        if (ev.n) rc->coded++;
        else rc->empty++;
        if (cs == CODED_DISCARD) rc->discarded++;
        if (cs == CODED_COMPLEX) rc->complex++;
        for (size_t i = 0; i < ev.n; i++) writer_event(w, &ev.e[i]);
        story_free(&s);
        if (progress && rc->stories % 1000 == 0) {
            double dt = now() - t0;
            fprintf(stderr, "\r%ld stories, %ld events, %.0f stories/s ", rc->stories, rc->events, dt > 0 ? rc->stories / dt : 0);
        }
    }
    if (progress && rc->stories >= 1000) fputc('\n', stderr);
    event_list_free(&ev);
    sb_free(&why);
    reader_close(r);
    return 0;
}

int cmd_code(int argc, char **argv)
{
    cli_options o;
    int k = cli_parse(argc, argv, &o, "code");
    if (k < 0) return EXIT_USAGE;
    if (k < argc) {
        if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) { fputs(code_help, stdout); return EXIT_OK; }
        fprintf(stderr, "dyad code: unknown option '%s'\n%s", argv[k], code_help);
        return EXIT_USAGE;
    }
    diag dg = {stderr, 0, 0, "dyad"};
    dict *d = cli_load_dicts(&o, &dg);
    if (!d) return EXIT_INPUT;
    FILE *out = stdout;
    if (o.out_path && !(out = fopen(o.out_path, "w"))) {
        fprintf(stderr, "dyad: cannot write %s: %s\n", o.out_path, strerror(errno));
        dict_free(d);
        return EXIT_INPUT;
    }
    writer *w = writer_open(out, o.format);
    coder *c = coder_new(d);
    run_counts rc = {0};
    double t0 = now();
    int status = EXIT_OK;
    if (!o.nfiles) {
        if (code_file(NULL, &o, d, c, w, &rc, t0) != 0) status = EXIT_INPUT;
    }
    for (int i = 0; i < o.nfiles; i++)
        if (code_file(o.files[i], &o, d, c, w, &rc, t0) != 0) status = EXIT_INPUT;
    if (writer_close(w) != 0) { fprintf(stderr, "dyad: writing events failed: %s\n", strerror(errno)); status = EXIT_INPUT; }
    if (out != stdout) fclose(out);
    double secs = now() - t0;
    if (!o.quiet)
        fprintf(stderr, "dyad: %ld stories read: %ld coded, %ld without events, %ld rejected; %ld sentences, %ld events (%.2f s)\n",
                rc.stories, rc.coded, rc.empty, rc.rejected, rc.sentences, rc.events, secs);
    if (o.stats_path) write_stats(o.stats_path, &rc, secs);
    coder_free(c);
    dict_free(d);
    if (status == EXIT_OK && rc.rejected) status = EXIT_REJECTED;
    return status;
}

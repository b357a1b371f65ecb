/* cmd_code.c — `dyad code`: stories in, events out, every story accounted for. */
#include "cli/cli.h"
#include "store/store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char code_help[] =
    "usage: dyad code [--dict PATH]... [--input FMT] [--date YYYY-MM-DD] [--id ID]\n"
    "                 [--format jsonl|tsv|tabari] [-o FILE] [--db FILE [--resume]] [--stats FILE]\n"
    "                 [--strict] [FILE...]\n"
    "\n"
    "Codes news stories into CAMEO events. Input is auto-detected (plain text, JSONL\n"
    "{\"id\",\"date\",\"text\"}, TABARI records, PETRARCH XML); stdin when no FILE.\n"
    "  --dict PATH     dictionary: TABARI .project, PETRARCH/Phoenix folder, dyad folder (repeatable)\n"
    "  --input FMT     force the input format: text, jsonl, tabari, petrarch\n"
    "  --date DATE     date for stories that carry none (plain text needs it)\n"
    "  --id ID         story id for plain text (default: the file name)\n"
    "  --format FMT    jsonl (default), tsv, tabari\n"
    "  -o FILE         write events to FILE instead of stdout\n"
    "  --db FILE       store stories, sentences and events in the SQLite file FILE (created when\n"
    "                  absent) instead of writing events to stdout; with -o, to both. A story already\n"
    "                  stored under the same id is replaced, so coding the same input again adds\n"
    "                  nothing twice. Rejected stories that have an id are stored with their reason.\n"
    "                  Committed every 1000 stories: an interrupted run keeps its whole batches.\n"
    "                  Tables stories, sentences (full-text: sentences_fts), events; views\n"
    "                  dyad_monthly, top_actors. Columns are named like the JSONL fields.\n"
    "  --resume        with --db: skip stories the store already has as coded or without events\n"
    "                  (counted as skipped)\n"
    "  --stats FILE    write the run's counts as JSON\n"
    "  --strict        fail on any malformed dictionary entry\n"
    "Exit status: 0 all stories coded; 1 some stories rejected (see stderr); 2 usage;\n"
    "3 an input or dictionary could not be read.\n";

typedef struct {
    long stories, coded, empty, rejected, skipped, sentences, events, discarded, complex;
} run_counts;

/* With --db: stories go to the store in transactions of this many. */
enum { STORE_BATCH = 1000 };

typedef struct {
    store *st;
    const char *path;
    bool resume;
    long pending;   /* stories stored since the last commit */
} run_store;

static void write_stats(const char *path, const run_counts *rc, double secs)
{
    FILE *f = fopen(path, "w");
    if (!f) { fprintf(stderr, "dyad: cannot write %s: %s\n", path, strerror(errno)); return; }
    fprintf(f, "{\"stories\": %ld, \"coded\": %ld, \"without_events\": %ld, \"rejected\": %ld, \"skipped\": %ld, "
               "\"sentences\": %ld, \"events\": %ld, \"discarded\": %ld, \"complex\": %ld, \"seconds\": %.3f}\n",
            rc->stories, rc->coded, rc->empty, rc->rejected, rc->skipped, rc->sentences, rc->events, rc->discarded,
            rc->complex, secs);
    fclose(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Store one story (and commit when a batch is full); -1 after reporting a store error. */
static int put_story(run_store *rs, const story *s, const char *status, const char *reason, int ns,
                     const span *sents, const event_list *ev)
{
    if (store_put_story(rs->st, s, status, reason, ns, sents, ev ? ev->e : NULL, ev ? ev->n : 0) != 0) {
        fprintf(stderr, "dyad: %s: storing story %s failed: %s\n", rs->path, s->id, store_error(rs->st));
        return -1;
    }
    if (++rs->pending < STORE_BATCH) return 0;
    rs->pending = 0;
    if (store_commit(rs->st) != 0 || store_begin(rs->st) != 0) {
        fprintf(stderr, "dyad: %s: committing stories failed: %s\n", rs->path, store_error(rs->st));
        return -1;
    }
    return 0;
}

/* 0; -1 when the file could not be read; -2 when the store failed (nothing more should be coded then). */
static int code_file(const char *path, const cli_options *o, const dict *d, coder *c, writer *w, run_store *rs,
                     run_counts *rc, double t0)
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
    int result = 0;
    while (result == 0 && (st = reader_next(r, &s, &why)) != READ_EOF) {
        rc->stories++;
        if (st == READ_REJECT) {
            rc->rejected++;
            const char *reason = why.s && *why.s ? why.s : "unreadable";
            fprintf(stderr, "dyad: %s:%ld: story %s rejected: %s\n", s.file ? s.file : "-", s.line,
                    s.id ? s.id : "(no id)", reason);
            if (rs->st && s.id && *s.id && put_story(rs, &s, "rejected", reason, 0, NULL, NULL) != 0) result = -2;
            story_free(&s);
            sb_clear(&why);
            continue;
        }
        if (rs->resume && store_has_story(rs->st, s.id)) {
            rc->skipped++;
            story_free(&s);
            continue;
        }
        int ns = 0;
        span *sents = NULL;
        coded_status cs = code_story_sents(c, &s, &d->opt, &ev, &ns, rs->st ? &sents : NULL);
        rc->sentences += ns;
        rc->events += (long)ev.n;
        if (ev.n) rc->coded++;
        else rc->empty++;
        if (cs == CODED_DISCARD) rc->discarded++;
        if (cs == CODED_COMPLEX) rc->complex++;
        if (w)
            for (size_t i = 0; i < ev.n; i++) writer_event(w, &ev.e[i]);
        if (rs->st && put_story(rs, &s, ev.n ? "coded" : "no_events", NULL, ns, sents, &ev) != 0) result = -2;
        free(sents);
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
    return result;
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
    if (o.resume && !o.db_path) {
        fprintf(stderr, "dyad code: --resume needs --db FILE\n%s", code_help);
        return EXIT_USAGE;
    }
    diag dg = {stderr, 0, 0, "dyad"};
    dict *d = cli_load_dicts(&o, &dg);
    if (!d) return EXIT_INPUT;
    run_store rs = {.path = o.db_path, .resume = o.resume};
    if (o.db_path) {
        char err[512];
        if (!(rs.st = store_open(o.db_path, err, sizeof err)) || store_begin(rs.st) != 0) {
            fprintf(stderr, "dyad: cannot open the store %s: %s\n", o.db_path, rs.st ? store_error(rs.st) : err);
            store_close(rs.st);
            dict_free(d);
            return EXIT_INPUT;
        }
    }
    /* Events go to -o, or to stdout unless they go to the store. */
    FILE *out = o.out_path || !o.db_path ? stdout : NULL;
    if (o.out_path && !(out = fopen(o.out_path, "w"))) {
        fprintf(stderr, "dyad: cannot write %s: %s\n", o.out_path, strerror(errno));
        store_close(rs.st);
        dict_free(d);
        return EXIT_INPUT;
    }
    writer *w = out ? writer_open(out, o.format) : NULL;
    coder *c = coder_new(d);
    run_counts rc = {0};
    double t0 = now();
    int status = EXIT_OK;
    bool store_failed = false;
    for (int i = 0; i < (o.nfiles ? o.nfiles : 1) && !store_failed; i++) {
        /* a read error ends one file; a store error ends the run (the open batch is rolled back) */
        int r = code_file(o.nfiles ? o.files[i] : NULL, &o, d, c, w, &rs, &rc, t0);
        if (r != 0) status = EXIT_INPUT;
        store_failed = r == -2;
    }
    if (rs.st && !store_failed && store_commit(rs.st) != 0) {
        fprintf(stderr, "dyad: %s: committing the last stories failed: %s\n", o.db_path, store_error(rs.st));
        status = EXIT_INPUT;
    }
    store_close(rs.st);
    if (writer_close(w) != 0) { fprintf(stderr, "dyad: writing events failed: %s\n", strerror(errno)); status = EXIT_INPUT; }
    if (out && out != stdout) fclose(out);
    double secs = now() - t0;
    if (!o.quiet) {
        fprintf(stderr, "dyad: %ld stories read: %ld coded, %ld without events, %ld rejected", rc.stories, rc.coded,
                rc.empty, rc.rejected);
        if (o.resume) fprintf(stderr, ", %ld skipped", rc.skipped);
        fprintf(stderr, "; %ld sentences, %ld events (%.2f s)\n", rc.sentences, rc.events, secs);
    }
    if (o.stats_path) write_stats(o.stats_path, &rc, secs);
    coder_free(c);
    dict_free(d);
    if (status == EXIT_OK && rc.rejected) status = EXIT_REJECTED;
    return status;
}

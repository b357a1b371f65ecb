/* cmd_code.c — `dyad code`: stories in, events out, every story accounted for. */
#include "cli/cli.h"
#include "store/store.h"
#include "where/where.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static const char code_help[] =
    "usage: dyad code [--dict PATH]... [--input FMT] [--date YYYY-MM-DD] [--id ID]\n"
    "                 [--format FMT] [-o FILE] [--db FILE [--resume] [--dedup-window DAYS]]\n"
    "                 [--stats FILE]\n"
    "                 [--strict] [--no-cache] [--max-story BYTES] [--max-sentence-tokens N] [-j N]\n"
    "                 [--profile]\n"
    "                 [FILE...]\n"
    "\n"
    "Codes news stories into CAMEO events. Input is auto-detected (plain text, JSONL\n"
    "{\"id\",\"date\",\"text\"}, TABARI records, PETRARCH XML); stdin when no FILE.\n"
    "  --dict PATH     dictionary: TABARI .project, PETRARCH/Phoenix folder, dyad folder (repeatable)\n"
    "  --input FMT     force the input format: text, jsonl, tabari, petrarch\n"
    "  --date DATE     date for stories that carry none (plain text needs it)\n"
    "  --id ID         story id for plain text (default: the file name)\n"
    "  --format FMT    jsonl (default), tsv, csv, tabari, gdelt (the GDELT 2.0 events table), icews,\n"
    "                  phoenix; fields dyad does not know stay empty. Each event is written as coded\n"
    "                  (one mention); 'dyad export DB' writes GDELT/Phoenix rows deduplicated\n"
    "  -o FILE         write events to FILE instead of stdout (- is stdout, also with --db)\n"
    "  --db FILE       store stories, sentences and events in the SQLite file FILE (created when\n"
    "                  absent) instead of writing events to stdout; with -o, to both. A story already\n"
    "                  stored under the same id is replaced, so coding the same input again adds\n"
    "                  nothing twice. Rejected stories that have an id are stored with their reason.\n"
    "                  Committed every 1000 stories: an interrupted run keeps its whole batches.\n"
    "                  Tables stories, sentences (full-text: sentences_fts), events; views\n"
    "                  dyad_monthly, top_actors, top_places. Columns are named like the JSONL fields.\n"
    "                  After the run the whole store is deduplicated: unique_events holds each event\n"
    "                  once with its mention, source and story counts, event_mentions links every\n"
    "                  row of events to it.\n"
    "  --dedup-window DAYS  with --db: the same source, target and code reported within DAYS days\n"
    "                  of the event's first report is the same event (default 1; 0: the same day)\n"
    "  --resume        with --db: skip stories the store already has as coded or without events\n"
    "                  (counted as skipped)\n"
    "  --stats FILE    write the run's counts as JSON (stories by status, sentences, events,\n"
    "                  unique events with --db, seconds)\n"
    "  --strict        fail on any malformed dictionary entry\n"
    "  --no-cache      parse text dictionary files even when the dictionary cache holds them\n"
    "                  (~/.cache/dyad or DYAD_CACHE_DIR; an empty DYAD_CACHE_DIR turns it off)\n"
    "  --max-story BYTES  reject longer stories (default 16M; K, M, G allowed)\n"
    "  --max-sentence-tokens N  cut longer sentences to their first N tokens, with a\n"
    "                  warning (default: no limit; sentences stop at 2,000 bytes anyway)\n"
    "  -j N            code with N threads (0: one per CPU); the output is the same, in the same\n"
    "                  order, as with -j 1, and memory stays bounded whatever the input size.\n"
    "                  With --db coding stays on one thread.\n"
    "  --profile       print the seconds spent loading, reading, splitting sentences, matching the\n"
    "                  dictionary, coding clauses, finding dates and places, and writing, summed over\n"
    "                  threads (also DYAD_PROFILE=1)\n"
    "On a terminal, long runs show stories/s, events and (reading files) the time left on stderr.\n"
    "Exit status: 0 all stories coded; 1 some stories rejected (see stderr); 2 usage;\n"
    "3 an input or dictionary could not be read.\n";

typedef struct {
    long stories, coded, empty, rejected, skipped, sentences, events, discarded, complex;
    long unique_events;   /* with --db: rows of unique_events after the run's dedup; -1 without a store */
} run_counts;

/* The progress line on a terminal: how far the run is, redrawn at most a few times a second. */
typedef struct {
    bool on;              /* stderr is a terminal and not --quiet */
    double t0, last;      /* the run's start, the last redraw */
    long long total;      /* bytes of all input files; 0 when unknown (stdin, a pipe) */
    long long done;       /* bytes of the files already finished */
    FILE *f;              /* the file being read, for its position */
    bool shown;           /* a line is on the screen (to be cleared before the summary) */
} progress;

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
               "\"sentences\": %ld, \"events\": %ld, \"discarded\": %ld, \"complex\": %ld, \"seconds\": %.3f",
            rc->stories, rc->coded, rc->empty, rc->rejected, rc->skipped, rc->sentences, rc->events, rc->discarded,
            rc->complex, secs);
    if (rc->unique_events >= 0) fprintf(f, ", \"unique_events\": %ld", rc->unique_events);
    fputs("}\n", f);
    fclose(f);
}

static double now(void) { return clock_seconds(); }

/* The progress line: "1200 stories, 3400 events, 850 stories/s, 40%, 0:07 left". Drawn only after the
   first second, so short runs never show it, and at most four times a second. */
static void progress_show(progress *p, const run_counts *rc, bool force)
{
    double t = now();
    if (!p->on || (!force && (t - p->t0 < 1.0 || t - p->last < 0.25))) return;
    p->last = t;
    double dt = t - p->t0, rate = dt > 0 ? rc->stories / dt : 0;
    fprintf(stderr, "\r%ld stories, %ld events, %.0f stories/s", rc->stories, rc->events, rate);
    long long at = p->done + (p->f ? ftello(p->f) : 0);
    if (p->total > 0 && at > 0 && at <= p->total) {
        double left = dt * (double)(p->total - at) / (double)at;
        fprintf(stderr, ", %d%%, %d:%02d left", (int)(100.0 * (double)at / (double)p->total), (int)left / 60,
                (int)left % 60);
    }
    fputs("\033[K", stderr);   /* clear what a longer earlier line left */
    p->shown = true;
}

/* Take the line off the screen before the closing summary. */
static void progress_clear(progress *p)
{
    if (p->shown) fputs("\r\033[K", stderr);
    p->shown = false;
}

/* The total size of the input when every input is a regular file (0 when any is not: ETA unknown). */
static long long input_size(const cli_options *o)
{
    long long total = 0;
    for (int i = 0; i < o->nfiles; i++) {
        struct stat sb;
        if (!strcmp(o->files[i], "-") || stat(o->files[i], &sb) != 0 || !S_ISREG(sb.st_mode)) return 0;
        total += sb.st_size;
    }
    return total;
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

/* --profile: wall time per stage, summed over threads (read: the time threads spent reading batches); `coding`
   holds story coding's own stages (split, code, dates, places). */
typedef struct {
    double read, write;
    stage_clock coding;
} stage_times;

static void add_clock(stage_clock *to, const stage_clock *from)
{
    to->split += from->split, to->match += from->match, to->code += from->code;
    to->dates += from->dates, to->places += from->places;
}

/* The clock only when profiling: a cheap call, but the plain run makes none. */
static double tick(const stage_times *pt) { return pt ? now() : 0; }

/* 0; -1 when the file could not be read; -2 when the store failed (nothing more should be coded then). */
static int code_file(const char *path, const cli_options *o, const dict *d, coder *c, writer *w, run_store *rs,
                     run_counts *rc, progress *pg, stage_times *pt)
{
    /* A named file is opened here, so that the progress line can ask how far into it the reader is. */
    bool named = path && strcmp(path, "-") != 0;
    FILE *f = named ? fopen(path, "rb") : NULL;
    reader *r = named ? reader_open_file(f, path, &o->read) : reader_open(path, &o->read);
    if (!r) {
        fprintf(stderr, "dyad: cannot read %s: %s\n", path ? path : "stdin", strerror(errno));
        if (f) fclose(f);
        return -1;
    }
    pg->f = f;
    story s;
    strbuf why;
    sb_init(&why);
    event_list ev = {0};
    read_status st;
    int result = 0;
    double ta = tick(pt);
    while (result == 0 && (st = reader_next(r, &s, &why)) != READ_EOF) {
        double tb = tick(pt);
        if (pt) pt->read += tb - ta;
        rc->stories++;
        if (st == READ_REJECT) {
            rc->rejected++;
            const char *reason = cli_report_rejected(&s, &why);
            if (rs->st && s.id && *s.id && put_story(rs, &s, "rejected", reason, 0, NULL, NULL) != 0) result = -2;
            story_free(&s);
            sb_clear(&why);
            ta = tick(pt);
            continue;
        }
        if (rs->resume && store_has_story(rs->st, s.id)) {
            rc->skipped++;
            story_free(&s);
            ta = tick(pt);
            continue;
        }
        int ns = 0;
        span *sents = NULL;
        coded_status cs = code_story_sents(c, &s, &d->opt, &ev, &ns, rs->st ? &sents : NULL, pt ? &pt->coding : NULL);
        rc->sentences += ns;
        rc->events += (long)ev.n;
        if (ev.n) rc->coded++;
        else rc->empty++;
        if (cs == CODED_DISCARD) rc->discarded++;
        if (cs == CODED_COMPLEX) rc->complex++;
        double tc = tick(pt);
        if (w)
            for (size_t i = 0; i < ev.n; i++) writer_event(w, &ev.e[i]);
        if (rs->st && put_story(rs, &s, ev.n ? "coded" : "no_events", NULL, ns, sents, &ev) != 0) result = -2;
        free(sents);
        story_free(&s);
        progress_show(pg, rc, false);
        ta = tick(pt);
        if (pt) pt->write += ta - tc;   /* the coding stages were added by code_story_sents */
    }
    event_list_free(&ev);
    sb_free(&why);
    reader_close(r);
    if (f) {
        pg->done += ftello(f);
        fclose(f);
    }
    pg->f = NULL;
    return result;
}

/* --dedup-window DAYS is taken out of argv before the shared option parser sees it (it is this
   command's alone). 0, or -1 after saying what is wrong. */
static int take_dedup_window(int *argc, char **argv, int *window)
{
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--dedup-window") != 0) continue;
        char *end = NULL;
        long v = i + 1 < *argc ? strtol(argv[i + 1], &end, 10) : -1;
        if (!end || end == argv[i + 1] || *end || v < 0 || v > 36500) {
            fprintf(stderr, "dyad code: --dedup-window wants a number of days (0 or more)\n");
            return -1;
        }
        *window = (int)v;
        memmove(argv + i, argv + i + 2, (size_t)(*argc - i - 2) * sizeof *argv);
        *argc -= 2;
        i--;
    }
    return 0;
}

/* ---- -j N: coding threads, output in input order ----
   Each coding thread reads its next batch of stories itself, under the input's lock (readers stream; one
   thread reads at a time, so stories are numbered and rejections reported in input order), then codes it
   with its own coder over the shared, read-only dictionary and keeps its batch's events. (A reading thread
   of its own, handing batches over through a queue, made N + 1 threads for N CPUs: it woke a few hundred
   times a run on a CPU a coder was using, and every story's text was written on one CPU and read on
   another.)
   a batch goes to the one writer only when every batch before it has, so the output is the same bytes
   as with -j 1 (writers number events and stamp times: they see the events in order, on one writer).
   A thread whose batch is coded before its turn parks it and takes the next one (waiting for the turn
   left a CPU idle whenever a batch finished out of order); the thread that writes a batch also writes
   the parked ones that follow it. Memory is bounded: each thread holds one batch, and at most
   PARKED_PER_THREAD per thread are parked (a thread that would park more waits for its turn instead). */

enum { BATCH_STORIES = 64, BATCH_BYTES = 1 << 20, PARKED_PER_THREAD = 2 };

typedef struct {
    story *s;
    int n;
    size_t bytes;
    long seq;
    event_list *ev;      /* each story's events */
    run_counts rc;
    stage_clock clk;     /* --profile */
} batch;

/* The input, read a batch at a time by whichever coding thread holds in_mu: the files in turn (stdin when
   none), the reader of the current one. */
typedef struct {
    const cli_options *o;
    int next_file;            /* the next file to open */
    reader *r;                /* the file being read, or NULL */
    long seq;                 /* the next batch's number */
    run_counts *rc;           /* stories read and rejected */
    int status;               /* EXIT_INPUT once a file could not be read */
    strbuf why;
} input;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t turn;
    pthread_mutex_t in_mu;    /* held while a batch is read */
    input in;
    long next_write;          /* seq of the batch whose output goes out next */
    batch **parked;           /* coded batches waiting for their turn (NULL slots are free) */
    int nparked, capparked;
    writer *w;                /* NULL: events are not written */
    const code_options *opt;
    bool profile;
    run_counts rc;            /* summed as batches are written */
    stage_times pt;
    char **names;             /* input names the stories point at (readers are closed before coding ends; in_mu) */
    size_t nnames, capnames;
} pipeline;

typedef struct {
    pipeline *p;
    coder *c;
    pthread_t tid;
} worker;

static void batch_free(batch *b)
{
    if (!b) return;
    for (int i = 0; i < b->n; i++) story_free(&b->s[i]);
    for (int i = 0; b->ev && i < b->n; i++) event_list_free(&b->ev[i]);
    free(b->ev);
    free(b->s);
    free(b);
}

/* The first STORY_PREFETCH bytes of a story's text asked for ahead: the batch's 64 texts were read before any
   is coded, and coding one evicts the next from the nearest cache (its first reads, sentence splitting and the
   dateline, missed on them). */
enum { STORY_PREFETCH = 4096 };
static void prefetch_story(const story *s)
{
    for (size_t at = 0; at < s->len && at < STORY_PREFETCH; at += 64) __builtin_prefetch(s->text + at);
}

/* Code the batch's stories; their events stay with the batch until it is written. The next story's text is
   asked for while one is coded. */
static void code_batch(pipeline *p, coder *c, batch *b)
{
    b->ev = xcalloc((size_t)b->n, sizeof *b->ev);
    if (b->n) prefetch_story(&b->s[0]);
    for (int i = 0; i < b->n; i++) {
        if (i + 1 < b->n) prefetch_story(&b->s[i + 1]);
        int ns = 0;
        coded_status cs = code_story_sents(c, &b->s[i], p->opt, &b->ev[i], &ns, NULL, p->profile ? &b->clk : NULL);
        b->rc.sentences += ns;
        b->rc.events += (long)b->ev[i].n;
        if (b->ev[i].n) b->rc.coded++;
        else b->rc.empty++;
        if (cs == CODED_DISCARD) b->rc.discarded++;
        if (cs == CODED_COMPLEX) b->rc.complex++;
    }
}

/* Write one batch's events, outside the lock (only the batch whose turn it is is written), then add
   its counts and pass the turn on; the batch is freed. */
static void write_batch(pipeline *p, batch *b)
{
    double t0 = p->profile ? now() : 0;
    for (int i = 0; p->w && i < b->n; i++)
        for (size_t k = 0; k < b->ev[i].n; k++) writer_event(p->w, &b->ev[i].e[k]);
    double t1 = p->profile ? now() : 0;
    pthread_mutex_lock(&p->mu);
    run_counts *rc = &p->rc;
    rc->sentences += b->rc.sentences; rc->events += b->rc.events; rc->coded += b->rc.coded;
    rc->empty += b->rc.empty; rc->discarded += b->rc.discarded; rc->complex += b->rc.complex;
    if (p->profile) { add_clock(&p->pt.coding, &b->clk); p->pt.write += t1 - t0; }
    p->next_write++;
    pthread_mutex_unlock(&p->mu);
    batch_free(b);
}

/* The parked batch whose turn it is, taken out of the parking; NULL when it is still being coded. */
static batch *unpark_next(pipeline *p)
{
    for (int i = 0; i < p->capparked; i++)
        if (p->parked[i] && p->parked[i]->seq == p->next_write) {
            batch *b = p->parked[i];
            p->parked[i] = NULL;
            p->nparked--;
            return b;
        }
    return NULL;
}

/* A coded batch: written now if its turn has come (with the parked batches after it), else parked.
   Takes ownership of b. */
static void deliver(pipeline *p, batch *b)
{
    pthread_mutex_lock(&p->mu);
    while (p->next_write != b->seq && p->nparked == p->capparked) pthread_cond_wait(&p->turn, &p->mu);
    if (p->next_write != b->seq) {
        int i = 0;
        while (p->parked[i]) i++;
        p->parked[i] = b;
        p->nparked++;
        pthread_mutex_unlock(&p->mu);
        return;
    }
    while (b) {
        pthread_mutex_unlock(&p->mu);
        write_batch(p, b);
        pthread_mutex_lock(&p->mu);
        b = unpark_next(p);
    }
    pthread_cond_broadcast(&p->turn);
    pthread_mutex_unlock(&p->mu);
}

/* The reader of the next file that opens, or NULL when none is left; a file that cannot be read is reported
   and passed over (the exit status says so). */
static reader *open_next(input *in)
{
    const cli_options *o = in->o;
    while (in->next_file < (o->nfiles ? o->nfiles : 1)) {
        const char *path = o->nfiles ? o->files[in->next_file] : NULL;
        in->next_file++;
        reader *r = reader_open(path, &o->read);
        if (r) return r;
        fprintf(stderr, "dyad: cannot read %s: %s\n", path ? path : "stdin", strerror(errno));
        in->status = EXIT_INPUT;
    }
    return NULL;
}

/* A story read to go into a batch: false at the end of the input. Rejected stories are counted and reported. */
static bool next_story(pipeline *p, story *s)
{
    input *in = &p->in;
    for (;;) {
        if (!in->r && !(in->r = open_next(in))) return false;
        read_status st = reader_next(in->r, s, &in->why);
        if (st == READ_EOF) {
            reader_close(in->r);
            in->r = NULL;
            continue;
        }
        in->rc->stories++;
        if (st != READ_REJECT) return true;
        in->rc->rejected++;
        cli_report_rejected(s, &in->why);
        story_free(s);
        sb_clear(&in->why);
    }
}

/* The next batch in input order (the caller holds in_mu), or NULL when the input is done. */
static batch *read_batch(pipeline *p)
{
    double ta = p->profile ? now() : 0;
    batch *b = NULL;
    story s;
    while ((!b || (b->n < BATCH_STORIES && b->bytes < BATCH_BYTES)) && next_story(p, &s)) {
        /* the reader owns s.file and may be closed before the batch is coded: point at our copy */
        if (s.file) {
            if (!p->nnames || strcmp(p->names[p->nnames - 1], s.file) != 0) {
                GROW(p->names, p->capnames, p->nnames);
                p->names[p->nnames++] = xstrdup(s.file);
            }
            s.file = p->names[p->nnames - 1];
        }
        if (!b) {
            b = xcalloc(1, sizeof *b);
            b->s = xmalloc(BATCH_STORIES * sizeof *b->s);
            b->seq = p->in.seq++;
        }
        b->s[b->n++] = s;
        b->bytes += s.len;
    }
    if (p->profile) p->pt.read += now() - ta;
    return b;
}

static void *work(void *arg)
{
    worker *wk = arg;
    pipeline *p = wk->p;
    for (;;) {
        pthread_mutex_lock(&p->in_mu);
        batch *b = read_batch(p);
        pthread_mutex_unlock(&p->in_mu);
        if (!b) break;
        code_batch(p, wk->c, b);
        deliver(p, b);
    }
    return NULL;
}

/* Code every input file with `jobs` threads; returns the exit status so far (EXIT_OK or EXIT_INPUT). */
static int code_parallel(const cli_options *o, const dict *d, writer *w, int jobs, run_counts *rc, stage_times *pt)
{
    pipeline p = {.w = w, .opt = &d->opt, .profile = pt != NULL, .in = {.o = o, .rc = rc, .status = EXIT_OK}};
    pthread_mutex_init(&p.mu, NULL);
    pthread_mutex_init(&p.in_mu, NULL);
    pthread_cond_init(&p.turn, NULL);
    sb_init(&p.in.why);
    p.capparked = jobs * PARKED_PER_THREAD;
    p.parked = xcalloc((size_t)p.capparked, sizeof *p.parked);
#ifdef M_TOP_PAD
    /* Each thread's malloc arena is then made with this much room and keeps it: grown and trimmed a few pages
       at a time (mprotect, madvise), each change made the kernel interrupt the CPU running the other threads
       to flush its TLB (-j 2 with TABARI's set: ~230 calls a Reuters run, up to 3 % of its CPU time). Room
       never touched costs no memory. Set here, after the dictionary's load: with the main arena's top that
       large, its big callocs were carved from the top and cleared by hand instead of coming as fresh pages. */
    mallopt(M_TOP_PAD, 32 << 20);
#endif
    /* coders are made here, before any thread starts: coder_new prepares the shared dictionary */
    worker *wk = xcalloc((size_t)jobs, sizeof *wk);
    for (int i = 0; i < jobs; i++) wk[i] = (worker){&p, coder_new(d), 0};
    for (int i = 0; i < jobs; i++)
        if (pthread_create(&wk[i].tid, NULL, work, &wk[i]) != 0) {
            fprintf(stderr, "dyad: cannot start a coding thread: %s\n", strerror(errno));
            exit(EXIT_NOMEM);
        }
    for (int i = 0; i < jobs; i++) {
        pthread_join(wk[i].tid, NULL);
        coder_free(wk[i].c);
    }
    free(wk);
    free(p.parked);
    for (size_t i = 0; i < p.nnames; i++) free(p.names[i]);
    free(p.names);
    sb_free(&p.in.why);
    rc->sentences += p.rc.sentences; rc->events += p.rc.events; rc->coded += p.rc.coded;
    rc->empty += p.rc.empty; rc->discarded += p.rc.discarded; rc->complex += p.rc.complex;
    if (pt) { pt->read += p.pt.read; pt->write += p.pt.write; add_clock(&pt->coding, &p.pt.coding); }
    pthread_cond_destroy(&p.turn);
    pthread_mutex_destroy(&p.in_mu);
    pthread_mutex_destroy(&p.mu);
    return p.in.status;
}

/* Take -j N / --jobs N and --profile out of argv (cli_parse stops at options it does not know).
   -1 after reporting a bad value. */
static int take_own_options(int *argc, char **argv, int *jobs, bool *profile)
{
    int n = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--profile")) { *profile = true; continue; }
        const char *v = NULL;
        if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            if (i + 1 >= *argc) { fprintf(stderr, "dyad: %s needs a value\n", a); return -1; }
            v = argv[++i];
        } else if (!strncmp(a, "-j", 2) && is_digit(a[2])) {
            v = a + 2;
        } else {
            argv[n++] = argv[i];
            continue;
        }
        char *end;
        long j = strtol(v, &end, 10);
        if (end == v || *end || j < 0 || j > 1024) {
            fprintf(stderr, "dyad: -j wants a number of threads (0: one per CPU), not '%s'\n", v);
            return -1;
        }
        *jobs = j ? (int)j : (int)sysconf(_SC_NPROCESSORS_ONLN);
        if (*jobs < 1) *jobs = 1;
    }
    argv[n] = NULL;
    *argc = n;
    return 0;
}

int cmd_code(int argc, char **argv)
{
    cli_options o;
    int window = STORE_DEDUP_WINDOW;
    if (take_dedup_window(&argc, argv, &window) != 0) return EXIT_USAGE;
    int jobs = 1;
    const char *env = getenv("DYAD_PROFILE");
    bool profile = env && *env && strcmp(env, "0") != 0;
    if (take_own_options(&argc, argv, &jobs, &profile) != 0) return EXIT_USAGE;
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
    double tl = now();
    dict *d = cli_load_dicts(&o, &dg);
    if (!d) return EXIT_INPUT;
    tl = now() - tl;
    /* profiling: the gazetteer is loaded now (else on the first story with events) and timed apart */
    double tg = profile ? now() : 0;
    if (profile) gazetteer_default();
    if (profile) tg = now() - tg;
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
    if (o.out_path && !(out = cli_open_output(o.out_path))) {
        fprintf(stderr, "dyad: cannot write %s: %s\n", o.out_path, strerror(errno));
        store_close(rs.st);
        dict_free(d);
        return EXIT_INPUT;
    }
    /* the store takes stories one at a time, in order: with --db coding stays on this thread */
    bool parallel = jobs > 1 && !rs.st;
    writer *w = out ? writer_open(out, o.format) : NULL;
    coder *c = parallel ? NULL : coder_new(d);
    run_counts rc = {.unique_events = -1};
    stage_times times = {0}, *pt = profile ? &times : NULL;
    double t0 = now();
    progress pg = {.on = !o.quiet && isatty(2) && !parallel, .t0 = t0, .total = input_size(&o)};
    int status = EXIT_OK;
    bool store_failed = false;
    if (parallel) status = code_parallel(&o, d, w, jobs, &rc, pt);
    for (int i = 0; !parallel && i < (o.nfiles ? o.nfiles : 1) && !store_failed; i++) {
        /* a read error ends one file; a store error ends the run (the open batch is rolled back) */
        int r = code_file(o.nfiles ? o.files[i] : NULL, &o, d, c, w, &rs, &rc, &pg, pt);
        if (r != 0) status = EXIT_INPUT;
        store_failed = r == -2;
    }
    if (rs.st && !store_failed && store_commit(rs.st) != 0) {
        fprintf(stderr, "dyad: %s: committing the last stories failed: %s\n", o.db_path, store_error(rs.st));
        status = EXIT_INPUT;
    } else if (rs.st && !store_failed && (rc.unique_events = store_dedup(rs.st, window)) < 0) {
        fprintf(stderr, "dyad: %s: dedup across stories failed: %s\n", o.db_path, store_error(rs.st));
        status = EXIT_INPUT;
    }
    store_close(rs.st);
    if (writer_close(w) != 0) { fprintf(stderr, "dyad: writing events failed: %s\n", strerror(errno)); status = EXIT_INPUT; }
    if (out && out != stdout) fclose(out);
    double secs = now() - t0;
    progress_clear(&pg);
    if (!o.quiet) {
        fprintf(stderr, "dyad: %ld stories read: %ld coded, %ld without events, %ld rejected", rc.stories, rc.coded,
                rc.empty, rc.rejected);
        if (o.resume) fprintf(stderr, ", %ld skipped", rc.skipped);
        fprintf(stderr, "; %ld sentences, %ld events", rc.sentences, rc.events);
        if (rc.unique_events >= 0) fprintf(stderr, "; the store has %ld unique events", rc.unique_events);
        fprintf(stderr, " (%.2f s)\n", secs);
    }
    if (o.stats_path) write_stats(o.stats_path, &rc, secs);
    if (pt)
        fprintf(stderr, "dyad: profile: dictionary load %.3f s, gazetteer load %.3f s; read %.3f s, split %.3f s, "
                        "match %.3f s, code %.3f s, dates %.3f s, places %.3f s, write %.3f s (thread seconds, -j %d); "
                        "total %.3f s\n",
                tl, tg, pt->read, pt->coding.split, pt->coding.match, pt->coding.code, pt->coding.dates, pt->coding.places, pt->write, jobs,
                secs);
    coder_free(c);
    dict_free(d);
    if (status == EXIT_OK && rc.rejected) status = EXIT_REJECTED;
    return status;
}

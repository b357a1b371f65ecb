/* cli.c — option parsing, dictionary loading and the per-story coding loop shared by the commands. */
#define _GNU_SOURCE   /* dl_iterate_phdr (link.h), to find the program's build id */
#include "cli/cli.h"
#include "when/when.h"
#include "where/where.h"

#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool need_value(int i, int argc, const char *opt)
{
    if (i + 1 < argc) return true;
    fprintf(stderr, "dyad: %s needs a value\n", opt);
    return false;
}

/* --max-sentence-tokens, kept here rather than passed along: the story-coding functions below are
   shared by every command and take only the coder's options. Set once while parsing (0 = no limit
   beyond the splitter's 2,000-byte sentences), then only read, so coder threads may share it. */
static size_t max_sentence_tokens;

/* A positive count for a limit option, with an optional K, M or G (binary) suffix; 0 when malformed. */
static size_t parse_limit(const char *opt, const char *v, bool suffix_ok)
{
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    int shift = 0;
    if (suffix_ok && end != v && *end && !end[1]) {
        const char *units = "KMG", *u = strchr(units, *end & ~0x20);
        if (u && *u) { shift = 10 * (int)(u - units + 1); end++; }
    }
    if (end == v || *end || v[0] == '-' || n == 0 || n > (SIZE_MAX >> 4) >> shift) {
        fprintf(stderr, "dyad: %s wants a positive number%s, not '%s'\n", opt,
                suffix_ok ? " (K, M, G allowed)" : "", v);
        return 0;
    }
    return (size_t)n << shift;
}

const char *cli_report_rejected(const story *s, const strbuf *why)
{
    const char *reason = why->s && *why->s ? why->s : "unreadable";
    fprintf(stderr, "dyad: %s:%ld: story %s rejected: %s\n", s->file ? s->file : "-", s->line, s->id ? s->id : "(no id)",
            reason);
    return reason;
}

FILE *cli_open_output(const char *path)
{
    return strcmp(path, "-") != 0 ? fopen(path, "w") : stdout;
}

int cli_parse(int argc, char **argv, cli_options *o, const char *cmd)
{
    memset(o, 0, sizeof *o);
    max_sentence_tokens = 0;
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
        } else if (!strcmp(a, "--max-story")) {
            if (!need_value(i, argc, a) || !(o->read.max_story = parse_limit(a, argv[++i], true))) return -1;
        } else if (!strcmp(a, "--max-sentence-tokens")) {
            if (!need_value(i, argc, a) || !(max_sentence_tokens = parse_limit(a, argv[++i], false))) return -1;
        } else if (!strcmp(a, "--resume")) {
            o->resume = true;
        } else if (!strcmp(a, "--strict")) {
            o->strict = true;
        } else if (!strcmp(a, "--json")) {
            o->json = true;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = true;
        } else if (!strcmp(a, "--no-cache")) {
            o->no_cache = true;
        } else if (a[0] == '-' && a[1] && strcmp(a, "-") != 0) {
            return i;   /* the command decides (e.g. --help) */
        } else {
            if (o->nfiles >= 256) { fprintf(stderr, "dyad %s: at most 256 files\n", cmd); return -1; }
            o->files[o->nfiles++] = a;
        }
    }
    return argc;
}

/* Where the compiled text dictionaries are kept: DYAD_CACHE_DIR, else $XDG_CACHE_HOME/dyad, else ~/.cache/dyad
   (the XDG convention). An empty DYAD_CACHE_DIR turns the cache off; false then, or when there is no home. */
static bool cache_dir(char *out, size_t cap)
{
    const char *env = getenv("DYAD_CACHE_DIR");
    int n;
    if (env) {
        if (!*env) return false;
        n = snprintf(out, cap, "%s", env);
    } else if ((env = getenv("XDG_CACHE_HOME")) && env[0] == '/') {
        n = snprintf(out, cap, "%s/dyad", env);
    } else if ((env = getenv("HOME")) && env[0] == '/') {
        n = snprintf(out, cap, "%s/.cache/dyad", env);
    } else {
        return false;
    }
    return n > 0 && (size_t)n < cap;
}

typedef struct {
    unsigned char id[64];
    size_t n;
} build_id;

/* The program's own object comes first: its notes are searched for the linker's build id. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *ctx)
{
    build_id *b = ctx;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) continue;
        const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
        while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
            const char *name = p + sizeof *nh, *desc = name + ((nh->n_namesz + 3) & ~3u);
            if (desc + nh->n_descsz > end) break;
            if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && !memcmp(name, "GNU", 4) &&
                nh->n_descsz <= sizeof b->id) {
                memcpy(b->id, desc, nh->n_descsz);
                b->n = nh->n_descsz;
                return 1;
            }
            p = desc + ((nh->n_descsz + 3) & ~3u);
        }
    }
    return 1;   /* only the program itself */
}

/* The cache keys its entries by this build of dyad (a rebuilt parser may read a file otherwise, so a new build
   never reads an older one's entries) and the files' bytes. Without a build id there is no cache. */
static int load_cached(dict *d, const cli_options *o)
{
    static build_id id;
    static bool looked;
    char dir[4096];
    if (o->no_cache || !cache_dir(dir, sizeof dir)) return DICT_CACHE_UNUSED;
    if (!looked) dl_iterate_phdr(find_build_id, &id), looked = true;
    if (!id.n) return DICT_CACHE_UNUSED;
    return dict_cache_load(d, o->dicts, o->ndicts, dir, id.id, id.n);
}

dict *cli_load_dicts(const cli_options *o, diag *dg)
{
    dict *d = dict_new(dg);
    d->strict = o->strict;
    int cached = o->ndicts ? load_cached(d, o) : DICT_CACHE_UNUSED;
    if (cached == 0) return d;
    if (cached == -1) { dict_free(d); return NULL; }
    if (cached == DICT_CACHE_DISCARD) {
        dict_free(d);
        d = dict_new(dg);
        d->strict = o->strict;
    }
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

double clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The clock only when profiling: a plain run makes no call. */
static double lap(const stage_clock *clk) { return clk ? clock_seconds() : 0; }

coded_status code_story(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences)
{
    return code_story_keep(c, s, opt, events, nsentences, false);
}

/* --max-sentence-tokens: a sentence with more tokens is cut after the last one allowed (its start
   usually holds the subject and verb), with a warning naming the story. Counting needs tokens, so only
   sentences with more bytes than the limit (each token is at least a byte) are tokenised here. */
static span cap_tokens(const story *s, size_t no, span sent, token_list *tl)
{
    if (!max_sentence_tokens || sent.end - sent.start <= max_sentence_tokens) return sent;
    tokenize(s->text, sent, tl);
    if (tl->n <= max_sentence_tokens) return sent;
    fprintf(stderr, "dyad: %s:%ld: story %s: sentence %zu has %zu tokens, cut to the first %zu "
                    "(--max-sentence-tokens)\n",
            s->file ? s->file : "-", s->line, s->id ? s->id : "(no id)", no, tl->n, max_sentence_tokens);
    sent.end = tl->t[max_sentence_tokens - 1].end;
    return sent;
}

/* The reference time of "that year", "the next day" while a story is coded: the last date the story
   named before the sentence being dated. Kept lazily: the sentences from `read` on are read for dates
   (when_find) only when an event sentence's expressions read the reference (timex_list.ref_used), so
   most stories pay nothing. */
typedef struct {
    timex_list tx;   /* its ref and ref_unit: the reference so far; its expressions: the sentence's */
    size_t read;     /* the sentences before this one are folded into tx's reference */
    token_list tl;   /* the tokens of an earlier sentence read late */
} story_dates;

static void story_dates_free(story_dates *sd)
{
    timex_list_free(&sd->tx);
    token_list_free(&sd->tl);
}

/* ---- buffers a coding thread keeps from story to story ----
   A thread codes many stories, and each story's bookkeeping (the kept tokens of its lead and event
   sentences, the place stage's arrays, the date stage's lists) used to be allocated and freed again: a
   dozen malloc/free pairs a story, as much as reading it. Each thread now keeps them (thread-local, freed
   when the thread ends); a story takes them with their capacity and gives them back. Token lists are kept
   only up to a bound, so that one huge story does not leave a thread holding its memory. */
enum { SPARE_LISTS = 64, SPARE_TOKENS = 1024, SENTENCES_KEPT = 4096 };

typedef struct {
    token_list *kept;                 /* one per sentence of the story being coded ({0}: none kept) */
    size_t kept_cap;
    token_list spare[SPARE_LISTS];    /* kept lists of earlier stories, emptied, with their capacity */
    size_t nspare;
    bool *want;                       /* attach_places' per-sentence arrays */
    const token_list **toks;
    size_t places_cap;
    story_dates dates;                /* its lists' buffers (cleared for each story) */
    story_places places;              /* the place stage's lists and buffers (emptied by where_story) */
    token_list cap_tl;                /* cap_tokens' count */
} story_scratch;

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static _Thread_local story_scratch *thread_scratch_p;

static void scratch_free(void *p)
{
    story_scratch *sc = p;
    for (size_t i = 0; i < sc->nspare; i++) token_list_free(&sc->spare[i]);
    free(sc->kept);
    free(sc->want);
    free(sc->toks);
    story_dates_free(&sc->dates);
    story_places_free(&sc->places);
    token_list_free(&sc->cap_tl);
    free(sc);
}

static void scratch_key_make(void)
{
    if (pthread_key_create(&scratch_key, scratch_free) == 0) return;
    fprintf(stderr, "dyad: cannot make a thread key\n");
    exit(EXIT_NOMEM);
}

/* This thread's buffers, made on its first story; the key's destructor frees them when the thread ends
   (the main thread's stay reachable through the thread-local pointer until exit). */
static story_scratch *thread_scratch(void)
{
    if (thread_scratch_p) return thread_scratch_p;
    pthread_once(&scratch_once, scratch_key_make);
    story_scratch *sc = xcalloc(1, sizeof *sc);
    if (pthread_setspecific(scratch_key, sc) != 0) {
        fprintf(stderr, "dyad: cannot set a thread key\n");
        exit(EXIT_NOMEM);
    }
    return thread_scratch_p = sc;
}

/* n empty kept lists (all {0}) for a story of n sentences. */
static token_list *kept_lists(story_scratch *sc, size_t n)
{
    if (n > sc->kept_cap) {
        free(sc->kept);
        sc->kept = xmalloc(n * sizeof *sc->kept);
        sc->kept_cap = n;
    }
    if (n) memset(sc->kept, 0, n * sizeof *sc->kept);   /* a story of no sentences may have no array yet */
    return sc->kept;
}

/* The coder's tokens of the sentence it coded last into the empty list *dst, handed over rather than
   copied (the copies were most of this function's time: a sentence's tokens and norms, for every lead and
   event sentence); the coder takes a spare list's buffers in exchange when there is one. No tokens are kept
   as none (t NULL), as before: attach_places then tokenizes that sentence itself. */
static void keep_tokens(story_scratch *sc, token_list *dst, coder *c)
{
    if (!coder_tokens(c)->n) return;
    if (sc->nspare) *dst = sc->spare[--sc->nspare];
    coder_give_tokens(c, dst);
}

/* The story's kept lists back to the spares (emptied), or freed past the bound. */
static void return_kept(story_scratch *sc, token_list *kept, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!kept[i].t && !kept[i].pool) continue;
        if (sc->nspare < SPARE_LISTS && kept[i].cap <= SPARE_TOKENS) {
            kept[i].n = kept[i].plen = 0;
            sc->spare[sc->nspare++] = kept[i];
        } else {
            token_list_free(&kept[i]);
        }
        kept[i] = (token_list){0};
    }
    if (sc->kept_cap > SENTENCES_KEPT) {   /* the per-sentence arrays of a story of very many sentences */
        free(sc->kept), free(sc->want), free(sc->toks);
        sc->kept = NULL, sc->want = NULL, sc->toks = NULL;
        sc->kept_cap = sc->places_cap = 0;
    }
}

/* The date stage's state for a new story: as {0}, but with the buffers of the thread's lists. */
static story_dates *fresh_dates(story_scratch *sc)
{
    story_dates *sd = &sc->dates;
    /* the lists keep every buffer they hold (a field-by-field copy once lost one added later) */
    sd->tx.n = 0;
    sd->tx.ref_used = false;
    when_story(&sd->tx);
    sd->tl.n = sd->tl.plen = 0;
    sd->read = 0;
    return sd;
}

/* Fold sentences [sd->read, upto) into the reference time, in order (each can count from the one
   before: "In March ... The following month"). Only those that may name a date are tokenized. */
static void read_dates_upto(const story *s, const span *sents, size_t upto, story_dates *sd)
{
    for (; sd->read < upto; sd->read++) {
        span sent = sents[sd->read];
        if (!when_may_date(s->text, sent)) continue;
        tokenize(s->text, sent, &sd->tl);
        sd->tx.n = 0;
        when_find(s->text, sent, &sd->tl, s->date, &sd->tx);
    }
}

/* Event dates (issue 4): each event of sentence i (events[first..]) takes the date of a time
   expression in its own clause (when_for_verb): not across a ';', another event's verb or a clause with
   a verb of its own ("condemned the bombing that killed 12 on Monday" is not dated Monday); the verb's
   own adverbial ("met on Tuesday", "On Feb. 3, rebels attacked") wins over a date inside a noun phrase
   ("criticized Tuesday's vote"), one after the verb over one before it. Only expressions that name a
   day, month or year count (not weeks, quarters, durations or "recently"); a month or year gives its
   first day with that precision; "that year", "the next day" count from the story's last date before.
   Without one the event keeps the story's date (DATE_STORY). DYAD_NO_DATES=1 turns the stage off. */
/* DYAD_NO_DATES=1 / DYAD_NO_PLACES=1 turn the date and place stages off. Read once per run (getenv
   walks the whole environment: once per sentence it cost more than the test it guards), under
   pthread_once so that coding threads may ask at the same time. */
static bool no_dates, no_places;
static pthread_once_t stages_once = PTHREAD_ONCE_INIT;

static bool env_on(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

static void read_stage_switches(void)
{
    no_dates = env_on("DYAD_NO_DATES");
    no_places = env_on("DYAD_NO_PLACES");
}

static void attach_dates(const story *s, const span *sents, size_t i, event_list *events, size_t first,
                         const token_list *tl, story_dates *sd)
{
    if (first >= events->n || !s->date) return;
    pthread_once(&stages_once, read_stage_switches);
    if (no_dates) return;
    span sent = sents[i];
    if (!when_may_date(s->text, sent)) return;   /* most sentences name no day, month or year */
    timex_list *tx = &sd->tx;
    ymd ref = tx->ref;
    uint8_t unit = tx->ref_unit;
    tx->n = 0;
    when_find(s->text, sent, tl, s->date, tx);
    if (tx->ref_used && sd->read < i) {   /* "later that year": the earlier sentences' last date first */
        tx->ref = ref, tx->ref_unit = unit;
        read_dates_upto(s, sents, i, sd);
        tx->n = 0;
        when_find(s->text, sent, tl, s->date, tx);
    }
    /* the reference is now this sentence's last date, whatever came before; or, when it named none and
       the earlier sentences were read, still theirs */
    if (sd->read == i || tx->ref != ref || tx->ref_unit != unit) sd->read = i + 1;
    size_t nverbs = events->n - first;
    span few[16];   /* most sentences have one or two events */
    span *verbs = !tx->n ? NULL : nverbs <= 16 ? few : xmalloc(nverbs * sizeof *verbs);
    for (size_t k = 0; verbs && k < nverbs; k++) verbs[k] = events->e[first + k].verb_span;
    for (size_t k = first; k < events->n && tx->n; k++) {
        event *e = &events->e[k];
        int j = when_for_verb(s->text, tl, tx, e->verb_span, verbs, nverbs);
        if (j < 0) continue;
        const timex *t = &tx->t[j];
        e->date = t->precision == DATE_DAY ? t->date : t->first_day;
        e->date_precision = t->precision;
        e->date_span = t->at;
    }
    if (verbs != few) free(verbs);
}

/* Event places (issue 4): each event takes the place named in its sentence after a locative word
   ("in", "at", "near", "on the sidelines of ... in") or by a site noun ("Mundu village", "the Panorama
   Checkpoint"), the narrowest nearest its verb ("the West Bank city of Nablus" is Nablus), else its
   verb's object if the verb takes a place ("entered Jarabulus"), else another place in the sentence,
   else the dateline's place, else none (src/where). Places are resolved once per story, with the
   countries the story names; a settlement the gazetteer lacks takes the country around it or the
   event's actors'. Stories without events are not searched. DYAD_NO_PLACES=1 turns the stage off. */
static void attach_places(const story *s, const span *sents, size_t n, event_list *events, const token_list *kept)
{
    if (!events->n) return;
    pthread_once(&stages_once, read_stage_switches);
    if (no_places) return;
    const gazetteer *g = gazetteer_default();
    if (!g) return;
    /* the lead (for the story's countries) and the sentences with events */
    story_scratch *sc = thread_scratch();
    if (n + 1 > sc->places_cap) {
        free(sc->want), free(sc->toks);
        sc->places_cap = n + 1;
        sc->want = xmalloc(sc->places_cap * sizeof *sc->want);
        sc->toks = xmalloc(sc->places_cap * sizeof *sc->toks);
    }
    bool *want = sc->want;
    memset(want, 0, (n + 1) * sizeof *want);
    for (size_t i = 0; i < n && i < 2; i++) want[i] = true;
    for (size_t k = 0; k < events->n; k++)
        if (events->e[k].sentence >= 1 && (size_t)events->e[k].sentence <= n) want[events->e[k].sentence - 1] = true;
    /* the coder's tokens of the sentences it kept them for (kept[i].t set); the others are tokenized */
    const token_list **toks = sc->toks;
    for (size_t i = 0; i < n + 1; i++) toks[i] = kept && i < n && kept[i].t ? &kept[i] : NULL;
    story_places *sp = &sc->places;
    where_story_tokens(g, s->text, s->len, sents, n, want, toks, sp);
    for (size_t k = 0; k < events->n; k++) where_locate(sp, &events->e[k]);
    story_places_keep(sp);
}

/* The coding loop; the sentence spans go to *sents_out (caller frees) when it is not NULL. */
static coded_status code_story_at(coder *c, const story *s, const code_options *opt, event_list *events,
                                  int *nsentences, bool continues, span **sents_out, stage_clock *clk)
{
    double t0 = lap(clk);
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
    double t1 = lap(clk);
    if (clk) clk->split += t1 - t0;
    /* the coder times its own tokenizing and matching; that part of its time is "match", not "code" */
    double matched = clk ? clk->match : 0;
    coder_time_matching(c, clk ? &clk->match : NULL);
    coded_status worst = CODED_NONE;
    story_scratch *sc = thread_scratch();
    token_list *kept = kept_lists(sc, n);   /* the coder's tokens of the sentences attach_places reads */
    story_dates *dates = fresh_dates(sc);
    for (size_t i = 0; i < n; i++) {
        sents[i] = cap_tokens(s, i + 1, sents[i], &sc->cap_tl);
        if (i + 1 < n) coder_next_sentence(c, sents[i + 1]);   /* tokenized early (its cap, if any, comes later) */
        size_t before = events->n;
        coded_status st = code_sentence(c, s, (int)i + 1, sents[i], opt, events, NULL);
        double t2 = lap(clk);
        attach_dates(s, sents, i, events, before, coder_tokens(c), dates);   /* the coder's tokens of sents[i] */
        if (clk) { double t3 = clock_seconds(); clk->code += t2 - t1; clk->dates += t3 - t2; t1 = t3; }
        if (i < 2 || events->n > before) keep_tokens(sc, &kept[i], c);   /* the lead, event sentences */
        if (st == CODED_EVENTS) worst = CODED_EVENTS;
        else if (worst != CODED_EVENTS && st != CODED_NONE) worst = st;
    }
    coder_time_matching(c, NULL);
    if (clk) clk->code -= clk->match - matched;
    double t4 = lap(clk);
    attach_places(s, sents, n, events, kept);
    if (clk) clk->places += clock_seconds() - t4;
    return_kept(sc, kept, n);
    if (sents_out) *sents_out = sents;
    else free(sents);
    if (nsentences) *nsentences = (int)n;
    return events->n ? CODED_EVENTS : worst;
}

coded_status code_story_keep(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences,
                             bool continues)
{
    return code_story_at(c, s, opt, events, nsentences, continues, NULL, NULL);
}

coded_status code_story_sents(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences,
                              span **sents, stage_clock *clk)
{
    return code_story_at(c, s, opt, events, nsentences, false, sents, clk);
}

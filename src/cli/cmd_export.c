/* cmd_export.c — `dyad export DB`: the stored events in any output format, GDELT and Phoenix deduplicated. */
#include "cli/cli.h"
#include "store/store.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static const char export_help[] =
    "usage: dyad export DB [--format FMT] [-o FILE]\n"
    "\n"
    "Writes the events of the store DB (made by 'dyad code --db DB').\n"
    "  --format FMT    jsonl (default), tsv, csv, tabari: one row per stored event (every mention);\n"
    "                  icews: ICEWS's event-file layout, one row per mention;\n"
    "                  gdelt: the GDELT 2.0 events table (61 columns), phoenix: Phoenix's layout:\n"
    "                  one row per unique event (the same source, target and code reported by\n"
    "                  several stories within the dedup window), with its mention/source/article counts.\n"
    "  -o FILE         write to FILE instead of stdout (- is stdout)\n"
    "Fields dyad does not know are left empty. Exit status: 0 done; 2 usage; 3 the store could not be read\n"
    "or the output written.\n";

typedef struct {
    writer *w;
} export_ctx;

static int write_row(void *ctx, const event *e, const store_row *r)
{
    export_ctx *x = ctx;
    event_meta m = {.id = r->event_id, .mentions = r->mentions, .sources = r->sources, .articles = r->articles,
                    .added = r->coded_at, .urls = r->urls, .news_sources = r->news_sources};
    writer_event_meta(x->w, e, &m);
    return 0;
}

/* DB, --format, -o; 0, or EXIT_USAGE after saying why. */
static int parse(int argc, char **argv, const char **db, output_format *fmt, const char **out)
{
    *db = NULL;
    *fmt = FORMAT_JSONL;
    *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if ((!strcmp(a, "--format") || !strcmp(a, "-f")) && has_value) {
            int f = output_format_parse(argv[++i]);
            if (f < 0) { fprintf(stderr, "dyad export: --format takes %s, not '%s'\n", output_format_names, argv[i]); return EXIT_USAGE; }
            *fmt = (output_format)f;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && has_value) {
            *out = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad export: unknown option or missing value '%s'\n%s", a, export_help);
            return EXIT_USAGE;
        } else if (*db) {
            fprintf(stderr, "dyad export: one store at a time\n%s", export_help);
            return EXIT_USAGE;
        } else {
            *db = a;
        }
    }
    if (!*db) { fprintf(stderr, "dyad export: which store?\n%s", export_help); return EXIT_USAGE; }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(export_help, stdout); return EXIT_OK; }
    const char *db, *out_path;
    output_format fmt;
    if (parse(argc, argv, &db, &fmt, &out_path) != 0) return EXIT_USAGE;
    /* store_open would create a missing file: an export of nothing is more likely a typo */
    if (access(db, R_OK) != 0) { fprintf(stderr, "dyad export: cannot read %s: %s\n", db, strerror(errno)); return EXIT_INPUT; }
    char err[512];
    store *st = store_open(db, err, sizeof err);
    if (!st) { fprintf(stderr, "dyad export: cannot open the store %s: %s\n", db, err); return EXIT_INPUT; }
    int status = EXIT_OK;
    if (output_format_unique(fmt) && store_dedup_ensure(st) != 0) {
        fprintf(stderr, "dyad export: %s: dedup failed: %s\n", db, store_error(st));
        store_close(st);
        return EXIT_INPUT;
    }
    FILE *out = out_path ? cli_open_output(out_path) : stdout;
    if (!out) { fprintf(stderr, "dyad export: cannot write %s: %s\n", out_path, strerror(errno)); store_close(st); return EXIT_INPUT; }
    export_ctx x = {writer_open(out, fmt)};
    if (store_each_event(st, output_format_unique(fmt), write_row, &x) != 0) {
        fprintf(stderr, "dyad export: reading %s failed: %s\n", db, store_error(st));
        status = EXIT_INPUT;
    }
    if (writer_close(x.w) != 0) { fprintf(stderr, "dyad export: writing failed: %s\n", strerror(errno)); status = EXIT_INPUT; }
    if (out != stdout && fclose(out) != 0) status = EXIT_INPUT;
    store_close(st);
    return status;
}

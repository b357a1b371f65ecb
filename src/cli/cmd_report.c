/* cmd_report.c — `dyad report DB -o report.html`: the store as one self-contained HTML page. */
#include "cli/cli.h"
#include "report/report.h"
#include "store/store.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static const char report_help[] =
    "usage: dyad report DB [-o FILE]\n"
    "\n"
    "Writes one HTML file (default report.html) that shows the store DB without any network access:\n"
    "top actors and dyads, a weekly timeline per dyad (events by QuadClass, mean Goldstein), a map of\n"
    "event locations, and the table of events with the sentence behind each, filterable.\n"
    "Exit status: 0 done; 2 usage; 3 the store could not be read or the file written.\n";

int cmd_report(int argc, char **argv)
{
    const char *db = NULL, *out_path = "report.html";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { fputs(report_help, stdout); return EXIT_OK; }
        if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) out_path = argv[++i];
        else if (a[0] == '-' || db) { fprintf(stderr, "dyad report: unexpected '%s'\n%s", a, report_help); return EXIT_USAGE; }
        else db = a;
    }
    if (!db) { fprintf(stderr, "dyad report: which store?\n%s", report_help); return EXIT_USAGE; }
    if (access(db, R_OK) != 0) { fprintf(stderr, "dyad report: cannot read %s: %s\n", db, strerror(errno)); return EXIT_INPUT; }
    char err[512];
    store *st = store_open(db, err, sizeof err);
    if (!st) { fprintf(stderr, "dyad report: cannot open the store %s: %s\n", db, err); return EXIT_INPUT; }
    int status = EXIT_OK;
    FILE *out = NULL;
    if (store_dedup_ensure(st) != 0) {
        fprintf(stderr, "dyad report: %s: dedup failed: %s\n", db, store_error(st));
        status = EXIT_INPUT;
    } else if (!(out = cli_open_output(out_path))) {
        fprintf(stderr, "dyad report: cannot write %s: %s\n", out_path, strerror(errno));
        status = EXIT_INPUT;
    } else if (report_write(st, db, out, err, sizeof err) != 0) {
        fprintf(stderr, "dyad report: %s\n", err);
        status = EXIT_INPUT;
    }
    if (out && (out == stdout ? fflush(out) : fclose(out)) != 0) {
        fprintf(stderr, "dyad report: writing %s failed\n", out_path);
        status = EXIT_INPUT;
    }
    store_close(st);
    return status;
}

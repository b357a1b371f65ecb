/* cmd_dict.c — `dyad dict stats|check`: what a dictionary holds, how long it takes to load, what was rejected. */
#include "cli/cli.h"
#include "dict/dict_check.h"

#include <errno.h>
#include <string.h>
#include <time.h>

static const char dict_help[] =
    "usage: dyad dict stats [--per-country | --per-code] [--json] [--dict PATH]...\n"
    "       dyad dict check [--dict PATH]... [--strict]\n"
    "       dyad dict compile --dict PATH [--dict PATH]... -o FILE.dyc\n"
    "\n"
    "Without --dict: the built-in dictionary.\n"
    "\n"
    "stats  counts of entries read per kind, rejected entries, and the load time;\n"
    "       --per-country: actor names per country or organisation code;\n"
    "       --per-code: verb patterns per CAMEO code (codes no pattern reaches show 0)\n"
    "check  loads the dictionary, reports every malformed entry, then every duplicate name,\n"
    "       conflicting code, overlapping role dates, unknown code and entry that can never\n"
    "       apply, each with file:line; exit status 1 when anything was found (3 with --strict\n"
    "       when an entry was rejected)\n"
    "compile  writes the loaded dictionaries (all layers) to FILE.dyc, which --dict reads back\n"
    "       without parsing (for this build of dyad on this kind of machine)\n";

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void print_stats(const dict *d, double secs, bool json)
{
    long patterns = 0, forms = 0, names = 0, members = 0;
    for (int i = 0; i < d->nverbs; i++) { patterns += d->verbs[i].npats; forms += d->verbs[i].nforms; }
    for (int i = 0; i < d->nactors; i++) names += d->actors[i].nnames;
    for (int i = 0; i < d->nsets; i++) members += d->sets[i].n;
    if (json) {
        printf("{\"actors\": %d, \"actor_names\": %ld, \"agents\": %d, \"verbs\": %d, \"verb_forms\": %ld, "
               "\"patterns\": %ld, \"synsets\": %d, \"synset_members\": %ld, \"nouns\": %ld, \"adjectives\": %ld, "
               "\"time\": %ld, \"discards\": %ld, \"issues\": %d, \"rejected\": %ld, \"load_seconds\": %.4f}\n",
               d->nactors, names, d->nagents, d->nverbs, forms, patterns, d->nsets, members, d->read[IX_NOUN],
               d->read[IX_ADJ], d->read[IX_TIME], d->read[IX_DISCARD], d->nissues, d->rejected, secs);
        return;
    }
    printf("actors      %8d entries, %ld names\n", d->nactors, names);
    printf("agents      %8d\n", d->nagents);
    printf("verbs       %8d entries, %ld forms, %ld patterns\n", d->nverbs, forms, patterns);
    printf("synsets     %8d sets (incl. { | } groups), %ld members\n", d->nsets, members);
    printf("nouns/adjs  %8ld / %ld\n", d->read[IX_NOUN], d->read[IX_ADJ]);
    printf("time        %8ld\n", d->read[IX_TIME]);
    printf("discards    %8ld\n", d->read[IX_DISCARD]);
    printf("issues      %8d\n", d->nissues);
    printf("rejected    %8ld entries (see the warnings above)\n", d->rejected);
    printf("load time   %8.1f ms\n", secs * 1000);
}

static int check(const dict *d, bool strict)
{
    dict_findings f;
    fflush(stderr);
    long found = dict_check(d, stdout, &f);
    printf("%ld entries rejected\n", d->rejected);
    printf("%ld problems: %ld duplicates, %ld conflicts, %ld overlapping roles, %ld unknown codes, "
           "%ld never apply\n", found, f.duplicates, f.conflicts, f.overlaps, f.unknown_codes, f.never);
    if (d->rejected) return strict ? EXIT_INPUT : EXIT_REJECTED;
    return found ? EXIT_REJECTED : EXIT_OK;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(dict_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "stats") != 0 && strcmp(sub, "check") != 0 && strcmp(sub, "compile") != 0) {
        fprintf(stderr, "dyad dict: unknown subcommand '%s'\n%s", sub, dict_help);
        return EXIT_USAGE;
    }
    /* the stats views are this command's own options: take them out before the common ones */
    bool per_country = false, per_code = false;
    int n = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--per-country")) per_country = true;
        else if (!strcmp(argv[i], "--per-code")) per_code = true;
        else argv[n++] = argv[i];
    }
    argc = n;
    cli_options o;
    int k = cli_parse(argc - 1, argv + 1, &o, "dict");
    if (k < 0) return EXIT_USAGE;
    if (k < argc - 1) {
        if (!strcmp(argv[k + 1], "--help")) { fputs(dict_help, stdout); return EXIT_OK; }
        fprintf(stderr, "dyad dict: unknown option '%s'\n", argv[k + 1]);
        return EXIT_USAGE;
    }
    diag dg = {strcmp(sub, "check") == 0 || !o.quiet ? stderr : NULL, 0, 0, "dyad"};
    bool strict = o.strict;
    o.strict = false;   /* load everything, then judge */
    o.no_cache = true;  /* check and stats read the text itself; compile makes what the cache would keep */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dict *d = cli_load_dicts(&o, &dg);
    double secs = seconds_since(&t0);
    if (!d) return EXIT_INPUT;
    int status = EXIT_OK;
    if (!strcmp(sub, "compile")) {
        if (!o.out_path) {
            fprintf(stderr, "dyad dict compile: -o FILE.dyc is needed\n");
            status = EXIT_USAGE;
        } else if (dict_write_compiled(d, o.out_path) != 0) {
            fprintf(stderr, "dyad: cannot write %s: %s\n", o.out_path, strerror(errno));
            status = EXIT_INPUT;
        } else if (!o.quiet) {
            fprintf(stderr, "dyad: %s written (dictionaries loaded in %.1f ms)\n", o.out_path, secs * 1000);
        }
        dict_free(d);
        return status;
    }
    if (!strcmp(sub, "stats")) {
        if (per_country) dict_stats_per_country(d, stdout);
        if (per_code) dict_stats_per_code(d, stdout);
        if (!per_country && !per_code) print_stats(d, secs, o.json);
    } else {
        status = check(d, strict);
    }
    dict_free(d);
    return status;
}

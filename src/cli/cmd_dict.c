/* cmd_dict.c — `dyad dict stats|check`: what a dictionary holds, how long it takes to load, what was rejected. */
#include "cli/cli.h"

#include <errno.h>
#include <string.h>
#include <time.h>

static const char dict_help[] =
    "usage: dyad dict stats --dict PATH [--dict PATH]...\n"
    "       dyad dict check --dict PATH [--dict PATH]... [--strict]\n"
    "       dyad dict compile --dict PATH [--dict PATH]... -o FILE.dyc\n"
    "\n"
    "stats  counts of entries read per kind, rejected entries, and the load time\n"
    "check  loads the dictionary and reports every malformed entry with file:line;\n"
    "       exit status 1 when any entry was rejected\n"
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
    if (!strcmp(sub, "stats")) print_stats(d, secs, o.json);
    else {
        printf("%ld entries rejected\n", d->rejected);
        if (d->rejected) status = strict ? EXIT_INPUT : EXIT_REJECTED;
    }
    dict_free(d);
    return status;
}

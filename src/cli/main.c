/* main.c — the dyad command: dispatches to code, validate, explain. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static const char usage[] =
    "usage: dyad COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Commands:\n"
    "  code      code news stories into events (JSONL, TSV, CSV, TABARI, GDELT, ICEWS, Phoenix; --db SQLite)\n"
    "  export    write a store's events in any of those formats (dyad export DB --format gdelt)\n"
    "  report    one self-contained HTML report of a store (dyad report DB -o report.html)\n"
    "  validate  run a TABARI validation file or PETRARCH unit-test XML against its dictionaries\n"
    "  explain   show how one sentence is coded: tokens, actors, verbs, patterns\n"
    "  test      run golden sentence files: each sentence with the events it must code\n"
    "  dict      dictionary statistics and checks (dyad dict stats|check --dict PATH)\n"
    "  annotate  the time expressions of stories as JSONL (dyad annotate --timex FILE)\n"
    "\n"
    "Run 'dyad COMMAND --help' for a command's options; 'man dyad' for the whole manual.\n";

int main(int argc, char **argv)
{
    if (argc < 2) { fputs(usage, stderr); return EXIT_USAGE; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) { fputs(usage, stdout); return EXIT_OK; }
    if (!strcmp(cmd, "--version")) { puts("dyad 0.1"); return EXIT_OK; }
    if (!strcmp(cmd, "code")) return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) return cmd_test(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict")) return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "annotate")) return cmd_annotate(argc - 1, argv + 1);
    if (!strcmp(cmd, "export")) return cmd_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "report")) return cmd_report(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n%s", cmd, usage);
    return EXIT_USAGE;
}

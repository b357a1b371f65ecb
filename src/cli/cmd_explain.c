/* cmd_explain.c — `dyad explain`: how one sentence is coded, step by step. */
#include "cli/cli.h"

#include <string.h>

static const char explain_help[] =
    "usage: dyad explain [--dict PATH]... [--no-cache] [--date YYYY-MM-DD] [--json] \"SENTENCE\"\n"
    "\n"
    "Shows the tokens, actors, agents, verbs and patterns found in one sentence and the\n"
    "events coded from it (or why none were). --json prints one JSON object for tools.\n";

int cmd_explain(int argc, char **argv)
{
    cli_options o;
    int k = cli_parse(argc, argv, &o, "explain");
    if (k < 0) return EXIT_USAGE;
    if (k < argc) {
        if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) { fputs(explain_help, stdout); return EXIT_OK; }
        fprintf(stderr, "dyad explain: unknown option '%s'\n%s", argv[k], explain_help);
        return EXIT_USAGE;
    }
    if (o.nfiles != 1) { fputs(explain_help, stderr); return EXIT_USAGE; }
    diag dg = {stderr, 0, 0, "dyad"};
    dict *d = cli_load_dicts(&o, &dg);
    if (!d) return EXIT_INPUT;
    story s = {0};
    s.id = "explain";
    s.text = (char *)o.files[0];
    s.len = strlen(s.text);
    s.date = o.read.default_date ? o.read.default_date : 20000101;
    s.one_sentence = true;
    coder *c = coder_new(d);
    event_list ev = {0};
    strbuf trace;
    sb_init(&trace);
    coded_status st = code_sentence(c, &s, 1, (span){0, (uint32_t)s.len}, &d->opt, &ev, &trace);
    if (o.json) {
        strbuf j;
        sb_init(&j);
        sb_adds(&j, "{\"status\": \"");
        sb_adds(&j, coded_status_name(st));
        sb_adds(&j, "\", \"trace\": \"");
        sb_add_json(&j, trace.s ? trace.s : "", trace.len);
        sb_adds(&j, "\", \"events\": [");
        for (size_t i = 0; i < ev.n; i++) {
            sb_addf(&j, "%s{\"source\": \"%s\", \"target\": \"%s\", \"code\": \"%s\", \"pattern\": \"", i ? ", " : "",
                    ev.e[i].source, ev.e[i].target, ev.e[i].code);
            sb_add_json(&j, ev.e[i].pattern ? ev.e[i].pattern : "", ev.e[i].pattern ? strlen(ev.e[i].pattern) : 0);
            sb_adds(&j, "\"}");
        }
        sb_adds(&j, "]}\n");
        fputs(j.s, stdout);
        sb_free(&j);
    } else {
        fputs(trace.s ? trace.s : "", stdout);
        printf("result: %s, %zu event%s\n", coded_status_name(st), ev.n, ev.n == 1 ? "" : "s");
    }
    sb_free(&trace);
    event_list_free(&ev);
    coder_free(c);
    dict_free(d);
    return EXIT_OK;
}

/* cli.h — what the dyad subcommands share: options, dictionary loading, the story loop. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H
#include <stdio.h>
#include "base/util.h"
#include "code/code.h"
#include "dict/dict.h"
#include "output/output.h"
#include "read/read.h"

typedef struct {
    const char *dicts[16];
    int ndicts;
    bool strict;
    read_options read;
    output_format format;
    const char *out_path;
    const char *stats_path;
    const char *db_path;
    bool resume;        /* --resume: with --db, skip stories the store already has */
    bool json;
    bool quiet;
    bool no_cache;      /* --no-cache: parse text dictionaries even when the cache has them */
    const char *files[256];
    int nfiles;
} cli_options;

/* Parse the options shared by code/validate/explain/annotate; returns argc index of the first
   unknown argument, or -1 after printing an error. */
int cli_parse(int argc, char **argv, cli_options *o, const char *cmd);

/* Say on stderr that story s was rejected, naming its file, line and id, and why (the reader's `why`, or
   "unreadable"); returns that reason. */
const char *cli_report_rejected(const story *s, const strbuf *why);

/* Load every --dict (or the built-in default); NULL after reporting why. */
dict *cli_load_dicts(const cli_options *o, diag *dg);
/* Where -o sends a command's output: standard output for "-" (the usual convention), else the file, created
   or emptied. NULL with errno set when it cannot be opened; the caller closes what is not stdout. */
FILE *cli_open_output(const char *path);

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_annotate(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Code all sentences of a story into `events` (cleared first). */
coded_status code_story(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences);
/* The same, but `continues`: the story goes on from the previous one (TABARI records of one story),
   so its pronouns may stand for the previous record's actor. */
coded_status code_story_keep(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences,
                             bool continues);
/* Seconds spent in each stage of story coding (dyad code --profile), summed over the stories. */
typedef struct {
    double split, match, code, dates, places;   /* match: tokens and dictionary lookups; code: the rest */
} stage_clock;
/* A monotonic clock in seconds, for --profile. */
double clock_seconds(void);
/* code_story that also hands back the story's sentence spans (*sents, malloc'd: caller frees; one per
   sentence counted in *nsentences), so that the store need not split the story again, and adds the
   time of each stage to *clk when clk is not NULL. */
coded_status code_story_sents(coder *c, const story *s, const code_options *opt, event_list *events, int *nsentences,
                              span **sents, stage_clock *clk);

#endif

/* fuzz_dict.c — libFuzzer harness: every dictionary reader (TABARI, PETRARCH, dyad, compiled) over arbitrary bytes.

   The input is written to a temporary file (the readers take paths; the dyad reader is given the bytes
   in memory, as for the built-in dictionary, which dict_read_dyad_file also ends in; the compiled reader maps
   the file, as it maps a .dyc given to --dict) and loaded by each
   reader in turn into a fresh dictionary, which is then looked up a little and freed: no crash, no
   leak, no sanitizer report, whatever the bytes; `dyad dict check` and the stats run over it too. Built with -DFUZZ_DICT_CODE (and src/code, src/text,
   src/read linked in) it also codes a few sentences with each dictionary, which reaches the coder's
   pattern matching. See fuzz/README.md for how to build and run it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dict/dict.h"
#include "dict/dict_check.h"
#ifdef FUZZ_DICT_CODE
#include "code/code.h"

static void code_some(const dict *d)
{
    static const char *const text[] = {
        "Russia attacked Ukraine near Kharkiv on Tuesday.",
        "The government said it would not sign the agreement with the rebels, officials said.",
        "A B C D E F G H I J K L M N O P.",
    };
    coder *c = coder_new(d);
    event_list ev = {0};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        story s = {0};
        s.id = "fuzz";
        s.text = (char *)text[i];
        s.len = strlen(text[i]);
        s.date = 20190315;
        s.one_sentence = true;
        coder_new_story(c);
        code_sentence(c, &s, 1, (span){0, (uint32_t)s.len}, NULL, &ev, NULL);
        ev.n = 0;
    }
    event_list_free(&ev);
    coder_free(c);
}
#endif

static char path[64];

static void remove_input(void) { unlink(path); }

static void write_input(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz_dict.%ld", (long)getpid());
        atexit(remove_input);
    }
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
}

/* The dyad reader over the input in memory: the bytes are not NUL-terminated (libFuzzer's buffer ends
   exactly), so a read past the length is an ASan report rather than a lucky NUL. */
static const uint8_t *cur_data;
static size_t cur_size;

static int read_dyad_bytes(dict *d, const char *name)
{
    return dict_read_dyad_text(d, name, (const char *)cur_data, cur_size);
}

static bool count_item(const index_item *it, void *ctx)
{
    (void)it;
    (*(int *)ctx)++;
    return true;
}

static void load(int (*reader)(dict *, const char *))
{
    diag dg = {NULL, 0, 0, "fuzz"};   /* silent: warnings are counted, not printed */
    dict *d = dict_new(&dg);
    int rc = reader(d, path);
    if (rc != 0 && rc != -1) __builtin_trap();
    /* the index must hold up to lookups of words the input may have defined */
    int n = 0;
    static const char *const probe[] = {"A", "THE", "RUSSIA", "SAID", "ATTACK", "GOVERNMENT", "", NULL};
    for (int i = 0; probe[i]; i++) dict_lookup(d, probe[i], count_item, &n);
    for (int i = 0; i < d->nactors; i++) actor_code_on(&d->actors[i], 20190315);
    /* `dyad dict check` and the per-code counts must hold up on whatever loaded */
    dict_findings f;
    dict_check(d, NULL, &f);
    FILE *sink = fopen("/dev/null", "w");
    if (sink) { dict_stats_per_country(d, sink); dict_stats_per_code(d, sink); fclose(sink); }
#ifdef FUZZ_DICT_CODE
    code_some(d);
#endif
    dict_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int (*const readers[])(dict *, const char *) = {
        dict_read_tabari_actors,   dict_read_tabari_agents,   dict_read_tabari_verbs,
        dict_read_tabari_options,  dict_read_petrarch_actors, dict_read_petrarch_agents,
        dict_read_petrarch_verbs,  dict_read_petrarch_discards, dict_read_petrarch_issues,
        read_dyad_bytes,           dict_read_compiled,
    };
    cur_data = data;
    cur_size = size;
    write_input(data, size);
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) load(readers[i]);
    return 0;
}

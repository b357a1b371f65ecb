/* fuzz_cache.c — libFuzzer harness: the dictionary cache's entry reader (dict_cache.c) over arbitrary bytes.

   A small TABARI dictionary is written once and loaded through a cache folder, which makes its one entry. Each
   input then takes that entry's place twice: as it is (the footer check turns nearly all inputs away), and cut
   in two by its first byte, a compiled form and a trailer, with a footer made for them, so that the trailer's
   reader and (the footer's hash then holding) the compiled reader run on the bytes. Each load goes into a
   fresh dictionary, which is freed: no crash, no leak, no sanitizer report, whatever the bytes. A load that
   turns the entry away parses the files instead and writes the entry anew, which the next input replaces. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "dict/dict.h"

static char dir[64], cache[80], verbs[80], entry[160];

static void write_file(const char *p, const void *data, size_t n)
{
    FILE *f = fopen(p, "wb");
    if (!f) abort();
    if (n && fwrite(data, 1, n, f) != n) abort();
    if (fclose(f) != 0) abort();
}

static void load(void)
{
    diag dg = {NULL, 0, 0, "fuzz"};
    dict *d = dict_new(&dg);
    const char *paths[] = {verbs};
    int rc = dict_cache_load(d, paths, 1, cache, "fuzz", 4);
    if (rc != 0 && rc != DICT_CACHE_DISCARD) __builtin_trap();   /* the files themselves always load */
    dict_free(d);
}

static void remove_all(void)
{
    unlink(entry);
    rmdir(cache);
    unlink(verbs);
    rmdir(dir);
}

/* The folder, the dictionary and its entry, made once; the entry's name is the one file in the cache folder. */
static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/fuzz_cache.%ld", (long)getpid());
    snprintf(cache, sizeof cache, "%s/cache", dir);
    snprintf(verbs, sizeof verbs, "%s/t.verbs", dir);
    if (mkdir(dir, 0700) != 0) abort();
    static const char text[] = "--- ACCUSE [112] ---\nACCUSE\n- * + OF\n- $ * BROKEN [\n";
    write_file(verbs, text, sizeof text - 1);
    load();
    DIR *dp = opendir(cache);
    if (!dp) abort();
    for (struct dirent *e; (e = readdir(dp));)
        if (strlen(e->d_name) > 4 && !strcmp(e->d_name + strlen(e->d_name) - 4, ".dyc"))
            snprintf(entry, sizeof entry, "%s/%s", cache, e->d_name);
    closedir(dp);
    if (!entry[0]) abort();
    atexit(remove_all);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!entry[0]) setup();
    write_file(entry, data, size);
    load();
    if (!size) return 0;
    /* the footer's layout, as dict_cache.c writes it: lengths, the compiled form's hash, the magic */
    size_t cut = (size_t)data[0] * (size - 1) / 255;
    struct {
        uint64_t dyc_len, trailer_len;
        hash128 hash;
        char magic[8];
    } foot = {cut, size - 1 - cut, hash128_bytes(data + 1, cut), {0}};
    memcpy(foot.magic, "DYADCCH1", sizeof foot.magic);
    uint8_t *buf = malloc(size - 1 + sizeof foot);
    if (!buf) abort();
    memcpy(buf, data + 1, size - 1);
    memcpy(buf + size - 1, &foot, sizeof foot);
    write_file(entry, buf, size - 1 + sizeof foot);
    free(buf);
    load();
    return 0;
}

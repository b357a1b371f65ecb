/* mkimages — the build's second stage: compiles the built-in dictionary and the gazetteer from their text
   (embedded in this first-stage program) into the images the final dyad embeds and loads without parsing. */
#include "base/util.h"
#include "dict/dict.h"
#include "where/gazetteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_bytes(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(s, 1, n, f) == n;
    if (f && fclose(f) != 0) ok = 0;
    if (!ok) perror(path);
    return ok ? 0 : 1;
}

/* The dictionary's compiled form; an empty file when reading the text reported anything, so that dyad
   reads the text instead and reports it where it is run. */
static int dict_image(const char *path)
{
    diag dg = {0};
    dg.out = stderr;
    dg.prog = "mkimages";
    dict *d = dict_new(&dg);
    int rc;
    if (dict_load_default(d) != 0 || dg.errors || dg.warnings || d->rejected) rc = write_bytes(path, "", 0);
    else if ((rc = dict_write_compiled(d, path) != 0)) perror(path);
    dict_free(d);
    return rc;
}

static int gazetteer_img(const char *path)
{
    const gazetteer *g = gazetteer_default();
    if (!g) return write_bytes(path, "", 0);
    strbuf b;
    sb_init(&b);
    gazetteer_image(g, &b);
    int rc = write_bytes(path, b.s, b.len);
    sb_free(&b);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "dict")) return dict_image(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "gazetteer")) return gazetteer_img(argv[2]);
    fprintf(stderr, "usage: mkimages dict OUT.dyc | mkimages gazetteer OUT.img\n");
    return 2;
}

/* dict_dyad.c — reader for dyad's own dictionary format (see docs/dictionaries.md). */
#include "dict/dict.h"

int dict_read_dyad_dir(dict *d, const char *path)
{
    diag_error(d->dg, path, 0, "dyad dictionary folders are not supported yet");
    return -1;
}

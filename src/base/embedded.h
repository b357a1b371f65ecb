/* embedded.h — data files compiled into the binary (see scripts/embed.c). */
#ifndef DYAD_EMBEDDED_H
#define DYAD_EMBEDDED_H
#include <stddef.h>

typedef struct {
    const char *name;   /* path as given at build time, e.g. "data/cameo.tsv" */
    const char *data;
    size_t len;
} embedded_file;

extern const embedded_file embedded_files[];

/* The embedded file whose path is `name`, or NULL. */
const embedded_file *embedded_find(const char *name);

#endif

/* report.h — the HTML report of a store: one self-contained page (inline CSS, JS, SVG; no fetches). */
#ifndef DYAD_REPORT_H
#define DYAD_REPORT_H
#include <stddef.h>
#include <stdio.h>
#include "store/store.h"

/* At most this many events are embedded (the newest); the counts and top lists cover the whole store. */
#define REPORT_MAX_EVENTS 20000

/* Write the report of `st` to out; `name` is shown as its title (the store's file name). The store's
   dedup should be current (store_dedup_ensure). 0, or -1 with a message in err. */
int report_write(store *st, const char *name, FILE *out, char *err, size_t errlen);

/* The land outline drawn under the map (world_outline.c, generated). */
extern const char world_outline_path[];

#endif

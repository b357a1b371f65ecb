/* output.h — event writers: JSONL (default), TSV with a header, TABARI's event-file layout. */
#ifndef DYAD_OUTPUT_H
#define DYAD_OUTPUT_H
#include <stdio.h>
#include "event/event.h"

typedef enum { FORMAT_JSONL, FORMAT_TSV, FORMAT_TABARI } output_format;

/* "jsonl", "tsv", "tabari" → format; -1 when unknown. */
int output_format_parse(const char *name);

typedef struct writer writer;

/* Writes to f (not closed by writer_close). Buffered: call writer_close to flush. */
writer *writer_open(FILE *f, output_format fmt);
void writer_event(writer *w, const event *e);
/* Flush and free; returns 0, or -1 when a write failed (disk full, closed pipe). */
int writer_close(writer *w);

/* The fields every format carries, in order (TSV header, docs). */
extern const char *const output_fields[];
/* The story's own fields (JSONL: only when the story has them; TSV: always, as the last columns).
   Both lists end with NULL. */
extern const char *const output_story_fields[];

#endif

/* output.h — event writers: JSONL (default), TSV, CSV, TABARI's event file, and the GDELT 2.0, ICEWS and Phoenix tables. */
#ifndef DYAD_OUTPUT_H
#define DYAD_OUTPUT_H
#include <stdio.h>
#include "event/event.h"

typedef enum {
    FORMAT_JSONL,
    FORMAT_TSV,
    FORMAT_TABARI,
    FORMAT_CSV,      /* the TSV columns, RFC 4180: CRLF rows, fields with , " CR LF quoted, quotes doubled */
    FORMAT_GDELT,    /* the GDELT 2.0 events table: its 61 columns in the codebook's order, tab-separated */
    FORMAT_ICEWS,    /* ICEWS's event-file layout (20 columns), tab-separated */
    FORMAT_PHOENIX,  /* the Phoenix data set's layout (26 columns), tab-separated */
    FORMAT_COUNT
} output_format;

/* "jsonl", "tsv", "csv", "tabari", "gdelt", "icews", "phoenix" → format; -1 when unknown. */
int output_format_parse(const char *name);
/* The names above, '|'-separated, for usage lines: "jsonl|tsv|csv|tabari|gdelt|icews|phoenix". */
extern const char output_format_names[];
/* True for the formats whose rows are events as reported once however many stories tell them
   (GDELT, Phoenix): `dyad export` writes those from unique_events, the others from every mention. */
bool output_format_unique(output_format f);

/* The header row of a tabular format, column by column (NULL-terminated; *n gets the count);
   NULL for JSONL and TABARI, which have none. */
const char *const *output_columns(output_format f, size_t *n);

/* What a row knows beyond the event, when the event comes from the store (dyad export). */
typedef struct {
    long id;                            /* GDELT GlobalEventID, ICEWS Event ID, Phoenix EventID */
    long mentions, sources, articles;   /* NumMentions, NumSources, NumArticles; 0 = unknown (left empty) */
    const char *added;                  /* when it was coded: YYYY-MM-DDTHH:MM:SSZ; NULL = unknown */
    const char *urls, *news_sources;    /* every report's url / source, ';'-separated; NULL: the story's */
} event_meta;

typedef struct writer writer;

/* Writes to f (not closed by writer_close). Buffered: call writer_close to flush. */
writer *writer_open(FILE *f, output_format fmt);
/* An event as coded: ids count up from 1 in the order written, each event is one mention in one
   article (NumMentions/NumArticles 1, NumSources 1 when the story names its source), added now. */
void writer_event(writer *w, const event *e);
/* An event with what the store knows of it (m may be NULL: as writer_event). */
void writer_event_meta(writer *w, const event *e, const event_meta *m);
/* Flush and free; returns 0, or -1 when a write failed (disk full, closed pipe). */
int writer_close(writer *w);

/* The fields every format carries, in order (TSV header, docs). */
extern const char *const output_fields[];
/* The story's own fields (JSONL: only when the story has them; TSV: always, as the last columns).
   Both lists end with NULL. */
extern const char *const output_story_fields[];

/* The English name of an ISO 3166-1 alpha-3 code as the built-in dictionary gives it ("RUS" →
   "Russian Federation"); NULL when the code is no country. Thread-safe. */
const char *country_name(const char *code3);

#endif

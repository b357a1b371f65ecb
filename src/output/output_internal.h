/* output_internal.h — what the writers' files share: cell text and numbers written by hand. */
#ifndef DYAD_OUTPUT_INTERNAL_H
#define DYAD_OUTPUT_INTERNAL_H
#include "output/output.h"

/* Text for a tab-separated cell: tabs and line breaks become spaces. */
void tsv_text(strbuf *b, const char *s, size_t n);
/* A coordinate with five decimals, independent of the locale. */
void add_coord(strbuf *b, double x);

/* The GDELT, ICEWS and Phoenix tables (output_tables.c). */
void tables_header(strbuf *b, output_format f);
void tables_event(strbuf *b, output_format f, const event *e, const event_meta *m);

#endif

/* where.h — places: an offline gazetteer, place mentions in text, and the place an event happened. */
#ifndef DYAD_WHERE_H
#define DYAD_WHERE_H
#include <stddef.h>
#include "event/event.h"
#include "text/text.h"

typedef struct gazetteer gazetteer;

/* The gazetteer compiled into dyad (loaded once, read-only, shared by threads). NULL on failure. */
const gazetteer *gazetteer_default(void);

/* One place mention found in a text. */
typedef struct {
    span at;               /* bytes in the story text */
    const place *p;        /* the place it was resolved to */
    int first_tok, last_tok;
} place_mention;

typedef struct {
    place_mention *m;
    size_t n, cap;
} place_list;

/* Find and disambiguate the place mentions in the tokens of a sentence (or story). `context`
   holds countries the story mentions (ISO alpha-3, may be NULL) and `dateline` the dateline's place
   (may be NULL): both help pick "Paris, France" over "Paris, Texas". Appends to `out`. */
void where_find(const gazetteer *g, const char *text, const token_list *tokens, const place *dateline,
                const char *const *context, size_t ncontext, place_list *out);

/* The place of the dateline ("GENEVA (Reuters) -"), or NULL. */
const place *where_dateline(const gazetteer *g, const char *text, size_t len);

void place_list_free(place_list *l);

#endif

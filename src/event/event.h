/* event.h — a coded event and the CAMEO ontology (Goldstein weight, QuadClass, PLOVER) behind its code. */
#ifndef DYAD_EVENT_H
#define DYAD_EVENT_H
#include <stdbool.h>
#include "base/util.h"
#include "read/read.h"
#include "text/text.h"

#define ACTOR_CODE_MAX 32
#define EVENT_CODE_MAX 12

typedef struct {
    const story *story;
    int sentence;                  /* 1-based within the story */
    span sent;                     /* the sentence's bytes in story->text */
    char source[ACTOR_CODE_MAX];   /* CAMEO actor codes; "---" when absent */
    char target[ACTOR_CODE_MAX];
    char code[EVENT_CODE_MAX];     /* CAMEO event code, e.g. "036" */
    span source_span, target_span; /* words that named the actors; {0,0} when none */
    span verb_span;                /* the verb (or phrase) that matched */
    const char *pattern;           /* the verb pattern that made it, as written in its dictionary */
    const char *pattern_where;     /* the dictionary file of that pattern ... */
    int pattern_line;              /* ... and its line (written "file:line") */
    const char *issues;            /* "ISSUE,..." or NULL */
    ymd date;                      /* the event's date (the story's date unless resolved) */
} event;

/* What dyad knows of a CAMEO event code. */
typedef struct {
    const char *code;       /* "0231" */
    const char *name;       /* short description */
    double goldstein;       /* -10 .. +10 */
    int quad_class;         /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    const char *plover;     /* PLOVER event type, e.g. "AGREE"; "" when none */
    const char *plover_mode;/* PLOVER mode, "" when none */
} cameo_info;

/* The entry for `code`; codes missing from the table fall back to their nearest listed parent
   (e.g. an unknown "0239" to "023"); NULL when not even the root is known. */
const cameo_info *cameo_lookup(const char *code);
/* The two-digit root ("03"), or "" when code does not start with two digits. */
void cameo_root(const char *code, char out[3]);
/* Number of codes in the table (for `dict stats` and tests). */
size_t cameo_count(void);
/* The i-th code of the table in code order ("01", "010", ... "2042"); NULL when i >= cameo_count(). */
const cameo_info *cameo_at(size_t i);

#endif

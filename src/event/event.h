/* event.h — a coded event and the CAMEO ontology (Goldstein weight, QuadClass, PLOVER) behind its code. */
#ifndef DYAD_EVENT_H
#define DYAD_EVENT_H
#include <stdbool.h>
#include "base/util.h"
#include "read/read.h"
#include "text/text.h"

#define ACTOR_CODE_MAX 32
#define EVENT_CODE_MAX 12

/* How precisely an event's date is known. */
enum date_precision { DATE_STORY = 0, DATE_DAY, DATE_MONTH, DATE_YEAR };
/* How precisely an event's place is known. */
enum place_precision { PLACE_CITY = 1, PLACE_ADMIN1, PLACE_COUNTRY };

/* A place from the gazetteer (src/where). */
typedef struct {
    const char *name;       /* "Geneva" */
    char country[4];        /* ISO 3166 alpha-3, "CHE" */
    const char *admin1;     /* first-level division, "Geneva"; NULL when unknown */
    double lat, lon;
    uint8_t precision;      /* enum place_precision */
} place;

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
    uint8_t date_precision;        /* enum date_precision: DATE_STORY when the story's date was used */
    span date_span;                /* the time expression that gave the date; {0,0} when none */
    const place *location;         /* where it happened; NULL when unknown */
    span location_span;            /* the words that named the place ({0,0}: e.g. the dateline's place) */
} event;

/* "story", "day", "month", "year" */
const char *date_precision_name(int p);
/* "city", "admin1", "country" ("" when unknown) */
const char *place_precision_name(int p);

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

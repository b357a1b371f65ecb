/* when.h — time expressions in news English, normalised to TIMEX3 values against the story's date. */
#ifndef DYAD_WHEN_H
#define DYAD_WHEN_H
#include <stddef.h>
#include "base/util.h"
#include "text/text.h"

enum timex_type { TIMEX_DATE = 1, TIMEX_TIME, TIMEX_DURATION, TIMEX_SET };

/* One time expression found in a text. */
typedef struct {
    span at;               /* bytes in the story text, end exclusive */
    uint8_t type;          /* enum timex_type */
    char value[32];        /* TIMEX3 value: "2019-03-12", "2019-06", "2019-W11", "P2D", "PAST_REF", "XXXX-XX-XX" */
    ymd date;              /* the day it names when it is a date at day precision; else 0 */
    ymd first_day;         /* the first day of the period it names (month, year...), 0 when none */
    uint8_t precision;     /* enum date_precision (src/event/event.h): DATE_DAY / DATE_MONTH / DATE_YEAR, 0
                              for everything else (weeks, quarters, seasons, decades, PAST_REF, durations) */
} timex;

typedef struct {
    timex *t;
    size_t n, cap;
    void *scratch;         /* when_find's word buffer, reused from call to call (no allocation per token) */
    size_t scratch_cap;
} timex_list;

/* Find the time expressions in text[s.start..s.end) (a sentence: the tense of its verbs decides whether
   a bare weekday or month lies before or after the anchor) and normalise them against `anchor` (the
   story's date; 0 leaves anchored values unresolved, e.g. "XXXX-XX-XX"). `tokens` are the tokens of
   that span (tokenize()). Appends to `out`. Linear in the number of tokens. */
void when_find(const char *text, span s, const token_list *tokens, ymd anchor, timex_list *out);

/* "DATE", "TIME", "DURATION", "SET" */
const char *timex_type_name(int type);

void timex_list_free(timex_list *l);

#endif

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
    ymd ref;               /* the story's reference time so far (for "that year", "the following month"): the
                              first day of the last date named, 0 for none yet (the story's date then) */
    uint8_t ref_unit;      /* its precision: DATE_DAY, DATE_MONTH, DATE_YEAR, or 4 for a quarter */
    ymd quarter;           /* the first day of the last quarter the story named ("the fiscal first quarter"),
                              0 for none yet: "the quarter" and "the latest period" are that one */
    bool ref_used;         /* the last when_find read ref ("that year", "the next day", "the previous
                              Friday", "overnight"): a caller that gave a stale one may catch up and ask again */
    void *scratch;         /* when_find's word buffer, reused from call to call (no allocation per token) */
    size_t scratch_cap;
    char *parts;           /* the bytes of hyphenated tokens' parts ("THIRD", "QUARTER"), NUL-terminated */
    size_t parts_cap;
    uint8_t *tok_cls;      /* the word classes of each token of the last when_find, for when_for_verb: found */
    size_t tok_cls_cap;    /* while the words were made, not again for every verb and expression */
    const token *tok_cls_of;   /* the tokens they are of (token_list.t and .n then) */
    size_t tok_cls_n;
} timex_list;

/* Find the time expressions in text[s.start..s.end) (a sentence: the tense of its verbs decides whether
   a bare weekday or month lies before or after the anchor) and normalise them against `anchor` (the
   story's date; 0 leaves anchored values unresolved, e.g. "XXXX-XX-XX"). `tokens` are the tokens of
   that span (tokenize()). Appends to `out`. Linear in the number of tokens. */
void when_find(const char *text, span s, const token_list *tokens, ymd anchor, timex_list *out);

/* Can text[s.start..s.end) hold a time expression that names a day, month or year (the only ones that date
   an event)? A quick scan of the bytes, conservative: false only when when_find would find none, so a
   caller may skip tokenizing the sentence for when_find. */
bool when_may_date(const char *text, span s);

/* A new story begins in `l`: the reference time of the last one is forgotten. when_find carries it from
   sentence to sentence of one story (call it on the sentences in order). */
void when_story(timex_list *l);

/* Which of a sentence's expressions `tx` (from when_find on the same `tokens`) dates the event whose
   verb is at `verb`: only dates and times at day, month or year precision, in the verb's own clause (not
   across a ';', another event's verb from `verbs`, or a clause opener with a finite verb of its own:
   "the bombing that killed 12 on Monday"); among those, the verb's own adverbial ("attacked on Tuesday",
   "On Feb. 3, rebels attacked") before a date inside a noun phrase ("condemned Tuesday's vote"), after
   the verb before before it, then the nearest. Returns an index into tx->t, or -1 when none. */
int when_for_verb(const char *text, const token_list *tokens, const timex_list *tx, span verb, const span *verbs,
                  size_t nverbs);

/* "DATE", "TIME", "DURATION", "SET" */
/* For tests: run every matcher at every starter word, not only those its first-word lists allow, and work
   out every word's tense cue and every expression's tense at once, not when first asked (the results must
   be the same either way; only the time differs). Not thread-safe: set it before any use. */
void when_try_every_matcher(bool on);

/* For tests: how many words of the class table its one-bit-a-slot filter would turn away (must be 0). */
size_t when_class_filter_misses(void);

/* For tests: for every span [a, b) of the tokens' bytes (b > a), how often when_for_verb's stepped search
   for the token of byte b - 1 from a's token differs from the binary search's (must be 0). */
size_t when_token_step_misses(const token_list *tl);

/* For tests: how many values, over widths 0..6 and -120..100100, the value writer's two- and four-digit
   shortcut writes otherwise than its general loop (must be 0). */
size_t when_vb_int_misses(void);

const char *timex_type_name(int type);

void timex_list_free(timex_list *l);

#endif

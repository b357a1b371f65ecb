/* code.h — the event coder: a TABARI-class sparse parse of one sentence into events, no external parser. */
#ifndef DYAD_CODE_H
#define DYAD_CODE_H
#include "dict/dict.h"
#include "event/event.h"
#include "text/text.h"

typedef struct {
    event *e;
    size_t n, cap;
} event_list;

void event_list_free(event_list *l);

/* Why a sentence produced no events (or did). */
typedef enum {
    CODED_EVENTS = 0,
    CODED_NONE,        /* nothing to code: no verb with actors */
    CODED_DISCARD,     /* a [###] entry matched */
    CODED_COMPLEX,     /* a [+++] entry matched, or too many verbs/conjunctions */
    CODED_SHORT,       /* fewer words than SET: MINIMUM WORDS */
} coded_status;

typedef struct coder coder;

/* A coder works on one thread; make one per thread over a shared, read-only dict. */
coder *coder_new(const dict *d);
void coder_free(coder *c);
/* Tests: off, every word looks its names up in the dictionary and tries each (no token cache lists, memo
   or one-word shortcut in the name scan); the output is the same. */
void coder_name_shortcuts(coder *c, bool on);
/* Tests: off, a sentence with no live actor is coded clause by clause like any other (codes_nothing's early
   exit not taken); the output is the same. */
void coder_no_actor_exit(coder *c, bool on);

/* Code one sentence of a story: events are appended to `out`. When `trace` is not NULL, a
   human-readable account of the tokens, actors, verbs and patterns is appended to it
   (what `dyad explain` prints). `opt` may be NULL for the dictionary's options. */
coded_status code_sentence(coder *c, const story *s, int sentence_no, span sent, const code_options *opt,
                           event_list *out, strbuf *trace);

/* The sentence the next code_sentence call of the same story will code (a hint, for speed): code_sentence
   tokenizes it once its own sentence's words are looked up, and asks for the memory its lookups will read;
   the next call takes those tokens if it is given that span of the same text, and tokenizes as before if not. */
void coder_next_sentence(coder *c, span next);

const char *coded_status_name(coded_status st);

/* A new story starts: pronouns are no longer carried over from the sentence before. */
void coder_new_story(coder *c);
/* The tokens of the sentence code_sentence coded last, exactly as tokenize(text, sent) gives them
   (before the coder split hyphenated words), so that later stages need not tokenize it again. Valid
   until the next code_sentence. */
const token_list *coder_tokens(const coder *c);
/* Those tokens handed over: *into takes them, and the coder takes *into's buffers in their place (emptied),
   so that a caller who keeps a sentence's tokens needs no copy. coder_tokens then has none until the next
   code_sentence. */
void coder_give_tokens(coder *c, token_list *into);
/* --profile: add to *seconds the time each code_sentence spends tokenizing and matching the
   dictionary (names, agents, verbs) before it codes clauses; NULL stops it. */
void coder_time_matching(coder *c, double *seconds);
/* Did a story-level discard phrase ("horoscope") appear in the story so far? */
bool coder_story_discarded(const coder *c);

#endif

/* where.h — places: an offline gazetteer, place mentions in text, and the place an event happened. */
#ifndef DYAD_WHERE_H
#define DYAD_WHERE_H
#include <stddef.h>
#include "event/event.h"
#include "text/text.h"

typedef struct gazetteer gazetteer;

/* The gazetteer compiled into dyad (data/gazetteer.tsv; loaded on first use, once, thread-safe;
   read-only and shared by threads afterwards). NULL on failure. */
const gazetteer *gazetteer_default(void);
/* A gazetteer from TSV text in data/gazetteer.tsv's columns (tests, other tables). */
gazetteer *gazetteer_from_tsv(const char *tsv, size_t len);
void gazetteer_free(gazetteer *g);
size_t gazetteer_size(const gazetteer *g);

/* One place mention found in a text. */
typedef struct {
    span at;               /* bytes in the story text */
    const place *p;        /* the place it was resolved to */
    int first_tok, last_tok;
    int sentence;          /* 0-based sentence of the story (where_story), else 0 */
    bool cued;             /* after a locative word: "in", "at", "near", "outside", "north of" ... */
    bool unresolved;       /* a settlement the gazetteer lacks ("the village of Bamut"): p is its country,
                              from the nearest known place in the sentence, the story's, or the dateline's */
    short bias;            /* bytes added to its distance from a verb: a possessive ("Baghdad's southern
                              district of X") names a container, "the village of X" the place itself, and
                              so does a place named as the one before's surroundings ("X district of Baghdad") */
    int8_t breadth;        /* 0 a village or site, 1 a town or district, 2 a division, 3 a country: what
                              the gazetteer says, or the noun beside it ("Mayo district", "Hama province") */
    uint32_t lead_end;     /* story_places.objects: the end of the word before it ("entered" of "entered X") */
    bool no_country;       /* a continent or a sea ("the Gulf"): its words alone, never an actor's country */
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

/* The place of the dateline ("GENEVA (Reuters) -"), or NULL; *at (may be NULL) gets its bytes. */
const place *where_dateline(const gazetteer *g, const char *text, size_t len, span *at);

void place_list_free(place_list *l);

/* The places of a whole story: its dateline and every mention, resolved with the countries the
   story names (two passes: unambiguous mentions first, then the rest in their light). Only the
   sentences s with want[s] are read (want NULL: all): tokenizing is most of the cost, and a story's
   lead plus the sentences with events tell enough. */
typedef struct {
    const gazetteer *g;
    place_list mentions;   /* in text order; .sentence indexes `sents` */
    place_list unplaced;   /* settlements the gazetteer lacks with no country known (p NULL): an event
                              there takes its actors' country ("SYRMIL" -> Syria), else a place of its
                              words alone (no name, country "", coordinates NaN, precision 0) */
    place_list objects;    /* capitalised words the gazetteer lacks right after a lower-case word ("entered
                              Jarabulus"; p the country around them or NULL): the place of an event whose
                              verb is that word and takes a place as its object (fighting, occupying) */
    const place *dateline;
    span dateline_at;
    token_list tokens;     /* scratch, reused across stories */
    struct where_scratch *scratch;   /* the stage's other buffers, reused across stories (NULL until used) */
} story_places;

void where_story(const gazetteer *g, const char *text, size_t len, const span *sents, size_t nsents,
                 const bool *want, story_places *out);
/* The same with the sentences' tokens already made: tokens[s], when not NULL, is what
   tokenize(text, sents[s]) gives (the coder's), so the sentence is not tokenized again. */
void where_story_tokens(const gazetteer *g, const char *text, size_t len, const span *sents, size_t nsents,
                        const bool *want, const token_list *const *tokens, story_places *out);
/* Give event `e` (of sentence e->sentence, 1-based, of that story) its location: the place attached to
   its verb ("in", "at", "near", "on the sidelines of ... in", or named by a site noun), the narrowest
   near it; else its verb's object if its CAMEO code takes a place ("entered Jarabulus"); else another
   place of the sentence; else the dateline's; else none. A settlement nothing places takes the
   country of e's actors, else is a place of its words alone (country "", lat and lon NaN). */
void where_locate(const story_places *sp, event *e);
/* Frees every buffer of sp. A story_places passed to where_story again instead keeps them (its lists are
   emptied first); story_places_keep frees them only when one story made them large. */
void story_places_free(story_places *sp);
void story_places_keep(story_places *sp);

/* For tests: how many words of the scan's word sets their one-bit-a-slot filter would turn away (must be 0). */
size_t where_set_filter_misses(void);
/* For tests: how often resolve's answer for a name of one place (taken without scoring) differs from the
   scored one's, over every such name of g (must be 0). */
size_t where_resolve_shortcut_misses(const gazetteer *g);
/* For tests: how many tokens of t the scan's tight loop would pass over (its cap_candidate false) though
   they can start or continue a name (is_cap true): must be 0. */
size_t where_cap_candidate_misses(const token_list *t);

#endif

/* store.h — the embedded event store: stories, sentences and events in one SQLite file (`dyad code --db`). */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include "event/event.h"
#include "read/read.h"
#include "text/text.h"

/* The schema version written to meta('schema_version'); a version-1 store is upgraded in place (its
   events get the date and place columns, NULL for the rows already there); any other is refused. */
#define STORE_SCHEMA_VERSION 2

/*
 * Schema (column names are the JSONL field names, so SQL reads like the JSONL):
 *
 *   meta(key TEXT PRIMARY KEY, value TEXT)                  -- ('schema_version', '1')
 *   stories(story_id TEXT PRIMARY KEY, date, title, source, url, file, line,
 *           status   -- 'coded' (has events) | 'no_events' | 'rejected' (the reader refused it)
 *           reason   -- why it was rejected; NULL otherwise
 *           sentences, events, coded_at)                    -- coded_at: UTC, YYYY-MM-DDTHH:MM:SSZ
 *   sentences(sentence_id INTEGER PRIMARY KEY, story_id, sentence, text, UNIQUE(story_id, sentence))
 *           -- sentence: 1-based within the story; sentence_id is a stable rowid for the FTS index
 *   sentences_fts  -- FTS5, content='sentences': SELECT ... FROM sentences_fts WHERE sentences_fts MATCH 'word'
 *   events(event_id INTEGER PRIMARY KEY, story_id, sentence, date, source, target, code, root,
 *          quad_class, goldstein, plover, source_text, target_text, pattern, pattern_where, issues,
 *          date_precision, date_text, location_text, location_name, location_country, location_admin1,
 *          location_lat, location_lon, location_precision)
 *           -- root/quad_class/goldstein/plover are NULL when the CAMEO table does not know the code;
 *              pattern_where is "file:line"; location_* NULL when the place is unknown
 *   unique_events(unique_id INTEGER PRIMARY KEY, source, target, code, root, quad_class, goldstein, plover,
 *          date, last_date,           -- the first and last day it was reported for
 *          mentions,                  -- its rows in events (GDELT NumMentions)
 *          sources,                   -- distinct stories.source among them (NumSources); stories
 *                                        without a source field are not counted
 *          articles,                  -- distinct stories (NumArticles)
 *          first_event_id)            -- the earliest mention: the one exports show
 *   event_mentions(event_id PRIMARY KEY, unique_id)   -- every row of events -> its unique event
 *           -- see store_dedup: rebuilt after every `dyad code --db` run
 *
 * Views:
 *   dyad_monthly(source, target, month 'YYYY-MM', quad_class, events, mean_goldstein)
 *   top_actors(actor, events)   -- events naming the actor as source or target ('---' left out),
 *                                  most first
 *   top_places(name, country, lat, lon, events, mean_goldstein)   -- events per place, most first;
 *           events near a place: ... FROM events WHERE location_lat BETWEEN 49.5 AND 50.5
 *                                    AND location_lon BETWEEN 35.7 AND 36.7   (index events_place)
 *
 * Deleting a story deletes its sentences and events (ON DELETE CASCADE).
 */

typedef struct store store;

/* Open (creating when absent) the store at `path`. NULL with a message in err on failure. */
store *store_open(const char *path, char *err, size_t errlen);

/* One transaction per batch of stories. 0, or -1 (store_error says why). */
int store_begin(store *st);
int store_commit(store *st);

/* Store a story, replacing any earlier copy with the same id (its sentences and events go with it).
   status: "coded", "no_events" or "rejected"; reason: NULL unless rejected. sents[0..nsentences) are
   the sentence spans in s->text (NULL when none); ev[0..nev) its events. A story without an id
   cannot be stored: -1. 0 on success. */
int store_put_story(store *st, const story *s, const char *status, const char *reason, int nsentences,
                    const span *sents, const event *ev, size_t nev);

/* True when a story with this id is stored as coded or no_events (what `--resume` skips). */
bool store_has_story(store *st, const char *id);

/* ---- cross-story dedup ---- */

/* Days within which the same (source, target, code) reported by several stories is one event. */
#define STORE_DEDUP_WINDOW 1

/* Rebuild unique_events and event_mentions from events, in one transaction of its own (call it outside
   store_begin/commit). Events with the same source, target and code are one unique event when their
   dates lie within `window_days` of the earliest date of that event (a cluster opens at its first day
   and takes what falls in [first, first + window]; the next date beyond opens a new one); events
   without a date group only with each other. Deterministic: the same events give the same unique_ids.
   The window is kept in meta('dedup_window'). The number of unique events, or -1 (store_error). */
int store_dedup(store *st, int window_days);
/* Rebuild only when unique_events does not cover events (a store written before the last run finished
   its dedup, or by an older dyad), with the window kept in meta (else STORE_DEDUP_WINDOW). */
int store_dedup_ensure(store *st);

/* ---- reading events back (dyad export) ---- */

/* What an export row knows beyond the event itself. */
typedef struct {
    long event_id;                       /* events.event_id; the unique_id for a unique-event row */
    long unique_id;                      /* 0 when the store has no dedup yet */
    long mentions, sources, articles;    /* of its unique event; 0 when unknown */
    const char *coded_at;                /* the story's coded_at (YYYY-MM-DDTHH:MM:SSZ), or NULL */
    const char *urls, *news_sources;     /* every mention's story url / source, ';'-separated; or NULL */
} store_row;

/* Called for every row; a non-zero return stops the walk and is returned. */
typedef int (*store_event_fn)(void *ctx, const event *e, const store_row *r);

/* Every stored event in the order it was stored (unique == false), or every unique event shown by its
   first mention (unique == true). The event, its story and place are rebuilt from the row, valid only
   during the call: story->text holds the sentence, with the spans pointing into it. -1 on a store error. */
int store_each_event(store *st, bool unique, store_event_fn fn, void *ctx);

/* The SQLite handle, for read-only queries of the documented tables and views (dyad report). */
struct sqlite3 *store_sqlite(store *st);

/* The last error's message ("" when none). */
const char *store_error(const store *st);

/* Close; an open transaction that was not committed is rolled back. NULL is fine. */
void store_close(store *st);

#endif

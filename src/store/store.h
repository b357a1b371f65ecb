/* store.h — the embedded event store: stories, sentences and events in one SQLite file (`dyad code --db`). */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include "event/event.h"
#include "read/read.h"
#include "text/text.h"

/* The schema version written to meta('schema_version'); a store of another version is refused. */
#define STORE_SCHEMA_VERSION 1

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
 *          quad_class, goldstein, plover, source_text, target_text, pattern, pattern_where, issues)
 *           -- root/quad_class/goldstein/plover are NULL when the CAMEO table does not know the code
 *
 * Views:
 *   dyad_monthly(source, target, month 'YYYY-MM', quad_class, events, mean_goldstein)
 *   top_actors(actor, events)   -- events naming the actor as source or target ('---' left out),
 *                                  most first
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

/* The last error's message ("" when none). */
const char *store_error(const store *st);

/* Close; an open transaction that was not committed is rolled back. NULL is fine. */
void store_close(store *st);

#endif

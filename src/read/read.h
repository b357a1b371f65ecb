/* read.h — story readers: plain text, JSONL, TABARI records, PETRARCH XML; format auto-detected. */
#ifndef DYAD_READ_H
#define DYAD_READ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "base/util.h"

typedef enum { INPUT_AUTO, INPUT_TEXT, INPUT_JSONL, INPUT_TABARI, INPUT_PETRARCH } input_format;

/* "auto", "text", "jsonl", "tabari", "petrarch" → format; -1 when unknown. */
int input_format_parse(const char *name);
const char *input_format_name(input_format f);

typedef struct {
    char *id;
    ymd date;              /* 0 only when rejected for it */
    char *text;            /* valid UTF-8 (repaired), NUL-terminated */
    size_t len;
    char *title, *source, *url;   /* optional (JSONL), NULL when absent */
    char *note;            /* TABARI: the record's comment text; PETRARCH: the <Sentence> body
                              (holds expected <EventCoding>s); NULL otherwise. For `validate`. */
    const char *file;      /* input name ("-" for stdin); owned by the reader */
    long line;             /* line where the story starts */
    bool one_sentence;     /* TABARI/PETRARCH records: the text is one sentence, do not split */
    size_t utf8_fixes;     /* invalid bytes replaced while reading */
    char *block;           /* JSONL: one allocation holding the text, id, title, source and url, which
                              story_free frees in their stead; NULL when each has its own */
} story;

typedef struct {
    input_format format;   /* INPUT_AUTO: detect from the first bytes */
    ymd default_date;      /* --date, used when a story has none (0 = none) */
    const char *default_id;/* --id for plain text (default: the file name) */
    size_t max_story;      /* bytes; longer stories are rejected (0 = 16 MiB) */
} read_options;

typedef struct reader reader;

/* Open `path` ("-" or NULL: stdin). NULL when the file cannot be opened (errno set). */
reader *reader_open(const char *path, const read_options *opt);
/* Read from an open stream (a pipe, a memory stream); `name` is what stories report as their file
   (NULL: "-"). The reader never seeks and does not close `f`. NULL when f is NULL. */
reader *reader_open_file(FILE *f, const char *name, const read_options *opt);
input_format reader_format(const reader *r);   /* the detected format */

typedef enum {
    READ_STORY = 1,     /* *s filled: code it */
    READ_EOF = 0,       /* nothing more */
    READ_REJECT = -1,   /* a story or line could not be used: *why says why, s->file/s->line where;
                           reading can go on */
} read_status;

/* Next story. On READ_REJECT `why` holds the reason and s->file/s->line the place (s->id when known).
   Streams: memory stays bounded by the largest story, never the file.
   *s is overwritten, not freed: story_free it after each READ_STORY / READ_REJECT. `why` may be NULL. */
read_status reader_next(reader *r, story *s, strbuf *why);
void story_free(story *s);
void reader_close(reader *r);

#endif

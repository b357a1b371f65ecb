/* read_internal.h — the reader's state and buffered byte input, shared by the format readers (private). */
#ifndef DYAD_READ_INTERNAL_H
#define DYAD_READ_INTERNAL_H
#include <stdio.h>
#include "read/read.h"

struct reader {
    FILE *f;
    bool own_f;            /* opened by reader_open: closed by reader_close */
    bool eof, ioerr, ioerr_told;
    bool blocks;           /* a regular file: read in whole blocks (no pipe can keep a read waiting) */
    char *name;            /* "-" for stdin; story.file points here */
    char *text_id;         /* id of a plain-text story: --id, else the base name, "stdin" */
    read_options opt;
    size_t max_story;      /* opt.max_story, 0 replaced by the default */
    input_format format;
    bool text_done;        /* plain text: the single story has been returned */
    /* Input buffer: bytes [pos, end) are read but not consumed. Peeking (format detection,
       look-ahead of a few bytes) leaves them here, so stdin needs no seeking. */
    char *buf;
    size_t cap, pos, end;
    long line;             /* line number of the byte at pos (1-based) */
    strbuf lb;             /* current line (line-oriented formats) */
    strbuf text, note, val;/* record under construction */
    strbuf why;            /* used when the caller passes no `why` */
    strbuf decoded;        /* JSONL: the line's strings decoded (kept from line to line: no malloc each) */
};

#define READ_DEFAULT_MAX_STORY ((size_t)16 << 20)

/* Make at least n unconsumed bytes available unless the input ends first; true when they are. */
bool rd_want(reader *r, size_t n);

static inline int rd_peek(reader *r)
{
    if (r->pos == r->end && !rd_want(r, 1)) return -1;
    return (unsigned char)r->buf[r->pos];
}

static inline int rd_get(reader *r)
{
    if (r->pos == r->end && !rd_want(r, 1)) return -1;
    unsigned char c = (unsigned char)r->buf[r->pos++];
    if (c == '\n') r->line++;
    return c;
}

/* Do the next bytes spell `lit`? (Peeks; consumes nothing.) */
bool rd_looking_at(reader *r, const char *lit);
/* Consume n bytes (that rd_want made available), keeping the line count. */
void rd_skip(reader *r, size_t n);

/* Read one line into `out` without its "\n" / "\r\n". At most `limit` bytes are kept; the rest of
   a longer line is consumed and dropped, and *overlong says so. 0 at end of input, else 1. */
int rd_line(reader *r, strbuf *out, size_t limit, bool *overlong);
/* rd_line without the copy when it can: *line and *n are the line's bytes where they lie in the input
   buffer when it is there whole (valid until the next read from r), else rd_line's copy in `out`. Not
   NUL-terminated. For JSONL, whose 18 MB of Reuters were copied line by line for nothing. */
int rd_line_ref(reader *r, strbuf *out, size_t limit, bool *overlong, const char **line, size_t *n);

/* A malloc'd valid UTF-8 copy of s[0..n); adds the replacements made to *fixes. */
char *read_repair(const char *s, size_t n, size_t *len, size_t *fixes);
/* Collapse white-space runs in s[0..n) to one space and trim both ends, in place; the new length. */
size_t read_collapse_space(char *s, size_t n);
bool read_blank(const char *s, size_t n);
/* Give a story its text: repaired to valid UTF-8, white space collapsed when asked. */
void read_set_text(story *s, const char *t, size_t n, bool collapse);

read_status read_text(reader *r, story *s, strbuf *why);
read_status read_jsonl(reader *r, story *s, strbuf *why);
read_status read_tabari(reader *r, story *s, strbuf *why);
read_status read_petrarch(reader *r, story *s, strbuf *why);

/* Format detection helpers (read.c): does a line look like a TABARI record header? */
bool read_tabari_header(const char *s, size_t n);

#endif

/* read_text.c — plain text input: the whole input is one story. */
#include "read/read_internal.h"

#include <stdlib.h>
#include "text/text.h"

/* Read everything; keep at most max_story bytes. True when the input was longer. */
static bool slurp(reader *r, strbuf *b)
{
    bool too_big = false;
    while (r->pos < r->end || rd_want(r, 1)) {
        size_t n = r->end - r->pos;
        if (!too_big && b->len + n > r->max_story) too_big = true;
        if (!too_big) sb_add(b, r->buf + r->pos, n);
        rd_skip(r, n);
    }
    return too_big;
}

read_status read_text(reader *r, story *s, strbuf *why)
{
    if (r->text_done) return READ_EOF;
    r->text_done = true;
    sb_clear(&r->text);
    bool too_big = slurp(r, &r->text);
    if (!too_big && read_blank(r->text.s, r->text.len)) {   /* empty input: no story at all */
        sb_free(&r->text);
        return READ_EOF;
    }
    s->line = 1;
    s->id = xstrdup(r->text_id);
    read_status st = READ_REJECT;
    if (too_big) sb_addf(why, "story is longer than the limit of %zu bytes (--max-story)", r->max_story);
    else if (!r->opt.default_date) sb_adds(why, "no date: give --date YYYY-MM-DD");
    else {
        s->date = r->opt.default_date;
        read_set_text(s, r->text.s, r->text.len, false);
        st = READ_STORY;
    }
    sb_free(&r->text);   /* a large story should not stay pinned after it is handed over */
    return st;
}

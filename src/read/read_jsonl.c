/* read_jsonl.c — JSON Lines input: one story object per line ("id", "text", "date", optional fields). */
#include "read/read_internal.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/text.h"

/* The longest line worth parsing. JSON escapes can triple a text's bytes ("\u00e9" for a 2-byte
   character), and the other fields need some room; longer lines are dropped unread. */
static size_t line_limit(size_t max_story)
{
    const size_t extra = (size_t)1 << 20;
    if (max_story > (SIZE_MAX - extra) / 3) return SIZE_MAX - 1;
    return max_story * 3 + extra;
}

/* Quote a value in a reason: short, and without control characters that would garble a terminal. */
static void add_quoted(strbuf *why, const char *s, size_t n)
{
    sb_addc(why, '"');
    for (size_t i = 0; i < n && i < 40; i++)
        sb_addc(why, (unsigned char)s[i] < 0x20 ? '?' : s[i]);
    if (n > 40) sb_adds(why, "...");
    sb_addc(why, '"');
}

static char *dup_string(json_t *v, size_t *fixes)
{
    size_t len;
    return read_repair(json_string_value(v), json_string_length(v), &len, fixes);
}

static bool get_id(json_t *o, story *s, strbuf *why)
{
    json_t *v = json_object_get(o, "id");
    char num[64];
    if (!v) { sb_adds(why, "no \"id\""); return false; }
    if (json_is_string(v)) {
        if (json_string_length(v) == 0) { sb_adds(why, "empty \"id\""); return false; }
        s->id = dup_string(v, &s->utf8_fixes);
        return true;
    }
    if (json_is_integer(v)) snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v)) snprintf(num, sizeof num, "%.17g", json_real_value(v));
    else { sb_adds(why, "\"id\" must be a string or a number"); return false; }
    s->id = xstrdup(num);
    return true;
}

static bool get_text(json_t *o, story *s, size_t max, strbuf *why)
{
    json_t *v = json_object_get(o, "text");
    if (!json_is_string(v)) { sb_adds(why, v ? "\"text\" is not a string" : "no \"text\""); return false; }
    const char *t = json_string_value(v);
    size_t n = json_string_length(v);
    if (read_blank(t, n)) { sb_adds(why, "empty \"text\""); return false; }
    if (n > max) { sb_addf(why, "\"text\" is %zu bytes, over the limit of %zu (--max-story)", n, max); return false; }
    read_set_text(s, t, n, false);
    return true;
}

/* "YYYY-MM-DD", "YYYYMMDD", or an ISO date-time whose first ten bytes are the date. */
static ymd parse_date_string(const char *d, size_t n)
{
    if (n > 10 && (d[10] == 'T' || d[10] == ' ')) n = 10;
    return date_parse(d, n);
}

static bool get_date(json_t *o, story *s, ymd fallback, strbuf *why)
{
    json_t *v = json_object_get(o, "date");
    if (!v || json_is_null(v)) {
        s->date = fallback;
        if (!s->date) sb_adds(why, "no date: give \"date\" or --date YYYY-MM-DD");
        return s->date != 0;
    }
    char num[32];
    const char *d = num;
    size_t n;
    if (json_is_string(v)) { d = json_string_value(v); n = json_string_length(v); }
    else if (json_is_integer(v)) n = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else { sb_adds(why, "bad \"date\": want a string YYYY-MM-DD"); return false; }
    s->date = parse_date_string(d, n);
    if (!s->date) {
        sb_adds(why, "bad \"date\" ");
        add_quoted(why, d, n);
        sb_adds(why, ": want YYYY-MM-DD");
    }
    return s->date != 0;
}

static char *get_optional(json_t *o, const char *key, size_t *fixes)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? dup_string(v, fixes) : NULL;
}

static read_status from_object(reader *r, json_t *o, story *s, strbuf *why)
{
    if (!json_is_object(o)) { sb_adds(why, "not a JSON object"); return READ_REJECT; }
    if (!get_id(o, s, why) || !get_text(o, s, r->max_story, why) || !get_date(o, s, r->opt.default_date, why))
        return READ_REJECT;
    s->title = get_optional(o, "title", &s->utf8_fixes);
    s->source = get_optional(o, "source", &s->utf8_fixes);
    s->url = get_optional(o, "url", &s->utf8_fixes);
    return READ_STORY;
}

static read_status from_line(reader *r, story *s, strbuf *why)
{
    const char *p = r->lb.s;
    size_t n = r->lb.len;
    char *fixed = NULL;
    /* jansson refuses invalid UTF-8 outright; repair first so one bad byte does not lose a story. */
    if (utf8_first_invalid(p, n) < n) p = fixed = read_repair(p, n, &n, &s->utf8_fixes);
    json_error_t err;
    json_t *o = json_loadb(p, n, JSON_ALLOW_NUL, &err);
    free(fixed);
    if (!o) {
        sb_addf(why, "not valid JSON: %s (column %d)", err.text, err.column);
        return READ_REJECT;
    }
    read_status st = from_object(r, o, s, why);
    json_decref(o);
    return st;
}

read_status read_jsonl(reader *r, story *s, strbuf *why)
{
    size_t limit = line_limit(r->max_story);
    for (;;) {
        long at = r->line;
        bool overlong;
        if (!rd_line(r, &r->lb, limit, &overlong)) return READ_EOF;
        s->line = at;
        read_status st = READ_REJECT;
        if (overlong)
            sb_addf(why, "line is longer than %zu bytes (stories are limited to %zu bytes: --max-story)", limit,
                    r->max_story);
        else if (read_blank(r->lb.s, r->lb.len)) continue;
        else st = from_line(r, s, why);
        if (r->lb.cap > ((size_t)1 << 20)) sb_free(&r->lb);   /* do not keep one huge line's buffer */
        return st;
    }
}

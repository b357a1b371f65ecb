/* reference.h — the slow, obvious versions unit tests hold the fast paths against, shared by the tests. */
#ifndef DYAD_TEST_REFERENCE_H
#define DYAD_TEST_REFERENCE_H
#include "base/util.h"
#include "dict/dict.h"

/* JSON string escaping a byte at a time: what every fast escaper must write. */
static inline void json_escape_reference(strbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') sb_adds(b, "\\\"");
        else if (c == '\\') sb_adds(b, "\\\\");
        else if (c == '\n') sb_adds(b, "\\n");
        else if (c == '\t') sb_adds(b, "\\t");
        else if (c == '\r') sb_adds(b, "\\r");
        else if (c < 0x20) sb_addf(b, "\\u%04x", c);
        else sb_addc(b, (char)c);
    }
}

/* The index items a lookup hands its callback, collected (the first 4,096). */
typedef struct {
    const index_item *it[4096];
    size_t n;
} item_list;

static inline bool collect_item(const index_item *it, void *ctx)
{
    item_list *l = ctx;
    if (l->n < 4096) l->it[l->n++] = it;
    return true;
}

#endif

/* fuzz_when.c — libFuzzer harness: time expressions found and normalised over arbitrary text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "event/event.h"
#include "text/text.h"
#include "when/when.h"

/* Story dates the first byte chooses among: none, ordinary, and the edges of the calendar. */
static const ymd anchors[] = {0, 20190315, 19980101, 20001231, 20240229, 10000101, 99991231, 19700101};

/* Every expression lies inside its sentence, after the one before it, with a value and a valid date. */
static void check(const timex_list *l, span s, size_t from)
{
    uint32_t last = s.start;
    for (size_t i = from; i < l->n; i++) {
        const timex *t = &l->t[i];
        if (t->at.start < last || t->at.end <= t->at.start || t->at.end > s.end) __builtin_trap();
        if (!t->value[0] || memchr(t->value, 0, sizeof t->value) == NULL) __builtin_trap();
        if (t->type < TIMEX_DATE || t->type > TIMEX_SET) __builtin_trap();
        if (t->precision == DATE_DAY && !date_valid(t->date / 10000, t->date / 100 % 100, t->date % 100))
            __builtin_trap();
        last = t->at.end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    ymd anchor = anchors[data[0] % (sizeof anchors / sizeof *anchors)];
    size_t n;
    char *text = utf8_repair((const char *)data + 1, size - 1, &n, NULL);
    token_list tl = {0};
    timex_list tx = {0};
    /* sentence by sentence, as `dyad code` and `dyad annotate` do ... */
    span *sents = NULL;
    size_t ns = split_sentences(text, n, &sents);
    for (size_t i = 0; i < ns; i++) {
        tokenize(text, sents[i], &tl);
        size_t from = tx.n;
        when_find(text, sents[i], &tl, anchor, &tx);
        check(&tx, sents[i], from);
    }
    /* ... and the whole text as one span */
    span all = {0, (uint32_t)n};
    tokenize(text, all, &tl);
    tx.n = 0;
    when_find(text, all, &tl, anchor, &tx);
    check(&tx, all, 0);
    free(sents);
    token_list_free(&tl);
    timex_list_free(&tx);
    free(text);
    return 0;
}

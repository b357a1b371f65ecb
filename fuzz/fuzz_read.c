/* fuzz_read.c — libFuzzer harness: every input format (and detection) drained over arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "read/read.h"

/* Drain one reader over the bytes; small story limits in half the runs reach the "too long" paths. */
static void drain(const uint8_t *data, size_t size, input_format format, size_t max_story)
{
    /* fmemopen refuses a zero-length buffer in some C libraries: give it one byte and no data. */
    static const char none[1] = {0};
    FILE *f = fmemopen(size ? (void *)data : (void *)none, size ? size : 1, "r");
    if (!f) return;
    if (!size) fgetc(f);
    read_options o = {0};
    o.format = format;
    o.default_date = 20240101;
    o.max_story = max_story;
    reader *r = reader_open_file(f, "fuzz", &o);
    strbuf why;
    sb_init(&why);
    story s;
    read_status st;
    /* Each call consumes input, so a bounded number of calls must reach the end. */
    for (size_t calls = 0; calls <= size + 2; calls++) {
        st = reader_next(r, &s, &why);
        if (st == READ_STORY && (!s.text || strlen(s.text) != s.len || !s.id || !s.date)) __builtin_trap();
        if (st == READ_REJECT && !why.len) __builtin_trap();   /* a reject always says why */
        story_free(&s);
        if (st == READ_EOF) break;
        if (calls == size + 2) __builtin_trap();               /* the reader did not progress */
    }
    sb_free(&why);
    reader_close(r);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const input_format formats[] = {INPUT_AUTO, INPUT_TEXT, INPUT_JSONL, INPUT_TABARI, INPUT_PETRARCH};
    size_t max_story = size && (data[0] & 1) ? 64 : 0;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) drain(data, size, formats[i], max_story);
    return 0;
}

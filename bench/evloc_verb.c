/* evloc_verb.c — the place src/where picks for the gold event verb of each ../shared event-location
   sentence, independent of whether dyad's dictionary codes an event there; also times the gazetteer load.
   Build and run with bench/evloc-verb. A location counts as right the way ../shared/tools/score counts
   it: one of the place's text and the gold span (lower case) contains the other. EVLOC_VERBOSE=1 lists
   the sentences it gets wrong or leaves without a place. */
#include "where/where.h"
#include "base/util.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void lower(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

/* The byte offset of character `chars` of UTF-8 `text`: the gold's offsets count characters (Python's). */
static int byte_at(const char *text, long chars)
{
    int b = 0;
    for (long c = 0; c < chars && text[b]; c++) {
        b++;
        while ((text[b] & 0xC0) == 0x80) b++;
    }
    return b;
}

/* Does the located text match one of the gold LOCATION spans of record r? */
static bool matches(json_t *spans, const char *text, const char *got)
{
    char g[512], w[512];
    snprintf(w, sizeof w, "%s", got);
    lower(w);
    size_t i;
    json_t *sp;
    json_array_foreach(spans, i, sp) {
        if (strcmp(json_string_value(json_object_get(sp, "label")) ?: "", "LOCATION")) continue;
        int a = byte_at(text, (long)json_integer_value(json_object_get(sp, "start")));
        int b = byte_at(text, (long)json_integer_value(json_object_get(sp, "end")));
        if (a < 0 || b <= a || (size_t)b > strlen(text)) continue;   /* the gold's own empty spans never match here */
        snprintf(g, sizeof g, "%.*s", b - a, text + a);
        lower(g);
        if (strstr(g, w) || strstr(w, g)) return true;
    }
    return false;
}

/* One line per case: the label, the place given, the sentence without its line breaks. */
static void print_case(const char *label, const char *got, const char *text)
{
    printf("%s%s\t", label, got);
    for (const char *c = text; *c; c++) putchar(*c == '\n' || *c == '\r' ? ' ' : *c);
    putchar('\n');
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/gold/event-location/dev.jsonl";
    double t0 = now();
    const gazetteer *g = gazetteer_default();
    printf("gazetteer: %zu places loaded in %.3f s\n", gazetteer_size(g), now() - t0);
    FILE *f = fopen(path, "r");
    if (!f || !g) { perror(path); return 1; }
    char *line = NULL;
    size_t cap = 0;
    long with_gold = 0, right = 0, given = 0, wrong = 0;
    story_places sp = {0};
    double t1 = now();
    while (getline(&line, &cap, f) > 0) {
        json_t *r = json_loads(line, 0, NULL);
        const char *text = json_string_value(json_object_get(r, "text"));
        json_t *spans = json_object_get(r, "spans"), *s;
        size_t i;
        int vs = -1, ve = -1;
        bool gold = false;
        json_array_foreach(spans, i, s) {
            if (!text) break;
            const char *label = json_string_value(json_object_get(s, "label"));
            if (label && !strcmp(label, "VERB") && vs < 0) {
                vs = byte_at(text, (long)json_integer_value(json_object_get(s, "start")));
                ve = byte_at(text, (long)json_integer_value(json_object_get(s, "end")));
            }
            if (label && !strcmp(label, "LOCATION") && json_integer_value(json_object_get(s, "end")) >
                                                          json_integer_value(json_object_get(s, "start")))
                gold = true;
        }
        if (text && vs >= 0 && gold) {
            with_gold++;
            size_t len = strlen(text);
            span whole = {0, (uint32_t)len};
            where_story(g, text, len, &whole, 1, NULL, &sp);
            event e = {.sentence = 1, .verb_span = {(uint32_t)vs, (uint32_t)ve}};
            where_locate(&sp, &e);
            if (e.location && e.location_span.end > e.location_span.start) {
                char got[256];
                snprintf(got, sizeof got, "%.*s", (int)(e.location_span.end - e.location_span.start),
                         text + e.location_span.start);
                given++;
                if (matches(spans, text, got)) right++;
                else wrong++;
                if (getenv("EVLOC_VERBOSE") && !matches(spans, text, got)) print_case("WRONG ", got, text);
            } else if (getenv("EVLOC_VERBOSE")) {
                print_case("NONE", "", text);
            }
        }
        json_decref(r);
    }
    printf("evloc gold verbs with a gold location %ld: located right %.2f; locations given %ld, wrong %ld (%.2f s)\n",
           with_gold, with_gold ? (double)right / with_gold : 0.0, given, wrong, now() - t1);
    story_places_free(&sp);
    free(line);
    fclose(f);
    return 0;
}

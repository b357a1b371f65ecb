/* test_output.c — unit tests for the event writers: exact JSONL/TSV/TABARI lines, escaping, nulls, round trips. */
#include "check.h"
#include "output/output.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

static char plain_text[] = "Gondor praised Arnor. Then it rained.";
static char plain_id[] = "s1";
/* quote, backslash, a control byte, tab, newline, and UTF-8 (ü, curly quotes, an emoji) */
static char tricky_text[] = "He said \"no\" \\ x\x01" "y\tz\nZ\xc3\xbcrich \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x99\x82.";
static char tricky_id[] = "id \"7\"";
static char title[] = "A \"title\"\twith tab", src_name[] = "Wire", url[] = "http://x.test/a?b=1&c=\\";

static story make_story(char *id, char *text, ymd date)
{
    return (story){.id = id, .text = text, .len = strlen(text), .date = date};
}

static event make_event(const story *st, span sent, const char *src, const char *tgt, const char *code)
{
    event e;
    memset(&e, 0, sizeof e);
    e.story = st;
    e.sentence = 1;
    e.sent = sent;
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.target, sizeof e.target, "%s", tgt);
    snprintf(e.code, sizeof e.code, "%s", code);
    return e;
}

/* The praise event every format test starts from: "Gondor praised Arnor." */
static event praise(const story *st)
{
    event e = make_event(st, (span){0, 21}, "GON", "ARN", "051");
    e.source_span = (span){0, 6};
    e.target_span = (span){15, 20};
    e.verb_span = (span){7, 14};
    e.pattern = "PRAISE";
    e.pattern_where = "verbs.txt:12";
    return e;
}

/* Everything a writer produces for these events, as one malloc'd string. */
static char *render(output_format fmt, const event *ev, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    writer *w = writer_open(f, fmt);
    for (size_t i = 0; i < n; i++) writer_event(w, &ev[i]);
    CHECK_INT(writer_close(w), 0);
    fclose(f);
    return out;
}

static void test_format_parse(void)
{
    CHECK_INT(output_format_parse("jsonl"), FORMAT_JSONL);
    CHECK_INT(output_format_parse("tsv"), FORMAT_TSV);
    CHECK_INT(output_format_parse("tabari"), FORMAT_TABARI);
    CHECK_INT(output_format_parse("csv"), FORMAT_CSV);
    CHECK_INT(output_format_parse("gdelt"), FORMAT_GDELT);
    CHECK_INT(output_format_parse("icews"), FORMAT_ICEWS);
    CHECK_INT(output_format_parse("phoenix"), FORMAT_PHOENIX);
    CHECK_INT(output_format_parse("JSON"), -1);
    CHECK_INT(output_format_parse(""), -1);
    CHECK_INT(output_format_parse(NULL), -1);
}

/* What the store adds (ids, counts, urls) changes nothing in JSONL, TSV or TABARI: `dyad export` writes
   the same lines as `dyad code`. */
static void test_meta_ignored(void)
{
    story st = make_story(plain_id, plain_text, 20240101);
    event e = praise(&st);
    const event_meta m = {.id = 99, .mentions = 5, .sources = 2, .articles = 3, .added = "2024-01-02T03:04:05Z",
                          .urls = "u1;u2", .news_sources = "A;B"};
    output_format fmts[] = {FORMAT_JSONL, FORMAT_TSV, FORMAT_TABARI};
    for (size_t i = 0; i < 3; i++) {
        char *plain = render(fmts[i], &e, 1);
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        writer *w = writer_open(f, fmts[i]);
        writer_event_meta(w, &e, &m);
        CHECK_INT(writer_close(w), 0);
        fclose(f);
        CHECK_STR(out, plain);
        free(out);
        free(plain);
    }
}

static void test_fields(void)
{
    size_t n = 0;
    while (output_fields[n]) n++;
    CHECK_INT(n, 19);
    CHECK_STR(output_fields[0], "story_id");
    CHECK_STR(output_fields[4], "date_precision");
    CHECK_STR(output_fields[17], "issues");
    CHECK_STR(output_fields[18], "location");
    CHECK_STR(output_story_fields[0], "title");
    CHECK_STR(output_story_fields[1], "story_source");
    CHECK_STR(output_story_fields[2], "url");
    CHECK(output_story_fields[3] == NULL);
}

static void test_jsonl_line(void)
{
    story st = make_story(plain_id, plain_text, 20240102);
    event e = praise(&st);
    char *out = render(FORMAT_JSONL, &e, 1);
    CHECK_STR(out, "{\"story_id\":\"s1\",\"sentence\":1,\"text\":\"Gondor praised Arnor.\",\"date\":\"2024-01-02\",\"date_precision\":\"story\",\"date_text\":null,"
                   "\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"051\",\"root\":\"05\",\"quad_class\":1,"
                   "\"goldstein\":3.4,\"plover\":\"SUPPORT\",\"source_text\":\"Gondor\",\"target_text\":\"Arnor\","
                   "\"pattern\":\"PRAISE\",\"pattern_where\":\"verbs.txt:12\",\"issues\":null,\"location\":null}\n");
    free(out);
}

static void test_jsonl_nulls(void)
{
    story st = make_story(plain_id, plain_text, 20240102);
    event e[3];
    /* an unknown code, no actor words, no pattern, the event's own date, the second sentence */
    e[0] = make_event(&st, (span){22, 37}, "---", "---", "---");
    e[0].sentence = 2;
    e[0].date = 19980315;
    /* a listed code without a PLOVER type, negative weight, issues */
    e[1] = make_event(&st, (span){0, 21}, "GON", "---", "011");
    e[1].issues = "NUCLEAR,ECON";
    /* a full negative weight */
    e[2] = make_event(&st, (span){0, 21}, "GON", "ARN", "190");
    char *out = render(FORMAT_JSONL, e, 3);
    CHECK_STR(out,
              "{\"story_id\":\"s1\",\"sentence\":2,\"text\":\"Then it rained.\",\"date\":\"1998-03-15\",\"date_precision\":\"story\",\"date_text\":null,\"source\":\"---\","
              "\"target\":\"---\",\"code\":\"---\",\"root\":null,\"quad_class\":null,\"goldstein\":null,\"plover\":null,"
              "\"source_text\":null,\"target_text\":null,\"pattern\":null,\"pattern_where\":null,\"issues\":null,\"location\":null}\n"
              "{\"story_id\":\"s1\",\"sentence\":1,\"text\":\"Gondor praised Arnor.\",\"date\":\"2024-01-02\",\"date_precision\":\"story\",\"date_text\":null,\"source\":\"GON\","
              "\"target\":\"---\",\"code\":\"011\",\"root\":\"01\",\"quad_class\":1,\"goldstein\":-0.1,\"plover\":null,"
              "\"source_text\":null,\"target_text\":null,\"pattern\":null,\"pattern_where\":null,\"issues\":\"NUCLEAR,ECON\",\"location\":null}\n"
              "{\"story_id\":\"s1\",\"sentence\":1,\"text\":\"Gondor praised Arnor.\",\"date\":\"2024-01-02\",\"date_precision\":\"story\",\"date_text\":null,\"source\":\"GON\","
              "\"target\":\"ARN\",\"code\":\"190\",\"root\":\"19\",\"quad_class\":4,\"goldstein\":-10.0,\"plover\":\"ASSAULT\","
              "\"source_text\":null,\"target_text\":null,\"pattern\":null,\"pattern_where\":null,\"issues\":null,\"location\":null}\n");
    free(out);
}

static void test_jsonl_escaping(void)
{
    story st = make_story(tricky_id, tricky_text, 20240102);
    event e = make_event(&st, (span){0, (uint32_t)strlen(tricky_text)}, "GON", "ARN", "0874");
    e.source_span = (span){21, 28};   /* "Zürich" */
    e.pattern = "SAY \"NO\"";
    char *out = render(FORMAT_JSONL, &e, 1);
    CHECK_STR(out, "{\"story_id\":\"id \\\"7\\\"\",\"sentence\":1,"
                   "\"text\":\"He said \\\"no\\\" \\\\ x\\u0001y\\tz\\nZ\xc3\xbcrich \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x99\x82.\","
                   "\"date\":\"2024-01-02\",\"date_precision\":\"story\",\"date_text\":null,\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"0874\",\"root\":\"08\","
                   "\"quad_class\":2,\"goldstein\":10.0,\"plover\":\"RETREAT\",\"source_text\":\"Z\xc3\xbcrich\","
                   "\"target_text\":null,\"pattern\":\"SAY \\\"NO\\\"\",\"pattern_where\":null,\"issues\":null,\"location\":null}\n");
    free(out);
}

static void test_jsonl_story_fields(void)
{
    story st = make_story(plain_id, plain_text, 20240102);
    st.title = title;
    st.source = src_name;
    st.url = url;
    event e = make_event(&st, (span){0, 21}, "GON", "ARN", "042");
    char *out = render(FORMAT_JSONL, &e, 1);
    CHECK_STR(out, "{\"story_id\":\"s1\",\"sentence\":1,\"text\":\"Gondor praised Arnor.\",\"date\":\"2024-01-02\",\"date_precision\":\"story\",\"date_text\":null,"
                   "\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"042\",\"root\":\"04\",\"quad_class\":1,"
                   "\"goldstein\":1.9,\"plover\":\"CONSULT\",\"source_text\":null,\"target_text\":null,"
                   "\"pattern\":null,\"pattern_where\":null,\"issues\":null,\"location\":null,\"title\":\"A \\\"title\\\"\\twith tab\","
                   "\"story_source\":\"Wire\",\"url\":\"http://x.test/a?b=1&c=\\\\\"}\n");
    free(out);
    /* only the fields the story has */
    st.title = st.source = NULL;
    out = render(FORMAT_JSONL, &e, 1);
    CHECK(strstr(out, "\"location\":null,\"url\":\"http://x.test/a?b=1&c=\\\\\"}\n") != NULL);
    CHECK(strstr(out, "title") == NULL && strstr(out, "story_source") == NULL);
    free(out);
}

#define TSV_HEADER "story_id\tsentence\ttext\tdate\tdate_precision\tdate_text\tsource\ttarget\tcode\troot\tquad_class\tgoldstein\tplover\t" \
                   "source_text\ttarget_text\tpattern\tpattern_where\tissues\tlocation_text\tlocation_name\t" \
                   "location_country\tlocation_admin1\tlocation_lat\tlocation_lon\tlocation_precision\ttitle\tstory_source\turl\n"

static void test_tsv(void)
{
    char *out = render(FORMAT_TSV, NULL, 0);
    CHECK_STR(out, TSV_HEADER);   /* the header even when nothing was coded */
    free(out);

    story st = make_story(plain_id, plain_text, 20240102);
    story tricky = make_story(tricky_id, tricky_text, 20240102);
    tricky.title = title;
    event e[2];
    e[0] = praise(&st);
    e[1] = make_event(&tricky, (span){0, (uint32_t)strlen(tricky_text)}, "GON", "---", "---");
    out = render(FORMAT_TSV, e, 2);
    CHECK_STR(out, TSV_HEADER
              "s1\t1\tGondor praised Arnor.\t2024-01-02\tstory\t\tGON\tARN\t051\t05\t1\t3.4\tSUPPORT\tGondor\tArnor\tPRAISE\t"
              "verbs.txt:12" "\t\t\t\t\t\t\t\t\t\t\t\n"
              "id \"7\"\t1\tHe said \"no\" \\ x\x01y z Z\xc3\xbcrich \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x99\x82.\t2024-01-02\tstory\t\t"
              "GON\t---\t---\t\t\t\t\t\t\t\t\t\t" "\t\t\t\t\t\t\tA \"title\" with tab\t\t\n");
    free(out);
}

static void test_tabari(void)
{
    story st = make_story(plain_id, plain_text, 20240102);
    event e[3];
    e[0] = praise(&st);
    e[1] = make_event(&st, (span){0, 21}, "GON", "ARN", "0239");   /* falls back to 023's label */
    e[1].date = 19980315;
    e[2] = make_event(&st, (span){0, 21}, "GON", "---", "---");
    char *out = render(FORMAT_TABARI, e, 3);
    CHECK_STR(out, "240102\tGON\tARN\t051\tPRAISE OR ENDORSE\n"
                   "980315\tGON\tARN\t0239\tASK FOR AID\n"
                   "240102\tGON\t---\t---\t\n");
    free(out);
}

/* Spans past the end of the text are cut to it rather than read beyond it. */
static void test_bad_spans(void)
{
    story st = make_story(plain_id, plain_text, 20240102);
    event e = make_event(&st, (span){22, 1000}, "GON", "ARN", "051");
    e.source_span = (span){500, 600};
    char *out = render(FORMAT_JSONL, &e, 1);
    CHECK(strstr(out, "\"text\":\"Then it rained.\"") != NULL);
    CHECK(strstr(out, "\"source_text\":\"\"") != NULL);
    free(out);
}

/* ---- round trips ---- */

static void check_json_str(json_t *o, const char *key, const char *want, size_t want_len)
{
    json_t *v = json_object_get(o, key);
    if (!want) {
        if (!json_is_null(v)) { printf("FAIL %s: %s should be null\n", check_current, key); check_failed++; }
        else check_passed++;
        return;
    }
    CHECK(json_is_string(v));
    CHECK(v && json_string_length(v) == want_len && memcmp(json_string_value(v), want, want_len) == 0);
}

static void check_json_span(json_t *o, const char *key, const event *e, span sp, bool null_when_none)
{
    if (null_when_none && sp.start == 0 && sp.end == 0) check_json_str(o, key, NULL, 0);
    else check_json_str(o, key, e->story->text + sp.start, sp.end - sp.start);
}

static const char *none_if_empty(const char *s) { return s && *s ? s : NULL; }

/* Every key of the line, in the documented order (checked on the raw text: order is part of the format). */
static void check_key_order(const char *line, const story *st)
{
    const char *at = line;
    for (int i = 0; output_fields[i]; i++) {
        char key[32];
        snprintf(key, sizeof key, "\"%s\":", output_fields[i]);
        const char *p = strstr(at, key);
        CHECK(p != NULL);
        if (p) at = p;
    }
    const char *have[3] = {st->title, st->source, st->url};
    for (int i = 0; i < 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "\"%s\":", output_story_fields[i]);
        const char *p = strstr(at, key);
        CHECK((p != NULL) == (have[i] != NULL));
        if (p) at = p;
    }
}

static void check_json_event(const char *line, const event *e)
{
    json_error_t err;
    json_t *o = json_loads(line, 0, &err);
    CHECK(json_is_object(o));
    if (!o) { printf("    %s at %d: %s\n", err.text, err.position, line); return; }
    const story *st = e->story;
    const cameo_info *ci = cameo_lookup(e->code);
    char date[11], root[3];
    date_format(e->date ? e->date : st->date, date);
    cameo_root(e->code, root);
    check_key_order(line, st);
    CHECK_INT(json_object_size(o), 19 + !!st->title + !!st->source + !!st->url);
    check_json_str(o, "date_precision", date_precision_name(e->date_precision), strlen(date_precision_name(e->date_precision)));
    CHECK(e->location ? json_is_object(json_object_get(o, "location")) : json_is_null(json_object_get(o, "location")));
    check_json_str(o, "story_id", st->id, strlen(st->id));
    CHECK_INT(json_integer_value(json_object_get(o, "sentence")), e->sentence);
    check_json_span(o, "text", e, e->sent, false);
    check_json_str(o, "date", date, strlen(date));
    check_json_str(o, "source", e->source, strlen(e->source));
    check_json_str(o, "target", e->target, strlen(e->target));
    check_json_str(o, "code", e->code, strlen(e->code));
    check_json_str(o, "root", none_if_empty(root), strlen(root));
    if (ci) {
        CHECK_INT(json_integer_value(json_object_get(o, "quad_class")), ci->quad_class);
        CHECK(fabs(json_number_value(json_object_get(o, "goldstein")) - ci->goldstein) < 1e-9);
        check_json_str(o, "plover", none_if_empty(ci->plover), strlen(ci->plover));
    } else {
        CHECK(json_is_null(json_object_get(o, "quad_class")) && json_is_null(json_object_get(o, "goldstein")));
        check_json_str(o, "plover", NULL, 0);
    }
    check_json_span(o, "source_text", e, e->source_span, true);
    check_json_span(o, "target_text", e, e->target_span, true);
    const char *opt[] = {"pattern", e->pattern, "pattern_where", e->pattern_where, "issues", e->issues,
                         "title", st->title, "story_source", st->source, "url", st->url};
    for (int i = 0; i < 12; i += 2) {
        if (i >= 6 && !opt[i + 1]) CHECK(json_object_get(o, opt[i]) == NULL);
        else check_json_str(o, opt[i], none_if_empty(opt[i + 1]), opt[i + 1] ? strlen(opt[i + 1]) : 0);
    }
    json_decref(o);
}

/* A mix of events covering every kind of value. */
static size_t sample_events(event *e, story *st)
{
    st[0] = make_story(plain_id, plain_text, 20240102);
    st[1] = make_story(tricky_id, tricky_text, 19991231);
    st[1].title = title;
    st[1].source = src_name;
    st[1].url = url;
    e[0] = praise(&st[0]);
    e[1] = make_event(&st[0], (span){22, 37}, "---", "---", "---");
    e[1].sentence = 2;
    e[1].date = 20000229;
    e[1].issues = "ECON";
    e[2] = make_event(&st[1], (span){0, (uint32_t)strlen(tricky_text)}, "USAGOV", "RUSMIL", "1823");
    e[2].source_span = (span){21, 28};
    e[2].target_span = (span){0, 12};
    e[2].pattern = "SAY \"NO\" \\";
    e[2].pattern_where = "a\tb.txt:3";
    e[3] = make_event(&st[1], (span){3, 20}, "IGOUNO", "---", "0231");
    return 4;
}

/* Next line of `s` (NUL-terminated in place); NULL at the end. */
static char *next_line(char **s)
{
    if (!*s || !**s) return NULL;
    char *line = *s, *nl = strchr(line, '\n');
    if (nl) { *nl = 0; *s = nl + 1; }
    else *s = line + strlen(line);
    return line;
}

static void test_jsonl_round_trip(void)
{
    event e[8];
    story st[2];
    size_t n = sample_events(e, st);
    char *out = render(FORMAT_JSONL, e, n), *p = out;
    size_t i = 0;
    for (char *line; (line = next_line(&p)) != NULL; i++)
        if (i < n) check_json_event(line, &e[i]);
    CHECK_INT(i, n);
    free(out);
}

/* What a TSV cell must hold: the value with tabs and line breaks made spaces, "" for null. */
static char *tsv_cell(const char *s, size_t n)
{
    char *c = xstrndup(s ? s : "", s ? n : 0);
    for (char *q = c; *q; q++)
        if (*q == '\t' || *q == '\n' || *q == '\r') *q = ' ';
    return c;
}

static char *span_cell(const event *e, span sp, bool null_when_none)
{
    if (null_when_none && sp.start == 0 && sp.end == 0) return tsv_cell(NULL, 0);
    return tsv_cell(e->story->text + sp.start, sp.end - sp.start);
}

static char *str_cell(const char *s) { return tsv_cell(s, s ? strlen(s) : 0); }

static void check_tsv_event(char *line, const event *e)
{
    char *col[32];
    int n = 0;
    col[n++] = line;
    for (char *p = line; *p && n < 32; p++)
        if (*p == '\t') { *p = 0; col[n++] = p + 1; }
    CHECK_INT(n, 28);
    if (n != 28) return;
    const story *st = e->story;
    const cameo_info *ci = cameo_lookup(e->code);
    char date[11], root[3], num[2][16] = {"", ""};
    date_format(e->date ? e->date : st->date, date);
    cameo_root(e->code, root);
    if (ci) {
        snprintf(num[0], sizeof num[0], "%d", ci->quad_class);
        snprintf(num[1], sizeof num[1], "%.1f", ci->goldstein);
    }
    char *want[28] = {
        str_cell(st->id), NULL, span_cell(e, e->sent, false), str_cell(date),
        str_cell(date_precision_name(e->date_precision)), span_cell(e, e->date_span, true), str_cell(e->source),
        str_cell(e->target), str_cell(e->code), str_cell(root), str_cell(num[0]), str_cell(num[1]),
        str_cell(ci ? ci->plover : NULL), span_cell(e, e->source_span, true), span_cell(e, e->target_span, true),
        str_cell(e->pattern), str_cell(e->pattern_where), str_cell(e->issues),
        NULL, NULL, NULL, NULL, NULL, NULL, NULL,   /* the location's columns: checked in test_location */
        str_cell(st->title), str_cell(st->source), str_cell(st->url),
    };
    CHECK_INT(atoi(col[1]), e->sentence);
    for (int i = 0; i < 28; i++) {
        if (want[i]) CHECK_STR(col[i], want[i]);
        free(want[i]);
    }
}

static void test_tsv_round_trip(void)
{
    event e[8];
    story st[2];
    size_t n = sample_events(e, st);
    char *out = render(FORMAT_TSV, e, n), *p = out;
    CHECK_STR(next_line(&p), strtok((char[]){TSV_HEADER}, "\n"));
    size_t i = 0;
    for (char *line; (line = next_line(&p)) != NULL; i++)
        if (i < n) check_tsv_event(line, &e[i]);
    CHECK_INT(i, n);
    free(out);
}

/* ---- buffering and errors ---- */

static void test_many_events(void)
{
    /* well past one buffer's worth, so the writer flushes several times mid-stream */
    enum { N = 5000 };
    story st = make_story(plain_id, plain_text, 20240102);
    event *e = xmalloc(N * sizeof *e);
    for (int i = 0; i < N; i++) { e[i] = praise(&st); e[i].sentence = i + 1; }
    char *out = render(FORMAT_JSONL, e, N), *p = out;
    int lines = 0, ordered = 1;
    for (char *line; (line = next_line(&p)) != NULL; lines++) {
        char want[48];
        snprintf(want, sizeof want, "\"sentence\":%d,", lines + 1);
        ordered &= strstr(line, want) != NULL;
    }
    CHECK_INT(lines, N);
    CHECK(ordered);
    free(out);
    free(e);
}

static void test_write_error(void)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f) { printf("skip: no /dev/full\n"); return; }
    story st = make_story(plain_id, plain_text, 20240102);
    event e = praise(&st);
    writer *w = writer_open(f, FORMAT_JSONL);
    writer_event(w, &e);
    CHECK_INT(writer_close(w), -1);
    fclose(f);
}


/* The event's place: a JSON object, seven TSV columns; its date precision and expression. */
static void test_location(void)
{
    story st = make_story(plain_id, plain_text, 20240102);
    event e = praise(&st);
    place geneva = {"Geneva", "CHE", "Geneva", 46.20222, 6.14569, PLACE_CITY};
    e.location = &geneva;
    e.location_span = (span){0, 6};
    e.date_precision = DATE_MONTH;
    e.date_span = (span){7, 14};
    char *out = render(FORMAT_JSONL, &e, 1);
    CHECK(strstr(out, "\"date_precision\":\"month\",\"date_text\":\"praised\",") != NULL);
    CHECK(strstr(out, "\"location\":{\"text\":\"Gondor\",\"name\":\"Geneva\",\"country\":\"CHE\",\"admin1\":\"Geneva\","
                      "\"lat\":46.20222,\"lon\":6.14569,\"precision\":\"city\"}}") != NULL);
    free(out);
    geneva.lon = -0.5;
    geneva.admin1 = NULL;
    geneva.precision = PLACE_COUNTRY;
    out = render(FORMAT_TSV, &e, 1);
    CHECK(strstr(out, "\tGondor\tGeneva\tCHE\t\t46.20222\t-0.50000\tcountry\t") != NULL);
    free(out);
}

int main(void)
{
    RUN(test_location);
    RUN(test_format_parse);
    RUN(test_meta_ignored);
    RUN(test_fields);
    RUN(test_jsonl_line);
    RUN(test_jsonl_nulls);
    RUN(test_jsonl_escaping);
    RUN(test_jsonl_story_fields);
    RUN(test_tsv);
    RUN(test_tabari);
    RUN(test_bad_spans);
    RUN(test_jsonl_round_trip);
    RUN(test_tsv_round_trip);
    RUN(test_many_events);
    RUN(test_write_error);
    return check_done();
}

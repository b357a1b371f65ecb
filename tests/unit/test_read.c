/* test_read.c — unit tests for the story readers: detection, each format, rejects, limits, real suites. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "read/read.h"

#define DATA "tests/data/read/"
#define SHARED "../shared/gold/"
#define MAX_ITEMS 600

/* One result of reader_next, kept so a test can look at the whole sequence. */
typedef struct {
    read_status st;
    story s;
    char why[256];
    char file[128];   /* s.file belongs to the reader: kept here, s.file points at it */
} item;

typedef struct {
    item it[MAX_ITEMS];
    int n, stories, rejects;
    input_format format;
} results;

static results res;   /* large: static rather than on the stack */

static read_options opts(input_format f, ymd date)
{
    read_options o = {0};
    o.format = f;
    o.default_date = date;
    return o;
}

static void drain_reader(reader *r)
{
    strbuf why;
    sb_init(&why);
    memset(&res, 0, sizeof res);
    res.format = reader_format(r);
    for (;;) {
        story s;
        read_status st = reader_next(r, &s, &why);
        if (st == READ_EOF || res.n == MAX_ITEMS) { story_free(&s); break; }
        item *it = &res.it[res.n++];
        it->st = st;
        it->s = s;   /* the item owns the story now */
        snprintf(it->file, sizeof it->file, "%s", s.file ? s.file : "");
        it->s.file = it->file;
        snprintf(it->why, sizeof it->why, "%s", why.s ? why.s : "");
        if (st == READ_STORY) res.stories++;
        else res.rejects++;
    }
    sb_free(&why);
}

static void free_results(void)
{
    for (int i = 0; i < res.n; i++) story_free(&res.it[i].s);
    res.n = 0;
}

/* Read a whole file; false when it cannot be opened. */
static bool drain_path(const char *path, read_options o)
{
    reader *r = reader_open(path, &o);
    if (!r) return false;
    drain_reader(r);
    reader_close(r);
    return true;
}

/* Read from a string through an unnamed temporary stream. */
static void drain_string(const char *data, size_t n, read_options o)
{
    FILE *f = tmpfile();
    if (!f) { perror("tmpfile"); exit(1); }
    fwrite(data, 1, n, f);
    rewind(f);
    reader *r = reader_open_file(f, "mem", &o);
    drain_reader(r);
    reader_close(r);
    fclose(f);
}

static void drain_str(const char *data, read_options o) { drain_string(data, strlen(data), o); }

static input_format detect_str(const char *data)
{
    drain_str(data, opts(INPUT_AUTO, 20240101));
    free_results();
    return res.format;
}

static bool contains(const char *hay, const char *needle) { return hay && needle && strstr(hay, needle); }

/* ---- names and detection ---- */

static void test_format_names(void)
{
    CHECK_INT(input_format_parse("auto"), INPUT_AUTO);
    CHECK_INT(input_format_parse("text"), INPUT_TEXT);
    CHECK_INT(input_format_parse("jsonl"), INPUT_JSONL);
    CHECK_INT(input_format_parse("tabari"), INPUT_TABARI);
    CHECK_INT(input_format_parse("petrarch"), INPUT_PETRARCH);
    CHECK_INT(input_format_parse("xml"), -1);
    CHECK_INT(input_format_parse(""), -1);
    CHECK_INT(input_format_parse(NULL), -1);
    CHECK_STR(input_format_name(INPUT_JSONL), "jsonl");
    CHECK_STR(input_format_name(INPUT_PETRARCH), "petrarch");
    for (int f = INPUT_AUTO; f <= INPUT_PETRARCH; f++)
        CHECK_INT(input_format_parse(input_format_name((input_format)f)), f);
}

static void test_detect(void)
{
    CHECK_INT(detect_str("{\"id\": \"a\", \"text\": \"x\"}\n"), INPUT_JSONL);
    CHECK_INT(detect_str("\n\n   \t{\"id\": 1}\n"), INPUT_JSONL);
    CHECK_INT(detect_str("\xEF\xBB\xBF{\"id\": 1}\n"), INPUT_JSONL);   /* byte-order mark */
    CHECK_INT(detect_str("<Sentences>\n"), INPUT_PETRARCH);
    CHECK_INT(detect_str("  <Sentence id=\"a\">"), INPUT_PETRARCH);
    CHECK_INT(detect_str("<Validation>\n<Sentences>"), INPUT_PETRARCH);
    CHECK_INT(detect_str("<?xml version=\"1.0\"?>\n<Sentences>"), INPUT_PETRARCH);
    CHECK_INT(detect_str("<!-- header -->\n<Sentences>"), INPUT_PETRARCH);
    CHECK_INT(detect_str("<html><body>Not a PETRARCH file.</body></html>"), INPUT_TEXT);
    CHECK_INT(detect_str("240105  WIRE-1\nTroops crossed the river.\n"), INPUT_TABARI);
    CHECK_INT(detect_str("\n# comment\n#another\n\n240105 WIRE-1\nText.\n"), INPUT_TABARI);
    CHECK_INT(detect_str("20240105 WIRE-1\nText.\n"), INPUT_TABARI);
    CHECK_INT(detect_str("950101*INTRO\nText.\n"), INPUT_TABARI);
    CHECK_INT(detect_str("12345678 people were displaced by the floods.\n"), INPUT_TEXT);
    CHECK_INT(detect_str("2401051 WIRE-1\nText.\n"), INPUT_TEXT);
    CHECK_INT(detect_str("240105\nText.\n"), INPUT_TEXT);
    CHECK_INT(detect_str("200000-strong crowds marched through the capital.\n"), INPUT_TEXT);
    CHECK_INT(detect_str("Troops crossed the river on Monday.\n"), INPUT_TEXT);
    CHECK_INT(detect_str("# only a comment\n"), INPUT_TEXT);
    CHECK_INT(detect_str(""), INPUT_TEXT);
    CHECK_INT(detect_str(" \n\t\n"), INPUT_TEXT);
    read_options o = opts(INPUT_JSONL, 0);   /* a forced format is not second-guessed */
    drain_str("Troops crossed the river.\n", o);
    CHECK_INT(res.format, INPUT_JSONL);
    CHECK_INT(res.rejects, 1);
    free_results();
}

/* ---- plain text ---- */

static void test_text(void)
{
    size_t n;
    char *want = read_file(DATA "story.txt", &n);
    CHECK(want != NULL);
    CHECK(drain_path(DATA "story.txt", opts(INPUT_AUTO, 20240305)));
    CHECK_INT(res.format, INPUT_TEXT);
    CHECK_INT(res.n, 1);
    story *s = &res.it[0].s;
    CHECK_INT(res.it[0].st, READ_STORY);
    CHECK_STR(s->id, "story.txt");
    CHECK_STR(s->file, DATA "story.txt");
    CHECK_INT(s->line, 1);
    CHECK_INT(s->date, 20240305);
    CHECK_STR(s->text, want);
    CHECK_INT(s->len, n);
    CHECK(!s->one_sentence);
    CHECK(s->note == NULL && s->title == NULL);
    free_results();
    free(want);

    read_options o = opts(INPUT_TEXT, 20240305);
    o.default_id = "desk-7";
    CHECK(drain_path(DATA "story.txt", o));
    CHECK_STR(res.it[0].s.id, "desk-7");
    free_results();
}

static void test_text_rejects(void)
{
    CHECK(drain_path(DATA "story.txt", opts(INPUT_AUTO, 0)));
    CHECK_INT(res.n, 1);
    CHECK_INT(res.it[0].st, READ_REJECT);
    CHECK_STR(res.it[0].why, "no date: give --date YYYY-MM-DD");
    CHECK_STR(res.it[0].s.id, "story.txt");
    CHECK_INT(res.it[0].s.line, 1);
    free_results();

    read_options o = opts(INPUT_TEXT, 20240101);
    o.max_story = 40;
    drain_str("A story of more than forty bytes is over this small limit.", o);
    CHECK_INT(res.n, 1);
    CHECK_INT(res.it[0].st, READ_REJECT);
    CHECK(contains(res.it[0].why, "limit of 40 bytes"));
    free_results();

    /* Invalid bytes are repaired and counted. */
    static const char bad[] = "Caf\xe9 talks\0ended.";
    drain_string(bad, sizeof bad - 1, opts(INPUT_TEXT, 20240101));
    CHECK_INT(res.it[0].st, READ_STORY);
    CHECK_STR(res.it[0].s.text, "Caf\xEF\xBF\xBD talks ended.");
    CHECK_INT(res.it[0].s.utf8_fixes, 2);
    free_results();
}

static void test_empty(void)
{
    for (int f = INPUT_AUTO; f <= INPUT_PETRARCH; f++) {
        CHECK(drain_path(DATA "empty.txt", opts((input_format)f, 20240101)));
        CHECK_INT(res.n, 0);
        free_results();
    }
    drain_str("\n  \n\n", opts(INPUT_AUTO, 20240101));   /* white space only: no story either */
    CHECK_INT(res.n, 0);
    free_results();
}

static void test_open_missing(void)
{
    read_options o = opts(INPUT_AUTO, 0);
    errno = 0;
    CHECK(reader_open(DATA "no-such-file.txt", &o) == NULL);
    CHECK_INT(errno, ENOENT);
    CHECK(reader_open_file(NULL, "x", &o) == NULL);

    /* A directory opens but cannot be read: one reject says so, then the end. */
    reader *r = reader_open(DATA, &o);
    CHECK(r != NULL);
    if (!r) return;
    story s;
    CHECK_INT(reader_next(r, &s, NULL), READ_REJECT);   /* `why` may be NULL */
    story_free(&s);
    CHECK_INT(reader_next(r, &s, NULL), READ_EOF);
    story_free(&s);
    reader_close(r);
}

/* ---- JSONL ---- */

static void check_reject(int i, long line, const char *why_part)
{
    CHECK_INT(res.it[i].st, READ_REJECT);
    CHECK_INT(res.it[i].s.line, line);
    if (!contains(res.it[i].why, why_part))
        printf("    item %d: why \"%s\" lacks \"%s\"\n", i, res.it[i].why, why_part);
    CHECK(contains(res.it[i].why, why_part));
}

static void check_story(int i, long line, const char *id, ymd date)
{
    CHECK_INT(res.it[i].st, READ_STORY);
    CHECK_INT(res.it[i].s.line, line);
    CHECK_STR(res.it[i].s.id, id);
    CHECK_INT(res.it[i].s.date, date);
}

static void test_jsonl(void)
{
    CHECK(drain_path(DATA "stories.jsonl", opts(INPUT_AUTO, 0)));
    CHECK_INT(res.format, INPUT_JSONL);
    CHECK_INT(res.n, 14);
    CHECK_INT(res.stories, 7);
    CHECK_INT(res.rejects, 7);
    check_story(0, 1, "wire-001", 20240305);
    story *s = &res.it[0].s;
    CHECK_STR(s->text, "The prime minister met the visiting trade delegation in the capital on Monday.");
    CHECK_STR(s->title, "Trade talks");
    CHECK_STR(s->source, "Example Wire");
    CHECK_STR(s->url, "https://example.org/1");
    CHECK_STR(s->file, DATA "stories.jsonl");
    CHECK(!s->one_sentence && s->note == NULL);
    check_story(1, 3, "1002", 20240306);   /* numeric id, YYYYMMDD date; line 2 is blank */
    CHECK(res.it[1].s.title == NULL);
    check_reject(2, 4, "not valid JSON");
    check_reject(3, 5, "no \"text\"");
    CHECK_STR(res.it[3].s.id, "wire-004");
    check_reject(4, 6, "bad \"date\" \"2024-13-45\"");
    CHECK_STR(res.it[4].s.id, "wire-005");
    check_reject(5, 7, "not a JSON object");
    check_reject(6, 8, "no \"id\"");
    check_story(7, 9, "wire-008", 20240308);   /* \u0000 inside the text */
    CHECK_STR(res.it[7].s.text, "The envoy  arrived in the port city late on Friday.");
    CHECK_INT(res.it[7].s.utf8_fixes, 1);
    CHECK_INT(res.it[7].s.len, strlen(res.it[7].s.text));
    check_story(8, 10, "wire-009", 20240309);  /* a raw Latin-1 byte */
    CHECK_STR(res.it[8].s.text, "Caf\xEF\xBF\xBD owners protested against the new tax.");
    CHECK_INT(res.it[8].s.utf8_fixes, 1);
    check_reject(9, 11, "no date");
    CHECK_STR(res.it[9].s.id, "wire-010");
    check_reject(10, 12, "empty \"text\"");
    check_story(11, 14, "wire-012", 20240312);  /* ISO date-time; line 13 is blank */
    check_story(12, 15, "wire-013", 20240313);  /* CRLF line */
    check_story(13, 16, "wire-014", 20240314);  /* no final newline */
    CHECK_STR(res.it[13].s.text, "The final line has no newline after it.");
    free_results();
}

static void test_jsonl_default_date(void)
{
    CHECK(drain_path(DATA "stories.jsonl", opts(INPUT_JSONL, 20240401)));
    CHECK_INT(res.stories, 8);
    check_story(9, 11, "wire-010", 20240401);
    check_story(0, 1, "wire-001", 20240305);   /* a story's own date wins */
    free_results();

    drain_str("{\"id\":\"a\",\"date\":null,\"text\":\"Talks resumed.\"}\n"
              "{\"id\":\"b\",\"date\":20240102,\"text\":\"Talks ended.\"}\n"
              "{\"id\":\"c\",\"date\":true,\"text\":\"Talks stalled.\"}\n"
              "{\"id\":\"\",\"date\":\"2024-01-02\",\"text\":\"Talks stalled.\"}\n"
              "{\"id\":[1],\"date\":\"2024-01-02\",\"text\":\"Talks stalled.\"}\n"
              "{\"id\":\"f\",\"date\":\"2024-01-02\",\"text\":7}\n"
              "{\"id\":\"g\",\"date\":\"2024-01-02\",\"text\":\"Talks.\"} trailing\n",
              opts(INPUT_AUTO, 20240301));
    CHECK_INT(res.n, 7);
    check_story(0, 1, "a", 20240301);
    check_story(1, 2, "b", 20240102);
    check_reject(2, 3, "bad \"date\"");
    check_reject(3, 4, "empty \"id\"");
    check_reject(4, 5, "\"id\" must be");
    check_reject(5, 6, "\"text\" is not a string");
    check_reject(6, 7, "not valid JSON");
    free_results();
}

static void test_jsonl_limits(void)
{
    read_options o = opts(INPUT_JSONL, 20240101);
    o.max_story = 20;
    drain_str("{\"id\":\"a\",\"text\":\"This text is longer than twenty bytes.\"}\n"
              "{\"id\":\"b\",\"text\":\"Short text.\"}\n", o);
    CHECK_INT(res.n, 2);
    check_reject(0, 1, "over the limit of 20");
    check_story(1, 2, "b", 20240101);
    free_results();

    /* A 50 MB line: over the line limit for the default 16 MiB story, dropped without being held. */
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f) return;
    fputs("{\"id\":\"huge\",\"date\":\"2024-01-01\",\"text\":\"", f);
    static char chunk[1 << 16];
    memset(chunk, 'a', sizeof chunk);
    for (int i = 0; i < 800; i++) fwrite(chunk, 1, sizeof chunk, f);
    fputs("\"}\n{\"id\":\"after\",\"date\":\"2024-01-02\",\"text\":\"The next story still arrives.\"}\n", f);
    rewind(f);
    read_options big = opts(INPUT_AUTO, 0);
    reader *r = reader_open_file(f, "big.jsonl", &big);
    drain_reader(r);
    reader_close(r);
    fclose(f);
    CHECK_INT(res.n, 2);
    check_reject(0, 1, "line is longer than");
    check_story(1, 2, "after", 20240102);
    CHECK_STR(res.it[1].s.file, "big.jsonl");
    free_results();
}

/* ---- TABARI ---- */

static void test_tabari(void)
{
    CHECK(drain_path(DATA "records.tabari", opts(INPUT_AUTO, 0)));
    CHECK_INT(res.format, INPUT_TABARI);
    CHECK_INT(res.n, 6);
    CHECK_INT(res.stories, 5);
    check_story(0, 3, "TAB-001", 20240105);
    story *s = &res.it[0].s;
    CHECK_STR(s->text, "Border guards detained six fishermen near the disputed island, the coast guard said on Friday.");
    CHECK_STR(s->note, " { AAA / BBB / 111 } ");
    CHECK(s->one_sentence);
    CHECK_INT(s->len, strlen(s->text));
    check_story(1, 8, "TAB-002", 20240106);   /* comment from mid-line over two lines */
    CHECK_STR(res.it[1].s.text, "The two ministers signed a water-sharing accord. Officials welcomed the deal.");
    CHECK_STR(res.it[1].s.note, " first comment\nstill in the comment ");
    check_reject(2, 14, "bad record header");
    CHECK_STR(res.it[2].s.id, "TAB-BAD");
    check_story(3, 18, "TAB-003", 20240107);   /* a comment left open ends with the record */
    CHECK_STR(res.it[3].s.text, "Protesters marched to the parliament building in the capital.");
    CHECK(contains(res.it[3].s.note, "an unclosed comment runs to the blank line"));
    check_story(4, 23, "TAB-004", 20240108);   /* YYYYMMDD header */
    CHECK(res.it[4].s.note == NULL);
    check_story(5, 26, "TAB-005", 20240109);   /* a Latin-1 byte */
    CHECK_STR(res.it[5].s.text, "Caf\xEF\xBF\xBD owners in the old town staged a one-day strike.");
    CHECK_INT(res.it[5].s.utf8_fixes, 1);
    free_results();
}

static void test_tabari_edges(void)
{
    /* CRLF lines, a header without text, a header without id, a glued id, text over the limit. */
    read_options o = opts(INPUT_TABARI, 0);
    o.max_story = 60;
    drain_str("240101 X-1 7\r\nTroops left the town.\r\n\r\n"
              "240102 X-2\n\n"
              "240103\nA record without an id.\n\n"
              "950101*INTRO\nAn introduction/* with a note */.\n\n"
              "240104 X-5\nThis record is far longer than the sixty bytes\nthat the options allow for one story.\n\n"
              "240105 X-6\nThe last record comes through.", o);
    CHECK_INT(res.n, 6);
    check_story(0, 1, "X-1", 20240101);
    CHECK_STR(res.it[0].s.text, "Troops left the town.");
    check_reject(1, 4, "record has no text");
    CHECK_STR(res.it[1].s.id, "X-2");
    check_reject(2, 6, "no id");
    check_story(3, 9, "INTRO", 19950101);
    CHECK_STR(res.it[3].s.text, "An introduction .");
    CHECK_STR(res.it[3].s.note, " with a note ");
    check_reject(4, 12, "limit of 60 bytes");
    check_story(5, 16, "X-6", 20240105);
    free_results();
}

/* ---- PETRARCH ---- */

static void test_petrarch(void)
{
    CHECK(drain_path(DATA "sentences.xml", opts(INPUT_AUTO, 0)));
    CHECK_INT(res.format, INPUT_PETRARCH);
    CHECK_INT(res.n, 7);
    CHECK_INT(res.stories, 3);
    check_story(0, 6, "PX-001", 20240201);
    story *s = &res.it[0].s;
    CHECK_STR(s->text, "Officials from AT&T and the ministry met on Monday \xE2\x80\x94 talks were \"useful\", "
                       "<sources> said A's aide.");
    CHECK(s->one_sentence);
    CHECK(contains(s->note, "<EventCoding sourcecode=\"AAA\" targetcode=\"BBB\" eventcode=\"042\">"));
    CHECK(contains(s->note, "<Parse>"));
    CHECK(!contains(s->note, "CCC"));        /* commented out: not expected */
    CHECK(!contains(s->note, "fake end"));
    check_story(1, 19, "PX-002", 20240202);   /* spaces around '=' */
    CHECK_STR(res.it[1].s.text, "Rescue teams searched the collapsed building overnight.");
    check_reject(2, 23, "no id");
    check_reject(3, 27, "no date");
    CHECK_STR(res.it[3].s.id, "PX-004");
    check_reject(4, 31, "bad date");
    check_reject(5, 35, "no <Text>");
    check_story(6, 39, "PX-007", 20240207);   /* unknown entity and bare & kept, &#0; repaired */
    CHECK_STR(res.it[6].s.text, "Navy ships &unknown; sailed R&D past the strait.");
    CHECK_INT(res.it[6].s.utf8_fixes, 1);
    free_results();

    CHECK(drain_path(DATA "sentences.xml", opts(INPUT_PETRARCH, 20240115)));
    CHECK_INT(res.stories, 4);
    check_story(3, 27, "PX-004", 20240115);
    free_results();
}

static void test_petrarch_broken(void)
{
    CHECK(drain_path(DATA "truncated.xml", opts(INPUT_AUTO, 0)));
    CHECK_INT(res.n, 2);
    check_story(0, 2, "TR-001", 20240301);
    check_reject(1, 5, "ends inside <Sentence>");
    CHECK_STR(res.it[1].s.id, "TR-002");
    free_results();

    read_options o = opts(INPUT_PETRARCH, 20240101);
    const char *cut[] = {"<Sentence id=\"a\" da", "<Sentence id=\"a\"><Text>x <!-- never closed",
                         "<Sentence id=\"a\"><Text><![CDATA[x", "<Sentence", "<Sentence id=\"a\"><Te"};
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        drain_str(cut[i], o);
        CHECK_INT(res.n, 1);
        check_reject(0, 1, "ends inside <Sentence>");
        free_results();
    }

    /* A record left open, an empty element, junk and CDATA: each record still accounted for. */
    drain_str("junk < & > <Sentence id=\"A-1\"><Text>Left open.</Text>\n"
              "<Sentence id=\"A-2\"/>\n"
              "<Sentence id=\"A-3\"><Text>Two <![CDATA[a&b <c>]]> parts &amp; more.</Text></Sentence>\n"
              "<Sentence id=\"A-4\"><Text>First.</Text><Text>Second.</Text></Sentence>", o);
    CHECK_INT(res.n, 4);
    check_reject(0, 1, "not closed");
    CHECK_STR(res.it[0].s.id, "A-1");
    check_reject(1, 2, "no <Text>");
    check_story(2, 3, "A-3", 20240101);
    CHECK_STR(res.it[2].s.text, "Two a&b <c> parts & more.");
    check_story(3, 4, "A-4", 20240101);
    CHECK_STR(res.it[3].s.text, "First. Second.");
    free_results();

    o.max_story = 30;
    drain_str("<Sentences><Sentence id=\"L-1\" date=\"20240102\"><Text>This sentence is longer than thirty "
              "bytes.</Text></Sentence><Sentence id=\"L-2\" date=\"20240103\"><Text>Short.</Text></Sentence>", o);
    CHECK_INT(res.n, 2);
    check_reject(0, 1, "limit of 30 bytes");
    check_story(1, 1, "L-2", 20240103);
    free_results();
}

/* ---- stdin and pipes ---- */

static void test_pipe(void)
{
    /* A pipe cannot seek: detection must keep what it peeked. */
    FILE *p = popen("cat " DATA "stories.jsonl", "r");
    CHECK(p != NULL);
    if (!p) return;
    read_options o = opts(INPUT_AUTO, 0);
    reader *r = reader_open_file(p, NULL, &o);
    drain_reader(r);
    reader_close(r);
    pclose(p);
    CHECK_INT(res.format, INPUT_JSONL);
    CHECK_INT(res.stories, 7);
    check_story(0, 1, "wire-001", 20240305);
    CHECK_STR(res.it[0].s.file, "-");
    check_story(13, 16, "wire-014", 20240314);
    free_results();

    p = popen("cat " DATA "records.tabari", "r");
    CHECK(p != NULL);
    if (!p) return;
    r = reader_open_file(p, "-", &o);
    drain_reader(r);
    reader_close(r);
    pclose(p);
    CHECK_INT(res.format, INPUT_TABARI);
    CHECK_INT(res.stories, 5);
    free_results();
}

static void test_stdin(void)
{
    if (!freopen(DATA "story.txt", "r", stdin)) { CHECK(!"freopen"); return; }
    read_options o = opts(INPUT_AUTO, 20240110);
    reader *r = reader_open("-", &o);
    CHECK(r != NULL);
    drain_reader(r);
    reader_close(r);
    CHECK_INT(res.n, 1);
    CHECK_STR(res.it[0].s.id, "stdin");
    CHECK_STR(res.it[0].s.file, "-");
    CHECK(contains(res.it[0].s.text, "foreign ministry spokesman"));
    free_results();
}

/* ---- robustness ---- */

static void test_junk(void)
{
    /* Pseudo-random bytes biased towards markup: every format must terminate cleanly. */
    static const char alphabet[] = "<>/!-[]{}\"'=&#;*\n\n  SentenceTxd0123456789\xe9\xff";
    char buf[2048];
    unsigned x = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(round * 7 % (int)sizeof buf);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        for (int f = INPUT_AUTO; f <= INPUT_PETRARCH; f++) {
            drain_string(buf, n, opts((input_format)f, 20240101));
            for (int i = 0; i < res.n; i++)
                if (res.it[i].st == READ_STORY) CHECK(res.it[i].s.text && strlen(res.it[i].s.text) == res.it[i].s.len);
            free_results();
        }
    }
    CHECK(1);
}

/* ---- the shared suites (skipped when ../shared is absent) ---- */

static int count_header_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) {   /* ^\d{6}\s+\S */
        int d = 0;
        while (d < 6 && line[d] >= '0' && line[d] <= '9') d++;
        int i = d;
        while (line[i] == ' ' || line[i] == '\t') i++;
        if (d == 6 && i > 6 && line[i] && line[i] != '\n' && line[i] != '\r') n++;
    }
    fclose(f);
    return n;
}

static void test_shared_validate(void)
{
    const char *path = SHARED "tabari-validate/Validate.text";
    if (access(path, R_OK) != 0) { printf("skip: %s absent\n", path); return; }
    /* 475 six-digit headers, 4 more in YYYYMMDD form, and 2 malformed dates (9501201, 186010029). */
    CHECK_INT(count_header_lines(path), 475);
    CHECK(drain_path(path, opts(INPUT_AUTO, 0)));
    CHECK_INT(res.format, INPUT_TABARI);
    CHECK_INT(res.stories, 479);
    CHECK_INT(res.rejects, 2);
    int demo = -1;
    for (int i = 0; i < res.n; i++)
        if (res.it[i].s.id && strcmp(res.it[i].s.id, "DEMO-01") == 0) demo = i;
    CHECK(demo >= 0);
    if (demo >= 0) {
        CHECK(contains(res.it[demo].s.note, "{ ARN / GON / 064 }"));
        CHECK(!contains(res.it[demo].s.text, "/*"));
        CHECK_INT(res.it[demo].s.date, 19950101);
    }
    check_story(0, 13, "START-00", 20000101);
    CHECK_STR(res.it[res.n - 1].s.id, "00589742");
    free_results();

    const char *demo_text = SHARED "tabari-validate/TABARI.Demo.text";
    if (access(demo_text, R_OK) == 0) {
        CHECK(drain_path(demo_text, opts(INPUT_AUTO, 0)));
        CHECK_INT(res.format, INPUT_TABARI);
        CHECK_INT(res.stories, 46);
        CHECK_INT(res.rejects, 0);
        free_results();
    }
}

static void test_shared_petrarch(void)
{
    const char *path = SHARED "petr-unittest/PETR.UnitTest.records.xml";
    if (access(path, R_OK) != 0) { printf("skip: %s absent\n", path); return; }
    CHECK(drain_path(path, opts(INPUT_AUTO, 0)));   /* grep -c '<Sentence ' gives 284 */
    CHECK_INT(res.format, INPUT_PETRARCH);
    CHECK_INT(res.stories, 284);
    CHECK_INT(res.rejects, 0);
    CHECK_STR(res.it[0].s.id, "DEMO-00");
    CHECK_STR(res.it[0].s.text, "Arnor is about to restore full diplomatic ties with Gondor almost five years "
                                "after crowds trashed its embassy.");
    CHECK(contains(res.it[0].s.note, "eventcode=\"064\""));
    CHECK_STR(res.it[res.n - 1].s.id, "FINAL-RECORD");
    int codings = 0;
    for (int i = 0; i < res.n; i++)
        for (const char *p = res.it[i].s.note; p && (p = strstr(p, "<EventCoding")); p++) codings++;
    CHECK_INT(codings, 385);   /* grep -c '<EventCoding' gives 385; the one in a comment (<!--EventCoding) is out */
    free_results();
}

int main(void)
{
    RUN(test_format_names);
    RUN(test_detect);
    RUN(test_text);
    RUN(test_text_rejects);
    RUN(test_empty);
    RUN(test_open_missing);
    RUN(test_jsonl);
    RUN(test_jsonl_default_date);
    RUN(test_jsonl_limits);
    RUN(test_tabari);
    RUN(test_tabari_edges);
    RUN(test_petrarch);
    RUN(test_petrarch_broken);
    RUN(test_pipe);
    RUN(test_stdin);
    RUN(test_junk);
    RUN(test_shared_validate);
    RUN(test_shared_petrarch);
    return check_done();
}

/* test_text.c — unit tests for UTF-8 repair, sentence splitting and tokenisation. */
#include "base/util.h"
#include "text/text.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------- helpers ---------- */

/* The sentences of `text` joined with "|" (static buffer, valid until the next call). */
static const char *split_str(const char *text)
{
    static strbuf b;
    span *v;
    size_t n = split_sentences(text, strlen(text), &v);
    sb_clear(&b);
    sb_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i) sb_addc(&b, '|');
        sb_add(&b, text + v[i].start, v[i].end - v[i].start);
    }
    free(v);
    return b.s;
}

static size_t count_sentences(const char *text, size_t len)
{
    span *v;
    size_t n = split_sentences(text, len, &v);
    free(v);
    return n;
}

/* Normalised forms of all tokens of `text`, joined with spaces (static buffer). */
static token_list toks;
static const char *norms(const char *text)
{
    static strbuf b;
    tokenize(text, (span){0, (uint32_t)strlen(text)}, &toks);
    sb_clear(&b);
    sb_add(&b, "", 0);
    for (size_t i = 0; i < toks.n; i++) {
        if (i) sb_addc(&b, ' ');
        sb_adds(&b, tok_norm(&toks, i));
    }
    return b.s;
}

/* Checks one token of the last norms() call: its norm, kind, flags and byte span. */
#define CHECK_TOK(i, norm, kind_, flags_, start_, end_)       \
    do {                                                      \
        CHECK((i) < toks.n);                                  \
        if ((i) < toks.n) {                                   \
            CHECK_STR(tok_norm(&toks, i), norm);              \
            CHECK_INT(toks.t[i].norm_len, strlen(norm));      \
            CHECK_INT(toks.t[i].kind, kind_);                 \
            CHECK_INT(toks.t[i].flags, flags_);               \
            CHECK_INT(toks.t[i].start, start_);               \
            CHECK_INT(toks.t[i].end, end_);                   \
        }                                                     \
    } while (0)

static double seconds_since(clock_t t0) { return (double)(clock() - t0) / CLOCKS_PER_SEC; }

/* The time budget for the pathological inputs; sanitizers make everything slower. */
static double budget(void) { return getenv("SANITIZED") ? 10.0 : 2.0; }

/* ---------- UTF-8 ---------- */

static void test_utf8_valid(void)
{
    CHECK_INT(utf8_first_invalid("plain ascii", 11), 11);
    CHECK_INT(utf8_first_invalid("", 0), 0);
    const char *s = "Mevl\xC3\xBCt \xC3\x87" "avu\xC5\x9Fo\xC4\x9Flu \xE2\x82\xAC \xF0\x9D\x84\x9E";
    CHECK_INT(utf8_first_invalid(s, strlen(s)), strlen(s));
    CHECK_INT(utf8_first_invalid("\xF4\x8F\xBF\xBF", 4), 4);   /* U+10FFFF is the last valid */
    CHECK_INT(utf8_first_invalid("\xED\x9F\xBF", 3), 3);       /* U+D7FF, just below the surrogates */
    CHECK_INT(utf8_first_invalid("\xE0\xA0\x80", 3), 3);       /* U+0800, the smallest 3-byte form */
    CHECK_INT(utf8_first_invalid("tab\tnl\ncr\r", 10), 10);    /* controls are valid UTF-8 */
}

static void test_utf8_invalid(void)
{
    CHECK_INT(utf8_first_invalid("abc\0def", 7), 3);                /* NUL */
    CHECK_INT(utf8_first_invalid("ab\xC0\x80", 4), 2);              /* overlong NUL */
    CHECK_INT(utf8_first_invalid("ab\xC1\xBF", 4), 2);              /* overlong 2-byte */
    CHECK_INT(utf8_first_invalid("a\xE0\x80\x80", 4), 1);           /* overlong 3-byte */
    CHECK_INT(utf8_first_invalid("a\xF0\x80\x80\x80", 5), 1);       /* overlong 4-byte */
    CHECK_INT(utf8_first_invalid("xy\xED\xA0\x80", 5), 2);          /* high surrogate */
    CHECK_INT(utf8_first_invalid("xy\xED\xBF\xBF", 5), 2);          /* low surrogate */
    CHECK_INT(utf8_first_invalid("\xF4\x90\x80\x80", 4), 0);        /* U+110000 */
    CHECK_INT(utf8_first_invalid("\xF5\x80\x80\x80", 4), 0);        /* lead byte F5 */
    CHECK_INT(utf8_first_invalid("\xFF", 1), 0);
    CHECK_INT(utf8_first_invalid("ok\x80", 3), 2);                  /* lone continuation */
    CHECK_INT(utf8_first_invalid("ab\xE2\x82", 4), 2);              /* truncated at the end */
    CHECK_INT(utf8_first_invalid("ab\xE2\x82z", 5), 2);             /* truncated in the middle */
    CHECK_INT(utf8_first_invalid("\xC3\xBC\xF0\x9F\x98", 5), 2);    /* valid, then truncated */
}

/* Repairs `in` (n bytes) and checks the result and the number of fixes. */
static void check_repair(const char *in, size_t n, const char *want, size_t want_fixes)
{
    size_t len = 99, fixes = 99;
    char *r = utf8_repair(in, n, &len, &fixes);
    CHECK_INT(len, strlen(want));
    CHECK(memcmp(r, want, strlen(want) + 1) == 0);
    CHECK_INT(fixes, want_fixes);
    CHECK_INT(utf8_first_invalid(r, len), len);
    free(r);
}

static void test_utf8_repair(void)
{
    check_repair("", 0, "", 0);
    check_repair("clean text \xC3\xBC", 13, "clean text \xC3\xBC", 0);
    check_repair("a\xE2\x82" "b", 4, "a\xEF\xBF\xBD" "b", 1);            /* one U+FFFD per broken sequence */
    check_repair("a\0b\x01" "c\td\r\n\x1F", 10, "a b c\td\r\n ", 3);     /* NUL and controls become spaces */
    check_repair("\xC0\x80", 2, "\xEF\xBF\xBD\xEF\xBF\xBD", 2);            /* overlong: each byte */
    check_repair("\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3);
    check_repair("x\xF0\x9F\x98", 4, "x\xEF\xBF\xBD", 1);                   /* truncated emoji */
    check_repair("\xF4\x90\x80\x80", 4, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4);
    check_repair("\x7F ok", 4, "\x7F ok", 0);                                /* DEL is left alone */
    size_t fixes = 0;
    char *r = utf8_repair("\xFF", 1, NULL, NULL);                            /* NULL outputs allowed */
    CHECK_STR(r, "\xEF\xBF\xBD");
    free(r);
    /* Random bytes always come out valid, with no controls but tab/newline/CR. */
    size_t n = 1 << 16, len;
    char *junk = xmalloc(n);
    srand(7);
    for (size_t i = 0; i < n; i++) junk[i] = (char)(rand() & 0xFF);
    r = utf8_repair(junk, n, &len, &fixes);
    CHECK_INT(utf8_first_invalid(r, len), len);
    CHECK(fixes > 1000);
    size_t bad = 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)r[i] < 0x20 && !strchr("\t\n\r", r[i])) bad++;
    CHECK_INT(bad, 0);
    free(r);
    free(junk);
}

/* ---------- sentences ---------- */

static void test_split_basic(void)
{
    CHECK_STR(split_str("The talks ended. Officials left."), "The talks ended.|Officials left.");
    CHECK_STR(split_str("Why did they go? Nobody knows! Really."), "Why did they go?|Nobody knows!|Really.");
    CHECK_STR(split_str("\"Why?\" he asked. Nobody answered."), "\"Why?\" he asked.|Nobody answered.");
    CHECK_STR(split_str("He died in 1990. 12 people attended."), "He died in 1990.|12 people attended.");
    CHECK_STR(split_str("He said no. The talks failed."), "He said no.|The talks failed.");
    CHECK_STR(split_str("No stop at the end"), "No stop at the end");
    CHECK_STR(split_str("He left.They stayed."), "He left.They stayed.");   /* no space: not a stop */
    CHECK_STR(split_str("Visit example.com today. Bye."), "Visit example.com today.|Bye.");
    CHECK_STR(split_str("He left.\xC2\xA0They stayed."), "He left.|They stayed.");   /* NBSP */
}

/* The splitter's word lists through its lookup (a bit filter, then the table) against a plain walk: every
   list word, each with a letter added or its last letter dropped, and every word of up to three letters
   (with '.' among them: "e.g", "u.s"). A bit the filter lacks fails here. */
static void test_split_word_lists(void)
{
    size_t bad = 0, asked = 0;
    char w[40];
    for (int list = 0; list < 3; list++) {
        const char *x;
        for (size_t i = 0; (x = sentence_list_word(list, i)); i++) {
            size_t n = strlen(x);
            snprintf(w, sizeof w, "%s", x);
            bad += sentence_list_find(list, w) != sentence_list_find_walk(list, w), asked++;
            bad += sentence_list_find(list, w) < 0;   /* a list word is found */
            w[n - 1] = 0;
            bad += sentence_list_find(list, w) != sentence_list_find_walk(list, w), asked++;
            snprintf(w, sizeof w, "%ss", x);
            bad += sentence_list_find(list, w) != sentence_list_find_walk(list, w), asked++;
        }
        static const char letters[] = "abcdefghijklmnopqrstuvwxyz.";
        size_t nl = sizeof letters - 1;
        for (size_t a = 0; a < nl; a++)
            for (size_t b = 0; b <= nl; b++)
                for (size_t c = 0; c <= nl; c++) {
                    if (b == nl && c < nl) continue;   /* each shorter word once */
                    w[0] = letters[a], w[1] = b < nl ? letters[b] : 0, w[2] = c < nl ? letters[c] : 0, w[3] = 0;
                    bad += sentence_list_find(list, w) != sentence_list_find_walk(list, w), asked++;
                }
    }
    CHECK(asked > 50000);
    CHECK_INT((long)bad, 0);
}

static void test_split_empty(void)
{
    span *v = NULL;
    CHECK_INT(split_sentences("", 0, &v), 0);
    CHECK(v != NULL);
    free(v);
    CHECK_INT(count_sentences("   \n\n \t \r\n ", 11), 0);
    CHECK_INT(count_sentences("a\0b", 3), 1);   /* NUL is just a byte here */
    CHECK_STR(split_str(" . "), ".");
    size_t n = split_sentences("  Hello there.  \n", 17, &v);
    CHECK_INT(n, 1);
    CHECK_INT(v[0].start, 2);
    CHECK_INT(v[0].end, 14);
    free(v);
}

static void test_split_titles(void)
{
    CHECK_STR(split_str("Mr. Smith met Mrs. Jones and Dr. Who. They talked."),
              "Mr. Smith met Mrs. Jones and Dr. Who.|They talked.");
    CHECK_STR(split_str("Lt. Col. John Smith met Gen. Tommy Franks and Adm. Mullen. Sgt. Pepper and Capt. Kirk stayed."),
              "Lt. Col. John Smith met Gen. Tommy Franks and Adm. Mullen.|Sgt. Pepper and Capt. Kirk stayed.");
    CHECK_STR(split_str("Gov. Brown and Sen. Smith met Rep. Jones and Rev. Jackson. They agreed."),
              "Gov. Brown and Sen. Smith met Rep. Jones and Rev. Jackson.|They agreed.");
    CHECK_STR(split_str("(Gen. Smith spoke.) Then he left."), "(Gen. Smith spoke.)|Then he left.");
    CHECK_STR(split_str("Sens. Alan Cranston and Pete Wilson met Reps. Smith and Jones."),
              "Sens. Alan Cranston and Pete Wilson met Reps. Smith and Jones.");
}

static void test_split_companies(void)
{
    CHECK_STR(split_str("He works for Acme Co. in Ohio."), "He works for Acme Co. in Ohio.");
    CHECK_STR(split_str("Acme Corp. Chairman John Smith resigned."), "Acme Corp. Chairman John Smith resigned.");
    CHECK_STR(split_str("He sued Acme Inc. The firm denied it."), "He sued Acme Inc.|The firm denied it.");
    CHECK_STR(split_str("Acme Ltd. Shares fell."), "Acme Ltd. Shares fell.");   /* a name would follow */
    CHECK_STR(split_str("Martin Luther King Jr. was born in Atlanta. He met John Smith Sr. He left."),
              "Martin Luther King Jr. was born in Atlanta.|He met John Smith Sr.|He left.");
}

static void test_split_places(void)
{
    CHECK_STR(split_str("He was born in Chester, Pa. The town grew. He fell ill. Doctors came."),
              "He was born in Chester, Pa.|The town grew.|He fell ill.|Doctors came.");
    CHECK_STR(split_str("A plant in Dixon, Ill. Workers said no. Rochester, N.Y. It closed."),
              "A plant in Dixon, Ill. Workers said no.|Rochester, N.Y.|It closed.");
    CHECK_STR(split_str("They went to St. Louis and Mt. Everest via Ft. Worth. They returned."),
              "They went to St. Louis and Mt. Everest via Ft. Worth.|They returned.");
}

static void test_split_misc_abbrev(void)
{
    CHECK_STR(split_str("He is No. 1 in the world. No. Nobody else."), "He is No. 1 in the world.|No.|Nobody else.");
    CHECK_STR(split_str("Smith vs. Jones ended in a draw."), "Smith vs. Jones ended in a draw.");
    CHECK_STR(split_str("They brought food, water, etc. and left."), "They brought food, water, etc. and left.");
    CHECK_STR(split_str("They brought food, water, etc. The convoy left."),
              "They brought food, water, etc.|The convoy left.");
    CHECK_STR(split_str("Some states, e.g. Gondor, agreed, i.e. Most did."),
              "Some states, e.g. Gondor, agreed, i.e. Most did.");
}

static void test_split_times_months(void)
{
    CHECK_STR(split_str("The attack began at 10 a.m. Monday and ended at 5 p.m. The army withdrew."),
              "The attack began at 10 a.m. Monday and ended at 5 p.m.|The army withdrew.");
    CHECK_STR(split_str("On Sept. 11 the towers fell. On Jan. 5, Feb. 3, Aug. 9, Sep. 4, Oct. 1, Nov. 2 and Dec. 7 it rained."),
              "On Sept. 11 the towers fell.|On Jan. 5, Feb. 3, Aug. 9, Sep. 4, Oct. 1, Nov. 2 and Dec. 7 it rained.");
    CHECK_STR(split_str("It happened in Jan. The year was bad."), "It happened in Jan.|The year was bad.");
}

static void test_split_countries(void)
{
    CHECK_STR(split_str("The minister arrived in the U.S. The talks began."),
              "The minister arrived in the U.S.|The talks began.");
    CHECK_STR(split_str("He visited the U.S. Embassy in Baghdad."), "He visited the U.S. Embassy in Baghdad.");
    CHECK_STR(split_str("The U.N. Security Council met. The U.K. and E.U. disagreed."),
              "The U.N. Security Council met.|The U.K. and E.U. disagreed.");
    CHECK_STR(split_str("They met at the U.N. In a statement, they agreed."),
              "They met at the U.N.|In a statement, they agreed.");
    CHECK_STR(split_str("He flew to the U.K. \"We agreed,\" he said."), "He flew to the U.K.|\"We agreed,\" he said.");
    CHECK_STR(split_str("They arrived in the U.S."), "They arrived in the U.S.");
    CHECK_STR(split_str("He left the E.U. I-95 was closed."), "He left the E.U. I-95 was closed.");
}

static void test_split_initials(void)
{
    CHECK_STR(split_str("George W. Bush met J.R.R. Tolkien fans. They cheered."),
              "George W. Bush met J.R.R. Tolkien fans.|They cheered.");
    CHECK_STR(split_str("President John F. Kennedy was shot."), "President John F. Kennedy was shot.");
    CHECK_STR(split_str("They took vitamin C. It worked."), "They took vitamin C.|It worked.");
    CHECK_STR(split_str("They chose plan b. Then it failed."), "They chose plan b.|Then it failed.");
}

static void test_split_numbers(void)
{
    CHECK_STR(split_str("The economy grew 11.8 percent. Exports rose $1.5 billion. Imports fell."),
              "The economy grew 11.8 percent.|Exports rose $1.5 billion.|Imports fell.");
    CHECK_STR(split_str("About 50,000.5 tonnes arrived."), "About 50,000.5 tonnes arrived.");
}

static void test_split_ellipsis(void)
{
    CHECK_STR(split_str("He said... nothing more."), "He said... nothing more.");
    CHECK_STR(split_str("He waited... Then he left."), "He waited...|Then he left.");
    CHECK_STR(split_str("He paused \xE2\x80\xA6 and went on."), "He paused \xE2\x80\xA6 and went on.");
    CHECK_STR(split_str("He stopped\xE2\x80\xA6 The crowd cheered."), "He stopped\xE2\x80\xA6|The crowd cheered.");
    CHECK_STR(split_str("He said . . . nothing. Fine."), "He said . . . nothing.|Fine.");
}

static void test_split_quotes(void)
{
    CHECK_STR(split_str("He said \"no.\" Then he left."), "He said \"no.\"|Then he left.");
    CHECK_STR(split_str("He said \xE2\x80\x9Cno.\xE2\x80\x9D Then he left."),
              "He said \xE2\x80\x9Cno.\xE2\x80\x9D|Then he left.");
    CHECK_STR(split_str("(He left.) They stayed."), "(He left.)|They stayed.");
    CHECK_STR(split_str("He said, \"I quote 'no.'\" Then he left."), "He said, \"I quote 'no.'\"|Then he left.");
    CHECK_STR(split_str("He left. \"We will return,\" he said."), "He left.|\"We will return,\" he said.");
    CHECK_STR(split_str("\"We won!\" the crowd shouted."), "\"We won!\" the crowd shouted.");
}

static void test_split_paragraphs(void)
{
    CHECK_STR(split_str("Headline without stop\n\nBody text here."), "Headline without stop|Body text here.");
    CHECK_STR(split_str("Line one\nline two."), "Line one\nline two.");
    CHECK_STR(split_str("A\n  \t\nB"), "A|B");
    CHECK_STR(split_str("Title\r\n\r\nBody."), "Title|Body.");
    CHECK_STR(split_str("Talks with the U.S.\n\nThe next day"), "Talks with the U.S.|The next day");
    CHECK_STR(split_str("He met Mr.\n\nSmith"), "He met Mr.|Smith");   /* a blank line always ends */
}

/* Every span is within the cap, non-empty, in order and not overlapping; with valid
   UTF-8 input, no cut falls inside a character. */
static void check_spans(const char *text, size_t len, const span *v, size_t n)
{
    size_t bad = 0;
    bool valid = utf8_first_invalid(text, len) == len;
    for (size_t i = 0; i < n; i++) {
        if (v[i].end <= v[i].start || v[i].end - v[i].start > 2000 || v[i].end > len) bad++;
        if (i && v[i].start < v[i - 1].end) bad++;
        if (valid && utf8_first_invalid(text + v[i].start, v[i].end - v[i].start) != v[i].end - v[i].start) bad++;
    }
    CHECK_INT(bad, 0);
}

static void test_split_long_run(void)
{
    /* 5,000 bytes of words with no stop: cut at white space, never inside a word. */
    strbuf b;
    sb_init(&b);
    for (int i = 0; i < 1000; i++) sb_adds(&b, "word ");
    span *v;
    size_t n = split_sentences(b.s, b.len, &v);
    CHECK_INT(n, 3);
    check_spans(b.s, b.len, v, n);
    size_t cut_words = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(b.s + v[i].start, "word", 4) || strncmp(b.s + v[i].end - 4, "word", 4)) cut_words++;
    CHECK_INT(cut_words, 0);
    CHECK_INT(v[n - 1].end, b.len - 1);
    free(v);
    /* One 5,000-byte word: hard cuts. Two-byte characters: cuts on character boundaries. */
    sb_clear(&b);
    for (int i = 0; i < 5000; i++) sb_addc(&b, 'x');
    n = split_sentences(b.s, b.len, &v);
    CHECK_INT(n, 3);
    CHECK_INT(v[0].end - v[0].start, 2000);
    CHECK_INT(v[2].end, 5000);
    free(v);
    sb_clear(&b);
    sb_addc(&b, 'x');
    for (int i = 0; i < 2500; i++) sb_adds(&b, "\xC3\xA9");
    n = split_sentences(b.s, b.len, &v);
    CHECK_INT(n, 3);
    check_spans(b.s, b.len, v, n);
    free(v);
    sb_free(&b);
}

/* A sentence that reaches the limit is cut at the last white space the scan stepped on, whatever its kind
   (tab, NBSP, U+3000); a space that ends a malformed E2 80 x sequence was stepped over with its E2, so the
   cut is at the E2 (the splitter finds the cut looking backwards: it must skip that space). */
static void test_split_cut_points(void)
{
    static const struct { const char *space; size_t len, second; } cases[] = {
        {"\t", 1, 1991}, {"\xC2\xA0", 2, 1992}, {"\xE3\x80\x80", 3, 1993}, {"\xE2\x80 ", 3, 1993},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        strbuf b;
        sb_init(&b);
        for (int i = 0; i < 1990; i++) sb_addc(&b, 'x');
        sb_add(&b, cases[k].space, cases[k].len);
        for (int i = 0; i < 100; i++) sb_addc(&b, 'y');
        span *v;
        size_t n = split_sentences(b.s, b.len, &v);
        CHECK_INT(n, 2);
        if (n == 2) {
            CHECK_INT(v[0].end, 1990);
            CHECK_INT(v[1].start, cases[k].second);
        }
        free(v);
        sb_free(&b);
    }
}

/* 8 MB of pathological text: each case must finish well within the budget. */
static void time_split(const char *what, const char *text, size_t len, size_t want_min)
{
    clock_t t0 = clock();
    span *v;
    size_t n = split_sentences(text, len, &v);
    double secs = seconds_since(t0);
    if (secs >= budget()) printf("slow: %s took %.2f s\n", what, secs);
    CHECK(secs < budget());
    CHECK(n >= want_min);
    check_spans(text, len, v, n);
    free(v);
}

static void test_split_linear(void)
{
    size_t big = 8u << 20;
    char *s = xmalloc(big);
    memset(s, 'a', big);
    time_split("one word", s, big, big / 2000);
    for (size_t i = 0; i < big; i += 2) s[i] = 'a', s[i + 1] = ' ';
    time_split("a a a", s, big, big / 2000);
    memset(s, '"', 500000);
    time_split("quotes", s, 500000, 250);
    memset(s, '.', 500000);
    time_split("dots", s, 500000, 1);
    for (size_t i = 0; i + 1 < big; i += 2) s[i] = '.', s[i + 1] = ' ';
    time_split(". . .", s, big, 1);
    for (size_t i = 0; i < big; i++) s[i] = (i % 4000 < 1000) ? '\n' : '.';
    time_split("newlines", s, big, 1);
    srand(11);
    for (size_t i = 0; i < big; i++) s[i] = (char)(rand() & 0xFF);
    time_split("random bytes", s, big, big / 2000);
    free(s);
}

/* ---------- tokens ---------- */

static void test_tok_possessive(void)
{
    CHECK_STR(norms("Dagolath's first Deputy Prime Minister Telemar left for Ithilen."),
              "DAGOLATH FIRST DEPUTY PRIME MINISTER TELEMAR LEFT FOR ITHILEN .");
    CHECK_TOK(0, "DAGOLATH", TOK_WORD, TF_CAP | TF_POSS | TF_FIRST, 0, 10);
    CHECK_TOK(1, "FIRST", TOK_WORD, 0, 11, 16);
    CHECK_TOK(9, ".", TOK_PUNCT, 0, 63, 64);
    CHECK_STR(norms("Journalists' union"), "JOURNALISTS UNION");
    CHECK_TOK(0, "JOURNALISTS", TOK_WORD, TF_CAP | TF_POSS | TF_FIRST, 0, 12);
    CHECK_STR(norms("Gondor\xE2\x80\x99s army"), "GONDOR ARMY");   /* curly apostrophe */
    CHECK_TOK(0, "GONDOR", TOK_WORD, TF_CAP | TF_POSS | TF_FIRST, 0, 10);
    CHECK_STR(norms("the U.S.'s role"), "THE U.S. ROLE");
    CHECK_TOK(1, "U.S.", TOK_WORD, TF_CAP | TF_ALLCAPS | TF_POSS, 4, 10);
    CHECK_STR(norms("the 'experts' said"), "THE ' EXPERTS ' SAID");
    CHECK_INT(toks.t[2].flags, 0);
}

static void test_tok_contractions(void)
{
    CHECK_STR(norms("it's he's That's isn't didn't O'Neill"), "IT'S HE'S THAT'S ISN'T DIDN'T O'NEILL");
    CHECK_TOK(0, "IT'S", TOK_WORD, TF_FIRST, 0, 4);
    CHECK_TOK(2, "THAT'S", TOK_WORD, TF_CAP, 10, 16);
    CHECK_STR(norms("it\xE2\x80\x99s"), "IT'S");
    /* every contraction word in three cases, both ways: 's stays in the word; one letter more, one less, the
       last one the next letter or a digit, and it is a possessive */
    static const char *const words[] = {"it", "he", "she", "that", "what", "who", "there", "here",
                                        "where", "let", "how", "when", "why", "this"};
    size_t bad = 0, checked = 0;
    for (int fast = 0; fast < 2; fast++) {
        tokenize_plain_words(fast);
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            for (int v = 0; v < 7; v++) {
                char w[16], text[32];
                size_t n = strlen(words[k]);
                memcpy(w, words[k], n + 1);
                if (v == 1) for (size_t j = 0; j < n; j++) w[j] = (char)(w[j] - 32);
                if (v == 2) w[0] = (char)(w[0] - 32);
                if (v == 3) w[n] = 'x', w[n + 1] = 0;
                if (v == 4) w[n - 1] = 0;
                if (v == 5) w[n - 1] = (char)(w[n - 1] == 'z' ? 'y' : w[n - 1] + 1);
                if (v == 6) w[n - 1] = '7';
                snprintf(text, sizeof text, "%s's said", w);
                norms(text);
                bool contraction = v <= 2;
                bad += toks.n < 2 || ((toks.t[0].flags & TF_POSS) != 0) == contraction;
                checked++;
            }
    }
    tokenize_plain_words(true);
    CHECK_INT(bad, 0);
    CHECK_INT(checked, 196);
}

static void test_tok_hyphens(void)
{
    CHECK_STR(norms("the war-torn nation freed Barad-dur"), "THE WAR-TORN NATION FREED BARAD-DUR");
    CHECK_TOK(1, "WAR-TORN", TOK_WORD, TF_HYPHEN, 4, 12);
    CHECK_STR(norms("an anti- Gondor parade"), "AN ANTI- GONDOR PARADE");
    CHECK_TOK(1, "ANTI-", TOK_WORD, 0, 3, 8);
    CHECK_TOK(2, "GONDOR", TOK_WORD, TF_CAP, 9, 15);
    CHECK_STR(norms("a 12-year war--over"), "A 12-YEAR WAR - - OVER");
    CHECK_TOK(1, "12-YEAR", TOK_WORD, TF_HYPHEN, 2, 9);
    CHECK_STR(norms("Gondor\xE2\x80\x94" "Arnor talks \xE2\x80\x93 and \xE2\x88\x92" "5"),
              "GONDOR - ARNOR TALKS - AND - 5");
    CHECK_TOK(1, "-", TOK_PUNCT, 0, 6, 9);
    CHECK_STR(norms("non\xE2\x80\x90stop"), "NON-STOP");   /* U+2010 hyphen joins */
    CHECK_TOK(0, "NON-STOP", TOK_WORD, TF_FIRST | TF_HYPHEN, 0, 10);
    CHECK_STR(norms("-a a- -- a-b"), "- A A- - - A-B");   /* TF_HYPHEN: a hyphen inside, not at an end */
    CHECK_INT(toks.t[2].flags, 0);
    CHECK_INT(toks.t[5].flags, TF_HYPHEN);
}

static void test_tok_abbrev(void)
{
    CHECK_STR(norms("the U.S. and U.S.S.R met U.N. officials."), "THE U.S. AND U.S.S.R MET U.N. OFFICIALS .");
    CHECK_TOK(1, "U.S.", TOK_WORD, TF_CAP | TF_ALLCAPS, 4, 8);
    CHECK_TOK(3, "U.S.S.R", TOK_WORD, TF_CAP | TF_ALLCAPS, 13, 20);
    CHECK_TOK(7, ".", TOK_PUNCT, 0, 39, 40);
    CHECK_STR(norms("arrived in the U.S."), "ARRIVED IN THE U.S.");
    CHECK_TOK(3, "U.S.", TOK_WORD, TF_CAP | TF_ALLCAPS, 15, 19);
    CHECK_STR(norms("at 5 p.m., e.g. today"), "AT 5 P.M. , E.G. TODAY");
    CHECK_TOK(2, "P.M.", TOK_WORD, 0, 5, 9);
    CHECK_STR(norms("Gondor left."), "GONDOR LEFT .");
    CHECK_STR(norms("George W. Bush"), "GEORGE W . BUSH");
    CHECK_STR(norms("U.S.-backed U.S.Army"), "U.S.-BACKED U.S. ARMY");
}

static void test_tok_numbers(void)
{
    CHECK_STR(norms("50,000 troops, 11.8 percent in 1990."), "50,000 TROOPS , 11.8 PERCENT IN 1990 .");
    CHECK_TOK(0, "50,000", TOK_NUMBER, 0, 0, 6);
    CHECK_TOK(1, "TROOPS", TOK_WORD, TF_FIRST, 7, 13);
    CHECK_TOK(3, "11.8", TOK_NUMBER, 0, 15, 19);
    CHECK_TOK(6, "1990", TOK_NUMBER, 0, 31, 35);
    CHECK_STR(norms("$1.5 billion, 3.5% 1990s"), "$ 1.5 BILLION , 3.5 % 1990S");
    CHECK_TOK(0, "$", TOK_PUNCT, 0, 0, 1);
    CHECK_TOK(1, "1.5", TOK_NUMBER, 0, 1, 4);
    CHECK_INT(toks.t[6].kind, TOK_WORD);
    CHECK_STR(norms("1,2 ,3 4."), "1,2 , 3 4 .");
}

static void test_tok_flags(void)
{
    /* '_' joins words in TABARI texts; they are matched as separate words */
    CHECK_STR(norms("NATO and Nato met A Dol_Amroth envoy"), "NATO AND NATO MET A DOL AMROTH ENVOY");
    CHECK_TOK(0, "NATO", TOK_WORD, TF_CAP | TF_ALLCAPS | TF_FIRST, 0, 4);
    CHECK_TOK(2, "NATO", TOK_WORD, TF_CAP, 9, 13);
    CHECK_TOK(4, "A", TOK_WORD, TF_CAP, 18, 19);
    CHECK_TOK(5, "DOL", TOK_WORD, TF_CAP, 20, 23);
    CHECK_TOK(6, "AMROTH", TOK_WORD, TF_CAP, 24, 30);
    CHECK_STR(norms("\"Gondor left,\" he said."), "\" GONDOR LEFT , \" HE SAID .");
    CHECK_TOK(0, "\"", TOK_PUNCT, 0, 0, 1);
    CHECK_TOK(1, "GONDOR", TOK_WORD, TF_CAP | TF_FIRST, 1, 7);
    size_t firsts = 0;
    for (size_t i = 0; i < toks.n; i++) firsts += (toks.t[i].flags & TF_FIRST) != 0;
    CHECK_INT(firsts, 1);
}

static void test_tok_unicode(void)
{
    CHECK_STR(norms("Mevl\xC3\xBCt \xC3\x87" "avu\xC5\x9Fo\xC4\x9Flu said"), "MEVLUT CAVUSOGLU SAID");
    CHECK_TOK(0, "MEVLUT", TOK_WORD, TF_CAP | TF_FIRST, 0, 7);
    CHECK_TOK(1, "CAVUSOGLU", TOK_WORD, TF_CAP, 8, 20);
    CHECK_TOK(2, "SAID", TOK_WORD, 0, 21, 25);
    CHECK_STR(norms("\xC3\x89" "COLE Z\xC3\xBCrich \xC3\xB8l"), "ECOLE ZURICH \xC3\x98L");
    CHECK_TOK(0, "ECOLE", TOK_WORD, TF_CAP | TF_ALLCAPS | TF_FIRST, 0, 6);
    CHECK_STR(norms("Cafe\xCC\x81 ok"), "CAFE OK");   /* a combining accent is stripped */
    CHECK_TOK(0, "CAFE", TOK_WORD, TF_CAP | TF_FIRST, 0, 6);
    CHECK_STR(norms("Gondor\xC2\xA0" "Arnor\xE2\x80\x83" "Rohan"), "GONDOR ARNOR ROHAN");   /* NBSP, em space */
    CHECK_TOK(1, "ARNOR", TOK_WORD, TF_CAP, 8, 13);
    CHECK_STR(norms("\xE2\x80\x9CPeace,\xE2\x80\x9D he said, \xE2\x80\x98now\xE2\x80\x99. \xC2\xAB" "Oui\xC2\xBB"),
              "\" PEACE , \" HE SAID , ' NOW ' . \" OUI \"");
    CHECK_TOK(0, "\"", TOK_PUNCT, 0, 0, 3);
    CHECK_TOK(1, "PEACE", TOK_WORD, TF_CAP | TF_FIRST, 3, 8);
    CHECK_TOK(3, "\"", TOK_PUNCT, 0, 9, 12);
    CHECK_STR(norms("wait\xE2\x80\xA6 \xE2\x82\xAC" "5"), "WAIT ... \xE2\x82\xAC 5");
    CHECK_STR(norms("ab\xFF" "cd"), "AB \xEF\xBF\xBD CD");   /* an unrepaired byte is not lost */
}

static void test_tok_punct(void)
{
    CHECK_STR(norms("a (b) [c] d/e & f; g: h! i?"), "A ( B ) [ C ] D / E & F ; G : H ! I ?");
    CHECK_TOK(1, "(", TOK_PUNCT, 0, 2, 3);
    CHECK_TOK(10, "&", TOK_PUNCT, 0, 14, 15);
    CHECK_STR(norms(""), "");
    CHECK_INT(toks.n, 0);
    CHECK_STR(norms(" \t\n "), "");
}

static void test_tok_span_and_reuse(void)
{
    const char *text = "Xx. Gondor left.";
    tokenize(text, (span){4, 16}, &toks);
    CHECK_INT(toks.n, 3);
    CHECK_TOK(0, "GONDOR", TOK_WORD, TF_CAP | TF_FIRST, 4, 10);
    CHECK_TOK(2, ".", TOK_PUNCT, 0, 15, 16);
    tokenize(text, (span){0, 2}, &toks);   /* the list is cleared, not appended to */
    CHECK_INT(toks.n, 1);
    CHECK_TOK(0, "XX", TOK_WORD, TF_CAP | TF_FIRST, 0, 2);
    CHECK_INT(toks.plen, 3);
}

static void test_tok_long_word(void)
{
    strbuf b;
    sb_init(&b);
    for (int i = 0; i < 5000; i++) sb_addc(&b, 'a');
    tokenize(b.s, (span){0, 5000}, &toks);
    CHECK_INT(toks.n, 3);
    CHECK_INT(toks.t[0].end, toks.t[1].start);
    CHECK_INT(toks.t[1].end, toks.t[2].start);
    CHECK_INT(toks.t[2].end, 5000);
    CHECK_INT(toks.t[0].norm_len + toks.t[1].norm_len + toks.t[2].norm_len, 5000);
    sb_free(&b);
}

static void time_tokenize(const char *what, const char *s, size_t len, size_t want_n)
{
    clock_t t0 = clock();
    tokenize(s, (span){0, (uint32_t)len}, &toks);
    double secs = seconds_since(t0);
    if (secs >= budget()) printf("slow: %s took %.2f s\n", what, secs);
    CHECK(secs < budget());
    CHECK_INT(toks.n, want_n);
}

static void test_tok_linear(void)
{
    size_t big = 8u << 20;
    char *s = xmalloc(big);
    for (size_t i = 0; i < big; i += 2) s[i] = 'a', s[i + 1] = ' ';
    time_tokenize("a a a", s, big, big / 2);
    memset(s, '"', 500000);
    time_tokenize("quotes", s, 500000, 500000);
    memset(s, 'a', big);
    time_tokenize("one word", s, big, big / 2048);
    for (size_t i = 0; i < big; i += 2) s[i] = 'a', s[i + 1] = '.';
    time_tokenize("a.a.a", s, big, 0 + big / 2048);
    srand(13);
    for (size_t i = 0; i < big; i++) s[i] = (char)(rand() & 0xFF);
    clock_t t0 = clock();
    tokenize(s, (span){0, (uint32_t)big}, &toks);
    CHECK(seconds_since(t0) < budget());
    CHECK(toks.n > 0);
    free(s);
}

/* Random text built from tricky pieces: every sentence's tokens lie inside it, in order,
   without overlap, each with a non-empty norm of the recorded length. */
static void test_tok_invariants(void)
{
    static const char *const parts[] = {
        "U.S.", "Mr.", " ", "\n", "\n\n", "'s", "'", "\"", "-", "--", ".", "...", "?", "!", ",",
        "50,000", "11.8", "anti-", "Gondor", "isn't", "\xC3\xBC", "\xE2\x80\x9C", "\xE2\x80\x99",
        "\xE2\x80\x94", "\xC2\xA0", "\xCC\x81", "\xE2\x80\xA6", "a.b.", "_", "\xFF", "(", ")", "1",
    };
    strbuf b;
    sb_init(&b);
    srand(5);
    for (int i = 0; i < 200000; i++) sb_adds(&b, parts[rand() % (int)(sizeof parts / sizeof parts[0])]);
    span *v;
    size_t n = split_sentences(b.s, b.len, &v), bad = 0, total = 0;
    check_spans(b.s, b.len, v, n);
    for (size_t i = 0; i < n; i++) {
        tokenize(b.s, v[i], &toks);
        total += toks.n;
        for (size_t k = 0; k < toks.n; k++) {
            const token *t = &toks.t[k];
            if (t->start < v[i].start || t->end > v[i].end || t->end <= t->start) bad++;
            if (k && t->start < toks.t[k - 1].end) bad++;
            if (t->norm_len == 0 || strlen(tok_norm(&toks, k)) != t->norm_len) bad++;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(total > 100000);
    free(v);
    sb_free(&b);
}

/* ---------- the ASCII fast path against the general scanner ---------- */

static token_list fast_toks, slow_toks;

/* Tokens of text[s] with the fast path for plain ASCII words and without it that differ in span,
   kind, flags, norm or hash, or whose hash is not norm_hash of the norm (0 when all is well). */
static size_t fast_slow_diffs(const char *text, span s)
{
    tokenize_plain_words(false);
    tokenize(text, s, &slow_toks);
    tokenize_plain_words(true);
    tokenize(text, s, &fast_toks);
    if (fast_toks.n != slow_toks.n) return 1 + (fast_toks.n > slow_toks.n ? fast_toks.n - slow_toks.n : slow_toks.n - fast_toks.n);
    size_t bad = 0;
    for (size_t k = 0; k < fast_toks.n; k++) {
        const token *x = &fast_toks.t[k], *y = &slow_toks.t[k];
        bad += x->start != y->start || x->end != y->end || x->kind != y->kind || x->flags != y->flags ||
               x->norm_len != y->norm_len || strcmp(tok_norm(&fast_toks, k), tok_norm(&slow_toks, k)) != 0 ||
               x->hash != y->hash || x->hash != norm_hash(tok_norm(&fast_toks, k), x->norm_len);
    }
    return bad;
}

/* norm_hash depends on the n bytes and nothing around them (its loads overlap, never pass the ends), and
   any one byte changed changes it. */
static void test_norm_hash(void)
{
    char a[64], b[64], w[41];
    size_t bad = 0;
    for (size_t n = 0; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) w[i] = (char)('A' + (i * 5 + n) % 26);
        memset(a, 'x', sizeof a), memset(b, 'y', sizeof b);
        memcpy(a + 3, w, n), memcpy(b + 11, w, n);
        uint32_t h = norm_hash(a + 3, n);
        bad += h != norm_hash(b + 11, n);
        for (size_t i = 0; i < n; i++) {
            b[11 + i] ^= 0x20;
            bad += norm_hash(b + 11, n) == h;
            b[11 + i] ^= 0x20;
        }
        bad += n && norm_hash(a + 3, n - 1) == h;
    }
    CHECK_INT(bad, 0);
}

/* Every sentence of text, and spans cut at random places (mid-word, a few bytes long, at the text's
   start and end), tokenised both ways. Returns the differences; *spans counts what was compared. */
static size_t fast_slow_text(const char *text, size_t len, size_t cuts, size_t *spans)
{
    span *v;
    size_t n = split_sentences(text, len, &v), bad = 0;
    for (size_t i = 0; i < n; i++) bad += fast_slow_diffs(text, v[i]);
    free(v);
    for (size_t i = 0; i < cuts && len; i++) {
        size_t a = (size_t)rand() % len, w = (size_t)rand() % (i % 4 ? 24 : 300);
        bad += fast_slow_diffs(text, (span){(uint32_t)a, (uint32_t)(a + w < len ? a + w : len)});
    }
    *spans += n + cuts;
    return bad;
}

/* Random text of words of every length and case, numbers, joiners and Unicode next to plain words. */
static void test_tok_fast_random(void)
{
    static const char *const parts[] = {
        " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "_", "\x7F", "\x01", ".", ",", ";", "\"", "'", "-", "--", "(", ")",
        "said", "Gondor", "GONDOR", "gOnDoR", "Minas", "TIRITH", "internationalisation", "NORTHWESTERN", "Abcdefgh",
        "abcdefg", "ABCDEFGHI", "x", "Q", "I", "a", "A", "ab", "AB", "aB", "1990", "1990s", "12", "7", "50,000",
        "11.8", "1.", "5,", ",5", "3.x", "a1b2c3d4e5f6", "U.S.", "p.m.", "a.", "A.B", "e.g.", "U.S.S.R", "anti-",
        "12-year", "war-torn", "O'Neill", "it's", "isn't", "'s", "s'", "Journalists'", "\xC3\xA9", "caf\xC3\xA9",
        "Cafe\xCC\x81", "\xC3\x89" "COLE", "non\xE2\x80\x90stop", "\xE2\x80\x99s", "\xE2\x80\x9C", "\xE2\x80\x94",
        "\xC2\xA0", "\xC2\xA3" "5", "\xE2\x82\xAC", "\xFF", "\xC3", "\xE4\xB8\xAD\xE6\x96\x87", "Z\xC3\xBCrich",
        "\xCC\x81", "\xC2\xAD", "[", "@", "`", "{", "~", "/",
        "1,2,3", "1.2.3", "9-", "-9", "a-", "-b", "A1-B2", "1-1", "X's", "x's", "'S", "That's", "HE'S", "LET's",
        "Gondor's", "1990's", "s", "S", "'s1", "Co's", "\xE2\x80\x90", "\xE2\x80\x91", "0", "00,0", "ab,cd",
    };
    strbuf b;
    sb_init(&b);
    srand(11);
    for (int i = 0; i < 150000; i++) sb_adds(&b, parts[rand() % (int)(sizeof parts / sizeof parts[0])]);
    size_t spans = 0;
    CHECK_INT(fast_slow_text(b.s, b.len, 60000, &spans), 0);
    /* words of every length up to and past MAX_TOKEN (2048) bytes, ending at the span's end or not */
    size_t bad = 0;
    for (size_t n = 1; n < 2100; n += n < 40 ? 1 : n < 2030 ? 97 : 1) {
        sb_clear(&b);
        for (size_t k = 0; k < n; k++) sb_addc(&b, "abCD9z"[k % 6]);
        bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
        sb_adds(&b, ". Next");
        bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
        bad += fast_slow_diffs(b.s, (span){1, (uint32_t)b.len - 1});
    }
    /* numbers and hyphenated words of every length up to and past MAX_TOKEN, possessive or not */
    for (size_t n = 1; n < 2100; n += n < 40 ? 1 : n < 2030 ? 97 : 1)
        for (int kind = 0; kind < 4; kind++) {
            sb_clear(&b);
            for (size_t k = 0; k < n; k++) sb_addc(&b, k % 3 == 2 ? ",.-'"[kind] : "7aB"[(k + (size_t)kind) % 3]);
            bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
            sb_adds(&b, "'s said");
            bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
        }
    /* long spans of words one space apart (the fast path goes from word to word without its outer loop),
       past its stretch of 4,096 bytes, cut at every offset near a stretch's end */
    sb_clear(&b);
    for (int k = 0; b.len < 3 * 4096 + 64; k++) {
        sb_adds(&b, (const char *[]){"ab", "Cd", "e", "12", "said", "NATO", "x's", "50,000", "war-torn", "a.", "Minas"}[k % 11]);
        sb_addc(&b, k % 7 == 6 ? ',' : ' ');
        if (k % 13 == 12) sb_addc(&b, ' ');
    }
    for (size_t a = 0; a < 40; a++)
        for (size_t z = 4096 - 12; z < 4096 + 12; z++) bad += fast_slow_diffs(b.s, (span){(uint32_t)a, (uint32_t)(a + z)});
    bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
    CHECK_INT(bad, 0);
    CHECK(spans > 60000);
    sb_free(&b);
}

/* A run of letters and digits of every length up to 20 (every place in an eight-byte step, in the step's last
   byte and past it) ended by each byte from 0x80 up, with letters, digits or marks after it, cut at the span's
   end or not: the fast path reads that byte in the same step as the run, and its carries reach the bytes after
   it (plain_run counts nothing from the first byte that is no letter or digit on). Plus, per high byte,
   random ASCII words and marks around it. */
static void test_tok_fast_high_bytes(void)
{
    static const char *const after[] = {"", "a", "Zq", "9", "1234567890", "s said", "'s", ".", "-x", " ok", "\x80", "\xFF\xFF"};
    static const char *const runs = "aZ0zA9mQ";
    strbuf b;
    sb_init(&b);
    size_t bad = 0, spans = 0;
    for (size_t n = 0; n <= 20; n++)
        for (unsigned hb = 0x80; hb <= 0xFF; hb++)
            for (size_t k = 0; k < sizeof after / sizeof after[0]; k++) {
                sb_clear(&b);
                sb_adds(&b, "Go ");
                for (size_t j = 0; j < n; j++) sb_addc(&b, runs[(j + hb + k) % 8]);
                sb_addc(&b, (char)hb);
                sb_adds(&b, after[k]);
                bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
                bad += fast_slow_diffs(b.s, (span){3, (uint32_t)(3 + n + 1)});   /* the high byte last */
                spans += 2;
            }
    srand(13);
    static const char *const parts[] = {" ", " ", "said", "GONDOR", "ab", "x", "1990", "12345678", "abcdefgh", "Minas-Tirith",
                                        "50,000", ".", ",", "'s", "'", "-", "\"", "U.S."};
    for (int i = 0; i < 20000; i++) {
        sb_clear(&b);
        for (int j = rand() % 12; j > 0; j--) {
            if (rand() % 4 == 0) sb_addc(&b, (char)(0x80 + rand() % 128));
            sb_adds(&b, parts[rand() % (int)(sizeof parts / sizeof parts[0])]);
        }
        bad += fast_slow_diffs(b.s, (span){0, (uint32_t)b.len});
        spans++;
    }
    CHECK_INT(bad, 0);
    CHECK(spans > 80000);
    sb_free(&b);
}

/* Reuters-21578 (../shared, when present): every sentence and random spans of the SGML files. */
static void test_tok_fast_reuters(void)
{
    const char *dir = "../shared/corpora/reuters21578";
    size_t spans = 0, bad = 0, files = 0;
    srand(12);
    for (int f = 0; f < 22; f += 3) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "gzip -dc %s/reut2-%03d.sgm.gz 2>/dev/null", dir, f);
        FILE *in = popen(cmd, "r");
        if (!in) continue;
        strbuf b;
        sb_init(&b);
        char buf[65536];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, in)) > 0) sb_add(&b, buf, got);
        pclose(in);
        if (b.len) files++, bad += fast_slow_text(b.s, b.len, 20000, &spans);
        sb_free(&b);
    }
    if (!files) {
        printf("note: %s not found, Reuters comparison skipped\n", dir);
        return;
    }
    CHECK_INT(bad, 0);
    CHECK(spans > 50000);
}

/* Sentences of a small story, tokenised one after the other with one list. */
static void test_pipeline(void)
{
    const char *story = "Gondor's army left the U.S. Embassy on Sept. 11.\n\n"
                        "Mevl\xC3\xBCt \xC3\x87" "avu\xC5\x9Fo\xC4\x9Flu said \"no.\" Then 50,000 troops left.";
    span *v;
    size_t n = split_sentences(story, strlen(story), &v);
    CHECK_INT(n, 3);
    strbuf all;
    sb_init(&all);
    for (size_t i = 0; i < n; i++) {
        tokenize(story, v[i], &toks);
        for (size_t k = 0; k < toks.n; k++) {
            sb_adds(&all, tok_norm(&toks, k));
            sb_addc(&all, ' ');
        }
        sb_adds(&all, "| ");
    }
    CHECK_STR(all.s, "GONDOR ARMY LEFT THE U.S. EMBASSY ON SEPT . 11 . | "
                     "MEVLUT CAVUSOGLU SAID \" NO . \" | THEN 50,000 TROOPS LEFT . | ");
    sb_free(&all);
    free(v);
}


static void test_dateline(void)
{
    size_t place = 0;
    const char *a = "KYIV (Reuters) - Russian forces shelled Kharkiv.";
    CHECK_INT(dateline_end(a, strlen(a), &place), 17);
    CHECK_INT(place, 4);
    const char *b = "ANKARA, March 4 - Turkey and Iran agreed.";
    CHECK_INT(dateline_end(b, strlen(b), &place), 18);
    CHECK_INT(place, 6);
    const char *c = "PORT-AU-PRINCE \xe2\x80\x94 Gangs attacked the port.";
    CHECK_INT(dateline_end(c, strlen(c), &place), 19);
    /* no dateline: an ordinary first sentence, a lower-case start, a dash far away */
    const char *d = "Russia attacked Ukraine - officials said.";
    CHECK_INT(dateline_end(d, strlen(d), NULL), 0);
    const char *e = "officials said - nothing.";
    CHECK_INT(dateline_end(e, strlen(e), NULL), 0);
    const char *f = "UN. The Security Council met on Monday to discuss the war in Sudan - again.";
    CHECK_INT(dateline_end(f, strlen(f), NULL), 0);
    CHECK_INT(dateline_end("", 0, NULL), 0);
}

/* The splitter lower-cases the word before a '.' and after a stop a word at a time (load_upto8_le,
   swar_lower_ascii): against to_lower byte by byte, every length up to 8 and every ASCII byte at each
   place, and words of each case around the 16-byte key as abbreviations. */
static void test_split_word_lowering(void)
{
    unsigned char b[8];
    for (size_t n = 0; n <= 8; n++)
        for (unsigned c = 0; c < 0x80; c++)
            for (size_t at = 0; at < (n ? n : 1); at++) {
                for (size_t k = 0; k < n; k++) b[k] = (unsigned char)("Az@[`{Z0"[(k + c) % 8]);
                if (n) b[at] = (unsigned char)c;
                uint64_t got = swar_lower_ascii(load_upto8_le(b, n)), want = 0;
                for (size_t k = n; k-- > 0;) want = want << 8 | (unsigned char)to_lower(b[k]);
                CHECK(got == want);
            }
    CHECK_STR(split_str("MR. Smith met GOV. Brown. THEY left."), "MR. Smith met GOV. Brown.|THEY left.");
    CHECK_STR(split_str("He sued Acme INC. The firm denied it."), "He sued Acme INC.|The firm denied it.");
    CHECK_STR(split_str("He sued Acme INC. THE firm denied it."), "He sued Acme INC.|THE firm denied it.");
    CHECK_STR(split_str("He sued Acme INC. Xthe firm denied it."), "He sued Acme INC. Xthe firm denied it.");
    CHECK_STR(split_str("It fell ABCDEFGHIJKLMNOP. It rose."), "It fell ABCDEFGHIJKLMNOP.|It rose.");
    CHECK_STR(split_str("It fell ABCDEFGHIJKLMNOPQ. It rose."), "It fell ABCDEFGHIJKLMNOPQ.|It rose.");
    CHECK_STR(split_str("Born in U.S.S.R.A.B.C.D.E. It rose."), "Born in U.S.S.R.A.B.C.D.E.|It rose.");
    CHECK_STR(split_str("Born in U.S.S.R.A.B.C.D.E. Jones rose."), "Born in U.S.S.R.A.B.C.D.E. Jones rose.");
    CHECK_STR(split_str("He met \xC3\xA9Gen. Smith."), "He met \xC3\xA9Gen.|Smith.");
}

/* The word before a '.' found 16 bytes at a time (word_back): "Gen." after each kind of separator, at
   every distance from the start of the text and after padding words of every length; white space
   (ASCII or NBSP) leaves "Gen" an abbreviation, a control or a letter from 0x80 up makes it another word. */
static void test_split_word_back(void)
{
    static const struct { const char *sep; bool abbr; } seps[] = {
        {" ", true}, {"\t", true}, {"\n", true}, {"\v", true}, {"\f", true}, {"\r", true}, {"\xC2\xA0", true},
        {"(", false}, {"\x01", false}, {"\x1f", false}, {"x", false}, {"\xC3\xA9", false}, {"\x7f", false}};
    char text[128], want[128];
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++)
        for (size_t pad = 1; pad < 40; pad++)
        for (size_t blank = 1; blank <= pad; blank++) {   /* a space at each place of the padding but the first */
            char padding[48];
            memset(padding, 'a' + (int)(pad % 26), pad);
            padding[pad] = 0;
            if (blank < pad) padding[blank] = ' ';
            snprintf(text, sizeof text, "%s%sGen. Smith left.", padding, seps[k].sep);
            bool opened = seps[k].sep[0] == '(' && blank == pad - 1;   /* " (Gen.": the opener is stepped over */
            if (seps[k].abbr || opened) snprintf(want, sizeof want, "%s", text);
            else snprintf(want, sizeof want, "%s%sGen.|Smith left.", padding, seps[k].sep);
            const char *got = split_str(text);
            if (strcmp(got, want) != 0) { CHECK_STR(got, want); return; }
        }
    CHECK(true);
}

/* White space stepped over 16 bytes at a time (skip_ws): runs of every length of each ASCII kind, with
   NBSP, U+3000 or a control inside, before and after a sentence. */
static void test_split_ws_runs(void)
{
    static const char *const inner[] = {"", "\xC2\xA0", "\xE3\x80\x80", "\x01"};
    char run[96], text[3 * sizeof run + 32], want[256];   /* text: the run three times and the words */
    for (size_t len = 0; len < 40; len++)
        for (size_t k = 0; k < sizeof inner / sizeof *inner; k++)
            for (size_t at = 0; at <= len; at += 7) {
                size_t o = 0;
                for (size_t i = 0; i < len; i++) {
                    if (i == at) o += (size_t)snprintf(run + o, sizeof run - o, "%s", inner[k]);
                    run[o++] = " \t\v\f\r \n "[(i * 7 + len) % 8];
                }
                run[o] = 0;
                snprintf(text, sizeof text, "%sHe left.%sThey stayed.%s", run, run, run);
                if (k == 3 && at < len)   /* the control is no white space: it starts or ends a sentence */
                    continue;
                snprintf(want, sizeof want, "He left.%sThey stayed.", len ? "|" : "");
                if (!len) snprintf(want, sizeof want, "He left.They stayed.");
                const char *got = split_str(text);
                if (strcmp(got, want) != 0) { CHECK_STR(got, want); return; }
            }
    CHECK(true);
}

int main(void)
{
    RUN(test_dateline);
    RUN(test_utf8_valid);
    RUN(test_utf8_invalid);
    RUN(test_utf8_repair);
    RUN(test_split_basic);
    RUN(test_split_empty);
    RUN(test_split_word_lists);
    RUN(test_split_titles);
    RUN(test_split_companies);
    RUN(test_split_places);
    RUN(test_split_misc_abbrev);
    RUN(test_split_times_months);
    RUN(test_split_countries);
    RUN(test_split_initials);
    RUN(test_split_numbers);
    RUN(test_split_ellipsis);
    RUN(test_split_quotes);
    RUN(test_split_paragraphs);
    RUN(test_split_long_run);
    RUN(test_split_cut_points);
    RUN(test_split_linear);
    RUN(test_split_word_lowering);
    RUN(test_split_word_back);
    RUN(test_split_ws_runs);
    RUN(test_tok_possessive);
    RUN(test_tok_contractions);
    RUN(test_tok_hyphens);
    RUN(test_tok_abbrev);
    RUN(test_tok_numbers);
    RUN(test_tok_flags);
    RUN(test_tok_unicode);
    RUN(test_tok_punct);
    RUN(test_tok_span_and_reuse);
    RUN(test_tok_long_word);
    RUN(test_tok_linear);
    RUN(test_tok_invariants);
    RUN(test_norm_hash);
    RUN(test_tok_fast_random);
    RUN(test_tok_fast_high_bytes);
    RUN(test_tok_fast_reuters);
    RUN(test_pipeline);
    token_list_free(&toks);
    token_list_free(&fast_toks);
    token_list_free(&slow_toks);
    return check_done();
}

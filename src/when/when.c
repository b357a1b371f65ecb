/* when.c — finds time expressions in a sentence's tokens and normalises them to TIMEX3 values. */
#include "when/when.h"
#include "event/event.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word as the matchers see it: a token, or one part of a hyphenated token ("third-quarter" is read as
   THIRD QUARTER, "mid-1990s" as MID 1990S), so that one grammar covers both spellings. */
typedef struct {
    uint32_t start, end;   /* bytes in the text */
    const char *w;         /* upper-case normalised form, NUL-terminated: the token's norm where it lies in
                              the token list's pool, a part's copy in timex_list.parts; "" when 24 bytes or
                              longer (no time word is that long) */
    uint8_t len;           /* strlen(w), kept: the per-word passes would otherwise each count it again */
    int32_t num;           /* value of an all-digit word (at most 9 digits), else -1 */
    uint8_t digits;        /* number of digits when num >= 0 */
    uint8_t cap;           /* first letter upper-case in the source */
    uint8_t tight;         /* no space before it (the "." of "Sept.") */
    uint8_t poss;          /* a possessive 's followed (left out of the word's bytes) */
    uint8_t joined;        /* a later part of a hyphenated token ("quarter" in "third-quarter") */
    uint8_t starts;        /* can begin an expression (see starter words): the others are skipped fast */
    uint32_t cls;          /* its word classes (W_PAST, W_NUMBER...: the class table), looked up once */
    uint16_t may;          /* the matchers that can begin at this word (bit k: matchers[k]; see first_words) */
    uint8_t unit;          /* the unit it names and UNIT_PLURAL (unit_of), 0 for none */
    int8_t tense;          /* this word's own tense cue (tense_of; TENSE_PENDING until word_tense) */
} word;

typedef struct {
    word *w;
    int n;
    ymd anchor;
    int ay, am, ad;        /* the anchor's year, month, day */
    int32_t adays;         /* the anchor as days since 1970 */
    struct tense_memo *tm; /* the tense cue that applies to the expression being matched (c_tense) */
    ymd ref;               /* the reference time of "that year", "the following day" (timex_list.ref; the
                              anchor when the story has named none) */
    int ref_unit;          /* DATE_DAY, DATE_MONTH, DATE_YEAR or REF_QUARTER */
    bool *ref_used;        /* set when an expression reads ref (timex_list.ref_used; see uses_ref) */
    ymd quarter;           /* timex_list.quarter: the last quarter the story named, 0 for none */
    bool ref_named;        /* ref is a date the story named, not the anchor standing in for one */
    ymd period_end;        /* the day a period of this sentence ended ("the quarter ended Sept. 30"), named
                              before the expression being matched; 0 for none */
    bool money;            /* the sentence reports figures ("$", "cents a share", "%"): a year-ago
                              comparison there is with the same quarter of last year */
    uint16_t sentence_may; /* the matchers whose words the sentence has (sentence_may) */
} ctx;

/* The tense cue of the expression being matched: tense_for the word the last longest_at began at, worked
   out when a matcher first asks (c_tense). Most matchers that run find nothing and never ask. */
struct tense_memo {
    int at;        /* the word (longest_at's i) */
    bool known;    /* value is tense_for(at); true with value 0 before any longest_at */
    int value;
};
static int c_tense(const ctx *c);
static bool ends_ci(const char *w, size_t n, const char *tail, size_t m);
static int word_tense(const ctx *c, int k);

/* ---- words and lexicons ---- */

enum { REF_QUARTER = 4 };   /* timex_list.ref_unit for a quarter */

/* Word classes (the class table), kept in each word's `cls`; class_of_token gives the low byte. */
enum { W_PAST = 1, W_FUTURE = 2, W_REPORT = 4, W_START = 8, W_MONEY = 16, W_NUMBER = 32,
       W_OPENER = 64, W_FINITE = 128,   /* the last two: clause_openers, finite (when_for_verb) */
       W_AMOUNT = 256, W_AFTER_ARTICLE = 512, W_LEADS = 1024,   /* amount_words, after_article,
                                                                  modifier_leads: only in word.cls */
       W_PLURAL_START = 2048,     /* a W_START word with an S added ("QUARTERS", "MONDAYS"): word_set */
       W_THAT = 4096, W_AFTER_THAT = 8192,   /* "that", and the words after which it begins an expression */
       W_MODIFIER = 16384, W_HEDGE = 32768,   /* one-word date modifiers and hedges (date_modifier, hedge) */
       W_BE = 1 << 16, W_DET = 1 << 17, W_INTENT = 1 << 18,   /* forms of "be", determiners, words of
                                                                 intent: tense_of, adjective_at */
       W_NEAR = 1 << 19,     /* words that place a time near another (near_words: tense_for) */
       W_LISTED = 1 << 20,     /* a word of a list in_list_gated is asked about (gated_lists_init) */
       W_HOLIDAY = 1 << 21,    /* the first word of a holiday's name (holidays_init: holiday_at) */
       W_ARTICLE = 1 << 22,    /* "the", "a", "an" (article_alone) */
       W_AFTER_THE = 1 << 23,     /* a word of the_may's list (the_may_init) */
       /* words without which a matcher finds nothing, whatever word it begins at (needs_init) */
       W_AGO = 1 << 24,       /* m_ago: "ago", "earlier", "before" after the unit */
       W_SPAN = 1 << 25,      /* m_duration: a unit word, a weekday, a month, an adverb ("daily") */
       W_QUARTERS = 1 << 26,   /* m_quarter: a quarter unit word, "months" and the like, "half", "period" */
       W_NEXT_GATED = 1 << 27 };   /* words some matchers go on from only with a few words (next_may) */

/* The length and first letter are compared inline: nearly every comparison fails there, and a call per
   test would be most of the stage's time. Always inlined, so that a literal's length is a constant. */
static inline __attribute__((always_inline)) bool is(const ctx *c, int i, const char *s)
{
    size_t n = strlen(s);
    return i >= 0 && i < c->n && c->w[i].len == n && c->w[i].w[0] == s[0] && !memcmp(c->w[i].w, s, n);
}

static int in_list(const ctx *c, int i, const char *const *list)
{
    if (i < 0 || i >= c->n) return -1;
    const char *w = c->w[i].w;
    for (int k = 0; list[k]; k++)
        if (w[0] == list[k][0] && !strcmp(w, list[k])) return k;
    return -1;
}

/* in_list for a list of gated_lists_init's: only its words (W_LISTED) are looked for there, most words
   are turned away by a bit. A list not registered there would never match (WHEN_CHECK_MAY aborts). */
static int in_list_gated(const ctx *c, int i, const char *const *list)
{
    if (i < 0 || i >= c->n) return -1;
#ifdef WHEN_CHECK_MAY
    if (!(c->w[i].cls & W_LISTED) && in_list(c, i, list) >= 0) {
        fprintf(stderr, "MAYFAIL %s is in a list in_list_gated was not told of\n", c->w[i].w);
        abort();
    }
#endif
    return c->w[i].cls & W_LISTED ? in_list(c, i, list) : -1;
}

static const char *const month_full[] = {"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
                                         "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", NULL};
static const char *const month_abbr[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                                         "NOV", "DEC", "SEPT", NULL};
static const char *const weekdays[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                                       "SUNDAY", NULL};
static const char *const small_nums[] = {"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
                                         "NINE", "TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN",
                                         "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", NULL};
static const char *const tens[] = {"", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY",
                                   "NINETY", NULL};
static const char *const ordinals[] = {"", "FIRST", "SECOND", "THIRD", "FOURTH", NULL};
static const char *const ordinals_num[] = {"", "1ST", "2ND", "3RD", "4TH", NULL};
static const char *const seasons[] = {"SPRING", "SUMMER", "FALL", "AUTUMN", "WINTER", NULL};
static const char *const season_code[] = {"SP", "SU", "FA", "FA", "WI"};
static const char *const day_parts[] = {"MORNING", "AFTERNOON", "EVENING", "NIGHT", NULL};
static const char *const day_part_code[] = {"MO", "AF", "EV", "NI"};
/* Lists the matchers ask about at nearly every "the" and number: in_list_gated walks them only for a word
   that is in one of them (W_LISTED, gated_lists_init). */
static const char *const decade_words[] = {"", "", "TWENTIES", "THIRTIES", "FORTIES", "FIFTIES", "SIXTIES",
                                           "SEVENTIES", "EIGHTIES", "NINETIES", NULL};
static const char *const deictic_days[] = {"YESTERDAY", "TODAY", "TOMORROW", NULL};
static const char *const present_words[] = {"NOW", "CURRENTLY", "NOWADAYS", NULL};
static const char *const past_ref_words[] = {"RECENTLY", "LATELY", NULL};
static const char *const duration_leads[] = {"PAST", "LAST", "NEXT", "FIRST", "COMING", "PREVIOUS", "LATEST",
                                             "FOLLOWING", "FINAL", "OTHER", NULL};
static void gated_lists_init(void);   /* in the class table, with the other lists */

/* Month 1..12 at word i, spelled out or abbreviated ("Sept."); *end is the word after it (after the
   abbreviation's dot). Month names must be capitalised: "may" and "march" are words too. */
static int month_at(const ctx *c, int i, int *end)
{
    if (i < 0 || i >= c->n || !c->w[i].cap) return 0;
    int k = in_list(c, i, month_full);
    if (k >= 0) { *end = i + 1; return k + 1; }
    k = in_list(c, i, month_abbr);
    if (k < 0 || k == 4) return 0;
    *end = i + 1;
    if (is(c, i + 1, ".") && c->w[i + 1].tight) *end = i + 2;
    return k == 12 ? 9 : k + 1;
}

static int weekday_at(const ctx *c, int i)
{
    if (i < 0 || i >= c->n || !c->w[i].cap) return 0;
    return in_list(c, i, weekdays) + 1;
}

/* A day of the month: "15", "15th", "1st" (1..31), not part of a clock time or a larger number. */
static int day_at(const ctx *c, int i)
{
    if (i >= c->n) return 0;
    const word *w = &c->w[i];
    int d = w->num;
    if (d < 0) {
        const char *s = w->w;
        int v = 0, k = 0;
        while (is_digit(s[k]) && k < 2) v = v * 10 + (s[k++] - '0');
        if (!k || !(strcmp(s + k, "ST") == 0 || strcmp(s + k, "ND") == 0 || strcmp(s + k, "RD") == 0 ||
                    strcmp(s + k, "TH") == 0))
            return 0;
        d = v;
    } else if (w->digits > 2) {
        return 0;
    }
    if (d < 1 || d > 31 || (is(c, i + 1, ":") && i + 2 < c->n && c->w[i + 2].num >= 0 && c->w[i + 2].tight)) return 0;
    return d;
}

/* A four-digit year (1000..2099) at word i, or 0. */
static int year_at(const ctx *c, int i)
{
    if (i < 0 || i >= c->n) return 0;
    const word *w = &c->w[i];
    return w->num >= 1000 && w->num <= 2099 && w->digits == 4 ? w->num : 0;
}

/* A year said in words, as broadcast transcripts write it: "nineteen ninety-six", "nineteen eighty",
   "two thousand" (only after "the year": "two thousand troops" is a count). *end is the word after it. */
static int spoken_year_at(const ctx *c, int i, bool after_the_year, int *end)
{
    if (is(c, i, "NINETEEN")) {
        int t = in_list(c, i + 1, tens), u = in_list(c, i + 2, small_nums);
        if (t < 2) return 0;
        bool unit = u >= 1 && u <= 9;   /* "ninety-six" or "ninety six" */
        *end = i + 2 + unit;
        /* before a lower-case noun it is a count ("nineteen ninety people") or an adjective */
        static const char *const fn[] = {"IN", "ON", "AT", "WHEN", "AND", "OR", "BUT", "TO", "FOR", "WITH", "FROM",
                                         "BY", "AS", "AFTER", "BEFORE", "THAT", "WHICH", "WHILE", "UNTIL", "SINCE",
                                         "THE", "A", "AN", NULL};
        const word *nx = *end < c->n ? &c->w[*end] : NULL;
        /* ... unless an article shows it is one thing: "a nineteen ninety-seven attack" */
        bool article = is(c, i - 1, "A") || is(c, i - 1, "THE");
        if (nx && is_alpha(nx->w[0]) && !nx->cap && !word_tense(c, *end) && in_list(c, *end, fn) < 0 && !article) return 0;
        return 1900 + t * 10 + (unit ? u : 0);
    }
    if (after_the_year && is(c, i, "TWO") && is(c, i + 1, "THOUSAND")) {
        int k = i + 2 + is(c, i + 2, "AND"), u = in_list(c, k, small_nums);
        *end = u >= 1 ? k + 1 : i + 2;
        return 2000 + (u >= 1 ? u : 0);
    }
    return 0;
}

static int ordinal_at(const ctx *c, int i)
{
    int k = in_list_gated(c, i, ordinals);
    if (k > 0) return k;
    k = in_list_gated(c, i, ordinals_num);
    return k > 0 ? k : 0;
}

/* Counts before a unit: digits, number words ("twenty four", "twenty-four"), "a", "an", "a couple of";
   -2 for the vague ones ("several", "a few"). Returns the word after the count, or 0. */
enum { COUNT_VAGUE = -2 };
static int count_at(const ctx *c, int i, int *val)
{
    if (i >= c->n) return 0;
    const word *w = &c->w[i];
    if (w->num >= 0 && w->digits <= 6) { *val = w->num; return i + 1; }
    int k = w->cls & W_NUMBER ? in_list(c, i, small_nums) : -1;
    if (k >= 0) { *val = k; return i + 1; }
    k = w->cls & W_NUMBER ? in_list(c, i, tens) : -1;
    if (k >= 2) {
        int u = in_list(c, i + 1, small_nums);
        if (u >= 1 && u <= 9) { *val = k * 10 + u; return i + 2; }
        *val = k * 10;
        return i + 1;
    }
    if (is(c, i, "SEVERAL") || is(c, i, "FEW") || is(c, i, "MANY")) { *val = COUNT_VAGUE; return i + 1; }
    if (is(c, i, "COUPLE") && is(c, i + 1, "OF")) { *val = 2; return i + 2; }
    if (is(c, i, "A") || is(c, i, "AN")) {
        if (is(c, i + 1, "FEW")) { *val = COUNT_VAGUE; return i + 2; }
        if (is(c, i + 1, "COUPLE") && is(c, i + 2, "OF")) { *val = 2; return i + 3; }
        if (is(c, i + 1, "HUNDRED")) { *val = 100; return i + 2; }
        if (is(c, i + 1, "DOZEN")) { *val = 12; return i + 2; }
        *val = 1;
        return i + 1;
    }
    return 0;
}

static const char *const adverbs[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "NIGHTLY", NULL};

enum unit { U_NONE, U_SECOND, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_WEEKEND, U_MONTH, U_QUARTER, U_YEAR, U_DECADE,
            U_CENTURY };
static const char *const unit_names[] = {"", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "WEEKEND", "MONTH",
                                         "QUARTER", "YEAR", "DECADE", "CENTURY", NULL};

/* The unit word s names ("years", "year", "centuries"), U_NONE for none; *plural tells the plural form
   (for any word: an S at the end). The class table keeps the answer for the unit words (word.unit). */
static int unit_of(const char *s, bool *plural)
{
    if (!strcmp(s, "CENTURIES")) { *plural = true; return U_CENTURY; }
    size_t n = strlen(s);
    *plural = n > 1 && s[n - 1] == 'S';
    size_t m = n - (*plural ? 1 : 0);
    for (int k = 1; unit_names[k]; k++)
        if (m == strlen(unit_names[k]) && !strncmp(s, unit_names[k], m)) return k;
    return U_NONE;
}

enum { UNIT_PLURAL = 0x80 };   /* word.unit: the unit (enum unit), and this bit for a plural */

/* The unit at word i ("years", "year", "centuries"); *plural tells the plural form. */
static int unit_at(const ctx *c, int i, bool *plural)
{
    if (i < 0 || i >= c->n) return U_NONE;
    const word *w = &c->w[i];
    if (w->unit) {
        *plural = w->unit & UNIT_PLURAL;
        return w->unit & ~UNIT_PLURAL;
    }
    *plural = w->len > 1 && w->w[w->len - 1] == 'S';   /* as unit_of says of a word that names no unit */
    return U_NONE;
}

/* ---- tense ---- */

static const char *const past_words[] = {"SAID", "WAS", "WERE", "HAD", "DID", "MET", "TOLD", "SAW", "WENT", "CAME",
                                         "GAVE", "TOOK", "MADE", "HELD", "LEFT", "BEGAN", "FELL", "ROSE", "WON",
                                         "LOST", "SPOKE", "WROTE", "FOUGHT", "BROUGHT", "THOUGHT", "SOLD", "BOUGHT",
                                         "KEPT", "SENT", "SPENT", "STRUCK", "SHOT", "FLED", "LED", "BROKE", "CAUGHT",
                                         "CHOSE", "DREW", "DROVE", "FLEW", "FOUND", "GOT", "GREW", "HEARD", "KNEW",
                                         "PAID", "RAN", "SAT", "SPLIT", "STOOD", "STOLE", "SWORE", "THREW", "WORE",
                                         "UNDERWENT", "OVERSAW", "FORGOT", "SOUGHT", "TAUGHT", "LAID", "SLID",
                                         "BLEW", "WITHDREW", "SHOOK", "SPREAD", "BEGAN", "FORBADE", "BOUND", "BUILT",
                                         "DEALT", "FED", "FELT", "FOUGHT", "HUNG", "HID", "MEANT", "QUIT", "RODE",
                                         "SANK", "SEIZED", "SHUT", "SLEPT", "SPUN", "STUCK", "STUNG", "SWEPT",
                                         "TORE", "UNDERTOOK", "UPHELD", "WOKE", "WOUND", "WROTE", "BECAME", "AGO", NULL};
/* Reporting verbs tell when something was said, not when it happened ("said it will pay in January"). */
static const char *const reporting[] = {"ANNOUNCED", "REPORTED", "ADDED", "STATED", "CONFIRMED", "NOTED",
                                        "EXPLAINED", "DECLARED", "INSISTED", "ARGUED", "CLAIMED", NULL};
static const char *const future_words[] = {"WILL", "'LL", "SHALL", "WOULD", "PLANS", "PLAN", "PLANNED", "PLANNING",
                                           "SCHEDULED", "EXPECTED", "EXPECTS", "EXPECT", "DUE", "UPCOMING",
                                           "INTENDS", "AIMS", "GOING", "WON'T", "WOULDN'T", "SET", "TO", NULL};

/* Words of a sentence that reports figures ("$", "cents a share", "%"): a year-ago comparison there is
   with the same quarter of last year. */
static const char *const money_words[] = {"$", "CENTS", "SHARE", "%", "PERCENT", "QUARTER", "EARNINGS", "PROFIT",
                                          "REVENUE", "SALES", "NET", "LOSS", NULL};

/* Words that open a clause of their own: coordinators, subordinators and relatives. */
static const char *const clause_openers[] = {"AND", "BUT", "OR", "THAT", "WHICH", "WHO", "WHOM", "WHOSE", "WHEN",
                                             "WHERE", "WHILE", "AFTER", "BEFORE", "SINCE", "BECAUSE", "UNTIL",
                                             "ALTHOUGH", "THOUGH", "IF", "AS", "AMID", "WHEREAS", NULL};
/* Finite verbs and auxiliaries that show a clause has a verb of its own, beside the past tenses and
   reporting verbs of the tense tables. */
static const char *const finite[] = {"SAYS", "SAY", "IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "WILL",
                                     "WOULD", "CAN", "COULD", "SHOULD", "MUST", "MIGHT", "TELLS", "ACCUSED",
                                     "ACCUSES", NULL};

/* Words that place a time near another, which "since" reaches over ("since shortly after the Oct. 23
   slaying": tense_for). */
static const char *const near_words[] = {"SHORTLY", "JUST", "RIGHT", "SOON", "AFTER", "BEFORE", "THE", NULL};
/* Forms of "be" (a participle after one is a passive: tense_of), determiners (a participle after one is an
   adjective: adjective_at), words of intent ("agreed to buy", "a plan to merge": what is agreed or planned
   is still ahead). */
static const char *const be_forms[] = {"IS", "ARE", "BE", "BEEN", "BEING", "AM", NULL};
static const char *const determiners[] = {"A", "AN", "THE", "ITS", "THEIR", "HIS", "HER", "OUR", "THIS", "THESE",
                                          NULL};
static const char *const intent_words[] = {"AGREED", "DECIDED", "VOTED", "PROMISED", "PLEDGED", "VOWED", "OFFERED",
                                           "THREATENED", "HOPED", "WANTED", "INTENDED", "PROPOSED", "AGREEMENT",
                                           "PLAN", "PLANS", "PROPOSAL", "OFFER", "BID", "DEAL", "AGREES", "DECIDES",
                                           "HOPES", "WANTS", "INTENDS", "PROPOSES", "PROMISES", NULL};

/* The word classes the tense marks and the fast skip need, in one hash table built once per process:
   most words of a sentence are in no class, and a linear scan per word would cost more than the rest of
   the stage. Keyed by norm_hash, the hash every token carries (token.hash): a word is looked up without
   reading its bytes again unless its slot holds a word of the same hash. */
enum { CLASS_SLOTS = 4096 };   /* a power of two, over four times the words: most lookups miss, in one probe */
typedef struct {
    const char *w;
    uint32_t hash;  /* norm_hash(w) */
    uint8_t len;
    uint32_t flags;
    uint16_t may;   /* the matchers an expression beginning with this word can come from (first_words) */
    uint8_t unit;   /* word.unit */
} class_entry;
static class_entry classes[CLASS_SLOTS];
/* A bit per slot, set when the slot holds a word. The table is 96 KB and a sentence's words probe it at
   random, missing the first-level cache (a quarter of when_find's time); these 512 bytes stay in it and
   say for most words (whose slot is empty) that they are in no class. */
static uint64_t class_used[CLASS_SLOTS / 64];
static bool every_matcher;   /* (below: when_try_every_matcher; tests: the table probed without the bits) */
static pthread_once_t classes_once = PTHREAD_ONCE_INIT;

/* Words an expression can begin with, beside numbers and the lexicons above. */
static const char *const starter_words[] = {
    "THE", "LAST", "NEXT", "THIS", "PAST", "PREVIOUS", "CURRENT", "COMING", "PRESENT", "FISCAL", "YESTERDAY",
    "TODAY", "TOMORROW", "TONIGHT", "OVERNIGHT", "NOW", "CURRENTLY", "NOWADAYS", "RECENTLY", "LATELY", "MORE",
    "RIGHT", "SOON", "THESE", "LATEST", "MOST", "COMPARABLE", "SAME", "YEAR", "HALF", "NOON", "MIDDAY",
    "MIDNIGHT", "FOLLOWING", "FINAL", "OTHER", "EVERY", "EACH", "PER", "RECENT", "FUTURE", "EARLY", "LATE",
    "MID", "EARLIER", "LATER", "AROUND", "SOMETIME", "NEARLY", "ALMOST", "ABOUT", "APPROXIMATELY", "ROUGHLY",
    "AT", "LESS", "FEWER", "UP", "NO", "A", "AN", "SEVERAL", "FEW", "MANY", "COUPLE", "'", "CENTURIES",
    "TWENTIES", "THIRTIES", "FORTIES", "FIFTIES", "SIXTIES", "SEVENTIES", "EIGHTIES", "NINETIES",
    "CHRISTMAS", "NEW", "HALLOWEEN", "VETERANS", "THANKSGIVING", "LABOR", "MEMORIAL", "ELECTION", "GOOD",
    "EASTER", "THEN", "NINETEENTH", "TWENTIETH", "EIGHTEENTH", "SEVENTEENTH", "SIXTEENTH", "FIFTEENTH",
    "TWELFTH", "ELEVENTH", "TENTH", "POST", "PRE", NULL};

/* Are the n bytes at a and b the same (n < 24)? A few loads that cover them, never past either end: a
   token's norm promises no bytes after its NUL. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        for (size_t k = 0; k + 8 <= n; k += 8)
            if (load8(a + k) != load8(b + k)) return false;
        return load8(a + n - 8) == load8(b + n - 8);   /* the last eight, overlapping */
    }
    if (n >= 4) {
        uint32_t x, y, u, v;
        __builtin_memcpy(&x, a, 4), __builtin_memcpy(&y, b, 4);
        __builtin_memcpy(&u, a + n - 4, 4), __builtin_memcpy(&v, b + n - 4, 4);
        return x == y && u == v;
    }
    return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);   /* 1 to 3 bytes: every one */
}

/* The slot of word w (n bytes, hash norm_hash(w, n)), or the empty slot where it would go. */
static inline size_t class_slot_hashed(const char *w, size_t n, uint32_t hash)
{
    size_t h = hash & (CLASS_SLOTS - 1);
    while (classes[h].w && !(classes[h].hash == hash && classes[h].len == n && same_bytes(classes[h].w, w, n)))
        h = (h + 1) & (CLASS_SLOTS - 1);
    return h;
}

/* Word w's entry (n bytes, hash norm_hash(w, n)), or NULL when it is in no class. */
static inline __attribute__((always_inline)) const class_entry *class_find(const char *w, size_t n, uint32_t hash)
{
    size_t h = hash & (CLASS_SLOTS - 1);
    if (!(class_used[h / 64] >> (h % 64) & 1) && !every_matcher) return NULL;   /* its slot is empty */
    const class_entry *e = &classes[class_slot_hashed(w, n, hash)];
    return e->w ? e : NULL;
}

/* Word w (n bytes) in the table, with these classes and first matchers besides any it has: its entry. */
static class_entry *class_set(const char *w, size_t n, uint32_t flag, uint16_t may)
{
    uint32_t hash = norm_hash(w, n);
    size_t h = class_slot_hashed(w, n, hash);
    class_entry *e = &classes[h];
    class_used[h / 64] |= (uint64_t)1 << (h % 64);
    e->w = w;
    e->hash = hash;
    e->len = (uint8_t)n;
    e->flags |= flag;
    e->may |= may;
    return e;
}

static void class_add_may(const char *const *list, uint32_t flag, uint16_t may)
{
    for (size_t k = 0; list[k]; k++)
        if (*list[k]) class_set(list[k], strlen(list[k]), flag, may);
}

static void class_add(const char *const *list, uint32_t flag) { class_add_may(list, flag, 0); }

static void first_words_init(void);
static void date_trigrams_init(void);

/* Every W_START word of three letters or more, with an S added, is in the table with W_PLURAL_START (an
   expression can begin with a plural of the lexicons' words: word_set). Their bytes live as long as the
   process. */
static void plurals_init(void)
{
    static char *plurals;   /* never freed: the table points into it */
    size_t n = 0;
    for (size_t h = 0; h < CLASS_SLOTS; h++)
        n += classes[h].w && (classes[h].flags & W_START) && classes[h].len >= 3;
    plurals = xmalloc(n * 24 + 1);
    size_t used = 0;
    const class_entry *starts[CLASS_SLOTS];   /* the entries first: the table grows below */
    n = 0;
    for (size_t h = 0; h < CLASS_SLOTS; h++)
        if (classes[h].w && (classes[h].flags & W_START) && classes[h].len >= 3) starts[n++] = &classes[h];
    for (size_t k = 0; k < n; k++) {
        size_t len = starts[k]->len;
        if (len + 1 >= 24) continue;   /* words of 24 bytes and more are "" (make_words) */
        char *p = plurals + used;
        memcpy(p, starts[k]->w, len);
        p[len] = 'S', p[len + 1] = 0;
        used += 24;
        class_set(p, len + 1, W_PLURAL_START, 0);
    }
}

static void units_init(void);
static void holidays_init(void);
static void the_may_init(void);
static void needs_init(void);

static void classes_init(void)
{
    class_add(past_words, W_PAST);
    class_add(future_words, W_FUTURE);
    class_add(reporting, W_REPORT);
    class_add(money_words, W_MONEY);
    class_add(small_nums, W_NUMBER);
    class_add(tens, W_NUMBER);
    const char *const *lists[] = {month_full, month_abbr, weekdays, small_nums, tens, ordinals, ordinals_num,
                                  seasons, unit_names, adverbs, starter_words};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) class_add(lists[k], W_START);
    class_add(clause_openers, W_OPENER);
    class_add(finite, W_FINITE);
    class_add(be_forms, W_BE);
    class_add(determiners, W_DET);
    class_add(intent_words, W_INTENT);
    class_add(near_words, W_NEAR);
    static const char *const articles[] = {"THE", "A", "AN", NULL};
    class_add(articles, W_ARTICLE);
    first_words_init();
    plurals_init();
    units_init();
    holidays_init();
    the_may_init();
    date_trigrams_init();
    gated_lists_init();
    needs_init();
}

/* Every list in_list_gated is asked about: whoever gates another list adds it here. */
static void gated_lists_init(void)
{
    const char *const *lists[] = {ordinals, ordinals_num, decade_words, deictic_days, present_words, past_ref_words,
                                  duration_leads};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) class_add(lists[k], W_LISTED);
}


static bool word_in_list(const char *w, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (w[0] == list[k][0] && !strcmp(w, list[k])) return true;
    return false;
}

/* Is the participle at word i an adjective, after a determiner ("a still unspecified date", "the hastily
   planned trip")? */
static bool adjective_at(const word *w, int i)
{
    if (i < 1) return false;
    const word *p = &w[i - 1];
    size_t n = p->len;
    bool adverb = !strcmp(p->w, "STILL") || !strcmp(p->w, "NEWLY") || (n > 4 && p->w[n - 1] == 'Y' && p->w[n - 2] == 'L');
    if (i > 1 && adverb) p = &w[i - 2];
    return p->cls & W_DET;   /* determiners */
}

/* The tense cue of word i: -1 or -2 for a past tense, +1 or +2 for a word that speaks of the future, 0
   otherwise. A cue of 2 is a verb of the clause's own event; 1 is a weak one ("said", "told": when it was
   said, not when it happens; "would"). "to" counts as the future after "is", "are" (scheduled events) and
   after words of intent ("agreed to buy"), "set" before "to". A past participle after a form of "be" is a passive, not a past ("is to be
   published", "the case is heard"); a plan in the pluperfect is one that was due before ("had been
   scheduled to expire", "as previously planned"). */
static int tense_of(const word *w, int i, int n_words)
{
    const word *prev = i > 0 ? &w[i - 1] : NULL, *me = &w[i], *next = i + 1 < n_words ? &w[i + 1] : NULL;
    size_t n = me->len;
    uint8_t cl = me->cls & (W_PAST | W_FUTURE | W_REPORT);
    bool ed = n >= 4 && me->w[n - 1] == 'D' && me->w[n - 2] == 'E';
    if (!cl && !ed) return 0;   /* most words: no cue */
    bool after_be = prev && (prev->cls & W_BE);   /* be_forms */
    bool adjective = ed && adjective_at(w, i);
    if (cl & W_FUTURE) {
        bool is_are = prev && (!strcmp(prev->w, "IS") || !strcmp(prev->w, "ARE"));
        if (!strcmp(me->w, "TO")) return is_are || (prev && (prev->cls & W_INTENT)) ? 2 : 0;   /* intent_words */
        /* "the peace process, set to resume Monday" */
        if (!strcmp(me->w, "SET")) return is_are || (next && !strcmp(next->w, "TO")) ? 2 : 0;
        bool was_due = prev && (!strcmp(prev->w, "PREVIOUSLY") || !strcmp(prev->w, "HAD") ||
                                (!strcmp(prev->w, "BEEN") && i > 1 && !strcmp(w[i - 2].w, "HAD")));
        if (was_due) return -2;
        if (adjective) return 0;   /* "the hastily planned trip": the sentence's verb tells the time */
        /* "plans" the noun ("vacation plans for the trip", "the plan of the rebels") speaks of no time */
        static const char *const noun_next[] = {"FOR", "OF", ",", ".", "AND", NULL};
        if ((!strcmp(me->w, "PLANS") || !strcmp(me->w, "PLAN")) &&
            ((next && word_in_list(next->w, noun_next)) || adjective_at(w, i)))
            return 0;
        return strcmp(me->w, "WOULD") ? 2 : 1;
    }
    if (cl & W_PAST) {
        if (after_be && strcmp(me->w, "WAS") && strcmp(me->w, "WERE")) return 0;
        return strcmp(me->w, "SAID") && strcmp(me->w, "TOLD") ? -2 : -1;
    }
    if (cl & W_REPORT) return after_be ? 0 : -1;
    /* regular past tense; capitalised words inside the sentence are names ("United", "Reed") */
    if (ed && (!me->cap || i == 0) && me->num < 0) return after_be || adjective ? 0 : -2;
    return 0;
}

/* ---- dates ---- */

static int32_t days_of(int y, int m, int d) { return date_to_days((ymd)(y * 10000 + m * 100 + d)); }

/* ISO weekday, Monday 1 .. Sunday 7 (1970-01-01 was a Thursday). */
static int weekday_of(int32_t days) { return (int)(((days % 7) + 7 + 3) % 7) + 1; }

static int days_in_month(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : n[m - 1];
}

static void iso_week(int32_t days, int *wy, int *wk)
{
    int32_t thu = days - (weekday_of(days) - 1) + 3;
    ymd t = date_from_days(thu);
    *wy = t / 10000;
    *wk = (thu - days_of(*wy, 1, 1)) / 7 + 1;
}

/* ---- values ---- */

/* A TIMEX3 value being written: the few formats of the set_ helpers below, without snprintf (a thousand
   instructions a value). vb_end copies it to a timex value as snprintf would: cut to fit, NUL-ended. */
typedef struct {
    char s[64];
    size_t n;
} vbuf;

/* v in decimal, zero-padded to `width` characters with its sign (as printf's %0*d). */
/* vb_int the long way: any value and width. */
static void vb_int_any(vbuf *b, long v, int width)
{
    char digits[24];
    int n = 0;
    bool neg = v < 0;
    unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
    do digits[n++] = (char)('0' + u % 10); while ((u /= 10));
    if (neg) b->s[b->n++] = '-';
    for (int pad = width - n - neg; pad > 0; pad--) b->s[b->n++] = '0';
    while (n) b->s[b->n++] = digits[--n];
}

/* v in decimal, zero-padded to `width` digits (after any '-'). A year of four digits and a month or day of
   two, what nearly every value holds, are written digit by digit without the loops (test_vb_int). */
static inline void vb_int(vbuf *b, long v, int width)
{
    char *o = b->s + b->n;
    if (width == 4 && v >= 0 && v <= 9999) {
        o[0] = (char)('0' + v / 1000), o[1] = (char)('0' + v / 100 % 10), o[2] = (char)('0' + v / 10 % 10);
        o[3] = (char)('0' + v % 10);
        b->n += 4;
    } else if (width == 2 && v >= 0 && v <= 99) {
        o[0] = (char)('0' + v / 10), o[1] = (char)('0' + v % 10);
        b->n += 2;
    } else {
        vb_int_any(b, v, width);
    }
}

size_t when_vb_int_misses(void)
{
    size_t misses = 0;
    for (int width = 0; width <= 6; width++)
        for (long v = -120; v <= 100100; v++) {
            vbuf x = {.n = 1}, y = {.n = 1};
            vb_int(&x, v, width), vb_int_any(&y, v, width);
            misses += x.n != y.n || memcmp(x.s, y.s, x.n);
        }
    return misses;
}

static void vb_str(vbuf *b, const char *s)
{
    while (*s && b->n < sizeof b->s - 1) b->s[b->n++] = *s++;
}

static void vb_end(const vbuf *b, char *value, size_t size)
{
    size_t n = b->n < size - 1 ? b->n : size - 1;
    memcpy(value, b->s, n);
    value[n] = 0;
}

static void set_day(timex *t, int32_t days, const char *suffix)
{
    ymd d = date_from_days(days);
    vbuf b = {.n = 0};
    vb_int(&b, d / 10000, 4), vb_str(&b, "-"), vb_int(&b, d / 100 % 100, 2), vb_str(&b, "-"), vb_int(&b, d % 100, 2);
    if (suffix) vb_str(&b, suffix);
    vb_end(&b, t->value, sizeof t->value);
    t->type = suffix && *suffix ? TIMEX_TIME : TIMEX_DATE;
    t->date = t->first_day = d;
    t->precision = DATE_DAY;
}

static void set_month(timex *t, int y, int m)
{
    while (m < 1) { m += 12; y--; }
    while (m > 12) { m -= 12; y++; }
    vbuf b = {.n = 0};
    vb_int(&b, y, 4), vb_str(&b, "-"), vb_int(&b, m, 2);
    vb_end(&b, t->value, sizeof t->value);
    t->type = TIMEX_DATE;
    t->first_day = (ymd)(y * 10000 + m * 100 + 1);
    t->precision = DATE_MONTH;
}

static void set_year(timex *t, int y)
{
    vbuf b = {.n = 0};
    vb_int(&b, y, 4);
    vb_end(&b, t->value, sizeof t->value);
    t->type = TIMEX_DATE;
    t->first_day = (ymd)(y * 10000 + 101);
    t->precision = DATE_YEAR;
}

static void set_week(timex *t, int32_t days)
{
    int wy, wk;
    iso_week(days, &wy, &wk);
    vbuf b = {.n = 0};
    vb_int(&b, wy, 4), vb_str(&b, "-W"), vb_int(&b, wk, 2);
    vb_end(&b, t->value, sizeof t->value);
    t->type = TIMEX_DATE;
    t->first_day = date_from_days(days - (weekday_of(days) - 1));
}

static void set_quarter(timex *t, int y, int q)
{
    while (q < 1) { q += 4; y--; }
    while (q > 4) { q -= 4; y++; }
    vbuf b = {.n = 0};
    vb_int(&b, y, 4), vb_str(&b, "-Q"), vb_int(&b, q, 0);
    vb_end(&b, t->value, sizeof t->value);
    t->type = TIMEX_DATE;
    t->first_day = (ymd)(y * 10000 + (q * 3 - 2) * 100 + 1);
}

static void set_text(timex *t, int type, const char *v)
{
    vbuf b = {.n = 0};
    vb_str(&b, v);
    vb_end(&b, t->value, sizeof t->value);
    t->type = (uint8_t)type;
}

static void set_duration(timex *t, int type, int n, int unit)
{
    static const char letter[] = {0, 'S', 'M', 'H', 'D', 'W', 'D', 'M', 'Q', 'Y', 'E', 'C'};
    bool timepart = unit <= U_HOUR;
    if (unit == U_WEEKEND && n > 0) n *= 2;
    vbuf b = {.n = 0};
    vb_str(&b, n == COUNT_VAGUE || (unit != U_DECADE && unit != U_CENTURY) ? (timepart ? "PT" : "P") : "P");
    if (n == COUNT_VAGUE) vb_str(&b, "X"), vb_str(&b, (char[]){letter[unit], 0});
    else if (unit == U_DECADE) vb_int(&b, (long)n * 10, 0), vb_str(&b, "Y");
    else if (unit == U_CENTURY) vb_int(&b, (long)n * 100, 0), vb_str(&b, "Y");
    else vb_int(&b, n, 0), vb_str(&b, (char[]){letter[unit], 0});
    vb_end(&b, t->value, sizeof t->value);
    t->type = (uint8_t)type;
}

/* How many months away a tense cue is trusted (tense_of): a weak cue ("said": when it was said, not when
   it happens, as in "the company said it will pay in January") within eight, the event's own verb within
   ten; further away the nearer occurrence wins (the month after the story's, in "orders placed for November
   transactions", is the coming one). */
enum { WEAK_TRUST = 8, STRONG_TRUST = 10 };

/* The tense of a date after "ended" ("the fiscal year ended Jan. 31", "the quarter ended Oct. 31"): a
   period's end already past, however far back within a year (tense_for). */
enum { TENSE_ENDED = -3 };
enum { TENSE_PENDING = 100 };   /* word.tense of a word that may be a cue, until word_tense works it out */

/* Word k's tense cue (tense_of), worked out the first time it is asked: it depends on the words alone, and
   only the cues near an expression are ever asked about. */
static int word_tense(const ctx *c, int k)
{
    word *w = &c->w[k];
    if (w->tense == TENSE_PENDING) w->tense = (int8_t)tense_of(c->w, k, c->n);
    return w->tense;
}

static int trust(int tense)
{
    if (tense == TENSE_ENDED) return 12;
    return tense < -1 || tense > 1 ? STRONG_TRUST : WEAK_TRUST;
}

/* The year of a month named without one: the tense says whether it lies before or after the anchor. */
static int month_year(const ctx *c, int m, int tense)
{
    int back = (c->am - m + 12) % 12, ahead = (m - c->am + 12) % 12;
    int past = m <= c->am ? c->ay : c->ay - 1, future = m >= c->am ? c->ay : c->ay + 1;
    if (tense < 0 && back <= trust(tense)) return past;
    if (tense > 0 && ahead <= trust(tense)) return future;
    return back <= ahead ? past : future;
}

/* A month and day without a year: the past occurrence, the next one, or (no cue) the nearest. */
static int32_t month_day_days(const ctx *c, int m, int d, int tense)
{
    int32_t best = 0;
    bool have = false;
    for (int y = c->ay - 1; y <= c->ay + 1; y++) {
        if (d > days_in_month(y, m)) continue;
        int32_t x = days_of(y, m, d);
        /* a tense cue is trusted within eight months of the anchor, whatever its strength: "payable Dec. 7",
           "effective Feb. 1" are dates ahead however the sentence's verbs read */
        if (tense < 0 && (x > c->adays || c->adays - x > (tense == TENSE_ENDED ? 366 : WEAK_TRUST * 31))) continue;
        if (tense > 0 && (x < c->adays || x - c->adays > WEAK_TRUST * 31)) continue;
        if (!have || (tense < 0 ? x > best : tense > 0 ? x < best : labs((long)(x - c->adays)) < labs((long)(best - c->adays))))
            best = x, have = true;
    }
    if (!have && tense) return month_day_days(c, m, d, 0);
    return have ? best : days_of(c->ay, m, d > days_in_month(c->ay, m) ? days_in_month(c->ay, m) : d);
}

/* A weekday named without a date: the last one up to the anchor (news reports the past) unless the
   sentence speaks of the future; `shift` -1 for "last Friday", +1 for "next Friday". */
static int32_t weekday_days(const ctx *c, int wd, int tense, int shift)
{
    int awd = weekday_of(c->adays);
    if (shift > 0 || (shift == 0 && tense > 0)) {
        int fwd = (wd - awd + 7) % 7;
        if (shift > 0 && fwd == 0) fwd = 7;
        return c->adays + fwd;
    }
    int back = (awd - wd + 7) % 7;
    if (shift < 0 && back == 0) back = 7;
    return c->adays - back;
}

static int quarter_of(int m) { return (m - 1) / 3 + 1; }

/* A matcher is about to read the reference time: noted (timex_list.ref_used), so that a caller that gave
   a stale one (dyad code reads only the sentences with events) can read the story's earlier sentences
   and ask again. */
static void uses_ref(const ctx *c) { *c->ref_used = true; }

/* "the quarter", "the latest period" after the story has named a quarter ("the fiscal first quarter"): that
   one. False when the story has named none. (A quarter dates no event: no uses_ref, so dyad code does not
   read the story's earlier sentences for it.) */
static bool the_named_quarter(const ctx *c, timex *t)
{
    if (!c->quarter) return false;
    set_quarter(t, c->quarter / 10000, quarter_of(c->quarter / 100 % 100));
    return true;
}

/* The quarter a year before the one being reported on (the_named_quarter's, else the last one over): "a
   year ago" in figures for a quarter. */
static void set_year_ago_quarter(const ctx *c, timex *t)
{
    if (c->quarter) set_quarter(t, c->quarter / 10000 - 1, quarter_of(c->quarter / 100 % 100));
    else set_quarter(t, c->ay - 1, quarter_of(c->am) - 1);
}

/* ---- matchers: each returns the word after the expression that starts at word i, or 0 ---- */

typedef int (*matcher_fn)(const ctx *, int, timex *);

/* Words between a part of the day and its day: "Tuesday morning" → "TMO". */
static int day_part_at(const ctx *c, int i)
{
    int k = in_list(c, i, day_parts);
    return k;
}

/* "2019-03-15", "3/15/2019", "March 15, 2019", "15 March 2019", "Sept. 9", "Saturday, April 25",
   "August 1988", "June", "last October", "June last year". */
static int m_calendar(const ctx *c, int i, timex *t)
{
    if (i >= c->n) return 0;   /* m_clock looks for a date after the time */
    const word *w = &c->w[i];
    /* ISO date, kept whole by the word splitter */
    if (w->len == 10 && w->w[4] == '-' && w->w[7] == '-') {
        ymd d = date_parse(w->w, 10);
        if (d) { set_day(t, date_to_days(d), NULL); return i + 1; }
    }
    /* 3/15/2019 (American order), 3/15/19 */
    if (w->num >= 1 && w->num <= 12 && is(c, i + 1, "/") && c->w[i + 1].tight && i + 4 < c->n + 0 &&
        is(c, i + 3, "/") && c->w[i + 2].num >= 1 && c->w[i + 2].num <= 31 && c->w[i + 4].num >= 0 &&
        c->w[i + 2].tight && c->w[i + 4].tight) {
        int y = c->w[i + 4].num;
        if (c->w[i + 4].digits == 2) y += y < 30 ? 2000 : 1900;
        if (date_valid(y, w->num, c->w[i + 2].num) && c->w[i + 4].digits != 3) {
            set_day(t, days_of(y, w->num, c->w[i + 2].num), NULL);
            return i + 5;
        }
    }
    int j, m;
    /* "Saturday, April 25": the weekday joins the date */
    int start = i;
    if (weekday_at(c, i)) {
        j = i + 1 + (is(c, i + 1, ",") ? 1 : 0);
        if (month_at(c, j, &(int){0}) && day_at(c, j + 1 + (is(c, j + 1, ".") ? 1 : 0))) start = j;
        else return 0;
    }
    bool last = false, next = false, this_ = false;
    if (start == i && (is(c, i, "LAST") || is(c, i, "NEXT") || is(c, i, "THIS"))) {
        last = is(c, i, "LAST"), next = is(c, i, "NEXT"), this_ = is(c, i, "THIS");
        start = i + 1;
        if (this_ && is(c, start, "PAST")) { start++; last = true; }
    }
    int d = day_at(c, start), y;
    if (d && (m = month_at(c, start + 1, &j))) {         /* 15 March [2019] */
        if ((y = year_at(c, j))) { set_day(t, days_of(y, m, d), NULL); return j + 1; }
        set_day(t, month_day_days(c, m, d, c_tense(c)), NULL);
        return j;
    }
    if (!(m = month_at(c, start, &j))) return 0;
    if ((d = day_at(c, j)) && !last && !next && !this_) {  /* March 15[, 2019] */
        int k = j + 1;
        if (is(c, k, ",") && year_at(c, k + 1)) k++;
        if ((y = year_at(c, k))) { set_day(t, days_of(y, m, d > days_in_month(y, m) ? days_in_month(y, m) : d), NULL); return k + 1; }
        set_day(t, month_day_days(c, m, d, c_tense(c)), NULL);
        return j + 1;
    }
    if (j == start + 2 || (in_list(c, start, month_full) < 0 && !last && !next && !this_)) {
        /* an abbreviation alone is not a month ("Jan" the name); "Sept. 1988" is */
        if ((y = year_at(c, j))) { set_month(t, y, m); return j + 1; }
        return 0;
    }
    if ((y = year_at(c, j)) || (is(c, j, ",") && (y = year_at(c, j + 1)))) {   /* August 1988 */
        if (!last && !next && !this_) { set_month(t, y, m); return j + 1 + is(c, j, ","); }
    }
    int ye;
    if (!last && !next && !this_ && (y = spoken_year_at(c, j, false, &ye))) { set_month(t, y, m); return ye; }
    /* a month alone: "may" and "march" are verbs, so those two want a preposition or modifier first */
    static const char *const before[] = {"IN", "SINCE", "UNTIL", "BY", "OF", "DURING", "BEFORE", "AFTER", "FROM",
                                         "THROUGH", "TO", "FOR", "EARLY", "LATE", "MID", "END", "LAST", "NEXT",
                                         "THIS", "PAST", "IN", "AND", "OR", "LATER", "EARLIER", "UNTIL", "TILL", "THE",
                                         "BETWEEN", "ON", NULL};
    if (start == i && (is(c, i, "MAY") || is(c, i, "MARCH")) && in_list(c, i - 1, before) < 0) return 0;
    if (is(c, j, "LAST") && is(c, j + 1, "YEAR")) { set_month(t, c->ay - 1, m); return j + 2; }
    if (is(c, j, "THIS") && is(c, j + 1, "YEAR")) { set_month(t, c->ay, m); return j + 2; }
    if (is(c, j, "NEXT") && is(c, j + 1, "YEAR")) { set_month(t, c->ay + 1, m); return j + 2; }
    if (last) set_month(t, m < c->am ? c->ay : c->ay - 1, m);
    else if (next) set_month(t, m > c->am ? c->ay : c->ay + 1, m);
    else if (this_) set_month(t, c->ay, m);
    else set_month(t, month_year(c, m, c_tense(c)), m);
    return j;
}

/* An ordinal century at word i ("20th century", "twentieth century", "twenty-first century"): its
   number, or 0. */
static int century_at(const ctx *c, int i)
{
    static const char *const words[] = {"", "", "", "", "", "", "", "", "", "", "TENTH", "ELEVENTH", "TWELFTH", "", "",
                                        "FIFTEENTH", "SIXTEENTH", "SEVENTEENTH", "EIGHTEENTH", "NINETEENTH",
                                        "TWENTIETH", NULL};
    if (i >= c->n) return 0;
    const char *s = c->w[i].w;
    size_t len = strlen(s);
    /* every ordinal ends in -th, -st, -nd or -rd: the others are no century */
    if (len < 3 || !((s[len - 1] == 'H' && s[len - 2] == 'T') || (s[len - 1] == 'T' && s[len - 2] == 'S') ||
                     (s[len - 1] == 'D' && (s[len - 2] == 'N' || s[len - 2] == 'R')) || !strcmp(s, "TWENTY")))
        return 0;
    int n = in_list(c, i, words), k = i + 1;
    if (n <= 0 && is(c, i, "TWENTY") && (is(c, i + 1, "FIRST") || is(c, i + 1, "1ST"))) n = 21, k = i + 2;
    if (n <= 0) {
        int v = 0, d = 0;
        while (is_digit(s[d]) && d < 2) v = v * 10 + (s[d++] - '0');
        if (!d || !(strcmp(s + d, "ST") == 0 || strcmp(s + d, "ND") == 0 || strcmp(s + d, "RD") == 0 ||
                    strcmp(s + d, "TH") == 0) || v < 1 || v > 21)
            return 0;
        n = v;
    }
    bool pl;
    return unit_at(c, k, &pl) == U_CENTURY && !pl ? n : 0;
}

/* Decades said in words: "the nineties" (of the 1900s, as news English means them). */
static int spoken_decade_at(const ctx *c, int i)
{
    int k = in_list_gated(c, i, decade_words);
    return k >= 2 ? k : 0;
}

static bool year_in_name(const ctx *c, int i);

/* "2014", "fiscal 1989", "the year 2000", "nineteen ninety-six", "the 1990s", "'80s", "the nineties".
   A decade with its article is written without the X ("the 1990s" → "199", TimeBank's convention),
   one without it keeps the X ("1990s" → "199X"). */
static int m_year(const ctx *c, int i, timex *t)
{
    int k = i;
    if (is(c, k, "FISCAL")) k++;
    bool the_year = is(c, i, "THE") && is(c, i + 1, "YEAR") && !c->w[i + 1].poss;
    if (the_year) k = i + 2;
    int y = year_at(c, k), e;
    if (y) {
        if (is(c, k + 1, "%") || is(c, k + 1, "PERCENT") || is(c, i - 1, "$")) return 0;
        if (k == i && year_in_name(c, i)) return 0;
        set_year(t, y);
        return k + 1;
    }
    if ((y = spoken_year_at(c, k, the_year, &e))) { set_year(t, y); return e; }
    bool the = is(c, i, "THE");
    int cent = century_at(c, i + the);
    if (cent) {   /* "the 20th century" → "19" */
        char v[24];
        snprintf(v, sizeof v, "%02d", cent - 1);
        set_text(t, TIMEX_DATE, v);
        return i + the + (is(c, i + the, "TWENTY") ? 3 : 2);
    }
    k = i + the;
    int dec = spoken_decade_at(c, k);
    if (dec) {
        char v[24];
        snprintf(v, sizeof v, the ? "19%d" : "19%dX", dec);
        set_text(t, TIMEX_DATE, v);
        return k + 1;
    }
    const char *s = k < c->n ? c->w[k].w : "";
    size_t n = strlen(s);
    bool apos = is(c, k, "'") && k + 1 < c->n && c->w[k + 1].tight;
    if (apos) s = c->w[k + 1].w, n = strlen(s);
    if ((n == 5 || (apos && n == 3)) && s[n - 1] == 'S' && s[n - 2] == '0' && is_digit(s[0]) && is_digit(s[1]) &&
        (n == 3 || (is_digit(s[2]) && s[3] == '0'))) {
        char v[24];
        if (n == 5) snprintf(v, sizeof v, "%.3s%s", s, the ? "" : "X");
        else snprintf(v, sizeof v, "19%c%s", s[0], the ? "" : "X");
        set_text(t, TIMEX_DATE, v);
        t->first_day = 0;
        return k + 1 + apos;
    }
    return 0;
}

/* today, yesterday, tomorrow, tonight, now, currently, recently, soon, the future, the past... with a part
   of the day after the day words ("yesterday morning"). */
static int m_deictic_word(const ctx *c, int i, timex *t)
{
    const char *const *days = deictic_days;
    int k = in_list_gated(c, i, days);
    /* "the people of tomorrow": the times to come, no day ("as of tomorrow" is one) */
    if (k == 2 && is(c, i - 1, "OF") && !is(c, i - 2, "AS") && !c->w[i].poss) return 0;
    if (k >= 0) {
        int32_t d = c->adays + k - 1;
        int p = day_part_at(c, i + 1);
        if (p >= 0) { set_day(t, d, (char[]){'T', day_part_code[p][0], day_part_code[p][1], 0}); return i + 2; }
        set_day(t, d, NULL);
        return i + 1;
    }
    if (is(c, i, "TONIGHT")) { set_day(t, c->adays, "TNI"); return i + 1; }
    /* "mid-afternoon", "mid-morning yesterday": the story's day unless a day follows */
    if (is(c, i, "MID") && (is(c, i + 1, "MORNING") || is(c, i + 1, "AFTERNOON"))) {
        int32_t d = c->adays;
        int e = i + 2, wd = weekday_at(c, e);
        if ((k = in_list_gated(c, e, days)) >= 0) d += k - 1, e++;
        else if (wd) d = weekday_days(c, wd, c_tense(c), 0), e++;
        set_day(t, d, is(c, i + 1, "MORNING") ? "TMO" : "TAF");
        return e;
    }
    /* "by year-end", "year's end": the end of the story's year; "since year-end", the last one */
    if (is(c, i, "YEAR") && is(c, i + 1, "END") && (c->w[i + 1].joined || !c->w[i + 1].tight)) {
        int y = is(c, i - 1, "SINCE") ? c->ay - 1 : c->ay;
        /* "year-end", the accounts' word, is the year's last day (TimeBank's "1989-12-31") */
        if (c->w[i + 1].joined) set_day(t, days_of(y, 12, 31), NULL);
        else set_year(t, y);
        return i + 2;
    }
    if (is(c, i, "THIS") && (k = day_part_at(c, i + 1)) >= 0) {
        set_day(t, c->adays, (char[]){'T', day_part_code[k][0], day_part_code[k][1], 0});
        return i + 2;
    }
    if (is(c, i, "LAST") && is(c, i + 1, "NIGHT")) { set_day(t, c->adays - 1, "TNI"); return i + 2; }
    if (is(c, i, "OVERNIGHT")) {
        /* the night before the day the story speaks of: the one just named when it is in the story's
           week ("closed lower Friday ... depressed by overnight losses in New York"), else the story's */
        uses_ref(c);
        int32_t day = c->adays, r = date_to_days(c->ref);
        if (c->ref_unit == DATE_DAY && r <= c->adays && r >= c->adays - 6) day = r;
        set_day(t, day - 1, "TNI");
        return i + 1;
    }
    if (is(c, i, "RIGHT") && is(c, i + 1, "NOW")) { set_text(t, TIMEX_DATE, "PRESENT_REF"); return i + 2; }
    if (in_list_gated(c, i, present_words) >= 0) {
        /* "Now, he says, ...", "Currently, transplant organs are rationed ...": a sentence-opening adverb of
           the present set off by a comma frames the sentence, and TimeBank leaves it out */
        if (i == 0 && is(c, i + 1, ",")) return 0;
        set_text(t, TIMEX_DATE, "PRESENT_REF");
        return i + 1;
    }
    if (in_list_gated(c, i, past_ref_words) >= 0) {
        /* "most recently last October": the date after it is the time, "most recently" only ranks it */
        if (is(c, i - 1, "MOST") && i + 1 < c->n && c->w[i + 1].starts) return 0;
        set_text(t, TIMEX_DATE, "PAST_REF");
        return i + 1;
    }
    if (is(c, i, "MORE") && is(c, i + 1, "RECENTLY")) { set_text(t, TIMEX_DATE, "PAST_REF"); return i + 2; }
    if (is(c, i, "THEN") && is(c, i + 1, "CURRENT")) { set_text(t, TIMEX_DATE, "PAST_REF"); return i + 2; }
    /* "at a later date" */
    if (is(c, i, "A") && is(c, i + 1, "LATER") && is(c, i + 2, "DATE")) { set_text(t, TIMEX_DATE, "FUTURE_REF"); return i + 3; }
    if (is(c, i, "SOON")) {
        /* "as soon as possible": the time just ahead (its first "as" is no starter word: the span begins at
           "soon") */
        if (is(c, i - 1, "AS") && is(c, i + 1, "AS") && is(c, i + 2, "POSSIBLE")) {
            set_text(t, TIMEX_DATE, "FUTURE_REF");
            return i + 3;
        }
        if (is(c, i + 1, "AFTER") || is(c, i + 1, "AS")) return 0;
        /* "he was soon released": shortly after a past the story tells, not the future */
        if (i > 0 && word_tense(c, i - 1) <= -2) return 0;
        /* "a trickle of cash that soon became a flood": the same, the past verb after it */
        if (i + 1 < c->n && word_tense(c, i + 1) <= -2) return 0;
        set_text(t, TIMEX_DATE, "FUTURE_REF");
        return i + 1;
    }
    if (is(c, i, "THESE") && is(c, i + 1, "DAYS")) { set_text(t, TIMEX_DATE, "PRESENT_REF"); return i + 2; }
    if (is(c, i, "THE")) {
        int j = i + 1 + (is(c, i + 1, "NEAR") || is(c, i + 1, "DISTANT"));
        /* "important to the future of our peoples": what becomes of them, not a time */
        if (is(c, j, "FUTURE") && is(c, j + 1, "OF")) return 0;
        if (is(c, j, "FUTURE")) { set_text(t, TIMEX_DATE, "FUTURE_REF"); return j + 1; }
        /* "in the near term", "over the short term" (financial news): the time just ahead */
        if ((is(c, i + 1, "NEAR") || is(c, i + 1, "SHORT")) && is(c, i + 2, "TERM") && !c->w[i + 2].joined) {
            set_text(t, TIMEX_DATE, "FUTURE_REF");
            return i + 3;
        }
        int v;
        bool pl;
        if (is(c, i + 1, "PAST") && !count_at(c, i + 2, &v) && !unit_at(c, i + 2, &pl)) {
            set_text(t, TIMEX_DATE, "PAST_REF");
            return i + 2;
        }
    }
    return 0;
}

/* "twice as high a dividend this year as last": "last" alone, after "as" or "than" at the clause's end,
   is the unit before the "this year" (or month, quarter) the sentence compared it with. */
static bool elliptic_last(const ctx *c, int i, timex *t)
{
    if (!is(c, i, "LAST") || !(is(c, i - 1, "AS") || is(c, i - 1, "THAN"))) return false;
    if (i + 1 < c->n && is_alpha(c->w[i + 1].w[0])) return false;
    bool pl;
    for (int k = i - 2; k >= 1 && k > i - 12; k--) {
        if (!is(c, k - 1, "THIS")) continue;
        int u = unit_at(c, k, &pl);
        if (pl) return false;
        switch (u) {
        case U_YEAR: set_year(t, c->ay - 1); return true;
        case U_MONTH: set_month(t, c->ay, c->am - 1); return true;
        case U_QUARTER: set_quarter(t, c->ay, quarter_of(c->am) - 1); return true;
        default: return false;
        }
    }
    return false;
}

/* "last week", "this month", "next year", "the past year", "the current quarter", "last summer",
   "last Friday", "this weekend". */
static int m_relative(const ctx *c, int i, timex *t)
{
    int dir, j = i + 1;
    if (is(c, i, "LAST") || is(c, i, "PAST") || is(c, i, "PREVIOUS")) dir = -1;
    else if (is(c, i, "THIS") || is(c, i, "CURRENT")) dir = 0;
    else if (is(c, i, "NEXT") || is(c, i, "COMING")) dir = 1;
    else if (is(c, i, "THE") && (is(c, i + 1, "PAST") || is(c, i + 1, "LAST") || is(c, i + 1, "PREVIOUS"))) dir = -1, j = i + 2;
    else if (is(c, i, "THE") && (is(c, i + 1, "CURRENT") || is(c, i + 1, "PRESENT"))) dir = 0, j = i + 2;
    else if (is(c, i, "THE") && (is(c, i + 1, "COMING") || is(c, i + 1, "NEXT"))) dir = 1, j = i + 2;
    else return 0;
    if (dir < 0 && j == i + 1 && elliptic_last(c, i, t)) return i + 1;
    if (dir == 0 && is(c, i, "THIS") && is(c, j, "PAST")) dir = -1, j++;
    if (is(c, j, "FISCAL")) j++;
    bool pl;
    int u = unit_at(c, j, &pl);
    if (u && !pl) {
        switch (u) {
        case U_WEEK: set_week(t, c->adays + 7 * dir); return j + 1;
        case U_WEEKEND: {
            int32_t sat = c->adays - (weekday_of(c->adays) - 1) + 5 + 7 * dir;
            if (dir < 0 && weekday_of(c->adays) >= 6) sat += 7;   /* on a Sunday, "last weekend" is this one */
            set_week(t, sat);
            strcat(t->value, "-WE");
            return j + 1;
        }
        case U_MONTH: set_month(t, c->ay, c->am + dir); return j + 1;
        case U_QUARTER:
            /* "This quarter's loss includes charges": in a report's figures, the quarter reported on */
            if (dir == 0 && is(c, i, "THIS") && c->w[j].poss && c->money && the_named_quarter(c, t)) return j + 1;
            set_quarter(t, c->ay, quarter_of(c->am) + dir);
            return j + 1;
        case U_YEAR: set_year(t, c->ay + dir); return j + 1;
        case U_DECADE: {
            char v[24];
            snprintf(v, sizeof v, "%03dX", (c->ay / 10) + dir);
            set_text(t, TIMEX_DATE, v);
            return j + 1;
        }
        case U_CENTURY: {
            char v[24];
            snprintf(v, sizeof v, "%02dXX", (c->ay / 100) + dir);
            set_text(t, TIMEX_DATE, v);
            return j + 1;
        }
        default: return 0;
        }
    }
    int s = in_list(c, j, seasons);
    if (s >= 0) {
        /* the season's last month: "last summer" is the most recent summer already over */
        static const int end_month[] = {5, 8, 11, 11, 2};
        int y = c->ay;
        if (dir < 0 && c->am <= end_month[s] + (s == 4 ? 0 : 0)) y--;
        if (dir > 0 && c->am >= end_month[s] - 2) y++;
        if (s == 4 && dir < 0 && c->am > 2) y = c->ay - 1;
        char v[24];
        snprintf(v, sizeof v, "%04d-%s", y, season_code[s]);
        set_text(t, TIMEX_DATE, v);
        return j + 1;
    }
    int wd = weekday_at(c, j);
    if (wd && i == j - 1 && dir != 0) {
        set_day(t, weekday_days(c, wd, c_tense(c), dir), NULL);
        return j + 1;
    }
    if (wd && dir == 0) { set_day(t, weekday_days(c, wd, 1, 0), NULL); return j + 1; }
    return 0;
}

/* The tense for a weekday: the verb right before it ("announced Wednesday", "met on Monday") when there
   is one, reporting verbs included; else a strong cue right after it ("a service planned for Saturday was
   canceled"); else the sentence's nearest cue. */
static int weekday_tense(const ctx *c, int i)
{
    int j = i - 1 - is(c, i - 1, "ON");
    /* "as soon as Tuesday", "as early as Monday": the earliest a thing expected can happen */
    if (is(c, i - 1, "AS") && (is(c, i - 2, "SOON") || is(c, i - 2, "EARLY")) && is(c, i - 3, "AS")) return 1;
    if (j >= 0 && word_tense(c, j)) return word_tense(c, j);   /* reporting verbs included, not after "be" */
    int after = i + 1 < c->n ? word_tense(c, i + 1) : 0;
    if (after == -2 || after == 2) return after;
    /* fronted ("On Friday, the government planned to pay"): the day of the clause's own verb, so a plan
       made in the past ("planned", "scheduled") was made on a day gone by */
    if (j < 0 && is(c, i + 1, ",")) {
        int k = i + 2;
        while (k < c->n && !word_tense(c, k)) k++;
        if (k < c->n && word_tense(c, k) > 0 && c->w[k].len > 3 && ends_ci(c->w[k].w, c->w[k].len, "ed", 2))
            return -2;
    }
    return c_tense(c);
}

/* "Tuesday", "Tuesday morning", "the previous Friday". */
static int m_weekday(const ctx *c, int i, timex *t)
{
    int shift = 0, j = i;
    if (is(c, i, "THE") && (is(c, i + 1, "PREVIOUS") || is(c, i + 1, "FOLLOWING"))) {
        shift = is(c, i + 1, "PREVIOUS") ? -1 : 1;
        j = i + 2;
    }
    int wd = weekday_at(c, j);
    if (!wd) return 0;
    /* a possessive weekday names something that has happened ("get around Wednesday's ruling"): the
       day is the story's or one before it, whatever the sentence's tense */
    int32_t d = weekday_days(c, wd, c->w[j].poss ? -1 : weekday_tense(c, j), shift);
    if (shift) uses_ref(c);
    if (shift && c->ref_unit == DATE_DAY) {   /* "the previous Friday": the one before the day just named */
        int32_t r = date_to_days(c->ref);
        d = shift < 0 ? r - ((weekday_of(r) - wd + 6) % 7 + 1) : r + ((wd - weekday_of(r) + 6) % 7 + 1);
    }
    int p = day_part_at(c, j + 1);
    /* TimeBank mostly writes "Friday night" and "Tuesday morning" as the day alone; "Friday evening"
       and "Friday afternoon" keep their part of the day */
    if (p == 0 || p == 3) { set_day(t, d, NULL); return j + 2; }
    if (p >= 0) { set_day(t, d, (char[]){'T', day_part_code[p][0], day_part_code[p][1], 0}); return j + 2; }
    /* "Tuesday nights": every one */
    static const char *const parts[] = {"MORNINGS", "AFTERNOONS", "EVENINGS", "NIGHTS", NULL};
    if (!shift && (p = in_list(c, j + 1, parts)) >= 0) {
        snprintf(t->value, sizeof t->value, "XXXX-WXX-%dT%s", wd, day_part_code[p]);
        t->type = TIMEX_SET;
        return j + 2;
    }
    /* "on Monday and Tuesday nights": the plural part goes with both days */
    if (!shift && (is(c, j + 1, "AND") || is(c, j + 1, "OR")) && weekday_at(c, j + 2) &&
        (p = in_list(c, j + 3, parts)) >= 0) {
        snprintf(t->value, sizeof t->value, "XXXX-WXX-%dT%s", wd, day_part_code[p]);
        t->type = TIMEX_SET;
        return j + 1;
    }
    set_day(t, d, NULL);
    return j + 1;
}

/* "two days ago", "a year ago", "five months earlier", "years ago". */
static int m_ago(const ctx *c, int i, timex *t)
{
    int n = 1, j = count_at(c, i, &n);
    if (!j) j = i, n = COUNT_VAGUE;
    bool pl;
    int u = unit_at(c, j, &pl);
    if (!u || (j == i && !pl)) return 0;
    if (is(c, j + 1, "OR") && is(c, j + 2, "SO")) j += 2;   /* "a week or so ago" */
    if (!(is(c, j + 1, "AGO") || is(c, j + 1, "EARLIER") || is(c, j + 1, "BEFORE")))
        return 0;
    if (is(c, j + 1, "BEFORE") && j + 2 < c->n && c->w[j + 2].cap == 0 && !is(c, j + 2, ",") && !is(c, j + 2, "."))
        return 0;   /* "two days before the vote" names no date of its own */
    int sign = is(c, j + 1, "LATER") ? 1 : -1;
    if (n == COUNT_VAGUE) { set_text(t, TIMEX_DATE, sign < 0 ? "PAST_REF" : "FUTURE_REF"); return j + 2; }
    switch (u) {
    case U_DAY: set_day(t, c->adays + sign * n, NULL); break;
    case U_WEEK: set_week(t, c->adays + sign * 7 * n); break;
    case U_MONTH: set_month(t, c->ay, c->am + sign * n); break;
    case U_QUARTER: set_quarter(t, c->ay, quarter_of(c->am) + sign * n); break;
    case U_YEAR:
        /* "For the quarter ended Sept. 30, Delta earned $133 million, up from $100 million a year earlier":
           the same day a year before the one the sentence named */
        if (n == 1 && sign < 0 && is(c, j + 1, "EARLIER") && c->period_end) {
            ymd r = c->period_end;
            int ry = r / 10000 - 1, rm = r / 100 % 100, rd = r % 100;
            set_day(t, days_of(ry, rm, rd > days_in_month(ry, rm) ? days_in_month(ry, rm) : rd), NULL);
        } else if (c->money && c->quarter && n == 1 && sign < 0) set_year_ago_quarter(c, t);
        else set_year(t, c->ay + sign * n);
        break;
    case U_DECADE: set_year(t, c->ay + sign * 10 * n); break;
    default: {   /* hours, minutes: a time of the anchor's day we cannot place */
        set_day(t, c->adays, NULL);
        break;
    }
    }
    return j + 2;
}

/* Quarters and halves: "the first quarter", "third-quarter", "the 1988 third quarter", "last year's
   fourth quarter", "the first quarter of 1990", "the quarter", "the year-earlier quarter", "the first half". */
static int m_quarter(const ctx *c, int i, timex *t)
{
    int j = i, y = 0, yshift = 0;
    bool the = false, latest = false, year_ago = false;
    if (is(c, j, "THE")) the = true, j++;
    if (is(c, j, "LATEST") || is(c, j, "MOST")) { latest = true; j += is(c, j, "MOST") && is(c, j + 1, "RECENT") ? 2 : 1; }
    bool same = is(c, j, "COMPARABLE") || is(c, j, "SAME") || is(c, j, "CORRESPONDING");
    if (same) j++;
    if ((is(c, j, "LAST") || is(c, j, "THIS") || is(c, j, "NEXT")) && is(c, j + 1, "YEAR") && c->w[j + 1].poss) {
        /* "last year's": the possessive was split off the word (its bytes are in the word's span) */
        yshift = is(c, j, "LAST") ? -1 : is(c, j, "NEXT") ? 1 : 0;
        j += 2;
    } else if (is(c, j, "YEAR") && (is(c, j + 1, "EARLIER") || is(c, j + 1, "AGO"))) {
        year_ago = true;
        j += 2;
    } else if ((y = year_at(c, j)) && the) {
        j++;
    }
    if (is(c, j, "FISCAL")) j++;
    if (the && (is(c, j, "LAST") || is(c, j, "LATTER")) && is(c, j + 1, "HALF") && is(c, j + 2, "OF") &&
        year_at(c, j + 3)) {   /* "the last half of 1989" */
        char v[24];
        snprintf(v, sizeof v, "%04d-H2", year_at(c, j + 3));
        set_text(t, TIMEX_DATE, v);
        return j + 4;
    }
    int q = ordinal_at(c, j);
    if (q) j++;
    /* "in the second and fourth quarters": each the quarter of any year, the first ordinal alone */
    bool first_of_pair = q && is(c, j, "AND") && ordinal_at(c, j + 1) && is(c, j + 2, "QUARTERS");
    if (first_of_pair || (q && !the && is(c, j, "QUARTERS") && is(c, i - 1, "AND") && ordinal_at(c, i - 2))) {
        char v[24];
        snprintf(v, sizeof v, "XXXX-Q%d", q);
        set_text(t, TIMEX_SET, v);
        return first_of_pair ? j : j + 1;
    }
    if (q && the && j == i + 2 && j < c->n && c->w[j].joined) return 0;   /* "the third-quarter loss": the adjective alone */
    /* "the first two quarters of 1990" is its first half */
    bool two_quarters = q == 1 && is(c, j, "TWO") && is(c, j + 1, "QUARTERS");
    if (two_quarters) j++;
    if ((is(c, j, "HALF") && q && q <= 2) || two_quarters) {
        int yy = y ? y : c->ay + yshift;
        int k = j + 1;
        if (is(c, k, "OF") && year_at(c, k + 1)) yy = year_at(c, k + 1), k += 2;
        char v[24];
        snprintf(v, sizeof v, "%04d-H%d", yy, q);
        set_text(t, TIMEX_DATE, v);
        return k;
    }
    bool pl;
    int n, e;
    /* "the year-earlier nine months": a stretch of that many months, as "the first nine months" is */
    if (the && year_ago && (e = count_at(c, j, &n)) && n > 1 && unit_at(c, e, &pl) == U_MONTH && pl) {
        set_duration(t, TIMEX_DURATION, n, U_MONTH);
        return e + 1;
    }
    if (unit_at(c, j, &pl) != U_QUARTER || pl) {
        if (year_ago && (is(c, j, "PERIOD"))) {
            set_year_ago_quarter(c, t);
            return j + 1;
        }
        if (the && latest && is(c, j, "PERIOD")) {
            if (!the_named_quarter(c, t)) set_quarter(t, c->ay, quarter_of(c->am) - 1);
            return j + 1;
        }
        /* "the 1989 period": in a report on a quarter the story named, that quarter of 1989 ("In the 1988
           period, the company earned $20.6 million" after "the fiscal first quarter"); else the year's */
        if (the && y && !q && is(c, j, "PERIOD")) {
            if (c->quarter && c->money) set_quarter(t, y, quarter_of(c->quarter / 100 % 100));
            else set_year(t, y);
            return j + 1;
        }
        /* "the corresponding period last year", "the same period a year ago" */
        e = is(c, j + 1, "LAST") && is(c, j + 2, "YEAR") ? j + 3
                : is(c, j + 1, "A") && is(c, j + 2, "YEAR") && (is(c, j + 3, "AGO") || is(c, j + 3, "EARLIER")) ? j + 4
                                                                                                             : 0;
        if (the && same && is(c, j, "PERIOD") && e) {
            if (c->money) set_year_ago_quarter(c, t);
            else set_year(t, c->ay - 1);
            return e;
        }
        return 0;
    }
    if (!q && !the && !year_ago && !yshift) return 0;   /* "quarter" alone */
    if (!q && j + 1 < c->n && c->w[j + 1].joined) return 0;   /* "the quarter-to-quarter comparison" */
    int k = j + 1;
    if (is(c, k, "OF") && year_at(c, k + 1)) y = year_at(c, k + 1), k += 2;
    else if (is(c, k, ",") && year_at(c, k + 1)) y = year_at(c, k + 1), k += 2;
    if (!y && !yshift && !year_ago && is(c, k, "A") && is(c, k + 1, "YEAR") && (is(c, k + 2, "AGO") || is(c, k + 2, "EARLIER")))
        year_ago = true, k += 3;   /* "the quarter a year ago" */
    if (!q) {   /* the quarter being reported on: the one the story named (a fiscal quarter), else the last one over */
        if (!y && !yshift && !year_ago && the_named_quarter(c, t)) return k;
        set_quarter(t, (y ? y : c->ay) + yshift - (year_ago ? 1 : 0), quarter_of(c->am) - 1 + (y ? 4 * 0 : 0));
        return k;
    }
    if (!y) {
        y = c->ay + yshift - (year_ago ? 1 : 0);
        /* in January, "the fourth quarter" that has been reported is last year's */
        if (!yshift && !year_ago && q > quarter_of(c->am) && c_tense(c) < 0) y--;
    }
    set_quarter(t, y, q);
    return k;
}

/* ---- holidays ---- */

/* Holidays news English names as dates, with how to find their day in a year. Only holidays whose name
   is unambiguous in English-language news (US federal holidays and the Christian feasts news dates by). */
enum hrule { H_FIXED, H_NTH_WEEKDAY, H_LAST_WEEKDAY, H_EASTER };
typedef struct {
    const char *words[3];  /* the name, word by word (the possessive of "New Year's" is split off) */
    uint8_t rule;          /* enum hrule */
    int8_t month, n;       /* H_FIXED: month and day; H_NTH_WEEKDAY: month and which (1..4) */
    int8_t wday;           /* the weekday for the weekday rules (Monday 1); H_EASTER: days after Easter */
    bool day_follows;      /* "Thanksgiving Day", "Christmas Day", "Easter Sunday" mean the same day */
} holiday;

static const holiday holidays[] = {
    {{"CHRISTMAS", "EVE"}, H_FIXED, 12, 24, 0, false},
    {{"CHRISTMAS"}, H_FIXED, 12, 25, 0, true},
    {{"NEW", "YEAR", "EVE"}, H_FIXED, 12, 31, 0, false},
    {{"NEW", "YEAR"}, H_FIXED, 1, 1, 0, true},
    {{"HALLOWEEN"}, H_FIXED, 10, 31, 0, false},
    {{"VETERANS", "DAY"}, H_FIXED, 11, 11, 0, false},
    {{"THANKSGIVING"}, H_NTH_WEEKDAY, 11, 4, 4, true},
    {{"LABOR", "DAY"}, H_NTH_WEEKDAY, 9, 1, 1, false},
    {{"MEMORIAL", "DAY"}, H_LAST_WEEKDAY, 5, 0, 1, false},
    /* the Tuesday after the first Monday of November: the first Tuesday from Nov. 2 */
    {{"ELECTION", "DAY"}, H_FIXED, 11, 2, 2, false},
    {{"GOOD", "FRIDAY"}, H_EASTER, 0, 0, -2, false},
    {{"EASTER"}, H_EASTER, 0, 0, 0, true},
};

/* Easter Sunday of year y (the Gregorian computus, Meeus/Jones/Butcher), as days since 1970. */
static int32_t easter_days(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return days_of(y, month, day);
}

static int32_t holiday_days(const holiday *h, int y)
{
    if (h->rule == H_EASTER) return easter_days(y) + h->wday;
    if (h->rule == H_LAST_WEEKDAY) {
        int32_t last = days_of(y, h->month, days_in_month(y, h->month));
        return last - (weekday_of(last) - h->wday + 7) % 7;
    }
    int32_t first = days_of(y, h->month, h->rule == H_FIXED ? h->n : 1);
    if (h->rule == H_FIXED && !h->wday) return first;
    int32_t d = first + (h->wday - weekday_of(first) + 7) % 7;   /* the first such weekday from `first` */
    return h->rule == H_NTH_WEEKDAY ? d + 7 * (h->n - 1) : d;
}

/* The first word of every holiday's name is W_HOLIDAY in the class table. */
static void holidays_init(void)
{
    for (size_t k = 0; k < sizeof holidays / sizeof *holidays; k++)
        class_set(holidays[k].words[0], strlen(holidays[k].words[0]), W_HOLIDAY, 0);
}

static bool every_matcher;   /* (below: when_try_every_matcher) */

/* The holiday named at word i, or NULL; *end is the word after its name. A name begins with a W_HOLIDAY word:
   the others are turned away by a bit, not by a walk over the names (tests walk: every_matcher). */
static const holiday *holiday_at(const ctx *c, int i, int *end)
{
    if (i >= c->n || !c->w[i].cap || (!every_matcher && !(c->w[i].cls & W_HOLIDAY))) return NULL;
    for (size_t k = 0; k < sizeof holidays / sizeof *holidays; k++) {
        const holiday *h = &holidays[k];
        int j = i;
        for (int n = 0; n < 3 && h->words[n] && is(c, j, h->words[n]); n++) j++;
        int len = 0;
        while (len < 3 && h->words[len]) len++;
        if (j - i != len) continue;
        if (h->day_follows && (is(c, j, "DAY") || (h->rule == H_EASTER && is(c, j, "SUNDAY")))) j++;
        *end = j;
        return h;
    }
    return NULL;
}

/* Is the year at word i the end of a name ("a joint venture called Orion 1980")? After a capitalised word
   inside the sentence that names no time of its own (a month, weekday, holiday or season: "Christmas
   1998"), itself not a possessive ("Navigation Mixte's 1989 profit") nor "Fiscal". */
static bool year_in_name(const ctx *c, int i)
{
    if (i < 2) return false;
    const word *p = &c->w[i - 1];
    if (!p->cap || p->poss || !is_alpha(p->w[0]) || p->num >= 0 || p->len < 2) return false;
    for (size_t k = 1; k < p->len; k++)
        if (!is_alpha(p->w[k])) return false;   /* "Q3", "U.S." */
    int e;
    if (month_at(c, i - 1, &e) || weekday_at(c, i - 1) || holiday_at(c, i - 1, &e) || in_list(c, i - 1, seasons) >= 0 ||
        is(c, i - 1, "FISCAL") || is(c, i - 1, "FY"))
        return false;
    /* the word before the capitalised one is lower-case running text: "called Orion 1980", not a title */
    return !c->w[i - 2].cap && is_alpha(c->w[i - 2].w[0]);
}

/* "Thanksgiving Day", "last Christmas", "Christmas 1998", "Easter week", "Election Day": the holiday's
   day in the year given, else the nearest one when it is within a week of the story, else the last one
   before the story (news reports the past) unless the sentence speaks of the future. */
static int m_holiday(const ctx *c, int i, timex *t)
{
    int shift = is(c, i, "LAST") ? -1 : is(c, i, "NEXT") ? 1 : is(c, i, "THIS") ? 2 : 0;
    int j = i + (shift != 0), e;
    const holiday *h = holiday_at(c, j, &e);
    if (!h) return 0;
    int y = year_at(c, e + is(c, e, "OF"));
    if (y) e += 1 + is(c, e, "OF");
    int32_t before = holiday_days(h, c->ay), after = before, d;
    if (before > c->adays) before = holiday_days(h, c->ay - 1);
    if (after <= c->adays) after = holiday_days(h, c->ay + 1);
    if (y) d = holiday_days(h, y);
    else if (shift == 2) d = holiday_days(h, c->ay);
    else if (shift) d = shift < 0 ? before : after;
    else if (before == c->adays || after - c->adays <= 7 || c_tense(c) > 0) d = before == c->adays ? before : after;
    else d = before;
    if (h->rule == H_EASTER && !h->wday && is(c, e, "WEEK")) { set_week(t, d); return e + 1; }
    set_day(t, d, NULL);
    return e;
}

/* Seasons: "summer", "the summer of 1998", "summer 1998" (with last / this / next in m_relative). */
static int m_season(const ctx *c, int i, timex *t)
{
    int j = i + is(c, i, "THE");
    int s = in_list(c, j, seasons);
    if (s < 0) return 0;
    int y = 0, k = j + 1, ye;
    if (is(c, k, "OF") && year_at(c, k + 1)) y = year_at(c, k + 1), k += 2;
    else if (is(c, k, "OF") && (y = spoken_year_at(c, k + 1, false, &ye))) k = ye;
    else if (year_at(c, k)) y = year_at(c, k), k++;
    /* "fall" and "spring" are verbs and nouns too: alone they want "the", "in" or a year */
    if (!y && (s == 0 || s == 2) && j == i && !is(c, i - 1, "IN")) return 0;
    if (!y && is(c, k, "OF")) return 0;   /* "the fall of the Berlin Wall" */
    char v[24];
    snprintf(v, sizeof v, "%04d-%s", y ? y : c->ay, season_code[s]);
    set_text(t, TIMEX_DATE, v);
    return k;
}

/* Clock times: "10 a.m.", "10:30 p.m. EST", "noon Saturday", "midnight Friday". */
static int m_clock(const ctx *c, int i, timex *t)
{
    int h = -1, mi = 0, j = i;
    if (is(c, i, "NOON") || is(c, i, "MIDDAY")) h = 12, j = i + 1;
    else if (is(c, i, "MIDNIGHT")) h = 24, j = i + 1;
    else if (c->w[i].num >= 0 && c->w[i].num <= 12 && c->w[i].digits <= 2) {
        h = c->w[i].num;
        j = i + 1;
        if (is(c, j, ":") && j + 1 < c->n && c->w[j + 1].num >= 0 && c->w[j + 1].digits == 2 && c->w[j + 1].num < 60)
            mi = c->w[j + 1].num, j += 2;
        bool am = is(c, j, "A.M.") || is(c, j, "AM") || is(c, j, "A.M");
        bool pm = is(c, j, "P.M.") || is(c, j, "PM") || is(c, j, "P.M");
        /* "4 in the morning", "8 in the evening" */
        int part = is(c, j, "IN") && is(c, j + 1, "THE") ? in_list(c, j + 2, day_parts) : -1;
        if (part >= 0 && h >= 1 && !is(c, j + 2, "NIGHT")) {
            pm = part >= 1 && h < 12 && (part > 1 || h < 7);   /* "in the afternoon" before 7, "the evening" */
            am = !pm;
            j += 2;
        }
        if (!am && !pm) {
            if (!(is(c, j, "O'CLOCK"))) return 0;
        }
        if (pm && h < 12) h += 12;
        if (am && h == 12) h = 0;
        j++;
    } else {
        return 0;
    }
    static const char *const zones[] = {"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST",
                                        "CET", NULL};
    if (in_list(c, j, zones) >= 0) j++;
    int32_t d = c->adays;
    int k = j + is(c, j, ",") + is(c, j, "ON");
    int wd = weekday_at(c, k), r;
    timex cal = {0};
    int ce = m_calendar(c, k, &cal);
    if (ce && cal.precision == DATE_DAY) d = date_to_days(cal.date), j = ce;
    else if (wd) d = weekday_days(c, wd, c_tense(c), 0), j = k + 1;
    else if ((r = in_list(c, k, (const char *const[]){"YESTERDAY", "TODAY", "TOMORROW", NULL})) >= 0) d += r - 1, j = k + 1;
    else if (uses_ref(c), c->ref_unit == DATE_DAY) d = date_to_days(c->ref);
    char suffix[12];
    snprintf(suffix, sizeof suffix, "T%02d:%02d", h, mi);
    set_day(t, d, suffix);
    return j;
}

/* A half unit more on a duration's value, in the next smaller unit: "P2Y" → "P2Y6M", "PT5H" → "PT5H30M". */
static void add_half(timex *t, int unit)
{
    static const char *const half[] = {[U_MINUTE] = "30S", [U_HOUR] = "30M", [U_DAY] = "T12H", [U_MONTH] = "15D",
                                       [U_YEAR] = "6M"};
    if (unit < (int)(sizeof half / sizeof *half) && half[unit] && strlen(t->value) + 5 < sizeof t->value)
        strcat(t->value, half[unit]);
}

/* "24 hours a day", "seven days a week", "365 days a year": the whole of the larger unit, i.e. always, no
   span of time and no rate. k is the count's word. */
static bool around_the_clock(const ctx *c, int k)
{
    static const struct { uint8_t small; uint16_t n; uint8_t big; } whole[] = {
        {U_SECOND, 60, U_MINUTE}, {U_MINUTE, 60, U_HOUR}, {U_HOUR, 24, U_DAY}, {U_DAY, 7, U_WEEK},
        {U_DAY, 365, U_YEAR}, {U_WEEK, 52, U_YEAR}, {U_MONTH, 12, U_YEAR}};
    int n, e = k >= 0 ? count_at(c, k, &n) : 0;
    if (!e || !(is(c, e + 1, "A") || is(c, e + 1, "AN") || is(c, e + 1, "PER"))) return false;
    bool pl, big_pl;
    int small = unit_at(c, e, &pl);
    if (!small || !pl) return false;
    int big = unit_at(c, e + 2, &big_pl);
    for (size_t w = 0; w < sizeof whole / sizeof *whole; w++)
        if (whole[w].small == small && whole[w].n == n && whole[w].big == big && !big_pl) return true;
    return false;
}

/* Is the article at word a the "a" of "24 hours a day" (around_the_clock)? */
static bool clock_article(const ctx *c, int a)
{
    bool pl;
    if (!(is(c, a, "A") || is(c, a, "AN")) || !unit_at(c, a - 1, &pl) || !pl) return false;
    for (int k = a - 3; k <= a - 2; k++) {
        int n;
        if (k >= 0 && count_at(c, k, &n) == a - 1 && around_the_clock(c, k)) return true;
    }
    return false;
}

/* Durations: "three years", "two weeks", "48 hours", "the past two months", "the first nine months",
   "five-year", "several years", "years"; sets: "every week", "each Thursday", "daily", "a year" after an
   amount. */
static int m_duration(const ctx *c, int i, timex *t)
{
    int j = i;
    bool the = is(c, j, "THE");
    if (the) j++;
    bool led = in_list_gated(c, j, duration_leads) >= 0;
    if (led) j++;
    /* "a three-year period": the article goes with the period */
    bool article = !the && !led && (is(c, j, "A") || is(c, j, "AN")) && j + 2 < c->n && c->w[j + 2].joined &&
                   (c->w[j + 1].num >= 0 || in_list(c, j + 1, small_nums) >= 0);
    if (article) j++;
    int n = 1, k = count_at(c, j, &n);
    bool pl;
    int u;
    int n2;   /* "two to three weeks", "12 to 18 months": the range, valued at its start */
    if (k && is(c, k, "TO") && count_at(c, k + 1, &n2) && n2 > n && !is(c, i - 1, "EQUAL")) k = count_at(c, k + 1, &n2);
    if (k && (is(c, k, "TRADING") || is(c, k, "BUSINESS") || is(c, k, "WORKING")) && unit_at(c, k + 1, &pl) == U_DAY)
        k++;   /* "eight trading days" */
    if (k) {
        /* "2 1/2 years": a half more */
        bool half = is(c, k, "1") && is(c, k + 1, "/") && is(c, k + 2, "2") && c->w[k + 1].tight && c->w[k + 2].tight;
        if (half) k += 3;
        if (is(c, k, "MORE") || is(c, k, "ADDITIONAL") || is(c, k, "FULL") || is(c, k, "STRAIGHT") ||
            is(c, k, "CONSECUTIVE"))
            k++;
        u = unit_at(c, k, &pl);
        if (!u || u == U_WEEKEND) return 0;
        if (!the && !led && (pl ? around_the_clock(c, j) : n == 1 && clock_article(c, j))) return 0;
        /* "more than a quarter of the market": a fraction, not three months */
        if (u == U_QUARTER && !pl && n == 1 && is(c, k + 1, "OF") && !year_at(c, k + 2) && !is(c, k + 2, "A")) return 0;
        if (n == 1 && pl && c->w[j].num < 0) return 0;   /* "a years" */
        if (n == 0) return 0;
        if ((the || led) && c->w[k].joined) return 0;   /* "the five-year plan": the adjective alone */
        if (is(c, k + 1, "OLD") || (pl && c->w[k].joined)) return 0;   /* ages; "three-quarters" */
        /* "a second group", "a second betrayal": the ordinal before its noun, not the unit */
        if (u == U_SECOND && !pl && k + 1 < c->n && is_alpha(c->w[k + 1].w[0]) && !c->w[k + 1].cap &&
            !is(c, k + 1, "LATER") && !is(c, k + 1, "AGO") && !is(c, k + 1, "EARLIER") && !is(c, k + 1, "OR") &&
            !is(c, k + 1, "AND") && !is(c, k + 1, "IN") && !is(c, k + 1, "FOR") && !is(c, k + 1, "TO"))
            return 0;
        /* "$5 million a year", "twice a day": a rate, not a span of time */
        int p = i - 1;
        bool rate = !the && !led && (is(c, j, "A") || is(c, j, "AN")) &&
                    (is(c, p, "MILLION") || is(c, p, "BILLION") || is(c, p, "PERCENT") || is(c, p, "%") ||
                     is(c, p, "TWICE") || is(c, p, "TIMES") || is(c, p, "ONCE") || (p >= 0 && c->w[p].num >= 0));
        set_duration(t, rate ? TIMEX_SET : TIMEX_DURATION, n, u);
        /* "Islam will one day be the second religion": some day ahead, not a day's length */
        static const char *const modals[] = {"WILL", "WOULD", "COULD", "MIGHT", "MAY", "CAN", "SHALL", NULL};
        if (u == U_DAY && !pl && is(c, j, "ONE") && j == i && in_list(c, i - 1, modals) >= 0)
            set_text(t, TIMEX_DATE, "FUTURE_REF");
        k++;
        /* "an hour and a half" */
        if (!half && is(c, k, "AND") && is(c, k + 1, "A") && is(c, k + 2, "HALF")) half = true, k += 3;
        if (half && n > 0) add_half(t, u);
        if (is(c, k, "-") && is(c, k + 1, "LONG")) k += 2;
        if (is(c, k, "LONG") && c->w[k].tight) k++;
        /* "a one-year term", "a three-year period": the noun is the span's */
        static const char *const span_nouns[] = {"PERIOD", "TERM", "SPAN", "STRETCH", NULL};
        if (c->w[k - 1].joined && in_list(c, k, span_nouns) >= 0) return k + 1;
        if (article) return 0;
        return k;
    }
    /* "the latest fiscal year": the last one reported, last year */
    if (the && led && is(c, j - 1, "LATEST") && is(c, j + is(c, j, "FISCAL"), "YEAR")) {
        set_year(t, c->ay - 1);
        return j + 1 + is(c, j, "FISCAL");
    }
    if (the && !led) {   /* "the year", "the quarter" (in m_quarter), "the weekend", "the week" */
        if (is(c, j, "FULL") && is(c, j + 1, "YEAR")) { set_year(t, c->ay); return j + 2; }
        int f = is(c, j, "FISCAL");
        if (is(c, j + f, "YEAR") && !(j + f + 1 < c->n && c->w[j + f + 1].joined)) {
            /* "the (fiscal) year ended Sept. 30" is a twelve-month period; otherwise "the year" is the
               story's ("a high for the year", "by the end of the year", "earlier in the year") */
            static const char *const period[] = {"ENDED", "ENDING", "TO", "THROUGH", "BEFORE", "EARLIER", "AGO",
                                                 "AFTER", "LATER", NULL};
            if (in_list(c, j + f + 1, period) >= 0) set_duration(t, TIMEX_DURATION, 1, U_YEAR);
            else set_year(t, c->ay);
            return j + f + 1;
        }
        /* "by the end of the month": the story's month */
        if (is(c, j, "MONTH") && !c->w[j].joined && is(c, j - 2, "OF")) { set_month(t, c->ay, c->am); return j + 1; }
        /* "for the week, the index dropped", "the week's most active session": a week of the story's year
           the words do not pin down (the one just over, or the story's), which TimeBank writes "1989-WXX" */
        static const char *const not_this[] = {"OF", "ENDED", "ENDING", "BEFORE", "AFTER", "EARLIER", "LATER", "AGO",
                                               "THAT", "WHEN", "IN", NULL};
        if (is(c, j, "WEEK") && !c->w[j].joined && in_list(c, j + 1, not_this) < 0) {
            char v[24];
            snprintf(v, sizeof v, "%04d-WXX", c->ay);
            set_text(t, TIMEX_DATE, v);
            return j + 1;
        }
        if (is(c, j, "WEEKEND")) {
            int32_t sat = c->adays - (weekday_of(c->adays) - 1) + 5;
            if (c_tense(c) < 0 || weekday_of(c->adays) < 5) sat -= 7;
            set_week(t, sat);
            strcat(t->value, "-WE");
            return j + 1;
        }
        return 0;
    }
    /* vague plurals: "years", "several months", "recent weeks", "the next few days" */
    u = unit_at(c, j, &pl);
    /* "their third day-long meeting", "a decades-long battle": the adjective's span */
    if (u && u != U_WEEKEND && !the && !led && j == i && is(c, j + 1, "LONG") && c->w[j + 1].joined) {
        set_duration(t, TIMEX_DURATION, pl ? COUNT_VAGUE : 1, u);
        return j + 2;
    }
    /* bare "months" and "quarters" are as often no time expression at all */
    if (u && pl && !is(c, j + 1, "OLD") && (u == U_YEAR || u == U_WEEK || u == U_DECADE || u == U_CENTURY || led)) {
        if (led && (is(c, j - 1, "COMING") || is(c, j - 1, "NEXT"))) { set_text(t, TIMEX_DATE, "FUTURE_REF"); return j + 1; }
        /* "there were sell programs in past years, too": without its article, earlier times, no stretch */
        if (led && !the && is(c, j - 1, "PAST")) { set_text(t, TIMEX_DATE, "PAST_REF"); return j + 1; }
        set_duration(t, TIMEX_DURATION, COUNT_VAGUE, u);
        return j + 1;
    }
    if (led) return 0;
    if ((is(c, i, "EVERY") || is(c, i, "EACH") || is(c, i, "PER")) && i + 1 < c->n) {
        k = i + 1;
        n = 1;
        int e = count_at(c, k, &n);
        if (e && n > 1) k = e;
        u = unit_at(c, k, &pl);
        /* "instructions per second", "miles per hour": a unit of speed after the thing counted, not a time
           (a wage "$7 per hour" follows its figure) */
        bool speed = is(c, i, "PER") && k == i + 1 && u <= U_HOUR && i > 0 && c->w[i - 1].num < 0 &&
                     !(c->w[i - 1].cls & W_MONEY) && !(c->w[i - 1].cls & W_NUMBER);
        if (u && u != U_WEEKEND && !speed) { set_duration(t, TIMEX_SET, n, u); return k + 1; }
        int wd = weekday_at(c, k), m, mj;
        if (wd) { snprintf(t->value, sizeof t->value, "XXXX-WXX-%d", wd); t->type = TIMEX_SET; return k + 1; }
        if ((m = month_at(c, k, &mj))) { snprintf(t->value, sizeof t->value, "XXXX-%02d", m); t->type = TIMEX_SET; return mj; }
        return 0;
    }
    static const char *const adverb_value[] = {"P1D", "P1W", "P1M", "P1Y", "PT1H", "P1D"};
    int a = in_list(c, i, adverbs);
    /* "average daily volume": a measure's period, which TimeBank leaves out */
    if (a >= 0 && is(c, i - 1, "AVERAGE")) return 0;
    if (a >= 0) { set_text(t, TIMEX_SET, adverb_value[a]); return i + 1; }
    return 0;
}

/* Adjectives that place a noun in time: "recent years", "the recent sale", "current conditions",
   "future demand", "year-earlier results". */
static int m_recent(const ctx *c, int i, timex *t)
{
    bool pl;
    if (is(c, i, "YEAR") && i + 1 < c->n && c->w[i + 1].joined && (is(c, i + 1, "AGO") || is(c, i + 1, "EARLIER"))) {
        if (c->money) set_year_ago_quarter(c, t);
        else set_year(t, c->ay - 1);
        return i + 2;
    }
    /* only before a lower-case noun: "Current Affairs" is a name, "the current quarter" is m_relative's */
    bool noun = i + 1 < c->n && is_lower((unsigned char)c->w[i + 1].w[0] | 0x20) && !c->w[i + 1].cap &&
                c->w[i + 1].num < 0 && is_alpha(c->w[i + 1].w[0]);
    if (is(c, i, "RECENT")) {
        int u = unit_at(c, i + 1, &pl);
        /* TimeBank reads "recent weeks" as a stretch of time (PXW) and "recent years" as the past */
        if (u && pl && u != U_YEAR && u != U_DECADE && u != U_CENTURY) set_duration(t, TIMEX_DURATION, COUNT_VAGUE, u);
        else if (u && pl) set_text(t, TIMEX_DATE, "PAST_REF");
        if (u && pl) return i + 2;
        return 0;   /* "the recent sale": as often a time expression in TimeBank as not */
    }
    if (!noun || c->w[i].cap) return 0;
    if (is(c, i, "CURRENT")) { set_text(t, TIMEX_DATE, "PRESENT_REF"); return i + 1; }
    return 0;
}

/* Times named by reference to one the story has just named: "that year", "later that year", "the same
   day", "the following month", "the next day", "that quarter". */
static int m_anaphor(const ctx *c, int i, timex *t)
{
    int j = i;
    int shift;
    if (is(c, i, "THEN") && (is(c, i - 1, "UNTIL") || is(c, i - 1, "TILL"))) {   /* "until then": the date named */
        uses_ref(c);
        if (!c->ref_named) return 0;
        ymd r = c->ref;
        switch (c->ref_unit) {
        case DATE_DAY: set_day(t, date_to_days(r), NULL); break;
        case DATE_MONTH: set_month(t, r / 10000, r / 100 % 100); break;
        case DATE_YEAR: set_year(t, r / 10000); break;
        default: set_quarter(t, r / 10000, quarter_of(r / 100 % 100)); break;
        }
        return i + 1;
    }
    if (is(c, i, "THAT")) shift = 0, j++, j += is(c, j, "SAME");
    else if (is(c, i, "THE") && is(c, i + 1, "SAME")) shift = 0, j += 2;
    else if (is(c, i, "THE") && is(c, i + 1, "FOLLOWING")) shift = 1, j += 2;
    else if (is(c, i, "THE") && is(c, i + 1, "NEXT") && (is(c, i + 2, "DAY") || day_part_at(c, i + 2) >= 0))
        shift = 1, j += 2;
    else return 0;
    uses_ref(c);
    int p = day_part_at(c, j);
    if (p >= 0 && shift && c->ref_unit == DATE_DAY) {   /* "the next morning" */
        set_day(t, date_to_days(c->ref) + 1, (char[]){'T', day_part_code[p][0], day_part_code[p][1], 0});
        return j + 1;
    }
    bool pl;
    int u = unit_at(c, j, &pl);
    if (pl || (j + 1 < c->n && c->w[j + 1].joined)) return 0;
    ymd r = c->ref;
    int ry = r / 10000, rm = r / 100 % 100;
    switch (u) {
    case U_YEAR: set_year(t, ry + shift); return j + 1;
    case U_MONTH:
        if (c->ref_unit != DATE_DAY && c->ref_unit != DATE_MONTH) return 0;
        set_month(t, ry, rm + shift);
        return j + 1;
    case U_DAY:
        if (c->ref_unit == DATE_MONTH && !shift) {   /* "that same day" of "last October": a day of it */
            snprintf(t->value, sizeof t->value, "%04d-%02d-XX", ry, rm);
            t->type = TIMEX_DATE;
            return j + 1;
        }
        if (c->ref_unit != DATE_DAY) return 0;
        set_day(t, date_to_days(r) + shift, NULL);
        return j + 1;
    case U_QUARTER:
        if (c->ref_unit == DATE_YEAR) return 0;
        set_quarter(t, ry, quarter_of(rm) + shift);
        return j + 1;
    default: return 0;
    }
}

/* "the day before last Tuesday's hearing", "the day after Christmas": a day from the day named after it
   ("the day before the vote" names none); "the week of March 6": the ISO week of that day. */
static int m_day_next_to(const ctx *c, int i, timex *t)
{
    int j = i + is(c, i, "THE");
    bool week = is(c, j, "WEEK") && is(c, j + 1, "OF") && j > i;
    if (!week && (!is(c, j, "DAY") || !(is(c, j + 1, "BEFORE") || is(c, j + 1, "AFTER")))) return 0;
    static const matcher_fn day_matchers[] = {m_relative, m_weekday, m_calendar, m_holiday, m_deictic_word};
    for (size_t k = 0; k < sizeof day_matchers / sizeof *day_matchers; k++) {
        timex u = {0};
        int e = day_matchers[k](c, j + 2, &u);
        if (e && u.precision == DATE_DAY && u.type == TIMEX_DATE && week) {
            set_week(t, date_to_days(u.date));
            return e;
        }
        if (e && u.precision == DATE_DAY && u.type == TIMEX_DATE) {
            set_day(t, date_to_days(u.date) + (is(c, j + 1, "BEFORE") ? -1 : 1), NULL);
            return e;
        }
    }
    return 0;
}

/* "placed orders in the morning": the morning of the day just named (the story's when none is). */
static int m_day_part(const ctx *c, int i, timex *t)
{
    int p;
    if (!is(c, i, "THE") || !is(c, i - 1, "IN") || (p = day_part_at(c, i + 1)) < 0 || p == 3 || c->w[i + 1].poss)
        return 0;
    if (is(c, i + 2, "OF")) return 0;   /* "in the morning of March 3": the date says which */
    uses_ref(c);
    if (c->ref_unit != DATE_DAY) return 0;
    set_day(t, date_to_days(c->ref), (char[]){'T', day_part_code[p][0], day_part_code[p][1], 0});
    return i + 2;
}

/* "Today is the eighth day of Desert Shield", "It's the second day of an offensive": the story's day. */
static int m_nth_day(const ctx *c, int i, timex *t)
{
    static const char *const nth[] = {"FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH",
                                      "NINTH", "TENTH", NULL};
    if (!is(c, i, "THE") || in_list(c, i + 1, nth) < 0 || !is(c, i + 2, "DAY") || c->w[i + 2].poss) return 0;
    bool is_now = is(c, i - 1, "IS") || is(c, i - 1, "IT'S");
    if (!is_now) return 0;
    set_day(t, c->adays, NULL);
    return i + 3;
}

static const matcher_fn matchers[] = {m_calendar, m_quarter, m_relative, m_deictic_word, m_ago, m_clock,
                                   m_weekday, m_year, m_season, m_recent, m_duration, m_holiday, m_anaphor,
                                   m_day_next_to, m_nth_day, m_day_part};

/* ---- which matchers can begin at a word ---- */

/* Each matcher's bit in word.may, in the order of matchers[]. */
enum { M_CALENDAR = 1 << 0, M_QUARTER = 1 << 1, M_RELATIVE = 1 << 2, M_DEICTIC = 1 << 3, M_AGO = 1 << 4,
       M_CLOCK = 1 << 5, M_WEEKDAY = 1 << 6, M_YEAR = 1 << 7, M_SEASON = 1 << 8, M_RECENT = 1 << 9,
       M_DURATION = 1 << 10, M_HOLIDAY = 1 << 11, M_ANAPHOR = 1 << 12, M_DAY_NEXT_TO = 1 << 13,
       M_NTH_DAY = 1 << 14, M_DAY_PART = 1 << 15 };
/* The matchers a word beginning with a digit can start: dates, clock times, years, counts, "1st". */
enum { M_DIGIT_MAY = M_CALENDAR | M_QUARTER | M_AGO | M_CLOCK | M_YEAR | M_DURATION };
_Static_assert(sizeof matchers / sizeof *matchers == 16, "one bit of word.may for each matcher");

/* Every word each matcher can accept as the first of an expression (read off the matcher: the words it
   tests at i, and the lexicons its helpers look up there), beside words that begin with a digit. A
   matcher whose bit a word lacks returns 0 there without touching the context, so longest_at skips it:
   most starter words ("the", "a", a number) are the first word of only a few matchers. Whoever changes a
   matcher's first words changes its list here (test_when.c holds each matcher to its list). */
static const char *const units_and_plurals[] = {"SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "WEEKEND", "MONTH",
                                                "QUARTER", "YEAR", "DECADE", "CENTURY", "SECONDS", "MINUTES",
                                                "HOURS", "DAYS", "WEEKS", "WEEKENDS", "MONTHS", "QUARTERS",
                                                "YEARS", "DECADES", "CENTURYS", "CENTURIES", NULL};
static const char *const vague_counts[] = {"SEVERAL", "FEW", "MANY", "COUPLE", "A", "AN", NULL};

/* Every word that names a unit (unit_of) gets it in the table: the names, and their plurals, which
   units_and_plurals lists (whoever adds a unit adds its plural there: unit_at reads only the table). */
static void units_init(void)
{
    const char *const *lists[] = {unit_names, units_and_plurals};
    for (size_t l = 0; l < 2; l++) {
        for (size_t k = 0; lists[l][k]; k++) {
            bool pl;
            int u = unit_of(lists[l][k], &pl);
            if (u) class_set(lists[l][k], strlen(lists[l][k]), 0, 0)->unit = (uint8_t)(u | (pl ? UNIT_PLURAL : 0));
        }
    }
}

/* Words of amounts: a whole number before one ("15 mln", "20 pct", "5 dlrs") is a quantity, and of the digit
   matchers only m_year can begin there ("1990 mln" is its year): m_calendar wants a month or "/" after
   the number, m_clock a clock word, m_ago and m_duration a unit ("to", "more" and the like first), and
   m_quarter no whole number first. test_first_words holds them to it. */
static const char *const amount_words[] = {"MLN", "MILLION", "BLN", "BILLION", "TRILLION", "PCT", "PERCENT", "%",
                                           "DLRS", "DLR", "DOLLARS", "CTS", "CENTS", "SHARES", "TONNES", "TONS",
                                           "BARRELS", "POINTS", "YEN", "MARKS", "FRANCS", "STG", "POUNDS", NULL};

/* Words after "the", "a", "an" that an expression can go on with, beside the starter words (longest_at). */
static const char *const after_article[] = {"NEAR", "DISTANT", "SHORT", "CORRESPONDING", "FULL", "HUNDRED",
                                            "DOZEN", "ADDITIONAL", "STRAIGHT", "CONSECUTIVE", "LATTER", "FIFTH",
                                            "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "MORNING",
                                            "AFTERNOON", "EVENING", NULL};

/* The words date_modifier and hedge can begin with: match_at asks them about these words only (a starter
   word in four is one of them). Whoever gives either a new first word adds it here; test_first_words
   runs both ways. */
static const char *const modifier_leads[] = {"EARLY", "LATE", "MID", "EARLIER", "LATER", "AROUND", "SOMETIME", "POST",
                                             "PRE", "THE", "NEARLY", "ALMOST", "ABOUT", "APPROXIMATELY", "ROUGHLY",
                                             "AT", "MORE", "LESS", "FEWER", "UP", "NO", NULL};

/* The words that are a date modifier or a hedge alone (date_modifier, hedge: W_MODIFIER, W_HEDGE). */
static const char *const one_word_modifiers[] = {"EARLY", "LATE", "MID", "EARLIER", "LATER", "AROUND", "SOMETIME",
                                                 NULL};
static const char *const one_word_hedges[] = {"NEARLY", "ALMOST", "ABOUT", "APPROXIMATELY", "ROUGHLY", NULL};

static bool every_matcher;   /* when_try_every_matcher: the lists above ignored (tests) */

void when_try_every_matcher(bool on) { every_matcher = on; }

size_t when_class_filter_misses(void)
{
    pthread_once(&classes_once, classes_init);
    bool was = every_matcher;
    every_matcher = false;   /* the filter, as in a run */
    size_t misses = 0;
    for (size_t h = 0; h < CLASS_SLOTS; h++)
        if (classes[h].w && class_find(classes[h].w, classes[h].len, classes[h].hash) != &classes[h]) misses++;
    every_matcher = was;
    return misses;
}

static void first_words_init(void)
{
    /* automatic: the compound literals below are not constants a static table could hold */
    const struct {
        uint16_t may;
        const char *const *words;
    } first[] = {
        {M_CALENDAR, month_full}, {M_CALENDAR, month_abbr}, {M_CALENDAR | M_WEEKDAY, weekdays},
        {M_CALENDAR | M_HOLIDAY, (const char *const[]){"LAST", "NEXT", "THIS", NULL}},
        {M_QUARTER, (const char *const[]){"THE", "LATEST", "MOST", "COMPARABLE", "SAME", "CORRESPONDING", "LAST",
                                          "THIS", "NEXT", "YEAR", "FISCAL", NULL}},
        {M_QUARTER, ordinals}, {M_QUARTER, ordinals_num},
        {M_RELATIVE, (const char *const[]){"THE", "LAST", "PAST", "PREVIOUS", "THIS", "CURRENT", "NEXT", "COMING",
                                           NULL}},
        {M_DEICTIC, (const char *const[]){"YESTERDAY", "TODAY", "TOMORROW", "TONIGHT", "MID", "YEAR", "THIS", "LAST",
                                          "OVERNIGHT", "RIGHT", "NOW", "CURRENTLY", "NOWADAYS", "RECENTLY",
                                          "LATELY", "MORE", "THEN", "A", "SOON", "THESE", "THE", NULL}},
        {M_AGO | M_DURATION, small_nums}, {M_AGO | M_DURATION, tens}, {M_AGO | M_DURATION, vague_counts},
        {M_AGO | M_DURATION, units_and_plurals},
        {M_CLOCK, (const char *const[]){"NOON", "MIDDAY", "MIDNIGHT", NULL}},
        {M_WEEKDAY, (const char *const[]){"THE", NULL}},
        {M_YEAR, (const char *const[]){"THE", "FISCAL", "NINETEEN", "TWENTY", "'", "TENTH", "ELEVENTH", "TWELFTH",
                                       "FIFTEENTH", "SIXTEENTH", "SEVENTEENTH", "EIGHTEENTH", "NINETEENTH",
                                       "TWENTIETH", "TWENTIES", "THIRTIES", "FORTIES", "FIFTIES", "SIXTIES",
                                       "SEVENTIES", "EIGHTIES", "NINETIES", NULL}},
        {M_SEASON, seasons}, {M_SEASON, (const char *const[]){"THE", NULL}},
        {M_RECENT, (const char *const[]){"YEAR", "RECENT", "CURRENT", NULL}},
        {M_DURATION, (const char *const[]){"THE", "PAST", "LAST", "NEXT", "FIRST", "COMING", "PREVIOUS", "LATEST",
                                           "FOLLOWING", "FINAL", "OTHER", "EVERY", "EACH", "PER", NULL}},
        {M_DURATION, adverbs},
        {M_HOLIDAY, (const char *const[]){"CHRISTMAS", "NEW", "HALLOWEEN", "VETERANS", "THANKSGIVING", "LABOR",
                                          "MEMORIAL", "ELECTION", "GOOD", "EASTER", NULL}},
        {M_ANAPHOR, (const char *const[]){"THEN", "THAT", "THE", NULL}},
        {M_DAY_NEXT_TO, (const char *const[]){"THE", "DAY", NULL}},
        {M_NTH_DAY | M_DAY_PART, (const char *const[]){"THE", NULL}},
    };
    for (size_t k = 0; k < sizeof first / sizeof *first; k++) class_add_may(first[k].words, 0, first[k].may);
    class_add(amount_words, W_AMOUNT);
    class_add(after_article, W_AFTER_ARTICLE);
    class_add(modifier_leads, W_LEADS);
    class_add((const char *const[]){"THAT", NULL}, W_THAT);
    class_add((const char *const[]){"SAME", "YEAR", "MONTH", "DAY", "QUARTER", NULL}, W_AFTER_THAT);
    class_add(one_word_modifiers, W_MODIFIER);
    class_add(one_word_hedges, W_HEDGE);
}

/* The nearest tense cue before word i (-1 past, +1 future...; 0 none), and at or after it. Looked for
   when an expression may begin at i, not kept for every word: few words are cues, and fewer begin one. */
static int tense_before(const ctx *c, int i)
{
    for (int k = i - 1; k >= 0; k--)
        if (word_tense(c, k)) return word_tense(c, k);
    return 0;
}

static int tense_after(const ctx *c, int i)
{
    for (int k = i; k < c->n; k++)
        if (word_tense(c, k)) return word_tense(c, k);
    return 0;
}

/* The tense cue for an expression at words [i, e): the nearest before it, else the nearest after. */
static int tense_for(const ctx *c, int i)
{
    /* the preposition before it says more than any verb: "since March" lies before the story, "until
       mid-November", "by February", "through January" usually after it */
    int p = i - 1;
    if (is(c, p, "EARLY") || is(c, p, "LATE") || is(c, p, "MID")) p--;
    /* "since shortly after the Oct. 23 slaying": "since" over the words that place a time near another
       (near_words: W_NEAR) */
    const char *pw = p >= 0 ? c->w[p].w : "";   /* one first-letter test for most words: this runs at each */
    int q = p;
    if (pw[0] == 'T' || pw[0] == 'A' || pw[0] == 'B')   /* "the", "after", "before" end the words "since" spans */
        while (q > p - 4 && q >= 0 && q < c->n && (c->w[q].cls & W_NEAR)) q--;
    if (is(c, p, "SINCE") || (q < p && is(c, q, "SINCE"))) return -2;
    if (pw[0] == 'E' && !strcmp(pw, "ENDED")) return TENSE_ENDED;
    if (is(c, p, "UNTIL") || is(c, p, "TILL") || is(c, p, "THROUGH") || is(c, p, "BY")) {
        /* ... unless a past verb of its own clause says the deadline is over ("had filed reports by
           Wednesday", "Until Thursday, they had not called"); "postponed until", "gave them until" put
           it ahead again */
        static const char *const defer[] = {"POSTPONED", "DELAYED", "DEFERRED", "EXTENDED", "ADJOURNED", "GAVE",
                                            "GIVEN", "PUT", "PUSHED", "MOVED", NULL};
        int k = p - 1;
        while (k >= 0 && k > p - 6 && !word_tense(c, k) && !is(c, k, ",")) k--;
        if (k >= 0 && k > p - 6 && word_tense(c, k) == -2 && in_list(c, k, defer) < 0) return -2;
        if (p == 0 || is(c, p - 1, ",")) {   /* fronted: the clause's verb comes after */
            int t = tense_after(c, i);
            if (t == -2) return -2;
        }
        return 1;
    }
    int t = tense_before(c, i);
    return t ? t : tense_after(c, i);
}

static int c_tense(const ctx *c)
{
    if (!c->tm->known) c->tm->value = tense_for(c, c->tm->at), c->tm->known = true;
    return c->tm->value;
}

/* Is word i "the", "a" or "an" before a word no expression goes on with? They begin one only before a word
   that can ("the past year", "a week", "the near future"; after_article): most are articles of other
   nouns, and every matcher would look at them. */
static bool article_alone(const ctx *c, int i)
{
    /* the class bit, or (tests: every_matcher, which must find the same) the words themselves */
    bool article = every_matcher ? is(c, i, "THE") || is(c, i, "A") || is(c, i, "AN") : (c->w[i].cls & W_ARTICLE) != 0;
    return article &&
           (i + 1 >= c->n || (!c->w[i + 1].starts && !(c->w[i + 1].cls & W_AFTER_ARTICLE)));
}

/* Does a matcher run anywhere in the sentence: is there a word that passes longest_at's first tests? (The
   modifiers and hedges reach the matchers through longest_at too, and day_continued needs an expression
   found before it in the sentence.) */
static bool any_beginning(const ctx *c)
{
    for (int i = 0; i < c->n; i++)
        if (c->w[i].starts && c->w[i].may && !article_alone(c, i)) return true;
    return false;
}

/* Eight of the matchers that can begin at "the" go on only with a few words (read off them: m_weekday "the
   previous Friday", m_day_next_to "the day after", m_nth_day "the eighth day", m_day_part "in the
   morning", m_anaphor "the same day", m_relative "the past year", m_deictic_word "the near future",
   m_season "the summer"): the matchers word i ("the") may begin with word nx after it. Whoever gives one
   of them another word after "the" adds it here; test_first_words runs both ways. m_year too, by
   year_after_the. */
enum { THE_GATED = M_WEEKDAY | M_DAY_NEXT_TO | M_NTH_DAY | M_DAY_PART | M_ANAPHOR | M_RELATIVE | M_DEICTIC | M_SEASON |
                   M_YEAR };

/* Can m_year begin at "the" before word nx? Read off m_year, with k = i there: year_at and spoken_year_at want
   a number or "nineteen" (not "the") unless "the year" moved k on; century_at wants digits first ("20th"),
   "twenty" or a word of its list (all end in "-th": "twentieth"); spoken_decade_at a listed decade word
   ("nineties": W_LISTED); a decade in digits begins with one ("1990s") or with "'" ("the '80s"). */
static bool year_after_the(const word *nx)
{
    const char *w = nx->w;
    size_t n = nx->len;
    if (!n) return false;
    /* a whole number ("the 1987 budget") is none of them: a year begins at it, not at "the" */
    if (is_digit(w[0])) return nx->num < 0;
    if (w[0] == '\'' || ((nx->cls & W_LISTED) && word_in_list(w, decade_words))) return true;
    return (n >= 2 && w[n - 2] == 'T' && w[n - 1] == 'H') || !strcmp(w, "YEAR") || !strcmp(w, "TWENTY");
}

static const struct {
    const char *w;
    uint16_t may;
} after_the[] = {
        {"PREVIOUS", M_WEEKDAY | M_RELATIVE}, {"FOLLOWING", M_WEEKDAY | M_ANAPHOR}, {"WEEK", M_DAY_NEXT_TO},
        {"DAY", M_DAY_NEXT_TO}, {"FIRST", M_NTH_DAY}, {"SECOND", M_NTH_DAY}, {"THIRD", M_NTH_DAY},
        {"FOURTH", M_NTH_DAY}, {"FIFTH", M_NTH_DAY}, {"SIXTH", M_NTH_DAY}, {"SEVENTH", M_NTH_DAY},
        {"EIGHTH", M_NTH_DAY}, {"NINTH", M_NTH_DAY}, {"TENTH", M_NTH_DAY}, {"MORNING", M_DAY_PART},
        {"AFTERNOON", M_DAY_PART}, {"EVENING", M_DAY_PART}, {"NIGHT", M_DAY_PART}, {"SAME", M_ANAPHOR},
        {"NEXT", M_ANAPHOR | M_RELATIVE}, {"PAST", M_RELATIVE | M_DEICTIC}, {"LAST", M_RELATIVE},
        {"CURRENT", M_RELATIVE}, {"PRESENT", M_RELATIVE}, {"COMING", M_RELATIVE}, {"NEAR", M_DEICTIC},
        {"DISTANT", M_DEICTIC}, {"FUTURE", M_DEICTIC}, {"SHORT", M_DEICTIC}, {"SPRING", M_SEASON},
        {"SUMMER", M_SEASON}, {"FALL", M_SEASON}, {"AUTUMN", M_SEASON}, {"WINTER", M_SEASON},
};

/* after_the's words are W_AFTER_THE in the class table: the_may walks the list only for them. */
static void the_may_init(void)
{
    for (size_t k = 0; k < sizeof after_the / sizeof *after_the; k++)
        class_set(after_the[k].w, strlen(after_the[k].w), W_AFTER_THE, 0);
}

static uint16_t the_may(const word *the, const word *nx)
{
    uint16_t may = the->may & (uint16_t)~THE_GATED;
    for (size_t k = 0; (nx->cls & W_AFTER_THE) && k < sizeof after_the / sizeof *after_the; k++)
        if (nx->w[0] == after_the[k].w[0] && !strcmp(nx->w, after_the[k].w)) may |= after_the[k].may;
    if (year_after_the(nx)) may |= M_YEAR;
    return may & the->may;
}

/* The words some matchers cannot do without, read off them: m_ago wants "ago", "earlier" or "before" after
   its unit; m_duration a unit word ("years", "weekend"), a weekday or month after "every", "each" or "per",
   or an adverb ("daily"); m_quarter a unit word of quarters ("quarter", "quarters"), "months" (plural
   months: "the year-earlier nine months"), "half" or "period"; m_holiday a holiday's first word
   (W_HOLIDAY, which holiday_at wants). A sentence without them (the classes of all its words) does not
   run them: most do not have "ago" or "quarter", and those matchers begin at every number, "a" and "the".
   Whoever gives one of them another path adds its words here; test_first_words runs both ways. */
static void needs_init(void)
{
    for (size_t h = 0; h < CLASS_SLOTS; h++) {   /* the unit words (units_init) first: no entry is added here */
        int u = classes[h].unit & ~UNIT_PLURAL;
        if (!classes[h].w || !u) continue;
        classes[h].flags |= W_SPAN;
        if (u == U_QUARTER || (u == U_MONTH && (classes[h].unit & UNIT_PLURAL))) classes[h].flags |= W_QUARTERS;
    }
    static const char *const ago[] = {"AGO", "EARLIER", "BEFORE", NULL};
    static const char *const quarters[] = {"HALF", "PERIOD", NULL};
    class_add(ago, W_AGO);
    const char *const *spans[] = {weekdays, month_full, month_abbr, adverbs};
    for (size_t k = 0; k < sizeof spans / sizeof *spans; k++) class_add(spans[k], W_SPAN);
    class_add(quarters, W_QUARTERS);
    static const char *const next_gated[] = {"A", "THIS", "LAST", "NEXT", "MORE", "YEAR", "NEW", NULL};   /* next_may */
    class_add(next_gated, W_NEXT_GATED);
}

/* The matchers a sentence whose words are of classes `all` can find something with (needs_init). */
static uint16_t sentence_may(uint32_t all)
{
    uint16_t may = (uint16_t)~0u;
    if (!(all & W_AGO)) may &= (uint16_t)~M_AGO;
    if (!(all & W_SPAN)) may &= (uint16_t)~M_DURATION;
    if (!(all & W_QUARTERS)) may &= (uint16_t)~M_QUARTER;
    if (!(all & W_HOLIDAY)) may &= (uint16_t)~M_HOLIDAY;
    return may;
}

/* Three matchers at seven words go on only with a few words after them (read off them): m_deictic_word at
   "a" ("a later date"), "this" (a day part: "this morning"), "last" ("last night"), "more" ("more
   recently") and "year" ("year-end"); m_calendar at "last", "next" and "this" (or "this past") before a
   month or a day number (a capital or a digit first); m_holiday at "new" ("New Year") and at "last",
   "next" and "this" before a holiday's name (W_HOLIDAY). The matchers word i (W_NEXT_GATED) may begin
   with, of `may`. Whoever gives one of them another path from these words changes it here;
   test_first_words runs both ways. */
static unsigned next_may(const ctx *c, int i, unsigned may)
{
    bool this_ = is(c, i, "THIS"), last = is(c, i, "LAST"), next = is(c, i, "NEXT");
    if ((is(c, i, "A") && !is(c, i + 1, "LATER")) || (this_ && day_part_at(c, i + 1) < 0) ||
        (last && !is(c, i + 1, "NIGHT")) || (is(c, i, "MORE") && !is(c, i + 1, "RECENTLY")) ||
        (is(c, i, "YEAR") && !is(c, i + 1, "END")))
        may &= ~(unsigned)M_DEICTIC;
    if (this_ || last || next) {
        int k = i + 1 + (this_ && is(c, i + 1, "PAST"));
        if (!(k < c->n && (c->w[k].cap || is_digit(c->w[k].w[0])))) may &= ~(unsigned)M_CALENDAR;
        if (!(i + 1 < c->n && (c->w[i + 1].cls & W_HOLIDAY))) may &= ~(unsigned)M_HOLIDAY;
    }
    if (is(c, i, "NEW") && !is(c, i + 1, "YEAR")) may &= ~(unsigned)M_HOLIDAY;
    return may;
}

/* The longest expression starting at word i (earlier matchers win ties); 0 when none. */
static int longest_at(ctx *c, int i, timex *best)
{
    int end = 0;
    if (i >= c->n || !c->w[i].starts) return 0;   /* past the end ("... later"), or no expression begins here */
    if (article_alone(c, i)) return 0;
    c->tm->at = i, c->tm->known = false;   /* tense_for(c, i) when a matcher asks (c_tense) */
    if (every_matcher) c_tense(c);   /* tests: worked out at once, as before it was kept lazily */
    /* those that can begin here (article_alone: a "the" here has a word after it) */
    unsigned may = c->w[i].may;
    if (is(c, i, "THE")) may = the_may(&c->w[i], &c->w[i + 1]);
    if (c->w[i].cls & W_NEXT_GATED) may = next_may(c, i, may);
    may &= c->sentence_may;
#ifdef WHEN_CHECK_MAY
    for (size_t k = 0; k < 16; k++) {
        if (may & (1u << k)) continue;
        timex t = {0};
        bool old = *c->ref_used;
        *c->ref_used = false;
        int e = matchers[k](c, i, &t);
        if (e || *c->ref_used) { fprintf(stderr, "MAYFAIL matcher %zu word %s e=%d\n", k, c->w[i].w, e); abort(); }
        *c->ref_used = old;
    }
#endif
    unsigned all = (1u << (sizeof matchers / sizeof *matchers)) - 1;
    for (may = every_matcher ? all : may; may; may &= may - 1) {
        timex t = {0};
        int e = matchers[__builtin_ctz(may)](c, i, &t);
        if (e > end) end = e, *best = t;
    }
    return end;
}

/* Words that widen a date without changing its value ("late October", "earlier this month", "the end
   of the year", "mid-1996"), and words that hedge a duration or an "ago" ("nearly three years"). */
static int date_modifier(const ctx *c, int i)
{
    if (i < c->n && (c->w[i].cls & W_MODIFIER)) return 1;   /* one_word_modifiers */
    if ((is(c, i, "POST") || is(c, i, "PRE")) && i + 1 < c->n && c->w[i + 1].joined) return 1;   /* "post-1959" */
    if (is(c, i, "THE") && (is(c, i + 1, "EARLY") || is(c, i + 1, "LATE") || is(c, i + 1, "MID"))) return 2;
    if (is(c, i, "THE") && (is(c, i + 1, "END") || is(c, i + 1, "BEGINNING") || is(c, i + 1, "MIDDLE") ||
                            is(c, i + 1, "START")) && is(c, i + 2, "OF"))
        return 3;
    return 0;
}

static int hedge(const ctx *c, int i)
{
    if (i < c->n && (c->w[i].cls & W_HEDGE)) return 1;   /* one_word_hedges */
    if ((is(c, i, "AT") && (is(c, i + 1, "LEAST") || is(c, i + 1, "MOST"))) ||
        ((is(c, i, "MORE") || is(c, i, "LESS") || is(c, i, "FEWER")) && is(c, i + 1, "THAN")) ||
        (is(c, i, "UP") && is(c, i + 1, "TO")))
        return 2;
    if (is(c, i, "NO") && is(c, i + 1, "MORE") && is(c, i + 2, "THAN")) return 3;
    return 0;
}

static int match_at(ctx *c, int i, timex *t)
{
    if (!c->w[i].starts) return 0;   /* the modifiers and hedges below are starter words too */
    int end = longest_at(c, i, t);
    bool leads = every_matcher || (c->w[i].cls & W_LEADS);   /* can a modifier or a hedge begin here */
    int k = leads ? date_modifier(c, i) : 0;
    if (k) {
        timex u;
        int e = longest_at(c, i + k, &u);
        /* not before a possessive, the determiner of a noun the word governs ("get around Wednesday's ruling");
           "the early 1950's" is a decade */
        bool possessive = e > 0 && c->w[e - 1].poss && c->w[e - 1].num < 0;   /* e 0: nothing found */
        if (e > end && (u.type == TIMEX_DATE || u.type == TIMEX_TIME) && !possessive) end = e, *t = u;
    }
    k = leads ? hedge(c, i) : 0;
    if (k) {
        timex u;
        int e = longest_at(c, i + k, &u);
        bool counted = i + k < c->n && (c->w[i + k].num >= 0 || in_list(c, i + k, small_nums) >= 0 ||
                                        in_list(c, i + k, tens) >= 0 || is(c, i + k, "A") || is(c, i + k, "AN"));
        if (e > end && (u.type == TIMEX_DURATION || (counted && u.type == TIMEX_DATE))) end = e, *t = u;
    }
    /* "the next year or so", "two weeks or so": the hedge is the expression's */
    if (end && is(c, end, "OR") && is(c, end + 1, "SO") && (t->type == TIMEX_DATE || t->type == TIMEX_DURATION)) end += 2;
    /* TimeBank writes a decade with its article without the X: "the late 1970s", "the last decade" → "197",
       "198"; "early 1990s" stays "199X" */
    const char *v = t->value;
    if (end && is(c, i, "THE") && strlen(v) == 4 && is_digit(v[0]) && is_digit(v[2]) && v[3] == 'X') t->value[3] = 0;
    return end;
}

/* ---- words from tokens ---- */

static uint8_t class_of_token(const token_list *tl, size_t k);

/* What a word of 24 bytes or more reads as: "" (and zeros past it, as far as any test looks). */
static const char long_word[24];

/* A number with separators or of more than nine digits ("1.5", "50,000"): an amount, where no digit
   matcher begins. They want a small whole number (word.num), a date kept whole ("1998-02-10") or a
   suffix ("1st", "20th", "1990s"). A third of the digit words of Reuters' dated sentences are such. */
static bool amount_only(const word *w)
{
    if (w->num >= 0) return false;
    for (size_t k = 0; k < w->len; k++)
        if (!is_digit(w->w[k]) && w->w[k] != '.' && w->w[k] != ',') return false;
    return true;
}

/* The matchers that can begin at a whole number (word.num; `digits` long), read off them: m_year at a year
   (1000..2099, four digits) only; m_clock at an hour (0..12, one or two digits); m_ago and m_duration at a
   count (count_at: six digits at most); m_calendar at any. m_quarter at none ("1st", "3rd" are no whole
   numbers). after_number_may narrows them by the word after it. */
static inline uint16_t whole_number_may(int32_t num, uint8_t digits)
{
    return (uint16_t)(M_CALENDAR | (num >= 1000 && num <= 2099 && digits == 4 ? M_YEAR : 0) |
                      (num <= 12 && digits <= 2 ? M_CLOCK : 0) | (digits <= 6 ? M_AGO | M_DURATION : 0));
}

/* The matchers that can still begin at a whole number before word w (m_year whatever follows): m_calendar
   before "/" or a month ("3/15/2019", "15 March"; a month has M_CALENDAR in its `may`), m_clock before
   ":", "a.m.", "p.m.", "o'clock" or "in" ("4 in the morning"), m_ago before a unit, m_duration before a
   unit or the words count_at's numbers may have between them and theirs ("two to three weeks", "eight
   trading days", "2 1/2 years", "five more years"). test_first_words holds them to the matchers. */
static inline uint16_t after_number_may(const word *w)
{
    static const char *const clock_next[] = {":", "A.M.", "AM", "A.M", "P.M.", "PM", "P.M", "IN", "O'CLOCK", NULL};
    static const char *const duration_next[] = {"TO", "TRADING", "BUSINESS", "WORKING", "1", "MORE", "ADDITIONAL",
                                                "FULL", "STRAIGHT", "CONSECUTIVE", NULL};
    uint16_t may = M_YEAR;
    if ((w->may & M_CALENDAR) || (w->len == 1 && w->w[0] == '/')) may |= M_CALENDAR;
    if (w->unit) may |= M_AGO | M_DURATION;
    if (word_in_list(w->w, clock_next)) may |= M_CLOCK;
    if (word_in_list(w->w, duration_next)) may |= M_DURATION;
    return may;
}

/* The word of the n bytes at s (NUL-terminated there; 1 <= n < 24), hash norm_hash(s, n): its classes and
   first matchers from the table, its value when it is a number, whether an expression can begin there.
   Nothing is copied. Built in registers and stored whole by the caller: a field at a time through a
   pointer, every store could alias the tokens and the compiler read them again. */
static inline __attribute__((always_inline)) word word_of(const char *s, size_t n, uint32_t hash, uint32_t start,
                                                          uint32_t end, bool cap, bool tight)
{
    /* every word's cue pending (word_tense): only the words near an expression are asked, and tense_of's
       first test (a class or "-ED") tells the most words apart there as cheaply as here, where each word
       paid it (7 M instructions on Reuters) */
    word x = {.start = start, .end = end, .w = s, .len = (uint8_t)n, .num = -1, .cap = cap, .tight = tight,
              .tense = TENSE_PENDING};
    const class_entry *e = class_find(s, n, hash);
    if (e) x.cls = e->flags, x.may = e->may, x.unit = e->unit;
    if (is_digit(s[0])) {   /* dates, clock times, years, counts, "1st" begin with a digit: not amounts */
        if (n <= 9) {
            int32_t v = 0;
            size_t k = 0;
            while (k < n && is_digit(s[k])) v = v * 10 + (s[k++] - '0');
            if (k == n) x.num = v, x.digits = (uint8_t)n;
        }
        if (!amount_only(&x)) x.may |= x.num >= 0 ? whole_number_may(x.num, x.digits) : M_DIGIT_MAY;
    }
    x.starts = is_digit(s[0]) || (x.cls & (W_START | W_PLURAL_START));
    return x;
}

/* Word w is the n bytes at s (any n): word_of, but a word of 24 bytes or more reads as "" and an empty one
   is in no class. */
static void word_set(word *w, const char *s, size_t n, uint32_t hash, uint32_t start, uint32_t end, bool cap,
                     bool tight)
{
    if (n && n < sizeof long_word) { *w = word_of(s, n, hash, start, end, cap, tight); return; }
    *w = (word){.start = start, .end = end, .w = n ? long_word : s, .num = -1, .cap = cap, .tight = tight};
}

/* What word w (the one just made) tells of the word before it: a whole number before an amount word
   ("15 mln", "1990 pct") starts only m_year; "that" begins an expression only before "year", "same"...
   ("that year", "that same day"; not every "that"). */
static inline void after_word(word *w)
{
    word *p = w - 1;
    if (p->num >= 0 && (p->may & ~M_YEAR)) p->may &= after_number_may(w);
    if (p->num >= 0 && (w->cls & W_AMOUNT)) p->may &= M_YEAR;
    if (p->cls & W_THAT) p->starts = (w->cls & W_AFTER_THAT) != 0;
}

/* A hyphen anywhere in the token's norm: inside it (the tokenizer's TF_HYPHEN) or at either end ("ANTI-",
   a dash's "-"). */
static inline bool has_hyphen(const token *tk, const char *norm)
{
    return (tk->flags & TF_HYPHEN) || (tk->norm_len && (norm[0] == '-' || norm[tk->norm_len - 1] == '-'));
}

/* Can the token's normalised form be cut at its hyphens with the same byte offsets in the source? */
static bool splittable(const char *text, const token *tk, const char *norm)
{
    if (tk->end - tk->start < tk->norm_len || !memchr(norm, '-', tk->norm_len)) return false;
    if (tk->norm_len == 10 && is_digit(norm[0]) && norm[4] == '-' && norm[7] == '-') return false;   /* ISO date */
    for (size_t k = 0; k < tk->norm_len; k++)
        if (to_upper((unsigned char)text[tk->start + k]) != norm[k]) return false;
    return true;
}

/* Where a token's possessive 's (or ’s) starts: TimeBank leaves it out of "today's". */
static inline uint32_t poss_start(const char *text, const token *tk)
{
    uint32_t e = tk->end;
    if (!(tk->flags & TF_POSS)) return e;
    if (e >= tk->start + 3 && text[e - 2] == '\'' && (text[e - 1] == 's' || text[e - 1] == 'S')) return e - 2;
    if (e >= tk->start + 5 && !memcmp(text + e - 4, "\xE2\x80\x99", 3) && (text[e - 1] == 's' || text[e - 1] == 'S'))
        return e - 4;
    return e;
}

/* Token i's parts ("THIRD-QUARTER": THIRD, QUARTER), each a word with its bytes copied to *parts (room
   made by the caller), after w[n]; returns the new number of words. */
static size_t add_parts(const char *text, const token_list *tl, size_t i, bool cap, bool tight, timex_list *out,
                        size_t n, char **parts)
{
    const token *tk = &tl->t[i];
    const char *norm = tok_norm(tl, i);
    word *w = out->scratch;
    size_t a = 0;
    bool first = true;
    while (a < tk->norm_len) {
        size_t b = a;
        while (b < tk->norm_len && norm[b] != '-') b++;
        if (b > a) {
            GROW(w, out->scratch_cap, n);
            char *p = *parts;
            memcpy(p, norm + a, b - a);
            p[b - a] = 0;
            *parts += b - a + 1;
            uint32_t end = b == tk->norm_len ? poss_start(text, tk) : tk->start + (uint32_t)b;
            word_set(&w[n], p, b - a, norm_hash(p, b - a), tk->start + (uint32_t)a, end,
                     first ? cap : is_upper((unsigned char)text[tk->start + a]), first ? tight : true);
            w[n].joined = !first;
            if (n) after_word(&w[n]);
            n++;
            first = false;
        }
        a = b + 1;
    }
    out->scratch = w;
    return n;
}

/* Fill the word buffer from the tokens, each word's classes and whether an expression can begin there;
   returns the number of words, the classes of them all in *all. A word is its token (its norm read in
   place, its class found by the token's hash), but for a hyphenated token cut into parts. */
static int make_words(const char *text, const token_list *tl, timex_list *out, uint32_t *all)
{
    const token *tok = tl->t;
    const char *pool = tl->pool;
    const size_t ntok = tl->n;
    word *w = out->scratch;   /* (void *: GROW goes through w, which knows the size of a word) */
    GROW(w, out->scratch_cap, ntok);   /* a word a token: room made again after a token's parts */
    GROW(out->tok_cls, out->tok_cls_cap, ntok);
    uint8_t *tok_cls = out->tok_cls;
    out->tok_cls_of = tok, out->tok_cls_n = ntok;
    size_t n = 0;
    /* prev_end: no token ends there before the first (tight needs no i > 0 test) */
    uint32_t cls = 0, prev_end = UINT32_MAX;
    char *parts = NULL;                 /* where the next part's bytes go (out->parts) */
    for (size_t i = 0; i < ntok; i++) {
        const token tk = tok[i];   /* a copy: the stores below cannot change it */
        const char *norm = pool + tk.norm;
        bool cap = (tk.flags & (TF_CAP | TF_ALLCAPS)) != 0;
        bool tight = prev_end == tk.start;
        prev_end = tk.end;
        size_t len = tk.norm_len;
        /* most tokens: 1 to 23 bytes, no hyphen inside or at either end (has_hyphen) */
        bool plain = len - 1 < sizeof long_word - 1 && !(tk.flags & TF_HYPHEN) && norm[0] != '-' && norm[len - 1] != '-';
        if (__builtin_expect(plain, 1) || !splittable(text, &tk, norm)) {
            bool poss = (tk.flags & TF_POSS) != 0;
            uint32_t end = poss ? poss_start(text, &tk) : tk.end;
            if (__builtin_expect(plain, 1)) w[n] = word_of(norm, len, tk.hash, tk.start, end, cap, tight);
            else word_set(&w[n], norm, len, tk.hash, tk.start, end, cap, tight);
            /* the word is the token: its classes are the token's (class_of_token), but that a long one is "" */
            tok_cls[i] = __builtin_expect(plain, 1) ? (uint8_t)w[n].cls : class_of_token(tl, i);
            w[n].poss = poss;
            cls |= w[n].cls;
            if (n) after_word(&w[n]);
            n++;
            continue;
        }
        if (!parts) {   /* room for the parts of this token and every later one: none moves once made */
            size_t room = 0;
            for (size_t k = i; k < ntok; k++) room += tok[k].norm_len + 1u;
            GROW(out->parts, out->parts_cap, room);
            parts = out->parts;
        }
        out->scratch = w;
        size_t from = n;
        tok_cls[i] = class_of_token(tl, i);
        n = add_parts(text, tl, i, cap, tight, out, n, &parts);
        w = out->scratch;
        GROW(w, out->scratch_cap, n + (ntok - i));   /* a word for each later token */
        for (size_t k = from; k < n; k++) cls |= w[k].cls;
    }
    out->scratch = w;
    *all = cls;
    return (int)n;
}

/* Does the sentence report figures for several months ("for the nine months", "in the first six months")?
   A year-ago comparison there is with the same months of last year, not with a quarter. */
static bool cumulative(const ctx *c)
{
    for (int i = 1; i < c->n; i++)
        if (is(c, i, "MONTHS") && (c->w[i - 1].num >= 2 || in_list(c, i - 1, small_nums) >= 2)) return true;
    return false;
}

/* "April 24 and 25": a day number after the sentence's last expression (a day of a month, ending in its
   day number) and "and", "or", "to" is a day of the same month. Returns the word after it, or 0. */
static int day_continued(const ctx *c, const timex_list *out, size_t first, int i, timex *t)
{
    if (out->n <= first || i < 2 || c->w[i].num < 1 || c->w[i].digits > 2) return 0;
    const timex *p = &out->t[out->n - 1];
    if (p->precision != DATE_DAY || p->type != TIMEX_DATE || !p->date || p->at.end != c->w[i - 2].end ||
        c->w[i - 2].num < 1 || !(is(c, i - 1, "AND") || is(c, i - 1, "OR") || is(c, i - 1, "TO")))
        return 0;
    int y = p->date / 10000, m = p->date / 100 % 100, d = c->w[i].num;
    if (d <= p->date % 100 || d > days_in_month(y, m) || is(c, i + 1, ":")) return 0;
    set_day(t, days_of(y, m, d), NULL);
    return i + 1;
}

/* Is words [i, e) a time expression's words used for something else: a title ("ABC's "This Week"",
   ""60 Minutes"", "High Noon", "VOA Today": words written lower-case in running text capitalised after a
   capitalised word or in a quoted name of two words or more), or "today's" for the present era ("today's
   youth", "in today's world")? */
static bool not_a_time(const ctx *c, int i, int e)
{
    static const char *const era[] = {"WORLD", "YOUTH", "SOCIETY", "GENERATION", "KIDS", "CHILDREN", "YOUNG", NULL};
    if (e == i + 1 && is(c, i, "TODAY") && c->w[i].poss && in_list(c, e, era) >= 0) return true;
    if (e == i + 1 && is(c, i, "NOON") && is(c, i - 1, "HIGH")) return true;   /* "high noon comes today" */
    bool lower_word_capped = false, words = false;
    for (int k = i; k < e; k++) {
        const word *w = &c->w[k];
        if (w->num >= 0 || !is_alpha(w->w[0])) continue;
        if (!w->cap) return false;
        /* names of days, months and holidays are always capitalised */
        if (weekday_at(c, k) || month_at(c, k, &(int){0}) || holiday_at(c, k, &(int){0})) return false;
        if (k > i) lower_word_capped = true;
        words = true;
    }
    if (i == 0 || !words) return false;
    const word *p = &c->w[i - 1];
    bool quote = p->w[0] == '"' || p->w[0] == '`' || p->w[0] == '\'' || !strncmp(p->w, "\xE2\x80\x9C", 3);
    if (quote) return lower_word_capped;   /* ""This Week"", but "``Today, I'm here" */
    /* after a capitalised word that does not begin the sentence: "VOA Today", "High Noon" */
    return p->cap && is_alpha(p->w[0]) && i >= 2;
}

/* A date or time just found becomes the reference of the words that follow ("In March, ... The following
   month"): those of day, month or year precision, and quarters. */
/* The story's own calendar quarter named as one already over: a fiscal quarter ("reported a 47% decline in
   fourth-quarter earnings" on Nov. 2, "its fourth quarter ended Sept. 30"), whose figures the story's
   year-ago comparisons and "the latest period" then refer to. Told in a strong past, or "ended" follows. */
static bool fiscal_quarter_over(const ctx *c, const timex *t)
{
    if (c_tense(c) < 0) return true;
    for (int k = 0; k + 1 < c->n; k++)
        if (c->w[k].end == t->at.end) return is(c, k + 1, "ENDED") || is(c, k + 1, "ENDING");
    return false;
}

/* A quarter named with an indefinite article ("After a flat second quarter, Kimberly-Clark ..."): one of
   the quarters the story looks back on, not the one it reports; "a third-quarter loss" is the report's. */
static bool indefinite_quarter(const ctx *c, const timex *t)
{
    int k = 0;
    while (k < c->n && c->w[k].start != t->at.start) k++;
    if (k >= c->n || (k + 1 < c->n && c->w[k + 1].joined)) return false;
    int a = k - 1;
    if (a >= 1 && c->w[a].num < 0 && is_alpha(c->w[a].w[0]) && !c->w[a].cap && !is(c, a, "A") && !is(c, a, "AN")) a--;
    return is(c, a, "A") || is(c, a, "AN");
}

static void note_reference(ctx *c, timex_list *out, const timex *t)
{
    int unit = t->precision;
    if (!unit && t->first_day && strlen(t->value) == 7 && t->value[5] == 'Q') unit = REF_QUARTER;
    if (!unit || !t->first_day || (t->type != TIMEX_DATE && t->type != TIMEX_TIME)) return;
    /* a quarter of the story's year already over: one a report can be on */
    ymd f = t->first_day;
    if (unit == REF_QUARTER && (int)(f / 10000) == c->ay && !indefinite_quarter(c, t) &&
        (quarter_of((int)(f / 100 % 100)) < quarter_of(c->am) ||
         (quarter_of((int)(f / 100 % 100)) == quarter_of(c->am) && fiscal_quarter_over(c, t))))
        c->quarter = out->quarter = f;
    c->ref = out->ref = t->first_day;
    c->ref_unit = out->ref_unit = (uint8_t)unit;
    c->ref_named = true;
}

/* How words that every expression of day, month or year precision holds (see the set_day, set_month and
   set_year callers) begin, by first letter: the month names' first three letters, "day", "month",
   "year"... Words ending in "day" (weekdays, "today", "yesterday", the holidays' "Day") or "night"
   ("tonight", "overnight", "midnight") are checked apart, digits too. */
static const char *const date_starts[26][6] = {
    ['a' - 'a'] = {"afternoon", "apr", "aug"},   ['c' - 'a'] = {"christmas"},
    ['d' - 'a'] = {"day", "decade", "dec"},      ['e' - 'a'] = {"evening", "easter"},
    ['f' - 'a'] = {"feb"},                       ['h' - 'a'] = {"halloween"},
    ['j' - 'a'] = {"jan", "jun", "jul"},         ['m' - 'a'] = {"month", "morning", "mar", "may", "midday"},
    ['n' - 'a'] = {"night", "noon", "nineteen", "nov"}, ['o' - 'a'] = {"oct"},
    ['s' - 'a'] = {"sep"},                       ['t' - 'a'] = {"tomorrow", "thanksgiving"},
    ['y' - 'a'] = {"year"},
};

/* The trigram number of the three ASCII letters at w (either case): ((a * 26) + b) * 26 + c, a letter
   counted from 0 for 'a'. */
static inline unsigned trigram(const char *w)
{
    unsigned a = ((unsigned char)w[0] | 0x20) - 'a', b = ((unsigned char)w[1] | 0x20) - 'a';
    return (a * 26 + b) * 26 + (((unsigned char)w[2] | 0x20) - 'a');
}

/* A bit per trigram that begins a word of date_starts (date_trigrams_init): 2.2 KB. Most words of a
   sentence begin as none does ("the", "has", "said", "market" passes: "mar"), and one bit says so. */
static uint64_t date_trigrams[(26 * 26 * 26 + 63) / 64];

static void date_trigrams_init(void)
{
    for (int a = 0; a < 26; a++)
        for (int k = 0; k < 6 && date_starts[a][k]; k++) {
            unsigned t = trigram(date_starts[a][k]);
            date_trigrams[t / 64] |= 1ull << (t % 64);
        }
}

static bool ends_ci(const char *w, size_t n, const char *tail, size_t m)
{
    if (n < m) return false;
    for (size_t k = 0; k < m; k++)
        if ((w[n - m + k] | 0x20) != tail[k]) return false;
    return true;
}

static bool starts_ci(const char *w, size_t n, const char *head)
{
    size_t k = 0;
    for (; head[k]; k++)
        if (k >= n || (w[k] | 0x20) != head[k]) return false;
    return true;
}

/* Is the run of letters w (n bytes, a whole word) one that may name a date: ending in "day", "days" or
   "night", or beginning as a word of date_starts does? */
static inline __attribute__((always_inline)) bool date_word(const char *w, size_t n)
{
    if (n < 3) return false;
    char tail = (char)(w[n - 1] | 0x20);   /* which of the endings can it be */
    if ((tail == 'y' && ends_ci(w, n, "day", 3)) || (tail == 's' && ends_ci(w, n, "days", 4)) ||
        (tail == 't' && ends_ci(w, n, "night", 5)))
        return true;
    /* most words begin as no date word does: one bit says */
    unsigned t = trigram(w);
    if (!(date_trigrams[t / 64] >> (t % 64) & 1)) return false;
    const char *const *heads = date_starts[((unsigned char)w[0] | 0x20) - 'a'];
    for (int k = 0; k < 6 && heads[k]; k++)
        if (starts_ci(w, n, heads[k])) return true;
    return false;
}

/* The ASCII letters (*letters) and digits (*digits) of the 64 bytes at p, bit k for byte k. SSE2 where
   the machine has it (every x86-64): four blocks of sixteen, ~30 instructions for the 64 bytes. */
static inline void letters_digits64(const char *p, uint64_t *letters, uint64_t *digits)
{
    uint64_t l = 0, d = 0;
#if defined(__SSE2__)
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        /* (x | 0x20) - 'a' below 26: a letter (a byte from 0x80 up is 0xA0 or more before the subtraction) */
        __m128i a = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        __m128i b = _mm_sub_epi8(x, _mm_set1_epi8('0'));
        __m128i is_l = _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(25)), a);
        __m128i is_d = _mm_cmpeq_epi8(_mm_min_epu8(b, _mm_set1_epi8(9)), b);
        l |= (uint64_t)(unsigned)_mm_movemask_epi8(is_l) << (16 * k);
        d |= (uint64_t)(unsigned)_mm_movemask_epi8(is_d) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++) {
        l |= (uint64_t)is_alpha((unsigned char)p[k]) << k;
        d |= (uint64_t)is_digit((unsigned char)p[k]) << k;
    }
#endif
    *letters = l, *digits = d;
}

/* letters_digits64 of the n <= 64 bytes of span s from i on (bits n and up zero), reading no byte outside
   s: a window of fewer than 64 bytes is the end of a longer span read from s.end - 64 and shifted down,
   or, in a span shorter than 64 bytes, a zeroed copy (a zero byte is neither letter nor digit). */
static inline void span_window(const char *text, span s, uint32_t i, size_t n, uint64_t *letters, uint64_t *digits)
{
    if (n == 64) {
        letters_digits64(text + i, letters, digits);
    } else if (s.end - s.start >= 64) {
        letters_digits64(text + s.end - 64, letters, digits);
        *letters >>= 64 - n, *digits >>= 64 - n;
    } else {
        char copy[64] = {0};
        memcpy(copy, text + i, n);
        letters_digits64(copy, letters, digits);
    }
}

/* May sentence s name a day, month or year: a digit anywhere, or a word (a run of ASCII letters) that
   date_word takes? Both tests are an "or", so they are made window by window, 64 bytes at a time: the
   window's letter and digit bits, then its words from the bits (a word begins at a letter after a
   non-letter, and ends before the next non-letter), each word's bytes read only by date_word; a word
   that runs past a window's end is finished in the next. ~32 instructions a word on Reuters, date_word
   and the windows' bits included, where finding each word eight bytes at a time and testing it took ~44.
   test_may_date_random holds it to the byte-wise reading. */
bool when_may_date(const char *text, span s)
{
    pthread_once(&classes_once, classes_init);   /* date_trigrams */
    uint32_t open = UINT32_MAX;   /* where a word begun in an earlier window starts; UINT32_MAX for none */
    for (uint32_t i = s.start; i < s.end; i += 64) {
        size_t n = s.end - i < 64 ? s.end - i : 64;
        uint64_t letters, digits;
        span_window(text, s, i, n, &letters, &digits);
        if (digits) return true;
        uint64_t after_letter = letters << 1 | (open != UINT32_MAX);   /* bit k: byte k - 1 is a letter */
        uint64_t starts = letters & ~after_letter, ends = ~letters & after_letter;   /* ends: bit n at most */
        if (open != UINT32_MAX && ends) {   /* the first end is the open word's */
            if (date_word(text + open, i + (uint32_t)__builtin_ctzll(ends) - open)) return true;
            ends &= ends - 1;
            open = UINT32_MAX;
        }
        while (starts) {   /* each start's end is the next end */
            uint32_t a = i + (uint32_t)__builtin_ctzll(starts);
            starts &= starts - 1;
            if (!ends) { open = a; break; }   /* it runs into the next window */
            if (date_word(text + a, i + (uint32_t)__builtin_ctzll(ends) - a)) return true;
            ends &= ends - 1;
        }
    }
    return open != UINT32_MAX && date_word(text + open, s.end - open);   /* a word the span's end ends */
}

/* ---- buffers kept from list to list ----
   A caller's timex_list lives for one story (cli.c), and its buffers would be allocated anew for each:
   a freed list's buffers wait here, for the next list that has none. A few sets, under a lock (one
   lock a story, not an allocation a buffer); reachable from here until the process ends. */
enum { SPARE_SETS = 8 };
static struct {
    pthread_mutex_t lock;
    size_t n;
    timex_list sets[SPARE_SETS];   /* t, scratch and parts with their capacities; nothing else is kept */
} spare = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void spare_give(timex_list *l)
{
    if (!l->t && !l->scratch && !l->parts) return;
    pthread_mutex_lock(&spare.lock);
    if (spare.n < SPARE_SETS) {
        spare.sets[spare.n++] = (timex_list){.t = l->t, .cap = l->cap, .scratch = l->scratch,
                                             .scratch_cap = l->scratch_cap, .parts = l->parts,
                                             .parts_cap = l->parts_cap};
        l->t = NULL, l->scratch = NULL, l->parts = NULL;
    }
    pthread_mutex_unlock(&spare.lock);
}

/* A list that has no buffers yet takes a freed list's. */
static void spare_take(timex_list *l)
{
    if (l->t || l->scratch || l->parts) return;
    pthread_mutex_lock(&spare.lock);
    if (spare.n) {
        const timex_list *b = &spare.sets[--spare.n];
        l->t = b->t, l->cap = b->cap;
        l->scratch = b->scratch, l->scratch_cap = b->scratch_cap;
        l->parts = b->parts, l->parts_cap = b->parts_cap;
    }
    pthread_mutex_unlock(&spare.lock);
}

void when_story(timex_list *l)
{
    l->ref = 0;
    l->ref_unit = 0;
    l->quarter = 0;
}

void when_find(const char *text, span s, const token_list *tokens, ymd anchor, timex_list *out)
{
    (void)s;
    if (!tokens || !tokens->n) return;
    pthread_once(&classes_once, classes_init);
    if (!out->scratch) spare_take(out);
    uint32_t all;
    int n = make_words(text, tokens, out, &all);
    struct tense_memo tm = {.known = true};
    ctx c = {.w = out->scratch, .n = n, .anchor = anchor, .tm = &tm, .sentence_may = sentence_may(all)};
    /* without a story date, relative expressions are still found; they are resolved against a fixed day
       and their values replaced by unknowns below */
    ymd a = anchor ? anchor : 20000101;
    c.ay = a / 10000, c.am = a / 100 % 100, c.ad = a % 100;
    /* the anchor is the story's date, the same for each of its sentences: its day number is kept */
    static _Thread_local ymd days_of_anchor;
    static _Thread_local int32_t anchor_days;
    if (a != days_of_anchor) days_of_anchor = a, anchor_days = date_to_days(a);
    c.adays = anchor_days;
    c.ref = out->ref ? out->ref : a;
    c.ref_unit = out->ref ? out->ref_unit : DATE_DAY;
    c.ref_named = out->ref != 0;
    c.quarter = out->quarter;
    out->ref_used = false;
    c.ref_used = &out->ref_used;
    bool money = all & W_MONEY;   /* the sentence reports figures */
    /* no word where an expression can begin (most dated sentences of financial news: "15.5 mln dlrs"):
       no matcher runs anywhere, and nothing is found (WHEN_CHECK_MAY: read on, and make sure) */
    bool none = !every_matcher && !any_beginning(&c);
    for (int i = 0; every_matcher && i < n; i++) word_tense(&c, i);   /* tests: every cue at once (see word_tense) */
#ifndef WHEN_CHECK_MAY
    if (none) return;
#endif
    c.money = money && !cumulative(&c);
    size_t first = out->n;
    for (int i = 0; i < n;) {
        /* no expression begins at a word that starts none (match_at), nor a day continued (day_continued
           wants a number, and numbers start) */
        if (!c.w[i].starts) { i++; continue; }
        timex t = {0};
        int e = match_at(&c, i, &t);
        if (e <= i) e = day_continued(&c, out, first, i, &t);
        if (e <= i) { i++; continue; }
        if (not_a_time(&c, i, e)) { i = e; continue; }
        t.at = (span){c.w[i].start, c.w[e - 1].end};
        if (!anchor && t.type != TIMEX_DURATION && t.type != TIMEX_SET && t.value[0] != 'P' && t.value[0] != 'F') {
            snprintf(t.value, sizeof t.value, "XXXX-XX-XX");
            t.date = t.first_day = 0;
            t.precision = 0;
        }
        if (t.precision != DATE_DAY) t.date = 0;
        /* a story dated at the calendar's edge (9999-12-31) can name a day past it: unknown, then */
        ymd f = t.first_day;
        if (f && !date_valid(f / 10000, f / 100 % 100, f % 100)) {
            snprintf(t.value, sizeof t.value, "XXXX-XX-XX");
            t.date = t.first_day = 0;
            t.precision = 0;
        }
        GROW(out->t, out->cap, out->n);
        out->t[out->n++] = t;
        if (t.precision == DATE_DAY && (is(&c, i - 1, "ENDED") || is(&c, i - 1, "ENDING"))) c.period_end = t.date;
        i = e;
        note_reference(&c, out, &t);
    }
#ifdef WHEN_CHECK_MAY
    if (none && (out->n > first || out->ref_used)) { fprintf(stderr, "MAYFAIL a sentence skipped found something\n"); abort(); }
#else
    (void)none;
#endif
}

const char *timex_type_name(int type)
{
    static const char *const names[] = {"", "DATE", "TIME", "DURATION", "SET"};
    return type >= TIMEX_DATE && type <= TIMEX_SET ? names[type] : "DATE";
}

void timex_list_free(timex_list *l)
{
    spare_give(l);
    free(l->t);
    free(l->scratch);
    free(l->parts);
    free(l->tok_cls);
    l->tok_cls = NULL, l->tok_cls_cap = 0, l->tok_cls_of = NULL, l->tok_cls_n = 0;
    l->t = NULL;
    l->scratch = NULL;
    l->parts = NULL;
    l->n = l->cap = l->scratch_cap = l->parts_cap = 0;
}

/* ---- the time expression of an event (attach_dates) ---- */

/* The classes (low byte) of token k's word, found by its hash. */
static uint8_t class_of_token(const token_list *tl, size_t k)
{
    const token *tk = &tl->t[k];
    if (!tk->norm_len) return 0;
    const class_entry *e = class_find(tok_norm(tl, k), tk->norm_len, tk->hash);
    return e ? (uint8_t)e->flags : 0;
}

static bool word_in(const char *w, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (w[0] == list[k][0] && !strcmp(w, list[k])) return true;
    return false;
}

/* Token k's classes: from when_find's (tx->tok_cls) when they are of these tokens, else looked up. */
static inline uint8_t tok_class(const uint8_t *cls, const token_list *tl, size_t k)
{
    return cls ? cls[k] : class_of_token(tl, k);
}

/* Is the norm w exactly the one byte ch? */
static inline bool norm_is(const char *w, char ch) { return w[0] == ch && !w[1]; }

/* Is token k a finite verb: one of the other events' verbs, a past tense or reporting verb, an
   auxiliary, or a lower-case "-ed" word after a clause opener or a pronoun ("that killed", "after talks
   collapsed": elsewhere "-ed" is as often an adjective, "the armed men")? */
static bool finite_at(const token_list *tl, const uint8_t *cls, size_t k, const span *verbs, size_t nverbs,
                      span own, bool opened, uint8_t cl)
{
    const token *tk = &tl->t[k];
    if (tk->start >= own.start && tk->end <= own.end) return false;
    for (size_t v = 0; v < nverbs; v++)
        if (tk->start >= verbs[v].start && tk->end <= verbs[v].end) return true;
    const char *w = tok_norm(tl, k);
    size_t n = tk->norm_len;
    if ((cl & (W_PAST | W_REPORT)) && strcmp(w, "AGO")) return true;
    if (cl & W_FINITE) return true;
    if (n < 4 || w[n - 2] != 'E' || w[n - 1] != 'D' || (tk->flags & TF_CAP) || !k) return false;
    static const char *const pronouns[] = {"IT", "HE", "SHE", "THEY", "WE", "I", "YOU", NULL};
    const char *p = tok_norm(tl, k - 1);
    return opened || (tok_class(cls, tl, k - 1) & W_OPENER) || word_in(p, pronouns);
}

/* Do tokens [a, b) hold a clause of their own: a ';', or a finite verb after a clause opener or a comma
   ("..., and police arrested", "the bombing that killed")? With `any_verb`, any finite verb counts (the
   words before an expression that precedes the event's verb: "Russia said on Monday ..."). */
static bool crosses_clause(const token_list *tl, const uint8_t *cls, size_t a, size_t b, const span *verbs,
                           size_t nverbs, span own, bool any_verb)
{
    bool opened = false;
    for (size_t k = a; k < b; k++) {
        const char *w = tok_norm(tl, k);
        if (norm_is(w, ';')) return true;
        uint8_t cl = tok_class(cls, tl, k);   /* its classes, looked up once for both tests */
        if ((opened || any_verb) && finite_at(tl, cls, k, verbs, nverbs, own, opened, cl)) return true;
        if (norm_is(w, ',') || (cl & W_OPENER)) opened = true;
    }
    return false;
}

/* Is there a subordinator or relative in tokens [a, b): then an event verb after them heads a clause
   that an expression before them is not part of ("Russia said Monday that troops attacked")? */
static bool opens_subclause(const token_list *tl, const uint8_t *cls, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++) {
        const char *w = tok_norm(tl, k);
        if ((tok_class(cls, tl, k) & W_OPENER) && strcmp(w, "AND") && strcmp(w, "OR") && strcmp(w, "BUT"))
            return true;
    }
    return false;
}

/* Is the expression a modifier inside a noun phrase rather than the verb's own adverbial: possessive
   ("Tuesday's vote"), after "of" ("the accord of March 1"), or between a determiner and its noun
   ("the Feb. 3 accord")? */
static bool in_noun_phrase(const char *text, const token_list *tl, size_t first, size_t last)
{
    if (tl->t[last].flags & TF_POSS) return true;
    const char *prev = first ? tok_norm(tl, first - 1) : "";
    if (!strcmp(prev, "OF")) return true;
    static const char *const det[] = {"THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", "THIS", "THAT", NULL};
    if (!word_in(prev, det) || last + 1 >= tl->n) return false;
    const token *nx = &tl->t[last + 1];
    static const char *const function_words[] = {"AND", "OR", "BUT", "TO", "IN", "ON", "AT", "FOR", "WITH", "FROM",
                                                  "BY", "AS", "WHEN", "THAT", "WHICH", "WHO", "AFTER", "BEFORE",
                                                  "UNTIL", "SINCE", "OF", NULL};
    (void)text;
    return nx->kind == TOK_WORD && !(nx->flags & TF_CAP) && !word_in(tok_norm(tl, last + 1), function_words);
}

/* The index of the token that starts at or contains byte `at` (tokens are in order). */
static size_t token_at(const token_list *tl, uint32_t at)
{
    size_t lo = 0, hi = tl->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tl->t[mid].end <= at) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* token_at(tl, at) for an at at or after the start of token `from`, itself token_at of an earlier byte
   (the ends only grow): the last token of a verb or an expression is a token or three on from its first,
   found by stepping, not by a second binary search. */
static size_t token_at_from(const token_list *tl, size_t from, uint32_t at)
{
    while (from < tl->n && tl->t[from].end <= at) from++;
    return from;
}

size_t when_token_step_misses(const token_list *tl)
{
    size_t misses = 0;
    uint32_t from = tl->n ? tl->t[0].start : 0, to = tl->n ? tl->t[tl->n - 1].end + 2 : 0;
    for (uint32_t a = from; a < to; a++)
        for (uint32_t b = a + 1; b <= to; b++)
            if (token_at_from(tl, token_at(tl, a), b - 1) != token_at(tl, b - 1)) misses++;
    return misses;
}

/* The first token of the clause that token k is in: after the last ';' before it. */
static size_t clause_start(const token_list *tl, size_t k)
{
    while (k > 0 && !norm_is(tok_norm(tl, k - 1), ';')) k--;
    return k;
}

int when_for_verb(const char *text, const token_list *tokens, const timex_list *tx, span verb, const span *verbs,
                  size_t nverbs)
{
    pthread_once(&classes_once, classes_init);
    int best = -1, best_rank = 99;
    uint32_t best_dist = UINT32_MAX;
    size_t vfirst = token_at(tokens, verb.start);
    size_t vlast = verb.end > verb.start ? token_at_from(tokens, vfirst, verb.end - 1) : token_at(tokens, verb.end ? verb.end - 1 : 0);
    const uint8_t *cls = tx->tok_cls_of == tokens->t && tx->tok_cls_n == tokens->n ? tx->tok_cls : NULL;
    for (size_t j = 0; j < tx->n; j++) {
        const timex *t = &tx->t[j];
        if (!t->precision || (t->type != TIMEX_DATE && t->type != TIMEX_TIME)) continue;
        bool after = t->at.start >= verb.end;
        if (!after && t->at.end > verb.start) continue;   /* overlaps the verb */
        size_t first = token_at(tokens, t->at.start);
        size_t last = t->at.end > t->at.start ? token_at_from(tokens, first, t->at.end - 1) : token_at(tokens, t->at.end - 1);
        if (first >= tokens->n || last >= tokens->n) continue;
        bool crossed = after ? crosses_clause(tokens, cls, vlast + 1, first, verbs, nverbs, verb, false)
                             : crosses_clause(tokens, cls, last + 1, vfirst, verbs, nverbs, verb, false) ||
                                   opens_subclause(tokens, cls, last + 1, vfirst) ||
                                   crosses_clause(tokens, cls, clause_start(tokens, first), first, verbs, nverbs,
                                                  verb, true);
        if (crossed) continue;
        /* the verb's own adverbial after it, else before it; a date inside a noun phrase only after those */
        int rank = (in_noun_phrase(text, tokens, first, last) ? 2 : 0) + (after ? 0 : 1);
        uint32_t dist = after ? t->at.start - verb.end : verb.start - t->at.end;
        if (rank < best_rank || (rank == best_rank && dist < best_dist)) best = (int)j, best_rank = rank, best_dist = dist;
    }
    return best;
}

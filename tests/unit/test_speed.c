/* test_speed.c — unit tests for the coder's fast paths: each must give what the plain path it stands for gives. */
#include "check.h"
#include "reference.h"
#include "code/code.h"
#include "where/where.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static diag quiet;

static const char *const SENTENCES[] = {
    "Russian-backed rebels attacked the town of Kramatorsk on Monday, officials said.",
    "The U.S. Secretary of State met Chinese Foreign Minister Wang Yi in Beijing and said both sides would talk.",
    "Israel's army said it killed militants in Gaza; Hamas denied the claim.",
    "Al-Gore criticised the anti-war protesters' slogans.",
    "Iran and Iraq signed an agreement to end the war, the United Nations said.",
    /* a hyphen that does not split (U+2010 in the source), then two words that do, the second possessive */
    "The non\xE2\x80\x90stop talks ended as Russian-backed rebels met Al-Gore's anti-war allies.",
    "Israel and the non\xE2\x80\x90" "aligned states agreed.",
};
#define NSENT (sizeof SENTENCES / sizeof SENTENCES[0])

static bool same_tokens(const char *text, const token_list *a, const token_list *b)
{
    if (a->n != b->n) return false;
    for (size_t i = 0; i < a->n; i++) {
        const token *x = &a->t[i], *y = &b->t[i];
        if (x->start != y->start || x->end != y->end || x->kind != y->kind || x->flags != y->flags ||
            x->norm_len != y->norm_len || strcmp(tok_norm(a, i), tok_norm(b, i)) != 0 || x->hash != y->hash)
            return false;
    }
    (void)text;
    return true;
}

/* coder_tokens: the coder's tokens of the sentence it coded, as tokenize gives them, also when the
   coder split a hyphenated word ("Russian-backed", "Al-Gore") for its own matching. */
static void test_coder_tokens(void)
{
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load_default(d), 0);
    coder *c = coder_new(d);
    token_list want = {0}, copy = {0};
    for (size_t k = 0; k < NSENT; k++) {
        story s = {0};
        s.text = (char *)SENTENCES[k];
        s.len = strlen(SENTENCES[k]);
        s.date = date_parse("2024-03-04", 10);
        event_list ev = {0};
        span sent = {0, (uint32_t)s.len};
        code_sentence(c, &s, 1, sent, NULL, &ev, NULL);
        tokenize(s.text, sent, &want);
        CHECK(same_tokens(s.text, coder_tokens(c), &want));
        token_list_copy(&copy, coder_tokens(c));
        CHECK(same_tokens(s.text, &copy, &want));
        event_list_free(&ev);
    }
    token_list_free(&want);
    token_list_free(&copy);
    coder_free(c);
    dict_free(d);
}

/* The token cache: the same words marked as dict_marks_token marks them, the first time a token is
   seen and from the cache afterwards. */
static void test_token_cache_marks(const dict *d)
{
    dict_marks plain = {0}, cached = {0};
    token_list tl = {0};
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < NSENT; k++) {
            tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, &tl);
            dict_marks_begin(d, &plain);
            dict_marks_begin(d, &cached);
            for (size_t i = 0; i < tl.n; i++) {
                uint8_t *note;
                bool poss = tl.t[i].flags & TF_POSS;
                dict_marks_token(d, &plain, tok_norm(&tl, i), tl.t[i].norm_len, poss);
                int32_t e = dict_marks_token_cached(d, &cached, tok_norm(&tl, i), tl.t[i].norm_len, poss, &note);
                CHECK(e >= 0 && note);
            }
            size_t differ = 0, marked = 0;
            for (size_t w = 0; w < plain.nword; w++) {
                differ += (plain.mark[w] == plain.mark_gen) != (cached.mark[w] == cached.mark_gen);
                marked += plain.mark[w] == plain.mark_gen;
            }
            CHECK_INT(differ, 0);
            CHECK(marked > 0);
        }
    dict_marks_free(&plain);
    dict_marks_free(&cached);
    token_list_free(&tl);
}

/* How many words one of a and b marks and the other does not; *marked counts a's. */
static size_t marks_differ(const dict_marks *a, const dict_marks *b, size_t *marked)
{
    size_t differ = 0;
    for (size_t w = 0; w < a->nword; w++) {
        differ += (a->mark[w] == a->mark_gen) != (b->mark[w] == b->mark_gen);
        *marked += a->mark[w] == a->mark_gen;
    }
    return differ;
}

/* Every word of the built-in dictionary's files (data/dict, run from the repository's root), as tokens:
   the cache marks what dict_marks_token marks. The cache skips the word table for prefixes whose hash
   has no bit in its filter, so a word the filter lost would be missed here: each is its own token. */
static void test_token_cache_every_word(const dict *d)
{
    static const char *const files[] = {"data/dict/10-countries.dyad", "data/dict/20-agents.dyad",
                                        "data/dict/30-orgs.dyad", "data/dict/40-verbs.dyad",
                                        "data/dict/41-verbs-nominal.dyad", "data/dict/50-leaders.dyad"};
    dict_marks plain = {0}, cached = {0};
    token_list tl = {0};
    char line[4096];
    size_t tokens = 0, marked = 0;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        FILE *fp = fopen(files[f], "r");
        CHECK(fp != NULL);
        if (!fp) continue;
        for (size_t n = 0; fgets(line, sizeof line, fp); n++) {
            if (n % 200 == 0) dict_marks_begin(d, &plain), dict_marks_begin(d, &cached);
            for (char *q = line; *q; q++)   /* "_" joins a phrase's words: make them words */
                if (*q == '_') *q = ' ';
            tokenize(line, (span){0, (uint32_t)strlen(line)}, &tl);
            for (size_t i = 0; i < tl.n; i++) {
                uint8_t *note;
                bool poss = tl.t[i].flags & TF_POSS;
                dict_marks_token(d, &plain, tok_norm(&tl, i), tl.t[i].norm_len, poss);
                dict_marks_token_cached(d, &cached, tok_norm(&tl, i), tl.t[i].norm_len, poss, &note);
                tokens++;
            }
            if (n % 200 == 199) CHECK_INT(marks_differ(&plain, &cached, &marked), 0);
        }
        CHECK_INT(marks_differ(&plain, &cached, &marked), 0);   /* the file's last lines */
        fclose(fp);
    }
    CHECK(tokens > 10000 && marked > 1000);
    dict_marks_free(&plain);
    dict_marks_free(&cached);
    token_list_free(&tl);
}

static uint8_t note_len(const char *w) { return (uint8_t)(1 + strlen(w) % 250); }

/* dict_marks_sentence: the entries, notes and marks of dict_marks_token_cached called token by token
   (for words and numbers), the first time a sentence is seen and from the cache afterwards. */
static void test_token_cache_sentence(const dict *d)
{
    dict_marks one = {0}, all = {0};
    token_list tl = {0};
    int32_t entry[256];
    uint8_t note[256];
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < NSENT; k++) {
            tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, &tl);
            CHECK(tl.n < 256);
            dict_marks_begin(d, &one);
            dict_marks_begin(d, &all);
            dict_marks_sentence(d, &all, &tl, entry, note, note_len);
            size_t bad = 0;
            for (size_t i = 0; i < tl.n; i++) {
                if (tl.t[i].kind == TOK_PUNCT) {
                    bad += entry[i] != -1 || note[i] != 0;
                    continue;
                }
                uint8_t *nt;
                int32_t e = dict_marks_token_cached(d, &one, tok_norm(&tl, i), tl.t[i].norm_len, tl.t[i].flags & TF_POSS, &nt);
                bad += e != entry[i] || note[i] != note_len(tok_norm(&tl, i)) || !nt;
            }
            CHECK_INT(bad, 0);
            size_t differ = 0;
            for (size_t w = 0; w < one.nword; w++) differ += (one.mark[w] == one.mark_gen) != (all.mark[w] == all.mark_gen);
            CHECK_INT(differ, 0);
        }
    dict_marks_free(&one);
    dict_marks_free(&all);
    token_list_free(&tl);
}

/* The cache's probe compares a token with its entry several bytes at a time: an equal token of any
   length finds its entry again, a token differing in any one byte, or one byte shorter, does not. */
static void test_token_cache_lengths(const dict *d)
{
    dict_marks m = {0};
    dict_marks_begin(d, &m);
    char word[41], other[41];
    int32_t first[41];
    uint8_t *note;
    for (size_t n = 1; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) word[i] = (char)('A' + (i * 7 + n) % 26);
        first[n] = dict_marks_token_cached(d, &m, word, n, false, &note);
        CHECK(first[n] >= 0);
    }
    for (size_t n = 1; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) word[i] = (char)('A' + (i * 7 + n) % 26);
        CHECK_INT(dict_marks_token_cached(d, &m, word, n, false, &note), first[n]);
        for (size_t i = 0; i < n; i++) {
            memcpy(other, word, n);
            other[i] = (char)(other[i] == 'Z' ? 'A' : other[i] + 1);
            CHECK(dict_marks_token_cached(d, &m, other, n, false, &note) != first[n]);
        }
        if (n > 1) CHECK(dict_marks_token_cached(d, &m, word, n - 1, false, &note) != first[n]);
    }
    dict_marks_free(&m);
}

/* dict_marks_sentence finds an entry by its key and its bytes (the first eight kept in the entry, loaded from
   the norm up to its NUL): a word of every length 1-40 finds its own entry again, and a word of the same
   length differing in any one byte does not. */
static void test_token_cache_sentence_lengths(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    strbuf text;
    sb_init(&text);
    int32_t entry[2], first[41];
    uint8_t note[2];
    size_t bad = 0, tried = 0;
    dict_marks_begin(d, &m);
    for (int round = 0; round < 2; round++)
        for (size_t n = 1; n <= 40; n++) {
            sb_clear(&text);
            for (size_t i = 0; i < n; i++) sb_addc(&text, (char)('a' + (i * 7 + n) % 26));
            tokenize(text.s, (span){0, (uint32_t)text.len}, &tl);
            CHECK(tl.n == 1);
            dict_marks_sentence(d, &m, &tl, entry, note, note_len);
            if (round == 0) first[n] = entry[0];
            bad += entry[0] < 0 || entry[0] != first[n];
            for (size_t i = 0; i < n && round == 1; i++) {
                char keep = text.s[i];
                text.s[i] = keep == 'z' ? 'b' : (char)(keep + 1);
                tokenize(text.s, (span){0, (uint32_t)text.len}, &tl);
                dict_marks_sentence(d, &m, &tl, entry, note, note_len);
                bad += tl.n != 1 || entry[0] < 0 || entry[0] == first[n];
                text.s[i] = keep;
                tried++;
            }
        }
    CHECK_INT(bad, 0);
    CHECK_INT(tried, 820);
    sb_free(&text);
    dict_marks_free(&m);
    token_list_free(&tl);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* w = pre, then letters from the number k up to len bytes. */
static void word_of(char *w, const char *pre, size_t len, uint64_t k)
{
    size_t p = strlen(pre);
    memcpy(w, pre, p);
    for (size_t i = p; i < len; i++) w[i] = (char)('A' + k % 26), k /= 26;
    w[len] = 0;
}

/* Two words word_of(pre, len, k * step) of k in [0, n) with the same norm_hash, into a and b (the first pair
   found by sorting their hashes); false when none collide. */
static bool same_hash_words(const char *pre, size_t len, uint64_t n, uint64_t step, char *a, char *b)
{
    uint64_t *h = malloc(n * sizeof *h);
    char w[32];
    for (uint64_t k = 0; k < n; k++) word_of(w, pre, len, k * step), h[k] = (uint64_t)norm_hash(w, len) << 32 | k;
    qsort(h, n, sizeof *h, cmp_u64);
    bool found = false;
    for (uint64_t k = 1; k < n && !found; k++)
        if (h[k] >> 32 == h[k - 1] >> 32) {
            word_of(a, pre, len, (h[k - 1] & 0xFFFFFFFF) * step), word_of(b, pre, len, (h[k] & 0xFFFFFFFF) * step);
            found = strcmp(a, b) != 0;
        }
    free(h);
    return found;
}

/* The cache's key holds a 32-bit hash: words of the same length and hash must still get entries of their
   own, whether they differ in their first eight bytes (kept in the entry) or only after them. */
static void test_token_cache_collisions(const dict *d)
{
    static const struct { const char *pre; size_t len; uint64_t n, step; } kinds[] = {
        {"", 6, 400000, 7919},        /* six letters: the entry's head tells them apart */
        {"QWERTYUI", 12, 456976, 1},  /* the same eight, then four letters: the bytes after the head */
    };
    for (size_t kd = 0; kd < 2; kd++) {
        char a[32], b[32], text[160];
        CHECK(same_hash_words(kinds[kd].pre, kinds[kd].len, kinds[kd].n, kinds[kd].step, a, b));
        snprintf(text, sizeof text, "%s %s %s %s", a, b, b, a);
        dict_marks m = {0}, one = {0};
        token_list tl = {0};
        int32_t entry[4];
        uint8_t note[4], *nt;
        tokenize(text, (span){0, (uint32_t)strlen(text)}, &tl);
        CHECK_INT(tl.n, 4);
        CHECK_INT(tl.t[0].hash, tl.t[1].hash);
        dict_marks_begin(d, &m);
        dict_marks_begin(d, &one);
        dict_marks_sentence(d, &m, &tl, entry, note, note_len);
        CHECK(entry[0] >= 0 && entry[1] >= 0 && entry[0] != entry[1]);
        CHECK(entry[0] == entry[3] && entry[1] == entry[2]);
        for (size_t i = 0; i < 4; i++) CHECK_INT(dict_marks_token_cached(d, &one, tok_norm(&tl, i), tl.t[i].norm_len, false, &nt), entry[i]);
        dict_marks_free(&m);
        dict_marks_free(&one);
        token_list_free(&tl);
    }
}

/* A word and its possessive are two entries (the key holds TF_POSS), the same in dict_marks_sentence (by
   token_key) as in dict_marks_token_cached (by the norm), and each the same entry every time it comes back. */
static void test_token_cache_possessive(const dict *d)
{
    static const char text[] = "Gondor's army met Gondor and Rohan's army; Rohan's king, Rohan and 1990's 1990.";
    dict_marks all = {0}, one = {0};
    token_list tl = {0};
    int32_t entry[64];
    uint8_t note[64];
    tokenize(text, (span){0, (uint32_t)strlen(text)}, &tl);
    CHECK(tl.n < 64);
    dict_marks_begin(d, &all);
    dict_marks_begin(d, &one);
    dict_marks_sentence(d, &all, &tl, entry, note, note_len);
    size_t bad = 0, pairs = 0;
    for (size_t i = 0; i < tl.n; i++)
        for (size_t j = 0; j < tl.n; j++) {
            if (i == j || tl.t[i].kind == TOK_PUNCT || tl.t[j].kind == TOK_PUNCT || strcmp(tok_norm(&tl, i), tok_norm(&tl, j))) continue;
            bool same_poss = (tl.t[i].flags & TF_POSS) == (tl.t[j].flags & TF_POSS);
            pairs += !same_poss;
            bad += (entry[i] == entry[j]) != same_poss;
        }
    for (size_t i = 0; i < tl.n; i++) {
        if (tl.t[i].kind == TOK_PUNCT) continue;
        uint8_t *nt;
        bad += dict_marks_token_cached(d, &one, tok_norm(&tl, i), tl.t[i].norm_len, tl.t[i].flags & TF_POSS, &nt) != entry[i];
    }
    CHECK_INT(bad, 0);
    CHECK_INT(pairs, 8);   /* GONDOR, ROHAN twice, 1990: each way round */
    dict_marks_free(&all);
    dict_marks_free(&one);
    token_list_free(&tl);
}

/* dict_lookup_needed: dict_lookup's items in its order, less those whose first other word is unmarked and
   those that cannot start at the token (plain_can_start). */
static void test_lookup_needed(const dict *d)
{
    dict_marks m = {0};
    token_list tl = {0};
    static item_list all, needed;
    for (size_t k = 0; k < NSENT; k++) {
        tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, &tl);
        dict_marks_begin(d, &m);
        int32_t *e = cache_entries(d, &m, &tl);
        for (size_t i = 0; i < tl.n; i++) {
            all.n = needed.n = 0;
            dict_lookup(d, tok_norm(&tl, i), collect_item, &all);
            dict_lookup_needed(d, &m, e[i], tok_norm(&tl, i), collect_item, &needed);
            size_t j = 0;
            bool ok = true;
            for (size_t a = 0; a < all.n; a++) {
                const index_item *it = all.it[a];
                bool out = it->nneed && !(it->need[0] & NEED_SET) && it->need[0] < m.nword && m.mark[it->need[0]] != m.mark_gen;
                if (out || !plain_can_start(d, it, tok_norm(&tl, i), tl.t[i].flags & TF_POSS)) continue;
                ok = ok && j < needed.n && needed.it[j] == it;
                j++;
            }
            CHECK(ok && j == needed.n);
        }
        free(e);
    }
    dict_marks_free(&m);
    token_list_free(&tl);
}

/* dict_verb_candidates: for a verb with many patterns, ascending, every pattern whose needs the
   sentence meets (dict_needs_met: the only ones best_pattern can use), and fewer in all than the
   scan of dict_first_needs keeps (patterns are listed under their longest word, not their first). Needs TABARI's verbs (../shared); skipped without them. */
static void test_verb_candidates(void)
{
    const char *verbs = "../shared/dictionaries/tabari/CAMEO.091003.master.verbs";
    if (access(verbs, R_OK) != 0) { printf("skip test_verb_candidates: no %s\n", verbs); return; }
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, verbs), 0);
    dict_prepare(d);
    dict_marks m = {0};
    token_list tl = {0};
    uint32_t *buf = NULL;
    size_t cap = 0, grouped = 0, nlisted = 0, nscanned = 0;
    for (size_t k = 0; k < NSENT; k++) {
        tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, &tl);
        dict_marks_begin(d, &m);
        for (size_t i = 0; i < tl.n; i++) {
            uint8_t *note;
            dict_marks_token_cached(d, &m, tok_norm(&tl, i), tl.t[i].norm_len, tl.t[i].flags & TF_POSS, &note);
        }
        for (int v = 0; v < d->nverbs; v++) {
            size_t n = dict_verb_candidates(d, &m, v, &buf, &cap);
            if (n == SIZE_MAX) continue;
            grouped++;
            const uint32_t *first = dict_first_needs(d, v);
            size_t j = 0;
            bool ok = first != NULL;
            for (int p = 0; ok && p < d->verbs[v].npats; p++) {
                const verb_pattern *vp = &d->verbs[v].pats[p];
                bool listed = j < n && buf[j] == (uint32_t)p, scanned = !(first[p] < m.nword && m.mark[first[p]] != m.mark_gen);
                ok = listed || !dict_needs_met(d, &m, vp->need, vp->nneed);
                j += listed;
                nlisted += listed;
                nscanned += scanned;
            }
            CHECK(ok && j == n);
        }
    }
    CHECK(grouped > 0);   /* SAID and its kin have hundreds of patterns */
    CHECK(nlisted < nscanned);
    free(buf);
    dict_marks_free(&m);
    token_list_free(&tl);
    dict_free(d);
}

/* A random sentence of the dictionary's pattern words (some with an ending or a possessive, many
   repeated) into buf: the words that key grouped verbs' pattern lists, seen again and again. */
static void random_pattern_sentence(const dict *d, unsigned *seed, char *buf, size_t cap)
{
    static const char *const ends[] = {"", "", "", "S", "ED", "ING", "'s", "ES"};
    size_t n = 0, words = 3 + *seed % 40;
    const char *prev[8] = {0};
    buf[0] = 0;
    for (size_t k = 0; k < words; k++) {
        *seed = *seed * 1103515245u + 12345u;
        const char *w = NULL;
        if (k >= 8 && (*seed >> 20) % 3 == 0) {
            w = prev[(*seed >> 8) % 8];   /* a word of the sentence again */
        } else {
            const verb_entry *ve = &d->verbs[(*seed >> 8) % (unsigned)d->nverbs];
            if (!ve->npats) continue;
            *seed = *seed * 1103515245u + 12345u;
            const phrase *p = &ve->pats[(*seed >> 8) % (unsigned)ve->npats].p;
            for (int i = 0; i < p->n && !w; i++)
                if (p->e[(i + (int)(*seed >> 4)) % p->n].kind == PE_WORD) w = p->e[(i + (int)(*seed >> 4)) % p->n].word;
        }
        if (!w) continue;
        prev[k % 8] = w;
        const char *end = ends[(*seed >> 16) % 8];
        if (n + strlen(w) + strlen(end) + 2 >= cap) break;
        n += (size_t)snprintf(buf + n, cap - n, "%s%s ", w, end);
    }
}

/* dict_marks_sentence with grouped verbs (TABARI's): a word already stamped in the sentence is skipped,
   and only the ids that key a grouped verb's list join `seen`. Against dict_marks_token (every id stamped,
   every one listed): the same words marked, and dict_verb_candidates lists the same patterns for every
   verb, on the test sentences and 3,000 random ones of pattern words; through the generation's wrap too
   (an entry stamped before it must stamp again after it). Needs TABARI's verbs (../shared). */
static void test_track_marks(void)
{
    const char *verbs = "../shared/dictionaries/tabari/CAMEO.091003.master.verbs";
    if (access(verbs, R_OK) != 0) { printf("skip test_track_marks: no %s\n", verbs); return; }
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load(d, verbs), 0);
    dict_prepare(d);
    dict_marks ref = {0}, fast = {0};
    token_list tl = {0};
    uint32_t *a = NULL, *b = NULL;
    size_t capa = 0, capb = 0, lists = 0, differ = 0, marked = 0, shorter = 0;
    unsigned seed = 7;
    char text[2048];
    for (int k = 0; k < 3000 + (int)NSENT; k++) {
        /* the test sentences at generations 1, 2 ..., and again right after the wrap (k = 1503: 1 again) */
        if (k < (int)NSENT) snprintf(text, sizeof text, "%s", SENTENCES[k]);
        else if (k >= 1503 && k < 1503 + (int)NSENT) snprintf(text, sizeof text, "%s", SENTENCES[k - 1503]);
        else random_pattern_sentence(d, &seed, text, sizeof text);
        tokenize(text, (span){0, (uint32_t)strlen(text)}, &tl);
        int32_t *entry = xmalloc((tl.n + 1) * sizeof *entry);
        uint8_t *note = xmalloc(tl.n + 1);
        /* the generation wraps three sentences on; the marks' byte five on, out of step with ref's: a mark
           left from 255 sentences before would look current and differ */
        if (k == 1500) fast.gen = UINT32_MAX - 3, fast.mark_gen = 250;
        dict_marks_begin(d, &ref);
        dict_marks_begin(d, &fast);
        CHECK(fast.track);
        for (size_t i = 0; i < tl.n; i++)
            if (tl.t[i].kind == TOK_WORD || tl.t[i].kind == TOK_NUMBER)
                dict_marks_token(d, &ref, tok_norm(&tl, i), tl.t[i].norm_len, tl.t[i].flags & TF_POSS);
        dict_marks_sentence(d, &fast, &tl, entry, note, note_len);
        differ += marks_differ(&ref, &fast, &marked);
        shorter += fast.nseen < ref.nseen;
        for (int v = 0; v < d->nverbs; v++) {
            size_t na = dict_verb_candidates(d, &ref, v, &a, &capa);
            if (na == SIZE_MAX) continue;
            size_t nb = dict_verb_candidates(d, &fast, v, &b, &capb);
            lists++;
            differ += nb != na || memcmp(a, b, na * sizeof *a) != 0;
        }
        free(entry);
        free(note);
    }
    CHECK_INT(differ, 0);
    CHECK(marked > 30000 && lists > 1000 && shorter > 1000);
    free(a);
    free(b);
    dict_marks_free(&ref);
    dict_marks_free(&fast);
    token_list_free(&tl);
    dict_free(d);
}

/* dict_same_bytes is memcmp(a, b, n) == 0 for every length 0-40 and a difference at every place, on
   copies exactly n bytes long (so that a read past either end shows under ASan). */
static void test_same_bytes(void)
{
    unsigned seed = 11;
    size_t wrong = 0, tries = 0;
    for (size_t n = 0; n <= 40; n++)
        for (int round = 0; round < 20; round++) {
            char *a = xmalloc(n + 1), *b = xmalloc(n + 1);
            for (size_t i = 0; i < n; i++) seed = seed * 1103515245u + 12345u, a[i] = b[i] = (char)(seed >> 16);
            wrong += !dict_same_bytes(a, b, n);
            for (size_t i = 0; i < n; i++) {
                b[i] ^= (char)(1 << (round % 8));
                wrong += dict_same_bytes(a, b, n) != (memcmp(a, b, n) == 0), tries++;
                b[i] = a[i];
            }
            free(a);
            free(b);
        }
    CHECK_INT(wrong, 0);
    CHECK(tries > 10000);
}

/* word_matches_n as it was written with memcmp: the reference for the inline compare. */
static bool word_matches_ref(const char *dw, size_t dn, int mode, const char *tok, size_t tn, bool poss)
{
    if (tn < dn || memcmp(tok, dw, dn) != 0) return false;
    if (mode == WM_STEM) return true;
    const char *rest = tok + dn;
    size_t rn = tn - dn;
    if (mode == WM_EXACT || mode == WM_FIXED) return !rn && !poss;
    if (mode == WM_NOUN) return !rn || (rn == 1 && rest[0] == 'S') || (rn == 2 && rest[0] == 'E' && rest[1] == 'S');
    if (poss) return false;
    if (!rn) return true;
    if (rn == 1 && rest[0] == 'S') return true;
    if (rn == 2 && rest[0] == 'E' && (rest[1] == 'S' || rest[1] == 'D' || rest[1] == 'N')) return true;
    if (rn == 3 && rest[0] == 'I' && rest[1] == 'N' && rest[2] == 'G') return true;
    if (dn && dw[dn - 1] == 'E' && rn == 1 && (rest[0] == 'D' || rest[0] == 'N')) return true;
    return false;
}

/* dict_lookup without the word_bits filter: every prefix's bucket walked (the reference). */
static void lookup_ref(const dict *d, const char *word, item_list *out)
{
    size_t n = strlen(word), max = n < d->longest_stem ? n : d->longest_stem;
    for (size_t len = max; len >= 1; len--)
        for (const index_item *it = d->buckets[hash_bytes(word, len) & (d->nbuckets - 1)]; it; it = it->next) {
            if (it->len != len || memcmp(it->word, word, len) != 0) continue;
            if (len < n && it->mode != WM_STEM && it->mode != WM_NOUN && it->mode != WM_VERB) continue;
            collect_item(it, out);
        }
}

/* dict_lookup_starting for the word w of wn bytes as the first bytes of a token of tn (w[wn .. tn) follow it),
   against dict_lookup_append's items `all` (na of them): its items are some of those, in their order, and every
   one of those whose first word's mode may end at the token (as the token cache's tc_item_starts asks) is among
   them. Returns the number of wrong answers; *dropped counts the items passed over. */
static size_t check_starting(const dict *d, const char *w, size_t wn, size_t tn, const index_item *const *all, size_t na,
                             size_t *dropped)
{
    size_t wrong = 0;
    for (int poss = 0; poss < 2; poss++) {
        const index_item **st = NULL;
        size_t ns = 0, cap = 0, q = 0;
        dict_lookup_starting(d, w, wn, tn, poss, &st, &ns, &cap);
        for (size_t k = 0; k < na; k++) {
            bool kept = q < ns && st[q] == all[k];
            q += kept;
            wrong += !kept && dict_ending_matches(all[k]->word, all[k]->len, all[k]->mode, w + all[k]->len,
                                                  tn - all[k]->len, poss);
        }
        wrong += q != ns;   /* an item not in dict_lookup_append's list, or out of its order */
        *dropped += na - ns;
        free(st);
    }
    return wrong;
}

/* Every first word of a phrase of d, with the endings and letters a token may add or lack, and random
   letter strings: dict_lookup (word_bits skips most prefixes) finds the items the full walk finds, in its
   order, and dict_lookup_append appends them; dict_lookup_starting keeps what may start a name (check_starting);
   word_matches_n (inline compare) answers as the memcmp version for every mode. */
static void lookup_and_match(const dict *d, size_t *found, size_t *dropped)
{
    static const char *const ends[] = {"", "S", "ES", "ED", "EN", "ING", "D", "N", "X", "ERS"};
    static item_list a, b;
    unsigned seed = 5;
    size_t wrong = 0;
    char w[128];
    for (size_t bk = 0; bk < d->nbuckets; bk++)
        for (const index_item *it = d->buckets[bk]; it; it = it->next)
            for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
                seed = seed * 1103515245u + 12345u;
                size_t cut = it->len > 1 && (seed >> 16) % 4 == 0 ? it->len - 1 : it->len;   /* a letter short */
                if (cut + 8 >= sizeof w) continue;
                snprintf(w, sizeof w, "%.*s%s", (int)cut, it->word, ends[e]);
                if ((seed >> 20) % 5 == 0) w[(seed >> 8) % (strlen(w) + 1)] = 0;   /* or a prefix */
                a.n = b.n = 0;
                dict_lookup(d, w, collect_item, &a);
                lookup_ref(d, w, &b);
                wrong += a.n != b.n || memcmp(a.it, b.it, a.n * sizeof *a.it) != 0;
                *found += a.n;
                /* dict_lookup_append, after what an earlier lookup left (the token cache's pool) */
                const index_item **app = NULL;
                size_t napp = 0, capapp = 0;
                if (e % 2) dict_lookup_append(d, "THE", 3, &app, &napp, &capapp);
                size_t before = napp;
                dict_lookup_append(d, w, strlen(w), &app, &napp, &capapp);
                wrong += napp - before != a.n || (a.n && memcmp(app + before, a.it, a.n * sizeof *a.it) != 0);
                free(app);
                size_t wn = strlen(w);
                wrong += check_starting(d, w, wn, wn, (const index_item *const *)a.it, a.n, dropped);
                if (wn + 4 < sizeof w && e == 1) {   /* a token with a NUL inside: what follows it is the token's too */
                    memcpy(w + wn + 1, "ING", 4);
                    wrong += check_starting(d, w, wn, wn + 4, (const index_item *const *)a.it, a.n, dropped);
                }
                for (int mode = WM_STEM; mode <= WM_FIXED; mode++)
                    for (int poss = 0; poss < 2; poss++)
                        wrong += word_matches_n(it->word, it->len, mode, w, wn, poss) !=
                                 word_matches_ref(it->word, it->len, mode, w, wn, poss);
            }
    for (int k = 0; k < 20000; k++) {   /* random words: mostly no phrase, some a stem's prefix */
        size_t n = 1 + (size_t)k % 12;
        for (size_t i = 0; i < n; i++) seed = seed * 1103515245u + 12345u, w[i] = (char)('A' + (seed >> 16) % 26);
        w[n] = 0;
        a.n = b.n = 0;
        dict_lookup(d, w, collect_item, &a);
        lookup_ref(d, w, &b);
        wrong += a.n != b.n || memcmp(a.it, b.it, a.n * sizeof *a.it) != 0;
    }
    CHECK_INT(wrong, 0);
}

static void test_lookup_filter(const dict *d)
{
    size_t found = 0, dropped = 0;
    lookup_and_match(d, &found, &dropped);
    CHECK(found > 10000);
    CHECK(dropped > 0);
    const char *dir = "../shared/dictionaries/tabari";
    if (access(dir, R_OK) != 0) { printf("skip test_lookup_filter on TABARI's set: no %s\n", dir); return; }
    static const char *const files[] = {"CAMEO.091003.master.verbs", "CountryInfo.120116.actors", "Internatnl.120521.actors",
                                        "PSU.120522.agents"};
    dict *t = dict_new(&quiet);
    char path[512];
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        CHECK_INT(dict_load(t, path), 0);
    }
    found = dropped = 0;
    lookup_and_match(t, &found, &dropped);   /* the buckets walked: dict_lookup_starting passes over nothing */
    CHECK(found > 100000);
    CHECK_INT((long)dropped, 0);
    dict_group_index(t);   /* and grouped, as dict_prepare leaves them */
    found = 0;
    lookup_and_match(t, &found, &dropped);
    CHECK(found > 100000);
    CHECK(dropped > found / 4);
    dict_free(t);
}

/* where_story_tokens with the sentences' tokens made beforehand finds what where_story finds. */
static void test_where_tokens(void)
{
    const gazetteer *g = gazetteer_default();
    CHECK(g != NULL);
    if (!g) return;
    const char *text = "KYIV (Reuters) - Russian missiles struck Kharkiv and Odesa overnight, officials said. "
                       "Ukraine's army said it shot down drones near Lviv. Talks in Geneva were delayed.";
    size_t len = strlen(text), skip = dateline_end(text, len, NULL);
    span *sents;
    size_t n = split_sentences(text + skip, len - skip, &sents);
    for (size_t i = 0; i < n; i++) { sents[i].start += (uint32_t)skip; sents[i].end += (uint32_t)skip; }
    token_list *tl = xcalloc(n, sizeof *tl);
    const token_list **toks = xcalloc(n, sizeof *toks);
    for (size_t i = 0; i < n; i++) {
        tokenize(text, sents[i], &tl[i]);
        toks[i] = i == 1 ? NULL : &tl[i];   /* one left for where to tokenize itself */
    }
    story_places a = {0}, b = {0};
    where_story(g, text, len, sents, n, NULL, &a);
    where_story_tokens(g, text, len, sents, n, NULL, toks, &b);
    CHECK_INT(b.mentions.n, a.mentions.n);
    CHECK(a.mentions.n >= 3);
    for (size_t i = 0; i < a.mentions.n && i < b.mentions.n; i++) {
        CHECK(a.mentions.m[i].at.start == b.mentions.m[i].at.start && a.mentions.m[i].at.end == b.mentions.m[i].at.end);
        CHECK(a.mentions.m[i].p == b.mentions.m[i].p);
    }
    story_places_free(&a);
    story_places_free(&b);
    for (size_t i = 0; i < n; i++) token_list_free(&tl[i]);
    free(tl);
    free(toks);
    free(sents);
}


static uint64_t next_random(uint64_t *x)   /* splitmix64 */
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9u;
    z = (z ^ z >> 27) * 0x94D049BB133111EBu;
    return z ^ z >> 31;
}

/* A token list of the words w[0..n) built by hand as a caller other than tokenize may build one: the pool
   holds the norms and their NULs, then `slack` bytes of `fill` (0: pcap = plen, no slack at all). */
static void hand_tokens(token_list *tl, char (*w)[24], const bool *poss, size_t n, size_t slack, char fill)
{
    size_t need = 0;
    for (size_t i = 0; i < n; i++) need += strlen(w[i]) + 1;
    free(tl->pool), free(tl->t);
    tl->pool = xmalloc(need + slack + 1), tl->pcap = need + slack;   /* +1: xmalloc of 0 */
    tl->t = xmalloc((n + 1) * sizeof *tl->t), tl->cap = n + 1;
    tl->plen = 0, tl->n = n;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(w[i]);
        memcpy(tl->pool + tl->plen, w[i], len + 1);
        tl->t[i] = (token){.start = (uint32_t)i, .end = (uint32_t)i + 1, .norm = (uint32_t)tl->plen,
                           .hash = norm_hash(w[i], len), .norm_len = (uint16_t)len, .kind = TOK_WORD,
                           .flags = poss[i] ? TF_POSS : 0};
        tl->plen += len + 1;
    }
    memset(tl->pool + tl->plen, fill, slack);
}

/* dict_marks_sentence reads a norm's first eight bytes in one load masked by its length, past the NUL into
   the pool's slack (or, without the slack, piece by piece): the entries and marks equal those of
   dict_marks_token_cached (which compares every byte), for random sentences of words of 0-20 bytes sharing
   heads and prefixes, with dictionary words among them, the slack filled with letters or NULs or absent.
   Also: tokenize and token_list_copy leave eight bytes of slack after the last norm. */
static void test_token_cache_head_load(const dict *d)
{
    static const char *const real[] = {"ATTACK", "ATTACKED", "SAID", "ISRAEL", "RUSSIAN", "MINISTER", "THE",
                                       "OF", "A", "KILLED", "GOVERNMENT", "PROTESTERS", "U.S.", "WAR", "MET"};
    uint64_t seed = 11;
    char w[64][24];
    bool poss[64];
    int32_t entry[64], ref;
    uint8_t note[64], *nt;
    token_list tl = {0}, copy = {0};
    size_t bad = 0, differ = 0, tokens = 0;
    for (int kind = 0; kind < 3; kind++) {   /* slack of letters, of NULs, none */
        dict_marks one = {0}, all = {0};
        for (int round = 0; round < 400; round++) {
            size_t n = 1 + next_random(&seed) % 63;
            for (size_t i = 0; i < n; i++) {
                uint64_t r = next_random(&seed);
                if (r % 4 == 0) strcpy(w[i], real[(r >> 8) % (sizeof real / sizeof *real)]);
                else {   /* "ABAB..." of a random length: many share a head, a prefix, or all but the length */
                    size_t len = (r >> 8) % 21;
                    for (size_t k = 0; k < len; k++) w[i][k] = (char)('A' + ((r >> (16 + k % 40)) & 1));
                    w[i][len] = 0;
                }
                if (r % 7 == 0 && w[i][0]) w[i][(r >> 3) % strlen(w[i])] = (char)0xC3;   /* a high byte */
                poss[i] = r % 11 == 0;
            }
            hand_tokens(&tl, w, poss, n, kind == 2 ? 0 : 8 + round % 9, kind == 0 ? 'A' : 0);
            dict_marks_begin(d, &one);
            dict_marks_begin(d, &all);
            dict_marks_sentence(d, &all, &tl, entry, note, note_len);
            for (size_t i = 0; i < n; i++, tokens++) {
                ref = dict_marks_token_cached(d, &one, w[i], strlen(w[i]), poss[i], &nt);
                bad += ref != entry[i] || note[i] != note_len(w[i]);
            }
            for (size_t k = 0; k <= one.nword; k++) differ += (one.mark[k] == one.mark_gen) != (all.mark[k] == all.mark_gen);
        }
        dict_marks_free(&one);
        dict_marks_free(&all);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(differ, 0);
    CHECK(tokens > 30000);
    for (size_t k = 0; k < NSENT; k++) {
        tokenize(SENTENCES[k], (span){0, (uint32_t)strlen(SENTENCES[k])}, &tl);
        CHECK(tl.pcap >= tl.plen + 8);
        token_list_copy(&copy, &tl);
        CHECK(copy.pcap >= copy.plen + 8);
    }
    token_list_free(&tl);
    token_list_free(&copy);
}

int main(void)
{
    quiet = (diag){NULL, 0, 0, "dyad"};
    dict *d = dict_new(&quiet);
    CHECK_INT(dict_load_default(d), 0);
    dict_prepare(d);
    RUN(test_coder_tokens);
    RUN_ON(test_token_cache_marks, d);
    RUN_ON(test_token_cache_every_word, d);
    RUN_ON(test_token_cache_sentence, d);
    RUN_ON(test_token_cache_lengths, d);
    RUN_ON(test_token_cache_sentence_lengths, d);
    RUN_ON(test_token_cache_collisions, d);
    RUN_ON(test_token_cache_possessive, d);
    RUN_ON(test_token_cache_head_load, d);
    RUN_ON(test_lookup_needed, d);
    RUN(test_verb_candidates);
    RUN(test_track_marks);
    RUN(test_same_bytes);
    RUN_ON(test_lookup_filter, d);
    RUN(test_where_tokens);
    dict_free(d);
    return check_done();
}

/* verb_forms.c — irregular and spelling-changed verb forms, so a dictionary lists a lemma once ("take"). */
#include "dict/verb_forms.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "base/embedded.h"
#include "base/util.h"

/* data/verb-forms.tsv, one "lemma<TAB>form form..." line per lemma in byte order: the lines are
   indexed once, then found by binary search. */
static const char **lines;
static size_t nlines;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void index_table(void)
{
    const embedded_file *f = embedded_find("data/verb-forms.tsv");
    if (!f) return;
    size_t cap = 0;
    for (const char *p = f->data, *end = f->data + f->len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        if (*p != '#' && nl > p) { GROW(lines, cap, nlines + 1); lines[nlines++] = p; }
        p = nl + 1;
    }
}

/* -1/0/1 as the line's lemma sorts before, equals, after the lower-cased word w[0..n) */
static int compare_lemma(const char *line, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++, line++) {
        int a = (unsigned char)*line == '\t' ? 0 : (unsigned char)*line;
        int b = (unsigned char)to_lower((unsigned char)w[i]);
        if (a != b) return a < b ? -1 : 1;
    }
    return *line == '\t' ? 0 : 1;
}

static const char *irregular_forms(const char *w, size_t n)
{
    pthread_once(&once, index_table);
    size_t lo = 0, hi = nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_lemma(lines[mid], w, n);
        if (!c) return lines[mid] + n + 1;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

static bool is_vowel(char c) { return strchr("aeiou", c) != NULL; }

/* The regular spelling changes that "word + ending" cannot match, into buf ('\0'-separated). */
static size_t spelling_forms(const char *w, size_t n, char *buf)
{
    char lw[64];
    size_t k = 0;
    if (n < 3 || n + 4 > sizeof lw) return 0;
    for (size_t i = 0; i < n; i++) lw[i] = (char)to_lower((unsigned char)w[i]);
    lw[n] = 0;
    char last = lw[n - 1], before = lw[n - 2];
    if (last == 'e' && before == 'i') {                         /* die → dying */
        k += (size_t)sprintf(buf + k, "%.*sying", (int)(n - 2), lw) + 1;
    } else if (last == 'e' && before != 'e' && before != 'y' && before != 'o') {   /* stage → staging */
        k += (size_t)sprintf(buf + k, "%.*sing", (int)(n - 1), lw) + 1;
    } else if (last == 'y' && !is_vowel(before)) {              /* carry → carried, carries */
        k += (size_t)sprintf(buf + k, "%.*sied", (int)(n - 1), lw) + 1;
        k += (size_t)sprintf(buf + k, "%.*sies", (int)(n - 1), lw) + 1;
    }
    return k;
}

/* Is `form` one of the table's forms (a space-separated list ending at '\n')? */
static bool listed(const char *forms, const char *form)
{
    size_t n = strlen(form);
    while (forms && *forms && *forms != '\n') {
        size_t len = strcspn(forms, " \n");
        if (len == n && !memcmp(forms, form, n)) return true;
        forms += len + (forms[len] == ' ');
    }
    return false;
}

void verb_forms(const char *lemma, size_t n, bool (*fn)(const char *form, size_t n, void *ctx), void *ctx)
{
    const char *table = irregular_forms(lemma, n), *f = table;
    if (f) {
        while (*f && *f != '\n') {
            size_t len = strcspn(f, " \n");
            if (!fn(f, len, ctx)) return;
            f += len;
            if (*f == ' ') f++;
        }
    }
    char buf[160];
    size_t len = spelling_forms(lemma, n, buf);
    for (size_t i = 0; i < len; i += strlen(buf + i) + 1)
        if (!listed(table, buf + i) && !fn(buf + i, strlen(buf + i), ctx)) return;
}

/* countries.c — ISO 3166-1 alpha-3 codes and their names, read once from the built-in country dictionary. */
#include "output/output.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "base/embedded.h"

/* The dictionary's country lines, "actor ABC = Name | alias | ...", are the one list of countries dyad
   ships (generated from iso-codes), so the exports use them rather than a second copy. */
#define COUNTRIES_FILE "data/dict/10-countries.dyad"

typedef struct {
    char code[4];
    char *name;
} country;

static country *countries;
static size_t ncountries;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* "actor ABC = Name | ..." → code ABC and name "Name"; false for any other line. */
static bool parse_line(const char *s, size_t n, country *c)
{
    if (n < 12 || memcmp(s, "actor ", 6) != 0 || memcmp(s + 9, " = ", 3) != 0) return false;
    for (int i = 6; i < 9; i++)
        if (!is_upper((unsigned char)s[i])) return false;
    const char *name = s + 12, *end = s + n;
    const char *bar = memchr(name, '|', (size_t)(end - name));
    if (bar) end = bar;
    while (end > name && is_space((unsigned char)end[-1])) end--;
    memcpy(c->code, s + 6, 3);
    c->code[3] = 0;
    c->name = xstrndup(name, (size_t)(end - name));
    return true;
}

static void load(void)
{
    const embedded_file *f = embedded_find(COUNTRIES_FILE);
    if (!f) return;
    size_t cap = 0;
    for (const char *p = f->data, *end = f->data + f->len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        country c;
        if (parse_line(p, n, &c)) {
            GROW(countries, cap, ncountries);
            countries[ncountries++] = c;
        }
        p += n + 1;
    }
}

const char *country_name(const char *code3)
{
    if (!code3 || strlen(code3) != 3) return NULL;
    pthread_once(&once, load);
    for (size_t i = 0; i < ncountries; i++)   /* ~250 entries, looked up a few times a row */
        if (memcmp(countries[i].code, code3, 4) == 0) return countries[i].name;
    return NULL;
}

/* cameo.c — the CAMEO event code table (data/cameo.tsv, embedded): lookup with fallback to the parent code. */
#include "event/event.h"
#include "base/embedded.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Parsed once and never freed: the table lives as long as the program. */
static cameo_info *table;
static size_t table_n;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* Goldstein weights are written as -?D+(.D+)?; parsed by hand because strtod follows the locale's
   decimal separator, and a program that calls setlocale() must not get different weights. */
static bool parse_weight(const char *s, double *out)
{
    bool neg = *s == '-';
    if (neg || *s == '+') s++;
    if (!is_digit(*s)) return false;
    double v = 0;
    while (is_digit(*s)) v = v * 10 + (*s++ - '0');
    if (*s == '.') {
        double scale = 1;
        for (s++; is_digit(*s); s++) { scale /= 10; v += (*s - '0') * scale; }
    }
    if (*s) return false;
    *out = neg ? -v : v;
    return true;
}

/* Split `line` (NUL-terminated, writable) at tabs into at most `max` fields; returns the count. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') { *p = 0; f[n++] = p + 1; }
    return n;
}

static bool valid_code(const char *c)
{
    size_t n = strlen(c);
    if (n < 2 || n >= EVENT_CODE_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(c[i])) return false;
    return true;
}

/* One data row: code, goldstein, quad_class, plover, plover_mode, name. Malformed rows are skipped;
   the unit test checks that every row of the file made it into the table. */
static bool parse_row(char *line, cameo_info *out)
{
    char *f[6];
    if (split_tabs(line, f, 6) != 6) return false;
    double g;
    if (!valid_code(f[0]) || !parse_weight(f[1], &g) || g < -10 || g > 10) return false;
    if (f[2][0] < '1' || f[2][0] > '4' || f[2][1]) return false;
    *out = (cameo_info){.code = f[0], .goldstein = g, .quad_class = f[2][0] - '0',
                        .plover = f[3], .plover_mode = f[4], .name = f[5]};
    return true;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const cameo_info *)a)->code, ((const cameo_info *)b)->code);
}

static void table_load(void)
{
    const embedded_file *ef = embedded_find("data/cameo.tsv");
    if (!ef) return;
    /* One writable copy of the file: the entries point into it, so rows cost no allocation each. */
    char *text = xstrndup(ef->data, ef->len);
    size_t cap = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') line[--len] = 0;
        if (!len || line[0] == '#') continue;
        GROW(table, cap, table_n);
        if (parse_row(line, &table[table_n])) table_n++;
    }
    qsort(table, table_n, sizeof *table, by_code);
}

static const cameo_info *find_exact(const char *code)
{
    size_t lo = 0, hi = table_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(code, table[mid].code);
        if (c == 0) return &table[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

const cameo_info *cameo_lookup(const char *code)
{
    if (!code || !is_digit(code[0]) || !is_digit(code[1])) return NULL;
    pthread_once(&table_once, table_load);
    /* Try the code, then ever shorter prefixes down to the root: "0239" → "023" → "02". */
    char buf[EVENT_CODE_MAX];
    size_t n = strnlen(code, sizeof buf - 1);
    memcpy(buf, code, n);
    for (; n >= 2; n--) {
        buf[n] = 0;
        const cameo_info *ci = find_exact(buf);
        if (ci) return ci;
    }
    return NULL;
}

void cameo_root(const char *code, char out[3])
{
    if (code && is_digit(code[0]) && is_digit(code[1])) {
        out[0] = code[0]; out[1] = code[1]; out[2] = 0;
    } else {
        out[0] = 0;
    }
}

size_t cameo_count(void)
{
    pthread_once(&table_once, table_load);
    return table_n;
}

const cameo_info *cameo_at(size_t i)
{
    pthread_once(&table_once, table_load);
    return i < table_n ? &table[i] : NULL;
}

const char *date_precision_name(int p)
{
    static const char *const names[] = {"story", "day", "month", "year"};
    return p >= 0 && p <= DATE_YEAR ? names[p] : "story";
}

const char *place_precision_name(int p)
{
    static const char *const names[] = {"", "city", "admin1", "country"};
    return p >= 0 && p <= PLACE_COUNTRY ? names[p] : "";
}

/* test_event.c — unit tests for the CAMEO code table: known codes, fallback, roots, agreement with ../shared
   (the 2021 CAMEO-to-PLOVER table but for the documented codebook exceptions). */
#include "check.h"
#include "base/embedded.h"
#include "event/event.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

/* Several threads racing on the first lookup must all see the whole table (pthread_once). */
static void *lookup_many(void *arg)
{
    size_t *found = arg;
    for (int i = 0; i < 1000; i++)
        if (cameo_lookup("190") && cameo_lookup("0231")) (*found)++;
    return NULL;
}

static void test_first_use_from_threads(void)
{
    pthread_t t[4];
    size_t found[4] = {0};
    for (int i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, lookup_many, &found[i]) == 0);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) CHECK_INT(found[i], 1000);
}

static void check_code(const char *code, double goldstein, int quad, const char *plover, const char *mode)
{
    const cameo_info *ci = cameo_lookup(code);
    CHECK(ci != NULL);
    if (!ci) return;
    CHECK_STR(ci->code, code);
    CHECK(fabs(ci->goldstein - goldstein) < 1e-9);
    CHECK_INT(ci->quad_class, quad);
    CHECK_STR(ci->plover, plover);
    CHECK_STR(ci->plover_mode, mode);
    CHECK(ci->name && ci->name[0]);
}

static void test_known_codes(void)
{
    check_code("190", -10.0, 4, "ASSAULT", "");
    check_code("0874", 10.0, 2, "RETREAT", "disarm");
    check_code("036", 4.0, 1, "AGREE", "");
    check_code("011", -0.1, 1, "", "");          /* PLOVER drops statements (01) ... */
    check_code("0231", 3.4, 1, "REQUEST", "assist");   /* ... and appeals (02): dyad codes an appeal as its demand (1031) */
    check_code("015", 0.0, 1, "AGREE", "");      /* the PLOVER manual's note on claiming responsibility */
    check_code("042", 1.9, 1, "CONSULT", "visit");
    check_code("08", 5.0, 2, "CONCEDE", "");     /* the PLOVER table lists 08 twice; the first wins */
    check_code("09", -2.0, 2, "ACCUSE", "");     /* GDELT counts investigations as material cooperation */
    check_code("1121", -2.0, 3, "ACCUSE", "allege");
    check_code("13", -6.0, 3, "THREATEN", "");
    check_code("130", -4.4, 3, "THREATEN", "");
    check_code("163", -8.0, 4, "SANCTION", "discontinue");   /* the codebook, not the 2021 table */
    check_code("1712", -9.2, 4, "ASSAULT", "destroy");
    check_code("1823", -10.0, 4, "ASSAULT", "");
    check_code("2042", -10.0, 4, "ASSAULT", "unconventional");
    CHECK_STR(cameo_lookup("042")->name, "Visit");
}

static void check_fallback(const char *code, const char *want)
{
    const cameo_info *ci = cameo_lookup(code);
    if (!want) { CHECK(ci == NULL); return; }
    CHECK(ci != NULL);
    if (ci) CHECK_STR(ci->code, want);
}

static void test_fallback(void)
{
    check_fallback("0239", "023");
    check_fallback("1719", "171");
    check_fallback("099", "09");
    check_fallback("0999", "09");     /* two steps: "099" is not listed either */
    check_fallback("209", "20");
    check_fallback("01A", "01");
    check_fallback("0231999999999999", "0231");   /* longer than any code: the prefix still counts */
    check_fallback("21", NULL);
    check_fallback("99", NULL);
    check_fallback("---", NULL);
    check_fallback("0", NULL);
    check_fallback("A1", NULL);
    check_fallback("", NULL);
    check_fallback(NULL, NULL);
}

static void check_root(const char *code, const char *want)
{
    char r[3] = "xx";
    cameo_root(code, r);
    CHECK_STR(r, want);
}

static void test_roots(void)
{
    check_root("0231", "02");
    check_root("19", "19");
    check_root("190", "19");
    check_root("---", "");
    check_root("1", "");
    check_root("", "");
    check_root("A12", "");
}

/* Rows of the embedded file that are neither comments nor blank: each must be in the table. */
static size_t data_rows(void)
{
    const embedded_file *ef = embedded_find("data/cameo.tsv");
    CHECK(ef != NULL);
    if (!ef) return 0;
    size_t rows = 0;
    for (size_t i = 0; i < ef->len; i++) {
        bool line_start = i == 0 || ef->data[i - 1] == '\n';
        if (line_start && ef->data[i] != '#' && ef->data[i] != '\n') rows++;
    }
    return rows;
}

static int expected_quad(const char *code)
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    return root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
}

static void test_table_shape(void)
{
    size_t n = cameo_count();
    CHECK(n >= 290);
    CHECK_INT(n, data_rows());
    CHECK(cameo_at(n) == NULL);
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        const cameo_info *ci = cameo_at(i);
        size_t len = strlen(ci->code);
        CHECK(len >= 2 && len <= 4);
        if (i) CHECK(strcmp(cameo_at(i - 1)->code, ci->code) < 0);   /* sorted, no duplicates */
        CHECK(cameo_lookup(ci->code) == ci);
        CHECK_INT(ci->quad_class, expected_quad(ci->code));
        CHECK(ci->goldstein >= -10 && ci->goldstein <= 10);
        CHECK(ci->name[0] && !strchr(ci->name, '\t'));
        CHECK(ci->plover[0] || !ci->plover_mode[0]);   /* no mode without a type */
        roots += len == 2;
        /* every 3- and 4-digit code hangs under a listed parent */
        char parent[8];
        snprintf(parent, sizeof parent, "%.*s", (int)len - 1, ci->code);
        if (len > 2) CHECK(cameo_lookup(parent) && strcmp(cameo_lookup(parent)->code, parent) == 0);
    }
    CHECK_INT(roots, 20);
}

/* Every code of the shared GDELT table is ours with the same weight and class, and no more than the two
   CAMEO codes GDELT's table lacks (scripts/gen-cameo-table NOT_IN_GDELT), which take their parent's. */
static void test_agrees_with_shared_goldstein(void)
{
    size_t len;
    char *text = read_file("../shared/ontology/cameo-goldstein.tsv", &len);
    if (!text) { printf("skip: ../shared/ontology/cameo-goldstein.tsv not found\n"); return; }
    size_t rows = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !is_digit(line[0])) continue;
        char code[8];
        double g;
        int q;
        if (sscanf(line, "%7[0-9]\t%lf\t%d", code, &g, &q) != 3) { CHECK(!"bad shared row"); continue; }
        rows++;
        const cameo_info *ci = cameo_lookup(code);
        CHECK(ci && strcmp(ci->code, code) == 0);
        if (!ci) continue;
        if (fabs(ci->goldstein - g) > 1e-9 || ci->quad_class != q) {
            printf("FAIL %s: ours %.1f/%d, shared %.1f/%d\n", code, ci->goldstein, ci->quad_class, g, q);
            check_failed++;
        } else {
            check_passed++;
        }
    }
    CHECK_INT(rows + 2, cameo_count());
    for (const char *const *c = (const char *const[]){"1213", "121", "176", "17", NULL}; *c; c += 2) {
        const cameo_info *code = cameo_lookup(c[0]), *parent = cameo_lookup(c[1]);
        CHECK(code && parent && !strcmp(code->code, c[0]));
        if (code && parent) CHECK(code->goldstein == parent->goldstein && code->quad_class == parent->quad_class);
    }
    free(text);
}

/* The codebook exceptions of scripts/gen-cameo-table (CODEBOOK_EXCEPTIONS, "code TYPE mode | why", mode "-"
   for none): where dyad's table may differ from the 2021 CAMEO-to-PLOVER table, and to what. */
typedef struct { char code[8], type[32], mode[32]; bool used; } plover_exception;

static int read_exceptions(plover_exception *ex, int cap)
{
    char *text = read_file("scripts/gen-cameo-table", NULL);
    CHECK(text != NULL);
    if (!text) return 0;
    char *block = strstr(text, "CODEBOOK_EXCEPTIONS = \"\"\"\n");
    CHECK(block != NULL);
    char *stop = block ? strstr(block + 26, "\"\"\"") : NULL;
    CHECK(stop != NULL);
    int n = 0;
    if (block && stop) {
        *stop = 0;
        for (char *line = strtok(block + 26, "\n"); line && n < cap; line = strtok(NULL, "\n")) {
            plover_exception *e = &ex[n];
            CHECK(strchr(line, '|') != NULL);   /* every exception says why */
            if (sscanf(line, "%7s %31s %31s", e->code, e->type, e->mode) != 3) { CHECK(!"bad exception line"); continue; }
            if (!strcmp(e->mode, "-")) e->mode[0] = 0;
            e->used = false;
            n++;
        }
    }
    free(text);
    return n;
}

static plover_exception *find_exception(plover_exception *ex, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(ex[i].code, code)) return &ex[i];
    return NULL;
}

/* "code: TYPE, mode, context # comment": the first line for a code wins, DISCARD means none. dyad's table
   says the same, or what the code's exception says. */
static void check_plover_line(char *line, char *seen, size_t seen_cap, plover_exception *ex, int nex)
{
    char *colon = strchr(line, ':');
    char *hash = strchr(line, '#');
    if (!colon || (hash && hash < colon) || !is_digit(line[0])) return;
    *colon = 0;
    if (hash) *hash = 0;
    if (strlen(line) > 4) return;
    char key[8];
    snprintf(key, sizeof key, "|%s|", line);
    if (strstr(seen, key)) return;
    strncat(seen, key, seen_cap - strlen(seen) - 1);
    char type[32] = "", mode[32] = "";
    sscanf(colon + 1, " %31[^, \t\n]", type);
    char *comma = strchr(colon + 1, ',');
    if (comma) sscanf(comma + 1, " %31[^, \t\n]", mode);
    if (strcmp(type, "DISCARD") == 0) type[0] = mode[0] = 0;
    const cameo_info *ci = cameo_lookup(line);
    if (!ci || strcmp(ci->code, line) != 0) return;   /* codes beyond CAMEO 1.1b3 (1214) */
    plover_exception *e = find_exception(ex, nex, line);
    if (e) {
        e->used = true;
        CHECK(strcmp(type, e->type) || strcmp(mode, e->mode));   /* an exception that changes nothing is stale */
        snprintf(type, sizeof type, "%s", e->type);
        snprintf(mode, sizeof mode, "%s", e->mode);
    }
    if (strcmp(ci->plover, type) || strcmp(ci->plover_mode, mode))
        printf("FAIL %s: ours %s/%s, expected %s/%s (2021 table%s)\n", ci->code, ci->plover, ci->plover_mode, type,
               mode, e ? " + codebook exception" : "; differences need a CODEBOOK_EXCEPTIONS line");
    CHECK_STR(ci->plover, type);
    CHECK_STR(ci->plover_mode, mode);
}

static void test_agrees_with_shared_plover(void)
{
    char *text = read_file("../shared/ontology/CAMEO2PLOVER-2021.txt", NULL);
    if (!text) { printf("skip: ../shared/ontology/CAMEO2PLOVER-2021.txt not found\n"); return; }
    static plover_exception ex[64];
    int nex = read_exceptions(ex, 64);
    CHECK(nex >= 20);
    static char seen[4096];
    seen[0] = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) check_plover_line(line, seen, sizeof seen, ex, nex);
    free(text);
    for (int i = 0; i < nex; i++)   /* exceptions only change codes the 2021 table lists */
        if (!ex[i].used) { printf("FAIL exception %s: no 2021 line for it\n", ex[i].code); CHECK(ex[i].used); }
    /* codes the PLOVER table does not mention have no type, but for dyad's own choices (docs/dictionaries.md):
       an appeal (02x) is typed as the demand with the same sub-code (10x), 015 is AGREE and 016 REJECT, 176 is
       COERCE/cyber */
    for (size_t i = 0; i < cameo_count(); i++) {
        const cameo_info *ci = cameo_at(i);
        char key[8];
        snprintf(key, sizeof key, "|%s|", ci->code);
        if (strstr(seen, key)) continue;
        if (!strncmp(ci->code, "02", 2)) {
            char demand[8];
            snprintf(demand, sizeof demand, "10%s", ci->code + 2);
            CHECK_STR(ci->plover, cameo_lookup(demand)->plover);
            CHECK_STR(ci->plover_mode, cameo_lookup(demand)->plover_mode);
        } else if (!strcmp(ci->code, "176")) {   /* cyber attacks: the codebook's COERCE mode "cyber" */
            CHECK_STR(ci->plover, "COERCE");
            CHECK_STR(ci->plover_mode, "cyber");
        } else {
            CHECK_STR(ci->plover, !strcmp(ci->code, "015") ? "AGREE" : !strcmp(ci->code, "016") ? "REJECT" : "");
        }
    }
}

/* The codebook's own calls where the 2021 table differs (scripts/gen-cameo-table CODEBOOK_EXCEPTIONS). */
static void test_codebook_exceptions(void)
{
    check_code("0351", 7.0, 1, "CONCEDE", "");       /* a promise to ease restrictions or lift a curfew */
    check_code("0356", 7.0, 1, "CONCEDE", "");       /* a promise to withdraw */
    check_code("0813", 5.0, 2, "CONCEDE", "");       /* lifting a curfew: a verbal concession */
    check_code("0871", 9.0, 2, "CONCEDE", "");       /* declaring, not implementing, a ceasefire */
    check_code("087", 9.0, 2, "RETREAT", "disarm");  /* de-escalation itself stays material */
    check_code("0831", 5.0, 2, "RETREAT", "resign");
    check_code("116", -2.0, 3, "SANCTION", "convict");
    check_code("163", -8.0, 4, "SANCTION", "discontinue");
    check_code("173", -5.0, 4, "COERCE", "arrest");
}

int main(void)
{
    RUN(test_first_use_from_threads);
    RUN(test_known_codes);
    RUN(test_fallback);
    RUN(test_roots);
    RUN(test_table_shape);
    RUN(test_agrees_with_shared_goldstein);
    RUN(test_agrees_with_shared_plover);
    RUN(test_codebook_exceptions);
    return check_done();
}

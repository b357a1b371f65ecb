/* dict_cache.c — text dictionaries parsed once: their compiled form kept in a cache folder, read back after. */
#include "dict/dict.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* An entry is one file, "<key>.dyc": the compiled form (so that read_compiled reads it where it lies), then
   a trailer, then the trailer's footer. The trailer names every file the parse read with its size and hash
   (a .project's files are known only once it is parsed: they are checked on each load, the key holds the
   files given), the warnings the parse counted and the text it printed for them. The footer holds the
   compiled form's hash: a byte changed on disk is found before it is read (the .dyc format has no sum of its own,
   and a changed string would load without a complaint). */
static const char FOOTER_MAGIC[8] = "DYADCCH1";
typedef struct {
    uint64_t dyc_len, trailer_len;
    hash128 dyc_hash;
    char magic[8];
} footer;

/* The entries kept: writing one removes the least recently used beyond these (a hit marks its entry used). */
enum { CACHE_KEEP = 8 };

/* The formats the cache takes: single files read whole through dict_note_source. (Folders are not taken: a
   file added to one would not change the key.) */
static bool cacheable(const char *path)
{
    static const char *const ends[] = {".actors", ".agents", ".verbs", ".options", ".project", ".dyad"};
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (has_suffix_ci(path, ends[i])) return true;
    return false;
}

void dict_note_source(dict *d, const char *path, const void *bytes, size_t n)
{
    dict_sources *s = d->sources;
    if (!s) return;
    GROW(s->s, s->cap, s->n);
    s->s[s->n++] = (dict_source){xstrdup(path), n, hash128_bytes(bytes, n)};
}

static void sources_free(dict_sources *s)
{
    for (int i = 0; i < s->n; i++) free(s->s[i].path);
    free(s->s);
}

/* The hash and size of the file at path as it is now; false when it cannot be read or is no regular file (opened
   without waiting: an entry could name a FIFO, whose open would wait for a writer). */
static bool hash_file(const char *path, dict_source *out)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (ok) {
        size_t n = (size_t)st.st_size;
        void *p = n ? mmap(NULL, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : NULL;
        ok = !n || p != MAP_FAILED;
        if (ok) *out = (dict_source){NULL, n, hash128_bytes(n ? p : "", n)};
        if (n && p != MAP_FAILED) munmap(p, n);
    }
    close(fd);
    return ok;
}

/* The entry's key: this dyad (salt), then each file given, by the name it was given (messages name it so)
   and its bytes. */
static hash128 entry_key(const char *const *paths, const dict_source *given, int n, const void *salt, size_t nsalt)
{
    strbuf b;
    sb_init(&b);
    sb_add(&b, FOOTER_MAGIC, sizeof FOOTER_MAGIC);
    sb_add(&b, (const char *)&nsalt, sizeof nsalt);
    sb_add(&b, salt, nsalt);
    for (int i = 0; i < n; i++) {
        sb_add(&b, paths[i], strlen(paths[i]) + 1);
        sb_add(&b, (const char *)&given[i].size, sizeof given[i].size);
        sb_add(&b, (const char *)&given[i].hash, sizeof given[i].hash);
    }
    hash128 h = hash128_bytes(b.s, b.len);
    sb_free(&b);
    return h;
}

/* ---- the trailer ---- */

typedef struct {
    const char *p, *end;
    bool bad;
} cursor;

static void take(cursor *c, void *out, size_t n)
{
    if (c->bad || (size_t)(c->end - c->p) < n) { c->bad = true; memset(out, 0, n); return; }
    memcpy(out, c->p, n);
    c->p += n;
}

/* A string of the trailer (its length first), in place: not NUL-terminated. */
static const char *take_str(cursor *c, uint32_t *len)
{
    take(c, len, sizeof *len);
    if (c->bad || (size_t)(c->end - c->p) < *len) { c->bad = true; return NULL; }
    const char *s = c->p;
    c->p += *len;
    return s;
}

static void put_str(strbuf *b, const char *s, size_t n)
{
    uint32_t len = (uint32_t)n;
    sb_add(b, (const char *)&len, sizeof len);
    sb_add(b, s, n);
}

static bool given_path(const char *const *paths, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(paths[i]) == len && !memcmp(paths[i], s, len)) return true;
    return false;
}

/* Whether every file the trailer names, beyond those given (the key holds them), is as it was. */
static bool sources_unchanged(cursor *c, const char *const *paths, int n)
{
    uint32_t count;
    take(c, &count, sizeof count);
    for (uint32_t i = 0; i < count && !c->bad; i++) {
        uint32_t len;
        const char *s = take_str(c, &len);
        dict_source was, now;
        take(c, &was.size, sizeof was.size);
        take(c, &was.hash, sizeof was.hash);
        if (c->bad || given_path(paths, n, s, len)) continue;
        char *path = xmalloc(len + 1);
        memcpy(path, s, len);
        path[len] = 0;
        bool same = hash_file(path, &now) && now.size == was.size && !memcmp(&now.hash, &was.hash, sizeof now.hash);
        free(path);
        if (!same) return false;
    }
    return !c->bad;
}

static void put_trailer(strbuf *b, const dict_sources *src, long warnings, const char *text, size_t ntext)
{
    uint32_t count = (uint32_t)src->n;
    sb_add(b, (const char *)&count, sizeof count);
    for (int i = 0; i < src->n; i++) {
        put_str(b, src->s[i].path, strlen(src->s[i].path));
        sb_add(b, (const char *)&src->s[i].size, sizeof src->s[i].size);
        sb_add(b, (const char *)&src->s[i].hash, sizeof src->s[i].hash);
    }
    int64_t w = warnings;
    sb_add(b, (const char *)&w, sizeof w);
    put_str(b, text ? text : "", ntext);
}

/* ---- reading an entry ---- */

/* The entry's trailer (malloc'd, *len bytes) and its compiled form's length; NULL when there is no entry or it
   is not whole. */
static char *read_trailer(const char *entry, size_t *len, footer *foot)
{
    int fd = open(entry, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    footer f;
    char *t = NULL;
    if (fstat(fd, &st) == 0 && (size_t)st.st_size > sizeof f &&
        pread(fd, &f, sizeof f, st.st_size - (off_t)sizeof f) == (ssize_t)sizeof f &&
        !memcmp(f.magic, FOOTER_MAGIC, sizeof f.magic) && f.trailer_len < (uint64_t)st.st_size &&
        f.dyc_len == (uint64_t)st.st_size - sizeof f - f.trailer_len) {
        t = xmalloc(f.trailer_len + 1);
        if (pread(fd, t, f.trailer_len, (off_t)f.dyc_len) != (ssize_t)f.trailer_len) { free(t); t = NULL; }
        *len = f.trailer_len;
        *foot = f;
    }
    /* the entry was used: the least recently used go first when the folder is pruned */
    if (t) futimens(fd, NULL);
    close(fd);
    return t;
}

/* Load the entry into d: 0, DICT_CACHE_UNUSED when there is none (or its files changed), DICT_CACHE_DISCARD when
   its compiled form did not load (d is half filled). The warnings the parse printed are printed again. */
static int load_entry(dict *d, const char *entry, const char *const *paths, int n)
{
    size_t tlen;
    footer f;
    char *t = read_trailer(entry, &tlen, &f);
    if (!t) return DICT_CACHE_UNUSED;
    cursor c = {t, t + tlen, false};
    if (!sources_unchanged(&c, paths, n)) { free(t); return DICT_CACHE_UNUSED; }
    int64_t warnings;
    uint32_t ntext;
    take(&c, &warnings, sizeof warnings);
    const char *text = take_str(&c, &ntext);
    if (c.bad || c.p != c.end) { free(t); return DICT_CACHE_UNUSED; }
    /* a damaged entry is not the user's problem: its load says nothing, and the files are parsed instead */
    diag *dg = d->dg;
    diag quiet = {NULL, 0, 0, dg ? dg->prog : NULL};
    d->dg = &quiet;
    size_t len = 0;
    const void *data = dict_map_file(d, entry, &len);
    hash128 h = data && len > f.dyc_len ? hash128_bytes(data, f.dyc_len) : (hash128){0, 0};
    bool whole = data && len > f.dyc_len && !memcmp(&h, &f.dyc_hash, sizeof h);
    int rc = whole ? dict_read_compiled_mapped(d, entry, data, f.dyc_len) : -1;
    d->dg = dg;
    if (rc != 0) { free(t); return DICT_CACHE_DISCARD; }
    if (dg) {
        dg->warnings += warnings;
        if (dg->out && ntext) fwrite(text, 1, ntext, dg->out);
    }
    free(t);
    return 0;
}

/* ---- writing an entry ---- */

/* mkdir -p; false when the folder is not there after. */
static bool make_folder(const char *dir)
{
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        mkdir(p, 0777);
        *s = '/';
    }
    bool ok = mkdir(p, 0777) == 0 || errno == EEXIST;
    free(p);
    return ok;
}

typedef struct {
    char *name;
    struct timespec used;
} entry_age;

static int by_use(const void *a, const void *b)
{
    const struct timespec *x = &((const entry_age *)a)->used, *y = &((const entry_age *)b)->used;
    return x->tv_sec != y->tv_sec ? (x->tv_sec < y->tv_sec ? -1 : 1) : (x->tv_nsec > y->tv_nsec) - (x->tv_nsec < y->tv_nsec);
}

/* An entry's name: 32 hex digits and ".dyc". */
static bool entry_name(const char *s)
{
    for (int i = 0; i < 32; i++)
        if (!is_digit(s[i]) && (s[i] < 'a' || s[i] > 'f')) return false;
    return !strcmp(s + 32, ".dyc");
}

/* Remove the entries beyond the CACHE_KEEP most recently used. */
static void prune(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) return;
    entry_age *e = NULL;
    int n = 0, cap = 0;
    size_t dl = strlen(dir);
    for (struct dirent *de; (de = readdir(dp));) {
        if (!entry_name(de->d_name)) continue;
        char *full = xmalloc(dl + strlen(de->d_name) + 2);
        sprintf(full, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(full, &st) != 0) { free(full); continue; }
        GROW(e, cap, n);
        e[n++] = (entry_age){full, st.st_mtim};
    }
    closedir(dp);
    qsort(e, (size_t)n, sizeof *e, by_use);
    for (int i = 0; i < n; i++) {
        if (i < n - CACHE_KEEP) unlink(e[i].name);
        free(e[i].name);
    }
    free(e);
}

/* Whether the files the parse read are the ones the key was made of (a file may change between the two reads). */
static bool parsed_as_keyed(const dict_sources *src, const char *const *paths, const dict_source *given, int n)
{
    for (int i = 0; i < n; i++) {
        bool seen = false;
        for (int j = 0; j < src->n && !seen; j++)
            seen = !strcmp(src->s[j].path, paths[i]) && src->s[j].size == given[i].size &&
                   !memcmp(&src->s[j].hash, &given[i].hash, sizeof given[i].hash);
        if (!seen) return false;
    }
    return true;
}

static void store_entry(const dict *d, const char *dir, const char *entry, const dict_sources *src, long warnings,
                        const char *text, size_t ntext)
{
    if (!make_folder(dir)) return;
    strbuf b;
    sb_init(&b);
    dict_compiled_bytes(d, &b);
    footer f = {b.len, 0, hash128_bytes(b.s, b.len), {0}};
    put_trailer(&b, src, warnings, text, ntext);
    f.trailer_len = b.len - f.dyc_len;
    memcpy(f.magic, FOOTER_MAGIC, sizeof f.magic);
    sb_add(&b, (const char *)&f, sizeof f);
    if (dict_write_file(entry, b.s, b.len) == 0) prune(dir);
    sb_free(&b);
}

/* Parse the files as dict_load would, with what they print kept aside (and printed), then store the entry. */
static int parse_and_store(dict *d, const char *const *paths, const dict_source *given, int n, const char *dir,
                           const char *entry)
{
    diag *dg = d->dg;
    FILE *out = dg ? dg->out : NULL;
    char *text = NULL;
    size_t ntext = 0;
    FILE *mem = dg ? open_memstream(&text, &ntext) : NULL;
    if (mem) dg->out = mem;
    long warnings = dg ? dg->warnings : 0;
    dict_sources src = {0};
    d->sources = &src;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) rc = dict_load(d, paths[i]);
    d->sources = NULL;
    if (mem) {
        dg->out = out;
        fclose(mem);
        if (out && ntext) fwrite(text, 1, ntext, out);
    }
    if (rc == 0 && mem && parsed_as_keyed(&src, paths, given, n))
        store_entry(d, dir, entry, &src, dg->warnings - warnings, text, ntext);
    free(text);
    sources_free(&src);
    return rc;
}

int dict_cache_load(dict *d, const char *const *paths, int n, const char *dir, const void *salt, size_t nsalt)
{
    if (n <= 0 || d->strict) return DICT_CACHE_UNUSED;
    dict_source *given = xmalloc((size_t)n * sizeof *given);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        if (!cacheable(paths[i]) || !hash_file(paths[i], &given[i])) rc = DICT_CACHE_UNUSED;
    if (rc == 0) {
        hash128 key = entry_key(paths, given, n, salt, nsalt);
        char *entry = xmalloc(strlen(dir) + 40);
        sprintf(entry, "%s/%016llx%016llx.dyc", dir, (unsigned long long)key.hi, (unsigned long long)key.lo);
        rc = load_entry(d, entry, paths, n);
        if (rc == DICT_CACHE_DISCARD) unlink(entry);   /* damaged: the next run makes it anew */
        if (rc == DICT_CACHE_UNUSED) rc = parse_and_store(d, paths, given, n, dir, entry);
        free(entry);
    }
    free(given);
    return rc;
}

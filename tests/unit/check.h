/* check.h — the unit-test harness: CHECK macros, one closing line "N passed, M failed". */
#ifndef DYAD_CHECK_H
#define DYAD_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;
static const char *check_current = "";

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (cond) check_passed++;                                                          \
        else { check_failed++; printf("FAIL %s:%d (%s): %s\n", __FILE__, __LINE__, check_current, #cond); } \
    } while (0)

#define CHECK_STR(got, want)                                                               \
    do {                                                                                   \
        const char *g_ = (got), *w_ = (want);                                              \
        if (g_ && w_ && strcmp(g_, w_) == 0) check_passed++;                               \
        else { check_failed++; printf("FAIL %s:%d (%s): %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                                      check_current, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
    } while (0)

#define CHECK_INT(got, want)                                                               \
    do {                                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);                           \
        if (g_ == w_) check_passed++;                                                      \
        else { check_failed++; printf("FAIL %s:%d (%s): %s is %lld, want %lld\n", __FILE__, __LINE__, \
                                      check_current, #got, g_, w_); }                      \
    } while (0)

#define RUN(fn) do { check_current = #fn; fn(); } while (0)
/* RUN for a test that takes what main set up (a loaded dictionary). */
#define RUN_ON(fn, arg) do { check_current = #fn; fn(arg); } while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif

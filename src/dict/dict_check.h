/* dict_check.h — what `dyad dict check` and `dyad dict stats` find in a loaded dictionary beyond parse errors. */
#ifndef DYAD_DICT_CHECK_H
#define DYAD_DICT_CHECK_H
#include <stdio.h>
#include "dict/dict.h"

/* Problems found, by kind. Each is also written to `out` as "file:line: kind: what", so a user can go
   straight to the entry. */
typedef struct {
    long duplicates;    /* the same name (or pattern) twice with the same code: the second is dead weight */
    long conflicts;     /* the same name with different codes: only the first one found can ever apply */
    long overlaps;      /* one person's roles overlapping by more than the change-over day */
    long unknown_codes; /* event codes not in the CAMEO table; actor codes whose country/org is not defined */
    long never;         /* entries that can never apply: empty names, roles ending before they start */
} dict_findings;

/* Runs every check; returns the number of problems (the sum of `f`). `out` may be NULL. */
long dict_check(const dict *d, FILE *out, dict_findings *f);

/* `dyad dict stats --per-country` / `--per-code`: actor names per country (or organisation) code and
   verb patterns per CAMEO code, one "CODE<TAB>COUNT" line each, in code order. */
void dict_stats_per_country(const dict *d, FILE *out);
void dict_stats_per_code(const dict *d, FILE *out);

#endif

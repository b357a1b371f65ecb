/* dict_read.h — allocation helpers for the text readers (TABARI, PETRARCH): what they load lives in the arena. */
#ifndef DYAD_DICT_READ_H
#define DYAD_DICT_READ_H
#include "dict/dict.h"

/* As dict_parse_phrase, but the elements (and those of { | } alternatives) live in the dictionary's
   arena until dict_free: the phrase is never freed or grown by itself. No allocation per element. */
bool dict_parse_phrase_kept(dict *d, const char *s, size_t n, bool in_pattern, int ending, phrase *out, const char **why);
/* A copy of p[0..n) in the arena (8-aligned, for arrays of entries that are never grown afterwards:
   an actor's names and codes); NULL when n is 0. */
void *dict_keep(dict *d, const void *p, size_t n);

#endif

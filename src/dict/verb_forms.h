/* verb_forms.h — the forms of an English verb that its lemma plus a regular ending cannot match. */
#ifndef DYAD_VERB_FORMS_H
#define DYAD_VERB_FORMS_H
#include <stdbool.h>
#include <stddef.h>

/* Calls fn with each extra form of the one-word verb `lemma` (any case; forms come in lower case):
   irregular and doubled forms from WordNet's exception list (data/verb-forms.tsv: take → took,
   taken; submit → submitted, submitting), then the regular spelling changes a plain ending misses
   (stage → staging, carry → carried, carries; die → dying). Stops when fn returns false. */
void verb_forms(const char *lemma, size_t n, bool (*fn)(const char *form, size_t n, void *ctx), void *ctx);

#endif

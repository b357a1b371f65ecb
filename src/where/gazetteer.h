/* gazetteer.h — the gazetteer's compiled image: made at build time (scripts/mkimages.c), embedded, read in place. */
#ifndef DYAD_GAZETTEER_H
#define DYAD_GAZETTEER_H
#include "base/util.h"
#include "where/where.h"

/* The name the build gives the image among the embedded files (scripts/mkimages.c writes it). */
#define GAZETTEER_IMAGE "gen/gazetteer.img"

/* Append g's image to out: its arrays as they are in memory (place names as offsets), so that loading
   is a check of the header and pointers into the bytes. Only this build of dyad reads it back. */
void gazetteer_image(const gazetteer *g, strbuf *out);

/* gazetteer_default() reads the embedded image when there is one (it is, in the second stage of the
   build); this says whether it did (tests compare it with the TSV's). */
bool gazetteer_default_is_image(void);

#endif

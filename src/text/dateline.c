/* dateline.c — finds the dateline that opens a wire story ("KYIV (Reuters) - "), so it is not coded as an actor. */
#include "text/text.h"
#include "base/util.h"

#include <string.h>

/* A dash that ends a dateline: " - ", " -- ", " — " (U+2014), " – " (U+2013). Returns its length. */
static size_t dash_at(const char *s, size_t i, size_t n)
{
    if (i + 3 <= n && s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ') return 3;
    if (i + 4 <= n && s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == '-' && s[i + 3] == ' ') return 4;
    if (i + 5 <= n && s[i] == ' ' && (unsigned char)s[i + 1] == 0xE2 && (unsigned char)s[i + 2] == 0x80 &&
        ((unsigned char)s[i + 3] == 0x94 || (unsigned char)s[i + 3] == 0x93) && s[i + 4] == ' ')
        return 5;
    return 0;
}

size_t dateline_end(const char *text, size_t n, size_t *place_end)
{
    size_t i = 0;
    while (i < n && is_space(text[i])) i++;
    size_t start = i;
    /* the place: upper-case letters, spaces, dots, apostrophes and hyphens ("PORT-AU-PRINCE", "ST. LOUIS") */
    while (i < n && !dash_at(text, i, n) &&
           (is_upper(text[i]) || text[i] == ' ' || text[i] == '.' || text[i] == '\'' || text[i] == '-' ||
            (unsigned char)text[i] >= 0x80))
        i++;
    while (i > start && text[i - 1] == ' ') i--;
    if (i - start < 2 || !is_upper(text[start])) return 0;
    size_t place = i;
    /* then, within a short distance, the dash: ", March 4 (Reuters) - " */
    for (size_t j = i; j < n && j < place + 60; j++) {
        if (text[j] == '.' && j + 1 < n && text[j + 1] == ' ' && !is_digit(text[j - 1]) && !is_upper(text[j - 1])) return 0;
        size_t d = dash_at(text, j, n);
        if (d) {
            if (place_end) *place_end = place;
            return j + d;
        }
    }
    return 0;
}

/* where.c — finds place mentions in sentences, resolves them to gazetteer places, and places events. */
#include "where/where_internal.h"
#include "base/util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CAND 64          /* candidates weighed per mention (the most populous "Paris" are enough) */
#define CONTAINER_BIAS 45    /* bytes: "the X district of Baghdad" is in X more than in Baghdad */
#define FACILITY_BIAS 100    /* bytes: "the Ershad Mosque in north Tehran" happened in Tehran, for news */
#define CUE_WINDOW 5         /* words between a locative word and its place: "in the southern city of" */

/* The word lists below, hashed once (they are consulted for nearly every word of a sentence). */
typedef struct {
    const char *const *words;   /* NULL-terminated, as written */
    const char **slot;          /* open addressing, a quarter full at most; NULL = empty */
    size_t mask;
    /* which (first, second) byte pairs its words begin with, six bits of each: most words asked about
       are in no set, and this turns them away before the word is hashed */
    uint64_t pairs[64];
} wordset;

static inline bool pair_possible(const wordset *ws, const char *w)
{
    unsigned a = (unsigned char)w[0], b = a ? (unsigned char)w[1] : 0;
    return ws->pairs[a & 63] >> (b & 63) & 1;
}

/* FNV-1a over a NUL-terminated word. */
static uint64_t word_hash(const char *w)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *w; w++) { h ^= (unsigned char)*w; h *= 1099511628211ULL; }
    return h;
}

static void wordset_build(wordset *ws)
{
    size_t n = 0, cap = 16;
    while (ws->words[n]) n++;
    while (cap < 4 * n) cap <<= 1;
    ws->slot = xcalloc(cap, sizeof *ws->slot);
    ws->mask = cap - 1;
    for (size_t k = 0; k < n; k++) {
        size_t i = word_hash(ws->words[k]) & ws->mask;
        while (ws->slot[i] && strcmp(ws->slot[i], ws->words[k]) != 0) i = (i + 1) & ws->mask;
        ws->slot[i] = ws->words[k];
        unsigned a = (unsigned char)ws->words[k][0], b = a ? (unsigned char)ws->words[k][1] : 0;
        ws->pairs[a & 63] |= 1ULL << (b & 63);
    }
}

static bool in_set(const wordset *ws, const char *w)
{
    if (!pair_possible(ws, w)) return false;
    for (size_t i = word_hash(w) & ws->mask;; i = (i + 1) & ws->mask) {
        if (!ws->slot[i]) return false;
        if (!strcmp(ws->slot[i], w)) return true;
    }
}

/* Capitalised words that are places but far more often ordinary words or parts of names: they count
   as a place only after a locative word ("in Reading", "at Mobile"). */
static const char *const common_words[] = {
    "OF", "MOBILE", "READING", "NICE", "SPLIT", "BATH", "MARCH", "MAY", "POLICE", "UNION", "HOPE", "MALE",
    "SALE", "BEST", "DEAL", "BURY", "HULL", "ORANGE", "BUFFALO", "EAGLE", "TROY", "YOUNG", "TEMPLE", "MISSION",
    "JUSTICE", "LIBERTY", "INDEPENDENCE", "UNITY", "VICTORIA", "GENERAL", "PRESIDENT", "MAN", "SANDY", "WOLF",
    "SAID", "THE", "A", "AN", "IT", "IS", "BE", "AS", "AT", "ON", "IN", "TO", "BY", "NO", "OR", "SO", "UP",
    "GOOD", "FAIR", "LOGAN", "CENTRAL", "NORTH", "SOUTH", "EAST", "WEST", "NORTHERN", "SOUTHERN", "EASTERN",
    "WESTERN", "MIDDLE", "NEW", "OLD", "GREAT", "BIG", "LONG", "PEACE", "TIME", "TIMES", "POST", "STAR",
    "SUN", "MAIL", "NEWS", "REUTERS", "ASSOCIATED", "PRESS", "MINISTER", "MINISTRY", "ARMY", "NAVY",
    "COMMERCE", "TRADE", "ENTERPRISE", "PROGRESS", "PROVIDENCE", "CONCORD", "HARMONY", "PLEASANT", "GARDEN",
    "GARDENS", "DOVER", "WELLS", "MOUNT", "PORT", "BAY", "SAINT", "SANTA", "SAN", "MARKET", "COLON", "ALMA",
    "LINCOLN", "JACKSON", "CLINTON", "FRANKLIN", "HAMILTON", "MADISON", "HOUSTON", "AUSTIN", "FLORENCE",
    "CHARLOTTE", "KENNEDY", "OBAMA", "BUSH", "CARTER", "REAGAN", "TRUMP", "PUTIN", "BARAK", "SHARON", "ASSAD",
    "ISLAM", "ISLAMIC", "STATE", "CAPITAL", "CITY", "TOWN", "COUNTY", "PROVINCE", "REPUBLIC", "KINGDOM",
    "AL", "EL", "LA", "LE", "DE", "DEL", "DU", "VAN", "VON", "BIN", "IBN", "ABU", "UM", "UMM",
    "CHRISTMAS", "EASTER",
    "MOST", "SOME", "MANY", "ALL", "EACH", "BOTH", "THIS", "THAT", "THESE", "THOSE", "THERE", "THEN", "WHEN",
    "HE", "SHE", "WE", "THEY", "I", "YOU", "HIS", "HER", "THEIR", "OUR", "ITS", "BUT", "AND", "IF", "AFTER",
    "BEFORE", "WHILE", "SINCE", "DURING", "WITH", "FOR", "FROM", "FIRST", "LAST", "NEXT", "ONE", "TWO",
    "WADI", "OUED", "BIR", "TERMINAL", "SWAT", "JABAL", "TAL", "TALL", "TEL", "COAST", "GUARD", "KAFR", "DEIR", "BEIT", "BAB", "RAS", "AIN", "HAY", "CAMP", "BEACH", "HILL",
    "PALESTINE",  /* "Palestine Liberation Organization", "Palestine Red Crescent" */
    "FEDERAL", "WALL", "MORE",  /* "Federal funds", "Wall Street", "More than": not Federal, Argentina, Wall,
                                   New Jersey, or Moore, Oklahoma */
    NULL,
};

/* Capitalised words that never start a place, even after "in": dates, news agencies, parts of addresses. */
static const char *const never_words[] = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER",
    "DECEMBER", "AL-MASDAR", "MASDAR", "JAN", "JAN.", "FEB", "FEB.", "MAR", "MAR.", "APR", "APR.", "JUN", "JUN.", "JUL", "JUL.", "AUG",
    "AUG.", "SEP", "SEP.", "SEPT", "SEPT.", "OCT", "OCT.", "NOV", "NOV.", "DEC", "DEC.", "MONDAY", "TUESDAY",
    "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "XINHUA", "REUTERS", "AFP", "UNIVERSITY", "STREET",
    "AVENUE", "ROAD", "SQUARE", "LIWAA", "LIWA", "BRIGADE", "HIGHLAND", "THE", "A", "AN",
    /* function words capitalised at a sentence's start ("At Ershad Mosque"), and "Greater Damascus" */
    "IN", "AT", "ON", "NEAR", "BY", "FOR", "TO", "FROM", "WITH", "OF", "AND", "OR", "BUT", "AS", "INTO", "OVER",
    "THROUGH", "INSIDE", "OUTSIDE", "AROUND", "ACROSS", "WITHIN", "DURING", "AFTER", "BEFORE", "WHILE", "SINCE",
    "UNTIL", "IF", "WHEN", "WHERE", "GREATER",
    /* faiths and peoples before a settlement noun: "the Jewish settlement of Ariel", "the Shiite city of Hilla" */
    "JEWISH", "MUSLIM", "MOSLEM", "SHIITE", "SHI'ITE", "SHIA", "SUNNI", "CHRISTIAN", "DRUZE", "ALAWITE", "ARAB",
    "ISLAMIST", "NAZI", "SUFI", "COPTIC", "ISMAILI", "ROMAN", "GAELIC", "ARABIC", "HEBREW", "SWAHILI", "CATHOLIC", "PROTESTANT", "HINDU", "BUDDHIST", "SIKH", "YAZIDI", "BEDOUIN", "TURKMEN", "KURDISH",
    NULL,
};

/* Continents and seas: no one country's. Never the Philippine town of Asia or Papua New Guinea's Gulf
   province; named as such, they are a place of their words alone ("patrolling the Gulf"). */
static const char *const expanse_words[] = {
    "ASIA", "EUROPE", "AFRICA", "GULF", "PACIFIC", "ATLANTIC", "MEDITERRANEAN", "CARIBBEAN", NULL,
};

/* Words that make capitalised words an organisation's name, not a place's ("the Northern Alliance",
   "Faylaq Al-Rahman", "Jaysh Al-Islam"). */
static const char *const body_words[] = {
    "ALLIANCE", "COALITION", "FRONT", "ARMY", "FORCE", "FORCES", "BRIGADE", "BRIGADES", "BATTALION", "COUNCIL",
    "COMMITTEE", "PARTY", "MOVEMENT", "GROUP", "ORGANIZATION", "ORGANISATION", "MILITIA", "CORPS", "GUARD",
    "REGIMENT", "DIVISION", "POLICE", "MINISTRY", "AGENCY", "COMPANY", "BANK", "AUTHORITY", "CARTEL", "CLAN",
    "TRIBE", "GOVERNMENT", "BANCO", "AL-QAIDA", "AL-QAEDA", "QAIDA", "QAEDA", "TIME", "FAYLAQ", "JAYSH", "JAISH", "JABHAT", "HARAKAT", "KATAIB", "KATAEB", "ANSAR", "HAYAT", "HAY'AT",
    "AHRAR", "JUND", "SARAYA", "ASAIB", "LIWA", "LIWAA", "HEZBOLLAH", "HIZBULLAH", "TALIBAN", NULL,
};

/* Words before a name that make it a person's: "President Jackson", "Mr. Paris". */
static const char *const titles[] = {
    "PRESIDENT", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "GEN", "GEN.", "GENERAL", "SEN", "SEN.",
    "SENATOR", "REP", "REP.", "GOV", "GOV.", "GOVERNOR", "MINISTER", "SECRETARY", "CHANCELLOR", "KING",
    "QUEEN", "PRINCE", "PRINCESS", "POPE", "SHEIKH", "JUDGE", "AMBASSADOR", "COL", "COL.", "LT", "LT.",
    "SGT", "SGT.", "CAPT", "CAPT.", "MAJ", "MAJ.", "ADM", "ADM.", "LORD", "LADY", "SIR", "SAINT", "ST", "ST.",
    "COMMANDER", "SPOKESMAN", "LEADER", "CHAIRMAN", "CHAIRWOMAN", NULL,
};

/* Words that put what follows them at a place. */
static const char *const locatives[] = {
    "IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "AROUND", "THROUGHOUT", "INTO", "WITHIN", "ON", "OVER",
    "NEARBY", "OUTSKIRTS", "THROUGH", NULL,
};
/* ... and words that end the search for one: the place belongs to something else. */
static const char *const stoppers[] = {
    "BY", "WITH", "FOR", "TO", "FROM", "AGAINST", "AND", "OR", "SAID", "SAYS", "SAY", "THAT", "WHO", "WHICH",
    "WHILE", "BUT", "AS", "THAN", "LIKE", "BETWEEN", "ABOUT", NULL,
};
/* "of" is locative only after these: "north of Baghdad", "the city of Aleppo", "outskirts of Damascus". */
static const char *const of_heads[] = {
    "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST", "CITY", "TOWN",
    "VILLAGE", "PROVINCE", "OUTSKIRTS", "SUBURBS", "SUBURB", "REGION", "DISTRICT", "AREA", "CENTRE", "CENTER",
    "COUNTRYSIDE", "NEIGHBOURHOOD", "NEIGHBORHOOD", "CAPITAL", "STREETS", "PORT", "GOVERNORATE", "HEART",
    "OUTSIDE", NULL,
};

/* Nouns that say the capitalised words beside them name a settlement or district, known to the
   gazetteer or not: "the village of Bamut", "in Saidiyah district", "Sadr City". */
static const char *const settlement_nouns[] = {
    "CITY", "TOWN", "VILLAGE", "VILLAGES", "TOWNS", "DISTRICT", "NEIGHBOURHOOD", "NEIGHBORHOOD", "SUBURB",
    "SUBURBS", "PROVINCE", "GOVERNORATE", "REGION", "AREA", "CAMP", "SETTLEMENT", "COUNTRYSIDE", "LOCALITY",
    "QUARTER", "HAMLET", "STATE", "SETTLEMENTS", "DISTRICTS", "NEIGHBORHOODS", "NEIGHBOURHOODS", "CITIES",
    "ISLAND", "TOWNSHIP", "ENCLAVE", "ISLANDS", "OUTSKIRTS", "PERIMETER", "FLANK", "FLANKS", "STRONGHOLD",
    "BASTION", "HILLTOP", "HILLSIDE", "STREETS", "CENTRE", "CENTER", "HEART", "ENTRANCE", "GATES", "OUTPOST",
    "AIRPORT", "BASE", "CHECKPOINT", NULL,
};

/* Nouns that end the name of a site or an area after its capitalised words, known to the gazetteer or
   not: "the Zafaraniyah district", "Mundu village", "the Tishreen Power Plant", "Panorama Checkpoint",
   "Rustaveli Avenue". News names the event's place this precisely when it can. Not "state" or
   "region" in lower case ("Islamic State", "the Kurdish region"). */
static const char *const site_nouns[] = {
    "CITY", "TOWN", "VILLAGE", "VILLAGES", "DISTRICT", "DISTRICTS", "NEIGHBOURHOOD", "NEIGHBORHOOD", "SUBURB",
    "SUBURBS", "PROVINCE", "GOVERNORATE", "AREA", "CAMP", "SETTLEMENT", "COUNTRYSIDE", "LOCALITY", "QUARTER",
    "QUARTERS", "HAMLET", "TOWNSHIP", "CONSTITUENCY", "MUNICIPALITY", "PREFECTURE", "SECTOR", "ENCLAVE",
    "COUNTY", "AIRPORT", "AIRBASE", "AIRFIELD", "CHECKPOINT", "CROSSING", "DAM", "PLANT", "FIELD", "FIELDS",
    "HOSPITAL", "MOSQUE", "MARKET", "SQUARE", "STREET", "ROAD", "AVENUE", "HIGHWAY", "BRIDGE", "JUNCTION",
    "INTERSECTION", "HILL", "HILLS", "HILLTOP", "MOUNTAIN", "MOUNTAINS", "HEIGHTS", "VALLEY", "RIVER", "ISLAND",
    "FARMS", "PRISON", "STADIUM", "PALACE", "HOTEL", "REFINERY", "COMPLEX", "COMPOUND", "BARRACKS", "AXIS",
    "PLAIN", "PLAINS", "FOREST", "FORESTS", "ESTATE", "COLONY", "BAZAAR", "TOWER", "TOWERS", "HARBOUR", "HARBOR",
    "PROVINCES", "REGION", "STATE", "PENINSULA", "AIRSTRIP", "WATERWAY", "GORGE", "LAKE", "CANAL", "OASIS",
    "SHRINE", "CHURCH", "SCHOOL", "UNIVERSITY", "STATION", "CEMETERY", "PARK", "CATHEDRAL", "MALL",
    "AIRFIELDS", "BASES", "CHECKPOINTS", "HOSPITALS", "FACTORY", "PLATEAU", "ROUNDABOUT", "SILOS", NULL,
};

/* Site nouns of a street or a building: news names the town or district it stands in ("al-Qanat Street in
   eastern Baghdad", "the Ershad Mosque in north Tehran", "Bethlehem's Church of the Nativity") as the
   event's place more than the facility itself. Not camps, bases, hospitals or hotels: often the place. */
static const char *const facility_nouns[] = {
    "STREET", "ROAD", "AVENUE", "HIGHWAY", "BRIDGE", "INTERSECTION", "MOSQUE", "CHURCH", "CATHEDRAL",
    "THEATER", "THEATRE", "UNIVERSITY", "STADIUM", "EMBASSY", "CONSULATE", NULL,
};

/* Locative words right before capitalised words the gazetteer lacks that make them a place ("in
   Ciboure", "near Tal Dakwah"); "on", "over", "through" and "into" too often lead to something else
   ("on Albanians", "over Serb-held territory"). */
static const char *const strong_locatives[] = {
    "IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "AROUND", "THROUGHOUT", "ACROSS", "WITHIN", "THROUGH", NULL,
};

/* Nouns of attacks whose object, after "on", is a place when a name follows: "an attack on Azaz". */
static const char *const assault_nouns[] = {
    "ATTACK", "ATTACKS", "ASSAULT", "ASSAULTS", "OFFENSIVE", "AIRSTRIKE", "AIRSTRIKES", "STRIKE", "STRIKES",
    "RAID", "RAIDS", "BOMBARDMENT", "SHELLING", "ADVANCE", "AIR-STRIKES", "AIR-STRIKE", "BOMBING", "BOMBINGS",
    "MARCH", "PUSH", NULL,
};

/* The end of a hyphenated word that makes it an adjective, not a name ("Serb-held", "U.S.-led"). */
static const char *const adjective_ends[] = {
    "HELD", "BASED", "LED", "BACKED", "CONTROLLED", "OCCUPIED", "RUN", "OWNED", "BORN", "ALLIED", "LINKED",
    "DOMINATED", "MAJORITY", "SPEAKING", "STYLE", "ERA", "BOUND", "MADE", NULL,
};

/* Words between two place names that make the second the first's surroundings: "the Zafaraniyah district
   of southern Baghdad", "Rawiya village near the city of Sere Kaniye", "Sharifah in western Palmyra". */
static const char *const link_words[] = {
    "OF", "IN", "NEAR", ",", "THE", "A", "AN", "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST",
    "SOUTHEAST", "SOUTHWEST", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "NORTHEASTERN", "NORTHWESTERN",
    "SOUTHEASTERN", "SOUTHWESTERN", "CENTRAL", "UPPER", "LOWER", "CAPITAL", "PROVINCIAL", "REGIONAL", "RURAL", "NEARBY",
    "VOLATILE", "RESTIVE", "OUTSKIRTS", "DOWNTOWN", "KILOMETERS", "KILOMETRES", "KM", "MILES", "(", ")",
    "ABOUT", "SOME", "JUST", "GREATER", "COAST", "COASTAL", "PORT", "HOLY", "BORDER", "RESORT", "RESORTS",
    "MOUNTAIN", "DESERT", "ANCIENT", "KEY", "STRATEGIC", "MAIN", "SMALL", "LARGE", "NEIGHBOURING",
    "NEIGHBORING", "LARGEST", "BIGGEST", "SECOND", "THIRD", "OLD", "COMMERCIAL", "INDUSTRIAL", NULL,
};

/* Words that say which part of a place: "in northern X", "in rural Y". */
static const char *const side_words[] = {
    "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "NORTHEASTERN", "NORTHWESTERN", "SOUTHEASTERN", "SOUTHWESTERN",
    "CENTRAL", "DOWNTOWN", "RURAL", "SUBURBAN", "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST",
    "SOUTHEAST", "SOUTHWEST", "UPPER", "LOWER", NULL,
};

/* Directions: "35 km northeast of Baghdad" names a point of reference, not the place. */
static const char *const compass_words[] = {
    "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST", "NORTH-EAST",
    "NORTH-WEST", "SOUTH-EAST", "SOUTH-WEST", NULL,
};

/* Site nouns that name a first-level division ("Hama province") rather than a town or a site. */
static const char *const division_nouns[] = {
    "PROVINCE", "GOVERNORATE", "COUNTY", "PREFECTURE", "REGION", "STATE", "MUNICIPALITY", "PROVINCES", NULL,
};
/* ... and those that name a town or a district, as broad as a city ("Bharatpur district"). */
static const char *const town_nouns[] = {
    "CITY", "TOWN", "DISTRICT", "DISTRICTS", "TOWNSHIP", "CONSTITUENCY", "COUNTRYSIDE", NULL,
};

static wordset common_set = {.words = common_words}, never_set = {.words = never_words},
               title_set = {.words = titles}, locative_set = {.words = locatives}, stopper_set = {.words = stoppers},
               of_head_set = {.words = of_heads}, settlement_set = {.words = settlement_nouns},
               site_set = {.words = site_nouns}, strong_set = {.words = strong_locatives},
               adjective_end_set = {.words = adjective_ends}, link_set = {.words = link_words},
               division_set = {.words = division_nouns}, town_set = {.words = town_nouns},
               compass_set = {.words = compass_words}, body_set = {.words = body_words},
               assault_set = {.words = assault_nouns}, side_set = {.words = side_words},
               facility_set = {.words = facility_nouns}, expanse_set = {.words = expanse_words};
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

/* The sets the scan asks a sentence's words about, one bit each (token_sets, scan_words.sets). */
enum { S_COMMON, S_NEVER, S_TITLE, S_LOCATIVE, S_STOPPER, S_OF_HEAD, S_SETTLEMENT, S_SITE, S_STRONG, S_LINK,
       S_DIVISION, S_TOWN, S_COMPASS, S_BODY, S_ASSAULT, S_SIDE, S_FACILITY, S_EXPANSE, S_NSETS, S_LOOKED_UP = 31 };

/* Every word of those sets with the bits of the sets it is in, in one table: a word the scan asks
   about is looked up once, whatever and however often it is asked (the scan asks ~10 questions
   about each capitalised word and its neighbours). Keyed by norm_hash, the hash each token carries:
   a token is found without reading its bytes unless a word of the same hash is there. */
typedef struct {
    const char *w;   /* NULL = an empty slot */
    uint32_t hash;   /* norm_hash(w) */
    uint32_t bits;   /* the word's sets */
    uint64_t head;   /* its first eight bytes (load_upto8_le), zero past its end: most set words are no longer,
                        and are told from a token without reading w (a line of its own) */
    size_t len;
} set_entry;
static struct {
    set_entry *e;    /* open addressing, a quarter full at most */
    size_t mask;
    uint64_t *used;  /* a bit per slot, set when it holds a word: the table (~200 KB) misses the first-level
                        cache at random, these few KB much less, and most words asked about (names) are in
                        no set, their slot empty */
} token_sets;

static void token_sets_build(void)
{
    const wordset *by_bit[S_NSETS] = {
        [S_COMMON] = &common_set, [S_NEVER] = &never_set, [S_TITLE] = &title_set, [S_LOCATIVE] = &locative_set,
        [S_STOPPER] = &stopper_set, [S_OF_HEAD] = &of_head_set, [S_SETTLEMENT] = &settlement_set,
        [S_SITE] = &site_set, [S_STRONG] = &strong_set, [S_LINK] = &link_set, [S_DIVISION] = &division_set,
        [S_TOWN] = &town_set, [S_COMPASS] = &compass_set, [S_BODY] = &body_set, [S_ASSAULT] = &assault_set,
        [S_SIDE] = &side_set, [S_FACILITY] = &facility_set, [S_EXPANSE] = &expanse_set};
    size_t n = 0, cap = 16;
    for (int b = 0; b < S_NSETS; b++)
        for (size_t k = 0; by_bit[b]->words[k]; k++) n++;
    while (cap < 4 * n) cap <<= 1;
    token_sets.e = xcalloc(cap, sizeof *token_sets.e);
    token_sets.used = xcalloc(cap / 64 + 1, sizeof *token_sets.used);
    token_sets.mask = cap - 1;
    for (int b = 0; b < S_NSETS; b++) {
        for (size_t k = 0; by_bit[b]->words[k]; k++) {
            const char *w = by_bit[b]->words[k];
            size_t len = strlen(w);
            uint32_t h = norm_hash(w, len);
            size_t i = h & token_sets.mask;
            while (token_sets.e[i].w && strcmp(token_sets.e[i].w, w) != 0) i = (i + 1) & token_sets.mask;
            token_sets.e[i] = (set_entry){w, h, token_sets.e[i].bits | 1u << b, load_upto8_le(w, len < 8 ? len : 8), len};
            token_sets.used[i / 64] |= (uint64_t)1 << (i % 64);
        }
    }
}

/* Are the n bytes at a and b the same? Inline: set words are short, and a hash and length that match
   nearly always mean the word (a memcmp call costs more than the bytes). */
static inline bool same_word(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k]) return false;
    return true;
}

/* Is entry e the word of n bytes at w? Its first eight bytes from e->head, the rest (a longer word) from e->w. */
static inline bool entry_is(const set_entry *e, const char *w, size_t n)
{
    return e->len == n && e->head == load_upto8_le(w, n < 8 ? n : 8) && (n <= 8 || same_word(e->w + 8, w + 8, n - 8));
}

/* The sets token i's word is in, its home slot being occupied (sets_of). */
static __attribute__((noinline)) uint32_t sets_probed(const token_list *t, int i, size_t home)
{
    const token *k = &t->t[i];
    for (size_t j = home;; j = (j + 1) & token_sets.mask) {
        const set_entry *e = &token_sets.e[j];
        if (!e->w) return 0;
        if (e->hash == k->hash && entry_is(e, tok_norm(t, (size_t)i), k->norm_len)) return e->bits;
    }
}

/* The sets token i's word is in (bit S_x for each). The empty home slot (half the words asked about)
   answered without a call. */
static inline uint32_t sets_of(const token_list *t, int i)
{
    size_t home = t->t[i].hash & token_sets.mask;
    if (!(token_sets.used[home / 64] >> (home % 64) & 1)) return 0;   /* its slot is empty */
    return sets_probed(t, i, home);
}

static void sort_sets(void);

size_t where_set_filter_misses(void)
{
    pthread_once(&sets_once, sort_sets);
    size_t misses = 0;
    for (size_t j = 0; j <= token_sets.mask; j++) {
        const set_entry *e = &token_sets.e[j];
        if (!e->w) continue;
        token t = {.hash = e->hash, .norm = 0, .norm_len = (uint16_t)e->len, .kind = TOK_WORD};
        token_list one = {.t = &t, .n = 1, .pool = (char *)(uintptr_t)e->w};
        misses += sets_of(&one, 0) != e->bits;
    }
    return misses;
}

/* A sentence's tokens as the scan reads them, with the sets each is in, looked up on first use. */
typedef struct {
    const token_list *t;
    uint32_t *sets;   /* per token: bit S_LOOKED_UP and the bits of its sets; 0 = not looked up yet */
} scan_words;

/* Is token i's word in set `set` (S_x)? */
static inline bool word_in(const scan_words *x, int i, int set)
{
    uint32_t s = x->sets[i];
    if (!s) x->sets[i] = s = 1u << S_LOOKED_UP | sets_of(x->t, i);
    return s >> set & 1;
}

/* Every set token i's word is in, one bit each (S_x), for the questions asked of one word together. */
static inline uint32_t word_bits(const scan_words *x, int i)
{
    uint32_t s = x->sets[i];
    if (!s) x->sets[i] = s = 1u << S_LOOKED_UP | sets_of(x->t, i);
    return s;
}
#define IN(set) (1u << S_##set)

static void sort_sets(void)
{
    wordset_build(&adjective_end_set);   /* asked about part of a word ("HELD" of "SERB-HELD"), not a token */
    token_sets_build();                  /* the others, asked about tokens (word_in) */
}

static bool is_word(const token_list *t, int i) { return t->t[i].kind == TOK_WORD; }
/* Is token k's normalised form the literal s? Its length first (a constant once inlined), most are not. */
static inline bool norm_is(const token_list *t, int k, const char *s)
{
    size_t n = strlen(s);
    return t->t[k].norm_len == n && !memcmp(tok_norm(t, (size_t)k), s, n);
}
/* A word that starts with the Arabic article in one of its forms, hyphenated to a name: "al-Bab",
   "ez-Zor" (of "Deir ez-Zor"), "ash-Sham". */
static bool arabic_article(const char *w)
{
    static const char *const articles[] = {"AL-", "EL-", "AR-", "AS-", "AD-", "AZ-", "AN-", "AT-", "ASH-", "ATH-",
                                           "ADH-", "ED-", "ER-", "ES-", "EZ-", "EN-", "ET-", "UL-", NULL};
    if (!w[0] || !w[1] || (w[1] != '-' && w[2] != '-' && (!w[2] || w[3] != '-'))) return false;   /* the usual case */
    for (const char *const *a = articles; *a; a++) {
        if ((*a)[0] != w[0] || (*a)[1] != w[1]) continue;   /* most, before a length and a compare */
        size_t n = strlen(*a);
        if (!strncmp(w, *a, n) && w[n]) return true;
    }
    return false;
}

static bool ayn_before_cap(const token_list *t, int i);

/* A word that can start or continue a place name: capitalised, or an Arabic article joined to one
   ("al-Wafa", "el-Arish": the article is often written in lower case). Asked of every token: the
   usual answers come from the token's kind and flags; an article needs a hyphen inside the word
   (TF_HYPHEN: as its third or fourth byte, with a byte after it), a transliterated ayn a "'" token. */
static inline bool is_cap(const token_list *t, int i)
{
    const token *k = &t->t[i];
    if (k->kind == TOK_WORD) {
        if (k->flags & (TF_CAP | TF_ALLCAPS)) return true;
        if (!(k->flags & TF_HYPHEN)) return false;
        const char *w = tok_norm(t, (size_t)i);
        return k->norm_len >= 4 && (w[2] == '-' || w[3] == '-') && arabic_article(w);
    }
    return k->kind == TOK_PUNCT && k->norm_len == 1 && tok_norm(t, (size_t)i)[0] == '\'' && ayn_before_cap(t, i);
}

/* Can token i be is_cap? Not a word without a capital or a hyphen, nor punctuation other than a "'":
   is_cap's first tests, for the tight loop over a sentence's tokens (scan). The "'" is tested here, not
   left to is_cap: every comma and full stop would leave the loop and enter it again (~15 instructions),
   where reading its one byte costs three. */
static inline bool cap_candidate(const token_list *t, int i)
{
    const token *k = &t->t[i];
    return k->kind == TOK_WORD ? (k->flags & (TF_CAP | TF_ALLCAPS | TF_HYPHEN)) != 0
                               : k->kind == TOK_PUNCT && k->norm_len == 1 && t->pool[k->norm] == '\'';
}

/* The transliterated ayn that starts a name: "the town of ‘Ibta" (the quote is a token of its own). */
static bool ayn_before_cap(const token_list *t, int i)
{
    return norm_is(t, i, "'") && i + 1 < (int)t->n && t->t[i].end == t->t[i + 1].start &&
           (i == 0 || t->t[i - 1].end < t->t[i].start) && is_word(t, i + 1) && is_cap(t, i + 1);
}

/* Is the mention starting at token `first` after a locative word, a few words back at most? */
static bool cued_at(const scan_words *x, int first)
{
    const token_list *t = x->t;
    for (int i = first - 1, seen = 0; i >= 0 && seen <= CUE_WINDOW; i--, seen++) {
        if (t->t[i].kind == TOK_PUNCT && !norm_is(t, i, "-")) return false;
        if (norm_is(t, i, "OF")) {
            if (i > 0 && word_in(x, i - 1, S_OF_HEAD)) return true;
            continue;
        }
        uint32_t b = word_bits(x, i);
        if (b & IN(LOCATIVE)) return true;
        if (b & IN(STOPPER)) return false;
    }
    return false;
}

/* A place name preceded by a title or by a capitalised word that is no place of its own
   ("Bill Clinton", "President Jackson") names a person. */
static bool person_before(const gazetteer *g, const scan_words *x, int first, strbuf *key)
{
    const token_list *t = x->t;
    if (first == 0) return false;
    int i = first - 1;
    const char *w = tok_norm(t, (size_t)i);
    if (!strcmp(w, ".") && i > 0 && word_in(x, i - 1, S_TITLE)) return true;   /* "Mr. Paris" */
    if (word_in(x, i, S_TITLE)) return true;
    if (!is_cap(t, i) || (t->t[i].flags & TF_FIRST) || word_in(x, i, S_COMMON)) return false;
    if (word_in(x, i, S_LOCATIVE) || word_in(x, i, S_STOPPER)) return false;
    sb_clear(key);
    gz_key_add(key, 0, w, t->t[i].norm_len);
    return !gz_lookup(g, key->s, key->len);
}

/* ---- words that start no name, remembered by each thread ---- */

/* Capitalised words that start no name of the built-in gazetteer: three in four of the words longest_at
   is asked about are such ("Inc", "Reagan", "It"), news repeats them, and each costs a key fold and a
   lookup. Each thread remembers them by normalised form (padded with zeros), for gazetteer_default()
   only: it lasts as long as the process, whereas a gazetteer a caller frees could be followed by another
   at its address. Full, the table is emptied (memory stays bounded on endless input). */
enum { NONAME_SLOTS = 8192, NONAME_MAX = NONAME_SLOTS / 2, NONAME_LEN = 24 };
typedef struct noname_cache {
    char (*word)[NONAME_LEN];   /* open addressing; "" = an empty slot */
    size_t n;
    struct noname_cache *prev, *next;   /* every thread's, linked: reachable until its thread ends */
} noname_cache;

static pthread_key_t noname_key;
static pthread_once_t noname_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t noname_lock = PTHREAD_MUTEX_INITIALIZER;
static noname_cache *noname_all;

static void noname_free(void *p)
{
    noname_cache *nc = p;
    pthread_mutex_lock(&noname_lock);
    if (nc->prev) nc->prev->next = nc->next;
    else noname_all = nc->next;
    if (nc->next) nc->next->prev = nc->prev;
    pthread_mutex_unlock(&noname_lock);
    free(nc->word);
    free(nc);
}

static void noname_init(void) { pthread_key_create(&noname_key, noname_free); }

/* This thread's table, made on first use. */
static noname_cache *noname_of_thread(void)
{
    pthread_once(&noname_once, noname_init);
    noname_cache *nc = pthread_getspecific(noname_key);
    if (nc) return nc;
    nc = xcalloc(1, sizeof *nc);
    nc->word = xcalloc(NONAME_SLOTS, sizeof *nc->word);
    pthread_mutex_lock(&noname_lock);
    nc->next = noname_all;
    if (noname_all) noname_all->prev = nc;
    noname_all = nc;
    pthread_mutex_unlock(&noname_lock);
    pthread_setspecific(noname_key, nc);
    return nc;
}

/* The slot of word w (NONAME_LEN bytes, zero-padded): its own, or the empty one where it would go. */
static size_t noname_slot(const noname_cache *nc, const char *w)
{
    uint64_t h = load8(w) * 0x9E3779B97F4A7C15ULL + load8(w + 8) * 0xC2B2AE3D27D4EB4FULL +
                 load8(w + 16) * 0x165667B19E3779F9ULL;
    size_t i = (size_t)(h >> 40) & (NONAME_SLOTS - 1);
    while (nc->word[i][0] && memcmp(nc->word[i], w, NONAME_LEN) != 0) i = (i + 1) & (NONAME_SLOTS - 1);
    return i;
}

/* Token i's normalised form padded to NONAME_LEN bytes in `w`; false when it is empty or too long. */
static bool noname_key_of(const token_list *t, int i, char *w)
{
    size_t n = t->t[i].norm_len;
    if (!n || n >= NONAME_LEN) return false;
    memset(w, 0, NONAME_LEN);
    memcpy(w, tok_norm(t, (size_t)i), n);
    return true;
}

/* Remember in nc that word w (noname_key_of) starts no name. */
static void noname_add(noname_cache *nc, const char *w)
{
    if (nc->n >= NONAME_MAX) {
        memset(nc->word, 0, NONAME_SLOTS * sizeof *nc->word);
        nc->n = 0;
    }
    memcpy(nc->word[noname_slot(nc, w)], w, NONAME_LEN);
    nc->n++;
}

/* The longest name starting at token i: its index entry and its last token, or NULL. A word that is
   its own key (gz_fold_free: most are) is turned away by the first-word filter or looked up by its
   token.hash, with no fold and no copy; `nc` (may be NULL) remembers the other words that start none:
   only for the built-in gazetteer. `key` holds the key as the name grows a word at a time. */
static const gz_slot *longest_on(const gazetteer *g, const token_list *t, int i, int *last, strbuf *key,
                                 noname_cache *nc, bool own, const gz_slot *s);
static inline __attribute__((always_inline)) const gz_slot *longest_at(const gazetteer *g, const token_list *t, int i,
                                                                       int *last, strbuf *key, noname_cache *nc)
{
    const gz_slot *s;
    bool own = gz_word_entry(g, tok_norm(t, (size_t)i), t->t[i].norm_len, t->t[i].hash, &s);
    if (own && !s) return NULL;
    return longest_on(g, t, i, last, key, nc, own, s);
}

/* longest_at past the first-word filter, which turns away most capitalised words (their answer then in
   the caller, without a call that saves six registers): `own` and `s` as gz_word_entry gave them. */
static const gz_slot *longest_on(const gazetteer *g, const token_list *t, int i, int *last, strbuf *key,
                                 noname_cache *nc, bool own, const gz_slot *s)
{
    const char *w0 = tok_norm(t, (size_t)i);
    size_t n0 = t->t[i].norm_len;
    char w[NONAME_LEN];
    bool keyed = !own && nc && noname_key_of(t, i, w);
    if (keyed && nc->word[noname_slot(nc, w)][0]) return NULL;   /* known to start none */
    sb_clear(key);
    if (own) {
        sb_add(key, w0, n0);
    } else {
        gz_key_add(key, 0, w0, n0);
        s = gz_lookup_hashed(g, key->s, key->len, norm_hash(key->s, key->len));
    }
    if (!s) {
        if (keyed) noname_add(nc, w);
        return NULL;
    }
    const gz_slot *best = NULL;
    if (s->count) best = s, *last = i;
    for (int k = i + 1; k < (int)t->n && k - i < g->max_tokens; k++) {
        if (!gz_may_go_on(g, tok_norm(t, (size_t)k), t->t[k].norm_len, t->t[k].hash)) break;
        sb_addc(key, ' ');
        gz_key_add(key, 0, tok_norm(t, (size_t)k), t->t[k].norm_len);
        s = gz_lookup_hashed(g, key->s, key->len, norm_hash(key->s, key->len));
        if (!s) break;
        /* a multi-word name must end on a capitalised word ("Isle of Man", not "Isle of") */
        if (s->count && is_cap(t, k)) {
            best = s;
            *last = k;
        }
    }
    return best;
}

/* Are all the places of this name towns (or a small territory's capital: Douglas, Isle of Man) of fewer
   than SMALL_TOWN people? Such a name right before other
   capitalised words is taken for the start of that longer name ("Federal Reserve", "Dome Petroleum",
   "George Shultz", "Bell Textron", "Liberal Democratic Party"), not for the town; a country, a division,
   a capital or a big city still counts ("Tokyo Grain Exchange" is in Tokyo). */
#define SMALL_TOWN 500000
static bool small_towns_only(const gazetteer *g, const gz_slot *s)
{
    for (uint32_t k = 0; k < s->count && k < MAX_CAND; k++) {
        uint32_t c = g->cand[s->first + k];
        if ((g->kind[c] != GZ_CITY && g->kind[c] != GZ_CAPITAL) || g->pop[c] >= SMALL_TOWN) return false;
    }
    return true;
}

/* Does the run of capitalised words from token i hold a site noun ("Bethesda Naval Hospital", "Homs
   Governorate")? Then the town before it names where the site is. */
static bool site_in_run(const scan_words *x, int i)
{
    for (int k = i; k < (int)x->t->n && k < i + 4 && is_cap(x->t, k); k++)
        if (word_in(x, k, S_SITE)) return true;
    return false;
}

/* Is one of the places of this name a country or a capital ("USA", "UAE" are countries' names in
   capitals; "In LONDON, LME silver ended" is a capital written so)? */
static bool names_country(const gazetteer *g, const gz_slot *s)
{
    for (uint32_t k = 0; k < s->count && k < MAX_CAND; k++) {
        uint8_t kind = g->kind[g->cand[s->first + k]];
        if (kind == GZ_COUNTRY || kind == GZ_CAPITAL) return true;
    }
    return false;
}

/* An all-capitals word among words that are not: an acronym ("the ICO", "<RHON.PA>", "EST"), not a town
   or a division spelled like it (Icó, Brazil; Pâ and Est, Burkina Faso): the gazetteer writes no town's
   name in capitals. A sentence or dateline in capitals is no acronym. */
static bool acronym(const token_list *t, int i)
{
    if (!(t->t[i].flags & TF_ALLCAPS)) return false;
    /* the nearest word each side, over a bracket or a dot ("Boeing Co <BA> for") */
    for (int dir = -1; dir <= 1; dir += 2)
        for (int k = i + dir, seen = 0; k >= 0 && k < (int)t->n && seen < 3; k += dir, seen++)
            if (t->t[k].kind == TOK_WORD) {
                if (!(t->t[k].flags & TF_ALLCAPS)) return true;
                break;
            }
    return false;
}

/* A word glued by a dot to the word before ("RHON.PA", a stock ticker; "reuters.com") is part of a
   code, not a place. */
static bool dotted_code(const token_list *t, int i)
{
    return i >= 2 && t->t[i - 1].kind == TOK_PUNCT && t->t[i - 1].norm_len == 1 && tok_norm(t, (size_t)(i - 1))[0] == '.' &&
           t->t[i - 1].start == t->t[i - 2].end && t->t[i].start == t->t[i - 1].end && t->t[i - 2].kind == TOK_WORD;
}

/* A small town's name as the subject of "said", "told" ("Wilson said", "Douglas told analysts") is a
   person's; a capital or a country there is its government ("Kabul said"). */
static bool speaker(const scan_words *x, int i, bool after_locative)
{
    static const char *const verbs[] = {"SAID", "SAYS", "TOLD", "ADDED", "SAY", NULL};
    if (after_locative || i + 1 >= (int)x->t->n) return false;
    for (size_t k = 0; verbs[k]; k++)
        if (norm_is(x->t, i + 1, verbs[k])) return true;
    return false;
}

/* How likely place c is meant, before context: countries, then divisions and capitals, then cities by
   population. A capital outweighs a town of a country the story names (+2.5): news names "Washington"
   or "Rome" for the capital even in a story about Britain or about Georgia, U.S.; a tiny territory's
   capital (Douglas, Isle of Man; Stanley, Falklands) is weighed as the town it is. */
static double prior(const gazetteer *g, uint32_t c)
{
    switch (g->kind[c]) {
    case GZ_CONTEXT: return -100;   /* a place of the same name always wins */
    case GZ_COUNTRY: return 9.0;
    case GZ_REGION: return 6.6;
    case GZ_ADMIN1: return 6.2 + 0.001 * log10(g->pop[c] + 1.0);   /* ties: the more populous division */
    case GZ_CAPITAL:
        return g->pop[c] >= 100000 ? fmax(log10(g->pop[c] + 1.0), 6.5) + 1.5 : log10(g->pop[c] + 1.0) + 0.5;
    default: return log10(g->pop[c] + 1.0);
    }
}

static bool in_context(const char *country, const char *const *ctx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ctx[i] && !memcmp(ctx[i], country, 3)) return true;
    return false;
}

/* Does place q qualify place p: "Paris, Texas" (q the division of p) or "Paris, France" (q its country)? */
static bool qualifies(const gazetteer *g, uint32_t p, uint32_t q)
{
    if (p == q || memcmp(g->p[p].country, g->p[q].country, 3) != 0) return false;
    if (g->kind[q] == GZ_COUNTRY) return g->kind[p] != GZ_COUNTRY;
    return g->kind[q] == GZ_ADMIN1 && g->kind[p] != GZ_ADMIN1 && g->p[p].admin1 &&
           !strcmp(g->p[p].admin1, g->p[q].name);
}

/* A mention being resolved: its candidates and, when ", Texas" follows, the qualifier's. */
typedef struct {
    const gz_slot *s, *qual;
    int first, last;
    span at;
    bool cued;
    short bias;   /* see place_mention */
    bool context; /* a word that only tells the country ("Syrian"): no mention of its own */
    uint8_t link; /* how the name before it leads to it (link_between): it may be that place's surroundings */
    int8_t site;  /* the breadth a noun beside it gives (site_breadth), -1 none */
    bool head;    /* linked after "<noun> of" ("the West Bank city of Nablus", "Saidiyah district of Baghdad") */
    bool site_name; /* a known name that with a site noun names a site ("Panorama Checkpoint", "Deir Ezzor
                       Airport"): [first, last] includes the noun */
    bool facility; /* names a street or a building (facility_nouns): the place around it names the event's */
    bool in_link; /* "in" (or a possessive) leads to it from the name before: that place's surroundings */
    bool owner;   /* ends in a possessive: "Tbilisi's" */
    bool object;  /* capitalised words the gazetteer lacks after a lower-case word ("entered Jarabulus"):
                     a place only as the object of an event's verb (place_mention.lead_end) */
    uint32_t lead_end;
    bool expanse; /* a continent's or a sea's name the gazetteer lacks ("the Gulf"): no one country's */
} found;

/* What the story names around a mention: countries, and first-level divisions ("Texas") whose places
   it then prefers. */
typedef struct {
    const char *country[32];
    size_t ncountry;
    const place *admin1[32];
    size_t nadmin1;
} story_ctx;

static bool admin1_named(const place *p, const story_ctx *cx)
{
    for (size_t i = 0; p->admin1 && i < cx->nadmin1; i++)
        if (!memcmp(cx->admin1[i]->country, p->country, 3) && !strcmp(cx->admin1[i]->name, p->admin1)) return true;
    return false;
}

/* resolve's scoring of every candidate, the slow way round for a name of one place. */
static uint32_t resolve_scored(const gazetteer *g, const found *f, const place *dateline, const story_ctx *cx);

static uint32_t resolve(const gazetteer *g, const found *f, const place *dateline, const story_ctx *cx)
{
    /* a name of one place is that place: its score, whatever it is, beats -1e9 (no prior is below -100).
       Each name is resolved twice (story_context, resolve_all), and prior's log10 was most of the cost */
    if (f->s->count == 1) return g->cand[f->s->first];
    return resolve_scored(g, f, dateline, cx);
}

static uint32_t resolve_scored(const gazetteer *g, const found *f, const place *dateline, const story_ctx *cx)
{
    uint32_t best = g->cand[f->s->first];
    double best_score = -1e9;
    for (uint32_t k = 0; k < f->s->count && k < MAX_CAND; k++) {
        uint32_t c = g->cand[f->s->first + k];
        double score = prior(g, c);
        if (cx && in_context(g->p[c].country, cx->country, cx->ncountry)) score += 2.5;
        if (cx && g->kind[c] != GZ_ADMIN1 && admin1_named(&g->p[c], cx)) score += 4;
        if (dateline && !memcmp(dateline->country, g->p[c].country, 3)) score += 2.5;
        if (f->qual)
            for (uint32_t q = 0; q < f->qual->count && q < MAX_CAND; q++)
                if (qualifies(g, c, g->cand[f->qual->first + q])) score += 10;
        if (score > best_score) { best_score = score; best = c; }
    }
    return best;
}

size_t where_resolve_shortcut_misses(const gazetteer *g)
{
    size_t misses = 0;
    place dateline = {.country = "SYR"};
    story_ctx cx = {.country = {"USA", "SYR"}, .ncountry = 2};
    for (size_t j = 0; j < g->nslots; j++) {
        if (!g->slots[j].klen || g->slots[j].count != 1) continue;
        found f = {.s = &g->slots[j]};
        misses += resolve(g, &f, NULL, NULL) != resolve_scored(g, &f, NULL, NULL);
        misses += resolve(g, &f, &dateline, &cx) != resolve_scored(g, &f, &dateline, &cx);
    }
    return misses;
}

size_t where_cap_candidate_misses(const token_list *t)
{
    size_t misses = 0;
    for (int i = 0; i < (int)t->n; i++) misses += is_cap(t, i) && !cap_candidate(t, i);
    return misses;
}

/* The places named right after "," ("Paris, Texas"): the qualifier's index entry, or NULL. */
static const gz_slot *qualifier_after(const gazetteer *g, const token_list *t, int last, strbuf *key, noname_cache *nc)
{
    if (last + 2 >= (int)t->n || !norm_is(t, last + 1, ",") || !is_cap(t, last + 2)) return NULL;
    int qlast;
    return longest_at(g, t, last + 2, &qlast, key, nc);
}

/* The site noun right after [.., last], or after one lower-case word ("Ein el-Hilweh refugee camp", "the
   Deir Ezzor military airport"): its token, or -1. For a known place's name (`known`), not a noun that heads
   what follows: "the West Bank town of Bethlehem", "Gaza City's neighbourhood of Zeitun" name a town
   and a neighbourhood in those places (a name the gazetteer lacks keeps it: "Jibwhiwhui village of
   Hawul"). Always inlined: asked of some 130,000 names on Reuters, most answered in a few loads, and the
   call saved and restored six registers (~25 instructions a call, −6 M on Reuters). */
static inline __attribute__((always_inline)) int site_after(const scan_words *x, int last, bool known)
{
    const token_list *t = x->t;
    if (known && (t->t[last].flags & TF_POSS)) return -1;
    for (int k = last + 1; k < (int)t->n && k <= last + 2 && is_word(t, k); k++) {
        if (word_in(x, k, S_SITE))
            return known && k + 1 < (int)t->n && norm_is(t, k + 1, "OF") ? -1 : k;
        if (t->t[k].flags & (TF_CAP | TF_ALLCAPS)) break;
    }
    return -1;
}

/* Is "X" at [first, last] named as a settlement or site by its neighbours: "the village of X", "X
   district", "the X Power Plant", "in X"? */
static bool settlement_context(const scan_words *x, int first, int last)
{
    const token_list *t = x->t;
    if (first >= 2 && norm_is(t, first - 1, "OF") && word_in(x, first - 2, S_SETTLEMENT))
        return true;
    if (site_after(x, last, false) >= 0) return true;
    /* "in another Harare township, Mabvuku, army trucks ...": a name between commas after a site noun */
    if (first >= 2 && norm_is(t, first - 1, ",") && word_in(x, first - 2, S_SITE) &&
        last + 1 < (int)t->n && norm_is(t, last + 1, ","))
        return true;
    if (last > first && word_in(x, last, S_SITE)) return true;
    /* "in Ciboure", "in northern ‘Ayn ‘Issa", "in rural Idlib" */
    int k = first - 1;
    while (k >= 0 && first - k <= 2 && word_in(x, k, S_SIDE)) k--;
    return k >= 0 && word_in(x, k, S_STRONG);
}

/* "an attack on Azaz", "airstrikes on Kafr Nabl": the place attacked, but not where a protest against
   the attack was (so not after a locative word: see found.cued). */
static bool attacked_context(const scan_words *x, int first)
{
    const token_list *t = x->t;
    return first >= 2 && (norm_is(t, first - 1, "ON") || norm_is(t, first - 1, "AGAINST")) &&
           word_in(x, first - 2, S_ASSAULT);
}

/* A hyphenated adjective ("Serb-held", "U.S.-led"): no name. Token k's word has a hyphen inside
   (TF_HYPHEN) or first, or it is none. */
static bool adjective_word(const token_list *t, int k)
{
    const char *w = tok_norm(t, (size_t)k);
    if (!(t->t[k].flags & TF_HYPHEN) && w[0] != '-') return false;   /* a last hyphen has nothing after it */
    const char *h = strrchr(w, '-');
    return h && h[1] && in_set(&adjective_end_set, h + 1);
}

/* Do the capitalised words [i, end) read as a people's adjective before a noun: "the Northern Irish
   town", "a Sudanese village" (but "in Butitian", "El-Arish")? */
static bool people_adjective(const token_list *t, int i, int end)
{
    const char *w = tok_norm(t, (size_t)end - 1);
    size_t n = t->t[end - 1].norm_len;
    bool before_noun = end < (int)t->n && is_word(t, end) && !(t->t[end].flags & (TF_CAP | TF_ALLCAPS));
    if (!before_noun || n <= 4) return false;   /* the usual case, before the article is looked at */
    bool determined = i > 0 && (norm_is(t, i - 1, "THE") || norm_is(t, i - 1, "A") || norm_is(t, i - 1, "AN"));
    return determined && !strchr(w, '-') &&
           (!strcmp(w + n - 3, "ISH") || !strcmp(w + n - 3, "IAN") || !strcmp(w + n - 3, "ESE"));
}

/* One to four capitalised words (with "al-" forms) from token i, none of them a stop word, not all of
   them common words ("New" of "New Year's Eve"), no hyphenated adjective, not only acronyms: a name,
   if the gazetteer lacks it, of something. Its end is *last. */
static bool name_run(const scan_words *x, int i, int *last)
{
    const token_list *t = x->t;
    int k = i;
    bool named = false;
    while (k < (int)t->n && k - i < 4 && is_cap(t, k)) {
        uint32_t b = word_bits(x, k);
        if (b & IN(NEVER)) break;
        if (adjective_word(t, k) || (b & IN(BODY))) return false;
        named |= !(b & (IN(COMMON) | IN(SITE)));
        k++;
    }
    if (k == i || !named || people_adjective(t, i, k)) return false;
    bool acronyms = true;   /* "GSM", "UN", "LGA": organisations and abbreviations, not names of places */
    for (int a = i; a < k && acronyms; a++) acronyms = t->t[a].flags & TF_ALLCAPS;
    if (acronyms) return false;
    /* "Saddam Hussein's hometown", "Blake's car": an owner, unless a site or a side of it follows
       ("Patten's hotel", "Haritan's eastern perimeter") */
    if ((t->t[k - 1].flags & TF_POSS) && k < (int)t->n && is_word(t, k) && !(t->t[k].flags & (TF_CAP | TF_ALLCAPS)) &&
        !word_in(x, k, S_SITE) && !word_in(x, k, S_LINK))
        return false;
    *last = k - 1;
    return true;
}


/* Capitalised words the gazetteer lacks right after a lower-case word, or after one and "the"
   ("entered Jarabulus", "stormed the Kindi Hospital"): maybe the verb's object, a place if that verb
   takes one. *lead_end gets the end of that word. */
/* The end of the lower-case word right before token i, or before "the" there ("entered" of "entered
   the town"): where a verb whose object the name may be ends; 0 when there is none. Always inlined: asked
   of some 140,000 names on Reuters, its call cost as much as its tests. */
static inline __attribute__((always_inline)) uint32_t lead_word_end(const token_list *t, int i)
{
    if (i < 1 || (t->t[i].flags & TF_FIRST)) return 0;
    int lead = i - 1;
    if (norm_is(t, lead, "THE") && lead > 0) lead--;
    if (!is_word(t, lead) || (t->t[lead].flags & (TF_CAP | TF_ALLCAPS))) return 0;
    return t->t[lead].end;
}


static bool only_context(const gazetteer *g, const gz_slot *s)
{
    for (uint32_t k = 0; k < s->count; k++)
        if (g->kind[g->cand[s->first + k]] != GZ_CONTEXT) return false;
    return true;
}

/* How much less likely the words [first, last] name the event's own place (see place_mention.bias).
   "the village of X" favours only a settlement the gazetteer lacks: "Saidiyah district of Baghdad". */
static short bias_of(const scan_words *x, int first, int last, bool known)
{
    const token_list *t = x->t;
    if (t->t[last].flags & TF_POSS) return 40;
    if (first >= 2 && norm_is(t, first - 1, "OF") && word_in(x, first - 2, S_COMPASS))
        return CONTAINER_BIAS;
    if (!known && first >= 2 && norm_is(t, first - 1, "OF") && word_in(x, first - 2, S_SETTLEMENT))
        return -40;
    return 0;
}

enum { LINK_NONE, LINK_COMMA, LINK_WORD };

/* What joins a name ending at token `prev_last` to one starting at `first`, when only a few link words,
   numbers and words that only tell a country (`ctx`, `nctx`: "the volatile Chinese region of") lie
   between: LINK_WORD for "of", "in" or "near" ("district of southern", "village near the city of"),
   LINK_COMMA when a comma is there too ("Mallawi, 260 kilometers south of Cairo"; "Karachi,
   Pakistan"), else LINK_NONE. */
static uint8_t link_between(const scan_words *x, int prev_last, int first, const found *ctx, size_t nctx)
{
    const token_list *t = x->t;
    if (first - prev_last - 1 > 10) return LINK_NONE;
    bool comma = false, word = false;
    size_t c = 0;
    for (int k = prev_last + 1; k < first; k++) {
        while (c < nctx && ctx[c].last < k) c++;
        if (c < nctx && ctx[c].first <= k) continue;   /* "Chinese" */
        const char *w = tok_norm(t, (size_t)k);
        if (t->t[k].kind != TOK_NUMBER && !(word_bits(x, k) & (IN(LINK) | IN(SITE)))) return LINK_NONE;
        if (!strcmp(w, ",")) comma = true;
        else if (!strcmp(w, "OF") || !strcmp(w, "IN") || !strcmp(w, "NEAR")) word = true;
    }
    return comma ? LINK_COMMA : word ? LINK_WORD : LINK_NONE;
}

/* The breadth a site noun right after the name, or ending it, gives the place: 2 a division ("Hama
   province"), 1 a town or district ("Bharatpur district"), 0 a village, quarter or site ("Mundu
   village", "Panorama Checkpoint"); -1 when no such noun is there. */
static int8_t site_breadth(const scan_words *x, int first, int last, bool known)
{
    int k = site_after(x, last, known);
    if (k < 0 && last > first && word_in(x, last, S_SITE)) k = last;
    if (k < 0) return -1;
    return word_in(x, k, S_DIVISION) ? 2 : word_in(x, k, S_TOWN) ? 1 : 0;
}

/* Does the name [first, last] name a street or a building (facility_nouns): by one of its words ("Ershad
   Mosque"), a noun a word or two after it ("Sabei Qusour intersection", "Vanderbilt University Medical
   Center"), or one before "of (the)" ("the Church of the Nativity")? */
static bool facility_at(const scan_words *x, int first, int last)
{
    const token_list *t = x->t;
    for (int k = first; k <= last + 2 && k < (int)t->n && is_word(t, k); k++)
        if (word_in(x, k, S_FACILITY)) return true;
    int k = first - 1;
    if (k >= 0 && norm_is(t, k, "THE")) k--;
    return k >= 1 && norm_is(t, k, "OF") && word_in(x, k - 1, S_FACILITY);
}

/* Are the words between prev_last and first no more than a few link or site words, with "in" among
   them ("Street in eastern Baghdad")? And, for a possessive before ("Tbilisi's central Rustaveli
   Avenue"), with or without it? */
static bool linked_by_in(const scan_words *x, int prev_last, int first, bool or_possessive)
{
    const token_list *t = x->t;
    if (first - prev_last - 1 > 4) return false;
    bool in = or_possessive && (t->t[prev_last].flags & TF_POSS);
    for (int k = prev_last + 1; k < first; k++) {
        const char *w = tok_norm(t, (size_t)k);
        if (!strcmp(w, "IN")) in = true;
        else if (!(word_bits(x, k) & (IN(LINK) | IN(SITE) | IN(FACILITY)))) return false;
    }
    return in;
}

/* Append a found name, noting how the last place name before it leads to it, and its site noun. */
static void add_found(found **fs, size_t *n, size_t *cap, const scan_words *x, found f)
{
    const token_list *t = x->t;
    if (f.object) {   /* no more than maybe a place: it links nothing */
        GROW(*fs, *cap, *n);
        (*fs)[(*n)++] = f;
        return;
    }
    size_t j = *n;
    while (j > 0 && ((*fs)[j - 1].context || (*fs)[j - 1].object)) j--;
    if (j) f.link = link_between(x, (*fs)[j - 1].last, f.first, *fs + j, *n - j);
    f.facility = facility_at(x, f.first, f.last);
    f.owner = t->t[f.last].flags & TF_POSS;
    if (j) f.in_link = linked_by_in(x, (*fs)[j - 1].last, f.first, f.facility);
    f.head = f.link != LINK_NONE && f.first >= 2 &&
             (norm_is(t, f.first - 1, "OF") || norm_is(t, f.first - 1, ",")) &&
             (word_in(x, f.first - 2, S_SITE) || norm_is(t, f.first - 2, "CAPITAL"));
    f.site = site_breadth(x, f.first, f.last, f.s != NULL);
    GROW(*fs, *cap, *n);
    (*fs)[(*n)++] = f;
}

/* A name the gazetteer lacks at token i (its end to *last): a settlement or site named as such, the
   place of "an attack on X", or maybe a verb's object. Returns whether its words are taken (not when
   a common word starts it: "North Vietnam", "Western Beqaa" may hold a place of their own). */
static bool add_unknown(found **fs, size_t *n, size_t *cap, const scan_words *x, int i, int *last, bool weak)
{
    const token_list *t = x->t;
    if (!name_run(x, i, last)) return false;
    found f = {.first = i, .last = *last, .at = {t->t[i].start, t->t[*last].end}, .expanse = word_in(x, i, S_EXPANSE)};
    if (settlement_context(x, i, *last)) {
        f.cued = true;
    } else if (!attacked_context(x, i)) {
        if (!(f.lead_end = lead_word_end(t, i))) return false;
        f.object = true;
        f.site = -1;
        add_found(fs, n, cap, x, f);
        return !weak && !word_in(x, i, S_COMMON);
    }
    f.bias = bias_of(x, i, *last, false);   /* only for a name kept: most are not */
    add_found(fs, n, cap, x, f);
    return true;
}

/* A known place's name with a site noun names a site there (f->site_name): a capitalised one joins the
   name ("the Panorama Checkpoint", "Deir Ezzor International Airport"), a lower-case one names it as a
   place ("the Aziziyah district"; but "the North Kivu province governor" names a division only to say
   whose governor). Not a country's: "the U.S. Embassy" is an institution of it. */
static void name_site(const gazetteer *g, const scan_words *x, found *f)
{
    const token_list *t = x->t;
    bool country = true;
    for (uint32_t c = 0; c < f->s->count && country; c++) country = g->kind[g->cand[f->s->first + c]] == GZ_COUNTRY;
    if (country) return;
    int k = f->last + 1;
    while (k < (int)t->n && k - f->last <= 2 && is_cap(t, k) && !word_in(x, k, S_SITE)) k++;
    if (k < (int)t->n && is_cap(t, k) && word_in(x, k, S_SITE) &&
        !word_in(x, k, S_DIVISION) && !word_in(x, k, S_TOWN)) {
        while (k + 1 < (int)t->n && is_cap(t, k + 1) && word_in(x, k + 1, S_SITE)) k++;
        f->last = k;
        f->site_name = f->cued = true;
    } else if ((k = site_after(x, f->last, true)) >= 0) {
        f->site_name = true;
        f->cued |= !word_in(x, k, S_DIVISION) || is_cap(t, f->last + 1);
    }
}

/* Scan tokens for names; fills *fs from its start and returns how many. *fs (*fs_cap found, the caller's:
   grown here, freed by the caller) and `key` are scratch kept from sentence to sentence: one allocation a
   story, not one a sentence. `nc` as for longest_at. */
/* The small towns' names a story used as the start of a longer name ("Dome Petroleum Ltd"): later alone
   ("Dome said") they still name it, not the town (one sense per story). */
typedef struct {
    uint32_t hash[16];   /* token hashes; a story names few such */
    size_t n;
} name_words;

static bool named_before(const name_words *nw, uint32_t h)
{
    for (size_t k = 0; nw && k < nw->n; k++)
        if (nw->hash[k] == h) return true;
    return false;
}

static void remember_name(name_words *nw, uint32_t h)
{
    if (nw && nw->n < sizeof nw->hash / sizeof *nw->hash && !named_before(nw, h)) nw->hash[nw->n++] = h;
}

/* Is the one-word name at token i, which the gazetteer knows (s), no place here? A common word not right
   after a locative ("in Reading", but not "Reading said" or "in Borno State"); a small town's name that
   starts a longer name, is a speaker, or was a longer name's start earlier in the story; an acronym or a
   code; a continent or a sea. */
static bool one_word_no_place(const gazetteer *g, const gz_slot *s, const scan_words *x, int i, name_words *nw)
{
    const token_list *t = x->t;
    bool right_after = i > 0 && word_in(x, i - 1, S_LOCATIVE);
    /* a common word that starts a longer name is that name's, not a town ("near Tal Dakwah") */
    bool longer = i + 1 < (int)t->n && is_cap(t, i + 1) && !word_in(x, i + 1, S_NEVER);
    if ((!right_after || longer) && word_in(x, i, S_COMMON)) return true;
    if (small_towns_only(g, s)) {
        if (longer && !site_in_run(x, i + 1)) {
            remember_name(nw, t->t[i].hash);
            return true;
        }
        if (speaker(x, i, right_after) || (!right_after && named_before(nw, t->t[i].hash))) return true;
    }
    if ((acronym(t, i) || dotted_code(t, i)) && !names_country(g, s)) return true;
    return word_in(x, i, S_EXPANSE);
}

static size_t scan(const gazetteer *g, const token_list *t, found **fs, size_t *fs_cap, strbuf *key, noname_cache *nc,
                   name_words *nw)
{
    pthread_once(&sets_once, sort_sets);
    size_t n = 0, cap = *fs_cap;
    uint32_t on_stack[256];   /* most sentences' words' sets; a longer one's are allocated */
    scan_words words = {t, t->n <= 256 ? on_stack : xmalloc(t->n * sizeof *words.sets)};
    memset(words.sets, 0, t->n * sizeof *words.sets);
    const scan_words *x = &words;
    for (int i = 0; i < (int)t->n; i++) {
        /* most tokens are lower-case words or punctuation: is_cap's first tests, in a tight loop */
        while (i < (int)t->n && !cap_candidate(t, i)) i++;
        if (i == (int)t->n) break;
        if (!is_cap(t, i) || word_in(x, i, S_NEVER)) continue;
        int last = i;
        const gz_slot *s = is_word(t, i) ? longest_at(g, t, i, &last, key, nc) : NULL;
        bool weak = false;   /* a common word, a place only in a longer name */
        if (s && only_context(g, s)) {
            GROW(*fs, cap, n);
            (*fs)[n++] = (found){.s = s, .first = i, .last = last, .at = {t->t[i].start, t->t[last].end}, .context = true,
                                 .site = -1};
            i = last;
            continue;
        }
        bool cue = s && cued_at(x, i);   /* only a known name's mention reads it */
        if (s) {
            if (last == i && one_word_no_place(g, s, x, i, nw)) {
                s = NULL;
                weak = true;
            } else if (last == i && word_in(x, i, S_BODY)) {
                continue;   /* "the Northern Alliance" */
            } else if ((last + 1 < (int)t->n && norm_is(t, last + 1, "TIME")) ||   /* "Damascus Time" */
                       (!cue && person_before(g, x, i, key))) {
                i = last;
                continue;
            }
        }
        if (!s) {
            /* not a known place: a settlement named as such still says where, to its country */
            if (add_unknown(fs, &n, &cap, x, i, &last, weak)) i = last;
            continue;
        }
        found f = {.s = s, .qual = qualifier_after(g, t, last, key, nc), .first = i, .last = last, .cued = cue,
                   .bias = bias_of(x, i, last, true), .lead_end = lead_word_end(t, i)};
        name_site(g, x, &f);
        f.at = (span){t->t[i].start, t->t[f.last].end};
        add_found(fs, &n, &cap, x, f);
        i = f.last;
    }
    if (words.sets != on_stack) free(words.sets);
    *fs_cap = cap;
    return n;
}

static int breadth(const found *f, const place *p);

static void add_mention(place_list *out, const found *f, const place *p, int sentence)
{
    GROW(out->m, out->cap, out->n);
    out->m[out->n++] = (place_mention){f->at, p, f->first, f->last, sentence, f->cued, f->s == NULL, f->bias,
                                       (int8_t)breadth(f, p), f->lead_end, f->expanse};
}

/* Resolve every found name (fs[i] in sentence sent[i], in sentence order): known names by resolve(), then
   settlements the gazetteer lacks to the country of the nearest known place in their sentence, else the
   story's first country, else the dateline's. res[i] is NULL when nothing tells. */
static void resolve_all(const gazetteer *g, found *fs, const int *sent, size_t n, const place *dateline,
                        const story_ctx *cx, const place **res)
{
    for (size_t i = 0; i < n; i++) {
        res[i] = fs[i].s ? &g->p[resolve(g, &fs[i], dateline, cx)] : NULL;
        /* a site named after a place of another country than the story's is no more than its name
           ("the Panorama Checkpoint" near Deir Ezzor is no Greek town's) */
        if (res[i] && fs[i].site_name && cx->ncountry && !in_context(res[i]->country, cx->country, cx->ncountry)) {
            fs[i].s = NULL;
            res[i] = NULL;
        }
    }
    const char *last_c = NULL;   /* the country last looked up (gz_country), and its place: most are the same */
    const place *last_p = NULL;
    for (size_t i = 0; i < n; i++) {
        if (fs[i].s || fs[i].expanse) continue;
        const place *near = NULL;
        int best = 1 << 30;
        /* the names of fs[i]'s sentence: sent[] never decreases (the names come in sentence order), so they
           are the run around i, walked in the same order as all of fs[] was (n times n on a long story) */
        size_t a = i, b = i + 1;
        while (a > 0 && sent[a - 1] == sent[i]) a--;
        while (b < n && sent[b] == sent[i]) b++;
        for (size_t j = a; j < b; j++) {
            int d = abs(fs[j].first - fs[i].first);
            if (fs[j].s && d < best) { best = d; near = res[j]; }
        }
        const char *c = near ? near->country : cx->ncountry ? cx->country[0] : dateline ? dateline->country : NULL;
        if (c && !(last_c && !memcmp(c, last_c, 3))) last_c = c, last_p = gz_country(g, c);
        res[i] = c ? last_p : NULL;
    }
}

void where_find(const gazetteer *g, const char *text, const token_list *tokens, const place *dateline,
                const char *const *context, size_t ncontext, place_list *out)
{
    if (!g || !tokens->n) return;
    found *fs = NULL;
    size_t fs_cap = 0;
    strbuf key;
    sb_init(&key);
    size_t n = scan(g, tokens, &fs, &fs_cap, &key, NULL, NULL);
    sb_free(&key);
    story_ctx cx = {.ncountry = 0};
    for (size_t i = 0; i < ncontext && cx.ncountry < 32; i++) cx.country[cx.ncountry++] = context[i];
    const place **res = xcalloc(n + 1, sizeof *res);
    int *sent = xcalloc(n + 1, sizeof *sent);
    resolve_all(g, fs, sent, n, dateline, &cx, res);
    for (size_t i = 0; i < n; i++)
        if (res[i] && !fs[i].context && !fs[i].object) add_mention(out, &fs[i], res[i], 0);
    free(res);
    free(sent);
    free(fs);
}

/* where_dateline with the caller's token list and key buffer (where_story: one allocation a thread). */
static const place *dateline_with(const gazetteer *g, const char *text, size_t len, span *at, token_list *t, strbuf *key)
{
    size_t place_end = 0;
    if (!g || !dateline_end(text, len, &place_end) || !place_end) return NULL;
    size_t start = 0;
    while (start < place_end && is_space(text[start])) start++;
    tokenize(text, (span){(uint32_t)start, (uint32_t)place_end}, t);
    const place *p = NULL;
    int last = 0;
    const gz_slot *s = t->n ? longest_at(g, t, 0, &last, key, NULL) : NULL;
    if (s && last + 1 == (int)t->n) {
        /* a dateline names a city: among same-named places, cities and capitals come first */
        uint32_t best = g->cand[s->first];
        double best_score = -1e9;
        for (uint32_t k = 0; k < s->count && k < MAX_CAND; k++) {
            uint32_t c = g->cand[s->first + k];
            double score = prior(g, c) + (g->kind[c] == GZ_CITY || g->kind[c] == GZ_CAPITAL ? 4 : 0);
            if (score > best_score) { best_score = score; best = c; }
        }
        p = &g->p[best];
        if (at) *at = (span){t->t[0].start, t->t[t->n - 1].end};
    }
    return p;
}

const place *where_dateline(const gazetteer *g, const char *text, size_t len, span *at)
{
    token_list t = {0};
    strbuf key;
    sb_init(&key);
    const place *p = dateline_with(g, text, len, at, &t, &key);
    sb_free(&key);
    token_list_free(&t);
    return p;
}

void place_list_free(place_list *l)
{
    free(l->m);
    *l = (place_list){0};
}

/* The countries and divisions a story names: those of its mentions that are countries, divisions or
   regions once resolved without context ("Ontario" the province, not the Californian city), and the
   countries of names of places in one country only. */
static void story_context(const gazetteer *g, const found *fs, size_t n, story_ctx *cx)
{
    for (size_t i = 0; i < n; i++) {
        const gz_slot *s = fs[i].s;
        if (!s || fs[i].site_name) continue;   /* a site's name tells less than the story's places */
        uint32_t r = resolve(g, &fs[i], NULL, NULL);
        const char *c = g->p[r].country;
        bool one = g->kind[r] == GZ_COUNTRY || g->kind[r] == GZ_ADMIN1 || g->kind[r] == GZ_REGION || g->kind[r] == GZ_CONTEXT;
        if (g->kind[r] == GZ_ADMIN1 && cx->nadmin1 < 32) cx->admin1[cx->nadmin1++] = &g->p[r];
        if (!one) {
            one = true;
            for (uint32_t k = 1; k < s->count && one; k++) one = !memcmp(g->p[g->cand[s->first + k]].country, c, 3);
        }
        if (one && cx->ncountry < 32 && !in_context(c, cx->country, cx->ncountry)) cx->country[cx->ncountry++] = c;
    }
}


/* How broad a found name is: 0 a settlement or site the gazetteer lacks (or its site noun's breadth:
   "Zafaraniyah district" 1), 1 a city, 2 a division, 3 a country, or broader if its noun says so ("Hama
   province"). */
static int breadth(const found *f, const place *p)
{
    if (!f->s || !p) return f->site >= 0 ? f->site : 0;
    int known = p->precision == PLACE_COUNTRY ? 3 : p->precision == PLACE_ADMIN1 ? 2 : 1;
    return f->site > known ? f->site : known;   /* "the Kashmir area" is no narrower than Kashmir */
}

/* Is a named as the surroundings of b after it, "<a> <noun> of <b>": "the West Bank city of Nablus",
   "the Algiers suburb of Oued Kniss" (a known and broader), not "the Saidiyah district of Baghdad"? */
static bool heads(const found *a, const place *pa, const found *b, const place *pb)
{
    if (!b->head || !a->s || !pa) return false;
    if (!b->s || !pb) return true;
    int ba = pa->precision == PLACE_COUNTRY ? 3 : pa->precision == PLACE_ADMIN1 ? 2 : 1;
    int bb = pb->precision == PLACE_COUNTRY ? 3 : pb->precision == PLACE_ADMIN1 ? 2 : 1;
    return ba > bb;
}

/* Is b (the place name after a) named as a's surroundings: "Saidiyah district of Baghdad", "Rawiya
   village near the city of Sere Kaniye" (as broad or broader), "Karachi, Pakistan", "Mallawi, 260
   kilometers south of Cairo" (broader)? */
static bool is_container(const found *a, const place *pa, const found *b, const place *pb)
{
    if (b->link == LINK_NONE || a->context || b->context || heads(a, pa, b, pb)) return false;
    int ba = breadth(a, pa), bb = breadth(b, pb);
    return b->link == LINK_WORD ? bb >= ba : bb > ba;
}

/* Is a a street or a building named as standing in b, a place no broader than a division: "al-Qanat
   Street in eastern Baghdad" (the event's place is b's, for news)? */
static bool facility_in(const found *a, const found *b, const place *pb)
{
    return a->facility && !b->facility && b->in_link && !a->context && !b->context && (!pb || pb->precision != PLACE_COUNTRY);
}

void where_story(const gazetteer *g, const char *text, size_t len, const span *sents, size_t nsents,
                 const bool *want, story_places *out)
{
    where_story_tokens(g, text, len, sents, nsents, want, NULL, out);
}

/* A story_places' buffers of the place stage's own (story_places.scratch), kept from story to story when
   the caller passes the same story_places again. */
struct where_scratch {
    found *all, *fs;           /* the story's names; a sentence's */
    size_t all_cap, fs_cap;
    int *sent_of;
    size_t sent_cap;
    const place **res;
    size_t res_cap;
    strbuf key;
};

static struct where_scratch *scratch_of(story_places *out)
{
    if (!out->scratch) {
        out->scratch = xcalloc(1, sizeof *out->scratch);
        sb_init(&out->scratch->key);
    }
    return out->scratch;
}

void where_story_tokens(const gazetteer *g, const char *text, size_t len, const span *sents, size_t nsents,
                        const bool *want, const token_list *const *tokens, story_places *out)
{
    out->g = g;
    out->mentions.n = 0;
    out->unplaced.n = 0;
    out->objects.n = 0;
    out->dateline_at = (span){0, 0};
    if (!g) {
        out->dateline = NULL;
        return;
    }
    struct where_scratch *w = scratch_of(out);
    out->dateline = dateline_with(g, text, len, &out->dateline_at, &out->tokens, &w->key);
    size_t nall = 0;
    /* the built-in gazetteer's words that start no name, remembered from story to story (noname_cache) */
    noname_cache *nc = g == gazetteer_default() ? noname_of_thread() : NULL;
    name_words nw = {.n = 0};
    for (size_t s = 0; s < nsents; s++) {
        if (want && !want[s]) continue;
        const token_list *tl = tokens && tokens[s] ? tokens[s] : &out->tokens;
        if (tl == &out->tokens) tokenize(text, sents[s], &out->tokens);
        size_t n = scan(g, tl, &w->fs, &w->fs_cap, &w->key, nc, &nw);
        for (size_t i = 0; i < n; i++) {
            GROW(w->all, w->all_cap, nall);
            GROW(w->sent_of, w->sent_cap, nall);
            w->sent_of[nall] = (int)s;
            w->all[nall++] = w->fs[i];
        }
    }
    found *all = w->all;
    const int *sent_of = w->sent_of;
    GROW(w->res, w->res_cap, nall);
    const place **res = w->res;
    story_ctx cx = {.ncountry = 0};
    story_context(g, all, nall, &cx);
    resolve_all(g, all, sent_of, nall, out->dateline, &cx, res);
    for (size_t i = 0, prev = SIZE_MAX; i < nall; i++) {
        if (all[i].context || all[i].object) continue;
        if (prev != SIZE_MAX && sent_of[prev] == sent_of[i]) {
            /* "in Pakistan's largest city, Karachi": a name linked to one after "in" is after it too */
            if (all[i].link != LINK_NONE && all[prev].cued) all[i].cued = true;
            if (facility_in(&all[prev], &all[i], res[i])) all[prev].bias += FACILITY_BIAS;
            else if (all[i].facility && all[i].in_link && res[prev] && res[prev]->precision != PLACE_COUNTRY &&
                     all[prev].owner) {
                all[i].bias += FACILITY_BIAS;
                all[prev].cued |= all[i].cued;   /* "down Tbilisi's central Rustaveli Avenue": as placed as it */
            }
            else if (is_container(&all[prev], res[prev], &all[i], res[i])) {
                all[i].bias += CONTAINER_BIAS;
                /* "between Tabit and El Fasher, capital of North Darfur": what the cued container holds is placed too */
                all[prev].cued |= all[i].cued && all[i].link == LINK_COMMA;
            }
            else if (heads(&all[prev], res[prev], &all[i], res[i])) all[prev].bias += CONTAINER_BIAS;
        }
        prev = i;
    }
    for (size_t i = 0; i < nall; i++) {
        if (all[i].context) continue;
        if (all[i].object) add_mention(&out->objects, &all[i], res[i], sent_of[i]);
        else if (res[i]) add_mention(&out->mentions, &all[i], res[i], sent_of[i]);
        else if (!all[i].s) add_mention(&out->unplaced, &all[i], NULL, sent_of[i]);
    }
}

static bool overlaps(span a, span b) { return a.end > a.start && b.end > b.start && a.start < b.end && b.start < a.end; }

/* How far a mention is from the verb, in bytes: places after the verb are the usual case ("clashed ... in
   Aleppo"), and the narrower place beats the broader one named beside it: a city the country or province
   ("in Iraq's northern capital of Mosul", "in Hama province, in the town of Souran"), a village or a
   site the city ("in the countryside of Hama, targeting the village of Souran"). */
static double distance(const place_mention *m, span verb)
{
    /* before the verb counts little more than after: a verb that closes its sentence ("..., a police
       source said") has every place before it, and the narrower one still names where (evloc: right
       2103 -> 2106, wrong 446 -> 435 against 1.5 and {0, 40, 70, 100}) */
    static const double breadth_bytes[] = {0, 50, 80, 120};
    double d = m->at.start >= verb.end ? m->at.start - verb.end
                                       : 1.2 * (verb.start > m->at.end ? verb.start - m->at.end : 0);
    return d + m->bias + breadth_bytes[m->breadth >= 0 && m->breadth <= 3 ? m->breadth : 0];
}

/* The country an event's actors name ("SYRMIL" -> Syria), for a settlement nothing else places; NULL if none. */
static const place *actor_country(const story_places *sp, const event *e)
{
    const place *p = NULL;
    if (sp->g && strlen(e->source) >= 3) p = gz_country(sp->g, e->source);
    if (!p && sp->g && strlen(e->target) >= 3) p = gz_country(sp->g, e->target);
    return p;
}

/* The nearest mention of one tier (event_mentions) so far: the first of the nearest, in the mentions' order. */
typedef struct {
    const place_mention *m;
    double d;
} nearest;

static void keep_nearer(nearest *n, const place_mention *m, double d)
{
    if (!n->m || d < n->d) n->m = m, n->d = d;
}

static bool takes_place_object(const char *code);

/* Weigh mention m for event e in each tier it is of (event_mentions). */
static void weigh(const place_mention *m, const event *e, nearest tier[3])
{
    if (m->sentence + 1 != e->sentence) return;   /* most of the story's mentions */
    /* the object of the verb counts as named after a locative word: "patrolled Goma" */
    bool cued = m->cued || (m->lead_end && m->lead_end == e->verb_span.end && takes_place_object(e->code));
    double d = distance(m, e->verb_span);
    if (cued) {
        keep_nearer(&tier[0], m, d);
        return;
    }
    if (!overlaps(m->at, e->source_span)) keep_nearer(&tier[1], m, d);
    keep_nearer(&tier[2], m, d);
}

/* Does an event of this CAMEO code act on a place named as its verb's object ("entered Jarabulus",
   "shelled Kafr Nabl", "patrolled Korangi")? Fighting (19), occupying (192), patrolling and
   showing force (15), seizing or destroying property (171), bombing (183). */
static bool takes_place_object(const char *code)
{
    return !strncmp(code, "19", 2) || !strncmp(code, "15", 2) || !strncmp(code, "171", 3) || !strcmp(code, "183");
}

/* The object of e's verb among the capitalised words the gazetteer lacks (found.object), if e's code
   takes a place there and the coder did not make it e's target. */
static const place_mention *verb_object(const story_places *sp, const event *e)
{
    if (!sp->objects.n || !takes_place_object(e->code)) return NULL;
    for (size_t i = 0; i < sp->objects.n; i++) {
        const place_mention *m = &sp->objects.m[i];
        if (m->sentence + 1 == e->sentence && m->lead_end == e->verb_span.end &&
            !overlaps(m->at, e->target_span) && !overlaps(m->at, e->source_span))
            return m;
    }
    return NULL;
}

/* The mentions in e's sentence that may name where e happened, nearest the verb, by tiers (the first
   tier that has one wins): 0, after a locative word ("in", "near", "north of"); 1, any other but the
   source actor's words ("shelled Aleppo"); 2, the source's own words too: a city standing for its
   government or people names where they act ("Beijing said", "a Baghdad restaurant was bombed").
   Settlements nothing placed count too. One pass weighs the three (a pass a tier, as it was: where_locate
   18.7 M instructions on Reuters, 10.4 M now). */
static void event_mentions(const story_places *sp, const event *e, nearest tier[3])
{
    for (size_t i = 0; i < sp->mentions.n; i++) weigh(&sp->mentions.m[i], e, tier);
    for (size_t i = 0; i < sp->unplaced.n; i++) weigh(&sp->unplaced.m[i], e, tier);
}

/* The place of a settlement nothing places, not even the event's actors: its words are all that is
   known ("the village of Mainok"): no name beyond them, no country, no coordinates. */
static const place unplaced_place = {.name = NULL, .country = "", .admin1 = NULL, .lat = NAN, .lon = NAN, .precision = 0};

void where_locate(const story_places *sp, event *e)
{
    e->location = NULL;
    e->location_span = (span){0, 0};
    nearest tier[3] = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
    event_mentions(sp, e, tier);
    const place_mention *m = tier[0].m;
    if (!m) m = verb_object(sp, e);
    for (int k = 1; k < 3 && !m; k++) m = tier[k].m;
    if (m) {
        /* the actors' country only for a mention nothing placed (unplaced or objects) */
        const place *actors = !m->p && !m->no_country ? actor_country(sp, e) : NULL;
        e->location = m->p ? m->p : actors ? actors : &unplaced_place;
        e->location_span = m->at;
    } else if (sp->dateline) {
        e->location = sp->dateline;
        e->location_span = sp->dateline_at;
    }
}

void story_places_keep(story_places *sp)
{
    /* one story with thousands of names must not leave its memory with the thread that coded it */
    enum { KEEP_NAMES = 1024, KEEP_TOKENS = 16384 };
    const struct where_scratch *w = sp->scratch;
    if (sp->mentions.cap > KEEP_NAMES || sp->unplaced.cap > KEEP_NAMES || sp->objects.cap > KEEP_NAMES ||
        sp->tokens.cap > KEEP_TOKENS || (w && (w->all_cap > KEEP_NAMES || w->fs_cap > KEEP_NAMES)))
        story_places_free(sp);
}

void story_places_free(story_places *sp)
{
    if (sp->scratch) {
        free(sp->scratch->all);
        free(sp->scratch->fs);
        free(sp->scratch->sent_of);
        free(sp->scratch->res);
        sb_free(&sp->scratch->key);
        free(sp->scratch);
        sp->scratch = NULL;
    }
    place_list_free(&sp->mentions);
    place_list_free(&sp->unplaced);
    place_list_free(&sp->objects);
    token_list_free(&sp->tokens);
}

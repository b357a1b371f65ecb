/* test_where.c — unit tests for src/where: the gazetteer, place mentions, disambiguation, event places. */
#include "check.h"
#include "where/where.h"
#include "where/where_internal.h"
#include "base/embedded.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A one-story harness: the story's sentences as dyad splits them (dateline apart), its places, and
   one event whose verb is the first occurrence of `verb` in `text`. */
typedef struct {
    story_places sp;
    event e;
    const char *text;
    char got[128];          /* the location's words in the text */
} located;

/* As locate, the event's source actor coded `source` ("SYRMIL"; NULL: none) and its CAMEO code `code`
   (NULL: none). */
static const place *locate_by(located *L, const gazetteer *g, const char *text, const char *verb, const char *source,
                              const char *code);

static const place *locate(located *L, const gazetteer *g, const char *text, const char *verb)
{
    return locate_by(L, g, text, verb, NULL, NULL);
}

static const place *locate_by(located *L, const gazetteer *g, const char *text, const char *verb, const char *source,
                              const char *code)
{
    memset(L, 0, sizeof *L);
    snprintf(L->e.code, sizeof L->e.code, "%s", code ? code : "");
    snprintf(L->e.source, sizeof L->e.source, "%s", source ? source : "---");
    snprintf(L->e.target, sizeof L->e.target, "---");
    L->text = text;
    size_t len = strlen(text), skip = dateline_end(text, len, NULL);
    span *sents;
    size_t n = split_sentences(text + skip, len - skip, &sents);
    for (size_t i = 0; i < n; i++) { sents[i].start += (uint32_t)skip; sents[i].end += (uint32_t)skip; }
    where_story(g, text, len, sents, n, NULL, &L->sp);
    const char *v = strstr(text, verb);
    L->e.verb_span = (span){(uint32_t)(v - text), (uint32_t)(v - text + strlen(verb))};
    for (size_t i = 0; i < n; i++)
        if (L->e.verb_span.start >= sents[i].start && L->e.verb_span.start < sents[i].end) L->e.sentence = (int)i + 1;
    free(sents);
    where_locate(&L->sp, &L->e);
    span at = L->e.location_span;
    snprintf(L->got, sizeof L->got, "%.*s", (int)(at.end - at.start), text + at.start);
    story_places_free(&L->sp);
    return L->e.location;
}

/* The event's place is in `country` and named by the words `words` (NULL country: no place at all). */
static void expect(const gazetteer *g, const char *text, const char *verb, const char *country, const char *words)
{
    located L;
    const place *p = locate(&L, g, text, verb);
    check_current = text;
    if (!country) {
        CHECK(p == NULL);
        return;
    }
    CHECK(p != NULL);
    if (!p) return;
    CHECK_STR(p->country, country);
    if (words) CHECK_STR(L.got, words);
}

static void test_issue_examples(void)
{
    const gazetteer *g = gazetteer_default();
    CHECK(g != NULL);
    located L;
    const place *p = locate(&L, g, "Putin held talks with Xi on the sidelines of the G20 summit in Osaka.", "held");
    CHECK(p && !strcmp(p->country, "JPN") && p->precision == PLACE_CITY);
    CHECK_STR(L.got, "Osaka");
    p = locate(&L, g, "The minister said he had a meeting with his counterpart in Geneva.", "meeting");
    CHECK(p && !strcmp(p->country, "CHE"));
    CHECK(p && fabs(p->lat - 46.20) < 0.02 && fabs(p->lon - 6.14) < 0.02);
    CHECK_STR(L.got, "Geneva");
    /* Paris, France vs Paris, Texas: the qualifier, then the story's other places */
    expect(g, "Police arrested 20 protesters in Paris, Texas, on Friday.", "arrested", "USA", "Paris");
    expect(g, "Police arrested 20 protesters in Paris, France, on Friday.", "arrested", "FRA", "Paris");
    expect(g, "Police arrested 20 protesters in Paris on Friday.", "arrested", "FRA", "Paris");
    expect(g, "Storms hit Lamar County in Texas. Police later arrested looters in Paris.", "arrested", "USA", "Paris");
    /* the dateline when the sentence names no place; its bytes are the location's text */
    expect(g, "GENEVA (Reuters) - The minister criticised the plan on Friday.", "criticised", "CHE", "GENEVA");
    expect(g, "WASHINGTON (Reuters) - The senator criticised the plan.", "criticised", "USA", "WASHINGTON");
    /* no place, no dateline */
    expect(g, "The minister criticised the plan on Friday.", "criticised", NULL, NULL);
}

static void test_cues(void)
{
    const gazetteer *g = gazetteer_default();
    expect(g, "Russian troops shelled Ukrainian positions near Kharkiv.", "shelled", "UKR", "Kharkiv");
    expect(g, "A car bomb exploded outside Kabul on Sunday.", "exploded", "AFG", "Kabul");
    expect(g, "Rebels attacked an army post in the southern city of Aleppo.", "attacked", "SYR", "Aleppo");
    expect(g, "A bomb killed five people 20 km north of Baghdad.", "killed", "IRQ", "Baghdad");
    expect(g, "Two soldiers were killed in Iraq's northern city of Mosul.", "killed", "IRQ", "Mosul");
    expect(g, "Troops clashed with rebels in Homs before talks in Damascus.", "clashed", "SYR", "Homs");
    expect(g, "Officials met at Buenos Aires on Monday.", "met", "ARG", "Buenos Aires");
    expect(g, "Thousands marched through central London on Monday.", "marched", "GBR", "London");
    expect(g, "The president arrived in New Delhi for talks.", "arrived", "IND", "New Delhi");
    expect(g, "Demonstrators gathered in New York.", "gathered", "USA", "New York");
    expect(g, "Gunmen opened fire in Rio de Janeiro.", "opened", "BRA", "Rio de Janeiro");
    expect(g, "Fighting broke out in Syria on Tuesday.", "broke", "SYR", "Syria");
    expect(g, "Israeli troops raided homes in the West Bank.", "raided", "PSE", "West Bank");
}

static void test_names(void)
{
    const gazetteer *g = gazetteer_default();
    /* exonyms, transliterations, accents */
    expect(g, "Protesters gathered in Kiev.", "gathered", "UKR", "Kiev");
    expect(g, "Protesters gathered in Kyiv.", "gathered", "UKR", "Kyiv");
    expect(g, "Air strikes hit targets in Raqqa.", "hit", "SYR", "Raqqa");
    expect(g, "Shells fell in Deir Ezzor.", "fell", "SYR", "Deir Ezzor");
    expect(g, "Government forces attacked Daraya.", "attacked", "SYR", "Daraya");
    expect(g, "Bankers met in Zürich.", "met", "CHE", "Zürich");
    expect(g, "Bankers met in Zurich.", "met", "CHE", "Zurich");
    expect(g, "Workers struck in São Paulo.", "struck", "BRA", "São Paulo");
    expect(g, "Workers struck in Sao Paulo.", "struck", "BRA", "Sao Paulo");
    expect(g, "Troops were deployed in Ivory Coast.", "deployed", "CIV", "Ivory Coast");
    expect(g, "Troops were deployed in Burma.", "deployed", "MMR", "Burma");
    expect(g, "Police detained activists in Turkey.", "detained", "TUR", "Turkey");
    /* possessives keep the place */
    expect(g, "A bomb exploded in Baghdad's main market.", "exploded", "IRQ", NULL);
}

static void test_not_places(void)
{
    const gazetteer *g = gazetteer_default();
    /* common words that are also towns, unless right after a locative word */
    expect(g, "Mobile phone networks failed on Friday.", "failed", NULL, NULL);
    expect(g, "Reading the statement, the minister criticised the plan.", "criticised", NULL, NULL);
    expect(g, "It was a Nice gesture, the minister said.", "said", NULL, NULL);
    expect(g, "Students protested in Reading.", "protested", "GBR", "Reading");
    expect(g, "Tourists were attacked in Nice.", "attacked", "FRA", "Nice");
    /* people named like towns */
    expect(g, "President Jackson criticised the plan.", "criticised", NULL, NULL);
    expect(g, "Mr. Paris criticised the plan.", "criticised", NULL, NULL);
    expect(g, "Former president Bill Clinton criticised the plan.", "criticised", NULL, NULL);
    /* lower-case words never start a place */
    expect(g, "The victory was a nice surprise for the troops, who attacked at dawn.", "attacked", NULL, NULL);
}

static void test_choice(void)
{
    const gazetteer *g = gazetteer_default();
    /* the sentence of the event, not another one */
    expect(g, "Rebels attacked a convoy. Later, officials met in Geneva.", "attacked", NULL, NULL);
    /* the place in the verb's sentence beats the dateline */
    expect(g, "GENEVA (Reuters) - Rebels attacked a convoy near Kharkiv.", "attacked", "UKR", "Kharkiv");
    /* a city before a country named in the same breath */
    expect(g, "Soldiers were killed in a bomb attack in Iraq, in the city of Kirkuk.", "killed", "IRQ", "Kirkuk");
    /* a city standing for its government still says where */
    expect(g, "The Beijing office of the group was raided.", "raided", "CHN", "Beijing");
}

static void test_unresolved(void)
{
    const gazetteer *g = gazetteer_default();
    /* settlements the gazetteer lacks: their words, located to the country around them */
    expect(g, "Rebels captured the village of Bamut in Chechnya.", "captured", "RUS", "Bamut");
    expect(g, "A bomb exploded in the town of al-Wafa west of Ramadi.", "exploded", "IRQ", "al-Wafa");
    expect(g, "A bomb exploded in Saidiyah district of Baghdad.", "exploded", "IRQ", "Saidiyah");
    expect(g, "Syrian troops shelled rebels in Syria. Rebels later attacked the village of Kinsibba.", "attacked",
           "SYR", "Kinsibba");
    /* a possessive names the container: the district is the place */
    expect(g, "A car bomb detonated near a convoy in Baghdad's southern district of Saiydiah.", "detonated", "IRQ",
           "Saiydiah");
    /* "Abu" alone is no place, but starts a settlement's name */
    expect(g, "Troops liberated the village of Abu Allaj in western Raqqa.", "liberated", "SYR", "Abu Allaj");
    located L;
    const place *p = locate(&L, g, "Rebels captured the village of Bamut in Chechnya.", "captured");
    CHECK(p && p->precision == PLACE_COUNTRY);
    /* a demonym tells the country, and is no place itself */
    expect(g, "Syrian troops shelled the village of Kinsibba.", "shelled", "SYR", "Kinsibba");
    expect(g, "Syrian troops shelled rebel positions.", "shelled", NULL, NULL);
    expect(g, "Iraqi police were attacked in Saidiyah district.", "attacked", "IRQ", "Saidiyah");
    /* nothing tells which country: a place of its words alone, no country, no coordinates */
    expect(g, "Rebels captured the village of Bamut.", "captured", "", "Bamut");
    p = locate(&L, g, "Rebels captured the village of Bamut.", "captured");
    CHECK(p && p->name == NULL && p->precision == 0 && isnan(p->lat) && isnan(p->lon));
    /* months and agencies are never places, even after "in" */
    expect(g, "Talks were held in March.", "held", NULL, NULL);
    expect(g, "Talks were held in May, Xinhua reported.", "held", NULL, NULL);
}

static void test_dateline(void)
{
    const gazetteer *g = gazetteer_default();
    const char *t = "KYIV (Reuters) - Russian troops attacked.";
    span at = {0, 0};
    const place *p = where_dateline(g, t, strlen(t), &at);
    CHECK(p && !strcmp(p->country, "UKR"));
    CHECK_INT(at.start, 0);
    CHECK_INT(at.end, 4);
    t = "PORT-AU-PRINCE, March 4 (Reuters) - Police fired tear gas.";
    p = where_dateline(g, t, strlen(t), &at);
    CHECK(p && !strcmp(p->country, "HTI"));
    t = "EXCLUSIVE - The plan was criticised.";
    CHECK(where_dateline(g, t, strlen(t), NULL) == NULL);
    t = "No dateline here.";
    CHECK(where_dateline(g, t, strlen(t), NULL) == NULL);
}

static void test_gazetteer(void)
{
    const gazetteer *g = gazetteer_default();
    CHECK(g == gazetteer_default());   /* loaded once */
    CHECK(gazetteer_size(g) > 35000);
    /* a small table of its own: population decides, context overrides, bad lines are skipped */
    const char *tsv =
        "# name\tascii\talternates\tcountry\tadmin1\tlat\tlon\tpopulation\ttype\n"
        "Springfield\t\t\tUSA\tIllinois\t39.80\t-89.64\t114000\tcity\n"
        "Springfield\t\tSpringfield Town\tAUS\tQueensland\t-27.65\t152.90\t20000\tcity\n"
        "Australia\t\tOz\tAUS\t\t-35.28\t149.13\t0\tcountry\n"
        "a broken line\twith too few fields\n"
        "Île Verte\tIle Verte\t\tCAN\tQuebec\t48.00\t-69.40\t300\tcity\n";
    gazetteer *t = gazetteer_from_tsv(tsv, strlen(tsv));
    CHECK_INT(gazetteer_size(t), 4);
    expect(t, "Floods hit homes in Springfield.", "hit", "USA", "Springfield");
    expect(t, "Australia was hit by floods. Floods hit homes in Springfield.", "hit homes", "AUS", "Springfield");
    expect(t, "Floods hit homes in Oz.", "hit", "AUS", "Oz");
    expect(t, "Floods hit homes in Springfield Town.", "hit", "AUS", "Springfield Town");
    expect(t, "Floods hit homes in Ile Verte.", "hit", "CAN", "Ile Verte");
    expect(t, "Floods hit homes in ÎLE VERTE.", "hit", "CAN", "ÎLE VERTE");
    located L;
    const place *p = locate(&L, t, "Floods hit homes in Springfield.", "hit");
    CHECK(p && p->admin1 && !strcmp(p->admin1, "Illinois") && p->precision == PLACE_CITY);
    p = locate(&L, t, "Floods hit homes in Australia.", "hit");
    CHECK(p && p->precision == PLACE_COUNTRY && p->admin1 == NULL);
    gazetteer_free(t);
    gazetteer_free(NULL);
}

static void test_find(void)
{
    const gazetteer *g = gazetteer_default();
    const char *text = "Talks in Geneva and Vienna failed, while fighting went on in Syria.";
    token_list tl = {0};
    tokenize(text, (span){0, (uint32_t)strlen(text)}, &tl);
    place_list pl = {0};
    where_find(g, text, &tl, NULL, NULL, 0, &pl);
    CHECK_INT(pl.n, 3);
    if (pl.n == 3) {
        CHECK_STR(pl.m[0].p->country, "CHE");
        CHECK_STR(pl.m[1].p->country, "AUT");
        CHECK_STR(pl.m[2].p->country, "SYR");
        CHECK(pl.m[0].cued);
        CHECK(!pl.m[1].cued);   /* after "and": the place of something else, maybe */
        CHECK(pl.m[2].cued);
        CHECK_INT(pl.m[0].at.start, 9);
        CHECK_INT(pl.m[0].at.end, 15);
    }
    place_list_free(&pl);
    token_list_free(&tl);
}

static void test_palestine(void)
{
    const gazetteer *g = gazetteer_default();
    /* the sources code the West Bank and Gaza apart (XWB, XGZ): their towns are Palestine's */
    expect(g, "Police dispersed a rally in Ramallah.", "dispersed", "PSE", "Ramallah");
    expect(g, "Police dispersed a rally in Khan Yunis.", "dispersed", "PSE", "Khan Yunis");
    expect(g, "Police dispersed a rally in Palestine.", "dispersed", "PSE", "Palestine");
    /* ... so a village there is placed to Palestine too */
    expect(g, "Troops demolished two houses in the village of Qaryut near Nablus.", "demolished", "PSE", "Qaryut");
    /* regions news names that are no ISO division: with their country */
    expect(g, "Police dispersed a rally in Ingushetia.", "dispersed", "RUS", "Ingushetia");
    expect(g, "Police dispersed a rally in the Bekaa Valley.", "dispersed", "LBN", "Bekaa Valley");
    expect(g, "A SWAT team raided the house.", "raided", NULL, NULL);   /* "Swat" only after "in" */
    /* Kosovo's towns are Kosovo's (XKX), not XKS */
    expect(g, "Police dispersed a rally in Prizren.", "dispersed", "XKX", "Prizren");
}

static void test_sites(void)
{
    const gazetteer *g = gazetteer_default();
    /* a name before a site noun names the place, in lower case or as part of the name */
    expect(g, "Gunmen raided Dambusu village in Borno State.", "raided", "NGA", "Dambusu");
    expect(g, "Militants shelled the Qalqasa Checkpoint near Deir Ezzor.", "shelled", "SYR", "Qalqasa Checkpoint");
    expect(g, "A mortar round hit the Zamalka district of Damascus.", "hit", "SYR", "Zamalka");
    /* a known name before a site noun, from another country than the story's, is only a name */
    expect(g, "Militants shelled the Panorama Checkpoint outside Deir Ezzor.", "shelled", "SYR", "Panorama Checkpoint");
    /* a common word that starts a longer name ("Tal" is a town in Pakistan) */
    expect(g, "The army shelled rebels near Tal Hamdan in Syria.", "shelled", "SYR", "Tal Hamdan");
    /* "Deir ez-Zor": the article in lower case still continues a name */
    expect(g, "Rebels shelled the city of Deir ez-Zor.", "shelled", "SYR", "Deir ez-Zor");
    /* adjectives, acronyms and function words are not names */
    expect(g, "Settlers marched to a Jewish settlement in the West Bank.", "marched", "PSE", "West Bank");
    expect(g, "Jets flew over Serb-held territory.", "flew", NULL, NULL);
    expect(g, "Gunmen opened fire at SDF headquarters.", "opened", NULL, NULL);
    expect(g, "At Grantham Mosque, police patrolled outside.", "patrolled", "GBR", "Grantham Mosque");
    /* a site noun after one lower-case word, and nouns that say "the X of <place>" */
    expect(g, "A gunman was shot in the Ein Zeitun refugee camp in Lebanon.", "shot", "LBN", "Ein Zeitun");
    expect(g, "Troops stormed the rebel stronghold of Qurqania in Syria.", "stormed", "SYR", "Qurqania");
    expect(g, "Fighting raged on the outskirts of Qurqania in Syria.", "raged", "SYR", "Qurqania");
    /* the transliterated ayn starts the name; a side of the place between "in" and the name */
    expect(g, "Rebels shelled the town of ‘Ibtin in Syria.", "shelled", "SYR", "‘Ibtin");
    expect(g, "A car bomb exploded in northern Qurqania, Syrian media said.", "exploded", "SYR", "Qurqania");
    /* a name between commas after a site noun: "in another Harare township, Mabvuku," */
    expect(g, "In another Harare township, Mabvuku, soldiers patrolled overnight.", "patrolled", "ZWE", "Mabvuku");
    expect(g, "Troops patrolled the district, Geo News reported from Karachi.", "patrolled", "PAK", "Karachi");
    /* a time zone, a country's institution and a regime's camp are no sites */
    expect(g, "Rebels attacked at 10 A.M. (Damascus Time) in Qurqania, Syria.", "attacked", "SYR", "Qurqania");
    expect(g, "A bomb destroyed the U.S. Embassy in Nairobi.", "destroyed", "KEN", "Nairobi");
    expect(g, "Prisoners were shot in a Nazi concentration camp in Austria.", "shot", "AUT", "Austria");
}

static void test_containers(void)
{
    const gazetteer *g = gazetteer_default();
    /* the place named as another's surroundings is not where it happened */
    expect(g, "Soldiers shot two men in the West Bank city of Jenin.", "shot", "PSE", "Jenin");
    expect(g, "A car bomb exploded in the Colombo suburb of Kotahena.", "exploded", "LKA", "Kotahena");
    expect(g, "Gunmen killed three men in Wazira village near the town of Gwoza.", "killed", "NGA", "Wazira");
    expect(g, "A roadside bomb exploded in Tarmiyah, 50 km north of Baghdad.", "exploded", "IRQ", "Tarmiyah");
    expect(g, "A bomb exploded in Balad, north of Baghdad.", "exploded", "IRQ", "Balad");
    expect(g, "Shells hit a market in the Zamalka district of eastern Damascus.", "hit", "SYR", "Zamalka");
    /* the noun after a known place heads the next name: "the West Bank village of X" is X */
    expect(g, "A settler shot a youth near the West Bank village of Beitunia.", "shot", "PSE", "Beitunia");
    expect(g, "Two men were shot in Gaza City's eastern neighbourhood of Shujaiya.", "shot", "PSE", "Shujaiya");
    /* a known name with a site noun is a site: of the story's country ("Aziziyah" is also in Iraq) */
    expect(g, "Rebels shelled the Aziziyah district in the city of Aleppo.", "shelled", "SYR", "Aziziyah");
    /* a person's possessive is an owner, not a place */
    expect(g, "Gunmen shot two guards in Saddam Hussein's hometown of Tikrit.", "shot", "IRQ", "Tikrit");
    /* ... but a list of places of the same breadth is no such thing */
    expect(g, "Protesters marched in Homs, Hama and Aleppo.", "marched", "SYR", "Homs");
}

static void test_actor_country(void)
{
    const gazetteer *g = gazetteer_default();
    located L;
    /* a settlement nothing else places takes the country of the event's actors */
    const place *p = locate_by(&L, g, "Troops stormed the village of Qurqania.", "stormed", "SYRMIL", "190");
    check_current = "actor country";
    CHECK(p && !strcmp(p->country, "SYR") && p->precision == PLACE_COUNTRY);
    CHECK_STR(L.got, "Qurqania");
    /* no actor country: its words alone (not a guess) */
    p = locate_by(&L, g, "Troops stormed the village of Qurqania.", "stormed", "---MIL", "190");
    CHECK(p && !p->country[0] && isnan(p->lat));
    CHECK_STR(L.got, "Qurqania");
}

static void test_verb_objects(void)
{
    const gazetteer *g = gazetteer_default();
    located L;
    check_current = "verb objects";
    /* a name the gazetteer lacks right after a verb that takes a place: occupying, fighting, patrolling */
    const place *p = locate_by(&L, g, "Turkish troops entered Qurqania on Monday.", "entered", "TURMIL", "192");
    CHECK(p && !strcmp(p->country, "TUR"));
    CHECK_STR(L.got, "Qurqania");
    p = locate_by(&L, g, "Rebels shelled the Kindi Hospital in Syria.", "shelled", "SYRREB", "194");
    CHECK(p && !strcmp(p->country, "SYR"));
    CHECK_STR(L.got, "Kindi Hospital");   /* named a site by its noun */
    p = locate_by(&L, g, "Rebels shelled Qurqania, Syrian media said.", "shelled", "---REB", "194");
    CHECK(p && !strcmp(p->country, "SYR"));   /* the country of the story's words */
    CHECK_STR(L.got, "Qurqania");
    /* not for a verb that takes people, nor a name the coder made the target, nor another word's object */
    p = locate_by(&L, g, "Turkish officials praised Qurqania on Monday.", "praised", "TURGOV", "051");
    CHECK(p == NULL);
    p = locate_by(&L, g, "Turkish troops met Brahimi after they entered Qurqania.", "met", "TURMIL", "040");
    CHECK(p == NULL);
    /* organisations are no places */
    p = locate_by(&L, g, "Turkish troops attacked Faylaq Al-Rahman.", "attacked", "TURMIL", "190");
    CHECK(p == NULL);
    p = locate_by(&L, g, "He was captured by the Northern Alliance.", "captured", "AFGREB", "192");
    CHECK(p == NULL);
    /* a known place as the object of such a verb counts as named after "in" */
    p = locate_by(&L, g, "Police patrolled Goma on Monday and the North Kivu province governor said all was calm.",
                  "patrolled", "CODCOP", "150");
    CHECK_STR(L.got, "Goma");
    /* a name in apposition to one after "in" is after it too */
    expect(g, "A bomb wounded nine people in Pakistan's largest city, Karachi.", "wounded", "PAK", "Karachi");
    /* a people's adjective before a noun is no name ("Northern Irish") */
    expect(g, "In 1998 a bomb destroyed shops in the Northern Irish town of Omagh.", "destroyed", "GBR", "Omagh");
    /* the place attacked, after "an attack on", when the sentence says no other */
    expect(g, "Syrian jets launched airstrikes on Qurqania.", "launched", "SYR", "Qurqania");
    expect(g, "Thousands protested in Berlin against the airstrikes on Qurqania.", "protested", "DEU", "Berlin");
    /* a common word's longer name that is no place leaves the place in it ("North" of "North Vietnam") */
    expect(g, "A pilot was shot down over North Vietnam.", "shot", "VNM", "Vietnam");
}

/* A sentence of more than 256 tokens: the scan's per-word sets are allocated rather than on its stack,
   and words past the 256th are read like the others. */
static void test_long_sentence(void)
{
    const gazetteer *g = gazetteer_default();
    strbuf text;
    sb_init(&text);
    sb_adds(&text, "Rebels attacked ");
    for (int k = 0; k < 150; k++) sb_adds(&text, "men and ");
    sb_adds(&text, "an army post in the southern city of Aleppo.");
    expect(g, text.s, "attacked", "SYR", "Aleppo");
    sb_clear(&text);
    for (int k = 0; k < 150; k++) sb_adds(&text, "men and ");
    sb_adds(&text, "women were killed 20 km north of Baghdad, in the Saidiyah district.");
    expect(g, text.s, "killed", "IRQ", "Saidiyah");
    sb_free(&text);
}

/* The words each thread remembers as starting no name (noname_cache in where.c): more of them than the
   table holds (it is emptied when full), then places still found; a word that begins a longer name is
   no such word ("New" alone, then "New York"). */
static void test_noname_memory(void)
{
    const gazetteer *g = gazetteer_default();
    strbuf text;
    sb_init(&text);
    for (int batch = 0; batch < 6; batch++) {
        sb_clear(&text);
        for (int k = 0; k < 1000; k++) sb_addf(&text, "Zqx%04dv met Wqy%dz. ", batch * 1000 + k, k);
        sb_adds(&text, "Rebels attacked an army post in Aleppo.");
        expect(g, text.s, "attacked", "SYR", "Aleppo");
    }
    expect(g, "Qwertz Uiop met Qwertz. Rebels shelled the town of Qwertz Uiop near Aleppo.", "shelled", "SYR", NULL);
    expect(g, "New officials met. Police arrested looters in New York on Monday.", "arrested", "USA", "New York");
    sb_free(&text);
}

/* gz_fold_free the plain way: every byte read, one at a time. */
static bool fold_free_plain(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((i && w[i] == w[i - 1]) || w[i] == '-' || w[i] == '\'' || w[i] == ' ') return false;
    return true;
}

/* A word's index entry the plain way: folded into a key, the key hashed and looked up. */
static const gz_slot *entry_plain(const gazetteer *g, const char *w, size_t n, strbuf *key)
{
    sb_clear(key);
    gz_key_add(key, 0, w, n);
    return gz_lookup(g, key->s, key->len);
}

/* One word through the shortcuts (gz_fold_free, gz_word_entry) and the plain way: same answers, and a norm
   called its own key is one. w[n] is a NUL, as after a token's norm. */
static int word_shortcuts_differ(const gazetteer *g, const char *w, size_t n, strbuf *key)
{
    bool free_ = gz_fold_free(w, n);
    if (free_ != fold_free_plain(w, n)) return 1;
    const gz_slot *plain = entry_plain(g, w, n, key), *s;
    if (free_ && (key->len != n || memcmp(key->s, w, n))) return 1;
    return gz_word_entry(g, w, n, norm_hash(w, n), &s) && s != plain;
}

/* Does gz_may_go_on turn away word w (n bytes, w[n] a NUL) after the key of the name's words before word i
   when that key and w are in the index? */
static int go_on_differs(const gazetteer *g, const token_list *tl, size_t i, const char *w, size_t n, strbuf *key)
{
    if (gz_may_go_on(g, w, n, norm_hash(w, n))) return 0;
    sb_clear(key);
    for (size_t k = 0; k < i; k++) {
        if (k) sb_addc(key, ' ');
        gz_key_add(key, 0, tok_norm(tl, k), tl->t[k].norm_len);
    }
    if (!gz_lookup(g, key->s, key->len)) return 0;   /* "'Aunayzah": the quote folds to nothing */
    sb_addc(key, ' ');
    gz_key_add(key, 0, w, n);
    return gz_lookup(g, key->s, key->len) != NULL;
}

/* The first-word shortcuts of longest_at (where_internal.h) against the plain fold and lookup: every word of
   every name of the gazetteer, those words with a letter doubled, a hyphen, an apostrophe or a space put in,
   random words of a few letters (doubled often), and the image's filter against the one built from the TSV. */
static void test_first_word_shortcuts(void)
{
    const gazetteer *g = gazetteer_default();
    const embedded_file *tsv = embedded_find("data/gazetteer.tsv");
    CHECK(g && tsv);
    if (!g || !tsv) return;
    gazetteer *t = gazetteer_from_tsv(tsv->data, tsv->len);
    CHECK(!memcmp(t->first_words, g->first_words, GZ_FIRST_BITS / 8));
    CHECK(!memcmp(t->later_words, g->later_words, GZ_FIRST_BITS / 8));
    /* gz_country's search against a walk over every place; codes it lacks, actor codes longer than three */
    size_t countries = 0, wrong = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->kind[i] != GZ_COUNTRY) continue;
        countries++;
        char code[8];
        snprintf(code, sizeof code, "%sMIL", t->p[i].country);
        const place *c = gz_country(t, code);
        wrong += !c || memcmp(c->country, t->p[i].country, 4);
    }
    CHECK(countries > 200 && !wrong);
    CHECK(!gz_country(t, "ZZZ") && !gz_country(t, "\xff\xff\xff") && !gz_country(t, "AAA") && !gz_country(t, "---"));
    size_t set = 0;
    for (size_t i = 0; i < GZ_FIRST_BITS / 64; i++) set += (size_t)__builtin_popcountll(g->first_words[i]);
    CHECK(set > 20000 && set < GZ_FIRST_BITS / 8);   /* one bit in eight at most: most words are turned away */
    gazetteer_free(t);
    strbuf key, word;
    sb_init(&key);
    sb_init(&word);
    token_list tl = {0};
    size_t words = 0, bad = 0, entries = 0, shortcut = 0;
    srand(17);
    const char *text = tsv->data, *end = tsv->data + tsv->len;
    while (text < end) {
        const char *nl = memchr(text, '\n', (size_t)(end - text)), *tab = memchr(text, '\t', (size_t)(end - text));
        if (!nl) nl = end;
        if (tab && tab < nl && *text != '#') {
            tokenize(text, (span){0, (uint32_t)(tab - text)}, &tl);
            for (size_t i = 0; i < tl.n; i++) {
                const char *w = tok_norm(&tl, i);
                size_t n = tl.t[i].norm_len;
                bad += tl.t[i].hash != norm_hash(w, n);
                bad += (size_t)word_shortcuts_differ(g, w, n, &key);
                const gz_slot *s;
                entries += entry_plain(g, w, n, &key) != NULL;
                shortcut += gz_word_entry(g, w, n, tl.t[i].hash, &s);
                if (i) bad += (size_t)go_on_differs(g, &tl, i, w, n, &key);
                /* the word changed where a shortcut could go wrong */
                size_t at = (size_t)rand() % (n + 1);
                static const char inserts[] = {'-', '\'', ' ', 0};
                for (int k = 0; k < 4; k++) {
                    sb_clear(&word);
                    sb_add(&word, w, at);
                    char c = inserts[k] ? inserts[k] : at ? w[at - 1] : 'A';
                    sb_addc(&word, c);
                    sb_add(&word, w + at, n - at);
                    bad += (size_t)word_shortcuts_differ(g, word.s, word.len, &key);
                    if (i) bad += (size_t)go_on_differs(g, &tl, i, word.s, word.len, &key);
                }
                words++;
            }
        }
        text = nl + 1;
    }
    for (int r = 0; r < 200000; r++) {
        static const char letters[] = "AABLNORSU-'1. ";
        size_t n = 1 + (size_t)rand() % 20;
        sb_clear(&word);
        for (size_t k = 0; k < n; k++) sb_addc(&word, letters[rand() % (int)(sizeof letters - 1)]);
        bad += (size_t)word_shortcuts_differ(g, word.s, word.len, &key);
    }
    CHECK_INT(bad, 0);
    CHECK(words > 50000 && entries > words / 2 && shortcut > entries / 2);   /* the shortcuts are taken */
    token_list_free(&tl);
    sb_free(&key);
    sb_free(&word);
}

/* Are two place lists the same mention for mention? */
static bool same_places(const place_list *a, const place_list *b)
{
    if (a->n != b->n) return false;
    for (size_t i = 0; i < a->n; i++) {
        const place_mention *x = &a->m[i], *y = &b->m[i];
        if (x->at.start != y->at.start || x->at.end != y->at.end || x->p != y->p || x->first_tok != y->first_tok ||
            x->last_tok != y->last_tok || x->sentence != y->sentence || x->cued != y->cued ||
            x->unresolved != y->unresolved || x->bias != y->bias || x->breadth != y->breadth || x->lead_end != y->lead_end)
            return false;
    }
    return true;
}

/* One story_places passed to where_story story after story (as each coding thread does, story_places_keep
   between) finds what a fresh one finds for each; a story with thousands of names leaves nothing kept. */
static void test_places_reused(void)
{
    const gazetteer *g = gazetteer_default();
    strbuf big;
    sb_init(&big);
    sb_adds(&big, "BEIRUT (Reuters) - ");
    for (int k = 0; k < 1500; k++) sb_adds(&big, "Rebels shelled Aleppo and Homs, in the village of Qwertz. ");
    const char *texts[] = {
        "GENEVA (Reuters) - Talks in Geneva and Vienna failed, while fighting went on in Syria.",
        "Police arrested looters in New York on Monday. The mayor of Springfield, Illinois, said it was calm.",
        big.s,
        "Rebels attacked an army post in the southern city of Aleppo, 30 km north of Hama province.",
        "",
        "Gunmen attacked the village of Qwertzu. Troops entered Uiopzu.",   /* unplaced, and a verb's object */
        "KABUL - Gunmen stormed the Kindi Hospital in the Zafaraniyah district of southern Baghdad.",
    };
    story_places kept = {0};
    size_t same = 0, n = sizeof texts / sizeof texts[0];
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(texts[i]);
            span *sents;
            size_t ns = split_sentences(texts[i], len, &sents);
            story_places fresh = {0};
            where_story(g, texts[i], len, sents, ns, NULL, &fresh);
            where_story(g, texts[i], len, sents, ns, NULL, &kept);
            same += same_places(&fresh.mentions, &kept.mentions) && same_places(&fresh.unplaced, &kept.unplaced) &&
                    same_places(&fresh.objects, &kept.objects) && fresh.dateline == kept.dateline &&
                    fresh.dateline_at.start == kept.dateline_at.start && fresh.dateline_at.end == kept.dateline_at.end;
            if (texts[i] == big.s) CHECK(kept.mentions.n > 3000);
            story_places_keep(&kept);
            if (texts[i] == big.s) CHECK(!kept.scratch && !kept.mentions.cap);   /* too big to keep */
            story_places_free(&fresh);
            free(sents);
        }
    }
    CHECK_INT(same, 2 * n);
    story_places_free(&kept);
    sb_free(&big);
}

/* The scan's word sets answer every word they hold through their filter (a bit per occupied slot). */
static void test_set_filter(void) { CHECK(where_set_filter_misses() == 0); }

/* resolve's shortcut for a name of one place against its scoring, over every such name of the built-in
   gazetteer, with and without a dateline and story countries. */
static void test_resolve_shortcut(void) { CHECK(where_resolve_shortcut_misses(gazetteer_default()) == 0); }

/* The scan's tight loop passes over no token is_cap takes: capitals, acronyms, Arabic articles in lower
   case, a transliterated ayn ("'" before a capital), and the punctuation and words it must pass over. */
static void test_cap_candidate(void)
{
    static const char *texts[] = {
        "Talks in Geneva, Vienna and al-Wafa failed; el-Arish, 'Ibta and \u2018Ayn \u2018Issa were shelled.",
        "the town of \u2018Ibta, near al-Bab (Aleppo) and the U.S. base - \"NATO\" said: it's 'quiet' ... well-known",
        "ALL CAPS HEADLINE: BOMB HITS al-QAIM, 12 DEAD ' '' ' x 'A b- -c a-b-c Al-Jazeera's re-elected",
    };
    token_list tl = {0};
    size_t tokens = 0;
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        tokenize(texts[k], (span){0, (uint32_t)strlen(texts[k])}, &tl);
        tokens += tl.n;
        CHECK_INT(where_cap_candidate_misses(&tl), 0);
    }
    CHECK(tokens > 60);
    token_list_free(&tl);
}

int main(void)
{
    RUN(test_issue_examples);
    RUN(test_cues);
    RUN(test_names);
    RUN(test_not_places);
    RUN(test_choice);
    RUN(test_unresolved);
    RUN(test_dateline);
    RUN(test_gazetteer);
    RUN(test_find);
    RUN(test_palestine);
    RUN(test_sites);
    RUN(test_containers);
    RUN(test_actor_country);
    RUN(test_verb_objects);
    RUN(test_long_sentence);
    RUN(test_noname_memory);
    RUN(test_first_word_shortcuts);
    RUN(test_places_reused);
    RUN(test_set_filter);
    RUN(test_resolve_shortcut);
    RUN(test_cap_candidate);
    return check_done();
}

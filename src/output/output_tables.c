/* output_tables.c — the GDELT 2.0 events table, ICEWS's and Phoenix's layouts: one tab-separated row per event. */
#include "output/output_internal.h"

#include <math.h>
#include <string.h>

/* Column names and their order are the published ones: GDELT's from its 2.0 codebook (the header row
   file of Sep 2016), ICEWS's from its event files, Phoenix's from its data set. */
static const char *const gdelt_columns[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL", NULL};
static const char *const icews_columns[] = {
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude", NULL};
static const char *const phoenix_columns[] = {
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
    "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
    "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources", NULL};

#define COUNT(a) (sizeof a / sizeof *a - 1)
_Static_assert(COUNT(gdelt_columns) == 61 && COUNT(icews_columns) == 20 && COUNT(phoenix_columns) == 26,
               "the published column counts");

/* The TSV and CSV columns (output.c's fields with the location spread over seven columns). */
static const char *const plain_columns[] = {
    "story_id", "sentence", "text", "date", "date_precision", "date_text", "source", "target", "code", "root",
    "quad_class", "goldstein", "plover", "source_text", "target_text", "pattern", "pattern_where", "issues",
    "location_text", "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
    "location_precision", "title", "story_source", "url", NULL};

const char *const *output_columns(output_format f, size_t *n)
{
    const char *const *c = f == FORMAT_GDELT     ? gdelt_columns
                           : f == FORMAT_ICEWS   ? icews_columns
                           : f == FORMAT_PHOENIX ? phoenix_columns
                           : f == FORMAT_TSV || f == FORMAT_CSV ? plain_columns
                                                                : NULL;
    if (n) *n = 0;
    for (size_t i = 0; c && c[i] && n; i++) *n = i + 1;
    return c;
}

void tables_header(strbuf *b, output_format f)
{
    const char *const *c = output_columns(f, NULL);
    for (size_t i = 0; c && c[i]; i++) {
        if (i) sb_addc(b, '\t');
        sb_adds(b, c[i]);
    }
    sb_addc(b, '\n');
}

/* ---- cells: each call writes one column and the tab before it (none before the first) ---- */

typedef struct {
    strbuf *b;
    int n;   /* columns written so far */
} rowb;

static void next(rowb *r) { if (r->n++) sb_addc(r->b, '\t'); }
static void col_text(rowb *r, const char *s, size_t n) { next(r); if (s) tsv_text(r->b, s, n); }
static void col_str(rowb *r, const char *s) { col_text(r, s, s ? strlen(s) : 0); }
static void col_empty(rowb *r, int k) { while (k-- > 0) next(r); }
static void col_long(rowb *r, long v) { next(r); sb_addf(r->b, "%ld", v); }
static void col_count(rowb *r, long v) { if (v > 0) col_long(r, v); else col_empty(r, 1); }
static void col_coord(rowb *r, double x) { next(r); add_coord(r->b, x); }

/* A fixed-point number by hand: "%.*f" would follow the locale's decimal separator. */
static void col_fixed(rowb *r, double x, int decimals)
{
    long scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    long v = lround(x * (double)scale);
    next(r);
    if (v < 0) { sb_addc(r->b, '-'); v = -v; }
    sb_addf(r->b, "%ld.%0*ld", v / scale, decimals, v % scale);
}

/* The words of the story a span covers (empty when none). */
static void col_span(rowb *r, const event *e, span sp)
{
    const story *st = e->story;
    if ((sp.start == 0 && sp.end == 0) || !st || !st->text) { col_empty(r, 1); return; }
    size_t end = sp.end < st->len ? sp.end : st->len, start = sp.start < end ? sp.start : end;
    col_text(r, st->text + start, end - start);
}

/* ---- facts derived from CAMEO codes ---- */

/* An actor code with nothing known ("---") is no actor; "---GOV" is a government of unknown country,
   whose code without the country is "GOV". */
static const char *actor_code(const char *code)
{
    if (strncmp(code, "---", 3) == 0) return code + 3;
    return code;
}

/* The country of an actor code: its first three letters when they are an ISO 3166 alpha-3 code. */
static bool actor_country(const char *code, char out[4])
{
    out[0] = 0;
    if (strlen(code) < 3) return false;
    memcpy(out, code, 3);
    out[3] = 0;
    if (country_name(out)) return true;
    out[0] = 0;
    return false;
}

/* CAMEO's role ("type") codes: the three-letter parts of an actor code after its country. */
static bool is_role(const char *s)
{
    static const char roles[] = "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS JUD LAB LEG MED MIL MNC "
                                "MOD NGM NGO OPP PTY RAD REB REF REL SEP SPY UAF ";
    for (const char *p = roles; *p; p += 4)
        if (memcmp(p, s, 3) == 0) return true;
    return false;
}

/* Up to three role codes in the order the actor code has them. */
static int actor_roles(const char *code, bool has_country, char roles[3][4])
{
    int n = 0;
    size_t len = strlen(code);
    for (size_t i = has_country ? 3 : 0; i + 3 <= len && n < 3; i += 3) {
        if (!is_role(code + i)) continue;
        memcpy(roles[n], code + i, 3);
        roles[n++][3] = 0;
    }
    return n;
}

/* The CAMEO base code (three digits) and root code (two), as GDELT defines them: the code itself when
   it is that short. */
static void code_levels(const char *code, char base[4], char root[3])
{
    snprintf(base, 4, "%.3s", code);
    snprintf(root, 3, "%.2s", code);
}

static ymd event_date(const event *e) { return e->date ? e->date : e->story ? e->story->date : 0; }

/* ---- GDELT ---- */

/* Actor1* or Actor2*: Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
   Religion2Code, Type1Code..Type3Code. Known groups, ethnicity and religion are not coded by dyad. */
static void gdelt_actor(rowb *r, const event *e, const char *code, span name)
{
    const char *c = actor_code(code);
    char country[4], roles[3][4];
    bool has_country = actor_country(c, country);
    int nroles = actor_roles(c, has_country, roles);
    col_str(r, *c ? c : NULL);
    if (*c) col_span(r, e, name);
    else col_empty(r, 1);
    col_str(r, has_country ? country : NULL);
    col_empty(r, 4);
    for (int i = 0; i < 3; i++) col_str(r, i < nroles ? roles[i] : NULL);
}

/* GDELT's geographic types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
static int gdelt_geo_type(const place *p)
{
    bool us = strcmp(p->country, "USA") == 0;
    if (p->precision == PLACE_COUNTRY) return 1;
    if (p->precision == PLACE_ADMIN1) return us ? 2 : 5;
    return us ? 3 : 4;
}

/* "City, State, Country" / "State, Country" / "Country", as GDELT writes its FullName. */
static void place_full_name(rowb *r, const place *p)
{
    strbuf s;
    sb_init(&s);
    const char *cn = country_name(p->country);
    if (p->precision != PLACE_COUNTRY && p->name) sb_adds(&s, p->name);
    if (p->precision == PLACE_CITY && p->admin1) sb_addf(&s, "%s%s", s.len ? ", " : "", p->admin1);
    if (cn) sb_addf(&s, "%s%s", s.len ? ", " : "", cn);
    else if (!s.len && p->name) sb_adds(&s, p->name);
    col_text(r, s.s, s.len);
    sb_free(&s);
}

/* ActionGeo_*: the event's place. CountryCode and ADM1Code are FIPS 10-4 in GDELT, ADM2Code GAUL and
   FeatureID GNS: dyad's gazetteer has none of these, so they stay empty. */
static void gdelt_action_geo(rowb *r, const event *e)
{
    const place *p = e->location;
    if (!p) { col_empty(r, 8); return; }
    col_long(r, gdelt_geo_type(p));
    place_full_name(r, p);
    col_empty(r, 3);
    col_coord(r, p->lat);
    col_coord(r, p->lon);
    col_empty(r, 1);
}

/* DATEADDED: YYYYMMDDHHMMSS from "YYYY-MM-DDTHH:MM:SSZ". */
static void col_added(rowb *r, const char *iso)
{
    next(r);
    if (!iso || strlen(iso) < 19) return;
    const int at[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) sb_addc(r->b, iso[at[i]]);
}

static void gdelt_event(strbuf *b, const event *e, const event_meta *m)
{
    rowb r = {b, 0};
    ymd d = event_date(e);
    const cameo_info *ci = cameo_lookup(e->code);
    char base[4], root[3];
    code_levels(e->code, base, root);
    col_long(&r, m->id);
    if (d) {
        col_long(&r, d);
        col_long(&r, d / 100);
        col_long(&r, d / 10000);
        /* The codebook writes (MONTH * 30 + DAY) / 365 but also says the fraction stays within 0..0.9999,
           which holds only with the months before this one counted: ((MONTH - 1) * 30 + DAY) / 365. */
        col_fixed(&r, d / 10000 + ((d / 100 % 100 - 1) * 30 + d % 100) / 365.0, 4);
    } else {
        col_empty(&r, 4);
    }
    gdelt_actor(&r, e, e->source, e->source_span);
    gdelt_actor(&r, e, e->target, e->target_span);
    col_empty(&r, 1);   /* IsRootEvent: dyad does not know the story's paragraphs */
    col_str(&r, e->code);
    col_str(&r, base);
    col_str(&r, root);
    if (ci) { col_long(&r, ci->quad_class); col_fixed(&r, ci->goldstein, 1); }
    else col_empty(&r, 2);
    col_count(&r, m->mentions);
    col_count(&r, m->sources);
    col_count(&r, m->articles);
    col_empty(&r, 1 + 8 + 8);   /* AvgTone; Actor1Geo_*, Actor2Geo_*: dyad places the event, not its actors */
    gdelt_action_geo(&r, e);
    col_added(&r, m->added);
    const char *url = e->story ? e->story->url : NULL;
    col_str(&r, url);
    sb_addc(b, '\n');
}

/* ---- ICEWS ---- */

static void icews_actor(rowb *r, const event *e, const char *code, span name)
{
    char country[4];
    const char *c = actor_code(code);
    col_span(r, e, *c ? name : (span){0, 0});
    col_empty(r, 1);   /* Sectors: ICEWS's own sector ontology, which dyad does not code */
    col_str(r, actor_country(c, country) ? country_name(country) : NULL);
}

static void icews_event(strbuf *b, const event *e, const event_meta *m)
{
    rowb r = {b, 0};
    char date[11];
    const cameo_info *ci = cameo_lookup(e->code);
    date_format(event_date(e), date);
    col_long(&r, m->id);
    col_str(&r, *date ? date : NULL);
    icews_actor(&r, e, e->source, e->source_span);
    col_str(&r, ci ? ci->name : NULL);
    col_str(&r, e->code);
    if (ci) col_fixed(&r, ci->goldstein, 1);
    else col_empty(&r, 1);
    icews_actor(&r, e, e->target, e->target_span);
    col_str(&r, e->story ? e->story->id : NULL);
    col_long(&r, e->sentence);
    col_str(&r, e->story ? e->story->source : NULL);
    const place *p = e->location;
    if (!p) { col_empty(&r, 6); sb_addc(b, '\n'); return; }
    col_str(&r, p->precision == PLACE_CITY ? p->name : NULL);
    col_empty(&r, 1);   /* District: the gazetteer has no second-level divisions */
    col_str(&r, p->precision == PLACE_ADMIN1 ? p->name : p->admin1);
    col_str(&r, country_name(p->country));
    col_coord(&r, p->lat);
    col_coord(&r, p->lon);
    sb_addc(b, '\n');
}

/* ---- Phoenix ---- */

/* Full code, entity (its first three letters), role (the next three), attribute (the rest), as
   Phoenix splits CAMEO actor codes; "---" (no actor) leaves all four empty, and an entity that is
   "---" (a role of unknown country, "---GOV") is left empty. */
static void phoenix_actor(rowb *r, const char *code)
{
    if (!*code || strcmp(code, "---") == 0) { col_empty(r, 4); return; }
    size_t n = strlen(code);
    col_str(r, code);
    if (strncmp(code, "---", 3) == 0) col_empty(r, 1);
    else col_text(r, code, n < 3 ? n : 3);
    col_text(r, code + (n < 3 ? n : 3), n < 3 ? 0 : n < 6 ? n - 3 : 3);
    col_str(r, n > 6 ? code + 6 : NULL);
}

/* Phoenix's QuadClass is its five-way class of the root: 0 neutral (01-02), 1 verbal cooperation
   (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20). */
static int phoenix_quad(const char *root)
{
    if (!is_digit((unsigned char)root[0]) || !is_digit((unsigned char)root[1])) return -1;
    int v = (root[0] - '0') * 10 + (root[1] - '0');
    if (v < 1 || v > 20) return -1;
    return v <= 2 ? 0 : v <= 5 ? 1 : v <= 8 ? 2 : v <= 13 ? 3 : 4;
}

static void phoenix_event(strbuf *b, const event *e, const event_meta *m)
{
    rowb r = {b, 0};
    ymd d = event_date(e);
    const cameo_info *ci = cameo_lookup(e->code);
    char base[4], root[3];
    code_levels(e->code, base, root);
    col_long(&r, m->id);
    if (d) { col_long(&r, d); col_long(&r, d / 10000); col_long(&r, d / 100 % 100); col_long(&r, d % 100); }
    else col_empty(&r, 4);
    phoenix_actor(&r, e->source);
    phoenix_actor(&r, e->target);
    col_str(&r, e->code);
    col_str(&r, root);
    int q = phoenix_quad(root);
    if (q >= 0) col_long(&r, q);
    else col_empty(&r, 1);
    if (ci) col_fixed(&r, ci->goldstein, 1);
    else col_empty(&r, 1);
    col_str(&r, e->issues);
    const place *p = e->location;
    if (p) {
        col_coord(&r, p->lat);
        col_coord(&r, p->lon);
        col_str(&r, p->name);
        col_str(&r, p->precision == PLACE_ADMIN1 ? p->name : p->admin1);
        col_str(&r, p->country);
    } else {
        col_empty(&r, 5);
    }
    const story *st = e->story;
    next(&r);
    if (st && st->id) { tsv_text(b, st->id, strlen(st->id)); sb_addf(b, "_%d", e->sentence); }
    col_str(&r, m->urls ? m->urls : st ? st->url : NULL);
    col_str(&r, m->news_sources ? m->news_sources : st ? st->source : NULL);
    sb_addc(b, '\n');
}

void tables_event(strbuf *b, output_format f, const event *e, const event_meta *m)
{
    if (f == FORMAT_GDELT) gdelt_event(b, e, m);
    else if (f == FORMAT_ICEWS) icews_event(b, e, m);
    else if (f == FORMAT_PHOENIX) phoenix_event(b, e, m);
}

/* test_export.c — unit tests for the tabular exports: CSV quoting, and the GDELT 2.0, ICEWS and Phoenix column specs with one known row each. */
#include "check.h"
#include "output/output.h"

#include <stdlib.h>

static char text[] = "GENEVA - Polish officials met Ukraine's envoy in Geneva, \"briefly\", on Monday.";
static char id[] = "wire-42", src_name[] = "Test Wire", url[] = "https://example.org/42";
static const place geneva = {.name = "Geneva", .country = "CHE", .admin1 = "Geneva", .lat = 46.20222,
                             .lon = 6.14569, .precision = PLACE_CITY};

static story the_story(void)
{
    return (story){.id = id, .text = text, .len = strlen(text), .date = 20240304, .source = src_name, .url = url};
}

/* POLGOV met UKR in Geneva: code 036 (meet), day-precise date 2024-03-04. */
static event meeting(const story *st)
{
    event e;
    memset(&e, 0, sizeof e);
    e.story = st;
    e.sentence = 1;
    e.sent = (span){9, (uint32_t)strlen(text)};
    snprintf(e.source, sizeof e.source, "POLGOV");
    snprintf(e.target, sizeof e.target, "UKR");
    snprintf(e.code, sizeof e.code, "036");
    e.source_span = (span){9, 25};   /* "Polish officials" */
    e.target_span = (span){30, 39};  /* "Ukraine's" */
    e.location = &geneva;
    e.location_span = (span){49, 55};
    e.date = 20240304;
    e.date_precision = DATE_DAY;
    return e;
}

/* Everything a writer produces, as one malloc'd string; m NULL: as `dyad code` writes. */
static char *render(output_format fmt, const event *e, const event_meta *m)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    writer *w = writer_open(f, fmt);
    writer_event_meta(w, e, m);
    CHECK_INT(writer_close(w), 0);
    fclose(f);
    return out;
}

/* Line i (0-based) of s, without its newline, in a static buffer. */
static const char *line_of(const char *s, int i)
{
    static char buf[4096];
    while (i-- > 0 && s && (s = strchr(s, '\n'))) s++;
    if (!s) return "(no line)";
    size_t n = strcspn(s, "\n");
    snprintf(buf, sizeof buf, "%.*s", (int)n, s);
    return buf;
}

/* The number of tab-separated fields of a line. */
static int fields(const char *line)
{
    int n = 1;
    for (; *line; line++) n += *line == '\t';
    return n;
}

/* Field k (0-based) of a tab-separated line. */
static const char *field(const char *line, int k)
{
    static char buf[1024];
    while (k-- > 0 && line && (line = strchr(line, '\t'))) line++;
    if (!line) return "(no field)";
    size_t n = strcspn(line, "\t");
    snprintf(buf, sizeof buf, "%.*s", (int)n, line);
    return buf;
}

/* The meta of a unique event from the store: three mentions in two stories from two sources. */
static const event_meta stored = {.id = 7, .mentions = 3, .sources = 2, .articles = 2,
                                  .added = "2024-03-05T10:20:30Z", .urls = "https://a.test/1;https://b.test/2",
                                  .news_sources = "Test Wire;Other Wire"};

static void test_parse(void)
{
    const char *names[] = {"jsonl", "tsv", "csv", "tabari", "gdelt", "icews", "phoenix"};
    for (int i = 0; i < 7; i++) CHECK(output_format_parse(names[i]) >= 0);
    CHECK_INT(output_format_parse("gdelt"), FORMAT_GDELT);
    CHECK_INT(output_format_parse("GDELT"), -1);
    CHECK_INT(output_format_parse("xml"), -1);
    CHECK(output_format_unique(FORMAT_GDELT) && output_format_unique(FORMAT_PHOENIX));
    CHECK(!output_format_unique(FORMAT_ICEWS) && !output_format_unique(FORMAT_CSV));
    CHECK_STR(output_format_names, "jsonl|tsv|csv|tabari|gdelt|icews|phoenix");
    CHECK_STR(country_name("RUS"), "Russian Federation");
    CHECK_STR(country_name("CHE"), "Switzerland");
    CHECK(country_name("GOV") == NULL);
    CHECK(country_name("RU") == NULL);
}

static void test_gdelt(void)
{
    size_t n;
    const char *const *c = output_columns(FORMAT_GDELT, &n);
    CHECK_INT(n, 61);
    CHECK_STR(c[0], "GLOBALEVENTID");
    CHECK_STR(c[1], "SQLDATE");
    CHECK_STR(c[26], "EventCode");
    CHECK_STR(c[31], "NumMentions");
    CHECK_STR(c[51], "ActionGeo_Type");
    CHECK_STR(c[60], "SOURCEURL");
    story st = the_story();
    event e = meeting(&st);
    char *out = render(FORMAT_GDELT, &e, &stored);
    /* the header is the column list */
    strbuf want;
    sb_init(&want);
    for (size_t i = 0; i < n; i++) sb_addf(&want, "%s%s", i ? "\t" : "", c[i]);
    CHECK_STR(line_of(out, 0), want.s);
    sb_free(&want);
    const char *row = line_of(out, 1);
    CHECK_INT(fields(row), 61);
    /* every column by its name: what dyad knows, and empty where it does not */
    const char *expect[][2] = {
        {"GLOBALEVENTID", "7"}, {"SQLDATE", "20240304"}, {"MonthYear", "202403"}, {"Year", "2024"},
        {"FractionDate", "2024.1753"},   /* 2024 + ((3 - 1) * 30 + 4) / 365 */
        {"Actor1Code", "POLGOV"}, {"Actor1Name", "Polish officials"}, {"Actor1CountryCode", "POL"},
        {"Actor1KnownGroupCode", ""}, {"Actor1Type1Code", "GOV"}, {"Actor1Type2Code", ""},
        {"Actor2Code", "UKR"}, {"Actor2Name", "Ukraine's"}, {"Actor2CountryCode", "UKR"}, {"Actor2Type1Code", ""},
        {"IsRootEvent", ""}, {"EventCode", "036"}, {"EventBaseCode", "036"}, {"EventRootCode", "03"},
        {"QuadClass", "1"}, {"GoldsteinScale", "4.0"}, {"NumMentions", "3"}, {"NumSources", "2"},
        {"NumArticles", "2"}, {"AvgTone", ""}, {"Actor1Geo_Type", ""}, {"Actor1Geo_Lat", ""}, {"Actor2Geo_FullName", ""},
        {"ActionGeo_Type", "4"}, {"ActionGeo_FullName", "Geneva, Geneva, Switzerland"},
        {"ActionGeo_CountryCode", ""}, {"ActionGeo_ADM1Code", ""}, {"ActionGeo_Lat", "46.20222"},
        {"ActionGeo_Long", "6.14569"}, {"ActionGeo_FeatureID", ""}, {"DATEADDED", "20240305102030"},
        {"SOURCEURL", "https://example.org/42"}};
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        size_t k = 0;
        while (k < n && strcmp(c[k], expect[i][0]) != 0) k++;
        CHECK(k < n);
        check_current = expect[i][0];
        CHECK_STR(field(row, (int)k), expect[i][1]);
    }
    check_current = "test_gdelt";
    free(out);

    /* as `dyad code` writes it: ids from 1, one mention in one article from one source */
    out = render(FORMAT_GDELT, &e, NULL);
    row = line_of(out, 1);
    CHECK_STR(field(row, 0), "1");
    CHECK_STR(field(row, 31), "1");
    CHECK_STR(field(row, 32), "1");
    CHECK_STR(field(row, 33), "1");
    CHECK_INT(strlen(field(row, 59)), 14);   /* DATEADDED: now, YYYYMMDDHHMMSS */
    free(out);

    /* an unknown actor, an unknown country part, a code the CAMEO table lacks: nothing made up */
    snprintf(e.source, sizeof e.source, "---");
    snprintf(e.target, sizeof e.target, "---MIL");
    snprintf(e.code, sizeof e.code, "999");
    e.location = NULL;
    out = render(FORMAT_GDELT, &e, &stored);
    row = line_of(out, 1);
    CHECK_INT(fields(row), 61);
    CHECK_STR(field(row, 5), "");      /* Actor1Code */
    CHECK_STR(field(row, 6), "");      /* Actor1Name: no actor, no name */
    CHECK_STR(field(row, 15), "MIL");  /* Actor2Code without the unknown country */
    CHECK_STR(field(row, 17), "");     /* Actor2CountryCode */
    CHECK_STR(field(row, 22), "MIL");  /* Actor2Type1Code */
    CHECK_STR(field(row, 29), "");     /* QuadClass */
    CHECK_STR(field(row, 30), "");     /* GoldsteinScale */
    CHECK_STR(field(row, 51), "");     /* ActionGeo_Type */
    free(out);
}

static void test_icews(void)
{
    size_t n;
    CHECK(output_columns(FORMAT_ICEWS, &n) != NULL);
    CHECK_INT(n, 20);
    story st = the_story();
    event e = meeting(&st);
    char *out = render(FORMAT_ICEWS, &e, &stored);
    CHECK_STR(line_of(out, 0), "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
                               "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
                               "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude");
    const cameo_info *ci = cameo_lookup("036");
    CHECK(ci != NULL);
    char want[1024];
    snprintf(want, sizeof want, "7\t2024-03-04\tPolish officials\t\tPoland\t%s\t036\t4.0\tUkraine's\t\tUkraine\t"
                                "wire-42\t1\tTest Wire\tGeneva\t\tGeneva\tSwitzerland\t46.20222\t6.14569",
             ci ? ci->name : "?");
    CHECK_STR(line_of(out, 1), want);
    CHECK_INT(fields(line_of(out, 1)), 20);
    free(out);
}

static void test_phoenix(void)
{
    size_t n;
    CHECK(output_columns(FORMAT_PHOENIX, &n) != NULL);
    CHECK_INT(n, 26);
    CHECK(output_columns(FORMAT_JSONL, &n) == NULL && n == 0);
    story st = the_story();
    event e = meeting(&st);
    e.issues = "PEACE";
    char *out = render(FORMAT_PHOENIX, &e, &stored);
    CHECK_STR(line_of(out, 0), "EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\t"
                               "SourceActorAttribute\tTargetActorFull\tTargetActorEntity\tTargetActorRole\t"
                               "TargetActorAttribute\tEventCode\tEventRootCode\tQuadClass\tGoldsteinScore\tIssues\tLat\t"
                               "Lon\tLocationName\tStateName\tCountryCode\tSentenceID\tURLs\tNewsSources");
    /* QuadClass is Phoenix's five-way class: root 03 is 1, verbal cooperation */
    CHECK_STR(line_of(out, 1), "7\t20240304\t2024\t3\t4\tPOLGOV\tPOL\tGOV\t\tUKR\tUKR\t\t\t036\t03\t1\t4.0\tPEACE\t"
                               "46.20222\t6.14569\tGeneva\tGeneva\tCHE\twire-42_1\thttps://a.test/1;https://b.test/2\t"
                               "Test Wire;Other Wire");
    free(out);
    /* root 01 (statements) is Phoenix's class 0; root 14 (protest) is 4 */
    snprintf(e.code, sizeof e.code, "010");
    out = render(FORMAT_PHOENIX, &e, NULL);
    CHECK_STR(field(line_of(out, 1), 15), "0");
    CHECK_STR(field(line_of(out, 1), 24), "https://example.org/42");   /* the story's own url without a store */
    free(out);
    snprintf(e.code, sizeof e.code, "141");
    out = render(FORMAT_PHOENIX, &e, NULL);
    CHECK_STR(field(line_of(out, 1), 15), "4");
    free(out);
    /* a role of unknown country: the full code, no entity; no actor at all: four empty columns */
    snprintf(e.source, sizeof e.source, "---CVL");
    snprintf(e.target, sizeof e.target, "---");
    out = render(FORMAT_PHOENIX, &e, NULL);
    CHECK_STR(field(line_of(out, 1), 5), "---CVL");
    CHECK_STR(field(line_of(out, 1), 6), "");
    CHECK_STR(field(line_of(out, 1), 7), "CVL");
    for (int k = 9; k <= 12; k++) CHECK_STR(field(line_of(out, 1), k), "");
    CHECK_INT(fields(line_of(out, 1)), 26);
    free(out);
}

static void test_csv(void)
{
    story st = the_story();
    event e = meeting(&st);
    char *out = render(FORMAT_CSV, &e, NULL);
    size_t n;
    const char *const *c = output_columns(FORMAT_CSV, &n);
    CHECK_INT(n, 28);
    /* the same columns as TSV, comma-separated, rows ending CRLF */
    char *tsv = render(FORMAT_TSV, &e, NULL);
    strbuf hdr;
    sb_init(&hdr);
    for (size_t i = 0; i < n; i++) sb_addf(&hdr, "%s%s", i ? "\t" : "", c[i]);
    CHECK_STR(line_of(tsv, 0), hdr.s);
    sb_clear(&hdr);
    for (size_t i = 0; i < n; i++) sb_addf(&hdr, "%s%s", i ? "," : "", c[i]);
    sb_adds(&hdr, "\r");
    CHECK_STR(line_of(out, 0), hdr.s);
    sb_free(&hdr);
    /* the sentence has a comma and quotes: quoted, quotes doubled (RFC 4180) */
    CHECK(strstr(out, "\"Polish officials met Ukraine's envoy in Geneva, \"\"briefly\"\", on Monday.\"") != NULL);
    CHECK(strstr(out, "wire-42,1,") == out + strlen(line_of(out, 0)) + 1);
    free(out);
    free(tsv);
    /* a line break inside a field stays inside the quotes */
    static char nl[] = "Poland met\nUkraine.";
    story s2 = {.id = id, .text = nl, .len = strlen(nl), .date = 20240304};
    event e2 = meeting(&s2);
    e2.sent = (span){0, (uint32_t)strlen(nl)};
    e2.source_span = e2.target_span = e2.location_span = (span){0, 0};
    e2.location = NULL;
    out = render(FORMAT_CSV, &e2, NULL);
    CHECK(strstr(out, "\r\nwire-42,1,\"Poland met\nUkraine.\",2024-03-04,day,") != NULL);
    free(out);
}

int main(void)
{
    RUN(test_parse);
    RUN(test_gdelt);
    RUN(test_icews);
    RUN(test_phoenix);
    RUN(test_csv);
    return check_done();
}

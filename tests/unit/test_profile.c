/*
 * Scoring profiles: the default profile equals docs/profile-default.json,
 * canonical round trips, every loading error with its JSON path, band
 * lookup at the edges, and territory override precedence
 * (commune > departement > region > country, ties to the first listed).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "profile_internal.h"

/* A minimal valid profile; %s receives extra top-level members (each
 * starting with a comma) or "". */
#define MATURITY                                                                                         \
	"\"alliance_maturity\":{\"tag\":\"own\",\"weights\":{\"information_sharing\":5,"                \
	"\"coordinated_activities\":10,\"pooled_resources\":15,\"capacity_building\":15,"               \
	"\"co_defined_objectives\":15,\"shared_governance\":15,\"joint_evaluation\":10,"                \
	"\"co_created_solution\":10,\"multi_year\":5}}"
#define BANDS_EVEN                                                                                       \
	"\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.5,\"points\":0},"       \
	"{\"min\":0.5,\"max\":1,\"max_inclusive\":true,\"points\":10}]}"

static char *make(const char *constants, const char *bands, const char *weights, const char *extra)
{
	static char buf[8192];
	snprintf(buf, sizeof buf,
		 "{\"format\":\"libassoc-profile/1\",\"id\":\"t\",\"version\":\"1\","
		 "\"constants\":{%s},\"bands\":{%s},\"weights\":{%s}," MATURITY "%s}",
		 constants, bands, weights, extra);
	return buf;
}

static const char *const WEIGHTS_HR = "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"hr.mix_evenness\":1}}";

static void expect_error(const char *json, int code, const char *path, const char *in_message)
{
	assoc_profile *p = NULL;
	ASSERT_CODE(assoc_profile_from_json(&p, json, strlen(json)), code);
	CU_ASSERT_PTR_NULL(p);
	if (path && strcmp(assoc_error_last()->path, path) != 0) {
		fprintf(stderr, "\n  path '%s', expected '%s' (%s)\n", assoc_error_last()->path, path,
			assoc_error_last()->message);
		CU_FAIL("wrong error path");
	}
	if (in_message && !strstr(assoc_error_last()->message, in_message)) {
		fprintf(stderr, "\n  message '%s' lacks '%s'\n", assoc_error_last()->message, in_message);
		CU_FAIL("wrong error message");
	}
	assoc_profile_free(p);
}

static void test_default_constants(void)
{
	const assoc_profile *p = assoc_profile_default();
	const char *origin = NULL;
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_EQUAL(p, assoc_profile_default()); /* built once */
	CU_ASSERT_STRING_EQUAL(assoc_profile_id(p), "libassoc-default");
	CU_ASSERT_PTR_NOT_NULL(assoc_profile_version(p));
	/* formulas.md §2: 1,607 h; SMIC brut 11.88 EUR/h since 2024-11-01; Independent Sector 31.80 USD/h (2022). */
	ASSERT_OK(assoc_profile_constant(&v, &origin, p, "fte_hours", NULL));
	ASSERT_NEAR(v, 1607, 0);
	CU_ASSERT_STRING_EQUAL(origin, "base");
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "volunteer_hourly_rate.EUR", NULL));
	ASSERT_NEAR(v, 11.88, 0);
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "volunteer_hourly_rate.USD", NULL));
	ASSERT_NEAR(v, 31.80, 0);
	/* No verified GBP rate: none is shipped. */
	ASSERT_CODE(assoc_profile_constant(&v, NULL, p, "volunteer_hourly_rate.GBP", NULL), ASSOC_ENOTFOUND);
	CU_ASSERT(strstr(assoc_error_last()->message, "volunteer_hourly_rate.GBP") != NULL);
	/* Keys other families read (score_revenue.c, score_stress.c, peers.c). */
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "revenue.unattributed_tolerance", NULL));
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "stress.epsilon_monthly", NULL));
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "benchmark.winsor_low", NULL));
	ASSERT_NEAR(v, 0.01, 0);
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "benchmark.winsor_high", NULL));
	ASSERT_NEAR(v, 0.99, 0);
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "benchmark.min_group_size", NULL));
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "benchmark.size_band_edge.1", NULL));
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "alliance.multi_year_months", NULL));
	ASSERT_NEAR(v, 24, 0);
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "composite.min_coverage", NULL));
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "alliance.maturity_min_coverage", NULL));
	assoc_profile_free((assoc_profile *)p); /* a no-op on the default */
	CU_ASSERT_STRING_EQUAL(assoc_profile_id(assoc_profile_default()), "libassoc-default");
}

/* The built-in profile is the file in docs/: serialised, both are equal;
 * and the comparison can fail: one changed value makes them differ. */
static void test_default_equals_file(void)
{
	size_t len;
	char *text = assoc_test_read_file(assoc_test_src("docs/profile-default.json"), &len), *a = NULL, *b = NULL,
	     *c = NULL, *changed, *at;
	assoc_profile *file = NULL, *other = NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	ASSERT_OK(assoc_profile_from_json(&file, text, len));
	ASSERT_OK(assoc_profile_to_json(&a, assoc_profile_default(), ASSOC_WRITE_PRETTY));
	ASSERT_OK(assoc_profile_to_json(&b, file, ASSOC_WRITE_PRETTY));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(a, b);
	/* Change 1607 to 1608 in the text: the serialisations must now differ. */
	changed = strdup(text);
	at = strstr(changed, "1607");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	at[3] = '8';
	ASSERT_OK(assoc_profile_from_json(&other, changed, len));
	ASSERT_OK(assoc_profile_to_json(&c, other, ASSOC_WRITE_PRETTY));
	CU_ASSERT(strcmp(a, c) != 0);
	assoc_free(a);
	assoc_free(b);
	assoc_free(c);
	assoc_profile_free(file);
	assoc_profile_free(other);
	free(changed);
	free(text);
}

/* Canonical form: serialise, load, serialise again gives the same text, compact and pretty. */
static void test_round_trip(void)
{
	unsigned flags[2] = { 0, ASSOC_WRITE_PRETTY };
	int i;
	for (i = 0; i < 2; i++) {
		char *a = NULL, *b = NULL;
		assoc_profile *p = NULL;
		ASSERT_OK(assoc_profile_to_json(&a, assoc_profile_default(), flags[i]));
		ASSERT_OK(assoc_profile_from_json(&p, a, strlen(a)));
		ASSERT_OK(assoc_profile_to_json(&b, p, flags[i]));
		CU_ASSERT_STRING_EQUAL(a, b);
		if (i == 0)
			CU_ASSERT(strchr(a, '\n') == NULL);
		assoc_free(a);
		assoc_free(b);
		assoc_profile_free(p);
	}
}

static void test_minimal_and_file(void)
{
	assoc_profile *p = NULL;
	char path[] = "/tmp/assoc_profile_XXXXXX";
	const char *json = make("\"fte_hours\":{\"value\":1600,\"tag\":\"own\"}", BANDS_EVEN, WEIGHTS_HR, "");
	double v;
	int fd;
	FILE *fp;
	ASSERT_OK(assoc_profile_from_json(&p, json, strlen(json)));
	ASSERT_OK(assoc_profile_constant(&v, NULL, p, "fte_hours", NULL));
	ASSERT_NEAR(v, 1600, 0);
	assoc_profile_free(p);
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(json, fp);
	fclose(fp);
	ASSERT_OK(assoc_profile_load_file(&p, path));
	CU_ASSERT_STRING_EQUAL(assoc_profile_id(p), "t");
	assoc_profile_free(p);
	remove(path);
	ASSERT_CODE(assoc_profile_load_file(&p, "/nonexistent/profile.json"), ASSOC_EIO);
}

static void test_errors(void)
{
	char buf[8192];
	const char *c = "\"fte_hours\":{\"value\":1600,\"tag\":\"own\"}";
	/* Malformed JSON: line and column. */
	ASSERT_CODE(assoc_profile_from_json(&(assoc_profile *){ NULL }, "{\n  \"format\": ,}", 14), ASSOC_EPARSE);
	CU_ASSERT_EQUAL(assoc_error_last()->line, 2);
	expect_error("{\"format\":\"libassoc-profile/1\"} x", ASSOC_EPARSE, NULL, NULL);
	expect_error("[1]", ASSOC_ETYPE, "", NULL);
	expect_error("{\"format\":\"libassoc-profile/2\"}", ASSOC_EVERSION, "/format", "libassoc-profile/2");
	expect_error("{\"id\":\"x\"}", ASSOC_EMISSING, "/format", NULL);
	/* Unknown key, at the top and deep inside, with the valid keys listed. */
	expect_error(make(c, BANDS_EVEN, WEIGHTS_HR, ",\"colour\":1"), ASSOC_EUNKNOWNKEY, "/colour", "valid keys");
	expect_error(make("\"fte_hours\":{\"value\":1600,\"tag\":\"own\",\"note\":1}", BANDS_EVEN, WEIGHTS_HR, ""),
		     ASSOC_EUNKNOWNKEY, "/constants/fte_hours/note", "unit");
	/* Wrong types. */
	expect_error(make("\"fte_hours\":{\"value\":\"1600\",\"tag\":\"own\"}", BANDS_EVEN, WEIGHTS_HR, ""), ASSOC_ETYPE,
		     "/constants/fte_hours/value", NULL);
	expect_error(make(c, BANDS_EVEN, WEIGHTS_HR, ",\"territories\":{}"), ASSOC_ETYPE, "/territories", NULL);
	/* Non-finite number: 1e999 overflows to infinity. */
	expect_error(make("\"fte_hours\":{\"value\":1e999,\"tag\":\"own\"}", BANDS_EVEN, WEIGHTS_HR, ""), ASSOC_EVALUE,
		     "/constants/fte_hours/value", "finite");
	/* Tag outside V / S / own. */
	expect_error(make("\"fte_hours\":{\"value\":1,\"tag\":\"X\"}", BANDS_EVEN, WEIGHTS_HR, ""), ASSOC_ELABEL,
		     "/constants/fte_hours/tag", "V, S, own");
	/* Missing value. */
	expect_error(make("\"fte_hours\":{\"tag\":\"own\"}", BANDS_EVEN, WEIGHTS_HR, ""), ASSOC_EMISSING,
		     "/constants/fte_hours/value", NULL);
	/* Duplicate key. */
	expect_error(make("\"a\":{\"value\":1,\"tag\":\"own\"},\"a\":{\"value\":2,\"tag\":\"own\"}", BANDS_EVEN, WEIGHTS_HR,
			  ""),
		     ASSOC_EDUPLICATE, "/constants/a", NULL);
	/* Unknown measure: the message lists the valid ones of the family. */
	expect_error(make(c, "\"hr.mix_evennes\":{\"tag\":\"own\",\"bands\":[{\"points\":1}]}", "", ""), ASSOC_ENOTFOUND,
		     "/bands/hr.mix_evennes", "hr.mix_evenness");
	expect_error(make(c, "\"zz.nothing\":{\"tag\":\"own\",\"bands\":[{\"points\":1}]}", "", ""), ASSOC_ENOTFOUND,
		     "/bands/zz.nothing", "hr.*");
	expect_error(make(c, BANDS_EVEN, "\"score.hr\":{\"tag\":\"own\",\"components\":{\"hr.mix_evenness\":1}}", ""),
		     ASSOC_ENOTFOUND, "/weights/score.hr", "score.human_resources");
	expect_error(make(c, BANDS_EVEN, "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"hr.mixx\":1}}", ""),
		     ASSOC_ENOTFOUND, "/weights/score.human_resources/components/hr.mixx", "hr.mix_evenness");
	/* Negative and zero weights. */
	expect_error(make(c, BANDS_EVEN, "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"hr.mix_evenness\":-1}}",
			  ""),
		     ASSOC_EVALUE, "/weights/score.human_resources/components/hr.mix_evenness", ">= 0");
	expect_error(make(c, BANDS_EVEN, "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"hr.mix_evenness\":0}}",
			  ""),
		     ASSOC_EVALUE, "/weights/score.human_resources/components", "sum to 0");
	/* A component without a band table. */
	expect_error(make(c, "", WEIGHTS_HR, ""), ASSOC_EMISSING, "/weights/score.human_resources/components/hr.mix_evenness",
		     "no band table");
	/* A composite may only use composites computed before it. */
	expect_error(make(c, BANDS_EVEN,
			  "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"score.overall\":1}}", ""),
		     ASSOC_EVALUE, "/weights/score.human_resources/components/score.overall", "computed after");
	/* Bands: overlap, gap, shared edge held twice or by neither, empty, negative points, no scale. */
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.6,\"points\":0},"
			     "{\"min\":0.5,\"max\":1,\"points\":10}]}", "", ""),
		     ASSOC_EVALUE, "/bands/hr.mix_evenness/bands/1", "overlaps");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.4,\"points\":0},"
			     "{\"min\":0.5,\"max\":1,\"points\":10}]}", "", ""),
		     ASSOC_EVALUE, "/bands/hr.mix_evenness/bands/1", "gap");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.5,\"max_inclusive\":true,"
			     "\"points\":0},{\"min\":0.5,\"max\":1,\"points\":10}]}", "", ""),
		     ASSOC_EVALUE, "/bands/hr.mix_evenness/bands/1", "both hold");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.5,\"points\":0},"
			     "{\"min\":0.5,\"min_inclusive\":false,\"max\":1,\"points\":10}]}", "", ""),
		     ASSOC_EVALUE, "/bands/hr.mix_evenness/bands/1", "neither holds");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"points\":0},"
			     "{\"min\":0.5,\"points\":10}]}", "", ""),
		     ASSOC_EVALUE, "/bands/hr.mix_evenness/bands/1", "overlaps");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":1,\"max\":0,\"points\":1}]}", "", ""),
		     ASSOC_EVALUE, "/bands/hr.mix_evenness/bands/0", "empty band");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"points\":-1}]}", "", ""), ASSOC_EVALUE,
		     "/bands/hr.mix_evenness/bands/0", ">= 0");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"points\":0}]}", "", ""), ASSOC_EVALUE,
		     "/bands/hr.mix_evenness/bands", "no scale");
	expect_error(make(c, "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[]}", "", ""), ASSOC_ETYPE,
		     "/bands/hr.mix_evenness/bands", NULL);
	/* Maturity weights: every one required. */
	snprintf(buf, sizeof buf, "%s", make(c, "", "", ""));
	{
		char *at = strstr(buf, ",\"multi_year\":5");
		memmove(at, at + strlen(",\"multi_year\":5"), strlen(at + strlen(",\"multi_year\":5")) + 1);
	}
	expect_error(buf, ASSOC_EMISSING, "/alliance_maturity/weights/multi_year", NULL);
	/* Overrides: a match is required and needs a field; names are unique. */
	expect_error(make(c, "", "", ",\"territories\":[{\"name\":\"a\"}]"), ASSOC_EMISSING, "/territories/0/match", NULL);
	expect_error(make(c, "", "", ",\"territories\":[{\"name\":\"a\",\"match\":{}}]"), ASSOC_EMISSING,
		     "/territories/0/match", "at least one");
	expect_error(make(c, "", "",
			  ",\"territories\":[{\"name\":\"a\",\"match\":{\"country\":\"FR\"}},"
			  "{\"name\":\"a\",\"match\":{\"country\":\"US\"}}]"),
		     ASSOC_EDUPLICATE, "/territories/1/name", NULL);
	expect_error(make(c, "", "", ",\"territories\":[{\"name\":\"a\",\"match\":{\"country\":\"FR\"},\"bands\":{"
				     "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"points\":\"x\"}]}}}]"),
		     ASSOC_ETYPE, "/territories/0/bands/hr.mix_evenness/bands/0/points", NULL);
	/* An override's weights need band tables too. */
	expect_error(make(c, "", "", ",\"territories\":[{\"name\":\"a\",\"match\":{\"country\":\"FR\"},\"weights\":{"
				     "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"hr.new_hr_share\":1}}}}]"),
		     ASSOC_EMISSING, "/territories/0/weights/score.human_resources/components/hr.new_hr_share", "override a");
	/* Invalid UTF-8. */
	expect_error("{\"format\":\"libassoc-profile/1\",\"id\":\"\xff\"}", ASSOC_EUTF8, NULL, NULL);
	ASSERT_CODE(assoc_profile_from_json(NULL, "{}", 2), ASSOC_EINVAL);
}

/* Band lookup at the edges of the Charity Navigator 2.0 admin table of the
 * default profile: 0-15 % -> 10, 15-20 -> 7.5, 20-25 -> 5, 25-30 -> 2.5,
 * > 30 -> 0, a ratio on a published edge getting the better points. */
static void test_band_edges(void)
{
	const assoc__band_table *t = assoc__profile_bands(assoc_profile_default(), NULL, "finance.admin_ratio", NULL);
	double pts;
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	ASSERT_NEAR(t->max_points, 10, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 0));
	ASSERT_NEAR(pts, 10, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 0.15));
	ASSERT_NEAR(pts, 10, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 0.1500001));
	ASSERT_NEAR(pts, 7.5, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 0.2));
	ASSERT_NEAR(pts, 7.5, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 0.3));
	ASSERT_NEAR(pts, 2.5, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 0.31));
	ASSERT_NEAR(pts, 0, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 5));
	ASSERT_NEAR(pts, 0, 0);
	/* Below the first band (min 0 inclusive): outside the table. */
	ASSERT_CODE(assoc__band_table_points(&pts, t, -0.01), ASSOC_ENOTFOUND);
	CU_ASSERT(isnan(pts));
	/* Months of cash, NFF: below 1 -> 0, [1, 3) -> 50, >= 3 -> 100; unbounded ends. */
	t = assoc__profile_bands(assoc_profile_default(), NULL, "finance.months_of_cash", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	ASSERT_OK(assoc__band_table_points(&pts, t, -100));
	ASSERT_NEAR(pts, 0, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 2.999));
	ASSERT_NEAR(pts, 50, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 3));
	ASSERT_NEAR(pts, 100, 0);
	ASSERT_OK(assoc__band_table_points(&pts, t, 1e9));
	ASSERT_NEAR(pts, 100, 0);
}

/* Overrides listed least specific last, so the order of the list cannot be
 * what decides: commune > departement > region > country. */
static const char *const OVERRIDES =
	",\"territories\":["
	"{\"name\":\"country FR\",\"match\":{\"country\":\"FR\"},\"constants\":{\"fte_hours\":{\"value\":1,\"tag\":\"own\"}}},"
	"{\"name\":\"region 75\",\"match\":{\"country\":\"FR\",\"region\":\"75\"},\"constants\":{\"fte_hours\":{\"value\":2,\"tag\":\"own\"}}},"
	"{\"name\":\"commune 86194\",\"match\":{\"commune\":\"86194\"},\"constants\":{\"fte_hours\":{\"value\":4,\"tag\":\"own\"}}},"
	"{\"name\":\"dept 86\",\"match\":{\"departement\":\"86\"},\"constants\":{\"fte_hours\":{\"value\":3,\"tag\":\"own\"},\"x\":{\"value\":30,\"tag\":\"own\"}}},"
	"{\"name\":\"dept 86 again\",\"match\":{\"departement\":\"86\"},\"constants\":{\"fte_hours\":{\"value\":33,\"tag\":\"own\"}}},"
	"{\"name\":\"country US\",\"match\":{\"country\":\"US\"},\"constants\":{\"fte_hours\":{\"value\":5,\"tag\":\"own\"}}}]";

static assoc_org *org_at(const char *territory)
{
	char json[1024];
	assoc_org *org = NULL;
	snprintf(json, sizeof json,
		 "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"o\"},"
		 "\"name\":\"O\",\"territory\":%s}}",
		 territory);
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	return org;
}

static void check_origin(const assoc_profile *p, const char *territory, const char *key, double value,
			 const char *origin)
{
	assoc_org *org = org_at(territory);
	const char *o = NULL;
	double v = 0;
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_profile_constant(&v, &o, p, key, org));
	ASSERT_NEAR(v, value, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	if (strcmp(o, origin) != 0)
		fprintf(stderr, "\n  %s: origin '%s', expected '%s'\n", territory, o, origin);
	CU_ASSERT_STRING_EQUAL(o, origin);
	assoc_org_free(org);
}

static void test_override_precedence(void)
{
	const char *json = make("\"fte_hours\":{\"value\":1607,\"tag\":\"V\"},\"x\":{\"value\":10,\"tag\":\"own\"}",
				BANDS_EVEN, WEIGHTS_HR, OVERRIDES);
	assoc_profile *p = NULL;
	ASSERT_OK(assoc_profile_from_json(&p, json, strlen(json)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	/* Poitiers (commune 86194, dept 86, région 75): the commune wins. */
	check_origin(p, "{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"86\",\"commune\":\"86194\"}", "fte_hours", 4,
		     "commune 86194");
	/* Another commune of the Vienne: the département; of the two "dept 86", the first listed. */
	check_origin(p, "{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"86\",\"commune\":\"86066\"}", "fte_hours", 3,
		     "dept 86");
	/* Gironde (33, région 75): the région. */
	check_origin(p, "{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"33\"}", "fte_hours", 2, "region 75");
	/* Paris (région 11): only the country. */
	check_origin(p, "{\"country\":\"FR\",\"region\":\"11\",\"departement\":\"75\"}", "fte_hours", 1, "country FR");
	/* Elsewhere: the base value. */
	check_origin(p, "{\"country\":\"DE\"}", "fte_hours", 1607, "base");
	check_origin(p, "{\"country\":\"US\",\"region\":\"US-NY\"}", "fte_hours", 5, "country US");
	/* A key the matching override lacks falls back to the base, not to a less specific override. */
	check_origin(p, "{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"86\",\"commune\":\"86194\"}", "x", 10,
		     "base");
	check_origin(p, "{\"country\":\"FR\",\"departement\":\"86\"}", "x", 30, "dept 86");
	assoc_profile_free(p);
}

static void *thread_default(void *arg)
{
	(void)arg;
	return (void *)assoc_profile_default();
}

static void test_default_threads(void)
{
	pthread_t t[8];
	void *got[8];
	int i;
	for (i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, thread_default, NULL);
	for (i = 0; i < 8; i++)
		pthread_join(t[i], &got[i]);
	for (i = 0; i < 8; i++)
		CU_ASSERT_PTR_EQUAL(got[i], assoc_profile_default());
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "default constants", test_default_constants },
		{ "default equals docs/profile-default.json", test_default_equals_file },
		{ "canonical round trip", test_round_trip },
		{ "minimal profile and file", test_minimal_and_file },
		{ "loading errors with paths", test_errors },
		{ "band edges", test_band_edges },
		{ "override precedence", test_override_precedence },
		{ "default profile from threads", test_default_threads },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("profile", tests);
}

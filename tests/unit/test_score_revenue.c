/*
 * Revenue family: the split, funder grouping, and what the vectors do not
 * check -- explanations, inputs, contributions, labels, profile entries.
 */
#include <string.h>
#include "harness.h"
#include "score_internal.h"

static assoc_org *org_from(const char *json)
{
	assoc_org *org = NULL;
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	return org;
}

static assoc_report *report(const assoc_org *org, unsigned flags)
{
	assoc_report *rep = NULL;
	assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
	opts.flags = flags;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, &opts));
	return rep;
}

static double contribution_sum(const assoc_result *r)
{
	double sum = 0, v;
	size_t i;
	for (i = 0; i < assoc_result_contribution_count(r); i++) {
		ASSERT_OK(assoc_result_contribution(NULL, &v, r, i));
		sum += v;
	}
	return sum;
}

static int input(double *v, const assoc_result *r, const char *name)
{
	const char *n;
	size_t i;
	for (i = 0; i < assoc_result_input_count(r); i++) {
		ASSERT_OK(assoc_result_input(&n, v, r, i));
		if (strcmp(n, name) == 0)
			return 1;
	}
	return 0;
}

/* Dues 30 %, region 70 %, plus a -10000 asset sale (clamped). */
static const char *TWO_STREAMS = "{\"id\":{\"scheme\":\"other\",\"value\":\"t1\"},\"name\":\"T\",\"years\":[{"
				 "\"year\":2023,\"currency\":\"EUR\",\"revenue\":["
				 "{\"label\":\"Cotisations\",\"category\":\"membership_dues\",\"amount\":30000},"
				 "{\"label\":\"Region\",\"category\":\"subsidy_region\",\"amount\":70000},"
				 "{\"label\":\"Vente du camion\",\"category\":\"asset_sales\",\"amount\":-10000}]}]}";

static void test_split(void)
{
	assoc_org *org = org_from(TWO_STREAMS);
	const assoc__year *y = ASSOC__AT(org->years, assoc__year, 0);
	assoc__split s;
	assoc__split_year(&s, y);
	/* S = 30000 + 70000; the -10000 line counts in the net only */
	ASSERT_NEAR(s.positive, 100000, 0);
	ASSERT_NEAR(s.lines, 90000, 0);
	ASSERT_NEAR(s.total, 90000, 0);
	CU_ASSERT_EQUAL(s.declared, 0);
	CU_ASSERT_EQUAL(s.clamped, 1);
	CU_ASSERT_EQUAL(s.nlines, 3);
	ASSERT_NEAR(s.stream[ASSOC_STREAM_FINANCIAL_OTHER], 0, 0);
	ASSERT_NEAR(s.stream_net[ASSOC_STREAM_FINANCIAL_OTHER], -10000, 0);
	ASSERT_NEAR(s.category[ASSOC_CAT_SUBSIDY_REGION], 70000, 0);
	ASSERT_NEAR(assoc__year_revenue(y), 90000, 0);
	assoc_org_free(org);
}

/* revenue_complete false without a total: R unknown, the split still made
 * (the funder level uses it); with a total, or true, or unknown: as before. */
static void test_partial_split(void)
{
	assoc_org *org = org_from("{\"id\":{\"scheme\":\"other\",\"value\":\"p\"},\"name\":\"P\",\"years\":["
				  "{\"year\":2015,\"currency\":\"EUR\",\"revenue_complete\":false,\"revenue\":["
				  "{\"category\":\"subsidy_region\",\"amount\":60000},"
				  "{\"category\":\"subsidy_departement\",\"amount\":40000}]},"
				  "{\"year\":2016,\"currency\":\"EUR\",\"revenue_complete\":false,\"total_revenue\":250000,"
				  "\"revenue\":[{\"category\":\"subsidy_region\",\"amount\":60000}]},"
				  "{\"year\":2017,\"currency\":\"EUR\",\"revenue_complete\":true,\"revenue\":["
				  "{\"category\":\"subsidy_region\",\"amount\":60000}]},"
				  "{\"year\":2018,\"currency\":\"EUR\",\"revenue_complete\":false}]}");
	const assoc__year *y = ASSOC__AT(org->years, assoc__year, 0);
	assoc__split s;
	char buf[200];
	assoc__split_year(&s, y);
	/* 2015: the lines are split (S = 100000) but R is unknown. */
	CU_ASSERT_EQUAL(assoc__year_revenue_partial(y), 1);
	CU_ASSERT_EQUAL(s.partial, 1);
	CU_ASSERT_EQUAL(s.declared, 0);
	CU_ASSERT_FALSE(assoc__has(s.total));
	ASSERT_NEAR(s.positive, 100000, 0);
	ASSERT_NEAR(s.lines, 100000, 0);
	ASSERT_NEAR(s.stream[ASSOC_STREAM_PUBLIC_SUBSIDIES], 100000, 0);
	CU_ASSERT_FALSE(assoc__has(assoc__year_revenue(y)));
	CU_ASSERT_STRING_EQUAL(assoc__revenue_partial_reason(buf, sizeof buf, y, ": x"),
			       "the revenue lines of 2015 are only part of the revenue (revenue_complete is false): x");
	/* 2016: a declared total makes R known (the remainder is unattributed). */
	y = ASSOC__AT(org->years, assoc__year, 1);
	assoc__split_year(&s, y);
	CU_ASSERT_EQUAL(assoc__year_revenue_partial(y), 0);
	CU_ASSERT_EQUAL(s.partial, 0);
	CU_ASSERT_EQUAL(s.declared, 1);
	ASSERT_NEAR(s.total, 250000, 0);
	ASSERT_NEAR(assoc__year_revenue(y), 250000, 0);
	/* 2017: true is the default reading, R = the sum of the lines. */
	y = ASSOC__AT(org->years, assoc__year, 2);
	assoc__split_year(&s, y);
	CU_ASSERT_EQUAL(s.partial, 0);
	ASSERT_NEAR(s.total, 60000, 0);
	ASSERT_NEAR(assoc__year_revenue(y), 60000, 0);
	/* 2018: partial and no line at all. */
	y = ASSOC__AT(org->years, assoc__year, 3);
	assoc__split_year(&s, y);
	CU_ASSERT_EQUAL(s.partial, 1);
	CU_ASSERT_EQUAL(s.nlines, 0);
	CU_ASSERT_FALSE(assoc__has(s.total));
	CU_ASSERT_FALSE(assoc__has(assoc__year_revenue(y)));
	assoc_org_free(org);
}

/* The funder level of a partial year keeps its inputs; the stream level
 * carries the reason, also in a values-only report. */
static void test_partial_results(void)
{
	assoc_org *org = org_from("{\"id\":{\"scheme\":\"other\",\"value\":\"p\"},\"name\":\"P\",\"years\":["
				  "{\"year\":2015,\"currency\":\"EUR\",\"revenue_complete\":false,\"revenue\":["
				  "{\"category\":\"subsidy_region\",\"amount\":60000,\"funder\":{\"name\":\"R\"}},"
				  "{\"category\":\"subsidy_departement\",\"amount\":40000}]}]}");
	unsigned flags[2] = { 0, ASSOC_SCORE_VALUES_ONLY };
	int k;
	for (k = 0; k < 2; k++) {
		assoc_report *rep = report(org, flags[k]);
		const assoc_result *r = assoc_report_find(rep, "revenue.streams.hhi", 2015, NULL);
		double v;
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
		CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(r), "revenue_complete is false"));
		/* One named funder of 60000 among S = 100000 recorded: partial, coverage 0.6, H = 1. */
		r = assoc_report_find(rep, "revenue.funders.hhi", 2015, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
		ASSERT_OK(assoc_result_value(&v, r));
		ASSERT_NEAR(v, 1, 1e-12);
		ASSERT_NEAR(assoc_result_coverage(r), 0.6, 1e-12);
		CU_ASSERT_STRING_EQUAL(assoc_result_reason(r), "40% of recorded positive revenue (40000 of 100000) names no funder");
		if (k == 0) {
			CU_ASSERT(input(&v, r, "positive_revenue"));
			ASSERT_NEAR(v, 60000, 0);
			CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "of identified recorded revenue"));
			CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "covers only the 2 recorded revenue lines of 2015"));
			r = assoc_report_find(rep, "revenue.total", 2015, NULL);
			CU_ASSERT(input(&v, r, "sum_of_lines"));
			ASSERT_NEAR(v, 100000, 0);
		}
		assoc_report_free(rep);
	}
	assoc_org_free(org);
}

static void test_explained(void)
{
	assoc_org *org = org_from(TWO_STREAMS);
	assoc_report *rep = report(org, 0);
	const assoc_result *h = assoc_report_find(rep, "revenue.streams.hhi", 2023, NULL);
	const assoc_result *e = assoc_report_find(rep, "revenue.streams.entropy", 2023, NULL);
	const assoc_result *d = assoc_report_find(rep, "revenue.streams.dependence", 2023, NULL);
	const assoc_result *t = assoc_report_find(rep, "revenue.total", 2023, NULL);
	const char *name;
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	/* H = 0.3^2 + 0.7^2; contributions p_i^2 add up to it; the six streams are listed */
	ASSERT_OK(assoc_result_value(&v, h));
	ASSERT_NEAR(v, 0.58, 1e-15);
	CU_ASSERT_EQUAL(assoc_result_contribution_count(h), 6);
	ASSERT_NEAR(contribution_sum(h), 0.58, 1e-15);
	/* entropy contributions -p ln p add up to the entropy */
	ASSERT_NEAR(contribution_sum(e), 0.6108643020548935, 1e-15);
	/* the dependence names its group and lists the shares (sum 1) */
	CU_ASSERT_STRING_EQUAL(assoc_result_label(d), "public_subsidies");
	ASSERT_NEAR(contribution_sum(d), 1.0, 1e-15);
	ASSERT_OK(assoc_result_contribution(&name, &v, d, 4));
	CU_ASSERT_STRING_EQUAL(name, "public_subsidies");
	ASSERT_NEAR(v, 0.7, 1e-15);
	CU_ASSERT_FATAL(input(&v, d, "positive_revenue"));
	ASSERT_NEAR(v, 100000, 0);
	CU_ASSERT_FATAL(input(&v, d, "groups"));
	ASSERT_NEAR(v, 6, 0);
	/* the sentence carries the numbers and names the clamped line */
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(d), "70%"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(d), "dependence rate 0.7"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(h), "Vente du camion (-10000)"));
	CU_ASSERT_STRING_EQUAL(assoc_result_source_tag(h), "V");
	CU_ASSERT_STRING_EQUAL(assoc_result_formula_id(h), "hhi");
	CU_ASSERT_STRING_EQUAL(assoc_result_unit(d), "share");
	/* no declared total: R = 30000 + 70000 - 10000, and the sentence says so */
	ASSERT_OK(assoc_result_value(&v, t));
	ASSERT_NEAR(v, 90000, 0);
	CU_ASSERT_STRING_EQUAL(assoc_result_label(t), "EUR");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(t), "no total declared"));
	CU_ASSERT_PTR_NULL(assoc_result_reason(t));
	assoc_report_free(rep);
	assoc_org_free(org);
}

static void test_values_only(void)
{
	assoc_org *org = org_from(TWO_STREAMS);
	assoc_report *rep = report(org, ASSOC_SCORE_VALUES_ONLY);
	const assoc_result *d = assoc_report_find(rep, "revenue.streams.dependence", 2023, NULL);
	const assoc_result *f = assoc_report_find(rep, "revenue.funders.hhi", 2023, NULL);
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	ASSERT_OK(assoc_result_value(&v, d));
	ASSERT_NEAR(v, 0.7, 1e-15);
	/* the label is a value, kept; the sentence, inputs and contributions are not */
	CU_ASSERT_STRING_EQUAL(assoc_result_label(d), "public_subsidies");
	CU_ASSERT_PTR_NULL(assoc_result_explanation(d));
	CU_ASSERT_EQUAL(assoc_result_input_count(d), 0);
	CU_ASSERT_EQUAL(assoc_result_contribution_count(d), 0);
	/* reasons stay */
	CU_ASSERT_EQUAL(assoc_result_status(f), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT_STRING_EQUAL(assoc_result_reason(f), "no revenue line names its funder");
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Region 60000 + 20000 under two spellings, a foundation known by id only
 * (20000, twice 10000), a line with a funder of 0, donations unnamed. */
static const char *FUNDERS =
	"{\"id\":{\"scheme\":\"other\",\"value\":\"t2\"},\"name\":\"F\",\"years\":[{"
	"\"year\":2023,\"currency\":\"EUR\",\"total_revenue\":125000,\"revenue\":["
	"{\"category\":\"individual_donations\",\"amount\":25000},"
	"{\"category\":\"foundation_grants\",\"amount\":10000,\"funder\":{\"id\":{\"scheme\":\"other\",\"value\":\"FDN-42\"}}},"
	"{\"category\":\"subsidy_region\",\"amount\":60000,\"funder\":{\"name\":\"R\\u00e9gion Pays de la Loire\"}},"
	"{\"category\":\"subsidy_region\",\"amount\":20000,\"funder\":{\"name\":\"region PAYS de la loire\"}},"
	"{\"category\":\"foundation_grants\",\"amount\":10000,\"funder\":{\"id\":{\"scheme\":\"other\",\"value\":\"FDN-42\"}}},"
	"{\"category\":\"other_income\",\"amount\":0,\"funder\":{\"name\":\"Nobody\"}}]}]}";

static void test_funders_group(void)
{
	assoc_org *org = org_from(FUNDERS);
	const assoc__year *y = ASSOC__AT(org->years, assoc__year, 0);
	assoc__funders f;
	char buf[64];
	ASSERT_OK(assoc__funders_group(&f, y));
	/* 5 lines name a funder; "Nobody" has no positive amount: 2 groups (K = 2) */
	CU_ASSERT_EQUAL(f.lines, 5);
	CU_ASSERT_EQUAL_FATAL(f.n, 2);
	ASSERT_NEAR(f.identified, 100000, 0);
	/* in order of first appearance: the foundation (line 1), then the région */
	ASSERT_NEAR(f.groups[0].amount, 20000, 0);
	CU_ASSERT_STRING_EQUAL(assoc__funder_display(buf, sizeof buf, f.groups[0].funder), "other:FDN-42");
	ASSERT_NEAR(f.groups[1].amount, 80000, 0);
	CU_ASSERT_STRING_EQUAL(assoc__funder_display(buf, sizeof buf, f.groups[1].funder), "R\xc3\xa9gion Pays de la Loire");
	assoc__funders_dispose(&f);
	assoc_org_free(org);
}

static void test_funders_partial(void)
{
	assoc_org *org = org_from(FUNDERS);
	assoc_report *rep = report(org, 0);
	const assoc_result *d = assoc_report_find(rep, "revenue.funders.dependence", 2023, NULL);
	const assoc_result *h = assoc_report_find(rep, "revenue.funders.hhi", 2023, NULL);
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	/* identified 100000 of S = 125000: partial, coverage 0.8; shares 0.2 / 0.8 */
	CU_ASSERT_EQUAL(assoc_result_status(d), ASSOC_STATUS_PARTIAL);
	ASSERT_NEAR(assoc_result_coverage(d), 0.8, 1e-15);
	ASSERT_OK(assoc_result_value(&v, d));
	ASSERT_NEAR(v, 0.8, 1e-15);
	CU_ASSERT_STRING_EQUAL(assoc_result_label(d), "R\xc3\xa9gion Pays de la Loire");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(d), "20% of positive revenue (25000 of 125000) names no funder"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(d), "of identified revenue"));
	/* H = 0.04 + 0.64 */
	ASSERT_OK(assoc_result_value(&v, h));
	ASSERT_NEAR(v, 0.68, 1e-15);
	CU_ASSERT_EQUAL(assoc_result_contribution_count(h), 2);
	/* lines add up to the declared total: no tolerance was needed, none recorded */
	CU_ASSERT_EQUAL(assoc_result_profile_entry_count(h), 0);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Declared 100000, lines 99500: within the default 1 % tolerance, which
 * the share results then list among their profile entries. */
static void test_tolerance_entry(void)
{
	assoc_org *org = org_from("{\"id\":{\"scheme\":\"other\",\"value\":\"t3\"},\"name\":\"U\",\"years\":[{"
				  "\"year\":2020,\"currency\":\"USD\",\"total_revenue\":100000,\"revenue\":["
				  "{\"category\":\"individual_donations\",\"amount\":69500},"
				  "{\"category\":\"program_service_revenue\",\"amount\":30000}]}]}");
	assoc_report *rep = report(org, 0);
	const assoc_result *h = assoc_report_find(rep, "revenue.streams.hhi", 2020, NULL);
	const assoc_result *t = assoc_report_find(rep, "revenue.total", 2020, NULL);
	const char *key, *origin;
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(assoc_result_status(h), ASSOC_STATUS_OK);
	CU_ASSERT_EQUAL_FATAL(assoc_result_profile_entry_count(h), 1);
	ASSERT_OK(assoc_result_profile_entry(&key, &v, &origin, h, 0));
	CU_ASSERT_STRING_EQUAL(key, "revenue.unattributed_tolerance");
	ASSERT_NEAR(v, 0.01, 0);
	CU_ASSERT_STRING_EQUAL(origin, "base");
	/* the total is the declared one, and says how far the lines are */
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(t), "a difference of 500"));
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* 10 % unattributed: every share is refused, with the amounts in the reason. */
static void test_unattributed_reason(void)
{
	assoc_org *org = org_from("{\"id\":{\"scheme\":\"other\",\"value\":\"t4\"},\"name\":\"U\",\"years\":[{"
				  "\"year\":2019,\"currency\":\"USD\",\"total_revenue\":100000,\"revenue\":["
				  "{\"category\":\"individual_donations\",\"amount\":60000},"
				  "{\"category\":\"program_service_revenue\",\"amount\":30000}]}]}");
	assoc_report *rep = report(org, 0);
	const char *ids[] = { "revenue.streams.hhi", "revenue.categories.evenness", "revenue.funders.shares",
			      "revenue.public_share", "revenue.activity_share", "revenue.investment_share",
			      "finance.fundraising_efficiency", "stress.largest_stream" };
	size_t i;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const assoc_result *r = assoc_report_find(rep, ids[i], 2019, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
		CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(r), "sum to 90000 but the declared total is 100000"));
	}
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Shares of categories list only the categories with revenue. */
static void test_category_contributions(void)
{
	assoc_org *org = org_from(TWO_STREAMS);
	assoc_report *rep = report(org, 0);
	const assoc_result *r = assoc_report_find(rep, "revenue.categories.shares", 2023, NULL);
	const char *name;
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 2, 0);
	CU_ASSERT_EQUAL_FATAL(assoc_result_contribution_count(r), 2);
	ASSERT_OK(assoc_result_contribution(&name, &v, r, 0));
	CU_ASSERT_STRING_EQUAL(name, "membership_dues");
	ASSERT_NEAR(v, 0.3, 1e-15);
	ASSERT_CODE(assoc_result_contribution(&name, &v, r, 2), ASSOC_ENOTFOUND);
	assoc_report_free(rep);
	assoc_org_free(org);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "the split of a year", test_split },
		{ "the split of a partial year", test_partial_split },
		{ "partial year: funders kept, shares refused", test_partial_results },
		{ "explanations, inputs, contributions", test_explained },
		{ "values-only results", test_values_only },
		{ "funder grouping", test_funders_group },
		{ "funders: partial coverage", test_funders_partial },
		{ "tolerance recorded as a profile entry", test_tolerance_entry },
		{ "unattributed revenue: every share refused", test_unattributed_reason },
		{ "category contributions", test_category_contributions },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("score_revenue", tests);
}

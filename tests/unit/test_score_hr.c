/*
 * Lever 1, human resources (formulas.md §2): FTE of the four kinds,
 * civic-service hours from missions, volunteer value by currency, mix
 * evenness, new-HR share, leverage, volunteering relative to budget, and
 * their edge cases (zero employees, headcount without hours, no rate for
 * the currency). Expected values are derived by hand in the comments.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

/* One organisation, one year (2024), revenue 100,000 in `currency`. */
static assoc_org *org_with(const char *currency, const char *people)
{
	char json[4096];
	assoc_org *org = NULL;
	snprintf(json, sizeof json,
		 "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"hr\"},"
		 "\"name\":\"HR test\",\"years\":[{\"year\":2024,\"currency\":\"%s\","
		 "\"revenue\":[{\"category\":\"individual_donations\",\"amount\":100000}],"
		 "\"people\":%s}]}}",
		 currency, people);
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	return org;
}

static assoc_report *report_of(assoc_org *org)
{
	assoc_report *rep = NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	return rep;
}

static const assoc_result *get(const assoc_report *rep, const char *measure)
{
	const assoc_result *r = assoc_report_find(rep, measure, 2024, NULL);
	if (!r)
		fprintf(stderr, "\n  no result %s\n", measure);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
}

static void expect_value(const assoc_report *rep, const char *measure, assoc_status status, double expected)
{
	const assoc_result *r = get(rep, measure);
	double v;
	if (assoc_result_status(r) != status)
		fprintf(stderr, "\n  %s: status %d, expected %d (%s)\n", measure, assoc_result_status(r), status,
			assoc_result_reason(r) ? assoc_result_reason(r) : "");
	CU_ASSERT_EQUAL(assoc_result_status(r), status);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, expected, 1e-9);
}

static void expect_not_computable(const assoc_report *rep, const char *measure, const char *reason_part)
{
	const assoc_result *r = get(rep, measure);
	double v = 0;
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	ASSERT_CODE(assoc_result_value(&v, r), ASSOC_EABSENT);
	CU_ASSERT(isnan(v)); /* never a silent 0 */
	CU_ASSERT_PTR_NOT_NULL_FATAL(assoc_result_reason(r));
	if (!strstr(assoc_result_reason(r), reason_part))
		fprintf(stderr, "\n  %s: reason '%s' lacks '%s'\n", measure, assoc_result_reason(r), reason_part);
	CU_ASSERT(strstr(assoc_result_reason(r), reason_part) != NULL);
}

/* volunteers 6,428 h; employees 2 FTE declared; civic service: missions
 * 6 months x 24 h/week and 12 months x 35 h/week, one volunteer each;
 * skills sponsorship: two sponsors with 100 h and 60 h (no group hours). */
static const char *const FULL =
	"{\"volunteers\":{\"headcount\":50,\"hours\":6428},\"employees\":{\"headcount\":3,\"fte\":2},"
	"\"civic_service\":{\"headcount\":2,\"missions\":[{\"months\":6,\"weekly_hours\":24},"
	"{\"months\":12,\"weekly_hours\":35,\"volunteers\":1}]},"
	"\"skills_sponsorship\":{\"headcount\":4,\"sponsors\":[{\"company\":\"A\",\"hours\":100},"
	"{\"company\":\"B\",\"hours\":60}]}}";

static void test_full_year(void)
{
	assoc_org *org = org_with("EUR", FULL);
	assoc_report *rep = report_of(org);
	const assoc_result *r;
	const char *key, *origin;
	double v;
	/* Volunteers: 6,428 h / 1,607 h per FTE = 4 FTE exactly. */
	expect_value(rep, "hr.fte.volunteers", ASSOC_STATUS_OK, 4);
	/* Employees: the declared 2 FTE. */
	expect_value(rep, "hr.fte.employees", ASSOC_STATUS_OK, 2);
	/* Civic service: 6 x 24 x 52/12 = 624 h; 12 x 35 x 52/12 = 1,820 h; 2,444 h in all. */
	expect_value(rep, "hr.civic_service_hours", ASSOC_STATUS_OK, 2444);
	expect_value(rep, "hr.fte.civic_service", ASSOC_STATUS_OK, 2444.0 / 1607);
	/* Skills sponsorship: 100 + 60 = 160 h of the sponsors, / 1,607. */
	expect_value(rep, "hr.fte.skills_sponsorship", ASSOC_STATUS_OK, 160.0 / 1607);
	/* Total: 4 + 2 + 1.520846 + 0.099564 = 7.620411 FTE. */
	expect_value(rep, "hr.fte.total", ASSOC_STATUS_OK, 6 + 2604.0 / 1607);
	/* Volunteer value: 6,428 h x 11.88 EUR (SMIC brut since 2024-11-01) = 76,364.64 EUR. */
	expect_value(rep, "hr.volunteer_value", ASSOC_STATUS_OK, 76364.64);
	r = get(rep, "hr.volunteer_value");
	CU_ASSERT_EQUAL_FATAL(assoc_result_profile_entry_count(r), 1);
	ASSERT_OK(assoc_result_profile_entry(&key, &v, &origin, r, 0));
	CU_ASSERT_STRING_EQUAL(key, "volunteer_hourly_rate.EUR");
	ASSERT_NEAR(v, 11.88, 0);
	CU_ASSERT_STRING_EQUAL(origin, "base");
	/* Relative to the 100,000 EUR budget: 0.7636464. */
	expect_value(rep, "hr.volunteering_to_budget", ASSOC_STATUS_OK, 0.7636464);
	/* Leverage: 4 volunteer FTE / 2 employee FTE = 2. */
	expect_value(rep, "hr.volunteer_leverage", ASSOC_STATUS_OK, 2);
	/* New HR: (1.520846 + 0.099564) / 7.620411 = 0.2126409 (computed with Python from the exact fractions). */
	expect_value(rep, "hr.new_hr_share", ASSOC_STATUS_OK, 0.212640862322391);
	/* Evenness: p = (4, 2, 1.520846, 0.099564) / 7.620411;
	 * -sum p ln p = 1.067702; / ln 4 (1.386294) = 0.7701852. */
	expect_value(rep, "hr.mix_evenness", ASSOC_STATUS_OK, 0.7701852039457681);
	r = get(rep, "hr.mix_evenness");
	CU_ASSERT_EQUAL(assoc_result_contribution_count(r), 4);
	ASSERT_OK(assoc_result_contribution(&key, &v, r, 0));
	CU_ASSERT_STRING_EQUAL(key, "volunteers");
	ASSERT_NEAR(v, 4 / (6 + 2604.0 / 1607), 1e-12);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Four equal FTEs: evenness exactly 1, new-HR share exactly 1/2. */
static void test_even_mix(void)
{
	assoc_org *org = org_with("EUR", "{\"volunteers\":{\"fte\":1},\"employees\":{\"fte\":1},"
					 "\"civic_service\":{\"fte\":1},\"skills_sponsorship\":{\"hours\":1607}}");
	assoc_report *rep = report_of(org);
	expect_value(rep, "hr.mix_evenness", ASSOC_STATUS_OK, 1);
	expect_value(rep, "hr.new_hr_share", ASSOC_STATUS_OK, 0.5);
	/* Volunteer hours from the declared FTE: 1 x 1,607 h x 11.88 = 19,091.16 EUR. */
	expect_value(rep, "hr.volunteer_value", ASSOC_STATUS_OK, 19091.16);
	/* Civic-service hours from the declared FTE: 1,607. */
	expect_value(rep, "hr.civic_service_hours", ASSOC_STATUS_OK, 1607);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Zero employees: FTE 0 is a known value, leverage is not computable
 * (volunteer-only association), everything else still works. */
static void test_zero_employees(void)
{
	assoc_org *org = org_with("EUR", "{\"volunteers\":{\"hours\":3214},\"employees\":{\"headcount\":0},"
					 "\"civic_service\":{\"headcount\":0},\"skills_sponsorship\":{\"headcount\":0}}");
	assoc_report *rep = report_of(org);
	expect_value(rep, "hr.fte.employees", ASSOC_STATUS_OK, 0);
	expect_not_computable(rep, "hr.volunteer_leverage", "volunteer-only association");
	/* One kind only: entropy 0, evenness 0; new-HR share 0 / 2 = 0. */
	expect_value(rep, "hr.mix_evenness", ASSOC_STATUS_OK, 0);
	expect_value(rep, "hr.new_hr_share", ASSOC_STATUS_OK, 0);
	expect_value(rep, "hr.fte.total", ASSOC_STATUS_OK, 2);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Civic service counted (3 people) without hours, FTE or missions: its FTE
 * is not computable, and the measures needing it are partial (coverage
 * 3/4) over the other kinds, never computed as if it were 0. */
static void test_headcount_without_hours(void)
{
	assoc_org *org = org_with("EUR", "{\"volunteers\":{\"hours\":6428},\"employees\":{\"fte\":2},"
					 "\"civic_service\":{\"headcount\":3},\"skills_sponsorship\":{\"hours\":160}}");
	assoc_report *rep = report_of(org);
	const assoc_result *r;
	expect_not_computable(rep, "hr.fte.civic_service", "neither their hours nor their FTE");
	expect_not_computable(rep, "hr.civic_service_hours", "neither their hours nor their FTE");
	/* Evenness over the three known kinds, K = 4: p = (4, 2, 0.099564) / 6.099564;
	 * -sum p ln p = 0.7197, / ln 4 -> computed below from the same fractions. */
	r = get(rep, "hr.mix_evenness");
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	ASSERT_NEAR(assoc_result_coverage(r), 0.75, 0);
	CU_ASSERT(strstr(assoc_result_reason(r), "civic-service") != NULL);
	{
		double f[3] = { 4, 2, 160.0 / 1607 }, t = f[0] + f[1] + f[2], h = 0, v;
		int i;
		for (i = 0; i < 3; i++)
			h -= f[i] / t * log(f[i] / t);
		ASSERT_OK(assoc_result_value(&v, r));
		ASSERT_NEAR(v, h / log(4), 1e-12);
	}
	/* New HR over the known kinds: 0.099564 / 6.099564. */
	r = get(rep, "hr.new_hr_share");
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	ASSERT_NEAR(assoc_result_coverage(r), 0.75, 0);
	expect_value(rep, "hr.new_hr_share", ASSOC_STATUS_PARTIAL, (160.0 / 1607) / (6 + 160.0 / 1607));
	expect_value(rep, "hr.fte.total", ASSOC_STATUS_PARTIAL, 6 + 160.0 / 1607);
	/* Leverage needs only volunteers and employees: 4 / 2. */
	expect_value(rep, "hr.volunteer_leverage", ASSOC_STATUS_OK, 2);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* No verified hourly rate for GBP: volunteer value is not computable and
 * the reason names the currency; USD uses 31.80 $/h (Independent Sector 2022). */
static void test_currency_rates(void)
{
	assoc_org *gb = org_with("GBP", "{\"volunteers\":{\"hours\":100},\"employees\":{\"fte\":1}}");
	assoc_org *us = org_with("USD", "{\"volunteers\":{\"hours\":100},\"employees\":{\"fte\":1}}");
	assoc_report *rg = report_of(gb), *ru = report_of(us);
	expect_not_computable(rg, "hr.volunteer_value", "GBP");
	expect_not_computable(rg, "hr.volunteering_to_budget", "GBP");
	/* 100 h x 31.80 = 3,180 USD; / 100,000 = 0.0318. */
	expect_value(ru, "hr.volunteer_value", ASSOC_STATUS_OK, 3180);
	expect_value(ru, "hr.volunteering_to_budget", ASSOC_STATUS_OK, 0.0318);
	assoc_report_free(rg);
	assoc_report_free(ru);
	assoc_org_free(gb);
	assoc_org_free(us);
}

/* A mission without weekly hours makes civic-service hours unknown, and
 * a year without any people figures leaves every FTE not computable. */
static void test_missing_inputs(void)
{
	assoc_org *org = org_with("EUR", "{\"civic_service\":{\"missions\":[{\"months\":6}]}}");
	assoc_report *rep = report_of(org);
	expect_not_computable(rep, "hr.civic_service_hours", "weekly_hours");
	expect_not_computable(rep, "hr.fte.civic_service", "weekly_hours");
	expect_not_computable(rep, "hr.fte.volunteers", "no figures on volunteers");
	expect_not_computable(rep, "hr.mix_evenness", "FTE");
	expect_not_computable(rep, "hr.fte.total", "no kind of people");
	expect_not_computable(rep, "hr.volunteer_value", "volunteer hours are unknown");
	expect_not_computable(rep, "hr.volunteer_leverage", "employee FTE is unknown");
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* A territory override of fte_hours is applied and named in the result. */
static void test_override_constant(void)
{
	const char *profile_json =
		"{\"format\":\"libassoc-profile/1\",\"id\":\"t\",\"version\":\"1\","
		"\"constants\":{\"fte_hours\":{\"value\":1607,\"tag\":\"V\"}},"
		"\"alliance_maturity\":{\"tag\":\"own\",\"weights\":{\"information_sharing\":1,\"coordinated_activities\":1,"
		"\"pooled_resources\":1,\"capacity_building\":1,\"co_defined_objectives\":1,\"shared_governance\":1,"
		"\"joint_evaluation\":1,\"co_created_solution\":1,\"multi_year\":1}},"
		"\"territories\":[{\"name\":\"everywhere FR\",\"match\":{\"country\":\"FR\"},"
		"\"constants\":{\"fte_hours\":{\"value\":1000,\"tag\":\"own\"}}}]}";
	const char *json = "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"o\"},"
			   "\"name\":\"O\",\"territory\":{\"country\":\"FR\"},\"years\":[{\"year\":2024,\"currency\":\"EUR\","
			   "\"people\":{\"volunteers\":{\"hours\":500}}}]}}";
	assoc_profile *p = NULL;
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	const assoc_result *r;
	const char *key, *origin;
	double v;
	ASSERT_OK(assoc_profile_from_json(&p, profile_json, strlen(profile_json)));
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, p, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	/* 500 h / 1,000 h per FTE (the override) = 0.5. */
	r = assoc_report_find(rep, "hr.fte.volunteers", 2024, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 0.5, 0);
	CU_ASSERT_EQUAL_FATAL(assoc_result_profile_entry_count(r), 1);
	ASSERT_OK(assoc_result_profile_entry(&key, &v, &origin, r, 0));
	CU_ASSERT_STRING_EQUAL(key, "fte_hours");
	CU_ASSERT_STRING_EQUAL(origin, "everywhere FR");
	/* This profile has no hourly rate at all: not computable, no invented rate. */
	r = assoc_report_find(rep, "hr.volunteer_value", 2024, NULL);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	assoc_report_free(rep);
	assoc_org_free(org);
	assoc_profile_free(p);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "a full year by hand", test_full_year },
		{ "four equal kinds", test_even_mix },
		{ "zero employees", test_zero_employees },
		{ "headcount without hours", test_headcount_without_hours },
		{ "hourly rates by currency", test_currency_rates },
		{ "missing inputs", test_missing_inputs },
		{ "territory override of fte_hours", test_override_constant },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("score_hr", tests);
}

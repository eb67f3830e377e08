/*
 * Composite scores (formulas.md §5): band points, weights, renormalisation
 * when an indicator is not computable, the minimum coverage, a 0-10 table
 * put on 0-100, composites of composites, and a territory override of the
 * weights ("pinot noir"). A small profile of our own makes every number
 * checkable by hand.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

/* Bands:
 *   hr.volunteer_leverage   [0,1) -> 0, [1,inf) -> 10   (a 0-10 table: 10 is 100 points)
 *   hr.new_hr_share         [0,0.1) -> 20, [0.1,1] -> 100
 *   hr.mix_evenness         [0,0.8) -> 50, [0.8,1] -> 100
 *   territory.local_public_funding_share [0,0.5) -> 0, [0.5,1] -> 100
 * Weights: score.human_resources = leverage 2, new HR 1, mix 1, volunteering/budget 0;
 *          score.territory = local funding 1; score.overall = HR 1, territory 1.
 * Override "dept 86": score.overall = HR 1, territory 3. */
static char *profile_json(double min_coverage)
{
	static char buf[4096];
	snprintf(buf, sizeof buf,
		 "{\"format\":\"libassoc-profile/1\",\"id\":\"comp\",\"version\":\"1\","
		 "\"constants\":{\"fte_hours\":{\"value\":1000,\"tag\":\"own\"},"
		 "\"composite.min_coverage\":{\"value\":%g,\"tag\":\"own\"}},"
		 "\"bands\":{"
		 "\"hr.volunteer_leverage\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":1,\"points\":0},{\"min\":1,\"points\":10}]},"
		 "\"hr.new_hr_share\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.1,\"points\":20},"
		 "{\"min\":0.1,\"max\":1,\"max_inclusive\":true,\"points\":100}]},"
		 "\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.8,\"points\":50},"
		 "{\"min\":0.8,\"max\":1,\"max_inclusive\":true,\"points\":100}]},"
		 "\"hr.volunteering_to_budget\":{\"tag\":\"own\",\"bands\":[{\"points\":100}]},"
		 "\"territory.local_public_funding_share\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.5,\"points\":0},"
		 "{\"min\":0.5,\"max\":1,\"max_inclusive\":true,\"points\":100}]}},"
		 "\"weights\":{"
		 "\"score.human_resources\":{\"tag\":\"own\",\"components\":{\"hr.volunteer_leverage\":2,\"hr.new_hr_share\":1,"
		 "\"hr.mix_evenness\":1,\"hr.volunteering_to_budget\":0}},"
		 "\"score.territory\":{\"tag\":\"own\",\"components\":{\"territory.local_public_funding_share\":1}},"
		 "\"score.overall\":{\"tag\":\"own\",\"components\":{\"score.human_resources\":1,\"score.territory\":1}}},"
		 "\"alliance_maturity\":{\"tag\":\"own\",\"weights\":{\"information_sharing\":1,\"coordinated_activities\":1,"
		 "\"pooled_resources\":1,\"capacity_building\":1,\"co_defined_objectives\":1,\"shared_governance\":1,"
		 "\"joint_evaluation\":1,\"co_created_solution\":1,\"multi_year\":1}},"
		 "\"territories\":[{\"name\":\"dept 86\",\"match\":{\"departement\":\"86\"},\"weights\":{"
		 "\"score.overall\":{\"tag\":\"own\",\"components\":{\"score.human_resources\":1,\"score.territory\":3}}}}]}",
		 min_coverage);
	return buf;
}

/* 2024: volunteers 2,000 h (2 FTE at 1,000 h), employees 1, civic 1, skills 0 FTE;
 *       subsidies commune 1,000 + State 1,000.
 * 2023: employees 0 (leverage not computable), volunteers 2, civic 1, skills 1 FTE; no subsidy.
 * 2022: no people figures at all. */
static assoc_org *org_in(const char *departement)
{
	char json[4096];
	assoc_org *org = NULL;
	snprintf(json, sizeof json,
		 "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"c\"},\"name\":\"C\","
		 "\"territory\":{\"country\":\"FR\",\"departement\":\"%s\"},\"years\":["
		 "{\"year\":2022,\"currency\":\"EUR\"},"
		 "{\"year\":2023,\"currency\":\"EUR\",\"people\":{\"volunteers\":{\"fte\":2},\"employees\":{\"fte\":0},"
		 "\"civic_service\":{\"fte\":1},\"skills_sponsorship\":{\"fte\":1}}},"
		 "{\"year\":2024,\"currency\":\"EUR\",\"revenue\":[{\"category\":\"subsidy_commune\",\"amount\":1000},"
		 "{\"category\":\"subsidy_state\",\"amount\":1000}],"
		 "\"people\":{\"volunteers\":{\"hours\":2000},\"employees\":{\"fte\":1},"
		 "\"civic_service\":{\"fte\":1},\"skills_sponsorship\":{\"hours\":0}}}]}}",
		 departement);
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	return org;
}

/* Profiles outlive their reports (a report may point at override names). */
static assoc_profile *profiles[16];
static size_t nprofiles;

static void free_profiles(void)
{
	while (nprofiles)
		assoc_profile_free(profiles[--nprofiles]);
}

static assoc_report *run(assoc_org *org, double min_coverage, unsigned flags)
{
	const char *json = profile_json(min_coverage);
	assoc_profile *p = NULL;
	assoc_report *rep = NULL;
	assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
	opts.flags = flags;
	ASSERT_OK(assoc_profile_from_json(&p, json, strlen(json)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_report_new(&rep, org, p, &opts));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	profiles[nprofiles++] = p;
	return rep;
}

static const assoc_result *get(const assoc_report *rep, const char *m, int year)
{
	const assoc_result *r = assoc_report_find(rep, m, year, NULL);
	if (!r)
		fprintf(stderr, "\n  no %s for %d\n", m, year);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
}

static double contribution(const assoc_result *r, const char *name)
{
	size_t i;
	for (i = 0; i < assoc_result_contribution_count(r); i++) {
		const char *n;
		double v;
		assoc_result_contribution(&n, &v, r, i);
		if (strcmp(n, name) == 0)
			return v;
	}
	return NAN;
}

/* 2024, every component computable:
 *   leverage 2/1 = 2 -> 10 of max 10 -> 100 points, weight 2;
 *   new HR (1 + 0)/4 = 0.25 -> 100, weight 1;
 *   mix: FTE (2, 1, 1, 0), p = (1/2, 1/4, 1/4): H = 1/2 ln 2 + 1/2 ln 4 = 1.5 ln 2;
 *        / ln 4 = 0.75 -> 50, weight 1;
 *   volunteering/budget has weight 0: not a component.
 *   score = (2 x 100 + 100 + 50) / 4 = 87.5; contributions 50, 25, 12.5. */
static void test_weighted_points(void)
{
	assoc_org *org = org_in("33");
	assoc_report *rep = run(org, 0.5, 0);
	const assoc_result *r = get(rep, "score.human_resources", 2024);
	double v;
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_OK);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 87.5, 1e-9);
	ASSERT_NEAR(assoc_result_coverage(r), 1, 0);
	CU_ASSERT_EQUAL(assoc_result_contribution_count(r), 3);
	ASSERT_NEAR(contribution(r, "hr.volunteer_leverage"), 50, 1e-9);
	ASSERT_NEAR(contribution(r, "hr.new_hr_share"), 25, 1e-9);
	ASSERT_NEAR(contribution(r, "hr.mix_evenness"), 12.5, 1e-9);
	/* Territory: local 1,000 of 2,000 = 0.5 -> 100. Overall: (87.5 + 100) / 2 = 93.75. */
	ASSERT_OK(assoc_result_value(&v, get(rep, "score.territory", 2024)));
	ASSERT_NEAR(v, 100, 0);
	r = get(rep, "score.overall", 2024);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 93.75, 1e-9);
	assoc_report_free(rep);
	/* Values only: same value, no contributions. */
	rep = run(org, 0.5, ASSOC_SCORE_VALUES_ONLY);
	r = get(rep, "score.human_resources", 2024);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 87.5, 1e-9);
	CU_ASSERT_EQUAL(assoc_result_contribution_count(r), 0);
	assoc_report_free(rep);
	assoc_org_free(org);
	free_profiles();
}

/* 2023: leverage is not computable (no employees): dropped, weights
 * renormalised over new HR (1) and mix (1): new HR (1 + 1)/4 = 0.5 -> 100;
 * mix over (2, 0, 1, 1) = 0.75 -> 50; score = (100 + 50)/2 = 75;
 * coverage = 2/4 = 0.5, exactly the minimum: partial, naming the dropped one.
 * With a minimum of 0.6 the same year is not computable. */
static void test_renormalisation_and_minimum(void)
{
	assoc_org *org = org_in("33");
	assoc_report *rep = run(org, 0.5, 0);
	const assoc_result *r = get(rep, "score.human_resources", 2023);
	double v;
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 75, 1e-9);
	ASSERT_NEAR(assoc_result_coverage(r), 0.5, 0);
	CU_ASSERT(strstr(assoc_result_reason(r), "hr.volunteer_leverage") != NULL);
	CU_ASSERT(strstr(assoc_result_reason(r), "volunteer-only") != NULL);
	CU_ASSERT(strstr(assoc_result_explanation(r), "hr.volunteer_leverage") != NULL);
	/* Overall 2023: territory not computable (no subsidy) -> dropped; HR alone: 75, coverage 0.5. */
	r = get(rep, "score.overall", 2023);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 75, 1e-9);
	CU_ASSERT(strstr(assoc_result_reason(r), "score.territory") != NULL);
	/* 2022: nothing at all -> coverage 0 -> not computable. */
	r = get(rep, "score.human_resources", 2022);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	ASSERT_NEAR(assoc_result_coverage(r), 0, 0);
	assoc_report_free(rep);

	rep = run(org, 0.6, 0);
	r = get(rep, "score.human_resources", 2023);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	ASSERT_CODE(assoc_result_value(&v, r), ASSOC_EABSENT);
	CU_ASSERT(strstr(assoc_result_reason(r), "minimum 60%") != NULL);
	CU_ASSERT(strstr(assoc_result_reason(r), "hr.volunteer_leverage") != NULL);
	/* 2024 is unaffected. */
	ASSERT_OK(assoc_result_value(&v, get(rep, "score.human_resources", 2024)));
	ASSERT_NEAR(v, 87.5, 1e-9);
	assoc_report_free(rep);
	assoc_org_free(org);
	free_profiles();
}

/* "Pinot noir": the same figures in the Vienne (86) use the override's
 * overall weights HR 1, territory 3: (87.5 + 3 x 100) / 4 = 96.875, and
 * the result names the override in its profile entries. */
static void test_override_weights(void)
{
	assoc_org *vienne = org_in("86"), *gironde = org_in("33");
	assoc_report *rv = run(vienne, 0.5, 0), *rg = run(gironde, 0.5, 0);
	const assoc_result *r = get(rv, "score.overall", 2024);
	size_t i, named = 0;
	double v;
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 96.875, 1e-9);
	for (i = 0; i < assoc_result_profile_entry_count(r); i++) {
		const char *key, *origin;
		double w;
		assoc_result_profile_entry(&key, &w, &origin, r, i);
		if (strcmp(key, "weights.score.overall.score.territory") == 0) {
			ASSERT_NEAR(w, 3, 0);
			CU_ASSERT_STRING_EQUAL(origin, "dept 86");
			named++;
		}
	}
	CU_ASSERT_EQUAL(named, 1);
	CU_ASSERT(strstr(assoc_result_explanation(r), "dept 86") != NULL);
	/* The lever scores themselves are the same in both places. */
	ASSERT_OK(assoc_result_value(&v, get(rv, "score.human_resources", 2024)));
	ASSERT_NEAR(v, 87.5, 1e-9);
	ASSERT_OK(assoc_result_value(&v, get(rg, "score.overall", 2024)));
	ASSERT_NEAR(v, 93.75, 1e-9);
	assoc_report_free(rv);
	assoc_report_free(rg);
	assoc_org_free(vienne);
	assoc_org_free(gironde);
	free_profiles();
}

/* The default profile scores the financing lever from band tables citing
 * NFF, Charity Navigator and the HHI convention; every composite id is
 * produced per year (or once for alliances). */
static void test_default_profile_composites(void)
{
	assoc_org *org = org_in("33");
	assoc_report *rep = NULL;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "score.human_resources", 2024, NULL));
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "score.financing", 2024, NULL));
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "score.territory", 2024, NULL));
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "score.overall", 2024, NULL));
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "score.alliances", 0, NULL));
	CU_ASSERT_PTR_NULL(assoc_report_find(rep, "score.alliances", 2024, NULL));
	assoc_report_free(rep);
	assoc_org_free(org);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "weighted points", test_weighted_points },
		{ "renormalisation and minimum coverage", test_renormalisation_and_minimum },
		{ "territory override of weights", test_override_weights },
		{ "default profile composites", test_default_profile_composites },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("score_composite", tests);
}

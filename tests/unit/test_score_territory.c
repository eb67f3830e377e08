/*
 * Territory (formulas.md §4): the local share of public subsidies per
 * year, the declared scope, the priority-area flags echoed as inputs, and
 * the territory override named in the results.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

/* Poitiers (FR, région 75, dept 86). 2024: subsidies département 30,000,
 * région 10,000, State 40,000, EU 20,000, "other public" from a commune
 * (funder level) 10,000, "other public" of unknown level 5,000, a commune
 * line of -2,000 (a repayment: clamped to 0); plus donations 50,000 and a
 * public contract 7,000, which are not subsidies.
 * 2023: State 10,000 and social bodies (CAF) 10,000: nothing local.
 * 2022: no public subsidy. */
static const char *const ORG =
	"{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"t\"},\"name\":\"T\","
	"\"territory\":{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"86\",\"commune\":\"86194\"},"
	"\"scope\":\"régional\","
	"\"priority_areas\":{\"qpv\":true,\"frr\":false,\"digital_fragility\":7,\"vintage\":\"2024-07-01\"},"
	"\"years\":["
	"{\"year\":2022,\"currency\":\"EUR\",\"revenue\":[{\"category\":\"individual_donations\",\"amount\":1000}]},"
	"{\"year\":2023,\"currency\":\"EUR\",\"revenue\":[{\"category\":\"subsidy_state\",\"amount\":10000},"
	"{\"category\":\"subsidy_social_bodies\",\"amount\":10000}]},"
	"{\"year\":2024,\"currency\":\"EUR\",\"revenue\":["
	"{\"category\":\"subsidy_departement\",\"amount\":30000},{\"category\":\"subsidy_region\",\"amount\":10000},"
	"{\"category\":\"subsidy_state\",\"amount\":40000},{\"category\":\"subsidy_eu\",\"amount\":20000},"
	"{\"category\":\"subsidy_other_public\",\"amount\":10000,\"funder\":{\"name\":\"Ville\",\"kind\":\"public_authority\",\"public_level\":\"commune\"}},"
	"{\"category\":\"subsidy_other_public\",\"amount\":5000},"
	"{\"category\":\"subsidy_commune\",\"amount\":-2000},"
	"{\"category\":\"individual_donations\",\"amount\":50000},{\"category\":\"public_contracts\",\"amount\":7000}]}]}}";

static void test_local_public_funding(void)
{
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	const assoc_result *r;
	double v;
	ASSERT_OK(assoc_org_from_json(&org, ORG, strlen(ORG), NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	/* 2024: local = 30,000 + 10,000 + 10,000 (+ 0 for the clamped -2,000) = 50,000;
	 * known levels = 50,000 + 40,000 + 20,000 = 110,000 -> 0.454545...;
	 * 5,000 of unknown level: partial, coverage 110,000 / 115,000. */
	r = assoc_report_find(rep, "territory.local_public_funding_share", 2024, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 50000.0 / 110000, 1e-12);
	ASSERT_NEAR(assoc_result_coverage(r), 110000.0 / 115000, 1e-12);
	CU_ASSERT(strstr(assoc_result_reason(r), "5000.00 EUR") != NULL);
	/* 2023: State and social bodies are not local: 0, a known zero. */
	r = assoc_report_find(rep, "territory.local_public_funding_share", 2023, NULL);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_OK);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 0, 0);
	/* 2022: no public subsidy -> not computable, not 0. */
	r = assoc_report_find(rep, "territory.local_public_funding_share", 2022, NULL);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT(strstr(assoc_result_reason(r), "no public subsidy") != NULL);
	assoc_report_free(rep);

	/* With options.year = 2023 only that year's share is computed. */
	{
		assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
		opts.year = 2023;
		ASSERT_OK(assoc_report_new(&rep, org, NULL, &opts));
		CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "territory.local_public_funding_share", 2023, NULL));
		CU_ASSERT_PTR_NULL(assoc_report_find(rep, "territory.local_public_funding_share", 2024, NULL));
		assoc_report_free(rep);
	}
	assoc_org_free(org);
}

static void test_scope_flags_override(void)
{
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	const assoc_result *r;
	double v;
	ASSERT_OK(assoc_org_from_json(&org, ORG, strlen(ORG), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	/* Scope "régional" (French label) is the third level. */
	r = assoc_report_find(rep, "territory.scope", 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 3, 0);
	CU_ASSERT_STRING_EQUAL(assoc_result_label(r), "regional");
	/* The default profile's région 75 override applies, and is named. */
	CU_ASSERT(strstr(assoc_result_explanation(r), "FR-75 Nouvelle-Aquitaine") != NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(assoc_report_territory_override(rep));
	CU_ASSERT_STRING_EQUAL(assoc_report_territory_override(rep), "FR-75 Nouvelle-Aquitaine (demonstration)");
	/* Flags echoed, dated. */
	r = assoc_report_find(rep, "territory.qpv", 0, NULL);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 1, 0);
	CU_ASSERT(strstr(assoc_result_explanation(r), "2024-07-01") != NULL);
	r = assoc_report_find(rep, "territory.frr", 0, NULL);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 0, 0);
	r = assoc_report_find(rep, "territory.digital_fragility", 0, NULL);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 7, 0);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Unsupplied flags and scope are not computable (never 0), and an
 * organisation outside région 75 gets no override. */
static void test_unsupplied(void)
{
	const char *json = "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"u\"},"
			   "\"name\":\"U\",\"territory\":{\"country\":\"FR\",\"region\":\"11\"}}}";
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	const char *ids[] = { "territory.scope", "territory.qpv", "territory.frr", "territory.digital_fragility" };
	size_t i;
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	for (i = 0; i < 4; i++) {
		const assoc_result *r = assoc_report_find(rep, ids[i], 0, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	}
	CU_ASSERT_PTR_NULL(assoc_report_territory_override(rep));
	assoc_report_free(rep);
	assoc_org_free(org);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "local public funding share", test_local_public_funding },
		{ "scope, flags and override", test_scope_flags_override },
		{ "unsupplied inputs", test_unsupplied },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("score_territory", tests);
}

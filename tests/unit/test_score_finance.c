/*
 * Financial health, trends and stress tests: the public stress API, the
 * explanations and inputs, and the profile constants they depend on.
 */
#include <string.h>
#include <cjson/cJSON.h>
#include "harness.h"

static assoc_org *org_from(const char *json)
{
	assoc_org *org = NULL;
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	return org;
}

/* R = 100000 (dues 10000, gifts 40000, département 30000, sales 20000),
 * E = 90000 of which depreciation 6000, cash 42000. */
static const char *COMPLETE =
	"{\"id\":{\"scheme\":\"other\",\"value\":\"f1\"},\"name\":\"C\",\"years\":[{\"year\":2023,\"currency\":\"EUR\","
	"\"revenue\":[{\"category\":\"membership_dues\",\"amount\":10000},"
	"{\"category\":\"individual_donations\",\"amount\":40000,\"funder\":{\"name\":\"Many people\"}},"
	"{\"category\":\"subsidy_departement\",\"amount\":30000,\"funder\":{\"name\":\"D\\u00e9partement 44\"}},"
	"{\"category\":\"sales_services\",\"amount\":20000,\"funder\":{\"name\":\"Clients\"}}],"
	"\"expenses\":{\"total\":90000,\"program\":72000,\"admin\":13500,\"fundraising\":4500,\"depreciation\":6000},"
	"\"balance\":{\"assets\":200000,\"liabilities\":50000,\"net_assets\":150000,\"unrestricted_net_assets\":120000,"
	"\"cash\":42000,\"net_fixed_assets\":60000}}]}";

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

static void test_remove_largest(void)
{
	assoc_org *org = org_from(COMPLETE);
	assoc_result *r = NULL;
	double v;
	/* largest stream: gifts 40000; monthly gap (84000 - 60000)/12 = 2000; 42000/2000 = 21 */
	ASSERT_OK(assoc_stress_remove_largest(&r, org, 2023, ASSOC_LEVEL_STREAMS, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(assoc_result_measure(r), "stress.largest_stream");
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 21, 1e-12);
	CU_ASSERT_STRING_EQUAL(assoc_result_label(r), "gifts");
	CU_ASSERT_FATAL(input(&v, r, "lost_amount"));
	ASSERT_NEAR(v, 40000, 0);
	CU_ASSERT_FATAL(input(&v, r, "monthly_gap"));
	ASSERT_NEAR(v, 2000, 1e-9);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "a monthly gap of 2000.00"));
	CU_ASSERT_EQUAL(assoc_result_profile_entry_count(r), 1);
	assoc_result_free(r);
	/* largest funder: "Many people" 40000 too, every line named: ok, same value */
	ASSERT_OK(assoc_stress_remove_largest(&r, org, 2023, ASSOC_LEVEL_FUNDERS, NULL));
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	/* dues (10000) name no funder: coverage 90000/100000 */
	ASSERT_NEAR(assoc_result_coverage(r), 0.9, 1e-15);
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 21, 1e-12);
	CU_ASSERT_STRING_EQUAL(assoc_result_label(r), "Many people");
	assoc_result_free(r);
	/* categories are no stress level; an absent year is not found */
	ASSERT_CODE(assoc_stress_remove_largest(&r, org, 2023, ASSOC_LEVEL_CATEGORIES, NULL), ASSOC_EINVAL);
	CU_ASSERT_PTR_NULL(r);
	ASSERT_CODE(assoc_stress_remove_largest(&r, org, 1999, ASSOC_LEVEL_STREAMS, NULL), ASSOC_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "1999"));
	ASSERT_CODE(assoc_stress_remove_largest(NULL, org, 2023, ASSOC_LEVEL_STREAMS, NULL), ASSOC_EINVAL);
	assoc_org_free(org);
}

static void test_stream_drop(void)
{
	assoc_org *org = org_from(COMPLETE);
	assoc_result *r = NULL;
	double v;
	/* gifts fall by 100 %: the largest-stream scenario, 21 months */
	ASSERT_OK(assoc_stress_stream_drop(&r, org, 2023, ASSOC_STREAM_GIFTS, 1.0, NULL));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 21, 1e-12);
	CU_ASSERT_STRING_EQUAL(assoc_result_subject(r), "gifts");
	assoc_result_free(r);
	/* subsidies fall by half: 15000 lost, R' = 85000 > cash expenses 84000: no gap;
	 * floor 0.01 x 7000 = 70 a month: 42000 / 70 = 600 months */
	ASSERT_OK(assoc_stress_stream_drop(&r, org, 2023, ASSOC_STREAM_PUBLIC_SUBSIDIES, 0.5, NULL));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 600, 1e-9);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "still covers"));
	CU_ASSERT_FATAL(input(&v, r, "lost_amount"));
	ASSERT_NEAR(v, 15000, 0);
	assoc_result_free(r);
	/* a stream with no revenue can fall too: nothing changes (same floor: 600) */
	ASSERT_OK(assoc_stress_stream_drop(&r, org, 2023, ASSOC_STREAM_PUBLIC_CONTRACTS, 1.0, NULL));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 600, 1e-9);
	assoc_result_free(r);
	ASSERT_CODE(assoc_stress_stream_drop(&r, org, 2023, ASSOC_STREAM__COUNT, 0.5, NULL), ASSOC_EVALUE);
	ASSERT_CODE(assoc_stress_stream_drop(&r, org, 2023, ASSOC_STREAM_GIFTS, 1.5, NULL), ASSOC_EVALUE);
	ASSERT_CODE(assoc_stress_stream_drop(&r, org, 2023, ASSOC_STREAM_GIFTS, NAN, NULL), ASSOC_EVALUE);
	/* only on demand: the report does not hold it */
	ASSERT_CODE(assoc_measure_compute(&r, org, "stress.stream_drop", 2023, "gifts", NULL), ASSOC_ENOTFOUND);
	assoc_org_free(org);
}

/* The default profile without stress.epsilon_monthly: the stress test says so. */
static void test_missing_constant(void)
{
	assoc_profile *p = NULL;
	assoc_org *org = org_from(COMPLETE);
	assoc_result *r = NULL;
	char *text = NULL, *trimmed;
	cJSON *doc;
	ASSERT_OK(assoc_profile_to_json(&text, assoc_profile_default(), 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	doc = cJSON_Parse(text);
	assoc_free(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "constants"),
								     "stress.epsilon_monthly"));
	cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "constants"),
						"stress.epsilon_monthly");
	trimmed = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	ASSERT_OK(assoc_profile_from_json(&p, trimmed, strlen(trimmed)));
	cJSON_free(trimmed);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	ASSERT_OK(assoc_stress_remove_largest(&r, org, 2023, ASSOC_LEVEL_STREAMS, p));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(r), "stress.epsilon_monthly"));
	assoc_result_free(r);
	assoc_profile_free(p);
	assoc_org_free(org);
}

static void test_finance_explained(void)
{
	assoc_org *org = org_from(COMPLETE);
	assoc_result *r = NULL;
	double v;
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.months_of_cash", 2023, NULL, NULL));
	/* 42000 / ((90000 - 6000)/12) */
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 6, 1e-12);
	CU_ASSERT_STRING_EQUAL(assoc_result_unit(r), "months");
	CU_ASSERT_FATAL(input(&v, r, "depreciation"));
	ASSERT_NEAR(v, 6000, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "7000.00 a month"));
	assoc_result_free(r);
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.operating_margin", 2023, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "surplus of 10000 EUR"));
	assoc_result_free(r);
	/* a per-year measure asked for year 0 / an absent year */
	ASSERT_CODE(assoc_measure_compute(&r, org, "finance.debt_ratio", 0, NULL, NULL), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_measure_compute(&r, org, "finance.nothing", 2023, NULL, NULL), ASSOC_ENOTFOUND);
	assoc_org_free(org);
}

static void test_missing_inputs(void)
{
	/* no depreciation: taken as 0 and said; no cash: not computable, named */
	assoc_org *org = org_from("{\"id\":{\"scheme\":\"other\",\"value\":\"f2\"},\"name\":\"M\",\"years\":["
				  "{\"year\":2022,\"currency\":\"EUR\",\"expenses\":{\"total\":120000}},"
				  "{\"year\":2023,\"currency\":\"EUR\",\"expenses\":{\"total\":120000},\"balance\":{\"cash\":30000}}]}");
	assoc_result *r = NULL;
	double v;
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.months_of_cash", 2022, NULL, NULL));
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT_STRING_EQUAL(assoc_result_reason(r), "cash is missing");
	ASSERT_CODE(assoc_result_value(&v, r), ASSOC_EABSENT);
	CU_ASSERT(isnan(v));
	assoc_result_free(r);
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.months_of_cash", 2023, NULL, NULL));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 3, 1e-12);
	CU_ASSERT_FATAL(input(&v, r, "depreciation"));
	CU_ASSERT(isnan(v));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "absent so taken as 0"));
	assoc_result_free(r);
	/* no revenue at all: the margin names it */
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.operating_margin", 2023, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(r), "no declared total and no revenue lines"));
	assoc_result_free(r);
	assoc_org_free(org);
}

static void test_trend_inputs(void)
{
	assoc_org *org = org_from("{\"id\":{\"scheme\":\"other\",\"value\":\"f3\"},\"name\":\"G\",\"years\":["
				  "{\"year\":2023,\"currency\":\"EUR\",\"total_revenue\":121000},"
				  "{\"year\":2020,\"currency\":\"EUR\"},"
				  "{\"year\":2021,\"currency\":\"EUR\",\"total_revenue\":100000}]}");
	assoc_result *r = NULL;
	const char *name;
	double v;
	/* 2021 -> 2023: (1.21)^(1/2) - 1 = 0.1 */
	ASSERT_OK(assoc_measure_compute(&r, org, "trend.revenue_growth", 0, NULL, NULL));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 0.1, 1e-12);
	CU_ASSERT_EQUAL(assoc_result_year(r), 0);
	/* inputs: the known years in order */
	CU_ASSERT_EQUAL_FATAL(assoc_result_input_count(r), 2);
	ASSERT_OK(assoc_result_input(&name, &v, r, 0));
	CU_ASSERT_STRING_EQUAL(name, "2021");
	ASSERT_NEAR(v, 100000, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_explanation(r), "10.00% over 2 years"));
	assoc_result_free(r);
	ASSERT_OK(assoc_measure_compute(&r, org, "trend.revenue_volatility", 0, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(r), "2 known, 1 unknown"));
	assoc_result_free(r);
	assoc_org_free(org);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "stress: remove the largest", test_remove_largest },
		{ "stress: a stream falls", test_stream_drop },
		{ "stress: constant missing from the profile", test_missing_constant },
		{ "finance: explanations and inputs", test_finance_explained },
		{ "finance: missing inputs", test_missing_inputs },
		{ "trend: inputs and reasons", test_trend_inputs },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("score_finance", tests);
}
